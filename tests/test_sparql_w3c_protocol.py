"""The 34 cases of the W3C SPARQL 1.1 Protocol test suite, in this project's own words, against a real server.

Each test names the W3C case it stands for. The suite's data lives at remote IRIs (kasei.us); here the same
three one-triple graphs are named under the server's base, since the endpoint never fetches anything. An
unknown dataset IRI is an empty graph (case ``query_dataset_default_graphs_get`` checks that too).
"""
from __future__ import annotations

import httpx
import pytest

from conftest import FIXTURE_BASE, FIXTURES, load_trig_store

pytestmark = pytest.mark.server

TOKEN = "w3c-protocol-token"
G = {n: f"{FIXTURE_BASE}/graph/data{n}" for n in (0, 1, 2, 3)}
FOAF_DOC = "<http://xmlns.com/foaf/0.1/Document>"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
QUERY, UPDATE, FORM = "application/sparql-query", "application/sparql-update", "application/x-www-form-urlencoded"


@pytest.fixture(scope="module")
def endpoint(start_server, tmp_path_factory):
    store = load_trig_store(FIXTURES / "sparql" / "dataset.trig", tmp_path_factory.mktemp("w3c") / "store")
    server = start_server(store, update_enabled=True, update_token=TOKEN)
    reset(server.sparql)
    return server.sparql


def reset(url: str) -> None:
    """data1..3 each hold one triple: the graph's own IRI is a foaf:Document (as the suite's data files)."""
    inserts = " ".join(f"GRAPH <{G[n]}> {{ <{G[n]}> a {FOAF_DOC} }}" for n in (1, 2, 3))
    clears = " ; ".join(f"CLEAR SILENT GRAPH <{G[n]}>" for n in (1, 2, 3))
    r = httpx.post(url, content=f"{clears} ; INSERT DATA {{ {inserts} }}".encode(),
                   headers={"Content-Type": UPDATE, **AUTH})
    assert r.status_code == 204, r.text


def boolean(r: httpx.Response) -> bool:
    assert r.status_code == 200, r.text
    return r.json()["boolean"]


def ask(url: str, q: str, **params) -> bool:
    return boolean(httpx.get(url, params={"query": q, **params}, headers={"Accept": "application/sparql-results+json"}))


# --- queries: the three request forms -----------------------------------------------------------------------------

def test_query_get(endpoint):
    """query_get: a query in the URL of a GET."""
    assert ask(endpoint, "ASK {}") is True


def test_query_post_form(endpoint):
    """query_post_form: a query in a URL-encoded POST body, a dataset in the URL."""
    r = httpx.post(endpoint, params={"default-graph-uri": G[0]}, content=b"query=ASK%20%7B%7D",
                   headers={"Content-Type": FORM, "Accept": "application/sparql-results+json"})
    assert boolean(r) is True


def test_query_post_direct(endpoint):
    """query_post_direct: the query is the POST body (application/sparql-query)."""
    r = httpx.post(endpoint, content=b"ASK {}", headers={"Content-Type": QUERY})
    assert boolean(r) is True


# --- queries: the dataset given by the protocol --------------------------------------------------------------------

def test_query_dataset_default_graphs_get(endpoint):
    """query_dataset_default_graphs_get: two default-graph-uri merge into the default graph (an unknown one adds
    an empty graph)."""
    q = f"ASK {{ <{G[1]}> a ?type . <{G[2]}> a ?type . }}"
    r = httpx.get(endpoint, params=[("query", q), ("default-graph-uri", G[1]), ("default-graph-uri", G[2]),
                                    ("default-graph-uri", "http://example.org/no-such-graph")])
    assert boolean(r) is True


def test_query_dataset_default_graphs_post(endpoint):
    """query_dataset_default_graphs_post: the same in a form POST."""
    q = f"ASK {{ <{G[1]}> a ?type . <{G[2]}> a ?type . }}"
    r = httpx.post(endpoint, data={"query": q, "default-graph-uri": [G[1], G[2]]})
    assert boolean(r) is True


def test_query_dataset_named_graphs_post(endpoint):
    """query_dataset_named_graphs_post: named-graph-uri make GRAPH patterns see those graphs."""
    q = f"ASK {{ GRAPH ?g1 {{ <{G[1]}> a ?type }} GRAPH ?g2 {{ <{G[2]}> a ?type }} }}"
    r = httpx.post(endpoint, params=[("named-graph-uri", G[1]), ("named-graph-uri", G[2])], content=q.encode(),
                   headers={"Content-Type": QUERY})
    assert boolean(r) is True


def test_query_dataset_named_graphs_get(endpoint):
    """query_dataset_named_graphs_get: the same with GET; a graph left out of named-graph-uri is not seen."""
    q = f"ASK {{ GRAPH ?g1 {{ <{G[1]}> a ?type }} GRAPH ?g2 {{ <{G[2]}> a ?type }} }}"
    assert ask(endpoint, q, **{"named-graph-uri": [G[1], G[2]]}) is True
    assert ask(endpoint, q, **{"named-graph-uri": [G[1]]}) is False


def test_query_dataset_full(endpoint):
    """query_dataset_full: default and named graphs given together."""
    q = f"ASK {{ <{G[3]}> a ?type . GRAPH ?g1 {{ <{G[1]}> a ?type }} GRAPH ?g2 {{ <{G[2]}> a ?type }} }}"
    r = httpx.post(endpoint, params=[("default-graph-uri", G[3]), ("named-graph-uri", G[1]),
                                     ("named-graph-uri", G[2])], content=q.encode(), headers={"Content-Type": QUERY})
    assert boolean(r) is True


def test_query_multiple_dataset(endpoint):
    """query_multiple_dataset: FROM in the query and named-graph-uri in the request: the protocol's dataset wins."""
    q = (f"ASK FROM <{G[3]}> {{ GRAPH ?g1 {{ <{G[1]}> a ?type }} GRAPH ?g2 {{ <{G[2]}> a ?type }} }}")
    r = httpx.post(endpoint, params=[("named-graph-uri", G[1]), ("named-graph-uri", G[2])], content=q.encode(),
                   headers={"Content-Type": QUERY})
    assert boolean(r) is True


# --- queries: content types of each form ---------------------------------------------------------------------------

SELECT_TYPES = {"application/sparql-results+xml", "application/sparql-results+json", "text/csv",
                "text/tab-separated-values"}
RDF_TYPES = {"application/rdf+xml", "text/turtle", "application/n-triples"}


def _type(r: httpx.Response) -> str:
    assert r.status_code == 200, r.text
    return r.headers["content-type"].split(";")[0].strip()


def test_query_content_type_select(endpoint):
    """query_content_type_select: a SELECT answers in a results format."""
    r = httpx.post(endpoint, content=b"SELECT (1 AS ?value) {}", headers={"Content-Type": QUERY,
                                                                         "Accept": ", ".join(SELECT_TYPES)})
    assert _type(r) in SELECT_TYPES


def test_query_content_type_ask(endpoint):
    """query_content_type_ask: an ASK answers in XML or JSON results."""
    r = httpx.post(endpoint, content=b"ASK {}", headers={"Content-Type": QUERY, "Accept":
                                                        "application/sparql-results+xml, application/sparql-results+json"})
    assert _type(r) in {"application/sparql-results+xml", "application/sparql-results+json"}


def test_query_content_type_describe(endpoint):
    """query_content_type_describe: a DESCRIBE answers in an RDF format."""
    r = httpx.post(endpoint, params={"default-graph-uri": G[0]}, content=b"DESCRIBE <http://example.org/>",
                   headers={"Content-Type": QUERY, "Accept": ", ".join(RDF_TYPES)})
    assert _type(r) in RDF_TYPES


def test_query_content_type_construct(endpoint):
    """query_content_type_construct: a CONSTRUCT answers in an RDF format."""
    r = httpx.post(endpoint, content=b"CONSTRUCT { <s> <p> 1 } WHERE {}",
                   headers={"Content-Type": QUERY, "Accept": ", ".join(RDF_TYPES)})
    assert _type(r) in RDF_TYPES
    assert "<p>" not in r.text  # relative IRIs resolved against the service's base


# --- updates ---------------------------------------------------------------------------------------------------------

INFER = """PREFIX foaf: <http://xmlns.com/foaf/0.1/>
INSERT {{ GRAPH <{out}> {{ ?s <http://example.org/in> ?in }} }}
WHERE {{ {{ GRAPH ?g {{ ?s a foaf:Document }} BIND(?g AS ?in) }} UNION {{ ?s a foaf:Document . BIND("default" AS ?in) }} }}"""
OUT = f"{FIXTURE_BASE}/graph/protocol-out"


def _update(endpoint: str, text: str, params=(), form: bool = False) -> httpx.Response:
    if form:
        return httpx.post(endpoint, params=list(params), data={"update": text}, headers=AUTH)
    return httpx.post(endpoint, params=list(params), content=text.encode(), headers={"Content-Type": UPDATE, **AUTH})


def _inferred(endpoint: str) -> set[tuple[str, str]]:
    r = httpx.get(endpoint, params={"query": f"SELECT ?s ?in WHERE {{ GRAPH <{OUT}> {{ ?s <http://example.org/in> ?in }} }}"})
    assert r.status_code == 200, r.text
    return {(b["s"]["value"], b["in"]["value"]) for b in r.json()["results"]["bindings"]}


@pytest.mark.parametrize("case, params, expected", [
    ("update_dataset_default_graph", [("using-graph-uri", G[1])], {(G[1], "default")}),
    ("update_dataset_default_graphs", [("using-graph-uri", G[1]), ("using-graph-uri", G[2])],
     {(G[1], "default"), (G[2], "default")}),
    ("update_dataset_named_graphs", [("using-named-graph-uri", G[1]), ("using-named-graph-uri", G[2])],
     {(G[1], G[1]), (G[2], G[2])}),
    ("update_dataset_full", [("using-graph-uri", G[1]), ("using-named-graph-uri", G[2])],
     {(G[1], "default"), (G[2], G[2])}),
])
def test_update_dataset(endpoint, case, params, expected):
    """update_dataset_*: using-graph-uri / using-named-graph-uri set the dataset of the update's WHERE."""
    reset(endpoint)
    assert _update(endpoint, f"CLEAR SILENT GRAPH <{OUT}>").status_code == 204
    r = _update(endpoint, INFER.format(out=OUT), params)
    assert r.status_code == 204, r.text
    assert _inferred(endpoint) == expected


def test_update_post_form(endpoint):
    """update_post_form: an update in a URL-encoded POST body."""
    r = _update(endpoint, f"CLEAR SILENT GRAPH <{OUT}> ; INSERT DATA {{ GRAPH <{OUT}> {{ <urn:a> <http://example.org/in> "
                          f"'form' }} }}", form=True)
    assert r.status_code == 204, r.text
    assert _inferred(endpoint) == {("urn:a", "form")}


def test_update_post_direct(endpoint):
    """update_post_direct: the update is the POST body (application/sparql-update)."""
    r = _update(endpoint, f"CLEAR SILENT GRAPH <{OUT}> ; INSERT DATA {{ GRAPH <{OUT}> {{ <urn:b> <http://example.org/in> "
                          f"'direct' }} }}")
    assert r.status_code == 204, r.text
    assert _inferred(endpoint) == {("urn:b", "direct")}


def test_update_base_uri(endpoint):
    """update_base_uri: a relative IRI in an update is resolved against the service's base, not kept relative."""
    g = f"{FIXTURE_BASE}/graph/protocol-base-test"
    r = _update(endpoint, f"CLEAR SILENT GRAPH <{g}> ; INSERT DATA {{ GRAPH <{g}> {{ <http://example.org/s> "
                          f"<http://example.org/p> <test> }} }}")
    assert r.status_code == 204, r.text
    assert ask(endpoint, f'ASK {{ GRAPH <{g}> {{ <http://example.org/s> <http://example.org/p> ?o '
                         f'FILTER (isIRI(?o) && STR(?o) != "test") }} }}') is True


# --- bad requests: each a 4xx ---------------------------------------------------------------------------------------

def _4xx(r: httpx.Response) -> dict:
    assert 400 <= r.status_code < 500, (r.status_code, r.text)
    return r.json()["error"]


def test_bad_query_method(endpoint):
    """bad_query_method: a query with a method other than GET or POST."""
    _4xx(httpx.request("PUT", endpoint, params={"query": "ASK {}"}))


def test_bad_multiple_queries(endpoint):
    """bad_multiple_queries: two query parameters."""
    _4xx(httpx.get(endpoint, params=[("query", "ASK {}"), ("query", "SELECT * {}")]))


def test_bad_query_wrong_media_type(endpoint):
    """bad_query_wrong_media_type: a POST body that is neither a form nor application/sparql-query."""
    _4xx(httpx.post(endpoint, content=b"ASK {}", headers={"Content-Type": "text/plain"}))


def test_bad_query_missing_form_type(endpoint):
    """bad_query_missing_form_type: a form-encoded body sent without its media type."""
    _4xx(httpx.post(endpoint, content=b"query=ASK%20%7B%7D", headers={"Content-Type": ""}))


def test_bad_query_missing_direct_type(endpoint):
    """bad_query_missing_direct_type: a query body sent without its media type."""
    _4xx(httpx.post(endpoint, content=b"ASK {}", headers={"Content-Type": ""}))


def test_bad_query_non_utf8(endpoint):
    """bad_query_non_utf8: a direct POST in UTF-16."""
    _4xx(httpx.post(endpoint, content="ASK {}".encode("utf-16"),
                    headers={"Content-Type": "application/sparql-query; charset=UTF-16"}))


def test_bad_query_syntax(endpoint):
    """bad_query_syntax: a query that does not parse."""
    err = _4xx(httpx.get(endpoint, params={"query": "ASK {"}))
    assert err["title"] == "SPARQL syntax error"


def test_bad_update_get(endpoint):
    """bad_update_get: an update sent with GET."""
    _4xx(httpx.get(endpoint, params={"update": "CLEAR NAMED"}))


def test_bad_multiple_updates(endpoint):
    """bad_multiple_updates: two update parameters."""
    _4xx(httpx.post(endpoint, data={"update": ["CLEAR NAMED", "CLEAR DEFAULT"]}, headers=AUTH))


def test_bad_update_wrong_media_type(endpoint):
    """bad_update_wrong_media_type: an update body of a media type that is not for updates."""
    _4xx(httpx.post(endpoint, content=b"CLEAR NAMED", headers={"Content-Type": "text/plain", **AUTH}))


def test_bad_update_missing_form_type(endpoint):
    """bad_update_missing_form_type: a form-encoded update without its media type."""
    _4xx(httpx.post(endpoint, content=b"update=CLEAR%20NAMED", headers={"Content-Type": "", **AUTH}))


def test_bad_update_non_utf8(endpoint):
    """bad_update_non_utf8: a direct update POST in UTF-16."""
    _4xx(httpx.post(endpoint, content="CLEAR NAMED".encode("utf-16"),
                    headers={"Content-Type": "application/sparql-update; charset=UTF-16", **AUTH}))
    assert ask(endpoint, f"ASK {{ GRAPH <{G[1]}> {{ ?s ?p ?o }} }}") is True, "nothing was cleared"


def test_bad_update_syntax(endpoint):
    """bad_update_syntax: an update that does not parse."""
    err = _4xx(_update(endpoint, "INSERT DATA { <urn:x> <urn:y> }"))
    assert err["title"] == "SPARQL syntax error"


def test_bad_update_dataset_conflict(endpoint):
    """bad_update_dataset_conflict: using-named-graph-uri together with USING / WITH in the update."""
    text = (f"PREFIX foaf: <http://xmlns.com/foaf/0.1/> WITH <{G[1]}> DELETE {{ ?s a foaf:Person }} "
            f"USING NAMED <{G[2]}> WHERE {{ ?s a foaf:Person }}")
    err = _4xx(_update(endpoint, text, [("using-named-graph-uri", G[3])]))
    assert "USING" in err["detail"]
