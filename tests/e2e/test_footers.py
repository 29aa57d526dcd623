"""Every screen and dialog at 80x24, in a real terminal: the footer's keys are whole, help and quit always among them.

(That checked and unchecked pulls read differently in the same terminal is a test of its own, beside these.)
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.e2e.conftest import WIDTH, Terminal

PALETTE = "\u258f"  # the bar before "^p palette", at the footer's right
ALWAYS = ("f1 Help", "^q Quit")


def footer(terminal: Terminal, *entries: str, timeout: float = 20.0) -> str:
    """The footer line once it holds each of ENTRIES; a failure if one is missing or any key is cut.

    A compact footer leaves a space after each key, so a footer that fits ends in a space
    before the palette's bar (or before the right edge, where a dialog has no bar); a key
    cut off by the bar or the edge ends in a letter there instead.
    """

    def last_line() -> str:
        return terminal.tmux("capture-pane", "-p", "-t", "e2e").splitlines()[-1]

    def keys_of(line: str) -> str:
        return line.split(PALETTE)[0] if PALETTE in line else line

    line, _ = terminal.poll(last_line, lambda line: all(entry in keys_of(line) for entry in entries), timeout)
    keys = keys_of(line)
    missing = [entry for entry in entries if entry not in keys]
    assert not missing, f"not whole in the footer: {missing!r}\n{line}"
    assert keys.endswith(" ") or len(keys) < WIDTH, f"a key is cut at the footer's end:\n{line}"
    return line


def seed(selftrust: str, terminal: Terminal) -> None:
    """A decision waiting from yesterday (so Today offers y), and one today with a check (so its day asks which)."""
    for args in (
        ["decide", "Tell Sam no, kindly", "--area", "Relational Key", "--date", "yesterday"],
        ["decide", "Walk before work", "--area", "Inner Foundation"],
        ["check", "--state", "holding"],
    ):
        subprocess.run([selftrust, *args], env=terminal.env, check=True, capture_output=True, timeout=30)


def back(terminal: Terminal, *texts: str) -> None:
    """Escape, on its own (with a key after it, it would read as alt+key), until TEXTS show."""
    terminal.press("Escape")
    terminal.wait_for(*texts)


def test_every_screen_and_dialog_keeps_its_footer_whole_at_80x24(terminal, journal: Path, selftrust_command: str):
    seed(selftrust_command, terminal)
    terminal.start([selftrust_command])
    today = ("selftrust — Friday 27 November 2026", "Press y to look back")
    terminal.wait_for(*today)
    footer(terminal, "m Morning", "c Midday", "e Evening", "h History", "k Calendar", *ALWAYS)

    terminal.press("F1")
    terminal.wait_for("Keys on Today", "The practice")
    footer(terminal, "esc Close", "f1 Close help", "^q Quit")
    back(terminal, *today)

    for key, text, entries in (
        ("m", "Morning — Friday", ("^s Save", "esc Back", "^o Carry forward")),
        ("c", "Midday — Friday", ("^s Save", "esc Back", "^t Pause")),
        ("e", "Evening — Friday", ("^s Save", "esc Back")),
        ("y", "Evening — Thursday", ("^s Save", "esc Back")),
    ):
        terminal.press(key)
        terminal.wait_for(text)
        footer(terminal, *entries, *ALWAYS)
        back(terminal, *today)

    terminal.press("h")
    terminal.wait_for("History", "/ words: decision", "2 decisions")
    footer(terminal, "esc Back", "^e Edit", "d Delete", "u Show deleted", *ALWAYS)
    terminal.press("u")
    terminal.wait_for("Deleted decisions are shown")
    footer(terminal, "esc Back", "^e Edit", "d Delete", "u Show deleted", "r Restore", *ALWAYS)
    terminal.press("u")
    terminal.press("Enter")  # the newest: today's walk
    terminal.wait_for("Day — Friday 27 November 2026", "Walk before work")
    footer(terminal, "esc Back", "Earlier", "Later", "^e Edit…", "d Delete…", *ALWAYS)

    terminal.press("d")
    terminal.wait_for("Delete what?")
    footer(terminal, "esc Cancel", *ALWAYS)
    terminal.press("Enter")
    terminal.wait_for("Delete “Walk before work”", "checks? You can undo")
    footer(terminal, "esc Stay", *ALWAYS)
    terminal.press("Escape")  # "Keep it": back on the Day view, nothing deleted
    footer(terminal, "d Delete…")

    terminal.press("C-e")
    terminal.wait_for("Edit what?")
    footer(terminal, "esc Cancel", *ALWAYS)
    terminal.press("Enter")  # the first: the decision
    terminal.wait_for("Edit decision — Friday")
    footer(terminal, "^s Save", "esc Back", *ALWAYS)
    terminal.press("Escape")
    footer(terminal, "d Delete…")
    back(terminal, "/ words: decision")
    back(terminal, *today)

    terminal.press("k")
    terminal.wait_for("Calendar — November 2026")
    footer(terminal, "pgup pgdn Month", "v Year view", "⏎ Open day", "esc Back", *ALWAYS)
    terminal.press("v")
    terminal.wait_for("Calendar — 2026")
    footer(terminal, "pgup pgdn Year", "v Month view", "⏎ Open day", "esc Back", *ALWAYS)
    back(terminal, *today)

    terminal.press("i")
    terminal.wait_for("Insights — ")
    footer(terminal, "1 2 3 4 Period", "esc Back", *ALWAYS)
    back(terminal, *today)

    terminal.press("x")
    terminal.wait_for("Export to notes")
    footer(terminal, "⏎/^s Export", "esc Close", *ALWAYS)
    terminal.press("F1")
    terminal.wait_for("Keys on the export dialog")
    footer(terminal, "esc Close", "f1 Close help", "^q Quit")
    back(terminal, "Export to notes")
    back(terminal, *today)

    terminal.press("m")
    terminal.wait_for("Morning — Friday")
    footer(terminal, "^o Carry forward")  # the form is settled: what is typed now is unsaved text
    terminal.type("Say it plainly")
    terminal.wait_for("Say it plainly")
    terminal.press("C-q")
    terminal.wait_for("Quit and throw away what you wrote?")
    footer(terminal, "esc Stay", *ALWAYS)
    terminal.press("y")  # the answer: quit, and throw the words away
    assert terminal.wait_exit() == 0


def test_the_practice_in_help_wraps_as_one_paragraph_at_80_columns(terminal, selftrust_command: str):
    terminal.start([selftrust_command])
    terminal.wait_for("Friday 27 November 2026")
    terminal.press("F1")
    shown = terminal.wait_for("The practice", "Self-trust is built by repetition.")
    lines = [line.strip("█ ") for line in shown.splitlines()]
    start = lines.index("The practice") + 1
    end = lines.index("", start) if "" in lines[start:] else len(lines)
    paragraph = lines[start:end]  # as far as the help shows it before scrolling
    assert len(paragraph) > 2, shown
    # Wrapped by the width alone, every line but the last runs close to the edge (74 columns
    # inside the border): a line break of the text's own would leave a short line mid-way.
    short = [line for line in paragraph[:-1] if len(line) < 58]
    assert not short, shown
