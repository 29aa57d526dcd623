"""`selftrust serve` costs a normal start nothing: the web server loads only for that command."""

from __future__ import annotations

import subprocess
import sys


def test_a_normal_start_never_loads_the_web_server():
    # Everything the app's own start imports, screens included; the web pieces must not come with it.
    code = (
        "import sys, tui.cli, tui.app, screens.today, screens.morning; "
        "print(sorted(m for m in ('textual_serve', 'aiohttp', 'tui.serve') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd="/", timeout=60)
    assert result.stdout.strip() == "[]", result.stdout + result.stderr
