"""The suite tests what a user runs: the installed packages, not a shadowing source tree."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import data
import screens
import themes
import tui

PACKAGES = ("data", "screens", "themes", "tui")


def test_the_tests_import_the_same_packages_as_the_installed_command(tmp_path: Path) -> None:
    # Where this Python finds the packages from a neutral folder (-I: no PYTHONPATH, no
    # script folder) is what the installed `selftrust` command imports.
    script = f"import importlib; print('\\n'.join(importlib.import_module(n).__file__ for n in {PACKAGES!r}))"
    done = subprocess.run(
        [sys.executable, "-I", "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=60, check=True
    )
    installed = [str(Path(line).resolve()) for line in done.stdout.splitlines()]
    here = [str(Path(module.__file__).resolve()) for module in (data, screens, themes, tui)]
    assert here == installed, "the tests imported a copy of selftrust other than the installed one"
