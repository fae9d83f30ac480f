"""Accounting basis and modality words (issue 8, class 6): sentences written for these tests, invented companies and
figures. The basis is a qualifier of the measure, never a word kept in its name; a basis declared once holds for
the figures after it; a reported figure of a measure carried in with another basis is the reported measure's.

The document is a results release of "Halden Micro Systems, Inc." on the third quarter of 2023, dated 2023-11-02.
"""
from __future__ import annotations

from dataclasses import replace

from marketgraph.graph.extract.pipeline import extract_document
from marketgraph.graph.records import EntityRef

from test_extract_frames import GAZ, doc_for, facts_of

OSTRAVA = EntityRef("ostrava-insights", "organisation", "Ostrava Insights", ("ResearchFirm",))


def table(facts):
    return sorted((f.metric, str(f.value), f.period.label if f.period else None, f.qualifier("accounting"),
                   f.qualifier("modality")) for f in facts if f.kind in ("metric", "change"))


def one(facts, value):
    got = [f for f in facts if str(f.value) == value]
    assert len(got) == 1, table(facts)
    return got[0]


# --- basis words ----------------------------------------------------------------------------------------------

def test_comparable_before_a_profit_measure_is_the_adjusted_basis_not_a_new_measure():
    facts = facts_of("Comparable EBITA was EUR 31.7 million in the quarter.")
    f = one(facts, "31700000")
    assert (f.metric, f.qualifier("accounting")) == ("ebita", "adjusted")


def test_comparable_before_a_period_states_no_basis():
    facts = facts_of("EBITA rose to EUR 31.7 million from EUR 28.2 million in the comparable quarter of 2022.")
    assert all(f.qualifier("accounting") is None for f in facts), table(facts)


def test_comparable_exchange_rates_before_a_change_are_constant_currency():
    facts = facts_of("Net sales fell by 4% to EUR 310.5 million; at comparable exchange rates, net sales fell by 2%.")
    bases = {str(f.value): f.qualifier("accounting") for f in facts if f.kind == "change"}
    assert bases == {"-4": None, "-2": "constant currency"}


def test_a_basis_word_right_after_the_figure_is_its_own():
    facts = facts_of("Diluted EPS was $0.92 on a GAAP basis and $1.18 non-GAAP, against $1.04 non-GAAP in the "
                     "year-ago quarter.")
    assert {str(f.value): f.qualifier("accounting") for f in facts if f.metric and "eps" in f.metric} == \
        {"0.92": "GAAP", "1.18": "adjusted", "1.04": "adjusted"}


def test_a_basis_word_after_the_figure_that_opens_another_measure_is_not_the_figures():
    facts = facts_of("Revenue was $412 million and adjusted EBITDA was $61 million.")
    assert one(facts, "412000000").qualifier("accounting") is None


def test_a_margin_of_an_adjusted_profit_keeps_the_basis():
    facts = facts_of("Adjusted EBITDA was $58.2 million, a margin of 13.1%.")
    f = one(facts, "13.1")
    assert (f.metric, f.qualifier("accounting")) == ("ebitda-margin", "adjusted")


def test_a_reported_basis_of_a_carried_adjusted_measure_is_the_reported_measure():
    facts = facts_of("Non-GAAP operating income was $207 million; on a GAAP basis it was $166 million.")
    f = one(facts, "166000000")
    assert (f.metric, f.qualifier("accounting")) == ("operating-profit", "GAAP")
    g = one(facts, "207000000")
    assert g.qualifier("accounting") == "adjusted"


# --- a basis declared once --------------------------------------------------------------------------------------

def test_a_declaration_for_margins_holds_for_the_margins_after_it():
    text = ("Unless noted, comparisons are year over year and margins are non-GAAP. Revenue was $512 million. "
            "Gross margin was 44.2%. On a GAAP basis, operating margin was 9.1%.")
    facts = facts_of(text)
    assert one(facts, "44.2").qualifier("accounting") == "adjusted"
    assert one(facts, "9.1").qualifier("accounting") == "GAAP"        # the clause's own basis wins
    assert one(facts, "512000000").qualifier("accounting") is None     # revenue is no margin


def test_a_declaration_holds_only_after_it_is_stated():
    text = "Gross margin was 44.2%. All margins below are non-GAAP. Operating margin was 12.5%."
    facts = facts_of(text)
    assert one(facts, "44.2").qualifier("accounting") is None
    assert one(facts, "12.5").qualifier("accounting") == "adjusted"


def test_some_figures_being_non_gaap_declares_nothing():
    text = "Several figures are non-GAAP; reconciliations are on our website. Gross margin was 44.2%."
    assert one(facts_of(text), "44.2").qualifier("accounting") is None


def test_a_declaration_for_all_figures_covers_profits_but_not_revenue():
    text = ("All figures in this release are on an adjusted basis unless otherwise stated. Revenue was $512 "
            "million and operating profit was $64 million.")
    facts = facts_of(text)
    assert one(facts, "64000000").qualifier("accounting") == "adjusted"
    assert one(facts, "512000000").qualifier("accounting") is None


# --- modality -----------------------------------------------------------------------------------------------------

NEWS = {"genre": "news", "role": "third_party", "date_": "2023-10-10"}


def test_a_verb_of_estimating_that_takes_a_clause_makes_its_past_figure_an_estimate():
    facts = facts_of("Analysts estimate that the company's memory unit earned about $1.3 billion in the third "
                     "quarter.", **NEWS)
    assert [f.qualifier("modality") for f in facts if str(f.value) == "1300000000"] == ["estimate"]


def test_someone_elses_forecast_of_the_issuers_figure_is_a_forecast_not_guidance():
    text = ("Rhea Voss, an analyst at Tillbury Securities, cut her fourth-quarter revenue forecast for Halden to "
            "$2.6 billion.")
    facts = facts_of(text, **NEWS)
    assert [f.qualifier("modality") for f in facts if str(f.value) == "2600000000"] == ["forecast"]


def test_the_companys_own_estimate_of_a_finished_quarter_is_its_preliminary_result():
    text = ("Halden Micro Systems on Monday estimated its third-quarter operating profit at $410 million. Revenue "
            "was estimated at $2.2 billion, up 9%.")
    facts = facts_of(text, **NEWS)
    assert sorted((f.kind, str(f.value), f.qualifier("modality")) for f in facts) == [
        ("change", "9", None), ("metric", "2200000000", None), ("metric", "410000000", None)]


def test_the_companys_estimate_of_its_market_share_stays_an_estimate():
    facts = facts_of("Halden estimated its market share in Germany at 14% in the third quarter.", **NEWS)
    assert [(f.kind, f.qualifier("modality")) for f in facts if str(f.value) == "14"] == [("market_share", "estimate")]


def test_a_company_expected_to_report_a_figure_is_the_consensus():
    text = "Halden is expected to report third-quarter operating profit of about $395 million next week."
    facts = facts_of(text, **NEWS)
    assert [f.qualifier("modality") for f in facts if str(f.value) == "395000000"] == ["consensus"]


def test_a_research_firms_it_sees_of_a_vendors_share_is_its_forecast():
    text = ("Ostrava Insights counted 41 million smartwatches shipped in the second quarter of 2024. Ostrava Insights "
            "expects the market to grow in 2025. It sees Pellar's share reaching 12% in 2025.")
    doc = replace(doc_for(text, genre="news", issuer=None, role="third_party", date_="2024-08-01"), source=OSTRAVA)
    facts = extract_document(doc, text, GAZ, only=["measures"]).facts
    assert [f.qualifier("modality") for f in facts if str(f.value) == "12"] == ["forecast"], table(facts)


def test_a_markets_figure_under_an_outlook_heading_is_a_forecast_never_guidance():
    text = ("Outlook\n\nOstrava Insights expects shipments of 402 million units in 2026. By then tablets are "
            "forecast to make up 21.5% of all device shipments.")
    facts = facts_of(text, genre="news", issuer=None, role="third_party", date_="2024-08-01", market="world")
    assert {f.qualifier("modality") for f in facts} <= {"forecast"}, table(facts)
    assert [f for f in facts if str(f.value) == "21.5"], table(facts)


def test_sizing_a_market_is_an_estimate_for_its_horizon():
    facts = facts_of("At its investor day, management sized its addressable market at $88 billion by 2027.")
    assert table(facts) == [("addressable-market", "88000000000", "2027", None, "estimate")]


def test_the_earlier_value_of_a_measure_keeps_its_basis():
    facts = facts_of("The adjusted operating margin improved to 14.6% from 12.9% in the third quarter of 2022.")
    assert {str(f.value): f.qualifier("accounting") for f in facts if f.kind == "metric"} == \
        {"14.6": "adjusted", "12.9": "adjusted"}


def test_growth_adjusted_for_currency_effects_is_at_constant_currency():
    facts = facts_of("Revenue grew 7.2% to EUR 188 million. Adjusted for currency effects, revenue grew 5.9%.")
    assert {str(f.value): f.qualifier("accounting") for f in facts if f.kind == "change"} == \
        {"7.2": None, "5.9": "constant currency"}


def test_an_estimate_opening_the_sentence_holds_for_its_coordinated_clauses():
    text = ("We estimate that the European market for rail sensors shrank by about 8% in the quarter, and our market "
            "share there rose to 21%.")
    facts = facts_of(text)
    assert [f.qualifier("modality") for f in facts if str(f.value) == "21"] == ["estimate"], table(facts)


def test_a_result_sentence_without_an_estimate_opening_stays_an_actual():
    facts = facts_of("Revenue rose 6% in the quarter, and our market share in Europe rose to 21%.")
    assert {f.qualifier("modality") for f in facts} == {None}, table(facts)


def test_comparable_sales_are_a_retailers_measure_with_no_basis():
    facts = facts_of("Comparable sales rose 3.4% in the quarter.")
    assert [(f.metric, f.qualifier("accounting")) for f in facts] == [("comparable-sales", None)]


def test_a_horizon_of_one_target_does_not_leak_to_a_standing_target_before_it():
    text = ("Halden's long-term targets, confirmed in March 2023, are annual revenue growth of more than 7% and an "
            "adjusted operating margin of 18% by 2026.")
    facts = facts_of(text)
    got = {str(f.value): (f.period.label if f.period else None, f.qualifier("modality")) for f in facts}
    assert got.get("18") == ("2026", "target"), table(facts)
    assert got.get("7") == (None, "target"), table(facts)
    assert not any(f.period is not None and f.period.label == "2023-03" for f in facts), table(facts)


def test_a_reaffirmed_outlook_keeps_the_period_written_right_after_the_verb():
    facts = facts_of("Halden also reaffirmed 2024 guidance for revenue growth of 5% to 6%.")
    assert [(f.period.label, f.qualifier("modality")) for f in facts if str(f.value) == "5"] == [("2024", "guidance")]
