"""Whose file is it: the mark selftrust leaves in every file it writes, and reading it back.

Every file export writes carries a `generator` line and a `selftrust_digest`: the SHA-256
of the file's bytes without that one line. A file at an export's name is

- ours and untouched (the digest matches): OURS, which export may replace;
- ours but edited since (the digest differs): EDITED, skipped unless `force`;
- not ours (no generator or no digest): FOREIGN, never touched, even with `force`.
"""

from __future__ import annotations

import functools
import hashlib
import re


@functools.cache
def generator() -> str:
    """The generator line's value: "selftrust" and the installed version, from the package's metadata.

    Read on first use, not at import: importlib.metadata takes tens of milliseconds to
    import, which only an export should pay (the Day view imports this module, through data.notes).
    """
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"selftrust {version('selftrust')}"
    except PackageNotFoundError:  # a source tree never installed: still ours, its version unknown
        return "selftrust 0+unknown"


BACKUP_FORMAT = "selftrust-backup"

OURS, EDITED, FOREIGN = "ours", "edited", "foreign"

_DIGEST = re.compile(rb'^(?:  "selftrust_digest"|selftrust_digest): "sha256:([0-9a-f]{64})",?\n', re.MULTILINE)
_GENERATOR = re.compile(rb'^(?:  "generator"|generator): "selftrust ', re.MULTILINE)


def _head(raw: bytes) -> bytes | None:
    """The front matter of a Markdown file, or the first lines of a JSON backup; None if neither."""
    if raw.startswith(b"---\n"):
        end = raw.find(b"\n---\n", 3)
        return raw[: end + 1] if end >= 0 else None
    if raw.startswith(b'{\n  "format": "' + BACKUP_FORMAT.encode() + b'",\n'):
        return raw[:400]
    return None


def whose(raw: bytes) -> str:
    """OURS (written by selftrust, untouched since), EDITED (ours, changed since) or FOREIGN.

    What we wrote is recorded in the file itself: the digest of our own bytes in its front
    matter. A file without one is the person's, an empty one too (notes apps make empty
    day notes), and is never replaced without --force.
    """
    head = _head(raw)
    if head is None:
        return FOREIGN
    digest = _DIGEST.search(head)
    if digest is None or _GENERATOR.search(head) is None:
        return FOREIGN
    rest = raw[: digest.start()] + raw[digest.end() :]
    return OURS if hashlib.sha256(rest).hexdigest() == digest.group(1).decode() else EDITED
