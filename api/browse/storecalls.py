"""Instrumentation for measuring a page's work in store calls rather than seconds: a store wrapper that counts the
queries and pattern lookups that reach the engine.

The app never uses it. It is here so that the test of a page's store calls (tests/test_pages_store_calls.py) and the
page benchmark (benchmarks/pages/run.py) count with one and the same wrapper: wrap the store, hand the wrapper to
``GraphView`` in its place, set ``calls`` to 0 before the work to count and read it after.
"""
from __future__ import annotations

import pyoxigraph as ox


class CountingStore:
    """The store as the pages use it, counting the calls that reach the engine."""

    def __init__(self, store: ox.Store):
        self.store, self.calls = store, 0

    def query(self, *args, **kwargs):
        self.calls += 1
        return self.store.query(*args, **kwargs)

    def quads_for_pattern(self, *args):
        self.calls += 1
        return self.store.quads_for_pattern(*args)

    def __len__(self) -> int:
        return len(self.store)
