"""Schema migrations: a version 1 journal becomes version 3 with nothing it had lost."""

import copy
import json
from pathlib import Path

from data.migrate import migrate
from data.models import Check, Decision, Review, State

V1 = Path(__file__).resolve().parent.parent / "fixtures" / "journal-v1.json"


def v1() -> dict:
    return json.loads(V1.read_text(encoding="utf-8"))


def test_v1_records_are_keyed_by_their_own_ids():
    found = migrate(v1(), 1)
    assert set(found["decisions"]) == {"3f2a9c1e5b7d4a60", "8c41d07e2f9b4e13"}
    assert set(found["checks"]) == {"b7e90a3c6d214f58"}
    assert set(found["reviews"]) == {"e5d3c2b1a0f94e87"}
    for table in ("decisions", "checks", "reviews"):
        assert all(key == record["id"] for key, record in found[table].items())


def test_a_v1_record_without_an_id_gets_its_own_and_is_kept_under_it():
    tables = v1()
    del tables["decisions"]["2"]["id"]
    tables["decisions"]["3"] = dict(tables["decisions"]["1"], id="", n=3, text="Third")
    found = migrate(tables, 1)
    decisions = found["decisions"]
    assert len(decisions) == 3
    made = [record for key, record in decisions.items() if key != "3f2a9c1e5b7d4a60"]
    assert sorted(r["text"] for r in made) == ["Go to bed by eleven", "Third"]
    assert all(r["id"] and isinstance(r["id"], str) for r in made)
    assert made[0]["id"] != made[1]["id"]
    assert all(decisions[r["id"]] is r for r in made)


def test_v1_records_missing_fields_get_each_kinds_defaults_and_keep_what_they_had():
    original = v1()
    found = migrate(copy.deepcopy(original), 1)
    bed = found["decisions"]["8c41d07e2f9b4e13"]
    assert (bed["why"], bed["pulls_expected"], bed["certainty"], bed["next_step"], bed["say"], bed["outcome"]) == (
        "",
        [],
        None,
        "",
        None,
        None,
    )
    assert (bed["carried_from"], bed["deleted_at"]) == (None, None)
    check = found["checks"]["b7e90a3c6d214f58"]
    assert (check["patterns"], check["return_step"], check["pulls"], check["body"]) == (
        [],
        "",
        ["guilt"],
        "tight chest",
    )
    review = found["reviews"]["e5d3c2b1a0f94e87"]
    assert (review["repair"], review["contact"], review["learned"]) == ("", None, "The pull passes if I wait")
    for table in ("decisions", "checks", "reviews"):
        for record in original[table].values():
            assert found[table][record["id"]] | record == found[table][record["id"]]  # nothing it had was changed
    # Every record is whole: each reads back as its kind.
    assert Decision.from_dict(bed).pulls_expected == []
    assert Check.from_dict(check).state is State.WOBBLING
    assert Review.from_dict(review).contact is None


def test_records_filled_in_never_share_a_list():
    found = migrate(v1(), 1)
    first, second = found["decisions"].values()
    first["pulls_expected"].append("fear")
    assert second["pulls_expected"] == []


def test_every_record_from_before_version_3_starts_at_revision_1():
    found = migrate(v1(), 1)
    for table in ("decisions", "checks", "reviews"):
        assert [r["rev"] for r in found[table].values()] == [1] * len(found[table])


def test_a_version_2_journal_only_gains_revisions_and_keeps_one_it_has():
    tables = migrate(v1(), 1)  # as version 2 left it, without revisions
    for table in ("decisions", "checks", "reviews"):
        for record in tables[table].values():
            record.pop("rev", None)
    tables["decisions"]["8c41d07e2f9b4e13"]["rev"] = 4
    before = copy.deepcopy(tables)
    found = migrate(tables, 2)
    assert found["decisions"]["8c41d07e2f9b4e13"]["rev"] == 4
    assert found["decisions"]["3f2a9c1e5b7d4a60"]["rev"] == 1
    for table in ("decisions", "checks", "reviews"):
        for key, record in before[table].items():
            assert {k: v for k, v in found[table][key].items() if k != "rev"} == {
                k: v for k, v in record.items() if k != "rev"
            }


def test_a_current_journal_and_tables_of_no_kind_pass_through_unchanged():
    current = migrate(v1(), 1)
    current["_settings"] = {"1": {"theme": "nord"}}
    before = copy.deepcopy(current)
    assert migrate(current, 3) == before
    tables = v1()
    tables["_settings"] = {"1": {"theme": "nord"}}
    assert migrate(tables, 1)["_settings"] == {"1": {"theme": "nord"}}
