"""Calendar periods as ``Period`` records: a quarter, half, year, month, day or run of months of a year; a period
moved back or forward (``shift``), and the period an outlook names relative to the reported one (``following``).

Pure arithmetic on dates, no text: the phrases that name periods are read by ``periods.PeriodGrammar``."""
from __future__ import annotations

import calendar
from datetime import date
from typing import Optional

from ..records import Period


def quarter(y: int, q: int) -> Period:
    m0 = 3 * (q - 1) + 1
    return Period(f"{y}-Q{q}", "quarter", date(y, m0, 1), date(y, m0 + 2, calendar.monthrange(y, m0 + 2)[1]))


def half(y: int, h: int) -> Period:
    return Period(f"{y}-H{h}", "half", date(y, 1 if h == 1 else 7, 1), date(y, 6, 30) if h == 1 else date(y, 12, 31))


def year(y: int) -> Period:
    return Period(str(y), "year", date(y, 1, 1), date(y, 12, 31))


def month(y: int, m: int) -> Period:
    return Period(f"{y}-{m:02d}", "month", date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1]))


def day(y: int, m: int, d: int, instant: bool = False) -> Optional[Period]:
    try:
        dt = date(y, m, d)
    except ValueError:
        return None
    return Period(dt.isoformat(), "instant" if instant else "day", dt, dt)


def months_range(y: int, m0: int, m1: int) -> Period:
    if m0 == 1 and m1 == 12:
        return year(y)
    if m1 - m0 == 2 and m0 % 3 == 1:
        return quarter(y, (m0 + 2) // 3)
    if (m0, m1) in ((1, 6), (7, 12)):
        return half(y, 1 if m0 == 1 else 2)
    if (m0, m1) == (1, 9):
        return Period(f"{y}-9M", "ninemonths", date(y, 1, 1), date(y, 9, 30))
    return Period(f"{y}-{m0:02d}/{y}-{m1:02d}", "range", date(y, m0, 1), month(y, m1).end)


def shift(p: Period, years: int = 0, quarters: int = 0) -> Period:
    """The same kind of period moved back or forward (for "a year earlier", "the previous quarter")."""
    if p.start is None:
        return p
    y = p.start.year + years
    if p.kind == "quarter":
        q = (p.start.month - 1) // 3 + 1 + quarters
        y += (q - 1) // 4
        return quarter(y, (q - 1) % 4 + 1)
    if p.kind == "half":
        return half(y, 1 if p.start.month == 1 else 2)
    if p.kind == "year":
        return year(y)
    if p.kind == "month":
        return month(y, p.start.month)
    if p.kind == "ninemonths":
        return Period(f"{y}-9M", "ninemonths", date(y, 1, 1), date(y, 9, 30))
    if p.kind in ("day", "instant") and p.end:
        return day(y, p.start.month, p.start.day, p.kind == "instant") or p
    return p


def following(ref: Period, how: str, doc_day: Optional[date], step=shift) -> Optional[Period]:
    """The period an outlook names relative to the reported one: the quarter under way on the document's date
    (``date-quarter``), the next quarter, the next year; ``step`` moves a period (a fiscal one by its calendar)."""
    if how == "next-year":
        return step(ref, years=1) if ref.kind == "year" else \
            (step(year(ref.start.year), years=1) if ref.start is not None and not ref.fiscal_label else None)
    if how == "current-year":        # "for the year" in a report on a quarter: the year it is part of
        return ref if ref.kind == "year" else (year(ref.start.year) if ref.start is not None else None)
    if how == "date-year":
        p = ref if ref.kind == "year" else (year(doc_day.year) if doc_day is not None and not ref.fiscal_label else None)
        while p is not None and p.end is not None and doc_day is not None and p.end < doc_day:
            p = step(p, years=1)
        return p
    if ref.kind != "quarter":
        return None
    if how == "next-quarter":
        return step(ref, quarters=1)
    p: Optional[Period] = ref
    for _ in range(4):          # "the current quarter": the reported quarter moved on to the document's date
        if p is None or p.end is None or doc_day is None or p.end >= doc_day:
            break
        p = step(p, quarters=1)
    return p if p is not None and p.end is not None and doc_day is not None and p.end >= doc_day else None
