"""A seeded, realistic journal of years of daily practice, for measurements at real sizes.

    python -m benchmarks.journal PATH [--years 10] [--seed 2026]

Ten years gives about 18,000 entries (decisions, checks, reviews) and about 9 MB: the
sample journal of `data.sample` (the one `selftrust demo` shows, at sixty days) over ten
years, with a few very long entries. The same seed always writes the same journal.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

from data import sample

LAST_DAY = dt.date(2026, 11, 26)


def build(years: int = 10, seed: int = 2026) -> dict[str, Any]:
    """The journal as the store writes it: {"schema_version", "decisions", "checks", "reviews"}."""
    return sample.build(round(365.25 * years), seed, LAST_DAY)


def write(path: Path, years: int = 10, seed: int = 2026) -> dict[str, int]:
    """Write the journal to PATH as selftrust keeps it (a file a year, private) and return its counts."""
    from data.journal_file import journal_files
    from data.store import Store

    journal = build(years, seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = json.dumps(journal, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    path.write_bytes(raw)
    path.chmod(0o600)
    Store(path, daily_backups=0).settle()  # each earlier year in a file of its own, as a first start leaves it
    shutil.rmtree(path.parent / "backups", ignore_errors=True)  # the one-file journal it was: not the sample's
    counts = {name: len(journal[name]) for name in ("decisions", "checks", "reviews")}
    counts["entries"] = sum(counts.values())
    counts["bytes"] = sum(part.stat().st_size for part in journal_files(path))
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description="Write a seeded, realistic journal of years of practice.")
    parser.add_argument("path", type=Path)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    counts = write(args.path, args.years, args.seed)
    print(", ".join(f"{k}: {v:,}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
