"""What the application holds while it runs: settings, the store handle, the IRI policy.

``store`` is the served generation through :class:`~marketgraph.graph.storehandle.GenerationHandle`: every reader
asks the handle, a middleware (api/app.py) refreshes it at the start of each request, and readers that cache
something built from the store subscribe to be told when a new generation is published.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyoxigraph as ox

from marketgraph.graph.iris import Iris
from marketgraph.graph.settings import Settings
from marketgraph.graph.storehandle import GenerationHandle

if TYPE_CHECKING:
    from marketgraph.graph.remote_read import RemoteHandle


@dataclass
class AppState:
    settings: Settings
    handle: "GenerationHandle | RemoteHandle"
    iris: Iris

    @classmethod
    def open(cls, settings: Settings) -> "AppState":
        iris = Iris(settings.base_iri)
        if settings.remote_query_url:   # a remote SPARQL server: no embedded store is opened (or needed)
            from marketgraph.graph.remote_read import RemoteHandle, RemoteReadStore

            remote = RemoteReadStore(settings.remote_query_url, settings.remote_store_url, settings.query_timeout)
            handle = RemoteHandle(remote, str(iris.catalog_graph))
        else:
            handle = GenerationHandle(settings.store)
        handle.refresh()   # no graph -> NoStoreError now, as before; an unreachable server -> RemoteUnavailable
        return cls(settings=settings, handle=handle, iris=iris)

    @property
    def remote(self) -> bool:
        return bool(self.settings.remote_query_url)

    @property
    def store(self) -> ox.Store:
        return self.handle.store

    def close(self) -> None:
        self.handle.close()
