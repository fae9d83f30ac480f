"""Figures whose clause names a product, written for this test (an invented maker, Quillon, and invented
products): the measure frames see the products the document knows -- names the product lexicon learns, product
lines, "the device" referring back to one -- so the figure is the product's, with the product's owner kept; a
product named only as a cause or a comparison is not the subject, and a company's total stays the company's
(graph/extract/productmentions.py, graph/extract/productlines.py)."""
from __future__ import annotations

from decimal import Decimal

from marketgraph.graph.extract.pipeline import extract_document
from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.records import Document, EntityRef

GAZ = load_gazetteer(ProjectPaths.default().gazetteer)
QUILLON = EntityRef("quillon-devices", "organisation", "Quillon Devices Ltd", ("Company",))
NUMERIC = ("metric", "change", "market_share", "count")


def _run(text: str, role: str = "first_party"):
    doc = Document(doc_id="t", source_file="t.txt", start=0, end=len(text), title=text.split("\n", 1)[0],
                   genre="news", date="2024-03-14", issuer=QUILLON, period=None, role=role)
    return extract_document(doc, text, GAZ)


def _facts(text: str, role: str = "first_party") -> set[tuple]:
    """(kind, subject label, subject kind, owner, metric, value, unit, period) of the numeric facts."""
    return {(f.kind, f.subject.label, f.subject.kind, f.subject.owner, f.metric, f.value, f.unit,
             f.period.label if f.period else None) for f in _run(text, role).facts if f.kind in NUMERIC}


def _by_value(text: str, value: str, role: str = "first_party") -> set[tuple]:
    return {f for f in _facts(text, role) if f[5] == Decimal(value)}


def test_a_product_after_said_that_owns_its_units_not_the_company_that_said_it():
    text = ("Quillon results\n\nQuillon Devices said that its Nimbus Air headphones sold 1.2 million units "
            "in 2023.\n")
    expected = {("metric", "Quillon Nimbus Air", "product", "quillon-devices", "sales-volume", Decimal("1200000"),
                 "units", "2023")}
    assert _facts(text) == expected
    assert _facts(text, role="third_party") == expected


def test_a_learnt_model_opening_its_clause_owns_a_share_of_deliveries():
    text = "Quillon results\n\nThe Quillon S7 sedan made up 62% of deliveries in the first quarter of 2023.\n"
    assert _facts(text) == {("metric", "Quillon S7", "product", "quillon-devices", "share-of-deliveries",
                             Decimal("62"), "percent", "2023-Q1")}


def test_a_product_line_after_the_companys_is_a_series_of_the_company():
    text = ("Quillon results\n\nWearable shipments reached 40.2 million units in 2023. The company's Aurelo Watch line "
            "alone accounted for 11.3 million units in 2023.\n")
    assert _by_value(text, "11300000") == {("metric", "Quillon Aurelo Watch", "series", "quillon-devices",
                                            "shipments", Decimal("11300000"), "units", "2023")}
    assert {f[1] for f in _by_value(text, "40200000")} == {"Quillon Devices Ltd"}


def test_a_line_first_named_after_its_brand_keeps_the_brand_as_owner():
    text = ("Quillon results\n\nQuillon's budget Tessa range did most of the work: the Tessa line sold 4.2 million "
            "units in 2023.\n")
    assert _facts(text) == {("metric", "Quillon Tessa", "series", "quillon-devices", "sales-volume",
                             Decimal("4200000"), "units", "2023")}


def test_its_line_before_a_doubling_is_the_lines():
    text = ("Quillon results\n\nQuillon's tablets held steady in 2023. Its Quill e-reader line did even better: "
            "unit sales doubled in 2023.\n")
    assert _by_value(text, "100") == {("change", "Quillon Quill", "product", "quillon-devices", "sales-volume",
                                       Decimal("100"), "percent", "2023")}


def test_the_devices_launch_in_the_measure_refers_back_to_the_product_named_before():
    text = ("Quillon results\n\nQuillon launched the Vero 5 handheld in March 2022. Cumulative unit sales since the "
            "device's launch reached 31.2 million by the end of 2023.\n")
    assert _by_value(text, "31200000") == {("metric", "Vero 5", "product", "quillon-devices", "sales-volume",
                                            Decimal("31200000"), "units", "2023-12-31")}


def test_sales_of_a_product_are_the_products():
    text = "Quillon results\n\nSales of the Nimbus Air rose 30% in 2023.\n"
    assert {(f[1], f[2], f[5], f[7]) for f in _facts(text)} == {("Nimbus Air", "product", Decimal("30"), "2023")}


# -- negatives: a cause, a comparison, the company's own total ------------------------------------------------

def test_a_product_named_as_the_cause_of_a_company_total_leaves_the_total_the_companys():
    text = "Quillon results\n\nRevenue rose 12% to $4.1 billion in 2023, driven by the Nimbus Air.\n"
    assert _facts(text) == {
        ("change", "Quillon Devices Ltd", "organisation", None, "revenue", Decimal("12"), "percent", "2023"),
        ("metric", "Quillon Devices Ltd", "organisation", None, "revenue", Decimal("4100000000"), "USD", "2023")}


def test_a_product_named_as_a_cause_after_a_figure_is_not_its_subject_in_anothers_text():
    text = ("Quillon results\n\nKaito Mobile shipped 9.4 million phones in 2023. Revenue rose to $4.1 billion in "
            "2023, driven by the Nimbus Air.\n")
    assert not any(f[2] == "product" for f in _facts(text, role="third_party"))


def test_the_compared_products_figure_is_nobodys_not_the_clause_subjects():
    text = ("Quillon results\n\nNimbus Air shipments were higher than the Nimbus Pro's 2.1 million units in "
            "2023.\n")
    assert _by_value(text, "2100000") == set()
    assert any(u.evidence.quote.endswith("2.1 million units") for u in _run(text).unresolved)


def test_a_company_that_makes_a_product_keeps_its_own_total():
    text = "Quillon results\n\nQuillon, which makes the Nimbus Air, shipped 9.4 million phones in 2023.\n"
    assert _facts(text) == {("metric", "Quillon Devices Ltd", "organisation", None, "shipments", Decimal("9400000"),
                             "units", "2023")}


def test_a_product_followed_by_another_subject_before_the_figure_is_not_the_subject():
    text = ("Quillon results\n\nThe chief executive said that the Nimbus Air should reach 15,000 monthly sales by "
            "the fourth quarter of 2024, and that the company is sticking to its full-year target of 480,000 "
            "units for 2024.\n")
    assert not any(f[1] != "Quillon Devices Ltd" for f in _by_value(text, "480000"))


def test_in_the_range_of_names_no_product():
    text = ("Quillon results\n\nThe Tessa line sold 4.2 million units in 2023. Quillon expects revenue in the range "
            "of $4.5 billion in 2024.\n")
    assert {f[1] for f in _by_value(text, "4500000000")} == {"Quillon Devices Ltd"}


def test_a_product_and_a_line_subject_get_iris_with_their_owner_and_conform_to_the_shapes():
    from rdflib import RDFS, Literal

    from marketgraph.graph.iris import MG, Iris
    from marketgraph.graph.mapper import map_document
    from marketgraph.graph.reason import materialise
    from marketgraph.graph.validate import load_ontology, load_shapes, validate

    text = ("Quillon results\n\nWearable shipments reached 40.2 million units in 2023. The company's Aurelo Watch line "
            "alone accounted for 11.3 million units in 2023. Quillon Devices said that its Nimbus Air headphones sold "
            "1.2 million units in 2023.\n")
    r = _run(text)
    iris = Iris("http://example.org")
    paths = ProjectPaths.default()
    g = map_document(r.document, r.facts, GAZ, iris, candidates=r.unresolved)
    owner = iris.entity("organisation", "quillon-devices")
    line = iris.entity("series", "quillon-aurelo-watch")
    phones = iris.entity("product", "quillon-nimbus-air")
    assert (line, RDFS.label, Literal("Quillon Aurelo Watch")) in g
    assert (line, MG.owner, owner) in g and (phones, MG.owner, owner) in g
    ontology = load_ontology(paths)
    report = validate(materialise(g, ontology), load_shapes(paths))
    assert report.results == [], [str(v) for v in report.results]


def test_an_earlier_value_for_last_years_model_is_not_the_companys():
    text = ("Quillon results\n\nQuillon shipped 3.1 million phones in 2023, compared with 2.2 million for last "
            "year's model.\n")
    assert _facts(text, role="third_party") == {("metric", "Quillon Devices Ltd", "organisation", None, "shipments",
                                                 Decimal("3100000"), "units", "2023")}


def test_a_product_named_after_more_than_is_not_the_subject():
    text = "Quillon results\n\nThe Nimbus Air Pro sold 2.4 million units in 2023, more than the Nimbus Air.\n"
    assert {(f[1], f[2], f[5]) for f in _facts(text, role="third_party")} == {
        ("Nimbus Air Pro", "product", Decimal("2400000"))}
