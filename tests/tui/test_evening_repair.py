"""Evening, repair first: an abandoned outcome asks what made it hard and the next step; a revised one, what changed."""

from __future__ import annotations

import orjson
import pytest

from data.models import Outcome
from data.store import Store
from tests.tui.conftest import screen_text, type_text
from tests.waits import screen_opened, wait_until
from tui.dialogs import ConfirmDialog, ConflictDialog

DAY = "2026-11-27"
TOMORROW = "2026-11-28"


def _decision(store, clock, text="Tell Sam the Friday deadline doesn't work"):
    return store.add_decision(clock.now(), DAY, text, "Relational Key")


async def _open_evening(build, clock, size=(80, 24)):
    clock.set("2026-11-27T21:40:00")
    return build(start="evening")


async def _choose(pilot, app, n: int, outcome: Outcome) -> None:
    """Choose OUTCOME for decision N with the keyboard, as a person does."""
    choices = app.screen.query_one(f"#outcome-{n}")
    choices.focus()
    await pilot.pause()
    order = [Outcome.KEPT, Outcome.RETURNED, Outcome.REVISED, Outcome.ABANDONED]
    steps = (order.index(outcome) - (choices._selected or 0)) % len(order)
    await pilot.press(*["down"] * steps, "enter")
    await pilot.pause()


async def _type_into(pilot, app, widget_id: str, text: str) -> None:
    app.screen.query_one(f"#{widget_id}").focus()
    await pilot.pause()
    await type_text(pilot, text)


async def _abandon_with_step(pilot, app) -> None:
    await _choose(pilot, app, 1, Outcome.ABANDONED)
    assert "What made it hard? The moment, not you." in screen_text(app)
    await _type_into(pilot, app, "hard-1", "Sam was upset")
    await _type_into(pilot, app, "step-1", "Write to Sam at ten")
    await pilot.press("ctrl+s")
    await screen_opened(pilot, ConfirmDialog, "the question offering the step for tomorrow")


async def test_abandoned_asks_what_was_hard_and_yes_makes_the_step_tomorrows_decision(build, store, clock):
    decision = _decision(store, clock)
    app = await _open_evening(build, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # Nothing is asked before the outcome is chosen.
        assert "What made it hard" not in screen_text(app)
        await _abandon_with_step(pilot, app)
        assert "Make it tomorrow's decision? “Write to Sam at ten”" in screen_text(app)
        await pilot.press("y")
        await wait_until(pilot, lambda: app.screen.title == "Evening", "back on Evening")
        await wait_until(
            pilot,
            lambda: any("Set for tomorrow: Write to Sam at ten" in str(n.message) for n in app._notifications),
            "the notice that the step is set",
        )
    saved = store.decision(decision.id)
    assert (saved.outcome, saved.hard) == (Outcome.ABANDONED, "Sam was upset")
    [tomorrow] = store.decisions_on(TOMORROW)
    assert (tomorrow.text, tomorrow.area) == ("Write to Sam at ten", "Relational Key")
    assert store.review_on(DAY).repair == ""


@pytest.mark.parametrize("answer", ["n", "escape"])
async def test_no_keeps_the_step_in_the_repair_note_and_shows_it(build, store, clock, answer):
    _decision(store, clock)
    app = await _open_evening(build, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await _type_into(pilot, app, "repair", "Said sorry for being curt")
        await _abandon_with_step(pilot, app)
        await pilot.press(answer)
        await wait_until(pilot, lambda: app.screen.title == "Evening", "back on Evening")
        await wait_until(
            pilot,
            lambda: "Next step: Write to Sam at ten" in app.screen.query_one("#repair").text,
            "the step shown in the repair note",
        )
        assert not app.screen.has_unsaved_text()  # what shows is what is saved
    assert store.decisions_on(TOMORROW) == []
    assert store.review_on(DAY).repair == "Said sorry for being curt\nNext step: Write to Sam at ten"


async def test_reviewing_again_does_not_offer_the_same_step_twice(build, store, clock):
    _decision(store, clock)
    app = await _open_evening(build, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await _abandon_with_step(pilot, app)
        await pilot.press("y")
        await wait_until(pilot, lambda: app.screen.title == "Evening", "back on Evening")
    app = build(start="evening")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#hard-1").text == "Sam was upset"  # shown again to change
        await _type_into(pilot, app, "step-1", "Write to Sam at ten")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog)
        assert app.screen.title == "Evening"
    assert len(store.decisions_on(TOMORROW)) == 1


async def test_revised_asks_what_changed_and_where_the_change_came_from(build, store, clock):
    decision = _decision(store, clock)
    app = await _open_evening(build, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await _choose(pilot, app, 1, Outcome.REVISED)
        shown = screen_text(app)
        assert "What changed?" in shown and "Did the change come from what you know, or from a pull?" in shown
        assert "What made it hard" not in shown
        await _type_into(pilot, app, "why-1", "Sam moved the deadline himself")
        app.screen.query_one("#from-1").focus()
        await pilot.press("down", "enter")  # from a pull
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog)  # nothing to offer for a revision
    saved = store.decision(decision.id)
    assert (saved.outcome, saved.revised_why, saved.revised_from) == (
        Outcome.REVISED,
        "Sam moved the deadline himself",
        "pull",
    )


async def test_a_rushed_review_is_the_outcome_and_ctrl_s(build, store, clock):
    decision = _decision(store, clock)
    app = await _open_evening(build, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("down", "down", "down", "enter")  # abandoned
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog)  # no step given: nothing offered
        assert "information, not a verdict" in screen_text(app)
    saved = store.decision(decision.id)
    assert (saved.outcome, saved.hard) == (Outcome.ABANDONED, "")


async def test_editing_again_keeps_the_details_and_another_outcome_keeps_the_words(build, store, clock):
    decision = _decision(store, clock)
    store.save_review(clock.now(), DAY, {decision.id: Outcome.ABANDONED}, details={decision.id: {"hard": "tired"}})
    app = await _open_evening(build, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#abandoned-1").display
        assert app.screen.query_one("#hard-1").text == "tired"
        await _type_into(pilot, app, "learned", "Rest first")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert store.decision(decision.id).hard == "tired"
    app = build(start="evening")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await _choose(pilot, app, 1, Outcome.RETURNED)
        assert not app.screen.query_one("#abandoned-1").display  # shown only for abandoned
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = store.decision(decision.id)
    assert (saved.outcome, saved.hard) == (Outcome.RETURNED, "tired")  # never deleted silently


async def test_what_made_it_hard_written_elsewhere_meanwhile_is_asked_about(build, tmp_path, settings, clock):
    from tui.app import make_app

    store = Store(tmp_path / "journal.json")
    shell = Store(store.path)
    decision = _decision(store, clock)
    store.save_review(clock.now(), DAY, {decision.id: Outcome.ABANDONED}, details={decision.id: {"hard": "before"}})
    clock.set("2026-11-27T21:40:00")
    app = make_app(store=store, settings=settings, clock=clock, start="evening")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shell.save_review(clock.now(), DAY, {}, details={decision.id: {"hard": "from the shell"}})
        area = app.screen.query_one("#hard-1")
        area.text = ""
        await _type_into(pilot, app, "hard-1", "from the app")
        await pilot.press("ctrl+s")
        await screen_opened(pilot, ConflictDialog, "the question about the conflict")
        shown = screen_text(app)
        assert "What made decision 1 hard" in shown and "from the shell" in shown
        await pilot.press("m")
        await wait_until(pilot, lambda: app.screen.title == "Evening", "back on Evening")
    on_disk = orjson.loads(store.path.read_bytes())["decisions"][decision.id]
    assert on_disk["hard"] == "from the app"


# -- how it looks: an abandoned decision with what made it hard and the next step -------------


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_snapshot_evening_with_an_abandoned_decisions_details(snap_compare, size):
    from tests.tui.test_snapshots import practice_app, steady

    app, _store = practice_app()

    async def before(pilot):
        await pilot.pause()
        await pilot.press("e")
        await wait_until(pilot, lambda: app.screen.title == "Evening", "Evening")
        await _choose(pilot, app, 1, Outcome.ABANDONED)
        await _type_into(pilot, app, "hard-1", "Dad called, upset")
        await _type_into(pilot, app, "step-1", "Say no by text before nine")
        await steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=before)


@pytest.mark.parametrize("day", ["2026-11-26", "2026-11-20"], ids=["yesterday", "a week ago"])
async def test_a_step_from_an_earlier_days_review_is_for_today_never_a_past_day(build, store, clock, day):
    import datetime as dt

    store.add_decision(clock.now(), day, "Call Mum back", "Relational Key")
    app = build(start="evening", day=dt.date.fromisoformat(day))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await _choose(pilot, app, 1, Outcome.ABANDONED)
        await _type_into(pilot, app, "step-1", "Call Mum at six")
        await pilot.press("ctrl+s")
        await screen_opened(pilot, ConfirmDialog, "the question offering the step")
        assert "Make it today's decision? “Call Mum at six”" in screen_text(app)
        await pilot.press("y")
        await wait_until(
            pilot,
            lambda: any("Set for today: Call Mum at six" in str(n.message) for n in app._notifications),
            "the notice that the step is set",
        )
    assert [d.text for d in store.decisions_on(DAY)] == ["Call Mum at six"]
