"""Copies of the journal that sync tools leave beside it, merged by themselves; and the git merge of two journals.

When two machines save the journal before their sync tool has carried one save to the
other, the tool keeps both: the journal, and beside it a copy named by the tool's own rule
(for `journal.json` and each year's file, `journal.2025.json`, alike):

- Syncthing: `journal.sync-conflict-20260101-120000-ABCDEFG.json` (the date, the time and
  the short id of the device whose save lost; `journal.2025.sync-conflict-….json`);
- Dropbox: `journal (Ann's conflicted copy 2026-01-01).json` (perhaps with ` (1)` after the date);
- Nextcloud: `journal (conflicted copy 2026-01-01 120000).json` (perhaps with a name before the date).

A file of any other name is never touched. A copy is read and checked as a journal file
is (`data.journal_file.decode_journal`), merged into the journal by record id and revision
by `data.backup.import_backup` (nothing doubled, the newer edit wins, a record only in the
copy is kept, a decision number its day already gives gets the day's next), in one save,
and then moved into the journal's backups folder. A copy that does not read is left where
it is, and named.

`merge_journals` is the same merge for `selftrust merge-driver`, on two versions of one
journal file that git holds (ours and theirs).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from data.backup import KINDS, Backup, BackupError, _checked, import_backup
from data.crypto import Key, in_the_clear, is_sealed, opened
from data.daytime import instant
from data.figures_words import plural
from data.files import fsync_folder, private_folder, write_atomic
from data.journal_file import (
    BACKUP_FOLDER,
    YEARS_KEY,
    JournalError,
    decode_journal,
    encode_journal,
    read_regular,
    read_years,
)
from data.models import SCHEMA_VERSION

# What each tool puts between the file's stem and its extension (each tool's own rule, exactly).
_TOOLS = {
    "Syncthing": r"\.sync-conflict-\d{8}-\d{6}-[A-Z2-7]{7}",
    "Dropbox": r" \((?:[^()/]+ )?conflicted copy \d{4}-\d{2}-\d{2}(?: \(\d+\))?\)",
    "Nextcloud": r" \(conflicted copy (?:[^()/]+ )?\d{4}-\d{2}-\d{2} \d{6}\)",
}
_WORDS = {"decisions": ("decision", None), "checks": ("check", None), "reviews": ("review", None)}


@dataclass(frozen=True)
class ConflictCopy:
    """A copy of the journal (or of one year's file) a sync tool left beside it."""

    path: Path
    tool: str
    year: str | None  # the year's file it is a copy of; None: of the journal's own file


def _pattern(real: Path) -> re.Pattern[str]:
    stem, suffix = re.escape(real.stem), re.escape(real.suffix)
    tools = "|".join(f"(?P<{name}>{rule})" for name, rule in _TOOLS.items())
    return re.compile(rf"{stem}(?:\.(?P<year>\d{{4}}))?(?:{tools}){suffix}")


def find_copies(path: Path) -> list[ConflictCopy]:
    """The sync tools' copies beside the journal at PATH: earlier years' first, the journal's own last."""
    real = Path(os.path.realpath(path))
    try:
        names = os.listdir(real.parent)
    except OSError:
        return []
    rule = _pattern(real)
    found = []
    for name in names:
        match = rule.fullmatch(name)
        if match is None or not (real.parent / name).is_file():
            continue
        tool = next(tool for tool in _TOOLS if match.group(tool))
        found.append(ConflictCopy(real.parent / name, tool, match.group("year")))
    return sorted(found, key=lambda c: (c.year or "9999", c.path.name))


def clear_copies(path: Path) -> list[Path]:
    """The sync tools' copies beside the journal at PATH that hold its text in the clear (not sealed)."""
    return in_the_clear(copy.path for copy in find_copies(path))


def read_copy(copy: ConflictCopy, key: Key | None = None) -> Backup:
    """A copy read and checked as a journal file is (opened with KEY when sealed); BackupError naming what is wrong."""
    name = copy.path.name
    try:
        raw, _ = read_regular(copy.path)
        _, tables = decode_journal(opened(raw, copy.path, key), copy.path)
    except JournalError as error:
        problem = getattr(error, "problem", None)
        if problem is None and is_sealed(raw):  # sealed for another key, or no key to open it
            raise BackupError(f"{name} is encrypted, and the journal's key does not open it") from None
        raise BackupError(f"{name} {problem or 'was written by a newer selftrust'}") from None
    except OSError as error:
        raise BackupError(f"{name} cannot be read: {error.strerror or error}") from None
    # Only the records are taken: the other machine's list of its years' files ("years") is
    # left out, for each of those files is a copy of its own and merges on its own.
    return _checked({kind: list(tables.get(kind, {}).values()) for kind in KINDS}, name)


@dataclass
class Merged:
    """What merging the copies did: what came in, by kind, and the copies that could not be read."""

    came_in: Counter[str] = field(default_factory=Counter)
    merged: list[Path] = field(default_factory=list)  # where each merged copy now is, in the backups folder
    left: list[tuple[Path, str]] = field(default_factory=list)  # a copy left where it is, and why
    notes: list[str] = field(default_factory=list)

    def words(self) -> str | None:
        """ "From another machine: 2 decisions and 1 check came in." (None when nothing did)."""
        parts = [plural(self.came_in[kind], *_WORDS[kind]) for kind in KINDS if self.came_in[kind]]
        if not parts:
            return "From another machine: everything in it was here already." if self.merged else None
        said = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
        return f"From another machine: {said} came in."


def incoming(backup: Backup, current: Mapping[str, Mapping[str, Any]]) -> Counter[str]:
    """How many records of BACKUP are new to CURRENT (kind -> id -> row) or a newer edit, by kind."""
    found: Counter[str] = Counter()
    for kind in KINDS:
        held = current.get(kind, {})
        for record in getattr(backup, kind):
            mine = held.get(record.id)
            if mine is None or (record.rev, instant(record.updated_at)) > (
                mine["rev"],
                instant(mine["updated_at"]),
            ):
                found[kind] += 1
    return found


def _rows(store: Any) -> dict[str, dict[str, Any]]:
    records = {
        "decisions": store.all_decisions(include_deleted=True),
        "checks": store.all_checks(include_deleted=True),
        "reviews": store.all_reviews(include_deleted=True),
    }
    return {kind: {r.id: {"rev": r.rev, "updated_at": r.updated_at} for r in found} for kind, found in records.items()}


def merge_copies(store: Any, *, now: str) -> Merged:
    """Merge every copy beside STORE's journal into it (one save a copy), then move each into the backups folder."""
    result = Merged()
    if store.path is None:
        return result
    for copy in find_copies(store.path):
        try:
            backup = read_copy(copy, store.key)
            with store.batch():  # the count and the merge from one moment of the journal, one save
                came_in = incoming(backup, _rows(store))
                report = import_backup(store, backup, now=now)
        except BackupError as error:
            result.left.append((copy.path, str(error).removesuffix("; nothing was imported")))
            continue
        result.came_in.update(came_in)
        result.notes += report.notes
        result.merged.append(_put_away(copy.path, store.key if store.encrypted else None))
    return result


def _put_away(path: Path, key: Key | None = None) -> Path:
    """Move a merged copy into the journal's backups folder (private), under a name not taken.

    With KEY (an encrypted journal), a copy in the clear (from a machine where it is plain) is
    sealed on the way: no journal text stays in the clear in the backups.
    """
    folder = path.parent / BACKUP_FOLDER
    private_folder(folder)
    target, n = folder / path.name, 1
    while target.exists():
        target, n = folder / f"{path.stem}.{n}{path.suffix}", n + 1
    if key is not None and not is_sealed(raw := read_regular(path)[0]):
        write_atomic(target, key.seal(raw), sync=True)
        path.unlink()
    else:
        os.replace(path, target)
    fsync_folder(path.parent)
    return target


def look_at_copies(
    path: Path, current: Mapping[str, Mapping[str, Any]], *, key: Key | None = None
) -> list[tuple[ConflictCopy, str, bool]]:
    """Each copy beside the journal, what merging it would bring in words, and whether it reads (changes nothing).

    KEY opens a sealed copy (an encrypted journal's)."""
    found = []
    for copy in find_copies(path):
        try:
            counts = incoming(read_copy(copy, key), current)
        except BackupError as error:
            found.append((copy, str(error).removesuffix("; nothing was imported"), False))
            continue
        parts = [plural(counts[kind], *_WORDS[kind]) for kind in KINDS if counts[kind]]
        found.append((copy, ", ".join(parts) if parts else "nothing new", True))
    return found


# -- git's merge of two versions of one journal file --------------------------------


class MergeRefused(ValueError):
    """A version of the file that cannot be merged (it does not read as a journal file); the message says which."""


def _side(raw: bytes, name: str, key: Key | None = None) -> tuple[Backup, dict[str, Any]]:
    try:
        _, tables = decode_journal(opened(raw, name, key), Path(name))
        years = tables.pop(YEARS_KEY, None)
        read_years(years, Path(name))
        backup = _checked({kind: list(tables.get(kind, {}).values()) for kind in KINDS}, name)
    except (JournalError, BackupError) as error:
        problem = getattr(error, "problem", None) or str(error).removesuffix("; nothing was imported")
        raise MergeRefused(f"{name} {problem}" if not problem.startswith(name) else problem) from None
    return backup, years or {}


def merge_journals(ours: bytes, theirs: bytes, *, now: dt.datetime | None = None, key: Key | None = None) -> bytes:
    """The merge of two versions of one journal file (its own, or a year's): by record id and revision.

    Nothing doubled, the newer edit wins, a record on one side only is kept, a decision
    number given on both sides to different decisions becomes the day's next. Of the
    journal's own list of years, each year's entry comes from the side with the higher
    revision (each year's file merges on its own). MergeRefused when a side does not read.
    KEY opens a sealed side; the merge is sealed with it when our side was sealed.
    """
    from data.store import Store

    mine, my_years = _side(ours, "our version", key)
    other, other_years = _side(theirs, "their version", key)
    when = (now or dt.datetime.now(dt.UTC)).astimezone().replace(microsecond=0).isoformat()
    store = Store.in_memory()
    try:
        import_backup(store, mine, now=when, whole=False)
        import_backup(store, other, now=when, whole=False)
    except BackupError as error:
        raise MergeRefused(str(error).removesuffix("; nothing was imported")) from None
    years = dict(my_years)
    for year, entry in other_years.items():
        if year not in years or entry["rev"] > years[year]["rev"]:
            years[year] = entry
    tables = store.storage.read() or {}
    held = {kind: dict(sorted(tables.get(kind, {}).items())) for kind in KINDS}
    doubled = sorted({r["day"][:4] for kind in KINDS for r in held[kind].values()} & years.keys())
    if doubled:
        raise MergeRefused(
            f"one side keeps {doubled[0]} in a file of its own and the other still in this one. Keep ours "
            "(git checkout --ours FILE) and put theirs beside it as a copy the app's next start merges: "
            "git show MERGE_HEAD:FILE > 'journal (conflicted copy 2000-01-01 000000).json'"
        )
    merged: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    if years:
        merged[YEARS_KEY] = dict(sorted(years.items()))
    merged.update(held)
    raw = encode_journal(merged)
    return key.seal(raw) if key is not None and is_sealed(ours) else raw
