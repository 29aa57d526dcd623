"""Calendar: a month and a year of practice days, marked by outcome, and the day under the cursor."""

from __future__ import annotations

import datetime as dt

import pytest

from data.daytime import shift_months
from data.models import Outcome
from screens.calendar import CalendarGrid, dominant
from tests.tui.conftest import screen_text

KEPT, RETURNED, REVISED, ABANDONED, OPEN = Outcome.KEPT, Outcome.RETURNED, Outcome.REVISED, Outcome.ABANDONED, None

JOURNAL = {
    "2026-10-05": [KEPT],
    "2026-10-14": [ABANDONED],
    "2026-10-30": [RETURNED, REVISED],
    "2026-11-02": [KEPT],
    "2026-11-09": [RETURNED],
    "2026-11-12": [REVISED],
    "2026-11-18": [ABANDONED],
    "2026-11-24": [KEPT, ABANDONED, REVISED],
    "2026-11-26": [OPEN],
    "2026-11-27": [RETURNED, KEPT],  # today, by the fixed clock
}


def seed(store, clock) -> None:
    """A small fixed journal across October and November 2026: every outcome, and days of two and three."""
    now = clock.now()
    for day, outcomes in JOURNAL.items():
        decisions = [
            store.add_decision(now, day, f"Decision {n} of {day}", "Inner Foundation")
            for n in range(1, len(outcomes) + 1)
        ]
        if any(outcome is not None for outcome in outcomes):
            store.save_review(now, day, {d.id: outcome for d, outcome in zip(decisions, outcomes, strict=True)})


@pytest.fixture
def journal(store, clock):
    seed(store, clock)
    return store


def grid(app) -> str:
    return str(app.screen.query_one(CalendarGrid).render())


def day_line(app) -> str:
    return str(app.screen.query_one("#calendar-day").render())


def heading(app) -> str:
    return str(app.screen.query_one("#calendar-heading").render())


async def open_calendar(pilot) -> None:
    await pilot.pause()
    await pilot.press("k")
    await pilot.pause()


# -- the rules the grid draws by ---------------------------------------------------


def test_a_day_shows_its_strongest_mark():
    assert dominant([KEPT, ABANDONED, REVISED]) is KEPT
    assert dominant([REVISED, RETURNED]) is RETURNED
    assert dominant([ABANDONED, OPEN]) is OPEN
    assert dominant([ABANDONED]) is ABANDONED


def test_paging_keeps_the_day_inside_a_shorter_month():
    assert shift_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert shift_months(dt.date(2026, 12, 15), 1) == dt.date(2027, 1, 15)
    assert shift_months(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)
    assert shift_months(dt.date(2026, 3, 31), -1) == dt.date(2026, 2, 28)


# -- the month -----------------------------------------------------------------------


async def test_k_opens_this_month_with_each_decision_marked(build, journal):
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_calendar(pilot)
        assert type(app.screen).__name__ == "CalendarScreen"
        assert heading(app).startswith("November 2026")
        assert "7 practice days, 2 returns" in heading(app)
        shown = grid(app)
        assert "Mon" in shown.splitlines()[0] and shown.splitlines()[0].rstrip().endswith("Sun")
        for cell in (" 2 ✓", " 9 ↺", "12 ~", "18 ○", "24 ✓○~", "26 •", "27 ↺✓", "30 ↺~"):
            assert cell in shown, cell
        # Monday first, ISO weeks: 23-29 November is week 48, one line.
        week = next(line for line in shown.splitlines() if line.startswith(" 48 "))
        assert week.split() == ["48", "23", "24", "✓○~", "25", "26", "•", "27", "↺✓", "28", "29"]
        assert day_line(app).startswith("Friday 27 November 2026 · 2 decisions: 1 returned, 1 kept")
        text = screen_text(app)
        for words in ("↺ returned", "✓ kept", "~ revised", "• still open", "○ abandoned", "information, not a verdict"):
            assert words in text, words


async def test_the_cursor_moves_by_day_and_week_and_names_the_day(build, journal):
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_calendar(pilot)
        await pilot.press("left")
        assert day_line(app).startswith("Thursday 26 November 2026 · 1 decision: 1 open")
        await pilot.press("left", "left")
        assert day_line(app).startswith("Tuesday 24 November 2026 · 3 decisions: 1 kept, 1 revised, 1 abandoned")
        await pilot.press("up")
        assert day_line(app) == "Tuesday 17 November 2026 · No practice that day"
        await pilot.press("right")
        assert day_line(app).startswith("Wednesday 18 November 2026 · 1 decision: 1 abandoned")
        await pilot.press("down", "down")
        assert day_line(app) == "Wednesday 2 December 2026 · Still ahead"
        assert heading(app).startswith("December 2026")  # the month follows the cursor
        assert "no practice" not in heading(app) and "nothing here yet" in heading(app)


async def test_pagedown_and_pageup_turn_the_month(build, journal):
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_calendar(pilot)
        await pilot.press("pagedown")
        assert heading(app).startswith("December 2026")
        assert day_line(app) == "Sunday 27 December 2026 · Still ahead"
        await pilot.press("pageup", "pageup")
        assert heading(app).startswith("October 2026  ·  3 practice days, 1 return")
        shown = grid(app)
        for cell in (" 5 ✓", "14 ○", "30 ↺~"):
            assert cell in shown, cell
        assert day_line(app) == "Tuesday 27 October 2026 · No practice that day"
        await pilot.press("t")
        assert heading(app).startswith("November 2026")
        assert day_line(app).startswith("Friday 27 November 2026 · 2 decisions")


# -- the year --------------------------------------------------------------------------


async def test_v_shows_the_year_one_mark_a_day(build, journal):
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_calendar(pilot)
        await pilot.press("v")
        await pilot.pause()
        assert heading(app).startswith("2026  ·  10 practice days, 3 returns")
        assert app.screen.sub_title == "2026"
        shown = grid(app)
        assert "January" in shown and "December" in shown
        # 23-29 November: no practice, kept beats abandoned and revised, open, returned beats kept;
        # the 28th and 29th are still ahead (today is the 27th): blank, not "no practice".
        assert "· ✓ · • ↺   " in shown and "· ✓ · • ↺ ·" not in shown
        # 26 Oct - 1 Nov: the 30th returned and revised shows the return.
        assert "· · · · ↺ ·" in shown
        assert "A day shows its strongest mark: ↺, then ✓ ~ → • ○." in screen_text(app)
        await pilot.press("up")
        assert day_line(app) == "Friday 20 November 2026 · No practice that day"
        await pilot.press("left", "left")
        assert day_line(app).startswith("Wednesday 18 November 2026 · 1 decision: 1 abandoned")
        await pilot.press("pagedown")
        assert heading(app).startswith("2027  ·  nothing here yet")
        await pilot.press("pageup", "pageup")
        assert heading(app).startswith("2025  ·  no practice that year")
        await pilot.press("t")
        assert heading(app).startswith("2026")
        assert day_line(app).startswith("Friday 27 November 2026")
        await pilot.press("v")
        await pilot.pause()
        assert heading(app).startswith("November 2026")
        assert "27 ↺✓" in grid(app)


async def test_the_year_fits_80x24(build, journal):
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_calendar(pilot)
        await pilot.press("v")
        await pilot.pause()
        legend = app.screen.query_one("#calendar-legend")
        assert legend.region.bottom <= 23  # above the footer, nothing scrolled away
        assert app.screen.query_one("#calendar-day").region.height == 1
        assert "·✓·•↺  " in grid(app)  # a one-column cell a day when two do not fit (28th, 29th ahead)


async def test_the_month_fits_80x24(build, journal):
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_calendar(pilot)
        assert app.screen.query_one("#calendar-legend").region.bottom <= 23
        assert "24 ✓○~" in grid(app)


# -- opening a day, keys, changes --------------------------------------------------------


async def test_enter_opens_the_day_under_the_cursor(build, journal):
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_calendar(pilot)
        await pilot.press("left", "left", "left", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "DayScreen"
        assert "Tuesday 24 November 2026" in app.screen.sub_title
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "CalendarScreen"
        assert day_line(app).startswith("Tuesday 24 November 2026")
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "TodayScreen"


async def test_a_click_moves_the_cursor_and_a_double_click_opens(build, journal):
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_calendar(pilot)
        # 100 columns: cells of 12 after a 4-column week number; 9 November is the third week's Monday.
        await pilot.click(CalendarGrid, offset=(5, 5))
        await pilot.pause()
        assert day_line(app).startswith("Monday 9 November 2026 · 1 decision: 1 returned")
        await pilot.double_click(CalendarGrid, offset=(5 + 12 * 3, 5))
        await pilot.pause()
        assert type(app.screen).__name__ == "DayScreen"
        assert "Thursday 12 November 2026" in app.screen.sub_title


async def test_every_key_is_in_the_palette_and_the_footer(build, journal):
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_calendar(pilot)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        for title in (
            "Previous day",
            "Next day",
            "Week earlier",
            "Week later",
            "Previous month",
            "Next month",
            "Today",
            "Year view",
            "Open day",
        ):
            assert f"Calendar: {title}" in titles, title
        assert "Calendar: Next year" not in titles
        shown = {active.binding.description for active in app.screen.active_bindings.values() if active.binding.show}
        assert {"Previous month", "Year view", "Open day", "Back"} <= shown
        await pilot.press("v")
        await pilot.pause()
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Calendar: Previous year", "Calendar: Next year", "Calendar: Month view"} <= titles
        assert "Calendar: Next month" not in titles


async def test_the_calendar_follows_a_save(build, journal, clock):
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_calendar(pilot)
        waiting = journal.decisions_on("2026-11-26")[0]
        journal.save_review(clock.now(), "2026-11-26", {waiting.id: RETURNED})
        journal.add_decision(clock.now(), "2026-11-19", "Ask for the raise", "Relational Key")
        app.practice.changed.publish("saved")
        await pilot.pause()
        shown = grid(app)
        assert "26 ↺" in shown and "19 •" in shown
        assert "8 practice days, 3 returns" in heading(app)


async def test_an_empty_journal_is_a_quiet_calendar(build):
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_calendar(pilot)
        assert heading(app) == "November 2026  ·  nothing here yet"
        assert day_line(app) == "Friday 27 November 2026 · No practice yet today"
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "DayScreen"  # a day without entries opens too, and says so kindly


# -- snapshots -----------------------------------------------------------------------------


def _snapshot_app(store, clock, build):
    seed(store, clock)
    return build()


def test_snapshot_month(snap_compare, store, clock, build):
    async def open_it(pilot):
        await open_calendar(pilot)
        await pilot.press("left", "left", "left")  # the cursor on the three-decision day

    assert snap_compare(_snapshot_app(store, clock, build), terminal_size=(100, 30), run_before=open_it)


def test_snapshot_year(snap_compare, store, clock, build):
    async def open_it(pilot):
        await open_calendar(pilot)
        await pilot.press("v")
        await pilot.pause()

    assert snap_compare(_snapshot_app(store, clock, build), terminal_size=(100, 30), run_before=open_it)


def test_snapshot_year_at_80x24(snap_compare, store, clock, build):
    async def open_it(pilot):
        await open_calendar(pilot)
        await pilot.press("v")
        await pilot.pause()

    assert snap_compare(_snapshot_app(store, clock, build), terminal_size=(80, 24), run_before=open_it)
