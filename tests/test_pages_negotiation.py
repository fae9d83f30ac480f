"""Every IRI under the base dereferences: HTML for browsers, Turtle / JSON-LD / N-Triples / RDF/XML by Accept
(q-values) or by suffix, with Vary and Link headers; RDF parses back to exactly what the store holds about the IRI,
plus the description of the RDF document itself (foaf:primaryTopic, licence)."""
from __future__ import annotations

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from marketgraph.api.app import create_app
from marketgraph.api.browse.negotiation import FORMATS, NotAcceptable, choose, split_suffix
from pages_support import BASE, fixture_dataset, fixture_settings

MG = "https://w3id.org/marketgraph/ontology#"
RDF_MEDIA = {"ttl": ("text/turtle", ox.RdfFormat.TURTLE), "jsonld": ("application/ld+json", ox.RdfFormat.JSON_LD),
             "nt": ("application/n-triples", ox.RdfFormat.N_TRIPLES),
             "rdf": ("application/rdf+xml", ox.RdfFormat.RDF_XML)}
FOAF = "http://xmlns.com/foaf/0.1/"
LICENSE = "http://purl.org/dc/terms/license"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    app = create_app(fixture_settings(tmp_path_factory.mktemp("pages") / "store"))
    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="module")
def dataset():
    return fixture_dataset()


def sample_paths(dataset: ox.Store) -> dict[str, str]:
    """One IRI of each kind the graph holds (entity kinds, document, fact, evidence, metric, period, turn)."""
    out: dict[str, str] = {}
    for q in dataset.quads_for_pattern(None, None, None, None):
        s = q.subject
        if isinstance(s, ox.NamedNode) and s.value.startswith(BASE + "/id/") and "#" not in s.value:
            kind = s.value[len(BASE) + 4:].split("/")[0]
            out.setdefault(kind, s.value[len(BASE):])
    return out


def about_resource(triples: set[ox.Triple], iri: str, ext: str) -> set[ox.Triple]:
    """The triples of a response minus those describing the RDF document; asserts that description is there."""
    doc = ox.NamedNode(f"{iri}.{ext}")
    own = {t for t in triples if t.subject == doc}
    assert ox.Triple(doc, ox.NamedNode(FOAF + "primaryTopic"), ox.NamedNode(iri)) in own
    assert any(t.predicate.value == LICENSE for t in own)
    return triples - own


def expected_triples(dataset: ox.Store, iri: str) -> set[ox.Triple]:
    """About an IRI: its triples, the triples naming it, its evidence chain and its ``#`` sub-resources."""
    q = f"""PREFIX mg: <{MG}> PREFIX oa: <http://www.w3.org/ns/oa#>
    CONSTRUCT {{ ?s ?p ?o }} WHERE {{
      {{ BIND(<{iri}> AS ?s) ?s ?p ?o }} UNION {{ BIND(<{iri}> AS ?o) ?s ?p ?o }}
      UNION {{ <{iri}> mg:evidence/(oa:hasTarget|oa:hasSelector)* ?s . ?s ?p ?o }}
      UNION {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), "{iri}#")) }} }}"""
    return set(dataset.query(q, use_default_graph_as_union=True))


def test_fixture_covers_every_kind(dataset):
    kinds = set(sample_paths(dataset))
    assert {"product", "organisation", "market", "metric", "period", "document", "fact", "evidence"} <= kinds


@pytest.mark.parametrize("ext", sorted(RDF_MEDIA))
def test_every_kind_in_every_format_by_suffix_and_accept(client, dataset, ext):
    media, fmt = RDF_MEDIA[ext]
    for kind, path in sorted(sample_paths(dataset).items()):
        want = expected_triples(dataset, BASE + path)
        for r in (client.get(f"{path}.{ext}"), client.get(path, headers={"Accept": media})):
            assert r.status_code == 200, (kind, path, r.text[:200])
            assert r.headers["content-type"].startswith(media)
            got = {q.triple for q in ox.parse(r.content, format=fmt, base_iri=BASE + path)}
            assert about_resource(got, BASE + path, ext) == want, (kind, path, len(got), len(want))


def test_html_page_for_every_kind(client, dataset):
    for kind, path in sample_paths(dataset).items():
        r = client.get(path, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
        assert r.status_code == 200, (kind, path)
        assert r.headers["content-type"].startswith("text/html")
        assert "Accept" in r.headers["vary"]
        for ext, (media, _) in RDF_MEDIA.items():
            assert f'<{path}.{ext}>; rel="alternate"; type="{media}"' in r.headers["link"]


def test_q_values_pick_the_preferred_format(client):
    path = "/id/product/mi-mix-alpha"
    r = client.get(path, headers={"Accept": "text/html;q=0.5, text/turtle;q=0.9, application/ld+json;q=0.7"})
    assert r.headers["content-type"].startswith("text/turtle")
    r = client.get(path, headers={"Accept": "text/turtle;q=0.1, application/n-triples"})
    assert r.headers["content-type"].startswith("application/n-triples")
    r = client.get(path, headers={"Accept": "text/html;q=0, */*;q=0.5"})
    assert not r.headers["content-type"].startswith("text/html")
    assert client.get(path, headers={"Accept": "text/turtle"}).headers["content-location"] == f"{path}.ttl"
    assert client.get(path, headers={"Accept": "text/html"}).headers["content-location"] == f"{path}.html"
    assert client.get(f"{path}.html").headers["content-type"].startswith("text/html")
    assert "content-location" not in client.get(f"{path}.nt").headers
    r = client.get(path, headers={"Accept": "image/png"})
    assert r.status_code == 406
    assert r.json()["error"]["status"] == 406


def test_unknown_iri_under_the_base_is_a_404_page_with_suggestions(client):
    r = client.get("/id/product/mix-alpha-phone", headers={"Accept": "text/html"})
    assert r.status_code == 404
    assert 'href="/id/product/mi-mix-alpha"' in r.text
    r = client.get("/id/product/mix-alpha-phone", headers={"Accept": "text/turtle"})
    assert r.status_code == 404
    assert f"{BASE}/id/product/mi-mix-alpha" in r.json()["error"]["suggestions"]
    assert client.get("/id/nothing", headers={"Accept": "text/html"}).status_code == 404


def test_ontology_terms_dereference(client):
    r = client.get("/ontology/Smartphone", headers={"Accept": "text/turtle"})
    assert r.status_code == 200
    triples = {q.triple for q in ox.parse(r.content, format=ox.RdfFormat.TURTLE)}
    subclass = ox.Triple(ox.NamedNode(MG + "Smartphone"), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf"),
                         ox.NamedNode(MG + "Device"))
    assert subclass in triples
    assert client.get("/ontology/Smartphone.nt").headers["content-type"].startswith("application/n-triples")
    assert client.get("/ontology/NoSuchTerm", headers={"Accept": "text/html"}).status_code == 404
    whole = client.get("/ontology.ttl")
    assert whole.status_code == 200 and subclass in {q.triple for q in ox.parse(whole.content, format=ox.RdfFormat.TURTLE)}


@pytest.mark.parametrize("accept,expected", [
    (None, "html"), ("*/*", "html"), ("text/turtle", "ttl"), ("text/*", "html"),
    ("application/ld+json;q=0.8, text/turtle;q=0.8", "ttl"),       # tie -> server order
    ("text/html;q=0.1, application/n-triples;q=0.2", "nt"),
    ("application/json", "jsonld"), ("TEXT/TURTLE", "ttl"),
    ("text/turtle;q=abc, application/ld+json", "jsonld"),          # malformed q counts as 0
])
def test_choose(accept, expected):
    assert choose(accept).key == expected


def test_choose_refuses_what_is_not_offered():
    with pytest.raises(NotAcceptable):
        choose("image/png, text/turtle;q=0")


def test_split_suffix():
    assert split_suffix("mi-mix-alpha.ttl") == ("mi-mix-alpha", FORMATS[1])
    assert split_suffix("mi-mix-alpha") == ("mi-mix-alpha", None)
    assert split_suffix("v1.5") == ("v1.5", None)
    assert split_suffix(".ttl") == (".ttl", None)


def test_head_answers_like_get_without_a_body(client):
    r = client.head("/id/product/mi-mix-alpha", headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    assert "Accept" in r.headers["vary"] and r.content == b""


@pytest.mark.server
def test_over_a_real_server(start_server, tmp_path_factory, dataset):
    """The same negotiation through uvicorn on loopback, with a plain HTTP client."""
    import httpx

    from pages_support import fixture_store

    live = start_server(fixture_store(tmp_path_factory.mktemp("live") / "store"), base_iri=BASE)
    path = sample_paths(dataset)["product"]
    with httpx.Client(base_url=live.url, timeout=30) as http:
        r = http.get(path, headers={"Accept": "application/ld+json;q=0.9, text/html;q=0.8"})
        assert r.status_code == 200 and r.headers["content-type"].startswith("application/ld+json")
        assert r.headers["vary"] == "Accept" and r.headers["content-location"] == f"{path}.jsonld"
        got = {q.triple for q in ox.parse(r.content, format=ox.RdfFormat.JSON_LD)}
        assert about_resource(got, BASE + path, "jsonld") == expected_triples(dataset, BASE + path)
        x = http.get(path, headers={"Accept": "application/rdf+xml"})
        assert x.status_code == 200 and x.headers["content-type"].startswith("application/rdf+xml")
        assert x.headers["content-location"] == f"{path}.rdf"
        o = http.get("/ontology", headers={"Accept": "application/rdf+xml"})
        assert o.status_code == 200 and o.headers["content-type"].startswith("application/rdf+xml")
        assert len(list(ox.parse(o.content, format=ox.RdfFormat.RDF_XML))) > 500
        assert r.json()["@context"]["mg"] == MG          # compacted with an inline context, nothing remote
        h = http.head(path, headers={"Accept": "text/turtle"})
        assert h.status_code == 200 and h.content == b"" and h.headers["content-type"].startswith("text/turtle")
        assert http.get("/id/product/zz-no-such", headers={"Accept": "text/html"}).status_code == 404
