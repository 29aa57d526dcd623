"""Insights: the figures of a chosen period, drawn, with kind words beside them.

The full journal below is worked out by hand; today is Friday 27 November 2026 (the
fixtures' clock, 13:15 Berlin). Each decision's checks are (state, pulls, patterns, hour):

    day         area        cert  checks                                              outcome    contact
    06-10 Wed   Inner        -    holding 08                                           kept       3
    (a pause of 96 days)
    09-15 Tue   Relational   2    wobbling guilt / said yes 15                         returned   3
    09-22 Tue   Inner        4    abandoned familiar / chose the familiar 11           abandoned  2
    10-06 Tue   Relational   1    wobbling approval / explained again 18               kept       3
    10-20 Tue   Inner        3    abandoned guilt / overrode my need 17                abandoned  (none)
    -- the last 4 weeks start on Saturday 10-31 --
    11-02 Mon   Relational   1    wobbling fear, disappointment / softened the truth 10  returned   4
                Inner        3    -                                                    kept
    11-09 Mon   Relational   2    abandoned guilt / said yes 19                        abandoned  2
    11-16 Mon   Relational   2    wobbling fear / avoided the conversation 14;         returned   4
                                  wobbling fear 14
                Inner        4    changed 09                                           revised
    11-23 Mon   Inner        5    wobbling familiar / kept checking 22                 kept       5
    11-27 Fri   Relational   3    holding 12                                           open       (no review)

3 months (from Friday 28 August): everything but 06-10 -> 11 decisions on 9 days; kept 3
(10-06, 11-02 Inner, 11-23), returned 3, revised 1, abandoned 3, open 1; keep rate 6/9 =
67%; reps = 3 returns + kept after a pull (10-06, 11-23) = 5.
4 weeks (from Saturday 31 October): 7 decisions on 5 days; kept 2, returned 2, revised 1,
abandoned 1, open 1; keep rate 4/5 = 80%; reps 2 + 11-23 = 3.
All: 12 decisions on 10 days, 4 kept (06-10 too), keep rate 7/10 = 70%, reps still 5.
"""

from __future__ import annotations

import datetime as dt

import pendulum
import pytest
from rich.style import Style
from textual.widgets import Static

from data.models import Outcome, State
from data.periods import period_start
from screens.insights import InsightsScreen
from tests.tui.conftest import TZ, screen_text
from tui.charts import Drawing, Series, bar_chart, eighths, week_columns

INNER, RELATIONAL = "Inner Foundation", "Relational Key"
KEPT, RETURNED, REVISED, ABANDONED = Outcome.KEPT, Outcome.RETURNED, Outcome.REVISED, Outcome.ABANDONED
WOBBLING, HOLDING, ABANDON, CHANGED = State.WOBBLING, State.HOLDING, State.ABANDONED, State.CHANGED

# day: [(text, area, certainty, [(state, pulls, patterns, hour, minute)], outcome)], contact
JOURNAL = {
    "2026-06-10": ([("Rest on Sunday", INNER, None, [(HOLDING, (), (), 8, 0)], KEPT)], 3),
    "2026-09-15": (
        [("Say no to the extra shift", RELATIONAL, 2, [(WOBBLING, ("guilt",), ("said yes",), 15, 0)], RETURNED)],
        3,
    ),
    "2026-09-22": (
        [
            (
                "Finish the draft before lunch",
                INNER,
                4,
                [(ABANDON, ("familiar",), ("chose the familiar",), 11, 0)],
                ABANDONED,
            )
        ],
        2,
    ),
    "2026-10-06": (
        [("Ask for help with the move", RELATIONAL, 1, [(WOBBLING, ("approval",), ("explained again",), 18, 0)], KEPT)],
        3,
    ),
    "2026-10-20": (
        [("Leave work on time", INNER, 3, [(ABANDON, ("guilt",), ("overrode my need",), 17, 0)], ABANDONED)],
        None,
    ),
    "2026-11-02": (
        [
            (
                "Tell Sam the Friday deadline doesn't work for me",
                RELATIONAL,
                1,
                [(WOBBLING, ("fear", "disappointment"), ("softened the truth",), 10, 0)],
                RETURNED,
            ),
            ("Walk before work", INNER, 3, [], KEPT),
        ],
        4,
    ),
    "2026-11-09": (
        [("Keep the evening free", RELATIONAL, 2, [(ABANDON, ("guilt",), ("said yes",), 19, 0)], ABANDONED)],
        2,
    ),
    "2026-11-16": (
        [
            (
                "Speak up in the planning meeting",
                RELATIONAL,
                2,
                [(WOBBLING, ("fear",), ("avoided the conversation",), 14, 0), (WOBBLING, ("fear",), (), 14, 40)],
                RETURNED,
            ),
            ("Cancel the gym plan", INNER, 4, [(CHANGED, (), (), 9, 0)], REVISED),
        ],
        4,
    ),
    "2026-11-23": ([("No phone after ten", INNER, 5, [(WOBBLING, ("familiar",), ("kept checking",), 22, 0)], KEPT)], 5),
    "2026-11-27": ([("Say what I need from the weekend", RELATIONAL, 3, [(HOLDING, (), (), 12, 0)], None)], None),
}


def at(day: str, hour: int, minute: int = 0):
    return pendulum.parse(f"{day}T{hour:02d}:{minute:02d}:00", tz=TZ)


def seed(store) -> None:
    """The full journal of the module's docstring, saved through the store as the app saves it."""
    for day, (decisions, contact) in JOURNAL.items():
        outcomes = {}
        for text, area, certainty, checks, outcome in decisions:
            decision = store.add_decision(at(day, 7), day, text, area, certainty=certainty)
            for state, pulls, patterns, hour, minute in checks:
                store.save_check(at(day, hour, minute), decision, state, pulls=pulls, patterns=patterns)
            outcomes[decision.id] = outcome
        if any(outcome is not None for outcome in outcomes.values()):
            store.save_review(at(day, 21), day, outcomes, contact=contact)


def seed_one_day(store, day: str = "2026-11-27") -> None:
    """A journal of one morning and one midday check: the decision still open."""
    decision = store.add_decision(
        at(day, 8), day, "Tell Sam the Friday deadline doesn't work for me", RELATIONAL, certainty=2
    )
    store.save_check(at(day, 10, 30), decision, WOBBLING, pulls=("fear",), patterns=("softened the truth",))


async def open_insights(pilot) -> None:
    """Press i on Today and wait for the figures to be counted and drawn."""
    await pilot.pause()
    await pilot.press("i")
    await settle(pilot)


async def settle(pilot) -> None:
    """Wait for the counting worker, then for its message to be drawn."""
    await pilot.pause()
    for _ in range(50):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        screen = pilot.app.screen
        if not isinstance(screen, InsightsScreen) or not screen.counting:
            break
    await pilot.pause()


def section(app, name: str) -> str:
    """One section (its title, drawing and words) as plain text."""
    return str(app.screen.query_one(f"#insights-{name}", Drawing).render())


def flat(text: str) -> str:
    """TEXT with its lines joined, as a person reads words wrapped to the screen's width."""
    return " ".join(text.split())


def summary(app) -> str:
    return str(app.screen.query_one("#insights-summary", Static).render())


@pytest.fixture
def journal(store):
    seed(store)
    return store


# -- the drawing rules ---------------------------------------------------------------


def test_periods_end_today_and_reach_back():
    today = dt.date(2026, 11, 27)
    assert period_start("4w", today) == dt.date(2026, 10, 31)  # 28 days, today included
    assert period_start("3m", today) == dt.date(2026, 8, 28)
    assert period_start("1y", today) == dt.date(2025, 11, 28)
    assert period_start("all", today) is None
    assert period_start("3m", dt.date(2026, 5, 31)) == dt.date(2026, 3, 1)  # 28 February, then the day after


def test_a_bar_fills_eighths_of_its_rows_and_a_gap_stays_empty():
    assert eighths(4, 4, 3, floor=False) == 24
    assert eighths(1, 4, 3, floor=False) == 6
    assert eighths(0.01, 4, 3, floor=False) == 1  # anything at all still shows
    assert eighths(0, 4, 3, floor=False) == 0
    assert eighths(0, 1.0, 3, floor=True) == 1  # a keep rate of 0% is a sliver...
    assert eighths(None, 1.0, 3, floor=True) == 0  # ...a week with nothing to count is a gap


def test_a_chart_has_a_scale_bars_and_an_axis():
    chart = bar_chart(
        lambda _name: Style(), [Series("reps", [0, 2, 4, None], 4, "4", "0", "x", height=2)], 2, [(0, "Nov")]
    )
    lines = [line.rstrip() for line in str(chart).splitlines()]
    assert lines[0] == "reps       4 ┤    █"
    assert lines[1] == "             │  █ █"
    assert lines[2] == "           0 └────────"
    assert lines[3] == "              Nov"


def test_a_long_period_groups_weeks_from_the_latest_back():
    from data.stats import Outcomes, WeekFigure

    weeks = [
        WeekFigure(dt.date(2016, 1, 4) + dt.timedelta(weeks=i), 1, 1, 0, i % 3, Outcomes(), None) for i in range(523)
    ]
    columns = week_columns(weeks, 70)
    assert columns.per == 8 and columns.cell == 1
    assert len(columns.groups[-1]) == 8 and columns.groups[-1][-1] is weeks[-1]  # the newest column is whole
    assert sum(len(group) for group in columns.groups) == 523
    assert [label for _column, label in columns.labels()][:3] == ["2016", "2017", "2018"]  # years, over years
    few = week_columns(weeks[:5], 70)
    assert (few.per, few.cell) == (1, 4)  # a few weeks get wider bars


# -- the full journal ------------------------------------------------------------------


async def test_i_opens_three_months_with_every_figure(build, journal):
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_insights(pilot)
        assert isinstance(app.screen, InsightsScreen)
        assert app.screen.sub_title == "3 months"
        text = screen_text(app)
        assert "Counting your repetitions" not in text
        assert "3 months: Friday 28 August 2026 to Friday 27 November 2026" in text
        assert "9 days practised · 11 decisions · 3 returns · 5 reps · keep rate 67%" in summary(app)
        assert "3 returns: 3 times you left and came back. That's the training." in summary(app)

        reps = section(app, "reps")
        assert "reps" in reps and "returns" in reps and "└" in reps
        for month in ("Sep", "Oct", "Nov"):
            assert month in reps, month
        # reps a week, the last 4 (11-02..11-23 + this week): [1, 0, 1, 1] -> 0.8 (weeks of 11-02, 11-09, 11-16, 11-23);
        # the 4 before (10-05..10-26): [1, 0, 0, 0] -> 0.2.
        assert "More reps in the last 4 weeks than the 4 before: 0.8 a week, up from 0.2." in flat(reps)

        keep = section(app, "keep")
        assert "100%" in keep and "0%" in keep
        assert "You kept or came back to 6 of 9 (67%)" in flat(keep)
        assert "A blank week had nothing to count" in flat(keep)

        pulls = section(app, "pulls")
        assert pulls.splitlines()[0] == "The pulls, and how those decisions ended"
        assert pulls.splitlines()[1].split() == ["pull", "times", "returned", "kept", "abandoned"]
        rows = {line.split()[0]: line.split()[1:] for line in pulls.splitlines()[2:7]}
        assert rows["fear"] == ["3", "2", "0", "0"]  # named 3 times on 2 decisions, both returned
        assert rows["guilt"] == ["3", "1", "0", "2"]
        assert rows["familiar"] == ["2", "0", "1", "1"]
        assert "fear and guilt came as often as each other: 3 times each." in flat(pulls)  # a tie, said as one
        assert "guilt ended in abandonment most often (2 of 3 decisions)" in flat(pulls)

        patterns = section(app, "patterns")
        assert "said yes" in patterns.splitlines()[2]  # named twice: the most
        pairs = patterns.split("which pull leads to which pattern")[1].splitlines()[1:3]
        assert pairs[0].split() == ["guilt", "→", "said", "yes", "2", "times"]  # 09-15 and 11-09
        assert pairs[1].split() == ["approval", "→", "explained", "again", "1", "time"]  # then by name
        assert "said yes showed most (2 times)" in flat(patterns)
        assert "When guilt came, said yes followed most often." in flat(patterns)

        certainty = section(app, "certainty")
        # 1-2: 09-15 returned, 10-06 kept, 11-02 returned, 11-09 abandoned, 11-16 returned -> 4 of 5.
        assert "certainty 1-2 ████████░░  4 of 5 kept or came back (80%)" in certainty
        assert "certainty 3   █████░░░░░  1 of 2 kept or came back (50%)" in certainty
        assert "not given" not in certainty  # 06-10 is before these 3 months
        assert "You kept 4 of 5 decisions you made at certainty 1-2. You don't need to be sure." in flat(certainty)

        hours = section(app, "hours")
        assert "Pulls came most often between 14:00 and 15:00 (2 of 9 checks that met one)" in flat(hours)
        axis = next(line for line in hours.splitlines() if "21" in line)
        assert axis.split() == ["0", "3", "6", "9", "12", "15", "18", "21"]

        contact = section(app, "contact")
        # 3 + 2 + 3 + 4 + 2 + 4 + 5 over 7 reviews (10-20's gave none) = 3.3
        assert "3.3 of 5 on average, from 7 evening reviews." in flat(contact)
        # weeks with a contact, the last 4 weeks: 4, 2, 4, 5 -> 3.8; the 4 before: 3 (10-06) -> 3.0
        assert "A little more connected lately: 3.8, up from 3.0." in flat(contact)

        areas = section(app, "areas")
        assert areas.splitlines()[0] == "Inner Foundation and Relational Key"
        inner = next(line for line in areas.splitlines()[1:] if line.startswith(INNER)).split()
        relational = next(line for line in areas.splitlines()[1:] if line.startswith(RELATIONAL)).split()
        assert inner[2:7] == ["5", "0", "1", "50%", "█████░░░░░"]
        assert relational[2:7] == ["6", "3", "4", "80%", "████████░░"]
        assert "Most reps came in Relational Key (4 of 5)." in flat(areas)

        year = section(app, "year")
        grid = year.splitlines()
        assert grid[2].startswith("Mon ") and grid[8].startswith("Sun ")
        assert "10 practice days in the last year." in flat(year)  # the grid is the year's, whatever the period
        assert "Your longest pause was 96 days, and you came back after it." in flat(year)
        assert "■" in grid[2] and "·" in grid[2]


async def test_the_year_grid_marks_each_practice_day_in_its_row(build, journal):
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_insights(pilot)
        grid = section(app, "year").splitlines()
        # 53 weeks from Monday 24 November 2025: this week is the last column (index 52).
        mon, fri = grid[2][4:], grid[6][4:]
        assert len(mon) == 53
        assert mon[49:] == "■■■■"  # Mondays 11-02, 11-09, 11-16, 11-23
        assert mon[48] == "·"  # Monday 26 October: no practice
        assert fri[52] == "■"  # today
        assert grid[7][4 + 52] == " " and grid[8][4 + 52] == " "  # Saturday and Sunday still ahead


async def test_switching_periods_changes_the_figures(build, journal):
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_insights(pilot)
        await pilot.press("1")
        await settle(pilot)
        assert app.screen.sub_title == "4 weeks"
        assert "5 days practised · 7 decisions · 2 returns · 3 reps · keep rate 80%" in summary(app)
        assert "4 weeks: Saturday 31 October 2026 to Friday 27 November 2026" in screen_text(app)
        assert "● 4 weeks" in screen_text(app)
        await pilot.press("4")
        await settle(pilot)
        assert app.screen.sub_title == "All"
        assert "10 days practised · 12 decisions · 3 returns · 5 reps · keep rate 70%" in summary(app)
        assert "All of it: since your first day, Wednesday 10 June 2026" in screen_text(app)
        assert "not given     ██████████  1 of 1 kept or came back (100%)" in section(app, "certainty")
        await pilot.press("3")
        await settle(pilot)
        assert app.screen.sub_title == "A year"  # a year reaches before the first day: it starts there
        assert "A year: since your first day, Wednesday 10 June 2026" in screen_text(app)
        await pilot.press("2")
        await settle(pilot)
        assert "11 decisions" in summary(app)


async def test_a_click_on_a_period_chooses_it(build, journal):
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_insights(pilot)
        line = str(app.screen.query_one("#insights-period", Drawing).render())
        await pilot.click("#insights-period", offset=(line.index("all"), 0))
        await settle(pilot)
        assert app.screen.sub_title == "All"
        assert "12 decisions" in summary(app)


async def test_a_save_elsewhere_is_counted(build, journal, clock):
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_insights(pilot)
        decision = journal.add_decision(clock.now(), "2026-11-25", "Say the line to Sam", RELATIONAL, certainty=1)
        journal.save_check(clock.now(), decision, WOBBLING, pulls=("fear",))
        journal.save_review(clock.now(), "2026-11-25", {decision.id: RETURNED}, contact=4)
        app.practice.changed.publish("saved")
        await settle(pilot)
        assert "10 days practised · 12 decisions · 4 returns · 6 reps · keep rate 70%" in summary(app)
        assert "fear came most: 4 times. You came back 3 times after it." in section(app, "pulls")


async def test_the_keys_are_in_the_footer_and_the_palette(build, journal):
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_insights(pilot)
        shown = {active.binding.description for active in app.screen.active_bindings.values() if active.binding.show}
        assert {"4 weeks", "3 months", "A year", "All", "Back"} <= shown
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Insights: 4 weeks", "Insights: 3 months", "Insights: A year", "Insights: All"} <= titles
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "TodayScreen"


async def test_it_reads_at_80x24_by_scrolling(build, journal):
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_insights(pilot)
        for name in ("reps", "keep", "contact", "hours", "year"):
            drawing = app.screen.query_one(f"#insights-{name}", Drawing)
            widest = max(len(line) for line in str(drawing.render()).splitlines())
            assert widest <= drawing.content_size.width, name  # nothing cut off at the right
        scroll = app.screen.query_one("#insights")
        assert scroll.has_focus
        await pilot.press("end")
        await pilot.wait_for_scheduled_animations()
        assert scroll.scroll_y > 0
        assert app.screen.query_one("#insights-year").region.bottom <= 23  # the last words reach the screen


async def test_the_figures_are_counted_off_the_ui_thread(build, journal, monkeypatch):
    import threading

    from screens import insights

    seen = []
    real = insights.count

    def spy(*args, **kwargs):
        seen.append(threading.current_thread() is threading.main_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(insights, "count", spy)
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_insights(pilot)
        assert seen == [False]


# -- a young journal and an empty one ------------------------------------------------------


async def test_one_day_in(build, store):
    seed_one_day(store)
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_insights(pilot)
        text = screen_text(app)
        assert "1 day practised · 1 decision · 0 returns · 0 reps · keep rate not yet" in summary(app)
        assert "One day in. The record has begun." in summary(app)
        assert "3 months: since your first day, Friday 27 November 2026" in text
        assert "One week so far" not in text  # no reps yet: the words say what a rep is instead
        assert "A rep is a return, or a decision kept although something pulled." in flat(text)
        assert "The keep rate starts with your first evening review." in flat(text)
        assert "fear came once." in flat(section(app, "pulls"))
        assert "softened the truth showed once." in flat(section(app, "patterns"))
        assert "between 10:00 and 11:00 (1 of 1 check that met one)" in flat(text)
        assert (
            "certainty 1-2" in section(app, "certainty") and "1 decision, none kept, returned or abandoned yet" in text
        )
        assert "The evening review asks, 1 to 5" in flat(text)
        assert "No decisions in Inner Foundation in these days" in flat(text)
        assert "One practice day in the last year: the first mark on the grid." in flat(text)
        for word in ("None", "nan", "Traceback"):
            assert word not in text


async def test_after_a_pause_it_says_welcome_back(build, store):
    seed_one_day(store, "2026-11-20")
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_insights(pilot)
        assert "Your last practice was 7 days ago. Welcome back. Today counts." in summary(app)
        assert "streak" not in screen_text(app).lower()


async def test_a_period_with_nothing_in_it_points_to_the_rest(build, store, clock):
    seed_one_day(store, "2026-06-10")
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_insights(pilot)
        await pilot.press("1")
        await settle(pilot)
        assert "Nothing recorded in these 4 weeks. Any day is a good day to come back." in summary(app)
        assert "Your last practice was Wednesday 10 June 2026. Welcome back — today counts." in summary(app)
        assert app.screen.query_one("#insights-year").display  # the year still shows the day that was
        assert not app.screen.query_one("#insights-reps").display
        assert "One practice day in the last year" in screen_text(app)


async def test_an_empty_journal_says_what_will_appear(build):
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_insights(pilot)
        text = screen_text(app)
        assert "Nothing here yet. Your first decision starts the record." in flat(text)
        assert "As you practise, this page fills in:" in text
        assert "the pulls that come most, and how those decisions ended" in text
        assert "Press escape, then m on Today, to set your first decision." in flat(text)
        assert "reps a week" not in text and "0%" not in text
        await pilot.press("4")
        await settle(pilot)
        assert "Nothing here yet." in screen_text(app)


# -- snapshots ---------------------------------------------------------------------------------


def test_snapshot_full_journal(snap_compare, store, build):
    seed(store)
    assert snap_compare(build(), terminal_size=(100, 30), run_before=open_insights)


def test_snapshot_one_day(snap_compare, store, build):
    seed_one_day(store)
    assert snap_compare(build(), terminal_size=(100, 30), run_before=open_insights)


def test_snapshot_empty_journal(snap_compare, build):
    assert snap_compare(build(), terminal_size=(100, 30), run_before=open_insights)
