"""Bad input: exit 2, one line on stderr, nothing written. An unusable journal: exit 3, untouched."""

import json
import os

import pytest

DAY = "2026-11-27"
STAMP = "2026-11-27T09:15:00+01:00"


def record(id_: str, n: int, text: str, outcome: str | None = None) -> dict:
    return {
        "id": id_, "created_at": STAMP, "updated_at": STAMP, "deleted_at": None, "day": DAY, "n": n,
        "text": text, "area": "Inner Foundation", "why": "", "pulls_expected": [], "certainty": None,
        "next_step": "", "say": None, "outcome": outcome, "carried_from": None,
    }  # fmt: skip


# Written by hand, as any JSON tool could: two open decisions whose ids share "abcd", one closed.
SEED = {
    "schema_version": 1,
    "decisions": {
        "abcd1111aaaa0000": record("abcd1111aaaa0000", 1, "Tell Sam"),
        "abcd2222bbbb0000": record("abcd2222bbbb0000", 2, "Go to bed"),
        "ef0123456789abcd": record("ef0123456789abcd", 3, "Walk", outcome="kept"),
    },
    "checks": {},
    "reviews": {},
}

# (arguments, what stderr says with the seeded journal, what it says with none; None: the same)
CASES = [
    (["decide", ""], "The decision is empty", None),
    (["decide", "   "], "The decision is empty", None),
    (["decide", "x", "--certainty", "9"], "Certainty is a number from 1 to 5, not 9", None),
    (["decide", "x", "--certainty", "very"], "Certainty is a number from 1 to 5, not 'very'", None),
    (["decide", "x", "--area", "Work"], "'Work' is not an area; the areas are: Inner Foundation, Relational Key", None),
    (["decide", "x", "--date", "2026-02-30"], "2026-02-30 is not a day on the calendar", None),
    (
        ["decide", "x", "--date", "someday"],
        "'someday' is not a date; use YYYY-MM-DD, today, yesterday or tomorrow",
        None,
    ),
    (["decide", "x", "--date", ""], "'' is not a date", None),
    (["check", "1", "--state", "holding", "--date", "someday"], "'someday' is not a date", None),
    (["review", "--outcome", "1=kept", "--date", "2026-02-30"], "not a day on the calendar", None),
    (["decide", "a\x1b[31mred"], "The decision has a control character (U+001B)", None),
    (["decide", "two\nlines"], "The decision is one line", None),
    (["decide", "x" * 10_000], "The decision is 10,000 characters; keep it under 500", None),
    (["decide", "x", "--pull", "feer", "--area", "Work"], "'Work' is not an area", None),
    (["check", "--state", "maybe"], "'maybe' is not a state; use holding, wobbling, abandoned or changed", None),
    (["check", "--pull", "fear"], "--state is needed to record a check", None),
    (["check", "1", "--return", "send it"], "--state is needed to record a check", None),
    (["check", "--body", "tight"], "--state is needed to record a check", None),
    (
        ["check", "1", "--state", "wobbling", "--body", "bell\x07"],
        "What your body notices has a control character (U+0007)",
        None,
    ),
    (["check", "9", "--state", "holding"], f"no decision number 9 on {DAY}", None),
    (["check", "9", "--state", "holding", "--pull", "feer"], f"no decision number 9 on {DAY}", None),
    (["check", "zzzz", "--state", "holding"], f"no decision on {DAY} has an id starting 'zzzz'", None),
    (
        ["check", "abcd", "--state", "holding"],
        f"'abcd' matches 2 decisions on {DAY}; give more of the id",
        f"no decision on {DAY} has an id starting 'abcd'",
    ),
    (["check", "ab", "--state", "holding"], "'ab' is too short to name a decision", None),
    (
        ["check", "--state", "holding"],
        f"2 decisions are open on {DAY} (1, 2); say which by its number",
        f"no decision on {DAY} yet",
    ),
    (
        ["check", "3", "--state", "holding"],
        "decision 3 of 2026-11-27 already has its outcome (kept)",
        f"no decision number 3 on {DAY}",
    ),
    (["review", "--outcome", "1=maybe"], "'maybe' is not an outcome; use kept, returned, revised or abandoned", None),
    (["review", "--outcome", "9=kept"], f"no decision number 9 on {DAY}", None),
    (["review", "--outcome", "kept"], f"2 decisions are open on {DAY}", f"no decision on {DAY} yet"),
    (
        ["review", "--outcome", "1=kept", "--outcome", "1=abandoned"],
        "decision 1 was given two outcomes",
        f"no decision number 1 on {DAY}",
    ),
    (
        ["review", "--outcome", "1=kept", "--outcome", "abcd=kept"],
        "'abcd' matches 2 decisions",
        f"no decision number 1 on {DAY}",
    ),
    (["review", "--contact", "7"], "Contact is a number from 1 to 5, not 7", None),
    (["review", "--learned", "a\x1fb"], "What you learned has a control character (U+001F)", None),
    (["review"], "nothing to review", None),
    (["bogus"], "invalid choice: 'bogus'", None),
    (["decide"], "the following arguments are required: TEXT", None),
    (["decide", "x", "--colour", "red"], "unrecognized arguments: --colour red", None),
    (["decide", "x", "--certainty"], "argument --certainty: expected one argument", None),
]


def ids(case):
    return " ".join(case[0])[:40]


@pytest.fixture(params=["seeded journal", "no journal"])
def journal(request, cli):
    if request.param == "seeded journal":
        cli.db.parent.mkdir(mode=0o700)
        cli.db.write_text(json.dumps(SEED, indent=2), encoding="utf-8")
        return cli.db.read_bytes()
    return None


def assert_untouched(cli, before: bytes | None) -> None:
    if before is None:
        assert not cli.db.exists()
        assert not cli.db.parent.exists()
    else:
        assert cli.db.read_bytes() == before
        assert os.listdir(cli.db.parent) == ["journal.json"]


@pytest.mark.parametrize(("args", "seeded", "empty"), CASES, ids=[ids(c) for c in CASES])
def test_bad_input_exits_2_with_one_line_and_writes_nothing(cli, journal, args, seeded, empty):
    result = cli(*args)
    expected = seeded if journal is not None or empty is None else empty
    assert result.code == 2, result
    assert len(result.err_lines) == 1, result.err
    [line] = result.err_lines
    assert line.startswith("selftrust")
    assert expected in line
    assert "Traceback" not in result.err
    assert result.out == ""
    assert_untouched(cli, journal)


@pytest.mark.parametrize(
    ("toml", "names"),
    [
        ('day_start = "25:99"\n', "day_start = '25:99'"),
        ('colour = "blue"\n', "unknown setting 'colour'"),
        ('theme = "sparkly"\n', "theme = 'sparkly': expected one of auto"),
        ('timezone = "Mars/Olympus"\n', "timezone = 'Mars/Olympus'"),
        ('midday_at = "20:00"\n', "must come in that order"),
        ("backups = -3\n", "backups = -3"),
        ('export_weekly = "no"\n', "export_weekly = 'no': expected true or false"),
        ("this is not toml\n", "is not valid TOML"),
    ],
)
def test_a_bad_config_exits_2_naming_the_setting_and_writes_nothing(cli, journal, toml, names):
    cli.config.write_text(toml, encoding="utf-8")
    result = cli("decide", "Hold my boundary")
    assert result.code == 2
    assert len(result.err_lines) == 1, result.err
    assert result.err_lines[0].startswith("selftrust: settings: ")
    assert names in result.err
    assert result.out == ""
    assert_untouched(cli, journal)


def test_a_config_given_with_the_flag_wins_over_the_environment(cli):
    flagged = cli.root / "flagged.toml"
    flagged.write_text('theme = "sparkly"\n', encoding="utf-8")
    result = cli("--config", str(flagged), "decide", "x")
    assert result.code == 2
    assert "sparkly" in result.err
    assert not cli.db.exists()
    # And the other way round: a bad file in SELFTRUST_CONFIG is not read when --config names another.
    cli.config.write_text('theme = "sparkly"\n', encoding="utf-8")
    flagged.write_text('timezone = "Europe/Berlin"\n', encoding="utf-8")
    cli.ok("decide", "x", "--config", str(flagged))


CORRUPT = {
    "empty": b"",
    "truncated": json.dumps(SEED).encode()[:120],
    "not utf-8": b'{"decisions":{"\xff":{}}}',
    "a list": b"[1, 2, 3]",
    "a broken record": b'{"schema_version":1,"decisions":{"abcdabcdabcd":{"id":"abcdabcdabcd","text":"x"}}}',
}


@pytest.mark.parametrize("raw", CORRUPT.values(), ids=CORRUPT.keys())
@pytest.mark.parametrize(
    "args",
    [["decide", "Tell Sam"], ["check", "1", "--state", "holding"], ["review", "--outcome", "1=kept"]],
    ids=["decide", "check", "review"],
)
def test_a_corrupt_journal_exits_3_with_what_to_do_and_stays_unchanged(cli, raw, args):
    cli.db.parent.mkdir()
    cli.db.write_bytes(raw)
    result = cli(*args)
    assert result.code == 3, result
    assert len(result.err_lines) == 1, result.err
    assert str(cli.db) in result.err
    assert "left untouched" in result.err
    assert "Move it aside" in result.err
    assert result.out == ""
    assert cli.db.read_bytes() == raw
    assert os.listdir(cli.db.parent) == ["journal.json"]


def test_a_journal_from_a_newer_selftrust_exits_3_and_asks_for_an_update(cli):
    cli.db.parent.mkdir()
    raw = b'{"schema_version": 7, "decisions": {}}'
    cli.db.write_bytes(raw)
    result = cli("decide", "x")
    assert result.code == 3
    assert "please update selftrust" in result.err
    assert cli.db.read_bytes() == raw


def test_a_journal_that_cannot_be_written_exits_3(cli):
    blocker = cli.root / "not-a-folder"
    blocker.write_text("a file where the journal's folder should be")
    result = cli("--db", str(blocker / "journal.json"), "decide", "x")
    assert result.code == 3, result
    assert len(result.err_lines) == 1, result.err
    assert str(blocker / "journal.json") in result.err
    assert blocker.read_text() == "a file where the journal's folder should be"


def test_a_bad_fixed_clock_is_a_usage_error_not_a_traceback(cli):
    result = cli("decide", "x", now="next tuesday")
    assert result.code == 2
    assert result.err_lines == [
        "selftrust: SELFTRUST_NOW='next tuesday' is not a timestamp; use one like 2026-11-27T09:15:00"
    ]
    assert not cli.db.exists()


def test_a_fixed_clock_with_an_offset_is_that_moment_on_the_settings_wall_clock(cli):
    # 03:30 UTC is 04:30 in Berlin (the settings' zone): past day_start, so the 27th.
    cli.ok("decide", "Ask for the window seat", now="2026-11-27T03:30:00+00:00")
    [decision] = cli.decisions()
    assert decision["day"] == "2026-11-27"
    assert decision["created_at"] == "2026-11-27T04:30:00+01:00"
    # Without an offset, 03:30 is Berlin's own wall clock: before day_start, so still the 26th.
    cli.ok("decide", "Say no to the extra shift", now="2026-11-27T03:30:00")
    assert [d["day"] for d in cli.decisions()] == ["2026-11-26", "2026-11-27"]
