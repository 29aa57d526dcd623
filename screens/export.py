"""The export dialog: a range, a destination, a file per day or one document; a preview and progress."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, ProgressBar, RadioButton, RadioSet, Static

from data.daytime import DateError, range_day
from data.export import export_days, export_document, file_name
from data.figures_words import plural
from data.journal_file import JournalError
from data.notes import Day, collect_days, day_page
from data.vault_files import ExportError, ExportReport
from tui.base import Practice

DEFAULT_FOLDER = "~/Notes/Self-trust"


class ExportDialog(ModalScreen[ExportReport | None]):
    """Export a range of days to a notes folder (a file per day) or to one document."""

    DEFAULT_CSS = """
    ExportDialog { align: center middle; }
    ExportDialog > Vertical {
        width: 90; max-width: 100%; height: auto; max-height: 100%;
        padding: 0 2; border: thick $primary; background: $surface;
    }
    ExportDialog .row { height: 1; margin-top: 1; }
    ExportDialog .row Label { width: 14; color: $text-muted; }
    ExportDialog .row Input { width: 1fr; }
    ExportDialog #export-from, ExportDialog #export-to { width: 16; margin-right: 2; }
    ExportDialog RadioSet { border: none; padding: 0; height: auto; width: 1fr; }
    ExportDialog #export-shape-row { height: auto; }
    ExportDialog #export-preview-box { height: 10; margin-top: 1; border: round $panel; }
    ExportDialog #export-preview { color: $text-muted; }
    ExportDialog #export-status { margin-top: 1; height: auto; }
    ExportDialog ProgressBar { margin-top: 1; }
    ExportDialog #export-buttons { height: auto; align-horizontal: right; margin: 1 0; }
    ExportDialog Button { margin-left: 2; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Close", id="export.close"),
        Binding("ctrl+s", "export", "Export", id="export.go"),
    ]

    def __init__(self, practice: Practice) -> None:
        super().__init__()
        self.practice = practice
        self.running = False
        self.days: list[Day] = []  # the range's days, as the preview last gathered them
        self.result: ExportReport | None = None  # the last export's report, given back on close

    def compose(self) -> ComposeResult:
        settings = self.practice.settings
        folder = str(settings.export_dir) if settings.export_dir else DEFAULT_FOLDER
        with Vertical():
            yield Static(Text("Export to notes", style="bold"), id="export-title")
            with Horizontal(classes="row"):
                yield Label("Days")
                yield Input(placeholder="from: first", id="export-from", compact=True)
                yield Input(placeholder="to: today", id="export-to", compact=True)
            with Horizontal(classes="row", id="export-shape-row"):
                yield Label("As")
                with RadioSet(id="export-shape"):
                    yield RadioButton("a file per day, for a notes vault", value=True, name="days")
                    yield RadioButton("one document", name="document")
            with Horizontal(classes="row"):
                yield Label("To")
                yield Input(folder, id="export-out", compact=True)
            yield Static(id="export-status")
            with VerticalScroll(id="export-preview-box"):
                yield Static(id="export-preview")
            yield ProgressBar(id="export-progress", show_eta=False)
            with Horizontal(id="export-buttons"):
                yield Button("Close", id="export-cancel")
                yield Button("Export", id="export-go", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#export-progress").display = False
        self.show_preview()
        self.query_one("#export-from", Input).focus()

    # -- what the form says ----------------------------------------------------------

    def chosen_range(self) -> tuple[dt.date | None, dt.date | None]:
        """The range the form gives; DateError names a field that is not a date."""
        today = self.practice.today()
        bounds: list[dt.date | None] = []
        for field_id, end in (("#export-from", False), ("#export-to", True)):
            text = self.query_one(field_id, Input).value.strip()
            bounds.append(range_day(text, today, end=end) if text else None)
        first, last = bounds
        if first and last and first > last:
            raise DateError(f"the range starts after it ends ({first} to {last})")
        return first, last

    def one_document(self) -> bool:
        pressed = self.query_one("#export-shape", RadioSet).pressed_button
        return pressed is not None and pressed.name == "document"

    def destination(self) -> Path:
        text = self.query_one("#export-out", Input).value.strip()
        if not text:
            raise ExportError("say where to: a folder for a file per day, a file for one document")
        return Path(text).expanduser()

    @on(Input.Changed, "#export-from, #export-to")
    @on(RadioSet.Changed)
    def show_preview(self) -> None:
        """The first day of the range, exactly as its file will read."""
        self.refresh_preview(gather=True)

    @on(Input.Changed, "#export-out")
    def destination_changed(self) -> None:
        """The preview again, from the days already gathered: the destination does not change them."""
        self.refresh_preview(gather=False)

    def refresh_preview(self, gather: bool) -> None:
        """Show the preview and the status line; GATHER reads the range's days from the journal again."""
        preview = self.query_one("#export-preview", Static)
        status = self.query_one("#export-status", Static)
        if self.running:
            return
        try:
            first, last = self.chosen_range()
        except DateError as error:
            status.update(Text(str(error)))
            return
        if gather:
            self.days = collect_days(self.practice.store, first, last)
        if not self.days:
            preview.update(Text("Nothing to export in these days yet."))
            status.update("")
            return
        page = day_page(self.days[0])
        lines = page.splitlines()
        shown = "\n".join(lines[:60]) + ("\n…" if len(lines) > 60 else "")
        try:
            name = (
                "one document"
                if self.one_document()
                else file_name(self.practice.settings.export_pattern, dt.date.fromisoformat(self.days[0].day))
            )
        except ExportError as error:
            name = str(error)
        preview.update(Text(shown))
        status.update(Text(f"{plural(len(self.days), 'day')} to export. The first, as {name}:", style="italic"))

    # -- doing it ------------------------------------------------------------------------

    @on(Button.Pressed, "#export-go")
    def action_export(self) -> None:
        if self.running:
            return
        status = self.query_one("#export-status", Static)
        try:
            first, last = self.chosen_range()
            out = self.destination()
        except (DateError, ExportError) as problem:
            status.update(Text(f"Not exported yet: {problem}."))
            return
        if not self.days:
            status.update("Nothing to export in these days yet.")
            return
        self.running = True
        bar = self.query_one("#export-progress", ProgressBar)
        bar.display = True
        bar.update(total=len(self.days), progress=0)
        status.update(Text("Exporting…"))
        self.run_export(out, first, last, self.one_document())

    @work(thread=True, exclusive=True)
    def run_export(self, out: Path, first: dt.date | None, last: dt.date | None, document: bool) -> None:
        """Write the files in a thread, moving the progress bar as each day is written."""
        bar = self.query_one("#export-progress", ProgressBar)

        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(bar.update, total=total, progress=done)

        try:
            if document:
                report = export_document(self.practice.store, out, first=first, last=last)
            else:
                report = export_days(
                    self.practice.store, out, first=first, last=last, pattern=self.practice.settings.export_pattern,
                    progress=progress, days=self.days,
                )  # fmt: skip
        except (ExportError, JournalError, OSError) as error:
            self.app.call_from_thread(self.finished, None, str(getattr(error, "strerror", None) or error))
            return
        self.app.call_from_thread(self.finished, report, "")

    def finished(self, report: ExportReport | None, problem: str) -> None:
        self.running = False
        status = self.query_one("#export-status", Static)
        if report is None:
            status.update(Text(f"Not exported: {problem}. Nothing was changed that was not already saved."))
            return
        words = f"Done: {report.summary()}."
        if report.edited:
            names = ", ".join(p.name for p in report.edited[:3]) + ("…" if len(report.edited) > 3 else "")
            words += (
                f" Left alone because you edited them since: {names} (`selftrust export --force` writes over them)."
            )
        if report.foreign:
            words += f" {plural(len(report.foreign), 'file')} there {'was' if len(report.foreign) == 1 else 'were'} not written by selftrust and stay untouched."
        waiting = [p for p in report.empty if p not in report.written]
        if waiting:
            names = ", ".join(p.name for p in waiting[:3]) + ("…" if len(waiting) > 3 else "")
            words += f" Your empty notes stay as they are: {names} (`selftrust export --force` fills them)."
        status.update(Text(words))
        self.result = report
        self.notify(words, title="Exported", markup=False)

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        if self.running:
            self.notify("The export is still writing; it finishes in a moment.")
            return
        self.dismiss(self.result)
