"""The journal's TinyDB storage: a file a year, each read when first asked for, saved atomically under the lock.

The layout (schema 5): the journal's own file (`journal.json`) holds its newest year, and
under "years" the revision of every earlier year's file beside it (`journal.2019.json`),
each a TinyDB JSON file of that year's records. A save rewrites only what changed: today's
save, the journal's own file alone, whatever the journal's size; an edit of 2019, that year's
file and the journal's own (which always changes with a save, so another process sees it).
A save of several files is one commit (`JournalFile.save_files`): all or none.

`data.store` and this module are the only ones that import TinyDB: this one adapts TinyDB
to the journal's files (`data.journal_file` does the files themselves: atomic, durable
saves, the lock, backups); `data.store` answers the practice's questions on top of it in
plain dataclasses.
"""

from __future__ import annotations

import datetime as dt
import itertools
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from data.crypto import Key, is_sealed, opened, sealed
from data.journal_file import (
    YEARS_KEY,
    CommitUnfinished,
    JournalCorrupt,
    JournalError,
    JournalFile,
    SavedButNotSynced,
    Sealed,
    Signature,
    commit_path,
    decode_journal,
    decode_saved,
    encode_journal,
    finish_commit,
    journal_files,
    read_regular,
    read_years,
    saved_bytes,
    utc_now,
    year_path,
)
from data.models import SCHEMA_VERSION
from data.resting import collector_resting
from data.schema import KINDS

__all__ = ["JournalDB", "JournalStorage"]

Tables = dict[str, dict[str, Any]]


def _empty() -> Tables:
    return {kind: {} for kind in KINDS}


def _year_of(doc: Mapping[str, Any]) -> str:
    return cast(str, doc["day"])[:4]  # every record has its day (each file is checked when read)


def _by_year(tables: Mapping[str, Any]) -> dict[str, Tables]:
    """The records of TABLES, year by year."""
    years: dict[str, Tables] = {}
    for kind in KINDS:
        for key, doc in (tables.get(kind) or {}).items():
            year = doc["day"][:4]
            found = years.get(year)
            if found is None:
                found = years[year] = _empty()
            found[kind][key] = doc
    return years


_versions = itertools.count(1)  # every year read or changed in memory takes the next: see `JournalStorage.version`


class _Year:
    """One year of the journal in memory: its records, and its file's revision and bytes."""

    __slots__ = ("chunks", "raw", "rev", "tables", "version", "year")

    def __init__(self, year: str, tables: Tables, rev: int = 0, raw: bytes | None = None) -> None:
        self.year = year
        self.version = next(_versions)
        self.tables = tables  # kind -> id -> record: the same records the merged tables hold
        self.rev = rev  # its own file's revision (0: none yet, it lives in the journal's own file)
        self.raw = raw  # its own file's bytes as last read or saved, opened if sealed (None: none yet)
        self.chunks: dict[str, bytes] = {}  # each table as JSON, while it is unchanged in memory

    def __len__(self) -> int:
        return sum(len(table) for table in self.tables.values())


class JournalStorage(Storage):
    """A TinyDB storage over the journal's files: each year read when first asked for, kept in memory, saved atomically.

    Every save holds the journal's lock and starts from what is on disk (rereading it
    if another process saved meanwhile), so two processes never overwrite each other's
    entries. With PATH None it lives in memory only (tests).

    KEY opens an encrypted journal's files (`data.crypto`); a save seals every file it
    writes while the journal's own file on disk is sealed (`sealing`), and `reseal` turns
    that on or off for every file at once.
    """

    def __init__(
        self,
        path: Path | None,
        daily_backups: int = 14,
        *,
        now: Callable[[], dt.datetime] = utc_now,
        key: Key | None = None,
    ) -> None:
        self.path = path
        self.key = key
        self.sealing = False  # the journal's own file on disk is encrypted: every file a save writes is sealed
        self.file = JournalFile(path, daily_backups, now) if path is not None else None
        # Where a save of several files is written first; looked at before every reread, so found once.
        self._marker = commit_path(path) if path is not None else None
        self._data: Tables = _empty()  # every record of the years read, as TinyDB reads and changes them
        self._years: dict[str, _Year] = {}  # the years read (or begun in memory), by year
        self._sealed: dict[str, Sealed] = {}  # the earlier years with files of their own
        self._own: set[str] = set()  # the years whose records the journal's own file holds
        self._others: Tables = {}  # tables that are not selftrust's (a person's or a newer selftrust's): kept as they are
        self._raw: list[bytes] | None = None  # the journal's own file as last read or saved (opened, if sealed)
        self._disk: list[bytes] | None = None  # the same file's bytes as they are on disk
        self._seen: Signature | None = None  # that file as last read or written
        self._dirty_years: set[str] = set()  # the years changed in memory since the last save
        self._deferred = 0
        self._dirty = False
        self._touched = False  # a table began to change in memory during the current batch
        self._closed = False
        self.loads = 0  # how many times the journal's own file was read from disk
        self._migrated_from: int | None = None  # an older journal, migrated in memory, not yet saved
        # Held by every change to the tables in memory (a save, a batch, a year read, a reload
        # of a file another process saved) and by `unchanging`: a worker's reading never sees
        # a table change under it.
        self._changing = threading.RLock()
        if self.file is not None:
            found = self.file.read()
            if found is not None and self._unfinished():
                found = self.file.read()
            if found is not None:
                self._load(found)

    # -- reading --------------------------------------------------------------------------

    def _unfinished(self) -> bool:
        """Finish a save of several files a stop interrupted, if there is one; True when there was."""
        assert self.file is not None and self._marker is not None
        if not self._marker.exists():
            return False
        with self.file.lock():
            return finish_commit(self.file.path)

    def _take_unfinished(self) -> None:
        """Before an earlier year is read: a save of several files under way, or stopped, is taken whole first."""
        if self.file is None or self._deferred or self._marker is None or not self._marker.exists():
            return
        with self._changing:
            self._unfinished()
            found = self.file.read()
            if found is not None:
                self._load(found)

    def _load(self, found: tuple[bytes, Signature]) -> int:
        """Take the journal's own file as this process's journal; returns the version it was."""
        raw, signature = found
        version = SCHEMA_VERSION
        if self._disk is None or raw != b"".join(self._disk):
            path = cast(Path, self.path)  # bytes are read only from a journal on disk
            saved = cast(JournalFile, self.file).remembered()
            try:
                plain = opened(raw, path, self.key)
                version, tables = decode_saved(plain, path, saved is not None and saved_bytes(raw, *saved))
                sealed = read_years(tables.pop(YEARS_KEY, None), path)
                years = _by_year(tables)
            except JournalCorrupt as error:
                raise error.with_recovery(self.key) from None
            doubled = sorted(years.keys() & sealed.keys())
            if doubled:
                raise JournalCorrupt(
                    path, f"holds records of {doubled[0]}, which has a file of its own ({year_path(path, doubled[0])})"
                ).with_recovery()
            with self._changing:
                self._others = {name: table for name, table in tables.items() if name not in KINDS}
                kept = {
                    year: part
                    for year, part in self._years.items()
                    if year not in years and part.rev and year in sealed and sealed[year].rev == part.rev
                }  # an earlier year read already, and not saved since elsewhere
                self._years = kept | {year: _Year(year, part) for year, part in years.items()}
                self._sealed, self._own = sealed, set(years)
                self._raw, self._disk, self.sealing = [plain], [raw], is_sealed(raw)
                self._dirty_years.clear()
                self._merge()
            self.loads += 1
            # An older journal is migrated in memory now and written with the next save
            # (after a backup of the old file), so reading never writes.
            self._migrated_from = version if version < SCHEMA_VERSION else None
        self._seen = signature
        return version

    def _merge(self) -> None:
        """The merged tables TinyDB reads, from every year in memory (called with `_changing` held)."""
        merged = _empty()
        for year in sorted(self._years):
            for kind, table in self._years[year].tables.items():
                merged[kind].update(table)
        self._data = {**merged, **self._others}

    def years(self) -> list[str]:
        """Every year that holds a record, newest first (reads no year's records)."""
        held = {year for year, part in self._years.items() if len(part)} | self._sealed.keys()
        return sorted(held, reverse=True)

    @property
    def partial(self) -> bool:
        """True while an earlier year with a file of its own is not read yet."""
        return any(year not in self._years for year in self._sealed)

    def _read_year(self, year: str, sealed: Sealed) -> _Year:
        """YEAR's own file, read and checked (not yet taken into memory).

        Bytes that are exactly those this selftrust saved (their length and CRC-32 are in the
        journal's list of years) are taken as they are; any others (a copy put back by hand,
        an editor, another machine's older save) are checked record by record, as a journal is.
        """
        assert self.path is not None
        where = year_path(self.path, year)
        try:
            raw, _ = read_regular(where)
        except FileNotFoundError:
            raise JournalError(
                f"The journal {self.path} names {where} for {year}, and it is not there. Put it back "
                f"(its backups are in {where.parent / 'backups'}) and start again; nothing was written."
            ) from None
        except OSError as error:
            raise JournalError(f"The journal's year {where} cannot be read: {error.strerror}.") from None
        trusted = sealed.holds(raw)
        try:
            raw = opened(raw, where, self.key)
        except JournalCorrupt as error:
            raise error.with_recovery(self.key) from None
        if trusted:
            with collector_resting(lasting=True):
                tables = orjson.loads(raw)
            tables.pop("schema_version", None)
            return _Year(year, {kind: tables.get(kind, {}) for kind in KINDS}, sealed.rev, raw)
        try:
            _, tables = decode_journal(raw, where)
            strays = [
                d["day"] for kind in KINDS for d in tables.get(kind, {}).values() if not d["day"].startswith(year)
            ]
            if strays or any(name not in KINDS for name in tables):
                raise JournalCorrupt(where, f"holds what is not {year}'s ({strays[0] if strays else 'another table'})")
        except JournalCorrupt as error:
            found = error.with_recovery(self.key)
            if found is error:  # no backup of this year reads well: the other years are whole, only it needs care
                advice = (
                    f"Put back a copy of it you trust (a backup in {where.parent / 'backups'}, or another machine's); "
                    "every other year is untouched."
                )
                found = JournalCorrupt(where, error.problem, advice)
            raise found from None
        return _Year(year, {kind: tables.get(kind, {}) for kind in KINDS}, sealed.rev, raw)

    def _year_now(self, year: str) -> _Year | None:
        """YEAR as this process holds it, reading it if it has a file of its own; None if it holds nothing."""
        part = self._years.get(year)
        if part is not None or year not in self._sealed:
            return part
        self._take_unfinished()
        part = self._years.get(year)
        if part is not None or year not in self._sealed:
            return part
        self._install([self._read_year(year, self._sealed[year])])
        return self._years.get(year)

    def _install(self, read: list[_Year]) -> None:
        """Years just read, taken into memory (unless another process saved them meanwhile).

        The merged tables are made anew and swapped in whole, so a reader on another thread
        never sees one change under it.
        """
        with self._changing:
            fresh = [
                part
                for part in read
                if part.year not in self._years
                and part.year in self._sealed
                and self._sealed[part.year].rev == part.rev
            ]
            if not fresh:
                return
            merged = {kind: dict(self._data[kind]) for kind in KINDS}
            for part in fresh:
                self._years[part.year] = part
                for kind, table in part.tables.items():
                    merged[kind].update(table)
            self._data = {**merged, **self._others}

    def year(self, year: str) -> Tables:
        """YEAR's records, read from its own file when not yet read (kind -> id -> record; empty when none)."""
        if self._closed:
            raise JournalError("The journal is closed.")
        part = self._year_now(year)
        return part.tables if part is not None else _empty()

    def version(self, year: str) -> int:
        """A number for YEAR as held in memory now: another number once any of its records changed, here or elsewhere."""
        part = self._years.get(year)
        return part.version if part is not None else 0

    def glance(self, year: str) -> Tables:
        """YEAR's records without keeping a year not yet read in memory (a look across every year)."""
        part = self._years.get(year)
        if part is not None:
            return part.tables
        rev = self._sealed.get(year)
        return self._read_year(year, rev).tables if rev is not None else _empty()

    def complete(self) -> None:
        """Read every year not yet read, taking them into memory at once (safe from any thread)."""
        if not self.partial:
            return
        self._take_unfinished()
        missing = [(year, rev) for year, rev in self._sealed.items() if year not in self._years]
        self._install([self._read_year(year, rev) for year, rev in missing])
        if self.partial:  # another process saved meanwhile: read what it changed
            self.complete()

    def refresh(self) -> None:
        """Reread the journal if another process saved it since this one last read or wrote it.

        Never inside a batch (its changes are not saved yet). A journal that became
        unreadable keeps what is in memory here; the next save reports it.
        """
        if self.file is None or self._deferred or self._closed:
            return
        with self._changing:
            if self.file.signature() != self._seen or (self._marker is not None and self._marker.exists()):
                try:
                    self._unfinished()
                    found = self.file.read()
                    if found is not None:
                        self._load(found)
                except JournalError:
                    pass

    @contextmanager
    def unchanging(self, *, whole: bool = False) -> Iterator[dict[str, Any]]:
        """The journal's tables, reloaded if another process saved, and left unchanged while held.

        WHOLE: every year read first. No save, batch or reload (from any thread) changes them
        meanwhile: they wait. So hold it briefly (copy what is needed, work after), and never
        wait inside it on the UI thread.
        """
        with self._changing:
            self.refresh()
            if whole:
                self.complete()
            yield self.read() or {}

    @contextmanager
    def changing(self) -> Iterator[None]:
        """Hold off `unchanging` readers while the tables are changed in memory (see `_JournalTable`)."""
        with self._changing:
            yield

    def read(self) -> dict[str, Any] | None:
        """The tables of every year read so far (TinyDB may change them in place before `write`)."""
        if self._closed:
            raise JournalError("The journal is closed.")
        return self._data

    # -- changing -------------------------------------------------------------------------

    def touch(self, kind: str, doc: Mapping[str, Any]) -> None:
        """DOC of table KIND is about to change or be added: its year is read first, and saved with the next save."""
        self._touched = True
        if kind not in KINDS:
            return  # a table that is not selftrust's lives in the journal's own file, written with every save
        year = _year_of(doc)
        part = self._year_now(year)
        if part is None:
            part = self._years[year] = _Year(year, _empty())
        part.chunks.pop(kind, None)
        part.version = next(_versions)
        self._dirty_years.add(year)

    def table(self, name: str) -> dict[str, Any]:
        """The merged table NAME, begun when there is none yet (one that is not selftrust's is kept as it is)."""
        found = self._data.get(name)
        if found is None:
            found = self._data[name] = self._others[name] = {}
        return found

    def placed(self, kind: str, key: str, doc: dict[str, Any]) -> None:
        """DOC, just set in the merged table KIND, also in its year's."""
        if kind in KINDS:
            self._years[_year_of(doc)].tables[kind][key] = doc

    def removed(self, kind: str, key: str, doc: Mapping[str, Any]) -> None:
        """DOC, just taken out of the merged table KIND, out of its year's too."""
        if kind in KINDS:
            self._years[_year_of(doc)].tables[kind].pop(key, None)

    def write(self, data: dict[str, Any]) -> None:
        """Save DATA: atomically to disk now, or at the end of the current batch."""
        if self._closed:
            raise JournalError("The journal is closed.")
        # DATA is what `read` gave TinyDB, changed in place; the years hold every change already.
        if self._deferred:
            self._dirty = True
            return
        with self._locked():
            self._commit()

    def _layout(self) -> tuple[str | None, list[str]]:
        """Where the next save puts each year: the newest in the journal's own file, and the earlier ones to write."""
        years = self.years()
        newest = years[0] if years else None
        if self.file is None:
            return newest, []  # in memory only: no files to keep the years in
        moving = self._own - {newest} if newest else set()
        written = sorted(
            year
            for year in (self._dirty_years | moving | (set(self._years) if self._migrated_from else set()))
            if year != newest and year in self._years and len(self._years[year])
        )
        return newest, written

    def _encode_year(self, part: _Year | None) -> list[bytes]:
        """PART's tables as JSON members (`"decisions":{…},…`), remaking only the tables changed since last made."""
        parts: list[bytes] = []
        for kind in KINDS:
            chunk = part.chunks.get(kind) if part is not None else b"{}"
            if chunk is None and part is not None:
                chunk = part.chunks[kind] = encode_journal(part.tables[kind])
            assert chunk is not None
            parts += [b","] if parts else []
            parts += [encode_journal(kind), b":", chunk]
        return parts

    def _encode(self, newest: str | None, revs: dict[str, Sealed]) -> list[bytes]:
        """The journal's own file: the schema, the earlier years' revisions, the newest year, and other tables."""
        parts = [b'{"schema_version":', str(SCHEMA_VERSION).encode(), b","]
        if revs:
            parts += [
                encode_journal(YEARS_KEY),
                b":",
                encode_journal({year: sealed._asdict() for year, sealed in sorted(revs.items())}),
                b",",
            ]
        parts += self._encode_year(self._years.get(newest) if newest else None)
        for name, table in self._others.items():
            parts += [b",", encode_journal(name), b":", encode_journal(table)]
        parts.append(b"}")
        return parts

    def _commit(self) -> None:
        """Serialise first, then save; on any failure memory goes back to what is on disk."""
        try:
            newest, written = self._layout()
            if newest is not None:
                self._year_now(newest)  # never written from a year not read
            revs = {year: seal for year, seal in self._sealed.items() if year != newest}
            key = self._sealing_key()
            # Each year written: its year, its file, and its bytes on disk and opened.
            files: list[tuple[str, Path, bytes, bytes]] = []
            for year in written:
                members = self._encode_year(self._years[year])
                raw_year = b"".join([b'{"schema_version":', str(SCHEMA_VERSION).encode(), b",", *members, b"}"])
                disk_year = sealed(raw_year, key)
                before = revs.get(year)
                revs[year] = Sealed.of((before.rev if before else 0) + 1, disk_year)
                if self.path is not None:
                    files.append((year, year_path(self.path, year), disk_year, raw_year))
            # In memory only, every year stays in the one journal, as a file of an older selftrust held them.
            own = self._encode(newest, revs) if self.file is not None else [encode_journal(self._data)]
            disk = own if key is None else [key.seal(b"".join(own))]
            if self.file is not None and self._migrated_from is not None:
                self.file.keep_before_migration(self._migrated_from)
            if self.file is None:
                signature = None
            elif files:
                signature = self.file.save_files(
                    [*((where, raw) for _, where, raw, _ in files), (self.file.real, b"".join(disk))]
                )
            else:
                signature = self.file.save(disk)
        except (SavedButNotSynced, CommitUnfinished) as error:
            # The save is decided: memory already matches it; only its last steps are unsure.
            self._saved(newest, revs, own, disk, files, self.file.signature() if self.file is not None else None)
            finished = (
                "the next start finishes it" if isinstance(error, CommitUnfinished) else "the last save may be lost"
            )
            raise JournalError(
                f"The journal {self.path} was saved, but the disk did not confirm it ({error.strerror}). "
                f"If the machine stops now {finished}; check the disk and try again."
            ) from error
        except OSError as error:
            self._restore()
            raise JournalError(
                f"The journal {self.path} could not be saved: {error.strerror or error}. "
                f"Nothing was changed; make room on the disk (or check the folder's permissions) and try again."
            ) from error
        except ValueError as error:  # something in memory JSON cannot hold: nothing reached the disk
            self._restore()
            raise JournalError(f"The journal {self.path} could not be saved: {error}. Nothing was changed.") from error
        except BaseException:
            self._restore()
            raise
        self._saved(newest, revs, own, disk, files, signature)
        if self.file is not None:
            self.file.remember(disk)

    def _sealing_key(self) -> Key | None:
        """The key a save seals its files with: None while the journal is plain."""
        if not self.sealing:
            return None
        if self.key is None:
            raise JournalError(f"The journal {self.path} is encrypted, and no key was given to save it.")
        return self.key

    def _saved(
        self,
        newest: str | None,
        revs: dict[str, Sealed],
        own: list[bytes],
        disk: list[bytes],
        files: list[tuple[str, Path, bytes, bytes]],
        signature: Signature | None,
    ) -> None:
        """Memory now stands for what was saved: each year's place, revision and bytes."""
        for year, _, _, raw in files:
            part = self._years[year]
            part.rev, part.raw = revs[year].rev, raw
        if newest is not None and newest in self._years:
            self._years[newest].rev, self._years[newest].raw = 0, None
        self._sealed = revs
        self._own = set(self._years) if self.file is None else {newest} if newest is not None else set()
        self._raw, self._disk = own, disk
        self._seen = signature
        self._dirty = False
        self._dirty_years.clear()
        self._migrated_from = None

    def _restore(self) -> None:
        """Put memory back to what is on disk (TinyDB changed it in place)."""
        self._dirty = False
        with self._changing:
            own: dict[str, Tables] = {}
            if self._raw is not None:
                data = orjson.loads(b"".join(self._raw))
                data.pop("schema_version", None)
                data.pop(YEARS_KEY, None)
                if self._migrated_from is not None:  # still the older journal on disk: migrate it again, as on open
                    from data.migrate import migrate

                    data = migrate(data, self._migrated_from)
                self._others = {name: table for name, table in data.items() if name not in KINDS}
                own = _by_year(data)
            for year in list(self._years):
                part = self._years[year]
                if year in own:
                    self._years[year] = _Year(year, own[year])
                elif year in self._dirty_years or year in self._own:
                    if part.raw is None:
                        del self._years[year]  # begun in memory only
                    else:
                        tables = orjson.loads(part.raw)
                        self._years[year] = _Year(
                            year, {kind: tables.get(kind, {}) for kind in KINDS}, part.rev, part.raw
                        )
            self._dirty_years.clear()
            self._merge()

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the lock and start from the journal on disk (another process may have saved)."""
        if self.file is None:
            yield
            return
        with self.file.lock():
            unfinished = finish_commit(self.file.path)
            if unfinished or self.file.signature() != self._seen:
                found = self.file.read()
                if found is not None:
                    self._load(found)
            yield

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group several writes into one save; all of them or none.

        The outermost batch holds the journal's lock and starts from what is on disk.
        """
        if self._closed:
            raise JournalError("The journal is closed.")
        if self._deferred:
            self._deferred += 1
            try:
                yield
            finally:
                self._deferred -= 1
            return
        with self._changing, self._locked():  # a reader sees the journal before the batch or after it, never half-way
            self._deferred, self._touched = 1, False
            try:
                yield
            except BaseException:
                self._deferred = 0
                if self._touched or self._dirty:
                    self._restore()  # a change began in memory: back to what is on disk
                raise  # nothing changed (a conflict, a reference refused): nothing to undo
            self._deferred = 0
            if self._dirty:
                self._commit()

    @property
    def needs_settling(self) -> bool:
        """True when the journal is older than this selftrust, or holds earlier years in its own file."""
        return self.file is not None and (self._migrated_from is not None or len(self._own) > 1)

    def settle(self) -> None:
        """Bring an older or unsplit journal to the current layout now (after a backup), in one save."""
        with self.batch():
            if self.needs_settling:
                self._dirty = True

    def keep_backup(self, change: str) -> None:
        """Keep every file of the journal as it is now, before CHANGE (`encrypt`), as backups never pruned."""
        if self.file is None:
            return
        with self.file.lock():
            for where in journal_files(self.file.path):
                JournalFile(where, now=self.file.now).keep_before(change)

    def reseal(self, key: Key | None) -> None:
        """Write every file of the journal again in one save: sealed with KEY (encrypt), or plain when None (decrypt).

        The journal is settled on the way (an older or unsplit one takes the current layout).
        """
        self.complete()
        if key is not None:
            self.key = key
        try:
            with self.batch():
                self.sealing = key is not None
                self._dirty_years.update(year for year, part in self._years.items() if len(part))
                self._dirty = True
        finally:  # whatever happened, the journal seals its saves as the file on disk now is
            self.sealing = bool(self._disk) and is_sealed(cast(list[bytes], self._disk)[0])

    def close(self) -> None:
        """No more reads or writes."""
        self._closed = True


class _Recording(dict[str, Any]):  # a stand-in for one merged table, handed to TinyDB's updaters
    """One table as TinyDB's updaters change it: each record they reach is marked, with its year, for the next save."""

    def __init__(self, storage: JournalStorage, kind: str) -> None:
        super().__init__()
        self._storage, self._kind = storage, kind

    @property
    def _table(self) -> dict[str, Any]:
        return self._storage.table(self._kind)  # looked up each time: reading a year swaps the merged tables

    def __contains__(self, key: object) -> bool:
        return key in self._table

    def __getitem__(self, key: str) -> Any:
        doc = self._table[key]
        self._storage.touch(self._kind, doc)  # changed in place next
        return doc

    def get(self, key: str, default: Any = None) -> Any:
        return self._table.get(key, default)

    def __setitem__(self, key: str, doc: dict[str, Any]) -> None:
        self._storage.touch(self._kind, doc)  # its year is read first, so nothing of it is lost
        self._table[key] = doc
        self._storage.placed(self._kind, key, doc)

    def __delitem__(self, key: str) -> None:
        self.pop(key)

    def pop(self, key: str, *default: Any) -> Any:
        if key not in self._table and default:
            return default[0]
        doc = self._table[key]
        self._storage.touch(self._kind, doc)
        del self._table[key]  # after the touch: the table as it is once the year is read
        self._storage.removed(self._kind, key, doc)
        return doc

    def keys(self) -> Any:
        return self._table.keys()

    def items(self) -> Any:
        return self._table.items()

    def values(self) -> Any:
        return self._table.values()

    def __iter__(self) -> Iterator[str]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)

    def clear(self) -> None:
        self._storage.complete()
        for key in list(self._table):
            self.pop(key)


class _JournalTable(Table):
    """A table whose documents are keyed by the record's own string id."""

    document_id_class = str  # type: ignore[assignment]  # TinyDB's hints know only its own int ids; ours are the records' ids

    def _update_table(self, updater: Callable[[dict[Any, Mapping[str, Any]]], None]) -> None:
        """TinyDB's table update, minus its two copies of the table: our keys are already text.

        Every change to a table comes through here: each record it reaches is marked for the
        next save, in its own year.
        """
        storage = cast(JournalStorage, self._storage)  # JournalDB gives its tables this storage
        with storage.changing():
            tables = storage.read() or {}
            updater(_Recording(storage, self.name))
            storage.write(tables)
        self.clear_cache()


class JournalDB(TinyDB):
    """A TinyDB whose tables key documents by the record's own id (see `_JournalTable`)."""

    table_class = _JournalTable
