"""Insights at ten years: how long the screen for "all" takes to show after the journal is loaded.

    python -m benchmarks.insights [--years 10] [--runs 5]

Writes the seeded journal of `benchmarks.journal` into a temporary folder and opens it
with the store (the journal read and parsed: "the data is loaded"; not timed). The app
runs headless at 100x30 on a fixed clock. Each run opens a new Insights screen on "all"
and is timed from just before the screen is pushed until

- the worker has read the journal's records and counted every figure,
- its message has been handled (every section's drawing and words handed over),
- Textual has laid the sections out, and
- every section (the ones scrolled out of view too) has been drawn once into lines,

then the screen is closed again. One untimed warm-up run comes first. The median of RUNS
is compared with the target (300 ms) and PASS or MISS printed; exits 1 on a MISS. Each
run must show every decision of the journal, so a run that drew nothing cannot pass.

While the worker counts, the benchmark awaits it (no polling against its thread); before
and after, it looks every millisecond (`asyncio.sleep(0.001)`), which costs a run at most
about a millisecond a wait.
For finding where the time goes, the counting and the drawing are then timed on their own
(for information only, never instead of the whole run).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.journal import write

TARGET_MS = 300.0
NOW = "2026-11-27T13:15:00"
TZ = "Europe/Berlin"
SIZE = (100, 30)


async def measure(path: Path, runs: int) -> dict[str, object]:
    from textual.geometry import Region
    from textual.widgets import Static

    from data.daytime import FixedClock, logical_day
    from data.settings import Settings
    from data.stats import count
    from data.store import Store
    from screens.insights import SECTIONS, InsightsScreen
    from tui.app import make_app
    from tui.charts import Drawing

    store = Store(path)  # the data loaded: read and parsed once, before any timing
    settings = Settings(timezone=TZ)
    clock = FixedClock(NOW, TZ)
    decisions = len(store.all_decisions())
    app = make_app(store=store, settings=settings, clock=clock)

    async def open_all() -> tuple[float, int]:
        started = time.perf_counter()
        screen = InsightsScreen("all")
        await app.push_screen(screen)
        year = screen.query_one("#insights-year", Drawing)
        while screen.counts is None or year.size.height == 0:
            running = [worker for worker in app.workers if worker.is_running]
            if running:
                await app.workers.wait_for_complete(running)  # no polling while the thread counts
            else:
                await asyncio.sleep(0.001)
        lines = 0
        for widget in screen.query(Static):  # the drawings and their words, in view or not
            if widget.display and widget.size.height:
                lines += len(widget.render_lines(Region(0, 0, widget.size.width, widget.size.height)))
        elapsed = time.perf_counter() - started
        counted = screen.counts.figures.decisions
        if counted != decisions or screen.counts.period != "all":
            raise SystemExit(
                f"Insights showed {counted} decisions for {screen.counts.period!r}, not {decisions} for 'all'"
            )
        shown = [name for name, _title in SECTIONS if screen.query_one(f"#insights-{name}").display]
        if len(shown) != len(SECTIONS):
            raise SystemExit(f"only these sections were shown: {shown}")
        app.pop_screen()
        await pilot.pause()  # Today comes back and rereads the day: done before the next run starts
        await pilot.pause()
        return elapsed, lines

    samples: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        warm_up, lines = await open_all()
        for _ in range(runs):
            elapsed, lines = await open_all()
            samples.append(elapsed)

    today = logical_day(clock.now(), settings.day_start)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        counts = count(store, "all", today, settings.areas)
        timings.append(time.perf_counter() - started)
    counting = statistics.median(timings)

    from rich.style import Style

    from screens import insights  # each section's drawing

    drawers = [
        insights.draw_reps,
        insights.draw_keep_rate,
        insights.draw_pulls,
        insights.draw_patterns,
        insights.draw_certainty,
        insights.draw_hours,
        insights.draw_contact,
        insights.draw_areas,
        insights.draw_plans,
        insights.draw_forecast,
        insights.draw_sooner,
        insights.draw_pause,
        insights.draw_signs,
        insights.draw_revisions,
        insights.draw_year,
    ]
    started = time.perf_counter()
    for draw in drawers:
        draw(counts, lambda _name: Style(), SIZE[0] - 6)
    drawing = time.perf_counter() - started
    return {
        "decisions": decisions,
        "warm_up": warm_up,
        "samples": samples,
        "lines": lines,
        "counting": counting,
        "drawing": drawing,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="selftrust-insights-") as folder:
        path = Path(folder) / "journal.json"
        counts = write(path, args.years)
        found = asyncio.run(measure(path, args.runs))

    samples = [s * 1000 for s in found["samples"]]  # type: ignore[union-attr]
    median = statistics.median(samples)
    verdict = "PASS" if median <= TARGET_MS else "MISS"
    print(f'# Insights for "all" at {args.years} years, {SIZE[0]}x{SIZE[1]}\n')
    print(f"Journal: {counts['entries']:,} entries ({counts['decisions']:,} decisions), {counts['bytes'] / 1e6:.1f} MB")
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg()) if hasattr(os, "getloadavg") else "unknown"
    print(
        f"Python {platform.python_version()} on {platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, load average {load}\n"
    )
    print("| run | ms |")
    print("|---|---:|")
    print(f"| warm-up (not counted) | {found['warm_up'] * 1000:.0f} |")  # type: ignore[operator]
    for i, sample in enumerate(samples, 1):
        print(f"| {i} | {sample:.0f} |")
    print(f"| **median of {len(samples)}** | **{median:.0f}** |\n")
    print(
        f"{verdict}: median {median:.0f} ms, target <= {TARGET_MS:.0f} ms "
        f"(push the screen -> figures counted -> every section laid out and drawn, {found['lines']} lines).\n"
    )
    print(
        "On their own, for where the time goes (not the measurement): "
        f"reading and counting {found['counting'] * 1000:.0f} ms (median), "  # type: ignore[operator]
        f"building every section's text {found['drawing'] * 1000:.1f} ms."
    )  # type: ignore[operator]
    sys.exit(0 if verdict == "PASS" else 1)


if __name__ == "__main__":
    main()
