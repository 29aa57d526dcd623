"""How every cost grows with the journal: one table for 1, 10, 30 and 50 years, in one run.

    python -m benchmarks --scaling [--years-list 1,10,30,50] [--runs 3]

Writes the seeded journal of `benchmarks.journal` (the sample generator, `data.sample`)
at each size into a temporary folder, then measures each size the same way, in the same
run:

- save one decision (median) and open the journal (`Store`, median), in a Python process
  of its own for each size;
- `selftrust decide` as a whole process (a fresh process each run, start to exit), and
  its peak memory (the kernel's maximum RSS of that process, from wait4, which counts from
  the parent's size at the fork: the journals are written in a process of their own so this
  one stays small); the same on an empty journal as the yardstick;
- first paint of Today with today's decisions, in tmux as `benchmarks.first_paint`
  measures it, WITH the recent days (the file kept beside the journal, as a clean exit
  leaves it) and WITHOUT them (that file removed before every launch, as after a crash or
  a copy of the journal alone), against the minimal Textual app, the floor;
- History open, table filled and drawn (`benchmarks.history`).

Prints one Markdown table (a row for each measure, a column for each size) and, under
it, the ratios issue 17's targets name, each with its target and PASS or MISS. A ratio
whose sizes are not in the run says so. Exits 0 when every target is met, 1 when one is
missed, 2 when a figure could not be measured.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import harness
from benchmarks import journal as seeded

YEARS = (1, 10, 30, 50)

# Issue 17's targets.
SAVE_RATIO = 1.5  # save at 30 years / save at 1 year
SAVE_10 = 0.020  # save at 10 years, seconds
PAINT_10 = 1.25  # first paint at 10 years without the recent days / the floor
PAINT_50 = 1.4  # the same at 50 years
DECIDE_RATIO = 1.3  # decide at 30 years / decide on an empty journal
HISTORY_50 = 0.300  # History open at 50 years, seconds
DECIDE_PEAK_30 = 150.0  # peak memory of decide at 30 years, MB


@dataclass
class Size:
    """One journal of the run and what was measured on it (seconds, MB)."""

    years: int
    path: Path
    counts: dict[str, int]
    write_seconds: float
    figures: dict[str, float] = field(default_factory=dict)


def measure_store(journal: str, folder: str, saves: str, opens: str) -> dict[str, Any]:
    """The store's open and save latency on a copy of JOURNAL (no TinyDB comparison: it is slow at 50 years)."""
    from benchmarks import storage
    from data.store import Store

    ours = harness.copy_of(Path(journal), Path(folder))
    opened = storage.measure_opens(lambda: storage.ours_open(ours), int(opens))
    store = Store(ours)
    saved = storage.ours_saves(store, storage.Decisions(1), int(saves))
    store.close()
    return {"open": opened, "save": saved}


def write_journal(path: str, years: str) -> dict[str, int]:
    """The seeded journal of YEARS years written to PATH; its counts."""
    return seeded.write(Path(path), int(years))


def decide_once(selftrust: str, path: Path, text: str, env: dict[str, str]) -> tuple[float, float]:
    """Seconds for one `selftrust decide` process, start to exit, and its peak resident memory in MB."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen([selftrust, "decide", "--db", str(path), text], env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        said = out.read().decode("utf-8", errors="replace")
        if child.returncode != 0 or not said.startswith("Decision ") or text not in said:
            problem = err.read().decode("utf-8", errors="replace").strip() or said
            raise RuntimeError(f"selftrust decide did not save the decision ({child.returncode}): {problem}")
    return elapsed, usage.ru_maxrss * 1024 / 1e6  # ru_maxrss is in KiB on Linux


def decides(path: Path, env: dict[str, str], runs: int) -> tuple[float, float]:
    """The median seconds of RUNS `decide` processes on PATH (after a warm-up) and the largest peak memory."""
    selftrust = harness.find_selftrust()
    samples, peaks = [], []
    for i in range(runs + 1):
        elapsed, peak = decide_once(selftrust, path, f"Walk at lunch, phone left at my desk (take {i + 1})", env)
        if i > 0:
            samples.append(elapsed)
            peaks.append(peak)
    return statistics.median(samples), max(peaks)


def first_paints(sizes: list[Size], work: Path, env: dict[str, str], runs: int) -> float:
    """First paint with and without the recent days for every size, into each Size; the floor's median."""
    from benchmarks.first_paint import MINIMAL_MARKER, Pane, Subject, first_paint

    tmux = harness.shutil.which("tmux")
    if tmux is None:
        raise RuntimeError("tmux is needed: apt-get install tmux")
    selftrust = harness.find_selftrust()
    subjects: list[tuple[Subject, Path | None]] = []
    for size in sizes:
        for kind in ("with", "without"):
            path = harness.prepare_paint_journal(size.path, work / f"paint-{size.years}-{kind}", env, selftrust)
            forget = None  # nothing is kept beside the journal any more: both starts read its newest year
            subjects.append(
                (Subject(f"{kind}-{size.years}", [selftrust, "--db", str(path)], harness.PAINT_MARKER), forget)
            )
    minimal_app = Path(harness.__file__).with_name("minimal_app.py")
    floor = Subject("floor", [harness.sys.executable, str(minimal_app), MINIMAL_MARKER], MINIMAL_MARKER)
    subjects.append((floor, None))
    (work / "tmux").mkdir()
    pane = Pane(tmux, work / "tmux", env)
    try:
        for n in range(runs + 1):  # the first round is the warm-up: bytecode, the page cache, the recent days written
            for subject, forget in subjects:
                if forget is not None:
                    forget.unlink(missing_ok=True)
                elapsed = first_paint(pane, subject, harness.POLL_INTERVAL, harness.PAINT_TIMEOUT)
                pane.quit()
                if n > 0:
                    subject.samples.append(elapsed)
    finally:
        pane.close()
    medians = {subject.name: statistics.median(subject.samples) for subject, _ in subjects}
    for size in sizes:
        size.figures["paint_with"] = medians[f"with-{size.years}"]
        size.figures["paint_without"] = medians[f"without-{size.years}"]
    return medians["floor"]


# -- the table ---------------------------------------------------------------------------------


def cell(value: float | None, unit: str) -> str:
    if value is None:
        return "not measured"
    if unit == "s":
        return harness.ms(value)
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:.2f}x"  # a ratio to the floor


MEASURES = (  # key, the row's name, its unit
    ("save", "Save one decision (median)", "s"),
    ("open", "Open the journal (`Store`, median)", "s"),
    ("decide", "`selftrust decide`, whole process (median)", "s"),
    ("decide_peak", "`selftrust decide`, peak memory (largest)", "MB"),
    ("paint_with", "First paint, with the recent days (median)", "s"),
    ("paint_with_ratio", "First paint, with the recent days / the floor", "x"),
    ("paint_without", "First paint, without the recent days (median)", "s"),
    ("paint_without_ratio", "First paint, without the recent days / the floor", "x"),
    ("history", "History open, table filled and drawn (median)", "s"),
)


def checks(sizes: dict[int, Size], empty_decide: float | None) -> list[harness.Row]:
    """Issue 17's targets on the table, each PASS or MISS, or why it could not be judged."""

    def figure(years: int, key: str) -> float | None:
        size = sizes.get(years)
        return None if size is None else size.figures.get(key)

    def ratio_row(name: str, top: float | None, bottom: float | None, limit: float, missing: str) -> harness.Row:
        if top is None or bottom is None:
            return harness.Row(name, f"not measured ({missing})", f"<= {limit}x", "")
        value = top / bottom
        return harness.Row(
            name,
            f"{value:.2f}x ({harness.ms(top)} / {harness.ms(bottom)})",
            f"<= {limit}x",
            harness.verdict(value, limit),
        )

    def limit_row(name: str, value: float | None, limit: float, unit: str, missing: str) -> harness.Row:
        target = f"<= {limit * 1000:.0f} ms" if unit == "s" else f"<= {limit:.0f} MB"
        if value is None:
            return harness.Row(name, f"not measured ({missing})", target, "")
        shown = harness.ms(value) if unit == "s" else f"{value:.0f} MB"
        return harness.Row(name, shown, target, harness.verdict(value, limit))

    floor = next((s.figures.get("floor") for s in sizes.values() if "floor" in s.figures), None)
    return [
        ratio_row(
            "Save one decision, 30 years / 1 year",
            figure(30, "save"),
            figure(1, "save"),
            SAVE_RATIO,
            "needs 1 and 30 years",
        ),
        limit_row("Save one decision at 10 years", figure(10, "save"), SAVE_10, "s", "needs 10 years"),
        ratio_row(
            "First paint at 10 years without the recent days / the floor",
            figure(10, "paint_without"),
            floor,
            PAINT_10,
            "needs 10 years",
        ),
        ratio_row(
            "First paint at 50 years without the recent days / the floor",
            figure(50, "paint_without"),
            floor,
            PAINT_50,
            "needs 50 years",
        ),
        ratio_row(
            "`selftrust decide`, 30 years / an empty journal",
            figure(30, "decide"),
            empty_decide,
            DECIDE_RATIO,
            "needs 30 years",
        ),
        limit_row("History open at 50 years", figure(50, "history"), HISTORY_50, "s", "needs 50 years"),
        limit_row(
            "`selftrust decide` peak memory at 30 years",
            figure(30, "decide_peak"),
            DECIDE_PEAK_30,
            "MB",
            "needs 30 years",
        ),
    ]


def table(sizes: list[Size], floor: float | None, empty_decide: float | None, empty_peak: float | None) -> list[str]:
    columns = [f"{s.years} year{'s' if s.years != 1 else ''}" for s in sizes]
    lines = ["| measure | " + " | ".join(columns) + " |", "|---|" + "---:|" * len(sizes)]
    for key, name, unit in MEASURES:
        lines.append(f"| {name} | " + " | ".join(cell(s.figures.get(key), unit) for s in sizes) + " |")
    lines += [
        "",
        f"Yardsticks: the minimal Textual app's first paint (the floor) {cell(floor, 's')}; "
        f"`selftrust decide` on an empty journal {cell(empty_decide, 's')}, peak memory {cell(empty_peak, 'MB')}.",
    ]
    return lines


def run(years_list: list[int], runs: int) -> int:
    """Write every journal, measure every size, print the table and the targets; the exit code."""
    command = f"python -m benchmarks --scaling --years-list {','.join(map(str, years_list))} --runs {runs}"
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    errors: list[str] = []
    floor = empty_decide = empty_peak = None
    with tempfile.TemporaryDirectory(prefix="selftrust-scaling-") as folder:
        work = Path(folder)
        env = harness.sandbox(work)
        sizes = []
        for years in years_list:
            harness.say(f"writing the seeded {years}-year journal")
            path = work / f"journal-{years}" / "journal.json"
            began = time.perf_counter()
            # In a process of its own: a child's peak memory starts from its parent's at the fork,
            # so this one stays small for `decide`'s figure to be decide's own.
            counts = harness.in_child("write_journal", str(path), str(years), env=env, module="benchmarks.scaling")
            sizes.append(Size(years, path, counts, time.perf_counter() - began))

        def attempt(what: str, measure: Any) -> Any:
            harness.say(f"measuring: {what}")
            try:
                return measure()
            except (Exception, SystemExit) as error:  # the benchmark modules stop with SystemExit
                harness.say(harness.traceback.format_exc())
                errors.append(f"{what}: {(str(error) or type(error).__name__).splitlines()[0]}")
                return None

        saves = max(10, 10 * runs)
        for size in sizes:
            found = attempt(
                f"open and save at {size.years} years",
                lambda size=size: harness.in_child(
                    "measure_store",
                    str(size.path),
                    str(work / f"store-{size.years}"),
                    str(saves),
                    str(runs),
                    env=env,
                    module="benchmarks.scaling",
                ),
            )
            if found:
                size.figures["open"] = statistics.median(found["open"])
                size.figures["save"] = statistics.median(found["save"])
            decided = attempt(
                f"`selftrust decide` at {size.years} years",
                lambda size=size: decides(harness.copy_of(size.path, work / f"decide-{size.years}"), env, runs),
            )
            if decided:
                size.figures["decide"], size.figures["decide_peak"] = decided
            history = attempt(
                f"History at {size.years} years",
                lambda size=size: harness.in_child(
                    "measure_history",
                    str(harness.copy_of(size.path, work / f"history-{size.years}")),
                    str(runs),
                    env=env,
                ),
            )
            if history:
                size.figures["history"] = history["open"]
        empty = work / "empty" / "journal.json"  # not there yet: the first decide creates it
        empty.parent.mkdir()
        decided = attempt("`selftrust decide` on an empty journal", lambda: decides(empty, env, runs))
        if decided:
            empty_decide, empty_peak = decided
        floor = attempt("first paint, with and without the recent days", lambda: first_paints(sizes, work, env, runs))
        for size in sizes:
            if floor:
                size.figures["floor"] = floor
                for kind in ("paint_with", "paint_without"):
                    if kind in size.figures:
                        size.figures[f"{kind}_ratio"] = size.figures[kind] / floor

    by_years = {size.years: size for size in sizes}
    judged = checks(by_years, empty_decide)
    journals = "; ".join(
        f"{s.years} y: {s.counts['entries']:,} entries, {s.counts['bytes'] / 1e6:.1f} MB, written in {s.write_seconds:.1f} s"
        for s in sizes
    )
    lines = [
        f"# selftrust from {years_list[0]} to {years_list[-1]} years: `{command}`",
        "",
        f"Journals (the sample generator, seed 2026): {journals}. Medians of {runs} runs; saves: {saves} each.",
        f"Machine: {harness.machine()}.",
        f"Load average before {load_before:.2f}, after {os.getloadavg()[0]:.2f}; the run took {time.perf_counter() - started:.0f} s.",
        "",
        *table(sizes, floor, empty_decide, empty_peak),
        "",
        "Issue 17's targets:",
        "",
        "| target | figure | limit | |",
        "|---|---:|---|---|",
        *(f"| {r.measure} | {r.figure} | {r.target} | {r.verdict} |" for r in judged),
    ]
    if errors:
        lines += ["", "Not measured:", *(f"- {e}" for e in errors)]
    print("\n".join(lines), flush=True)
    if errors:
        return 2
    return 1 if any(r.verdict == "MISS" for r in judged) else 0
