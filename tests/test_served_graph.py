"""The graph as served conforms to the shapes: the seed build is served by a real server and the dump it serves
(``/dump.nq``, what SPARQL, pages and clients read back from the store) is validated with pySHACL. Validation in
the build runs before storage; this checks that what the store gives back still conforms (datatypes included)."""
from __future__ import annotations

import httpx
import pytest
from rdflib import Dataset, Graph

from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.validate import load_shapes, validate
from conftest import FIXTURE_BASE

pytestmark = [pytest.mark.server, pytest.mark.slow]


@pytest.fixture(scope="module")
def served_union(start_server, seed_store) -> Graph:
    live = start_server(seed_store, base_iri=FIXTURE_BASE)
    r = httpx.get(live.url + "/dump.nq", timeout=60)
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/n-quads")
    ds = Dataset()
    ds.parse(data=r.content, format="nquads")
    union = Graph()
    for s, p, o, _g in ds.quads():
        union.add((s, p, o))
    return union


def test_served_graph_has_zero_violations(served_union):
    assert len(served_union) > 10_000
    report = validate(served_union, load_shapes(ProjectPaths.default()))
    assert [str(v) for v in report.violations[:10]] == []
    assert report.conforms


def test_offsets_survive_the_store_as_integers(served_union):
    """The store hands back offsets with the datatype the shapes demand (xsd:integer, never a derived type)."""
    from rdflib import URIRef
    datatypes = {str(o.datatype) for p in ("start", "end") for o in
                 served_union.objects(None, URIRef(f"http://www.w3.org/ns/oa#{p}"))}
    assert datatypes == {"http://www.w3.org/2001/XMLSchema#integer"}
