"""An encrypted journal at rest: every file sealed in age's format, opened only with its key, nothing in the clear."""

from __future__ import annotations

import os

import orjson
import pendulum
import pytest

import data.journal_file
from data import encryption
from data.crypto import NoKey, WrongKey, is_sealed, key_path, new_key, unlock
from data.journal_file import JournalCorrupt, commit_path, journal_files, year_path
from data.models import Outcome, State
from data.store import JournalError, Store

NOW = pendulum.datetime(2026, 11, 27, 9, tz="Europe/Berlin")
MARKER = "Tell Sam the Friday deadline doesn't work for me"
SECRET = MARKER.encode()


def two_years(path, text=MARKER):
    """A journal with a decision (checked, reviewed) in 2025 and one today, each holding TEXT."""
    store = Store(path)
    last_year = store.add_decision(NOW, "2025-03-04", f"{text} (2025)", "Relational Key", why=text)
    store.save_check(NOW, last_year, State.WOBBLING, pulls=["fear"], body=text)
    store.save_review(NOW, "2025-03-04", {last_year.id: Outcome.RETURNED}, learned=text)
    store.add_decision(NOW, NOW.date(), f"{text} (today)", "Inner Foundation")
    return store


def every_file(folder):
    """Every file under FOLDER (backups, leftovers and all), with its bytes."""
    return {p: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def in_the_clear(folder, secret=SECRET):
    return sorted(str(p.relative_to(folder)) for p, raw in every_file(folder).items() if secret in raw)


def tables(raw):
    data = orjson.loads(raw)
    data.pop("years", None)
    return data


def test_encrypt_seals_every_file_and_every_backup_and_the_words_come_back_with_the_key(tmp_path):
    path = tmp_path / "journal.json"
    store = two_years(path)
    assert in_the_clear(tmp_path)  # the test's own check: the words are there to find while plain
    key, _ = new_key()
    encryption.encrypt(store, key)
    assert store.encrypted
    assert in_the_clear(tmp_path) == []
    assert all(is_sealed(raw) for p, raw in every_file(tmp_path).items() if not p.name.endswith(".lock"))
    assert any("before-encrypt" in p.name for p in every_file(tmp_path))
    again = Store(path, key=key)
    texts = sorted(d.text for d in again.all_decisions())
    assert texts == [f"{MARKER} (2025)", f"{MARKER} (today)"]
    assert again.checks_for(again.all_decisions()[0].id)[0].body == MARKER


def test_saves_of_an_encrypted_journal_stay_sealed_in_every_year_and_every_backup(tmp_path):
    path = tmp_path / "journal.json"
    key, _ = new_key()
    encryption.encrypt(two_years(path, "plain words"), key)
    store = Store(path, key=key)
    old = store.add_decision(NOW, "2025-06-01", MARKER, "Inner Foundation")  # an edit of an earlier year's file
    store.save_check(NOW, old, State.HOLDING, body=MARKER)
    store.add_decision(NOW, NOW.date(), MARKER, "Relational Key")
    with store.batch():  # a save of several files: its commit file holds sealed bytes too
        store.add_decision(NOW, "2025-06-02", MARKER, "Inner Foundation")
        store.add_decision(NOW, NOW.date(), MARKER, "Inner Foundation")
    assert in_the_clear(tmp_path) == []
    assert sum(d.text == MARKER for d in Store(path, key=key).all_decisions()) == 4


def test_a_save_of_several_files_stopped_half_way_leaves_only_sealed_bytes_and_is_finished_with_the_key(
    tmp_path, monkeypatch
):
    path = tmp_path / "journal.json"
    key, _ = new_key()
    encryption.encrypt(two_years(path, "plain words"), key)
    store = Store(path, key=key)

    def stop(*_args, **_kwargs):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(data.journal_file, "_apply_commit", stop)
    with pytest.raises(JournalError), store.batch():
        store.add_decision(NOW, "2025-07-01", MARKER, "Inner Foundation")
        store.add_decision(NOW, NOW.date(), MARKER, "Inner Foundation")
    monkeypatch.undo()
    assert commit_path(path).exists() and in_the_clear(tmp_path) == []
    finished = Store(path, key=key)
    assert sum(d.text == MARKER for d in finished.all_decisions()) == 2
    assert not commit_path(path).exists() and in_the_clear(tmp_path) == []


def test_an_encrypted_journal_does_not_open_without_its_key_or_with_another_and_nothing_is_written(tmp_path):
    path = tmp_path / "journal.json"
    key, _ = new_key()
    encryption.encrypt(two_years(path), key)
    before = {p: (raw, p.stat().st_mtime_ns) for p, raw in every_file(tmp_path).items()}
    with pytest.raises(NoKey, match="is encrypted"):
        Store(path)
    with pytest.raises(WrongKey, match="another key"):
        Store(path, key=new_key()[0])
    with pytest.raises(NoKey, match="key file"):
        unlock(path, "any passphrase")  # no key file: it was sealed to an identity
    assert {p: (raw, p.stat().st_mtime_ns) for p, raw in every_file(tmp_path).items()} == before


def test_an_identity_in_the_settings_on_a_journal_encrypted_with_a_passphrase_says_how_to_be_asked(tmp_path):
    from pyrage import x25519

    from data.crypto import identity_key

    path = tmp_path / "journal.json"
    key, text = new_key()
    encryption.encrypt(two_years(path), key, text, "the passphrase")
    identity = tmp_path / "identity.txt"
    identity.write_text(f"{x25519.Identity.generate()}\n", encoding="utf-8")
    with pytest.raises(WrongKey, match=r"encrypted with a passphrase: take `identity` out of the settings"):
        Store(path, key=identity_key(identity))
    with pytest.raises(WrongKey, match=r"another key \(the passphrase does not open it\)\.$"):
        Store(path, key=new_key()[0])  # another passphrase's key: nothing to take out


def test_a_process_without_the_key_never_writes_a_journal_encrypted_since_it_opened(tmp_path):
    path = tmp_path / "journal.json"
    plain = two_years(path, "plain words")
    earlier = Store(path)  # opened before the journal was encrypted, in another terminal
    key, _ = new_key()
    encryption.encrypt(plain, key)
    before = every_file(tmp_path)
    with pytest.raises(JournalError, match="encrypted"):
        earlier.add_decision(NOW, NOW.date(), MARKER, "Inner Foundation")
    assert every_file(tmp_path) == before


def test_a_journal_decrypted_elsewhere_is_saved_plain_by_a_process_that_held_its_key(tmp_path):
    path = tmp_path / "journal.json"
    key, _ = new_key()
    encryption.encrypt(two_years(path), key)
    holding = Store(path, key=key)
    encryption.decrypt(Store(path, key=key))
    holding.add_decision(NOW, NOW.date(), "after the decrypt", "Inner Foundation")
    assert not is_sealed(path.read_bytes())  # the save follows the journal as it is on disk
    assert "after the decrypt" in path.read_text()


def test_decrypt_gives_back_every_file_with_the_same_records_and_removes_the_key_file(tmp_path):
    path = tmp_path / "journal.json"
    store = two_years(path)
    before = {p.name: tables(p.read_bytes()) for p in journal_files(path)}
    key, _ = new_key()
    key_path(path).write_bytes(b"a key file")  # as a passphrase's journal keeps it
    encryption.encrypt(store, key)
    done = encryption.decrypt(Store(path, key=key))
    assert done.left == []
    assert {p.name: tables(p.read_bytes()) for p in journal_files(path)} == before
    assert not key_path(path).exists()
    assert not any(is_sealed(raw) for raw in every_file(tmp_path).values())
    assert not Store(path).encrypted


def test_a_failed_encrypt_changes_nothing_and_the_journal_stays_plain(tmp_path, monkeypatch):
    path = tmp_path / "journal.json"
    store = two_years(path)
    before = {p.name: p.read_bytes() for p in journal_files(path)}

    def full(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(data.journal_file, "write_atomic", full)
    with pytest.raises(JournalError, match="Nothing was changed"):
        store.reseal(new_key()[0])
    monkeypatch.undo()
    assert not store.encrypted
    assert {p.name: p.read_bytes() for p in journal_files(path)} == before
    store.add_decision(NOW, NOW.date(), "still plain", "Inner Foundation")
    assert "still plain" in path.read_text()


def test_a_damaged_encrypted_file_points_at_a_sealed_backup_that_opens(tmp_path):
    path = tmp_path / "journal.json"
    key, _ = new_key()
    encryption.encrypt(two_years(path), key)
    store = Store(path, key=key)
    store.add_decision(NOW, NOW.date(), "one more", "Inner Foundation")  # the file before it is a backup
    raw = bytearray(path.read_bytes())
    raw[-40] ^= 0xFF
    path.write_bytes(bytes(raw))
    with pytest.raises(JournalCorrupt, match="encrypted and damaged") as found:
        Store(path, key=key)
    assert "The newest good backup is" in str(found.value)


def test_a_year_file_put_back_in_the_clear_reads_and_is_named_until_encrypt_seals_it(tmp_path):
    path = tmp_path / "journal.json"
    store = two_years(path)
    plain_year = year_path(path, "2025").read_bytes()
    key, _ = new_key()
    encryption.encrypt(store, key)
    year_path(path, "2025").write_bytes(plain_year)
    os.chmod(year_path(path, "2025"), 0o600)
    again = Store(path, key=key)
    again.complete()
    assert len(again.all_decisions()) == 2
    assert encryption.clear_files(path) == [year_path(path, "2025")]
    encryption.encrypt(again, key)
    assert encryption.clear_files(path) == []


def test_unlocking_aside_opens_the_key_file_while_the_other_threads_go_on(tmp_path):
    import threading

    from data.crypto import seal_identity

    path = tmp_path / "journal.json"
    key, identity = new_key()
    key_path(path).write_bytes(seal_identity(identity, "a long walk at noon"))
    ticks, done = [0], threading.Event()

    def elsewhere():  # an app's drawing, say: it must not wait seconds for the scrypt
        while not done.is_set():
            ticks[0] += 1
            done.wait(0.001)

    other = threading.Thread(target=elsewhere)
    other.start()
    try:
        found = unlock(path, "a long walk at noon", aside=True)
    finally:
        done.set()
        other.join()
    assert [str(r) for r in found.recipients] == [str(r) for r in key.recipients]
    assert ticks[0] > 100  # held by the scrypt in this process, it would not have run at all


def test_a_plain_sync_copy_merged_into_an_encrypted_journal_is_sealed_in_the_backups(tmp_path):
    from data.conflicts import merge_copies

    path = tmp_path / "journal.json"
    other = tmp_path / "other" / "journal.json"
    Store(other).add_decision(NOW, NOW.date(), MARKER, "Inner Foundation")  # a machine where it is plain
    key, _ = new_key()
    encryption.encrypt(two_years(path, "plain words"), key)
    copy = tmp_path / "journal.sync-conflict-20261127-101010-ABCDEFG.json"
    copy.write_bytes(other.read_bytes())
    os.chmod(copy, 0o600)
    store = Store(path, key=key)
    merged = merge_copies(store, now="2026-11-27T10:00:00+01:00")
    assert merged.came_in["decisions"] == 1 and not copy.exists()
    assert [d.text for d in Store(path, key=key).decisions_on(NOW.date())][-1] == MARKER
    assert in_the_clear(tmp_path / "backups") == []


def test_each_sealed_file_holds_its_json_compressed_and_one_sealed_before_compression_still_opens(tmp_path):
    import pyrage
    from backports import zstd

    path = tmp_path / "journal.json"
    store = two_years(path)
    key, _ = new_key()
    encryption.encrypt(store, key)
    store.add_decision(NOW, NOW.date(), "One more today", "Inner Foundation")
    for part in journal_files(path):  # by hand, as the README says: age -d, then zstd -d
        held = pyrage.decrypt(part.read_bytes(), list(key.identities))
        assert SECRET in zstd.decompress(held)
    # a journal encrypted by the first selftrust to encrypt held its JSON as it is: it opens the same
    for part in journal_files(path):
        opened_json = zstd.decompress(pyrage.decrypt(part.read_bytes(), list(key.identities)))
        part.write_bytes(pyrage.encrypt(opened_json, list(key.recipients)))
    again = Store(path, key=key)
    assert sorted(d.text for d in again.all_decisions()) == sorted(
        [f"{MARKER} (2025)", f"{MARKER} (today)", "One more today"]
    )
    again.add_decision(NOW, NOW.date(), "And its next save", "Inner Foundation")
    assert zstd.decompress(pyrage.decrypt(path.read_bytes(), list(key.identities))).count(b"And its next save") == 1
