"""How every cost grows with the journal: one table for 1, 10, 30 and 50 years, in one run.

    python -m benchmarks --scaling [--years-list 1,10,30,50] [--runs 3]

Writes the seeded journal of `benchmarks.journal` (the sample generator, `data.sample`, the
same one `python -m benchmarks --years N` writes) at each size into a temporary folder, then
measures each size the same way, in the same run:

- save one decision (median), open the journal (`Store`, median), and open it whole
  (`Store` then `complete()`, every record read) against TinyDB's default storage opening
  the same records (`benchmarks.storage`: `TinyDB(path)` and its first full read),
  alternately, with the collector run between opens, in a Python process of its own for
  each size; the first open is not timed (it may bring a journal of today's layout to the
  store's own, and it fills the page cache);
- `selftrust decide` as a whole process (a fresh process each run, start to exit), and
  its peak memory (the kernel's maximum RSS of that process, from wait4, which counts from
  the parent's size at the fork: the journals are written in a process of their own so this
  one stays small); the same on an empty journal as the yardstick;
- first paint of Today with today's decisions, in tmux as `benchmarks.first_paint`
  measures it, against the minimal Textual app, the floor (nothing is kept beside the
  journal for a fast start: every start reads the journal's own file, its newest year);
- the app's peak memory on Today: after each timed first paint above, once the app is idle (its CPU time grew by less than 30 ms over 2 s;
  60 s at most), VmHWM of the app's own process (the pane's, or the deepest process under
  it); the largest of every launch;
- History's first open in a fresh app (its first page drawn, and every year in), and one
  filter keystroke, the screen's work
  (`benchmarks.history`);
- `h` right after first paint: `selftrust --db J`, `h` sent the moment Today's decisions are on screen, timed from the launch to History's
  rows on screen (the newest day's first decision on a line with its date), against
  `selftrust --db J history` from the launch to the same rows; alternately, in tmux.

Prints one Markdown table (a row for each measure, a column for each size) and, under
it, the ratios issue 17's targets name, each with its target and PASS or MISS, or "could
not be judged" when a size it needs is not in the run or its figure could not be measured.
Exits 0 when every target it could judge is met, 1 when one is missed, 2 when a figure
could not be measured (what went wrong is listed under the table).
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
PAINT_10 = 1.25  # first paint at 10 years (nothing kept beside the journal) / the floor
PAINT_50 = 1.4  # the same at 50 years
DECIDE_RATIO = 1.3  # decide at 30 years / decide on an empty journal
HISTORY_50 = 0.300  # History open at 50 years, seconds
DECIDE_PEAK_30 = 150.0  # peak memory of decide at 30 years, MB
OPEN_WHOLE_10 = 0.6  # opening the whole journal at 10 years / TinyDB's default opening the same data
APP_PEAK_30 = 150.0  # peak memory of the app on Today at 30 years, MB
H_RATIO = 1.0  # `h` right after first paint to History / `selftrust history` to History, at 10 and 50 years
KEYSTROKE_50 = 0.050  # History's filter keystroke at 50 years, seconds

IDLE_WINDOW = 2.0  # seconds of (nearly) no CPU time that mean the app is idle
IDLE_CPU = 0.030  # CPU seconds the app may spend in that window and still be idle (its own timers)
IDLE_BUDGET = 60.0  # seconds to wait for it
IDLE_POLL = 0.1


@dataclass
class Size:
    """One journal of the run and what was measured on it (seconds, MB)."""

    years: int
    path: Path
    counts: dict[str, int]
    write_seconds: float
    figures: dict[str, float] = field(default_factory=dict)


def measure_store(journal: str, folder: str, saves: str, opens: str) -> dict[str, Any]:
    """On copies of JOURNAL: the store's open, its whole open against TinyDB's default opening the same data, its save."""
    from benchmarks import storage
    from data.store import Store

    ours = harness.copy_of(Path(journal), Path(folder) / "selftrust")
    default = Path(folder) / "tinydb" / "journal.json"
    storage.tinydb_copy(ours, default)  # before the first open, which may bring the journal to the store's own layout

    def whole() -> Any:
        store = Store(ours)
        store.complete()  # every part not read yet
        return store.close

    whole()()  # not timed: a first open may change the journal's layout; both files in the page cache
    storage.tinydb_open(default)()
    opened = storage.measure_opens(lambda: storage.ours_open(ours), int(opens))
    whole_opens, default_opens = [], []
    for _ in range(int(opens)):  # alternately, so a busy moment falls on both
        whole_opens += storage.measure_opens(whole, 1)
        default_opens += storage.measure_opens(lambda: storage.tinydb_open(default), 1)
    store = Store(ours)
    saved = storage.ours_saves(store, storage.Decisions(1), int(saves))
    store.close()
    return {"open": opened, "open_whole": whole_opens, "tinydb_open": default_opens, "save": saved}


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


def app_process(pane_pid: int) -> int:
    """The app's own process in the pane: the pane's when it is selftrust, else the first under it that is (or the deepest)."""
    children = harness._children()
    current = pane_pid
    while children.get(current) and b"selftrust" not in _command_line(current):
        current = max(children[current])
    return current


def _command_line(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def cpu_seconds(pid: int) -> float:
    """The CPU time PID has used so far, user and system (from /proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()  # the name may hold spaces
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_once_idle(pid: int) -> float:
    """PID's peak resident memory in MB (VmHWM), read once its CPU time has all but stopped growing."""
    seen: list[tuple[float, float]] = []  # (when, CPU seconds so far)
    started = time.monotonic()
    while True:
        now = time.monotonic()
        try:
            seen.append((now, cpu_seconds(pid)))
        except OSError:
            raise RuntimeError(f"the app (process {pid}) ended before it was idle") from None
        while len(seen) > 1 and seen[1][0] <= now - IDLE_WINDOW:
            seen.pop(0)
        if seen[0][0] <= now - IDLE_WINDOW and seen[-1][1] - seen[0][1] < IDLE_CPU:
            break
        if now - started > IDLE_BUDGET:
            raise RuntimeError(f"the app was still busy {IDLE_BUDGET:.0f} s after its first paint")
        time.sleep(IDLE_POLL)
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024 / 1e6  # kB (KiB) to MB
    raise RuntimeError(f"no peak memory could be read for process {pid}")


def first_paints(sizes: list[Size], work: Path, env: dict[str, str], runs: int, problems: list[str]) -> float:
    """First paint, and the app's peak once idle, into each Size; the floor's median.

    A peak that could not be read goes into PROBLEMS (the first paints still count).
    """
    from benchmarks.first_paint import MINIMAL_MARKER, Pane, Subject, first_paint

    tmux = harness.shutil.which("tmux")
    if tmux is None:
        raise RuntimeError("tmux is needed: apt-get install tmux")
    selftrust = harness.find_selftrust()
    subjects: list[Subject] = []
    for size in sizes:
        path = harness.prepare_paint_journal(size.path, work / f"paint-{size.years}", env, selftrust)
        subjects.append(Subject(f"paint-{size.years}", [selftrust, "--db", str(path)], harness.PAINT_MARKER))
    minimal_app = Path(harness.__file__).with_name("minimal_app.py")
    floor = Subject("floor", [harness.sys.executable, str(minimal_app), MINIMAL_MARKER], MINIMAL_MARKER)
    subjects.append(floor)
    peaks: dict[str, list[float]] = {subject.name: [] for subject in subjects}
    (work / "tmux").mkdir()
    pane = Pane(tmux, work / "tmux", env)
    try:
        for n in range(runs + 1):  # the first round is the warm-up: bytecode, the page cache
            for subject in subjects:
                elapsed = first_paint(pane, subject, harness.POLL_INTERVAL, harness.PAINT_TIMEOUT)
                if n > 0:
                    subject.samples.append(elapsed)
                    if subject is not floor:
                        pid = int(pane.tmux("display-message", "-p", "-t", "bench", "#{pane_pid}").strip())
                        try:
                            peaks[subject.name].append(peak_once_idle(app_process(pid)))
                        except (OSError, RuntimeError) as error:
                            problems.append(f"the app's peak memory, {subject.name}: {error}")
                pane.quit()
    finally:
        pane.close()
    medians = {subject.name: statistics.median(subject.samples) for subject in subjects}
    for size in sizes:
        size.figures["paint"] = medians[f"paint-{size.years}"]
        found = peaks[f"paint-{size.years}"]
        if len(found) == runs:  # one missing could have been the largest
            size.figures["app_peak"] = max(found)
    return medians["floor"]


def shows_history(screen: str) -> bool:
    """True when History's rows are on SCREEN: the newest day's first decision on a line with its date."""
    day = harness.NOW[:10]  # today's, as History writes a date (Today writes it in words)
    words = harness.PAINT_MARKER[:8]  # the decision column may be cut short
    return any(day in line and words in line for line in screen.splitlines())


def wait_for(pane: Any, seen: Any, started: float, what: str) -> float:
    """Seconds from STARTED until SEEN(the screen) is true, polling as `first_paint` does."""
    while True:
        polled = time.perf_counter()
        shown, ended = pane.poll()
        now = time.perf_counter()
        if seen(shown):
            return now - started
        if ended or now - started > harness.PAINT_TIMEOUT:
            raise RuntimeError(f"{what} never showed:\n{shown}")
        rest = harness.POLL_INTERVAL - (now - polled)
        if rest > 0:
            time.sleep(rest)


def history_after_h(pane: Any, argv: list[str]) -> float:
    """Seconds from launching ARGV (Today first) to History's rows on screen, `h` sent at Today's first paint."""
    if shows_history(pane.screen()):
        raise RuntimeError("History's rows are on screen before the launch")
    started = time.perf_counter()
    pane.launch(argv)
    wait_for(pane, lambda shown: harness.PAINT_MARKER in shown, started, "Today's decisions")
    pane.tmux("send-keys", "-t", "bench", "h")
    return wait_for(pane, shows_history, started, "History's rows after h")


def history_direct(pane: Any, argv: list[str]) -> float:
    """Seconds from launching ARGV (History first) to History's rows on screen."""
    if shows_history(pane.screen()):
        raise RuntimeError("History's rows are on screen before the launch")
    started = time.perf_counter()
    pane.launch(argv)
    return wait_for(pane, shows_history, started, "History's rows")


def h_presses(sizes: list[Size], work: Path, env: dict[str, str], runs: int) -> None:
    """For every size: `h` at Today's first paint to History, against `selftrust history` to History (medians)."""
    from benchmarks.first_paint import Pane

    tmux = harness.shutil.which("tmux")
    if tmux is None:
        raise RuntimeError("tmux is needed: apt-get install tmux")
    selftrust = harness.find_selftrust()
    journals = {
        size.years: harness.prepare_paint_journal(size.path, work / f"h-{size.years}", env, selftrust) for size in sizes
    }
    samples: dict[tuple[int, str], list[float]] = {}
    (work / "h-tmux").mkdir()
    pane = Pane(tmux, work / "h-tmux", env)
    try:
        for n in range(runs + 1):  # the first round is the warm-up: bytecode, the page cache
            for size in sizes:
                launch = [selftrust, "--db", str(journals[size.years])]
                for kind, measure, argv in (
                    ("h_after_paint", history_after_h, launch),
                    ("history_direct", history_direct, [*launch, "history"]),
                ):
                    seconds = measure(pane, argv)
                    pane.quit()
                    if n > 0:
                        samples.setdefault((size.years, kind), []).append(seconds)
    finally:
        pane.close()
    for size in sizes:
        for kind in ("h_after_paint", "history_direct"):
            size.figures[kind] = statistics.median(samples[(size.years, kind)])
        size.figures["h_ratio"] = size.figures["h_after_paint"] / size.figures["history_direct"]


# -- the table ---------------------------------------------------------------------------------


def cell(value: float | None, unit: str) -> str:
    if value is None:
        return "not measured"
    if unit == "s":
        return harness.ms(value)
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:.2f}x"  # a ratio


MEASURES = (  # key, the row's name, its unit
    ("save", "Save one decision (median)", "s"),
    ("open", "Open the journal (`Store`, median)", "s"),
    ("open_whole", "Open the journal whole (`Store`, then `complete()`, median)", "s"),
    ("tinydb_open", "TinyDB's default storage opening the same data (median)", "s"),
    ("decide", "`selftrust decide`, whole process (median)", "s"),
    ("decide_peak", "`selftrust decide`, peak memory (largest)", "MB"),
    ("paint", "First paint (median)", "s"),
    ("paint_ratio", "First paint / the floor", "x"),
    ("app_peak", "The app on Today, peak memory once idle (largest)", "MB"),
    ("history", "History's first open in a fresh app, first page drawn (median)", "s"),
    ("history_all", "History's first open, every year in (median)", "s"),
    ("keystroke", "History, one filter keystroke: the screen's work (median)", "s"),
    ("h_after_paint", "`h` at first paint, launch to History's rows (median)", "s"),
    ("history_direct", "`selftrust history`, launch to History's rows (median)", "s"),
    ("h_ratio", "`h` at first paint / `selftrust history`", "x"),
)


def checks(sizes: dict[int, Size], empty_decide: float | None) -> list[harness.Row]:
    """Issue 17's targets on the table, each PASS or MISS, or "could not be judged" and why."""
    unjudged = "could not be judged"

    def figure(years: int, key: str) -> float | None:
        size = sizes.get(years)
        return None if size is None else size.figures.get(key)

    def missing(needs: tuple[int, ...]) -> str:
        absent = [years for years in needs if years not in sizes]
        if absent:
            return f"not measured (needs {' and '.join(map(str, needs))} years)"
        return "not measured (see below)"

    def ratio_row(
        name: str, top: float | None, bottom: float | None, limit: float, needs: tuple[int, ...]
    ) -> harness.Row:
        if top is None or bottom is None:
            return harness.Row(name, missing(needs), f"<= {limit}x", unjudged)
        value = top / bottom
        return harness.Row(
            name,
            f"{value:.2f}x ({harness.ms(top)} / {harness.ms(bottom)})",
            f"<= {limit}x",
            harness.verdict(value, limit),
        )

    def limit_row(name: str, years: int, key: str, limit: float, unit: str) -> harness.Row:
        target = f"<= {limit * 1000:.0f} ms" if unit == "s" else f"<= {limit:.0f} MB"
        value = figure(years, key)
        if value is None:
            return harness.Row(name, missing((years,)), target, unjudged)
        shown = harness.ms(value) if unit == "s" else f"{value:.0f} MB"
        return harness.Row(name, shown, target, harness.verdict(value, limit))

    floor = next((s.figures.get("floor") for s in sizes.values() if "floor" in s.figures), None)
    return [
        ratio_row("Save one decision, 30 years / 1 year", figure(30, "save"), figure(1, "save"), SAVE_RATIO, (1, 30)),
        limit_row("Save one decision at 10 years", 10, "save", SAVE_10, "s"),
        ratio_row(
            "First paint at 10 years / the floor",
            figure(10, "paint"),
            floor,
            PAINT_10,
            (10,),
        ),
        ratio_row(
            "First paint at 50 years / the floor",
            figure(50, "paint"),
            floor,
            PAINT_50,
            (50,),
        ),
        ratio_row(
            "`selftrust decide`, 30 years / an empty journal", figure(30, "decide"), empty_decide, DECIDE_RATIO, (30,)
        ),
        limit_row("History open at 50 years", 50, "history", HISTORY_50, "s"),
        limit_row("History filter keystroke at 50 years", 50, "keystroke", KEYSTROKE_50, "s"),
        ratio_row(
            "`h` at first paint to History / `selftrust history`, 10 years",
            figure(10, "h_after_paint"),
            figure(10, "history_direct"),
            H_RATIO,
            (10,),
        ),
        ratio_row(
            "`h` at first paint to History / `selftrust history`, 50 years",
            figure(50, "h_after_paint"),
            figure(50, "history_direct"),
            H_RATIO,
            (50,),
        ),
        limit_row("`selftrust decide` peak memory at 30 years", 30, "decide_peak", DECIDE_PEAK_30, "MB"),
        limit_row("The app on Today, peak memory at 30 years", 30, "app_peak", APP_PEAK_30, "MB"),
        ratio_row(
            "Open the whole journal at 10 years / TinyDB's default",
            figure(10, "open_whole"),
            figure(10, "tinydb_open"),
            OPEN_WHOLE_10,
            (10,),
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


def own_peak() -> float:
    """This process's peak resident memory in MB (the journals are read in children, so it stays small)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024 / 1e6
    return 0.0


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
                for key in ("open", "open_whole", "tinydb_open", "save"):
                    size.figures[key] = statistics.median(found[key])
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
                size.figures["history_all"] = history["open_all"]
                size.figures["keystroke"] = history["keystroke"]
        empty = work / "empty" / "journal.json"  # not there yet: the first decide creates it
        empty.parent.mkdir()
        decided = attempt("`selftrust decide` on an empty journal", lambda: decides(empty, env, runs))
        if decided:
            empty_decide, empty_peak = decided
        floor = attempt("first paint", lambda: first_paints(sizes, work, env, runs, errors))
        for size in sizes:
            if floor:
                size.figures["floor"] = floor
                if "paint" in size.figures:
                    size.figures["paint_ratio"] = size.figures["paint"] / floor
        attempt(
            "`h` at first paint, and `selftrust history`, to History's rows", lambda: h_presses(sizes, work, env, runs)
        )

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
        f"Load average before {load_before:.2f}, after {os.getloadavg()[0]:.2f}; the run took {time.perf_counter() - started:.0f} s; "
        f"this process's own peak memory {own_peak():.0f} MB (decide's peak counts from it, at the fork).",
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
