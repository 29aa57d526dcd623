"""An encrypted journal in a real terminal: the installed `selftrust` asks for its passphrase before Today."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from screens.unlock import WELCOME
from tests.encrypted import passphrase_journal

PASSPHRASE = "a quiet morning"
WRONG = "That passphrase does not open this journal. Nothing was changed."


def test_the_app_asks_for_the_passphrase_refuses_a_wrong_one_and_opens_today_with_the_right_one(
    terminal, journal: Path, selftrust_command: str
) -> None:
    now = dt.datetime(2026, 11, 27, 9, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    passphrase_journal(journal, PASSPHRASE, now, {"Walk at lunch": "2026-11-27"})
    terminal.start([selftrust_command])
    asked = terminal.wait_for(WELCOME)
    assert "Walk at lunch" not in asked

    terminal.type("not it")
    shown = terminal.wait_for("••••••")
    assert "not it" not in shown  # masked as it is typed
    terminal.press("Enter")
    refused = terminal.wait_for(WRONG)
    assert "Walk at lunch" not in refused

    terminal.type(PASSPHRASE)
    terminal.press("Enter")
    today = terminal.wait_for("Today's decisions", "1. Walk at lunch")
    assert PASSPHRASE not in today

    terminal.press("C-q")
    assert terminal.wait_exit() == 0
