"""A real HTTP server on 127.0.0.1 that records what it receives and answers from a script.

Used instead of patching the HTTP client, so the tests exercise the real request code.
"""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class RecordedRequest:
    def __init__(self, method, path, query, headers, body):
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body

    @property
    def form(self):
        return {k: v[0] for k, v in parse_qs(self.body.decode()).items()}

    @property
    def json(self):
        return json.loads(self.body or b"{}")


class RecordingServer:
    """``with RecordingServer() as server: server.url ...``

    ``server.replies`` maps a path to a list of (status, body) answered in turn (the last
    one repeats); ``server.requests`` lists what came in.
    """

    def __init__(self, replies=None):
        self.replies = replies or {}
        self.requests = []
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self):
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                recorder.requests.append(
                    RecordedRequest(
                        self.command,
                        parts.path,
                        {k: v[0] for k, v in parse_qs(parts.query).items()},
                        dict(self.headers),
                        body,
                    )
                )
                script = recorder.replies.get(parts.path) or [(404, {"error": "no reply"})]
                status, payload = script.pop(0) if len(script) > 1 else script[0]
                data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = _answer

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)

    def on(self, path, *replies):
        self.replies[path] = list(replies)
        return self
