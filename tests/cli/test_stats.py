"""`selftrust stats`: the figures of the practice as text and JSON, from the installed command."""

from __future__ import annotations

import datetime as dt
import json

import pytest

KEYS = ("days_practiced", "decisions", "checks", "outcomes", "returns", "reps", "keep_rate", "pulls", "patterns")


def keep_a_week(cli) -> None:
    """Five days of practice, Monday 23 to Friday 27 November 2026 (today), through the capture commands.

    day    decision                         check                                  outcome
    Mon    Say no to the extra shift  c2    wobbling fear / said yes   14:05       returned   contact 4
    Tue    Walk at lunch              c4    holding                    12:30       kept       contact 2
    Wed    Ask for the raise          c3    abandoned guilt            16:20       abandoned
           Stop at one coffee                                                      revised
    Thu    Leave at six                     holding, named pressure    13:00       kept
    Fri    Go to bed by eleven                                                     open
    """
    cli.ok("decide", "Say no to the extra shift", "--area", "relational", "--certainty", "2", now="2026-11-23T08:00:00")
    cli.ok("check", "--state", "wobbling", "--pull", "fear", "--pattern", "said yes", now="2026-11-23T14:05:00")
    cli.ok("review", "--outcome", "1=returned", "--contact", "4", now="2026-11-23T21:00:00")
    cli.ok("decide", "Walk at lunch", "--certainty", "4", now="2026-11-24T08:00:00")
    cli.ok("check", "--state", "holding", now="2026-11-24T12:30:00")
    cli.ok("review", "--outcome", "1=kept", "--contact", "2", now="2026-11-24T21:00:00")
    cli.ok("decide", "Ask for the raise", "--certainty", "3", now="2026-11-25T08:00:00")
    cli.ok("decide", "Stop at one coffee", now="2026-11-25T08:05:00")
    cli.ok("check", "1", "--state", "abandoned", "--pull", "guilt", now="2026-11-25T16:20:00")
    cli.ok("review", "--outcome", "1=abandoned", "--outcome", "2=revised", now="2026-11-25T21:00:00")
    cli.ok("decide", "Leave at six", now="2026-11-26T08:00:00")
    cli.ok("check", "--state", "holding", "--pull", "pressure", now="2026-11-26T13:00:00")
    cli.ok("review", "--outcome", "1=kept", now="2026-11-26T21:00:00")
    cli.ok("decide", "Go to bed by eleven")  # today, Friday 27th: open


def test_the_figures_of_a_week_as_json_text_and_over_periods(cli):
    keep_a_week(cli)
    before = cli.db.read_bytes()

    result = cli.ok("stats", "--json")
    data = json.loads(result.out)
    assert all(key in data for key in KEYS)
    assert (data["from"], data["to"]) == ("2026-11-23", "2026-11-27")
    assert data["days_practiced"] == 5
    assert data["decisions"] == 6
    assert data["checks"] == 4
    assert data["outcomes"] == {"kept": 2, "returned": 1, "revised": 1, "abandoned": 1, "open": 1, "carried": 0}
    assert data["returns"] == 1
    # returned (Mon) + kept after naming a pull while holding (Thu) = 2; Tuesday's kept met no pull.
    assert data["reps"] == 2
    # (kept 2 + returned 1) / (kept 2 + returned 1 + abandoned 1) = 3/4
    assert data["keep_rate"] == 0.75
    assert data["pulls"] == {"fear": 1, "guilt": 1, "pressure": 1}
    assert data["patterns"] == {"said yes": 1}
    assert data["contact"] == 3.0  # (4 + 2) / 2
    hours = [h for h, n in enumerate(data["pull_hours"]) for _ in range(n)]
    assert hours == [13, 14, 16]  # Thursday's named pull, Monday's wobble, Wednesday's abandoned check
    assert [w["week"] for w in data["weeks"]] == ["2026-11-23"]

    text = cli.ok("stats").out
    assert text.startswith("Your practice from 2026-11-23 to 2026-11-27")
    assert "Days practised: 5" in text
    assert "Returns: 1 — every one is a rep." in text
    assert "Reps: 2" in text
    assert "Keep rate: 75% — 3 kept or returned of 4" in text

    # A period: Wednesday and Thursday. abandoned + revised + kept; keep rate 1 / (1 + 1).
    period = json.loads(cli.ok("stats", "--from", "2026-11-25", "--to", "2026-11-26", "--json").out)
    assert (period["from"], period["to"], period["decisions"]) == ("2026-11-25", "2026-11-26", 3)
    assert period["outcomes"] == {"kept": 1, "returned": 0, "revised": 1, "abandoned": 1, "open": 0, "carried": 0}
    assert (period["reps"], period["keep_rate"]) == (1, 0.5)
    # Words: yesterday and today -> Thursday's kept and Friday's open decision.
    recent = json.loads(cli.ok("stats", "--from", "yesterday", "--to", "today", "--json").out)
    assert (recent["from"], recent["to"], recent["decisions"], recent["keep_rate"]) == (
        "2026-11-26",
        "2026-11-27",
        2,
        1.0,
    )
    # week: Monday 23rd to Sunday 29th; month: 1st to 30th November.
    week = json.loads(cli.ok("stats", "--from", "week", "--to", "week", "--json").out)
    assert (week["from"], week["to"], week["decisions"]) == ("2026-11-23", "2026-11-29", 6)
    month = json.loads(cli.ok("stats", "--from", "MONTH", "--to", "month", "--json").out)
    assert (month["from"], month["to"], month["decisions"]) == ("2026-11-01", "2026-11-30", 6)
    # Only today: one open decision, nothing to count -> null.
    today = json.loads(cli.ok("stats", "--from", "today", "--json").out)
    assert (today["decisions"], today["keep_rate"]) == (1, None)

    assert cli.db.read_bytes() == before  # stats only reads


def test_an_empty_journal_gives_a_kind_word_and_zeros(cli):
    result = cli.ok("stats")
    assert result.out.strip() == "Nothing here yet. Your first decision starts the record."
    data = json.loads(cli.ok("stats", "--json").out)
    assert all(key in data for key in KEYS)
    assert (data["days_practiced"], data["decisions"], data["checks"], data["returns"], data["reps"]) == (0, 0, 0, 0, 0)
    assert data["outcomes"] == {"kept": 0, "returned": 0, "revised": 0, "abandoned": 0, "open": 0, "carried": 0}
    assert data["keep_rate"] is None
    assert data["pulls"] == {} and data["patterns"] == {}
    assert not cli.db.exists()  # a missing journal is an empty one; reading creates nothing


@pytest.mark.parametrize(
    "args, words",
    [
        (("--from", "2026-13-01"), "not a day on the calendar"),
        (("--to", "someday"), "'someday' is not a date; use YYYY-MM-DD, today, yesterday, week or month"),
        (("--from", ""), "is not a date"),
        (("--from", "today", "--to", "yesterday"), "--from 2026-11-27 comes after --to 2026-11-26"),
        (("--json", "--since", "week"), "unrecognized arguments"),
    ],
)
def test_bad_dates_exit_2_with_one_line(cli, args, words):
    result = cli("stats", *args)
    assert result.code == 2, result
    assert len(result.err_lines) == 1 and words in result.err, result
    assert result.out == ""


def test_help_documents_the_period_and_the_json(cli):
    result = cli.ok("stats", "--help")
    for words in ("--from D", "--to D", "--json", "week", "month", "keep rate", "reps"):
        assert words in result.out
    assert "stats" in cli.ok("--help").out


def test_a_carried_decision_counts_as_carried_and_review_does_not_offer_it(cli):
    from data.store import Store  # the app's carry forward, on the journal the command reads

    cli.ok("decide", "Ask for the raise", "--date", "yesterday")
    store = Store(cli.db)
    [earlier] = store.decisions_on("2026-11-26")
    store.carry_forward(dt.datetime.fromisoformat("2026-11-27T09:00:00+01:00"), earlier, dt.date(2026, 11, 27))
    store.close()
    data = json.loads(cli.ok("stats", "--json").out)
    assert data["outcomes"] == {"kept": 0, "returned": 0, "revised": 0, "abandoned": 0, "open": 1, "carried": 1}
    assert cli("doctor").code == 0  # the journal's checker knows the outcome
    before = cli.db.read_bytes()
    refused = cli("review", "--outcome", "1=carried")
    assert refused.code == 2 and refused.err_lines == [
        "selftrust review: 'carried' is not an outcome; use kept, returned, revised or abandoned (as REF=OUTCOME)"
    ]
    assert cli.db.read_bytes() == before
    checked = cli("check", "1", "--state", "holding", "--date", "yesterday")
    assert checked.code == 2 and checked.err_lines == [
        "selftrust: decision 1 of 2026-11-26 was carried forward to 2026-11-27; check it there"
    ]
    # Given an outcome at a review after all, the person's word replaces "carried".
    cli.ok("review", "--outcome", "1=kept", "--date", "yesterday")
    assert [d["outcome"] for d in cli.decisions()] == ["kept", None]


def test_a_decision_planned_for_tomorrow_is_counted_only_when_asked_for(cli):
    """Without --to the figures end today, as --help says and Insights counts; --to tomorrow takes it in."""
    cli.ok("decide", "Leave at six")  # today
    cli.ok("decide", "Tell Sam about Friday", "--date", "tomorrow")
    assert json.loads(cli.ok("stats", "--json").out)["decisions"] == 1
    assert json.loads(cli.ok("stats", "--json", "--to", "2026-11-28").out)["decisions"] == 2
    assert json.loads(cli.ok("stats", "--json", "--from", "2026-11-28").out)["decisions"] == 1
