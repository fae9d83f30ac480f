"""Period forms of slides and launch news (graph/extract/periodslot.py, periodclauses.py, periods.py): a period
alone in parentheses right after a figure is the figure's own; "Sep-24" is a month; a window counted from a launch
("in its first six months") is no calendar period. Sentences written for these tests, invented companies and
figures.
"""
from __future__ import annotations

from datetime import date

from marketgraph.graph.records import Period
from test_extract_frames import facts_of

Q3 = Period("2024-Q3", "quarter", date(2024, 7, 1), date(2024, 9, 30))


def _facts(text: str, value: str, **kw) -> list:
    return [f for f in facts_of(text, **kw) if str(f.value) == value]


def _periods(text: str, value: str, **kw) -> list:
    return [f.period.label if f.period is not None else None for f in _facts(text, value, **kw)]


def test_a_year_alone_in_parentheses_after_a_figure_is_its_period():
    text = "Halden Micro Systems revenue $512.3 million (2022)"
    assert _periods(text, "512300000", period=None, date_="2024-11-20") == ["2022"]


def test_a_prior_value_in_parentheses_after_its_period_keeps_the_reported_period():
    # "(Q3 2023: $405.0 million)": the parenthesis holds an earlier value, its period is that value's
    text = "Halden Micro Systems revenue was $412.0 million (Q3 2023: $405.0 million)."
    assert _periods(text, "412000000", period=Q3, date_="2024-11-02") == ["2024-Q3"]


def test_a_month_with_a_two_digit_year_is_that_month_and_its_year_is_no_figure():
    text = "Halden Micro Systems installed base 38,500 units (Sep-24)\n"
    assert _periods(text, "38500", period=None, date_="2024-11-20") == ["2024-09"]
    assert _facts(text, "24", period=None, date_="2024-11-20") == []


def test_a_window_from_a_launch_is_no_calendar_period():
    text = ("Halden Micro Systems launched the Talvik 4 router today. Its predecessor, the Talvik 3, sold 640,000 "
            "units in its first nine months on sale.")
    got = _facts(text, "640000", period=None, genre="product_release", date_="2024-03-04")
    assert [f.period for f in got] == [None]
    assert ("window", "in its first nine months on sale") in got[0].qualifiers


def test_a_calendar_period_after_a_figure_is_not_a_launch_window():
    text = "Halden Micro Systems sold 640,000 routers in the first nine months of 2023."
    assert _periods(text, "640000", period=None, genre="news", date_="2024-03-04") == ["2023-9M"]


def test_a_period_in_parentheses_labels_its_figure_only():
    # slide bullets: the first line's "(2022)" is that figure's label, not the period of the next line's figure,
    # which names none (unresolved, not published)
    text = "Halden Micro Systems revenue $512.3 million (2022). Its operating profit was $61.0 million."
    assert _periods(text, "512300000", period=None, date_="2024-11-20") == ["2022"]
    assert _periods(text, "61000000", period=None, date_="2024-11-20") == []


Y2023 = Period("2023", "year", date(2023, 1, 1), date(2023, 12, 31))
Q3_2023 = Period("2023-Q3", "quarter", date(2023, 7, 1), date(2023, 9, 30))


def test_a_value_labelled_prior_year_in_parentheses_is_the_year_before():
    text = "Halden Micro Systems revenue rose to EUR 412.0 million (prior year: EUR 398.5 million)."
    assert _periods(text, "398500000", period=Y2023, date_="2024-02-20") == ["2022"]
    assert _periods(text, "412000000", period=Y2023, date_="2024-02-20") == ["2023"]


def test_the_day_a_company_said_something_is_not_its_figures_period():
    text = "Halden Micro Systems said on Wednesday its revenue rose 12% to $412.0 million."
    assert _periods(text, "412000000", period=Q3_2023, date_="2023-11-02") == ["2023-Q3"]


def test_the_same_period_last_year_is_the_comparisons_not_the_next_figures():
    text = ("Halden Micro Systems gross margin rose to 41.0% from 38.5% in the same period last year, while its "
            "operating margin was 12.0%.")
    assert _periods(text, "38.5", period=Q3_2023, date_="2023-11-02") == ["2022-Q3"]
    assert _periods(text, "12", period=Q3_2023, date_="2023-11-02") == ["2023-Q3"]


def test_the_year_a_superlative_counts_among_is_not_the_figures_period():
    text = "Halden Micro Systems said Q3 was the strongest quarter of the year, with revenue of $412.0 million."
    assert _periods(text, "412000000", period=Y2023, date_="2024-02-20") == ["2023-Q3"]


def test_the_current_fiscal_year_in_a_story_is_the_fiscal_year_under_way():
    from marketgraph.graph.fiscal import FiscalCalendar
    text = "Halden Micro Systems expects sales of $90 million in the current fiscal year."
    got = _facts(text, "90000000", period=None, genre="news", date_="2026-11-25", fiscal=FiscalCalendar(3, False))
    assert [(f.period.start, f.period.end) for f in got] == [(date(2026, 4, 1), date(2027, 3, 31))]
