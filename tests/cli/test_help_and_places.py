"""The command line documents itself, finds its files where the product says, and loses nothing."""

import json
import subprocess

import pytest

HELP = {
    "decide": ["TEXT", "--area", "--why", "--pull", "--certainty", "--next", "--say", "--date", "--db", "--config"],
    "check": ["REF", "--state", "holding", "wobbling", "abandoned", "changed", "--pull", "--pattern", "--body", "--return", "--date"],
    "review": ["--outcome", "REF=OUTCOME", "kept", "returned", "revised", "--left", "--returned", "--repair", "--learned", "--contact", "--date"],
    "morning": ["--date"],
    "evening": ["--date"],
}  # fmt: skip


def test_selftrust_help_documents_the_commands_and_the_contract(cli):
    result = cli("--help")
    assert result.code == 0
    assert result.err == ""
    assert result.out.startswith("usage: selftrust")
    for word in ("--db", "--config", *HELP, "SELFTRUST_DB", "SELFTRUST_CONFIG", "yesterday", "exit codes"):
        assert word in result.out, word
    assert not cli.db.exists()


@pytest.mark.parametrize("command", HELP)
def test_each_command_documents_its_options(cli, command):
    result = cli(command, "--help")
    assert result.code == 0
    assert result.err == ""
    assert result.out.startswith(f"usage: selftrust {command}")
    for word in HELP[command]:
        assert word in result.out, word
    assert not cli.db.exists()


def test_version_is_the_installed_packages_on_standard_output(cli):
    from importlib.metadata import version

    result = cli.ok("--version")
    assert result.out == f"selftrust {version('selftrust')}\n" and result.err == ""


def test_help_works_even_with_a_bad_config(cli):
    cli.config.write_text("not toml at all\n", encoding="utf-8")
    assert cli("decide", "--help").code == 0


def test_without_db_or_environment_the_journal_lives_in_the_user_data_folder(cli):
    cli.ok("decide", "Keep Sunday free", SELFTRUST_DB=None)
    expected = cli.home / ".local" / "share" / "selftrust" / "journal.json"
    assert json.loads(expected.read_text())["decisions"]
    assert not cli.db.exists()


def test_the_settings_journal_key_is_used_when_no_flag_or_environment_says_otherwise(cli):
    chosen = cli.root / "sync" / "mine.json"
    cli.config.write_text(f'timezone = "Europe/Berlin"\njournal = "{chosen}"\n', encoding="utf-8")
    cli.ok("decide", "Keep Sunday free", SELFTRUST_DB=None)
    assert json.loads(chosen.read_text())["decisions"]
    assert not cli.db.exists()


def test_db_flag_wins_over_the_environment(cli):
    flagged = cli.root / "flagged.json"
    cli.ok("--db", str(flagged), "decide", "Keep Sunday free")
    cli.ok("decide", "Another", "--db", str(flagged))  # the flag works after the command too
    assert [d["n"] for d in json.loads(flagged.read_text())["decisions"].values()] == [1, 2]
    assert not cli.db.exists()


def test_without_a_config_file_the_defaults_are_used_and_no_file_is_made(cli):
    missing = cli.root / "nowhere" / "config.toml"
    cli.ok("decide", "Keep Sunday free", SELFTRUST_CONFIG=str(missing), TZ="UTC")
    assert not missing.exists()
    assert not (cli.home / ".config").exists()
    assert cli.decisions()[0]["area"] == "Inner Foundation"


def test_decisions_saved_at_the_same_moment_from_many_terminals_are_all_kept(cli):
    # Eight `selftrust decide` at once on one journal: none overwrites another.
    cli.ok("decide", "the first")
    runs = [
        subprocess.Popen(
            [cli.command, "decide", f"decision from terminal {k}"],
            env=cli.env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for k in range(8)
    ]
    for run in runs:
        _out, err = run.communicate(timeout=60)
        assert run.returncode == 0, err
    decisions = cli.decisions()
    assert len(decisions) == 9
    assert sorted(d["n"] for d in decisions) == list(range(1, 10))
    assert {d["text"] for d in decisions} == {"the first", *(f"decision from terminal {k}" for k in range(8))}


def test_a_bare_start_is_read_as_the_parser_reads_it():
    # `selftrust` alone skips building the parser; what it gets must be what the parser would give.
    from tui.cli import build_parser, parse_args

    assert parse_args([]) == build_parser().parse_args([])


@pytest.mark.parametrize("args", [["config"], ["stats"], ["export", "--out", "-"], ["doctor"], ["--help"]])
def test_output_into_a_pipe_closed_early_ends_quietly(cli, args):
    # `selftrust config | head -1`: the reader goes away; no traceback, and nothing is lost.
    cli.ok("decide", "Tell Sam the deadline does not work for me")
    before = cli.db.read_bytes()
    reader = subprocess.Popen(
        [cli.command, *args], env=cli.env(), cwd=cli.root, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    reader.stdout.close()  # before the command has written a word
    err = reader.stderr.read().decode()
    assert reader.wait(timeout=60) == 0, err
    assert "Traceback" not in err and "Exception" not in err, err
    assert cli.db.read_bytes() == before
