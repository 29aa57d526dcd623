"""Stored text made safe to show: every control character by a visible stand-in one cell wide."""

import json
import unicodedata

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from data.text import json_for_terminal, shown, shown_line, without_controls

CONTROLS = [chr(code) for code in (*range(0x20), 0x7F, *range(0x80, 0xA0))]


def is_control(char: str) -> bool:
    return unicodedata.category(char) == "Cc"


def test_the_terminal_attacks_of_a_hand_edited_journal_show_as_visible_marks() -> None:
    assert shown("evil \x1b]0;TITLE\x07\x1b[2J and \x9b c1") == "evil ␛]0;TITLE␇␛[2J and \ufffd c1"
    assert shown("\x00 \x08 \r \x7f") == "␀ ␈ ␍ ␡"


def test_a_note_keeps_its_line_breaks_and_tabs_and_a_line_shows_them() -> None:
    assert shown("first\n\tsecond") == "first\n\tsecond"
    assert shown_line("first\n\tsecond") == "first␊␉second"


def test_each_stand_in_takes_one_cell_so_columns_stay_aligned() -> None:
    for char in CONTROLS:
        stand_in = shown_line(char)
        assert len(stand_in) == 1 and not is_control(stand_in), repr(char)
        assert cell_len(stand_in) == 1, repr(char)


@given(st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(CONTROLS)))
def test_shown_text_holds_no_control_but_newline_and_tab_and_keeps_the_rest(text: str) -> None:
    result = shown(text)
    assert len(result) == len(text)
    assert all(char in "\n\t" or not is_control(char) for char in result)
    assert all(a == b for a, b in zip(text, result, strict=False) if not is_control(a) or a in "\n\t")
    assert not any(is_control(char) for char in shown_line(text))
    assert not any(is_control(char) for char in without_controls(text))


@given(st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(CONTROLS)))
def test_json_with_del_and_c1_escaped_is_the_same_json_and_safe_on_a_terminal(text: str) -> None:
    data = json.dumps({"text": text, "names": [text, "plain"]}, ensure_ascii=False).encode()
    escaped = json_for_terminal(data)
    assert json.loads(escaped) == json.loads(data)
    assert not any(0x7F <= ord(char) <= 0x9F for char in escaped.decode())
    as_text = json_for_terminal(data.decode())
    assert as_text == escaped.decode()
