"""Quick capture from the command line: decide, check, review, as a person uses them."""

import re
import stat

from data.models import SCHEMA_VERSION

FRIDAY = "Friday 27 November 2026"


def test_the_full_day_from_the_command_line(cli):
    morning = cli.ok(
        "decide",
        "Tell Sam the Friday deadline doesn't work for me",
        "--area", "relational",
        "--why", "My word to myself matters",
        "--pull", "fear",
        "--pull", "Approval",
        "--certainty", "2",
        "--next", "Draft the message",
        "--say", "Friday doesn't work for me; Monday does.",
    )  # fmt: skip
    assert morning.out.startswith(f"Decision 1 for {FRIDAY}: Tell Sam the Friday deadline doesn't work for me  [")
    assert "You don't need to be sure. You need a next step." in morning.out
    second = cli.ok("decide", "Go to bed by eleven", now="2026-11-27T09:20:00")
    assert second.out.startswith(f"Decision 2 for {FRIDAY}: Go to bed by eleven")

    midday = cli.ok(
        "check", "1",
        "--state", "wobbling",
        "--pull", "guilt",
        "--pull", "PRESSURE",
        "--pattern", "softened the truth",
        "--body", "tight chest, shallow breath",
        "--return", "Send it before lunch ends",
        now="2026-11-27T13:05:00",
    )  # fmt: skip
    assert midday.out.strip() == (
        "Check saved on decision 1 (Tell Sam the Friday deadline doesn't work for me): wobbling. "
        "You noticed. That's the training."
    )
    cli.ok("check", "2", "--state", "holding", now="2026-11-27T13:06:00")

    evening = cli.ok(
        "review",
        "--outcome", "1=returned",
        "--outcome", "2=kept",
        "--left", "When Sam sighed",
        "--returned", "After the walk",
        "--repair", "Told Sam I had rushed my answer",
        "--learned", "The pull passes if I wait",
        "--contact", "4",
        now="2026-11-27T21:40:00",
    )  # fmt: skip
    assert evening.out.strip() == f"Review saved for {FRIDAY}. 1 return today. Every return is a rep. 1 kept."

    journal = cli.journal()
    assert journal["schema_version"] == SCHEMA_VERSION
    assert set(journal) == {"schema_version", "decisions", "checks", "reviews"}
    first, bed = cli.decisions()
    assert first == {
        "id": first["id"],
        "created_at": "2026-11-27T09:15:00+01:00",
        "updated_at": "2026-11-27T21:40:00+01:00",
        "deleted_at": None,
        "rev": 2,  # saved when decided, again when its outcome was given
        "day": "2026-11-27",
        "n": 1,
        "text": "Tell Sam the Friday deadline doesn't work for me",
        "area": "Relational Key",
        "why": "My word to myself matters",
        "pulls_expected": ["fear", "approval"],
        "certainty": 2,
        "next_step": "Draft the message",
        "say": "Friday doesn't work for me; Monday does.",
        "outcome": "returned",
        "carried_from": None,
        "plans": [],
        "hard": "",
        "revised_from": None,
        "revised_why": "",
    }
    assert re.fullmatch(r"[0-9a-f]{12,}", first["id"])
    assert first["id"] in journal["decisions"]
    assert (bed["n"], bed["area"], bed["outcome"], bed["certainty"], bed["say"]) == (
        2,
        "Inner Foundation",
        "kept",
        None,
        None,
    )

    checks = sorted(journal["checks"].values(), key=lambda c: c["at"])
    assert len(checks) == 2
    wobble = checks[0]
    assert wobble == {
        "id": wobble["id"],
        "created_at": "2026-11-27T13:05:00+01:00",
        "updated_at": "2026-11-27T13:05:00+01:00",
        "deleted_at": None,
        "rev": 1,
        "decision_id": first["id"],
        "day": "2026-11-27",
        "at": "2026-11-27T13:05:00+01:00",
        "state": "wobbling",
        "pulls": ["guilt", "pressure"],
        "patterns": ["softened the truth"],
        "body": "tight chest, shallow breath",
        "return_step": "Send it before lunch ends",
        "intensity": None,
        "intensity_after": None,
        "feeling": None,
        "acted": None,
        "pull_at": None,
        "returned_to": [],
        "plan_helped": None,
    }
    assert (checks[1]["decision_id"], checks[1]["state"]) == (bed["id"], "holding")

    [review] = journal["reviews"].values()
    assert review == {
        "id": review["id"],
        "created_at": "2026-11-27T21:40:00+01:00",
        "updated_at": "2026-11-27T21:40:00+01:00",
        "deleted_at": None,
        "rev": 1,
        "day": "2026-11-27",
        "left": "When Sam sighed",
        "returned": "After the walk",
        "repair": "Told Sam I had rushed my answer",
        "learned": "The pull passes if I wait",
        "contact": 4,
    }
    assert len({first["id"], bed["id"], wobble["id"], review["id"]}) == 4


def test_the_first_save_creates_a_private_journal(cli):
    assert not cli.db.exists()
    cli.ok("decide", "Keep my lunch hour")
    assert stat.S_IMODE(cli.db.stat().st_mode) == 0o600
    assert stat.S_IMODE(cli.db.parent.stat().st_mode) == 0o700
    # Beside it only its lock file (private too); no backups before there is something to back up.
    assert sorted(name.name for name in cli.db.parent.iterdir()) == ["journal.json", "journal.json.lock"]
    assert stat.S_IMODE(cli.db.with_name("journal.json.lock").stat().st_mode) == 0o600
    cli.ok("decide", "Look back at last year", "--date", "2026-01-01", now="2026-01-01T10:00:00")


def test_reviewing_again_updates_the_one_review_and_keeps_what_was_not_given(cli):
    cli.ok("decide", "Say no to the extra shift")
    cli.ok("review", "--outcome", "abandoned", "--learned", "I was tired", "--contact", "2", now="2026-11-27T20:00:00")
    again = cli.ok(
        "review", "--outcome", "1=returned", "--repair", "Called back and said no", now="2026-11-27T23:30:00"
    )
    assert "1 return today" in again.out
    [review] = cli.journal()["reviews"].values()
    assert review["learned"] == "I was tired"
    assert review["contact"] == 2
    assert review["repair"] == "Called back and said no"
    assert review["updated_at"] == "2026-11-27T23:30:00+01:00"
    assert cli.decisions()[0]["outcome"] == "returned"


def test_a_blank_contact_clears_it_beside_a_reflection_but_alone_is_nothing_to_review(cli):
    cli.ok("decide", "Ask for help")
    cli.ok("review", "--learned", "Asking is allowed", "--contact", "4", now="2026-11-27T20:00:00")
    alone = cli("review", "--contact", "", now="2026-11-27T20:05:00")
    assert alone.code == 2
    assert "nothing to review" in alone.err
    cli.ok("review", "--left", "At lunch", "--contact", "", now="2026-11-27T20:10:00")
    [review] = cli.journal()["reviews"].values()
    assert (review["left"], review["learned"], review["contact"]) == ("At lunch", "Asking is allowed", None)


def test_a_review_that_leaves_a_decision_open_says_so(cli):
    cli.ok("decide", "one")
    cli.ok("decide", "two")
    result = cli.ok("review", "--outcome", "2=abandoned", now="2026-11-27T20:00:00")
    assert "An abandoned decision is information, not a verdict. Tomorrow is another rep." in result.out
    assert "Still open: 1." in result.out


def test_a_check_with_one_open_decision_needs_no_reference(cli):
    cli.ok("decide", "Leave work at six")
    result = cli.ok("check", "--state", "changed", now="2026-11-27T12:45:00")
    assert "An honest change of mind is not abandoning yourself." in result.out
    [check] = cli.journal()["checks"].values()
    assert check["state"] == "changed"


def test_an_entry_after_midnight_belongs_to_the_day_before(cli):
    cli.ok("decide", "Read instead of scrolling", now="2026-11-27T20:00:00")
    late = cli.ok("review", "--outcome", "kept", now="2026-11-28T01:30:00")
    assert FRIDAY in late.out
    assert cli.decisions()[0]["outcome"] == "kept"
    cli.ok("decide", "Saturday's decision", now="2026-11-28T04:00:00")
    assert [d["day"] for d in cli.decisions()] == ["2026-11-27", "2026-11-28"]


def test_a_fixed_time_with_an_offset_is_read_on_the_configured_clock(cli):
    # 03:30 UTC is 04:30 in Berlin: already Friday's logical day, not Thursday's.
    cli.ok("decide", "Start the day slowly", now="2026-11-27T03:30:00Z")
    [decision] = cli.decisions()
    assert decision["day"] == "2026-11-27"
    assert decision["created_at"] == "2026-11-27T04:30:00+01:00"


def test_date_yesterday_back_dates_and_check_and_review_act_on_that_day(cli):
    made = cli.ok("decide", "Ask for help with the move", "--date", "yesterday")
    assert made.out.startswith("Decision 1 for Thursday 26 November 2026: Ask for help with the move")
    [decision] = cli.decisions()
    assert decision["day"] == "2026-11-26"
    assert decision["created_at"] == "2026-11-27T09:15:00+01:00"  # written now, for yesterday

    today = cli("check", "--state", "holding")
    assert today.code == 2
    assert today.err_lines == ["selftrust: no decision on 2026-11-27 yet"]

    cli.ok("check", "--state", "abandoned", "--date", "yesterday", "--pull", "safety")
    [check] = cli.journal()["checks"].values()
    assert (check["day"], check["decision_id"], check["state"]) == ("2026-11-26", decision["id"], "abandoned")

    review = cli.ok("review", "--date", "2026-11-26", "--outcome", "1=returned", "--learned", "Asking is allowed")
    assert review.out.startswith("Review saved for Thursday 26 November 2026.")
    [stored] = cli.journal()["reviews"].values()
    assert stored["day"] == "2026-11-26"
    assert cli.decisions()[0]["outcome"] == "returned"


def test_a_decision_is_named_by_the_id_prefix_it_printed(cli):
    cli.ok("decide", "first")
    second = cli.ok("decide", "second")
    prefix = re.search(r"\[([0-9a-f]{8})\]", second.out).group(1)
    result = cli.ok("check", prefix, "--state", "wobbling", now="2026-11-27T13:00:00")
    assert "decision 2 (second)" in result.out
    [check] = cli.journal()["checks"].values()
    assert check["decision_id"].startswith(prefix)
    cli.ok("review", "--outcome", f"{prefix[:4]}=kept", "--outcome", "1=abandoned")
    assert [d["outcome"] for d in cli.decisions()] == ["abandoned", "kept"]


def test_a_new_pull_name_is_kept_with_a_note_naming_the_closest_known(cli):
    result = cli("decide", "Stay in the meeting", "--pull", "feer")
    assert result.code == 0
    assert result.err_lines == ["note: 'feer' is a new pull; the closest known pull is 'fear'"]
    assert cli.decisions()[0]["pulls_expected"] == ["feer"]

    check = cli("check", "--state", "wobbling", "--pull", "Fear", "--pattern", "said yess")
    assert check.code == 0
    assert check.err_lines == ["note: 'said yess' is a new pattern; the closest known pattern is 'said yes'"]
    [stored] = cli.journal()["checks"].values()
    assert stored["pulls"] == ["fear"]
    assert stored["patterns"] == ["said yess"]


def test_names_from_the_settings_are_known_and_areas_come_from_the_settings(cli):
    cli.config.write_text('timezone = "Europe/Berlin"\npulls = ["hurry"]\nareas = ["Work", "Home"]\n', encoding="utf-8")
    cli.ok("decide", "Leave on time", "--pull", "HURRY", "--area", "home")
    cli.ok("decide", "Lunch away from the desk")
    first, second = cli.decisions()
    assert first["pulls_expected"] == ["hurry"]
    assert (first["area"], second["area"]) == ("Home", "Work")


def test_a_fourth_decision_gets_the_gentle_note_but_is_saved(cli):
    for n in (1, 2, 3):
        result = cli.ok("decide", f"decision {n}")
        assert "Fewer decisions" not in result.out
    fourth = cli.ok("decide", "decision 4")
    assert fourth.out.startswith(f"Decision 4 for {FRIDAY}: decision 4")
    assert "That makes 4 for the day. Fewer decisions, kept, train more trust." in fourth.out
    assert [d["n"] for d in cli.decisions()] == [1, 2, 3, 4]


def test_an_abandoned_check_is_answered_as_midday_answers_it(cli):
    cli.ok("decide", "Leave at six")
    result = cli.ok("check", "--state", "abandoned", now="2026-11-27T13:00:00")
    assert result.out.strip() == (
        "Check saved on decision 1 (Leave at six): abandoned. "
        "You noticed. That's the training. Coming back is still open to you."
    )


def test_text_in_any_script_is_saved_as_typed(cli):
    text = "Sag es klar 🙂 — אני אומר את האמת — 日本語"
    result = cli.ok("decide", text, "--say", "Nein, danke. 🙏")
    assert text in result.out
    decision = cli.decisions()[0]
    assert decision["text"] == text
    assert decision["say"] == "Nein, danke. 🙏"
    assert text in cli.db.read_text(encoding="utf-8")  # readable as is, not \u-escaped


def test_a_pasted_tab_is_a_space_in_a_one_line_field_and_kept_in_a_note(cli):
    cli.ok("decide", "Tell Sam\tFriday", "--next", "write\tat ten", "--why", "my time\n\tmatters")
    decision = cli.decisions()[0]
    assert decision["text"] == "Tell Sam Friday"
    assert decision["next_step"] == "write at ten"
    assert decision["why"] == "my time\n\tmatters"
