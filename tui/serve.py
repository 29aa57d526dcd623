"""`selftrust serve`: the same app in a browser tab, through textual-serve, behind a token.

textual-serve's Server runs one `selftrust` process per browser websocket and relays the
terminal over it. We add what a journal needs: the server listens on 127.0.0.1 unless
--host says otherwise, and every request (the page, its static files, the websocket, a
download) must carry a random token. The address printed holds it as `?token=`; the first
request with the right token gets it back as a cookie (HttpOnly, SameSite=Strict, named by
the port), so the page's own follow-up requests, which textual.js makes without the query,
carry it too, and a page on another site cannot open the websocket with it. Anything else
gets 403. Imported only by `selftrust serve`: a normal start never loads aiohttp.
"""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import logging
import secrets
import shlex
import signal
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

from aiohttp import web
from textual_serve.server import Server

from tui.cli_parser import UsageError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def parse_port(text: str) -> int:
    """The port --port names; anything but a whole number from 1 to 65535 is a usage error."""
    try:
        port = int(text.strip())
    except ValueError:
        port = 0
    if not 1 <= port <= 65535:
        raise UsageError(f"selftrust serve: --port {text!r} is not a port; use a whole number from 1 to 65535")
    return port


def is_loopback(host: str) -> bool:
    """Whether HOST is this machine only (127.0.0.1, ::1, localhost): nobody else can reach it."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def app_command(db: Path, config: Path) -> str:
    """The shell command textual-serve runs per tab: this selftrust, on the same journal and settings."""
    # -P: the server's working folder is not put on the path, so the installed packages are what runs.
    argv = [sys.executable, "-P", "-m", "tui.cli", "--db", str(db.resolve()), "--config", str(config.resolve())]
    return shlex.join(argv)


def address(host: str, port: int, token: str) -> str:
    """The address to open, token included."""
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/?token={token}"


class TokenServer(Server):
    """textual-serve's Server, refusing (403) every request that does not carry the token."""

    def __init__(self, command: str, *, host: str, port: int, token: str) -> None:
        super().__init__(command, host=host, port=port, title="selftrust")
        self.token = token
        self.cookie = f"selftrust-token-{port}"  # cookies are not kept apart by port: the name is

    def initialize_logging(self) -> None:
        """Only what went wrong, in plain lines on stderr (no banner, no line per request)."""
        logging.basicConfig(level=logging.WARNING, format="selftrust serve: %(message)s", stream=sys.stderr)

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self._guard)
        return app

    def _allowed(self, request: web.Request) -> bool:
        given = request.query.get("token")
        if given is None:
            given = request.cookies.get(self.cookie, "")
        return hmac.compare_digest(given.encode("utf-8"), self.token.encode("utf-8"))

    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if not self._allowed(request):
            raise web.HTTPForbidden(text="This address needs the token that selftrust serve printed.\n")
        response = await handler(request)
        if not response.prepared:  # a websocket has long been answered by the time its handler returns
            response.headers["Referrer-Policy"] = "no-referrer"  # the token never leaves in a Referer
            if "token" in request.query:
                response.set_cookie(self.cookie, self.token, path="/", httponly=True, samesite="Strict")
        return response

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        """The page, its static and websocket addresses pointing where the browser reached us."""
        # textual-serve builds them from public_url; with --host 0.0.0.0 that is no address a browser can use.
        self.public_url = f"http://{request.host}"
        return await super().handle_index(request)

    async def on_startup(self, app: web.Application) -> None:
        """Nothing: textual-serve's banner would print the address without the token, and before it listens."""

    def announce(self, *_: object) -> None:
        """Say where to open it, once the server listens."""
        print(f"selftrust serve: open {address(self.host, self.port, self.token)}", flush=True)
        print("Anyone with this address can use your journal: keep it to yourself. Ctrl+C stops.", flush=True)

    def serve(self, debug: bool = False) -> None:
        """textual-serve's serve(), with the address said once the port is bound (run_app's print hook)."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        loop.add_signal_handler(signal.SIGINT, self.request_exit)
        loop.add_signal_handler(signal.SIGTERM, self.request_exit)
        web.run_app(
            self._make_app(), host=self.host, port=self.port, handle_signals=False, loop=loop, print=self.announce
        )


def serve(*, host: str | None, port: str | None, db: Path, config: Path) -> int:
    """Serve the app on HOST:PORT until Ctrl+C; returns the exit code."""
    number = DEFAULT_PORT if port is None else parse_port(port)
    if host is not None and not host.strip():
        raise UsageError("selftrust serve: --host is empty; leave it out to stay on 127.0.0.1")
    if host is not None and not is_loopback(host):
        print(
            f"selftrust serve: listening on {host}: anyone who can reach it with the token sees your journal.",
            file=sys.stderr,
        )
    server = TokenServer(
        app_command(db, config), host=host or DEFAULT_HOST, port=number, token=secrets.token_urlsafe(24)
    )
    try:
        server.serve()
    except OSError as error:
        raise UsageError(
            f"selftrust serve: cannot listen on {host or DEFAULT_HOST} port {number}: {error.strerror or error}"
        ) from None
    return 0
