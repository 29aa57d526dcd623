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
from textual.widgets import Button, Footer, Input, Label, ProgressBar, RadioButton, RadioSet, Static

from data.daytime import DateError, range_day
from data.export import (
    EXAMPLE_FOLDER,
    document_path,
    export_days,
    export_dir_advice,
    export_document,
    export_folder,
    file_name,
)  # fmt: skip
from data.figures_words import plural
from data.journal_file import JournalError
from data.logseq import export_logseq, journal_name, logseq_page
from data.notes import Day, collect_days, day_page
from data.vault_files import ExportError, ExportReport
from tui import keys
from tui.base import Practice
from tui.dialogs import HELP_AND_QUIT
from tui.widgets import Choice


class ShapeChoice(RadioSet, inherit_bindings=False):
    """A file per day or one document: the arrows choose, as radio buttons do; enter exports."""

    BINDINGS = [
        Binding("down,right", "next_button", "Next option", show=False),
        Binding("up,left", "previous_button", "Previous option", show=False),
        Binding("space", "toggle_button", "Choose", show=False),
    ]

    def action_next_button(self) -> None:
        super().action_next_button()
        self.action_toggle_button()

    def action_previous_button(self) -> None:
        super().action_previous_button()
        self.action_toggle_button()

    def action_toggle_button(self) -> None:
        button = self._nodes[self._selected] if self._selected is not None else None
        if isinstance(button, RadioButton):
            button.value = True  # choosing it again keeps it chosen


def home_relative(path: Path) -> str:
    """PATH as a person would write it: under the home folder, from ~."""
    try:
        return "~/" + str(path.relative_to(Path.home()))
    except (ValueError, RuntimeError):  # elsewhere, or no home folder to speak of
        return str(path)


SEALED_NOTE = "These notes are plain text, for your vault; a JSON backup stays encrypted."
"""Said once in the dialog of an encrypted journal: what it writes is not sealed."""


class ExportDialog(ModalScreen[ExportReport | None]):
    """Export a range of days to a notes folder (a file per day) or to one document."""

    HELP_NAME = "the export dialog"  # the heading of its help: "Keys on the export dialog"

    DEFAULT_CSS = """
    ExportDialog { align: center middle; }
    ExportDialog > Vertical {
        width: 90; max-width: 100%; height: 100%; max-height: 36;
        padding: 0 1; border: thick $primary; background: $surface;
        border-title-style: bold;
    }
    ExportDialog .row { height: 1; margin-top: 1; }
    ExportDialog .row Label { width: 6; color: $text-muted; }
    ExportDialog .row Input { width: 1fr; }
    ExportDialog #export-from, ExportDialog #export-to { width: 16; margin-right: 2; }
    ExportDialog RadioSet, ExportDialog RadioSet:focus { border: none; padding: 0; height: auto; width: 1fr; }
    ExportDialog #export-shape-row, ExportDialog #export-flavour-row { height: auto; }
    ExportDialog #export-hint { color: $text-muted; margin-left: 6; height: auto; }
    ExportDialog #export-sealed { color: $text-muted; height: auto; }
    ExportDialog #export-status { margin-top: 1; height: auto; }
    ExportDialog #export-preview-box { height: 1fr; min-height: 3; border: round $panel; }
    ExportDialog #export-preview { color: $text-muted; }
    ExportDialog #export-buttons { height: 1; align-horizontal: right; margin-top: 1; }
    ExportDialog Button { margin-left: 2; }
    ExportDialog Footer { background: $surface; }
    """
    BINDINGS = [
        Binding(keys.SAVE, "export", "Export", key_display="⏎/^s", id="export.go"),
        Binding(keys.OPEN, "export", "Export", show=False),
        Binding(keys.BACK, "cancel", "Close", id="export.close"),
        *HELP_AND_QUIT,
    ]

    def __init__(self, practice: Practice) -> None:
        super().__init__()
        self.practice = practice
        self.running = False
        self.days: list[Day] = []  # the range's days, as the preview last gathered them
        self.result: ExportReport | None = None  # the last export's report, given back on close
        self.written_to: Path | None = None  # the folder or file the running export writes to

    def compose(self) -> ComposeResult:
        settings = self.practice.settings
        folder = export_folder(settings)
        with Vertical() as box:
            box.border_title = "Export to notes"
            with Horizontal(classes="row"):
                yield Label("Days")
                yield Input(placeholder="from: first", id="export-from", compact=True)
                yield Input(placeholder="to: today", id="export-to", compact=True)
            with Horizontal(classes="row", id="export-shape-row"):
                yield Label("As")
                with ShapeChoice(id="export-shape"):
                    yield Choice("a file per day, for a notes vault", value=True, name="days")
                    yield Choice("one document", name="document")
            with Horizontal(classes="row", id="export-flavour-row"):
                yield Label("For")
                with ShapeChoice(id="export-flavour"):
                    yield Choice("Obsidian (front matter)", value=True, name="obsidian")
                    yield Choice("Logseq (journals/, key:: value)", name="logseq")
            with Horizontal(classes="row"):
                yield Label("To")
                yield Input(
                    str(folder) if folder is not None else "",
                    placeholder=f"a folder, like {EXAMPLE_FOLDER}",
                    id="export-out",
                    compact=True,
                )
            hint = Static(Text(f"To have this filled in, {export_dir_advice(settings)}."), id="export-hint")
            hint.display = folder is None
            yield hint
            if self.practice.store.encrypted:
                yield Static(SEALED_NOTE, id="export-sealed")
            yield Static(id="export-status")
            with VerticalScroll(id="export-preview-box"):
                yield Static(id="export-preview")
            yield ProgressBar(id="export-progress", show_eta=False)
            with Horizontal(id="export-buttons"):
                yield Button("Close", id="export-cancel", compact=True)
                yield Button("Export", id="export-go", variant="primary", compact=True)
        yield Footer(compact=True)  # at the screen's foot, where every screen and dialog shows its keys

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

    def logseq(self) -> bool:
        """A file per day as Logseq journal pages (the For row), not Obsidian notes."""
        pressed = self.query_one("#export-flavour", RadioSet).pressed_button
        return not self.one_document() and pressed is not None and pressed.name == "logseq"

    def destination(self) -> Path:
        text = self.query_one("#export-out", Input).value.strip()
        if not text:
            raise ExportError("say where to: a folder for a file per day, a file for one document")
        return Path(text).expanduser()

    def target(self) -> Path:
        """The folder a file per day goes into, or the one document's file (in that folder, unless a file is named)."""
        out = self.destination()
        if self.one_document() and self.days:
            return document_path(out, self.days[0].day, self.days[-1].day)
        return out

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
        page = logseq_page(self.days[0]) if self.logseq() else day_page(self.days[0])
        lines = page.splitlines()
        shown = "\n".join(lines[:60]) + ("\n…" if len(lines) > 60 else "")
        try:
            if self.one_document():
                name = f"one document, {self.target().name}"
            elif self.logseq():
                name = journal_name(dt.date.fromisoformat(self.days[0].day))
            else:
                name = file_name(self.practice.settings.export_pattern, dt.date.fromisoformat(self.days[0].day))
        except ExportError as error:
            name = str(error)
        preview.update(Text(shown))
        status.update(Text(f"{plural(len(self.days), 'day')} to export. The first, as {name}:", style="italic"))

    # -- doing it ------------------------------------------------------------------------

    @on(Button.Pressed, "#export-go")
    @on(Input.Submitted)
    def action_export(self) -> None:
        """Export what the form says; the dialog closes when it is done and says what happened."""
        if self.running:
            return
        status = self.query_one("#export-status", Static)
        try:
            first, last = self.chosen_range()
            out = self.target()
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
        self.written_to = out
        self.run_export(out, first, last, self.one_document(), self.logseq())

    @work(thread=True, exclusive=True)
    def run_export(
        self, out: Path, first: dt.date | None, last: dt.date | None, document: bool, logseq: bool = False
    ) -> None:
        """Write the files in a thread, moving the progress bar as each day is written."""
        bar = self.query_one("#export-progress", ProgressBar)

        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(bar.update, total=total, progress=done)

        try:
            if document:
                report = export_document(self.practice.store, out, first=first, last=last)
            elif logseq:
                report = export_logseq(
                    self.practice.store, out, first=first, last=last, progress=progress, days=self.days
                )
            else:
                report = export_days(
                    self.practice.store, out, first=first, last=last, pattern=self.practice.settings.export_pattern,
                    progress=progress, days=self.days, links=self.practice.settings.export_links,
                    weekly=self.practice.settings.export_weekly,
                )  # fmt: skip
        except (ExportError, JournalError, OSError) as error:
            self.app.call_from_thread(self.finished, None, str(getattr(error, "strerror", None) or error))
            return
        self.app.call_from_thread(self.finished, report, "")

    def finished(self, report: ExportReport | None, problem: str) -> None:
        self.running = False
        self.query_one("#export-progress").display = False
        status = self.query_one("#export-status", Static)
        if report is None:
            status.update(Text(f"Not exported: {problem}. Nothing was changed that was not already saved."))
            return
        self.result = report
        self.notify(self.done_words(report), title="Exported", markup=False, timeout=12 if report.skipped else 6)
        self.dismiss(report)

    def done_words(self, report: ExportReport) -> str:
        """What the export did, in a sentence or three: where it went, what was written, what was left alone."""
        out = self.written_to or self.destination()
        where = home_relative(out)
        demo_folder = export_folder(self.practice.settings) if getattr(self.app, "demo", False) else None
        if demo_folder is not None and demo_folder in (out, out.parent):
            where = "the demo's own folder, gone when you quit"  # a temporary path would say less
        count = f"{report.days:,} day" + ("" if report.days == 1 else "s")
        shape = " as one document" if self.one_document() else ""
        weeks = f" and {plural(report.weeks, 'weekly note')}" if report.weeks else ""
        words = f"Exported {count}{weeks}{shape} to {where}: {report.summary()}."
        if report.edited:
            names = ", ".join(p.name for p in report.edited[:3]) + ("…" if len(report.edited) > 3 else "")
            words += (
                f" Left alone because you edited them since: {names} (`selftrust export --force` writes over them)."
            )
        if report.foreign:
            words += f" {plural(len(report.foreign), 'file')} there {'was' if len(report.foreign) == 1 else 'were'} not written by selftrust and stay untouched."
        if report.mend:
            names = ", ".join(p.name for p in list(report.mend)[:3]) + ("…" if len(report.mend) > 3 else "")
            words += f" Left alone because selftrust's begin and end lines in them are gone or broken: {names} (`selftrust export` says how to mend them)."
        waiting = [p for p in report.empty if p not in report.written]
        if waiting:
            names = ", ".join(p.name for p in waiting[:3]) + ("…" if len(waiting) > 3 else "")
            words += f" Your empty notes stay as they are: {names} (`selftrust export --force` fills them)."
        return words

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        if self.running:
            self.notify("The export is still writing; it finishes in a moment.")
            return
        self.dismiss(self.result)
