"""Products and plants: sales performance without a figure, a facility's disruption and a product's launch
event."""
from __future__ import annotations

import re
from typing import Optional

from ..records import EntityRef, Fact
from .clauses import clause_bounds
from .context import ExtractionContext, Mentions
from .patterns import alternation
from .products import products_in
from .statementfacts import _alt, _cfg, _fact, _figure_in, statement_period
from .text import Sentence


# ---------------------------------------------------------------- sales performance

def product_before(ctx: ExtractionContext, s: Sentence, back: int = 4) -> Optional[EntityRef]:
    """The product or series named last in the sentences before ``s`` (same paragraph, at most ``back``)."""
    for prev in list(reversed([x for x in ctx.sentences if x.end <= s.start]))[:back]:
        if "\n\n" in ctx.text[prev.end:s.start]:
            return None
        named = [p for p in products_in(ctx, prev) if not p.compared]
        if named:
            return named[-1].ref
    return None


def _sales(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    text = ctx.text
    cfg = _cfg(ctx)
    rx = cfg.get("sales_verbs")
    if not rx:
        return []
    nouns = alternation(str(w) for w in cfg.get("product_anaphora") or [])
    out: list[Fact] = []
    for r in re.finditer(rx, text[s.start:s.end], re.IGNORECASE):
        a, b = s.start + r.start(), s.start + r.end()
        lo, _ = clause_bounds(ctx, s, a)
        named = [p for p in products_in(ctx, s) if lo <= p.start and p.end <= a]
        start = a
        if named and re.fullmatch(r"\s*(?:has|have|had)?\s*", text[named[-1].end:a]):
            subject, start = named[-1].ref, named[-1].start
        else:
            ana = re.search(rf"\b(?:the|this|that|its|our)\s+(?:new\s+)?(?:{nouns})\s+$", text[lo:a], re.IGNORECASE)
            subject = product_before(ctx, s) if ana else None
            start = lo + ana.start() if ana else a
        if subject is None:
            continue
        out.append(_fact(ctx, subject, start, b, "sales_performance", text[a:b], statement_period(ctx, m, s, a, b)))
    return out


# ---------------------------------------------------------------- disruptions

def _disruptions(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    issuer = ctx.issuer
    if issuer is None:
        return []
    text = ctx.text
    fac = alternation(str(w) for w in ctx.patterns["discovery"].get("facility_nouns") or [])
    rx = re.compile(rf"\s(?:{_alt(ctx, 'disruption_verbs')})\s+(?:(?:{_alt(ctx, 'disruption_targets')})\s+)?"
                    rf"(?:the\s+(?:company|group|firm)[’']s|its|our|their)\s+(?P<name>(?:[\w-]+\s+){{0,2}}?(?:{fac}))"
                    rf"(?:\s+in\s+(?P<place>[A-Z][\w-]+)(?:,\s*[A-Z][\w-]+)?)?", re.IGNORECASE)
    out: list[Fact] = []
    for r in rx.finditer(text, s.start, s.end):
        lo, _ = clause_bounds(ctx, s, r.start())
        cause = text[lo:r.start()].strip()
        if len(cause.split()) < 2 or _figure_in(m, lo, r.start()):
            continue
        name, place = r.group("name"), r.group("place")
        facility = ctx.discover(f"{issuer.key}-{(place + '-') if place else ''}{name}", "organisation",
                                f"{issuer.label} {name}" + (f" in {place}" if place else ""), ())
        when = next((p.period for p in m.periods if p.how == "explicit" and lo <= p.start < r.end()), None)
        a = lo + len(text[lo:r.start()]) - len(text[lo:r.start()].lstrip())
        out.append(_fact(ctx, facility, a, r.end(), "disruption", cause, when or ctx.period))
    return out


# ---------------------------------------------------------------- launch events

def _launch_events(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    from .periods import day

    text = ctx.text
    phrase = _cfg(ctx).get("launch_event_phrase")
    if not phrase:
        return []
    verbs = re.compile(rf"\b(?:{_alt(ctx, 'launch_event_verbs')})\b", re.IGNORECASE)
    out: list[Fact] = []
    for r in re.finditer(phrase, text[s.start:s.end], re.IGNORECASE):
        a, b = s.start + r.start(), s.start + r.end()
        v = [x for x in verbs.finditer(text, s.start, a)]
        if not v:
            continue
        products = [p for p in products_in(ctx, s) if v[-1].end() <= p.start < a and not p.compared]
        if not products:
            continue
        when = next((p.period for p in m.periods if p.how == "explicit" and p.period.kind == "day"), None)
        if when is None and ctx.doc.date and len(ctx.doc.date) >= 10 and \
                re.search(r"\btoday\b", text[s.start:a], re.IGNORECASE):
            y, mo, d = (int(x) for x in ctx.doc.date[:10].split("-"))
            when = day(y, mo, d)
        out.append(_fact(ctx, products[0].ref, a, b, "launch_event", r.group("v"), when))
    return out
