"""Compact lists: "Acme, 78.2M (23.4% / -2.4% Y/Y); Beta, 61.0M (18.3% / +5.1% Y/Y)", "1) Novastra 1.12M",
"Vietnam — 0.55M", "• Acme: 22.0 million units (+5%)".

A list item is a name followed by figures, items separated by semicolons, numbered markers or bullets; a sentence
is a list when at least one such item stands where a clause would start and the items hold no verb of their
own. Each item's name is its subject (a company, a market for a geography, "Others", the market for "Total");
each figure's role comes from its own marks: a signed percent or one with "Y/Y", "growth", "change" is a change,
another percent a share, a scaled number or units the measure the list is about (its header's, else the one the
document tracks), money revenue unless the header says otherwise.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Optional

from ..iris import slugify
from ..records import EntityRef
from .context import ExtractionContext, Mentions
from .discourse import Discourse
from .figures import Figure
from .frames import Frame, FrameRules, _doc_speaks_of
from .quantities import Quantity
from .slots import doc_market, market_subject_ref, period_slot, source_slot
from .text import Sentence

_MARKER = re.compile(r"(?:^|(?<=[;\n•]))\s*(?:\(?\d{1,2}[.)]\s+|[•\-*–]\s+)?")
_NAME = re.compile(r"\s*(?:\(?\d{1,2}[.)]\s+|[•*–-]\s+)?(?P<name>[A-Z][\w&.'’-]*(?:[ \t]+(?:&[ \t]+)?[A-Z0-9][\w&.'’-]*){0,4})"
                   r"\s*(?:,|:|—|–|-|\s)\s*(?=[(\d$€£¥₹~≈]|(?:about|around|approximately|nearly|some)\s)")
_CHANGE_MARK = re.compile(r"\s*(?:y/y|yoy|q/q|qoq|growth|change|chg|annual|year[- ]on[- ]year|vs\.?)", re.I)
_VERB = re.compile(r"\b(?:was|were|is|are|rose|fell|grew|shipped|led|took|kept|held|increased|decreased|declined|"
                   r"jumped|dropped|slipped|reached|posted|reported|recorded|climbed|gained|lost)\b", re.I)


def items(ctx: ExtractionContext, a: int, b: int) -> list[tuple[int, int, str]]:
    """(start, end, name) of each list item in [a, b): a name followed by figures, no verb of its own. Items are
    cut at semicolons, bars, line breaks, bullets and numbered markers; a piece with figures but no name
    ("; 27.3%; +4.7%") continues the item before it."""
    text = ctx.text
    out: list[list] = []
    cuts = [a] + [a + m.end() for m in re.finditer(r";|\||\n|•|(?<=\))\s*,\s+(?=[A-Z])|(?=\s\(?\d{1,2}\)\s+[A-Z])",
                                                   text[a:b])] + [b]
    for x, y in zip(cuts, cuts[1:]):
        seg = text[x:y]
        m = _NAME.match(seg)
        if m is not None and not _VERB.search(seg) and re.search(r"\d", seg[m.end():]):
            name = m.group("name").strip().rstrip(",:")
            if len(name) >= 2 and name.split()[0] not in ctx.engine.name_rules.leading:
                out.append([x + m.start("name"), y, name])
                continue
        if out and re.fullmatch(r"[\s;|,()]*(?:[-+−–]?\s*[$€£¥₹]?\d[\d,.]*\s*(?:%|[MKBmkb]\b|bn|mn|million|"
                                r"billion|units)?\s*(?:y/y|yoy|q/q|qoq)?[\s;|,()/]*)+", seg, re.I) and out[-1][1] == x:
            out[-1][1] = y
    return [(x, y, n) for x, y, n in out]


def is_list(ctx: ExtractionContext, s: Sentence) -> bool:
    its = items(ctx, s.start, s.end)
    if not its:
        return False
    if len(its) >= 2:
        return True
    # one item: the whole line is "Name, figures" (a numbered line, a bullet)
    x, y, _ = its[0]
    return x - s.start <= 6 and y >= s.end - 2


def list_frames(ctx: ExtractionContext, s: Sentence, d: Discourse, rules: FrameRules) -> list[Frame]:
    m = ctx.mentions(s)
    header = _header_measure(ctx, s)
    out: list[Frame] = []
    for x, y, name in items(ctx, s.start, s.end):
        subject, how, geo = _subject(ctx, m, name, x)
        qs = [q for q in m.quantities if x <= q.start < y]
        shared_seen = False
        for q in qs:
            before = ctx.text[max(x, q.start - 12):q.start]
            worded = re.search(r"\b(?P<w>up|down|rose|fell|grew|declined|dropped|gained|lost)\s+(?:by\s+)?$", before, re.I)
            sign = -1 if re.search(r"[-−–]\s*$", before) or (worded and worded.group("w").lower() in
                                                            ("down", "fell", "declined", "dropped", "lost")) else 1
            signed = re.search(r"[-+−–]\s*$", before) is not None or worded is not None
            after = ctx.text[q.end:q.end + 12]
            if q.kind == "percent" and (signed or _CHANGE_MARK.match(after)):
                kind, metric, value, unit = "change", header or _measure(ctx), q.value * sign, "percent"
            elif q.kind == "percent" and not shared_seen:
                kind, metric, value, unit = "market_share", "market-share", q.value, "percent"
                shared_seen = True
            elif q.kind in ("number", "count") and (q.scale > 1 or q.unit in ("units", "devices")):
                kind, metric, value, unit = "metric", header or _measure(ctx), q.value, "units"
            elif q.kind == "money":
                kind, metric, value, unit = "metric", header if header and header != "shipments" else "revenue", \
                    q.value, q.unit
            else:
                continue
            if metric is None:
                continue
            fig = Figure(q, "change" if kind == "change" else "level", start=q.start, end=q.end)
            fr = Frame(kind, fig, (x, q.end), metric=metric, metric_label=metric, metric_how="list")
            fr.subject, fr.subject_how = subject, how
            p = period_slot(ctx, m, fig, x, y, s.start, d)
            if p is not None:
                fr.period, fr.period_how = p.value, p.how  # type: ignore[assignment]
            fr.market = geo or d.paragraph_market or doc_market(ctx)
            fr.source = source_slot(ctx, m, s.start, s.end)
            fr.value, fr.unit = value, unit
            if kind == "change":
                fr.basis, fr.basis_stated = ("QoQ" if re.match(r"\s*q/?o?q", after, re.I) else "YoY"), True
            out.append(fr)
    return out


def _subject(ctx: ExtractionContext, m: Mentions, name: str,
             pos: int) -> tuple[Optional[EntityRef], str, Optional[EntityRef]]:
    """The item's subject, how it was read, and the geography when the item names one ("Vietnam — 0.55M")."""
    rules = ctx.engine.name_rules
    if rules.is_other(name):
        market = doc_market(ctx)
        return EntityRef(slugify(f"others-{market.key if market else 'market'}"), "group", "Others"), "list", None
    geo = [e for e in m.entities if e.kind == "market" and e.start == pos]
    if rules.is_total(name) or geo:
        market = ctx.entity(geo[0]) if geo else doc_market(ctx)
        return market_subject_ref(ctx, market), "list", market
    known = [e for e in m.entities if e.start == pos and e.kind in ("organisation", "brand", "product", "segment")]
    if known:
        return ctx.entity(known[0]), "list", None
    return ctx.names.add(name, "organisation", "list"), "list", None


def _header_measure(ctx: ExtractionContext, s: Sentence) -> Optional[str]:
    """The measure a list's lead-in names ("Top five vendors by shipments:", "Shipments (share, growth):")."""
    line_start = ctx.text.rfind("\n", 0, s.start) + 1
    lead = ctx.text[max(ctx.doc.start, line_start - 200):s.start]
    mets = [h for h in ctx.engine.matcher.find(ctx.text, max(ctx.doc.start, line_start - 200), s.start)
            if h.kind == "metric" and h.target != "market-share"]
    del lead
    return mets[-1].target if mets else None


def _measure(ctx: ExtractionContext) -> Optional[str]:
    for key in ("shipments", "revenue"):
        if _doc_speaks_of(ctx, key):
            return key
    return None
