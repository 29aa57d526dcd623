"""What is not a journal, a settings file or an import stays so: refused at once, never waited on.

And the folders selftrust makes are private whatever the umask, and an empty day note in
the vault is the person's. Every run has a timeout: a regression that blocks on a named
pipe fails the test instead of hanging the suite.
"""

from __future__ import annotations

import os
import socket
import stat
import subprocess

import pytest

from tests.cli.conftest import Selftrust

SOON = 10  # seconds: a refusal is immediate; waiting this long means it blocked


def run(cli: Selftrust, *args: str, umask: int | None = None, **extra: str) -> subprocess.CompletedProcess:
    def set_umask() -> None:
        if umask is not None:
            os.umask(umask)

    return subprocess.run(
        [cli.command, *args], env=cli.env(**extra), cwd=cli.root, capture_output=True, text=True,
        timeout=SOON, preexec_fn=set_umask,
    )  # fmt: skip


@pytest.mark.parametrize("command", [("decide", "Say no to the Friday meeting"), ("stats",), ("doctor",), ("remind",)])
def test_a_named_pipe_as_the_journal_is_refused_at_once_with_exit_3(cli, command):
    pipe = cli.root / "j.json"
    os.mkfifo(pipe)
    done = run(cli, *command, SELFTRUST_DB=str(pipe))
    assert done.returncode == 3, done
    assert "named pipe" in done.stderr + done.stdout and "Traceback" not in done.stderr
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)  # left as it was, not replaced by a journal


def test_a_named_pipe_as_the_settings_file_is_refused_at_once_with_exit_2(cli):
    pipe = cli.root / "config.toml"
    cli.config.unlink()
    os.mkfifo(pipe)
    done = run(cli, "decide", "Say no to the Friday meeting")
    assert done.returncode == 2, done
    assert len(done.stderr.splitlines()) == 1 and "named pipe" in done.stderr
    assert not cli.db.exists()  # nothing written


@pytest.mark.parametrize("kind", ["fifo", "device", "socket"])
def test_an_import_file_that_is_not_a_file_is_refused_at_once_with_exit_2(cli, kind, tmp_path_factory):
    if kind == "fifo":
        target = cli.root / "backup.json"
        os.mkfifo(target)
    elif kind == "device":
        target = "/dev/zero"  # would be read forever
    else:
        target = tmp_path_factory.mktemp("s") / "s.sock"  # short: a socket's path has a length limit
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(target))
    done = run(cli, "import", str(target))
    assert done.returncode == 2, done
    assert len(done.stderr.splitlines()) == 1 and "not a file" in done.stderr
    assert not cli.db.exists()


def test_a_symlink_to_the_journal_still_works(cli):
    real = cli.root / "elsewhere" / "journal.json"
    real.parent.mkdir()
    cli.ok("decide", "First", SELFTRUST_DB=str(real))
    link = cli.root / "link.json"
    link.symlink_to(real)
    cli.ok("decide", "Second", SELFTRUST_DB=str(link))
    assert link.is_symlink()
    assert "Second" in real.read_text(encoding="utf-8")


def test_missing_parents_of_the_journal_are_private_under_umask_000(cli):
    deep = cli.root / "made" / "for" / "me" / "journal.json"
    done = run(cli, "decide", "Say no to the Friday meeting", umask=0o000, SELFTRUST_DB=str(deep))
    assert done.returncode == 0, done
    for folder in (cli.root / "made", cli.root / "made" / "for", deep.parent, deep.parent / "backups"):
        if folder.exists():
            assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    assert run(cli, "decide", "A second one, so a backup is kept", umask=0o000, SELFTRUST_DB=str(deep)).returncode == 0
    assert stat.S_IMODE((deep.parent / "backups").stat().st_mode) == 0o700


def test_an_existing_folder_keeps_its_mode(cli):
    shared = cli.root / "shared"
    shared.mkdir()
    shared.chmod(0o755)
    done = run(cli, "decide", "Mine", umask=0o000, SELFTRUST_DB=str(shared / "journal.json"))
    assert done.returncode == 0, done
    assert stat.S_IMODE(shared.stat().st_mode) == 0o755


def test_missing_export_folders_are_private_under_umask_000(cli):
    cli.ok("decide", "Say no to the Friday meeting")
    vault = cli.root / "notes" / "self-trust"
    done = run(cli, "export", "--out", str(vault), umask=0o000)
    assert done.returncode == 0, done
    assert stat.S_IMODE((cli.root / "notes").stat().st_mode) == 0o700
    assert stat.S_IMODE(vault.stat().st_mode) == 0o700
    assert stat.S_IMODE((vault / "2026-11-27.md").stat().st_mode) == 0o600


def test_an_empty_day_note_in_the_vault_is_the_persons_until_forced(cli):
    cli.ok("decide", "Say no to the Friday meeting")
    vault = cli.root / "vault"
    vault.mkdir()
    note = vault / "2026-11-27.md"
    note.touch()  # as a notes app does when the day is opened
    done = cli("export", "--out", str(vault))
    assert done.code == 0
    assert f"left alone {note}: an empty note of yours; --force fills it" in done.err
    assert "skipped 1" in done.out
    assert note.read_bytes() == b""
    forced = cli("export", "--out", str(vault), "--force")
    assert forced.code == 0
    assert f"filled your empty note {note} (--force)" in forced.err
    assert "your edits" not in forced.err
    assert b"Say no to the Friday meeting" in note.read_bytes()


def test_a_named_pipe_where_the_export_folder_belongs_is_named_as_one(cli):
    cli.ok("decide", "Say no to the Friday meeting")
    pipe = cli.root / "vault"
    os.mkfifo(pipe)
    done = run(cli, "export", "--out", str(pipe))
    assert done.returncode == 2, done
    assert done.stderr.splitlines() == [f"selftrust export: {pipe} is not a folder (a pipe, device or socket)"]
