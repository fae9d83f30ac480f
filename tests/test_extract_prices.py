"""Price facts: cues, respectively lists, variant and size alignment, markets, hedges, rejections.

Each shape is tested on a corpus sentence and on synthetic variants (other products, currencies, numbers).
"""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marketgraph.graph.extract.pipeline import extract_document
from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.records import Document

PATHS = ProjectPaths.default()


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer(PATHS.gazetteer)


def prices(text, gazetteer, date="2021-04-23"):
    doc = Document("t-doc", "adhoc/t.txt", 0, len(text), "t", "product_release", date=date,
                   issuer=gazetteer.ref("xiaomi"))
    facts = [f for f in extract_document(doc, text, gazetteer, only=["products", "prices"]).facts]
    for f in facts:
        assert text[f.evidence.start:f.evidence.end] == f.evidence.quote
    return [(f.subject.label, f.value, f.unit, f.qualifier("variant"), f.market.key if f.market else None,
             f.hedge) for f in facts]


@pytest.mark.parametrize("text, expected", [
    ("Mi CC9 Pro and Mi CC9 Pro Premium Edition will be priced at RMB 2799 and RMB 3499 respectively.",
     [("Mi CC9 Pro", Decimal(2799), "CNY", None, "mainland-china", None),
      ("Mi CC9 Pro Premium Edition", Decimal(3499), "CNY", None, "mainland-china", None)]),
    ("Galaxy S31 and Galaxy S31 Ultra will retail at $899 and $1,299 respectively in Europe.",
     [("Galaxy S31", Decimal(899), "USD", None, "europe", None),
      ("Galaxy S31 Ultra", Decimal(1299), "USD", None, "europe", None)]),
])
def test_respectively_products(gazetteer, text, expected):
    assert prices(text, gazetteer) == expected


@pytest.mark.parametrize("text, expected", [
    ("The Mi 11 Ultra made its debut in China on March 29, where it is sold in three memory configurations – "
     "8GB+256GB, 12GB+256GB and 12GB+512GB – at CNY 5,999, CNY 6,499 and CNY 6,999 respectively.",
     [("Mi 11 Ultra", Decimal(5999), "CNY", "8GB+256GB", "mainland-china", None),
      ("Mi 11 Ultra", Decimal(6499), "CNY", "12GB+256GB", "mainland-china", None),
      ("Mi 11 Ultra", Decimal(6999), "CNY", "12GB+512GB", "mainland-china", None)]),
    ("The Mi 11X Pro costs ₹39,999 and ₹41,999 for the 8GB+128GB and 8GB+256GB models respectively.",
     [("Mi 11X Pro", Decimal(39999), "INR", "8GB+128GB", "india", None),
      ("Mi 11X Pro", Decimal(41999), "INR", "8GB+256GB", "india", None)]),
    ("The Redmi 55Z is priced at ₹12,499 (4GB+64GB) and ₹13,999 (6GB+128GB).",
     [("Redmi 55Z", Decimal(12499), "INR", "4GB+64GB", "india", None),
      ("Redmi 55Z", Decimal(13999), "INR", "6GB+128GB", "india", None)]),
])
def test_variants(gazetteer, text, expected):
    assert prices(text, gazetteer) == expected


def test_screen_sizes_and_two_lists_cut_at_while(gazetteer):
    text = ("Mi TV 5 Pro 55’’, 65’’ and 75’’ variants will be priced at RMB 3699, RMB 4999, and RMB 9999 while "
            "Mi TV 5 55’’, 65’’, 75’’ priced at RMB 2999, RMB 3999, and RMB 7999 respectively.")
    got = [(s, v, var) for s, v, _, var, _, _ in prices(text, gazetteer)]
    assert got == [("Mi TV 5 Pro", Decimal(3699), "55-inch"), ("Mi TV 5 Pro", Decimal(4999), "65-inch"),
                   ("Mi TV 5 Pro", Decimal(9999), "75-inch"), ("Mi TV 5", Decimal(2999), "55-inch"),
                   ("Mi TV 5", Decimal(3999), "65-inch"), ("Mi TV 5", Decimal(7999), "75-inch")]


def test_same_configuration_conversion_and_restatement(gazetteer):
    text = ("In India the Mi 11 Ultra comes in a single 12GB+256GB version priced at ₹69,999. The same "
            "configuration costs RMB 6,499 in China, or roughly ₹74,400 at current exchange rates. "
            "In Europe the 12GB+256GB model sells for EUR 1,199.")
    got = prices(text, gazetteer)
    assert got == [("Mi 11 Ultra", Decimal(69999), "INR", "12GB+256GB", "india", None),
                   ("Mi 11 Ultra", Decimal(6499), "CNY", "12GB+256GB", "mainland-china", None),
                   ("Mi 11 Ultra", Decimal(74400), "INR", "12GB+256GB", "mainland-china", "approximately"),
                   ("Mi 11 Ultra", Decimal(1199), "EUR", "12GB+256GB", "europe", None)]


def test_period_is_the_document_year_or_month_for_current_rates(gazetteer):
    text = "The Mi 11 Ultra costs RMB 6,499 in China, or roughly ₹74,400 at current exchange rates."
    doc = Document("t", "adhoc/t.txt", 0, len(text), "t", "product_release", date="2021-04-23",
                   issuer=gazetteer.ref("xiaomi"))
    facts = extract_document(doc, text, gazetteer, only=["products", "prices"]).facts
    assert {f.period.label for f in facts} == {"2021-04"}
    text2 = "Mi Watch will be available at RMB 1999 for the Black and Silver color variants."
    doc2 = Document("t", "adhoc/t.txt", 0, len(text2), "t", "product_release", date="2019-11-05",
                    issuer=gazetteer.ref("xiaomi"))
    assert [f.period.label for f in extract_document(doc2, text2, gazetteer, only=["prices"]).facts] == ["2019"]


@pytest.mark.parametrize("text, expected", [
    ("we also introduced entry-level smartphones, including Redmi 9A series with pricing starting from RMB 499.",
     [("Redmi 9A series", Decimal(499), "CNY", None, "mainland-china", "starting from")]),
    ("The company sold 8 million premium phones – models retailing at RMB3,000 or more in mainland China, or "
     "at EUR300 or more abroad.",
     [("Xiaomi Corporation premium phones", Decimal(3000), "CNY", None, "mainland-china", "or more"),
      ("Xiaomi Corporation premium phones", Decimal(300), "EUR", None, "overseas", "or more")]),
    ("Samsung brought the Galaxy S21 series to market and set the base model at $799, $200 below its predecessor.",
     [("Galaxy S21 series", Decimal(799), "USD", "base model", None, None)]),
    ("Samsung set the base model of the Galaxy S21 series at $799, $200 below the launch price of its predecessor.",
     [("Galaxy S21 series", Decimal(799), "USD", "base model", None, None)]),
    ("The Redmi 90 sells for EUR 249, EUR 30 more than the price of the Redmi 89.",
     [("Redmi 90", Decimal(249), "EUR", None, None, None)]),
])
def test_hedges_classes_and_differences(gazetteer, text, expected):
    assert prices(text, gazetteer) == expected


def test_discounts_go_to_the_product_after_them(gazetteer):
    text = ("Customers paying with HDFC Bank cards will receive an instant discount of ₹5,000 on the Mi 11 Ultra "
            "and ₹2,500 on the Mi 11X series.")
    assert [(s, v) for s, v, *_ in prices(text, gazetteer)] == [("Mi 11 Ultra", Decimal(5000)),
                                                               ("Mi 11X series", Decimal(2500))]


@pytest.mark.parametrize("text", [
    "The ASP of that phone is only RMB 499.",
    "Smartphone revenue jumped 47.5% to RMB47.6 billion.",
    "Mi 10 was the best seller in the price range of RMB 3,500 to RMB 4,500.",
    "The award pays a US$1 million bonus to the Mi MIX Alpha team.",
])
def test_money_that_is_not_a_price(gazetteer, text):
    assert prices(text, gazetteer) == []


CURRENCIES = [("RMB ", "CNY"), ("CNY ", "CNY"), ("₹", "INR"), ("EUR ", "EUR"), ("$", "USD"), ("US$", "USD")]


@settings(max_examples=50, deadline=None)
@given(amounts=st.lists(st.integers(99, 99999), min_size=2, max_size=4, unique=True),
       cur=st.sampled_from(CURRENCIES), cue=st.sampled_from(["will be priced at", "costs", "retails at", "sells for"]),
       order=st.booleans())
def test_generated_variant_price_lists(gazetteer, amounts, cur, cue, order):
    variants = [f"{2 * (i + 2)}GB+{128 * (i + 1)}GB" for i in range(len(amounts))]
    money = [f"{cur[0]}{a:,}" for a in amounts]
    join = lambda xs: ", ".join(xs[:-1]) + " and " + xs[-1]  # noqa: E731
    if order:
        text = f"The Redmi 88T {cue} {join(money)} for the {join(variants)} models respectively."
    else:
        text = f"The Redmi 88T comes in {join(variants)} configurations – at {join(money)} respectively."
    got = prices(text, gazetteer)
    assert [(v, u, var) for _, v, u, var, _, _ in got] == [(Decimal(a), cur[1], var)
                                                         for a, var in zip(amounts, variants)]


def test_converted_price_in_parentheses_takes_its_currency_country(gazetteer):
    # an availability date before the price, a converted price in parentheses, markets listed after them
    text = ("The Redmi Note 41 with 8GB+256GB will be available from March 15 at €649 (£569) in Germany, France "
            "and the United Kingdom. A 12GB+512GB version costs €749 (£659).")
    got = prices(text, gazetteer, date="2023-03-08")
    assert [(v, u, var, m) for _, v, u, var, m, _ in got] == [
        (Decimal(649), "EUR", "8GB+256GB", "germany"), (Decimal(569), "GBP", "8GB+256GB", "united-kingdom"),
        (Decimal(749), "EUR", "12GB+512GB", None), (Decimal(659), "GBP", "12GB+512GB", "united-kingdom")]
    # a conversion of a price stated for another market keeps that market (the dev document's wording)
    text2 = ("Sold in India from May, the 12GB+256GB Mi 11 Ultra costs RMB 6,499 in China, or roughly ₹74,400 at "
             "current exchange rates.")
    got2 = prices(text2, gazetteer)
    assert ("Mi 11 Ultra", Decimal(74400), "INR", "12GB+256GB", "mainland-china", "approximately") in got2


def _release(text, gazetteer, date="2025-02-11"):
    from marketgraph.graph.records import EntityRef
    issuer = EntityRef("tovik", "organisation", "Tovik Audio AB", ("Company",))
    doc = Document("t-doc", "adhoc/t.txt", 0, len(text), "t", "product_release", date=date, issuer=issuer)
    facts = [f for f in extract_document(doc, text, gazetteer).facts if f.kind == "price"]
    return [(f.subject.label, f.value, f.unit, f.market.key if f.market else None) for f in facts]


def test_label_lines_name_the_product_or_the_market_of_their_prices(gazetteer):
    text = ("Tovik Audio AB today unveiled the Vinter 3 Pro headphones.\n\nPricing\n"
            "UK: £199, available from 3 March\nAustralia: A$349\n")
    assert _release(text, gazetteer) == [("Tovik Vinter 3 Pro", Decimal(199), "GBP", "united-kingdom"),
                                         ("Tovik Vinter 3 Pro", Decimal(349), "AUD", "australia")]
    text = "Tovik Audio AB today unveiled two speakers, the Hav 2 and the Hav 2 Max.\n\nHav 2: €149 / £129\n"
    assert _release(text, gazetteer) == [("Tovik Hav 2", Decimal(149), "EUR", None),
                                         ("Tovik Hav 2", Decimal(129), "GBP", "united-kingdom")]


@pytest.mark.parametrize("text", [
    "Revenue: $2.1 million, up 4%.",                                # no product or market in the label
    "Tovik: EUR 18 million of savings are planned.",                # a company, and a scaled amount
])
def test_label_lines_without_a_product_or_market_give_no_price(gazetteer, text):
    assert _release(text, gazetteer) == []


def test_a_shared_currency_sign_is_the_currency_of_the_document_market(gazetteer):
    text = ("Tovik Audio AB today unveiled the Vinter 3 Pro headphones for Japan. In Japan the Vinter 3 Pro costs "
            "¥39,800.")
    assert [(v, u, m) for _, v, u, m in _release(text, gazetteer)] == [(Decimal(39800), "JPY", "japan")]
    text = "Tovik Audio AB today unveiled the Vinter 3 Pro headphones for China. In China it costs ¥1,299."
    assert [(v, u) for _, v, u, _ in _release(text, gazetteer)] == [(Decimal(1299), "CNY")]


@pytest.mark.parametrize("text, expected", [
    ("The Vinter 3 Pro went on sale in June at $129.", [("Vinter 3 Pro", Decimal(129), "USD", None)]),
    ("The Hav 2 Max sits at €249, while the Hav 2 is still €179.",
     [("Hav 2 Max", Decimal(249), "EUR", None), ("Hav 2", Decimal(179), "EUR", None)]),
    ("The Vinter 3 Pro costs CNY 1,999, or roughly $280 at current exchange rates, in China.",
     [("Vinter 3 Pro", Decimal(1999), "CNY", "mainland-china"), ("Vinter 3 Pro", Decimal(280), "USD", "mainland-china")]),
])
def test_more_price_cues_and_conversions_keep_the_market(gazetteer, text, expected):
    got = [(s.replace("Tovik ", ""), v, u, m) for s, v, u, m in _release(text, gazetteer)]
    assert got == expected


@pytest.mark.parametrize("text", [
    "The average selling price of our headphones was €129, 9% lower than a year ago.",
    "Our cost programme should save EUR 18 million a year from 2025.",
    "Buyers want phones that cost less than US$150.",
])
def test_averages_savings_and_bounds_are_no_prices(gazetteer, text):
    assert _release(text, gazetteer) == []


def test_a_product_named_as_a_comparison_keeps_the_price_of_its_own_clause(gazetteer):
    text = ("Tovik Audio AB today unveiled the Vinter 3 Pro headphones. That makes the Vinter 3 Pro £30 cheaper than "
            "last year's equivalent, the Vinter 2 Pro, which launched at £229.")
    got = _release(text, gazetteer)
    assert ("Vinter 2 Pro", Decimal(229)) in [(s.replace("Tovik ", ""), v) for s, v, _, _ in got]


def test_a_price_list_continues_after_a_list_of_markets(gazetteer):
    # "costs A in X and Y and B in Z": the second amount continues the price cue across the list of markets
    got = _release("Tovik today launched the Tovik Solva headphones. The Tovik Solva costs €219 in Spain and "
                   "Portugal and £189 in the UK.\n", gazetteer)
    assert ("Tovik Solva", Decimal(219), "EUR", "spain") in got, got
    assert ("Tovik Solva", Decimal(189), "GBP", "united-kingdom") in got, got


def test_an_amount_after_a_list_of_markets_and_another_verb_is_no_price(gazetteer):
    got = _release("Tovik today launched the Tovik Solva headphones. The Tovik Solva costs €219 in Spain and "
                   "Portugal and returns £189 to each reseller.\n", gazetteer)
    assert ("Tovik Solva", Decimal(219), "EUR", "spain") in got, got
    assert not any(v == Decimal(189) for _, v, _, _ in got), got
