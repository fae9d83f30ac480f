"""Dates of launch statements: the year of a date written without one, days, months and the value of a launch.

A sale or launch date without a year that the periods grammar put in the year before the document is in the
document's year when the statement looks forward (``this_year``); in an annual letter, a month without a year is
in the year reported on (``in_reported_year``).
"""
from __future__ import annotations

import re

from datetime import date
from typing import Optional

from ..records import Period


def date_value(p: Period) -> str:
    """The launch date as a date value: a day, a month, else the year ("ships in Q3" is a date of that year; the
    quarter stays in ``period``)."""
    if p.kind in ("day", "month", "year"):
        return p.label
    return str(p.start.year) if p.start else p.label[:4]


_END_OF_MONTH = re.compile(r"(?:at|by|as\s+of|as\s+at)?\s*(?:the\s+)?end\s+(?:of\s+)?(?:the\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|"
                           r"Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?(?:\s+\d{4})?$", re.I)


def end_of_month_as_month(text: str, start: int, end: int, p: Period) -> Period:
    """"start production at the end of December": a launch dated by the end of a month is dated by that month
    (the period reader makes "the end of December" the instant of its last day, right for a balance)."""
    if p.kind != "instant" or p.end is None or not _END_OF_MONTH.fullmatch(text[start:end].strip()):
        return p
    e = p.end
    return Period(f"{e.year:04d}-{e.month:02d}", "month", date(e.year, e.month, 1), e)


def this_year(p: Period, doc_date: Optional[str]) -> Period:
    """A sale or pre-order date written without a year is in the document's year, not the year before."""
    if not doc_date or p.start is None or p.start.year != int(doc_date[:4]) - 1 or p.kind not in ("day", "month"):
        return p
    y = p.start.year + 1
    try:
        start = p.start.replace(year=y)
        end = p.end.replace(year=y) if p.end else start
    except ValueError:
        return p
    return Period(str(y) + p.label[4:], p.kind, start, end)


def day(d: str) -> Period:
    dt = date.fromisoformat(d)
    return Period(dt.isoformat(), "day", dt, dt)


def in_reported_year(p: Period, reported: Optional[Period]) -> Period:
    """In an annual letter or report, a month or day written without a year is in the year reported on ("Our
    factories paused in February" in a letter on 2020 dated March 2021 is February 2020)."""
    if reported is None or reported.kind != "year" or reported.start is None or p.start is None \
            or p.kind not in ("day", "month") or p.start.year == reported.start.year:
        return p
    y = reported.start.year
    try:
        start, end = p.start.replace(year=y), (p.end or p.start).replace(year=y)
    except ValueError:
        return p
    return Period(str(y) + p.label[4:], p.kind, start, end)


def year_of(p: Period) -> Period:
    y = p.start.year if p.start else int(p.label[:4])
    return Period(str(y), "year", date(y, 1, 1), date(y, 12, 31))
