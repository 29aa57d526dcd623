"""Pilot fixtures: the app on an in-memory journal, with a fixed clock in Europe/Berlin."""

from __future__ import annotations

import pytest

from data.daytime import FixedClock
from data.settings import Settings
from data.store import Store
from tui.app import SelftrustApp, make_app

TZ = "Europe/Berlin"


@pytest.fixture
def store() -> Store:
    return Store.in_memory()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock("2026-11-27T13:15:00", TZ)


@pytest.fixture
def settings() -> Settings:
    return Settings(timezone=TZ)


@pytest.fixture
def build(store: Store, settings: Settings, clock: FixedClock):
    """Build the app on the test's journal, settings and clock, opening on START."""

    def _build(start: str = "today", day=None) -> SelftrustApp:
        return make_app(store=store, settings=settings, clock=clock, start=start, day=day)

    return _build


async def type_text(pilot, text: str) -> None:
    """Type TEXT key by key, as a quick typist does; characters no key makes are pasted.

    Each character reaches the app as its own key event (a Paste for one no key makes), in
    order, the way a terminal delivers keys typed faster than the screen is drawn; the screen
    is let settle once the whole text is in, not after every key (that cost ~70 ms a key).
    So a key that moves the focus (`/` opening a search) is pressed on its own first.
    """
    from textual import events
    from textual.keys import _character_to_key

    app = pilot.app
    await pilot.pause()  # what came before (a screen opening, a focus moving) is done first
    for char in text:
        if char.isascii() and char.isprintable():
            key = "space" if char == " " else _character_to_key(char)
            app.post_message(events.Key(key, char))
        else:
            # As a terminal does: the app receives the paste and hands it to the focused field.
            app.post_message(events.Paste(char))
    # Twice: once for the app to hand every key on, once for the field to take them in.
    await pilot.pause()
    await pilot.pause()


def screen_text(app) -> str:
    """The text of every shown Static and Label on the current screen, in order."""
    from textual.widget import Widget
    from textual.widgets import Static

    def shown(widget: Widget) -> bool:
        return all(node.display for node in widget.ancestors_with_self if isinstance(node, Widget))

    return "\n".join(str(widget.render()) for widget in app.screen.query(Static) if shown(widget))
