"""Test-wide settings and what every kind of test shares.

The tests drive the installed package (README: `pip install '.[test]'`); without it they
stop at once with that one line, not a collection error per file. Hypothesis runs
derandomised in CI, so a red CI is reproducible.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from pathlib import Path

import pytest

NEEDED = ("textual", "tinydb", "pendulum", "markdown_it", "orjson", "hypothesis", "yaml")


def pytest_configure(config: pytest.Config) -> None:
    missing = [name for name in NEEDED if importlib.util.find_spec(name) is None]
    if missing:
        raise pytest.UsageError(
            f"the tests need selftrust installed with its test extras (missing: {', '.join(missing)}): "
            "python3 -m venv .venv && .venv/bin/pip install '.[test]' && .venv/bin/pytest -n 2"
        )
    from hypothesis import settings

    settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
    settings.register_profile("dev", deadline=None)
    settings.load_profile("ci" if os.environ.get("CI") else "dev")


def find_selftrust() -> str:
    """The installed `selftrust` command: beside this Python first (the venv), then on PATH."""
    beside = Path(sys.executable).with_name("selftrust")
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("selftrust")
    if found is None:
        pytest.fail(f"the selftrust command is not installed (not beside {sys.executable}, not on PATH)", pytrace=False)
    return found
