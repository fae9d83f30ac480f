"""An open metric vocabulary, on sentences written for these tests (invented issuer, figures and measures).

A figure stated for a measure is published with the scheme's concept when a name of it is used (a synonym, an
acronym), else with a concept minted from the text's own noun phrase (labelled with it, skos:broader the concept
its head names); never with a wrong known measure, and never for a noun phrase that names no measure. Measures
that must not be confused: revenue / share of revenue / revenue growth; operating profit / operating margin;
shipments / installed base / sales. The minted concepts pass the SHACL shapes of a document graph.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

import pytest
from rdflib import Literal
from rdflib.namespace import SKOS

from marketgraph.graph.records import Fact

from test_extract_frames import GAZ, facts_of

ISSUER = "Halden Micro Systems, Inc."


def fact_tuples(text: str) -> set[tuple]:
    """(kind, subject label, metric key, value, unit, period label) of every fact of the text."""
    return {(f.kind, f.subject.label, f.metric, Decimal(str(f.value)).normalize(), f.unit,
             f.period.label if f.period else None) for f in facts_of(text)}


def one(text: str, metric: str) -> Fact:
    got = [f for f in facts_of(text) if f.metric == metric]
    assert len(got) == 1, [(f.metric, f.value) for f in facts_of(text)]
    return got[0]


def T(kind: str, metric: str, value: str, unit: Optional[str], period: str = "2023-Q3",
      subject: str = ISSUER) -> tuple:
    return (kind, subject, metric, Decimal(value).normalize(), unit, period)


# --- measures the scheme knows under another name: the known concept, never a minted one
KNOWN = [
    ("Gross merchandise value rose 12% to $4.1 billion in the third quarter.",
     {T("change", "gross-merchandise-value", "12", "percent"),
      T("metric", "gross-merchandise-value", "4100000000", "USD")}),
    ("Average revenue per paying user was €8.40.", {T("metric", "arppu", "8.40", "EUR")}),
    ("The take rate improved 30 bps to 11.2%.",
     {T("change", "take-rate", "0.3", "pp"), T("metric", "take-rate", "11.2", "percent")}),
    ("Order backlog stood at ¥412 billion at the end of the quarter.",
     {T("metric", "backlog", "412000000000", "JPY", "2023-09-30")}),
    ("Annualised recurring revenue reached $910 million.",
     {T("metric", "annual-recurring-revenue", "910000000", "USD")}),
    ("The book-to-bill ratio was 1.08.", {T("metric", "book-to-bill", "1.08", None)}),
    ("Net dollar retention was 118%.", {T("metric", "net-revenue-retention", "118", "percent")}),
    ("Daily active users were 14.2 million.", {T("metric", "daily-active-users", "14200000", "users")}),
    ("Same-store sales rose 4.1%.", {T("change", "comparable-sales", "4.1", "percent")}),
    # a "Label: value" line, and a level carried into ", up from X"
    ("Gross merchandise value: $4.1 billion", {T("metric", "gross-merchandise-value", "4100000000", "USD")}),
    ("Gross merchandise value was $4.1 billion, up from $3.6 billion a year earlier.",
     {T("metric", "gross-merchandise-value", "4100000000", "USD"),
      T("metric", "gross-merchandise-value", "3600000000", "USD", "2022-Q3")}),
]


@pytest.mark.parametrize("text,want", KNOWN, ids=[t[:40] for t, _ in KNOWN])
def test_a_synonym_of_a_known_measure_gives_the_known_concept(text, want):
    assert fact_tuples(text) == want


# --- measures named in a "respectively" list: each item is its figure's measure, of the issuer
RESPECTIVELY = [
    ("Daily active users and monthly active users were 14.2 million and 31.5 million, respectively.",
     {T("metric", "daily-active-users", "14200000", "users"),
      T("metric", "monthly-active-users", "31500000", "users")}),
    ("Gross margin and operating margin were 41.2% and 12.5%, respectively.",
     {T("metric", "gross-margin", "41.2", "percent"), T("metric", "operating-margin", "12.5", "percent")}),
    ("Hardware revenue and service revenue grew 4% and 19%, respectively.",
     {T("change", "hardware-revenue", "4", "percent"), T("change", "service-revenue", "19", "percent")}),
]


@pytest.mark.parametrize("text,want", RESPECTIVELY, ids=[t[:40] for t, _ in RESPECTIVELY])
def test_measures_listed_respectively_are_the_figures_measures(text, want):
    assert fact_tuples(text) == want


def test_parts_listed_respectively_stay_parts_of_one_measure():
    got = fact_tuples("Revenue from advertising, online gaming and other services grew by 23%, 55% and 27%, "
                      "respectively.")
    assert {(s, m, v) for _, s, m, v, _, _ in got} == {
        ("advertising", "revenue", Decimal(23)), ("online gaming", "revenue", Decimal(55)),
        ("other services", "revenue", Decimal(27))}


# --- measures that must not be confused
def test_revenue_share_of_revenue_and_revenue_growth_are_three_measures():
    got = fact_tuples("Revenue was $2.0 billion. Services accounted for 35% of revenue. Revenue growth was 12%.")
    assert got == {T("metric", "revenue", "2000000000", "USD"),
                   T("metric", "revenue-share", "35", "percent", subject="Services"),
                   T("change", "revenue", "12", "percent")}


def test_a_decline_in_a_measure_is_no_level_of_it():
    got = fact_tuples("Shipment growth was 6%, while the decline in revenue was 3%.")
    assert got == {T("change", "shipments", "6", "percent")}


def test_operating_profit_and_operating_margin_are_two_measures():
    assert fact_tuples("Operating profit was $310 million and operating margin was 15.5%.") == {
        T("metric", "operating-profit", "310000000", "USD"), T("metric", "operating-margin", "15.5", "percent")}


@pytest.mark.parametrize("text,key,value,unit", [
    ("The Board proposed a final dividend of HK$0.12 per share.", "final-dividend", "0.12", "HKD"),
    ("The Board declared a quarterly dividend of $0.38 per share.", "quarterly-dividend", "0.38", "USD"),
    ("The Board declared a dividend of $0.38 per share.", "dividend-per-share", "0.38", "USD"),
])
def test_a_dividend_per_share_keeps_its_kind(text, key, value, unit):
    assert fact_tuples(text) == {T("metric", key, value, unit)}


def test_a_bare_margin_after_a_profit_is_that_profits_margin_and_takes_the_points():
    got = fact_tuples("EBITDA for the quarter was $86 million, a margin of 6.9%, up 210 bps year-on-year.")
    assert got == {T("metric", "ebitda", "86000000", "USD"), T("metric", "ebitda-margin", "6.9", "percent"),
                   T("change", "ebitda-margin", "2.1", "pp")}


def test_shipments_installed_base_and_sales_are_three_measures():
    got = fact_tuples("Shipments were 9.3 million units. The installed base reached 120 million devices. "
                      "Sales rose 8% to $1.2 billion.")
    assert got == {T("metric", "shipments", "9300000", "units"),
                   T("metric", "installed-base", "120000000", "devices", "2023-09-30"),
                   T("change", "revenue", "8", "percent"), T("metric", "revenue", "1200000000", "USD")}


# --- a part's share of a total: a measure of its own ("share of <the total>"), or a market share
def test_a_parts_share_of_the_companys_shipments_is_minted_from_the_total():
    f = one("The Halden Aurora line made up 62% of the group's shipments.", "share-of-shipments")
    assert (f.kind, f.subject.label, f.value, f.unit, f.period.label, f.qualifier("metric_label")) == \
        ("metric", "Halden Aurora", Decimal(62), "percent", "2023-Q3", "share of shipments")


def test_the_words_that_narrow_the_total_stay_in_the_measure():
    f = one("Our Storage segment accounted for 31% of Networking revenue.", "share-of-networking-revenue")
    assert (f.subject.label, f.value, f.qualifier("metric_label")) == \
        ("Halden Micro Systems, Inc. Storage segment", Decimal(31), "share of networking revenue")


def test_companies_accounting_for_a_part_of_a_markets_shipments_hold_a_market_share():
    text = "Halden and Orvane together accounted for 43.1% of global shipments in the quarter."
    assert {(f.kind, f.metric, f.value) for f in facts_of(text)} <= {("market_share", "market-share",
                                                                       Decimal("43.1"))}
    assert not any(f.metric and f.metric.startswith("share-of") for f in facts_of(text))


def test_a_share_of_a_total_whose_part_is_not_resolved_is_not_published():
    text = "Its premium line now makes up 46% of its Western European shipments, up from 39% a year ago."
    assert facts_of(text) == []


# --- measures the scheme lacks: minted from the noun phrase, labelled with it
MINTED = [
    ("In the third quarter, fulfilment cost per order was $3.12.", "fulfilment-cost-per-order",
     "fulfilment cost per order", "3.12", "USD"),
    ("Seller count reached 48,000 in the third quarter.", "seller-count", "seller count", "48000", None),
    ("In the third quarter, the vehicle margin was 15.2%.", "vehicle-margin", "vehicle margin", "15.2", "percent"),
    # a known measure per a unit is a measure of its own, never the known one ("revenue" $9.86)
    ("Average monthly revenue per paying subscriber was $9.86 in the third quarter.",
     "average-monthly-revenue-per-paying-subscriber", "average monthly revenue per paying subscriber", "9.86", "USD"),
    ("In the third quarter, revenue per store was $1.2 million.", "revenue-per-store", "revenue per store", "1200000",
     "USD"),
]
# (each states its period: a minted measure whose subject and period are also only guessed is not published,
# test_a_figure_with_only_its_value_read_is_not_published)


@pytest.mark.parametrize("text,key,label,value,unit", MINTED, ids=[m[1] for m in MINTED])
def test_an_unknown_measure_is_minted_from_its_noun_phrase(text, key, label, value, unit):
    assert key not in GAZ.metrics
    f = one(text, key)
    assert (f.kind, f.subject.label, f.value, f.unit, f.period.label, f.qualifier("metric_label")) == \
        ("metric", ISSUER, Decimal(value), unit, "2023-Q3", label)


def test_a_figure_with_only_its_value_read_is_not_published():
    """Measure minted on the spot, subject the issuer by default and period the document's: nothing but the value
    is read from the text, so the figure is an unresolved candidate, never a published guess
    (docs/decisions/2026-12-07-abstain-on-weak-subjects.md)."""
    assert facts_of("The vehicle margin was 15.2%.") == []
    assert facts_of("Seller count reached 48,000.") == []


def test_a_measure_stated_with_a_change_verb_is_minted_from_its_head_noun():
    got = fact_tuples("Room air conditioner (RAC) volumes grew 31% to 1.18 million units in the third quarter.")
    assert got == {T("metric", "room-air-conditioner-rac-volumes", "1180000", "units"),
                   T("change", "room-air-conditioner-rac-volumes", "31", "percent")}
    assert fact_tuples("Our membership base grew 30% last year to 7.4 million.") == {
        T("metric", "membership-base", "7400000", None, "2022"), T("change", "membership-base", "30", "percent", "2022")}


def test_a_label_line_names_a_measure_the_scheme_lacks():
    from marketgraph.graph.extract.pipeline import extract_document
    from test_extract_frames import doc_for
    text = ("Halden Micro Systems reports third quarter 2023 results\n\nKey figures\n\nSeller count: 48,000\n"
            "Fulfilment cost per order: $3.12\nTake rate: 11.2%\n")
    got = {(f.kind, f.subject.label, f.metric, f.value, f.unit, f.period.label, f.qualifier("metric_label"))
           for f in extract_document(doc_for(text), text, GAZ).facts}
    assert got == {("metric", ISSUER, "seller-count", Decimal(48000), None, "2023-Q3", "seller count"),
                   ("metric", ISSUER, "fulfilment-cost-per-order", Decimal("3.12"), "USD", "2023-Q3",
                    "fulfilment cost per order"),
                   ("metric", ISSUER, "take-rate", Decimal("11.2"), "percent", "2023-Q3", None)}


@pytest.mark.parametrize("text", [
    "Services grew 8% to $1.1 billion.",          # a part (or a name), not a measure: no head noun of one
    "Commercial notebooks were 58% of our notebook units this quarter.",   # a part of a total
    "Halden rose 5% to $2.1 billion.",
    "It rose 12% to 4.1 billion.",
    "The company said it was up 12% to 4.1 billion.",
    "The company said on Tuesday that the figure was 4.1 billion.",
])
def test_no_measure_is_minted_from_a_phrase_that_names_none(text):
    assert facts_of(text) == []


# --- the minted concepts in the document graph
@pytest.fixture(scope="module")
def pipe():
    from marketgraph.graph.docpipeline import DocPipeline
    from marketgraph.graph.settings import Settings
    return DocPipeline(Settings())


def test_minted_concepts_are_labelled_narrower_concepts_that_pass_the_shapes(pipe):
    from marketgraph.graph.mapper import map_document
    from marketgraph.graph.reason import materialise_in_place
    from marketgraph.graph.validate import EntityContext, validate_document
    from test_extract_frames import doc_for

    text = ("In the third quarter, fulfilment cost per order was $3.12. In the third quarter, the vehicle margin was "
            "15.2%. The Halden Aurora line made up 62% of the group's shipments.")
    from marketgraph.graph.extract.pipeline import extract_document
    doc = doc_for(text)
    facts = extract_document(doc, text, pipe.gazetteer, only=["measures"]).facts
    graph = map_document(doc, facts, pipe.gazetteer, pipe.iris)
    want = {"fulfilment-cost-per-order": ("fulfilment cost per order", None),
            "vehicle-margin": ("vehicle margin", "profit-margin"),
            "share-of-shipments": ("share of shipments", "share-of-total")}
    for key, (label, broader) in want.items():
        iri = pipe.iris.metric(key)
        assert list(graph.objects(iri, SKOS.prefLabel)) == [Literal(label)]
        assert list(graph.objects(iri, SKOS.broader)) == ([pipe.iris.metric(broader)] if broader else [])
    materialise_in_place(graph, pipe.rules)
    report = validate_document(graph, pipe.shapes, EntityContext(pipe.entities, pipe.shapes))
    assert [str(v) for v in report.violations] == []


def test_a_minted_concepts_broader_is_the_concept_its_head_names():
    from marketgraph.graph.metricheads import broader_of
    assert broader_of("new registered users", GAZ) == "registered-users"
    assert broader_of("share of deliveries", GAZ) == "share-of-total"
    assert broader_of("premium users", GAZ) == "users"
    assert broader_of("fulfilment cost per order", GAZ) is None
    assert broader_of("net debt to EBITDA", GAZ) is None     # a ratio of two measures is a kind of neither
