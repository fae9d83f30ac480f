"""A bare number in parentheses right after a figure is the prior period's value (European reports):
"Net sales increased by 6 per cent to SEK 1,184 million (1,117)", "an adjusted EBITA margin of 11.1 per cent
(8.8)", "Cash flow from operating activities was SEK 156 million (-23)".

The prose reader reads such a sentence clause by clause; this pass, run on each sentence's frames, turns the
parenthesised figure into the prior-period value of the figure before it: the same subject, measure, unit and
scale, the period a year earlier. Footnote marks look the same ("$5.2 billion (1)"), so the convention is read
only in a document that uses it at least twice, and only for a number of the same order as the figure before it;
"(prior year: 13,980)" says so in words and is read in any document.
"""
from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from typing import Optional

from ..records import Period
from .context import ExtractionContext
from .figures import Figure
from .framemodel import Frame
from .periods import shift
from .quantities import Quantity, scaled
from .text import Sentence

_PAREN = re.compile(r"[ \t]*\((?P<n>[-−–]?[ \t]?\d{1,3}(?:,\d{3})*(?:\.\d{1,4})?|[-−–]?\d{1,9}(?:\.\d{1,4})?)\)(?![\w%])")


# "(prior year: 13,980)": the words say it is the prior period's value, whatever the document's convention
_LABELLED = re.compile(r"(?:[ \t]+[a-z]+){0,2}[ \t]*\((?:prior|previous)[ \t]+year:?[ \t]*(?P<n>[-−–]?[ \t]?\d{1,3}(?:,\d{3})*(?:\.\d{1,4})?|"
                       r"[-−–]?\d{1,9}(?:\.\d{1,4})?)\)(?![\w%])", re.IGNORECASE)


def _uses_convention(ctx: ExtractionContext) -> bool:
    cached = ctx.__dict__.get("_prior_parens")
    if cached is None:
        n = 0
        rx = re.compile(r"\d(?:[ \t]?(?:%|per\s?cent|million|billion|bn|m))?[ \t]*\([-−–]?[ \t]?\d[\d,.]{0,12}\)(?![\w%])")
        for _ in rx.finditer(ctx.text, ctx.doc.start, ctx.doc.end):
            n += 1
            if n >= 2:
                break
        cached = n >= 2
        ctx.__dict__["_prior_parens"] = cached
    return cached


def _number(raw: str) -> Optional[Decimal]:
    try:
        return Decimal(raw.replace(",", "").replace("−", "-").replace("–", "-").replace(" ", ""))
    except InvalidOperation:
        return None


def prior_values(ctx: ExtractionContext, s: Sentence, frames: list[Frame]) -> list[Frame]:
    """The sentence's frames with each "(N)" after a level read as that level's prior-period value."""
    if not frames:
        return frames
    convention = _uses_convention(ctx)
    out = list(frames)
    for fr in frames:
        if fr.kind not in ("metric", "market_share") or fr.value is None or fr.period is None or \
                fr.figure.role != "level" or any(k in ("layout", "comparison") for k, _ in fr.qualifiers):
            continue                           # the layout readers read their own parentheses
        q = fr.figure.q
        m = (_PAREN.match(ctx.text, q.end, s.end) if convention else None) or _LABELLED.match(ctx.text, q.end, s.end)
        if m is None:
            continue
        n = _number(m.group("n"))
        if n is None or q.number is None or not q.number:
            continue
        ratio = abs(n / q.number) if n else Decimal(0)
        if not (Decimal("0.05") <= ratio <= Decimal(20)) and n != 0:
            continue
        prior = _prior_period(ctx, fr.period)
        if prior is None:
            continue
        scale = fr.value / q.number if q.number else Decimal(1)
        if scale != scale.to_integral_value() or scale < 1:
            continue
        a, b = m.start("n"), m.end("n")
        value = scaled(n, int(scale))
        pq = Quantity(a, b, value, n, q.kind, q.unit, q.scale, number_end=b)
        pf = replace(fr, figure=Figure(pq, "level", start=a, end=b), span=(fr.span[0], m.end()), period=prior,
                     period_how="prior", value=value, qualifiers=list(fr.qualifiers) + [("comparison", "prior period")])
        # the clause reader's own frame for the parenthesised figure is replaced
        out = [f for f in out if not (a <= f.figure.q.start < b)]
        out.append(pf)
    return sorted(out, key=lambda f: f.figure.q.start)


def _prior_period(ctx: ExtractionContext, p: Period) -> Optional[Period]:
    if p.fiscal_label and ctx.doc.fiscal is not None:
        return ctx.doc.fiscal.shift(p, years=-1)
    return shift(p, years=-1)
