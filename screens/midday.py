"""Midday: did I abandon it? Name the pull and the old pattern, and choose the return."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, Input, RadioSet, Select, Static

from data.daytime import day_heading, stamp
from data.edits import CHECK_FIELDS, EditConflict, Resolution, fields_of, plan_words
from data.models import Check, Decision, State
from data.ritual import CHECK_SAVED_WORDS, standing
from data.store import RefError
from data.text import shown, shown_line
from data.validate import (
    InputError,
    clean_note,
    parse_acted,
    parse_feeling,
    parse_intensity,
    parse_returns,
    parse_since,
    parse_yes_no,
)
from data.vocabulary import RETURNS, pull_words
from tui import keys
from tui.base import SAVE_ERRORS, FieldReader, FormScreen
from tui.dialogs import PauseAnswers, PauseDialog, ask_about_conflicts
from tui.widgets import Choice, ChoiceSet, FieldLabel, NamesPicker, NoteArea, ProblemLine, Prompt, TickGrid

ACTED_CHOICES = (("yes", "yes"), ("little", "a little"), ("no", "no"))

STATE_CHOICES = (
    (State.HOLDING, "holding"),
    (State.WOBBLING, "wobbling (pulled, still here)"),
    (State.ABANDONED, "abandoned"),
    (State.CHANGED, "changed my mind (an honest revision)"),
)


class MiddayScreen(FormScreen):
    """A check on an open decision: as many as you want through the day."""

    BINDINGS = [
        Binding(keys.SAVE, "save", "Save", id="midday.save"),
        Binding(keys.PAUSE, "pause", "Pause", id="midday.pause"),
        Binding(keys.BACK, "back", "Back", id="midday.back"),
    ]

    FIELD_WIDGETS = {
        "state": "#state",
        "pulls": "#pulls",
        "patterns": "#patterns",
        "body": "#body",
        "intensity": "#intensity",
        "intensity_after": "#intensity-after",
        "feeling": "#feeling",
        "acted": "#acted",
        "pull_at": "#pull-at",
        "returned_to": "#returned-to",
        "plan_helped": "#plan-helped",
        "return_step": "#return-step",
    }

    def __init__(self, day: dt.date | None = None, *, editing: Check | None = None) -> None:
        super().__init__(day)
        self.editing = editing
        # The check as the form opened: an edit writes only what differs from it.
        self.base = fields_of(editing, CHECK_FIELDS) if editing is not None else None

    def open_decisions(self) -> list[Decision]:
        """The decisions this form can check: the day's open ones, or the edited check's own."""
        if self.editing is not None:
            decision = self.practice.store.decision(self.editing.decision_id)
            return [decision] if decision is not None else []
        return [d for d in self.practice.store.decisions_on(self.the_day) if d.is_open]

    def first_unchecked(self, decisions: list[Decision]) -> Decision:
        """The first decision with no check yet (else the first): where the day needs you."""
        checked = {check.decision_id for check in self.practice.store.checks_on(self.the_day)}
        return next((d for d in decisions if d.id not in checked), decisions[0])

    def compose(self) -> ComposeResult:
        settings = self.practice.settings
        decisions = self.open_decisions()
        was = self.editing
        yield Header()
        with VerticalScroll(id="midday-form", classes="form"):
            yield Prompt("Still with it? If something pulled, name it.")
            if not decisions:
                if self.practice.store.decisions_on(self.the_day):
                    empty = "Every decision of this day has its outcome. Nothing is left to check."
                else:
                    empty = "Nothing to check yet. Set a decision first: escape, then m."
                yield Static(empty, id="midday-empty")
            else:
                yield FieldLabel("The decision")
                yield Select(
                    [(Text(f"{d.n}. {shown_line(d.text)}"), d.id) for d in decisions],
                    value=self.first_unchecked(decisions).id,
                    allow_blank=False,
                    id="decision",
                    compact=True,
                )
                yield Static(id="plan")
                yield Static(id="decision-detail")
                yield FieldLabel("How is it now?")
                with ChoiceSet(id="state"):
                    for state, label in STATE_CHOICES:
                        yield Choice(label, value=state is (was.state if was else State.HOLDING), name=state.value)
                yield FieldLabel("What pulled? (the pull)")
                yield NamesPicker(settings.pulls, kind="pull", chosen=was.pulls if was else (), id="pulls")
                yield Static(id="evidence")
                yield FieldLabel("Which old pattern showed up?")
                yield NamesPicker(settings.patterns, kind="pattern", chosen=was.patterns if was else (), id="patterns")
                yield FieldLabel("What does your body notice?")
                yield NoteArea(shown(was.body) if was else "", id="body")
                yield FieldLabel("The return: what would coming back look like, right now?", id="return-label")
                yield NoteArea(shown(was.return_step) if was else "", id="return-step")
                # The return stays the point of the screen: what follows is for a day with a moment more.
                yield Prompt("If you have a moment more: the pull as it happens. All of it optional.", id="more")
                with Horizontal(classes="inline-field"):
                    yield FieldLabel("How strong is the pull? 0-10")
                    yield self.small_input(was.intensity if was else None, "intensity", "0-10")
                    yield FieldLabel("after a pause", classes="after-label")
                    yield self.small_input(was.intensity_after if was else None, "intensity-after", "ctrl+t")
                with Horizontal(classes="inline-field"):
                    yield FieldLabel("The feeling, in one word")
                    yield self.small_input(was.feeling if was else None, "feeling", "tight, heavy, small…")
                with Horizontal(classes="inline-field", id="acted-row"):
                    yield FieldLabel("Did you act on it?")
                    with ChoiceSet(id="acted"):
                        for value, label in ACTED_CHOICES:
                            yield Choice(label, value=bool(was and was.acted == value), name=value)
                with Horizontal(classes="inline-field"):
                    yield FieldLabel("When did it come? HH:MM")
                    # Blank is now for a new check that met a pull; an edit's blank is "not recorded".
                    shown_at = was.pull_at[11:16] if was and was.pull_at else ""
                    yield self.small_input(shown_at, "pull-at", "not recorded" if was else "now")
                yield FieldLabel("What are you returning to?")
                yield TickGrid(RETURNS, ticked=was.returned_to if was else (), id="returned-to")
                with Horizontal(classes="inline-field", id="plan-helped-row"):
                    yield FieldLabel("Did the plan help?")
                    with ChoiceSet(id="plan-helped"):
                        for value, label in (("yes", "yes"), ("no", "no")):
                            chosen = was is not None and was.plan_helped is (value == "yes")
                            yield Choice(label, value=chosen, name=value)
                yield ProblemLine(id="form-problem")
        yield Footer(compact=True)

    @staticmethod
    def small_input(value: object, field_id: str, placeholder: str) -> Input:
        """A short field of the pull as it happens, holding VALUE as it reads (blank for none)."""
        text = "" if value is None else shown_line(str(value))
        return Input(text, id=field_id, placeholder=placeholder, compact=True, select_on_focus=False)

    def on_mount(self) -> None:
        self.title = f"Edit check of {self.editing.at[11:16]}" if self.editing else "Midday"
        self.sub_title = day_heading(self.the_day)
        if self.query("#state"):
            self.show_detail()
            self.query_one("#state", RadioSet).focus()
        self.mark_clean()

    def form_values(self) -> object:
        if not self.query("#state"):
            return None
        return (
            self.chosen_state(),
            self.query_one("#pulls", NamesPicker).values(),
            self.query_one("#patterns", NamesPicker).values(),
            self.query_one("#body", NoteArea).text,
            self.query_one("#return-step", NoteArea).text,
            *(self.query_one(name, Input).value for name in ("#intensity", "#intensity-after", "#feeling", "#pull-at")),
            self.chosen_name("#acted"),
            tuple(self.query_one("#returned-to", TickGrid).selected),
            self.chosen_name("#plan-helped"),
        )

    def field_readers(self) -> dict[str, FieldReader]:
        if not self.query("#state"):
            return {}
        pulls, patterns = self.query_one("#pulls", NamesPicker), self.query_one("#patterns", NamesPicker)

        def text(selector: str) -> Callable[[], str]:
            return lambda: self.query_one(selector, Input).value

        return {
            "state": (self.chosen_state, lambda held: held),
            "pulls": (pulls.values, lambda _held: pulls.names()),
            "patterns": (patterns.values, lambda _held: patterns.names()),
            "body": (
                lambda: self.query_one("#body", NoteArea).text,
                lambda held: clean_note(held, "What your body notices"),
            ),
            "return_step": (
                lambda: self.query_one("#return-step", NoteArea).text,
                lambda held: clean_note(held, "The return"),
            ),
            "intensity": (text("#intensity"), lambda held: parse_intensity(held, "The strength")),
            "intensity_after": (
                text("#intensity-after"),
                lambda held: parse_intensity(held, "The strength after the pause"),
            ),
            "feeling": (text("#feeling"), lambda held: parse_feeling(held, "The feeling")),
            "acted": (lambda: self.chosen_name("#acted"), lambda held: parse_acted(held, "Acted") if held else None),
            "pull_at": (text("#pull-at"), self.pull_at),
            "returned_to": (
                lambda: self.query_one("#returned-to", TickGrid).selected,
                lambda held: parse_returns(held, "What you return to"),
            ),
            "plan_helped": (self.plan_answer, lambda held: parse_yes_no(held, "The plan helped") if held else None),
        }

    def plan_answer(self) -> str | None:
        """Whether the plan helped, as chosen: only when the chosen decision has a plan to ask about."""
        return self.chosen_name("#plan-helped") if self.query_one("#plan-helped-row").display else None

    def chosen_name(self, selector: str) -> str | None:
        """The name of the choice pressed in a ChoiceSet, or None when none is."""
        pressed = self.query_one(selector, RadioSet).pressed_button
        return pressed.name if pressed is not None else None

    def pull_at(self, held: str) -> str | None:
        """When the pull came, from HH:MM on the check's day; blank is now for a new check that met a pull."""
        if not held.strip():
            if self.editing is not None:
                return None
            met = self.chosen_state() in (State.WOBBLING, State.ABANDONED) or bool(
                self.query_one("#pulls", NamesPicker).names()
            )
            return stamp(self.practice.now()) if met else None
        settings = self.practice.settings
        day = dt.date.fromisoformat(self.editing.day) if self.editing is not None else self.the_day
        return parse_since(
            held,
            "When it came:",
            day=day,
            day_start=settings.day_start,
            timezone=settings.timezone,
            now=self.practice.now(),
        )

    def chosen_decision(self) -> Decision | None:
        value = self.query_one("#decision", Select).value
        return self.practice.store.decision(str(value))

    @on(Select.Changed, "#decision")
    def show_detail(self) -> None:
        """Show the chosen decision's next step, the line to say and where it stands."""
        decision = self.chosen_decision()
        if decision is None:
            return
        plan = self.query_one("#plan", Static)
        plan.update(Text("\n").join(plan_lines(decision.plans)))
        plan.display = bool(decision.plans)
        self.query_one("#plan-helped-row").display = bool(decision.plans)
        self.query_one("#decision-detail").set_class(bool(decision.plans), "-after-plan")
        checks = self.practice.store.checks_for(decision.id)
        text = Text()
        text.append(f"{shown_line(decision.area)} · now {standing(decision, checks).word}", style="dim")
        if decision.next_step:
            text.append("\nThe next step you chose: ", style="bold")
            text.append(shown(decision.next_step))
        if decision.say:
            text.append("\nThe line you will say: ", style="bold")
            text.append(f"“{shown_line(decision.say)}”", style="italic")
        if decision.why:
            text.append("\nWhat you're returning to: ", style="bold")
            text.append(shown(decision.why))
        self.query_one("#decision-detail", Static).update(text)

    @on(TickGrid.Changed, "#pulls TickGrid")
    def show_evidence(self) -> None:
        """When a pull is named, show the last time it came and you returned."""
        evidence = self.query_one("#evidence", Static)
        pulls = self.query_one("#pulls TickGrid", TickGrid).selected
        for pull in pulls:
            found = self.practice.store.last_return_from(pull, self.the_day)
            if found:
                decision, check = found
                evidence.update(
                    Text.assemble(
                        ("Evidence: ", "bold"),
                        f"{shown_line(pull_words(pull))} came on {check.day} too, and you {decision.outcome.value if decision.outcome else 'stayed'}"
                        f" — “{shown_line(decision.text)}”. Returning is possible.",
                    )
                )
                evidence.display = True
                return
        evidence.display = False

    def chosen_state(self) -> State:
        pressed = self.query_one("#state", RadioSet).pressed_button
        return State(pressed.name) if pressed is not None and pressed.name else State.HOLDING

    def action_save(self, answers: tuple[Resolution, ...] = ()) -> None:
        """Save a new check, or what was changed in the check being edited."""
        if not self.query("#state"):
            self.notify("Nothing open to check on this day.")
            return
        decision = self.chosen_decision()
        if decision is None:
            return
        try:
            mine = self.checked_fields(self.base)
        except InputError as problem:
            self.refuse(problem)
            return
        state = self.chosen_state()
        try:
            if self.editing is not None:
                self.practice.store.update_check(
                    self.practice.now(), self.editing.id, mine, base=self.base, resolutions=answers
                )
            else:
                del mine["state"]
                self.practice.store.save_check(self.practice.now(), decision, state, **mine)
        except EditConflict as clash:
            ask_about_conflicts(self, clash.conflicts, answers, self.action_save)
            return
        except (RefError, *SAVE_ERRORS) as error:
            self.save_failed(error)
            return
        if self.editing is not None:
            words = f"The check of {self.editing.at[11:16]} on decision {decision.n} is updated."
        else:
            words = f"Check saved on decision {decision.n}. {CHECK_SAVED_WORDS[state]}"
        self.clear_problem()
        self.journal_changed("check")
        self.notify(words, title="Saved")
        self.mark_clean()
        self.dismiss_form()

    def action_pause(self) -> None:
        """A short breathing pause, asking the pull's strength before and after; the answers fill the form."""

        def answered(answers: PauseAnswers | None) -> None:
            if answers is None or not self.query("#intensity"):
                return
            for selector, strength in (("#intensity", answers.before), ("#intensity-after", answers.after)):
                if strength is not None:
                    self.query_one(selector, Input).value = str(strength)

        self.app.push_screen(PauseDialog(), answered)


def plan_lines(plans: list[dict[str, str]]) -> list[Text]:
    """Each if-then plan on a line of its own: "Your plan: If fear comes, I will send it as written."

    With several, the first says "Your plans:" and the others line up under it.
    """
    head = "Your plan: " if len(plans) == 1 else "Your plans: "
    lines = []
    for index, plan in enumerate(plans):
        words = shown_line(plan_words(plan)).rstrip(" .")
        lines.append(Text.assemble((head if index == 0 else " " * len(head), "bold"), f"{words}."))
    return lines
