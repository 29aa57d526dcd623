"""The figures of the practice over a period: computed once, shared by Insights and `selftrust stats`.

Pure functions over the journal's records (never Textual). The definitions are the
product's (PRODUCT.md §5 and Appendix A):

- a decision counts in a period by its `day`; a check counts with its decision (a check
  on a deleted or missing decision does not count); a review counts by its `day`;
  deleted records never count;
- **open**: no evening outcome yet; **returns**: outcome *returned*;
- **reps**: outcome *returned*, plus outcome *kept* when the decision met a pull — one of
  its checks was *wobbling* or *abandoned*, or named a pull;
- **keep rate**: (kept + returned) / (kept + returned + abandoned); *revised*, *carried*
  (carried forward to a later day) and open decisions are left out; None when nothing is
  left to count;
- `pulls` and `patterns` count each naming in a check (a name twice in one check counts
  once; names differing only in case are one name, spelled as first seen).

Weeks are ISO weeks, Monday first. The weeks of a period run from the week of its first
day to the week of its last, every week present (empty ones as zeros) so charts have a
continuous axis; a week cut by the period's edge counts only the period's days.

The trend of a weekly series (`Trend`) is the least-squares line through its weekly
values (`slope` per week, `intercept` at the first week), and beside it the mean of the
last 4 weeks against the mean of the 4 weeks before them.

Written for speed at ten years (about 18,000 records): one pass over each kind of
record, days compared as ISO strings, a check's hour read off its timestamp's text.
"""

from __future__ import annotations

import datetime as dt
import itertools
import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from data.daytime import day_heading, week_start
from data.figures_words import (
    EMPTY_JOURNAL,
    FIRST_RETURN,
    NONE_RESOLVED,
    WELCOME_BACK,
    came_back_after,
    contact_mean,
    early_signs_words,
    forecast_words,
    kept_or_came_back,
    last_practice_on,
    latency_words,
    leads_to,
    most_often,
    nothing_recorded,
    pause_words,
    peak_hour,
    percent,
    plans_words,
    plural,
    revisions_words,
)
from data.models import Check, Decision, Outcome, Review, State
from data.outcomes import Outcomes, rate
from data.periods import period_start
from data.resting import collector_resting
from data.vocabulary import pull_words

if TYPE_CHECKING:
    from data.store import Store

_OUTCOMES = (Outcome.KEPT, Outcome.RETURNED, Outcome.REVISED, Outcome.ABANDONED, None, Outcome.CARRIED)  # None: open
_OUTCOME_NAMES = ("kept", "returned", "revised", "abandoned", "open", "carried")  # the fields of `Outcomes`, in order
_CERTAINTIES = frozenset((1, 2, 3, 4, 5))
CERTAINTY_GROUPS: tuple[tuple[str, tuple[int | None, ...]], ...] = (
    ("1-2", (1, 2)),
    ("3", (3,)),
    ("4-5", (4, 5)),
    ("none", (None,)),
)
TREND_WINDOW = 4  # weeks in each half of "the last 4 weeks against the 4 before"


@dataclass(frozen=True, slots=True)
class Trend:
    """Where a weekly series is heading: a least-squares line, and recent weeks against earlier ones."""

    slope: float | None  # change per week of the fitted line; None with fewer than 2 weeks of values
    intercept: float | None  # the fitted line's value at the first week (index 0)
    recent: float | None  # the mean of the last 4 weeks (fewer when the series is shorter)
    before: float | None  # the mean of the 4 weeks before those; None when there are none

    def to_json(self) -> dict[str, float | None]:
        """The four numbers by name."""
        return {"slope": self.slope, "intercept": self.intercept, "recent": self.recent, "before": self.before}


@dataclass(frozen=True, slots=True)
class WeekFigure:
    """One ISO week of the period (Monday first)."""

    start: dt.date  # its Monday
    days_practiced: int
    decisions: int
    returns: int
    reps: int
    outcomes: Outcomes
    contact: float | None  # the mean contact of its reviews; None when none gave one

    @property
    def keep_rate(self) -> float | None:
        """The week's keep rate; None when nothing was kept, returned or abandoned."""
        return self.outcomes.keep_rate


@dataclass(frozen=True, slots=True)
class NameFigure:
    """A pull or an old pattern: how often it was named, and how its decisions ended."""

    name: str
    count: int  # namings in checks (once per check)
    decisions: int  # distinct decisions it was named on
    outcomes: Outcomes  # how those decisions ended (each decision once)


@dataclass(frozen=True, slots=True)
class PullPattern:
    """A pull and an old pattern named in the same check, and how many checks named both."""

    pull: str
    pattern: str
    count: int


@dataclass(frozen=True, slots=True)
class CertaintyGroup:
    """Decisions made at some certainties (1-2, 3, 4-5 or none) and how they ended."""

    label: str
    certainties: tuple[int | None, ...]
    outcomes: Outcomes

    @property
    def keep_rate(self) -> float | None:
        """The group's keep rate; None when nothing was kept, returned or abandoned."""
        return self.outcomes.keep_rate


@dataclass(frozen=True, slots=True)
class AreaFigure:
    """One area of life (Inner Foundation, Relational Key, ...) over the period."""

    area: str
    decisions: int
    returns: int
    reps: int
    outcomes: Outcomes

    @property
    def keep_rate(self) -> float | None:
        """The area's keep rate; None when nothing was kept, returned or abandoned."""
        return self.outcomes.keep_rate


@dataclass(frozen=True, slots=True)
class Gap:
    """Days in a row without practice between two practice days."""

    start: dt.date  # the first day without practice
    end: dt.date  # the last one
    days: int


# -- the pull as it happens, plans and forecasts (schema 4) ------------------------------


@dataclass(frozen=True, slots=True)
class PlanFigures:
    """If-then plans: made, met by their pull, whether they helped, and how decisions ended with and without one.

    - made: plans on the period's decisions;
    - met: those whose pull was named at a check of the same decision;
    - helped / not_helped: checks that said the plan helped (plan_helped true) or did not (false);
    - with_plan: how the decisions ended on which a plan met its pull;
    - without_plan: how the decisions ended that met a named pull they had no plan for.
    A decision where one plan met its pull and another pull came unplanned counts in both.
    """

    made: int = 0
    met: int = 0
    helped: int = 0
    not_helped: int = 0
    with_plan: Outcomes = field(default_factory=Outcomes)
    without_plan: Outcomes = field(default_factory=Outcomes)


@dataclass(frozen=True, slots=True)
class Forecast:
    """The pulls expected in the morning: how many, how many came, and the pulls that came unexpected.

    - expected: the expected pulls of the period's decisions (a name once a decision, case aside);
    - came: of those, the ones named at a check of the same decision;
    - unexpected: (pull, namings) of pulls named at checks of a decision that had not expected
      them (a decision that expected none counts every pull named), most named first.
    """

    expected: int = 0
    came: int = 0
    unexpected: tuple[tuple[str, int], ...] = ()

    @property
    def rate(self) -> float | None:
        """came / expected; None when nothing was expected."""
        return rate(self.came, self.expected)


@dataclass(frozen=True, slots=True)
class LatencyWeek:
    """One ISO week of noticing sooner: the checks that measured it, and their median minutes."""

    start: dt.date  # its Monday
    checks: int
    median_minutes: float | None  # None: no check this week


@dataclass(frozen=True, slots=True)
class ReturnLatency:
    """Noticing sooner: minutes from when a pull came (`pull_at`) to the check that still held (`at`).

    Counts checks that were holding or wobbling and gave a `pull_at` no later than their `at`;
    `weeks` is every ISO week of the period (like `Figures.weeks`), `trend` runs over the
    weeks up to today that had such a check (falling: you come back sooner).
    """

    checks: int = 0
    median_minutes: float | None = None
    weeks: tuple[LatencyWeek, ...] = ()
    trend: Trend = Trend(None, None, None, None)


EASE_EPISODES = 3  # fewer easings than this, and "your pulls ease in about N minutes" is not said


@dataclass(frozen=True, slots=True)
class Pause:
    """The pause: strength before and after, and how long a pull takes to fall to half.

    - paused: checks with both `intensity` and `intensity_after`; before / after: their means;
    - eases_in_minutes: the median minutes from a check with intensity 2 or more to the first
      later check on the same decision, the same day, whose intensity (or intensity after) is
      half of it or less; times are `pull_at` where given, else `at`; None below 3 easings.
    """

    paused: int = 0
    before: float | None = None
    after: float | None = None
    eases_in_minutes: float | None = None
    episodes: int = 0  # easings found


@dataclass(frozen=True, slots=True)
class Sign:
    """A word (or an hour) in the person's own checks, and how often it came before each ending."""

    name: str | int  # a feeling, a body note, or an hour 0..23
    before_abandoned: int
    before_returned: int  # on decisions returned or kept
    checks_before_abandoned: int = 0  # the checks on that side that gave this kind of word (or an hour)
    checks_before_returned: int = 0


DAY_START = dt.time(4, 0)  # the settings' default start of a logical day, for callers that give none

SIGNS_SHOWN = 5
BODY_NOTE_MAX = 40  # a longer piece of a body note is a sentence, not a sign


@dataclass(frozen=True, slots=True)
class EarlySigns:
    """The feelings, body notes and hours that came before abandonments more than before returns.

    Checks on decisions that ended abandoned are set against checks on decisions returned or
    kept. A feeling is lowercased; a body note is lowercased and split on semicolons and
    line breaks (a comma stays inside: "calm, actually" is one note) into pieces of up to 40 characters; an hour is that of `pull_at`, else of `at`,
    in the timestamp's own offset. A sign was seen at least twice before abandonments, and its
    share there (of the checks on that side that gave a feeling, a body note, an hour) is
    greater than its share before returns. At most 5 of each, the greatest difference first.
    """

    feelings: tuple[Sign, ...] = ()
    body: tuple[Sign, ...] = ()
    hours: tuple[Sign, ...] = ()


@dataclass(frozen=True, slots=True)
class Revisions:
    """Honest changes of mind by where they came from, beside abandonments."""

    revised: int = 0
    from_knowing: int = 0
    from_pull: int = 0
    unsaid: int = 0  # revised without saying where the change came from
    abandoned: int = 0


@dataclass(frozen=True, slots=True)
class Figures:
    """Every figure of the practice over a period (see the module's docstring for the definitions)."""

    first: dt.date | None  # the period's first day (the journal's first day when not given); None: empty and unbounded
    last: dt.date | None  # its last day (today, or the journal's last day if later, when not given)
    days_practiced: int  # days with a decision, a check or a review
    decisions: int
    checks: int
    outcomes: Outcomes
    returns: int
    reps: int
    keep_rate: float | None
    pulls: dict[str, int]  # name -> namings, most named first
    patterns: dict[str, int]
    pull_details: tuple[NameFigure, ...] = ()  # most named first
    pattern_details: tuple[NameFigure, ...] = ()
    pull_patterns: tuple[PullPattern, ...] = ()  # most frequent pair first
    weeks: tuple[WeekFigure, ...] = ()  # every ISO week of the period, oldest first
    reps_trend: Trend = Trend(None, None, None, None)
    returns_trend: Trend = Trend(None, None, None, None)
    contact_trend: Trend = Trend(None, None, None, None)  # over the weeks that have a contact
    by_certainty: dict[int | None, Outcomes] = field(default_factory=dict)  # 1..5 and None, always all six
    certainty_groups: tuple[CertaintyGroup, ...] = ()  # 1-2, 3, 4-5, none
    pull_hours: tuple[int, ...] = (0,) * 24  # checks that met a pull, by hour 0..23 in the check's own offset
    contact: float | None = None  # the mean contact of the period's reviews
    contact_reviews: int = 0  # how many reviews gave a contact
    areas: tuple[AreaFigure, ...] = ()  # the areas asked for (even with no decisions), then any others
    practice_days: frozenset[dt.date] = frozenset()  # for a year grid
    longest_gap: Gap | None = None  # within the period, between its practice days up to today
    last_practiced: dt.date | None = None  # the whole journal's latest practice day (up to today)
    days_since_last: int | None = None  # today minus last_practiced (0: practised today)
    plans: PlanFigures = PlanFigures()
    forecast: Forecast = Forecast()
    return_latency: ReturnLatency = ReturnLatency()
    pause: Pause = Pause()
    early_signs: EarlySigns = EarlySigns()
    revisions: Revisions = Revisions()

    @property
    def empty(self) -> bool:
        """True when the period holds nothing at all."""
        return self.days_practiced == 0


# -- computing -----------------------------------------------------------------------


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def trend(values: Sequence[float | None]) -> Trend:
    """The least-squares line through a weekly series (None = no value that week) and its recent means."""
    points = [(x, y) for x, y in enumerate(values) if y is not None]
    slope = intercept = None
    if len(points) >= 2:
        xs, ys = zip(*points, strict=True)
        slope, intercept = statistics.linear_regression(xs, ys)
    recent_weeks = values[-TREND_WINDOW:]
    before_weeks = values[-2 * TREND_WINDOW : -TREND_WINDOW] if len(values) > TREND_WINDOW else []
    return Trend(
        slope,
        intercept,
        _mean([v for v in recent_weeks if v is not None]),
        _mean([v for v in before_weeks if v is not None]),
    )


def _hour(at: str) -> int | None:
    """The hour of an ISO timestamp in its own offset ("2026-11-27T14:05:00+01:00" -> 14)."""
    text = at[11:13]
    if at[10:11] in ("T", " ") and text.isdigit():
        hour = int(text)
        return hour if hour < 24 else None
    return None


def _ranked(counts: Counter[str]) -> list[str]:
    return sorted(counts, key=lambda key: (-counts[key], key))


def _ended(counts: Counter[Outcome | None]) -> Outcomes:
    """Outcomes from a Counter keyed by outcome (None: open)."""
    return Outcomes(*(counts[outcome] for outcome in _OUTCOMES))


def _ended_of(counts: Counter[tuple[Any, Outcome | None]], key: Any) -> Outcomes:
    """Outcomes of KEY (a week, a certainty, an area) from a Counter keyed by (key, outcome)."""
    get = counts.get  # not counts[...]: Counter's __missing__ is slow, and most weeks miss some outcome
    return Outcomes(
        get((key, Outcome.KEPT), 0),
        get((key, Outcome.RETURNED), 0),
        get((key, Outcome.REVISED), 0),
        get((key, Outcome.ABANDONED), 0),
        get((key, None), 0),
        get((key, Outcome.CARRIED), 0),
    )


@dataclass(frozen=True, slots=True)
class _Days:
    """Which days the live records fall on: the period's practice days, and the journal's span."""

    practice: set[str]  # the period's days with a decision or a review
    earliest: str  # the journal's first and last days ("" when empty)
    latest: str
    latest_practice: str  # the latest day up to today ("" when none)


def _live_decisions(
    decisions: Iterable[Decision], low: str, high: str
) -> tuple[list[Decision], dict[str, Decision], list[Decision]]:
    """Every live decision, the same by id (checks look theirs up), and those of the days LOW..HIGH."""
    records = [decision for decision in decisions if decision.deleted_at is None]
    return (
        records,
        {decision.id: decision for decision in records},
        [decision for decision in records if low <= decision.day <= high],
    )


def _days(decisions: Iterable[Decision], reviews: Sequence[Review], low: str, high: str, today: str) -> _Days:
    """The practice days of LOW..HIGH and the journal's span, from live decisions and reviews."""
    every = [decision.day for decision in decisions]
    every += [review.day for review in reviews]
    return _Days(
        practice={day for day in every if low <= day <= high},
        earliest=min(every, default=""),
        latest=max(every, default=""),
        latest_practice=max((day for day in every if day <= today), default=""),
    )


def _contacts(reviews: Iterable[Review], low: str, high: str) -> list[tuple[str, int]]:
    """The (day, contact) of each review of the days LOW..HIGH that gave a contact."""
    return [
        (review.day, review.contact) for review in reviews if review.contact is not None and low <= review.day <= high
    ]


@dataclass(slots=True)
class _Namings:
    """Pulls (or old patterns) named in checks: namings, the decisions they were named on, spellings."""

    counts: Counter[str] = field(default_factory=Counter)  # casefolded name -> namings (once per check)
    on: dict[str, dict[str, int]] = field(default_factory=dict)  # casefolded name -> decision id -> namings
    spelling: dict[str, str] = field(default_factory=dict)  # casefolded name -> as first seen

    def add(self, names: Iterable[str], decision_id: str) -> list[str]:
        """Count each of one check's NAMES once (case aside); the casefolded names counted, in order."""
        keys: list[str] = []
        counts, spelling, named_on = self.counts, self.spelling, self.on  # locals: this runs once a check
        for name in names:
            key = name.casefold()
            if key in keys:
                continue
            keys.append(key)
            on = named_on.get(key)
            if on is None:
                on = named_on[key] = {}
                spelling[key] = name
            on[decision_id] = on.get(decision_id, 0) + 1
            counts[key] += 1
        return keys

    def details(self, outcome_of: dict[str, Outcome | None]) -> tuple[NameFigure, ...]:
        """Every name, most named first, with how its decisions ended (each decision once)."""
        return tuple(
            NameFigure(
                self.spelling[key],
                self.counts[key],
                len(self.on[key]),
                _ended(Counter(outcome_of[decision_id] for decision_id in self.on[key])),
            )
            for key in _ranked(self.counts)
        )


def _minute(at: str | None) -> float | None:
    """An ISO timestamp as minutes since the epoch (offsets honoured); None when missing or unreadable."""
    if not at:
        return None
    try:
        return dt.datetime.fromisoformat(at).timestamp() / 60
    except (TypeError, ValueError):
        return None


def _minutes_between(before: str, after: str) -> float | None:
    """Minutes from the timestamp BEFORE to AFTER; None when either is unreadable or BEFORE is later.

    Two times of one day in one offset (nearly always) are read off their text; others parsed.
    """
    if before[:10] == after[:10] and before[16:] == after[16:] and before[13:14] == after[13:14] == ":":
        if before > after:  # one day, one offset, the same seconds: the text orders them
            return None
        try:
            return (int(after[11:13]) - int(before[11:13])) * 60 + int(after[14:16]) - int(before[14:16])
        except ValueError:
            return None
    since, now = _minute(before), _minute(after)
    if since is None or now is None:
        return None
    return now - since if now >= since else None


def _body_pieces(body: str) -> set[str]:
    """A body note's pieces, lowercased and trimmed: "Tight chest; tired" -> {"tight chest", "tired"}.

    Only semicolons and line breaks part it: a comma is inside a phrase as often as between two.
    """
    pieces = (piece.strip() for piece in body.lower().replace("\n", ";").split(";"))
    return {piece for piece in pieces if piece and len(piece) <= BODY_NOTE_MAX}


@dataclass(slots=True)
class _Signs:
    """One side of the early signs (before abandonments, or before returns): what its checks said, as typed."""

    feelings: dict[str, int] = field(default_factory=dict)  # a check's feeling as typed -> checks
    body: dict[str, int] = field(default_factory=dict)  # a check's body note as typed -> checks
    hours: dict[str, int] = field(default_factory=dict)  # "T14" (of when the pull came) -> checks

    def hour_counts(self) -> Counter[int]:
        """The checks by hour, 0..23 (a time that does not read as one left out)."""
        found: Counter[int] = Counter()
        for hour, checks in self.hours.items():
            if hour[:1] in ("T", " ") and hour[1:].isdigit() and int(hour[1:]) < 24:
                found[int(hour[1:])] += checks
        return found


# Members as module constants, compared by identity: an Enum's class attribute and its hash
# cost Python calls, and these are read once a check.
_HOLDING, _WOBBLING, _ABANDON = State.HOLDING, State.WOBBLING, State.ABANDONED
_KEPT, _RETURNED, _ABANDONED = Outcome.KEPT, Outcome.RETURNED, Outcome.ABANDONED
Strength = tuple[str, int | None, int | None]  # when (pull_at, else at), intensity, intensity after


@dataclass(slots=True)
class _Practice:
    """What the period's checks say of plans, forecasts, the pause, noticing sooner and early signs.

    The loop over the checks only notes what it sees; the words are cleaned, the body notes
    split and the hours read afterwards, once for each distinct value (they repeat a lot).
    """

    helped: Counter[bool] = field(default_factory=Counter)  # plan_helped -> checks
    day_start: str = "04:00"  # HH:MM: when a logical day begins (a check made on its own day counts its minutes)
    latency: dict[int, list[float]] = field(default_factory=dict)  # week index -> minutes
    paused: list[tuple[int, int]] = field(default_factory=list)  # (intensity, intensity after)
    strengths: dict[str, list[Strength]] = field(default_factory=dict)  # decision id -> its checks' strengths
    before_abandoned: _Signs = field(default_factory=lambda: _Signs())  # what checks said on decisions abandoned
    before_returned: _Signs = field(default_factory=lambda: _Signs())  # ... and on decisions returned or kept

    def add(self, check: Check, decision: Decision, weeks: _Weeks) -> None:
        """Take in one counted CHECK on DECISION (its day one of WEEKS')."""
        when = check.at
        if (
            check.pull_at
            or check.intensity is not None
            or check.intensity_after is not None
            or check.plan_helped is not None
        ):
            when = self.timed(check, decision, weeks.index(decision.day))
        outcome = decision.outcome
        if outcome is _ABANDONED:
            side = self.before_abandoned
        elif outcome is _RETURNED or outcome is _KEPT:
            side = self.before_returned
        else:
            return
        hours, hour = side.hours, when[10:13]
        hours[hour] = hours.get(hour, 0) + 1
        if check.feeling:
            side.feelings[check.feeling] = side.feelings.get(check.feeling, 0) + 1
        if check.body:
            side.body[check.body] = side.body.get(check.body, 0) + 1

    def timed(self, check: Check, decision: Decision, week: int) -> str:
        """Take in a check's plan, strengths and when its pull came; that time (`pull_at`, else `at`)."""
        if check.plan_helped is not None:
            self.helped[check.plan_helped] += 1
        came = self._came(check, week) if check.pull_at else check.at
        if check.intensity is not None or check.intensity_after is not None:
            if check.intensity is not None and check.intensity_after is not None:
                self.paused.append((check.intensity, check.intensity_after))
            self.strengths.setdefault(decision.id, []).append((came, check.intensity, check.intensity_after))
        return came

    def _came(self, check: Check, week: int) -> str:
        """When CHECK's pull came (its `pull_at`, or `at` when that is later); a check that held counts its minutes."""
        pull_at = cast(str, check.pull_at)
        minutes = _minutes_between(pull_at, check.at)
        if minutes is None:
            return check.at  # a pull that "came" after its check: not a time to count from
        if (check.state is _HOLDING or check.state is _WOBBLING) and self._on_its_day(check):
            self.latency.setdefault(week, []).append(minutes)
        return pull_at

    def _on_its_day(self, check: Check) -> bool:
        """Whether CHECK was made on its own logical day: a check written up days later is no measure of noticing."""
        at, start = check.at, self.day_start
        clock = at[11:16]
        if at[:10] == check.day:
            return clock >= start
        if clock >= start:
            return False
        try:  # after midnight, before the day starts: the day before's
            return (dt.date.fromisoformat(at[:10]) - dt.timedelta(days=1)).isoformat() == check.day
        except ValueError:
            return False

    def sides(self) -> tuple[_Signs, _Signs]:
        """What the checks said before abandonments, and before returns (decisions returned or kept)."""
        return self.before_abandoned, self.before_returned


@dataclass(slots=True)
class _Checks:
    """What the period's checks say: how many, the pulls and patterns named, and when pulls came."""

    count: int = 0
    pulled: set[str] = field(default_factory=set)  # decisions that met a pull
    pulls: _Namings = field(default_factory=_Namings)
    patterns: _Namings = field(default_factory=_Namings)
    pairs: Counter[tuple[str, str]] = field(default_factory=Counter)  # (pull, pattern), casefolded -> checks
    hours: list[int] = field(default_factory=lambda: [0] * 24)
    practice: _Practice = field(default_factory=_Practice)

    def pull_patterns(self) -> tuple[PullPattern, ...]:
        """Every pair named together, most frequent first."""
        pulls, patterns = self.pulls.spelling, self.patterns.spelling
        ranked = sorted(self.pairs.items(), key=lambda item: (-item[1], pulls[item[0][0]], patterns[item[0][1]]))
        return tuple(PullPattern(pulls[pull], patterns[pattern], n) for (pull, pattern), n in ranked)


def _checks(
    checks: Iterable[Check], live: dict[str, Decision], low: str, high: str, weeks: _Weeks, day_start: str
) -> _Checks:
    """One pass over the checks: each counts once, with its live decision of the days LOW..HIGH."""
    found = _Checks()
    found.practice.day_start = day_start
    pairs, hours, pulled = found.pairs, found.hours, found.pulled  # locals: the loop runs once a check
    practice = found.practice.add
    for check in checks:
        if check.deleted_at is not None:
            continue
        decision = live.get(check.decision_id)
        if decision is None or not low <= decision.day <= high:
            continue
        found.count += 1
        pulls = found.pulls.add(check.pulls, decision.id) if check.pulls else []
        if check.patterns:
            for pattern in found.patterns.add(check.patterns, decision.id):
                for pull in pulls:
                    pairs[pull, pattern] += 1
        state = check.state
        if state is _WOBBLING or state is _ABANDON or check.pulls:  # `Check.met_a_pull`, without its call
            pulled.add(decision.id)
            hour = _hour(check.at)
            if hour is not None:
                hours[hour] += 1
        practice(check, decision, weeks)
    return found


def _period(
    first: dt.date | None, last: dt.date | None, today: dt.date | None, days: _Days
) -> tuple[dt.date | None, dt.date | None]:
    """The period as given, else from the journal's first day to today (or its last day, if later)."""
    period_first = first or (dt.date.fromisoformat(days.earliest) if days.earliest else today)
    period_last = last
    if period_last is None:
        ends = [d for d in (today, dt.date.fromisoformat(days.latest) if days.latest else None) if d is not None]
        period_last = max(ends) if ends else None
    if period_first is not None and period_last is not None and period_first > period_last:
        period_first = period_last  # a journal that starts after the asked end: an empty period
    if period_first is None:
        period_first = period_last
    return period_first, period_last


class _Weeks:
    """The ISO weeks of a period, every one present: a day's week index, worked out once a day."""

    def __init__(self, first: dt.date | None, last: dt.date | None) -> None:
        self.monday = week_start(first) if first is not None and last is not None else None
        self.count = (last - self.monday).days // 7 + 1 if self.monday is not None and last is not None else 0
        self._of: dict[str, int] = {}

    def index(self, day: str) -> int:
        """The index of DAY's week (0: the period's first week)."""
        found = self._of.get(day)
        if found is None:
            found = self._of[day] = (
                dt.date.fromisoformat(day) - cast(dt.date, self.monday)
            ).days // 7  # a period with days has its Monday
        return found


@dataclass(slots=True)
class _Decisions:
    """How the period's decisions ended, overall and by week, certainty and area, and which were reps."""

    outcome_of: dict[str, Outcome | None] = field(default_factory=dict)  # decision id -> outcome
    by_week: Counter[tuple[int, Outcome | None]] = field(default_factory=Counter)
    by_certainty: Counter[tuple[int | None, Outcome | None]] = field(default_factory=Counter)
    by_area: Counter[tuple[str, Outcome | None]] = field(default_factory=Counter)
    reps_by_week: Counter[int] = field(default_factory=Counter)
    reps_by_area: Counter[str] = field(default_factory=Counter)


def _decisions(chosen: Sequence[Decision], pulled: set[str], weeks: _Weeks) -> _Decisions:
    """The period's decisions counted by every breakdown (Counter counts a column at C speed)."""
    outcomes = [decision.outcome for decision in chosen]
    week_of = [weeks.index(decision.day) for decision in chosen]
    certainties = [decision.certainty if decision.certainty in _CERTAINTIES else None for decision in chosen]
    area_of = [decision.area for decision in chosen]
    reps = [
        outcome == Outcome.RETURNED or (outcome == Outcome.KEPT and decision.id in pulled)
        for decision, outcome in zip(chosen, outcomes, strict=True)
    ]
    return _Decisions(
        outcome_of=dict(zip((decision.id for decision in chosen), outcomes, strict=True)),
        by_week=Counter(zip(week_of, outcomes, strict=True)),
        by_certainty=Counter(zip(certainties, outcomes, strict=True)),
        by_area=Counter(zip(area_of, outcomes, strict=True)),
        reps_by_week=Counter(itertools.compress(week_of, reps)),
        reps_by_area=Counter(itertools.compress(area_of, reps)),
    )


def _week_figures(
    weeks: _Weeks, counted: _Decisions, practice: set[str], contacts: list[tuple[str, int]]
) -> tuple[WeekFigure, ...]:
    """Every week of the period, oldest first (empty ones as zeros)."""
    week_days = Counter(weeks.index(day) for day in practice)
    week_contact: dict[int, list[int]] = {}
    for day, contact in contacts:
        week_contact.setdefault(weeks.index(day), []).append(contact)
    found = []
    for i in range(weeks.count):
        outcomes = _ended_of(counted.by_week, i)
        found.append(
            WeekFigure(
                start=cast(dt.date, weeks.monday) + dt.timedelta(weeks=i),  # a period with weeks has its Monday
                days_practiced=week_days[i],
                decisions=outcomes.total,
                returns=outcomes.returned,
                reps=counted.reps_by_week[i],
                outcomes=outcomes,
                contact=_mean(week_contact.get(i, [])),
            )
        )
    return tuple(found)


def _longest_gap(practice_dates: Sequence[dt.date]) -> Gap | None:
    """The longest run of days without practice between two of the (sorted) practice days."""
    longest: Gap | None = None
    for before, after in itertools.pairwise(practice_dates):
        missed = (after - before).days - 1
        if missed > 0 and (longest is None or missed > longest.days):
            longest = Gap(before + dt.timedelta(days=1), after - dt.timedelta(days=1), missed)
    return longest


def _certainty_groups(by_certainty: dict[int | None, Outcomes]) -> tuple[CertaintyGroup, ...]:
    """The decisions of each certainty group (1-2, 3, 4-5, none) and how they ended."""
    return tuple(
        CertaintyGroup(
            label, group, Outcomes(*(sum(getattr(by_certainty[c], name) for c in group) for name in _OUTCOME_NAMES))
        )
        for label, group in CERTAINTY_GROUPS
    )


def _area_figures(counted: _Decisions, areas: Sequence[str]) -> tuple[AreaFigure, ...]:
    """The areas asked for (even with no decisions), in that order, then any others by name."""
    seen = {area for area, _ in counted.by_area}
    ordered = list(areas) + sorted(name for name in seen if name not in areas)
    found = []
    for name in ordered:
        outcomes = _ended_of(counted.by_area, name)
        found.append(AreaFigure(name, outcomes.total, outcomes.returned, counted.reps_by_area[name], outcomes))
    return tuple(found)


def _distinct(names: Sequence[str]) -> int:
    """How many NAMES, case aside ("fear" and "Fear" are one)."""
    return 1 if len(names) == 1 else len({name.casefold() for name in names})


def _plans_and_forecast(
    chosen: Sequence[Decision], live: dict[str, Decision], practice: _Practice, pulls: _Namings
) -> tuple[PlanFigures, Forecast]:
    """Plans made and met, and pulls expected and come, over the period's decisions.

    Every decision's plans and expected pulls are counted; only those on which a pull was
    named (PULLS, as the checks named them) are looked at closer.
    """
    named_on: dict[str, dict[str, int]] = {}
    for key, on in pulls.on.items():
        for decision_id, checks in on.items():
            named = named_on.get(decision_id)
            if named is None:
                named = named_on[decision_id] = {}
            named[key] = checks
    made = sum(len(decision.plans) for decision in chosen if decision.plans)
    expected = sum(_distinct(decision.pulls_expected) for decision in chosen if decision.pulls_expected)
    met = came = 0
    with_plan: Counter[Outcome | None] = Counter()
    without_plan: Counter[Outcome | None] = Counter()
    unexpected: Counter[str] = Counter()
    casefold = str.casefold
    for decision_id, named in named_on.items():
        decision = live[decision_id]
        if decision.plans:
            planned = [casefold(str(plan.get("pull", ""))) for plan in decision.plans]
            met_here = sum(1 for key in planned if key in named)
            met += met_here
            if met_here:
                with_plan[decision.outcome] += 1
            if not named.keys() <= set(planned):
                without_plan[decision.outcome] += 1
        else:
            without_plan[decision.outcome] += 1  # every pull it met came without a plan
        hoped = set(map(casefold, decision.pulls_expected))
        came += len(hoped.intersection(named))
        for key, checks in named.items():
            if key not in hoped:
                unexpected[key] += checks
    helped = practice.helped
    plans = PlanFigures(made, met, helped[True], helped[False], _ended(with_plan), _ended(without_plan))
    forecast = Forecast(expected, came, tuple((pulls.spelling[key], unexpected[key]) for key in _ranked(unexpected)))
    return plans, forecast


def _median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None


def _return_latency(practice: _Practice, weeks: _Weeks, today: dt.date | None) -> ReturnLatency:
    """Minutes from pull to return, overall and week by week, and where the weekly medians head."""
    every = [minutes for found in practice.latency.values() for minutes in found]
    if not every:
        return ReturnLatency()
    found = []
    for i in range(weeks.count):
        minutes = practice.latency.get(i, [])
        start = cast(dt.date, weeks.monday) + dt.timedelta(weeks=i)
        found.append(LatencyWeek(start, len(minutes), _median(minutes)))
    lived = [week.median_minutes for week in found if today is None or week.start <= today]
    while lived and lived[0] is None:
        del lived[0]  # the trend starts at the first week that measured it
    return ReturnLatency(len(every), _median(every), tuple(found), trend(lived))


def _eases(strengths: Sequence[Strength]) -> list[float]:
    """The easings of one decision's checks: minutes from a pull of 2 or more to a later check at half or less."""
    timed = [(minute, came[:10], i, a) for came, i, a in strengths if (minute := _minute(came)) is not None]
    timed.sort(key=lambda item: item[0])
    found = []
    for index, (minute, day, intensity, _after) in enumerate(timed):
        if intensity is None or intensity < 2:
            continue
        for later, later_day, later_intensity, later_after in timed[index + 1 :]:
            lows = [value for value in (later_intensity, later_after) if value is not None]
            if later_day == day and later > minute and 2 * min(lows) <= intensity:
                found.append(later - minute)
                break
    return found


def _pause(practice: _Practice) -> Pause:
    """Strength before and after a pause, and how soon a pull falls to half (a decision with one check has none)."""
    eases = [minutes for found in practice.strengths.values() if len(found) > 1 for minutes in _eases(found)]
    paused = practice.paused
    return Pause(
        paused=len(paused),
        before=_mean([before for before, _ in paused]),
        after=_mean([after for _, after in paused]),
        eases_in_minutes=_median(eases) if len(eases) >= EASE_EPISODES else None,
        episodes=len(eases),
    )


def _telling(
    abandoned: Counter[Any], abandoned_gave: int, returned: Counter[Any], returned_gave: int
) -> tuple[Sign, ...]:
    """The signs seen twice or more before abandonments, and more there (as a share) than before returns."""
    found = []
    for name, count in abandoned.items():
        share = count / abandoned_gave
        other = returned.get(name, 0) / returned_gave if returned_gave else 0.0
        if count >= 2 and share > other:
            found.append((share - other, count, name))
    found.sort(key=lambda item: (-item[0], -item[1], str(item[2])))
    return tuple(
        Sign(name, count, returned.get(name, 0), abandoned_gave, returned_gave)
        for _, count, name in found[:SIGNS_SHOWN]
    )


def _words(typed: dict[str, int], split: Callable[[str], Iterable[str]]) -> tuple[Counter[str], int]:
    """Words as typed -> their pieces, each counted once a check; and how many checks gave one."""
    found: Counter[str] = Counter()
    gave = 0
    for text, checks in typed.items():
        pieces = set(split(text))
        if pieces:
            gave += checks
            for piece in pieces:
                found[piece] += checks
    return found, gave


def _with_total(counts: Counter[int]) -> tuple[Counter[int], int]:
    return counts, counts.total()


def _feeling(text: str) -> list[str]:
    word = text.strip().lower()
    return [word] if word else []


def _early_signs(practice: _Practice) -> EarlySigns:
    """The feelings, body notes and hours that came before abandonments more than before returns."""
    a, r = practice.sides()
    a_feelings, r_feelings = _words(a.feelings, _feeling), _words(r.feelings, _feeling)
    a_body, r_body = _words(a.body, _body_pieces), _words(r.body, _body_pieces)
    return EarlySigns(
        feelings=_telling(*a_feelings, *r_feelings),
        body=_telling(*a_body, *r_body),
        hours=_telling(*_with_total(a.hour_counts()), *_with_total(r.hour_counts())),
    )


def _revisions(chosen: Sequence[Decision], outcomes: Outcomes) -> Revisions:
    """The period's revisions by where they came from, and its abandonments."""
    sources = Counter(decision.revised_from for decision in chosen if decision.outcome is Outcome.REVISED)
    return Revisions(
        revised=outcomes.revised,
        from_knowing=sources["knowing"],
        from_pull=sources["pull"],
        unsaid=outcomes.revised - sources["knowing"] - sources["pull"],
        abandoned=outcomes.abandoned,
    )


def figures(
    decisions: Iterable[Decision],
    checks: Iterable[Check],
    reviews: Iterable[Review],
    *,
    first: dt.date | None = None,
    last: dt.date | None = None,
    today: dt.date | None = None,
    areas: Sequence[str] = (),
    day_start: dt.time = DAY_START,
) -> Figures:
    """The figures of the days FIRST..LAST (either open-ended) from the journal's records.

    Deleted records are skipped here too, whatever the caller passed. TODAY (the logical
    day) ends an open-ended period and measures the days since the last practice. AREAS
    (the settings' list) come first in `areas`, in that order, even without decisions.
    """
    low = first.isoformat() if first else ""
    high = last.isoformat() if last else "\uffff"
    records, live, chosen = _live_decisions(decisions, low, high)
    live_reviews = [review for review in reviews if review.deleted_at is None]
    days = _days(records, live_reviews, low, high, today.isoformat() if today else "\uffff")
    contacts = _contacts(live_reviews, low, high)
    period_first, period_last = _period(first, last, today, days)
    weeks = _Weeks(period_first, period_last)
    said = _checks(checks, live, low, high, weeks, f"{day_start:%H:%M}")
    counted = _decisions(chosen, said.pulled, weeks)
    week_figures = _week_figures(weeks, counted, days.practice, contacts)
    pull_details = said.pulls.details(counted.outcome_of)
    pattern_details = said.patterns.details(counted.outcome_of)
    by_certainty = {c: _ended_of(counted.by_certainty, c) for c in (1, 2, 3, 4, 5, None)}
    practice_dates = sorted(dt.date.fromisoformat(day) for day in days.practice)
    # A day after today (planned the evening before, or dated ahead by an older version) has not
    # been lived yet: the weeks up to today's make the trends, and the days up to today the pauses.
    lived = [day for day in practice_dates if today is None or day <= today]
    lived_weeks = [week for week in week_figures if today is None or week.start <= today]
    last_practiced = dt.date.fromisoformat(days.latest_practice) if days.latest_practice else None
    outcomes = _ended(Counter(counted.outcome_of.values()))
    all_contacts = [contact for _, contact in contacts]
    plans, forecast = _plans_and_forecast(chosen, live, said.practice, said.pulls)
    return Figures(
        first=period_first,
        last=period_last,
        days_practiced=len(practice_dates),
        decisions=len(chosen),
        checks=said.count,
        outcomes=outcomes,
        returns=outcomes.returned,
        reps=counted.reps_by_week.total(),
        keep_rate=outcomes.keep_rate,
        pulls={item.name: item.count for item in pull_details},
        patterns={item.name: item.count for item in pattern_details},
        pull_details=pull_details,
        pattern_details=pattern_details,
        pull_patterns=said.pull_patterns(),
        weeks=week_figures,
        reps_trend=trend([w.reps for w in lived_weeks]),
        returns_trend=trend([w.returns for w in lived_weeks]),
        contact_trend=trend([w.contact for w in lived_weeks]),
        by_certainty=by_certainty,
        certainty_groups=_certainty_groups(by_certainty),
        pull_hours=tuple(said.hours),
        contact=_mean(all_contacts),
        contact_reviews=len(all_contacts),
        areas=_area_figures(counted, areas),
        practice_days=frozenset(practice_dates),
        longest_gap=_longest_gap(lived),
        last_practiced=last_practiced,
        days_since_last=(today - last_practiced).days if today and last_practiced else None,
        plans=plans,
        forecast=forecast,
        return_latency=_return_latency(said.practice, weeks, today),
        pause=_pause(said.practice),
        early_signs=_early_signs(said.practice),
        revisions=_revisions(chosen, outcomes),
    )


def figures_from_store(
    store: Store,
    *,
    first: dt.date | None = None,
    last: dt.date | None = None,
    today: dt.date | None = None,
    areas: Sequence[str] = (),
    day_start: dt.time = DAY_START,
) -> Figures:
    """The figures of a `data.store.Store`'s journal (read once): what `selftrust stats` calls."""
    decisions, checks, reviews = store.all_decisions(), store.all_checks(), store.all_reviews()
    with collector_resting():
        return figures(
            decisions, checks, reviews, first=first, last=last, today=today, areas=areas, day_start=day_start
        )


# -- a period of Insights --------------------------------------------------------------

GRID_WEEKS = 53  # the year grid: this week and the 52 before it


@dataclass(frozen=True, slots=True)
class Counts:
    """What Insights shows for one period: the figures, and a year of practice days for the grid."""

    period: str
    today: dt.date
    figures: Figures
    began: dt.date | None  # the journal's first day; None: nothing in it yet
    year_start: dt.date  # the Monday the year grid starts on
    year_days: frozenset[dt.date]  # practice days from year_start to today

    @property
    def empty_journal(self) -> bool:
        """Nothing recorded at all, in any period."""
        return self.began is None


def count(store: Store, period: str, today: dt.date, areas: Sequence[str], *, day_start: dt.time = DAY_START) -> Counts:
    """Read the journal once and work out the figures of PERIOD (ending TODAY) and the year grid.

    What the Insights screen's worker calls. A period that reaches back before the journal
    began starts on its first day, so a young journal's charts do not fill with weeks
    before it existed.
    """
    first = period_start(period, today)
    year_start = week_start(today) - dt.timedelta(weeks=GRID_WEEKS - 1)
    # The period's days and the year grid's, from one read of one version of the journal
    # even while the app saves; only their years are read (all of them for "all").
    journal = store.snapshot(since=None if first is None else min(first, year_start))
    decisions, checks, reviews = journal.decisions, journal.checks, journal.reviews
    first_day = (
        store.first_day()
        if first is not None
        else min([*(d.day for d in decisions), *(r.day for r in reviews)], default=None)
    )
    began = dt.date.fromisoformat(first_day) if first_day else None
    if first is not None and began is not None and first < began:
        first = began
    # Each period ends today: a day ahead (planned, or dated ahead by an older version) is not yet practice.
    with collector_resting():
        found = figures(
            decisions, checks, reviews, first=first, last=today, today=today, areas=areas, day_start=day_start
        )
    if first is None or first <= year_start or first == began:
        year_days = found.practice_days  # the period already holds the grid's year
    else:
        with collector_resting():
            year_days = figures(decisions, checks, reviews, first=year_start, today=today).practice_days
    shown = frozenset(day for day in year_days if year_start <= day <= today)
    return Counts(period, today, found, began, year_start, shown)


# -- as JSON -------------------------------------------------------------------------


def _day(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _name_json(item: NameFigure) -> dict[str, Any]:
    return {"name": item.name, "count": item.count, "decisions": item.decisions, "outcomes": item.outcomes.to_json()}


def _outcomes_json(outcomes: Outcomes) -> dict[str, Any]:
    return {"decisions": outcomes.total, "outcomes": outcomes.to_json(), "keep_rate": outcomes.keep_rate}


def _ended_json(outcomes: Outcomes) -> dict[str, Any]:
    """The six counts, as the top-level `outcomes`, and their keep rate."""
    return {**outcomes.to_json(), "keep_rate": outcomes.keep_rate}


def iso_week(monday: dt.date) -> str:
    """An ISO week's name: "2026-W48"."""
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def _signs_json(signs: Sequence[Sign], key: str) -> list[dict[str, Any]]:
    return [
        {
            key: sign.name,
            "before_abandoned": sign.before_abandoned,
            "before_returned": sign.before_returned,
            "checks_before_abandoned": sign.checks_before_abandoned,
            "checks_before_returned": sign.checks_before_returned,
        }
        for sign in signs
    ]


def practice_json(figures: Figures) -> dict[str, Any]:
    """Schema 4's figures: plans, forecast, return latency, the pause, early signs and revisions."""
    plans, forecast, latency, pause = figures.plans, figures.forecast, figures.return_latency, figures.pause
    signs, revisions = figures.early_signs, figures.revisions
    return {
        "plans": {
            "made": plans.made,
            "met": plans.met,
            "helped": plans.helped,
            "not_helped": plans.not_helped,
            "with_plan": _ended_json(plans.with_plan),
            "without_plan": _ended_json(plans.without_plan),
        },
        "forecast": {
            "expected": forecast.expected,
            "came": forecast.came,
            "rate": forecast.rate,
            "unexpected": dict(forecast.unexpected),
        },
        "return_latency": {
            "checks": latency.checks,
            "median_minutes": latency.median_minutes,
            "weeks": [
                {"week": iso_week(week.start), "checks": week.checks, "median_minutes": week.median_minutes}
                for week in latency.weeks
            ],
            "trend": latency.trend.to_json(),
        },
        "pause": {
            "paused": pause.paused,
            "before": pause.before,
            "after": pause.after,
            "eases_in_minutes": pause.eases_in_minutes,
            "episodes": pause.episodes,
        },
        "early_signs": {
            "feelings": _signs_json(signs.feelings, "name"),
            "body": _signs_json(signs.body, "name"),
            "hours": _signs_json(signs.hours, "hour"),
        },
        "revisions": {
            "revised": revisions.revised,
            "from_knowing": revisions.from_knowing,
            "from_pull": revisions.from_pull,
            "unsaid": revisions.unsaid,
            "abandoned": revisions.abandoned,
        },
    }


def figures_json(figures: Figures) -> dict[str, Any]:
    """The figures as one JSON-ready object: the §5 keys at the top, the richer sections after."""
    gap = figures.longest_gap
    return {
        "from": _day(figures.first),
        "to": _day(figures.last),
        "days_practiced": figures.days_practiced,
        "decisions": figures.decisions,
        "checks": figures.checks,
        "outcomes": figures.outcomes.to_json(),
        "returns": figures.returns,
        "reps": figures.reps,
        "keep_rate": figures.keep_rate,
        "pulls": dict(figures.pulls),
        "patterns": dict(figures.patterns),
        "contact": figures.contact,
        "contact_reviews": figures.contact_reviews,
        "weeks": [
            {
                "week": week.start.isoformat(),
                "days_practiced": week.days_practiced,
                "decisions": week.decisions,
                "returns": week.returns,
                "reps": week.reps,
                "keep_rate": week.keep_rate,
                "contact": week.contact,
                "outcomes": week.outcomes.to_json(),
            }
            for week in figures.weeks
        ],
        "trend": {
            "reps": figures.reps_trend.to_json(),
            "returns": figures.returns_trend.to_json(),
            "contact": figures.contact_trend.to_json(),
        },
        "pull_details": [_name_json(item) for item in figures.pull_details],
        "pattern_details": [_name_json(item) for item in figures.pattern_details],
        "pull_patterns": [{"pull": p.pull, "pattern": p.pattern, "count": p.count} for p in figures.pull_patterns],
        "certainty": {
            ("none" if c is None else str(c)): _outcomes_json(outcomes) for c, outcomes in figures.by_certainty.items()
        },
        "certainty_groups": {group.label: _outcomes_json(group.outcomes) for group in figures.certainty_groups},
        "pull_hours": list(figures.pull_hours),
        "areas": [
            {
                "area": area.area,
                "decisions": area.decisions,
                "returns": area.returns,
                "reps": area.reps,
                "keep_rate": area.keep_rate,
                "outcomes": area.outcomes.to_json(),
            }
            for area in figures.areas
        ],
        "practice_days": sorted(day.isoformat() for day in figures.practice_days),
        "gaps": {
            "longest": gap.days if gap else 0,
            "longest_from": _day(gap.start) if gap else None,
            "longest_to": _day(gap.end) if gap else None,
            "last_practiced": _day(figures.last_practiced),
            "days_since_last": figures.days_since_last,
        },
        **practice_json(figures),
    }


# -- as words ------------------------------------------------------------------------

_BARS = " ▁▂▃▄▅▆▇█"  # [0] unused: an hour with none shows "·"


def _bars(values: Sequence[int]) -> str:
    top = max(values, default=0)
    if not top:
        return "·" * len(values)
    return "".join("·" if not v else _BARS[max(1, round(v / top * (len(_BARS) - 1)))] for v in values)


def _held_words(outcomes: Outcomes) -> str:
    return f"you {kept_or_came_back(outcomes)}" if outcomes.resolved else NONE_RESOLVED


def _heading(figures: Figures) -> str:
    if figures.first is None or figures.last is None:
        return "Your practice"
    if figures.first == figures.last:
        return f"Your practice on {day_heading(figures.first)}"
    return f"Your practice from {figures.first.isoformat()} to {figures.last.isoformat()}"


def _empty_text(figures: Figures) -> str:
    """A period with nothing in it: the empty journal's words, or when the last practice was."""
    if figures.last_practiced is None:
        return EMPTY_JOURNAL
    return "\n".join(
        [
            _heading(figures),
            "",
            nothing_recorded("these days"),
            last_practice_on(figures.last_practiced),
        ]
    )


def _total_lines(figures: Figures) -> list[str]:
    """The period's totals: days, decisions and checks, outcomes, returns, reps and the keep rate."""
    o = figures.outcomes
    lines = [
        f"Days practised: {figures.days_practiced:,}",
        f"Decisions: {figures.decisions:,} · checks: {figures.checks:,}",
        f"Outcomes: {o.kept:,} kept · {o.returned:,} returned · {o.revised:,} revised · "
        f"{o.abandoned:,} abandoned · {o.open:,} open" + (f" · {o.carried:,} carried forward" if o.carried else ""),
    ]
    if figures.returns:
        lines.append(f"Returns: {figures.returns:,} — every one is a rep.")
    else:
        lines.append(f"Returns: 0 — {FIRST_RETURN}")
    lines.append(f"Reps: {figures.reps:,} — returns, and decisions kept although something pulled.")
    if figures.keep_rate is None:
        lines.append("Keep rate: not yet — it counts decisions kept, returned or abandoned.")
    else:
        lines.append(
            f"Keep rate: {percent(figures.keep_rate)} — {o.held:,} kept or returned of {o.resolved:,} "
            + (
                "(an honest change of mind, a decision carried forward and open ones are left out)."
                if o.carried
                else "(an honest change of mind and open decisions are left out)."
            )
        )
    recent, before = figures.reps_trend.recent, figures.reps_trend.before
    if len(figures.weeks) >= 2 and recent is not None:
        words = f"Reps a week, the last {min(len(figures.weeks), 4)} weeks: {recent:.1f}"
        if before is not None:
            words += f" (the weeks before: {before:.1f})"
        lines.append(words + ".")
    return lines


def _name_lines(figures: Figures) -> list[str]:
    """The pulls that came most, the old patterns that showed most, and which led to which."""
    lines: list[str] = []
    if figures.pull_details:
        lines += ["", "The pulls that came most (and how those decisions ended):"]
        width = max(len(pull_words(item.name)) for item in figures.pull_details[:10])
        for item in figures.pull_details[:10]:
            e = item.outcomes
            lines.append(
                f"  {pull_words(item.name).ljust(width)}  {item.count:>5,}  on {plural(item.decisions, 'decision')}: "
                f"{e.kept:,} kept, {e.returned:,} returned, {e.abandoned:,} abandoned"
            )
    if figures.pattern_details:
        lines += ["", "The old patterns that showed most:"]
        width = max(len(item.name) for item in figures.pattern_details[:8])
        for item in figures.pattern_details[:8]:
            lines.append(f"  {item.name.ljust(width)}  {item.count:>5,}")
    if figures.pull_patterns:
        lines += ["", "Which pull leads to which pattern:"]
        for pair in figures.pull_patterns[:5]:
            lines.append(f"  {leads_to(pull_words(pair.pull), pair.pattern)}  ({plural(pair.count, 'time')})")
    return lines


def _certainty_lines(figures: Figures) -> list[str]:
    """How the decisions of each certainty group ended (groups without decisions left out)."""
    lines = ["", "By certainty (you don't need to be sure to decide):"]
    for group in figures.certainty_groups:
        if group.outcomes.total:
            label = "no certainty given" if group.label == "none" else f"certainty {group.label}"
            lines.append(f"  {label}: {_held_words(group.outcomes)}")
    return lines


def _hour_lines(figures: Figures) -> list[str]:
    """When the pulls come, as a bar per hour and the busiest hour; nothing without pulls."""
    if not any(figures.pull_hours):
        return []
    peak = peak_hour(figures.pull_hours)
    return [
        "",
        "When the pulls come, by hour of the day:",
        f"  {_bars(figures.pull_hours)}",
        "  0     6     12    18   23",
        f"  {most_often(peak)} ({plural(figures.pull_hours[peak], 'check')})",
    ]


def _contact_lines(figures: Figures) -> list[str]:
    """The mean contact of the period's reviews; nothing when none gave one."""
    if figures.contact is None:
        return []
    return [
        "",
        f"Contact with yourself: {contact_mean(figures.contact)} ({plural(figures.contact_reviews, 'review')}).",
    ]


def _area_lines(figures: Figures) -> list[str]:
    """Each area with decisions: decisions, returns, reps and keep rate."""
    shown = [area for area in figures.areas if area.decisions]
    if not shown:
        return []
    width = max(len(area.area) for area in shown)
    return ["", "By area:"] + [
        f"  {area.area.ljust(width)}  {plural(area.decisions, 'decision')}, {plural(area.returns, 'return')}, "
        f"{plural(area.reps, 'rep')}, keep rate {percent(area.keep_rate)}"
        for area in shown
    ]


def _ending_lines(figures: Figures) -> list[str]:
    """The longest pause and the days since the last practice, said as coming back."""
    ending: list[str] = []
    if figures.longest_gap is not None:
        ending.append(f"Longest pause: {came_back_after(figures.longest_gap.days)}")
    if figures.days_since_last is not None and figures.days_since_last >= 2:
        ending.append(f"Last practice: {plural(figures.days_since_last, 'day')} ago. {WELCOME_BACK}")
    return ["", *ending] if ending else []


PRACTICE_HEADINGS: tuple[tuple[str, Callable[[Figures], list[str]]], ...] = (
    ("If-then plans", plans_words),
    ("The pulls you expected", forecast_words),
    ("Noticing sooner", latency_words),
    ("Pausing at a check", pause_words),
    ("Early signs", early_signs_words),
    ("Revisions, and where they came from", revisions_words),
)
"""The figures of the pull as it happens, each under its heading, in the order text and Insights give them."""


def _practice_lines(figures: Figures) -> list[str]:
    """Plans, forecast, noticing sooner, the pause, early signs and revisions, in words (or what shows later)."""
    lines: list[str] = []
    for heading, words in PRACTICE_HEADINGS:
        lines += ["", f"{heading}:", *(f"  {line}" for line in words(figures))]
    return lines


def figures_text(figures: Figures) -> str:
    """The same figures as readable text, in the app's voice."""
    if figures.empty:
        return _empty_text(figures)
    return "\n".join(
        [
            _heading(figures),
            "",
            *_total_lines(figures),
            *_name_lines(figures),
            *_certainty_lines(figures),
            *_hour_lines(figures),
            *_contact_lines(figures),
            *_area_lines(figures),
            *_ending_lines(figures),
            *_practice_lines(figures),
        ]
    )
