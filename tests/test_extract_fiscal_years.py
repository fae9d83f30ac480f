"""Periods stated as the year (or a quarter of the year) that ends in a month other than December, read by the
extraction with the document's fiscal calendar: "the year ended 31 March 2025" is April 2024 - March 2025, never
calendar 2025; "2023/24" is the fiscal year that ends in 2024; "the second quarter of its financial year to March
2024" is July - September 2023. Sentences written for these tests."""
from __future__ import annotations

from datetime import date

from marketgraph.graph.fiscal import FiscalCalendar
from test_extract_frames import facts_of

MARCH = FiscalCalendar(3)


def _periods(text: str, **kw) -> dict[str, tuple]:
    return {str(f.value): (f.period.start, f.period.end) for f in facts_of(text, **kw) if f.period is not None}


def test_the_year_ended_a_month_is_the_twelve_months_to_it_and_a_split_year_is_a_fiscal_year():
    got = _periods("For the year ended 31 March 2025, revenue rose 12% to £1.2 billion. Operating profit was £140 "
                   "million (2023/24: £118 million).", fiscal=MARCH, period=MARCH.period("year", 2025),
                   date_="2025-05-21")    # (a result for a year that had not begun would be no fact)
    assert got["1200000000"] == (date(2024, 4, 1), date(2025, 3, 31)), got
    assert got["118000000"] == (date(2023, 4, 1), date(2024, 3, 31)), got


def test_a_split_fiscal_year_with_fy_in_front_is_the_year_that_ends_in_its_second_year():
    got = _periods("Revenue rose 18% to Rs 4,820 crore in FY2022-23.", fiscal=MARCH, period=MARCH.period("year", 2023))
    assert got["48200000000"] == (date(2022, 4, 1), date(2023, 3, 31)), got
    assert "23" not in got, got      # the second year is no figure


def test_a_quarter_of_the_financial_year_to_a_month():
    got = _periods("Net sales for the second quarter of its financial year to March 2024 rose 23% to ¥412.7 "
                   "billion.", fiscal=MARCH, period=None, date_="2023-11-08")
    assert got["412700000000"] == (date(2023, 7, 1), date(2023, 9, 30)), got


def test_a_year_ended_december_is_the_calendar_year():
    got = _periods("For the year ended December 31, 2024, revenue was $3.2 billion.", period=None,
                   date_="2025-02-10")
    assert got["3200000000"] == (date(2024, 1, 1), date(2024, 12, 31)), got


def test_a_yearless_date_after_the_documents_date_is_this_years_when_the_clause_looks_ahead():
    ahead = _periods("Deliveries will begin in June, when the plant will ship 4,000 units.", period=None,
                     date_="2026-04-12")
    back = _periods("In December the plant shipped 4,000 units.", period=None, date_="2026-04-12")
    assert ahead.get("4000") == (date(2026, 6, 1), date(2026, 6, 30)), ahead
    assert back.get("4000") == (date(2025, 12, 1), date(2025, 12, 31)), back


def test_a_stock_is_not_as_of_the_year_something_began():
    got = _periods("Founded in 2012, Halden sells its speakers in more than 30 countries. Halden has invested in 63 "
                   "start-ups since 2016.", period=None, date_="2023-11-02")
    assert got.get("30") == (date(2023, 11, 2), date(2023, 11, 2)), got
    assert got.get("63") == (date(2023, 11, 2), date(2023, 11, 2)), got
    dated = _periods("In 2022 Halden opened 40 stores.", period=None, date_="2023-11-02")
    assert dated.get("40") == (date(2022, 1, 1), date(2022, 12, 31)), dated
