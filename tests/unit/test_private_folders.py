"""Folders selftrust makes are readable by the user only, whatever the umask; a pipe where a cache belongs is passed over."""

from __future__ import annotations

import os
import stat
import threading

import pendulum
import pytest

from data.files import private_folder
from data.journal_file import year_path
from data.settings import load_settings, save_theme
from data.store import JournalError, Store

NOW = pendulum.datetime(2026, 11, 27, 9, tz="Europe/Berlin")


@pytest.fixture
def open_umask():
    before = os.umask(0o000)
    yield
    os.umask(before)


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_settings_folders_made_to_remember_a_theme_are_private(tmp_path, open_umask):
    config = tmp_path / "config" / "selftrust" / "config.toml"
    save_theme(config, "nord")
    assert mode(tmp_path / "config") == 0o700 and mode(config.parent) == 0o700
    assert load_settings(config).theme == "nord"


def test_private_folder_leaves_existing_folders_as_they_are(tmp_path, open_umask):
    (tmp_path / "shared").mkdir(mode=0o755)
    private_folder(tmp_path / "shared" / "a" / "b")
    assert mode(tmp_path / "shared") == 0o755
    assert mode(tmp_path / "shared" / "a") == 0o700 and mode(tmp_path / "shared" / "a" / "b") == 0o700


def test_a_pipe_where_a_year_belongs_is_refused_not_waited_on(tmp_path):
    path = tmp_path / "journal.json"
    store = Store(path)
    store.add_decision(NOW, "2025-11-27", "Stay with it", "Inner Foundation")
    store.add_decision(NOW, "2026-11-27", "Stay with it again", "Inner Foundation")
    year_path(path, "2025").unlink()
    os.mkfifo(year_path(path, "2025"))
    found: list[object] = []

    def read_every_year() -> None:
        try:
            found.append(Store(path).all_decisions())
        except JournalError as error:
            found.append(error)

    reader = threading.Thread(target=read_every_year, daemon=True)
    reader.start()
    reader.join(10)  # a store that waited on the pipe would still be reading
    assert found and isinstance(found[0], JournalError) and "named pipe" in str(found[0])
    assert [d.text for d in Store(path).decisions_on("2026-11-27")] == ["Stay with it again"]
