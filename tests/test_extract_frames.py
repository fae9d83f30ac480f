"""The frame engine (graph/extract/measures.py, frames.py, figures.py, *slot*.py) on sentences written for these
tests: invented companies, products and figures, one behaviour per case, each with the facts it must give and
the facts it must not (a wrong figure is worse than a missing one).

A case's document is a results release of the issuer "Halden Micro Systems, Inc." unless it says otherwise.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Optional

import pytest

from marketgraph.graph.extract.pipeline import extract_document
from marketgraph.graph.fiscal import FiscalCalendar
from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.records import Document, EntityRef, Fact, Period

GAZ = load_gazetteer(ProjectPaths.default().gazetteer)
HALDEN = EntityRef("halden-micro-systems", "organisation", "Halden Micro Systems, Inc.", ("Company",))
Q3 = Period("2023-Q3", "quarter", date(2023, 7, 1), date(2023, 9, 30))


def doc_for(text: str, *, genre: str = "results_release", issuer: Optional[EntityRef] = HALDEN,
            period: Optional[Period] = Q3, date_: str = "2023-11-02", role: Optional[str] = None,
            fiscal: Optional[FiscalCalendar] = None, market: Optional[str] = None,
            category: Optional[str] = None) -> Document:
    mk = GAZ.get(market).ref() if market else None
    return Document(doc_id="t", source_file="t.txt", start=0, end=len(text), title="t", genre=genre,  # type: ignore[arg-type]
                    date=date_, issuer=issuer, period=period, role=role, fiscal=fiscal, market=mk,  # type: ignore[arg-type]
                    category=category)


def facts_of(text: str, **kw) -> list[Fact]:
    return extract_document(doc_for(text, **kw), text, GAZ, only=["measures"]).facts


@dataclass
class Want:
    kind: str
    subject: str                      # the subject's label (a segment: its label; a market: "market")
    value: str
    metric: Optional[str] = None      # metric key (or None: not checked)
    period: Optional[str] = None      # period label (or None: not checked)
    unit: Optional[str] = None
    extra: dict = field(default_factory=dict)   # qualifiers or attributes that must hold


def found(facts: list[Fact], w: Want) -> bool:
    for f in facts:
        subj = "market" if f.subject.kind == "market" else f.subject.label
        if f.kind != w.kind or subj != w.subject or Decimal(str(f.value)) != Decimal(w.value):
            continue
        if w.metric is not None and f.metric != w.metric:
            continue
        if w.period is not None and (f.period is None or f.period.label != w.period):
            continue
        if w.unit is not None and f.unit != w.unit:
            continue
        if all((getattr(f, k) if hasattr(f, k) else f.qualifier(k)) == v for k, v in w.extra.items()):
            return True
    return False


CASES = [
    # --- subjects
    ("the issuer speaks: we and our", "In the third quarter, our revenue grew 12% year over year to $4.2 billion.", {},
     [Want("metric", "Halden Micro Systems, Inc.", "4200000000", "revenue", "2023-Q3", "USD"),
      Want("change", "Halden Micro Systems, Inc.", "12", "revenue", "2023-Q3", extra={"basis": "YoY"})], []),
    ("a competitor named in the clause is the subject, not the issuer",
     "Rival Orvik Devices AB reported revenue of $1.1 billion for the quarter.", {},
     [Want("metric", "Orvik Devices AB", "1100000000", "revenue")], ["Halden Micro Systems, Inc."]),
    ("a pronoun refers to the last company named",
     "Solvane kept first place with 9.3 million units, although its volume dropped 12.3%.",
     {"genre": "research_note", "issuer": None, "role": "third_party"},
     [Want("metric", "Solvane", "9300000", "shipments"), Want("change", "Solvane", "-12.3")], []),
    ("a segment named before its measure", "Personal Computing revenue was $2.41 billion, up 3%.", {},
     [Want("metric", "Personal Computing", "2410000000", "revenue"), Want("change", "Personal Computing", "3")], []),
    ("a combined figure belongs to the group", "Kestrel and Varo's combined share reached 41%.",
     {"genre": "research_note", "issuer": None, "role": "third_party"},
     [Want("market_share", "Kestrel + Varo", "41")], ["Kestrel", "Varo"]),
    ("a market total in a research note is the market's",
     "Tablet shipments in Western Europe fell 9% to 27.6 million units in the second quarter of 2023.",
     {"genre": "research_note", "issuer": None, "role": "third_party", "market": "western-europe", "category": "tablets"},
     [Want("metric", "market", "27600000", "shipments", "2023-Q2"), Want("change", "market", "-9", period="2023-Q2")], []),
    ("a research firm cited for a figure is its source, not its subject",
     "According to Brightline Research, we held a 16.8% share of the market.", {},
     [Want("market_share", "Halden Micro Systems, Inc.", "16.8")], ["Brightline Research"]),
    # --- periods
    ("a fronted period holds for the paragraph",
     "In the first half of 2023, revenue was $7.9 billion. Gross margin was 41.2%.", {},
     [Want("metric", "Halden Micro Systems, Inc.", "7900000000", "revenue", "2023-H1"),
      Want("metric", "Halden Micro Systems, Inc.", "41.2", "gross-margin", "2023-H1")], []),
    ("a baseline is the earlier period's value",
     "Revenue rose 9% to $612.4 million from $561.8 million a year earlier.", {},
     [Want("metric", "Halden Micro Systems, Inc.", "612400000", "revenue", "2023-Q3"),
      Want("metric", "Halden Micro Systems, Inc.", "561800000", "revenue", "2022-Q3")], []),
    ("a fiscal quarter is a calendar interval with its fiscal label",
     "Revenue for the fourth quarter of fiscal 2023 was $612.4 million.",
     {"fiscal": FiscalCalendar(9), "period": FiscalCalendar(9).period("quarter", 2023, 4)},
     [Want("metric", "Halden Micro Systems, Inc.", "612400000", "revenue", "FY2023-Q4",
           extra={"fiscal_label": "Q4 FY2023"})], []),
    ("guidance for a future period", "For the fourth quarter, we expect revenue of $4.3 billion to $4.5 billion.", {},
     [Want("metric", "Halden Micro Systems, Inc.", "4300000000", "revenue", "2023-Q4",
           extra={"modality": "guidance", "low": "4300000000", "high": "4500000000"})], []),
    # --- vocabulary
    ("basis points are percentage points", "Gross margin improved by 180 basis points.", {},
     [Want("change", "Halden Micro Systems, Inc.", "1.8", "gross-margin", unit="pp")], []),
    ("a noun-phrase change", "The quarter saw a 1.4% decline in shipments.", {},
     [Want("change", "Halden Micro Systems, Inc.", "-1.4", "shipments")], []),
    ("a multiple is a percent change", "Workspace revenue doubled from a year ago.", {},
     [Want("change", "Workspace", "100", "revenue", extra={"multiple": "2"})], []),
    ("flat is a change of zero", "Orvik's volume was flat at 1.9 million units.",
     {"genre": "research_note", "issuer": None, "role": "third_party"},
     [Want("change", "Orvik", "0"), Want("metric", "Orvik", "1900000")], []),
    ("per-share amounts are earnings per share", "GAAP net income was $47.9 million, or $0.71 per diluted share.", {},
     [Want("metric", "Halden Micro Systems, Inc.", "0.71", "eps",
           extra={"metric_label": "diluted earnings per share", "accounting": "GAAP"})], []),
    ("a profit's share of revenue is its margin",
     "Non-GAAP operating income reached $76.0 million, or 12.4% of revenue.", {},
     [Want("metric", "Halden Micro Systems, Inc.", "12.4", "operating-margin")], []),
    ("a speaker's correction replaces the figure",
     "Displays posted an operating margin of 11.6%, let me correct that, 11.9%.", {},
     [Want("metric", "Displays", "11.9", "operating-margin")], []),
    ("respectively pairs subjects and figures in order",
     "Gaming and Audio revenue grew 10% and 20%, respectively.", {},
     [Want("change", "Gaming", "10"), Want("change", "Audio", "20")], []),
    # --- modality and basis
    ("a result verb wins over a forecast named before it",
     "Despite a cautious forecast, revenue rose 6% to $1.12 billion.", {},
     [Want("metric", "Halden Micro Systems, Inc.", "1120000000", "revenue", extra={"modality": None})], []),
    ("constant currency is an accounting basis of the change",
     "Revenue came to $3.84 billion, up 7% Y/Y and 9% in constant currency.", {},
     [Want("change", "Halden Micro Systems, Inc.", "7", "revenue", extra={"accounting": None}),
      Want("change", "Halden Micro Systems, Inc.", "9", "revenue")], []),
    # --- rankings
    ("ranks in words, each with its market",
     "We ranked #1 in Poland and #3 in France by smartphone shipments.", {},
     [Want("ranking", "Halden Micro Systems, Inc.", "1"), Want("ranking", "Halden Micro Systems, Inc.", "3")], []),
    ("a distant second", "Brightmoor was a distant second on 6.9 million units.",
     {"genre": "research_note", "issuer": None, "role": "third_party"},
     [Want("ranking", "Brightmoor", "2"), Want("metric", "Brightmoor", "6900000")], []),
    ("a measure of a geographic part named after it is the company's in that market, never its total",
     "In the third quarter, revenue from the overseas markets grew 9% to $1.4 billion.", {},
     [Want("metric", "Halden Micro Systems, Inc.", "1400000000", "revenue", "2023-Q3", "USD",
           extra={"market": EntityRef("overseas", "market", "Overseas", ("Region",))})], []),
    ("a date after 'on' is a share price's day", "Halden shares closed at $41.20 on June 3, 2024.", {},
     [Want("metric", "Halden Micro Systems, Inc.", "41.2", "share-price", "2024-06-03", "USD")], []),
    ("a part named before a money measure beats the subject carried from the sentence before; a lower-case unit",
     "Commercial PCs, our largest business, brought in $9.3 billion. Consumer PC revenue slipped 2% to $3.8 "
     "billion, and the displays and peripherals unit added $1.5 billion.", {},
     [Want("metric", "Consumer PC", "3800000000", "revenue"), Want("change", "Consumer PC", "-2", "revenue"),
      Want("metric", "Halden Micro Systems, Inc. displays and peripherals unit", "1500000000", "revenue")],
     ["Halden Micro Systems, Inc."]),
    ("a change's measure carries to a parallel clause",
     "Gaming Peripherals revenue fell 3% in the quarter, while Creator Tools grew 3%.", {},
     [Want("change", "Creator Tools", "3", "revenue")], ["Halden Micro Systems, Inc."]),
    ("a share in parentheses is the name's before it; an unknown name's is not the clause subject's; 'led the "
     "country' is the market named last",
     "China was the weakest large market. In the first quarter of 2023, Harbin Smartlink led the country with a 44% "
     "share, ahead of Zhiqing (21%) and Hanyu Home (16%).",
     {"genre": "research_note", "issuer": None, "role": "third_party"},
     [Want("market_share", "Harbin Smartlink", "44", extra={"market": GAZ.get("mainland-china").ref()}),
      Want("market_share", "Hanyu Home", "16")], []),
    ("a segment's money figure with a revenue verb and no measure named is its revenue; a price is not",
     "Revenue for the quarter was $4.2 billion. Service Provider grew 25% to $210.4 million. Enterprise Headsets "
     "contributed $42 million. The Sonaro launched in November at EUR 199.", {},
     [Want("metric", "Service Provider", "210400000", "revenue"), Want("change", "Service Provider", "25", "revenue"),
      Want("metric", "Enterprise Headsets", "42000000", "revenue")], ["Sonaro"]),
    ("a fronted part ('In Devices,') and a segment whose last word the measure took ('Cloud Services revenue')",
     "Third-quarter results\n\nIn Devices, revenue declined 3% to $1.1 billion. Cloud Services revenue was $2.3 "
     "billion, up 14%.\n\nIn July, revenue rose 3% to $1.4 billion.", {},
     [Want("metric", "Devices", "1100000000", "revenue"), Want("metric", "Cloud Services", "2300000000"),
      Want("metric", "Halden Micro Systems, Inc.", "1400000000", "revenue", "2023-07")], []),
    # --- abstaining
    ("a third-party figure with no subject is not published",
     "The figure rose 14% in the period, the report said.",
     {"genre": "news", "issuer": None, "role": "third_party"}, [], ["*"]),
]


@pytest.mark.parametrize("name,text,kw,wants,forbidden", CASES, ids=[c[0] for c in CASES])
def test_frames(name, text, kw, wants, forbidden):
    facts = facts_of(text, **kw)
    shown = [(f.kind, f.subject.label, f.metric, str(f.value), f.unit, f.period.label if f.period else None,
              dict(f.qualifiers)) for f in facts]
    for w in wants:
        assert found(facts, w), f"{name}: missing {w}\n got {shown}"
    for label in forbidden:
        bad = facts if label == "*" else [f for f in facts if f.subject.label == label]
        assert not bad, f"{name}: no fact of {label} expected, got {shown}"


def test_a_share_in_parentheses_of_an_unknown_name_is_not_the_clause_subjects():
    text = "Harbin Smartlink led China with a 44% share, ahead of Zhiqing (21%) and Hanyu Home (16%)."
    facts = facts_of(text, genre="research_note", issuer=None, role="third_party")
    assert sorted((f.subject.label, str(f.value)) for f in facts if f.kind == "market_share") == \
        [("Hanyu Home", "16"), ("Harbin Smartlink", "44")]


def test_an_exchange_rate_is_no_figure_of_a_measure():
    facts = facts_of("In 2023 the Group's revenue is equivalent to approximately US$6.79 billion, translated at "
                     "RMB7.10 = US$1.00.")
    assert [str(f.value) for f in facts if f.kind == "metric"] == ["6790000000"]


def test_a_list_of_names_and_a_list_of_ranks_pair_up_in_order():
    text = ("In the fourth quarter of 2022, Norvik, Pavo and Taiyo placed fourth, fifth and sixth. Miyabi Sound and "
            "Orrin ranked fourth and fifth globally.")
    facts = facts_of(text, genre="research_note", issuer=None, role="third_party")
    assert sorted((f.subject.label, str(f.value)) for f in facts if f.kind == "ranking") == [
        ("Miyabi Sound", "4"), ("Norvik", "4"), ("Orrin", "5"), ("Pavo", "5"), ("Taiyo", "6")]


def test_total_revenue_in_news_about_a_company_is_the_companys():
    text = "In 2019, Halden's total revenue exceeded $20 billion, the company said."
    news = facts_of(text, genre="news", role="third_party")
    assert [(f.subject.label, str(f.value)) for f in news if f.kind == "metric"] == \
        [("Halden Micro Systems, Inc.", "20000000000")]
    in_europe = facts_of(text, genre="news", role="third_party", market="europe")
    assert [f.market for f in in_europe if f.kind == "metric"] == [None]    # a company's total is in no one market
    note = "In 2019, total revenue of the European smartwatch market exceeded $20 billion."
    facts = facts_of(note, genre="research_note", issuer=None, role="third_party")
    assert [f.subject.kind for f in facts if f.kind == "metric"] == ["market"]


def test_a_level_a_year_earlier_is_a_year_back_but_a_change_from_a_year_earlier_is_not():
    facts = facts_of("Net profit rose to $2.1 billion. Net profit a year earlier had been $1.12 billion. The "
                     "operating margin widened by 2.6 percentage points from a year earlier to 14.3%.")
    got = sorted((f.metric, str(f.value), f.period.label) for f in facts if f.kind == "metric")
    assert got == [("net-profit", "1120000000", "2022-Q3"), ("net-profit", "2100000000", "2023-Q3"),
                   ("operating-margin", "14.3", "2023-Q3")], got


def test_a_change_takes_the_period_its_level_states_when_the_document_has_none():
    text = "Orvane Systems Inc. reported results. Its revenue rose 12% to $4.1 billion in the third quarter of 2023."
    facts = facts_of(text, genre="news", issuer=None, role="third_party", period=None)
    assert sorted((f.kind, str(f.value), f.period.label) for f in facts) == [
        ("change", "12", "2023-Q3"), ("metric", "4100000000", "2023-Q3")]


def test_a_period_an_entity_or_an_expectation_is_no_new_measure():
    facts = facts_of("Our assumption for the second half is 140 yen. EPS came in at $1.41 against consensus of "
                     "$1.38. Automotive was a record $104 million.")
    metrics = {(f.metric, str(f.value)) for f in facts}
    assert ("eps", "1.41") in metrics and ("eps", "1.38") in metrics, metrics
    assert not {k for k, _ in metrics} & {"second-half", "against-consensus", "consensus", "automotive"}, metrics


def test_every_fact_names_how_its_subject_was_read_and_a_confidence():
    text = ("Halden Micro Systems, Inc. reported revenue of $4.2 billion. Its gross margin was 41.2%. "
            "Rival Orvik Devices AB posted revenue of $1.1 billion.")
    for f in facts_of(text):
        assert f.qualifier("subject_how") in ("explicit", "possessive", "pronoun", "first-person", "issuer-default",
                                              "market", "of", "table", "list", "respectively", "heading", "carried")
        assert 0 < float(f.qualifier("confidence") or 0) <= 1


def test_unresolved_figures_are_reported_not_published():
    text = "Market update\n\nThe figure rose 14% in the period, the report said."
    doc = doc_for(text, genre="news", issuer=None, role="third_party")
    result = extract_document(doc, text, GAZ, only=["measures"])
    assert result.facts == []
    assert [u.reason for u in result.unresolved] and all(text[u.evidence.start:u.evidence.end] == u.evidence.quote
                                                          for u in result.unresolved)


def test_an_outlook_without_its_period_is_unresolved_not_the_reported_quarter():
    text = "Revenue was $402 million. We expect revenue of $420 million to $440 million."
    result = extract_document(doc_for(text), text, GAZ, only=["measures"])
    assert [(f.metric, str(f.value)) for f in result.facts] == [("revenue", "402000000")]
    assert any(u.value == 420000000 and "outlook" in u.reason for u in result.unresolved), result.unresolved
    named = "For the fourth quarter, we expect revenue of $420 million to $440 million."
    facts = extract_document(doc_for(named), named, GAZ, only=["measures"]).facts
    assert [(f.period.label, f.qualifier("modality")) for f in facts] == [("2023-Q4", "guidance")]


def test_a_stock_in_the_present_tense_is_as_of_the_documents_date():
    facts = facts_of("Founded in 2009, the company has approximately 2,300 employees.")
    assert [(f.metric, str(f.value), f.period.label) for f in facts if f.kind == "metric"] == \
        [("number-of-employees", "2300", "2023-11-02")]


def test_two_values_for_one_figure_are_flagged_and_the_weaker_withheld():
    text = ("Third-quarter results\n\nHalden Micro Systems, Inc. said revenue was $4.2 billion in the quarter.\n\n"
            "Revenue was $4.5 billion in the quarter.")
    result = extract_document(doc_for(text), text, GAZ, only=["measures"])
    revenue = [f for f in result.facts if f.metric == "revenue" and f.kind == "metric"]
    assert len(revenue) == 1 and revenue[0].qualifier("check")
    assert any(u.reason.startswith("weaker") for u in result.unresolved)


def test_a_weaker_reading_that_states_the_strongest_value_is_kept():
    text = ("Third-quarter results\n\nHalden Micro Systems, Inc. said revenue was $4.2 billion in the quarter.\n\n"
            "Revenue was $4.5 billion in the quarter.\n\nRevenue was $4.2 billion in the quarter, it repeated.")
    result = extract_document(doc_for(text), text, GAZ, only=["measures"])
    values = sorted(str(f.value) for f in result.facts if f.metric == "revenue" and f.kind == "metric")
    assert values == ["4200000000", "4200000000"], values
    assert [u.value for u in result.unresolved if u.reason.startswith("weaker")] == [4500000000]
