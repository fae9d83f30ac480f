"""Market totals of a narrower kind of the note's category, and platforms named as themselves
(docs/decisions/2026-12-07-group-and-market-subjects.md). Invented firms, platforms and figures."""
from __future__ import annotations

from datetime import date
from typing import Optional

from marketgraph.graph.extract.pipeline import extract_document
from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.records import Document, EntityRef, ExtractionResult, Period

GAZ = load_gazetteer(ProjectPaths.default().gazetteer)
Q3 = Period("2025-Q3", "quarter", date(2025, 7, 1), date(2025, 9, 30))
BRIVANE = EntityRef("brivane", "organisation", "Brivane Ltd.", ("Company",))


def extract(text: str, *, genre: str, issuer: Optional[EntityRef], role: str) -> ExtractionResult:
    doc = Document(doc_id="t", source_file="t.txt", start=0, end=len(text), title=text.split("\n")[0],  # type: ignore[arg-type]
                   genre=genre, date="2025-11-20", issuer=issuer, period=Q3, role=role)  # type: ignore[arg-type]
    return extract_document(doc, text, GAZ)


NOTE = ("Orlen Insight: Worldwide wearables shipments dip 2.1% in the third quarter of 2025\n\n"
        "BOSTON, November 20, 2025 -- Worldwide shipments of wearable devices declined 2.1% year over year to 140.2 "
        "million units in the third quarter of 2025, according to Orlen Insight.\n\n"
        "Smartwatches moved the other way, growing 7.4% to 35.2 million units.\n")


def _subjects(res: ExtractionResult, value: str) -> set[str]:
    return {f.subject.label for f in res.facts if str(f.value) == value and f.subject is not None}


def test_a_narrower_kind_named_as_the_clauses_subject_is_its_own_market():
    res = extract(NOTE, genre="research_note", issuer=None, role="third_party")
    assert _subjects(res, "35200000") == {"World smartwatches market"}, _subjects(res, "35200000")
    assert _subjects(res, "7.4") == {"World smartwatches market"}, _subjects(res, "7.4")


def test_the_whole_categorys_total_stays_the_categorys_market():
    res = extract(NOTE, genre="research_note", issuer=None, role="third_party")
    assert _subjects(res, "140200000") == {"World wearables market"}, _subjects(res, "140200000")


def test_a_platform_is_labelled_by_its_own_name_not_its_makers():
    text = ("Brivane reports third quarter 2025 results\n\n"
            "The Orvo Link platform had 61 million connected devices at the end of September.\n")
    res = extract(text, genre="results_release", issuer=BRIVANE, role="first_party")
    plats = [f.subject for f in res.facts if f.subject is not None and f.subject.kind == "platform"]
    assert plats, res.facts
    assert {p.label for p in plats} == {"Orvo Link"}, plats


def test_a_segment_still_carries_its_companys_name():
    text = ("Brivane reports third quarter 2025 results\n\n"
            "Revenue of the Orvo Mobility segment rose 8% to $310 million in the quarter.\n")
    res = extract(text, genre="results_release", issuer=BRIVANE, role="first_party")
    segs = {f.subject.label for f in res.facts if f.subject is not None and f.subject.kind == "segment"}
    assert segs == {"Brivane Ltd. Orvo Mobility segment"}, segs


STORAGE = "Orlen Insight: Worldwide storage market in the third quarter of 2025\n\n"


def _group(text: str) -> set[str]:
    res = extract(STORAGE + text + "\n", genre="research_note", issuer=None, role="third_party")
    return {f.subject.label for f in res.facts if f.subject is not None and f.kind in ("metric", "market_share")}


def test_a_new_name_coordinated_with_companies_is_a_member_of_their_group():
    assert _group("Vendors led the market: Tessaly, Brightmoor and Quorra, whose combined share was 38.5%, stayed "
                  "ahead.") == {"Tessaly + Brightmoor + Quorra"}


def test_every_member_of_the_list_is_in_the_group():
    assert _group("Tessaly, Brightmoor and Quorra together took 33.2% of the market in the quarter.") == \
        {"Tessaly + Brightmoor + Quorra"}


def test_a_place_is_no_member_of_a_group():
    assert not any("+" in s for s in _group("Tessaly and Germany together took 33.2% of the market in the quarter."))


def test_a_kind_named_in_an_earlier_clause_does_not_take_the_next_clauses_figure():
    res = extract(NOTE + "In Western Europe, smartwatches grew while fitness bands fell by almost a third.\n",
                  genre="research_note", issuer=None, role="third_party")
    assert not any(f.subject is not None and f.subject.label.endswith("smartwatches market") and
                   str(f.value) == "-33.3" for f in res.facts), [(f.subject, f.value) for f in res.facts]


def test_a_kind_before_a_markets_measure_is_the_figures_category():
    text = NOTE.replace("Smartwatches moved the other way, growing 7.4% to 35.2 million units.",
                        "Global smartwatch shipments declined 4% year over year to 31.2 million units.")
    res = extract(text, genre="research_note", issuer=None, role="third_party")
    got = [(f.subject.label, dict(f.qualifiers).get("category")) for f in res.facts if str(f.value) == "31200000"]
    assert got == [("World smartwatches market", "smartwatches")], got
