"""The command line's outcome details: `review --hard`, `--revised-from`, `--revised-why`.

Each is for a decision whose outcome is (or is being made) abandoned or revised; a bad value
is refused in one line with exit 2, and nothing is written. Runs are in-process.
"""

from __future__ import annotations

import pytest

from tests.cli.test_plans import Box

NOW = "2026-11-27T21:05:00"  # a Friday evening, read in Europe/Berlin


@pytest.fixture
def box(tmp_path, capsys) -> Box:
    box = Box(tmp_path, capsys)
    for text in ("Tell Sam no", "Walk at lunch"):
        code, _out, err = box.run("decide", text, now=NOW)
        assert code == 0, err
    return box


def decision(box: Box, n: int) -> dict:
    return next(d for d in box.journal()["decisions"].values() if d["n"] == n)


def test_hard_is_saved_with_the_abandoned_outcome(box):
    code, out, err = box.run("review", "--outcome", "1=abandoned", "--hard", "1=The meeting ran over", now=NOW)
    assert (code, err) == (0, ""), err
    assert out.startswith("Review saved")
    assert (decision(box, 1)["outcome"], decision(box, 1)["hard"]) == ("abandoned", "The meeting ran over")


def test_a_revision_says_what_changed_and_where_it_came_from(box):
    code, _out, err = box.run(
        "review", "--outcome", "2=revised", "--revised-from", "2=Pull", "--revised-why", "2=Rain, so a walk=no", now=NOW
    )
    assert (code, err) == (0, ""), err
    saved = decision(box, 2)
    assert (saved["outcome"], saved["revised_from"], saved["revised_why"]) == ("revised", "pull", "Rain, so a walk=no")


def test_details_can_be_added_later_to_a_decision_already_abandoned(box):
    box.run("review", "--outcome", "1=abandoned", now=NOW)
    code, _out, err = box.run("review", "--hard", "1=Sam was upset", now=NOW)
    assert (code, err) == (0, ""), err
    assert decision(box, 1)["hard"] == "Sam was upset"


def test_without_ref_the_detail_is_for_the_only_open_decision(box):
    box.run("review", "--outcome", "2=kept", now=NOW)
    code, _out, err = box.run("review", "--outcome", "abandoned", "--hard", "tired", now=NOW)
    assert (code, err) == (0, ""), err
    assert decision(box, 1)["hard"] == "tired"


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (("--hard", "1=tired"), "--hard is for an abandoned decision; decision 1 is still open"),
        (("--outcome", "1=kept", "--hard", "1=tired"), "decision 1 is kept (add --outcome 1=abandoned if it is)"),
        (("--outcome", "2=revised", "--revised-from", "2=mood"), "--revised-from is knowing or pull"),
        (("--outcome", "2=abandoned", "--revised-why", "2=rain"), "--revised-why is for a revised decision"),
        (("--outcome", "1=abandoned", "--hard", "1=a\x07b"), "has a control character (U+0007)"),
        (("--outcome", "1=abandoned", "--hard", "9=tired"), "no decision number 9"),
        (("--outcome", "1=abandoned", "--hard", "1=a", "--hard", "1=b"), "was given --hard twice"),
    ],
)
def test_a_bad_detail_is_one_line_exit_2_and_nothing_written(box, argv, says):
    before = box.db.read_bytes()
    code, out, err = box.run("review", *argv, now=NOW)
    assert code == 2
    assert says in err and len(err.splitlines()) == 1 and out == ""
    assert box.db.read_bytes() == before


def test_help_names_the_new_options(box):
    with pytest.raises(SystemExit):
        box.run("review", "--help")
    out = box.capsys.readouterr().out
    for option in ("--hard REF=TEXT", "--revised-from REF=knowing|pull", "--revised-why REF=TEXT"):
        assert option in out
