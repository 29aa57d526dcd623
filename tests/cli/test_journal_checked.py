"""A journal edited by hand (or by a sync tool) is checked whole on open.

A wrong field anywhere stops every command that reads the journal with exit 3 and one
line naming the table, the record and the field, and the journal is left as it was; the
app stops the same way before it draws. Most runs here are in-process through
`tui.cli.main` (cheap enough for a property test), a few through the installed command.
"""

from __future__ import annotations

import copy
import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cli.conftest import NOW
from tui import cli as selftrust

DAY = "2026-11-27"


class Sandbox:
    """A journal, a settings file and a backup in a folder, and commands run on them in-process."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.db = root / "journal.json"
        self.config = root / "config.toml"
        self.config.write_text('timezone = "Europe/Berlin"\n', encoding="utf-8")

    def run(self, *argv: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
        """Run one command; an exception escaping main fails the test with it."""
        saved = {k: os.environ.get(k) for k in ("SELFTRUST_DB", "SELFTRUST_CONFIG", "SELFTRUST_NOW")}
        os.environ.update(SELFTRUST_DB=str(self.db), SELFTRUST_CONFIG=str(self.config), SELFTRUST_NOW=NOW)
        try:
            code = selftrust.main(list(argv))
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
        out, err = capsys.readouterr()
        return code, out, err


class NoApp:
    """Stands in for the app: reaching it means the journal passed its check at start."""

    return_code = 0

    def run(self) -> None:
        return None


@pytest.fixture
def no_app(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The bare app's start, without a terminal: records whether the app was made."""
    import tui.app

    made: list[str] = []

    def make_app(**kwargs: object) -> NoApp:
        made.append("made")
        return NoApp()

    monkeypatch.setattr(tui.app, "make_app", make_app)
    return made


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A small, whole journal (a decision carried forward, a check, a review) and a backup of it."""
    root = tmp_path_factory.mktemp("base")
    box = Sandbox(root)
    env = {"SELFTRUST_DB": str(box.db), "SELFTRUST_CONFIG": str(box.config), "SELFTRUST_NOW": "2026-11-26T09:00:00"}
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        assert selftrust.main(["decide", "Ask for the Friday off"]) == 0
        os.environ["SELFTRUST_NOW"] = NOW
        assert selftrust.main(["decide", "Walk at lunch", "--say", "Not now"]) == 0
        assert selftrust.main(["check", "--state", "wobbling", "--pull", "guilt"]) == 0
        assert (
            selftrust.main(["review", "--outcome", "1=kept", "--learned", "Saying it early helps", "--contact", "4"])
            == 0
        )
        assert selftrust.main(["export", "--format", "json", "--out", str(root / "backup.json")]) == 0
    finally:
        for key, value in old.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    journal = json.loads(box.db.read_bytes())
    # The older decision is carried forward by hand, so carried_from has something to name.
    yesterday, today = sorted(journal["decisions"].values(), key=lambda d: d["day"])
    today["carried_from"] = yesterday["id"]
    return {"journal": journal, "backup": (root / "backup.json").read_bytes()}


def first(journal: dict, table: str, day: str = DAY) -> dict:
    return next(r for r in journal[table].values() if r["day"] == day)


def sandbox_with(root: Path, journal: dict | bytes, backup: bytes) -> Sandbox:
    box = Sandbox(root)
    box.db.write_bytes(journal if isinstance(journal, bytes) else json.dumps(journal).encode())
    (root / "backup.json").write_bytes(backup)
    return box


# Every command a person runs on the journal (config reads only the settings).
COMMANDS = (
    ("decide", "Say no to the extra shift"),
    ("check", "--state", "holding"),
    ("review", "--learned", "from the shell"),
    ("export", "--format", "md", "--out", "{root}/notes"),
    ("export", "--format", "json", "--out", "{root}/out.json"),
    ("import", "{root}/backup.json"),
    ("stats",),
    ("remind",),
    ("doctor",),
    ("config",),
    (),  # the bare app, on Today
)


def run_everything(box: Sandbox, capsys, no_app: list[str]) -> dict[tuple[str, ...], tuple[int, str]]:
    """Every command on the journal: each one's exit code and error line; the journal's bytes must not change."""
    before = box.db.read_bytes()
    found = {}
    for command in COMMANDS:
        argv = tuple(part.format(root=box.root) for part in command)
        no_app.clear()
        code, _out, err = box.run(*argv, capsys=capsys)
        found[command] = (code, err)
        if code == 3:
            assert box.db.read_bytes() == before, (command, err)
            assert not no_app, "the app was made although the journal is unusable"
    return found


def assert_refused(found: dict, *words: str) -> None:
    """Every command but config stopped with exit 3 and one line holding WORDS; config still answers."""
    for command, (code, err) in found.items():
        if command == ("config",):
            assert code == 0, err
            continue
        assert code == 3, (command, err)
        if command != ("doctor",):  # doctor says it on stdout, among its findings
            assert len(err.splitlines()) == 1, (command, err)
            for word in words:
                assert word in err, (command, err)


CASE_3 = {
    "an outcome that is a list": ("decisions", "outcome", [1]),
    "a check's state that is an object": ("checks", "state", {}),
    "a decision's day in words": ("decisions", "day", "yesterday"),
    "a day not on the calendar": ("decisions", "day", "2026-02-30"),
    "a day outside the days kept": ("decisions", "day", "0001-01-01"),
    "a revision too large to raise": ("decisions", "rev", 2**64 - 1),
    "a number too large for its day": ("decisions", "n", 2**64 - 1),
    "an area that is a number": ("decisions", "area", 5),
    "pulls expected that are a number": ("decisions", "pulls_expected", 5),
    "carried_from that is a list": ("decisions", "carried_from", [1]),
    "a check's pulls that are null": ("checks", "pulls", None),
    "a check's decision_id that is a list": ("checks", "decision_id", [1]),
    "a review's contact in quotes": ("reviews", "contact", "4"),
    "a check time with no UTC offset": ("checks", "at", "2026-11-27T13:05:00"),
    # schema 4's fields
    "a pull's strength of 11": ("checks", "intensity", 11),
    "a strength after the pause below 0": ("checks", "intensity_after", -1),
    "a feeling of two words": ("checks", "feeling", "let down"),
    "acted that is no answer": ("checks", "acted", "maybe"),
    "when the pull came with no UTC offset": ("checks", "pull_at", "2026-11-27T12:40:00"),
    "a return that is not in the vocabulary": ("checks", "returned_to", ["my phone"]),
    "plan_helped in quotes": ("checks", "plan_helped", "yes"),
    "a plan without its then": ("decisions", "plans", [{"pull": "fear"}]),
    "a revision from somewhere unknown": ("decisions", "revised_from", "mood"),
    "what made it hard that is a number": ("decisions", "hard", 3),
}


@pytest.mark.parametrize("case", CASE_3)
def test_a_wrong_field_stops_every_command_naming_table_record_and_field(base, tmp_path, capsys, no_app, case):
    table, name, value = CASE_3[case]
    journal = copy.deepcopy(base["journal"])
    record = first(journal, table)
    record[name] = value
    box = sandbox_with(tmp_path, journal, base["backup"])
    found = run_everything(box, capsys, no_app)
    assert_refused(found, table, repr(record["id"]), name)
    code, out, _err = box.run("doctor", capsys=capsys)
    assert code == 3 and "✗ integrity" in out and name in out and record["id"] in out


def test_a_check_time_with_no_utc_offset_is_named_and_refused_on_open_and_on_import(base, tmp_path, capsys):
    journal = copy.deepcopy(base["journal"])
    first(journal, "checks")["at"] = "2026-11-27T13:05:00"
    (tmp_path / "journal").mkdir()
    (tmp_path / "import").mkdir()
    box = sandbox_with(tmp_path / "journal", journal, base["backup"])
    before = box.db.read_bytes()
    code, out, err = box.run("check", "--state", "holding", capsys=capsys)
    assert (code, out) == (3, "") and "at '2026-11-27T13:05:00' has no UTC offset" in err, err
    assert box.db.read_bytes() == before
    backup = json.loads(base["backup"])
    next(r for r in backup["checks"] if r["day"] == DAY)["at"] = "2026-11-27T13:05:00"
    box = sandbox_with(tmp_path / "import", base["journal"], json.dumps(backup).encode())
    before = box.db.read_bytes()
    code, _out, err = box.run("import", str(box.root / "backup.json"), capsys=capsys)
    assert code == 2 and "has no UTC offset" in err and "nothing was imported" in err, err
    assert box.db.read_bytes() == before


def test_a_stopped_command_points_at_the_newest_good_backup(base, tmp_path, capsys):
    box = sandbox_with(tmp_path, base["journal"], base["backup"])
    assert box.run("decide", "A second save, so there is a backup", capsys=capsys)[0] == 0
    journal = json.loads(box.db.read_bytes())
    first(journal, "decisions")["outcome"] = [1]
    box.db.write_text(json.dumps(journal), encoding="utf-8")
    code, _out, err = box.run("stats", capsys=capsys)
    assert code == 3
    assert "The newest good backup is" in err and f"mv '{box.db}'" in err


def test_a_record_under_a_key_that_is_not_its_id_is_found(base, tmp_path, capsys, no_app):
    journal = copy.deepcopy(base["journal"])
    record = first(journal, "checks")
    del journal["checks"][record["id"]]
    journal["checks"]["not-its-id"] = record
    box = sandbox_with(tmp_path, journal, base["backup"])
    found = run_everything(box, capsys, no_app)
    assert_refused(found, "checks 'not-its-id'", "is not the key it is stored under")
    code, out, _ = box.run("doctor", capsys=capsys)
    assert code == 3 and "is not the key it is stored under" in out


def test_a_table_given_twice_is_refused_rather_than_losing_the_first(base, tmp_path, capsys, no_app):
    journal = base["journal"]
    whole = json.dumps(journal)
    second = json.dumps({"decisions": {}})[1:-1]  # "decisions": {} — a second, empty table after the first
    raw = (whole[:-1] + ", " + second + "}").encode()
    box = sandbox_with(tmp_path, raw, base["backup"])
    found = run_everything(box, capsys, no_app)
    assert_refused(found, "holds the table 'decisions' twice")
    assert box.db.read_bytes() == raw


def test_a_record_given_twice_in_its_table_is_refused(base, tmp_path, capsys, no_app):
    record = first(base["journal"], "reviews")
    raw = json.dumps(base["journal"]).encode()
    entry = json.dumps({record["id"]: dict(record, learned="the other copy")})[1:-1].encode()
    raw = raw.replace(b'"reviews": {', b'"reviews": {' + entry + b", ", 1)
    box = sandbox_with(tmp_path, raw, base["backup"])
    found = run_everything(box, capsys, no_app)
    assert_refused(found, f"holds the record {record['id']!r} twice in reviews")


def test_a_field_given_twice_in_a_record_is_refused_rather_than_losing_the_first(base, tmp_path, capsys, no_app):
    record = first(base["journal"], "reviews")
    raw = json.dumps(base["journal"]).encode()
    raw = raw.replace(b'"learned": ', b'"learned": "the first words, lost on the next save", "learned": ', 1)
    box = sandbox_with(tmp_path, raw, base["backup"])
    found = run_everything(box, capsys, no_app)
    assert_refused(found, f"gives the record {record['id']!r} the field 'learned' twice")
    assert box.db.read_bytes() == raw


def test_text_that_looks_like_json_keys_and_a_nested_object_are_no_key_given_twice(base, tmp_path, capsys):
    journal = copy.deepcopy(base["journal"])
    first(journal, "decisions")["text"] = 'He said "no": and then \\": and ":'
    first(journal, "reviews")["my_own_notes"] = {"mood": "calm", "tags": ["a"]}  # a field of one's own, kept
    box = sandbox_with(tmp_path, journal, base["backup"])
    code, _out, err = box.run("stats", capsys=capsys)
    assert code == 0, err
    assert box.run("review", "--learned", "still whole", capsys=capsys)[0] == 0
    review = first(json.loads(box.db.read_bytes()), "reviews")
    assert (review["learned"], review["my_own_notes"]) == ("still whole", {"mood": "calm", "tags": ["a"]})


def test_a_day_in_words_makes_decide_save_nothing_however_often_it_runs(base, tmp_path, capsys):
    journal = copy.deepcopy(base["journal"])
    first(journal, "decisions")["day"] = "yesterday"
    box = sandbox_with(tmp_path, journal, base["backup"])
    before = box.db.read_bytes()
    for _ in range(2):
        code, out, err = box.run("decide", "Leave at six", capsys=capsys)
        assert (code, out) == (3, "") and "day 'yesterday' is not a date like 2026-11-27" in err
    assert box.db.read_bytes() == before


# -- the property: any wrong JSON type in any field ---------------------------------------------

# The JSON types each field may hold (its value is checked further, but these are its types).
TYPES = {
    "decisions": {
        "id": {"text"}, "created_at": {"text"}, "updated_at": {"text"}, "deleted_at": {"text", "null"}, "rev": {"int"},
        "day": {"text"}, "n": {"int"}, "text": {"text"}, "area": {"text"}, "why": {"text"}, "pulls_expected": {"list"},
        "certainty": {"int", "null"}, "next_step": {"text"}, "say": {"text", "null"}, "outcome": {"text", "null"},
        "carried_from": {"text", "null"}, "plans": {"list"}, "hard": {"text"}, "revised_from": {"text", "null"},
        "revised_why": {"text"},
    },
    "checks": {
        "id": {"text"}, "created_at": {"text"}, "updated_at": {"text"}, "deleted_at": {"text", "null"}, "rev": {"int"},
        "decision_id": {"text"}, "day": {"text"}, "at": {"text"}, "state": {"text"}, "pulls": {"list"},
        "patterns": {"list"}, "body": {"text"}, "return_step": {"text"}, "intensity": {"int", "null"},
        "intensity_after": {"int", "null"}, "feeling": {"text", "null"}, "acted": {"text", "null"},
        "pull_at": {"text", "null"}, "returned_to": {"list"}, "plan_helped": {"bool", "null"},
    },
    "reviews": {
        "id": {"text"}, "created_at": {"text"}, "updated_at": {"text"}, "deleted_at": {"text", "null"}, "rev": {"int"},
        "day": {"text"}, "left": {"text"}, "returned": {"text"}, "repair": {"text"}, "learned": {"text"},
        "contact": {"int", "null"},
    },
}  # fmt: skip
VALUES = {
    "null": st.none(),
    "bool": st.booleans(),
    "int": st.integers(-(2**63), 2**63),
    "float": st.floats(allow_nan=False, allow_infinity=False),
    "text": st.text(max_size=8),
    "list": st.lists(st.integers() | st.text(max_size=3), max_size=2),
    "object": st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
}
WRONG = [
    (table, name, kind)
    for table, fields in TYPES.items()
    for name, types in fields.items()
    for kind in VALUES
    if kind not in types
]


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(choice=st.sampled_from(WRONG), data=st.data())
def test_any_wrong_type_in_any_field_stops_every_command_and_changes_nothing(base, capsys, no_app, choice, data):
    table, name, kind = choice
    value = data.draw(VALUES[kind], label="value")
    journal = copy.deepcopy(base["journal"])
    record = first(journal, table)
    wanted = record["id"]
    record[name] = value
    # The same field, as wrong, in a backup: import refuses it (exit 2) into the whole journal.
    backup = json.loads(base["backup"])
    next(r for r in backup[table] if r["id"] == wanted)[name] = value
    with tempfile.TemporaryDirectory() as folder:
        box = sandbox_with(Path(folder), journal, base["backup"])
        found = run_everything(box, capsys, no_app)
        assert_refused(found, table, name)
        box = sandbox_with(Path(folder), base["journal"], json.dumps(backup).encode())
        before = box.db.read_bytes()
        code, _out, err = box.run("import", str(box.root / "backup.json"), capsys=capsys)
        assert code == 2 and len(err.splitlines()) == 1 and "nothing was imported" in err, err
        assert box.db.read_bytes() == before


def test_every_wrong_type_is_refused_by_the_check_itself(base):
    """Each (field, wrong type) once, without the commands: the check alone, for all of them."""
    from data.schema import tables_problem

    samples = {"null": None, "bool": True, "int": 7, "float": 1.5, "text": "x", "list": [1], "object": {}}
    for table, name, kind in WRONG:
        journal = copy.deepcopy(base["journal"])
        journal.pop("schema_version")
        first(journal, table)[name] = samples[kind]
        problem = tables_problem(journal)
        assert problem is not None and name in problem, (table, name, kind, problem)


# -- through the installed command --------------------------------------------------------------


def test_the_installed_command_stops_on_a_wrong_field_in_one_line(cli, base):
    journal = copy.deepcopy(base["journal"])
    record = first(journal, "checks")
    record["state"] = {}
    cli.db.parent.mkdir(parents=True)
    cli.db.write_text(json.dumps(journal), encoding="utf-8")
    before = cli.db.read_bytes()
    for args in (("decide", "x"), ("stats",), ("export", "--out", "-"), ("doctor",)):
        result = cli(*args)
        assert result.code == 3, result
        assert "Traceback" not in result.err
        if args != ("doctor",):
            assert (
                result.err_lines == [result.err_lines[0]]
                and f"checks {record['id']!r}: unknown state {{}}" in result.err
            )
    assert cli.db.read_bytes() == before


def test_the_installed_app_stops_before_drawing_on_a_day_not_on_the_calendar(cli, base):
    journal = copy.deepcopy(base["journal"])
    first(journal, "decisions")["day"] = "2026-02-30"
    cli.db.parent.mkdir(parents=True)
    cli.db.write_text(json.dumps(journal), encoding="utf-8")
    for args in ((), ("insights",)):
        result = cli(*args)
        assert result.code == 3, result
        assert result.out == ""  # nothing drawn: no alternate screen, no escape codes
        assert "'2026-02-30' is not a day on the calendar" in result.err
