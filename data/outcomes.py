"""How a set of decisions ended, and the keep rate: shared by the figures (`data.stats`) and the weekly notes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


def rate(held: int, resolved: int) -> float | None:
    """HELD of RESOLVED as a fraction; None when there is nothing to count."""
    return held / resolved if resolved else None


@dataclass(frozen=True, slots=True)
class Outcomes:
    """How a set of decisions ended: a count per outcome, and open ones."""

    kept: int = 0
    returned: int = 0
    revised: int = 0
    abandoned: int = 0
    open: int = 0
    carried: int = 0  # carried forward to a later day: neither open nor abandoned, and out of the keep rate

    @classmethod
    def of(cls, counts: Sequence[int]) -> Outcomes:
        """From counts in the order kept, returned, revised, abandoned, open (and carried)."""
        return cls(*counts)

    @property
    def total(self) -> int:
        """Every decision counted, open and carried ones included."""
        return self.kept + self.returned + self.revised + self.abandoned + self.open + self.carried

    @property
    def held(self) -> int:
        """Kept or returned: the decisions you stayed with or came back to."""
        return self.kept + self.returned

    @property
    def resolved(self) -> int:
        """The keep rate's denominator: kept, returned or abandoned (revised, carried and open left out)."""
        return self.kept + self.returned + self.abandoned

    @property
    def keep_rate(self) -> float | None:
        """(kept + returned) / (kept + returned + abandoned); None when that is 0 / 0."""
        return rate(self.held, self.resolved)

    def to_json(self) -> dict[str, int]:
        """The six counts by name."""
        return {
            "kept": self.kept,
            "returned": self.returned,
            "revised": self.revised,
            "abandoned": self.abandoned,
            "open": self.open,
            "carried": self.carried,
        }
