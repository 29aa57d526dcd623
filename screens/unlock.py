"""Before Today, for an encrypted journal: its passphrase, in a masked field.

Shown instead of Today (or any start screen) when the journal is encrypted with a
passphrase. Enter runs the unlock it was given in a thread worker (age's scrypt takes
seconds, on purpose), with the field disabled and "Opening…" shown meanwhile. A wrong
passphrase is one line under the field, which is cleared and focused again; nothing is
written. On success the screen posts `UnlockScreen.Unlocked(store)` and the App takes it
from there. The passphrase is held by nothing but the one unlock: the field is cleared as
soon as it is read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from data.crypto import WrongKey
from data.store import JournalError, Store
from tui.base import HasPractice

WELCOME = "Your journal is encrypted. Its passphrase opens it."
EMPTY = "Type your passphrase, then press enter."
OPENING = "Opening your journal…"


class UnlockScreen(Screen[None]):
    """The passphrase of an encrypted journal, asked once before anything of it is shown."""

    HELP_NAME = "the passphrase screen"

    DEFAULT_CSS = """
    UnlockScreen { align: center middle; }
    UnlockScreen > Vertical { width: 72; max-width: 100%; height: auto; padding: 1 2; }
    UnlockScreen #unlock-welcome { margin-bottom: 1; }
    UnlockScreen #unlock-status { height: 1; margin-top: 1; color: $text-muted; }
    UnlockScreen #unlock-status.-refused { color: $warning; }
    """

    @dataclass
    class Unlocked(Message):
        """The passphrase opened the journal: STORE is it, ready for Today."""

        store: Store

    def __init__(self, unlock: Callable[[str], Store]) -> None:
        super().__init__()
        self._unlock = unlock

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical():
            yield Static(WELCOME, id="unlock-welcome")
            yield Input(password=True, placeholder="passphrase", id="unlock-passphrase")
            yield Static(id="unlock-status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#unlock-passphrase", Input).focus()

    def say(self, line: str, *, refused: bool = False) -> None:
        """One line under the field (never markup: an error may quote a path)."""
        status = self.query_one("#unlock-status", Static)
        status.update(Text(line))
        status.set_class(refused, "-refused")

    @on(Input.Submitted, "#unlock-passphrase")
    def open_journal(self, event: Input.Submitted) -> None:
        field = event.input
        passphrase = field.value
        field.value = ""  # the passphrase is held by the unlock alone
        if not passphrase.strip():
            self.say(EMPTY, refused=True)
            return
        field.disabled = True
        self.say(OPENING)
        # Once "Opening…" is on the terminal (the unlock the command line gives runs scrypt in a
        # child process, but one run in this process would hold the interpreter until it ends).
        self.call_after_refresh(self.set_timer, 0.1, partial(self.run_unlock, passphrase))

    @work(thread=True, exclusive=True, group="unlock")
    def run_unlock(self, passphrase: str) -> None:
        """Unlock off the UI thread (seconds of scrypt), then say how it went."""
        try:
            store = self._unlock(passphrase)
        except WrongKey as error:
            self.app.call_from_thread(self.refused, str(error))
            return
        except JournalError as error:  # no key file, a damaged journal: stop as a start would (exit 3)
            self.app.call_from_thread(cast("HasPractice", self.app).stop_on_journal, error)
            return
        self.app.call_from_thread(self.post_message, self.Unlocked(store))

    def refused(self, line: str) -> None:
        """The passphrase did not open it: say so, and let the person try again."""
        field = self.query_one("#unlock-passphrase", Input)
        field.disabled = False
        field.value = ""
        field.focus()
        self.say(line, refused=True)
