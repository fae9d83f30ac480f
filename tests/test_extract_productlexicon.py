"""Open-world product names learnt from the document (graph/extract/productlexicon.py) and what the spec, price
and launch extractors make of them. Every text here is invented (names, numbers, word order)."""
from __future__ import annotations

import pytest
import yaml

from marketgraph.graph.extract.pipeline import extract_document
from marketgraph.graph.extract.productlexicon import LexiconRules, ProductLexicon, learn
from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.records import Document, EntityRef

PATHS = ProjectPaths.default()


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer(PATHS.gazetteer)


@pytest.fixture(scope="module")
def rules():
    return LexiconRules.from_data(yaml.safe_load((PATHS.mappings / "patterns" / "products.yaml").read_text("utf-8")))


def learnt(rules, text, brands=None, issuer="acme", headings=()):
    lex = ProductLexicon(rules, dict(brands or {"Acme": "acme"}))
    learn(lex, text, 0, len(text), headings, issuer)
    return lex


@pytest.mark.parametrize("text, expected", [
    ("Acme today unveiled two new phones, the Orca 7 Lite and the Orca 7 Max.", {"Acme Orca 7 Lite", "Acme Orca 7 Max"}),
    ('Acme launches "Breeze" and "Breeze Plus" electric kick scooters.', {"Acme Breeze", "Acme Breeze Plus"}),
    ("Acme took the wraps off the Quill 13 at an event in Oslo on Monday.", {"Acme Quill 13"}),
    ("The Acme Halo Edge arrives with a cheaper sibling, the Acme Halo.", {"Acme Halo Edge", "Acme Halo"}),
    ("Its flagship QLED range, the Vista QX, comes in three sizes.", {"Acme Vista QX"}),
    ("The Ferro Bolt 3 weighs 2 kg.", {"Ferro Bolt 3"}),
])
def test_names_are_learnt_where_a_text_introduces_a_product(rules, text, expected):
    assert {r.label for r in learnt(rules, text).refs.values()} == expected


@pytest.mark.parametrize("text", [
    "Acme Technologies Ltd. reported revenue of EUR 12 million.",            # the company, not a product
    "The handset runs on the Zircon 9000 with 12GB of RAM.",                  # a component
    "Acme Finance and Acme Cloud grew quickly.",                              # brand + a bare word
    "Acme presented its new mid-term strategy Summit at the event.",          # a strategy, not a product
    "Acme launched the device in Q3 2024 across Europe.",                     # periods and markets
    "The speaker was presented by Maria Lind on stage.",                      # a person after 'by'
])
def test_no_product_is_learnt_from_other_names(rules, text):
    assert learnt(rules, text).refs == {}


def test_learnt_names_are_found_with_and_without_their_brand_and_variants_name_their_family(rules):
    text = "Acme introduced the Orca 7 Pro and the Orca 7 Lite. The Pro is rated IP68; the Lite is rated IP54."
    lex = learnt(rules, text)
    found = [(text[a:b], ref.label) for a, b, ref in lex.find(text, 0, len(text))]
    assert found == [("Orca 7 Pro", "Acme Orca 7 Pro"), ("Orca 7 Lite", "Acme Orca 7 Lite"),
                     ("Pro", "Acme Orca 7 Pro"), ("Lite", "Acme Orca 7 Lite")]
    pro = lex.refs["acme-orca-7-pro"]
    assert pro.owner == "acme" and lex.family_ref(pro.key).label == "Acme Orca 7"


def test_a_short_form_after_the_full_name_is_the_same_product(rules):
    lex = learnt(rules, "The Vento Pods Max cost $249. Still, the Pods Max sell well.", brands={})
    assert list(lex.refs) == ["vento-pods-max"]
    text = "the Pods Max sell well"
    assert [r.key for _, _, r in lex.find(text, 0, len(text))] == ["vento-pods-max"]


def test_a_spec_sheet_heading_names_a_product(rules):
    text = "Key specifications\nTerra 4 Pro\nDisplay: 6.5-inch\n"
    a = text.index("Terra")
    lex = learnt(rules, text, headings=[(0, 18), (a, a + len("Terra 4 Pro"))])
    assert {r.label for r in lex.refs.values()} == {"Acme Terra 4 Pro"}


def _doc(text, date="2025-02-11", genre="product_release"):
    issuer = EntityRef("brightwell", "organisation", "Brightwell Devices AB", ("Company",))
    return Document(doc_id="t", source_file="t.txt", start=0, end=len(text), title="t", genre=genre, date=date,
                    issuer=issuer)


LAUNCH = """Brightwell Devices AB today unveiled two new tablets, the Slate 9 and the Slate 9 Ultra.
Pre-orders for both tablets open today, and the Slate 9 ships on 3 March while the Slate 9 Ultra ships in Q2.

The Slate 9 starts at EUR 429 for the 8GB+128GB model.

Slate 9 Ultra
Display: 12.4-inch, 144Hz, 1,600 nits
Processor: Corvid T8 (4nm)
Battery: 10,200 mAh, 67W charging
Weight: 612 g
"""


@pytest.fixture(scope="module")
def launch_facts(gazetteer):
    res = extract_document(_doc(LAUNCH), LAUNCH, gazetteer, only=["products", "specs", "prices", "launches"])
    return res


def test_a_launch_article_about_unknown_products_yields_products_dates_prices_and_specs(launch_facts):
    facts = launch_facts.facts
    specs = {(f.subject.label, f.metric, str(f.value), f.unit) for f in facts if f.kind == "spec"}
    assert ("Brightwell Slate 9 Ultra", "display_size", "12.4", "inch") in specs
    assert ("Brightwell Slate 9 Ultra", "battery_capacity", "10200", "mAh") in specs
    assert ("Brightwell Slate 9 Ultra", "processor", "Corvid T8", None) in specs
    assert ("Brightwell Slate 9 Ultra", "weight", "612", "g") in specs
    assert not any(label.startswith("Corvid") for label, *_ in specs)          # a component is no subject
    prices = {(f.subject.label, str(f.value), f.unit, f.qualifier("variant")) for f in facts if f.kind == "price"}
    assert ("Brightwell Slate 9", "429", "EUR", "8GB+128GB") in prices
    launches = {(f.subject.label, f.qualifier("status"), str(f.value)) for f in facts if f.kind == "launch"}
    assert ("Brightwell Slate 9", "announced", "2025-02-11") in launches
    assert ("Brightwell Slate 9 Ultra", "pre-order", "2025-02-11") in launches
    assert ("Brightwell Slate 9", "shipping", "2025-03-03") in launches
    assert ("Brightwell Slate 9 Ultra", "shipping", "2025") in launches         # a quarter: dated by its year


def test_discovered_products_are_entities_typed_and_owned(launch_facts):
    ents = {e.label: e for e in launch_facts.entities if e.kind == "product"}
    assert ents["Brightwell Slate 9"].owner == "brightwell"
    assert "Tablet" in ents["Brightwell Slate 9"].types


def test_a_launch_without_a_date_the_text_resolves_is_not_stated(gazetteer):
    text = "Brightwell Devices AB unveiled the Slate 9 Ultra, its largest tablet."
    res = extract_document(_doc(text, date=None, genre="news"), text, gazetteer, only=["products", "launches"])
    assert [f for f in res.facts if f.kind == "launch"] == []


@pytest.mark.parametrize("text, expected", [
    ("Sales of the Fjell 3 soundbar, launched in May, doubled.", {"Fjell 3"}),
    ("Our Lark earbuds sold out in a week.", {"Acme Lark"}),
    ("Its Corvo handheld console is now in 40 countries.", {"Acme Corvo"}),
    ("Growth was led by the Pelle Max, which went on sale in March.", {"Pelle Max"}),
    ("The Tindra Mini, a compact hub for small flats, went on sale in June at $79.", {"Tindra Mini"}),
    ("Strong demand followed. Vireo launched in November at EUR 149.", {"Vireo"}),
])
def test_names_without_a_digit_are_learnt_where_the_text_introduces_them(rules, text, expected):
    assert {r.label for r in learnt(rules, text).refs.values()} == expected


@pytest.mark.parametrize("text, companies", [
    ("Half of the Kaito phones sold in Europe were mid-range.", {"Kaito"}),     # the maker of the phones
    ("Demand for the Borneo tablet market fell 4%.", set()),                  # a market, not a product
    ("The Group, which launched in 2010, grew.", set()),                      # the company, not a product
    ("The Board approved the plan, which launched in May.", set()),           # a body of the company
])
def test_no_digitless_product_is_learnt_from_makers_markets_or_bodies(rules, text, companies):
    lex = ProductLexicon(rules, {"Acme": "acme"})
    learn(lex, text, 0, len(text), (), "acme", frozenset(companies))
    assert lex.refs == {}


def test_a_sale_opening_after_a_launch_of_several_products_is_each_ones(gazetteer):
    text = ("Brightwell Devices AB today unveiled three new phones, the Tarn 4, the Tarn 4 Pro and the Tarn 4 Max. "
            "Pre-orders open today in Sweden.")
    facts = extract_document(_doc(text), text, gazetteer, only=["products", "launches"]).facts
    pre = {f.subject.label for f in facts if f.kind == "launch" and f.qualifier("status") == "pre-order"}
    assert pre == {"Brightwell Tarn 4", "Brightwell Tarn 4 Pro", "Brightwell Tarn 4 Max"}


def test_a_sale_opening_without_a_date_or_product_is_not_stated(gazetteer):
    text = ("Brightwell Devices AB today unveiled the Tarn 4 Pro. A replay of the event will be available on the "
            "investor relations website.")
    facts = extract_document(_doc(text), text, gazetteer, only=["products", "launches"]).facts
    assert [f.qualifier("status") for f in facts if f.kind == "launch"] == ["announced"]


def test_a_dated_label_line_states_a_sale_and_its_market(gazetteer):
    text = ("Brightwell Devices AB today unveiled the Tarn 4 Pro.\n\nPricing and availability\n"
            "Sweden: SEK 7,990, available from 14 March\n")
    facts = extract_document(_doc(text), text, gazetteer, only=["products", "launches"]).facts
    sale = [(f.subject.label, str(f.value), f.market.key if f.market else None) for f in facts
            if f.kind == "launch" and f.qualifier("status") == "available"]
    assert sale == [("Brightwell Tarn 4 Pro", "2025-03-14", "sweden")]      # the price list's product


def test_a_planned_launch_without_a_date_is_in_the_year_of_writing(gazetteer):
    text = "In 2025 we will also launch the Tarn 5 in Norway."
    doc = _doc(text, date="2025-02-11", genre="shareholder_letter")
    from datetime import date as _date
    from marketgraph.graph.records import Period
    doc = Document(**{**doc.__dict__, "period": Period("2024", "year", _date(2024, 1, 1), _date(2024, 12, 31))})
    facts = extract_document(doc, text, gazetteer, only=["products", "launches"]).facts
    assert [(f.subject.label, str(f.value)) for f in facts if f.kind == "launch"] == [("Tarn 5", "2025")]


def test_a_yearless_sale_date_after_the_document_date_is_in_its_year(gazetteer):
    text = "Brightwell Devices AB today unveiled the Tarn 4 Pro. The Tarn 4 Pro will be available from 18 March."
    facts = extract_document(_doc(text, date="2025-03-05"), text, gazetteer, only=["products", "launches"]).facts
    assert [str(f.value) for f in facts if f.qualifier("status") == "available"] == ["2025-03-18"]


@pytest.mark.parametrize("text, expected", [
    # two statuses in one sentence, the second without a product: the product named before it
    ("Our new sedan, the Brightwell Ostra, opened for pre-orders on February 3, and first deliveries are planned for "
     "June.", {("Brightwell Ostra", "pre-order", "2025-02-03"), ("Brightwell Ostra", "shipping", "2025-06")}),
    # a variant due later, and a device's launch: the passage's product
    ("Brightwell Devices AB today unveiled its new home battery, the Ostra 2. A larger 15 kWh version is due in the "
     "autumn.",
     {("Brightwell Ostra 2", "announced", "2025-02-11"), ("Brightwell Ostra 2", "launched", "2025")}),
])
def test_launch_clauses_without_a_product_take_the_one_in_view(gazetteer, text, expected):
    facts = extract_document(_doc(text), text, gazetteer, only=["products", "launches"]).facts
    assert {(f.subject.label, f.qualifier("status"), str(f.value)) for f in facts if f.kind == "launch"} == expected


def test_a_report_due_on_a_date_is_no_launch(gazetteer):
    text = "Brightwell Devices AB today unveiled the Ostra 2. Our next report is due on 27 April."
    facts = extract_document(_doc(text), text, gazetteer, only=["products", "launches"]).facts
    assert [f.qualifier("status") for f in facts if f.kind == "launch"] == ["announced"]


@pytest.mark.parametrize("text, expected", [
    ("Our flagship Brightwell Aster X, launched in September 2024, sold well.", {"Brightwell Aster X"}),
    ("The Vesta QLED range, launched in August, is our best seller.", {"Vesta QLED"}),
])
def test_names_ending_in_a_letter_and_ranges_named_by_a_technology(rules, text, expected):
    assert {r.label for r in learnt(rules, text, brands={"Brightwell": "brightwell"}, issuer="brightwell").refs.values()} \
        == expected


def test_a_concept_is_no_product(rules):
    text = "In 2016 Acme introduced the revolutionary Nova Glass Display smartphone concept."
    assert learnt(rules, text).refs == {}
