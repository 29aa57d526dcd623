"""The command line on an encrypted journal, as a person or a script runs it.

Most runs use an age identity file (`identity` in the settings: nothing asked, no scrypt);
a few use a passphrase on standard input, each use of which costs seconds on purpose.
Every run has TMPDIR in the sandbox, so a temporary file in the clear would be found too.
"""

from __future__ import annotations

import json
import os
import pty
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pendulum

from data.crypto import AGE_MAGIC, identity_key, is_sealed
from data.store import Store

MARKER = "Tell Sam the Friday deadline doesn't work for me"
SECRET = MARKER.encode()
EVENING = "2026-11-27T21:00:00"
PASSPHRASE = "correct horse battery staple"


def run(cli, *args, input: str = "", now: str | None = "2026-11-27T09:15:00"):
    """The command with INPUT on its standard input (not a terminal) and TMPDIR in the sandbox."""
    tmp = cli.root / "tmp"
    tmp.mkdir(exist_ok=True)
    done = subprocess.run(
        [cli.command, *args],
        env=cli.env(now, TMPDIR=str(tmp)),
        cwd=cli.root,
        input=input,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return done


def with_identity(cli) -> Path:
    """An age identity file named in the settings (made as age-keygen would)."""
    from pyrage import x25519

    where = cli.root / "identity.txt"
    where.write_text(f"# created: for the test\n{x25519.Identity.generate()}\n", encoding="utf-8")
    cli.config.write_text(f'timezone = "Europe/Berlin"\nidentity = "{where}"\n', encoding="utf-8")
    return where


def in_the_clear(folder: Path, secret: bytes = SECRET) -> list[str]:
    """Every file under FOLDER (data, backups, temp folder, exports) whose bytes hold SECRET."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() and secret in p.read_bytes())


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p): (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.rglob("*")) if p.is_file()}


def journal_files(cli) -> list[Path]:
    return sorted(p for p in cli.db.parent.iterdir() if p.is_file() and not p.name.endswith(".lock"))


def test_a_marker_saved_in_an_encrypted_journal_is_in_no_file_through_saves_a_backup_and_kills(cli):
    with_identity(cli)
    assert run(cli, "decide", "A plain start").returncode == 0
    done = run(cli, "encrypt")
    assert done.returncode == 0, done
    assert "Sealed to the identity" in done.stdout and "cannot be recovered" in done.stdout
    assert not (cli.db.parent / "journal.key.age").exists()  # an identity keeps no key file
    assert run(cli, "decide", MARKER, "--why", MARKER, "--date", "2025-03-04").returncode == 0  # last year's file
    assert run(cli, "decide", MARKER, "--why", MARKER).returncode == 0
    assert run(cli, "check", "1", "--state", "wobbling", "--body", MARKER).returncode == 0
    done = run(cli, "review", "--outcome", "1=returned", "--learned", MARKER, now=EVENING)
    assert done.returncode == 0, done
    backup = cli.root / "exports" / "backup.json"
    done = run(cli, "export", "--format", "json", "--out", str(backup))
    assert done.returncode == 0, done
    assert "sealed with the journal's key" in done.stdout
    assert backup.read_bytes().startswith(AGE_MAGIC)
    _kill_saves(cli)
    assert in_the_clear(cli.root) == []
    assert all(is_sealed(p.read_bytes()) for p in journal_files(cli)), journal_files(cli)
    assert all(is_sealed(p.read_bytes()) for p in (cli.db.parent / "backups").iterdir())
    # and the words are all there, with the key
    done = run(cli, "stats", "--from", "2025-01-01", "--json")
    assert json.loads(done.stdout)["decisions"] >= 3, done


def _kill_saves(cli) -> None:
    """A process saving in a loop into the encrypted journal, killed (-9) at random moments mid-save."""
    code = (
        "import sys, pendulum\n"
        "from pathlib import Path\n"
        "from data.crypto import identity_key\n"
        "from data.store import Store\n"
        "store = Store(Path(sys.argv[1]), key=identity_key(Path(sys.argv[2])))\n"
        "now = pendulum.datetime(2026, 11, 27, 10, tz='Europe/Berlin')\n"
        "while True:\n"
        f"    store.add_decision(now, now.date(), {MARKER!r}, 'Inner Foundation', why={MARKER!r} * 50)\n"
        "    print('saved', flush=True)\n"
    )
    env = dict(os.environ, TMPDIR=str(cli.root / "tmp"))
    root = Path(__file__).resolve().parents[2]
    kills, deadline = 0, time.monotonic() + 20
    while kills < 5 and time.monotonic() < deadline:
        child = subprocess.Popen(
            [sys.executable, "-c", code, str(cli.db), str(cli.root / "identity.txt")],
            cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        assert child.stdout is not None
        for _ in range(random.randint(1, 6)):  # a few saves done, then killed somewhere in the next
            if child.stdout.readline() != b"saved\n":
                break
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        assert child.returncode == -signal.SIGKILL, child.stderr.read() if child.stderr else ""
        kills += 1
    assert kills >= 3


def test_a_wrong_passphrase_is_one_line_exit_3_and_changes_no_file_and_decrypt_removes_the_key(cli):
    assert run(cli, "decide", MARKER).returncode == 0
    done = run(cli, "encrypt", input=PASSPHRASE + "\n")
    assert done.returncode == 0, done
    key_file = cli.db.parent / "journal.key.age"
    assert str(key_file) in done.stdout and "cannot be recovered" in done.stdout
    before = snapshot(cli.root / "journal")
    for args in (("decide", "Another one"), ("encrypt",)):
        done = run(cli, *args, input="not the passphrase\n")
        assert done.returncode == 3, done
        assert done.stderr.splitlines() == [
            "selftrust: That passphrase does not open this journal. Nothing was changed."
        ]
    assert snapshot(cli.root / "journal") == before
    done = run(cli, "decrypt", input=PASSPHRASE + "\n")
    assert done.returncode == 0, done
    assert not key_file.exists()
    assert MARKER in cli.db.read_text(encoding="utf-8")


def _contents(cli) -> dict[str, dict]:
    """Each journal file's tables by name; of the list of years, the years alone (their CRCs and revs are the save's)."""
    found = {}
    for where in journal_files(cli):
        data = json.loads(where.read_bytes())
        data["years"] = sorted(data.get("years", {}))
        found[where.name] = data
    return found


def test_decrypt_gives_back_the_journal_as_it_was_before_encrypt(cli):
    with_identity(cli)
    assert run(cli, "decide", MARKER, "--why", "it matters", "--date", "2025-03-04").returncode == 0
    assert run(cli, "check", "1", "--state", "wobbling", "--date", "2025-03-04", "--body", MARKER).returncode == 0
    assert run(cli, "decide", MARKER, "--pull", "fear").returncode == 0
    assert run(cli, "review", "--outcome", "1=kept", "--learned", MARKER, now=EVENING).returncode == 0
    before = _contents(cli)
    assert set(before) == {"journal.json", "journal.2025.json"}
    assert run(cli, "encrypt").returncode == 0
    assert all(is_sealed(p.read_bytes()) for p in journal_files(cli))
    done = run(cli, "decrypt")
    assert done.returncode == 0, done
    assert "plain text again" in done.stdout
    assert _contents(cli) == before
    assert in_the_clear(cli.db.parent / "backups")  # the backups are plain again too
    assert not any(is_sealed(p.read_bytes()) for p in (cli.db.parent / "backups").iterdir())
    assert run(cli, "decrypt").stdout.startswith("The journal is not encrypted")


def test_doctor_says_whether_encryption_is_on_and_names_a_file_in_the_clear(cli):
    identity = with_identity(cli)
    assert run(cli, "decide", MARKER).returncode == 0
    assert run(cli, "decide", "A second save, so there is a backup").returncode == 0
    off = run(cli, "doctor")
    assert "· encrypted  off (`selftrust encrypt` turns it on)" in off.stdout.splitlines()
    plain_backup = sorted((cli.db.parent / "backups").iterdir())[0].read_bytes()
    assert run(cli, "encrypt").returncode == 0
    on = run(cli, "doctor")
    assert on.returncode == 0, on
    assert f"· encrypted  on (identity {identity})" in on.stdout.splitlines()
    assert "✓ sealed     every file of the journal and every backup is encrypted" in on.stdout.splitlines()
    stray = cli.db.parent / "backups" / "journal.save-20200101T000000000000Z.json"
    stray.write_bytes(plain_backup)  # a plain copy put back
    bad = run(cli, "doctor")
    assert bad.returncode == 3
    assert f"✗ sealed     1 file in the clear: {stray}; `selftrust encrypt` seals them" in bad.stdout.splitlines()
    again = run(cli, "encrypt")
    assert again.returncode == 0, again
    assert in_the_clear(cli.root) == []
    assert run(cli, "doctor").returncode == 0
    assert run(cli, "encrypt").stdout == "The journal is already encrypted: every file of it is sealed.\n"


def test_the_json_backup_of_an_encrypted_journal_is_sealed_unless_plain_and_imports_with_the_key(cli):
    with_identity(cli)
    assert run(cli, "encrypt").returncode == 0  # a journal not made yet: its first save is sealed
    assert run(cli, "decide", MARKER).returncode == 0
    assert in_the_clear(cli.root) == []
    piped = subprocess.run(
        [cli.command, "export", "--format", "json", "--out", "-"], env=cli.env(), capture_output=True, timeout=60
    )
    assert piped.returncode == 0 and piped.stdout.startswith(AGE_MAGIC) and SECRET not in piped.stdout
    plain = run(cli, "export", "--format", "json", "--out", "-", "--plain")
    assert MARKER in plain.stdout
    clear = cli.root / "clear.json"
    assert run(cli, "export", "--format", "json", "--plain", "--out", str(clear)).returncode == 0
    assert SECRET in clear.read_bytes()  # asked for in the clear
    clear.unlink()
    sealed = cli.root / "backup.json"
    assert run(cli, "export", "--format", "json", "--out", str(sealed)).returncode == 0
    assert "unchanged 1" in run(cli, "export", "--format", "json", "--out", str(sealed)).stdout  # opened to compare
    # a second encrypted journal for the same identity takes the sealed backup in
    other = cli.root / "other" / "journal.json"
    assert (
        subprocess.run([cli.command, "encrypt"], env=cli.env(SELFTRUST_DB=str(other)), capture_output=True).returncode
        == 0
    )
    done = subprocess.run(
        [cli.command, "import", str(sealed)], env=cli.env(SELFTRUST_DB=str(other)), capture_output=True, text=True
    )
    assert done.returncode == 0, done
    assert "added 1" in done.stdout
    assert [d.text for d in Store(other, key=identity_key(cli.root / "identity.txt")).all_decisions()] == [MARKER]


def test_sealed_bytes_are_refused_to_a_terminal_in_one_line(cli):
    with_identity(cli)
    assert run(cli, "encrypt").returncode == 0
    assert run(cli, "decide", MARKER).returncode == 0
    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            [cli.command, "export", "--format", "json", "--out", "-"],
            env=cli.env(), stdout=follower, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, timeout=60,
        )  # fmt: skip
    finally:
        os.close(follower)
        os.close(leader)
    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 1 and b"a terminal cannot show it" in done.stderr


def _two_machines(cli) -> tuple[Path, Path]:
    """One encrypted journal, copied to a second machine; each then saves its own entry and edits one."""
    with_identity(cli)
    key = identity_key(cli.root / "identity.txt")
    assert run(cli, "decide", "Both machines have this").returncode == 0
    assert run(cli, "encrypt").returncode == 0
    second = cli.root / "second" / "journal.json"
    second.parent.mkdir()
    second.write_bytes(cli.db.read_bytes())
    assert run(cli, "decide", f"{MARKER} (here)").returncode == 0
    theirs = Store(second, key=key)
    first = theirs.all_decisions()[0]
    theirs.add_decision(
        pendulum.datetime(2026, 11, 27, 10, tz="Europe/Berlin"), first.day, f"{MARKER} (there)", first.area
    )
    return second, cli.root / "identity.txt"


def test_encrypted_sync_copies_are_seen_by_doctor_and_a_plain_one_is_merged_and_sealed_by_encrypt(cli):
    second, identity = _two_machines(cli)
    sealed_copy = cli.db.parent / "journal.sync-conflict-20261127-101500-ABCDEFG.json"
    sealed_copy.write_bytes(second.read_bytes())
    doctor = run(cli, "doctor")
    assert f"{sealed_copy.name} (Syncthing): the next start of selftrust merges it (1 decision)" in doctor.stdout
    assert doctor.returncode == 0, doctor.stdout
    # the other machine turned encryption off; its copy lands here in the clear
    there = Store(second, key=identity_key(identity))
    there.add_decision(
        pendulum.datetime(2026, 11, 27, 11, tz="Europe/Berlin"),
        "2026-11-27",
        f"{MARKER} (plain there)",
        "Inner Foundation",
    )
    there.reseal(None)
    plain_copy = cli.db.parent / "journal (Ann's conflicted copy 2026-11-27).json"
    plain_copy.write_bytes(second.read_bytes())
    doctor = run(cli, "doctor")
    assert doctor.returncode == 3
    assert f"✗ sealed     1 file in the clear: {plain_copy}; `selftrust encrypt` seals them" in doctor.stdout
    done = run(cli, "encrypt")
    assert done.returncode == 0, done
    assert "merged in first" in done.stdout
    assert not sealed_copy.exists() and not plain_copy.exists()
    texts = sorted(d.text for d in Store(cli.db, key=identity_key(identity)).all_decisions())
    assert texts == ["Both machines have this", f"{MARKER} (here)", f"{MARKER} (plain there)", f"{MARKER} (there)"]
    assert in_the_clear(cli.root) == [str(second.relative_to(cli.root))]  # only the other machine's own file


def test_the_merge_driver_merges_sealed_versions_and_keeps_the_merge_sealed(cli):
    second, identity = _two_machines(cli)
    ours, theirs = cli.root / "ours.json", cli.root / "theirs.json"
    ours.write_bytes(cli.db.read_bytes())
    theirs.write_bytes(second.read_bytes())
    ancestor = cli.root / "base.json"
    ancestor.write_bytes(b"{}")
    no_key = subprocess.run(
        [cli.command, "merge-driver", str(ancestor), str(ours), str(theirs)],
        env=cli.env(SELFTRUST_CONFIG=str(cli.root / "none.toml")), input="", capture_output=True, text=True,
    )  # fmt: skip
    assert no_key.returncode == 1, no_key
    assert len(no_key.stderr.splitlines()) == 1 and no_key.stderr.startswith("selftrust merge-driver: ")
    assert ours.read_bytes() == cli.db.read_bytes()
    done = run(cli, "merge-driver", str(ancestor), str(ours), str(theirs))
    assert done.returncode == 0, done
    merged = ours.read_bytes()
    assert is_sealed(merged) and SECRET not in merged
    from data.crypto import opened

    tables = json.loads(opened(merged, ours, identity_key(identity)))
    assert sorted(d["text"] for d in tables["decisions"].values()) == sorted(
        ["Both machines have this", f"{MARKER} (here)", f"{MARKER} (there)"]
    )


def test_a_plain_journal_never_loads_age(cli):
    code = (
        "import sys\n"
        "from tui.cli import main\n"
        "code = main(['decide', 'A plain decision'])\n"
        "print('pyrage' in sys.modules or 'backports.zstd' in sys.modules, code, file=sys.stderr)\n"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", code], env=dict(cli.env(), PYTHONPATH=str(root)), cwd=root,
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.stderr.strip().splitlines()[-1] == "False 0", done
