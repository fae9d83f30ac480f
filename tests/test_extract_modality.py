"""Modality, ranges and outlook periods (issue 8): sentences written for these tests, invented companies and
figures; each case asserts the exact facts and what must not come out (an outlook published as an actual is a
wrong figure, worse than a missing one).

The document is a results release of "Halden Micro Systems, Inc." on the third quarter of 2023, dated
2023-11-02, unless a case says otherwise.
"""
from __future__ import annotations

from datetime import date

from marketgraph.graph.extract.pipeline import extract_document
from marketgraph.graph.fiscal import FiscalCalendar
from marketgraph.graph.records import Period

from test_extract_frames import GAZ, doc_for, facts_of

NEWS = {"genre": "news", "issuer": None, "role": "third_party"}


def rows(facts, *keys):
    """(kind, value, period, modality, low, high, ...) per fact, sorted."""
    out = []
    for f in facts:
        row = (f.kind, str(f.value), f.period.label if f.period else None, f.qualifier("modality"),
               f.qualifier("low"), f.qualifier("high"))
        out.append(row + tuple(f.subject.label if k == "subject" else f.qualifier(k) for k in keys))
    return sorted(out)


# --- ranges ----------------------------------------------------------------------------------------------------

def test_a_range_with_its_unit_only_after_the_high_end_is_one_figure():
    facts = facts_of("For 2024 we expect smartphone shipments of 58 million to 60 million units.")
    assert rows(facts) == [("metric", "58000000", "2024", "guidance", "58000000", "60000000")]
    # a change "from ... to" is two figures, never a range
    facts = facts_of("Shipments rose from 58 million to 60 million units in the quarter.")
    assert all(f.qualifier("low") is None for f in facts), rows(facts)


def test_a_falling_range_runs_from_its_low_end():
    facts = facts_of("For the fourth quarter, we expect revenue to decline by 10% to 15%.")
    assert rows(facts) == [("change", "-10", "2023-Q4", "guidance", "-15", "-10")]


def test_ranges_in_compact_and_between_forms():
    facts = facts_of("For the fourth quarter, we expect revenue of $4.3-5.1B and gross margin of 50%-60%. "
                     "We expect shipments of between 58 and 60 million units for fiscal 2025.")
    assert rows(facts) == [("metric", "4300000000", "2023-Q4", "guidance", "4300000000", "5100000000"),
                           ("metric", "50", "2023-Q4", "guidance", "50", "60"),
                           ("metric", "58000000", "2025", "guidance", "58000000", "60000000")]


# --- modality ----------------------------------------------------------------------------------------------------

def test_the_current_quarter_of_a_report_on_a_finished_quarter_is_the_next_one_and_the_outlook_holds_in_its_clause():
    text = ("For the current quarter, Halden forecast revenue of $2.7 billion to $2.9 billion and said gross margin "
            "would be about 33%. Gross margin in the quarter was 35%.")
    got = [(f.metric, str(f.value), f.period.label, f.qualifier("modality")) for f in facts_of(text)]
    assert sorted(got) == [("gross-margin", "33", "2023-Q4", "guidance"), ("gross-margin", "35", "2023-Q3", None),
                           ("revenue", "2700000000", "2023-Q4", "guidance")], got
    # the reported quarter itself stays the document's
    assert [f.period.label for f in facts_of("Revenue for the quarter was $3 billion.")] == ["2023-Q3"]


def test_the_current_quarter_of_a_fiscal_calendar_is_the_next_fiscal_quarter():
    cal = FiscalCalendar(9)
    text = "For the current quarter, we expect revenue of $420 million to $440 million."
    facts = facts_of(text, fiscal=cal, period=cal.period("quarter", 2024, 4), date_="2024-11-20")
    assert [(f.period.fiscal_label, f.qualifier("low")) for f in facts] == [("Q1 FY2025", "420000000")]


def test_next_year_follows_the_reported_year():
    facts = facts_of("Next year we expect revenue of $14 billion.", period=Period("2023", "year", date(2023, 1, 1),
                                                                                 date(2023, 12, 31)),
                     date_="2024-02-20")
    assert rows(facts) == [("metric", "14000000000", "2024", "guidance", None, None)]


def test_a_research_firms_own_projection_is_the_markets_forecast():
    note = {"genre": "research_note", "issuer": GAZ.get("idc").ref(), "role": "first_party"}
    facts = facts_of("IDC expects global smartphone shipments to decline 2.1% in 2024 to 1.1 billion units.", **note)
    assert rows(facts, "subject") == [("change", "-2.1", "2024", "forecast", None, None, "World smartphones market"),
                                      ("metric", "1100000000", "2024", "forecast", None, None,
                                       "World smartphones market")]
    # with no market named, the firm (or a part of it) is never the figure's subject
    facts = facts_of("IDC expects smartphone shipments to decline 2.1% in 2024 to 1.1 billion units.", **note)
    assert facts == [], rows(facts, "subject")


def test_a_company_stating_its_own_outlook_in_the_news_gives_guidance_an_analyst_a_forecast_or_estimate():
    facts = facts_of("Orvik Devices AB said it expects fourth-quarter revenue to decline by 10% to 15%.", **NEWS)
    assert rows(facts) == [("change", "-10", "2023-Q4", "guidance", "-15", "-10")]
    facts = facts_of("Orvik Devices AB said it sees full-year sales rising 5% to 7%.", **NEWS)
    assert [(f.kind, f.qualifier("modality"), f.qualifier("low")) for f in facts] == [("change", "guidance", "5")]
    facts = facts_of("Analyst Jane Roe said she expects Orvik Devices AB to ship about 128 million phones in 2023.",
                     **NEWS)
    assert rows(facts) == [("metric", "128000000", "2023", "forecast", None, None)]
    facts = facts_of("She estimates Orvik Devices AB's shipments will reach 15 million units in 2023.", **NEWS)
    assert rows(facts) == [("metric", "15000000", "2023", "estimate", None, None)]


def test_consensus_before_and_after_the_figure_and_the_actual_beside_it():
    facts = facts_of("Orvik Devices AB reported revenue of $2.4 billion, above the $2.61 billion analysts had "
                     "expected.", **NEWS)
    assert rows(facts) == [("metric", "2400000000", "2023-Q3", None, None, None),
                           ("metric", "2610000000", "2023-Q3", "consensus", None, None)]
    facts = facts_of("Consensus for third-quarter deliveries was about 40,000.")
    assert rows(facts) == [("metric", "40000", "2023-Q3", "consensus", None, None)]


def test_an_estimate_governs_its_clause_even_after_a_past_verb():
    facts = facts_of("We estimate that Halden's revenue in Europe grew 12% in the quarter.")
    assert [f.qualifier("modality") for f in facts] == ["estimate"]
    facts = facts_of("Rival Orvik Devices AB's revenue rose 6% to $1.12 billion in the quarter, research firm Foo "
                     "Data estimated.")
    assert {f.qualifier("modality") for f in facts} == {"estimate"}, rows(facts)
    facts = facts_of("Halden estimated the hit to operating profit at between $300 million and $400 million.")
    assert rows(facts) == [("metric", "300000000", "2023-Q3", "estimate", "300000000", "400000000")]
    # "beat estimates" is no estimate of the figure
    facts = facts_of("Revenue rose 6% to $1.12 billion, which beat estimates.")
    assert {f.qualifier("modality") for f in facts} == {None}


def test_outlook_words_that_state_an_actual_are_no_outlook():
    for text in ("Despite a weak outlook, revenue was $2 billion.", "Revenue was as expected at $2 billion.",
                 "Revenue rose 6% to $1.12 billion, ahead of its forecast."):
        facts = facts_of(text)
        assert facts and {f.qualifier("modality") for f in facts} == {None}, (text, rows(facts))


def test_a_target_in_the_present_progressive_and_is_to():
    facts = facts_of("For 2024 we are targeting revenue of €400–430 million and an EBITDA margin of at least 12%.")
    assert [(f.metric, f.qualifier("modality"), f.period.label) for f in facts] == [
        ("revenue", "target", "2024"), ("ebitda-margin", "target", "2024")]
    facts = facts_of("The adjusted EBIT margin is to rise to at least 15 per cent by 2028.")
    assert rows(facts) == [("metric", "15", "2028", "target", None, None)]


def test_an_outlook_takes_the_paragraphs_outlook_period_never_an_actuals():
    text = "For 2024 we target revenue of €400 million. We plan capital expenditure of about €18 million."
    assert [(f.metric, f.period.label) for f in facts_of(text)] == [("revenue", "2024"),
                                                                   ("capital-expenditure", "2024")]
    text = "Revenue was $402 million in the third quarter. We expect revenue of $420 million to $440 million."
    result = extract_document(doc_for(text), text, GAZ, only=["measures"])
    assert [(f.metric, str(f.value)) for f in result.facts] == [("revenue", "402000000")]
    assert any(u.value == 420000000 and "outlook" in u.reason for u in result.unresolved), result.unresolved


def test_someone_elses_outlook_of_the_issuers_figure_is_a_forecast_and_its_baseline_an_actual():
    facts = facts_of("She expects the company to ship about 128 million phones in 2024, up from 119 million last "
                     "year.")
    assert rows(facts) == [("metric", "119000000", "2022", None, None, None),
                           ("metric", "128000000", "2024", "forecast", None, None)]
    # the issuer's own "we expect" stays its guidance
    facts = facts_of("We expect to ship about 128 million phones in 2024.")
    assert [f.qualifier("modality") for f in facts] == ["guidance"], rows(facts)


def test_a_quarter_ending_on_a_date_is_that_quarter_not_the_day():
    facts = facts_of("For the third fiscal quarter ending June 30, 2024, the company expects revenue of $420 million "
                     "to $440 million.")
    assert [(f.period.start.isoformat(), f.period.end.isoformat(), f.qualifier("modality")) for f in facts] == [
        ("2024-04-01", "2024-06-30", "guidance")]
    # a balance as of a date stays an instant
    facts = facts_of("Cash and cash equivalents were $1.2 billion as of June 30, 2024.")
    assert [f.period.kind for f in facts] == ["instant"]


def test_a_lead_in_line_gives_its_list_the_outlook_period_and_the_list_ends_it():
    text = ("Results\n\nRevenue was $310 million in the quarter.\n\nFor the fourth quarter of 2023, Halden expects:\n\n"
            "- Total revenue of $325 million to $335 million\n- Non-GAAP operating income of $22 million to $26 million"
            "\n\nGross margin was 41%.\n")
    got = [(f.metric, f.period.label, f.qualifier("modality"), f.qualifier("low")) for f in facts_of(text)]
    assert got == [("revenue", "2023-Q3", None, None), ("revenue", "2023-Q4", "guidance", "325000000"),
                   ("adjusted-operating-profit", "2023-Q4", "guidance", "22000000"),
                   ("gross-margin", "2023-Q3", None, None)], got


def test_analysts_expectation_without_a_measure_is_of_the_measure_just_stated():
    facts = facts_of("Orvik Devices AB reported revenue of $14.6 billion for the quarter. Analysts had expected "
                     "$14.2 billion on average.", **NEWS)
    assert [(f.metric, str(f.value), f.period.label, f.qualifier("modality")) for f in facts] == [
        ("revenue", "14600000000", "2023-Q3", None), ("revenue", "14200000000", "2023-Q3", "consensus")]
    # after an outlook, the expectation is for the outlook's period
    facts = facts_of("Orvik Devices AB expects full-year shipments of 39 million to 41 million units. Analysts polled "
                     "by the wire had expected 42 million.", **NEWS)
    assert [(str(f.value), f.period.label, f.qualifier("modality")) for f in facts] == [
        ("39000000", "2023", "guidance"), ("42000000", "2023", "consensus")]
    # no expectation word: a figure without a measure is not given the last one
    text = "Orvik Devices AB reported revenue of $14.6 billion for the quarter. It paid $2 billion."
    assert [str(f.value) for f in facts_of(text, **NEWS)] == ["14600000000"]


def test_the_cue_after_the_clauses_previous_figure_governs_and_a_result_verb_still_ends_it():
    facts = facts_of("The company also plans to return $6bn to shareholders over FY25–FY27 and reaffirmed FY24 "
                     "guidance for revenue growth of 7–8%.")
    assert [(f.kind, f.qualifier("modality"), f.qualifier("low")) for f in facts] == [("change", "guidance", "7")]
    facts = facts_of("Shipments declined 5.0% year over year in Q3 2023 to reach 30.1 million units.")
    assert {f.qualifier("modality") for f in facts} == {None}, rows(facts)


def test_a_modality_noun_right_after_the_figure():
    text = "Non-GAAP EPS was $1.05, above the high end of our $0.90 to $1.00 guidance range."
    result = extract_document(doc_for(text), text, GAZ, only=["measures"])
    assert [(str(f.value), f.qualifier("modality")) for f in result.facts] == [("1.05", None)]
    assert [str(u.value) for u in result.unresolved if "outlook" in u.reason] == ["0.9"], result.unresolved
    assert [f.qualifier("modality") for f in facts_of("Revenue was $5 billion, a forecast beat.")] == [None]


def test_a_cagr_is_a_change_of_the_measure_just_stated_never_a_measure_of_its_own():
    note = {"genre": "research_note", "issuer": None, "role": "third_party"}
    facts = facts_of("Global wearables shipments will reach 598.3 million units in 2026, a compound annual growth "
                     "rate (CAGR) of 3.2% for 2022–2026.", **note)
    got = sorted((f.kind, f.metric, str(f.value), f.basis, f.qualifier("modality"), f.period.label) for f in facts)
    assert got == [("change", "shipments", "3.2", "CAGR", "forecast", "2022/2026"),
                   ("metric", "shipments", "598300000", None, "forecast", "2026")], got
    assert not [f for f in facts_of("The region grew at a CAGR of 2.8%.", **note) if f.metric == "cagr"]


def test_an_undated_call_on_a_quarter_reads_the_rest_of_the_year_as_future():
    text = "With this year, our spending on R&D probably will be more than $10 billion."
    facts = facts_of(text, genre="earnings_call", date_=None, period=Period("2023-Q2", "quarter", date(2023, 4, 1),
                                                                            date(2023, 6, 30)))
    assert [(f.metric, f.qualifier("modality")) for f in facts] == [("rd-expenses", "guidance")], rows(facts)
    facts = facts_of("In the quarter our spending on R&D was $2 billion.", genre="earnings_call", date_=None,
                     period=Period("2023-Q2", "quarter", date(2023, 4, 1), date(2023, 6, 30)))
    assert [f.qualifier("modality") for f in facts] == [None]


def test_an_outlook_verb_is_no_part_of_a_new_measures_name():
    text = "Halden projects global smartphone production of 1.17 billion units in 2024."
    result = extract_document(doc_for(text), text, GAZ, only=["measures"])
    metrics = {f.metric for f in result.facts} | {u.metric for u in result.unresolved}
    assert metrics == {"global-smartphone-production"}, metrics


def test_a_research_firm_stating_an_outlook_in_the_companys_release_gives_a_forecast():
    text = "Shipments rose 9.2% in 2021, and IDC forecasts a compound annual growth rate of 11.6% from 2021 to 2026."
    facts = facts_of(text)
    assert [(str(f.value), f.qualifier("modality")) for f in facts if f.basis == "CAGR"] == [("11.6", "forecast")]
    facts = facts_of("According to IDC, we expect revenue of $5 billion in 2024.")
    assert [f.qualifier("modality") for f in facts] == ["guidance"]


def test_an_outlook_relative_clause_after_the_figure_and_the_current_financial_year():
    text = ("The adjusted EBIT margin is to rise to 15 per cent by 2028, compared with the 9.8 per cent the Group "
            "expects for the current financial year.")
    got = sorted((str(f.value), f.period.label, f.qualifier("modality")) for f in facts_of(text))
    assert got == [("15", "2028", "target"), ("9.8", "2023", "guidance")], got
    # a fiscal calendar: the fiscal year under way on the document's date
    cal = FiscalCalendar(3)
    facts = facts_of("For the current fiscal year, we expect revenue of $4 billion.", fiscal=cal,
                     period=cal.period("quarter", 2024, 2), date_="2023-11-08")
    assert [(f.period.fiscal_label, f.qualifier("modality")) for f in facts] == [("FY2024", "guidance")]
    # no outlook verb after the figure: nothing changes
    facts = facts_of("Halden posted revenue of $3 billion, the figure the quarter needed.")
    assert [f.qualifier("modality") for f in facts] == [None]


def test_wanting_to_reach_is_a_target():
    facts = facts_of("The company has said it wants to reach a 25% European share by 2025.")
    assert [(f.qualifier("modality"), f.period.label) for f in facts] == [("target", "2025")], rows(facts)


def test_a_revised_outlook_keeps_its_period_and_the_actual_it_is_compared_with_is_no_outlook():
    got = [(str(f.value), f.period.label, f.qualifier("modality")) for f in facts_of(
        "The company raised its full-year revenue forecast to $12 billion from $11.5 billion.")]
    assert got == [("12000000000", "2023", "guidance"), ("11500000000", "2023", "guidance")], got
    got = [(str(f.value), f.period.label, f.qualifier("modality")) for f in facts_of(
        "We now expect revenue of ¥800 billion for the year, compared with ¥780 billion previously.")]
    assert got == [("800000000000", "2023", "guidance"), ("780000000000", "2023", "guidance")], got
    got = [(str(f.value), f.period.label, f.qualifier("modality")) for f in facts_of(
        "We expect revenue of $420 million in 2024, up from $400 million in 2023.")]
    assert got == [("420000000", "2024", "guidance"), ("400000000", "2023", None)], got


def test_for_the_year_in_a_report_on_a_quarter_is_the_year():
    facts = facts_of("For the year, we expect revenue of $12 billion.")
    assert [(f.period.label, f.qualifier("modality")) for f in facts] == [("2023", "guidance")]
    assert [f.period.label for f in facts_of("Revenue for the quarter was $3 billion.")] == ["2023-Q3"]


def test_a_period_before_the_measure_is_no_part_of_the_company():
    # (the third quarter: a result for the fourth, not over when the document was written, is no fact)
    facts = facts_of("Third-quarter net sales were SEK 1,318 million.")
    assert [(f.subject.label, f.period.label) for f in facts] == [("Halden Micro Systems, Inc.", "2023-Q3")]
    facts = facts_of("Personal Computing revenue was $2.41 billion.")
    assert [f.subject.label for f in facts] == ["Personal Computing"]


def test_we_expect_a_part_of_the_issuer_to_reach_is_its_guidance():
    facts = facts_of("We expect Personal Computing revenue of $1.1 billion in 2024.")
    assert [(f.subject.label, f.qualifier("modality")) for f in facts] == [("Personal Computing", "guidance")]
    facts = facts_of("Rival Orvik Devices AB expects revenue of $1.1 billion in 2024.")
    assert [(f.subject.label, f.qualifier("modality")) for f in facts] == [("Orvik Devices AB", "guidance")]


def test_a_sentence_naming_an_outlook_and_its_period_gives_the_next_outlook_its_period():
    text = ("Results\n\nFor the first half, revenue totaled ¥389.0 billion.\n\nGiven the weaker yen, the company has "
            "raised its full-year forecast. We now expect revenue of ¥800 billion and operating profit of ¥95 billion.\n")
    got = [(f.metric, str(f.value), f.period.label, f.qualifier("modality")) for f in facts_of(text)]
    assert got == [("revenue", "389000000000", "2023-H1", None), ("revenue", "800000000000", "2023", "guidance"),
                   ("operating-profit", "95000000000", "2023", "guidance")], got
    # a sentence without an outlook word sets nothing: the outlook stays unresolved
    text = "Results\n\nThe company had a strong full year. We now expect revenue of ¥800 billion.\n"
    assert facts_of(text) == []


def test_a_result_under_an_outlook_heading_is_an_actual():
    text = ("Results\n\nOutlook\n\nOur cost programme reduced headcount by 140 FTE to 1,210. The Board also approved a "
            "quarterly cash dividend of $2.00 per share. For 2024 we expect revenue of $5 billion.\n")
    got = sorted((str(f.value), f.qualifier("modality")) for f in facts_of(text))
    # ("reduced headcount by 140 FTE": the change of headcount, an actual too)
    assert got == [("-140", None), ("1210", None), ("2", None), ("5000000000", "guidance")], got


def test_a_relative_clause_stating_a_fact_inside_an_outlook_sentence_is_no_outlook():
    facts = facts_of("For 2024 we expect revenue growth of 8–10 per cent, supported by an order backlog that is 23 per "
                     "cent higher than a year ago.")
    assert sorted((str(f.value), f.qualifier("modality")) for f in facts) == [("23", None), ("8", "guidance")]
