"""Dates at the calendar's edges: refused in one line (exit 2, nothing written), or working inside the kept days."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "args, now",
    [
        (("decide", "Stay with it", "--date", "0001-01-01"), None),
        (("decide", "Stay with it", "--date", "9999-12-31"), None),
        (("stats", "--to", "month"), "9999-12-31T12:00:00"),
        (("stats",), "0001-01-01T02:00:00"),
        (("decide", "Stay with it"), "1900-01-01T02:00:00"),  # still the logical day before 1900
        (("stats", "--from", "0001-01-01"), None),
        (("export", "--out", "-", "--to", "9999-12-31"), None),
        (("check", "--state", "holding", "--date", "yesterday"), "1900-01-01T09:00:00"),
        (("review", "--contact", "3", "--date", "1899-12-31"), None),
    ],
)
def test_a_date_off_the_kept_days_is_refused_in_one_line_and_nothing_is_written(cli, args, now):
    result = cli(*args, **({"now": now} if now else {}))
    assert result.code == 2, result
    assert len(result.err_lines) == 1 and "outside the days selftrust keeps" in result.err, result
    assert not cli.db.exists()


@pytest.mark.parametrize("now, day", [("1900-01-01T09:00:00", "1900-01-01"), ("9998-12-31T21:00:00", "9998-12-31")])
def test_everything_works_on_the_first_and_last_kept_day(cli, now, day):
    cli.ok("decide", "Stay with it at the edge", "--pull", "fear", now=now)
    cli.ok("check", "--state", "wobbling", "--pull", "fear", now=now)
    cli.ok("review", "--outcome", "1=returned", "--contact", "4", now=now)
    for period in ("week", "month"):
        stats = cli.ok("stats", "--json", "--from", period, "--to", period, now=now)
        assert '"returns": 1' in stats.out
    exported = cli("export", "--out", str(cli.root / "vault"), "--from", "month", "--to", "month", now=now)
    assert exported.code == 0, exported
    assert (cli.root / "vault" / f"{day}.md").exists()
    assert cli("remind", now=now).code == 1  # nothing due: the day is decided, checked and reviewed
    assert cli("doctor", now=now).code == 0


@pytest.mark.parametrize(
    "args",
    [
        ("decide", "Stay with it", "--date", "2027-01-01"),
        ("decide", "Stay with it", "--date", "2026-11-29"),  # two days ahead
        ("check", "--state", "holding", "--date", "2026-11-29"),
        ("review", "--contact", "3", "--date", "2026-11-29"),
        ("morning", "--date", "2026-11-29"),  # the app's forms too, before anything opens
        ("evening", "--date", "2026-11-29"),
    ],
)
def test_a_capture_more_than_a_day_ahead_is_refused_in_one_line_and_nothing_is_written(cli, args):
    cli.ok("decide", "Today's decision")
    before = cli.db.read_bytes()
    result = cli(*args)
    assert result.code == 2, result
    assert result.err_lines == [
        "selftrust: 2026-11-29 is more than a day ahead: you can plan up to tomorrow (2026-11-28)"
        if "2026-11-29" in args
        else "selftrust: 2027-01-01 is more than a day ahead: you can plan up to tomorrow (2026-11-28)"
    ]
    assert cli.db.read_bytes() == before


def test_tomorrow_can_be_planned_the_evening_before_and_read_ahead_of_time(cli):
    cli.ok("decide", "Tell Sam on Monday", "--date", "2026-11-28", "--next", "Write the first line")
    assert [d["day"] for d in cli.decisions()] == ["2026-11-28"]
    stats = cli.ok("stats", "--json", "--from", "2026-11-28", "--to", "2027-01-31")
    assert '"decisions": 1' in stats.out


@pytest.mark.parametrize(
    "args",
    [
        ("check", "--state", "holding", "--date", "tomorrow"),
        ("review", "--outcome", "1=kept", "--date", "2026-11-28"),
        ("evening", "--date", "tomorrow"),
    ],
)
def test_a_check_or_a_review_of_tomorrow_is_refused_it_has_not_begun(cli, args):
    cli.ok("decide", "Tell Sam on Monday", "--date", "tomorrow")  # planning it is fine
    before = cli.db.read_bytes()
    result = cli(*args)
    assert result.code == 2, result
    assert result.err_lines == [
        "selftrust: 2026-11-28 has not begun: a check or a review is for a day under way (today is 2026-11-27)"
    ]
    assert cli.db.read_bytes() == before
