"""An encrypted journal in the app: its passphrase in a masked field before Today, or its identity file.

Age's scrypt takes seconds per passphrase tried (on purpose), so only the first test tries
real passphrases (two); the others give the passphrase screen an unlock of their own, or
open the journal with an identity file.
"""

from __future__ import annotations

import argparse
import dataclasses
import threading
from pathlib import Path

import pytest
from textual.widgets import Input

from data.crypto import NoKey, WrongKey
from data.daytime import FixedClock
from data.settings import Settings
from data.store import Store
from screens.export import SEALED_NOTE
from screens.today import TodayScreen
from screens.unlock import EMPTY, OPENING, WELCOME, UnlockScreen
from tests.encrypted import identity_journal, passphrase_journal
from tests.tui.conftest import screen_text, type_text
from tests.tui.test_snapshots import steady
from tests.waits import palette_searched, wait_until
from tui.app import make_app
from tui.cli import _journal_app, _serve

TZ = "Europe/Berlin"
PASSPHRASE = "a quiet morning"
DECISIONS = {"Walk at lunch": "2026-11-27", "Tell Sam no, kindly": "2026-11-27"}
WRONG = "That passphrase does not open this journal. Nothing was changed."


def clock() -> FixedClock:
    return FixedClock("2026-11-27T13:15:00", TZ)


def every_file(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Each file under FOLDER: its bytes and its modification time."""
    return {str(p): (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.rglob("*")) if p.is_file()}


def status(app) -> str:
    return str(app.screen.query_one("#unlock-status").render())


def locked_app(unlock, start: str = "today"):
    return make_app(store=None, settings=Settings(timezone=TZ), clock=clock(), start=start, unlock=unlock)


async def test_a_wrong_passphrase_is_one_line_and_changes_nothing_then_the_right_one_opens_today(tmp_path):
    journal = tmp_path / "journal.json"
    passphrase_journal(journal, PASSPHRASE, clock().now(), DECISIONS)
    before = every_file(tmp_path)
    app = _journal_app(Settings(timezone=TZ), journal, clock(), "today", None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen)
        assert WELCOME in screen_text(app)
        field = app.screen.query_one("#unlock-passphrase", Input)
        assert field.password
        await type_text(pilot, "not it")
        await pilot.press("enter")
        # The line, and the field given back (its focus lands a moment after the line: wait on both).
        await wait_until(
            pilot,
            lambda: status(app) == WRONG and field.has_focus and not field.disabled,
            "the wrong passphrase's line, the field focused again",
            timeout=30,
        )
        assert field.value == ""
        assert every_file(tmp_path) == before  # nothing written, not even a time touched
        await type_text(pilot, PASSPHRASE)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, TodayScreen), "Today after the passphrase", timeout=30)
        await pilot.pause()
        text = screen_text(app)
        assert "Walk at lunch" in text and "Tell Sam no, kindly" in text
        assert not any(isinstance(s, UnlockScreen) for s in app.screen_stack)


async def test_while_the_passphrase_is_tried_the_field_waits_and_says_so():
    release = threading.Event()
    store = Store.in_memory()
    store.add_decision(clock().now(), "2026-11-27", "Walk at lunch", "Inner Foundation")

    def slow_unlock(passphrase: str) -> Store:
        assert release.wait(10), "the unlock ran on the app's own thread: the screen never said it was opening"
        return store

    app = locked_app(slow_unlock)
    async with app.run_test(size=(80, 24)) as pilot:
        await type_text(pilot, PASSPHRASE)
        await pilot.press("enter")
        field = app.screen.query_one("#unlock-passphrase", Input)
        await wait_until(pilot, lambda: status(app) == OPENING, "Opening…")
        assert field.disabled and field.value == ""  # the passphrase is not kept in the field
        release.set()
        await wait_until(pilot, lambda: isinstance(app.screen, TodayScreen), "Today after the passphrase")
        await pilot.pause()
        assert "Walk at lunch" in screen_text(app)


async def test_an_empty_passphrase_is_a_hint_and_tries_nothing():
    tried: list[str] = []

    def unlock(passphrase: str) -> Store:
        tried.append(passphrase)
        raise WrongKey(WRONG)

    app = locked_app(unlock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "enter")
        await wait_until(pilot, lambda: status(app) == EMPTY, "the hint for an empty passphrase")
        assert tried == []
        assert app.screen.query_one("#unlock-passphrase", Input).has_focus


async def test_while_locked_the_palette_and_keys_reach_nothing_of_the_journal():
    def unlock(passphrase: str) -> Store:
        raise AssertionError("nothing was typed")

    app = locked_app(unlock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.set_focus(None)  # out of the field, where letters are the screen's keys
        for key in ("m", "c", "e", "h", "k", "x", "ctrl+z"):
            await pilot.press(key)
        await pilot.pause()
        for action in ("open_morning", "open_history", "export", "undo", "open_day('2026-11-27')"):
            await app.run_action(action)
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen) and len(app.screen_stack) == 1
        assert not app._notifications  # not even "Nothing to undo."

        from textual.command import CommandList

        await pilot.press("ctrl+p")
        await palette_searched(pilot, "")  # what it offers before anything is typed
        offered = [str(option.prompt) for option in app.screen.query_one(CommandList).options]
        assert offered and not any("Open day" in hit or "Morning" in hit for hit in offered), offered
        await type_text(pilot, "e")
        await palette_searched(pilot, "e")
        hits = [str(option.prompt) for option in app.screen.query_one(CommandList).options]
        assert hits and any("theme" in hit.lower() for hit in hits)
        for journal_word in ("Morning", "Evening", "Export", "History", "Open day", "Today"):
            assert not any(journal_word in hit for hit in hits), hits
        await pilot.press("escape")

        await pilot.press("f1")  # help needs no journal
        await wait_until(pilot, lambda: "Self-trust is built by repetition" in screen_text(app), "the help")
        await pilot.press("escape")
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: app.return_code == 0, "quitting")


async def test_after_the_passphrase_the_start_screen_opens_above_today():
    store = Store.in_memory()
    app = locked_app(lambda passphrase: store, start="morning")
    async with app.run_test(size=(80, 24)) as pilot:
        await type_text(pilot, PASSPHRASE)
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen.title is not None and "Morning" in app.screen.title, "Morning")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, TodayScreen), "Today below Morning")


async def test_with_an_identity_file_the_app_starts_straight_on_today(tmp_path):
    journal, identity = tmp_path / "journal.json", tmp_path / "identity.txt"
    identity_journal(journal, identity, clock().now(), DECISIONS)
    settings = Settings(timezone=TZ, identity=identity)
    app = _journal_app(settings, journal, clock(), "today", None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert "Walk at lunch" in screen_text(app)


async def test_the_export_dialog_of_an_encrypted_journal_says_once_that_notes_are_plain(tmp_path):
    journal, identity = tmp_path / "journal.json", tmp_path / "identity.txt"
    identity_journal(journal, identity, clock().now(), DECISIONS)
    settings = Settings(timezone=TZ, identity=identity)
    for app, sealed in (
        (_journal_app(settings, journal, clock(), "today", None), True),
        (
            make_app(store=Store.in_memory(), settings=dataclasses.replace(settings, identity=None), clock=clock()),
            False,
        ),
    ):
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("x")
            await wait_until(pilot, lambda: pilot.app.screen.query("#export-out"), "the export dialog")
            assert screen_text(app).count(SEALED_NOTE) == (1 if sealed else 0)


def test_the_passphrase_screen_at_80x24(snap_compare):
    app = locked_app(lambda passphrase: Store.in_memory())

    async def before(pilot):
        await type_text(pilot, "secret")
        await steady(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=before)


def test_an_encrypted_journal_without_its_key_file_stops_before_asking(tmp_path):
    journal = tmp_path / "journal.json"
    identity_journal(journal, tmp_path / "identity.txt", clock().now(), DECISIONS)  # sealed, and no key file beside it
    with pytest.raises(NoKey) as stopped:
        _journal_app(Settings(timezone=TZ), journal, clock(), "today", None)
    assert "journal.key.age is not there" in str(stopped.value) and "\n" not in str(stopped.value)


def test_serve_starts_on_an_encrypted_journal_and_leaves_the_passphrase_to_the_tab(tmp_path, monkeypatch):
    journal = tmp_path / "journal.json"
    identity_journal(journal, tmp_path / "identity.txt", clock().now(), DECISIONS)
    served: list[Path] = []
    monkeypatch.setattr("tui.serve.serve", lambda **given: served.append(given["db"]) or 0)
    args = argparse.Namespace(host=None, port=None)
    assert _serve(args, Settings(timezone=TZ), journal, tmp_path / "config.toml") == 0
    assert served == [journal]
