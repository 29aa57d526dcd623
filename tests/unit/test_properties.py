"""The front matter's properties as Obsidian and Dataview read them: one type per key, everywhere.

A notes app reads a property with one type across the vault, so every key of a day's file
is always written and always of the type the README's table gives it. The ten-year journal
the benchmarks measure (`benchmarks.journal`: the sample journal over ten years, seed 2026)
is exported and every file read back with PyYAML; the README's
Dataview queries are checked against what those files hold (Dataview itself cannot run here).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from data import notes, sample
from data.export import export_days
from data.models import Outcome, State
from data.notes import collect_days
from data.stats import figures_from_store
from data.store import Store
from tests.unit.test_export import (
    DAY,
    DAY_KEYS,
    DOCUMENT_KEYS,
    FRIDAY,
    LIST_KEYS,
    NUMBER_KEYS,
    check,
    decision,
    review,
    split,
    store_of,
)

README = Path(__file__).resolve().parents[2] / "README.md"
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser where PyYAML has one: 3,400 files
TYPES = {"date": (dt.date,), "text": (str,), "number": (int,), "number or null": (int, type(None)), "list": (list,)}


def front_matter(raw: bytes) -> dict:
    text = raw.decode("utf-8")
    assert text.startswith("---\n")
    return yaml.load(text[4 : text.index("\n---\n") + 1], Loader=LOADER)


def type_name(value: object) -> str:
    return "null" if value is None else type(value).__name__


def readme_properties() -> dict[str, str]:
    """The README's table of properties: key -> type."""
    rows = re.findall(r"^\| `(\w+)` \| ([a-z ]+) \| .+\|$", README.read_text(encoding="utf-8"), re.MULTILINE)
    return dict(rows)


def readme_queries() -> list[str]:
    return re.findall(r"^```dataview\n(.*?)^```$", README.read_text(encoding="utf-8"), re.MULTILINE | re.DOTALL)


# With the harness tests, so the ten-year journal is made once, while the harness runs (see conftest.py).
pytestmark = [pytest.mark.xdist_group("harness"), pytest.mark.usefixtures("harness_run")]


# -- the ten-year journal, exported -----------------------------------------------------------


@pytest.fixture(scope="module")
def ten_years(tmp_path_factory) -> tuple[Store, list[dict], list[dict]]:
    """The benchmark's ten-year journal exported into a fresh folder: every day's and every week's front matter read."""
    root = tmp_path_factory.mktemp("ten-years")
    built = sample.build(round(365.25 * 10), 2026, dt.date(2026, 11, 26))  # benchmarks.journal.build(10)
    (root / "journal.json").write_text(json.dumps(built, ensure_ascii=False), encoding="utf-8")
    store = Store(root / "journal.json")
    report = export_days(store, root / "vault")
    days = sorted((root / "vault").glob("[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9].md"))
    weeks = sorted((root / "vault").glob("[0-9][0-9][0-9][0-9]-W[0-9][0-9].md"))
    assert len(report.written) == len(days) + len(weeks) and len(days) > 3_000 and len(weeks) > 500
    read = [front_matter(path.read_bytes()) for path in days], [front_matter(path.read_bytes()) for path in weeks]
    return store, *read


def test_every_key_of_ten_years_of_files_has_one_type(ten_years):
    _, fronts, _ = ten_years
    types: dict[str, Counter[str]] = {}
    for front in fronts:
        assert list(front) == DAY_KEYS  # every key in every file, in one order
        for key, value in front.items():
            types.setdefault(key, Counter())[type_name(value)] += 1
    found = {key: set(counted) for key, counted in types.items()}
    # Null only where the README says so: a day whose evening gave no contact.
    assert found.pop("contact") == {"int", "null"}
    assert found == {
        "date": {"date"},
        "weekday": {"str"},
        **{key: {"int"} for key in NUMBER_KEYS},
        **{key: {"list"} for key in LIST_KEYS},
        "generator": {"str"},
        "selftrust_digest": {"str"},
    }
    # A list holds names, never numbers or dates (YAML reads a bare 2026 or yes as something else).
    for front in fronts:
        for key in LIST_KEYS:
            assert all(type(name) is str for name in front[key]), (front["date"], key)
    # The journal has what the types are about: plans, feelings, carried days, days without contact.
    assert all(sum(bool(front[key]) for front in fronts) > 10 for key in ("plans", "feelings", "pulls_expected"))


WEEK_TYPES = {
    "week": {"str"}, "from": {"date"}, "to": {"date"},
    **{key: {"int"} for key in ("days", "decisions", "returns", "reps", "kept", "returned", "revised", "abandoned",
                                "open", "carried")},
    "contact_average": {"float", "null"}, "tags": {"list"}, "generator": {"str"}, "selftrust_digest": {"str"},
}  # in the order a weekly note writes them  # fmt: skip


def test_every_key_of_ten_years_of_weekly_notes_has_one_type_and_the_days_keys_agree(ten_years):
    _, days, weeks = ten_years
    for front in weeks:
        assert list(front) == list(WEEK_TYPES), front["week"]
        for key, value in front.items():
            assert type_name(value) in WEEK_TYPES[key], (front["week"], key, value)
    # A key both kinds of note hold has one type in both: Obsidian keeps one type per property, vault-wide.
    day_types = {key: {type_name(front[key]) for front in days[::50]} for key in days[0]}
    for key in set(WEEK_TYPES) & set(day_types):
        assert day_types[key] <= WEEK_TYPES[key], key
    assert sum(front["returns"] for front in weeks) == sum(front["returns"] for front in days)


def test_returns_and_reps_over_ten_years_are_the_figures_of_stats(ten_years):
    """The same definitions (PRODUCT.md §5) in the vault as in Insights and `selftrust stats`."""
    store, fronts, _ = ten_years
    found = figures_from_store(store)
    assert sum(front["returns"] for front in fronts) == found.returns
    assert sum(front["reps"] for front in fronts) == found.reps
    assert sum(front["returned"] for front in fronts) == found.outcomes.returned
    assert found.reps > found.returns > 0


def test_the_readme_table_names_every_property_with_the_type_every_file_has(ten_years):
    _, fronts, _ = ten_years
    table = readme_properties()
    assert list(table) == DAY_KEYS
    for front in fronts[:: len(fronts) // 300]:  # a few hundred days, spread over the ten years
        for key, value in front.items():
            assert isinstance(value, TYPES[table[key]]), (front["date"], key, value)


DATAVIEW_WORDS = {
    "table", "without", "id", "as", "from", "where", "group", "by", "sort", "desc", "asc", "and", "or", "null",
    "rows", "file", "link", "sum", "econtains", "dateformat", "week", "selftrust",
}  # fmt: skip


def fields_read(query: str) -> set[str]:
    """The front-matter keys a Dataview query reads: its names, less the query language's own and the quoted text."""
    unquoted = re.sub(r'"[^"]*"', "", query)
    return {word for word in re.findall(r"[A-Za-z_]+", unquoted) if word.casefold() not in DATAVIEW_WORDS} - {
        "Week", "Returns", "Reps", "Day", "Pulls", "Contact",
    }  # fmt: skip


def test_the_readme_queries_read_properties_every_day_has(ten_years):
    _, fronts, _ = ten_years
    table = readme_properties()
    by_week, pull_came, low_contact = readme_queries()
    assert fields_read(by_week) == {"weekday", "date", "returns", "reps"}
    assert fields_read(pull_came) == {"weekday", "pulls", "returns", "date"}
    assert fields_read(low_contact) == {"weekday", "contact", "pulls", "date"}
    for query in (by_week, pull_came, low_contact):
        assert fields_read(query) <= table.keys()
    # What each query needs of them: a date to group by week and numbers to sum; a list to look in;
    # a number to compare, or null (which the query leaves out).
    assert all(type(f["date"]) is dt.date and type(f["returns"]) is type(f["reps"]) is int for f in fronts)
    assert all(type(f["pulls"]) is list and f["weekday"] for f in fronts)
    assert all(f["contact"] is None or 1 <= f["contact"] <= 5 for f in fronts)
    # And each finds days in ten years of practice.
    assert sum("fear" in f["pulls"] for f in fronts) > 10
    assert sum(f["contact"] is not None and f["contact"] <= 2 for f in fronts) > 10
    assert len({f["date"].isocalendar()[:2] for f in fronts if f["returns"]}) > 50


# -- one day at a time ----------------------------------------------------------------------


def test_pulls_expected_and_pulls_that_came_are_apart(tmp_path):
    morning = decision(1, "Say no to the extra shift", pulls_expected=["guilt", "fear"], outcome=Outcome.KEPT)
    came = check(morning.id, "2026-11-27T12:00:00+01:00", State.WOBBLING, pulls=["approval", "Guilt"])
    [day] = collect_days(store_of(tmp_path, [morning], [came]))
    front, _, _ = split(notes.day_page(day))
    assert (front["pulls_expected"], front["pulls"]) == (["guilt", "fear"], ["approval", "Guilt"])


def test_reps_count_returns_and_decisions_kept_although_something_pulled(tmp_path):
    returned = decision(1, "Returned", outcome=Outcome.RETURNED)
    wobbled = decision(2, "Kept, wobbling", outcome=Outcome.KEPT)
    named = decision(3, "Kept, a pull named", outcome=Outcome.KEPT)
    easy = decision(4, "Kept, nothing pulled", outcome=Outcome.KEPT)
    dropped = decision(5, "Abandoned", outcome=Outcome.ABANDONED)
    checks = [
        check(wobbled.id, "2026-11-27T12:00:00+01:00", State.WOBBLING),
        check(named.id, "2026-11-27T12:10:00+01:00", State.HOLDING, pulls=["fear"]),
        check(easy.id, "2026-11-27T12:20:00+01:00", State.HOLDING),
        check(dropped.id, "2026-11-27T12:30:00+01:00", State.ABANDONED, pulls=["fear"]),
    ]
    [day] = collect_days(store_of(tmp_path, [returned, wobbled, named, easy, dropped], checks))
    front, _, _ = split(notes.day_page(day))
    assert (front["returns"], front["reps"], front["kept"]) == (1, 3, 3)


def test_a_day_with_nothing_to_count_has_every_key_as_zero_or_empty(tmp_path):
    [day] = collect_days(store_of(tmp_path, reviews=[review(left="A quiet day")]))
    front, _, _ = split(notes.day_page(day))
    assert list(front) == DAY_KEYS
    assert all(front[key] == 0 for key in NUMBER_KEYS)
    assert [front[key] for key in LIST_KEYS] == [[], [], [], [], [], [], ["selftrust"]]
    assert front["contact"] is None and front["date"] == FRIDAY


TAGGED = [
    ("#work", ["work"]),
    ("a note #work/boundaries and #Sam_2 #self-respect", ["work/boundaries", "Sam_2", "self-respect"]),
    ("#y1984 but not #1984", ["y1984"]),  # only digits is no tag
    ("ends here #done. Or (#not) or x#not", ["done"]),
    ("# heading ## neither", []),
    ("[[Sam#Friday]] https://example.org/#part", []),  # a heading link and a fragment are no tags
    ("line one\n#second-line\t#tab", ["second-line", "tab"]),
    ("#Work then #work again, and #SelfTrust", ["Work"]),  # once each, however spelled; selftrust is there
    ("#café #日本語", ["café", "日本語"]),
]


@pytest.mark.parametrize(("text", "tags"), TAGGED, ids=range(len(TAGGED)))
def test_tags_are_selftrust_and_the_persons_own(text, tags, tmp_path):
    [day] = collect_days(store_of(tmp_path, [decision(1, "Rest", why=text)]))
    front, _, _ = split(notes.day_page(day))
    assert front["tags"] == ["selftrust", *tags]


def test_tags_come_from_every_field_the_person_writes(tmp_path):
    first = decision(
        1, "Call #mum", why="#why", next_step="#next", say="#say", plans=[{"pull": "fear", "then": "#then"}],
        outcome=Outcome.ABANDONED, hard="#hard",
    )  # fmt: skip
    second = decision(2, "Rest", outcome=Outcome.REVISED, revised_why="#changed")
    checks = [check(first.id, "2026-11-27T12:00:00+01:00", State.WOBBLING, body="#body", return_step="#step")]
    evening = review(left="#left", returned="#returned", repair="#repair", learned="#learned")
    [day] = collect_days(store_of(tmp_path, [first, second], checks, [evening]))
    front, _, _ = split(notes.day_page(day))
    assert front["tags"] == [
        "selftrust", "mum", "why", "next", "say", "then", "body", "step", "hard", "changed",
        "left", "returned", "repair", "learned",
    ]  # fmt: skip


def test_the_document_has_the_same_properties_over_its_range(tmp_path):
    earlier = decision(1, "Ask for help #asking", day="2026-11-26", pulls_expected=["fear"], outcome=Outcome.RETURNED)
    today = decision(1, "Rest #rest", day=DAY, outcome=Outcome.KEPT)
    came = check(today.id, "2026-11-27T12:00:00+01:00", State.HOLDING, pulls=["guilt"])
    days = collect_days(store_of(tmp_path, [earlier, today], [came]))
    front, _, _ = split(notes.document_page(days))
    assert list(front) == DOCUMENT_KEYS
    assert (front["returns"], front["reps"], front["pulls_expected"], front["pulls"]) == (1, 2, ["fear"], ["guilt"])
    assert front["tags"] == ["selftrust", "asking", "rest"]
