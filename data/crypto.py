"""Encryption at rest: the journal's files as age files (the `.age` format, through pyrage).

While a journal is encrypted, every file of it on disk is an age file: the journal's own
file, each year's, the commit file of a save of several files, every backup and the JSON
backup export. The bytes are sealed before the disk is touched, so a temporary file of a
save holds only sealed bytes too.

Two ways to hold the key:

- a passphrase: `selftrust encrypt` makes an age identity and keeps it beside the journal
  in `journal.key.age`, sealed with the passphrase (age's scrypt). Unlocking costs one
  scrypt (seconds, on purpose); every file is then opened with the identity (milliseconds);
- an age identity file of the person's own (`identity` in the settings): the files are
  sealed to its recipients, and no key file is kept.

Inside each age file the JSON is compressed first (Zstandard, level 1), so there is a
seventh as much to seal and open: an encrypted save and open then cost about what plain ones
do. By hand: `age -d -i IDENTITY journal.json | zstd -d`. An age file holding plain JSON
(as the first encrypted journals did) opens as well.

A lost passphrase (or identity file) cannot be recovered: nothing else opens the files.
pyrage and zstd are imported only when a journal is encrypted, so a plain start never pays for them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from data.journal_file import JournalCorrupt, JournalError, read_regular

AGE_MAGIC = b"age-encryption.org/v1\n"
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"  # a Zstandard frame's first bytes; JSON never begins so
ZSTD_LEVEL = 1  # the fastest of the usual levels: a year's JSON to about a seventh, in about a ms a MB
KEY_SUFFIX = ".key.age"
MAX_PASSPHRASE = 1024  # characters: longer is a paste gone wrong


class EncryptionError(JournalError):
    """The journal is encrypted and cannot be opened as asked; the message is one line a person can act on."""


class WrongKey(EncryptionError):
    """The passphrase or identity given does not open the journal."""


class NoKey(EncryptionError):
    """The journal is encrypted and this selftrust has no way to open it."""


class BadIdentity(EncryptionError):
    """The identity file in the settings cannot be used."""


def is_sealed(raw: bytes) -> bool:
    """True when RAW are an age file's bytes (what an encrypted journal keeps on disk)."""
    return raw.startswith(AGE_MAGIC)


def key_path(journal: Path) -> Path:
    """Where a journal encrypted with a passphrase keeps its sealed identity: `journal.key.age` beside it."""
    real = Path(os.path.realpath(journal))
    return real.with_name(real.stem + KEY_SUFFIX)


def journal_sealed(journal: Path) -> bool:
    """True when the journal's own file at JOURNAL is encrypted (reads its first bytes only; never waits on a pipe)."""
    if not os.path.isfile(journal):  # a named pipe or a device put there is not waited on: the open refuses it
        return False
    try:
        with open(journal, "rb") as file:
            return is_sealed(file.read(len(AGE_MAGIC)))
    except OSError:
        return False


def _held(where: Path) -> bytes:
    """The bytes of the regular file at WHERE; none when it is not there or cannot be read."""
    try:
        return read_regular(where)[0]
    except OSError:
        return b""


def in_the_clear(paths: Iterable[Path]) -> list[Path]:
    """The files of PATHS that hold bytes not sealed (an empty one, or one that cannot be read, holds none)."""
    return [where for where in paths if (raw := _held(where)) and not is_sealed(raw)]


def any_sealed(paths: Iterable[Path]) -> bool:
    """True when a file of PATHS is an age file."""
    return any(is_sealed(_held(where)) for where in paths)


@dataclass(frozen=True)
class Key:
    """What seals and opens an encrypted journal's files: its identities and the recipients they answer to."""

    identities: tuple[Any, ...]
    recipients: tuple[Any, ...]
    source: str  # "passphrase" or the identity file's path, as `doctor` shows it

    def seal(self, raw: bytes) -> bytes:
        """RAW as an age file, sealed to this key's recipients (compressed first)."""
        import pyrage

        return bytes(pyrage.encrypt(_zstd().compress(raw, level=ZSTD_LEVEL), list(self.recipients)))

    def open(self, raw: bytes, where: Path | str) -> bytes:
        """The bytes an age file holds; WrongKey when this key is not one of its recipients, or it is damaged."""
        import pyrage

        try:
            held = bytes(pyrage.decrypt(raw, list(self.identities)))
        except pyrage.DecryptError as error:
            if "No matching keys" in str(error):
                raise WrongKey(
                    f"{where} is encrypted for another key ({self._what()} does not open it).{self._hint(where)}"
                ) from None
            raise JournalCorrupt(Path(where), f"is encrypted and damaged: it cannot be opened ({error})") from None
        if not held.startswith(ZSTD_MAGIC):
            return held  # sealed before its JSON was compressed
        zstd = _zstd()
        try:
            return zstd.decompress(held)
        except zstd.ZstdError as error:  # age vouches for the bytes, so only a writer's fault can bring this
            raise JournalCorrupt(Path(where), f"is encrypted, and what it holds is damaged ({error})") from None

    def _what(self) -> str:
        return "the passphrase" if self.source == "passphrase" else f"the identity {self.source}"

    def _hint(self, where: Path | str) -> str:
        """For an identity in the settings on a journal encrypted with a passphrase: how to be asked for it."""
        if self.source == "passphrase" or not key_path(Path(where)).is_file():
            return ""
        return " It was encrypted with a passphrase: take `identity` out of the settings to be asked for it."


def _zstd() -> Any:
    """Zstandard: the standard library's from Python 3.14, its backport before (imported only when first used)."""
    if sys.version_info >= (3, 14):
        from compression import zstd
    else:
        from backports import zstd
    return zstd


def opened(raw: bytes, where: Path | str, key: Key | None) -> bytes:
    """RAW as plain bytes: an age file opened with KEY, any other bytes as they are; NoKey when sealed and KEY is None."""
    if not is_sealed(raw):
        return raw
    if key is None:
        raise NoKey(f"{where} is encrypted, and no passphrase or identity was given to open it.")
    return key.open(raw, where)


def sealed(raw: bytes, key: Key | None) -> bytes:
    """RAW sealed with KEY, or as they are when KEY is None."""
    return raw if key is None else key.seal(raw)


# -- making and finding keys ----------------------------------------------------------------


def new_key() -> tuple[Key, str]:
    """A fresh identity for a journal encrypted with a passphrase: the key, and the identity's text to keep sealed."""
    from pyrage import x25519

    identity = x25519.Identity.generate()
    return Key((identity,), (identity.to_public(),), "passphrase"), str(identity)


def passphrase_problem(passphrase: str) -> str | None:
    """Why PASSPHRASE cannot be used (one line), or None."""
    if not passphrase.strip():
        return "A passphrase cannot be empty."
    if len(passphrase) > MAX_PASSPHRASE:
        return f"A passphrase can be at most {MAX_PASSPHRASE:,} characters."
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in passphrase):
        return "A passphrase cannot hold control characters (a tab, a newline, an escape)."
    return None


def seal_identity(identity_text: str, passphrase: str) -> bytes:
    """The identity's text sealed with PASSPHRASE (age's scrypt): what `journal.key.age` holds."""
    import pyrage

    return bytes(pyrage.passphrase.encrypt(identity_text.encode("utf-8"), passphrase))


def missing_key_file(journal: Path) -> NoKey:
    """What to say when the encrypted journal at JOURNAL has no key file beside it (and no identity was set)."""
    return NoKey(
        f"The journal {journal} is encrypted, and its key file {key_path(journal)} is not there. Put it back "
        "(or set `identity` in the settings, if the journal was encrypted for one)."
    )


# Opens a key file in a child process: the passphrase, a newline and the key file's bytes come on
# standard input (a pipe, never the disk or the command line); the identity goes back on standard
# output, or the exit code is 1 when the passphrase does not open it.
_OPEN_KEY_FILE = """
import sys, pyrage
given = sys.stdin.buffer.read()
end = given.index(b"\\n")
try:
    sys.stdout.buffer.write(bytes(pyrage.passphrase.decrypt(given[end + 1 :], given[:end].decode("utf-8"))))
except pyrage.DecryptError:
    sys.exit(1)
"""


def _open_key_file(raw: bytes, passphrase: str, aside: bool) -> bytes | None:
    """The identity a key file's RAW bytes hold, opened with PASSPHRASE; None when it does not open them.

    ASIDE: in a child process. pyrage holds the interpreter for the seconds scrypt takes, so an
    app that unlocks from a thread would not draw (nor quit) meanwhile; waiting on a child does not hold it.
    """
    import pyrage

    if not aside:
        try:
            return bytes(pyrage.passphrase.decrypt(raw, passphrase))
        except pyrage.DecryptError:
            return None
    import subprocess

    done = subprocess.run(
        [sys.executable, "-I", "-c", _OPEN_KEY_FILE],
        input=passphrase.encode("utf-8") + b"\n" + raw,
        capture_output=True,
        check=False,
    )
    if done.returncode == 1 and not done.stdout:
        return None
    if done.returncode != 0:
        raise NoKey(f"The key file could not be opened: {done.stderr.decode(errors='replace').strip()[-200:]}")
    return done.stdout


def unlock(journal: Path, passphrase: str, *, aside: bool = False) -> Key:
    """The key of the journal at JOURNAL, from its key file and PASSPHRASE (seconds: age's scrypt, on purpose).

    WrongKey when the passphrase does not open the key file; NoKey when there is no key file.
    ASIDE: scrypt runs in a child process, so the threads of an app go on meanwhile.
    """
    import pyrage
    from pyrage import x25519

    where = key_path(journal)
    try:
        raw, _ = read_regular(where)
    except OSError:
        raise missing_key_file(journal) from None
    opened_raw = None if "\n" in passphrase else _open_key_file(raw, passphrase, aside)
    if opened_raw is None:
        raise WrongKey("That passphrase does not open this journal. Nothing was changed.")
    try:
        identity = x25519.Identity.from_str(opened_raw.decode("utf-8").strip())
    except (UnicodeDecodeError, pyrage.IdentityError):
        raise WrongKey(f"The key file {where} is damaged. Nothing was changed.") from None
    return Key((identity,), (identity.to_public(),), "passphrase")


def identity_key(path: Path) -> Key:
    """The key in the age identity file at PATH (`identity` in the settings); BadIdentity when it cannot be used."""
    import pyrage
    from pyrage import x25519

    try:
        text = read_regular(path)[0].decode("utf-8")
    except FileNotFoundError:
        raise BadIdentity(f"The identity file {path} (`identity` in the settings) is not there.") from None
    except (OSError, UnicodeDecodeError) as error:
        why = getattr(error, "strerror", None) or "it is not text"
        raise BadIdentity(f"The identity file {path} cannot be read: {why}.") from None
    identities = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            identities.append(x25519.Identity.from_str(line))
        except pyrage.IdentityError:
            raise BadIdentity(
                f"The identity file {path} has a line that is not an age identity (line {number}); "
                "make one with `age-keygen -o FILE`."
            ) from None
    if not identities:
        raise BadIdentity(f"The identity file {path} holds no age identity; make one with `age-keygen -o FILE`.")
    return Key(tuple(identities), tuple(i.to_public() for i in identities), str(path))
