"""Served from a remote SPARQL server (MARKETGRAPH_REMOTE_*), the application has no records file beside a
generation: the publication puts the lookup records in the server's catalogue graph, next to the catalogue whose
stamp (size, SHA-256) describes them, and the app loads them with the catalogue instead of scanning the server
(issue 12). Records that do not match the stamp, or a catalogue graph without them, are never used: the app then
indexes the server as before. Against a real `oxigraph serve` on loopback."""
from __future__ import annotations

import threading
import time

import httpx
import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from conftest import launch_oxigraph
from ingest_support import press_release
from marketgraph.api.app import create_app
from marketgraph.api.browse.context import browse
from marketgraph.api.browse.lookup_index import LookupIndex
from marketgraph.graph import lookupdata
from marketgraph.graph.generations import current_catalog
from marketgraph.graph.ingest import ingest
from marketgraph.graph.inputs import Input
from marketgraph.graph.iris import Iris
from marketgraph.graph.remote_read import LOOKUP_KEY, RemoteReadStore
from marketgraph.graph.settings import Settings

pytestmark = pytest.mark.server
NT = ox.RdfFormat.N_TRIPLES


def add(settings: Settings, i: int, company: str) -> None:
    report = ingest(settings, [Input(f"release-{i}.txt", f"release-{i}", press_release(i, company).encode("utf-8"))])
    assert report.count("added") == 1


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = tmp_path_factory.mktemp("remote-lookup")
    oxi = launch_oxigraph(root / "oxigraph")
    writer = Settings(store=root / "writer" / "store", extract_workers=1, **oxi.settings())
    add(writer, 1, "Quillfeather Devices Ltd")
    reader = Settings(store=root / "no-such-store", **oxi.settings())   # no embedded store, no records file
    yield oxi, writer, reader
    oxi.stop()


class Requests:
    """Counts the Protocol requests this thread makes to the server (the app's VoID thread makes its own)."""

    def __init__(self, monkeypatch):
        self.n = 0
        real = RemoteReadStore.request
        me = threading.get_ident()

        def counted(store, *args, **kwargs):
            self.n += threading.get_ident() == me
            return real(store, *args, **kwargs)
        monkeypatch.setattr(RemoteReadStore, "request", counted)


def entries(index: LookupIndex) -> list[tuple]:
    return [(e.iri, e.label, e.description, e.names) for e in index.entries]


def test_the_catalogue_graph_holds_the_records_the_writer_kept(served) -> None:
    oxi, writer, _ = served
    gen, catalog = current_catalog(writer.store)
    local = lookupdata.read(gen, catalog.lookup)
    text, records = RemoteReadStore(oxi.query).catalogue_and_lookup(str(Iris(writer.base_iri).catalog_graph))
    assert text is not None and records is not None
    assert lookupdata.verified(records, catalog.lookup) == local
    assert any(r.label == "Quillfeather Devices Ltd" for r in local.values())


def test_a_remote_app_loads_the_records_without_reading_the_store(served, monkeypatch) -> None:
    _oxi, _writer, reader = served
    app = create_app(reader)
    with TestClient(app) as client:
        hits = client.get("/api/entities", params={"q": "quillfeather"}).json()["hits"]
        assert browse(app).index_source == "kept"
        assert hits and hits[0]["label"] == "Quillfeather Devices Ltd"
        app.state.browse = None   # as after a publication: a new context, its catalogue read again
        requests = Requests(monkeypatch)
        ctx = browse(app)
        assert requests.n == 1    # the catalogue and its records, in one query
        ctx.index
        assert requests.n == 1 and ctx.index_source == "kept"   # the index was built without asking the server
        monkeypatch.undo()
        assert entries(LookupIndex.from_view(ctx.view, ctx.describe_record)) == entries(ctx.index)


def test_a_later_publication_brings_its_records_to_a_running_app(served) -> None:
    _oxi, writer, reader = served
    app = create_app(reader)
    with TestClient(app) as client:
        before = client.get("/api/entities", params={"q": "marvento"}).json()["hits"]
        assert not any(h["label"] == "Marvento Devices Ltd" for h in before)
        add(writer, 2, "Marvento Devices Ltd")
        deadline, hits = time.monotonic() + 10, []
        while time.monotonic() < deadline and not hits:
            hits = [h for h in client.get("/api/entities", params={"q": "marvento"}).json()["hits"]
                    if h["label"] == "Marvento Devices Ltd"]
            time.sleep(0.3)
        assert hits
        assert browse(app).index_source == "kept"


def _replace_records(oxi, writer: Settings, change) -> bytes:
    """Rewrite the server's catalogue graph with its records literal changed by ``change`` (None: removed);
    returns the graph as it was."""
    graph = str(Iris(writer.base_iri).catalog_graph)
    before = httpx.get(oxi.store, params={"graph": graph}, headers={"Accept": "application/n-triples"}).content
    triples = []
    for q in ox.parse(before, format=NT):
        if q.predicate.value == LOOKUP_KEY:
            if change is None:
                continue
            q = ox.Triple(q.subject, q.predicate, ox.Literal(change(q.object.value)))
        triples.append(ox.Triple(q.subject, q.predicate, q.object))
    put = httpx.put(oxi.store, params={"graph": graph}, content=ox.serialize(triples, format=NT),
                    headers={"Content-Type": "application/n-triples"})
    assert put.status_code < 300, put.text
    return before


@pytest.mark.parametrize("damage", ["truncated", "changed", "missing"])
def test_records_that_do_not_match_the_catalogue_are_never_used(served, damage: str) -> None:
    oxi, writer, reader = served
    change = {"truncated": lambda text: text[: len(text) // 2],     # as a half-written copy would be
              "changed": lambda text: text.replace("Quillfeather Devices Ltd", "Quillfeather Devices Plc"),
              "missing": None}[damage]                              # as a publisher from before wrote it
    before = _replace_records(oxi, writer, change)
    try:
        app = create_app(reader)
        with TestClient(app) as client:
            hits = client.get("/api/entities", params={"q": "quillfeather"}).json()["hits"]
            assert browse(app).index_source == "store"
            assert hits[0]["label"] == "Quillfeather Devices Ltd"
    finally:
        graph = str(Iris(writer.base_iri).catalog_graph)
        httpx.put(oxi.store, params={"graph": graph}, content=before, headers={"Content-Type": "application/n-triples"})
