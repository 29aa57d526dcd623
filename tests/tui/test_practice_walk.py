"""One day of the practice, walked as a person does: a plan in the morning, the pull at midday, repair at night."""

from __future__ import annotations

from textual.widgets import Input

from data.models import Outcome, State
from screens.today import TodayScreen
from tests.tui.conftest import screen_text, type_text
from tests.waits import screen_opened, wait_until
from tui.dialogs import OfferDialog, PauseDialog, PlanReadBack

DAY = "2026-11-27"
TOMORROW = "2026-11-28"


async def _on(pilot, title: str) -> None:
    if title == "Today":  # Today's title is the app's own
        await screen_opened(pilot, TodayScreen, "Today")
        return
    await wait_until(pilot, lambda: pilot.app.screen.title == title, f"{title} on screen")


async def _type_into(pilot, selector: str, text: str) -> None:
    pilot.app.screen.query_one(selector).focus()
    await pilot.pause()
    await type_text(pilot, text)


async def test_morning_plan_midday_pull_and_pause_evening_repair_sets_tomorrow(build, store, clock):
    clock.set(f"{DAY}T08:10:00")
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await _on(pilot, "Today")

        # Morning: the decision, fear expected, and the plan for it; read back once.
        await pilot.press("m")
        await _on(pilot, "Morning")
        await type_text(pilot, "Tell Sam the Friday deadline doesn't work")
        await pilot.press("tab", "tab", "tab", "space")  # to the pulls: fear, the first
        await pilot.press("tab", "tab")  # past the pull in one's own words, to fear's plan line
        await type_text(pilot, "send it as written")
        await pilot.press("ctrl+s")
        await screen_opened(pilot, PlanReadBack, "the plan read back")
        assert "If fear comes, I will send it as written." in screen_text(app)
        await pilot.press("enter")
        await _on(pilot, "Morning")
        [decision] = store.decisions_on(DAY)
        assert decision.plans == [{"pull": "fear", "then": "send it as written"}]
        await pilot.press("escape")
        await _on(pilot, "Today")

        # Midday: the plan opens the check; the pull named, its strength before and after a pause.
        clock.set(f"{DAY}T13:05:00")
        await pilot.press("c")
        await _on(pilot, "Midday")
        assert "Your plan: If fear comes, I will send it as written." in screen_text(app)
        await pilot.press("down", "enter")  # wobbling (pulled, still here)
        await pilot.press("ctrl+t")
        await screen_opened(pilot, PauseDialog, "the pause")
        await pilot.press("8")
        await wait_until(pilot, lambda: "Breathe in…" in screen_text(app), "the breathing")
        await pilot.press("space")
        await wait_until(pilot, lambda: "And now? 0-10" in screen_text(app), "the question after")
        await pilot.press("4")
        await _on(pilot, "Midday")
        assert app.screen.query_one("#intensity", Input).value == "8"
        assert app.screen.query_one("#intensity-after", Input).value == "4"
        await _type_into(pilot, "#feeling", "tight")
        await _type_into(pilot, "#pull-at", "12:50")
        await pilot.press("ctrl+s")
        await _on(pilot, "Today")
        [check] = store.checks_for(decision.id)
        assert (check.state, check.intensity, check.intensity_after, check.feeling) == (State.WOBBLING, 8, 4, "tight")
        assert check.pull_at is not None and check.pull_at.startswith(f"{DAY}T12:50")

        # Evening: abandoned, kindly; what made it hard, and the next step offered as tomorrow's decision.
        clock.set(f"{DAY}T21:30:00")
        await pilot.press("e")
        await _on(pilot, "Evening")
        choices = app.screen.query_one("#outcome-1")
        choices.focus()
        await pilot.pause()
        await pilot.press("down", "down", "down", "enter")  # abandoned
        await wait_until(pilot, lambda: "What made it hard? The moment, not you." in screen_text(app), "the question")
        await _type_into(pilot, "#hard-1", "Sam sounded hurt")
        await _type_into(pilot, "#step-1", "Write to Sam at ten")
        await pilot.press("ctrl+s")
        await screen_opened(pilot, OfferDialog, "the offer of the step")
        assert "Make it tomorrow's decision? “Write to Sam at ten”" in screen_text(app)
        assert app.focused is not None and app.focused.id == "yes"  # an offer, not a loss: "Set it" is ready
        footer = app.screen.active_bindings
        assert footer["escape"].binding.description == "Not now" and footer["y"].binding.description == "Set it"
        await pilot.press("enter")
        await _on(pilot, "Evening")

    saved = store.decision(decision.id)
    assert (saved.outcome, saved.hard) == (Outcome.ABANDONED, "Sam sounded hurt")
    [tomorrow] = store.decisions_on(TOMORROW)
    assert (tomorrow.text, tomorrow.area) == ("Write to Sam at ten", decision.area)
