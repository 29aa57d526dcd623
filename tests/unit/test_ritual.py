"""The daily ritual's rules: what is due, how a decision stands, how a reviewed day reads."""

import datetime as dt

import pendulum

from data.models import Check, Decision, Outcome, State
from data.ritual import (
    DECIDE_GENTLE,
    GENTLE_LIMIT,
    MORNING_GENTLE,
    OUTCOME_MARKS,
    Step,
    day_summary,
    gentle_note,
    standing,
    waiting_yesterday,
    what_is_due,
)
from data.settings import Settings
from data.store import Store

BERLIN = "Europe/Berlin"
DAY = dt.date(2026, 11, 27)
NOW = pendulum.datetime(2026, 11, 27, 9, 15, tz=BERLIN)
STAMP = "2026-11-27T09:15:00+01:00"
SETTINGS = Settings(timezone=BERLIN)


def decision(n: int = 1, outcome: Outcome | None = None) -> Decision:
    return Decision(
        id=f"d{n}",
        created_at=STAMP,
        updated_at=STAMP,
        day=DAY.isoformat(),
        n=n,
        text=f"decision {n}",
        area="Inner Foundation",
        outcome=outcome,
    )


def check(state: State, at: str = STAMP) -> Check:
    return Check(
        id=f"c-{state.value}-{at}",
        created_at=at,
        updated_at=at,
        decision_id="d1",
        day=DAY.isoformat(),
        at=at,
        state=state,
    )


def day_of(*outcomes: Outcome | None) -> list[Decision]:
    return [decision(n, outcome) for n, outcome in enumerate(outcomes, start=1)]


# -- how a reviewed day reads -------------------------------------------------------------


def test_a_day_of_kept_and_abandoned_decisions_names_both_without_the_comfort_for_a_day_all_abandoned():
    assert day_summary(day_of(Outcome.KEPT, Outcome.ABANDONED)) == "1 kept. 1 left for now: information, not a verdict."
    assert day_summary(day_of(Outcome.KEPT, Outcome.ABANDONED, Outcome.ABANDONED, Outcome.KEPT)) == (
        "2 kept. 2 left for now: information, not a verdict."
    )


def test_a_day_of_returned_and_abandoned_decisions_counts_the_return_first():
    assert day_summary(day_of(Outcome.ABANDONED, Outcome.RETURNED)) == (
        "1 return today. Every return is a rep. 1 left for now: information, not a verdict."
    )


def test_a_day_only_abandoned_is_met_with_tomorrow_not_a_count():
    expected = "An abandoned decision is information, not a verdict. Tomorrow is another rep."
    assert day_summary(day_of(Outcome.ABANDONED)) == expected
    assert day_summary(day_of(Outcome.ABANDONED, Outcome.ABANDONED)) == expected
    # A revised decision is no keep: the day still reads as all left behind.
    assert day_summary(day_of(Outcome.REVISED, Outcome.ABANDONED)) == f"1 changed honestly. {expected}"


def test_returns_are_counted_in_the_singular_and_the_plural():
    assert day_summary(day_of(Outcome.RETURNED)) == "1 return today. Every return is a rep."
    assert day_summary(day_of(Outcome.RETURNED, Outcome.RETURNED)) == "2 returns today. Every return is a rep."


def test_every_outcome_of_a_day_is_named_in_order_returns_kept_changed_left():
    found = day_summary(day_of(Outcome.ABANDONED, Outcome.REVISED, Outcome.KEPT, Outcome.RETURNED, Outcome.KEPT))
    assert (
        found
        == "1 return today. Every return is a rep. 2 kept. 1 changed honestly. 1 left for now: information, not a verdict."
    )


def test_a_day_with_no_outcome_given_still_thanks_the_person():
    assert day_summary([]) == "Reviewed. Thank you for looking honestly."
    assert day_summary(day_of(None, None)) == "Reviewed. Thank you for looking honestly."
    assert day_summary(day_of(None, Outcome.KEPT)) == "1 kept."


# -- how a decision stands ----------------------------------------------------------------


def test_a_decision_with_no_check_and_no_outcome_stands_as_just_set():
    found = standing(decision(), [])
    assert (found.word, found.symbol) == ("set", "•")


def test_the_latest_check_tells_how_an_open_decision_stands():
    early, late = "2026-11-27T12:40:00+01:00", "2026-11-27T15:10:00+01:00"
    found = standing(decision(), [check(State.HOLDING, early), check(State.WOBBLING, late)])
    assert (found.word, found.symbol) == ("wobbling", "◐")
    symbols = {State.HOLDING: "●", State.WOBBLING: "◐", State.ABANDONED: "○", State.CHANGED: "~"}
    for state, symbol in symbols.items():
        found = standing(decision(), [check(state)])
        assert (found.word, found.symbol) == (state.value, symbol)


def test_an_outcome_outweighs_any_check_and_uses_the_days_shared_mark():
    checks = [check(State.ABANDONED)]
    for outcome in Outcome:
        found = standing(decision(outcome=outcome), checks)
        assert (found.word, found.symbol) == (outcome.value, OUTCOME_MARKS[outcome])
    # Each outcome reads differently without colour, and none looks like an empty day ("·").
    assert len(set(OUTCOME_MARKS.values())) == len(OUTCOME_MARKS)
    assert "·" not in OUTCOME_MARKS.values()


# -- what is due ------------------------------------------------------------------------


def at(hour: int, minute: int = 0, day: dt.date = DAY) -> pendulum.DateTime:
    return pendulum.datetime(day.year, day.month, day.day, hour, minute, tz=BERLIN)


def test_a_deleted_decision_leaves_the_morning_due_again():
    store = Store.in_memory()
    only = store.add_decision(NOW, DAY, "Walk at lunch", "Inner Foundation")
    assert what_is_due(store, SETTINGS, at(13)) == [Step.MIDDAY]
    store.delete_decision(NOW, only.id)
    assert what_is_due(store, SETTINGS, at(13)) == [Step.MORNING]


def test_a_decision_that_already_has_its_outcome_needs_no_midday_check():
    store = Store.in_memory()
    done = store.add_decision(NOW, DAY, "Walk at lunch", "Inner Foundation")
    open_one = store.add_decision(NOW, DAY, "Call Mum", "Relational Key")
    store.save_check(NOW, open_one, State.HOLDING)
    store.save_review(NOW, DAY, {done.id: Outcome.KEPT})
    assert what_is_due(store, SETTINGS, at(13)) == []
    assert what_is_due(store, SETTINGS, at(19)) == [Step.EVENING]


def test_the_days_records_given_by_the_caller_decide_what_is_due():
    store = Store.in_memory()
    first = store.add_decision(NOW, DAY, "Walk at lunch", "Inner Foundation")
    checked = Check(
        id="c1",
        created_at=STAMP,
        updated_at=STAMP,
        decision_id=first.id,
        day=DAY.isoformat(),
        at=STAMP,
        state=State.HOLDING,
    )
    # The store has no check yet, but the caller's list (just saved on screen) does.
    assert what_is_due(store, SETTINGS, at(13)) == [Step.MIDDAY]
    assert what_is_due(store, SETTINGS, at(13), checks=[checked]) == []
    assert what_is_due(store, SETTINGS, at(13), decisions=[first], checks=[]) == [Step.MIDDAY]


def test_only_yesterdays_decisions_still_waiting_are_looked_back_on():
    store = Store.in_memory()
    yesterday = DAY - dt.timedelta(days=1)
    waiting = store.add_decision(NOW, yesterday, "Ask for Friday off", "Relational Key")
    done = store.add_decision(NOW, yesterday, "Walk at lunch", "Inner Foundation")
    store.add_decision(NOW, yesterday - dt.timedelta(days=1), "Older and open", "Inner Foundation")
    store.add_decision(NOW, DAY, "Today's", "Inner Foundation")
    store.save_review(NOW, yesterday, {done.id: Outcome.KEPT})
    assert [d.id for d in waiting_yesterday(store, DAY)] == [waiting.id]
    store.save_review(NOW, yesterday, {waiting.id: Outcome.RETURNED})
    assert waiting_yesterday(store, DAY) == []


def test_the_gentle_note_comes_past_three_decisions_on_the_command_line_and_from_three_on_morning():
    assert GENTLE_LIMIT == 3
    assert [gentle_note(count, DECIDE_GENTLE) for count in (0, 2, 3)] == [None, None, None]
    assert gentle_note(4, DECIDE_GENTLE) == "That makes 4 for the day. Fewer decisions, kept, train more trust."
    assert gentle_note(2, MORNING_GENTLE) is None
    assert (
        gentle_note(3, MORNING_GENTLE)
        == "That's three. Fewer decisions, kept, train more trust — but another is yours to set."
    )
    assert gentle_note(5, MORNING_GENTLE) == "That's 5. Fewer decisions, kept, train more trust; the choice is yours."
