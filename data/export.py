"""Export to notes, and back: Markdown per day with front matter, one combined document,
a full-fidelity JSON backup, and the import that merges a backup into the journal.

Pure Python (no Textual): the command line and the app's export dialog both call it.

**A day's file** is YAML front matter with the day's facts, then the day's Markdown body
from `data.markdown.day_markdown` (the same page the Day view shows). The front matter is
written by hand, every string a JSON-style double-quoted scalar with anything unusual
escaped (quotes, backslashes, control characters, line and paragraph separators), so what
the user typed can never end it or add a key: it always parses, as YAML and line by line.
`date` is written bare, so notes apps (Obsidian, Dataview, Logseq) see a date.
`pulls` lists every pull of the day, expected in the morning or named at a check, each
once in the order they first appear; `patterns` the old patterns named at the checks.

**Whose file is it.** Every file export writes carries a `generator` line and a
`selftrust_digest`: the SHA-256 of the file's bytes without that one line. On the next
export a file at the same name is

- byte-identical to what would be written: left as it is (not even rewritten);
- ours and untouched (the digest matches): replaced;
- ours but edited since (the digest differs): skipped, and named, unless `force`;
- not ours (no generator or no digest, or not a regular file): never touched, even with
  `force`.

Files are written atomically (a temporary file in the same folder, renamed over the
name) and privately (0600; folders export creates are 0700; existing folders keep their
modes). Exports can be made again from the journal, so a per-day export does not fsync
every file: it fsyncs each folder it wrote into once, at the end.

**One combined document** for a range has one front matter for the whole range (`from`,
`to`, `days`, the totals, the contact average, every area, pull and pattern), then one
H1 naming the range, then each day's body with its headings demoted one level (the
day's title becomes an H2, Morning an H3, a decision an H4), so the document has one H1.
It carries its own digest, so writing it to the same file again follows the same rules.

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
import functools
import gc
import hashlib
import os
import re
import stat
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from data import schema
from data.daytime import day_heading, instant
from data.journal_file import (
    JournalError,
    check_faithful,
    check_journal,
    private_folder,
    write_all,
    write_atomic,
)
from data.markdown import day_markdown
from data.migrate import migrate
from data.models import SCHEMA_VERSION, Check, Decision, Outcome, Review
from data.vocabulary import merge

GENERATOR = "selftrust 0.1.0"
TAGS = ("selftrust",)
DEFAULT_PATTERN = "{date}.md"
BACKUP_FORMAT = "selftrust-backup"
KINDS = ("decisions", "checks", "reviews")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

Progress = Callable[[int, int], None]


class ExportError(ValueError):
    """An export that cannot be done as asked (a bad pattern, a destination of the wrong kind)."""


class ExportFailed(OSError):
    """The disk refused a write; files written before it are whole, none is half-written.

    An OSError, so a caller that handles the disk's errors handles this one too; its
    message says which file and what to do.
    """


class BackupError(ValueError):
    """A file `import_backup` refuses (malformed, foreign, conflicting); nothing was written."""


# -- a day's records --------------------------------------------------------------------


@dataclass(slots=True)
class Day:
    """One day's records as its page shows them."""

    day: str
    decisions: list[Decision]  # live, by number
    checks: dict[str, list[Check]]  # the live checks of each live decision, oldest first
    review: Review | None  # the live review, if any
    carried_from_days: dict[str, str]  # a carried decision's origin id -> that decision's day


def _without_gc(work: Callable[..., Any]) -> Callable[..., Any]:
    """WORK makes tens of thousands of small records that hold no cycles: the cycle collector
    would only walk them again and again (a tenth of an export's time), so it rests meanwhile."""

    @functools.wraps(work)
    def resting(*args: Any, **kwargs: Any) -> Any:
        was = gc.isenabled()
        gc.disable()
        try:
            return work(*args, **kwargs)
        finally:
            if was:
                gc.enable()

    return resting


@_without_gc
def collect_days(store: Any, first: dt.date | None = None, last: dt.date | None = None) -> list[Day]:
    """The days from FIRST to LAST (either open-ended) that have something to show, oldest first."""
    low = first.isoformat() if first else ""
    high = last.isoformat() if last else "\uffff"
    everything = store.all_decisions(include_deleted=True)
    day_of = {d.id: d.day for d in everything}
    decisions: dict[str, list[Decision]] = {}
    for decision in everything:  # already by day, then number
        if not decision.deleted and low <= decision.day <= high:
            decisions.setdefault(decision.day, []).append(decision)
    live_ids = {d.id for day in decisions.values() for d in day}
    checks: dict[str, list[Check]] = {}
    for check in store.all_checks():
        if check.decision_id in live_ids:
            checks.setdefault(check.decision_id, []).append(check)
    for found in checks.values():
        if len(found) > 1:  # the order the Day view shows: by the moment, then by when it was saved
            found.sort(key=lambda c: (instant(c.at), c.created_at))
    reviews = {r.day: r for r in store.all_reviews() if low <= r.day <= high}
    return [
        _day(day, decisions.get(day, []), checks, reviews.get(day), day_of.get)
        for day in sorted(decisions.keys() | reviews.keys())
    ]


def _day(
    day: str,
    decisions: list[Decision],
    checks: dict[str, list[Check]],
    review: Review | None,
    origin_day: Callable[[Any], str | None],
) -> Day:
    """DAY's record from its live DECISIONS, the live CHECKS by decision id (no key: none) and its
    REVIEW; ORIGIN_DAY gives the day of the decision a `carried_from` names, or None."""
    carried = {d.carried_from: found for d in decisions if (found := origin_day(d.carried_from)) is not None}
    return Day(day, decisions, {d.id: checks[d.id] for d in decisions if d.id in checks}, review, carried)


def day_record(store: Any, day: dt.date) -> Day:
    """One day's record, as `collect_days` gives it; a day with nothing in it has no decisions and no review.

    Asks the store about that day alone, so the Day view stays quick on a long journal.
    """
    decisions = store.decisions_on(day)
    checks = {d.id: found for d in decisions if (found := store.checks_for(d.id))}

    def origin_day(decision_id: str | None) -> str | None:
        origin = store.decision(decision_id) if decision_id else None
        return origin.day if origin is not None else None

    return _day(day.isoformat(), decisions, checks, store.review_on(day), origin_day)


def day_body(day: Day) -> str:
    """The day's Markdown body: the one renderer the Day view uses too."""
    return day_markdown(day.day, day.decisions, day.checks, day.review, carried_from_days=day.carried_from_days)


# -- front matter ---------------------------------------------------------------------------

# Everything a double-quoted YAML scalar must not hold raw: its own quote and escape, control
# characters, what YAML reads as a line break (NEL, U+2028, U+2029), a byte-order mark,
# non-characters, and lone surrogates (not text at all).
_YAML_UNSAFE = re.compile('["\\\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]')


def _yaml_escape(found: re.Match[str]) -> str:
    char = found.group()
    if char == '"' or char == "\\":
        return "\\" + char
    if "\ud800" <= char <= "\udfff":
        return "\\ufffd"
    return f"\\u{ord(char):04x}"


def yaml_string(text: str) -> str:
    """TEXT as a double-quoted scalar that is valid YAML and valid JSON alike."""
    if _YAML_UNSAFE.search(text):
        text = _YAML_UNSAFE.sub(_yaml_escape, text)
    return f'"{text}"'


# The same few names (areas, the vocabulary) are quoted on nearly every day.
_quoted_name = functools.lru_cache(maxsize=1024)(yaml_string)


def _yaml_date(day: dt.date | None) -> str:
    return day.isoformat() if day is not None else "null"


def _yaml_names(names: Iterable[str]) -> str:
    """Names as a flow sequence of double-quoted scalars."""
    return "[" + ", ".join([_quoted_name(name) for name in names]) + "]"


def _distinct(names: Iterable[str]) -> tuple[str, ...]:
    """Names in the order they first appear, each once (case-insensitively); empty ones left out."""
    return merge([name for name in names if name != ""], ())


_OUTCOME_KEYS = ((Outcome.KEPT, "kept"), (Outcome.RETURNED, "returned"), (Outcome.REVISED, "revised"), (Outcome.ABANDONED, "abandoned"), (None, "open"))  # fmt: skip
_CLOSING = f"tags: {_yaml_names(TAGS)}\ngenerator: {yaml_string(GENERATOR)}\n"


def _facts(days: Sequence[Day]) -> tuple[str, str]:
    """The front matter lines of DAYS' facts: the counts (outcomes, decisions, checks), and the names."""
    counts: dict[Outcome | None, int] = {o: 0 for o, _ in _OUTCOME_KEYS}
    areas: list[str] = []
    pulls: list[str] = []
    patterns: list[str] = []
    decisions = checks = 0
    for day in days:
        decisions += len(day.decisions)
        for decision in day.decisions:
            counts[decision.outcome] += 1
            areas.append(decision.area)
            pulls += decision.pulls_expected
            for check in day.checks.get(decision.id, ()):
                checks += 1
                pulls += check.pulls
                patterns += check.patterns
    numbers = "".join(f"{key}: {counts[o]}\n" for o, key in _OUTCOME_KEYS) + f"decisions: {decisions}\nchecks: {checks}\n"
    names = (
        f"areas: {_yaml_names(_distinct(areas))}\n"
        f"pulls: {_yaml_names(_distinct(pulls))}\n"
        f"patterns: {_yaml_names(_distinct(patterns))}\n"
    )
    return numbers, names


def utf8(text: str) -> bytes:
    """A page as the bytes written: UTF-8 (the renderers leave no lone surrogate; one would show as "?")."""
    return text.encode("utf-8", "replace")


def _signed(head: str, body: str) -> bytes:
    """Front matter HEAD (its keys) and BODY as one file, ending the keys with the digest of everything else."""
    top = utf8("---\n" + head + _CLOSING)
    tail = utf8("---\n\n" + body)
    digest = hashlib.sha256(top)
    digest.update(tail)
    return top + b'selftrust_digest: "sha256:' + digest.hexdigest().encode() + b'"\n' + tail


def day_file(day: Day) -> bytes:
    """The whole file of one day, as written: front matter, then the day's Markdown body."""
    date = dt.date.fromisoformat(day.day)
    numbers, names = _facts((day,))
    contact = day.review.contact if day.review is not None else None
    head = (
        f"date: {day.day}\nweekday: {yaml_string(WEEKDAYS[date.weekday()])}\n{numbers}"
        f"contact: {'null' if contact is None else contact}\n{names}"
    )
    return _signed(head, day_body(day))


def day_page(day: Day) -> str:
    """The whole file of one day as text (the export dialog's preview)."""
    return day_file(day).decode("utf-8")


_HEADING = re.compile(r"^#", re.MULTILINE)


def _range_title(first: dt.date | None, last: dt.date | None) -> str:
    if first is None or last is None:
        return "Self-trust practice"
    if first == last:
        return f"Self-trust practice: {day_heading(first)}"
    return f"Self-trust practice: {day_heading(first)} to {day_heading(last)}"


def document_file(days: Sequence[Day], first: dt.date | None = None, last: dt.date | None = None) -> bytes:
    """One document for DAYS, as written: the range's front matter, one H1, each day's body a level down.

    FIRST and LAST name the range asked for; left out, the first and last day exported.
    """
    first = first or (dt.date.fromisoformat(days[0].day) if days else None)
    last = last or (dt.date.fromisoformat(days[-1].day) if days else None)
    numbers, names = _facts(days)
    contacts = [day.review.contact for day in days if day.review is not None and day.review.contact is not None]
    average = round(sum(contacts) / len(contacts), 1) if contacts else None
    head = (
        f"from: {_yaml_date(first)}\nto: {_yaml_date(last)}\ndays: {len(days)}\n{numbers}"
        f"contact_average: {'null' if average is None else average}\n{names}"
    )
    # Only the renderer's own headings start a line with "#": user text never can (it is escaped).
    parts = [f"# {_range_title(first, last)}\n"]
    parts += [_HEADING.sub("##", day_body(day)) for day in days]
    if not days:
        parts.append("Nothing here for these days.\n")
    return _signed(head, "\n".join(parts))


def document_page(days: Sequence[Day], first: dt.date | None = None, last: dt.date | None = None) -> str:
    """The combined document as text."""
    return document_file(days, first, last).decode("utf-8")


# -- whose file is it -------------------------------------------------------------------------

OURS, EDITED, FOREIGN = "ours", "edited", "foreign"

_DIGEST = re.compile(rb'^(?:  "selftrust_digest"|selftrust_digest): "sha256:([0-9a-f]{64})",?\n', re.MULTILINE)
_GENERATOR = re.compile(rb'^(?:  "generator"|generator): "selftrust ', re.MULTILINE)


def _head(raw: bytes) -> bytes | None:
    """The front matter of a Markdown file, or the first lines of a JSON backup; None if neither."""
    if raw.startswith(b"---\n"):
        end = raw.find(b"\n---\n", 3)
        return raw[: end + 1] if end >= 0 else None
    if raw.startswith(b'{\n  "format": "' + BACKUP_FORMAT.encode() + b'",\n'):
        return raw[:400]
    return None


def whose(raw: bytes) -> str:
    """OURS (written by selftrust, untouched since), EDITED (ours, changed since) or FOREIGN.

    What we wrote is recorded in the file itself: the digest of our own bytes in its front
    matter. A file without one is the person's, an empty one too (notes apps make empty
    day notes), and is never replaced without --force.
    """
    head = _head(raw)
    if head is None:
        return FOREIGN
    digest = _DIGEST.search(head)
    if digest is None or _GENERATOR.search(head) is None:
        return FOREIGN
    rest = raw[: digest.start()] + raw[digest.end() :]
    return OURS if hashlib.sha256(rest).hexdigest() == digest.group(1).decode() else EDITED


# -- writing files --------------------------------------------------------------------------


@dataclass
class ExportReport:
    """What an export did, file by file."""

    days: int = 0
    written: list[Path] = field(default_factory=list)  # new, or replacing an untouched file of ours
    unchanged: list[Path] = field(default_factory=list)  # already exactly this: not rewritten
    edited: list[Path] = field(default_factory=list)  # skipped: edited since export (no force)
    foreign: list[Path] = field(default_factory=list)  # skipped: not written by selftrust, never touched
    forced: list[Path] = field(default_factory=list)  # written over edits (force); also in `written`
    empty: list[Path] = field(default_factory=list)  # the person's empty notes: skipped, or filled with force (then in `written`)

    @property
    def skipped(self) -> list[Path]:
        """Files left as they were although they differ: edited ones, empty notes and ones not ours."""
        return self.edited + self.foreign + [p for p in self.empty if p not in self.written]

    def summary(self) -> str:
        """written N, unchanged M, skipped K."""
        return f"written {len(self.written)}, unchanged {len(self.unchanged)}, skipped {len(self.skipped)}"


def _refuse_non_folder(path: Path) -> None:
    """ExportError when PATH is there but is no folder (a file, a pipe, a device)."""
    if path.exists() and not path.is_dir():
        raise ExportError(f"{path} is a file, not a folder" if path.is_file() else f"{path} is not a folder (a pipe, device or socket)")


def make_private_folder(folder: Path) -> None:
    """Create FOLDER and any missing parents, each readable by the user only; existing ones stay as they are."""
    here = folder
    while not here.exists() and here.parent != here:
        here = here.parent
    _refuse_non_folder(here)
    try:
        private_folder(folder)
    except OSError as error:
        raise ExportFailed(f"the folder {error.filename or folder} could not be made: {error.strerror or error}") from error


# Linux can make a file with no name (O_TMPFILE) and give it its name once it is whole
# (linkat): as atomic as a temporary file renamed, with one change to the folder instead of
# three, and nothing left behind by a crash. Where it is missing, a temporary file is renamed.
_O_TMPFILE = getattr(os, "O_TMPFILE", 0)
_UNNAMED = {"usable": bool(_O_TMPFILE) and os.path.isdir("/proc/self/fd")}


def _create(path: Path, data: bytes, *, sync: bool) -> None:
    """DATA at the new name PATH, which appears whole or not at all; FileExistsError if it is taken."""
    if _UNNAMED["usable"]:
        try:
            fd = os.open(path.parent, os.O_WRONLY | _O_TMPFILE, 0o600)
        except OSError:
            fd = -1  # not on this filesystem (or the folder is refused: the temporary file says why)
        if fd >= 0:
            try:
                write_all(fd, data)  # a full disk is reported, not worked around
                if sync:
                    os.fsync(fd)
                try:
                    # A dir fd makes CPython call linkat with AT_SYMLINK_FOLLOW: the unnamed file itself gets the name.
                    os.link(f"/proc/self/fd/{fd}", path, src_dir_fd=fd, follow_symlinks=True)
                    return
                except FileExistsError:
                    raise
                except OSError:
                    _UNNAMED["usable"] = False  # no /proc, or links refused here: rename from now on
            finally:
                os.close(fd)
    if path.exists() or path.is_symlink():
        raise FileExistsError(path)
    write_atomic(path, data, sync=sync)


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some filesystems cannot sync a folder; the files themselves are whole
    finally:
        os.close(fd)


def _place(path: Path, data: bytes, force: bool, report: ExportReport, *, sync: bool = False) -> bool:
    """Write DATA at PATH if the rules allow; record what happened. True when it was written."""
    try:
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            try:
                _create(path, data, sync=sync)
                report.written.append(path)
                return True
            except FileExistsError:  # made meanwhile, by someone else: look at it as it is now
                info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode):  # a folder, a link, a device: not a file we wrote
            report.foreign.append(path)
            return False
        with open(path, "rb") as file:
            raw = file.read()
        if raw == data:
            report.unchanged.append(path)
            return False
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
        write_atomic(path, data, sync=sync)
        report.written.append(path)
        return True
    except OSError as error:
        raise ExportFailed(
            f"{path} could not be written: {error.strerror or error}. "
            f"The files written before it are whole; fix that and export again."
        ) from error


_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def file_name(pattern: str, day: dt.date) -> str:
    """The file name PATTERN gives DAY ({date} and {weekday}); ExportError if it is unusable."""
    def fill(found: re.Match[str]) -> str:
        key = found.group(1)
        if key == "date":
            return day.isoformat()
        if key == "weekday":
            return WEEKDAYS[day.weekday()]
        raise ExportError(f"export_pattern {pattern!r}: {{{key}}} is not known; use {{date}} and {{weekday}}")

    if "{date}" not in pattern:
        raise ExportError(f'export_pattern {pattern!r}: it needs {{date}}, like "{{date}}.md"')
    name = _PLACEHOLDER.sub(fill, pattern)
    if "{" in name or "}" in name:
        raise ExportError(f"export_pattern {pattern!r}: a brace without its pair")
    if "\x00" in name or any(part in ("", ".", "..") for part in name.split("/")):
        raise ExportError(f"export_pattern {pattern!r}: a file name must stay inside the export folder, like \"{{date}}.md\"")
    return name


@_without_gc
def export_days(
    store: Any,
    folder: Path,
    *,
    first: dt.date | None = None,
    last: dt.date | None = None,
    pattern: str = DEFAULT_PATTERN,
    force: bool = False,
    progress: Progress | None = None,
    days: Sequence[Day] | None = None,
) -> ExportReport:
    """One Markdown file per day from FIRST to LAST into FOLDER, by the rules above.

    PROGRESS, if given, is called as progress(done, total) after each day (and once with
    done 0 before the first); raising from it stops the export, leaving the files written
    so far whole. DAYS, if given, are the days to write (from `collect_days`), so a
    caller that already gathered them for a preview need not read the journal again.
    """
    file_name(pattern, dt.date(2026, 11, 27))  # a bad pattern is refused before anything is written
    _refuse_non_folder(folder)
    if days is None:
        days = collect_days(store, first, last)
    report = ExportReport(days=len(days))
    total = len(days)
    if progress is not None:
        progress(0, total)
    if not days:
        return report
    make_private_folder(folder)
    folders: set[Path] = set()
    made: set[Path] = {folder}
    try:
        for done, day in enumerate(days, 1):
            path = folder / file_name(pattern, dt.date.fromisoformat(day.day))
            if path.parent not in made:
                make_private_folder(path.parent)
                made.add(path.parent)
            if _place(path, day_file(day), force, report):
                folders.add(path.parent)
            if progress is not None:
                progress(done, total)
    finally:
        for written_to in folders:  # once per folder at the end, not per file
            _fsync_folder(written_to)
    return report


@_without_gc
def export_document(
    store: Any,
    path: Path,
    *,
    first: dt.date | None = None,
    last: dt.date | None = None,
    force: bool = False,
) -> ExportReport:
    """One combined Markdown document of the days from FIRST to LAST, written to PATH."""
    days = collect_days(store, first, last)
    return _export_file(path, document_file(days, first, last), force, len(days))


def _export_file(path: Path, data: bytes, force: bool, days: int) -> ExportReport:
    if path.is_dir():
        raise ExportError(f"{path} is a folder, not a file")
    make_private_folder(path.parent)
    report = ExportReport(days=days)
    if _place(path, data, force, report, sync=True):
        _fsync_folder(path.parent)
    return report


# -- the JSON backup --------------------------------------------------------------------------


def _in_range(day: str, first: dt.date | None, last: dt.date | None) -> bool:
    return (first is None or day >= first.isoformat()) and (last is None or day <= last.isoformat())


@_without_gc
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
        "generator": GENERATOR,
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
) -> ExportReport:
    """The JSON backup written to PATH (atomically, privately), by the same rules as notes."""
    data = backup_bytes(store, first=first, last=last)
    return _export_file(path, data, force, 0)


# -- import -----------------------------------------------------------------------------------

_RECORD_CLASSES = {"decisions": Decision, "checks": Check, "reviews": Review}
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
    if problem := schema.references_problem({kind: {doc["id"]: doc for doc in tables.get(kind, [])} for kind in KINDS}, True):
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


@_without_gc
def import_backup(store: Any, data: bytes | Backup, *, now: str | None = None, name: str = "the file") -> ImportReport:
    """Merge a backup (its bytes, or a `read_backup` result) into STORE, as one atomic save.

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
        _check_against(backup, current, name)
        _merge_decisions(store, backup.decisions, current["decisions"], report)
        for check in backup.checks:
            _merge_one(store, "checks", check, current["checks"], report)
        touched = set()
        for review in backup.reviews:
            if _merge_one(store, "reviews", review, current["reviews"], report):
                touched.add(review.day)
        _one_review_a_day(store, touched, current["reviews"], when, report)
    return report


def _check_against(backup: Backup, current: dict[str, dict[str, Any]], name: str) -> None:
    """Refuse a backup whose entries contradict the journal's (before anything changes)."""
    for kind, records in (("decisions", backup.decisions), ("checks", backup.checks), ("reviews", backup.reviews)):
        for record in records:
            for other_kind in KINDS:
                if other_kind != kind and record.id in current[other_kind]:
                    raise _refuse(name, f"has a {_SINGULAR[kind]} whose id {record.id!r} is a {_SINGULAR[other_kind]} in the journal")
            mine = current[kind].get(record.id)
            if mine is not None and mine.day != record.day:
                raise _refuse(name, f"puts the {_SINGULAR[kind]} {record.id!r} on {record.day}; the journal has it on {mine.day}")
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
        if carried is not None and carried not in incoming and carried not in current["decisions"]:
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


# -- the range words ----------------------------------------------------------------------------
