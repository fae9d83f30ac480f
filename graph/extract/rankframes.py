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
from datetime import date
from decimal import Decimal
from typing import Optional

from ..records import EntityRef, Period
from .context import ExtractionContext, Mentions
from .discourse import Discourse
from .figures import Figure
from .framefill import WINDOW
from .framemodel import Frame, FrameRules
from .frames import benchmark_names, chunks
from .quantities import Quantity
from .ranks import RankMention
from .rankwords import counted_markets, is_rank
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
                          r"stays|(?:held|holds|hung|hangs|clung|clings)\s+on\s*to|held|holds|sits|sat|moved\s+(?:up\s+)?to|rose\s+to|climbed\s+to|slipped\s+to|"
                          r"fell\s+to|dropped\s+to|jumped\s+to|is\s+now|was\s+now|now|a\s+(?:distant|close|strong|"
                          r"solid)|in|at|the|into|overall)\s+(?:(?:us|it|them|a|an|the|in|at|distant|close|"
                          r"strong|solid|clear|overall|number|no\.)\s+)*$", re.I)
_FROM_PLACE = re.compile(r"\b(?:(?:up|down|rising|climbing|falling|slipping)\s+)?from\s+(?:the\s+)?(?:no\.\s*)?$", re.I)
_LEADER_NOUN = re.compile(r"\b(?:[Mm]arket|[Cc]ategory|[Ss]egment|[Ii]ndustry)\s+leader\b|\b[Tt]he\s+leader\b(?=\s*,)")
# "dropped out of the top five", "just outside the top ten", "missed the top spot": no place
_OUT_OF = re.compile(r"\b(?:out\s+of|outside(?:\s+of)?|missed|left|exited|beyond|below)\s+(?:the\s+)?$", re.I)
_SECOND_ONLY = re.compile(r"\s+only\s+(?:to|behind)\s+", re.I)
_ELLIPTIC_NAME = re.compile(r"(?:[,;]|\band|\bwith)\s+[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3}"
                            r"(?:\s+a\s+(?:distant|close|clear))?\s+$")
# "Acme still leads with 22.0%", "Acme led the market", "Acme, the market leader": first place
_LEADS = re.compile(r"\b(?:leads|led|leading|remained\s+(?:the\s+)?(?:market\s+)?leader|(?:is|was)\s+the\s+(?:market\s+)?"
                    r"leader|kept\s+(?:the\s+|its\s+)?lead|held\s+(?:on\s+to\s+)?(?:the\s+|its\s+)?(?:lead|top\s+spot)|"
                    r"retained\s+(?:the\s+|its\s+)?(?:lead|top\s+spot)|(?:extended|widened|stretched)\s+(?:its|the)\s+lead|topped)\b"
                    r"(?!\s+by\b)", re.I)
_MEASURES = {"shipments": re.compile(r"\b(?:by|in|on|for)\s+(?:(?:unit|smartphone|tablet|pc|tv)\s+)?(?:shipments|"
                                     r"shipment\s+volume|volume|units)\b", re.I),
             "revenue": re.compile(r"\b(?:by|in|on|for)\s+(?:revenue|revenues|sales\s+value|value)\b", re.I),
             "market-share": re.compile(r"\b(?:by|in)\s+(?:market\s+)?share\b|"
                                        # "holds about 22 per cent of it, second only to ...": a place by share
                                        r"\b(?:holds?|held|has|had|took|takes|with)\s+(?:about\s+|around\s+|roughly\s+|"
                                        r"nearly\s+|some\s+|almost\s+)?\d[\d.]*\s*(?:%|per\s?cent)(?:\s+of\s+(?:it|"
                                        r"the\s+market))?\s*,\s*(?:a\s+(?:distant|close)\s+)?(?:second|third|fourth|fifth)\b",
                                        re.I)}


def _is_place(ctx: ExtractionContext, r: RankMention, lo: int) -> bool:
    if r.form in ("leads", "leader-noun"):
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
    if r.rank == 2 and _SECOND_ONLY.match(after):
        return True     # "Brattli holds 22%, second only to Kaiyo Denki"
    if _ELLIPTIC_NAME.search(before) and re.match(r"\s+(?:with|at|on)\s+\d|\s*(?:[.;]|,\s+(?:and|while|but)\b|$)", after):
        return True     # "Boltwave was second with 17.0%, and Tarang Audio third with 9.8%": the verb left out
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


def _benchmark_place(ctx: ExtractionContext, lo: int, hi: int) -> bool:
    """"reached a Lumiscore rating of 97 ..., placing 2nd overall" (an invented benchmark): a place in a published
    benchmark's ranking (``specs.yaml`` benchmarks names) is the product's standing, like its score: stated for no
    period."""
    return benchmark_names(ctx).search(ctx.text, lo, hi) is not None


def _list_year(ctx: ExtractionContext, period: Optional[Slot], lo: int, hi: int) -> Optional[Slot]:
    """"In August, Fortune placed Kestrel 437th in its Global 500": a place on a yearly list (``rankings.yaml``
    ``list_words`` in the clause) is held for the list's year, not for the month the list came out."""
    words = [str(w) for w in ctx.patterns["rankings"].get("list_words") or []]
    if period is None or not isinstance(period.value, Period) or period.value.kind != "month" or not words or \
            period.value.start is None or \
            not re.search(r"\b(?:%s)\b" % "|".join(map(re.escape, words)), ctx.text[lo:hi], re.I):
        return period
    y = period.value.start.year
    return Slot(Period(str(y), "year", date(y, 1, 1), date(y, 12, 31)), period.how, period.start, period.end)


def _closes_top(ctx: ExtractionContext, ents: list, r: RankMention, lo: int) -> bool:
    """"Kelbrook rounded out the top five": one name closing a top N holds place N (rankings.yaml
    ``top_closing_verbs``); "Lenovo and LG rounded out the top five" are among the top five."""
    verbs = [str(v) for v in ctx.patterns["rankings"].get("top_closing_verbs") or []]
    if r.form != "top" or not verbs or not ents:
        return False
    if not re.search(rf"\b(?:{'|'.join(map(re.escape, verbs))})\s+(?:the\s+)?$", ctx.text[max(lo, r.start - 30):r.start],
                     re.I):
        return False
    last = ents[-1]
    if re.search(r"[,;]|\b(?:and|&|or)\b", ctx.text[last.end:r.start]):
        return False
    return not any(re.fullmatch(r"\s*(?:,|,?\s*and|&)\s*", ctx.text[e.end:last.start]) for e in ents[:-1])


def _leader_named(ctx: ExtractionContext, m: Mentions, r: RankMention):
    """The company named right after "leader": "Market leader Brenner", "The leader, Vistaar Electronics,". (A
    leader described after its name -- "Helion, the German market leader" -- is a standing, stated for no period.)"""
    for e in m.entities:
        if e.kind not in ("organisation", "brand"):
            continue
        if r.end <= e.start <= r.end + 3 and re.fullmatch(r"\s*,?\s*", ctx.text[r.end:e.start]):
            return e
    return None


def _elliptic_named(ctx: ExtractionContext, m: Mentions, r: RankMention, lo: int):
    """The name of an elliptic place: "..., and Tarang Audio third with 9.8%", "with Haneul a distant second"."""
    hit = _ELLIPTIC_NAME.search(ctx.text, max(lo, r.start - 60), r.start)
    if hit is None:
        return None
    return next((e for e in m.entities if hit.start() < e.start < r.start and e.kind in ("organisation", "brand") and
                 re.fullmatch(r"(?:\s+a\s+(?:distant|close|clear))?\s+", ctx.text[e.end:r.start])), None)


def _leader_of_second(ctx: ExtractionContext, m: Mentions, r: RankMention, hi: int):
    """The company or product right after "second only to" / "second only behind"."""
    if r.rank != 2:
        return None
    gap = _SECOND_ONLY.match(ctx.text, r.end, hi)
    if gap is None:
        return None
    return next((e for e in m.entities if e.start == gap.end() and e.kind in
                 ("organisation", "product", "series", "brand", "platform")), None)


def rank_frames(ctx: ExtractionContext, s: Sentence, d: Discourse, rules: FrameRules) -> list[Frame]:
    m = ctx.mentions(s)
    leads = [RankMention(x.start(), x.end(), 1, "rank", "leads") for x in _LEADS.finditer(ctx.text, s.start, s.end)]
    leads += [RankMention(x.start(), x.end(), 1, "rank", "leader-noun") for x in _LEADER_NOUN.finditer(ctx.text, s.start, s.end)]
    placed = [r for r in m.ranks if not r.false_start]     # "top 5 -- top 4": the corrected rank only
    if not placed and not leads:
        return []
    out: list[Frame] = []
    for lo, hi in chunks(ctx, m, s, rules):
        ranks = [r for r in placed if lo <= r.start < hi and (_is_place(ctx, r, lo) or is_rank(ctx, m, s, r))
                 and not _NOT_A_PLACE.match(ctx.text[r.end:r.end + 25])
                 and not _OUT_OF.search(ctx.text, max(lo, r.start - 24), r.start) and not counted_markets(ctx, r)]
        ranks += [r for r in leads if lo <= r.start < hi and (_leader_clause(ctx, m, r, lo) if r.form == "leads" else
                                                              _leader_named(ctx, m, r) is not None) and
                  not any(x.start <= r.start < x.end for x in ranks)]
        ranks.sort(key=lambda r: r.start)
        # "placed fourth, fifth and sixth": ordinals listed after a rank are ranks too
        for r in [x for x in placed if lo <= x.start < hi and x not in ranks]:
            if ranks and any(p.end <= r.start and re.fullmatch(r"\s*(?:,|,?\s*and|&)\s*", ctx.text[p.end:r.start])
                             for p in ranks):
                ranks.append(r)
                ranks.sort(key=lambda x: x.start)
        # "climbed to third place from fifth", "..., up from seventh place a year earlier": an earlier place
        for r in [x for x in placed if lo <= x.start < hi and x not in ranks and _FROM_PLACE.search(
                ctx.text, max(lo, x.start - 24), x.start) and not _NOT_A_PLACE.match(ctx.text[x.end:x.end + 25])]:
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
            earlier = out[-1] if out and _FROM_PLACE.search(ctx.text, max(lo, r.start - 24), r.start) and \
                out[-1].figure.end <= r.start and out[-1].subject is not None else None
            fig = Figure(q, "baseline" if earlier is not None else "level", start=r.start, end=r.end)
            if earlier is not None:
                # the place the ranked one held before: its own, a year (or the period the text names) earlier
                subject: Optional[Slot] = Slot(earlier.subject, "carried")
                period = period_slot(ctx, m, fig, wlo, whi, s.start, d, baseline_of=earlier.period, rank=True)
                fr = Frame("ranking", fig, (r.start, r.end), metric=earlier.metric, metric_label=earlier.metric_label,
                           metric_how="rank", subject=earlier.subject, subject_how="carried",
                           period=period.value if period is not None else None,  # type: ignore[arg-type]
                           period_how=period.how if period is not None else "", market=earlier.market,
                           market_how=earlier.market_how, source=earlier.source, value=Decimal(r.rank), unit=None)
                out.append(fr)
                continue
            named = _leader_named(ctx, m, r) if r.form == "leader-noun" else _elliptic_named(ctx, m, r, lo)
            if named is not None:
                subject = Slot(ctx.entity(named), "explicit", named.start, named.end)
            elif resp and len(ents) == len(ranks):
                e = ents[i]
                subject: Optional[Slot] = Slot(ctx.entity(e), "respectively", e.start, e.end)
            else:
                subject = subject_slot(ctx, rules.slots, m, fig, None, wlo, whi, d, None)
                if subject is not None and subject.how in ("issuer-default", "carried", "heading") and \
                        not ctx.doc.speaks_for_issuer:
                    subject = None
            standing = _benchmark_place(ctx, wlo, whi)
            period = _list_year(ctx, period_slot(ctx, m, fig, wlo, whi, s.start, d, rank=True), wlo, whi) \
                if not standing else None
            measure = _measure(ctx, wlo, whi)
            start = min(r.start, subject.start if subject is not None and subject.start >= 0 else r.start)
            end = subject.end if subject is not None and subject.start > r.start else r.end   # "Market leader Brenner"
            fr = Frame("ranking", fig, (start, end), metric=measure, metric_label=measure, metric_how="rank")
            if subject is not None:
                fr.subject, fr.subject_how = subject.value, subject.how  # type: ignore[assignment]
            if period is not None:
                fr.period, fr.period_how = period.value, period.how  # type: ignore[assignment]
            elif standing and fr.subject is not None and fr.subject.kind in ("product", "series"):
                fr.period_how = "benchmark"     # a place in a benchmark's ranking, stated for no period
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
            if r.rank_type == "top" and not _closes_top(ctx, ents, r, lo):
                fr.qualifiers.append(("rank_type", "top"))
            out.append(fr)
            leader = _leader_of_second(ctx, m, r, hi)
            if leader is not None and fr.subject is not None:
                # "second only to Kaiyo Denki": the one named after holds first place, in the same ranking
                lead = Frame("ranking", fig, (r.start, leader.end), metric=measure, metric_label=measure,
                             metric_how="rank", subject=ctx.entity(leader), subject_how="explicit",
                             period=fr.period, period_how=fr.period_how, market=fr.market, market_how=fr.market_how,
                             source=fr.source, value=Decimal(1), unit=None)
                out.append(lead)
    return out
