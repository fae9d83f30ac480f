"""The pages over the real seed graph (built by the project's build; skipped while it cannot run): every
document page marks every fact's evidence at its offsets, every entity with facts has a page quoting them,
every kind of IRI round-trips as Turtle, and the lookup cases find their entities."""
from __future__ import annotations

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from marketgraph.api.app import create_app
from marketgraph.graph.settings import Settings
from pages_support import parse_html

MG = "https://w3id.org/marketgraph/ontology#"
OA = "http://www.w3.org/ns/oa#"


@pytest.fixture(scope="module")
def seed(seed_store):
    from conftest import FIXTURE_BASE

    settings = Settings(store=seed_store, base_iri=FIXTURE_BASE)
    with TestClient(create_app(settings)) as c:
        yield c, ox.Store.read_only(str(seed_store.resolve())), FIXTURE_BASE, settings


def select(store, q):
    res = store.query(q, use_default_graph_as_union=True)
    names = [v.value for v in res.variables]
    return [{n: s[n].value for n in names if s[n] is not None} for s in res]


def test_every_document_page_marks_every_fact(seed):
    client, store, base, settings = seed
    docs = select(store, f"PREFIX mg: <{MG}> SELECT ?d ?path WHERE {{ ?d a mg:Document ; mg:sourceFile/mg:path ?path }}")
    assert docs
    for d in docs:
        text = (settings.paths.sources / d["path"]).read_text(encoding="utf-8")
        facts = select(store, f"""PREFIX mg: <{MG}> PREFIX oa: <{OA}> PREFIX prov: <http://www.w3.org/ns/prov#>
            SELECT ?f ?s ?e WHERE {{ ?f prov:wasDerivedFrom <{d['d']}> ; mg:factKind ?k ;
            mg:evidence/oa:hasTarget/oa:hasSelector ?sel . ?sel oa:start ?s ; oa:end ?e }}""")
        els = parse_html(client.get(d["d"][len(base):], headers={"Accept": "text/html"}).text)
        ids = {e.attrs["id"] for e in els if e.tag == "mark" and "id" in e.attrs}
        for f in facts:
            fid = f["f"].rsplit("/", 1)[1]
            assert f"f-{fid}" in ids
            pieces = "".join(e.text for e in els if e.tag == "mark" and e.attrs.get("data-fact") == fid)
            assert pieces == text[int(f["s"]):int(f["e"])]   # a quote crossing another is marked in pieces


def test_every_entity_with_facts_quotes_them(seed):
    client, store, base, _ = seed
    rows = select(store, f"""PREFIX mg: <{MG}> SELECT ?x (COUNT(DISTINCT ?f) AS ?n) WHERE {{
        ?f mg:factKind ?k ; mg:subject ?x }} GROUP BY ?x""")
    assert rows
    for r in rows:
        if not r["x"].startswith(base):
            continue
        quotes, page = [], 1
        while True:   # the facts come a page at a time; following 'next' reaches all of them
            els = parse_html(client.get(r["x"][len(base):], params={"page": page},
                                        headers={"Accept": "text/html"}).text)
            quotes += [e for e in els if e.tag == "a" and e.attrs.get("class") == "quote"]
            if not any(e.tag == "a" and e.attrs.get("rel") == "next" for e in els):
                break
            page += 1
        assert len(quotes) >= int(r["n"]), r["x"]
        assert all("#f-" in e.attrs["href"] for e in quotes)


def test_a_sample_of_every_kind_round_trips_as_turtle(seed):
    client, store, base, _ = seed
    kinds: dict[str, str] = {}
    for q in store.quads_for_pattern(None, None, None, None):
        s = q.subject
        if isinstance(s, ox.NamedNode) and s.value.startswith(base + "/id/") and "#" not in s.value:
            kinds.setdefault(s.value[len(base) + 4:].split("/")[0], s.value)
    assert {"document", "fact", "product", "organisation", "metric", "period"} <= set(kinds)
    for iri in kinds.values():
        r = client.get(iri[len(base):] + ".ttl")
        got = {q.triple for q in ox.parse(r.content, format=ox.RdfFormat.TURTLE)}
        out = {q.triple for q in store.quads_for_pattern(ox.NamedNode(iri), None, None, None)}
        inc = {q.triple for q in store.quads_for_pattern(None, None, ox.NamedNode(iri), None)}
        assert out | inc <= got, iri


@pytest.mark.parametrize("q,intended", [("mix alpha", "product/mi-mix-alpha"), ("MI MIX", "series/mi-mix-series"),
                                        ("mi10 ultra", "product/mi-10-ultra"), ("小愛同學", "platform/xiao-ai"),
                                        ("xiaomi corp", "organisation/xiaomi")])
def test_lookup_on_the_seed_graph(seed, q, intended):
    client, _, base, _ = seed
    hits = client.get("/api/entities", params={"q": q}).json()["hits"]
    assert hits and hits[0]["id"] == f"{base}/id/{intended}"
