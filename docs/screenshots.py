"""Make the README's pictures: the app on a small sample journal, saved as SVG.

Run from the repository root: python docs/screenshots.py
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from data.daytime import FixedClock
from data.models import Outcome, State
from data.settings import Settings
from data.store import Store
from tui.app import make_app

HERE = Path(__file__).parent
TZ = "Europe/Berlin"


def sample_journal(clock: FixedClock) -> Store:
    """A few days of practice, in the app's own words."""
    store = Store.in_memory()
    now = clock.now()
    monday = store.add_decision(now, "2026-11-23", "Leave work at six, even with the inbox full", "Inner Foundation")
    store.save_check(now, monday, State.WOBBLING, pulls=["guilt"], patterns=["overrode my need"])
    store.save_review(now, "2026-11-23", {monday.id: Outcome.RETURNED}, learned="The inbox was still there at nine.", contact=4)
    tuesday = store.add_decision(now, "2026-11-24", "Ask Alex for help with the report", "Relational Key")
    store.save_review(now, "2026-11-24", {tuesday.id: Outcome.KEPT}, contact=3)
    store.add_decision(
        now,
        "2026-11-27",
        "Tell Sam the Friday deadline doesn't work for me",
        "Relational Key",
        why="My weekends are how I stay kind.",
        pulls_expected=["fear", "disappointment"],
        certainty=2,
        next_step="Write to Sam before ten",
        say="Friday won't work for me; Tuesday will.",
    )
    walk = store.add_decision(now, "2026-11-27", "A walk at lunch, phone at my desk", "Inner Foundation", certainty=4)
    store.save_check(now, walk, State.HOLDING)
    return store


async def shoot() -> None:
    clock = FixedClock("2026-11-27T13:15:00", TZ)
    for start, name, size in (("today", "today", (80, 24)), ("midday", "midday", (80, 30))):
        app = make_app(store=sample_journal(clock), settings=Settings(timezone=TZ), clock=clock, start=start)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            if name == "midday":
                await pilot.press("down", "enter", "tab", "space")
                await pilot.pause()
            app.save_screenshot(str(HERE / f"{name}.svg"))


if __name__ == "__main__":
    asyncio.run(shoot())
