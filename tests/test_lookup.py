"""Lookup API: ranked matches on labels and aliases (case, punctuation, spacing, CJK, typos), type filter,
entity JSON / JSON-LD with facts and evidence, and both routes in the OpenAPI document."""
from __future__ import annotations

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from marketgraph.api.app import create_app
from marketgraph.api.browse.lookup_index import Entry, LookupIndex, normalise
from pages_support import BASE, fixture_dataset, fixture_settings

MG = "https://w3id.org/marketgraph/ontology#"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    app = create_app(fixture_settings(tmp_path_factory.mktemp("lookup") / "store"))
    with TestClient(app) as c:
        yield c


@pytest.mark.parametrize("q,intended", [
    ("mix alpha", "product/mi-mix-alpha"),
    ("MI MIX", "series/mi-mix-series"),            # the alias "Mi MIX" itself, not every Mi MIX phone
    ("mi10 ultra", "product/mi-10-ultra"),         # letters glued to digits
    ("Mi-10  ULTRA!", "product/mi-10-ultra"),      # punctuation and case
    ("小愛同學", "platform/xiao-ai"),                # CJK alias as written
    ("xiaomi corp", "organisation/xiaomi"),
    ("xiaomi corp.", "organisation/xiaomi"),
    ("mi mix alfa", "product/mi-mix-alpha"),       # a typo: fuzzy
    ("xaomi", "organisation/xiaomi"),              # a typo: fuzzy
    ("eastern eur", "market/eastern-europe"),      # word prefixes
    ("2019-q3", "period/2019-Q3"),
])
def test_intended_entity_comes_first(client, q, intended):
    hits = client.get("/api/entities", params={"q": q}).json()["hits"]
    assert hits, q
    assert hits[0]["id"] == f"{BASE}/id/{intended}", [h["id"] for h in hits[:3]]
    assert hits[0]["url"] == f"/id/{intended}"
    assert hits[0]["matched"] and hits[0]["type"] and hits[0]["description"]


def test_each_hit_says_what_matched_and_how(client):
    hit = client.get("/api/entities", params={"q": "mix alpha"}).json()["hits"][0]
    ds = fixture_dataset()
    names = {q.object.value for q in ds.quads_for_pattern(ox.NamedNode(hit["id"]), None, None, None)
             if q.predicate.value.endswith(("#label", "#altLabel", "#prefLabel"))}
    assert hit["matched"] in names and hit["match"] == "exact"
    assert hit["type"].startswith("mg:") and hit["kind"] == "product"


def test_type_filter_and_limit(client):
    brands = client.get("/api/entities", params={"q": "mi", "type": "Brand", "limit": 5}).json()["hits"]
    assert brands and all("mg:Brand" in h["types"] for h in brands)
    assert len(client.get("/api/entities", params={"q": "mi", "limit": 2}).json()["hits"]) == 2
    assert client.get("/api/entities", params={"q": "mi", "type": "mg:Brand"}).json()["hits"][0]["id"] == brands[0]["id"]
    assert client.get("/api/entities", params={"q": ""}).status_code == 400
    assert client.get("/api/entities", params={"q": "mi", "limit": 0}).status_code == 400


def test_nonsense_finds_nothing(client):
    assert client.get("/api/entities", params={"q": "zzqqxxv"}).json()["hits"] == []


def test_entity_json_carries_its_facts_with_evidence(client):
    r = client.get("/api/entities/product/mi-mix-alpha")
    assert r.status_code == 200
    body = r.json()
    assert body["id"] == f"{BASE}/id/product/mi-mix-alpha" and body["aliases"] and body["types"]
    ds = fixture_dataset()
    facts = {s.subject.value for s in ds.quads_for_pattern(None, None, ox.NamedNode(body["id"]), None)
             if any(True for _ in ds.quads_for_pattern(s.subject, ox.NamedNode(MG + "factKind"), None, None))}
    assert {f["id"] for f in body["facts"]} == facts
    for f in body["facts"]:
        ev = f["evidence"]
        assert ev["quote"] and ev["url"].endswith(f"#f-{f['id'].rsplit('/', 1)[1]}")
    assert client.get("/api/entities/mi-mix-alpha").json()["id"] == body["id"]   # bare slug when unique
    assert client.get("/api/entities/product/no-such-thing").status_code == 404


def test_entity_json_ld_parses_and_includes_the_evidence(client):
    r = client.get("/api/entities/product/mi-mix-alpha", headers={"Accept": "application/ld+json"})
    assert r.headers["content-type"].startswith("application/ld+json")
    triples = [q.triple for q in ox.parse(r.content, format=ox.RdfFormat.JSON_LD)]
    exacts = [t for t in triples if t.predicate.value == "http://www.w3.org/ns/oa#exact"]
    assert len(exacts) == len(client.get("/api/entities/product/mi-mix-alpha").json()["facts"])


def test_openapi_documents_both_routes(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert "/api/entities" in paths and "/api/entities/{id}" in paths
    params = {p["name"] for p in paths["/api/entities"]["get"]["parameters"]}
    assert {"q", "type", "limit"} <= params


@pytest.mark.parametrize("a,b", [("Mi-10 Ultra", "mi 10 ultra"), ("ＭＩ　ＭＩＸ", "mi mix"), ("Xiaomi Corp.", "xiaomi corp"),
                                 ("3Q2019", "3 q 2019")])
def test_normalise(a, b):
    assert normalise(a) == b


def test_ranking_on_synthetic_names():
    """Exact beats prefix beats word beats fuzzy; shorter names first among equals (names made up here)."""
    def e(key, *names):
        x = Entry(f"{BASE}/id/thing/{key}", names[0], [MG + "Thing"], "thing")
        x.names = [(n, normalise(n), i == 0) for i, n in enumerate(names)]
        return x
    idx = LookupIndex([e("a", "Zorblax Prime"), e("b", "Zorblax"), e("c", "Quux Zorblax Mega"), e("d", "Zorbla Max")])
    assert [h.entry.iri.rsplit("/", 1)[1] for h in idx.search("zorblax")][:3] == ["b", "a", "c"]
    assert idx.search("zorblax prime")[0].how == "exact"
    assert idx.search("zorblx prime")[0].entry.label == "Zorblax Prime"


def test_lookup_and_page_rendering_run_off_the_event_loop(client, monkeypatch):
    """Matching and page assembly never run on the event loop's thread (other requests keep being served)."""
    import asyncio

    from marketgraph.api.browse.entity_page import PageBuilder

    seen: list[bool] = []

    def on_loop() -> bool:
        try:
            asyncio.get_running_loop()
            return True
        except RuntimeError:
            return False

    search, entity = LookupIndex.search, PageBuilder.entity
    monkeypatch.setattr(LookupIndex, "search", lambda self, *a, **k: (seen.append(on_loop()), search(self, *a, **k))[1])
    monkeypatch.setattr(PageBuilder, "entity", lambda self, *a, **k: (seen.append(on_loop()), entity(self, *a, **k))[1])
    assert client.get("/api/entities", params={"q": "mix alpha"}).status_code == 200
    assert client.get("/id/product/mi-mix-alpha", headers={"Accept": "text/html"}).status_code == 200
    assert client.get("/", headers={"Accept": "text/html"}).status_code == 200
    assert seen and not any(seen)
