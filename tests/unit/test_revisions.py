"""Every record carries `rev`, raised by each save of it; the higher rev is the newer copy.

Schema 3 brings it; a journal of schema 2 (or 1) opens, its records at rev 1, and is
saved as 3 after a backup of the old file.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import orjson
import pendulum
import pytest

from data import backup as backups
from data.journal_file import JournalCorrupt, year_path
from data.models import SCHEMA_VERSION, Outcome, State
from data.store import Store

BERLIN = "Europe/Berlin"
DAY = dt.date(2026, 11, 27)
NOW = pendulum.datetime(2026, 11, 27, 9, 15, tz=BERLIN)


def on_disk(path: Path) -> dict:
    return json.loads(path.read_bytes())


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "journal.json"


def test_every_save_of_a_record_raises_its_revision_and_only_its_own(path):
    store = Store(path)
    one = store.add_decision(NOW, DAY, "Leave at six", "Inner Foundation")
    two = store.add_decision(NOW, DAY, "Walk at lunch", "Inner Foundation")
    assert one.rev == 1 and on_disk(path)["decisions"][one.id]["rev"] == 1
    store.save_review(NOW.add(hours=12), DAY, {one.id: Outcome.KEPT}, learned="It held")
    assert on_disk(path)["decisions"][one.id]["rev"] == 2
    mark = store.delete_decision(NOW.add(hours=13), one.id)
    assert on_disk(path)["decisions"][one.id]["rev"] == 3 and mark
    store.restore(NOW.add(hours=14), one.id)
    saved = on_disk(path)["decisions"]
    assert (saved[one.id]["rev"], saved[one.id]["deleted_at"]) == (4, None)
    assert saved[two.id]["rev"] == 1  # untouched by the other's saves
    assert Store(path).decision(one.id).rev == 4


def test_a_journal_of_schema_2_opens_at_rev_1_and_is_saved_as_3_after_a_backup(path):
    store = Store(path)
    decision = store.add_decision(NOW, DAY, "Leave at six", "Inner Foundation")
    store.save_check(NOW.add(hours=4), decision, State.HOLDING)
    journal = on_disk(path)
    journal["schema_version"] = 2
    for table in ("decisions", "checks", "reviews"):
        for record in journal.get(table, {}).values():
            del record["rev"]
    old = json.dumps(journal).encode()
    path.write_bytes(old)

    reopened = Store(path)
    assert reopened.decision(decision.id).rev == 1
    assert path.read_bytes() == old  # reading never writes
    reopened.add_decision(NOW, DAY, "Walk at lunch", "Inner Foundation")
    saved = on_disk(path)
    assert saved["schema_version"] == SCHEMA_VERSION
    assert all(r["rev"] == 1 for r in saved["decisions"].values()) and all(
        r["rev"] == 1 for r in saved["checks"].values()
    )
    [kept] = (path.parent / "backups").glob("journal.before-v3-*.json")
    assert kept.read_bytes() == old


def test_a_backup_of_schema_2_imports_with_its_records_at_rev_1(path, tmp_path):
    theirs = Store(tmp_path / "theirs.json")
    theirs.add_decision(NOW, DAY, "Theirs", "Inner Foundation")
    backup = json.loads(backups.backup_bytes(theirs))
    backup["schema_version"] = 2
    for record in backup["decisions"]:
        del record["rev"]
    mine = Store(path)
    assert backups.import_backup(mine, json.dumps(backup).encode()).added == 1
    [decision] = mine.all_decisions()
    assert (decision.text, decision.rev) == ("Theirs", 1)


def test_an_import_keeps_the_higher_revision_even_when_its_clock_reads_earlier(path, tmp_path):
    mine = Store(path)
    decision = mine.add_decision(NOW, DAY, "Mine, edited twice", "Inner Foundation")
    backup = json.loads(backups.backup_bytes(mine))
    # Here it is saved again (rev 2), by a clock set back an hour.
    mine.save_review(NOW.subtract(hours=1), DAY, {decision.id: Outcome.KEPT})
    # The backup's copy (rev 1) reads later by the wall clock: it must not win.
    assert backups.import_backup(mine, json.dumps(backup).encode()).summary() == "added 0, updated 0, unchanged 1"
    assert mine.decision(decision.id).outcome is Outcome.KEPT
    # A backup with a higher rev wins, clock or not, and keeps its rev.
    backup["decisions"][0].update(rev=5, text="Theirs, edited more", updated_at="2026-11-01T09:00:00+01:00")
    assert backups.import_backup(mine, json.dumps(backup).encode()).updated == 1
    kept = mine.decision(decision.id)
    assert (kept.text, kept.rev) == ("Theirs, edited more", 5)


def test_a_year_file_with_a_wrong_record_is_refused_and_named(path):
    store = Store(path)
    store.add_decision(NOW, "2025-06-02", "Leave at six", "Inner Foundation")
    store.add_decision(NOW, DAY, "Leave at five", "Inner Foundation")
    older = year_path(path, "2025")
    good = orjson.loads(older.read_bytes())
    for spoil, problem in (
        (lambda r: r.update(outcome=[1]), "outcome"),
        (lambda r: r.update(day="2025-02-30"), "day"),
        (lambda r: r.update(day="2024-06-02"), "2024-06-02"),  # in the file of another year
    ):
        data = json.loads(json.dumps(good))
        spoil(next(iter(data["decisions"].values())))
        older.write_bytes(orjson.dumps(data))
        reopened = Store(path)
        assert [d.text for d in reopened.decisions_on(DAY)] == ["Leave at five"]  # its own year reads well
        with pytest.raises(JournalCorrupt, match=problem) as caught:
            reopened.all_decisions()
        assert str(older) in str(caught.value) and "every other year is untouched" in str(caught.value)
    older.write_bytes(orjson.dumps(good))
    assert [d.text for d in Store(path).all_decisions()] == ["Leave at six", "Leave at five"]


def test_a_text_ending_in_the_word_id_in_quotes_is_told_from_a_record_given_twice(path):
    store = Store(path)
    text = 'Ask them what they meant by "id'  # in JSON ...\\"id": the bytes hold "id" once more than there are records
    decision = store.add_decision(NOW, DAY, text, "Inner Foundation")
    raw = path.read_bytes()
    assert raw.count(b'"id"') == 2
    assert Store(path).decisions_on(DAY)[0].text == text  # the exact scan finds nothing twice
    entry = json.dumps({decision.id: {**on_disk(path)["decisions"][decision.id], "text": "a copy"}})[1:-1].encode()
    path.write_bytes(raw.replace(b'"decisions":{', b'"decisions":{' + entry + b",", 1))
    with pytest.raises(JournalCorrupt, match=f"holds the record '{decision.id}' twice in decisions"):
        Store(path)
