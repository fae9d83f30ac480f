"""Reading a remote SPARQL 1.1 server as if it were the embedded store: the part of ``pyoxigraph.Store`` the
application reads through (``query``, ``quads_for_pattern``, ``named_graphs``, ``contains_named_graph``, ``len``,
``dump``), each call one SPARQL 1.1 Protocol request (or a Graph Store Protocol GET for a dump).

Results come back in SPARQL JSON and are read by pyoxigraph's own parser, so callers get the same term and
solution objects as from the embedded store. The union of the named graphs is asked for with Oxigraph's
``union-default-graph`` parameter (`oxigraph serve`; other servers must make their default graph the union, e.g.
Fuseki's ``tdb2:unionDefaultGraph``). No state is kept here beyond an HTTP connection pool, so any number of
application processes can read one server (docs/decisions/2026-12-07-remote-serving.md).
"""
from __future__ import annotations

from typing import Iterator, Optional, Sequence, Union

import httpx
import pyoxigraph as ox

from .storeerrors import StoreError

JSON_RESULTS = "application/sparql-results+json"
Term = Union[ox.NamedNode, ox.BlankNode, ox.Literal, ox.Triple]
GraphArg = Union[ox.NamedNode, ox.BlankNode, ox.DefaultGraph, None]
CATALOG_KEY = "urn:marketgraph:catalogue"      # internal: the publisher's catalogue, as JSON
STAMP_KEY = "urn:marketgraph:generation"      # internal: the name of the generation last published
LOOKUP_KEY = "urn:marketgraph:lookup"         # internal: the lookup index's records (graph/lookupdata.py), as JSON


class RemoteUnavailable(StoreError):
    """The remote server could not be reached or answered with a server error."""


class RemoteQueryError(StoreError):
    """The remote server refused a query (4xx): its message is in the exception."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def _term(t) -> str:
    """A term as SPARQL text (pyoxigraph writes terms in N-Triples syntax, which SPARQL reads)."""
    return str(t)


class RemoteReadStore:
    """``pyoxigraph.Store``'s reading methods over the SPARQL 1.1 Protocol."""

    def __init__(self, query_url: str, store_url: Optional[str] = None, timeout: float = 30.0,
                 client: Optional[httpx.Client] = None):
        self.query_url = query_url
        self.store_url = store_url
        self.timeout = timeout
        self.client = client or httpx.Client(timeout=timeout, limits=httpx.Limits(max_keepalive_connections=32))

    # ------------------------------------------------------------------ the Protocol

    def request(self, text: str, accept: str, *, union: bool = False, default_graphs: Sequence[str] = (),
                named_graphs: Sequence[str] = (), timeout: Optional[float] = None) -> httpx.Response:
        """POST ``text`` (form-encoded, as the Protocol allows for any length); 4xx -> RemoteQueryError."""
        data: list[tuple[str, str]] = [("query", text)]
        data += [("default-graph-uri", g) for g in default_graphs]
        data += [("named-graph-uri", g) for g in named_graphs]
        params = {"union-default-graph": ""} if union and not default_graphs and not named_graphs else None
        try:
            r = self.client.post(self.query_url, data=dict(data) if len(data) == 1 else data, params=params,
                                 headers={"Accept": accept}, timeout=timeout or self.timeout)
        except httpx.TimeoutException:
            raise   # the caller answers "query timeout", not "unavailable"
        except httpx.HTTPError as err:
            raise RemoteUnavailable(f"the SPARQL server at {self.query_url} cannot be reached: {err}") from None
        if 400 <= r.status_code < 500:
            raise RemoteQueryError(r.status_code, r.text[:500])
        if r.status_code >= 300:
            raise RemoteUnavailable(f"the SPARQL server at {self.query_url} answered {r.status_code}: "
                                    f"{r.text[:300]}")
        return r

    # ------------------------------------------------------------------ what pyoxigraph.Store offers

    def query(self, query: str, *, use_default_graph_as_union: bool = False, base_iri: Optional[str] = None,
              prefixes: Optional[dict[str, str]] = None, default_graph=None, named_graphs=None, **_ignored):
        """SELECT / ASK as pyoxigraph's QuerySolutions / QueryBoolean; CONSTRUCT / DESCRIBE as a list of triples."""
        head = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in (prefixes or {}).items())
        if base_iri:
            head = f"BASE <{base_iri}>\n" + head
        text = head + query
        dg = [g.value for g in (default_graph if isinstance(default_graph, list) else
                                [default_graph] if default_graph is not None else [])
              if isinstance(g, ox.NamedNode)]
        ng = [g.value for g in (named_graphs or []) if isinstance(g, ox.NamedNode)]
        accept = f"{JSON_RESULTS}, application/n-triples;q=0.9"
        r = self.request(text, accept, union=use_default_graph_as_union, default_graphs=dg, named_graphs=ng)
        ctype = r.headers.get("content-type", "").split(";")[0].strip()
        if ctype == "application/n-triples":
            return [ox.Triple(q.subject, q.predicate, q.object)
                    for q in ox.parse(r.content, format=ox.RdfFormat.N_TRIPLES)]
        return ox.parse_query_results(r.content, format=ox.QueryResultsFormat.JSON)

    def quads_for_pattern(self, subject=None, predicate=None, object=None, graph_name: GraphArg = None
                          ) -> Iterator[ox.Quad]:
        s = _term(subject) if subject is not None else "?s"
        p = _term(predicate) if predicate is not None else "?p"
        o = _term(object) if object is not None else "?o"
        pattern = f"{s} {p} {o} ."
        if isinstance(graph_name, ox.DefaultGraph):
            where = f"{{ {pattern} }}"
        elif graph_name is not None:
            where = f"{{ GRAPH {_term(graph_name)} {{ {pattern} }} }}"
        else:
            where = f"{{ {{ {pattern} }} UNION {{ GRAPH ?g {{ {pattern} }} }} }}"
        sols = self.query(f"SELECT * WHERE {where}")
        for row in sols:
            g = row["g"] if graph_name is None else graph_name
            yield ox.Quad(subject if subject is not None else row["s"],
                          predicate if predicate is not None else row["p"],
                          object if object is not None else row["o"],
                          g if g is not None else ox.DefaultGraph())

    def __iter__(self) -> Iterator[ox.Quad]:
        return self.quads_for_pattern()

    def named_graphs(self) -> Iterator[ox.NamedNode]:
        for row in self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"):   # Oxigraph lists graphs, no scan
            yield row["g"]

    def contains_named_graph(self, graph) -> bool:
        return bool(self.query(f"ASK {{ GRAPH {_term(graph)} {{ ?s ?p ?o }} }}"))

    def __len__(self) -> int:
        sols = self.query("SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }")
        return int(next(iter(sols))["n"].value)

    def dump(self, output=None, format: ox.RdfFormat = ox.RdfFormat.N_QUADS, *, from_graph=None, **_ignored):
        """The dataset (or one graph) as N-Quads / N-Triples bytes, by a Graph Store Protocol GET (Oxigraph serves
        the whole dataset at the store URL without a graph parameter)."""
        if not self.store_url:
            raise StoreError("the remote store has no Graph Store Protocol URL (MARKETGRAPH_REMOTE_STORE_URL)")
        params = {"graph": from_graph.value} if isinstance(from_graph, ox.NamedNode) else None
        try:
            r = self.client.get(self.store_url, params=params, headers={"Accept": format.media_type})
        except httpx.HTTPError as err:
            raise RemoteUnavailable(f"the Graph Store at {self.store_url} cannot be reached: {err}") from None
        if r.status_code >= 300:
            raise RemoteUnavailable(f"GET {self.store_url} -> {r.status_code}: {r.text[:300]}")
        if output is None:
            return r.content
        with open(output, "wb") as fh:
            fh.write(r.content)
        return None

    # ------------------------------------------------------------------ publishing marks

    def catalogue(self, graph: str) -> Optional[str]:
        """The catalogue (JSON text) the last build published to graph ``graph`` (graph/publish.py), or None."""
        sols = self.query(f"SELECT ?c WHERE {{ GRAPH <{graph}> {{ ?x <{CATALOG_KEY}> ?c }} }} LIMIT 1")
        for row in sols:
            return row["c"].value
        return None

    def catalogue_and_lookup(self, graph: str) -> tuple[Optional[str], Optional[bytes]]:
        """The catalogue and the lookup records published with it, read in one query (so from one state of the
        graph, which each publication replaces whole): ``(None, None)`` before any build, no records from a
        publisher that kept none."""
        sols = self.query(f"SELECT ?c ?l WHERE {{ GRAPH <{graph}> {{ ?x <{CATALOG_KEY}> ?c "
                          f"OPTIONAL {{ ?x <{LOOKUP_KEY}> ?l }} }} }} LIMIT 1")
        for row in sols:
            records = row["l"]
            return row["c"].value, records.value.encode("utf-8") if records is not None else None
        return None, None

    def close(self) -> None:
        self.client.close()


class RemoteSnapshot:
    """What a subscriber is told on a switch (the embedded handle's Snapshot has the same fields)."""

    def __init__(self, store: RemoteReadStore, epoch: int, stamp: Optional[str]):
        self.path = None
        self.store = store
        self.epoch = epoch
        self.stamp = stamp


class RemoteHandle:
    """``storehandle.GenerationHandle`` for a remote server: the same ``store`` / ``refresh`` / ``subscribe``.

    ``refresh`` asks the server, at most every ``poll`` seconds, which generation a build last published (a stamp
    in the catalogue graph) and tells subscribers when it changed, so caches built from the data (lookup index,
    home page) follow publications made by any build, whichever process serves."""

    def __init__(self, store: RemoteReadStore, catalog_graph: str, poll: float = 1.0):
        import threading

        self._store = store
        self.catalog_graph = catalog_graph
        self.poll = poll
        self._lock = threading.Lock()
        self._checked = float("-inf")
        self._stamp: Optional[str] = None
        self._epoch = 0
        self._subscribers: list = []
        self._snap = RemoteSnapshot(store, 0, None)

    @property
    def store(self) -> RemoteReadStore:
        return self._store

    @property
    def snapshot(self) -> RemoteSnapshot:
        return self._snap

    @property
    def epoch(self) -> int:
        return self._epoch

    def subscribe(self, fn) -> None:
        self._subscribers.append(fn)

    def stamp(self) -> Optional[str]:
        sols = self._store.query(f"SELECT ?v WHERE {{ GRAPH <{self.catalog_graph}> {{ ?x <{STAMP_KEY}> ?v }} }}")
        for row in sols:
            return row["v"].value
        return None

    def refresh(self) -> RemoteSnapshot:
        import time

        now = time.monotonic()
        if now - self._checked < self.poll:
            return self._snap
        with self._lock:
            if now - self._checked < self.poll:
                return self._snap
            stamp = self.stamp()
            self._checked = time.monotonic()
            if stamp == self._stamp:
                return self._snap
            self._stamp = stamp
            self._epoch += 1
            self._snap = RemoteSnapshot(self._store, self._epoch, stamp)
            snap = self._snap
        for fn in list(self._subscribers):
            try:
                fn(snap)
            except Exception:   # one subscriber's failure must not stop the others
                import logging

                logging.getLogger(__name__).exception("generation subscriber failed")
        return snap

    def close(self) -> None:
        self._store.close()
