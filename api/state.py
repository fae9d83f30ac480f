"""What the application holds while it runs: settings, the read-only store, the IRI policy."""
from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from marketgraph.graph.iris import Iris
from marketgraph.graph.settings import Settings
from marketgraph.graph.store import open_read_only


@dataclass
class AppState:
    settings: Settings
    store: ox.Store
    iris: Iris

    @classmethod
    def open(cls, settings: Settings) -> "AppState":
        return cls(settings=settings, store=open_read_only(settings.store), iris=Iris(settings.base_iri))

    def close(self) -> None:
        pass
