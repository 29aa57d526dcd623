"""The merge of two sealed versions of a journal file, and the JSON backup of an encrypted journal (data/backup.py)."""

from __future__ import annotations

import orjson
import pendulum
import pytest

from data import encryption
from data.backup import export_backup, read_backup
from data.conflicts import MergeRefused, merge_journals
from data.crypto import is_sealed, new_key, opened
from data.store import Store

NOW = pendulum.datetime(2026, 11, 27, 9, tz="Europe/Berlin")
MARKER = "Tell Sam the Friday deadline doesn't work for me"


def sealed_pair(tmp_path):
    """One encrypted journal copied to two places, each then given a decision of its own."""
    key, _ = new_key()
    ours = Store(tmp_path / "a" / "journal.json")
    ours.add_decision(NOW, NOW.date(), "Both have this", "Inner Foundation")
    encryption.encrypt(ours, key)
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "journal.json").write_bytes(ours.path.read_bytes())
    theirs = Store(tmp_path / "b" / "journal.json", key=key)
    ours.add_decision(NOW, NOW.date(), f"{MARKER} (ours)", "Inner Foundation")
    theirs.add_decision(NOW.add(minutes=5), NOW.date(), f"{MARKER} (theirs)", "Inner Foundation")
    return key, ours.path.read_bytes(), theirs.path.read_bytes()


def test_two_sealed_versions_merge_into_a_sealed_file_with_both_sides_entries(tmp_path):
    key, ours, theirs = sealed_pair(tmp_path)
    merged = merge_journals(ours, theirs, key=key)
    assert is_sealed(merged) and MARKER.encode() not in merged
    texts = sorted(d["text"] for d in orjson.loads(opened(merged, "merged", key))["decisions"].values())
    assert texts == ["Both have this", f"{MARKER} (ours)", f"{MARKER} (theirs)"]
    with pytest.raises(MergeRefused, match="encrypted, and no passphrase or identity"):
        merge_journals(ours, theirs)


def test_the_backup_of_an_encrypted_journal_is_sealed_by_export_backup_itself(tmp_path):
    key, _, _ = sealed_pair(tmp_path)
    store = Store(tmp_path / "a" / "journal.json", key=key)
    target = tmp_path / "backup.json"
    assert export_backup(store, target).written == [target]  # what the app's export would call: no key to pass
    raw = target.read_bytes()
    assert is_sealed(raw) and MARKER.encode() not in raw
    backup = read_backup(opened(raw, target, key), "backup.json")
    assert sorted(d.text for d in backup.decisions) == ["Both have this", f"{MARKER} (ours)"]
