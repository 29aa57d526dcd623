"""History's rows and filters: what each filter lets through, alone and together."""

import datetime as dt

import pendulum
import pytest

from data.history import OPEN, OUTCOME_CHOICES, Filter, filter_rows
from data.models import Outcome, State
from data.store import Store
from tests.history_rows import history_rows

BERLIN = "Europe/Berlin"
NOW = pendulum.datetime(2026, 11, 27, 9, 15, tz=BERLIN)


@pytest.fixture(scope="module")
def journal() -> tuple[Store, dict[str, str]]:
    """Three days of decisions: one returned (a check names its pull), one open, one kept, one deleted."""
    store = Store.in_memory()
    sam = store.add_decision(
        NOW, "2026-11-20", "Tell Sam the deadline doesn't work", "Relational Key", pulls_expected=["fear"]
    )
    store.save_check(
        NOW,
        sam,
        State.WOBBLING,
        pulls=["Guilt"],
        patterns=["people-pleasing"],
        body="tight chest",
        return_step="breathe",
    )
    store.save_review(NOW, "2026-11-20", {sam.id: Outcome.RETURNED})
    walk = store.add_decision(
        NOW, "2026-11-25", "Walk at lunch", "Inner Foundation", pulls_expected=["comfort"], why="clear head"
    )
    bed = store.add_decision(
        NOW, "2026-11-27", "Go to bed by eleven", "Inner Foundation", next_step="phone in the hall"
    )
    store.save_review(NOW, "2026-11-27", {bed.id: Outcome.KEPT}, learned="screens off early")
    gone = store.add_decision(NOW, "2026-11-27", "Walk the long way", "Inner Foundation")
    store.delete_decision(NOW, gone.id)
    return store, {"sam": sam.id, "walk": walk.id, "bed": bed.id, "gone": gone.id}


@pytest.fixture(scope="module")
def rows(journal):
    return history_rows(journal[0])


def shown(journal, rows, **chosen) -> list[str]:
    names = {decision_id: name for name, decision_id in journal[1].items()}
    return [names[row.decision_id] for row in filter_rows(rows, Filter(**chosen))]


def test_every_live_decision_is_a_row_newest_day_first(journal, rows):
    assert shown(journal, rows) == ["bed", "walk", "sam"]
    assert [r.decision_id for r in history_rows(journal[0], include_deleted=True)][:2] == [
        journal[1]["gone"],
        journal[1]["bed"],
    ]
    assert filter_rows(rows, Filter()) == rows


def test_free_text_needs_every_word_in_any_order_and_any_case(journal, rows):
    assert shown(journal, rows, text="SAM tell") == ["sam"]
    assert shown(journal, rows, text="walk") == ["walk"]
    assert shown(journal, rows, text="sam walk") == []
    assert shown(journal, rows, text="  ") == ["bed", "walk", "sam"]


def test_free_text_finds_the_why_the_next_step_the_checks_and_the_days_review(journal, rows):
    assert shown(journal, rows, text="clear head") == ["walk"]
    assert shown(journal, rows, text="hall") == ["bed"]
    assert shown(journal, rows, text="tight chest") == ["sam"]
    assert shown(journal, rows, text="breathe") == ["sam"]
    assert shown(journal, rows, text="screens") == ["bed"]


def test_an_area_lets_through_its_decisions_only(journal, rows):
    assert shown(journal, rows, area="Inner Foundation") == ["bed", "walk"]
    assert shown(journal, rows, area="Relational Key") == ["sam"]
    assert shown(journal, rows, area="Body") == []


def test_an_outcome_or_open_lets_through_those_decisions_only(journal, rows):
    assert OUTCOME_CHOICES == (OPEN, "kept", "returned", "revised", "abandoned", "carried")
    assert shown(journal, rows, outcome=OPEN) == ["walk"]
    assert shown(journal, rows, outcome="kept") == ["bed"]
    assert shown(journal, rows, outcome="returned") == ["sam"]
    assert shown(journal, rows, outcome="abandoned") == []


def test_a_pull_matches_the_ones_named_at_checks_else_the_ones_expected_in_any_case(journal, rows):
    assert shown(journal, rows, pull="guilt") == ["sam"]
    assert shown(journal, rows, pull="GUILT") == ["sam"]
    assert shown(journal, rows, pull="comfort") == ["walk"]
    # Sam's check named guilt, so what was expected in the morning no longer counts.
    assert shown(journal, rows, pull="fear") == []


def test_a_pattern_matches_the_ones_named_at_checks_in_any_case(journal, rows):
    assert shown(journal, rows, pattern="People-Pleasing") == ["sam"]
    assert shown(journal, rows, pattern="people") == []  # a whole name, not part of one


def test_a_date_range_includes_both_ends_and_either_end_may_be_open(journal, rows):
    assert shown(journal, rows, first=dt.date(2026, 11, 20), last=dt.date(2026, 11, 25)) == ["walk", "sam"]
    assert shown(journal, rows, first=dt.date(2026, 11, 21), last=dt.date(2026, 11, 26)) == ["walk"]
    assert shown(journal, rows, first=dt.date(2026, 11, 25)) == ["bed", "walk"]
    assert shown(journal, rows, last=dt.date(2026, 11, 20)) == ["sam"]
    assert shown(journal, rows, first=dt.date(2026, 11, 28)) == []


def test_filters_together_let_through_only_what_meets_them_all(journal, rows):
    assert shown(journal, rows, area="Inner Foundation", outcome=OPEN) == ["walk"]
    assert shown(journal, rows, area="Inner Foundation", text="bed", first=dt.date(2026, 11, 26)) == ["bed"]
    assert shown(journal, rows, area="Inner Foundation", text="walk", last=dt.date(2026, 11, 24)) == []
    assert shown(journal, rows, area="Relational Key", outcome="kept") == []
    assert shown(journal, rows, pull="guilt", pattern="people-pleasing", outcome="returned", text="sam") == ["sam"]
    assert shown(journal, rows, pull="guilt", area="Inner Foundation") == []


def test_a_narrow_pulls_column_is_never_widened_to_make_room():
    from data.history import DECISION, PULLS, fit_widths

    # No decision has pulls: the column is as wide as its title (5), and at 70 columns the
    # decision is squeezed; the pulls give up nothing they do not have, and take nothing.
    widths = fit_widths([10, 1, 45, 14, 9, 5], 10, 70)
    assert widths[PULLS] == 5
    assert widths[DECISION] == 70 - 1 - 2 * 5 - (10 + 1 + 10 + 9 + 5)


# -- a year at a time, from the journal's raw rows ------------------------------------------


@pytest.fixture(scope="module")
def years_text() -> str:
    """Three years of the sample practice as a journal file's text, made once for the tests that copy it."""
    import json

    from data import sample

    return json.dumps(sample.build(3 * 365, 11, dt.date(2026, 11, 26), long_entries=0.02))


@pytest.fixture
def years_journal(tmp_path, years_text: str) -> Store:
    """Three years of the sample practice, with a deleted decision, a deleted check and a deleted review."""
    path = tmp_path / "journal.json"
    path.write_text(years_text, "utf-8")
    store = Store(path)
    decisions = store.all_decisions()
    store.delete_decision(NOW, decisions[10].id)
    checked = next(d for d in decisions[200:] if store.checks_for(d.id))
    store.delete_check(NOW, store.checks_for(checked.id)[0].id)
    store.delete_review(NOW, store.all_reviews()[300].day)
    return store


def test_the_rows_from_each_year_are_the_rows_of_the_whole_journal(years_journal):
    from data.history import year_history

    years = years_journal.years()
    assert years == ["2026", "2025", "2024", "2023"]
    for include_deleted in (False, True):
        by_year = [
            row
            for year in years
            for row in year_history(years_journal.year_rows(year))
            if include_deleted or not row.deleted
        ]
        assert by_year == history_rows(years_journal, include_deleted=include_deleted)


def test_a_save_builds_again_only_the_year_it_changed(years_journal):
    from data.history import HistoryYears

    history = HistoryYears()
    before = {year: history.year(years_journal, year) for year in years_journal.years()}
    assert all(history.year(years_journal, year) is built for year, built in before.items())  # a reopen builds none
    old = before["2024"].live[5]
    years_journal.update_decision(NOW, old.decision_id, {"text": "Say no to the extra shift"})
    after = {year: history.year(years_journal, year) for year in years_journal.years()}
    assert [year for year in after if after[year] is not before[year]] == ["2024"]
    assert after["2024"].live[5].text == "Say no to the extra shift"
    years_journal.delete_decision(NOW, after["2023"].live[0].decision_id)
    again = {year: history.year(years_journal, year) for year in years_journal.years()}
    assert [year for year in again if again[year] is not after[year]] == ["2023"]
    assert len(again["2023"].live) == len(after["2023"].live) - 1


def test_a_decision_added_to_an_earlier_year_is_in_that_year(years_journal):
    from data.history import HistoryYears

    history = HistoryYears()
    before = {year: history.year(years_journal, year) for year in years_journal.years()}
    years_journal.add_decision(NOW, "2024-03-02", "Call the landlord back", "Inner Foundation")
    years_journal.add_decision(NOW, "2021-06-01", "Finish the letter", "Inner Foundation")
    assert years_journal.years() == ["2026", "2025", "2024", "2023", "2021"]
    after = {year: history.year(years_journal, year) for year in years_journal.years()}
    assert [year for year in after if after[year] is not before.get(year)] == ["2024", "2021"]
    assert "Call the landlord back" in [row.text for row in after["2024"].live]
    assert [row.text for row in after["2021"].live] == ["Finish the letter"]
