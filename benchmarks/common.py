"""What the benchmarks share: finding the installed command, and a sandbox for running it."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

NOW = "2026-11-27T09:15:00"  # a Friday morning, the day after the seeded journal's last


def find_selftrust() -> str:
    """The installed command: beside this Python first (the venv), else on PATH."""
    beside = Path(sys.executable).with_name("selftrust")
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("selftrust")
    if found is None:
        raise SystemExit(f"the selftrust command is not installed beside {sys.executable} nor on PATH")
    return found


def sandbox(root: Path, journal: Path, now: str = NOW) -> dict[str, str]:
    """An environment of its own: home, settings and XDG folders under ROOT, a fixed clock."""
    home = root / "home"
    home.mkdir(exist_ok=True)
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "LANG": "C.UTF-8",
        "SELFTRUST_DB": str(journal),
        "SELFTRUST_CONFIG": str(root / "config.toml"),  # missing: the defaults
        "SELFTRUST_NOW": now,
    }
