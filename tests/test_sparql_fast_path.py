"""The /sparql fast path (api/sparql/fastpath.py) and answers on the event loop (QueryService.answer_now).

The fast path must be invisible: a server with it and one without (``sparql_fast_path=False``, every request
through FastAPI's route) give the same status, headers and bytes for answers, refusals, malformed queries and
pages. The event loop answers only texts the guard judged before and whose work is bounded; a query that would
read more rows than the probe is left to the usual path.
"""
from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from conftest import FIXTURE_BASE, load_trig_store
from marketgraph.api.sparql.guard import inspect_query
from marketgraph.api.sparql.lanes import ON_LOOP_ROWS, bounded
from marketgraph.api.sparql.service import QueryService
from marketgraph.graph.settings import Settings

MG = "https://w3id.org/marketgraph/ontology#"
SPAIN = f"{FIXTURE_BASE}/id/market/spain"
ORIGIN = "https://app.example"
JSON = "application/sparql-results+json"
RANKINGS = f"PREFIX mg: <{MG}>\nSELECT ?market ?rank WHERE {{ ?f a mg:Ranking ; mg:market ?market ; mg:rank ?rank }} " \
           "ORDER BY ?rank"
LOOKUP = f"SELECT ?p ?o WHERE {{ <{SPAIN}> ?p ?o }}"

# (method, params, headers, body): answers on every lane, each results format, refusals, malformed requests, pages
CASES = [
    ("GET", {"query": "ASK {}"}, {"Accept": JSON}, None),
    ("GET", {"query": "ASK {}"}, {"Accept": "application/sparql-results+xml"}, None),
    ("GET", {"query": LOOKUP}, {"Accept": JSON}, None),
    ("GET", {"query": LOOKUP}, {"Accept": JSON}, None),                 # the second time: judged, on the loop
    ("GET", {"query": LOOKUP, "format": "csv"}, {}, None),
    ("GET", {"query": LOOKUP}, {"Accept": "text/tab-separated-values"}, None),
    ("GET", {"query": LOOKUP, "default-graph-uri": f"{FIXTURE_BASE}/graph/fixture-results-2031-q2"}, {}, None),
    ("GET", {"query": RANKINGS}, {"Accept": JSON}, None),               # quick lane
    ("GET", {"query": "SELECT * WHERE { ?s ?p ?o }"}, {"Accept": JSON}, None),  # slow lane, cut at the row cap
    ("GET", {"query": f"CONSTRUCT {{ <{SPAIN}> ?p ?o }} WHERE {{ <{SPAIN}> ?p ?o }}"}, {"Accept": "text/turtle"},
     None),
    ("GET", {"query": f"DESCRIBE <{SPAIN}>"}, {"Accept": "application/n-triples"}, None),
    ("POST", {}, {"Content-Type": "application/x-www-form-urlencoded"}, f"query={LOOKUP}".encode()),
    ("POST", {}, {"Content-Type": "application/sparql-query", "Accept": JSON}, LOOKUP.encode()),
    ("GET", {"query": "SELECT ?s\nWHERE { ?s ?p }"}, {}, None),        # malformed: 400 with line and column
    ("GET", {"query": "SELECT * WHERE { ?s ?p }"}, {}, None),
    ("GET", {"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"}, {}, None),
    ("GET", {"query": "SELECT * FROM <http://127.0.0.1:9/g.ttl> WHERE { ?s ?p ?o }"}, {}, None),
    ("GET", {"query": "{" * 40 + "}" * 40}, {}, None),                   # over the depth budget
    ("GET", {"query": LOOKUP}, {"Accept": "image/png"}, None),           # 406
    ("GET", {"query": LOOKUP, "default-graph-uri": "not an iri"}, {}, None),
    ("GET", {"query": [LOOKUP, LOOKUP]}, {}, None),                      # two queries
    ("GET", {"update": "CLEAR ALL"}, {}, None),                          # update through GET
    ("POST", {}, {"Content-Type": "application/sparql-update"}, b"LOAD <http://127.0.0.1:9/x.ttl>"),  # 403
    ("POST", {}, {"Content-Type": "text/plain"}, LOOKUP.encode()),       # 415
    ("POST", {}, {"Content-Type": "application/x-www-form-urlencoded"}, b"format=json"),  # no query
    ("POST", {}, {"Content-Type": "application/sparql-query; charset=latin-1"}, LOOKUP.encode()),
    ("POST", {}, {"Content-Type": "application/sparql-query"}, b"ASK { \xff }"),  # not UTF-8
    ("POST", {}, {"Content-Type": "application/sparql-query"},
     ("ASK { " + "<urn:x> <urn:y> <urn:z> . " * 3000 + "}").encode()),  # 413
    ("PUT", {}, {}, b"x"),                                               # 405, FastAPI's answer on both
    ("GET", {}, {"Accept": "text/turtle"}, None),                        # the service description
    ("GET", {}, {"Accept": "text/html"}, None),                          # the editor
    ("GET", {"query": LOOKUP}, {"Accept": "text/html"}, None),           # a browser following a query link
]
IGNORED_HEADERS = {"date", "server"}


@pytest.fixture(scope="module")
def pair(start_server, fixture_store):
    """The same settings twice: with the fast path, and with every request through FastAPI's route."""
    fast = start_server(fixture_store, max_rows=50, cors_origins=ORIGIN)
    route = start_server(fixture_store, max_rows=50, cors_origins=ORIGIN, sparql_fast_path=False)
    return fast, route


def _send(server, method: str, params: dict, headers: dict, body) -> tuple[int, list[tuple[str, str]], bytes]:
    r = httpx.request(method, server.sparql, params=params, headers=headers, content=body, timeout=30)
    kept = sorted((k, v) for k, v in r.headers.multi_items() if k not in IGNORED_HEADERS)
    return r.status_code, kept, r.content.replace(server.url.encode(), b"SERVER")


@pytest.mark.server
@pytest.mark.parametrize("origin", [None, ORIGIN])
def test_the_fast_path_and_the_route_give_the_same_bytes(pair, origin):
    fast, route = pair
    answers = []
    for method, params, headers, body in CASES:
        headers = {**headers, **({"Origin": origin} if origin else {})}
        a, b = _send(fast, method, params, headers, body), _send(route, method, params, headers, body)
        assert a == b, (method, params, headers)
        answers.append(a)
    assert answers[2] == answers[3] and b'"bindings":[{' in answers[3][2]  # off the loop, then on it: the same
    assert [a[0] for a in answers] == [200] * 13 + [400] * 5 + [406, 400, 400, 400, 403, 415, 400, 400, 400, 413, 405, 200, 200, 200]


@pytest.mark.server
def test_errors_keep_the_envelope_and_the_position(pair):
    fast, _ = pair
    r = httpx.get(fast.sparql, params={"query": "SELECT ?s\nWHERE { ?s ?p }"})
    err = r.json()["error"]
    assert (r.status_code, err["status"], err["title"], err["line"]) == (400, 400, "SPARQL syntax error", 2)
    r = httpx.get(fast.sparql, params={"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"})
    assert (r.status_code, r.json()["error"]["title"]) == (400, "query refused")
    r = httpx.get(fast.sparql, params={"query": "ASK {}"}, headers={"Origin": ORIGIN})
    assert r.headers["access-control-allow-origin"] == ORIGIN and r.json() == {"head": {}, "boolean": True}


def test_bounded_queries_are_those_the_loop_may_run():
    s = "<http://example.org/s>"
    assert [bounded(inspect_query(q)) for q in (
        "ASK {}",
        f"SELECT ?p ?o WHERE {{ {s} ?p ?o }}",
        f"ASK {{ {s} <http://example.org/p> ?o }}",
        f"SELECT * WHERE {{ {s} ?p ?o }} LIMIT 5",
    )] == [True, True, True, True]
    assert [bounded(inspect_query(q)) for q in (
        f"SELECT DISTINCT ?p WHERE {{ {s} ?p ?o }}",                 # could skip any number of equal rows
        f"SELECT ?p WHERE {{ {s} ?p ?o }} OFFSET 5",                  # could skip any number of rows
        f"SELECT * WHERE {{ {s} ?p ?o . <http://example.org/t> ?q ?o }}",  # a join
        f"SELECT * WHERE {{ {s} ?p ?o ; ?q ?r }}",                    # two patterns
        f"DESCRIBE {s}",
        f"SELECT (COUNT(*) AS ?n) WHERE {{ {s} ?p ?o }}",
        "SELECT * WHERE { ?s ?p ?o } LIMIT 1",                        # no constant subject
        f"SELECT * WHERE {{ {s} <http://example.org/p>* ?o }}",
    )] == [False] * 8


def _store_with_one_subject(tmp_path: Path, triples: int) -> Path:
    trig = tmp_path / "one.trig"
    rows = "\n".join(f"  <http://example.org/s> <http://example.org/p{i:04d}> {i} ." for i in range(triples))
    trig.write_text(f"<http://example.org/g> {{\n{rows}\n}}\n", encoding="utf-8")
    return load_trig_store(trig, tmp_path / "store")


@pytest.mark.parametrize("triples, on_loop", [(ON_LOOP_ROWS, True), (ON_LOOP_ROWS + 1, False)])
def test_the_loop_answers_a_judged_text_only_within_the_probe(tmp_path, triples, on_loop):
    service = QueryService(Settings(store=_store_with_one_subject(tmp_path, triples), base_iri=FIXTURE_BASE))
    q = "SELECT ?p ?o WHERE { <http://example.org/s> ?p ?o }"
    assert service.answer_now(q, accept=JSON) is None     # never judged: the loop does not tokenise it
    usual = service.query(q, accept=JSON)                  # inline lane, off the loop (no worker needed)
    assert (usual.status, usual.rows, usual.truncated) == (200, triples, False)
    now = service.answer_now(q, accept=JSON)
    if on_loop:
        assert now is not None and (now.status, now.body, now.rows) == (200, usual.body, triples)
        refused = service.answer_now(q, accept="image/png")
        assert refused is not None and refused.status == 406
    else:
        assert now is None                                  # more rows than the probe reads: the usual path


def test_the_loop_leaves_the_row_cap_to_the_usual_path(tmp_path):
    service = QueryService(Settings(store=_store_with_one_subject(tmp_path, 5), base_iri=FIXTURE_BASE, max_rows=3))
    q = "SELECT ?p ?o WHERE { <http://example.org/s> ?p ?o }"
    usual = service.query(q, accept=JSON)
    assert (usual.rows, usual.truncated) == (3, True)
    assert service.answer_now(q, accept=JSON) is None
    assert service.answer_now("ASK { <http://example.org/s> ?p 4 }", accept=JSON) is None  # not judged yet
    service.query("ASK { <http://example.org/s> ?p 4 }", accept=JSON)
    assert service.answer_now("ASK { <http://example.org/s> ?p 4 }", accept=JSON).body == b'{"head":{},"boolean":true}'


def test_the_loop_never_opens_a_generation(tmp_path):
    service = QueryService(Settings(store=_store_with_one_subject(tmp_path, 3), base_iri=FIXTURE_BASE))
    q = "ASK { <http://example.org/s> ?p 2 }"
    assert service.query(q, accept=JSON).body == b'{"head":{},"boolean":true}'
    assert service.answer_now(q, accept=JSON) is not None
    service.epoch += 1                                      # as after an update: every reader reopens the store
    assert service.answer_now(q, accept=JSON) is None       # opening it is left to the usual path
    assert service.query(q, accept=JSON).status == 200
    assert service.answer_now(q, accept=JSON).body == b'{"head":{},"boolean":true}'


def test_a_text_that_once_held_the_loop_too_long_is_answered_off_it_after(tmp_path):
    service = QueryService(Settings(store=_store_with_one_subject(tmp_path, 3), base_iri=FIXTURE_BASE))
    q = "SELECT ?p ?o WHERE { <http://example.org/s> ?p ?o }"
    usual = service.query(q, accept=JSON)
    service.on_loop_budget = 0.0                            # every answer on the loop counts as too long
    now = service.answer_now(q, accept=JSON)
    assert now is not None and now.body == usual.body       # this one was answered; the text is marked
    assert service.answer_now(q, accept=JSON) is None
    assert service.query(q, accept=JSON).body == usual.body
    assert service.answer_now(q, accept=JSON) is None       # still off the loop
