"""The Day view against Calendar: from the key to the screen's text, in a real terminal.

    python -m benchmarks.day_view [--years 10] [--runs 5]

Runs the installed `selftrust` on a seeded journal (benchmarks.journal) in an 80x24 tmux
pane of a tmux server of its own, as a person would: Today, then `h` for History, then

- the Day view: `enter` on History's first row (the newest day), the clock running from
  asking tmux to send the key until `capture-pane` shows the day's text ("Morning");
- Calendar: `k` on Today, until `capture-pane` shows the month's grid.

Each is the first opening of that screen in a freshly launched app (what a person meets),
one launch per run after one untimed warm-up launch, each key pressed a second after its
screen showed, and Calendar first in every other launch (so neither always meets the
other's leftovers). The target: the Day view no slower than Calendar (medians).
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.first_paint import Pane

DAY_MARKER = "Morning"  # the Day view's first part, drawn with the rest of the day
CALENDAR_MARKER = "wk  Mon"  # the month grid's header row, drawn with the grid
HISTORY_MARKER = " decisions"  # History's count under the table, once its rows are read
SETTLE = (
    1.0  # seconds on a screen before the key: the background read of the journal has ended, as for a person reading
)
POLL_INTERVAL = 0.005
TIMEOUT = 60.0


@dataclass
class Timings:
    """Seconds from the key to the screen's text, one sample per launch."""

    day_view: list[float] = field(default_factory=list)
    calendar: list[float] = field(default_factory=list)


def wait_for(pane: Pane, marker: str, started: float, *, absent: str = "") -> float:
    """Seconds from STARTED until the screen shows MARKER (and no longer shows ABSENT)."""
    while True:
        polled = time.perf_counter()
        shown, ended = pane.poll()
        now = time.perf_counter()
        if marker in shown and not (absent and absent in shown):
            return now - started
        if ended or now - started > TIMEOUT:
            raise SystemExit(f"{marker!r} never showed:\n{shown}")
        rest = POLL_INTERVAL - (now - polled)
        if rest > 0:
            time.sleep(rest)


def press(pane: Pane, key: str) -> float:
    """Send KEY to the pane; the moment just before it was sent."""
    started = time.perf_counter()
    pane.tmux("send-keys", "-t", "bench", key)
    return started


def one_launch(pane: Pane, argv: list[str], today: str, calendar_first: bool) -> tuple[float, float]:
    """Launch the app on Today and time the Day view (from History) and Calendar, in the order asked.

    Each key is pressed a second after its screen showed, so both meet a settled app.
    """
    pane.launch(argv)
    wait_for(pane, today, time.perf_counter())

    def day_view() -> float:
        wait_for(pane, HISTORY_MARKER, press(pane, "h"))
        if DAY_MARKER in pane.screen():
            raise SystemExit(f"{DAY_MARKER!r} is on screen before the Day view opened:\n{pane.screen()}")
        time.sleep(SETTLE)
        seconds = wait_for(pane, DAY_MARKER, press(pane, "Enter"))
        wait_for(pane, HISTORY_MARKER, press(pane, "Escape"), absent=DAY_MARKER)
        wait_for(pane, today, press(pane, "Escape"), absent=HISTORY_MARKER)
        return seconds

    def calendar() -> float:
        time.sleep(SETTLE)
        seconds = wait_for(pane, CALENDAR_MARKER, press(pane, "k"))
        wait_for(pane, today, press(pane, "Escape"), absent=CALENDAR_MARKER)
        return seconds

    if calendar_first:
        calendar_seconds = calendar()
        day_seconds = day_view()
    else:
        day_seconds = day_view()
        calendar_seconds = calendar()
    pane.quit()
    return day_seconds, calendar_seconds


def measure(selftrust: str, journal: Path, work: Path, env: dict[str, str], today: str, runs: int) -> Timings:
    """RUNS launches of selftrust on JOURNAL (after a warm-up one), each timing the Day view and Calendar."""
    tmux = shutil.which("tmux")
    if tmux is None:
        raise RuntimeError("tmux is needed: apt-get install tmux")
    work.mkdir(parents=True, exist_ok=True)
    pane = Pane(tmux, work, env)
    timings = Timings()
    argv = [selftrust, "--db", str(journal)]
    try:
        one_launch(pane, argv, today, False)  # warm-up: bytecode, the page cache; not counted
        for run in range(runs):
            day_view, calendar = one_launch(pane, argv, today, calendar_first=run % 2 == 1)  # neither always first
            timings.day_view.append(day_view)
            timings.calendar.append(calendar)
    finally:
        pane.close()
    return timings


def main() -> None:
    from benchmarks.common import NOW, find_selftrust, sandbox
    from benchmarks.journal import write
    from data.daytime import day_heading

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        journal = root / "journal.json"
        write(journal, args.years)
        env = {**sandbox(root, journal), "TERM": "xterm-256color", "SHELL": "/bin/sh"}
        today = day_heading(dt.date.fromisoformat(NOW[:10]))
        found = measure(find_selftrust(), journal, root / "tmux", env, today, args.runs)
    day_view, calendar = statistics.median(found.day_view), statistics.median(found.calendar)
    print(f"On a {args.years}-year journal, 80x24, median of {args.runs} launches:")
    print(f"the Day view, enter to its text: {day_view * 1000:.0f} ms")
    print(f"Calendar, k to its grid: {calendar * 1000:.0f} ms")


if __name__ == "__main__":
    main()
