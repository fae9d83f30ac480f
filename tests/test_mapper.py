"""The record -> RDF mapper: a golden test (hand-made synthetic facts -> tests/golden/mapper/*.ttl, compared by graph
isomorphism of sorted N-Triples), the audit query queries/facts.rq over a real Oxigraph store, and the ontology check queries."""
from __future__ import annotations

import typing
from datetime import date
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from marketgraph.graph.gazetteer import Gazetteer, load_gazetteer
from marketgraph.graph.iris import CUR, MG, OA, PROV, SKOS, UNIT, Iris
from marketgraph.graph.mapper import (MappingError, decimal_lexical, default_mappings, map_document, map_entities,
                                      render_template)
from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.reason import materialise
from marketgraph.graph.records import Document, EntityRef, Evidence, Fact, FactKind, Period, Turn
from marketgraph.graph.validate import load_ontology, load_shapes, validate

GOLDEN = Path(__file__).parent / "golden" / "mapper"
PATHS = ProjectPaths.default()
BASE = "http://example.org/mg"
SOURCE = "test/example.txt"
DOC_ID = "example-2030-q1-results"


@pytest.fixture(scope="module")
def text() -> str:
    return (GOLDEN / "source.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer(GOLDEN / "gazetteer")


@pytest.fixture(scope="module")
def iris() -> Iris:
    return Iris(BASE)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology(PATHS)


def ev(text: str, quote: str) -> Evidence:
    start = text.index(quote)
    return Evidence(SOURCE, start, start + len(quote), quote)


def sample(text: str, gazetteer) -> tuple[Document, list[Fact]]:
    """One synthetic document with one fact (or two) of every kind (a test checks every kind is here)."""
    corp, one, europe, research = (gazetteer.ref(k) for k in ("example-corp", "example-one", "europe",
                                                              "example-research"))
    fund = EntityRef("example-fund", "fund", "Example Fund", ("Fund",))
    jane = EntityRef("jane-roe", "person", "Jane Roe", ("Person",))
    john = EntityRef("john-doe", "person", "John Doe", ("Person",))
    broker = EntityRef("example-securities", "organisation", "Example Securities", ("Company",))
    mart = EntityRef("example-mart", "organisation", "Example Mart", ("Retailer",))
    q1 = Period("2030-Q1", "quarter", date(2030, 1, 1), date(2030, 3, 31))
    q_end = Period("2030-03-31", "instant", date(2030, 3, 31), date(2030, 3, 31))
    turn_start = text.index("The first question")
    doc = Document(DOC_ID, SOURCE, 0, len(text), "Example Corp Announces First Quarter 2030 Results",
                   "results_release", "2030-05-01", "Example Corp", corp, q1,
                   turns=(Turn("John Doe", "analyst", turn_start, text.index("margins?") + len("margins?"),
                               "Example Securities"),))
    f = lambda kind, subject, quote, **kw: Fact(kind, DOC_ID, subject, ev(text, quote), **kw)  # noqa: E731
    facts = [
        f("metric", corp, "Total revenue was approximately RMB1.25 billion", metric="revenue",
          value=Decimal("1.25E+9"), unit="CNY", period=q1, hedge="approximately", basis="IFRS"),
        f("change", corp, "up 12.5% year-over-year", metric="revenue", value=Decimal("12.5"), unit="percent",
          period=q1, basis="YoY"),
        f("ranking", corp, "ranked #2 in Europe by smartphone shipments", metric="smartphone_shipments",
          value=Decimal(2), period=q1, market=europe, source=research, qualifiers=(("rank_type", "rank"),)),
        f("market_share", corp, "a 13.5% share", metric="market_share", value=Decimal("13.5"), unit="percent",
          period=q1, market=europe, source=research),
        f("price", one, "8GB+256GB is priced at EUR 499", value=Decimal(499), unit="EUR", market=europe,
          qualifiers=(("variant", "8GB+256GB"),)),
        f("spec", one, "a 4,500mAh battery", metric="battery_capacity", value=Decimal(4500), unit="mAh"),
        f("spec", one, "in Nebula Blue", metric="colour", value="Nebula Blue"),
        f("investment", corp, "invested RMB 300 million in Example Fund", value=Decimal("3E+8"), unit="CNY",
          object=fund),
        f("count", fund, "backed 3 companies", metric="companies_invested", value=Decimal(3), unit="companies",
          period=q_end),
        f("launch", one, "launched in Europe on April 23, 2030", value="2030-04-23", market=europe, object=one,
          qualifiers=(("status", "launched"), ("venue", "online"))),
        f("role", jane, "Jane Roe, Chief Executive Officer of Example Corp", value="Chief Executive Officer",
          object=corp),
        f("qa_turn", john, "What drove margins?", value="What drove margins?", object=broker,
          qualifiers=(("turn_type", "question"),)),
        f("event", corp, "the quarter was a record", metric="record_quarter", value="record quarter", period=q1),
        f("relation", corp, "sells the Example One through Example Mart", object=mart,
          qualifiers=(("relation", "retailer"),)),
        f("attribute", one, "the lightest phone in its class", metric="positioning",
          value="the lightest phone in its class"),
    ]
    return doc, facts


@pytest.fixture(scope="module")
def mapped(text, gazetteer, iris) -> tuple[Graph, Graph]:
    doc, facts = sample(text, gazetteer)
    return map_document(doc, facts, gazetteer, iris), map_entities(gazetteer, iris)


def _assert_golden(graph: Graph, name: str) -> None:
    """Golden files are sorted N-Triples, so literal lexical forms (decimals without exponent) are pinned."""
    path = GOLDEN / name
    if not path.exists():
        lines = sorted(graph.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines())
        path.write_text("\n".join(line for line in lines if line.strip()) + "\n", encoding="utf-8")
        pytest.fail(f"golden file {path} was missing and has been written: review it and commit it")
    want = Graph().parse(path, format="nt")
    if not isomorphic(graph, want):
        _, only_got, only_want = graph_diff(to_isomorphic(graph), to_isomorphic(want))
        pytest.fail("mapped graph differs from golden\nonly in mapped:\n"
                    + only_got.serialize(format="nt") + "\nonly in golden:\n" + only_want.serialize(format="nt"))


def test_document_graph_matches_golden(mapped):
    _assert_golden(mapped[0], "document.nt")


def test_entity_graph_matches_golden(mapped):
    _assert_golden(mapped[1], "entities.nt")


def test_every_fact_kind_has_a_mapping_with_a_label():
    m = default_mappings()
    for kind in typing.get_args(FactKind):
        maps = m.kinds[kind]
        assert any(p["predicate"] == "rdfs:label" for tm in maps for p in tm.poms), kind


def test_the_sample_covers_every_fact_kind(text, gazetteer):
    assert {f.kind for f in sample(text, gazetteer)[1]} == set(typing.get_args(FactKind))


def test_unknown_kind_is_an_error(text, gazetteer, iris):
    doc, facts = sample(text, gazetteer)
    bad = Fact("rumour", DOC_ID, facts[0].subject, facts[0].evidence)  # type: ignore[arg-type]
    with pytest.raises(MappingError, match="fact-rumour.yaml"):
        map_document(doc, [bad], gazetteer, iris)


def test_every_fact_field_reaches_the_graph(mapped, text, gazetteer, iris):
    doc, facts = sample(text, gazetteer)
    g = mapped[0]
    ranking = iris.fact(facts[2].fact_id)
    assert (ranking, MG.subject, iris.entity("organisation", "example-corp")) in g
    assert (ranking, MG.metric, iris.metric("smartphone_shipments")) in g
    assert (ranking, MG.market, iris.entity("market", "europe")) in g
    assert (ranking, MG.source, iris.entity("organisation", "example-research")) in g
    assert (ranking, MG.period, iris.period("2030-Q1")) in g
    assert (ranking, MG.rank, Literal(2)) in g and (ranking, MG.rankType, Literal("rank")) in g
    metric = iris.fact(facts[0].fact_id)
    assert (metric, MG.value, Literal("1250000000", datatype=XSD.decimal)) in g
    assert (metric, MG.unit, CUR.CNY) in g and (metric, MG.unitLabel, Literal("CNY")) in g
    assert (metric, MG.hedge, Literal("approximately")) in g and (metric, MG.basis, Literal("IFRS")) in g
    assert (metric, PROV.wasDerivedFrom, iris.document(DOC_ID)) in g
    assert (iris.fact(facts[1].fact_id), MG.unit, UNIT.PERCENT) in g
    launch = iris.fact(facts[9].fact_id)
    assert (launch, MG.dateValue, Literal("2030-04-23", datatype=XSD.date)) in g
    assert (launch, MG.launchedProduct, iris.entity("product", "example-one")) in g
    assert (launch, MG.status, Literal("launched")) in g
    assert (launch, MG.qualifier, Literal("venue=online")) in g
    price = iris.fact(facts[4].fact_id)
    assert (price, MG.variant, Literal("8GB+256GB")) in g
    role = iris.fact(facts[10].fact_id)
    assert (role, MG.roleName, Literal("Chief Executive Officer")) in g
    assert (role, MG.roleIn, iris.entity("organisation", "example-corp")) in g
    for fact in facts:
        node = iris.fact(fact.fact_id)
        assert (node, MG.factKind, Literal(fact.kind)) in g
        assert len(list(g.objects(node, RDFS.label))) == 1


def test_evidence_selectors_point_at_the_quote(mapped, text, gazetteer):
    g = mapped[0]
    targets = list(g.subjects(RDF.type, OA.SpecificResource))
    assert len(targets) == len(sample(text, gazetteer)[1])
    for t in targets:
        sels = list(g.objects(t, OA.hasSelector))
        quote = next(str(o) for s in sels for o in g.objects(s, OA.exact))
        start = next(int(o) for s in sels for o in g.objects(s, OA.start))
        end = next(int(o) for s in sels for o in g.objects(s, OA.end))
        assert text[start:end] == quote


def test_gazetteer_entities_stay_out_of_document_graphs(mapped, iris):
    g = mapped[0]
    assert (iris.entity("organisation", "example-corp"), RDFS.label, None) not in g
    fund = iris.entity("fund", "example-fund")
    assert (fund, RDFS.label, Literal("Example Fund")) in g and (fund, RDF.type, MG.Fund) in g
    assert (iris.metric("battery_capacity"), RDF.type, MG.Metric) in g
    assert (iris.metric("revenue"), RDF.type, MG.Metric) not in g


def test_a_discovered_entity_keeps_one_label(text, gazetteer, iris):
    doc, facts = sample(text, gazetteer)
    other = EntityRef("example-fund", "fund", "The Example Fund", ())
    extra = Fact("count", DOC_ID, other, facts[8].evidence, metric="companies_invested", value=Decimal(4))
    g = map_document(doc, [facts[8], extra], gazetteer, iris)
    fund = iris.entity("fund", "example-fund")
    assert list(g.objects(fund, RDFS.label)) == [Literal("Example Fund")]
    assert (fund, SKOS.altLabel, Literal("The Example Fund")) in g


def test_entity_props_and_scheme(mapped, iris):
    e = mapped[1]
    one = iris.entity("product", "example-one")
    assert (one, MG.brand, iris.entity("brand", "example-brand")) in e
    category = URIRef(f"{BASE}/id/category/smartphone")
    assert (one, MG.category, category) in e and (category, RDF.type, MG.ProductCategory) in e
    assert (category, MG.categoryClass, MG.Smartphone) in e   # the class is named, never used as the value
    assert (one, SKOS.altLabel, Literal("One")) in e
    assert (iris.entity("market", "exampleland"), MG.partOf, iris.entity("market", "europe")) in e
    assert (iris.metric("smartphone_shipments"), SKOS.broader, iris.metric("shipments")) in e
    assert (iris.metric("market_share"), MG.defaultUnit, UNIT.PERCENT) in e


@pytest.mark.parametrize("value,lexical", [
    (Decimal("5.35E+10"), "53500000000"), (Decimal("-1.60"), "-1.6"), (Decimal("0.00"), "0"),
    (Decimal("1022.3"), "1022.3"), (Decimal("-0"), "0"), (12, "12")])
def test_decimal_lexical_has_no_exponent(value, lexical):
    assert decimal_lexical(value) == lexical


def test_template_optional_groups():
    row = {"a": "Acme", "b": None, "c": ["x", "y"]}
    assert render_template("{a}[ by {b}][ in {c}]", row) == "Acme in x, y"
    assert render_template("{b} is missing", row) is None


def test_units_table_and_currency_pattern():
    m = default_mappings()
    assert m.lookup("units", "pp") == MG.PercentagePoint
    assert m.lookup("units", "KRW") == CUR.KRW
    assert m.lookup("units", "currency") is None


def test_every_unit_the_extraction_can_emit_has_an_iri():
    """A unit the quantity grammar emits but units.yaml lacks gets only a label (and a build-log warning on every
    build): each canonical unit of mappings/patterns/quantities.yaml must have its IRI."""
    import yaml
    grammar = yaml.safe_load((PATHS.mappings / "patterns" / "quantities.yaml").read_text(encoding="utf-8"))
    m = default_mappings()
    missing = sorted({u for u in grammar["units"].values() if m.tables["units"].get(u) is None})
    assert missing == []


def test_the_gazetteer_maps_without_dangling_props(iris, caplog):
    """Every entity a gazetteer prop names (a company's country, a market's parent) is itself in the gazetteer."""
    import logging
    with caplog.at_level(logging.WARNING, logger="marketgraph.graph.mapper"):
        map_entities(load_gazetteer(PATHS.gazetteer), iris)
    assert [r.getMessage() for r in caplog.records] == []


# ------------------------------------------------------------------------------------------ store: facts.rq, checks


@pytest.fixture(scope="module")
def store(mapped, ontology, iris) -> ox.Store:
    doc_graph, entities = mapped
    s = ox.Store()
    for name, g in ((iris.graph(DOC_ID), materialise(doc_graph, ontology)),
                    (iris.entities_graph, materialise(entities, ontology)), (iris.ontology_graph, ontology)):
        s.bulk_load(g.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES,
                    to_graph=ox.NamedNode(str(name)))
    return s


def _rows(store: ox.Store, query: str) -> tuple[list[str], list[dict]]:
    res = store.query(query, use_default_graph_as_union=True)
    names = [v.value for v in res.variables]
    return names, [{n: sol[n] for n in names} for sol in res]


def test_facts_query_one_row_per_fact(store, text, gazetteer, iris):
    names, rows = _rows(store, (PATHS.queries / "facts.rq").read_text(encoding="utf-8"))
    assert names == ["fact", "kind", "subject", "subjectLabel", "metric", "value", "unit", "period", "market",
                     "source", "quote"]
    _, facts = sample(text, gazetteer)
    assert sorted(r["fact"].value for r in rows) == sorted(str(iris.fact(f.fact_id)) for f in facts)
    by_fact = {r["fact"].value: r for r in rows}
    rev = by_fact[str(iris.fact(facts[0].fact_id))]
    assert rev["kind"].value == "metric" and rev["subjectLabel"].value == "Example Corp"
    assert rev["metric"].value == str(iris.metric("revenue"))
    assert rev["value"] == ox.Literal("1250000000", datatype=ox.NamedNode(str(XSD.decimal)))
    assert rev["unit"].value == str(CUR.CNY) and rev["period"].value == "2030-Q1"
    assert rev["quote"].value == "Total revenue was approximately RMB1.25 billion"
    assert rev["market"] is None and rev["source"] is None
    rank = by_fact[str(iris.fact(facts[2].fact_id))]
    assert rank["market"].value == str(iris.entity("market", "europe"))
    assert rank["source"].value == str(iris.entity("organisation", "example-research"))
    launch = by_fact[str(iris.fact(facts[9].fact_id))]
    assert launch["value"].value == "2030-04-23" and launch["metric"] is None


def test_facts_query_header():
    lines = (PATHS.queries / "facts.rq").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# title: Every fact with its evidence"
    assert lines[1].startswith("# description: ")


CHECKS = sorted((PATHS.ontology / "checks").glob("*-violation.rq"))
BROKEN = Path(__file__).parent / "shapes" / "_checks"


@pytest.mark.parametrize("check", CHECKS, ids=lambda p: p.stem)
def test_check_finds_nothing_in_the_mapped_sample(check, store):
    _, rows = _rows(store, check.read_text(encoding="utf-8"))
    assert rows == []


@pytest.mark.parametrize("check", CHECKS, ids=lambda p: p.stem)
def test_check_fires_on_its_broken_example(check, ontology):
    """tests/shapes/_checks/<check>.ttl holds data the check must flag (a check that cannot fail is useless)."""
    s = ox.Store()
    s.bulk_load(ontology.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES,
                to_graph=ox.NamedNode("http://example.org/graph/ontology"))
    s.bulk_load(path=str(BROKEN / f"{check.stem}.ttl"), format=ox.RdfFormat.TURTLE,
                to_graph=ox.NamedNode("http://example.org/graph/data"))
    _, rows = _rows(s, check.read_text(encoding="utf-8"))
    assert rows


def test_mapped_sample_conforms_to_the_shapes(mapped, ontology):
    doc_graph, entities = mapped
    report = validate(materialise(doc_graph, ontology) + materialise(entities, ontology), load_shapes(PATHS))
    assert report.results == [], [str(v) for v in report.results]


def test_an_entity_kind_without_a_class_still_maps(text, gazetteer, iris):
    doc, facts = sample(text, gazetteer)
    odd = EntityRef("example-thing", "gadget-kind", "Example Thing", ("Product",))
    g = map_document(doc, [Fact("spec", DOC_ID, odd, facts[5].evidence, metric="colour", value="red")], gazetteer,
                     iris)
    thing = iris.entity("gadget-kind", "example-thing")
    assert (thing, RDFS.label, Literal("Example Thing")) in g
    assert set(g.objects(thing, RDF.type)) == {MG.Product}


def test_a_division_found_in_the_issuers_text_is_part_of_the_issuer():
    from marketgraph.graph.iris import MG
    from marketgraph.graph.records import Document, EntityRef, Evidence, Fact

    iris = Iris("http://example.org")
    acme = EntityRef("acme", "organisation", "Acme Devices", ("Company",))
    division = EntityRef("acme-audio-division", "segment", "Acme audio division", ("Segment",))
    other = EntityRef("zenith-audio-division", "segment", "Zenith audio division", ("Segment",))
    doc = Document(doc_id="d", source_file="x/d.txt", start=0, end=100, title="t", genre="news", issuer=acme)
    facts = [Fact(kind="metric", doc_id="d", subject=s, metric="revenue", value=Decimal("5"), unit="CNY",
                  evidence=Evidence("x/d.txt", 0, 10, "0123456789")) for s in (division, other)]
    g = map_document(doc, facts, Gazetteer({}, {}), iris)
    assert (iris.entity("segment", "acme-audio-division"), MG.partOf, iris.entity("organisation", "acme")) in g
    assert (iris.entity("segment", "zenith-audio-division"), MG.partOf, None) not in g


def test_a_gazetteer_key_named_under_another_kind_gets_a_label(text, gazetteer, iris):
    """The entity graph describes a gazetteer entry under its own kind only: a fact that names the same key under
    another kind points at another IRI, which the document's graph must label (unlabelled-entity-violation)."""
    doc, facts = sample(text, gazetteer)
    as_org = EntityRef("example-one", "organisation", "Example One", ())
    g = map_document(doc, [Fact("metric", DOC_ID, as_org, facts[0].evidence, metric="revenue", value=Decimal(5),
                                unit="CNY")], gazetteer, iris)
    assert (iris.entity("organisation", "example-one"), RDFS.label, Literal("Example One")) in g
    assert (iris.entity("product", "example-one"), RDFS.label, None) not in g
