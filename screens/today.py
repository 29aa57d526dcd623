"""Today: the logical date, what is due now, today's decisions and the week at a glance."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import partial

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.message import Message
from textual.widgets import Footer, Header, Static
from textual.worker import get_current_worker

from data.daytime import day_heading
from data.ritual import STEP_LABELS, OnThisDay, Step, on_this_day, standing, waiting_yesterday, what_is_due
from data.store import JournalError
from data.text import shown_line
from tui import keys
from tui.base import PracticeScreen

STEP_KEYS = {Step.MORNING: keys.MORNING, Step.MIDDAY: keys.MIDDAY, Step.EVENING: keys.EVENING}

LOOK_AGAIN_AFTER = frozenset({"review", "check", "delete", "restore", "undo", "elsewhere"})
LOOK_BACK_AFTER = 1.0  # seconds after Today is drawn before "On this day" reads the earlier years
"""The journal changes that can alter an earlier decision's outcome or pulls (or bring the earlier days in):
after one, "On this day" is looked for again. Setting a decision for today cannot change it."""


class TodayScreen(PracticeScreen):
    """Home: what the day holds and what is due now."""

    _showing_yesterday = False  # whether the y key is offered; kept current by refresh_day
    _looked_back_on: dt.date | None = None  # the day "On this day" was last looked for (once a day)
    _found: tuple[dt.date, OnThisDay | None] | None = None  # what the last look found, and for which day

    @dataclass
    class LookedBack(Message):
        """The worker found (or did not find) the person's own evidence for DAY."""

        day: dt.date
        found: OnThisDay | None

    # The footer holds the day's three steps and the two ways back into the past: at 80
    # columns there is no room for more beside help and quit. Yesterday is named in the
    # screen's own text when it waits; it, Insights and Export are in help and the palette.
    BINDINGS = [
        Binding(keys.MORNING, "app.open_morning", "Morning", id="today.morning"),
        Binding(keys.MIDDAY, "app.open_midday", "Midday", id="today.midday"),
        Binding(keys.EVENING, "app.open_evening", "Evening", id="today.evening"),
        Binding(keys.HISTORY, "app.open_history", "History", id="today.history"),
        Binding(keys.CALENDAR, "app.open_calendar", "Calendar", id="today.calendar"),
        Binding(keys.YESTERDAY, "review_yesterday", "Yesterday", show=False, id="today.yesterday"),
        Binding(keys.INSIGHTS, "app.open_insights", "Insights", show=False, id="today.insights"),
        Binding(keys.EXPORT, "app.export", "Export", show=False, id="today.export"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="today"):
            yield Static(id="today-date")
            yield Static(id="today-due")
            yield Static(id="today-greeting")
            yield Static(id="today-decisions")
            yield Static(id="today-yesterday")
            yield Static(id="today-week")
            yield Static(id="today-evidence")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.practice.changed.subscribe(self, self.show_journal_change)
        # The clock moves on: what is due (and the day itself, at day_start) changes with it.
        self.set_interval(30, self.refresh_day)
        self.refresh_day()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "review_yesterday":
            # Offered (in help and the palette) only when yesterday has something waiting.
            return self._showing_yesterday
        return True

    def on_screen_resume(self) -> None:
        self.refresh_day()

    def show_journal_change(self, what: str) -> None:
        if what in LOOK_AGAIN_AFTER:
            self._looked_back_on = None
        self.refresh_day()

    def refresh_day(self) -> None:
        """Read the day from the journal and show it."""
        store, settings = self.practice.store, self.practice.settings
        now = self.practice.now()
        today = self.practice.today()
        self.sub_title = day_heading(today)
        decisions = store.decisions_on(today)
        checks = store.checks_on(today)  # one read of the day's checks, oldest first
        checks_of: dict[str, list] = {}
        for check in checks:
            checks_of.setdefault(check.decision_id, []).append(check)
        self.query_one("#today-date", Static).update(Text(day_heading(today), style="bold"))

        due = what_is_due(store, settings, now, decisions=decisions, checks=checks)
        if due:
            parts = [f"{STEP_LABELS[step]} (press {STEP_KEYS[step]})" for step in due]
            due_text = Text.assemble(("Due now: ", "bold"), "; ".join(parts))
        elif decisions and all(not d.is_open for d in decisions):
            due_text = Text("Today is reviewed. Rest well.")
        else:
            if all(d.id in checks_of for d in decisions if d.is_open):  # the midday step is done
                step, at = "the evening review", settings.evening_at
            else:
                step, at = "the midday check", settings.midday_at
            due_text = Text(f"Nothing due right now. Next: {step} at {at:%H:%M}.")
        self.query_one("#today-due", Static).update(due_text)

        self.query_one("#today-greeting", Static).update(self._greeting(today, decisions))

        lines = Text()
        if decisions:
            lines.append("Today's decisions\n", style="bold")
            for decision in decisions:
                stand = standing(decision, checks_of.get(decision.id, []))
                lines.append(f" {stand.symbol} {decision.n}. ", style="bold")
                lines.append(f"{shown_line(decision.text)}\n")
                lines.append(f"      {shown_line(decision.area)} · {stand.word}\n", style="dim")
                lines.append_text(self._hint("Next step: ", decision.next_step))
                lines.append_text(self._hint("The line to say: ", f"“{decision.say}”" if decision.say else ""))
        lines.rstrip()
        self.query_one("#today-decisions", Static).update(lines)

        waiting = len(waiting_yesterday(store, today))
        if bool(waiting) != self._showing_yesterday:
            # Only when the y key comes or goes: refreshing bindings redraws the footer, restyling every key.
            self._showing_yesterday = bool(waiting)
            self.refresh_bindings()
        note = self.query_one("#today-yesterday", Static)
        note.display = bool(waiting)
        if waiting:
            noun = "decision is" if waiting == 1 else "decisions are"
            note.update(
                f"Yesterday, {waiting} {noun} still waiting for an outcome. Press {keys.YESTERDAY} to look back when you're ready."
            )

        returns = store.week_returns(today)
        word = "return" if returns == 1 else "returns"
        week = self.query_one("#today-week", Static)
        week.display = bool(decisions) or returns > 0 or bool(waiting)
        week.update(
            Text.assemble(
                ("This week: ", "bold"),
                f"{returns} {word}. " + ("Every one is a rep." if returns else "Each return counts when it comes."),
            )
        )

        if self._looked_back_on != today:
            self._looked_back_on = today
            # A moment after the frame is drawn: the first paint never waits for the look back,
            # and a key pressed at once (History, say) never shares the start with its reading of every year.
            self.set_timer(LOOK_BACK_AFTER, partial(self.look_back, today))
        self.show_on_this_day()

    def on_resize(self) -> None:
        self.refresh_day()  # the next steps and lines to say are shortened to the width

    # Whatever goes wrong in here only leaves the line out: it is a gift, never a problem to report.
    @work(thread=True, exclusive=True, group="today-on-this-day", exit_on_error=False)
    def look_back(self, today: dt.date) -> None:
        """Look for "On this day" off the UI's thread: one read of the journal's days on today's day of the month."""
        try:
            decisions, checks = self.practice.store.same_day_of_month(today)
        except (JournalError, OSError):
            return
        found = on_this_day(today, decisions, checks)
        if not get_current_worker().is_cancelled:
            self.post_message(self.LookedBack(today, found))

    @on(LookedBack)
    def show_what_was_found(self, message: LookedBack) -> None:
        if message.day == self._looked_back_on:
            self._found = (message.day, message.found)
            self.show_on_this_day()

    def show_on_this_day(self) -> None:
        """The "On this day" line, when one was found for today and the screen has a line to spare (it gives way first)."""
        line = self.query_one("#today-evidence", Static)
        # Until a look on a new day has found its own, yesterday's line is not today's.
        found = self._found[1] if self._found and self._found[0] == self.practice.today() else None
        if found is None or not self._room_for_one_more():
            line.display = False
            return
        text = Text.assemble(found.lead, (shown_line(found.decision.text), "italic"))
        if not text.plain.endswith((".", "!", "?", "…")):
            text.append(".")
        text.truncate(max(20, self.app.size.width - 6), overflow="ellipsis")  # as the hints: one line, always
        line.update(text)
        line.display = True

    def _room_for_one_more(self) -> bool:
        """Whether a one-line Static (and its margin) fits below everything else Today shows, with no scrolling."""
        # From the terminal's size, not the last layout's (a resize is not laid out yet): less the
        # header and the compact footer (a line each) and Today's padding (1 above and below, 2 a side).
        width, height = self.app.size.width - 4, self.app.size.height - 4
        if width <= 0 or height <= 0:
            return False
        used = 0
        for widget in self.query_one("#today", VerticalScroll).query_children(Static):
            if widget.id != "today-evidence" and widget.display:
                used += widget.get_content_height(Size(width, height), self.app.size, width) + 1  # its margin below
        return used + 1 <= height  # the line itself (the last, with no margin below)

    def _hint(self, label: str, words: str) -> Text:
        """One line under a decision: LABEL and WORDS, shortened to the screen's width; nothing without WORDS."""
        if not words:
            return Text()
        line = Text.assemble(f"      {label}", (shown_line(words), "italic"))
        # The screen less Today's padding (2 a side) and a scrollbar's room: at 80 columns, 74 cells.
        line.truncate(max(20, self.app.size.width - 6), overflow="ellipsis")
        line.append("\n")
        return line

    def _greeting(self, today: dt.date, decisions: list) -> Text:
        store = self.practice.store
        if decisions:
            if all(not d.is_open for d in decisions):
                return Text(
                    "Where did you leave yourself today? Where did you come back? You looked. That counts.",
                    style="italic",
                )
            return Text("Still with it? If something pulled, name it.", style="italic")
        last = store.last_decision_day()
        if last is None:
            return Text(
                "Nothing here yet. Your first decision starts the record. What will you stay with today?",
                style="italic",
            )
        if last < (today - dt.timedelta(days=1)).isoformat():
            return Text("Welcome back. Today counts. What will you stay with today?", style="italic")
        return Text("What will you stay with today? You don't need to be sure. You need a next step.", style="italic")

    async def action_review_yesterday(self) -> None:
        today = self.practice.today()
        if not waiting_yesterday(self.practice.store, today):
            self.notify("Yesterday has nothing waiting.")
            return
        await self.app.run_action(f"open_evening('{(today - dt.timedelta(days=1)).isoformat()}')")
