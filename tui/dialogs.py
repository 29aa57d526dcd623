"""Dialogs: small modal screens that return a value."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from data.edits import Conflict, Keep, Resolution, in_words, plan_words
from data.text import shown, shown_line
from tui import keys

HELP_AND_QUIT = [
    Binding(keys.QUIT, "app.quit", "Quit", id="dialog.quit"),
    Binding(keys.HELP, "app.help", "Help", id="dialog.help"),
    Binding(keys.QUIT_TOO, "app.quit", "Quit", show=False),
    Binding(keys.HELP_TOO, "app.help", "Help", show=False),
]
"""Help and quit, as on every screen: a modal screen stops the App's own keys at itself."""


def quoted(text: str, limit: int = 40) -> str:
    """Stored TEXT named in a question: on one line, in quotes, cut at a word with an ellipsis past LIMIT."""
    line = " ".join(shown_line(text).split())
    if len(line) > limit:
        cut = line[:limit].rsplit(" ", 1)[0] if " " in line[:limit] else line[:limit]
        line = cut.rstrip(" ,.;:") + "…"
    return f"“{line}”"


class ConfirmDialog(ModalScreen[bool]):
    """Ask a yes/no question over the screen it is about (dimmed, not hidden); dismisses with True for yes."""

    DEFAULT_CSS = """
    ConfirmDialog { align: center middle; }
    ConfirmDialog > Vertical {
        width: 60; max-width: 90%; height: auto; padding: 1 2;
        border: thick $primary; background: $surface;
    }
    ConfirmDialog #question { width: 1fr; margin-bottom: 1; }
    ConfirmDialog Horizontal { height: auto; align-horizontal: right; }
    ConfirmDialog Button { margin-left: 2; }
    """
    BINDINGS = [
        Binding(keys.BACK, "answer(False)", "Stay", id="dialog.stay"),
        Binding(keys.YES, "answer(True)", "Yes", show=False),
        Binding(keys.NO, "answer(False)", "No", show=False),
        *HELP_AND_QUIT,
    ]

    offer = False  # True: yes is a kind offer (set a step), not a loss

    def __init__(self, question: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question, self.yes, self.no = question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical():
            # A question may quote stored text: shown safely, and never read as markup.
            yield Label(shown(self.question), id="question", markup=False)
            with Horizontal():
                yield Button(self.no, id="no", variant="default" if self.offer else "primary")
                yield Button(self.yes, id="yes", variant="primary" if self.offer else "error")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        if self.offer:
            self.query_one("#yes", Button).focus()

    @on(Button.Pressed)
    def answer_by_button(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class OfferDialog(ConfirmDialog):
    """Offer something kind (a step as tomorrow's decision): yes is the plain, focused choice, escape is "not now"."""

    DEFAULT_CSS = """
    OfferDialog { align: center middle; }
    """
    BINDINGS = [
        Binding(keys.BACK, "answer(False)", "Not now", id="dialog.not-now"),
        Binding(keys.YES, "answer(True)", "Set it", id="dialog.set-it"),
        Binding(keys.NO, "answer(False)", "No", show=False),
        *HELP_AND_QUIT,
    ]
    offer = True

    def __init__(self, question: str) -> None:
        super().__init__(question, yes="Set it", no="Not now")


class PickDialog(ModalScreen[str | None]):
    """Pick one of a few labelled choices; dismisses with the choice's id, or None."""

    DEFAULT_CSS = """
    PickDialog { align: center middle; }
    PickDialog > Vertical {
        width: 76; max-width: 95%; height: auto; max-height: 80%; padding: 1 2;
        border: thick $primary; background: $surface;
    }
    PickDialog #title { margin-bottom: 1; }
    PickDialog OptionList { height: auto; max-height: 14; }
    PickDialog #hint { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [Binding(keys.BACK, "dismiss(None)", "Cancel", id="dialog.cancel"), *HELP_AND_QUIT]

    def __init__(self, title: str, choices: list[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, id="title")
            yield OptionList(*[Option(Text(shown_line(label)), id=key) for key, label in self.choices])
            yield Static("enter to choose · escape to cancel", id="hint")
        yield Footer(compact=True)

    @on(OptionList.OptionSelected)
    def choose(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


@dataclass(frozen=True, slots=True)
class PauseAnswers:
    """How strong the pull was before the pause and after it, 0-10 (None: not answered)."""

    before: int | None = None
    after: int | None = None


ASK_HINT = "a digit 0-9 · 1 then 0 for ten · enter skips"
ONE_OR_TEN = "0 for ten · enter for one · escape skips"


class PauseDialog(ModalScreen[PauseAnswers]):
    """A short breathing pause with a visible countdown, with the pull's strength asked before and after.

    Each question answers by a digit (ten: 1 then 0) or is skipped with enter or escape;
    any key ends the breathing. No sound. It closes with the answers given.
    """

    DEFAULT_CSS = """
    PauseDialog { align: center middle; }
    PauseDialog > Vertical {
        width: 50; height: auto; padding: 1 2; border: thick $accent; background: $surface;
    }
    PauseDialog Static { width: 1fr; text-align: center; }
    PauseDialog #count { text-style: bold; margin: 1 0; }
    PauseDialog #hint { color: $text-muted; }
    """

    def __init__(self, seconds: int = 30) -> None:
        super().__init__()
        self.seconds = self.left = seconds
        self.phase = "before"  # asking before, breathing, then asking after
        self.answers = PauseAnswers()
        self.pending_one = False  # "1" typed: ten if a 0 follows, one on enter

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("A pause before you answer.", id="lead")
            yield Static("How strong is the pull now? 0-10", id="breath")
            yield Static("", id="count")
            yield Static(ASK_HINT, id="hint")

    def _breath(self) -> str:
        # Four seconds in, four out, starting with the in-breath.
        return "Breathe in…" if ((self.seconds - self.left) // 4) % 2 == 0 else "…and out."

    def _show(self, lead: str, breath: str, count: str, hint: str) -> None:
        for name, words in (("#lead", lead), ("#breath", breath), ("#count", count), ("#hint", hint)):
            self.query_one(name, Static).update(words)

    def _breathe(self) -> None:
        self.phase = "breathing"
        self._show("A pause before you answer.", self._breath(), str(self.left), "any key ends the pause")
        self._timer = self.set_interval(1, self.tick)

    def _ask_after(self) -> None:
        self._timer.stop()
        self.phase = "after"
        self._show("The pause is over.", "And now? 0-10", "", ASK_HINT)

    def tick(self) -> None:
        self.left = max(self.left - 1, 0)
        if self.left == 0:
            self._ask_after()
            return
        self.query_one("#count", Static).update(str(self.left))
        self.query_one("#breath", Static).update(self._breath())

    def _answer(self, strength: int | None) -> None:
        self.pending_one = False
        if self.phase == "before":
            self.answers = PauseAnswers(before=strength)
            self._breathe()
        else:
            self.dismiss(PauseAnswers(self.answers.before, strength))

    def on_key(self, event: events.Key) -> None:
        if self.phase == "breathing":  # any key, including escape, ends the breathing
            event.stop()
            self._ask_after()
            return
        key = event.key
        if self.pending_one:
            if key in ("0", "enter", "escape"):
                event.stop()
                self._answer({"0": 10, "enter": 1, "escape": None}[key])
            return
        if key == "1":
            event.stop()
            self.pending_one = True
            self.query_one("#count", Static).update("1")
            self.query_one("#hint", Static).update(ONE_OR_TEN)
        elif len(key) == 1 and key.isdigit():
            event.stop()
            self._answer(int(key))
        elif key in ("enter", "escape"):
            event.stop()
            self._answer(None)


class PlanReadBack(ModalScreen[None]):
    """The plans just set, shown once to say to oneself; any key goes on (help and quit keep their meaning)."""

    DEFAULT_CSS = """
    PlanReadBack { align: center middle; }
    PlanReadBack > Vertical {
        width: 64; max-width: 95%; height: auto; max-height: 90%; padding: 1 2;
        border: thick $accent; background: $surface;
    }
    PlanReadBack #read-back-title { text-style: bold; margin-bottom: 1; }
    PlanReadBack #read-back-plans { height: auto; }
    PlanReadBack .read-back-plan { width: 1fr; margin-bottom: 1; }
    PlanReadBack #read-back-hint { color: $text-muted; }
    """
    BINDINGS = [Binding(keys.BACK, "dismiss(None)", "Go on", id="read-back.close"), *HELP_AND_QUIT]
    _KEPT_KEYS = frozenset(binding.key for binding in HELP_AND_QUIT)  # they mean here what they mean everywhere

    def __init__(self, plans: Sequence[Mapping[str, str]]) -> None:
        super().__init__()
        self.plans = [dict(plan) for plan in plans]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Say it to yourself once.", id="read-back-title")
            with Vertical(id="read-back-plans"):
                for plan in self.plans:
                    yield Static(Text(said(plan)), classes="read-back-plan")
            yield Static("any key to go on", id="read-back-hint")
        yield Footer(compact=True)

    def on_key(self, event) -> None:  # any other key, enter, space or escape, goes on
        if event.key in self._KEPT_KEYS:
            return
        event.stop()
        event.prevent_default()
        self.dismiss(None)


def said(plan: Mapping[str, str]) -> str:
    """A plan as a sentence to say: "If fear comes, I will send it as written." (stored text shown safely)."""
    line = shown_line(plan_words({"pull": plan.get("pull", ""), "then": plan.get("then", "")}))
    return line if line.endswith((".", "!", "?", "…")) else f"{line}."


class ConflictDialog(ModalScreen[Keep | None]):
    """One field changed here and elsewhere: show both, and ask which stays (None: not now)."""

    DEFAULT_CSS = """
    ConflictDialog { align: center middle; }
    ConflictDialog > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 100%; padding: 0 1;
        border: thick $warning; background: $surface;
    }
    ConflictDialog #conflict-lead { margin-bottom: 1; }
    ConflictDialog .side-label { text-style: bold; }
    ConflictDialog .side { height: auto; max-height: 5; margin-bottom: 1; padding: 0 1; background: $boost; }
    ConflictDialog .side:focus { background: $boost; border-left: wide $accent; }
    ConflictDialog Horizontal { height: auto; align-horizontal: center; }
    ConflictDialog Button { margin: 0 1; min-width: 14; }
    ConflictDialog #conflict-hint { color: $text-muted; }
    """
    BINDINGS = [
        Binding(keys.BACK, "choose(None)", "Not now", id="conflict.cancel"),
        Binding(keys.THEIRS, "choose('theirs')", "Keep theirs", show=False),
        Binding(keys.MINE, "choose('mine')", "Keep mine", show=False),
        Binding(keys.BOTH, "choose('both')", "Keep both", show=False),
        Binding("left", "app.focus_previous", show=False),
        Binding("right", "app.focus_next", show=False),
        *HELP_AND_QUIT,
    ]

    def __init__(self, conflict: Conflict, place: str = "") -> None:
        super().__init__()
        self.conflict = conflict
        self.place = place  # "1 of 2" when several fields are asked about in turn

    def compose(self) -> ComposeResult:
        conflict = self.conflict
        heading = f"{conflict.label}: changed in two places" + (f" ({self.place})" if self.place else "")
        with Vertical():
            yield Label(Text(heading, style="bold"), id="conflict-title")
            yield Static(
                "While this form was open, this was also written elsewhere. Both are yours: which stays?",
                id="conflict-lead",
            )
            yield Static("Written elsewhere", classes="side-label")
            with VerticalScroll(classes="side", id="theirs"):  # focusable: a long text scrolls
                yield Static(Text(shown(in_words(conflict.theirs))))
            yield Static("Yours, in this form", classes="side-label")
            with VerticalScroll(classes="side", id="mine"):
                yield Static(Text(shown(in_words(conflict.mine))))
            with Horizontal():
                yield Button("Keep theirs (t)", id="theirs-button")
                yield Button("Keep mine (m)", id="mine-button", variant="primary")
                if conflict.can_keep_both:
                    yield Button("Keep both (b)", id="both-button")
            hint = "tab to scroll a long text · escape: not now, nothing is saved"
            if conflict.can_keep_both:
                hint = "both: yours, then theirs under a marked line · escape: not now"
            yield Static(hint, id="conflict-hint")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#mine-button", Button).focus()

    @on(Button.Pressed)
    def choose_by_button(self, event: Button.Pressed) -> None:
        self.action_choose(str(event.button.id).removesuffix("-button"))

    def action_choose(self, keep: str | None) -> None:
        """Close with the choice (both only where both texts can be kept)."""
        if keep == Keep.BOTH.value and not self.conflict.can_keep_both:
            return
        self.dismiss(Keep(keep) if keep else None)


def ask_about_conflicts(
    screen: Screen,
    conflicts: Sequence[Conflict],
    answers: Sequence[Resolution],
    save: Callable[[tuple[Resolution, ...]], None],
) -> None:
    """Ask about each field changed on both sides, then SAVE again with every answer so far.

    Stepping back from a question saves nothing and leaves the form as the person left it.
    """
    given: list[Resolution] = list(answers)

    def ask(index: int) -> None:
        if index == len(conflicts):
            save(tuple(given))
            return
        place = f"{index + 1} of {len(conflicts)}" if len(conflicts) > 1 else ""

        def answered(keep: Keep | None) -> None:
            if keep is None:
                screen.notify("Nothing saved yet. The form is as you left it.", title="Not saved")
                return
            given.append(Resolution(conflicts[index], keep))
            ask(index + 1)

        screen.app.push_screen(ConflictDialog(conflicts[index], place), answered)

    ask(0)
