"""Count rules: units and devices counted when no metric claims them, models launched, entries on a list, years
in a market, a period referred back to ("On that day"), and figures that are not counts. Corpus sentences and
synthetic variants (other names, numbers, order)."""
from decimal import Decimal

import pytest

from marketgraph.graph.extract.pipeline import extract_text
from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.paths import ProjectPaths


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer(ProjectPaths.default().gazetteer)


def counts(gaz, text, period="2019-Q3", date="2019-11-27"):
    out = extract_text(text, gaz, issuer="xiaomi", period=period, date=date,
                       only=["metrics", "shares", "rankings", "counts"]).facts
    for f in out:
        assert text[f.evidence.start:f.evidence.end] == f.evidence.quote
    return [(f.subject.key, f.metric, f.value, f.unit, f.market.key if f.market else None,
             f.period.label if f.period else None) for f in out if f.kind == "count"]


@pytest.mark.parametrize("text,expected", [
    # product release (seed 001)
    ("Along with the standard Mi Watch, Mi Watch Special Edition was also announced, with a limited offering of "
     "30,000 units worldwide.", ("mi-watch-special-edition", "number-of-units", "30000", "units", "world")),
    ("Mi Watch Special Edition will be priced at RMB 2999 and has a limited number of 30,000 units worldwide.",
     ("mi-watch-special-edition", "number-of-units", "30000", "units", "world")),
    # synthetic: other product, number, market
    ("The Mi 10 Ultra Transparent Edition comes in a run of 5,000 units in Italy.",
     ("mi-10-ultra", "number-of-units", "5000", "units", "italy")),
    # MIDC release (seed 001): devices, a word number, a 5G modifier
    ("Apart from the plan of marketing over ten 5G devices in 2020, we will do more.",
     ("xiaomi", "number-of-devices", "10", "devices", None)),
])
def test_units_and_devices_unclaimed_by_a_metric_are_counts(gaz, text, expected):
    if expected[1] == "number-of-units":      # a limited edition's units: read on the product path
        out = extract_text(text, gaz, issuer="xiaomi", period="2019-Q3", date="2019-11-27", only=["products"]).facts
        got = [(f.subject.key, f.metric, f.value, f.unit, f.market.key if f.market else None) for f in out
               if f.kind == "count"]
    else:
        got = counts(gaz, text)
    assert [g[:5] for g in got] == [expected[:2] + (Decimal(expected[2]),) + expected[3:]]


@pytest.mark.parametrize("text", [
    "Smartphone shipments reached 28.3 million units in the quarter.",
    "And 5.6 million consumers have more than 5 Xiaomi devices.",
    "Can you talk about the recent tensions between the 2 countries?",
])
def test_figures_that_are_not_counts(gaz, text):
    assert counts(gaz, text) == []


@pytest.mark.parametrize("text,subject,value,period", [
    ("The Group launched 4 Mi Refrigerator in October, sustaining the cost-effective strategy.", "mi-refrigerator",
     4, "2019-10"),
    ("In March the company introduced 3 new Mi 10 Ultra variants.", "mi-10-ultra", 3, "2019-03"),
])
def test_models_launched(gaz, text, subject, value, period):
    assert counts(gaz, text) == [(subject, "number-of-models", Decimal(value), "models", None, period)]


def test_a_launch_count_needs_a_product_right_after_the_number(gaz):
    assert counts(gaz, "The Group launched 4 of them in October.") == []


@pytest.mark.parametrize("text,value,period", [
    ("In August, we made our second entry on the Fortune 500 list, ranked 422nd, up 46 places from last year.", 2,
     "2020"),
    ("This year the company made its fifth appearance on BrandZ's list of the most valuable Chinese brands.", 5,
     "2020"),
])
def test_ordinal_entries_on_a_list(gaz, text, value, period):
    got = [g for g in counts(gaz, text, period="2020-Q2", date="2020-08-19") if g[1] == "number-of-entries"]
    assert got == [("xiaomi", "number-of-entries", Decimal(value), "entries", None, period)]


def test_years_in_a_market_one_fact_per_figure(gaz):
    text = ("Regarding to the European market, actually, we have been in European market for, I think, almost 3 years, "
            "more than 2.5 years.")
    assert [g[1:5] for g in counts(gaz, text)] == [("years-in-market", Decimal("3"), "years", "europe"),
                                                  ("years-in-market", Decimal("2.5"), "years", "europe")]
    text = "The brand has been present in India for 7 years."
    assert [g[1:5] for g in counts(gaz, text)] == [("years-in-market", Decimal("7"), "years", "india")]


@pytest.mark.parametrize("text,period", [
    ("During the Singles' Day shopping festival in 2019, sales were strong. On that day, Xiaomi's smart hardware "
     "ranked 1st in terms of sales volume or sales in 219 categories on three major platforms.", "2019"),
    ("Our anniversary sale ran in July 2019. On the same day, we sold products in 41 categories.", "2019-07"),
])
def test_that_day_refers_back_to_the_period_before(gaz, text, period):
    got = counts(gaz, text)
    assert [g[5] for g in got] == [period]


@pytest.mark.parametrize("text,expected", [
    # launch news (dev d2): a product name the gazetteer does not know, "the phone" referring back
    ("The Mi 11 Ultra made its debut in China on March 29, where it is sold in three memory configurations. "
     "In India the phone comes in a single 12GB+256GB version.",
     [("mi-11-ultra", Decimal(3), "mainland-china"), ("mi-11-ultra", Decimal(1), "india")]),
    # product release (seed 001): colour variants of the product named before
    ("Mi CC9 Pro will be priced at RMB 2799. Three color variants Aurora Green, Glacier White and Midnight Black will "
     "be available in Mainland China.", [("mi-cc9-pro", Decimal(3), "mainland-china")]),
    # synthetic: other product, number and market
    ("The Redmi Note 13 Max arrives in Brazil in four colour options.", [("redmi-note-13-max", Decimal(4), "brazil")]),
])
def test_variants_and_colours_count_for_the_product(gaz, text, expected):
    got = [(g[0], g[2], g[4]) for g in counts(gaz, text, period=None, date="2021-04-23")
           if g[1] in ("number-of-variants", "number-of-colours")]
    assert got == expected


def test_a_company_named_in_the_clause_keeps_its_variant_count(gaz):
    text = "Mi CC9 Pro will be priced at RMB 2799. We offer 5 variants of our TV line in Spain."
    assert [g[0] for g in counts(gaz, text, period=None, date="2019-11-05")] == ["xiaomi"]


@pytest.mark.parametrize("text,expected", [
    # investor letter (dev d4) and MIDC release (seed 001)
    ("Since 2013 we have invested in 312 ecosystem companies, including 47 new investments in 2020, and 29 of them are "
     "now publicly listed.", [Decimal(312), Decimal(47), Decimal(29)]),
    ("The company has invested in over 270 ecosystem partners, among which more than 100 are focused on the "
     "development of smart hardware.", [Decimal(270), Decimal(100)]),
    # synthetic: other unit, numbers and wording
    ("We were granted 1,200 patents this year; of these, 350 are in 5G.", [Decimal(1200), Decimal(350)]),
])
def test_a_bare_number_counting_part_of_what_was_counted_before(gaz, text, expected):
    got = counts(gaz, text, period="2020", date="2021-03-30")
    assert [g[2] for g in got] == expected and len({g[3] for g in got}) == 1


def test_a_bare_number_without_a_count_before_is_no_count(gaz):
    assert counts(gaz, "Of these, 350 are in rural areas.", period="2020", date="2021-03-30") == []


@pytest.mark.parametrize("text,subject", [
    # shareholder letter (seed 001)
    ("Starting from 2019, we have set up the Xiaomi Annual Technology Award, which awards a bonus each year. Last "
     "year, the award was shared by 10 engineers from the Xiaomi MIX Alpha project.", "xiaomi-annual-technology-award"),
    # synthetic: other name, head noun and count
    ("We founded the Kestrel Research Foundation in 2015. Today the foundation has 45 employees.",
     "kestrel-research-foundation"),
])
def test_the_head_noun_refers_to_the_name_before(gaz, text, subject):
    assert [g[0] for g in counts(gaz, text, period="2019", date="2020-03-31")] == [subject]
