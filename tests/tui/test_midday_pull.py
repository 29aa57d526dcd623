"""Midday: the plan shown, the pull as it happens (strength, feeling, acted, when, returns), and the pause."""

from __future__ import annotations

import pytest
from textual.widgets import Input, RadioSet

from data.models import State
from tests.tui.conftest import screen_text, type_text
from tests.waits import wait_until
from tui.dialogs import PauseDialog
from tui.widgets import TickGrid

DAY = "2026-11-27"
PLAN = {"pull": "fear", "then": "send it as written"}


def _planned(store, clock):
    return store.add_decision(
        clock.now(), DAY, "Tell Sam the Friday deadline doesn't work", "Relational Key", plans=[PLAN]
    )


async def _focus(pilot, selector: str) -> None:
    pilot.app.screen.query_one(selector).focus()
    await pilot.pause()


async def _type_into(pilot, selector: str, text: str) -> None:
    await _focus(pilot, selector)
    await type_text(pilot, text)


async def _choose(pilot, selector: str, steps: int) -> None:
    """In the choice set SELECTOR, step from the first choice STEPS times and choose."""
    await _focus(pilot, selector)
    await pilot.press(*["down"] * steps, "enter")


async def test_a_check_with_every_new_field_is_saved_and_read_back(build, store, clock):
    decision = _planned(store, clock)
    app = build(start="midday")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("down", "enter")  # wobbling
        await _type_into(pilot, "#intensity", "7")
        await _type_into(pilot, "#intensity-after", "3")
        await _type_into(pilot, "#feeling", "tight")
        await _choose(pilot, "#acted", 1)  # a little
        await _type_into(pilot, "#pull-at", "12:40")
        await _focus(pilot, "#returned-to")
        await pilot.press("space", "down", "down", "space")  # what I know, my body
        await _choose(pilot, "#plan-helped", 0)  # yes
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.title != "Midday"  # saved, back to Today
    [check] = store.checks_for(decision.id)
    assert (check.state, check.intensity, check.intensity_after, check.feeling, check.acted) == (
        State.WOBBLING,
        7,
        3,
        "tight",
        "little",
    )
    assert check.pull_at == "2026-11-27T12:40:00+01:00"
    assert check.returned_to == ["what I know", "my body"]
    assert check.plan_helped is True


@pytest.mark.parametrize(
    ("selector", "typed", "words"),
    [
        ("#feeling", "let down", "The feeling is one word (like tight or heavy), not 'let down'"),
        ("#intensity", "11", "The strength is a number from 0 to 10, not '11'"),
        ("#pull-at", "14:00", "When it came: 14:00 on Friday 27 November 2026 is later than now"),
    ],
)
async def test_a_bad_answer_is_refused_in_one_line_and_nothing_is_saved(build, store, clock, selector, typed, words):
    _planned(store, clock)
    app = build(start="midday")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await _type_into(pilot, selector, typed)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.title == "Midday"
        problem = str(app.screen.query_one("#form-problem").render())
        assert words in problem and "\n" not in problem
        assert app.focused is app.screen.query_one(selector)  # the field to change
    assert store.checks_on(DAY) == []


async def test_the_plan_opens_the_check_only_for_a_decision_with_plans(build, store, clock):
    _planned(store, clock)
    store.add_decision(clock.now(), DAY, "Phone off during the first work hour", "Inner Foundation")
    app = build(start="midday")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Your plan: If fear comes, I will send it as written." in screen_text(app)
        assert app.screen.query_one("#plan-helped-row").display
        await _focus(pilot, "#decision")
        await pilot.press("enter", "down", "enter")  # the second decision, with no plan
        await pilot.pause()
        assert app.screen.chosen_decision().text.startswith("Phone off")
        assert "Your plan" not in screen_text(app)
        assert not app.screen.query_one("#plan-helped-row").display  # nothing to ask whether it helped
        await pilot.press("ctrl+s")
        await pilot.pause()
    [check] = store.checks_on(DAY)
    assert check.plan_helped is None


async def test_the_pause_asks_the_strength_before_and_after_and_the_form_saves_it(build, store, clock):
    decision = _planned(store, clock)
    app = build(start="midday")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+t")
        await wait_until(pilot, lambda: isinstance(app.screen, PauseDialog), "the pause to open")
        assert "How strong is the pull now? 0-10" in screen_text(app)
        await pilot.press("7")
        await wait_until(pilot, lambda: "Breathe in…" in screen_text(app), "the breathing to start")
        await pilot.press("space")  # any key ends the breathing
        await wait_until(pilot, lambda: "And now? 0-10" in screen_text(app), "the second question")
        await pilot.press("3")
        await wait_until(pilot, lambda: app.screen.title == "Midday", "the pause to close")
        assert app.screen.query_one("#intensity", Input).value == "7"
        assert app.screen.query_one("#intensity-after", Input).value == "3"
        await pilot.press("ctrl+s")
        await pilot.pause()
    [check] = store.checks_for(decision.id)
    assert (check.intensity, check.intensity_after) == (7, 3)


async def test_ten_is_one_then_zero_and_one_is_one_then_enter(build, store, clock):
    _planned(store, clock)
    app = build(start="midday")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+t")
        await wait_until(pilot, lambda: isinstance(app.screen, PauseDialog), "the pause to open")
        await pilot.press("1")
        await pilot.pause()
        assert "0 for ten" in screen_text(app)
        await pilot.press("0")
        await wait_until(pilot, lambda: "Breathe in…" in screen_text(app), "the breathing to start")
        await pilot.press("escape")
        await wait_until(pilot, lambda: "And now? 0-10" in screen_text(app), "the second question")
        await pilot.press("1", "enter")
        await wait_until(pilot, lambda: app.screen.title == "Midday", "the pause to close")
        assert app.screen.query_one("#intensity", Input).value == "10"
        assert app.screen.query_one("#intensity-after", Input).value == "1"


async def test_a_skipped_pause_leaves_the_strengths_blank(build, store, clock):
    decision = _planned(store, clock)
    app = build(start="midday")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+t")
        await wait_until(pilot, lambda: isinstance(app.screen, PauseDialog), "the pause to open")
        await pilot.press("enter")  # not now
        await wait_until(pilot, lambda: "Breathe in…" in screen_text(app), "the breathing to start")
        await pilot.press("x")
        await wait_until(pilot, lambda: "And now? 0-10" in screen_text(app), "the second question")
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen.title == "Midday", "the pause to close")
        assert app.screen.query_one("#intensity", Input).value == ""
        assert app.screen.query_one("#intensity-after", Input).value == ""
        await pilot.press("ctrl+s")
        await pilot.pause()
    [check] = store.checks_for(decision.id)
    assert (check.intensity, check.intensity_after) == (None, None)


@pytest.mark.parametrize(("state_steps", "pull_at"), [(1, "2026-11-27T13:15:00+01:00"), (0, None)])
async def test_a_blank_time_is_now_only_when_a_pull_was_met(build, store, clock, state_steps, pull_at):
    _planned(store, clock)
    app = build(start="midday")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*["down"] * state_steps, "enter")  # wobbling, or holding with no pull
        await pilot.press("ctrl+s")
        await pilot.pause()
    [check] = store.checks_on(DAY)
    assert check.pull_at == pull_at


async def test_the_edit_form_shows_every_field_and_saves_only_what_changed(build, store, clock):
    decision = _planned(store, clock)
    check = store.save_check(
        clock.now(),
        decision,
        State.WOBBLING,
        intensity=7,
        intensity_after=3,
        feeling="tight",
        acted="little",
        pull_at="2026-11-27T12:40:00+01:00",
        returned_to=["my body"],
        plan_helped=False,
    )
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.run_action(f"edit_check('{check.id}')")
        await wait_until(pilot, lambda: (app.screen.title or "").startswith("Edit check"), "the edit form")
        screen = app.screen
        shown = {name: screen.query_one(name, Input).value for name in ("#intensity", "#intensity-after", "#feeling")}
        assert shown == {"#intensity": "7", "#intensity-after": "3", "#feeling": "tight"}
        assert screen.query_one("#pull-at", Input).value == "12:40"
        assert screen.query_one("#acted", RadioSet).pressed_button.name == "little"
        assert screen.query_one("#plan-helped", RadioSet).pressed_button.name == "no"
        assert screen.query_one("#returned-to", TickGrid).selected == ["my body"]
        store.update_check(clock.now(), check.id, {"intensity": 5})  # written elsewhere meanwhile
        await _focus(pilot, "#feeling")
        await pilot.press("ctrl+u")
        await type_text(pilot, "heavy")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not screen.is_attached, "the edit form to close")
    saved = store.check(check.id)
    assert saved is not None
    assert (saved.feeling, saved.intensity, saved.intensity_after, saved.acted) == ("heavy", 5, 3, "little")
    assert (saved.pull_at, saved.returned_to, saved.plan_helped) == ("2026-11-27T12:40:00+01:00", ["my body"], False)


def test_several_plans_read_as_one_list_under_one_head():
    from screens.midday import plan_lines

    lines = [line.plain for line in plan_lines([PLAN, {"pull": "guilt", "then": "say it once"}])]
    assert lines == [
        "Your plans: If fear comes, I will send it as written.",
        "            If guilt comes, I will say it once.",
    ]
