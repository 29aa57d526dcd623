"""Calendar: a month and a year of practice days, each marked by its outcomes."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.geometry import Size
from textual.message import Message
from textual.widgets import Footer, Header, Static

from data.daytime import day_heading, shift_months
from data.models import Outcome
from data.ritual import OUTCOME_MARKS
from tui import keys
from tui.base import PracticeScreen
from tui.charts import WEEKDAYS, Mark, marks_row
from tui.widgets import component_style

DayOutcomes = Sequence[Outcome | None]
"""A day's decisions' outcomes in decision order; None is a decision still open."""

STRONGEST_FIRST: tuple[Outcome | None, ...] = (
    Outcome.RETURNED,
    Outcome.KEPT,
    Outcome.REVISED,
    Outcome.CARRIED,
    None,
    Outcome.ABANDONED,
)
"""Which mark a day shows when it has one cell: a return is the rep, so it shows first."""

MARKS = OUTCOME_MARKS
WORDS: dict[Outcome | None, str] = {
    Outcome.RETURNED: "returned",
    Outcome.KEPT: "kept",
    Outcome.REVISED: "revised",
    Outcome.CARRIED: "carried forward",
    None: "open",
    Outcome.ABANDONED: "abandoned",
}
CLASSES: dict[Outcome | None, str] = {
    Outcome.RETURNED: "calendar--returned",
    Outcome.KEPT: "calendar--kept",
    Outcome.REVISED: "calendar--revised",
    Outcome.CARRIED: "calendar--revised",  # moved on honestly, as a revision is
    None: "calendar--open",
    Outcome.ABANDONED: "calendar--abandoned",
}
NO_PRACTICE = "·"
NOT_YET = " "  # a day still ahead is no missed day: it stays blank, as in Insights' year
FIRST_DAY, LAST_DAY = dt.date(2, 1, 1), dt.date(9998, 12, 31)
"""How far the calendar goes: far enough, and clear of the dates Python cannot hold."""


def dominant(outcomes: DayOutcomes) -> Outcome | None:
    """The one mark for a day: the strongest of its outcomes (returned, kept, revised, open, abandoned)."""
    return min(outcomes, key=STRONGEST_FIRST.index)


def month_grid_range(month: dt.date) -> tuple[dt.date, dt.date]:
    """The six Monday-first weeks a month view shows: from the Monday on or before the 1st."""
    first = month.replace(day=1)
    start = first - dt.timedelta(days=first.weekday())
    return start, start + dt.timedelta(days=41)


def year_spacing(cell: int) -> tuple[int, int]:
    """A small month's width in a year of CELL-wide days (the last day's gap left off), and the gap between months."""
    return 7 * cell - (cell - 1), 3 if cell == 2 else 2


def year_layout(width: int) -> tuple[int, int]:
    """How many months side by side, and cells of one or two columns, for a year at WIDTH."""
    for per_row in (6, 4, 3, 2, 1):
        for cell in (2, 1):
            block, gap = year_spacing(cell)
            if per_row * block + (per_row - 1) * gap <= width:
                return per_row, cell
    return 1, 1


def month_weeks(year: int, month: int) -> list[list[dt.date | None]]:
    """A month's six Monday-first weeks for a year's small month: its days in place, None outside it."""
    weeks = [
        [day if day.month == month else None for day in week]
        for week in calendar.Calendar().monthdatescalendar(year, month)
    ]
    return weeks + [[None] * 7 for _ in range(6 - len(weeks))]


def day_words(day: dt.date, outcomes: DayOutcomes | None, today: dt.date) -> str:
    """The line under the grid: "Friday 27 November 2026 · 2 decisions: 1 returned, 1 kept"."""
    heading = day_heading(day)
    if not outcomes:
        if day == today:
            return f"{heading} · No practice yet today"
        return f"{heading} · " + ("Still ahead" if day > today else "No practice that day")
    counts = Counter(outcomes)
    parts = [f"{counts[o]} {WORDS[o]}" for o in STRONGEST_FIRST if counts[o]]
    noun = "decision" if len(outcomes) == 1 else "decisions"
    return f"{heading} · {len(outcomes)} {noun}: " + ", ".join(parts)


class Marked(Static):
    """Text that draws outcome marks in the theme's colours (the grid and the legend)."""

    COMPONENT_CLASSES = {
        "calendar--returned",
        "calendar--kept",
        "calendar--revised",
        "calendar--open",
        "calendar--abandoned",
        "calendar--none",
        "calendar--other",
        "calendar--weekday",
        "calendar--today",
        "calendar--cursor",
        "calendar--title",
    }
    DEFAULT_CSS = """
    Marked > .calendar--returned { color: $accent; text-style: bold; }
    Marked > .calendar--kept { color: $success; }
    Marked > .calendar--revised { color: $primary; }
    Marked > .calendar--open { color: $foreground; }
    Marked > .calendar--abandoned { color: $text-muted; }
    Marked > .calendar--none { color: $text-disabled; }
    Marked > .calendar--other { color: $text-disabled; }
    Marked > .calendar--weekday { color: $text-muted; }
    Marked > .calendar--today { text-style: bold underline; }
    Marked > .calendar--cursor { background: $foreground 25%; }
    Marked > .calendar--title { color: $text; text-style: bold; }
    """

    def style_of(self, name: str) -> Style:
        """The colour and text style of one component class, without its background, so styles combine."""
        return component_style(self, name)

    def cursor_style(self) -> Style:
        """The cursor: a background only, so the marks under it keep their colours."""
        full = self.get_component_rich_style("calendar--cursor")
        return Style(bgcolor=full.bgcolor, bold=True)

    def mark_styles(self) -> dict[Outcome | None, Style]:
        """The colour of each outcome's mark."""
        return {outcome: self.style_of(name) for outcome, name in CLASSES.items()}

    def looks(self) -> _Looks:
        """Every style the grid draws with, resolved once for a drawing."""
        return _Looks(
            marks=self.mark_styles(),
            none=self.style_of("calendar--none"),
            other=self.style_of("calendar--other"),
            weekday=self.style_of("calendar--weekday"),
            title=self.style_of("calendar--title"),
            today=self.style_of("calendar--today"),
            cursor=self.cursor_style(),
            chosen=self.style_of("calendar--returned"),
        )


@dataclass(frozen=True, slots=True)
class _Looks:
    """The styles of one drawing of the grid, by what they mark."""

    marks: dict[Outcome | None, Style]  # each outcome's mark
    none: Style  # a day without practice, in a year
    other: Style  # a day of the month before or after, in a month
    weekday: Style
    title: Style  # a month's name, in a year
    today: Style
    cursor: Style
    chosen: Style  # the cursor's month's name, in a year


@dataclass(frozen=True, slots=True)
class _Cell:
    """Where a day sits in the drawn grid, so a click can find it."""

    y: int
    x0: int
    x1: int
    day: dt.date


class CalendarGrid(Marked):
    """A month (six Monday-first weeks) or a year (twelve small months), drawn as one Text."""

    DEFAULT_CSS = """
    CalendarGrid { height: auto; }
    """

    @dataclass
    class Picked(Message):
        """A day was clicked (twice: open it)."""

        day: dt.date
        twice: bool

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view = "month"
        self.cursor: dt.date | None = None  # nothing to draw until the screen shows a day
        self.today = FIRST_DAY
        self.marks: dict[str, list[Outcome | None]] = {}
        self._cells: list[_Cell] = []

    def show(self, view: str, cursor: dt.date, today: dt.date, marks: dict[str, list[Outcome | None]]) -> None:
        """Draw VIEW around CURSOR with these marks."""
        relayout = view != self.view
        self.view, self.cursor, self.today, self.marks = view, cursor, today, marks
        self.refresh(layout=relayout)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if self.view == "month":
            return 12
        rows = 12 // year_layout(width)[0]
        return rows * 8 + rows - 1

    def render(self) -> Text:
        self._cells = []
        if self.cursor is None:
            return Text()
        width = self.content_size.width or 80
        return self._month(width, self.cursor) if self.view == "month" else self._year(width, self.cursor)

    def _month(self, width: int, cursor: dt.date) -> Text:
        cell = max(8, min(12, (width - 4) // 7))
        looks = self.looks()
        text = Text(no_wrap=True, overflow="crop")
        text.append(" wk ", looks.weekday)
        for name in WEEKDAYS:
            text.append(f" {name}".ljust(cell), looks.weekday)
        start, _ = month_grid_range(cursor)
        for week in range(6):
            text.append("\n\n" if week else "\n")
            monday = start + dt.timedelta(days=7 * week)
            text.append(f"{monday.isocalendar().week:>3} ", looks.weekday)
            for offset in range(7):
                day = monday + dt.timedelta(days=offset)
                self._month_day(text, day, cursor, cell, looks)
                self._cells.append(_Cell(1 + 2 * week, 4 + offset * cell, 4 + offset * cell + cell - 1, day))
                text.append(" ")
        return text

    def _month_day(self, text: Text, day: dt.date, cursor: dt.date, cell: int, looks: _Looks) -> None:
        """One day of a month: its number, then a mark per decision (a "+" for those without room)."""
        room = cell - 5  # " 27 " and a gap around the marks
        outside = day.month != cursor.month
        begin = len(text)
        number = Style.combine([looks.other if outside else Style(), looks.today if day == self.today else Style()])
        text.append(" ")
        text.append(f"{day.day:>2}", number)
        text.append(" ")
        outcomes = self.marks.get(day.isoformat(), [])
        shown = outcomes if len(outcomes) <= room else outcomes[: room - 1]
        for outcome in shown:
            text.append(MARKS[outcome], looks.other if outside else looks.marks[outcome])
        if len(shown) < len(outcomes):
            text.append("+", looks.other if outside else Style())
        text.append(" " * (cell - 1 - (len(text) - begin)))
        if day == cursor:
            text.stylize(looks.cursor, begin, len(text))

    def _year(self, width: int, cursor: dt.date) -> Text:
        per_row, cell = year_layout(width)
        looks = self.looks()
        text = Text(no_wrap=True, overflow="crop")
        for row in range(12 // per_row):
            months = range(row * per_row + 1, row * per_row + per_row + 1)
            if row:
                text.append("\n\n")
            self._year_heads(text, months, cursor.month, cell, looks)
            weeks = [month_weeks(cursor.year, month) for month in months]
            for week in range(6):
                text.append("\n")
                y = row * 9 + 2 + week  # each row of months: its names, its weekdays, six weeks, a blank line
                self._year_week(text, [month[week] for month in weeks], y, cell, cursor, looks)
        return text

    def _year_heads(self, text: Text, months: range, chosen: int, cell: int, looks: _Looks) -> None:
        """A row of small months' names (the cursor's month CHOSEN marked), and their weekdays' initials."""
        block, gap = year_spacing(cell)
        initials = "".join(name[0] for name in WEEKDAYS)
        heads = " ".join(initials) if cell == 2 else initials
        last = len(months) - 1
        for i, month in enumerate(months):
            name = calendar.month_name[month] if block >= 9 else calendar.month_abbr[month]
            text.append(name.ljust(block), looks.chosen if month == chosen else looks.title)
            text.append(" " * gap if i < last else "")
        text.append("\n")
        for i, _month in enumerate(months):
            text.append(heads, looks.weekday)
            text.append(" " * gap if i < last else "")

    def _year_week(
        self, text: Text, weeks: list[list[dt.date | None]], y: int, cell: int, cursor: dt.date, looks: _Looks
    ) -> None:
        """One week of each small month in a row, a mark a day, on line Y of the grid."""
        block, gap = year_spacing(cell)
        for i, days in enumerate(weeks):
            marks_row(text.append, (None if day is None else self._year_mark(day, cursor, looks) for day in days), cell)
            if cell == 2:
                text.right_crop(1)  # the gap after the month's last day is the gap between months
            text.append(" " * gap if i < len(weeks) - 1 else "")
            x = i * (block + gap)
            self._cells += [
                _Cell(y, x + offset * cell, x + offset * cell + 1, day)
                for offset, day in enumerate(days)
                if day is not None
            ]

    def _year_mark(self, day: dt.date, cursor: dt.date, looks: _Looks) -> Mark:
        """A day's one mark in a year: its strongest outcome, or a dot for no practice."""
        outcomes = self.marks.get(day.isoformat())
        style = looks.marks[dominant(outcomes)] if outcomes else looks.none
        if day == self.today:
            style = style + looks.today
        if day == cursor:
            style = style + looks.cursor
        if outcomes:
            return MARKS[dominant(outcomes)], style
        return (NOT_YET if day > self.today else NO_PRACTICE), style

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        for cell in self._cells:
            if cell.y == offset.y and cell.x0 <= offset.x < cell.x1:
                self.post_message(self.Picked(cell.day, event.chain >= 2))
                return


class CalendarLegend(Marked):
    """What every mark means, in the practice's own words."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view = "month"

    def render(self) -> Text:
        marks = self.mark_styles()
        text = Text()
        glosses = {Outcome.RETURNED: "returned (a rep)", Outcome.CARRIED: "carried", None: "still open"}
        for i, outcome in enumerate(STRONGEST_FIRST):
            text.append("  " if i else "")
            text.append(MARKS[outcome], marks[outcome])
            text.append(f" {glosses.get(outcome, WORDS[outcome])}")
        text.append("\n")
        if self.view == "year":
            text.append(NO_PRACTICE, self.style_of("calendar--none"))
            text.append(" no practice. A day shows its strongest mark: ")
            for i, outcome in enumerate(STRONGEST_FIRST):
                text.append(", then " if i == 1 else (" " if i else ""))
                text.append(MARKS[outcome], marks[outcome])
            text.append(".")
        else:
            text.append("↺", marks[Outcome.RETURNED])
            text.append(" is a return: you left, then came back. ")
            text.append("○", marks[Outcome.ABANDONED])
            text.append(" is information, not a verdict.")
        return text


class DayLine(Static):
    """The day under the cursor, in words; a hint to open it where there is room."""

    HINT = "  (enter opens it)"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.words, self.practised = "", False

    def show(self, words: str, *, practised: bool) -> None:
        """Name the day under the cursor; a practised day can be opened."""
        self.words, self.practised = words, practised
        self.refresh(layout=True)

    def render(self) -> Text:
        line = Text(self.words)
        if self.practised and len(self.words) + len(self.HINT) <= self.content_size.width:
            line.append(self.HINT, style="dim")
        return line


class CalendarScreen(PracticeScreen):
    """A month or a year of practice days; the cursor's day is named below, enter opens it."""

    DEFAULT_CSS = """
    CalendarScreen #calendar { padding: 1 2 0 2; height: auto; }
    CalendarScreen #calendar-heading { margin-bottom: 1; }
    CalendarScreen #calendar-day { margin-top: 1; }
    CalendarScreen #calendar-legend { margin-top: 1; color: $text-muted; }
    /* A year is taller: on a short terminal it does without the spacing. */
    CalendarScreen.-year.-short #calendar { padding: 0 2; }
    CalendarScreen.-year.-short #calendar-heading { margin-bottom: 0; }
    CalendarScreen.-year.-short #calendar-legend { margin-top: 0; }
    """

    _move = Binding.Group("Move")
    _months = Binding.Group("Month")
    _years = Binding.Group("Year")
    BINDINGS = [
        # The arrows move the cursor one can see, and t is in help: the footer keeps to 80 columns.
        Binding("left", "move(-1)", "Previous day", show=False, group=_move, id="calendar.previous-day"),
        Binding("right", "move(1)", "Next day", show=False, group=_move, id="calendar.next-day"),
        Binding("up", "move(-7)", "Week earlier", show=False, group=_move, id="calendar.previous-week"),
        Binding("down", "move(7)", "Week later", show=False, group=_move, id="calendar.next-week"),
        Binding("pageup", "page(-1)", "Previous month", group=_months, id="calendar.previous-month"),
        Binding("pagedown", "page(1)", "Next month", group=_months, id="calendar.next-month"),
        Binding("pageup", "page_year(-1)", "Previous year", group=_years, id="calendar.previous-year"),
        Binding("pagedown", "page_year(1)", "Next year", group=_years, id="calendar.next-year"),
        Binding(keys.TO_TODAY, "to_today", "Today", show=False, id="calendar.today"),
        Binding(keys.YEAR_OR_MONTH, "show_year", "Year view", id="calendar.year"),
        Binding(keys.YEAR_OR_MONTH, "show_month", "Month view", id="calendar.month"),
        Binding(keys.OPEN, "open_day", "Open day", id="calendar.open"),
        Binding(keys.BACK, "back", "Back", id="calendar.back"),
    ]

    def __init__(self, day: dt.date | None = None) -> None:
        super().__init__()
        self.cursor = day
        self.view = "month"
        self.marks: dict[str, list[Outcome | None]] = {}
        self._shown: tuple[dt.date, dt.date] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="calendar"):
            yield Static(id="calendar-heading")
            yield CalendarGrid(id="calendar-grid")
            yield DayLine(id="calendar-day")
            yield CalendarLegend(id="calendar-legend")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = "Calendar"
        if self.cursor is None:
            self.cursor = self.practice.today()
        self.practice.changed.subscribe(self, self.reread)
        self.show_cursor()

    def on_screen_resume(self) -> None:
        self.reread()

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.height < 28, "-short")

    def reread(self, _what: str = "") -> None:
        """Read the shown range again (an entry was saved, here or in another terminal)."""
        self._shown = None
        self.show_cursor()

    @property
    def day(self) -> dt.date:
        """The day under the cursor."""
        assert self.cursor is not None
        return self.cursor

    def visible_range(self) -> tuple[dt.date, dt.date]:
        """The first and last day the current view draws."""
        if self.view == "year":
            return dt.date(self.day.year, 1, 1), dt.date(self.day.year, 12, 31)
        return month_grid_range(self.day)

    def show_cursor(self) -> None:
        """Draw the view around the cursor, reading the journal only when the range changed."""
        wanted = self.visible_range()
        if wanted != self._shown:
            self.marks = self.practice.store.outcomes_by_day(*wanted)
            self._shown = wanted
        today, day = self.practice.today(), self.day
        year = self.view == "year"
        self.set_class(year, "-year")
        self.sub_title = title = str(day.year) if year else f"{calendar.month_name[day.month]} {day.year}"
        self.query_one("#calendar-heading", Static).update(self.heading(title, today))
        self.query_one(CalendarGrid).show(self.view, day, today, self.marks)
        legend = self.query_one(CalendarLegend)
        if legend.view != self.view:
            legend.view = self.view
            legend.refresh(layout=True)
        outcomes = self.marks.get(day.isoformat())
        self.query_one(DayLine).show(day_words(day, outcomes, today), practised=bool(outcomes))

    def heading(self, title: str, today: dt.date) -> Text:
        """The month or year shown (TITLE), with its practice days and returns (or that it has none yet)."""
        day, year = self.day, self.view == "year"
        if year:
            first, last = dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
        else:
            first, last = day.replace(day=1), shift_months(day.replace(day=1), 1) - dt.timedelta(days=1)
        days = [outcomes for key, outcomes in self.marks.items() if first.isoformat() <= key <= last.isoformat()]
        returns = sum(outcomes.count(Outcome.RETURNED) for outcomes in days)
        heading = Text(title, style="bold")
        if days:
            heading.append(f"  ·  {len(days)} practice day{'s' if len(days) != 1 else ''}", style="dim")
            heading.append(f", {returns} return{'s' if returns != 1 else ''}" if returns else "", style="dim")
        else:
            quiet = "nothing here yet" if last >= today else f"no practice that {'year' if year else 'month'}"
            heading.append(f"  ·  {quiet}", style="dim")
        return heading

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        year = self.view == "year"
        if action in ("page", "show_year"):
            return not year
        if action in ("page_year", "show_month"):
            return year
        return True

    def _go(self, day: dt.date) -> None:
        if not FIRST_DAY <= day <= LAST_DAY:  # a month's six weeks and a whole year still fit here
            self.app.bell()
            return
        self.cursor = day
        self.show_cursor()

    def action_move(self, days: int) -> None:
        """Move the cursor a day or a week."""
        self._go(self.day + dt.timedelta(days=days))

    def action_page(self, months: int) -> None:
        """The previous or next month, on the same day of the month where it exists."""
        self._go(shift_months(self.day, months))

    def action_page_year(self, years: int) -> None:
        """The previous or next year."""
        self._go(shift_months(self.day, 12 * years))

    def action_to_today(self) -> None:
        """Back to today."""
        self._go(self.practice.today())

    def _switch(self, view: str) -> None:
        self.view = view
        self.show_cursor()
        self.refresh_bindings()

    def action_show_year(self) -> None:
        """The whole year, one mark a day."""
        self._switch("year")

    def action_show_month(self) -> None:
        """Back to the month, a mark per decision."""
        self._switch("month")

    async def action_open_day(self) -> None:
        """Open the day under the cursor in the Day view."""
        await self.app.run_action(f"open_day('{self.day.isoformat()}')")

    def action_back(self) -> None:
        """Back to where the calendar was opened from."""
        self.app.pop_screen()

    @on(CalendarGrid.Picked)
    async def pick_day(self, event: CalendarGrid.Picked) -> None:
        self._go(event.day)
        if event.twice:
            await self.action_open_day()
