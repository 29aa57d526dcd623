"""The app paints Today from the journal's newest year; an earlier year is read when a screen asks for it."""

from __future__ import annotations

import json

from data.daytime import FixedClock
from data.journal_file import year_path
from data.settings import Settings
from data.store import Store
from tests.tui.conftest import screen_text
from tests.unit.test_years import three_years
from tests.waits import wait_until
from tui.app import make_app
from tui.widgets import RowTable


def _app(store: Store):
    return make_app(
        store=store,
        settings=Settings(timezone="Europe/Berlin"),
        clock=FixedClock("2026-11-27T13:15:00", "Europe/Berlin"),
    )


async def test_today_reads_one_year_and_history_shows_them_all(tmp_path):
    path = tmp_path / "journal.json"
    every = len(three_years(path).all_decisions())
    store = Store(path)
    assert store.partial
    app = _app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: "1. today one" in screen_text(app), "Today's decisions")
        assert "2. today two" in screen_text(app)
        await app.workers.wait_for_complete()
        assert sorted(store.storage._years) == ["2026"]  # Today, and its look back, kept one year in memory
        await pilot.press("h")
        await wait_until(
            pilot,
            lambda: (
                isinstance(app.screen.query(RowTable).first(None), RowTable)
                and len(app.screen.query_one(RowTable).rows) == every
            ),
            "every decision of every year in History",
        )
        assert not store.partial


async def test_a_year_damaged_after_the_start_stops_the_app_when_insights_reads_it(tmp_path):
    path = tmp_path / "journal.json"
    three_years(path)
    store = Store(path)
    # A sync tool puts a hand-edited copy of 2024 in place after the start: a day not on the calendar.
    older = year_path(path, "2024")
    journal = json.loads(older.read_bytes())
    next(iter(journal["decisions"].values()))["day"] = "2024-02-30"
    older.write_text(json.dumps(journal), encoding="utf-8")
    app = _app(store)
    said: list[str] = []
    leave = app.exit

    def exit(*args, **kwargs) -> None:
        said.append(str(kwargs.get("message")))
        leave(*args, **kwargs)

    app.exit = exit
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: "1. today one" in screen_text(app), "Today's decisions")
        await pilot.press("i")  # Insights' worker reads the oldest year for the day the journal began
        await wait_until(pilot, lambda: app.return_code == 3, "the app to stop on the damaged year")
    assert said and "'2024-02-30' is not a day on the calendar" in said[0] and str(older) in said[0]


async def test_calendar_reads_only_the_years_it_shows(tmp_path):
    path = tmp_path / "journal.json"
    three_years(path)
    store = Store(path)
    app = _app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: "1. today one" in screen_text(app), "Today's decisions")
        await pilot.press("k")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "CalendarScreen", "Calendar")
        await pilot.pause()
        assert "November 2026" in screen_text(app)
        assert store.partial and "2024" not in store.storage._years  # the month shown is of 2026 alone
