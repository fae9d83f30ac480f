"""A qualitative statement as an event fact: the cue lists of ``events.yaml``'s ``qualitative`` section, the
statement's subject and its period."""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

from ..records import EntityRef, Fact, Period
from .clauses import clause_bounds, period_for
from .context import ExtractionContext, Mentions
from .entitylists import subject_before
from .patterns import alternation
from .quantities import Quantity
from .text import Sentence


_SUBJECT_KINDS = ("organisation", "segment", "product", "series", "platform", "brand")


def _cfg(ctx: ExtractionContext) -> dict:
    return ctx.patterns["events"].get("qualitative") or {}


def _alt(ctx: ExtractionContext, key: str) -> str:
    return alternation(str(w) for w in _cfg(ctx).get(key) or [])


def _fact(ctx: ExtractionContext, subject: EntityRef, start: int, end: int, metric: str, value,
          period: Optional[Period] = None, **kw) -> Fact:
    return Fact("event", ctx.doc.doc_id, subject, ctx.evidence(start, end), metric=metric, value=value,
                period=period, **kw)


def statement_period(ctx: ExtractionContext, m: Mentions, s: Sentence, start: int, end: int,
            hi: Optional[int] = None) -> Optional[Period]:
    """The period of a statement at [start, end): as for a figure there, looking no further than ``hi``."""
    lo, c1 = clause_bounds(ctx, s, start)
    q = Quantity(start, end, Decimal(0), Decimal(0), "number")
    top = s.end if hi is None else hi
    return period_for(ctx, m, q, s.start, top, clause=(lo, min(c1, top)))


def _figure_in(m: Mentions, a: int, b: int) -> bool:
    return any(a < q.end and q.start < b for q in m.quantities)


def _subject(ctx: ExtractionContext, m: Mentions, s: Sentence, pos: int) -> Optional[EntityRef]:
    lo, _ = clause_bounds(ctx, s, pos)
    subject, _ = subject_before(ctx, m, lo, pos, kinds=_SUBJECT_KINDS)
    if subject is None:
        subject, _ = subject_before(ctx, m, s.start, pos, kinds=_SUBJECT_KINDS)
    return subject or ctx.issuer
