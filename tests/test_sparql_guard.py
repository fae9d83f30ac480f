"""The guard reads requests as pyoxigraph does, and nothing a client writes makes the server open a connection.

Two layers, each tested alone: the guard (refuses SERVICE / LOAD / remote datasets in any spelling, against a
server whose workers keep their network: ``query_sandbox=False``) and the workers' sandbox (a worker process in
its own network namespace cannot connect even when the guard is bypassed). Escaped and commented variants are
generated with hypothesis (derandomized: the same examples on every run).
"""
from __future__ import annotations

import socket
import subprocess
import sys
import textwrap
import threading
import time

import httpx
import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marketgraph.api.sparql.guard import (Limits, OverBudget, QuerySyntaxError, Refused, inspect_query,
                                          inspect_update, refuse_remote)
from marketgraph.api.sparql.lexer import tokenize

BASE = "http://127.0.0.1:8000/sparql"


class Listener:
    """A loopback socket that counts every connection made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = False
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except (socket.timeout, OSError):
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop = True
        self._thread.join(2)
        self.sock.close()


@pytest.fixture(scope="module")
def listener():
    lst = Listener()
    yield lst
    lst.close()


# --- how a hostile request can be spelled ----------------------------------------------------------------------------

def _escape_iri_chars(iri: str, picks: list[int]) -> str:
    """Write some characters of an IRI as \\uXXXX or \\UXXXXXXXX (pyoxigraph decodes them inside IRIs)."""
    out = []
    for i, c in enumerate(iri):
        mode = picks[i % len(picks)] if picks else 0
        out.append(c if mode == 0 else (f"\\u{ord(c):04X}" if mode == 1 else f"\\U{ord(c):08x}"))
    return "".join(out)


def _case(word: str, picks: list[bool]) -> str:
    return "".join(c.upper() if (picks[i % len(picks)] if picks else False) else c.lower()
                   for i, c in enumerate(word))


DECOYS = [
    'BIND("\\u0022" AS ?d1)', "BIND('\\u0027' AS ?d2)", 'BIND("\\U00000022" AS ?d3)',
    'BIND("""a""\\u0022" AS ?d4)', "BIND('''\\u0027''' AS ?d5)", 'BIND("}" AS ?d6)',
    'BIND("#" AS ?d7)', "BIND('{' AS ?d8)", 'FILTER(1<2)', "FILTER(1<'a'&&'x>' != '')",
]
COMMENTS = ["", "# SERVICE is not here\n", '# " unclosed \n', "# \\u0022 \n", "#}{\n"]


@st.composite
def hostile_queries(draw, port: int) -> str:
    """A query that makes pyoxigraph call http://127.0.0.1:PORT/ unless it is refused."""
    target = f"http://127.0.0.1:{port}/sparql"
    picks = draw(st.lists(st.integers(0, 2), max_size=6))
    spelled = draw(st.sampled_from(["iri", "escaped-iri", "prefixed", "base-relative", "variable"]))
    prologue, ref = "", f"<{target}>"
    if spelled == "escaped-iri":
        ref = f"<{_escape_iri_chars(target, picks or [1])}>"
    elif spelled == "prefixed":
        prologue, ref = f"PREFIX {draw(st.sampled_from(['r', 'sErViCe', 'x1']))}: <http://127.0.0.1:{port}/>\n", None
        ref = prologue.split()[1] + "sparql"
    elif spelled == "base-relative":
        prologue, ref = f"BASE <http://127.0.0.1:{port}/>\n", "<sparql>"
    keyword = _case("service", draw(st.lists(st.booleans(), min_size=1, max_size=7)))
    silent = draw(st.sampled_from(["", "SILENT ", "silent "]))
    glue = draw(st.sampled_from([" ", "", "\n", "\t", " # c\n "]))
    pattern = f"{keyword}{glue if glue else ' '}{silent}{ref if spelled != 'variable' else '?svc'} {{ ?a ?b ?c }}"
    if spelled == "variable":
        pattern = f"VALUES ?svc {{ <{target}> }} {pattern}"
    before = draw(st.lists(st.sampled_from(DECOYS), max_size=2))
    after = draw(st.lists(st.sampled_from(DECOYS), max_size=2))
    comment = draw(st.sampled_from(COMMENTS))
    wrap = draw(st.sampled_from(["{}", "OPTIONAL {{ {} }}", "{{ SELECT * WHERE {{ {} }} }}", "FILTER EXISTS {{ {} }}",
                                 "5 {}"]))
    body = " ".join(before) + " " + comment + (wrap.format(pattern) if not wrap.startswith("5")
                                               else "?x ?y 5" + pattern) + " " + " ".join(after)
    form = draw(st.sampled_from(["SELECT * WHERE {{ {} }}", "ASK {{ {} }}", "CONSTRUCT {{ ?a ?b ?c }} WHERE {{ {} }}"]))
    return prologue + form.format(body)


def _refused(text: str) -> bool:
    """True when the guard stops the query (refused, syntax error or over a budget) before it runs."""
    try:
        found = inspect_query(text, BASE)
        refuse_remote(found, frozenset(), "http://127.0.0.1:8000")
    except (Refused, QuerySyntaxError, OverBudget):
        return True
    return False


@settings(max_examples=400, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_every_spelling_of_service_is_stopped_by_the_guard(data):
    assert _refused(data.draw(hostile_queries(9)))


def test_the_reported_escape_tricks_are_refused():
    for trick in ['SELECT * WHERE { BIND("\\u0022" AS ?x) SERVICE <http://127.0.0.1:9/sparql> { ?a ?b ?c } '
                  'BIND("\\u0022" AS ?y) }',
                  "SELECT * WHERE { BIND('\\u0027' AS ?x) SERVICE <http://127.0.0.1:9/> { ?a ?b ?c } "
                  "BIND('\\u0027' AS ?y) }",
                  "SELECT * WHERE { ?s ?p 5SERVICE<http://127.0.0.1:9/>{} }",
                  "SELECT * WHERE { SERVICE ?svc { ?s ?p ?o } }",
                  "SELECT ?x WHERE { BIND(1<'a'&&'x>' AS ?x) SERVICE <http://127.0.0.1:9/> {} }"]:
        with pytest.raises(Refused, match="SERVICE"):
            refuse_remote(inspect_query(trick, BASE), frozenset())
    # keywords glued together (pyoxigraph reads FROMNAMED as FROM NAMED) are refused with a reason
    with pytest.raises(QuerySyntaxError, match="FROMNAMED"):
        inspect_query("SELECT ?x FROMNAMED<http://127.0.0.1:9/g> WHERE { ?x ?y ?z }")
    for update in ["LOAD <http://127.0.0.1:9/x.ttl>", "lOaD SILENT <http\\u003A//127.0.0.1:9/x.ttl> INTO GRAPH <g:x>",
                   'INSERT DATA { <a:b> <a:c> "\\u0022" } ; LOAD <http://127.0.0.1:9/x>']:
        with pytest.raises(Refused, match="LOAD"):
            refuse_remote(inspect_update(update, BASE), frozenset())


def test_what_runs_is_the_canonical_text_and_it_reads_back_the_same():
    q = ("PREFIX ex: <http://e/>  # a comment with a quote \" and a brace {\n"
         "SELECT ?x WHERE { BIND(CONCAT('a\\u0027b', \"\"\"c\"d\"\"\") AS ?x) ?s ex:p ?x }")
    found = inspect_query(q, BASE)
    assert "#" not in found.text and "ex:p" not in found.text and "<http://e/p>" in found.text
    assert [(t.kind, t.value) for t in tokenize(found.text)] == [(t.kind, t.value) for t in found.tokens]
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("a'bc\"d")))
    assert [r["x"].value for r in store.query(found.text, use_default_graph_as_union=True)] == ["a'bc\"d"]


STRING_CHARS = st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="\x00")  # NUL: always 400


@settings(max_examples=200, derandomize=True, deadline=None)
@given(st.text(STRING_CHARS, max_size=20), st.sampled_from(['"', "'", '"""', "'''"]),
       st.lists(st.integers(0, 2), max_size=5))
def test_canonical_text_means_what_the_client_wrote(value, quote, picks):
    """Strings with any characters and escapes keep their value through the canonical form."""
    def esc(c: str, mode: int) -> str:
        if c in "\\\"'\r\n" or mode == 1:
            return f"\\u{ord(c):04X}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08X}"
        return f"\\U{ord(c):08x}" if mode == 2 else c
    written = "".join(esc(c, picks[i % len(picks)] if picks else 0) for i, c in enumerate(value))
    q = f"SELECT ?x WHERE {{ BIND({quote}{written}{quote} AS ?x) }}"
    store = ox.Store()
    original = [r["x"].value for r in store.query(q)]
    assert [r["x"].value for r in store.query(inspect_query(q, BASE).text)] == original == [value]


def test_budgets_name_the_limit():
    limits = Limits(max_bytes=65536, max_depth=32, max_patterns=256)
    with pytest.raises(OverBudget) as e:
        inspect_query("SELECT * WHERE " + "{" * 3000 + "}" * 3000, BASE, limits)
    assert e.value.limit == "max_query_depth"
    with pytest.raises(OverBudget) as e:
        inspect_query("SELECT * WHERE { ?s ?p " + "(" * 128 + "1" + ")" * 128 + " }", BASE, limits)
    assert e.value.limit == "max_query_depth"
    many = " . ".join(f"?s <http://p/{i}> ?o{i}" for i in range(300))
    with pytest.raises(OverBudget) as e:
        inspect_query(f"SELECT * WHERE {{ {many} }}", BASE, limits)
    assert e.value.limit == "max_query_patterns"
    inspect_query("SELECT * WHERE " + "{" * 30 + "}" * 30, BASE, limits)  # within the budget


def test_a_sandboxed_worker_process_cannot_connect_even_without_the_guard(listener):
    """The second layer alone: pyoxigraph is handed a SERVICE query directly, inside a process that called
    the workers' isolate_network(); nothing reaches the listener."""
    script = textwrap.dedent(f"""
        import pyoxigraph as ox
        from marketgraph.api.sparql.sandbox import isolate_network
        print(isolate_network())
        try:
            list(ox.Store().query("SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/> {{ ?s ?p ?o }} }}"))
            print("answered")
        except Exception as exc:
            print("failed", type(exc).__name__)
    """)
    before = listener.connections
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    lines = out.stdout.split()
    if lines[:1] != ["isolated"]:
        pytest.skip(f"no network namespace on this machine: {out.stdout} {out.stderr[-300:]}")
    time.sleep(0.3)
    assert listener.connections == before
    assert "answered" not in out.stdout


# --- against a real server whose workers keep their network: the guard alone ---------------------------------------

@pytest.fixture(scope="module")
def unsandboxed(start_server, fixture_store):
    return start_server(fixture_store, query_sandbox=False, update_enabled=True, update_token="t0ken-guard")


@pytest.mark.server
def test_no_generated_request_reaches_the_listener(unsandboxed, listener):
    examples: list[str] = []

    @settings(max_examples=40, derandomize=True, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(hostile_queries(listener.port))
    def collect(q: str) -> None:
        examples.append(q)

    collect()
    assert len(examples) >= 30
    with httpx.Client(timeout=20) as client:
        for n, q in enumerate(examples):
            send = n % 3
            if send == 0:
                r = client.get(unsandboxed.sparql, params={"query": q})
            elif send == 1:
                r = client.post(unsandboxed.sparql, data={"query": q})
            else:
                r = client.post(unsandboxed.sparql, content=q.encode(),
                                headers={"Content-Type": "application/sparql-query"})
            assert r.status_code == 400, (q, r.text)
            assert r.json()["error"]["title"] in ("query refused", "SPARQL syntax error"), r.text
        for u in (f"LOAD <http://127.0.0.1:{listener.port}/x.ttl>",
                  f"LOAD <http\\u003A//127.0.0.1:{listener.port}/x.ttl> INTO GRAPH <urn:x>",
                  f'INSERT DATA {{ <urn:a> <urn:b> "\\u0022" }} ; LOAD <http://127.0.0.1:{listener.port}/y>'):
            r = client.post(unsandboxed.sparql, data={"update": u}, headers={"Authorization": "Bearer t0ken-guard"})
            assert r.status_code == 400 and "LOAD" in r.json()["error"]["detail"], r.text
    time.sleep(0.3)
    assert listener.connections == 0
    assert httpx.get(unsandboxed.sparql, params={"query": "ASK {}"}).status_code == 200


def test_the_projects_own_queries_mean_the_same_in_canonical_form(fixture_store):
    """Every named query and ontology check returns the same rows whether pyoxigraph reads it as written or in
    the canonical form the endpoint runs (the guard was also checked this way against the W3C SPARQL suites)."""
    from collections import Counter

    from conftest import ROOT
    from marketgraph.graph.store import open_read_only

    store = open_read_only(fixture_store)

    def rows(text: str) -> Counter:
        res = store.query(text, use_default_graph_as_union=True, base_iri=BASE)
        if isinstance(res, ox.QueryBoolean):
            return Counter([bool(res)])
        if isinstance(res, ox.QuerySolutions):
            names = [v.value for v in res.variables]
            return Counter(tuple(None if s[v] is None else str(s[v]) for v in names) for s in res)
        return Counter(str(t) for t in res)

    files = sorted((ROOT / "queries").glob("*.rq")) + sorted((ROOT / "ontology").rglob("*.rq"))
    assert len(files) > 30
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert rows(inspect_query(text, BASE).text) == rows(text), path.name
