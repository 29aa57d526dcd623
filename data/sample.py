"""A sample journal of daily practice, realistic and varied, in the app's own words.

Used by `selftrust demo` (about sixty days) and by the benchmarks (ten years). Seeded: the
same seed always gives the same journal. Most days are practised, one to three decisions
a day, a check or two on most of them, a review on most evenings, pulls and patterns from
the vocabulary and the user's own words, and a gap of a few days now and then.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from data.models import SCHEMA_VERSION, Check, Decision, Outcome, Review, State
from data.vocabulary import DEFAULT_AREAS, DEFAULT_PATTERNS, DEFAULT_PULLS

DECISIONS = (
    "Tell Sam the Friday deadline doesn't work for me",
    "Leave work at six, even with the inbox full",
    "Say no to the extra shift on Saturday",
    "Ask Alex for help with the report",
    "Walk at lunch, phone left at my desk",
    "Call Mum back and keep it to twenty minutes",
    "Write for thirty minutes before opening email",
    "Tell Jo how the comment at dinner landed",
    "Go to bed by eleven",
    "Stop at one coffee",
    "Ask for the raise in the one-to-one",
    "Don't explain my choice to the group chat again",
    "Let the draft be good enough and send it",
    "Say what I need before the meeting ends",
    "Keep Sunday free of plans",
)
WHYS = (
    "My evenings are how I stay kind.",
    "I keep promising myself this and then not doing it.",
    "Because the truth is kinder than the soft version.",
    "My body has been telling me for weeks.",
    "",
)
NEXT_STEPS = (
    "Write the message before ten",
    "Put it in the calendar now",
    "Say the first sentence out loud once",
    "Close the laptop at 17:55",
    "",
)
SAYS = ("Friday won't work for me; Tuesday will.", "I can't take that on this week.", "I need a minute to think.")
BODY = ("tight chest", "jaw clenched", "shoulders up by my ears", "a heat in my face", "calm, actually", "")
RETURNS = ("Send it as written", "Breathe, then say the sentence", "Go back to the list", "Close the tab", "")
OWN_PULLS = ("being liked", "not wanting to be the difficult one", "tiredness")
OWN_PATTERNS = ("made a joke of it", "over-prepared")
LEARNED = (
    "The fear passes faster than I think.",
    "Saying it early is easier than saying it late.",
    "I can disappoint someone and still be okay.",
    "Rest is part of the work.",
    "",
)


def _stamp(day: dt.date, hour: int, minute: int) -> str:
    offset = "+01:00" if day.month in (1, 2, 3, 11, 12) else "+02:00"
    return f"{day.isoformat()}T{hour:02d}:{minute:02d}:00{offset}"


def _long_text(rng: random.Random) -> str:
    # A sentence reads better than a list of its words.
    words = "I noticed the old pull again and stayed with it for a while before I came back".split()  # noqa: SIM905
    return " ".join(rng.choice(words) for _ in range(1800))[:9500]


def build(days: int, seed: int, last_day: dt.date, *, long_entries: float = 0.01) -> dict[str, Any]:
    """DAYS of practice up to LAST_DAY, as the store writes a journal; the same seed, the same journal.

    LONG_ENTRIES is the share of notes that are very long (a few thousand words).
    """
    rng = random.Random(seed)
    ids = (f"{rng.getrandbits(128):032x}" for _ in iter(int, 1))
    decisions: dict[str, Any] = {}
    checks: dict[str, Any] = {}
    reviews: dict[str, Any] = {}
    day = last_day - dt.timedelta(days=days - 1)
    while day <= last_day:
        if rng.random() < 0.02:  # a gap of a few days now and then
            day += dt.timedelta(days=rng.randint(2, 6))
            continue
        morning = _stamp(day, rng.randint(6, 9), rng.randint(0, 59))
        day_decisions = []
        for n in range(1, rng.choice((1, 2, 2, 2, 3)) + 1):
            pulls = rng.sample(DEFAULT_PULLS, rng.randint(0, 2)) + (
                [rng.choice(OWN_PULLS)] if rng.random() < 0.05 else []
            )
            decision = Decision(
                id=next(ids),
                created_at=morning,
                updated_at=morning,
                day=day.isoformat(),
                n=n,
                text=rng.choice(DECISIONS),
                area=rng.choice(DEFAULT_AREAS),
                why=_long_text(rng) if rng.random() < long_entries else rng.choice(WHYS),
                pulls_expected=pulls,
                certainty=rng.choice((None, 1, 2, 3, 3, 4, 4, 5)),
                next_step=rng.choice(NEXT_STEPS),
                say=rng.choice(SAYS) if rng.random() < 0.3 else None,
            )
            day_decisions.append(decision)
            for _ in range(rng.choice((0, 1, 1, 2, 2))):
                at = _stamp(day, rng.randint(11, 17), rng.randint(0, 59))
                state = rng.choice(
                    (State.HOLDING, State.HOLDING, State.WOBBLING, State.WOBBLING, State.ABANDONED, State.CHANGED)
                )
                named = rng.sample(DEFAULT_PULLS, rng.randint(1, 2)) if state is not State.HOLDING else []
                check = Check(
                    id=next(ids),
                    created_at=at,
                    updated_at=at,
                    decision_id=decision.id,
                    day=decision.day,
                    at=at,
                    state=state,
                    pulls=named,
                    patterns=rng.sample(DEFAULT_PATTERNS, rng.randint(0, 2)) if named else [],
                    body=_long_text(rng) if rng.random() < long_entries else rng.choice(BODY),
                    return_step=rng.choice(RETURNS),
                )
                if rng.random() < 0.03 and named:
                    check.patterns.append(rng.choice(OWN_PATTERNS))
                checks[check.id] = check.to_dict()
        if rng.random() < 0.85 or day == last_day:
            evening = _stamp(day, rng.randint(19, 23), rng.randint(0, 59))
            for decision in day_decisions:
                decision.outcome = rng.choice(
                    (Outcome.KEPT, Outcome.KEPT, Outcome.RETURNED, Outcome.RETURNED, Outcome.REVISED, Outcome.ABANDONED)
                )
                decision.updated_at = evening
            review = Review(
                id=next(ids),
                created_at=evening,
                updated_at=evening,
                day=day.isoformat(),
                left=rng.choice(("When Sam pushed back I went quiet.", "At lunch, at the desk again.", "")),
                returned=rng.choice(("I sent it anyway.", "I went for the walk at three.", "")),
                repair=rng.choice(("Told them I'd been curt, and said it again.", "")),
                learned=_long_text(rng) if rng.random() < long_entries else rng.choice(LEARNED),
                contact=rng.choice((None, 2, 3, 3, 4, 4, 5)),
            )
            reviews[review.id] = review.to_dict()
        for decision in day_decisions:
            decisions[decision.id] = decision.to_dict()
        day += dt.timedelta(days=1)
    return {"schema_version": SCHEMA_VERSION, "decisions": decisions, "checks": checks, "reviews": reviews}
