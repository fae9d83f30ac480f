"""The period of a figure (graph/extract/periodslot.py, periods.py, fiscalperiods.py) on sentences written for these
tests: each case names the period one figure must get, or that it must get none rather than a wrong one.

Causes covered: a comparison's period ("compared with the October-December quarter", "up 35% on 2022") is not the
figure's; a period written after an earlier figure of the sentence is that figure's when the figure is a
comparison's or a new clause follows; a founding year or the year a change is counted from ("since 2018") is not a
period; "Q2 of last year"; "for the nine months"; "the previous year" in a fiscal report; "ended June with" a
balance.
"""
from __future__ import annotations

from datetime import date

import pytest

from marketgraph.graph.extract.patterns import load_patterns
from marketgraph.graph.extract.periods import PeriodGrammar, quarter
from marketgraph.graph.fiscal import FiscalCalendar
from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.records import Period
from test_extract_frames import facts_of

MARCH = FiscalCalendar(3)
Y2023 = Period("2023", "year", date(2023, 1, 1), date(2023, 12, 31))


@pytest.fixture(scope="module")
def grammar() -> PeriodGrammar:
    return PeriodGrammar(load_patterns(ProjectPaths.default().mappings / "patterns"))


def _period_of(text: str, value: str, **kw):
    """The period labels of the facts whose value is ``value`` (a list: none when the figure has no fact)."""
    return [f.period.label if f.period is not None else None for f in facts_of(text, **kw) if str(f.value) == value]


# -- periods.py: the phrase ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,label", [
    ("compared with $0.42 in Q2 of last year", "2022-Q2"),
    ("the first half of the previous year", "2022-H1"),
    ("Q3 last year", "2022-Q3"),
])
def test_a_yearless_quarter_of_last_year_is_the_year_before_the_documents(grammar, text, label):
    found = [p for p in grammar.find(text, 0, len(text), quarter(2023, 2), "2023-08-01") if p.period.kind != "year"]
    assert [p.period.label for p in found] == [label]
    assert not found[0].yearless


def test_a_yearless_quarter_alone_keeps_the_documents_year(grammar):
    text = "revenue in Q2 rose"
    (p,) = grammar.find(text, 0, len(text), quarter(2023, 2), "2023-08-01")
    assert (p.period.label, p.yearless) == ("2023-Q2", True)


def test_for_the_nine_months_is_the_year_to_the_reported_quarter(grammar):
    text = "For the nine months, sales were flat"
    (p,) = grammar.find(text, 0, len(text), quarter(2023, 3), "2023-10-30")
    assert (p.period.label, p.period.start, p.period.end) == ("2023-9M", date(2023, 1, 1), date(2023, 9, 30))


def test_the_nine_months_ended_a_date_is_still_read_by_its_end(grammar):
    text = "in the nine months ended 30 September 2022"
    (p,) = grammar.find(text, 0, len(text), quarter(2023, 3), "2023-10-30")
    assert (p.period.label, p.period.start, p.period.end) == ("2022-9M", date(2022, 1, 1), date(2022, 9, 30))


@pytest.mark.parametrize("text,label", [
    ("The group ended June with net cash of 640 million pounds", "2023-06-30"),
    ("We closed September with $212 million in cash", "2023-09-30"),
])
def test_a_month_a_balance_ended_with_is_its_last_day(grammar, text, label):
    (p,) = grammar.find(text, 0, len(text), quarter(2023, 3), "2023-10-30")
    assert (p.period.label, p.period.kind) == (label, "instant")


def test_a_month_ended_without_a_balance_is_not_an_instant(grammar):
    text = "Sales ended June higher"
    assert grammar.find(text, 0, len(text), quarter(2023, 3), "2023-10-30") == []


# -- periodslot.py: the figure's period ------------------------------------------------------------------------------

def test_a_fronted_comparison_period_is_not_the_figures():
    text = "Compared with the April-June quarter, revenue was up 4.1%."
    assert _period_of(text, "4.1") == ["2023-Q3"]


def test_a_year_after_up_x_percent_on_is_the_baseline():
    text = "Halden Micro Systems sold 3.1 million modules in 2023, up 27% on 2022."
    assert _period_of(text, "27", period=Y2023, date_="2024-02-20") == ["2023"]


def test_a_comparison_figures_period_does_not_pass_to_a_later_figure():
    text = ("For the full year, revenue rose 9% to $810 million. Operating profit reached $96 million, compared "
            "with $88 million in 2022, and net income was $61 million.")
    assert _period_of(text, "61000000", period=Y2023, date_="2024-02-20") == ["2023"]
    assert _period_of(text, "88000000", period=Y2023, date_="2024-02-20") == ["2022"]


def test_a_period_shared_by_a_list_of_figures_still_applies():
    text = "Halden Micro Systems reported revenue of $410 million for 2023, up 6%, and an operating loss of $12 million."
    assert _period_of(text, "12000000", period=None, date_="2024-02-20") == ["2023"]


def test_a_change_and_its_result_share_the_period_between_them():
    text = "Revenue fell 3.5 per cent in 2023 to $640 million."
    assert _period_of(text, "640000000", period=None, date_="2024-02-20") == ["2023"]


def test_an_earlier_clauses_last_year_does_not_leak_into_a_new_clause():
    text = ("Founded in 2017, Halden Micro Systems has grown fast: revenue tripled to $48 million last year, and it "
            "has now shipped 14,000 controllers in nine countries.")
    got = _period_of(text, "14000", period=None, date_="2024-03-12")
    assert "2023" not in got and "2017" not in got, got


def test_a_change_since_a_year_is_for_the_reported_period():
    text = "Since 2018, revenue has almost tripled."
    assert _period_of(text, "200", period=Y2023, date_="2024-03-20") == ["2023"]


def test_a_founding_year_is_not_a_figures_period():
    text = "Founded in 2016, Halden Micro Systems shipped 2.2 million controllers."
    got = _period_of(text, "2200000", period=None, date_="2024-03-12")
    assert "2016" not in got, got


def test_the_previous_year_in_a_fiscal_report_is_the_previous_fiscal_year():
    text = "The board recommends a final dividend of ₹6.00 per share, against ₹4.50 per share for the previous year."
    fy = MARCH.period("year", 2024)
    got = [(f.period.start, f.period.end) for f in facts_of(text, fiscal=MARCH, period=fy, date_="2024-05-20")
           if str(f.value) == "4.5"]
    assert got == [(date(2022, 4, 1), date(2023, 3, 31))], got


def test_for_the_nine_months_in_a_fiscal_report():
    text = "For the nine months, revenue from operations stood at ₹2,450 crore."
    q3 = MARCH.period("quarter", 2024, 3)
    got = [(f.period.start, f.period.end) for f in facts_of(text, fiscal=MARCH, period=q3, date_="2024-01-29")
           if f.metric and "revenue" in f.metric]
    assert got == [(date(2023, 4, 1), date(2023, 12, 31))], got


def test_the_prior_year_quarter_eps():
    text = "Non-GAAP EPS was $0.64, compared with $0.49 in Q3 of last year."
    assert _period_of(text, "0.49") == ["2022-Q3"]
    assert _period_of(text, "0.64") == ["2023-Q3"]


def test_closed_the_month_with_cash_is_at_its_end():
    text = "We closed August with $212.5 million in cash and short-term investments."
    assert _period_of(text, "212500000") == ["2023-08-31"]


def test_a_year_to_date_figure_in_a_quarter_report_does_not_carry_to_the_next_sentences():
    text = ("For the nine months, revenue stood at $1,940 million. The average selling price of our routers was "
            "$212, 6% lower than a year ago.")
    assert _period_of(text, "1940000000") == ["2023-9M"]
    assert _period_of(text, "212") == ["2023-Q3"]


def test_an_abbreviation_in_parentheses_does_not_part_a_figure_from_its_period():
    text = "Halden Micro Systems' app had 4.6 million monthly active users (\"MAU\") in September."
    assert _period_of(text, "4600000") == ["2023-09"]


def test_an_outlook_year_stays_in_its_clause():
    text = ("For 2024 we expect revenue growth of 6-8 per cent, supported by an order backlog that is 19 per cent "
            "higher than a year ago.")
    assert _period_of(text, "19", period=Y2023, date_="2024-03-20") == ["2023"]


def test_an_outlook_year_still_holds_for_its_own_figure():
    text = "For 2024 we expect revenue of $900 million."
    assert _period_of(text, "900000000", period=Y2023, date_="2024-03-20") == ["2024"]


def test_coordinated_periods_pair_with_figures_listed_respectively():
    text = "The gross margins in the first quarter and the second quarter were 31.2% and 33.0%, respectively."
    assert _period_of(text, "31.2") == ["2023-Q1"]
    assert _period_of(text, "33") == ["2023-Q2"]


def test_during_the_year_after_a_figure_in_a_fiscal_quarter_report_is_the_fiscal_year():
    text = "Halden Micro Systems repurchased 1.4 million shares during the year."
    q4 = MARCH.period("quarter", 2024, 4)
    got = [(f.period.start, f.period.end) for f in facts_of(text, fiscal=MARCH, period=q4, date_="2024-05-08")
           if str(f.value) == "1400000"]
    assert got == [(date(2023, 4, 1), date(2024, 3, 31))], got


def test_a_stake_option_by_the_end_of_a_year_is_at_that_years_end():
    from marketgraph.graph.extract.pipeline import extract_document
    from test_extract_frames import GAZ, doc_for
    text = ("Halden Micro Systems bought 30% of Corvel Optics. Halden also secured an option to raise its stake to "
            "51% by the end of 2026.")
    facts = extract_document(doc_for(text, genre="news", period=None, date_="2024-05-08"), text, GAZ).facts
    got = [f.period.label for f in facts if str(f.value) == "51" and f.period is not None]
    assert got == ["2026-12-31"], got


def test_a_quarter_which_ended_on_a_date_is_the_three_months_to_it():
    text = ("Corvel, whose fiscal year ends in January, reported that revenue fell 12% to $4.2 billion in the "
            "third quarter of fiscal 2023, which ended October 31, 2022.")
    got = {str(f.value): (f.period.start, f.period.end) for f in facts_of(text, genre="news", period=None,
                                                                         date_="2022-12-01")
           if f.period is not None}
    assert got.get("4200000000") == (date(2022, 8, 1), date(2022, 10, 31)), got
    assert got.get("-12") == (date(2022, 8, 1), date(2022, 10, 31)), got


def test_its_june_quarter_is_the_calendar_quarter_ending_in_june():
    from marketgraph.graph.extract.fiscalperiods import FiscalPeriodGrammar
    g = FiscalPeriodGrammar(load_patterns(ProjectPaths.default().mappings / "patterns"))
    text = "Corvel guided its June quarter down 10% sequentially"
    (p,) = g.find(text, 0, len(text), None, None, "2024-04-25")
    assert (p.period.start, p.period.end) == (date(2024, 4, 1), date(2024, 6, 30))


def test_from_a_year_opening_the_sentence_is_the_period_a_target_starts_in():
    text = "From 2026, Halden Micro Systems targets a gross margin of more than 45 per cent."
    assert _period_of(text, "45", period=Y2023, date_="2024-03-20") == ["2026"]


def test_from_a_year_after_a_figure_is_still_a_comparison():
    text = "Halden Micro Systems' gross margin rose to 41.5% from 2022 levels."
    assert "2022" not in _period_of(text, "41.5", period=Y2023, date_="2024-03-20")


def test_a_running_total_in_the_present_perfect_is_as_of_the_documents_date():
    text = ("Founded in 2017, Halden Micro Systems has grown fast: revenue tripled to $48 million last year, and it "
            "has now shipped 14,000 controllers.")
    assert _period_of(text, "14000", genre="news", period=None, date_="2024-03-12") == ["2024-03-12"]


def test_a_running_total_with_its_own_period_keeps_it():
    text = "Halden Micro Systems has shipped 14,000 controllers in the third quarter."
    assert _period_of(text, "14000") == ["2023-Q3"]


def test_a_finished_period_before_a_present_perfect_total_is_not_its_period():
    text = "Corvel raised $120 million last year and says it has installed 35,000 systems."
    assert _period_of(text, "35000", genre="news", period=None, date_="2024-03-12") == ["2024-03-12"]


def test_the_quarter_in_a_report_on_a_half_is_its_last_quarter():
    h1 = Period("2023-H1", "half", date(2023, 1, 1), date(2023, 6, 30))
    text = "Net sales rose 6% to SEK 1,184 million in the quarter."
    assert _period_of(text, "1184000000", period=h1, date_="2023-07-18") == ["2023-Q2"]
    text = "Net sales for the period rose 5% to SEK 2,310 million."
    assert _period_of(text, "2310000000", period=h1, date_="2023-07-18") == ["2023-H1"]
