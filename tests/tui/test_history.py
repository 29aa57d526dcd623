"""History, the day view, editing, deleting and restoring: what the user sees and the journal holds."""

from __future__ import annotations

from textual.widgets import Input

from data.models import Outcome, State
from screens.history import HistoryScreen
from tests.tui.conftest import screen_text, type_text
from tests.waits import palette_searched
from tui.widgets import RowTable


def seed(store, clock):
    """A small fixed journal: three days, two areas, every outcome, pulls and patterns."""
    now = clock.now()
    a = store.add_decision(
        now, "2026-11-20", "Tell Sam the Friday deadline doesn't work", "Relational Key", why="My weekends"
    )
    b = store.add_decision(now, "2026-11-20", "Walk at lunch", "Inner Foundation")
    store.save_check(now, a, State.WOBBLING, pulls=["fear"], patterns=["softened the truth"], body="tight chest")
    store.save_review(now, "2026-11-20", {a.id: Outcome.RETURNED, b.id: Outcome.KEPT}, learned="the fear passes")
    c = store.add_decision(now, "2026-11-24", "Ask Alex for help", "Relational Key")
    store.save_check(now, c, State.ABANDONED, pulls=["approval"], patterns=["said yes"])
    store.save_review(now, "2026-11-24", {c.id: Outcome.ABANDONED})
    d = store.add_decision(now, "2026-11-26", "Bed by eleven", "Inner Foundation")
    return a, b, c, d


def table_texts(app) -> list[str]:
    table = app.screen.query_one(RowTable)
    return [row[2] for row in table.rows]


async def open_history(app, pilot):
    await pilot.press("h")
    await pilot.pause()
    assert isinstance(app.screen, HistoryScreen)


async def test_history_lists_every_decision_newest_first(build, store, clock):
    seed(store, clock)
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_history(app, pilot)
        assert table_texts(app) == [
            "Bed by eleven",
            "Ask Alex for help",
            "Walk at lunch",
            "Tell Sam the Friday deadline doesn't work",
        ]
        assert app.screen.query_one(RowTable).rows[0] == (
            "2026-11-26",
            "1",
            "Bed by eleven",
            "Inner Foundation",
            "open",
            "",
        )
        assert "4 decisions" in screen_text(app)


async def test_filter_by_each_field_and_together(build, store, clock):
    seed(store, clock)
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_history(app, pilot)
        await pilot.press("slash")
        await type_text(pilot, "weekends")  # found in "why"
        await pilot.pause()
        assert table_texts(app) == ["Tell Sam the Friday deadline doesn't work"]
        app.screen.query_one("#filter-text").value = "chest"  # a check's note
        await pilot.pause()
        assert table_texts(app) == ["Tell Sam the Friday deadline doesn't work"]
        app.screen.query_one("#filter-text").value = "passes"  # the day's review
        await pilot.pause()
        assert sorted(table_texts(app)) == ["Tell Sam the Friday deadline doesn't work", "Walk at lunch"]
        app.screen.query_one("#filter-text").value = ""
        for select_id, value, expected in (
            ("#filter-area", "Inner Foundation", ["Bed by eleven", "Walk at lunch"]),
            ("#filter-outcome", "abandoned", ["Ask Alex for help"]),
            ("#filter-outcome", "open", ["Bed by eleven"]),
            ("#filter-pull", "fear", ["Tell Sam the Friday deadline doesn't work"]),
            ("#filter-pattern", "said yes", ["Ask Alex for help"]),
        ):
            select = app.screen.query_one(select_id)
            select.value = value
            await pilot.pause()
            assert table_texts(app) == expected, (select_id, value)
            select.clear()
            await pilot.pause()
        app.screen.query_one("#filter-from").value = "2026-11-21"
        await pilot.pause()
        assert table_texts(app) == ["Bed by eleven", "Ask Alex for help"]
        app.screen.query_one("#filter-to").value = "2026-11-25"
        await pilot.pause()
        assert table_texts(app) == ["Ask Alex for help"]
        # Together: a range, an area and a word.
        app.screen.query_one("#filter-from").value = "2026-11-01"
        app.screen.query_one("#filter-area").value = "Relational Key"
        app.screen.query_one("#filter-text").value = "sam"
        await pilot.pause()
        assert table_texts(app) == ["Tell Sam the Friday deadline doesn't work"]
        assert "1 of 4 decisions" in screen_text(app)


async def test_no_match_and_an_empty_journal_say_so_kindly(build, store, clock):
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_history(app, pilot)
        assert "Nothing here yet. Your first decision starts the record." in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
    seed(store, clock)
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_history(app, pilot)
        await pilot.press("slash")
        await type_text(pilot, "zebra")
        await pilot.pause()
        assert table_texts(app) == []
        assert "Nothing matches these filters" in screen_text(app)


async def test_a_bad_date_in_the_range_is_named_and_left_out(build, store, clock):
    seed(store, clock)
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_history(app, pilot)
        app.screen.query_one("#filter-from").value = "2026-02-30"
        await pilot.pause()
        assert "2026-02-30 is not a day on the calendar" in screen_text(app)
        assert len(table_texts(app)) == 4


async def test_open_a_day_and_read_every_part_of_it(build, store, clock):
    seed(store, clock)
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_history(app, pilot)
        await pilot.press("down", "down", "enter")  # Walk at lunch, 2026-11-20
        await pilot.pause()
        assert type(app.screen).__name__ == "DayScreen"
        assert "Friday 20 November 2026" in app.screen.sub_title
        markdown = app.screen.day_markdown()
        for part in (
            "Morning",
            "Midday",
            "Evening",
            "Tell Sam the Friday deadline",
            "Walk at lunch",
            "tight chest",
            "the fear passes",
            "returned",
            "kept",
        ):
            assert part in markdown, part
        await pilot.press("right")  # the next day with entries
        await pilot.pause()
        assert "Tuesday 24 November 2026" in app.screen.sub_title
        await pilot.press("left", "left")
        await pilot.pause()
        assert "Friday 20 November 2026" in app.screen.sub_title  # nothing earlier: it stays


async def test_edit_a_past_check_and_see_history_change(build, store, clock):
    a, *_ = seed(store, clock)
    [check] = store.checks_for(a.id)
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_history(app, pilot)
        app.screen.query_one("#filter-pull").value = "guilt"
        await pilot.pause()
        assert table_texts(app) == []
        app.screen.query_one("#filter-pull").clear()
        await pilot.pause()
        await pilot.press("end", "enter")  # the oldest row: Tell Sam, 2026-11-20
        await pilot.pause()
        clock.set("2026-11-27T18:00:00")
        await pilot.press("ctrl+e")  # edit: decision 1, decision 2, the check, the review
        await pilot.pause()
        assert "Edit what?" in screen_text(app)
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert app.screen.title.startswith("Edit check")
        await pilot.press("tab")  # to the pulls
        await pilot.press("down", "space")  # guilt, beside fear
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "DayScreen"
        assert "fear, guilt" in app.screen.day_markdown()
        await pilot.press("escape")
        await pilot.pause()
        app.screen.query_one("#filter-pull").value = "guilt"
        await pilot.pause()
        assert table_texts(app) == ["Tell Sam the Friday deadline doesn't work"]
    edited = store.check(check.id)
    assert edited.pulls == ["fear", "guilt"]
    assert edited.created_at == check.created_at and edited.at == check.at
    assert edited.updated_at == "2026-11-27T18:00:00+01:00"


async def test_edit_a_past_decision_from_history(build, store, clock):
    *_, d = seed(store, clock)
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_history(app, pilot)
        await pilot.press("ctrl+e")  # the newest: Bed by eleven
        await pilot.pause()
        assert app.screen.title == "Edit decision"
        assert app.screen.query_one("#decision").value == "Bed by eleven"
        app.screen.query_one("#decision").value = ""
        await type_text(pilot, "Bed by half past ten")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert table_texts(app)[0] == "Bed by half past ten"
    edited = store.decision(d.id)
    assert (edited.text, edited.n, edited.day, edited.created_at) == ("Bed by half past ten", d.n, d.day, d.created_at)


async def test_delete_then_undo(build, store, clock):
    seed(store, clock)
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_history(app, pilot)
        await pilot.press("down", "d")  # Ask Alex for help
        await pilot.pause()
        assert "Delete “Ask Alex for help” of 2026-11-24 and its checks?" in screen_text(app)
        assert "Walk" in app.export_screenshot()  # History's rows stay in sight behind the question
        await pilot.press("y")
        await pilot.pause()
        assert "Ask Alex for help" not in table_texts(app)
        assert store.decisions_on("2026-11-24") == []
        assert store.checks_on("2026-11-24") == []
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "Ask Alex for help" in table_texts(app)
    [back] = store.decisions_on("2026-11-24")
    assert back.outcome is Outcome.ABANDONED and len(store.checks_for(back.id)) == 1


async def test_delete_then_restore_from_show_deleted(build, store, clock):
    seed(store, clock)
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_history(app, pilot)
        await pilot.press("d", "y")  # Bed by eleven
        await pilot.pause()
        assert "Bed by eleven" not in table_texts(app)
        await pilot.press("u")  # show deleted
        await pilot.pause()
        assert table_texts(app)[0] == "Bed by eleven"
        assert app.screen.query_one(RowTable).rows[0][4] == "deleted"
        await pilot.press("home", "r")
        await pilot.pause()
        await pilot.press("u")  # hide deleted again: it is a live row now
        await pilot.pause()
        assert table_texts(app)[0] == "Bed by eleven"
    assert [d.text for d in store.decisions_on("2026-11-26")] == ["Bed by eleven"]


async def test_a_deleted_decision_keeps_its_number(build, store, clock):
    seed(store, clock)
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_history(app, pilot)
        await pilot.press("d", "y")  # Bed by eleven, decision 1 of 2026-11-26
        await pilot.pause()
    assert store.add_decision(clock.now(), "2026-11-26", "Another", "Inner Foundation").n == 2


async def test_delete_a_check_from_the_day_view_and_undo(build, store, clock):
    a, *_ = seed(store, clock)
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await app.run_action("open_day('2026-11-20')")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # the check
        await pilot.pause()
        assert "Delete the check at 13:15 on “Tell Sam the Friday deadline…” of 2026-11-20?" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        assert store.checks_for(a.id) == []
        assert "tight chest" not in app.screen.day_markdown()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "tight chest" in app.screen.day_markdown()
    assert len(store.checks_for(a.id)) == 1


async def test_a_date_typed_in_the_palette_opens_that_day(build, store, clock):
    seed(store, clock)
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await type_text(pilot, "2026-11-24")
        await palette_searched(pilot, "2026-11-24")
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "DayScreen"
        assert "Tuesday 24 November 2026" in app.screen.sub_title
        assert "Ask Alex for help" in app.screen.day_markdown()


async def test_the_day_view_names_the_day_a_decision_was_carried_from(build, store, clock):
    earlier = store.add_decision(clock.now(), "2026-11-25", "Ask for the raise", "Relational Key")
    store.carry_forward(clock.now(), earlier, clock.now().date())
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await app.run_action("open_day('2026-11-27')")
        await pilot.pause()
        assert "Carried forward from:** 2026-11-25" in app.screen.day_markdown()


async def test_escape_in_the_filter_clears_it_first_and_then_leaves_history(build, store, clock):
    seed(store, clock)
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(app, pilot)
        await pilot.press("slash")
        await type_text(pilot, "zzz")
        await pilot.pause()
        assert table_texts(app) == []
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert app.screen.query_one("#filter-text").value == ""
        assert len(table_texts(app)) == 4
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HistoryScreen)


async def test_one_decision_is_counted_as_one(build, store, clock):
    store.add_decision(clock.now(), "2026-11-26", "Bed by eleven", "Inner Foundation")
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_history(app, pilot)
        assert "1 decision" in screen_text(app) and "1 decisions" not in screen_text(app)
        await pilot.press("/")
        await type_text(pilot, "bed")
        assert "1 of 1 decision" in screen_text(app) and "decisions" not in screen_text(app)


def table_lines(app) -> list[str]:
    """History's table as drawn: the header, then the rows on screen."""
    table = app.screen.query_one(RowTable)
    return [table.render_line(y).text for y in range(table.size.height)]


async def test_at_80_columns_the_decision_gets_the_room_and_the_area_its_first_word(build, store, clock):
    seed(store, clock)
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(app, pilot)
        lines = table_lines(app)
        tell = next(line for line in lines if "Tell Sam" in line)
        assert "Tell Sam the Friday dead" in tell  # was "Tell Sam " at 80 columns
        assert "Relational " in tell and "Relational Key" not in tell
        assert "returned" in tell and "fear" in tell
        assert all(len(line.rstrip()) <= 78 for line in lines)


async def test_with_room_every_column_is_whole(build, store, clock):
    seed(store, clock)
    app = build()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_history(app, pilot)
        lines = table_lines(app)
        assert any("Tell Sam the Friday deadline doesn't work" in line and "Relational Key" in line for line in lines)
        assert not any("…" in line for line in lines)


async def test_a_date_that_is_not_one_is_said_in_one_line_and_marked_on_its_field(build, store, clock):
    seed(store, clock)
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(app, pilot)
        field = app.screen.query_one("#filter-from")
        field.focus()
        await type_text(pilot, "hello")
        status = app.screen.query_one("#history-status")
        said = str(status.render())
        assert said == "From: 'hello' is not a date; use YYYY-MM-DD, today, yesterday or tomorrow."
        assert len(said) <= status.size.width  # one whole line at 80 columns
        assert field.has_class("-invalid") and status.has_class("-problem")
        for _ in "hello":
            await pilot.press("backspace")
        await type_text(pilot, "2026-11-24")
        assert not field.has_class("-invalid") and "2 of 4 decisions" in str(status.render())


async def test_undo_delete_is_in_the_palette_right_after_a_delete(build, store, clock):
    seed(store, clock)
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_history(app, pilot)
        await pilot.press("down", "d")  # Ask Alex for help
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert store.decisions_on("2026-11-24") == []
        await pilot.press("ctrl+p")
        await type_text(pilot, "Undo delete")
        await palette_searched(pilot, "Undo delete")
        await pilot.press("enter")
        await pilot.pause()
        assert "Ask Alex for help" in table_texts(app)
    assert [d.text for d in store.decisions_on("2026-11-24")] == ["Ask Alex for help"]


async def test_a_search_typed_straight_after_its_slash_goes_into_the_search(build, store, clock):
    store.add_decision(clock.now(), "2026-11-26", "Bed by eleven", "Inner Foundation")
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_history(app, pilot)
        await type_text(pilot, "/bed")  # the keys arrive before the screen is drawn again: d must not delete
        assert app.screen.query_one("#filter-text", Input).value == "bed"
        assert isinstance(app.screen, HistoryScreen)  # no question of deleting came up
        assert "1 of 1 decision" in screen_text(app)
        assert store.all_decisions()[0].deleted_at is None
