"""A company's fiscal calendar and a document's fiscal reporting period, read from its text.

Statements that fix the calendar (patterns in mappings/docmodel.yaml ``fiscal``):
  year_end      "fiscal year ended September 30, 2023", "fiscal year ending March 31", "financial year to March
                2024", "fiscal 2023 (the year ended March 31, 2024)" — the month the year ends in, and with a named
                year and its end year, whether years are named by the year they start in;
  quarter_end   "the first quarter of fiscal 2024 ended June 30, 2023", "Q3 of fiscal '24 is the March quarter",
                "Q3 FY24 (October–December 2023)" — quarter n ends in month m, so the year ends 3(4-n) months later;
  label + end   a fiscal quarter label ("Q3 FY24") and "the quarter (under review) ended 31 December 2023";
  split year    "FY2023-24" with a balance date ("as at March 31, 2024") in its second year.
A statement about another company ("X, whose fiscal year ends in January") does not count. The reporting period is
the first fiscal period phrase of the title, else of the head, as a ``Period`` of calendar dates with its fiscal
label (``FiscalCalendar.period``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Optional, Pattern

from ..fiscal import FiscalCalendar, add_months
from ..records import Period


@dataclass(frozen=True)
class FiscalPeriodRule:
    kind: str                 # quarter | half | ninemonths | year
    regex: Pattern[str]       # groups: q | ordinal | h; fy (2 or 4 digits) or month + year (the year's end)


@dataclass(frozen=True)
class FiscalRules:
    year_end: tuple[Pattern[str], ...]
    quarter_end: tuple[Pattern[str], ...]
    quarter_ended: tuple[Pattern[str], ...]    # "the quarter under review ended <date>" (month, year)
    split_year: Pattern[str]                   # "FY2023-24" (groups y1, y2)
    balance_date: Pattern[str]                 # "as at March 31, 2024" (month, year)
    foreign: Pattern[str]                      # text right before a statement about another company
    periods: tuple[FiscalPeriodRule, ...]
    months: dict[str, int]
    ordinals: dict[str, int]
    head_chars: int = 2500

    @staticmethod
    def compile(raw: dict[str, Any], t: Any) -> "FiscalRules":
        def pats(key: str) -> tuple[Pattern[str], ...]:
            return tuple(t.one(str(p)) for p in raw.get(key) or [])
        return FiscalRules(
            year_end=pats("year_end"), quarter_end=pats("quarter_end"), quarter_ended=pats("quarter_ended"),
            split_year=t.one(str(raw.get("split_year", r"(?!x)x"))),
            balance_date=t.one(str(raw.get("balance_date", r"(?!x)x"))),
            foreign=t.one(str(raw.get("foreign", r"(?!x)x"))),
            periods=tuple(FiscalPeriodRule(str(p["kind"]), t.one(str(p["regex"]))) for p in raw.get("periods") or []),
            months=t.months, ordinals={str(k).lower(): int(v) for k, v in (raw.get("ordinals") or {}).items()},
            head_chars=int(raw.get("head_chars", 2500)))


def _year(raw: Optional[str]) -> Optional[int]:
    if not raw:
        return None
    y = int(raw.lstrip("'’"))
    return y + 2000 if y < 100 else y


def _month(raw: Optional[str], rules: FiscalRules) -> Optional[int]:
    if raw and raw.isdigit():
        return int(raw) if 1 <= int(raw) <= 12 else None    # "FY3/24": the year that ends in month 3
    return rules.months.get((raw or "").lower().rstrip(".")) if raw else None


def _quarter(g: dict[str, Optional[str]], rules: FiscalRules) -> Optional[int]:
    if g.get("q"):
        return int(g["q"])  # type: ignore[arg-type]
    return rules.ordinals.get((g.get("ordinal") or "").lower())


def _calendar(end_month: int, fy: Optional[int], end_year: Optional[int]) -> FiscalCalendar:
    return FiscalCalendar(end_month=end_month, named_by_start=bool(fy and end_year and fy == end_year - 1))


def _own(text: str, pos: int, rules: FiscalRules, doc_start: int = 0) -> bool:
    """False when the sentence before ``pos`` is about another company ("X, whose fiscal year ends …"), unless X
    is the company the document's title names ("Orvane Systems, Inc., whose fiscal year runs from July to June")."""
    start = max(text.rfind(". ", 0, pos), text.rfind("\n\n", 0, pos), pos - 300, 0)
    m = rules.foreign.search(text, start, pos)
    if m is None:
        return True
    # the words right before "whose", back to the clause's start ("-- Fennmoor plc, whose"): one of its capitalised
    # words is the title's company
    before = text[max(start, m.start() - 60):m.start()]
    clause = re.split(r"--|[–—;:\n(]", before)[-1]
    first = text[doc_start:text.find("\n", doc_start) if "\n" in text[doc_start:] else len(text)]
    return any(re.search(rf"\b{re.escape(w)}\b", first) for w in re.findall(r"\b[A-Z][\w&-]+", clause))


def unwrapped(text: str) -> str:
    """The text with a line wrapped inside a paragraph joined by a space ("the second quarter of fiscal\n2027"):
    same length, so offsets hold; a blank line still ends a paragraph."""
    return _WRAP.sub(" ", text)


_WRAP = re.compile(r"(?<=\S)\n(?=\S)")


def read_calendar(text: str, start: int, end: int, rules: FiscalRules) -> Optional[FiscalCalendar]:
    """The document's fiscal calendar when the text states one that is not the calendar year (else None)."""
    text = unwrapped(text)
    found: list[tuple[int, FiscalCalendar]] = []
    for p in rules.year_end:
        for m in p.finditer(text, start, end):
            month = _month(m.group("month"), rules)
            if month and _own(text, m.start(), rules, start):
                g = m.groupdict()
                found.append((m.start(), _calendar(month, _year(g.get("fy") or g.get("fy2")), _year(g.get("year")))))
                break
    for p in rules.quarter_end:
        for m in p.finditer(text, start, end):
            g = m.groupdict()
            q, month = _quarter(g, rules), _month(g.get("month"), rules)
            if q and month and _own(text, m.start(), rules, start):
                qy = _year(g.get("year"))
                end_year, end_month = add_months(qy or 2000, month, 3 * (4 - q))
                found.append((m.start(), _calendar(end_month, _year(g.get("fy")), end_year if qy else None)))
                break
    if not found:
        found += _from_label(text, start, end, rules)
    if not found:
        found += _from_split_year(text, start, end, rules)
    if not found:
        return None
    cal = min(found, key=lambda f: f[0])[1]
    return None if cal.is_calendar else cal


def _from_label(text: str, start: int, end: int, rules: FiscalRules) -> list[tuple[int, FiscalCalendar]]:
    head = min(end, start + rules.head_chars)
    label = None
    for r in rules.periods:
        if r.kind == "quarter":
            m = r.regex.search(text, start, head)
            if m and m.groupdict().get("fy") and (label is None or m.start() < label.start()):
                label = m
    if label is None:
        return []
    for p in rules.quarter_ended:
        m = p.search(text, start, head)
        month = _month(m.group("month"), rules) if m else None
        q = _quarter(label.groupdict(), rules)
        if m and month and q:
            qy = _year(m.group("year"))
            end_year, end_month = add_months(qy or 2000, month, 3 * (4 - q))
            return [(m.start(), _calendar(end_month, _year(label.group("fy")), end_year if qy else None))]
    return []


def _from_split_year(text: str, start: int, end: int, rules: FiscalRules) -> list[tuple[int, FiscalCalendar]]:
    m = rules.split_year.search(text, start, end)
    if not m:
        return []
    second = _year(m.group("y2"))
    for b in rules.balance_date.finditer(text, start, end):
        month = _month(b.group("month"), rules)
        if month and _year(b.group("year")) == second:
            return [(m.start(), FiscalCalendar(end_month=month))]
    return []


def fiscal_period(text: str, start: int, end: int, title: Optional[tuple[int, int]], cal: FiscalCalendar,
                  rules: FiscalRules) -> Optional[Period]:
    """The first fiscal period phrase of the title, else of the head, in the document's fiscal calendar."""
    text = unwrapped(text)
    zones = ([title] if title else []) + [(start, min(end, start + rules.head_chars))]
    for a, b in zones:
        best: Optional[tuple[int, int, Period]] = None
        for order, r in enumerate(rules.periods):
            for m in r.regex.finditer(text, a, b):
                p = _period_of(m, r, cal, rules)
                if p is not None:
                    if best is None or (m.start(), order) < (best[0], best[1]):
                        best = (m.start(), order, p)
                    break
        if best:
            return best[2]
    return None


def _period_of(m: re.Match[str], r: FiscalPeriodRule, cal: FiscalCalendar, rules: FiscalRules) -> Optional[Period]:
    g = m.groupdict()
    fy = _year(g.get("fy"))
    nth = 0          # "six months ended September 30, 2024": the month's place in its fiscal year
    if fy is None and g.get("month") and g.get("year"):
        month = _month(g["month"], rules)
        if not month:
            return None
        fy = cal.fiscal_year_of_month(int(g["year"]), month)
        nth = (month - cal.end_month - 1) % 12 + 1
    if fy is None:
        return None
    if r.kind == "quarter":
        q = _quarter(g, rules) or (nth // 3 if nth % 3 == 0 and g.get("ended") else None)
        return cal.period("quarter", fy, q) if q else None
    if r.kind == "half":
        h = int(g.get("h") or 0) or rules.ordinals.get((g.get("ordinal") or "").lower()) or \
            (nth // 6 if nth % 6 == 0 and g.get("ended") else None)
        return cal.period("half", fy, h) if h in (1, 2) else None
    if r.kind == "ninemonths" and nth != 9:
        return None
    return cal.period(r.kind, fy)
