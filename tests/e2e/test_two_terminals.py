"""Two terminals on one journal, by the installed command: the app's forms open while the
command line writes the same day, then the app saves. Every text from both sides stays."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from tests.e2e.conftest import Terminal, find_tmux

EVENING = "2026-11-27T20:15:00"


@pytest.fixture
def other_terminal(terminal: Terminal) -> Iterator[object]:
    """A second terminal with the first one's environment: runs one command to its end."""
    opened: list[Terminal] = []

    def run(argv: Sequence[str]) -> str:
        second = Terminal(find_tmux(), terminal.workdir, terminal.env)
        opened.append(second)
        second.start(argv)
        status = second.wait_exit()
        shown = second.screen(scrollback=True)
        assert status == 0, shown
        assert "Traceback" not in shown
        return shown

    yield run
    for second in opened:
        second.close()


_BAR = re.compile(r"\x1b\[38;5;(\d+)m\u258e")  # a note field's left bar, in its colour
_CHOICE = re.compile(r"^\u258e\s*[(\[][ x•][)\]]")  # a radio set's or a tick grid's bar: not a note's


def _pane(terminal: Terminal) -> list[str]:
    """The pane's lines, in colour, without the lines of choices (their bars mark focus too)."""
    lines = terminal.tmux("capture-pane", "-p", "-e", "-t", "e2e").splitlines()
    return ["" if _CHOICE.search(_plain(line)) else line for line in lines]


def _plain(line: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", line).strip()


def _focused_labels(lines: list[str], resting: set[str]) -> list[str]:
    """The labels above note fields whose bar is not in the resting colour (the focused one)."""
    found = []
    for at in range(1, len(lines)):
        bar = _BAR.search(lines[at])
        if bar and bar.group(1) not in resting and not _BAR.search(lines[at - 1]):
            found.append(_plain(lines[at - 1]))
    return found


HOLD = 0.5  # seconds the focus must stay on the field before typing into it


def focus_note(terminal: Terminal, label: str, timeout: float = 20.0) -> None:
    """Press tab until the note field under LABEL has the focus (called while no note field has it).

    A focused field's bar takes another colour than the resting one. Keys sent at once can
    outrun Textual's focus change (and a blinking cursor changes the screen by itself), so
    each tab waits until the focus is seen to move; and since the form is redrawn when the
    other terminal's save is seen, a tab can still be on its way once the field shows focused:
    the focus must hold there for HOLD seconds, and one carried past it comes back with shift+tab.
    """
    resting = {found.group(1) for line in _pane(terminal) for found in _BAR.finditer(line)}
    assert len(resting) == 1, f"a note field already has the focus\n{terminal.screen()}"
    deadline = time.monotonic() + timeout
    key = "Tab"
    while True:
        focused = _focused_labels(_pane(terminal), resting)
        while not any(label in shown for shown in focused):  # a label's line may end in the scroll bar
            assert time.monotonic() < deadline, f"the field under {label!r} never took the focus\n{terminal.screen()}"
            terminal.press(key)
            was = focused
            while (focused := _focused_labels(_pane(terminal), resting)) == was and time.monotonic() < deadline:
                time.sleep(0.02)
        # A tab still on its way may carry the focus one field on: it must hold on the label a moment.
        held = time.monotonic() + HOLD
        while any(label in shown for shown in _focused_labels(_pane(terminal), resting)) and time.monotonic() < held:
            time.sleep(0.02)
        if time.monotonic() >= held:
            return
        key = "BTab"  # carried past it: come back


def _journal(journal: Path) -> dict:
    return json.loads(journal.read_text(encoding="utf-8"))


def _review(journal: Path) -> dict:
    (review,) = _journal(journal)["reviews"].values()
    return review


def _decision(journal: Path) -> dict:
    (decision,) = _journal(journal)["decisions"].values()
    return decision


def test_an_open_evening_keeps_the_reflections_written_from_the_shell(
    terminal, other_terminal, journal: Path, selftrust_command: str
) -> None:
    terminal.env["SELFTRUST_NOW"] = EVENING
    other_terminal([selftrust_command, "decide", "Tell Sam no"])

    terminal.start([selftrust_command, "evening"])
    terminal.wait_for("Where did I leave myself today?", "1. Tell Sam no")

    other_terminal([selftrust_command, "review", "--learned", "from the shell", "--left", "also from the shell"])

    terminal.press("Enter")  # kept
    focus_note(terminal, "Where did I return?")
    terminal.type("from the app")
    terminal.wait_for("from the app")
    terminal.press("C-s")
    shown = terminal.wait_for("Saved.")

    review = _review(journal)
    assert review["left"] == "also from the shell", (review, shown)
    assert review["learned"] == "from the shell"
    assert review["returned"] == "from the app", (review, shown)
    assert _decision(journal)["outcome"] == "kept"

    terminal.press("Escape")
    terminal.press("C-q")
    assert terminal.wait_exit() == 0


def test_an_open_edit_keeps_the_outcome_given_from_the_shell(
    terminal, other_terminal, journal: Path, selftrust_command: str
) -> None:
    other_terminal([selftrust_command, "decide", "Tell Sam no", "--why", "my Fridays"])

    terminal.start([selftrust_command, "history"])
    terminal.wait_for("2026-11-27", "1 decision")  # at 80 columns the row shows "Tell Sam" only
    terminal.press("C-e")
    terminal.wait_for("my Fridays")

    other_terminal([selftrust_command, "review", "--outcome", "1=kept", "--learned", "the shell's lesson"])

    terminal.type(", kindly")  # an edit opens with the cursor after the text: the first key adds to it
    terminal.wait_for("Tell Sam no, kindly")
    terminal.press("C-s")
    terminal.wait_for("Decision 1 of 2026-11-27 updated.")

    decision = _decision(journal)
    assert decision["text"] == "Tell Sam no, kindly"
    assert decision["why"] == "my Fridays"
    assert decision["outcome"] == "kept"
    assert _review(journal)["learned"] == "the shell's lesson"


def test_a_note_written_on_both_sides_asks_and_keeps_both(
    terminal, other_terminal, journal: Path, selftrust_command: str
) -> None:
    terminal.env["SELFTRUST_NOW"] = EVENING
    other_terminal([selftrust_command, "decide", "Tell Sam no"])

    terminal.start([selftrust_command, "evening"])
    terminal.wait_for("Where did I leave myself today?", "1. Tell Sam no")

    other_terminal([selftrust_command, "review", "--outcome", "1=returned", "--learned", "the fear passes"])

    focus_note(terminal, "What did I learn?")
    terminal.type("saying it kindly works")
    terminal.wait_for("saying it kindly works")
    terminal.press("C-s")
    asked = terminal.wait_for("Written elsewhere", "the fear passes", "Yours, in this form", "Keep both (b)")
    assert "Saved." not in asked
    terminal.press("b")
    terminal.wait_for("Saved.")

    review = _review(journal)
    assert review["learned"] == "saying it kindly works\n\n— also written elsewhere —\nthe fear passes"
    assert _decision(journal)["outcome"] == "returned"  # no outcome was chosen in the app: the shell's stays
