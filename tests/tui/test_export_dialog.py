"""The export dialog: a preview of the first day, progress, the files it writes, the ones it leaves alone."""

from __future__ import annotations

import stat

from screens.export import ExportDialog
from tests.tui.conftest import screen_text, type_text
from tests.tui.test_history import seed


async def open_dialog(app, pilot):
    await pilot.press("x")
    await pilot.pause()
    assert isinstance(app.screen, ExportDialog)


async def test_export_a_file_per_day_with_a_preview_and_progress(build, store, clock, tmp_path):
    seed(store, clock)
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_dialog(app, pilot)
        text = screen_text(app)
        assert "3 days to export. The first, as 2026-11-20.md:" in text
        assert 'date: "2026-11-20"' in text or "date: 2026-11-20" in text
        assert "Tell Sam the Friday deadline" in text
        app.screen.query_one("#export-out").value = str(tmp_path / "vault")
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Done: written 3, unchanged 0, skipped 0." in screen_text(app)
        bar = app.screen.query_one("#export-progress")
        assert (bar.progress, bar.total) == (3, 3)
    files = sorted(p.name for p in (tmp_path / "vault").iterdir())
    assert files == ["2026-11-20.md", "2026-11-24.md", "2026-11-26.md"]
    page = (tmp_path / "vault" / "2026-11-20.md").read_text(encoding="utf-8")
    assert page.startswith("---\n") and "# Friday 20 November 2026" in page and "Walk at lunch" in page
    assert stat.S_IMODE((tmp_path / "vault" / "2026-11-20.md").stat().st_mode) == 0o600


async def test_a_range_and_an_edited_file_left_alone(build, store, clock, tmp_path):
    seed(store, clock)
    vault = tmp_path / "vault"
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_dialog(app, pilot)
        app.screen.query_one("#export-out").value = str(vault)
        app.screen.query_one("#export-from").focus()
        await type_text(pilot, "2026-11-21")
        await pilot.pause()
        assert "2 days to export. The first, as 2026-11-24.md:" in screen_text(app)
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "written 2" in screen_text(app)
    edited = vault / "2026-11-24.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nMy own note.\n", encoding="utf-8")
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_dialog(app, pilot)
        app.screen.query_one("#export-out").value = str(vault)
        await pilot.pause()
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "written 1, unchanged 1, skipped 1" in text
        assert "Left alone because you edited them since: 2026-11-24.md" in text
    assert edited.read_text(encoding="utf-8").endswith("My own note.\n")


async def test_one_document_and_a_bad_date(build, store, clock, tmp_path):
    seed(store, clock)
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_dialog(app, pilot)
        app.screen.query_one("#export-to").value = "2026-02-30"
        await pilot.pause()
        assert "2026-02-30 is not a day on the calendar" in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Not exported yet" in screen_text(app)
        app.screen.query_one("#export-to").value = ""
        app.screen.query_one("#export-shape").query("RadioButton").last().value = True
        app.screen.query_one("#export-out").value = str(tmp_path / "practice.md")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "written 1" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExportDialog)
    document = (tmp_path / "practice.md").read_text(encoding="utf-8")
    assert document.count("\n# ") + document.startswith("# ") <= 1  # one title; the days are its sections
    for text in ("Tell Sam the Friday deadline", "Ask Alex for help", "Bed by eleven"):
        assert text in document


async def test_nothing_to_export_says_so(build, tmp_path):
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_dialog(app, pilot)
        assert "Nothing to export in these days yet." in screen_text(app)
        app.screen.query_one("#export-out").value = str(tmp_path / "vault")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert not (tmp_path / "vault").exists()
