"""What the application holds while it runs: settings, the store handle, the IRI policy.

``store`` is the served generation through :class:`~marketgraph.graph.storehandle.GenerationHandle`: every reader
asks the handle, a middleware (api/app.py) refreshes it at the start of each request, and readers that cache
something built from the store subscribe to be told when a new generation is published.
"""
from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from marketgraph.graph.iris import Iris
from marketgraph.graph.settings import Settings
from marketgraph.graph.storehandle import GenerationHandle


@dataclass
class AppState:
    settings: Settings
    handle: GenerationHandle
    iris: Iris

    @classmethod
    def open(cls, settings: Settings) -> "AppState":
        handle = GenerationHandle(settings.store)
        handle.refresh()   # no graph -> NoStoreError now, as before
        return cls(settings=settings, handle=handle, iris=Iris(settings.base_iri))

    @property
    def store(self) -> ox.Store:
        return self.handle.store

    def close(self) -> None:
        self.handle.close()
