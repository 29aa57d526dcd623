"""Export to notes: one Markdown file per day into a folder, or one combined document.

Pure Python (no Textual): the command line and the app's export dialog both call it.
The pages themselves are `data.notes`'s, the mark that says a file is ours `data.ours`'s,
the careful writing of each file `data.vault_files`'s, and the JSON backup and its
import `data.backup`'s.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from data import weekly as weekly_notes
from data.files import fsync_folder
from data.notes import WEEKDAYS, Day, collect_days, day_file, document_file
from data.resting import collector_resting
from data.vault_files import ExportError, ExportReport, export_file, make_private_folder, place, refuse_non_folder

if TYPE_CHECKING:
    from data.settings import Settings

DEFAULT_PATTERN = "{date}.md"
EXAMPLE_FOLDER = "~/Notes/Self-trust"

Progress = Callable[[int, int], None]


def export_folder(settings: Settings) -> Path | None:
    """Where an export goes when none is given: `export_dir` from the settings, or nowhere yet.

    The one rule for the app and the shell. Nothing is guessed: a guessed folder would put
    notes where the user never chose (a vault's real folder, from a demo). With no
    export_dir the app asks, its field empty beside `export_dir_advice`, and
    `selftrust export` without --out stops with the same advice.
    """
    return settings.export_dir


def export_dir_advice(settings: Settings) -> str:
    """How to have the export folder filled in: the words the app and the shell both show."""
    if settings.path is None:
        where = "the settings file (selftrust config shows where)"
    elif settings.path.is_relative_to(home := Path.home()):
        where = f"~/{settings.path.relative_to(home)}"
    else:
        where = str(settings.path)
    return f'set export_dir in {where}, like export_dir = "{EXAMPLE_FOLDER}"'


def document_path(destination: Path, first_day: str, last_day: str) -> Path:
    """Where one document goes: DESTINATION itself when it names a file (ending in .md, or a
    file already there), else a file in that folder named for the days it holds."""
    if destination.suffix.casefold() == ".md" or destination.is_file():
        return destination
    return destination / f"selftrust {first_day} to {last_day}.md"


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
        raise ExportError(
            f'export_pattern {pattern!r}: a file name must stay inside the export folder, like "{{date}}.md"'
        )
    return name


def begin_export(
    store: Any,
    folder: Path,
    first: dt.date | None,
    last: dt.date | None,
    days: Sequence[Day] | None,
    progress: Progress | None,
) -> tuple[Sequence[Day], ExportReport]:
    """The days an export of files writes (DAYS, or the journal's from FIRST to LAST) and its report, begun.

    FOLDER is refused first when it is no folder; PROGRESS hears (0, how many) before the first day.
    """
    refuse_non_folder(folder)
    if days is None:
        days = collect_days(store, first, last)
    if progress is not None:
        progress(0, len(days))
    return days, ExportReport(days=len(days))


@collector_resting()
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
    links: bool = True,
    weekly: bool = True,
) -> ExportReport:
    """One Markdown file per day from FIRST to LAST into FOLDER, by the rules above.

    LINKS ends each day's file with links to the journal's day before and after and to its
    week; WEEKLY writes a weekly note for each week with a day exported (`data.weekly`),
    into FOLDER itself, by the same rules as the days.

    PROGRESS, if given, is called as progress(done, total) after each day (and once with
    done 0 before the first); raising from it stops the export, leaving the files written
    so far whole. DAYS, if given, are the days to write (from `collect_days`), so a
    caller that already gathered them for a preview need not read the journal again.
    """
    file_name(pattern, dt.date(2026, 11, 27))  # a bad pattern is refused before anything is written
    days, report = begin_export(store, folder, first, last, days, progress)
    total = len(days)
    if not days:
        return report
    names = {day.day: file_name(pattern, dt.date.fromisoformat(day.day)) for day in days}
    whole = first is None and last is None  # every day of the journal: none beside them to look up
    lines: Sequence[str] = ()
    notes: list[tuple[str, bytes]] = []
    if links or weekly:

        def target_of(day: str) -> str:
            found = names.get(day)
            return weekly_notes.link_target(found or file_name(pattern, dt.date.fromisoformat(day)))

        if links:
            before, after = weekly_notes.neighbours(store, days, whole)
            lines = weekly_notes.day_links(days, before, after, target_of, weekly)
        if weekly:
            notes = weekly_notes.week_notes(store, days, whole, target_of)
            report.weeks = len(notes)
    make_private_folder(folder)
    folders: set[Path] = set()
    made: set[Path] = {folder}
    try:
        for done, day in enumerate(days, 1):
            path = folder / names[day.day]
            if path.parent not in made:
                make_private_folder(path.parent)
                made.add(path.parent)
            if place(path, day_file(day, lines[done - 1] if lines else ""), force, report):
                folders.add(path.parent)
            if progress is not None:
                progress(done, total)
        for name, data in notes:
            if place(folder / name, data, force, report):
                folders.add(folder)
    finally:
        for written_to in folders:  # once per folder at the end, not per file
            fsync_folder(written_to)
    return report


@collector_resting()
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
    return export_file(path, document_file(days, first, last), force, len(days))
