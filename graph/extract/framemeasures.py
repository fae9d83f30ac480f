"""Measures the frame engine infers beyond the metric slot: per-share figures, margins of revenue, whether a
figure's form fits a measure, the main measure of a note on a market, what a market's own clause measures, a
segment's revenue named by its verb alone, and the minted phrases that name no measure."""
from __future__ import annotations

import re
from typing import Optional

from .context import ExtractionContext, Mentions
from .figures import Figure
from .framemodel import Frame, FrameRules
from .marketclauses import MarketClause, market_clause
from .metricslot import counts_own_thing, unit_fits_figure
from .patterns import alternation, per_document, phrase_alternation
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


def _participle_share(ctx: ExtractionContext, rules: FrameRules, fig: Figure, level: Frame) -> bool:
    """A share figure right after its clause's revenue, joined by a participle of ``frames.yaml``
    part_of_participles (", accounting for 48.7%", ", contributing to 45%"), with no figure between but a
    percent (its change: "..., up 10% year-over-year, contributing to 45% of the total revenue")."""
    rx = per_document(ctx, "_part_of_participles", lambda: re.compile(
        rf"^(?:[^.;:\d]|\d[\d.]*\s*%)*?,\s*(?:{phrase_alternation(ctx.patterns['frames'].get('part_of_participles') or [])})\s+"
        r"(?:(?:about|around|roughly|nearly|almost|over|some|close\s+to|more\s+than)\s+)?$", re.I))
    return level.figure.end <= fig.q.start and rx.match(ctx.text[level.figure.end:fig.q.start]) is not None


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


def _market_clause(ctx: ExtractionContext, m: Mentions, fig: Figure, lo: int, rules: FrameRules,
                   ms: Optional[Slot]) -> Optional[MarketClause]:
    """A market's noun phrase as the subject of the figure's clause, with no measure named inside it."""
    mc = market_clause(ctx, m, fig, lo, rules.slots.verb_metrics)
    if mc is None or (ms is not None and ms.start < mc.end and ms.end > mc.start):
        return None
    return mc


def _market_clause_metric(ctx: ExtractionContext, rules: FrameRules, fig: Figure, mc: MarketClause) -> Optional[str]:
    """What a market's figure measures: the predicate verb's measure ("installed about 1.2 GWh": installations) when
    the figure is a volume it can count; with no verb, the main measure of a note on the market (shipments), else
    the market's size (money or volume; a change of either). None: no market measure fits the figure."""
    q = fig.q
    if mc.metric is not None:
        fits = fig.role == "change" or q.kind == "count" or (q.kind == "number" and q.scale > 1)
        return mc.metric if fits and unit_fits_figure(ctx, mc.metric, fig) else None
    main = _main_measure(ctx, rules) if ctx.issuer is None or ctx.doc.genre == "research_note" else None
    if main is not None and _fits(ctx, main, fig):
        return main
    if fig.role == "change":
        return "market-size" if q.kind in ("percent", "multiple") or not re.match(r"[\d.]", ctx.text[q.start:q.end]) \
            else None
    if q.kind == "count" and re.match(r"\s+(?:a|per|each)\s+year\b|\s+annually\b", ctx.text[q.end:q.end + 12], re.I):
        return "sales-volume"   # "to reach 400,000 units a year by 2026": units sold in a year
    return "market-size" if q.kind in ("money", "count") or (q.kind == "number" and q.scale > 1) else None

def _names_no_measure(ctx: ExtractionContext, m: Mentions, minted: Slot) -> bool:
    """A minted phrase that is a period ("the second half"), or is wholly a name the document uses for an entity (a
    segment "Automotive", a company; "Vehicle margin" is a measure), or that states an expectation rather than a measure ("consensus"), is no measure."""
    a, b = minted.start, minted.end
    if any(p.start < b and a < p.end for p in m.periods):
        return True
    if any(e.start <= a and b <= e.end for e in m.entities):
        return True
    found = [w.casefold() for w in re.findall(r"\d*[A-Za-z]+", ctx.text[a:b])]     # ("5G users": no "g")
    stop = {str(w).casefold() for w in ctx.patterns["frames"].get("minted_not_measure_words") or []}
    units = {str(w).casefold() for w in ctx.patterns["frames"].get("minted_not_measure_first_words") or []}
    # ("50 watts wireless", "1.1 inches": a unit of a spec opens no measure's name)
    return bool(set(found) & stop) or bool(found and found[0] in units)


def _segment_revenue_clause(ctx: ExtractionContext, a: int, b: int, lo: int, hi: int) -> bool:
    """Between a segment and its money figure, a verb of revenue ("grew 25% to", "contributed", "delivered") and
    no price or holding words ("launched at", "manages a"); never in a "respectively" list."""
    verbs = ctx.patterns["frames"].get("segment_revenue_verbs") or []
    gap = ctx.text[a:b]
    if not verbs or len(gap) > 80 or re.search(r"\brespectively\b", ctx.text[lo:hi], re.I):
        return False
    if re.search(r"\b(?:price[sd]?|priced|costs?|sells?|sold|launched|manages?|at)\s+(?:an?\s+|the\s+)?"
                 r"(?:\w+\s+)?$", gap, re.I) and not re.search(r"\bcame\s+in\s+at\s+$", gap, re.I):
        return False
    return re.search(rf"\b(?:{'|'.join(re.escape(str(v)) for v in verbs)})\b", gap, re.I) is not None


def _verb_right_after(ctx: ExtractionContext, a: int, b: int) -> bool:
    """"Our Services business grew 24%", "Wearables were up 18%": the segment's own verb right before its change
    (not "IoT devices ... that number increased by 25%": another noun's)."""
    f = ctx.patterns["frames"]
    verbs = [str(v) for v in f.get("segment_revenue_verbs") or []] + ["up", "down"]
    nouns = [str(v) for v in f.get("part_nouns") or []]
    return re.fullmatch(rf"\s*(?:(?:{alternation(nouns)})\s+)?(?:(?:was|were|is|are)\s+)?"
                        rf"(?:{alternation(verbs)})\s+(?:by\s+)?(?:(?:about|around|roughly|nearly|almost|some|"
                        rf"more\s+than|over|just\s+over)\s+)?", ctx.text[a:b], re.I) is not None


def _percent_measure(ctx: ExtractionContext, metric: Optional[str]) -> bool:
    """A measure stated in percent (a share, a margin, a ratio): its changes are points, not percents."""
    entry = ctx.gazetteer.metrics.get(metric or "")
    return (entry is not None and entry.unit == "percent") or (metric or "").endswith("-share-of-revenue")
