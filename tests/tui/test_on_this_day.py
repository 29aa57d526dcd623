"""Today's "On this day": an earlier decision the person came back to, shown beneath the week."""

from __future__ import annotations

import datetime as dt

from data.models import Outcome, State
from tests.tui.conftest import screen_text
from tests.waits import wait_until

DAY = "2026-11-27"
A_YEAR_AGO = "2025-11-27"
TELL_SAM = "Tell Sam the Friday deadline doesn't work for me"


def _line(app):
    return app.screen.query_one("#today-evidence")


def _shown(app) -> str:
    line = _line(app)
    return str(line.render()) if line.display else ""


async def _looked_back(pilot, day: str = DAY) -> None:
    """Wait until Today's look back for DAY has come back and what it found is drawn (or not)."""
    found = lambda: (pilot.app.screen._found or [None])[0] == dt.date.fromisoformat(day)  # noqa: E731
    await wait_until(pilot, found, f"Today to look back on {day}")
    await pilot.pause()


async def test_today_shows_a_decision_returned_to_a_year_ago(build, store, clock):
    old = store.add_decision(clock.now(), A_YEAR_AGO, TELL_SAM, "Relational Key")
    store.save_review(clock.now(), A_YEAR_AGO, {old.id: Outcome.RETURNED})
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: _line(app).display, "the On this day line")
        assert _shown(app) == f"On this day a year ago you came back to: {TELL_SAM}."
        assert screen_text(app).endswith(f"\nOn this day a year ago you came back to: {TELL_SAM}.")


async def test_nothing_is_shown_without_one_not_even_an_empty_line(build, store, clock):
    left = store.add_decision(clock.now(), A_YEAR_AGO, "Left for now", "Relational Key")
    store.save_check(clock.now(), left, State.ABANDONED, pulls=["fear"])
    store.save_review(clock.now(), A_YEAR_AGO, {left.id: Outcome.ABANDONED})
    other = store.add_decision(clock.now(), "2025-11-26", "The day before", "Relational Key")
    store.save_review(clock.now(), "2025-11-26", {other.id: Outcome.RETURNED})
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await _looked_back(pilot)
        assert not _line(app).display
        assert "On this day" not in screen_text(app)


async def test_reviewing_the_old_day_brings_the_line_without_waiting_for_tomorrow(build, store, clock):
    old = store.add_decision(clock.now(), A_YEAR_AGO, TELL_SAM, "Relational Key")
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await _looked_back(pilot)
        assert not _line(app).display  # still open: nothing to show yet
        store.save_review(clock.now(), A_YEAR_AGO, {old.id: Outcome.RETURNED})
        app.practice.changed.publish("review")  # what the evening screen's save says
        await wait_until(pilot, lambda: _line(app).display, "the line after the old day's review")
        assert TELL_SAM in _shown(app)


async def test_the_journal_is_looked_back_on_once_a_day_not_at_every_tick(build, store, clock, monkeypatch):
    old = store.add_decision(clock.now(), A_YEAR_AGO, TELL_SAM, "Relational Key")
    store.save_review(clock.now(), A_YEAR_AGO, {old.id: Outcome.RETURNED})
    reads: list[str] = []
    real = store.same_day_of_month
    monkeypatch.setattr(store, "same_day_of_month", lambda day: reads.append(day.isoformat()) or real(day))
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: _line(app).display, "the On this day line")
        for _ in range(3):
            app.screen.refresh_day()  # what the half-minute timer does
            await pilot.pause()
        app.practice.changed.publish("decision")  # a decision set for today changes no earlier day
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert reads == [DAY]
        assert _line(app).display  # still shown from the day's one look
        clock.set("2026-11-28T13:15:00")  # the next day: nothing on its date a year ago
        app.screen.refresh_day()
        assert not _line(app).display  # yesterday's line is gone at once, not when the look back ends
        await _looked_back(pilot, "2026-11-28")
        assert reads == [DAY, "2026-11-28"]
        assert not _line(app).display


def _full_day(store, clock, next_step: str = "") -> None:
    """Three decisions today (the first with NEXT_STEP), yesterday waiting, a return this week, and a year ago's."""
    old = store.add_decision(clock.now(), A_YEAR_AGO, TELL_SAM, "Relational Key")
    store.save_review(clock.now(), A_YEAR_AGO, {old.id: Outcome.RETURNED})
    store.add_decision(clock.now(), "2026-11-26", "Bed by eleven", "Inner Foundation")  # yesterday waits
    came_back = store.add_decision(clock.now(), "2026-11-25", "Ask Alex for help", "Relational Key")
    store.save_review(clock.now(), "2026-11-25", {came_back.id: Outcome.RETURNED})  # the week's return
    for n in range(3):
        step = next_step if n == 0 else ""
        store.add_decision(clock.now(), DAY, f"Decision {n + 1} of a full day", "Inner Foundation", next_step=step)


async def test_a_full_day_at_80x24_still_has_room_for_the_line(build, store, clock):
    _full_day(store, clock)
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: _line(app).display, "the On this day line")
        await pilot.pause()
        text = screen_text(app)
        assert "3. Decision 3 of a full day" in text and "Yesterday, 1 decision" in text
        assert "This week: 1 return." in text
        assert _shown(app).startswith("On this day a year ago you came back to: Tell Sam")
        assert app.screen.query_one("#today").max_scroll_y == 0  # all of it on screen, nothing to scroll


async def test_with_no_room_the_line_gives_way_first_and_comes_back_with_room(build, store, clock):
    _full_day(store, clock, next_step="Write to Sam before ten")
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await _looked_back(pilot)
        today = app.screen.query_one("#today")
        assert "Next step: Write to Sam before ten" in screen_text(app)
        assert not _line(app).display
        assert today.max_scroll_y == 0  # everything else still fits, unscrolled
        await pilot.resize_terminal(80, 25)
        await wait_until(pilot, lambda: _line(app).display, "the line with a row for it")
        await pilot.pause()
        assert today.max_scroll_y == 0


async def test_today_paints_first_and_the_line_comes_once_the_earlier_years_are_looked_at(tmp_path, clock):
    import threading

    from data.settings import Settings
    from data.store import Store
    from tui.app import make_app

    path = tmp_path / "journal.json"
    first = Store(path)
    old = first.add_decision(clock.now(), A_YEAR_AGO, TELL_SAM, "Relational Key")
    first.save_review(clock.now(), A_YEAR_AGO, {old.id: Outcome.RETURNED})
    first.add_decision(clock.now(), DAY, "Walk at lunch", "Inner Foundation")
    first.close()
    store = Store(path)
    assert store.partial  # a year ago is in a file of its own, not read at the start
    looked = threading.Event()  # the look back waits until the test has looked at Today
    glance = store.storage.glance

    def waiting(year):
        if threading.current_thread() is not threading.main_thread():
            looked.wait(10)
        return glance(year)

    store.storage.glance = waiting
    app = make_app(store=store, settings=Settings(timezone="Europe/Berlin"), clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: "1. Walk at lunch" in screen_text(app), "Today's decision")
        assert not _line(app).display
        looked.set()
        await wait_until(pilot, lambda: _line(app).display, "the line once the earlier years are looked at")
        assert TELL_SAM in _shown(app)
        assert store.partial  # looked at, and let go


async def test_a_journal_the_look_back_cannot_read_leaves_the_line_out_and_today_running(
    build, store, clock, monkeypatch
):
    def unreadable(day):
        raise ValueError("a day written by hand: 2025-1-27")

    monkeypatch.setattr(store, "same_day_of_month", unreadable)
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.screen._looked_back_on is not None, "Today to look back")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running
        assert not _line(app).display
        assert "Due now: the morning decision (press m)" in screen_text(app)
