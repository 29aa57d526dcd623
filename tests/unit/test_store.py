"""The journal store: what is saved comes back, on disk and after reopening, and nothing is lost."""

import datetime as dt
import errno
import fcntl
import json
import os
import stat
import tempfile
from pathlib import Path

import pendulum
import pytest
from hypothesis import HealthCheck, assume, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

import data.journal_file
import data.store
from data.daytime import FixedClock
from data.models import SCHEMA_VERSION, Outcome, State
from data.ritual import Step, what_is_due
from data.settings import Settings
from data.store import JournalError, RefError, Store
from data.validate import InputError, clean_line, clean_note

BERLIN = "Europe/Berlin"
DAY = dt.date(2026, 11, 27)
NOW = pendulum.datetime(2026, 11, 27, 9, 15, tz=BERLIN)


def on_disk(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def decide(store: Store, text: str = "Tell Sam the Friday deadline doesn't work for me", day=DAY, **kwargs):
    return store.add_decision(kwargs.pop("now", NOW), day, text, kwargs.pop("area", "Relational Key"), **kwargs)


@pytest.fixture
def path(tmp_path) -> Path:
    return tmp_path / "data" / "journal.json"


# -- round trips ------------------------------------------------------------------


def test_a_decision_with_every_field_comes_back_after_reopening(path):
    store = Store(path)
    saved = store.add_decision(
        NOW,
        DAY,
        "Tell Sam the Friday deadline doesn't work for me",
        "Relational Key",
        why="My evenings are mine\nand so is my word",
        pulls_expected=["fear", "approval", "being liked"],
        certainty=2,
        next_step="Write the first sentence",
        say="Friday doesn't work for me; Monday does.",
    )
    store.close()

    reopened = Store(path)
    [found] = reopened.decisions_on(DAY)
    assert found == saved
    assert found.n == 1
    assert found.day == "2026-11-27"
    assert found.why == "My evenings are mine\nand so is my word"
    assert found.pulls_expected == ["fear", "approval", "being liked"]
    assert found.certainty == 2
    assert found.say == "Friday doesn't work for me; Monday does."
    assert found.outcome is None and found.is_open
    assert found.carried_from is None and found.deleted_at is None
    assert found.created_at == found.updated_at == "2026-11-27T09:15:00+01:00"
    assert reopened.decision(saved.id) == saved
    assert reopened.all_decisions() == [saved]


def test_the_journal_is_plain_json_keyed_by_id(path):
    store = Store(path)
    decision = decide(store, certainty=3)
    check = store.save_check(NOW.add(hours=4), decision, State.WOBBLING, pulls=["fear"], patterns=["said yes"])
    review = store.save_review(
        NOW.add(hours=11), DAY, {decision.id: Outcome.RETURNED}, learned="I can say it", contact=4
    )
    raw = on_disk(path)
    assert raw["schema_version"] == SCHEMA_VERSION
    assert set(raw) == {"schema_version", "decisions", "checks", "reviews"}
    stored = raw["decisions"][decision.id]
    assert stored["id"] == decision.id
    assert stored["outcome"] == "returned"
    assert stored["certainty"] == 3
    assert raw["checks"][check.id]["state"] == "wobbling"
    assert raw["checks"][check.id]["decision_id"] == decision.id
    assert raw["checks"][check.id]["at"] == "2026-11-27T13:15:00+01:00"
    assert raw["reviews"][review.id]["contact"] == 4
    assert raw["reviews"][review.id]["day"] == "2026-11-27"
    assert len(decision.id) >= 12 and len({decision.id, check.id, review.id}) == 3


def test_checks_and_reviews_come_back_after_reopening(path):
    store = Store(path)
    decision = decide(store)
    first = store.save_check(NOW.add(hours=3), decision, State.HOLDING)
    second = store.save_check(
        NOW.add(hours=5),
        decision,
        State.WOBBLING,
        pulls=["fear", "guilt"],
        patterns=["softened the truth"],
        body="tight chest",
        return_step="send the message",
    )
    review = store.save_review(
        NOW.add(hours=12),
        DAY,
        {decision.id: Outcome.RETURNED},
        left="at lunch",
        returned="after the walk",
        repair="told Sam I rushed",
        learned="the pull passes",
        contact=3,
    )
    store.close()

    reopened = Store(path)
    assert reopened.checks_for(decision.id) == [first, second]
    assert reopened.checks_on(DAY) == [first, second]
    assert reopened.checks_on(DAY)[1].state is State.WOBBLING
    assert reopened.review_on(DAY) == review
    assert reopened.decisions_on(DAY)[0].outcome is Outcome.RETURNED


def test_the_latest_check_is_the_latest_in_time_even_across_timezones(path):
    # Checked at noon in Berlin (11:00 UTC), then at 09:00 in New York (14:00 UTC).
    store = Store(path)
    decision = decide(store)
    store.save_check(pendulum.datetime(2026, 11, 27, 12, 0, tz=BERLIN), decision, State.HOLDING)
    later = store.save_check(pendulum.datetime(2026, 11, 27, 9, 0, tz="America/New_York"), decision, State.ABANDONED)
    assert Store(path).checks_for(decision.id)[-1] == later
    assert Store(path).checks_on(DAY)[-1] == later


def test_an_empty_store_reads_as_empty_and_writes_nothing(path):
    store = Store(path)
    assert store.decisions_on(DAY) == []
    assert store.all_decisions() == []
    assert store.review_on(DAY) is None
    assert store.open_decisions_before(DAY) == []
    assert not path.exists()
    assert not path.parent.exists()


# -- numbering --------------------------------------------------------------------


def test_numbers_count_per_day_and_continue_past_a_deleted_decision(path):
    store = Store(path)
    first, second, third = (decide(store, f"decision {i}") for i in (1, 2, 3))
    assert [d.n for d in (first, second, third)] == [1, 2, 3]
    assert decide(store, "another day", day=DAY + dt.timedelta(days=1)).n == 1
    store.close()

    # Soft-delete the third, the way the app marks it: a deleted_at stamp on the record.
    raw = on_disk(path)
    raw["decisions"][third.id]["deleted_at"] = "2026-11-27T10:00:00+01:00"
    path.write_text(json.dumps(raw), encoding="utf-8")

    store = Store(path)
    assert [d.n for d in store.decisions_on(DAY)] == [1, 2]
    fourth = decide(store, "decision 4")
    assert fourth.n == 4
    assert [d.n for d in Store(path).decisions_on(DAY)] == [1, 2, 4]
    assert [d.n for d in Store(path).all_decisions(include_deleted=True) if d.day == "2026-11-27"] == [1, 2, 3, 4]


# -- naming a decision --------------------------------------------------------------


def fixed_ids(monkeypatch, *ids):
    feed = iter(ids)
    monkeypatch.setattr(data.store, "new_id", lambda: next(feed))


def test_a_decision_is_named_by_its_number_or_an_id_prefix(path, monkeypatch):
    fixed_ids(monkeypatch, "aaaa1111bbbb2222", "cccc3333dddd4444", "eeee5555ffff6666")
    store = Store(path)
    first, second = decide(store, "one"), decide(store, "two")
    assert store.resolve_ref(DAY, "1") == first
    assert store.resolve_ref(DAY, " 2 ") == second
    assert store.resolve_ref("2026-11-27", "02") == second
    assert store.resolve_ref(DAY, "cccc") == second
    assert store.resolve_ref(DAY, "CCCC3333") == second
    assert store.resolve_ref(DAY, "aaaa1111bbbb2222") == first


@pytest.mark.parametrize(
    ("ref", "says"),
    [
        ("3", "no decision number 3 on 2026-11-27"),
        ("0", "no decision number 0"),
        ("abc", "too short"),
        ("a", "too short"),
        ("zzzz", "no decision on 2026-11-27 has an id starting 'zzzz'"),
        ("abcd", "matches 2 decisions"),
        ("123", "too short"),
    ],
)
def test_a_reference_that_names_no_single_decision_says_why(path, monkeypatch, ref, says):
    fixed_ids(monkeypatch, "abcd1111aaaa0000", "abcd2222bbbb0000")
    store = Store(path)
    decide(store, "one")
    decide(store, "two")
    with pytest.raises(RefError) as caught:
        store.resolve_ref(DAY, ref)
    assert says in str(caught.value)


def test_a_longer_prefix_settles_an_ambiguous_one(path, monkeypatch):
    fixed_ids(monkeypatch, "abcd1111aaaa0000", "abcd2222bbbb0000")
    store = Store(path)
    decide(store, "one")
    second = decide(store, "two")
    assert store.resolve_ref(DAY, "abcd2") == second


def test_an_id_from_another_day_does_not_match(path):
    store = Store(path)
    other = decide(store, day=DAY - dt.timedelta(days=1))
    decide(store)
    with pytest.raises(RefError):
        store.resolve_ref(DAY, other.id[:8])


def test_with_no_reference_the_one_open_decision_is_meant(path):
    store = Store(path)
    first, second = decide(store, "one"), decide(store, "two")
    with pytest.raises(RefError) as caught:
        store.resolve_ref(DAY, None)
    assert "2 decisions are open" in str(caught.value)
    assert "(1, 2)" in str(caught.value)
    store.save_review(NOW, DAY, {first.id: Outcome.KEPT})
    assert store.resolve_ref(DAY, None) == second
    assert store.resolve_ref(DAY, "  ") == second
    store.save_review(NOW, DAY, {second.id: Outcome.ABANDONED})
    with pytest.raises(RefError) as caught:
        store.resolve_ref(DAY, None)
    assert "every decision" in str(caught.value)


def test_with_no_decisions_a_reference_says_there_is_none_yet(path):
    with pytest.raises(RefError) as caught:
        Store(path).resolve_ref(DAY, None)
    assert "no decision on 2026-11-27 yet" in str(caught.value)


# -- a journal that cannot be used --------------------------------------------------

CORRUPT = {
    "empty": b"",
    "whitespace": b"  \n",
    "truncated": b'{"schema_version":1,"decisions":{"abc":{"id":"ab',
    "not utf-8": b'{"decisions":{"\xff\xfe":{}}}',
    "a list": b"[]",
    "a string": b'"journal"',
    "a table that is a list": b'{"schema_version":1,"decisions":[]}',
    "a record that is text": b'{"schema_version":1,"decisions":{"abc":"text"}}',
    "a record missing its fields": b'{"schema_version":1,"decisions":{"abcdabcdabcd":{"id":"abcdabcdabcd"}}}',
    "an unknown outcome": (
        b'{"schema_version":1,"decisions":{"abcdabcdabcd":{"id":"abcdabcdabcd","created_at":"2026-11-27T09:00:00+01:00",'
        b'"updated_at":"2026-11-27T09:00:00+01:00","day":"2026-11-27","n":1,"text":"x","area":"a","outcome":"done"}}}'
    ),
    "a text schema version": b'{"schema_version":"1","decisions":{}}',
    "a newer schema": b'{"schema_version":99,"decisions":{}}',
}


@pytest.mark.parametrize("raw", CORRUPT.values(), ids=CORRUPT.keys())
def test_a_corrupt_journal_is_refused_and_left_byte_for_byte(path, raw):
    path.parent.mkdir(parents=True)
    path.write_bytes(raw)
    before = path.stat()
    with pytest.raises(JournalError) as caught:
        store = Store(path)
        store.decisions_on(DAY)  # a record that cannot be read must not slip past opening
    message = str(caught.value)
    assert str(path) in message
    assert "untouched" in message
    assert path.read_bytes() == raw
    assert path.stat().st_mtime_ns == before.st_mtime_ns
    assert os.listdir(path.parent) == ["journal.json"]


def test_a_corrupt_journal_message_says_what_to_do(path):
    path.parent.mkdir(parents=True)
    path.write_bytes(b'{"decisions": {')
    with pytest.raises(JournalError) as caught:
        Store(path)
    assert "stops being valid JSON at line 1, column 16" in str(caught.value)
    assert "Move it aside" in str(caught.value)


def test_a_journal_that_is_a_folder_is_reported(path):
    path.mkdir(parents=True)
    with pytest.raises(JournalError) as caught:
        Store(path)
    assert "is a folder, not a file" in str(caught.value)


def test_an_older_journal_without_a_version_or_tables_opens(path):
    path.parent.mkdir(parents=True)
    path.write_bytes(b"{}")
    store = Store(path)
    assert store.decisions_on(DAY) == []
    decide(store)
    assert on_disk(path)["schema_version"] == SCHEMA_VERSION


# -- privacy and durability ------------------------------------------------------------


def test_the_journal_is_readable_by_the_user_only(path):
    decide(Store(path))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_a_later_save_keeps_the_journal_private(path):
    store = Store(path)
    decide(store)
    decide(store, "second")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_symlinked_journal_stays_a_symlink(tmp_path):
    real = tmp_path / "sync" / "journal.json"
    real.parent.mkdir()
    link = tmp_path / "journal.json"
    link.symlink_to(real)
    decide(Store(link))
    assert link.is_symlink()
    assert json.loads(real.read_text())["decisions"]


def no_space(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_failed_write_leaves_the_old_journal_and_memory_matching_it(path, monkeypatch):
    store = Store(path)
    kept = decide(store, "the one that was saved")
    before = path.read_bytes()
    monkeypatch.setattr(os, "replace", no_space)
    with pytest.raises(JournalError) as caught:
        decide(store, "the one the disk refused")
    assert "No space left on device" in str(caught.value)
    assert "try again" in str(caught.value)
    monkeypatch.undo()

    assert path.read_bytes() == before
    assert not list(path.parent.glob("*.tmp")) and not list(path.parent.glob(".*.tmp"))  # no temp file left behind
    assert sorted(os.listdir(path.parent)) == ["backups", "journal.json", "journal.json.lock"]
    assert store.decisions_on(DAY) == [kept] == Store(path).decisions_on(DAY)
    # The store still works, and numbering does not skip the refused decision.
    assert decide(store, "after the disk had room").n == 2
    assert [d.text for d in Store(path).decisions_on(DAY)] == ["the one that was saved", "after the disk had room"]


def test_a_failed_first_write_creates_no_journal(path, monkeypatch):
    store = Store(path)
    monkeypatch.setattr(os, "replace", no_space)
    with pytest.raises(JournalError):
        decide(store)
    monkeypatch.undo()
    assert not path.exists()
    assert os.listdir(path.parent) == ["journal.json.lock"]  # no journal, no temp file
    assert store.decisions_on(DAY) == []


def test_a_failed_review_changes_no_outcome(path, monkeypatch):
    store = Store(path)
    first, second = decide(store, "one"), decide(store, "two")
    before = path.read_bytes()
    monkeypatch.setattr(os, "replace", no_space)
    with pytest.raises(JournalError):
        store.save_review(NOW, DAY, {first.id: Outcome.KEPT, second.id: Outcome.RETURNED}, learned="x")
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert all(d.is_open for d in store.decisions_on(DAY))
    assert store.review_on(DAY) is None


def test_a_review_naming_another_days_decision_changes_nothing(path):
    store = Store(path)
    today = decide(store, "today's")
    yesterday = decide(store, "yesterday's", day=DAY - dt.timedelta(days=1))
    before = path.read_bytes()
    with pytest.raises(RefError):
        store.save_review(NOW, DAY, {today.id: Outcome.KEPT, yesterday.id: Outcome.KEPT})
    assert path.read_bytes() == before
    assert store.decision(today.id).is_open
    assert store.review_on(DAY) is None


def test_two_stores_on_one_journal_keep_each_others_entries(path):
    # The app holds the journal open while `selftrust decide` runs in another terminal.
    app = Store(path)
    from_app = decide(app, "from the app")
    decide(Store(path), "from the command line")
    decide(app, "from the app, later")
    texts = [d.text for d in Store(path).decisions_on(DAY)]
    assert texts == ["from the app", "from the command line", "from the app, later"]
    assert [d.n for d in Store(path).decisions_on(DAY)] == [1, 2, 3]
    assert [d.text for d in app.decisions_on(DAY)] == texts
    assert app.decision(from_app.id) == from_app


def test_a_journal_spoiled_by_another_hand_is_never_overwritten(path):
    app = Store(path)
    decide(app, "kept safe")
    spoiled = b'{"schema_version":1,"decisions":{"oops'
    path.write_bytes(spoiled)
    assert [d.text for d in app.decisions_on(DAY)] == ["kept safe"]  # reading keeps what it had
    with pytest.raises(JournalError) as caught:
        decide(app, "would overwrite")
    assert "untouched" in str(caught.value)
    assert path.read_bytes() == spoiled


def test_a_save_waits_for_the_lock_and_then_says_the_journal_is_locked(path, monkeypatch):
    store = Store(path)
    decide(store, "first")
    before = path.read_bytes()
    monkeypatch.setattr(data.journal_file, "LOCK_WAIT", 0.1)
    holder = os.open(path.with_name("journal.json.lock"), os.O_RDWR)
    try:
        fcntl.flock(holder, fcntl.LOCK_EX)  # as another selftrust saving right now
        with pytest.raises(JournalError) as caught:
            decide(store, "second")
    finally:
        os.close(holder)
    assert "locked" in str(caught.value)
    assert path.read_bytes() == before
    assert [d.text for d in store.decisions_on(DAY)] == ["first"]
    assert decide(store, "second").n == 2  # once the other one is done, saving works


# -- reviews and carrying forward --------------------------------------------------------


def test_reviewing_a_day_twice_updates_its_one_review(path):
    store = Store(path)
    first, second = decide(store, "one"), decide(store, "two")
    evening = pendulum.datetime(2026, 11, 27, 21, 0, tz=BERLIN)
    one = store.save_review(evening, DAY, {first.id: Outcome.ABANDONED}, learned="tired", contact=2)
    late = pendulum.datetime(2026, 11, 28, 1, 30, tz=BERLIN)  # still the 27th's logical day
    two = store.save_review(
        late, DAY, {first.id: Outcome.RETURNED, second.id: Outcome.KEPT}, learned="came back", contact=4
    )

    raw = on_disk(path)
    assert list(raw["reviews"]) == [one.id]
    assert two.id == one.id
    stored = Store(path).review_on(DAY)
    assert stored.learned == "came back" and stored.contact == 4
    assert stored.created_at == "2026-11-27T21:00:00+01:00"
    assert stored.updated_at == "2026-11-28T01:30:00+01:00"
    outcomes = {d.n: d.outcome for d in Store(path).decisions_on(DAY)}
    assert outcomes == {1: Outcome.RETURNED, 2: Outcome.KEPT}
    assert Store(path).decision(second.id).updated_at == "2026-11-28T01:30:00+01:00"


def test_an_outcome_can_be_taken_back_to_open(path):
    store = Store(path)
    decision = decide(store)
    store.save_review(NOW, DAY, {decision.id: Outcome.KEPT})
    store.save_review(NOW, DAY, {decision.id: None})
    assert Store(path).decision(decision.id).is_open


def test_carrying_forward_copies_an_open_decision_and_ends_the_old_one_carried(path):
    store = Store(path)
    yesterday = DAY - dt.timedelta(days=1)
    old = decide(
        store,
        "Ask for the raise",
        day=yesterday,
        why="I know my worth",
        pulls_expected=["fear"],
        certainty=2,
        next_step="book 15 minutes",
        say="I'd like to talk about my pay",
    )
    decide(store, "already here today")
    assert store.open_decisions_before(DAY) == [old]

    carried = store.carry_forward(NOW, old, DAY)
    reopened = Store(path)
    assert carried.carried_from == old.id
    assert carried.day == "2026-11-27" and carried.n == 2 and carried.id != old.id
    assert (carried.text, carried.why, carried.pulls_expected, carried.certainty, carried.next_step, carried.say) == (
        old.text, old.why, old.pulls_expected, old.certainty, old.next_step, old.say,
    )  # fmt: skip
    assert carried.is_open
    # The earlier one ends "carried forward": not open (so not waiting for a review), not abandoned.
    earlier = reopened.decision(old.id)
    assert earlier.outcome is Outcome.CARRIED and not earlier.is_open
    assert (earlier.text, earlier.day, earlier.rev) == (old.text, old.day, old.rev + 1)
    assert reopened.carried_to(old.id) == carried
    assert reopened.open_decisions_before(DAY) == []


def test_last_return_from_finds_the_latest_time_a_pull_was_met_and_come_back_from(path):
    store = Store(path)
    days = [DAY - dt.timedelta(days=k) for k in (3, 2, 1)]
    results = [Outcome.RETURNED, Outcome.ABANDONED, Outcome.KEPT]
    decisions = []
    for day, outcome in zip(days, results, strict=True):
        decision = decide(store, f"on {day}", day=day)
        store.save_check(
            pendulum.datetime(day.year, day.month, day.day, 13, tz=BERLIN), decision, State.WOBBLING, pulls=["Fear"]
        )
        store.save_review(NOW, day, {decision.id: outcome})
        decisions.append(decision)
    found = store.last_return_from("fear", DAY)
    assert found is not None and found[0].id == decisions[2].id
    assert store.last_return_from("fear", days[2])[0].id == decisions[0].id  # the abandoned day is skipped
    assert store.last_return_from("guilt", DAY) is None


def test_week_returns_count_this_iso_week_only(path):
    store = Store(path)
    monday = dt.date(2026, 11, 23)
    for day in (monday - dt.timedelta(days=1), monday, DAY):
        decision = decide(store, day=day)
        store.save_review(NOW, day, {decision.id: Outcome.RETURNED})
    assert store.week_returns(DAY) == 2


# -- what is due ------------------------------------------------------------------------

SETTINGS = Settings(timezone=BERLIN)


def due(store, hhmm: str, day: dt.date = DAY) -> list[Step]:
    hour, minute = map(int, hhmm.split(":"))
    clock = FixedClock(pendulum.datetime(day.year, day.month, day.day, hour, minute, tz=BERLIN))
    return what_is_due(store, SETTINGS, clock.now())


def test_the_morning_is_due_while_today_has_no_decision_at_any_hour():
    store = Store.in_memory()
    assert due(store, "04:00") == [Step.MORNING]
    assert due(store, "12:45") == [Step.MORNING]
    assert due(store, "22:00") == [Step.MORNING]
    decide(store, day=DAY - dt.timedelta(days=1))
    assert due(store, "08:00") == [Step.MORNING]


def test_the_midday_check_is_due_from_1230_while_a_decision_has_no_check():
    store = Store.in_memory()
    first, second = decide(store, "one"), decide(store, "two")
    assert due(store, "09:00") == []
    assert due(store, "12:29") == []
    assert due(store, "12:30") == [Step.MIDDAY]
    store.save_check(NOW, first, State.HOLDING)
    assert due(store, "13:00") == [Step.MIDDAY]
    store.save_check(NOW, second, State.WOBBLING)
    assert due(store, "13:00") == []


def test_the_evening_review_is_due_from_1900_while_a_decision_has_no_outcome():
    store = Store.in_memory()
    first, second = decide(store, "one"), decide(store, "two")
    store.save_check(NOW, first, State.HOLDING)
    store.save_check(NOW, second, State.HOLDING)
    assert due(store, "18:59") == []
    assert due(store, "19:00") == [Step.EVENING]
    # Past midnight it is still the same logical day, and the review is still due.
    assert due(store, "01:30", DAY + dt.timedelta(days=1)) == [Step.EVENING]
    store.save_review(NOW, DAY, {first.id: Outcome.KEPT})
    assert due(store, "21:00") == [Step.EVENING]
    store.save_review(NOW, DAY, {second.id: Outcome.RETURNED})
    assert due(store, "21:00") == []


def test_midday_and_evening_can_both_be_due():
    store = Store.in_memory()
    decide(store)
    assert due(store, "19:30") == [Step.MIDDAY, Step.EVENING]


def test_nothing_is_due_when_the_day_is_done_even_without_a_midday_check():
    store = Store.in_memory()
    decision = decide(store)
    store.save_review(NOW, DAY, {decision.id: Outcome.KEPT})
    assert due(store, "20:00") == []
    assert due(store, "13:00") == []


def test_at_0330_it_is_still_yesterdays_evening():
    store = Store.in_memory()
    decide(store)
    assert due(store, "03:30", DAY + dt.timedelta(days=1)) == [Step.MIDDAY, Step.EVENING]
    assert due(store, "04:00", DAY + dt.timedelta(days=1)) == [Step.MORNING]


def test_custom_times_move_what_is_due():
    store = Store.in_memory()
    decide(store)
    late = Settings(timezone=BERLIN, day_start=dt.time(6, 0), midday_at=dt.time(15, 0), evening_at=dt.time(23, 0))
    at = lambda h, m=0: pendulum.datetime(2026, 11, 27, h, m, tz=BERLIN)  # noqa: E731
    assert what_is_due(store, late, at(14, 59)) == []
    assert what_is_due(store, late, at(15, 0)) == [Step.MIDDAY]
    assert what_is_due(store, late, at(23, 0)) == [Step.MIDDAY, Step.EVENING]


# -- arbitrary text ---------------------------------------------------------------------


def accepted_line(text: str) -> str | None:
    try:
        return clean_line(text, "text", required=True) or None
    except InputError:
        return None


def accepted_note(text: str) -> str:
    try:
        return clean_note(text, "note")
    except InputError:
        return ""


@hsettings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(min_size=1, max_size=80), note=st.text(max_size=200), pull=st.text(min_size=1, max_size=30))
def test_any_text_the_edge_accepts_comes_back_unchanged_after_reopening(text, note, pull):
    line = accepted_line(text)
    assume(line is not None)
    why = accepted_note(note)
    name = accepted_line(pull) or "fear"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "journal.json"
        store = Store(path)
        decision = store.add_decision(NOW, DAY, line, "Inner Foundation", why=why, pulls_expected=[name], say=line)
        store.save_check(NOW, decision, State.WOBBLING, pulls=[name], body=why, return_step=line)
        store.save_review(NOW, DAY, {decision.id: Outcome.KEPT}, learned=why, left=line)
        store.close()
        reopened = Store(path)
        [found] = reopened.decisions_on(DAY)
        [check] = reopened.checks_for(decision.id)
        review = reopened.review_on(DAY)
    assert (found.text, found.why, found.say, found.pulls_expected) == (line, why, line, [name])
    assert (check.pulls, check.body, check.return_step) == ([name], why, line)
    assert (review.learned, review.left) == (why, line)


@pytest.mark.parametrize(("hour", "checked"), [(9, False), (13, True), (23, True), (1, True)])
def test_the_demo_journal_has_todays_check_once_midday_is_past_even_after_midnight(tmp_path, hour, checked):
    from data.demo import write_demo_journal

    # 01:00 belongs to the day that began at 04:00 the day before: its midday is long past.
    now = pendulum.datetime(2026, 11, 28 if hour < 4 else 27, hour, 0, tz="Europe/Berlin")
    store = write_demo_journal(tmp_path / "journal.json", now, SETTINGS)
    assert len(store.decisions_on("2026-11-27")) == 2
    assert bool(store.checks_on("2026-11-27")) is checked


# -- deleting and bringing back ---------------------------------------------------------------


def test_restoring_a_decision_brings_back_only_the_checks_deleted_with_it(path):
    store = Store(path)
    decision = decide(store)
    wrong = store.save_check(NOW.add(hours=3), decision, State.ABANDONED, body="saved by mistake")
    kept = store.save_check(NOW.add(hours=4), decision, State.WOBBLING, pulls=["guilt"])
    store.delete_check(NOW.add(hours=5), wrong.id)  # deleted on its own first
    store.delete_decision(NOW.add(hours=6), decision.id)
    assert store.checks_for(decision.id) == []
    store.restore(NOW.add(hours=7), decision.id)
    assert [c.id for c in store.checks_for(decision.id)] == [kept.id]
    reopened = Store(path)
    assert [c.id for c in reopened.checks_for(decision.id)] == [kept.id]
    assert reopened.check(wrong.id).deleted_at == "2026-11-27T14:15:00+01:00"
    assert [c.id for c in reopened.all_checks()] == [kept.id]


def test_the_weeks_returns_leave_out_a_deleted_decision(path):
    store = Store(path)
    monday = dt.date(2026, 11, 23)
    returned = []
    for day in (monday, DAY):
        decision = decide(store, day=day)
        store.save_review(NOW, day, {decision.id: Outcome.RETURNED})
        returned.append(decision)
    assert store.week_returns(DAY) == 2
    store.delete_decision(NOW, returned[0].id)
    assert store.week_returns(DAY) == 1
    assert store.returns_between(monday, DAY) == 1
    assert Store(path).week_returns(DAY) == 1
    store.restore(NOW, returned[0].id)
    assert store.week_returns(DAY) == 2


# -- one snapshot for a worker ------------------------------------------------------------


def test_a_snapshot_holds_what_the_three_reads_give_from_one_reload_of_the_journal(tmp_path):
    path = tmp_path / "journal.json"
    store = Store(path)
    first, second = decide(store, "one"), decide(store, "two")
    store.save_check(NOW.add(hours=2), first, State.HOLDING, pulls=["guilt"])
    store.save_review(NOW.add(hours=12), DAY, {first.id: Outcome.KEPT}, learned="it held", contact=4)
    store.delete_decision(NOW.add(hours=13), second.id)
    elsewhere = Store(path)
    decide(elsewhere, "three, saved by another process")
    loads = store.storage.loads

    snapshot = store.snapshot()

    assert store.storage.loads == loads + 1  # the other process's save, read once
    assert snapshot.decisions == tuple(store.all_decisions())
    assert [d.text for d in snapshot.decisions] == [
        "one",
        "three, saved by another process",
    ]  # the deleted one left out
    assert snapshot.checks == tuple(store.all_checks()) and len(snapshot.checks) == 1
    assert snapshot.reviews == tuple(store.all_reviews()) and len(snapshot.reviews) == 1
    assert store.storage.loads == loads + 1


def test_a_save_from_another_thread_waits_while_the_journal_is_being_read(tmp_path):
    import threading

    store = Store(tmp_path / "journal.json")
    decide(store, "before")
    saver = threading.Thread(target=lambda: decide(store, "during"))
    with store.storage.unchanging() as tables:
        seen = dict(tables["decisions"])
        saver.start()
        saver.join(0.3)
        assert saver.is_alive()  # the save waits for the reading to end
        assert tables["decisions"] == seen
    saver.join(5)
    assert not saver.is_alive()
    assert [d.text for d in store.snapshot().decisions] == ["before", "during"]


# -- a carried copy deleted, brought back, or carried twice ------------------------------


def test_deleting_a_carried_copy_opens_the_earlier_decision_again_and_undo_carries_it_again():
    from data.models import Outcome

    store = Store.in_memory()
    now = dt.datetime(2026, 11, 27, 8, 0, tzinfo=dt.UTC)
    earlier = store.add_decision(now, "2026-11-26", "Ask for the raise", "Relational Key")
    copy = store.carry_forward(now, earlier, dt.date(2026, 11, 27))
    assert store.decision(earlier.id).outcome is Outcome.CARRIED
    mark = store.delete_decision(now, copy.id)
    # Nothing carries it now: it is open, offered again, not "carried forward" to nowhere.
    assert store.decision(earlier.id).outcome is None
    assert [d.id for d in store.open_decisions_before(dt.date(2026, 11, 27))] == [earlier.id]
    store.restore(now, copy.id)
    assert mark and store.decision(earlier.id).outcome is Outcome.CARRIED


def test_an_outcome_the_person_gave_stands_when_the_copy_is_deleted():
    from data.models import Outcome

    store = Store.in_memory()
    now = dt.datetime(2026, 11, 27, 8, 0, tzinfo=dt.UTC)
    earlier = store.add_decision(now, "2026-11-26", "Ask for the raise", "Relational Key")
    copy = store.carry_forward(now, earlier, dt.date(2026, 11, 27))
    store.save_review(now, "2026-11-26", {earlier.id: Outcome.RETURNED})
    store.delete_decision(now, copy.id)
    assert store.decision(earlier.id).outcome is Outcome.RETURNED


def test_a_decision_already_carried_is_not_carried_twice():
    store = Store.in_memory()
    now = dt.datetime(2026, 11, 27, 8, 0, tzinfo=dt.UTC)
    earlier = store.add_decision(now, "2026-11-26", "Ask for the raise", "Relational Key")
    store.carry_forward(now, earlier, dt.date(2026, 11, 27))
    with pytest.raises(RefError, match="already carried forward"):
        store.carry_forward(now, earlier, dt.date(2026, 11, 27))  # a stale list in a second terminal
    assert [d.text for d in store.decisions_on("2026-11-27")] == ["Ask for the raise"]
