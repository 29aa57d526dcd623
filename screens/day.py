"""The day view: the whole of one day — morning, every check, the evening — as its Markdown."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header

from data.daytime import day_heading
from data.text import shown_line
from tui import keys
from tui.base import PracticeScreen
from tui.day_page import DayPage
from tui.dialogs import ConfirmDialog, PickDialog, quoted


class DayScreen(PracticeScreen):
    """One day, rendered from the same Markdown that export writes."""

    BINDINGS = [
        Binding(keys.BACK, "app.pop_screen", "Back", id="day.back"),
        Binding(keys.EARLIER, "step(-1)", "Earlier", id="day.previous"),
        Binding(keys.LATER, "step(1)", "Later", id="day.next"),
        Binding(keys.EDIT, "edit", "Edit…", id="day.edit"),
        Binding(keys.DELETE, "delete", "Delete…", id="day.delete"),
    ]

    def __init__(self, day: dt.date) -> None:
        super().__init__()
        self.day = day

    def compose(self) -> ComposeResult:
        # The day is read and laid out here, so the Day view's first frame already shows it.
        self.sub_title = day_heading(self.day)
        yield Header()
        with VerticalScroll(id="day-view"):
            yield DayPage(self.day_markdown(), id="day-markdown")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = "Day"
        self.practice.changed.subscribe(self, lambda _what: self.show_day())
        self.query_one("#day-view").focus()

    def day_markdown(self) -> str:
        """The day's Markdown body, or a kind line when the day holds nothing."""
        from data.notes import day_body, day_record

        record = day_record(self.practice.store, self.day)
        if not record.decisions and record.review is None:
            return f"# {day_heading(self.day)}\n\nNothing was written on this day. Every day can start the record.\n"
        return day_body(record)

    def show_day(self) -> None:
        self.sub_title = day_heading(self.day)
        self.query_one("#day-markdown", DayPage).update(self.day_markdown())
        self.query_one("#day-view").scroll_home(animate=False)

    def action_step(self, direction: int) -> None:
        """Go to the previous or next day that has entries."""
        found = self.practice.store.day_with_entries_beside(self.day, direction)
        if found is None:
            self.notify("No earlier day with entries." if direction < 0 else "No later day with entries.")
            return
        self.day = dt.date.fromisoformat(found)
        self.show_day()

    def _choices(self) -> list[tuple[str, str]]:
        """Everything of the day that can be edited or deleted: (kind:id, words)."""
        return [(key, label) for key, label, _named in self._things()]

    def _things(self) -> list[tuple[str, str, str]]:
        """Everything of the day that can be edited or deleted: (kind:id, its label, its name in a question)."""
        store = self.practice.store
        decisions = store.decisions_on(self.day)
        by_id = {d.id: d for d in decisions}
        things = [(f"decision:{d.id}", f"Decision {d.n}. {shown_line(d.text)}", quoted(d.text)) for d in decisions]
        for c in store.checks_on(self.day):
            decision = by_id.get(c.decision_id)
            on = quoted(decision.text, 30) if decision else "a decision"
            label = f"Check at {c.at[11:16]} on decision {decision.n if decision else '?'} ({c.state.value})"
            things.append((f"check:{c.id}", label, f"the check at {c.at[11:16]} on {on}"))
        if store.review_on(self.day) is not None:
            things.append((f"review:{self.day.isoformat()}", "The evening review", "the evening review"))
        return things

    def action_edit(self) -> None:
        """Choose what to edit: a decision, a check or the review, in the form it was made in."""
        choices = self._choices()
        if not choices:
            self.notify("Nothing to edit on this day.")
            return
        actions = {"decision": "edit_decision", "check": "edit_check", "review": "edit_review"}

        def edit(chosen: str | None) -> None:
            if chosen:
                kind, record_id = chosen.split(":", 1)
                self.app.call_later(self.app.run_action, f"{actions[kind]}('{record_id}')")

        if len(choices) == 1:
            edit(choices[0][0])
        else:
            self.app.push_screen(PickDialog("Edit what?", choices), edit)

    def action_delete(self) -> None:
        """Choose what to delete: a decision (with its checks), a check, or the review."""
        things = self._things()
        if not things:
            self.notify("Nothing to delete on this day.")
            return
        names = {key: named for key, _label, named in things}

        def confirm(chosen: str | None) -> None:
            if not chosen:
                return
            kind, record_id = chosen.split(":", 1)
            what = f"{names[chosen]} of {self.day.isoformat()}"
            extra = " and its checks" if kind == "decision" else ""
            question = f"Delete {what}{extra}? You can undo it right after (ctrl+z)."

            def answered(yes: bool | None) -> None:
                if yes:
                    self.delete_record(kind, record_id, what)

            self.app.push_screen(ConfirmDialog(question, yes="Delete", no="Keep it"), answered)

        if len(things) == 1:
            confirm(things[0][0])
        else:
            self.app.push_screen(PickDialog("Delete what?", [(key, label) for key, label, _named in things]), confirm)
