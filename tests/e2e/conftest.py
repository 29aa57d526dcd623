"""A real terminal for end-to-end tests: the installed `selftrust` in a tmux pane.

Each test gets its own tmux server (`tmux -S SOCKET`), so the pane sees exactly the
environment the test passes, never that of a tmux server already running on the machine.
The screen is read by polling `capture-pane` until the expected text shows, never by
fixed sleeps.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TypeVar

import pytest

from tests.conftest import find_selftrust

WIDTH, HEIGHT = 80, 24

# The server's settings, read before the first pane starts (so remain-on-exit is in
# force however quickly the command exits): keep a dead pane to read its exit status,
# pass escape through at once, and tell the program it is in an xterm.
TMUX_CONF = """\
set -g remain-on-exit on
set -s escape-time 0
set -g default-terminal xterm-256color
set -g history-limit 2000
"""


def find_tmux() -> str:
    """The tmux binary; a missing tmux fails the test loudly (CI installs it)."""
    found = shutil.which("tmux") or ("/usr/bin/tmux" if Path("/usr/bin/tmux").exists() else None)
    if found is None:
        pytest.fail("tmux is not installed: the real-terminal tests need it (apt-get install tmux)", pytrace=False)
    return found


Seen = TypeVar("Seen")


class Terminal:
    """One 80x24 tmux pane running one command, driven by keys and read as text."""

    def __init__(self, tmux: str, workdir: Path, env: Mapping[str, str]) -> None:
        self.workdir = workdir
        self.env = dict(env)
        # A socket path must stay short (about 100 bytes), so it lives in its own temp folder.
        self._sockdir = Path(tempfile.mkdtemp(prefix="st-tmux-"))
        self._conf = self._sockdir / "tmux.conf"
        self._conf.write_text(TMUX_CONF)
        self._status = self._sockdir / "status"
        self._base = [tmux, "-S", str(self._sockdir / "sock"), "-u", "-f", str(self._conf)]
        self._started = False

    def tmux(self, *args: str) -> str:
        """Run one tmux command against this test's own server; its output as text."""
        done = subprocess.run([*self._base, *args], env=self.env, capture_output=True, timeout=20, check=False)
        if done.returncode != 0:
            raise AssertionError(f"tmux {' '.join(args)} failed: {done.stderr.decode(errors='replace').strip()}")
        return done.stdout.decode("utf-8", errors="replace")

    def start(self, argv: Sequence[str]) -> None:
        """Start ARGV in a fresh 80x24 pane, with exactly this terminal's environment.

        A shell runs it, as at a prompt, and writes its exit status to a file: tmux before
        3.5 can miss the SIGCHLD of a pane's process, leaving #{pane_dead_status} blank.
        """
        exports = [item for key, value in self.env.items() for item in ("-e", f"{key}={value}")]
        wrapper = ["/bin/sh", "-c", '"$@"; echo "$?" > "$0"', str(self._status), *argv]
        self.tmux(
            "new-session",
            "-d",
            "-s",
            "e2e",
            "-x",
            str(WIDTH),
            "-y",
            str(HEIGHT),
            "-c",
            str(self.workdir),
            *exports,
            *wrapper,
        )
        self._started = True

    def screen(self, *, scrollback: bool = False) -> str:
        """The pane's visible text (with SCROLLBACK, everything it printed), wrapped lines joined.

        tmux's own "Pane is dead" line is left out; printing it scrolls the pane by one
        line, which is why a finished command's output is best read with SCROLLBACK.
        """
        history = ["-S", "-"] if scrollback else []
        text = self.tmux("capture-pane", "-p", "-J", *history, "-t", "e2e")
        lines = [line.rstrip() for line in text.splitlines() if not line.startswith("Pane is dead")]
        return "\n".join(lines).strip("\n")

    def poll(self, read: Callable[[], Seen], ready: Callable[[Seen], bool], timeout: float) -> tuple[Seen, bool]:
        """READ every 50 ms until READY holds of what it read, the command ends or TIMEOUT passes.

        The last reading, and whether it was ready: the caller says what never happened.
        """
        deadline = time.monotonic() + timeout
        while True:
            seen = read()
            if ready(seen):
                return seen, True
            if self.exited() is not None or time.monotonic() > deadline:
                return seen, False
            time.sleep(0.05)

    def wait_for(self, *texts: str, timeout: float = 30.0) -> str:
        """Poll the screen until every one of TEXTS is on it; the screen, or a failure showing it.

        Runs of whitespace match any whitespace, so a sentence the app wraps still matches.
        """
        wanted = [" ".join(text.split()) for text in texts]
        shown, ready = self.poll(
            self.screen, lambda shown: all(text in " ".join(shown.split()) for text in wanted), timeout
        )
        if not ready:
            flat = " ".join(shown.split())
            missing = [text for text in wanted if text not in flat]
            raise AssertionError(f"not on screen after {timeout:.0f} s: {missing!r}\n--- screen ---\n{shown}")
        return shown

    def press(self, *keys: str) -> None:
        """Send keys by tmux name: "m", "C-s", "Escape"."""
        self.tmux("send-keys", "-t", "e2e", *keys)

    def type(self, text: str) -> None:
        """Type TEXT literally, as a person would (UTF-8 included)."""
        self.tmux("send-keys", "-t", "e2e", "-l", text)

    def exited(self) -> int | None:
        """The command's exit status once it has ended (128+N if signal N killed it); None while it runs."""
        try:
            return int(self._status.read_text())
        except (FileNotFoundError, ValueError):
            return None

    def wait_exit(self, timeout: float = 30.0) -> int:
        """Wait for the command to end; its exit status."""
        status, _ = self.poll(self.exited, lambda status: status is not None, timeout)
        if status is None:
            raise AssertionError(f"still running after {timeout:.0f} s\n--- screen ---\n{self.screen()}")
        return status

    def close(self) -> None:
        """Stop this test's tmux server (and whatever still runs in it)."""
        if self._started:
            subprocess.run([*self._base, "kill-server"], env=self.env, capture_output=True, timeout=20, check=False)
        shutil.rmtree(self._sockdir, ignore_errors=True)


@pytest.fixture
def selftrust_command() -> str:
    """The path of the installed `selftrust` command."""
    return find_selftrust()


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    """Where the test's journal lives (not created: a missing journal is an empty one)."""
    return tmp_path / "journal.json"


@pytest.fixture
def terminal(tmp_path: Path, journal: Path) -> Iterator[Terminal]:
    """An 80x24 UTF-8 terminal whose environment is the test's own, clock fixed in Berlin."""
    tmux = find_tmux()
    home = tmp_path / "home"
    home.mkdir()
    config = tmp_path / "config.toml"
    config.write_text('timezone = "Europe/Berlin"\n', encoding="utf-8")
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "SHELL": "/bin/sh",
        "SELFTRUST_DB": str(journal),
        "SELFTRUST_CONFIG": str(config),
        "SELFTRUST_NOW": "2026-11-27T09:15:00",
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
    }
    term = Terminal(tmux, tmp_path, env)
    try:
        yield term
    finally:
        term.close()
