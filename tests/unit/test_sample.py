"""The sample journal the demo shows and the benchmarks measure reads like one person's practice."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pendulum
import pytest

from data import sample
from data.demo import write_demo_journal
from data.settings import Settings

SETTINGS = Settings(timezone="Europe/Berlin")
MIDDAY, EVENING = SETTINGS.midday_at, SETTINGS.evening_at


@pytest.fixture(scope="module")
def journal() -> dict:
    return sample.build(365, 7, dt.date(2026, 11, 26), long_entries=0)


def test_each_decision_carries_its_own_why_next_step_and_line_to_say(journal):
    by_text = {s.text: s for s in sample.SAMPLES}
    for decision in journal["decisions"].values():
        own = by_text[decision["text"]]
        assert decision["area"] == own.area, decision
        assert decision["why"] in own.whys, decision
        assert decision["next_step"] in (*own.next_steps, ""), decision
        assert decision["say"] is None or decision["say"] in own.says, decision


def test_each_check_returns_to_its_own_decision_at_midday(journal):
    by_text = {s.text: s for s in sample.SAMPLES}
    decisions = journal["decisions"]
    for check in journal["checks"].values():
        own = by_text[decisions[check["decision_id"]]["text"]]
        assert check["return_step"] in (*own.returns, ""), check
        at = dt.datetime.fromisoformat(check["at"]).time()
        assert MIDDAY <= at < EVENING, check["at"]


def test_a_day_never_holds_the_same_decision_twice(journal):
    per_day = Counter((d["day"], d["text"]) for d in journal["decisions"].values())
    assert max(per_day.values()) == 1


def test_the_evening_looks_back_on_that_days_own_decision(journal):
    lefts = {s.left: s.text for s in sample.SAMPLES}
    days = {}
    for decision in journal["decisions"].values():
        days.setdefault(decision["day"], set()).add(decision["text"])
    for review in journal["reviews"].values():
        if review["left"]:
            assert lefts[review["left"]] in days[review["day"]], review


@pytest.mark.parametrize("hour", [13, 17, 23])
def test_the_demos_check_today_is_at_midday_whenever_the_demo_starts(tmp_path, hour):
    now = pendulum.datetime(2026, 11, 27, hour, 57, tz="Europe/Berlin")
    store = write_demo_journal(tmp_path / "journal.json", now, SETTINGS)
    [check] = store.checks_on("2026-11-27")
    at = dt.datetime.fromisoformat(check.at)
    assert MIDDAY <= at.time() < EVENING and at <= now, check.at


def test_the_sample_practises_plans_and_the_pull_as_it_happens_plausibly(journal):
    from data.schema import tables_problem

    decisions, checks = list(journal["decisions"].values()), list(journal["checks"].values())
    by_id = {d["id"]: d for d in decisions}
    with_plans = [d for d in decisions if d["plans"]]
    assert 0.1 < len(with_plans) / len(decisions) < 0.5  # some decisions carry a plan, not all
    for decision in with_plans:  # a plan answers a pull the person expected, in the decision's own words
        own = next(s for s in sample.SAMPLES if s.text == decision["text"])
        assert all(p["pull"] in decision["pulls_expected"] and p["then"] in own.returns for p in decision["plans"])
    pulled = [c for c in checks if c["pulls"]]
    assert 0.3 < sum(c["intensity"] is not None for c in pulled) / len(pulled) < 0.9
    assert all(c["intensity"] is None and c["feeling"] is None for c in checks if not c["pulls"])
    assert all(c["pull_at"] is None or c["pull_at"] < c["at"] for c in checks)  # the pull came before the check
    assert any(c["feeling"] for c in checks) and any(c["returned_to"] for c in checks)
    for check in checks:  # asked whether the plan helped only when a planned pull came
        planned = {p["pull"] for p in by_id[check["decision_id"]]["plans"]}
        assert (check["plan_helped"] is not None) == bool(planned & set(check["pulls"]))
    assert any(d["hard"] for d in decisions if d["outcome"] == "abandoned")
    assert {d["revised_from"] for d in decisions if d["outcome"] == "revised"} >= {"knowing", "pull"}
    assert tables_problem({k: v for k, v in journal.items() if k != "schema_version"}) is None


def test_the_new_fields_change_nothing_else_in_the_sample():
    with_them = sample.build(90, 7, dt.date(2026, 11, 26), long_entries=0)
    without = sample.build(90, 7, dt.date(2026, 11, 26), long_entries=0, schema4=False)
    assert with_them.keys() == without.keys() and with_them["decisions"].keys() == without["decisions"].keys()
    assert [c["at"] for c in with_them["checks"].values()] == [c["at"] for c in without["checks"].values()]


def test_the_demo_shows_plans_and_the_pull_as_it_happens(tmp_path):
    """A newcomer's demo holds the practice's new parts: plans, strengths, feelings, in past days and today."""
    now = pendulum.datetime(2026, 11, 27, 14, 5, tz="Europe/Berlin")
    store = write_demo_journal(tmp_path / "journal.json", now, SETTINGS)
    first = store.decisions_on("2026-11-27")[0]
    assert first.plans == [{"pull": "fear", "then": "send it as written"}]
    [check] = store.checks_on("2026-11-27")
    assert (check.intensity, check.feeling, check.plan_helped) == (6, "tight", True)
    assert check.pull_at is not None and check.pull_at < check.at
    earlier = store.all_checks()
    assert sum(c.intensity is not None for c in earlier) > 10 and any(d.plans for d in store.all_decisions()[:-2])
