"""The event fact (kind ``event``), the cue lists of ``mappings/patterns/events.yaml``, dates written out
("27 November 2019", "Nov 24") and the period of an event; whether launches.py reads dated events instead."""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Optional

from ..records import EntityRef, Fact, Period
from .clauses import clause_bounds, period_for
from .context import ExtractionContext, Mentions
from .patterns import alternation
from .periods import year
from .quantities import Quantity
from .text import Sentence


def _cfg(ctx: ExtractionContext) -> dict:
    return ctx.patterns["events"]


def _months(ctx: ExtractionContext) -> dict[str, int]:
    return {str(k).lower(): int(v) for k, v in (ctx.patterns["periods"].get("months") or {}).items()}


def _words(ctx: ExtractionContext, key: str) -> list[str]:
    return [str(w) for w in _cfg(ctx).get(key) or []]


def date_regex(ctx: ExtractionContext) -> re.Pattern[str]:
    """Dates written out: "27 November 2019", "November 19, 2019", "Nov 24", "April 6th" (year optional)."""
    mon = alternation(_months(ctx).keys())
    wd = alternation((ctx.patterns["periods"].get("weekdays") or {}).keys())
    return re.compile(
        rf"(?:(?:{wd}),?\s+)?(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{mon})\.?(?:,?\s+(?P<y1>\d{{4}}))?"
        rf"|(?P<m2>{mon})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y2>\d{{4}}))?)(?![\w])",
        re.IGNORECASE)


def parse_date(ctx: ExtractionContext, m: re.Match[str], ref: Optional[str], future: bool = False) -> Optional[date]:
    """The date of a ``date_regex`` match; a missing year is the reference date's (the next one when ``future``)."""
    months = _months(ctx)
    d = int(m.group("d1") or m.group("d2"))
    mo = months[(m.group("m1") or m.group("m2")).lower().rstrip(".")]
    y = m.group("y1") or m.group("y2")
    try:
        if y:
            return date(int(y), mo, d)
        if not ref or len(ref) < 4:
            return None
        out = date(int(ref[:4]), mo, d)
        if future and len(ref) == 10 and out < date.fromisoformat(ref):
            out = date(out.year + 1, mo, d)
        return out
    except ValueError:
        return None


def _fact(ctx: ExtractionContext, subject: EntityRef, start: int, end: int, metric: str, value,
          period: Optional[Period] = None, **kw) -> Fact:
    return Fact("event", ctx.doc.doc_id, subject, ctx.evidence(start, end), metric=metric, value=value,
                period=period, **kw)


def _period_at(ctx: ExtractionContext, m: Mentions, s: Sentence, start: int, end: int) -> Optional[Period]:
    lo, hi = clause_bounds(ctx, s, start)
    q = Quantity(start, end, Decimal(0), Decimal(0), "number")
    return period_for(ctx, m, q, s.start, s.end, clause=(lo, hi))


def _as_year(p: Optional[Period]) -> Optional[Period]:
    if p is None or p.kind == "year" or p.start is None:
        return p
    return year(p.start.year)


def _is_headline(ctx: ExtractionContext, s: Sentence) -> bool:
    return not re.search(r"[.!?。][\"”’)]*\s*$", s.text)


def launches_read_dated_events(ctx: ExtractionContext) -> bool:
    """Whether launches.py reads datelines and dated company events (its ``events`` section in launches.yaml):
    then this module leaves them to it, so nothing is stated twice."""
    return bool(ctx.patterns["launches"].get("events"))
