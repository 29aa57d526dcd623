"""Turning a journal's encryption on and off, for every file of it at once (`selftrust encrypt` / `decrypt`).

`encrypt` keeps a backup first, writes every file of the journal again sealed, in one save
(`Store.reseal`), then seals every backup beside it that is still in the clear, each keeping
its time (the backups are found newest first by it). Run again, it seals whatever is left
in the clear (a stop half-way, a plain copy put back). `decrypt` does the same the other way
and removes the key file, which nothing needs any more.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from data.crypto import Key, in_the_clear, is_sealed, key_path, seal_identity
from data.files import fsync_folder, private_folder, write_atomic
from data.journal_file import BACKUP_FOLDER, JournalError, JournalFile, commit_path, journal_files, read_regular


@dataclass
class Resealed:
    """What `encrypt` or `decrypt` did: the files written again, and those it could not."""

    journal_files: int = 0
    backups: int = 0
    left: list[tuple[Path, str]] = field(default_factory=list)  # a file left as it was, and why


def every_file(path: Path) -> list[Path]:
    """Every file that holds journal text: the journal's own, each year's, an unfinished save's, every backup, stray temp files."""
    real = Path(os.path.realpath(path))
    found = [p for p in journal_files(real) if p.is_file()]
    if commit_path(real).is_file():
        found.append(commit_path(real))
    found += JournalFile(real).stray_temp_files()
    found += backup_files(real)
    return found


def backup_files(path: Path) -> list[Path]:
    """Every file in the journal's backups folder that is the journal's (its files' backups, merged copies, set-aside saves)."""
    real = Path(os.path.realpath(path))
    folder = real.parent / BACKUP_FOLDER
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.iterdir() if p.name.startswith(real.stem + ".") or p.name.startswith(real.stem + " ")
    )


def clear_files(path: Path) -> list[Path]:
    """The files of the journal at PATH that hold text in the clear (for an encrypted journal: none should)."""
    return in_the_clear(every_file(path))


def _rewrite(where: Path, change: Callable[[bytes], bytes]) -> bool:
    """WHERE's bytes changed by CHANGE, written atomically, keeping the file's time; False when they stay the same."""
    raw, info = read_regular(where)
    new = change(raw)
    if new == raw:
        return False
    write_atomic(where, new, sync=True)  # a backup is what a bad day falls back on: durable, as the journal
    os.utime(where, ns=(info.st_atime_ns, info.st_mtime_ns))
    return True


def _reseal_backups(path: Path, change: Callable[[bytes], bytes], result: Resealed) -> None:
    folder = Path(os.path.realpath(path)).parent / BACKUP_FOLDER
    for where in backup_files(path):
        try:
            if _rewrite(where, change):
                result.backups += 1
        except OSError as error:
            result.left.append((where, error.strerror or str(error)))
        except JournalError as error:  # a backup sealed for another key, or damaged: left as it is
            result.left.append((where, str(error)))
    if folder.is_dir():
        fsync_folder(folder)


def encrypt(store: Any, key: Key, identity_text: str | None = None, passphrase: str | None = None) -> Resealed:
    """Encrypt the journal of STORE with KEY: every file, every backup. With a PASSPHRASE, KEY's identity is kept sealed beside it first."""
    path: Path = store.path
    result = Resealed()
    if passphrase is not None and identity_text is not None and not store.encrypted:
        # The key file first: a stop after it leaves a plain journal and a key nobody needs yet,
        # never a sealed journal without its key.
        private_folder(path.parent)
        write_atomic(key_path(path), seal_identity(identity_text, passphrase), sync=True)
    store.keep_backup("encrypt")
    if not store.encrypted or clear_files(path):
        store.reseal(key)
        result.journal_files = len(journal_files(path))
    _reseal_backups(path, lambda raw: raw if not raw or is_sealed(raw) else key.seal(raw), result)
    for stray in JournalFile(path).stray_temp_files():
        stray.unlink(missing_ok=True)
    return result


def decrypt(store: Any) -> Resealed:
    """Decrypt the journal of STORE (opened with its key): every file, every backup; the key file is removed."""
    path: Path = store.path
    key: Key = store.key
    result = Resealed()
    store.keep_backup("decrypt")
    store.reseal(None)
    result.journal_files = len(journal_files(path))
    _reseal_backups(path, lambda raw: key.open(raw, "a backup") if is_sealed(raw) else raw, result)
    if not result.left:
        key_path(path).unlink(missing_ok=True)
    return result
