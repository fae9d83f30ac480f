"""Clause and period helpers shared by the extractors of dated events, relations, attributes and qualitative
statements (graph/extract/events.py, relations.py, attributes.py, qualitative.py): a clause's bounds, the period
a figure or event is for (next to it, earlier in its clause, a fronted phrase of its sentence or paragraph, else
the document's). The figures themselves are read by the frame engine (measures.py, frames.py, the *slot modules).
"""
from __future__ import annotations

import re
from typing import Optional

from ..records import Period
from .context import ExtractionContext, Mentions
from .periods import PeriodMention, shift, year
from .quantities import Quantity
from .text import Sentence


def between(ctx: ExtractionContext, a: int, b: int) -> str:
    return ctx.text[a:b] if a <= b else ""


def is_baseline(ctx: ExtractionContext, m: Mentions, q: Quantity) -> bool:
    for c in m.cues_of("baseline"):
        if re.search(r"\b(?:more|less|fewer|higher|lower|rather|greater|other|better|worse)\s*$",
                     ctx.text[max(0, c.start - 12):c.start], re.IGNORECASE):
            continue
        if c.end <= q.start and re.fullmatch(r"[\s,]*(?:the\s+|an?\s+)?(?:(?:roughly|about|approximately|around|"
                                             r"nearly|some)\s+)?", between(ctx, c.end, q.start)):
            return True
    return False


def period_for(ctx: ExtractionContext, m: Mentions, q: Quantity, lo: int, hi: int, *,
               baseline: bool = False, basis: Optional[str] = None,
               clause: Optional[tuple[int, int]] = None, stock: bool = False,
               against: Optional[Period] = None) -> Optional[Period]:
    """The period of a figure in sentence [lo, hi): next to it, else earlier in its clause, else a period that
    opens the sentence ("In the first half, ..."), else the document's period."""
    c0, c1 = clause or (lo, hi)
    periods = [p for p in m.periods if (c0 <= p.start and p.end <= c1) or
               (lo <= p.start and p.end <= hi and _opens_sentence(ctx, lo, p))]
    sub_end = subordinate_end(ctx, lo, hi)
    if sub_end is not None and q.start > sub_end:
        periods = [p for p in periods if not (lo <= p.start < sub_end)]
    comparison = {id(p) for p in periods if _is_comparison_period(ctx, m, p)}
    # a period right after another figure belongs to that figure
    owned = {id(p) for p in periods for x in m.quantities
             if x is not q and 0 <= p.start - x.end <= 25 and not _quantity_between(m, x.end, p.start)
             and not re.match(r"\s*:", ctx.text[p.end:p.end + 3])}
    after = [p for p in periods if p.start >= q.end and id(p) not in comparison
             and not _quantity_between(m, q.end, p.start)
             and not re.match(r"\s*:", ctx.text[p.end:p.end + 3])]  # "(2019: RMB 8 billion)" labels what follows
    # a period right after the figure ("... 17.4 million phones it shipped in April-June")
    limit = 100 if after and after[0].period.kind == "range" else 60
    if after and after[0].start - q.end <= limit and not _COMPARE_GAP.search(ctx.text[q.end:after[0].start]):
        return _frame(ctx, after[0], q) 
    if baseline:
        rel = [c for c in m.cues_of("relative") if c.start >= q.end and c.start - q.end <= 25]
        bm = _statement_period_mention(ctx, periods, comparison | owned, q)
        base = against or (_frame(ctx, bm, q) if bm else None) or frame_period(ctx, lo) or ctx.period
        if rel and base is not None:
            return shift(base, int(rel[0].value.get("years", 0)), int(rel[0].value.get("quarters", 0)))
        if base is not None:
            return shift(base, quarters=-1) if basis == "QoQ" else shift(base, years=-1)
        return None
    found = _statement_period_mention(ctx, periods, comparison | owned, q)
    if found is not None:
        return _frame(ctx, found, q)
    return example_period(ctx, lo) or whole_year(ctx, lo, q.start) or frame_period(ctx, lo, months=stock) or ctx.period


def whole_year(ctx: ExtractionContext, lo: int, pos: int) -> Optional[Period]:
    """"For the full year, we now expect revenue growth of about 7%": the year of the document's period
    (cues.yaml ``whole_year_phrases``)."""
    phrases = ctx.patterns["cues"].get("whole_year_phrases") or []
    if ctx.period is None or ctx.period.start is None or ctx.period.kind == "year" or \
            not any(re.search(rf"\b{re.escape(str(w))}\b", ctx.text[lo:pos], re.IGNORECASE) for w in phrases):
        return None
    return year(ctx.period.start.year)


def example_period(ctx: ExtractionContext, lo: int) -> Optional[Period]:
    """"For example, it is the first in Peru", "On that day, ...": a sentence that gives an example of the one
    before, or refers back to its time, keeps the one period that sentence names (cues.yaml
    ``elaboration_openers``, ``period_anaphora``)."""
    cues = ctx.patterns["cues"]
    head = ctx.text[lo:lo + 40].lower()
    if not any(re.match(rf"\W*{re.escape(str(w).lower())}\s*,", head) for w in cues.get("elaboration_openers") or []) \
            and not any(re.match(rf"\W*{re.escape(str(w).lower())}\b", head) for w in cues.get("period_anaphora") or []):
        return None
    prev = [s for s in ctx.sentences if s.end <= lo]
    if not prev or "\n\n" in ctx.text[prev[-1].end:lo]:
        return None
    found = {p.period.label: p.period for p in ctx.mentions(prev[-1]).periods
             if p.how == "explicit" and p.period.kind != "range"}
    return next(iter(found.values())) if len(found) == 1 else None


_COMPARE_GAP = re.compile(r"\b(?:exceed\w*|than|compared|versus|vs\.?|from|against|over|surpass\w*)\b", re.I)


def _frame(ctx: ExtractionContext, p: PeriodMention, q: Quantity) -> Optional[Period]:
    """"the period"/"the quarter" mean the period set by the paragraph, else the document's."""
    if p.how == "current":
        return frame_period(ctx, p.start) or p.period
    return p.period


def frame_period(ctx: ExtractionContext, pos: int, months: bool = False) -> Optional[Period]:
    """The period a fronted phrase ("In the first half of 2020, ...", "In July, ...") set for its paragraph.

    Looks back over the sentences before ``pos`` up to a blank line (a paragraph or speaker-turn break)."""
    prev = [s for s in ctx.sentences if s.end <= pos]
    for back, s in enumerate(reversed(prev[-4:])):
        if "\n\n" in ctx.text[s.end:pos] or "\n\n" in ctx.text[s.start:s.end]:
            return None
        m = ctx.mentions(s)
        opening = [p for p in m.periods if p.how == "explicit" and p.period.kind != "range"
                   and _opens_sentence(ctx, s.start, p)]
        if opening:
            # a month or a day frames only the next sentence; a quarter, half or year frames the paragraph
            # (and only for stock figures such as MAU: a flow such as revenue keeps the quarter)
            if opening[0].period.kind in ("month", "day", "instant") and (back > 0 or not months):
                return None
            return opening[0].period
    return None


def subordinate_end(ctx: ExtractionContext, lo: int, hi: int) -> Optional[int]:
    """End of a leading subordinate clause ("As ..., "), if the sentence opens with one."""
    words = ctx.patterns["text"].get("subordinators") or []
    exceptions = ctx.patterns["text"].get("subordinator_exceptions") or []
    head = ctx.text[lo:hi]
    if not any(re.match(rf"{re.escape(w)}\b", head) for w in words) or \
            any(re.match(rf"{re.escape(w)}\b", head) for w in exceptions):
        return None
    comma = head.find(",")
    return lo + comma if comma > 0 else None


def _opens_sentence(ctx: ExtractionContext, lo: int, p: PeriodMention) -> bool:
    return re.fullmatch(r"\W*(?:(?:in|for|during|over|through|throughout|as\s+of|at|by)\s+)?(?:the\s+)?",
                        ctx.text[lo:p.start], re.IGNORECASE) is not None


def _quantity_between(m: Mentions, a: int, b: int) -> bool:
    return any(a <= x.start < b for x in m.quantities)


def _statement_period_mention(ctx: ExtractionContext, periods: list[PeriodMention], comparison: set[int],
                              q: Quantity) -> Optional[PeriodMention]:
    before = [p for p in periods if p.end <= q.start and id(p) not in comparison]
    return before[-1] if before else None


def _is_comparison_period(ctx: ExtractionContext, m: Mentions, p: PeriodMention) -> bool:
    """A period introduced by "from"/"compared with"/"than" is the other side of a comparison."""
    if p.period.kind == "range":
        return False  # "from 2021 to 2025" is a span, not a comparison
    for c in m.cues_of("baseline"):
        if c.end <= p.start and re.fullmatch(r"\s*(?:the\s+|in\s+|in\s+the\s+)?", between(ctx, c.end, p.start)):
            return True
    # "from RMB1,006.5 in the third quarter of 2019": the period of a baseline figure
    for x in m.quantities:
        if 0 <= p.start - x.end <= 12 and re.fullmatch(r"[\s\w]*?(?:in|for|of|during)?\s*(?:the\s+)?",
                                                       between(ctx, x.end, p.start)) and is_baseline(ctx, m, x):
            return True
    return False


def clause_bounds(ctx: ExtractionContext, sentence: Sentence, pos: int) -> tuple[int, int]:
    for c in ctx.clauses(sentence):
        if c.start <= pos < c.end:
            return c.start, c.end
    return sentence.start, sentence.end
