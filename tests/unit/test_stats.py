"""Every figure of Insights and `selftrust stats`, on a small journal worked out by hand.

The journal (built below through the store, as the app would) spans four ISO weeks of
November 2026; today is Friday 27 November. Each figure's expected value is worked out
beside its assertion from this table:

    day              n  area        cert  checks (state, pulls, patterns, at)            outcome
    Sun 2026-11-08   d1 Inner        1    holding                    09:00 Berlin         kept       review contact 2
    (gap 09..15: a whole week without practice)
    Mon 2026-11-16   d2 Relational   2    wobbling fear guilt / said yes  14:05 Berlin   returned   review contact 4
                                          (wobbling pressure 15:00 - deleted)
                     d3 Inner        5    holding, named approval    16:40 Berlin         kept
    Sun 2026-11-22   d4 Relational   3    abandoned fear / said yes, avoided the conversation
                                                                     08:30 New York       abandoned  review contact 5 - deleted
                     d5 Inner        -    changed                    18:00 Berlin         revised
    Mon 2026-11-23   d6 Relational   4    wobbling                   12:10 Berlin         kept       review, no contact
                     d7 Inner        2    abandoned                  21:30 Berlin         kept
    Wed 2026-11-25   d10 Inner       3    -                                               (deleted)
    Fri 2026-11-27   d8 Relational   1    wobbling fear, Fear / softened the truth 10:00  open       review, no contact
                     d9 Inner        3    wobbling pressure          11:00 Berlin         returned, then deleted
"""

import datetime as dt
import json

import pendulum
import pytest

from data.figures_words import keep_words, reps_words
from data.models import Outcome, State
from data.stats import (
    EMPTY_JOURNAL,
    Gap,
    Outcomes,
    count,
    figures,
    figures_from_store,
    figures_json,
    figures_text,
    trend,
)
from data.store import Store

D = dt.date
TODAY = D(2026, 11, 27)
AREAS = ("Relational Key", "Inner Foundation", "Body")  # the settings' order; Body has no decisions
INNER, RELATIONAL = "Inner Foundation", "Relational Key"


def at(month_day: tuple[int, int], hour: int, minute: int = 0, tz: str = "Europe/Berlin"):
    return pendulum.datetime(2026, month_day[0], month_day[1], hour, minute, tz=tz)


@pytest.fixture(scope="module")
def store() -> Store:
    store = Store.in_memory()

    def decide(day, n_text, area, certainty, hour=8):
        return store.add_decision(at((day.month, day.day), hour), day, n_text, area, certainty=certainty)

    def check(decision, state, when, pulls=(), patterns=()):
        return store.save_check(when, decision, state, pulls=pulls, patterns=patterns)

    # Sunday 8 November: kept, with only a holding check and no pull - not a rep.
    d1 = decide(D(2026, 11, 8), "Walk at lunch", INNER, 1)
    check(d1, State.HOLDING, at((11, 8), 9))
    store.save_review(at((11, 8), 20), D(2026, 11, 8), {d1.id: Outcome.KEPT}, contact=2)

    # Monday 16 November.
    d2 = decide(D(2026, 11, 16), "Tell Sam the deadline doesn't work", RELATIONAL, 2)
    d3 = decide(D(2026, 11, 16), "Write before email", INNER, 5)
    check(d2, State.WOBBLING, at((11, 16), 14, 5), pulls=["fear", "guilt"], patterns=["said yes"])
    gone = check(d2, State.WOBBLING, at((11, 16), 15), pulls=["pressure"])
    store.delete_check(at((11, 16), 15, 1), gone.id)
    check(d3, State.HOLDING, at((11, 16), 16, 40), pulls=["approval"])  # a pull named while holding
    store.save_review(at((11, 16), 21), D(2026, 11, 16), {d2.id: Outcome.RETURNED, d3.id: Outcome.KEPT}, contact=4)

    # Sunday 22 November: the last day of the week that began on Monday the 16th.
    d4 = decide(D(2026, 11, 22), "Say no to the extra shift", RELATIONAL, 3)
    d5 = decide(D(2026, 11, 22), "Stop at one coffee", INNER, None)
    # Checked while travelling: 08:30 in New York is 14:30 in Berlin; the hour is the check's own, 8.
    check(
        d4,
        State.ABANDONED,
        at((11, 22), 8, 30, tz="America/New_York"),
        pulls=["fear"],
        patterns=["said yes", "avoided the conversation"],
    )
    check(d5, State.CHANGED, at((11, 22), 18))
    store.save_review(at((11, 22), 21), D(2026, 11, 22), {d4.id: Outcome.ABANDONED, d5.id: Outcome.REVISED}, contact=5)
    store.delete_review(at((11, 22), 22), D(2026, 11, 22))  # its outcomes stay; its contact goes

    # Monday 23 November: two decisions kept after meeting a pull (a wobble, an abandoned check).
    d6 = decide(D(2026, 11, 23), "Ask Alex for help", RELATIONAL, 4)
    d7 = decide(D(2026, 11, 23), "Go to bed by eleven", INNER, 2)
    check(d6, State.WOBBLING, at((11, 23), 12, 10))
    check(d7, State.ABANDONED, at((11, 23), 21, 30))
    store.save_review(at((11, 23), 22), D(2026, 11, 23), {d6.id: Outcome.KEPT, d7.id: Outcome.KEPT})

    # Wednesday 25 November: only a deleted decision - not a practice day.
    d10 = decide(D(2026, 11, 25), "Keep Sunday free", INNER, 3)
    store.delete_decision(at((11, 25), 9), d10.id)

    # Friday 27 November (today): one open decision, one returned and then deleted.
    d8 = decide(D(2026, 11, 27), "Say what I need before the meeting ends", RELATIONAL, 1)
    d9 = decide(D(2026, 11, 27), "Leave at six", INNER, 3)
    check(d8, State.WOBBLING, at((11, 27), 10), pulls=["fear", "Fear"], patterns=["softened the truth"])
    check(d9, State.WOBBLING, at((11, 27), 11), pulls=["pressure"])
    store.save_review(at((11, 27), 20), D(2026, 11, 27), {d9.id: Outcome.RETURNED})
    store.delete_decision(at((11, 27), 20, 5), d9.id)
    return store


@pytest.fixture(scope="module")
def everything(store):
    return figures_from_store(store, today=TODAY, areas=AREAS)


# -- the §5 figures ------------------------------------------------------------------


def test_decisions_count_by_day_and_deleted_ones_never_count(everything):
    # d1..d8 live; d9 (returned) and d10 deleted.
    assert everything.decisions == 8
    # kept: d1 d3 d6 d7 = 4; returned: d2 = 1; revised: d5 = 1; abandoned: d4 = 1; open: d8 = 1.
    assert everything.outcomes == Outcomes(kept=4, returned=1, revised=1, abandoned=1, open=1)


def test_returns_are_the_decisions_that_ended_returned(everything):
    # d2 only; d9 was returned too, but it is deleted.
    assert everything.returns == 1


def test_reps_are_returns_plus_kept_decisions_that_met_a_pull(everything):
    # returned: d2 -> 1
    # kept and met a pull: d3 (named approval while holding), d6 (wobbling), d7 (abandoned check) -> 3
    # kept with only a holding check and no pull: d1 -> not a rep
    # 1 + 3 = 4
    assert everything.reps == 4


def test_keep_rate_leaves_revised_and_open_out(everything):
    # (kept 4 + returned 1) / (kept 4 + returned 1 + abandoned 1) = 5 / 6; revised d5 and open d8 left out.
    assert everything.keep_rate == pytest.approx(5 / 6)


def test_checks_count_once_each_and_deleted_ones_never(everything):
    # d1 d2 d3 d4 d5 d6 d7 d8: one live check each = 8
    # (d2's pressure check was deleted; d9's went with d9; d10 had none)
    assert everything.checks == 8


def test_days_practiced_are_days_with_a_live_entry(everything):
    # 11-08, 11-16, 11-22, 11-23, 11-27 = 5; 11-25 held only a deleted decision.
    assert everything.days_practiced == 5
    assert everything.practice_days == {
        D(2026, 11, 8),
        D(2026, 11, 16),
        D(2026, 11, 22),
        D(2026, 11, 23),
        D(2026, 11, 27),
    }


def test_pulls_and_patterns_count_each_naming_in_a_check_once(everything):
    # fear: d2's check, d4's check, d8's check (which named "fear" and "Fear": one naming) = 3
    # approval 1 (d3), guilt 1 (d2); pressure: only in a deleted check and on a deleted decision -> absent
    assert everything.pulls == {"fear": 3, "approval": 1, "guilt": 1}
    assert list(everything.pulls) == ["fear", "approval", "guilt"]  # most first, then by name
    # said yes: d2, d4 = 2; avoided the conversation: d4 = 1; softened the truth: d8 = 1
    assert everything.patterns == {"said yes": 2, "avoided the conversation": 1, "softened the truth": 1}


# -- what the Insights screen shows beside them ------------------------------------------


def test_each_pull_with_how_its_decisions_ended(everything):
    fear, approval, guilt = everything.pull_details
    # fear was named on d2 (returned), d4 (abandoned) and d8 (open): 3 namings on 3 decisions.
    assert (fear.name, fear.count, fear.decisions) == ("fear", 3, 3)
    assert fear.outcomes == Outcomes(returned=1, abandoned=1, open=1)
    assert (approval.name, approval.count, approval.outcomes) == ("approval", 1, Outcomes(kept=1))  # d3
    assert (guilt.name, guilt.count, guilt.outcomes) == ("guilt", 1, Outcomes(returned=1))  # d2
    said_yes = everything.pattern_details[0]
    # said yes on d2 (returned) and d4 (abandoned).
    assert (said_yes.name, said_yes.count, said_yes.outcomes) == ("said yes", 2, Outcomes(returned=1, abandoned=1))


def test_which_pull_leads_to_which_pattern_in_the_same_check(everything):
    pairs = [(p.pull, p.pattern, p.count) for p in everything.pull_patterns]
    # d2's check: fear+guilt with said yes; d4's: fear with said yes and avoided the conversation;
    # d8's: fear with softened the truth. fear -> said yes twice, every other pair once.
    assert pairs == [
        ("fear", "said yes", 2),
        ("fear", "avoided the conversation", 1),
        ("fear", "softened the truth", 1),
        ("guilt", "said yes", 1),
    ]


def test_outcome_by_certainty(everything):
    c = everything.by_certainty
    assert set(c) == {1, 2, 3, 4, 5, None}
    assert c[1] == Outcomes(kept=1, open=1)  # d1 kept, d8 open
    assert c[2] == Outcomes(kept=1, returned=1)  # d7 kept, d2 returned
    assert c[3] == Outcomes(abandoned=1)  # d4 (d10 at 3 is deleted)
    assert c[4] == Outcomes(kept=1)  # d6
    assert c[5] == Outcomes(kept=1)  # d3
    assert c[None] == Outcomes(revised=1)  # d5
    groups = {g.label: g for g in everything.certainty_groups}
    assert list(groups) == ["1-2", "3", "4-5", "none"]
    # 1-2: d1 d7 kept, d2 returned, d8 open -> kept or came back to 3 of 3 resolved (open left out)
    assert (groups["1-2"].outcomes.held, groups["1-2"].outcomes.resolved, groups["1-2"].keep_rate) == (3, 3, 1.0)
    assert (groups["3"].outcomes.held, groups["3"].outcomes.resolved, groups["3"].keep_rate) == (0, 1, 0.0)  # d4
    assert (groups["4-5"].outcomes.held, groups["4-5"].outcomes.resolved) == (2, 2)  # d6 d3
    assert groups["none"].keep_rate is None  # only d5, revised: nothing to count


def test_the_hours_pulls_come_are_read_in_each_checks_own_offset(everything):
    # Checks that met a pull: d2 14:05, d3 16:40, d4 08:30 (New York's own clock, not Berlin's 14),
    # d6 12:10, d7 21:30, d8 10:00. d1 (holding, no pull) and d5 (changed, no pull) are not pulls.
    expected = [0] * 24
    for hour in (14, 16, 8, 12, 21, 10):
        expected[hour] += 1
    assert list(everything.pull_hours) == expected


def test_weeks_start_on_monday_and_empty_weeks_are_kept(everything):
    weeks = {w.start: w for w in everything.weeks}
    # The period runs from the journal's first day (Sunday 11-08, in the week of Monday 11-02) to today.
    assert list(weeks) == [D(2026, 11, 2), D(2026, 11, 9), D(2026, 11, 16), D(2026, 11, 23)]
    first, empty, third, fourth = everything.weeks
    # Week of 11-02: Sunday 11-08's d1, kept -> keep rate 1/1; contact 2.
    assert (first.days_practiced, first.decisions, first.returns, first.reps, first.keep_rate, first.contact) == (
        1,
        1,
        0,
        0,
        1.0,
        2.0,
    )
    # Week of 11-09: nothing, as zeros (the chart's axis stays continuous).
    assert (empty.days_practiced, empty.decisions, empty.returns, empty.reps, empty.keep_rate, empty.contact) == (
        0,
        0,
        0,
        0,
        None,
        None,
    )
    # Week of 11-16: Monday (d2 returned, d3 kept) and Sunday 11-22 (d4 abandoned, d5 revised).
    # returns 1; reps d2 + d3 = 2; keep rate (1 + 1) / (1 + 1 + 1) = 2/3; contact 4 (Sunday's review is deleted).
    assert (third.days_practiced, third.decisions, third.returns, third.reps, third.contact) == (2, 4, 1, 2, 4.0)
    assert third.keep_rate == pytest.approx(2 / 3)
    # Week of 11-23: d6 d7 kept (both met a pull), d8 open; keep rate 2/2; no review gave a contact.
    assert (fourth.days_practiced, fourth.decisions, fourth.returns, fourth.reps, fourth.keep_rate, fourth.contact) == (
        2,
        3,
        0,
        2,
        1.0,
        None,
    )


def test_the_trend_of_reps_and_returns_per_week(everything):
    # reps per week [0, 0, 2, 2]: mean x = 1.5, mean y = 1
    # slope = sum((x - 1.5)(y - 1)) / sum((x - 1.5)^2) = (1.5 + 0.5 + 0.5 + 1.5) / (2.25 + 0.25 + 0.25 + 2.25) = 4 / 5
    # intercept = 1 - 0.8 * 1.5 = -0.2; the last 4 weeks average 1.0; there are no 4 weeks before them.
    reps = everything.reps_trend
    assert reps.slope == pytest.approx(0.8)
    assert reps.intercept == pytest.approx(-0.2)
    assert (reps.recent, reps.before) == (1.0, None)
    # returns per week [0, 0, 1, 0]: mean 0.25; slope = (0.375 + 0.125 + 0.375 - 0.375) / 5 = 0.1
    assert everything.returns_trend.slope == pytest.approx(0.1)
    # contact per week [2, -, 4, -]: the line through (0, 2) and (2, 4) has slope 1.
    assert everything.contact_trend.slope == pytest.approx(1.0)
    assert everything.contact_trend.intercept == pytest.approx(2.0)


def test_trend_compares_the_last_four_weeks_with_the_four_before():
    # [0, 0, 0, 0, 4, 4, 4, 4]: recent 4.0, before 0.0;
    # slope = (sum over x<4 of (x - 3.5)(-2) + sum over x>=4 of (x - 3.5)(2)) / sum((x - 3.5)^2) = (16 + 16) / 42
    found = trend([0, 0, 0, 0, 4, 4, 4, 4])
    assert (found.recent, found.before) == (4.0, 0.0)
    assert found.slope == pytest.approx(32 / 42)
    # Six weeks: the last four against the two before them.
    assert trend([1, 3, 2, 2, 2, 2]).before == 2.0
    # One week: no line, just its value; none at all: nothing.
    assert trend([5]).slope is None and trend([5]).recent == 5
    assert trend([]) == trend([None, None])


def test_contact_is_the_mean_of_the_reviews_that_gave_one(everything):
    # 11-08: 2, 11-16: 4; 11-22's 5 is deleted; 11-23 and 11-27 gave none -> (2 + 4) / 2 = 3.0
    assert (everything.contact, everything.contact_reviews) == (3.0, 2)


def test_inner_foundation_against_relational_key(everything):
    relational, inner, body = everything.areas  # the settings' order, an area without decisions too
    # Relational: d2 returned, d4 abandoned, d6 kept, d8 open -> returns 1, reps d2 d6 = 2, keep rate 2/3
    assert (relational.area, relational.decisions, relational.returns, relational.reps) == (RELATIONAL, 4, 1, 2)
    assert relational.keep_rate == pytest.approx(2 / 3)
    # Inner: d1 kept, d3 kept, d5 revised, d7 kept -> returns 0, reps d3 d7 = 2, keep rate 3/3
    assert (inner.area, inner.decisions, inner.returns, inner.reps, inner.keep_rate) == (INNER, 4, 0, 2, 1.0)
    assert (body.area, body.decisions, body.keep_rate) == ("Body", 0, None)


def test_gaps_are_numbers_for_the_screen_to_word_kindly(store, everything):
    # Between 11-08 and 11-16: the 9th to the 15th, 7 days; the others are shorter (5, 0, 3).
    assert everything.longest_gap == Gap(D(2026, 11, 9), D(2026, 11, 15), 7)
    assert (everything.last_practiced, everything.days_since_last) == (TODAY, 0)
    # Looked at on 1 December: the last practice was 4 days before.
    assert figures_from_store(store, today=D(2026, 12, 1)).days_since_last == 4


# -- a period ------------------------------------------------------------------------


def test_a_period_counts_only_its_days(store):
    week = figures_from_store(store, first=D(2026, 11, 16), last=D(2026, 11, 22), today=TODAY)
    assert (week.first, week.last) == (D(2026, 11, 16), D(2026, 11, 22))
    # d2 returned, d3 kept, d4 abandoned, d5 revised
    assert week.decisions == 4 and week.checks == 4 and week.days_practiced == 2
    assert week.outcomes == Outcomes(kept=1, returned=1, revised=1, abandoned=1)
    # reps: d2 (returned) + d3 (kept, named approval) = 2; keep rate (1 + 1) / (1 + 1 + 1) = 2/3
    assert (week.returns, week.reps) == (1, 2)
    assert week.keep_rate == pytest.approx(2 / 3)
    assert week.pulls == {"fear": 2, "approval": 1, "guilt": 1}  # d2, d4; d3; d2 - d8's fear is after the period
    assert [w.start for w in week.weeks] == [D(2026, 11, 16)]
    assert week.longest_gap == Gap(D(2026, 11, 17), D(2026, 11, 21), 5)


def test_a_period_across_a_week_boundary_has_both_weeks_each_counting_only_its_days(store):
    # Sunday 11-22 and Monday 11-23: the week of the 16th holds only Sunday's d4 d5.
    found = figures_from_store(store, first=D(2026, 11, 22), last=D(2026, 11, 23), today=TODAY)
    assert [(w.start, w.decisions) for w in found.weeks] == [(D(2026, 11, 16), 2), (D(2026, 11, 23), 2)]
    assert found.decisions == 4


def test_open_ended_periods_reach_the_journals_first_day_or_today(store):
    since = figures_from_store(store, first=D(2026, 11, 23), today=TODAY)
    assert (since.first, since.last, since.decisions) == (D(2026, 11, 23), TODAY, 3)  # d6 d7 d8
    until = figures_from_store(store, last=D(2026, 11, 8), today=TODAY)
    assert (until.first, until.last, until.decisions) == (D(2026, 11, 8), D(2026, 11, 8), 1)  # d1


def test_only_open_decisions_give_a_null_keep_rate(store):
    today = figures_from_store(store, first=TODAY, last=TODAY, today=TODAY)
    # d8 open (d9 deleted): one decision, nothing kept, returned or abandoned -> null, not 0.
    assert (today.decisions, today.outcomes.open, today.keep_rate) == (1, 1, None)
    assert figures_json(today)["keep_rate"] is None


def test_deleted_records_passed_in_are_still_skipped(store):
    with_deleted = figures(
        store.all_decisions(include_deleted=True),
        store.all_checks(include_deleted=True),
        store.all_reviews(include_deleted=True),
        today=TODAY,
        areas=AREAS,
    )
    assert with_deleted == figures_from_store(store, today=TODAY, areas=AREAS)


def test_a_period_with_nothing_in_it_is_empty_but_knows_the_last_practice(store):
    quiet = figures_from_store(store, first=D(2026, 11, 25), last=D(2026, 11, 25), today=TODAY)
    assert quiet.empty and quiet.decisions == 0 and quiet.keep_rate is None
    assert quiet.last_practiced == TODAY
    text = figures_text(quiet)
    assert "Nothing recorded in these days" in text and EMPTY_JOURNAL not in text


# -- an empty journal ----------------------------------------------------------------


def test_an_empty_journal_has_zeros_a_null_keep_rate_and_a_kind_word():
    empty = figures_from_store(Store.in_memory(), today=TODAY)
    assert empty.empty
    assert (empty.decisions, empty.checks, empty.days_practiced, empty.returns, empty.reps) == (0, 0, 0, 0, 0)
    assert empty.keep_rate is None and empty.outcomes == Outcomes()
    assert [(w.start, w.decisions) for w in empty.weeks] == [(D(2026, 11, 23), 0)]  # this week, as zeros
    assert (empty.last_practiced, empty.days_since_last, empty.longest_gap) == (None, None, None)
    assert figures_text(empty) == EMPTY_JOURNAL
    data = figures_json(empty)
    assert data["keep_rate"] is None and data["outcomes"] == {
        "kept": 0,
        "returned": 0,
        "revised": 0,
        "abandoned": 0,
        "open": 0,
        "carried": 0,
    }
    assert data["pulls"] == {} and data["patterns"] == {}
    unbounded = figures([], [], [])
    assert (unbounded.first, unbounded.last, unbounded.weeks) == (None, None, ())


# -- as JSON and as words --------------------------------------------------------------


def test_json_has_the_section_5_keys_at_the_top_with_the_same_values(everything):
    data = json.loads(json.dumps(figures_json(everything)))
    assert data["from"] == "2026-11-08" and data["to"] == "2026-11-27"
    assert {k: data[k] for k in ("days_practiced", "decisions", "checks", "returns", "reps")} == {
        "days_practiced": 5,
        "decisions": 8,
        "checks": 8,
        "returns": 1,
        "reps": 4,
    }
    assert data["outcomes"] == {"kept": 4, "returned": 1, "revised": 1, "abandoned": 1, "open": 1, "carried": 0}
    assert data["keep_rate"] == pytest.approx(5 / 6)
    assert data["pulls"] == {"fear": 3, "approval": 1, "guilt": 1}
    assert data["patterns"] == {"said yes": 2, "avoided the conversation": 1, "softened the truth": 1}
    # The richer sections, under their own keys.
    assert [w["week"] for w in data["weeks"]] == ["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"]
    assert data["pull_hours"][8] == 1 and sum(data["pull_hours"]) == 6
    assert data["certainty_groups"]["1-2"]["keep_rate"] == 1.0 and data["certainty"]["none"]["keep_rate"] is None
    assert data["pull_patterns"][0] == {"pull": "fear", "pattern": "said yes", "count": 2}
    assert data["pull_details"][0]["outcomes"]["abandoned"] == 1
    assert [a["area"] for a in data["areas"]] == list(AREAS)
    assert data["trend"]["reps"]["slope"] == pytest.approx(0.8)
    assert data["gaps"] == {
        "longest": 7,
        "longest_from": "2026-11-09",
        "longest_to": "2026-11-15",
        "last_practiced": "2026-11-27",
        "days_since_last": 0,
    }
    assert data["practice_days"] == ["2026-11-08", "2026-11-16", "2026-11-22", "2026-11-23", "2026-11-27"]


def test_the_text_says_the_figures_kindly(everything):
    text = figures_text(everything)
    assert "Returns: 1 — every one is a rep." in text
    assert "Reps: 4" in text
    assert "Keep rate: 83% — 5 kept or returned of 6" in text
    assert "Outcomes: 4 kept · 1 returned · 1 revised · 1 abandoned · 1 open" in text
    assert "fear" in text and "said yes" in text
    assert "certainty 1-2: you kept or came back to 3 of 3" in text
    assert "Longest pause: 7 days, and you came back after it." in text
    for unkind in ("streak", "fail", "broke", "should"):
        assert unkind not in text.casefold()


def test_after_days_away_the_text_welcomes_back(store):
    later = figures_from_store(store, today=D(2026, 12, 3))
    assert "Welcome back" in figures_text(later)
    assert "Welcome back" not in figures_text(figures_from_store(store, today=TODAY))


def test_understood_and_chosen_read_with_their_meaning_while_the_journal_keeps_the_name():
    from data.figures_words import patterns_words, pulls_words
    from data.stats import Counts

    store = Store.in_memory()
    day = D(2026, 11, 27)
    first = store.add_decision(at((11, 27), 8), day, "Say no to the dinner", RELATIONAL)
    second = store.add_decision(at((11, 27), 8), day, "Keep the evening free", RELATIONAL)
    store.save_check(at((11, 27), 12), first, State.ABANDONED, pulls=["chosen"], patterns=["said yes"])
    store.save_check(at((11, 27), 13), second, State.WOBBLING, pulls=["chosen", "understood"])
    store.save_review(at((11, 27), 20), day, {first.id: Outcome.ABANDONED, second.id: Outcome.RETURNED})
    found = figures_from_store(store, today=TODAY, areas=AREAS)

    text = figures_text(found)
    assert "chosen (wanting to be)" in text and "understood (wanting to be)" in text
    assert "chosen (wanting to be) → said yes" in text
    assert figures_json(found)["pulls"] == {"chosen": 2, "understood": 1}  # the stored names

    counts = Counts("all", TODAY, found, day, day, frozenset({day}))
    said = " ".join(pulls_words(counts) + patterns_words(counts))
    assert "chosen (wanting to be) came most: 2 times." in said
    assert "chosen (wanting to be) ended in abandonment most often" in said
    assert "When chosen (wanting to be) came, said yes followed most often." in said


# -- a day ahead -----------------------------------------------------------------------


@pytest.fixture
def ahead() -> Store:
    """Four reps a week through November, and a decision dated 2027-01-01 (as an older version let through)."""
    store = Store.in_memory()
    for day in (D(2026, 11, d) for d in (2, 3, 9, 11, 16, 18, 23, 27)):
        for n in (1, 2):
            decision = store.add_decision(at((day.month, day.day), 8), day, f"Stay {n}", INNER)
            store.save_review(at((day.month, day.day), 20), day, {decision.id: Outcome.RETURNED})
    store.add_decision(at((11, 20), 8), D(2027, 1, 1), "Far ahead", INNER)
    return store


def test_a_day_ahead_makes_no_pause_and_no_falling_trend(ahead):
    found = figures_from_store(ahead, today=TODAY)
    # The longest pause is the 5 days between the 3rd and the 9th, not the 34 still ahead.
    assert found.longest_gap == Gap(D(2026, 11, 4), D(2026, 11, 8), 5)
    assert "Longest pause: 5 days" in figures_text(found)
    # Four reps a week, every week up to this one: level, not falling to the empty weeks of December.
    assert (found.reps_trend.recent, found.reps_trend.slope) == (4.0, 0.0)


def test_insights_periods_end_today_with_a_day_ahead(ahead):
    counts = count(ahead, "all", TODAY, AREAS)
    assert counts.figures.last == TODAY and counts.figures.weeks[-1].start == D(2026, 11, 23)
    assert "down from" not in " ".join(reps_words(counts))
    assert max(counts.year_days) == TODAY


# -- carried forward -------------------------------------------------------------------


def test_a_carried_decision_is_neither_open_nor_abandoned_and_stays_out_of_the_keep_rate():
    store = Store.in_memory()
    earlier = store.add_decision(at((11, 26), 8), D(2026, 11, 26), "Ask for the raise", RELATIONAL)
    copy = store.carry_forward(at((11, 27), 8), earlier, TODAY)
    store.save_review(at((11, 27), 20), TODAY, {copy.id: Outcome.KEPT})
    found = figures_from_store(store, today=TODAY)
    assert found.outcomes == Outcomes(kept=1, carried=1)
    assert (found.decisions, found.keep_rate) == (2, 1.0)  # 1 kept of 1: the carried one is left out
    assert figures_json(found)["outcomes"] == {
        "kept": 1,
        "returned": 0,
        "revised": 0,
        "abandoned": 0,
        "open": 0,
        "carried": 1,
    }
    assert "0 abandoned · 0 open · 1 carried forward" in figures_text(found)
    # The keep rate's own words say what it left out, this one included.
    assert "(an honest change of mind, a decision carried forward and open ones are left out)." in figures_text(found)
    counts = count(store, "all", TODAY, AREAS)
    assert "An honest change of mind is left out, and so is a decision carried forward," in " ".join(keep_words(counts))
