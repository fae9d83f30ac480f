"""graph/store.py's RemoteStore against a real `oxigraph serve` process: graphs PUT through the Graph Store
Protocol, read back through the SPARQL Protocol."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from rdflib import Dataset, Graph, Literal, URIRef

from conftest import FIXTURES
from marketgraph.graph.store import RemoteStore, StoreError

pytestmark = pytest.mark.server

OXIGRAPH = Path(sys.executable).with_name("oxigraph")


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory):
    binary = OXIGRAPH if OXIGRAPH.exists() else shutil.which("oxigraph")
    if not binary:
        pytest.fail("the `oxigraph` binary is missing: pip install -e '.[test]' installs it")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([str(binary), "serve", "--location", str(tmp_path_factory.mktemp("oxigraph")),
                             "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/query", params={"query": "ASK {}"}).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.1)
    else:
        proc.kill()
        pytest.fail(f"oxigraph serve did not start: {proc.stderr.read().decode()[-2000:]}")
    yield url
    proc.terminate()
    proc.wait(10)


def test_put_graphs_and_query_them_back(oxigraph_server):
    remote = RemoteStore(query_url=oxigraph_server + "/query", update_url=oxigraph_server + "/update",
                         store_url=oxigraph_server + "/store")
    ds = Dataset()
    ds.parse(FIXTURES / "sparql" / "dataset.trig", format="trig")
    sizes = {}
    for g in ds.graphs():
        if len(g):
            remote.put_graph(g.identifier, g)
            sizes[str(g.identifier)] = len(g)
    remote.commit()
    rows = remote.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    assert {r["g"]: int(r["n"]) for r in rows} == sizes
    # PUT replaces a graph atomically: the second PUT leaves only its own triples
    name = next(iter(sizes))
    small = Graph()
    small.add((URIRef("http://example.org/only"), URIRef("http://example.org/p"), Literal("one")))
    remote.put_graph(URIRef(name), small)
    rows = remote.select(f"SELECT ?s ?o WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}")
    assert rows == [{"s": "http://example.org/only", "o": "one"}]


def test_remote_store_without_a_graph_store_url_says_so(oxigraph_server):
    remote = RemoteStore(query_url=oxigraph_server + "/query")
    with pytest.raises(StoreError, match="Graph Store Protocol"):
        remote.put_graph(URIRef("http://example.org/g"), Graph())
