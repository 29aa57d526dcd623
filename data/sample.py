"""A sample journal of daily practice, realistic and varied, in the app's own words.

Used by `selftrust demo` (about sixty days) and by the benchmarks (ten years). Seeded: the
same seed always gives the same journal. Most days are practised, one to three decisions
a day, a check or two on most of them, a review on most evenings, pulls and patterns from
the vocabulary and the user's own words, and a gap of a few days now and then.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from data.models import ACTED, SCHEMA_VERSION, Check, Decision, Outcome, Review, State
from data.vocabulary import DEFAULT_AREAS, DEFAULT_PATTERNS, DEFAULT_PULLS, RETURNS


@dataclass(frozen=True, slots=True)
class Sample:
    """One sample decision with the words that belong to it: why, the next step, the line to say, the return."""

    text: str
    area: str
    whys: tuple[str, ...]
    next_steps: tuple[str, ...]
    says: tuple[str, ...]  # empty when the decision is not something to say to someone
    returns: tuple[str, ...]
    left: str  # the evening's "where did I leave myself", when this was the day's first decision
    returned: str  # and "where did I come back"


INNER, RELATIONAL = DEFAULT_AREAS
SAMPLES = (
    Sample(
        "Tell Sam the Friday deadline doesn't work for me", RELATIONAL,
        ("My weekends are how I stay kind.", "Because the truth is kinder than the soft version.", ""),
        ("Write to Sam before ten", "Say the first sentence out loud once"),
        ("Friday won't work for me; Tuesday will.", "I can't make Friday. I can do Tuesday."),
        ("Send it as written", "Breathe, then say the sentence"),
        "When Sam pushed back I went quiet.", "I sent it anyway.",
    ),
    Sample(
        "Leave work at six, even with the inbox full", INNER,
        ("My evenings are how I stay kind.", "The inbox is never empty; my evening can be.", ""),
        ("Close the laptop at 17:55", "Put the leaving time in the calendar now"),
        (),
        ("Close the laptop", "Write tomorrow's first task down and go"),
        "At half five I opened one more email.", "I closed the laptop at six and left.",
    ),
    Sample(
        "Say no to the extra shift on Saturday", RELATIONAL,
        ("I keep promising myself this and then not doing it.", "Saturday is the only day I rest.", ""),
        ("Answer the rota message before lunch", "Say the first sentence out loud once"),
        ("I can't take that on this week.", "No, I'm not free on Saturday."),
        ("Send the no as written", "Leave the message unanswered until I can say no"),
        "I nearly wrote 'maybe' to the rota.", "I wrote no, and nothing bad happened.",
    ),
    Sample(
        "Ask Alex for help with the report", RELATIONAL,
        ("Doing it all alone is the old pattern.", "The report is better with two of us.", ""),
        ("Write to Alex before the stand-up", "List the two parts I need help with"),
        ("Could you take the figures? I'll do the rest.", "I'm stuck on this part; can you help?"),
        ("Send the message to Alex", "Name the one part I need help with"),
        "I started doing Alex's part myself.", "I asked Alex after lunch.",
    ),
    Sample(
        "Walk at lunch, phone left at my desk", INNER,
        ("My body has been telling me for weeks.", "The afternoon goes better after air.", ""),
        ("Put the phone in the drawer at 12:25", "Shoes on before the last meeting ends"),
        (),
        ("Leave the phone and go", "Ten minutes outside is still a walk"),
        "At lunch, at the desk again.", "I went for the walk at three.",
    ),
    Sample(
        "Call Mum back and keep it to twenty minutes", RELATIONAL,
        ("I want to call because I want to, not out of guilt.", "A short call I enjoy beats a long one I dread.", ""),
        ("Set a timer before I dial", "Call at seven, after dinner"),
        ("I've got twenty minutes, Mum, then I need to go.", "I'll call again on Sunday."),
        ("Say I need to go, kindly", "Look at the timer and wrap up"),
        "The call ran to an hour and I said nothing.", "I said I had to go, and she was fine.",
    ),
    Sample(
        "Write for thirty minutes before opening email", INNER,
        ("The writing is mine; the email is everyone else's.", "Mornings are when the words come.", ""),
        ("Open the draft, not the inbox", "Set the timer for thirty minutes"),
        (),
        ("Close the inbox tab", "Write one more sentence, then stop"),
        "I checked email first, just once.", "I closed the inbox and wrote twenty minutes.",
    ),
    Sample(
        "Tell Jo how the comment at dinner landed", RELATIONAL,
        ("Saying it early is easier than saying it late.", "I'd rather be honest than resentful.", ""),
        ("Ask Jo for ten minutes tonight", "Write down what I want to say first"),
        ("That comment at dinner hurt. Can we talk about it?", "I felt small when you said that."),
        ("Say the sentence, then listen", "Come back to what I felt, not what Jo meant"),
        "I said 'it's fine' when it wasn't.", "I told Jo after the washing-up.",
    ),
    Sample(
        "Go to bed by eleven", INNER,
        ("Rest is part of the work.", "Everything is harder after a short night.", ""),
        ("Phone on the charger in the kitchen at 22:30", "Start the wind-down at half ten"),
        (),
        ("Put the phone down and go up", "Stop the episode at the end of this one"),
        "One more episode, then another.", "I turned the light off at eleven.",
    ),
    Sample(
        "Stop at one coffee", INNER,
        ("My sleep pays for the second one.", "The jitters are not energy.", ""),
        ("Make the one coffee a good one", "Fill the water bottle instead"),
        (),
        ("Drink water first", "Go for a walk instead of the second cup"),
        "The second coffee was in my hand before I noticed.", "I switched to tea at two.",
    ),
    Sample(
        "Ask for the raise in the one-to-one", RELATIONAL,
        ("I've earned it, and waiting has not helped.", "Asking is not the same as being greedy.", ""),
        ("Write the number down before the meeting", "Put it first on the agenda"),
        ("I'd like to talk about my salary.", "I'm asking for a raise to this figure."),
        ("Say the number and stop talking", "Come back to the list of what I did this year"),
        "I talked about the project and ran out of time.", "I asked in the last five minutes.",
    ),
    Sample(
        "Don't explain my choice to the group chat again", RELATIONAL,
        ("I don't owe everyone a reason.", "I already said it once, clearly.", ""),
        ("Mute the chat until the evening", "Reply with one line if I reply at all"),
        ("I've decided, and I'm happy with it.",),
        ("Put the phone face down", "Delete the long reply I was drafting"),
        "I wrote three paragraphs and sent them.", "I deleted the draft and left it.",
    ),
    Sample(
        "Let the draft be good enough and send it", INNER,
        ("Finished and sent is better than perfect and late.", "The reader needs it today, not flawless.", ""),
        ("Read it through once, then send", "Set the send time for four"),
        (),
        ("Send it as it is", "Stop editing the same paragraph"),
        "I rewrote the opening four times.", "I sent it at four, as it was.",
    ),
    Sample(
        "Say what I need before the meeting ends", RELATIONAL,
        ("If I don't say it, nobody will.", "My need is part of the work, not in its way.", ""),
        ("Write the need on a card and keep it in view", "Ask for the last five minutes"),
        ("Before we finish: I need the brief by Thursday.", "I need a decision on this today."),
        ("Raise my hand and say it", "Come back to the card"),
        "The meeting ended and I hadn't said it.", "I said it just before the end.",
    ),
    Sample(
        "Keep Sunday free of plans", INNER,
        ("An empty day is how I come back to myself.", "I've said yes to every weekend this month.", ""),
        ("Decline the Sunday invitation today", "Block Sunday in the calendar"),
        ("I'm keeping Sunday to myself this week.",),
        ("Say no to the brunch", "Leave Sunday blank"),
        "I almost said yes to brunch.", "I spent Sunday at home, and it was good.",
    ),
)  # fmt: skip
MIDDAY_FROM, MIDDAY_UNTIL = 12 * 60 + 30, 17 * 60 + 30  # minutes into the day
BODY = ("tight chest", "jaw clenched", "shoulders up by my ears", "a heat in my face", "calm, actually", "")
OWN_PULLS = ("being liked", "not wanting to be the difficult one", "tiredness")
OWN_PATTERNS = ("made a joke of it", "over-prepared")
FEELINGS = ("tight", "anxious", "guilty", "heavy", "restless", "small", "hot", "numb", "sad", "wound-up")
HARD = (
    "They looked disappointed and I wanted it to stop.",
    "I was tired, and the old way was right there.",
    "It came up earlier than I expected.",
)
REVISED = (
    ("knowing", "Something real changed in the plan for the day."),
    ("knowing", "I learned more, and the first decision no longer fit."),
    ("pull", "It felt like a change of mind, but it was the guilt."),
)
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


def _plans(more: random.Random, decision: Decision, chosen: Sample) -> None:
    """If-then plans for some decisions with expected pulls: one pull, the return move in the sample's words."""
    if decision.pulls_expected and more.random() < 0.35:
        for pull in more.sample(decision.pulls_expected, min(len(decision.pulls_expected), more.choice((1, 1, 2)))):
            decision.plans.append({"pull": pull, "then": more.choice(chosen.returns)})


def _pull_as_it_happened(more: random.Random, check: Check, decision: Decision) -> None:
    """Schema 4's fields on a check that met a pull: its strength, a feeling, when it came, what it returned to."""
    if not check.pulls:
        return
    if more.random() < 0.6:
        check.intensity = more.randint(2, 9)
        if more.random() < 0.3:
            check.intensity_after = max(0, check.intensity - more.randint(0, 4))
    if more.random() < 0.5:
        check.feeling = more.choice(FEELINGS)
    if more.random() < 0.5:
        check.acted = "no" if check.state is State.WOBBLING else more.choice(ACTED)
    if more.random() < 0.4:
        at = dt.datetime.fromisoformat(check.at) - dt.timedelta(minutes=more.randint(5, 120))
        check.pull_at = at.isoformat()
    if more.random() < 0.4:
        check.returned_to = more.sample(RETURNS, more.randint(1, 2))
    planned = {plan["pull"] for plan in decision.plans}
    if planned & set(check.pulls):
        check.plan_helped = more.random() < 0.65


def _outcome_notes(more: random.Random, decision: Decision) -> None:
    """What an abandoned or revised outcome carries, on some of them."""
    if decision.outcome is Outcome.ABANDONED and more.random() < 0.5:
        decision.hard = more.choice(HARD)
    elif decision.outcome is Outcome.REVISED and more.random() < 0.5:
        decision.revised_from, decision.revised_why = more.choice(REVISED)


def build(
    days: int, seed: int, last_day: dt.date, *, long_entries: float = 0.01, schema4: bool = True
) -> dict[str, Any]:
    """DAYS of practice up to LAST_DAY, as the store writes a journal; the same seed, the same journal.

    LONG_ENTRIES is the share of notes that are very long (a few thousand words). SCHEMA4
    adds if-then plans, the pull as it happened and what outcomes carry, drawn from a
    second generator: the rest of the journal is the same either way.
    """
    rng = random.Random(seed)
    more = random.Random(seed + 4)  # schema 4's fields: leaves every other draw as it was
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
        for n, chosen in enumerate(rng.sample(SAMPLES, rng.choice((1, 2, 2, 2, 3))), 1):  # never one twice a day
            pulls = rng.sample(DEFAULT_PULLS, rng.randint(0, 2)) + (
                [rng.choice(OWN_PULLS)] if rng.random() < 0.05 else []
            )
            decision = Decision(
                id=next(ids),
                created_at=morning,
                updated_at=morning,
                day=day.isoformat(),
                n=n,
                text=chosen.text,
                area=chosen.area,
                why=_long_text(rng) if rng.random() < long_entries else rng.choice(chosen.whys),
                pulls_expected=pulls,
                certainty=rng.choice((None, 1, 2, 3, 3, 4, 4, 5)),
                next_step=rng.choice((*chosen.next_steps, "")),
                say=rng.choice(chosen.says) if chosen.says and rng.random() < 0.5 else None,
            )
            if schema4:
                _plans(more, decision, chosen)
            day_decisions.append((decision, chosen))
            for _ in range(rng.choice((0, 1, 1, 2, 2))):
                # A midday check: after midday_at (12:30 by default), well before the evening.
                minute = rng.randint(MIDDAY_FROM, MIDDAY_UNTIL)
                at = _stamp(day, minute // 60, minute % 60)
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
                    return_step=rng.choice((*chosen.returns, "")),
                )
                if rng.random() < 0.03 and named:
                    check.patterns.append(rng.choice(OWN_PATTERNS))
                if schema4:
                    _pull_as_it_happened(more, check, decision)
                checks[check.id] = check.to_dict()
        if rng.random() < 0.85 or day == last_day:
            evening = _stamp(day, rng.randint(19, 23), rng.randint(0, 59))
            first = day_decisions[0][1]  # the evening looks back on the day's first decision
            for decision, _ in day_decisions:
                decision.outcome = rng.choice(
                    (Outcome.KEPT, Outcome.KEPT, Outcome.RETURNED, Outcome.RETURNED, Outcome.REVISED, Outcome.ABANDONED)
                )
                decision.updated_at = evening
                if schema4:
                    _outcome_notes(more, decision)
            review = Review(
                id=next(ids),
                created_at=evening,
                updated_at=evening,
                day=day.isoformat(),
                left=rng.choice((first.left, "")),
                returned=rng.choice((first.returned, "")),
                repair=rng.choice(("Told them I'd been curt, and said it again.", "")),
                learned=_long_text(rng) if rng.random() < long_entries else rng.choice(LEARNED),
                contact=rng.choice((None, 2, 3, 3, 4, 4, 5)),
            )
            reviews[review.id] = review.to_dict()
        for decision, _ in day_decisions:
            decisions[decision.id] = decision.to_dict()
        day += dt.timedelta(days=1)
    return {"schema_version": SCHEMA_VERSION, "decisions": decisions, "checks": checks, "reviews": reviews}
