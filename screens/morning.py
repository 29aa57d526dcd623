"""Morning: set the day's decisions (one to three), or carry one forward."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, Input, Select, Static

from data.daytime import day_heading
from data.edits import DECISION_FIELDS, EditConflict, Resolution, fields_of
from data.models import Decision
from data.ritual import MORNING_GENTLE, gentle_note, morning_question
from data.store import RefError
from data.text import shown, shown_line
from data.validate import InputError, clean_line, clean_note, parse_scale
from tui import keys
from tui.base import SAVE_ERRORS, FieldReader, FormScreen
from tui.dialogs import PickDialog, PlanReadBack, ask_about_conflicts
from tui.widgets import REFUSED, FieldLabel, NamesPicker, NoteArea, PlanLines, ProblemLine, Prompt, TickGrid


class MorningScreen(FormScreen):
    """The morning decision: typing a line and ctrl+s is the whole ritual on a rushed day."""

    BINDINGS = [
        Binding(keys.SAVE, "save", "Save", id="morning.save"),
        Binding(keys.CARRY_FORWARD, "carry_forward", "Carry forward", id="morning.carry"),
        Binding(keys.BACK, "back", "Back", id="morning.back"),
    ]

    FIELD_WIDGETS = {
        "text": "#decision",
        "area": "#area",
        "why": "#why",
        "pulls_expected": "#pulls",
        "plans": f"#plans Input.{REFUSED}",
        "certainty": "#certainty",
        "next_step": "#next-step",
        "say": "#say",
    }

    def __init__(self, day: dt.date | None = None, *, editing: Decision | None = None) -> None:
        super().__init__(day)
        self.editing = editing
        # The decision as the form opened: a save writes only what differs from it.
        self.base = fields_of(editing, DECISION_FIELDS) if editing is not None else None

    def compose(self) -> ComposeResult:
        settings = self.practice.settings
        was = self.editing
        areas = list(settings.areas)
        if was is not None and was.area not in areas:
            areas.append(was.area)  # an area since taken out of the settings stays choosable here
        yield Header()
        with VerticalScroll(id="morning-form", classes="form"):
            if was is None:
                yield Prompt(morning_question(self.the_day, self.practice.today()))
            else:
                yield Prompt(f"Decision {was.n} of {was.day}, as you set it. Change what needs changing.")
            yield Static(id="morning-set")
            yield FieldLabel("The decision")
            yield Input(
                shown_line(was.text) if was else "",
                id="decision",
                placeholder="Tell Sam the Friday deadline doesn't work for me",
                compact=True,
                select_on_focus=False,
            )
            with Horizontal(classes="inline-field"):
                yield FieldLabel("Area")
                yield Select(
                    [(Text(area), area) for area in areas],
                    value=was.area if was else areas[0],
                    allow_blank=False,
                    id="area",
                    compact=True,
                )
            yield FieldLabel("Why it matters: what you are returning to")
            yield NoteArea(shown(was.why) if was else "", id="why")
            yield FieldLabel("The pull you expect")
            yield NamesPicker(settings.pulls, kind="pull", chosen=was.pulls_expected if was else (), id="pulls")
            yield PlanLines(
                settings.pulls,
                plans=was.plans if was else (),
                chosen=was.pulls_expected if was else (),
                id="plans",
            )
            with Horizontal(classes="inline-field"):
                yield FieldLabel("Certainty, 1-5 (you don't need to be sure to decide)")
                yield Input(
                    str(was.certainty) if was and was.certainty else "",
                    id="certainty",
                    placeholder="1-5, or leave blank",
                    compact=True,
                    select_on_focus=False,
                )
            yield FieldLabel("The next aligned step: one small, concrete action")
            yield Input(shown_line(was.next_step) if was else "", id="next-step", compact=True, select_on_focus=False)
            yield FieldLabel("The line I will actually say (for a relational decision)")
            yield Input(
                shown_line(was.say or "") if was else "",
                id="say",
                placeholder="optional",
                compact=True,
                select_on_focus=False,
            )
            yield ProblemLine(id="form-problem")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = "Edit decision" if self.editing else "Morning"
        self.sub_title = day_heading(self.the_day)
        self.show_set()
        self.show_plan_lines()
        self.query_one("#decision", Input).focus()
        self.mark_clean()

    @on(TickGrid.Changed, "#pulls TickGrid")
    @on(Input.Submitted, "#pulls Input")
    @on(Input.Blurred, "#pulls Input")
    def show_plan_lines(self) -> None:
        """A plan line for each pull chosen: ticked at once, typed ones when the typing is done."""
        self.query_one("#plans", PlanLines).show(self.query_one("#pulls", NamesPicker).shown_names())

    def form_values(self) -> object:
        return (
            self.query_one("#decision", Input).value,
            self.query_one("#why", NoteArea).text,
            self.query_one("#pulls", NamesPicker).values(),
            self.query_one("#plans", PlanLines).held(),
            self.query_one("#certainty", Input).value,
            self.query_one("#next-step", Input).value,
            self.query_one("#say", Input).value,
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action == "carry_forward" and self.editing is not None)

    def show_set(self) -> None:
        """List the decisions the day already has (not while editing one of them)."""
        decisions = [] if self.editing else self.practice.store.decisions_on(self.the_day)
        text = Text()
        if decisions:
            text.append("Already set\n", style="bold")
            for decision in decisions:
                text.append(f" {decision.n}. {shown_line(decision.text)}\n")
            note = gentle_note(len(decisions), MORNING_GENTLE)
            if note is not None:
                text.append(f"{note}\n", style="italic")
        text.rstrip()
        shelf = self.query_one("#morning-set", Static)
        shelf.update(text)
        shelf.display = bool(decisions)  # empty, it would still hold a blank line above the form

    def action_save(self) -> None:
        if self.editing is not None:
            self.save_edit()
            return
        try:
            decision = self.save_decision()
        except InputError as problem:
            self.refuse(problem)
            return
        except SAVE_ERRORS as error:
            self.save_failed(error)
            return
        self.clear_problem()
        self.reset_form()
        self.show_set()
        self.journal_changed("decision")
        self.notify(
            f"Decision {decision.n} set. You don't need to be sure. You need a next step. "
            "Add another, or escape for Today.",
            title="Saved",
        )
        self.read_back(decision.plans)

    def read_back(self, plans: list[dict[str, str]]) -> None:
        """Show the plans just saved, once, to say to oneself (nothing when there are none)."""
        if plans:
            self.app.push_screen(PlanReadBack(plans))

    def field_readers(self) -> dict[str, FieldReader]:
        def text(field_id: str) -> Callable[[], str]:
            return lambda: self.query_one(field_id, Input).value

        pulls = self.query_one("#pulls", NamesPicker)
        plans = self.query_one("#plans", PlanLines)
        return {
            "text": (text("#decision"), lambda held: clean_line(held, "The decision", required=True)),
            "area": (lambda: str(self.query_one("#area", Select).value), lambda held: held),
            "why": (lambda: self.query_one("#why", NoteArea).text, lambda held: clean_note(held, "Why it matters")),
            "pulls_expected": (pulls.values, lambda _held: pulls.names()),
            "certainty": (text("#certainty"), lambda held: parse_scale(held, "Certainty")),
            "next_step": (text("#next-step"), lambda held: clean_line(held, "The next step")),
            "say": (text("#say"), lambda held: clean_line(held, "The line to say") or None),
            "plans": (plans.held, lambda _held: plans.plans()),
        }

    def form_fields(self) -> dict[str, Any]:
        """The form's fields, checked (InputError says what to change); an edit's untouched ones as stored."""
        return self.checked_fields(self.base)

    def save_decision(self) -> Decision:
        """Validate the form and add the decision to the journal."""
        fields = self.form_fields()
        text, area = fields.pop("text"), fields.pop("area")
        return self.practice.store.add_decision(self.practice.now(), self.the_day, text, area, **fields)

    def save_edit(self, answers: tuple[Resolution, ...] = ()) -> None:
        """Save what was changed in the decision being edited, then go back.

        A field also changed elsewhere since the form opened is shown to the person to choose.
        """
        assert self.editing is not None
        try:
            fields = self.form_fields()
            saved = self.practice.store.update_decision(
                self.practice.now(), self.editing.id, fields, base=self.base, resolutions=answers
            )
        except InputError as problem:
            self.refuse(problem)
            return
        except EditConflict as clash:
            ask_about_conflicts(self, clash.conflicts, answers, self.save_edit)
            return
        except (RefError, *SAVE_ERRORS) as error:
            self.save_failed(error)
            return
        self.journal_changed("decision")
        self.notify(f"Decision {saved.n} of {saved.day} updated.", title="Saved")
        self.mark_clean()
        self.dismiss_form()
        if self.base is not None and fields["plans"] != self.base["plans"]:
            self.read_back(saved.plans)  # a plan changed: said once, as a new one is

    def reset_form(self) -> None:
        """Empty the form for the next decision."""
        for field_id in ("#decision", "#certainty", "#next-step", "#say"):
            self.query_one(field_id, Input).value = ""
        self.query_one("#why", NoteArea).text = ""
        self.query_one("#pulls", NamesPicker).clear()
        self.query_one("#plans", PlanLines).clear()
        self.query_one("#decision", Input).focus()
        self.query_one("#morning-form").scroll_home(animate=False)
        self.mark_clean()

    def action_carry_forward(self) -> None:
        """Offer the open decisions of earlier days; the chosen one is copied to today."""
        earlier = self.practice.store.open_decisions_before(self.the_day)[:30]
        if not earlier:
            self.notify("No open decisions from earlier days to carry forward.")
            return
        choices = [(d.id, f"{d.day} · {d.n}. {shown_line(d.text)}") for d in earlier]

        def carry(decision_id: str | None) -> None:
            if decision_id is None:
                return
            original = self.practice.store.decision(decision_id)
            if original is None:
                return
            try:
                copy = self.practice.store.carry_forward(self.practice.now(), original, self.the_day)
            except SAVE_ERRORS as error:
                self.save_failed(error)
                return
            self.show_set()
            self.journal_changed("decision")
            self.notify(f"Carried forward as decision {copy.n}. Today is another rep.", title="Carried forward")

        self.app.push_screen(PickDialog("Carry an open decision forward to today", choices), carry)
