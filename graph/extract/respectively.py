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
from .matcher import Match
from .metricslot import unit_fits_figure
from .text import Sentence

_STRIP = re.compile(r"^(?:(?:the|our|its|their|group['’]s|company['’]s|revenue|revenues|sales|from|of|in|by|for)\s+)+",
                    re.I)


def assign(ctx: ExtractionContext, m: Mentions, s: Sentence, frames: list, verbs: frozenset[str]) -> None:
    if not m.cues_of("respectively") or not frames:
        return
    for roles in (("share", "level"), ("level",), ("change",), ("share",)):
        # "which held 21.4% and 17.8%": shares read as a share and as a level are one coordinated run
        group = _coordinated(ctx, [f for f in frames if f.figure.role in roles and (
            len(roles) == 1 or f.figure.q.kind == "percent")])
        if len(roles) > 1 and len({f.figure.role for f in group}) < 2:
            continue
        if len(group) < 2:
            continue
        first = group[0].figure.q.start
        if _assign_periods(ctx, m, s, group, first):
            continue        # the coordinated items are the periods, not parts of the company
        # the names before the coordinated figures, not a research firm cited ("According to Counterpoint, ..."); of
        # more names than figures, the last ones when they are coordinated ("..., behind Aurex and Tamsin, which
        # held 21.4% and 17.8%, respectively")
        ents = [e for e in m.entities if s.start <= e.start < first and e.kind not in ("market", "person", "metric")
                and not _SOURCE_BEFORE.search(ctx.text, max(s.start, e.start - 30), e.start)]
        if len(ents) > len(group) >= 2 and all(re.fullmatch(r"\s*(?:,|,?\s*and|&)\s*", ctx.text[a.end:b.start])
                                               for a, b in zip(ents[-len(group):], ents[-len(group) + 1:])):
            ents = ents[-len(group):]
        if len(ents) == len(group):
            for f, e in zip(group, ents):
                f.subject, f.subject_how = ctx.entity(e), "respectively"
            continue
        items = _items(ctx, s.start, min(f.figure.q.start for f in frames), verbs)
        if items is None or len(items) != len(group):
            continue
        measures = [_item_measure(ctx, m, f, a, b) for f, (a, b) in zip(group, items)]
        if all(measures):
            for f, x in zip(group, measures):
                entry = ctx.gazetteer.metrics.get(x.target)
                f.metric, f.metric_label = x.target, entry.label if entry is not None else x.surface
                f.metric_how, f.metric_minted = "respectively", False
            continue
        for f, (a, b) in zip(group, items):
            _assign_item(ctx, m, f, a, b)
            _general_measure(ctx, m, f, items[0][0], items[-1][1])


def _assign_periods(ctx: ExtractionContext, m: Mentions, s: Sentence, group: list, first: int) -> bool:
    """"The gross margins in the first quarter and the second quarter were 3.3% and 8.1%, respectively": as many
    coordinated periods before the figures as figures -- the n-th figure is for the n-th period."""
    pers = [p for p in m.periods if s.start <= p.start and p.end <= first and p.how == "explicit"]
    if len(pers) != len(group) or \
            not all(_PERIOD_AND.fullmatch(ctx.text, a.end, b.start) for a, b in zip(pers, pers[1:])):
        return False
    for f, p in zip(group, pers):
        f.period, f.period_how = p.period, "respectively"
    return True


_PERIOD_AND = re.compile(r"\s*(?:,|,?\s*and|&)\s*(?:in\s+|for\s+)?", re.I)


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


def _item_measure(ctx: ExtractionContext, m: Mentions, f, a: int, b: int) -> Optional[Match]:
    """"Daily active users and monthly active users were 14.2 million and 31.5 million, respectively", "Gross margin
    and operating margin were ...": an item that is wholly a measure's name (no more, no less) whose unit fits
    the figure. When every item is one, each is its figure's measure, not a part of the company."""
    x = next((x for x in m.metrics if x.start == a and b <= x.end <= b + 1), None)
    return x if x is not None and unit_fits_figure(ctx, x.target, f.figure) else None


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


_SOURCE_BEFORE = re.compile(r"\b(?:according\s+to|data\s+from|figures\s+from|estimates\s+from)\s+(?:the\s+)?$", re.I)


def _coordinated(ctx: ExtractionContext, group: list) -> list:
    """The last run of figures joined by commas or "and" ("21.4% and 17.8%", "10%, 12% and 15%"): what
    "respectively" pairs with names; a figure before the run is another clause's."""
    group = sorted(group, key=lambda f: f.figure.q.start)
    run = group[-1:]
    for f in reversed(group[:-1]):
        # other figures may stand between ("6.4 million (9.8%), 4.5 million (6.9%) and 3.1 million (4.7%)")
        gap = _FIGURE_TEXT.sub(" ", ctx.text[f.figure.end:run[0].figure.q.start])
        if not re.fullmatch(r"[\s,()]*(?:and|or)?[\s,()]*", gap):
            break
        run.insert(0, f)
    return run


_FIGURE_TEXT = re.compile(r"(?:US\$|[$€£¥₹]|[A-Z]{3}\s?)?\d[\d,.]*(?:\s*(?:%|per\s?cent|million|billion|bn|m|k|"
                          r"units?|[a-z]+(?=\s*\())){0,3}", re.I)
