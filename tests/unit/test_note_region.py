"""A note that is half yours: selftrust's part of a day's note, and everything around it kept.

Each day's note holds selftrust's part between two marker lines (HTML comments notes apps
hide); around them, and after our keys in the front matter, the note is the person's.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from data import export, notes, ours, vault_files
from data.notes import Day, collect_days
from tests.unit.test_export import FIXTURES, earlier_decision, full_day, store_of

NAME = "2026-11-27.md"
MINE_BEFORE = "My morning pages, written above selftrust's part.\n\n"
MINE_AFTER = "\n## My own notes\n\nA thought I added in my notes app. [[Sam]] #work\n"
MY_PROPERTY = 'mood: "steady"\n'


@functools.cache
def friday(contact: int, tmp: Path) -> list[Day]:
    """The full Friday (and the day it carries from), its evening's contact CONTACT."""
    decisions, checks, evening = full_day()
    evening.contact = contact
    store = store_of(tmp / f"contact-{contact}", [earlier_decision(), *decisions], checks, [evening])
    return collect_days(store)[-1:]  # the Friday alone (the earlier day only names where a decision came from)


@pytest.fixture(scope="module")
def days(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("journals")
    return lambda contact=4: friday(contact, tmp)


def fresh(days: list[Day]) -> bytes:
    return notes.day_file(days[-1])


def old_style(page: bytes) -> bytes:
    """PAGE as selftrust wrote it before the region: no markers, the digest over the whole file."""
    front, _, rest = page.partition(b"selftrust_digest: ")
    body = rest.split(b"\n---\n\n", 1)[1]
    body = body.removeprefix(ours.BEGIN.encode() + b"\n\n").removesuffix(b"\n" + ours.END.encode() + b"\n")
    digest = hashlib.sha256(front + b"---\n\n" + body).hexdigest().encode()
    return front + b'selftrust_digest: "sha256:' + digest + b'"\n---\n\n' + body


def with_mine(page: bytes, before: str = MINE_BEFORE, after: str = MINE_AFTER, prop: str = MY_PROPERTY) -> bytes:
    """PAGE with the person's words where they are theirs: a property after ours, text before and after the region."""
    cut = page.index(b"\n---\n") + 1
    start = page.index(ours.BEGIN.encode())
    return page[:cut] + prop.encode() + page[cut:start] + before.encode() + page[start:] + after.encode()


def export_to(out: Path, days: list[Day], **options) -> export.ExportReport:
    """The day's note alone (no links line, no weekly note): the region's rules, file by file."""
    return export.export_days(None, out, days=days, links=False, weekly=False, **options)


# -- the parts -----------------------------------------------------------------------------------


def test_a_fresh_note_has_its_body_inside_the_markers_which_markdown_readers_see_as_hidden_html(days):
    page = fresh(days()).decode("utf-8")
    body = page.split("\n---\n", 1)[1]
    assert body == f"\n{ours.BEGIN}\n\n{notes.day_body(days()[-1])}\n{ours.END}\n"
    tokens = MarkdownIt("gfm-like").parse(body)
    assert (tokens[0].type, tokens[0].content) == ("html_block", ours.BEGIN + "\n")
    assert (tokens[-1].type, tokens[-1].content) == ("html_block", ours.END + "\n")
    assert [t.type for t in tokens].count("html_block") == 2


# -- the person's words around ours --------------------------------------------------------------


def test_your_words_before_and_after_and_your_property_survive_while_ours_update(days, tmp_path):
    out = tmp_path / "out"
    export_to(out, days())
    path = out / NAME
    path.write_bytes(with_mine(path.read_bytes()))
    assert ours.whose(path.read_bytes()) == ours.OURS  # writing outside our part is no edit of ours
    report = export_to(out, days(2))
    assert report.written == [path] and report.skipped == []
    assert path.read_bytes() == with_mine(fresh(days(2)))
    assert (
        "- **Contact:** 2 of 5" in path.read_text()
        and yaml.safe_load(path.read_text().split("---\n")[1])["mood"] == "steady"
    )
    before = path.stat().st_mtime_ns
    report = export_to(out, days(2))  # once more: nothing changed, nothing written
    assert report.unchanged == [path] and report.written == [] and path.stat().st_mtime_ns == before


def test_an_edit_inside_our_part_is_skipped_and_force_rewrites_only_our_part(days, tmp_path):
    out = tmp_path / "out"
    export_to(out, days())
    path = out / NAME
    mine = with_mine(path.read_bytes())
    # Inside the region, and in our keys: edits of ours. A line of the person's among our keys too.
    mine = mine.replace(b"Restless hands.", b"Restless hands, and feet.").replace(
        b"contact: 4\n", b"contact: 5\nenergy: 3\n"
    )
    path.write_bytes(mine)
    report = export_to(out, days(2))
    assert report.edited == [path] and report.written == [] and path.read_bytes() == mine
    report = export_to(out, days(2), force=True)
    assert report.forced == [path]
    # Ours rewritten (the region, every key of ours); the person's line moves to just after our keys.
    assert path.read_bytes() == with_mine(fresh(days(2)), prop="energy: 3\n" + MY_PROPERTY)
    assert ours.whose(path.read_bytes()) == ours.OURS
    assert export_to(out, days(2)).unchanged == [path]


# -- notes written before the region ----------------------------------------------------------------


def test_an_untouched_note_from_before_the_region_is_upgraded(days, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    path = out / NAME
    # As the version before wrote it: no region, and the front matter's keys of that version too.
    written_before = (FIXTURES / "export-day-full-before-region.md").read_bytes()
    assert ours.BEGIN.encode() not in written_before and ours.whose(written_before) == ours.OURS
    path.write_bytes(written_before)
    report = export_to(out, days())
    assert report.written == [path] and path.read_bytes() == fresh(days())


@pytest.mark.parametrize("force", [False, True], ids=["plain", "force"])
def test_an_edited_note_from_before_the_region_is_spared_and_named_even_with_force(days, tmp_path, force):
    out = tmp_path / "out"
    out.mkdir()
    path = out / NAME
    mine = old_style(fresh(days())) + b"\nA thought I added.\n"
    path.write_bytes(mine)
    report = export_to(out, days(2), force=force)
    assert report.mend == {path: ours.UNMARKED} and report.skipped == [path] and report.written == []
    assert path.read_bytes() == mine


# -- broken markers -----------------------------------------------------------------------------------

BEGIN_LINE = ours.BEGIN.encode() + b"\n"
END_LINE = ours.END.encode() + b"\n"
BROKEN = {
    "end-missing": (lambda page: page.replace(END_LINE, b""), "the end line is missing"),
    "begin-missing": (lambda page: page.replace(BEGIN_LINE, b""), "the begin line is missing"),
    "two-begins": (lambda page: page + b"\n" + BEGIN_LINE, "2 begin lines"),
    "end-before-begin": (
        lambda page: page.replace(BEGIN_LINE, b"\x00").replace(END_LINE, BEGIN_LINE).replace(b"\x00", END_LINE),
        "the end line comes before the begin line",
    ),
}


@pytest.mark.parametrize("force", [False, True], ids=["plain", "force"])
@pytest.mark.parametrize("broken", BROKEN, ids=list(BROKEN))
def test_a_note_with_broken_markers_is_never_rewritten_and_says_why(days, tmp_path, broken, force):
    out = tmp_path / "out"
    export_to(out, days())
    path = out / NAME
    breaking, why = BROKEN[broken]
    mine = breaking(with_mine(path.read_bytes()))
    path.write_bytes(mine)
    report = export_to(out, days(2), force=force)
    assert list(report.mend) == [path] and report.written == [] and path.read_bytes() == mine
    assert why in report.mend[path] and "put back one begin line and one end line" in report.mend[path]


# -- any text of the person's ------------------------------------------------------------------------

# Any text at all, except a marker line of its own (that breaks the region, and is the person's to mend).
theirs = st.text(max_size=80).filter(lambda text: "<!-- selftrust:" not in text)


@hsettings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=theirs, after=theirs)
def test_any_text_of_yours_survives_three_more_exports_while_ours_updates(days, tmp_path_factory, before, after):
    out = tmp_path_factory.mktemp("vault")
    export_to(out, days())
    path = out / NAME
    start = path.read_bytes().index(BEGIN_LINE)
    # Inserted as lines of its own (a marker keeps to a line of its own), appended as it is.
    mine_before = (before + ("\n" if before and not before.endswith("\n") else "")).encode()
    mine_after = after.encode()
    path.write_bytes(path.read_bytes()[:start] + mine_before + path.read_bytes()[start:] + mine_after)
    for contact in (2, 3, 1):
        report = export_to(out, days(contact))
        raw = path.read_bytes()
        assert report.written == [path], report
        page = fresh(days(contact))
        start = page.index(BEGIN_LINE)
        assert raw == page[:start] + mine_before + page[start:] + mine_after
        assert f"- **Contact:** {contact} of 5".encode() in raw


def test_a_document_naming_the_marker_inside_a_line_follows_the_document_rules(tmp_path):
    # Only a marker on a line of its own makes a note; the combined document has none (the whole file is ours).
    document = notes._signed_whole("from: 2026-11-27\n", f"# Days\n\nI read {ours.BEGIN} in a note.\n")
    path = tmp_path / "all.md"
    path.write_bytes(document + b"\nMy edit.\n")
    report = vault_files.ExportReport()
    vault_files.place(path, document, True, report)  # an edited document: --force writes over it, as before
    assert report.forced == [path] and report.mend == {} and path.read_bytes() == document
