"""Shared setup for the linked-data page, lookup and reconciliation tests: the fixture graph in a store,
an app over it, and a real uvicorn server on a loopback port (for the browser test)."""
from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pyoxigraph as ox
import uvicorn

from marketgraph.api.app import create_app
from marketgraph.graph.settings import Settings

FIXTURE = Path(__file__).parent / "fixtures" / "browse" / "store.trig"
BASE = "http://localhost:8000"


def fixture_store(folder: Path) -> Path:
    """Load tests/fixtures/browse/store.trig (regenerate with its make_store.py) into an on-disk store."""
    folder.mkdir(parents=True, exist_ok=True)
    store = ox.Store(str(folder))
    store.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    store.flush()
    del store
    return folder


def fixture_settings(folder: Path) -> Settings:
    return Settings(store=fixture_store(folder), base_iri=BASE)


def fixture_dataset() -> ox.Store:
    store = ox.Store()
    store.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    return store


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LoopbackServer:
    """uvicorn serving ``create_app(settings)`` on 127.0.0.1 in a background thread."""

    def __init__(self, settings: Settings):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "LoopbackServer":
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
