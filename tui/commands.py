"""Palette commands that depend on what is typed: "Open day 2026-05-01"."""

from __future__ import annotations

import re
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from data.daytime import DateError, day_heading, parse_day

_DATE_LIKE = re.compile(r"\d{4}-\d{2}-\d{2}|today|yesterday", re.IGNORECASE)


class DayCommands(Provider):
    """Open any day's view by typing its date (or today, yesterday) in the palette."""

    async def discover(self) -> Hits:
        if getattr(self.app, "locked", False):
            return  # an encrypted journal before its passphrase: no day of it to open
        yield DiscoveryHit(
            "Open day…",
            partial(self.app.notify, "Type a date in the palette: 2026-05-01, today or yesterday."),
            help="Type a date to open that day",
        )

    async def search(self, query: str) -> Hits:
        found = _DATE_LIKE.search(query)
        if not found:
            return
        practice = getattr(self.app, "practice", None)
        if practice is None or getattr(self.app, "locked", False):
            return
        try:
            day = parse_day(found.group(0), practice.today())
        except DateError as error:
            yield Hit(0.5, f"{found.group(0)}: {error}", partial(self.app.notify, str(error)))
            return
        label = f"Open day {day.isoformat()}"
        yield Hit(1.0, label, partial(self.app.run_action, f"open_day('{day.isoformat()}')"), help=day_heading(day))
