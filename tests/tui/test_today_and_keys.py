"""Today, help, the palette and the unsaved-text guard."""

from __future__ import annotations

import pytest

from data.models import Outcome, State
from data.settings import Settings
from data.store import Store
from tests.tui.conftest import screen_text, type_text
from tests.waits import palette_searched, wait_until
from tui.app import make_app

DAY = "2026-11-27"


async def test_an_empty_journal_greets_a_newcomer(build):
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Friday 27 November 2026" in text
        assert "Nothing here yet. Your first decision starts the record." in text
        assert "Due now: the morning decision (press m)" in text


async def test_today_lists_decisions_with_their_latest_state(build, store, clock):
    first = store.add_decision(clock.now(), DAY, "Say it plainly", "Relational Key")
    store.add_decision(clock.now(), DAY, "Lunch away from the desk", "Inner Foundation")
    store.save_check(clock.now(), first, State.HOLDING)
    store.save_check(clock.now(), first, State.WOBBLING, pulls=["fear"])
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "1. Say it plainly" in text and "wobbling" in text
        assert "2. Lunch away from the desk" in text
        # One decision has no check yet, and it is past 12:30.
        assert "Due now: the midday check (press c)" in text


async def test_nothing_due_before_midday_once_decided(build, store, clock):
    clock.set("2026-11-27T09:00:00")
    store.add_decision(clock.now(), DAY, "Say it plainly", "Relational Key")
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Nothing due right now. Next: the midday check at 12:30." in screen_text(app)


async def test_an_unreviewed_yesterday_is_shown_gently_and_opens(build, store, clock):
    waiting = store.add_decision(clock.now(), "2026-11-26", "Call Mum back", "Relational Key")
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Yesterday, 1 decision is still waiting for an outcome" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        assert app.screen.title == "Evening"
        assert "Thursday 26 November 2026" in app.screen.sub_title
        await pilot.press("enter")  # kept
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert "Yesterday" not in screen_text(app)
    assert store.decision(waiting.id).outcome is Outcome.KEPT


async def test_after_a_gap_welcome_back(build, store, clock):
    store.add_decision(clock.now(), "2026-11-10", "Old one", "Inner Foundation")
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Welcome back. Today counts." in screen_text(app)
        assert "streak" not in screen_text(app).lower()


async def test_the_week_shows_its_returns(build, store, clock):
    monday = store.add_decision(clock.now(), "2026-11-23", "Monday's", "Inner Foundation")
    store.save_review(clock.now(), "2026-11-23", {monday.id: Outcome.RETURNED})
    last_week = store.add_decision(clock.now(), "2026-11-20", "Last week's", "Inner Foundation")
    store.save_review(clock.now(), "2026-11-20", {last_week.id: Outcome.RETURNED})
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "This week: 1 return." in screen_text(app)


async def test_escape_with_unsaved_text_asks_first(build, store):
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        await type_text(pilot, "Half a thought")
        await pilot.press("escape")
        await pilot.pause()
        assert "Throw away what you wrote here?" in screen_text(app)
        await pilot.press("escape")  # stay
        await pilot.pause()
        assert app.screen.title == "Morning"
        assert app.screen.query_one("#decision").value == "Half a thought"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")  # throw it away
        await pilot.pause()
        assert "Nothing here yet" in screen_text(app)
    assert store.decisions_on(DAY) == []


async def test_escape_on_an_untouched_form_goes_straight_back(build):
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert "Nothing here yet" in screen_text(app)


async def test_quitting_with_unsaved_text_asks_first(build):
    app = build(start="morning")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_text(pilot, "Unsaved")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert "Quit and throw away what you wrote?" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert app.is_running and app.screen.title == "Morning"
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not app.is_running


async def test_q_quits_from_today_but_types_in_a_field(build, store):
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        await type_text(pilot, "quiet")
        assert app.screen.query_one("#decision").value == "quiet"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_help_shows_the_keys_and_the_practice(build):
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = screen_text(app)
        assert "Keys on Today" in text
        assert "Midday" in text and "Evening" in text
        assert "Self-trust grows from the count of returns" in text
        await pilot.press("escape")
        await pilot.pause()
        assert "Keys on" not in screen_text(app)
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        text = screen_text(app)
        assert "Keys on Morning" in text and "Carry forward" in text


async def test_the_palette_opens_each_screen(build, store, clock):
    store.add_decision(clock.now(), DAY, "Say it plainly", "Relational Key")
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        for search, title in (("Midday", "Midday"), ("Evening", "Evening"), ("Morning", "Morning")):
            await pilot.press("ctrl+p")
            await pilot.pause()
            await type_text(pilot, search)
            await palette_searched(pilot, search)
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen.title == title
        await pilot.press("ctrl+p")
        await type_text(pilot, "Today")
        await palette_searched(pilot, "Today")
        await pilot.press("enter")
        await pilot.pause()
        assert "Say it plainly" in screen_text(app)


async def test_every_form_fits_and_scrolls_at_80_by_24(build, store, clock):
    store.add_decision(clock.now(), DAY, "Say it plainly", "Relational Key")
    app = build(start="evening")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        contact = app.screen.query_one("#contact")
        contact.focus()
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()  # the scroll into view, however slow the machine
        await pilot.pause()
        # Focusing the last field scrolls it into view inside the 24 rows.
        assert 0 <= contact.region.y < 24


async def test_help_lists_the_screens_keys_not_scrolling_noise(build):
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        text = screen_text(app)
        assert "Scroll Up" not in text and "Focus Next" not in text
        for key, words in (("m", "Morning"), ("c", "Midday"), ("e", "Evening"), ("^q", "Quit")):
            assert any(line.split()[:1] == [key] and words in line for line in text.splitlines()), (key, text)


async def test_today_from_the_palette_asks_before_losing_a_form(build, store):
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        await type_text(pilot, "Tell Sam no")
        await pilot.press("ctrl+p")
        await type_text(pilot, "Today")
        await palette_searched(pilot, "Today")
        await pilot.press("enter")
        await pilot.pause()
        assert "Go to Today and throw away what you wrote?" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.title == "Morning"
        assert app.screen.query_one("#decision").value == "Tell Sam no"


async def test_quit_asks_even_when_the_form_is_under_another_screen(build):
    app = build(start="morning")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_text(pilot, "Unsaved")
        await pilot.press("ctrl+p")
        await type_text(pilot, "Evening")
        await palette_searched(pilot, "Evening")
        await pilot.press("enter")  # Evening opens above the Morning that holds the text
        await pilot.pause()
        assert app.screen.title == "Evening"
        await pilot.press("f1")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running
        assert "Quit and throw away what you wrote?" in screen_text(app)


async def test_today_follows_the_clock_and_the_other_terminal(clock, tmp_path):
    path = tmp_path / "journal.json"
    mine = Store(path)
    mine.add_decision(clock.now(), DAY, "Say it plainly", "Relational Key")
    clock.set("2026-11-27T12:00:00")
    app = make_app(store=mine, settings=Settings(timezone="Europe/Berlin"), clock=clock)
    app.WATCH_SECONDS = 0.2
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Next: the midday check at 12:30" in screen_text(app)
        clock.set("2026-11-27T12:45:00")
        app.screen.refresh_day()  # what the half-minute timer does
        assert "Due now: the midday check (press c)" in screen_text(app)
        # Another terminal saves a decision: the open app shows it without a key pressed.
        Store(path).add_decision(clock.now(), DAY, "From the other terminal", "Inner Foundation")
        await wait_until(
            pilot,
            lambda: "2. From the other terminal" in screen_text(app),
            "Today to show the other terminal's decision",
        )
        assert "2. From the other terminal" in screen_text(app)


async def test_next_step_ignores_reviewed_decisions(build, store, clock):
    clock.set("2026-11-27T14:00:00")
    done = store.add_decision(clock.now(), DAY, "Reviewed early", "Inner Foundation")
    store.save_review(clock.now(), DAY, {done.id: Outcome.KEPT})
    held = store.add_decision(clock.now(), DAY, "Still going", "Inner Foundation")
    store.save_check(clock.now(), held, State.HOLDING)
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Nothing due right now. Next: the evening review at 19:00." in screen_text(app)


def _lines(app) -> list[str]:
    """Today's decisions as the screen draws them, a line each, trailing spaces off."""
    return [line.rstrip() for line in str(app.screen.query_one("#today-decisions").content).splitlines()]


async def test_today_shows_each_decisions_next_step_and_line_to_say_within_80_columns(build, store, clock):
    store.add_decision(
        clock.now(),
        DAY,
        "Tell Sam the Friday deadline doesn't work for me",
        "Relational Key",
        next_step="Write the message before ten, with the Tuesday date in it, and send it before the standup starts",
        say="Friday won't work for me;\tTuesday will.",
    )
    store.add_decision(clock.now(), DAY, "Lunch away from the desk", "Inner Foundation")
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lines = _lines(app)
        step = next(line for line in lines if "Next step:" in line)
        assert step.startswith("      Next step: Write the message before ten") and step.endswith("…")
        # Shortened to one line that fits beside Today's padding, not wrapped under the decision.
        assert len(step) <= app.screen.query_one("#today-decisions").content_size.width
        assert "      The line to say: “Friday won't work for me;␉Tuesday will.”" in lines
        # The second decision has neither: nothing is shown for them.
        assert sum("Next step:" in line for line in lines) == 1
        assert sum("The line to say:" in line for line in lines) == 1
    async with build().run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        wide = next(line for line in _lines(pilot.app) if "Next step:" in line)
        assert wide.endswith("the standup starts")  # room for all of it


async def test_a_decision_carried_from_yesterday_is_not_waiting_for_a_review(build, store, clock):
    import datetime as dt

    earlier = store.add_decision(clock.now(), "2026-11-26", "Ask for the raise", "Relational Key")
    store.carry_forward(clock.now(), earlier, dt.date(2026, 11, 27))
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "1. Ask for the raise" in text  # today's copy
        assert "Yesterday" not in text and "still waiting" not in text


async def test_the_keys_panel_closes_with_escape_and_the_screen_stays(build, store, clock):
    app = build(start="history")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await type_text(pilot, "Keys")
        await palette_searched(pilot, "Keys")
        await pilot.press("enter")
        await wait_until(pilot, lambda: bool(app.screen.query("HelpPanel")), "the keys panel to open")
        await pilot.press("escape")
        await pilot.pause()
        assert not app.screen.query("HelpPanel")
        assert app.screen.title == "History"  # the first escape closed the panel only
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.title != "History"


async def test_quit_at_another_question_quits_and_again_at_its_own_question_waits_for_an_answer(build, store, clock):
    store.add_decision(clock.now(), DAY, "Say it plainly", "Relational Key")
    app = build(start="history")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert "Delete “Say it plainly”" in screen_text(app)
        await pilot.press("ctrl+q")  # nothing typed anywhere: quitting needs no question
        await pilot.pause()
        assert not app.is_running
    assert store.decisions_on(DAY)  # the delete was not answered yes

    app = build(start="morning")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_text(pilot, "Unsaved")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert "Quit and throw away what you wrote?" in screen_text(app)
        await pilot.press("ctrl+q", "ctrl+q")  # a held ctrl+q repeats: the words wait for an answer
        await pilot.pause()
        assert app.is_running and "Quit and throw away what you wrote?" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        assert not app.is_running


async def test_q_quits_from_help_and_from_a_question_as_everywhere(build, store, clock):
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert "Keys on Today" in screen_text(app)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running

    store.add_decision(clock.now(), DAY, "Say it plainly", "Relational Key")
    app = build(start="history")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert "Delete “Say it plainly”" in screen_text(app)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert store.decisions_on(DAY)


@pytest.mark.parametrize("form", ["morning", "midday", "evening"])
async def test_escape_on_each_untouched_form_goes_straight_back_with_a_decision_open(build, store, clock, form):
    # The form remembers itself as it opened, at once: nothing it draws after that reads as typed.
    store.add_decision(clock.now(), DAY, "Say it plainly", "Relational Key", why="my evenings")
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press({"morning": "m", "midday": "c", "evening": "e"}[form])
        await wait_until(
            pilot,
            lambda: app.screen.title != "selftrust" and "Today's decisions" not in screen_text(app),
            f"{form} to open",
        )
        await pilot.press("escape")
        await wait_until(pilot, lambda: "Today's decisions" in screen_text(app), "Today again, with no question asked")
        assert "throw away" not in screen_text(app)
