"""Schema 4: if-then plans on a decision, the pull as it happens on a check, what an outcome carries.

Every new field is optional: a journal of schema 3 opens as it was, its records without them,
and is saved as 4 after a backup of the old file. The one check refuses a wrong new field in
words naming it; a backup carries the fields across; export shows them only where given.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pendulum
import pytest

from data import backup as backups
from data.edits import CHECK_FIELDS, DECISION_FIELDS, EditConflict, fields_of
from data.markdown import day_markdown
from data.models import SCHEMA_VERSION, Outcome, State
from data.notes import collect_days, day_page
from data.schema import tables_problem
from data.store import Store

BERLIN = "Europe/Berlin"
DAY = dt.date(2026, 11, 27)
NOW = pendulum.datetime(2026, 11, 27, 9, 15, tz=BERLIN)
PLANS = [{"pull": "fear", "then": "send it as written"}, {"pull": "guilt", "then": "wait ten minutes"}]
NEW_DECISION_FIELDS = ("plans", "hard", "revised_from", "revised_why")
NEW_CHECK_FIELDS = ("intensity", "intensity_after", "feeling", "acted", "pull_at", "returned_to", "plan_helped")


def on_disk(path: Path) -> dict:
    return json.loads(path.read_bytes())


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "journal.json"


def full(store: Store):
    """A decision with plans, a check with every new field, the decision abandoned with what made it hard."""
    decision = store.add_decision(NOW, DAY, "Tell Sam no", "Relational Key", pulls_expected=["fear"], plans=PLANS)
    check = store.save_check(
        NOW.add(hours=4),
        decision,
        State.WOBBLING,
        pulls=["fear"],
        intensity=7,
        intensity_after=3,
        feeling="tight",
        acted="little",
        pull_at="2026-11-27T12:40:00+01:00",
        returned_to=["what I know", "my body"],
        plan_helped=True,
    )
    store.save_review(NOW.add(hours=12), DAY, {decision.id: Outcome.ABANDONED})
    decision = store.update_decision(NOW.add(hours=12), decision.id, {"hard": "Sam was upset and I froze"})
    return decision, check


def test_a_journal_of_schema_3_opens_without_the_new_fields_and_is_saved_as_4_after_a_backup(path):
    store = Store(path)
    decision = store.add_decision(NOW, DAY, "Leave at six", "Inner Foundation")
    store.save_check(NOW.add(hours=4), decision, State.HOLDING)
    journal = on_disk(path)
    journal["schema_version"] = 3
    for name, fields in (("decisions", NEW_DECISION_FIELDS), ("checks", NEW_CHECK_FIELDS)):
        for record in journal[name].values():
            for field in fields:
                del record[field]
    old = json.dumps(journal).encode()
    path.write_bytes(old)

    reopened = Store(path)
    [check] = reopened.checks_for(decision.id)
    assert reopened.decision(decision.id).plans == [] and reopened.decision(decision.id).revised_from is None
    assert (check.intensity, check.feeling, check.returned_to, check.plan_helped) == (None, None, [], None)
    assert path.read_bytes() == old  # reading never writes
    reopened.add_decision(NOW, DAY, "Walk at lunch", "Inner Foundation", plans=PLANS[:1])
    saved = on_disk(path)
    assert saved["schema_version"] == SCHEMA_VERSION
    assert saved["decisions"][decision.id]["text"] == "Leave at six"
    [kept] = (path.parent / "backups").glob("journal.before-v4-*.json")
    assert kept.read_bytes() == old


@pytest.mark.parametrize(
    ("table", "name", "value", "words"),
    [
        ("checks", "intensity", 11, "intensity 11 is not a number from 0 to 10 (or null)"),
        ("checks", "intensity_after", "x", "intensity_after 'x' is not a number from 0 to 10 (or null)"),
        ("checks", "feeling", "let down", "feeling 'let down' is not one word (or null)"),
        ("checks", "acted", "maybe", "acted 'maybe' is not yes, little or no (or null)"),
        ("checks", "returned_to", ["my phone"], "returned_to 'my phone' is not one of what I know, what matters"),
        ("checks", "plan_helped", "yes", "plan_helped 'yes' is not true or false (or null)"),
        ("checks", "pull_at", "2026-11-27T12:40:00", "pull_at '2026-11-27T12:40:00' has no UTC offset"),
        ("decisions", "plans", [{"pull": "fear"}], 'plans must be a list of plans like {"pull": "fear", "then"'),
        ("decisions", "revised_from", "mood", "revised_from 'mood' is not knowing or pull (or null)"),
    ],
)
def test_a_wrong_new_field_is_refused_by_the_one_check_in_words_naming_it(path, table, name, value, words):
    full(Store(path))
    journal = on_disk(path)
    journal.pop("schema_version")
    assert tables_problem(journal) is None
    [record] = journal[table].values()
    record[name] = value
    problem = tables_problem(journal)
    assert problem is not None and words in problem and record["id"] in problem, problem


def test_the_new_fields_survive_a_backup_and_its_import(path, tmp_path):
    decision, check = full(Store(path))
    mine = Store(tmp_path / "elsewhere.json")
    assert (
        backups.import_backup(mine, backups.backup_bytes(Store(path))).added == 3
    )  # the decision, its check, the day's review
    assert mine.decision(decision.id) == decision
    assert mine.check(check.id) == check
    assert mine.decision(decision.id).plans == PLANS and mine.check(check.id).returned_to == ["what I know", "my body"]


def test_the_new_fields_are_saved_field_by_field_and_a_change_on_both_sides_is_asked(path):
    store = Store(path)
    decision, check = full(store)
    base = fields_of(check, CHECK_FIELDS)
    store.update_check(NOW.add(hours=5), check.id, {"intensity": 9})  # elsewhere
    mine = dict(base, intensity=2, feeling="calm")
    with pytest.raises(EditConflict) as raised:
        store.update_check(NOW.add(hours=6), check.id, mine, base=base)
    assert [c.field for c in raised.value.conflicts] == ["intensity"]
    assert store.check(check.id).feeling == "tight"  # nothing written
    base = fields_of(decision, DECISION_FIELDS)
    store.update_decision(NOW.add(hours=6), decision.id, dict(base, plans=PLANS[::-1]), base=base)
    assert store.decision(decision.id).plans == PLANS[::-1]


def test_the_page_shows_the_plans_the_pull_as_it_happened_and_what_made_it_hard(path):
    store = Store(path)
    full(store)
    [day] = collect_days(store)
    text = day_markdown(day.day, day.decisions, day.checks, day.review)
    for line in (
        "- **Plan:** If fear comes, I will send it as written",
        "- **Plan:** If guilt comes, I will wait ten minutes",
        "  - **The pull came at:** 12:40",
        "  - **Strength:** 7 of 10, 3 of 10 after the pause",
        "  - **Feeling:** tight",
        "  - **Acted on it:** a little",
        "  - **Returned to:** what I know, my body",
        "  - **The plan helped:** yes",
        "  - **What made it hard:** Sam was upset and I froze",
    ):
        assert line in text.splitlines(), line
    front = day_page(day).split("---\n")[1]
    assert "plans: 2\n" in front and 'feelings: ["tight"]\n' in front
    assert 'returned_to: ["what I know", "my body"]\n' in front


def test_a_page_without_the_new_fields_has_none_of_their_words(path):
    store = Store(path)
    decision = store.add_decision(NOW, DAY, "Leave at six", "Inner Foundation")
    store.save_check(NOW.add(hours=4), decision, State.HOLDING)
    [day] = collect_days(store)
    front, body = day_page(day).split("---\n")[1:3]
    for word in ("Plan", "Strength", "Feeling", "Acted", "Returned to"):
        assert word not in body, word
    # The front matter still has their keys, each with its one type: Obsidian reads a property the same everywhere.
    assert "plans: 0\n" in front and "feelings: []\n" in front and "returned_to: []\n" in front


def test_a_revision_names_where_it_came_from(path):
    store = Store(path)
    decision = store.add_decision(NOW, DAY, "Leave at six", "Inner Foundation")
    store.save_review(NOW.add(hours=12), DAY, {decision.id: Outcome.REVISED})
    store.update_decision(
        NOW.add(hours=12), decision.id, {"revised_from": "knowing", "revised_why": "The train was cancelled"}
    )
    [day] = collect_days(store)
    lines = day_markdown(day.day, day.decisions, day.checks, day.review).splitlines()
    assert "  - **What changed:** The train was cancelled" in lines
    assert "  - **The change came from:** what I know" in lines


def test_a_journal_with_plans_is_checked_for_doubled_keys_by_the_quick_count(path, monkeypatch):
    # The quick count of keys must include each plan's own: else every open of a journal
    # with a plan would take the slow, exact parse (about four times the whole open).
    import json as stdlib_json

    from data.schema import duplicate_problem

    full(Store(path))
    raw = path.read_bytes()
    tables = stdlib_json.loads(raw)

    def slow(*_args, **_kwargs):
        raise AssertionError("the slow parse ran: the quick count disagreed")

    monkeypatch.setattr(stdlib_json, "loads", slow)
    assert duplicate_problem(raw, tables) is None


def test_a_key_given_twice_inside_a_plan_is_still_found(path):
    from data.schema import duplicate_problem

    full(Store(path))
    raw = path.read_bytes().replace(b'"pull": "fear", "then"', b'"pull": "fear", "pull": "fear", "then"', 1)
    raw = raw.replace(b'"pull":"fear","then"', b'"pull":"fear","pull":"fear","then"', 1)
    assert raw != path.read_bytes()
    problem = duplicate_problem(raw, json.loads(raw))
    assert problem is not None and "pull" in problem
