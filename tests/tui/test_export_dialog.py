"""The export dialog: a preview of the first day, progress, the files it writes, the ones it leaves alone."""

from __future__ import annotations

import dataclasses
import stat

import pytest

from data.settings import Settings
from screens.export import ExportDialog
from screens.help import HelpScreen
from tests.tui.conftest import TZ, screen_text, type_text
from tests.tui.test_history import seed
from tests.waits import wait_until


async def open_dialog(app, pilot):
    await pilot.press("x")
    await pilot.pause()
    assert isinstance(app.screen, ExportDialog)


def said(app) -> list[str]:
    """What the app has told the user in its notifications, oldest first."""
    return [str(n.message) for n in app._notifications]


async def exported(app, pilot) -> str:
    """Wait for the export to finish and the dialog to close; the words it left on the screen below."""
    await wait_until(pilot, lambda: not isinstance(app.screen, ExportDialog), "the dialog to close after exporting")
    [words] = [text for text in said(app) if text.startswith("Exported")]
    return words


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
        bar = app.screen.query_one("#export-progress")
        moves = []
        update = bar.update
        bar.update = lambda **given: (update(**given), moves.append((bar.progress, bar.total)))
        await pilot.press("ctrl+s")
        words = await exported(app, pilot)
        assert (
            words == f"Exported 3 days and 2 weekly notes to {tmp_path / 'vault'}: written 5, unchanged 0, skipped 0."
        )
        assert moves[-1] == (3, 3)  # the bar went all the way before the dialog closed
    files = sorted(p.name for p in (tmp_path / "vault").iterdir())
    assert files == ["2026-11-20.md", "2026-11-24.md", "2026-11-26.md", "2026-W47.md", "2026-W48.md"]
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
        assert "2 days and 1 weekly note to" in (words := await exported(app, pilot)) and "written 3" in words
    edited = vault / "2026-11-24.md"
    inside = edited.read_text(encoding="utf-8").replace("<!-- selftrust: end", "My own note.\n\n<!-- selftrust: end")
    edited.write_text(inside, encoding="utf-8")  # inside selftrust's part: an edit of ours
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_dialog(app, pilot)
        app.screen.query_one("#export-out").value = str(vault)
        await pilot.pause()
        await pilot.press("ctrl+s")
        text = await exported(app, pilot)
        assert "written 2, unchanged 2, skipped 1" in text  # 20 November and its week's note are new
        assert "Left alone because you edited them since: 2026-11-24.md" in text
    assert edited.read_text(encoding="utf-8") == inside


async def test_a_note_whose_markers_are_broken_is_named_and_left_alone(build, store, clock, tmp_path):
    seed(store, clock)
    vault = tmp_path / "vault"
    for attempt in range(2):
        app = build()
        async with app.run_test(size=(100, 30)) as pilot:
            await open_dialog(app, pilot)
            app.screen.query_one("#export-out").value = str(vault)
            await pilot.pause()
            await pilot.press("ctrl+s")
            text = await exported(app, pilot)
        if attempt == 0:
            broken = sorted(vault.iterdir())[0]
            mine = broken.read_text(encoding="utf-8").replace("<!-- selftrust: end -->\n", "") + "Mine.\n"
            broken.write_text(mine, encoding="utf-8")
    assert f"Left alone because selftrust's begin and end lines in them are gone or broken: {broken.name}" in text
    assert broken.read_text(encoding="utf-8") == mine


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
        assert f"as one document to {tmp_path / 'practice.md'}: written 1" in await exported(app, pilot)
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


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_everything_in_the_dialog_is_on_screen_with_its_keys_in_a_footer(build, store, clock, size):
    seed(store, clock)
    app = build()
    async with app.run_test(size=size) as pilot:
        await open_dialog(app, pilot)
        width, height = size
        box = app.screen.query_one("ExportDialog > Vertical")
        assert box.region.bottom <= height and box.region.right <= width, box.region
        for selector in ("#export-from", "#export-shape", "#export-out", "#export-go", "#export-cancel"):
            region = app.screen.query_one(selector).region
            # Inside the dialog's frame, not cut off by its edge: seen without scrolling.
            assert region.height > 0 and box.content_region.contains_region(region), (selector, region)
        # The keys on the screen's last line, as on every screen, below the dialog's frame.
        footer_region = app.screen.query_one("Footer").region
        assert footer_region.y == height - 1 and box.region.bottom <= footer_region.y, (footer_region, box.region)
        footer = " ".join(str(key.render()) for key in app.screen.query("FooterKey"))
        for words in ("⏎/^s Export", "esc Close", "f1 Help", "^q Quit"):
            assert words in " ".join(footer.split()), footer


async def test_enter_in_a_field_exports_and_f1_opens_help(build, store, clock, tmp_path):
    seed(store, clock)
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dialog(app, pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "Export" in screen_text(app) and "Close" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)  # back in the dialog, as it was
        app.screen.query_one("#export-out").focus()
        app.screen.query_one("#export-out").value = str(tmp_path / "vault")
        await pilot.press("enter")
        assert (await exported(app, pilot)).startswith("Exported 3 days and 2 weekly notes to")
    assert len(list((tmp_path / "vault").iterdir())) == 5


async def test_the_arrows_choose_one_document_and_enter_exports_it(build, store, clock, tmp_path):
    seed(store, clock)
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dialog(app, pilot)
        app.screen.query_one("#export-out").value = str(tmp_path / "practice.md")
        app.screen.query_one("#export-shape").focus()
        await pilot.press("down")
        await pilot.pause()
        assert "The first, as one document" in screen_text(app)
        await pilot.press("enter")
        assert "as one document to" in await exported(app, pilot)
    assert (tmp_path / "practice.md").is_file()


async def test_without_export_dir_the_folder_is_asked_for_and_nothing_is_guessed(store, clock, tmp_path, monkeypatch):
    from tui.app import make_app

    monkeypatch.setenv("HOME", str(tmp_path))
    seed(store, clock)
    settings = Settings(timezone=TZ, path=tmp_path / ".config" / "selftrust" / "config.toml")
    app = make_app(store=store, settings=settings, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dialog(app, pilot)
        assert app.screen.query_one("#export-out").value == ""
        text = " ".join(screen_text(app).split())
        assert 'set export_dir in ~/.config/selftrust/config.toml, like export_dir = "~/Notes/Self-trust"' in text
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Not exported yet: say where to" in screen_text(app)
        assert isinstance(app.screen, ExportDialog)
    assert list(tmp_path.iterdir()) == []  # no ~/Notes made on a guess


async def test_export_dir_fills_the_folder_and_in_the_demo_says_whose_folder_it_is(store, clock, tmp_path):
    from tui.app import make_app

    seed(store, clock)
    settings = dataclasses.replace(Settings(timezone=TZ), export_dir=tmp_path / "demo-export")
    app = make_app(store=store, settings=settings, clock=clock, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dialog(app, pilot)
        assert app.screen.query_one("#export-out").value == str(tmp_path / "demo-export")
        assert not app.screen.query_one("#export-hint").display
        await pilot.press("enter")  # on the first field: the form is done
        words = await exported(app, pilot)
        assert (
            words == "Exported 3 days and 2 weekly notes to the demo's own folder, gone when you quit: "
            "written 5, unchanged 0, skipped 0."
        )
    assert len(list((tmp_path / "demo-export").iterdir())) == 5


async def test_one_document_into_a_folder_is_a_file_there_named_for_its_days(build, store, clock, tmp_path):
    seed(store, clock)
    vault = tmp_path / "vault"
    vault.mkdir()
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dialog(app, pilot)
        app.screen.query_one("#export-out").value = str(vault)
        app.screen.query_one("#export-shape").focus()
        await pilot.press("down")
        await pilot.pause()
        assert "as one document, selftrust 2026-11-20 to 2026-11-26.md" in screen_text(app)
        await pilot.press("ctrl+s")
        words = await exported(app, pilot)
    assert words.startswith(f"Exported 3 days as one document to {vault / 'selftrust 2026-11-20 to 2026-11-26.md'}:")
    assert [p.name for p in vault.iterdir()] == ["selftrust 2026-11-20 to 2026-11-26.md"]


async def test_the_dialog_follows_the_settings_for_links_and_weekly_notes(store, clock, tmp_path):
    from tui.app import make_app

    seed(store, clock)
    settings = dataclasses.replace(Settings(timezone=TZ), export_links=False, export_weekly=False)
    app = make_app(store=store, settings=settings, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_dialog(app, pilot)
        app.screen.query_one("#export-out").value = str(tmp_path / "vault")
        await pilot.press("ctrl+s")
        assert (await exported(app, pilot)).startswith("Exported 3 days to")
    assert sorted(p.name for p in (tmp_path / "vault").iterdir()) == ["2026-11-20.md", "2026-11-24.md", "2026-11-26.md"]
    assert "[[" not in (tmp_path / "vault" / "2026-11-24.md").read_text(encoding="utf-8")
