"""What every screen shares: typed access to the practice (store, settings, clock)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, cast

from rich.text import Text
from textual.screen import Screen
from textual.signal import Signal

from data.daytime import Clock, logical_day
from data.settings import Settings
from data.store import JournalError, RefError, Store
from data.validate import InputError
from tui import keys

if TYPE_CHECKING:
    from textual.app import App

    from data.history import HistoryYears


@dataclass(slots=True)
class Practice:
    """The journal, the settings and the clock the app was given, plus the change signal."""

    store: Store
    settings: Settings
    clock: Clock
    changed: Signal[str]
    last_deleted: tuple[str, str] | None = None  # (record id, what it was, in words), for ctrl+z
    history: HistoryYears | None = None  # History's years as last built, kept for its next opening

    def now(self) -> dt.datetime:
        """The current moment in the user's timezone."""
        return self.clock.now()

    def today(self) -> dt.date:
        """The current logical day."""
        return logical_day(self.clock.now(), self.settings.day_start)


class HasPractice:
    """An app that carries a Practice (the App provides it; screens read it)."""

    practice: Practice

    def stop_on_journal(self, error: JournalError) -> None:
        """Stop the app on a journal that cannot be used (the App says how)."""
        raise NotImplementedError


FieldReader = tuple[Callable[[], Any], Callable[[Any], object]]
"""How a form reads one of its fields as it is on screen, and how it checks what it read.

Any: each field's checker takes what its own reader gives (text, a choice, a list of names),
a pairing one type for the whole form cannot say."""

_UNREAD = object()

SAVE_ERRORS = (OSError, JournalError, ValueError)
"""What a save can raise that the person should hear about, rather than a crash."""


class PracticeScreen(Screen[None]):
    """A screen of the app, with the practice at hand."""

    @property
    def practice(self) -> Practice:
        """The app's store, settings and clock."""
        return cast("HasPractice", cast("App[None]", self.app)).practice

    def has_unsaved_text(self) -> bool:
        """True when leaving now would throw away something typed."""
        return False

    def journal_changed(self, what: str) -> None:
        """Tell every screen the journal changed (a save, here or from another terminal)."""
        self.practice.changed.publish(what)

    def delete_record(self, kind: str, record_id: str, words: str) -> bool:
        """Soft-delete a decision (with its checks), a check or a review; ctrl+z brings it back."""
        store, now = self.practice.store, self.practice.now()
        try:
            if kind == "decision":
                store.delete_decision(now, record_id)
            elif kind == "check":
                store.delete_check(now, record_id)
            else:
                review = store.review_on(record_id)
                if review is None:
                    return False
                store.delete_review(now, record_id)
                record_id = review.id
        except (RefError, *SAVE_ERRORS) as error:
            self.notify(str(error), title="Not deleted", severity="warning", markup=False)
            return False
        self.practice.last_deleted = (record_id, words)
        self.journal_changed("delete")
        self.notify(f"Deleted {words}. Press ctrl+z to undo.", title="Deleted", markup=False, timeout=8)
        return True


class FormScreen(PracticeScreen):
    """A screen with a form: `ctrl+s` saves, `escape` goes back, asking before unsaved text is lost."""

    BINDINGS = [
        (keys.SAVE, "save", "Save"),
        (keys.BACK, "back", "Back"),
    ]

    FIELD_WIDGETS: ClassVar[dict[str, str]] = {}
    """Each field's widget, by the name `field_readers` gives it: where the focus goes when it is refused."""

    _baseline: object = None
    _opened: dict[str, object] = {}  # each field as the form held it when it opened (or last saved)

    def __init__(self, day: dt.date | None = None) -> None:
        super().__init__()
        self.day = day

    @property
    def the_day(self) -> dt.date:
        """The logical day this form writes to: the one it was opened for, else today as it opened.

        Fixed at the first look, so a form open across day_start still saves to the day it shows.
        """
        if self.day is None:
            self.day = self.practice.today()
        return self.day

    def day_word(self) -> str:
        """How the form speaks of its day: "today", "yesterday" or "that day"."""
        today = self.practice.today()
        if self.the_day == today:
            return "today"
        return "yesterday" if self.the_day == today - dt.timedelta(days=1) else "that day"

    def form_values(self) -> object:
        """Everything the form holds now, to compare against what it held when opened."""
        return None

    def field_readers(self) -> dict[str, FieldReader]:
        """Each field the form saves: how to read what it holds now, and how to check that (InputError)."""
        return {}

    def mark_clean(self) -> None:
        """Remember the form as it is now as the saved state."""
        self._baseline = self.form_values()
        self._opened = {name: read() for name, (read, _check) in self.field_readers().items()}

    def checked_fields(self, base: Mapping[str, object] | None) -> dict[str, Any]:
        """The fields to save, each checked (InputError for the first one that cannot be saved).

        With BASE (the record as the form opened), a field still holding what it showed then
        is BASE's value itself, unchecked: an entry imported or edited by hand, with text the
        form would refuse, can still be edited in its other fields, and a field the person
        did not touch is never rewritten from how the form shows it.
        """
        fields: dict[str, Any] = {}  # each of its own field's type, as the store's savers take them
        for name, (read, check) in self.field_readers().items():
            held = read()
            if base is not None and name in base and self._opened.get(name, _UNREAD) == held:
                fields[name] = base[name]
            else:
                try:
                    fields[name] = check(held)
                except InputError as problem:
                    problem.field = name
                    raise
        return fields

    def has_unsaved_text(self) -> bool:
        return self.form_values() != self._baseline

    def show_problem(self, message: str, *, field: str | None = None) -> None:
        """Say what to change, in one line, beside the form and as a notification; focus FIELD, the one at fault."""
        from textual.widgets import Input, Static

        for line in self.query("#form-problem").results(Static):
            line.update(Text(message))  # the message may quote what was typed: never markup
            line.display = True
        self.notify(message, title="Not saved yet", severity="warning", markup=False)
        found = self.query(self.FIELD_WIDGETS[field]) if field in self.FIELD_WIDGETS else None
        if found:
            widget = found.first()
            typed = widget.query(Input)  # a picker's names fail in the names typed, not the ticks
            (typed.first() if typed else widget).focus()

    def refuse(self, problem: InputError) -> None:
        """Say why the form did not save, with the focus on the field to change."""
        self.show_problem(str(problem), field=problem.field)

    def save_failed(self, error: Exception) -> None:
        """Say a save did not happen (disk full, journal unusable); what was typed stays."""
        reason = getattr(error, "strerror", None) or str(error)
        self.show_problem(f"Not saved: {reason}. What you wrote is still here; try again in a moment.")

    def clear_problem(self) -> None:
        """Hide the problem line once the form saved."""
        for line in self.query("#form-problem"):
            line.display = False

    def action_save(self) -> None:
        """Save the form (each form says how)."""

    def action_back(self) -> None:
        """Go back, asking first when something typed would be lost."""
        from tui.dialogs import ConfirmDialog

        if not self.has_unsaved_text():
            self.dismiss_form()
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss_form()

        self.app.push_screen(
            ConfirmDialog("Throw away what you wrote here?", yes="Throw away", no="Keep writing"), answered
        )

    def dismiss_form(self) -> None:
        """Leave the form for the screen below."""
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        else:
            self.app.exit()
