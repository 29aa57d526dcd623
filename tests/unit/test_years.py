"""The journal kept a file a year: each year read when asked for, saved alone, split from an older journal whole."""

from __future__ import annotations

import datetime as dt
import json
import os

import orjson
import pendulum
import pytest

import data.files
from data.journal_file import JournalFile, commit_path, year_path
from data.models import SCHEMA_VERSION, Outcome, State
from data.store import JournalError, Store

NOW = pendulum.datetime(2026, 11, 27, 9, tz="Europe/Berlin")
TODAY = NOW.date()


def three_years(path):
    """A decision each fortnight from 2024 on, each checked and reviewed, then today's two."""
    store = Store(path)
    day = pendulum.date(2024, 1, 3)
    with store.batch():
        while day < TODAY - pendulum.duration(days=3):
            decision = store.add_decision(NOW, day, f"on {day}", "Inner Foundation")
            store.save_check(NOW, decision, State.WOBBLING, pulls=["fear"])
            store.save_review(NOW, day, {decision.id: Outcome.RETURNED}, contact=3)
            day += pendulum.duration(days=14)
    store.add_decision(NOW, TODAY, "today one", "Relational Key")
    store.add_decision(NOW, TODAY, "today two", "Inner Foundation")
    return store


def stamps(path):
    """Each year file beside the journal, with its bytes and its mtime."""
    return {
        name: (os.stat(path.parent / name).st_mtime_ns, (path.parent / name).read_bytes())
        for name in sorted(os.listdir(path.parent))
        if name.startswith("journal.20")
    }


def test_each_earlier_year_is_a_tinydb_file_of_its_own_and_the_journal_holds_the_newest(tmp_path):
    path = tmp_path / "journal.json"
    store = three_years(path)
    own = json.loads(path.read_bytes())
    assert own["schema_version"] == SCHEMA_VERSION
    assert set(own["years"]) == {"2024", "2025"}
    assert {d["day"][:4] for d in own["decisions"].values()} == {"2026"}
    for year in ("2024", "2025"):
        held = json.loads(year_path(path, year).read_bytes())
        assert set(held) == {"schema_version", "decisions", "checks", "reviews"}
        assert held["decisions"] and {d["day"][:4] for d in held["decisions"].values()} == {year}
        assert {c["day"][:4] for c in held["checks"].values()} == {year}
    every = [d.text for d in store.all_decisions()]
    assert every[-2:] == ["today one", "today two"] and len(every) == len({*every})


def test_a_save_of_today_writes_the_journals_own_file_and_no_earlier_year(tmp_path):
    path = tmp_path / "journal.json"
    three_years(path)
    before = stamps(path)
    store = Store(path)
    decision = store.add_decision(NOW, TODAY, "today three", "Inner Foundation")
    store.save_check(NOW, decision, State.HOLDING)
    store.save_review(NOW, TODAY, {decision.id: Outcome.KEPT})
    assert stamps(path) == before  # a sync tool and the backups move nothing of the earlier years
    assert store.partial  # and none of them was read for it
    assert "today three" in [d.text for d in Store(path).decisions_on(TODAY)]


def test_a_start_reads_the_newest_year_and_the_others_when_asked(tmp_path):
    path = tmp_path / "journal.json"
    three_years(path)
    store = Store(path)
    assert store.partial and store.years() == ["2026", "2025", "2024"]
    assert [d.text for d in store.decisions_on(TODAY)] == ["today one", "today two"]
    assert store.week_returns(TODAY) == 0
    assert store.partial
    assert [d.text for d in store.decisions_on("2025-01-01")] == ["on 2025-01-01"]  # that year alone is read
    assert "2025" in store.storage._years and "2024" not in store.storage._years
    assert len(store.all_decisions()) == len(Store(path).all_decisions()) and not store.partial
    assert store.snapshot().decisions == tuple(Store(path).all_decisions())


def test_a_week_across_the_new_year_counts_both_years(tmp_path):
    path = tmp_path / "journal.json"
    store = Store(path)
    december = store.add_decision(NOW, "2025-12-30", "before", "Inner Foundation")
    store.save_review(NOW, "2025-12-30", {december.id: Outcome.RETURNED})
    january = store.add_decision(NOW, "2026-01-01", "after", "Inner Foundation")
    store.save_review(NOW, "2026-01-01", {january.id: Outcome.RETURNED})
    reopened = Store(path)
    assert reopened.partial
    assert reopened.week_returns(pendulum.date(2026, 1, 2)) == 2  # Monday 29 December to Friday 2 January
    assert reopened.last_decision_day() == "2026-01-01"


def test_an_edit_of_an_earlier_year_rewrites_that_year_and_another_process_sees_it(tmp_path):
    path = tmp_path / "journal.json"
    three_years(path)
    other = Store(path)
    other.all_decisions()  # every year read here
    before = stamps(path)
    store = Store(path)
    [old] = store.decisions_on("2024-01-03")
    store.update_decision(NOW, old.id, {"text": "on 2024-01-03, said kindly"})
    after = stamps(path)
    assert after["journal.2025.json"] == before["journal.2025.json"]
    assert after["journal.2024.json"] != before["journal.2024.json"]
    assert json.loads(path.read_bytes())["years"]["2024"]["rev"] == 2
    assert other.changed_elsewhere()
    assert other.decision(old.id).text == "on 2024-01-03, said kindly"
    assert len(other.all_decisions()) == len(store.all_decisions())


def test_a_save_in_a_year_not_read_yet_keeps_every_record_of_that_year(tmp_path):
    path = tmp_path / "journal.json"
    three_years(path)
    count = len(Store(path).all_decisions())
    store = Store(path)
    assert store.partial
    store.add_decision(NOW, "2024-06-06", "remembered late", "Inner Foundation")  # --date back in 2024
    reopened = Store(path)
    assert len(reopened.all_decisions()) == count + 1
    assert [d.text for d in reopened.decisions_on("2024-06-06")] == ["remembered late"]


def test_the_first_save_of_a_new_year_moves_the_old_one_to_its_own_file(tmp_path):
    path = tmp_path / "journal.json"
    store = Store(path)
    store.add_decision(NOW, "2026-12-31", "last of the year", "Inner Foundation")
    assert not year_path(path, "2026").exists()
    store.add_decision(NOW, "2027-01-01", "first of the next", "Inner Foundation")
    sealed = json.loads(path.read_bytes())["years"]
    assert list(sealed) == ["2026"] and sealed["2026"]["rev"] == 1
    assert sealed["2026"]["size"] == year_path(path, "2026").stat().st_size
    assert [d["text"] for d in json.loads(year_path(path, "2026").read_bytes())["decisions"].values()] == [
        "last of the year"
    ]
    assert [d.text for d in Store(path).all_decisions()] == ["last of the year", "first of the next"]


def test_carrying_a_decision_into_the_new_year_is_one_save_of_both_files(tmp_path):
    path = tmp_path / "journal.json"
    store = Store(path)
    store.add_decision(NOW, "2027-01-01", "already the new year", "Inner Foundation")
    old = store.add_decision(NOW, "2026-12-31", "left open", "Inner Foundation")
    copy = store.carry_forward(NOW, old, pendulum.date(2027, 1, 2))
    reopened = Store(path)
    assert reopened.decision(old.id).outcome is Outcome.CARRIED
    assert reopened.carried_to(old.id) == copy
    assert not commit_path(path).exists()


def test_a_save_of_two_files_stopped_half_way_is_finished_by_the_next_open(tmp_path, monkeypatch):
    path = tmp_path / "journal.json"
    store = Store(path)
    store.add_decision(NOW, "2027-01-01", "already the new year", "Inner Foundation")
    old = store.add_decision(NOW, "2026-12-31", "left open", "Inner Foundation")
    real_replace = data.files.os.replace
    replaced: list[str] = []

    def stop_after_the_first(source, target):
        if len(replaced) == 2:  # the commit file, then the year 2026: the journal's own file is next
            raise SystemExit("the machine stops here")  # as a kill would: nothing after runs
        replaced.append(str(target))
        return real_replace(source, target)

    monkeypatch.setattr(data.files.os, "replace", stop_after_the_first)
    with pytest.raises(SystemExit):
        store.carry_forward(NOW, old, pendulum.date(2027, 1, 2))
    monkeypatch.undo()
    assert replaced == [str(commit_path(path)), str(year_path(path, "2026"))] and commit_path(path).exists()
    assert b"left open" not in path.read_bytes()  # the journal's own file is as it was
    reopened = Store(path)  # the save was decided: it is finished, both files
    assert not commit_path(path).exists()
    assert reopened.decision(old.id).outcome is Outcome.CARRIED
    assert [d.text for d in reopened.decisions_on("2027-01-02")] == ["left open"]


def test_a_commit_file_that_is_not_whole_decided_nothing_and_is_set_aside(tmp_path):
    path = tmp_path / "journal.json"
    three_years(path)
    before = stamps(path), path.read_bytes()
    commit_path(path).write_bytes(b"selftrust-commit 1\n" + b'{"files": [["journal.json", 9999, 1]]}\n{"schema')
    store = Store(path)
    assert not commit_path(path).exists()
    assert (stamps(path), path.read_bytes()) == before
    assert list((path.parent / "backups").glob("journal.json.commit-damaged-*"))
    assert [d.text for d in store.decisions_on(TODAY)] == ["today one", "today two"]


def test_a_year_named_by_the_journal_but_missing_is_said_plainly(tmp_path):
    path = tmp_path / "journal.json"
    three_years(path)
    year_path(path, "2024").unlink()
    store = Store(path)
    assert [d.text for d in store.decisions_on(TODAY)] == ["today one", "today two"]
    with pytest.raises(JournalError, match=r"journal\.2024\.json for 2024, and it is not there"):
        store.all_decisions()


def test_a_journal_from_before_the_years_is_split_after_a_backup_with_every_record_equal(tmp_path):
    """The ten-year journal, as the last layout kept it in one file, split on its first open by the app."""
    from data.sample import build

    path = tmp_path / "journal.json"
    journal = build(3652, 20261127, TODAY)
    journal["schema_version"] = 4
    old = orjson.dumps(journal)
    path.write_bytes(old)
    before = Store(path)
    records = (
        before.all_decisions(include_deleted=True),
        before.all_checks(include_deleted=True),
        before.all_reviews(include_deleted=True),
    )
    assert path.read_bytes() == old  # reading never writes
    assert before.needs_settling
    before.settle()
    [kept] = (tmp_path / "backups").glob("journal.before-v5-*.json")
    assert kept.read_bytes() == old
    after = Store(path)
    assert not after.needs_settling and after.partial
    assert len(after.years()) >= 10
    assert (
        after.all_decisions(include_deleted=True),
        after.all_checks(include_deleted=True),
        after.all_reviews(include_deleted=True),
    ) == records
    split = [orjson.loads(year_path(path, year).read_bytes()) for year in after.years()[1:]]
    own = orjson.loads(path.read_bytes())
    for kind in ("decisions", "checks", "reviews"):
        assert sum(len(part[kind]) for part in split) + len(own[kind]) == len(journal[kind])
        merged = {key: doc for part in [*split, own] for key, doc in part[kind].items()}
        assert merged == journal[kind]  # byte for byte the same records, each in its year
    assert len(path.read_bytes()) < len(old) / 5


def test_a_journal_that_does_not_exist_yet(tmp_path):
    store = Store(tmp_path / "journal.json")
    assert not store.partial and store.all_decisions() == [] and store.years() == []
    assert not (tmp_path / "journal.json").exists()


def test_the_backups_of_a_year_are_its_own_and_never_offered_as_the_journal(tmp_path):
    path = tmp_path / "journal.json"
    three_years(path)
    store = Store(path)
    [old] = store.decisions_on("2024-01-03")
    store.update_decision(NOW, old.id, {"text": "edited"})
    journal = JournalFile(path)
    assert journal.backups() and all(p.name.startswith(("journal.save-", "journal.day-")) for p in journal.backups())
    year = JournalFile(year_path(path, "2024"))
    kept = year.backups()
    assert kept and all(p.name.startswith(("journal.2024.save-", "journal.2024.day-")) for p in kept)
    assert orjson.loads(kept[0].read_bytes())["decisions"][old.id]["text"] == "on 2024-01-03"  # as before the edit


def test_a_year_file_a_person_reformatted_is_checked_whole_and_read_the_same(tmp_path):
    path = tmp_path / "journal.json"
    three_years(path)
    every = Store(path).all_decisions()
    older = year_path(path, "2025")
    older.write_text(
        json.dumps(json.loads(older.read_bytes()), indent=2), encoding="utf-8"
    )  # other bytes, same records
    assert Store(path).all_decisions() == every
    held = json.loads(older.read_bytes())
    next(iter(held["checks"].values()))["state"] = "floating"
    older.write_text(json.dumps(held, indent=2), encoding="utf-8")
    with pytest.raises(JournalError, match="floating"):
        Store(path).all_decisions()


STEPS = ["create the temp file", "write", "fsync the file", "replace", "fsync the folder"]


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("nth", [1, 2, 3, 4])
def test_a_save_of_two_files_failing_at_any_step_is_all_or_nothing_and_memory_matches(tmp_path, monkeypatch, step, nth):
    """An edit of an earlier year writes three files (the commit, the year, the journal's own):
    the disk refuses the NTH time the save reaches STEP. Afterwards both files hold the edit
    or neither does, and the store that failed reads what a fresh one reads."""
    import errno

    from tests.unit.test_durability import _FailingFile, _is_folder, fail

    path = tmp_path / "journal.json"
    store = Store(path)
    old = store.add_decision(NOW, "2025-06-02", "Leave at six", "Inner Foundation")
    store.add_decision(NOW, TODAY, "Leave at five", "Inner Foundation")
    mod = data.files
    real = {"mkstemp": mod.tempfile.mkstemp, "fdopen": mod.os.fdopen, "fsync": mod.os.fsync, "replace": mod.os.replace}
    calls = [0]

    def reached() -> bool:
        calls[0] += 1
        return calls[0] == nth

    if step == "create the temp file":
        monkeypatch.setattr(
            mod.tempfile,
            "mkstemp",
            lambda *a, **k: (_ for _ in ()).throw(fail(errno.ENOSPC)) if reached() else real["mkstemp"](*a, **k),
        )
    elif step == "write":
        monkeypatch.setattr(
            mod.os,
            "fdopen",
            lambda *a, **k: (
                _FailingFile(real["fdopen"](*a, **k), errno.EIO, "write") if reached() else real["fdopen"](*a, **k)
            ),
        )
    elif step == "fsync the file":
        monkeypatch.setattr(
            mod.os,
            "fsync",
            lambda fd: (
                (_ for _ in ()).throw(fail(errno.EIO)) if not _is_folder(fd) and reached() else real["fsync"](fd)
            ),
        )
    elif step == "replace":
        monkeypatch.setattr(
            mod.os,
            "replace",
            lambda *a: (_ for _ in ()).throw(fail(errno.ENOSPC)) if reached() else real["replace"](*a),
        )
    else:
        monkeypatch.setattr(
            mod.os,
            "fsync",
            lambda fd: (_ for _ in ()).throw(fail(errno.EIO)) if _is_folder(fd) and reached() else real["fsync"](fd),
        )
    try:
        store.update_decision(NOW, old.id, {"text": "Leave at six, kindly"})
        said = None
    except JournalError as error:
        said = str(error)
    monkeypatch.undo()
    fresh = Store(path)  # finishes a decided save a stop left half-way
    texts = {d.text for d in fresh.all_decisions()}
    assert texts in ({"Leave at six", "Leave at five"}, {"Leave at six, kindly", "Leave at five"})
    in_2025 = b"kindly" in year_path(path, "2025").read_bytes()
    assert in_2025 == ("Leave at six, kindly" in texts)  # the year's file and the journal agree
    if said is not None and "could not be saved" in said:
        assert "Leave at six" in texts and "Nothing was changed" in said
    if said is not None and "was saved" in said:
        assert "Leave at six, kindly" in texts
    assert {d.text for d in store.all_decisions()} == texts  # memory matches what is on disk
    assert not commit_path(path).exists()
    assert store.update_decision(NOW, old.id, {"why": "once the disk is well"}).why == "once the disk is well"
    assert Store(path).decision(old.id).why == "once the disk is well"


def _save_in_two_years(path, first: int, acks: int) -> None:
    """The child: "entry N" saved on a day of 2025 (two files) and of 2026 (one) by turns, each acknowledged once saved."""
    store = Store(path)
    n = first
    while True:
        store.add_decision(NOW, "2025-03-01" if n % 2 else "2026-03-01", f"entry {n}", "Inner Foundation")
        os.write(acks, b"%d\n" % n)
        n += 1


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_kill_9_during_saves_of_two_years_never_loses_an_acknowledged_entry(tmp_path):
    import random
    import signal
    import time
    import traceback

    from tests.unit.test_durability import READY_WAIT, _read_all, _read_until

    path = tmp_path / "journal.json"
    Store(path).add_decision(NOW, TODAY, "today", "Inner Foundation")
    rng = random.Random(20261201)
    acknowledged: set[int] = set()
    next_entry, rounds = 1, 0
    deadline = time.monotonic() + 3.0  # a slow machine runs fewer rounds, never a weaker check
    while rounds < 4 or time.monotonic() < deadline:
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            try:
                os.close(read_end)
                _save_in_two_years(path, next_entry, write_end)
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(1)
        os.close(write_end)
        said = _read_until(read_end, b"", READY_WAIT)
        time.sleep(rng.uniform(0.0, 0.03))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        said += _read_all(read_end)
        os.close(read_end)
        acknowledged |= {int(line) for line in said.split(b"\n") if line.isdigit()}
        store = Store(path)  # finishes a save of two files the kill stopped half-way
        assert not commit_path(path).exists()
        found = {int(d.text.removeprefix("entry ")) for d in store.all_decisions() if d.text.startswith("entry ")}
        assert not acknowledged - found, (
            f"round {rounds}: acknowledged entries lost: {sorted(acknowledged - found)[:10]}"
        )
        for day in ("2025-03-01", "2026-03-01"):
            numbers = [d.n for d in store.decisions_on(day)]
            assert len(numbers) == len(set(numbers)), f"round {rounds}: two decisions share a number"
        next_entry = max(found | acknowledged, default=0) + 1
        rounds += 1
    assert any(n % 2 for n in acknowledged) and any(n % 2 == 0 for n in acknowledged)


def test_a_years_rows_keep_their_version_until_a_record_of_that_year_changes_here_or_elsewhere(tmp_path):
    path = tmp_path / "journal.json"
    three_years(path)
    store = Store(path)
    first = {year: store.year_rows(year) for year in store.years()}
    assert [len(first[year].decisions) for year in ("2024", "2025")] == [
        26,
        27,
    ]  # a fortnight apart from 3 January 2024
    assert {d["text"] for d in first["2026"].decisions} >= {"today one", "today two"}
    assert all(store.year_rows(year).version == first[year].version for year in first)
    [old] = store.decisions_on("2025-01-01")
    store.save_check(NOW, old, State.HOLDING)
    assert store.year_rows("2025").version != first["2025"].version
    assert len(store.year_rows("2025").checks) == len(first["2025"].checks) + 1
    assert store.year_rows("2024").version == first["2024"].version
    assert store.year_rows("2026").version == first["2026"].version
    seen = store.year_rows("2024").version
    Store(path).update_decision(NOW, store.decisions_on("2024-01-03")[0].id, {"why": "from another terminal"})
    later = store.year_rows("2024")
    assert later.version != seen and any(d["why"] == "from another terminal" for d in later.decisions)


def test_the_journals_own_file_as_last_saved_is_read_without_the_record_check_and_any_other_bytes_with_it(
    tmp_path, monkeypatch
):
    import data.journal_file

    path = tmp_path / "journal.json"
    store = Store(path)
    decision = store.add_decision(NOW, TODAY, "Leave at six", "Inner Foundation")
    note = json.loads(path.with_name("journal.json.lock").read_bytes())
    assert note["journal"][0] == path.stat().st_size  # the lock file notes the bytes it saved

    checked: list[str] = []
    check = data.journal_file.check_journal
    monkeypatch.setattr(data.journal_file, "check_journal", lambda *a, **k: checked.append("x") or check(*a, **k))
    assert Store(path).decision(decision.id) == decision
    assert checked == []  # its own save's bytes: taken as saved

    held = json.loads(path.read_bytes())
    held["decisions"][decision.id]["outcome"] = "floated"  # a hand edit: other bytes
    path.write_text(json.dumps(held), encoding="utf-8")
    with pytest.raises(JournalError, match="floated"):
        Store(path)
    assert checked == ["x"]


@pytest.mark.parametrize("period", ["4w", "3m", "1y", "all"])
def test_insights_counts_from_its_periods_years_alone_the_same_figures_as_from_every_year(tmp_path, period):
    from data.sample import build
    from data.stats import count
    from data.vocabulary import DEFAULT_AREAS

    path = tmp_path / "journal.json"
    path.write_bytes(orjson.dumps(build(3 * 365 + 40, 11, TODAY)))
    Store(path).settle()
    ranged = Store(path)
    found = count(ranged, period, TODAY, DEFAULT_AREAS)
    if period != "all":
        assert ranged.partial  # the oldest years in between were never read
    whole = Store(path)
    whole.complete()
    every = whole.snapshot()
    whole.snapshot = lambda since=None: every  # every year, as Insights counted before
    assert found == count(whole, period, TODAY, DEFAULT_AREAS)
    assert found.figures.decisions > 0 and found.began == dt.date.fromisoformat(every.decisions[0].day)


def test_an_older_journal_whose_first_save_failed_is_kept_before_the_migration_once(tmp_path, monkeypatch):
    import errno

    from tests.unit.test_durability import V1, decide, inject

    path = tmp_path / "journal.json"
    path.write_bytes(V1.read_bytes())
    clock = [dt.datetime(2026, 11, 27, 20, 15, 30, tzinfo=dt.UTC)]
    store = Store(path, now=lambda: clock[0])
    inject(monkeypatch, "replace", errno.ENOSPC)
    with pytest.raises(JournalError):
        decide(store, "refused")
    monkeypatch.undo()
    clock[0] += dt.timedelta(seconds=2)  # the next save comes in another second
    decide(store, "accepted")
    kept = list((tmp_path / "backups").glob("journal.before-v2-*.json"))
    assert [p.read_bytes() for p in kept] == [V1.read_bytes()]
