"""Validation at the edge: what a person typed gets saved as typed, or a clear one-line reason."""

import pytest

from data.validate import LINE_MAX, InputError, clean_line, clean_note, parse_scale


def refused(call, *args, **kwargs) -> str:
    with pytest.raises(InputError) as caught:
        call(*args, **kwargs)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_an_empty_decision_is_refused_kindly():
    for empty in ("", "   ", "\t \n", None):
        message = refused(clean_line, empty, "The decision", required=True)
        assert message.startswith("The decision is empty")


def test_an_optional_line_left_blank_is_empty_text():
    assert clean_line(None, "The next step") == ""
    assert clean_line("   ", "The next step") == ""
    assert clean_note(None, "Why it matters") == ""


def test_a_line_is_trimmed_at_its_ends_only():
    assert clean_line("  say  it   plainly  ", "The decision") == "say  it   plainly"


def test_a_ten_thousand_character_line_is_refused_with_its_length():
    message = refused(clean_line, "x" * 10_000, "The decision", required=True)
    assert "10,000 characters" in message
    assert f"{LINE_MAX:,}" in message


def test_a_line_at_the_limit_is_kept_whole():
    text = "y" * LINE_MAX
    assert clean_line(text, "The decision") == text


def test_a_note_has_its_own_larger_limit():
    assert clean_note("n" * 10_000, "What you learned") == "n" * 10_000
    assert "10,001 characters" in refused(clean_note, "n" * 10_001, "What you learned")


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x85"])
def test_control_characters_are_refused_by_code(char):
    message = refused(clean_line, f"Tell Sam{char} today", "The decision")
    assert f"U+{ord(char):04X}" in message
    assert "The decision" in message


def test_a_pasted_tab_in_a_one_line_field_is_a_space():
    assert clean_line("Tell Sam\tFriday", "The decision") == "Tell Sam Friday"
    assert clean_line("\tsay it plainly\t", "The line to say") == "say it plainly"


def test_an_escape_sequence_cannot_hide_in_a_note():
    assert "U+001B" in refused(clean_note, "fine\n\x1b[2Jgone", "What you learned")


@pytest.mark.parametrize("text", ["first line\nsecond", "first\r\nsecond", "carriage\rreturn"])
def test_a_line_break_in_a_one_line_field_is_refused(text):
    message = refused(clean_line, text, "The decision")
    assert "one line" in message


@pytest.mark.parametrize("separator", ["\u2028", "\u2029"])
def test_a_unicode_line_separator_in_a_one_line_field_is_refused(separator):
    message = refused(clean_line, f"first{separator}second", "The decision")
    assert "one line" in message


def test_a_note_keeps_its_lines_and_tabs():
    assert clean_note("one\r\n\ttwo\nthree\n\n", "What you learned") == "one\n\ttwo\nthree"


def test_a_lone_surrogate_is_refused():
    message = refused(clean_line, "caf\udce9", "The decision")
    assert "not valid text" in message
    assert "not valid text" in refused(clean_note, "\ud800 alone", "The repair")


@pytest.mark.parametrize(
    "text",
    [
        "Say no 🙂 kindly",
        "👩‍👩‍👧 family dinner, my way",  # zero-width joiners
        "🏳️‍🌈 flag",
        "אני אומר את האמת",  # Hebrew, right to left
        "قل الحقيقة",  # Arabic, right to left
        "mixed \u200fעברית\u200e and English",  # with direction marks
        "日本語で断る",
        "e\u0301 combining accent",
    ],
)
def test_emoji_and_right_to_left_text_are_kept_exactly(text):
    assert clean_line(text, "The decision", required=True) == text
    assert clean_note(text, "What you learned") == text


@pytest.mark.parametrize(
    ("value", "shown"),
    [("9", "9"), ("0", "0"), ("x", "'x'"), ("²", "'²'"), ("-1", "'-1'"), ("3.5", "'3.5'"), ("٣", "'٣'"), (6, "6")],
)
def test_a_scale_outside_one_to_five_is_refused(value, shown):
    message = refused(parse_scale, value, "Certainty")
    assert message.startswith("Certainty is a number from 1 to 5")
    assert message.endswith(shown)


@pytest.mark.parametrize(("value", "number"), [("1", 1), (" 5 ", 5), ("3", 3), (4, 4)])
def test_a_scale_from_one_to_five_is_read(value, number):
    assert parse_scale(value, "Contact") == number


@pytest.mark.parametrize("blank", [None, "", "   "])
def test_a_blank_scale_is_none(blank):
    assert parse_scale(blank, "Certainty") is None


def test_a_boolean_is_not_a_scale():
    refused(parse_scale, True, "Contact")


def test_zero_width_characters_alone_count_as_empty():
    with pytest.raises(InputError, match="is empty"):
        clean_line("\u200b\u200d\ufeff", "The decision", required=True)
    assert clean_line("a\u200db", "The decision", required=True) == "a\u200db"
