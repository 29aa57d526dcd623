"""Schema migrations: each step turns a journal of one version into the next.

The journal records its schema version at the top level. Opening an older journal
migrates it in memory, keeps the old file as a backup, and saves the new version.

- Version 1: the first layout. Records may be keyed by TinyDB's own numbers ("1", "2")
  rather than their ids, may lack an id, and may leave out optional fields.
- Version 2: every record is keyed by its own id and carries every field of its kind.
- Version 3: every record carries `rev`, its revision, raised by every save of it; the
  higher `rev` is the newer copy (for import and merges), wall-clock `updated_at` only
  breaks a tie. Records from before it start at 1.
- Version 4: a decision may carry if-then plans and what its outcome carries (`hard`,
  `revised_from`, `revised_why`); a check the pull as it happens (`intensity`,
  `intensity_after`, `feeling`, `acted`, `pull_at`, `returned_to`, `plan_helped`).
  Every new field is optional: records from before it simply lack them, and read as
  none or empty.
- Version 5: the journal's own file holds its newest year; each earlier year is a TinyDB
  JSON file of its own beside it (`journal.2019.json`), named under "years" with its
  revision. The records are as in version 4; the first save of an older journal splits it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import MISSING, fields
from typing import Any

from data.models import Check, Decision, Review, new_id

Tables = dict[str, dict[str, dict[str, Any]]]

_KINDS = {"decisions": Decision, "checks": Check, "reviews": Review}


def _defaults(cls: type) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for f in fields(cls):
        if f.default is not MISSING:
            found[f.name] = f.default
        elif f.default_factory is not MISSING:
            found[f.name] = f.default_factory
    return found


def _v1_to_v2(tables: Tables) -> Tables:
    """Key every record by its id (making one where it has none) and fill in missing fields."""
    moved: Tables = {}
    for name, table in tables.items():
        kind = _KINDS.get(name)
        if kind is None:
            moved[name] = table
            continue
        defaults = _defaults(kind)
        rekeyed: dict[str, dict[str, Any]] = {}
        for doc in table.values():
            record = dict(doc)
            if not isinstance(record.get("id"), str) or not record["id"]:
                record["id"] = new_id()
            for field_name, default in defaults.items():
                if field_name not in record:
                    record[field_name] = default() if callable(default) else default
            rekeyed[record["id"]] = record
        moved[name] = rekeyed
    return moved


def _v2_to_v3(tables: Tables) -> Tables:
    """Give every record its first revision, 1 (a record of another version keeps a rev it has)."""
    for name in _KINDS:
        for record in tables.get(name, {}).values():
            if isinstance(record, dict):
                record.setdefault("rev", 1)
    return tables


def _v3_to_v4(tables: Tables) -> Tables:
    """Nothing to change: the new fields are optional, and a record without them reads as none or empty."""
    return tables


def _v4_to_v5(tables: Tables) -> Tables:
    """Nothing to change in the records: the next save keeps each earlier year in a file of its own."""
    return tables


MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4, 4: _v4_to_v5}


def migrate(tables: Tables, version: int) -> Tables:
    """TABLES of schema VERSION, brought up to the current version step by step."""
    while version in MIGRATIONS:
        tables = MIGRATIONS[version](tables)
        version += 1
    return tables
