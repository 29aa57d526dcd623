"""A journal edited by hand whose text holds control characters, and how to spot one raw.

Typed input and import refuse control characters; a journal written by hand (or by a
sync tool) does not ask. Its decision retitles the terminal (OSC 0, ended by BEL) and
clears it (CSI 2J), then holds a C1 CSI; a pull's name holds an ESC, another's a C1.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

DAY = "2026-11-27"
STAMP = "2026-11-27T09:15:00+01:00"
DECISION_TEXT = "evil \x1b]0;TITLE\x07\x1b[2J and \x9b c1"
PULL = "fe\x1bar"
PULL_C1 = "wish\x9bto"
# How the screens and the command line show them: ESC as ␛, BEL as ␇, C1 as U+FFFD.
DECISION_SHOWN = "evil ␛]0;TITLE␇␛[2J and \ufffd c1"
PULL_SHOWN = "fe␛ar"
PULL_C1_SHOWN = "wish\ufffdto"

RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # any control character but newline and tab
RAW_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]")


def write_hostile_journal(path: Path) -> None:
    """Write, as JSON straight to PATH, a journal of one decision and one check holding control characters."""
    decision_id, check_id = "d0c1a2b3c4d5e6f7a8b9c0d1", "c0c1a2b3c4d5e6f7a8b9c0d1"
    times = {"created_at": STAMP, "updated_at": STAMP, "deleted_at": None}
    decision = {
        "id": decision_id, **times, "day": DAY, "n": 1, "text": DECISION_TEXT, "area": "Inner Foundation",
        "why": "", "pulls_expected": [PULL], "certainty": None, "next_step": "", "say": None,
        "outcome": None, "carried_from": None,
    }  # fmt: skip
    check = {
        "id": check_id, **times, "decision_id": decision_id, "day": DAY, "at": STAMP, "state": "wobbling",
        "pulls": [PULL, PULL_C1], "patterns": [], "body": "", "return_step": "",
    }  # fmt: skip
    journal = {"schema_version": 2, "decisions": {decision_id: decision}, "checks": {check_id: check}}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(journal), encoding="utf-8")


def page_shows(text: str) -> str:
    """What a page or screen shows of TEXT (a model of its own, to hold data.text to): each control character but newline and tab by a stand-in.

    C0 as its Control Picture (ESC as U+241B), DEL as U+2421, C1 as U+FFFD.
    """

    def stand_in(char: str) -> str:
        code = ord(char)
        if char in "\n\t" or unicodedata.category(char) != "Cc":
            return char
        return chr(0x2400 + code) if code < 0x20 else "\u2421" if code == 0x7F else "\ufffd"

    return "".join(stand_in(char) for char in text)
