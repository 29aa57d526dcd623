"""Every figure of "fast at ten years" in one run, against its target.

    python -m benchmarks [--years 10] [--runs 5] [--quick]
    python -m benchmarks --scaling [--years-list 1,10,30,50] [--runs 5]   (see benchmarks/scaling.py)

Writes the seeded journal of `benchmarks.journal` once into a temporary folder, gives
each measurement its own copy of it, and prints one Markdown table: the figure, the
target and PASS or MISS for each of

- first paint: from asking tmux to start the command to `capture-pane` first showing
  Today with today's decisions (selftrust on the ten-year journal), Today's empty state
  (selftrust on an empty journal), and the minimal Textual app of
  `benchmarks.minimal_app` (Header, Input, Footer) as the floor — median of RUNS
  launches each, alternating, after one untimed warm-up each, in one 80x24 UTF-8 pane
  of a tmux server of its own (`benchmarks.first_paint`). The benchmark's "today" is the
  day after the journal's last (SELFTRUST_NOW), and two decisions are set for it with
  `selftrust decide --db` before measuring; the marker is the first one's text, which is
  on screen only once today's decisions are drawn;
- peak memory of the same three processes: the kernel's high-water mark of resident
  memory (VmHWM in /proc/PID/status, the maximum RSS so far), read one second after the
  first paint, just before ctrl+q, in every timed launch; the largest is shown. The app's
  PID is the pane's (`#{pane_pid}`), and the largest of its process tree is taken;
- the Day view from `enter` in History to the day's text on screen, against Calendar from
  `k` on Today to its grid, the first opening of each after a launch, in the same kind of
  pane (`benchmarks.day_view`); the Day view must be no slower;
- `selftrust decide` as a whole process (a fresh process each run, start to exit);
- the store's open and save latency (median and p95) and its speed-up over TinyDB's
  default storage (`benchmarks.storage`);
- an encrypted journal's open and save against the plain one's, alternated one for one
  in the same process (each file opened with an age identity, as after unlocking), and
  what unlocking with a passphrase costs once per start (age's scrypt);
- History opening and one filter keystroke (`benchmarks.history`);
- `selftrust export` to per-day Markdown (a fresh folder, then the same folder again)
  and to JSON, and `selftrust stats --json`, as whole processes (`benchmarks.export`,
  `benchmarks.stats`);
- the Insights screen for "all" after the journal is loaded (`benchmarks.insights`).

The in-process measurements (storage, History, Insights) each run in a Python process of
their own, so one does not inherit another's memory or garbage. Progress goes to stderr,
the report to stdout. Exits 0 when every target is met, 1 when one is missed, 2 when a
figure could not be measured at all.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from benchmarks import journal as seeded

ROOT = Path(__file__).resolve().parent.parent
NOW = f"{seeded.LAST_DAY + dt.timedelta(days=1)}T09:15:00"  # the morning after the journal's last day
TODAYS_DECISIONS = (
    "Tell Sam the Friday deadline doesn't work for me",
    "Leave work at six, even with the inbox full",
)
PAINT_MARKER = TODAYS_DECISIONS[0]
SETTLE = 1.0  # seconds after the first paint before peak memory is read
POLL_INTERVAL = 0.005
PAINT_TIMEOUT = 60.0
CHILD_TIMEOUT = 900.0

# Targets (PRODUCT.md §7 and the issues): seconds unless said otherwise.
PAINT_RATIO = 1.25
PEAK_MB = 150.0
DECIDE = 0.35
SAVE = 0.020
SEALED = 1.3  # an encrypted save (and open) against a plain one, by medians
SAVE_SPEEDUP = 10.0
OPEN = 0.150
HISTORY_OPEN = 0.300
KEYSTROKE = 0.050
EXPORT_MD = 1.0
EXPORT_JSON = 0.5
STATS = 0.5
INSIGHTS = 0.300
DAY_VIEW_RATIO = 1.0  # the Day view no slower than Calendar


@dataclass
class Row:
    """One line of the report: what was measured, the figure, its target and the verdict."""

    measure: str
    figure: str = ""
    target: str = ""
    verdict: str = ""  # PASS, MISS, ERROR, or empty where there is no target
    detail: str = ""  # the samples, or what went wrong


def verdict(value: float, limit: float, *, at_least: bool = False) -> str:
    """PASS when VALUE is within LIMIT (at most, or at least), else MISS."""
    met = value >= limit if at_least else value <= limit
    return "PASS" if met else "MISS"


def ms(seconds: float) -> str:
    value = seconds * 1000
    return f"{value:.0f} ms" if value >= 100 else f"{value:.1f} ms"


def secs(seconds: float) -> str:
    return f"{seconds:.3f} s"


def listed(samples: list[float], unit: Callable[[float], str]) -> str:
    """Every sample, for the notes under the table (nothing to add for a single one)."""
    return ", ".join(unit(s) for s in samples) if len(samples) > 1 else ""


def p95(samples: list[float]) -> float:
    """The 95th percentile, interpolated (the storage benchmark's own definition)."""
    from benchmarks.storage import p95 as storage_p95

    return storage_p95(samples)


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# -- the sandbox ---------------------------------------------------------------------


def find_selftrust() -> str:
    """The installed command: beside this Python first (the venv), else on PATH."""
    from benchmarks.first_paint import find_selftrust as find

    return find()


def sandbox(root: Path) -> dict[str, str]:
    """An environment of its own under ROOT: home, settings (missing: the defaults), a fixed clock."""
    home = root / "home"
    home.mkdir(parents=True, exist_ok=True)
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "SHELL": "/bin/sh",
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "SELFTRUST_CONFIG": str(root / "config.toml"),
        "SELFTRUST_NOW": NOW,
    }


def copy_of(journal: Path, folder: Path) -> Path:
    """A private copy of JOURNAL (its own file and every year's) in FOLDER: each measurement writes only to its own."""
    from data.journal_file import journal_files

    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "journal.json"
    for part in journal_files(journal):
        copied = target.with_name(part.name.replace(journal.stem, target.stem, 1))
        shutil.copyfile(part, copied)
        copied.chmod(0o600)
    return target


def run_command(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    """Seconds from starting COMMAND to its exit with its output read, and what it printed."""
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, check=False, timeout=CHILD_TIMEOUT)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command[1:3])} exited {done.returncode}: {done.stderr.decode(errors='replace').strip()}"
        )
    return elapsed, done.stdout.decode("utf-8", errors="replace")


def in_child(function: str, *args: str, env: dict[str, str], module: str = "benchmarks.harness") -> dict[str, Any]:
    """Run FUNCTION of MODULE (this one unless told) with ARGS in a Python process of its own; what it returned."""
    code = f"import json, sys\nfrom {module} import {function}\nprint(json.dumps({function}(*sys.argv[1:])))"
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT,
        check=False,
    )
    if done.returncode != 0:
        say(done.stderr)
        last = done.stderr.strip().splitlines()[-1:] or ["no message"]
        raise RuntimeError(f"{function} failed ({done.returncode}): {last[0]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- first paint and peak memory ------------------------------------------------------


def _children() -> dict[int, list[int]]:
    """Every process's children, from /proc."""
    found: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])  # the name in parentheses may hold spaces
        found.setdefault(ppid, []).append(int(entry.name))
    return found


def peak_memory(pid: int) -> float:
    """The largest VmHWM (peak resident memory, in MB) of PID and its descendants."""
    children = _children()
    pending, peak = [pid], 0.0
    while pending:
        current = pending.pop()
        pending.extend(children.get(current, []))
        try:
            status = Path(f"/proc/{current}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                peak = max(peak, int(line.split()[1]) * 1024 / 1e6)  # kB (KiB) to MB
    if peak == 0.0:
        raise RuntimeError(f"no peak memory could be read for process {pid}")
    return peak


def prepare_paint_journal(journal: Path, folder: Path, env: dict[str, str], selftrust: str) -> Path:
    """A copy of JOURNAL with today's decisions set by `selftrust decide --db`, as a person would."""
    path = copy_of(journal, folder)
    for text in TODAYS_DECISIONS:
        _, out = run_command([selftrust, "decide", "--db", str(path), text], env)
        if not out.startswith("Decision "):
            raise RuntimeError(f"selftrust decide did not set today's decision: {out!r}")
    return path


def first_paints(journal: Path, years: int, work: Path, env: dict[str, str], runs: int) -> list[Row]:
    """First paint and peak memory of selftrust (the seeded journal, an empty one) and the minimal app, in tmux."""
    from benchmarks.first_paint import EMPTY_MARKER, MINIMAL_MARKER, Pane, Subject, first_paint

    tmux = shutil.which("tmux")
    if tmux is None:
        raise RuntimeError("tmux is needed: apt-get install tmux")
    selftrust = find_selftrust()
    painted = prepare_paint_journal(journal, work / "paint", env, selftrust)
    empty = work / "empty" / "journal.json"  # not there yet: a first start
    empty.parent.mkdir(parents=True)
    minimal_app = Path(__file__).with_name("minimal_app.py")
    subjects = [
        Subject("journal", [selftrust, "--db", str(painted)], PAINT_MARKER),
        Subject("empty", [selftrust, "--db", str(empty)], EMPTY_MARKER),
        Subject("floor", [sys.executable, str(minimal_app), MINIMAL_MARKER], MINIMAL_MARKER),
    ]
    peaks: dict[str, list[float]] = {subject.name: [] for subject in subjects}
    (work / "tmux").mkdir()
    pane = Pane(tmux, work / "tmux", env)
    try:
        for subject in subjects:  # warm-up: bytecode, the page cache; not counted
            first_paint(pane, subject, POLL_INTERVAL, PAINT_TIMEOUT)
            pane.quit()
        for _ in range(runs):
            for subject in subjects:
                subject.samples.append(first_paint(pane, subject, POLL_INTERVAL, PAINT_TIMEOUT))
                time.sleep(SETTLE)
                pid = int(pane.tmux("display-message", "-p", "-t", "bench", "#{pane_pid}").strip())
                peaks[subject.name].append(peak_memory(pid))
                pane.quit()
    finally:
        pane.close()

    medians = {subject.name: statistics.median(subject.samples) for subject in subjects}
    floor = medians["floor"]
    ratio = medians["journal"] / floor
    empty_ratio = medians["empty"] / floor
    samples = {subject.name: listed(subject.samples, ms) for subject in subjects}
    label = f"median of {runs}"
    rows = [
        Row(
            f"First paint: Today with today's decisions, {years}-year journal ({label})",
            f"{ms(medians['journal'])} = {ratio:.2f}x the floor",
            f"<= {PAINT_RATIO}x the floor",
            verdict(ratio, PAINT_RATIO),
            samples["journal"],
        ),
        Row(
            f"First paint: Today, empty journal ({label})",
            f"{ms(medians['empty'])} = {empty_ratio:.2f}x the floor",
            "(none of its own)",
            "",
            samples["empty"],
        ),
        Row(
            f"First paint: minimal Textual app, the floor ({label})",
            ms(floor),
            "(the floor)",
            "",
            samples["floor"],
        ),
    ]
    names = {
        "journal": f"selftrust, {years}-year journal",
        "empty": "selftrust, empty journal",
        "floor": "minimal Textual app",
    }
    for name, values in peaks.items():
        top = max(values)
        rows.append(
            Row(
                f"Peak memory: {names[name]} (largest of {runs})",
                f"{top:.0f} MB",
                f"<= {PEAK_MB:.0f} MB",
                verdict(top, PEAK_MB),
                listed(values, lambda v: f"{v:.1f} MB"),
            )
        )
    return rows


def day_view_rows(journal: Path, years: int, work: Path, env: dict[str, str], runs: int) -> list[Row]:
    """The Day view from `enter` in History, and Calendar from `k` on Today, to their text in tmux."""
    from benchmarks.day_view import measure
    from data.daytime import day_heading

    today = day_heading(dt.date.fromisoformat(NOW[:10]))
    found = measure(find_selftrust(), copy_of(journal, work / "day-view"), work / "day-view-tmux", env, today, runs)
    day_view, calendar = statistics.median(found.day_view), statistics.median(found.calendar)
    label = f"{years}-year journal, first opening after each launch (median of {runs})"
    return [
        Row(
            f"The Day view: `enter` in History to the day's text on screen, {label}",
            f"{ms(day_view)} = {day_view / calendar:.2f}x Calendar's",
            f"<= {DAY_VIEW_RATIO:.1f}x Calendar's",
            verdict(day_view / calendar, DAY_VIEW_RATIO),
            listed(found.day_view, ms),
        ),
        Row(
            f"Calendar: `k` on Today to its month grid on screen, {label}",
            ms(calendar),
            "(the Day view's yardstick)",
            "",
            listed(found.calendar, ms),
        ),
    ]


# -- whole processes -------------------------------------------------------------------


def decides(journal: Path, work: Path, env: dict[str, str], runs: int) -> list[Row]:
    """`selftrust decide` on the seeded journal, a fresh process each run."""
    selftrust = find_selftrust()
    path = copy_of(journal, work / "decide")
    samples = []
    for i in range(runs + 1):  # the first is the warm-up
        text = f"Walk at lunch, phone left at my desk (take {i + 1})"
        elapsed, out = run_command([selftrust, "decide", "--db", str(path), text], env)
        if not out.startswith("Decision ") or text not in out:
            raise RuntimeError(f"selftrust decide did not say it saved the decision: {out!r}")
        if i > 0:
            samples.append(elapsed)
    median = statistics.median(samples)
    return [
        Row(
            f"`selftrust decide`, whole process (median of {runs})",
            secs(median),
            f"<= {DECIDE} s",
            verdict(median, DECIDE),
            listed(samples, secs),
        )
    ]


def exports(journal: Path, work: Path, env: dict[str, str], runs: int) -> list[Row]:
    """`selftrust export` to per-day Markdown (fresh, again) and to JSON, whole processes."""
    from benchmarks.export import expect
    from benchmarks.export import run_once as export_once

    selftrust = find_selftrust()
    env = {**env, "SELFTRUST_DB": str(journal)}
    out_dir = work / "export"
    out_dir.mkdir()

    def timed(command: list[str]) -> tuple[float, str]:
        # run_once lets the disk catch up first (sync, untimed) and refuses any stderr.
        return export_once(command, env, None)

    _, out = timed([selftrust, "export", "--out", str(out_dir / "md-warm-up")])
    days = sum(1 for _ in (out_dir / "md-warm-up").iterdir())  # the days' files and the weeks' notes
    weeks = sum(1 for _ in (out_dir / "md-warm-up").glob("*-W*.md"))
    expect(out, days, 0)
    fresh, again, backup = [], [], []
    for n in range(runs):
        elapsed, out = timed([selftrust, "export", "--out", str(out_dir / f"md-{n}")])
        expect(out, days, 0)
        fresh.append(elapsed)
    for _ in range(runs):
        elapsed, out = timed([selftrust, "export", "--out", str(out_dir / "md-0")])
        expect(out, 0, days)
        again.append(elapsed)
    for n in range(runs + 1):  # the first is the warm-up
        elapsed, out = timed([selftrust, "export", "--format", "json", "--out", str(out_dir / f"backup-{n}.json")])
        expect(out, 1, 0)
        if n > 0:
            backup.append(elapsed)
    rows = []
    for name, samples, target in (
        (
            f"`selftrust export`, a Markdown file per day ({days - weeks:,}) and per week ({weeks:,}) into a fresh folder",
            fresh,
            EXPORT_MD,
        ),
        ("`selftrust export` again into the same folder (every file unchanged)", again, EXPORT_MD),
        ("`selftrust export --format json`", backup, EXPORT_JSON),
    ):
        median = statistics.median(samples)
        rows.append(
            Row(
                f"{name}, whole process (median of {runs})",
                secs(median),
                f"<= {target} s",
                verdict(median, target),
                listed(samples, secs),
            )
        )
    return rows


def stats(journal: Path, decisions: int, env: dict[str, str], runs: int) -> list[Row]:
    """`selftrust stats --json`, whole process; every run must count every decision."""
    from benchmarks.stats import run_once as stats_once

    command = [find_selftrust(), "stats", "--json"]
    env = {**env, "SELFTRUST_DB": str(journal)}
    stats_once(command, env, decisions)  # warm-up
    samples = [stats_once(command, env, decisions) for _ in range(runs)]
    median = statistics.median(samples)
    return [
        Row(
            f"`selftrust stats --json`, whole process (median of {runs})",
            secs(median),
            f"<= {STATS} s",
            verdict(median, STATS),
            listed(samples, secs),
        )
    ]


# -- in a process of their own -----------------------------------------------------------


def measure_storage(journal: str, folder: str, saves: str, opens: str) -> dict[str, Any]:
    """The store's open and save latency and TinyDB's default save latency on copies of JOURNAL."""
    from benchmarks import storage
    from data.store import Store

    ours = copy_of(Path(journal), Path(folder) / "selftrust")
    default = Path(folder) / "tinydb" / "journal.json"
    storage.tinydb_copy(ours, default)
    opened = storage.measure_opens(lambda: storage.ours_open(ours), int(opens))
    store = Store(ours)
    saved = storage.ours_saves(store, storage.Decisions(1), int(saves))
    store.close()
    default_saved = storage.tinydb_saves(default, storage.Decisions(1), int(saves))
    return {"open": opened, "save": saved, "default_save": default_saved}


def measure_encrypted(journal: str, folder: str, saves: str, opens: str, passphrase: str) -> dict[str, Any]:
    """Open and save of a plain and an encrypted copy of JOURNAL, one for one in turn; and, with PASSPHRASE "yes", one unlock."""
    import gc

    from benchmarks import storage
    from data.crypto import key_path, new_key, seal_identity, unlock
    from data.store import Store

    plain = copy_of(Path(journal), Path(folder) / "plain")
    sealed = copy_of(Path(journal), Path(folder) / "sealed")
    key, identity = new_key()
    Store(plain).reseal(None)  # both written whole by this selftrust, so each open trusts its own last save alike
    Store(sealed).reseal(key)
    found: dict[str, list[float]] = {"plain_open": [], "sealed_open": [], "plain_save": [], "sealed_save": []}
    for _ in range(int(opens)):
        for name, path, given in (("plain_open", plain, None), ("sealed_open", sealed, key)):
            gc.collect()
            start = time.perf_counter()
            store = Store(path, key=given)
            found[name].append(time.perf_counter() - start)
            store.close()
    gc.collect()
    stores = {"plain_save": Store(plain), "sealed_save": Store(sealed, key=key)}
    sources = {name: storage.Decisions(1) for name in stores}  # the same decisions, saved to each in turn
    for _ in range(int(saves)):
        for name, store in stores.items():
            found[name] += storage.ours_saves(store, sources[name], 1)
    if passphrase == "yes":  # seconds of scrypt, twice: left out of the quick run
        key_path(sealed).write_bytes(seal_identity(identity, "a passphrase for the benchmark"))
        start = time.perf_counter()
        unlock(sealed, "a passphrase for the benchmark")
        found["unlock"] = [time.perf_counter() - start]
    return found


def encrypted_rows(journal: Path, work: Path, env: dict[str, str], runs: int) -> list[Row]:
    saves = opens = max(10, 10 * runs)  # milliseconds each: enough of them for a steady median
    passphrase = "yes" if runs > 1 else "no"
    found = in_child(
        "measure_encrypted", str(journal), str(work / "encrypted"), str(saves), str(opens), passphrase, env=env
    )
    rows = []
    for what, many in (("open", opens), ("save", saves)):
        plain, sealed = statistics.median(found[f"plain_{what}"]), statistics.median(found[f"sealed_{what}"])
        ratio = sealed / plain
        rows.append(
            Row(
                f"Encrypted {what} / plain {what} (`Store`, medians of {many} each, in turn)",
                f"{ratio:.2f}x ({ms(sealed)} / {ms(plain)})",
                f"<= {SEALED}x",
                verdict(ratio, SEALED),
                f"encrypted: {listed(found[f'sealed_{what}'], ms)}; plain: {listed(found[f'plain_{what}'], ms)}",
            )
        )
    if "unlock" in found:  # once per start, before any file is opened: a figure without a target of its own
        unlocking = f"unlocking with the passphrase (age's scrypt, once per start): {secs(found['unlock'][0])}"
        rows[0] = dataclasses.replace(rows[0], detail=f"{rows[0].detail}; {unlocking}")
    return rows


def measure_history(journal: str, runs: str) -> dict[str, Any]:
    """History's open and filter keystroke (the screen's work), headless, on JOURNAL."""
    import asyncio

    from benchmarks.history import first_opens, measure

    first_page, every_year = asyncio.run(first_opens(Path(journal), int(runs)))  # each in a fresh app
    figures = asyncio.run(measure(Path(journal), int(runs)))
    return {
        "open": first_page / 1000,
        "open_all": every_year / 1000,
        "reopen": figures["open_ms"] / 1000,
        "keystroke": figures["keystroke_work_ms"] / 1000,
    }


def storage_rows(journal: Path, work: Path, env: dict[str, str], runs: int) -> list[Row]:
    saves, opens = max(10, 10 * runs), runs
    found = in_child("measure_storage", str(journal), str(work / "storage"), str(saves), str(opens), env=env)
    opened, saved, default = found["open"], found["save"], found["default_save"]
    open_median, save_median, save_p95 = statistics.median(opened), statistics.median(saved), p95(saved)
    speedup = statistics.median(default) / save_median
    return [
        Row(
            f"Open the journal (`Store`, median of {opens})",
            ms(open_median),
            f"<= {OPEN * 1000:.0f} ms",
            verdict(open_median, OPEN),
            listed(opened, ms),
        ),
        Row(
            f"Save one decision (median of {saves})",
            ms(save_median),
            f"<= {SAVE * 1000:.0f} ms",
            verdict(save_median, SAVE),
            listed(saved, ms),
        ),
        Row(f"Save one decision (p95 of {saves})", ms(save_p95), "(none of its own)", "", ""),
        Row(
            "Save, TinyDB's default storage / selftrust (medians)",
            f"{speedup:.1f}x ({ms(statistics.median(default))} / {ms(save_median)})",
            f">= {SAVE_SPEEDUP:.0f}x",
            verdict(speedup, SAVE_SPEEDUP, at_least=True),
            "TinyDB's default: " + listed(default, ms),
        ),
    ]


def history_rows(journal: Path, work: Path, env: dict[str, str], runs: int) -> list[Row]:
    found = in_child("measure_history", str(copy_of(journal, work / "history")), str(runs), env=env)
    return [
        Row(
            f"History: open in a fresh app, first page drawn (median of {runs}; every year in: {ms(found['open_all'])})",
            ms(found["open"]),
            f"<= {HISTORY_OPEN * 1000:.0f} ms",
            verdict(found["open"], HISTORY_OPEN),
        ),
        Row(
            f"History: one filter keystroke, filter and redraw (median of {6 * runs})",
            ms(found["keystroke"]),
            f"<= {KEYSTROKE * 1000:.0f} ms",
            verdict(found["keystroke"], KEYSTROKE),
        ),
    ]


def measure_insights(journal: str, runs: str) -> dict[str, Any]:
    """The Insights screen for "all": push to every section drawn, headless, on JOURNAL."""
    import asyncio

    from benchmarks.insights import measure

    return {"samples": asyncio.run(measure(Path(journal), int(runs)))["samples"]}


def insights_rows(journal: Path, work: Path, env: dict[str, str], runs: int) -> list[Row]:
    found = in_child("measure_insights", str(copy_of(journal, work / "insights")), str(runs), env=env)
    samples = found["samples"]
    median = statistics.median(samples)
    return [
        Row(
            f'Insights for "all": push to every section counted and drawn (median of {runs})',
            ms(median),
            f"<= {INSIGHTS * 1000:.0f} ms",
            verdict(median, INSIGHTS),
            listed(samples, ms),
        )
    ]


# -- the run ------------------------------------------------------------------------------


def version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "?"


def machine() -> str:
    """Cores, processor, memory, system, Python, Textual and tmux, in one line."""
    model = "?"
    memory = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        total = next(line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal:"))
        memory = f", {int(total.split()[1]) / 1024**2:.0f} GiB memory"
    except (OSError, StopIteration):
        pass
    tmux = shutil.which("tmux")
    tmux_version = (
        subprocess.run([tmux, "-V"], capture_output=True, text=True, check=False).stdout.strip() if tmux else "no tmux"
    )
    return (
        f"{os.cpu_count()} cores ({model}){memory}, {platform.system()} {platform.release()} {platform.machine()}; "
        f"Python {platform.python_version()}, Textual {version('textual')}, Rich {version('rich')}, "
        f"TinyDB {version('tinydb')}, orjson {version('orjson')}, {tmux_version}"
    )


def attempt(names: list[str], measure: Callable[[], list[Row]]) -> list[Row]:
    """The rows MEASURE makes, or rows that say it failed (and why) under NAMES."""
    say(f"measuring: {', '.join(names)}")
    try:
        return measure()
    except (Exception, SystemExit) as error:  # the benchmark modules stop with SystemExit
        say(traceback.format_exc())
        why = str(error) or type(error).__name__
        return [Row(name, "not measured", "", "ERROR", why.splitlines()[0]) for name in names]


def report(rows: list[Row], header: list[str]) -> str:
    """The Markdown table and the samples beneath it."""
    lines = [*header, "", "| measure | figure | target | |", "|---|---:|---|---|"]
    lines += [f"| {r.measure} | {r.figure} | {r.target} | {r.verdict} |" for r in rows]
    details = [f"- {r.measure}: {r.detail}" for r in rows if r.detail]
    if details:
        lines += ["", "Samples, and what went wrong where a figure is missing:", *details]
    return "\n".join(lines)


def run(years: int, runs: int) -> int:
    """Measure everything, print the report; the exit code."""
    command = f"python -m benchmarks --years {years} --runs {runs}"
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="selftrust-bench-") as folder:
        work = Path(folder)
        env = sandbox(work)
        journal = work / "journal.json"
        say(f"writing the seeded {years}-year journal")
        counts = seeded.write(journal, years)
        rows: list[Row] = []
        rows += attempt(
            ["First paint (the journal, empty, the floor) and peak memory"],
            lambda: first_paints(journal, years, work, env, runs),
        )
        rows += attempt(
            ["The Day view and Calendar, from the key to their text"],
            lambda: day_view_rows(journal, years, work, env, runs),
        )
        rows += attempt(["`selftrust decide`, whole process"], lambda: decides(journal, work, env, runs))
        rows += attempt(["Open and save (`Store`)"], lambda: storage_rows(journal, work, env, runs))
        rows += attempt(["Encrypted open and save"], lambda: encrypted_rows(journal, work, env, runs))
        rows += attempt(["History: open and filter keystroke"], lambda: history_rows(journal, work, env, runs))
        rows += attempt(["`selftrust export` to Markdown and JSON"], lambda: exports(journal, work, env, runs))
        rows += attempt(
            ["`selftrust stats --json`, whole process"], lambda: stats(journal, counts["decisions"], env, runs)
        )
        rows += attempt(['Insights for "all": the screen rendered'], lambda: insights_rows(journal, work, env, runs))
    header = [
        f"# selftrust at {years} year{'s' if years != 1 else ''}: `{command}`",
        "",
        f"Journal: {counts['entries']:,} entries ({counts['decisions']:,} decisions, {counts['checks']:,} checks, "
        f"{counts['reviews']:,} reviews), {counts['bytes'] / 1e6:.1f} MB; today is {NOW} (SELFTRUST_NOW).",
        f"Machine: {machine()}.",
        f"Load average before {load_before:.2f}, after {os.getloadavg()[0]:.2f}; the run took {time.perf_counter() - started:.0f} s.",
    ]
    print(report(rows, header), flush=True)
    if any(r.verdict == "ERROR" for r in rows):
        return 2
    return 1 if any(r.verdict == "MISS" for r in rows) else 0


def years_list(text: str) -> list[int]:
    """ "1,10,30" as [1, 10, 30]: whole years, each at least 1, no size twice."""
    try:
        found = [int(part) for part in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a list of whole years, like 1,10,30,50") from None
    if any(years < 1 for years in found) or len(set(found)) != len(found):
        raise argparse.ArgumentTypeError(f"{text!r}: each size once, each at least 1 year")
    return sorted(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--years", type=int, default=None, help="years of the sample journal to measure at, any size (default 10)"
    )
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each measurement (default 5)")
    parser.add_argument(
        "--quick", action="store_true", help="a one-year journal, one run each: proves the harness works"
    )
    parser.add_argument(
        "--scaling",
        action="store_true",
        help="the scaling table instead: save, open, decide, first paint and History at 1, 10, 30 and 50 years "
        "(some minutes; see benchmarks/scaling.py)",
    )
    parser.add_argument(
        "--years-list",
        type=years_list,
        default=None,
        help="with --scaling: the journal sizes, comma-separated (default 1,10,30,50; 1,3 for a quick run)",
    )
    args = parser.parse_args(argv)
    if args.years_list is not None and not args.scaling:
        parser.error("--years-list goes with --scaling")
    if args.years is not None and args.scaling:
        parser.error("--years goes without --scaling; its sizes are --years-list, like 1,10,30,50")
    if args.years is None:
        args.years = 10
    if args.scaling:
        from benchmarks import scaling

        if args.runs < 1:
            parser.error("--runs must be at least 1")
        return scaling.run(args.years_list or list(scaling.YEARS), 1 if args.quick else args.runs)
    if args.quick:
        args.years, args.runs = 1, 1
    if args.years < 1 or args.runs < 1:
        parser.error("--years and --runs must be at least 1")
    return run(args.years, args.runs)
