"""Insights: the repetitions that build self-trust, over a chosen period.

The figures are `data.stats`'s (one definition for the screen and `selftrust stats`),
counted by `data.stats.count` in a thread worker and posted back; this module only draws
them, as text: bar charts of Unicode blocks (one column a week, or a few weeks averaged
when the period is wider than the screen), small tables, the hours of the day, a year
grid of practice days, and a few kind words beside each figure saying what it means.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.style import Style
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
from data.stats import (
    EMPTY_JOURNAL,
    GRID_WEEKS,
    Counts,
    Trend,
    WeekFigure,
    count,
    percent,
    plural,
    shift_months,
)
from data.store import JournalError, Store
from data.text import shown_line
from tui.base import PracticeScreen
from tui.widgets import component_style

# -- periods -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Period:
    """A span of days to look back over, ending today."""

    key: str
    name: str  # in the chooser and the footer
    these: str  # in a sentence: "Nothing recorded in these 4 weeks."


PERIODS: dict[str, Period] = {
    "4w": Period("4w", "4 weeks", "these 4 weeks"),
    "3m": Period("3m", "3 months", "these 3 months"),
    "1y": Period("1y", "a year", "this past year"),
    "all": Period("all", "all", "your journal"),
}
DEFAULT_PERIOD = "3m"


# -- drawing -------------------------------------------------------------------------

Paint = Callable[[str], Style]
"""A component class's name -> its style in the current theme."""

BLOCKS = " ▁▂▃▄▅▆▇█"
FULL, EMPTY_CELL = "█", "░"
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
PRACTISED, NOT_PRACTISED = "■", "·"


def number(value: float) -> str:
    """A count as a person reads it: 3, 2.5, 1,204."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


class Runs:
    """Text built from pieces, where neighbours of one style become one span (charts draw faster)."""

    def __init__(self) -> None:
        self.parts: list[tuple[str, Style | None]] = []

    def add(self, chars: str, style: Style | None = None) -> None:
        """Add CHARS in STYLE (None: plain)."""
        if not chars:
            return
        if self.parts and self.parts[-1][1] == style:
            self.parts[-1] = (self.parts[-1][0] + chars, style)
        else:
            self.parts.append((chars, style))

    def text(self) -> Text:
        """The pieces as one Text that never wraps."""
        text = Text(no_wrap=True, overflow="crop")
        for chars, style in self.parts:
            text.append(chars, style)
        return text


def times(count: int) -> str:
    """ "once", "twice", "3 times"."""
    return {1: "once", 2: "twice"}.get(count, f"{count:,} times")


@dataclass(frozen=True, slots=True)
class Series:
    """One row group of a bar chart: a value per column, on a scale from 0 to TOP."""

    name: str
    values: Sequence[float | None]  # None: no value that column (drawn as a gap)
    top: float
    top_label: str
    bottom_label: str
    style: str  # the component class the bars are drawn in
    height: int = 3
    floor: bool = False  # a zero still shows a sliver, so it reads apart from a gap


def eighths(value: float | None, top: float, height: int, floor: bool) -> int:
    """How many eighths of a row a bar fills (0 for a gap or nothing)."""
    if value is None or top <= 0:
        return 0
    if value <= 0:
        return 1 if floor else 0
    return max(1, min(height * 8, round(value / top * height * 8)))


NAME_WIDTH, SCALE_WIDTH = len("returns"), len("100%")
"""The week charts share their left margin, so their columns line up one above another."""


def bar_chart(paint: Paint, series: Sequence[Series], cell: int, labels: Sequence[tuple[int, str]]) -> Text:
    """Vertical bars, one column of CELL characters per value, each series on its own baseline.

    The scale sits on the left: a series' top value beside its top row, its bottom value
    on its baseline. LABELS are (column, text) pairs placed under the last baseline
    where they fit.
    """
    columns = max((len(s.values) for s in series), default=0)
    name_width = max(NAME_WIDTH, *(len(s.name) for s in series))
    scale_width = max(SCALE_WIDTH, *(max(len(s.top_label), len(s.bottom_label)) for s in series))
    indent = name_width + 1 + scale_width + 1
    axis, label_style = paint("insights--axis"), paint("insights--label")
    bar = FULL * max(1, cell - 1) + (" " if cell > 1 else "")
    text = Runs()
    for index, one in enumerate(series):
        style = paint(one.style)
        levels = [eighths(v, one.top, one.height, one.floor) for v in one.values]
        for row in range(one.height):
            from_bottom = one.height - 1 - row
            if row == 0:
                text.add(one.name.ljust(name_width) + " " + one.top_label.rjust(scale_width) + " ", label_style)
                text.add("┤", axis)
            else:
                text.add(" " * indent)
                text.add("│", axis)
            for level in levels:
                filled = level - from_bottom * 8
                if filled >= 8:
                    text.add(bar[: max(1, cell - 1)], style)
                    text.add(bar[max(1, cell - 1) :])
                elif filled > 0:
                    text.add(BLOCKS[filled] * max(1, cell - 1), style)
                    text.add(" " if cell > 1 else "")
                else:
                    text.add(" " * cell)
            text.add("\n")
        text.add(" " * (name_width + 1) + one.bottom_label.rjust(scale_width) + " ", label_style)
        last = index == len(series) - 1
        text.add(("└" if last else "├") + "─" * (columns * cell), axis)
        text.add("" if last else "\n")
    line, free = [" "] * (columns * cell + 1), 0
    for column, label in labels:
        x = column * cell + 1
        if x >= free and x + len(label) <= len(line):
            line[x : x + len(label)] = list(label)
            free = x + len(label) + 1
    text.add("\n")
    text.add(" " * indent + "".join(line).rstrip(), label_style)
    return text.text()


@dataclass(frozen=True, slots=True)
class WeekColumns:
    """The period's weeks grouped into columns that fit the width: PER weeks a column, CELL wide."""

    groups: tuple[tuple[WeekFigure, ...], ...]
    per: int
    cell: int

    def labels(self) -> list[tuple[int, str]]:
        """A month (or, over years, a year) under the column where it begins."""
        if not self.groups:
            return []
        span = (self.groups[-1][-1].start - self.groups[0][0].start).days
        found, last = [], None
        for column, group in enumerate(self.groups):
            thursday = group[0].start + dt.timedelta(days=3)  # the ISO week's own month
            mark = str(thursday.year) if span > 550 else f"{thursday:%b}"
            if mark != last:
                found.append((column, mark))
                last = mark
        if len(found) >= 2 and (found[1][0] - found[0][0]) * self.cell <= len(found[0][1]):
            del found[0]  # a period opening late in a month (or year): the next name is the useful one
        return found

    def sums(self, value: Callable[[WeekFigure], float]) -> list[float]:
        """The average week of each column (a column of one week: that week)."""
        return [sum(value(week) for week in group) / len(group) for group in self.groups]


def week_columns(weeks: Sequence[WeekFigure], room: int) -> WeekColumns:
    """Fit WEEKS into ROOM characters: up to 4 a week when few, else several weeks to a column.

    Columns are grouped from the latest week back, so the newest column is always whole.
    """
    if not weeks:
        return WeekColumns((), 1, 1)
    room = max(room, 8)
    if len(weeks) <= room:
        return WeekColumns(tuple((week,) for week in weeks), 1, max(1, min(4, room // len(weeks))))
    per = math.ceil(len(weeks) / room)
    groups = []
    end = len(weeks)
    while end > 0:
        groups.append(tuple(weeks[max(0, end - per) : end]))
        end -= per
    return WeekColumns(tuple(reversed(groups)), per, 1)


def chart_room(width: int) -> int:
    """The characters a chart's bars have at WIDTH, after the shared margin and the axis."""
    return width - (NAME_WIDTH + 1 + SCALE_WIDTH + 2)


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
        chart.append(f"\n{' ' * (NAME_WIDTH + SCALE_WIDTH + 3)}each column: {columns.per} weeks, as their average week", paint("insights--label"))
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


def table(paint: Paint, head: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool]) -> Text:
    """Rows under a muted heading, columns two spaces apart; RIGHT says which to right-align."""
    widths = [max(len(cell) for cell in column) for column in zip(head, *rows, strict=False)]

    def line(cells: Sequence[str]) -> str:
        parts = [cell.rjust(w) if r else cell.ljust(w) for cell, w, r in zip(cells, widths, right, strict=False)]
        return "  ".join(parts).rstrip()

    text = Text(no_wrap=True, overflow="crop")
    text.append(line(head), paint("insights--head"))
    for row in rows:
        text.append("\n" + line(row))
    return text


def shorten(name: str, width: int = 26) -> str:
    """A name cut to WIDTH characters, with an ellipsis when cut; a control character in it shown by its stand-in."""
    name = shown_line(name)
    return name if len(name) <= width else name[: width - 1] + "…"


def meter(paint: Paint, rate: float | None, style: str, cells: int = 10) -> Text:
    """A rate as a row of filled and empty cells: ███████░░░ (symbols, not only colour)."""
    if rate is None:
        return Text(" " * cells)
    filled = round(rate * cells)
    return Text.assemble((FULL * filled, paint(style)), (EMPTY_CELL * (cells - filled), paint("insights--rest")))


def draw_pulls(counts: Counts, paint: Paint, width: int) -> Text:
    """The pulls, most named first, and how the decisions they came on ended."""
    details = counts.figures.pull_details[:8]
    if not details:
        return Text()
    rows = [
        (shorten(item.name), f"{item.count:,}", f"{item.outcomes.returned:,}", f"{item.outcomes.kept:,}", f"{item.outcomes.abandoned:,}")
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
    text.append(f"{'pattern'.ljust(name_width)}  times", paint("insights--head"))
    bar_room = max(4, min(20, width - name_width - 10))
    for name, item in zip(names, details, strict=True):
        length = max(1, round(item.count / top * bar_room))
        text.append(f"\n{name.ljust(name_width)}  {item.count:>5,}  ")
        text.append(FULL * length, paint("insights--patterns"))
    pairs = found.pull_patterns[:5]
    if pairs:
        text.append("\n\n")
        text.append("which pull leads to which pattern", paint("insights--head"))
        lines = [f"{shorten(pair.pull, 18)} → {shorten(pair.pattern)}" for pair in pairs]
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
            text.append(f"  {outcomes.held:,} of {outcomes.resolved:,} kept or came back ({percent(group.keep_rate)})")
        else:
            text.append(f"  {plural(outcomes.total, 'decision')}, none kept, returned or abandoned yet", paint("insights--label"))
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


def draw_year(counts: Counts, paint: Paint, width: int) -> Text:
    """A year of practice days: 53 week columns, Monday to Sunday, one character a day."""
    start, today, days = counts.year_start, counts.today, counts.year_days
    label, none, practised = paint("insights--label"), paint("insights--none"), paint("insights--practised")
    marked = paint("insights--today")
    today_style = Style(bold=marked.bold, underline=marked.underline)  # the day's own colour stays
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
    text = Runs()
    text.add("    " + "".join(months).rstrip(), label)
    for row, name in enumerate(WEEKDAYS):
        text.add("\n")
        text.add(f"{name} ", label)
        for column in range(GRID_WEEKS):
            day = start + dt.timedelta(weeks=column, days=row)
            if day > today:
                text.add(" ")
                continue
            mark, style = (PRACTISED, practised) if day in days else (NOT_PRACTISED, none)
            text.add(mark, style + today_style if day == today else style)
    text.add("\n    ")
    text.add(PRACTISED, practised)
    text.add(" a practice day   ", label)
    text.add(NOT_PRACTISED, none)
    text.add(" a day without   today is underlined", label)
    return text.text()


def draw_period(chosen_period: str, paint: Paint) -> Text:
    """The period chooser: each period with its key, the chosen one marked ●; a click chooses."""
    text = Text(no_wrap=True, overflow="crop")
    text.append("Period", paint("insights--label"))
    for index, period in enumerate(PERIODS.values(), 1):
        chosen = period.key == chosen_period
        click = Style(meta={"@click": f"screen.period('{period.key}')"})
        text.append("   ")
        text.append(f"{index} ", paint("insights--label") + click)
        text.append(f"{'●' if chosen else '○'} {period.name}", (paint("insights--chosen") if chosen else Style()) + click)
    return text


# -- words ---------------------------------------------------------------------------


def span_words(counts: Counts) -> str:
    """Which days the figures cover, in words."""
    found = counts.figures
    if counts.empty_journal or found.first is None or found.last is None:
        return ""
    period = PERIODS[counts.period]
    if counts.began is not None and found.first == counts.began:
        since = f"since your first day, {day_heading(found.first)}"
        return f"{period.name.capitalize()}: {since}" if counts.period != "all" else f"All of it: {since}"
    return f"{period.name.capitalize()}: {day_heading(found.first)} to {day_heading(found.last)}"


def summary_words(counts: Counts) -> list[str]:
    """The headline: what these days hold, and a kind word about it."""
    found = counts.figures
    period = PERIODS[counts.period]
    welcome = found.days_since_last is not None and found.days_since_last >= 2
    if found.empty:
        lines = [f"Nothing recorded in {period.these}. Any day is a good day to come back."]
        if found.last_practiced is not None:
            lines.append(f"Your last practice was {day_heading(found.last_practiced)}. Welcome back — today counts.")
            lines.append("Press 4 to see all of it.")
        return lines
    keep = "keep rate not yet" if found.keep_rate is None else f"keep rate {percent(found.keep_rate)}"
    lines = [
        (
            f"{plural(found.days_practiced, 'day')} practised · {plural(found.decisions, 'decision')} · "
            f"{plural(found.returns, 'return')} · {plural(found.reps, 'rep')} · {keep}"
        )
    ]
    whole_journal = counts.began is not None and found.first == counts.began
    if whole_journal and found.days_practiced == 1:
        lines.append("One day in. The record has begun.")
    elif whole_journal and found.days_practiced < 7:
        lines.append(f"{found.days_practiced} days in. The record is growing; the trends fill in over the weeks.")
    elif found.returns == 1:
        lines.append("One return: once you left and came back. That's the training.")
    elif found.returns:
        lines.append(f"{found.returns:,} returns: {found.returns:,} times you left and came back. That's the training.")
    else:
        lines.append("No returns in these days yet. The first time you come back, it counts here.")
    if welcome:
        lines.append(f"Your last practice was {plural(found.days_since_last or 0, 'day')} ago. Welcome back. Today counts.")
    return lines


def compare_words(noun: str, found: Trend, weeks: int, unit: str = "a week", fewer: str = " A quieter stretch, not a verdict.") -> str:
    """The last 4 weeks against the 4 before, or what there is so far; FEWER follows a dip."""
    recent, before = found.recent, found.before
    if recent is None:
        return ""
    if before is None:
        if weeks <= 1:
            return f"One week so far: {number(round(recent, 1))} {noun}. The trend shows after a few weeks."
        return f"So far: {recent:.1f} {noun} {unit}, over {weeks} weeks."
    last = min(weeks, 4)
    earlier = min(max(weeks - 4, 0), 4)
    the_before = "the 4 before" if earlier == 4 else f"the {earlier} before" if earlier > 1 else "the week before"
    if round(recent, 1) > round(before, 1):
        return f"More {noun} in the last {last} weeks than {the_before}: {recent:.1f} {unit}, up from {before:.1f}."
    if round(recent, 1) < round(before, 1):
        return f"Fewer {noun} in the last {last} weeks than {the_before}: {recent:.1f} {unit}, down from {before:.1f}.{fewer}"
    return f"As many {noun} in the last {last} weeks as {the_before}: {recent:.1f} {unit}."


def direction_words(found: Trend, values: Sequence[float], noun: str) -> str:
    """Where the fitted line heads over the whole period, in a word and an arrow."""
    weeks = len(values)
    if found.slope is None or weeks < 6:
        return ""
    mean = sum(values) / weeks
    change = found.slope * (weeks - 1) / max(mean, 0.25)
    if change > 0.2:
        word = "rising ↗"
    elif change < -0.2:
        word = "easing ↘ (weeks vary; every rep still counts)"
    else:
        word = "steady →"
    return f"Across all {weeks} weeks, {noun} are {word}."


def reps_words(counts: Counts) -> list[str]:
    """Beside the reps chart: where reps and returns are heading."""
    found = counts.figures
    weeks = len(found.weeks)
    lines = []
    if not found.reps:
        lines.append("No reps in these days yet. A rep is a return, or a decision kept although something pulled.")
    else:
        lines.append(compare_words("reps", found.reps_trend, weeks))
        lines.append(direction_words(found.reps_trend, [w.reps for w in found.weeks], "reps"))
    if found.returns:
        lines.append(compare_words("returns", found.returns_trend, weeks, fewer=""))
    return [line for line in lines if line]


def keep_words(counts: Counts) -> list[str]:
    """Beside the keep rate: what it counts, and what it leaves out."""
    found = counts.figures
    if found.keep_rate is None:
        return ["Nothing kept, returned or abandoned yet in these days. The keep rate starts with your first evening review."]
    o = found.outcomes
    lines = [f"You kept or came back to {o.held:,} of {o.resolved:,} ({percent(found.keep_rate)}). An honest change of mind is left out: it isn't a failure."]
    if any(week.keep_rate is None for week in found.weeks) and len(found.weeks) > 1:
        lines.append("A blank week had nothing to count; a sliver is a week that counted and kept none.")
    return lines


def pulls_words(counts: Counts) -> list[str]:
    """Beside the pulls: the one that came most, and the one that most often won."""
    details = counts.figures.pull_details
    if not details:
        return ["No pulls named in these days. When one comes at midday, name it: it shows here."]
    top = details[0]
    lines = ["Times named at midday, then how those decisions ended."]
    first = f"{shown_line(top.name)} came most: {plural(top.count, 'time')}." if len(details) > 1 else f"{shown_line(top.name)} came {times(top.count)}."
    if top.outcomes.returned:
        first += f" You came back {plural(top.outcomes.returned, 'time')} after it."
    lines.append(first)
    abandoning = [item for item in details if item.outcomes.abandoned]
    if abandoning:
        worst = max(abandoning, key=lambda item: (item.outcomes.abandoned / item.decisions, item.count))
        lines.append(
            f"{shown_line(worst.name)} ended in abandonment most often ({worst.outcomes.abandoned:,} of {plural(worst.decisions, 'decision')}). "
            "Information, not a verdict: next time it comes, you'll know it."
        )
    return lines


def patterns_words(counts: Counts) -> list[str]:
    """Beside the old patterns: the one that showed most, and the pull that led there."""
    found = counts.figures
    if not found.pattern_details:
        return ["No old patterns named yet. When one shows at midday, name it: seeing it is the start of the return."]
    top = found.pattern_details[0]
    most = f"showed most ({plural(top.count, 'time')})" if len(found.pattern_details) > 1 else f"showed {times(top.count)}"
    lines = [f"{shown_line(top.name)} {most}. Naming the pattern is how you catch it sooner."]
    if found.pull_patterns:
        pair = found.pull_patterns[0]
        lines.append(f"When {pair.pull} came, {pair.pattern} followed most often.")
    return lines


def certainty_words(counts: Counts) -> list[str]:
    """Beside certainty: what happened to the decisions made unsure."""
    groups = {group.label: group for group in counts.figures.certainty_groups}
    unsure = groups.get("1-2")
    if unsure is not None and unsure.outcomes.resolved:
        o = unsure.outcomes
        return [f"You kept {o.held:,} of {plural(o.resolved, 'decision')} you made at certainty 1-2. You don't need to be sure."]
    return ["You don't need to be sure to decide. What happens to the decisions you make unsure will show here."]


def hours_words(counts: Counts) -> list[str]:
    """Beside the hours: when the pulls come most."""
    hours = counts.figures.pull_hours
    total = sum(hours)
    if not total:
        return ["No pulls yet in these days. A midday check that meets one marks its hour here."]
    peak = max(range(24), key=lambda hour: (hours[hour], -hour))
    return [
        (
            f"Pulls came most often between {peak:02d}:00 and {(peak + 1) % 24:02d}:00 "
            f"({hours[peak]:,} of {plural(total, 'check')} that met one). Knowing the hour, you can meet it."
        )
    ]


def contact_words(counts: Counts) -> list[str]:
    """Beside contact: its mean, and how recent weeks compare."""
    found = counts.figures
    if found.contact is None:
        return ["How connected did you stay? The evening review asks, 1 to 5; your answers show here."]
    lines = [f"{found.contact:.1f} of 5 on average, from {plural(found.contact_reviews, 'evening review')}."]
    recent, before = found.contact_trend.recent, found.contact_trend.before
    if recent is not None and before is not None:
        if round(recent, 1) > round(before, 1):
            lines.append(f"A little more connected lately: {recent:.1f}, up from {before:.1f}.")
        elif round(recent, 1) < round(before, 1):
            lines.append(f"A little less connected lately: {recent:.1f}, down from {before:.1f}. Noticing it is part of the practice.")
        else:
            lines.append(f"Steady lately: {recent:.1f}.")
    return lines


def areas_words(counts: Counts, wanted: Sequence[str]) -> list[str]:
    """Beside the areas: where the reps came, and an area of the settings left quiet."""
    areas = counts.figures.areas
    active = [area for area in areas if area.decisions]
    lines = []
    reps = sum(area.reps for area in areas)
    if len(active) >= 2 and reps:
        most = max(active, key=lambda area: area.reps)
        if sum(1 for area in active if area.reps == most.reps) > 1:
            lines.append(f"Reps came evenly: {most.reps:,} in each. The same return trains every area.")
        else:
            lines.append(f"Most reps came in {shown_line(most.area)} ({most.reps:,} of {reps:,}). The same return trains every area.")
    quiet = [area.area for area in areas if not area.decisions and area.area in wanted]
    for name in quiet:
        lines.append(f"No decisions in {name} in these days; it's there when you need it.")
    return lines


def year_words(counts: Counts) -> list[str]:
    """Beside the year grid: its practice days, and the longest pause it came back from."""
    days = sorted(counts.year_days)
    if not days:
        return ["No practice days in the last year yet. The first one starts the grid."]
    if len(days) == 1:
        lines = ["One practice day in the last year: the first mark on the grid."]
    else:
        lines = [f"{len(days):,} practice days in the last year."]
    longest = max(((after - before).days - 1 for before, after in itertools.pairwise(days)), default=0)
    if longest > 0:
        lines.append(f"Your longest pause was {plural(longest, 'day')}, and you came back after it.")
    return lines


EMPTY_PROMISE = """\
As you practise, this page fills in:
  · reps and returns, week by week, and where they are heading
  · your keep rate: the decisions you kept or came back to
  · the pulls that come most, and how those decisions ended
  · the old patterns, and which pull leads to which
  · what happens to the decisions you make without being sure
  · the hours of the day the pulls come
  · your contact with yourself, and your areas side by side
  · a year of practice days

Press escape, then m on Today, to set your first decision."""


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


# -- widgets -------------------------------------------------------------------------


class Drawing(Static):
    """A chart, table or grid, drawn as text for the width it has, in the screen's colours.

    The colours are the Insights screen's component classes: resolved once for the
    screen rather than once for every drawing, which keeps opening the screen quick.
    """

    DEFAULT_CSS = """
    Drawing { height: auto; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._draw: Callable[[Paint, int], Text] | None = None
        self._drawn: tuple[object, Text] | None = None

    def show(self, draw: Callable[[Paint, int], Text] | None) -> None:
        """Draw with DRAW from now on (None: nothing)."""
        self._draw, self._drawn = draw, None
        self.refresh(layout=True)

    def paint(self, name: str) -> Style:
        """A component class's colour and text style, without its background, so styles combine."""
        return component_style(self.screen, name)

    def drawn(self, width: int) -> Text:
        """The drawing at WIDTH (kept until the width, the theme or the figures change)."""
        if self._draw is None:
            return Text()
        key = (width, self.app.theme)
        if self._drawn is None or self._drawn[0] != key:
            self._drawn = (key, self._draw(self.paint, width))
        return self._drawn[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        drawn = self.drawn(width)
        return drawn.plain.count("\n") + 1 if drawn.plain else 0

    def render(self) -> Text:
        return self.drawn(self.content_size.width or self.size.width or 80)


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
    def count_in_thread(self, store: Store, period: str, today: dt.date, areas: tuple[str, ...], generation: int) -> None:
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
