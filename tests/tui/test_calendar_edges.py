"""The app on the first and the last day selftrust keeps: every screen opens, nothing falls off the calendar."""

from __future__ import annotations

import pytest

from data.daytime import FixedClock, day_heading
from data.models import Outcome, State
from data.settings import Settings
from data.store import Store
from screens.insights import InsightsScreen
from tests.tui.conftest import screen_text
from tests.tui.test_insights import settle
from tui.app import make_app
from tui.widgets import RowTable


@pytest.mark.parametrize("moment", ["1900-01-01T13:00:00", "9998-12-31T20:00:00"])
async def test_every_screen_opens_on_the_edges_of_the_kept_days(moment):
    clock = FixedClock(moment, "Europe/Berlin")
    day = clock.now().date()
    store = Store.in_memory()
    decision = store.add_decision(clock.now(), day, "Stay with it at the edge", "Inner Foundation")
    store.save_check(clock.now(), decision, State.WOBBLING, pulls=["fear"])
    store.save_review(clock.now(), day, outcomes={decision.id: Outcome.RETURNED}, contact=4)
    app = make_app(store=store, settings=Settings(timezone="Europe/Berlin"), clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert day_heading(day) in screen_text(app)
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, InsightsScreen)
        for period in "1234":
            await pilot.press(period)
            await settle(pilot)
            assert "1 return" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("k")  # the calendar, a month and then a year
        await pilot.pause()
        for key in ("left", "right", "y", "y"):
            await pilot.press(key)
            await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert app.screen.query_one(RowTable).rows[0][2] == "Stay with it at the edge"
