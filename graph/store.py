"""Stores: the embedded Oxigraph store on disk (default) or any SPARQL 1.1 server (protocol + Graph Store Protocol).

Publishing is atomic. The embedded store path (``settings.store``) is a symbolic link to a generation directory
``<store>.generations/<stamp>``; a build writes a fresh generation and swaps the link with ``os.replace``, so a
reader never sees a half-written graph and the previous generation keeps serving until the swap. A remote store
gets one Graph Store Protocol ``PUT`` per named graph (each one atomic on the server).
"""
from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Protocol

import httpx
import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef


class StoreError(RuntimeError):
    pass


class NoStoreError(StoreError):
    """There is no built graph at the configured location."""


class GraphSink(Protocol):
    """Where a build publishes: one call per named graph, then ``commit``."""

    def put_graph(self, name: URIRef, graph: Graph) -> None: ...
    def commit(self) -> Path | str: ...
    def abort(self) -> None: ...


def _nt(graph: Graph) -> bytes:
    return graph.serialize(format="nt", encoding="utf-8")


def generations_dir(store: Path) -> Path:
    return store.with_name(store.name + ".generations")


def current_generation(store: Path) -> Path | None:
    """The directory the store link points to, or the store itself if it is a plain directory."""
    if store.is_symlink():
        target = store.resolve()
        return target if target.exists() else None
    if store.is_dir() and any(store.iterdir()):
        return store
    return None


class EmbeddedWriter:
    """Writes a new generation of the embedded store and publishes it atomically on ``commit``."""

    def __init__(self, store: Path):
        self.link = store
        gens = generations_dir(store)
        gens.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}-{time.monotonic_ns() % 10**6}"
        self.path = gens / stamp
        self.store = ox.Store(str(self.path))

    def put_graph(self, name: URIRef, graph: Graph) -> None:
        target = ox.NamedNode(str(name))
        self.store.remove_graph(target) if self.store.contains_named_graph(target) else None
        self.store.bulk_load(_nt(graph), format=ox.RdfFormat.N_TRIPLES, to_graph=target)

    def commit(self) -> Path:
        self.store.flush()
        self.store.optimize()
        del self.store
        if self.link.exists() and not self.link.is_symlink():
            # a plain directory from elsewhere: keep it as an old generation instead of deleting data
            aside = generations_dir(self.link) / f"adopted-{int(time.time())}"
            self.link.rename(aside)
        tmp = self.link.with_name(self.link.name + f".link-{os.getpid()}")
        if tmp.is_symlink() or tmp.exists():
            tmp.unlink()
        os.symlink(self.path, tmp)
        os.replace(tmp, self.link)
        prune_generations(self.link, keep=2)
        return self.path

    def abort(self) -> None:
        del self.store
        shutil.rmtree(self.path, ignore_errors=True)


def prune_generations(store: Path, keep: int = 2) -> None:
    gens = generations_dir(store)
    current = current_generation(store)
    olds = sorted((p for p in gens.iterdir() if p.is_dir() and p != current), key=lambda p: p.stat().st_mtime)
    for p in olds[: max(0, len(olds) - (keep - 1))]:
        shutil.rmtree(p, ignore_errors=True)


def open_read_only(store: Path) -> ox.Store:
    gen = current_generation(store)
    if gen is None:
        raise NoStoreError(f"no graph has been built at {store}; run `marketgraph build`")
    return ox.Store.read_only(str(gen))


@dataclass
class RemoteStore:
    """Any SPARQL 1.1 server: queries through the Protocol, graphs replaced through the Graph Store Protocol."""

    query_url: str
    update_url: str | None = None
    store_url: str | None = None
    timeout: float = 60.0

    def put_graph(self, name: URIRef, graph: Graph) -> None:
        if not self.store_url:
            raise StoreError("remote store has no Graph Store Protocol URL (MARKETGRAPH_REMOTE_STORE_URL)")
        r = httpx.put(self.store_url, params={"graph": str(name)}, content=_nt(graph),
                      headers={"Content-Type": "application/n-triples"}, timeout=self.timeout)
        if r.status_code >= 300:
            raise StoreError(f"PUT graph {name} -> {r.status_code}: {r.text[:300]}")

    def commit(self) -> str:
        return self.query_url

    def abort(self) -> None:  # graphs already PUT stay; each PUT was atomic
        return None

    def select(self, query: str) -> list[dict[str, str]]:
        r = httpx.post(self.query_url, data={"query": query},
                       headers={"Accept": "application/sparql-results+json"}, timeout=self.timeout)
        if r.status_code >= 300:
            raise StoreError(f"query -> {r.status_code}: {r.text[:300]}")
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
