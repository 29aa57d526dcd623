"""The demo's promise, kept in a real terminal: export in it, quit, and your own things are as they were."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import find_selftrust
from tests.e2e.conftest import Terminal, find_tmux


def everything_in(folder: Path) -> dict[str, bytes | None]:
    """Every path under FOLDER with its bytes (None for a folder): the listing and the contents at once."""
    return {
        str(path.relative_to(folder)): None if path.is_dir() else path.read_bytes()
        for path in sorted(folder.rglob("*"))
    }


def wait_for_toast(terminal: Terminal, *phrases: str, timeout: float = 30.0) -> str:
    """Poll until a notification on screen says every one of PHRASES; its text, its lines joined.

    A notification is drawn over the right of the screen, each of its lines after a "▌",
    so it is read from there rather than as whole screen lines.
    """

    def toast() -> str:
        lines = [line.rpartition("▌")[2].strip() for line in terminal.screen().splitlines() if "▌" in line]
        return " ".join(" ".join(lines).split())

    text, said = terminal.poll(toast, lambda text: all(phrase in text for phrase in phrases), timeout)
    if not said:
        raise AssertionError(f"not said after {timeout:.0f} s: {phrases!r}\n{terminal.screen()}")
    return text


@pytest.mark.parametrize("export_dir", [True, False], ids=["export_dir set", "export_dir unset"])
def test_exporting_in_the_demo_leaves_your_notes_and_journal_byte_for_byte(tmp_path, export_dir):
    home = tmp_path / "home"
    notes = home / "Notes" / "Self-trust"
    notes.mkdir(parents=True)
    (notes / "my own note.md").write_text("# Mine\n\nNot selftrust's.\n", encoding="utf-8")
    config = home / ".config" / "selftrust" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(
        'timezone = "Europe/Berlin"\n' + (f'export_dir = "{notes}"\n' if export_dir else ""), encoding="utf-8"
    )
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "TMPDIR": str(temporary),
        "SELFTRUST_NOW": "2026-11-27T14:15:00",
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
    }
    # The user's own journal, in the user data folder, and a day of it already exported into the vault.
    for argv in (["decide", "My own, private decision"], ["export", "--out", str(notes)]):
        done = subprocess.run([find_selftrust(), *argv], env=env, capture_output=True, timeout=60, check=False)
        assert done.returncode == 0, done
    journal = home / ".local" / "share" / "selftrust" / "journal.json"
    assert journal.is_file() and (notes / "2026-11-27.md").is_file()
    before = everything_in(home)

    terminal = Terminal(find_tmux(), tmp_path, env)
    try:
        terminal.start([find_selftrust(), "demo"])
        terminal.wait_for("selftrust demo", "Today's decisions")
        terminal.press("x")
        terminal.wait_for("Export to notes", "days to export")
        terminal.press("Enter")  # in the first field: the form is done
        wait_for_toast(terminal, "Exported", "weekly notes to the demo's own folder, gone when you quit: written")
        terminal.press("q")
        status = terminal.wait_exit()
    finally:
        terminal.close()
    assert status == 0
    assert everything_in(home) == before  # the journal, its backups, the settings and the vault, to the byte
    assert list(temporary.iterdir()) == []  # the demo's folder, its export inside, is gone
