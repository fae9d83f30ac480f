"""The query service's parts alone: Accept parsing and negotiation, the guard, result writers and the row cap,
named-query headers and parameter binding."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pyoxigraph as ox
import pytest

from marketgraph.api.sparql.catalog import CatalogError, ParamError, parse_named_query
from marketgraph.api.sparql.guard import QuerySyntaxError, Refused, inspect_query, inspect_update, refuse_remote
from marketgraph.api.sparql.negotiation import RESULT_FORMATS, NotAcceptable, negotiate, parse_accept, prefers_html
from marketgraph.api.sparql.results import RESULT_FORMATS_OX, count_and_cut, take, write_solutions

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
    # format names that map to no format of this result, or to two different ones, leave the choice to Accept
    assert negotiate("select", "text/csv", ("json", "csv")).key == "csv"
    assert negotiate("construct", "application/rdf+xml", ("json-ld-x",)).key == "rdfxml"
    assert negotiate("construct", "text/turtle", ("rdf+xml", "application/rdf+xml")).key == "rdfxml"


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


def test_lexical_errors_carry_line_and_column():
    with pytest.raises(QuerySyntaxError) as e:
        inspect_query("PREFIX x: <http://x/>\nSELECT * WHERE {\n  ?s ?p 'open \n}")
    assert (e.value.line, e.value.column) == (3, 9)
    with pytest.raises(QuerySyntaxError, match="not declared"):
        inspect_query("SELECT * WHERE {\n ?s y:p ?o }")


def _store(n: int) -> ox.Store:
    store = ox.Store()
    for i in range(n):
        store.add(ox.Quad(ox.NamedNode(f"http://x/{i}"), ox.NamedNode("http://x/p"),
                          ox.Literal(f"v{i}" + ('\r\n"q",\t<result>},{' if i % 2 else ""), language="en")))
    return store


def _rows(body: bytes, fmt: str) -> list[tuple]:
    """(s, o) values of each row, read back with a reader of that format (Python's csv for CSV)."""
    if fmt == "csv":
        table = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
        return [tuple(r) for r in table[1:]]
    return [tuple(t.value if t is not None else "" for t in r)
            for r in ox.parse_query_results(body, format=RESULT_FORMATS_OX[fmt])]


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_pyoxigraph_writers_and_the_row_cap(fmt):
    """Rows are counted and the one past the cap is cut on each format's own row boundary, even when values
    hold quotes, line breaks and the other formats' row markers."""
    store = _store(5)
    body, rows, cut = write_solutions(store.query("SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 4"),
                                      fmt, 3, True)
    assert (rows, cut) == (3, True)
    parsed = _rows(body, fmt)
    assert [r[0] for r in parsed] == [f"http://x/{i}" for i in range(3)]
    assert parsed[1][1] == 'v1\r\n"q",\t<result>},{'
    body, rows, cut = write_solutions(store.query("SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 4"),
                                      fmt, 4, True)
    assert (rows, cut) == (4, False)
    assert len(_rows(body, fmt)) == 4


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_row_counting_of_empty_and_unbound_rows(fmt):
    store = ox.Store()
    body = store.query("SELECT ?x WHERE { VALUES ?x { UNDEF UNDEF UNDEF } }").serialize(format=RESULT_FORMATS_OX[fmt])
    cut_body, rows, cut = count_and_cut(body, fmt, 2)
    assert (rows, cut) == (2, True)
    assert len(_rows(cut_body, fmt)) == 2
    empty = store.query("SELECT ?x WHERE { FILTER(false) }").serialize(format=RESULT_FORMATS_OX[fmt])
    assert count_and_cut(empty, fmt, 2)[1:] == (0, False)


def test_take_caps_triples():
    rows, cut = take(iter(range(5)), 3)
    assert cut and rows == [0, 1, 2]
    assert take(iter(range(3)), 3) == ([0, 1, 2], False)


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


# --- named-query parameters written in as constants ---------------------------------------------------------------

def test_parameters_are_written_in_where_their_variable_stands():
    from marketgraph.api.sparql.rewrite import render_term, substitute

    q = ("PREFIX mg: <https://w3id.org/marketgraph/ontology#>\n"
         "SELECT DISTINCT ?subject ?value WHERE { ?f mg:subject ?subject ; mg:value ?value "
         "FILTER(?subject != <urn:x>) } ORDER BY ?subject ?value")
    text = substitute(inspect_query(q), {"subject": render_term(("iri", "http://b/id/organisation/acme"))})
    assert "SELECT DISTINCT (<http://b/id/organisation/acme> AS ?subject) ?value" in text
    assert "mg:subject" not in text and "<https://w3id.org/marketgraph/ontology#subject> <http://b/id/organisation/acme>" in text
    assert "FILTER(<http://b/id/organisation/acme> != <urn:x>)" in text
    assert "ORDER BY (<http://b/id/organisation/acme>) ?value" in text
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:f"), ox.NamedNode("https://w3id.org/marketgraph/ontology#subject"),
                      ox.NamedNode("http://b/id/organisation/acme")))
    store.add(ox.Quad(ox.NamedNode("urn:f"), ox.NamedNode("https://w3id.org/marketgraph/ontology#value"),
                      ox.Literal("3", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))))
    rows = list(store.query(inspect_query(text).text))
    assert [(r["subject"].value, r["value"].value) for r in rows] == [("http://b/id/organisation/acme", "3")]


def test_parameter_values_cannot_change_the_query():
    from marketgraph.api.sparql.rewrite import RewriteError, render_term

    assert render_term(("literal", 'a" } ; DROP ALL ; #', "http://www.w3.org/2001/XMLSchema#string", None)) == \
        '"a\\" } ; DROP ALL ; #"^^<http://www.w3.org/2001/XMLSchema#string>'
    for bad in ("http://e/> ?s ?p", "http://e/a b", "http://e/\x00", "relative/iri", ""):
        with pytest.raises(RewriteError):
            render_term(("iri", bad))


def test_a_parameter_that_cannot_be_a_constant_is_refused_at_load(tmp_path):
    from marketgraph.api.sparql.catalog import check_substitutable

    for body in ("SELECT ?x WHERE { BIND(1 AS ?x) }", "SELECT ?x WHERE { VALUES ?x { 1 } }",
                 "SELECT ?y WHERE { ?y ?p ?o FILTER(BOUND(?x)) }"):
        p = tmp_path / "q.rq"
        p.write_text("# title: T\n# param: x iri market/a The market\n" + body + "\n", encoding="utf-8")
        with pytest.raises(CatalogError, match="x"):
            check_substitutable(parse_named_query(p))
