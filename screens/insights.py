"""Insights: the repetitions that build self-trust, over a chosen period.

The figures are `data.stats`'s (one definition for the screen and `selftrust stats`),
counted by `data.stats.count` in a thread worker and posted back; the charts are
`tui.charts`', the words beside them `data.figures_words`'. This module puts them on
screen: the period chooser, the sections, and the keys that change the period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Footer, Header, Static
from textual.worker import get_current_worker

from data.figures_words import (
    EMPTY_JOURNAL,
    EMPTY_PROMISE,
    areas_words,
    certainty_words,
    contact_words,
    hours_words,
    keep_words,
    patterns_words,
    pulls_words,
    reps_words,
    span_words,
    summary_words,
    year_words,
)
from data.periods import DEFAULT_PERIOD, PERIODS
from data.stats import Counts, count
from data.store import JournalError, Store
from tui.base import PracticeScreen
from tui.charts import (
    Drawing,
    Paint,
    draw_areas,
    draw_certainty,
    draw_contact,
    draw_hours,
    draw_keep_rate,
    draw_patterns,
    draw_pulls,
    draw_reps,
    draw_year,
    section_text,
)


def draw_period(chosen_period: str, paint: Paint) -> Text:
    """The period chooser: each period with its key, the chosen one marked ●; a click chooses."""
    text = Text(no_wrap=True, overflow="crop")
    text.append("Period", paint("insights--label"))
    for index, period in enumerate(PERIODS.values(), 1):
        chosen = period.key == chosen_period
        click = Style(meta={"@click": f"screen.period('{period.key}')"})
        text.append("   ")
        text.append(f"{index} ", paint("insights--label") + click)
        text.append(
            f"{'●' if chosen else '○'} {period.name}", (paint("insights--chosen") if chosen else Style()) + click
        )
    return text


SECTIONS: tuple[tuple[str, str], ...] = (
    ("reps", "Reps and returns, week by week"),
    ("keep", "Keep rate, week by week"),
    ("pulls", "The pulls, and how those decisions ended"),
    ("patterns", "The old patterns, and the pulls that lead there"),
    ("certainty", "Outcome by certainty"),
    ("hours", "When the pulls come"),
    ("contact", "Contact with yourself, week by week"),
    ("areas", "By area"),
    ("year", "A year of practice days"),
)


class InsightsScreen(PracticeScreen):
    """The repetitions over a chosen period: charts and tables, each with a few kind words."""

    COMPONENT_CLASSES = {
        "insights--reps",
        "insights--returns",
        "insights--keep",
        "insights--contact",
        "insights--hours",
        "insights--patterns",
        "insights--rest",
        "insights--axis",
        "insights--label",
        "insights--head",
        "insights--practised",
        "insights--none",
        "insights--today",
        "insights--chosen",
        "insights--title",
        "insights--words",
    }
    DEFAULT_CSS = """
    InsightsScreen > .insights--reps { color: $primary; }
    InsightsScreen > .insights--returns { color: $accent; }
    InsightsScreen > .insights--keep { color: $success; }
    InsightsScreen > .insights--contact { color: $secondary; }
    InsightsScreen > .insights--hours { color: $primary; }
    InsightsScreen > .insights--patterns { color: $secondary; }
    InsightsScreen > .insights--rest { color: $text-disabled; }
    InsightsScreen > .insights--axis { color: $text-muted; }
    InsightsScreen > .insights--label { color: $text-muted; }
    InsightsScreen > .insights--head { color: $text-muted; text-style: bold; }
    InsightsScreen > .insights--practised { color: $success; }
    InsightsScreen > .insights--none { color: $text-disabled; }
    InsightsScreen > .insights--today { text-style: bold underline; }
    InsightsScreen > .insights--chosen { color: $accent; text-style: bold; }
    InsightsScreen > .insights--title { color: $accent; text-style: bold; }
    InsightsScreen > .insights--words { color: $text-muted; }
    InsightsScreen #insights { padding: 0 2 1 2; }
    InsightsScreen #insights-period { margin-top: 1; }
    InsightsScreen #insights-span { color: $text-muted; }
    InsightsScreen #insights-status { color: $text-muted; text-style: italic; margin-top: 1; }
    InsightsScreen #insights-summary { margin-top: 1; }
    InsightsScreen .insights-section { margin-top: 1; }
    InsightsScreen #insights-empty { margin-top: 1; }
    """

    _periods = Binding.Group("Period")
    BINDINGS = [
        Binding("1", "period('4w')", "4 weeks", group=_periods, id="insights.4-weeks"),
        Binding("2", "period('3m')", "3 months", group=_periods, id="insights.3-months"),
        Binding("3", "period('1y')", "A year", group=_periods, id="insights.year"),
        Binding("4", "period('all')", "All", group=_periods, id="insights.all"),
        Binding("escape", "back", "Back", id="insights.back"),
    ]

    @dataclass
    class Counted(Message):
        """The worker finished counting (COUNTS), or could not read the journal (PROBLEM)."""

        generation: int
        counts: Counts | None
        problem: str = ""

    def __init__(self, period: str = DEFAULT_PERIOD) -> None:
        super().__init__()
        self.period = period if period in PERIODS else DEFAULT_PERIOD
        self.counts: Counts | None = None
        self._generation = 0  # counts asked for
        self._shown_generation = -1  # the count on show
        self._counted_for: dt.date | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="insights"):
            yield Drawing(id="insights-period")
            yield Static(id="insights-span")
            yield Static("Counting your repetitions…", id="insights-status")
            yield Static(id="insights-summary")
            yield Static(id="insights-empty")
            for name, _title in SECTIONS:
                yield Drawing(id=f"insights-{name}", classes="insights-section")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Insights"
        for section in self.query(".insights-section"):
            section.display = False
        self.query_one("#insights-empty").display = False
        self.practice.changed.subscribe(self, self.recount)
        self.show_period()
        # Counted once the screen is on show: its first paint does not wait for the thread.
        self.call_after_refresh(self.start_counting)

    @property
    def counting(self) -> bool:
        """True while a count asked for has not been shown yet."""
        return self._shown_generation != self._generation

    def on_screen_resume(self) -> None:
        if self._counted_for is not None and self._counted_for != self.practice.today():
            self.start_counting()  # the logical day moved on while another screen was open

    def recount(self, _what: str = "") -> None:
        """Count again: an entry was saved, here or in another terminal."""
        self.start_counting()

    def start_counting(self) -> None:
        """Count the chosen period in a worker; the screen stays responsive meanwhile."""
        self._generation += 1
        today = self.practice.today()
        self._counted_for = today
        self.show_period()
        store, areas = self.practice.store, tuple(self.practice.settings.areas)
        self.count_in_thread(store, self.period, today, areas, self._generation)

    def show_period(self) -> None:
        """Mark the chosen period, and say the figures are on their way."""
        self.sub_title = PERIODS[self.period].name.capitalize()
        chosen = self.period
        self.query_one("#insights-period", Drawing).show(lambda paint, width: draw_period(chosen, paint))
        self.query_one("#insights-status").display = True

    @work(thread=True, exclusive=True, group="insights-count")
    def count_in_thread(
        self, store: Store, period: str, today: dt.date, areas: tuple[str, ...], generation: int
    ) -> None:
        """Count off the UI's thread, then post the counts back."""
        problem, counts = "", None
        try:
            # No retry: `count` reads one snapshot of the journal, which a save on the UI's
            # thread waits for, so no table can change while it is being read.
            counts = count(store, period, today, areas)
        except (JournalError, OSError) as error:
            problem = str(error)
        if not get_current_worker().is_cancelled:
            self.post_message(self.Counted(generation, counts, problem))

    @on(Counted)
    def show_counts(self, message: Counted) -> None:
        """Draw every section from the counts the worker posted (the latest only)."""
        if message.generation != self._generation:
            return
        self._shown_generation = message.generation
        self.query_one("#insights-status").display = False
        if message.counts is None:
            self.query_one("#insights-summary", Static).update(
                Text(f"The figures could not be counted just now: {message.problem} Press a period key to try again.")
            )
            return
        self.counts = counts = message.counts
        self.query_one("#insights-span", Static).update(span_words(counts))
        summary = self.query_one("#insights-summary", Static)
        empty = self.query_one("#insights-empty", Static)
        if counts.empty_journal:
            summary.update(Text(EMPTY_JOURNAL, style="bold"))
            empty.update(EMPTY_PROMISE)
            empty.display = True
            for section in self.query(".insights-section"):
                section.display = False
            return
        empty.display = False
        lines = summary_words(counts)
        headline = Text(lines[0], style="bold") if not counts.figures.empty else Text(lines[0])
        summary.update(Text("\n").join([headline, *(Text(line) for line in lines[1:])]))
        for name, _title in SECTIONS:
            self.query_one(f"#insights-{name}").display = not counts.figures.empty or name == "year"
        self.draw_sections(counts)

    def draw_sections(self, counts: Counts) -> None:
        """Hand each section its drawing and its words."""
        areas = self.practice.settings.areas
        titles = dict(SECTIONS)
        titles["areas"] = " and ".join(areas) if len(areas) == 2 else titles["areas"]
        drawings: dict[str, tuple[Callable[[Counts, Paint, int], Text], list[str]]] = {
            "reps": (draw_reps, reps_words(counts)),
            "keep": (draw_keep_rate, keep_words(counts)),
            "pulls": (draw_pulls, pulls_words(counts)),
            "patterns": (draw_patterns, patterns_words(counts)),
            "certainty": (draw_certainty, certainty_words(counts)),
            "hours": (draw_hours, hours_words(counts)),
            "contact": (draw_contact, contact_words(counts)),
            "areas": (draw_areas, areas_words(counts, areas)),
            "year": (draw_year, year_words(counts)),
        }
        for name, (draw, words) in drawings.items():

            def drawn(paint: Paint, width: int, title: str = titles[name], draw=draw, words=words) -> Text:
                return section_text(paint, width, title, draw(counts, paint, width), words)

            self.query_one(f"#insights-{name}", Drawing).show(drawn)

    def action_period(self, period: str) -> None:
        """Look over another period: 4 weeks, 3 months, a year, or all of it."""
        if period not in PERIODS:
            return
        self.period = period
        self.start_counting()

    def action_back(self) -> None:
        """Back to where Insights was opened from."""
        self.app.pop_screen()
