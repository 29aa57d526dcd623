"""Validation at the edge: what a person typed, checked once, with messages they understand.

The form and the command line both use these, so the same text gets the same answer.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from data.daytime import DateError, day_heading, parse_hhmm, stamp, wall_clock
from data.models import INTENSITY_MAX
from data.vocabulary import RETURNS, match_name

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


# -- the pull as it happens: the fields of a check shared by the midday form and `selftrust check` --

ACTED_WORDS = {"yes": "yes", "little": "little", "a little": "little", "no": "no"}
"""What a person may type for whether they acted on a pull, and the word stored for it."""
YES_NO = {"yes": True, "no": False}


def parse_intensity(value: str | None, label: str, *, required: bool = False) -> int | None:
    """How strong a pull is, 0 to 10; None when left blank (unless REQUIRED: then blank is refused too)."""
    text = (value or "").strip()
    if not text and not required:
        return None
    if not (text.isascii() and text.isdigit() and 0 <= int(text) <= INTENSITY_MAX):
        raise InputError(f"{label} is a number from 0 to {INTENSITY_MAX}, not {text!r}")
    return int(text)


def parse_feeling(value: str | None, label: str, *, required: bool = False) -> str | None:
    """The feeling, in one word; None when left blank (unless REQUIRED)."""
    feeling = clean_line(value, label, required=required, limit=NAME_MAX)
    if not feeling:
        return None
    if len(feeling.split()) != 1:
        raise InputError(f"{label} is one word (like tight or heavy), not {feeling!r}")
    return feeling


def parse_acted(value: str, label: str) -> str:
    """Whether the person acted on the pull: yes, little ("a little" too) or no."""
    acted = ACTED_WORDS.get(" ".join(value.split()).casefold())
    if acted is None:
        raise InputError(f"{label} is yes, little or no, not {value!r}")
    return acted


def parse_yes_no(value: str, label: str) -> bool:
    """Yes or no (whether the plan helped), as True or False."""
    answer = YES_NO.get(value.strip().casefold())
    if answer is None:
        raise InputError(f"{label} is yes or no, not {value!r}")
    return answer


def parse_returns(values: list[str], label: str) -> list[str]:
    """What the check returned to, each as the returns-to vocabulary spells it, without repeats."""
    returns: list[str] = []
    for value in values:
        match = match_name(value, RETURNS)
        if not match.known:
            raise InputError(
                f"{label} {value!r} is not one of the returns; the closest is '{match.closest}'"
                f" (they are: {', '.join(RETURNS)})"
            )
        if match.name not in returns:
            returns.append(match.name)
    return returns


def parse_since(text: str, label: str, *, day: dt.date, day_start: dt.time, timezone: str, now: dt.datetime) -> str:
    """When the pull came: HH:MM on DAY's logical day (after midnight, the next morning), never later than NOW.

    The time is read on the configured TIMEZONE's wall clock; the answer is a timestamp with its offset.
    """
    try:
        time = parse_hhmm(text)
    except DateError:
        raise InputError(f"{label} {text.strip()!r} is not a time of day; use HH:MM, 00:00 to 23:59") from None
    date = day if (time.hour, time.minute) >= (day_start.hour, day_start.minute) else day + dt.timedelta(days=1)
    moment = wall_clock(f"{date.isoformat()}T{time:%H:%M}:00", timezone)
    if moment > now:
        raise InputError(
            f"{label} {time:%H:%M} on {day_heading(day)} is later than now; the pull came before the check"
        )
    return stamp(moment)
