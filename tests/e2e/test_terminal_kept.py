"""The terminal is the person's: stored text cannot retitle or clear it, and a stop by signal gives it back."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import pytest

from tests.hostile_text import write_hostile_journal

SHOWN_START = "evil ␛]0;TITLE␇␛[2J and"  # how the hand-edited decision begins on screen


def modes(terminal) -> str:
    """The pane's alternate screen and mouse tracking, as tmux sees them: "1 1" while a full-screen app runs."""
    return terminal.tmux("display", "-p", "-t", "e2e", "#{alternate_on} #{mouse_any_flag}").strip()


def title(terminal) -> str:
    return terminal.tmux("display", "-p", "-t", "e2e", "#{pane_title}").strip()


def test_a_command_printing_hand_edited_text_neither_retitles_nor_clears_the_terminal(
    terminal, journal: Path, selftrust_command: str
) -> None:
    write_hostile_journal(journal)
    terminal.env["PS1"] = "$ "
    terminal.start(["/bin/sh", "-i"])  # at a prompt, as a person runs it (the pane stays as it is)
    terminal.wait_for("$")
    terminal.type(
        f'echo be""fore; "{selftrust_command}" check --state holding; echo af""ter'
    )  # quoted: the line typed is not the output
    terminal.press("Enter")
    shown = terminal.wait_for("after")
    assert "before" in shown, shown  # still on the visible screen: a clear would have wiped it
    assert SHOWN_START in shown
    assert "TITLE" not in title(terminal)


def test_the_app_showing_hand_edited_text_neither_retitles_nor_clears_the_terminal(
    terminal, journal: Path, selftrust_command: str
) -> None:
    write_hostile_journal(journal)
    terminal.start([selftrust_command])
    # The header and the date are drawn before the decision: a clear while drawing it would wipe them.
    shown = terminal.wait_for("selftrust — Friday 27 November 2026", "Today's decisions", SHOWN_START, "This week:")
    assert shown.count("Friday 27 November 2026") == 2, shown  # in the header, and as Today's heading
    assert "TITLE" not in title(terminal)
    terminal.press("C-q")
    assert terminal.wait_exit() == 0


def selftrust_process(root: int, command: str) -> int:
    """The pid of the selftrust process running under ROOT (the pane's shell), found through /proc."""
    pending = [root]
    while pending:
        pid = pending.pop()
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        if command.encode() in argv:
            return pid
        pending += [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    raise AssertionError(f"no {command} running under pid {root}")


@pytest.mark.parametrize(
    ("name", "start", "typed"),
    [("TERM", "morning", "half a thought, not saved"), ("HUP", "", None)],
    ids=["sigterm-on-a-form-with-unsaved-text", "sighup-on-today"],
)
def test_a_stop_by_signal_gives_the_terminal_back_to_a_working_prompt(
    terminal, journal: Path, selftrust_command: str, name: str, start: str, typed: str | None
) -> None:
    subprocess.run(
        [selftrust_command, "decide", "Tell Sam"], env=terminal.env, check=True, capture_output=True, timeout=60
    )
    before = journal.read_bytes()
    terminal.env["PS1"] = "$ "
    terminal.start(["/bin/sh", "-i"])
    terminal.wait_for("$")
    terminal.type(f'{selftrust_command} {start}; echo "exit=$?"')
    terminal.press("Enter")
    terminal.wait_for("What will you stay with today?" if start else "Today's decisions")
    if typed:
        terminal.type(typed)
        terminal.wait_for(typed)
    assert modes(terminal) == "1 1"  # the app holds the alternate screen and the mouse

    signum = getattr(signal, f"SIG{name}")
    os.kill(
        selftrust_process(int(terminal.tmux("display", "-p", "-t", "e2e", "#{pane_pid}")), selftrust_command), signum
    )

    terminal.wait_for(f"exit={128 + signum}")
    assert modes(terminal) == "0 0"  # the normal screen again, and no mouse tracking
    terminal.type("echo prompt-$((40 + 2))")
    terminal.press("Enter")
    terminal.wait_for("prompt-42")
    assert journal.read_bytes() == before  # nothing half-written, nothing unsaved guessed into it
