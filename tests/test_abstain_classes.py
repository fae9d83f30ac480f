"""Classes of wrong figures the engine now leaves unresolved (or reads right) instead of publishing a guess
(docs/decisions/2026-12-07-abstain-classes.md). Each class has a case where the rule applies and one where it must
not. Invented companies, platforms and figures."""
from __future__ import annotations

from datetime import date
from typing import Optional

from marketgraph.graph.extract.pipeline import extract_document
from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.records import Document, EntityRef, ExtractionResult, Period

GAZ = load_gazetteer(ProjectPaths.default().gazetteer)
BRIVANE = EntityRef("brivane", "organisation", "Brivane Ltd.", ("Company",))
TARSEL = EntityRef("tarsel-research", "organisation", "Tarsel Research Ltd", ("Company",))
Q1 = Period("2024-Q1", "quarter", date(2024, 1, 1), date(2024, 3, 31))
HEAD = "Brivane reports first quarter 2024 results\n\n"


def extract(text: str, *, genre: str = "results_release", issuer: Optional[EntityRef] = BRIVANE,
            period: Optional[Period] = Q1, role: str = "first_party") -> ExtractionResult:
    doc = Document(doc_id="t", source_file="t.txt", start=0, end=len(text), title="t", genre=genre,  # type: ignore[arg-type]
                   date="2024-05-03", issuer=issuer, period=period, role=role)  # type: ignore[arg-type]
    return extract_document(doc, text, GAZ)


def rows(res: ExtractionResult) -> set[tuple]:
    """(kind, subject key, metric, value, period) of every figure published."""
    return {(f.kind, f.subject.key, f.metric, str(f.value), f.period.label if f.period else None)
            for f in res.facts if f.kind in ("metric", "change", "market_share", "ranking", "count")}


def unresolved_values(res: ExtractionResult) -> set[str]:
    return {str(u.value) for u in res.unresolved}


# ---- a dateline's day is no figure's period

DATELINE = HEAD + ("SHENZHEN, May 3, 2024 -- Brivane Ltd. today reported revenue of RMB 4.2 billion, up 12% year "
                   "over year.\n\nGross margin was 31.5%.\n")


def test_a_figure_in_a_datelines_sentence_takes_the_reported_period_not_the_day():
    res = extract(DATELINE)
    got = rows(res)
    assert ("metric", "brivane", "revenue", "4200000000", "2024-Q1") in got, got
    assert ("change", "brivane", "revenue", "12", "2024-Q1") in got, got
    assert not any(r[4] == "2024-05-03" for r in got), got


def test_the_dateline_event_keeps_its_day():
    res = extract(DATELINE)
    assert any(f.kind == "event" and str(f.value) == "2024-05-03" for f in res.facts), res.facts


def test_a_day_inside_a_sentence_still_dates_its_figure():
    got = rows(extract(HEAD + "As of March 31, 2024, cash and cash equivalents stood at RMB 1.1 billion.\n"))
    assert ("metric", "brivane", "cash-and-cash-equivalents", "1100000000", "2024-03-31") in got, got


# ---- the issuer default beside another subject named in the sentence

def test_a_figure_beside_a_named_platform_is_not_the_issuers_by_default():
    res = extract(HEAD + "Devices connected to the Halo Link platform reached 41 million.\n")
    assert not rows(res), rows(res)
    assert "41000000" in unresolved_values(res)


def test_a_figure_with_no_other_subject_named_is_the_issuers():
    got = rows(extract(HEAD + "Devices connected to our platform reached 41 million, up 12%.\n"))
    assert ("metric", "brivane", "connected-devices", "41000000", "2024-Q1") in got, got


# ---- a part the clause points at and the text does not resolve

def test_the_segments_margin_with_no_segment_known_is_unresolved():
    res = extract(HEAD + "Outdoor Gear: Sales of tents declined. The segment's operating margin rose to 7.1 per "
                         "cent.\n")
    assert not any(r[3] == "7.1" for r in rows(res)), rows(res)
    assert "7.1" in unresolved_values(res)


def test_the_groups_margin_is_the_issuers():
    got = rows(extract(HEAD + "The group's operating margin rose to 7.1 per cent.\n"))
    assert ("metric", "brivane", "operating-margin", "7.1", "2024-Q1") in got, got


# ---- a share of stock is no market share

def test_per_share_names_no_market_share():
    got = rows(extract(HEAD + "The Board proposes a dividend of RMB 3.10 per share, up 24 per cent.\n"))
    assert not any(r[2] == "market-share" for r in got), got
    assert ("change", "brivane", "dividend-per-share", "24", "2024-Q1") in got, got


def test_a_market_share_is_still_read():
    got = rows(extract(HEAD + "Our market share in China rose to 24 per cent.\n"))
    assert ("metric", "brivane", "market-share", "24", "2024-Q1") in got, got


# ---- an earlier value analysts expected

def test_a_value_analysts_expected_is_no_earlier_periods_figure():
    res = extract(HEAD + "Key figures\n\n• Revenue: $1.42B (+12% Y/Y), vs. $1.38B expected\n"
                         "• EPS: $0.81, vs. 77 cents expected\n", genre="news", role="third_party")
    got = rows(res)
    assert ("metric", "brivane", "revenue", "1420000000", "2024-Q1") in got, got
    assert not any(r[3] in ("1380000000", "0.77") for r in got), got
    assert {"1380000000", "0.77"} <= unresolved_values(res)


def test_an_earlier_value_a_year_back_is_still_read():
    got = rows(extract(HEAD + "Key figures\n\n• Revenue: $1.42B (+12% Y/Y), vs. $1.27B a year earlier\n",
                       genre="news", role="third_party"))
    assert ("metric", "brivane", "revenue", "1270000000", "2023-Q1") in got, got


# ---- a research firm is not "it" for a known measure

NEWS = "Doorbell makers in 2023\n\n"


def test_it_after_a_research_firms_count_is_not_the_firm():
    res = extract(NEWS + "Kestova does not publish unit sales. By Tarsel Research's count it shipped 1.9 million "
                         "video doorbells in 2023.\n", genre="news", role="third_party", issuer=None, period=None)
    assert not any(r[1] == "tarsel-research" for r in rows(res)), rows(res)


def test_a_research_firms_own_counts_are_its_own():
    got = rows(extract(NEWS + "Video doorbell shipments grew 8% in 2023.\n\nAbout Tarsel Research\n\nTarsel Research "
                              "Ltd is a London-based research company. Its trackers are used by more than 250 clients "
                              "in 19 countries.\n", genre="research_note", role="third_party", issuer=TARSEL,
                       period=None))
    assert any(r[0] == "count" and r[1] == "tarsel-research" and r[3] == "250" for r in got), got


# ---- a rank held in a number of places

def test_a_rank_in_a_number_of_countries_is_no_rank_in_one_market():
    got = rows(extract(HEAD + "According to Tarsel Research, Brivane ranked top five in over 30 countries by "
                              "smartphone shipments in the first quarter.\n"))
    assert not any(r[0] == "ranking" for r in got), got


def test_a_rank_in_one_named_market_is_read():
    got = rows(extract(HEAD + "According to Tarsel Research, Brivane ranked third in Germany by smartphone "
                              "shipments in the first quarter.\n"))
    assert any(r[0] == "ranking" and r[1] == "brivane" and r[3] == "3" for r in got), got
