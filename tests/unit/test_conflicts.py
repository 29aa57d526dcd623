"""Copies a sync tool leaves beside the journal are merged into it, and git's merge of two journals."""

from __future__ import annotations

import shutil

import orjson
import pendulum
import pytest

from data.conflicts import find_copies, merge_copies, merge_journals
from data.store import Store

NOW = pendulum.datetime(2026, 11, 27, 9, tz="Europe/Berlin")
TODAY = NOW.date()
LAST_YEAR = "2025-03-01"
MERGED_AT = "2026-11-27T10:00:00+01:00"

# Each tool's name for a copy of the journal's own file, and of 2025's file.
NAMES = {
    "Syncthing": (
        "journal.sync-conflict-20261127-101010-ABCDEF7.json",
        "journal.2025.sync-conflict-20261127-101010-ABCDEF7.json",
    ),
    "Dropbox": (
        "journal (Ann's conflicted copy 2026-11-27).json",
        "journal.2025 (Ann's conflicted copy 2026-11-27).json",
    ),
    "Nextcloud": (
        "journal (conflicted copy 2026-11-27 101010).json",
        "journal.2025 (conflicted copy 2026-11-27 101010).json",
    ),
}


def two_machines(tmp_path, start=None):
    """One journal copied to two machines; each saves a new decision today and edits the same two entries.

    START: a folder that gets the journal both began from.
    """
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    first = Store(a / "journal.json")
    old = first.add_decision(NOW, LAST_YEAR, "old one", "Inner Foundation")
    shared = first.add_decision(NOW, TODAY, "shared one", "Inner Foundation")
    first.close()
    shutil.copytree(a, b)
    if start is not None:
        shutil.copytree(a, start)
    side_a, side_b = Store(a / "journal.json"), Store(b / "journal.json")
    side_a.add_decision(NOW.add(minutes=1), TODAY, "from A", "Inner Foundation")
    side_a.save_check(NOW.add(minutes=1), side_a.decision(shared.id), "wobbling", pulls=["fear"])
    side_a.update_decision(NOW.add(minutes=1), shared.id, {"text": "shared, edited on A"})
    side_b.add_decision(NOW.add(minutes=2), TODAY, "from B", "Inner Foundation")
    side_b.update_decision(NOW.add(minutes=2), shared.id, {"text": "shared, edited on B later"})
    side_b.update_decision(NOW.add(minutes=2), old.id, {"text": "old one, edited on B"})
    side_a.close()
    side_b.close()
    return a, b


@pytest.mark.parametrize("tool", NAMES)
@pytest.mark.parametrize("into", ["a", "b"])
def test_a_copy_from_the_other_machine_brings_its_entries_and_edits_and_doubles_nothing(tmp_path, tool, into):
    a, b = two_machines(tmp_path)
    here, there = (a, b) if into == "a" else (b, a)
    own, year = NAMES[tool]
    shutil.copy(there / "journal.json", here / own)
    shutil.copy(there / "journal.2025.json", here / year)
    store = Store(here / "journal.json")
    merged = merge_copies(store, now=MERGED_AT)
    assert merged.left == []
    assert not (here / own).exists() and not (here / year).exists()
    assert {p.name for p in merged.merged} == {own, year}
    assert all(p.parent == here / "backups" for p in merged.merged)
    again = Store(here / "journal.json")
    decisions = again.all_decisions()
    texts = sorted(d.text for d in decisions)
    assert texts == ["from A", "from B", "old one, edited on B", "shared, edited on B later"]
    today = [d.n for d in decisions if d.day == TODAY.isoformat()]
    assert sorted(today) == [1, 2, 3]  # both machines' decision 2 kept, one renumbered
    assert len(again.all_checks()) == 1
    came = merged.words()
    assert came is not None and came.startswith("From another machine: ")
    assert "decision" in came
    assert merge_copies(again, now=MERGED_AT).words() is None  # nothing left beside it: nothing merged twice


def test_the_message_counts_what_came_in_by_kind(tmp_path):
    a, b = two_machines(tmp_path)
    shutil.copy(a / "journal.json", b / NAMES["Syncthing"][0])
    merged = merge_copies(Store(b / "journal.json"), now=MERGED_AT)
    # A's new decision, A's check; A's edit of the shared one is older than B's and does not come in.
    assert merged.words() == "From another machine: 1 decision and 1 check came in."


def test_a_damaged_copy_is_left_where_it_is_and_named_and_the_journal_is_untouched(tmp_path):
    a, b = two_machines(tmp_path)
    damaged = a / NAMES["Dropbox"][0]
    damaged.write_bytes((b / "journal.json").read_bytes()[:-20])
    before = (a / "journal.json").read_bytes()
    merged = merge_copies(Store(a / "journal.json"), now=MERGED_AT)
    assert merged.merged == [] and merged.words() is None
    assert [(p, problem.split(" is ")[0]) for p, problem in merged.left] == [(damaged, damaged.name)]
    assert "damaged" in merged.left[0][1]
    assert damaged.exists() and (a / "journal.json").read_bytes() == before


def test_files_of_any_other_name_are_never_taken_for_copies(tmp_path):
    a, _ = two_machines(tmp_path)
    strangers = [
        "journal.sync-conflict-20261127-1010-ABCDEF7.json",
        "journal (copy).json",
        "journal (conflicted copy 2026-11-27 1010).json",
        "notes (conflicted copy 2026-11-27 101010).json",
        "journal.sync-conflict-20261127-101010-ABCDEF7.json.bak",
    ]
    for name in strangers:
        shutil.copy(a / "journal.json", a / name)
    assert find_copies(a / "journal.json") == []
    assert merge_copies(Store(a / "journal.json"), now=MERGED_AT).merged == []
    assert all((a / name).exists() for name in strangers)


@pytest.mark.parametrize("order", ["ab", "ba"])
def test_git_merge_of_two_versions_keeps_both_sides_and_the_newer_years(tmp_path, order):
    a, b = two_machines(tmp_path)
    sides = {"a": a, "b": b}
    first, second = (sides[side] for side in order)
    own = orjson.loads(merge_journals((first / "journal.json").read_bytes(), (second / "journal.json").read_bytes()))
    texts = sorted(d["text"] for d in own["decisions"].values())
    assert texts == ["from A", "from B", "shared, edited on B later"]
    assert sorted(d["n"] for d in own["decisions"].values()) == [1, 2, 3]
    assert own["years"]["2025"]["rev"] == 2  # B's edit of last year: its file's later revision
    year = orjson.loads(
        merge_journals((first / "journal.2025.json").read_bytes(), (second / "journal.2025.json").read_bytes())
    )
    assert "years" not in year
    assert [d["text"] for d in year["decisions"].values()] == ["old one, edited on B"]


def test_a_new_year_begun_on_one_machine_only_is_refused_by_git_and_merged_as_a_copy(tmp_path):
    from data.conflicts import MergeRefused

    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    Store(a / "journal.json").add_decision(NOW, TODAY, "december's", "Inner Foundation")
    shutil.copytree(a, b)
    Store(a / "journal.json").add_decision(NOW, "2027-01-02", "january's, on A", "Inner Foundation")
    Store(b / "journal.json").add_decision(NOW, TODAY, "december's second, on B", "Inner Foundation")
    with pytest.raises(MergeRefused, match="keeps 2026 in a file of its own"):
        merge_journals((a / "journal.json").read_bytes(), (b / "journal.json").read_bytes())
    shutil.copy(b / "journal.json", a / "journal (conflicted copy 2000-01-01 000000).json")  # the advice
    merge_copies(Store(a / "journal.json"), now=MERGED_AT)
    texts = sorted(d.text for d in Store(a / "journal.json").all_decisions())
    assert texts == ["december's", "december's second, on B", "january's, on A"]


def test_git_merges_a_january_decision_carried_from_december_whose_year_is_in_its_own_file(tmp_path):
    a = tmp_path / "a"
    a.mkdir()
    store = Store(a / "journal.json")
    december = store.add_decision(NOW, TODAY, "december's, carried", "Inner Foundation")
    store.carry_forward(NOW, december, pendulum.date(2027, 1, 2))
    b = tmp_path / "b"
    shutil.copytree(a, b)
    Store(b / "journal.json").add_decision(NOW, "2027-01-02", "january's own, on B", "Inner Foundation")
    own = orjson.loads(merge_journals((a / "journal.json").read_bytes(), (b / "journal.json").read_bytes()))
    assert sorted(d["text"] for d in own["decisions"].values()) == ["december's, carried", "january's own, on B"]
