"""Shared set-up for the engine tests: no database, no Odoo registry, real HTTP on 127.0.0.1.

The ``engine/`` packages under ``addons/jiancai_*`` are plain Python. They are imported by file
path as ``jiancai_addons.<addon>.engine`` (see ``engine_loader.py``), without Odoo: importing
``odoo.addons.<addon>`` would run the addon's ``__init__.py`` and load the ORM.
"""

from __future__ import annotations

import importlib.util
import socket
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ADDONS_DIR = str(HERE.parents[1] / "addons")


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


engine_loader = _load("jiancai_engine_loader", HERE / "engine_loader.py")
engine_loader.install()


@pytest.fixture(autouse=True)
def _no_proxy_for_localhost(monkeypatch):
    """A proxy set in the environment must not intercept the local test servers."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")


RECORDER = ADDONS_DIR + "/jiancai_base/tests/http_recorder.py"
_recorder = _load("jiancai_http_recorder", Path(RECORDER))
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
