"""Make the README's pictures with the app's own test tooling: the demo's sample journal, saved as SVG.

Run from the repository root: python docs/screenshots.py
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from textual.widgets import Input, TextArea

from data.daytime import FixedClock
from data.demo import write_demo_journal
from data.settings import Settings
from tui.app import make_app

HERE = Path(__file__).parent
TZ = "Europe/Berlin"
SIZE = (100, 30)


async def steady(pilot) -> None:
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def shoot(name: str, start: str, keys: tuple[str, ...], moment: str, theme: str) -> None:
    settings = Settings(timezone=TZ, theme=theme)
    clock = FixedClock(moment, TZ)
    with tempfile.TemporaryDirectory() as folder:
        store = write_demo_journal(Path(folder) / "journal.json", clock.now(), settings)
        app = make_app(store=store, settings=settings, clock=clock, start=start)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            if keys:
                await pilot.press(*keys)
            await steady(pilot)
            app.clear_notifications()
            await pilot.pause()
            app.save_screenshot(str(HERE / f"{name}.svg"))


async def main() -> None:
    await shoot("today", "today", (), "2026-11-27T13:15:00", "selftrust-dawn")
    await shoot("midday", "midday", ("down", "enter", "tab", "space"), "2026-11-27T12:20:00", "selftrust-dawn")
    await shoot("evening", "evening", ("down", "enter", "tab", "enter"), "2026-11-27T21:10:00", "selftrust-dusk")
    await shoot("history", "history", ("slash", "s", "a", "m"), "2026-11-27T21:10:00", "selftrust-dusk")
    await shoot("insights", "insights", (), "2026-11-27T21:10:00", "selftrust-dusk")


if __name__ == "__main__":
    asyncio.run(main())
