"""Product relations: regional versions (``regional_version_of``) and the products that drove a company's
results (``sales_driver``)."""
from __future__ import annotations

import re

from ..records import EntityRef, Fact
from .context import ExtractionContext, Mentions
from .entitylists import subject_before
from .patterns import alternation
from .relationfacts import _cfg, _rel, _words
from .text import Sentence


def _versions(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    from .products import products_in

    text = ctx.text
    regions = alternation(_words(ctx, "version_regions"))
    nouns = alternation(_words(ctx, "version_nouns"))
    prods = products_in(ctx, s)
    out: list[Fact] = []
    rx = re.compile(rf"\bthe\s+(?P<region>{regions})\s+(?:{nouns})\s+of\s+(?:the\s+)?", re.IGNORECASE)
    for r in rx.finditer(text, s.start, s.end):
        original = next((p for p in prods if p.start == r.end()), None)
        if original is None:
            continue
        after = next((p for p in prods if p.start > original.end and
                      re.fullmatch(r"\s*,\s*(?:the\s+)?", text[original.end:p.start])), None)
        before = next((p for p in reversed(prods) if p.end <= r.start() and
                       re.fullmatch(r"\s*,\s*", text[p.end:r.start()])), None)
        version = after or before
        if version is None or version.ref.key == original.ref.key:
            continue
        a, b = (r.start(), version.end) if after else (version.start, original.end)
        out.append(_rel(ctx, "regional_version_of", version.ref, original.ref, a, b,
                        quals=(("region", r.group("region").lower()),)))
    return out


def _sales_drivers(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    """"profit rose ... as brisk sales of Orbit S21 smartphones and televisions more than made up for ...": the
    products named right after the cue drove the company's results."""
    from dataclasses import replace

    from .products import products_in
    from .statementfacts import statement_period

    rx = _cfg(ctx).get("driver_cues")
    if not rx:
        return []
    out: list[Fact] = []
    for r in re.finditer(rx, ctx.text[s.start:s.end], re.IGNORECASE):
        pos = s.start + r.end()
        items: list[tuple[int, int, EntityRef]] = []
        for p in products_in(ctx, s):
            if p.start == pos or (items and re.fullmatch(r"\s*(?:,|and|,\s*and|as\s+well\s+as)\s*(?:the\s+)?",
                                                         ctx.text[items[-1][1]:p.start])):
                items.append((p.start, p.end, p.ref))
            elif items:
                break
        if not items:
            continue
        company, _ = subject_before(ctx, m, s.start, s.start + r.start(), kinds=("organisation",))
        company = company or ctx.issuer
        if company is None:
            continue
        period = statement_period(ctx, m, s, s.start + r.start(), pos)
        for a, b, ref in items:
            out.append(replace(_rel(ctx, "sales_driver", company, ref, s.start + r.start(), b), period=period))
    return out
