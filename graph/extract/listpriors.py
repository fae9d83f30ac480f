"""Prior-period figures in brackets inside a compact list ("Top brands by share, Q2 2024 (Q2 2023 in brackets):
Acme 24% (27%), Borel 13% (9%)"): the bracketed figure after an item's figure is the same measure of the same
subject for the period the lead-in names for the brackets -- not a second current figure, nor a share.

Read only when the lead-in says so (``layout.yaml`` ``bracket_notes``) and names the bracketed period, or says it is
the prior year (``bracket_prior_words``); without that note a bracketed figure keeps the list reader's reading.
"""
from __future__ import annotations

import re
from typing import Optional

from ..records import Period
from .context import ExtractionContext, Mentions
from .patterns import alternation
from .periods import shift
from .tablecells import CellValue


def bracket_period(ctx: ExtractionContext, a: int, b: int, lead_m: Optional[Mentions],
                   period: Optional[Period]) -> Optional[Period]:
    """The period the lead-in [a, b) gives the list's bracketed figures, if it says it does."""
    lay = ctx.patterns["layout"]
    notes = [str(w) for w in lay.get("bracket_notes") or []]
    if not notes:
        return None
    note_rx = re.compile(rf"\b(?:{alternation(notes)})\b", re.I)
    for g in re.finditer(r"\(([^()]{3,80})\)", ctx.text[a:b]):
        if not note_rx.search(g.group(1)):
            continue
        g0, g1 = a + g.start(1), a + g.end(1)
        named = [p.period for p in (lead_m.periods if lead_m is not None else [])
                 if g0 <= p.start and p.end <= g1 and p.how == "explicit"]
        if len(named) == 1:
            return named[0]
        prior = [str(w) for w in lay.get("bracket_prior_words") or []]
        if period is not None and prior and re.search(rf"\b(?:{alternation(prior)})\b", g.group(1), re.I):
            return shift(period, years=-1)
    return None


def bracketed_priors(ctx: ExtractionContext, values: list[CellValue], prior: Optional[Period]) -> set[int]:
    """Which of an item's figures are bracketed prior-period values (none when the lead-in names no such period)."""
    if prior is None:
        return set()
    return {i for i in range(1, len(values)) if is_bracketed_prior(ctx, values[i - 1], values[i])}


def is_bracketed_prior(ctx: ExtractionContext, prev: Optional[CellValue], v: CellValue) -> bool:
    """A bracketed figure right after an unbracketed one of the same form (a percent after a percent, an amount
    after an amount in the same currency): "24% (27%)"."""
    return prev is not None and _in_brackets(ctx, v) and not _in_brackets(ctx, prev) and \
        v.percent == prev.percent and v.currency in (None, prev.currency) and v.points is None and \
        prev.points is None and re.fullmatch(r"[ \t]*\(", ctx.text[prev.end:v.start]) is not None


def _in_brackets(ctx: ExtractionContext, v: CellValue) -> bool:
    # (a cell's span may take in its closing bracket)
    return v.paren or (ctx.text[v.start - 1:v.start] == "(" and ")" in ctx.text[v.end - 1:v.end + 1])
