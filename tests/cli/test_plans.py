"""The command line's if-then plans (`decide --if --then`) and the pull as it happens (`check --intensity ...`).

Bad values are refused in one line with exit 2, and nothing is written. Most runs are
in-process (`tui.cli.main`), one through the installed command.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tui import cli as selftrust

NOW = "2026-11-27T13:05:00"  # a Friday, just after one, read in Europe/Berlin (UTC+1)


class Box:
    """A journal and settings in a folder; commands run in-process on them at a fixed time."""

    def __init__(self, root: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.db = root / "journal.json"
        self.config = root / "config.toml"
        self.config.write_text('timezone = "Europe/Berlin"\n', encoding="utf-8")
        self.capsys = capsys

    def run(self, *argv: str, now: str = NOW) -> tuple[int, str, str]:
        saved = {k: os.environ.get(k) for k in ("SELFTRUST_DB", "SELFTRUST_CONFIG", "SELFTRUST_NOW")}
        os.environ.update(SELFTRUST_DB=str(self.db), SELFTRUST_CONFIG=str(self.config), SELFTRUST_NOW=now)
        try:
            code = selftrust.main(list(argv))
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
        out, err = self.capsys.readouterr()
        return code, out, err

    def journal(self) -> dict:
        return json.loads(self.db.read_bytes())


@pytest.fixture
def box(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Box:
    return Box(tmp_path, capsys)


def test_decide_keeps_each_if_with_its_then_in_the_order_given(box):
    code, _out, err = box.run(
        "decide", "Tell Sam no", "--if", "Fear", "--then", "send it as written", "--if", "guilt", "--then", "wait"
    )
    assert (code, err) == (0, ""), err
    [decision] = box.journal()["decisions"].values()
    assert decision["plans"] == [{"pull": "fear", "then": "send it as written"}, {"pull": "guilt", "then": "wait"}]


def test_a_plan_for_a_new_pull_is_kept_with_a_note_naming_the_closest(box):
    code, _out, err = box.run("decide", "Leave at six", "--if", "feer", "--then", "breathe out")
    assert code == 0 and "'feer' is a new pull" in err and "'fear'" in err
    [decision] = box.journal()["decisions"].values()
    assert decision["plans"] == [{"pull": "feer", "then": "breathe out"}]


@pytest.mark.parametrize(
    ("parts", "words"),
    [
        (("--if", "fear"), "--if fear needs its --then"),
        (("--then", "send it"), "--then 'send it' needs an --if before it"),
        (("--if", "fear", "--if", "guilt", "--then", "wait"), "--if fear needs its --then"),
        (("--if", "fear", "--then", "wait", "--then", "again"), "--then 'again' needs an --if before it"),
        (("--if", "fear", "--then", "  "), "What you will do (--then) is empty"),
    ],
)
def test_an_if_without_its_then_is_a_usage_error_and_nothing_is_written(box, parts, words):
    code, out, err = box.run("decide", "Tell Sam no", *parts)
    assert code == 2 and out == "" and len(err.splitlines()) == 1 and words in err, err
    assert not box.db.exists()


def test_check_records_the_pull_as_it_happens(box):
    box.run("decide", "Tell Sam no", "--if", "fear", "--then", "send it as written", now="2026-11-27T09:00:00")
    code, _out, err = box.run(
        "check", "--state", "wobbling", "--pull", "fear",
        "--intensity", "7", "--feeling", "tight", "--acted", "little", "--since", "12:40",
        "--to", "What I Know", "--to", "my body", "--plan-helped", "yes",
    )  # fmt: skip
    assert (code, err) == (0, ""), err
    [check] = box.journal()["checks"].values()
    assert {k: check[k] for k in ("intensity", "feeling", "acted", "pull_at", "returned_to", "plan_helped")} == {
        "intensity": 7,
        "feeling": "tight",
        "acted": "little",
        "pull_at": "2026-11-27T12:40:00+01:00",
        "returned_to": ["what I know", "my body"],
        "plan_helped": True,
    }


def test_since_after_midnight_is_the_next_morning_of_the_same_logical_day(box):
    box.run("decide", "Go to bed on time", now="2026-11-27T20:00:00")
    code, _out, err = box.run("check", "--state", "holding", "--since", "00:30", now="2026-11-28T01:00:00")
    assert (code, err) == (0, ""), err
    [check] = box.journal()["checks"].values()
    assert (check["day"], check["pull_at"]) == ("2026-11-27", "2026-11-28T00:30:00+01:00")


@pytest.mark.parametrize(
    ("option", "value", "words"),
    [
        ("--intensity", "11", "--intensity is a number from 0 to 10, not '11'"),
        ("--intensity", "x", "--intensity is a number from 0 to 10, not 'x'"),
        ("--intensity", "-1", "--intensity is a number from 0 to 10, not '-1'"),
        ("--feeling", "let down", "--feeling is one word (like tight or heavy), not 'let down'"),
        ("--acted", "maybe", "--acted is yes, little or no, not 'maybe'"),
        ("--since", "25:00", "--since '25:00' is not a time of day"),
        ("--since", "13:30", "--since 13:30 on Friday 27 November 2026 is later than now"),
        ("--to", "my phone", "--to 'my phone' is not one of the returns; the closest is 'my body'"),
        ("--plan-helped", "maybe", "--plan-helped is yes or no, not 'maybe'"),
    ],
)
def test_a_bad_value_is_refused_in_one_line_and_nothing_is_written(box, option, value, words):
    box.run("decide", "Tell Sam no", now="2026-11-27T09:00:00")
    before = box.db.read_bytes()
    code, out, err = box.run("check", "--state", "wobbling", option, value)
    assert code == 2 and out == "" and len(err.splitlines()) == 1 and words in err, err
    assert box.db.read_bytes() == before


@pytest.mark.parametrize(
    "option",
    [("--intensity", "4"), ("--feeling", "tight"), ("--acted", "no"), ("--since", "12:00"), ("--to", "the truth"), ("--plan-helped", "no")],
)  # fmt: skip
def test_a_capture_option_without_a_state_stays_a_usage_error(box, option):
    box.run("decide", "Tell Sam no", now="2026-11-27T09:00:00")
    before = box.db.read_bytes()
    code, _out, err = box.run("check", *option)
    assert code == 2 and "--state is needed to record a check" in err and len(err.splitlines()) == 1, err
    assert box.db.read_bytes() == before


def test_the_help_names_the_new_options(box):
    with pytest.raises(SystemExit):
        box.run("check", "--help")
    check_help = box.capsys.readouterr().out
    for option in ("--intensity 0-10", "--feeling WORD", "--acted yes|little|no", "--since HH:MM", "--to RETURN_TO"):
        assert option in check_help, option
    assert "what I know, what matters, my body" in " ".join(check_help.split())
    with pytest.raises(SystemExit):
        box.run("decide", "--help")
    decide_help = box.capsys.readouterr().out
    assert "--if PULL" in decide_help and "--then T" in decide_help


def test_the_installed_command_refuses_a_lone_if_in_one_line(cli):
    cli.ok("decide", "Leave at six")
    result = cli("decide", "Walk at lunch", "--if", "guilt")
    assert result.code == 2 and result.err_lines == [
        "selftrust decide: --if guilt needs its --then (what you will do when it comes)"
    ]
    assert len(cli.decisions()) == 1
