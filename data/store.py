"""The journal store: the practice's questions, answered in plain dataclasses.

The journal is TinyDB JSON, readable by any JSON tool: its own file holds the newest year,
``{"schema_version": 5, "years": {"2025": {"rev": 3}}, "decisions": {id: {...}}, "checks": {...}, "reviews": {...}}``,
and each earlier year is a file of the same shape beside it (`journal.2025.json`).
Records are keyed by their own stable id; each carries `rev`, raised by every save of it.
The files themselves (atomic, durable saves, the lock, backups) are `data.journal_file`'s
work; `data.journal_storage` adapts TinyDB to them and reads each year when first asked.
A question about a day reads that day's year alone; one about every record reads them all. This module and that one are the only ones
that import TinyDB: here only for its tables and documents, to read and change the records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from tinydb.table import Document, Table

from data.crypto import Key
from data.daytime import instant, stamp, week_start
from data.journal_file import JournalCorrupt, JournalError, check_faithful, decode_journal, encode_journal, utc_now
from data.journal_storage import JournalDB, JournalStorage
from data.models import REVISED_FROM, Check, Decision, Outcome, Review, State, new_id
from data.resting import collector_resting

if TYPE_CHECKING:
    from data.edits import Resolution, ReviewBase

__all__ = [
    "JournalCorrupt",
    "JournalError",
    "RefError",
    "Snapshot",
    "Store",
    "YearRows",
    "decode_journal",
    "encode_journal",
]


class RefError(ValueError):
    """A decision reference (number or id prefix) that matches nothing, or more than one."""


def _day_text(day: dt.date | str) -> str:
    return day if isinstance(day, str) else day.isoformat()


@dataclass(frozen=True)
class YearRows:
    """One year's rows as the journal holds them (copies, deleted ones included), and its version (see `Store.year_rows`)."""

    year: str
    version: object  # equal for two calls only if no record of that year changed between them, in any process
    decisions: tuple[dict[str, Any], ...]
    checks: tuple[dict[str, Any], ...]
    reviews: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class Snapshot:
    """The live decisions, checks and reviews as one moment of the journal held them (see `Store.snapshot`)."""

    decisions: tuple[Decision, ...]
    checks: tuple[Check, ...]
    reviews: tuple[Review, ...]


def _live(kind: type[Any], rows: Iterable[dict[str, Any]], include_deleted: bool = False) -> list[Any]:
    return [kind.from_dict(r) for r in rows if include_deleted or not r.get("deleted_at")]


def _decision_order(decision: Decision) -> tuple[str, int]:
    return decision.day, decision.n


def _check_order(check: Check) -> tuple[str, dt.datetime]:
    return check.day, instant(check.at)


def _outcome_labels(n: int) -> dict[str, str]:
    """How an outcome's fields are named in a conflict: of which decision of the day."""
    return {
        "outcome": f"The outcome of decision {n}",
        "hard": f"What made decision {n} hard",
        "revised_from": f"Where the change to decision {n} came from",
        "revised_why": f"What changed in decision {n}",
    }


def _review_order(review: Review) -> str:
    return review.day


class Store:
    """The journal: decisions, checks and reviews, saved atomically. Returns plain dataclasses."""

    def __init__(
        self,
        path: Path | None = None,
        *,
        daily_backups: int = 14,
        now: Callable[[], dt.datetime] = utc_now,
        key: Key | None = None,
    ) -> None:
        """The journal at PATH (in memory when None); NOW is the clock its backups are named by; KEY opens it if encrypted."""
        self.path = path
        self._storage: JournalStorage | None = None

        def make_storage() -> JournalStorage:
            self._storage = JournalStorage(path, daily_backups, now=now, key=key)
            return self._storage

        self._db = JournalDB(storage=make_storage)
        self._decisions = self._db.table("decisions", cache_size=0)
        self._checks = self._db.table("checks", cache_size=0)
        self._reviews = self._db.table("reviews", cache_size=0)
        self._loads_seen = self.storage.loads

    @property
    def partial(self) -> bool:
        """True while an earlier year of the journal is not read yet (see `complete`)."""
        return self.storage.partial

    def complete(self) -> None:
        """Read every year of the journal not read yet."""
        self.storage.complete()

    @property
    def needs_settling(self) -> bool:
        """True when the journal is older than this selftrust, or keeps earlier years in its own file."""
        return self.storage.needs_settling

    def settle(self) -> None:
        """Bring an older or unsplit journal to the current layout now, in one save (after a backup)."""
        self.storage.settle()

    @property
    def encrypted(self) -> bool:
        """True when the journal is kept encrypted on disk (every save seals what it writes)."""
        return self.storage.sealing

    @property
    def key(self) -> Key | None:
        """What opens the journal's files, when it is encrypted (or about to be)."""
        return self.storage.key

    def keep_backup(self, change: str) -> None:
        """Keep every file of the journal as it is now, before CHANGE (`encrypt`), in the backups (never pruned)."""
        self.storage.keep_backup(change)

    def reseal(self, key: Key | None) -> None:
        """Write every file of the journal again in one save: encrypted with KEY, or plain when KEY is None."""
        self.storage.reseal(key)

    def years(self) -> list[str]:
        """Every year ("2026") that holds a record, deleted ones included, newest first (reads no year's records)."""
        self.storage.refresh()
        return self.storage.years()

    def year_version(self, year: str) -> object:
        """YEAR's version as `year_rows` would give it now, without copying its rows (that year is read if need be)."""
        self.storage.refresh()
        with self.storage.changing():
            self.storage.year(year)
            return self.storage.version(year)

    def year_rows(self, year: str) -> YearRows:
        """Copies of YEAR's raw rows (as on disk, deleted ones included), from one moment of the journal.

        Reads that year alone (and keeps it), safe from a worker's thread, as `snapshot` is.
        """
        self.storage.refresh()
        with self.storage.changing():
            tables = self.storage.year(year)
            return YearRows(
                year,
                self.storage.version(year),
                *(tuple(dict(row) for row in tables[kind].values()) for kind in ("decisions", "checks", "reviews")),
            )

    def changed_elsewhere(self) -> bool:
        """True once after another process saved the journal (this one now holds its entries)."""
        self.storage.refresh()
        seen, self._loads_seen = self._loads_seen, self.storage.loads
        return self.storage.loads != seen

    @classmethod
    def in_memory(cls) -> Store:
        """A journal that lives only in memory (for tests)."""
        return cls(None)

    @property
    def storage(self) -> JournalStorage:
        assert self._storage is not None
        return self._storage

    def close(self) -> None:
        """Close the journal; later use is refused."""
        self.storage.close()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Save several changes as one."""
        with self.storage.batch():
            yield

    # -- reading -----------------------------------------------------------------

    def _rows(self, table: Table) -> Iterable[dict[str, Any]]:
        """Every row of TABLE, every year read."""
        self.storage.refresh()
        self.storage.complete()
        data = self.storage.read() or {}
        return data.get(table.name, {}).values()

    def _day_rows(self, table: Table, day: str) -> Iterable[dict[str, Any]]:
        """The rows of TABLE in DAY's year (that year alone is read)."""
        self.storage.refresh()
        return self.storage.year(day[:4])[table.name].values()

    def _years_rows(self, table: Table, first: str, last: str) -> Iterator[dict[str, Any]]:
        """The rows of TABLE in the years from FIRST's to LAST's (those years alone are read)."""
        self.storage.refresh()
        for year in self.storage.years():
            if first[:4] <= year <= last[:4]:
                yield from self.storage.year(year)[table.name].values()

    def _row(self, kind: str, record_id: str) -> dict[str, Any] | None:
        """The row of KIND with this id: from the years read, else every year is read to find it."""
        self.storage.refresh()
        row = (self.storage.read() or {}).get(kind, {}).get(record_id)
        if row is None and self.storage.partial:
            self.storage.complete()
            row = (self.storage.read() or {}).get(kind, {}).get(record_id)
        return row

    def all_decisions(self, *, include_deleted: bool = False) -> list[Decision]:
        """Every decision, oldest day first, by number within a day."""
        return sorted(_live(Decision, self._rows(self._decisions), include_deleted), key=_decision_order)

    def snapshot(self, *, since: dt.date | str | None = None) -> Snapshot:
        """Every live decision, check and review (of the days from SINCE on), read in one go from one version of the journal.

        In the order `all_decisions`, `all_checks` and `all_reviews` give them. The journal is
        reloaded once (if another process saved it), and no save from another thread can
        change it half-way: a worker's figures always come from one moment of the journal.
        With SINCE only the years from its year on are read.
        """
        low = _day_text(since) if since is not None else ""
        # Only the rows are copied while saves wait (a save changes a row in place); the
        # records are built after, so the lock is held for milliseconds, not the building.
        with self.storage.unchanging(whole=since is None) as tables:
            if since is not None:
                for year in self.storage.years():
                    if year >= low[:4]:
                        self.storage.year(year)
                tables = self.storage.read() or {}
            decision_rows, check_rows, review_rows = (
                [dict(row) for row in tables.get(table.name, {}).values() if row["day"] >= low]
                for table in (self._decisions, self._checks, self._reviews)
            )
        with collector_resting():  # tens of thousands of records, none with a cycle to collect
            decisions = _live(Decision, decision_rows)
            checks = _live(Check, check_rows)
            reviews = _live(Review, review_rows)
            decisions.sort(key=_decision_order)
            checks.sort(key=_check_order)
            reviews.sort(key=_review_order)
        return Snapshot(tuple(decisions), tuple(checks), tuple(reviews))

    def first_day(self) -> str | None:
        """The earliest day with a live decision or review, or None (reads forward from the oldest year)."""
        for year in reversed(self.years()):
            tables = self.storage.year(year)
            days = [
                r["day"] for kind in ("decisions", "reviews") for r in tables[kind].values() if not r.get("deleted_at")
            ]
            if days:
                return min(days)
        return None

    def last_decision_day(self) -> str | None:
        """The latest day that has a decision (not deleted), or None when there is none (reads back a year at a time)."""
        for year in self.years():
            rows = self.storage.year(year)["decisions"].values()
            found = max((r["day"] for r in rows if not r.get("deleted_at")), default=None)
            if found is not None:
                return found
        return None

    def decisions_on(self, day: dt.date | str) -> list[Decision]:
        """The day's decisions (not deleted), by number."""
        wanted = _day_text(day)
        found = [
            Decision.from_dict(r)
            for r in self._day_rows(self._decisions, wanted)
            if r.get("day") == wanted and not r.get("deleted_at")
        ]
        return sorted(found, key=lambda d: d.n)

    def decision(self, decision_id: str) -> Decision | None:
        """The decision with this id, or None."""
        row = self._row("decisions", decision_id)
        return Decision.from_dict(row) if row else None

    def open_decisions_before(self, day: dt.date | str) -> list[Decision]:
        """Open decisions of earlier days (not deleted) not yet carried forward, newest first."""
        wanted = _day_text(day)
        rows = list(self._rows(self._decisions))
        carried = {r.get("carried_from") for r in rows if r.get("carried_from") and not r.get("deleted_at")}
        found = [
            Decision.from_dict(r)
            for r in rows
            if r.get("day", "") < wanted
            and r.get("outcome") is None
            and not r.get("deleted_at")
            and r["id"] not in carried
        ]
        return sorted(found, key=lambda d: (d.day, d.n), reverse=True)

    def checks_for(self, decision_id: str) -> list[Check]:
        """The checks on one decision, oldest first (its day's year alone is read)."""
        decision = self._row("decisions", decision_id)
        if decision is None:
            return []
        found = [
            Check.from_dict(r)
            for r in self._day_rows(self._checks, decision["day"])
            if r.get("decision_id") == decision_id and not r.get("deleted_at")
        ]
        return sorted(found, key=lambda c: (instant(c.at), c.created_at))

    def checks_on(self, day: dt.date | str) -> list[Check]:
        """The checks on a day's decisions, oldest first."""
        wanted = _day_text(day)
        found = [
            Check.from_dict(r)
            for r in self._day_rows(self._checks, wanted)
            if r.get("day") == wanted and not r.get("deleted_at")
        ]
        return sorted(found, key=lambda c: (instant(c.at), c.created_at))

    def review_on(self, day: dt.date | str) -> Review | None:
        """The day's review, or None."""
        wanted = _day_text(day)
        for row in self._day_rows(self._reviews, wanted):
            if row.get("day") == wanted and not row.get("deleted_at"):
                return Review.from_dict(row)
        return None

    def returns_between(self, first: dt.date, last: dt.date) -> int:
        """How many decisions of these days ended *returned*."""
        low, high = first.isoformat(), last.isoformat()
        return sum(
            1
            for r in self._years_rows(self._decisions, low, high)
            if low <= r.get("day", "") <= high
            and r.get("outcome") == Outcome.RETURNED.value
            and not r.get("deleted_at")
        )

    def week_returns(self, day: dt.date) -> int:
        """Returns in DAY's ISO week, up to DAY."""
        return self.returns_between(week_start(day), day)

    def last_return_from(self, pull: str, before: dt.date | str) -> tuple[Decision, Check] | None:
        """The latest earlier time PULL was named and the decision ended kept or returned."""
        wanted = _day_text(before)
        key = pull.casefold()
        for year in self.years():  # newest first: the first year with one holds the latest
            if year > wanted[:4]:
                continue
            tables = self.storage.year(year)
            decisions = tables["decisions"]  # a check's decision is of its day, so of its year
            best: tuple[Decision, Check] | None = None
            for row in tables["checks"].values():
                if row.get("deleted_at") or row.get("day", "") >= wanted:
                    continue
                if key not in (p.casefold() for p in row.get("pulls", [])):
                    continue
                found = decisions.get(row["decision_id"])
                decision = Decision.from_dict(found) if found else None
                if decision is None or decision.deleted or decision.outcome not in (Outcome.RETURNED, Outcome.KEPT):
                    continue
                check = Check.from_dict(row)
                if best is None or (check.day, instant(check.at)) > (best[1].day, instant(best[1].at)):
                    best = (decision, check)
            if best is not None:
                return best
        return None

    def same_day_of_month(self, day: dt.date) -> tuple[list[Decision], list[Check]]:
        """The live decisions and checks of every day on DAY's day of the month (the 15th: every 15th), read in one go.

        From one moment of the journal, as `snapshot` is (safe from a worker's thread); only
        the matching rows are built into records.
        """
        suffix = day.isoformat()[7:]  # "-DD"
        decision_rows: list[dict[str, Any]] = []
        check_rows: list[dict[str, Any]] = []
        for year in self.years():  # a year not read yet is looked at and let go: Today keeps one year in memory
            tables = self.storage.glance(year)
            with self.storage.changing():
                decision_rows += [dict(r) for r in tables["decisions"].values() if r["day"].endswith(suffix)]
                check_rows += [dict(r) for r in tables["checks"].values() if r["day"].endswith(suffix)]
        return _live(Decision, decision_rows), _live(Check, check_rows)

    def next_number(self, day: dt.date | str) -> int:
        """One more than the highest number the day ever had, deleted ones included."""
        wanted = _day_text(day)
        numbers = [r.get("n", 0) for r in self._day_rows(self._decisions, wanted) if r.get("day") == wanted]
        return max(numbers, default=0) + 1

    def resolve_ref(self, day: dt.date | str, ref: str | None) -> Decision:
        """The decision REF names on DAY: its number, or a unique id prefix of 4+ characters."""
        wanted = _day_text(day)
        decisions = self.decisions_on(wanted)
        if ref is None or not ref.strip():
            still_open = [d for d in decisions if d.is_open]
            if len(still_open) == 1:
                return still_open[0]
            if not decisions:
                raise RefError(f"no decision on {wanted} yet")
            if not still_open:
                raise RefError(f"every decision on {wanted} has an outcome; name one by its number")
            numbers = ", ".join(str(d.n) for d in still_open)
            raise RefError(f"{len(still_open)} decisions are open on {wanted} ({numbers}); say which by its number")
        ref = ref.strip()
        if ref.isascii() and ref.isdigit() and len(ref) <= 2:
            for decision in decisions:
                if decision.n == int(ref):
                    return decision
            raise RefError(f"no decision number {ref} on {wanted}")
        if len(ref) < 4:
            raise RefError(f"{ref!r} is too short to name a decision; give its number or 4+ characters of its id")
        matches = [d for d in decisions if d.id.startswith(ref.casefold())]
        if not matches:
            raise RefError(f"no decision on {wanted} has an id starting {ref!r}")
        if len(matches) > 1:
            raise RefError(f"{ref!r} matches {len(matches)} decisions on {wanted}; give more of the id")
        return matches[0]

    # -- writing -----------------------------------------------------------------

    @staticmethod
    def _next_rev(on_disk: dict[str, Any] | None) -> int:
        """The revision of the next save of a record that is ON_DISK (None: a new record).

        Every write of a record takes its `rev` from here (`_put`, `_mark`): the higher rev is
        the newer copy for import and merges.
        """
        return 1 if on_disk is None else on_disk.get("rev", 1) + 1

    def _put(self, table: Table, record: Any, *, keep_rev: bool = False) -> None:
        """Save RECORD whole; its `rev` becomes the one on disk plus one (KEEP_REV: as it is, for import)."""
        self.storage.year(record.day[:4])  # its year read first: a record of it is never taken for a new one
        on_disk = table.get(doc_id=record.id)
        if not keep_rev:
            record.rev = self._next_rev(on_disk)
        data = record.to_dict()
        check_faithful(data)  # refused here, before anything reaches the journal
        if on_disk is not None:
            table.update(data, doc_ids=[record.id])
        else:
            table.insert(Document(data, doc_id=record.id))

    def add_decision(
        self,
        now: dt.datetime,
        day: dt.date | str,
        text: str,
        area: str,
        *,
        why: str = "",
        pulls_expected: Iterable[str] = (),
        certainty: int | None = None,
        next_step: str = "",
        say: str | None = None,
        carried_from: str | None = None,
        plans: Iterable[Mapping[str, str]] = (),
    ) -> Decision:
        """Save a new decision for DAY (validated text) and return it; PLANS are its if-then plans, in order."""
        when = stamp(now)
        with self.batch():  # numbered from what is on disk now, under the lock
            decision = Decision(
                id=new_id(),
                created_at=when,
                updated_at=when,
                day=_day_text(day),
                n=self.next_number(day),
                text=text,
                area=area,
                why=why,
                pulls_expected=list(pulls_expected),
                certainty=certainty,
                next_step=next_step,
                say=say or None,
                carried_from=carried_from,
                plans=[{"pull": plan["pull"], "then": plan["then"]} for plan in plans],
            )
            self._put(self._decisions, decision)
        return decision

    def carry_forward(self, now: dt.datetime, decision: Decision, today: dt.date) -> Decision:
        """Copy an open earlier decision to TODAY; the earlier one ends *carried* (not abandoned), as one save.

        A decision deleted, or already carried to a live copy, is not carried again (RefError):
        from a second terminal or a stale list, that would make two of it.
        """
        with self.batch():
            original = self.decision(decision.id)  # as it is on disk now
            if original is None:
                raise RefError("that decision is no longer in the journal")
            if self.carried_to(decision.id) is not None:
                raise RefError(f"decision {original.n} of {original.day} is already carried forward")
            copy = self.add_decision(
                now,
                today,
                decision.text,
                decision.area,
                why=decision.why,
                pulls_expected=decision.pulls_expected,
                certainty=decision.certainty,
                next_step=decision.next_step,
                say=decision.say,
                carried_from=decision.id,
                plans=decision.plans,
            )
            if original.outcome is None:  # an outcome given meanwhile stands
                original.outcome = Outcome.CARRIED
                original.updated_at = stamp(now)
                self._put(self._decisions, original)
        return copy

    def carried_to(self, decision_id: str) -> Decision | None:
        """The live decision carried forward from this one, or None (its year and the later ones are read)."""
        origin = self._row("decisions", decision_id)
        since = origin["day"] if origin else ""
        for row in self._years_rows(self._decisions, since, "9999"):
            if row.get("carried_from") == decision_id and not row.get("deleted_at"):
                return Decision.from_dict(row)
        return None

    def save_check(
        self,
        now: dt.datetime,
        decision: Decision,
        state: State,
        *,
        pulls: Iterable[str] = (),
        patterns: Iterable[str] = (),
        body: str = "",
        return_step: str = "",
        intensity: int | None = None,
        intensity_after: int | None = None,
        feeling: str | None = None,
        acted: str | None = None,
        pull_at: str | None = None,
        returned_to: Iterable[str] = (),
        plan_helped: bool | None = None,
    ) -> Check:
        """Save a midday check on DECISION and return it (the pull as it happens: all optional, validated)."""
        when = stamp(now)
        check = Check(
            id=new_id(),
            created_at=when,
            updated_at=when,
            decision_id=decision.id,
            day=decision.day,
            at=when,
            state=state,
            pulls=list(pulls),
            patterns=list(patterns),
            body=body,
            return_step=return_step,
            intensity=intensity,
            intensity_after=intensity_after,
            feeling=feeling,
            acted=acted,
            pull_at=pull_at,
            returned_to=list(returned_to),
            plan_helped=plan_helped,
        )
        with self.batch():
            self._put(self._checks, check)
        return check

    def save_review(
        self,
        now: dt.datetime,
        day: dt.date | str,
        outcomes: Mapping[str, Outcome | None] | None = None,
        *,
        base: ReviewBase | None = None,
        resolutions: Iterable[Resolution] = (),
        details: Mapping[str, Mapping[str, str | None]] | None = None,
        **reflections: str | int | None,
    ) -> Review:
        """Save the day's review and outcomes as one change; reviewing again updates it.

        REFLECTIONS (left, returned, repair, learned, contact), OUTCOMES (decision id to
        outcome) and DETAILS (decision id to what its outcome carries: hard, revised_from,
        revised_why) are what the person gave. With BASE (what the form showed when it
        opened) only what they changed is written; without it (the command line) everything
        given is. What was not given or not changed keeps what is on disk. A field changed
        here and elsewhere raises EditConflict, and nothing is written, unless RESOLUTIONS
        answers it.
        """
        from data.edits import (  # an edit's code, not a start's
            OUTCOME_FIELDS,
            REVIEW_FIELDS,
            EditConflict,
            ReviewBase,
            fields_of,
            merge,
        )

        unknown = set(reflections) - set(REVIEW_FIELDS)
        if unknown:
            raise TypeError(f"a review has no field {sorted(unknown)[0]!r}")
        for given in (details or {}).values():
            strange = set(given) - set(OUTCOME_FIELDS)
            if strange:
                raise TypeError(f"an outcome has no field {sorted(strange)[0]!r}")
            if given.get("revised_from") not in (None, *REVISED_FROM):
                raise ValueError(f"where a change came from is knowing or pull, not {given['revised_from']!r}")
        when = stamp(now)
        wanted = _day_text(day)
        with self.batch():
            # Inside the batch: another process may have reviewed. A deleted review of the day
            # comes back rather than a second one being made.
            review = self._review_record(wanted)
            fresh = review is None or review.deleted
            if review is None:
                review = Review(id=new_id(), created_at=when, updated_at=when, day=wanted)
            elif review.deleted:
                # What was deleted stays deleted: the review comes back blank, with only what is given now.
                for name, value in ReviewBase.of(None, ()).fields.items():
                    setattr(review, name, value)
            review.deleted_at = None
            current = fields_of(review, REVIEW_FIELDS)
            write, conflicts = merge(
                current, reflections, base.fields if base else None, record=review.id, resolutions=resolutions
            )
            decisions: list[tuple[Decision, dict[str, Any]]] = []
            given_details = details or {}
            for decision_id in dict.fromkeys([*(outcomes or {}), *given_details]):
                decision = self.decision(decision_id)
                if decision is None or decision.day != wanted:
                    raise RefError(f"that decision is not one of {wanted}'s")
                mine: dict[str, Any] = dict(given_details.get(decision_id, {}))
                before: dict[str, Any] | None = None
                if base is not None:
                    before = {name: value for name, value in base.details.get(decision_id, {}).items() if name in mine}
                if outcomes is not None and decision_id in outcomes:
                    mine["outcome"] = outcomes[decision_id]
                    if before is not None:
                        before["outcome"] = base.outcomes.get(decision_id, decision.outcome) if base else None
                changed, clashes = merge(
                    fields_of(decision, ("outcome", *OUTCOME_FIELDS)),
                    mine,
                    before,
                    record=decision.id,
                    resolutions=resolutions,
                    labels=_outcome_labels(decision.n),
                )
                conflicts += clashes
                if changed:
                    decisions.append((decision, changed))
            if conflicts:
                raise EditConflict(conflicts)  # before anything is written: the batch saves nothing
            for decision, changed in decisions:
                for name, value in changed.items():
                    if name == "outcome":
                        decision.outcome = Outcome(value) if value is not None else None
                    else:
                        setattr(decision, name, value)
                decision.updated_at = when
                self._put(self._decisions, decision)
            for name, value in write.items():
                setattr(review, name, value)
            if write or fresh:
                review.updated_at = when
                self._put(self._reviews, review)
        return review

    def _review_record(self, day: str) -> Review | None:
        """The day's review record, deleted or not."""
        rows = [r for r in self._day_rows(self._reviews, day) if r.get("day") == day]
        rows.sort(key=lambda r: r.get("deleted_at") is not None)  # a live one first
        return Review.from_dict(rows[0]) if rows else None

    # -- editing, deleting, restoring ----------------------------------------------

    def update_decision(
        self,
        now: dt.datetime,
        decision_id: str,
        mine: Mapping[str, Any],
        *,
        base: Mapping[str, Any] | None = None,
        resolutions: Iterable[Resolution] = (),
    ) -> Decision:
        """Save changes (validated) to a decision, field by field, onto it as it is on disk now.

        MINE holds the edited fields, BASE the same fields as the form opened (None: write
        all of MINE). `created_at`, `day` and `n` never change. A field changed here and
        elsewhere raises EditConflict and nothing is written, unless RESOLUTIONS answers it.
        """
        from data.edits import DECISION_FIELDS, OUTCOME_FIELDS

        editable = DECISION_FIELDS + OUTCOME_FIELDS
        return cast(Decision, self._edit(self._decisions, now, decision_id, mine, base, resolutions, editable))

    def check(self, check_id: str) -> Check | None:
        """The check with this id, or None."""
        row = self._row("checks", check_id)
        return Check.from_dict(row) if row else None

    def update_check(
        self,
        now: dt.datetime,
        check_id: str,
        mine: Mapping[str, Any],
        *,
        base: Mapping[str, Any] | None = None,
        resolutions: Iterable[Resolution] = (),
    ) -> Check:
        """Save changes to a check, field by field, as `update_decision` does.

        `created_at`, `at`, its decision and its day never change.
        """
        from data.edits import CHECK_FIELDS

        return cast(
            Check, self._edit(self._checks, now, check_id, mine, base, resolutions, CHECK_FIELDS)
        )  # the checks' table

    def _edit(
        self,
        table: Table,
        now: dt.datetime,
        record_id: str,
        mine: Mapping[str, Any],
        base: Mapping[str, Any] | None,
        resolutions: Iterable[Resolution],
        editable: tuple[str, ...],
    ) -> Decision | Check:
        """Write the changed fields of MINE onto the record as it is on disk, under the lock."""
        from data.edits import EditConflict, fields_of, merge

        unknown = set(mine) - set(editable)
        if unknown:
            raise TypeError(f"that field cannot be edited: {sorted(unknown)[0]!r}")
        kind = "decision" if table is self._decisions else "check"
        with self.batch():
            current = self.decision(record_id) if table is self._decisions else self.check(record_id)
            if current is None or current.deleted:
                raise RefError(f"that {kind} is no longer in the journal (deleted meanwhile?)")
            write, conflicts = merge(
                fields_of(current, editable), mine, base, record=record_id, resolutions=resolutions
            )
            if conflicts:
                raise EditConflict(conflicts)
            if write:
                for name, value in write.items():
                    setattr(current, name, value.copy() if isinstance(value, list) else value)
                current.updated_at = stamp(now)
                self._put(table, current)
        return current

    def _mark(self, table: Table, record_id: str, deleted_at: str | None, updated_at: str) -> None:
        """Set or clear the record's soft-delete mark: a save of it, so its `rev` is raised."""
        self._row(table.name, record_id)  # its year read first
        # Our tables key their documents by the record's string id (document_id_class); TinyDB's hints know int ids only.
        rev = self._next_rev(table.get(doc_id=record_id))  # type: ignore[call-overload]
        table.update({"deleted_at": deleted_at, "updated_at": updated_at, "rev": rev}, doc_ids=[record_id])  # type: ignore[list-item]

    def delete_decision(self, now: dt.datetime, decision_id: str) -> str:
        """Soft-delete a decision and its checks together; returns the mark that restores them."""
        when = stamp(now)
        with self.batch():
            decision = self.decision(decision_id)
            if decision is None:
                raise RefError("that decision is no longer in the journal")
            self._mark(self._decisions, decision_id, when, when)
            for row in list(self._day_rows(self._checks, decision.day)):
                if row.get("decision_id") == decision_id and not row.get("deleted_at"):
                    self._mark(self._checks, row["id"], when, when)
            self._carried_origin(decision_id, None, when)  # no copy now: the earlier one is open again
        return when

    def _carried_origin(self, copy_id: str, outcome: Outcome | None, when: str) -> None:
        """The decision COPY_ID was carried from: *carried* while a live copy exists, open when none does.

        Only an origin still as carrying left it is changed (carried, or open when the copy
        comes back): an outcome the person gave it meanwhile stands.
        """
        copy = self._row("decisions", copy_id) or {}
        origin = self.decision(copy["carried_from"]) if copy.get("carried_from") else None
        if origin is None:
            return
        wanted_from = Outcome.CARRIED if outcome is None else None
        if origin.outcome is not wanted_from or (outcome is None and self.carried_to(origin.id) is not None):
            return
        origin.outcome = outcome
        origin.updated_at = when
        self._put(self._decisions, origin)

    def delete_check(self, now: dt.datetime, check_id: str) -> str:
        """Soft-delete one check; returns the mark that restores it."""
        when = stamp(now)
        with self.batch():
            if self.check(check_id) is None:
                raise RefError("that check is no longer in the journal")
            self._mark(self._checks, check_id, when, when)
        return when

    def delete_review(self, now: dt.datetime, day: dt.date | str) -> str:
        """Soft-delete the day's review (the outcomes stay on their decisions)."""
        when = stamp(now)
        with self.batch():
            review = self.review_on(_day_text(day))
            if review is None:
                raise RefError(f"{_day_text(day)} has no review")
            self._mark(self._reviews, review.id, when, when)
        return when

    def restore(self, now: dt.datetime, record_id: str) -> None:
        """Bring back a deleted record; a decision brings back the checks deleted with it."""
        when = stamp(now)
        with self.batch():
            for name, table in (("decisions", self._decisions), ("checks", self._checks), ("reviews", self._reviews)):
                row = self._row(name, record_id)
                if row is None:
                    continue
                mark = row.get("deleted_at")
                if mark is None:
                    return
                if name == "reviews" and self.review_on(row["day"]) is not None:
                    raise RefError(f"{row['day']} has a review again; this one cannot come back beside it")
                self._mark(table, record_id, None, when)
                if name == "decisions":
                    for check in list(self._day_rows(self._checks, row["day"])):
                        if check.get("decision_id") == record_id and check.get("deleted_at") == mark:
                            self._mark(self._checks, check["id"], None, when)
                    self._carried_origin(record_id, Outcome.CARRIED, when)  # a copy back: carried again
                return
            raise RefError("there is nothing with that id to bring back")

    # -- the past at a glance ------------------------------------------------------

    def day_with_entries_beside(self, day: dt.date | str, direction: int) -> str | None:
        """The nearest day before DAY (DIRECTION < 0) or after it with a live decision, check or review, or None.

        Reads DAY's year first, and the years beyond it only while none of them has such a day.
        """
        here = _day_text(day)
        years = [year for year in self.years() if (year <= here[:4] if direction < 0 else year >= here[:4])]
        for year in years if direction < 0 else reversed(years):
            tables = self.storage.year(year)
            days = {
                row["day"]
                for kind in ("decisions", "checks", "reviews")
                for row in tables[kind].values()
                if not row.get("deleted_at") and (row["day"] < here if direction < 0 else row["day"] > here)
            }
            if days:
                return max(days) if direction < 0 else min(days)
        return None

    def outcomes_by_day(self, first: dt.date | str, last: dt.date | str) -> dict[str, list[Outcome | None]]:
        """For each practice day in the range, its decisions' outcomes by number (None = open)."""
        low, high = _day_text(first), _day_text(last)
        found: dict[str, list[tuple[int, Outcome | None]]] = {}
        for row in self._years_rows(self._decisions, low, high):
            day = row.get("day", "")
            if low <= day <= high and not row.get("deleted_at"):
                outcome = Outcome(row["outcome"]) if row.get("outcome") else None
                found.setdefault(day, []).append((row.get("n", 0), outcome))
        return {day: [o for _, o in sorted(items, key=lambda item: item[0])] for day, items in sorted(found.items())}

    def all_checks(self, *, include_deleted: bool = False) -> list[Check]:
        """Every check, oldest first."""
        return sorted(_live(Check, self._rows(self._checks), include_deleted), key=_check_order)

    def all_reviews(self, *, include_deleted: bool = False) -> list[Review]:
        """Every review, oldest day first."""
        return sorted(_live(Review, self._rows(self._reviews), include_deleted), key=_review_order)
