"""Field-level saves: a save writes only what the person changed, onto the record as it is now.

A form remembers the record's fields as they were when it opened (the *base*). When it
saves, the store rereads the record under the journal's lock (*theirs*: what is on disk
now, perhaps written from another terminal meanwhile) and writes only the fields the
person changed (*mine* differs from the base). A field they did not touch keeps whatever
is on disk. A field changed on both sides, to different values, is never chosen silently:
the save stops with the conflicts, and the person chooses for each one — theirs, mine, or
(for notes) both kept, joined under a marked line.

The command line gives only what it sets and has no base: it reads and writes in one
moment under the lock, so what it gives is written and nothing is in conflict.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, cast

ALSO_WRITTEN = "— also written elsewhere —"
"""The line that separates the person's text from the one written elsewhere, when both are kept."""

LABELS = {
    # decisions
    "text": "The decision",
    "area": "Area",
    "why": "Why it matters",
    "pulls_expected": "The pull you expect",
    "certainty": "Certainty",
    "next_step": "The next step",
    "say": "The line to say",
    "outcome": "The outcome",
    "plans": "The if-then plans",
    "hard": "What made it hard",
    "revised_from": "Where the change came from",
    "revised_why": "What changed",
    # checks
    "state": "How it was",
    "pulls": "What pulled",
    "patterns": "The old pattern",
    "body": "What your body noticed",
    "return_step": "The return",
    "intensity": "How strong the pull was",
    "intensity_after": "How strong it was after the pause",
    "feeling": "The feeling",
    "acted": "Whether you acted on it",
    "pull_at": "When the pull came",
    "returned_to": "What you returned to",
    "plan_helped": "Whether the plan helped",
    # reviews
    "left": "Where I left myself",
    "returned": "Where I returned",
    "repair": "The repair",
    "learned": "What I learned",
    "contact": "Contact",
}
"""How each field is named to the person when it is in conflict."""

NOTES = frozenset({"why", "body", "return_step", "left", "returned", "repair", "learned", "hard", "revised_why"})
"""The fields that hold free text over several lines: only these can keep both texts."""


class Keep(str, Enum):
    """The person's answer to a conflict: which text the field keeps."""

    THEIRS = "theirs"
    MINE = "mine"
    BOTH = "both"


@dataclass(frozen=True, slots=True)
class Conflict:
    """A field changed both here and elsewhere since the form opened, to different values."""

    field: str
    label: str
    base: Any
    theirs: Any
    mine: Any
    record: str = ""  # the id of the record the field belongs to (one save may touch several)

    @property
    def key(self) -> tuple[str, str]:
        """Which field of which record this is."""
        return (self.record, self.field)

    @property
    def can_keep_both(self) -> bool:
        """True for free text, where both texts can be kept, one after the other."""
        return self.field in NOTES and isinstance(self.mine, str) and isinstance(self.theirs, str)


@dataclass(frozen=True, slots=True)
class Resolution:
    """The person's choice for one conflict, as they saw it."""

    conflict: Conflict
    keep: Keep


class EditConflict(Exception):
    """A save stopped because fields changed on both sides; nothing was written."""

    def __init__(self, conflicts: Iterable[Conflict]) -> None:
        self.conflicts = tuple(conflicts)
        names = ", ".join(c.label.lower() for c in self.conflicts)
        super().__init__(f"changed here and elsewhere since the form opened: {names}")


def same(a: Any, b: Any) -> bool:
    """True when two field values say the same; a list of names is the same in any order or case."""
    if a in (None, "") and b in (None, ""):
        return True  # an empty optional line is stored either way
    if isinstance(a, list) and isinstance(b, list) and all(isinstance(x, str) for x in (*a, *b)):
        return sorted(x.casefold() for x in a) == sorted(x.casefold() for x in b)
    if isinstance(a, Enum):
        a = a.value
    if isinstance(b, Enum):
        b = b.value
    return a == b


def changes(mine: Mapping[str, Any], base: Mapping[str, Any] | None) -> dict[str, Any]:
    """The fields the person changed: every one given when there is no base (the command line)."""
    if base is None:
        return dict(mine)
    return {name: value for name, value in mine.items() if name not in base or not same(value, base[name])}


def join_texts(mine: str, theirs: str) -> str:
    """Both texts kept: the person's first, then the one written elsewhere under a marked line."""
    if not mine.strip():
        return theirs
    if not theirs.strip():
        return mine
    return f"{mine}\n\n{ALSO_WRITTEN}\n{theirs}"


def merge(
    current: Mapping[str, Any],
    mine: Mapping[str, Any],
    base: Mapping[str, Any] | None,
    *,
    record: str = "",
    resolutions: Iterable[Resolution] = (),
    labels: Mapping[str, str] | None = None,
) -> tuple[dict[str, Any], list[Conflict]]:
    """What to write onto CURRENT (the record as on disk now), and the conflicts still open.

    MINE holds the form's fields, BASE the same fields as the form opened (None: the
    command line, where every field given is written). Only changed fields are written.
    A field changed on both sides to different values is a conflict, unless RESOLUTIONS
    holds the person's answer to that very conflict (the same text elsewhere as they saw).
    """
    answers = {r.conflict.key: r for r in resolutions}
    names = labels or {}
    write: dict[str, Any] = {}
    conflicts: list[Conflict] = []
    for name, value in changes(mine, base).items():
        theirs = current.get(name)
        if base is None or name not in base or same(theirs, base[name]) or same(theirs, value):
            if not same(theirs, value):
                write[name] = value
            continue
        conflict = Conflict(name, names.get(name, LABELS.get(name, name)), base[name], theirs, value, record)
        answer = answers.get(conflict.key)
        if answer is None or not same(answer.conflict.theirs, theirs) or not same(answer.conflict.mine, value):
            conflicts.append(conflict)  # unanswered, or changed again elsewhere since the person chose
        elif answer.keep is Keep.BOTH and not conflict.can_keep_both:
            conflicts.append(conflict)  # both cannot be kept in one line or a number: still to choose
        elif answer.keep is Keep.MINE:
            write[name] = value
        elif answer.keep is Keep.BOTH:
            write[name] = join_texts(value, cast(str, theirs))  # keeping both is asked only of two texts
        # Keep.THEIRS: what is on disk stays
    return write, conflicts


def fields_of(record: Any, names: Iterable[str]) -> dict[str, Any]:
    """The named fields of a record, as a form's base (lists copied, so the base stays as it was)."""
    found: dict[str, Any] = {}
    for name in names:
        value = getattr(record, name)
        found[name] = value.copy() if isinstance(value, list) else value
    return found


DECISION_FIELDS = ("text", "area", "why", "pulls_expected", "certainty", "next_step", "say", "plans")
"""What the morning form edits on a decision (its day, number and creation stay)."""

OUTCOME_FIELDS = ("hard", "revised_from", "revised_why")
"""What an outcome carries on its decision, given at the evening review (saved field by field too)."""

CHECK_FIELDS = (
    "state",
    "pulls",
    "patterns",
    "body",
    "return_step",
    "intensity",
    "intensity_after",
    "feeling",
    "acted",
    "pull_at",
    "returned_to",
    "plan_helped",
)
"""What the midday form edits on a check (its moment, decision and day stay)."""

REVIEW_FIELDS = ("left", "returned", "repair", "learned", "contact")
"""What the evening form edits on a review, beside the outcomes of the day's decisions."""


@dataclass(frozen=True, slots=True)
class ReviewBase:
    """The day's review and outcomes as the evening form showed them when it opened."""

    fields: Mapping[str, Any]
    outcomes: Mapping[str, Any]  # decision id -> its outcome then (None = open)
    details: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # decision id -> OUTCOME_FIELDS then

    @classmethod
    def of(cls, review: Any | None, decisions: Iterable[Any]) -> ReviewBase:
        """The base of a form opened on REVIEW (None: not reviewed yet) and the day's DECISIONS."""
        if review is None:
            fields = {name: (None if name == "contact" else "") for name in REVIEW_FIELDS}
        else:
            fields = fields_of(review, REVIEW_FIELDS)
        decisions = list(decisions)
        return cls(
            fields, {d.id: d.outcome for d in decisions}, {d.id: fields_of(d, OUTCOME_FIELDS) for d in decisions}
        )


def in_words(value: Any) -> str:
    """A field's value in words, for the person choosing between two of them."""
    if isinstance(value, Enum):
        value = value.value
    if value is None or value == "" or value == []:
        return "(nothing)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        if value and isinstance(value[0], dict):  # if-then plans, one a line: each reads as a sentence
            return "\n".join(plan_words(item) for item in value)
        return ", ".join(str(item) for item in value)
    return str(value)


def plan_words(plan: Mapping[str, str]) -> str:
    """An if-then plan as it reads: "If fear comes, I will send it as written"."""
    return f"If {plan.get('pull', '')} comes, I will {plan.get('then', '')}"
