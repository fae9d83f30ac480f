"""Figures listed "respectively": the n-th figure of a role belongs to the n-th item of a coordinated list.

"A and B grew 10% and 20%, respectively": the items are named entities. "Revenue from advertising, online gaming
and other services grew by 23%, 55% and 27%, respectively": the items are parts of the company (or markets, or
product categories) written as a coordinated phrase before the verb.
"""
from __future__ import annotations

import re
from typing import Optional

from ..iris import slugify
from ..records import EntityRef
from .context import ExtractionContext, Mentions
from .text import Sentence

_STRIP = re.compile(r"^(?:(?:the|our|its|their|group['’]s|company['’]s|revenue|revenues|sales|from|of|in|by|for)\s+)+",
                    re.I)


def assign(ctx: ExtractionContext, m: Mentions, s: Sentence, frames: list, verbs: frozenset[str]) -> None:
    if not m.cues_of("respectively") or not frames:
        return
    first = min(f.figure.q.start for f in frames)
    ents = [e for e in m.entities if s.start <= e.start < first and e.kind not in ("market", "person", "metric")]
    for role in ("level", "change", "share"):
        group = [f for f in frames if f.figure.role == role]
        if len(group) < 2:
            continue
        if len(ents) == len(group):
            for f, e in zip(group, ents):
                f.subject, f.subject_how = ctx.entity(e), "respectively"
            continue
        items = _items(ctx, s.start, min(f.figure.q.start for f in group), verbs)
        if items is None or len(items) != len(group):
            continue
        for f, (a, b) in zip(group, items):
            _assign_item(ctx, m, f, a, b)
            _general_measure(ctx, m, f, items[0][0], items[-1][1])


def _items(ctx: ExtractionContext, start: int, first: int, verbs: frozenset[str]) -> Optional[list[tuple[int, int]]]:
    """The coordinated phrase ending before the clause's verb: its items' spans."""
    head = ctx.text[start:first]
    words = list(re.finditer(r"[\w&'’-]+", head))
    verb = next((w for w in reversed(words) if w.group(0).casefold() in verbs), None)
    if verb is None:
        return None
    stretch = head[:verb.start()]
    cut = max(stretch.rfind(":"), stretch.rfind(";"), stretch.rfind("("))
    base = start + cut + 1
    stretch = stretch[cut + 1:]
    parts = [p for p in re.finditer(r"[^,]+", re.sub(r",?\s+and\s+", ",    ", stretch, count=0))]
    spans = []
    for p in parts:
        text = p.group(0)
        lead = _STRIP.match(text.strip())
        offset = len(text) - len(text.lstrip()) + (lead.end() if lead else 0)
        a, b = base + p.start() + offset, base + p.start() + len(text.rstrip())
        if b - a < 2 or b - a > 60:
            return None
        spans.append((a, b))
    return spans if len(spans) >= 2 else None


def _assign_item(ctx: ExtractionContext, m: Mentions, f, a: int, b: int) -> None:
    label = ctx.text[a:b]
    market = next((e for e in m.entities if e.kind == "market" and a <= e.start and e.end <= b), None)
    if market is not None:
        f.market, f.market_how = ctx.entity(market), "respectively"
        return
    owner = f.subject if isinstance(f.subject, EntityRef) and f.subject.kind == "organisation" else ctx.issuer
    if owner is None:
        return
    named = next((e for e in m.entities if e.start <= a and b <= e.end and e.kind in ("segment", "product")), None)
    if named is not None:
        f.subject, f.subject_how = ctx.entity(named), "respectively"
        return
    f.subject = EntityRef(slugify(f"{owner.key}-{label}"), "segment", label, ("BusinessSegment",), owner=owner.key)
    f.subject_how = "respectively"


def _general_measure(ctx: ExtractionContext, m: Mentions, f, a: int, b: int) -> None:
    """"Revenue from advertising, online gaming and ...": a measure named with the first item ("revenue from
    advertising") is, for each item, the broader measure (revenue)."""
    x = next((x for x in m.metrics if x.target == f.metric and x.start < b and a < x.end), None)
    entry = ctx.gazetteer.metrics.get(f.metric or "")
    if x is not None and entry is not None and entry.broader:
        broader = ctx.gazetteer.metrics.get(entry.broader)
        if broader is not None:
            f.metric, f.metric_label = broader.key, broader.label
