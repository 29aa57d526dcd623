"""Snapshots of Midday with an if-then plan, and of the pause asking the pull's strength.

Update with `pytest --snapshot-update tests/tui/test_midday_snapshots.py` only after looking
at the report: every change here is a change a user sees.
"""

from __future__ import annotations

import pytest

from data.daytime import FixedClock
from data.settings import Settings
from data.store import Store
from tests.tui.test_snapshots import steady
from tui.app import make_app

TZ = "Europe/Berlin"


def planned_app():
    """Today with one relational decision carrying two if-then plans, opened on Midday."""
    clock = FixedClock("2026-11-27T13:15:00", TZ)
    store = Store.in_memory()
    store.add_decision(
        clock.now(),
        "2026-11-27",
        "Tell Sam the Friday deadline doesn't work for me",
        "Relational Key",
        next_step="Write to Sam at 10",
        say="Friday won't work for me; Tuesday will.",
        plans=[{"pull": "fear", "then": "send it as written"}, {"pull": "guilt", "then": "keep the line, once"}],
    )
    return make_app(store=store, settings=Settings(timezone=TZ), clock=clock, start="midday")


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_midday_with_a_plan(snap_compare, size):
    async def before(pilot):
        await pilot.pause()
        await steady(pilot)

    assert snap_compare(planned_app(), terminal_size=size, run_before=before)


def test_the_pause_asking_the_strength_at_80x24(snap_compare):
    async def before(pilot):
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.pause()
        await steady(pilot)

    assert snap_compare(planned_app(), terminal_size=(80, 24), run_before=before)
