"""Stored text made safe to show: no control character reaches a terminal raw.

Typed input and imports refuse control characters, but a journal edited by hand (or by a
sync tool) can still hold them, and a raw ESC, BEL or C1 code in a line we print would
retitle the terminal, clear it or move its cursor. Every place that shows stored text
passes it through here first.

Each control character becomes a visible stand-in one cell wide, so the person sees that
something odd is there (and where), and columns stay aligned:

- C0 (U+0000-U+001F): its Unicode Control Picture, U+2400 + code (ESC shows as ␛, BEL as ␇);
- DEL (U+007F): ␡ (U+2421);
- C1 (U+0080-U+009F): the replacement character � (U+FFFD), as no picture exists for them.

Newlines (and tabs, where a note spans lines) are kept: they are how text is laid out.
"""

from __future__ import annotations

import re

_STAND_INS = {code: chr(0x2400 + code) for code in range(0x20)}
_STAND_INS[0x7F] = "\u2421"
_STAND_INS.update(dict.fromkeys(range(0x80, 0xA0), "\ufffd"))  # the C1 controls

_NOTE = {code: char for code, char in _STAND_INS.items() if code not in (0x09, 0x0A)}  # tab and newline kept
_LINE = dict(_STAND_INS)  # one line: a newline or tab is shown too, never laid out

_ANY_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_NOTE_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def shown(text: str) -> str:
    """TEXT with every control character but newline and tab replaced by a visible stand-in."""
    if _NOTE_CONTROL.search(text) is None:  # the common case: nothing to change, nothing copied
        return text
    return text.translate(_NOTE)


def shown_line(text: str) -> str:
    """TEXT for one line (a table cell, a title): every control character, newline and tab too, replaced."""
    if _ANY_CONTROL.search(text) is None:
        return text
    return text.translate(_LINE)


def has_control(text: str) -> bool:
    """Whether TEXT holds any control character (newline and tab included)."""
    return _ANY_CONTROL.search(text) is not None


def without_controls(text: str) -> str:
    """TEXT with every control character removed: for a drawn line, where a stand-in would change its width."""
    if _ANY_CONTROL.search(text) is None:
        return text
    return _ANY_CONTROL.sub("", text)


_RAW_IN_UTF8 = re.compile(b"\x7f|\xc2([\x80-\x9f])")
_RAW = re.compile("[\x7f-\x9f]")


def json_for_terminal(data: bytes | str) -> bytes | str:
    """JSON DATA (UTF-8 bytes or text) with each raw DEL and C1 character written as its \\u escape: the same JSON, safe on a terminal.

    JSON escapes the C0 controls itself but lets DEL and C1 through raw, and in JSON they can
    only stand inside a string, where an escape means the same character. In UTF-8 a C1
    character is always the two bytes C2 80-9F (C2 is a lead byte, never a continuation).
    """
    if isinstance(data, str):
        return _RAW.sub(lambda found: f"\\u{ord(found.group()):04x}", data)
    if b"\xc2" not in data and b"\x7f" not in data:
        return data
    return _RAW_IN_UTF8.sub(lambda found: b"\\u%04x" % (found[1][0] if found[1] else 0x7F), data)
