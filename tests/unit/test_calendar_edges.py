"""The days at the calendar's edges: refused outside the days selftrust keeps, working inside.

The kept days are FIRST_DAY (1900-01-01) to LAST_DAY (9998-12-31). Outside, a date from
the person is refused with one line (exit 2, nothing written); inside, every period worked
out from a day (its week, its month, Insights' periods, the year grid, the year's own file)
stays on the calendar.
"""

from __future__ import annotations

import datetime as dt

import pytest

from data.daytime import FIRST_DAY, LAST_DAY, DateError, FixedClock, logical_day, parse_day, range_day, shift_months
from data.journal_file import year_path
from data.models import Outcome, State
from data.periods import period_start
from data.stats import count, figures_from_store
from data.store import Store
from data.vocabulary import DEFAULT_AREAS

EDGES = {"first": ("1900-01-01T04:30:00", FIRST_DAY), "last": ("9998-12-31T23:30:00", LAST_DAY)}


@pytest.mark.parametrize("text", ["0001-01-01", "1899-12-31", "9999-01-01", "9999-12-31"])
def test_a_day_outside_the_kept_days_is_refused_with_a_reason(text):
    with pytest.raises(DateError, match="outside the days selftrust keeps"):
        parse_day(text, dt.date(2026, 11, 27))
    for end in (False, True):
        with pytest.raises(DateError, match="outside the days selftrust keeps"):
            range_day(text, dt.date(2026, 11, 27), end=end)


def test_yesterday_of_the_first_kept_day_is_refused():
    with pytest.raises(DateError, match="outside the days selftrust keeps"):
        parse_day("yesterday", FIRST_DAY)
    assert parse_day("yesterday", LAST_DAY) == LAST_DAY - dt.timedelta(days=1)


@pytest.mark.parametrize("edge", EDGES)
def test_every_period_of_a_day_at_the_edges_stays_on_the_calendar(tmp_path, edge):
    moment, day = EDGES[edge]
    clock = FixedClock(moment, "Pacific/Kiritimati" if edge == "last" else "Pacific/Niue")
    assert logical_day(clock.now()) == day
    assert range_day("week", day, end=False) <= day <= range_day("week", day, end=True)
    assert range_day("month", day, end=False) <= day <= range_day("month", day, end=True)
    assert shift_months(day, 12 if edge == "first" else -12).month == day.month

    store = Store(tmp_path / "journal.json")
    decision = store.add_decision(clock.now(), day, "Stay with it at the edge", "Inner Foundation")
    store.save_check(clock.now(), decision, State.WOBBLING, pulls=["fear"])
    store.save_review(clock.now(), day, outcomes={decision.id: Outcome.RETURNED}, contact=4)
    for period in ("4w", "3m", "1y", "all"):
        counts = count(store, period, day, DEFAULT_AREAS)
        assert counts.figures.returns == 1
        period_start(period, day)
    found = figures_from_store(
        store,
        first=range_day("month", day, end=False),
        last=range_day("month", day, end=True),
        today=day,
        areas=DEFAULT_AREAS,
    )
    assert found.decisions == 1

    # A later save at the other edge keeps this year in a file of its own, named by its year.
    other = LAST_DAY if edge == "first" else FIRST_DAY
    store.add_decision(clock.now(), other, "And at the other edge", "Inner Foundation")
    older = year_path(store.path, str(min(day, other).year))
    assert (older.exists() and decision.id.encode() in older.read_bytes()) or edge == "last"
    assert Store(tmp_path / "journal.json").decision(decision.id) == store.decision(decision.id)
