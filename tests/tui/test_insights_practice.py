"""Insights' sections of the pull as it happens: plans, forecast, noticing sooner, the pause, early signs, revisions.

The journal (today Friday 27 November 2026, Berlin; the same as tests/unit/test_stats_practice.py
without its deleted and out-of-period records):

    day    decision              plans  expected     checks (time, state, pulls, strength, feeling, body, pull at)        outcome
    11-16  Tell Sam no           fear   fear, guilt  14:20 wobbling fear 8 tight "tight chest" 14:00 (plan helped);  returned
                                                     14:50 holding 4
    11-16  Leave on time         -      pressure     10:30 wobbling guilt 6->2 tired "tired, headache" 10:00;        abandoned
                                                     11:00 abandoned guilt 3 tired 10:50
    11-23  Rest after lunch      fear   fear         09:40 holding fear, pressure 5->5 calm 09:30 (plan did not help); kept
                                                     12:00 wobbling 2 tired
    11-23  Phone away at ten     -      -            20:15 abandoned 9 tired "tired"                                   abandoned
    11-24  Cancel the gym plan                        -                                                               revised, from a pull
"""

from __future__ import annotations

import pendulum
import pytest

from data.models import Outcome, State
from tests.tui.conftest import TZ, screen_text
from tests.tui.test_insights import flat, open_insights, section
from tests.tui.test_insights import seed as seed_without_the_new_fields
from tui.charts import Drawing

NEW_SECTIONS = ("plans", "forecast", "sooner", "pause", "signs", "revisions")


def at(day: str, hhmm: str):
    return pendulum.parse(f"{day}T{hhmm}:00", tz=TZ)


def pull_at(day: str, hhmm: str) -> str:
    return f"{day}T{hhmm}:00+01:00"


def seed(store) -> None:
    """The journal of the module's docstring, saved through the store as the app saves it."""
    plan = [{"pull": "fear", "then": "send it as written"}]
    day = "2026-11-16"
    sam = store.add_decision(
        at(day, "07:00"), day, "Tell Sam no", "Relational Key", pulls_expected=["fear", "guilt"], plans=plan
    )
    leave = store.add_decision(at(day, "07:05"), day, "Leave on time", "Inner Foundation", pulls_expected=["pressure"])
    store.save_check(
        at(day, "10:30"),
        leave,
        State.WOBBLING,
        pulls=["guilt"],
        intensity=6,
        intensity_after=2,
        feeling="tired",
        body="tired, headache",
        pull_at=pull_at(day, "10:00"),
    )
    store.save_check(
        at(day, "11:00"),
        leave,
        State.ABANDONED,
        pulls=["guilt"],
        intensity=3,
        feeling="tired",
        pull_at=pull_at(day, "10:50"),
    )
    store.save_check(
        at(day, "14:20"),
        sam,
        State.WOBBLING,
        pulls=["fear"],
        intensity=8,
        feeling="tight",
        body="tight chest",
        pull_at=pull_at(day, "14:00"),
        plan_helped=True,
    )
    store.save_check(at(day, "14:50"), sam, State.HOLDING, intensity=4)
    store.save_review(at(day, "21:00"), day, {sam.id: Outcome.RETURNED, leave.id: Outcome.ABANDONED})
    day = "2026-11-23"
    rest = store.add_decision(
        at(day, "07:00"), day, "Rest after lunch", "Inner Foundation", pulls_expected=["fear"], plans=plan
    )
    phone = store.add_decision(at(day, "07:05"), day, "Phone away at ten", "Inner Foundation")
    store.save_check(
        at(day, "09:40"),
        rest,
        State.HOLDING,
        pulls=["fear", "pressure"],
        intensity=5,
        intensity_after=5,
        feeling="calm",
        pull_at=pull_at(day, "09:30"),
        plan_helped=False,
    )
    store.save_check(at(day, "12:00"), rest, State.WOBBLING, intensity=2, feeling="tired")
    store.save_check(at(day, "20:15"), phone, State.ABANDONED, intensity=9, feeling="tired", body="tired")
    store.save_review(at(day, "21:00"), day, {rest.id: Outcome.KEPT, phone.id: Outcome.ABANDONED})
    day = "2026-11-24"
    gym = store.add_decision(at(day, "07:00"), day, "Cancel the gym plan", "Inner Foundation")
    store.save_review(at(day, "21:00"), day, {gym.id: Outcome.REVISED})
    store.update_decision(at(day, "21:01"), gym.id, {"revised_from": "pull", "revised_why": "I wanted to be liked"})


@pytest.fixture
def journal(store):
    seed(store)
    return store


async def test_each_new_section_draws_its_figure_beside_its_words(build, journal):
    app = build()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_insights(pilot)
        plans = section(app, "plans")
        assert "made 2   met their pull 2   helped 1 of 2" in plans
        assert "a plan met its pull  ██████████  2 of 2 kept or came back" in plans
        assert "When a plan met its pull, you kept or came back to 2 of 2." in flat(plans)
        forecast = section(app, "forecast")
        assert "expected, and came" in forecast and "2 of 4" in forecast  # Sam's fear, Rest's fear; guilt, pressure not
        assert "Of the 4 pulls you expected, 2 came (50%)." in flat(forecast)
        sooner = section(app, "sooner")
        assert "minutes" in sooner and "┤" in sooner  # a chart of the weeks' minutes
        assert "across 2 weeks: ↘ sooner" in sooner  # 25 minutes in week 47, 10 in week 48
        assert "Usually about 20 minutes from the pull to the check that came back (over 3 checks)." in flat(sooner)
        pause = section(app, "pause")
        assert "before a pause" in pause and "5.5 of 10" in pause and "3.5 of 10" in pause
        assert "Your pulls ease in about 50 minutes." in flat(pause)
        signs = section(app, "signs")
        assert "feeling  tired" in signs and "hour     10:00" in signs
        assert (
            "Before the hard days, 'tired' came up at 3 of 3 checks with a feeling (before returns, 1 of 3)."
            in flat(signs)
        )
        revisions = section(app, "revisions")
        assert "from a pull" in revisions and "abandoned" in revisions
        assert "1 revision: 0 from what you know, 1 from a pull; beside them, 2 abandoned decisions." in flat(revisions)


async def test_a_journal_without_the_new_fields_says_what_will_show(build, store):
    seed_without_the_new_fields(store)
    app = build()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_insights(pilot)
        for name in ("plans", "sooner", "pause"):
            text = section(app, name)
            assert "┤" not in text and "█" not in text and " 0 " not in text, name  # words, not an empty chart
        assert "No if-then plans in these days yet." in flat(section(app, "plans"))
        assert "When a check says when the pull came" in flat(section(app, "sooner"))
        assert "When you pause at a check" in flat(section(app, "pause"))
        assert "No early signs stand out yet." in flat(section(app, "signs"))


async def test_the_new_sections_fit_80x24_and_scroll_into_view(build, journal):
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_insights(pilot)
        for name in NEW_SECTIONS:
            drawing = app.screen.query_one(f"#insights-{name}", Drawing)
            widest = max(len(line) for line in str(drawing.render()).splitlines())
            assert widest <= drawing.content_size.width, name  # nothing cut off at the right
        signs = app.screen.query_one("#insights-signs")
        signs.scroll_visible(animate=False, top=True)
        await pilot.pause()
        assert 0 <= signs.region.y < 23  # on screen, under the header


async def test_an_empty_journal_promises_them(build):
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_insights(pilot)
        text = screen_text(app)
        assert "your if-then plans, the pulls you expected, and how soon you come back" in text
        for name in NEW_SECTIONS:
            assert not app.screen.query_one(f"#insights-{name}").display


# -- snapshots ---------------------------------------------------------------------------------


async def _at_the_new_sections(pilot) -> None:
    await open_insights(pilot)
    pilot.app.screen.query_one("#insights-plans").scroll_visible(animate=False, top=True)
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_snapshot_the_new_sections(snap_compare, journal, build, size):
    assert snap_compare(build(), terminal_size=size, run_before=_at_the_new_sections)
