"""What a figure's subject and period resolve to from the text around it (graph/extract/subjectslot.py,
periodslot.py, periods.py, frameparts.py): a research firm cited as a source is not what "it" refers to; a
quarter written without its year takes the year the paragraph carries, and one that would fall after the story's
date is last year's; a rank's period may follow the noun it ranks; a product category before a volume measure is
the company's category, not a segment. Invented texts; each case states the facts that must come out and the
wrong ones that must not."""
from __future__ import annotations

from typing import Optional

import pytest

from marketgraph.graph.extract.pipeline import extract_document
from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.records import Document, EntityRef, Fact

GAZ = load_gazetteer(ProjectPaths.default().gazetteer)
VELLORA = EntityRef("vellora-devices", "organisation", "Vellora Devices Ltd", ("Company",))
TITLE = "Market brief\n\n"


def facts_of(text: str, *, date: str = "2024-03-14", issuer: Optional[EntityRef] = VELLORA) -> list[Fact]:
    text = TITLE + text
    doc = Document(doc_id="t", source_file="t.txt", start=0, end=len(text), title="t", genre="news",  # type: ignore[arg-type]
                   date=date, issuer=issuer, period=None, role="third_party")
    return extract_document(doc, text, GAZ).facts


def rows(facts: list[Fact]) -> set[tuple]:
    return {(f.kind, f.subject.label, str(f.value), f.period.label if f.period else None) for f in facts
            if f.kind in ("metric", "change", "market_share", "ranking")}


def test_it_after_a_cited_research_firm_is_the_company_the_sentence_is_about():
    got = rows(facts_of("Orsk Mobile's shipments in Europe grew 61% year-on-year in the third quarter of 2023, "
                        "according to Brightline Research, lifting it to third place with a 14.2% market share. In "
                        "Portugal it ranked first.\n"))
    assert ("ranking", "Orsk Mobile", "3", "2023-Q3") in got, got
    assert ("ranking", "Orsk Mobile", "1", "2023-Q3") in got, got
    assert not any(r[1].startswith("Brightline") for r in got), got


def test_a_research_firm_that_is_the_topic_still_takes_its_and_the_firm():
    """Only a name cited for a figure is passed over: a paragraph about the firm itself keeps it as "its"."""
    got = rows(facts_of("Brightline Research is an independent market analyst firm based in Leeds. Its tracker service "
                        "covers 74 countries.\n"))
    assert not any(r[1] == "Vellora Devices Ltd" for r in got), got


@pytest.mark.parametrize("sentence, period", [
    ("That made it the fifth-largest vendor in Chile in the second quarter, with a 7.9% share.", "2023-Q2"),
    ("In the second quarter, it held a 7.9% share.", "2023-Q2"),
])
def test_a_quarter_without_its_year_takes_the_year_the_paragraph_carries(sentence, period):
    got = rows(facts_of("Orsk Mobile shipped 8.4 million smartphones in the first half of 2023. " + sentence + "\n"))
    assert ("market_share", "Orsk Mobile", "7.9", period) in got, got
    assert not any(r[3] == "2024-Q2" for r in got), got        # the story's year is not the figure's


def test_a_rank_takes_the_period_written_after_the_noun_it_ranks():
    got = rows(facts_of("Orsk Mobile shipped 8.4 million smartphones in the first half of 2023. That made it the "
                        "fifth-largest vendor in Chile in the second quarter.\n"))
    assert ("ranking", "Orsk Mobile", "5", "2023-Q2") in got, got
    assert ("ranking", "Orsk Mobile", "5", "2023-H1") not in got, got


def test_a_quarter_that_would_fall_after_the_story_is_last_years_unless_the_clause_looks_ahead():
    got = rows(facts_of("In the fourth quarter, Orsk Mobile sold 2.3 million tablets.\n\n"
                        "Orsk Mobile will ship 1.1 million tablets in the third quarter, the company said.\n",
                        date="2024-02-20"))
    assert ("metric", "Orsk Mobile", "2300000", "2023-Q4") in got, got
    assert ("metric", "Orsk Mobile", "2300000", "2024-Q4") not in got, got
    assert not any(r[2] == "1100000" and r[3] == "2023-Q3" for r in got), got


def test_a_category_before_a_volume_measure_is_the_companys_not_a_segment():
    facts = facts_of("Orsk Mobile smartphone shipments reached 9.6 million in 2023, up 21% from a year earlier.\n")
    got = rows(facts)
    assert ("metric", "Orsk Mobile", "9600000", "2023") in got, got
    assert ("change", "Orsk Mobile", "21", "2023") in got, got
    assert not any(f.subject.kind == "segment" for f in facts), [f.subject for f in facts]


def test_a_category_before_a_money_measure_is_still_a_reporting_line():
    facts = facts_of("Orsk Mobile said smartphone revenue rose 12% to $2.1 billion in 2023.\n")
    money = [f for f in facts if f.kind == "metric" and str(f.value) == "2100000000"]
    assert money and all(f.subject.label != "Orsk Mobile" for f in money), [(f.subject, f.metric) for f in money]


@pytest.mark.parametrize("sentence", [
    "At Tarvo Nordic, revenue rose 12% to 3.1 billion euros in 2023.",
    "For Halsey Brothers, net profit fell 4% to 310 million euros in 2023.",
    "Meanwhile Orsk Mobile revenue climbed 8% to 1.2 billion euros in 2023.",
])
def test_a_figure_by_a_name_the_engine_does_not_know_is_not_the_issuers_by_default(sentence):
    """In a news story about Vellora, a clause about another name is never Vellora's figure."""
    facts = facts_of("Vellora Devices Ltd reported strong results on Monday.\n\n" + sentence + "\n")
    money = [f for f in facts if f.kind in ("metric", "change") and f.metric in ("revenue", "net-profit")]
    assert all(f.subject.label != VELLORA.label for f in money), [(f.subject.label, f.metric, f.value) for f in money]


@pytest.mark.parametrize("sentence, value", [
    ("Revenue rose 9% to 2 billion euros in 2023.", "2000000000"),
    ("In Europe, revenue rose 3% to 1 billion euros in 2023, the chief executive said.", "1000000000"),
    ("The Leeds-based company said revenue rose 31 per cent to 980 million euros in 2023.", "980000000"),
    ("Chief executive Maren Ostby said revenue rose 6% to 1.4 billion euros in 2023.", "1400000000"),
])
def test_a_story_about_the_company_keeps_its_figures_when_no_other_name_is_in_the_subjects_place(sentence, value):
    facts = facts_of("Vellora Devices Ltd reported strong results on Monday.\n\n" + sentence + "\n")
    assert any(f.kind == "metric" and str(f.value) == value and f.subject.label == VELLORA.label for f in facts), \
        [(f.kind, f.subject.label, str(f.value)) for f in facts]


ORVANE = EntityRef("orvane-systems", "organisation", "Orvane Systems Inc.", ("Company",))


def release_facts(text: str) -> list[Fact]:
    from datetime import date
    from marketgraph.graph.records import Period
    text = "Third quarter results\n\n" + text
    doc = Document(doc_id="r", source_file="r.txt", start=0, end=len(text), title="t", genre="results_release",  # type: ignore[arg-type]
                   date="2023-11-08", issuer=ORVANE, period=Period("2023-Q3", "quarter", date(2023, 7, 1),
                                                                   date(2023, 9, 30)), role="first_party")
    return extract_document(doc, text, GAZ, only=["measures"]).facts


def by_value(facts: list[Fact]) -> dict[str, tuple[str, str, str]]:
    return {str(f.value): (f.kind, f.subject.label, f.metric or "") for f in facts}


def test_the_division_after_a_measure_is_the_part_the_paragraph_is_about():
    got = by_value(release_facts("Industrial Automation revenue rose 11% to $1.9 billion. Orders in the division grew "
                                 "6%.\n"))
    assert got["6"][1] == "Industrial Automation", got
    assert not any(label.endswith("the") for _, label, _ in got.values()), got   # never a part named "the"


def test_a_part_fronted_at_the_head_of_the_sentence_holds_for_its_later_clauses():
    got = by_value(release_facts("In Mobility, revenue fell 3% to $820 million, while segment profit declined 9% to "
                                 "$61 million.\n"))
    assert got["61000000"] == ("metric", "Mobility", "segment-profit"), got
    assert got["-9"] == ("change", "Mobility", "segment-profit"), got


def test_a_measure_only_parts_report_is_never_the_whole_companys():
    facts = release_facts("Orvane Systems reported revenue of $4.2 billion. Segment profit rose 4% to $700 million.\n")
    assert not any(f.metric == "segment-profit" for f in facts), [(f.subject.label, f.metric, f.value) for f in facts]


def test_the_first_half_of_a_year_is_a_period_not_a_fraction():
    got = rows(facts_of("Orsk Mobile sold 9.6 million smartphones in the first half of 2023, up 21% from a year "
                        "earlier.\n"))
    assert ("change", "Orsk Mobile", "21", "2023-H1") in got, got
    assert not any(r[2] == "50" for r in got), got


BRIGHTLINE = EntityRef("brightline-research", "organisation", "Brightline Research", ("Company",))


def note_all(text: str) -> list[Fact]:
    """Every fact of a research note by Brightline (no reporting period of its own) whose body is ``text``."""
    text = "Market note\n\n" + text
    doc = Document(doc_id="n", source_file="n.txt", start=0, end=len(text), title="Market note",  # type: ignore[arg-type]
                   genre="research_note", date="2024-04-20", issuer=BRIGHTLINE, period=None, role="third_party")
    return extract_document(doc, text, GAZ).facts


def note_facts(text: str) -> set[tuple]:
    return {(f.kind, f.subject.label, str(f.value), f.period.label if f.period else None,
             f.market.key if f.market else None) for f in note_all(text)
            if f.kind in ("metric", "market_share", "ranking")}


LEAD_NOTE = "Global smartwatch shipments rose 4% to 41.2 million units in the first quarter of 2024.\n\n"


def test_a_note_without_a_reporting_period_gives_its_leads_period_to_vendor_figures_below():
    got = note_facts(LEAD_NOTE + "Tarvel and Oskin followed, with 18.1% and 12.4% of the market, respectively.\n\n"
                                 "Miravo led in Brazil, where it took 21% of shipments.\n")
    assert {("market_share", "Tarvel", "18.1", "2024-Q1", "world"),
            ("market_share", "Oskin", "12.4", "2024-Q1", "world"),
            ("market_share", "Miravo", "21", "2024-Q1", "brazil")} <= got, got
    assert not any(r[1] == "Oskin" and r[2] == "18.1" for r in got), got


def test_a_rival_coordinated_with_a_rival_is_not_the_subject():
    got = note_facts(LEAD_NOTE + "In Spain, Tarvel ranked first, surpassing Oskin and Miravo, reaching a market share "
                                 "of 31%.\n")
    assert ("market_share", "Tarvel", "31", "2024-Q1", "spain") in got, got
    assert not any(r[1] in ("Oskin", "Miravo") and r[2] == "31" for r in got), got


def test_a_change_stated_only_in_words_names_the_vendor_it_is_about():
    """"Orsk's shipments doubled", "Miravo doubled its shipments", "Hanwei's shipments were unchanged": a multiple
    or a flat change with no digit in the clause still makes the name a vendor -- never the market's figure."""
    text = LEAD_NOTE + ("Orsk's shipments of smart displays doubled year on year. Miravo doubled its shipments.\n\n"
                        "Hanwei's shipments were unchanged.\n")
    facts = note_all(text)
    got = {(f.subject.label, str(f.value), f.period.label if f.period else None)
           for f in facts if f.kind == "change" and f.metric == "shipments"}
    assert {("Orsk", "100", "2024-Q1"), ("Miravo", "100", "2024-Q1"), ("Hanwei", "0", "2024-Q1")} <= got, got
    assert not any(label.startswith("World") and value in ("100", "0") for label, value, _ in got), got


def test_a_flat_measure_without_a_figure_is_a_change_of_zero():
    facts = release_facts("Headcount was essentially flat year on year. Services revenue was unchanged from a "
                          "year earlier.\n")
    got = [(f.kind, f.metric, str(f.value), f.unit, f.qualifier("flat")) for f in facts]
    assert [r for r in got if r[1] == "service-revenue"] == [("change", "service-revenue", "0", "percent", "yes")], got
    assert ("change", "number-of-employees", "0", "percent", "yes") in got, got


@pytest.mark.parametrize("sentence, metric, value", [
    ("The company reduced headcount by 140 in the quarter.", "number-of-employees", "-140"),
    ("The stronger dollar added about $35 million to revenue.", "revenue", "35000000"),
])
def test_an_amount_by_which_a_measure_moved_is_a_change_not_its_level(sentence, metric, value):
    facts = release_facts(sentence + "\n")
    assert [(f.kind, f.metric, str(f.value)) for f in facts if f.metric == metric] == [("change", metric, value)], \
        [(f.kind, f.metric, str(f.value)) for f in facts]


def test_so_many_more_units_is_a_difference_not_a_volume():
    got = note_facts(LEAD_NOTE + "Oskin shipped 400,000 more units than a year earlier.\n")
    assert not any(r[1] == "Oskin" and r[2] == "400000" for r in got), got     # never Oskin's volume
    facts = note_all(LEAD_NOTE + "Oskin shipped 400,000 more units than a year earlier.\n")
    changes = [(f.subject.label, str(f.value), f.unit) for f in facts
               if f.kind == "change" and f.subject.label == "Oskin"]
    assert changes == [("Oskin", "400000", "units")], changes


@pytest.mark.parametrize("sentence, subject, metric, value, unit", [
    ("Halberd was third, but its shipments fell only 10.5%.", "Halberd", "shipments", "-10.5", "percent"),
    # the product kind stays in the measure (graph/extract/metricqualifiers.py): not the vendor's total shipments
    ("Boltwave said its smartwatch shipments dropped by a third in the quarter.", "Boltwave", "smartwatch-shipments",
     "-33.3", "percent"),
    ("Arvena led, although its market share slipped a full point.", "Arvena", "market-share", "-1", "pp"),
])
def test_changes_in_words_belong_to_the_vendor_named(sentence, subject, metric, value, unit):
    facts = note_all(LEAD_NOTE + sentence + "\n")
    changes = [(f.subject.label, f.metric, str(f.value), f.unit, f.period.label if f.period else None)
               for f in facts if f.kind == "change" and str(f.value) == value]
    assert changes == [(subject, metric, value, unit, "2024-Q1")], changes


def test_an_owner_the_text_names_but_the_engine_cannot_resolve_is_not_the_market():
    facts = note_all(LEAD_NOTE + "As the company said, its smartwatch shipments dropped by a third.\n")
    assert not any(f.kind == "change" and str(f.value) == "-33.3" and f.subject.kind == "market"
                   for f in facts)


def test_a_company_described_by_its_place_is_the_storys_company_not_the_market():
    facts = facts_of("Vellora Devices Ltd reported results on Monday.\n\nGlobal smartphone shipments fell 9% in the "
                     "third quarter of 2023.\n\nThe Leeds-based company shipped 9.8 million smartphones in the third "
                     "quarter of 2023.\n")
    shipped = [(f.subject.label, f.subject.kind) for f in facts if f.kind == "metric" and str(f.value) == "9800000"]
    assert shipped == [(VELLORA.label, "organisation")], shipped


def test_an_unnamed_top_group_is_no_ones_figure():
    got = note_facts(LEAD_NOTE + "The top five together shipped 31.9 million units, 77.4% of the market.\n")
    assert not any(r[2] in ("31900000", "77.4") for r in got), got


def test_a_research_firms_segment_is_a_market_segment_not_a_part_of_the_firm():
    text = ("Global TV shipments fell 3% to 201 million units in 2023.\n\nOLED TV shipments dropped 22 per cent to 5.4m "
            "units, and Arvena's share of the OLED segment reached 58 per cent in 2023.\n")
    albion = EntityRef("albion-display-intelligence", "organisation", "Albion Display Intelligence", ("Company",))
    text = "TV market review\n\n" + text
    doc = Document(doc_id="n", source_file="n.txt", start=0, end=len(text), title="TV market review",  # type: ignore[arg-type]
                   genre="research_note", date="2024-02-20", issuer=albion, period=None, role="first_party")
    facts = extract_document(doc, text, GAZ).facts
    assert not any(f.subject.owner == albion.key or f.subject.key == albion.key for f in facts), \
        [(f.subject.key, f.metric, str(f.value)) for f in facts]
    assert any(f.subject.label == "Arvena" and str(f.value) == "58" for f in facts)


def test_a_scale_word_before_a_measure_names_no_part():
    facts = release_facts("Orvane Systems had approximately 368 million monthly active users in September.\n")
    assert [f.subject.label for f in facts if str(f.value) == "368000000"] == [ORVANE.label], \
        [(f.subject.key, f.value) for f in facts]


def test_more_than_the_earlier_value_compares_with_the_period_written_after_it():
    facts = release_facts("Shipments climbed 45.3% year-on-year to 46.6 million units, and 64.7% more than the 28.3 "
                          "million phones it shipped in April-June.\n")
    got = {str(f.value): (f.kind, f.period.label if f.period else None) for f in facts}
    assert got["28300000"] == ("metric", "2023-Q2"), got     # the earlier value, in its own quarter
    assert got["46600000"] == ("metric", "2023-Q3"), got


def test_the_same_period_of_an_earlier_year_is_the_compared_periods_year_back():
    facts = release_facts("For the first nine months of 2023, revenue was $35.06 billion, 7.5% lower than the $37.90 "
                          "billion recorded in the same period of 2022.\n")
    got = {str(f.value): f.period.label if f.period else None for f in facts if f.kind == "metric"}
    assert got == {"35060000000": "2023-9M", "37900000000": "2022-9M"}, got


def test_number_one_that_enumerates_is_no_rank_but_we_are_number_one_is():
    facts = release_facts("We will keep investing in 5G, number one. Number two, we will grow our retail network. "
                          "In smart TVs we are the clear global number one.\n")
    ranks = [(f.subject.label, str(f.value)) for f in facts if f.kind == "ranking"]
    assert ranks == [(ORVANE.label, "1")], ranks


def test_a_share_right_after_a_rival_is_the_rivals_even_when_the_engine_did_not_know_it():
    got = note_facts(LEAD_NOTE + "In Spain, Tarvel ranked first with 34% of the market, ahead of Oskin on 26%. Dunmore "
                                 "came third, behind Miravo at 31%.\n")
    assert ("market_share", "Oskin", "26", "2024-Q1", "spain") in got, got
    assert not any(r[1] in ("Tarvel", "Dunmore") and r[2] in ("26", "31") for r in got), got


def test_names_a_relative_clause_gives_shares_to_are_rivals_paired_respectively():
    got = note_facts(LEAD_NOTE + "Dunmore was third with 12.1%, behind Miravo and Quent, which held 21.4% and 17.8%, "
                                 "respectively.\n")
    assert {("market_share", "Dunmore", "12.1", "2024-Q1", "world"),
            ("market_share", "Miravo", "21.4", "2024-Q1", "world"),
            ("market_share", "Quent", "17.8", "2024-Q1", "world")} <= got, got
    assert not any(r[1] == "Dunmore" and r[2] in ("21.4", "17.8") for r in got), got


def test_in_the_issuers_own_release_rivals_behind_which_it_ranks_keep_their_shares():
    facts = release_facts("Orvane ranked third in global smartwatch shipments with a 9.1% share, behind Miravo and "
                          "Quent, which held 21.4% and 17.8%, respectively.\n")
    got = {(f.subject.label, str(f.value)) for f in facts if f.kind == "market_share"}
    assert {("Miravo", "21.4"), ("Quent", "17.8")} <= got, got
    assert not any(label == ORVANE.label and v in ("21.4", "17.8") for label, v in got), got


def test_a_launch_in_a_news_story_takes_the_market_the_story_names_most():
    text = ("Orsk launches Tidewave phone\n\nOrsk Mobile Ltd. unveiled the Tidewave 3 in China on Tuesday, priced from "
            "CNY 2,999 for buyers in China. Pre-orders open today, and sales begin on 22 March.\n")
    doc = Document(doc_id="l", source_file="l.txt", start=0, end=len(text), title="Orsk launches Tidewave phone",  # type: ignore[arg-type]
                   genre="news", date="2024-03-12", issuer=None, period=None, role="third_party")
    launches = {(f.metric, f.market.key if f.market else None) for f in extract_document(doc, text, GAZ).facts
                if f.kind == "launch"}
    assert launches and all(market == "mainland-china" for _, market in launches), launches


def test_shares_that_have_risen_are_a_change_of_the_share_price():
    facts = release_facts("Orvane's shares have risen about 155% this year.\n")
    assert [(f.kind, f.metric, str(f.value)) for f in facts] == [("change", "share-price", "155")], \
        [(f.kind, f.metric, str(f.value)) for f in facts]


def test_a_unit_of_a_spec_names_no_new_measure():
    facts = release_facts("We launched our Tidewave 5 Pro with 120 watts wired and 50 watts wireless charging.\n")
    assert not any(f.kind in ("metric", "change") for f in facts), [(f.kind, f.metric, str(f.value)) for f in facts]


def test_a_scale_word_after_an_indented_hard_wrap_still_scales_its_number():
    text = ("   Orvane Systems today reported revenue of $4.21\n"
            "   billion for the quarter, up 8% from a year earlier,\n"
            "   as shipments of drive systems rose to 1.2 million\n"
            "   units across its industrial business lines.\n")
    facts = release_facts(text)
    assert ("metric", "revenue", "4210000000") in {(f.kind, f.metric, str(f.value)) for f in facts}, \
        [(f.kind, f.metric, str(f.value)) for f in facts]


def test_a_name_broken_by_an_indented_hard_wrap_is_one_name():
    text = ("   Orvane Systems reported higher sales in the quarter. Industrial\n"
            "   Automation revenue grew 11% to $1.93 billion, while the rest\n"
            "   of the group was broadly unchanged from a year earlier in sales.\n")
    subjects = {f.subject.label for f in release_facts(text) if str(f.value) in ("11", "1930000000")}
    assert subjects == {"Industrial Automation"}, subjects


def test_the_period_a_change_is_compared_with_states_its_basis():
    facts = release_facts("Revenue rose 34.5% from a year earlier to $72.2 billion, and was up about 35% from the "
                          "second quarter. Compared with the April-June quarter, operating profit was up 6.2%.\n")
    got = {(f.metric, str(f.value)): f.basis for f in facts if f.kind == "change"}
    assert got == {("revenue", "34.5"): "YoY", ("revenue", "35"): "QoQ", ("operating-profit", "6.2"): "QoQ"}, got
