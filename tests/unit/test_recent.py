"""A fast first screen from the journal's recent days — and never a save from them alone."""

from __future__ import annotations

import json
import os
import shutil
import stat

import pendulum

from data.journal_file import RECENT_DAYS, recent_path
from data.models import Outcome, State
from data.store import Store

NOW = pendulum.datetime(2026, 11, 27, 9, tz="Europe/Berlin")


def long_journal(path):
    """Sixty days, a decision a day, then today's two."""
    store = Store(path)
    for back in range(60, 0, -1):
        day = (NOW.date() - pendulum.duration(days=back)).isoformat()
        decision = store.add_decision(NOW, day, f"day {back}", "Inner Foundation")
        store.save_check(NOW, decision, State.WOBBLING, pulls=["fear"])
        store.save_review(NOW, day, {decision.id: Outcome.RETURNED}, contact=3)
    store.add_decision(NOW, "2026-11-27", "today one", "Relational Key")
    store.add_decision(NOW, "2026-11-27", "today two", "Inner Foundation")
    store.keep_recent()
    return store


def test_today_reads_from_the_recent_days_and_the_rest_comes_after(tmp_path):
    path = tmp_path / "journal.json"
    long_journal(path)
    assert stat.S_IMODE(recent_path(path).stat().st_mode) == 0o600
    quick = Store(path, quick=True)
    assert quick.partial
    assert [d.text for d in quick.decisions_on("2026-11-27")] == ["today one", "today two"]
    assert quick.week_returns(NOW.date()) == 4  # Monday 23 to Thursday 26
    assert len(quick.all_decisions()) == RECENT_DAYS + 2
    quick.complete()
    assert not quick.partial
    assert len(quick.all_decisions()) == 62
    assert quick.all_decisions() == Store(path).all_decisions()


def test_a_save_from_the_recent_days_keeps_the_whole_journal(tmp_path):
    path = tmp_path / "journal.json"
    long_journal(path)
    quick = Store(path, quick=True)
    assert quick.partial
    quick.add_decision(NOW, "2026-11-27", "today three", "Inner Foundation")
    assert not quick.partial  # the whole journal was read before saving
    reopened = Store(path)
    assert len(reopened.all_decisions()) == 63
    assert len(reopened.all_checks()) == 60 and len(reopened.all_reviews()) == 60


def test_recent_days_of_an_older_journal_are_not_used(tmp_path):
    path = tmp_path / "journal.json"
    long_journal(path)
    data = json.loads(path.read_bytes())  # another tool (an older selftrust, an editor) writes the journal
    [today_one] = [d for d in data["decisions"].values() if d["text"] == "today one"]
    today_one["text"] = "changed in an editor"
    path.write_text(json.dumps(data), encoding="utf-8")
    quick = Store(path, quick=True)
    assert not quick.partial  # the kept days are from before that change: the whole journal is read
    assert "changed in an editor" in [d.text for d in quick.decisions_on("2026-11-27")]


def test_the_recent_days_are_remade_from_what_a_save_changed(tmp_path):
    path = tmp_path / "journal.json"
    store = long_journal(path)
    store.add_decision(NOW, "2026-11-27", "today three", "Inner Foundation")
    store.keep_recent()  # after each save, as the command line and the app do
    quick = Store(path, quick=True)
    assert quick.partial and quick.storage.loads == 0
    assert [d.text for d in quick.decisions_on("2026-11-27")] == ["today one", "today two", "today three"]
    assert quick.week_returns(NOW.date()) == 4


def test_an_identical_journal_renamed_over_it_keeps_the_fast_start(tmp_path):
    path = tmp_path / "journal.json"
    long_journal(path)
    saver = Store(path, quick=True)
    saver.add_decision(NOW, "2026-11-27", "today three", "Inner Foundation")
    saver.keep_recent()
    copy = tmp_path / ".journal.json.synced"  # a sync tool brings the same bytes as a new file
    shutil.copyfile(path, copy)
    os.utime(copy, ns=(1, 1))
    os.replace(copy, path)
    quick = Store(path, quick=True)
    assert quick.partial and quick.storage.loads == 0
    assert "today three" in [d.text for d in quick.decisions_on("2026-11-27")]
    quick.complete()
    assert len(quick.all_decisions()) == 63
    # Marked with the new file's signature: the next start need not compare the bytes again.
    assert json.loads(recent_path(path).read_bytes())["journal"] == list(quick.storage.file.signature())


def test_a_journal_changed_but_of_the_same_size_is_read_whole(tmp_path):
    path = tmp_path / "journal.json"
    long_journal(path)
    raw = path.read_bytes()
    path.write_bytes(raw.replace(b"today one", b"today ONE"))  # same length, other bytes
    quick = Store(path, quick=True)
    assert not quick.partial
    assert "today ONE" in [d.text for d in quick.decisions_on("2026-11-27")]


def test_a_recent_days_failure_never_fails_anything(tmp_path, monkeypatch):
    path = tmp_path / "journal.json"
    long_journal(path)
    import data.journal_file

    write_atomic = data.journal_file.write_atomic  # the journal's own save writes through it too

    def refuse(target, *args, **kwargs):
        if target == data.journal_file.recent_path(path):
            raise OSError(28, "No space left on device")
        return write_atomic(target, *args, **kwargs)

    monkeypatch.setattr(data.journal_file, "write_atomic", refuse)
    store = Store(path)
    store.add_decision(NOW, "2026-11-27", "saved all the same", "Inner Foundation")
    store.keep_recent()  # the disk refuses the recent days: nothing is raised
    monkeypatch.undo()
    assert "saved all the same" in [d.text for d in Store(path).decisions_on("2026-11-27")]
    assert not Store(path, quick=True).partial  # the kept days are from before: not used


def test_damaged_recent_days_are_ignored(tmp_path):
    path = tmp_path / "journal.json"
    long_journal(path)
    recent_path(path).write_bytes(b'{"journal": [1, 2')
    quick = Store(path, quick=True)
    assert not quick.partial and len(quick.all_decisions()) == 62
    recent_path(path).unlink()
    assert not Store(path, quick=True).partial


def test_a_journal_that_does_not_exist_yet(tmp_path):
    quick = Store(tmp_path / "journal.json", quick=True)
    assert not quick.partial and quick.all_decisions() == []
