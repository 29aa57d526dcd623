"""`selftrust export` and `selftrust import`, run as the installed command, as a script would."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import yaml
from markdown_it import MarkdownIt

from data.models import SCHEMA_VERSION

FRIDAY = "2026-11-27T09:15:00"  # the sandbox's clock: Friday 27 November 2026, week of 23-29 November


def front_matter(page: str) -> dict:
    assert page.startswith("---\n")
    return yaml.safe_load(page[4 : page.index("\n---\n") + 1])


def practice(cli, days=("2026-11-02", "2026-11-23", "2026-11-26", "2026-11-27")) -> None:
    """A decision on each of DAYS; the last one checked and reviewed."""
    for day in days:
        cli.ok("decide", f"Keep my lunch hour on {day}", "--date", day, "--pull", "guilt")
    cli.ok("check", "--state", "wobbling", "--pull", "fear", "--return", "Back to the plan")
    cli.ok(
        "review", "--outcome", "1=returned", "--learned", "I can say no", "--contact", "4", now="2026-11-27T21:00:00"
    )


def modes(folder: Path) -> dict[str, int]:
    return {p.name: stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir()}


def times(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}


def test_export_writes_a_private_file_per_day(cli):
    practice(cli)
    out = cli.root / "vault" / "Self-trust"
    result = cli.ok("export", "--out", str(out))
    assert result.out == f"Exported 4 days and 2 weekly notes to {out}: written 6, unchanged 0, skipped 0.\n"
    assert modes(out) == {
        f"{d}.md": 0o600 for d in ("2026-11-02", "2026-11-23", "2026-11-26", "2026-11-27", "2026-W45", "2026-W48")
    }
    assert stat.S_IMODE(out.stat().st_mode) == 0o700 and stat.S_IMODE(out.parent.stat().st_mode) == 0o700
    page = (out / "2026-11-27.md").read_text(encoding="utf-8")
    facts = front_matter(page)
    assert (facts["returned"], facts["contact"], facts["pulls_expected"], facts["pulls"], facts["generator"]) == (
        1,
        4,
        ["guilt"],
        ["fear"],
        "selftrust 0.1.0",
    )
    assert "# Friday 27 November 2026\n" in page and "- **What I learned:** I can say no\n" in page


def test_exporting_again_changes_nothing(cli):
    practice(cli)
    out = cli.root / "out"
    cli.ok("export", "--out", str(out))
    before = times(out)
    result = cli.ok("export", "--out", str(out))
    assert result.out.endswith(": written 0, unchanged 6, skipped 0.\n")
    assert times(out) == before


def test_an_edited_file_is_skipped_and_named_until_forced(cli):
    practice(cli)
    out = cli.root / "out"
    cli.ok("export", "--out", str(out))
    edited = out / "2026-11-26.md"
    # Inside selftrust's part (the region) is an edit of ours; after it is the person's own.
    mine = (
        edited.read_text(encoding="utf-8").replace(
            "<!-- selftrust: end", "A thought I added in my notes app.\n\n<!-- selftrust: end"
        )
        + "\nMy own line, after selftrust's part.\n"
    )
    edited.write_text(mine, encoding="utf-8")
    result = cli("export", "--out", str(out))
    assert result.code == 0
    assert result.err == f"skipped {edited}: edited since it was exported; --force writes over it\n"
    assert result.out.endswith(": written 0, unchanged 5, skipped 1.\n")
    assert edited.read_text(encoding="utf-8") == mine
    result = cli("export", "--out", str(out), "--force")
    assert result.code == 0 and result.err == f"wrote over your edits in {edited} (--force)\n"
    assert result.out.endswith(": written 1, unchanged 5, skipped 0.\n")
    assert "A thought I added" not in edited.read_text(encoding="utf-8")
    assert edited.read_text(encoding="utf-8").endswith("-->\n\nMy own line, after selftrust's part.\n")


def test_a_note_whose_markers_are_broken_is_named_with_what_to_do_and_never_rewritten(cli):
    practice(cli)
    out = cli.root / "out"
    cli.ok("export", "--out", str(out))
    broken = out / "2026-11-26.md"
    mine = broken.read_text(encoding="utf-8").replace("<!-- selftrust: end -->\n", "") + "My own words.\n"
    broken.write_text(mine, encoding="utf-8")
    for extra in ((), ("--force",)):
        result = cli("export", "--out", str(out), *extra)
        assert result.code == 0
        assert result.err == (
            f"left alone {broken}: its selftrust lines are broken (the end line is missing), so it stays as it is,"
            " --force or not; put back one begin line and one end line around selftrust's part, then export again\n"
        )
        assert result.out.endswith(": written 0, unchanged 5, skipped 1.\n")  # 4 days and their 2 weeks
        assert broken.read_text(encoding="utf-8") == mine


def test_files_selftrust_did_not_write_are_never_touched(cli):
    practice(cli)
    out = cli.root / "vault"
    out.mkdir()
    theirs = out / "2026-11-27.md"
    theirs.write_text("# Friday\n\nMy own daily note.\n", encoding="utf-8")
    (out / "Ideas.md").write_text("unrelated\n", encoding="utf-8")
    for extra in ((), ("--force",)):
        result = cli("export", "--out", str(out), *extra)
        assert result.code == 0
        assert f"left alone {theirs}: selftrust did not write it" in result.err
        assert theirs.read_text(encoding="utf-8") == "# Friday\n\nMy own daily note.\n"
    assert (out / "Ideas.md").read_text(encoding="utf-8") == "unrelated\n"


def test_from_week_and_month(cli):
    practice(cli)
    out = cli.root / "week"
    assert cli.ok("export", "--from", "week", "--to", "week", "--out", str(out)).out.startswith("Exported 3 days")
    assert sorted(p.name for p in out.iterdir()) == ["2026-11-23.md", "2026-11-26.md", "2026-11-27.md", "2026-W48.md"]
    out = cli.root / "month"
    assert cli.ok("export", "--from", "month", "--out", str(out)).out.startswith("Exported 4 days")
    out = cli.root / "early"
    cli.ok("export", "--to", "2026-11-25", "--out", str(out))
    assert sorted(p.name for p in out.iterdir()) == ["2026-11-02.md", "2026-11-23.md", "2026-W45.md", "2026-W48.md"]
    out = cli.root / "yesterday"
    cli.ok("export", "--from", "yesterday", "--to", "yesterday", "--out", str(out))
    assert sorted(p.name for p in out.iterdir()) == ["2026-11-26.md", "2026-W48.md"]


def test_the_document_goes_to_standard_output(cli):
    practice(cli)
    result = cli("export", "--from", "week", "--out", "-")
    assert result.code == 0
    assert result.err == "Exported 3 days to standard output.\n"
    facts = front_matter(result.out)
    # No --to: the document runs to the last day it holds.
    assert (facts["from"].isoformat(), facts["to"].isoformat(), facts["days"], facts["decisions"]) == (
        "2026-11-23",
        "2026-11-27",
        3,
        3,
    )
    tokens = MarkdownIt("gfm-like").parse(result.out[result.out.index("\n---\n") + 5 :])
    h1 = [t for t in tokens if t.type == "heading_open" and t.tag == "h1"]
    assert len(h1) == 1
    assert "## Monday 23 November 2026\n" in result.out and "### Morning\n" in result.out


def test_a_name_ending_in_md_is_one_document(cli):
    practice(cli)
    target = cli.root / "notes" / "practice.md"
    result = cli.ok("export", "--out", str(target))
    assert result.out == f"Exported 4 days as one document to {target}: written 1, unchanged 0, skipped 0.\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert front_matter(target.read_text(encoding="utf-8"))["days"] == 4
    assert cli.ok("export", "--out", str(target)).out.endswith("written 0, unchanged 1, skipped 0.\n")


def test_export_dir_from_the_settings_is_the_default(cli):
    practice(cli)
    out = cli.root / "from-settings"
    cli.config.write_text(
        f'timezone = "Europe/Berlin"\nexport_dir = "{out}"\nexport_pattern = "{{date}} {{weekday}}.md"\n',
        encoding="utf-8",
    )
    cli.ok("export")
    assert "2026-11-27 Friday.md" in modes(out)


def test_without_out_or_export_dir_it_says_what_to_do(cli):
    practice(cli)
    result = cli("export")
    assert result.code == 2
    assert result.err_lines == [
        "selftrust export: where to? give --out DIR (or FILE, or - for standard output), "
        f'or set export_dir in {cli.config}, like export_dir = "~/Notes/Self-trust"'
    ]
    assert not (cli.home / "Notes").exists()  # no folder guessed


def test_the_help_says_where_an_export_goes(cli):
    words = " ".join(cli.ok("export", "--help").out.split())
    assert "Where to: --out, else export_dir from the settings file. With neither, nothing is written" in words


def test_bad_usage_is_one_line_and_writes_nothing(cli):
    practice(cli)
    out = cli.root / "out"
    for args, words in (
        (("--from", "fortnight"), "'fortnight' is not a date; use YYYY-MM-DD, today, yesterday, week or month"),
        (("--from", "2026-11-27", "--to", "2026-11-01"), "--from 2026-11-27 comes after --to 2026-11-01"),
        (("--format", "pdf"), "invalid choice: 'pdf'"),
        (("--out", ""), "--out is empty"),
    ):
        result = cli("export", "--out", str(out), *args) if args[0] != "--out" else cli("export", *args)
        assert result.code == 2, result
        assert len(result.err_lines) == 1 and words in result.err, result.err
        assert not out.exists()
    cli.config.write_text('timezone = "Europe/Berlin"\nexport_pattern = "../{date}.md"\n', encoding="utf-8")
    result = cli("export", "--out", str(out))
    assert result.code == 2 and "must stay inside the export folder" in result.err and not out.exists()


def test_a_destination_the_disk_refuses_exits_3_saying_so(cli):
    practice(cli)
    result = cli("export", "--out", "/proc/selftrust-cannot-be-here")
    assert result.code == 3
    assert result.err_lines == [
        "selftrust export: the folder /proc/selftrust-cannot-be-here could not be made: No such file or directory"
    ]


def test_an_empty_journal_has_nothing_to_export(cli):
    result = cli.ok("export", "--out", str(cli.root / "out"))
    assert result.out == "Nothing to export: no entries in that range.\n"
    assert not (cli.root / "out").exists() and not cli.db.exists()


def test_json_backup_and_import_into_a_new_journal(cli):
    practice(cli)
    cli.ok("decide", "A decision I will delete")
    journal = cli.journal()
    deleted_id = max(journal["decisions"].values(), key=lambda d: d["n"] if d["day"] == "2026-11-27" else 0)["id"]
    backup = cli.root / "backup.json"
    # Soft-delete it by hand in the journal, as the app's delete does, so the backup must carry it.
    journal["decisions"][deleted_id]["deleted_at"] = "2026-11-27T10:00:00+01:00"
    cli.db.write_text(json.dumps(journal), encoding="utf-8")
    result = cli.ok("export", "--format", "json", "--out", str(backup))
    assert result.out == f"Backup written to {backup}: written 1, unchanged 0, skipped 0.\n"
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    data = json.loads(backup.read_text(encoding="utf-8"))
    assert data["format"] == "selftrust-backup" and data["schema_version"] == SCHEMA_VERSION
    assert any(d["deleted_at"] for d in data["decisions"])
    assert cli.ok("export", "--format", "json", "--out", str(backup)).out.endswith(
        "written 0, unchanged 1, skipped 0.\n"
    )

    new_db = cli.root / "new" / "journal.json"
    result = cli.ok("import", str(backup), SELFTRUST_DB=str(new_db))
    assert result.out == f"Imported {backup}: added 7, updated 0, unchanged 0.\n"
    restored = json.loads(new_db.read_text(encoding="utf-8"))
    assert restored["decisions"] == journal["decisions"]
    assert restored["checks"] == journal["checks"] and restored["reviews"] == journal["reviews"]
    result = cli.ok("import", str(backup), SELFTRUST_DB=str(new_db))
    assert result.out == f"Imported {backup}: added 0, updated 0, unchanged 7.\n"
    assert json.loads(new_db.read_text(encoding="utf-8")) == restored


def test_json_to_standard_output_and_into_a_folder(cli):
    practice(cli)
    result = cli("export", "--format", "json", "--out", "-")
    assert result.code == 0 and result.err == "Backup written to standard output.\n"
    assert len(json.loads(result.out)["decisions"]) == 4
    folder = cli.root / "backups"
    folder.mkdir()
    cli.ok("export", "--format", "json", "--out", str(folder))
    assert [p.name for p in folder.iterdir()] == ["selftrust-backup-2026-11-27.json"]


def test_import_keeps_newer_edits_and_ignores_older_ones(cli):
    practice(cli)
    backup = cli.root / "backup.json"
    cli.ok("export", "--format", "json", "--out", str(backup))
    data = json.loads(backup.read_text(encoding="utf-8"))
    data["decisions"][0].update(text="Keep my lunch hour, edited elsewhere", updated_at="2026-11-28T08:00:00+01:00")
    data["decisions"][1].update(text="An older wording", updated_at="2026-11-01T08:00:00+01:00")
    backup.write_text(json.dumps(data), encoding="utf-8")
    result = cli.ok("import", str(backup))
    assert result.out == f"Imported {backup}: added 0, updated 1, unchanged 5.\n"
    texts = [d["text"] for d in cli.decisions()]
    assert texts[0] == "Keep my lunch hour, edited elsewhere" and texts[1] == "Keep my lunch hour on 2026-11-23"


def test_import_renumbers_a_decision_whose_number_is_taken_and_says_so(cli):
    other = cli.root / "other.json"
    cli.ok("decide", "Theirs", SELFTRUST_DB=str(other))
    backup = cli.root / "theirs.json"
    cli.ok("export", "--format", "json", "--out", str(backup), SELFTRUST_DB=str(other))
    cli.ok("decide", "Mine")
    result = cli("import", str(backup))
    assert result.code == 0
    assert result.err.startswith("note: decision 1 of 2026-11-27 from the backup ('Theirs') is number 2 here")
    assert [(d["n"], d["text"]) for d in cli.decisions()] == [(1, "Mine"), (2, "Theirs")]


def test_a_malformed_import_is_refused_in_one_line_and_writes_nothing(cli):
    cli.ok("decide", "Mine")
    before = cli.db.read_bytes()
    cases = {
        "broken.json": ('{"format": "selftrust-backup", "decisions": [', "is not JSON: it stops being valid at line 1"),
        "other.json": (
            '{"name": "something else"}',
            'is not a selftrust backup (it has no "format": "selftrust-backup")',
        ),
        "future.json": ('{"format": "selftrust-backup", "schema_version": 7}', "newer selftrust (schema 7)"),
        "bad.json": (
            '{"format": "selftrust-backup", "schema_version": 2, "decisions": [{"id": "x1234"}]}',
            "has a decision it cannot read ('x1234': missing",
        ),
    }
    for name, (text, words) in cases.items():
        path = cli.root / name
        path.write_text(text, encoding="utf-8")
        result = cli("import", str(path))
        assert result.code == 2, result
        assert len(result.err_lines) == 1 and words in result.err and f"selftrust: {path} " in result.err, result.err
    for args, words in ((("nowhere.json",), "there is no file nowhere.json"), ((str(cli.root),), "is a folder")):
        result = cli("import", *args)
        assert result.code == 2 and words in result.err, result.err
    assert cli.db.read_bytes() == before


def test_help_documents_export_and_import(cli):
    result = cli("--help")
    assert "export" in result.out and "import" in result.out
    out = cli("export", "--help").out
    for word in (
        "--from",
        "--to",
        "--out",
        "DIR|FILE|-",
        "--format",
        "md",
        "json",
        "--force",
        "week",
        "month",
        "export_pattern",
    ):
        assert word in out, word
    out = cli("import", "--help").out
    assert out.startswith("usage: selftrust import") and "FILE" in out and "newer" in out


def test_after_an_import_the_journal_keeps_each_earlier_year_in_its_own_file(cli):
    from data.journal_file import year_path
    from data.store import Store

    practice(cli)
    cli.ok("decide", "A year ago", "--date", "2025-11-27", now="2025-11-27T09:00:00")
    backup = cli.root / "backup.json"
    cli.ok("export", "--format", "json", "--out", str(backup))
    new_db = cli.root / "new" / "journal.json"
    cli.ok("import", str(backup), SELFTRUST_DB=str(new_db))
    opened = Store(new_db)  # as the app opens it for Today: the newest year alone
    assert opened.partial and year_path(new_db, "2025").exists()
    assert [d.text for d in opened.decisions_on("2026-11-27")] == [
        d.text for d in Store(cli.db).decisions_on("2026-11-27")
    ]
    assert [d.text for d in opened.all_decisions()] == [d.text for d in Store(cli.db).all_decisions()]


def test_the_settings_turn_off_the_links_and_the_weekly_notes(cli):
    practice(cli)
    cli.config.write_text("export_links = false\nexport_weekly = false\n", encoding="utf-8")
    out = cli.root / "plain"
    assert cli.ok("export", "--out", str(out)).out == f"Exported 4 days to {out}: written 4, unchanged 0, skipped 0.\n"
    assert not list(out.glob("*-W*.md"))
    assert "[[" not in (out / "2026-11-26.md").read_text(encoding="utf-8")
    cli.config.write_text("export_weekly = false\n", encoding="utf-8")
    cli.ok("export", "--out", str(cli.root / "linked"))
    assert (
        (cli.root / "linked" / "2026-11-26.md")
        .read_text(encoding="utf-8")
        .endswith("\n[[2026-11-23]] · [[2026-11-27]]\n\n<!-- selftrust: end -->\n")
    )
