"""The Logseq flavour: journal pages named as Logseq names them, properties in the first block, the same owned region."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from data import logseq, notes, ours
from data.logseq import export_logseq, journal_name, logseq_file, logseq_page
from data.notes import collect_days
from tests.unit.test_export import (
    DAY_KEYS,
    FIXTURES,
    FRIDAY,
    assert_golden,
    decision,
    earlier_decision,
    full_day,
    split,
    store_of,
)

PAGE = "journals/2026_11_27.md"
PROPERTY = re.compile(r"([^\s:]+):: ?(.*)")


@pytest.fixture
def full_store(tmp_path):
    """The full Friday of the Obsidian golden file, and the earlier day its first decision was carried from."""
    decisions, checks, evening = full_day()
    return store_of(tmp_path, [earlier_decision(), *decisions], checks, [evening])


def first_block(page: str) -> tuple[list[tuple[str, str]], str]:
    """The page's first block as (key, value) pairs, every line of it a property, and the rest of the page."""
    block, _, rest = page.partition("\n\n")
    pairs = []
    for line in block.split("\n"):
        found = PROPERTY.fullmatch(line)
        assert found is not None, line
        pairs.append((found.group(1), found.group(2)))
    return pairs, rest


def friday(store):
    [day] = collect_days(store, FRIDAY, FRIDAY)
    return day


def test_a_full_day_is_the_reviewed_logseq_page(full_store):
    page = logseq_page(friday(full_store))
    assert_golden("export-day-logseq.md", page)
    # Inside the region, the Day view's page byte for byte, as in the Obsidian note.
    _, rest = first_block(page)
    assert rest == f"{ours.BEGIN}\n\n" + (FIXTURES / "day-full.md").read_text(encoding="utf-8") + f"\n{ours.END}\n"


def test_the_page_is_named_as_logseq_names_its_journals(full_store, tmp_path):
    assert journal_name(FRIDAY) == PAGE and journal_name(dt.date(2027, 1, 3)) == "journals/2027_01_03.md"
    report = export_logseq(full_store, tmp_path / "graph")
    assert sorted(str(p.relative_to(tmp_path / "graph")) for p in report.written) == [
        "journals/2026_11_25.md",
        PAGE,
    ]
    assert sorted(p.name for p in (tmp_path / "graph").iterdir()) == ["journals"]


def test_the_first_block_holds_the_obsidian_notes_properties(full_store):
    day = friday(full_store)
    pairs, _ = first_block(logseq_page(day))
    front, _, _ = split(notes.day_page(day))
    keys = [key for key, _ in pairs]
    assert keys == [*DAY_KEYS[:-1], "selftrust-digest"]  # the same keys in the same order, our digest last
    values = dict(pairs)
    for key, value in front.items():
        if key == "selftrust_digest":
            continue
        if isinstance(value, list):
            assert values[key] == ", ".join(value), key
        else:
            assert values[key] == ("" if value is None else str(value)), key
    assert values["pulls"] == "disappointment, guilt, approval, pressure" and values["tags"] == "selftrust"
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", values["selftrust-digest"])
    assert ours.whose(logseq_file(day)) == ours.OURS


def test_exporting_again_changes_nothing(full_store, tmp_path):
    export_logseq(full_store, tmp_path)
    before = (tmp_path / PAGE).read_bytes()
    again = export_logseq(full_store, tmp_path)
    assert again.written == [] and len(again.unchanged) == 2
    assert (tmp_path / PAGE).read_bytes() == before


# Any text of the person's, as long as it holds no selftrust begin or end line of its own.
YOURS = st.text(st.characters(codec="utf-8"), max_size=60).filter(lambda t: "<!-- selftrust" not in t)


@hsettings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(yours=YOURS, property_of_yours=st.booleans())
def test_what_you_write_after_the_page_survives_three_exports_while_ours_updates(
    tmp_path_factory, yours, property_of_yours
):
    tmp_path = tmp_path_factory.mktemp("graph")
    store = store_of(tmp_path, [decision(1, "Walk at lunch", day="2026-11-27")])
    export_logseq(store, tmp_path)
    page = tmp_path / PAGE
    raw = page.read_bytes()
    if property_of_yours:  # a property of the person's own, after ours in the first block
        raw = raw.replace(b"\n\n", b"\nalias:: Friday walk\n\n", 1)
    mine = raw + yours.encode("utf-8")
    page.write_bytes(mine)
    for n, text in enumerate(["Walk at lunch, twice", "Walk after dinner", "Walk at dawn"], 2):
        store = store_of(tmp_path / f"journal-{n}", [decision(1, text, day="2026-11-27")])  # the day, changed
        report = export_logseq(store, tmp_path)
        assert report.written == [page]
        now = page.read_bytes()
        assert f"# 1. {text}".encode() in now
        assert now.endswith(b"\n" + ours.END.encode() + b"\n" + yours.encode("utf-8"))
        assert (b"\nalias:: Friday walk\n\n" in now) is property_of_yours
        assert ours.whose(now) == ours.OURS


def test_a_page_whose_part_of_ours_you_edited_is_spared_and_named(full_store, tmp_path):
    export_logseq(full_store, tmp_path)
    page = tmp_path / PAGE
    edited = page.read_bytes().replace(b"Restless hands.", b"Restless hands, then calm.")
    page.write_bytes(edited)
    report = export_logseq(full_store, tmp_path)
    assert report.edited == [page] and page.read_bytes() == edited
    forced = export_logseq(full_store, tmp_path, force=True)  # --force rewrites our part
    assert forced.forced == [page] and b"then calm" not in page.read_bytes()
    # Broken markers: never rewritten, --force or not.
    broken = page.read_bytes().replace(ours.END.encode(), b"") + b"my own words\n"
    page.write_bytes(broken)
    report = export_logseq(full_store, tmp_path, force=True)
    assert page in report.mend and "end line is missing" in report.mend[page] and page.read_bytes() == broken


def test_a_logseq_page_selftrust_did_not_write_is_never_touched(full_store, tmp_path):
    page = tmp_path / PAGE
    page.parent.mkdir()
    theirs = b"title:: Friday\n\n- my own day\n"
    page.write_bytes(theirs)
    report = export_logseq(full_store, tmp_path, force=True)
    assert report.foreign == [page] and page.read_bytes() == theirs


def body_properties(page: str) -> list[str]:
    """The lines after the first block that Logseq would read as a property (of the page or a block)."""
    _, rest = first_block(page)
    return [line for line in rest.split("\n") if "::" in line]


@hsettings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=40), note=st.text(max_size=80), area=st.text(max_size=20))
def test_nothing_you_type_can_add_a_property_line(tmp_path_factory, text, note, area):
    tmp_path = tmp_path_factory.mktemp("hostile")
    pulls = [area] if area.strip() else []
    store = store_of(
        tmp_path, [decision(1, text or "Walk", why=note, next_step=note, area=area or "Home", pulls_expected=pulls)]
    )
    page = logseq_page(collect_days(store)[0])
    pairs, _ = first_block(page)
    assert [key for key, _ in pairs] == [*DAY_KEYS[:-1], "selftrust-digest"]
    assert body_properties(page) == []
    assert ours.whose(page.encode("utf-8")) == ours.OURS


def test_a_hostile_note_stays_text(tmp_path):
    hostile = "fine\nid:: 6571\ncollapsed:: true\n- tags:: stolen\n:: x :::"
    store = store_of(tmp_path, [decision(1, "id:: 1", why=hostile, area="a\nb:: c")])
    page = logseq_page(collect_days(store)[0])
    pairs, _ = first_block(page)
    assert dict(pairs)["areas"] == "a&#10;b\\:\\: c"
    assert body_properties(page) == []
    assert "  id\\:\\: 6571" in page  # the text is there, its mark escaped: Markdown shows "id:: 6571"
    assert logseq.FLAVOURS == ("obsidian", "logseq")
