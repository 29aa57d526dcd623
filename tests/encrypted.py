"""Encrypted journals for tests: one opened by a passphrase, or by an age identity file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from data.crypto import new_key
from data.encryption import encrypt
from data.store import Store


def passphrase_journal(path: Path, passphrase: str, now: dt.datetime, decisions: dict[str, str]) -> None:
    """A journal at PATH encrypted with PASSPHRASE, holding DECISIONS ({text: day})."""
    store = Store(path)
    for text, day in decisions.items():
        store.add_decision(now, day, text, "Inner Foundation")
    key, identity = new_key()
    encrypt(store, key, identity, passphrase)  # keeps the identity sealed with the passphrase beside it


def identity_journal(path: Path, identity_file: Path, now: dt.datetime, decisions: dict[str, str]) -> None:
    """A journal at PATH encrypted for a new age identity kept in IDENTITY_FILE, holding DECISIONS."""
    from pyrage import x25519

    from data.crypto import identity_key

    identity_file.write_text(f"{x25519.Identity.generate()}\n", encoding="utf-8")
    store = Store(path)
    for text, day in decisions.items():
        store.add_decision(now, day, text, "Inner Foundation")
    store.reseal(identity_key(identity_file))
