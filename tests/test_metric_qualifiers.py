"""A figure stated for a narrower thing never becomes the broader measure (issue 8, class 5), on sentences written
for these tests (invented issuer "Halden Micro Systems, Inc.", invented figures).

- a product kind the text names with the measure ("smartwatch shipments", "shipments of its electric cars", "shipped
  2.4 million smartwatches") keeps it: a category's own name keeps the measure with the category; any other words
  make a narrower measure, the scheme's concept where one fits, else one minted from the text's words (labelled,
  skos:broader the plain measure);
- a known measure named inside a modifier of another noun ("households that own three or more connected
  devices") is not the figure's measure: no fact, an unresolved candidate;
- the plain measure stays plain when the text states nothing narrower.
"""
from __future__ import annotations

from decimal import Decimal

import pytest

from marketgraph.graph.metricheads import broader_of
from marketgraph.graph.records import Fact

from test_extract_frames import GAZ, doc_for
from marketgraph.graph.extract.pipeline import extract_document


def result(text: str):
    return extract_document(doc_for(text), text, GAZ, only=["measures"])


def facts(text: str) -> list[Fact]:
    return result(text).facts


def by_value(text: str, value: str) -> Fact:
    got = [f for f in facts(text) if Decimal(str(f.value)) == Decimal(value)]
    assert len(got) == 1, [(f.kind, f.metric, f.value) for f in facts(text)]
    return got[0]


# --- the narrower measure is kept: (sentence, value, metric key, the metric's label or None for a known concept)
NARROWER = [
    # words before the measure that are no name of the category itself
    ("Halden's premium tablet shipments rose to 1.7 million units in the third quarter.", "1700000",
     "premium-tablet-shipments", "premium tablet shipments"),
    ("Its smartwatch shipments fell 11% in the third quarter.", "-11",
     "smartwatch-shipments", "smartwatch shipments"),
    # the product kind after "of" and an owner
    ("Shipments of Halden's electric cars reached 2.6 million units in the third quarter.", "2600000",
     "electric-car-shipments", "electric car shipments"),
    ("The average selling price of our smartwatches was $182 in the third quarter.", "182",
     "smartwatch-average-selling-price", "smartwatch average selling price"),
    # the count noun of a verb's object
    ("Halden shipped 2.4 million premium laptops in the third quarter.", "2400000",
     "premium-laptop-shipments", "premium laptop shipments"),
    # a narrower phrase the scheme knows: its concept, never a minted twin
    ("Shipments of Halden's smart TVs reached 0.9 million units in the third quarter.", "900000",
     "smart-tv-shipments", None),
]


@pytest.mark.parametrize("text,value,metric,label", NARROWER, ids=[t[:45] for t, *_ in NARROWER])
def test_a_figure_of_a_product_kind_keeps_the_narrower_measure(text, value, metric, label):
    f = by_value(text, value)
    assert f.metric == metric
    assert f.qualifier("metric_label") == label
    assert f.qualifier("category") is None         # never the broader category besides the narrower measure
    assert f.evidence.quote in text
    if label is not None:
        assert metric not in GAZ.metrics
        # the minted concept sits under the plain measure its head names
        assert broader_of(label, GAZ) in ("shipments", "average-selling-price")


def test_the_change_of_a_narrowed_level_is_of_the_same_measure():
    got = {(f.kind, f.metric) for f in facts(
        "Shipments of Halden's electric cars reached 2.6 million units in the third quarter, up 18% year on year.")}
    assert got == {("metric", "electric-car-shipments"), ("change", "electric-car-shipments")}


# --- the plain measure is right: nothing narrower stated, or the category's own name (kept as the category)
PLAIN = [
    ("Shipments rose to 4.4 million units in the third quarter.", "4400000", "shipments", None),
    ("Halden shipped 4.4 million units in the third quarter.", "4400000", "shipments", None),
    ("Tablet shipments rose to 4.4 million units in the third quarter.", "4400000", "shipments", "tablets"),
    ("The average selling price of our tablets was $312 in the third quarter.", "312", "average-selling-price",
     "tablets"),
    # a market of a product kind is not a measure of one: "tablet market" names where, not what
    ("Revenue was $1.2 billion in the third quarter.", "1200000000", "revenue", None),
]


@pytest.mark.parametrize("text,value,metric,category", PLAIN, ids=[t[:45] for t, *_ in PLAIN])
def test_the_plain_measure_stays_when_the_text_states_nothing_narrower(text, value, metric, category):
    f = by_value(text, value)
    assert f.metric == metric
    assert f.qualifier("category") == category


# --- a known measure inside a modifier of another head noun: not the figure's measure
INSIDE = [
    "The number of households that own three or more devices connected to our platform reached 2.2 million in the "
    "third quarter.",
    "Customers with four or more connected devices grew to 1.9 million in the third quarter.",
]


@pytest.mark.parametrize("text", INSIDE, ids=[t[:45] for t in INSIDE])
def test_a_measure_inside_another_nouns_modifier_is_not_published(text):
    r = result(text)
    assert not [f for f in r.facts if f.metric == "connected-devices"]
    assert any(u.reason == "no metric" for u in r.unresolved or ())


def test_the_measure_itself_as_the_head_is_published():
    f = by_value("Connected devices on our platform reached 41 million in the third quarter.", "41000000")
    assert f.metric == "connected-devices"


# --- a measure counted in days: its figures are read; any other count of days is a duration, no figure
def test_a_measure_counted_in_days_is_read():
    got = {(f.metric, Decimal(str(f.value)), f.unit, f.period.label) for f in facts(
        "Our inventory turnover days increased from 47 days to 58 days in the third quarter.")}
    assert got == {("inventory-turnover-days", Decimal(47), "days", "2022-Q3"),
                   ("inventory-turnover-days", Decimal(58), "days", "2023-Q3")}


def test_a_count_of_days_without_such_a_measure_is_no_figure():
    assert facts("Revenue was $1.2 billion; customers may return a device within 30 days of purchase.") and \
        not [f for f in facts("Revenue was $1.2 billion; customers may return a device within 30 days of purchase.")
             if f.unit == "days"]


def test_an_average_of_a_counted_measure_is_not_the_count():
    r = result("The average number of connected devices increased by 21% in the third quarter.")
    assert not [f for f in r.facts if f.metric == "connected-devices"]
    assert any(u.reason == "no metric" for u in r.unresolved or ())


# --- a count that is the object of a verb that acts on it: what the verb did, not all there are
def test_shares_repurchased_are_not_the_shares():
    f = by_value("Halden repurchased 3.4 million shares in the third quarter.", "3400000")
    assert (f.metric, f.qualifier("metric_label")) == ("shares-repurchased", "shares repurchased")
    assert f.evidence.quote.startswith("Halden repurchased")


def test_shares_with_no_such_verb_keep_their_noun():
    f = by_value("Halden had 312 million shares outstanding at the end of the third quarter.", "312000000")
    assert f.metric != "shares-repurchased"
