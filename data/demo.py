"""The demo's journal: about sixty days of a sample practice, ending with today's decisions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import orjson

from data import sample
from data.daytime import logical_day, minutes_into_day, stamp
from data.files import private_folder, write_atomic
from data.models import State
from data.settings import Settings
from data.store import Store

DEMO_DAYS = 60


def write_demo_journal(path: Path, now: dt.datetime, settings: Settings, *, seed: int = 60) -> Store:
    """Write a sample journal at PATH: sixty days up to yesterday, and today's morning (and midday, if past it)."""
    today = logical_day(now, settings.day_start)
    journal = sample.build(DEMO_DAYS, seed, today - dt.timedelta(days=1), long_entries=0)
    private_folder(path.parent)
    write_atomic(path, orjson.dumps(journal), sync=False)  # a throwaway journal in a temporary folder
    store = Store(path, daily_backups=0)
    first = store.add_decision(
        now,
        today,
        "Tell Sam the Friday deadline doesn't work for me",
        settings.areas[-1],
        why="My weekends are how I stay kind.",
        pulls_expected=[p for p in ("fear", "disappointment") if p in settings.pulls],
        certainty=2,
        next_step="Write to Sam before ten",
        say="Friday won't work for me; Tuesday will.",
        plans=[{"pull": "fear", "then": "send it as written"}] if "fear" in settings.pulls else [],
    )
    store.add_decision(now, today, "A walk at lunch, phone left at my desk", settings.areas[0], certainty=4)
    past_midday = minutes_into_day(now.hour, now.minute, settings.day_start) >= minutes_into_day(
        settings.midday_at.hour, settings.midday_at.minute, settings.day_start
    )  # measured from day_start, so 01:00 is late in the day, not early
    if past_midday:
        # Checked at midday, as the practice has it, not whenever the demo happens to start.
        midday = dt.datetime.combine(today, settings.midday_at, tzinfo=now.tzinfo) + dt.timedelta(minutes=40)
        if settings.midday_at < settings.day_start:  # a day that starts late has its midday after midnight
            midday += dt.timedelta(days=1)
        store.save_check(min(now, midday), first, State.WOBBLING, pulls=["fear"], patterns=["softened the truth"],
                         body="tight chest", return_step="Send it as written", intensity=6, feeling="tight",
                         acted="no", pull_at=stamp(min(now, midday) - dt.timedelta(minutes=15)),
                         returned_to=["the truth"], plan_helped=True)  # fmt: skip
    return store
