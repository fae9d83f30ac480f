"""Limits that hold on a real server: the timeout stops the work while others are served; SERVICE, LOAD and
remote FROM never open a connection; updates need the setting and the token."""
from __future__ import annotations

import os
import signal
import socket
import threading
import time
from pathlib import Path

import httpx
import pytest

from conftest import FIXTURE_BASE, FIXTURES, load_trig_store

pytestmark = pytest.mark.server

MG = "https://w3id.org/marketgraph/ontology#"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


def children(pid: int) -> set[int]:
    """The query worker processes of a server (spawned children; not multiprocessing's resource tracker)."""
    out: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            try:
                cmd = Path(f"/proc/{child}/cmdline").read_bytes()
            except FileNotFoundError:
                continue
            if b"spawn_main" in cmd:
                out.add(int(child))
    return out


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.split(")")[1].split()[0] != "Z"


def niceness(pid: int) -> int:
    """The nice value of a process (/proc/PID/stat field 19)."""
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().split(")")[1].split()[16])
    except FileNotFoundError:
        return 0


@pytest.fixture(scope="module")
def slow_server(start_server, fixture_store):
    return start_server(fixture_store, query_timeout=2, query_workers=2)


def test_runaway_query_is_stopped_while_another_client_is_served(slow_server):
    workers_before = children(slow_server.process.pid)
    assert len(workers_before) == 4  # two quick-lane and two slow-lane workers
    outcome: dict = {}

    def runaway() -> None:
        t0 = time.monotonic()
        r = httpx.get(slow_server.sparql, params={"query": RUNAWAY}, timeout=30)
        outcome["status"], outcome["body"], outcome["took"] = r.status_code, r.json(), time.monotonic() - t0

    t = threading.Thread(target=runaway)
    t.start()
    time.sleep(0.5)  # the runaway query is now running in one worker
    t0 = time.monotonic()
    quick = httpx.get(slow_server.sparql, params={"query": f"ASK {{ ?f <{MG}rank> 1 }}"}, timeout=10)
    quick_took = time.monotonic() - t0
    assert "status" not in outcome, "the runaway query should still be running"
    assert quick.status_code == 200 and quick.json()["boolean"] is True
    assert quick_took < 1.5, f"the second client waited {quick_took:.2f} s"
    t.join(30)
    assert outcome["status"] == 503 and outcome["body"]["error"]["title"] == "query timeout"
    assert 1.9 < outcome["took"] < 6, outcome["took"]
    # the worker that ran it was killed (not left spinning) and replaced
    killed = [pid for pid in workers_before if not alive(pid)]
    assert len(killed) == 1
    deadline = time.monotonic() + 30
    while len(children(slow_server.process.pid) - set(killed)) < 4 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len({p for p in children(slow_server.process.pid) if alive(p)}) == 4
    again = httpx.get(slow_server.sparql, params={"query": "ASK {}"}, timeout=10)
    assert again.status_code == 200


# --- nothing leaves the machine ------------------------------------------------------------------------------------

@pytest.fixture()
def listener():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    sock.settimeout(0.4)  # any connection would have come before the 400 answer
    yield sock
    sock.close()


def assert_no_connection(sock: socket.socket) -> None:
    try:
        conn, _ = sock.accept()
    except socket.timeout:
        return
    conn.close()
    pytest.fail("the server opened a connection to the listener")


@pytest.mark.parametrize("template", [
    "SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SERVICE SILENT <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
    "PREFIX r: <http://127.0.0.1:{port}/>\nSELECT * WHERE {{ ?x ?y ?z OPTIONAL {{ SERVICE r:q {{ ?s ?p ?o }} }} }}",
    "SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }} }} }}",
    "SELECT * WHERE {{ VALUES ?e {{ <http://127.0.0.1:{port}/> }} SERVICE ?e {{ ?s ?p ?o }} }}",
    "ASK {{ FILTER EXISTS {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }} }}",
    "SELECT * FROM <http://127.0.0.1:{port}/data.ttl> WHERE {{ ?s ?p ?o }}",
    "SELECT * FROM NAMED <http://127.0.0.1:{port}/data.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
])
def test_remote_requests_are_refused_before_any_connection(server, listener, template):
    port = listener.getsockname()[1]
    query = template.format(port=port)
    for send in (lambda: httpx.get(server.sparql, params={"query": query}, timeout=10),
                 lambda: httpx.post(server.sparql, content=query.encode(), timeout=10,
                                    headers={"Content-Type": "application/sparql-query"})):
        r = send()
        assert r.status_code == 400, r.text
        assert r.json()["error"]["title"] == "query refused"
    assert_no_connection(listener)


def test_default_graph_uri_of_an_unknown_graph_is_an_empty_graph_never_fetched(server, listener):
    port = listener.getsockname()[1]
    r = httpx.get(server.sparql, params={"query": "ASK { ?s ?p ?o }",
                                         "default-graph-uri": f"http://127.0.0.1:{port}/g"})
    assert r.status_code == 200 and r.json()["boolean"] is False
    assert_no_connection(listener)


def test_the_word_service_inside_a_literal_or_iri_is_not_refused(server):
    q = ('SELECT ?x WHERE { BIND("SERVICE <http://127.0.0.1:9/> { }" AS ?x) '
         'OPTIONAL { ?x <http://example.org/SERVICE> ?y } }')
    r = httpx.get(server.sparql, params={"query": q})
    assert r.status_code == 200, r.text
    assert r.json()["results"]["bindings"][0]["x"]["value"].startswith("SERVICE")


# --- updates ---------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def writable_server(start_server, tmp_path_factory):
    store = load_trig_store(FIXTURES / "sparql" / "dataset.trig", tmp_path_factory.mktemp("upd") / "store")
    return start_server(store, update_enabled=True, update_token="s3cret-test-token")


def test_update_needs_the_bearer_token(writable_server, listener):
    g = f"{FIXTURE_BASE}/graph/fixture-results-2031-q2"
    update = f"INSERT DATA {{ GRAPH <{g}> {{ <{FIXTURE_BASE}/id/x/new> <{MG}note> \"added\" }} }}"
    ask = {"query": f"ASK {{ ?s <{MG}note> \"added\" }}"}
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic s3cret-test-token"}):
        r = httpx.post(writable_server.sparql, data={"update": update}, headers=headers)
        assert r.status_code == 403, r.text
    assert httpx.get(writable_server.sparql, params=ask).json()["boolean"] is False
    ok = httpx.post(writable_server.sparql, content=update.encode(),
                    headers={"Content-Type": "application/sparql-update",
                             "Authorization": "Bearer s3cret-test-token"})
    assert ok.status_code == 204, ok.text
    assert httpx.get(writable_server.sparql, params=ask).json()["boolean"] is True
    # even with the token, LOAD is refused and never fetches
    port = listener.getsockname()[1]
    load = httpx.post(writable_server.sparql, data={"update": f"LOAD <http://127.0.0.1:{port}/x.ttl>"},
                      headers={"Authorization": "Bearer s3cret-test-token"})
    assert load.status_code == 400 and "LOAD" in load.json()["error"]["detail"]
    assert_no_connection(listener)


# --- fair lanes: slow queries never take the quick lane's workers -------------------------------------------------------

ANCHORED_RUNAWAY = (f"SELECT (COUNT(*) AS ?n) WHERE {{ ?f <{MG}rank> 1 . ?a ?b ?c . ?d ?e ?g . ?h ?i ?j . ?k ?l ?m }}")
CHEAP = f"ASK {{ ?f <{MG}rank> 3 }}"


@pytest.fixture(scope="module")
def lanes_server(start_server, fixture_store):
    return start_server(fixture_store, query_timeout=3, quick_query_budget=1.0, query_workers=2,
                        slow_query_workers=1, slow_queries_per_client=2, query_queue_wait=0.5)


def _in_thread(url: str, query: str, out: list) -> threading.Thread:
    def go() -> None:
        r = httpx.get(url, params={"query": query}, timeout=30)
        out.append((r.status_code, r.json(), dict(r.headers)))
    t = threading.Thread(target=go)
    t.start()
    return t


def test_cheap_queries_are_answered_while_slow_ones_fill_the_slow_lane(lanes_server):
    slow: list = []
    threads = [_in_thread(lanes_server.sparql, RUNAWAY, slow) for _ in range(2)]
    time.sleep(0.8)  # one runaway runs in the only slow worker, the other waits in its queue
    answers = [httpx.get(lanes_server.sparql, params={"query": CHEAP}, timeout=10) for _ in range(20)]
    assert [r.status_code for r in answers] == [200] * 20, [r.text for r in answers if r.status_code != 200][:3]
    for t in threads:
        t.join(30)
    titles = sorted(body["error"]["title"] for _, body, _ in slow)
    assert titles == ["busy", "query timeout"], titles
    busy = next(headers for _, body, headers in slow if body["error"]["title"] == "busy")
    assert busy.get("retry-after") == "1"


def test_a_query_that_overruns_the_quick_budget_moves_to_the_slow_lane(lanes_server):
    """Anchored on a constant (so it starts in the quick lane) but a cross product: it is not stopped at the
    quick budget (1 s) but moved, and runs until the full timeout (3 s)."""
    t0 = time.monotonic()
    r = httpx.get(lanes_server.sparql, params={"query": ANCHORED_RUNAWAY}, timeout=30)
    took = time.monotonic() - t0
    assert r.status_code == 503 and r.json()["error"]["title"] == "query timeout"
    assert took >= 3.0, "stopped at the end of the full timeout, not at the quick budget"
    again = httpx.get(lanes_server.sparql, params={"query": CHEAP}, timeout=10)
    assert again.status_code == 200


def test_per_client_slow_limit_is_429_with_retry_after(start_server, fixture_store):
    server = start_server(fixture_store, query_timeout=2, slow_query_workers=2, slow_queries_per_client=1)
    out: list = []
    t = _in_thread(server.sparql, RUNAWAY, out)
    time.sleep(0.5)
    r = httpx.get(server.sparql, params={"query": RUNAWAY}, timeout=10)
    assert r.status_code == 429 and r.headers["retry-after"] == "1"
    assert "MARKETGRAPH_SLOW_QUERIES_PER_CLIENT" in r.json()["error"]["detail"]
    t.join(30)
    assert out[0][0] == 503


def test_a_worker_that_dies_is_replaced_and_its_client_told_why(lanes_server):
    before = {p for p in children(lanes_server.process.pid) if alive(p)}
    out: list = []
    t = _in_thread(lanes_server.sparql, RUNAWAY, out)
    time.sleep(0.8)
    slow_lane = [p for p in before if niceness(p) > 0]  # the one slow-lane worker runs at a lower priority
    assert len(slow_lane) == 1
    os.kill(slow_lane[0], signal.SIGKILL)
    t.join(30)
    status, body, headers = out[0]
    assert status == 503 and body["error"]["title"] == "query worker died" and headers.get("retry-after") == "1"
    deadline = time.monotonic() + 30
    while len({p for p in children(lanes_server.process.pid) if alive(p)}) < len(before) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len({p for p in children(lanes_server.process.pid) if alive(p)}) == len(before)
    assert httpx.get(lanes_server.sparql, params={"query": CHEAP}).status_code == 200
