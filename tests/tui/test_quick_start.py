"""The app paints Today from the journal's recent days, then reads the rest in the background."""

from __future__ import annotations

import threading

from data.daytime import FixedClock
from data.settings import Settings
from data.store import Store
from tests.tui.conftest import screen_text
from tests.unit.test_recent import long_journal
from tests.waits import wait_until
from tui.app import make_app
from tui.widgets import RowTable


async def test_today_first_then_the_whole_journal(tmp_path):
    path = tmp_path / "journal.json"
    long_journal(path)
    store = Store(path, quick=True)
    assert store.partial
    # The background read waits until the test has looked at Today (a slow machine would
    # otherwise finish it first); a read on the app's own thread, before Today, would not wait.
    looked = threading.Event()
    read_all = store.complete

    def complete() -> None:
        if threading.current_thread() is not threading.main_thread():
            looked.wait(10)
        read_all()

    store.complete = complete
    app = make_app(
        store=store,
        settings=Settings(timezone="Europe/Berlin"),
        clock=FixedClock("2026-11-27T13:15:00", "Europe/Berlin"),
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "1. today one" in text and "2. today two" in text
        assert "This week: 4 returns." in text
        assert store.partial  # Today is on the screen from the recent days alone
        looked.set()
        await wait_until(pilot, lambda: not store.partial, "the background read of the whole journal")
        await app.workers.wait_for_complete()
        assert not store.partial
        await pilot.press("h")
        await pilot.pause()
        assert len(app.screen.query_one(RowTable).rows) == 62


async def test_a_journal_damaged_after_a_quick_start_stops_the_app_before_insights_sees_it(tmp_path):
    import json

    path = tmp_path / "journal.json"
    long_journal(path)
    store = Store(path, quick=True)
    assert store.partial
    looked = threading.Event()
    read_all = store.complete

    def complete() -> None:
        if threading.current_thread() is not threading.main_thread():
            looked.wait(10)
        read_all()

    store.complete = complete
    # A sync tool puts a hand-edited copy in place after the start: a day not on the calendar, long ago.
    journal = json.loads(path.read_bytes())
    oldest = min(journal["decisions"].values(), key=lambda d: d["day"])
    oldest["day"] = "2026-02-30"
    path.write_text(json.dumps(journal), encoding="utf-8")
    app = make_app(
        store=store,
        settings=Settings(timezone="Europe/Berlin"),
        clock=FixedClock("2026-11-27T13:15:00", "Europe/Berlin"),
    )
    said: list[str] = []
    leave = app.exit

    def exit(*args, **kwargs) -> None:
        said.append(str(kwargs.get("message")))
        leave(*args, **kwargs)

    app.exit = exit
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("i")  # Insights reads the whole journal first
        await pilot.pause()
        assert app.return_code == 3
        assert type(app.screen).__name__ != "InsightsScreen"
        looked.set()
    assert len(said) == 1 and "'2026-02-30' is not a day on the calendar" in said[0] and "newest good backup" in said[0]
