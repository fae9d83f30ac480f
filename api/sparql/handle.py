"""The read-only store of the current generation, reopened when a build publishes a new one or an update lands.

Used by each query worker and by the app process's inline path. (The store's owner may later hand the serving side
a generation handle of its own; this class is the one place that would change.)
"""
from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Optional

import pyoxigraph as ox


class StoreHandle:
    def __init__(self, link: Path):
        self.link = link
        self.generation: Optional[Path] = None
        self.epoch = -1
        self.store: Optional[ox.Store] = None
        self.graphs: frozenset[str] = frozenset()
        self._target: Optional[str] = None
        self._lock = threading.Lock()

    def get(self, epoch: int) -> ox.Store:
        """The store for ``epoch`` (raises ``NoStoreError`` when nothing has been built). Per request this costs
        one ``readlink`` (a published generation is a symbolic link) or nothing (a plain directory)."""
        from marketgraph.graph.store import NoStoreError, current_generation

        if self.store is not None and epoch == self.epoch and self._same_target():
            return self.store
        gen = current_generation(self.link)
        if gen is None:
            raise NoStoreError(f"no graph has been built at {self.link}; run `marketgraph build`")
        with self._lock:
            if self.store is None or gen != self.generation or epoch != self.epoch:
                store = ox.Store.read_only(str(gen))
                self.graphs = frozenset(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
                self.store, self.generation, self.epoch = store, gen, epoch
                self._target = self._read_target()
            return self.store

    def ready(self, epoch: int) -> Optional[ox.Store]:
        """The open store if it is still the one to serve for ``epoch`` (one ``readlink``), else ``None``: opening
        a generation is left to :meth:`get`, off the event loop."""
        if self.store is not None and epoch == self.epoch and self._same_target():
            return self.store
        return None

    def _read_target(self) -> Optional[str]:
        try:
            return os.readlink(self.link)
        except OSError:  # not a link: a plain directory, which never switches generation
            return None

    def _same_target(self) -> bool:
        return self._read_target() == self._target
