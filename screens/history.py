"""History: every decision, newest first, filtered live by text, area, outcome, pull, pattern and dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast, overload

from rich.cells import cell_len, set_cell_size
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Footer, Header, Input, Select, Static
from textual.worker import Worker, get_current_worker

from data.daytime import DateError, parse_day
from data.figures_words import plural
from data.history import (
    AREA,
    COLUMN_TITLES,
    OUTCOME_CHOICES,
    Filter,
    HistoryRow,
    HistoryYear,
    HistoryYears,
    RowsHeld,
    filter_rows,
    fit_widths,
    row_cells,
    short_areas,
)
from data.store import JournalError, RefError
from data.text import shown_line
from data.vocabulary import merge
from tui import keys
from tui.base import SAVE_ERRORS, HasPractice, PracticeScreen
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

    def fit_to(self, natural: Sequence[int], areas: list[str]) -> None:
        """Size the columns by every row's NATURAL widths (not only the filtered ones: the columns stay put as you type)."""
        if list(natural) == self.natural and short_areas(areas) == self.short:
            return
        self.natural = list(natural)
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


class Cells(Sequence[tuple[str, ...]]):
    """The table's cells of ROWS, each made only when its line is drawn (a filter keystroke makes none)."""

    def __init__(self, rows: Sequence[HistoryRow]) -> None:
        self.rows = rows

    def __len__(self) -> int:
        return len(self.rows)

    @overload
    def __getitem__(self, index: int) -> tuple[str, ...]: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[tuple[str, ...]]: ...
    def __getitem__(self, index: int | slice) -> tuple[str, ...] | Sequence[tuple[str, ...]]:
        if isinstance(index, slice):
            return [row_cells(row) for row in self.rows[index]]
        return row_cells(self.rows[index])


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
        self.years: dict[str, HistoryYear] = {}  # each year as it arrived, newest first once all are in
        self.all_rows: list[HistoryRow] = []
        self.shown: list[HistoryRow] = []
        self.show_deleted = False
        self.reading = True  # older years are still being read (the status line says so)
        self._options: dict[str, list[str]] = {}

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

    @property
    def history(self) -> HistoryYears:
        """Every year's rows as last built, kept by the app for History's next opening."""
        if self.practice.history is None:
            self.practice.history = HistoryYears(cell_len)
        return self.practice.history

    def load(self) -> None:
        """Show the newest years' rows at once, as many as fill the screen; the older years follow from a worker.

        Only a year that changed since it was last built is built again (`HistoryYears`).
        """
        self.workers.cancel_group(self, "history-years")  # what an earlier reading finds next may be out of date
        store = self.practice.store
        years = store.years()  # the newest is read already; each further one is its own file, read when built
        built: list[HistoryYear] = []
        for year in years:
            if sum(len(y.shown(self.show_deleted)) for y in built) >= self.app.size.height:
                break
            built.append(self.history.year(store, year))
        self.reading = len(built) < len(years)
        self.take_years(built, years)
        if self.reading:
            self.read_years(len(built))

    @dataclass
    class YearsRead(Message):
        """A reading of the journal's years found these years new or changed (EVERY: all there are; DONE: no more)."""

        worker: Worker[None]
        built: list[HistoryYear]
        every: list[str] | None = None
        done: bool = False

    @work(thread=True, exclusive=True, group="history-years")
    def read_years(self, skip: int) -> None:
        """Read the years after the first SKIP, newest first, and show each that is new or changed as it is built.

        Each year is posted, not waited on: the reading goes on while the screen shows the last.
        """
        worker = get_current_worker()
        store = self.practice.store
        try:
            years = store.years()
            if skip == 0:
                self.post_message(self.YearsRead(worker, [], years))
            for year in years[skip:]:
                if worker.is_cancelled:
                    return
                built = self.history.year(store, year)
                if self.years.get(year) is not built:
                    self.post_message(self.YearsRead(worker, [built]))
        except JournalError as error:  # replaced by a damaged one since the start: stop as a start would
            self.app.call_from_thread(cast(HasPractice, self.app).stop_on_journal, error)
            return
        self.post_message(self.YearsRead(worker, [], done=True))

    @on(YearsRead)
    def take_read(self, read: YearsRead) -> None:
        """Show what a reading found, unless a later reading replaced it (cancelled on this same thread)."""
        if read.worker.is_cancelled:
            return
        if read.done:
            self.reading = False
            self.show_rows(self.shown)  # the status line stops saying more are coming
        else:
            self.take_years(read.built, read.every)

    def take_years(self, built: list[HistoryYear], years: list[str] | None = None) -> None:
        """Show the years BUILT (new or changed) beside those already shown; YEARS, when given, is every year there is.

        A year older than every one shown only adds its rows below (the cursor and the filter
        stay as they are); any other change shows every row again.
        """
        oldest = min(self.years, default=None)
        appended = years is None and all(oldest is None or y.year < oldest for y in built)
        for year in built:
            self.years[year.year] = year
        if years is not None:
            for gone in self.years.keys() - set(years):
                del self.years[gone]
        self.years = dict(sorted(self.years.items(), reverse=True))
        self.show_choices()
        if appended:
            added = [row for year in built for row in year.shown(self.show_deleted)]
            self.all_rows = self.all_rows + added  # a new list: the shown rows may be this very one
            chosen, _problem = self.current_filter()
            self.show_rows(self.shown + filter_rows(added, chosen))
        else:
            self.all_rows = [row for year in self.years.values() for row in year.shown(self.show_deleted)]
            self.apply_filters()

    def show_choices(self) -> None:
        """Size the columns by every row and offer every area, pull and pattern the rows hold, beside the settings'."""
        held = RowsHeld.together(year.holds(self.show_deleted) for year in self.years.values())
        settings = self.practice.settings
        areas = sorted(held.areas | set(settings.areas))
        options = {
            "#filter-area": areas,
            "#filter-pull": list(merge(settings.pulls, held.pulls)),
            "#filter-pattern": list(merge(settings.patterns, held.patterns)),
        }
        for select_id, names in options.items():
            if self._options.get(select_id) == names:
                continue  # unchanged: the open list and its highlight stay put
            self._options[select_id] = names
            select = self.query_one(select_id, Select)
            keep = select.value
            with self.prevent(Select.Changed):
                select.set_options([(shown_line(name), name) for name in names])
                if keep in names:
                    select.value = keep
        self.query_one(HistoryTable).fit_to(held.natural, areas)

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
        chosen, _problem = self.current_filter()
        self.show_rows(filter_rows(self.all_rows, chosen))

    def show_rows(self, shown: list[HistoryRow]) -> None:
        """Put SHOWN in the table, and say in the status line how many there are of how many."""
        chosen, problem = self.current_filter()
        self.shown = shown
        dimmed = [i for i, row in enumerate(shown) if row.deleted] if self.show_deleted else []
        self.query_one(RowTable).set_rows(Cells(shown), dimmed=dimmed)
        status = self.query_one("#history-status", Static)
        live = sum(1 for row in self.all_rows if not row.deleted) if self.show_deleted else len(self.all_rows)
        still = " so far · older years are still coming in" if self.reading else ""
        if not self.all_rows:
            status.update(
                "Reading the journal…" if self.reading else "Nothing here yet. Your first decision starts the record."
            )
        elif not self.shown and not self.reading:
            status.update("Nothing matches these filters. Fewer words, or a wider range?")
        elif chosen.is_empty:
            status.update(
                plural(live, "decision") + still + (" · deleted ones shown struck through" if self.show_deleted else "")
            )
        else:
            status.update(f"{len(self.shown):,} of {plural(live, 'decision')}{still}")
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

    def on_key(self, event: events.Key) -> None:
        """Keys typed fast after "/" go into the search, whatever was drawn in between.

        Each key reaches the screen in turn before any binding runs, so the "/" binding would
        move the focus only after the letters behind it were handed on (and a "d" among them
        would ask to delete). "/" moves the focus here instead, at once, and each letter that
        comes after it while the search has the focus goes into the search.
        """
        search = self.query_one("#filter-text", Input)
        if event.key == keys.FILTER and not isinstance(self.focused, Input):
            self.action_focus_filter()
        elif event.is_printable and self.focused is search and event.character is not None:
            search.insert_text_at_cursor(event.character)
        else:
            return
        event.stop()
        event.prevent_default()

    def action_focus_filter(self) -> None:
        # At once, not after the keys already on their way (as `focus()` would): "/bed" typed fast
        # searches for "bed", and its "d" never reaches the table, where it asks to delete.
        self.set_focus(self.query_one("#filter-text", Input))

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
        self.take_years([], list(self.years))
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
