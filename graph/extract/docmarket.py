"""The market and product category a document is about, and the subject a market total gets from them."""
from __future__ import annotations

import re
from typing import Optional

from ..iris import slugify
from ..records import EntityRef
from .context import ExtractionContext


def global_market(ctx: ExtractionContext) -> Optional[EntityRef]:
    """The whole world as a market (``frames.yaml`` global_market: a gazetteer key)."""
    entry = ctx.gazetteer.get(str(ctx.patterns["frames"].get("global_market") or ""))
    return entry.ref() if entry is not None else None


def market_subject_ref(ctx: ExtractionContext, market: Optional[EntityRef]) -> EntityRef:
    """The subject of a market total: a geography's market for the document's product category ("Western Europe
    smartphones market"); the world's when no geography is named."""
    market = market or global_market(ctx)
    cat = doc_category(ctx)
    place = market.label if market is not None else ""
    label = " ".join(x for x in (place, cat or "", "market") if x)
    key = slugify(f"{market.key if market is not None else ''}-{cat or 'all'}-market")
    return EntityRef(key, "market", label[:1].upper() + label[1:], ("Market",))


def doc_market(ctx: ExtractionContext) -> Optional[EntityRef]:
    """The geography the document is about: the document model's, else the first market its title or lead names
    (third-party documents only)."""
    if ctx.doc.market is not None:
        return ctx.doc.market
    cached = ctx.__dict__.get("_doc_market", False)
    if cached is not False:
        return cached  # type: ignore[return-value]
    found = None
    if not ctx.doc.speaks_for_issuer:
        head = ctx.doc.start + min(600, ctx.doc.end - ctx.doc.start)
        for h in ctx.engine.matcher.find(ctx.text, ctx.doc.start, head):
            # not a masthead, a dateline's city ("SINGAPORE, Nov 22") or page chrome
            if h.kind == "market" and not h.surface.isupper() and not ctx.in_chrome(h.start, h.end) and \
                    not re.match(r"\s*(?:,|\()\s*(?:\w+\s+){0,2}\d", ctx.text[h.end:h.end + 24]):
                found = ctx.entity(h)
                break
    ctx.__dict__["_doc_market"] = found
    return found


def doc_category(ctx: ExtractionContext) -> Optional[str]:
    """The product category the document is about: the document model's, else the first category word of its
    title or lead (``frames.yaml`` categories)."""
    if ctx.doc.category:
        return ctx.doc.category
    cached = ctx.__dict__.get("_doc_category", False)
    if cached is not False:
        return cached  # type: ignore[return-value]
    head = ctx.text[ctx.doc.start:ctx.doc.start + min(600, ctx.doc.end - ctx.doc.start)]
    best = None
    for cat, words in (ctx.patterns["frames"].get("categories") or {}).items():
        for w in words:
            mm = re.search(rf"(?<![\w-]){re.escape(str(w))}(?![\w-])", head, re.I)
            if mm and (best is None or mm.start() < best[0]):
                best = (mm.start(), str(cat))
    found = best[1] if best else None
    ctx.__dict__["_doc_category"] = found
    return found
