"""Themes (auto by the clock, a choice remembered with the file's comments) and gentle reminders."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from data.daytime import FixedClock
from data.models import Outcome, State
from data.settings import Settings, load_settings, theme_for
from data.store import Store
from tui.app import make_app

TZ = "Europe/Berlin"
DAY = "2026-11-27"


@pytest.mark.parametrize(
    ("time", "theme"),
    [
        ("03:59", "selftrust-dusk"),
        ("04:00", "selftrust-dawn"),
        ("12:00", "selftrust-dawn"),
        ("18:59", "selftrust-dawn"),
        ("19:00", "selftrust-dusk"),
        ("23:30", "selftrust-dusk"),
    ],
)
def test_auto_picks_dawn_by_day_and_dusk_at_night(time, theme):
    hour, minute = map(int, time.split(":"))
    assert theme_for(Settings(), hour, minute) == theme
    assert theme_for(Settings(theme="nord"), hour, minute) == "nord"


async def test_the_app_follows_the_clock_with_auto():
    clock = FixedClock("2026-11-27T18:50:00", TZ)
    app = make_app(store=Store.in_memory(), settings=Settings(timezone=TZ), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "selftrust-dawn"
        clock.set("2026-11-27T19:05:00")
        app.follow_the_clock()
        await pilot.pause()
        assert app.theme == "selftrust-dusk"


async def test_a_chosen_theme_is_remembered_and_the_files_comments_survive(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text(
        '# My selftrust settings\ntimezone = "Europe/Berlin"  # where I live\n\n# the day begins early\nday_start = "05:00"\n',
        encoding="utf-8",
    )
    settings = load_settings(config)
    clock = FixedClock("2026-11-27T10:00:00", TZ)
    app = make_app(store=Store.in_memory(), settings=settings, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.theme = "selftrust-dusk"  # as the palette's theme picker does
        await pilot.pause()
        clock.set("2026-11-27T11:00:00")
        app.follow_the_clock()  # the auto theme no longer overrides a choice
        await pilot.pause()
        assert app.theme == "selftrust-dusk"
    text = config.read_text(encoding="utf-8")
    assert "# My selftrust settings" in text and "# where I live" in text and "# the day begins early" in text
    assert load_settings(config).theme == "selftrust-dusk"
    assert load_settings(config).day_start.hour == 5
    # The next start uses it.
    app = make_app(store=Store.in_memory(), settings=load_settings(config), clock=FixedClock("2026-11-27T10:00:00", TZ))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "selftrust-dusk"


def _reminders(app) -> list[str]:
    return [str(n.message) for n in app._notifications if n.title == "A gentle reminder"]


async def test_a_reminder_comes_once_when_a_step_becomes_due():
    store = Store.in_memory()
    clock = FixedClock("2026-11-27T12:00:00", TZ)
    store.add_decision(clock.now(), DAY, "Say it plainly", "Relational Key")
    app = make_app(store=store, settings=Settings(timezone=TZ), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert _reminders(app) == []  # nothing due yet
        clock.set("2026-11-27T12:31:00")
        app.follow_the_clock()
        app.follow_the_clock()
        await pilot.pause()
        assert len(_reminders(app)) == 1 and _reminders(app)[0].startswith("Midday.")
        clock.set("2026-11-27T19:01:00")
        app.follow_the_clock()
        await pilot.pause()
        assert len(_reminders(app)) == 2 and _reminders(app)[1].startswith("Evening.")


async def test_no_reminder_for_a_step_already_done():
    store = Store.in_memory()
    clock = FixedClock("2026-11-27T12:00:00", TZ)
    decision = store.add_decision(clock.now(), DAY, "Say it plainly", "Relational Key")
    store.save_check(clock.now(), decision, State.HOLDING)
    app = make_app(store=store, settings=Settings(timezone=TZ), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        clock.set("2026-11-27T12:45:00")
        app.follow_the_clock()
        store.save_review(clock.now(), DAY, {decision.id: Outcome.KEPT})
        clock.set("2026-11-27T19:30:00")
        app.follow_the_clock()
        await pilot.pause()
        assert _reminders(app) == []


def _today_in(theme: str):
    store = Store.in_memory()
    clock = FixedClock("2026-11-27T13:15:00", TZ)
    first = store.add_decision(clock.now(), DAY, "Tell Sam the Friday deadline doesn't work for me", "Relational Key")
    store.add_decision(clock.now(), DAY, "A walk at lunch", "Inner Foundation")
    store.save_check(clock.now(), first, State.WOBBLING, pulls=["fear"])
    return make_app(store=store, settings=Settings(timezone=TZ, theme=theme), clock=clock)


async def _steady(pilot):
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


def test_today_in_the_dawn_theme(snap_compare):
    assert snap_compare(_today_in("selftrust-dawn"), terminal_size=(80, 24), run_before=_steady)


def test_today_in_the_dusk_theme(snap_compare):
    assert snap_compare(_today_in("selftrust-dusk"), terminal_size=(80, 24), run_before=_steady)


async def test_starting_the_app_never_writes_the_settings_file(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('# mine\ntimezone = "Europe/Berlin"\n', encoding="utf-8")
    before = config.read_bytes()
    for moment in ("2026-11-27T10:00:00", "2026-11-27T21:00:00"):
        app = make_app(store=Store.in_memory(), settings=load_settings(config), clock=FixedClock(moment, TZ))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            app.theme = "nord"  # the user's own choice afterwards is still remembered
            await pilot.pause()
        assert load_settings(config).theme == "nord"
        config.write_bytes(before)
    assert config.read_bytes() == before
