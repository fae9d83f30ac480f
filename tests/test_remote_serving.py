"""The whole application over a real `oxigraph serve`, with no embedded store at all (MARKETGRAPH_REMOTE_*):
a build publishes to the server from a writer's own store; two application processes, each pointed at a store
path that does not exist, answer every route — SPARQL (same guard), named queries, entity pages, lookup,
reconciliation, the documents list, home, VoID, sitemap, dump — from the server, and both see a document a later
`add` publishes there (stateless: nothing is shared between them but the server)."""
from __future__ import annotations

import time

import httpx
import pytest
from SPARQLWrapper import JSON, SPARQLWrapper

from conftest import FIXTURE_BASE, launch_oxigraph, launch_server
from marketgraph.graph.build import build
from marketgraph.graph.ingest import ingest
from marketgraph.graph.inputs import Input
from marketgraph.graph.settings import Settings

pytestmark = pytest.mark.server

NEW_DOC = (b"Quorvant Systems reports first quarter results\n\nMay 3, 2021 -- Quorvant Systems today announced "
           b"its results for the quarter ended March 31, 2021. Revenue reached RMB 12.5 billion, up 14% year over "
           b"year.\n")
FACTS = "SELECT (COUNT(*) AS ?n) WHERE { ?f a <https://w3id.org/marketgraph/ontology#Fact> }"


@pytest.fixture(scope="module")
def remote_app(tmp_path_factory):
    root = tmp_path_factory.mktemp("remote-serving")
    oxi = launch_oxigraph(root / "oxigraph")
    writer = Settings(store=root / "writer" / "store", base_iri=FIXTURE_BASE, extract_workers=1, **oxi.settings())
    report = build(writer)
    assert report.changed
    absent = root / "no-such-store"
    apps = [launch_server(absent, root, **oxi.settings()) for _ in range(2)]
    yield oxi, writer, apps, absent
    for app in apps:
        app.stop()
    oxi.stop()


def direct(oxi, query: str) -> dict:
    r = httpx.post(oxi.query, params={"union-default-graph": ""}, data={"query": query},
                   headers={"Accept": "application/sparql-results+json"})
    r.raise_for_status()
    return r.json()


def count_via(endpoint: str) -> int:
    client = SPARQLWrapper(endpoint)
    client.setQuery(FACTS)
    client.setReturnFormat(JSON)
    return int(client.query().convert()["results"]["bindings"][0]["n"]["value"])


def test_no_embedded_store_exists(remote_app):
    _oxi, _writer, _apps, absent = remote_app
    assert not absent.exists() and not absent.with_name(absent.name + ".generations").exists()


def test_sparql_answers_from_the_server_in_both_processes(remote_app):
    oxi, _writer, apps, _ = remote_app
    want = int(direct(oxi, FACTS)["results"]["bindings"][0]["n"]["value"])
    assert want > 0
    assert [count_via(app.sparql) for app in apps] == [want, want]


def test_the_guard_still_refuses_service_and_remote_from(remote_app):
    _oxi, _writer, apps, _ = remote_app
    for q in ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
              "SELECT * FROM <http://example.org/elsewhere> WHERE { ?s ?p ?o }"):
        r = httpx.get(apps[0].sparql, params={"query": q})
        assert r.status_code == 400 and r.json()["error"]["title"] == "query refused", r.text


def test_row_cap_formats_and_errors(remote_app):
    _oxi, _writer, apps, _ = remote_app
    r = httpx.get(apps[0].sparql, params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 20000"},
                  headers={"Accept": "text/csv"})
    assert r.status_code == 200 and r.headers["x-results-truncated"] == "true"
    assert r.text.count("\r\n") == 10000 + 1
    r = httpx.get(apps[0].sparql, params={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": "application/sparql-results+xml"})
    assert r.status_code == 200 and "<boolean>true</boolean>" in r.text
    r = httpx.get(apps[0].sparql, params={"query": "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 5"},
                  headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    r = httpx.get(apps[0].sparql, params={"query": "SELECT * WHERE { ?s ?p }"})
    assert r.status_code == 400 and r.json()["error"]["title"] == "SPARQL syntax error"


def _entity(oxi) -> tuple[str, str]:
    rows = direct(oxi, "SELECT ?e ?l WHERE { ?e <https://w3id.org/marketgraph/ontology#entityKind> \"organisation\" ; "
                       "<http://www.w3.org/2000/01/rdf-schema#label> ?l } ORDER BY ?e LIMIT 1")
    b = rows["results"]["bindings"][0]
    return b["e"]["value"], b["l"]["value"]


def test_entity_page_and_rdf(remote_app):
    oxi, _writer, apps, _ = remote_app
    iri, label = _entity(oxi)
    path = iri[len(FIXTURE_BASE):]
    r = httpx.get(apps[1].url + path, headers={"Accept": "text/html"})
    assert r.status_code == 200 and label in r.text
    r = httpx.get(apps[1].url + path + ".ttl")
    assert r.status_code == 200 and label in r.text


def test_lookup_and_reconcile(remote_app):
    oxi, _writer, apps, _ = remote_app
    iri, label = _entity(oxi)
    r = httpx.get(apps[0].url + "/api/entities", params={"q": label})
    assert r.status_code == 200
    assert iri in r.text
    r = httpx.post(apps[0].url + "/reconcile", data={"queries": '{"q0": {"query": "%s"}}' % label})
    assert r.status_code == 200
    assert any(iri.endswith(c["id"]) or c["id"] == iri for c in r.json()["q0"]["result"])


def test_named_query_documents_list_and_site_routes(remote_app):
    oxi, writer, apps, _ = remote_app
    r = httpx.get(apps[0].url + "/queries/documents", headers={"Accept": "application/json"})
    assert r.status_code == 200, r.text
    listed = httpx.get(apps[0].url + "/documents", headers={"Accept": "application/json"})
    assert listed.status_code == 200
    from marketgraph.graph.generations import current_catalog

    _, cat = current_catalog(writer.store)
    assert sorted(d["id"] for d in listed.json()["documents"]) == sorted(cat.documents)
    for path in ("/", "/.well-known/void", "/sitemap.xml", "/dump.nq"):
        r = httpx.get(apps[1].url + path, timeout=60)
        assert r.status_code == 200, (path, r.text[:300])
    assert b"/graph/entities>" in httpx.get(apps[1].url + "/dump.nq", timeout=60).content


def test_a_later_add_is_seen_by_every_process(remote_app):
    oxi, writer, apps, _ = remote_app
    before = [count_via(app.sparql) for app in apps]
    report = ingest(writer, [Input("quorvant.txt", "test:quorvant", NEW_DOC)])
    assert report.count("added") == 1
    doc_id = report.outcomes[-1].documents[0]
    deadline = time.monotonic() + 10
    seen = [False, False]
    while time.monotonic() < deadline and not all(seen):
        for i, app in enumerate(apps):
            docs = httpx.get(app.url + "/documents", headers={"Accept": "application/json"}).json()["documents"]
            seen[i] = any(d["id"] == doc_id for d in docs)
        time.sleep(0.3)
    assert seen == [True, True]
    assert all(count_via(app.sparql) > n for app, n in zip(apps, before))
