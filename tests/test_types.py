"""The product type-checks: mypy, as pyproject.toml configures it, finds no error in data, screens, tui or themes."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the repository: pyproject.toml says what mypy checks


def test_mypy_finds_no_error_in_the_product(tmp_path):
    # A cache of its own: every run is a cold one (about 4 s), and the repository is left as it was.
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "mypy"), "--no-color-output"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert checked.returncode == 0, f"mypy reports:\n{checked.stdout}{checked.stderr}"
