"""Reconciliation against the API's schemas (essential constraints in tests/schemas/reconciliation, 0.2 and the
1.0 draft): property-only queries, array values, data extension with property proposals, the 1.0-draft JSON POST,
caps on batch size and limit (413 / 400), bad input as 400 in the error envelope; and batches off the event loop
(a lookup sent during a long batch is answered before the batch)."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from marketgraph.api.app import create_app
from pages_support import BASE, fixture_dataset, fixture_settings

SCHEMAS = Path(__file__).parent / "schemas" / "reconciliation"
MG = "https://w3id.org/marketgraph/ontology#"


def check(name: str, data) -> None:
    schema = json.loads((SCHEMAS / f"{name}.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    app = create_app(fixture_settings(tmp_path_factory.mktemp("recon") / "store"))
    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="module")
def ds():
    return fixture_dataset()


def batch02(client, queries: dict) -> dict:
    r = client.post("/reconcile", data={"queries": json.dumps(queries)})
    assert r.status_code == 200, r.text
    check("reconciliation-result-batch-0.2", r.json())
    return r.json()


def test_schemas_reject_what_they_should():
    with pytest.raises(jsonschema.ValidationError):
        check("reconciliation-result-batch-1.0-draft", {"results": [{"candidates": [{"id": "x"}]}]})
    with pytest.raises(jsonschema.ValidationError):
        check("manifest-0.2", {"versions": ["1.0-draft"], "name": "x", "identifierSpace": "http://a/", "schemaSpace": "http://b/"})


def test_manifests(client):
    m = client.get("/reconcile").json()
    check("manifest-0.2", m)
    assert m["extend"]["propose_properties"]["service_path"] == "/reconcile/propose_properties"
    assert m["view"]["url"].startswith("http://testserver/")          # links to where the client reached us
    v1 = client.get("/reconcile/v1").json()
    check("manifest-1.0-draft", v1)


def brand_of(ds, iri: str) -> str | None:
    for q in ds.quads_for_pattern(ox.NamedNode(iri), ox.NamedNode(MG + "brand"), None, None):
        return q.object.value
    return None


def test_property_only_query_finds_entities_with_that_value(client, ds):
    brand = next(q.object.value for q in ds.quads_for_pattern(None, ox.NamedNode(MG + "brand"), None, None))
    want = {q.subject.value[len(BASE) + 4:] for q in ds.quads_for_pattern(None, ox.NamedNode(MG + "brand"),
                                                                          ox.NamedNode(brand), None)}
    res = batch02(client, {"q": {"properties": [{"pid": "mg:brand", "v": {"id": brand[len(BASE) + 4:]}}], "limit": 50}})
    got = {c["id"] for c in res["q"]["result"]}
    assert got and got <= want   # only entities with that brand, found without any name


def test_array_values_boost_a_candidate_with_any_of_them(client, ds):
    plain = batch02(client, {"q": {"query": "Mi 10", "limit": 6}})["q"]["result"]
    lower = next(c for c in plain[1:] if brand_of(ds, f"{BASE}/id/{c['id']}"))
    brand = brand_of(ds, f"{BASE}/id/{lower['id']}")
    values = ["no such brand", {"id": brand[len(BASE) + 4:]}]
    hinted = batch02(client, {"q": {"query": "Mi 10", "limit": 6,
                                    "properties": [{"pid": "mg:brand", "v": values}]}})["q"]["result"]
    score = {c["id"]: c["score"] for c in hinted}
    assert score[lower["id"]] == pytest.approx(min(lower["score"], 100) + 30)


def test_v1_json_post_with_name_and_property_conditions(client):
    body = {"queries": [{"conditions": [{"matchType": "name", "v": "mix alpha"}], "type": "mg:Smartphone", "limit": 3},
                        {"conditions": [{"matchType": "name", "v": "zzqqxxv"}]}]}
    check("reconciliation-query-batch-1.0-draft", body)
    for path in ("/reconcile/v1/match", "/reconcile"):
        r = client.post(path, json=body)
        assert r.status_code == 200, r.text
        check("reconciliation-result-batch-1.0-draft", r.json())
        results = r.json()["results"]
        assert results[0]["candidates"][0]["id"] == "product/mi-mix-alpha" and results[1]["candidates"] == []


def test_data_extension_and_property_proposals(client, ds):
    prop = client.get("/reconcile/propose_properties", params={"type": "mg:Smartphone"}).json()
    check("property-proposal-0.2", prop)
    assert "mg:brand" in {p["id"] for p in prop["properties"]}
    check("property-proposal-1.0-draft", client.get("/reconcile/v1/extend/propose", params={"type": "mg:Smartphone"}).json())
    ids = ["product/mi-mix-alpha", "product/mi-10-ultra"]
    req = {"ids": ids, "properties": [{"id": "mg:brand"}, {"id": "mg:manufacturer"}]}
    r = client.get("/reconcile", params={"extend": json.dumps(req)})
    assert r.status_code == 200, r.text
    check("data-extension-response-0.2", r.json())
    rows = r.json()["rows"]
    for i in ids:
        want = brand_of(ds, f"{BASE}/id/{i}")
        assert [v["id"] for v in rows[i]["mg:brand"]] == ([want[len(BASE) + 4:]] if want else [])
    r10 = client.post("/reconcile/v1/extend", json=req)
    check("data-extension-response-1.0-draft", r10.json())
    assert [row["id"] for row in r10.json()["rows"]] == ids


@pytest.mark.parametrize("query,status", [
    ({"q": {"query": "mi", "limit": "abc"}}, 400), ({"q": {"query": "mi", "limit": 1e300}}, 400),
    ({"q": {"query": "mi", "limit": [1]}}, 400), ({"q": {"query": "mi", "limit": 51}}, 400),
    ({"q": {"query": "mi", "type": 5}}, 400), ({"q": {"query": "mi", "properties": [1]}}, 400),
    ({"q": {"query": 7}}, 400), ({"q": {}}, 400), ({"q": "mi"}, 400), ({}, 400),
])
def test_bad_queries_are_400_in_the_envelope(client, query, status):
    r = client.post("/reconcile", data={"queries": json.dumps(query)})
    assert r.status_code == status and set(r.json()["error"]) >= {"status", "title", "detail"}


def test_nan_deep_json_and_oversized_batches(client):
    assert client.post("/reconcile", data={"queries": '{"q": {"query": "mi", "limit": NaN}}'}).status_code == 400
    deep = '{"q": ' + "[" * 3000 + "]" * 3000 + "}"
    assert client.post("/reconcile", data={"queries": deep}).status_code == 400
    big = {f"q{i}": {"query": "mi"} for i in range(5000)}
    r = client.post("/reconcile", data={"queries": json.dumps(big)})
    assert r.status_code == 413 and "500" in r.json()["error"]["detail"]
    r = client.post("/reconcile/v1/match", json={"queries": [{"conditions": [{"matchType": "name", "v": "mi"}]}] * 501})
    assert r.status_code == 413
    assert client.post("/reconcile/v1/match", content=b"\xff\xfe", headers={"content-type": "application/json"}).status_code == 400
    assert client.get("/reconcile", params={"extend": '{"ids": "x"}'}).status_code == 400


def test_batches_and_extension_run_off_the_event_loop(client, monkeypatch):
    """The CPU work of a batch (0.2 and 1.0) and of a data extension never runs on the event loop's thread, so other
    requests keep being served meanwhile (latency under a concurrent batch: benchmarks/pages/reconcile_load.py)."""
    import asyncio

    from marketgraph.api.browse import data_extension
    from marketgraph.api.routers import reconcile as router

    seen: list[bool] = []

    def on_loop() -> bool:
        try:
            asyncio.get_running_loop()
            return True
        except RuntimeError:
            return False

    def spy(fn):
        def wrapped(*a, **kw):
            seen.append(on_loop())
            return fn(*a, **kw)
        return wrapped

    monkeypatch.setattr(router, "reconcile", spy(router.reconcile))
    monkeypatch.setattr(router, "extend_v02", spy(data_extension.extend_v02))
    assert client.post("/reconcile", data={"queries": json.dumps({"q": {"query": "mi"}})}).status_code == 200
    assert client.post("/reconcile/v1/match", json={"queries": [{"conditions": [{"matchType": "name", "v": "mi"}]}]}).status_code == 200
    assert client.get("/reconcile", params={"extend": json.dumps({"ids": ["product/mi-10-ultra"],
                                                                  "properties": [{"id": "mg:brand"}]})}).status_code == 200
    assert seen == [False, False, False]
