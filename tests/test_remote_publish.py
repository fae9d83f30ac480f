"""With MARKETGRAPH_REMOTE_* set, `build`, `add` and `remove` publish to the remote SPARQL server too (Graph Store
Protocol): after each change the server holds exactly the quads of the embedded store's new generation. Against
a real `oxigraph serve` on loopback."""
from __future__ import annotations

from collections import Counter

import pyoxigraph as ox
import pytest

from conftest import launch_oxigraph, quad_key
from marketgraph.graph.build import build
from marketgraph.graph.generations import open_read_only
from marketgraph.graph.ingest import ingest, remove
from marketgraph.graph.inputs import Input
from marketgraph.graph.settings import Settings
from marketgraph.graph.storeerrors import StoreError

pytestmark = pytest.mark.server

TEXT = (b"Quorvant Systems reports first quarter results\n\nMay 3, 2021 -- Quorvant Systems today announced "
        b"its results for the quarter ended March 31, 2021. Revenue reached RMB 12.5 billion, up 14% year over "
        b"year.\n")


def local_quads(settings: Settings) -> Counter:
    store = open_read_only(settings.store)
    return Counter(quad_key(q.subject, q.predicate, q.object, q.graph_name) for q in store
                   if not isinstance(q.graph_name, ox.DefaultGraph))


def served(remote) -> Counter:
    """The server's quads without its catalogue graph (which only a remote server has)."""
    return Counter({q: n for q, n in remote.quads().items() if not q[3].endswith("/graph/catalogue>")})


@pytest.fixture()
def remote(tmp_path):
    server = launch_oxigraph(tmp_path / "oxigraph")
    yield server
    server.stop()


def test_build_add_and_remove_reach_the_remote_server(tmp_path, remote):
    settings = Settings(store=tmp_path / "store", extract_workers=1, **remote.settings())
    report = build(settings)
    assert report.changed and report.published > 0
    first = served(remote)
    assert first and first == local_quads(settings)

    added = ingest(settings, [Input("quorvant.txt", "test:quorvant", TEXT)])
    assert added.count("added") == 1
    after_add = served(remote)
    assert after_add == local_quads(settings)
    new_graphs = {q[3] for q in after_add} - {q[3] for q in first}
    assert len(new_graphs) == 1, "the added document's graph is on the server"

    doc_id = added.outcomes[-1].documents[0]
    remove(settings, [doc_id])
    assert served(remote) == local_quads(settings)
    assert not {q[3] for q in served(remote)} & new_graphs
    assert not {q[3] for q in local_quads(settings)} & new_graphs


def test_a_new_empty_server_gets_everything_on_the_next_change(tmp_path, remote):
    """The store was built without a remote; the first change published with one pushes every graph."""
    plain = Settings(store=tmp_path / "store", extract_workers=1)
    build(plain)
    settings = Settings(store=tmp_path / "store", extract_workers=1, **remote.settings())
    ingest(settings, [Input("quorvant.txt", "test:quorvant", TEXT)])
    assert served(remote) == local_quads(settings)


def test_an_unreachable_server_fails_the_publish_and_leaves_the_local_store_as_it_was(tmp_path, remote):
    settings = Settings(store=tmp_path / "store", extract_workers=1, **remote.settings())
    build(settings)
    before = local_quads(settings)
    remote.stop()
    with pytest.raises(StoreError):
        ingest(settings, [Input("quorvant.txt", "test:quorvant", TEXT)])
    assert local_quads(settings) == before
