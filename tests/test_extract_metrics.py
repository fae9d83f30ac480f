"""Metric rules: a percent of a baseline level, markets left out by "excluding", example sentences keeping the
period of the sentence before. Corpus sentences and synthetic variants (other names, numbers, order)."""
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


@pytest.mark.parametrize("text,metric,value,period,market,baseline", [
    # transcript (seed 000)
    ("In July, the average number of smartphone activations in India returned to 72% of the pre pandemic level in "
     "January.", "activations", "72", "2020-07", "india", "the pre pandemic level in January"),
    # shareholder letter (seed 001)
    ("To date, our supply capacity has recovered to 90% of normal levels and we are seeing light in China.",
     "supply-capacity", "90", "2020-Q2", None, "normal levels"),
    # synthetic: other market, month, number and word order
    ("In June, device activations in Brazil were back at 85.5% compared to the usual level of March.",
     "activations", "85.5", "2020-06", "brazil", "the usual level of March"),
    ("Device activations in Germany stood at 64% of February.", "activations", "64", "2020-Q2", "germany",
     "February"),
])
def test_percent_of_a_baseline_level(gaz, text, metric, value, period, market, baseline):
    fs = facts(gaz, text)
    assert [(f.kind, f.metric, f.value, f.unit, f.period.label, f.market.key if f.market else None,
             f.qualifier("relative_to")) for f in fs] == \
        [("metric", metric, Decimal(value), "percent", period, market, baseline)]


def test_a_baseline_level_is_neither_a_change_nor_a_share(gaz):
    text = "Activations rose 12% year-over-year and reached 95% of the pre-crisis level."
    fs = facts(gaz, text)
    assert sorted((f.kind, f.value, f.qualifier("relative_to")) for f in fs) == \
        [("change", Decimal("12"), None), ("metric", Decimal("95"), "the pre-crisis level")]


@pytest.mark.parametrize("text", [
    "In July, excluding India, the average daily number of overseas smartphone activations has reached to 120% of "
    "the average pre pandemic level in January.",
    "Excluding the United States, activations reached 110% of the normal level.",
])
def test_an_excluded_market_is_not_the_figures_market(gaz, text):
    fs = facts(gaz, text)
    assert len(fs) == 1 and fs[0].market is None


@pytest.mark.parametrize("text,period", [
    ("He said that in the third quarter of this year, Xiaomi ranked third in the European market. For example, it is "
     "the first in the Spanish market, reaching a market share of more than 30%.", "2020-Q3"),
    ("In the first half of 2021 the brand grew fast in Latin America. For instance, in Mexico it reached a market "
     "share of 18.5%.", "2021-H1"),
])
def test_an_example_sentence_keeps_the_period_of_the_sentence_before(gaz, text, period):
    shares = facts(gaz, text, period=None, date="2020-12-01", kinds={"market_share"})
    assert [(f.value, f.period.label if f.period else None) for f in shares] == [(shares[0].value, period)]


def test_an_example_after_a_sentence_with_two_periods_takes_neither(gaz):
    text = ("Xiaomi ranked third in Europe in the third quarter of 2020, after fourth in the second quarter of 2020. "
            "For example, it has a market share of 20% in Spain.")
    shares = facts(gaz, text, period=None, date="2020-12-01", kinds={"market_share"})
    assert [f.period for f in shares] == [None]


@pytest.mark.parametrize("text,value,change", [
    # results release (seed 001)
    ("MAU of smart TV and Mi Box increased by 50.1% YoY to 23.90 million, with more than 3.2 million paid "
     "subscribers representing a YoY growth of 68.8%.", "3200000", "68.8"),
    # synthetic: other platform, numbers and order
    ("The video service had 1.45 million paying subscribers at the end of June, up 12% year-over-year.", "1450000",
     "12"),
])
def test_a_noun_after_the_figure_names_its_metric(gaz, text, value, change):
    fs = facts(gaz, text, period="2019-Q3", date="2019-11-27")
    subs = [(f.kind, f.value) for f in fs if f.metric == "paid-subscribers"]
    assert subs == [("metric", Decimal(value)), ("change", Decimal(change))]


@pytest.mark.parametrize("text,subject,value", [
    ("The monthly active users of smart speakers exceed 78 million.", "xiaomi-smart-speakers", "78000000"),
    ("MAU of our smart speakers reached 61.5 million, and MAU of smart TV and Mi Box reached 30 million.",
     "xiaomi-smart-speakers", "61500000"),
])
def test_users_of_a_product_category(gaz, text, subject, value):
    fs = facts(gaz, text, kinds={"metric"})
    assert (subject, Decimal(value)) == (fs[0].subject.key, fs[0].value)


@pytest.mark.parametrize("text,value", [
    ("And 5.6 million consumers have more than 5 Xiaomi devices.", "5600000"),       # news (seed 002)
    ("And 5.1 million consumers have more than 6 Xiaomi devices.", "5100000"),       # other figures
    ("We now count 880,000 users with more than 10 of our devices.", "880000"),      # other wording
])
def test_users_owning_several_devices_whatever_the_bound(gaz, text, value):
    fs = facts(gaz, text, kinds={"metric", "count"})
    assert [(f.kind, f.metric, f.value) for f in fs] == [("metric", "users-with-multiple-devices", Decimal(value))]


def test_a_market_right_after_a_share_is_its_market(gaz):
    text = ("According to Canalys, Orvanta ranked #3 in Indonesia and #5 in Thailand by smartphone shipments in the "
            "third quarter, with a market share of 14.8% in Indonesia.")
    shares = facts(gaz, text, kinds={"market_share"})
    assert [(f.value, f.market.key) for f in shares] == [(Decimal("14.8"), "indonesia")]
    text = "In Vietnam and Chile we grew fast, reaching a share of 9.5% in Chile."
    assert [f.market.key for f in facts(gaz, text, kinds={"market_share"})] == ["chile"]


@pytest.mark.parametrize("text,subject,metric,value,period", [
    # unseen call transcript: a CamelCase service after "of our", net cash, "For the full year"
    ("Monthly active users of our HalvoCloud service grew to 27.5 million.", "xiaomi-halvocloud",
     "monthly-active-users", "27500000", "2023-Q1"),
    ("We ended the quarter with net cash of EUR 205 million.", "xiaomi", "net-cash", "205000000", "2023-Q1"),
    ("For the full year, we now expect revenue growth of about 7%.", "xiaomi", "revenue", "7", "2023"),
    # synthetic variants
    ("Daily active users of its TrailMaps app reached 3.1 million.", "xiaomi-trailmaps-app", "daily-active-users",
     "3100000", "2023-Q1"),
    ("Our full-year revenue should grow by 4%.", "xiaomi", "revenue", "4", "2023"),
])
def test_unseen_call_phrasings(gaz, text, subject, metric, value, period):
    fs = facts(gaz, text, period="2023-Q1", date="2023-04-27")
    assert [(f.subject.key, f.metric, f.value, f.period.label) for f in fs] == [(subject, metric, Decimal(value), period)]


@pytest.mark.parametrize("text,market", [
    ("According to IDC, we ranked second in the Nordic tablet market in the first quarter, with a market share of 21%.",
     "nordics"),
    ("In the Nordics our share reached 12%.", "nordics"),
])
def test_nordic_market(gaz, text, market):
    shares = facts(gaz, text, period="2023-Q1", date="2023-04-27", kinds={"market_share"})
    assert [f.market.key for f in shares] == [market]


def test_respectively_over_segments_of_another_company(gaz):
    text = ("Revenue from smartphones and from wearables was US$2.13 billion and US$418.5 million, respectively, up "
            "8.2% and 31.7% year-over-year.")
    fs = facts(gaz, text, period="2022-Q3", date="2022-11-10")
    assert sorted((f.kind, f.subject.key, f.value) for f in fs) == [
        ("change", "xiaomi-smartphones", Decimal("8.2")), ("change", "xiaomi-wearables", Decimal("31.7")),
        ("metric", "xiaomi-smartphones", Decimal("2130000000")), ("metric", "xiaomi-wearables", Decimal("418500000"))]


@pytest.mark.parametrize("text,metric,value,period,hedge", [
    # transcript (seed 000), split at ". our"
    ("This year our spending on R&D probably will be more than CNY 10 billion. So over 25% growth actually in Q2. "
     "our R&D expenses in Q2 was 25% growth year-over-year.", "rd-expenses", "25", "2020-Q2", "over"),
    # synthetic: other metric, number, quarter and direction
    ("Our revenue was RMB 54.5 billion in the quarter. So about 18% decline actually in Q1.", "revenue", "-18",
     "2020-Q1", "about"),
])
def test_growth_without_metric_is_a_change_of_the_figure_before(gaz, text, metric, value, period, hedge):
    fs = [f for f in facts(gaz, text, kinds={"change"}) if f.evidence.quote.startswith("So ")]
    assert len(fs) == 1
    assert (fs[0].metric, fs[0].value, fs[0].period.label, fs[0].hedge) == (metric, Decimal(value), period, hedge)


@pytest.mark.parametrize("text", [
    # a sentence in between: the figure before is not the one the growth is about
    "Our revenue was RMB 54.5 billion in the quarter. We thank our fans. So 18% growth in Q1.",
    # the growth sentence names its own metric: no elliptic change on top of its own
    "Our revenue was RMB 54.5 billion in the quarter. Gross profit saw 18% growth in Q1.",
    # a percent without a growth word is not a change
    "Our revenue was RMB 54.5 billion in the quarter. So 18% of it came from overseas.",
])
def test_growth_without_metric_needs_the_figure_right_before(gaz, text):
    fs = [f for f in facts(gaz, text, kinds={"change"}) if f.metric == "revenue"]
    assert fs == []
