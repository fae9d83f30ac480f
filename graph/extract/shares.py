"""Market shares (fact kind ``market_share``): "a 13.5% share of global shipments", "a 17.6% market share",
"a market share of 9.1%", "taking 34% of the market", and a competitor's share in the same sentence ("ahead of
Zenith on 26%"). The holder is the organisation named nearest before the figure (or "it/we" = the issuer);
the market is the one named in the sentence (or referred back to); the source is a research firm named there.
"""
from __future__ import annotations

import re
from typing import Optional

from ..records import EntityRef, Fact
from .context import ExtractionContext, Mentions
from .quantities import Quantity
from .statements import (SOURCE_TYPES, between, clause_bounds, framed_market, hedge_for, market_for, period_for,
                         quantities_in, respective_markets, source_for)
from .text import Sentence

_HOLDER_KINDS = ("organisation", "product", "series", "brand", "platform")


def _share_metric_span(ctx: ExtractionContext, m: Mentions, q: Quantity) -> Optional[tuple[int, int]]:
    """The span of the share phrase that makes ``q`` a market share, if any."""
    cfg = ctx.patterns["rankings"]
    mods = "|".join(re.escape(w) for w in cfg.get("share_modifiers") or []) or "(?!)"
    nouns = "|".join(re.escape(w) for w in cfg.get("share_of_nouns") or []) or "(?!)"
    for mm in m.metrics:
        if mm.target != "market-share":
            continue
        if 0 <= mm.start - q.end <= 12 and re.fullmatch(rf"\s*(?:(?:{mods})\s+)?", between(ctx, q.end, mm.start)):
            return (q.start, mm.end)
        gap = between(ctx, mm.end, q.start)
        if 0 <= q.start - mm.end <= 30 and re.fullmatch(r"\s*(?:of|at|was|is|to|reached|reaching|rose to|"
                                                         r"increased to|grew to)\s+(?:\w+\s+){0,2}?", gap):
            return (mm.start, q.end)
    mk = re.match(rf"\s+of\s+(?:the\s+)?(?:(?:{mods}|\w+)\s+){{0,2}}?(?:{nouns})\b", ctx.text[q.end:q.end + 40])
    if mk:
        return (q.start, q.end + mk.end())
    # "our market share in Western European market was about 10%": the nearest metric before is the share
    lo, _ = clause_bounds(ctx, next(s for s in ctx.sentences if s.start <= q.start < s.end), q.start)
    left = [mm for mm in m.metrics if lo <= mm.start and mm.end <= q.start]
    if left and left[-1].target == "market-share" and q.start - left[-1].end <= 70 \
            and not any(left[-1].end <= x.start < q.start and x.kind != "pp" for x in m.quantities) \
            and re.search(r"\b(?:was|is|were|are|of|at|reached|become|became|stood|to)\b[\s\w]*$",
                          between(ctx, left[-1].end, q.start)) \
            and not re.search(r"\b(?:up|down|grew|rose|fell|increased|decreased|by)\s+(?:about\s+|nearly\s+)?$",
                              between(ctx, left[-1].end, q.start)):
        return (left[-1].start, q.end)
    return None


def _holder(ctx: ExtractionContext, m: Mentions, pos: int, lo: int) -> tuple[Optional[EntityRef], Optional[int]]:
    best = None
    rivals = ctx.patterns["cues"].get("competitor_cues") or []
    for e in m.entities:
        if e.kind in _HOLDER_KINDS and lo <= e.start and e.end <= pos:
            if any(re.search(rf"\b{re.escape(c)}\s+(?:\w+\s+(?:and|,)\s+)?$", ctx.text[max(lo, e.start - 40):e.start],
                             re.IGNORECASE) for c in rivals):
                continue  # "surpassing Apple and Zenith": a rival, not the holder
            entry = ctx.entry(e)
            if entry is not None and any(t in SOURCE_TYPES for t in entry.types):
                continue
            if e.kind == "organisation" or (entry is not None and entry.kind in _HOLDER_KINDS):
                best = e
    issuer_cue = None
    for c in m.cues_of("issuer"):
        if lo <= c.start and c.end <= pos:
            issuer_cue = c
    if issuer_cue is not None and (best is None or issuer_cue.start > best.end) and ctx.issuer is not None:
        return ctx.issuer, issuer_cue.start
    if best is not None:
        ref = ctx.entity(best)
        if ref.kind != "organisation" and best.kind == "segment":
            return ctx.issuer, None
        return ref, best.start
    return ctx.issuer, None


def extract(ctx: ExtractionContext) -> list[Fact]:
    facts: list[Fact] = []
    for s in ctx.sentences:
        facts.extend(_sentence(ctx, s))
    return facts


_LIST = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)")


def _spans(ctx: ExtractionContext, m: Mentions, qs: list[Quantity]) -> dict[int, tuple[tuple[int, int], str]]:
    """Share figures: those next to a share phrase, the figures listed before one ("18%, 17% and 13% of the
    market"), and the earlier value after one ("12.5% ... from 14.2% a year earlier")."""
    out: dict[int, tuple[tuple[int, int], str]] = {}
    for i, q in enumerate(qs):
        span = _share_metric_span(ctx, m, q)
        if span is not None:
            out[i] = (span, "share")
    for i in sorted(out, reverse=True):
        j = i - 1
        while j >= 0 and j not in out and _LIST.fullmatch(between(ctx, qs[j].end, qs[j + 1].start)):
            out[j] = ((qs[j].start, out[i][0][1]), "listed")
            j -= 1
    for i in sorted(out):
        j = i + 1
        while j < len(qs) and j not in out and out.get(j - 1, (None, ""))[1] in ("share", "listed") \
                and _LIST.fullmatch(between(ctx, qs[j - 1].end, qs[j].start)):
            out[j] = ((qs[j].start, qs[j].end), "listed")  # "market shares were 26.1% and 34%"
            j += 1
    for i in sorted(out):
        if i + 1 < len(qs) and i + 1 not in out and re.fullmatch(
                r"\s+(?:in\s+[\w\s-]{1,30}?\s+)?(?:from|compared\s+with|compared\s+to|versus|vs\.?)\s+",
                between(ctx, qs[i].end, qs[i + 1].start)):
            out[i + 1] = ((out[i][0][0], qs[i + 1].end), "baseline")
    return out


def _sentence(ctx: ExtractionContext, s: Sentence) -> list[Fact]:
    m = ctx.mentions(s)
    qs = [q for q in quantities_in(ctx, m, s.start, s.end) if q.kind == "percent"]
    out: list[Fact] = []
    found = False
    shares = _spans(ctx, m, qs)
    resp_holders: list = []
    if m.cues_of("respectively") and shares:
        first = qs[min(shares)]
        resp_holders = [e for e in m.entities if e.kind in _HOLDER_KINDS and s.start <= e.start < first.start
                        and not (ctx.entry(e) and any(t in SOURCE_TYPES for t in ctx.entry(e).types))]
        if len(resp_holders) != len([k for k in shares.values() if k[1] != "baseline"]):
            resp_holders = []
    k_resp = 0
    k_market = 0
    resp_markets = [] if resp_holders else respective_markets(
        ctx, m, s.start, s.end, len([k for k in shares.values() if k[1] != "baseline"]))
    for i, q in enumerate(qs):
        span, how = shares.get(i, (None, ""))
        competitor = None
        if span is None:
            if not found:
                continue
            # "ahead of Zenith on 26%": another holder's share in a sentence about shares
            comp = [e for e in m.entities if e.kind == "organisation" and 0 <= q.start - e.end <= 12
                    and re.fullmatch(r"\s+(?:on|with|at|has|had)\s+", between(ctx, e.end, q.start))]
            if not comp:
                continue
            competitor = comp[-1]
            span = (competitor.start, q.end)
        found = True
        lo, hi = clause_bounds(ctx, s, q.start)
        quals: tuple = ()
        if competitor is not None:
            holder, hstart = ctx.entity(competitor), competitor.start
        elif resp_holders and how != "baseline":
            e = resp_holders[k_resp]
            k_resp += 1
            holder, hstart = ctx.entity(e), resp_holders[0].start
            quals += (("construction", "respectively"),)
        else:
            holder, hstart = _holder(ctx, m, q.start, s.start)
        if holder is None:
            continue
        start = span[0]
        if hstart is not None and 0 <= span[0] - hstart <= 120:
            start = hstart
        right_after = next((e for e in m.entities if e.kind == "market" and e.start >= q.end and
                            re.fullmatch(r"\s+(?:in|across)\s+(?:the\s+)?", ctx.text[q.end:e.start])), None)
        market = ctx.entity(right_after) if right_after is not None else \
            market_for(ctx, m, q.start, s.start, s.end) or framed_market(ctx, s.start)  # "14.8% in Indonesia"
        if resp_markets and how != "baseline":
            market = resp_markets[min(k_market, len(resp_markets) - 1)]
            k_market += 1
            quals += (("construction", "respectively"),)
        if how == "baseline":
            quals += (("comparison", "baseline"),)
        period = period_for(ctx, m, q, s.start, s.end, clause=(lo, hi), baseline=how == "baseline",
                            against=out[-1].period if how == "baseline" and out else None)
        out.append(Fact("market_share", ctx.doc.doc_id, holder, ctx.evidence(start, span[1]), metric="market-share",
                        value=q.value, unit="percent", period=period,
                        market=market, source=source_for(ctx, m), hedge=hedge_for(ctx, m, q), qualifiers=quals))
    return out
