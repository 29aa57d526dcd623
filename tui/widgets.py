"""Widgets the screens share."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, Label, RadioButton, RadioSet, Static, TextArea

from data.text import shown_line
from data.validate import NAME_MAX, InputError, clean_line
from data.vocabulary import match_name, pull_words


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


class Choice(RadioButton):
    """A radio button that reads without colour: `(•)` chosen, `( )` not."""

    DEFAULT_CSS = """
    Choice > .choice--mark { color: $text-muted; }
    Choice.-on > .choice--mark { color: $text-success; text-style: bold; }
    """
    COMPONENT_CLASSES = {"choice--mark"}

    @property
    def _button(self) -> Content:
        # Textual draws every button with the same inner mark and tells them apart by colour alone.
        return Content.styled("(•)" if self.value else "( )", self.get_visual_style("choice--mark"))


class ChoiceSet(RadioSet):
    """A set of radio buttons whose cursor starts on the chosen one (so a revisit starts there)."""

    def on_mount(self) -> None:
        self.call_after_refresh(self._start_on_pressed)

    def _start_on_pressed(self) -> None:
        for index, button in enumerate(self.query(RadioButton)):
            if button.value:
                # RadioSet keeps its cursor in `_selected` and starts it on the first button.
                self._selected = index


TICKED, UNTICKED = "[x]", "[ ]"
GUTTER = 2  # spaces between the columns of a TickGrid


class TickGrid(Widget, can_focus=True):
    """Names to tick, in as many columns as the width holds (down each column, then across).

    `[x]` ticked, `[ ]` not, so they read apart without colour; up and down step through the
    names in order, left and right jump a column, space or enter ticks.
    """

    DEFAULT_CSS = """
    TickGrid { height: auto; border-left: wide $panel; }
    TickGrid:focus { border-left: wide $accent; }
    TickGrid > .tick-grid--on { color: $text-success; text-style: bold; }
    TickGrid > .tick-grid--cursor { background: $block-cursor-background; color: $block-cursor-foreground; }
    TickGrid:blur > .tick-grid--cursor { background: transparent; color: $foreground; }
    """
    COMPONENT_CLASSES = {"tick-grid--on", "tick-grid--cursor"}
    BINDINGS = [
        Binding("down", "step(1)", "Next", show=False),
        Binding("up", "step(-1)", "Previous", show=False),
        Binding("right", "jump(1)", "Next column", show=False),
        Binding("left", "jump(-1)", "Previous column", show=False),
        Binding("space,enter", "tick", "Tick", show=False),
    ]

    cursor: reactive[int] = reactive(0)

    @dataclass
    class Changed(Message):
        """A name was ticked or unticked."""

        grid: TickGrid

        @property
        def control(self) -> TickGrid:
            """The grid, for `@on(TickGrid.Changed, selector)`."""
            return self.grid

    def __init__(
        self,
        names: Sequence[str],
        *,
        labels: Sequence[str] | None = None,
        ticked: Iterable[str] = (),
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.names = tuple(names)
        self.labels = tuple(shown_line(label) for label in (labels if labels is not None else names))
        wanted = {name.casefold() for name in ticked}
        self._ticked = [name for name in self.names if name.casefold() in wanted]  # in the order ticked

    @property
    def selected(self) -> list[str]:
        """The ticked names, in the order they were ticked."""
        return list(self._ticked)

    def clear(self) -> None:
        """Untick every name."""
        if self._ticked:
            self._ticked = []
            self.refresh()
            self.post_message(self.Changed(self))

    def _cell(self, index: int) -> str:
        return f"{TICKED if self.names[index] in self._ticked else UNTICKED} {self.labels[index]}"

    def _layout(self, width: int) -> tuple[int, list[int]]:
        """The rows, and each column's width: the fewest rows whose columns fit WIDTH."""
        count = len(self.names)
        sizes = [len(UNTICKED) + 1 + cell_len(label) for label in self.labels]
        for columns in range(count, 0, -1):
            rows = -(-count // columns)
            widths = [max(sizes[start : start + rows]) for start in range(0, count, rows)]
            if sum(widths) + GUTTER * (len(widths) - 1) <= width:
                return rows, widths
        return count, [max(width, 1)]

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return container.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self._layout(width)[0]

    def render(self) -> Text:
        rows, widths = self._layout(self.content_size.width)
        on = component_style(self, "tick-grid--on")
        cursor = self.get_component_rich_style("tick-grid--cursor", partial=True)
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        for row in range(rows):
            if row:
                text.append("\n")
            for column, width in enumerate(widths):
                index = column * rows + row
                if index >= len(self.names):
                    break
                if column:
                    text.append(" " * GUTTER)
                style = on if self.names[index] in self._ticked else Style()
                if index == self.cursor:
                    style += cursor
                text.append(set_cell_size(self._cell(index), width), style)
        return text

    def watch_cursor(self) -> None:
        self.refresh()

    def action_step(self, step: int) -> None:
        if self.names:
            self.cursor = (self.cursor + step) % len(self.names)

    def action_jump(self, step: int) -> None:
        rows = self._layout(self.content_size.width)[0]
        target = self.cursor + step * rows
        if 0 <= target < len(self.names):
            self.cursor = target

    def action_tick(self) -> None:
        if not self.names:
            return
        name = self.names[self.cursor]
        if name in self._ticked:
            self._ticked.remove(name)
        else:
            self._ticked.append(name)
        self.refresh()
        self.post_message(self.Changed(self))

    def on_click(self, event: events.Click) -> None:
        where = event.get_content_offset(self)
        if where is None:
            return
        rows, widths = self._layout(self.content_size.width)
        left = 0
        for column, width in enumerate(widths):
            index = column * rows + where.y
            if left <= where.x < left + width and index < len(self.names):
                self.cursor = index
                self.action_tick()
                return
            left += width + GUTTER


class NamesPicker(Vertical):
    """Choose names from a vocabulary (pulls, patterns), plus new ones in your own words."""

    DEFAULT_CSS = """
    NamesPicker { height: auto; }
    NamesPicker Input { margin-top: 0; }
    """

    def __init__(
        self, vocabulary: Sequence[str], *, kind: str, chosen: Iterable[str] = (), id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.vocabulary = tuple(vocabulary)
        self.kind = kind
        self._chosen = tuple(chosen)
        known = {v.casefold() for v in self.vocabulary}
        self._extra = [name for name in self._chosen if name.casefold() not in known]

    def compose(self) -> ComposeResult:
        labels = [pull_words(name) for name in self.vocabulary] if self.kind == "pull" else None
        yield TickGrid(self.vocabulary, labels=labels, ticked=self._chosen)
        # Names of one's own are held as shown: one kept from a hand-edited journal saves as it reads.
        yield Input(
            ", ".join(shown_line(name) for name in self._extra),
            placeholder=f"another {self.kind}, in your words (comma between several)",
            compact=True,
            select_on_focus=False,
        )

    def names(self) -> list[str]:
        """The chosen names: ticked ones, then typed ones (matched to the vocabulary when they are in it)."""
        chosen = self.query_one(TickGrid).selected
        typed = self.query_one(Input).value
        for part in typed.split(","):
            text = clean_line(part, f"The {self.kind}", limit=NAME_MAX)
            if not text:
                continue
            name = match_name(text, self.vocabulary).name
            if name.casefold() not in (c.casefold() for c in chosen):
                chosen.append(name)
        return chosen

    def shown_names(self) -> list[str]:
        """The chosen names in the order they show: ticked ones down the grid, then typed ones.

        Quiet where `names` is strict: a typed name that cannot be saved is left out, not refused.
        """
        grid = self.query_one(TickGrid)
        shown = [name for name in grid.names if name in grid.selected]
        for part in self.query_one(Input).value.split(","):
            try:
                text = clean_line(part, f"The {self.kind}", limit=NAME_MAX)
            except InputError:
                continue
            name = match_name(text, self.vocabulary).name if text else ""
            if name and name.casefold() not in (s.casefold() for s in shown):
                shown.append(name)
        return shown

    def values(self) -> tuple[tuple[str, ...], str]:
        """The raw state of the picker, for unsaved-change checks."""
        return tuple(sorted(self.query_one(TickGrid).selected)), self.query_one(Input).value

    def clear(self) -> None:
        """Untick everything and empty the typed names."""
        self.query_one(TickGrid).clear()
        self.query_one(Input).value = ""


PLAN_EXAMPLE = "send it as written"
PLAN_NAME_ROOM = 30  # cells of a pull's name in its plan line's label
REFUSED = "-refused"  # the class of the plan line a save refused, so the focus can go to it


class PlanLine(Horizontal):
    """One if-then plan: "If fear comes, I will ..." and the move, in the person's words."""

    DEFAULT_CSS = """
    PlanLine { height: auto; }
    PlanLine > Label { width: auto; margin-right: 1; }
    PlanLine > Input { width: 1fr; }
    """

    def __init__(self, pull: str, then: str = "", *, pinned: bool = False) -> None:
        super().__init__(classes="plan-line")
        self.pull = pull
        self.then = then
        self.pinned = pinned  # a plan the decision came with, for a pull not chosen: shown whatever is ticked

    def compose(self) -> ComposeResult:
        # One line, whatever the name: a long one is cut, so the move keeps room to be written.
        name = shown_line(self.pull)
        if cell_len(name) > PLAN_NAME_ROOM:
            name = set_cell_size(name, PLAN_NAME_ROOM - 1).rstrip() + "…"
        yield Label(Text(f"If {name} comes, I will"))
        yield Input(shown_line(self.then), placeholder=PLAN_EXAMPLE, compact=True, select_on_focus=False)

    @property
    def field(self) -> Input | None:
        """The line's input (None until it is mounted)."""
        found = self.query(Input)
        return found.first() if found else None

    @property
    def typed(self) -> str:
        """The move as typed now (as it came, until the line is mounted)."""
        field = self.field
        return field.value if field is not None else shown_line(self.then)


class PlanLines(Vertical):
    """The if-then plans of a decision: a line for each pull chosen, hidden while it is not.

    A line keeps what was typed while its pull is unticked, so ticking it again brings it back.
    """

    DEFAULT_CSS = """
    PlanLines { height: auto; display: none; }
    PlanLines.-shown { display: block; }
    """

    def __init__(
        self,
        vocabulary: Sequence[str],
        *,
        plans: Iterable[Mapping[str, str]] = (),
        chosen: Iterable[str] = (),
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.vocabulary = tuple(vocabulary)
        self._known = {name.casefold() for name in self.vocabulary}
        self._shown = {name.casefold() for name in chosen}
        self._plans = [dict(plan) for plan in plans]
        self._gone: set[int] = set()  # lines on their way out (removal finishes after this call)
        self._tail: PlanLine | None = None  # the first of the plans kept for pulls not expected

    def compose(self) -> ComposeResult:
        yield FieldLabel("If it comes: what you will do (one line each, or leave it)")
        left = list(self._plans)

        def take(pull: str) -> str:
            for plan in left:
                if plan.get("pull", "").casefold() == pull.casefold():
                    left.remove(plan)
                    return plan.get("then", "")
            return ""

        for name in self.vocabulary:
            then = take(name)
            # A plan the decision holds for a pull it does not expect stays in sight, kept.
            yield self._placed(PlanLine(name, then, pinned=bool(then) and name.casefold() not in self._shown))
        for plan in list(left):  # a name of one's own, expected: its line comes and goes with it
            pull = plan.get("pull", "")
            if pull.casefold() in self._shown and pull.casefold() not in self._known:
                left.remove(plan)
                yield self._placed(PlanLine(pull, plan.get("then", "")))
        # What is left came with the decision for a pull it does not expect (or a second plan
        # for one): kept, and shown whatever is ticked; emptying the line lets it go.
        for plan in left:
            line = self._placed(PlanLine(plan.get("pull", ""), plan.get("then", ""), pinned=True))
            self._tail = self._tail or line  # names typed later come before these
            yield line

    def _placed(self, line: PlanLine) -> PlanLine:
        line.display = line.pinned or line.pull.casefold() in self._shown
        return line

    def on_mount(self) -> None:
        self._refresh_lines()

    def show(self, pulls: Sequence[str]) -> None:
        """Show a line for each of PULLS (the chosen ones, in the order they show), hide the rest."""
        self._shown = {name.casefold() for name in pulls}
        lines = self.lines()
        have = {line.pull.casefold() for line in lines}
        tail = self._tail if self._tail is not None and id(self._tail) not in self._gone else None
        for name in pulls:
            if name.casefold() not in have:
                have.add(name.casefold())
                self.mount(self._placed(PlanLine(name)), before=tail)
        for line in self.lines():
            own = not line.pinned and line.pull.casefold() not in self._known
            if own and line.pull.casefold() not in self._shown and not line.typed.strip():
                self._let_go(line)  # a name typed and taken back, with nothing written for it
        self._refresh_lines()

    def _let_go(self, line: PlanLine) -> None:
        self._gone.add(id(line))
        line.remove()

    def _refresh_lines(self) -> None:
        for line in self.lines():
            self._placed(line)
        self.set_class(any(line.display for line in self.lines()), "-shown")

    def lines(self) -> list[PlanLine]:
        """Every plan line, shown or hidden, in order."""
        return [line for line in self.query(PlanLine) if id(line) not in self._gone]

    def held(self) -> tuple[tuple[str, str], ...]:
        """The shown lines as typed (pull, move), for unsaved-change checks."""
        return tuple((line.pull, line.typed) for line in self.lines() if line.display)

    def plans(self) -> list[dict[str, str]]:
        """The plans to save, in the order they show; an empty line is no plan (InputError for an unusable one)."""
        plans: list[dict[str, str]] = []
        for line in self.lines():
            if line.field is not None:
                line.field.remove_class(REFUSED)
        for line in self.lines():
            if not line.display:
                continue
            try:
                then = clean_line(line.typed, f"The plan for {line.pull}")
            except InputError:
                if line.field is not None:
                    line.field.add_class(REFUSED)
                raise
            if then:
                plans.append({"pull": line.pull, "then": then})
        return plans

    def clear(self) -> None:
        """No plans: every line emptied and hidden, the ones for names of one's own let go."""
        vocabulary_lines = self.lines()[: len(self.vocabulary)]
        for line in self.lines():
            if line not in vocabulary_lines:
                self._let_go(line)
            else:
                line.pinned = False
                if line.field is not None:
                    line.field.value = ""
        self.show(())


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
        self.rows: Sequence[tuple[str, ...]] = []
        self.dimmed: set[int] = set()

    def set_rows(self, rows: Sequence[tuple[str, ...]], dimmed: Iterable[int] = ()) -> None:
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
