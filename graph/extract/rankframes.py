"""Rankings as frames: who holds which place, in which market, by which measure, when, by whose count.

A rank is a ``#3``, ``No. 2``, ``top five``, or an ordinal used as a place: followed by a place noun ("first
place", "the second spot"), or standing alone after a copula or a ranking verb ("was a distant second", "placed
fourth", "came in third") — not an ordinal of a period, a time or a thing ("the first quarter", "for the first
time", "its second product"). The ranked entity is the subject named before it in its chunk (or the pronoun's
antecedent); "A and B placed fourth and fifth respectively" pairs them in order. The measure is the one the
clause names ("by shipments", "in revenue"), else the one the document tracks; the market the clause's, else
the document's.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Optional

from ..records import EntityRef
from .context import ExtractionContext, Mentions
from .discourse import Discourse
from .figures import Figure
from .framefill import WINDOW
from .framemodel import Frame, FrameRules
from .frames import chunks
from .quantities import Quantity
from .ranks import RankMention
from .rankwords import is_rank
from .marketslot import market_slot, note_period, origin_market, source_slot
from .periodslot import period_slot
from .slotrules import Slot
from .subjectslot import subject_slot
from .text import Sentence

_NOT_A_PLACE = re.compile(r"[\s-]*(?:quarters?|half|halves|time|times|year|years|month|months|week|weeks|day|days|"
                          r"anniversary|generation|phase|edition|batch|round|wave|products?|models?|devices?|phones?|"
                          r"party|parties|line|tier|step|stage|look|hand|person|consecutive|straight|successive|"
                          r"annual|fiscal|calendar|full|nine|three|six|series|version|launch|store|factory)\b", re.I)
_PLACE_AFTER = re.compile(r"[\s-]*(?:place|position|spot|rank|ranking|slot|largest|biggest|-largest|-biggest)\b", re.I)
_RANK_BEFORE = re.compile(r"\b(?:was|were|is|are|be|been|being|ranked|ranks|rank|placed|places|came(?:\s+in)?|"
                          r"comes(?:\s+in)?|finished|finishes|kept|keeps|took|takes|retained|remained|remains|stayed|"
                          r"stays|held|holds|sits|sat|moved\s+(?:up\s+)?to|rose\s+to|climbed\s+to|slipped\s+to|"
                          r"fell\s+to|dropped\s+to|jumped\s+to|is\s+now|was\s+now|now|a\s+(?:distant|close|strong|"
                          r"solid)|in|at|the|into|overall)\s+(?:(?:us|it|them|a|an|the|in|at|distant|close|"
                          r"strong|solid|clear|overall|number|no\.)\s+)*$", re.I)
# "Acme still leads with 22.0%", "Acme led the market", "Acme, the market leader": first place
_LEADS = re.compile(r"\b(?:leads|led|leading|remained\s+(?:the\s+)?(?:market\s+)?leader|(?:is|was)\s+the\s+(?:market\s+)?"
                    r"leader|kept\s+(?:the\s+|its\s+)?lead|held\s+(?:on\s+to\s+)?(?:the\s+|its\s+)?(?:lead|top\s+spot)|"
                    r"retained\s+(?:the\s+|its\s+)?(?:lead|top\s+spot)|topped)\b(?!\s+by\b)", re.I)
_MEASURES = {"shipments": re.compile(r"\b(?:by|in|on|for)\s+(?:(?:unit|smartphone|tablet|pc|tv)\s+)?(?:shipments|"
                                     r"shipment\s+volume|volume|units)\b", re.I),
             "revenue": re.compile(r"\b(?:by|in|on|for)\s+(?:revenue|revenues|sales\s+value|value)\b", re.I),
             "market-share": re.compile(r"\b(?:by|in)\s+(?:market\s+)?share\b", re.I)}


def _is_place(ctx: ExtractionContext, r: RankMention, lo: int) -> bool:
    if r.form == "leads":
        return True
    if r.form in ("hash", "number"):
        return False    # is_rank decides: "#1 position" is a rank, "number one, we ..." and "question #1" enumerate
    if r.form in ("top", "topof"):
        return not re.match(r"\s*(?:quarter|half)", ctx.text[r.end:r.end + 10], re.I)
    if r.form == "superlative":
        return False
    after = ctx.text[r.end:r.end + 40]
    co = re.match(r"\s*(?:,|and|or|to|&)\s+(?:the\s+)?[\w-]+", after)     # "the first and second half"
    if _NOT_A_PLACE.match(after) or (co is not None and _NOT_A_PLACE.match(after, co.end())) or \
            re.search(r"\bfor\s+the\s*$", ctx.text[max(lo, r.start - 10):r.start], re.I):
        return False
    after = after[:25]
    if _PLACE_AFTER.match(after) or r.superlative:
        return True
    before = ctx.text[max(lo, r.start - 40):r.start]
    words = ctx.patterns["frames"].get("rank_after_words") or []
    return bool(_RANK_BEFORE.search(before)) and bool(re.match(
        r"\s*(?:[,.;:)]|$|with\b|on\b|in\b|by\b|and\b|at\b" + "".join(f"|{re.escape(str(w))}\\b" for w in words) + ")",
        after, re.I))


def _leader_clause(ctx: ExtractionContext, m: Mentions, r: RankMention, lo: int) -> bool:
    """"leads" ranks first only when a company or product is named right before it, in a market clause."""
    named = [e for e in m.entities if lo <= e.end <= r.start and e.kind in ("organisation", "product", "brand")
             and re.fullmatch(r"[\s,]*(?:(?:still|again|now|clearly|comfortably|firmly|also|,\s*the\s+\w+,?)\s*)*",
                              ctx.text[e.end:r.start])]
    return bool(named) and (not ctx.doc.speaks_for_issuer or re.search(r"\b(?:share|market|shipments|vendors?)\b",
                                                                     ctx.text[lo:r.end + 60], re.I) is not None)


def _measure(ctx: ExtractionContext, lo: int, hi: int) -> Optional[str]:
    clause = ctx.text[lo:hi]
    for key, rx in _MEASURES.items():
        if rx.search(clause):
            return key
    cached = ctx.__dict__.get("_rank_measure", False)
    if cached is not False:
        return cached  # type: ignore[return-value]
    found = None
    if not ctx.doc.speaks_for_issuer:
        counts: dict[str, int] = {}
        for h in ctx.engine.matcher.find(ctx.text, ctx.doc.start, ctx.doc.end):
            if h.kind == "metric" and h.target in ("shipments", "revenue"):
                counts[h.target] = counts.get(h.target, 0) + 1
        found = max(counts, key=counts.get) if counts else None  # type: ignore[arg-type]
    ctx.__dict__["_rank_measure"] = found
    return found


def _coordinated(text: str, items: list) -> bool:
    """Items written as one list: "A, B and C", "A and B", "fourth, fifth and sixth"."""
    return all(re.fullmatch(r"\s*(?:,|,?\s*and|&)\s*", text[a.end:b.start]) for a, b in zip(items, items[1:]))


def rank_frames(ctx: ExtractionContext, s: Sentence, d: Discourse, rules: FrameRules) -> list[Frame]:
    m = ctx.mentions(s)
    leads = [RankMention(x.start(), x.end(), 1, "rank", "leads") for x in _LEADS.finditer(ctx.text, s.start, s.end)]
    if not m.ranks and not leads:
        return []
    out: list[Frame] = []
    for lo, hi in chunks(ctx, m, s, rules):
        ranks = [r for r in m.ranks if lo <= r.start < hi and (_is_place(ctx, r, lo) or is_rank(ctx, m, s, r))
                 and not _NOT_A_PLACE.match(ctx.text[r.end:r.end + 25])]
        ranks += [r for r in leads if lo <= r.start < hi and _leader_clause(ctx, m, r, lo) and
                  not any(x.start <= r.start < x.end for x in ranks)]
        ranks.sort(key=lambda r: r.start)
        # "placed fourth, fifth and sixth": ordinals listed after a rank are ranks too
        for r in [x for x in m.ranks if lo <= x.start < hi and x not in ranks]:
            if ranks and any(p.end <= r.start and re.fullmatch(r"\s*(?:,|,?\s*and|&)\s*", ctx.text[p.end:r.start])
                             for p in ranks):
                ranks.append(r)
                ranks.sort(key=lambda x: x.start)
        if not ranks:
            continue
        ents = [e for e in m.entities if lo <= e.start < ranks[0].start and e.kind in
                ("organisation", "segment", "product", "series", "brand", "platform")]
        # "Norvik, Pavo and Taiyo placed fourth, fifth and sixth": a list of names and a list of ranks of the same
        # length pair up in order, with or without "respectively"
        resp = len(ranks) >= 2 and (bool(m.cues_of("respectively")) or (
            _coordinated(ctx.text, ranks) and len(ents) >= len(ranks) and
            _coordinated(ctx.text, ents[-len(ranks):]) and
            re.fullmatch(r"\s+[a-z]+\s+", ctx.text[ents[-1].end:ranks[0].start]) is not None))
        if resp and len(ents) > len(ranks) and not m.cues_of("respectively"):
            ents = ents[-len(ranks):]
        for i, r in enumerate(ranks):
            # the slots look at most WINDOW characters around the rank (linear work on a long run of ranks)
            wlo, whi = max(lo, r.start - WINDOW), min(hi, r.end + WINDOW)
            q = Quantity(r.start, r.end, r.rank, r.rank, "number", None, 1, number_end=r.end)
            fig = Figure(q, "level", start=r.start, end=r.end)
            if resp and len(ents) == len(ranks):
                e = ents[i]
                subject: Optional[Slot] = Slot(ctx.entity(e), "respectively", e.start, e.end)
            else:
                subject = subject_slot(ctx, rules.slots, m, fig, None, wlo, whi, d, None)
                if subject is not None and subject.how in ("issuer-default", "carried", "heading") and \
                        not ctx.doc.speaks_for_issuer:
                    subject = None
            period = period_slot(ctx, m, fig, wlo, whi, s.start, d, rank=True)
            measure = _measure(ctx, wlo, whi)
            start = min(r.start, subject.start if subject is not None and subject.start >= 0 else r.start)
            fr = Frame("ranking", fig, (start, r.end), metric=measure, metric_label=measure, metric_how="rank")
            if subject is not None:
                fr.subject, fr.subject_how = subject.value, subject.how  # type: ignore[assignment]
            if period is not None:
                fr.period, fr.period_how = period.value, period.how  # type: ignore[assignment]
            nxt = ranks[i + 1].start if i + 1 < len(ranks) else hi
            own_market = [e for e in m.entities if e.kind == "market" and r.end <= e.start < min(nxt, r.end + 45)
                          and not origin_market(ctx, m.entities, e)
                          and re.fullmatch(r"\s+(?:(?:in|on|across|among|of)\s+)?(?:the\s+)?(?:overall\s+)?",
                                           ctx.text[r.end:e.start], re.I)]
            mk = Slot(ctx.entity(own_market[0]), "explicit", own_market[0].start, own_market[0].end) if own_market \
                else market_slot(ctx, m, wlo, whi, subject, d, r.start, sentence_start=s.start)
            fr.market_at = mk.start if mk is not None else -1
            if own_market:
                fr.market, fr.market_how = mk.value, "explicit"  # type: ignore[assignment]
            else:
                fr.market = mk.value if mk is not None else None  # type: ignore[assignment]
                fr.market_how = mk.how if mk is not None else ""
            note_period(fr, d, ctx)
            fr.source = source_slot(ctx, m, s.start, s.end)
            fr.value, fr.unit = Decimal(r.rank), None
            if r.rank_type == "top":
                fr.qualifiers.append(("rank_type", "top"))
            out.append(fr)
    return out
