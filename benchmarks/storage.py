"""Storage at ten years: open time and save latency of selftrust's store against TinyDB's default.

    python -m benchmarks.storage [--years 10] [--saves 50] [--opens 7] [--folder DIR]

In one run: writes the seeded journal of `benchmarks.journal` once into a temporary
folder (in DIR when given, so the disk the journal really lives on can be measured),
then measures

- selftrust's `Store`: open (a fresh `Store(path)` reading the journal, median of
  `--opens`), the first open in a new process including the import of `data.store`
  (median of 5), and save latency (`add_decision` on the open store, a fresh decision
  with its own text per save; median and p95 of `--saves`);
- TinyDB's default `JSONStorage` (plain `TinyDB(path)`) on the same records: open (the
  constructor and the first full read, `db.tables()`, median of `--opens`) and save
  latency (`db.table("decisions").insert(...)` of a decision-shaped dict).

Plain TinyDB numbers its documents with integers and cannot insert into a table keyed
by selftrust's hex ids, so its copy holds the same records keyed 1, 2, 3... and no
top-level "schema_version", written the way TinyDB itself writes its file.

Then 11 more saves are timed phase by phase (serialise, temp file write, fsync,
rename, folder fsync, backups, the lock, the rest in memory) by wrapping functions of
`data.journal_file` in this process only, to show what a save spends its time on.
Prints a Markdown table and PASS or MISS for each target (save median <= 20 ms, at
least 10x faster than the default, open <= 150 ms); exits 1 when a target is missed.
Every timing uses `time.perf_counter`; nothing is left out of a median.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import Any

import pendulum

from benchmarks import journal
from data.vocabulary import DEFAULT_AREAS, DEFAULT_PULLS

SAVE_TARGET = 0.020  # seconds, median
SPEEDUP_TARGET = 10.0  # times faster than TinyDB's default storage, by save median
OPEN_TARGET = 0.150  # seconds, median
PHASE_SAVES = 11
FIRST_OPENS = 5
ZONE = "Europe/Berlin"
FIRST_DAY = pendulum.datetime(2026, 11, 27, 8, tz=ZONE)  # the day after the journal's last

# What the timed saves say (their own words: the journal's generator may change its own).
TEXTS = (
    "Tell Sam the Friday deadline doesn't work for me",
    "Leave work at six, even with the inbox full",
    "Ask Alex for help with the report",
    "Walk at lunch, phone left at my desk",
    "Say what I need before the meeting ends",
    "Let the draft be good enough and send it",
)
WHYS = ("My evenings are how I stay kind.", "I keep promising myself this and then not doing it.", "")
NEXT_STEPS = ("Write the message before ten", "Put it in the calendar now", "")
SAYS = ("Friday won't work for me; Tuesday will.", "I can't take that on this week.")

FIRST_OPEN = """\
import sys, time
t = time.perf_counter()
from pathlib import Path
from data.store import Store
Store(Path(sys.argv[1]))
print(time.perf_counter() - t)
"""


# -- what is saved ----------------------------------------------------------------


class Decisions:
    """A fresh, different decision for every save, from a seeded source (saved on later days)."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.count = 0

    def next(self) -> dict[str, Any]:
        """The fields of the next decision: when, which day, and what it says."""
        rng, i = self.rng, self.count
        self.count += 1
        now = FIRST_DAY.add(days=i // 2, hours=i % 2, minutes=rng.randint(0, 59))
        return {
            "now": now,
            "day": now.date().isoformat(),
            "text": f"{rng.choice(TEXTS)} (take {i + 1})",
            "area": rng.choice(DEFAULT_AREAS),
            "why": rng.choice(WHYS),
            "pulls_expected": rng.sample(DEFAULT_PULLS, rng.randint(0, 2)),
            "certainty": rng.choice((None, 2, 3, 4, 5)),
            "next_step": rng.choice(NEXT_STEPS),
            "say": rng.choice(SAYS) if rng.random() < 0.3 else None,
        }


def decision_dict(fields: dict[str, Any]) -> dict[str, Any]:
    """The decision as a record, as selftrust would store it (for TinyDB's default storage)."""
    from data.daytime import stamp
    from data.models import Decision, new_id

    when = stamp(fields["now"])
    decision = Decision(
        id=new_id(),
        created_at=when,
        updated_at=when,
        day=fields["day"],
        n=1 + fields["now"].hour % 2,
        **{k: v for k, v in fields.items() if k not in ("now", "day")},
    )
    return decision.to_dict()


# -- measuring --------------------------------------------------------------------


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    """Seconds ACTION took, and what it returned."""
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def p95(samples: list[float]) -> float:
    """The 95th percentile (interpolated between the two nearest samples)."""
    if len(samples) < 2:
        return samples[0]
    return statistics.quantiles(samples, n=20, method="inclusive")[-1]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def measure_opens(open_once: Callable[[], Callable[[], None]], times: int) -> list[float]:
    """Seconds for each of TIMES opens; OPEN_ONCE opens and returns how to close what it opened."""
    samples = []
    for _ in range(times):
        gc.collect()  # the garbage of the previous open is not this open's cost
        seconds, close = timed(open_once)
        close()
        samples.append(seconds)
    gc.collect()
    return samples


def first_opens(path: Path, times: int) -> tuple[list[float], list[float]]:
    """In a new process each time: (import of data.store + first open, the whole process)."""
    inside, whole = [], []
    for _ in range(times):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", FIRST_OPEN, str(path)], capture_output=True, text=True, check=True)
        whole.append(time.perf_counter() - start)
        inside.append(float(done.stdout.strip()))
    return inside, whole


def ours_open(path: Path) -> Callable[[], None]:
    from data.store import Store

    store = Store(path)
    return store.close


def ours_saves(store: Any, source: Decisions, count: int) -> list[float]:
    samples = []
    for _ in range(count):
        fields = source.next()
        now, day, text, area = (fields.pop(k) for k in ("now", "day", "text", "area"))
        start = time.perf_counter()
        store.add_decision(now, day, text, area, **fields)
        samples.append(time.perf_counter() - start)
    return samples


def tinydb_open(path: Path) -> Callable[[], None]:
    from tinydb import TinyDB

    db = TinyDB(path)
    db.tables()  # the constructor reads nothing; this is the first full read
    return db.close


def tinydb_saves(path: Path, source: Decisions, count: int) -> list[float]:
    from tinydb import TinyDB

    db = TinyDB(path)
    decisions = db.table("decisions")
    samples = []
    for _ in range(count):
        record = decision_dict(source.next())
        start = time.perf_counter()
        decisions.insert(record)
        samples.append(time.perf_counter() - start)
    db.close()
    return samples


def tinydb_copy(source: Path, target: Path) -> int:
    """The journal's records as plain TinyDB holds them (integer keys, no schema_version); its size."""
    from data.store import Store

    with Store(source).storage.unchanging(whole=True) as data:  # every year's records, in one file for TinyDB
        tables = {name: {str(i): doc for i, doc in enumerate(table.values(), 1)} for name, table in data.items()}
    target.parent.mkdir(parents=True, exist_ok=True)
    raw = json.dumps(tables)  # as TinyDB's JSONStorage writes it (json.dumps, no arguments)
    target.write_text(raw)
    return len(raw.encode("utf-8"))


# -- where a save spends its time ---------------------------------------------------


class Phases:
    """Exclusive time per phase of a save, from wrappers put around the functions that do the work."""

    def __init__(self) -> None:
        self.totals: dict[str, float] = defaultdict(float)
        self.stack: list[list[Any]] = []  # [name, start, time spent in nested phases]
        self.undo: list[Callable[[], None]] = []

    def add(self, name: str, seconds: float) -> None:
        self.totals[name] += seconds

    def wrap(self, owner: Any, attribute: str, name: str, only_inside: str | None = None) -> None:
        """Time OWNER.ATTRIBUTE as NAME (when ONLY_INSIDE is given, only when called within that phase)."""
        original = getattr(owner, attribute)

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if only_inside is not None and (not self.stack or self.stack[-1][0] != only_inside):
                return original(*args, **kwargs)
            frame = [name, time.perf_counter(), 0.0]
            self.stack.append(frame)
            try:
                return original(*args, **kwargs)
            finally:
                self.stack.pop()
                spent = time.perf_counter() - frame[1]
                self.add(name, spent - frame[2])
                if self.stack:
                    self.stack[-1][2] += spent

        setattr(owner, attribute, wrapper)
        self.undo.append(lambda: setattr(owner, attribute, original))

    def wrap_lock(self, owner: Any, name: str) -> None:
        """Time taking and giving back the journal's lock (not what is done while it is held)."""
        original = owner.lock
        phases = self

        @contextmanager
        def lock(self_: Any) -> Iterator[None]:
            manager = original(self_)
            start = time.perf_counter()
            manager.__enter__()
            phases.add(name, time.perf_counter() - start)
            try:
                yield
            except BaseException:
                if not manager.__exit__(*sys.exc_info()):
                    raise
            else:
                start = time.perf_counter()
                manager.__exit__(None, None, None)
                phases.add(name, time.perf_counter() - start)

        owner.lock = lock
        self.undo.append(lambda: setattr(owner, "lock", original))

    def restore(self) -> None:
        for undo in reversed(self.undo):
            undo()
        self.undo.clear()


def save_phases(store: Any, source: Decisions, count: int) -> tuple[dict[str, float], float]:
    """The median seconds of each phase over COUNT instrumented saves, and the median whole save."""
    from data import journal_file, journal_storage
    from data import store as data_store

    per_save: dict[str, list[float]] = defaultdict(list)
    wholes = []
    phases = Phases()
    try:
        # journal_storage.py imported encode_journal by name, so its own reference is the one to wrap
        phases.wrap(journal_storage, "encode_journal", "serialise (orjson)")
        phases.wrap(journal_file.JournalFile, "save", "temp file: create, write, close")
        phases.wrap(os, "fsync", "fsync the temp file", only_inside="temp file: create, write, close")
        phases.wrap(os, "replace", "rename over the journal", only_inside="temp file: create, write, close")
        phases.wrap(journal_file, "fsync_folder_checked", "fsync the folder")
        phases.wrap(journal_file.JournalFile, "_keep_backup", "backups (hard links, prune)")
        phases.wrap(journal_file.JournalFile, "signature", "stat: changed elsewhere?")
        phases.wrap(data_store.Store, "next_number", "number the decision (scan the day)")
        phases.wrap_lock(journal_file.JournalFile, "lock file: open, flock, close")
        for _ in range(count):
            phases.totals.clear()
            wholes.extend(ours_saves(store, source, 1))
            for name, seconds in phases.totals.items():
                per_save[name].append(seconds)
            per_save["in memory: TinyDB insert, checks, the rest"].append(wholes[-1] - sum(phases.totals.values()))
    finally:
        phases.restore()
    return {name: statistics.median(samples) for name, samples in per_save.items()}, statistics.median(wholes)


# -- the run ------------------------------------------------------------------------


def version_of(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "?"


def run(years: int, saves: int, opens: int, folder: Path | None) -> bool:
    """Measure, print, and say whether every target was met."""
    print(
        f"Python {platform.python_version()} on {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} cores; tinydb {version_of('tinydb')}, orjson {version_of('orjson')}"
    )
    with tempfile.TemporaryDirectory(prefix="selftrust-bench-", dir=folder) as work:
        ours_path = Path(work) / "selftrust" / "journal.json"
        default_path = Path(work) / "tinydb" / "journal.json"
        seconds, counts = timed(lambda: journal.write(ours_path, years))
        print(
            f"Journal of {years} years in {work}: {counts['entries']:,} entries "
            f"({counts['decisions']:,} decisions, {counts['checks']:,} checks, {counts['reviews']:,} reviews), "
            f"{counts['bytes'] / 1e6:.1f} MB (written in {seconds:.1f} s)"
        )
        default_bytes = tinydb_copy(ours_path, default_path)
        print(
            f"TinyDB's copy (same records, integer keys, ASCII-escaped as TinyDB writes): {default_bytes / 1e6:.1f} MB"
        )

        ours_open_s = measure_opens(lambda: ours_open(ours_path), opens)
        first_inside, first_whole = first_opens(ours_path, FIRST_OPENS)

        from data.store import Store

        store = Store(ours_path)
        ours_save_s = ours_saves(store, Decisions(1), saves)
        phases, phase_whole = save_phases(store, Decisions(2), PHASE_SAVES)
        store.close()

        default_open_s = measure_opens(lambda: tinydb_open(default_path), opens)
        default_save_s = tinydb_saves(default_path, Decisions(1), saves)

    ours = (statistics.median(ours_open_s), statistics.median(ours_save_s), p95(ours_save_s))
    default = (statistics.median(default_open_s), statistics.median(default_save_s), p95(default_save_s))
    print()
    print(
        f"| {years} years, {counts['entries']:,} entries | open (median of {opens}) | save median ({saves} saves) | save p95 |"
    )
    print("|---|---:|---:|---:|")
    print(f"| selftrust (`Store`) | {ms(ours[0])} | {ms(ours[1])} | {ms(ours[2])} |")
    print(f"| TinyDB default (`JSONStorage`) | {ms(default[0])} | {ms(default[1])} | {ms(default[2])} |")
    print(
        f"| default / selftrust | {default[0] / ours[0]:.1f}x | {default[1] / ours[1]:.1f}x | {default[2] / ours[2]:.1f}x |"
    )
    print()
    print(
        f"First open in a new process, including `from data.store import Store`: "
        f"{ms(statistics.median(first_inside))} median of {FIRST_OPENS} "
        f"(the whole `python -c` process: {ms(statistics.median(first_whole))})"
    )
    print(f"Every save, selftrust: {', '.join(f'{s * 1000:.1f}' for s in ours_save_s)} ms")
    print(f"Every save, TinyDB default: {', '.join(f'{s * 1000:.0f}' for s in default_save_s)} ms")

    print()
    print(
        f"Where a selftrust save spends its time (median of {PHASE_SAVES} more saves, timed by phase; whole save {ms(phase_whole)}):"
    )
    for name, seconds in sorted(phases.items(), key=lambda item: -item[1]):
        print(f"  {seconds * 1000:6.1f} ms  {seconds / phase_whole:4.0%}  {name}")

    speedup = default[1] / ours[1]
    checks = [
        (f"save median {ms(ours[1])} <= {ms(SAVE_TARGET)}", ours[1] <= SAVE_TARGET),
        (f"saves {speedup:.1f}x faster than TinyDB's default >= {SPEEDUP_TARGET:.0f}x", speedup >= SPEEDUP_TARGET),
        (f"open median {ms(ours[0])} <= {ms(OPEN_TARGET)}", ours[0] <= OPEN_TARGET),
    ]
    print()
    for words, met in checks:
        print(f"{'PASS' if met else 'MISS'}  {words}")
    if not all(met for _, met in checks):
        slowest = max(phases.items(), key=lambda item: item[1])
        print(
            f"A target was missed; the phases above show where a save's time goes (the largest: {slowest[0]}, {ms(slowest[1])})."
        )
    return all(met for _, met in checks)


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Open time and save latency of selftrust's store against TinyDB's default."
    )
    parser.add_argument("--years", type=int, default=10, help="years of journal to measure at (default 10)")
    parser.add_argument("--saves", type=int, default=50, help="saves to time on each store (default 50)")
    parser.add_argument("--opens", type=int, default=7, help="opens to time on each store (default 7)")
    parser.add_argument("--folder", type=Path, help="make the temporary folder here (default: the system's)")
    args = parser.parse_args()
    sys.exit(0 if run(args.years, args.saves, args.opens, args.folder) else 1)


if __name__ == "__main__":
    main()
