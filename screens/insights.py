"""Insights: the repetitions that build self-trust, over a chosen period."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Static

from tui.base import PracticeScreen


class InsightsScreen(PracticeScreen):
    """Placeholder until the Insights screen lands."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="insights.back")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Insights are on their way.")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Insights"
