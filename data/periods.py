"""The periods Insights looks back over: a key, a name for the chooser, a name for a sentence, and where each begins."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from data.daytime import shift_months


@dataclass(frozen=True, slots=True)
class Period:
    """A span of days to look back over, ending today."""

    key: str
    name: str  # in the chooser and the footer
    these: str  # in a sentence: "Nothing recorded in these 4 weeks."


PERIODS: dict[str, Period] = {
    "4w": Period("4w", "4 weeks", "these 4 weeks"),
    "3m": Period("3m", "3 months", "these 3 months"),
    "1y": Period("1y", "a year", "this past year"),
    "all": Period("all", "all", "your journal"),
}
DEFAULT_PERIOD = "3m"


def period_start(period: str, today: dt.date) -> dt.date | None:
    """The first day of PERIOD ("4w", "3m", "1y" or "all") ending TODAY; None for all of the journal."""
    if period == "4w":
        return today - dt.timedelta(days=27)
    if period == "3m":
        return shift_months(today, -3) + dt.timedelta(days=1)
    if period == "1y":
        return shift_months(today, -12) + dt.timedelta(days=1)
    return None
