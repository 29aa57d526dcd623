"""The periods Insights looks back over: a key, a name for the chooser, a name for a sentence."""

from __future__ import annotations

from dataclasses import dataclass


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
