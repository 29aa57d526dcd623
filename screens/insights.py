"""Insights: the repetitions that build self-trust, over a chosen period.

The figures are `data.stats`'s (one definition for the screen and `selftrust stats`),
counted by `data.stats.count` in a thread worker and posted back; each section
is drawn here from `tui.charts`' pieces, with the words of `data.figures_words` beside
it. This module puts them on screen: the period chooser, the sections, and the keys
that change the period.
"""

from __future__ import annotations

import datetime as dt
import math
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import cast

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Footer, Header, Static
from textual.worker import get_current_worker

from data.daytime import shift_months
from data.figures_words import (
    EMPTY_JOURNAL,
    EMPTY_PROMISE,
    NONE_RESOLVED,
    areas_words,
    certainty_words,
    contact_words,
    early_signs_words,
    forecast_words,
    held_of,
    hours_words,
    keep_words,
    latency_words,
    leads_to,
    number,
    patterns_words,
    pause_words,
    percent,
    plans_words,
    plural,
    pulls_words,
    reps_words,
    revisions_words,
    span_words,
    summary_words,
    year_words,
)
from data.models import INTENSITY_MAX
from data.periods import DEFAULT_PERIOD, PERIODS
from data.stats import GRID_WEEKS, Counts, Outcomes, count
from data.store import JournalError, Store
from tui import keys
from tui.base import HasPractice, PracticeScreen
from tui.charts import (
    FULL,
    NAME_WIDTH,
    SCALE_WIDTH,
    WEEKDAYS,
    Drawing,
    Mark,
    Paint,
    Runs,
    Series,
    bar_chart,
    chart_room,
    marks_row,
    meter,
    shorten,
    table,
    week_columns,
)

PRACTISED, NOT_PRACTISED = "■", "·"  # the year grid's days


# -- each section's drawing: a pure function of the figures, the paint and the width -------------


def _count_series(name: str, values: list[float], style: str) -> Series:
    top = max(values, default=0)
    top = math.ceil(top) if top > 1 else (top or 1)
    return Series(name, values, top, number(top), "0", style)


def draw_reps(counts: Counts, paint: Paint, width: int) -> Text:
    """Reps and returns a week, as two bar charts on one time axis."""
    if not counts.figures.reps:
        return Text()  # the words say what a rep is; an empty chart would only be axes
    columns = week_columns(counts.figures.weeks, chart_room(width))
    reps = _count_series("reps", columns.sums(lambda w: w.reps), "insights--reps")
    returns = _count_series("returns", columns.sums(lambda w: w.returns), "insights--returns")
    chart = bar_chart(paint, [reps, returns], columns.cell, columns.labels())
    if columns.per > 1:
        chart.append(
            f"\n{' ' * (NAME_WIDTH + SCALE_WIDTH + 3)}each column: {columns.per} weeks, as their average week",
            paint("chart--label"),
        )
    return chart


def draw_keep_rate(counts: Counts, paint: Paint, width: int) -> Text:
    """The keep rate a week, 0 to 100%; a week with nothing to count is a gap."""
    if counts.figures.keep_rate is None:
        return Text()
    columns = week_columns(counts.figures.weeks, chart_room(width))
    values: list[float | None] = []
    for group in columns.groups:
        held = sum(week.outcomes.held for week in group)
        resolved = sum(week.outcomes.resolved for week in group)
        values.append(held / resolved if resolved else None)
    series = Series("keep", values, 1.0, "100%", "0%", "insights--keep", floor=True)
    return bar_chart(paint, [series], columns.cell, columns.labels())


def draw_contact(counts: Counts, paint: Paint, width: int) -> Text:
    """The mean contact (1-5) a week; a week without one is a gap."""
    if counts.figures.contact is None:
        return Text()
    columns = week_columns(counts.figures.weeks, chart_room(width))
    values: list[float | None] = []
    for group in columns.groups:
        given = [week.contact for week in group if week.contact is not None]
        values.append(sum(given) / len(given) if given else None)
    series = Series("contact", values, 5.0, "5", "0", "insights--contact")
    return bar_chart(paint, [series], columns.cell, columns.labels())


def draw_hours(counts: Counts, paint: Paint, width: int) -> Text:
    """The checks that met a pull, by hour of the day: 24 columns, labelled every few hours."""
    hours = counts.figures.pull_hours
    if not any(hours):
        return Text()
    top = max(hours)
    scale = number(top)
    room = chart_room(width)
    cell = 3 if room >= 72 else 2 if room >= 48 else 1
    step = 3 if cell >= 2 else 6
    series = Series("pulls", list(hours), top, scale, "0", "insights--hours", height=2)
    return bar_chart(paint, [series], cell, [(hour, str(hour)) for hour in range(0, 24, step)])


def draw_pulls(counts: Counts, paint: Paint, width: int) -> Text:
    """The pulls, most named first, and how the decisions they came on ended."""
    details = counts.figures.pull_details[:8]
    if not details:
        return Text()
    rows = [
        (
            shorten(item.name),
            f"{item.count:,}",
            f"{item.outcomes.returned:,}",
            f"{item.outcomes.kept:,}",
            f"{item.outcomes.abandoned:,}",
        )
        for item in details
    ]
    return table(paint, ("pull", "times", "returned", "kept", "abandoned"), rows, (False, True, True, True, True))


def draw_patterns(counts: Counts, paint: Paint, width: int) -> Text:
    """The old patterns, most named first, and the pulls that led to them."""
    found = counts.figures
    details = found.pattern_details[:6]
    if not details:
        return Text()
    names = [shorten(item.name) for item in details]
    name_width = max(max(map(len, names)), len("pattern"))
    top = details[0].count
    text = Text(no_wrap=True, overflow="crop")
    text.append(f"{'pattern'.ljust(name_width)}  times", paint("chart--head"))
    bar_room = max(4, min(20, width - name_width - 10))
    for name, item in zip(names, details, strict=True):
        length = max(1, round(item.count / top * bar_room))
        text.append(f"\n{name.ljust(name_width)}  {item.count:>5,}  ")
        text.append(FULL * length, paint("insights--patterns"))
    pairs = found.pull_patterns[:5]
    if pairs:
        text.append("\n\n")
        text.append("which pull leads to which pattern", paint("chart--head"))
        lines = [leads_to(shorten(pair.pull, 18), shorten(pair.pattern)) for pair in pairs]
        pair_width = max(map(len, lines))
        for line, pair in zip(lines, pairs, strict=True):
            text.append(f"\n{line.ljust(pair_width)}  {plural(pair.count, 'time')}")
    return text


CERTAINTY_NAMES = {"1-2": "certainty 1-2", "3": "certainty 3", "4-5": "certainty 4-5", "none": "not given"}


def draw_certainty(counts: Counts, paint: Paint, width: int) -> Text:
    """Each band of certainty: how many of its decisions were kept or came back."""
    groups = [group for group in counts.figures.certainty_groups if group.outcomes.total]
    if not groups:
        return Text()
    text = Text(no_wrap=True, overflow="crop")
    for index, group in enumerate(groups):
        outcomes = group.outcomes
        text.append("\n" if index else "")
        text.append(CERTAINTY_NAMES[group.label].ljust(14))
        text.append_text(meter(paint, group.keep_rate, "insights--keep"))
        if outcomes.resolved:
            text.append(f"  {held_of(outcomes)} kept or came back ({percent(group.keep_rate)})")
        else:
            text.append(f"  {plural(outcomes.total, 'decision')}, {NONE_RESOLVED}", paint("chart--label"))
    return text


def draw_areas(counts: Counts, paint: Paint, width: int) -> Text:
    """Each area side by side: decisions, returns, reps and keep rate."""
    areas = counts.figures.areas
    if not areas:
        return Text()
    names = [shorten(area.area, 22) for area in areas]
    rows = [
        (name, f"{a.decisions:,}", f"{a.returns:,}", f"{a.reps:,}", percent(a.keep_rate))
        for name, a in zip(names, areas, strict=True)
    ]
    text = table(paint, ("area", "decisions", "returns", "reps", "keep rate"), rows, (False, True, True, True, True))
    lines = text.split("\n")
    out = Text(no_wrap=True, overflow="crop")
    for index, line in enumerate(lines):
        out.append("\n" if index else "")
        out.append_text(line)
        if index:
            out.append("  ")
            out.append_text(meter(paint, areas[index - 1].keep_rate, "insights--keep"))
    return out


# -- the pull as it happens ------------------------------------------------------------------------


def _held_row(paint: Paint, label: str, outcomes: Outcomes) -> Text:
    """LABEL, a meter of the keep rate, and "N of M kept or came back"."""
    text = Text(no_wrap=True, overflow="crop")
    text.append(label.ljust(LABEL_WIDTH))
    text.append_text(meter(paint, outcomes.keep_rate, "insights--keep"))
    if outcomes.resolved:
        text.append(f"  {held_of(outcomes)} kept or came back")
    else:
        text.append(f"  {NONE_RESOLVED}", paint("chart--label"))
    return text


LABEL_WIDTH = len("a pull with no plan") + 2


def draw_plans(counts: Counts, paint: Paint, width: int) -> Text:
    """Plans made, met and helping, and how decisions went when a plan met its pull against when none did."""
    plans = counts.figures.plans
    if not plans.made:
        return Text()
    text = Text(no_wrap=True, overflow="crop")
    text.append(f"made {plans.made:,}   met their pull {plans.met:,}", paint("chart--head"))
    if plans.helped or plans.not_helped:
        text.append(f"   helped {plans.helped:,} of {plans.helped + plans.not_helped:,}", paint("chart--head"))
    text.append("\n")
    text.append_text(_held_row(paint, "a plan met its pull", plans.with_plan))
    if plans.without_plan.total:
        text.append("\n")
        text.append_text(_held_row(paint, "a pull with no plan", plans.without_plan))
    return text


def draw_forecast(counts: Counts, paint: Paint, width: int) -> Text:
    """How many expected pulls came (a meter), and the pulls that came unexpected (bars)."""
    forecast = counts.figures.forecast
    if not forecast.expected and not forecast.unexpected:
        return Text()
    text = Text(no_wrap=True, overflow="crop")
    if forecast.expected:
        text.append("expected, and came".ljust(LABEL_WIDTH))
        text.append_text(meter(paint, forecast.rate, "insights--forecast"))
        text.append(f"  {forecast.came:,} of {forecast.expected:,}")
    shown = forecast.unexpected[:5]
    if shown:
        names = [shorten(pull, 18) for pull, _ in shown]
        name_width = max(max(map(len, names)), len("came unexpected"))
        top = shown[0][1]
        bar_room = max(4, min(20, width - name_width - 10))
        text.append("\n" if forecast.expected else "")
        text.append("came unexpected".ljust(name_width) + "  times", paint("chart--head"))
        for name, (_pull, times_named) in zip(names, shown, strict=True):
            text.append(f"\n{name.ljust(name_width)}  {times_named:>5,}  ")
            text.append(FULL * max(1, round(times_named / top * bar_room)), paint("insights--forecast"))
    return text


def draw_sooner(counts: Counts, paint: Paint, width: int) -> Text:
    """Minutes from the pull to the return, week by week (the middle check of each), and where they head."""
    latency = counts.figures.return_latency
    if latency.median_minutes is None:
        return Text()
    weeks = [week for week in latency.weeks if week.start <= counts.today]
    measured = [week.median_minutes for week in weeks if week.median_minutes is not None]
    if not measured:
        return Text()  # only checks on days still ahead measured it: the words say what there is
    columns = week_columns(weeks, chart_room(width))
    values: list[float | None] = []
    for group in columns.groups:
        given = [week.median_minutes for week in group if week.median_minutes is not None]
        values.append(sum(given) / len(given) if given else None)
    top = max((value for value in values if value is not None), default=1.0)
    top = math.ceil(top) if top > 1 else 1.0
    series = Series("minutes", values, top, number(top), "0", "insights--sooner")
    chart = bar_chart(paint, [series], columns.cell, columns.labels())
    spanned = len(weeks) - next(i for i, week in enumerate(weeks) if week.median_minutes is not None)
    slope = latency.trend.slope
    if slope is not None and len(measured) >= 2:
        # The fitted line's change over the weeks it runs through, against their mean (as the reps' direction).
        change = slope * (spanned - 1) / max(sum(measured) / len(measured), 1.0)
        heading = "↘ sooner" if change < -0.2 else "↗ a little longer" if change > 0.2 else "→ steady"
        chart.append(
            f"\n{' ' * (NAME_WIDTH + SCALE_WIDTH + 3)}across {plural(spanned, 'week')}: {heading}",
            paint("chart--label"),
        )
    return chart


def draw_pause(counts: Counts, paint: Paint, width: int) -> Text:
    """The pull's strength before and after a pause, on average, 0 to 10."""
    pause = counts.figures.pause
    if pause.before is None or pause.after is None:
        return Text()
    text = Text(no_wrap=True, overflow="crop")
    for index, (label, value, style) in enumerate(
        (("before a pause", pause.before, "insights--before"), ("after it", pause.after, "insights--after"))
    ):
        text.append("\n" if index else "")
        text.append(label.ljust(LABEL_WIDTH))
        text.append_text(meter(paint, value / INTENSITY_MAX, style))
        text.append(f"  {value:.1f} of {INTENSITY_MAX}")
    return text


def _of(count: int, checks: int) -> str:
    """ "3 of 40": a sign's count among the checks on its side that gave such a word."""
    return f"{count:,} of {checks:,}"


def draw_signs(counts: Counts, paint: Paint, width: int) -> Text:
    """The person's own words and hours that came before the hard days: before those, and before returns."""
    signs = counts.figures.early_signs
    rows = [
        *(("feeling", shorten(str(sign.name), 24), sign) for sign in signs.feelings),
        *(("body", shorten(str(sign.name), 24), sign) for sign in signs.body),
        *(("hour", f"{int(sign.name):02d}:00", sign) for sign in signs.hours),
    ]
    if not rows:
        return Text()
    return table(
        paint,
        ("", "in your words", "before hard days", "before returns"),
        [
            (
                kind,
                name,
                _of(sign.before_abandoned, sign.checks_before_abandoned),
                _of(sign.before_returned, sign.checks_before_returned),
            )
            for kind, name, sign in rows
        ],
        (False, False, True, True),
    )


def draw_revisions(counts: Counts, paint: Paint, width: int) -> Text:
    """Revisions by where they came from, beside abandonments, as bars on one scale."""
    r = counts.figures.revisions
    if not r.revised and not r.abandoned:
        return Text()
    rows = [
        ("from what I know", r.from_knowing, "insights--revised"),
        ("from a pull", r.from_pull, "insights--revised"),
        ("not said", r.unsaid, "insights--revised"),
        ("abandoned", r.abandoned, "insights--abandoned"),
    ]
    top = max(value for _, value, _ in rows) or 1
    bar_room = max(4, min(30, width - LABEL_WIDTH - 10))
    text = Text(no_wrap=True, overflow="crop")
    for index, (label, value, style) in enumerate(row for row in rows if row[1] or row[0] != "not said"):
        text.append("\n" if index else "")
        text.append(f"{label.ljust(LABEL_WIDTH)}{value:>5,}  ")
        if value:
            text.append(FULL * max(1, round(value / top * bar_room)), paint(style))
    return text


def year_months(start: dt.date) -> str:
    """The months over a year grid starting on the Monday START: each name above the week it begins in."""
    months = [" "] * GRID_WEEKS
    free = 0
    for column in range(GRID_WEEKS):
        first = start + dt.timedelta(weeks=column)
        week_days = [first + dt.timedelta(days=i) for i in range(7)]
        begins = next((day for day in week_days if day.day == 1), None)
        if column == 0 and begins is None:
            following = shift_months(start.replace(day=1), 1)
            if (following - start).days // 7 >= 4:
                begins = first  # the grid opens mid-month: named, unless the next month's name is close
        if begins is not None and column >= free and column + 3 <= GRID_WEEKS:
            months[column : column + 3] = list(f"{begins:%b}")
            free = column + 4
    return "".join(months).rstrip()


def draw_year(counts: Counts, paint: Paint, width: int) -> Text:
    """A year of practice days: 53 week columns, Monday to Sunday, one character a day."""
    start, today, days = counts.year_start, counts.today, counts.year_days
    label, none, practised = paint("chart--label"), paint("insights--none"), paint("insights--practised")
    marked = paint("insights--today")
    today_style = Style(bold=marked.bold, underline=marked.underline)  # the day's own colour stays

    def mark_of(day: dt.date) -> Mark:
        mark, style = (PRACTISED, practised) if day in days else (NOT_PRACTISED, none)
        return mark, style + today_style if day == today else style

    text = Runs()
    text.add("    " + year_months(start), label)
    for row, name in enumerate(WEEKDAYS):
        text.add("\n")
        text.add(f"{name} ", label)
        row_days = (start + dt.timedelta(weeks=column, days=row) for column in range(GRID_WEEKS))
        marks_row(text.add, (None if day > today else mark_of(day) for day in row_days))
    text.add("\n    ")
    text.add(PRACTISED, practised)
    text.add(" a practice day   ", label)
    text.add(NOT_PRACTISED, none)
    text.add(" a day without   today is underlined", label)
    return text.text()


def section_text(paint: Paint, width: int, title: str, drawing: Text, words: Sequence[str]) -> Text:
    """A section as one text: its title, its drawing (if any), and its words wrapped to WIDTH."""
    text = Text(no_wrap=True, overflow="crop")
    text.append(title, paint("insights--title"))
    if drawing.plain:
        text.append("\n")
        text.append_text(drawing)
    style = paint("insights--words")
    for line in words:
        for part in textwrap.wrap(line, max(width, 20)) or [""]:
            text.append("\n" + part, style)
    return text


def draw_period(chosen_period: str, paint: Paint) -> Text:
    """The period chooser: each period with its key, the chosen one marked ●; a click chooses."""
    text = Text(no_wrap=True, overflow="crop")
    text.append("Period", paint("chart--label"))
    for index, period in enumerate(PERIODS.values(), 1):
        chosen = period.key == chosen_period
        click = Style(meta={"@click": f"screen.period('{period.key}')"})
        text.append("   ")
        text.append(f"{index} ", paint("chart--label") + click)
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
    ("plans", "If-then plans, and when they met their pull"),
    ("forecast", "The pulls you expected, and the ones that came unexpected"),
    ("sooner", "Noticing sooner: minutes from the pull to the return, week by week"),
    ("pause", "Pausing at a check: the pull's strength before and after"),
    ("signs", "Early signs, in your own words"),
    ("revisions", "Revisions by where they came from, beside abandonments"),
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
        "insights--forecast",
        "insights--sooner",
        "insights--before",
        "insights--after",
        "insights--revised",
        "insights--abandoned",
        "chart--rest",
        "chart--axis",
        "chart--label",
        "chart--head",
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
    InsightsScreen > .insights--forecast { color: $secondary; }
    InsightsScreen > .insights--sooner { color: $primary; }
    InsightsScreen > .insights--before { color: $warning; }
    InsightsScreen > .insights--after { color: $success; }
    InsightsScreen > .insights--revised { color: $secondary; }
    InsightsScreen > .insights--abandoned { color: $text-muted; }
    InsightsScreen > .chart--rest { color: $text-disabled; }
    InsightsScreen > .chart--axis { color: $text-muted; }
    InsightsScreen > .chart--label { color: $text-muted; }
    InsightsScreen > .chart--head { color: $text-muted; text-style: bold; }
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
        Binding(keys.PERIODS[0], "period('4w')", "4 weeks", group=_periods, id="insights.4-weeks"),
        Binding(keys.PERIODS[1], "period('3m')", "3 months", group=_periods, id="insights.3-months"),
        Binding(keys.PERIODS[2], "period('1y')", "A year", group=_periods, id="insights.year"),
        Binding(keys.PERIODS[3], "period('all')", "All", group=_periods, id="insights.all"),
        Binding(keys.BACK, "back", "Back", id="insights.back"),
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
        yield Footer(compact=True)

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
            counts = count(store, period, today, areas, day_start=self.practice.settings.day_start)
        except JournalError as error:  # an earlier year damaged since the start: stop as a start would
            self.app.call_from_thread(cast(HasPractice, self.app).stop_on_journal, error)
            return
        except OSError as error:
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
        found = counts.figures
        drawings: dict[str, tuple[Callable[[Counts, Paint, int], Text], list[str]]] = {
            "reps": (draw_reps, reps_words(counts)),
            "keep": (draw_keep_rate, keep_words(counts)),
            "pulls": (draw_pulls, pulls_words(counts)),
            "patterns": (draw_patterns, patterns_words(counts)),
            "certainty": (draw_certainty, certainty_words(counts)),
            "hours": (draw_hours, hours_words(counts)),
            "contact": (draw_contact, contact_words(counts)),
            "areas": (draw_areas, areas_words(counts, areas)),
            "plans": (draw_plans, plans_words(found)),
            "forecast": (draw_forecast, forecast_words(found)),
            "sooner": (draw_sooner, latency_words(found)),
            "pause": (draw_pause, pause_words(found)),
            "signs": (draw_signs, early_signs_words(found)),
            "revisions": (draw_revisions, revisions_words(found)),
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
