"""Fiscal calendars: a company's fiscal year and its quarters and halves as calendar intervals.

A fiscal year is named by the calendar year in which it ends (fiscal 2024 of a company whose year ends on
30 September runs from 1 October 2023 to 30 September 2024), unless ``named_by_start`` says otherwise. A calendar
year is the fiscal calendar that ends in December.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Optional

from .records import Period


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def add_months(y: int, m: int, n: int) -> tuple[int, int]:
    """(year, month) ``n`` months after month ``m`` of year ``y`` (``n`` may be negative)."""
    k = (y * 12 + (m - 1)) + n
    return k // 12, k % 12 + 1


_add_months = add_months


@dataclass(frozen=True)
class FiscalCalendar:
    end_month: int = 12          # the month the fiscal year ends in
    named_by_start: bool = False  # fiscal years named by the calendar year they start in (rare)

    @property
    def is_calendar(self) -> bool:
        return self.end_month == 12 and not self.named_by_start

    def year_interval(self, fy: int) -> tuple[date, date]:
        end_year = fy + 1 if self.named_by_start and self.end_month != 12 else fy
        end = _month_end(end_year, self.end_month)
        sy, sm = _add_months(end_year, self.end_month, -11)
        return date(sy, sm, 1), end

    def months(self, fy: int, first: int, count: int) -> tuple[date, date]:
        """Months ``first``..``first+count-1`` (1-based) of fiscal year ``fy``."""
        start, _ = self.year_interval(fy)
        sy, sm = _add_months(start.year, start.month, first - 1)
        ey, em = _add_months(sy, sm, count - 1)
        return date(sy, sm, 1), _month_end(ey, em)

    def fiscal_year_of(self, d: date) -> int:
        """The fiscal year a calendar date falls in."""
        return self.fiscal_year_of_month(d.year, d.month)

    def fiscal_year_of_month(self, year: int, month: int) -> int:
        """The fiscal year that calendar month ``month`` of ``year`` falls in."""
        end_year = year if month <= self.end_month else year + 1
        return end_year - 1 if self.named_by_start and self.end_month != 12 else end_year

    def period(self, kind: str, fy: int, n: int = 1) -> Period:
        """A fiscal period as a ``Period`` (calendar dates, fiscal label): kind quarter | half | ninemonths | year."""
        if self.is_calendar:
            label = {"quarter": f"{fy}-Q{n}", "half": f"{fy}-H{n}", "ninemonths": f"{fy}-9M"}.get(kind, str(fy))
            first, count = {"quarter": (3 * (n - 1) + 1, 3), "half": (6 * (n - 1) + 1, 6),
                            "ninemonths": (1, 9)}.get(kind, (1, 12))
            s, e = self.months(fy, first, count)
            return Period(label, kind if kind in ("quarter", "half", "ninemonths") else "year", s, e)  # type: ignore[arg-type]
        if kind == "quarter":
            s, e = self.months(fy, 3 * (n - 1) + 1, 3)
            return Period(f"FY{fy}-Q{n}", "quarter", s, e, f"Q{n} FY{fy}")
        if kind == "half":
            s, e = self.months(fy, 6 * (n - 1) + 1, 6)
            return Period(f"FY{fy}-H{n}", "half", s, e, f"H{n} FY{fy}")
        if kind == "ninemonths":
            s, e = self.months(fy, 1, 9)
            return Period(f"FY{fy}-9M", "ninemonths", s, e, f"9M FY{fy}")
        s, e = self.year_interval(fy)
        return Period(f"FY{fy}", "year", s, e, f"FY{fy}")

    def shift(self, p: Period, years: int = 0, quarters: int = 0) -> Optional[Period]:
        """A fiscal period moved back or forward (its fiscal label parsed); None for a non-fiscal period."""
        if not p.fiscal_label or p.start is None:
            return None
        kind = p.kind
        fy = self.fiscal_year_of(p.end or p.start)
        if kind == "quarter":
            start_fy, _ = self.year_interval(fy)
            q = (p.start.year * 12 + p.start.month - (start_fy.year * 12 + start_fy.month)) // 3 + 1 + quarters
            fy += years + (q - 1) // 4
            return self.period("quarter", fy, (q - 1) % 4 + 1)
        if kind == "half":
            start_fy, _ = self.year_interval(fy)
            h = 1 if p.start == start_fy else 2
            return self.period("half", fy + years, h)
        return self.period(kind, fy + years)


def quarter_end_calendar(end_month: int, quarter: int, end_year: int) -> FiscalCalendar:
    """The calendar in which fiscal quarter ``quarter`` ends in month ``end_month``: its year ends
    ``3 * (4 - quarter)`` months later."""
    y, m = _add_months(end_year, end_month, 3 * (4 - quarter))
    return FiscalCalendar(end_month=m)


def days_between(a: date, b: date) -> int:
    return abs((a - b) / timedelta(days=1))
