"""A checkup of the journal: where it lives, what it holds, whether it is whole, its backups."""

from __future__ import annotations

import os
import stat
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from data.crypto import Key, key_path, opened
from data.figures_words import plural
from data.journal_file import (
    YEARS_KEY,
    JournalCorrupt,
    JournalError,
    JournalFile,
    commit_path,
    decode_journal,
    read_regular,
    read_years,
    year_path,
)
from data.models import SCHEMA_VERSION
from data.schema import references_problem

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]  # the type checker knows the module of the system it runs on, not its absence


@dataclass(frozen=True, slots=True)
class Finding:
    """One line of the checkup: a label, what was found, and whether it is well."""

    label: str
    detail: str
    status: str = "ok"  # ok | note | warn | bad


@dataclass(slots=True)
class Checkup:
    """Everything the checkup found."""

    findings: list[Finding] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        """True when nothing needs care (notes and warnings do not count against it)."""
        return all(f.status != "bad" for f in self.findings)

    def add(self, label: str, detail: str, status: str = "ok") -> None:
        self.findings.append(Finding(label, detail, status))


def _size(count: float) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if count < 1000 or unit == "GB":
            return f"{count:,} {unit}" if unit == "bytes" else f"{count:.1f} {unit}"
        count /= 1000
    return str(count)


def _private(path: Path, want: int) -> bool:
    return stat.S_IMODE(path.stat().st_mode) & ~want == 0


def checkup(path: Path, *, daily_backups: int = 14, config: Path | None = None, key: Key | None = None) -> Checkup:
    """Look the journal at PATH over, without changing anything; KEY opens its files when it is encrypted."""
    report = Checkup()
    journal = JournalFile(path, daily_backups)
    _places(path, journal, config, report)
    if not path.exists() and not path.is_symlink():
        report.add("state", "no journal yet: the first save creates it")
        _strays(journal, report)
        return report
    try:
        found = journal.read()
    except JournalError as error:
        report.add("readable", str(error), "bad")
        return report
    if found is None:
        report.add("state", f"the link points at {journal.real}, which is not there yet: the first save creates it")
        return report
    raw, _signature = found
    try:
        version, tables = decode_journal(opened(raw, path, key), path)
        years = read_years(tables.pop(YEARS_KEY, None), path)
        files = [year_path(path, year) for year in sorted(years)]
        unsplit = not files and len({_year(d) for d in tables.get("decisions", {}).values()}) > 1
        sizes = len(raw) + sum(where.stat().st_size for where in files if where.exists())
        report.add("size", _size(sizes) + (f" in {len(files) + 1} files, one a year" if files else ""), "note")
        _privacy(journal, report, files)
        _encryption(path, key, report)
        for where in files:  # every record of every year, checked whole (a save's own bytes too)
            _, held = decode_journal(opened(_read_year(where), where, key), where)
            for kind, table in held.items():
                tables.setdefault(kind, {}).update(table)
    except JournalError as error:  # corrupt (then with the way back to a backup), or from a newer selftrust
        report.add("integrity", str(error.with_recovery() if isinstance(error, JournalCorrupt) else error), "bad")
        _backups(journal, report, [])
        _strays(journal, report)
        return report
    _schema(version, report, unsplit)
    _entries(tables, report)
    _copies(path, tables, report, key)
    _lock(journal, report)
    _backups(journal, report, files, key)
    _strays(journal, report)
    return report


def _year(record: dict) -> str:
    return str(record.get("day", ""))[:4]


def _read_year(where: Path) -> bytes:
    """A year's own file, for the checkup; JournalError saying what is wrong when it cannot be read."""
    try:
        return read_regular(where)[0]
    except FileNotFoundError:
        raise JournalError(
            f"The journal names {where} for its year, and it is not there: put it back from {where.parent / 'backups'}."
        ) from None
    except OSError as error:
        raise JournalError(f"The journal's year {where} cannot be read: {error.strerror}.") from None


def _places(path: Path, journal: JournalFile, config: Path | None, report: Checkup) -> None:
    """Where the journal lives (and where its link points), and the settings file in use."""
    where = str(path)
    if path.is_symlink():
        where += f" -> {journal.real}"
    report.add("journal", where, "note")
    if config is not None:
        report.add("settings", f"{config}" + ("" if config.exists() else " (not there: the defaults apply)"), "note")


def _privacy(journal: JournalFile, report: Checkup, years: list[Path]) -> None:
    """Whether the journal (each year's file too) is readable by its owner only, and its folder closed to others."""
    loose = [where for where in [journal.real, *years] if where.exists() and not _private(where, 0o600)]
    if not loose:
        report.add("private", "the journal is readable by you only" + (", every year's file too" if years else ""))
    else:
        mode = stat.S_IMODE(loose[0].stat().st_mode)
        names = " ".join(f"'{where}'" for where in loose[:3])
        report.add("private", f"the journal can be read by others (mode {mode:o}): chmod 600 {names}", "bad")
    if not _private(journal.real.parent, 0o700):
        mode = stat.S_IMODE(journal.real.parent.stat().st_mode)
        report.add("folder", f"its folder is open to others (mode {mode:o}): chmod 700 '{journal.real.parent}'", "warn")


def _schema(version: int, report: Checkup, unsplit: bool = False) -> None:
    """The journal's schema version, and whether the next save brings it up to date."""
    if version < SCHEMA_VERSION:
        report.add(
            "schema",
            f"version {version}: it is brought up to {SCHEMA_VERSION} with the next save (after a backup)",
            "note",
        )
    elif unsplit:
        report.add("schema", f"version {version}: the next save keeps each earlier year in a file of its own", "note")
    else:
        report.add("schema", f"version {version}: every entry carries its revision, and every field was checked")


def _entries(tables: dict, report: Checkup) -> None:
    """What the journal holds (live, open and deleted entries), its days of practice, and its integrity."""
    decisions = tables.get("decisions", {})
    checks = tables.get("checks", {})
    reviews = tables.get("reviews", {})
    live = [d for d in decisions.values() if not d.get("deleted_at")]
    deleted = len(decisions) - len(live)
    days = sorted({d["day"] for d in live})
    counts = (
        f"{plural(len(live), 'decision')} ({sum(1 for d in live if d.get('outcome') is None):,} open"
        + (f", {deleted:,} deleted" if deleted else "")
        + f"), {plural(sum(1 for c in checks.values() if not c.get('deleted_at')), 'check')}, "
        + plural(sum(1 for r in reviews.values() if not r.get("deleted_at")), "review")
    )
    report.add("entries", counts, "note")
    if days:
        report.add("days", f"{plural(len(days), 'day')} of practice, {days[0]} to {days[-1]}", "note")
    report.add("integrity", *_integrity(decisions, checks, reviews))


def _integrity(decisions: dict, checks: dict, reviews: dict) -> tuple[str, str]:
    """What the open's check (data.schema) leaves to doctor: one live review a day."""
    across = references_problem({"decisions": decisions, "checks": checks}, partial=False)  # across the years' files
    if across:
        return across.removeprefix("has "), "bad"
    per_day = Counter(r["day"] for r in reviews.values() if not r.get("deleted_at"))
    doubled = [day for day, count in per_day.items() if count > 1]
    if doubled:
        have = "has" if len(doubled) == 1 else "have"
        return f"{plural(len(doubled), 'day')} {have} two reviews (first: {doubled[0]})", "bad"
    return "whole: every field checked, every check belongs to its decision, numbers and reviews are unique", "ok"


def _encryption(path: Path, key: Key | None, report: Checkup) -> None:
    """Whether the journal is encrypted, with what, and that no file of it is in the clear."""
    if key is None:
        report.add("encrypted", "off (`selftrust encrypt` turns it on)", "note")
        return
    how = f"passphrase, key file {key_path(path)}" if key.source == "passphrase" else f"identity {key.source}"
    report.add("encrypted", f"on ({how})", "note")
    from data.conflicts import clear_copies
    from data.encryption import clear_files

    clear = clear_files(path) + clear_copies(path)
    if not clear:
        report.add("sealed", "every file of the journal and every backup is encrypted")
        return
    names = ", ".join(str(where) for where in clear[:3]) + (f" and {len(clear) - 3} more" if len(clear) > 3 else "")
    report.add("sealed", f"{plural(len(clear), 'file')} in the clear: {names}; `selftrust encrypt` seals them", "bad")


def _copies(path: Path, tables: dict, report: Checkup, key: Key | None = None) -> None:
    """The sync tools' copies beside the journal: named, with what merging them would bring (nothing is merged here)."""
    from data.conflicts import look_at_copies

    for copy, said, readable in look_at_copies(path, tables, key=key):
        if readable:
            report.add(
                "sync copy",
                f"{copy.path.name} ({copy.tool}): the next start of selftrust merges it ({said}) "
                "and keeps it in backups",
                "note",
            )
        else:
            report.add("sync copy", f"{said}; it is left as it is, and nothing in the journal changed", "warn")


def _lock(journal: JournalFile, report: Checkup) -> None:
    lock_path = journal.lock_path
    if fcntl is None or not lock_path.exists():
        return
    try:
        fd = os.open(
            lock_path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
        )  # a pipe put there must not hang the checkup
    except OSError:
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        report.add("lock", "free")
    except BlockingIOError:
        report.add("lock", "held right now by another selftrust that is saving", "note")
    finally:
        os.close(fd)


def _backups(journal: JournalFile, report: Checkup, years: list[Path], key: Key | None = None) -> None:
    backups = [*journal.backups(), *(kept for where in years for kept in JournalFile(where).backups())]
    if not backups:
        report.add("backups", f"none yet (they are kept in {journal.backup_folder} from the second save on)", "note")
        return
    unreadable = []
    for backup in backups:
        try:
            decode_journal(opened(read_regular(backup)[0], backup, key), backup)
        except (JournalError, OSError):
            unreadable.append(backup.name)
    loose = [b.name for b in backups if not _private(b, 0o600)]
    detail = f"{len(backups)} in {journal.backup_folder}, newest {backups[0].name}"
    if unreadable:
        report.add("backups", f"{detail}; {len(unreadable)} cannot be read: {', '.join(unreadable[:3])}", "warn")
    elif loose:
        report.add("backups", f"{detail}; {len(loose)} readable by others: chmod 600 them", "bad")
    else:
        report.add("backups", f"{detail}; every one reads as a journal")


def _strays(journal: JournalFile, report: Checkup) -> None:
    if commit_path(journal.path).exists():
        report.add(
            "unfinished",
            f"a save of several files was stopped half-way ({commit_path(journal.path)}); "
            "the next start of selftrust finishes it, and nothing is lost",
            "warn",
        )
    strays = journal.stray_temp_files()
    if strays:
        names = " ".join(f"'{p}'" for p in strays[:3])
        report.add(
            "leftovers",
            f"{len(strays)} temporary file(s) from a save that was stopped half-way; "
            f"the journal itself is whole, and they are safe to delete: rm {names}",
            "warn",
        )
