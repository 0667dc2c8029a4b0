"""Shared set-up for the engine tests: no database, no Odoo registry, real HTTP on 127.0.0.1.

The engines under ``addons/jiancai_base/engine`` are plain Python. They are imported through
``odoo.addons`` (so their relative imports behave as in production) by adding this
repository's ``addons`` folder to the namespace package path.
"""

from __future__ import annotations

import importlib.util
import socket
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

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


RECORDER = ADDONS_DIR + "/jiancai_base/tests/http_recorder.py"
_spec = importlib.util.spec_from_file_location("jiancai_http_recorder", RECORDER)
_recorder = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = _recorder  # dataclasses look their module up there
_spec.loader.exec_module(_recorder)
RecordedRequest = _recorder.RecordedRequest
RecordingServer = _recorder.RecordingServer
Route = _recorder.Route


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
