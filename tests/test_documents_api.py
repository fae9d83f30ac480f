"""Documents over HTTP against a real server on loopback: POST a file, query its facts at once, list, delete."""
from __future__ import annotations

import httpx
import pytest
from SPARQLWrapper import JSON, SPARQLWrapper

from ingest_support import html_page, pdf_bytes, press_release
from marketgraph.graph.ingest import ingest
from marketgraph.graph.inputs import Input
from marketgraph.graph.settings import Settings

TOKEN = "test-token-for-documents"
pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def doc_server(start_server, tmp_path_factory):
    store = tmp_path_factory.mktemp("docapi") / "store"
    text = press_release(1, "Hostwell Goods Ltd")
    ingest(Settings(store=store, base_iri="http://127.0.0.1:8000", extract_workers=1),
           [Input("host.txt", "host.txt", text.encode())])
    return start_server(store, documents_enabled=True, update_token=TOKEN, max_document_bytes=200_000)


def _auth():
    return {"Authorization": f"Bearer {TOKEN}"}


def _count_facts_of(server, company: str) -> int:
    sw = SPARQLWrapper(server.sparql)
    sw.setQuery("PREFIX mg: <https://w3id.org/marketgraph/ontology#> "
                "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
                f"SELECT (COUNT(?f) AS ?n) WHERE {{ ?f a mg:Fact ; mg:subject/rdfs:label ?l . "
                f"FILTER(CONTAINS(?l, '{company}')) }}")
    sw.setReturnFormat(JSON)
    return int(sw.query().convert()["results"]["bindings"][0]["n"]["value"])


def test_a_posted_html_page_is_queryable_when_the_response_returns(doc_server):
    text = press_release(2, "Posterly Goods Ltd")
    page = html_page(text.split("\n", 2)[2], "Posterly Goods Ltd reports Q1 2021 results")
    assert _count_facts_of(doc_server, "Posterly") == 0
    r = httpx.post(doc_server.url + "/documents", content=page.encode(), timeout=120,
                   headers={**_auth(), "Content-Type": "text/html"}, params={"name": "posted.html"})
    assert r.status_code == 201, r.text
    assert r.headers["location"].startswith("http://127.0.0.1:8000/id/document/")
    assert _count_facts_of(doc_server, "Posterly") > 0
    listing = httpx.get(doc_server.url + "/documents", timeout=30).json()["documents"]
    assert {d["file"] for d in listing} >= {"host.txt", "posted.html"}
    html = httpx.get(doc_server.url + "/documents", headers={"Accept": "text/html"}, timeout=30)
    assert html.status_code == 200 and "posted.html" not in html.text and "<table>" in html.text
    doc_id = r.headers["location"].rsplit("/", 1)[1]
    d = httpx.delete(f"{doc_server.url}/documents/{doc_id}", headers=_auth(), timeout=120)
    assert d.status_code == 204
    assert _count_facts_of(doc_server, "Posterly") == 0
    assert httpx.delete(f"{doc_server.url}/documents/{doc_id}", headers=_auth(), timeout=60).status_code == 404


def test_a_multipart_pdf_upload_with_metadata(doc_server):
    pdf = pdf_bytes(press_release(3, "Paperline Goods Ltd"))
    r = httpx.post(doc_server.url + "/documents", headers=_auth(), timeout=120,
                   files={"file": ("paper.pdf", pdf, "application/pdf")}, data={"date": "2021-05-13"})
    assert r.status_code == 201, r.text
    listing = httpx.get(doc_server.url + "/documents", timeout=30).json()["documents"]
    paper = next(d for d in listing if d["file"] == "paper.pdf")
    assert paper["date"] == "2021-05-13" and paper["media_type"] == "application/pdf"


@pytest.mark.parametrize("headers,body,status", [
    ({}, b"some text", 403),
    ({"Authorization": "Bearer wrong"}, b"some text", 403),
    ({"Authorization": f"Bearer {TOKEN}", "Content-Type": "image/png"}, b"\x89PNG", 415),
    ({"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/plain"}, b"x" * 200_001, 413),
    ({"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/plain"}, b"\x00\x01binary", 422),
    ({"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/plain"}, b"", 422),
])
def test_bad_uploads_are_4xx_in_the_error_envelope(doc_server, headers, body, status):
    r = httpx.post(doc_server.url + "/documents", content=body, headers=headers, timeout=60)
    assert r.status_code == status, r.text
    err = r.json()["error"]
    assert err["status"] == status and err["title"]
    assert _count_facts_of(doc_server, "Hostwell") > 0, "published data still served"


def test_a_bad_metadata_value_is_400(doc_server):
    r = httpx.post(doc_server.url + "/documents", content=press_release(4).encode(), timeout=60,
                   headers={**_auth(), "Content-Type": "text/plain"}, params={"date": "18/11/2021"})
    assert r.status_code == 400 and "--date" in r.json()["error"]["detail"]


def test_adding_is_off_by_default(start_server, tmp_path_factory):
    store = tmp_path_factory.mktemp("docoff") / "store"
    ingest(Settings(store=store, extract_workers=1), [Input("h.txt", "h.txt", press_release(6).encode())])
    server = start_server(store, update_token=TOKEN)
    r = httpx.post(server.url + "/documents", content=b"text", headers=_auth(), timeout=30)
    assert r.status_code == 403 and "disabled" in r.json()["error"]["title"]
