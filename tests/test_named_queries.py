"""Named queries (queries/*.rq): the catalogue, one route per query, parameters bound as terms, outputs; fixed
answers on the fixture dataset; and golden results on the real built seed graph.

Regenerate the goldens when extraction improves:  .venv/bin/pytest tests/test_named_queries.py --update-golden
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import httpx
import pytest

from conftest import FIXTURE_BASE, ROOT
from marketgraph.api.sparql.catalog import load_catalog

pytestmark = pytest.mark.server

QUERIES = load_catalog(ROOT / "queries")
GOLDEN = ROOT / "tests" / "golden" / "queries"
NAMES = [q.name for q in QUERIES]
ID = f"{FIXTURE_BASE}/id"


def test_at_least_25_competency_queries_each_with_title_and_description():
    assert len(QUERIES) >= 25, NAMES
    for q in QUERIES:
        assert q.title != q.name and q.description, f"{q.name}.rq needs `# title:` and `# description:`"


def test_the_list_in_json_and_html(server):
    listed = httpx.get(server.url + "/queries", headers={"Accept": "application/json"}).json()["queries"]
    assert [q["name"] for q in listed] == NAMES
    page = httpx.get(server.url + "/queries", headers={"Accept": "text/html"})
    assert page.headers["content-type"].startswith("text/html")
    assert all(f"/queries/{n}" in page.text for n in NAMES)


def test_each_query_is_a_route_in_the_openapi_document(server):
    paths = httpx.get(server.url + "/openapi.json").json()["paths"]
    for q in QUERIES:
        op = paths[f"/queries/{q.name}"]["get"]
        assert op["summary"] == q.title
        assert {p["name"] for p in op["parameters"]} == {p.name for p in q.params} | {"format"}


@pytest.mark.parametrize("name", NAMES)
def test_every_query_runs_with_its_defaults(server, name):
    r = httpx.get(f"{server.url}/queries/{name}", params={"format": "json"})
    assert r.status_code == 200, r.text
    body = r.json()
    q = next(q for q in QUERIES if q.name == name)
    assert set(p.name for p in q.params) <= set(body["vars"]), "parameters are projected (pyoxigraph binds them)"


def _rows(server, name: str, **params) -> list[dict]:
    r = httpx.get(f"{server.url}/queries/{name}", params={**params, "format": "json"})
    assert r.status_code == 200, r.text
    return r.json()["rows"]


def test_time_series_in_period_order(server):
    rows = _rows(server, "metric-time-series", subject="organisation/acme-devices", metric="metric/revenue")
    assert [(r["period"], r["value"]) for r in rows] == [("2031-Q1", "1500000000"), ("2031-Q2", "2250000000")]
    assert rows[0]["quote"] == "revenue was EUR 1.5 billion in the first quarter"


def test_ranked_first_and_rank_in_region(server):
    first = _rows(server, "ranked-first", subject="organisation/acme-devices")
    assert [(r["marketLabel"], r["sourceLabel"]) for r in first] == [("Spain", "Tally Research")]
    region = _rows(server, "rank-in-region", subject=f"{ID}/organisation/acme-devices", region="market/europe")
    assert [(r["marketLabel"], r["rank"]) for r in region] == [("France", "3"), ("Spain", "1")]
    assert _rows(server, "rank-in-region", subject="organisation/acme-devices", region="market/asia-pacific") == []


def test_market_shares_follow_part_of_chains(server):
    rows = _rows(server, "market-shares-by-region", region="market/europe")
    assert [(r["marketLabel"], r["share"]) for r in rows] == [("Spain", "31.4")]


def test_spec_threshold_is_a_bound_decimal(server):
    spec = f"{ID}/metric/camera-resolution"
    assert [r["value"] for r in _rows(server, "products-with-spec", spec=spec, minimum="100")] == ["108"]
    assert _rows(server, "products-with-spec", spec=spec, minimum="200") == []


def test_compare_periods_and_latest_value(server):
    rows = _rows(server, "compare-periods", subject="organisation/acme-devices", before="2031-Q1", after="2031-Q2")
    assert [(r["metric"].rsplit("/", 1)[1], r["difference"]) for r in rows] == [("revenue", "750000000")]
    latest = _rows(server, "latest-value", subject="organisation/acme-devices", metric="metric/revenue")
    assert [(r["period"], r["value"]) for r in latest] == [("2031-Q2", "2250000000")]


def test_call_questions_in_transcript_order(server):
    rows = _rows(server, "call-questions")
    assert [(r["turnType"], r["speakerLabel"]) for r in rows] == [("question", "Sam Sample"), ("answer", "Jo Example")]


def test_price_list_has_variants(server):
    rows = _rows(server, "price-list")
    assert [(r["productLabel"], r.get("variant"), r["amount"]) for r in rows] == [
        ("Acme Nova 9", "8GB+128GB", "499"), ("Acme Nova 9 Pro", None, "799")]


def test_parameters_are_bound_never_pasted(server):
    evil = 'x" } } SELECT * WHERE { ?s ?p ?o } #'
    rows = _rows(server, "find-entity", text=evil)
    assert rows == []
    bad = httpx.get(f"{server.url}/queries/products-with-spec", params={"minimum": "1; DROP"})
    assert bad.status_code == 400 and "decimal" in bad.json()["error"]["detail"]
    unknown = httpx.get(f"{server.url}/queries/price-list", params={"colour": "red"})
    assert unknown.status_code == 400
    iri = httpx.get(f"{server.url}/queries/ranked-first", params={"subject": "organisation/x> . ?s ?p ?o"})
    assert iri.status_code == 400


def test_csv_and_html_outputs(server):
    r = httpx.get(f"{server.url}/queries/price-list", params={"format": "csv"})
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert r.headers["content-type"].startswith("text/csv") and len(rows) == 2
    h = httpx.get(f"{server.url}/queries/price-list", headers={"Accept": "text/html"})
    assert h.headers["content-type"].startswith("text/html") and "8GB+128GB" in h.text and "<table>" in h.text


# --- goldens on the real seed graph -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_server(start_server, seed_store):
    return start_server(seed_store, max_rows=100000)


@pytest.mark.parametrize("name", NAMES)
def test_golden_results_on_the_seed_graph(seed_server, update_golden, name):
    r = httpx.get(f"{seed_server.url}/queries/{name}", params={"format": "json"}, timeout=60)
    assert r.status_code == 200, r.text
    got = {"vars": r.json()["vars"], "rows": r.json()["rows"]}
    path = GOLDEN / f"{name}.json"
    if update_golden:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"no golden file {path.relative_to(ROOT)}: run pytest {Path(__file__).name} --update-golden")
    assert got == json.loads(path.read_text(encoding="utf-8"))
