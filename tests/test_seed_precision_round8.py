"""Seed precision, round 8 (docs/decisions/2026-12-07-seed-precision-round-8.md): classes of wrong figures read
right or left unresolved. Each rule has a case where it applies and one where it must not. Invented companies,
products and figures."""
from __future__ import annotations

from datetime import date
from typing import Optional

from marketgraph.graph.extract.pipeline import extract_document
from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.records import Document, EntityRef, ExtractionResult, Period

GAZ = load_gazetteer(ProjectPaths.default().gazetteer)
ORLEN = EntityRef("orlenta", "organisation", "Orlenta Holdings Ltd.", ("Company",))
Q4 = Period("2023-Q4", "quarter", date(2023, 10, 1), date(2023, 12, 31))


def extract(text: str, *, genre: str = "results_release", issuer: Optional[EntityRef] = ORLEN,
            period: Optional[Period] = Q4) -> ExtractionResult:
    doc = Document(doc_id="t", source_file="t.txt", start=0, end=len(text), title="t", genre=genre,  # type: ignore[arg-type]
                   date="2024-02-20", issuer=issuer, period=period, role="first_party")  # type: ignore[arg-type]
    return extract_document(doc, text, GAZ)


def figures(res: ExtractionResult) -> list[tuple]:
    """(kind, metric, value, period label) of every numeric figure published."""
    return [(f.kind, f.metric, str(f.value), f.period.label if f.period else None)
            for f in res.facts if f.kind in ("metric", "change", "market_share", "ranking", "count")]


# ---- a day named by its festival is the figure's period; "on that day" carries it to the next sentence

FESTIVAL = ("Orlenta Holdings fourth quarter 2023 results\n\n"
            "During the Singles’ Day shopping festival in 2023, Orlenta’s home appliances recorded over 2.35 million "
            "in sales volume, up 61% YoY. On that day, Orlenta’s kettles ranked 1st in terms of sales in 37 "
            "categories on two platforms.\n")


def test_a_festival_day_is_the_figures_day():
    got = figures(extract(FESTIVAL))
    vals = {r[2]: r[3] for r in got}
    assert vals.get("2350000") == "2023-11-11", got
    assert vals.get("61") == "2023-11-11", got


def test_on_that_day_carries_the_festival_day_and_a_rank_in_n_categories_is_no_rank():
    got = figures(extract(FESTIVAL))
    assert ("count", "categories", "37", "2023-11-11") in [(r[0], r[1], r[2], r[3]) for r in got], got
    assert not any(r[0] == "ranking" for r in got), got


def test_on_that_day_without_a_day_before_is_unresolved():
    text = ("Orlenta Holdings fourth quarter 2023 results\n\n"
            "Orlenta opened a flagship store in Lisbon in 2023. On that day, the store sold 4,100 kettles.\n")
    got = figures(extract(text))
    assert not any(r[2] == "4100" for r in got), got


def test_an_ordinary_day_word_is_no_festival():
    text = ("Orlenta Holdings fourth quarter 2023 results\n\n"
            "In the fourth quarter of 2023, Orlenta's revenue was RMB 8.1 billion, and its day-one sales grew 12%.\n")
    got = figures(extract(text))
    assert ("metric", "revenue", "8100000000", "2023-Q4") in got, got


# ---- a product's specification read by the spec reader is not also a level of the company's measure

SPEC = ("Orlenta Holdings fourth quarter 2023 results\n\n"
        "In October, Orlenta launched the Veloce Aurora Max, a 5G smartphone featuring a curved display and a "
        "screen-to-body ratio of 93.4%, showing the company's commitment to design.\n")


def test_a_spec_is_not_also_the_companys_measure():
    res = extract(SPEC)
    specs = [f for f in res.facts if f.kind == "spec" and str(f.value) == "93.4"]
    others = [f for f in res.facts if f.kind != "spec" and str(f.value) == "93.4"]
    assert specs, [(f.kind, f.subject.key, f.metric, f.value) for f in res.facts]
    assert not others, [(f.kind, f.subject.key, f.metric, f.value) for f in others]


# ---- a spoken false start of a rank ("top 6 -- top 3"): the corrected rank only, and its number is no level

CALL = ("Orlenta Holdings fourth quarter 2023 earnings call\n\n"
        "Operator: Welcome.\n\n"
        "Mara Lindqvist: Thank you. In the fourth quarter, in Southeast Asia, our tablet shipments ranked top 6 -- "
        "top 3, and in Portugal our tablet shipments ranked #2 and in Spain #4.\n")


def test_a_ranks_false_start_is_replaced_by_the_next_rank():
    got = figures(extract(CALL, genre="earnings_call"))
    ranks = sorted(r[2] for r in got if r[0] == "ranking")
    assert "3" in ranks and "6" not in ranks, got
    assert not any(r[0] != "ranking" and r[2] in ("6", "3") for r in got), got


def test_ranks_joined_by_and_are_both_kept():
    got = figures(extract(CALL, genre="earnings_call"))
    ranks = sorted(r[2] for r in got if r[0] == "ranking")
    assert "2" in ranks and "4" in ranks, got


# ---- a share of revenue joined by a participle to a region's revenue is that region's share

def share_rows(text: str) -> list[tuple]:
    res = extract(text)
    return [(f.metric, str(f.value), f.market.label if f.market else None)
            for f in res.facts if f.metric == "revenue-share"]


def test_a_participle_share_after_a_regions_revenue_is_that_regions():
    text = ("Orlenta Holdings fourth quarter 2023 results\n\n"
            "In the fourth quarter, revenue from overseas markets amounted to RMB 3.2 billion, up 12% "
            "year-over-year, accounting for 31.5% of total revenue.\n")
    got = share_rows(text)
    assert ("revenue-share", "31.5", "Overseas") in got, got


def test_a_participle_share_after_the_whole_revenue_stays_unresolved():
    text = ("Orlenta Holdings fourth quarter 2023 results\n\n"
            "In the fourth quarter, revenue amounted to RMB 3.2 billion, up 12% year-over-year, "
            "accounting for 31.5% of total revenue.\n")
    assert share_rows(text) == [], share_rows(text)


# ---- "an increase in <measure> of N%": a change of that measure, not a level of the clause's other measure

def test_a_noun_change_in_a_measure_of_a_percent_is_that_measures_change():
    text = ("Orlenta Holdings fourth quarter 2023 results\n\n"
            "In the fourth quarter, Orlenta ranked 2nd in Portugal with a market share of 18.3%, representing a "
            "YoY increase in shipments of 41.2%.\n")
    got = figures(extract(text))
    assert ("change", "shipments", "41.2", "2023-Q4") in got, got
    assert not any(r[2] == "41.2" and r[1] == "market-share" for r in got), got


def test_a_decline_in_a_measure_of_a_percent_is_negative():
    text = ("Orlenta Holdings fourth quarter 2023 results\n\n"
            "In the fourth quarter, Orlenta's revenue was RMB 8.1 billion, with a decline in shipments of 7.5%.\n")
    got = figures(extract(text))
    assert ("change", "shipments", "-7.5", "2023-Q4") in got, got


# ---- a year named in a leading clause of reason is that clause's, not the main clause's figure's

def test_a_year_in_a_leading_reason_clause_does_not_date_the_figure():
    text = ("Orlenta Holdings fourth quarter 2023 results\n\n"
            "As Iberia is the key overseas market for Orlenta in 2023, Orlenta's tablets ranked 3rd in Spain, with "
            "a YoY shipments growth of 54.2%.\n")
    got = figures(extract(text))
    assert ("change", "shipments", "54.2", "2023-Q4") in got, got


def test_a_year_in_a_leading_temporal_clause_still_dates_the_figure():
    text = ("Orlenta Holdings fourth quarter 2023 results\n\n"
            "When Orlenta entered Iberia in 2021, its revenue was RMB 0.4 billion.\n")
    got = figures(extract(text))
    assert ("metric", "revenue", "400000000", "2021") in got, got


# ---- a month stated for a measure carries to the next sentence's figure of the same measure

MONTHS = ("Orlenta Holdings fourth quarter 2023 results\n\n"
          "In November, Orlenta's global MAU increased by 18% to 61.5 million. Orlenta's MAU in India, "
          "meanwhile, increased by 27% to 14 million. Revenue from advertising grew by 9%.\n")


def test_a_month_carries_to_the_next_figure_of_the_same_measure():
    got = figures(extract(MONTHS))
    assert ("metric", "monthly-active-users", "14000000", "2023-11") in got, got
    assert ("change", "monthly-active-users", "27", "2023-11") in got, got


def test_a_month_does_not_carry_to_another_measure():
    got = figures(extract(MONTHS))
    assert ("change", "advertising-revenue", "9", "2023-Q4") in got, got
    assert not any(r[2] == "9" and r[3] == "2023-11" for r in got), got


# ---- a figure with a noun of its own after another figure does not take the measure named before that one

def test_a_figure_with_its_own_noun_after_another_figure_keeps_its_own_measure():
    text = ("Orlenta Holdings fourth quarter 2023 results\n\n"
            "In November 2023, Orlenta's MAU increased by 31.4% YoY to 18.20 million, with more than 2.6 million "
            "paid subscribers.\n")
    got = figures(extract(text))
    assert ("metric", "monthly-active-users", "18200000", "2023-11") in got, got
    assert not any(r[2] == "2600000" and r[1] == "monthly-active-users" for r in got), got


def test_a_baseline_with_the_measures_unit_keeps_the_measure():
    text = ("Orlenta Holdings fourth quarter 2023 results\n\n"
            "In the fourth quarter, Orlenta's MAU reached 18.2 million, up from 15.1 million users a year earlier.\n")
    got = figures(extract(text))
    assert ("metric", "monthly-active-users", "18200000", "2023-Q4") in got, got
    assert not any(r[2] == "15100000" and r[1] != "monthly-active-users" for r in got), got
