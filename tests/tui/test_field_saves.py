"""Forms save only what the person changed: what another terminal wrote meanwhile stays.

The journal is a real file; "another terminal" is a second Store on it, writing while a
form is open in the app.
"""

from __future__ import annotations

import orjson
import pytest

from data.edits import ALSO_WRITTEN
from data.models import Outcome, State
from data.store import Store
from tests.tui.conftest import screen_text, type_text
from tests.waits import screen_opened
from tui.base import FormScreen
from tui.dialogs import ConflictDialog

DAY = "2026-11-27"


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(tmp_path / "journal.json")


@pytest.fixture
def shell(store) -> Store:
    """The other terminal, on the same journal file."""
    return Store(store.path)


def journal(store) -> dict:
    return orjson.loads(store.path.read_bytes())


def write_elsewhere(store, table: str, record_id: str, **fields) -> None:
    """Change a record in the journal file from outside the app (a hand edit, another device)."""
    data = journal(store)
    data[table][record_id].update(fields)
    store.path.write_bytes(orjson.dumps(data))


def the_review(store) -> dict:
    [review] = journal(store)["reviews"].values()
    return review


async def choose_in_day_view(app, pilot, label: str) -> None:
    """In the day view, press ctrl+e and pick the entry whose words start with LABEL."""
    await pilot.press("ctrl+e")
    await pilot.pause()
    options = app.screen.query_one("OptionList")
    index = next(i for i in range(options.option_count) if str(options.get_option_at_index(i).prompt).startswith(label))
    options.highlighted = index
    await pilot.press("enter")
    await screen_opened(pilot, FormScreen, f"the form of the entry {label!r}")


async def test_evening_keeps_reflections_written_elsewhere_while_it_was_open(build, store, shell, clock):
    clock.set("2026-11-27T20:15:00")
    decision = store.add_decision(clock.now(), DAY, "d", "Inner Foundation")
    app = build(start="evening")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shell.save_review(clock.now(), DAY, {}, learned="from the shell", left="also from the shell")
        await pilot.press("enter")  # kept
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Saved." in screen_text(app)
        # The form now shows what the journal holds, the shell's words too.
        assert app.screen.query_one("#learned").text == "from the shell"
    review = the_review(store)
    assert (review["learned"], review["left"]) == ("from the shell", "also from the shell")
    assert journal(store)["decisions"][decision.id]["outcome"] == "kept"


async def test_evening_saved_twice_keeps_what_came_from_elsewhere(build, store, shell, clock):
    clock.set("2026-11-27T20:15:00")
    store.add_decision(clock.now(), DAY, "d", "Inner Foundation")
    app = build(start="evening")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shell.save_review(clock.now(), DAY, {}, learned="from the shell")
        await pilot.press("enter", "ctrl+s")
        await pilot.pause()
        app.screen.query_one("#repair").focus()
        await type_text(pilot, "said sorry")
        await pilot.press("ctrl+s")
        await pilot.pause()
    review = the_review(store)
    assert (review["learned"], review["repair"]) == ("from the shell", "said sorry")


async def test_editing_a_decision_from_history_keeps_an_outcome_given_elsewhere(build, store, shell, clock):
    decision = store.add_decision(clock.now(), DAY, "Walk", "Inner Foundation")
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert app.screen.title == "Edit decision"
        shell.save_review(clock.now(), DAY, {decision.id: Outcome.KEPT})
        app.screen.query_one("#decision").value = ""
        await type_text(pilot, "Walk at lunch")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.title == "History"
    row = journal(store)["decisions"][decision.id]
    assert (row["text"], row["outcome"]) == ("Walk at lunch", "kept")


async def test_an_edited_check_keeps_a_note_written_elsewhere(build, store, shell, clock):
    decision = store.add_decision(clock.now(), DAY, "Walk", "Inner Foundation")
    check = store.save_check(clock.now(), decision, State.HOLDING)
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await app.run_action(f"open_day('{DAY}')")
        await pilot.pause()
        await choose_in_day_view(app, pilot, "Check at")
        assert app.screen.title.startswith("Edit check")
        write_elsewhere(store, "checks", check.id, body="tight chest")
        await pilot.press("down", "enter")  # wobbling
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "DayScreen"
        assert "tight chest" in app.screen.day_markdown()
    row = journal(store)["checks"][check.id]
    assert (row["state"], row["body"]) == ("wobbling", "tight chest")


async def test_the_day_views_edit_of_a_decision_keeps_a_check_free_outcome_given_elsewhere(build, store, shell, clock):
    decision = store.add_decision(clock.now(), DAY, "Walk", "Inner Foundation", why="air")
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await app.run_action(f"open_day('{DAY}')")
        await pilot.pause()
        await pilot.press("ctrl+e")  # one entry only: straight to its form
        await screen_opened(pilot, FormScreen, "the form of the day's one entry")
        assert app.screen.title == "Edit decision"
        shell.save_review(clock.now(), DAY, {decision.id: Outcome.RETURNED})
        write_elsewhere(store, "decisions", decision.id, next_step="shoes on at noon")
        app.screen.query_one("#certainty").focus()
        await type_text(pilot, "3")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "DayScreen"
    row = journal(store)["decisions"][decision.id]
    assert (row["certainty"], row["outcome"], row["next_step"], row["why"]) == (
        3,
        "returned",
        "shoes on at noon",
        "air",
    )


async def test_the_day_views_edit_of_the_review_keeps_what_was_written_elsewhere(build, store, shell, clock):
    decision = store.add_decision(clock.now(), DAY, "Walk", "Inner Foundation")
    store.save_review(clock.now(), DAY, {decision.id: Outcome.KEPT}, learned="first words")
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await app.run_action(f"open_day('{DAY}')")
        await pilot.pause()
        await choose_in_day_view(app, pilot, "The evening review")
        assert app.screen.title == "Evening"
        shell.save_review(clock.now(), DAY, {decision.id: Outcome.RETURNED}, left="from the shell")
        app.screen.query_one("#contact").focus()
        await type_text(pilot, "4")
        await pilot.press("ctrl+s")
        await pilot.pause()
    review = the_review(store)
    assert (review["contact"], review["left"], review["learned"]) == (4, "from the shell", "first words")
    assert journal(store)["decisions"][decision.id]["outcome"] == "returned"


# -- a true conflict: the same text changed on both sides ------------------------------------


async def open_evening_with_a_conflict(build, store, shell, clock, pilot_size=(80, 24)):
    clock.set("2026-11-27T20:15:00")
    store.add_decision(clock.now(), DAY, "d", "Inner Foundation")
    store.save_review(clock.now(), DAY, {}, learned="before")
    return build(start="evening")


async def write_mine_and_save(app, pilot, shell, clock):
    shell.save_review(clock.now(), DAY, {}, learned="from the shell")
    area = app.screen.query_one("#learned")
    area.focus()
    area.text = ""
    await type_text(pilot, "from the app")
    await pilot.press("ctrl+s")
    await pilot.pause()


@pytest.mark.parametrize(
    ("key", "kept"),
    [("t", "from the shell"), ("m", "from the app"), ("b", f"from the app\n\n{ALSO_WRITTEN}\nfrom the shell")],
)
async def test_a_conflict_shows_both_texts_and_saves_the_choice(build, store, shell, clock, key, kept):
    app = await open_evening_with_a_conflict(build, store, shell, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await write_mine_and_save(app, pilot, shell, clock)
        assert isinstance(app.screen, ConflictDialog)
        shown = screen_text(app)
        assert "What I learned" in shown and "from the shell" in shown and "from the app" in shown
        await pilot.press(key)
        await pilot.pause()
        assert app.screen.title == "Evening"
        assert app.screen.query_one("#learned").text == kept  # the form shows what was saved
    assert the_review(store)["learned"] == kept


async def test_escape_in_the_conflict_dialog_leaves_the_form_open_and_saves_nothing(build, store, shell, clock):
    app = await open_evening_with_a_conflict(build, store, shell, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await write_mine_and_save(app, pilot, shell, clock)
        assert isinstance(app.screen, ConflictDialog)
        before = store.path.read_bytes()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.title == "Evening"
        assert app.screen.query_one("#learned").text == "from the app"  # what was typed stays
        assert store.path.read_bytes() == before
        await pilot.press("ctrl+s")  # saving again asks again
        await pilot.pause()
        assert isinstance(app.screen, ConflictDialog)
    assert the_review(store)["learned"] == "from the shell"


async def test_a_decision_text_changed_on_both_sides_offers_theirs_or_mine(build, store, shell, clock):
    decision = store.add_decision(clock.now(), DAY, "Walk", "Inner Foundation")
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("ctrl+e")
        await pilot.pause()
        shell.update_decision(clock.now(), decision.id, {"text": "Walk with Sam"})
        app.screen.query_one("#decision").value = ""
        await type_text(pilot, "Walk at lunch")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConflictDialog)
        assert not app.screen.query("#both-button")  # one line: both cannot be kept in it
        await pilot.press("b")  # not offered: nothing happens
        await pilot.pause()
        assert isinstance(app.screen, ConflictDialog)
        await pilot.press("m")
        await pilot.pause()
        assert app.screen.title == "History"
    assert journal(store)["decisions"][decision.id]["text"] == "Walk at lunch"


async def test_evening_keeps_a_review_written_by_the_command_in_another_terminal(tmp_path, settings, clock):
    """Issue 12's first case, as a person does it: the real command writes while Evening is open."""
    from tests.cli.conftest import Selftrust
    from tui.app import make_app

    cli = Selftrust(tmp_path)
    when = "2026-11-27T20:15:00"
    cli.ok("decide", "d", now=when)
    clock.set(when)
    app = make_app(store=Store(cli.db), settings=settings, clock=clock, start="evening")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        cli.ok("review", "--learned", "from the shell", "--left", "also from the shell", now=when)
        await pilot.press("enter")  # kept
        await pilot.press("ctrl+s")
        await pilot.pause()
    [review] = cli.journal()["reviews"].values()
    assert (review["learned"], review["left"]) == ("from the shell", "also from the shell")
    assert [d["outcome"] for d in cli.decisions()] == ["kept"]


async def test_an_untouched_field_the_form_would_refuse_never_stops_an_edit_of_another(build, store, clock):
    # Written by hand or by an older tool: longer than typing allows, a line separator inside,
    # padded with spaces. The person changes only the certainty; the text stays exactly as stored.
    decision = store.add_decision(clock.now(), DAY, "Walk", "Inner Foundation")
    odd = "  " + "a long line\u2028" * 50 + "  "
    write_elsewhere(store, "decisions", decision.id, text=odd, next_step="\tstep ")
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("ctrl+e")
        await pilot.pause()
        app.screen.query_one("#certainty").focus()
        await type_text(pilot, "4")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.title == "History", screen_text(app)
    row = journal(store)["decisions"][decision.id]
    assert (row["certainty"], row["text"], row["next_step"]) == (4, odd, "\tstep ")


async def test_an_edited_check_leaves_a_hand_edited_note_as_stored_when_it_is_not_touched(build, store, clock):
    decision = store.add_decision(clock.now(), DAY, "Walk", "Inner Foundation")
    check = store.save_check(clock.now(), decision, State.HOLDING)
    write_elsewhere(store, "checks", check.id, body="tight\x1b[2J chest", pulls=["fe\x1bar"])
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await app.run_action(f"open_day('{DAY}')")
        await pilot.pause()
        await choose_in_day_view(app, pilot, "Check at")
        await pilot.press("down", "enter")  # wobbling
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "DayScreen", screen_text(app)
    row = journal(store)["checks"][check.id]
    assert (row["state"], row["body"], row["pulls"]) == ("wobbling", "tight\x1b[2J chest", ["fe\x1bar"])
