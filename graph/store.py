"""Stores: the embedded Oxigraph store on disk (default) or any SPARQL 1.1 server (protocol + Graph Store Protocol).

Publishing is atomic. The embedded store path (``settings.store``) is a symbolic link to a generation directory
``<store>.generations/<stamp>`` (graph/generations.py: layout, publishing, pruning; graph/storehandle.py: the
readers' handle; graph/writelock.py: one writer at a time). A remote store gets one Graph Store Protocol ``PUT``
per named graph (each one atomic on the server).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Protocol

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef

from .generations import current_generation, generations_dir, open_read_only
from .storeerrors import NoStoreError, StoreBusy, StoreError

if TYPE_CHECKING:   # httpx (and the click and rich its command line pulls in) only for a remote store
    import httpx

__all__ = ["GraphSink", "EmbeddedWriter", "RemoteStore", "StoreError", "NoStoreError", "StoreBusy",
           "current_generation", "generations_dir", "open_read_only", "dataset_from_store"]


class GraphSink(Protocol):
    """Where a build publishes: one call per named graph, then ``commit``."""

    def put_graph(self, name: URIRef, graph: Graph) -> None: ...
    def commit(self) -> Path | str: ...
    def abort(self) -> None: ...


def _nt(graph: Graph) -> bytes:
    return graph.serialize(format="nt", encoding="utf-8")


class EmbeddedWriter:
    """Publishes a whole new generation of the embedded store from named graphs (fixtures, tools).

    It holds the writer lock from creation to ``commit``/``abort`` and starts from an empty generation; the
    incremental publisher (graph/publish.py) is what `build` and `add` use."""

    def __init__(self, store: Path, wait: float = 30.0):
        from .generations import GenerationWriter, clean_unfinished
        from .writelock import WriterLock

        self.link = store
        self.lock = WriterLock(store, wait).__enter__()
        try:
            clean_unfinished(store)
            self.writer = GenerationWriter.begin(store, None)
        except BaseException:
            self.lock.__exit__(None, None, None)
            raise
        self.path = self.writer.path

    def put_graph(self, name: URIRef, graph: Graph) -> None:
        target = ox.NamedNode(str(name))
        self.writer.store.remove_graph(target) if self.writer.store.contains_named_graph(target) else None
        self.writer.store.bulk_load(_nt(graph), format=ox.RdfFormat.N_TRIPLES, to_graph=target)

    def commit(self) -> Path:
        from .catalog import Catalog

        try:
            self.path = self.writer.commit(Catalog(), optimize=True)
        finally:
            self.lock.__exit__(None, None, None)
        return self.path

    def abort(self) -> None:
        try:
            self.writer.abort()
        finally:
            self.lock.__exit__(None, None, None)


@dataclass
class RemoteStore:
    """Any SPARQL 1.1 server: queries through the Protocol, graphs replaced through the Graph Store Protocol."""

    query_url: str
    update_url: str | None = None
    store_url: str | None = None
    timeout: float = 60.0

    def _gsp(self) -> str:
        if not self.store_url:
            raise StoreError("remote store has no Graph Store Protocol URL (MARKETGRAPH_REMOTE_STORE_URL)")
        return self.store_url

    def put_graph(self, name: URIRef, graph: Graph) -> None:
        self.put_nt(str(name), _nt(graph))

    def put_nt(self, name: str, nt: bytes) -> None:
        """Replace graph ``name`` with the N-Triples ``nt`` (one atomic Graph Store Protocol PUT)."""
        import httpx

        try:
            r = httpx.put(self._gsp(), params={"graph": name}, content=nt,
                          headers={"Content-Type": "application/n-triples"}, timeout=self.timeout)
        except httpx.HTTPError as err:
            raise StoreError(f"PUT graph {name} to {self.store_url}: {err}") from None
        if r.status_code >= 300:
            raise StoreError(f"PUT graph {name} -> {r.status_code}: {r.text[:300]}")

    def delete_graph(self, name: str) -> None:
        """Drop graph ``name`` (Graph Store Protocol DELETE; a graph the server does not have is not an error)."""
        import httpx

        try:
            r = httpx.delete(self._gsp(), params={"graph": name}, timeout=self.timeout)
        except httpx.HTTPError as err:
            raise StoreError(f"DELETE graph {name} at {self.store_url}: {err}") from None
        if r.status_code >= 300 and r.status_code != 404:
            raise StoreError(f"DELETE graph {name} -> {r.status_code}: {r.text[:300]}")

    def commit(self) -> str:
        return self.query_url

    def abort(self) -> None:  # graphs already PUT stay; each PUT was atomic
        return None

    def has_graph(self, name: str) -> bool:
        r = self._post_query(f"ASK {{ GRAPH <{name}> {{ ?s ?p ?o }} }}", "application/sparql-results+json")
        return bool(r.json().get("boolean"))

    def _post_query(self, query: str, accept: str) -> httpx.Response:
        import httpx

        try:
            r = httpx.post(self.query_url, data={"query": query}, headers={"Accept": accept}, timeout=self.timeout)
        except httpx.HTTPError as err:
            raise StoreError(f"query at {self.query_url}: {err}") from None
        if r.status_code >= 300:
            raise StoreError(f"query -> {r.status_code}: {r.text[:300]}")
        return r

    def select(self, query: str) -> list[dict[str, str]]:
        r = self._post_query(query, "application/sparql-results+json")
        out = []
        for b in r.json()["results"]["bindings"]:
            out.append({k: v["value"] for k, v in b.items()})
        return out


def dataset_from_store(store: ox.Store, graphs: Iterable[URIRef] | None = None) -> Dataset:
    """Copy (some) named graphs of an Oxigraph store into an rdflib Dataset (for dumps and tests)."""
    ds = Dataset()
    buf = store.dump(format=ox.RdfFormat.N_QUADS)
    ds.parse(data=buf.decode("utf-8"), format="nquads")
    if graphs is not None:
        keep = {str(g) for g in graphs}
        for ctx in list(ds.contexts()):
            if str(ctx.identifier) not in keep:
                ds.remove_graph(ctx)
    return ds
