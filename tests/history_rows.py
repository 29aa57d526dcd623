"""History's rows built from the records themselves: the reference the year-by-year builder is held to."""

from __future__ import annotations

from data.history import OPEN, HistoryRow
from data.store import Store


def history_rows(store: Store, *, include_deleted: bool = False) -> list[HistoryRow]:
    """Every decision as a row, newest day first (then by number), in one pass over the journal."""
    checks_by_decision: dict[str, list] = {}
    for check in store.all_checks():
        checks_by_decision.setdefault(check.decision_id, []).append(check)
    notes_by_day = {
        review.day: " ".join((review.left, review.returned, review.repair, review.learned))
        for review in store.all_reviews()
    }
    rows: list[HistoryRow] = []
    for decision in store.all_decisions(include_deleted=include_deleted):
        checks = checks_by_decision.get(decision.id, [])
        named: list[str] = []
        patterns: list[str] = []
        for check in checks:
            named += [p for p in check.pulls if p not in named]
            patterns += [p for p in check.patterns if p not in patterns]
        pulls = named or list(decision.pulls_expected)
        words = " ".join(
            [decision.text, decision.why, decision.next_step, decision.say or "", notes_by_day.get(decision.day, "")]
            + [f"{c.body} {c.return_step}" for c in checks]
        ).casefold()
        rows.append(
            HistoryRow(
                decision_id=decision.id,
                day=decision.day,
                n=decision.n,
                text=decision.text,
                area=decision.area,
                outcome=decision.outcome.value if decision.outcome else OPEN,
                pulls=tuple(pulls),
                patterns=tuple(patterns),
                deleted=decision.deleted,
                words=words,
            )
        )
    rows.sort(key=lambda r: (r.day, r.n), reverse=True)
    return rows
