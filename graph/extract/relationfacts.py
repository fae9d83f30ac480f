"""A relation fact (kind ``relation``) and the cue lists of ``mappings/patterns/relations.yaml``."""
from __future__ import annotations

from typing import Optional

from ..records import EntityRef, Fact
from .context import ExtractionContext


def _cfg(ctx: ExtractionContext) -> dict:
    return ctx.patterns["relations"]


def _words(ctx: ExtractionContext, key: str) -> list[str]:
    return [str(w) for w in _cfg(ctx).get(key) or []]


def _rel(ctx: ExtractionContext, key: str, subject: EntityRef, obj: EntityRef, start: int, end: int,
         market: Optional[EntityRef] = None, quals: tuple = ()) -> Fact:
    return Fact("relation", ctx.doc.doc_id, subject, ctx.evidence(start, end), metric=key, object=obj,
                market=market, qualifiers=quals)
