"""Limited editions: the number of units a product is made or sold in (kind count, measure ``number-of-units``).

"with a limited offering of 30,000 units worldwide", "has a limited number of 30,000 units", "comes in a run of
5,000 units in Italy": the count belongs to the product named nearest before it in its sentence (not one named
as a comparison, "Along with the standard Mi Watch"), else to the passage's product; its market is the one named
right after it ("worldwide", "in Italy"). The phrases are data (``limited_run`` in mappings/patterns/products.yaml).
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Optional

from ..records import EntityRef, Fact
from .context import ExtractionContext
from .products import ProductMention, ProductTracker, products_in

_AFTER = 40          # characters after the count in which its market is named


def limited_runs(ctx: ExtractionContext) -> list[Fact]:
    pattern = ctx.patterns["products"].get("limited_run")
    if not pattern:
        return []
    rx = re.compile(pattern, re.IGNORECASE)
    tracker = ProductTracker()
    out: list[Fact] = []
    for s in ctx.sentences:
        products = products_in(ctx, s)
        for m in rx.finditer(ctx.text, s.start, s.end):
            subject = _subject(products, m.start(), tracker)
            if subject is None:
                continue
            market = _market(ctx, s, m.end())
            out.append(Fact(kind="count", doc_id=ctx.doc.doc_id, subject=subject,
                            evidence=ctx.evidence(m.start(), m.end()), metric="number-of-units",
                            value=Decimal(m.group("num").replace(",", "")), unit="units", market=market,
                            qualifiers=(("status", "limited"),)))
        tracker.update(products)
    return out


def _subject(products: list[ProductMention], at: int, tracker: ProductTracker) -> Optional[EntityRef]:
    before = [p for p in products if not p.compared and p.end <= at]
    return before[-1].ref if before else tracker.topic


def _market(ctx: ExtractionContext, s, at: int) -> Optional[EntityRef]:
    ents = [e for e in ctx.mentions(s).entities if e.kind == "market" and at <= e.start < at + _AFTER]
    return ctx.entity(ents[0]) if ents else None
