"""A start merges the copies a sync tool left beside the journal, and Today says once what came in."""

from __future__ import annotations

import shutil

from data.store import Store
from tests.tui.conftest import screen_text
from tests.unit.test_conflicts import NAMES, two_machines
from tests.waits import wait_until


def _told(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_a_start_merges_the_other_machines_copy_and_today_shows_its_entries(tmp_path, settings, clock):
    from tui.app import make_app

    a, b = two_machines(tmp_path)
    shutil.copy(b / "journal.json", a / NAMES["Syncthing"][0])
    (a / NAMES["Dropbox"][0]).write_text('{"schema_version": 5, "decisions": ')
    app = make_app(store=Store(a / "journal.json"), settings=settings, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: "from B" in screen_text(app), "the other machine's decision on Today")
        assert "from A" in screen_text(app)
        came = [m for m in _told(app) if m.startswith("From another machine")]
        assert came == ["From another machine: 2 decisions came in."]
        await wait_until(pilot, lambda: any(NAMES["Dropbox"][0] in m for m in _told(app)), "the damaged copy named")
    assert not (a / NAMES["Syncthing"][0]).exists() and (a / "backups" / NAMES["Syncthing"][0]).exists()
    assert (a / NAMES["Dropbox"][0]).exists()
