"""Morning's if-then plans: a line for each pull expected, saved in order, and read back once."""

from __future__ import annotations

from tests.tui.conftest import screen_text, type_text
from tests.waits import wait_until
from tui.dialogs import PlanReadBack
from tui.widgets import PlanLines

DAY = "2026-11-27"


def shown_lines(app) -> list[str]:
    """The pulls whose plan line shows now, in order."""
    plans = app.screen.query_one("#plans", PlanLines)
    return [line.pull for line in plans.lines() if line.display] if plans.display else []


def plan_field(app, pull: str):
    [line] = [line for line in app.screen.query_one("#plans", PlanLines).lines() if line.pull == pull]
    return line.field


async def to_the_pulls(pilot) -> None:
    """From the decision field to the grid of pulls: past the area and why it matters."""
    await pilot.press("tab", "tab", "tab")
    assert pilot.app.focused.id is None and type(pilot.app.focused).__name__ == "TickGrid"


async def read_back_open(pilot) -> PlanReadBack:
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, PlanReadBack), "the plan read back")
    return pilot.app.screen


async def test_two_plans_save_in_the_order_the_pulls_show_and_are_read_back_once(build, store):
    app = build(start="morning")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_text(pilot, "Send the report on Friday")
        await to_the_pulls(pilot)
        assert shown_lines(app) == []  # nothing ticked: no plan lines at all
        await pilot.press("down", "down", "space", "up", "up", "space")  # pressure, then fear
        await pilot.pause()
        assert shown_lines(app) == ["fear", "pressure"]  # as the grid shows them
        await pilot.press("tab", "tab")  # past the pull in one's own words
        assert app.focused is plan_field(app, "fear")
        await type_text(pilot, "send it as written")
        await pilot.press("tab")
        await type_text(pilot, "say Friday, once")
        await pilot.press("ctrl+s")
        dialog = await read_back_open(pilot)
        text = screen_text(app)
        assert "Say it to yourself once." in text
        assert "If fear comes, I will send it as written." in text
        assert "If pressure comes, I will say Friday, once." in text
        [decision] = store.decisions_on(DAY)
        assert decision.plans == [
            {"pull": "fear", "then": "send it as written"},
            {"pull": "pressure", "then": "say Friday, once"},
        ]
        await pilot.press("space")
        await wait_until(pilot, lambda: app.screen is not dialog, "the read-back to close")
        assert app.screen.title == "Morning"
        assert app.focused is not None and app.focused.id == "decision"  # ready for the next decision
        assert shown_lines(app) == []  # the form is empty again


async def test_enter_and_escape_close_the_read_back_too(build, store):
    app = build(start="morning")
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("enter", "escape"):
            await pilot.pause()
            await type_text(pilot, f"Decision closed by {key}")
            await to_the_pulls(pilot)
            await pilot.press("space", "tab", "tab")
            await type_text(pilot, "breathe, then send")
            await pilot.press("ctrl+s")
            dialog = await read_back_open(pilot)
            await pilot.press(key)
            await wait_until(pilot, lambda shown=dialog: app.screen is not shown, f"{key} to close the read-back")
            assert app.screen.title == "Morning"
        assert len(store.decisions_on(DAY)) == 2


async def test_an_unticked_pull_hides_its_line_and_saves_no_plan(build, store):
    app = build(start="morning")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_text(pilot, "Leave at six")
        await to_the_pulls(pilot)
        await pilot.press("space", "down", "space")  # fear, guilt
        await pilot.press("tab", "tab")
        await type_text(pilot, "close the laptop")
        await pilot.press("tab")
        await type_text(pilot, "leave anyway")
        await pilot.press("shift+tab", "shift+tab", "shift+tab")  # back to the grid, on guilt
        await pilot.press("up", "space")  # fear unticked
        await pilot.pause()
        assert shown_lines(app) == ["guilt"]
        await pilot.press("ctrl+s")
        await read_back_open(pilot)
        assert "fear" not in screen_text(app)
    [decision] = store.decisions_on(DAY)
    assert decision.pulls_expected == ["guilt"]
    assert decision.plans == [{"pull": "guilt", "then": "leave anyway"}]


async def test_ticking_a_pull_again_brings_back_what_was_typed(build):
    app = build(start="morning")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_text(pilot, "Leave at six")
        await to_the_pulls(pilot)
        await pilot.press("space", "tab", "tab")
        await type_text(pilot, "close the laptop")
        await pilot.press("shift+tab", "shift+tab", "space")
        await pilot.pause()
        assert shown_lines(app) == []
        await pilot.press("space")
        await pilot.pause()
        assert shown_lines(app) == ["fear"]
        assert plan_field(app, "fear").value == "close the laptop"


async def test_a_plan_with_a_control_character_is_refused_and_nothing_is_saved(build, store):
    app = build(start="morning")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_text(pilot, "Leave at six")
        await to_the_pulls(pilot)
        await pilot.press("space", "tab", "tab")
        await type_text(pilot, "close\x07 the laptop")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert store.decisions_on(DAY) == []
        assert not isinstance(app.screen, PlanReadBack)
        problem = app.screen.query_one("#form-problem")
        assert problem.display
        assert "The plan for fear has a control character (U+0007)" in str(problem.render())
        assert app.focused is plan_field(app, "fear")  # the line to change
        await pilot.press("home", "ctrl+k")  # typed again, without it
        await type_text(pilot, "close the laptop")
        await pilot.press("ctrl+s")
        await read_back_open(pilot)
    [decision] = store.decisions_on(DAY)
    assert decision.plans == [{"pull": "fear", "then": "close the laptop"}]


async def test_without_plans_the_save_shows_no_read_back(build, store):
    app = build(start="morning")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_text(pilot, "Leave at six")
        await to_the_pulls(pilot)
        await pilot.press("space")  # a pull expected, its plan line left empty
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: store.decisions_on(DAY), "the decision to save")
        await pilot.pause()
        assert app.screen.title == "Morning" and not isinstance(app.screen, PlanReadBack)
        assert app.focused is not None and app.focused.id == "decision"
    [decision] = store.decisions_on(DAY)
    assert decision.pulls_expected == ["fear"] and decision.plans == []


async def test_a_pull_in_ones_own_words_gets_a_line_once_it_is_typed(build, store):
    app = build(start="morning")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_text(pilot, "Ask for the day off")
        await to_the_pulls(pilot)
        await pilot.press("tab")
        await type_text(pilot, "being liked")
        assert shown_lines(app) == []  # not while it is being typed
        await pilot.press("tab")
        await pilot.pause()
        assert shown_lines(app) == ["being liked"]
        await wait_until(pilot, lambda: plan_field(app, "being liked") is not None, "the new line to mount")
        plan_field(app, "being liked").focus()
        await pilot.pause()
        await type_text(pilot, "ask anyway")
        await pilot.press("ctrl+s")
        await read_back_open(pilot)
        assert "If being liked comes, I will ask anyway." in screen_text(app)
    [decision] = store.decisions_on(DAY)
    assert decision.plans == [{"pull": "being liked", "then": "ask anyway"}]


async def test_the_edit_form_shows_the_plans_and_saves_a_changed_one(build, store, clock):
    decision = store.add_decision(
        clock.now(),
        DAY,
        "Leave at six",
        "Inner Foundation",
        pulls_expected=["guilt"],
        plans=[{"pull": "guilt", "then": "leave anyway"}, {"pull": "shame", "then": "say it kindly"}],
    )
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.run_action(f"edit_decision('{decision.id}')")
        await pilot.pause()
        assert app.screen.title == "Edit decision"
        # "shame" is in no vocabulary of today's and not expected: its plan still shows, kept.
        assert shown_lines(app) == ["guilt", "shame"]
        assert plan_field(app, "guilt").value == "leave anyway"
        assert plan_field(app, "shame").value == "say it kindly"
        plan_field(app, "guilt").focus()
        await pilot.press("end")
        await type_text(pilot, " at six")
        await pilot.press("ctrl+s")
        dialog = await read_back_open(pilot)  # a changed plan is said once, as a new one is
        assert "If guilt comes, I will leave anyway at six." in screen_text(app)
        await pilot.press("x")
        await wait_until(pilot, lambda: app.screen is not dialog, "the read-back to close")
    saved = store.decision(decision.id)
    assert saved.plans == [{"pull": "guilt", "then": "leave anyway at six"}, {"pull": "shame", "then": "say it kindly"}]


async def test_an_edit_that_leaves_the_plans_alone_keeps_them_and_reads_nothing_back(build, store, clock):
    decision = store.add_decision(
        clock.now(), DAY, "Leave at six", "Inner Foundation", plans=[{"pull": "fear", "then": "leave anyway"}]
    )
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.run_action(f"edit_decision('{decision.id}')")
        await pilot.pause()
        await pilot.press("end")
        await type_text(pilot, " sharp")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen.title != "Edit decision", "the edit form to close")
        await pilot.pause()
        assert not isinstance(app.screen, PlanReadBack)
    saved = store.decision(decision.id)
    assert saved.text == "Leave at six sharp"
    assert saved.plans == [{"pull": "fear", "then": "leave anyway"}]


async def test_plans_changed_in_two_places_are_shown_one_a_line(build, store, clock):
    decision = store.add_decision(
        clock.now(), DAY, "Leave at six", "Inner Foundation", plans=[{"pull": "fear", "then": "leave anyway"}]
    )
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.run_action(f"edit_decision('{decision.id}')")
        await pilot.pause()
        elsewhere = [{"pull": "fear", "then": "go at five"}, {"pull": "guilt", "then": "go anyway"}]
        store.update_decision(clock.now(), decision.id, {"plans": elsewhere})
        plan_field(app, "fear").focus()
        await pilot.press("end")
        await type_text(pilot, " at six")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "ConflictDialog", "the conflict question")
        text = screen_text(app)
        assert "The if-then plans: changed in two places" in text
        assert "If fear comes, I will go at five\nIf guilt comes, I will go anyway" in text
        assert "If fear comes, I will leave anyway at six" in text


async def test_a_long_name_of_ones_own_is_cut_in_its_plan_line_so_the_move_keeps_its_room(build, store, clock):
    long_pull = "the long familiar wish to be seen as the one who always says yes to everyone"
    decision = store.add_decision(
        clock.now(),
        DAY,
        "Tell Sam no",
        "Relational Key",
        pulls_expected=[long_pull],
        plans=[{"pull": long_pull, "then": "say it once"}],
    )
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.run_action(f"edit_decision('{decision.id}')")
        await pilot.pause()
        [line] = [line for line in app.screen.query_one("#plans", PlanLines).lines() if line.display]
        label = line.query_one("Label")
        assert str(label.render()) == "If the long familiar wish to be… comes, I will"
        assert line.field.size.width >= 20 and line.field.value == "say it once"
    assert store.decision(decision.id).plans[0]["pull"] == long_pull  # only its line is cut, never the name
