"""Evening: an outcome for each decision, a few reflections, and how connected you stayed."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Input, RadioButton, RadioSet, Static

from data.daytime import day_heading
from data.edits import EditConflict, Resolution, ReviewBase, changes
from data.models import Decision, Outcome, Review, carried_words
from data.ritual import day_summary, standing
from data.text import shown, shown_line
from data.validate import InputError, clean_note, parse_scale
from tui import keys
from tui.base import SAVE_ERRORS, FieldReader, FormScreen
from tui.dialogs import ask_about_conflicts
from tui.widgets import Choice, ChoiceSet, FieldLabel, NoteArea, ProblemLine, Prompt

OUTCOME_CHOICES = (
    (Outcome.KEPT, "kept"),
    (Outcome.RETURNED, "returned (left, then came back)"),
    (Outcome.REVISED, "revised (changed honestly)"),
    (Outcome.ABANDONED, "abandoned"),
)

REFLECTIONS = (
    ("left", "Where did I leave myself {day}?"),
    ("returned", "Where did I return?"),
    ("repair", "Any repair? (react, repair, return)"),
    ("learned", "What did I learn?"),
)


class EveningScreen(FormScreen):
    """The evening review of a day; reviewing again updates it."""

    BINDINGS = [
        Binding(keys.SAVE, "save", "Save", id="evening.save"),
        Binding(keys.BACK, "back", "Back", id="evening.back"),
    ]

    FIELD_WIDGETS = {key: f"#{key}" for key in ("left", "returned", "repair", "learned", "contact")}

    def compose(self) -> ComposeResult:
        store = self.practice.store
        self.decisions: list[Decision] = store.decisions_on(self.the_day)
        review = store.review_on(self.the_day)
        # The review and outcomes as the form opened: a save writes only what differs from them.
        self.base = ReviewBase.of(review, self.decisions)
        checks_of: dict[str, list] = {}
        for check in store.checks_on(self.the_day):  # one read for every decision, oldest first
            checks_of.setdefault(check.decision_id, []).append(check)
        yield Header()
        with VerticalScroll(id="evening-form", classes="form"):
            day = self.day_word()
            yield Prompt(f"Where did you leave yourself {day}? Where did you come back?")
            if not self.decisions:
                yield Static("No decisions on this day. You can still write what you noticed.", id="evening-empty")
            for decision in self.decisions:
                word = standing(decision, checks_of.get(decision.id, [])).word
                if decision.outcome is Outcome.CARRIED:  # no choice shows it: choosing one replaces it
                    copy = store.carried_to(decision.id)
                    word = carried_words(copy.day if copy else None)
                yield FieldLabel(Text.assemble(f"{decision.n}. {shown_line(decision.text)}  ", (f"({word})", "dim")))
                with ChoiceSet(id=f"outcome-{decision.n}", classes="outcome"):
                    for outcome, label in OUTCOME_CHOICES:
                        yield Choice(label, value=decision.outcome is outcome, name=outcome.value)
            for key, question in REFLECTIONS:
                yield FieldLabel(question.format(day=day))
                yield NoteArea(shown(getattr(review, key)) if review else "", id=key)
            yield FieldLabel(f"Contact: how connected to yourself did you stay {day}? 1-5")
            yield Input(
                str(review.contact) if review and review.contact else "",
                id="contact",
                placeholder="1 to 5, or leave blank",
                compact=True,
                select_on_focus=False,
            )
            yield ProblemLine(id="form-problem")
            yield Static(id="summary")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = "Evening"
        self.sub_title = day_heading(self.the_day)
        first = self.query(".outcome").first() if self.query(".outcome") else self.query_one("#left")
        first.focus()
        self.mark_clean()

    def chosen_outcomes(self) -> dict[str, Outcome | None]:
        """The outcome showing for each decision (chosen now, or given before)."""
        chosen: dict[str, Outcome | None] = {}
        for decision in self.decisions:
            pressed = self.query_one(f"#outcome-{decision.n}", RadioSet).pressed_button
            chosen[decision.id] = Outcome(pressed.name) if pressed is not None and pressed.name else decision.outcome
        return chosen

    def form_values(self) -> object:
        return (
            tuple(self.chosen_outcomes().items()),
            tuple(self.query_one(f"#{key}", NoteArea).text for key, _ in REFLECTIONS),
            self.query_one("#contact", Input).value,
        )

    def field_readers(self) -> dict[str, FieldReader]:
        def note(key: str, question: str) -> FieldReader:
            return (
                lambda: self.query_one(f"#{key}", NoteArea).text,
                lambda held: clean_note(held, question.rstrip("?")),
            )

        readers = {key: note(key, question) for key, question in REFLECTIONS}
        readers["contact"] = (
            lambda: self.query_one("#contact", Input).value,
            lambda held: parse_scale(held, "Contact"),
        )
        return readers

    def action_save(self, answers: tuple[Resolution, ...] = ()) -> None:
        """Save what was changed here: an outcome or a reflection given elsewhere meanwhile stays."""
        try:
            mine = self.checked_fields(self.base.fields)
        except InputError as problem:
            self.refuse(problem)
            return
        store = self.practice.store
        outcomes = self.chosen_outcomes()
        untouched = not changes(mine, self.base.fields) and not changes(outcomes, self.base.outcomes)
        if untouched and store.review_on(self.the_day) is None:
            self.notify("Nothing to save yet: choose an outcome, or write a line.")
            return
        try:
            review = store.save_review(
                self.practice.now(), self.the_day, outcomes, base=self.base, resolutions=answers, **mine
            )
        except EditConflict as clash:
            ask_about_conflicts(self, clash.conflicts, answers, self.action_save)
            return
        except SAVE_ERRORS as error:
            self.save_failed(error)
            return
        self.clear_problem()
        self.journal_changed("review")
        decisions = store.decisions_on(self.the_day)
        summary = day_summary(decisions)
        still_open = [d for d in decisions if d.is_open]
        if still_open:
            summary += f" Still open: {', '.join(str(d.n) for d in still_open)}."
        self.query_one("#summary", Static).update(Text.assemble(("Saved. ", "bold"), summary))
        self.query_one("#summary").scroll_visible(animate=False)
        self.notify(summary, title="Review saved")
        self.show_saved(review, decisions)

    def show_saved(self, review: Review, decisions: list[Decision]) -> None:
        """Show the review as the journal now holds it (what came from elsewhere too): the new base."""
        for key, _ in REFLECTIONS:
            area = self.query_one(f"#{key}", NoteArea)
            if area.text != shown(getattr(review, key)):
                area.text = shown(getattr(review, key))
        self.query_one("#contact", Input).value = str(review.contact) if review.contact else ""
        showing = self.chosen_outcomes()
        by_id = {d.id: d for d in decisions}
        for decision in self.decisions:
            saved = by_id.get(decision.id)
            if saved is not None and saved.outcome is not None and saved.outcome != showing[decision.id]:
                for button in self.query_one(f"#outcome-{decision.n}", RadioSet).query(RadioButton):
                    if button.name == saved.outcome.value:
                        button.value = True
        self.decisions = [by_id.get(d.id, d) for d in self.decisions]
        base = ReviewBase.of(review, self.decisions)
        # A radio set cannot be cleared: where the journal says open but a choice shows, the base
        # is what shows, so saving again leaves that outcome as the journal has it.
        outcomes = {d.id: d.outcome if d.outcome is not None else showing[d.id] for d in self.decisions}
        self.base = ReviewBase(base.fields, outcomes)
        self.call_after_refresh(self.mark_clean)
