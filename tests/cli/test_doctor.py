"""`selftrust doctor`: a checkup that says where things are and what needs care, and changes nothing."""

from __future__ import annotations

import json
import os


def test_no_journal_yet_is_healthy(cli):
    result = cli("doctor")
    assert result.code == 0, result
    assert f"journal   {cli.db}" in result.out
    assert "no journal yet: the first save creates it" in result.out
    assert result.out.strip().endswith("Healthy.")
    assert not cli.db.exists()


def test_a_journal_in_use_is_described(cli):
    cli.ok("decide", "Keep my lunch hour")
    cli.ok("decide", "Call Mum back")
    cli.ok("check", "1", "--state", "wobbling", "--pull", "guilt")
    cli.ok("review", "--outcome", "1=returned", now="2026-11-27T21:00:00")
    result = cli("doctor")
    assert result.code == 0, result
    out = result.out
    assert "✓ schema     version 5" in out
    assert "2 decisions (1 open), 1 check, 1 review" in out
    assert "1 day of practice, 2026-11-27 to 2026-11-27" in out
    assert "✓ private    the journal is readable by you only" in out
    assert "every one reads as a journal" in out  # the backups of the earlier saves
    assert "✓ integrity" in out
    assert out.strip().endswith("Healthy.")


def test_doctor_changes_nothing(cli):
    cli.ok("decide", "Keep my lunch hour")
    before = {p: p.read_bytes() for p in cli.db.parent.rglob("*") if p.is_file()}
    cli.ok("doctor")
    after = {p: p.read_bytes() for p in cli.db.parent.rglob("*") if p.is_file()}
    assert after == before


def test_a_damaged_journal_exits_3_and_names_the_newest_good_backup(cli):
    cli.ok("decide", "one")
    cli.ok("decide", "two")
    cli.db.write_bytes(cli.db.read_bytes()[:40])
    result = cli("doctor")
    assert result.code == 3, result
    assert "✗ integrity" in result.out
    assert "stops being valid JSON" in result.out
    assert "The newest good backup is" in result.out and "/backups/journal." in result.out
    assert "Something needs care" in result.out


def test_a_journal_others_can_read_exits_3_and_says_how_to_fix_it(cli):
    cli.ok("decide", "one")
    os.chmod(cli.db, 0o644)
    result = cli("doctor")
    assert result.code == 3, result
    assert f"chmod 600 '{cli.db}'" in result.out


def test_a_check_without_its_decision_is_found(cli):
    cli.ok("decide", "one")
    cli.ok("check", "--state", "holding")
    journal = cli.journal()
    journal["decisions"] = {}
    cli.db.write_text(json.dumps(journal), encoding="utf-8")
    result = cli("doctor")
    assert result.code == 3, result
    assert "decision_id" in result.out and "names no decision" in result.out


def test_leftovers_of_an_interrupted_save_are_named_but_harmless(cli):
    cli.ok("decide", "one")
    stray = cli.db.parent / ".journal.json.abc123.tmp"
    stray.write_bytes(b'{"half')
    result = cli("doctor")
    assert result.code == 0, result
    assert "! leftovers" in result.out and str(stray) in result.out


def _two_years(cli) -> None:
    cli.ok("decide", "Said no to the late shift", "--date", "2025-12-30", now="2025-12-30T09:00:00")
    cli.ok("decide", "Keep my lunch hour")


def test_every_years_file_is_checked_and_counted(cli):
    _two_years(cli)
    older = cli.db.with_name("journal.2025.json")
    assert older.exists()
    result = cli("doctor")
    assert result.code == 0, result
    assert "in 2 files, one a year" in result.out
    assert "2 decisions (2 open)" in result.out and "2 days of practice, 2025-12-30 to 2026-11-27" in result.out
    assert "every year's file too" in result.out

    os.chmod(older, 0o644)
    result = cli("doctor")
    assert result.code == 3 and f"chmod 600 '{older}'" in result.out
    os.chmod(older, 0o600)

    held = json.loads(older.read_bytes())
    next(iter(held["decisions"].values()))["certainty"] = 9  # a hand edit: other bytes, checked whole
    older.write_text(json.dumps(held), encoding="utf-8")
    result = cli("doctor")
    assert result.code == 3 and str(older) in result.out and "certainty" in result.out

    older.unlink()
    result = cli("doctor")
    assert result.code == 3 and f"names {older} for its year, and it is not there" in result.out


def test_a_save_of_several_files_stopped_half_way_is_named_and_left_to_the_next_start(cli):
    _two_years(cli)
    marker = cli.db.with_name("journal.json.commit")
    marker.write_bytes(b"selftrust-commit 1\n")
    result = cli("doctor")
    assert "stopped half-way" in result.out and "the next start of selftrust finishes it" in result.out
    assert marker.exists()  # the checkup changes nothing
