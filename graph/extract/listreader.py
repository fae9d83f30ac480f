"""Compact lists: "Acme, 78.2M (23.4% / -2.4% Y/Y); Beta, 61.0M (18.3% / +5.1% Y/Y)", "1. Hollin — 13.7 /
22.9% / +3.1%", "1) Novastra 1.12M; 27.3%; +4.7% | 2) Kirrin ...", "Vietnam — 0.55M, flat Y/Y", "• Acme: 22.0
million units (+5%)".

An item is a name followed by figures and nothing else (no verb of its own: "up", "down" and "flat" mark a
change, not a clause). Items are cut at semicolons, bars, commas before the next name, line breaks and numbered
markers; one item alone is a list when it fills its line under a lead-in or after a marker. The **lead-in**
(the words before the items, or the line above them ending with ":") says what the list measures, where, when
and by whose count, and often what each figure is: "(shipments / share / YoY)", "(units; share; Y/Y)",
"(shipments in millions, market share, change from a year earlier)". Without it each figure's own marks decide:
a scaled number or units is the measure, an unsigned percent the share, a signed percent, one marked Y/Y or
after "up"/"down" a change, "flat" a change of zero.

Each item's name is its subject: a company (known or new), a market for a geography ("Vietnam — 0.55M"),
"Others" for the rest of the market, the market for "Total". A numbered item also ranks its subject. A plain
money figure in a list is a price (the products extractors' business), not a measure here.

The items and the lead-in are found by ``listitems.py``; this module turns them into frames.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Optional

from ..iris import slugify
from ..records import EntityRef, Period
from .context import ExtractionContext
from .discourse import Discourse
from .figures import Figure
from .framemodel import Frame, FrameRules
from .listitems import Item, _lead_in, _roles, items
from .listpriors import bracket_period, bracketed_priors
from .labelmeaning import context_period, global_market, says_global, whole_market
from .quantities import Quantity, scaled
from .marketslot import doc_market, source_slot
from .tablecells import CellValue, figure_reader
from .text import Sentence


def list_frames(ctx: ExtractionContext, s: Sentence, d: Discourse, rules: FrameRules) -> list[Frame]:
    its = items(ctx, s.start, s.end)
    if not its:
        return []
    span = _lead_in(ctx, its[0].start, s.start) or (s.start, its[0].start)
    lead = _roles(ctx, *span)
    lead_text = ctx.text[span[0]:span[1]]
    lead_m = ctx.mentions(Sentence(span[0], span[1], lead_text)) if span[1] > span[0] else None
    metric = _lead_metric(ctx, lead_m) or _doc_measure(ctx)
    periods = [p for p in (lead_m.periods if lead_m else []) if p.how == "explicit"]
    period = periods[0].period if periods else (context_period(ctx, d) or ctx.doc.period)
    market = next((ctx.entity(e) for e in (lead_m.entities if lead_m else []) if e.kind == "market"), None) or \
        d.paragraph_market or doc_market(ctx) or _context_market(ctx, span[0])
    source = source_slot(ctx, lead_m, span[0], span[1]) if lead_m else ctx.doc.source
    scale = fr_scale(ctx, lead_text)
    geo_lead = _geo_lead(ctx, lead_text)
    prior = bracket_period(ctx, span[0], span[1], lead_m, period)   # "(Q2 2023 in brackets)"
    out: list[Frame] = []
    for it in its:
        subject, geo = _subject(ctx, it, geo_lead)
        if subject is None:
            continue
        figs = it.figures
        roles = lead.roles if lead.roles and len(figs) <= len(lead.roles) else []
        share_seen = False
        marks = bracketed_priors(ctx, [v for v, _ in figs], prior)     # "24% (27%)": the bracketed period's
        for i, (v, word) in enumerate(figs):
            role, rmetric, rscale = roles[i] if roles else (None, None, 1)
            kind = _kind_of(*figs[i - 1], role, False) if i in marks else _kind_of(v, word, role, share_seen)
            if kind is None:
                continue
            share_seen = share_seen or kind == "market_share"
            fr = _frame(ctx, it, v, word, kind, rmetric or metric, max(rscale, 1) if rscale > 1 else scale,
                        subject, prior if i in marks else period)
            if fr is None:
                continue
            fr.qualifiers += [("comparison", "prior period")] if i in marks else []
            fr.market = geo or market
            fr.source = source
            out.append(fr)
        if it.rank is not None and metric is not None and (len(its) >= 2 or lead.roles or span[1] > span[0]):
            out.append(_rank_frame(it, subject, metric, period, geo or market, source))
    return out


def fr_scale(ctx: ExtractionContext, lead: str) -> int:
    note = figure_reader(ctx).unit_note(lead)
    return note.scale if note.scale > 1 and re.search(r"\bin\s+(?:millions|billions|thousands)|\(\s*(?:m|mn|million)", lead, re.I) \
        else 1


def _kind_of(v: CellValue, word: Optional[str], role: Optional[str], share_seen: bool) -> Optional[str]:
    if word == "flat":
        return "change"
    if role == "change":
        return "change" if v.is_rate else None
    if role == "share":
        return "market_share" if v.percent and not v.signed else None
    if role == "level":
        return "metric" if not v.percent else None
    if v.points is not None or (v.percent and (v.signed or v.basis or word)):
        return "change"
    if v.percent:
        return "market_share" if not share_seen else None
    return "metric"


def _frame(ctx: ExtractionContext, it: Item, v: CellValue, word: Optional[str], kind: str, metric: Optional[str],
           scale: int, subject: EntityRef, period: Optional[Period]) -> Optional[Frame]:
    if kind == "metric":
        if v.currency and v.scale == 1 and scale == 1:
            return None                               # "$149.99": a price
        if metric is None:
            return None
        entry = ctx.gazetteer.metrics.get(metric)
        unit = v.currency or (entry.unit if entry is not None and entry.unit != "currency" else None)
        if v.currency is None and entry is not None and entry.unit == "currency":
            return None                               # a revenue list needs its currency
        sc = v.scale if v.scale > 1 else scale
        value = scaled(v.number, sc)
        if unit is None and sc == 1:
            return None
        label = entry.label if entry is not None else metric
    elif kind == "market_share":
        metric, label, value, unit = "market-share", "market share", v.number, "percent"
    else:
        if metric is None:
            return None
        entry = ctx.gazetteer.metrics.get(metric)
        label = entry.label if entry is not None else metric
        sign = -1 if word == "down" and v.number > 0 else 1
        value, unit = v.number * sign, (v.points or "percent")
    q = Quantity(v.start, v.end, value, v.number, "percent" if unit == "percent" else "number", unit, 1,
                 number_end=v.end)
    fig = Figure(q, "change" if kind == "change" else "level", start=v.start, end=v.end)
    fr = Frame(kind, fig, (it.name_start, v.end), metric=metric, metric_label=label, metric_how="list")
    fr.subject, fr.subject_how = subject, "list"
    fr.period, fr.period_how = period, "list"
    fr.value, fr.unit = value, unit
    fr.hedge = v.hedge
    if kind == "change":
        fr.basis, fr.basis_stated = (v.basis or "YoY"), v.basis is not None
        if word == "flat":
            fr.qualifiers.append(("flat", "yes"))
    fr.qualifiers.append(("layout", "list"))
    return fr


def _rank_frame(it: Item, subject: EntityRef, metric: str, period: Optional[Period], market: Optional[EntityRef],
                source: Optional[EntityRef]) -> Frame:
    q = Quantity(it.start, it.name_start, Decimal(it.rank or 0), Decimal(it.rank or 0), "number", "rank", 1,
                 number_end=it.name_start)
    fig = Figure(q, "level", start=it.start, end=it.name_start)
    fr = Frame("ranking", fig, (it.start, it.name_start + len(it.name)), metric=metric, metric_label=metric,
               metric_how="list")
    fr.subject, fr.subject_how = subject, "list"
    fr.period, fr.period_how = period, "list"
    fr.value, fr.unit, fr.market, fr.source = Decimal(it.rank or 0), "rank", market, source
    fr.qualifiers.append(("layout", "list"))
    return fr


def _geo_lead(ctx: ExtractionContext, lead: str) -> bool:
    words = ctx.patterns["layout"].get("geo_lead_words") or []
    return bool(words) and re.search(r"(?<![\w])(?:%s)(?![\w])" % "|".join(re.escape(str(w)) for w in words),
                                     lead, re.I) is not None


def _subject(ctx: ExtractionContext, it: Item,
             geo_lead: bool = False) -> tuple[Optional[EntityRef], Optional[EntityRef]]:
    """The item's subject, and the geography when the item names one ("Vietnam — 0.55M"): a market the
    gazetteer knows, or any name under a lead-in that lists geographies ("By country:")."""
    rules = ctx.engine.name_rules
    name = it.name
    if rules.is_other(name) or name.casefold() in ("others", "other"):
        market = doc_market(ctx)
        return EntityRef(slugify(f"others-{market.key if market else 'market'}"), "group", "Others"), None
    m = ctx.mentions(Sentence(it.name_start, it.name_start + len(name), name))
    geo = [e for e in m.entities if e.kind == "market" and e.start == it.name_start]
    if geo and re.search(r"\s(?:and|&)\s", name):
        # "Malaysia and Singapore together": the markets combined, when every part names one
        parts = [e for e in m.entities if e.kind == "market"]
        words = re.sub(r"\b(?:and|together|combined)\b|&", " ", name).split()
        if len(parts) < 2 or sum(len(ctx.text[e.start:e.end].split()) for e in parts) != len(words):
            return None, None
        refs = [ctx.entity(e) for e in parts]
        label = " and ".join(r.label for r in refs)
        combined = EntityRef(slugify(label), "market", label, ("Region",), members=tuple(r.key for r in refs))
        return _market_subject(ctx, combined), combined
    if rules.is_total(name) or geo:
        market = ctx.entity(geo[0]) if geo else doc_market(ctx)
        return _market_subject(ctx, market), market
    known = [e for e in m.entities if e.start == it.name_start and e.kind in ("organisation", "brand", "product",
                                                                              "segment", "series")]
    if known:
        return ctx.entity(known[0]), None
    if geo_lead and not re.search(r"\s(?:and|&)\s", name):
        place = EntityRef(slugify(name), "market", name, ("Region",))
        return _market_subject(ctx, place), place
    if ctx.doc.speaks_for_issuer and ctx.doc.genre != "news":
        return None, None                              # an issuer's list of unknown names: not vendors
    return ctx.names.add(name, "organisation", "list"), None


def _context_market(ctx: ExtractionContext, pos: int) -> Optional[EntityRef]:
    """The market of the industry figures in the paragraph before a lead-in that names none ("Worldwide PC
    shipments grew 1.5% ..." above "IDC's ranking of the top vendors:"): its first market named."""
    text = ctx.text
    end = text.rfind("\n\n", max(ctx.doc.start, pos - 3000), pos)
    if end < 0:
        return None
    start = text.rfind("\n\n", max(ctx.doc.start, end - 3000), end)
    start = ctx.doc.start if start < 0 else start + 2
    for s in ctx.sentences:
        if start <= s.start < end:
            m = ctx.mentions(s)
            if not m.quantities:
                continue
            for e in m.entities:
                if e.kind == "market":
                    return ctx.entity(e)
            if says_global(ctx, s.text):
                return global_market(ctx)
    return None


def _market_subject(ctx: ExtractionContext, market: Optional[EntityRef]) -> EntityRef:
    """The whole market of a geography for the document's product category."""
    return whole_market(ctx, market)


def _lead_metric(ctx: ExtractionContext, m) -> Optional[str]:
    if m is None:
        return None
    mets = [x for x in m.metrics if x.target != "market-share"]
    return mets[0].target if mets else None


def _doc_measure(ctx: ExtractionContext) -> Optional[str]:
    from .framemeasures import _doc_speaks_of
    for key in ("shipments", "revenue"):
        if _doc_speaks_of(ctx, key):
            return key
    return None
