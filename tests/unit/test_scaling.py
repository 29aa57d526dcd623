"""The scaling table works: `python -m benchmarks --scaling` fills a column for every size (not how fast).

A one- and a two-year journal, one run each, first paint in a real tmux pane included, so
it needs tmux (CI installs it). The targets are judged from the figures, never bent: a
figure over its limit is a MISS.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # the benchmarks run from the repository root; they are not installed
from benchmarks import scaling  # noqa: E402

pytestmark = [pytest.mark.xdist_group("harness"), pytest.mark.usefixtures("harness_run")]  # see conftest.py


@pytest.fixture(scope="module")
def tiny_run(harness_run) -> subprocess.CompletedProcess[str]:
    return harness_run("scaling")


def rows(report: str, header: str) -> tuple[list[str], dict[str, list[str]]]:
    """The columns and rows of the table whose header line starts with HEADER."""
    lines = report.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header))
    columns = [c.strip() for c in lines[start].strip().strip("|").split("|")][1:]
    found = {}
    for line in lines[start + 2 :]:
        if not line.startswith("| "):
            break
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        found[cells[0]] = cells[1:]
    return columns, found


def test_the_table_has_a_figure_for_every_measure_at_every_size(tiny_run):
    # 0: every target met, 1: one missed; 2 would mean a figure could not be measured.
    assert tiny_run.returncode in (0, 1), tiny_run.stdout + tiny_run.stderr
    columns, found = rows(tiny_run.stdout, "| measure |")
    assert columns == ["1 year", "2 years"]
    assert list(found) == [name for _, name, _ in scaling.MEASURES]
    for name, cells in found.items():
        assert len(cells) == 2 and all(re.search(r"\d", c) for c in cells), (name, cells)
    assert "`python -m benchmarks --scaling --years-list 1,2 --runs 1`" in tiny_run.stdout
    assert re.search(r"1 y: [\d,]+ entries, [\d.]+ MB, written in [\d.]+ s", tiny_run.stdout)


def test_the_targets_say_which_size_they_need_when_it_is_not_in_the_run(tiny_run):
    _, found = rows(tiny_run.stdout, "| target |")
    assert len(found) == 12, tiny_run.stdout
    unjudged = "could not be judged"
    assert found["Save one decision, 30 years / 1 year"] == ["not measured (needs 1 and 30 years)", "<= 1.5x", unjudged]
    assert found["History open at 50 years"] == ["not measured (needs 50 years)", "<= 300 ms", unjudged]
    assert found["History filter keystroke at 50 years"] == ["not measured (needs 50 years)", "<= 50 ms", unjudged]
    assert found["The app on Today, peak memory at 30 years"] == [
        "not measured (needs 30 years)",
        "<= 150 MB",
        unjudged,
    ]
    assert found["Open the whole journal at 10 years / TinyDB's default"] == [
        "not measured (needs 10 years)",
        "<= 0.6x",
        unjudged,
    ]


def sizes(**figures: dict[str, float]) -> dict[int, scaling.Size]:
    made = {}
    for name, values in figures.items():
        years = int(name[1:])
        made[years] = scaling.Size(years, Path("journal.json"), {}, 0.0, {"floor": 0.150, **values})
    return made


def test_a_figure_over_its_target_is_a_miss_and_one_within_a_pass():
    judged = scaling.checks(
        sizes(
            y1={"save": 0.010},
            y10={
                "save": 0.019,
                "paint": 0.240,  # 1.6x the floor
                "open_whole": 0.050,
                "tinydb_open": 0.100,
                "h_after_paint": 0.900,
                "history_direct": 1.000,
            },
            y30={"save": 0.030, "decide": 0.120, "decide_peak": 176.0, "app_peak": 151.0},  # 3.0x the save at 1 year
            y50={
                "paint": 0.200,
                "history": 0.290,
                "keystroke": 0.051,
                "h_after_paint": 1.7,
                "history_direct": 1.0,
            },
        ),
        empty_decide=0.100,
    )
    verdicts = {row.measure: (row.figure, row.verdict) for row in judged}
    assert verdicts == {
        "Save one decision, 30 years / 1 year": ("3.00x (30.0 ms / 10.0 ms)", "MISS"),
        "Save one decision at 10 years": ("19.0 ms", "PASS"),
        "First paint at 10 years / the floor": ("1.60x (240 ms / 150 ms)", "MISS"),
        "First paint at 50 years / the floor": ("1.33x (200 ms / 150 ms)", "PASS"),
        "`selftrust decide`, 30 years / an empty journal": ("1.20x (120 ms / 100 ms)", "PASS"),
        "History open at 50 years": ("290 ms", "PASS"),
        "History filter keystroke at 50 years": ("51.0 ms", "MISS"),
        "`h` at first paint to History / `selftrust history`, 10 years": ("0.90x (900 ms / 1000 ms)", "PASS"),
        "`h` at first paint to History / `selftrust history`, 50 years": ("1.70x (1700 ms / 1000 ms)", "MISS"),
        "`selftrust decide` peak memory at 30 years": ("176 MB", "MISS"),
        "The app on Today, peak memory at 30 years": ("151 MB", "MISS"),
        "Open the whole journal at 10 years / TinyDB's default": ("0.50x (50.0 ms / 100 ms)", "PASS"),
    }


def test_a_size_in_the_run_whose_figure_failed_is_not_judged_and_points_to_why():
    judged = scaling.checks(sizes(y10={"save": 0.019}, y50={"history": 0.290}), empty_decide=None)
    verdicts = {row.measure: (row.figure, row.verdict) for row in judged}
    assert verdicts["History filter keystroke at 50 years"] == ("not measured (see below)", "could not be judged")
    assert verdicts["Open the whole journal at 10 years / TinyDB's default"] == (
        "not measured (see below)",
        "could not be judged",
    )


TODAY = """\
  Friday 27 November 2026

  Today's decisions
   • 1. Tell Sam the Friday deadline doesn't work for me
        Inner Foundation · set
"""
HISTORY = """\
  Date        #  Decision                  Area        Outcome    Pulls
  2026-11-27  2  Leave work at six, even…  Inner       open
  2026-11-27  1  Tell Sam the Friday dea…  Inner       open
  2026-11-26  2  Tell Jo how the comment…  Relational  revised    chosen, …
"""


def test_history_is_told_from_today_though_both_show_the_newest_decision():
    # Today's decision text alone would stop the clock before History is there.
    assert not scaling.shows_history(TODAY)
    assert scaling.shows_history(HISTORY)


BUSY_THEN_BIG = """\
import time
until = time.process_time() + 0.5
while time.process_time() < until:
    pass
held = b"x" * 80_000_000  # written, so resident
del held
time.sleep(60)
"""


def test_the_peak_is_read_once_the_app_is_idle_so_it_counts_what_came_after_the_paint():
    child = subprocess.Popen([sys.executable, "-c", BUSY_THEN_BIG])
    try:
        assert scaling.peak_once_idle(scaling.app_process(child.pid)) >= 80.0
    finally:
        child.kill()
        child.wait()


def test_the_scaling_run_takes_its_sizes_from_the_list_not_from_years():
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--scaling", "--years-list", "1", "--runs", "1", "--years", "10"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "--years-list" in done.stderr.strip().splitlines()[-1]


@pytest.mark.parametrize("given", ["1,x", "0,10", "10,10", ""])
def test_a_bad_list_of_sizes_is_one_clear_line(given):
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--scaling", "--years-list", given],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "--years-list" in done.stderr.strip().splitlines()[-1]
