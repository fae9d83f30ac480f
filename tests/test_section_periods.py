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
