"""The journal's TinyDB storage: read once, kept in memory, saved atomically and under the lock.

`data.store` and this module are the only ones that import TinyDB: this one adapts TinyDB
to the journal file (`data.journal_file` does the file itself: atomic, durable saves, the
lock, backups, the recent days kept beside it); `data.store` answers the practice's
questions on top of it in plain dataclasses.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from data.journal_file import (
    JournalCorrupt,
    JournalError,
    JournalFile,
    PartSums,
    SavedButNotSynced,
    Signature,
    decode_journal,
    encode_journal,
    part_sums,
    read_recent,
    recent_of,
    recent_since,
    utc_now,
    write_recent,
)
from data.models import SCHEMA_VERSION

__all__ = ["JournalDB", "JournalStorage"]


class JournalStorage(Storage):
    """A TinyDB storage that reads the journal once, keeps it in memory, and saves it atomically.

    Every save holds the journal's lock and starts from what is on disk (rereading it
    if another process saved meanwhile), so two processes never overwrite each other's
    entries. With PATH None it lives in memory only (tests).
    """

    def __init__(
        self,
        path: Path | None,
        daily_backups: int = 14,
        *,
        quick: bool = False,
        now: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        self.path = path
        self.file = JournalFile(path, daily_backups, now) if path is not None else None
        self._data: dict[str, Any] | None = None
        self._committed_parts: list[bytes] | None = None  # the journal as last read or saved
        self._chunks: dict[str, bytes] = {}  # each table as JSON, while it is unchanged in memory
        self._seen: Signature | None = None  # the file as last read or written
        self._deferred = 0
        self._dirty = False
        self._touched = False  # a table began to change in memory during the current batch
        self._closed = False
        self.loads = 0  # how many times the journal was read from disk
        self._migrated_from: int | None = None  # an older journal, migrated in memory, not yet saved
        # The recent days kept beside the journal, refreshed after every save from what
        # changed: each table's recent records are remade only when the table was touched.
        self._sums: PartSums | None = None  # what the file's bytes hold (see `part_sums`), None: not worked out
        self._part_sums: dict[int, tuple[bytes, tuple[int, int]]] = {}  # each saved part's sum, by the part
        self._recent: dict[str, dict[str, Any]] | None = None
        self._recent_since = ""
        self._recent_stale: set[str] = set()
        self._recent_of: Signature | None = None  # the journal the recent days on disk were made from
        # With QUICK, only the recent days are read at first (when a copy of them kept beside
        # the journal matches it): enough for Today. `complete()` reads the rest, and nothing
        # is ever saved from the recent days alone.
        self.partial = False
        self._completing = threading.Lock()
        # Held by every change to the tables in memory (a save, a batch, a reload of a file
        # another process saved) and by `unchanging`: a worker's reading never sees a table
        # change under it. `complete()` does not take it: it builds new tables and swaps them
        # in whole, never changing one a reader holds, so a save never waits on the 10 MB read.
        self._changing = threading.RLock()
        if self.file is not None:
            signature = self.file.signature() if quick else None  # one look: what is read is what is remembered
            recent = read_recent(self.file.path, signature)
            if recent is not None:
                self._data, self._seen, self.partial = recent, signature, True
                self._recent_of = signature
            else:
                found = self.file.read()
                if found is not None:
                    self._load(found)

    def complete(self) -> None:
        """Read the whole journal, if only its recent days were read so far (safe from any thread)."""
        if not self.partial:
            return
        with self._completing:
            if not self.partial:
                return
            assert self.file is not None
            found = self.file.read()
            if found is not None:
                self._load(found)
            else:
                self._data, self._seen = None, None
            self.partial = False

    def keep_recent(self) -> None:
        """Keep the recent days beside the journal, for a fast first screen next time.

        Called after every save by the command line and the app (once the save is shown, so
        the save itself stays as fast as before), and when the app closes. It remakes only
        the tables that changed, and does nothing when they are already kept for the
        journal as it is. A failure here never fails anything: the next start reads the
        whole journal instead.
        """
        if self._recent_of is not None and self._recent_of == self._seen:
            return  # already kept, from the journal as it is
        self._refresh_recent()

    def _refresh_recent(self) -> None:
        """Write the recent days of the journal as last read or saved; a failure only costs the next start its speed."""
        if self.file is None or self.partial or self._closed or self._data is None or self._seen is None:
            return
        try:
            data, stale = self._data, self._recent_stale
            if self._recent is not None and "decisions" in stale and recent_since(data) != self._recent_since:
                self._recent = None  # a new newest day: every table's recent days move
            if self._recent is None:
                self._recent_since = recent_since(data)
                self._recent = {name: recent_of(table, self._recent_since) for name, table in data.items()}
            else:
                for name in stale | (data.keys() - self._recent.keys()):
                    if name in data:
                        self._recent[name] = recent_of(data[name], self._recent_since)
                for name in self._recent.keys() - data.keys():
                    del self._recent[name]
            stale.clear()
            if self._sums is None and self._committed_parts is not None:
                self._sums = self._sums_of(self._committed_parts)
            write_recent(self.file.path, self._seen, self._recent, sums=self._sums, since=self._recent_since)
            self._recent_of = self._seen
        except Exception:  # a hand-edited day, a full disk: the journal is saved; this is only speed
            self._recent = None

    def _load(self, found: tuple[bytes, Signature]) -> int:
        """Take the journal's bytes as this process's journal; returns the version they were."""
        raw, signature = found
        version = SCHEMA_VERSION
        if raw != self._committed:
            try:
                version, tables = decode_journal(
                    raw, cast(Path, self.path)
                )  # bytes are read only from a journal on disk
            except JournalCorrupt as error:
                raise error.with_recovery() from None
            self._data = tables
            self._chunks.clear()
            self._committed = raw
            self._sums, self._recent = None, None
            self.loads += 1
            # An older journal is migrated in memory now and written with the next save
            # (after a backup of the old file), so reading never writes.
            self._migrated_from = version if version < SCHEMA_VERSION else None
        self._seen = signature
        return version

    def refresh(self) -> None:
        """Reread the journal if another process saved it since this one last read or wrote it.

        Never inside a batch (its changes are not saved yet). A journal that became
        unreadable keeps what is in memory here; the next save reports it.
        """
        if self.file is None or self._deferred or self._closed or self.partial:
            return
        with self._changing:
            if self.file.signature() != self._seen:
                try:
                    found = self.file.read()
                    if found is not None:
                        self._load(found)
                except JournalError:
                    pass

    @contextmanager
    def unchanging(self) -> Iterator[dict[str, Any]]:
        """The journal's tables, reloaded if another process saved, and left unchanged while held.

        No save, batch or reload (from any thread) changes them meanwhile: they wait. So hold
        it briefly (copy what is needed, work after), and never wait inside it on the UI thread.
        """
        with self._changing:
            self.refresh()
            yield self.read() or {}

    @contextmanager
    def changing(self) -> Iterator[None]:
        """Hold off `unchanging` readers while the tables are changed in memory (see `_JournalTable`)."""
        with self._changing:
            yield

    def read(self) -> dict[str, Any] | None:
        """The journal's tables (TinyDB may change them in place before `write`)."""
        if self._closed:
            raise JournalError("The journal is closed.")
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        """Save DATA: atomically to disk now, or at the end of the current batch."""
        if self._closed:
            raise JournalError("The journal is closed.")
        self._data = data
        if self._deferred:
            self._dirty = True
            return
        with self._locked():
            self._commit()

    def _commit(self) -> None:
        """Serialise first, then save; on any failure memory goes back to what is on disk."""
        data = self._data or {}
        try:
            raw = self._encode(data)
            if self.file is not None and self._migrated_from is not None:
                self.file.keep_before_migration(self._migrated_from)
            signature = self.file.save(raw) if self.file is not None else None
        except SavedButNotSynced as error:
            # The new journal is in place: memory already matches it, only durability is unsure.
            self._committed, self._dirty = raw, False
            self._seen = self.file.signature() if self.file is not None else None
            self._migrated_from = None  # the file is the new version now: no second "before" backup
            self._sums = None
            raise JournalError(
                f"The journal {self.path} was saved, but the disk did not confirm it ({error.strerror}). "
                f"If the machine stops now the last save may be lost; check the disk and try again."
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
        self._committed = raw
        self._seen = signature
        self._dirty = False
        self._migrated_from = None
        self._sums = None  # worked out with the recent days, after the save (see `keep_recent`)

    def _sums_of(self, parts: list[bytes]) -> PartSums:
        """The sums of the saved PARTS, reusing those of parts saved before (unchanged tables)."""
        known, fresh = self._part_sums, {}
        sums = []
        for part in parts:
            found = known.get(id(part))
            entry = found if found is not None and found[0] is part else (part, part_sums(part)[0])
            if len(part) > 256:
                fresh[id(part)] = entry  # a table's JSON, kept while the part itself is
            sums.append(entry[1])
        self._part_sums = fresh
        return sums

    def touch(self, table: str) -> None:
        """TABLE is about to change: its JSON and its recent days must be made afresh at the next save."""
        self._chunks.pop(table, None)
        self._recent_stale.add(table)
        self._touched = True

    @property
    def _committed(self) -> bytes | None:
        """The journal's bytes as last read or saved (joined only when needed: rarely)."""
        parts = self._committed_parts
        if parts is not None and len(parts) != 1:
            parts = self._committed_parts = [b"".join(parts)]
        return parts[0] if parts else None

    @_committed.setter
    def _committed(self, raw: bytes | list[bytes] | None) -> None:
        self._committed_parts = None if raw is None else ([raw] if isinstance(raw, bytes) else raw)

    def _encode(self, data: dict[str, Any]) -> list[bytes]:
        """The journal's bytes, remaking only the tables that changed since the last save.

        The same JSON as encoding it whole (`encode_journal`); a save that adds a check
        does not serialise ten years of decisions again.
        """
        parts = [b'{"schema_version":', str(SCHEMA_VERSION).encode()]
        fresh: dict[str, bytes] = {}
        for name, table in data.items():
            chunk = self._chunks.get(name)
            if chunk is None:
                chunk = fresh[name] = encode_journal(table)
            parts += [b",", encode_journal(name), b":", chunk]
        parts.append(b"}")
        self._chunks.update(fresh)
        return parts

    def _restore(self) -> None:
        """Put memory back to the last committed journal (TinyDB changed it in place)."""
        self._chunks.clear()
        self._dirty = False
        self._recent = None
        if self._committed is None:
            self._data = None
        else:
            data = orjson.loads(self._committed)
            data.pop("schema_version", None)
            if self._migrated_from is not None:  # still the older journal on disk: migrate it again, as on open
                from data.migrate import migrate

                data = migrate(data, self._migrated_from)
            self._data = data

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the lock and start from the journal on disk (another process may have saved)."""
        if self.file is None:
            yield
            return
        self.complete()  # never save from the recent days alone
        with self.file.lock():
            if self.file.signature() != self._seen:
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

    def close(self) -> None:
        """No more reads or writes."""
        self._closed = True


class _JournalTable(Table):
    """A table whose documents are keyed by the record's own string id."""

    document_id_class = str  # type: ignore[assignment]  # TinyDB's hints know only its own int ids; ours are the records' ids

    def _update_table(self, updater: Callable[[dict[Any, Mapping[str, Any]]], None]) -> None:
        """TinyDB's table update, minus its two copies of the table: our keys are already text.

        Every change to a table comes through here, so its saved JSON is marked stale first.
        """
        storage = cast(JournalStorage, self._storage)  # JournalDB gives its tables this storage
        with storage.changing():
            storage.touch(self.name)
            tables = self._storage.read()
            if tables is None:
                tables = {}
            table = tables.setdefault(self.name, {})
            updater(table)
            self._storage.write(tables)
        self.clear_cache()


class JournalDB(TinyDB):
    """A TinyDB whose tables key documents by the record's own id (see `_JournalTable`)."""

    table_class = _JournalTable
