"""Measures the frame engine infers beyond the metric slot: per-share figures, margins of revenue, whether a
figure's form fits a measure, and the main measure of a note on a market."""
from __future__ import annotations

import re
from typing import Optional

from .context import ExtractionContext, Mentions
from .figures import Figure
from .framemodel import Frame, FrameRules
from .metricslot import counts_own_thing
from .patterns import per_document, phrase_alternation
from .slotrules import Slot
from ..iris import slugify


def _per_share(ctx: ExtractionContext, fig: Figure, rules: FrameRules,
               ms: Optional[Slot]) -> Optional[tuple[str, str]]:
    """"$0.71 per diluted share": earnings per share (a dividend when the measure named before is one: the kind of
    dividend it names, "a final dividend of HK$0.12 per share")."""
    for rx, label in rules.per_share:
        if rx.match(ctx.text, fig.end):
            if ms is not None and "dividend" in str(ms.value):
                entry = ctx.gazetteer.metrics.get(str(ms.value))
                if entry is not None and entry.broader == "dividend-per-share":
                    return entry.key, entry.label
                return "dividend-per-share", "dividend per share"
            return "eps", label
    return None


def _margin_of(ctx: ExtractionContext, fig: Figure, rules: FrameRules, level: Optional[Frame],
               inherited: Optional[tuple[str, str, str]]) -> Optional[str]:
    """"operating income of $76.0 million, or 12.4% of revenue", "EBITDA was ₹86 crore, a margin of 6.9%": the
    margin of the profit measure just stated (a bare "margin", no word of its own before it)."""
    if not re.match(r"\s+of\s+(?:total\s+|net\s+)?(?:revenue|revenues|sales|net\s+sales|turnover)\b",
                    ctx.text[fig.end:fig.end + 30], re.I) and \
            not _BARE_MARGIN.search(ctx.text, max(0, fig.q.start - 30), fig.q.start):
        return None
    base = level.metric if level is not None else (inherited[0] if inherited else None)
    return rules.margin_of.get(base or "")


_BARE_MARGIN = re.compile(r"(?:,|\b(?:a|an|its|the|our|their))\s+margins?\s+(?:of\s+|was\s+|at\s+)?"
                          r"(?:(?:about|around|roughly|nearly|approximately)\s+)?$", re.I)


def _ratio_to_revenue(ctx: ExtractionContext, fig: Figure, rules: FrameRules,
                      level: Optional[Frame]) -> Optional[tuple[str, str]]:
    """"R&D expenses were RMB1.2 billion, or 5.8% of revenue": a cost's (or any non-profit measure's) ratio to
    revenue, a measure of its own named from the level's measure (a profit's is its margin: ``_margin_of``)."""
    if level is None or not level.metric or level.metric in rules.margin_of or fig.role != "level" or \
            level.metric in ("revenue", "revenue-share") or \
            not re.match(r"\s+of\s+(?:total\s+|net\s+|group\s+)?(?:revenue|revenues|sales|net\s+sales|turnover)\b",
                         ctx.text[fig.end:fig.end + 30], re.I):
        return None
    entry = ctx.gazetteer.metrics.get(level.metric)
    label = (level.metric_label or (entry.label if entry is not None else level.metric.replace("-", " "))).lower()
    return f"{level.metric}-share-of-revenue", f"{label} share of revenue"


def _share_of_measure(ctx: ExtractionContext, m: Mentions, fig: Figure, rules: FrameRules,
                      lo: int) -> Optional[tuple[str, str, bool]]:
    """"Germany accounted for 35% of first-half revenue", "The S7 made up 62% of deliveries", "Commercial models
    contributed 58% of the quarter's notebook shipments": a percent of a total that a part contributes
    (``frames.yaml`` part_of_verbs), a measure of its own: the share of the company's revenue (``revenue-share``)
    or the share of the measure named after "of", with the words that narrow it ("of Home Networking revenue").
    The flag says whether an owner is named ("of its shipments", "of the firm's shipments"): else the total may
    be a market's, and a company's part of it is its market share."""
    if fig.q.kind != "percent":
        return None
    of = re.match(r"(?:\s*(?:%|per\s?cent|and|,|\d[\d.]*))*\s+(?=of\s)", ctx.text[fig.end:fig.end + 60], re.I)
    if of is None:
        return None
    at = fig.end + of.end()
    x = next((x for x in m.metrics if at <= x.start <= at + 45), None)
    if x is None:
        return None
    gap = ctx.text[at:x.start]
    words = re.fullmatch(r"(?:of\s+)?((?:[\w'’&-]+\s+){0,3})", gap, re.I) if x.start > at else re.match("()", "")
    key = "revenue" if x.target == "revenue-share" else x.target
    entry = ctx.gazetteer.metrics.get(key)
    if words is None or entry is None or entry.unit in _NOT_TOTALS or not _part_of_verb(ctx, fig, lo):
        return None
    kept: list[str] = []
    owned = False
    for w in words.group(1).split():
        if re.search(r"['’]s?$", w):
            # "of the quarter's shipments", "of the firm's revenue": a time or an owner, not the measure
            owned = owned or w[0].isupper() or re.sub(r"['’]s?$", "", w).casefold() in rules.owner_nouns
            kept = []
        elif w.casefold() in ("its", "our", "their"):
            owned = True
        elif w.casefold() not in rules.measure_modifiers:
            kept.append(w)
    measure = re.sub(r"(?i)^of\s+(?:the\s+|our\s+|total\s+)*", "", ctx.text[x.start:x.end])
    if key == "revenue" and not kept:
        return "revenue-share", "share of revenue", owned
    label = " ".join(["share of", *kept, measure]).lower()
    return slugify(label), label, owned


_NOT_TOTALS = ("percent", "ratio", "rank", "x", "points", "days")


def _part_of_verb(ctx: ExtractionContext, fig: Figure, lo: int) -> bool:
    rx = per_document(ctx, "_part_of_verbs", lambda: re.compile(
        rf"\b(?:{phrase_alternation(ctx.patterns['frames'].get('part_of_verbs') or [])})\s+"
        r"(?:(?:about|around|roughly|nearly|almost|over|some|just\s+over|close\s+to|more\s+than)\s+)?"
        r"(?:[\d.]+\s*(?:%|per\s?cent)\s*(?:,|and)\s*)*$", re.I))
    return rx.search(ctx.text, max(lo, fig.q.start - 60), fig.q.start) is not None


def _fits(ctx: ExtractionContext, metric: str, fig: Figure) -> bool:
    """A figure can carry a measure inherited from a parallel clause only when its form fits the measure's unit:
    money for a currency measure, a scaled number or count for a volume, a percent for a rate."""
    entry = ctx.gazetteer.metrics.get(metric)
    unit = entry.unit if entry is not None else None
    q = fig.q
    if fig.role == "change":
        return q.kind in ("percent", "pp")
    if unit == "currency":
        return q.kind == "money"
    if unit == "percent":
        return q.kind == "percent"
    if unit in ("units", "users", "devices"):
        return (q.kind == "count" and not counts_own_thing(ctx, q.unit, unit)) or (q.kind == "number" and q.scale > 1)
    if unit is not None and q.kind == "count" and q.unit == unit:
        return True                      # "2,300 employees" for the number of employees
    return q.kind == "number" and q.scale > 1


def _market_opens(ctx: ExtractionContext, m: Mentions, lo: int, fig: Figure) -> bool:
    """A third-party note's clause whose subject is a market ("The UK fell 14%", "Western Europe: down 4.0%")."""
    if ctx.doc.genre != "research_note" and ctx.doc.speaks_for_issuer:
        return False
    first = next((e for e in m.entities if lo <= e.start < fig.q.start), None)
    if first is None or first.kind != "market":
        return False
    return bool(re.fullmatch(r"[\s\W]*(?:(?:in|across|the|and)\s+)*", ctx.text[lo:first.start], re.I)) and \
        not any(e.kind in ("organisation", "brand", "product", "group") for e in m.entities
                if lo <= e.start < fig.q.start)


def _main_measure(ctx: ExtractionContext, rules: FrameRules) -> Optional[str]:
    """The market measure a third-party note is about: the one it names most (at least 40% of its mentions of
    market measures)."""
    if "_main_measure" in ctx.__dict__:
        return ctx.__dict__["_main_measure"]
    counts: dict[str, int] = {}
    for h in ctx.engine.matcher.find(ctx.text, ctx.doc.start, ctx.doc.end):
        if h.kind == "metric" and h.target in rules.slots.market_metrics:
            counts[h.target] = counts.get(h.target, 0) + 1
    best = max(counts, key=lambda k: counts[k], default=None)
    out = best if best is not None and counts[best] * 5 >= 2 * sum(counts.values()) else None
    ctx.__dict__["_main_measure"] = out
    return out


def _doc_speaks_of(ctx: ExtractionContext, metric: str) -> bool:
    """The document names this metric somewhere (a shipments note speaks of shipments)."""
    cache = ctx.__dict__.setdefault("_doc_metrics", None)
    if cache is None:
        found = {h.target for h in ctx.engine.matcher.find(ctx.text, ctx.doc.start, ctx.doc.end) if h.kind == "metric"}
        ctx.__dict__["_doc_metrics"] = cache = found
    return metric in cache
