"""Whose file is it: the mark selftrust leaves in every file it writes, and reading it back.

Every file export writes carries a `generator` line and a `selftrust_digest`: the SHA-256
of the file's bytes without that one line. A file at an export's name is

- ours and untouched (the digest matches): OURS, which export may replace;
- ours but edited since (the digest differs): EDITED, skipped unless `force`;
- not ours (no generator or no digest): FOREIGN, never touched, even with `force`.

**A note that is half yours.** A day's note holds selftrust's part between two lines that
notes apps hide, `BEGIN` and `END` (HTML comments); everything outside them is the
person's. Ours in such a note are the front matter's lines from the top through the
digest line (the keys selftrust writes, each on one line, the digest last) and the region,
markers included; the digest covers just those. Lines after the digest, up to the front
matter's closing `---`, and every byte before or after the region are the person's, so an
edit there leaves the note OURS. A file with no markers is signed the old way (its whole
bytes: the combined document, the backup, a day written before the region).

A Logseq page (`data.logseq`) has no front matter: ours there are its `key:: value` lines
from the top through `selftrust-digest::` (the first block), then the region, by the same
rules; property lines of the person's after the digest line are theirs.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass


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
    if not raw.startswith(b"---\n") and (page := _logseq_note(raw)) is not None:
        # a Logseq page of ours (its generator and digest in its first block); its region gone or broken: edited
        return OURS if isinstance(page, Note) and _is_ours(page) else EDITED
    head = _head(raw)
    if head is None:
        return FOREIGN
    digest = _DIGEST.search(head)
    if digest is None or _GENERATOR.search(head) is None:
        return FOREIGN
    note = read_note(raw)
    if isinstance(note, Note):
        return OURS if _is_ours(note) else EDITED
    rest = raw[: digest.start()] + raw[digest.end() :]
    return OURS if hashlib.sha256(rest).hexdigest() == digest.group(1).decode() else EDITED


# -- a note that is half yours --------------------------------------------------------------

BEGIN = "<!-- selftrust: begin (this part is rewritten by selftrust export; write outside it) -->"
END = "<!-- selftrust: end -->"
_BEGIN_LINE = re.compile(rb"^<!-- selftrust: begin\b", re.MULTILINE)
_END_LINE = re.compile(rb"^<!-- selftrust: end\b", re.MULTILINE)
_FRONT_KEY = re.compile(rb"^([^\s#\-][^:\n]*):", re.MULTILINE)

# Why a file of ours with no sound region is left as it is, --force or not.
UNMARKED = (
    "you wrote in it, and it has no selftrust begin and end lines to show which part is ours, "
    "so it stays as it is, --force or not; move it out of the folder and export again for a fresh one"
)
_BROKEN = (
    "its selftrust lines are broken ({what}), so it stays as it is, --force or not; "
    "put back one begin line and one end line around selftrust's part, then export again"
)


@dataclass(frozen=True, slots=True)
class Note:
    """A note's bytes in their five parts, end to end; `ours_front` and `region` are selftrust's."""

    ours_front: bytes  # "---" and our keys, through the digest line
    yours_front: bytes  # the person's lines after the digest, to the closing "---"
    before: bytes  # after the front matter's "---", up to the region
    region: bytes  # the begin line to the end line's last character (not its line break)
    after: bytes  # the rest
    digest: bytes  # the digest's hex, as written
    closing: bytes = b"---\n"  # what ends the front matter: a Logseq page's first block has no line of its own

    def signed(self) -> bytes:
        """The bytes the digest covers: our keys' lines (not the digest line, the last) and the region."""
        return self.ours_front[: self.ours_front.rindex(b"\n", 0, len(self.ours_front) - 1) + 1] + self.region

    def our_keys(self) -> set[bytes]:
        """The keys selftrust wrote: every top-level key of `ours_front`, the digest's too."""
        return set(_FRONT_KEY.findall(self.ours_front))


def read_note(raw: bytes) -> Note | str | None:
    """RAW's parts; None if it has no front matter with a digest; else why its region is not sound (UNMARKED, or broken)."""
    if not raw.startswith(b"---\n"):
        return _logseq_note(raw)
    end = raw.find(b"\n---\n", 3)
    if end < 0:
        return None
    closing = end + 1
    digest = _DIGEST.search(raw, 0, closing)
    if digest is None or not digest.group(0).startswith(b"selftrust_digest"):
        return None
    return _parts(raw, raw[: digest.end()], raw[digest.end() : closing], closing + 4, digest.group(1))


def _parts(
    raw: bytes, ours_front: bytes, yours_front: bytes, body: int, digest: bytes, closing: bytes = b"---\n"
) -> Note | str:
    """RAW as a Note whose front matter is OURS_FRONT, YOURS_FRONT and CLOSING, its region looked for from BODY on;
    or why its region is not sound."""
    begins = [found.start() for found in _BEGIN_LINE.finditer(raw, body)]
    ends = [found.start() for found in _END_LINE.finditer(raw, body)]
    if not begins and not ends:
        return UNMARKED
    what = None
    if len(begins) > 1 or len(ends) > 1:
        what = f"{max(len(begins), len(ends))} {'begin' if len(begins) > 1 else 'end'} lines where there should be one"
    elif not ends:
        what = "the end line is missing"
    elif not begins:
        what = "the begin line is missing"
    elif ends[0] < begins[0]:
        what = "the end line comes before the begin line"
    if what is not None:
        return _BROKEN.format(what=what)
    stop = raw.find(b"\n", ends[0])
    stop = len(raw) if stop < 0 else stop
    return Note(ours_front, yours_front, raw[body : begins[0]], raw[begins[0] : stop], raw[stop:], digest, closing)


# A Logseq page's first block: its `key:: value` lines from the top. Ours ends with our digest line.
_LOGSEQ_PROPERTY = re.compile(rb"[^\s:]+::(?: [^\n]*)?\n")
_LOGSEQ_DIGEST = re.compile(rb"^selftrust-digest:: sha256:([0-9a-f]{64})\n", re.MULTILINE)
_LOGSEQ_GENERATOR = re.compile(rb"^generator:: selftrust ", re.MULTILINE)


def _logseq_note(raw: bytes) -> Note | str | None:
    """A Logseq page's parts (properties in its first block, no front matter); None if it has no digest of ours there."""
    block = 0
    while (line := _LOGSEQ_PROPERTY.match(raw, block)) is not None:
        block = line.end()
    digest = _LOGSEQ_DIGEST.search(raw, 0, block)
    if digest is None or _LOGSEQ_GENERATOR.search(raw, 0, digest.start()) is None:
        return None
    return _parts(raw, raw[: digest.end()], raw[digest.end() : block], block, digest.group(1), b"")


def _is_ours(note: Note) -> bool:
    return hashlib.sha256(note.signed()).hexdigest().encode() == note.digest


def _their_lines(note: Note, ours: set[bytes]) -> bytes:
    """The lines among NOTE's keys that are not among OURS (the keys selftrust writes now), kept in order:
    a key's lines go with it (a list under it, a comment after it)."""
    kept: list[bytes] = []
    keep = True
    start = 4 if note.ours_front.startswith(b"---\n") else 0
    lines = re.findall(rb"[^\n]*\n", note.ours_front[start:])[:-1]  # after "---", before the digest line
    for line in lines:
        key = _FRONT_KEY.match(line)
        if key is not None:
            keep = key.group(1) not in ours
        if keep:
            kept.append(line)
    return b"".join(kept)


def merged(old: Note, fresh: Note) -> bytes:
    """FRESH's keys and region with everything of the person's in OLD kept byte for byte.

    OLD edited in our part (only with --force): its region and our keys' lines are replaced,
    and any line of its own it put among our keys moves to just after them.
    """
    yours = old.yours_front if _is_ours(old) else _their_lines(old, fresh.our_keys()) + old.yours_front
    return fresh.ours_front + yours + old.closing + old.before + fresh.region + old.after
