"""Widgets the screens share."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.cells import set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, RadioButton, RadioSet, SelectionList, Static, TextArea

from data.text import shown_line
from data.validate import NAME_MAX, clean_line
from data.vocabulary import match_name


def component_style(widget: Widget, name: str) -> Style:
    """A component class's colour and text style on WIDGET, without its background, so styles combine.

    Resolved in full first: theme colours such as $text-disabled carry an alpha to blend.
    """
    full = widget.get_component_rich_style(name)
    return Style(color=full.color, bold=full.bold, italic=full.italic, underline=full.underline)


class Prompt(Static):
    """A line in the app's voice, above a form or a list."""

    DEFAULT_CSS = """
    Prompt { color: $text-muted; text-style: italic; margin: 0 0 1 0; }
    """


class FieldLabel(Static):
    """The label above a form field."""

    DEFAULT_CSS = """
    FieldLabel { margin-top: 1; text-style: bold; }
    """


class ProblemLine(Static):
    """The one-line reason a form did not save; hidden until there is one."""

    DEFAULT_CSS = """
    ProblemLine { color: $warning; text-style: bold; margin-top: 1; display: none; }
    """


class NoteArea(TextArea):
    """A few lines of free text."""

    DEFAULT_CSS = """
    NoteArea { height: 3; border: none; border-left: wide $panel; padding: 0 1; background: $boost; }
    NoteArea:focus { border: none; border-left: wide $accent; }
    """

    def __init__(self, text: str = "", *, id: str | None = None, placeholder: str = "") -> None:
        super().__init__(text, id=id, soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
        self.placeholder = placeholder


class NamesPicker(Vertical):
    """Choose names from a vocabulary (pulls, patterns), plus new ones in your own words."""

    DEFAULT_CSS = """
    NamesPicker { height: auto; }
    NamesPicker SelectionList { height: auto; max-height: 11; border: none; border-left: wide $panel; padding: 0; }
    NamesPicker SelectionList:focus { border: none; border-left: wide $accent; }
    NamesPicker Input { margin-top: 0; }
    """

    def __init__(
        self, vocabulary: Sequence[str], *, kind: str, chosen: Iterable[str] = (), id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.vocabulary = tuple(vocabulary)
        self.kind = kind
        chosen_keys = {name.casefold() for name in chosen}
        self._chosen = chosen_keys
        self._extra = [name for name in chosen if name.casefold() not in {v.casefold() for v in self.vocabulary}]

    def compose(self) -> ComposeResult:
        yield SelectionList[str](
            *[(Text(shown_line(name)), name, name.casefold() in self._chosen) for name in self.vocabulary],
        )
        # Names of one's own are held as shown: one kept from a hand-edited journal saves as it reads.
        yield Input(
            ", ".join(shown_line(name) for name in self._extra),
            placeholder=f"another {self.kind}, in your words (comma between several)",
            compact=True,
        )

    def names(self) -> list[str]:
        """The chosen names: ticked ones, then typed ones (matched to the vocabulary when they are in it)."""
        chosen = list(self.query_one(SelectionList).selected)
        typed = self.query_one(Input).value
        for part in typed.split(","):
            text = clean_line(part, f"The {self.kind}", limit=NAME_MAX)
            if not text:
                continue
            name = match_name(text, self.vocabulary).name
            if name.casefold() not in (c.casefold() for c in chosen):
                chosen.append(name)
        return chosen

    def values(self) -> tuple[tuple[str, ...], str]:
        """The raw state of the picker, for unsaved-change checks."""
        return tuple(sorted(self.query_one(SelectionList).selected)), self.query_one(Input).value

    def clear(self) -> None:
        """Untick everything and empty the typed names."""
        self.query_one(SelectionList).deselect_all()
        self.query_one(Input).value = ""


class ChoiceSet(RadioSet):
    """A set of radio buttons whose cursor starts on the chosen one (so a revisit starts there)."""

    def on_mount(self) -> None:
        self.call_after_refresh(self._start_on_pressed)

    def _start_on_pressed(self) -> None:
        for index, button in enumerate(self.query(RadioButton)):
            if button.value:
                # RadioSet keeps its cursor in `_selected` and starts it on the first button.
                self._selected = index


class RowTable(ScrollView, can_focus=True):
    """A table drawn line by line: tens of thousands of rows cost only the lines on screen.

    Columns are (title, width); a width of 0 takes the room left. Rows are tuples of text.
    """

    DEFAULT_CSS = """
    RowTable { height: 1fr; overflow-x: hidden; }
    RowTable > .row-table--header { text-style: bold; color: $text-muted; }
    RowTable > .row-table--cursor { background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold; }
    RowTable:blur > .row-table--cursor { background: $block-cursor-blurred-background; text-style: none; }
    RowTable > .row-table--deleted { color: $text-disabled; text-style: strike; }
    """
    COMPONENT_CLASSES = {"row-table--header", "row-table--cursor", "row-table--deleted"}
    BINDINGS = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
        Binding("enter", "choose", "Open", show=False),
    ]

    cursor: reactive[int] = reactive(0, always_update=True)

    @dataclass
    class Chosen(Message):
        """A row was chosen with enter (or a click on the row under the cursor)."""

        table: RowTable
        index: int

    @dataclass
    class Moved(Message):
        """The cursor moved to another row."""

        table: RowTable
        index: int

    def __init__(self, columns: Sequence[tuple[str, int]], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns = list(columns)
        self.rows: list[tuple[str, ...]] = []
        self.dimmed: set[int] = set()

    def set_rows(self, rows: list[tuple[str, ...]], dimmed: Iterable[int] = ()) -> None:
        """Show ROWS (dimmed ones drawn struck through), keeping the cursor in range."""
        self.rows = rows
        self.dimmed = set(dimmed)
        self.virtual_size = Size(self.size.width, len(rows) + 1)
        self.cursor = min(self.cursor, max(len(rows) - 1, 0))
        self.refresh()

    def _widths(self) -> list[int]:
        fixed = sum(width for _, width in self.columns) + 2 * (len(self.columns) - 1) + 1
        flexible = max(self.size.width - fixed - 1, 8)
        return [width or flexible for _, width in self.columns]

    def _line(self, cells: Sequence[str]) -> str:
        parts = [
            set_cell_size(shown_line(" ".join(cell.split())), width)
            for cell, width in zip(cells, self._widths(), strict=False)
        ]
        return " " + "  ".join(parts)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y == 0:
            style = self.get_component_rich_style("row-table--header")
            return Strip([Segment(set_cell_size(self._line([t for t, _ in self.columns]), width), style)])
        index = self.scroll_offset.y + y - 1
        if index >= len(self.rows):
            return Strip.blank(width, self.rich_style)
        style = self.rich_style
        if index in self.dimmed:
            style += self.get_component_rich_style("row-table--deleted")
        if index == self.cursor:
            style += self.get_component_rich_style("row-table--cursor", partial=True)
        return Strip([Segment(set_cell_size(self._line(self.rows[index]), width), style)])

    def watch_cursor(self, old: int, new: int) -> None:
        visible = self.size.height - 1
        if new < self.scroll_offset.y:
            self.scroll_to(y=new, animate=False)
        elif visible > 0 and new >= self.scroll_offset.y + visible:
            self.scroll_to(y=new - visible + 1, animate=False)
        self.refresh()
        if self.rows:
            self.post_message(self.Moved(self, new))

    def action_move(self, step: int) -> None:
        if self.rows:
            self.cursor = max(0, min(len(self.rows) - 1, self.cursor + step))

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(self.size.height - 2, 1))

    def action_jump(self, where: int) -> None:
        if self.rows:
            self.cursor = where if where >= 0 else len(self.rows) - 1

    def action_choose(self) -> None:
        if self.rows:
            self.post_message(self.Chosen(self, self.cursor))

    def on_click(self, event: events.Click) -> None:
        index = self.scroll_offset.y + event.y - 1
        if 0 <= index < len(self.rows):
            if index == self.cursor:
                self.action_choose()
            self.cursor = index

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.rows) + 1)
