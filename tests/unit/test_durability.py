"""Nothing is lost: kill -9 mid-save, a disk that fails at any step, a damaged file,
privacy, symlinks, rolling backups, migration of an older journal, text JSON cannot keep.
"""

import datetime as dt
import errno
import json
import os
import random
import re
import signal
import stat
import subprocess
import time
import traceback
from dataclasses import fields
from pathlib import Path

import pendulum
import pytest

import data.files
import data.journal_file
import data.journal_storage
from data.journal_file import SAVES_KEPT, JournalFile
from data.models import SCHEMA_VERSION, Check, Decision, Outcome, Review, State
from data.store import JournalError, Store

# With the harness tests: run while the harness waits on its pane (see conftest.py).
pytestmark = [pytest.mark.xdist_group("harness"), pytest.mark.usefixtures("harness_run")]

BERLIN = "Europe/Berlin"
DAY = dt.date(2026, 11, 27)
NOW = pendulum.datetime(2026, 11, 27, 9, 15, tz=BERLIN)
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
V1 = FIXTURES / "journal-v1.json"


def decide(store: Store, text: str, day=DAY, **kwargs) -> Decision:
    return store.add_decision(NOW, day, text, "Inner Foundation", **kwargs)


def on_disk(path: Path) -> dict:
    return json.loads(path.read_bytes())


def texts(store: Store) -> list[str]:
    return [d.text for d in store.all_decisions()]


def temp_files(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.endswith(".tmp"))


@pytest.fixture
def path(tmp_path) -> Path:
    return tmp_path / "journal" / "journal.json"


# -- kill -9 at any moment ------------------------------------------------------------------


KILL_BUDGET = 6.0  # seconds of kill rounds: a slow machine runs fewer rounds, never a weaker check
READY_WAIT = 60.0  # seconds a saver may take to get its first save through (a very busy machine)
SAVING = b"saving"  # what a held saver says once its save's temp file is made


def _keep_saving(path: Path, first: int, acks: int, hold_at: int | None) -> None:
    """The child: save "entry N" one after another, acknowledging each only once its save returned.

    With HOLD_AT, the save of that many acknowledged entries in stops right after making its
    temp file, says so, and waits there to be killed: a kill mid-save, however slow the machine.
    """
    if hold_at is not None:
        import tempfile

        make = tempfile.mkstemp
        saved = [0]

        def mkstemp(*args, **kwargs):
            made = make(*args, **kwargs)
            if saved[0] == hold_at:
                os.write(acks, SAVING + b"\n")
                signal.pause()  # until the parent's kill -9
            return made

        tempfile.mkstemp = mkstemp
    store = Store(path)
    n = first
    while True:
        decide(store, f"entry {n}")
        os.write(acks, b"%d\n" % n)
        if hold_at is not None:
            saved[0] += 1
        n += 1


def _read_until(fd: int, wanted: bytes, timeout: float) -> bytes:
    """What the child said until a whole line WANTED (any acknowledgement, for b""), or until it went quiet for TIMEOUT."""
    import select

    said = b""
    while True:
        lines = said.split(b"\n")[:-1]
        if any(line == wanted or (wanted == b"" and line.isdigit()) for line in lines):
            return said
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            return said
        chunk = os.read(fd, 65536)
        if not chunk:
            return said
        said += chunk


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 65536):
        chunks.append(chunk)
    return b"".join(chunks)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_kill_9_at_random_moments_never_loses_an_acknowledged_entry(path):
    """Rounds for a fixed time: each kills a saver at a random moment after its first save,
    or while it is held mid-save; after each kill every acknowledged entry must be there.

    What a slow machine changes is how many rounds fit, not what each round proves: a
    round starts its clock only once the saver's first save came through, and a held
    round's kill lands between the temp file and the rename by construction.
    """
    rng = random.Random(20261127)
    acknowledged: set[int] = set()
    next_entry = 1
    rounds = held_rounds = 0
    deadline = time.monotonic() + KILL_BUDGET
    while rounds < 4 or time.monotonic() < deadline:
        held = rounds % 2 == 1
        hold_at = rng.randint(0, 3) if held else None
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: saves until killed, and never returns into pytest
            try:
                os.close(read_end)
                _keep_saving(path, next_entry, write_end, hold_at)
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(1)
        os.close(write_end)
        said = _read_until(read_end, SAVING if held else b"", READY_WAIT)
        if not held:
            time.sleep(rng.uniform(0.0, 0.03))  # a random moment of the saves that follow
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        said += _read_all(read_end)
        os.close(read_end)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, (
            f"round {rounds}: the saver failed on its own"
        )
        lines = said.split(b"\n")
        assert (SAVING in lines) if held else any(line.isdigit() for line in lines), (
            f"round {rounds}: the saver never got to save"
        )

        # Only whole lines are acknowledgements (a line is written at once, so none is torn).
        acknowledged |= {int(line) for line in lines if line.isdigit()}
        assert path.exists(), f"round {rounds}: the journal is gone"
        if held:
            held_rounds += 1
            assert temp_files(path.parent), f"round {rounds}: killed mid-save, yet no temp file was left"
        store = Store(path)  # always parses
        saved = store.all_decisions()
        found = {int(d.text.removeprefix("entry ")) for d in saved}
        missing = acknowledged - found
        assert not missing, f"round {rounds}: acknowledged entries lost: {sorted(missing)[:10]}"
        numbers = [d.n for d in saved]
        assert len(numbers) == len(set(numbers)), f"round {rounds}: two decisions share a number"
        store.close()
        next_entry = max(found | acknowledged, default=0) + 1
        rounds += 1

    assert held_rounds >= 2
    # What a kill left behind is only ever a stray temp file, which `doctor` sees and the
    # next save (holding the lock, so no save is under way) clears away.
    assert JournalFile(path).stray_temp_files() == [path.parent / name for name in temp_files(path.parent)]
    if temp_files(path.parent):
        store = Store(path)
        store.add_decision(
            pendulum.datetime(2026, 11, 27, 9, tz="Europe/Berlin"), "2026-11-27", "after the kills", "Inner Foundation"
        )
        assert temp_files(path.parent) == []


# -- a disk that fails at each step of a save ---------------------------------------------------


def fail(code: int) -> OSError:
    return OSError(code, os.strerror(code))


class _FailingFile:
    """A temp file whose write (or flush) fails after half the bytes reached it, like a full disk."""

    def __init__(self, file, code: int, on: str) -> None:
        self._file, self._code, self._on = file, code, on

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        try:
            self._file.close()
        except OSError:
            pass

    def write(self, raw: bytes) -> int:
        if self._on == "write":
            self._file.write(raw[: len(raw) // 2])
            self._file.flush()
            raise fail(self._code)
        return self._file.write(raw)

    def writelines(self, parts) -> None:
        self.write(b"".join(parts))

    def flush(self) -> None:
        if self._on == "flush":
            raise fail(self._code)
        self._file.flush()

    def __getattr__(self, name):
        return getattr(self._file, name)


def _is_folder(fd: int) -> bool:
    return stat.S_ISDIR(os.fstat(fd).st_mode)


def inject(monkeypatch, step: str, code: int) -> None:
    """Make one step of the next save fail with CODE, patched where the save looks it up."""
    real_fsync, real_fdopen = os.fsync, os.fdopen
    mod = data.files  # the journal's save writes its file through data.files

    def failing(*args, **kwargs):
        raise fail(code)

    if step == "serialise":
        monkeypatch.setattr(data.journal_storage, "encode_journal", failing)
    elif step == "create the temp file":
        monkeypatch.setattr(mod.tempfile, "mkstemp", failing)
    elif step in ("write", "flush"):
        monkeypatch.setattr(mod.os, "fdopen", lambda *a, **k: _FailingFile(real_fdopen(*a, **k), code, step))
    elif step == "fsync the file":
        monkeypatch.setattr(mod.os, "fsync", lambda fd: failing() if not _is_folder(fd) else real_fsync(fd))
    elif step == "replace":
        monkeypatch.setattr(mod.os, "replace", failing)
    elif step == "fsync the folder":
        monkeypatch.setattr(mod.os, "fsync", lambda fd: failing() if _is_folder(fd) else real_fsync(fd))
    else:
        raise AssertionError(step)


STEPS = ["serialise", "create the temp file", "write", "flush", "fsync the file", "replace", "fsync the folder"]


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EIO], ids=["ENOSPC", "EIO"])
@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("first", [False, True], ids=["a later save", "the first save"])
def test_a_save_failing_at_any_step_leaves_the_old_or_the_new_journal_and_memory_matching_it(
    path, monkeypatch, step, code, first
):
    store = Store(path)
    if not first:
        decide(store, "one")
        decide(store, "two")
    old = path.read_bytes() if path.exists() else None
    encoded: list[bytes] = []  # the bytes each save set out to write
    real_save = JournalFile.save

    def recording(self, raw):
        encoded.append(raw if isinstance(raw, bytes) else b"".join(raw))
        return real_save(self, raw)

    monkeypatch.setattr(JournalFile, "save", recording)
    inject(monkeypatch, step, code)

    with pytest.raises(JournalError) as caught:
        decide(store, "the one the disk fought")
    monkeypatch.undo()
    assert os.strerror(code) in str(caught.value)
    assert str(path) in str(caught.value)

    now = path.read_bytes() if path.exists() else None
    if step == "fsync the folder":
        # The new journal is in place; only its durability is unsure, and the message says so.
        assert now == encoded[-1]
        assert "was saved" in str(caught.value)
    else:
        assert now == old
        assert "could not be saved" in str(caught.value)
    assert temp_files(path.parent) == []
    assert JournalFile(path).stray_temp_files() == []

    # Memory matches disk: the store that failed and a fresh one read the same journal.
    assert store.all_decisions() == Store(path).all_decisions()
    expected = ["one", "two"] * (not first) + ["the one the disk fought"] * (step == "fsync the folder")
    assert texts(store) == expected
    # And the store goes on working, numbering on from what was saved.
    after = decide(store, "once the disk is well")
    assert after.n == len(expected) + 1
    assert texts(Store(path)) == [*expected, "once the disk is well"]


def test_a_failed_save_of_a_migrated_journal_keeps_it_migrated_in_memory(path, monkeypatch):
    path.parent.mkdir()
    path.write_bytes(V1.read_bytes())
    store = Store(path)
    inject(monkeypatch, "replace", errno.ENOSPC)
    with pytest.raises(JournalError):
        decide(store, "refused")
    monkeypatch.undo()

    assert path.read_bytes() == V1.read_bytes()
    assert store.all_decisions() == Store(path).all_decisions()
    assert store.decision("3f2a9c1e5b7d4a60") == Store(path).decision("3f2a9c1e5b7d4a60") is not None
    assert [c.id for c in store.checks_for("3f2a9c1e5b7d4a60")] == ["b7e90a3c6d214f58"]

    decide(store, "accepted")
    saved = on_disk(path)
    assert saved["schema_version"] == SCHEMA_VERSION
    assert set(saved["decisions"]) == {"3f2a9c1e5b7d4a60", "8c41d07e2f9b4e13", store.decisions_on(DAY)[0].id}
    assert all(set(r) == {f.name for f in fields(Decision)} for r in saved["decisions"].values())
    assert [p.read_bytes() for p in (path.parent / "backups").glob("journal.before-v2-*.json")] == [V1.read_bytes()]


def test_a_migrated_journal_saved_but_not_synced_is_backed_up_before_v2_only_once(path, monkeypatch):
    path.parent.mkdir()
    path.write_bytes(V1.read_bytes())
    clock = [dt.datetime(2026, 11, 27, 20, 15, 30, tzinfo=dt.UTC)]
    store = Store(path, now=lambda: clock[0])
    inject(monkeypatch, "fsync the folder", errno.EIO)
    with pytest.raises(JournalError):
        decide(store, "saved, not confirmed")
    monkeypatch.undo()
    assert on_disk(path)["schema_version"] == SCHEMA_VERSION
    clock[0] += dt.timedelta(seconds=1)  # the backup's name is stamped to the second: let one pass
    decide(store, "the next one")
    before = sorted((path.parent / "backups").glob("journal.before-v*.json"))
    assert [p.read_bytes() for p in before] == [V1.read_bytes()]


# -- a damaged journal ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_journal(tmp_path_factory) -> bytes:
    """A real journal of a few entries, as Store writes it."""
    path = tmp_path_factory.mktemp("small") / "journal.json"
    store = Store(path)
    first = decide(
        store, "Say no to the Saturday shift", why="My weekend is mine", pulls_expected=["guilt"], certainty=3
    )
    decide(store, "Go to bed by eleven", say="Good night")
    store.save_check(NOW.add(hours=4), first, State.WOBBLING, pulls=["guilt"], body="tight chest")
    store.save_review(NOW.add(hours=12), DAY, {first.id: Outcome.RETURNED}, learned="the pull passes", contact=4)
    return path.read_bytes()


def _open_untouched(path: Path, raw: bytes) -> JournalError | None:
    """Open the journal holding RAW and read everything; the error, or None when it opens fine.

    Whatever happens, nothing may be written: the bytes, the time and the folder stay as they were.
    """
    path.write_bytes(raw)
    before = path.stat().st_mtime_ns
    error = None
    try:
        store = Store(path)
        for decision in store.all_decisions(include_deleted=True):
            store.checks_for(decision.id)
            store.review_on(decision.day)
            store.decisions_on(decision.day)
        store.close()
    except JournalError as caught:
        error = caught
    assert path.read_bytes() == raw
    assert path.stat().st_mtime_ns == before
    assert os.listdir(path.parent) == [path.name]  # no lock, temp file or backup: no save happened
    return error


def _clear(error: JournalError, path: Path) -> bool:
    message = str(error)
    return str(path) in message and "left untouched" in message


def test_a_journal_cut_short_at_any_byte_is_refused_clearly_and_left_as_it_was(tmp_path, small_journal):
    path = tmp_path / "journal.json"
    assert len(small_journal) > 500
    unclear = []
    for cut in range(len(small_journal)):
        error = _open_untouched(path, small_journal[:cut])
        if error is None or not _clear(error, path) or "Move it aside" not in str(error):
            unclear.append((cut, error))
    assert unclear == []
    assert _open_untouched(path, small_journal) is None  # the whole file is fine


def test_a_journal_with_a_flipped_byte_is_refused_clearly_or_opens_and_is_never_written(tmp_path, small_journal):
    path = tmp_path / "journal.json"
    rng = random.Random(1127)
    refused = opened = 0
    for _ in range(50):
        raw = bytearray(small_journal)
        at = rng.randrange(len(raw))
        raw[at] ^= rng.randrange(1, 256)
        error = _open_untouched(path, bytes(raw))
        if error is None:
            opened += 1
        else:
            assert _clear(error, path), (at, error)
            refused += 1
    assert refused > 0  # most flips break the JSON or the shape; some land harmlessly in text


def test_a_corrupt_journal_names_the_newest_good_backup_and_the_advice_works(path):
    store = Store(path)
    for k in range(1, 5):
        decide(store, f"decision {k}")
    good = path.read_bytes()
    decide(store, "decision 5")
    store.close()
    path.write_bytes(b'{"schema_version":2,"decisions":{"abc')  # damaged by another hand

    with pytest.raises(JournalError) as caught:
        Store(path)
    message = str(caught.value)
    newest = [p for p in (path.parent / "backups").glob("journal.save-*.json") if p.read_bytes() == good]
    assert len(newest) == 1
    assert f"The newest good backup is {newest[0]}" in message
    assert "left untouched" in message

    command = re.search(r"To go back to it: (.*)$", message).group(1)
    subprocess.run(command, shell=True, check=True)
    assert texts(Store(path)) == [f"decision {k}" for k in range(1, 5)]
    assert path.with_name("journal.json.damaged").read_bytes() == b'{"schema_version":2,"decisions":{"abc'


def test_a_damaged_backup_is_passed_over_for_the_next_good_one(path):
    store = Store(path)
    for k in range(1, 5):
        decide(store, f"decision {k}")
    store.close()
    saves = sorted((path.parent / "backups").glob("journal.save-*.json"))
    newest, older = saves[-1], saves[-2]
    newest.write_bytes(b"{")
    path.write_bytes(b"")
    with pytest.raises(JournalError) as caught:
        Store(path)
    assert f"The newest good backup is {older}" in str(caught.value)


# -- privacy, symlinks ------------------------------------------------------------------------------


@pytest.fixture
def open_umask():
    """A umask that would leave files readable by others: privacy must not depend on the umask."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


def test_journal_lock_and_backups_are_readable_by_the_user_only(path, open_umask):
    store = Store(path)
    for k in range(3):
        decide(store, f"decision {k}")
    backups = path.parent / "backups"
    assert mode(path) == 0o600
    assert mode(path.with_name("journal.json.lock")) == 0o600
    assert mode(path.parent) == 0o700
    assert mode(backups) == 0o700
    assert len(list(backups.iterdir())) == 3  # two saves and the day's first
    assert all(mode(p) == 0o600 for p in backups.iterdir())


def test_backups_copied_where_hard_links_fail_are_private_and_readable(path, open_umask, monkeypatch):
    def no_links(*args, **kwargs):
        raise OSError(errno.EPERM, os.strerror(errno.EPERM))

    monkeypatch.setattr(data.journal_file.os, "link", no_links)
    store = Store(path)
    for k in range(3):
        decide(store, f"decision {k}")
    monkeypatch.undo()
    found = list((path.parent / "backups").iterdir())
    assert len(found) == 3
    assert all(mode(p) == 0o600 and p.stat().st_nlink == 1 for p in found)
    assert all(Store(p).all_decisions() for p in found)


def test_a_symlinked_journal_stays_a_symlink_through_many_saves(tmp_path):
    real = tmp_path / "sync" / "journal.json"
    real.parent.mkdir()
    link = tmp_path / "home" / "journal.json"
    link.parent.mkdir()
    link.symlink_to(real)
    store = Store(link)
    for k in range(4):
        decide(store, f"decision {k}")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert os.listdir(link.parent) == ["journal.json"]  # nothing left beside the link
    assert [d["text"] for d in on_disk(real)["decisions"].values()] == [f"decision {k}" for k in range(4)]
    assert texts(Store(link)) == texts(Store(real)) == [f"decision {k}" for k in range(4)]
    assert list((real.parent / "backups").glob("journal.save-*.json"))


# -- rolling backups -------------------------------------------------------------------------------


def test_the_last_five_saves_are_kept_each_a_readable_journal_from_before_a_save(path):
    store = Store(path)
    versions = []
    for k in range(1, 9):
        decide(store, f"decision {k}")
        versions.append(path.read_bytes())
    saves = sorted((path.parent / "backups").glob("journal.save-*.json"))
    assert SAVES_KEPT == 5
    assert len(saves) == 5
    # The newest five: the journal as it was before saves 4 to 8, oldest first.
    assert [p.read_bytes() for p in saves] == versions[2:7]
    for k, backup in enumerate(saves, start=3):
        assert texts(Store(backup)) == [f"decision {j}" for j in range(1, k + 1)]
    # The day's backup is the day's first journal, kept through later saves.
    [day] = (path.parent / "backups").glob("journal.day-*.json")
    assert day.name == f"journal.day-{dt.date.today().isoformat()}.json"
    assert day.read_bytes() == versions[0]


@pytest.mark.parametrize("links", [True, False], ids=["hard links", "copies"])
def test_the_days_backup_is_the_days_first_journal_through_later_sessions(path, monkeypatch, links):
    if not links:

        def no_links(*args, **kwargs):
            raise OSError(errno.EPERM, os.strerror(errno.EPERM))

        monkeypatch.setattr(data.journal_file.os, "link", no_links)
    first = Store(path)
    decide(first, "morning")
    morning = path.read_bytes()
    decide(first, "midday")
    first.close()
    for k in range(3):  # the app, then a command or two later the same day: each its own session
        later = Store(path)
        decide(later, f"evening {k}")
        later.close()
    [day] = (path.parent / "backups").glob("journal.day-*.json")
    assert day.name == f"journal.day-{dt.date.today().isoformat()}.json"
    assert day.read_bytes() == morning
    assert texts(Store(day)) == ["morning"]


def test_daily_backups_older_than_the_setting_are_pruned(path):
    store = Store(path, daily_backups=14)
    decide(store, "first")
    decide(store, "second")  # the first journal replaced: the backups folder is there
    backups = path.parent / "backups"
    today = dt.date.today()
    for days_ago in range(1, 21):
        old = backups / f"journal.day-{(today - dt.timedelta(days=days_ago)).isoformat()}.json"
        old.write_bytes(path.read_bytes())
    decide(store, "third")
    kept = sorted(p.name for p in backups.glob("journal.day-*.json"))
    assert kept == sorted(f"journal.day-{(today - dt.timedelta(days=k)).isoformat()}.json" for k in range(15))


def test_no_daily_backups_when_the_setting_is_0(path):
    store = Store(path, daily_backups=0)
    for k in range(3):
        decide(store, f"decision {k}")
    backups = path.parent / "backups"
    assert list(backups.glob("journal.day-*.json")) == []
    assert len(list(backups.glob("journal.save-*.json"))) == 2


def test_a_closed_store_refuses_reads_and_writes_and_leaves_the_journal_alone(path):
    store = Store(path)
    kept = decide(store, "saved before closing")
    raw = path.read_bytes()
    store.close()
    for use in (
        lambda: store.all_decisions(),
        lambda: store.decisions_on(DAY),
        lambda: store.decision(kept.id),
        lambda: store.review_on(DAY),
        lambda: decide(store, "after closing"),
        lambda: store.save_check(NOW, kept, State.HOLDING),
        lambda: store.save_review(NOW, DAY, {kept.id: Outcome.KEPT}),
    ):
        with pytest.raises(JournalError):
            use()
    assert path.read_bytes() == raw


# -- migration ----------------------------------------------------------------------------------------


def v1_bytes(with_version: bool) -> bytes:
    raw = V1.read_bytes()
    return raw.replace(b"{\n", b'{\n  "schema_version": 1,\n', 1) if with_version else raw


@pytest.mark.parametrize("with_version", [False, True], ids=["no schema_version", "schema_version 1"])
def test_a_version_1_journal_opens_and_is_migrated_with_the_next_save_after_a_backup(path, with_version):
    raw = v1_bytes(with_version)
    assert b'"1": {' in raw and b'schema_version": 2' not in raw
    path.parent.mkdir()
    path.write_bytes(raw)
    before = path.stat().st_mtime_ns

    store = Store(path)
    saying_no, bed = store.decisions_on("2026-11-26")
    assert (saying_no.id, saying_no.n, saying_no.text, saying_no.why, saying_no.certainty) == (
        "3f2a9c1e5b7d4a60", 1, "Say no to the Saturday shift", "My weekend is mine", 3,
    )  # fmt: skip
    assert saying_no.outcome is Outcome.RETURNED
    assert (saying_no.say, saying_no.carried_from, saying_no.pulls_expected, saying_no.deleted_at) == (
        None,
        None,
        [],
        None,
    )
    assert (bed.id, bed.n, bed.why, bed.certainty, bed.next_step, bed.outcome) == (
        "8c41d07e2f9b4e13",
        2,
        "",
        None,
        "",
        None,
    )
    assert store.decision("8c41d07e2f9b4e13") == bed
    [check] = store.checks_for(saying_no.id)
    assert (check.id, check.state, check.pulls, check.patterns, check.body, check.return_step) == (
        "b7e90a3c6d214f58", State.WOBBLING, ["guilt"], [], "tight chest", "",
    )  # fmt: skip
    review = store.review_on("2026-11-26")
    assert (review.id, review.learned, review.repair, review.contact) == (
        "e5d3c2b1a0f94e87",
        "The pull passes if I wait",
        "",
        None,
    )
    # Reading never writes.
    assert path.read_bytes() == raw and path.stat().st_mtime_ns == before
    assert os.listdir(path.parent) == ["journal.json"]

    new = decide(store, "Keep Sunday free")
    saved = on_disk(path)
    assert saved["schema_version"] == SCHEMA_VERSION
    old = json.loads(raw)
    for table, kind in (("decisions", Decision), ("checks", Check), ("reviews", Review)):
        for key, record in saved[table].items():
            assert key == record["id"]
            assert set(record) == {f.name for f in fields(kind)}
        for record in old[table].values():
            assert saved[table][record["id"]] | record == saved[table][record["id"]]  # nothing it had was changed
    assert set(saved["decisions"]) == {"3f2a9c1e5b7d4a60", "8c41d07e2f9b4e13", new.id}
    [kept] = (path.parent / "backups").glob("journal.before-v2-*.json")
    assert kept.read_bytes() == raw

    reopened = Store(path)
    assert reopened.decisions_on("2026-11-26") == [saying_no, bed]
    decide(reopened, "another")
    assert len(list((path.parent / "backups").glob("journal.before-v2-*.json"))) == 1


# -- what JSON cannot keep -------------------------------------------------------------------------


REFUSED = {
    "NaN certainty": lambda s, d: decide(s, "x", certainty=float("nan")),
    "infinite certainty": lambda s, d: decide(s, "x", certainty=float("inf")),
    "minus infinity": lambda s, d: decide(s, "x", certainty=float("-inf")),
    "lone surrogate in text": lambda s, d: decide(s, "half an emoji \ud83d"),
    "lone surrogate in why": lambda s, d: decide(s, "x", why="\udc80"),
    "lone surrogate in a pull": lambda s, d: s.save_check(NOW, d, State.WOBBLING, pulls=["fe\ud800ar"]),
    "lone surrogate in a review": lambda s, d: s.save_review(NOW, DAY, {d.id: Outcome.KEPT}, learned="\udfff"),
    "NaN contact": lambda s, d: s.save_review(NOW, DAY, {d.id: Outcome.KEPT}, contact=float("nan")),
}


@pytest.mark.parametrize("save", REFUSED.values(), ids=REFUSED.keys())
def test_what_json_cannot_keep_is_refused_before_the_disk_is_touched(path, save):
    store = Store(path)
    kept = decide(store, "kept")
    decide(store, "kept too")
    raw, before, listing = path.read_bytes(), path.stat().st_mtime_ns, sorted(os.listdir(path.parent))
    backups = sorted(os.listdir(path.parent / "backups"))
    with pytest.raises(ValueError):
        save(store, kept)
    assert path.read_bytes() == raw and path.stat().st_mtime_ns == before
    assert sorted(os.listdir(path.parent)) == listing
    assert sorted(os.listdir(path.parent / "backups")) == backups
    assert texts(store) == ["kept", "kept too"]
    assert store.all_decisions() == Store(path).all_decisions()
    assert store.review_on(DAY) is None and store.checks_for(kept.id) == []


def test_what_json_cannot_keep_never_creates_a_journal(path):
    store = Store(path)
    with pytest.raises(ValueError):
        decide(store, "\ud800")
    assert not path.exists()
    assert store.all_decisions() == []


def test_a_save_remakes_only_changed_tables_yet_writes_the_whole_journal_exactly(path, monkeypatch):
    """Saves reuse the JSON of unchanged tables; the file must still be exactly the journal in memory."""
    import orjson

    from data.models import Outcome, State

    store = Store(path)
    now = pendulum.datetime(2026, 11, 27, 9, tz="Europe/Berlin")

    def on_disk_is_memory() -> None:
        raw = path.read_bytes()
        assert raw == orjson.dumps({"schema_version": SCHEMA_VERSION, **store.storage.read()})
        assert Store(path).all_decisions() == store.all_decisions()
        assert Store(path).all_checks(include_deleted=True) == store.all_checks(include_deleted=True)

    first = store.add_decision(now, "2026-11-27", "one", "Inner Foundation")
    on_disk_is_memory()
    check = store.save_check(now, first, State.WOBBLING, pulls=["fear"])
    on_disk_is_memory()
    store.save_review(now, "2026-11-27", {first.id: Outcome.RETURNED})
    on_disk_is_memory()
    other = Store(path)  # another process saves meanwhile
    other.add_decision(now, "2026-11-27", "from the other terminal", "Inner Foundation")
    store.delete_check(now, check.id)
    on_disk_is_memory()
    assert [d.text for d in store.all_decisions()] == ["one", "from the other terminal"]
    monkeypatch.setattr(
        data.journal_file.os, "replace", lambda *a: (_ for _ in ()).throw(OSError(errno.ENOSPC, "full"))
    )
    with pytest.raises(JournalError):
        store.restore(now, check.id)
    monkeypatch.undo()
    store.restore(now, check.id)
    on_disk_is_memory()
    assert store.check(check.id).deleted_at is None
