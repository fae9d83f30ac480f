"""Who may start a query now: per-client limits on requests in flight and on slow-lane queries, so one client
cannot take every worker. A client is its address as the server sees it (behind a proxy, the proxy's).
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from contextlib import contextmanager
from typing import Iterator


class TooMany(RuntimeError):
    def __init__(self, message: str):
        super().__init__(message)


class Admission:
    def __init__(self, per_client: int, slow_per_client: int):
        self.per_client, self.slow_per_client = max(1, per_client), max(1, slow_per_client)
        self._lock = threading.Lock()
        self._all: dict[str, int] = {}
        self._slow: dict[str, int] = {}

    @contextmanager
    def request(self, client: str) -> Iterator[None]:
        with self._lock:
            n = self._all.get(client, 0)
            if n >= self.per_client:
                raise TooMany(f"this address has {n} SPARQL requests in flight; the limit is {self.per_client} "
                              "(MARKETGRAPH_QUERY_CLIENT_LIMIT)")
            self._all[client] = n + 1
        try:
            yield
        finally:
            self._release(self._all, client)

    @contextmanager
    def slow(self, client: str) -> Iterator[None]:
        with self._lock:
            n = self._slow.get(client, 0)
            if n >= self.slow_per_client:
                raise TooMany(f"this address already runs {n} slow-lane queries; the limit is {self.slow_per_client} "
                              "(MARKETGRAPH_SLOW_QUERIES_PER_CLIENT). Anchor the query on an IRI or wait for the "
                              "other to finish")
            self._slow[client] = n + 1
        try:
            yield
        finally:
            self._release(self._slow, client)

    def _release(self, table: dict[str, int], client: str) -> None:
        with self._lock:
            n = table.get(client, 1) - 1
            if n <= 0:
                table.pop(client, None)
            else:
                table[client] = n


class SlowTexts:
    """Query texts that overran the quick lane once: the next time they go straight to the slow lane."""

    def __init__(self, size: int = 2048):
        self.size = size
        self._seen: "OrderedDict[str, None]" = OrderedDict()
        self._lock = threading.Lock()

    def add(self, text: str) -> None:
        with self._lock:
            self._seen[text] = None
            self._seen.move_to_end(text)
            while len(self._seen) > self.size:
                self._seen.popitem(last=False)

    def __contains__(self, text: str) -> bool:
        with self._lock:
            return text in self._seen
