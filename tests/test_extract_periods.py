"""Period phrases resolve against the document's period and date."""
import pytest

from marketgraph.graph.extract.patterns import load_patterns
from marketgraph.graph.extract.periods import PeriodGrammar, quarter, year
from marketgraph.graph.paths import ProjectPaths


@pytest.fixture(scope="module")
def grammar() -> PeriodGrammar:
    return PeriodGrammar(load_patterns(ProjectPaths.default().mappings / "patterns"))


@pytest.mark.parametrize("text,label", [
    ("in the second quarter", "2020-Q2"), ("Q2 2020", "2020-Q2"), ("2Q", "2020-Q2"), ("3Q2019", "2019-Q3"),
    ("third-quarter revenue", "2020-Q3"), ("July-September", "2020-Q3"), ("January-March", "2020-Q1"),
    ("the first half", "2020-H1"), ("H1 2019", "2019-H1"), ("the first three quarters", "2020-9M"),
    ("the first nine months of 2019", "2019-9M"), ("as of June 30, 2020", "2020-06-30"),
    ("as at 31 December 2019", "2019-12-31"), ("In July", "2020-07"), ("In September 2019", "2019-09"),
    ("for the year ended 31 December 2020", "2020"), ("FY2019", "2019"), ("in 2019", "2019"),
    ("the third quarter of 2019", "2019-Q3"), ("from 2021 to 2025", "2021/2025"), ("last year", "2019"),
    ("the first ten months of the year", "2020-01/2020-10"),
    ("the nine months ended September 30, 2019", "2019-9M"), ("the nine months to September 2019", "2019-9M"),
    ("the six months to June 2020", "2020-H1"), ("the three months to March 2020", "2020-Q1"),
])
def test_period_labels(grammar, text, label):
    found = grammar.find(text, 0, len(text), quarter(2020, 2), "2020-08-19")
    assert [p.period.label for p in found] == [label]


def test_the_period_is_the_documents(grammar):
    text = "During the Period, revenue rose"
    (p,) = grammar.find(text, 0, len(text), quarter(2019, 3), "2019-11-27")
    assert (p.period.label, p.how) == ("2019-Q3", "current")


def test_the_quarter_in_a_report_on_a_half_is_its_last_quarter_and_the_period_the_half(grammar):
    from marketgraph.graph.extract.periods import half
    text = "Demand contracted by 10 per cent in the quarter, and margins rose over the period"
    got = [(p.period.label, p.how) for p in grammar.find(text, 0, len(text), half(2023, 1), "2023-07-18")]
    assert got == [("2023-Q2", "current"), ("2023-H1", "current")], got


def test_month_without_year_after_the_document_date_is_last_year(grammar):
    text = "296.0 million in December"
    (p,) = grammar.find(text, 0, len(text), year(2020), "2021-03-25")
    assert p.period.label == "2020-12"


def test_weekday_is_the_last_such_day(grammar):
    text = "touched a record on Monday"
    (p,) = grammar.find(text, 0, len(text), quarter(2020, 3), "2020-11-24")
    assert p.period.label == "2020-11-23"
