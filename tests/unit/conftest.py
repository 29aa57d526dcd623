"""The two benchmark harness runs the harness tests read, started together and early.

`python -m benchmarks --quick` and the tiny `--scaling` run each take ~17 s, most of it
waiting on a tmux pane. So they are one xdist group (pyproject runs the suite with
`--dist loadgroup`), run by one worker, with a few modules of slow work that reads no run
(the scaling table's own tests, the ten-year properties, the kill -9 rounds, mypy): the
group's first test starts both runs, those modules go on meanwhile, and the tests that
read a run come last and wait for it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RUNS = {
    "quick": ["--quick"],
    "scaling": ["--scaling", "--years-list", "2,1", "--runs", "1"],
}
READERS = {"quick_run": "quick", "tiny_run": "scaling"}  # the fixtures that hand a test a finished run, and its run
WANTED = pytest.StashKey[set[str]]()


@pytest.hookimpl(trylast=True)  # after -k and -m have left out what they leave out
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The tests that read a run go last; a run is started only when a test that reads it is to run.

    A run started and not read would be killed at the end, leaving its tmux server and folder behind.
    """
    items.sort(key=lambda item: any(name in item.fixturenames for name in READERS))  # stable: False first
    config.stash[WANTED] = {run for item in items for name, run in READERS.items() if name in item.fixturenames}


@pytest.fixture(scope="session")
def harness_run(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[str], subprocess.CompletedProcess[str]]]:
    """The finished run NAME (see RUNS): its exit code, standard output and error."""
    started: dict[str, tuple[list[str], subprocess.Popen[str]]] = {}
    folder = tmp_path_factory.mktemp("harness")
    tmux = shutil.which("tmux") is not None
    wanted = request.config.stash.get(WANTED, set(RUNS))
    if tmux:
        for name, options in RUNS.items():
            if name not in wanted:
                continue
            command = [sys.executable, "-m", "benchmarks", *options]
            # Into files, not pipes: two runs read one after the other could fill a pipe and stall.
            with open(folder / f"{name}.out", "w") as out, open(folder / f"{name}.err", "w") as err:
                started[name] = (command, subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=err, text=True))

    def finished(name: str) -> subprocess.CompletedProcess[str]:
        if not tmux:
            pytest.fail(
                "tmux is not installed: the harness measures first paint in it (apt-get install tmux)", pytrace=False
            )
        command, process = started[name]
        code = process.wait(timeout=240)
        out = (folder / f"{name}.out").read_text()
        err = (folder / f"{name}.err").read_text()
        return subprocess.CompletedProcess(command, code, out, err)

    yield finished
    for _command, process in started.values():
        if process.poll() is None:
            process.kill()
            process.wait()
