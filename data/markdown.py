"""The one Markdown rendering of a day: the Day view shows it, export writes it.

Whatever the user typed stays inside its field. Their text is escaped so that no
CommonMark or GFM rule can see it: it adds no heading, list item, code, HTML, table,
link (but a bare web address, below) or thematic break, and ends no list. The escaping
is chosen to read well as plain text too:

- ASCII punctuation with a meaning somewhere in Markdown or a notes app (``\\ ` * _ [ ]
  < > & # | ~ @ / = + ^ { } $ %``) is always backslash-escaped. The everyday marks
  ``, . ' " ? ! ; : ( ) -`` are left bare where nothing can read them as syntax: a ``.``
  before a non-space (``example.com``, ``e.g.``, where linkify would see a link), a ``:``
  before a ``:`` and a ``(`` before a ``(`` are escaped.
- A line of a note is a hard line break (a backslash at the end of the line) and the next
  line is indented under its list item. Any punctuation that begins such a line is
  escaped, as is the ``.`` or ``)`` after a leading number, so no line starts a block.
- Whitespace Markdown would drop (at the start of a continuation line, at the end of a
  field) is written as a character reference (``&#32;``), so it survives.
- What a notes app reads as a link or a tag is written as typed, so it works there:
  ``[[wikilinks]]`` (``[[page|alias]]``, ``[[page#heading]]``, ``[[page#^block]]``), bare
  ``https://`` and ``http://`` addresses, and ``#tags`` (Obsidian's rule: ``#`` then
  letters, digits, ``_``, ``-`` and ``/``, not all digits, not after a letter or digit).
  Each is kept only when nothing in it is syntax where it stands: no ``*``, ``` ` ```,
  ``<``, ``&`` reference, ``$``, ``%%`` or ``==``; ``_`` only between letters or digits;
  in a wikilink no ``:``, ``@`` or ``.`` before a letter (linkify would see a link); an
  address not run into by an escape or a character reference (linkify would read it
  in). Otherwise its marks are escaped like any other text (a wikilink's brackets only,
  so an address or tag in it still works). An address may become a link where linkify
  is on; nothing else links: a Markdown ``[text](url)`` stays text (its brackets are
  escaped) and so does ``[[page]](url)`` (the ``(`` after a wikilink is escaped). A tag
  or a wikilink may begin a line of a note: neither starts a block (``#tag`` is no
  heading; ``# tag`` is escaped).
- One-line texts (the decision, its area, pull and pattern names) keep a stray line break
  as ``&#10;``: a heading cannot span lines.
- Control characters other than newline and tab get the visible stand-ins every screen
  and the command line show (data/text.py: ESC as ␛, C1 as U+FFFD), lone surrogates U+FFFD:
  a page read with `cat` or in a notes app obeys no control code.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping

from data.daytime import day_heading
from data.models import Check, Decision, Outcome, Review, carried_words
from data.text import shown

_SURROGATE = re.compile("[\ud800-\udfff]")
_SYNTAX = re.compile(r"[\\`*_\[\]<>&#|~@/=+^{}$%]|\.(?=\S)|:(?=:)|\((?=\()")
# Text with none of these is shown as it is: the quick path for most of what people write.
_NEEDS_CARE = re.compile(_SYNTAX.pattern + "|[\x00-\x1f\x7f-\x9f\ud800-\udfff]|\\s\\Z")
_LINE_START = re.compile(r"[!-/:-@\[-`{-~]|[0-9]+[.)]")
# Kept as typed (see above). A `_` is inert only between letters or digits, a `~` only as `/~name`.
_ALNUM = r"[^\W_]"
_WIKILINK = re.compile(r"\[\[([^\[\]\n]+)\]\](\()?")
_WIKILINK_UNSAFE = re.compile(
    rf"[\\`*<>&~$%=@{{}}:]|//|\(\(|\^(?<!#\^)|\.(?![\s#|]|\Z)|(?<!{_ALNUM})_|_(?!{_ALNUM})|\A\s|\s\Z"
)
_URL = re.compile(r"(?<!\w)https?://[^\s<>\[\]`\\{}|^\"]+")
_URL_UNSAFE = re.compile(rf"[*$]|(?<!{_ALNUM})_|_(?!{_ALNUM})|(?<!/)~|~(?!{_ALNUM})|%%|==|::|\(\(")
_REFERENCE = re.compile(r"&#?\w+;")  # Markdown would show "&copy;" as ©
_TAG = re.compile(r"(?<!\w)#[\w/-]+")
# A tag for the front matter stands alone (at a start, after a space): not "(#x)", not an address's "/#part".
_TAG_ALONE = re.compile(r"(?<!\S)#[\w/-]+")
_TAG_UNSAFE = re.compile(rf"\A#[0-9]+\Z|(?<!{_ALNUM})_|_(?!{_ALNUM})")
_KEPT = re.compile("|".join((_WIKILINK.pattern, _URL.pattern, _TAG.pattern, _SYNTAX.pattern)))
_ADDRESS_AT_END = re.compile(r"https?://[^\s\\]*\Z")  # only a kept address is written with "//" unescaped
_MAY_KEEP = re.compile(r"\[\[|://|#")
_TRAILING_SPACE = re.compile(r"\s+\Z")


def _clean(text: object) -> str:
    """The user's text as it will be shown: control characters by their stand-ins, lone surrogates U+FFFD."""
    return shown(_SURROGATE.sub("\ufffd", str(text)))


def _escape(text: str, *, lines_as_references: bool = False, reference_after: bool = False) -> str:
    """Backslash-escape what Markdown could read as syntax inside a line; links and tags kept as typed.

    LINES_AS_REFERENCES: TEXT's line breaks will be written as character references;
    REFERENCE_AFTER: one will follow TEXT. linkify would read a reference, or an escape,
    right after an address into it, so such an address is escaped instead.
    """
    if not _MAY_KEEP.search(text):
        return _SYNTAX.sub(r"\\\g<0>", text)

    def kept_or_escaped(found: re.Match[str]) -> str:
        then = text[found.end() : found.end() + 1]
        # What follows it: nothing, a line break (a note's keeps the address whole, see block), a space, a mark.
        runs_on = {"": reference_after, "\n": lines_as_references}.get(then, not then.isspace())
        return _kept_or_escaped(found, runs_on)

    return _KEPT.sub(kept_or_escaped, text)


def _kept_or_escaped(found: re.Match[str], runs_on: bool) -> str:
    """FOUND as typed when it is a wikilink, an address or a tag Markdown cannot misread; else escaped."""
    piece = found.group()
    if piece.startswith("[["):
        inner, paren = found.group(1), found.group(2)
        if _WIKILINK_UNSAFE.search(inner):  # only its brackets are escaped: an address or a tag in it still works
            return "\\[\\[" + _escape(piece[2:])
        return f"[[{inner}]]" + ("\\(" if paren else "")  # "[[page]](url)" would be a Markdown link
    if piece.startswith("http"):
        return _SYNTAX.sub(r"\\\g<0>", piece) if runs_on else _address(piece)
    if piece.startswith("#") and len(piece) > 1:
        return _SYNTAX.sub(r"\\\g<0>", piece) if _TAG_UNSAFE.search(piece) else piece
    return "\\" + piece


def _address(run: str) -> str:
    """A bare web address as typed (with what ends its sentence: Markdown reads none of it); else escaped."""
    if _URL_UNSAFE.search(run) or ("&" in run and _REFERENCE.search(run)):
        return _SYNTAX.sub(r"\\\g<0>", run)
    return run


def _reference(char: str) -> str:
    return f"&#{ord(char)};"


def _split_trailing_space(text: str) -> tuple[str, str]:
    """TEXT without its trailing whitespace, and that whitespace as character references."""
    found = _TRAILING_SPACE.search(text)
    if found is None:
        return text, ""
    return text[: found.start()], "".join(_reference(char) for char in found.group())


def tags_in(text: str) -> list[str]:
    """The #tags in TEXT, without the "#", by the rule the page keeps them working by (Obsidian's): the front matter's too."""
    return [found[1:] for found in _TAG_ALONE.findall(text) if not _TAG_UNSAFE.search(found)]


def inline(text: object) -> str:
    """One-line user text as Markdown inline content (a heading, a name, a label)."""
    text = str(text)
    if not _NEEDS_CARE.search(text):
        return text
    body, tail = _split_trailing_space(_clean(text))
    return _escape(body, lines_as_references=True, reference_after=bool(tail)).replace("\n", "&#10;") + tail


def _start_line(line: str) -> str:
    """A continuation line that can begin no block: its first mark escaped, its indent kept."""
    if not line or line[0] == "\\":  # empty, or already an escape
        return line
    if line.startswith(("#", "[[")):  # a kept tag or wikilink (any other # or [ is escaped) starts no block
        return line
    if line[0].isspace():
        return _reference(line[0]) + line[1:]
    found = _LINE_START.match(line)
    if found is None:
        return line
    if found.group()[0].isdigit():  # "1." or "1)" would start an ordered list
        return line[: found.end() - 1] + "\\" + line[found.end() - 1 :]
    return "\\" + line


def block(text: object, indent: str) -> str:
    """Multi-line user text inside a list item: each line break a hard break, lines indented."""
    text = str(text)
    if not _NEEDS_CARE.search(text):
        return text
    body, tail = _split_trailing_space(_clean(text))
    lines = _escape(body, reference_after=bool(tail)).split("\n")
    lines[1:] = [indent + _start_line(line) for line in lines[1:]]
    if "://" not in body:
        return "\\\n".join(lines) + tail
    # linkify would read a backslash after an address into it: such a line breaks with two spaces.
    ends = ["  \n" if _ADDRESS_AT_END.search(line) else "\\\n" for line in lines[:-1]]
    return "".join(line + end for line, end in zip(lines, [*ends, ""], strict=True)) + tail


def _names(names: Iterable[str]) -> str:
    """Pull or pattern names, comma-separated; an empty name is no name."""
    return inline(", ".join(_clean(name) for name in names if name))


def _field(label: str, value: str, depth: int = 0) -> str:
    """A labelled list item; VALUE is already Markdown."""
    return f"{'  ' * depth}- **{label}:** {value}"


def _note(label: str, text: str, depth: int = 0) -> str:
    return _field(label, block(text, "  " * (depth + 1)), depth)


def _clock(at: str) -> str:
    """A check's wall-clock time in its own offset, HH:MM."""
    try:
        return f"{dt.datetime.fromisoformat(at):%H:%M}"
    except (TypeError, ValueError):
        return inline(at)


def _scale(value: object) -> str:
    return f"{inline(value)} of 5"


def _decision_heading(decision: Decision) -> str:
    return f"### {decision.n}." + (f" {inline(decision.text)}" if decision.text else "")


def _morning(decisions: list[Decision], carried_from_days: Mapping[str, str]) -> list[str]:
    lines = ["## Morning"]
    for decision in decisions:
        fields: list[str] = []
        if decision.area:
            fields.append(_field("Area", inline(decision.area)))
        if decision.why:
            fields.append(_note("Why it matters", decision.why))
        if pulls := _names(decision.pulls_expected):
            fields.append(_field("Pulls expected", pulls))
        if decision.certainty is not None:
            fields.append(_field("Certainty", _scale(decision.certainty)))
        if decision.next_step:
            fields.append(_note("Next step", decision.next_step))
        if decision.say:
            fields.append(_note("The line to say", decision.say))
        fields += [_field("Plan", _plan(plan)) for plan in decision.plans]
        if decision.carried_from:
            earlier = carried_from_days.get(decision.carried_from)
            fields.append(_field("Carried forward from", inline(earlier) if earlier else "an earlier day"))
        lines += ["", _decision_heading(decision)]
        if fields:
            lines += ["", *fields]
    return lines


def _plan(plan: Mapping[str, str]) -> str:
    """An if-then plan in its own words: "If fear comes, I will send it as written"."""
    return f"If {inline(_clean(plan.get('pull', '')))} comes, I will {inline(_clean(plan.get('then', '')))}"


_ACTED_WORDS = {"yes": "yes", "little": "a little", "no": "no"}


def _pull_as_it_happened(check: Check) -> list[str]:
    """Schema 4's fields of a check, each only when given (so a check without them reads as it always did)."""
    lines: list[str] = []
    if check.pull_at:
        lines.append(_field("The pull came at", _clock(check.pull_at), 1))
    if check.intensity is not None:
        strength = f"{check.intensity} of 10"
        if check.intensity_after is not None:
            strength += f", {check.intensity_after} of 10 after the pause"
        lines.append(_field("Strength", strength, 1))
    elif check.intensity_after is not None:
        lines.append(_field("Strength after the pause", f"{check.intensity_after} of 10", 1))
    if check.feeling:
        lines.append(_field("Feeling", inline(check.feeling), 1))
    if check.acted:
        lines.append(_field("Acted on it", inline(_ACTED_WORDS.get(check.acted, check.acted)), 1))
    if names := _names(check.returned_to):
        lines.append(_field("Returned to", names, 1))
    if check.plan_helped is not None:
        lines.append(_field("The plan helped", "yes" if check.plan_helped else "no", 1))
    return lines


def _check(check: Check) -> list[str]:
    lines = [f"- **{_clock(check.at)} — {inline(check.state.label)}**"]
    if pulls := _names(check.pulls):
        lines.append(_field("Pulls", pulls, 1))
    if patterns := _names(check.patterns):
        lines.append(_field("Old patterns", patterns, 1))
    if check.body:
        lines.append(_note("What the body noticed", check.body, 1))
    if check.return_step:
        lines.append(_note("The return", check.return_step, 1))
    return lines + _pull_as_it_happened(check)


def _midday(decisions: list[Decision], checks: Mapping[str, list[Check]]) -> list[str]:
    lines = ["## Midday"]
    for decision in decisions:
        live = [check for check in checks.get(decision.id, ()) if not check.deleted]
        if live:
            lines += ["", _decision_heading(decision), ""]
            for check in live:
                lines += _check(check)
    return lines if len(lines) > 1 else []


REFLECTIONS = (
    ("left", "Where I left myself"),
    ("returned", "Where I returned"),
    ("repair", "Repair"),
    ("learned", "What I learned"),
)


def _outcome_words(decision: Decision, carried_to_days: Mapping[str, str]) -> str:
    if decision.outcome is Outcome.CARRIED:
        return carried_words(carried_to_days.get(decision.id))
    return decision.outcome.label if decision.outcome is not None else ""


_REVISED_FROM_WORDS = {"knowing": "what I know", "pull": "a pull"}


def _outcome_notes(decision: Decision) -> list[str]:
    """What an outcome carries (schema 4), each only when given."""
    lines: list[str] = []
    if decision.hard:
        lines.append(_note("What made it hard", decision.hard, 1))
    if decision.revised_why:
        lines.append(_note("What changed", decision.revised_why, 1))
    if decision.revised_from:
        words = _REVISED_FROM_WORDS.get(decision.revised_from, decision.revised_from)
        lines.append(_field("The change came from", inline(words), 1))
    return lines


def _evening(decisions: list[Decision], review: Review | None, carried_to_days: Mapping[str, str]) -> list[str]:
    items: list[str] = []
    for decision in decisions:
        if decision.outcome is not None:
            words = inline(_outcome_words(decision, carried_to_days))
            items.append(f"- **{decision.n}. {inline(decision.text)}:** {words}")
            items += _outcome_notes(decision)
    if review is not None and not review.deleted:
        items += [_note(label, getattr(review, name)) for name, label in REFLECTIONS if getattr(review, name)]
        if review.contact is not None:
            items.append(_field("Contact", _scale(review.contact)))
    return ["## Evening", "", *items] if items else []


def day_markdown(
    day: str,
    decisions: list[Decision],
    checks: dict[str, list[Check]],
    review: Review | None,
    *,
    carried_from_days: Mapping[str, str] | None = None,
    carried_to_days: Mapping[str, str] | None = None,
) -> str:
    """The Markdown body of DAY (no front matter): Morning, Midday and Evening, as they were.

    DECISIONS are the day's live decisions by number, CHECKS each decision's live checks
    oldest first (by decision id), REVIEW the day's review or None. CARRIED_FROM_DAYS maps
    the id in a decision's `carried_from` to that earlier decision's day, so the page can
    name it; without it the page says "an earlier day". CARRIED_TO_DAYS maps a decision
    carried forward (outcome *carried*) to the day it was carried to. Sections with nothing in them are
    left out. The same records always give the same text, ending in one newline.
    """
    live = [decision for decision in decisions if not decision.deleted]
    sections = [
        _morning(live, carried_from_days or {}) if live else [],
        _midday(live, checks),
        _evening(live, review, carried_to_days or {}),
    ]
    lines = [f"# {day_heading(dt.date.fromisoformat(day))}"]
    for section in sections:
        if section:
            lines += ["", *section]
    return "\n".join(lines) + "\n"


def links_line(targets: Iterable[str]) -> str:
    """The line a day's file ends with, linking its neighbours and its week: "[[2026-11-26]] · [[2026-W48]] · [[2026-11-28]]".

    TARGETS are note names already fit for a link (`data.weekly.link_target`); none, no line.
    """
    links = [f"[[{target}]]" for target in targets]
    return " · ".join(links) + "\n" if links else ""
