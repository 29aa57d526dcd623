"""Charts drawn as text: bars of Unicode blocks, tables, meters, week columns and rows of day marks.

Insights draws its sections with these, and the Calendar its year's rows of day marks
with `marks_row`; neither is known here. Each drawing is a Rich `Text` in the colours a
`Paint` resolves from the component classes of the screen it is on: that screen defines
`chart--axis`, `chart--label`, `chart--head` and `chart--rest`, and names the rest (a
series' colour, say) itself.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.widgets import Static

from data.text import shown_line
from tui.widgets import component_style


class Weekly(Protocol):
    """A week of figures: anything that knows its Monday (`WeekFigure`, `LatencyWeek`)."""

    @property
    def start(self) -> dt.date: ...


W = TypeVar("W", bound=Weekly)

Paint = Callable[[str], Style]
"""A component class's name -> its style in the current theme."""

BLOCKS = " ▁▂▃▄▅▆▇█"
FULL, EMPTY_CELL = "█", "░"
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


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
    axis, label_style = paint("chart--axis"), paint("chart--label")
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
class WeekColumns(Generic[W]):
    """The period's weeks grouped into columns that fit the width: PER weeks a column, CELL wide."""

    groups: tuple[tuple[W, ...], ...]
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

    def sums(self, value: Callable[[W], float]) -> list[float]:
        """The average week of each column (a column of one week: that week)."""
        return [sum(value(week) for week in group) / len(group) for group in self.groups]


def week_columns(weeks: Sequence[W], room: int) -> WeekColumns[W]:
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


def table(paint: Paint, head: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool]) -> Text:
    """Rows under a muted heading, columns two spaces apart; RIGHT says which to right-align."""
    widths = [max(len(cell) for cell in column) for column in zip(head, *rows, strict=False)]

    def line(cells: Sequence[str]) -> str:
        parts = [cell.rjust(w) if r else cell.ljust(w) for cell, w, r in zip(cells, widths, right, strict=False)]
        return "  ".join(parts).rstrip()

    text = Text(no_wrap=True, overflow="crop")
    text.append(line(head), paint("chart--head"))
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
    return Text.assemble((FULL * filled, paint(style)), (EMPTY_CELL * (cells - filled), paint("chart--rest")))


class Drawing(Static):
    """A chart, table or grid, drawn as text for the width it has, in the screen's colours.

    The colours are the component classes of the screen it is on: resolved
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
