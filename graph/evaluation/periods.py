"""Periods for scoring: a gold period and a fact period become calendar intervals, compared with a few days'
slack (a fiscal quarter "ended September 25" and the calendar quarter it stands for are the same period)."""
from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Optional

from ..records import Period

Interval = tuple[date, date]
SLACK_DAYS = 7

_QUARTER = re.compile(r"^(?:q([1-4])\s*(?:fy\s*)?(\d{4})|([1-4])q\s*(\d{4})|(\d{4})\s*-?\s*q([1-4]))$")
_HALF = re.compile(r"^(?:h([12])\s*(\d{4})|([12])h\s*(\d{4})|(\d{4})\s*-?\s*h([12]))$")
_NINE = re.compile(r"^(?:9m\s*(\d{4})|(\d{4})\s*-?\s*9m)$")
_YEAR = re.compile(r"^(?:fy\s*)?(\d{4})$")
_YEAR_END = re.compile(r"^(?:fy\s*)?(\d{4})\s*\(year-end\)$")
_SPAN = re.compile(r"^(\d{4})\s*[-/–]\s*(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^(?:as of\s+)?(\d{4})-(\d{2})-(\d{2})$")
_INTERVAL = re.compile(r"^(\d{4})-(\d{2})-(\d{2})\s*/\s*(\d{4})-(\d{2})-(\d{2})$")


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def quarter(y: int, q: int) -> Interval:
    return date(y, 3 * q - 2, 1), _month_end(y, 3 * q)


def gold_intervals(text: str) -> Optional[list[Interval]]:
    """The intervals a gold period accepts; None when it names no comparable period ("at launch")."""
    t = " ".join(text.strip().casefold().split())
    if not t:
        return None
    m = _INTERVAL.match(t)
    if m:
        g = [int(x) for x in m.groups()]
        return [(date(g[0], g[1], g[2]), date(g[3], g[4], g[5]))]
    for rx, tag in ((_QUARTER, "Q"), (_HALF, "H")):
        m = rx.match(t)
        if m:
            y, n = next((int(m.group(a)), int(m.group(b))) for a, b in ((2, 1), (4, 3), (5, 6)) if m.group(a))
            return [quarter(y, n)] if tag == "Q" else [(date(y, 6 * n - 5, 1), _month_end(y, 6 * n))]
    m = _NINE.match(t)
    if m:
        y = int(m.group(1) or m.group(2))
        return [(date(y, 1, 1), date(y, 9, 30))]
    m = _YEAR.match(t)
    if m:
        y = int(m.group(1))
        return [(date(y, 1, 1), date(y, 12, 31))]
    m = _YEAR_END.match(t)
    if m:
        y = int(m.group(1))
        return [(date(y, 1, 1), date(y, 12, 31)), (date(y, 12, 31), date(y, 12, 31))]
    m = _SPAN.match(t)
    if m:
        return [(date(int(m.group(1)), 1, 1), date(int(m.group(2)), 12, 31))]
    m = _MONTH.match(t)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        return [(date(y, mo, 1), _month_end(y, mo))]
    m = _DAY.match(t)
    if m:
        d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        out = [(d, d)]
        # a stock figure "as of" a quarter's last day may be labelled with that quarter
        if d == _month_end(d.year, d.month) and d.month % 3 == 0:
            out.append(quarter(d.year, d.month // 3))
        return out
    return None


def fact_interval(p: Optional[Period]) -> Optional[Interval]:
    if p is None:
        return None
    if p.start is not None and p.end is not None:
        return p.start, p.end
    found = gold_intervals(p.label.replace("-Q", " Q").replace("-H", " H").replace("-9M", " 9M"))
    if found:
        return found[0]
    m = re.match(r"^(\d{4})-([1-4])Q$|^(\d{4})/(\d{4})$", p.label)
    if m and m.group(3):
        return date(int(m.group(3)), 1, 1), date(int(m.group(4)), 12, 31)
    return None


def same_interval(a: Interval, b: Interval) -> bool:
    return abs((a[0] - b[0]).days) <= SLACK_DAYS and abs((a[1] - b[1]).days) <= SLACK_DAYS


def is_instant(p: Optional[Period]) -> bool:
    return p is not None and p.kind in ("day", "instant")
