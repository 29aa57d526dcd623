"""The records of the practice: decisions, checks and reviews."""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass, field, fields
from enum import Enum
from typing import Any, Self

SCHEMA_VERSION = 5


class State(str, Enum):
    """How a decision stands at a midday check."""

    HOLDING = "holding"
    WOBBLING = "wobbling"
    ABANDONED = "abandoned"
    CHANGED = "changed"

    @property
    def label(self) -> str:
        """The words the app shows for this state."""
        return STATE_LABELS[self]


STATE_LABELS = {
    State.HOLDING: "holding",
    State.WOBBLING: "wobbling (pulled, still here)",
    State.ABANDONED: "abandoned",
    State.CHANGED: "changed my mind",
}


class Outcome(str, Enum):
    """How a decision ended, given at the evening review."""

    KEPT = "kept"
    RETURNED = "returned"
    REVISED = "revised"
    ABANDONED = "abandoned"
    # Set by carrying the decision forward to a later day, never given at a review; the person
    # may still give it another outcome there, which replaces it. Older journals simply do not
    # hold it (their carried decisions stay open), so no migration is needed.
    CARRIED = "carried"

    @property
    def label(self) -> str:
        """The words the app shows for this outcome."""
        return OUTCOME_LABELS[self]


OUTCOME_LABELS = {
    Outcome.KEPT: "kept",
    Outcome.RETURNED: "returned (left, then came back)",
    Outcome.REVISED: "revised (changed honestly)",
    Outcome.ABANDONED: "abandoned",
    Outcome.CARRIED: "carried forward",
}


def carried_words(to_day: str | None) -> str:
    """What a decision carried forward says of itself: "carried forward to 2026-12-01" (no day: its copy is gone)."""
    return f"carried forward to {to_day}" if to_day else OUTCOME_LABELS[Outcome.CARRIED]


ACTED = ("yes", "little", "no")
"""Whether the person acted on a pull, at a check: yes, a little, or no."""

REVISED_FROM = ("knowing", "pull")
"""Where a revision came from: what the person knows, or a pull dressed as a change of mind."""

INTENSITY_MAX = 10
"""A pull's strength at a check runs from 0 to this."""


GIVEN_OUTCOMES = (Outcome.KEPT, Outcome.RETURNED, Outcome.REVISED, Outcome.ABANDONED)
"""The outcomes a person gives at the evening review (carried is set by carrying forward)."""


_FIELD_NAMES: dict[type, frozenset[str]] = {}  # each record kind's field names, worked out once
_LIST_FIELDS: dict[type, tuple[str, ...]] = {}  # and the names of its list fields


def new_id() -> str:
    """A fresh random id, unique across every kind of record."""
    return uuid.uuid4().hex


@dataclass(slots=True, kw_only=True)
class Record:
    """What every record has: a stable id, timestamps with offset, a soft-delete mark, a revision."""

    id: str
    created_at: str
    updated_at: str
    deleted_at: str | None = None
    rev: int = 1  # raised by every save of the record: the higher is the newer (schema 3)

    def to_dict(self) -> dict[str, Any]:
        """The record as plain JSON-ready data."""
        data = asdict(self)
        for key, value in data.items():
            if isinstance(value, Enum):
                data[key] = value.value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        """Build the record from stored data, ignoring keys it does not know."""
        known = _FIELD_NAMES.get(cls)
        if known is None:
            known = _FIELD_NAMES[cls] = frozenset(f.name for f in fields(cls))
            _LIST_FIELDS[cls] = tuple(f.name for f in fields(cls) if f.default_factory is list)
        # A copy made in one step (this runs for every record of a journal of years), filtered only
        # when the record holds a key this version does not know.
        values: dict[str, Any] = data.copy() if data.keys() <= known else {k: v for k, v in data.items() if k in known}
        for name in _LIST_FIELDS[cls]:
            # Lists are copied: a record handed out must never share its lists with the journal in memory.
            held = values.get(name)
            if type(held) is list:
                values[name] = held.copy()
        return cls(**values)

    @property
    def deleted(self) -> bool:
        """True when the record is soft-deleted."""
        return self.deleted_at is not None


@dataclass(slots=True, kw_only=True)
class Decision(Record):
    """A decision set for a logical day."""

    day: str
    n: int
    text: str
    area: str
    why: str = ""
    pulls_expected: list[str] = field(default_factory=list)
    certainty: int | None = None
    next_step: str = ""
    say: str | None = None
    outcome: Outcome | None = None
    carried_from: str | None = None
    # Schema 4: if-then plans, [{"pull": NAME, "then": TEXT}], and what an outcome carries.
    plans: list[dict[str, str]] = field(default_factory=list)
    hard: str = ""  # what made it hard (for abandoned)
    revised_from: str | None = None  # knowing | pull (for revised)
    revised_why: str = ""  # what changed (for revised)

    def __post_init__(self) -> None:
        if isinstance(self.outcome, str):
            self.outcome = Outcome(self.outcome)
        if self.plans:  # each plan its own copy: a record handed out shares nothing with the journal
            self.plans = [dict(plan) for plan in self.plans]

    @property
    def is_open(self) -> bool:
        """A decision with no evening outcome yet."""
        return self.outcome is None

    def is_rep(self, met_a_pull: bool) -> bool:
        """A repetition (PRODUCT.md §5): returned, or kept although it met a pull (MET_A_PULL: a check said so)."""
        return self.outcome is Outcome.RETURNED or (self.outcome is Outcome.KEPT and met_a_pull)


@dataclass(slots=True, kw_only=True)
class Check(Record):
    """One midday check on a decision: did I abandon it?"""

    decision_id: str
    day: str
    at: str
    state: State
    pulls: list[str] = field(default_factory=list)
    patterns: list[str] = field(default_factory=list)
    body: str = ""
    return_step: str = ""
    # Schema 4: the pull as it happens.
    intensity: int | None = None  # how strong the pull is, 0-10
    intensity_after: int | None = None  # its strength after a pause, 0-10
    feeling: str | None = None  # one word
    acted: str | None = None  # yes | little | no
    pull_at: str | None = None  # when the pull came: a timestamp with offset
    returned_to: list[str] = field(default_factory=list)  # from the returns-to vocabulary
    plan_helped: bool | None = None

    def __post_init__(self) -> None:
        if isinstance(self.state, str):
            self.state = State(self.state)

    @property
    def met_a_pull(self) -> bool:
        """True when this check shows the decision met a pull."""
        return self.state in (State.WOBBLING, State.ABANDONED) or bool(self.pulls)


@dataclass(slots=True, kw_only=True)
class Review(Record):
    """The evening review of a logical day (one per day)."""

    day: str
    left: str = ""
    returned: str = ""
    repair: str = ""
    learned: str = ""
    contact: int | None = None
