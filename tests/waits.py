"""Waits on the thing a Pilot test is waiting for, not on a guessed number of seconds.

A fixed `pilot.pause(0.3)` is too short on a loaded machine and too long everywhere else.
These helpers poll in small steps until what the test needs has happened (a timer fired,
text drawn, a search finished, a screen opened), within a generous deadline, and fail
with a sentence naming what never happened.
"""

from __future__ import annotations

from collections.abc import Callable
from time import monotonic

import pytest

STEP = 0.02  # seconds between looks: short beside any timer the app runs
DEADLINE = 10.0  # seconds: far above what any wait takes on a loaded machine


async def wait_until(pilot, condition: Callable[[], object], what: str, timeout: float = DEADLINE) -> None:
    """Pause in small steps until CONDITION() is true; fail, naming WHAT, after TIMEOUT seconds."""
    deadline = monotonic() + timeout
    while not condition():
        if monotonic() > deadline:
            pytest.fail(f"waited {timeout:g} s for {what}, and it never happened", pytrace=False)
        await pilot.pause(STEP)


async def palette_searched(pilot, query: str) -> None:
    """Wait until the open command palette has searched for QUERY and highlights its best hit.

    The palette searches in a worker started by each change of its input. The search is
    done once the input holds QUERY, no worker of the palette runs and a hit is
    highlighted; that is looked for twice, a message-queue flush apart, so a change of the
    input still on its way to the palette (which would start a new search) is not missed.
    """
    from textual.command import CommandInput, CommandList, CommandPalette

    app = pilot.app

    def searched() -> bool:
        palette = app.screen
        if not isinstance(palette, CommandPalette) or palette.query_one(CommandInput).value != query:
            return False
        if any(worker.node is palette and not worker.is_finished for worker in app.workers):
            return False
        return palette.query_one(CommandList).highlighted is not None

    what = f"the palette's hits for {query!r}"
    await wait_until(pilot, searched, what)
    await pilot.pause()
    await wait_until(pilot, searched, what)


async def screen_opened(pilot, kind: type, what: str) -> None:
    """Wait until a screen of class KIND is on top and mounted (its on_mount has run)."""
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, kind) and app.screen.is_mounted, what)
