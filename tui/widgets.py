"""Widgets the screens share."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, RadioButton, RadioSet, SelectionList, Static, TextArea

from data.validate import clean_line
from data.vocabulary import match_name


class Prompt(Static):
    """A line in the app's voice, above a form or a list."""

    DEFAULT_CSS = """
    Prompt { color: $text-muted; text-style: italic; margin: 0 0 1 0; }
    """


class FieldLabel(Static):
    """The label above a form field."""

    DEFAULT_CSS = """
    FieldLabel { margin-top: 1; text-style: bold; }
    """


class ProblemLine(Static):
    """The one-line reason a form did not save; hidden until there is one."""

    DEFAULT_CSS = """
    ProblemLine { color: $warning; text-style: bold; margin-top: 1; display: none; }
    """


class NoteArea(TextArea):
    """A few lines of free text."""

    DEFAULT_CSS = """
    NoteArea { height: 3; border: none; border-left: wide $panel; padding: 0 1; background: $boost; }
    NoteArea:focus { border: none; border-left: wide $accent; }
    """

    def __init__(self, text: str = "", *, id: str | None = None, placeholder: str = "") -> None:
        super().__init__(text, id=id, soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
        self.placeholder = placeholder


class NamesPicker(Vertical):
    """Choose names from a vocabulary (pulls, patterns), plus new ones in your own words."""

    DEFAULT_CSS = """
    NamesPicker { height: auto; }
    NamesPicker SelectionList { height: auto; max-height: 11; border: none; border-left: wide $panel; padding: 0; }
    NamesPicker SelectionList:focus { border: none; border-left: wide $accent; }
    NamesPicker Input { margin-top: 0; }
    """

    def __init__(self, vocabulary: Sequence[str], *, kind: str, chosen: Iterable[str] = (), id: str | None = None) -> None:
        super().__init__(id=id)
        self.vocabulary = tuple(vocabulary)
        self.kind = kind
        chosen_keys = {name.casefold() for name in chosen}
        self._chosen = chosen_keys
        self._extra = [name for name in chosen if name.casefold() not in {v.casefold() for v in self.vocabulary}]

    def compose(self) -> ComposeResult:
        yield SelectionList[str](
            *[(Text(name), name, name.casefold() in self._chosen) for name in self.vocabulary],
        )
        yield Input(", ".join(self._extra), placeholder=f"another {self.kind}, in your words (comma between several)", compact=True)

    def names(self) -> list[str]:
        """The chosen names: ticked ones, then typed ones (matched to the vocabulary when they are in it)."""
        chosen = list(self.query_one(SelectionList).selected)
        typed = self.query_one(Input).value
        for part in typed.split(","):
            text = clean_line(part, f"The {self.kind}", limit=100)
            if not text:
                continue
            name = match_name(text, self.vocabulary).name
            if name.casefold() not in (c.casefold() for c in chosen):
                chosen.append(name)
        return chosen

    def values(self) -> tuple[tuple[str, ...], str]:
        """The raw state of the picker, for unsaved-change checks."""
        return tuple(sorted(self.query_one(SelectionList).selected)), self.query_one(Input).value

    def clear(self) -> None:
        """Untick everything and empty the typed names."""
        self.query_one(SelectionList).deselect_all()
        self.query_one(Input).value = ""


class ChoiceSet(RadioSet):
    """A set of radio buttons whose cursor starts on the chosen one (so a revisit starts there)."""

    def on_mount(self) -> None:
        self.call_after_refresh(self._start_on_pressed)

    def _start_on_pressed(self) -> None:
        for index, button in enumerate(self.query(RadioButton)):
            if button.value:
                # RadioSet keeps its cursor in `_selected` and starts it on the first button.
                self._selected = index
