"""Import takes nothing a person could not have typed, and "newer" is the higher revision."""

from __future__ import annotations

import json

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

ESCAPES = "\x1b]0;TITLE\x07\x1b[2J"  # retitles the terminal, then clears it


def backup_of(cli, name: str = "backup.json") -> tuple[dict, object]:
    path = cli.root / name
    cli.ok("export", "--format", "json", "--out", str(path))
    return json.loads(path.read_text(encoding="utf-8")), path


@pytest.mark.parametrize(
    ("kind", "field", "text"),
    [
        ("decisions", "text", f"Leave at six{ESCAPES}"),
        ("decisions", "pulls_expected", ["fear", "\x9bfear"]),  # a C1 control: ESC [ in one byte
        ("decisions", "say", "line one\nline two"),  # a one-line field
        ("reviews", "learned", "a note\x07"),
    ],
)
def test_a_backup_whose_text_holds_control_characters_is_refused_and_nothing_is_written(cli, kind, field, text):
    cli.ok("decide", "Leave at six")
    cli.ok("review", "--learned", "It held")
    backup, path = backup_of(cli)
    backup[kind][0][field] = text
    path.write_text(json.dumps(backup), encoding="utf-8")
    before = cli.db.read_bytes()
    result = cli("import", str(path))
    assert result.code == 2, result
    assert len(result.err_lines) == 1 and field in result.err and "nothing was imported" in result.err
    assert "\x1b" not in result.err and "\x07" not in result.err and "\x9b" not in result.err
    assert cli.db.read_bytes() == before


@pytest.mark.parametrize(
    ("kind", "field", "text", "words"),
    [
        ("decisions", "text", "L" * 501, "more than typing allows (500)"),
        ("decisions", "text", "  \u200b ", "text is empty"),
        ("reviews", "learned", "n" * 10_001, "more than typing allows (10,000)"),
        ("decisions", "pulls_expected", ["p" * 101], "more than typing allows (100)"),
    ],
)
def test_a_backup_with_text_typing_would_refuse_is_refused_and_nothing_is_written(cli, kind, field, text, words):
    cli.ok("decide", "Leave at six")
    cli.ok("review", "--learned", "It held")
    backup, path = backup_of(cli)
    backup[kind][0][field] = text
    path.write_text(json.dumps(backup), encoding="utf-8")
    before = cli.db.read_bytes()
    result = cli("import", str(path))
    assert result.code == 2, result
    assert len(result.err_lines) == 1 and words in result.err and "nothing was imported" in result.err
    assert cli.db.read_bytes() == before


def test_a_note_with_line_breaks_and_tabs_imports_as_typed_input_allows(cli):
    cli.ok("decide", "Leave at six", "--why", "first line")
    backup, path = backup_of(cli)
    backup["decisions"][0].update(why="first line\n\tand the second", rev=2)
    path.write_text(json.dumps(backup), encoding="utf-8")
    cli.ok("import", str(path))
    assert cli.decisions()[0]["why"] == "first line\n\tand the second"


def test_with_the_clock_set_back_an_older_backup_no_longer_wins_an_import(cli):
    cli.ok("decide", "Leave at six", now="2026-11-27T09:15:00")
    _, path = backup_of(cli)  # the decision still open, stamped 09:15
    # The clock is set back an hour; the outcome given now is the newer edit all the same.
    cli.ok("review", "--outcome", "1=kept", now="2026-11-27T08:15:00")
    result = cli.ok("import", str(path), now="2026-11-27T08:20:00")
    assert "unchanged" in result.out
    [decision] = cli.decisions()
    assert (decision["outcome"], decision["rev"]) == ("kept", 2)


@given(text=st.text(max_size=20), multiline=st.booleans())
def test_import_refuses_exactly_the_characters_typing_refuses(text, multiline):
    """One rule for typed input and imported text: a line has no breaks or controls, a note may hold newline and tab."""
    from data.schema import _char_problem
    from data.validate import InputError, _check_chars

    try:
        _check_chars(text, "It", multiline)
        typed_ok = True
    except InputError:
        typed_ok = False
    assume(not any("\ud800" <= char <= "\udfff" for char in text))  # JSON from orjson never holds these
    assert (_char_problem(text, multiline) is None) == typed_ok
