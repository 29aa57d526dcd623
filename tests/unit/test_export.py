"""Export to notes, and back: the files export writes, whose they are, and the import that merges.

The Markdown is read the way notes apps and the Day view read it: the front matter with a
YAML parser, the body with markdown-it-py's token stream.
"""

from __future__ import annotations

import datetime as dt
import errno
import itertools
import json
import os
import stat
import unicodedata
from pathlib import Path

import orjson
import pytest
import yaml
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from data import backup as backups
from data import export, files, markdown, notes, ours, vault_files, weekly
from data.backup import BackupError, import_backup
from data.daytime import FixedClock, day_heading
from data.models import SCHEMA_VERSION, Check, Decision, Outcome, Review, State
from data.notes import collect_days
from data.ours import whose
from data.store import Store
from data.vault_files import ExportError
from tests.hostile_text import page_shows

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
DAY = "2026-11-27"
EARLIER = "2026-11-25"
STAMP = "2026-11-27T08:05:00+01:00"
FRIDAY = dt.date(2026, 11, 27)
NUMBER_KEYS = [
    "kept", "returned", "revised", "abandoned", "open", "carried", "decisions", "checks", "plans", "returns", "reps",
]  # fmt: skip
LIST_KEYS = ["areas", "pulls_expected", "pulls", "patterns", "feelings", "returned_to", "tags"]
DAY_KEYS = ["date", "weekday", *NUMBER_KEYS, "contact", *LIST_KEYS, "generator", "selftrust_digest"]
DOCUMENT_KEYS = ["from", "to", "days", *NUMBER_KEYS, "contact_average", *LIST_KEYS, "generator", "selftrust_digest"]
MD = MarkdownIt("gfm-like")


# -- records ------------------------------------------------------------------------------


def decision(n: int, text: str, *, day: str = DAY, id: str | None = None, **fields) -> Decision:
    fields.setdefault("area", "Relational Key")
    stamp = fields.pop("stamp", STAMP)
    return Decision(
        id=id or f"decision-{day}-{n}", created_at=stamp, updated_at=stamp, day=day, n=n, text=text, **fields
    )


def check(decision_id: str, at: str, state: State, **fields) -> Check:
    day = fields.pop("day", DAY)
    return Check(
        id=f"check-{at}", created_at=at, updated_at=at, decision_id=decision_id, day=day, at=at, state=state, **fields
    )


def review(day: str = DAY, **fields) -> Review:
    stamp = fields.pop("stamp", STAMP)
    return Review(id=fields.pop("id", f"review-{day}"), created_at=stamp, updated_at=stamp, day=day, **fields)


def full_day() -> tuple[list[Decision], list[Check], Review]:
    """The day of tests/fixtures/day-full.md: two decisions, three checks, a whole review."""
    sam = decision(
        1,
        "Tell Sam the Friday deadline doesn't work for me",
        id="decision-000001",
        why="I keep saying yes and then resenting it.\nThe truth is kinder than the resentment.",
        pulls_expected=["disappointment", "fear"],
        certainty=2,
        next_step="Message Sam before the 10:00 stand-up",
        say="Friday doesn't work for me; Monday does.",
        outcome=Outcome.RETURNED,
        carried_from="decision-earlier",
    )
    budget = decision(
        2,
        "Finish the budget draft before lunch",
        id="decision-000002",
        area="Inner Foundation",
        why="Focus is something I can give myself.",
        pulls_expected=["familiar"],
        certainty=4,
        next_step="Phone in the drawer, 45 minutes",
        outcome=Outcome.KEPT,
    )
    checks = [
        check(
            sam.id,
            "2026-11-27T11:40:00+01:00",
            State.WOBBLING,
            pulls=["disappointment", "guilt"],
            patterns=["softened the truth"],
            body="Tight chest, jaw clenched.\nBreath high and fast.",
            return_step="Send the message as written, no extra explaining.",
        ),
        check(
            sam.id,
            "2026-11-27T15:05:00+01:00",
            State.HOLDING,
            pulls=["approval"],
            patterns=["explained again"],
            body="Shoulders dropped once it was sent.",
            return_step="Stay with what I said; no follow-up message.",
        ),
        check(
            budget.id,
            "2026-11-27T12:30:00+01:00",
            State.CHANGED,
            pulls=["pressure"],
            patterns=["kept checking"],
            body="Restless hands.",
            return_step="Close the inbox and write one paragraph.",
        ),
    ]
    evening = review(
        left="When Sam looked disappointed I started to explain again.",
        returned="I stopped, breathed, and said the line as I'd written it.",
        repair="Told Sam I had cut them off, and why the answer still stands.",
        learned="The pull passes faster when I name it.\nDisappointment is theirs to feel.",
        contact=4,
    )
    return [sam, budget], checks, evening


def earlier_decision() -> Decision:
    """The open decision of 25 November that the full day's first decision carries forward."""
    return decision(
        1,
        "Tell Sam the Friday deadline doesn't work for me",
        day=EARLIER,
        id="decision-earlier",
        stamp="2026-11-25T08:00:00+01:00",
    )


def morning_only() -> list[Decision]:
    return [
        decision(
            1,
            "Say no to the extra shift",
            why="Rest is part of the work.",
            certainty=3,
            next_step="Reply to Ana by noon",
        ),
        decision(2, "Go for a walk at lunch", area="Inner Foundation"),
    ]


def write_journal(path: Path, decisions=(), checks=(), reviews=()) -> Path:
    """A journal file holding exactly these records, as the store writes it."""
    data = {
        "schema_version": SCHEMA_VERSION,
        "decisions": {d.id: d.to_dict() for d in decisions},
        "checks": {c.id: c.to_dict() for c in checks},
        "reviews": {r.id: r.to_dict() for r in reviews},
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(orjson.dumps(data))
    return path


def store_of(tmp_path: Path, decisions=(), checks=(), reviews=()) -> Store:
    return Store(write_journal(tmp_path / "journal" / "journal.json", decisions, checks, reviews))


@pytest.fixture
def full_store(tmp_path) -> Store:
    decisions, checks, evening = full_day()
    return store_of(tmp_path, [earlier_decision(), *decisions], checks, [evening])


def assert_golden(name: str, text: str) -> None:
    """TEXT equals the reviewed file NAME; SELFTRUST_UPDATE_GOLDEN=1 rewrites it (then read it)."""
    path = FIXTURES / name
    if os.environ.get("SELFTRUST_UPDATE_GOLDEN") == "1":
        path.write_bytes(text.encode("utf-8"))
    assert text.encode("utf-8") == path.read_bytes()


def split(page: str) -> tuple[dict, str, str]:
    """A file's front matter (parsed by YAML), the front matter's text, and the body (a note's: inside its region)."""
    assert page.startswith("---\n")
    end = page.index("\n---\n")
    front = page[4 : end + 1]
    body = page[end + 5 :]
    assert body.startswith("\n")
    body = body[1:]
    if body.startswith(ours.BEGIN):
        assert body.endswith(f"\n{ours.END}\n") and body.count(ours.BEGIN) == 1 and body.count(ours.END) == 1
        body = body[len(ours.BEGIN) + 2 : -len(ours.END) - 2]
    return yaml.load(front, Loader=yaml.SafeLoader), front, body


def headings(markdown: str) -> list[tuple[int, str]]:
    """The headings markdown-it reads: (level, text as a reader sees it)."""
    tokens = MD.parse(markdown)
    assert not {"hr", "fence", "code_block", "html_block", "front_matter"} & {t.type for t in tokens}
    found = []
    for before, token in itertools.pairwise(tokens):
        if before.type == "heading_open":
            assert {child.type for child in token.children} <= {"text"}, token.children
            found.append((int(before.tag[1]), "".join(child.content for child in token.children)))
    return found


# -- golden files ----------------------------------------------------------------------------


def test_a_full_day_exports_as_the_reviewed_file(full_store, tmp_path):
    export.export_days(full_store, tmp_path / "out", first=FRIDAY, last=FRIDAY)
    page = (tmp_path / "out" / f"{DAY}.md").read_text(encoding="utf-8")
    assert_golden("export-day-full.md", page)
    # The body is the Day view's page, byte for byte: one renderer for both. Only the file ends
    # with the links to the journal's day before (outside the range exported) and to the week.
    assert (
        split(page)[2] == (FIXTURES / "day-full.md").read_text(encoding="utf-8") + "\n[[2026-11-25]] · [[2026-W48]]\n"
    )


def test_a_day_with_only_a_morning_exports_as_the_reviewed_file(tmp_path):
    store = store_of(tmp_path, morning_only())
    export.export_days(store, tmp_path / "out")
    page = (tmp_path / "out" / f"{DAY}.md").read_text(encoding="utf-8")
    assert_golden("export-day-morning.md", page)
    assert split(page)[2] == (FIXTURES / "day-morning.md").read_text(encoding="utf-8") + "\n[[2026-W48]]\n"


def test_a_range_as_one_document_is_the_reviewed_file(full_store):
    days = collect_days(full_store, dt.date(2026, 11, 25), FRIDAY)
    assert_golden("export-document.md", notes.document_page(days, dt.date(2026, 11, 25), FRIDAY))


def test_the_full_days_front_matter_holds_its_facts(full_store):
    [day] = collect_days(full_store, FRIDAY, FRIDAY)
    front, _, _ = split(notes.day_page(day))
    assert list(front) == DAY_KEYS
    digest = front.pop("selftrust_digest")
    assert digest.startswith("sha256:") and len(digest) == 7 + 64
    assert front == {
        "date": FRIDAY,
        "weekday": "Friday",
        "kept": 1,
        "returned": 1,
        "revised": 0,
        "abandoned": 0,
        "open": 0,
        "carried": 0,
        "decisions": 2,
        "checks": 3,
        "plans": 0,
        "returns": 1,
        "reps": 2,  # the return, and the budget kept although pressure pulled
        "contact": 4,
        "areas": ["Relational Key", "Inner Foundation"],
        "pulls_expected": ["disappointment", "fear", "familiar"],
        "pulls": ["disappointment", "guilt", "approval", "pressure"],
        "patterns": ["softened the truth", "explained again", "kept checking"],
        "feelings": [],
        "returned_to": [],
        "tags": ["selftrust"],
        "generator": "selftrust 0.1.0",
    }


def test_the_document_has_one_h1_and_every_day_a_level_down(full_store):
    days = collect_days(full_store)
    page = notes.document_page(days)
    front, _, body = split(page)
    assert list(front) == DOCUMENT_KEYS
    assert (front["from"], front["to"], front["days"], front["decisions"], front["open"]) == (
        dt.date(2026, 11, 25), FRIDAY, 2, 3, 1,
    )  # fmt: skip
    assert front["contact_average"] == 4.0
    found = headings(body)
    assert [h for h in found if h[0] == 1] == [
        (1, "Self-trust practice: Wednesday 25 November 2026 to Friday 27 November 2026")
    ]
    assert [h for h in found if h[0] == 2] == [(2, "Wednesday 25 November 2026"), (2, "Friday 27 November 2026")]
    assert (3, "Morning") in found and (4, "1. Finish the budget draft before lunch") not in found
    assert (4, "2. Finish the budget draft before lunch") in found


def test_an_empty_range_is_a_document_that_says_so(tmp_path):
    store = store_of(tmp_path)
    page = notes.document_page(collect_days(store), dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    front, _, body = split(page)
    assert (front["days"], front["decisions"], front["contact_average"], front["pulls"]) == (0, 0, None, [])
    assert (
        body
        == "# Self-trust practice: Sunday 1 November 2026 to Monday 30 November 2026\n\nNothing here for these days.\n"
    )
    assert whose(page.encode()) == ours.OURS


def test_deleted_entries_are_not_exported_and_a_day_of_only_deleted_ones_is_no_day(tmp_path):
    gone = decision(1, "Deleted", day="2026-11-26", deleted_at=STAMP)
    kept, deleted_second = decision(1, "Kept"), decision(2, "Gone", deleted_at=STAMP)
    live_check = check(kept.id, "2026-11-27T12:00:00+01:00", State.HOLDING)
    dead_check = check(kept.id, "2026-11-27T13:00:00+01:00", State.WOBBLING, deleted_at=STAMP)
    store = store_of(
        tmp_path, [gone, kept, deleted_second], [live_check, dead_check], [review(day="2026-11-26", deleted_at=STAMP)]
    )
    [day] = collect_days(store)
    assert day.day == DAY
    front, _, body = split(notes.day_page(day))
    assert (front["decisions"], front["checks"], front["contact"]) == (1, 1, None)
    assert "Gone" not in body and "wobbling" not in body


# -- whatever the user typed stays inside its field ----------------------------------------


def distinct(names: list[str]) -> list[str]:
    found: list[str] = []
    for name in names:
        if name and name.casefold() not in [f.casefold() for f in found]:
            found.append(name)
    return found


def tags_in(text: str) -> list[str]:
    """The #tags Obsidian finds in TEXT: a word starting with #, up to the first character a tag cannot hold."""
    found = []
    for word in text.split():
        tag = ""
        for char in word[1:] if word.startswith("#") else "":
            if not (char.isalnum() or char in "_-/"):
                break
            tag += char
        if tag and not tag.isdecimal():
            found.append(tag)
    return found


def day_with_text(text: str) -> tuple[list[Decision], list[Check], Review]:
    """A day with TEXT in every field a person can type, names included."""
    first = decision(
        1, text, area=text, why=text, pulls_expected=["fear", text], certainty=3, next_step=text, say=text,
        outcome=Outcome.RETURNED, carried_from="decision-earlier",
    )  # fmt: skip
    second = decision(2, text, why=text, next_step=text, outcome=Outcome.ABANDONED)
    checks = [
        check(
            first.id,
            "2026-11-27T13:15:00+01:00",
            State.WOBBLING,
            pulls=[text, "guilt"],
            patterns=[text],
            body=text,
            return_step=text,
        ),
        check(second.id, "2026-11-27T14:00:00+01:00", State.ABANDONED, pulls=[text], patterns=["said yes"], body=text),
    ]
    return [first, second], checks, review(left=text, returned=text, repair=text, learned=text, contact=2)


NASTY = [
    "---", "...", "# Title", "```\ncode\n```", "[link](x)", "<script>alert('x')</script>",
    "date: 2026-11-27\ntitle: Not front matter\n---", "key: value", '"quoted" \\ back', "'single'",
    "- [a, b]", "{a: 1}", "&anchor *alias !!python/object:os.system", "  leading spaces", "x" * 10_000,
    "🙂 🧘‍♀️ emoji", "שלום עולם — مرحبا بالعالم", "\u202eRTL\u202c", "control \x00 \x07 \x1b[31m \x7f \x85 \x9f",
    "carriage\r\nreturn\rlines", "\u2028line\u2029para", "\ufeffbom \ufffe \uffff", "tab\there", "yes", "null", "~", "",
    "selftrust_digest: \"sha256:0000\"", "\n---\n", "generator: \"selftrust 9\"",
    "<!-- selftrust: end -->", "x\n<!-- selftrust: begin (this part is rewritten by selftrust export) -->\ny",
]  # fmt: skip


def check_page_for(text: str, tmp_path: Path) -> None:
    decisions, checks, evening = day_with_text(text)
    store = store_of(tmp_path, [earlier_decision(), *decisions], checks, [evening])
    [day] = collect_days(store, FRIDAY, FRIDAY)
    raw = notes.day_file(day)
    page = raw.decode("utf-8")
    front, front_text, body = split(page)
    # One key a line, every key ours, in order: the user's text made no line of its own.
    assert [line.split(":")[0] for line in front_text.splitlines()] == DAY_KEYS
    front.pop("selftrust_digest")
    assert front == {
        "date": FRIDAY,
        "weekday": "Friday",
        "kept": 0,
        "returned": 1,
        "revised": 0,
        "abandoned": 1,
        "open": 0,
        "carried": 0,
        "decisions": 2,
        "checks": 2,
        "plans": 0,
        "returns": 1,
        "reps": 1,
        "contact": 2,
        "areas": distinct([text, "Relational Key"]),
        "pulls_expected": distinct(["fear", text]),
        "pulls": distinct([text, "guilt"]),
        "patterns": distinct([text, "said yes"]),
        "feelings": [],
        "returned_to": [],
        "tags": distinct(["selftrust", *tags_in(text)]),
        "generator": "selftrust 0.1.0",
    }

    def title(n: int) -> str:
        return f"{n}." + (f" {page_shows(text)}" if text else "")

    assert headings(body) == [
        (1, day_heading(FRIDAY)),
        (2, "Morning"), (3, title(1)), (3, title(2)),
        (2, "Midday"), (3, title(1)), (3, title(2)),
        (2, "Evening"),
    ]  # fmt: skip
    assert whose(raw) == ours.OURS
    # Selftrust's part is whole: its two markers, the only HTML (which notes apps hide), around the body.
    assert isinstance(ours.read_note(raw), ours.Note)
    tokens = MD.parse(page.split("\n---\n", 1)[1])
    assert [t.content for t in tokens if t.type == "html_block"] == [ours.BEGIN + "\n", ours.END + "\n"]
    assert tokens[0].type == tokens[-1].type == "html_block"
    # And in one document, a level down, under one H1.
    document = notes.document_page([day], FRIDAY, FRIDAY)
    front, _, body = split(document)
    assert front["pulls"] == distinct([text, "guilt"])
    assert [h for h in headings(body) if h[0] <= 2] == [
        (1, f"Self-trust practice: {day_heading(FRIDAY)}"),
        (2, day_heading(FRIDAY)),
    ]
    assert [h for h in headings(body) if h[0] == 4] == [(4, title(1)), (4, title(2))] * 2


@pytest.mark.parametrize("text", NASTY, ids=range(len(NASTY)))
def test_nasty_text_stays_inside_its_field(text, tmp_path):
    check_page_for(text, tmp_path)


@hsettings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=60) | st.sampled_from(NASTY))
def test_any_text_in_every_field_keeps_the_headings_and_front_matter(tmp_path_factory, text):
    check_page_for(text, tmp_path_factory.mktemp("any"))


@given(st.text())
def test_a_yaml_string_is_valid_yaml_and_json_and_gives_back_the_text(text):
    quoted = notes.yaml_string(text)
    assert "\n" not in quoted and "\r" not in quoted
    assert yaml.load(f"key: {quoted}\n", Loader=yaml.SafeLoader) == {"key": text}
    assert json.loads(quoted) == text


# -- whose file is it ------------------------------------------------------------------------------


def test_a_file_is_ours_edited_or_foreign(full_store):
    [day] = collect_days(full_store, FRIDAY, FRIDAY)
    raw = notes.day_file(day)
    assert whose(raw) == ours.OURS
    assert whose(raw.replace(b"Restless hands.", b"Restless hands, and feet.")) == ours.EDITED
    assert whose(raw.replace(b"contact: 4", b"contact: 5")) == ours.EDITED  # the front matter counts too
    assert whose(raw + b"\nMy own note.\n") == ours.OURS  # outside the region: the person's, not an edit of ours
    assert whose(raw.replace(b"# Friday", b"My own note.\n\n# Friday")) == ours.EDITED  # inside it: an edit
    assert whose(raw.replace(b"\n", b"\r\n")) == ours.FOREIGN  # no longer our shape at all
    without_digest = b"".join(line for line in raw.splitlines(True) if not line.startswith(b"selftrust_digest"))
    assert whose(without_digest) == ours.FOREIGN
    without_generator = b"".join(line for line in raw.splitlines(True) if not line.startswith(b"generator"))
    assert whose(without_generator) == ours.FOREIGN
    assert whose(b"# My own note\n") == ours.FOREIGN
    assert whose(b"---\ntitle: mine\n---\n\ntext\n") == ours.FOREIGN
    assert whose(b"") == ours.FOREIGN  # empty: a day note the person made (notes apps do), not ours


# -- file names ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "pattern, name",
    [
        ("{date}.md", "2026-11-27.md"),
        ("{date} {weekday}.md", "2026-11-27 Friday.md"),
        ("Self-trust/{date}.md", "Self-trust/2026-11-27.md"),
        ("{weekday}-{date}", "Friday-2026-11-27"),
    ],
)
def test_file_names_follow_the_pattern(pattern, name):
    assert export.file_name(pattern, FRIDAY) == name


@pytest.mark.parametrize(
    "pattern",
    [
        "../{date}.md",
        "/tmp/{date}.md",
        "a/../../{date}.md",
        "{date}/..",
        "./{date}.md",
        "{date}.md/",
        "a//{date}",
        "{nope}-{date}.md",
        "{date",
        "{date}}",
        "{weekday}.md",
        "{date}\x00.md",
    ],
)
def test_patterns_that_escape_the_folder_or_make_no_name_are_refused(pattern):
    with pytest.raises(ExportError):
        export.file_name(pattern, FRIDAY)


# -- writing a folder of days -----------------------------------------------------------------------


def mtimes(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_mtime_ns, p.stat().st_ino) for p in folder.iterdir()}


def two_days(tmp_path: Path) -> Store:
    decisions, checks, evening = full_day()
    return store_of(tmp_path, [earlier_decision(), *decisions], checks, [evening])


def test_export_writes_a_private_file_per_day_and_reports_progress(tmp_path):
    store = two_days(tmp_path)
    out = tmp_path / "vault" / "Self-trust"
    seen: list[tuple[int, int]] = []
    report = export.export_days(store, out, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(0, 2), (1, 2), (2, 2)]
    assert sorted(p.name for p in out.iterdir()) == ["2026-11-25.md", "2026-11-27.md", "2026-W48.md"]
    assert report.summary() == "written 3, unchanged 0, skipped 0"
    for made in (out, out.parent):
        assert stat.S_IMODE(made.stat().st_mode) == 0o700
    for file in out.iterdir():
        assert stat.S_IMODE(file.stat().st_mode) == 0o600
    assert (out / "2026-11-27.md").read_bytes() == (FIXTURES / "export-day-full.md").read_bytes()


def test_an_existing_folder_keeps_its_own_mode(tmp_path):
    out = tmp_path / "vault"
    out.mkdir(mode=0o755)
    out.chmod(0o755)
    export.export_days(two_days(tmp_path), out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o755
    assert all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in out.iterdir())


def test_exporting_again_rewrites_nothing(tmp_path):
    store = two_days(tmp_path)
    out = tmp_path / "out"
    export.export_days(store, out)
    before = mtimes(out)
    report = export.export_days(store, out)
    assert report.summary() == "written 0, unchanged 3, skipped 0"
    assert mtimes(out) == before  # not even rewritten with the same bytes


def test_a_changed_day_replaces_only_its_own_untouched_file(tmp_path):
    decisions, checks, evening = full_day()
    path = write_journal(tmp_path / "journal.json", [earlier_decision(), *decisions], checks, [evening])
    out = tmp_path / "out"
    export.export_days(Store(path), out)
    before = mtimes(out)
    evening.contact = 5
    write_journal(path, [earlier_decision(), *decisions], checks, [evening])
    report = export.export_days(Store(path), out)
    # The week's note counts the changed day: it is replaced too.
    assert report.written == [out / "2026-11-27.md", out / "2026-W48.md"] and report.unchanged == [
        out / "2026-11-25.md"
    ]
    assert "contact: 5\n" in (out / "2026-11-27.md").read_text()
    assert mtimes(out)["2026-11-25.md"] == before["2026-11-25.md"]


def test_an_edited_file_is_skipped_unless_forced(tmp_path):
    store = two_days(tmp_path)
    out = tmp_path / "out"
    export.export_days(store, out)
    edited = out / "2026-11-27.md"
    mine = edited.read_text().replace("Restless hands.", "Restless hands, and feet.") + "\nMy own thoughts.\n"
    edited.write_text(mine)
    report = export.export_days(store, out)
    assert report.edited == [edited] and report.summary() == "written 0, unchanged 2, skipped 1"
    assert edited.read_text() == mine
    report = export.export_days(store, out, force=True)
    assert report.forced == [edited] and report.written == [edited]
    # --force rewrites selftrust's part only: the person's words after it stay.
    assert edited.read_bytes() == (FIXTURES / "export-day-full.md").read_bytes() + b"\nMy own thoughts.\n"


def test_files_export_did_not_write_are_never_touched_even_with_force(tmp_path):
    store = two_days(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    theirs = out / "2026-11-27.md"
    theirs.write_text("# My own note for that day\n")
    (out / "2026-11-25.md").mkdir()  # a folder where a file would go
    elsewhere = tmp_path / "elsewhere.md"
    elsewhere.write_text("linked\n")
    for force in (False, True):
        report = export.export_days(store, out, force=force, weekly=False)
        assert sorted(report.foreign) == [out / "2026-11-25.md", theirs]
        assert report.written == []
    assert theirs.read_text() == "# My own note for that day\n"
    theirs.unlink()
    theirs.symlink_to(elsewhere)
    assert export.export_days(store, out, force=True, weekly=False).foreign[-1] == theirs
    assert elsewhere.read_text() == "linked\n" and theirs.is_symlink()


@pytest.mark.parametrize("unnamed", [True, False], ids=["unnamed-file-linked", "temporary-file-renamed"])
def test_both_ways_of_writing_atomically_leave_only_whole_private_files(tmp_path, monkeypatch, unnamed):
    usable = unnamed and files._UNNAMED["usable"]  # Linux with /proc: an unnamed file, linked once whole
    monkeypatch.setitem(files._UNNAMED, "usable", usable)
    store = two_days(tmp_path)
    out = tmp_path / "out"
    export.export_days(store, out)
    export.export_days(store, out, force=True)
    (out / "2026-11-25.md").write_text("edited")
    (out / "2026-11-25.md").unlink()
    decisions, checks, evening = full_day()
    evening.contact = 1
    store = store_of(tmp_path / "changed", [earlier_decision(), *decisions], checks, [evening])
    # one new, one replaced, and the week's note replaced
    assert export.export_days(store, out).summary() == "written 3, unchanged 0, skipped 0"
    assert sorted(p.name for p in out.iterdir()) == [
        "2026-11-25.md",
        "2026-11-27.md",
        "2026-W48.md",
    ]  # no temporary file left
    assert all(whose(p.read_bytes()) == ours.OURS and stat.S_IMODE(p.stat().st_mode) == 0o600 for p in out.iterdir())
    assert files._UNNAMED["usable"] is usable  # the way asked for was the way taken


def test_a_progress_callback_that_raises_stops_the_export_with_whole_files(tmp_path):
    out = tmp_path / "out"

    def stop_after_one(done: int, total: int) -> None:
        if done == 1:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        export.export_days(two_days(tmp_path), out, progress=stop_after_one)
    [written] = list(out.iterdir())
    assert whose(written.read_bytes()) == ours.OURS


@pytest.mark.parametrize("unnamed", [True, False], ids=["unnamed-file-linked", "temporary-file-renamed"])
def test_a_disk_that_refuses_a_write_stops_the_export_naming_the_file(tmp_path, monkeypatch, unnamed):
    monkeypatch.setitem(files._UNNAMED, "usable", unnamed and files._UNNAMED["usable"])
    out = tmp_path / "out"
    real_write = files.write_parts
    calls = []

    def full_disk(file, data: bytes) -> None:
        calls.append(file)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write(file, data)

    monkeypatch.setattr(files, "write_parts", full_disk)  # the unnamed file's and the temporary file's
    with pytest.raises(vault_files.ExportFailed) as failed:
        export.export_days(two_days(tmp_path), out)
    assert str(failed.value).startswith(f"{out / '2026-11-27.md'} could not be written: No space left on device.")
    assert isinstance(failed.value, OSError)  # a caller handling the disk's errors handles it too
    assert [p.name for p in out.iterdir()] == ["2026-11-25.md"]  # the one before is whole; no half file, no leftover
    assert whose((out / "2026-11-25.md").read_bytes()) == ours.OURS


def test_the_pattern_names_files_and_may_make_subfolders(tmp_path):
    out = tmp_path / "out"
    export.export_days(two_days(tmp_path), out, pattern="days/{date} {weekday}.md")
    assert sorted(p.name for p in (out / "days").iterdir()) == ["2026-11-25 Wednesday.md", "2026-11-27 Friday.md"]
    assert stat.S_IMODE((out / "days").stat().st_mode) == 0o700


def test_a_bad_pattern_writes_nothing(tmp_path):
    out = tmp_path / "out"
    with pytest.raises(ExportError):
        export.export_days(two_days(tmp_path), out, pattern="../{date}.md")
    assert not out.exists()


def test_a_range_exports_only_its_days(tmp_path):
    out = tmp_path / "out"
    report = export.export_days(two_days(tmp_path), out, first=dt.date(2026, 11, 26), last=dt.date(2026, 11, 30))
    assert sorted(p.name for p in out.iterdir()) == ["2026-11-27.md", "2026-W48.md"] and report.days == 1


def test_a_document_file_follows_the_same_rules(tmp_path):
    store = two_days(tmp_path)
    target = tmp_path / "notes" / "practice.md"
    assert export.export_document(store, target).summary() == "written 1, unchanged 0, skipped 0"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    before = mtimes(target.parent)
    assert export.export_document(store, target).summary() == "written 0, unchanged 1, skipped 0"
    assert mtimes(target.parent) == before
    target.write_text(target.read_text() + "edited\n")
    assert export.export_document(store, target).edited == [target]
    assert export.export_document(store, target, force=True).forced == [target]
    target.write_text("mine\n")
    assert export.export_document(store, target, force=True).foreign == [target]
    assert target.read_text() == "mine\n"


# -- the range words ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "word, today, first, last",
    [
        ("week", FRIDAY, dt.date(2026, 11, 23), dt.date(2026, 11, 29)),
        ("week", dt.date(2026, 11, 23), dt.date(2026, 11, 23), dt.date(2026, 11, 29)),
        ("week", dt.date(2026, 12, 31), dt.date(2026, 12, 28), dt.date(2027, 1, 3)),
        ("month", FRIDAY, dt.date(2026, 11, 1), dt.date(2026, 11, 30)),
        ("Month", dt.date(2028, 2, 10), dt.date(2028, 2, 1), dt.date(2028, 2, 29)),
        ("month", dt.date(2026, 12, 31), dt.date(2026, 12, 1), dt.date(2026, 12, 31)),
        ("today", FRIDAY, FRIDAY, FRIDAY),
        ("yesterday", FRIDAY, dt.date(2026, 11, 26), dt.date(2026, 11, 26)),
        ("2026-01-05", FRIDAY, dt.date(2026, 1, 5), dt.date(2026, 1, 5)),
    ],
)
def test_from_and_to_know_week_and_month(word, today, first, last):
    from data.daytime import range_day

    assert range_day(word, today, end=False) == first
    assert range_day(word, today, end=True) == last


@pytest.mark.parametrize("word", ["fortnight", "", "2026-02-30", "27.11.2026"])
def test_other_words_are_not_days(word):
    from data.daytime import DateError, range_day

    with pytest.raises(DateError):
        range_day(word, FRIDAY, end=False)


# -- the JSON backup, and import ---------------------------------------------------------------


def backup_of(store: Store, **options) -> dict:
    return json.loads(backups.backup_bytes(store, **options))


def records(store: Store) -> dict[str, list[dict]]:
    return {
        "decisions": sorted((d.to_dict() for d in store.all_decisions(include_deleted=True)), key=lambda r: r["id"]),
        "checks": sorted((c.to_dict() for c in store.all_checks(include_deleted=True)), key=lambda r: r["id"]),
        "reviews": sorted((r.to_dict() for r in store.all_reviews(include_deleted=True)), key=lambda r: r["id"]),
    }


def test_the_backup_holds_everything_deleted_entries_too(tmp_path):
    decisions, checks, evening = full_day()
    gone = decision(3, "Deleted one", deleted_at=STAMP)
    store = store_of(tmp_path, [earlier_decision(), *decisions, gone], checks, [evening])
    backup = backup_of(store)
    assert list(backup)[:7] == ["format", "selftrust_digest", "schema_version", "generator", "from", "to", "decisions"]
    assert (backup["format"], backup["schema_version"], backup["generator"]) == (
        "selftrust-backup",
        SCHEMA_VERSION,
        "selftrust 0.1.0",
    )
    assert [d["id"] for d in backup["decisions"]] == ["decision-earlier", "decision-000001", "decision-000002", gone.id]
    assert backup["decisions"][-1]["deleted_at"] == STAMP
    assert len(backup["checks"]) == 3 and backup["reviews"][0]["contact"] == 4
    raw = backups.backup_bytes(store)
    assert raw == backups.backup_bytes(store)  # the same journal, the same bytes
    assert whose(raw) == ours.OURS
    assert whose(raw.replace(b'"contact": 4', b'"contact": 5')) == ours.EDITED


def test_a_backup_of_a_range_holds_that_range(tmp_path):
    store = two_days(tmp_path)
    backup = backup_of(store, first=FRIDAY, last=FRIDAY)
    assert (backup["from"], backup["to"]) == (DAY, DAY)
    assert {d["day"] for d in backup["decisions"]} == {DAY}


def test_a_backup_imported_into_an_empty_journal_gives_back_every_entry(tmp_path):
    decisions, checks, evening = full_day()
    store = store_of(
        tmp_path, [earlier_decision(), *decisions, decision(3, "Deleted one", deleted_at=STAMP)], checks, [evening]
    )
    empty = Store(tmp_path / "new" / "journal.json")
    report = import_backup(empty, backups.backup_bytes(store))
    assert report.summary() == "added 8, updated 0, unchanged 0" and report.notes == []
    assert records(Store(tmp_path / "new" / "journal.json")) == records(store)
    assert stat.S_IMODE((tmp_path / "new" / "journal.json").stat().st_mode) == 0o600


def test_importing_twice_changes_nothing(tmp_path):
    store = two_days(tmp_path)
    raw = backups.backup_bytes(store)
    other = Store(tmp_path / "other.json")
    import_backup(other, raw)
    saved = (tmp_path / "other.json").read_bytes()
    report = import_backup(other, raw)
    assert report.summary() == "added 0, updated 0, unchanged 7"
    assert (tmp_path / "other.json").read_bytes() == saved  # not even saved again
    assert len(other.all_decisions()) == 3


def test_a_newer_edit_wins_and_an_older_one_is_ignored(tmp_path):
    decisions, checks, evening = full_day()
    store = store_of(tmp_path, [earlier_decision(), *decisions], checks, [evening])
    backup = backup_of(store)
    _earlier, first, second = backup["decisions"]
    newer = dict(first, text="Tell Sam, kindly", updated_at="2026-11-28T09:00:00+01:00")
    older = dict(second, text="An old wording", updated_at="2026-11-26T09:00:00+01:00")
    same_time = dict(backup["reviews"][0], learned="Different, but not newer")
    backup.update(decisions=[newer, older], reviews=[same_time])
    report = import_backup(store, json.dumps(backup).encode())
    assert report.summary() == "added 0, updated 1, unchanged 5"
    assert store.decision("decision-000001").text == "Tell Sam, kindly"
    assert store.decision("decision-000002").text == "Finish the budget draft before lunch"
    assert store.review_on(DAY).learned.startswith("The pull passes faster")


def test_a_newer_edit_in_another_timezone_is_compared_as_a_moment(tmp_path):
    store = store_of(tmp_path, [decision(1, "Mine", stamp="2026-11-27T10:00:00+01:00")])
    backup = backup_of(store)
    # 09:30 in UTC is 10:30 in Berlin: newer, although it reads earlier.
    backup["decisions"][0].update(text="Theirs", updated_at="2026-11-27T09:30:00+00:00")
    assert import_backup(store, json.dumps(backup).encode()).updated == 1
    assert store.decision("decision-2026-11-27-1").text == "Theirs"


def test_a_new_decision_never_takes_a_number_its_day_already_gave(tmp_path):
    mine = store_of(tmp_path / "mine", [decision(1, "Mine", id="mine-0001")])
    theirs = store_of(
        tmp_path / "theirs", [decision(1, "Theirs one", id="theirs-001"), decision(2, "Theirs two", id="theirs-002")]
    )
    raw = backups.backup_bytes(theirs)
    report = import_backup(mine, raw)
    assert {d.id: d.n for d in mine.all_decisions()} == {"mine-0001": 1, "theirs-002": 2, "theirs-001": 3}
    assert report.summary() == "added 2, updated 0, unchanged 0"
    assert len(report.notes) == 1 and "is number 3 here" in report.notes[0]
    assert import_backup(mine, raw).summary() == "added 0, updated 0, unchanged 2"  # and it stays 3
    assert mine.decision("theirs-001").n == 3


def test_a_deleted_decisions_number_is_not_given_again(tmp_path):
    mine = store_of(tmp_path / "mine", [decision(1, "Deleted", id="mine-0001", deleted_at=STAMP)])
    theirs = store_of(tmp_path / "theirs", [decision(1, "Theirs", id="theirs-001")])
    import_backup(mine, backups.backup_bytes(theirs))
    assert mine.decision("theirs-001").n == 2


def test_a_day_keeps_one_live_review_and_the_other_is_restorable(tmp_path):
    mine = store_of(
        tmp_path / "mine", [], [], [review(id="mine-review", learned="Mine", stamp="2026-11-27T21:00:00+01:00")]
    )
    theirs = store_of(
        tmp_path / "theirs", [], [], [review(id="their-review", learned="Theirs", stamp="2026-11-27T22:00:00+01:00")]
    )
    raw = backups.backup_bytes(theirs)
    report = import_backup(mine, raw, now="2026-11-28T08:00:00+01:00")
    assert mine.review_on(DAY).learned == "Theirs"
    set_aside = [r for r in mine.all_reviews(include_deleted=True) if r.deleted]
    assert [(r.id, r.deleted_at) for r in set_aside] == [("mine-review", "2026-11-28T08:00:00+01:00")]
    assert len(report.notes) == 1 and "two reviews" in report.notes[0]
    assert import_backup(mine, raw).summary() == "added 0, updated 0, unchanged 1"


def test_of_two_reviews_of_a_day_the_one_edited_last_stays_however_often_the_other_was_saved(tmp_path):
    # A revision counts the saves of one review; it says nothing about which of two is newer.
    mine = store_of(
        tmp_path / "mine", [], [], [review(id="mine-review", learned="Mine", stamp="2026-11-27T21:00:00+01:00", rev=7)]
    )
    theirs = store_of(
        tmp_path / "theirs", [], [], [review(id="their-review", learned="Theirs", stamp="2026-11-27T22:00:00+01:00")]
    )
    import_backup(mine, backups.backup_bytes(theirs), now="2026-11-28T08:00:00+01:00")
    assert mine.review_on(DAY).learned == "Theirs"


def test_an_older_review_from_a_backup_is_kept_deleted_beside_the_newer(tmp_path):
    mine = store_of(
        tmp_path / "mine", [], [], [review(id="mine-review", learned="Mine", stamp="2026-11-27T23:00:00+01:00")]
    )
    theirs = store_of(
        tmp_path / "theirs", [], [], [review(id="their-review", learned="Theirs", stamp="2026-11-27T22:00:00+01:00")]
    )
    import_backup(mine, backups.backup_bytes(theirs))
    assert mine.review_on(DAY).learned == "Mine"
    assert [r.id for r in mine.all_reviews(include_deleted=True) if r.deleted] == ["their-review"]


def test_a_journal_file_itself_can_be_imported(tmp_path):
    source = two_days(tmp_path / "source")
    empty = Store(tmp_path / "new.json")
    assert import_backup(empty, (tmp_path / "source" / "journal" / "journal.json").read_bytes()).added == 7
    assert records(empty) == records(source)


def good_backup() -> dict:
    decisions, checks, evening = full_day()
    return {
        "format": "selftrust-backup",
        "schema_version": SCHEMA_VERSION,
        "generator": "selftrust 0.1.0",
        "decisions": [d.to_dict() for d in decisions],
        "checks": [c.to_dict() for c in checks],
        "reviews": [evening.to_dict()],
    }


def damaged(change) -> bytes:
    backup = good_backup()
    change(backup)
    return json.dumps(backup).encode()


MALFORMED = {
    "empty": (b"", "is empty"),
    "not json": (b'{"format": "selftrust-backup", "decisions": [', "is not JSON: it stops being valid at line 1"),
    "not utf-8": (b'{"format": "\xff"}', "is not UTF-8 text"),
    "a list": (b"[1, 2, 3]", "is not a selftrust backup"),
    "another app's json": (b'{"name": "my-app", "version": "1.0"}', 'has no "format": "selftrust-backup"'),
    "another format": (damaged(lambda b: b.update(format="obsidian-export")), "its format is 'obsidian-export'"),
    "a newer schema": (damaged(lambda b: b.update(schema_version=99)), "newer selftrust (schema 99)"),
    "no schema": (damaged(lambda b: b.pop("schema_version")), "no usable schema_version"),
    "entries not a list": (damaged(lambda b: b.update(checks={"a": 1})), "checks is not a list"),
    "an entry not an object": (damaged(lambda b: b["checks"].append("x")), "it is not an object"),
    "a missing field": (damaged(lambda b: b["decisions"][0].pop("day")), "missing day"),
    "an unknown outcome": (damaged(lambda b: b["decisions"][0].update(outcome="won")), "unknown outcome 'won'"),
    "an unknown state": (damaged(lambda b: b["checks"][0].update(state="fine")), "unknown state 'fine'"),
    "a bad day": (damaged(lambda b: b["reviews"][0].update(day="2026-13-01")), "not a day on the calendar"),
    "a day in another shape": (damaged(lambda b: b["reviews"][0].update(day="27/11/2026")), "not a date like"),
    "no offset": (damaged(lambda b: b["decisions"][1].update(updated_at="2026-11-27T09:00:00")), "has no UTC offset"),
    "a bad certainty": (
        damaged(lambda b: b["decisions"][0].update(certainty=9)),
        "certainty 9 is not a number from 1 to 5",
    ),
    "pulls not names": (damaged(lambda b: b["checks"][0].update(pulls="fear")), "pulls must be a list of names"),
    "text not text": (damaged(lambda b: b["decisions"][0].update(text=["x"])), "text must be text"),
    "an unknown field": (damaged(lambda b: b["reviews"][0].update(mood="ok")), "fields selftrust does not know (mood)"),
    "a number not whole": (damaged(lambda b: b["decisions"][0].update(n=1.5)), "is not a whole number"),
    "an id twice": (damaged(lambda b: b["checks"][1].update(id=b["checks"][0]["id"])), "holds the id"),
    "two decisions one number": (
        damaged(lambda b: b["decisions"][1].update(n=1)),
        "gives number 1 of 2026-11-27 to two decisions",
    ),
    "a check without its decision": (
        damaged(lambda b: b["decisions"].pop(1)),
        "whose decision is neither in it nor in the journal",
    ),
    "a check on another day": (
        damaged(lambda b: b["checks"][0].update(day="2026-11-26")),
        "for a decision of 2026-11-27",
    ),
}


@pytest.mark.parametrize("kind", MALFORMED)
def test_a_malformed_or_foreign_file_is_refused_and_nothing_is_written(tmp_path, kind):
    raw, message = MALFORMED[kind]
    path = write_journal(tmp_path / "journal.json", [decision(1, "Mine", id="mine-0001")])
    before = path.read_bytes()
    with pytest.raises(BackupError) as refused:
        import_backup(Store(path), raw, name="backup.json")
    assert message in str(refused.value), str(refused.value)
    assert str(refused.value).startswith("backup.json ") and str(refused.value).endswith("nothing was imported")
    assert path.read_bytes() == before
    assert not (tmp_path / "backups").exists()  # no save was even started


def test_a_refused_import_into_no_journal_makes_no_journal(tmp_path):
    with pytest.raises(BackupError):
        import_backup(Store(tmp_path / "journal.json"), damaged(lambda b: b["decisions"].pop(1)))
    assert not (tmp_path / "journal.json").exists()


def test_a_backup_that_contradicts_the_journal_is_refused(tmp_path):
    decisions, checks, evening = full_day()
    path = write_journal(tmp_path / "journal.json", [earlier_decision(), *decisions], checks, [evening])
    before = path.read_bytes()
    moved = damaged(lambda b: [r.update(day="2026-11-26") for r in (b["decisions"][0], *b["checks"][:2])])
    same_id_other_kind = damaged(
        lambda b: (b["decisions"].pop(1), b["checks"].pop(2), b["reviews"][0].update(id="decision-000002"))
    )
    for raw, message in (
        (moved, "the journal has it on 2026-11-27"),
        (same_id_other_kind, "is a decision in the journal"),
    ):
        with pytest.raises(BackupError, match=message):
            import_backup(Store(path), raw)
    assert path.read_bytes() == before


# -- round trip, for any text ---------------------------------------------------------------------


# What a person can type into any field (import refuses control characters, as typing does).
texts = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=40)
names = st.lists(texts, max_size=3)
decision_texts = texts.filter(
    lambda t: t.strip() and not all(c.isspace() or unicodedata.category(c) == "Cf" for c in t)
)


@hsettings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    days=st.lists(
        st.tuples(
            st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)),
            decision_texts, texts, names, st.none() | st.integers(1, 5), st.none() | texts,
            st.none() | st.sampled_from(list(Outcome)), st.sampled_from(list(State)), names, texts,
            st.booleans(), st.none() | st.integers(1, 5),
        ),
        max_size=4,
    )
)  # fmt: skip
def test_a_backup_of_any_journal_comes_back_identical(days, tmp_path_factory):
    clock = FixedClock("2026-11-27T09:15:00", "Europe/Berlin")
    store = Store.in_memory()
    for day, text, why, pulls, certainty, say, outcome, state, patterns, body, delete, contact in days:
        made = store.add_decision(
            clock.now(), day, text, text, why=why, pulls_expected=pulls, certainty=certainty, next_step=body, say=say
        )
        store.save_check(clock.now(), made, state, pulls=pulls, patterns=patterns, body=body, return_step=why)
        store.save_review(
            clock.now(), day, {made.id: outcome}, left=text, returned=why, repair=body, learned=text, contact=contact
        )
        if delete:
            store.delete_decision(clock.now(), made.id)
    raw = backups.backup_bytes(store)
    folder = tmp_path_factory.mktemp("roundtrip")
    empty = Store(folder / "journal.json")
    report = import_backup(empty, raw)
    assert report.notes == []
    assert records(Store(folder / "journal.json")) == records(store)
    assert backups.backup_bytes(empty) == raw
    assert import_backup(empty, raw).added == 0


def test_an_empty_file_is_left_alone_and_replaced_only_when_forced(tmp_path):
    from data.daytime import FixedClock
    from data.export import export_days
    from data.store import Store

    clock = FixedClock("2026-11-27T09:00:00", "Europe/Berlin")
    store = Store.in_memory()
    store.add_decision(clock.now(), "2026-11-27", "Say it plainly", "Relational Key")
    (tmp_path / "2026-11-27.md").write_bytes(b"")  # a notes app's new day note, or what a cut-off export left
    report = export_days(store, tmp_path, weekly=False)
    assert [p.name for p in report.empty] == ["2026-11-27.md"] and report.written == []
    assert [p.name for p in report.skipped] == ["2026-11-27.md"]
    assert (tmp_path / "2026-11-27.md").read_bytes() == b""
    report = export_days(store, tmp_path, force=True, weekly=False)
    assert [p.name for p in report.written] == ["2026-11-27.md"]
    assert "Say it plainly" in (tmp_path / "2026-11-27.md").read_text(encoding="utf-8")


def test_a_range_whose_decision_is_carried_from_outside_it_is_refused_into_a_journal_without_the_first(
    full_store, tmp_path
):
    """Imported, it would leave a journal whose carried decision names nothing: refused, nothing written."""
    raw = backups.backup_bytes(full_store, first=dt.date(2026, 11, 27), last=dt.date(2026, 11, 27))
    fresh = tmp_path / "fresh" / "journal.json"
    with pytest.raises(BackupError, match="carried forward from one that is neither in it nor in the journal"):
        import_backup(Store(fresh), raw, name="backup.json")
    assert not fresh.exists()
    # Into the journal that holds the first one, the same range imports.
    assert import_backup(full_store, raw).summary().startswith("added 0")


def test_a_decision_carried_forward_says_where_it_went_in_its_page_and_front_matter(tmp_path):
    store = Store(tmp_path / "journal.json")
    now = dt.datetime.fromisoformat(STAMP)
    earlier = store.add_decision(now, EARLIER, "Ask for the raise", "Relational Key")
    store.add_decision(now, EARLIER, "Walk at lunch", "Inner Foundation")
    store.carry_forward(now, earlier, dt.date.fromisoformat(DAY))
    [page, today] = collect_days(store)
    assert page.day == EARLIER and today.day == DAY
    body = notes.day_body(page)
    assert "## Evening\n\n- **1. Ask for the raise:** carried forward to 2026-11-27\n" in body
    # The Day view reads the one day alone and says the same.
    assert notes.day_body(notes.day_record(store, dt.date.fromisoformat(EARLIER))) == body
    head = yaml.safe_load(notes.day_page(page).split("---\n")[1])
    assert (head["carried"], head["open"], head["abandoned"]) == (1, 1, 0)
    assert yaml.safe_load(notes.day_page(today).split("---\n")[1])["carried"] == 0  # a number on every page


# -- links between notes and the weekly note --------------------------------------------------


@pytest.mark.parametrize(
    ("day", "week"),
    [
        (dt.date(2026, 11, 27), "2026-W48"),
        (dt.date(2026, 12, 31), "2026-W53"),
        (dt.date(2027, 1, 1), "2026-W53"),  # the ISO week-year, not the calendar year
        (dt.date(2024, 12, 30), "2025-W01"),
        (dt.date(2026, 1, 4), "2026-W01"),
    ],
)
def test_a_week_is_named_by_its_iso_week_year_and_number(day, week):
    assert weekly.week_name(day) == week
    assert weekly.week_note_name(day) == f"{week}.md"


def test_the_weekly_note_is_the_reviewed_file(full_store, tmp_path):
    export.export_days(full_store, tmp_path / "out")
    page = (tmp_path / "out" / "2026-W48.md").read_text(encoding="utf-8")
    assert_golden("export-week.md", page)
    front, _, body = split(page)
    digest = front.pop("selftrust_digest")
    assert digest.startswith("sha256:") and whose(page.encode()) == ours.OURS
    assert front == {
        "week": "2026-W48",
        "from": dt.date(2026, 11, 23),
        "to": dt.date(2026, 11, 29),
        "days": 2,
        "decisions": 3,
        "returns": 1,
        "reps": 2,  # the return, and the budget kept although a pull came
        "kept": 1,
        "returned": 1,
        "revised": 0,
        "abandoned": 0,
        "open": 1,
        "carried": 0,
        "contact_average": 4.0,
        "tags": ["selftrust"],
        "generator": ours.generator(),
    }
    assert headings(body) == [(1, "Week 48 of 2026"), (2, "Days")]
    assert body.endswith("- [[2026-11-25]] · Wednesday: 1 decision\n- [[2026-11-27]] · Friday: 2 decisions\n")


def practice_week(tmp_path: Path) -> Store:
    """Days 23, 24, 27 and 30 November 2026, and the 28th whose one decision was deleted."""
    days = ["2026-11-23", "2026-11-24", "2026-11-27", "2026-11-28", "2026-11-30"]
    decisions = [decision(1, f"Decision of {day}", day=day) for day in days]
    decisions[3].deleted_at = "2026-11-28T20:00:00+01:00"
    return store_of(tmp_path, decisions, reviews=[review("2026-11-24", contact=2), review("2026-11-27", contact=5)])


def links_of(path: Path) -> str:
    """The last line of a day's page, just inside selftrust's region: its links."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line for line in lines[: lines.index(ours.END)] if line][-1]


def test_each_day_links_the_journals_day_before_and_after_and_its_week(tmp_path):
    out = tmp_path / "out"
    export.export_days(practice_week(tmp_path), out)
    assert links_of(out / "2026-11-23.md") == "[[2026-W48]] · [[2026-11-24]]"  # the first day: no day before
    assert links_of(out / "2026-11-24.md") == "[[2026-11-23]] · [[2026-W48]] · [[2026-11-27]]"  # over the gap
    # The 28th has nothing left to show: no file, and no link to it.
    assert not (out / "2026-11-28.md").exists()
    assert links_of(out / "2026-11-27.md") == "[[2026-11-24]] · [[2026-W48]] · [[2026-11-30]]"
    assert links_of(out / "2026-11-30.md") == "[[2026-11-27]] · [[2026-W49]]"  # the last day: no day after
    assert sorted(p.name for p in out.glob("*-W*.md")) == ["2026-W48.md", "2026-W49.md"]


def test_one_day_exported_alone_still_links_its_neighbours_in_the_journal(tmp_path):
    out = tmp_path / "out"
    day = dt.date(2026, 11, 27)
    export.export_days(practice_week(tmp_path), out, first=day, last=day, pattern="journal/{date}.md")
    assert links_of(out / "journal" / "2026-11-27.md") == (
        "[[journal/2026-11-24]] · [[2026-W48]] · [[journal/2026-11-30]]"
    )
    # Its week's note counts the whole week in the journal, not only the day exported.
    front, _, body = split((out / "2026-W48.md").read_text(encoding="utf-8"))
    assert (front["days"], front["decisions"], front["contact_average"]) == (3, 3, 3.5)
    assert "- [[journal/2026-11-23]] · Monday" in body and "- [[journal/2026-11-27]] · Friday" in body
    assert sorted(p.name for p in out.iterdir()) == ["2026-W48.md", "journal"]


def test_links_and_weekly_notes_can_each_be_turned_off(tmp_path):
    store = practice_week(tmp_path)
    export.export_days(store, tmp_path / "plain", links=False)
    assert "[[" not in (tmp_path / "plain" / "2026-11-24.md").read_text(encoding="utf-8")
    assert (tmp_path / "plain" / "2026-W48.md").exists()
    report = export.export_days(store, tmp_path / "days", weekly=False)
    assert not list((tmp_path / "days").glob("*-W*.md")) and report.weeks == 0
    # No weekly note, so no link to one: only the days either side.
    assert links_of(tmp_path / "days" / "2026-11-24.md") == "[[2026-11-23]] · [[2026-11-27]]"
    export.export_days(store, tmp_path / "neither", links=False, weekly=False)
    assert sorted(p.name for p in (tmp_path / "neither").iterdir()) == [
        "2026-11-23.md", "2026-11-24.md", "2026-11-27.md", "2026-11-30.md"
    ]  # fmt: skip


def test_an_edited_weekly_note_is_spared_and_named(tmp_path):
    store = practice_week(tmp_path)
    out = tmp_path / "out"
    assert export.export_days(store, out).weeks == 2
    week = out / "2026-W48.md"
    written = week.read_text(encoding="utf-8")
    # Below the region: the person's, kept as it is, and nothing of ours changed.
    week.write_text(written + "\nA good week, all told.\n", encoding="utf-8")
    report = export.export_days(store, out)
    assert report.edited == [] and week.read_text(encoding="utf-8") == written + "\nA good week, all told.\n"
    # Inside the region: an edit of ours, spared and named.
    mine = written.replace(ours.END, "A line of mine in the figures.\n\n" + ours.END)
    week.write_text(mine, encoding="utf-8")
    report = export.export_days(store, out)
    assert report.edited == [week] and week.read_text(encoding="utf-8") == mine
    assert report.summary() == "written 0, unchanged 5, skipped 1"


def test_a_file_name_no_link_can_hold_is_refused_before_anything_is_written(tmp_path):
    out = tmp_path / "out"
    with pytest.raises(ExportError, match="export_links"):
        export.export_days(practice_week(tmp_path), out, pattern="{date} #journal.md")
    assert not out.exists()
    export.export_days(practice_week(tmp_path), out, pattern="{date} #journal.md", links=False, weekly=False)
    assert (out / "2026-11-27 #journal.md").exists()


def test_a_week_counts_a_decision_kept_although_a_pull_came_as_a_rep(tmp_path):
    kept = decision(1, "Leave at six", outcome=Outcome.KEPT)
    steady = decision(2, "Drink water", outcome=Outcome.KEPT)
    checks = [
        check(kept.id, "2026-11-27T11:00:00+01:00", State.HOLDING),
        check(kept.id, "2026-11-27T15:00:00+01:00", State.WOBBLING),  # the pull came, and it was kept
        check(steady.id, "2026-11-27T12:00:00+01:00", State.HOLDING),
    ]
    figures = weekly.week_figures(collect_days(store_of(tmp_path, [kept, steady], checks)))
    assert (figures.kept, figures.returns, figures.reps) == (2, 0, 1)


@hsettings(max_examples=60, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=12), st.text(max_size=12))
@example("<b>", "</b>")
@example("x\n- ", "")
@example("`", "`")
def test_any_file_name_is_linked_as_one_plain_line_or_refused(before, after):
    try:
        line = markdown.links_line([weekly.link_target(f"{before}2026-11-27{after}.md"), "2026-W48"])
    except ExportError as refused:
        assert "export_pattern" in str(refused)
        return
    assert line.count("\n") == 1 and line.endswith(" · [[2026-W48]]\n")
    tokens = MD.parse(line)
    # One paragraph: no heading, list, code, HTML or quote, nothing the line could start or end.
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    assert not {"code_inline", "html_inline", "link_open", "image"} & {c.type for c in tokens[1].children or ()}
