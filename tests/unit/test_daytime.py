"""The logical day: when a day begins, daylight-saving nights, travel, and date words."""

import datetime as dt

import pendulum
import pytest

from data.daytime import DateError, FixedClock, logical_day, parse_day, parse_hhmm, wall_clock
from data.store import Store

D = dt.date


def at(*parts, tz="Europe/Berlin", **kwargs):
    return pendulum.datetime(*parts, tz=tz, **kwargs)


# -- when a day begins ----------------------------------------------------------


def test_a_review_at_0359_belongs_to_yesterday_and_0400_to_today():
    assert logical_day(at(2026, 11, 27, 3, 59)) == D(2026, 11, 26)
    assert logical_day(at(2026, 11, 27, 4, 0)) == D(2026, 11, 27)


def test_midnight_and_late_evening_belong_to_the_day_that_began_at_four():
    assert logical_day(at(2026, 11, 27, 0, 0)) == D(2026, 11, 26)
    assert logical_day(at(2026, 11, 27, 23, 59)) == D(2026, 11, 27)


def test_the_first_of_the_month_at_one_am_belongs_to_the_last_of_the_previous_month():
    assert logical_day(at(2026, 3, 1, 1, 0)) == D(2026, 2, 28)
    assert logical_day(at(2027, 1, 1, 1, 0)) == D(2026, 12, 31)


def test_a_custom_day_start_moves_the_boundary():
    start = dt.time(6, 30)
    assert logical_day(at(2026, 11, 27, 6, 29), start) == D(2026, 11, 26)
    assert logical_day(at(2026, 11, 27, 6, 30), start) == D(2026, 11, 27)
    midnight = dt.time(0, 0)
    assert logical_day(at(2026, 11, 27, 0, 0), midnight) == D(2026, 11, 27)
    assert logical_day(at(2026, 11, 26, 23, 59), midnight) == D(2026, 11, 26)


def test_parse_hhmm_reads_day_start_values():
    assert parse_hhmm("04:00") == dt.time(4, 0)
    assert parse_hhmm("4:05") == dt.time(4, 5)
    for bad in ("25:99", "24:00", "4", "four", "04:60", ""):
        with pytest.raises(DateError):
            parse_hhmm(bad)


# -- daylight-saving nights -------------------------------------------------------


def test_berlin_spring_forward_night():
    # 2026-03-29: at 02:00 CET the clocks jump to 03:00 CEST.
    assert logical_day(at(2026, 3, 29, 1, 30)) == D(2026, 3, 28)
    skipped = at(2026, 3, 29, 2, 30)  # does not exist; pendulum moves it to 03:30
    assert skipped.hour == 3
    assert logical_day(skipped) == D(2026, 3, 28)
    assert logical_day(at(2026, 3, 29, 3, 30)) == D(2026, 3, 28)
    assert logical_day(at(2026, 3, 29, 3, 59)) == D(2026, 3, 28)
    assert logical_day(at(2026, 3, 29, 4, 0)) == D(2026, 3, 29)
    # Only 3 real hours after 01:00 it is already 04:30 on the wall: a new day,
    # although subtracting four hours of real time would land on the day before.
    assert logical_day(at(2026, 3, 29, 4, 30)) == D(2026, 3, 29)
    assert logical_day(at(2026, 3, 29, 1, 0).add(hours=3)) == D(2026, 3, 29)


def test_berlin_fall_back_night():
    # 2026-10-25: at 03:00 CEST the clocks go back to 02:00 CET; 02:30 happens twice.
    first = at(2026, 10, 25, 2, 30, fold=0)
    second = at(2026, 10, 25, 2, 30, fold=1)
    assert first.utcoffset() != second.utcoffset()
    assert logical_day(first) == D(2026, 10, 24)
    assert logical_day(second) == D(2026, 10, 24)
    assert logical_day(at(2026, 10, 25, 1, 30)) == D(2026, 10, 24)
    # 03:30 CET is 5 real hours after 23:30 CEST the evening before, still that logical day.
    late = at(2026, 10, 24, 23, 30).add(hours=5)
    assert (late.hour, late.minute) == (3, 30)
    assert logical_day(late) == D(2026, 10, 24)
    assert logical_day(at(2026, 10, 25, 3, 59)) == D(2026, 10, 24)
    assert logical_day(at(2026, 10, 25, 4, 0)) == D(2026, 10, 25)


def test_new_york_spring_forward_night():
    # 2026-03-08: at 02:00 EST the clocks jump to 03:00 EDT.
    ny = "America/New_York"
    assert logical_day(at(2026, 3, 8, 1, 30, tz=ny)) == D(2026, 3, 7)
    assert logical_day(at(2026, 3, 8, 2, 30, tz=ny)) == D(2026, 3, 7)
    assert logical_day(at(2026, 3, 8, 3, 30, tz=ny)) == D(2026, 3, 7)
    assert logical_day(at(2026, 3, 8, 4, 0, tz=ny)) == D(2026, 3, 8)
    assert logical_day(at(2026, 3, 8, 1, 30, tz=ny).add(hours=3)) == D(2026, 3, 8)


def test_new_york_fall_back_night():
    # 2026-11-01: at 02:00 EDT the clocks go back to 01:00 EST; 01:30 happens twice.
    ny = "America/New_York"
    assert logical_day(at(2026, 11, 1, 1, 30, tz=ny, fold=0)) == D(2026, 10, 31)
    assert logical_day(at(2026, 11, 1, 1, 30, tz=ny, fold=1)) == D(2026, 10, 31)
    assert logical_day(at(2026, 11, 1, 3, 30, tz=ny)) == D(2026, 10, 31)
    assert logical_day(at(2026, 11, 1, 4, 0, tz=ny)) == D(2026, 11, 1)
    # 4 real hours after 00:30 EDT the wall reads 03:30 EST: still the day before.
    assert logical_day(at(2026, 11, 1, 0, 30, tz=ny).add(hours=4)) == D(2026, 10, 31)


def test_a_day_start_inside_the_skipped_hour_still_splits_the_night():
    start = dt.time(2, 30)
    assert logical_day(at(2026, 3, 29, 1, 59), start) == D(2026, 3, 28)
    assert logical_day(at(2026, 3, 29, 3, 0), start) == D(2026, 3, 29)


# -- travel -----------------------------------------------------------------------


def test_a_decision_written_in_tokyo_keeps_its_day_when_read_in_los_angeles(tmp_path):
    path = tmp_path / "journal.json"
    tokyo = FixedClock(pendulum.datetime(2026, 11, 27, 8, 0, tz="Asia/Tokyo"))
    written_day = logical_day(tokyo.now())
    assert written_day == D(2026, 11, 27)
    store = Store(path)
    decision = store.add_decision(tokyo.now(), written_day, "Ask for the window seat", "Inner Foundation")
    store.close()

    # In Los Angeles that same instant is still the 26th, 15:00.
    la = FixedClock(tokyo.now().in_timezone("America/Los_Angeles"))
    assert logical_day(la.now()) == D(2026, 11, 26)
    reopened = Store(path)
    assert reopened.decisions_on(logical_day(la.now())) == []
    [found] = reopened.decisions_on(D(2026, 11, 27))
    assert found.id == decision.id
    assert found.day == "2026-11-27"
    assert found.created_at == "2026-11-27T08:00:00+09:00"


def test_fixed_clock_reads_a_naive_string_in_its_timezone():
    clock = FixedClock("2026-11-27T09:15:00", "Europe/Berlin")
    assert clock.now().isoformat() == "2026-11-27T09:15:00+01:00"
    clock.set("2026-11-28T01:00:00")
    assert logical_day(clock.now()) == D(2026, 11, 27)
    assert clock.now().utcoffset() == dt.timedelta(hours=1)


@pytest.mark.parametrize("zone", ["Europe/Berlin", "America/New_York", "local"])
def test_a_clock_fixed_the_command_lines_way_moves_when_set(zone):
    # SELFTRUST_NOW's clock (tui.cli.make_clock) holds a standard-library moment from wall_clock.
    clock = FixedClock(wall_clock("2026-11-27T09:15:00", zone))
    offset = clock.now().utcoffset()
    clock.set("2026-11-27T21:40:00")
    assert (clock.now().date(), clock.now().hour, clock.now().minute) == (D(2026, 11, 27), 21, 40)
    assert clock.now().utcoffset() == offset
    later = dt.datetime(2026, 11, 28, 3, 50, tzinfo=dt.UTC)
    clock.set(later)
    assert clock.now() == later


@pytest.mark.parametrize(
    ("text", "zone", "expected"),
    [
        # No offset: that wall-clock time in the zone, daylight saving or not.
        ("2026-11-27T09:15:00", "Europe/Berlin", "2026-11-27T09:15:00+01:00"),
        ("2026-07-01T09:15:00", "Europe/Berlin", "2026-07-01T09:15:00+02:00"),
        ("2026-11-27 21:40", "America/New_York", "2026-11-27T21:40:00-05:00"),
        # An offset: that moment, as the zone's wall clock reads it.
        ("2026-11-27T03:30:00+00:00", "Europe/Berlin", "2026-11-27T04:30:00+01:00"),
        ("2026-11-27T08:00:00Z", "Asia/Tokyo", "2026-11-27T17:00:00+09:00"),
    ],
)
def test_a_fixed_timestamp_is_read_on_the_wall_clock_of_the_settings_zone(text, zone, expected):
    assert wall_clock(text, zone).isoformat() == expected


def test_a_fixed_timestamp_in_the_local_zone_is_the_systems_wall_clock(monkeypatch):
    import time

    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        assert wall_clock("2026-11-27T09:15:00", "local").isoformat() == "2026-11-27T09:15:00-05:00"
        assert wall_clock("2026-11-27T12:00:00+00:00", "local").isoformat() == "2026-11-27T07:00:00-05:00"
    finally:
        monkeypatch.undo()
        time.tzset()


@pytest.mark.parametrize("text", ["next tuesday", "", "2026-02-30T09:00:00", "2026-11-27T25:00"])
def test_what_is_not_a_timestamp_is_a_value_error(text):
    with pytest.raises(ValueError):
        wall_clock(text, "Europe/Berlin")


# -- date words -------------------------------------------------------------------

TODAY = D(2026, 11, 27)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2026-11-27", D(2026, 11, 27)),
        ("2024-02-29", D(2024, 2, 29)),
        ("today", TODAY),
        ("Today", TODAY),
        ("  yesterday ", D(2026, 11, 26)),
        ("YESTERDAY", D(2026, 11, 26)),
    ],
)
def test_parse_day_reads_iso_dates_and_words(text, day):
    assert parse_day(text, TODAY) == day


def test_yesterday_crosses_a_month_and_a_year():
    assert parse_day("yesterday", D(2026, 3, 1)) == D(2026, 2, 28)
    assert parse_day("yesterday", D(2027, 1, 1)) == D(2026, 12, 31)


@pytest.mark.parametrize("text", ["2026-02-30", "2026-13-01", "2025-02-29", "2026-00-10"])
def test_a_day_that_is_not_on_the_calendar_is_refused_by_name(text):
    with pytest.raises(DateError) as caught:
        parse_day(text, TODAY)
    message = str(caught.value)
    assert text in message
    assert "calendar" in message
    assert "Traceback" not in message and "\n" not in message


@pytest.mark.parametrize(
    "text", ["someday", "", "27/11/2026", "2026-11-27T09:00", "tomorrow-ish", "20261127", "2026-1-5"]
)
def test_garbage_is_refused_with_what_to_write_instead(text):
    with pytest.raises(DateError) as caught:
        parse_day(text, TODAY)
    message = str(caught.value)
    assert "YYYY-MM-DD" in message
    assert "today" in message and "yesterday" in message
    assert "\n" not in message


def test_the_real_clock_gives_the_same_wall_clock_and_offset_as_pendulum():
    import datetime as dt

    import pendulum

    from data.daytime import SystemClock, stamp

    for zone in ("Europe/Berlin", "America/New_York", "Asia/Tokyo", "UTC"):
        mine = SystemClock(zone).now()
        theirs = pendulum.now(zone)
        assert mine.utcoffset() == theirs.utcoffset(), zone
        assert abs((theirs - mine).total_seconds()) < 5
        assert stamp(mine)[19:] == stamp(theirs)[19:]  # the same "+01:00"-style offset
    local = SystemClock("local").now()
    assert local.tzinfo is not None and abs(local - dt.datetime.now(dt.UTC)).total_seconds() < 5
