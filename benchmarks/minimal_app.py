"""The yardstick for first paint: a minimal Textual app with a Header, a Footer and an Input.

    python benchmarks/minimal_app.py [PLACEHOLDER]

The Input's placeholder is the text a benchmark waits for; ctrl+q quits.
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Input

PLACEHOLDER = "A minimal Textual app is on screen"


class MinimalApp(App[None]):
    """A Header, a Footer and an Input: about the least a real screen shows."""

    def __init__(self, placeholder: str = PLACEHOLDER) -> None:
        super().__init__()
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder=self.placeholder)
        yield Footer()


if __name__ == "__main__":
    MinimalApp(sys.argv[1] if len(sys.argv) > 1 else PLACEHOLDER).run()
