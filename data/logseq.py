"""The Logseq flavour of a per-day export: `journals/yyyy_MM_dd.md`, properties in the first block.

Logseq's journals have no YAML front matter: a page's properties are `key:: value` lines in
its first block. A Logseq page holds the same properties as the Obsidian note's front matter
(`data.notes.day_file`: the same keys in the same order, the same values; a list as its
names separated by commas, an empty list or no contact as an empty value), then selftrust's
`generator::` and, last of ours, `selftrust-digest:: sha256:...`; then, after a blank line,
the same region between the same `BEGIN` and `END` lines, holding the same body. The digest
covers our property lines and the region, as in an Obsidian note (`data.ours` reads both).

What the person typed stays inside its field here too: a name in a property value is the
body's inline Markdown (`data.markdown.inline`: one line, its marks escaped), and nowhere in
the page after the first block is there a `::` (each is written `:\\:`, which Markdown reads
as `::`), so nothing typed can become a property of the page or of one of its blocks.
The file name is Logseq's default journal name; the export_pattern setting does not apply.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from data.export import begin_export
from data.files import fsync_folder
from data.markdown import inline
from data.notes import Day, day_file, utf8
from data.ours import BEGIN, END, generator
from data.resting import collector_resting
from data.vault_files import ExportReport, make_private_folder, place

FLAVOURS = ("obsidian", "logseq")
JOURNALS = "journals"
DIGEST_KEY = "selftrust-digest"

_DOUBLE_COLON = re.compile(r":(?=:)")


def journal_name(day: dt.date) -> str:
    """Logseq's default journal file name for DAY (yyyy_MM_dd), inside the `journals` folder."""
    return f"{JOURNALS}/{day.strftime('%Y_%m_%d')}.md"


def _value(raw: str) -> str:
    """A front-matter value (a bare date or number, null, a quoted name, a list of them) as Logseq's."""
    try:
        value: Any = json.loads(raw)
    except ValueError:  # a bare date
        return raw
    if value is None:
        return ""
    if isinstance(value, list):
        return _DOUBLE_COLON.sub(r":\\", ", ".join(inline(name) for name in value))
    if isinstance(value, str):
        return _DOUBLE_COLON.sub(r":\\", inline(value))
    return raw


def _properties(front: str) -> str:
    """The `key:: value` lines of the Obsidian note's front matter FRONT (its keys, not the generator's or digest's)."""
    lines = []
    for line in front.splitlines():
        key, _, raw = line.partition(": ")
        if key in ("generator", "selftrust_digest"):
            continue
        value = _value(raw)
        lines.append(f"{key}:: {value}\n" if value else f"{key}::\n")
    return "".join(lines)


def logseq_file(day: Day) -> bytes:
    """The whole Logseq journal page of one day, as written: its properties, then selftrust's region."""
    note = day_file(day).decode("utf-8")
    front_end = note.index("\n---\n", 3)
    begin = note.index(BEGIN, front_end)
    end = note.index(END, begin)
    region = _DOUBLE_COLON.sub(r":\\", note[begin + len(BEGIN) : end])
    top = utf8(_properties(note[4 : front_end + 1]) + f"generator:: {generator()}\n")
    region_bytes = utf8(BEGIN + region + END)
    digest = hashlib.sha256(top)
    digest.update(region_bytes)
    return top + f"{DIGEST_KEY}:: sha256:{digest.hexdigest()}\n\n".encode() + region_bytes + b"\n"


def logseq_page(day: Day) -> str:
    """The Logseq page of one day as text (the export dialog's preview)."""
    return logseq_file(day).decode("utf-8")


@collector_resting()
def export_logseq(
    store: Any,
    folder: Path,
    *,
    first: dt.date | None = None,
    last: dt.date | None = None,
    force: bool = False,
    progress: Any = None,
    days: Sequence[Day] | None = None,
) -> ExportReport:
    """One Logseq journal page per day from FIRST to LAST into FOLDER's `journals`, by export's rules.

    PROGRESS and DAYS as `data.export.export_days` takes them.
    """
    days, report = begin_export(store, folder, first, last, days, progress)
    total = len(days)
    if not days:
        return report
    journals = folder / JOURNALS
    make_private_folder(journals)
    wrote = False
    try:
        for done, day in enumerate(days, 1):
            path = folder / journal_name(dt.date.fromisoformat(day.day))
            wrote = place(path, logseq_file(day), force, report) or wrote
            if progress is not None:
                progress(done, total)
    finally:
        if wrote:
            fsync_folder(journals)
    return report
