"""First paint: from launching a command in a tmux pane to its first screen showing.

    python -m benchmarks.first_paint [--runs 5] [--journal PATH] [--marker TEXT]

Measures the installed `selftrust` (the entry point beside this Python) on Today, and a
minimal Textual app (Header, Footer, Input; run by this same Python) as the yardstick,
alternately, in one 80x24 UTF-8 tmux pane on a tmux server of its own. The clock starts
just before tmux is asked to start the command and stops when `capture-pane` first shows
the marker: for selftrust on an empty journal the empty-state text of Today, for the
minimal app its Input's placeholder. One untimed warm-up launch of each comes first.
Prints every sample, the medians and their ratio, as a small Markdown table.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from benchmarks.common import find_selftrust

WIDTH, HEIGHT = 80, 24
EMPTY_MARKER = "Nothing here yet."
JOURNAL_MARKER = "This week:"  # written in the same refresh as today's decisions
MINIMAL_MARKER = "A minimal Textual app is on screen"
TMUX_CONF = """\
set -g remain-on-exit on
set -s escape-time 0
set -g default-terminal xterm-256color
"""


@dataclass
class Subject:
    """One command to launch and the text that says its first screen is painted."""

    name: str
    argv: list[str]
    marker: str
    samples: list[float] = field(default_factory=list)


class Pane:
    """One tmux pane on a private server, relaunched for every sample."""

    def __init__(self, tmux: str, workdir: Path, env: dict[str, str]) -> None:
        self.env = env
        self.workdir = workdir
        conf = workdir / "tmux.conf"
        conf.write_text(TMUX_CONF)
        self.base = [tmux, "-S", str(workdir / "sock"), "-u", "-f", str(conf)]
        self.exports = [item for key, value in env.items() for item in ("-e", f"{key}={value}")]
        self.tmux(
            "new-session",
            "-d",
            "-s",
            "bench",
            "-x",
            str(WIDTH),
            "-y",
            str(HEIGHT),
            "-c",
            str(workdir),
            *self.exports,
            "/bin/true",
        )

    def tmux(self, *args: str) -> str:
        done = subprocess.run([*self.base, *args], env=self.env, capture_output=True, timeout=30, check=False)
        if done.returncode != 0:
            raise SystemExit(f"tmux {args[0]} failed: {done.stderr.decode(errors='replace').strip()}")
        return done.stdout.decode("utf-8", errors="replace")

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "bench")

    def poll(self) -> tuple[str, bool]:
        """The screen, and whether the pane's command has ended: one tmux call for both."""
        out = self.tmux(
            "capture-pane", "-p", "-t", "bench", ";", "display-message", "-p", "-t", "bench", "#{pane_dead}"
        )
        shown, _, dead = out.rstrip("\n").rpartition("\n")
        return shown, dead == "1"

    def launch(self, argv: list[str]) -> None:
        # -k: whatever still runs there goes; the pane's screen starts blank.
        self.tmux("respawn-pane", "-k", "-t", "bench", "-c", str(self.workdir), *self.exports, *argv)

    def dead(self) -> bool:
        # pane_dead follows the pane's terminal closing, which tmux always sees (unlike
        # the SIGCHLD that sets pane_dead_status, which tmux before 3.5 can miss).
        return self.tmux("display-message", "-p", "-t", "bench", "#{pane_dead}").strip() == "1"

    def quit(self, timeout: float = 10.0) -> None:
        """Ask the app to quit with ctrl+q and wait until it has gone."""
        self.tmux("send-keys", "-t", "bench", "C-q")
        deadline = time.monotonic() + timeout
        while not self.dead():
            if time.monotonic() > deadline:
                print("  (the app did not quit within 10 s; it is killed at the next launch)", file=sys.stderr)
                return
            time.sleep(0.02)

    def close(self) -> None:
        subprocess.run([*self.base, "kill-server"], env=self.env, capture_output=True, timeout=30, check=False)


def first_paint(pane: Pane, subject: Subject, interval: float, timeout: float) -> float:
    """Seconds from asking tmux to launch SUBJECT to capture-pane first showing its marker."""
    if subject.marker in pane.screen():
        raise SystemExit(f"{subject.name}: {subject.marker!r} is on screen before the launch")
    started = time.perf_counter()
    pane.launch(subject.argv)
    while True:
        polled = time.perf_counter()
        shown, ended = pane.poll()
        now = time.perf_counter()
        if subject.marker in shown:
            return now - started
        if ended or now - started > timeout:
            raise SystemExit(f"{subject.name}: {subject.marker!r} never showed:\n{shown}")
        rest = interval - (now - polled)
        if rest > 0:
            time.sleep(rest)


def poll_cost(pane: Pane, times: int = 50) -> float:
    """Mean seconds one capture-pane takes: the resolution of the measurement, with the interval."""
    started = time.perf_counter()
    for _ in range(times):
        pane.poll()
    return (time.perf_counter() - started) / times


def version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.first_paint", description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed launches of each app (default 5)")
    parser.add_argument(
        "--journal", type=Path, help="measure selftrust on a copy of this journal (default: an empty one)"
    )
    parser.add_argument(
        "--marker",
        help=f"the text that means Today is painted (default {EMPTY_MARKER!r}, or {JOURNAL_MARKER!r} with --journal)",
    )
    parser.add_argument(
        "--now", default="2026-11-27T09:15:00", help="SELFTRUST_NOW for selftrust ('' for the real clock)"
    )
    parser.add_argument(
        "--interval", type=float, default=0.005, help="seconds between polls of the screen (default 0.005)"
    )
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for one first paint")
    args = parser.parse_args(argv)

    tmux = shutil.which("tmux")
    if tmux is None:
        raise SystemExit("tmux is needed: apt-get install tmux")
    selftrust = find_selftrust()
    workdir = Path(tempfile.mkdtemp(prefix="st-paint-"))
    try:
        home = workdir / "home"
        home.mkdir()
        config = workdir / "config.toml"
        config.write_text("", encoding="utf-8")
        journal = workdir / "journal.json"
        if args.journal is not None:
            # A copy: the user's journal is never opened by the benchmark's app.
            from benchmarks.harness import copy_of

            copy_of(args.journal, workdir)
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(home),
            "SHELL": "/bin/sh",
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
            "SELFTRUST_DB": str(journal),
            "SELFTRUST_CONFIG": str(config),
        }
        if args.now:
            env["SELFTRUST_NOW"] = args.now
        marker = args.marker or (JOURNAL_MARKER if args.journal else EMPTY_MARKER)
        subjects = [
            Subject("selftrust (Today)", [selftrust], marker),
            Subject(
                "minimal Textual app",
                [sys.executable, str(Path(__file__).with_name("minimal_app.py")), MINIMAL_MARKER],
                MINIMAL_MARKER,
            ),
        ]
        pane = Pane(tmux, workdir, env)
        try:
            cost = poll_cost(pane)
            for subject in subjects:  # warm-up: caches, bytecode; not counted
                first_paint(pane, subject, args.interval, args.timeout)
                pane.quit()
            for _ in range(args.runs):
                for subject in subjects:
                    subject.samples.append(first_paint(pane, subject, args.interval, args.timeout))
                    pane.quit()
        finally:
            pane.close()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    tmux_version = subprocess.run([tmux, "-V"], capture_output=True, text=True, check=False).stdout.strip()
    source = f"a copy of {args.journal} ({args.journal.stat().st_size:,} bytes)" if args.journal else "an empty journal"
    print(
        f"First paint in an {WIDTH}x{HEIGHT} tmux pane, {args.runs} launches each, alternating, after one warm-up each."
    )
    print(f"selftrust: {selftrust} on {source}, waiting for {marker!r}.")
    print(f"Python {platform.python_version()}, Textual {version('textual')}, {tmux_version}, {os.cpu_count()} CPUs.")
    print(f"Polling capture-pane every {args.interval * 1000:.0f} ms; one poll costs {cost * 1000:.1f} ms.")
    print()
    print("| app | median (ms) | samples (ms) |")
    print("|---|---:|---|")
    for subject in subjects:
        samples = ", ".join(f"{s * 1000:.0f}" for s in subject.samples)
        print(f"| {subject.name} | {statistics.median(subject.samples) * 1000:.0f} | {samples} |")
    ratio = statistics.median(subjects[0].samples) / statistics.median(subjects[1].samples)
    print()
    print(f"Ratio of medians, selftrust / minimal: {ratio:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
