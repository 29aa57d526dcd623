"""One is said as one on the screens that count things."""

from __future__ import annotations

from tests.tui.conftest import screen_text


async def test_the_export_dialog_says_one_day(build, store, clock):
    store.add_decision(clock.now(), "2026-11-26", "Bed by eleven", "Inner Foundation")
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await app.run_action("export")
        await pilot.pause()
        assert "1 day to export. The first, as 2026-11-26.md:" in screen_text(app)
