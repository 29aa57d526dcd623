"""The JSON backup, and the import that merges a backup (or a journal file) into the journal.

Pure Python (no Textual): the command line and the app both call it.

**The JSON backup** holds every record, deleted ones included, as the journal keeps them,
with the schema version and the generator. `import_backup` merges one by entry id in a
single atomic save: a new entry is added; an entry in both keeps the newer copy, the
higher `rev` (its revision, raised by every save of it), or at an equal `rev` the later
`updated_at` (equal too: unchanged), so a clock set back never makes an old edit win;
importing twice changes nothing. A decision's day number `n` never
collides: an incoming decision whose number its day already gives to another decision
gets the day's next free number, and the report says so. A day keeps one live review:
when the backup brings a second one for a day, the newer stays and the other is kept as
deleted (restorable), and the report says so. A malformed or foreign file is refused
with a message naming the problem, before anything is written; so is one whose text
holds a control character, by the same rule as typed input. A journal file itself
(`journal.json`, or one from its backups folder) can be imported the same way.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from data import schema
from data.daytime import instant
from data.journal_file import JournalError, check_faithful, check_journal
from data.migrate import migrate
from data.models import SCHEMA_VERSION, Check, Decision, Review
from data.ours import BACKUP_FORMAT, generator
from data.resting import collector_resting
from data.vault_files import ExportReport, export_file

KINDS = ("decisions", "checks", "reviews")


class BackupError(ValueError):
    """A file `import_backup` refuses (malformed, foreign, conflicting); nothing was written."""


def _in_range(day: str, first: dt.date | None, last: dt.date | None) -> bool:
    return (first is None or day >= first.isoformat()) and (last is None or day <= last.isoformat())


@collector_resting()
def backup_bytes(store: Any, *, first: dt.date | None = None, last: dt.date | None = None) -> bytes:
    """Every record from FIRST to LAST (all of them by default), deleted ones too, as JSON bytes.

    The same journal always gives the same bytes, so backing up again changes nothing.
    """
    import orjson

    records = {
        "decisions": store.all_decisions(include_deleted=True),
        "checks": store.all_checks(include_deleted=True),
        "reviews": store.all_reviews(include_deleted=True),
    }
    backup: dict[str, Any] = {
        "format": BACKUP_FORMAT,
        "schema_version": SCHEMA_VERSION,
        "generator": generator(),
        "from": first.isoformat() if first else None,
        "to": last.isoformat() if last else None,
    }
    for kind, found in records.items():
        chosen = found if first is None and last is None else [r for r in found if _in_range(r.day, first, last)]
        # A stable order (the store's, then the id), so the same journal gives the same bytes. orjson
        # writes each record's fields in order, enums as their values: what `to_dict` gives, ten times faster.
        backup[kind] = sorted(chosen, key=_backup_order(kind))
    text = orjson.dumps(backup, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
    split = text.index(b"\n", 2) + 1  # after '{' and the format line: the digest goes there
    digest = hashlib.sha256(text).hexdigest()  # of the file without its digest line: this text
    return b"".join((text[:split], f'  "selftrust_digest": "sha256:{digest}",\n'.encode(), text[split:]))


def _backup_order(kind: str) -> Callable[[Any], tuple]:
    if kind == "decisions":
        return lambda r: (r.day, r.n, r.id)
    if kind == "checks":
        return lambda r: (r.day, instant(r.at), r.created_at, r.id)
    return lambda r: (r.day, r.created_at, r.id)


def export_backup(
    store: Any,
    path: Path,
    *,
    first: dt.date | None = None,
    last: dt.date | None = None,
    force: bool = False,
    plain: bool = False,
) -> ExportReport:
    """The JSON backup written to PATH (atomically, privately), by the same rules as notes.

    An encrypted journal's backup is sealed with the journal's key (`store.key`), unless
    PLAIN: the command line's `--plain`, which writes the words in the clear.
    """
    data = backup_bytes(store, first=first, last=last)
    return export_file(path, data, force, 0, store.key if store.encrypted and not plain else None)


def sealed_backup_bytes(store: Any, *, first: dt.date | None = None, last: dt.date | None = None) -> bytes:
    """The JSON backup sealed with the encrypted journal's key (what `export --format json --out -` writes)."""
    return bytes(store.key.seal(backup_bytes(store, first=first, last=last)))


# -- import -----------------------------------------------------------------------------------

_RECORD_CLASSES: dict[str, type[Decision | Check | Review]] = {
    "decisions": Decision,
    "checks": Check,
    "reviews": Review,
}
_SINGULAR = schema.SINGULAR


@dataclass
class Backup:
    """A backup read and checked: its records, ready to merge."""

    name: str
    decisions: list[Decision]
    checks: list[Check]
    reviews: list[Review]


@dataclass
class ImportReport:
    """What an import did."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0  # already there, as new as the backup's or newer
    notes: list[str] = field(default_factory=list)  # renumbered decisions, reviews set aside

    def summary(self) -> str:
        """added N, updated M, unchanged K."""
        return f"added {self.added}, updated {self.updated}, unchanged {self.unchanged}"


def record_problem(kind: str, doc: Any) -> str | None:
    """What is wrong with one record of a backup, in words, or None: the journal's checks, and stricter.

    Beyond the journal's check (`data.schema`): no field selftrust does not know, and no
    control character in its text, by the same rule as typed input (`data.validate`).
    """
    problem = schema.record_problem(kind, None, doc, strict=True)
    if problem:
        return problem
    try:
        check_faithful(doc, _SINGULAR[kind])
    except ValueError as error:
        return str(error)
    return schema.text_problem(kind, doc)


def _refuse(name: str, problem: str) -> BackupError:
    return BackupError(f"{name} {problem}; nothing was imported")


def read_backup(raw: bytes, name: str = "the file") -> Backup:
    """Parse and check a backup (or a journal file); BackupError naming the problem if it cannot be merged."""
    import orjson

    if not raw.strip():
        raise _refuse(name, "is empty")
    try:
        data = orjson.loads(raw)  # orjson checks the UTF-8 as it reads
    except orjson.JSONDecodeError as error:
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as bad:
            raise _refuse(name, f"is not UTF-8 text (a bad byte at {bad.start}), so not a selftrust backup") from None
        raise _refuse(name, f"is not JSON: it stops being valid at line {error.lineno}, column {error.colno}") from None
    if not isinstance(data, dict):
        raise _refuse(name, "is not a selftrust backup (it holds no object with entries)")
    if problem := schema.duplicate_problem(raw, data):
        raise _refuse(name, problem)
    if "format" not in data and "schema_version" in data and "decisions" in data:
        tables = _journal_tables(data, name)
    else:
        tables = _backup_tables(data, name)
    return _checked(tables, name)


def _journal_tables(data: dict[str, Any], name: str) -> dict[str, list[Any]]:
    """A journal file's tables (migrated), from its parsed JSON, as lists of records."""
    try:
        _, tables = check_journal(data, Path(name))
    except JournalError as error:
        problem = getattr(error, "problem", None) or "was written by a newer selftrust; please update selftrust"
        raise _refuse(name, problem) from None
    return {kind: list(tables.get(kind, {}).values()) for kind in KINDS}


def _backup_tables(data: dict[str, Any], name: str) -> dict[str, list[Any]]:
    found = data.get("format")
    if found != BACKUP_FORMAT:
        if found is None:
            raise _refuse(name, f'is not a selftrust backup (it has no "format": "{BACKUP_FORMAT}")')
        raise _refuse(name, f'is not a selftrust backup (its format is {str(found)[:60]!r}, not "{BACKUP_FORMAT}")')
    version = data.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise _refuse(name, f"has no usable schema_version ({version!r})")
    if version > SCHEMA_VERSION:
        raise _refuse(name, f"was written by a newer selftrust (schema {version}); please update selftrust")
    tables: dict[str, list[Any]] = {}
    for kind in KINDS:
        records = data.get(kind, [])
        if not isinstance(records, list):
            raise _refuse(name, f"is damaged: {kind} is not a list of entries")
        tables[kind] = records
    if version < SCHEMA_VERSION:
        keyed = {
            kind: {str(r.get("id") or f"{kind}-{i}") if isinstance(r, dict) else str(i): r for i, r in enumerate(rs)}
            for kind, rs in tables.items()
        }
        if not all(isinstance(r, dict) for rs in keyed.values() for r in rs.values()):
            raise _refuse(name, "is damaged: an entry is not an object")
        tables = {kind: list(rs.values()) for kind, rs in migrate(keyed, version).items() if kind in KINDS}
    return tables


def _checked(tables: dict[str, list[Any]], name: str) -> Backup:
    seen: dict[str, str] = {}
    records: dict[str, list[Any]] = {}
    for kind in KINDS:
        built = []
        for doc in tables.get(kind, []):
            problem = record_problem(kind, doc)
            if problem:
                label = doc.get("id") if isinstance(doc, dict) and isinstance(doc.get("id"), str) else "?"
                raise _refuse(name, f"has a {_SINGULAR[kind]} it cannot read ({label!r}: {problem})")
            if doc["id"] in seen:
                raise _refuse(name, f"holds the id {doc['id']!r} twice (a {seen[doc['id']]} and a {_SINGULAR[kind]})")
            seen[doc["id"]] = _SINGULAR[kind]
            built.append(_RECORD_CLASSES[kind].from_dict(doc))
        records[kind] = built
    # The journal's own check of references, as far as a backup (perhaps of a range) holds them.
    if problem := schema.references_problem(
        {kind: {doc["id"]: doc for doc in tables.get(kind, [])} for kind in KINDS}, True
    ):
        raise _refuse(name, problem)
    return Backup(name, records["decisions"], records["checks"], records["reviews"])


def _put(store: Any, kind: str, record: Any, *, keep_rev: bool = True) -> None:
    """Save RECORD as it is, timestamps and revision included (the store's own edits would restamp it)."""
    table = {"decisions": store._decisions, "checks": store._checks, "reviews": store._reviews}[kind]
    store._put(table, record, keep_rev=keep_rev)


def _newer(incoming: Any, current: Any) -> bool:
    """The higher revision is the newer; the wall clock (which may be set back) only breaks a tie."""
    return (incoming.rev, instant(incoming.updated_at)) > (current.rev, instant(current.updated_at))


def _now_stamp() -> str:
    return dt.datetime.now(dt.UTC).astimezone().replace(microsecond=0).isoformat()


@collector_resting()
def import_backup(
    store: Any, data: bytes | Backup, *, now: str | None = None, name: str = "the file", whole: bool = True
) -> ImportReport:
    """Merge a backup (its bytes, or a `read_backup` result) into STORE, as one atomic save.

    WHOLE False: STORE holds one file of a journal kept a file a year (a git merge's side),
    so a decision carried from another year's is not looked for in it.

    NOW (an ISO timestamp with offset) marks a review set aside beside a newer one of its
    day; by default the current time. BackupError, with nothing written, when the file
    is malformed or foreign, or conflicts with the journal (an id used for another kind
    of entry, another day, or a check whose decision is nowhere).
    """
    backup = data if isinstance(data, Backup) else read_backup(data, name)
    name = backup.name
    when = now or _now_stamp()
    report = ImportReport()
    with store.batch():  # one save, under the lock, from the journal as it is on disk now
        current = {
            "decisions": {r.id: r for r in store.all_decisions(include_deleted=True)},
            "checks": {r.id: r for r in store.all_checks(include_deleted=True)},
            "reviews": {r.id: r for r in store.all_reviews(include_deleted=True)},
        }
        _check_against(backup, current, name, whole)
        _merge_decisions(store, backup.decisions, current["decisions"], report)
        for check in backup.checks:
            _merge_one(store, "checks", check, current["checks"], report)
        touched = set()
        for review in backup.reviews:
            if _merge_one(store, "reviews", review, current["reviews"], report):
                touched.add(review.day)
        _one_review_a_day(store, touched, current["reviews"], when, report)
    return report


def _check_against(backup: Backup, current: dict[str, dict[str, Any]], name: str, whole: bool = True) -> None:
    """Refuse a backup whose entries contradict the journal's (before anything changes)."""
    for kind, records in (("decisions", backup.decisions), ("checks", backup.checks), ("reviews", backup.reviews)):
        for record in records:
            for other_kind in KINDS:
                if other_kind != kind and record.id in current[other_kind]:
                    raise _refuse(
                        name,
                        f"has a {_SINGULAR[kind]} whose id {record.id!r} is a {_SINGULAR[other_kind]} in the journal",
                    )
            mine = current[kind].get(record.id)
            if mine is not None and mine.day != record.day:
                raise _refuse(
                    name, f"puts the {_SINGULAR[kind]} {record.id!r} on {record.day}; the journal has it on {mine.day}"
                )
    incoming = {d.id for d in backup.decisions}
    for check in backup.checks:
        mine = current["checks"].get(check.id)
        if mine is not None and mine.decision_id != check.decision_id:
            raise _refuse(name, f"gives the check {check.id!r} to another decision than the journal does")
        decision = current["decisions"].get(check.decision_id)
        if check.decision_id not in incoming and decision is None:
            raise _refuse(name, f"has a check ({check.id!r}) whose decision is neither in it nor in the journal")
        if decision is not None and decision.day != check.day:
            raise _refuse(name, f"has a check ({check.id!r}) on {check.day} for a decision of {decision.day}")
    for decision in backup.decisions:
        carried = decision.carried_from
        if whole and carried is not None and carried not in incoming and carried not in current["decisions"]:
            raise _refuse(
                name,
                f"has a decision ({decision.id!r}) carried forward from one that is neither in it nor in the journal; "
                f"import a backup that reaches back to the day it was first set",
            )


def _merge_one(store: Any, kind: str, record: Any, current: dict[str, Any], report: ImportReport) -> bool:
    """Add RECORD or take it over an older copy; True when the journal changed."""
    mine = current.get(record.id)
    if mine is not None and not _newer(record, mine):
        report.unchanged += 1
        return False
    if mine is None:
        report.added += 1
    else:
        report.updated += 1
    _put(store, kind, record)
    current[record.id] = record
    return True


def _merge_decisions(store: Any, decisions: list[Decision], current: dict[str, Decision], report: ImportReport) -> None:
    """Decisions by id; a new one keeps its number unless its day gave that number to another."""
    taken: dict[str, dict[int, str]] = {}
    mine: Decision | None
    for mine in current.values():
        taken.setdefault(mine.day, {})[mine.n] = mine.id
    clashing: list[Decision] = []
    for decision in sorted(decisions, key=lambda d: (d.day, d.n)):
        mine = current.get(decision.id)
        if mine is not None:
            decision.n = mine.n  # a decision's number is stable forever in this journal
            _merge_one(store, "decisions", decision, current, report)
            continue
        numbers = taken.setdefault(decision.day, {})
        if numbers.get(decision.n, decision.id) != decision.id:
            clashing.append(decision)  # numbered once every number the backup keeps is placed
            continue
        numbers[decision.n] = decision.id
        _merge_one(store, "decisions", decision, current, report)
    for decision in clashing:
        numbers = taken[decision.day]
        was, decision.n = decision.n, max(numbers) + 1
        numbers[decision.n] = decision.id
        report.notes.append(
            f"decision {was} of {decision.day} from the backup ({decision.text[:60]!r}) is number {decision.n} here: "
            f"the journal already had a number {was} that day"
        )
        _merge_one(store, "decisions", decision, current, report)


def _one_review_a_day(store: Any, days: set[str], current: dict[str, Review], when: str, report: ImportReport) -> None:
    """Where a day now has two live reviews, the newer stays; the other is kept as deleted, restorable."""
    for day in sorted(days):
        live = [r for r in current.values() if r.day == day and not r.deleted]
        if len(live) < 2:
            continue
        # Two different reviews: a revision counts the saves of one record, so it cannot say
        # which of two is newer; the time of the last edit does.
        live.sort(key=lambda r: (instant(r.updated_at), r.id), reverse=True)
        for review in live[1:]:
            review.deleted_at = review.updated_at = when
            _put(store, "reviews", review, keep_rev=False)  # set aside here: a save of it, a new revision
            report.notes.append(
                f"{day} had two reviews; the one edited last stays and the other is kept as deleted, "
                f"restorable from History"
            )
