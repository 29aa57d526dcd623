"""Settings: every key optional, every bad value named with its key and what is allowed."""

import datetime as dt

import pytest

from data.settings import Settings, SettingsError, config_path, journal_path, load_settings
from data.vocabulary import DEFAULT_AREAS, DEFAULT_PATTERNS, DEFAULT_PULLS


def write(tmp_path, text: str | bytes):
    path = tmp_path / "config.toml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_a_missing_file_gives_the_defaults(tmp_path):
    path = tmp_path / "nowhere" / "config.toml"
    settings = load_settings(path)
    assert settings == Settings()
    assert settings.path == path
    assert settings.day_start == dt.time(4, 0)
    assert settings.midday_at == dt.time(12, 30)
    assert settings.evening_at == dt.time(19, 0)
    assert settings.timezone == "local"
    assert settings.theme == "auto"
    assert settings.areas == ("Inner Foundation", "Relational Key")
    assert settings.pulls == DEFAULT_PULLS
    assert settings.patterns == DEFAULT_PATTERNS
    assert settings.export_pattern == "{date}.md"
    assert settings.backups == 14
    assert not path.exists()


def test_an_empty_file_gives_the_defaults(tmp_path):
    assert load_settings(write(tmp_path, "")) == Settings()


def test_every_documented_key_is_read(tmp_path):
    path = write(
        tmp_path,
        """
journal = "~/Sync/selftrust/journal.json"
export_dir = "~/Notes/Self-trust"
export_pattern = "{weekday} {date}.md"
day_start = "05:30"
midday_at = "13:00"
evening_at = "20:15"
timezone = "Europe/Berlin"
theme = "nord"
areas = ["Work", "Home"]
pulls = ["hurry"]
patterns = ["went quiet"]
backups = 3
""",
    )
    settings = load_settings(path)
    assert settings.journal is not None and settings.journal.name == "journal.json"
    assert "~" not in str(settings.journal)
    assert settings.export_dir is not None and settings.export_dir.name == "Self-trust"
    assert settings.export_pattern == "{weekday} {date}.md"
    assert (settings.day_start, settings.midday_at, settings.evening_at) == (
        dt.time(5, 30),
        dt.time(13, 0),
        dt.time(20, 15),
    )
    assert settings.timezone == "Europe/Berlin"
    assert settings.theme == "nord"
    assert settings.backups == 3


def test_pulls_and_patterns_extend_the_defaults_and_areas_replace_them(tmp_path):
    path = write(
        tmp_path,
        'areas = ["Work", "Home"]\npulls = ["hurry", "FEAR", "  being   liked "]\npatterns = ["went quiet"]\n',
    )
    settings = load_settings(path)
    assert settings.areas == ("Work", "Home")
    assert not set(DEFAULT_AREAS) & set(settings.areas)
    # The defaults come first; a repeat of a default (any case) is not added twice.
    assert settings.pulls == (*DEFAULT_PULLS, "hurry", "being liked")
    assert settings.patterns == (*DEFAULT_PATTERNS, "went quiet")


def test_an_evening_past_midnight_is_fine_when_the_day_starts_later(tmp_path):
    path = write(tmp_path, 'day_start = "06:00"\nmidday_at = "14:00"\nevening_at = "01:00"\n')
    assert load_settings(path).evening_at == dt.time(1, 0)


@pytest.mark.parametrize(
    ("toml", "must_name"),
    [
        ('colour = "blue"', ["colour", "day_start", "timezone"]),
        ("day_start = 4", ["day_start", "4", "04:00"]),
        ('day_start = "25:99"', ["day_start", "25:99", "04:00"]),
        ("day_start = 04:00:00", ["day_start", "in quotes", "04:00"]),
        ('midday_at = "noon"', ["midday_at", "noon"]),
        ('evening_at = "19:60"', ["evening_at", "19:60"]),
        ('theme = "sparkly"', ["theme", "sparkly", "nord", "auto"]),
        ('timezone = "Mars/Olympus_Mons"', ["timezone", "Mars/Olympus_Mons", "Europe/Berlin"]),
        ("timezone = 1", ["timezone", "1"]),
        ('areas = "Work"', ["areas", "Work", "list"]),
        ("areas = []", ["areas", "at least one"]),
        ('areas = ["Work", 3]', ["areas", "list"]),
        ('pulls = ["ok", ""]', ["pulls", "list"]),
        ('patterns = "said yes"', ["patterns", "said yes"]),
        ('backups = "14"', ["backups", "14", "0 to 365"]),
        ("backups = -1", ["backups", "-1"]),
        ("backups = true", ["backups", "True"]),
        ("backups = 1.5", ["backups", "1.5"]),
        ('journal = ""', ["journal"]),
        ("journal = 5", ["journal", "5"]),
        ('export_pattern = "notes.md"', ["export_pattern", "notes.md", "{date}"]),
        ('export_links = "yes"', ["export_links", "yes", "true or false"]),
        ("export_weekly = 1", ["export_weekly", "1", "true or false"]),
        ('day_start = "13:00"', ["day_start", "midday_at", "evening_at", "order"]),
        ('midday_at = "03:00"', ["day_start", "04:00", "midday_at", "03:00", "order"]),
        ('midday_at = "20:00"', ["midday_at", "20:00", "evening_at", "19:00", "order"]),
        ('evening_at = "12:00"', ["evening_at", "12:00", "order"]),
        ('[colors]\nmorning = "gold"', ["colors"]),
    ],
)
def test_a_bad_value_names_its_key_and_what_is_allowed(tmp_path, toml, must_name):
    with pytest.raises(SettingsError) as caught:
        load_settings(write(tmp_path, toml))
    message = str(caught.value)
    for word in must_name:
        assert word in message
    assert "\n" not in message


def test_a_file_that_is_not_toml_names_the_file(tmp_path):
    path = write(tmp_path, "day_start = 04:00:00:00\n[[[")
    with pytest.raises(SettingsError) as caught:
        load_settings(path)
    assert str(path) in str(caught.value)
    assert "TOML" in str(caught.value)


def test_a_file_that_is_not_utf8_names_the_file(tmp_path):
    path = write(tmp_path, b'theme = "\xff\xfe"\n')
    with pytest.raises(SettingsError) as caught:
        load_settings(path)
    assert str(path) in str(caught.value)
    assert "UTF-8" in str(caught.value)


def test_a_folder_where_the_file_should_be_is_reported(tmp_path):
    folder = tmp_path / "config.toml"
    folder.mkdir()
    with pytest.raises(SettingsError) as caught:
        load_settings(folder)
    assert str(folder) in str(caught.value)


def test_config_and_journal_paths_follow_flag_then_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("SELFTRUST_CONFIG", str(tmp_path / "env.toml"))
    monkeypatch.setenv("SELFTRUST_DB", str(tmp_path / "env.json"))
    assert config_path(str(tmp_path / "flag.toml")) == tmp_path / "flag.toml"
    assert config_path(None) == tmp_path / "env.toml"
    settings = Settings(journal=tmp_path / "settings.json")
    assert journal_path(settings, str(tmp_path / "flag.json")) == tmp_path / "flag.json"
    assert journal_path(settings, None) == tmp_path / "env.json"
    monkeypatch.delenv("SELFTRUST_DB")
    assert journal_path(settings, None) == tmp_path / "settings.json"
    monkeypatch.delenv("SELFTRUST_CONFIG")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    assert config_path(None) == tmp_path / "xdg-config" / "selftrust" / "config.toml"
    assert journal_path(Settings(), None) == tmp_path / "xdg-data" / "selftrust" / "journal.json"
