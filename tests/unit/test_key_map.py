"""The one key map: a letter means one thing on every screen that binds it."""

from __future__ import annotations

from collections import defaultdict

from textual.binding import Binding

from screens.calendar import CalendarScreen
from screens.day import DayScreen
from screens.evening import EveningScreen
from screens.export import ExportDialog
from screens.help import HelpScreen
from screens.history import HistoryScreen
from screens.insights import InsightsScreen
from screens.midday import MiddayScreen
from screens.morning import MorningScreen
from screens.today import TodayScreen
from tui.app import SelftrustApp

SCREENS = (
    SelftrustApp,
    TodayScreen,
    MorningScreen,
    MiddayScreen,
    EveningScreen,
    HistoryScreen,
    DayScreen,
    CalendarScreen,
    InsightsScreen,
    ExportDialog,
    HelpScreen,
)
TOGGLES = {frozenset({"show_year", "show_month"})}  # one key, the view it is not showing


def test_a_letter_means_one_thing_on_every_screen() -> None:
    meanings: dict[str, set[str]] = defaultdict(set)
    for screen in SCREENS:
        for binding in Binding.make_bindings(screen.BINDINGS):
            if len(binding.key) == 1:  # a letter a tired hand presses without looking
                meanings[binding.key].add(binding.action.removeprefix("app.").split("(")[0])
    clashes = {key: sorted(actions) for key, actions in meanings.items() if len(actions) > 1}
    clashes = {key: actions for key, actions in clashes.items() if frozenset(actions) not in TOGGLES}
    assert not clashes
