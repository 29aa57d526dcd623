"""Charts of the practice's figures, drawn as text: bars of Unicode blocks, tables, meters and day grids.

Insights draws every section with these, and the Calendar draws its year's rows of day
marks with `marks_row`. Each drawing is a Rich `Text` in the colours a `Paint` resolves
from the screen's component classes.
"""

from __future__ import annotations

import datetime as dt
import math
import textwrap
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.widgets import Static

from data.daytime import shift_months
from data.figures_words import NONE_RESOLVED, held_of, leads_to, number, percent, plural
from data.stats import GRID_WEEKS
from data.text import shown_line
from tui.widgets import component_style

if TYPE_CHECKING:
    from data.stats import Counts, WeekFigure

Paint = Callable[[str], Style]
"""A component class's name -> its style in the current theme."""

BLOCKS = " ▁▂▃▄▅▆▇█"
FULL, EMPTY_CELL = "█", "░"
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
PRACTISED, NOT_PRACTISED = "■", "·"


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


Mark = tuple[str, Style]
"""A day's mark in a grid, and its style."""


def marks_row(add: Callable[[str, Style | None], object], marks: Iterable[Mark | None], cell: int = 1) -> None:
    """Add a row of day marks with ADD, one to a cell CELL columns wide; None is an empty cell.

    ADD is `Text.append` or `Runs.add`, so a grid can build its own text around the row.
    """
    for mark in marks:
        if mark is None:
            add(" " * cell, None)
            continue
        add(*mark)
        if cell > 1:
            add(" " * (cell - 1), None)


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
        chart.append(
            f"\n{' ' * (NAME_WIDTH + SCALE_WIDTH + 3)}each column: {columns.per} weeks, as their average week",
            paint("insights--label"),
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
            text.append(f"  {plural(outcomes.total, 'decision')}, {NONE_RESOLVED}", paint("insights--label"))
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
    label, none, practised = paint("insights--label"), paint("insights--none"), paint("insights--practised")
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


class Drawing(Static):
    """A chart, table or grid, drawn as text for the width it has, in the screen's colours.

    The colours are the component classes of the screen it is on (Insights'): resolved
    once for the screen rather than once for every drawing, which keeps opening it quick.
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
