"""The layers stay honest: data never imports Textual; screens never import each other or the app; the shared pieces never import a screen."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_import_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint), "--config", str(ROOT / "pyproject.toml")], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 5 kept, 0 broken." in result.stdout


def test_the_capture_commands_never_load_textual_nor_age():
    # age (pyrage) and zstd load only for an encrypted journal: a plain one never pays for them
    code = "import sys, tui.cli, data.ritual; print(sorted(m for m in ('textual', 'pyrage', 'backports.zstd') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd="/")
    assert result.stdout.strip() == "[]", result.stderr


def test_theme_names_keep_in_step_with_textual():
    from textual.theme import BUILTIN_THEMES

    from data.settings import TEXTUAL_THEMES

    assert sorted(TEXTUAL_THEMES) == sorted(BUILTIN_THEMES)


def test_the_apps_own_theme_names_keep_in_step_with_themes():
    from data.settings import APP_THEMES, EVENING_THEME, MORNING_THEME
    from themes import THEMES

    assert sorted(name for name in APP_THEMES if name != "auto") == sorted(theme.name for theme in THEMES)
    assert {MORNING_THEME, EVENING_THEME} == {theme.name for theme in THEMES}
    assert [theme.dark for theme in THEMES if theme.name == MORNING_THEME] == [False]
