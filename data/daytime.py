"""Time for the practice: the logical day, clocks and the date words of the command line.

A logical day starts at `day_start` (04:00 by default) in wall-clock time, so a 01:30
review belongs to the day before. The day is read off the local wall clock, never by
subtracting hours, so a daylight-saving change cannot move an entry to the wrong day.

An instant (what a clock says, what a record is stamped with) is an aware standard-library
`datetime.datetime`, and the hints say so. The real clock and SELFTRUST_NOW are read with the
standard library, because importing pendulum costs start-up a fifth of its budget; pendulum's
`DateTime`, which the parsers here fall back to, is a subclass and so an instant too. Nothing
in the product relies on pendulum's own methods on an instant.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Protocol

_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


class DateError(ValueError):
    """A date or time the user gave that cannot be used; the message says why."""


# The days selftrust keeps. Every period worked out from a day stays on Python's calendar
# (0001-01-01 to 9999-12-31) inside these: the year grid's 53 weeks and Insights' year
# back, a week's or a month's end, the next month and year the Calendar steps to, the
# recent days' fortnight, a timezone's offset. 1900 is older than any journal a person
# keeps and clear of the first years, where going back a year falls off the calendar.
FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(9998, 12, 31)


def kept_day(day: dt.date) -> dt.date:
    """DAY, if it lies within the days selftrust keeps (FIRST_DAY to LAST_DAY); else DateError."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise DateError(
            f"{day.isoformat()} is outside the days selftrust keeps ({FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()})"
        )
    return day


class Clock(Protocol):
    """Gives the current moment, timezone-aware."""

    def now(self) -> dt.datetime:
        """The current moment in the user's timezone."""
        ...


class SystemClock:
    """The real clock, in a configured timezone ("local" or an IANA name)."""

    def __init__(self, timezone: str = "local") -> None:
        self.timezone = timezone

    def now(self) -> dt.datetime:
        """The current moment in the configured timezone.

        Read with the standard library's clock and zone data (what pendulum's zones are made
        of; the settings refuse a name it does not know): importing pendulum costs a start-up
        a fifth of a second's budget, so it is imported only where its parsing is needed.
        """
        if self.timezone == "local":
            return dt.datetime.now().astimezone()
        from zoneinfo import ZoneInfo

        return dt.datetime.now(ZoneInfo(self.timezone))


class FixedClock:
    """A clock that stands still (or moves only when told): for tests and demos."""

    def __init__(self, moment: dt.datetime | str, timezone: str | None = None) -> None:
        self.moment: dt.datetime = _fixed_moment(moment, timezone or "UTC")

    def now(self) -> dt.datetime:
        """The fixed moment."""
        return self.moment

    def set(self, moment: dt.datetime | str, timezone: str | None = None) -> None:
        """Move the clock to another moment; a timestamp without an offset is read in TIMEZONE, else in the clock's own zone."""
        # The clock's own zone is its moment's tzinfo, whichever library made it: a standard-library
        # moment (the command line's) has no pendulum timezone_name, and pendulum reads any tzinfo.
        self.moment = _fixed_moment(moment, timezone or self.moment.tzinfo)


def _fixed_moment(moment: dt.datetime | str, zone: str | dt.tzinfo | None) -> dt.datetime:
    """MOMENT itself, or the timestamp MOMENT parsed by pendulum (ZONE for one without an offset)."""
    if not isinstance(moment, str):
        return moment
    import pendulum

    parsed = pendulum.parse(moment, tz=zone)
    if not isinstance(parsed, dt.datetime):  # a bare time, a duration or an interval is no moment
        raise ValueError(f"{moment!r} is not a timestamp")
    return parsed


def wall_clock(text: str, timezone: str = "local") -> dt.datetime:
    """An ISO timestamp as a moment on TIMEZONE's wall clock ("local": the system's).

    A timestamp without an offset is that wall-clock time there; one with an offset is that
    moment, as the wall clock there reads it. The standard library reads what it can, as
    the real clock does, so a fixed clock (SELFTRUST_NOW) starts as fast as the real one;
    pendulum reads the rest. Raises ValueError for what is not a timestamp.
    """
    try:
        moment = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        import pendulum

        # pendulum.local_timezone is this function at run time, but a type checker that has seen the
        # pendulum.tz.local_timezone module takes the name for the module; get_local_timezone is its body.
        name = pendulum.tz.get_local_timezone().name if timezone == "local" else timezone
        parsed = pendulum.parse(text, tz=name)
        if not isinstance(parsed, pendulum.DateTime):
            raise ValueError(f"{text!r} is not a timestamp") from None
        return parsed.in_timezone(name)
    if timezone == "local":
        return moment.astimezone()  # naive: read as local wall time
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(timezone)
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment.astimezone(zone)


def parse_hhmm(text: str) -> dt.time:
    """Parse "HH:MM" (24-hour) or raise DateError."""
    found = _HHMM.match(text.strip()) if isinstance(text, str) else None
    if not found:
        raise DateError(f"{text!r} is not a time of day; use HH:MM, 00:00 to 23:59")
    return dt.time(int(found.group(1)), int(found.group(2)))


def minutes_into_day(hour: int, minute: int, day_start: dt.time) -> int:
    """How many minutes the wall-clock time HOUR:MINUTE lies into a logical day starting at DAY_START."""
    return (hour * 60 + minute - day_start.hour * 60 - day_start.minute) % (24 * 60)


def logical_day(moment: dt.datetime, day_start: dt.time = dt.time(4, 0)) -> dt.date:
    """The logical day MOMENT belongs to, read off its own wall clock."""
    local_date = dt.date(moment.year, moment.month, moment.day)
    if (moment.hour, moment.minute) < (day_start.hour, day_start.minute):
        return local_date - dt.timedelta(days=1)
    return local_date


def stamp(moment: dt.datetime) -> str:
    """An ISO 8601 timestamp with its UTC offset, to the second."""
    return moment.replace(microsecond=0).isoformat()


def instant(text: str) -> dt.datetime:
    """A stored timestamp as a moment, so times written in different timezones compare truly."""
    return dt.datetime.fromisoformat(text)


def parse_day(text: str, today: dt.date) -> dt.date:
    """A day from an ISO date (2026-11-27) or the words today / yesterday / tomorrow."""
    word = text.strip().casefold()
    if word == "today":
        return kept_day(today)
    if word == "tomorrow":
        return kept_day(today + dt.timedelta(days=1))
    if word == "yesterday":
        if today <= FIRST_DAY:
            raise DateError(f"the day before {today.isoformat()} is outside the days selftrust keeps")
        return kept_day(today - dt.timedelta(days=1))
    found = _ISO_DAY.match(word)
    if not found:
        raise DateError(f"{text!r} is not a date; use YYYY-MM-DD, today, yesterday or tomorrow")
    try:
        day = dt.date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    except ValueError:
        raise DateError(f"{text} is not a day on the calendar") from None
    return kept_day(day)


def capture_day(day: dt.date, today: dt.date, *, plan: bool = True) -> dt.date:
    """DAY, if a capture may be dated to it; else DateError.

    A decision (PLAN) may be set up to tomorrow, to plan the evening before. A check or a
    review tells of a day lived, so it goes up to today. A day further ahead has not begun:
    a decision there would read as a pause in the practice until it came, so it is refused.
    Reading (history, figures to a later day) may name any day.
    """
    tomorrow = today + dt.timedelta(days=1)
    if day > tomorrow:
        raise DateError(
            f"{day.isoformat()} is more than a day ahead: you can plan up to tomorrow ({tomorrow.isoformat()})"
        )
    if day > today and not plan:
        raise DateError(
            f"{day.isoformat()} has not begun: a check or a review is for a day under way (today is {today.isoformat()})"
        )
    return day


def week_start(day: dt.date) -> dt.date:
    """The Monday of DAY's ISO week."""
    return day - dt.timedelta(days=day.weekday())


def shift_months(day: dt.date, months: int) -> dt.date:
    """The same day MONTHS later (or earlier), kept inside a shorter month (31 Jan -> 28 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def day_heading(day: dt.date) -> str:
    """A day as people read it: "Friday 27 November 2026"."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def range_day(text: str, today: dt.date, *, end: bool) -> dt.date:
    """A day for --from (END False) or --to (END True): an ISO date, today, yesterday, week or month.

    `week` is the current ISO week (Monday to Sunday) and `month` the current month:
    --from takes their first day, --to their last.
    """
    word = text.strip().casefold()
    if word in ("week", "month"):
        kept_day(today)  # inside the kept days, a week's and a month's ends stay on the calendar
    if word == "week":
        start = week_start(today)
        return start + dt.timedelta(days=6) if end else start
    if word == "month":
        start = today.replace(day=1)
        if not end:
            return start
        following = (start + dt.timedelta(days=32)).replace(day=1)
        return following - dt.timedelta(days=1)
    if word in ("today", "yesterday") or _ISO_DAY.match(word):
        return parse_day(text, today)
    raise DateError(f"{text!r} is not a date; use YYYY-MM-DD, today, yesterday, week or month")
