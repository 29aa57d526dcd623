"""The two benchmark harness runs the harness tests read, started together.

`python -m benchmarks --quick` and the tiny `--scaling` run each take ~17 s, most of it
waiting on a tmux pane, so both start at once when the first of their tests needs one,
and each test waits for its own. Their tests are one xdist group (pyproject runs the
suite with `--dist loadgroup`), so one worker runs them both, and runs them first.
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


@pytest.fixture(scope="session")
def harness_run(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Callable[[str], subprocess.CompletedProcess[str]]]:
    """The finished run NAME (see RUNS): its exit code, standard output and error."""
    if shutil.which("tmux") is None:
        pytest.fail(
            "tmux is not installed: the harness measures first paint in it (apt-get install tmux)", pytrace=False
        )
    folder = tmp_path_factory.mktemp("harness")
    started = {}
    for name, options in RUNS.items():
        command = [sys.executable, "-m", "benchmarks", *options]
        # Into files, not pipes: two runs read one after the other could fill a pipe and stall.
        with open(folder / f"{name}.out", "w") as out, open(folder / f"{name}.err", "w") as err:
            started[name] = (command, subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=err, text=True))

    def finished(name: str) -> subprocess.CompletedProcess[str]:
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
