"""Products as entities (gazetteer and discovered names) and launch facts."""
from __future__ import annotations

from pathlib import Path

import pytest

from marketgraph.graph.extract.pipeline import extract_document
from marketgraph.graph.extract.productnames import find_product_names, load_product_grammar
from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.records import Document

PATHS = ProjectPaths.default()

@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer(PATHS.gazetteer)

@pytest.fixture(scope="module")
def grammar(gazetteer):
    brands = [n for e in gazetteer.entities.values() if e.kind == "brand" for n in (e.label, *e.aliases)]
    return load_product_grammar(PATHS.mappings / "patterns" / "products.yaml", brands)

def names(text, grammar, known=()):
    return [(n.label, n.kind) for n in find_product_names(text, 0, grammar, known)]

@pytest.mark.parametrize("text, expected", [
    ("Two more models, the Mi 11X Pro and the Mi 11X, were announced, completing the Mi 11 line-up.",
     [("Mi 11X Pro", "product"), ("Mi 11X", "product"), ("Mi 11 line-up", "series")]),
    ("Samsung brought the Galaxy S21 series to market; the Galaxy A52 went on sale in March.",
     [("Galaxy S21 series", "series"), ("Galaxy A52", "product")]),
    ("The Redmi 13C 5G and Galaxy Z9 Fold Ultra are new.", [("Redmi 13C 5G", "product"),
                                                          ("Galaxy Z9 Fold Ultra", "product")]),
    ("Buy it on mi.com or in Mi Home stores with the Mi Home app.", []),
    ("Xiaomi unveiled the Redmi Note 15 Pro+ and the Redmi Pad SE, a tablet.",
     [("Redmi Note 15 Pro+", "product"), ("Redmi Pad SE", "product")]),
    ("Mi TV 5 Pro 55’’, 65’’ and 75’’ variants", [("Mi TV 5 Pro", "product")]),
])
def test_discovered_names(grammar, text, expected):
    assert names(text, grammar) == expected

def test_gazetteer_matches_take_precedence(grammar):
    text = "the Mi CC9 Pro Premium Edition"
    assert names(text, grammar, known=[(4, len(text))]) == []

def _doc(text, gazetteer, genre="product_release", date="2021-04-23"):
    return Document("t-doc", "adhoc/t.txt", 0, len(text), "t", genre, date=date, issuer=gazetteer.ref("xiaomi"))

def test_discovered_products_become_typed_entities(gazetteer):
    text = "Xiaomi today introduced the Redmi 99K smartphone. The Mi TV 5 Pro is unchanged."
    res = extract_document(_doc(text, gazetteer), text, gazetteer, only=["products"])
    assert [(e.key, e.kind, e.label, e.types) for e in res.entities] == [
        ("redmi-99k", "product", "Redmi 99K", ("Smartphone",))]

# -- launches -------------------------------------------------------------------------------------------------

def launches(text, gazetteer, **kw):
    res = extract_document(_doc(text, gazetteer, **kw), text, gazetteer, only=["products", "launches"])
    for f in res.facts:
        assert text[f.evidence.start:f.evidence.end] == f.evidence.quote
    return [(f.subject.label, f.qualifier("status"), f.period.label if f.period else None,
             f.market.key if f.market else None) for f in res.facts]

def test_dateline_today_and_alongside(gazetteer):
    text = ("NEW DELHI, 23 April 2021 – Xiaomi India today introduced the Mi 11 Ultra in India. Two more models, "
            "the Mi 11X Pro and the Mi 11X, were announced alongside it, completing the Mi 11 line-up for "
            "Indian buyers.")
    assert launches(text, gazetteer) == [("Mi 11 Ultra", "launched", "2021-04-23", "india"),
                                         ("Mi 11X Pro", "announced", "2021-04-23", "india"),
                                         ("Mi 11X", "announced", "2021-04-23", "india")]

def test_sale_dates_without_year_are_in_the_documents_year(gazetteer):
    text = "The Redmi 40 Pro goes on sale from April 24 and the Redmi 40 from April 27 in India."
    assert launches(text, gazetteer) == [("Redmi 40 Pro", "first_sale", "2021-04-24", "india"),
                                         ("Redmi 40", "first_sale", "2021-04-27", "india")]
    past = "The Mi 11 Ultra made its debut in China on March 29."
    assert launches(past, gazetteer) == [("Mi 11 Ultra", "launched", "2021-03-29", "mainland-china")]

def test_one_date_for_several_products_and_month_parts(gazetteer):
    text = "It expects demand for the mid-range Galaxy A52 and Galaxy A72, which went on sale in March."
    assert launches(text, gazetteer, genre="news", date="2021-04-29") == [
        ("Galaxy A52", "first_sale", "2021-03", None), ("Galaxy A72", "first_sale", "2021-03", None)]
    text2 = "Mi Watch Special Edition will be priced at RMB 2999, pre-orders will start around mid-December."
    got = launches(text2, gazetteer, date="2019-11-05")
    assert got == [("Mi Watch Special Edition", "pre-order", "2019-12", None)]

def test_topic_product_for_pre_orders_and_series_of_the_last_products(gazetteer):
    text = ("Mi TV 5 Pro 65’’ will be priced at RMB 4999 while Mi TV 5 65’’ priced at RMB 3999. "
            "Pre-orders start on November 5, and sales in China will start on November 11.")
    assert launches(text, gazetteer, date="2019-11-05") == [
        ("Mi TV 5 series", "pre-order", "2019-11-05", "mainland-china"),
        ("Mi TV 5 series", "first_sale", "2019-11-11", "mainland-china")]

def test_results_documents_date_undated_launches_by_their_period(gazetteer):
    text = ("On August 11, we launched our Mi 10 Ultra with 120x zoom. We launched Xiaomi Mi TV LUX 65-inch OLED "
            "and our Mi TV LUX OLED Transparent Edition.")
    doc = _doc(text, gazetteer, genre="earnings_call", date=None)
    from marketgraph.graph.records import Period
    from datetime import date
    doc = Document(**{**doc.__dict__, "period": Period("2020-Q2", "quarter", date(2020, 4, 1), date(2020, 6, 30))})
    facts = extract_document(doc, text, gazetteer, only=["products", "launches"]).facts
    assert [(f.subject.key, f.period.label) for f in facts] == [
        ("mi-10-ultra", "2020-08-11"), ("mi-tv-lux-65-oled", "2020-Q2"),
        ("mi-tv-lux-oled-transparent-edition", "2020-Q2")]

@pytest.mark.parametrize("text", [
    "The first sale date for the Mi 11 Ultra will be announced later.",
    "Xiaomi unveiled the core technologies behind its recently launched Mi MIX Alpha.",
    "Since its debut, the Mi MIX series has represented innovation.",
    "Xiaomi Presents Leading-edge Products: Mi CC9 Pro, Mi Watch and Mi TV 5 Series",
    "In November, the overseas version of Mi CC9 Pro was well received.",
])
def test_not_launches(gazetteer, text):
    assert launches(text, gazetteer) == []

def test_regional_version_is_launched_not_its_base(gazetteer):
    text = "In November, the overseas version of Mi CC9 Pro, Mi Note 10, was released in Spain."
    assert launches(text, gazetteer, date="2019-11-27") == [("Mi Note 10", "launched", "2019-11", "spain")]

def test_limited_quantities(gazetteer):
    text = "Along with the standard Mi Watch, Mi Watch Special Edition was also announced, with a limited offering of 30,000 units worldwide."
    res = extract_document(_doc(text, gazetteer, date="2019-11-05"), text, gazetteer, only=["products", "launches"])
    assert [(f.subject.key, f.qualifier("limited_units")) for f in res.facts if f.kind == "launch"] == [
        ("mi-watch-special-edition", "30000")]
    assert [(f.subject.key, str(f.value), f.market.key) for f in res.facts if f.kind == "count"] == [
        ("mi-watch-special-edition", "30000", "world")]

# -- dated events ---------------------------------------------------------------------------------------------

def events(text, gazetteer, genre="news", date="2020-11-24", publisher=None):
    doc = Document("t-doc", "adhoc/t.txt", 0, len(text), "t", genre, date=date, issuer=gazetteer.ref("xiaomi"),
                   publisher=publisher)
    facts = [f for f in extract_document(doc, text, gazetteer, only=["launches"]).facts if f.kind == "event"]
    return [(f.subject.label, f.metric, f.value, f.market.key if f.market else None) for f in facts]

def test_publication_line_and_dateline(gazetteer):
    text = ("Published: Tuesday, 24 November 2020, 18:05 HKT\n\nHeadline here\n\n"
            "BEIJING, Nov 24 – Xiaomi Corp turned in the biggest quarter of its history.")
    assert events(text, gazetteer, publisher="Harbour Wire") == [
        ("Harbour Wire", "publication", "2020-11-24", None), ("Xiaomi Corporation", "statement_date", "2020-11-24", None)]

def test_product_release_datelines_date_launches_not_events(gazetteer):
    text = "NEW DELHI, 23 April 2021 – Xiaomi India today introduced the Mi 11 Ultra."
    assert events(text, gazetteer, genre="product_release", date="2021-04-23") == []

def test_dated_company_events(gazetteer):
    text = ("Xiaomi entered India in July 2014 and set up its local operations in Bengaluru. "
            "In a few days, we will celebrate our tenth anniversary on April 6th. "
            "We entered new markets like Africa and Latin America in 2019.")
    got = events(text, gazetteer, genre="shareholder_letter", date="2020-03-31")
    assert got == [("Xiaomi Corporation", "market_entry", "2014-07", "india"),
                   ("Xiaomi Corporation", "anniversary", "2020-04-06", None),
                   ("Xiaomi Corporation", "market_entry", "2019", "africa"),
                   ("Xiaomi Corporation", "market_entry", "2019", "latin-america")]

def test_sentences_with_figures_are_not_events(gazetteer):
    text = "The session was hosted in July 2020, when revenue rose 8% to RMB 103.2 billion."
    assert events(text, gazetteer, genre="earnings_call", date="2020-08-27") == []

def test_a_product_class_launched_in_several_markets(gazetteer):
    text = "We debuted our smart TVs in several new markets, including Italy, Poland and France."
    got = launches(text, gazetteer, genre="news", date="2020-08-27")
    assert got == [("Xiaomi Corporation TVs", "launched", "2020-08-27", m) for m in ("italy", "poland", "france")]

@pytest.mark.parametrize("text, expected", [
    ("Xiaomi today introduced the Xiaomi 12 Pro and the Huawei P50 Pro rivals it.", ["Xiaomi 12 Pro", "Huawei P50 Pro"]),
    ("Xiaomi 2020 Interim Results: Xiaomi 46 million units, Xiaomi 13.5% share, Xiaomi 4th place.", []),
    ("Xiaomi 10-year anniversary and Samsung Electronics Co results.", []),
    ("the introduction of the first Xiaomi 5G smartphone Mi MIX 3 5G in Europe", []),
])
def test_company_prefixed_product_names(gazetteer, text, expected):
    res = extract_document(_doc(text, gazetteer), text, gazetteer, only=["products"])
    assert [e.label for e in res.entities if e.kind in ("product", "series")] == expected

def test_past_sale_dates_stay_in_the_past(gazetteer):
    text = "Revenue was helped by the Reno 7 series, which went on sale in November."
    assert launches(text, gazetteer, genre="news", date="2022-02-01") == [
        ("Reno 7 series", "first_sale", "2021-11", None)]


@pytest.mark.slow
def test_product_facts_of_every_bundled_document_conform_to_the_shapes(gazetteer):
    """A document whose graph violates a shape is not published: the product-side facts must never cause that."""
    from marketgraph.graph.build import _in_graph
    from marketgraph.graph.iris import Iris
    from marketgraph.graph.mapper import map_document, map_entities
    from marketgraph.graph.reason import materialise
    from marketgraph.graph.segment import load_documents
    from marketgraph.graph.validate import load_ontology, load_shapes, validate

    iris = Iris("http://localhost:8000")
    ontology, shapes = load_ontology(PATHS), load_shapes(PATHS)
    entities = materialise(map_entities(gazetteer, iris), ontology)
    mine = ["products", "specs", "prices", "launches", "people", "qa"]
    bad = []
    for doc, text in load_documents(PATHS, ["seeds", "dev"]):
        facts = extract_document(doc, text, gazetteer, only=mine).facts
        graph = materialise(map_document(doc, facts, gazetteer, iris), ontology)
        report = validate(graph + entities, shapes)
        bad += [(doc.doc_id, v.message) for v in report.violations if _in_graph(graph, v)]
    assert bad == []


def test_annual_letters_date_events_in_the_reported_year(gazetteer):
    from datetime import date as d
    from marketgraph.graph.records import Period
    text = "Our factories paused in February. On 9 July, our Suzhou smart factory began volume production."
    doc = Document("t", "adhoc/t.txt", 0, len(text), "t", "shareholder_letter", date="2021-03-25",
                   issuer=gazetteer.ref("xiaomi"), period=Period("2020", "year", d(2020, 1, 1), d(2020, 12, 31)))
    facts = [f for f in extract_document(doc, text, gazetteer, only=["launches"]).facts if f.kind == "event"]
    assert [(f.metric, f.value) for f in facts] == [("stoppage", "2020-02"), ("start", "2020-07-09")]


def test_future_launch_dates_are_not_last_year(gazetteer):
    text = "Xiaomi will launch the Redmi 80 Pro on March 3 in Spain."
    assert launches(text, gazetteer, genre="news", date="2022-02-01") == [
        ("Redmi 80 Pro", "launched", "2022-03-03", "spain")]
    res = extract_document(_doc(text, gazetteer, genre="news", date="2022-02-01"), text, gazetteer,
                           only=["products", "launches"])
    assert [f.qualifier("planned") for f in res.facts] == ["true"]

def _channels(text, gazetteer, **kw):
    res = extract_document(_doc(text, gazetteer, **kw), text, gazetteer, only=["products", "launches"])
    return [(f.subject.label, f.value, f.period.label if f.period else None) for f in res.facts
            if f.qualifier("status") == "sales_channels"]

def test_sales_channels_of_a_sale(gazetteer):
    # one list for two products of a series (the dev document's wording, other names): one fact for the series
    text = ("The Redmi 40 Pro goes on sale from April 24 and the Redmi 40 from April 27 on Amazon.in, mi.com, "
            "Mi Home stores and partner retail outlets.")
    assert _channels(text, gazetteer) == [
        ("Redmi 40 series", "Amazon.in, mi.com, Mi Home stores and partner retail outlets", "2021-04-24")]
    # a synthetic variant: availability, other channels and word order, one product
    text2 = "From March 20 the Redmi Note 41 will be available through mi.de, MediaMarkt stores and selected carriers."
    assert _channels(text2, gazetteer, date="2023-03-08") == [
        ("Redmi Note 41", "mi.de, MediaMarkt stores and selected carriers", "2023-03-20")]

@pytest.mark.parametrize("text", [
    "The Redmi 40 Pro goes on sale from April 24 in India and Nepal.",          # markets, not channels
    "The Redmi 40 will be available on the 8GB and 12GB variants.",             # variants, not channels
    "Xiaomi launched the Redmi 40 on Amazon.in, mi.com and Mi Home stores.",     # a launch, not a sale
])
def test_no_sales_channels(gazetteer, text):
    assert _channels(text, gazetteer) == []

def test_start_of_production_also_when_planned(gazetteer):
    def run(text, **kw):
        res = extract_document(_doc(text, gazetteer, **kw), text, gazetteer, only=["products", "launches"])
        return [(f.subject.label, f.qualifier("status"), f.period.label if f.period else None,
                 f.qualifier("planned")) for f in res.facts if f.kind == "launch"]
    text = "Xiaomi aims to start small-scale production for Mi MIX Alpha at the end of December and retails it."
    assert run(text, date="2019-09-24") == [("Mi MIX Alpha", "production_start", "2019-12", "true")]
    # synthetic variants: other product, verb, wording and tense
    text2 = "Mass production of the Redmi 77X will begin in March 2023, the company said."
    assert run(text2, date="2023-01-10") == [("Redmi 77X", "production_start", "2023-03", None)]
    text3 = "In May, Xiaomi started volume production of the Redmi Note 41."
    assert run(text3, date="2023-07-01") == [("Redmi Note 41", "production_start", "2023-05", None)]
    # a plan to launch (not a production cue) is still not a launch
    assert run("Xiaomi plans to launch the Redmi 77X in March.", date="2023-01-10") == []

def test_launch_clauses_split_before_any_company_verb_and_platforms_keep_their_name(gazetteer):
    # the clause of the earlier launch ends before ", <Company> launched": an unknown company name works too
    for company in ("Xiaomi", "Corvexa"):
        text = (f"Following the introduction of the Mi MIX 3 5G in Europe in February, {company} launched the "
                "Mi 9 Pro 5G in mainland China.")
        got = launches(text, gazetteer, genre="news", date="2019-11-27")
        assert [(n, m) for n, _, _, m in got] == [("Mi MIX 3 5G", "europe"), ("Mi 9 Pro 5G", "mainland-china")], got
    # a platform released in a new version is the platform, even in another company's document
    doc = Document("t-doc", "adhoc/t.txt", 0, 60, "t", "news", date="2019-11-19",
                   issuer=gazetteer.ref("samsung") if gazetteer.get("samsung") else None)
    text = "It went live on September 20 when the MIUI 11 was released."
    res = extract_document(doc, text, gazetteer, only=["products", "launches"])
    assert [f.subject.key for f in res.facts if f.kind == "launch"] == ["miui"]

def test_launch_timing_against_the_usual_schedule(gazetteer):
    def timing(text, **kw):
        res = extract_document(_doc(text, gazetteer, **kw), text, gazetteer, only=["products", "launches"])
        return [(f.subject.label, f.value, f.period.label if f.period else None, f.hedge) for f in res.facts
                if f.qualifier("status") == "timing"]
    text = ("Samsung brought the Galaxy S21 series to market in January, about a month earlier than its usual "
            "schedule, and set the base model at $799.")
    assert timing(text, genre="news", date="2021-04-29") == [
        ("Galaxy S21 series", "about a month earlier than its usual schedule", "2021-01", "about")]
    text2 = "Xiaomi launched the Redmi Note 41 in May, two weeks later than the planned launch date."
    assert timing(text2, genre="news", date="2023-07-01") == [
        ("Redmi Note 41", "two weeks later than the planned launch date", "2023-05", None)]
    # a sale date compared with nothing, or a comparison without a schedule word, is no timing
    assert timing("The Redmi Note 41 went on sale in May, a month earlier than the Redmi Note 40.",
                  genre="news", date="2023-07-01") == []

@pytest.mark.parametrize("text, expected", [
    # a company unknown to the gazetteer introduces its own brand: launch verb or product noun after the model
    ("Veltra today launched the Nimbo S7, together with the Nimbo Band 2 fitness tracker. "
     "The Nimbo S7 is priced at €499.", ["Nimbo S7", "Nimbo Band 2"]),
    ("Orkan unveils its new Tessa 12 Pro smartphone in Spain.", ["Tessa 12 Pro"]),
    # no brand is learnt from months, sentence openers or report words
    ("In March 2023 the company launched The 5 initiative. Revenue in Q3 2022 rose.", []),
])
def test_brands_learnt_from_the_document(gazetteer, text, expected):
    res = extract_document(_doc(text, gazetteer), text, gazetteer, only=["products"])
    assert [e.label for e in res.entities if e.kind == "product"] == expected

def test_a_sale_in_several_markets_is_one_fact(gazetteer):
    text = ("The Redmi Note 41 will be available from March 15 at €649 in Germany, France and the United Kingdom.")
    res = extract_document(_doc(text, gazetteer, date="2023-03-08"), text, gazetteer, only=["products", "launches"])
    got = [(f.subject.label, f.qualifier("status"), f.period.label, f.market, f.qualifier("markets"))
           for f in res.facts if f.kind == "launch"]
    assert got == [("Redmi Note 41", "available", "2023-03-15", None, "Germany, France, United Kingdom")]
    # a debut in several markets stays one fact per market
    text2 = "Xiaomi debuted the Redmi Note 41 in Italy, Poland and France in May."
    assert [m for _, _, _, m in launches(text2, gazetteer, genre="news", date="2023-07-01")] == [
        "italy", "poland", "france"]

def test_a_product_announces_a_new_version(gazetteer):
    text = ("MACE, the company’s open-source deep-learning framework, announced the arrival of a new version at "
            "today’s conference.")
    assert launches(text, gazetteer, date="2019-11-19") == [("MACE", "announced", "2019-11-19", None)]
    text2 = "At its developer day, MACE-Kit announces the release of its latest version to all partners."
    assert launches(text2, gazetteer, date="2022-05-02") == [("MACE-Kit", "announced", "2022-05-02", None)]


@pytest.mark.parametrize("text, expected", [
    ("The Nova 8 Heritage Edition comes in a limited run of 2,500 units worldwide.", ("2500", "world")),
    ("Only a limited quantity of 800 pieces will be sold in Germany, all of the Nova 8 Heritage Edition.", None),
])
def test_a_limited_edition_counts_its_units(gazetteer, text, expected):
    from marketgraph.graph.extract.pipeline import extract_text
    facts = [f for f in extract_text(text, gazetteer, issuer="xiaomi", date="2024-05-02", only=["products"]).facts
             if f.kind == "count"]
    if expected is None:            # no product named before the run: the count has no subject
        assert facts == []
    else:
        assert [(str(f.value), f.market.key if f.market else None, f.unit) for f in facts] == [expected + ("units",)]
