"""The installed `selftrust` in a real terminal (tmux, 80x24, UTF-8), driven the way a person does."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

from data.models import SCHEMA_VERSION

DECISION = "Tell Sam no — kindly ✓"


def test_a_morning_decision_typed_in_a_real_terminal_is_kept_in_the_journal(
    terminal, journal: Path, selftrust_command: str
) -> None:
    terminal.start([selftrust_command])
    terminal.wait_for(
        "Friday 27 November 2026",
        "Due now: the morning decision (press m)",
        "Nothing here yet. Your first decision starts the record.",
    )

    terminal.press("m")
    terminal.wait_for("The decision", "What will you stay with today?")
    terminal.type(DECISION)
    terminal.wait_for(DECISION)
    terminal.press("C-s")
    set_screen = terminal.wait_for("Decision 1 set", "Already set")
    assert f"1. {DECISION}" in set_screen

    terminal.press("Escape")
    today = terminal.wait_for("Today's decisions", f"1. {DECISION}")
    assert "Nothing here yet" not in today

    terminal.press("C-q")
    assert terminal.wait_exit() == 0

    saved = json.loads(journal.read_text(encoding="utf-8"))
    assert saved["schema_version"] == SCHEMA_VERSION
    decisions = [d for d in saved["decisions"].values() if d["text"] == DECISION]
    assert len(decisions) == 1, saved
    (decision,) = decisions
    assert decision["day"] == "2026-11-27"
    # The fixed clock is read in the configured timezone, and stamped with its offset.
    assert dt.datetime.fromisoformat(decision["created_at"]) == dt.datetime(
        2026, 11, 27, 9, 15, tzinfo=ZoneInfo("Europe/Berlin")
    )


def test_a_corrupt_journal_stops_with_one_line_naming_it_and_is_left_untouched(
    terminal, journal: Path, selftrust_command: str
) -> None:
    broken = b'{"schema_version": 1, "decisions": {"0a1b2c3d4e5f": {"text": "Tell Sam no'
    journal.write_bytes(broken)
    before = journal.stat()

    terminal.start([selftrust_command])
    assert terminal.wait_exit() == 3

    shown = terminal.screen(scrollback=True)
    lines = [line for line in shown.splitlines() if line.strip()]
    assert len(lines) == 1, shown
    assert str(journal) in lines[0]
    assert "Traceback" not in shown
    assert journal.read_bytes() == broken
    assert journal.stat().st_mtime_ns == before.st_mtime_ns


def test_checked_and_unchecked_pulls_read_differently(terminal, journal: Path, selftrust_command: str) -> None:
    """At 80x24 on Midday, in the pane's text alone (no colour): what is ticked and chosen, and what is not."""
    decide = [selftrust_command, "decide", "Tell Sam the Friday deadline doesn't work for me", "--area", "relational"]
    subprocess.run(decide, env=terminal.env, capture_output=True, timeout=60, check=True)
    terminal.start([selftrust_command, "check"])
    first = terminal.wait_for("How is it now?", "(•) holding", "[ ] fear")
    # The decision, the state and every pull on the first screen, with the pulls' meanings.
    pulls = ["fear", "guilt", "pressure", "disappointment", "approval", "safety", "familiar"]
    for name in [*pulls, "understood (wanting to be)", "chosen (wanting to be)"]:
        assert f"[ ] {name}" in first, first
    assert "1. Tell Sam the Friday deadline doesn't work for me" in first

    terminal.press("Down")
    terminal.press("Enter")  # wobbling
    terminal.press("Tab")
    terminal.press("Space")  # fear
    shown = terminal.wait_for("[x] fear", "(•) wobbling", "( ) holding")
    assert "[ ] guilt" in shown
    assert shown.count("[x]") == 1 and shown.count("(•)") == 1

    terminal.press("C-s")
    terminal.wait_for("Today's decisions")
    terminal.press("C-q")
    assert terminal.wait_exit() == 0
    saved = json.loads(journal.read_text(encoding="utf-8"))
    (check,) = saved["checks"].values()
    assert (check["state"], check["pulls"]) == ("wobbling", ["fear"])
