"""The journal file on disk: read and check it, save it atomically and durably, lock it, back it up.

A save never touches the journal in place: the new bytes go to a temporary file in the
same folder, which is flushed, fsynced and renamed over the journal, and then the folder
is fsynced (`data.files` does the writing, for every file selftrust writes). The file
that was replaced is kept as a backup by a hard link (no copying), so the last few saves
and one journal a day stay readable beside it. A sidecar lock file keeps two processes
from saving at once. A journal that cannot be read is never overwritten.
"""

from __future__ import annotations

import datetime as dt
import errno
import math
import os
import stat
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple, cast

import orjson

try:
    import fcntl
except ImportError:  # Windows has no fcntl: saves there stay atomic, just not locked
    fcntl = None  # type: ignore[assignment]  # the type checker knows the module of the system it runs on, not its absence

from data.files import fsync_folder_checked, link_or_copy, private_folder, write_atomic
from data.models import SCHEMA_VERSION
from data.resting import collector_resting
from data.schema import duplicate_problem, tables_problem

LOCK_WAIT = 10.0  # seconds to wait for another selftrust to finish saving
SAVES_KEPT = 5  # backups of the last few saves, beside the daily ones
BACKUP_FOLDER = "backups"
BACKUP_KINDS = ("save-", "day-", "before-")  # how a backup's name goes on after the file's own stem

Signature = tuple[int, int, int]
YEARS_FROM = 5  # the schema from which a journal keeps each earlier year in a file of its own


def utc_now() -> dt.datetime:
    """The real clock, in UTC: what backups are named by unless a test gives its own."""
    return dt.datetime.now(dt.UTC)


class JournalError(Exception):
    """The journal cannot be used (corrupt, unreadable, unwritable); the message says what to do."""


class JournalCorrupt(JournalError):
    """A journal file that cannot be read as a journal; it is never overwritten."""

    def __init__(self, path: Path, problem: str, advice: str | None = None) -> None:
        self.path, self.problem = path, problem
        advice = (
            advice
            or "Move it aside (or put back a copy you trust) and selftrust will start afresh; nothing in it is lost."
        )
        super().__init__(f"The journal {path} {problem}. It was left untouched. {advice}")

    def with_recovery(self, key: Any = None) -> JournalCorrupt:
        """The same error, pointing at the newest backup that reads well (opened with KEY, if sealed), when there is one."""
        good = newest_good_backup(self.path, key)
        if good is None:
            return self
        advice = (
            f"The newest good backup is {good}. To go back to it: "
            f"mv '{self.path}' '{self.path}.damaged' && cp '{good}' '{self.path}'"
        )
        return JournalCorrupt(self.path, self.problem, advice)


# -- what goes into the file -------------------------------------------------------


def encode_journal(data: dict[str, Any] | str) -> bytes:
    """The journal (or a table of it, or a table's name) as UTF-8 JSON bytes, made before the disk is touched.

    Refuses what JSON cannot hold faithfully (lone surrogates, keys that are not text);
    numbers that are not finite are refused record by record by `check_faithful`.
    """
    try:
        return orjson.dumps(data)
    except (orjson.JSONEncodeError, TypeError) as error:
        raise ValueError(f"this entry cannot be saved as text: {error}") from None


def check_faithful(value: Any, where: str = "entry") -> None:
    """Raise ValueError for anything JSON would not give back as it was (NaN, infinity, lone surrogates)."""
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"this {where} holds a number JSON cannot keep ({value})")
    elif isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError(f"this {where} holds text that is not valid Unicode") from None
    elif isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise ValueError(f"this {where} has a key that is not text ({key!r})")
            check_faithful(key, where)
            check_faithful(item, where)
    elif isinstance(value, (list, tuple)):
        for item in value:
            check_faithful(item, where)
    elif value is not None and not isinstance(value, (bool, int)):
        raise ValueError(f"this {where} holds a {type(value).__name__}, which JSON cannot keep")


def decode_journal(
    raw: bytes, path: Path, *, partial: bool = False
) -> tuple[int, dict[str, dict[str, dict[str, Any]]]]:
    """Parse, migrate and check the journal's bytes: (the version it was, its tables); JournalError if unusable.

    PARTIAL: a range of days (a backup's), whose references may point outside it. A file of a
    journal kept by year (schema 5 on) may name a carried decision of another year.
    """
    with collector_resting(lasting=True):  # tens of thousands of records, kept, none with a cycle to collect
        data = parse_journal(raw, path)
        if isinstance(data, dict) and (problem := duplicate_problem(raw, data)):
            raise JournalCorrupt(path, problem)
        return check_journal(data, path, partial=partial)


def saved_bytes(raw: bytes, size: int, crc: int) -> bool:
    """True when RAW are the very bytes a save noted by their SIZE and CRC-32: read them without checking each record again."""
    return len(raw) == size and zlib.crc32(raw) == crc


def decode_saved(raw: bytes, path: Path, trusted: bool) -> tuple[int, dict[str, dict[str, dict[str, Any]]]]:
    """As `decode_journal`, but TRUSTED bytes (this selftrust's own save, as the lock file notes it) are taken as they are."""
    if trusted:
        with collector_resting(lasting=True):
            data = orjson.loads(raw)
        if type(data) is dict and data.get("schema_version") == SCHEMA_VERSION:
            del data["schema_version"]
            return SCHEMA_VERSION, data
    return decode_journal(raw, path)


def parse_journal(raw: bytes, path: Path) -> Any:
    """The journal's bytes parsed as JSON (not yet checked); JournalCorrupt if they are not JSON."""
    if not raw.strip():
        raise JournalCorrupt(path, "is empty (0 bytes of journal)")
    try:
        data = orjson.loads(raw)  # orjson checks the UTF-8 as it reads
    except orjson.JSONDecodeError as error:
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as bad:
            raise JournalCorrupt(path, f"is not UTF-8 text (a bad byte at {bad.start})") from None
        raise JournalCorrupt(
            path, f"is damaged: it stops being valid JSON at line {error.lineno}, column {error.colno}"
        ) from None
    return data


def check_journal(data: Any, path: Path, *, partial: bool = False) -> tuple[int, dict[str, dict[str, dict[str, Any]]]]:
    """Migrate and check a parsed journal (DATA is changed): (the version it was, its tables); JournalError if unusable."""
    if not isinstance(data, dict):
        raise JournalCorrupt(path, "does not have the shape of a journal")
    version = data.pop("schema_version", 1)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise JournalCorrupt(path, "has an unreadable schema_version")
    if version > SCHEMA_VERSION:
        raise JournalError(
            f"The journal {path} was written by a newer selftrust (schema {version}); "
            f"please update selftrust. The journal was left untouched."
        )
    for name, table in data.items():
        if not isinstance(table, dict) or not all(isinstance(doc, dict) for doc in table.values()):
            raise JournalCorrupt(path, f"does not have the shape of a journal (table {name!r})")
    if version < SCHEMA_VERSION:
        from data.migrate import migrate  # an older journal is rare: its code is not loaded at every start

        data = migrate(data, version)
    problem = tables_problem(data, partial=partial, one_year=version >= YEARS_FROM)
    if problem:
        raise JournalCorrupt(path, problem)
    return version, data


# -- the file ---------------------------------------------------------------------


def signature_of(info: os.stat_result) -> Signature:
    """What tells one version of the file from another without reading it."""
    return (info.st_ino, info.st_size, info.st_mtime_ns)


class NotAFile(OSError):
    """A path that is there but is not a regular file (a folder, a named pipe, a device, a socket)."""

    def __init__(self, path: Path | str, kind: str) -> None:
        super().__init__(errno.EINVAL, f"{path} is {kind}, not a file")
        self.path, self.kind = path, kind


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def read_regular(path: Path | str) -> tuple[bytes, os.stat_result]:
    """The bytes of the regular file at PATH (a symlink to one is fine) and what fstat says of it.

    Opened without blocking and then looked at, so a named pipe, a device or a socket put
    where a file belongs is refused at once (NotAFile) instead of waiting forever for a
    writer, and nothing can swap the file between the look and the open.
    FileNotFoundError and other OSErrors pass through.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        if error.errno == errno.ENXIO:  # a socket (or a FIFO without a reader on some systems)
            raise NotAFile(path, "a socket") from None
        if error.errno == errno.EISDIR:
            raise NotAFile(path, "a folder") from None
        raise
    try:
        info = os.fstat(fd)
    except BaseException:
        os.close(fd)
        raise
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise NotAFile(path, _kind(info.st_mode))
    with os.fdopen(fd, "rb") as file:
        return file.read(), info


@dataclass
class JournalFile:
    """The journal's file: where it really is, its lock, its backups."""

    path: Path
    daily_backups: int = 14
    now: Callable[[], dt.datetime] = utc_now  # stamps the backups' names (to the second and finer)
    _swept: bool = field(default=False, repr=False)  # leftovers of interrupted saves cleared once
    _held: int | None = field(default=None, repr=False)  # the lock file, while this process holds it

    @property
    def real(self) -> Path:
        """The file itself (a symlinked journal stays a symlink; the file it points to is saved)."""
        return Path(os.path.realpath(self.path))

    @property
    def backup_folder(self) -> Path:
        return self.real.parent / BACKUP_FOLDER

    def read(self) -> tuple[bytes, Signature] | None:
        """The journal's bytes and signature, or None when there is no file yet."""
        try:
            raw, info = read_regular(self.path)
            return raw, signature_of(info)
        except FileNotFoundError:
            return None
        except NotAFile as error:
            raise JournalError(
                f"The journal {self.path} is {error.kind}, not a file. Point --db at a regular file."
            ) from None
        except OSError as error:
            raise JournalError(f"The journal {self.path} cannot be read: {error.strerror}.") from None

    def signature(self) -> Signature | None:
        """The file's signature now, or None when it is not there."""
        try:
            return signature_of(os.stat(self.path))
        except OSError:
            return None

    @property
    def lock_path(self) -> Path:
        """The sidecar lock file, beside the journal's real file."""
        return self.real.with_name(self.real.name + ".lock")

    @contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the journal's sidecar lock (another selftrust may be saving); JournalError if it never frees."""
        if fcntl is None:
            yield
            return
        lock_path = self.lock_path
        try:
            private_folder(lock_path.parent)
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NONBLOCK", 0), 0o600)
        except OSError as error:
            raise JournalError(f"The journal's lock file {lock_path} cannot be made: {error.strerror}.") from None
        try:
            deadline = time.monotonic() + LOCK_WAIT
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise JournalError(
                            f"The journal {self.path} is locked: another selftrust has been saving to it "
                            f"for {LOCK_WAIT:.0f} seconds. Close the other one (or wait) and try again."
                        ) from None
                    time.sleep(0.01)
                except OSError:
                    break  # a filesystem without locks: still atomic, just not locked
            self._held = fd
            yield
        finally:
            self._held = None
            os.close(fd)  # closing releases the lock

    def remember(self, raw: list[bytes]) -> None:
        """Note in the lock file (held) the length and CRC-32 of the journal's own file just saved as RAW.

        The next open that finds those very bytes takes them as saved, without checking every
        record again (see `decode_saved`). A cache: a note that cannot be written costs only that.
        """
        if self._held is None:
            return
        crc = 0
        for part in raw:
            crc = zlib.crc32(part, crc)
        note = orjson.dumps({"journal": [sum(map(len, raw)), crc]})
        try:
            os.pwrite(self._held, note, 0)
            os.ftruncate(self._held, len(note))
        except OSError:
            pass

    def remembered(self) -> tuple[int, int] | None:
        """The length and CRC-32 the lock file notes of the journal's own file as last saved, or None."""
        try:
            size, crc = orjson.loads(read_regular(self.lock_path)[0])["journal"]
            return (size, crc) if type(size) is int and type(crc) is int else None
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def save(self, raw: bytes | list[bytes]) -> Signature:
        """Replace the journal with RAW, atomically and durably, keeping the old file as a backup.

        Must be called with the lock held. Raises OSError when the new journal is not in place (the old one is, untouched, and
        no temporary file remains), and `SavedButNotSynced` when it is in place but the
        folder could not be synced.
        """
        real = self.real
        folder = real.parent
        private_folder(folder)
        if not self._swept:
            self._sweep()
        info = write_atomic(real, raw, sync=True, before_replace=lambda: self._keep_backup(real))
        try:
            fsync_folder_checked(folder)
        except OSError as error:
            raise SavedButNotSynced(error) from error
        return signature_of(info)

    def save_files(self, files: list[tuple[Path, bytes]]) -> Signature:
        """Replace several files of the journal as one save: all of them, or none (the journal's own file last).

        Must be called with the lock held. The new bytes of every file go first into one commit
        file, written atomically and durably: once it has its name the save is decided, and each
        file is then replaced in turn, each keeping its backup. A stop half-way is finished by the
        next open (`finish_commit`). Raises OSError when nothing changed, `CommitUnfinished` when
        the save is decided but a file could not take it yet (the next open finishes it), and
        `SavedButNotSynced` when every file took it but the disk did not confirm the commit file's name.
        """
        real = self.real
        folder = real.parent
        private_folder(folder)
        if not self._swept:
            self._sweep()
        marker = commit_path(real)
        write_atomic(marker, _commit_blob(files), sync=True)
        # From here the save is decided (the commit file has its name): it is carried through.
        try:
            fsync_folder_checked(folder)
            unsynced = None
        except OSError as error:
            unsynced = error  # in place, but the disk did not confirm it: go on, and say so after
        try:
            signature = _apply_commit(files, self.daily_backups, self.now)
            marker.unlink()
            fsync_folder_checked(folder)
        except OSError as error:
            raise CommitUnfinished(error) from error
        if unsynced is not None:
            raise SavedButNotSynced(unsynced)
        return signature

    def _sweep(self) -> None:
        """Remove temporary files an interrupted save left (called with the lock held, so none is in use)."""
        self._swept = True
        for stray in self.stray_temp_files():
            try:
                stray.unlink()
            except OSError:
                pass

    # -- backups ------------------------------------------------------------------

    def _keep_backup(self, real: Path) -> None:
        """Keep the journal about to be replaced: as the newest save, and as today's first."""
        if not real.exists():
            return
        folder = self.backup_folder
        try:
            private_folder(folder)
            now = self.now()
            link_or_copy(real, folder / f"{real.stem}.save-{now:%Y%m%dT%H%M%S%fZ}{real.suffix}")
            today = now.astimezone().date()  # the daily backups go by the local day
            daily = folder / f"{real.stem}.day-{today.isoformat()}{real.suffix}"
            if self.daily_backups > 0 and not daily.exists():
                link_or_copy(real, daily)
            self._prune(folder, real, today)
        except OSError:
            pass  # a backup that cannot be made never stops a save; `selftrust doctor` shows them

    def _prune(self, folder: Path, real: Path, today: dt.date) -> None:
        saves = sorted(folder.glob(f"{real.stem}.save-*{real.suffix}"))
        for old in saves[:-SAVES_KEPT]:
            old.unlink(missing_ok=True)
        oldest_day = (today - dt.timedelta(days=self.daily_backups)).isoformat()
        for day_file in folder.glob(f"{real.stem}.day-*{real.suffix}"):
            if day_file.name[len(real.stem) + 5 : len(real.stem) + 15] < oldest_day:
                day_file.unlink(missing_ok=True)

    def backups(self) -> list[Path]:
        """Every backup of this journal, newest first."""
        folder, real = self.backup_folder, self.real
        if not folder.is_dir():
            return []
        found = [
            p
            for p in folder.glob(f"{real.stem}.*{real.suffix}")
            if p.name[len(real.stem) + 1 :].startswith(BACKUP_KINDS) and p.is_file()
        ]
        return sorted(found, key=lambda p: p.stat().st_mtime_ns, reverse=True)

    def keep_before_migration(self, version: int) -> Path | None:
        """Keep the journal as it was before a migration; such a backup is never pruned."""
        return self.keep_before(f"v{version + 1}")

    def keep_before(self, change: str) -> Path | None:
        """Keep the file as it is before CHANGE (`v5`, `encrypt`): `backups/journal.before-CHANGE-….json`, never pruned."""
        real = self.real
        if not real.exists():
            return None
        private_folder(self.backup_folder)
        for kept in self.backup_folder.glob(f"{real.stem}.before-{change}-*{real.suffix}"):
            if os.path.samefile(kept, real):
                return kept  # this very file is kept already (a save that failed, tried again later)
        target = self.backup_folder / f"{real.stem}.before-{change}-{self.now():%Y%m%dT%H%M%SZ}{real.suffix}"
        link_or_copy(real, target)
        return target

    def stray_temp_files(self) -> list[Path]:
        """Temporary files a save left behind when it was stopped half-way (a crash, kill -9), the years' too."""
        real = self.real
        if not real.parent.is_dir():
            return []
        return sorted(
            {
                *real.parent.glob(f".{real.name}.*.tmp"),
                *real.parent.glob(f".{real.stem}.{YEAR_GLOB}{real.suffix}.*.tmp"),
            }
        )


class SavedButNotSynced(OSError):
    """The new journal is in place, but the folder could not be synced to disk."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error.errno, error.strerror)


def newest_good_backup(path: Path, key: Any = None) -> Path | None:
    """The newest backup of the journal at PATH that reads as a journal (opened with KEY, if sealed), or None."""
    from data.crypto import opened

    for candidate in JournalFile(path).backups():
        try:
            decode_journal(opened(read_regular(candidate)[0], candidate, key), candidate)
        except (JournalError, OSError):
            continue
        return candidate
    return None


# -- the years beside the journal ------------------------------------------------------------

YEARS_KEY = "years"  # in the journal's own file: each earlier year with a file of its own, and what it holds


class Sealed(NamedTuple):
    """An earlier year's own file as the journal names it: its revision, and the length and CRC-32 of its bytes."""

    rev: int
    size: int
    crc: int

    @classmethod
    def of(cls, rev: int, raw: bytes) -> Sealed:
        """RAW, saved as revision REV of its year's file."""
        return cls(rev, len(raw), zlib.crc32(raw))

    def holds(self, raw: bytes) -> bool:
        """True when RAW are the very bytes this selftrust saved: read them without checking each record again."""
        return saved_bytes(raw, self.size, self.crc)


def read_years(found: Any, path: Path) -> dict[str, Sealed]:
    """The journal's list of earlier years with their own files, by year; JournalCorrupt if unreadable."""
    if found is None:
        return {}
    years: dict[str, Sealed] = {}
    for year, entry in found.items():
        given = [entry.get(name) if isinstance(entry, dict) else None for name in Sealed._fields]
        if not (len(year) == 4 and year.isdigit()) or not all(type(n) is int and n >= 0 for n in given) or not given[0]:
            raise JournalCorrupt(path, f"has an unreadable list of years ({YEARS_KEY} {year!r})")
        years[year] = Sealed(*cast(list[int], given))
    return years


YEAR_GLOB = "[0-9][0-9][0-9][0-9]"


def year_path(path: Path, year: str) -> Path:
    """Where the journal at PATH keeps YEAR's records once a later year began: `journal.2019.json` beside it."""
    real = Path(os.path.realpath(path))
    return real.with_name(f"{real.stem}.{year}{real.suffix}")


def journal_files(path: Path) -> list[Path]:
    """The journal's own file at PATH and every year's file beside it (what a copy of the journal takes)."""
    real = Path(os.path.realpath(path))
    return [real, *sorted(real.parent.glob(f"{real.stem}.{YEAR_GLOB}{real.suffix}"))]


def commit_path(path: Path) -> Path:
    """Where a save that changes several files of the journal writes them all first (see `JournalFile.save_files`)."""
    real = Path(os.path.realpath(path))
    return real.with_name(real.name + ".commit")


_COMMIT_MAGIC = b"selftrust-commit 1\n"


def _commit_blob(files: list[tuple[Path, bytes]]) -> list[bytes]:
    """The commit file: a line naming each file with its length and CRC-32, then their bytes in that order."""
    heading = [[target.name, len(raw), zlib.crc32(raw)] for target, raw in files]
    return [_COMMIT_MAGIC, orjson.dumps({"files": heading}), b"\n", *(raw for _, raw in files)]


def _read_commit(raw: bytes, folder: Path) -> list[tuple[Path, bytes]] | None:
    """The files a commit file holds, or None when it is not a whole one."""
    if not raw.startswith(_COMMIT_MAGIC):
        return None
    end = raw.find(b"\n", len(_COMMIT_MAGIC))
    try:
        heading = orjson.loads(raw[len(_COMMIT_MAGIC) : end])["files"]
        files, at = [], end + 1
        for name, length, crc in heading:
            body = raw[at : at + length]
            if len(body) != length or zlib.crc32(body) != crc or "/" in name or name.startswith("."):
                return None
            files.append((folder / name, body))
            at += length
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError):
        return None
    return files if at == len(raw) else None


class CommitUnfinished(OSError):
    """A save of several files is decided (its commit file is whole on disk) but not every file took it yet."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error.errno, error.strerror)


def _apply_commit(files: list[tuple[Path, bytes]], daily_backups: int, now: Callable[[], dt.datetime]) -> Signature:
    """Each file of a decided save in place (each kept as a backup first); the last one's signature."""
    info = None
    for target, raw in files:
        keeper = JournalFile(target, daily_backups, now)
        info = write_atomic(target, raw, sync=True, before_replace=partial(keeper._keep_backup, target))
    fsync_folder_checked(files[-1][0].parent)
    assert info is not None
    return signature_of(info)


def finish_commit(path: Path) -> bool:
    """Finish a save of several files that a stop interrupted (call with the lock held); True when there was one.

    A whole commit file is applied again (each file gets the bytes it holds) and removed; one
    that is not whole never decided anything and is set aside in the backups.
    """
    marker = commit_path(path)
    try:
        raw, _ = read_regular(marker)
    except FileNotFoundError:
        return False
    except OSError as error:
        raise JournalError(f"The journal's unfinished save {marker} cannot be read: {error.strerror}.") from None
    files = _read_commit(raw, marker.parent)
    try:
        if files is None:
            folder = marker.parent / BACKUP_FOLDER
            private_folder(folder)
            os.replace(marker, folder / f"{marker.name}-damaged-{utc_now():%Y%m%dT%H%M%S%fZ}")
        else:
            for target, body in files:
                try:
                    same = read_regular(target)[0] == body
                except FileNotFoundError:
                    same = False
                if not same:
                    write_atomic(target, body, sync=True)
            fsync_folder_checked(marker.parent)
            marker.unlink()
        fsync_folder_checked(marker.parent)
    except OSError as error:
        raise JournalError(
            f"The journal {path} has a save that was stopped half-way and cannot be finished now "
            f"({error.strerror}). Nothing is lost: make room on the disk (or check the folder's permissions) and start again."
        ) from None
    return True
