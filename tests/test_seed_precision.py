"""Classes of wrong figures on the seed and development corpora, read right or left unresolved
(docs/decisions/2026-12-07-seed-precision.md). Each rule has a case where it applies and one where it must not.
Invented companies, products and figures."""
from __future__ import annotations

from datetime import date
from typing import Optional

from marketgraph.graph.extract.pipeline import extract_document
from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.records import Document, EntityRef, ExtractionResult, Period

GAZ = load_gazetteer(ProjectPaths.default().gazetteer)
ORLEN = EntityRef("orlenta", "organisation", "Orlenta Holdings Ltd.", ("Company",))
FY = Period("2023", "year", date(2023, 1, 1), date(2023, 12, 31))
Q2 = Period("2023-Q2", "quarter", date(2023, 4, 1), date(2023, 6, 30))


def extract(text: str, *, genre: str = "results_release", issuer: Optional[EntityRef] = ORLEN,
            period: Optional[Period] = FY) -> ExtractionResult:
    doc = Document(doc_id="t", source_file="t.txt", start=0, end=len(text), title="t", genre=genre,  # type: ignore[arg-type]
                   date="2024-03-20", issuer=issuer, period=period, role="first_party")  # type: ignore[arg-type]
    return extract_document(doc, text, GAZ)


def figures(res: ExtractionResult) -> list[tuple]:
    """(kind, subject key, subject kind, metric, value, market label) of every figure published."""
    return [(f.kind, f.subject.key, f.subject.kind, f.metric, str(f.value), f.market.label if f.market else None)
            for f in res.facts if f.kind in ("metric", "change", "market_share", "ranking", "count")]


# ---- a region of the company's own sales named by a label line is the company's figure in that market

LETTER = ("Orlenta Holdings 2023 letter to shareholders\n\nHighlights of the year\n\n"
          "• Total revenue: RMB80.4billion, up 21.3% YoY\n"
          "• Overseas revenue: RMB31.2billion, up 44.0% YoY\n\n"
          "We thank our customers.\n")


def test_a_label_lines_overseas_revenue_is_the_companys_in_that_market():
    got = figures(extract(LETTER))
    assert ("metric", "orlenta", "organisation", "revenue", "31200000000", "Overseas") in got, got
    assert ("change", "orlenta", "organisation", "revenue", "44.0", "Overseas") in got, got
    assert not any(r[2] == "segment" and r[4] in ("31200000000", "44.0") for r in got), got


def test_a_business_segment_on_a_label_line_stays_a_segment():
    text = LETTER.replace("Overseas revenue", "Smart Home revenue")
    got = figures(extract(text))
    assert not any(r[4] == "31200000000" and r[5] == "Overseas" for r in got), got


# ---- the number of a rank ("top 5", "#2") is never a level of the clause's measure

RANKS = ("Orlenta Holdings second quarter 2023 results\n\n"
         "In the second quarter, our smartphone shipments ranked top 3 in 18 markets, and in Portugal our "
         "smartphone shipments ranked #2. Smartphone shipments reached 9.4 million units.\n")


def test_a_ranks_number_is_no_shipments_level():
    got = figures(extract(RANKS, period=Q2))
    assert not any(r[0] == "metric" and r[3] == "shipments" and r[4] in ("3", "2") for r in got), got
    assert any(r[0] == "metric" and r[4] == "9400000" for r in got), got


# ---- "the Group’s" with a typographic apostrophe is first person, as "the Group's" is

def test_the_groups_measure_after_a_market_cause_is_not_the_markets():
    text = ("Orlenta Holdings 2023 annual results\n\n"
            "In 2023, due to the slowdown in Brazil’s tablet market, the Group’s revenue from tablets segment "
            "recorded RMB12.6 billion, down 4.1% YoY.\n")
    got = figures(extract(text))
    assert not any(r[2] == "market" for r in got), got
    assert any(r[1].startswith("orlenta") and r[4] == "12600000000" for r in got), got


# ---- a part named with "of" in one sentence is the subject of its measure's figures in the next

def test_a_parts_measure_carries_to_the_next_sentence_of_the_same_measure():
    text = ("Orlenta Holdings third quarter 2023 results\n\n"
            "In the third quarter, the gross profit margin of tablets segment reached 11.2%. The gross profit margins in the first quarter and the second quarter were 7.4% and 9.9% "
            "respectively.\n")
    got = figures(extract(text, period=Period("2023-Q3", "quarter", date(2023, 7, 1), date(2023, 9, 30))))
    margins = {r[4]: r[1] for r in got if r[3] == "gross-margin"}
    assert margins.get("7.4") == margins.get("11.2") != "orlenta", got
    assert margins.get("9.9") == margins.get("11.2"), got


# ---- a place on a yearly list is held for the list's year, not the month the list came out

def test_a_place_on_a_yearly_list_takes_the_year():
    text = ("Orlenta Holdings 2023 letter to shareholders\n\n"
            "In August, Fortune placed Orlenta 388th in its Global 500, our third year on the list.\n")
    res = extract(text)
    ranks = {(str(f.value), f.period.label if f.period else None) for f in res.facts if f.kind == "ranking"}
    assert ("388", "2023") in ranks, ranks


def test_a_place_in_a_month_without_a_list_keeps_the_month():
    text = ("Orlenta Holdings 2023 letter to shareholders\n\n"
            "In August, Orlenta ranked third in tablet shipments in Chile.\n")
    res = extract(text)
    ranks = {(str(f.value), f.period.label if f.period else None) for f in res.facts if f.kind == "ranking"}
    assert not any(p == "2023" for _, p in ranks), ranks


# ---- a benchmark's score is the score of its aspect, stated once (by the spec reader), with its unit and no period

def test_benchmark_scores_are_named_by_their_aspect_and_not_restated():
    text = ("Orlenta launches the Orlenta Vale 7 Pro\n\n"
            "The Orlenta Vale 7 Pro achieved a DxOMark score of 117 for overall camera performance, and topped the "
            "DxOMark rankings for video with a score of 98.\n")
    res = extract(text, genre="product_release", period=None)
    scores = {(f.metric, str(f.value), f.unit, f.period) for f in res.facts if str(f.value) in ("117", "98")}
    assert ("camera-score", "117", "points", None) in scores, scores
    assert ("video-score", "98", "points", None) in scores, scores
    assert len([s for s in scores if s[1] == "117" and s[0] != "camera-score"]) == 0, scores


def test_a_products_place_in_a_benchmark_ranking_has_no_period():
    text = ("Orlenta third quarter 2023 results\n\n"
            "Orlenta launched the Orlenta Vale 7 Pro in August. The Orlenta Vale 7 Pro achieved a DxOMark score of "
            "117 for overall camera performance, ranking 1st globally.\n")
    res = extract(text, period=Period("2023-Q3", "quarter", date(2023, 7, 1), date(2023, 9, 30)))
    # the place is the product's, stated for no period: never the quarter's, never the company's (the rank reader
    # does not know this invented product, so the place stays unresolved)
    ranks = [(f.subject.kind, str(f.value), f.period) for f in res.facts if f.kind == "ranking"]
    assert not any(p is not None or k == "organisation" for k, _, p in ranks), ranks
    assert any(str(u.value) == "1" and u.reason == "no period" for u in res.unresolved), res.unresolved
