"""Morning, driven from the keyboard: what the journal holds afterwards."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.tui.conftest import screen_text, type_text

DAY = "2026-11-27"


async def test_morning_opens_with_the_cursor_in_the_decision_field(build):
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        assert app.screen.title == "Morning"
        assert app.focused is not None and app.focused.id == "decision"


async def test_a_line_and_ctrl_s_is_the_whole_ritual(build, store):
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        await type_text(pilot, "Go for a walk at lunch")
        await pilot.press("ctrl+s")
        await pilot.pause()
        [decision] = store.decisions_on(DAY)
        assert decision.text == "Go for a walk at lunch"
        assert decision.area == "Inner Foundation"
        assert decision.n == 1
        assert "1. Go for a walk at lunch" in screen_text(app)
        # The form is empty again, ready for a second decision.
        assert app.screen.query_one("#decision").value == ""
        await pilot.press("escape")
        await pilot.pause()
        assert "1. " in screen_text(app) and "Go for a walk at lunch" in screen_text(app)


async def test_a_decision_with_every_field(build, store):
    app = build(start="morning")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_text(pilot, "Tell Sam the Friday deadline doesn't work for me ✓")
        await pilot.press("tab")
        assert app.focused.id == "area"
        await pilot.press("enter", "down", "enter")
        await pilot.press("tab")
        assert app.focused.id == "why"
        await type_text(pilot, "My evenings matter — مرحبا")
        await pilot.press("tab")  # the pulls list
        await pilot.press("space", "down", "down", "space")  # fear, pressure
        await pilot.press("tab")  # a pull in my own words
        await type_text(pilot, "being liked")
        await pilot.press("tab")  # the plan lines, one for each pull chosen, in the order shown
        assert app.focused.parent.pull == "fear"
        await type_text(pilot, "send it as written")
        await pilot.press("tab")
        assert app.focused.parent.pull == "pressure"
        await pilot.press("tab")
        assert app.focused.parent.pull == "being liked"
        await pilot.press("tab")
        assert app.focused.id == "certainty"
        await type_text(pilot, "2")
        await pilot.press("tab")
        await type_text(pilot, "Write the message before 10")
        await pilot.press("tab")
        assert app.focused.id == "say"
        await type_text(pilot, "Friday won't work for me; Tuesday will.")
        await pilot.press("ctrl+s")
        await pilot.pause()
    [decision] = store.decisions_on(DAY)
    assert decision.text == "Tell Sam the Friday deadline doesn't work for me ✓"
    assert decision.area == "Relational Key"
    assert decision.why == "My evenings matter — مرحبا"
    assert decision.pulls_expected == ["fear", "pressure", "being liked"]
    assert decision.plans == [{"pull": "fear", "then": "send it as written"}]  # empty lines are no plan
    assert decision.certainty == 2
    assert decision.next_step == "Write the message before 10"
    assert decision.say == "Friday won't work for me; Tuesday will."
    assert decision.outcome is None and decision.carried_from is None
    assert decision.created_at == "2026-11-27T13:15:00+01:00"


async def test_an_empty_decision_is_refused_with_a_message(build, store):
    app = build(start="morning")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_text(pilot, "   ")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert store.decisions_on(DAY) == []
        assert "The decision is empty; write it in a few words" in screen_text(app)
        assert app.screen.title == "Morning"


async def test_certainty_nine_is_refused_and_nothing_is_saved(build, store):
    app = build(start="morning")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_text(pilot, "Rest on Sunday")
        app.screen.query_one("#certainty").focus()
        await type_text(pilot, "9")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert store.decisions_on(DAY) == []
        assert "Certainty is a number from 1 to 5, not 9" in screen_text(app)
        # What was typed is still there to fix.
        assert app.screen.query_one("#decision").value == "Rest on Sunday"
        app.screen.query_one("#certainty").value = ""
        app.screen.query_one("#certainty").focus()
        await type_text(pilot, "4")
        await pilot.press("ctrl+s")
        await pilot.pause()
        [decision] = store.decisions_on(DAY)
        assert decision.certainty == 4


async def test_past_three_decisions_a_gentle_note_but_no_limit(build, store, clock):
    for text in ("one", "two", "three"):
        store.add_decision(clock.now(), DAY, text, "Inner Foundation")
    app = build(start="morning")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Fewer decisions, kept, train more trust" in screen_text(app)
        await type_text(pilot, "four")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert [d.n for d in store.decisions_on(DAY)] == [1, 2, 3, 4]


async def test_carry_forward_copies_an_open_decision_to_today(build, store, clock):
    earlier = store.add_decision(
        clock.now(), "2026-11-25", "Ask for the raise", "Relational Key", why="I'm worth it", certainty=2
    )
    store.add_decision(clock.now(), "2026-11-24", "Already kept", "Inner Foundation")
    store.save_review(
        clock.now(),
        "2026-11-24",
        {store.decisions_on("2026-11-24")[0].id: __import__("data.models").models.Outcome.KEPT},
    )
    app = build(start="morning")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        text = screen_text(app)
        assert "Carry an open decision forward" in text
        await pilot.press("enter")  # the first (and only open) one
        await pilot.pause()
        assert app.screen.title == "Morning"
        assert "1. Ask for the raise" in screen_text(app)
    [copy] = store.decisions_on(DAY)
    assert copy.carried_from == earlier.id
    assert (copy.text, copy.area, copy.why, copy.certainty) == (
        "Ask for the raise",
        "Relational Key",
        "I'm worth it",
        2,
    )
    # The earlier decision ends "carried forward", on its own day: no longer open for ever.
    assert store.decision(earlier.id).outcome.value == "carried"
    assert store.decision(earlier.id).day == "2026-11-25"


async def test_carry_forward_with_nothing_open_says_so(build, store):
    app = build(start="morning")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert app.screen.title == "Morning"
        assert any("No open decisions" in str(n.message) for n in app._notifications)
    assert store.decisions_on(DAY) == []


async def test_morning_for_a_past_day_writes_to_that_day(build, store):
    app = build(start="morning", day=dt.date(2026, 11, 20))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_text(pilot, "Back-dated")
        await pilot.press("ctrl+s")
        await pilot.pause()
    [decision] = store.decisions_on("2026-11-20")
    assert decision.text == "Back-dated"


async def test_a_carried_decision_is_not_offered_twice(build, store, clock):
    store.add_decision(clock.now(), "2026-11-25", "Old thing", "Inner Foundation")
    app = build(start="morning")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert app.screen.title == "Morning"  # nothing left to offer: no dialog
        assert any("No open decisions" in str(n.message) for n in app._notifications)
    assert [d.text for d in store.decisions_on(DAY)] == ["Old thing"]


async def test_text_that_looks_like_markup_is_shown_as_typed(build, store, clock):
    store.add_decision(clock.now(), "2026-11-25", "Say [/] now", "Inner Foundation")
    store.add_decision(clock.now(), DAY, "Tell [Sam] no", "Inner Foundation")
    app = build(start="morning")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_text(pilot, "Rest")
        app.screen.query_one("#certainty").focus()
        await type_text(pilot, "[/]")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Certainty is a number from 1 to 5, not '[/]'" in screen_text(app)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert "Say [/] now" in str(app.screen.query_one("OptionList").get_option_at_index(0).prompt)
        await pilot.press("escape")
        await pilot.pause()
        for field in ("#certainty", "#decision"):
            app.screen.query_one(field).value = ""
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert app.screen.title == "Midday"
        assert "1. Tell [Sam] no" in screen_text(app)


async def test_editing_a_decision_puts_the_cursor_after_its_text_with_nothing_selected(build, store, clock):
    from screens.morning import MorningScreen

    decision = store.add_decision(clock.now(), DAY, "Walk", "Inner Foundation")
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(MorningScreen(dt.date(2026, 11, 27), editing=decision))
        await pilot.pause()
        field = app.screen.query_one("#decision")
        assert app.focused is field
        assert field.selection.is_empty and field.cursor_position == len("Walk")
        await type_text(pilot, " at lunch")  # the first key adds to the text, never replaces it
        assert field.value == "Walk at lunch"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert store.decision(decision.id).text == "Walk at lunch"


async def test_a_refused_save_puts_the_focus_on_the_field_to_change(build, store):
    app = build(start="morning")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_text(pilot, "Rest on Sunday")
        app.screen.query_one("#certainty").focus()
        await type_text(pilot, "9")
        app.screen.query_one("#next-step").focus()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Certainty is a number from 1 to 5, not 9" in screen_text(app)
        assert app.focused is app.screen.query_one("#certainty")
        app.screen.query_one("#decision").value = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "The decision is empty" in screen_text(app)
        assert app.focused is app.screen.query_one("#decision")
    assert store.decisions_on(DAY) == []


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (dt.date(2026, 11, 27), "What will you stay with today?"),
        (dt.date(2026, 11, 26), "What did you stay with yesterday? You didn't need to be sure."),
        (dt.date(2026, 11, 20), "What did you stay with on Friday 20 November 2026?"),
        (dt.date(2026, 11, 28), "Planning tomorrow: what will you stay with?"),
    ],
)
async def test_morning_asks_in_the_tense_of_its_day(build, day, words):
    app = build(start="morning", day=day)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = " ".join(screen_text(app).split())
        assert words in shown
        if day != dt.date(2026, 11, 27):
            assert "with today" not in shown


async def test_morning_with_nothing_set_starts_the_form_under_its_question(build):
    app = build(start="morning")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        question = app.screen.query_one("Prompt")
        label = app.screen.query("FieldLabel").first()
        # The question, one line apart, then "The decision": no empty block between them.
        assert label.region.y - question.region.bottom == 1


async def test_a_pasted_tab_is_a_space_in_the_decision_and_kept_in_the_note(build, store):
    app = build(start="morning")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_text(pilot, "Tell Sam\tFriday")
        app.screen.query_one("#why").focus()
        await type_text(pilot, "evenings\tmine")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "control character" not in screen_text(app)
    [decision] = store.decisions_on(DAY)
    assert (decision.text, decision.why) == ("Tell Sam Friday", "evenings\tmine")


async def test_a_form_more_than_a_day_ahead_does_not_open_and_tomorrow_does(build, store):
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.run_action("open_morning('2026-11-29')")
        await pilot.pause()
        assert app.screen.title != "Morning"
        [note] = [n.message for n in app._notifications]
        assert note == "2026-11-29 is more than a day ahead: you can plan up to tomorrow (2026-11-28)"
        await app.run_action("open_evening('2027-01-01')")
        await pilot.pause()
        assert app.screen.title != "Evening"
        await app.run_action("open_morning('2026-11-28')")  # planning the evening before
        await pilot.pause()
        assert app.screen.title == "Morning" and app.screen.the_day == dt.date(2026, 11, 28)
