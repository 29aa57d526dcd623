"""Schema 4's figures (plans, forecast, noticing sooner, the pause, early signs, revisions) worked out by hand.

The journal below is built from records directly (as the store hands them out). Today is
Friday 27 November 2026; the period runs from Monday 16 November (ISO week 47) to today
(week 48). Every time is Berlin's (+01:00).

    decision  day    plans         expected      outcome            checks (time, state, pulls, strength, feeling, body, pull_at)
    A         11-16  fear, guilt   fear, guilt, Fear (one fear)  returned           a1 14:20 wobbling fear  8     Tight  "tight chest"  pull 14:00  plan helped
                                                                    a2 14:50 holding        4 (exactly half of 8)
    B         11-16  -             pressure      abandoned          b1 10:30 wobbling Guilt 6->2  tired  "Tired; headache <line break> <the piece>"  pull 10:00
                                                                    b2 11:00 abandoned guilt 3    tired                 pull 10:50
    C         11-23  fear          fear          kept               c1 09:40 holding fear, pressure 5->5  calm  pull 09:30  plan did not help
                                                                    c2 12:00 wobbling       2     Tired   pull 13:00 (after its check: ignored)
    D         11-23  -             -             abandoned          d1 20:15 abandoned      9     tired  "tired; <a piece of 43 characters>"
                                                                    (d2 21:00, strength 1, tired: deleted)
    E, F, G   11-24/25                           revised (from a pull / from what I know / unsaid)
    H         11-25  fear          fear          abandoned, deleted (with a check naming fear)
    EARLIER   11-09  fear          fear          kept: before the period
"""

import datetime as dt
import json
from dataclasses import replace

import pytest

from data.figures_words import (
    early_signs_words,
    forecast_words,
    latency_words,
    pause_words,
    plans_words,
    revisions_words,
)
from data.models import Check, Decision, Outcome, State
from data.stats import Outcomes, ReturnLatency, Trend, figures, figures_from_store, figures_json, figures_text

TODAY = dt.date(2026, 11, 27)
FIRST = dt.date(2026, 11, 16)
STAMP = "2026-11-01T08:00:00+01:00"


def decision(key: str, day: str, outcome: Outcome | None, **fields) -> Decision:
    return Decision(
        id=f"decision{key}", created_at=STAMP, updated_at=STAMP, day=day, n=1, text=key, area="Inner Foundation",
        outcome=outcome, **fields,
    )  # fmt: skip


def check(key: str, of: Decision, hhmm: str, state: State, **fields) -> Check:
    if "pull_at" in fields:
        fields["pull_at"] = f"{fields['pull_at'][:10]}T{fields['pull_at'][11:]}:00+01:00"
    at = f"{of.day}T{hhmm}:00+01:00"
    return Check(
        id=f"check{key}", created_at=at, updated_at=at, decision_id=of.id, day=of.day, at=at, state=state, **fields
    )


def plans(*pulls: str) -> list[dict[str, str]]:
    return [{"pull": pull, "then": "come back to the next step"} for pull in pulls]


A = decision(
    "A", "2026-11-16", Outcome.RETURNED, plans=plans("fear", "guilt"), pulls_expected=["fear", "guilt", "Fear"]
)
B = decision("B", "2026-11-16", Outcome.ABANDONED, pulls_expected=["pressure"])
C = decision("C", "2026-11-23", Outcome.KEPT, plans=plans("fear"), pulls_expected=["fear"])
D = decision("D", "2026-11-23", Outcome.ABANDONED)
E = decision("E", "2026-11-24", Outcome.REVISED, revised_from="pull", revised_why="I wanted them to like me")
F = decision("F", "2026-11-24", Outcome.REVISED, revised_from="knowing", revised_why="the plan changed")
G = decision("G", "2026-11-25", Outcome.REVISED)
H = decision("H", "2026-11-25", Outcome.ABANDONED, plans=plans("fear"), pulls_expected=["fear"], deleted_at=STAMP)
EARLIER = decision("I", "2026-11-09", Outcome.KEPT, plans=plans("fear"), pulls_expected=["fear"])
DECISIONS = [A, B, C, D, E, F, G, H, EARLIER]
LONG_PIECE = "a heaviness that sat behind my eyes all day"  # 43 characters: a sentence, not a sign
CHECKS = [
    check("a1", A, "14:20", State.WOBBLING, pulls=["fear"], intensity=8, feeling="Tight", body="tight chest, then calm",
          pull_at="2026-11-16 14:00", plan_helped=True),
    check("a2", A, "14:50", State.HOLDING, intensity=4),
    check("b1", B, "10:30", State.WOBBLING, pulls=["Guilt"], intensity=6, intensity_after=2, feeling="tired",
          body=f"Tired; headache\n{LONG_PIECE}", pull_at="2026-11-16 10:00"),
    check("b2", B, "11:00", State.ABANDONED, pulls=["guilt"], intensity=3, feeling="tired", pull_at="2026-11-16 10:50"),
    check("c1", C, "09:40", State.HOLDING, pulls=["fear", "pressure"], intensity=5, intensity_after=5, feeling="calm",
          pull_at="2026-11-23 09:30", plan_helped=False),
    check("c2", C, "12:00", State.WOBBLING, intensity=2, feeling="Tired", pull_at="2026-11-23 13:00"),
    check("d1", D, "20:15", State.ABANDONED, intensity=9, feeling="tired", body=f"tired; {LONG_PIECE}"),
    check("d2", D, "21:00", State.WOBBLING, intensity=1, feeling="tired", deleted_at=STAMP),
    check("h1", H, "09:00", State.WOBBLING, pulls=["fear"], intensity=7, feeling="tired", plan_helped=True,
          pull_at="2026-11-25 08:00"),
    check("i1", EARLIER, "09:00", State.WOBBLING, pulls=["fear"], plan_helped=True, pull_at="2026-11-09 08:00"),
]  # fmt: skip


@pytest.fixture(scope="module")
def found():
    return figures(DECISIONS, CHECKS, [], first=FIRST, last=TODAY, today=TODAY)


def test_plans_made_met_and_what_they_helped(found) -> None:
    plans = found.plans
    assert (plans.made, plans.met) == (3, 2)  # A's two and C's one; A's fear and C's fear came (A's guilt did not)
    assert (plans.helped, plans.not_helped) == (1, 1)  # a1 helped, c1 did not (H's and I's do not count)
    assert plans.with_plan == Outcomes(kept=1, returned=1)  # A returned, C kept
    assert plans.with_plan.keep_rate == 1.0
    # B met guilt with no plan at all; C met pressure, which it had no plan for; A met only what it planned.
    assert plans.without_plan == Outcomes(kept=1, abandoned=1)
    assert plans.without_plan.keep_rate == 0.5


def test_forecast_expected_came_and_unexpected(found) -> None:
    forecast = found.forecast
    assert (forecast.expected, forecast.came) == (4, 2)  # A fear+guilt, B pressure, C fear; A's fear and C's fear came
    assert forecast.rate == 0.5
    assert forecast.unexpected == (("Guilt", 2), ("pressure", 1))  # B's two namings of guilt, C's one of pressure


def test_return_latency_counts_held_checks_with_a_pull_time(found) -> None:
    latency = found.return_latency
    # a1 20, b1 30, c1 10 minutes; b2 was abandoned; c2's pull came "after" its check (ignored).
    assert (latency.checks, latency.median_minutes) == (3, 20)
    weeks = [(week.start, week.checks, week.median_minutes) for week in latency.weeks]
    assert weeks == [(dt.date(2026, 11, 16), 2, 25), (dt.date(2026, 11, 23), 1, 10)]
    assert latency.trend.slope == pytest.approx(-15)  # sooner: falling
    assert latency.trend.recent == pytest.approx(17.5)
    assert latency.trend.before is None


def test_pause_before_after_and_how_soon_a_pull_eases(found) -> None:
    pause = found.pause
    assert (pause.paused, pause.before, pause.after) == (2, 5.5, 3.5)  # b1 6->2, c1 5->5
    # a1 (8, at its pull 14:00) -> a2 (4, exactly half) 50 min; b1 (6, 10:00) -> b2 (3, its pull 10:50) 50 min;
    # c1 (5, 09:30) -> c2 (2, at 12:00: its later pull_at ignored) 150 min. d1 has no check after it (d2 is deleted).
    assert pause.episodes == 3
    assert pause.eases_in_minutes == 50


def test_eases_needs_three_easings(found) -> None:
    late = figures(DECISIONS, CHECKS, [], first=dt.date(2026, 11, 23), last=TODAY, today=TODAY)
    assert late.pause.episodes == 1  # only C's
    assert late.pause.eases_in_minutes is None


def test_early_signs_are_the_persons_own_words(found) -> None:
    signs = found.early_signs
    # Feelings before abandonments: tired x3 (b1, b2, d1; d2 is deleted) of 3; before returns: Tired (c2) of 3.
    assert [(s.name, s.before_abandoned, s.before_returned) for s in signs.feelings] == [("tired", 3, 1)]
    # Body: tired (b1, d1) and headache once; the long piece (twice) is left out; before returns only
    # "tight chest, then calm", whole: a comma does not part a note.
    assert [(s.name, s.before_abandoned, s.before_returned) for s in signs.body] == [("tired", 2, 0)]
    # Each count beside the checks on its side that gave such a word: 3 and 3 feelings, 2 and 1 body notes, 3 and 4 hours.
    assert [(s.checks_before_abandoned, s.checks_before_returned) for s in signs.feelings + signs.body + signs.hours] == [
        (3, 3), (2, 1), (3, 4),
    ]  # fmt: skip
    # Hours (of the pull where given): 10 (b1, b2) and 20 (d1) before abandonments; 14, 14, 9, 12 before returns.
    assert [(s.name, s.before_abandoned, s.before_returned) for s in signs.hours] == [(10, 2, 0)]


def test_revisions_by_source_beside_abandonments(found) -> None:
    r = found.revisions
    assert (r.revised, r.from_knowing, r.from_pull, r.unsaid, r.abandoned) == (3, 1, 1, 1, 2)


def test_json_adds_the_new_keys_and_keeps_the_old(found) -> None:
    data = json.loads(json.dumps(figures_json(found)))
    assert data["decisions"] == 7 and data["outcomes"]["abandoned"] == 2  # the old keys, as they were
    assert data["plans"] == {
        "made": 3, "met": 2, "helped": 1, "not_helped": 1,
        "with_plan": {"kept": 1, "returned": 1, "revised": 0, "abandoned": 0, "open": 0, "carried": 0, "keep_rate": 1.0},
        "without_plan": {"kept": 1, "returned": 0, "revised": 0, "abandoned": 1, "open": 0, "carried": 0, "keep_rate": 0.5},
    }  # fmt: skip
    assert data["forecast"] == {"expected": 4, "came": 2, "rate": 0.5, "unexpected": {"Guilt": 2, "pressure": 1}}
    latency = data["return_latency"]
    assert (latency["checks"], latency["median_minutes"]) == (3, 20)
    assert latency["weeks"] == [
        {"week": "2026-W47", "checks": 2, "median_minutes": 25},
        {"week": "2026-W48", "checks": 1, "median_minutes": 10},
    ]
    assert set(latency["trend"]) == {"slope", "intercept", "recent", "before"}
    assert data["pause"] == {"paused": 2, "before": 5.5, "after": 3.5, "eases_in_minutes": 50, "episodes": 3}
    assert data["early_signs"] == {
        "feelings": [
            {
                "name": "tired",
                "before_abandoned": 3,
                "before_returned": 1,
                "checks_before_abandoned": 3,
                "checks_before_returned": 3,
            }
        ],
        "body": [
            {
                "name": "tired",
                "before_abandoned": 2,
                "before_returned": 0,
                "checks_before_abandoned": 2,
                "checks_before_returned": 1,
            }
        ],
        "hours": [
            {
                "hour": 10,
                "before_abandoned": 2,
                "before_returned": 0,
                "checks_before_abandoned": 3,
                "checks_before_returned": 4,
            }
        ],
    }
    assert data["revisions"] == {"revised": 3, "from_knowing": 1, "from_pull": 1, "unsaid": 1, "abandoned": 2}


EMPTY_JSON = {
    "plans": {
        "made": 0, "met": 0, "helped": 0, "not_helped": 0,
        "with_plan": {"kept": 0, "returned": 0, "revised": 0, "abandoned": 0, "open": 0, "carried": 0, "keep_rate": None},
        "without_plan": {"kept": 0, "returned": 0, "revised": 0, "abandoned": 0, "open": 0, "carried": 0, "keep_rate": None},
    },
    "forecast": {"expected": 0, "came": 0, "rate": None, "unexpected": {}},
    "pause": {"paused": 0, "before": None, "after": None, "eases_in_minutes": None, "episodes": 0},
    "early_signs": {"feelings": [], "body": [], "hours": []},
    "revisions": {"revised": 0, "from_knowing": 0, "from_pull": 0, "unsaid": 0, "abandoned": 0},
}  # fmt: skip


def test_an_empty_journal_has_nothing_to_divide() -> None:
    data = json.loads(json.dumps(figures_json(figures([], [], [], today=TODAY))))
    for key, value in EMPTY_JSON.items():
        assert data[key] == value
    assert data["return_latency"]["median_minutes"] is None and data["return_latency"]["checks"] == 0


def test_schema_3_records_without_the_new_fields() -> None:
    old_decision = Decision.from_dict(
        {"id": "old1", "created_at": STAMP, "updated_at": STAMP, "day": "2026-11-20", "n": 1, "text": "Rest",
         "area": "Inner Foundation", "pulls_expected": [], "outcome": "kept"}
    )  # fmt: skip
    old_check = Check.from_dict(
        {"id": "oldc", "created_at": STAMP, "updated_at": STAMP, "decision_id": "old1", "day": "2026-11-20",
         "at": "2026-11-20T12:00:00+01:00", "state": "wobbling", "pulls": ["fear"], "patterns": [], "body": ""}
    )  # fmt: skip
    found = figures([old_decision], [old_check], [], first=FIRST, last=TODAY, today=TODAY)
    data = json.loads(json.dumps(figures_json(found)))
    assert data["plans"]["made"] == 0 and data["plans"]["with_plan"]["keep_rate"] is None
    assert data["plans"]["without_plan"]["kept"] == 1  # fear came, with no plan for it
    assert data["forecast"] == {"expected": 0, "came": 0, "rate": None, "unexpected": {"fear": 1}}
    assert data["return_latency"]["checks"] == 0 and data["return_latency"]["median_minutes"] is None
    assert data["pause"] == EMPTY_JSON["pause"]
    assert data["early_signs"] == EMPTY_JSON["early_signs"]  # one check on each side is not a sign yet


# -- in words ----------------------------------------------------------------------------

WORDS = (plans_words, forecast_words, latency_words, pause_words, early_signs_words, revisions_words)


def test_the_words_say_each_figure(found) -> None:
    assert "When a plan met its pull, you kept or came back to 2 of 2." in plans_words(found)
    assert "When a pull came with no plan for it, you kept or came back to 1 of 2." in plans_words(found)
    assert "Of the 4 pulls you expected, 2 came (50%)." in forecast_words(found)
    assert "Usually about 20 minutes from the pull to the check that came back (over 3 checks)." in latency_words(found)
    assert "Your pulls ease in about 50 minutes. The feeling passes; you stay." in pause_words(found)
    assert (
        "Before the hard days, 'tired' came up at 3 of 3 checks with a feeling (before returns, 1 of 3)."
        in early_signs_words(found)
    )
    assert revisions_words(found)[0] == (
        "3 revisions: 1 from what you know, 1 from a pull, 1 not said; beside them, 2 abandoned decisions."
    )


def test_coming_back_sooner_is_said_from_the_weeks() -> None:
    base = figures([], [], [], today=TODAY)
    sooner = replace(base, return_latency=ReturnLatency(9, 14.0, (), Trend(-1.0, 20.0, 12.0, 20.0)))
    assert "You came back sooner these last 4 weeks than the 4 before: 12 minutes, down from 20 minutes." in (
        latency_words(sooner)
    )
    later = replace(base, return_latency=ReturnLatency(9, 14.0, (), Trend(1.0, 10.0, 20.0, 12.0)))
    assert latency_words(later)[1].endswith("Every return still counts.")


def test_nothing_yet_is_said_kindly_never_as_failure() -> None:
    empty = figures([], [], [], today=TODAY)
    said = [line for words in WORDS for line in words(empty)]
    assert len(said) == len(WORDS)  # one nothing-yet sentence each
    assert "No if-then plans in these days yet." in said[0]
    everything = said + [line for words in WORDS for line in words(figures(DECISIONS, CHECKS, [], today=TODAY))]
    for line in everything:
        assert not {"fail", "streak", "broke", "should"} & set(line.lower().replace(".", " ").split()), line
        assert "0 " not in line[:2]


def test_stats_text_prints_them_after_what_it_printed(found) -> None:
    text = figures_text(found)
    assert (
        text.index("Longest pause:") < text.index("If-then plans:") < text.index("Revisions, and where they came from:")
    )
    assert "\n  Before the hard days, 'tired' came up at 3 of 3 checks with a feeling (before returns, 1 of 3)." in text
    assert "\n  Your pulls ease in about 50 minutes." in text


def test_a_pull_in_another_offset_is_timed_across_it() -> None:
    travelled = decision("T", "2026-11-20", Outcome.KEPT)
    came_back = Check(
        id="checkT", created_at=STAMP, updated_at=STAMP, decision_id=travelled.id, day=travelled.day,
        at="2026-11-20T10:00:00+01:00", state=State.HOLDING, pull_at="2026-11-20T08:30:00+00:00",
    )  # fmt: skip
    found = figures([travelled], [came_back], [], first=FIRST, last=TODAY, today=TODAY)
    assert found.return_latency.median_minutes == 30  # 08:30 in London is 09:30 in Berlin


def test_counting_leaves_garbage_collection_as_it_found_it() -> None:
    import gc

    from data.store import Store

    store = Store.in_memory()
    was = gc.isenabled()  # another test's app may have paused it for a scroll
    try:
        gc.enable()
        figures_from_store(store, today=TODAY)
        assert gc.isenabled()  # a long session keeps collecting its garbage after Insights has counted
        gc.disable()
        figures_from_store(store, today=TODAY)
        assert not gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()


def test_noticing_sooner_counts_only_checks_made_on_their_own_day() -> None:
    """A check written up days later says nothing of how soon you came back; one after midnight still does."""
    day = decision("L", "2026-11-24", Outcome.KEPT)

    def made_at(key: str, at: str) -> Check:
        return replace(check(key, day, "12:00", State.HOLDING, pull_at="2026-11-24 11:30"), at=at)

    late = [
        made_at("same", "2026-11-24T12:00:00+01:00"),  # 30 minutes, on its day
        made_at("night", "2026-11-25T01:30:00+01:00"),  # after midnight: still the 24th's logical day
        made_at("next", "2026-11-25T09:00:00+01:00"),  # written up the next morning
        made_at("later", "2026-11-30T18:00:00+01:00"),  # written up days later
    ]
    found = figures([day], late, [], first=FIRST, last=TODAY, today=TODAY)
    assert (found.return_latency.checks, found.return_latency.median_minutes) == (2, 435)  # 30 and 840 minutes
    # A day that starts at 06:00: 05:30 the next morning is still the 24th's; 09:00 is not.
    early = [made_at("dawn", "2026-11-25T05:30:00+01:00"), *late[2:]]
    found = figures([day], early, [], first=FIRST, last=TODAY, today=TODAY, day_start=dt.time(6, 0))
    assert (found.return_latency.checks, found.return_latency.median_minutes) == (1, 1080)
