"""The app paints Today from the journal's recent days, then reads the rest in the background."""

from __future__ import annotations

import threading

from data.daytime import FixedClock
from data.settings import Settings
from data.store import Store
from tests.tui.conftest import screen_text
from tests.unit.test_recent import long_journal
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
    app = make_app(store=store, settings=Settings(timezone="Europe/Berlin"), clock=FixedClock("2026-11-27T13:15:00", "Europe/Berlin"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "1. today one" in text and "2. today two" in text
        assert "This week: 4 returns." in text
        assert store.partial  # Today is on the screen from the recent days alone
        looked.set()
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        assert not store.partial
        await pilot.press("h")
        await pilot.pause()
        assert len(app.screen.query_one(RowTable).rows) == 62
