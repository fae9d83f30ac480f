"""Fiscal calendars and reporting periods stated in the forms of round 8 (mappings/docmodel.yaml ``fiscal``,
graph/docmodel/fiscal_text.py): "the financial year runs to 30 June", "Q1 FY27 is the September quarter", "the
financial year covers the period 1 October 2025 to 30 September 2026", and a title's "Q2 Fiscal Year Ending March
2027". Companies, people and figures are invented; several word orders per form."""
from __future__ import annotations

from datetime import date

import pytest

from marketgraph.graph.fiscal import FiscalCalendar
from test_docmodel import _one, rules  # noqa: F401  (the module fixture)


@pytest.mark.parametrize("sentence, end_month", [
    ("Brenmoor's financial year runs to 30 June; sales rose.", 6),
    ("Our fiscal year runs through September 30, so the quarter was strong.", 9),
    ("The company's financial year runs until 31 January.", 1),
    ("Q1 FY27 is the September quarter for us.", 6),
    ("Q3 fiscal 2026, the March quarter, was strong.", 6),
    ("Q2 FY2026 was the December quarter.", 6),
    ("The financial year covers the period 1 October 2025 to 30 September 2026.", 9),
    ("The fiscal year covers the period from 1 July 2025 to 30 June 2026.", 6),
    ("The financial year covers April 1, 2025 through March 31, 2026.", 3),
])
def test_a_fiscal_calendar_stated_in_round_eight_forms(sentence, end_month, rules):  # noqa: F811
    d = _one("Brenmoor update\n\nLeeds, 4 November 2026 – Brenmoor Holdings plc reported. " + sentence + "\n", rules)
    assert d.fiscal == FiscalCalendar(end_month, False)


@pytest.mark.parametrize("sentence", [
    "The financial year covers the period 1 January 2025 to 31 December 2025.",   # the calendar year: no fiscal one
    "The quarter covers the period 1 July to 30 September.",                      # a quarter, not the year
    "Q3 2026 was the September quarter.",                                         # no fiscal label
])
def test_statements_that_fix_no_fiscal_calendar(sentence, rules):  # noqa: F811
    d = _one("Brenmoor update\n\nLeeds, 4 November 2026 – Brenmoor Holdings plc reported. " + sentence + "\n", rules)
    assert d.fiscal is None


def test_the_title_label_of_a_quarter_with_the_september_quarter_statement(rules):  # noqa: F811
    text = ("# Brenmoor Holdings plc — Q1 FY27 trading update\n\n*Call of 28 October 2026. Brenmoor's financial "
            "year runs to 30 June; Q1 FY27 is the September quarter.*\n\nCEO: Revenue was £91 million.\n")
    d = _one(text, rules)
    assert d.fiscal == FiscalCalendar(6, False)
    assert d.period is not None and (d.period.start, d.period.end) == (date(2026, 7, 1), date(2026, 9, 30))
    assert d.period.fiscal_label == "Q1 FY2027"


@pytest.mark.parametrize("title, start, end", [
    ("Q2 Fiscal Year Ending March 2027 Earnings Conference Call", date(2026, 7, 1), date(2026, 9, 30)),
    ("Q3 of the Financial Year to March 2027 Results Briefing", date(2026, 10, 1), date(2026, 12, 31)),
    ("Q1 Fiscal Year Ended June 2026 Results", date(2025, 7, 1), date(2025, 9, 30)),
])
def test_a_titles_quarter_of_the_fiscal_year_ending_a_month_is_that_quarter_not_the_year(title, start, end,
                                                                                         rules):  # noqa: F811
    end_month = 3 if "March" in title else 6
    text = (f"Tamori Glass Co., Ltd.\n{title}\nNovember 5, 2026\n\nOperator: Welcome. Today we review our fiscal "
            f"year ending {'March 31, 2027' if end_month == 3 else 'June 30, 2026'}. Revenue was 80 billion yen.\n")
    d = _one(text, rules)
    assert d.fiscal is not None and d.fiscal.end_month == end_month
    assert d.period is not None and (d.period.kind, d.period.start, d.period.end) == ("quarter", start, end)


# ---------------------------------------------------------------- a year back in a fiscal report

def _fiscal_periods(text: str) -> dict[str, str]:
    from test_extract_frames import facts_of
    march = FiscalCalendar(3)
    got = facts_of(text, fiscal=march, period=march.period("quarter", 2027, 2), date_="2026-11-06",
                   genre="earnings_call")
    return {str(f.value): f.period.fiscal_label for f in got if f.period is not None}


@pytest.mark.parametrize("text, prior", [
    ("Tamori Glass revenue rose 9% to 110 billion yen from 101 billion yen in the year-ago quarter.", "101000000000"),
    ("Tamori Glass net income was 9.1 billion yen against 7.2 billion yen in the second quarter of last year.",
     "7200000000"),
    ("Tamori Glass revenue was 84 billion yen, up from 79 billion yen in the same quarter last year.", "79000000000"),
    ("Tamori Glass revenue was 84 billion yen, compared with 79 billion yen in the prior-year quarter.", "79000000000"),
])
def test_a_year_back_in_a_fiscal_quarterly_report_is_the_same_fiscal_quarter_a_year_earlier(text, prior):
    got = _fiscal_periods(text)
    assert got[prior] == "Q2 FY2026", got
    assert all(v == "Q2 FY2027" for k, v in got.items() if k != prior), got


def test_a_bare_quarter_of_the_fiscal_report_stays_in_the_reported_year():
    got = _fiscal_periods("Tamori Glass revenue in the second quarter was 84 billion yen.")
    assert got == {"84000000000": "Q2 FY2027"}, got


@pytest.mark.parametrize("end_month, period, want", [
    (3, ("quarter", 2027, 2), date(2027, 3, 31)),
    (9, ("year", 2026, 1), date(2026, 9, 30)),
    (6, ("quarter", 2027, 1), date(2027, 6, 30)),
])
def test_year_end_in_a_fiscal_report_is_the_end_of_the_fiscal_year(end_month, period, want):
    from test_extract_frames import facts_of
    cal = FiscalCalendar(end_month)
    for text in ("Tamori Glass net cash at year-end was 31 billion yen.",
                 "Tamori Glass expects net cash of 31 billion yen at the end of the year."):
        got = [f.period for f in facts_of(text, fiscal=cal, period=cal.period(*period), date_="2026-11-06")]
        assert [(p.start, p.end) for p in got] == [(want, want)], (text, got)
