"""W3C Reconciliation Service API v0.2: manifest, batch queries by GET and POST with type filter and property
hints, scores and match flags, preview, suggest, JSONP."""
from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from marketgraph.api.app import create_app
from pages_support import fixture_settings


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    app = create_app(fixture_settings(tmp_path_factory.mktemp("reconcile") / "store"))
    with TestClient(app) as c:
        yield c


def test_manifest(client):
    m = client.get("/reconcile").json()
    assert "0.2" in m["versions"] and m["name"]
    assert m["identifierSpace"].endswith("/id/") and m["schemaSpace"].startswith("https://w3id.org/marketgraph/")
    assert m["defaultTypes"] and all(t["id"].startswith("mg:") for t in m["defaultTypes"])
    assert "{{id}}" in m["view"]["url"] and "{{id}}" in m["preview"]["url"]
    for kind in ("entity", "type", "property"):
        s = m["suggest"][kind]
        assert s["service_url"].startswith("http") and s["service_path"].startswith("/reconcile/suggest/")


def batch():
    return {"q0": {"query": "Xiaomi Corp"},
            "q1": {"query": "mix alpha", "type": "mg:Smartphone", "limit": 3},
            "q2": {"query": "mi", "type": "Brand"},
            "q3": {"query": "Mi MIX", "limit": 5, "properties": [{"pid": "mg:brand", "v": "Redmi"}]},
            "q4": {"query": "zzqqxxv"}}


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_batch_queries(client, method):
    q = json.dumps(batch())
    r = client.get("/reconcile", params={"queries": q}) if method == "GET" else \
        client.post("/reconcile", data={"queries": q})
    assert r.status_code == 200
    res = r.json()
    assert set(res) == set(batch())
    top = res["q0"]["result"][0]
    assert top["id"] == "organisation/xiaomi" and top["match"] is True and top["score"] >= 95
    assert res["q1"]["result"][0]["id"] == "product/mi-mix-alpha" and len(res["q1"]["result"]) <= 3
    assert all(any(t["id"] == "mg:ConceptPhone" or t["id"] == "mg:Smartphone" for t in c["type"])
               for c in res["q1"]["result"])
    assert all(c["id"].startswith("brand/") for c in res["q2"]["result"])
    assert res["q4"]["result"] == []
    for c in res["q0"]["result"][1:]:
        assert c["match"] is False and c["score"] < top["score"]


def test_property_hints_change_the_ranking(client):
    """Hinting a property value that a lower candidate has and the top one lacks lifts that candidate."""
    import pyoxigraph as ox
    from pages_support import BASE, fixture_dataset

    ds = fixture_dataset()
    ask = lambda props: client.get("/reconcile", params={"queries": json.dumps(  # noqa: E731
        {"q": {"query": "Mi 10", "limit": 6, "properties": props}})}).json()["q"]["result"]
    plain = ask([])
    top = plain[0]

    def links(ident):
        return {(q.predicate.value, q.object.value) for q in ds.quads_for_pattern(
            ox.NamedNode(f"{BASE}/id/{ident}"), None, None, None) if isinstance(q.object, ox.NamedNode)
            and q.object.value.startswith(BASE + "/id/")}
    lower, (pid, value) = next((c, sorted(links(c["id"]) - links(top["id"]))[0]) for c in plain[1:]
                               if links(c["id"]) - links(top["id"]))
    from marketgraph.api.browse.reconciliation import PROPERTY_BONUS

    hinted = ask([{"pid": pid, "v": {"id": value[len(BASE) + 4:]}}])
    ids = [c["id"] for c in hinted]
    assert lower["id"] in ids and ids.index(lower["id"]) < [c["id"] for c in plain].index(lower["id"])
    assert hinted[ids.index(lower["id"])]["score"] == pytest.approx(min(lower["score"], 100) + PROPERTY_BONUS)
    by_label = ask([{"pid": pid, "v": ds_label(ds, value)}])    # the value by its label works too
    assert [c["id"] for c in by_label] == ids


def ds_label(ds, iri):
    import pyoxigraph as ox
    return next(q.object.value for q in ds.quads_for_pattern(
        ox.NamedNode(iri), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), None, None))


def test_bad_batches_are_400(client):
    assert client.get("/reconcile", params={"queries": "{not json"}).status_code == 400
    assert client.get("/reconcile", params={"queries": "[1, 2]"}).status_code == 400
    assert client.get("/reconcile", params={"callback": "alert(1)//"}).status_code == 400


def test_jsonp(client):
    r = client.get("/reconcile", params={"callback": "cb"})
    assert r.text.startswith("cb(") and r.headers["content-type"].startswith("application/javascript")


def test_preview(client):
    r = client.get("/reconcile/preview", params={"id": "product/mi-mix-alpha"})
    assert r.status_code == 200 and "Mi MIX Alpha" in r.text and 'href="/id/product/mi-mix-alpha"' in r.text
    assert client.get("/reconcile/preview", params={"id": "product/nope"}).status_code == 404


def test_suggest(client):
    ents = client.get("/reconcile/suggest/entity", params={"prefix": "mi mix al"}).json()["result"]
    assert ents[0]["id"] == "product/mi-mix-alpha"
    types = client.get("/reconcile/suggest/type", params={"prefix": "smartph"}).json()["result"]
    assert types[0]["id"] == "mg:Smartphone"
    props = client.get("/reconcile/suggest/property", params={"prefix": "manufact"}).json()["result"]
    assert any(p["id"] == "mg:manufacturer" for p in props)
