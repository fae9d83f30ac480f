"""Research-firm press releases and business news in the shapes real ones are written in (a dateline opening the
market total, "retained the top spot", "came in second", "a distant third", "rounded out the top five", multiples,
new metric names, market subjects). Invented firms, vendors and figures; exact subject/metric/value/period asserted,
and the wrong readings asserted absent."""
from __future__ import annotations

from datetime import date
from typing import Optional

from marketgraph.graph.extract.pipeline import extract_document
from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.records import Document, EntityRef, Fact, Period

GAZ = load_gazetteer(ProjectPaths.default().gazetteer)
CORVANE = EntityRef("corvane", "organisation", "Corvane Inc.", ("Company",))
Q3 = Period("2024-Q3", "quarter", date(2024, 7, 1), date(2024, 9, 30))


def facts_of(text: str, *, genre: str = "news", issuer: Optional[EntityRef] = None,
             period: Optional[Period] = None, role: str = "third_party") -> list[Fact]:
    doc = Document(doc_id="t", source_file="t.txt", start=0, end=len(text), title="t", genre=genre,  # type: ignore[arg-type]
                   date="2024-10-21", issuer=issuer, period=period, role=role)  # type: ignore[arg-type]
    return extract_document(doc, text, GAZ).facts


def rows(facts: list[Fact]) -> set[tuple]:
    """(kind, subject label, metric, value, unit, period) of every numeric fact."""
    return {(f.kind, f.subject.label, f.metric, str(f.value), f.unit, f.period.label if f.period else None)
            for f in facts if f.kind in ("metric", "change", "market_share", "ranking", "count")}


NOTE = ("Global tablet shipments rise 3.1% in Q3 2024, says Halvard Research\n\n"
        "LONDON, October 21, 2024 -- Worldwide tablet shipments grew 3.1% year over year to 36.4 million units in "
        "the third quarter of 2024, according to preliminary data from Halvard Research.\n\n"
        "Marquon retained the top spot with 12.8 million units, down 2.0% from a year earlier. Tessaro came in "
        "second, shipping 6.1 million units, up 9.4%. Vellum was a distant third with 3.3 million units. Ostrava "
        "climbed to fourth place, while Kelbrook rounded out the top five with 1.9 million units.\n")


def test_a_datelines_date_is_no_figures_period_the_quarter_the_note_names_is():
    got = rows(facts_of(NOTE))
    assert ("change", "World tablets market", "shipments", "3.1", "percent", "2024-Q3") in got, got
    assert ("metric", "World tablets market", "shipments", "36400000", "units", "2024-Q3") in got, got
    assert ("change", "Marquon", "shipments", "-2", "percent", "2024-Q3") in got, got
    assert ("metric", "Tessaro", "shipments", "6100000", "units", "2024-Q3") in got, got
    assert not any(r[5] == "2024-10-21" for r in got), got      # the dateline dates the note, no figure


def test_a_wire_dateline_with_a_state_and_the_wires_name_dates_no_figure():
    text = ("Corvane reports third quarter results\n\n"
            "SEATTLE, Wash., Nov. 5, 2024 (GLOBE NEWSWIRE) -- Revenue grew 14% year over year to $812.0 million "
            "in the third quarter of 2024.\n")
    got = rows(facts_of(text, genre="results_release", issuer=CORVANE, period=Q3, role="first_party"))
    assert ("change", "Corvane Inc.", "revenue", "14", "percent", "2024-Q3") in got, got
    assert not any(r[5] == "2024-11-05" for r in got), got


def test_vendor_sentences_give_each_vendor_its_place_in_the_quarter():
    got = rows(facts_of(NOTE))
    for vendor, place in (("Marquon", "1"), ("Tessaro", "2"), ("Vellum", "3"), ("Ostrava", "4"),
                          ("Kelbrook", "5")):
        assert ("ranking", vendor, "shipments", place, None, "2024-Q3") in got, (vendor, got)


def test_one_vendor_rounding_out_the_top_five_is_fifth_and_its_units_are_its_own():
    facts = facts_of(NOTE)
    got = rows(facts)
    assert ("metric", "Kelbrook", "shipments", "1900000", "units", "2024-Q3") in got, got
    # the vendor's units are not the market's
    assert not any(r[1] == "World tablets market" and r[3] == "1900000" for r in got), got
    fifth = [f for f in facts if f.kind == "ranking" and f.subject.label == "Kelbrook"]
    assert fifth and all(dict(f.qualifiers).get("rank_type") != "top" for f in fifth), fifth


def test_two_vendors_rounding_out_the_top_five_are_among_the_top_five_not_fifth():
    facts = facts_of("Tablet vendors in Q3 2024\n\nWorldwide tablet shipments grew 3.1% to 36.4 million units in the "
                     "third quarter of 2024. Ostrava and Kelbrook rounded out the top five.\n")
    ranked = [f for f in facts if f.kind == "ranking" and f.value == 5]
    assert all(dict(f.qualifiers).get("rank_type") == "top" for f in ranked), ranked
