"""Settings: a TOML file in the user config folder, every key optional, read once.

A bad value is reported with its key, the value and what is allowed; nothing starts on
a guess.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from data.daytime import DateError, minutes_into_day, parse_hhmm
from data.vocabulary import DEFAULT_AREAS, DEFAULT_PATTERNS, DEFAULT_PULLS, merge

APP_NAME = "selftrust"

# The app's own themes and Textual's built-in ones, by name, so a config can be checked
# without importing Textual. A test keeps this list in step with themes/ and Textual.
APP_THEMES: tuple[str, ...] = ("auto", "selftrust-dawn", "selftrust-dusk")
MORNING_THEME, EVENING_THEME = "selftrust-dawn", "selftrust-dusk"
TEXTUAL_THEMES: tuple[str, ...] = (
    "ansi-dark", "ansi-light", "atom-one-dark", "atom-one-light", "catppuccin-frappe",
    "catppuccin-latte", "catppuccin-macchiato", "catppuccin-mocha", "dracula", "flexoki",
    "gruvbox", "monokai", "nord", "rose-pine", "rose-pine-dawn", "rose-pine-moon",
    "solarized-dark", "solarized-light", "textual-dark", "textual-light", "tokyo-night",
)  # fmt: skip
THEME_NAMES: tuple[str, ...] = APP_THEMES + TEXTUAL_THEMES


class SettingsError(ValueError):
    """A settings file that cannot be used; the message names the key and what is allowed."""


@dataclass(frozen=True, slots=True)
class Settings:
    """The effective settings: the defaults, overridden by the file's keys."""

    journal: Path | None = None
    export_dir: Path | None = None
    export_pattern: str = "{date}.md"
    export_links: bool = True  # each day's file links the day before, the day after and its week
    export_weekly: bool = True  # a weekly note per week beside the days
    day_start: dt.time = dt.time(4, 0)
    midday_at: dt.time = dt.time(12, 30)
    evening_at: dt.time = dt.time(19, 0)
    timezone: str = "local"
    theme: str = "auto"
    areas: tuple[str, ...] = DEFAULT_AREAS
    pulls: tuple[str, ...] = DEFAULT_PULLS
    patterns: tuple[str, ...] = DEFAULT_PATTERNS
    backups: int = 14
    identity: Path | None = None  # an age identity file: an encrypted journal is sealed to it (no passphrase)
    path: Path | None = field(default=None, compare=False)


def default_config_path() -> Path:
    """Where the settings file lives unless told otherwise."""
    import platformdirs

    return platformdirs.user_config_path(APP_NAME) / "config.toml"


def default_journal_path() -> Path:
    """Where the journal lives unless told otherwise."""
    import platformdirs

    return platformdirs.user_data_path(APP_NAME) / "journal.json"


def config_path(given: str | None = None) -> Path:
    """The settings file: --config > SELFTRUST_CONFIG > the user config folder."""
    chosen = given or os.environ.get("SELFTRUST_CONFIG")
    return Path(chosen).expanduser() if chosen else default_config_path()


def journal_path(settings: Settings, given: str | None = None) -> Path:
    """The journal: --db > SELFTRUST_DB > `journal` in the settings > the user data folder."""
    chosen = given or os.environ.get("SELFTRUST_DB")
    if chosen:
        return Path(chosen).expanduser()
    return settings.journal or default_journal_path()


def load_settings(path: Path) -> Settings:
    """Read the settings file at PATH; a missing file gives the defaults."""
    from data.journal_file import NotAFile, read_regular

    try:
        raw, _info = read_regular(path)  # a named pipe put there is refused at once, never waited on
    except FileNotFoundError:
        return Settings(path=path)
    except NotAFile as error:
        raise SettingsError(
            f"the settings file {path} is {error.kind}, not a file; point --config at a TOML file"
        ) from None
    except OSError as error:
        raise SettingsError(f"cannot read the settings file {path}: {error.strerror}") from None
    import tomllib  # only when there is a file: most starts have none, and need not pay its import

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise SettingsError(f"the settings file {path} is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(f"the settings file {path} is not valid TOML: {error}") from None
    return settings_from(data, path)


def _text(key: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise SettingsError(f"{key} = {value!r}: expected some text in quotes")
    return value


def _time(key: str, value: Any) -> dt.time:
    # Any wrong value, a bare TOML number or time included, gets the same helpful answer.
    if isinstance(value, str):
        try:
            return parse_hhmm(value)
        except DateError:
            pass
    raise SettingsError(f'{key} = {value!r}: expected a time in quotes, like "04:00" (00:00 to 23:59)')


def _names(key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise SettingsError(f'{key} = {value!r}: expected a list of names, like ["one", "two"]')
    return tuple(" ".join(v.split()) for v in value)


def _timezone(key: str, value: Any) -> str:
    name = _text(key, value)
    if name == "local":
        return name
    from zoneinfo import ZoneInfo  # what pendulum's zones are made of, without its import cost at start

    try:
        ZoneInfo(name)
    except (LookupError, ValueError, OSError):  # unknown, malformed (a path), or unreadable
        raise SettingsError(f'{key} = {value!r}: expected "local" or an IANA name like "Europe/Berlin"') from None
    return name


def settings_from(data: dict[str, Any], path: Path | None = None) -> Settings:
    """Validate the parsed TOML DATA into Settings."""
    known = set(Settings.__dataclass_fields__) - {"path"}
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in known:
            allowed = ", ".join(sorted(known))
            raise SettingsError(f"unknown setting {key!r}; the settings are: {allowed}")
        if key in ("journal", "export_dir", "identity"):
            values[key] = Path(_text(key, value)).expanduser()
        elif key == "export_pattern":
            pattern = _text(key, value)
            if "{date}" not in pattern:
                raise SettingsError(f'{key} = {value!r}: the pattern needs {{date}}, like "{{date}}.md"')
            values[key] = pattern
        elif key in ("day_start", "midday_at", "evening_at"):
            values[key] = _time(key, value)
        elif key == "timezone":
            values[key] = _timezone(key, value)
        elif key == "theme":
            if value not in THEME_NAMES:
                raise SettingsError(f"{key} = {value!r}: expected one of {', '.join(THEME_NAMES)}")
            values[key] = value
        elif key == "areas":
            areas = _names(key, value)
            if not areas:
                raise SettingsError(f"{key} = []: expected at least one area")
            values[key] = merge((), areas)
        elif key in ("pulls", "patterns"):
            defaults = DEFAULT_PULLS if key == "pulls" else DEFAULT_PATTERNS
            values[key] = merge(defaults, _names(key, value))
        elif key in ("export_links", "export_weekly"):
            if not isinstance(value, bool):
                raise SettingsError(f"{key} = {value!r}: expected true or false (without quotes)")
            values[key] = value
        elif key == "backups":
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 365:
                raise SettingsError(f"{key} = {value!r}: expected a whole number from 0 to 365")
            values[key] = value
    settings = Settings(path=path, **values)
    # All three lie within one logical day, measured from its start.
    since_start = [
        minutes_into_day(t.hour, t.minute, settings.day_start)
        for t in (settings.day_start, settings.midday_at, settings.evening_at)
    ]
    if not since_start[0] < since_start[1] < since_start[2]:
        raise SettingsError(
            f"day_start {settings.day_start:%H:%M}, midday_at {settings.midday_at:%H:%M} and "
            f"evening_at {settings.evening_at:%H:%M} must come in that order within one day"
        )
    return settings


def theme_for(settings: Settings, hour: int, minute: int) -> str:
    """The theme to show at this wall-clock time: the chosen one, or for `auto` dawn by day, dusk at night."""
    if settings.theme != "auto":
        return settings.theme
    evening = minutes_into_day(settings.evening_at.hour, settings.evening_at.minute, settings.day_start)
    return MORNING_THEME if minutes_into_day(hour, minute, settings.day_start) < evening else EVENING_THEME


def save_theme(path: Path, name: str) -> None:
    """Remember the theme in the settings file, keeping the user's comments and layout."""
    import tomlkit

    from data.files import private_folder, write_atomic
    from data.journal_file import read_regular

    if name not in THEME_NAMES:
        raise SettingsError(f"theme = {name!r}: expected one of {', '.join(THEME_NAMES)}")
    try:
        try:
            document = tomlkit.parse(read_regular(path)[0].decode("utf-8"))
        except FileNotFoundError:
            document = tomlkit.document()
    except (OSError, UnicodeDecodeError, tomlkit.exceptions.ParseError) as error:
        raise SettingsError(f"the settings file {path} cannot be updated: {error}") from None
    document["theme"] = name
    private_folder(path.parent)
    write_atomic(path, tomlkit.dumps(document).encode("utf-8"), sync=True)
