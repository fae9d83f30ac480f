"""Where things are (``located_in``): based-in phrases, staff located with a company, facilities and operation
bases; and the business a segment houses (``houses``)."""
from __future__ import annotations

import re
from typing import Optional

from ..records import EntityRef, Fact
from .clauses import clause_bounds
from .context import ExtractionContext, Mentions
from .entitylists import _NAME, _named_after, subject_before
from .patterns import alternation
from .relationfacts import _cfg, _rel, _words
from .text import Sentence


# ---------------------------------------------------------------- locations

def _place(ctx: ExtractionContext, m: Mentions, a: int, b: int, name: str) -> Optional[EntityRef]:
    """A place: the gazetteer market at [a, b), else a discovered city; another kind of entity is no place."""
    ent = next((e for e in m.entities if e.start <= a < e.end), None)
    if ent is not None:
        return ctx.entity(ent) if ent.kind == "market" else None
    return ctx.discover(name, "market", name, ("City",))


def _locations(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    text = ctx.text
    out: list[Fact] = []
    nouns = alternation(_words(ctx, "based_nouns"))
    issuer_nouns = {w.lower() for w in _words(ctx, "issuer_nouns")}
    rx = re.compile(rf"(?P<det>\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Oo]ur)\s+)?(?P<place>[A-Z][\w'’]+(?:\s+[A-Z][\w'’]+){{0,2}})"
                    rf"-based\s+(?:[a-z][\w-]*\s+){{0,2}}?(?P<noun>{nouns})\b")
    for r in rx.finditer(text, s.start, s.end):
        place = _place(ctx, m, r.start("place"), r.end("place"), r.group("place"))
        if place is None:
            continue
        det = (r.group("det") or "").strip().lower()
        subject = None
        start = r.start()
        if det in ("a", "an"):
            prev = [e for e in m.entities if e.end <= r.start() and
                    re.fullmatch(r"\s*,\s*", text[e.end:r.start()]) and e.kind in ("organisation", "product", "brand")]
            named = re.search(rf"(?<![\w.])({_NAME})\s*,\s*$", text[max(s.start, r.start() - 60):r.start()])
            if prev:
                subject, start = ctx.entity(prev[-1]), prev[-1].start
            elif named and not any(e.start <= r.start() - len(named.group(0)) < e.end for e in m.entities):
                # "Hasselblad, a Sweden-based camera company": a name the gazetteer lacks, discovered
                name = named.group(1)
                subject, start = ctx.discover(name, "organisation", name, ("Company",)), r.start() - len(named.group(0))
        elif det == "the" and r.group("noun").lower() in issuer_nouns and ctx.issuer is not None:
            subject = ctx.issuer
        elif det in ("its", "our") and ctx.issuer is not None:
            continue  # "its Beijing-based unit": the unit, not the company
        if subject is None or subject.key == place.key:
            continue
        out.append(_rel(ctx, "located_in", subject, place, start, r.end("noun")))
    roles = alternation(_words(ctx, "located_roles"))
    rx3 = re.compile(rf"\b(?:{roles})s?\s+(?:with|at|of)\s+", re.IGNORECASE)
    for r in rx3.finditer(text, s.start, s.end):
        named = _named_after(ctx, m, r.end(), s.end, ("Company",))
        if named is None or named[2].kind != "organisation":
            continue
        a, b, org = named
        inn = re.match(r"\s+in\s+", text[b:b + 6])
        here = next((e for e in m.entities if inn and e.kind == "market" and e.start == b + inn.end()), None)
        if here is None or (ctx.issuer is not None and org.key == ctx.issuer.key):
            continue
        place = ctx.entity(here)
        out.append(_rel(ctx, "located_in", org, place, a, here.end))
    cues = alternation(_words(ctx, "location_cues"))
    rx2 = re.compile(rf"\b(?:{cues})\s+(?P<place>[A-Z][\w'’]+(?:\s+[A-Z][\w'’]+){{0,2}})")
    for r in rx2.finditer(text, s.start, s.end):
        place = _place(ctx, m, r.start("place"), r.end("place"), r.group("place"))
        if place is None:
            continue
        lo, _ = clause_bounds(ctx, s, r.start())
        prev = [e for e in m.entities if lo <= e.start and e.end <= r.start() and r.start() - e.end <= 40
                and e.kind == "organisation" and re.fullmatch(r"\s*,?\s*(?:(?:is|are|was)\s+)?", text[e.end:r.start()])]
        if not prev:
            continue
        subject = ctx.entity(prev[-1])
        if subject.key == place.key:
            continue
        out.append(_rel(ctx, "located_in", subject, place, prev[-1].start, r.end("place")))
    return out


def _houses(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    """"The IT & Mobile Communications (IM) division, which houses the handset business": the segment
    ``houses`` a business (discovered as a segment of the issuer)."""
    if ctx.issuer is None:
        return []
    text = ctx.text
    verbs = alternation(_words(ctx, "houses_verbs"))
    nouns = alternation(_words(ctx, "business_nouns"))
    rx = re.compile(rf",\s+which\s+(?:{verbs})\s+(?:the|its|our)\s+(?P<what>(?:[\w&-]+\s+){{1,4}}?(?:{nouns}))\b")
    out: list[Fact] = []
    for r in rx.finditer(text, s.start, s.end):
        seg = next((e for e in reversed(m.entities) if e.end <= r.start() and e.kind == "segment" and
                    re.fullmatch(r"\s*", text[e.end:r.start()])), None)
        if seg is None:
            continue
        what = r.group("what")
        part = ctx.discover(f"{ctx.issuer.key}-{what}", "segment", what, ("BusinessSegment",))
        out.append(_rel(ctx, "houses", ctx.entity(seg), part, seg.start, r.end("what")))
    return out


# ---------------------------------------------------------------- facilities, operation bases

def _place_at(ctx: ExtractionContext, m: Mentions, a: int, b: int, name: str) -> EntityRef:
    """The gazetteer market exactly at [a, b), else a discovered city."""
    ent = next((e for e in m.entities if e.start == a and e.end == b and e.kind == "market"), None)
    return ctx.entity(ent) if ent is not None else ctx.discover(name, "market", name, ("City",))


def _facility_places(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    """"its own smart factory in Yizhuang": the discovered facility is ``located_in`` the place."""
    nouns = alternation(str(w) for w in ctx.patterns["discovery"].get("facility_nouns") or [])
    out: list[Fact] = []
    for e in m.entities:
        if e.kind != "organisation" or e.target not in ctx.discovered:
            continue
        r = re.search(rf"\b(?:{nouns})\s+in\s+(?P<place>[A-Z][\w-]+)$", e.surface)
        if r is None:
            continue
        a = e.start + r.start("place")
        place = _place_at(ctx, m, a, a + len(r.group("place")), r.group("place"))
        out.append(_rel(ctx, "located_in", ctx.entity(e), place, e.start, e.end))
    return out


def _operation_bases(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    """"Acme entered India in 2014 and set up its local operations in Bengaluru": Acme's unit in India is
    ``located_in`` Bengaluru (the company itself when the sentence names no market)."""
    text = ctx.text
    n = int(_cfg(ctx).get("base_adjectives_max") or 2)
    rx = re.compile(rf"\b(?:{alternation(_words(ctx, 'base_verbs'))})\s+(?:its|their|our)\s+(?:(?:new|own|[a-z-]+)\s+)"
                    rf"{{0,{n}}}?(?:{alternation(_words(ctx, 'base_nouns'))})\s+in\s+(?P<place>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)")
    out: list[Fact] = []
    for r in rx.finditer(text, s.start, s.end):
        company, sstart = subject_before(ctx, m, s.start, r.start(), kinds=("organisation",))
        if company is None:
            continue
        place = _place_at(ctx, m, r.start("place"), r.end("place"), r.group("place"))
        market = next((e for e in m.entities if e.kind == "market" and e.end <= r.start() and
                       ctx.entity(e).key != place.key), None)
        subject = company
        if market is not None:
            where = ctx.entity(market)
            named = next((e.surface for e in m.entities if e.start == sstart), None) or company.label
            subject = ctx.discover(f"{company.key}-{where.key}", "organisation", f"{named} {where.label}",
                                   ("Organisation",))  # "Acme India": the company's unit in that market
        if subject.key == place.key:
            continue
        start = sstart if sstart is not None and r.start() - sstart <= 80 else r.start()
        out.append(_rel(ctx, "located_in", subject, place, start, r.end("place")))
    return out
