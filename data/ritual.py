"""The daily ritual's rules: what is due now, how a decision stands, how a day reads, and what is said after a save."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from data.daytime import day_heading, logical_day, minutes_into_day
from data.models import Check, Decision, Outcome, State
from data.settings import Settings
from data.store import Store


class Step(str, Enum):
    """The three moments of the day."""

    MORNING = "morning"
    MIDDAY = "midday"
    EVENING = "evening"


STEP_LABELS = {
    Step.MORNING: "the morning decision",
    Step.MIDDAY: "the midday check",
    Step.EVENING: "the evening review",
}


def _reached(moment: dt.datetime, at: dt.time, settings: Settings) -> bool:
    start = settings.day_start
    return minutes_into_day(moment.hour, moment.minute, start) >= minutes_into_day(at.hour, at.minute, start)


def what_is_due(
    store: Store,
    settings: Settings,
    now: dt.datetime,
    *,
    decisions: list[Decision] | None = None,
    checks: list[Check] | None = None,
) -> list[Step]:
    """The steps due now, by the one rule Today, reminders and `remind` share.

    DECISIONS and CHECKS, when given, are today's as the caller already read them (Today
    does), so the journal is not read for them again.
    """
    today = logical_day(now, settings.day_start)
    if decisions is None:
        decisions = store.decisions_on(today)
    if not decisions:
        return [Step.MORNING]
    due: list[Step] = []
    if _reached(now, settings.midday_at, settings):
        checked = {check.decision_id for check in (store.checks_on(today) if checks is None else checks)}
        # Only open decisions: one that already has its outcome cannot be checked any more.
        if any(d.is_open and d.id not in checked for d in decisions):
            due.append(Step.MIDDAY)
    if _reached(now, settings.evening_at, settings) and any(d.is_open for d in decisions):
        due.append(Step.EVENING)
    return due


def waiting_yesterday(store: Store, today: dt.date) -> list[Decision]:
    """Yesterday's decisions still waiting for an outcome (none: nothing to look back on)."""
    return [d for d in store.decisions_on(today - dt.timedelta(days=1)) if d.is_open]


OUTCOME_MARKS: dict[Outcome | None, str] = {
    Outcome.RETURNED: "↺",
    Outcome.KEPT: "✓",
    Outcome.REVISED: "~",
    None: "•",  # still open
    Outcome.ABANDONED: "○",  # not "·", which reads as an empty day in a grid
    Outcome.CARRIED: "→",  # carried forward to a later day
}
"""One mark per outcome, shared by Today, the calendar and anything else that marks a day."""


@dataclass(frozen=True, slots=True)
class Standing:
    """How a decision stands now: its outcome, else its latest check, else just set."""

    word: str
    symbol: str


def standing(decision: Decision, checks: list[Check]) -> Standing:
    """The decision's latest state, in words and a symbol readable without colour."""
    if decision.outcome is not None:
        return Standing(decision.outcome.value, OUTCOME_MARKS[decision.outcome])
    if checks:
        state = checks[-1].state
        symbols = {State.HOLDING: "●", State.WOBBLING: "◐", State.ABANDONED: "○", State.CHANGED: "~"}
        return Standing(state.value, symbols[state])
    return Standing("set", "•")


def day_summary(decisions: list[Decision]) -> str:
    """A short, warm line about a reviewed day: "2 returns today. You came back twice."."""
    counts = {outcome: sum(1 for d in decisions if d.outcome == outcome) for outcome in Outcome}
    returned, kept = counts[Outcome.RETURNED], counts[Outcome.KEPT]
    abandoned, revised = counts[Outcome.ABANDONED], counts[Outcome.REVISED]
    parts: list[str] = []
    if returned:
        parts.append(f"{returned} return{'s' if returned != 1 else ''} today. Every return is a rep.")
    if kept:
        parts.append(f"{kept} kept.")
    if revised:
        parts.append(f"{revised} changed honestly.")
    if abandoned and not (returned or kept):
        parts.append("An abandoned decision is information, not a verdict. Tomorrow is another rep.")
    elif abandoned:
        parts.append(f"{abandoned} left for now: information, not a verdict.")
    if not parts:
        return "Reviewed. Thank you for looking honestly."
    return " ".join(parts)


CHECK_SAVED_WORDS: dict[State, str] = {
    State.HOLDING: "Still with it. Good.",
    State.WOBBLING: "You noticed. That's the training.",
    State.ABANDONED: "You noticed. That's the training. Coming back is still open to you.",
    State.CHANGED: "An honest change of mind is not abandoning yourself.",
}
"""What is said once a check is saved, by its state: the command line and Midday say the same."""


GENTLE_LIMIT = 3
"""Decisions in a day past which a gentle note says that fewer, kept, train more trust (a note, never a refusal)."""


@dataclass(frozen=True, slots=True)
class GentleWords:
    """How one place words the gentle note: past the limit ({count}: the day's decisions), and at it (or nothing)."""

    past: str
    at: str | None = None


DECIDE_GENTLE = GentleWords(past="That makes {count} for the day. Fewer decisions, kept, train more trust.")
"""The command line's note, after `selftrust decide` saved a decision past the limit."""

MORNING_GENTLE = GentleWords(
    past="That's {count}. Fewer decisions, kept, train more trust; the choice is yours.",
    at="That's three. Fewer decisions, kept, train more trust — but another is yours to set.",  # three: GENTLE_LIMIT
)
"""Morning's note under the decisions the day already has."""


def morning_question(day: dt.date, today: dt.date) -> str:
    """Morning's opening line, in the tense of DAY: set today, remembered for a past day, planned for one ahead."""
    if day == today:
        return "What will you stay with today? You don't need to be sure. You need a next step."
    if day == today + dt.timedelta(days=1):
        return "Planning tomorrow: what will you stay with? You don't need to be sure. You need a next step."
    if day > today:
        return f"Planning ahead for {day_heading(day)}: what will you stay with? A next step is enough."
    when = "yesterday" if day == today - dt.timedelta(days=1) else f"on {day_heading(day)}"
    return f"What did you stay with {when}? You didn't need to be sure. A next step was enough."


def gentle_note(count: int, words: GentleWords) -> str | None:
    """The gentle note for a day of COUNT decisions as WORDS put it, or None when there is nothing to say."""
    if count > GENTLE_LIMIT:
        return words.past.format(count=count)
    if count == GENTLE_LIMIT:
        return words.at
    return None


HARD_QUESTION = "What made it hard? The moment, not you."
"""Asked under an abandoned outcome: the situation that made it hard (Decision.hard), never a judgement of the self."""

NEXT_STEP_QUESTION = "The next aligned step"
"""Asked under an abandoned outcome: one small step, offered as tomorrow's decision once saved."""

REVISED_WHY_QUESTION = "What changed?"
"""Asked under a revised outcome (Decision.revised_why)."""

REVISED_FROM_QUESTION = "Did the change come from what you know, or from a pull?"
"""Asked under a revised outcome (Decision.revised_from); both answers are honest ones to give."""

REVISED_FROM_CHOICES = (("knowing", "from what I know"), ("pull", "from a pull"))
"""The answers to REVISED_FROM_QUESTION, as stored and as said."""

NEXT_STEP_LINE = "Next step: {step}"
"""How a next aligned step is kept in the day's repair note when it is not made tomorrow's decision."""


def step_offer(step: str, when: str = "tomorrow") -> str:
    """The question that offers an abandoned decision's next aligned step as the next day's decision.

    WHEN is "tomorrow", or "today" for a review of yesterday.
    """
    return f"Make it {when}'s decision? {step}"


def step_set(step: str, when: str = "tomorrow") -> str:
    """What is said once the step is the next day's decision."""
    return f"Set for {when}: {step}. " + ("Tomorrow is another rep." if when == "tomorrow" else "Today counts.")


def step_kept(step: str) -> str:
    """What is said once the step is kept in the repair note instead."""
    return f"Kept in your repair note: {NEXT_STEP_LINE.format(step=step)}"


def with_next_step(repair: str, step: str) -> str | None:
    """REPAIR with the step's line added at its end, or None when the line is already there."""
    line = NEXT_STEP_LINE.format(step=step)
    if any(" ".join(held.split()).casefold() == line.casefold() for held in repair.splitlines()):
        return None
    return f"{repair.rstrip()}\n{line}" if repair.strip() else line


_COUNT_WORDS = {
    1: "a",
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    8: "eight",
    9: "nine",
    10: "ten",
}


@dataclass(frozen=True, slots=True)
class OnThisDay:
    """A decision of this date in an earlier year (or this day of an earlier month) that met a pull and came back."""

    decision: Decision
    months: int  # how long ago its day is, in months: a whole number of years when it is this very date
    same_date: bool  # this date of an earlier year (else this day of an earlier month)
    returned: bool  # its outcome is *returned* (else *kept*, and it met a pull)

    @property
    def lead(self) -> str:
        """The words before the decision: "On this day a year ago you came back to: "."""
        count, unit = (self.months // 12, "year") if self.same_date else (self.months, "month")
        ago = f"{_COUNT_WORDS.get(count, str(count))} {unit}{'' if count == 1 else 's'} ago"
        if self.returned:
            return f"On this day {ago} you came back to: "
        return f"On this day {ago} a pull came and you stayed with: "


def on_this_day(today: dt.date, decisions: Iterable[Decision], checks: Iterable[Check]) -> OnThisDay | None:
    """The person's own evidence for TODAY: a decision of an earlier day they came back to, or None.

    Its day is today's date in an earlier year (the most recent first) or, when no year
    has one, today's day of the month in an earlier month (the most recent first): a 31st
    looks back only to months that have one, and 29 February only to leap years. It
    ended *returned*, or *kept* after a check that met a pull; *returned* first within a
    day, then the lowest number. Deleted decisions and checks never count. One pass over
    each of DECISIONS and CHECKS (any days: only the ones that match are looked at).
    """
    met = {check.decision_id for check in checks if not check.deleted and check.met_a_pull}
    wanted = today.isoformat()
    month_day, day_of_month = wanted[4:], wanted[7:]  # "-MM-DD", "-DD"
    best: OnThisDay | None = None
    best_rank: tuple[bool, int, bool, int] | None = None
    for decision in decisions:
        day = decision.day
        if day >= wanted or not day.endswith(day_of_month) or decision.deleted:
            continue
        if decision.outcome is Outcome.RETURNED:
            returned = True
        elif decision.outcome is Outcome.KEPT and decision.id in met:
            returned = False
        else:
            continue
        months = (today.year - int(day[:4])) * 12 + today.month - int(day[5:7])
        same_date = day[4:] == month_day
        rank = (not same_date, months, not returned, decision.n)
        if best_rank is None or rank < best_rank:
            best, best_rank = OnThisDay(decision, months, same_date, returned), rank
    return best
