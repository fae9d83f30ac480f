"""Statement rules on sentences from different documents and synthetic variants (other numbers, names, order)."""
from decimal import Decimal

import pytest

from marketgraph.graph.extract.pipeline import extract_text
from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.paths import ProjectPaths

ENGINE = ["metrics", "shares", "rankings", "counts"]


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer(ProjectPaths.default().gazetteer)


def facts(gaz, text, issuer="xiaomi", period="2020-Q2", date="2020-08-19", kinds=None):
    out = extract_text(text, gaz, issuer=issuer, period=period, date=date, only=ENGINE).facts
    for f in out:
        assert text[f.evidence.start:f.evidence.end] == f.evidence.quote
    return [f for f in out if kinds is None or f.kind in kinds]


def rows(fs):
    return [(f.kind, f.subject.key, f.metric, f.value, f.unit, f.period.label if f.period else None) for f in fs]


# -- metric + change: the metric phrase to the left, a change attached to its figure ---------------------------
@pytest.mark.parametrize("text,metric,value,unit,change", [
    ("In the first half, our total revenue was RMB 103.2 billion, up 8% year-over-year.", "revenue",
     "103200000000", "CNY", "8"),
    ("Adjusted net profit rose 31.4% to RMB6.9billion.", "adjusted-net-profit", "6900000000", "CNY", "31.4"),
    ("Consolidated revenue for January-March climbed 18.2% year-on-year to 65.39 trillion won.", "revenue",
     "65390000000000", "KRW", "18.2"),
    ("Gross profit fell 3.5% to US$2.1 billion.", "gross-profit", "2100000000", "USD", "-3.5"),
])
def test_metric_and_change(gaz, text, metric, value, unit, change):
    fs = facts(gaz, text)
    m = [f for f in fs if f.kind == "metric"]
    c = [f for f in fs if f.kind == "change"]
    assert [(f.metric, f.value, f.unit) for f in m] == [(metric, Decimal(value), unit)]
    assert [(f.metric, f.value) for f in c] == [(metric, Decimal(change))]


def test_decrease_is_negative_and_baseline_is_last_year(gaz):
    text = "The semiconductor division's operating profit came to KRW 3.37 trillion, down 15.5% from KRW 3.99 trillion a year earlier."
    fs = facts(gaz, text, issuer="samsung", period="2021-Q1", date="2021-04-29")
    assert ("change", "operating-profit", Decimal("-15.5"), "2021-Q1") in [(f.kind, f.metric, f.value, f.period.label) for f in fs]
    base = [f for f in fs if f.value == Decimal("3990000000000")]
    assert base and base[0].period.label == "2020-Q1" and base[0].qualifier("comparison") == "baseline"
    assert all(f.subject.kind == "segment" for f in fs)


def test_basis_yoy_and_qoq(gaz):
    text = "In the fourth quarter alone, revenue was RMB38.1billion, up 12.3% quarter-on-quarter and 27.5% year-on-year."
    fs = facts(gaz, text, issuer="xiaomi", period="2020", date="2021-03-25", kinds={"change"})
    assert [(f.value, f.basis, f.period.label) for f in fs] == [(Decimal("12.3"), "QoQ", "2020-Q4"),
                                                                (Decimal("27.5"), "YoY", "2020-Q4")]


def test_percentage_points_change(gaz):
    fs = facts(gaz, "The operating margin widened by 2.6 percentage points from a year earlier to 14.3%.")
    assert [(f.kind, f.value, f.unit) for f in fs] == [("change", Decimal("2.6"), "pp"),
                                                       ("metric", Decimal("14.3"), "percent")]


@pytest.mark.parametrize("text", [
    "Revenue from overseas markets and from IoT and lifestyle products rose 52.1% and 16.1% respectively, to RMB39.8 billion and RMB18.1 billion.",
    "Revenue from IoT and lifestyle products and from overseas markets was RMB18.1 billion and RMB39.8 billion respectively, up 16.1% and 52.1%.",
])
def test_respectively_aligns_in_order(gaz, text):
    fs = facts(gaz, text)
    got = {(f.kind, f.subject.key, f.value) for f in fs}
    assert got == {("metric", "xiaomi-overseas-markets", Decimal("39800000000")),
                   ("metric", "xiaomi-iot-and-lifestyle-products", Decimal("18100000000")),
                   ("change", "xiaomi-overseas-markets", Decimal("52.1")),
                   ("change", "xiaomi-iot-and-lifestyle-products", Decimal("16.1"))}
    assert all(f.qualifier("construction") == "respectively" for f in fs)


def test_three_way_respectively(gaz):
    text = "Revenue from advertising, online gaming and other Internet value-added services grew by 23%, 55% and 27%, respectively."
    fs = facts(gaz, text)
    assert [(f.subject.key, f.value) for f in fs] == [("xiaomi-advertising", Decimal(23)), ("xiaomi-gaming", Decimal(55)),
                                                      ("xiaomi-other-value-added-services", Decimal(27))]


def test_transcript_corrections_give_one_figure(gaz):
    text = "Driven by premium phones, the ASP of our smartphones increased by 12%. The exact number is 11.8% year-over-year and 7.5% quarter-over-quarter."
    fs = facts(gaz, text, kinds={"change"})
    assert [(f.metric, f.value, f.basis) for f in fs] == [("average-selling-price", Decimal("11.8"), "YoY"),
                                                          ("average-selling-price", Decimal("7.5"), "QoQ")]
    fs = facts(gaz, "In the past quarter, gross margin of our smartphone was 17 -- 7.2%, which is lower.")
    assert [(f.metric, f.value) for f in fs] == [("gross-margin", Decimal("7.2"))]


def test_sic_value_keeps_spoken_qualifier(gaz):
    fs = facts(gaz, "In July, our global MIUI MAU increased by 23% to 243.5 million (sic) [ 343.5 million ] while Mainland China MAU of MIUI was 109.7 million.", kinds={"metric"})
    assert [(f.subject.key, f.value, f.period.label, f.qualifier("spoken_value")) for f in fs][0] == \
        ("miui", Decimal(343500000), "2020-07", "243.5 million")


def test_unit_noun_is_the_metric_and_platform_subject(gaz):
    fs = facts(gaz, "Its voice assistant Xiao Ai had 78.4 million monthly active users.")
    assert rows(fs) == [("metric", "xiao-ai", "monthly-active-users", Decimal(78400000), "users", "2020-Q2")]
    fs = facts(gaz, "The number of connected IoT devices grew to 289 million as of June 30, 2020.")
    assert rows(fs) == [("metric", "xiaomi-aiot-platform", "connected-devices", Decimal(289000000), "devices", "2020-06-30")]


def test_currency_conversion_in_parentheses(gaz):
    fs = facts(gaz, "Net profit grew about 46% to 7.14 trillion won ($6.43 billion).", issuer="samsung", period="2021-Q1")
    vals = [(f.kind, f.value, f.unit, f.hedge) for f in fs]
    assert ("metric", Decimal("6430000000"), "USD", None) in vals
    assert ("change", Decimal(46), "percent", "about") in vals


def test_hedges(gaz):
    for text, hedge in [("Smartphone revenue reached approximately RMB 30 billion.", "approximately"),
                        ("Smartphone revenue reached more than RMB 30 billion.", "more than"),
                        ("Smartphone revenue reached nearly RMB 30 billion.", "nearly")]:
        (f,) = facts(gaz, text)
        assert f.hedge == hedge


# -- market shares ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,holder,market,value", [
    ("Xiaomi was the world's third-biggest smartphone vendor in the period with a 13.5% share of global shipments, according to Canalys.", "xiaomi", "world", "13.5"),
    ("In Spain it ranked first, taking 34% of the market.", "xiaomi", "spain", "34"),
    ("In India, we were the market leader with a market share of 30.7% according to IDC.", "xiaomi", "india", "30.7"),
    ("Samsung held a 19.2% market share in Germany.", "samsung", "germany", "19.2"),
])
def test_market_share(gaz, text, holder, market, value):
    fs = facts(gaz, text, kinds={"market_share"})
    assert [(f.subject.key, f.market.key, f.value) for f in fs] == [(holder, market, Decimal(value))]


def test_competitor_share_in_the_same_sentence(gaz):
    fs = facts(gaz, "In Spain it ranked first, taking 34% of the market, ahead of Samsung on 26%.", kinds={"market_share"})
    assert [(f.subject.key, f.value) for f in fs] == [("xiaomi", Decimal(34)), ("samsung", Decimal(26))]


# -- rankings ---------------------------------------------------------------------------------------------------
def test_coordinated_rankings_split(gaz):
    fs = facts(gaz, "We became #1 smartphone in Poland, #2 in France and #4 Netherlands for the first time.", kinds={"ranking"})
    assert [(f.market.key, f.value, f.qualifier("first_time")) for f in fs] == [
        ("poland", Decimal(1), "true"), ("france", Decimal(2), "true"), ("netherlands", Decimal(4), "true")]
    fs = facts(gaz, "We are number one in Vietnam and Chile and number two in Italy.", kinds={"ranking"})
    assert [(f.market.key, f.value) for f in fs] == [("vietnam", 1), ("chile", 1), ("italy", 2)]


def test_rank_forms_and_bodies(gaz):
    fs = facts(gaz, "According to Canalys, Xiaomi ranked 4th globally in terms of smartphone shipments.", kinds={"ranking"})
    assert [(f.subject.key, f.value, f.market.key, f.source.key, f.metric) for f in fs] == [
        ("xiaomi", 4, "world", "canalys", "shipments")]
    fs = facts(gaz, "Xiaomi also ranked top five in terms of global TV shipment during the Period.", kinds={"ranking"})
    assert [(f.value, f.qualifier("rank_type"), f.market.key) for f in fs] == [(5, "top", "world")]
    fs = facts(gaz, "In August, Fortune placed Xiaomi 422nd in its Global 500, up 46 places.", kinds={"ranking", "change"})
    assert [(f.kind, f.value, f.period.label) for f in fs] == [("ranking", 422, "2020"), ("change", 46, "2020")]


def test_streaks_and_false_starts(gaz):
    fs = facts(gaz, "In India, our smartphone shipments maintained the #1 position for the 12th consecutive quarter.", kinds={"ranking"})
    assert [(f.value, f.market.key, f.qualifier("streak")) for f in fs] == [(1, "india", "12 quarters")]
    fs = facts(gaz, "In Spain, our smartphone market share ranked #1 for 2 quarters in a row.", kinds={"ranking"})
    assert [(f.value, f.qualifier("streak")) for f in fs] == [(1, "2 quarters")]
    fs = facts(gaz, "In Western Europe, our smartphone shipments ranked top 5 -- top 4.", kinds={"ranking"})
    assert [(f.value, f.market.key) for f in fs] == [(4, "western-europe")]


def test_ordinals_that_are_not_ranks(gaz):
    text = "In the first half, revenue rose. Number two, we will continue to invest. It was the first time we did so."
    assert facts(gaz, text, kinds={"ranking"}) == []
    text = "That is question #1. Number two is regarding the Indian market."
    assert facts(gaz, text, kinds={"ranking"}) == []


# -- counts and investments -----------------------------------------------------------------------------------
def test_top_n_in_n_markets_is_a_count(gaz):
    fs = facts(gaz, "According to Canalys, our smartphone market share ranked top 5 in 50 countries.", kinds={"count", "ranking"})
    assert [(f.kind, f.value, f.unit) for f in fs] == [("count", 50, "countries")]


def test_counts(gaz):
    fs = facts(gaz, "We have invested over 20 upstream supply chain companies.", kinds={"count"})
    assert [(f.value, f.unit, f.hedge) for f in fs] == [(20, "companies", "over")]
    fs = facts(gaz, "At year-end, 10,900 of our 23,400 employees worked in R&D.", kinds={"count"})
    assert [(f.value, f.unit) for f in fs] == [(10900, "employees"), (23400, "employees")]


def test_investments(gaz):
    fs = facts(gaz, "We will increase our investment to at least RMB 50 billion over the next five years in 5G+AIoT.",
               kinds={"investment"})
    assert [(f.value, f.unit, f.hedge, f.qualifier("status"), f.qualifier("horizon")) for f in fs] == [
        (50000000000, "CNY", "at least", "plan", "five years")]
    fs = facts(gaz, "This year we will launch the RMB10 billion Acme Smart Manufacturing Fund with partners.",
               kinds={"investment"})
    assert [(f.subject.kind, f.subject.label, f.value) for f in fs] == [("fund", "Acme Smart Manufacturing Fund", 10**10)]
    fs = facts(gaz, "Our R&D investment reached RMB7.5 billion.", kinds={"investment", "metric"})
    assert [(f.kind, f.metric) for f in fs] == [("metric", "rd-expenses")]


# -- tables flattened to lines ----------------------------------------------------------------------------------
@pytest.mark.parametrize("caption,unit,scale", [("(KRW trillion)", "KRW", 10**12), ("(RMB million)", "CNY", 10**6)])
def test_flattened_table(gaz, caption, unit, scale):
    text = (f"The Group's results by segment {caption}\nSegment Revenue Operating profit\n"
            "Widgets 19.01 3.37\nGadget Works 6.92 0.36\nTotal 25.93 3.73\nNote: figures are unaudited.\n")
    fs = extract_text(text, gaz, issuer="samsung", period="2021-Q1", date="2021-04-29", only=["tables"]).facts
    got = [(f.subject.label, f.metric, f.value, f.unit) for f in fs]
    assert got == [("Samsung Electronics Widgets division", "revenue", Decimal("19.01") * scale, unit),
                   ("Samsung Electronics Widgets division", "operating-profit", Decimal("3.37") * scale, unit),
                   ("Samsung Electronics Gadget Works division", "revenue", Decimal("6.92") * scale, unit),
                   ("Samsung Electronics Gadget Works division", "operating-profit", Decimal("0.36") * scale, unit),
                   ("Samsung Electronics", "revenue", Decimal("25.93") * scale, unit),
                   ("Samsung Electronics", "operating-profit", Decimal("3.73") * scale, unit)]
    assert all(f.period.label == "2021-Q1" for f in fs)


def test_lines_without_a_unit_caption_are_not_a_table(gaz):
    text = "Segment Revenue Operating profit\nWidgets 19.01 3.37\n"
    assert extract_text(text, gaz, issuer="samsung", period="2021-Q1", only=["tables"]).facts == []


def test_other_company_styles(gaz):
    fs = facts(gaz, "Net income totaled US$310.5 million, or US$0.42 per diluted share.", period="2021-Q2")
    assert [(f.metric, f.value, f.unit, f.market) for f in fs] == [("net-profit", Decimal("310500000"), "USD", None),
                                                                   ("eps", Decimal("0.42"), "USD", None)]
    fs = facts(gaz, "Gross margin expanded 120 basis points to 38.4%.", period="2021-Q2")
    assert [(f.kind, f.value, f.unit) for f in fs] == [("change", Decimal("1.2"), "pp"), ("metric", Decimal("38.4"), "percent")]
    fs = facts(gaz, "Q4 revenue of $3.1B beat estimates, while operating income fell 8% YoY to $410M.", period="2021-Q2")
    assert [(f.kind, f.metric, f.value, f.period.label) for f in fs] == [
        ("metric", "revenue", Decimal("3100000000"), "2021-Q4"), ("change", "operating-profit", Decimal(-8), "2021-Q4"),
        ("metric", "operating-profit", Decimal("410000000"), "2021-Q4")]
    fs = facts(gaz, "Revenue for the three months ended June 30, 2021 was $1.2 billion, compared to $980 million in the prior-year period.",
               period="2021-Q2")
    assert [(f.value, f.period.label) for f in fs] == [(Decimal("1200000000"), "2021-Q2"), (Decimal("980000000"), "2020-Q2")]


def test_shares_listed_respectively_and_their_baselines(gaz):
    fs = facts(gaz, "Oppo, Vivo and Xiaomi held 18%, 17% and 13% of the market, respectively.", kinds={"market_share"})
    assert [(f.subject.key, f.value) for f in fs] == [("oppo", 18), ("vivo", 17), ("xiaomi", 13)]
    fs = facts(gaz, "Huawei's share of the smartphone market in India slipped to 12.5% in the fourth quarter from 14.2% a year earlier.",
               kinds={"market_share"}, period="2021-Q3")
    assert [(f.subject.key, f.value, f.period.label, f.market.key) for f in fs] == [
        ("huawei", Decimal("12.5"), "2021-Q4", "india"), ("huawei", Decimal("14.2"), "2020-Q4", "india")]


def test_periods_named_by_months_ended_and_same_period(gaz):
    fs = facts(gaz, "Total revenue in the nine months ended September 30, 2021 amounted to RMB 235.4 billion.", period="2021-Q3")
    assert [f.period.label for f in fs] == ["2021-9M"]
    fs = facts(gaz, "Gross profit margin decreased to 17.0% from 22.3% in the same period of 2020.", period="2021-Q3")
    assert [(f.value, f.period.label) for f in fs] == [(Decimal("17.0"), "2021-Q3"), (Decimal("22.3"), "2020-Q3")]
    fs = facts(gaz, "Revenue reached a record RMB 88.9 billion in Q4, up 30.1% year-over-year and 14.7% quarter-over-quarter.",
               period="2021-Q3", kinds={"change"})
    assert [(f.value, f.basis, f.period.label) for f in fs] == [(Decimal("30.1"), "YoY", "2021-Q4"),
                                                                (Decimal("14.7"), "QoQ", "2021-Q4")]


def test_segment_named_in_a_table_is_found_in_prose(gaz):
    text = ("Gadget works profit more than doubled to KRW 1.12 trillion from KRW 0.45 trillion.\n\n"
            "Results by segment (KRW trillion)\nSegment Revenue Operating profit\nGadget Works 12.99 1.12\nTotal 20.00 2.00\n")
    fs = extract_text(text, gaz, issuer="samsung", period="2021-Q1", date="2021-04-29", only=["metrics"]).facts
    assert {(f.kind, f.subject.label, f.value, f.unit) for f in fs} == {
        ("metric", "Samsung Electronics Gadget Works division", Decimal("1120000000000"), "KRW"),
        ("metric", "Samsung Electronics Gadget Works division", Decimal("450000000000"), "KRW"),
        ("change", "Samsung Electronics Gadget Works division", Decimal(100), "percent")}


def test_fiscal_quarter_notation(gaz):
    fs = facts(gaz, "Revenue in Q3 FY2021 grew 22% year-on-year to a record US$17.2 billion.", period="2021-Q1")
    assert [(f.kind, f.period.label) for f in fs] == [("change", "2021-Q3"), ("metric", "2021-Q3")]


def test_period_in_a_leading_subordinate_clause_is_not_the_statements(gaz):
    text = ("As Western Europe is the key overseas market for the Group in 2019, Xiaomi's smartphones ranked 4th in "
            "terms of smartphone shipments in the Western European market with a YoY shipments growth of 90.9%.")
    fs = facts(gaz, text, period="2019-Q3", date="2019-11-27", kinds={"ranking", "change"})
    assert sorted((f.kind, f.value, f.period.label, f.market.key) for f in fs) == [
        ("change", Decimal("90.9"), "2019-Q3", "western-europe"), ("ranking", 4, "2019-Q3", "western-europe")]


def test_rankings_in_news_styles(gaz):
    fs = facts(gaz, "According to Counterpoint Research, Xiaomi's global smartphone market share reached 17% in June, "
                    "overtaking Apple to become the No. 2 brand for the first time.", kinds={"ranking"}, period="2021-Q2")
    assert [(f.subject.key, f.value, f.market.key, f.source.key) for f in fs] == [("xiaomi", 2, "world", "counterpoint")]
    fs = facts(gaz, "The brand has been the No. 1 smartphone vendor in India for 15 consecutive quarters, according to IDC.",
               kinds={"ranking"}, period="2021-Q2")
    assert [(f.subject.key, f.value, f.market.key, f.qualifier("streak")) for f in fs] == [("xiaomi", 1, "india", "15 quarters")]
    fs = facts(gaz, "Xiaomi was named to Fortune's Global 500 for the third year in a row, ranking 338th, up 84 places from last year.",
               kinds={"ranking", "change"}, period="2021-Q2")
    assert [(f.kind, f.value, f.market, f.period.label) for f in fs] == [("ranking", 338, None, "2021"),
                                                                         ("change", 84, None, "2021")]
    assert facts(gaz, "Both were the highest figures the company has reported for any quarter.", kinds={"ranking"}) == []


def test_shares_of_shipments_and_rivals(gaz):
    fs = facts(gaz, "Samsung remained the top vendor with 19% of shipments, followed by Xiaomi at 17% and Apple at 14%.",
               kinds={"market_share"})
    assert [(f.subject.key, f.value) for f in fs] == [("samsung", 19), ("xiaomi", 17), ("apple", 14)]
    fs = facts(gaz, "Vivo's share rose 3 percentage points to 21%.", kinds={"market_share", "change"})
    assert [(f.kind, f.subject.key, f.value, f.unit) for f in fs] == [("change", "vivo", 3, "pp"),
                                                                      ("market_share", "vivo", 21, "percent")]


def test_that_phone_refers_to_the_product_named_before(gaz):
    prod = next(e for e in gaz.entities.values() if e.kind == "product")
    text = f"We launched the {prod.label} in June. The ASP of that phone is only RMB 499."
    fs = facts(gaz, text, kinds={"metric"})
    assert [(f.subject.key, f.metric, f.value) for f in fs] == [(prod.key, "average-selling-price", 499)]


def test_changes_by_multiples(gaz):
    fs = facts(gaz, "Overseas revenue grew 2.5 times year-on-year to RMB 10 billion.")
    assert [(f.kind, f.subject.key, f.value, f.unit, f.qualifier("multiple")) for f in fs] == [
        ("change", "xiaomi-overseas-markets", Decimal("150"), "percent", "2.5"),
        ("metric", "xiaomi-overseas-markets", Decimal("10000000000"), "CNY", None)]
    assert facts(gaz, "The camera has 8x zoom.") == []


def test_same_metric_in_the_next_sentence_keeps_the_topic(gaz):
    text = ("Product profitability improved, with the gross profit margin of smartphones segment reaching 9.0% in the third quarter. "
            "The gross profit margins in the first quarter and the second quarter were 3.3% and 8.1% respectively.")
    fs = facts(gaz, text, period="2019-Q3", date="2019-11-27")
    assert [(f.subject.key, f.value, f.period.label) for f in fs] == [
        ("xiaomi-smartphones", Decimal("9.0"), "2019-Q3"), ("xiaomi-smartphones", Decimal("3.3"), "2019-Q1"),
        ("xiaomi-smartphones", Decimal("8.1"), "2019-Q2")]


def test_unknown_issuer_from_a_legal_name_and_its_segments(gaz):
    text = ("SHENZHEN, China, November 18, 2021 -- Orion Mobile Holdings Ltd. (\"Orion\" or the \"Company\") today "
            "announced its results.\nSmartphone shipments reached 18.2 million units, up 31% from the same period last year.\n"
            "According to Canalys, Orion ranked fifth globally by smartphone shipments with a market share of 5.4%.\n"
            "As of September 30, 2021, the Company had cash and cash equivalents of RMB 30.2 billion.")
    fs = extract_text(text, gaz, period="2021-Q3", date="2021-11-18", only=ENGINE).facts
    got = {(f.kind, f.subject.key, f.metric, f.period.label) for f in fs}
    assert ("metric", "orion-mobile-smartphones", "shipments", "2021-Q3") in got
    assert ("ranking", "orion-mobile", "shipments", "2021-Q3") in got
    assert ("market_share", "orion-mobile", "market-share", "2021-Q3") in got
    assert ("metric", "orion-mobile", "cash-resources", "2021-09-30") in got
    assert not any(f.subject.key.startswith("xiaomi") for f in fs)


@pytest.mark.parametrize("text,basis", [("On a sequential basis, revenue grew 5% to $2.1 billion.", "QoQ"),
                                        ("Year-over-year, shipments declined 4%.", "YoY"),
                                        ("Revenue came in at $2.1 billion, which is up 15% versus last year.", "YoY")])
def test_basis_named_before_the_change(gaz, text, basis):
    assert [f.basis for f in facts(gaz, text, kinds={"change"})] == [basis]


def test_respectively_over_metrics(gaz):
    fs = facts(gaz, "Revenue and adjusted net profit were RMB 10.2 billion and RMB 1.1 billion, respectively.")
    assert [(f.metric, f.value, f.basis) for f in fs] == [("revenue", Decimal("10200000000"), None),
                                                          ("adjusted-net-profit", Decimal("1100000000"), "non-IFRS adjusted")]


def test_facilities_and_the_plant(gaz):
    text = ("On 9 July, our Suzhou smart factory began volume production. The plant represents a total investment of "
            "RMB1.2billion and can produce nearly 10 million flagship phones a year.")
    fs = facts(gaz, text, period="2020", date="2021-03-25")
    assert {(f.kind, f.subject.key, f.subject.label) for f in fs} == {
        ("investment", "xiaomi-suzhou-smart-factory", "Xiaomi Corporation Suzhou smart factory"),
        ("metric", "xiaomi-suzhou-smart-factory", "Xiaomi Corporation Suzhou smart factory")}


def test_it_continues_the_product_of_the_sentences_before(gaz):
    prod = next(e for e in gaz.entities.values() if e.kind == "product")
    text = (f"The {prod.label} has a new camera. It comes with an 8P lens. "
            "It also surged to the top of DxOMark camera rankings with an overall score of 121.")
    fs = facts(gaz, text, kinds={"ranking"})
    assert [(f.subject.key, f.value, f.source.key) for f in fs] == [(prod.key, 1, "dxomark")]


def test_fund_without_currency_and_it_referring_to_the_fund(gaz):
    text = ("Xiaomi and a partner have established a 12 billion fund. It mainly invests in upstream technology. "
            "Currently, it has invested in nearly 80 companies.")
    fs = facts(gaz, text, kinds={"investment", "count"})
    assert [(f.kind, f.subject.kind, f.value, f.unit, f.hedge) for f in fs] == [
        ("investment", "fund", 12 * 10**9, None, None), ("count", "fund", 80, "companies", "nearly")]
    assert fs[0].subject == fs[1].subject


@pytest.mark.parametrize("text,kind,expected", [
    ("Xiaomi ranked first and third in India and Indonesia, respectively.", "ranking", [(1, "india"), (3, "indonesia")]),
    ("In India and Spain, Xiaomi's market shares were 26.1% and 34%, respectively.", "market_share",
     [(Decimal("26.1"), "india"), (34, "spain")]),
    ("Shipments in Europe and Latin America grew 88% and 120% respectively.", "change",
     [(88, "europe"), (120, "latin-america")]),
])
def test_respectively_over_markets(gaz, text, kind, expected):
    assert [(f.value, f.market.key) for f in facts(gaz, text, kinds={kind})] == expected


def test_prior_year_in_parentheses_and_change_leading_to_a_dated_value(gaz):
    fs = facts(gaz, "Revenue: RMB 10 billion (2019: RMB 8 billion)", period="2020", date="2021-03-24")
    assert [(f.value, f.period.label) for f in fs] == [(10**10, "2020"), (8 * 10**9, "2019")]
    fs = facts(gaz, "The number of MIUI monthly active users grew by 28.0% year-on-year to 396.5 million in December 2020.",
               period="2020", date="2021-03-24")
    assert [(f.kind, f.period.label) for f in fs] == [("change", "2020-12"), ("metric", "2020-12")]


def test_rivals_named_before_their_own_figures(gaz):
    fs = facts(gaz, "Samsung shipped 60.1 million units, followed by Xiaomi with 53.2 million and Apple with 41.7 million.")
    assert [(f.subject.key, f.value) for f in fs] == [("samsung", 60100000), ("xiaomi", 53200000), ("apple", 41700000)]
    assert [f.evidence.quote for f in fs][1:] == ["Xiaomi with 53.2 million", "Apple with 41.7 million"]
