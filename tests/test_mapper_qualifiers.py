"""The qualifiers and entity kinds the extraction adds (modality, accounting basis, range, fiscal label, subject
resolution, confidence, category, group members, cross-checks, unresolved candidates) mapped to RDF that the shapes
accept; unknown values kept as text, never dropped; facts without them unchanged. Names and figures are invented."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest
from rdflib import RDF, Literal, URIRef

from marketgraph.graph.gazetteer import Gazetteer
from marketgraph.graph.iris import MG, Iris
from marketgraph.graph.mapper import map_document, map_entities
from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.reason import materialise
from marketgraph.graph.records import Document, EntityRef, Evidence, Fact, Period
from marketgraph.graph.validate import load_ontology, load_shapes, validate

BASE = "http://example.org/mg"
IRIS = Iris(BASE)
TEXT = ("Zorbla expects revenue of 10 to 12 billion in Q1 FY2031. The Ruritanian phone market shipped 9 million units. "
        "The two leaders together held 61%. Revenue was 5 billion. Revenue was 6 billion. Something grew 4%.")
CORP = EntityRef("zorbla", "organisation", "Zorbla Corp", ("Company",))
RIVAL = EntityRef("quux", "organisation", "Quux Ltd", ("Company",))
RURITANIA = EntityRef("ruritania", "market", "Ruritania", ("Country",))
PAIR = EntityRef("zorbla-quux", "group", "the two leaders")
SEGMENT = EntityRef("zorbla-devices", "segment", "Zorbla devices", ("BusinessSegment",))
Q2 = Period("2030-Q2", "quarter")
DOC = Document("zorbla-doc", "test/zorbla.txt", 0, len(TEXT), "Zorbla quarter", "results_release", "2030-07-30",
               issuer=CORP, period=Q2)


def ev(quote: str, nth: int = 0) -> Evidence:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(quote, start + 1)
    return Evidence(DOC.source_file, start, start + len(quote), quote)


@dataclass(frozen=True)
class Unresolved:
    evidence: Evidence
    reason: str
    kind: str = "change"


def fact(quote: str, nth: int = 0, **kw) -> Fact:
    kw.setdefault("subject", CORP)
    kw.setdefault("kind", "metric")
    return Fact(doc_id=DOC.doc_id, evidence=ev(quote, nth), **kw)


FACTS = {
    "guidance": fact("revenue of 10 to 12 billion", metric="revenue", value=Decimal("11E+9"), unit="EUR", period=Q2,
                     qualifiers=(("modality", "guidance"), ("accounting", "Non GAAP, constant currency"),
                                 ("low", "10000000000"), ("high", "12000000000"), ("fiscal_label", "Q1 FY2031"),
                                 ("subject_how", "explicit"), ("confidence", "0.9"))),
    "market": fact("shipped 9 million units", subject=RURITANIA, metric="shipments", value=Decimal(9000000),
                   unit="units", period=Q2, qualifiers=(("category", "Smartphone"), ("subject_how", "carried"))),
    "group": fact("together held 61%", kind="market_share", subject=PAIR, metric="market_share", value=Decimal(61),
                  unit="percent", period=Q2, market=RURITANIA, qualifiers=(("members", "zorbla, quux"),)),
    "a": fact("Revenue was 5 billion", metric="revenue", value=Decimal("5E+9"), unit="EUR", period=Q2,
              market=SEGMENT, qualifiers=(("cross_check", "two_values"), ("cross_check_with", "r1"))),
    "b": fact("Revenue was 6 billion", metric="revenue", value=Decimal("6E+9"), unit="EUR", period=Q2,
              qualifiers=(("cross_check", "two_values"), ("cross_check_with", "r1"), ("modality", "rumour"))),
}


@pytest.fixture(scope="module")
def ontology():
    return load_ontology(ProjectPaths.default())


@pytest.fixture(scope="module")
def graph(ontology):
    gaz = Gazetteer({}, {})
    g = map_document(DOC, list(FACTS.values()), gaz, IRIS,
                     candidates=[Unresolved(ev("Something grew 4%"), "no subject resolved with evidence")])
    # the group's members are in no gazetteer: the mapper describes them (organisations labelled from their keys,
    # the group's label naming no members one by one)
    return materialise(g + map_entities(gaz, IRIS), ontology)


def f(name: str) -> URIRef:
    return IRIS.fact(FACTS[name].fact_id)


def test_the_mapped_graph_conforms(graph):
    report = validate(graph, load_shapes(ProjectPaths.default()))
    assert [str(v) for v in report.violations] == []


def test_modality_accounting_range_resolution_confidence(graph):
    g = f("guidance")
    assert (g, MG.modality, MG.Guidance) in graph
    assert set(graph.objects(g, MG.accountingBasis)) == {MG.NonGAAP, MG.ConstantCurrency}
    assert graph.value(g, MG.lowValue) == Literal("10000000000", datatype=graph.value(g, MG.lowValue).datatype)
    assert int(graph.value(g, MG.highValue).toPython()) == 12_000_000_000
    assert (g, MG.subjectResolution, MG.ExplicitMention) in graph
    assert float(graph.value(g, MG.confidence).toPython()) == pytest.approx(0.9)
    period = IRIS.period("2030-Q2")
    assert (period, MG.fiscalLabel, Literal("Q1 FY2031")) in graph


def test_market_total_has_a_product_market_as_subject(graph):
    m = f("market")
    subject = graph.value(m, MG.subject)
    assert (m, RDF.type, MG.MarketTotal) in graph and (subject, RDF.type, MG.ProductMarket) in graph
    assert graph.value(subject, MG.inRegion) == IRIS.entity("market", "ruritania")
    assert (graph.value(subject, MG.forCategory), RDF.type, MG.ProductCategory) in graph
    assert (m, MG.subjectResolution, MG.CarriedFromContext) in graph


def test_combined_figure_has_a_group_with_its_members(graph):
    c = f("group")
    group = graph.value(c, MG.subject)
    assert (c, RDF.type, MG.CombinedFigure) in graph and (group, RDF.type, MG.OrganisationGroup) in graph
    assert set(graph.objects(group, MG.member)) == {IRIS.entity("organisation", "zorbla"),
                                                    IRIS.entity("organisation", "quux")}


def test_a_segment_is_never_a_market(graph):
    a = f("a")
    assert graph.value(a, MG.market) is None
    assert graph.value(a, MG.segment) == IRIS.entity("segment", "zorbla-devices")


def test_cross_check_flags_both_facts(graph):
    a, b = f("a"), f("b")
    for x, y in ((a, b), (b, a)):
        assert (x, MG.conflictsWith, y) in graph and (x, RDF.type, MG.ConflictingFact) in graph
        assert graph.value(x, MG.crossCheck) == Literal("two_values")


def test_an_unknown_value_is_kept_as_text(graph):
    assert graph.value(f("b"), MG.modality) is None
    assert (f("b"), MG.qualifier, Literal("modality=rumour")) in graph


def test_unresolved_candidate_is_listed_and_never_a_fact(graph):
    doc = IRIS.document(DOC.doc_id)
    cands = list(graph.objects(doc, MG.unresolvedCandidate))
    assert len(cands) == 1
    c = cands[0]
    assert (c, RDF.type, MG.UnresolvedCandidate) in graph and (c, RDF.type, MG.Fact) not in graph
    assert str(graph.value(c, MG.quote)) == "Something grew 4%" and graph.value(c, MG.reason)
    assert int(graph.value(c, MG.start).toPython()) == TEXT.index("Something grew 4%")
    facts = set(graph.subjects(RDF.type, MG.Fact))
    assert facts == {f(n) for n in FACTS}


def test_a_fact_without_the_new_fields_is_unchanged():
    plain = fact("Revenue was 5 billion", metric="revenue", value=Decimal("5E+9"), unit="EUR", period=Q2)
    g = map_document(DOC, [plain], Gazetteer({}, {}), IRIS)
    new = (MG.modality, MG.accountingBasis, MG.lowValue, MG.highValue, MG.subjectResolution, MG.confidence,
           MG.productCategory, MG.segment, MG.crossCheck, MG.conflictsWith, MG.unresolvedCandidate, MG.fiscalLabel)
    assert [t for t in g if t[1] in new] == []
    assert (IRIS.fact(plain.fact_id), RDF.type, MG.Observation) in g


def test_record_fields_are_read_when_the_records_have_them():
    """Records may carry members and fiscal labels as fields (EntityRef.members, Period.fiscal_label) rather than
    qualifiers; the mapper reads both (the records are duck-typed here so this test runs against either version)."""
    from dataclasses import dataclass, field

    @dataclass(frozen=True)
    class GroupRef:
        key: str
        kind: str
        label: str
        types: tuple = ()
        members: tuple = field(default=("zorbla", "quux"))

    @dataclass(frozen=True)
    class FiscalPeriod:
        label: str
        kind: str
        start: object = None
        end: object = None
        fiscal_label: str = "Q1 FY2031"

    fy = FiscalPeriod("FY2031-Q1", "quarter")
    f = Fact("market_share", DOC.doc_id, GroupRef("top-two", "group", "the two leaders"), ev("together held 61%"),
             metric="market_share", value=Decimal(61), unit="percent", period=fy)
    g = map_document(DOC, [f], Gazetteer({}, {}), IRIS)
    group = IRIS.entity("group", "top-two")
    assert set(g.objects(group, MG.member)) == {IRIS.entity("organisation", "zorbla"), IRIS.entity("organisation", "quux")}
    assert (IRIS.period("FY2031-Q1"), MG.fiscalLabel, Literal("Q1 FY2031")) in g


def test_the_owner_of_a_discovered_segment_or_platform_is_mapped():
    """EntityRef.owner (when the records carry it): a segment is mg:segmentOf its company, a platform mg:owner."""
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class OwnedRef:
        key: str
        kind: str
        label: str
        types: tuple = ()
        owner: str = "zorbla"

    seg, plat = OwnedRef("zorbla-cloud", "segment", "Zorbla cloud"), OwnedRef("zorbla-os", "platform", "ZorblaOS")
    facts = [fact("Revenue was 5 billion", subject=seg, metric="revenue", value=Decimal("5E+9"), unit="EUR", period=Q2),
             fact("Revenue was 6 billion", subject=plat, metric="revenue", value=Decimal("6E+9"), unit="EUR", period=Q2)]
    g = map_document(DOC, facts, Gazetteer({}, {}), IRIS)
    zorbla = IRIS.entity("organisation", "zorbla")
    assert (IRIS.entity("segment", "zorbla-cloud"), MG.segmentOf, zorbla) in g
    assert (IRIS.entity("platform", "zorbla-os"), MG.owner, zorbla) in g
