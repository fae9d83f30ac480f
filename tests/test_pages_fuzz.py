"""Bad input to the linked-data, lookup and reconciliation routes is a 4xx (in the error envelope for the APIs), never
a 5xx: generated paths, parameters and JSON batches of any shape (bounded example counts, in-process)."""
from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marketgraph.api.app import create_app
from pages_support import fixture_settings

TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=40)
JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | TEXT,
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
                    max_leaves=20)
FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    app = create_app(fixture_settings(tmp_path_factory.mktemp("fuzz") / "store"))
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@FUZZ
@given(kind=st.sampled_from(["id/product", "id", "api/entities", "api/entities/product", "ontology", "static",
                             "id/document"]), segment=TEXT, accept=st.sampled_from(["text/html", "text/turtle",
                                                                                     "application/rdf+xml", "*/*"]))
def test_paths(client, kind, segment, accept):
    r = client.get(f"/{kind}/{quote(segment, safe='')}", headers={"Accept": accept})
    assert r.status_code < 500, (kind, segment, r.status_code, r.text[:200])


@FUZZ
@given(route=st.sampled_from(["/api/entities?q=", "/reconcile/preview?id=", "/reconcile/suggest/entity?prefix=",
                              "/reconcile/suggest/type?prefix=", "/reconcile/propose_properties?type=",
                              "/reconcile/v1/extend/propose?type=", "/reconcile?callback=", "/id/product/x?page="]),
       value=TEXT)
def test_parameters(client, route, value):
    r = client.get(route + quote(value, safe=""))
    assert r.status_code < 500, (route, value, r.status_code, r.text[:200])


@FUZZ
@given(batch=JSON)
def test_reconciliation_batches_of_any_shape(client, batch):
    for r in (client.post("/reconcile", data={"queries": json.dumps(batch)}),
              client.post("/reconcile", data={"extend": json.dumps(batch)}),
              client.post("/reconcile/v1/match", json={"queries": batch}),
              client.post("/reconcile/v1/extend", json=batch)):
        assert r.status_code < 500, (batch, r.status_code, r.text[:200])
        if r.status_code >= 400:
            assert set(r.json()["error"]) >= {"status", "title", "detail"}


@FUZZ
@given(query=st.dictionaries(st.sampled_from(["query", "type", "limit", "properties", "lang"]), JSON, max_size=4))
def test_reconciliation_queries_of_any_shape(client, query):
    r = client.post("/reconcile", data={"queries": json.dumps({"q0": query})})
    assert r.status_code in (200, 400), (query, r.status_code, r.text[:200])
