"""What the pages show, checked against the fixture graph: entity pages (label, aliases, types, description,
properties, incoming links, fact tables with quotes that link into the document), document pages (evidence
marked at its offsets), charts, conflicts, ontology and class pages, home page, VoID and sitemap."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from marketgraph.api.app import create_app
from marketgraph.graph.paths import ProjectPaths
from pages_support import BASE, fixture_dataset, fixture_settings, parse_html

MG = "https://w3id.org/marketgraph/ontology#"
SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    app = create_app(fixture_settings(tmp_path_factory.mktemp("content") / "store"))
    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="module")
def ds():
    return fixture_dataset()


def rows(ds, query):
    return [{k: s[k] for k in ("a", "b", "c", "d") if k in [v.value for v in res.variables] and s[k] is not None}
            for res in [ds.query(query, use_default_graph_as_union=True)] for s in res]


def a_product_with_a_launch(ds) -> tuple[str, str]:
    r = rows(ds, f"""PREFIX mg: <{MG}> SELECT ?a ?b WHERE {{ ?f mg:factKind "launch" ; mg:launchedProduct ?a ;
                     mg:dateValue ?b }} LIMIT 1""")
    return r[0]["a"].value, r[0]["b"].value


def label(ds, iri) -> str:
    return next(q.object.value for q in ds.quads_for_pattern(ox.NamedNode(iri), ox.NamedNode(RDFS_LABEL), None, None))


def test_entity_page_shows_label_aliases_types_and_a_description_from_data(client, ds):
    product, date = a_product_with_a_launch(ds)
    path = product[len(BASE):]
    els = parse_html(client.get(path, headers=HTML).text)
    assert next(e for e in els if e.tag == "h1").text.strip() == label(ds, product)
    aliases = {q.object.value for q in ds.quads_for_pattern(ox.NamedNode(product), ox.NamedNode(SKOS_ALT), None, None)}
    shown = {e.text for e in els if e.attrs.get("class") == "alias"}
    assert aliases and aliases - {label(ds, product)} == shown
    types = [e for e in els if e.attrs.get("class") == "type"]
    assert types and all(e.children[0].attrs["href"].startswith("/ontology/") for e in types)
    description = next(e for e in els if e.attrs.get("class") == "description").text
    maker = rows(ds, f"PREFIX mg: <{MG}> SELECT ?a WHERE {{ <{product}> mg:manufacturer ?a }}")[0]["a"].value
    assert label(ds, maker) in description and date in description


def test_properties_link_their_values_and_incoming_links_are_counted(client, ds):
    product, _ = a_product_with_a_launch(ds)
    els = parse_html(client.get(product[len(BASE):], headers=HTML).text)
    links = {e.attrs.get("href") for e in els if e.tag == "a"}
    for q in ds.quads_for_pattern(ox.NamedNode(product), None, None, None):
        if isinstance(q.object, ox.NamedNode) and q.object.value.startswith(BASE + "/id/"):
            assert q.object.value[len(BASE):] in links
    incoming = [e for e in els if e.tag == "li" and e.children and e.children[0].tag == "strong"]
    counts = {e.children[0].text.strip(): int(next(c for c in e.children if c.attrs.get("class") == "count").text)
              for e in incoming}
    total = len({(q.subject, q.predicate) for q in ds.quads_for_pattern(None, None, ox.NamedNode(product), None)
                 if q.predicate.value != MG + "conflictsWith"})
    assert sum(counts.values()) == total


def test_fact_tables_quote_the_sentence_and_link_into_the_document(client, ds):
    org = rows(ds, f'PREFIX mg: <{MG}> SELECT ?a WHERE {{ ?f mg:factKind "metric" ; mg:subject ?a }} LIMIT 1')[0]["a"].value
    els = parse_html(client.get(org[len(BASE):], headers=HTML).text)
    quotes = [e for e in els if e.tag == "a" and e.attrs.get("class") == "quote"]
    facts = rows(ds, f"""PREFIX mg: <{MG}> PREFIX oa: <http://www.w3.org/ns/oa#> PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?a ?b ?c WHERE {{ ?a mg:subject <{org}> ; prov:wasDerivedFrom ?b ;
        mg:evidence/oa:hasTarget/oa:hasSelector/oa:exact ?c }}""")
    assert facts
    hrefs = {e.attrs["href"]: e.text for e in quotes}
    for f in facts:
        fid = f["a"].value.rsplit("/", 1)[1]
        href = f"{f['b'].value[len(BASE):]}#f-{fid}"
        assert hrefs.get(href) == f"“{f['c'].value}”"


def test_document_page_marks_each_evidence_at_its_offsets(client, ds):
    paths = ProjectPaths.default()
    docs = rows(ds, f"PREFIX mg: <{MG}> SELECT ?a ?b WHERE {{ ?a a mg:Document ; mg:sourceFile/mg:path ?b }}")
    assert docs
    for d in docs:
        text = (paths.sources / d["b"].value).read_text(encoding="utf-8")
        els = parse_html(client.get(d["a"].value[len(BASE):], headers=HTML).text)
        marks = {e.attrs["id"]: e for e in els if e.tag == "mark" and "id" in e.attrs}
        facts = rows(ds, f"""PREFIX mg: <{MG}> PREFIX oa: <http://www.w3.org/ns/oa#> PREFIX prov: <http://www.w3.org/ns/prov#>
            SELECT ?a ?b ?c WHERE {{ ?a prov:wasDerivedFrom <{d['a'].value}> ; mg:evidence/oa:hasTarget/oa:hasSelector ?s .
            ?s oa:start ?b ; oa:end ?c }}""")
        assert facts
        for f in facts:
            fid = f["a"].value.rsplit("/", 1)[1]
            mark = marks[f"f-{fid}"]
            assert mark.text == text[int(f["b"].value):int(f["c"].value)]
            assert mark.children[0].tag in ("a", "mark")


def test_metric_with_two_periods_gets_a_chart_and_conflicts_are_side_by_side(client, ds):
    subj = rows(ds, f"""PREFIX mg: <{MG}> SELECT ?a (COUNT(DISTINCT ?p) AS ?b) WHERE {{ ?f mg:factKind "metric" ;
        mg:subject ?a ; mg:period ?p }} GROUP BY ?a HAVING (COUNT(DISTINCT ?p) >= 2)""")
    assert subj
    els = parse_html(client.get(subj[0]["a"].value[len(BASE):], headers=HTML).text)
    svg = [e for e in els if e.tag == "svg"]
    assert svg and len([e for e in els if e.tag == "circle"]) >= 2
    pairs = rows(ds, f"PREFIX mg: <{MG}> SELECT ?a ?b WHERE {{ ?a mg:conflictsWith ?b ; mg:subject <{subj[0]['a'].value}> }}")
    sides = [e for e in els if e.attrs.get("class") == "side"]
    assert pairs and len(sides) == 2 * (len(pairs) // 2)


def test_ontology_documentation_is_pylode_with_every_term(client):
    """/ontology is pyLODE's documentation of the ontology (generated once per ontology version), with the site's
    navigation; every mg: term has its section; nothing is loaded from another host."""
    from html import unescape

    from marketgraph.api.browse.ontology import Ontology
    from marketgraph.graph.paths import ProjectPaths

    r = client.get("/ontology", headers=HTML)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "pyLODE" in r.text and 'href="/ontology/terms"' in r.text
    els = parse_html(r.text)
    terms = Ontology.load(ProjectPaths.default().ontology).terms
    assert {"Fact", "Observation", "modality", "UnresolvedCandidate"} <= set(terms)
    missing = [t.name for t in terms.values() if ("class" in t.kind or "property" in t.kind)
               and (t.iri not in r.text or t.label not in unescape(r.text))]   # individuals: on /ontology/{Term}
    assert missing == []
    remote = [e.attrs.get("src") for e in els if (e.attrs.get("src") or "").startswith(("http:", "https:", "//"))]
    remote += [e.attrs.get("href") for e in els if e.tag == "link" and (e.attrs.get("href") or "").startswith(("http", "//"))]
    assert remote == []


def test_ontology_page_and_class_page_with_paged_instances(client, ds):
    els = parse_html(client.get("/ontology/terms", headers=HTML).text)
    assert any(e.attrs.get("href") == "/ontology/Product" for e in els)
    total = int(rows(ds, f"SELECT (COUNT(DISTINCT ?a) AS ?b) WHERE {{ ?a a <{MG}Market> }}")[0]["b"].value)
    assert total > 50   # enough for two pages
    seen = set()
    page = 1
    while True:
        els = parse_html(client.get(f"/ontology/Market?page={page}", headers=HTML).text)
        items = [e for e in els if e.tag == "li" and e.children and e.children[0].tag == "a"
                 and e.children[0].attrs["href"].startswith("/id/")]
        seen |= {e.children[0].attrs["href"] for e in items}
        if not any(e.attrs.get("rel") == "next" for e in els):
            break
        page += 1
    assert len(seen) == total and page == -(-total // 50)


def test_a_class_larger_than_its_pages_says_so_and_links_the_full_list(client, ds, monkeypatch):
    from urllib.parse import parse_qs, urlparse

    from marketgraph.api.browse import site

    assert client.get(f"/ontology/Market?page={site.CLASS_PAGES + 1}", headers=HTML).status_code == 400   # refused
    monkeypatch.setattr(site, "CLASS_PAGES", 1)   # one page of 50: the fixture's markets are more than that
    els = parse_html(client.get("/ontology/Market", headers=HTML).text)
    heading = next(e.text for e in els if e.tag == "h2" and e.text.startswith("Instances"))
    assert "more than 50" in heading
    assert not any(e.attrs.get("rel") == "next" for e in els)
    link = next(e.attrs["href"] for e in els if e.attrs.get("class") == "query-link" and e.tag == "a"
                and e.attrs.get("href", "").startswith("/sparql?"))
    query = parse_qs(urlparse(link).query)["query"][0]
    total = int(rows(ds, f"SELECT (COUNT(DISTINCT ?a) AS ?b) WHERE {{ ?a a <{MG}Market> }}")[0]["b"].value)
    assert len(rows(ds, query)) == total > 50


def test_home_page_is_led_by_documents_and_headline_entities(client, ds):
    els = parse_html(client.get("/", headers=HTML).text)
    hrefs = [e.attrs.get("href") for e in els if e.tag == "a"]
    assert {"/sparql", "/queries", "/docs", "/ontology"} <= set(hrefs)
    docs = rows(ds, f"PREFIX mg: <{MG}> SELECT DISTINCT ?a WHERE {{ ?a a mg:Document }}")
    assert {d["a"].value[len(BASE):] for d in docs} <= set(hrefs)
    h2 = [e.text.strip() for e in els if e.tag == "h2"]
    assert h2[0] == "Documents"                      # documents first, no table of class counts
    assert not any(h.startswith("/ontology/") for h in hrefs)
    top = rows(ds, f"PREFIX mg: <{MG}> SELECT ?a (COUNT(?f) AS ?b) WHERE {{ ?f mg:subject ?a ; mg:factKind ?k . "
                   f"?a a mg:Company }} GROUP BY ?a ORDER BY DESC(?b) LIMIT 1")[0]
    company = top["a"].value[len(BASE):]
    item = next(e for e in els if e.tag == "li" and e.children and e.children[0].attrs.get("href") == company)
    assert f"{top['b'].value} facts" in item.text
    assert any(e.tag == "input" and e.attrs.get("type") == "search" for e in els)


def test_void_describes_endpoint_uri_space_dump_and_partitions(client, ds):
    r = client.get("/.well-known/void", headers={"Accept": "text/turtle"})
    g = ox.Store()
    g.load(r.content, format=ox.RdfFormat.TURTLE)
    V = "http://rdfs.org/ns/void#"
    ds_node = ox.NamedNode(BASE + "/.well-known/void#dataset")
    get = lambda p: [q.object for q in g.quads_for_pattern(ds_node, ox.NamedNode(V + p), None, None)]  # noqa: E731
    assert get("sparqlEndpoint") == [ox.NamedNode(BASE + "/sparql")]
    assert [o.value for o in get("uriSpace")] == [BASE + "/id/"]
    dump = get("dataDump")[0].value
    assert int(get("triples")[0].value) == len(ds)
    classes = {q.object.value for q in g.quads_for_pattern(None, ox.NamedNode(V + "class"), None, None)}
    assert MG + "Product" in classes
    assert len(get("propertyPartition")) > 10
    nq = client.get(dump[len(BASE):])
    loaded = ox.Store()
    loaded.load(nq.content, format=ox.RdfFormat.N_QUADS)
    assert len(loaded) == len(ds)


def test_void_is_complete_and_computed_from_the_store(client, ds):
    """The recommended VoID properties, with counts that match the store and every vocabulary the data uses."""
    r = client.get("/.well-known/void", headers={"Accept": "text/turtle"})
    g = ox.Store()
    g.load(r.content, format=ox.RdfFormat.TURTLE)
    V, DCT = "http://rdfs.org/ns/void#", "http://purl.org/dc/terms/"
    ds_node = ox.NamedNode(BASE + "/.well-known/void#dataset")
    get = lambda p: [q.object for q in g.quads_for_pattern(ds_node, ox.NamedNode(p), None, None)]  # noqa: E731
    for p in [DCT + x for x in ("title", "description", "license", "publisher", "creator", "modified")] + \
             [V + x for x in ("sparqlEndpoint", "dataDump", "uriSpace", "uriLookupEndpoint", "rootResource", "feature",
                              "triples", "entities", "classes", "properties", "distinctSubjects", "distinctObjects",
                              "vocabulary", "exampleResource", "classPartition", "propertyPartition", "subset")]:
        assert get(p), p
    union = lambda q: list(ds.query(q, use_default_graph_as_union=True))  # noqa: E731
    assert int(get(V + "properties")[0].value) == int(union("SELECT (COUNT(DISTINCT ?p) AS ?n) { ?s ?p ?o }")[0]["n"].value)
    assert int(get(V + "distinctSubjects")[0].value) == int(union("SELECT (COUNT(DISTINCT ?s) AS ?n) { ?s ?p ?o }")[0]["n"].value)
    namespaces = {q.predicate.value.rsplit("#", 1)[0] + "#" if "#" in q.predicate.value
                  else q.predicate.value.rsplit("/", 1)[0] + "/" for q in ds}
    assert namespaces <= {o.value for o in get(V + "vocabulary")}
    root = get(V + "rootResource")[0].value
    assert root != BASE + "/" and client.get(root[len(BASE):], headers={"Accept": "text/turtle"}).status_code == 200
    for ex in get(V + "exampleResource"):
        assert client.get(ex.value[len(BASE):] + ".ttl").status_code == 200


def test_sitemap_lists_every_resource_under_the_base(client, ds):
    root = ET.fromstring(client.get("/sitemap.xml").content)
    locs = {e.text for e in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    subjects = {q.subject.value for q in ds.quads_for_pattern(None, None, None, None)
                if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(BASE + "/id/")
                and "#" not in q.subject.value}
    assert subjects <= locs and BASE + "/" in locs


from hypothesis import given, settings as hsettings, strategies as st  # noqa: E402

from marketgraph.api.browse.document_text import _marked  # noqa: E402
from marketgraph.api.browse.facts import FactRow  # noqa: E402


@hsettings(max_examples=150, deadline=None)
@given(st.text(alphabet="ab <&>\n", min_size=1, max_size=40).flatmap(
    lambda t: st.tuples(st.just(t), st.lists(st.tuples(st.integers(0, len(t)), st.integers(0, len(t))), max_size=6))))
def test_marks_keep_the_text_and_each_quote_is_one_marked_span(case):
    import html as h
    import re
    text, pairs = case
    spans = [(min(a, b), max(a, b)) for a, b in pairs if a != b]
    rows = [FactRow(iri=f"x/{i}", fact_id=str(i), kind="metric", label="l", start=s, end=e, quote=text[s:e])
            for i, (s, e) in enumerate(spans)]
    out = _marked(text, 0, len(text), rows, lambda r: f"/id/fact/{r.fact_id}")
    assert h.unescape(re.sub(r"<[^>]+>", "", out)) == text
    assert "<a" not in "".join(re.findall(r"<a [^>]*>(.*?)</a>", out))   # links never nest
    els = parse_html(f"<div>{out}</div>")
    for r in rows:
        ids = [e for e in els if e.attrs.get("id") == f"f-{r.fact_id}"]
        assert len(ids) == 1
        pieces = "".join(e.text for e in els if e.tag == "mark" and e.attrs.get("data-fact") == r.fact_id)
        assert pieces == r.quote


def test_series_group_by_granularity_and_need_two_periods():
    from decimal import Decimal

    from marketgraph.api.browse.chart import series_from
    from marketgraph.api.browse.facts import Link

    def row(i, period, value):
        return FactRow(iri=f"x/{i}", fact_id=str(i), kind="metric", label="l", value=Decimal(value),
                       unit_text="EUR", metric=Link("m", "widgets"), period=Link(f"p/{period}", period),
                       entities=[("subject", Link("s", "Acme"))])
    rows = [row(1, "2031-Q1", "5"), row(2, "2031-Q2", "7"), row(3, "2031", "20"), row(4, "2032", "30"),
            row(5, "2031-H1", "12")]
    series = series_from(rows)
    assert sorted([p for p, _, _ in s.points] for s in series) == [["2031", "2032"], ["2031-Q1", "2031-Q2"]]
    svg = series[0].svg()
    assert svg.count("<circle") == 2 and "EUR" in svg


@pytest.mark.parametrize("value,unit,text", [("53500000000", "CNY", "CNY 53.5 billion"), ("12.5", "percent", "12.5%"),
                                             ("2400000", "units", "2.4 million units"), ("4050", "mAh", "4050 mAh"),
                                             ("-3.25", "pp", "-3.25 pp"), ("123456", "users", "123,456 users")])
def test_format_value(value, unit, text):
    from decimal import Decimal

    from marketgraph.api.browse.facts import format_value
    assert format_value(Decimal(value), unit) == text


def test_rank_is_shown_as_position_or_top_n():
    from decimal import Decimal

    row = FactRow(iri="x", fact_id="x", kind="ranking", label="l", value=Decimal(3), value_name="rank")
    assert row.display_value == "#3"
    row.literals = [("rankType", "top")]
    assert row.display_value == "top 3"


def test_chart_axis_is_true_to_time_and_has_tick_labels():
    """2019-Q3 → 2020-Q2 → 2020-Q3: the first gap is three quarters, the second one; y ticks are round values
    with their unit (not only 0 and the maximum)."""
    import re
    from decimal import Decimal

    from marketgraph.api.browse.chart import nice_ticks, series_from
    from marketgraph.api.browse.facts import Link

    rows = [FactRow(iri=f"x/{i}", fact_id=str(i), kind="metric", label="l", value=Decimal(v), unit_text="CNY",
                    metric=Link("m", "revenue"), period=Link(f"p/{p}", p), entities=[("subject", Link("s", "Acme"))])
            for i, (p, v) in enumerate([("2019-Q3", "1200000000"), ("2020-Q2", "1500000000"), ("2020-Q3", "1700000000")])]
    svg = series_from(rows)[0].svg()
    xs = [float(x) for x in re.findall(r'<circle class="point" cx="([\d.]+)"', svg)]
    gap1, gap2 = xs[1] - xs[0], xs[2] - xs[1]
    assert gap1 == pytest.approx(3 * gap2, rel=0.05)
    y_labels = re.findall(r'<text class="tick y"[^>]*>([^<]+)</text>', svg)
    assert len(y_labels) >= 4 and all(label.startswith("CNY") for label in y_labels)
    assert ">2020<" in svg                                   # the year boundary is marked
    assert nice_ticks(0, 1.7e9) == [0, 5e8, 1e9, 1.5e9, 2e9]


def test_descriptions_come_from_the_entitys_own_facts(client, ds):
    """No 'announced <date>' on documents, markets or periods (their pages list launches of other things); a product
    with a launch of its own says when."""
    for kind in ("document", "market", "period", "organisation", "metric"):
        iri = next(q.subject.value for q in ds.quads_for_pattern(None, None, None, None)
                   if q.subject.value.startswith(f"{BASE}/id/{kind}/") and "#" not in q.subject.value)
        text = [e for e in parse_html(client.get(iri[len(BASE):], headers=HTML).text) if e.attrs.get("class") == "description"]
        assert not text or not any(w in text[0].text for w in ("announced", "launched")), (kind, text[0].text)
    product, _ = a_product_with_a_launch(ds)
    text = [e for e in parse_html(client.get(product[len(BASE):], headers=HTML).text) if e.attrs.get("class") == "description"]
    assert text and any(w in text[0].text for w in ("announced", "launched"))


def test_document_page_lists_its_unresolved_candidates(tmp_path):
    """A candidate the extraction could not publish shows on its document's page (with its reason), not as a fact."""
    from dataclasses import dataclass

    from rdflib import Dataset

    from marketgraph.api.app import create_app
    from marketgraph.graph.gazetteer import Gazetteer
    from marketgraph.graph.iris import Iris
    from marketgraph.graph.mapper import map_document
    from marketgraph.graph.records import Document, Evidence
    from marketgraph.graph.settings import Settings
    from marketgraph.graph.store import EmbeddedWriter

    @dataclass(frozen=True)
    class Unresolved:
        evidence: Evidence
        reason: str

    doc = Document("zorbla-note", "seeds/none.txt", 0, 40, "Zorbla note", "news", "2030-01-02")
    g = map_document(doc, [], Gazetteer({}, {}), Iris(BASE),
                     candidates=[Unresolved(Evidence("seeds/none.txt", 3, 18, "sales grew 4%"), "no subject")])
    writer = EmbeddedWriter(tmp_path / "store")
    writer.put_graph(Iris(BASE).graph(doc.doc_id), g)
    writer.commit()
    with TestClient(create_app(Settings(store=tmp_path / "store", base_iri=BASE))) as c:
        page = c.get("/id/document/zorbla-note", headers=HTML).text
    assert "sales grew 4%" in page and "no subject" in page and "Not published" in page
