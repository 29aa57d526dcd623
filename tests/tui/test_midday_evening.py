"""Midday and Evening, driven from the keyboard: what the journal holds afterwards."""

from __future__ import annotations

import datetime as dt

from data.models import Outcome, State
from tests.tui.conftest import screen_text, type_text
from tests.waits import wait_until

DAY = "2026-11-27"


def _relational(store, clock):
    return store.add_decision(
        clock.now(),
        DAY,
        "Tell Sam the Friday deadline doesn't work",
        "Relational Key",
        next_step="Write to Sam at 10",
        say="Friday won't work for me; Tuesday will.",
    )


async def test_a_check_with_two_pulls_and_a_pattern(build, store, clock):
    decision = _relational(store, clock)
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert app.screen.title == "Midday"
        shown = screen_text(app)
        # The line to say is shown again, with the next step.
        assert "Friday won't work for me; Tuesday will." in shown
        assert "Write to Sam at 10" in shown
        assert app.focused.id == "state"
        await pilot.press("down", "enter")  # wobbling
        await pilot.press("tab")  # pulls
        await pilot.press("space", "down", "space")  # fear, guilt
        await pilot.press("tab", "tab")  # past "another pull" to the patterns list
        await pilot.press("space")  # said yes
        await pilot.press("tab", "tab")  # the body
        await type_text(pilot, "tight chest")
        await pilot.press("tab")
        await type_text(pilot, "Send the message as written")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.title != "Midday"  # back to Today
        assert "wobbling" in screen_text(app)
    [check] = store.checks_for(decision.id)
    assert check.state is State.WOBBLING
    assert check.pulls == ["fear", "guilt"]
    assert check.patterns == ["said yes"]
    assert check.body == "tight chest"
    assert check.return_step == "Send the message as written"
    assert check.day == DAY and check.at == "2026-11-27T13:15:00+01:00"


async def test_a_named_pull_shows_the_last_time_you_returned(build, store, clock):
    earlier = store.add_decision(clock.now(), "2026-11-20", "Say no to the extra shift", "Relational Key")
    store.save_check(clock.now(), earlier, State.WOBBLING, pulls=["guilt"])
    store.save_review(clock.now(), "2026-11-20", {earlier.id: Outcome.RETURNED})
    _relational(store, clock)
    app = build(start="midday")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "down", "space")  # guilt
        await pilot.pause()
        shown = screen_text(app)
        assert "guilt came on 2026-11-20 too, and you returned" in shown
        assert "Say no to the extra shift" in shown


async def test_midday_with_nothing_open_says_so_kindly(build, store):
    app = build(start="midday")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Nothing to check yet. Set a decision first" in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert store.checks_on(DAY) == []


async def test_the_pause_counts_down_and_any_key_skips_it(build, store, clock):
    _relational(store, clock)
    app = build(start="midday")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert "A pause before you answer." in screen_text(app)
        await pilot.press("enter")  # the strength asked first, skipped
        count = app.screen.query_one("#count")
        first = int(str(count.render()))
        await wait_until(
            pilot, lambda: int(str(count.render())) < first, "the pause's countdown to draw its next second"
        )
        assert int(str(count.render())) < first
        await pilot.press("x")
        await pilot.pause()
        assert "And now?" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.title == "Midday"
        assert app.screen.query_one("#pulls").names() == []


async def test_a_review_with_an_outcome_per_decision(build, store, clock):
    first = _relational(store, clock)
    second = store.add_decision(clock.now(), DAY, "Stop at one coffee", "Inner Foundation")
    store.save_check(clock.now(), first, State.WOBBLING, pulls=["fear"])
    clock.set("2026-11-27T21:40:00")
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        assert "the evening review (press e)" in screen_text(app)
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.title == "Evening"
        await pilot.press("down", "enter")  # decision 1: returned
        await pilot.press("tab")
        await pilot.press("enter")  # decision 2: kept
        await pilot.press("tab")
        await type_text(pilot, "I softened it at first")
        await pilot.press("tab")
        await type_text(pilot, "I sent it anyway")
        await pilot.press("tab")
        await type_text(pilot, "Told Sam I was curt, then said it again")
        await pilot.press("tab")
        await type_text(pilot, "The fear passes")
        await pilot.press("tab")
        await type_text(pilot, "4")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "1 return today" in screen_text(app)
    assert store.decision(first.id).outcome is Outcome.RETURNED
    assert store.decision(second.id).outcome is Outcome.KEPT
    review = store.review_on(DAY)
    assert (review.left, review.returned, review.repair, review.learned, review.contact) == (
        "I softened it at first",
        "I sent it anyway",
        "Told Sam I was curt, then said it again",
        "The fear passes",
        4,
    )


async def test_reviewing_again_updates_the_one_review(build, store, clock):
    decision = _relational(store, clock)
    store.save_review(clock.now(), DAY, {decision.id: Outcome.ABANDONED}, learned="first", contact=2)
    app = build(start="evening")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # The earlier answers are there to change.
        assert app.screen.query_one("#learned").text == "first"
        assert app.screen.query_one("#contact").value == "2"
        await pilot.press("up", "enter")  # revised
        app.screen.query_one("#contact").value = ""
        app.screen.query_one("#contact").focus()
        await type_text(pilot, "3")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert len(list(store._reviews.all())) == 1
    assert store.review_on(DAY).contact == 3
    assert store.decision(decision.id).outcome is Outcome.REVISED


async def test_contact_out_of_range_is_refused(build, store, clock):
    decision = _relational(store, clock)
    app = build(start="evening")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # kept
        app.screen.query_one("#contact").focus()
        await type_text(pilot, "7")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Contact is a number from 1 to 5, not 7" in screen_text(app)
    assert store.review_on(DAY) is None
    assert store.decision(decision.id).outcome is None


async def test_a_failed_save_keeps_the_text_and_says_so(build, store, clock, monkeypatch):
    _relational(store, clock)
    app = build(start="midday")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#body").focus()
        await type_text(pilot, "shaky hands")

        def disk_full(*args, **kwargs):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(store, "save_check", disk_full)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.title == "Midday"
        assert "Not saved: No space left on device" in screen_text(app)
        assert app.screen.query_one("#body").text == "shaky hands"


async def test_midday_starts_on_the_first_decision_not_yet_checked(build, store, clock):
    first = _relational(store, clock)
    second = store.add_decision(clock.now(), DAY, "Stop at one coffee", "Inner Foundation")
    store.save_check(clock.now(), first, State.HOLDING)
    app = build(start="midday")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#decision").value == second.id
        await pilot.press("ctrl+s")  # holding, as it stands
        await pilot.pause()
    [check] = store.checks_for(second.id)
    assert check.state is State.HOLDING


async def test_evening_keeps_an_outcome_given_meanwhile_from_another_terminal(build, store, clock):
    decision = _relational(store, clock)
    clock.set("2026-11-27T20:00:00")
    app = build(start="evening")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # Meanwhile: `selftrust review --outcome 1=kept` from another terminal.
        store.save_review(clock.now(), DAY, {decision.id: Outcome.KEPT})
        app.screen.query_one("#learned").focus()
        await type_text(pilot, "Saying it early helps")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert store.decision(decision.id).outcome is Outcome.KEPT
    assert store.review_on(DAY).learned == "Saying it early helps"


async def test_a_form_open_across_day_start_saves_to_the_day_it_shows(build, store, clock):
    decision = store.add_decision(clock.now(), DAY, "Sleep by one", "Inner Foundation")
    clock.set("2026-11-28T03:50:00")  # still the 27th, logically
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert "Friday 27 November 2026" in app.screen.sub_title
        await pilot.press("enter")  # kept
        clock.set("2026-11-28T04:05:00")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Not saved" not in screen_text(app)
    assert store.decision(decision.id).outcome is Outcome.KEPT
    assert store.review_on(DAY) is not None and store.review_on("2026-11-28") is None


async def test_an_empty_evening_writes_nothing(build, store):
    app = build(start="evening")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "No decisions on this day" in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any("Nothing to save yet" in str(n.message) for n in app._notifications)
    assert store.review_on(DAY) is None


async def test_yesterdays_review_speaks_of_yesterday(build, store, clock):
    store.add_decision(clock.now(), "2026-11-26", "Call Mum back", "Relational Key")
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("y")
        await pilot.pause()
        text = screen_text(app)
        assert "Where did you leave yourself yesterday?" in text
        assert "how connected to yourself did you stay yesterday?" in text
        assert "today" not in text.replace("Today", "")


async def test_a_chosen_state_counts_as_unsaved(build, store, clock):
    _relational(store, clock)
    app = build(start="midday")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # abandoned
        await pilot.press("escape")
        await pilot.pause()
        assert "Throw away what you wrote here?" in screen_text(app)


async def test_the_pause_breathes_in_first_and_waits_for_the_palette(build, store, clock):
    from tui.dialogs import PauseDialog

    _relational(store, clock)
    app = build(start="midday")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+t", "escape")  # the strength asked first, skipped
        await pilot.pause()
        assert "Breathe in…" in screen_text(app)
        await pilot.press("escape", "escape")  # the breathing ended, then the second question skipped
        await pilot.pause()
        pause = PauseDialog(seconds=1)
        app.push_screen(pause)
        await pilot.pause()
        await pilot.press("enter", "ctrl+p")
        await wait_until(pilot, lambda: pause.left == 0, "the pause's countdown to end")  # with the palette open
        assert app.is_running
        await pilot.press("escape")  # close the palette
        await wait_until(pilot, lambda: app.screen is pause, "the palette to close over the pause")
        assert "And now?" in screen_text(app)
        await pilot.press("enter")
        await wait_until(pilot, lambda: pause not in app.screen_stack, "the pause to close once answered")
        assert app.screen.title == "Midday"


async def test_ticked_and_unticked_pulls_and_the_chosen_state_read_apart_without_colour(build, store, clock):
    from tui.widgets import TickGrid

    _relational(store, clock)
    app = build(start="midday")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("down", "enter")  # wobbling
        await pilot.press("tab", "space")  # fear
        await pilot.pause()
        pulls = str(app.screen.query_one("#pulls TickGrid", TickGrid).render())
        assert "[x] fear" in pulls and "[ ] guilt" in pulls
        assert "[ ] chosen (wanting to be)" in pulls and "[ ] understood (wanting to be)" in pulls
        states = screen_text(app)
        assert "( ) holding" in states and "(•) wobbling" in states
        await pilot.press("ctrl+s")
        await pilot.pause()
    [check] = store.checks_on(DAY)
    assert check.pulls == ["fear"]  # the stored names are the bare ones


async def test_midday_at_80x24_shows_the_decision_the_state_and_every_pull_on_its_first_screen(build, store, clock):
    from textual.widgets import Footer

    from tui.widgets import TickGrid

    _relational(store, clock)
    app = build(start="midday")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        fold = app.screen.query_one(Footer).region.y
        grid = app.screen.query_one("#pulls TickGrid", TickGrid)
        assert app.screen.query_one("#decision").region.y > 0
        assert app.screen.query_one("#state").region.height == 4
        assert grid.region.height == 3  # nine pulls in three rows
        assert 0 < grid.region.bottom <= fold  # all nine pulls above the footer, none scrolled away
        await pilot.press("tab")  # focus on the pulls: the layout above does not move
        await pilot.pause()
        assert grid.region.bottom <= fold and app.screen.query_one("#state").region.height == 4


async def test_a_focused_radio_set_keeps_its_height(build, store, clock):
    _relational(store, clock)
    app = build(start="midday")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        state = app.screen.query_one("#state")
        assert app.focused is state
        focused = state.region.height
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is not state
        assert state.region.height == focused == 4


async def test_evening_marks_the_outcome_given_before_without_colour(build, store, clock):
    first = _relational(store, clock)
    store.save_review(clock.now(), DAY, {first.id: Outcome.RETURNED})
    app = build(start="evening")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        assert "(•) returned (left, then came back)" in shown
        assert "( ) kept" in shown and "( ) abandoned" in shown


async def test_a_click_on_a_pull_ticks_it_and_a_second_click_unticks_it(build, store, clock):
    from tui.widgets import TickGrid

    _relational(store, clock)
    app = build(start="midday")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        grid = app.screen.query_one("#pulls TickGrid", TickGrid)
        await pilot.click(grid, offset=(3, 1))  # the first column's second row: guilt
        await pilot.pause()
        assert grid.selected == ["guilt"] and "[x] guilt" in str(grid.render())
        await pilot.click(grid, offset=(3, 1))
        await pilot.pause()
        assert grid.selected == [] and "[ ] guilt" in str(grid.render())


async def test_a_carried_decision_says_where_it_went_and_a_chosen_outcome_replaces_it(build, store, clock):
    earlier = store.add_decision(clock.now(), "2026-11-26", "Ask for the raise", "Relational Key")
    stays = store.add_decision(clock.now(), "2026-11-26", "Walk at lunch", "Inner Foundation")
    store.carry_forward(clock.now(), earlier, dt.date(2026, 11, 27))
    app = build(start="evening", day=dt.date(2026, 11, 26))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "1. Ask for the raise  (carried forward to 2026-11-27)" in screen_text(app)
        await pilot.press("tab", "enter")  # decision 2: kept; decision 1 left as it is
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Still open" not in screen_text(app)  # carried is not open
    assert store.decision(earlier.id).outcome is Outcome.CARRIED
    assert store.decision(stays.id).outcome is Outcome.KEPT
    app = build(start="evening", day=dt.date(2026, 11, 26))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("down", "enter")  # the person says what happened: returned, after all
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert store.decision(earlier.id).outcome is Outcome.RETURNED
