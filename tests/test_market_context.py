"""The market a passage on a market sets for the vendor figures that follow (graph/extract/marketslot.py,
discourse.py): invented notes and releases, each case with the market every vendor figure must carry, and the
figures that must carry none (a company's own results are in no one market)."""
from __future__ import annotations

from datetime import date
from typing import Optional

from marketgraph.graph.extract.pipeline import extract_document
from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.records import Document, EntityRef, Fact, Period

GAZ = load_gazetteer(ProjectPaths.default().gazetteer)
HALDEN = EntityRef("halden-micro-systems", "organisation", "Halden Micro Systems, Inc.", ("Company",))
Q3 = Period("2023-Q3", "quarter", date(2023, 7, 1), date(2023, 9, 30))
Q1 = Period("2023-Q1", "quarter", date(2023, 1, 1), date(2023, 3, 31))
NOTE = {"genre": "research_note", "issuer": None, "role": "third_party", "period": Q1}
TITLE = "Market brief\n\n"


def facts_of(text: str, *, genre: str = "results_release", issuer: Optional[EntityRef] = HALDEN,
             period: Optional[Period] = Q3, role: Optional[str] = None) -> list[Fact]:
    doc = Document(doc_id="t", source_file="t.txt", start=0, end=len(text), title="t", genre=genre,  # type: ignore[arg-type]
                   date="2023-11-02", issuer=issuer, period=period, role=role)  # type: ignore[arg-type]
    return extract_document(doc, text, GAZ, only=["measures"]).facts


def table(facts: list[Fact], kinds=("metric", "change", "market_share", "ranking")) -> set[tuple]:
    """(kind, subject, value, period, market) of every vendor figure (market totals left out)."""
    return {(f.kind, f.subject.label, str(f.value), f.period.label if f.period else None,
             f.market.key if f.market else None) for f in facts if f.kind in kinds and f.subject.kind != "market"}


LEAD = ("Halden Micro Systems, Inc. said on Thursday that revenue in the first quarter rose 41% from a year earlier to "
        "$2.86 billion, well ahead of the $2.61 billion analysts had expected, as schools and families kept buying "
        "e-readers and tablets for remote learning. Net income more than tripled to $212 million, or $1.18 a share, "
        "from $64 million a year earlier. Gross margin widened by 2.6 percentage points to 35.2%, the company said, "
        "helped by lower freight costs and a richer mix of premium models. Sales of e-readers, which the company "
        "reports as its Slate Devices segment, climbed 48% to $1.94 billion.\n\n")
NEWS = {"genre": "news", "issuer": HALDEN, "role": "third_party", "period": Q1}
NOTE_TEXT = (TITLE + "Worldwide e-reader shipments fell 3% to 14.2 million units in the first quarter of 2023, according to "
             "Brightline Research.\n\n"
             "Tarnwell shipped 4.1 million of them, for a 28.9% share and first place. Kestrel Devices Ltd. shipped 2.6 "
             "million, an 18.3% share, after its shipments rose 12%.\n")


def test_the_market_of_a_note_carries_to_each_vendors_shipments_share_rank_and_growth():
    facts = facts_of(TITLE + LEAD + NOTE_TEXT[len(TITLE):], **NEWS)
    got = table(facts)
    own = [f for f in facts if f.kind in ("metric", "change") and f.subject.label == HALDEN.label]
    assert len(own) >= 5 and all(f.market is None for f in own), got    # the company's own results: no market
    assert {("metric", "Tarnwell", "4100000", "2023-Q1", "world"),
            ("market_share", "Tarnwell", "28.9", "2023-Q1", "world"),
            ("ranking", "Tarnwell", "1", "2023-Q1", "world"),
            ("metric", "Kestrel Devices Ltd.", "2600000", "2023-Q1", "world"),
            ("market_share", "Kestrel Devices Ltd.", "18.3", "2023-Q1", "world"),
            ("change", "Kestrel Devices Ltd.", "12", "2023-Q1", "world")} <= got, got


def test_a_market_the_text_names_later_takes_over_until_another():
    text = NOTE_TEXT + ("\nIn Poland, e-reader shipments rose 6% to 0.9 million units in the first quarter of 2023.\n\n"
                        "Tarnwell sold 0.3 million there.\n")
    got = table(facts_of(text, **NOTE), kinds=("metric",))
    assert ("metric", "Tarnwell", "4100000", "2023-Q1", "world") in got, got
    assert ("metric", "Tarnwell", "300000", "2023-Q1", "poland") in got, got


def test_a_companys_own_revenue_in_a_results_release_gets_no_market_from_a_note():
    text = (TITLE + "Worldwide e-reader shipments fell 3% to 14.2 million units in the third quarter, according to "
            "Brightline Research.\n\n"
            "The Group's revenue rose 8% to $2.1 billion. Rival Orvik Devices AB shipped 2.6 million e-readers.\n")
    facts = facts_of(text)
    revenue = [f for f in facts if f.metric == "revenue"]
    assert revenue and all(f.market is None for f in revenue), [(f.kind, f.value, f.market) for f in revenue]
    assert ("metric", "Orvik Devices AB", "2600000", "2023-Q3", "world") in table(facts), table(facts)


def test_a_sentence_opening_with_a_market_holds_for_its_later_clauses():
    text = (TITLE + "Global hearing aid unit sales rose by around 4% in 2022, trade statistics indicate. In Poland last year, "
            "Marrow and Tellis together accounted for roughly 45% of units sold.\n")
    got = table(facts_of(text, **NOTE), kinds=("market_share",))
    assert {(value, market) for _, _, value, _, market in got} == {("45", "poland")}, got


def test_a_place_a_company_comes_from_is_not_the_market_of_its_figure():
    text = (TITLE + "In mid-drive motors, Vantor is the number two supplier in Europe with a market share of 24 per cent in "
            "2022. Market leader Brekke Antrieb GmbH holds 38 per cent and Japan's Kuroda Components 14 per cent. "
            "Sanjo Drive, the largest Japanese supplier, came second with 19%.\n")
    got = table(facts_of(text, **NOTE), kinds=("market_share",))
    assert {(subject, market) for _, subject, value, _, market in got if value == "38"} == \
        {("Brekke Antrieb GmbH", "europe")}, got
    assert not [x for x in got if x[-1] == "japan"], got


def test_a_market_in_an_aside_after_the_figure_is_not_its_market():
    text = (TITLE + "Global shipments of wearable devices declined 3.4% to 141.3 million units in the first quarter of 2023."
            "\n\nZhenyu remained in second place despite a 14.1% drop, with its home market of China absorbing 71% "
            "of the firm's shipments.\n")
    got = table(facts_of(text, **NOTE), kinds=("ranking",))
    assert got == {("ranking", "Zhenyu", "2", "2023-Q1", "world")}, got


def test_a_heading_ends_the_market_a_passage_set():
    text = (TITLE + "E-bike unit sales in Europe reached 5.1 million in 2022.\n\n"
            "Germany remained the largest market with 2.2 million units sold in 2022.\n\n"
            "Brands and suppliers\n\n"
            "Brennholt Bikes AG shipped 0.4 million units in 2022.\n")
    got = table(facts_of(text, **NOTE), kinds=("metric",))
    assert got == {("metric", "Brennholt Bikes AG", "400000", "2022", "europe")}, got   # the note's, not Germany


def test_a_research_firms_count_of_a_vendors_volume_with_no_market_named_is_worldwide():
    text = (TITLE + "Tarnwell unveiled its new phone in Shanghai on Tuesday.\n\n"
            "Tarnwell shipped 9.6 million smartphones in the first half of 2023, according to IDC.\n")
    got = table(facts_of(text, **NEWS | {"issuer": None}), kinds=("metric",))
    assert got == {("metric", "Tarnwell", "9600000", "2023-H1", "world")}, got
    own = "We shipped 9.6 million smartphones in the first half of 2023, according to IDC."
    assert [f.market for f in facts_of(TITLE + own) if f.kind == "metric"] == [None]    # the issuer's own count


def test_a_research_firms_calendar_half_is_a_calendar_half_not_a_fiscal_one():
    from marketgraph.graph.fiscal import FiscalCalendar
    fiscal = FiscalCalendar(end_month=1)       # a fiscal year ending in January (Q2 FY2024 = May-Jul 2023)
    q2 = Period("FY2024-Q2", "quarter", date(2023, 5, 1), date(2023, 7, 31), fiscal_label="Q2 FY2024")
    text = (TITLE + "According to IDC, Halden held 18% of U.S. smart-home hub shipments in the first half of "
            "calendar 2023, ranking second.\n")
    doc = Document(doc_id="t", source_file="t.txt", start=0, end=len(text), title="t", genre="results_release",  # type: ignore[arg-type]
                   date="2023-08-29", issuer=HALDEN, period=q2, fiscal=fiscal)
    facts = extract_document(doc, text, GAZ, only=["measures"]).facts
    got = {(f.kind, str(f.value), f.period.label if f.period else None, f.market.key if f.market else None)
           for f in facts if f.kind in ("market_share", "ranking")}
    assert got == {("market_share", "18", "2023-H1", "united-states"), ("ranking", "2", "2023-H1", "united-states")}, got


def test_a_company_after_a_places_possessive_is_the_subject_and_the_place_not_its_market():
    text = (TITLE + "Global tablet shipments rose 5% to 40 million units in the first quarter of 2023.\n\n"
            "South Korea's Sangwon Electronics ranked second, and Japan's Kurose Devices held 12% of the "
            "market.\n")
    got = table(facts_of(text, **NOTE), kinds=("ranking", "market_share"))
    assert got == {("ranking", "Sangwon Electronics", "2", "2023-Q1", "world"),
                   ("market_share", "Kurose Devices", "12", "2023-Q1", "world")}, got


def test_a_sentence_without_figures_that_opens_with_a_market_sets_the_market_of_what_follows():
    text = (TITLE + "Global tablet shipments rose 5% to 40 million units in the first quarter of 2023.\n\n"
            "Poland is where the shift showed up most clearly. Tarnwell's shipments on the continent grew 88.3%, "
            "lifting it to third place with a 17.6% share.\n")
    got = table(facts_of(text, **NOTE), kinds=("change", "market_share"))
    assert got == {("change", "Tarnwell", "88.3", "2023-Q1", "poland"),
                   ("market_share", "Tarnwell", "17.6", "2023-Q1", "poland")}, got


def test_a_companys_own_share_and_rank_are_in_the_market_the_text_is_on_but_its_revenue_is_not():
    text = (TITLE + "Our revenue grew 9% to $2.1 billion. One market to highlight is Poland. We continue to gain "
            "share, and we ranked top 3 for the first time, with a market share of 17%. Our revenue there is not "
            "disclosed, but group revenue rose 9%.\n")
    facts = facts_of(text, genre="earnings_call", role="first_party")
    got = table(facts, kinds=("market_share", "ranking"))
    assert got == {("market_share", HALDEN.label, "17", "2023-Q3", "poland"),
                   ("ranking", HALDEN.label, "3", "2023-Q3", "poland")}, got
    assert all(f.market is None for f in facts if f.metric == "revenue"), table(facts)


def test_a_place_in_a_list_of_three_or_more_is_part_of_a_region_not_the_figures_market():
    text = (TITLE + "E-bike sales in Europe were strong in 2022.\n\n"
            "Unit sales of e-bikes in the EU-27, the UK, Norway and Switzerland reached 5.1 million in 2022.\n")
    facts = facts_of(text, **NOTE)
    got = {(str(f.value), f.market.key if f.market else None) for f in facts if f.kind == "metric"}
    assert ("5100000", "europe") in got and ("5100000", "switzerland") not in got, got


def test_a_market_behind_a_cause_is_the_causes_and_a_market_total_is_the_total_of_its_own_market():
    text = (TITLE + "Worldwide TV shipments fell 1.9 per cent in 2023 to 202.4m units.\n\n"
            "Shipments rose 1.2 per cent year-on-year to 58.9m units in the first quarter of 2023, on the back of "
            "strong promotions in North America. Tarnwell added 2.3m units on the strength of its budget range in "
            "Latin America.\n")
    facts = facts_of(text, **NOTE)
    got = {(f.subject.label, str(f.value), f.market.key if f.market else None) for f in facts
           if f.kind == "metric" and str(f.value) in ("58900000", "2300000")}
    assert got == {("World TVs market", "58900000", "world"), ("Tarnwell", "2300000", "world")}, got


def test_places_after_an_exclusion_word_are_all_left_out():
    text = (TITLE + "Wearable shipments in Asia/Pacific excluding Japan and China rose 8.7% in the first quarter of "
            "2023.\n")
    facts = facts_of(text, **NOTE)
    assert {f.market.key if f.market else None for f in facts if f.kind == "change"} == {"asia-pacific"}, \
        [(f.kind, f.value, f.market) for f in facts]


def test_a_vendors_volume_in_a_country_named_after_it_does_not_change_the_passages_market():
    text = (TITLE + "Global tablet shipments rose 5% to 40 million units in the first quarter of 2023.\n\n"
            "Sagara Ltd. shipped 0.5 million tablets in Vietnam.\n\n"
            "Tenmoku Ltd. ranked fifth with a 7.1% share.\n")
    got = table(facts_of(text, **NOTE), kinds=("market_share",))
    assert got == {("market_share", "Tenmoku Ltd.", "7.1", "2023-Q1", "world")}, got


def test_an_undated_text_reads_a_yearless_quarter_in_the_year_of_the_period_it_carries():
    text = (TITLE + "Tarnwell shipped 9.6 million smartphones in the first half of 2023, according to IDC. That made "
            "it the fifth-largest vendor in Poland in the second quarter, with an 8.7% share.\n")
    doc = Document(doc_id="t", source_file="t.txt", start=0, end=len(text), title="t", genre="news",  # type: ignore[arg-type]
                   date=None, issuer=None, period=None, role="third_party")  # type: ignore[arg-type]
    facts = extract_document(doc, text, GAZ, only=["measures"]).facts
    got = {(f.kind, str(f.value), f.period.label if f.period else None) for f in facts
           if f.kind in ("metric", "market_share")}
    assert got == {("metric", "9600000", "2023-H1"), ("market_share", "8.7", "2023-Q2")}, got


def test_a_rank_in_a_markets_measure_takes_the_period_after_the_measure():
    text = (TITLE + "The company plans to double revenue by 2027. IDC data cited at the event put Tarnwell Devices Inc. fifth in "
            "global smartwatch shipments in calendar 2022 with a 5.2% share.\n")
    facts = facts_of(text, genre="news", role="third_party")
    got = {(f.kind, str(f.value), f.period.label if f.period else None, f.market.key if f.market else None)
           for f in facts if f.kind in ("ranking", "market_share")}
    assert got == {("ranking", "5", "2022", "world"), ("market_share", "5.2", "2022", "world")}, got


def test_a_paragraph_that_goes_through_several_markets_has_no_market_of_its_own():
    text = (TITLE + "Global tablet shipments rose 5% to 40 million units in the first quarter of 2023.\n\n"
            "Kirrin Ltd. had a 31% share in Thailand. Sagara Ltd. held a 12% share in Vietnam. Tenmoku Ltd. ranked "
            "fifth with a 7.1% share.\n")
    got = table(facts_of(text, **NOTE), kinds=("market_share",))
    assert got == {("market_share", "Kirrin Ltd.", "31", "2023-Q1", "thailand"),
                   ("market_share", "Sagara Ltd.", "12", "2023-Q1", "vietnam"),
                   ("market_share", "Tenmoku Ltd.", "7.1", "2023-Q1", "world")}, got


def test_a_market_a_notes_paragraph_names_after_its_lead_is_a_part_of_the_note_not_its_market():
    text = (TITLE + "Worldwide PC shipments grew 1.5% to 59.8 million units in the first quarter of 2023, according "
            "to IDC. In the United States, PC shipments rose 4% to 16.2 million units.\n\n"
            "Hollin Ltd. held a 22.9% share. Corsa Ltd. held a 15.7% share.\n")
    got = table(facts_of(text, **NOTE), kinds=("market_share",))
    assert got == {("market_share", "Hollin Ltd.", "22.9", "2023-Q1", "world"),
                   ("market_share", "Corsa Ltd.", "15.7", "2023-Q1", "world")}, got


def test_a_heading_of_a_companys_own_call_does_not_end_the_market_its_passage_set():
    text = (TITLE + "As per IDC, India's wearables market shipped 31.2 million units in the quarter, down 4%.\n\n"
            "Q&A\n\n"
            "In that price band our share is now close to 45%.\n")
    got = table(facts_of(text, genre="earnings_call", role="first_party"), kinds=("metric", "market_share"))
    assert got == {("metric", HALDEN.label, "45", "2023-Q3", "india")} or \
        got == {("market_share", HALDEN.label, "45", "2023-Q3", "india")}, got


def test_a_vendor_figure_in_a_notes_market_takes_the_period_the_notes_lead_states():
    from marketgraph.graph.fiscal import FiscalCalendar
    fiscal = FiscalCalendar(end_month=1)
    q1 = Period("FY2024-Q1", "quarter", date(2023, 2, 1), date(2023, 4, 30), fiscal_label="Q1 FY2024")
    text = (TITLE + "Global tablet shipments fell 3% to 40 million units in the first quarter of 2023, according to "
            "IDC.\n\n"
            "Tarnwell Ltd. shipped 6.1 million of them, for a 15.3% share.\n")
    doc = Document(doc_id="t", source_file="t.txt", start=0, end=len(text), title="t", genre="news",  # type: ignore[arg-type]
                   date="2023-05-25", issuer=HALDEN, period=q1, fiscal=fiscal, role="third_party")
    got = table(extract_document(doc, text, GAZ, only=["measures"]).facts)
    assert got == {("metric", "Tarnwell Ltd.", "6100000", "2023-Q1", "world"),
                   ("market_share", "Tarnwell Ltd.", "15.3", "2023-Q1", "world")}, got
