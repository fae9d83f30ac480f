"""A third party's launch story about a product the gazetteer has never heard of, written for this test (an
invented Indian scooter maker): Indian digit grouping, prices after "launched the X at", a price named by an
unknown phrase read as the product's price and never as a company measure."""
from __future__ import annotations

from marketgraph.graph.extract.pipeline import extract_document
from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.records import Document, EntityRef

GAZ = load_gazetteer(ProjectPaths.default().gazetteer)
PRANAV = EntityRef("pranav-motors", "organisation", "Pranav Motors Ltd", ("Company",))
TEXT = """Pranav Motors launches Zephyr e-scooter

PUNE: Pranav Motors on Thursday launched the Zephyr at Rs 1.15 lakh. A higher-spec Zephyr Plus costs ₹1,34,999.
The Zephyr Plus, its first scooter with a 4.0 kWh pack, comes at an introductory ex-showroom price of Rs 1.29 lakh
in Maharashtra.
"""


def _doc(text: str, issuer: EntityRef, genre: str, date: str, role: str, source_file: str = "t.txt") -> Document:
    """A document of the test: the whole text, its first line as title."""
    return Document(doc_id="t", source_file=source_file, start=0, end=len(text), title=text.split("\n", 1)[0],
                    genre=genre, date=date, issuer=issuer, period=None, role=role)


def _facts():
    doc = _doc(TEXT, PRANAV, "news", "2024-03-14", "third_party")
    return extract_document(doc, TEXT, GAZ).facts


def test_prices_of_an_unknown_product_in_indian_notation():
    prices = {(f.subject.label, str(f.value), f.unit) for f in _facts() if f.kind == "price"}
    assert ("Pranav Zephyr", "115000", "INR") in prices, prices
    assert ("Zephyr Plus", "134999", "INR") in prices, prices          # 1,34,999: one number, not 1 and 34,999
    assert not [p for p in prices if p[1] in ("1", "34999")], prices


def test_a_price_phrase_is_never_a_companys_measure():
    company = [(f.metric, str(f.value)) for f in _facts() if f.subject.key == PRANAV.key and f.kind == "metric"]
    assert not company, company


def test_rivals_a_launch_is_compared_with_are_not_launched():
    text = ("Pranav Motors takes on rivals\n\nPUNE: Pranav Motors on Thursday unveiled two electric scooters, the "
            "Zephyr and the Zephyr Pro, pitching them against the Kestrel S2 and the Orbit Neo.\n")
    doc = _doc(text, PRANAV, "news", "2024-03-14", "third_party")
    launched = {f.subject.label for f in extract_document(doc, text, GAZ).facts if f.kind == "launch"}
    assert launched == {"Pranav Zephyr", "Pranav Zephyr Pro"}, launched


def test_a_spec_of_the_model_compared_with_is_not_the_new_models():
    text = ("Quillon launches Nimbus Air\n\nThe Nimbus Air has a 5,000mAh battery, up from 4,500mAh on last year's "
            "Nimbus, and supports 45W charging.\n")
    doc = _doc(text, PRANAV, "product_release", "2024-03-14", "first_party")
    batteries = {str(f.value) for f in extract_document(doc, text, GAZ).facts if f.metric == "battery_capacity"}
    assert batteries == {"5000"}, batteries


def test_a_markdown_spec_table_reads_every_row_under_its_header():
    text = ("# Halvik launches Strada and Strada Max e-bikes\n\nHalvik Cycles B.V. has launched two city e-bikes, the "
            "Strada and the Strada Max.\n\n| Model | Battery | Range | Price |\n|---|---|---|---|\n"
            "| Strada | 500 Wh | up to 110 km | €2,999 |\n| Strada Max | 750 Wh | up to 160 km | €3,799 |\n")
    halvik = EntityRef("halvik-cycles", "organisation", "Halvik Cycles B.V.", ("Company",))
    doc = _doc(text, halvik, "product_release", "2026-04-12", "first_party", source_file="t.md")
    got = {(f.subject.key, f.metric, str(f.value)) for f in extract_document(doc, text, GAZ).facts
           if f.qualifier("layout") == "table"}
    assert {("halvik-strada", "battery_capacity", "500"), ("halvik-strada", "price", "2999"),
            ("halvik-strada-max", "battery_capacity", "750"), ("halvik-strada-max", "price", "3799")} <= got, got
    assert not [g for g in got if g[0] == "halvik-strada-max" and g[2] in ("500", "2999")], got


def _sold(text: str):
    halden = EntityRef("halden-micro-systems", "organisation", "Halden Micro Systems, Inc.", ("Company",))
    doc = _doc(text, halden, "results_release", "2023-11-02", "first_party")
    return [(f.subject.label, str(f.value), f.period.label if f.period else None)
            for f in extract_document(doc, text, GAZ).facts if f.metric == "sales-volume"]


def test_a_products_own_volume_is_the_products_and_a_launch_date_is_not_its_period():
    got = _sold("The Nimbus console launched in March. Halden sold 5.6 million Nimbus consoles in the third quarter of 2023.")
    assert [g[0] for g in got] and all("Nimbus" in g[0] for g in got), got
    got = _sold("Our Tessera earbuds, launched in October 2023 at $49, sold 1.1 million units in 2023.")
    assert got and all("Tessera" in g[0] and g[2] == "2023" for g in got), got
    assert _sold("Halden sold 5.6 million units in 2023.")[0][0] == "Halden Micro Systems, Inc."


def test_a_product_named_without_its_first_word_is_the_same_product():
    text = ("Harukaze launches Nagi Aria and Nagi Aria Max\n\nTOKYO, March 3, 2026 -- Harukaze Mobile today launched "
            "two smartphones, the Nagi Aria and the Nagi Aria Max.\n\nThe Aria Max has a 6.8-inch display and a "
            "5,500mAh battery. The standard Aria gets a 6.1-inch screen and a 4,300mAh battery.\n")
    harukaze = EntityRef("harukaze-mobile", "organisation", "Harukaze Mobile", ("Company",))
    doc = _doc(text, harukaze, "product_release", "2026-03-03", "first_party")
    got = {(f.subject.label, str(f.value)) for f in extract_document(doc, text, GAZ).facts
           if f.metric == "battery_capacity"}
    assert got == {("Harukaze Nagi Aria Max", "5500"), ("Harukaze Nagi Aria", "4300")}, got
