"""The export dialog's For row: Obsidian notes, or Logseq journal pages."""

from __future__ import annotations

from tests.tui.conftest import screen_text
from tests.tui.test_export_dialog import exported, open_dialog
from tests.tui.test_history import seed


async def test_choosing_logseq_previews_and_writes_journal_pages(build, store, clock, tmp_path):
    seed(store, clock)
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_dialog(app, pilot)
        assert "The first, as 2026-11-20.md:" in screen_text(app)
        app.screen.query_one("#export-out").value = str(tmp_path / "graph")
        app.screen.query_one("#export-flavour").focus()
        await pilot.press("down")
        await pilot.pause()
        text = screen_text(app)
        assert "The first, as journals/2026_11_20.md:" in text and "date:: 2026-11-20" in text
        await pilot.press("enter")
        words = await exported(app, pilot)
        assert words == f"Exported 3 days to {tmp_path / 'graph'}: written 3, unchanged 0, skipped 0."
    journals = tmp_path / "graph" / "journals"
    assert sorted(p.name for p in journals.iterdir()) == ["2026_11_20.md", "2026_11_24.md", "2026_11_26.md"]
    page = (journals / "2026_11_20.md").read_text(encoding="utf-8")
    assert page.startswith("date:: 2026-11-20\n") and "# Friday 20 November 2026" in page
    assert sorted(p.name for p in (tmp_path / "graph").iterdir()) == ["journals"]


async def test_the_choice_is_kept_while_the_dialog_is_open_and_one_document_ignores_it(build, store, clock, tmp_path):
    seed(store, clock)
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_dialog(app, pilot)
        app.screen.query_one("#export-out").value = str(tmp_path / "practice.md")
        app.screen.query_one("#export-flavour").focus()
        await pilot.press("down")
        app.screen.query_one("#export-shape").focus()
        await pilot.press("down")  # one document: a document has no flavour
        await pilot.pause()
        assert "The first, as one document" in screen_text(app) and "date:: " not in screen_text(app)
        await pilot.press("up")  # back to a file per day: Logseq still chosen
        await pilot.pause()
        assert "The first, as journals/2026_11_20.md:" in screen_text(app)


async def test_the_for_row_fits_a_small_terminal(build, store, clock):
    seed(store, clock)
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dialog(app, pilot)
        box = app.screen.query_one("ExportDialog > Vertical")
        for selector in ("#export-flavour", "#export-out", "#export-preview-box", "#export-go"):
            region = app.screen.query_one(selector).region
            assert region.height > 0 and box.content_region.contains_region(region), (selector, region)
        assert "Logseq (journals/, key:: value)" in screen_text(app)
