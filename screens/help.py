"""Help: the keys of the screen you came from, and the practice in a few sentences."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from tui import keys

# One paragraph, no line breaks of its own: the help's width wraps it, at any size.
PRACTICE = (
    "Self-trust is built by repetition. In the morning, decide one thing you will stay with, "
    "and plan the return for the pull you expect: \u201cIf fear comes, I will send it as written.\u201d "
    "By midday a pull may come (fear, guilt, pressure, someone's disappointment, the wish "
    "for approval) and an old pattern with it (saying yes, softening the truth, explaining "
    "again). The training is the return: noticing sooner, and coming back, even while the "
    "old feeling is still there. In the evening, look honestly at where you left yourself "
    "and where you came back. An abandoned decision is information, not a verdict: what made "
    "it hard, and the next step, are tomorrow's rep. Changing your mind honestly is not abandoning yourself. "
    "Self-trust grows from the count of returns, not from perfect days."
)


class HelpScreen(ModalScreen[None]):
    """The keys of the current screen and what the practice is."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 84; max-width: 100%; height: auto; max-height: 100%;
        padding: 1 2; border: thick $primary; background: $surface;
    }
    HelpScreen .help-heading { text-style: bold; color: $accent; margin-top: 1; }
    HelpScreen #help-hint { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [
        Binding(keys.BACK, "dismiss", "Close", id="help.close"),
        # The help keys close it again; q quits, as everywhere.
        Binding(keys.HELP, "close_help", "Close help", id="help.toggle"),
        Binding(keys.HELP_TOO, "close_help", "Close help", show=False),
        Binding(keys.QUIT, "app.quit", "Quit", id="help.quit"),  # a modal screen stops the App's own keys
        Binding(keys.QUIT_TOO, "app.quit", "Quit", show=False),
    ]

    def __init__(self, screen_name: str, keys: list[tuple[str, str]]) -> None:
        super().__init__()
        self.screen_name = screen_name
        self.keys = keys

    def compose(self) -> ComposeResult:
        width = max((len(key) for key, _ in self.keys), default=0) + 3
        table = Text()
        for key, description in self.keys:
            table.append(key.ljust(width), style="bold")
            table.append(f"{description}\n")
        table.rstrip()
        with VerticalScroll():
            yield Static(f"Keys on {self.screen_name}", classes="help-heading")
            yield Static(table, id="help-keys")
            yield Static("The practice", classes="help-heading")
            yield Static(Text(PRACTICE), id="help-practice")
            yield Static("escape to close · ctrl+p for every command", id="help-hint")
        yield Footer(compact=True)

    async def action_dismiss(self, result: None = None) -> None:
        """Close the help at once: it gives no answer, so there are no callbacks to wait for first."""
        self.dismiss(None)

    def action_close_help(self) -> None:
        """The help keys close it again (an action of its own, so the footer names the key)."""
        self.dismiss(None)
