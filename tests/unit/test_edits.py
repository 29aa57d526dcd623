"""Field-level saves: only what the person changed is written, onto the record as it is on disk.

"Another terminal" is a second Store on the same journal file.
"""

from __future__ import annotations

import orjson
import pytest

from data.daytime import FixedClock
from data.edits import (
    ALSO_WRITTEN,
    CHECK_FIELDS,
    DECISION_FIELDS,
    EditConflict,
    Keep,
    Resolution,
    ReviewBase,
    fields_of,
    join_texts,
    merge,
)
from data.models import Outcome, State
from data.store import RefError, Store

DAY = "2026-11-27"
NOW = FixedClock("2026-11-27T20:15:00", "Europe/Berlin").now()


# -- the mechanism alone ---------------------------------------------------------------


def test_untouched_fields_keep_what_is_on_disk():
    base = {"text": "Walk", "why": "", "certainty": 2}
    mine = {"text": "Walk at lunch", "why": "", "certainty": 2}
    current = {"text": "Walk", "why": "written elsewhere", "certainty": 4}
    write, conflicts = merge(current, mine, base)
    assert write == {"text": "Walk at lunch"}
    assert conflicts == []


def test_the_same_change_on_both_sides_is_no_conflict():
    write, conflicts = merge({"learned": "the fear passes"}, {"learned": "the fear passes"}, {"learned": ""})
    assert (write, conflicts) == ({}, [])


def test_a_field_changed_on_both_sides_is_a_conflict_with_both_texts():
    _, [conflict] = merge({"learned": "theirs"}, {"learned": "mine"}, {"learned": "before"}, record="r1")
    assert (conflict.field, conflict.label, conflict.base, conflict.theirs, conflict.mine) == (
        "learned",
        "What I learned",
        "before",
        "theirs",
        "mine",
    )
    assert conflict.key == ("r1", "learned") and conflict.can_keep_both


def test_a_list_of_names_in_another_order_is_unchanged():
    write, conflicts = merge({"pulls": ["Guilt", "fear"]}, {"pulls": ["fear", "guilt"]}, {"pulls": ["guilt", "fear"]})
    assert (write, conflicts) == ({}, [])


@pytest.mark.parametrize(
    ("keep", "written"),
    [(Keep.THEIRS, {}), (Keep.MINE, {"body": "mine"}), (Keep.BOTH, {"body": f"mine\n\n{ALSO_WRITTEN}\ntheirs"})],
)
def test_each_answer_writes_what_was_chosen(keep, written):
    current, mine, base = {"body": "theirs"}, {"body": "mine"}, {"body": ""}
    _, [conflict] = merge(current, mine, base)
    assert merge(current, mine, base, resolutions=[Resolution(conflict, keep)]) == (written, [])


def test_an_answer_to_an_older_conflict_does_not_hide_a_newer_one():
    _, [seen] = merge({"body": "theirs"}, {"body": "mine"}, {"body": ""})
    _, [again] = merge(
        {"body": "theirs, changed again"}, {"body": "mine"}, {"body": ""}, resolutions=[Resolution(seen, Keep.MINE)]
    )
    assert again.theirs == "theirs, changed again"


def test_one_line_fields_cannot_keep_both():
    _, [conflict] = merge({"text": "theirs"}, {"text": "mine"}, {"text": "before"})
    assert not conflict.can_keep_both
    # Asked to keep both anyway, nothing is chosen for the person: it is still a conflict.
    write, [still] = merge(
        {"text": "theirs"}, {"text": "mine"}, {"text": "before"}, resolutions=[Resolution(conflict, Keep.BOTH)]
    )
    assert write == {} and still == conflict


def test_joined_text_is_mine_then_theirs_under_the_marked_line():
    assert join_texts("mine", "theirs") == "mine\n\n— also written elsewhere —\ntheirs"
    assert join_texts("", "theirs") == "theirs"


def test_without_a_base_everything_given_is_written():
    write, conflicts = merge({"left": "x", "learned": "y"}, {"learned": "z"}, None)
    assert (write, conflicts) == ({"learned": "z"}, [])


# -- through the store, with two terminals on one journal --------------------------------


@pytest.fixture
def two(tmp_path):
    path = tmp_path / "journal.json"
    return Store(path), Store(path)


def on_disk(path):
    return orjson.loads(path.read_bytes())


def test_an_open_review_form_keeps_reflections_written_elsewhere(two):
    app, shell = two
    decision = app.add_decision(NOW, DAY, "Say no to the extra shift", "Relational Key")
    base = ReviewBase.of(app.review_on(DAY), app.decisions_on(DAY))
    shell.save_review(NOW, DAY, {}, learned="from the shell", left="also from the shell")
    mine = {"left": "", "returned": "", "repair": "", "learned": "", "contact": None}
    app.save_review(NOW, DAY, {decision.id: Outcome.KEPT}, base=base, **mine)
    [review] = on_disk(app.path)["reviews"].values()
    assert (review["learned"], review["left"]) == ("from the shell", "also from the shell")
    assert on_disk(app.path)["decisions"][decision.id]["outcome"] == "kept"


def test_an_outcome_not_touched_in_the_evening_keeps_the_one_on_disk(two):
    app, shell = two
    first = app.add_decision(NOW, DAY, "Walk", "Inner Foundation")
    second = app.add_decision(NOW, DAY, "Call Mum", "Relational Key")
    base = ReviewBase.of(None, app.decisions_on(DAY))
    shell.save_review(NOW, DAY, {second.id: Outcome.RETURNED})
    app.save_review(NOW, DAY, {first.id: Outcome.KEPT, second.id: None}, base=base, learned="a good day")
    assert app.decision(second.id).outcome is Outcome.RETURNED
    assert app.decision(first.id).outcome is Outcome.KEPT


def test_editing_a_decision_keeps_an_outcome_given_elsewhere(two):
    app, shell = two
    decision = app.add_decision(NOW, DAY, "Walk", "Inner Foundation")
    base = fields_of(decision, DECISION_FIELDS)
    shell.save_review(NOW, DAY, {decision.id: Outcome.KEPT})
    app.update_decision(NOW, decision.id, {**base, "text": "Walk at lunch"}, base=base)
    row = on_disk(app.path)["decisions"][decision.id]
    assert (row["text"], row["outcome"], row["n"], row["day"]) == ("Walk at lunch", "kept", 1, DAY)


def test_a_decision_text_changed_on_both_sides_saves_nothing_until_answered(two):
    app, shell = two
    decision = app.add_decision(NOW, DAY, "Walk", "Inner Foundation")
    base = fields_of(decision, DECISION_FIELDS)
    shell.update_decision(NOW, decision.id, {"text": "Walk with Sam"})
    before = app.path.read_bytes()
    with pytest.raises(EditConflict) as raised:
        app.update_decision(NOW, decision.id, {**base, "text": "Walk at lunch", "why": "air"}, base=base)
    assert app.path.read_bytes() == before  # nothing written, not even the untouched-elsewhere "why"
    [conflict] = raised.value.conflicts
    assert (conflict.label, conflict.theirs, conflict.mine) == ("The decision", "Walk with Sam", "Walk at lunch")
    app.update_decision(
        NOW,
        decision.id,
        {**base, "text": "Walk at lunch", "why": "air"},
        base=base,
        resolutions=[Resolution(conflict, Keep.THEIRS)],
    )
    saved = shell.decision(decision.id)
    assert (saved.text, saved.why) == ("Walk with Sam", "air")


def test_an_edited_check_keeps_a_note_written_elsewhere_and_joins_both_when_asked(two):
    app, shell = two
    decision = app.add_decision(NOW, DAY, "Walk", "Inner Foundation")
    check = app.save_check(NOW, decision, State.HOLDING)
    base = fields_of(check, CHECK_FIELDS)
    shell.update_check(NOW, check.id, {"body": "tight chest", "return_step": "breathe"})
    with pytest.raises(EditConflict) as raised:
        app.update_check(NOW, check.id, {**base, "state": State.WOBBLING, "body": "warm hands"}, base=base)
    [conflict] = raised.value.conflicts
    app.update_check(
        NOW,
        check.id,
        {**base, "state": State.WOBBLING, "body": "warm hands"},
        base=base,
        resolutions=[Resolution(conflict, Keep.BOTH)],
    )
    saved = shell.check(check.id)
    assert saved.state is State.WOBBLING
    assert saved.body == f"warm hands\n\n{ALSO_WRITTEN}\ntight chest"
    assert saved.return_step == "breathe"
    assert (saved.at, saved.created_at, saved.decision_id) == (check.at, check.created_at, check.decision_id)


def test_an_outcome_changed_on_both_sides_is_asked_about(two):
    app, shell = two
    decision = app.add_decision(NOW, DAY, "Walk", "Inner Foundation")
    base = ReviewBase.of(None, app.decisions_on(DAY))
    shell.save_review(NOW, DAY, {decision.id: Outcome.ABANDONED})
    with pytest.raises(EditConflict) as raised:
        app.save_review(NOW, DAY, {decision.id: Outcome.RETURNED}, base=base, learned="came back")
    [conflict] = raised.value.conflicts
    assert (conflict.label, conflict.theirs, conflict.mine) == (
        "The outcome of decision 1",
        Outcome.ABANDONED,
        Outcome.RETURNED,
    )
    assert shell.review_on(DAY).learned == ""  # the conflict stopped the whole save
    app.save_review(
        NOW,
        DAY,
        {decision.id: Outcome.RETURNED},
        base=base,
        learned="came back",
        resolutions=[Resolution(conflict, Keep.MINE)],
    )
    assert shell.decision(decision.id).outcome is Outcome.RETURNED
    assert shell.review_on(DAY).learned == "came back"


def test_an_edit_of_a_record_deleted_elsewhere_is_refused(two):
    app, shell = two
    decision = app.add_decision(NOW, DAY, "Walk", "Inner Foundation")
    base = fields_of(decision, DECISION_FIELDS)
    shell.delete_decision(NOW, decision.id)
    with pytest.raises(RefError):
        app.update_decision(NOW, decision.id, {**base, "text": "Walk at lunch"}, base=base)
    assert shell.decision(decision.id).text == "Walk"


def test_an_edit_cannot_move_a_decision_to_another_day(two):
    app, _ = two
    decision = app.add_decision(NOW, DAY, "Walk", "Inner Foundation")
    with pytest.raises(TypeError):
        app.update_decision(NOW, decision.id, {"day": "2026-11-01"})
    assert app.decision(decision.id).day == DAY


def test_a_deleted_review_stays_deleted_when_the_day_is_reviewed_again(two):
    app, _shell = two
    app.add_decision(NOW, DAY, "Walk", "Inner Foundation")
    app.save_review(NOW, DAY, {}, left="the old left", learned="the old lesson", contact=2)
    app.delete_review(NOW, DAY)
    # The command line gives only what it sets: nothing deleted comes back beside it.
    review = app.save_review(NOW, DAY, {}, learned="a new lesson")
    assert (review.left, review.learned, review.contact, review.deleted) == ("", "a new lesson", None, False)
    [stored] = on_disk(app.path)["reviews"].values()
    assert (stored["left"], stored["learned"], stored["contact"]) == ("", "a new lesson", None)


def test_an_evening_opened_after_the_delete_writes_onto_a_blank_review(two):
    app, _shell = two
    decision = app.add_decision(NOW, DAY, "Walk", "Inner Foundation")
    app.save_review(NOW, DAY, {}, left="the old left", repair="the old repair")
    app.delete_review(NOW, DAY)
    base = ReviewBase.of(app.review_on(DAY), app.decisions_on(DAY))  # the form sees no review
    mine = {"left": "", "returned": "", "repair": "", "learned": "walking helps", "contact": None}
    review = app.save_review(NOW, DAY, {decision.id: Outcome.KEPT}, base=base, **mine)  # no conflict asked
    assert (review.left, review.repair, review.learned) == ("", "", "walking helps")


# -- what an outcome carries: hard, revised_from, revised_why --------------------------------


def test_outcome_details_are_written_field_by_field_and_keep_what_came_from_elsewhere(two):
    app, shell = two
    decision = app.add_decision(NOW, DAY, "Walk", "Inner Foundation")
    app.save_review(NOW, DAY, {decision.id: Outcome.REVISED}, details={decision.id: {"revised_why": "rain"}})
    base = ReviewBase.of(app.review_on(DAY), app.decisions_on(DAY))
    assert base.details[decision.id] == {"hard": "", "revised_from": None, "revised_why": "rain"}
    shell.save_review(NOW, DAY, {}, details={decision.id: {"revised_from": "knowing"}})
    # The form changed only what changed; where the change came from, given elsewhere, stays.
    app.save_review(
        NOW,
        DAY,
        {decision.id: Outcome.REVISED},
        base=base,
        details={decision.id: {"revised_why": "heavy rain", "revised_from": None}},
    )
    saved = on_disk(app.path)["decisions"][decision.id]
    assert (saved["outcome"], saved["revised_why"], saved["revised_from"]) == ("revised", "heavy rain", "knowing")


def test_what_made_it_hard_changed_on_both_sides_is_asked_about_and_nothing_written_until_answered(two):
    app, shell = two
    decision = app.add_decision(NOW, DAY, "Say no to the extra shift", "Relational Key")
    app.save_review(NOW, DAY, {decision.id: Outcome.ABANDONED}, details={decision.id: {"hard": "tired"}})
    base = ReviewBase.of(app.review_on(DAY), app.decisions_on(DAY))
    shell.save_review(NOW, DAY, {}, details={decision.id: {"hard": "the boss asked twice"}})
    with pytest.raises(EditConflict) as raised:
        app.save_review(NOW, DAY, {}, base=base, details={decision.id: {"hard": "tired and hungry"}}, learned="eat")
    [conflict] = raised.value.conflicts
    assert (conflict.label, conflict.theirs, conflict.mine) == (
        "What made decision 1 hard",
        "the boss asked twice",
        "tired and hungry",
    )
    assert shell.review_on(DAY).learned == ""  # the conflict stopped the whole save
    app.save_review(
        NOW,
        DAY,
        {},
        base=base,
        details={decision.id: {"hard": "tired and hungry"}},
        resolutions=[Resolution(conflict, Keep.BOTH)],
    )
    assert shell.decision(decision.id).hard == f"tired and hungry\n\n{ALSO_WRITTEN}\nthe boss asked twice"


def test_a_new_outcome_keeps_the_words_of_the_old_one(two):
    app, _shell = two
    decision = app.add_decision(NOW, DAY, "Walk", "Inner Foundation")
    app.save_review(NOW, DAY, {decision.id: Outcome.ABANDONED}, details={decision.id: {"hard": "tired"}})
    app.save_review(NOW, DAY, {decision.id: Outcome.RETURNED})
    assert (app.decision(decision.id).outcome, app.decision(decision.id).hard) == (Outcome.RETURNED, "tired")


def test_outcome_details_name_only_their_fields_and_values(two):
    app, _shell = two
    decision = app.add_decision(NOW, DAY, "Walk", "Inner Foundation")
    with pytest.raises(TypeError):
        app.save_review(NOW, DAY, {}, details={decision.id: {"text": "Run"}})
    with pytest.raises(ValueError):
        app.save_review(NOW, DAY, {}, details={decision.id: {"revised_from": "mood"}})
    other = app.add_decision(NOW, "2026-11-26", "Rest", "Inner Foundation")
    with pytest.raises(RefError):
        app.save_review(NOW, DAY, {}, details={other.id: {"hard": "x"}})
    assert app.review_on(DAY) is None and app.decision(decision.id).revised_from is None
