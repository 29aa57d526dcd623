"""History at ten years: how long it takes to open, and to re-render after a filter keystroke.

    python -m benchmarks.history [--years 10] [--runs 7]

Builds the seeded journal (benchmarks.journal), runs the app headless at 100x30 and
measures, median of RUNS each:

- open: from asking for History to its table filled and drawn (reading every decision
  into rows, building the filter choices, drawing the visible lines);
- keystroke: one character typed into the filter (the word "sam" grown a letter at a
  time, then cleared), from the key to the table redrawn. Measured two ways: the screen's
  own work (filtering and drawing the visible lines) and the whole round trip through
  Textual's headless pilot, which adds the pilot's own waiting — shown beside the same
  round trip in a minimal Textual app with one Input, the floor.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.journal import write


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


async def measure(path: Path, runs: int) -> dict[str, float]:
    from data.daytime import FixedClock
    from data.settings import Settings
    from data.store import Store
    from screens.history import HistoryScreen
    from tui.app import make_app
    from tui.widgets import RowTable

    store = Store(path)
    clock = FixedClock("2026-11-27T13:15:00", "Europe/Berlin")
    app = make_app(store=store, settings=Settings(timezone="Europe/Berlin"), clock=clock)
    opens: list[float] = []
    work: list[float] = []
    round_trips: list[float] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for _ in range(runs):
            started = time.perf_counter()
            screen = HistoryScreen()
            await app.push_screen(screen)
            table = screen.query_one(RowTable)
            for y in range(table.size.height):
                table.render_line(y)
            opens.append(time.perf_counter() - started)
            await pilot.pause()
            app.pop_screen()
            await pilot.pause()
        screen = HistoryScreen()
        await app.push_screen(screen)
        await pilot.pause()
        table = screen.query_one(RowTable)
        field = screen.query_one("#filter-text")
        field.focus()
        for _ in range(runs):
            for text in ("s", "sa", "sam", "sa", "s", ""):
                started = time.perf_counter()
                field.value = text  # what a keystroke does to the field; Input.Changed filters
                screen.apply_filters()
                for y in range(table.size.height):
                    table.render_line(y)
                work.append(time.perf_counter() - started)
            await pilot.pause()
            for key in ("s", "a", "m", "backspace", "backspace", "backspace"):
                started = time.perf_counter()
                await pilot.press(key)
                round_trips.append(time.perf_counter() - started)
    return {
        "decisions": len(store.all_decisions()),
        "open_ms": _median_ms(opens),
        "keystroke_work_ms": _median_ms(work),
        "keystroke_round_trip_ms": _median_ms(round_trips),
    }


async def floor(runs: int) -> float:
    """The same keystroke round trip in a minimal Textual app (Header, Input, Footer): the floor."""
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Input

    class Minimal(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Input()
            yield Footer()

    samples: list[float] = []
    async with Minimal().run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for _ in range(runs):
            for key in ("s", "a", "m", "backspace", "backspace", "backspace"):
                started = time.perf_counter()
                await pilot.press(key)
                samples.append(time.perf_counter() - started)
    return _median_ms(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "journal.json"
        counts = write(path, args.years)
        figures = asyncio.run(measure(path, args.runs))
        figures["floor_ms"] = asyncio.run(floor(args.runs))
    print(
        f"History on a {args.years}-year journal: {counts['entries']:,} entries, {figures['decisions']:,} decisions, 100x30."
    )
    print()
    print("| measure | median (ms) | target |")
    print("|---|---:|---|")
    print(f"| open History | {figures['open_ms']:.0f} | <= 300 {'PASS' if figures['open_ms'] <= 300 else 'MISS'} |")
    work = figures["keystroke_work_ms"]
    print(f"| filter keystroke: the screen's work | {work:.1f} | <= 50 {'PASS' if work <= 50 else 'MISS'} |")
    print(
        f"| filter keystroke: headless round trip | {figures['keystroke_round_trip_ms']:.1f} | (includes the pilot's own waiting) |"
    )
    print(f"| the same round trip in a minimal Textual app | {figures['floor_ms']:.1f} | the floor |")


if __name__ == "__main__":
    main()
