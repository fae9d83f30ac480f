"""Periods that hold for a part of a document, not all of it (graph/extract/periodslot.py, periodclauses.py,
frames.py, measures.py): a period written in parentheses is an aside's -- the prior-period value's -- and never
the period of a figure after the parenthesis closes; sentences written for these tests, invented companies and
figures.
"""
from __future__ import annotations

from datetime import date

from marketgraph.graph.records import Period
from test_extract_frames import facts_of

Q3 = Period("2023-Q3", "quarter", date(2023, 7, 1), date(2023, 9, 30))


def _periods(text: str, value: str, **kw) -> list:
    return [f.period.label if f.period is not None else None for f in facts_of(text, **kw) if str(f.value) == value]


def test_a_prior_period_in_parentheses_is_not_the_period_of_the_change_after_it():
    text = ("The Halden Micro Systems Sensors segment generated revenue of $412.0 million (Q3 2022: $398.5 million), "
            "an increase of 3.4%.")
    assert _periods(text, "398500000") == ["2022-Q3"]
    assert _periods(text, "3.4") == ["2023-Q3"]


def test_a_prior_period_in_parentheses_does_not_pass_to_the_next_clause():
    text = ("Halden Micro Systems revenue was $412.0 million (Q3 2022: $398.5 million), while operating profit "
            "grew by 6.1% to $55.2 million.")
    assert _periods(text, "55200000") == ["2023-Q3"]
    assert _periods(text, "6.1") == ["2023-Q3"]


def test_a_period_in_parentheses_is_still_the_period_of_the_figure_inside_them():
    text = "Halden Micro Systems revenue was $412.0 million (Q2 2023: $405.0 million) in the quarter."
    assert _periods(text, "405000000") == ["2023-Q2"]


H1 = Period("2023-H1", "half", date(2023, 1, 1), date(2023, 6, 30))
Y2023 = Period("2023", "year", date(2023, 1, 1), date(2023, 12, 31))
LEAD_QUARTER = ("SECOND QUARTER 2023\n"
                "• Net sales increased by 5 per cent to SEK 910 million.\n\n"
                "FIRST HALF 2023\n"
                "• Net sales increased by 7 per cent to SEK 1,730 million.\n\n"
                "COMMENTS FROM THE CEO\n"
                "Halden Micro Systems order intake rose to SEK 455 million.\n")


def test_a_section_without_a_period_in_a_half_year_report_that_leads_with_its_quarter_is_the_quarters():
    assert _periods(LEAD_QUARTER, "455000000", period=H1, date_="2023-07-20") == ["2023-Q2"]
    assert _periods(LEAD_QUARTER, "1730000000", period=H1, date_="2023-07-20") == ["2023-H1"]


def test_a_year_report_keeps_its_year_for_sections_without_a_period():
    text = LEAD_QUARTER.replace("FIRST HALF 2023", "FULL YEAR 2023").replace("SECOND", "FOURTH")
    assert _periods(text, "455000000", period=Y2023, date_="2024-02-01") == ["2023"]


def test_a_standing_target_in_a_section_that_falls_back_to_the_lead_quarter_keeps_no_period():
    text = LEAD_QUARTER + ("\nFINANCIAL TARGETS\n"
                           "Halden Micro Systems targets an operating margin of at least 14 per cent over a "
                           "business cycle.\n")
    assert _periods(text, "14", period=H1, date_="2023-07-20") in ([], [None])
