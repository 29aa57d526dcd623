"""`selftrust serve`, installed and run as a person does: the app in headless Chromium, and the token's door.

One server for the module (a temp journal, the clock fixed in Berlin) and one browser
session. Chromium is Debian's (.ci/run installs it), driven by Playwright without a
browser download of its own. Every wait is budgeted by time.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import find_selftrust

DECISION = "Ask for the Friday off — plainly ✓"
ESCAPES = re.compile(rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|[=>78])")


@dataclass
class Served:
    """A running `selftrust serve`: its printed address and the journal it writes."""

    url: str
    port: int
    token: str
    journal: Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def env_for(tmp: Path) -> dict[str, str]:
    home = tmp / "home"
    home.mkdir(exist_ok=True)
    config = tmp / "config.toml"
    config.write_text('timezone = "Europe/Berlin"\n', encoding="utf-8")
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "SELFTRUST_DB": str(tmp / "journal.json"),
        "SELFTRUST_CONFIG": str(config),
        "SELFTRUST_NOW": "2026-11-27T09:15:00",
        "LANG": "C.UTF-8",
    }


def first_line(stream, timeout: float) -> str:
    """The first line STREAM gives within TIMEOUT seconds ('' if none)."""
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.append(stream.readline()), daemon=True)
    reader.start()
    reader.join(timeout)
    return lines[0] if lines else ""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    tmp = tmp_path_factory.mktemp("serve")
    env = env_for(tmp)
    # Given as options, not in the environment the tabs inherit: serve must hand them on itself.
    journal, config = env.pop("SELFTRUST_DB"), env.pop("SELFTRUST_CONFIG")
    port = free_port()
    server = subprocess.Popen(
        [find_selftrust(), "--db", journal, "--config", config, "serve", "--port", str(port)],
        env=env,
        cwd=tmp,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        line = first_line(server.stdout, timeout=30)
        found = re.search(r"http://127\.0\.0\.1:(\d+)/\?token=([\w-]+)", line)
        if found is None:
            server.kill()
            _, err = server.communicate(timeout=10)
            pytest.fail(f"selftrust serve printed no address: {line!r} {err!r}", pytrace=False)
        assert int(found[1]) == port
        yield Served(found[0], port, found[2], Path(journal))
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGINT)  # Ctrl+C, as a person stops it
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait(timeout=10)


def status(served: Served, path: str, headers: dict[str, str] | None = None) -> int:
    """The HTTP status the server gives PATH (with HEADERS)."""
    connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=10)
    try:
        connection.request("GET", path, headers=headers or {})
        return connection.getresponse().status
    finally:
        connection.close()


UPGRADE = {
    "Connection": "Upgrade",
    "Upgrade": "websocket",
    "Sec-WebSocket-Version": "13",
    "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
}


def test_nothing_is_served_without_the_token(served: Served) -> None:
    wrong = "x" + served.token[1:]
    cookie = f"selftrust-token-{served.port}"
    refused = {
        "the page, no token": status(served, "/"),
        "the page, a wrong token": status(served, f"/?token={wrong}"),
        "the page, an empty token": status(served, "/?token="),
        "a static file": status(served, "/static/js/textual.js"),
        "a download": status(served, "/download/anything"),
        "the websocket, no token": status(served, "/ws?width=80&height=24", UPGRADE),
        "the websocket, a wrong token": status(served, f"/ws?token={wrong}", UPGRADE),
        "the websocket, a wrong cookie": status(served, "/ws", {**UPGRADE, "Cookie": f"{cookie}={wrong}"}),
    }
    assert refused == dict.fromkeys(refused, 403)
    # The right token opens the door, so the refusals above are the token's doing.
    assert status(served, f"/?token={served.token}") == 200
    assert status(served, "/static/js/textual.js", {"Cookie": f"{cookie}={served.token}"}) == 200
    assert not served.journal.exists()  # nothing refused started an app that wrote


def chromium() -> str:
    found = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    if found is None:
        pytest.fail("chromium is not installed: this test needs it (apt-get install chromium)", pytrace=False)
    return found


def saved_texts(journal: Path) -> list[str]:
    try:
        saved = json.loads(journal.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):  # not there yet, or caught mid-save
        return []
    return [decision["text"] for decision in saved.get("decisions", {}).values()]


def test_a_decision_typed_in_the_browser_tab_is_kept_in_the_journal(served: Served) -> None:
    from playwright.sync_api import sync_playwright

    received = bytearray()

    def on_socket(websocket) -> None:
        def on_frame(payload: str | bytes) -> None:
            received.extend(payload if isinstance(payload, bytes) else payload.encode())

        websocket.on("framereceived", on_frame)

    def screen(since: int = 0) -> str:
        return ESCAPES.sub(b"", bytes(received[since:])).decode("utf-8", errors="replace")

    def wait_for(*texts: str, since: int = 0, timeout: float = 30.0) -> str:
        """What the tab got since byte SINCE, once it holds every one of TEXTS."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = screen(since)
            if all(text in shown for text in texts):
                return shown
            page.wait_for_timeout(50)  # Playwright delivers the frames while it waits, not in a plain sleep
        raise AssertionError(f"not seen in {timeout} s: {texts!r}; the tab got: {screen()[-2000:]!r}")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 700})
            page.on("websocket", on_socket)
            page.goto(served.url)
            wait_for("Friday 27 November 2026", "Due now: the morning decision")
            # textual.js marks the page once the terminal has drawn what came over the websocket.
            page.wait_for_selector("body.-first-byte", timeout=30_000)
            page.click("#terminal")  # the keyboard goes to the terminal, as when a person clicks into it

            # Today's own words (its hints) are in what came before: each wait reads only what came after the key.
            mark = len(received)
            page.keyboard.press("m")
            wait_for("Morning — Friday 27 November 2026", "The pull you expect", since=mark)
            # Textual redraws only what each key changed, so the whole text shows once it is set, not while typed.
            page.keyboard.type(DECISION)
            mark = len(received)
            page.keyboard.press("Control+s")
            wait_for("Decision 1 set", f"1. {DECISION}", since=mark)

            deadline = time.monotonic() + 30
            while DECISION not in saved_texts(served.journal) and time.monotonic() < deadline:
                time.sleep(0.05)
            assert saved_texts(served.journal) == [DECISION]
        finally:
            browser.close()


def test_what_cannot_be_served_says_so_in_one_line_and_another_host_warns(tmp_path: Path) -> None:
    env = env_for(tmp_path)
    bad = subprocess.run(
        [find_selftrust(), "serve", "--port", "eighty"], env=env, capture_output=True, text=True, timeout=30
    )
    assert (bad.returncode, bad.stdout) == (2, "")
    assert bad.stderr.splitlines() == [
        "selftrust serve: --port 'eighty' is not a port; use a whole number from 1 to 65535"
    ]

    journal = Path(env["SELFTRUST_DB"])
    damaged = b'{"schema_version": 5, "decisions": {'
    journal.write_bytes(damaged)
    unusable = subprocess.run(
        [find_selftrust(), "serve", "--port", str(free_port())], env=env, capture_output=True, text=True, timeout=30
    )
    assert (unusable.returncode, unusable.stdout) == (3, "")
    (line,) = unusable.stderr.splitlines()
    assert str(journal) in line and "damaged" in line
    assert journal.read_bytes() == damaged
    journal.unlink()

    with socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        port = taken.getsockname()[1]
        busy = subprocess.run(
            [find_selftrust(), "serve", "--host", "0.0.0.0", "--port", str(port)],
            env=env,
            capture_output=True,
            text=True,
            timeout=30,
        )
    lines = busy.stderr.splitlines()
    assert busy.returncode == 2, busy.stderr
    assert (
        lines[0] == "selftrust serve: listening on 0.0.0.0: anyone who can reach it with the token sees your journal."
    )
    assert len(lines) == 2 and f"port {port}" in lines[1] and "Traceback" not in busy.stderr
    assert "token=" not in busy.stdout  # no address is printed for a server that never started
