"""What the extraction emits for other issuers' documents maps to RDF the shapes accept.

A document whose graph breaks a shape is rejected whole, so a modelling gap between the extractor and the
ontology silently loses every figure of a document. These tests pin the shapes of the figures that other issuers'
releases, research notes and annual reports produce (absolute changes, "Others" rows, combined figures of companies
found in the text, market totals of a composed market, research-note and annual-report genres, product categories
named by a word) and, over the whole development corpus, that no document is rejected.
"""
from __future__ import annotations

import typing
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import OWL, SH

from marketgraph.graph.curies import expand
from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.ingest import ingest
from marketgraph.graph.inputs import Input
from marketgraph.graph.iris import CUR, MG, UNIT, Iris
from marketgraph.graph.mapper import map_document
from marketgraph.graph.metadata import GENRES
from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.reason import materialise
from marketgraph.graph.records import Document, EntityRef, Evidence, Fact, Period
from marketgraph.graph.settings import Settings
from marketgraph.graph.validate import load_ontology, load_shapes, validate

PATHS = ProjectPaths.default()
ROOT = Path(__file__).resolve().parent.parent
TEXT = ("Brightfen Audio AB reported revenue of SEK 4.1 billion, up SEK 0.6 billion, and cut headcount by 85. "
        "Tracker note: Hollis 31.0%, Brightfen 22.5%, others 46.5%. Hollis and Varn Labs together held 40.2% of "
        "the Nordic earbuds market. Nordic earbuds shipments reached 2.4 million units.")
MG_SHAPE_DOCUMENT = URIRef("https://w3id.org/marketgraph/shapes#DocumentShape")
Q3 = Period("2031-Q3", "quarter", date(2031, 7, 1), date(2031, 9, 30))


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer(PATHS.gazetteer)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology(PATHS)


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes(PATHS)


def ev(quote: str) -> Evidence:
    start = TEXT.index(quote)
    return Evidence("test/brightfen.txt", start, start + len(quote), quote)


def doc(genre: str) -> Document:
    issuer = EntityRef("brightfen-audio", "organisation", "Brightfen Audio AB", ("Company",))
    return Document("brightfen-2031-q3", "test/brightfen.txt", 0, len(TEXT), "Brightfen third quarter 2031",
                    typing.cast(typing.Any, genre), "2031-10-20", "Brightfen Audio AB", issuer, Q3)


def facts() -> list[Fact]:
    issuer = EntityRef("brightfen-audio", "organisation", "Brightfen Audio AB", ("Company",))
    others = EntityRef("others-nordic", "group", "Others")
    pair = EntityRef("hollis+varn-labs", "group", "Hollis Oy + Varn Labs ApS", (), members=("hollis", "varn-labs"))
    market = EntityRef("nordic-earbuds-market", "market", "Nordic earbuds market", ("Market",))
    return [
        Fact("change", "brightfen-2031-q3", issuer, ev("up SEK 0.6 billion"), metric="revenue",
             value=Decimal("600000000"), unit="SEK", period=Q3),
        Fact("change", "brightfen-2031-q3", issuer, ev("cut headcount by 85"), metric="number-of-employees",
             value=Decimal("-85"), period=Q3),
        Fact("market_share", "brightfen-2031-q3", others, ev("others 46.5%"), metric="market-share",
             value=Decimal("46.5"), unit="percent", period=Q3),
        Fact("market_share", "brightfen-2031-q3", pair, ev("Hollis and Varn Labs together held 40.2%"),
             metric="market-share", value=Decimal("40.2"), unit="percent", period=Q3),
        Fact("metric", "brightfen-2031-q3", market, ev("Nordic earbuds shipments reached 2.4 million units"),
             metric="shipments", value=Decimal("2400000"), unit="units", period=Q3,
             qualifiers=(("category", "earbuds"),)),
    ]


def graph_for(genre: str, gazetteer) -> Graph:
    g = map_document(doc(genre), facts(), gazetteer, Iris("http://example.org/mg"))
    return g


@pytest.mark.parametrize("genre", GENRES)
def test_every_genre_the_records_allow_conforms(genre, gazetteer, ontology, shapes):
    g = graph_for(genre, gazetteer)
    report = validate(materialise(g, ontology), shapes)
    assert report.results == [], [str(v) for v in report.results]
    d = next(g.subjects(MG.genre, Literal(genre)))
    assert any(str(c).startswith(str(MG)) and c != MG.Document for c in g.objects(d, RDF.type)), \
        f"genre {genre} has no document class in mappings/rdf/document.yaml"


def test_the_genre_shape_lists_exactly_the_record_genres(shapes):
    allowed = set()
    for prop in shapes.objects(MG_SHAPE_DOCUMENT, SH.property):
        if shapes.value(prop, SH.path) == MG.genre:
            allowed = {str(x) for x in shapes.items(shapes.value(prop, SH["in"]))}
    assert allowed == set(GENRES)


def test_absolute_changes_carry_a_currency_or_a_count(gazetteer):
    g = graph_for("results_release", gazetteer)
    units = {str(u) for f in g.subjects(RDF.type, MG.Change) for u in g.objects(f, MG.unit)}
    assert units == {str(CUR.SEK), str(UNIT.NUM)}


def test_others_is_an_unnamed_group_and_named_members_are_organisations(gazetteer):
    g = graph_for("research_note", gazetteer)
    others = next(s for s in g.subjects(RDF.type, MG.UnnamedGroup))
    assert str(others).endswith("/group/others-nordic") and (others, RDF.type, MG.OrganisationGroup) not in g
    pair = next(g.subjects(RDF.type, MG.OrganisationGroup))
    members = set(g.objects(pair, MG.member))
    assert len(members) == 2
    labels = {str(g.value(m, RDFS.label)) for m in members}
    assert labels == {"Hollis Oy", "Varn Labs ApS"}
    assert all((m, RDF.type, MG.Organisation) in g for m in members)


def test_a_composed_market_is_not_wrapped_again_and_its_category_has_a_class(gazetteer):
    g = graph_for("research_note", gazetteer)
    market_fact = next(f for f in g.subjects(MG.factKind, Literal("metric")))
    subject = g.value(market_fact, MG.subject)
    assert str(subject).endswith("/market/nordic-earbuds-market")
    assert not [m for m in g.subjects(RDF.type, MG.ProductMarket) if "market-earbuds" in str(m)]
    category = g.value(market_fact, MG.productCategory)
    assert g.value(category, MG.categoryClass) == MG.Earphones


def test_every_category_word_names_a_declared_class(ontology):
    table = yaml.safe_load((ROOT / "mappings" / "rdf" / "entity.yaml").read_text(encoding="utf-8"))
    words = table["tables"]["category_classes"]
    docmodel = yaml.safe_load((ROOT / "mappings" / "docmodel.yaml").read_text(encoding="utf-8"))
    found = {c["category"] for c in _find_categories(docmodel)}
    assert found and found <= set(words), sorted(found - set(words))
    assert all((expand(v), RDF.type, OWL.Class) in ontology for v in words.values())


def _find_categories(node) -> list[dict]:
    if isinstance(node, dict):
        if "categories" in node and isinstance(node["categories"], list):
            return [c for c in node["categories"] if isinstance(c, dict) and "category" in c]
        return [c for v in node.values() for c in _find_categories(v)]
    return []


@pytest.mark.slow
def test_no_development_document_breaks_the_shapes(tmp_path):
    """Every document of the broad and fresh corpora (80 documents of other issuers in every genre) is published:
    none is rejected for a shape violation of its own graph."""
    files = sorted(p for corpus in ("broad", "fresh") for p in (ROOT / "sources" / corpus).iterdir()
                   if p.suffix in (".txt", ".md", ".html") and not p.name.startswith("MANIFEST"))
    assert len(files) >= 80
    report = ingest(Settings(store=tmp_path / "store"), [Input(p.name, str(p), p.read_bytes()) for p in files])
    assert [(o.name, o.reason[:300]) for o in report.rejections] == []
    assert not [o for o in report.outcomes if o.status == "failed"]
    assert report.published >= len(files)
