"""What the command line prints never carries a raw control character, and a failed print never costs a save."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from tests.hostile_text import (
    DECISION_SHOWN,
    DECISION_TEXT,
    PULL,
    PULL_C1,
    PULL_C1_SHOWN,
    PULL_SHOWN,
    RAW_CONTROL,
    write_hostile_journal,
)


@pytest.fixture
def hostile(cli):
    """The sandboxed command on a journal edited by hand, its text full of control characters."""
    write_hostile_journal(cli.db)
    return cli


def assert_no_raw_control(result) -> None:
    for stream, text in (("stdout", result.out), ("stderr", result.err)):
        found = RAW_CONTROL.search(text)
        assert found is None, f"raw U+{ord(found.group()):04X} on {stream}: {text!r}"


def test_check_names_the_decision_with_stand_ins_for_its_control_characters(hostile) -> None:
    result = hostile("check", "--state", "holding")
    assert result.code == 0, result
    assert_no_raw_control(result)
    assert f"({DECISION_SHOWN})" in result.out


def test_stats_show_a_pull_named_with_an_escape_by_its_stand_in(hostile) -> None:
    result = hostile("stats")
    assert result.code == 0, result
    assert_no_raw_control(result)
    assert PULL_SHOWN in result.out and PULL_C1_SHOWN in result.out


def test_stats_json_escapes_a_c1_character_and_keeps_every_name_exact(hostile) -> None:
    result = hostile("stats", "--json")
    assert result.code == 0, result
    assert_no_raw_control(result)
    assert set(json.loads(result.out)["pulls"]) == {PULL, PULL_C1}


def test_a_markdown_export_to_standard_output_shows_stand_ins(hostile) -> None:
    result = hostile("export", "--out", "-")
    assert result.code == 0, result
    assert_no_raw_control(result)
    assert "evil ␛\\]0;TITLE␇␛\\[2J and \ufffd c1" in result.out  # Markdown's own escapes, around the stand-ins
    assert PULL_SHOWN in result.out


def test_a_json_backup_to_standard_output_keeps_the_text_exact_and_no_c1_raw(hostile) -> None:
    result = hostile("export", "--format", "json", "--out", "-")
    assert result.code == 0, result
    assert_no_raw_control(result)
    backup = json.loads(result.out)
    texts = [
        record["text"]
        for record in (backup["decisions"].values() if isinstance(backup["decisions"], dict) else backup["decisions"])
    ]
    assert texts == [DECISION_TEXT]


# -- a full disk on standard output --------------------------------------------------------


def run_into_full_disk(cli, *args: str, stderr_too: bool = False) -> tuple[int, str]:
    """Run the command with standard output on /dev/full (stderr too, with STDERR_TOO); its exit code and stderr."""
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [cli.command, *args],
            env=cli.env(),
            cwd=cli.root,
            stdout=full,
            stderr=full if stderr_too else subprocess.PIPE,
            timeout=60,
        )
    return done.returncode, (done.stderr or b"").decode("utf-8", "replace")


def test_a_decision_saved_when_its_confirmation_cannot_be_printed_says_so_in_one_line(cli) -> None:
    code, err = run_into_full_disk(cli, "decide", "Say no to the Friday deadline")
    assert code == 0, err  # done: a script must not run it again and save it twice
    assert err == "Saved. Could not print the confirmation: No space left on device.\n"
    assert [d["text"] for d in cli.decisions()] == ["Say no to the Friday deadline"]


def test_a_decision_is_saved_even_when_nothing_at_all_can_be_printed(cli) -> None:
    code, _ = run_into_full_disk(cli, "decide", "Rest before the call", stderr_too=True)
    assert code == 0
    assert [d["text"] for d in cli.decisions()] == ["Rest before the call"]


@pytest.mark.parametrize("args", [("stats",), ("stats", "--json"), ("export", "--out", "-"), ("config",), ("doctor",)])
def test_a_command_whose_output_is_its_whole_job_exits_3_in_one_line_on_a_full_disk(cli, args) -> None:
    cli.ok("decide", "Tell Sam")
    before = cli.db.read_bytes()
    code, err = run_into_full_disk(cli, *args)
    assert code == 3, err
    assert err == f"selftrust {args[0]}: could not write the output: No space left on device.\n"
    assert cli.db.read_bytes() == before


def test_bad_input_with_stderr_on_a_full_disk_still_exits_2_and_writes_nothing(cli) -> None:
    code, _ = run_into_full_disk(cli, "decide", "   ", stderr_too=True)
    assert code == 2
    assert not cli.db.exists()


def test_a_decision_saved_with_standard_output_closed_says_so_in_one_line(cli) -> None:
    done = subprocess.run(
        [cli.command, "decide", "Walk at noon"], env=cli.env(), cwd=cli.root, stderr=subprocess.PIPE, timeout=60,
        preexec_fn=lambda: os.close(1),  # `selftrust decide ... >&-`
    )  # fmt: skip
    assert done.returncode == 0
    assert done.stderr.decode() == "Saved. Could not print the confirmation: standard output is closed.\n"
    assert [d["text"] for d in cli.decisions()] == ["Walk at noon"]
