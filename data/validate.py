"""Validation at the edge: what a person typed, checked once, with messages they understand.

The form and the command line both use these, so the same text gets the same answer.
"""

from __future__ import annotations

import unicodedata

LINE_MAX = 500
NOTE_MAX = 10_000
NAME_MAX = 100  # a pull's or a pattern's name


class InputError(ValueError):
    """Input that cannot be saved; the message says what to change, in one line."""

    field: str | None = None  # the form field at fault, when a form checked it (its focus goes there)


def _check_chars(text: str, label: str, multiline: bool) -> None:
    for char in text:
        if "\ud800" <= char <= "\udfff":
            raise InputError(f"{label} has bytes that are not valid text; please type it again")
        if char in "\n\t" and multiline:
            continue
        if char in "\n\r\u2028\u2029" and not multiline:  # Unicode's line and paragraph separators too
            raise InputError(f"{label} is one line; please leave out the line break")
        if unicodedata.category(char) == "Cc":
            raise InputError(f"{label} has a control character (U+{ord(char):04X}); please leave it out")


def clean_line(text: str | None, label: str, *, required: bool = False, limit: int = LINE_MAX) -> str:
    """One line of text, trimmed; raises InputError when empty but required, or unusable.

    A tab (pasted from a table or a note) is a space here: on one line it only ever meant a gap.
    """
    text = (text or "").replace("\t", " ").strip()
    if required and all(char.isspace() or unicodedata.category(char) == "Cf" for char in text):
        # Zero-width characters alone look empty to a person, so they count as empty.
        raise InputError(f"{label} is empty; write it in a few words")
    _check_chars(text, label, multiline=False)
    if len(text) > limit:
        raise InputError(f"{label} is {len(text):,} characters; keep it under {limit:,}")
    return text


def clean_note(text: str | None, label: str, *, limit: int = NOTE_MAX) -> str:
    """Free text that may span lines, trimmed at its ends; raises InputError when unusable.

    A tab is kept: in a note it may indent a list or separate pasted columns.
    """
    text = (text or "").replace("\r\n", "\n").strip()
    _check_chars(text, label, multiline=True)
    if len(text) > limit:
        raise InputError(f"{label} is {len(text):,} characters; keep it under {limit:,}")
    return text


def parse_scale(value: str | int | None, label: str) -> int | None:
    """A 1-5 score (certainty, contact), or None when left blank."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        text = str(value).strip()
        if not text:
            return None
        if not (text.isascii() and text.isdigit()):
            raise InputError(f"{label} is a number from 1 to 5, not {text!r}")
        number = int(text)
    if not 1 <= number <= 5:
        raise InputError(f"{label} is a number from 1 to 5, not {number}")
    return number
