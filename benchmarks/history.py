"""History at ten years: how long it takes to open, and to re-render after a filter keystroke.

    python -m benchmarks.history [--years 10] [--runs 7]

Builds the seeded journal (benchmarks.journal), runs the app headless at 100x30 and
measures, median of RUNS each:

- first open: in a fresh app on a freshly opened journal, from asking for History to its
  first page drawn (the newest years' rows), and to every year in (the older years are
  read by a worker);
- open: the same in an app that has shown History before (a re-open), to the first page
  drawn (the rows, the filter choices, the visible lines) and to every year in;
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
from typing import Any

from benchmarks.journal import write


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def _app(path: Path) -> Any:
    from data.daytime import FixedClock
    from data.settings import Settings
    from data.store import Store
    from tui.app import make_app

    clock = FixedClock("2026-11-27T13:15:00", "Europe/Berlin")
    return make_app(store=Store(path), settings=Settings(timezone="Europe/Berlin"), clock=clock)


async def _open(app: Any) -> tuple[Any, float, float]:
    """Open History in APP: the screen, the seconds to its first page drawn and to every year in."""
    from screens.history import HistoryScreen
    from tui.widgets import RowTable

    started = time.perf_counter()
    screen = HistoryScreen()
    await app.push_screen(screen)
    table = screen.query_one(RowTable)
    for y in range(table.size.height):
        table.render_line(y)
    first_page = time.perf_counter() - started
    while screen.reading:  # the worker hands each year to the screen's thread, then says it is done
        await asyncio.sleep(0.001)
    return screen, first_page, time.perf_counter() - started


async def first_opens(path: Path, runs: int) -> tuple[float, float]:
    """History's first open in a fresh app: medians of the first page drawn and of every year in, in ms."""
    pages: list[float] = []
    everything: list[float] = []
    for _ in range(runs):
        app = _app(path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            _screen, page, whole = await _open(app)
            pages.append(page)
            everything.append(whole)
    return _median_ms(pages), _median_ms(everything)


async def measure(path: Path, runs: int) -> dict[str, float]:
    from screens.history import HistoryScreen
    from tui.widgets import RowTable

    app = _app(path)
    store = app.practice.store
    opens: list[float] = []
    opens_whole: list[float] = []
    work: list[float] = []
    round_trips: list[float] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for _ in range(runs):
            _screen, page, whole = await _open(app)
            opens.append(page)
            opens_whole.append(whole)
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
        "open_whole_ms": _median_ms(opens_whole),
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
        figures["first_open_ms"], figures["first_open_whole_ms"] = asyncio.run(first_opens(path, args.runs))
        figures["floor_ms"] = asyncio.run(floor(args.runs))
    print(
        f"History on a {args.years}-year journal: {counts['entries']:,} entries, {figures['decisions']:,} decisions, 100x30."
    )
    print()
    print("| measure | median (ms) | target |")
    print("|---|---:|---|")
    for name, key in (("first open, fresh app", "first_open"), ("re-open", "open")):
        page, whole = figures[f"{key}_ms"], figures[f"{key}_whole_ms"]
        print(f"| {name}: first page drawn | {page:.0f} | <= 300 {'PASS' if page <= 300 else 'MISS'} |")
        print(f"| {name}: every year in | {whole:.0f} | (read by a worker; the screen answers meanwhile) |")
    work = figures["keystroke_work_ms"]
    print(f"| filter keystroke: the screen's work | {work:.1f} | <= 50 {'PASS' if work <= 50 else 'MISS'} |")
    print(
        f"| filter keystroke: headless round trip | {figures['keystroke_round_trip_ms']:.1f} | (includes the pilot's own waiting) |"
    )
    print(f"| the same round trip in a minimal Textual app | {figures['floor_ms']:.1f} | the floor |")


if __name__ == "__main__":
    main()
