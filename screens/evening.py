"""Evening: an outcome for each decision, a few reflections, and how connected you stayed."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Header, Input, RadioButton, RadioSet, Static

from data.daytime import day_heading
from data.edits import OUTCOME_FIELDS, REVIEW_FIELDS, EditConflict, Resolution, ReviewBase, changes
from data.models import Decision, Outcome, Review, carried_words
from data.ritual import (
    HARD_QUESTION,
    NEXT_STEP_QUESTION,
    REVISED_FROM_CHOICES,
    REVISED_FROM_QUESTION,
    REVISED_WHY_QUESTION,
    day_summary,
    standing,
    step_kept,
    step_offer,
    step_set,
    with_next_step,
)
from data.text import shown, shown_line
from data.validate import InputError, clean_line, clean_note, parse_scale
from tui import keys
from tui.base import SAVE_ERRORS, FieldReader, FormScreen
from tui.dialogs import OfferDialog, ask_about_conflicts, quoted
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

DETAILS_OF: dict[Outcome, tuple[str, ...]] = {
    Outcome.ABANDONED: ("hard",),
    Outcome.REVISED: ("revised_from", "revised_why"),
}
"""What each outcome carries, asked right under it; the words of another outcome stay on the record, unshown."""

DETAIL_WIDGETS = {"hard": "hard", "revised_why": "why", "revised_from": "from", "step": "step"}
"""Each outcome detail's widget, by field: `#hard-1` is decision 1's."""


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
                yield from self.compose_details(decision)
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

    def compose_details(self, decision: Decision) -> ComposeResult:
        """What an abandoned or revised outcome asks, right under the decision; shown for its outcome only."""
        n = decision.n
        with Vertical(id=f"abandoned-{n}", classes="outcome-details"):
            yield FieldLabel(HARD_QUESTION)
            yield NoteArea(shown(decision.hard), id=f"hard-{n}")
            with Horizontal(classes="inline-field"):
                yield FieldLabel(NEXT_STEP_QUESTION)
                yield Input(id=f"step-{n}", placeholder="one small step", compact=True, select_on_focus=False)
        with Vertical(id=f"revised-{n}", classes="outcome-details"):
            yield FieldLabel(REVISED_WHY_QUESTION)
            yield NoteArea(shown(decision.revised_why), id=f"why-{n}")
            yield FieldLabel(REVISED_FROM_QUESTION)
            with ChoiceSet(id=f"from-{n}", classes="revised-from"):
                for value, label in REVISED_FROM_CHOICES:
                    yield Choice(label, value=decision.revised_from == value, name=value)

    def on_mount(self) -> None:
        self.title = "Evening"
        self.sub_title = day_heading(self.the_day)
        self._offered: set[tuple[str, str]] = set()  # (decision id, step) already offered for tomorrow
        self.show_details()
        first = self.query(".outcome").first() if self.query(".outcome") else self.query_one("#left")
        first.focus()
        self.mark_clean()

    @on(RadioSet.Changed, ".outcome")
    def show_details(self) -> None:
        """Show under each decision what its chosen outcome asks, and nothing for the others."""
        chosen = self.chosen_outcomes()
        for decision in self.decisions:
            outcome = chosen[decision.id]
            self.query_one(f"#abandoned-{decision.n}").display = outcome is Outcome.ABANDONED
            self.query_one(f"#revised-{decision.n}").display = outcome is Outcome.REVISED

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
            tuple((name, read()) for name, (read, _check) in self.detail_readers().items()),
        )

    def revised_from(self, decision: Decision) -> str | None:
        """Where the change came from, as chosen under the decision (None: not said)."""
        pressed = self.query_one(f"#from-{decision.n}", RadioSet).pressed_button
        return pressed.name if pressed is not None and pressed.name else None

    def detail_readers(self) -> dict[str, FieldReader]:
        """Each decision's outcome details, named by widget (`hard-1`); one its outcome does not ask is not checked."""
        readers: dict[str, FieldReader] = {}
        for decision in self.decisions:
            n = decision.n
            readers[f"hard-{n}"] = self.detail_reader(decision, f"hard-{n}", "What made it hard", Outcome.ABANDONED)
            readers[f"step-{n}"] = self.detail_reader(decision, f"step-{n}", "The next aligned step", Outcome.ABANDONED)
            readers[f"why-{n}"] = self.detail_reader(decision, f"why-{n}", "What changed", Outcome.REVISED)
            readers[f"from-{n}"] = self.detail_reader(decision, f"from-{n}", "", Outcome.REVISED)
        return readers

    def detail_reader(self, decision: Decision, name: str, label: str, outcome: Outcome) -> FieldReader:
        """How the detail in widget NAME is read and checked: checked only while OUTCOME is the one chosen."""

        def read() -> Any:
            if name.startswith("from-"):
                return self.revised_from(decision)
            widget = self.query_one(f"#{name}")
            return widget.value if isinstance(widget, Input) else cast(NoteArea, widget).text

        def check(held: Any) -> object:
            if self.chosen_outcomes()[decision.id] is not outcome or name.startswith("from-"):
                return held  # not asked now: not saved, so never refused
            if name.startswith("step-"):
                return clean_line(held, label)
            return clean_note(held, label)

        return read, check

    def detail_base(self) -> dict[str, Any]:
        """The outcome details as the form opened (or last saved), by widget name: unchanged ones are not rewritten."""
        base: dict[str, Any] = {}
        for decision in self.decisions:
            held = self.base.details.get(decision.id, {})
            for field in OUTCOME_FIELDS:
                base[f"{DETAIL_WIDGETS[field]}-{decision.n}"] = held.get(field)
        return base

    def details_given(self, mine: dict[str, Any], outcomes: dict[str, Outcome | None]) -> dict[str, dict[str, Any]]:
        """Each decision's details to save: only those its outcome asks (other words stay on the record)."""
        details: dict[str, dict[str, Any]] = {}
        for decision in self.decisions:
            outcome = outcomes[decision.id]
            fields = DETAILS_OF.get(outcome) if outcome is not None else None
            if fields:
                details[decision.id] = {field: mine[f"{DETAIL_WIDGETS[field]}-{decision.n}"] for field in fields}
        return details

    def refuse(self, problem: InputError) -> None:
        super().refuse(problem)
        if problem.field in self.detail_readers():
            found = self.query(f"#{problem.field}")
            if found:
                found.first().focus()

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
        return readers | self.detail_readers()

    def action_save(self, answers: tuple[Resolution, ...] = ()) -> None:
        """Save what was changed here: an outcome or a reflection given elsewhere meanwhile stays."""
        try:
            held = self.checked_fields({**self.base.fields, **self.detail_base()})
        except InputError as problem:
            self.refuse(problem)
            return
        store = self.practice.store
        outcomes = self.chosen_outcomes()
        mine = {name: held[name] for name in REVIEW_FIELDS}
        details = self.details_given(held, outcomes)
        steps = {d.id: held[f"step-{d.n}"] for d in self.decisions if outcomes[d.id] is Outcome.ABANDONED}
        untouched = (
            not changes(mine, self.base.fields)
            and not changes(outcomes, self.base.outcomes)
            and not any(changes(given, self.base.details.get(key)) for key, given in details.items())
            and not any(steps.values())
        )
        if untouched and store.review_on(self.the_day) is None:
            self.notify("Nothing to save yet: choose an outcome, or write a line.")
            return
        try:
            review = store.save_review(
                self.practice.now(),
                self.the_day,
                outcomes,
                base=self.base,
                resolutions=answers,
                details=details,
                **mine,
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
        by_id = {d.id: d for d in decisions}
        offers = [
            (by_id[key], step)
            for key, step in steps.items()
            if step and key in by_id and by_id[key].outcome is Outcome.ABANDONED
        ]
        self.offer_steps(offers)

    def show_saved(self, review: Review, decisions: list[Decision]) -> None:
        """Show the review as the journal now holds it (what came from elsewhere too): the new base."""
        for key, _ in REFLECTIONS:
            area = self.query_one(f"#{key}", NoteArea)
            if area.text != shown(getattr(review, key)):
                area.text = shown(getattr(review, key))
        self.query_one("#contact", Input).value = str(review.contact) if review.contact else ""
        self.show_saved_details(decisions)
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
        self.base = ReviewBase(base.fields, outcomes, base.details)
        self.show_details()
        self.call_after_refresh(self.mark_clean)

    def show_saved_details(self, decisions: list[Decision]) -> None:
        """Show each decision's outcome details as the journal now holds them (kept from elsewhere, or both)."""
        for decision in decisions:
            if not self.query(f"#hard-{decision.n}"):
                continue
            for field in ("hard", "revised_why"):
                area = self.query_one(f"#{DETAIL_WIDGETS[field]}-{decision.n}", NoteArea)
                if area.text != shown(getattr(decision, field)):
                    area.text = shown(getattr(decision, field))
            if decision.revised_from is not None and decision.revised_from != self.revised_from(decision):
                for button in self.query_one(f"#from-{decision.n}", RadioSet).query(RadioButton):
                    if button.name == decision.revised_from:
                        button.value = True

    def offer_steps(self, offers: list[tuple[Decision, str]]) -> None:
        """Offer each abandoned decision's next aligned step as the next day's decision, one question at a time.

        Yes: it is the next day's decision, in the same area. No (or escape): it is kept in the
        day's repair note, so it is not lost. A step already offered (set, or kept) is not asked again.
        """
        if not offers:
            return
        (decision, step), rest = offers[0], offers[1:]
        # The day after the one reviewed; a step from an older day's review is for today, never a past day.
        store, next_day = self.practice.store, max(self.the_day + dt.timedelta(days=1), self.practice.today())
        set_already = any(
            " ".join(d.text.split()).casefold() == " ".join(step.split()).casefold()
            for d in store.decisions_on(next_day)
        )
        review = store.review_on(self.the_day)
        kept_already = review is not None and with_next_step(review.repair, step) is None
        if (decision.id, step) in self._offered or set_already or kept_already:
            self.step_placed(decision)
            self.offer_steps(rest)
            return
        self._offered.add((decision.id, step))
        when = "today" if next_day <= self.practice.today() else "tomorrow"

        def answered(yes: bool | None) -> None:
            if yes:
                self.set_step_for_next_day(decision, step, next_day, when)
            else:
                self.keep_step_in_repair(decision, step)
            self.offer_steps(rest)

        self.app.push_screen(OfferDialog(step_offer(quoted(step, 80), when)), answered)

    def set_step_for_next_day(self, decision: Decision, step: str, next_day: dt.date, when: str) -> None:
        """Make STEP the decision of NEXT_DAY ("tomorrow" or "today": WHEN), in DECISION's area."""
        try:
            self.practice.store.add_decision(self.practice.now(), next_day, step, decision.area)
        except SAVE_ERRORS as error:
            self.save_failed(error)
            return
        self.journal_changed("decision")
        self.step_placed(decision)
        self.notify(step_set(step, when), title=f"{when.capitalize()}'s decision", markup=False)

    def keep_step_in_repair(self, decision: Decision, step: str) -> None:
        """Add STEP to the day's repair note as "Next step: ...", and show it there."""
        store = self.practice.store
        review = store.review_on(self.the_day)
        repair = review.repair if review is not None else ""
        joined = with_next_step(repair, step)
        if joined is not None:
            before = ReviewBase({"repair": repair}, {})
            try:
                review = store.save_review(self.practice.now(), self.the_day, {}, base=before, repair=joined)
            except EditConflict:
                self.notify(
                    "The repair note changed elsewhere just now; the step is still in its field.", title="Not kept yet"
                )
                return
            except SAVE_ERRORS as error:
                self.save_failed(error)
                return
            self.journal_changed("review")
        area = self.query_one("#repair", NoteArea)
        if review is not None and area.text != shown(review.repair):
            area.text = shown(review.repair)
        self.base = ReviewBase(
            {**self.base.fields, "repair": review.repair if review else ""}, self.base.outcomes, self.base.details
        )
        self.step_placed(decision)
        self.notify(step_kept(step), title="Kept", markup=False)

    def step_placed(self, decision: Decision) -> None:
        """The step lives elsewhere now (the next day, or the repair note): its field is cleared."""
        self.query_one(f"#step-{decision.n}", Input).value = ""
        self.call_after_refresh(self.mark_clean)
