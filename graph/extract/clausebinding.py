"""Which clause a figure's measure comes from, when two figures stand close together.

A figure takes the nearest measure named before it (metricslot.py). That is wrong in two shapes of coordinated and
subordinate clauses, and the figure is left with no measure (or its own) rather than the neighbour's:

- "142 million connected devices and 58 million monthly active users": a measure right after another figure is that
  figure's unit noun; a figure with its own noun after it is measured by that noun, not by its neighbour's.
- "a net loss of $18 million, which includes $41 million of stock-based compensation": a figure after a component
  opener (``frames.yaml`` ``component_openers``) is a part of the figure before it, not another value of its measure.
"""
from __future__ import annotations

import re

from .context import ExtractionContext, Mentions
from .figures import Figure
from .matcher import Match
from .patterns import alternation, per_document


def another_figures_noun(ctx: ExtractionContext, m: Mentions, x: Match, fig: Figure) -> bool:
    """The measure phrase ``x`` is the unit noun of another figure before ``fig`` ("88 million connected devices")."""
    for q in m.quantities:
        if q is fig.q or q.start >= x.start or q.end > fig.q.start:
            continue
        own_end = q.number_end or q.end
        if own_end <= x.start < q.end or (q.end <= x.start and not ctx.text[q.end:x.start].strip()):
            return True
    return False


def own_noun(ctx: ExtractionContext, fig: Figure) -> bool:
    """A plural noun right after the figure's number names what it counts ("58 million paying members"); a
    preposition, conjunction, period or generic unit word after it (``frames.yaml`` ``figure_noun_stop_words``)
    does not."""
    base = fig.q.number_end or fig.q.end
    found = re.match(r"\s+(?P<np>(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*s)\b", ctx.text[base:base + 40])
    if found is None:
        return False
    stop = _stop_words(ctx)
    return not any(w.casefold() in stop for w in found.group("np").split())


def component_of_figure(ctx: ExtractionContext, fig: Figure) -> bool:
    """"..., which includes $41 million", "including RMB 2.1 billion": the figure is a component of another."""
    rx = per_document(ctx, "_component_openers", lambda: _openers(ctx))
    return rx is not None and rx.search(ctx.text, max(0, fig.q.start - 60), fig.q.start) is not None


def _openers(ctx: ExtractionContext) -> re.Pattern[str] | None:
    words = [str(w) for w in ctx.patterns["frames"].get("component_openers") or []]
    if not words:
        return None
    hedges = r"(?:(?:about|around|roughly|approximately|nearly|almost|some|over|more\s+than|less\s+than)\s+)?"
    return re.compile(rf"(?<![\w-])(?:{alternation(words)})\s+{hedges}$", re.I)


def _stop_words(ctx: ExtractionContext) -> frozenset[str]:
    return per_document(ctx, "_figure_noun_stop", lambda: frozenset(
        str(w).casefold() for w in ctx.patterns["frames"].get("figure_noun_stop_words") or []))
