"""`selftrust export` at ten years, as a whole process: per-day Markdown, again, and JSON.

    python -m benchmarks.export [--years 10] [--runs 5]

Writes the seeded journal of `benchmarks.journal` into a temporary folder, then runs the
installed `selftrust` (the entry point beside this Python) against it, with its own home,
settings and a fixed clock. Three measurements, each one untimed warm-up and then RUNS
timed runs, every run timed from just before the process starts to its exit with its
output read (`time.perf_counter`), the median compared with its target:

- Markdown, a fresh folder: `selftrust export --out DIR` into a new, empty folder each
  run (one file per day, and a weekly note per week); target <= 1.0 s;
- Markdown, again: the same command into a folder it already exported to (every file
  read and found unchanged, none rewritten); target <= 1.0 s;
- JSON: `selftrust export --format json --out FILE` to a new file each run; target <= 0.5 s.

Creating a few thousand files is the kernel's work, and how long it takes depends on the
filesystem and what else happened on it lately. On an ext4 without a journal (as in some
VMs) the kernel skips inodes freed in the last minutes when it makes a new one, so right
after many files were deleted (a test suite, this benchmark's own cleanup) creating files
costs several times more system time: the CPU line shows it. The folder's filesystem is
printed, and `--dir` runs the same measurement elsewhere (a tmpfs like /dev/shm shows the
app's own share; the default, the system's temporary folder, is the measurement).

Before each run the disk catches up (`sync`, not timed), so one run's writeback does not
land in the next. Every run's output is checked (exit 0, the summary line's counts, the files made), so a
run that failed fast cannot pass. Exits 1 on any MISS.

For where the time goes, the child processes' CPU time is split into user (Python) and
system (the kernel: creating files, reading the journal), and the same work is timed step
by step in this process; both are shown for information only, never instead of the
whole-process medians. The load average before and after is printed too: other work on
the machine shows there.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.common import find_selftrust, sandbox
from benchmarks.journal import write

NOW = "2026-11-27T09:15:00"

STEPS = """\
import json, sys, time, tempfile
from pathlib import Path
t0 = time.perf_counter()
import tui.cli
from data.store import Store
from data import backup, export, notes
t1 = time.perf_counter()
store = Store(Path(sys.argv[1]))
t2 = time.perf_counter()
days = notes.collect_days(store)
t3 = time.perf_counter()
bodies = [notes.day_body(day) for day in days]
t4 = time.perf_counter()
files = [notes.day_file(day) for day in days]
t5 = time.perf_counter()
report = export.export_days(store, Path(sys.argv[2]), days=days)
t6 = time.perf_counter()
raw = backup.backup_bytes(store)
t7 = time.perf_counter()
print(json.dumps({
    "import": t1 - t0, "read the journal": t2 - t1, "gather the days": t3 - t2,
    "the bodies alone (data.markdown)": t4 - t3, "whole files (front matter, body, digest)": t5 - t4,
    "render and write every file": t6 - t5, "JSON backup bytes": t7 - t6,
}))
"""


@dataclass
class Measure:
    """One measured command: its target, its samples and the CPU its runs used."""

    name: str
    target: float
    samples: list[float] = field(default_factory=list)
    user: float = 0.0
    system: float = 0.0
    warm_up: float = 0.0

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def verdict(self) -> str:
        return "PASS" if self.median <= self.target else "MISS"


def run_once(command: list[str], env: dict[str, str], measure: Measure | None) -> tuple[float, str]:
    """One whole process, timed from start to exit with its output read; its CPU added to MEASURE.

    The disk catches up first (sync, not timed), so the writeback of one run's files does
    not land in the next run's time.
    """
    os.sync()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, check=False)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0 or done.stderr:
        raise SystemExit(f"{' '.join(command[1:])} failed ({done.returncode}): {done.stderr.decode(errors='replace')}")
    if measure is not None:
        measure.user += after.ru_utime - before.ru_utime
        measure.system += after.ru_stime - before.ru_stime
    return elapsed, done.stdout.decode()


def expect(out: str, written: int, unchanged: int) -> None:
    """The summary line says what this run must have done."""
    found = re.search(r"written (\d+), unchanged (\d+), skipped (\d+)\.$", out.strip())
    if found is None or (int(found[1]), int(found[2]), int(found[3])) != (written, unchanged, 0):
        raise SystemExit(f"export did not do what it should (written {written}, unchanged {unchanged}): {out!r}")


def _filesystem(path: Path) -> str:
    """The type of filesystem PATH is on (Linux), or "unknown"."""
    try:
        mounts = [line.split() for line in Path("/proc/mounts").read_text().splitlines()]
    except OSError:
        return "unknown"
    best = max((m for m in mounts if str(path.resolve()).startswith(m[1])), key=lambda m: len(m[1]), default=None)
    return best[2] if best else "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description="Time `selftrust export` on a seeded journal of years of practice.")
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--dir", type=Path, default=None, help="where to make the temporary folder (default: the system's)"
    )
    args = parser.parse_args()
    load_before = os.getloadavg()

    fresh = Measure("Markdown, a file per day into a fresh folder", 1.0)
    again = Measure("Markdown again, into the folder already exported", 1.0)
    backup = Measure("JSON backup to a new file", 0.5)
    with tempfile.TemporaryDirectory(prefix="selftrust-export-", dir=args.dir) as folder:
        root = Path(folder)
        journal = root / "journal.json"
        counts = write(journal, args.years)
        env = sandbox(root, journal)
        selftrust = find_selftrust()

        def to_folder(n: str) -> list[str]:
            return [selftrust, "export", "--out", str(root / f"md-{n}")]

        fresh.warm_up, out = run_once(to_folder("warm-up"), env, None)
        made = [p.name for p in (root / "md-warm-up").iterdir()]
        weeks = sum(1 for name in made if "-W" in name)  # the weekly notes beside the days
        days = len(made)  # every file: the days and the weekly notes
        expect(out, days, 0)
        for n in range(args.runs):
            elapsed, out = run_once(to_folder(str(n)), env, fresh)
            expect(out, days, 0)
            fresh.samples.append(elapsed)

        again.warm_up, out = run_once(to_folder("0"), env, None)
        expect(out, 0, days)
        for _ in range(args.runs):
            elapsed, out = run_once(to_folder("0"), env, again)
            expect(out, 0, days)
            again.samples.append(elapsed)

        def to_file(n: str) -> list[str]:
            return [selftrust, "export", "--format", "json", "--out", str(root / f"backup-{n}.json")]

        backup.warm_up, out = run_once(to_file("warm-up"), env, None)
        expect(out, 1, 0)
        for n in range(args.runs):
            elapsed, out = run_once(to_file(str(n)), env, backup)
            expect(out, 1, 0)
            backup.samples.append(elapsed)
        whole = json.loads((root / "backup-0.json").read_bytes())
        if len(whole["decisions"]) != counts["decisions"]:
            raise SystemExit("the JSON backup does not hold every decision")

        steps_run = subprocess.run(
            [sys.executable, "-c", STEPS, str(journal), str(root / "md-steps")],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        steps = json.loads(steps_run.stdout)
    load_after = os.getloadavg()

    measures = (fresh, again, backup)
    print(f"# `selftrust export` at {args.years} years\n")
    print(
        f"Journal: {counts['entries']:,} entries ({counts['decisions']:,} decisions), {counts['bytes'] / 1e6:.1f} MB; {days - weeks:,} days to export, and {weeks:,} weekly notes"
    )
    print(f"Python {platform.python_version()} on {platform.system()} {platform.machine()}, {os.cpu_count()} CPUs")
    print(f"Working in {Path(folder).parent} ({_filesystem(Path(folder).parent)})")
    print(f"Load average before {load_before[0]:.2f}, after {load_after[0]:.2f}\n")
    print("| run | " + " | ".join(m.name for m in measures) + " |")
    print("|---|" + "---|" * len(measures))
    print("| warm-up (not counted) | " + " | ".join(f"{m.warm_up:.3f}" for m in measures) + " |")
    for i in range(args.runs):
        print(f"| {i + 1} | " + " | ".join(f"{m.samples[i]:.3f}" for m in measures) + " |")
    print(f"| **median of {args.runs}** | " + " | ".join(f"**{m.median:.3f}**" for m in measures) + " |")
    print("| target | " + " | ".join(f"<= {m.target}" for m in measures) + " |")
    print("| | " + " | ".join(f"**{m.verdict}**" for m in measures) + " |")
    print(
        "| CPU per run: user / system | "
        + " | ".join(f"{m.user / args.runs:.3f} / {m.system / args.runs:.3f}" for m in measures)
        + " |\n"
    )
    for m in measures:
        print(
            f"{m.verdict}: {m.name}: median {m.median:.3f} s, target <= {m.target} s (the whole process, start to exit)."
        )
    print("\nIn one process, for where the time goes (not the measurement):")
    print(", ".join(f"{name} {seconds * 1000:.0f} ms" for name, seconds in steps.items()))
    sys.exit(0 if all(m.verdict == "PASS" for m in measures) else 1)


if __name__ == "__main__":
    main()
