"""A bounded, deterministic fuzz of every route of the application over loopback: no request gets a 5xx, every
JSON error is the one envelope, and the server is healthy afterwards.

The routes are read from the app itself (so a new route is fuzzed without editing this file); each request fills a
route's path and query parameters, method, headers and body from lists of hostile values (NUL and invalid
percent-escapes, huge and non-finite numbers, deep JSON, non-UTF-8 bytes, hostile SPARQL). A fixed seed makes every
run send the same requests.
"""
from __future__ import annotations

import http.client
import json
import random
import re
import socket
from urllib.parse import quote

import pytest

from conftest import FIXTURE_BASE

pytestmark = pytest.mark.server

REQUESTS = 10000
SEED = 20261207

NASTY = [
    "", " ", "a b", "%00", "a%00b", "%", "%zz", "%C3%28", "%FF%FE", "..%2F..%2Fetc%2Fpasswd", "../../etc/passwd",
    "%22", "%3Cscript%3E", "x" * 3000, "1e999", "-1e999", "NaN", "Infinity", "-1", "0", "99999999999999999999999",
    "[1]", "%7B%7D", "null", "true", "%E2%80%AE", "%F0%9F%98%80", "%5Cu0000", "%5CU0011FFFF", "product%2Fa%20b",
    "product/a%20b", "market/spain", "organisation/acme-devices", "http%3A%2F%2F127.0.0.1%3A1%2F", "a\u00e9", "%0A%0D",
]
SPARQL = [
    "ASK {}", "SELECT * WHERE { ?s ?p ?o } LIMIT 3", "SELECT * WHERE { SERVICE ?svc { ?s ?p ?o } }",
    'SELECT * WHERE { BIND("\\u0022" AS ?x) SERVICE <http://127.0.0.1:1/> {} }', "SELECT * WHERE {" * 40,
    "SELECT (COUNT(*) AS ?n) WHERE " + "{" * 3000 + "}" * 3000, "SELECT * WHERE { ?s ?p " + "(" * 60 + ")" * 60 + "}",
    'SELECT ?x WHERE { BIND("\\UFFFFFFFF" AS ?x) }', "from " + "(" * 25 + ")" * 25, "DESCRIBE <a%00b>",
    "CONSTRUCT WHERE { ?s ?p ?o }", "LOAD <http://127.0.0.1:1/>", "SELECT ?x FROMNAMED<http://x/> {}",
]
ACCEPTS = [None, "*/*", "text/html", "application/json", "application/ld+json", "text/turtle", "image/png",
           "application/sparql-results+json;q=0", "text/csv", ";;;,,,", "*/*;q=abc", "application/rdf+xml",
           "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"]
CTYPES = [None, "application/x-www-form-urlencoded", "application/json", "application/sparql-query",
          "application/sparql-update", "multipart/form-data; boundary=x", "text/plain; charset=utf-16", "garbage"]


def _deep(n: int) -> str:
    return "[" * n + "]" * n


JSON_BODIES = [
    "{}", "[]", "null", "1", '"x"', _deep(2000), '{"q0": {"query": "mix"}}', '{"q0": {"query": 5}}',
    '{"q0": {"query": "a", "limit": "abc"}}', '{"q0": {"query": "a", "limit": 1e999}}',
    '{"q0": {"query": "a", "limit": [1]}}', '{"q0": {"query": "a", "type": 5}}',
    '{"q0": {"query": "a", "properties": [1]}}', '{"q0": {"query": "a", "properties": [{"pid": 1, "v": {}}]}}',
    '{"q0": []}', '{"q0": {"query": "' + "x" * 5000 + '"}}', "{" + ",".join(f'"q{i}": {{"query": "a"}}' for i in range(300)) + "}",
    "NaN", '{"q0": {"query": NaN}}', "\xff\xfe",
]


def _routes(app) -> list[tuple[str, set[str]]]:
    """(path, methods) of every route, looking into included routers (FastAPI keeps them nested)."""
    out: list[tuple[str, set[str]]] = []

    def walk(routes, prefix: str) -> None:
        for r in routes:
            inner = getattr(r, "original_router", None)
            if inner is not None:
                ctx = getattr(r, "include_context", None)
                walk(inner.routes, prefix + (getattr(ctx, "prefix", "") or ""))
            elif getattr(r, "path", None):
                out.append((prefix + r.path, set(getattr(r, "methods", None) or {"GET"})))
    walk(app.routes, "")
    return sorted(set((p, frozenset(m)) for p, m in out), key=lambda x: x[0])  # type: ignore[misc]


def _connect(port: int) -> http.client.HTTPConnection:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.connect()
    conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # no 40 ms Nagle/delayed-ACK stalls
    return conn


def _fill(path: str, rng: random.Random) -> str:
    def one(m: re.Match) -> str:
        value = rng.choice(NASTY)
        return value if ":path" in m.group(0) or rng.random() < 0.7 else quote(value, safe="")
    return re.sub(r"\{[^}]+\}", one, path)


def _query_string(rng: random.Random, route: str) -> str:
    names = ["q", "query", "id", "type", "limit", "prefix", "callback", "format", "page", "subject", "metric",
             "default-graph-uri", "named-graph-uri", "queries", "update", "output", "results", "lang"]
    pairs = []
    for _ in range(rng.randrange(0, 4)):
        name = rng.choice(names)
        if name in ("query", "update"):
            value = quote(rng.choice(SPARQL), safe="")
        elif name == "queries":
            value = quote(rng.choice(JSON_BODIES), safe="")
        else:
            value = rng.choice(NASTY)
        pairs.append(f"{name}={value}")
    return "&".join(pairs)


def _body(rng: random.Random, ctype: str | None) -> bytes:
    if ctype == "application/json":
        return rng.choice(JSON_BODIES).encode("utf-8", errors="surrogateescape")
    if ctype == "application/x-www-form-urlencoded":
        field = rng.choice(["query", "update", "queries", "callback", "x"])
        value = rng.choice(SPARQL) if field in ("query", "update") else rng.choice(JSON_BODIES)
        return f"{field}={quote(value, safe='')}".encode() if rng.random() < 0.9 else b"query=%FF%FE%zz"
    if ctype in ("application/sparql-query", "application/sparql-update"):
        return rng.choice(SPARQL).encode() if rng.random() < 0.9 else "ASK {}".encode("utf-16")
    return rng.choice([b"", b"\x00\xff\xfe", b"query=ASK%20%7B%7D", b"--x\r\nContent-Disposition: form-data\r\n"])


@pytest.fixture(scope="module")
def fuzz_server(start_server, fixture_store):
    return start_server(fixture_store, query_timeout=3, max_rows=50, update_enabled=True, update_token="fuzz-tok",
                        query_client_limit=64)


def test_every_route_answers_hostile_requests_without_a_5xx(fuzz_server, fixture_store):
    from marketgraph.api.app import create_app
    from marketgraph.graph.settings import Settings

    app = create_app(Settings(store=fixture_store, base_iri=FIXTURE_BASE))
    routes = _routes(app)
    assert any(p == "/sparql" for p, _ in routes) and any(p.startswith("/reconcile") for p, _ in routes)
    rng = random.Random(SEED)
    conn = _connect(fuzz_server.port)
    failures: list[str] = []
    seen_routes: set[str] = set()
    for n in range(REQUESTS):
        route, methods = routes[n % len(routes)] if n < len(routes) * 3 else rng.choice(routes)
        seen_routes.add(route)
        method = rng.choice(sorted(methods) * 4 + ["GET", "POST", "PUT", "DELETE", "OPTIONS", "HEAD"])
        path = _fill(route, rng)
        qs = _query_string(rng, route)
        target = path + ("?" + qs if qs else "")
        ctype = rng.choice(CTYPES) if method in ("POST", "PUT") else None
        headers = {}
        accept = rng.choice(ACCEPTS)
        if accept is not None:
            headers["Accept"] = accept
        if ctype is not None:
            headers["Content-Type"] = ctype
        if rng.random() < 0.1:
            headers["Authorization"] = rng.choice(["Bearer fuzz-tok", "Bearer x", "Basic ???", "Bearer"])
        body = _body(rng, ctype) if method in ("POST", "PUT") else None
        try:
            wire = quote(target, safe="/?=&%:;,+@[]!$'()*~.-_")  # send what is not ASCII percent-encoded
            conn.request(method, wire, body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
        except (http.client.HTTPException, ConnectionError, TimeoutError) as exc:
            failures.append(f"{method} {target[:120]}: {type(exc).__name__}")
            conn.close()
            conn = _connect(fuzz_server.port)
            continue
        if resp.status >= 500 and resp.status != 503:
            failures.append(f"{method} {target[:160]} -> {resp.status} {data[:200]!r}")
        elif resp.status == 503 and method != "HEAD":
            title = json.loads(data)["error"]["title"]
            if title not in ("query timeout", "busy"):  # a stopped runaway or a full lane, nothing else
                failures.append(f"{method} {target[:160]} -> 503 {data[:200]!r}")
        if method != "HEAD" and resp.status >= 400 and (resp.getheader("content-type") or "").startswith(
                "application/json"):
            err = json.loads(data).get("error")
            if not (isinstance(err, dict) and err.get("status") == resp.status and "title" in err
                    and "detail" in err):
                failures.append(f"{method} {target[:120]} -> {resp.status} not in the error envelope: {data[:160]!r}")
    conn.close()
    assert not failures, f"{len(failures)} bad answers of {REQUESTS}:\n" + "\n".join(failures[:40])
    assert seen_routes == {p for p, _ in routes}
    # healthy afterwards: the process runs and answers a query, a page and the lookup
    assert fuzz_server.process.poll() is None
    import httpx
    assert httpx.get(fuzz_server.sparql, params={"query": "ASK {}"}).status_code == 200
    assert httpx.get(fuzz_server.url + "/id/market/spain", headers={"Accept": "text/turtle"}).status_code == 200
    assert httpx.get(fuzz_server.url + "/api/entities", params={"q": "spain"}).status_code == 200
