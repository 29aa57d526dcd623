"""Export's Markdown: a day's records, its file (front matter and body), and the combined document.

Pure Python (no Textual): the export, the command line and the Day view use it.

**A day's file** is YAML front matter with the day's facts, then the day's Markdown body
from `data.markdown.day_markdown` (the same page the Day view shows). The front matter is
written by hand, every string a JSON-style double-quoted scalar with anything unusual
escaped (quotes, backslashes, control characters, line and paragraph separators), so what
the user typed can never end it or add a key: it always parses, as YAML and line by line.
Every key is always written and always has one YAML type, so Obsidian and Dataview read a
property the same way in every file (the README's table names them all): `date` is written
bare (a date), `weekday` a string; the numbers are the outcomes one by one (`kept`,
`returned`, `revised`, `abandoned`, `open`, `carried`), `decisions`, `checks`, `plans` (the
if-then plans), `returns` and `reps` (PRODUCT.md §5), and `contact` (1-5, or null when the
evening gave none); the lists are `areas`, `pulls_expected` (expected in the morning),
`pulls` and `patterns` (named at the checks), `feelings` and `returned_to` (the checks'),
and `tags`: `selftrust`, then the person's own `#tags` in what they wrote, without the `#`.
Names are listed once each (case-insensitively), in the order they first appear.
Every file ends its front matter with the generator and the digest of `data.ours`.
The body sits between selftrust's two marker lines (`data.ours.BEGIN` and `END`): the note
around them is the person's, and export keeps it (`data.ours.merged`).

**One combined document** for a range has one front matter for the whole range (`from`,
`to`, `days`, the same numbers and lists over the range, the contact average), then one
H1 naming the range, then each day's body with its headings demoted one level (the
day's title becomes an H2, Morning an H3, a decision an H4), so the document has one H1.
It carries its own digest, so writing it to the same file again follows the same rules;
it has no region: the whole file is ours.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from data.daytime import day_heading, instant
from data.markdown import day_markdown, tags_in
from data.models import Check, Decision, Outcome, Review
from data.ours import BEGIN, END, generator
from data.resting import collector_resting
from data.vocabulary import merge

TAGS = ("selftrust",)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


# -- a day's records --------------------------------------------------------------------


@dataclass(slots=True)
class Day:
    """One day's records as its page shows them."""

    day: str
    decisions: list[Decision]  # live, by number
    checks: dict[str, list[Check]]  # the live checks of each live decision, oldest first
    review: Review | None  # the live review, if any
    carried_from_days: dict[str, str]  # a carried decision's origin id -> that decision's day
    carried_to_days: dict[str, str] = field(default_factory=dict)  # a decision carried forward -> its copy's day


@collector_resting()
def collect_days(store: Any, first: dt.date | None = None, last: dt.date | None = None) -> list[Day]:
    """The days from FIRST to LAST (either open-ended) that have something to show, oldest first."""
    low = first.isoformat() if first else ""
    high = last.isoformat() if last else "\uffff"
    everything = store.all_decisions(include_deleted=True)
    day_of = {d.id: d.day for d in everything}
    copy_day = {d.carried_from: d.day for d in everything if d.carried_from is not None and not d.deleted}
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
        _day(day, decisions.get(day, []), checks, reviews.get(day), day_of.get, copy_day.get)
        for day in sorted(decisions.keys() | reviews.keys())
    ]


def _day(
    day: str,
    decisions: list[Decision],
    checks: dict[str, list[Check]],
    review: Review | None,
    origin_day: Callable[[Any], str | None],
    copy_day: Callable[[str], str | None],
) -> Day:
    """DAY's record from its live DECISIONS, the live CHECKS by decision id (no key: none) and its
    REVIEW; ORIGIN_DAY gives the day of the decision a `carried_from` names, or None, and COPY_DAY
    the day a decision was carried forward to (asked only of those that were), or None."""
    carried = {
        d.carried_from: found
        for d in decisions
        if d.carried_from is not None and (found := origin_day(d.carried_from)) is not None
    }
    carried_to = {
        d.id: found for d in decisions if d.outcome is Outcome.CARRIED and (found := copy_day(d.id)) is not None
    }
    found_checks = {d.id: checks[d.id] for d in decisions if d.id in checks}
    return Day(day, decisions, found_checks, review, carried, carried_to)


def day_record(store: Any, day: dt.date) -> Day:
    """One day's record, as `collect_days` gives it; a day with nothing in it has no decisions and no review.

    Asks the store about that day alone, so the Day view stays quick on a long journal.
    """
    decisions = store.decisions_on(day)
    checks = {d.id: found for d in decisions if (found := store.checks_for(d.id))}

    def origin_day(decision_id: str | None) -> str | None:
        origin = store.decision(decision_id) if decision_id else None
        return origin.day if origin is not None else None

    def copy_day(decision_id: str) -> str | None:
        copy = store.carried_to(decision_id)
        return copy.day if copy is not None else None

    return _day(day.isoformat(), decisions, checks, store.review_on(day), origin_day, copy_day)


def day_body(day: Day) -> str:
    """The day's Markdown body: the one renderer the Day view uses too."""
    return day_markdown(
        day.day,
        day.decisions,
        day.checks,
        day.review,
        carried_from_days=day.carried_from_days,
        carried_to_days=day.carried_to_days,
    )


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


_OUTCOME_KEYS = ((Outcome.KEPT, "kept"), (Outcome.RETURNED, "returned"), (Outcome.REVISED, "revised"), (Outcome.ABANDONED, "abandoned"), (None, "open"), (Outcome.CARRIED, "carried"))  # fmt: skip

# A `#tag` as Obsidian reads one: at the start or after a space, then letters, digits, `_`, `-` and
# `/` (a nested tag), not only digits. What ends it (a full stop, a comma, a bracket) is not part of it.


@functools.cache
def _closing() -> str:
    """The front matter's last key before the digest: the generator (read once, when first written)."""
    return f"generator: {yaml_string(generator())}\n"


def _day_texts(day: Day) -> Iterable[str]:
    """Everything the person wrote on DAY, in the order the page shows it (names from the vocabulary aside)."""
    for decision in day.decisions:
        yield decision.text
        yield decision.why
        yield decision.next_step
        yield decision.say or ""
        for plan in decision.plans:
            yield str(plan.get("then", ""))
    for decision in day.decisions:
        for check in day.checks.get(decision.id, ()):
            yield check.body
            yield check.return_step
    for decision in day.decisions:
        yield decision.hard
        yield decision.revised_why
    if day.review is not None:
        yield from (day.review.left, day.review.returned, day.review.repair, day.review.learned)


def own_tags(texts: Iterable[str]) -> list[str]:
    """The `#tags` in TEXTS, without the `#`, in the order they first appear (`data.markdown.tags_in`'s rule)."""
    found: list[str] = []
    for text in texts:
        if "#" in text:
            found += tags_in(text)  # the rule the page keeps them working by
    return found


def _facts(days: Sequence[Day]) -> tuple[str, str]:
    """The front matter lines of DAYS' facts: the numbers (outcomes, decisions, checks, plans, returns,
    reps), and the lists (areas, pulls, patterns, feelings, returned-to, tags). Every key is always
    written, a number as a number and a list as a list (empty when there is nothing), so a property
    has one type in every file."""
    counts: dict[Outcome | None, int] = {o: 0 for o, _ in _OUTCOME_KEYS}
    areas: list[str] = []
    expected: list[str] = []
    pulls: list[str] = []
    patterns: list[str] = []
    feelings: list[str] = []
    returned_to: list[str] = []
    tags: list[str] = list(TAGS)
    decisions = checks = plans = reps = 0
    for day in days:
        decisions += len(day.decisions)
        for decision in day.decisions:
            counts[decision.outcome] += 1
            areas.append(decision.area)
            expected += decision.pulls_expected
            plans += len(decision.plans)
            met_a_pull = False
            for check in day.checks.get(decision.id, ()):
                checks += 1
                pulls += check.pulls
                patterns += check.patterns
                met_a_pull = met_a_pull or check.met_a_pull
                if check.feeling:
                    feelings.append(check.feeling)
                returned_to += check.returned_to
            reps += decision.is_rep(met_a_pull)
        tags += own_tags(_day_texts(day))
    numbers = (
        "".join(f"{key}: {counts[o]}\n" for o, key in _OUTCOME_KEYS)
        + f"decisions: {decisions}\nchecks: {checks}\nplans: {plans}\n"
        + f"returns: {counts[Outcome.RETURNED]}\nreps: {reps}\n"
    )
    names = (
        f"areas: {_yaml_names(_distinct(areas))}\n"
        f"pulls_expected: {_yaml_names(_distinct(expected))}\n"
        f"pulls: {_yaml_names(_distinct(pulls))}\n"
        f"patterns: {_yaml_names(_distinct(patterns))}\n"
        f"feelings: {_yaml_names(_distinct(feelings))}\n"
        f"returned_to: {_yaml_names(_distinct(returned_to))}\n"
        f"tags: {_yaml_names(_distinct(tags))}\n"
    )
    return numbers, names


def utf8(text: str) -> bytes:
    """A page as the bytes written: UTF-8 (the renderers leave no lone surrogate; one would show as "?")."""
    return text.encode("utf-8", "replace")


def _signed(head: str, body: str) -> bytes:
    """A note: front matter HEAD (its keys), then BODY inside selftrust's region, the keys ending with the digest.

    The digest covers what is ours (`data.ours`): the keys' lines and the region, markers
    and all. A fresh note has nothing of the person's yet: one blank line before the region,
    one line break after it.
    """
    top = utf8("---\n" + head + _closing())
    region = utf8(f"{BEGIN}\n\n{body}\n{END}")
    digest = hashlib.sha256(top)
    digest.update(region)
    return top + b'selftrust_digest: "sha256:' + digest.hexdigest().encode() + b'"\n---\n\n' + region + b"\n"


def _signed_whole(head: str, body: str) -> bytes:
    """Front matter HEAD (its keys) and BODY as one file of ours, ending the keys with the digest of everything else."""
    top = utf8("---\n" + head + _closing())
    tail = utf8("---\n\n" + body)
    digest = hashlib.sha256(top)
    digest.update(tail)
    return top + b'selftrust_digest: "sha256:' + digest.hexdigest().encode() + b'"\n' + tail


def day_file(day: Day, links: str = "") -> bytes:
    """The whole file of one day, as written: front matter, then the day's Markdown body.

    LINKS, if given, is the line of links to the day's neighbours and week (`data.markdown.links_line`),
    written after the body, a blank line between: the Day view shows no links.
    """
    date = dt.date.fromisoformat(day.day)
    numbers, names = _facts((day,))
    contact = day.review.contact if day.review is not None else None
    head = (
        f"date: {day.day}\nweekday: {yaml_string(WEEKDAYS[date.weekday()])}\n{numbers}"
        f"contact: {'null' if contact is None else contact}\n{names}"
    )
    return _signed(head, day_body(day) + ("\n" + links if links else ""))


def day_page(day: Day, links: str = "") -> str:
    """The whole file of one day as text (the export dialog's preview)."""
    return day_file(day, links).decode("utf-8")


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
    return _signed_whole(head, "\n".join(parts))


def document_page(days: Sequence[Day], first: dt.date | None = None, last: dt.date | None = None) -> str:
    """The combined document as text."""
    return document_file(days, first, last).decode("utf-8")
