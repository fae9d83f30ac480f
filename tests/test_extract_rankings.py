"""Ranking rules: ranks in unnamed markets, sales superlatives of products, a superlative "among" players, a bare
number on a ranking body's list, headlines taking the period of the body. Corpus sentences and synthetic
variants (other names, numbers, markets, word order), with sentences that must not give a rank."""
from decimal import Decimal

import pytest

from marketgraph.graph.extract.pipeline import extract_text
from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.paths import ProjectPaths


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer(ProjectPaths.default().gazetteer)


def ranks(gaz, text, period="2020-Q2", date="2020-08-19"):
    out = extract_text(text, gaz, issuer="xiaomi", period=period, date=date, only=["rankings"]).facts
    for f in out:
        assert text[f.evidence.start:f.evidence.end] == f.evidence.quote
    return sorted((f.subject.key, f.value, f.market.key if f.market else None, f.period.label if f.period else None)
                  for f in out if f.kind == "ranking")


@pytest.mark.parametrize("text,expected", [
    # news (seed 002)
    ("He mentioned that in the third quarter of this year, Xiaomi ranked third in the European market and also "
     "became the first in many markets.", [("xiaomi", 1, None, "2020-Q3"), ("xiaomi", 3, "europe", "2020-Q3")]),
    # synthetic: other order, other words for the unnamed markets
    ("In the first quarter of 2021 the company was the first in several African countries and ranked fourth in India.",
     [("xiaomi", 1, None, "2021-Q1"), ("xiaomi", 4, "india", "2021-Q1")]),
])
def test_first_in_markets_not_named(gaz, text, expected):
    assert ranks(gaz, text, period=None, date="2020-12-01") == [(s, Decimal(v), m, p) for s, v, m, p in expected]


@pytest.mark.parametrize("text,expected", [
    # transcript (seed 000)
    ("During JD's 618 Shopping Festival, our Mi 10 was the best seller in the price range of RMB 3,500 to RMB 4,500.",
     [("mi-10", 1, None)]),
    ("Our Redmi K30 Pro was the best-selling 5G smartphones.", [("redmi-k30-pro", 1, None)]),
    # synthetic: other products, market after the noun, other superlative
    ("In Spain, the Mi 10 Pro became the most popular flagship phone.", [("mi-10-pro", 1, "spain")]),
    ("The Mi 10 Ultra was the top seller in Italy last month.", [("mi-10-ultra", 1, "italy")]),
])
def test_sales_superlatives_rank_a_product(gaz, text, expected):
    assert [(s, v, m) for s, v, m, _ in ranks(gaz, text)] == [(s, Decimal(v), m) for s, v, m in expected]


@pytest.mark.parametrize("text", [
    "It was the best-selling season in our history.",
    "Night mode is the most popular feature of the Mi 10 Pro.",
    "The biggest challenge remains the supply of chips.",
])
def test_superlatives_that_are_not_ranks(gaz, text):
    assert ranks(gaz, text) == []


@pytest.mark.parametrize("text,market", [
    # transcript (seed 000)
    ("And our smartphone shipment in European market grew by 65% year-over-year, which was the highest growth among "
     "major players.", "europe"),
    # synthetic
    ("In India we posted the biggest increase of all vendors, with shipments up 41%.", "india"),
])
def test_a_superlative_among_players_is_rank_one(gaz, text, market):
    assert ranks(gaz, text) == [("xiaomi", Decimal(1), market, "2020-Q2")]


@pytest.mark.parametrize("text,value,period", [
    # transcript (seed 000): "run" is the transcript's word for "rank"
    ("As a global leading innovator, we run 24 on BCG's 50 Most Innovative Companies of 2020.", 24, "2020"),
    # synthetic: other body, number and verb
    ("This year the group came in 63 on Forbes' list of the world's most valuable brands.", 63, "2020"),
])
def test_a_number_on_a_ranking_bodys_list(gaz, text, value, period):
    got = ranks(gaz, text)
    assert [(s, v, p) for s, v, _, p in got] == [("xiaomi", Decimal(value), period)]


def test_a_headline_takes_the_period_of_the_body_sentence_that_says_the_same(gaz):
    text = ("Xiaomi Smartphone Has Ranked Third In The European Market\n\n"
            "In the third quarter of this year, Xiaomi ranked third in the European market.\n")
    assert ranks(gaz, text, period=None, date="2020-12-01") == [("xiaomi", Decimal(3), "europe", "2020-Q3")] * 2


def test_a_headline_without_a_body_sentence_keeps_no_period(gaz):
    text = ("Xiaomi Has Ranked Second In The Indian Market\n\n"
            "In the third quarter of this year, Xiaomi ranked third in the European market.\n")
    assert ("xiaomi", Decimal(2), "india", None) in ranks(gaz, text, period=None, date="2020-12-01")
