"""History: every decision as a row, and the filters that narrow them (pure, fast, testable)."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from data.daytime import instant
from data.models import Outcome
from data.store import Store, YearRows
from data.vocabulary import merge

OPEN = "open"  # the outcome filter's word for decisions with no outcome yet


@dataclass(frozen=True, slots=True)
class HistoryRow:
    """One decision as History shows it, with what its filters look at."""

    decision_id: str
    day: str
    n: int
    text: str
    area: str
    outcome: str  # an Outcome's value, or "open"
    pulls: tuple[str, ...]  # named at its checks, else the ones expected
    patterns: tuple[str, ...]
    deleted: bool
    words: str  # everything free text can match, casefolded: decision, why, steps, notes


@dataclass(frozen=True, slots=True)
class Filter:
    """What History is narrowed to; empty fields match everything."""

    text: str = ""
    area: str | None = None
    outcome: str | None = None  # an Outcome's value or OPEN
    pull: str | None = None
    pattern: str | None = None
    first: dt.date | None = None
    last: dt.date | None = None

    @property
    def is_empty(self) -> bool:
        return self == Filter()


def _day_bounds(chosen: Filter) -> tuple[str, str]:
    """The first and last day CHOSEN lets through, as text compares a row's day (no bound: every day)."""
    low = chosen.first.isoformat() if chosen.first else ""
    high = chosen.last.isoformat() if chosen.last else "9999-12-31"
    return low, high


def _folded(name: str | None) -> str | None:
    """NAME casefolded, as a pull or pattern is matched; None when no name is chosen."""
    return name.casefold() if name else None


def _named(wanted: str, names: tuple[str, ...]) -> bool:
    """True when WANTED (casefolded) is one of NAMES, whatever their case."""
    return wanted in (name.casefold() for name in names)


def filter_rows(rows: list[HistoryRow], chosen: Filter) -> list[HistoryRow]:
    """The rows CHOSEN lets through, in their order. Every word of the text must appear."""
    if chosen.is_empty:
        return rows
    # Everything a row is compared with is made once here, not once per row (History filters on each keystroke).
    words = chosen.text.casefold().split()
    low, high = _day_bounds(chosen)
    area, outcome, pull, pattern = chosen.area, chosen.outcome, _folded(chosen.pull), _folded(chosen.pattern)
    found = []
    for row in rows:
        if not low <= row.day <= high:
            continue
        if area and row.area != area:
            continue
        if outcome and row.outcome != outcome:
            continue
        if pull and not _named(pull, row.pulls):
            continue
        if pattern and not _named(pattern, row.patterns):
            continue
        if words and not all(word in row.words for word in words):
            continue
        found.append(row)
    return found


OUTCOME_CHOICES = (OPEN, *(o.value for o in Outcome))


# -- History's columns, sized by what they hold ------------------------------------------

COLUMN_TITLES = ("Date", "#", "Decision", "Area", "Outcome", "Pulls")
DECISION, AREA, PULLS = 2, 3, 5
DECISION_AT_LEAST = 28  # below this a decision no longer reads; the pulls give way first
PULLS_AT_LEAST = 9  # "fear, gu…": the first pull still reads


def row_cells(row: HistoryRow) -> tuple[str, ...]:
    """The cells History shows for ROW, in the order of COLUMN_TITLES."""
    outcome = "deleted" if row.deleted else row.outcome
    return (row.day, str(row.n), row.text, row.area, outcome, ", ".join(row.pulls))


def natural_widths(cells: list[tuple[str, ...]], measure: Callable[[str], int] = len) -> list[int]:
    """Each column's width with nothing cut: its longest cell (as MEASURE counts a terminal's cells), or its title."""
    widths = [len(title) for title in COLUMN_TITLES]
    for row in cells:
        for index, cell in enumerate(row):
            if 2 * len(cell) > widths[index]:  # a cell is at most twice its length wide (a wide character takes two)
                widths[index] = max(widths[index], measure(cell))
    return widths


def short_areas(areas: list[str]) -> dict[str, str]:
    """Each area by its first word where no other area starts with the same one ("Inner", "Relational")."""
    firsts = [area.split()[0] if area.split() else area for area in areas]
    return {area: first for area, first in zip(areas, firsts, strict=True) if firsts.count(first) == 1}


def fit_widths(natural: list[int], short_area: int, room: int) -> list[int]:
    """Column widths for ROOM cells. Every column whole when they fit, the decision taking what is left; else,
    until the decision is DECISION_AT_LEAST wide: the areas by their first word, then the pulls cut."""
    widths = list(natural)
    available = room - 1 - 2 * (len(widths) - 1)  # a leading space, two between columns
    wanted = min(natural[DECISION], DECISION_AT_LEAST)

    def left() -> int:
        return available - (sum(widths) - widths[DECISION])

    if left() < wanted:
        widths[AREA] = max(min(short_area, natural[AREA]), len(COLUMN_TITLES[AREA]))
    if left() < wanted:
        # Cut, never widened: a column narrower than PULLS_AT_LEAST already is stays as it is.
        widths[PULLS] = min(widths[PULLS], max(widths[PULLS] - (wanted - left()), PULLS_AT_LEAST))
    widths[DECISION] = max(left(), len(COLUMN_TITLES[DECISION]))
    return widths


# -- History a year at a time, straight from the journal's rows ----------------------------


def _check_order(check: Mapping[str, Any]) -> tuple[str, dt.datetime]:
    return check["day"], instant(check["at"])


def year_history(year: YearRows) -> list[HistoryRow]:
    """The year's decisions as rows (deleted ones included), newest day first: each row as its records say, built from raw rows.

    No record is built: the rows are read as the journal holds them, which is what lets
    History open on fifty years at once.
    """
    checks_by_decision: dict[str, list[Mapping[str, Any]]] = {}
    for row in year.checks:
        if not row.get("deleted_at"):
            checks_by_decision.setdefault(row["decision_id"], []).append(row)
    for checks in checks_by_decision.values():
        if len(checks) > 1:
            checks.sort(key=_check_order)
    notes_by_day = {
        review["day"]: " ".join(
            (review.get("left", ""), review.get("returned", ""), review.get("repair", ""), review.get("learned", ""))
        )
        for review in year.reviews
        if not review.get("deleted_at")
    }
    rows: list[HistoryRow] = []
    for decision in sorted(year.decisions, key=lambda d: (d["day"], d["n"]), reverse=True):
        checks = checks_by_decision.get(decision["id"], [])
        named: list[str] = []
        patterns: list[str] = []
        for check in checks:
            named += [p for p in check.get("pulls", ()) if p not in named]
            patterns += [p for p in check.get("patterns", ()) if p not in patterns]
        outcome = decision.get("outcome")
        words = " ".join(
            [
                decision["text"],
                decision.get("why", ""),
                decision.get("next_step", ""),
                decision.get("say") or "",
                notes_by_day.get(decision["day"], ""),
            ]
            + [f"{c.get('body', '')} {c.get('return_step', '')}" for c in checks]
        ).casefold()
        rows.append(
            HistoryRow(
                decision_id=decision["id"],
                day=decision["day"],
                n=decision["n"],
                text=decision["text"],
                area=decision["area"],
                outcome=Outcome(outcome).value if outcome else OPEN,
                pulls=tuple(named or decision.get("pulls_expected", ())),
                patterns=tuple(patterns),
                deleted=decision.get("deleted_at") is not None,
                words=words,
            )
        )
    return rows


@dataclass(frozen=True, slots=True)
class RowsHeld:
    """What a run of History's rows holds for the screen: each column's natural width, the areas, pulls, patterns."""

    natural: tuple[int, ...]
    areas: frozenset[str]
    pulls: tuple[str, ...]  # each once (whatever its case), in the rows' order
    patterns: tuple[str, ...]

    @classmethod
    def of(cls, rows: Iterable[HistoryRow], measure: Callable[[str], int] = len) -> RowsHeld:
        """What ROWS hold, their cells measured by MEASURE."""
        rows = list(rows)
        return cls(
            natural=tuple(natural_widths([row_cells(row) for row in rows], measure)),
            areas=frozenset(row.area for row in rows),
            pulls=merge((), (p for row in rows for p in row.pulls)),
            patterns=merge((), (p for row in rows for p in row.patterns)),
        )

    @classmethod
    def together(cls, parts: Iterable[RowsHeld]) -> RowsHeld:
        """What the runs PARTS hold together (in their order), as if they were one run."""
        parts = list(parts)
        natural = [len(title) for title in COLUMN_TITLES]
        for part in parts:
            natural = [max(a, b) for a, b in zip(natural, part.natural, strict=True)]
        return cls(
            natural=tuple(natural),
            areas=frozenset().union(*(part.areas for part in parts)),
            pulls=merge((), (p for part in parts for p in part.pulls)),
            patterns=merge((), (p for part in parts for p in part.patterns)),
        )


@dataclass(frozen=True, slots=True)
class HistoryYear:
    """One year of History, built from one version of the year's records."""

    year: str
    version: object
    rows: tuple[HistoryRow, ...]  # newest first, deleted ones included
    live: tuple[HistoryRow, ...]  # the same without the deleted ones
    held: RowsHeld  # what the live rows hold
    held_with_deleted: RowsHeld

    def shown(self, with_deleted: bool) -> tuple[HistoryRow, ...]:
        """The year's rows, with or without the deleted ones."""
        return self.rows if with_deleted else self.live

    def holds(self, with_deleted: bool) -> RowsHeld:
        """What those rows hold."""
        return self.held_with_deleted if with_deleted else self.held


class HistoryYears:
    """Each year's History by the version it was built from: a reopen or a save builds again only the changed year.

    Safe to share between the UI's thread and a worker's.
    """

    def __init__(self, measure: Callable[[str], int] = len) -> None:
        self.measure = measure
        self._years: dict[str, HistoryYear] = {}
        self._lock = threading.Lock()

    def build(self, year: YearRows) -> HistoryYear:
        """The year's History from its rows, held for next time."""
        rows = tuple(year_history(year))
        live = tuple(row for row in rows if not row.deleted)
        held = RowsHeld.of(live, self.measure)
        built = HistoryYear(
            year=year.year,
            version=year.version,
            rows=rows,
            live=live,
            held=held,
            held_with_deleted=RowsHeld.of(rows, self.measure) if len(live) < len(rows) else held,
        )
        with self._lock:
            self._years[year.year] = built
        return built

    def year(self, store: Store, year: str) -> HistoryYear:
        """YEAR's History as the store holds it now: the one held when the year has not changed, else built anew."""
        with self._lock:
            held = self._years.get(year)
        if held is not None and held.version == store.year_version(year):
            return held  # unchanged: its rows are not even copied
        return self.build(store.year_rows(year))
