"""Snapshots of the screens at a fixed size, on a small fixed journal with a fixed clock.

Update with `pytest --snapshot-update tests/tui/test_snapshots.py` only after looking at
the report: every change here is a change a user sees.
"""

from __future__ import annotations

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
