"""Real clients, unchanged, against a real server: SPARQLWrapper in every query form × return format × request
method it has (with and without its extra format parameters), and rdflib's SPARQLStore in each way it reads a
store. The server must answer each the way the client expects, never with a 406 for a format= it does not map."""
from __future__ import annotations

import csv
import io
import warnings
from xml.dom.minidom import Document

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, GET, JSON, JSONLD, N3, POST, POSTDIRECTLY, RDFXML, TSV, TURTLE, URLENCODED, XML, \
    SPARQLWrapper

from conftest import FIXTURE_BASE

pytestmark = pytest.mark.server

MG = "https://w3id.org/marketgraph/ontology#"
SPAIN, FRANCE = f"{FIXTURE_BASE}/id/market/spain", f"{FIXTURE_BASE}/id/market/france"
RESULTS_GRAPH = f"{FIXTURE_BASE}/graph/fixture-results-2031-q2"
SELECT = f"PREFIX mg: <{MG}> SELECT ?market ?rank WHERE {{ ?f a mg:Ranking ; mg:market ?market ; mg:rank ?rank }} ORDER BY ?rank"
ASK = f"ASK {{ ?f <{MG}rank> 1 }}"
CONSTRUCT = f"PREFIX mg: <{MG}> CONSTRUCT {{ ?f mg:market ?m }} WHERE {{ ?f a mg:Ranking ; mg:market ?m }}"
DESCRIBE = f"DESCRIBE <{SPAIN}>"
METHODS = {"GET": (GET, URLENCODED), "POST": (POST, URLENCODED), "POSTDIRECTLY": (POST, POSTDIRECTLY)}


def run(server, query: str, fmt: str, method: str, only_conneg: bool):
    sw = SPARQLWrapper(server.sparql)
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    sw.setOnlyConneg(only_conneg)
    http_method, request_method = METHODS[method]
    sw.setMethod(http_method)
    sw.setRequestMethod(request_method)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SPARQLWrapper warns when it sends */* for an "unexpected" format
        result = sw.query()
        return result, result.convert()


def _select_rows(fmt: str, converted) -> list[tuple[str, str]]:
    if fmt == JSON:
        return [(b["market"]["value"], b["rank"]["value"]) for b in converted["results"]["bindings"]]
    if fmt == XML:
        assert isinstance(converted, Document)
        ns = "http://www.w3.org/2005/sparql-results#"
        rows = []
        for res in converted.getElementsByTagNameNS(ns, "result"):
            vals = {b.getAttribute("name"): b.getElementsByTagNameNS(ns, "*")[0].firstChild.data
                    for b in res.getElementsByTagNameNS(ns, "binding")}
            rows.append((vals["market"], vals["rank"]))
        return rows
    text = converted.decode("utf-8")
    if fmt == CSV:
        return [tuple(r) for r in list(csv.reader(io.StringIO(text)))[1:]]
    return [(a.strip("<>"), b) for a, b in (line.split("\t") for line in text.splitlines()[1:])]


@pytest.mark.parametrize("only_conneg", [False, True])
@pytest.mark.parametrize("method", list(METHODS))
@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_select(server, fmt, method, only_conneg):
    _, converted = run(server, SELECT, fmt, method, only_conneg)
    assert _select_rows(fmt, converted) == [(SPAIN, "1"), (FRANCE, "3")]


@pytest.mark.parametrize("method", list(METHODS))
@pytest.mark.parametrize("fmt", [JSON, XML])
def test_ask(server, fmt, method):
    _, converted = run(server, ASK, fmt, method, False)
    value = converted["boolean"] if fmt == JSON else converted.getElementsByTagName("boolean")[0].firstChild.data
    assert value in (True, "true")


@pytest.mark.parametrize("method", list(METHODS))
@pytest.mark.parametrize("fmt", [CSV, TSV])
def test_ask_in_csv_and_tsv(server, fmt, method):
    _, converted = run(server, ASK, fmt, method, False)
    assert converted.decode("utf-8").split()[-1] == "true"


def _graph(fmt: str, converted) -> Graph:
    if isinstance(converted, Graph):
        return converted
    return Graph().parse(data=converted.decode("utf-8"), format="turtle")


@pytest.mark.parametrize("only_conneg", [False, True])
@pytest.mark.parametrize("method", list(METHODS))
@pytest.mark.parametrize("fmt", [TURTLE, N3, XML, RDFXML, JSONLD])
def test_construct(server, fmt, method, only_conneg):
    _, converted = run(server, CONSTRUCT, fmt, method, only_conneg)
    g = _graph(fmt, converted)
    assert {str(o) for o in g.objects(None, URIRef(MG + "market"))} == {SPAIN, FRANCE}


@pytest.mark.parametrize("method", list(METHODS))
@pytest.mark.parametrize("fmt", [TURTLE, N3, XML, RDFXML, JSONLD])
def test_describe(server, fmt, method):
    _, converted = run(server, DESCRIBE, fmt, method, False)
    assert (URIRef(SPAIN), None, None) in _graph(fmt, converted)


@pytest.mark.parametrize("fmt", [JSON, CSV, TSV])
def test_construct_with_a_results_format_falls_back_to_rdf(server, fmt):
    """SPARQLWrapper sends format=json|csv|tsv for a CONSTRUCT: the server answers in an RDF format (Accept
    decides) instead of refusing."""
    result, _ = run(server, CONSTRUCT, fmt, "GET", False)
    assert result.info()["content-type"].split(";")[0] in ("text/turtle", "application/ld+json",
                                                         "application/n-triples", "application/rdf+xml")


# --- rdflib's SPARQLStore --------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def store_graph(server):
    return Graph(store=SPARQLStore(query_endpoint=server.sparql, returnFormat="json"))


def test_sparqlstore_select(store_graph):
    assert [(str(m), int(r)) for m, r in store_graph.query(SELECT)] == [(SPAIN, 1), (FRANCE, 3)]


def test_sparqlstore_select_in_xml(server):
    g = Graph(store=SPARQLStore(query_endpoint=server.sparql, returnFormat="xml"))
    assert [(str(m), int(r)) for m, r in g.query(SELECT)] == [(SPAIN, 1), (FRANCE, 3)]


def test_sparqlstore_post(server):
    g = Graph(store=SPARQLStore(query_endpoint=server.sparql, method="POST"))
    assert len(list(g.query(SELECT))) == 2


def test_sparqlstore_ask(store_graph):
    assert store_graph.query(ASK).askAnswer is True
    assert store_graph.query(f"ASK {{ ?f <{MG}rank> 99 }}").askAnswer is False


def test_sparqlstore_construct_and_describe(store_graph):
    built = store_graph.query(CONSTRUCT).graph
    assert {str(o) for o in built.objects(None, URIRef(MG + "market"))} == {SPAIN, FRANCE}
    assert (URIRef(SPAIN), None, None) in store_graph.query(DESCRIBE).graph


def test_sparqlstore_triple_patterns(store_graph):
    assert (None, URIRef(MG + "rank"), Literal(1)) in store_graph
    ranked = list(store_graph.subjects(RDF.type, URIRef(MG + "Ranking")))
    assert len(ranked) == 2
    assert {int(o) for o in store_graph.objects(None, URIRef(MG + "rank"))} == {1, 3}


def test_sparqlstore_value_and_predicate_objects(store_graph):
    fact = next(f for f in store_graph.subjects(URIRef(MG + "market"), URIRef(SPAIN))
                if (f, RDF.type, URIRef(MG + "Ranking")) in store_graph)
    assert store_graph.value(fact, URIRef(MG + "rank")) == Literal(1, datatype=XSD.integer)
    assert (URIRef(MG + "market"), URIRef(SPAIN)) in set(store_graph.predicate_objects(fact))


def test_sparqlstore_init_bindings_and_namespaces(store_graph):
    q = "SELECT ?rank WHERE { ?f mg:market ?m ; mg:rank ?rank }"
    rows = store_graph.query(q, initNs={"mg": MG}, initBindings={"m": URIRef(FRANCE)})
    assert [int(r[0]) for r in rows] == [3]


def test_sparqlstore_len(store_graph, server):
    import httpx
    n = httpx.get(server.sparql, params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}).json()
    assert len(store_graph) == int(n["results"]["bindings"][0]["n"]["value"]) > 0


def test_sparqlstore_contexts(server):
    ds = Dataset(store=SPARQLStore(query_endpoint=server.sparql))
    names = {str(c.identifier) if hasattr(c, "identifier") else str(c) for c in ds.store.contexts()}
    assert RESULTS_GRAPH in names


def test_sparqlstore_named_graph(server):
    store = SPARQLStore(query_endpoint=server.sparql)
    g = Graph(store=store, identifier=URIRef(RESULTS_GRAPH))
    facts = set(g.subjects(RDF.type, URIRef(MG + "Fact")))
    assert len(facts) == 9


def test_sparqlstore_refuses_writes_without_touching_the_server(store_graph):
    with pytest.raises(TypeError):
        store_graph.add((URIRef("urn:a"), URIRef("urn:b"), Literal("c")))
