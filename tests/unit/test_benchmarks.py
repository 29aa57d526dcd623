"""The benchmark harness works: `python -m benchmarks --quick` gives every figure (not how fast).

A one-year journal and one run of each measurement, first paint in a real tmux pane
included, so it needs tmux (CI installs it). Speed is the full harness's business.
"""

from __future__ import annotations

import re
import subprocess

import pytest

# Every row the harness must fill: the start of its measure, as the table names it.
MEASURES = (
    "First paint: Today with today's decisions, 1-year journal",
    "First paint: Today, empty journal",
    "First paint: minimal Textual app, the floor",
    "Peak memory: selftrust, 1-year journal",
    "Peak memory: selftrust, empty journal",
    "Peak memory: minimal Textual app",
    "The Day view: `enter` in History",
    "Calendar: `k` on Today",
    "`selftrust decide`, whole process",
    "Open the journal",
    "Save one decision (median",
    "Save one decision (p95",
    "Save, TinyDB's default storage / selftrust",
    "Encrypted open / plain open",
    "Encrypted save / plain save",
    "History: open",
    "History: one filter keystroke",
    "`selftrust export`, a Markdown file per day",
    "`selftrust export` again into the same folder",
    "`selftrust export --format json`",
    "`selftrust stats --json`",
    'Insights for "all"',
)


pytestmark = [pytest.mark.xdist_group("harness"), pytest.mark.usefixtures("harness_run")]  # see conftest.py


@pytest.fixture(scope="module")
def quick_run(harness_run) -> subprocess.CompletedProcess[str]:
    return harness_run("quick")


def table(report: str) -> dict[str, list[str]]:
    """The report's table: each row's measure and its other cells."""
    rows = {}
    for line in report.splitlines():
        if line.startswith("| ") and not line.startswith(("| measure ", "|---")):
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            rows[cells[0]] = cells[1:]
    return rows


def test_the_quick_harness_measures_every_figure(quick_run):
    # 0: every target met, 1: one missed; 2 would mean a figure could not be measured.
    assert quick_run.returncode in (0, 1), quick_run.stdout + quick_run.stderr
    rows = table(quick_run.stdout)
    for measure in MEASURES:
        found = [name for name in rows if name.startswith(measure)]
        assert len(found) == 1, f"no single row for {measure!r} in:\n{quick_run.stdout}"
        figure, target, verdict = rows[found[0]]
        assert re.search(r"\d", figure), f"{found[0]}: no figure ({figure!r})"
        # A row with a target says whether it was met; one without (the floor, say) says nothing.
        expected = ("PASS", "MISS") if target.startswith(("<=", ">=")) else ("",)
        assert verdict in expected, rows[found[0]]
    assert len(rows) == len(MEASURES), "a row the test does not know: add it to MEASURES"


def test_the_report_names_the_machine_and_the_command(quick_run):
    assert "`python -m benchmarks --years 1 --runs 1`" in quick_run.stdout
    machine = next(line for line in quick_run.stdout.splitlines() if line.startswith("Machine: "))
    assert re.search(r"\d+ cores", machine) and "Python 3." in machine and "Textual " in machine, machine
