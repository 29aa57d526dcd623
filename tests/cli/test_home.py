"""Settings, reminders for cron, the config printout and the demo: from the shell."""

from __future__ import annotations

import json

import pytest

from tests.conftest import find_selftrust
from tests.e2e.conftest import Terminal, find_tmux

BAD_CONFIGS = {
    "an unknown key": ('colour = "blue"\n', "unknown setting 'colour'"),
    "a wrong type": ('backups = "many"\n', "backups = 'many': expected a whole number from 0 to 365"),
    "an impossible time": ('midday_at = "25:99"\n', "midday_at = '25:99'"),
    "an unknown theme": ('theme = "neon"\n', "theme = 'neon': expected one of auto, selftrust-dawn"),
    "an unknown timezone": ('timezone = "Mars/Olympus"\n', "timezone = 'Mars/Olympus'"),
    "times out of order": ('midday_at = "20:00"\n', "must come in that order"),
    "not TOML": ("day_start = \n", "is not valid TOML"),
    "an empty area list": ("areas = []\n", "areas = []: expected at least one area"),
}


@pytest.mark.parametrize("name", list(BAD_CONFIGS))
@pytest.mark.parametrize("command", [["decide", "x"], [], ["remind"], ["config"]])
def test_a_bad_config_names_the_key_and_nothing_starts(cli, name, command):
    text, words = BAD_CONFIGS[name]
    cli.config.write_text(text, encoding="utf-8")
    result = cli(*command)
    assert result.code == 2, result
    assert len(result.err_lines) == 1 and words in result.err, result.err
    assert result.out == ""
    assert not cli.db.exists()


def test_remind_says_what_is_due_and_exits_by_it(cli):
    morning = cli("remind", now="2026-11-27T08:00:00")
    assert (morning.code, morning.out.strip()) == (0, "Due now: the morning decision (selftrust morning)")
    cli.ok("decide", "Say it plainly", now="2026-11-27T08:05:00")
    quiet = cli("remind", now="2026-11-27T10:00:00")
    assert (quiet.code, quiet.out, quiet.err) == (1, "", "")
    midday = cli("remind", now="2026-11-27T12:31:00")
    assert (midday.code, midday.out.strip()) == (0, "Due now: the midday check (selftrust check)")
    cli.ok("check", "--state", "holding", now="2026-11-27T12:40:00")
    assert cli("remind", now="2026-11-27T15:00:00").code == 1
    evening = cli("remind", now="2026-11-27T19:30:00")
    assert (evening.code, evening.out.strip()) == (0, "Due now: the evening review (selftrust evening)")
    cli.ok("review", "--outcome", "kept", now="2026-11-27T21:00:00")
    assert cli("remind", now="2026-11-27T22:00:00").code == 1
    # After midnight it is still the same logical day, and it is done.
    assert cli("remind", now="2026-11-28T01:30:00").code == 1
    assert cli("remind", now="2026-11-28T04:01:00").code == 0


def test_config_prints_the_path_and_the_effective_settings(cli):
    cli.config.write_text(
        '# mine\ntimezone = "Europe/Berlin"\npulls = ["tiredness"]\nday_start = "05:30"\n', encoding="utf-8"
    )
    result = cli.ok("config")
    lines = result.out.splitlines()
    assert lines[0] == f"# settings file: {cli.config}"
    assert f'journal = "{cli.db}"' in lines
    assert 'timezone = "Europe/Berlin"' in lines
    assert 'day_start = "05:30"' in lines
    assert 'midday_at = "12:30"' in lines
    assert any(line.startswith("pulls = [") and '"fear"' in line and '"tiredness"' in line for line in lines)
    assert "# export_dir is not set" in lines
    assert "export_links = true" in lines and "export_weekly = true" in lines


def test_config_shows_the_links_and_weekly_notes_turned_off(cli):
    cli.config.write_text("export_links = false\nexport_weekly = false\n", encoding="utf-8")
    lines = cli.ok("config").out.splitlines()
    assert "export_links = false" in lines and "export_weekly = false" in lines


def test_config_prints_toml_that_reads_back_to_the_same_settings_whatever_the_text(cli):
    import tomllib

    odd = 'the "right" answer \\ or C:\\new 🌊'
    cli.config.write_text(
        f"pulls = [{json.dumps(odd, ensure_ascii=False)}]\nexport_pattern = 'days\\{{date}}.md'\n", encoding="utf-8"
    )
    printed = tomllib.loads(cli.ok("config").out)
    assert odd in printed["pulls"] and printed["pulls"][-1] == odd
    assert printed["export_pattern"] == "days\\{date}.md"
    assert printed["journal"] == str(cli.db)


def test_config_without_a_file_says_the_defaults_apply(cli):
    cli.config.unlink()
    result = cli.ok("config")
    assert result.out.splitlines()[0] == f"# settings file: {cli.config} (not there: the defaults apply)"


def test_demo_leaves_the_real_journal_byte_for_byte_unchanged(cli, tmp_path):
    """The demo runs the app in a real terminal (tmux); the user's journal is never opened."""
    cli.ok("decide", "My own, private decision")
    before = cli.db.read_bytes()
    stamp = cli.db.stat().st_mtime_ns
    folder_before = sorted(p.name for p in cli.db.parent.rglob("*"))
    terminal = Terminal(find_tmux(), tmp_path, {**cli.env(), "TERM": "xterm-256color", "TMPDIR": str(tmp_path)})
    try:
        terminal.start([find_selftrust(), "demo"])
        terminal.wait_for("selftrust demo", "Today's decisions")
        terminal.press("h")
        terminal.wait_for("/ words: decision")  # History's filter, on the sample journal
        terminal.press("Escape")
        terminal.wait_for("m Morning")  # Today's keys again; escape and q at once would read as alt+q
        terminal.press("q")
        status = terminal.wait_exit()
    finally:
        terminal.close()
    assert status == 0
    assert cli.db.read_bytes() == before and cli.db.stat().st_mtime_ns == stamp
    assert sorted(p.name for p in cli.db.parent.rglob("*")) == folder_before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("selftrust-demo-")]  # the sample is gone
