"""A company's own changes stated without a figure: bodies and awards set up, hires, strategies adopted and
brands relaunched."""
from __future__ import annotations

import re

from ..iris import slugify
from ..records import Fact
from .clauses import clause_bounds
from .context import ExtractionContext, Mentions
from .entitylists import subject_before
from .statementfacts import _alt, _fact
from .text import Sentence


# ---------------------------------------------------------------- set-ups and hires

_NAME = r"[A-Z][\w&’'-]*(?:\s+(?:(?:of|for|and|on|&)\s+)?[A-Z][\w&’'-]*){1,7}"


def _setups(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    text = ctx.text
    rx = re.compile(rf"\b(?:{_alt(ctx, 'setup_verbs')})\s+(?:the|a|an|our|its|their)\s+(?:new\s+)?(?P<name>{_NAME})")
    out: list[Fact] = []
    for r in rx.finditer(text, s.start, s.end):
        a, b = r.start("name"), r.end("name")
        if any(e.start < b and a < e.end and e.kind in ("product", "series", "market", "person") for e in m.entities):
            continue  # a product, place or person is no body set up
        lo, hi = clause_bounds(ctx, s, r.start())
        subject, sstart = subject_before(ctx, m, s.start, r.start(), kinds=("organisation",))
        if subject is None:
            continue
        when = next((p.period for p in m.periods if p.how == "explicit" and p.period.kind == "year" and
                     s.start <= p.start and p.end <= hi and not (a <= p.start < b)), None)
        start = sstart if sstart is not None and r.start() - sstart <= 60 else r.start()
        value = when.label if when is not None else text[a:b]  # "Starting from 2019, we have set up the X": 2019
        out.append(_fact(ctx, subject, start, b, "established", value, when, qualifiers=(("name", text[a:b]),)))
    return out


def _hires(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    text = ctx.text
    rx = re.compile(rf"\b(?P<verb>{_alt(ctx, 'hire_verbs')})\s+(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z'’-]+){{1,2}})\b"
                    rf"(?=\s*(?:,|\bas\b|\bto\b|\bfrom\b|\.|$))")
    out: list[Fact] = []
    for r in rx.finditer(text, s.start, s.end):
        a, b = r.start("name"), r.end("name")
        known = next((e for e in m.entities if e.start == a and e.end == b), None)
        if known is not None and known.kind != "person":
            continue
        name = r.group("name")
        person = ctx.entity(known) if known is not None else ctx.discover(slugify(name), "person", name, ("Person",))
        org, _ = subject_before(ctx, m, s.start, r.start(), kinds=("organisation",))
        quals = (("organisation", org.label),) if org is not None else ()
        out.append(_fact(ctx, person, r.start(), b, "joined", r.group("verb").lower(), None,
                         object=org, qualifiers=quals))
    return out


# ---------------------------------------------------------------- adoptions, brand relaunches

def _adoptions(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    if ctx.issuer is None:
        return []
    text = ctx.text
    verbs = _alt(ctx, "adoption_verbs")
    rx = re.compile(rf"\b(?:this|the|our|its|that)\s+(?:[\w+×-]+\s+){{0,3}}?(?:{_alt(ctx, 'adoption_nouns')})\s+"
                    rf"(?:was|were|has\s+been|had\s+been)\s+(?:first\s+)?(?:{verbs})(?:\s+(?:or|and)\s+(?:{verbs}))?\b",
                    re.IGNORECASE)
    out: list[Fact] = []
    for r in rx.finditer(text, s.start, s.end):
        _, hi = clause_bounds(ctx, s, r.start())
        years = [p for p in m.periods if p.how == "explicit" and p.period.kind == "year" and
                 r.end() <= p.start <= r.end() + 40 and p.end <= hi]
        if not years:
            continue
        p = years[0]
        out.append(_fact(ctx, ctx.issuer, r.start(), p.end, "plan_adopted", p.period.label, p.period,
                         qualifiers=(("text", text[r.start():r.end()]),)))
    return out


def _brand_relaunches(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    text = ctx.text
    adjs = _alt(ctx, "brand_relaunch_adjectives")
    rx = re.compile(rf"\b(?:{_alt(ctx, 'brand_relaunch_verbs')})\b", re.IGNORECASE)
    as_brand = re.compile(rf"\bas\s+an?\s+(?:(?:{adjs})\s+)(?:[\w-]+\s+){{0,2}}?brand\b", re.IGNORECASE)
    out: list[Fact] = []
    for r in rx.finditer(text, s.start, s.end):
        lo, hi = clause_bounds(ctx, s, r.start())
        phrase = as_brand.search(text, lo, hi)
        if phrase is None:
            continue
        when = next((p for p in m.periods if p.how in ("explicit", "relative") and lo <= p.start < hi and
                     p.period.kind in ("year", "month", "day", "half", "quarter")), None)
        if when is None:
            continue
        named = [e for e in m.entities if e.kind in ("brand", "organisation") and lo <= e.start < min(r.start(),
                                                                                                   phrase.start())]
        subject = ctx.entity(named[0]) if named else ctx.issuer
        if subject is None:
            continue
        a = named[0].start if named else min(r.start(), phrase.start())
        b = max(r.end(), phrase.end(), when.end)
        out.append(_fact(ctx, subject, a, b, "brand_relaunch", when.period.label, when.period))
    return out
