"""Targets, expectations and their periods (issue 8, classes "modality" and "period-forecast"): sentences written
for these tests, invented companies and figures. Each case asserts the exact facts (subject, metric, value, unit,
period, modality) and what must not come out: a figure that is not an actual is never published as one, and
never in conflict with one.

The document is a results release of "Halden Micro Systems, Inc." on the third quarter of 2023, dated 2023-11-02,
unless a case says otherwise.
"""
from __future__ import annotations

from marketgraph.graph.fiscal import FiscalCalendar

from test_extract_frames import facts_of


def rows(facts):
    """(kind, subject label, metric, value, unit, period label, modality) per fact, sorted."""
    return sorted((f.kind, f.subject.label, f.metric, str(f.value), f.unit, f.period.label if f.period else None,
                   f.qualifier("modality")) for f in facts)


HALDEN = "Halden Micro Systems, Inc."


# --- analysts' expectations without a measure of their own -----------------------------------------------------

def test_an_expectation_after_an_actual_takes_its_measure_and_period_and_stays_apart_from_it():
    facts = facts_of("Revenue was $2.1 billion in the quarter. Analysts had expected $2.0 billion on average.")
    assert rows(facts) == [("metric", HALDEN, "revenue", "2000000000", "USD", "2023-Q3", "consensus"),
                           ("metric", HALDEN, "revenue", "2100000000", "USD", "2023-Q3", None)]
    # two values for one measure and period, but of two modalities: no conflict between them
    assert all(f.qualifier("check") is None for f in facts)


def test_a_consensus_compared_with_a_per_share_figure_is_a_per_share_expectation():
    facts = facts_of("Adjusted earnings came to $1.12 a share, against a consensus of $1.03.")
    assert [(f.metric, str(f.value), f.period.label, f.qualifier("modality")) for f in facts] == [
        ("eps", "1.12", "2023-Q3", None), ("eps", "1.03", "2023-Q3", "consensus")]


def test_an_expectation_far_from_the_figure_before_it_takes_no_measure():
    # $600 million cannot be the expectation of $2.1 billion of revenue: no measure, nothing published
    facts = facts_of("Revenue was $2.1 billion in the quarter. Analysts had expected $600 million.")
    assert rows(facts) == [("metric", HALDEN, "revenue", "2100000000", "USD", "2023-Q3", None)]


def test_the_streets_figure_and_an_analysts_model_take_the_measure_and_period_of_the_outlook_they_match():
    text = ("Outlook\n\nFor the fourth quarter, we expect revenue of $1.10 billion to $1.20 billion.\n\n"
            "The Street is at $1.17 billion, right at your midpoint. I had $1.0 billion in my model.")
    got = [r for r in rows(facts_of(text)) if r[6] != "guidance"]
    assert got == [("metric", HALDEN, "revenue", "1000000000", "USD", "2023-Q4", "estimate"),
                   ("metric", HALDEN, "revenue", "1170000000", "USD", "2023-Q4", "consensus")]


def test_a_consensus_with_its_measure_after_the_amount_and_its_year():
    facts = facts_of("Consensus sits at $18.9 billion of sales for 2024.")
    assert rows(facts) == [("metric", HALDEN, "revenue", "18900000000", "USD", "2024", "consensus")]
    # "of sales" after a percent is still a share of sales, not sales
    assert [f.metric for f in facts_of("Services were 40% of sales in the quarter.", issuer=None)] in ([], [
        "revenue-share"])


# --- targets ---------------------------------------------------------------------------------------------------

def test_standing_financial_targets_have_no_period_and_are_never_the_reported_periods():
    text = ("Financial targets\n"
            "Organic sales growth of at least 5 per cent a year, an adjusted EBITA margin of at least 12 per cent "
            "over a business cycle, and a dividend of 30-50 per cent of net profit.")
    facts = facts_of(text)
    assert rows(facts) == [("change", HALDEN, "revenue", "5", "percent", None, "target"),
                           ("metric", HALDEN, "adjusted-ebita-margin", "12", "percent", None, "target")]
    # the dividend is not the margin named before it: not published under the margin's name
    assert not any(str(f.value) == "30" for f in facts)


def test_an_actual_in_the_same_paragraph_as_a_target_stays_an_actual():
    facts = facts_of("Revenue was $2 billion in the quarter. We target an operating margin of at least 15%.")
    assert rows(facts) == [("metric", HALDEN, "operating-margin", "15", "percent", None, "target"),
                           ("metric", HALDEN, "revenue", "2000000000", "USD", "2023-Q3", None)]


def test_to_double_by_a_year_is_a_target_of_plus_100_percent_for_that_year():
    facts = facts_of("The Company aims to double its revenue from operations by 2027.")
    assert rows(facts) == [("change", HALDEN, "operating-revenue", "100", "percent", "2027", "target")]
    assert facts[0].evidence.quote == "The Company aims to double"
    facts = facts_of("Halden plans to double its headcount by the end of 2025.")
    assert rows(facts) == [("change", HALDEN, "number-of-employees", "100", "percent", "2025-12-31", "target")]
    # a doubling with no time is no standing target: unresolved, not published
    assert facts_of("Halden aims to double revenue.") == []
    # an actual doubling stays an actual
    assert rows(facts_of("Revenue doubled to $2 billion.")) == [
        ("change", HALDEN, "revenue", "100", "percent", "2023-Q3", None),
        ("metric", HALDEN, "revenue", "2000000000", "USD", "2023-Q3", None)]


def test_a_split_fiscal_year_as_a_horizon_is_that_fiscal_year():
    cal = FiscalCalendar(3)
    facts = facts_of("The Company aims to double its revenue from operations by FY2027-28.", fiscal=cal,
                     period=cal.period("year", 2024, None), date_="2024-05-20")
    assert [(f.metric, str(f.value), f.period.fiscal_label, str(f.period.start), f.qualifier("modality"))
            for f in facts] == [("operating-revenue", "100", "FY2028", "2027-04-01", "target")]


def test_a_saving_that_should_recur_from_a_year_is_guidance_for_that_year():
    facts = facts_of("Our cost programme should save $18 million a year from 2025.")
    assert rows(facts) == [("metric", HALDEN, "cost-savings", "18000000", "USD", "2025", "guidance")]
    # after a past-tense result in the same sentence, the result stays an actual
    facts = facts_of("The programme reduced costs by $5 million in the quarter and should save $18 million a year "
                     "from 2025.")
    assert ("metric", HALDEN, "cost-savings", "18000000", "USD", "2025", "guidance") in rows(facts)
    assert all(f.qualifier("modality") is None for f in facts if str(f.value) in ("5000000", "-5000000"))


def test_a_revised_target_and_its_previous_value_are_targets_for_the_same_period():
    facts = facts_of("It lifted its full-year revenue target to $17 billion from $15.5 billion.")
    assert rows(facts) == [("metric", HALDEN, "revenue", "15500000000", "USD", "2023", "target"),
                           ("metric", HALDEN, "revenue", "17000000000", "USD", "2023", "target")]


def test_a_fronted_start_year_is_the_period_of_the_target_after_it():
    facts = facts_of("From 2026, Halden targets cash conversion of more than 80 per cent.")
    assert rows(facts) == [("metric", HALDEN, "cash-conversion", "80", "percent", "2026", "target")]


def test_a_target_coordinated_with_an_actual_takes_its_measure_and_its_own_year():
    facts = facts_of("Halden sold 1.04 million phones in 2023 and targets more than 1.3 million units in 2024.")
    assert rows(facts) == [("metric", HALDEN, "sales-volume", "1040000", "units", "2023", None),
                           ("metric", HALDEN, "sales-volume", "1300000", "units", "2024", "target")]
    # a second actual in the same coordination is no target and takes no target's modality
    assert all(f.qualifier("modality") is None for f in
               facts_of("Halden sold 1.04 million phones in 2023 and 0.3 million tablets in 2023."))


def test_a_horizon_already_over_when_the_text_was_written_is_no_outlooks_period():
    # the document is dated 2023-11-02: "by the second quarter" read as 2023-Q2 cannot be the outlook's period
    assert facts_of("Halden should reach 15,000 monthly deliveries by the second quarter.") == []
    facts = facts_of("Halden should reach 15,000 monthly deliveries by the second quarter of 2024.")
    assert rows(facts) == [("metric", HALDEN, "deliveries", "15000", "units", "2024-Q2", "guidance")]


def test_sales_of_a_count_of_units_are_unit_sales_in_a_forecast():
    facts = facts_of("Halden expects full-year 2024 sales of 4.7-4.9 million units.")
    assert rows(facts) == [("metric", HALDEN, "sales-volume", "4700000", "units", "2024", "guidance")]
    assert (facts[0].qualifier("low"), facts[0].qualifier("high")) == ("4700000", "4900000")
    # an amount of sales stays sales
    assert rows(facts_of("Halden expects full-year 2024 sales of $4.7 billion.")) == [
        ("metric", HALDEN, "revenue", "4700000000", "USD", "2024", "guidance")]


def test_a_growth_target_a_year_on_average_between_two_years_is_a_cagr_over_the_span():
    facts = facts_of("Halden aims to grow revenue organically by 6 to 8 per cent a year on average between 2023 "
                     "and 2028.")
    assert [(f.kind, f.metric, str(f.value), f.period.label, f.basis, f.qualifier("low"), f.qualifier("high"),
             f.qualifier("modality")) for f in facts] == [
        ("change", "revenue", "6", "2023/2028", "CAGR", "6", "8", "target")]
    # an actual change between two years keeps its span and stays an actual
    assert rows(facts_of("Sales rose 5% between 2021 and 2023.")) == [
        ("change", HALDEN, "revenue", "5", "percent", "2021/2023", None)]


def test_by_our_count_makes_a_share_an_estimate_even_after_a_past_verb():
    text = "By our count that gave Halden a share of 27% of mirrorless camera shipments in the quarter."
    facts = [f for f in facts_of(text) if f.kind == "market_share"]
    assert [(f.subject.label, str(f.value), f.period.label, f.qualifier("modality")) for f in facts] == [
        (HALDEN, "27", "2023-Q3", "estimate")]
