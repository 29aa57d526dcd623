"""History: every decision, newest first, filtered live by text, area, outcome, pull, pattern and dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rich.cells import cell_len, set_cell_size
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Footer, Header, Input, Select, Static

from data.daytime import DateError, parse_day
from data.figures_words import plural
from data.history import (
    AREA,
    COLUMN_TITLES,
    OUTCOME_CHOICES,
    Filter,
    HistoryRow,
    filter_rows,
    fit_widths,
    history_rows,
    natural_widths,
    row_cells,
    short_areas,
)
from data.store import RefError
from data.text import shown_line
from data.vocabulary import merge
from tui import keys
from tui.base import SAVE_ERRORS, PracticeScreen
from tui.dialogs import ConfirmDialog, quoted
from tui.widgets import RowTable

COLUMNS = tuple((title, 0) for title in COLUMN_TITLES)  # the widths follow what the columns hold (HistoryTable)


def cut(text: str, width: int) -> str:
    """TEXT in WIDTH cells: whole and padded, or cut with an ellipsis that says there is more."""
    text = shown_line(" ".join(text.split()))
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, max(width - 1, 0)) + "…"


class HistoryTable(RowTable):
    """History's rows, each column as wide as what it holds; at 80 columns the decision gets the room."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(COLUMNS, id=id)
        self.natural = [len(title) for title in COLUMN_TITLES]
        self.short: dict[str, str] = {}
        self._fitted: tuple[int, list[int]] = (-1, [])

    def fit_to(self, cells: list[tuple[str, ...]], areas: list[str]) -> None:
        """Size the columns by CELLS (every row, not only the filtered ones: the columns stay put as you type)."""
        self.natural = natural_widths(cells, cell_len)
        self.short = short_areas(areas)
        self._fitted = (-1, [])
        self.refresh()

    def _widths(self) -> list[int]:
        room = self.scrollable_content_region.width  # without the scrollbar
        if self._fitted[0] != room:
            short = max((cell_len(name) for name in self.short.values()), default=self.natural[AREA])
            self._fitted = (room, fit_widths(self.natural, short, room))
        return self._fitted[1]

    def _line(self, cells: Sequence[str]) -> str:
        widths = self._widths()
        if widths[AREA] < self.natural[AREA] and len(cells) > AREA:  # too narrow for every area whole
            cells = (*cells[:AREA], self.short.get(cells[AREA], cells[AREA]), *cells[AREA + 1 :])
        return " " + "  ".join(cut(cell, width) for cell, width in zip(cells, widths, strict=False))


class HistoryScreen(PracticeScreen):
    """Every decision, and the filters that find the ones you are looking for."""

    BINDINGS = [
        Binding(keys.BACK, "back", "Back", id="history.back"),
        # The filter's own placeholder names its key: the footer keeps its room for the rest.
        Binding(keys.FILTER, "focus_filter", "Filter", show=False, id="history.filter"),
        Binding(keys.EDIT, "edit", "Edit", id="history.edit"),
        Binding(keys.DELETE, "delete", "Delete", id="history.delete"),
        Binding(keys.SHOW_DELETED, "toggle_deleted", "Show deleted", id="history.deleted"),
        Binding(keys.RESTORE, "restore", "Restore", id="history.restore"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.all_rows: list[HistoryRow] = []
        self.shown: list[HistoryRow] = []
        self.show_deleted = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="history-filters"):
            yield Input(placeholder="/ words: decision, why, notes", id="filter-text", compact=True)
            yield Select([], prompt="any area", id="filter-area", compact=True)
            yield Select([(o, o) for o in OUTCOME_CHOICES], prompt="any outcome", id="filter-outcome", compact=True)
        with Horizontal(id="history-filters-2"):
            yield Select([], prompt="any pull", id="filter-pull", compact=True)
            yield Select([], prompt="any pattern", id="filter-pattern", compact=True)
            yield Input(placeholder="from YYYY-MM-DD", id="filter-from", compact=True)
            yield Input(placeholder="to YYYY-MM-DD", id="filter-to", compact=True)
        yield HistoryTable(id="history-table")
        yield Static(id="history-status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = "History"
        self.practice.changed.subscribe(self, lambda _what: self.load())
        self.load()
        self.query_one(RowTable).focus()
        self.prepare_day_view()

    @work(thread=True, exclusive=True, group="history-day-view")
    def prepare_day_view(self) -> None:
        """Enter opens a day: read what the Day view needs while the list is being read, so it opens at once."""
        from tui.day_page import prepare

        prepare()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "restore":
            return self.show_deleted  # only where there is something deleted to bring back
        return True

    def load(self) -> None:
        """Read every decision from the journal, then show the ones the filters let through."""
        self.all_rows = history_rows(self.practice.store, include_deleted=self.show_deleted)
        settings = self.practice.settings
        areas = sorted({row.area for row in self.all_rows} | set(settings.areas))
        pulls = list(merge(settings.pulls, (p for row in self.all_rows for p in row.pulls)))
        patterns = list(merge(settings.patterns, (p for row in self.all_rows for p in row.patterns)))
        for select_id, names in (("#filter-area", areas), ("#filter-pull", pulls), ("#filter-pattern", patterns)):
            select = self.query_one(select_id, Select)
            keep = select.value
            with self.prevent(Select.Changed):
                select.set_options([(shown_line(name), name) for name in names])
                if keep in names:
                    select.value = keep
        self.query_one(HistoryTable).fit_to([row_cells(row) for row in self.all_rows], areas)
        self.apply_filters()

    def current_filter(self) -> tuple[Filter, str]:
        """The filter the bar describes, and a problem with it to show (or "")."""
        problem = ""
        bounds: list[dt.date | None] = []
        for field_id, name in (("#filter-from", "From"), ("#filter-to", "To")):
            field = self.query_one(field_id, Input)
            text = field.value.strip()
            bound = None
            if text:
                try:
                    bound = parse_day(text, self.practice.today())
                except DateError as error:
                    problem = f"{name}: {error}."  # one line at 80 columns; the rows wait for a date
            # The field itself says it is not a date (Input's own warning look), where the eyes are.
            field.set_class(bool(text) and bound is None, "-invalid")
            bounds.append(bound)

        def chosen(select_id: str) -> str | None:
            value = self.query_one(select_id, Select).value
            return None if value is Select.NULL else str(value)

        return (
            Filter(
                text=self.query_one("#filter-text", Input).value,
                area=chosen("#filter-area"),
                outcome=chosen("#filter-outcome"),
                pull=chosen("#filter-pull"),
                pattern=chosen("#filter-pattern"),
                first=bounds[0],
                last=bounds[1],
            ),
            problem,
        )

    @on(Input.Changed)
    @on(Select.Changed)
    def apply_filters(self) -> None:
        """Narrow the rows to the filters, as you type."""
        chosen, problem = self.current_filter()
        self.shown = filter_rows(self.all_rows, chosen)
        table = self.query_one(RowTable)
        table.set_rows(
            [row_cells(row) for row in self.shown],
            dimmed=[i for i, row in enumerate(self.shown) if row.deleted],
        )
        status = self.query_one("#history-status", Static)
        live = sum(1 for row in self.all_rows if not row.deleted)
        if not self.all_rows:
            status.update("Nothing here yet. Your first decision starts the record.")
        elif not self.shown:
            status.update("Nothing matches these filters. Fewer words, or a wider range?")
        elif chosen.is_empty:
            status.update(
                plural(live, "decision") + (" · deleted ones shown struck through" if self.show_deleted else "")
            )
        else:
            status.update(f"{len(self.shown):,} of {plural(live, 'decision')}")
        if problem:
            status.update(problem)
        status.set_class(bool(problem), "-problem")

    def selected(self) -> HistoryRow | None:
        table = self.query_one(RowTable)
        return self.shown[table.cursor] if self.shown else None

    @on(Input.Submitted)
    def to_the_rows(self) -> None:
        """Enter in a filter field moves to the rows."""
        self.query_one(RowTable).focus()

    @on(RowTable.Chosen)
    async def open_day(self) -> None:
        row = self.selected()
        if row is not None:
            await self.app.run_action(f"open_day('{row.day}')")

    def action_focus_filter(self) -> None:
        self.query_one("#filter-text", Input).focus()

    def action_back(self) -> None:
        """Back to where History was opened from; in a filter that holds something, clear it first."""
        field = self.focused
        if isinstance(field, Input) and field.value:
            field.value = ""  # the rows widen again at once (Input.Changed)
            return
        self.app.pop_screen()

    async def action_edit(self) -> None:
        row = self.selected()
        if row is None or row.deleted:
            self.notify(f"Choose a decision to edit (deleted ones come back with {keys.RESTORE} first).")
            return
        await self.app.run_action(f"edit_decision('{row.decision_id}')")

    def action_delete(self) -> None:
        row = self.selected()
        if row is None or row.deleted:
            return
        named = f"{quoted(row.text)} of {row.day}"
        question = f"Delete {named} and its checks? You can undo it right after, or bring it back from Show deleted."

        def answered(yes: bool | None) -> None:
            if yes:
                self.delete_record("decision", row.decision_id, named)

        self.app.push_screen(ConfirmDialog(question, yes="Delete", no="Keep it"), answered)

    def action_toggle_deleted(self) -> None:
        self.show_deleted = not self.show_deleted
        self.load()
        self.refresh_bindings()
        self.notify(
            f"Deleted decisions are shown, struck through: {keys.RESTORE} brings one back."
            if self.show_deleted
            else "Deleted decisions are hidden."
        )

    def action_restore(self) -> None:
        row = self.selected()
        if row is None or not row.deleted:
            self.notify("That one is not deleted.")
            return
        try:
            self.practice.store.restore(self.practice.now(), row.decision_id)
        except (RefError, *SAVE_ERRORS) as error:
            self.notify(str(error), severity="warning", markup=False)
            return
        self.journal_changed("restore")
        self.notify(f"Decision {row.n} of {row.day} is back.")
