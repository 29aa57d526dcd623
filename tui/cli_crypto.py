"""The command line on an encrypted journal: the key every command opens it with, and `encrypt` / `decrypt`.

A command that opens the journal gets its key here, only when the journal's own file is
sealed: from the identity file in the settings (`identity`), or else the passphrase, asked
on the terminal (masked, the prompt on stderr) or, when standard input is not a terminal,
read as one line from it (for scripts). A plain journal never loads age at all.
"""

from __future__ import annotations

import sys
from pathlib import Path

from data.crypto import EncryptionError, Key, journal_sealed
from data.settings import Settings
from data.store import Store
from tui.cli_parser import UsageError

PROMPT = "Passphrase for the journal: "


def ask_passphrase(prompt: str = PROMPT) -> str:
    """A passphrase: asked masked on the terminal, or one line of standard input when it is not one."""
    stdin = sys.stdin
    if stdin is not None and stdin.isatty():
        import getpass

        try:
            return getpass.getpass(prompt, stream=sys.stderr)
        except EOFError:  # ctrl+d at the prompt: the message on a line of its own
            print(file=sys.stderr)
            raise EncryptionError(
                "The journal is encrypted, and no passphrase was given. Nothing was changed."
            ) from None
    line = stdin.readline() if stdin is not None else ""
    if not line:
        raise EncryptionError(
            "The journal is encrypted, and no passphrase came on standard input. Nothing was changed."
        )
    return line.removesuffix("\n").removesuffix("\r")


def key_for(settings: Settings, path: Path) -> Key:
    """The key of the journal at PATH: the settings' identity file, or else its key file opened with the passphrase."""
    from data.crypto import identity_key, unlock

    if settings.identity is not None:
        return identity_key(settings.identity)
    return unlock(path, ask_passphrase())


def journal_key(settings: Settings, path: Path) -> Key | None:
    """The key the journal at PATH opens with, or None when it is plain (then age is never loaded)."""
    return key_for(settings, path) if journal_sealed(path) else None


def open_store(settings: Settings, path: Path, *, known: Key | None = None) -> Store:
    """The journal at PATH, opened with its key when it is encrypted (a wrong one: one line, exit 3, nothing written).

    KNOWN: the key this command got already (for a sealed backup), used rather than asking again.
    """
    if known is not None and journal_sealed(path):
        return Store(path, daily_backups=settings.backups, key=known)
    return Store(path, daily_backups=settings.backups, key=journal_key(settings, path))


def new_passphrase() -> str:
    """A new passphrase: asked twice on the terminal, or one line of standard input; a usage error when unusable."""
    from data.crypto import passphrase_problem

    stdin = sys.stdin
    if stdin is not None and stdin.isatty():
        import getpass

        try:
            first = getpass.getpass("A new passphrase for the journal: ", stream=sys.stderr)
            problem = passphrase_problem(first)
            if problem is None and getpass.getpass("The same passphrase again: ", stream=sys.stderr) != first:
                problem = "The two passphrases differ."
        except EOFError:  # ctrl+d at the prompt: the message on a line of its own
            print(file=sys.stderr)
            first, problem = "", "No passphrase was given."
    else:
        line = stdin.readline() if stdin is not None else ""
        first = line.removesuffix("\n").removesuffix("\r")
        problem = passphrase_problem(first) if line else "No passphrase came on standard input."
    if problem is not None:
        raise UsageError(f"selftrust encrypt: {problem} Nothing was changed.")
    return first


def _plural(count: int, word: str) -> str:
    from data.figures_words import plural

    return plural(count, word)


def _left(left: list[tuple[Path, str]]) -> None:
    for where, why in left:
        print(f"selftrust: left as it was: {where} ({why})", file=sys.stderr)


def encrypt_command(settings: Settings, path: Path, now: str) -> int:
    """`selftrust encrypt`: seal every file of the journal (or whatever is still in the clear)."""
    from data import encryption
    from data.conflicts import clear_copies, merge_copies
    from data.crypto import identity_key, key_path, new_key

    identity_text: str | None = None
    passphrase: str | None = None
    if journal_sealed(path):
        key = key_for(settings, path)
        if not encryption.clear_files(path) and not clear_copies(path):
            print("The journal is already encrypted: every file of it is sealed.")
            return 0
    elif settings.identity is not None:
        key = identity_key(settings.identity)
    else:
        passphrase = new_passphrase()
        key, identity_text = new_key()
    store = Store(path, daily_backups=settings.backups, key=key if journal_sealed(path) else None)
    # A sync tool's copy beside the journal is merged first (and moved into the backups), so none stays in the clear.
    merged = merge_copies(store, now=now)
    result = encryption.encrypt(store, key, identity_text, passphrase)
    files = _plural(result.journal_files, "journal file")
    print(f"Encrypted: {files} and {_plural(result.backups, 'backup')} sealed.")
    if merged.merged:
        print(f"The sync copies beside it were merged in first: {merged.words()}")
    if settings.identity is not None:
        print(f"Sealed to the identity in {settings.identity}: no key file is kept.")
        lost = f"the identity file {settings.identity}"
    else:
        print(f"Its key is in {key_path(path)}, sealed with your passphrase: keep it with the journal.")
        lost = "the passphrase"
    print(f"Keep {lost} safe: if it is lost, no one can open the journal, and it cannot be recovered.")
    _left([(where, why) for where, why in merged.left] + result.left)
    return 3 if merged.left or result.left else 0


def decrypt_command(settings: Settings, path: Path) -> int:
    """`selftrust decrypt`: write every file of the journal in the clear again, and remove its key file."""
    from data import encryption
    from data.crypto import any_sealed

    if not journal_sealed(path) and not any_sealed(encryption.every_file(path)):
        print("The journal is not encrypted: there is nothing to decrypt.")
        return 0
    store = Store(path, daily_backups=settings.backups, key=key_for(settings, path))
    result = encryption.decrypt(store)
    files = _plural(result.journal_files, "journal file")
    print(f"Decrypted: {files} and {_plural(result.backups, 'backup')} are plain text again.")
    print("Your words are now readable by anyone who can read these files; `selftrust encrypt` seals them again.")
    _left(result.left)
    return 3 if result.left else 0


__all__ = ["EncryptionError", "decrypt_command", "encrypt_command", "journal_key", "key_for", "open_store"]
