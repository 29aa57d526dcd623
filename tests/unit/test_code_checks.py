"""The code passes the checks pyproject.toml configures: mypy's types, ruff's lint rules and its formatter.

They run here, in the suite, so a clean clone's CI runs them with the tests and a red one names the line.
"""

import subprocess
import sys
from pathlib import Path

import pytest

# With the harness tests: run while the harness waits on its pane (see conftest.py).
pytestmark = [pytest.mark.xdist_group("harness"), pytest.mark.usefixtures("harness_run")]

ROOT = Path(__file__).resolve().parents[2]  # the repository: pyproject.toml says what each tool checks


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, timeout=180)


def test_mypy_finds_no_error_in_the_product(tmp_path):
    # A cache of its own: every run is a cold one (about 4 s), and the repository is left as it was.
    checked = _run("mypy", "--cache-dir", str(tmp_path / "mypy"), "--no-color-output")
    assert checked.returncode == 0, f"mypy reports:\n{checked.stdout}{checked.stderr}"


def test_ruff_finds_nothing_to_mend(tmp_path):
    checked = _run("ruff", "check", "--no-cache", "--output-format", "concise", ".")
    assert checked.returncode == 0, f"ruff check reports:\n{checked.stdout}{checked.stderr}"


def test_the_code_is_in_the_formatters_shape():
    checked = _run("ruff", "format", "--no-cache", "--check", ".")
    assert checked.returncode == 0, f"ruff format would change:\n{checked.stdout}{checked.stderr}"
