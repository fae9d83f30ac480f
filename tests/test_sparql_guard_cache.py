"""The guard's cost is paid once per distinct query text (and settings), never by a second parser, and the cache
never lets a text pass that the guard would refuse (issue 12, item 3). Counted with a double around the guard's
reading of a text, not timed."""
from __future__ import annotations

import pytest

from marketgraph.api.sparql import guard
from marketgraph.api.sparql.guard import Limits, Refused, inspect_query, refuse_remote

DERIVED = ("PREFIX prov: <http://www.w3.org/ns/prov#> SELECT ?f FROM <http://127.0.0.1:8000/graph/q> "
           "WHERE { ?f prov:wasDerivedFrom ?d } LIMIT 5")


@pytest.fixture
def counted(monkeypatch):
    """Every reading of a text by the guard, counted; the cache emptied before and after."""
    calls: list[str] = []
    real = guard._inspect

    def counting(text, kind, base, limits):
        calls.append(text)
        return real(text, kind, base, limits)

    monkeypatch.setattr(guard, "_inspect", counting)
    inspect_query.cache_clear()
    yield calls
    inspect_query.cache_clear()


def test_a_repeated_query_is_guarded_once(counted):
    first = inspect_query(DERIVED, "http://127.0.0.1:8000")
    for _ in range(5):
        assert inspect_query(DERIVED, "http://127.0.0.1:8000") is first
    assert counted == [DERIVED]
    inspect_query(DERIVED, "http://127.0.0.1:8000", Limits(max_patterns=8))   # other settings: judged again
    inspect_query(DERIVED + " ", "http://127.0.0.1:8000")                     # another text: judged again
    assert len(counted) == 3


def test_a_query_containing_from_is_read_by_no_second_parser(counted, monkeypatch):
    import rdflib.plugins.sparql.parser as rdflib_parser

    def no(*_a, **_k):
        raise AssertionError("rdflib parsed a query the guard had judged")

    monkeypatch.setattr(rdflib_parser, "parseQuery", no)
    monkeypatch.setattr(rdflib_parser, "parseUpdate", no)
    insp = inspect_query(DERIVED, "http://127.0.0.1:8000")
    refuse_remote(insp, frozenset(), "http://127.0.0.1:8000")   # a graph under the base: allowed
    assert insp.dataset == ("http://127.0.0.1:8000/graph/q",) and counted == [DERIVED]


@pytest.mark.parametrize("spelling", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    'SELECT * WHERE { BIND("\\u0022" AS ?x) SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }',
    "SELECT * WHERE { # comment\n SeRvIcE <http://127.0.0.1:9/> { ?s ?p ?o } }",
])
def test_a_cached_reading_is_never_reused_for_another_spelling(counted, spelling):
    plain = "SELECT * WHERE { ?s ?p ?o }"
    inspect_query(plain)
    for _ in range(2):   # what is cached is the reading (SERVICE found); the refusal is applied on every request
        with pytest.raises(Refused):
            refuse_remote(inspect_query(spelling), frozenset())
    assert counted.count(plain) == 1 and counted.count(spelling) == 1
