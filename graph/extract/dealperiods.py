"""When a deal figure holds: the date of a deal, the date a stock is stated at, a commitment's horizon, the earlier
date a comparison names — and whether the figure is a plan.

- An event (a stake bought, a round closed, money committed) is dated by a date in its own words, else by a date
  fronting its sentence ("In April we acquired ..."), else by one right after it ("raised $120 million last
  year"), else by the document's date.
- A state (a stake held, a valuation, a fund's size, a book value) is as of a date the sentence says it is ("as of
  March 31", "at the end of June", "at year-end"), else as of a target date right after it ("to 51% by the end of
  2025"), else — when the sentence is a plan — the period the plan names ("This year we will launch ..."), else
  the document's date.
- A commitment over a horizon ("between 2022 and 2026", "over the next five years") is for that span of years;
  "the next N years" start in the year the sentence names ("At the start of last year ...") or the document's.
- A comparison ("up from RMB 4.9 billion a year earlier") is the stated distance back from the figure's date.
"""
from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Optional

from ..records import Period
from .context import ExtractionContext, Mentions
from .dealgrammar import DealGrammar
from .periods import PeriodMention, shift
from .text import Sentence

_DATED = ("day", "month", "year", "quarter", "half", "instant", "ninemonths")
_NOT_DATE = re.compile(r"\b(?:since|by|until|till|before|after|from|than|founded\s+in|compared\s+(?:with|to)|versus|"
                       r"vs\.?|through|ended|ending|expected\s+in|due\s+in|scheduled\s+(?:for|in))\s+(?:the\s+)?$", re.I)
_AS_OF = re.compile(r"\b(?:as\s+(?:of|at)|at\s+(?:the\s+)?end(?:\s+of)?|at|on)\s+(?:the\s+)?$", re.I)
_END_OF = re.compile(r"\bend(?:\s+of)?\s+(?:the\s+)?$", re.I)
_BY = re.compile(r"^\s+by\s+(?:the\s+)?(?:end\s+of\s+|end-)?$", re.I)
_BY_END = re.compile(r"by\s+(?:the\s+)?end\b", re.I)
_CLAUSE_BREAK = re.compile(r"[;]|,\s*(?:which|where|while|and|but)\b|¤|\d", re.I)


def instant(d: date) -> Period:
    return Period(d.isoformat(), "instant", d, d)


def doc_instant(ctx: ExtractionContext) -> Optional[Period]:
    d = ctx.doc.date
    if d and re.fullmatch(r"\d{4}-\d{2}-\d{2}", d[:10]):
        return instant(date.fromisoformat(d[:10]))
    return None


def _usable(ctx: ExtractionContext, s: Sentence, p: PeriodMention) -> bool:
    return p.period.kind in _DATED and p.period.start is not None and \
        not _NOT_DATE.search(ctx.text[max(s.start, p.start - 24):p.start])


def _end_instant(p: Period) -> Period:
    return instant(p.end) if p.end is not None else p


def event_period(ctx: ExtractionContext, m: Mentions, s: Sentence, a: int, b: int) -> tuple[Optional[Period], str]:
    ps = [p for p in m.periods if s.start <= p.start and p.end <= s.end and _usable(ctx, s, p)]
    inside = [p for p in ps if a <= p.start and p.end <= b]
    if inside:
        return inside[0].period, "explicit"
    before = [p for p in ps if p.end <= a]
    if before:
        return before[-1].period, "sentence"
    after = [p for p in ps if b <= p.start <= b + 40 and not _CLAUSE_BREAK.search(ctx.text[b:p.start])]
    if after:
        return after[0].period, "explicit"
    d = doc_instant(ctx)
    return d, "document-date" if d else "none"


def state_period(ctx: ExtractionContext, m: Mentions, s: Sentence, a: int, b: int, fig_end: int,
                 plan: bool) -> tuple[Optional[Period], str]:
    ps = [p for p in m.periods if s.start <= p.start and p.end <= s.end and p.period.start is not None]
    for p in ps:
        lead = ctx.text[max(s.start, p.start - 20):p.start]
        said = ctx.text[p.start:p.end].casefold()
        if said.startswith(("as of", "as at", "at year-end", "at the end")) or _AS_OF.search(lead):
            if _END_OF.search(lead) or p.period.kind in ("day", "instant") or "year-end" in said:
                return _end_instant(p.period), "explicit"
            if p.period.kind in _DATED:
                return p.period, "explicit"
    # "to 51% by the end of 2025": the mention may begin with its own "by the end of"
    by = [p for p in ps if fig_end <= p.start <= fig_end + 30 and (
        _BY.match(ctx.text[fig_end:p.start]) or (not ctx.text[fig_end:p.start].strip() and
                                                 _BY_END.match(ctx.text, p.start, p.end) is not None))]
    if by:
        return _end_instant(by[0].period), "explicit"
    inside = [p for p in ps if a <= p.start and p.end <= b and _usable(ctx, s, p)]
    if inside:
        return inside[0].period, "explicit"
    if plan:
        fronted = [p for p in ps if p.end <= a and _usable(ctx, s, p)]
        if fronted:
            return fronted[0].period, "sentence"
    d = doc_instant(ctx)
    return d, "document-date" if d else "none"


_SPAN_LEAD = re.compile(r"\b(?:over|between|from|during|in|for)\s+(?:the\s+)?$", re.I)
_SPAN_JOIN = re.compile(r"\s*(?:[-–—]|to|through|until|and)\s*", re.I)


def horizon(ctx: ExtractionContext, g: DealGrammar, m: Mentions, s: Sentence) -> Optional[tuple[Period, int, int]]:
    """The span of years a commitment is for, with the words that say so."""
    years = [p for p in m.periods if s.start <= p.start and p.end <= s.end and p.period.kind == "year"
             and p.period.start is not None and p.period.end is not None]
    for p1, p2 in zip(years, years[1:]):
        # "over FY25–FY27", "between fiscal 2024 and fiscal 2026": two years of the period grammar (fiscal ones
        # with their calendar dates)
        if _SPAN_JOIN.fullmatch(ctx.text[p1.end:p2.start]) and _SPAN_LEAD.search(ctx.text[max(s.start, p1.start - 16):p1.start]) \
                and p1.period.start < p2.period.start:   # type: ignore[operator]
            fiscal = f"{p1.period.fiscal_label}-{p2.period.fiscal_label}" if p1.period.fiscal_label else None
            return (Period(f"{p1.period.label}/{p2.period.label}", "range", p1.period.start, p2.period.end,
                           fiscal_label=fiscal), p1.start, p2.end)
    found = None
    for mt in g.horizon.finditer(ctx.text, s.start, s.end):
        gd = mt.groupdict()
        y1, y2 = gd.get("hy1") or gd.get("hy3"), gd.get("hy2") or gd.get("hy4")
        if y1 and y2 and int(y1) < int(y2):
            return Period(f"{y1}/{y2}", "range", date(int(y1), 1, 1), date(int(y2), 12, 31)), mt.start(), mt.end()
        n = _number(g, gd.get("hn1") or gd.get("hn2") or gd.get("hn3"))
        if n and 1 < n <= 30 and found is None:
            y0 = _start_year(ctx, m, s, mt.start(), mt.end())
            if y0 is not None:
                found = (Period(f"{y0}/{y0 + n - 1}", "range", date(y0, 1, 1), date(y0 + n - 1, 12, 31)),
                         mt.start(), mt.end())
    return found


def _number(g: DealGrammar, word: Optional[str]) -> Optional[int]:
    if not word:
        return None
    return int(word) if word.isdigit() else g.number_words.get(word.casefold())


def _start_year(ctx: ExtractionContext, m: Mentions, s: Sentence, a: int, b: int) -> Optional[int]:
    named = [p for p in m.periods if s.start <= p.start < a and p.period.kind == "year" and p.period.start]
    if named:
        return named[-1].period.start.year   # type: ignore[union-attr]
    d = doc_instant(ctx)
    return d.start.year if d is not None and d.start is not None else None


def back(p: Optional[Period], months: int) -> Optional[Period]:
    """The date ``months`` before ``p`` (a stock's earlier value: "a year earlier", "six months earlier")."""
    if p is None or p.end is None:
        return None
    if p.kind in ("day", "instant"):
        e = p.end
        y, mo = divmod(e.year * 12 + e.month - 1 - months, 12)
        last = calendar.monthrange(y, mo + 1)[1]
        at_end = e.day == calendar.monthrange(e.year, e.month)[1]
        return instant(date(y, mo + 1, last if at_end else min(e.day, last)))
    if months % 12 == 0 and p.kind in ("year", "quarter", "half", "month", "ninemonths"):
        return shift(p, years=-(months // 12))
    return None


def is_plan(ctx: ExtractionContext, g: DealGrammar, s: Sentence) -> bool:
    return g.plan.search(ctx.text, s.start, s.end) is not None
