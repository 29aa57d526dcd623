"""The words of the practice: pulls, old patterns, returns, areas, and how names match."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

DEFAULT_AREAS: tuple[str, ...] = ("Inner Foundation", "Relational Key")

DEFAULT_PULLS: tuple[str, ...] = (
    "fear",
    "guilt",
    "pressure",
    "disappointment",
    "approval",
    "understood",
    "chosen",
    "safety",
    "familiar",
)

# What a bare pull name leaves unsaid: "chosen came most" reads as a verdict, not a wish.
PULL_MEANINGS: dict[str, str] = {
    "understood": "wanting to be",
    "chosen": "wanting to be",
}

RETURNS: tuple[str, ...] = (
    "what I know",
    "what matters",
    "my body",
    "the truth",
    "the boundary",
    "the next step",
)
"""What a check returns to (schema 4's `returned_to`): the words of the practice, the same for everyone."""

DEFAULT_PATTERNS: tuple[str, ...] = (
    "said yes",
    "avoided the conversation",
    "softened the truth",
    "kept checking",
    "explained again",
    "overrode my need",
    "dropped the decision",
    "chose the familiar",
)


def pull_words(name: str) -> str:
    """A pull as it reads to a person: "understood (wanting to be)"; the stored name stays "understood"."""
    meaning = PULL_MEANINGS.get(name.casefold())
    return f"{name} ({meaning})" if meaning else name


def merge(defaults: Iterable[str], extra: Iterable[str]) -> tuple[str, ...]:
    """The defaults followed by extra names, without case-insensitive repeats."""
    seen: set[str] = set()
    merged: list[str] = []
    for name in (*defaults, *extra):
        key = name.casefold()
        if key not in seen:
            seen.add(key)
            merged.append(name)
    return tuple(merged)


@dataclass(frozen=True, slots=True)
class Match:
    """A name matched against a vocabulary."""

    name: str
    known: bool
    closest: str | None = None


def match_name(text: str, vocabulary: Sequence[str]) -> Match:
    """Match TEXT case-insensitively; a new name keeps its text and names the closest known."""
    wanted = " ".join(text.split())
    for name in vocabulary:
        if name.casefold() == wanted.casefold():
            return Match(name, True)
    by_key = {name.casefold(): name for name in vocabulary}
    near = difflib.get_close_matches(wanted.casefold(), list(by_key), n=1, cutoff=0.0)
    return Match(wanted, False, by_key[near[0]] if near else None)


def match_area(text: str, areas: Sequence[str]) -> str | None:
    """The area TEXT names: an exact or unique prefix match, case-insensitive; None if unclear."""
    wanted = " ".join(text.split()).casefold()
    if not wanted:
        return None
    for area in areas:
        if area.casefold() == wanted:
            return area
    found = [area for area in areas if area.casefold().startswith(wanted)]
    return found[0] if len(found) == 1 else None
