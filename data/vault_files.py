"""Writing files into a folder: atomically, privately, and only over files that are ours.

Files are written atomically (a temporary file in the same folder, renamed over the
name, or on Linux an unnamed file given its name once whole: `data.files`) and privately (0600;
folders export creates are 0700; existing folders keep their modes). Exports can be made
again from the journal, so a per-day export does not fsync every file: it fsyncs each
folder it wrote into once, at the end. A file already at the name is

- byte-identical to what would be written: left as it is (not even rewritten);
- ours and untouched (`data.ours`): replaced;
- ours but edited since: skipped, and named, unless `force`;
- not ours (or not a regular file): never touched, even with `force`.

A note with selftrust's region (`data.ours`) is half the person's: `place_note` keeps
everything of theirs and rewrites only our keys and the region, by the same rules; a note
of ours whose region is gone or broken is never rewritten (`mend` says why), and one
written before the region, untouched, is written afresh.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from data.crypto import Key, is_sealed, sealed
from data.files import create_new, fsync_folder, private_folder, write_atomic
from data.journal_file import JournalError
from data.ours import BEGIN, EDITED, FOREIGN, OURS, UNMARKED, Note, merged, read_note, whose


class ExportError(ValueError):
    """An export that cannot be done as asked (a bad pattern, a destination of the wrong kind)."""


class ExportFailed(OSError):
    """The disk refused a write; files written before it are whole, none is half-written.

    An OSError, so a caller that handles the disk's errors handles this one too; its
    message says which file and what to do.
    """


@dataclass
class ExportReport:
    """What an export did, file by file."""

    days: int = 0
    weeks: int = 0  # weekly notes among the files (data.weekly)
    written: list[Path] = field(default_factory=list)  # new, or replacing an untouched file of ours
    unchanged: list[Path] = field(default_factory=list)  # already exactly this: not rewritten
    edited: list[Path] = field(default_factory=list)  # skipped: edited since export (no force)
    foreign: list[Path] = field(default_factory=list)  # skipped: not written by selftrust, never touched
    forced: list[Path] = field(default_factory=list)  # written over edits (force); also in `written`
    empty: list[Path] = field(
        default_factory=list
    )  # the person's empty notes: skipped, or filled with force (then in `written`)
    mend: dict[Path, str] = field(default_factory=dict)  # notes whose region is gone or broken: why, never touched

    @property
    def skipped(self) -> list[Path]:
        """Files left as they were although they differ: edited ones, empty notes and ones not ours."""
        return self.edited + self.foreign + [p for p in self.empty if p not in self.written] + list(self.mend)

    def summary(self) -> str:
        """written N, unchanged M, skipped K."""
        return f"written {len(self.written)}, unchanged {len(self.unchanged)}, skipped {len(self.skipped)}"


def refuse_non_folder(path: Path) -> None:
    """ExportError when PATH is there but is no folder (a file, a pipe, a device)."""
    if path.exists() and not path.is_dir():
        raise ExportError(
            f"{path} is a file, not a folder"
            if path.is_file()
            else f"{path} is not a folder (a pipe, device or socket)"
        )


def make_private_folder(folder: Path) -> None:
    """Create FOLDER and any missing parents, each readable by the user only; existing ones stay as they are."""
    here = folder
    while not here.exists() and here.parent != here:
        here = here.parent
    refuse_non_folder(here)
    try:
        private_folder(folder)
    except OSError as error:
        raise ExportFailed(
            f"the folder {error.filename or folder} could not be made: {error.strerror or error}"
        ) from error


@contextmanager
def _failing_as_export(path: Path) -> Iterator[None]:
    """A disk's error while placing PATH, said as export says it: which file, and that the others are whole."""
    try:
        yield
    except OSError as error:
        raise ExportFailed(
            f"{path} could not be written: {error.strerror or error}. "
            f"The files written before it are whole; fix that and export again."
        ) from error


def _write(path: Path, data: bytes, report: ExportReport, sync: bool, key: Key | None = None) -> bool:
    """DATA (sealed with KEY, when given) written over PATH (atomically), and recorded: True."""
    write_atomic(path, sealed(data, key), sync=sync)
    report.written.append(path)
    return True


def _on_disk(path: Path, data: bytes, report: ExportReport, sync: bool, key: Key | None = None) -> bytes | bool:
    """What is at PATH now, to weigh against DATA; or, when nothing is left to weigh, whether DATA was written.

    No file there: DATA is made as a new one (True). Not a regular file (a folder, a link, a
    device), or already DATA byte for byte: recorded, and nothing written (False).
    With KEY (an encrypted journal's JSON backup), DATA is written sealed, and a sealed file
    there is weighed as what it holds once opened (a sealed file is never the same bytes
    twice); one that KEY does not open is not ours to write over.
    """
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        try:
            create_new(path, sealed(data, key), sync=sync)
            report.written.append(path)
            return True
        except FileExistsError:  # made meanwhile, by someone else: look at it as it is now
            info = os.lstat(path)
    if not stat.S_ISREG(info.st_mode):  # not a file we wrote
        report.foreign.append(path)
        return False
    with open(path, "rb") as file:
        raw = file.read()
    if key is not None and is_sealed(raw):
        try:
            raw = key.open(raw, path)
        except JournalError:  # sealed for another key, or damaged
            report.foreign.append(path)
            return False
    if raw == data:
        report.unchanged.append(path)
        return False
    return raw


def place(
    path: Path, data: bytes, force: bool, report: ExportReport, *, sync: bool = False, key: Key | None = None
) -> bool:
    """Write DATA at PATH if the rules allow (sealed with KEY, when given); record what happened. True when it was written."""
    if _REGION in data:  # a note with selftrust's region (its begin line, a line of its own)
        return place_note(path, data, force, report, sync=sync)
    with _failing_as_export(path):
        raw = _on_disk(path, data, report, sync, key)
        if isinstance(raw, bool):
            return raw
        if not raw:
            # An empty note is the person's (notes apps make the day's note empty), but holds
            # nothing --force could lose: it is filled only when asked.
            report.empty.append(path)
            if not force:
                return False
        else:
            kind = whose(raw)
            if kind == FOREIGN:  # text of the person's own: never touched, --force or not
                report.foreign.append(path)
                return False
            if kind == EDITED:
                if not force:
                    report.edited.append(path)
                    return False
                report.forced.append(path)
        return _write(path, data, report, sync, key)


_REGION = b"\n" + BEGIN.encode() + b"\n"  # never in text typed into a field: that is escaped, and indented


def place_note(path: Path, data: bytes, force: bool, report: ExportReport, *, sync: bool = False) -> bool:
    """Write the note DATA at PATH, keeping every byte of the person's in a note already there; True when written."""
    with _failing_as_export(path):
        raw = _on_disk(path, data, report, sync)
        if isinstance(raw, bool):
            return raw
        if not raw:
            report.empty.append(path)
            if not force:
                return False
            new = data
        else:
            kind = whose(raw)
            if kind == FOREIGN:
                report.foreign.append(path)
                return False
            old = read_note(raw)
            if old is None:  # ours, but no note's front matter (a backup by that name): as `place`
                if kind == EDITED and not force:
                    report.edited.append(path)
                    return False
                if kind == EDITED:
                    report.forced.append(path)
                new = data
            elif isinstance(old, str):
                if old != UNMARKED or kind != OURS:
                    report.mend[path] = old
                    return False
                new = data  # written before the region, untouched: written afresh
            else:
                if kind == EDITED and not force:
                    report.edited.append(path)
                    return False
                fresh = read_note(data)
                assert isinstance(fresh, Note), "a note selftrust writes has its region"
                new = merged(old, fresh)
                if new == raw:
                    report.unchanged.append(path)
                    return False
                if kind == EDITED:
                    report.forced.append(path)
        return _write(path, new, report, sync)


def export_file(path: Path, data: bytes, force: bool, days: int, key: Key | None = None) -> ExportReport:
    """DATA written to the one file PATH by the rules above (sealed with KEY, when given), synced; the report counts DAYS."""
    if path.is_dir():
        raise ExportError(f"{path} is a folder, not a file")
    make_private_folder(path.parent)
    report = ExportReport(days=days)
    if place(path, data, force, report, sync=True, key=key):
        fsync_folder(path.parent)
    return report
