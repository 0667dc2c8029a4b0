"""A real HTTP server on 127.0.0.1 that records what it receives and answers from a script.

Used by the Odoo tests of this module and by the engine tests (tests/engine) instead of
patching the HTTP client, so the tests exercise the real request code. Plain Python, no
Odoo import, so the engine tests load it without a database.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


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

    def __init__(self, routes: dict[str, Route] | None = None):
        self.routes = routes if routes is not None else {}
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

    def on(self, path: str, *replies: Reply) -> RecordingServer:
        """Answer ``path`` with ``replies`` in turn (the last one repeats)."""
        self.routes[path] = list(replies)
        return self

    def __enter__(self) -> RecordingServer:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def hits(self, path: str) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path == path]

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(5)
