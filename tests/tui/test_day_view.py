"""The Day view is on screen at once: its text in the first frame, and a key pressed meanwhile is kept."""

from __future__ import annotations

from tests.tui.test_history import open_history, seed
from tui.day_page import DayPage


def day_on_screen(app) -> str:
    """The Day view's page text, or "" while it is not on screen yet."""
    return page_text(app) if app.screen.query(DayPage) else ""


def page_text(app) -> str:
    """The Day view's page as drawn at its width, line by line."""
    page = app.screen.query_one(DayPage)
    return "\n".join(line.text for line in page.render_lines(page.region.reset_offset))


async def test_the_day_is_on_screen_in_the_first_frame_after_enter(build, store, clock):
    seed(store, clock)
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(app, pilot)
        await pilot.press("down", "down", "enter")  # Walk at lunch, 2026-11-20
        await pilot.pause()  # the screen switch itself; no more waiting than that
        text = page_text(app)
        assert "Morning" in text and "Walk at lunch" in text and "Evening" in text


async def test_a_long_line_wraps_under_its_text_not_under_its_bullet(build, store, clock):
    now = clock.now()
    store.add_decision(now, "2026-11-20", "Walk", "Inner Foundation", why="word " * 30)
    app = build()
    async with app.run_test(size=(60, 24)) as pilot:
        await app.run_action("open_day('2026-11-20')")
        await pilot.pause()
        lines = page_text(app).splitlines()
        first = next(i for i, line in enumerate(lines) if "Why it matters:" in line)
        assert lines[first].lstrip().startswith("• Why it matters:")
        indent = len(lines[first]) - len(lines[first].lstrip())
        assert lines[first + 1].startswith(" " * (indent + 2) + "word")


async def test_a_key_pressed_as_the_day_opens_is_not_lost(build, store, clock):
    seed(store, clock)
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(app, pilot)
        await pilot.press("down", "down", "enter", "n")  # n: the next day with entries, pressed at once
        await pilot.pause()
        assert "Tuesday 24 November 2026" in app.screen.sub_title
        assert "Ask Alex for help" in page_text(app)


async def test_links_and_tags_read_as_typed_in_the_day_view(build, store, clock):
    why = "Ask [[Sam|my manager]] first, #self-trust/work.\n#tag then [[Budget]](https://example.com) https://example.com/a_b"
    store.add_decision(clock.now(), "2026-11-20", "Walk", "Inner Foundation", why=why)
    app = build()
    async with app.run_test(size=(100, 24)) as pilot:
        await app.run_action("open_day('2026-11-20')")
        await pilot.pause()
        text = page_text(app)
        assert "Why it matters: Ask [[Sam|my manager]] first, #self-trust/work." in text
        assert "#tag then [[Budget]](https://example.com) https://example.com/a_b" in text
        assert "\\" not in text


async def test_earlier_and_later_step_to_the_days_with_entries_across_the_new_year(tmp_path, clock):
    from data.settings import Settings
    from data.store import Store
    from tests.waits import wait_until
    from tui.app import make_app

    path = tmp_path / "journal.json"
    first = Store(path)
    now = clock.now()
    for day in ("2025-12-29", "2026-01-02", "2026-01-05"):
        first.add_decision(now, day, f"Kept on {day}", "Inner Foundation")
    gone = first.add_decision(now, "2026-01-03", "Deleted later", "Inner Foundation")
    first.delete_decision(now, gone.id)
    store = Store(path)
    assert store.partial  # 2025 is a file of its own, not read yet
    app = make_app(store=store, settings=Settings(timezone="Europe/Berlin"), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.run_action("open_day('2026-01-05')")
        await wait_until(pilot, lambda: "Kept on 2026-01-05" in day_on_screen(app), "the day")
        assert store.partial  # one day's year is all the Day view reads
        await pilot.press("left")  # the deleted day is passed over
        await wait_until(pilot, lambda: "Kept on 2026-01-02" in day_on_screen(app), "the day before with entries")
        await pilot.press("left")  # into the year before
        await wait_until(pilot, lambda: "Kept on 2025-12-29" in day_on_screen(app), "last year's day")
        await pilot.press("left")
        await wait_until(
            pilot,
            lambda: any("No earlier day with entries." in str(n.message) for n in app._notifications),
            "the kind note",
        )
        await pilot.press("right", "right")
        await wait_until(pilot, lambda: "Kept on 2026-01-05" in day_on_screen(app), "back to the latest day")
        await pilot.press("right")
        await wait_until(
            pilot,
            lambda: any("No later day with entries." in str(n.message) for n in app._notifications),
            "the kind note",
        )
