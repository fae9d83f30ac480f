"""The query service's parts alone: Accept parsing and negotiation, the parse-tree guards, result writers,
named-query headers and parameter binding."""
from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from marketgraph.api.sparql.catalog import CatalogError, ParamError, parse_named_query
from marketgraph.api.sparql.guard import QuerySyntaxError, Refused, inspect_query, inspect_update, refuse_remote
from marketgraph.api.sparql.negotiation import RESULT_FORMATS, NotAcceptable, negotiate, parse_accept, prefers_html
from marketgraph.api.sparql.results import take, write_solutions

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"


@pytest.mark.parametrize("accept, form, key", [
    (None, "select", "json"), ("", "construct", "turtle"), ("*/*", "ask", "json"),
    ("text/csv", "select", "csv"), ("application/json", "select", "json"),
    ("application/json", "construct", "jsonld"), ("application/xml", "describe", "rdfxml"),
    ("text/turtle;q=0.2, application/n-triples;q=0.3", "construct", "ntriples"),
    ("application/*", "construct", "ntriples"),
    (BROWSER, "select", "xml"),
])
def test_negotiation(accept, form, key):
    assert negotiate(form, accept).key == key


def test_q_zero_refuses_and_unknown_types_are_406():
    with pytest.raises(NotAcceptable):
        negotiate("select", "application/sparql-results+json;q=0, text/html")
    with pytest.raises(NotAcceptable):
        negotiate("construct", "text/csv")
    with pytest.raises(NotAcceptable):
        negotiate("select", None, ("json", "csv"))  # two different formats asked


def test_parse_accept_keeps_q_values():
    ranges = parse_accept("text/csv;q=0.5, */*;q=0.1, application/json")
    assert [(r.type, r.subtype, r.q) for r in ranges] == [("text", "csv", 0.5), ("*", "*", 0.1),
                                                          ("application", "json", 1.0)]


def test_browsers_get_the_editor_and_machines_the_description():
    assert prefers_html(BROWSER)
    assert not prefers_html("text/turtle") and not prefers_html(None) and not prefers_html("*/*")


def test_guard_finds_service_in_nested_patterns_only_by_structure():
    found = inspect_query("SELECT * WHERE { OPTIONAL { { SELECT ?s WHERE { SERVICE <http://x/> { ?s ?p ?o } } } } }")
    assert found.services == ("http://x/",)
    clean = inspect_query('SELECT * WHERE { ?s <http://e/SERVICE> "SERVICE <http://x/> {}" }')
    assert clean.services == () and clean.form == "select"
    with pytest.raises(Refused, match="SERVICE"):
        refuse_remote(found, frozenset())


def test_guard_resolves_prefixed_dataset_iris():
    found = inspect_query("PREFIX g: <http://h/graph/> SELECT * FROM g:a FROM NAMED <http://r/b> WHERE { ?s ?p ?o }")
    assert found.dataset == ("http://h/graph/a", "http://r/b")
    with pytest.raises(Refused, match="http://r/b"):
        refuse_remote(found, frozenset({"http://h/graph/a"}))
    refuse_remote(found, frozenset({"http://h/graph/a", "http://r/b"}))


def test_guard_forms_and_updates():
    assert inspect_query("ASK {}").form == "ask"
    assert inspect_query("DESCRIBE <http://x>").form == "describe"
    assert inspect_query("CONSTRUCT WHERE { ?s ?p ?o }").form == "construct"
    up = inspect_update("LOAD <http://x/y.ttl> ; INSERT DATA { <a:b> <a:c> <a:d> }")
    assert up.loads == ("http://x/y.ttl",) and up.form == "update"


def test_syntax_errors_carry_line_and_column():
    with pytest.raises(QuerySyntaxError) as e:
        inspect_query("PREFIX x: <http://x/>\nSELECT * WHERE {\n  ?s ?p \n}")
    assert e.value.line in (3, 4) and e.value.column >= 1


def test_results_writer_and_row_cap():
    store = ox.Store()
    for i in range(5):
        store.add(ox.Quad(ox.NamedNode(f"http://x/{i}"), ox.NamedNode("http://x/p"), ox.Literal(f"v{i}", language="en")))
    res = store.query("SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?s")
    rows, cut = take(res, 3)
    assert cut and len(rows) == 3
    doc = json.loads(write_solutions(["s", "o"], rows, RESULT_FORMATS[0]))
    assert doc["results"]["bindings"][0]["o"] == {"type": "literal", "value": "v0", "xml:lang": "en"}
    rows, cut = take(store.query("SELECT ?s WHERE { ?s ?p ?o }"), 5)
    assert not cut and len(rows) == 5


def _rq(tmp_path: Path, header: str) -> Path:
    p = tmp_path / "q.rq"
    p.write_text(header + "\nSELECT ?x WHERE { ?x ?p ?o }\n", encoding="utf-8")
    return p


def test_named_query_header_and_binding(tmp_path):
    q = parse_named_query(_rq(tmp_path, "# title: T\n# description: D\n# param: x iri market/a The market\n"
                                        "# param: n integer - How many"))
    assert (q.title, q.description, [p.name for p in q.params]) == ("T", "D", ["x", "n"])
    b = q.bindings({"n": "3"}, "http://b")
    assert b == {"x": ("iri", "http://b/id/market/a"), "n": ("literal", "3", "http://www.w3.org/2001/XMLSchema#integer", None)}
    with pytest.raises(ParamError, match="required"):
        q.bindings({}, "http://b")
    with pytest.raises(ParamError, match="integer"):
        q.bindings({"n": "3 } UNION {"}, "http://b")
    with pytest.raises(ParamError, match="IRI"):
        q.bindings({"n": "1", "x": "http://e/> ?s ?p"}, "http://b")
    with pytest.raises(CatalogError):
        parse_named_query(_rq(tmp_path, "# title: T\n# param: x colour red A colour"))
