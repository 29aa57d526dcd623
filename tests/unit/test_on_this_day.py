"""On this day: the earlier decision Today shows as the person's own evidence, chosen by hand here."""

from __future__ import annotations

import datetime as dt

import pendulum

from data.models import Check, Decision, Outcome, State
from data.ritual import on_this_day
from data.store import Store

STAMP = "2026-11-27T09:15:00+01:00"
TODAY = dt.date(2026, 11, 27)


def decision(day: str, outcome: Outcome | None = Outcome.RETURNED, n: int = 1, deleted: bool = False) -> Decision:
    return Decision(
        id=f"{day}-{n}",
        created_at=STAMP,
        updated_at=STAMP,
        deleted_at=STAMP if deleted else None,
        day=day,
        n=n,
        text=f"decision of {day} number {n}",
        area="Relational Key",
        outcome=outcome,
    )


def check(of: Decision, state: State = State.WOBBLING, pulls: tuple[str, ...] = (), deleted: bool = False) -> Check:
    return Check(
        id=f"check-{of.id}",
        created_at=STAMP,
        updated_at=STAMP,
        deleted_at=STAMP if deleted else None,
        decision_id=of.id,
        day=of.day,
        at=STAMP,
        state=state,
        pulls=list(pulls),
    )


def chosen(today: dt.date, decisions: list[Decision], checks: list[Check] | None = None) -> str | None:
    found = on_this_day(today, decisions, checks or [])
    return None if found is None else found.decision.id


def test_a_year_ago_beats_two_years_ago_whatever_the_order():
    two, one = decision("2024-11-27"), decision("2025-11-27")
    assert chosen(TODAY, [two, one]) == "2025-11-27-1"
    assert chosen(TODAY, [one, two]) == "2025-11-27-1"
    found = on_this_day(TODAY, [one, two], [])
    assert found is not None and found.lead == "On this day a year ago you came back to: "


def test_further_back_when_a_year_ago_has_none_and_it_says_how_far():
    found = on_this_day(TODAY, [decision("2023-11-27")], [])
    assert found is not None and found.lead == "On this day three years ago you came back to: "


def test_a_month_ago_only_without_a_year_match():
    month, year = decision("2026-10-27"), decision("2023-11-27")
    assert chosen(TODAY, [month, year]) == "2023-11-27-1"  # three years back, still first
    found = on_this_day(TODAY, [month, decision("2026-08-27")], [])
    assert found is not None and found.decision.id == "2026-10-27-1"
    assert found.lead == "On this day a month ago you came back to: "


def test_among_several_that_day_the_lowest_number():
    assert chosen(TODAY, [decision("2025-11-27", n=3), decision("2025-11-27", n=2)]) == "2025-11-27-2"


def test_a_deleted_decision_is_never_chosen():
    assert chosen(TODAY, [decision("2025-11-27", deleted=True), decision("2024-11-27")]) == "2024-11-27-1"
    assert chosen(TODAY, [decision("2025-11-27", deleted=True)]) is None


def test_abandoned_revised_carried_and_open_are_never_chosen():
    for outcome in (Outcome.ABANDONED, Outcome.REVISED, Outcome.CARRIED, None):
        left = decision("2025-11-27", outcome)
        assert chosen(TODAY, [left], [check(left)]) is None, outcome


def test_kept_counts_only_when_it_met_a_pull():
    kept = decision("2025-11-27", Outcome.KEPT)
    assert chosen(TODAY, [kept]) is None
    assert chosen(TODAY, [kept], [check(kept, State.HOLDING)]) is None  # held, no pull named: no return to show
    assert chosen(TODAY, [kept], [check(kept, State.WOBBLING, deleted=True)]) is None
    assert chosen(TODAY, [kept], [check(kept, State.HOLDING, pulls=("fear",))]) == kept.id
    found = on_this_day(TODAY, [kept], [check(kept, State.WOBBLING)])
    assert found is not None and found.lead == "On this day a year ago a pull came and you stayed with: "


def test_a_returned_one_comes_before_a_kept_one_of_the_same_day():
    kept, returned = decision("2025-11-27", Outcome.KEPT, n=1), decision("2025-11-27", n=2)
    assert chosen(TODAY, [kept, returned], [check(kept)]) == returned.id


def test_the_31st_looks_back_only_to_months_that_have_one():
    today = dt.date(2026, 12, 31)
    assert chosen(today, [decision("2026-10-31")]) == "2026-10-31-1"  # November has no 31st: skipped
    found = on_this_day(today, [decision("2026-10-31")], [])
    assert found is not None and found.lead.startswith("On this day two months ago")
    assert chosen(today, [decision("2026-11-30")]) is None  # the 30th is not the same day


def test_29_february_looks_back_only_to_leap_years_and_28_february_never_to_it():
    leap = dt.date(2028, 2, 29)
    assert chosen(leap, [decision("2027-02-28"), decision("2024-02-29")]) == "2024-02-29-1"
    assert chosen(leap, [decision("2027-02-28")]) is None  # the 28th is not the 29th, even in February
    found = on_this_day(leap, [decision("2024-02-29")], [])
    assert found is not None and found.lead.startswith("On this day four years ago")
    assert chosen(dt.date(2027, 2, 28), [decision("2024-02-29")]) is None
    assert chosen(dt.date(2027, 3, 29), [decision("2024-02-29")]) == "2024-02-29-1"  # an earlier month's 29th


def test_today_and_days_ahead_are_not_the_past():
    assert chosen(TODAY, [decision("2026-11-27"), decision("2026-12-27"), decision("2027-11-27")]) is None


def test_nothing_found_is_none():
    assert on_this_day(TODAY, [], []) is None
    assert chosen(TODAY, [decision("2025-11-26"), decision("2026-11-20")]) is None


def test_the_store_gives_every_day_on_todays_day_of_the_month_and_nothing_deleted():
    store = Store.in_memory()
    now = pendulum.datetime(2026, 11, 27, 9, 15, tz="Europe/Berlin")
    year = store.add_decision(now, "2025-11-27", "Tell Sam", "Relational Key")
    month = store.add_decision(now, "2026-10-27", "Walk at lunch", "Inner Foundation")
    other = store.add_decision(now, "2026-10-26", "Bed by eleven", "Inner Foundation")
    gone = store.add_decision(now, "2024-11-27", "Gone", "Inner Foundation")
    store.save_check(now, month, State.WOBBLING, pulls=["fear"])
    store.save_check(now, other, State.WOBBLING)
    store.delete_decision(now, gone.id)
    decisions, checks = store.same_day_of_month(TODAY)
    assert sorted(d.id for d in decisions) == sorted([year.id, month.id])
    assert [c.decision_id for c in checks] == [month.id]
