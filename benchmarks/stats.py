"""`selftrust stats --json` at ten years, as a whole process.

    python -m benchmarks.stats [--years 10] [--runs 5]

Writes the seeded journal of `benchmarks.journal` into a temporary folder, then runs the
installed `selftrust stats --json` (the entry point beside this Python) against it, with
its own home, settings and a fixed clock: one untimed warm-up, then RUNS timed runs. Each
run is timed from just before the process starts to its exit with all of its output read
(`time.perf_counter`); the median is compared with the target (0.5 s) and PASS or MISS is
printed; exits 1 on a MISS. Every run's output must parse as JSON and count every decision
of the journal, so a run that failed fast cannot pass.

For finding where time goes, the same work is then timed step by step in this process
(import, reading the journal into records, the figures, the JSON text); those steps are
shown for information only, never instead of the whole-process median.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import find_selftrust, sandbox
from benchmarks.journal import write

TARGET = 0.5  # seconds, median of the whole process
NOW = "2026-11-27T09:15:00"
KEYS = ("days_practiced", "decisions", "checks", "outcomes", "returns", "reps", "keep_rate", "pulls", "patterns")

STEPS = """\
import json, sys, time
from pathlib import Path
t0 = time.perf_counter()
from data.store import Store
from data.stats import figures, figures_json
t1 = time.perf_counter()
store = Store(Path(sys.argv[1]))
records = store.all_decisions(), store.all_checks(), store.all_reviews()
t2 = time.perf_counter()
found = figures(*records, today=__import__("datetime").date(2026, 11, 27))
t3 = time.perf_counter()
text = json.dumps(figures_json(found), ensure_ascii=False, indent=2)
t4 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "read": t2 - t1, "figures": t3 - t2, "json": t4 - t3}))
"""


def run_once(command: list[str], env: dict[str, str], decisions: int) -> float:
    """One whole process, timed from start to exit with its output read; checks what it printed."""
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"selftrust stats failed ({done.returncode}): {done.stderr.decode(errors='replace')}")
    figures = json.loads(done.stdout)
    missing = [key for key in KEYS if key not in figures]
    if missing or figures["decisions"] != decisions:
        raise SystemExit(
            f"selftrust stats printed the wrong figures (missing {missing}, decisions {figures.get('decisions')})"
        )
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Time `selftrust stats --json` on a seeded journal of years of practice."
    )
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="selftrust-stats-") as folder:
        root = Path(folder)
        journal = root / "journal.json"
        counts = write(journal, args.years)
        env = sandbox(root, journal)
        command = [find_selftrust(), "stats", "--json"]
        warm_up = run_once(command, env, counts["decisions"])
        samples = [run_once(command, env, counts["decisions"]) for _ in range(args.runs)]
        steps_run = subprocess.run(
            [sys.executable, "-c", STEPS, str(journal)], env=env, capture_output=True, text=True, check=True
        )
        steps = json.loads(steps_run.stdout)

    median = statistics.median(samples)
    verdict = "PASS" if median <= TARGET else "MISS"
    print(f"# `selftrust stats --json` at {args.years} years\n")
    print(f"Journal: {counts['entries']:,} entries ({counts['decisions']:,} decisions), {counts['bytes'] / 1e6:.1f} MB")
    print(f"Python {platform.python_version()} on {platform.system()} {platform.machine()}, {os.cpu_count()} CPUs\n")
    print("| run | seconds |")
    print("|---|---|")
    print(f"| warm-up (not counted) | {warm_up:.3f} |")
    for i, sample in enumerate(samples, 1):
        print(f"| {i} | {sample:.3f} |")
    print(f"| **median of {len(samples)}** | **{median:.3f}** |\n")
    print(f"{verdict}: median {median:.3f} s, target <= {TARGET} s (the whole process, start to exit).\n")
    print("In one process, for where the time goes (not the measurement):")
    print(", ".join(f"{name} {seconds * 1000:.0f} ms" for name, seconds in steps.items()))
    sys.exit(0 if verdict == "PASS" else 1)


if __name__ == "__main__":
    main()
