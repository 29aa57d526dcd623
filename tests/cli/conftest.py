"""Run the installed `selftrust` command the way a person or a script does, in a sandbox.

Every run gets its own journal, settings file, home and XDG folders under tmp_path, and a
fixed clock (SELFTRUST_NOW), so nothing touches the real user folders.
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import find_selftrust

NOW = "2026-11-27T09:15:00"  # a Friday morning, read in Europe/Berlin (UTC+1 in November)


@dataclass
class Result:
    """What a run of the command left behind."""

    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()


class Selftrust:
    """The command in a sandbox: `cli("decide", "text", now=...)`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.home = root / "home"
        self.home.mkdir()
        self.db = root / "journal" / "journal.json"
        self.config = root / "config.toml"
        self.config.write_text('timezone = "Europe/Berlin"\n', encoding="utf-8")
        self.command = find_selftrust()

    def env(self, now: str | None = NOW, **extra: str | None) -> dict[str, str]:
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.home),
            "XDG_DATA_HOME": str(self.home / ".local" / "share"),
            "XDG_CONFIG_HOME": str(self.home / ".config"),
            "XDG_STATE_HOME": str(self.home / ".local" / "state"),
            "XDG_CACHE_HOME": str(self.home / ".cache"),
            "LANG": "C.UTF-8",
            "SELFTRUST_DB": str(self.db),
            "SELFTRUST_CONFIG": str(self.config),
        }
        if now is not None:
            env["SELFTRUST_NOW"] = now
        for key, value in extra.items():
            if value is None:
                env.pop(key, None)
            else:
                env[key] = value
        return env

    def __call__(self, *args: str, now: str | None = NOW, **extra: str | None) -> Result:
        done = subprocess.run(
            [self.command, *args],
            env=self.env(now, **extra),
            cwd=self.root,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="surrogateescape",
            timeout=60,
        )
        return Result(done.returncode, done.stdout, done.stderr)

    def ok(self, *args: str, now: str | None = NOW, **extra: str | None) -> Result:
        """Run and insist it worked, quietly (no stderr)."""
        result = self(*args, now=now, **extra)
        assert result.code == 0, result
        assert result.err == "", result
        return result

    def journal(self) -> dict:
        return json.loads(self.db.read_text(encoding="utf-8"))

    def decisions(self) -> list[dict]:
        return sorted(self.journal()["decisions"].values(), key=lambda d: (d["day"], d["n"]))


@pytest.fixture
def cli(tmp_path) -> Selftrust:
    return Selftrust(tmp_path)
