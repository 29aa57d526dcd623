"""A save in the app keeps the recent days beside the journal at once, not only when the app closes."""

from __future__ import annotations

from data.daytime import FixedClock
from data.journal_file import recent_path
from data.settings import Settings
from data.store import Store
from tests.tui.conftest import type_text
from tests.unit.test_recent import long_journal
from tui.app import make_app


async def test_a_terminal_closed_after_a_save_still_gets_the_fast_start(tmp_path):
    path = tmp_path / "journal.json"
    long_journal(path)
    store = Store(path, quick=True)
    app = make_app(
        store=store,
        settings=Settings(timezone="Europe/Berlin"),
        clock=FixedClock("2026-11-27T13:15:00", "Europe/Berlin"),
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        await type_text(pilot, "Saved, then the terminal closed")
        await pilot.press("ctrl+s")
        for _ in range(100):  # the recent days are kept once the save is on screen: wait for that
            await pilot.pause()
            if b"Saved, then the terminal closed" in recent_path(path).read_bytes():
                break
        # The terminal goes away here: what is on disk now is all the next start has.
        kept = recent_path(path).read_bytes()
        next_start = Store(path, quick=True)
    assert b"Saved, then the terminal closed" in kept
    assert next_start.partial and next_start.storage.loads == 0  # Today without reading ten years
    assert "Saved, then the terminal closed" in [d.text for d in next_start.decisions_on("2026-11-27")]
