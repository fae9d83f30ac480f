"""What a launch clause reads from its surroundings: whether its line is a heading, the platforms it releases
(a version number), a class of products debuted in markets, the passage's series, and the market a document or
a word names (helpers of graph/extract/launches.py)."""
from __future__ import annotations

import bisect
import re
from collections import Counter
from typing import TYPE_CHECKING, Optional

from ..records import EntityRef
from .context import ExtractionContext
from .products import ProductMention, ProductTracker
from .producttables import market_ref
from .text import Sentence

if TYPE_CHECKING:
    from .launches import LaunchRules


def is_heading(ctx: ExtractionContext, s: Sentence, kinds: dict[int, str], rules: "LaunchRules") -> bool:
    """A headline or section heading: a line of its own that does not end a sentence, and is not a dated
    "Label: value" line or bullet ("US: $149.99, available April 23 (pre-orders open today)" states a sale)."""
    if not (s.line_start and len(s.text) < 160 and s.text.rstrip()[-1:] not in ".!?”\"'"):
        return False
    if kinds.get(s.start) not in ("label", "bullet"):
        return True
    return not (rules.today.search(s.text) or any(p.how == "explicit" for p in ctx.mentions(s).periods))


def line_kinds(ctx: ExtractionContext) -> dict[int, str]:
    """The layout kind of the line holding each sentence start."""
    lines = ctx.layout.lines
    starts = [ln.start for ln in lines]
    out: dict[int, str] = {}
    for s in ctx.sentences:
        i = bisect.bisect_right(starts, s.start) - 1
        if i >= 0 and s.start <= lines[i].end:
            out[s.start] = lines[i].kind
    return out


def platforms(ctx: ExtractionContext, s: Sentence, lo: int, hi: int,
               rules: "LaunchRules") -> list[tuple[ProductMention, str]]:
    out = []
    for m in ctx.mentions(s).entities:
        if m.kind == "platform" and lo <= m.start < hi:
            own = re.search(r"\s(\d+(?:\.\d+)?)$", m.surface)      # "MIUI 11" matched as a whole
            v = rules.platform_version.match(ctx.text, m.end, hi)
            if own or v:        # the platform itself is released, whoever the issuer is (not re-homed to it)
                entry = ctx.gazetteer.get(m.target)
                ref = entry.ref() if entry is not None else ctx.entity(m)
                out.append((ProductMention(m.start, m.end, ref), own.group(1) if own else v.group("version")))
    return out


def class_in_markets(ctx: ExtractionContext, s: Sentence, lo: int, hi: int) -> Optional[ProductMention]:
    """A class of the issuer's products launched in named markets ("We debuted our TVs in Norway, Kenya ...")."""
    rx = ctx.patterns["prices"].get("product_classes")
    if not rx or ctx.issuer is None:
        return None
    m = re.search(rx, ctx.text[lo:hi], re.IGNORECASE)
    markets = [e for e in ctx.mentions(s).entities if e.kind == "market" and lo <= e.start < hi]
    if m is None or not markets:
        return None
    label = " ".join(m.group(0).split())
    ref = ctx.discover(f"{ctx.issuer.key}-{label}", "series", f"{ctx.issuer.label} {label}")
    return ProductMention(lo + m.start(), lo + m.end(), ref)


def series_topic(ctx: ExtractionContext, tracker: ProductTracker) -> EntityRef:
    """The topic, or the series of the last products named when they all belong to one ("Nova TV 5 Pro ... Nova TV 5
    ...; Pre-orders start ..." is about the Nova TV 5 series)."""
    series = set()
    for ref in tracker.recent:
        entry = ctx.gazetteer.get(ref.key)
        series.add(entry.props.get("series") if entry is not None else None)
    if len(tracker.recent) >= 2 and len(series) == 1 and None not in series:
        entry = ctx.gazetteer.get(str(next(iter(series))))
        if entry is not None:
            return entry.ref()
    return tracker.topic  # type: ignore[return-value]


def market_word(ctx: ExtractionContext, s: Sentence) -> Optional[EntityRef]:
    """A market named by a word that is no gazetteer place (``market_words`` of prices.yaml: "Dutch", "EU")."""
    words = ctx.patterns["prices"].get("market_words") or {}
    for w, key in words.items():
        if re.search(rf"\b{re.escape(str(w))}\b", s.text):
            return market_ref(ctx, str(key))
    return None


def document_market(ctx: ExtractionContext) -> Optional[EntityRef]:
    counts: Counter[str] = Counter()
    refs: dict[str, EntityRef] = {}
    for s in ctx.sentences:
        for m in ctx.mentions(s).entities:
            if m.kind == "market":
                ref = ctx.entity(m)
                counts[ref.key] += 1
                refs.setdefault(ref.key, ref)
    return refs[counts.most_common(1)[0][0]] if counts else None
