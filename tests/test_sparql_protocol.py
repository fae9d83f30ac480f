"""The SPARQL 1.1 Protocol over a real uvicorn server, spoken by real clients (SPARQLWrapper, rdflib's
SPARQLStore) and by plain HTTP for the cases a client library would never send."""
from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import httpx
import pytest
from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, N3, TSV, TURTLE, XML, SPARQLWrapper

from conftest import FIXTURE_BASE

pytestmark = pytest.mark.server

MG = "https://w3id.org/marketgraph/ontology#"
RANKINGS = f"""PREFIX mg: <{MG}>
SELECT ?market ?rank WHERE {{ ?f a mg:Ranking ; mg:market ?market ; mg:rank ?rank }} ORDER BY ?rank"""
SPAIN = f"{FIXTURE_BASE}/id/market/spain"
FRANCE = f"{FIXTURE_BASE}/id/market/france"
RESULTS_GRAPH = f"{FIXTURE_BASE}/graph/fixture-results-2031-q2"
LAUNCH_GRAPH = f"{FIXTURE_BASE}/graph/fixture-launch-2031"
RANK1_FACT = None  # found by query in the DESCRIBE test


def wrapper(server, query: str, fmt: str) -> SPARQLWrapper:
    sw = SPARQLWrapper(server.sparql)
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    return sw


# --- SELECT / ASK in each results format, through SPARQLWrapper --------------------------------------------------

def test_select_json_with_sparqlwrapper(server):
    res = wrapper(server, RANKINGS, JSON).query().convert()
    rows = [(b["market"]["value"], b["rank"]["value"]) for b in res["results"]["bindings"]]
    assert rows == [(SPAIN, "1"), (FRANCE, "3")]
    assert res["results"]["bindings"][0]["rank"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"


def test_select_xml_with_sparqlwrapper(server):
    doc = wrapper(server, RANKINGS, XML).query().convert()  # an xml.dom.minidom document
    ns = "http://www.w3.org/2005/sparql-results#"
    uris = [u.firstChild.data for u in doc.getElementsByTagNameNS(ns, "uri")]
    ranks = [lit.firstChild.data for lit in doc.getElementsByTagNameNS(ns, "literal")]
    assert uris == [SPAIN, FRANCE] and ranks == ["1", "3"]


def test_select_csv_with_sparqlwrapper(server):
    body = wrapper(server, RANKINGS, CSV).query().convert()
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
    assert rows == [["market", "rank"], [SPAIN, "1"], [FRANCE, "3"]]


def test_select_tsv_with_sparqlwrapper(server):
    body = wrapper(server, RANKINGS, TSV).query().convert().decode("utf-8")
    assert body.splitlines() == ["?market\t?rank", f"<{SPAIN}>\t1", f"<{FRANCE}>\t3"]


def test_ask_in_json_and_xml(server):
    assert wrapper(server, f"ASK {{ ?f <{MG}rank> 1 }}", JSON).query().convert()["boolean"] is True
    assert wrapper(server, f"ASK {{ ?f <{MG}rank> 99 }}", JSON).query().convert()["boolean"] is False
    doc = wrapper(server, f"ASK {{ ?f <{MG}rank> 1 }}", XML).query().convert()
    assert doc.getElementsByTagName("boolean")[0].firstChild.data == "true"


# --- CONSTRUCT / DESCRIBE in each RDF format -----------------------------------------------------------------------

CONSTRUCT = f"""PREFIX mg: <{MG}>
CONSTRUCT {{ ?f mg:market ?m ; mg:rank ?r }} WHERE {{ ?f a mg:Ranking ; mg:market ?m ; mg:rank ?r }}"""


@pytest.mark.parametrize("accept, rdflib_format", [
    ("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld"),
    ("application/rdf+xml", "xml"), ("application/trig", "trig"),
])
def test_construct_in_each_rdf_format(server, accept, rdflib_format):
    r = httpx.get(server.sparql, params={"query": CONSTRUCT}, headers={"Accept": accept})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].split(";")[0] == accept
    g = Graph().parse(data=r.text, format=rdflib_format)
    assert len(g) == 4
    assert {str(o) for o in g.objects(None, URIRef(MG + "market"))} == {SPAIN, FRANCE}


def test_construct_turtle_with_sparqlwrapper(server):
    g = Graph().parse(data=wrapper(server, CONSTRUCT, TURTLE).query().convert(), format="turtle")
    assert {int(o) for o in g.objects(None, URIRef(MG + "rank"))} == {1, 3}


def test_describe_returns_the_concise_bounded_description(server):
    fact = httpx.get(server.sparql, params={"query": f"SELECT ?f WHERE {{ ?f <{MG}rank> 1 }}"}).json()
    iri = fact["results"]["bindings"][0]["f"]["value"]
    r = httpx.get(server.sparql, params={"query": f"DESCRIBE <{iri}>"}, headers={"Accept": "text/turtle"})
    g = Graph().parse(data=r.text, format="turtle")
    assert {str(s) for s in g.subjects()} == {iri}, "only the resource's own statements (no blank nodes here)"
    assert (URIRef(iri), URIRef(MG + "market"), URIRef(SPAIN)) in g
    assert not list(g.subjects(None, URIRef(iri))), "inbound links are not part of a CBD"


def test_describe_with_sparqlwrapper_n3(server):
    sw = wrapper(server, f"DESCRIBE <{SPAIN}>", N3)
    g = Graph().parse(data=sw.query().convert(), format="turtle")
    assert (URIRef(SPAIN), None, None) in g


# --- rdflib's SPARQLStore ------------------------------------------------------------------------------------------

def test_rdflib_sparqlstore_reads_the_endpoint(server):
    store = SPARQLStore(query_endpoint=server.sparql, returnFormat="json")
    g = Graph(store=store)
    rows = list(g.query(RANKINGS))
    assert [(str(m), int(r)) for m, r in rows] == [(SPAIN, 1), (FRANCE, 3)]
    assert (None, URIRef(MG + "rank"), None) in g  # triple pattern through ASK/SELECT


# --- request forms, dataset, negotiation ----------------------------------------------------------------------------

def test_post_form_and_post_sparql_query_body_agree(server):
    a = httpx.post(server.sparql, data={"query": RANKINGS}, headers={"Accept": "application/sparql-results+json"})
    b = httpx.post(server.sparql, content=RANKINGS.encode(), headers={"Content-Type": "application/sparql-query",
                                                                     "Accept": "application/sparql-results+json"})
    c = httpx.get(server.sparql, params={"query": RANKINGS})
    assert a.status_code == b.status_code == c.status_code == 200
    assert a.json() == b.json() == c.json()


COUNT_FACTS = f"SELECT (COUNT(?f) AS ?n) WHERE {{ ?f a <{MG}Fact> }}"


def _count(server, **params) -> int:
    r = httpx.get(server.sparql, params={"query": COUNT_FACTS, **params})
    assert r.status_code == 200, r.text
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def test_default_graph_is_the_union_unless_default_graph_uri_is_given(server):
    union = _count(server)
    results = _count(server, **{"default-graph-uri": RESULTS_GRAPH})
    launch = _count(server, **{"default-graph-uri": LAUNCH_GRAPH})
    assert results == 9 and launch == 9 and union == results + launch
    both = httpx.get(server.sparql, params=[("query", COUNT_FACTS), ("default-graph-uri", RESULTS_GRAPH),
                                            ("default-graph-uri", LAUNCH_GRAPH)])
    assert int(both.json()["results"]["bindings"][0]["n"]["value"]) == union


def test_named_graph_uri_limits_graph_patterns(server):
    q = f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?f a <{MG}Fact> }} }}"
    r = httpx.get(server.sparql, params={"query": q, "named-graph-uri": LAUNCH_GRAPH})
    assert [b["g"]["value"] for b in r.json()["results"]["bindings"]] == [LAUNCH_GRAPH]


def test_from_a_local_graph_is_allowed(server):
    q = f"SELECT (COUNT(?f) AS ?n) FROM <{RESULTS_GRAPH}> WHERE {{ ?f a <{MG}Fact> }}"
    r = httpx.get(server.sparql, params={"query": q})
    assert r.status_code == 200 and r.json()["results"]["bindings"][0]["n"]["value"] == "9"


@pytest.mark.parametrize("accept, expected", [
    ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
    ("application/sparql-results+json;q=0.1, text/tab-separated-values", "text/tab-separated-values"),
    ("text/*;q=0.8, text/csv;q=0.2", "text/tab-separated-values"),  # the more specific range wins for csv
    ("*/*", "application/sparql-results+json"),
])
def test_accept_q_values_choose_the_format(server, accept, expected):
    r = httpx.get(server.sparql, params={"query": RANKINGS}, headers={"Accept": accept})
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == expected


def test_format_parameter_overrides_accept(server):
    r = httpx.get(server.sparql, params={"query": RANKINGS, "format": "csv"}, headers={"Accept": "application/json"})
    assert r.headers["content-type"].startswith("text/csv")
    r = httpx.get(server.sparql, params={"query": CONSTRUCT, "format": "nt"}, headers={"Accept": "text/turtle"})
    assert r.headers["content-type"].startswith("application/n-triples")


def test_row_cap_cuts_and_says_so(server):
    q = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    r = httpx.get(server.sparql, params={"query": q})
    assert r.headers.get("x-results-truncated") == "true"
    assert len(r.json()["results"]["bindings"]) == 50  # the server fixture's max_rows
    small = httpx.get(server.sparql, params={"query": RANKINGS})
    assert "x-results-truncated" not in small.headers


def test_service_description_for_machines_and_editor_for_browsers(server):
    r = httpx.get(server.sparql, headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    g = Graph().parse(data=r.text, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert (URIRef(server.sparql), URIRef(sd + "endpoint"), URIRef(server.sparql)) in g
    formats = {str(o) for o in g.objects(URIRef(server.sparql), URIRef(sd + "resultFormat"))}
    assert "http://www.w3.org/ns/formats/SPARQL_Results_JSON" in formats and len(formats) == 9
    names = {str(o) for o in g.objects(None, URIRef(sd + "name"))}
    assert {RESULTS_GRAPH, LAUNCH_GRAPH} <= names
    page = httpx.get(server.sparql, headers={"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "/static/yasgui/yasgui.min.js" in page.text
    link = httpx.get(server.sparql, params={"query": RANKINGS}, headers={"Accept": "text/html"})
    assert link.headers["content-type"].startswith("text/html")  # a browser following a query link
    js = httpx.get(server.url + "/static/yasgui/yasgui.min.js")
    assert js.status_code == 200 and len(js.content) > 100_000  # vendored: the page works offline


# --- errors, each in the one envelope ------------------------------------------------------------------------------

def _error(r: httpx.Response, status: int) -> dict:
    assert r.status_code == status, r.text
    body = r.json()
    assert body["error"]["status"] == status
    return body["error"]


def test_syntax_error_names_line_and_column(server):
    err = _error(httpx.get(server.sparql, params={"query": "SELECT ?s\nWHERE { ?s ?p }"}), 400)
    assert err["line"] == 2 and isinstance(err["column"], int) and err["column"] > 1
    assert "line 2" in err["detail"]


def test_unsupported_accept_is_406(server):
    _error(httpx.get(server.sparql, params={"query": RANKINGS}, headers={"Accept": "image/png"}), 406)
    _error(httpx.get(server.sparql, params={"query": CONSTRUCT}, headers={"Accept": "text/csv"}), 406)


def test_wrong_content_type_is_415(server):
    _error(httpx.post(server.sparql, content=RANKINGS.encode(), headers={"Content-Type": "text/plain"}), 415)


def test_wrong_method_is_405(server):
    r = httpx.put(server.sparql, content=b"x")
    assert r.status_code == 405 and r.json()["error"]["status"] == 405


def test_more_than_one_query_is_400(server):
    err = _error(httpx.get(server.sparql, params=[("query", "ASK {}"), ("query", "ASK {}")]), 400)
    assert "more than one" in err["title"]
    _error(httpx.post(server.sparql + "?query=ASK%20%7B%7D", data={"query": "ASK {}"}), 400)


def test_update_through_get_is_400(server):
    err = _error(httpx.get(server.sparql, params={"update": "CLEAR ALL"}), 400)
    assert "GET" in err["title"] or "GET" in err["detail"]


def test_update_without_the_setting_is_403(server):
    r = httpx.post(server.sparql, data={"update": "CLEAR ALL"}, headers={"Authorization": "Bearer guess"})
    _error(r, 403)
    assert _count(server) == 18, "nothing was cleared"


def test_query_over_the_byte_limit_is_413(server):
    big = "ASK {} #" + "x" * 70_000
    _error(httpx.post(server.sparql, data={"query": big}), 413)
    _error(httpx.post(server.sparql, content=big.encode(), headers={"Content-Type": "application/sparql-query"}), 413)


def test_a_body_that_is_not_utf8_is_400(server):
    err = _error(httpx.post(server.sparql, content="ASK { ?s ?p \"é\" }".encode("latin-1"),
                            headers={"Content-Type": "application/sparql-query"}), 400)
    assert "UTF-8" in err["title"]


def test_json_results_are_valid_json_with_unicode(server):
    q = 'SELECT ?x WHERE { BIND("Zürich — 北京" AS ?x) }'
    r = httpx.get(server.sparql, params={"query": q})
    assert json.loads(r.content)["results"]["bindings"][0]["x"]["value"] == "Zürich — 北京"
    x = httpx.get(server.sparql, params={"query": q, "format": "xml"})
    assert ET.fromstring(x.content).find(".//{http://www.w3.org/2005/sparql-results#}literal").text == "Zürich — 北京"


@pytest.mark.parametrize("accept, rdflib_format", [("application/trig", "trig"), ("application/ld+json", "json-ld"),
                                                    ("application/rdf+xml", "xml"), ("application/n-triples", "nt")])
def test_service_description_in_each_rdf_format_sits_in_the_default_graph(server, accept, rdflib_format):
    from rdflib import Dataset

    r = httpx.get(server.sparql, headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].split(";")[0] == accept
    assert r.headers["vary"] == "Accept"
    ds = Dataset()
    ds.parse(data=r.text, format=rdflib_format)
    sd = "http://www.w3.org/ns/sparql-service-description#"
    default = ds.default_graph
    assert (URIRef(server.sparql), URIRef(sd + "endpoint"), URIRef(server.sparql)) in default, \
        "a TriG or JSON-LD reader finds the description in the default graph"
    assert {RESULTS_GRAPH, LAUNCH_GRAPH} <= {str(o) for o in default.objects(None, URIRef(sd + "name"))}
