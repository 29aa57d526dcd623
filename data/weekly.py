"""The weekly note and the links between notes: each day links to its neighbours and its week.

Pure Python (no Textual): `data.export` uses it when it writes a file per day.

**Names.** A week is named `gggg-[W]ww`, the ISO week-year and week (`2026-W48`, the
periodic-notes default): 31 December 2026 is in 2026-W53, and so is 1 January 2027,
while 30 December 2024 is already 2025-W01. A note is linked by its file name without
`.md` (`[[2026-11-26]]`; a pattern with folders: `[[journal/2026-11-26]]`), so the
links follow `export_pattern`. The weekly notes go into the export folder itself.

**Neighbours** are the journal's practice days (a live decision or review, the days a
file per day exports), not only the days of one export: exporting a single day still
links it to the day before and the day after it in the journal.

**A weekly note** has the week's figures as front matter (`week`, `from` and `to` its
Monday and Sunday, `days`, `decisions`, `returns`, `reps`, each outcome, `contact_average`
or null, the tags and generator), signed like a day's file, then a heading, the figures
in words, and a list linking to each of its days. It holds no text the person typed.
Its figures count every practice day of the week in the journal, whichever of them one
export wrote.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from data.daytime import week_start
from data.figures_words import FIRST_RETURN, contact_mean, percent, plural
from data.markdown import links_line
from data.models import Outcome
from data.notes import TAGS, WEEKDAYS, Day, _signed, _yaml_names, collect_days, yaml_string
from data.outcomes import Outcomes
from data.vault_files import ExportError


def week_name(day: dt.date) -> str:
    """The name of DAY's ISO week: "2026-W48" (the ISO week-year, which can differ from DAY's year)."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_note_name(day: dt.date) -> str:
    """The file name of the weekly note of DAY's week, in the export folder: "2026-W48.md"."""
    return f"{week_name(day)}.md"


# What a [[wikilink]] cannot hold (Obsidian's rules: [ ] | # ^), and what Markdown would read
# around it as syntax (emphasis, code, HTML, an escape) or a line break.
_UNLINKABLE = re.compile(r"[\[\]|#^*`<>\\\x00-\x1f\x7f-\x9f\u2028\u2029]")


def link_target(name: str) -> str:
    """How a note of file NAME is linked: the name without ".md"; ExportError if no link can hold it."""
    if _UNLINKABLE.search(name):
        raise ExportError(
            f"the file name {name!r} cannot be linked ([[links]] cannot hold [ ] | # ^ * ` < > or \\): "
            "change export_pattern, or set export_links = false and export_weekly = false"
        )
    return name[:-3] if name.casefold().endswith(".md") else name


def practice_days(store: Any) -> list[str]:
    """Every day the journal has something to show (a live decision or review), oldest first."""
    return sorted({d.day for d in store.all_decisions()} | {r.day for r in store.all_reviews()})


def neighbours(store: Any, days: Sequence[Day], whole: bool) -> tuple[str | None, str | None]:
    """The journal's practice days just before the first of DAYS and just after the last, or None.

    WHOLE says DAYS are every day of the journal, so there is none to look for.
    """
    if whole or not days:
        return None, None
    journal = practice_days(store)
    start = bisect.bisect_left(journal, days[0].day)
    end = bisect.bisect_right(journal, days[-1].day)
    return (journal[start - 1] if start else None), (journal[end] if end < len(journal) else None)


def day_links(
    days: Sequence[Day], before: str | None, after: str | None, target_of: Callable[[str], str], weeks: bool
) -> list[str]:
    """Each of DAYS' line of links: the day before (BEFORE for the first), its week (when WEEKS), the day after.

    TARGET_OF gives a day's link target from its ISO date.
    """
    around = [before, *(day.day for day in days), after]
    lines = []
    for i, day in enumerate(days, 1):
        previous, following = around[i - 1], around[i + 1]
        targets = [target_of(previous)] if previous else []
        if weeks:
            targets.append(week_name(dt.date.fromisoformat(day.day)))
        if following:
            targets.append(target_of(following))
        lines.append(links_line(targets))
    return lines


def week_notes(
    store: Any, days: Sequence[Day], whole: bool, target_of: Callable[[str], str]
) -> list[tuple[str, bytes]]:
    """The weekly note (file name, bytes) of each week DAYS fall in, oldest first, in one pass over the days.

    Each counts every practice day of its week in the journal: with WHOLE (DAYS are all of
    them) those are DAYS' own, else the weeks are read again, Monday to Sunday.
    """
    if not days:
        return []
    first, last = dt.date.fromisoformat(days[0].day), dt.date.fromisoformat(days[-1].day)
    pool = days if whole else collect_days(store, week_start(first), week_start(last) + dt.timedelta(days=6))
    weeks: dict[dt.date, list[Day]] = {}
    for day in pool:
        weeks.setdefault(week_start(dt.date.fromisoformat(day.day)), []).append(day)
    touched = weeks.keys() if whole else {week_start(dt.date.fromisoformat(day.day)) for day in days}
    return [
        (week_note_name(monday), week_file(monday, found, [target_of(day.day) for day in found]))
        for monday, found in weeks.items()
        if monday in touched
    ]


# -- the week's figures ----------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class WeekFigures(Outcomes):
    """A week's numbers, counted from its days' records: how its decisions ended (with the keep rate), and more."""

    days: int
    decisions: int
    returns: int
    reps: int
    contact_average: float | None


def week_figures(days: Sequence[Day]) -> WeekFigures:
    """The figures of DAYS (one week's): reps are returns, and decisions kept although something pulled."""
    counts: dict[Outcome | None, int] = dict.fromkeys((*Outcome, None), 0)
    reps = decisions = 0
    contacts: list[int] = []
    for day in days:
        decisions += len(day.decisions)
        for decision in day.decisions:
            counts[decision.outcome] += 1
            reps += decision.is_rep(
                any(check.met_a_pull for check in day.checks.get(decision.id, ()) if not check.deleted)
            )
        if day.review is not None and day.review.contact is not None:
            contacts.append(day.review.contact)
    return WeekFigures(
        days=len(days),
        decisions=decisions,
        returns=counts[Outcome.RETURNED],
        reps=reps,
        kept=counts[Outcome.KEPT],
        returned=counts[Outcome.RETURNED],
        revised=counts[Outcome.REVISED],
        abandoned=counts[Outcome.ABANDONED],
        open=counts[None],
        carried=counts[Outcome.CARRIED],
        contact_average=round(sum(contacts) / len(contacts), 1) if contacts else None,
    )


def figures_lines(figures: WeekFigures) -> list[str]:
    """The week's figures in words, as list items (the wording of `selftrust stats`)."""
    f = figures
    outcomes = f"{f.kept:,} kept · {f.returned:,} returned · {f.revised:,} revised · {f.abandoned:,} abandoned · {f.open:,} open"
    if f.carried:
        outcomes += f" · {f.carried:,} carried forward"
    lines = [
        f"- Days practised: {f.days:,}",
        f"- {plural(f.decisions, 'decision')}: {outcomes}" if f.decisions else "- No decisions this week.",
        f"- Returns: {f.returns:,} — every one is a rep." if f.returns else f"- Returns: 0 — {FIRST_RETURN}",
        f"- Reps: {f.reps:,} — returns, and decisions kept although something pulled.",
    ]
    if f.resolved:
        lines.append(f"- You kept or came back to {f.held:,} of {f.resolved:,} ({percent(f.keep_rate)}).")
    if f.contact_average is not None:
        lines.append(f"- Contact: {contact_mean(f.contact_average)}.")
    return lines


# -- the weekly note -------------------------------------------------------------------


def _span(monday: dt.date) -> str:
    """ "Monday 23 November to Sunday 29 November 2026" (each year named where the week spans two)."""
    sunday = monday + dt.timedelta(days=6)
    start = f"Monday {monday.day} {monday:%B}" + (f" {monday.year}" if monday.year != sunday.year else "")
    return f"{start} to Sunday {sunday.day} {sunday:%B %Y}"


def week_file(monday: dt.date, days: Sequence[Day], targets: Sequence[str]) -> bytes:
    """The weekly note of the week starting MONDAY, as written: its DAYS' figures, and a link to each day.

    TARGETS are the days' link targets, in the order of DAYS (from `link_target`).
    """
    monday = week_start(monday)
    figures = week_figures(days)
    year, week, _ = monday.isocalendar()
    average = "null" if figures.contact_average is None else figures.contact_average
    head = (
        f"week: {yaml_string(week_name(monday))}\n"
        f"from: {monday.isoformat()}\nto: {(monday + dt.timedelta(days=6)).isoformat()}\n"
        f"days: {figures.days}\ndecisions: {figures.decisions}\n"
        f"returns: {figures.returns}\nreps: {figures.reps}\n"
        f"kept: {figures.kept}\nreturned: {figures.returned}\nrevised: {figures.revised}\n"
        f"abandoned: {figures.abandoned}\nopen: {figures.open}\n"
        f"carried: {figures.carried}\n"  # on every note, a number, as on the days' (one type per key)
        f"contact_average: {average}\ntags: {_yaml_names(TAGS)}\n"
    )
    lines = [f"# Week {week} of {year}", "", f"{_span(monday)}.", "", *figures_lines(figures), "", "## Days", ""]
    for day, target in zip(days, targets, strict=True):
        weekday = WEEKDAYS[dt.date.fromisoformat(day.day).weekday()]
        lines.append(f"- [[{target}]] · {weekday}: {plural(len(day.decisions), 'decision')}")
    return _signed(head, "\n".join(lines) + "\n")
