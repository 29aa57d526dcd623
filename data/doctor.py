"""A checkup of the journal: where it lives, what it holds, whether it is whole, its backups."""

from __future__ import annotations

import os
import stat
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from data.figures_words import plural
from data.journal_file import JournalCorrupt, JournalError, JournalFile, decode_journal, read_regular
from data.models import SCHEMA_VERSION

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


def checkup(path: Path, *, daily_backups: int = 14, config: Path | None = None) -> Checkup:
    """Look the journal at PATH over, without changing anything."""
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
    report.add("size", _size(len(raw)), "note")
    _privacy(journal, report)

    try:
        version, tables = decode_journal(raw, path)
    except JournalError as error:  # corrupt (then with the way back to a backup), or from a newer selftrust
        report.add("integrity", str(error.with_recovery() if isinstance(error, JournalCorrupt) else error), "bad")
        _backups(journal, report)
        _strays(journal, report)
        return report
    _schema(version, report)
    _entries(tables, report)
    _lock(journal, report)
    _backups(journal, report)
    _strays(journal, report)
    return report


def _places(path: Path, journal: JournalFile, config: Path | None, report: Checkup) -> None:
    """Where the journal lives (and where its link points), and the settings file in use."""
    where = str(path)
    if path.is_symlink():
        where += f" -> {journal.real}"
    report.add("journal", where, "note")
    if config is not None:
        report.add("settings", f"{config}" + ("" if config.exists() else " (not there: the defaults apply)"), "note")


def _privacy(journal: JournalFile, report: Checkup) -> None:
    """Whether the journal is readable by its owner only, and its folder closed to others."""
    if _private(journal.real, 0o600):
        report.add("private", "the journal is readable by you only")
    else:
        mode = stat.S_IMODE(journal.real.stat().st_mode)
        report.add("private", f"the journal can be read by others (mode {mode:o}): chmod 600 '{journal.real}'", "bad")
    if not _private(journal.real.parent, 0o700):
        mode = stat.S_IMODE(journal.real.parent.stat().st_mode)
        report.add("folder", f"its folder is open to others (mode {mode:o}): chmod 700 '{journal.real.parent}'", "warn")


def _schema(version: int, report: Checkup) -> None:
    """The journal's schema version, and whether the next save brings it up to date."""
    if version < SCHEMA_VERSION:
        report.add(
            "schema",
            f"version {version}: it is brought up to {SCHEMA_VERSION} with the next save (after a backup)",
            "note",
        )
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
    per_day = Counter(r["day"] for r in reviews.values() if not r.get("deleted_at"))
    doubled = [day for day, count in per_day.items() if count > 1]
    if doubled:
        have = "has" if len(doubled) == 1 else "have"
        return f"{plural(len(doubled), 'day')} {have} two reviews (first: {doubled[0]})", "bad"
    return "whole: every field checked, every check belongs to its decision, numbers and reviews are unique", "ok"


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


def _backups(journal: JournalFile, report: Checkup) -> None:
    backups = journal.backups()
    if not backups:
        report.add("backups", f"none yet (they are kept in {journal.backup_folder} from the second save on)", "note")
        return
    unreadable = []
    for backup in backups:
        try:
            decode_journal(read_regular(backup)[0], backup)
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
    strays = journal.stray_temp_files()
    if strays:
        names = " ".join(f"'{p}'" for p in strays[:3])
        report.add(
            "leftovers",
            f"{len(strays)} temporary file(s) from a save that was stopped half-way; "
            f"the journal itself is whole, and they are safe to delete: rm {names}",
            "warn",
        )
