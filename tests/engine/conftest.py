"""Shared set-up for the engine tests: no database, no Odoo registry, real HTTP on 127.0.0.1.

The engines under ``addons/jiancai_base/engine`` are plain Python. They are imported through
``odoo.addons`` (so their relative imports behave as in production) by adding this
repository's ``addons`` folder to the namespace package path.
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

import odoo.addons

ADDONS_DIR = str(Path(__file__).resolve().parents[2] / "addons")
if ADDONS_DIR not in odoo.addons.__path__:
    odoo.addons.__path__.append(ADDONS_DIR)


@pytest.fixture(autouse=True)
def _no_proxy_for_localhost(monkeypatch):
    """A proxy set in the environment must not intercept the local test servers."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")


@dataclass
class RecordedRequest:
    method: str
    target: str  # path and query exactly as sent on the request line
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes

    @property
    def form(self) -> dict[str, str]:
        """The body as an ``application/x-www-form-urlencoded`` form (one value per key)."""
        return {k: v[0] for k, v in parse_qs(self.body.decode(), keep_blank_values=True).items()}

    @property
    def json(self):
        return json.loads(self.body or b"null")

    @property
    def raw(self) -> str:
        """Everything that went over the wire, decoded, to search for leaked secrets."""
        head = "\n".join(f"{k}: {v}" for k, v in self.headers.items())
        return f"{self.method} {self.target}\n{head}\n\n{self.body.decode(errors='replace')}"


# what a route answers: (status, payload); a dict/list payload is sent as JSON
Reply = tuple[int, object]
Route = Callable[[RecordedRequest], Reply] | list[Reply]


class RecordingServer:
    """A threaded HTTP server that records each request and answers from ``routes``.

    ``routes`` maps a path to either a callable ``(request) -> (status, payload)`` or a list
    of ``(status, payload)`` answered in turn (the last one repeats). Unknown paths get 404.
    """

    def __init__(self, routes: dict[str, Route]):
        self.routes = routes
        self.requests: list[RecordedRequest] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self):
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                request = RecordedRequest(
                    method=self.command,
                    target=self.path,
                    path=parts.path,
                    query={k: v[0] for k, v in parse_qs(parts.query).items()},
                    headers=dict(self.headers),
                    body=self.rfile.read(length) if length else b"",
                )
                with server._lock:
                    server.requests.append(request)
                    status, payload = server._reply(request)
                if isinstance(payload, bytes):
                    data, ctype = payload, "text/plain; charset=utf-8"
                elif isinstance(payload, str):
                    data, ctype = payload.encode(), "text/plain; charset=utf-8"
                else:
                    data, ctype = json.dumps(payload).encode(), "application/json"
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = _answer

            def log_message(self, *args):  # keep pytest output clean
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        # a short poll interval keeps shutdown() (run after each test) fast
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )
        self._thread.start()

    def _reply(self, request: RecordedRequest) -> Reply:
        route = self.routes.get(request.path)
        if route is None:
            return 404, {"error": f"no route for {request.path}"}
        if callable(route):
            return route(request)
        return route.pop(0) if len(route) > 1 else route[0]

    def hits(self, path: str) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path == path]

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(5)


@pytest.fixture
def http_server() -> Iterator[Callable[[dict[str, Route]], RecordingServer]]:
    """Factory: ``server = http_server({"/path": [(200, {...})]})``; stopped after the test."""
    servers: list[RecordingServer] = []

    def start(routes: dict[str, Route]) -> RecordingServer:
        server = RecordingServer(routes)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


@pytest.fixture
def closed_port() -> int:
    """A localhost port nothing listens on: connecting to it is refused at once."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return port
