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
from .marketslot import market_subject_ref
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
        if _assign_markets(ctx, m, s, group, first):
            continue
        if len(ents) == len(group):
            for f, e in zip(group, ents):
                f.subject, f.subject_how = ctx.entity(e), "respectively"
            continue
        items = _items(ctx, m, s.start, min(f.figure.q.start for f in frames), verbs, len(group))
        if items is None or len(items) != len(group):
            _unaligned(ctx, group)
            continue
        measures = [_item_measure(ctx, m, f, a, b) for f, (a, b) in zip(group, items)]
        if all(measures):
            for f, x in zip(group, measures):
                entry = ctx.gazetteer.metrics.get(x.target)
                f.metric, f.metric_label = x.target, entry.label if entry is not None else x.surface
                f.metric_how, f.metric_minted = "respectively", False
            continue
        head = _head_measure(ctx, m, s.start, items[0][0])
        for f, (a, b) in zip(group, items):
            _assign_item(ctx, m, f, a, b)
            if f.metric is None and head is not None and unit_fits_figure(ctx, head.target, f.figure):
                # "Revenue from A, B and C was X, Y and Z respectively": the measure the list opens with
                f.metric, f.metric_how, f.metric_minted = head.target, "respectively", False
                entry = ctx.gazetteer.metrics.get(head.target)
                f.metric_label = entry.label if entry is not None else head.surface
            _general_measure(ctx, m, f, items[0][0], items[-1][1])
            if f.subject_how == "respectively":
                f.span = (min(f.span[0], a), max(f.span[1], f.figure.end))   # the quote names the item


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


def _assign_markets(ctx: ExtractionContext, m: Mentions, s: Sentence, group: list, first: int) -> bool:
    """"Belgium and Austria, at 0.41 million and 0.23 million respectively" of market totals: the n-th figure is
    the total of the n-th coordinated place's market (for the product category the clause gave them all)."""
    if not all(f.subject is not None and f.subject.kind == "market" and f.market is not None for f in group):
        return False
    places = [e for e in m.entities if s.start <= e.start < first and e.kind == "market"][-len(group):]
    if len(places) != len(group) or not all(re.fullmatch(r"\s*(?:,|,?\s*and|&)\s*", ctx.text[a.end:b.start])
                                             for a, b in zip(places, places[1:])):
        return False
    for f, e in zip(group, places):
        label = f.subject.label
        cat = label[len(f.market.label):].strip() if label.casefold().startswith(f.market.label.casefold()) else ""
        cat = re.sub(r"\s*market$", "", cat, flags=re.I)
        f.market, f.market_how = ctx.entity(e), "respectively"
        f.subject, f.subject_how = market_subject_ref(ctx, f.market, cat or None), "respectively"
    return True


def _head_measure(ctx: ExtractionContext, m: Mentions, lo: int, first_item: int) -> Optional[Match]:
    """A measure named right before the list's first item, with at most a preposition between ("Revenue from")."""
    x = next((x for x in reversed(m.metrics) if lo <= x.start and x.end <= first_item), None)
    if x is None or not re.fullmatch(r"\s*(?:from|of|for|in|at|by)?\s*(?:the\s+|its\s+|our\s+)?",
                                     ctx.text[x.end:first_item], re.I):
        return None
    return x


def _unaligned(ctx: ExtractionContext, group: list) -> None:
    """"A, B and C contributed 58%, 24% and 18%, respectively" with items that could not be told apart: each figure
    is one item's, and no reading says whose; a subject the clause reader gave them all is wrong for all but one
    (unresolved). Only the run "respectively" closes, and only a subject named in the sentence."""
    last = group[-1].figure
    if not re.match(r"[\s,]*(?:(?:of|in)\s+[\w\s-]{0,30}?)?,?\s*respectively\b", ctx.text[last.end:last.end + 60], re.I):
        return
    if len({(f.metric, f.accounting, f.market.key if f.market else None, f.period.label if f.period else None)
            for f in group}) == len(group):
        return      # "GAAP and non-GAAP gross margins ... 61.5% and 63.0%, respectively": told apart already
    if len({f.subject.key for f in group if f.subject is not None}) == 1 and all(f.subject is not None for f in group):
        for f in group:
            f.subject, f.subject_how = None, "respectively-unaligned"


def _items(ctx: ExtractionContext, m: Mentions, start: int, first: int, verbs: frozenset[str],
           n: int) -> Optional[list[tuple[int, int]]]:
    """The coordinated phrase ending before the clause's verb: its items' spans (a fronted period before them,
    "In 3Q23, A, B and C contributed ...", is none of them)."""
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
    while len(spans) > n and any(p.start < spans[0][1] and spans[0][0] < p.end for p in m.periods):
        spans = spans[1:]
    if len(spans) == n + 1:
        spans = _joined_name(ctx, spans)
    return spans if len(spans) >= 2 else None


def _joined_name(ctx: ExtractionContext, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """"smartphones, AIoT and lifestyle products and internet services" over three figures: one item's name has
    "and" in it. Two neighbouring items joined by "and" are one when the document heads a section with the joined
    name (a line of its own) -- and only when exactly one such pair does."""
    joins = []
    for i, ((a, _), (c, d)) in enumerate(zip(spans, spans[1:])):
        name = ctx.text[a:d]
        if re.fullmatch(r"[^,]*\s+and\s+[^,]*", name) and \
                re.search(rf"(?im)^[ \t]*{re.escape(name)}[ \t]*$", ctx.text[ctx.doc.start:ctx.doc.end]):
            joins.append(i)
    if len(joins) != 1:
        return spans
    i = joins[0]
    return spans[:i] + [(spans[i][0], spans[i + 1][1])] + spans[i + 2:]


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
