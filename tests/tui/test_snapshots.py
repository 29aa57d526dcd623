"""Snapshots of the screens at a fixed size, on a small fixed journal with a fixed clock.

Update with `pytest --snapshot-update tests/tui/test_snapshots.py` only after looking at
the report: every change here is a change a user sees.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input, TextArea

from data.daytime import FixedClock
from data.settings import Settings
from data.store import Store
from tests.tui.test_history import seed
from tui.app import make_app

TZ = "Europe/Berlin"


def journal_app(start: str = "today"):
    clock = FixedClock("2026-11-27T13:15:00", TZ)
    store = Store.in_memory()
    seed(store, clock)
    return make_app(store=store, settings=Settings(timezone=TZ), clock=clock, start=start)


async def steady(pilot) -> None:
    """No blinking cursors, so a snapshot is the same every time."""
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False
    await pilot.pause()


def test_history(snap_compare):
    async def before(pilot):
        await pilot.press("h")
        await steady(pilot)

    assert snap_compare(journal_app(), terminal_size=(100, 30), run_before=before)


def test_history_filtered(snap_compare):
    async def before(pilot):
        await pilot.press("h", "slash", "a", "l")
        await steady(pilot)

    assert snap_compare(journal_app(), terminal_size=(100, 30), run_before=before)


def test_day_view(snap_compare):
    async def before(pilot):
        await pilot.app.run_action("open_day('2026-11-20')")
        await steady(pilot)

    assert snap_compare(journal_app(), terminal_size=(100, 30), run_before=before)


def test_conflict_dialog_at_80x24(snap_compare):
    from data.edits import Conflict
    from tui.dialogs import ConflictDialog

    conflict = Conflict(
        "learned",
        "What I learned",
        "",
        "The fear passes when I say it plainly.",
        "Saying it early was easier than\nwaiting for the right moment.",
    )

    async def before(pilot):
        await pilot.app.push_screen(ConflictDialog(conflict, "1 of 2"))
        await steady(pilot)

    assert snap_compare(journal_app(), terminal_size=(80, 24), run_before=before)


# -- every screen at the smallest terminal the product supports and at a roomy one --------------

SIZES = {"80x24": (80, 24), "120x40": (120, 40)}


def practice_app():
    """The fixed journal of three past days, and today under way: two decisions, one wobble checked."""
    from data.models import State

    clock = FixedClock("2026-11-27T13:15:00", TZ)
    store = Store.in_memory()
    seed(store, clock)
    now = clock.now()
    sam = store.add_decision(
        now,
        "2026-11-27",
        "Say no to the Saturday shift without explaining twice",
        "Relational Key",
        why="Rest is mine to keep",
    )
    store.add_decision(now, "2026-11-27", "Phone off during the first work hour", "Inner Foundation")
    store.save_check(now, sam, State.WOBBLING, pulls=["guilt"], patterns=["explained again"], body="jaw clenched")
    return make_app(store=store, settings=Settings(timezone=TZ), clock=clock), store


async def _press(pilot, *keys: str) -> None:
    await pilot.pause()
    await pilot.press(*keys)
    await pilot.pause()


async def _counted(pilot) -> None:
    """Wait for a screen's worker (the insights' counting, the export's preview) and its drawing."""
    for _ in range(50):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not getattr(pilot.app.screen, "counting", False):
            break


def _conflict():
    from data.edits import Conflict
    from tui.dialogs import ConflictDialog

    conflict = Conflict(
        "learned",
        "What I learned",
        "",
        "The fear passes when I say it plainly.",
        "Saying it early was easier than\nwaiting for the right moment.",
    )
    return ConflictDialog(conflict, "1 of 2")


async def _planned(pilot) -> None:
    """Morning with a decision typed, two pulls ticked and one plan written (the other left empty)."""
    from tests.tui.conftest import type_text

    await _press(pilot, "m")
    await type_text(pilot, "Send the report as it is")
    await pilot.press("tab", "tab", "tab", "space", "down", "down", "space", "tab", "tab")
    await type_text(pilot, "send it as written")
    await pilot.pause()


def _open(name: str, store: Store):
    """How a user reaches screen NAME from Today."""

    async def before(pilot) -> None:
        if name == "today":
            await pilot.pause()
        elif name == "morning-new":
            await _press(pilot, "m")
        elif name == "morning-plans":
            await _planned(pilot)
        elif name == "morning-editing":
            decision = store.decisions_on("2026-11-27")[0]
            await pilot.pause()
            await pilot.app.run_action(f"edit_decision('{decision.id}')")
            await pilot.pause()
        elif name == "midday":
            await _press(pilot, "c")
        elif name == "evening":
            await _press(pilot, "e")
        elif name == "history":
            await _press(pilot, "h")
        elif name == "day-view":
            await pilot.pause()
            await pilot.app.run_action("open_day('2026-11-20')")
            await pilot.pause()
        elif name == "calendar-month":
            await _press(pilot, "k")
        elif name == "calendar-year":
            await _press(pilot, "k")
            await _press(pilot, "v")
        elif name == "insights":
            await _press(pilot, "i")
            await _counted(pilot)
        elif name == "export":
            await _press(pilot, "x")
            await _counted(pilot)
        elif name == "help":
            await _press(pilot, "f1")
        elif name == "conflict-dialog":
            await pilot.pause()
            await pilot.app.push_screen(_conflict())
        await steady(pilot)

    return before


SCREENS = [
    "today",
    "morning-new",
    "morning-plans",
    "morning-editing",
    "midday",
    "evening",
    "history",
    "day-view",
    "calendar-month",
    "calendar-year",
    "insights",
    "export",
    "help",
    "conflict-dialog",
]


# Already held elsewhere: the conflict dialog at 80x24 above, the calendar's year at 80x24 in test_calendar.
HELD = {("conflict-dialog", "80x24"), ("calendar-year", "80x24")}


@pytest.mark.parametrize(
    ("name", "size"), [(name, size) for name in SCREENS for size in SIZES if (name, size) not in HELD]
)
def test_every_screen(snap_compare, name, size):
    app, store = practice_app()
    assert snap_compare(app, terminal_size=SIZES[size], run_before=_open(name, store))


def test_plan_read_back_at_80x24(snap_compare):
    async def before(pilot):
        await _planned(pilot)
        from tests.tui.conftest import type_text
        from tests.waits import wait_until
        from tui.dialogs import PlanReadBack

        await pilot.press("tab")
        await type_text(pilot, "say Friday once")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, PlanReadBack), "the plan read back")
        await steady(pilot)

    app, _store = practice_app()
    assert snap_compare(app, terminal_size=(80, 24), run_before=before)


@pytest.mark.parametrize("size", SIZES)
def test_today_on_this_day(snap_compare, size):
    """Today with a decision returned to a year ago: the line beneath the week, at both sizes."""
    from data.models import Outcome
    from tests.waits import wait_until

    app, store = practice_app()
    now = app.practice.now()
    old = store.add_decision(now, "2025-11-27", "Tell Sam the Friday deadline doesn't work for me", "Relational Key")
    store.save_review(now, "2025-11-27", {old.id: Outcome.RETURNED})

    async def before(pilot) -> None:
        shown = lambda: any(line.display for line in pilot.app.screen.query("#today-evidence"))  # noqa: E731
        await wait_until(pilot, shown, "the On this day line")
        await steady(pilot)

    assert snap_compare(app, terminal_size=SIZES[size], run_before=before)
