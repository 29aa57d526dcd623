"""The figures in words: one and many said right, and a tie said as a tie."""

from __future__ import annotations

from types import SimpleNamespace

from data.figures_words import compare_words, patterns_words, plural, pulls_words
from data.stats import Trend


def named(name: str, count: int, returned: int = 0) -> SimpleNamespace:
    outcomes = SimpleNamespace(returned=returned, abandoned=0)
    return SimpleNamespace(name=name, count=count, decisions=count, outcomes=outcomes)


def counts(**figures) -> SimpleNamespace:
    return SimpleNamespace(figures=SimpleNamespace(pull_patterns=(), **figures))


def test_one_is_said_as_one():
    assert plural(1, "rep") == "1 rep"
    assert plural(2, "rep") == "2 reps"
    assert plural(0, "entry", "entries") == "0 entries"
    assert compare_words("reps", Trend(None, None, 1.0, None), 1).startswith("One week so far: 1 rep. ")
    assert compare_words("returns", Trend(None, None, 3.0, None), 1).startswith("One week so far: 3 returns. ")


def test_a_three_way_tie_of_patterns_is_said_as_a_tie():
    tie = [named("explained again", 1), named("kept checking", 1), named("said yes", 1)]
    words = patterns_words(counts(pattern_details=tie))[0]
    assert "showed most" not in words
    assert words.startswith("explained again, kept checking and said yes showed as often as each other (once each).")


def test_a_tie_of_pulls_is_said_as_a_tie_and_one_that_came_most_is_named():
    tie = pulls_words(counts(pull_details=[named("fear", 2, returned=1), named("guilt", 2)]))[1]
    assert tie == "fear and guilt came as often as each other: twice each."
    most = pulls_words(counts(pull_details=[named("fear", 3, returned=1), named("guilt", 2)]))[1]
    assert most == "fear came most: 3 times. You came back 1 time after it."
