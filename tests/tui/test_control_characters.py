"""A journal edited by hand, its text full of control characters: no screen draws one raw."""

from __future__ import annotations

import pytest

from data.settings import Settings
from data.store import Store
from tests.hostile_text import DAY, DECISION_SHOWN, PULL, PULL_SHOWN, RAW_CONTROL, write_hostile_journal
from tests.tui.conftest import TZ
from tui.app import make_app


@pytest.fixture
def hostile_app(tmp_path, clock):
    """Build the app, opening on START, on a journal written by hand with control characters in it."""
    path = tmp_path / "journal.json"
    write_hostile_journal(path)

    def _build(start: str = "today"):
        return make_app(store=Store(path, daily_backups=0), settings=Settings(timezone=TZ), clock=clock, start=start)

    return _build


def drawn(app) -> str:
    """Every character the screen draws now, line by line, as the terminal would receive it."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip if not segment.control) for strip in strips)


def assert_drawn_safely(app, *wanted: str) -> None:
    text = drawn(app)
    found = RAW_CONTROL.search(text)
    assert found is None, f"U+{ord(found.group()):04X} drawn raw:\n{text}"
    for words in wanted:
        assert words in text, f"{words!r} not drawn:\n{text}"


async def test_today_shows_the_decision_with_stand_ins_and_draws_no_control_character(hostile_app) -> None:
    app = hostile_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert_drawn_safely(app, f"1. {DECISION_SHOWN}")


async def test_history_lists_the_decision_with_stand_ins_and_draws_no_control_character(hostile_app) -> None:
    app = hostile_app("history")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert_drawn_safely(app, DECISION_SHOWN, PULL_SHOWN)


async def test_the_day_view_shows_the_decision_with_stand_ins_and_draws_no_control_character(hostile_app) -> None:
    app = hostile_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await app.run_action(f"open_day('{DAY}')")
        await pilot.pause()
        assert_drawn_safely(app, DECISION_SHOWN, PULL_SHOWN)


@pytest.mark.parametrize("start", ["midday", "evening"])
async def test_the_midday_and_evening_forms_name_the_decision_with_stand_ins(hostile_app, start: str) -> None:
    app = hostile_app(start)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert_drawn_safely(app, DECISION_SHOWN)


async def test_editing_the_decision_shows_its_text_with_stand_ins_and_saves_what_it_shows(
    hostile_app, tmp_path
) -> None:
    # The form holds the text as the person sees it: saving an edit is never refused for a
    # character they cannot see, and the journal then holds what was on screen.
    app = hostile_app("history")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert type(app.screen).__name__ == "MorningScreen"
        assert_drawn_safely(app, DECISION_SHOWN)
        await pilot.press("end", "!", "ctrl+s")
        await pilot.pause()
        assert "control character" not in drawn(app), drawn(app)
    (saved,) = Store(tmp_path / "journal.json").all_decisions()
    assert saved.text == DECISION_SHOWN + "!"
    assert saved.pulls_expected == [PULL]  # not touched: kept exactly as stored
