"""Shared reading of one statement: which metric, subject, period, market, source, hedge and status a figure has.

The rules are positional and general: the metric noun phrase is the nearest one to the figure's left (or the
unit noun itself, "78.4 million monthly active users"); the subject is the entity nearest the metric phrase
("Smartphone revenue", "Revenue from advertising", "Acme's shipments") else the issuer; the period is the
period phrase next to the figure, else one in the clause, else the document's; a figure introduced by a
baseline opener ("from", "compared with") is the earlier value of a comparison.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional

from ..records import EntityRef, Period
from .context import ExtractionContext, Mentions
from .cues import Cue
from .matcher import Match
from .periods import PeriodMention, shift, year
from .quantities import Quantity
from .text import Sentence

SUBJECT_KINDS = ("segment", "platform", "organisation", "product", "series", "brand", "fund")
SOURCE_TYPES = ("ResearchFirm", "RankingBody")

_GAP_WORDS = re.compile(r"^[\s,()]*(?:(?:of|at|by|to|was|were|is|reached|reaching|totalled|totaled|stood|"
                        r"came|in|a|an|the|record|approximately|about|roughly|around|nearly|over|more|than|"
                        r"some|almost|close|least|up|further)\b[\s,]*)*$", re.IGNORECASE)


@dataclass(frozen=True)
class Reading:
    """What a figure is about."""

    metric: Optional[Match]
    subject: EntityRef
    subject_span: Optional[tuple[int, int]]
    period: Optional[Period]
    market: Optional[EntityRef]
    source: Optional[EntityRef]
    hedge: Optional[str]
    status: Optional[str]
    baseline: bool


def unit_fits(metric_unit: Optional[str], q: Quantity) -> bool:
    """Whether a figure can be a value of a metric whose expected unit is ``metric_unit``."""
    if metric_unit is None:
        return True
    if metric_unit == "currency":
        return q.kind == "money"
    if metric_unit == "percent":
        return q.kind == "percent"
    if q.kind == "count":
        return True
    if q.kind == "number":
        return q.scale > 1 or q.number >= 10
    return False


def between(ctx: ExtractionContext, a: int, b: int) -> str:
    return ctx.text[a:b] if a <= b else ""


def hedge_for(ctx: ExtractionContext, m: Mentions, q: Quantity) -> Optional[str]:
    """A hedge cue right before the figure ("about 289 million", "more than RMB40 billion")."""
    best = None
    blockers = {w.lower() for w in ctx.patterns["cues"].get("hedge_blockers_before") or []}
    for c in m.cues_of("hedge"):
        if c.end <= q.start and re.fullmatch(r"[\s,]*(?:of\s+|at\s+|to\s+)?", between(ctx, c.end, q.start)):
            before = re.findall(r"[A-Za-z]+", ctx.text[max(0, c.start - 20):c.start])
            if c.surface.lower().startswith("up") and before and before[-1].lower() in blockers:
                continue
            best = c.value
    # "sold more than 8 million": the hedge may sit just before the currency-less number
    return best


def status_for(ctx: ExtractionContext, m: Mentions, q: Quantity, clause_start: int) -> Optional[str]:
    for c in m.cues_of("status"):
        if clause_start <= c.start < q.start:
            return str(c.value)
    return None


def source_for(ctx: ExtractionContext, m: Mentions) -> Optional[EntityRef]:
    for e in m.entities:
        entry = ctx.entry(e)
        if entry is not None and any(t in SOURCE_TYPES for t in entry.types):
            return entry.ref()
    return None


def is_baseline(ctx: ExtractionContext, m: Mentions, q: Quantity) -> bool:
    for c in m.cues_of("baseline"):
        if re.search(r"\b(?:more|less|fewer|higher|lower|rather|greater|other|better|worse)\s*$",
                     ctx.text[max(0, c.start - 12):c.start], re.IGNORECASE):
            continue
        if c.end <= q.start and re.fullmatch(r"[\s,]*(?:the\s+|an?\s+)?(?:(?:roughly|about|approximately|around|"
                                             r"nearly|some)\s+)?", between(ctx, c.end, q.start)):
            return True
    return False


def period_for(ctx: ExtractionContext, m: Mentions, q: Quantity, lo: int, hi: int, *,
               baseline: bool = False, basis: Optional[str] = None,
               clause: Optional[tuple[int, int]] = None, stock: bool = False,
               against: Optional[Period] = None) -> Optional[Period]:
    """The period of a figure in sentence [lo, hi): next to it, else earlier in its clause, else a period that
    opens the sentence ("In the first half, ..."), else the document's period."""
    c0, c1 = clause or (lo, hi)
    periods = [p for p in m.periods if (c0 <= p.start and p.end <= c1) or
               (lo <= p.start and p.end <= hi and _opens_sentence(ctx, lo, p))]
    sub_end = subordinate_end(ctx, lo, hi)
    if sub_end is not None and q.start > sub_end:
        periods = [p for p in periods if not (lo <= p.start < sub_end)]
    comparison = {id(p) for p in periods if _is_comparison_period(ctx, m, p)}
    # a period right after another figure belongs to that figure
    owned = {id(p) for p in periods for x in m.quantities
             if x is not q and 0 <= p.start - x.end <= 25 and not _quantity_between(m, x.end, p.start)
             and not re.match(r"\s*:", ctx.text[p.end:p.end + 3])}
    after = [p for p in periods if p.start >= q.end and id(p) not in comparison
             and not _quantity_between(m, q.end, p.start)
             and not re.match(r"\s*:", ctx.text[p.end:p.end + 3])]  # "(2019: RMB 8 billion)" labels what follows
    # a period right after the figure ("... 28.3 million phones it shipped in April-June")
    limit = 100 if after and after[0].period.kind == "range" else 60
    if after and after[0].start - q.end <= limit and not _COMPARE_GAP.search(ctx.text[q.end:after[0].start]):
        return _frame(ctx, after[0], q) 
    if baseline:
        rel = [c for c in m.cues_of("relative") if c.start >= q.end and c.start - q.end <= 25]
        bm = _statement_period_mention(ctx, periods, comparison | owned, q)
        base = against or (_frame(ctx, bm, q) if bm else None) or frame_period(ctx, lo) or ctx.period
        if rel and base is not None:
            return shift(base, int(rel[0].value.get("years", 0)), int(rel[0].value.get("quarters", 0)))
        if base is not None:
            return shift(base, quarters=-1) if basis == "QoQ" else shift(base, years=-1)
        return None
    found = _statement_period_mention(ctx, periods, comparison | owned, q)
    if found is not None:
        return _frame(ctx, found, q)
    return example_period(ctx, lo) or whole_year(ctx, lo, q.start) or frame_period(ctx, lo, months=stock) or ctx.period


def whole_year(ctx: ExtractionContext, lo: int, pos: int) -> Optional[Period]:
    """"For the full year, we now expect revenue growth of about 7%": the year of the document's period
    (cues.yaml ``whole_year_phrases``)."""
    phrases = ctx.patterns["cues"].get("whole_year_phrases") or []
    if ctx.period is None or ctx.period.start is None or ctx.period.kind == "year" or \
            not any(re.search(rf"\b{re.escape(str(w))}\b", ctx.text[lo:pos], re.IGNORECASE) for w in phrases):
        return None
    return year(ctx.period.start.year)


def example_period(ctx: ExtractionContext, lo: int) -> Optional[Period]:
    """"For example, it is the first in Peru", "On that day, ...": a sentence that gives an example of the one
    before, or refers back to its time, keeps the one period that sentence names (cues.yaml
    ``elaboration_openers``, ``period_anaphora``)."""
    cues = ctx.patterns["cues"]
    head = ctx.text[lo:lo + 40].lower()
    if not any(re.match(rf"\W*{re.escape(str(w).lower())}\s*,", head) for w in cues.get("elaboration_openers") or []) \
            and not any(re.match(rf"\W*{re.escape(str(w).lower())}\b", head) for w in cues.get("period_anaphora") or []):
        return None
    prev = [s for s in ctx.sentences if s.end <= lo]
    if not prev or "\n\n" in ctx.text[prev[-1].end:lo]:
        return None
    found = {p.period.label: p.period for p in ctx.mentions(prev[-1]).periods
             if p.how == "explicit" and p.period.kind != "range"}
    return next(iter(found.values())) if len(found) == 1 else None


_COMPARE_GAP = re.compile(r"\b(?:exceed\w*|than|compared|versus|vs\.?|from|against|over|surpass\w*)\b", re.I)


def _frame(ctx: ExtractionContext, p: PeriodMention, q: Quantity) -> Optional[Period]:
    """"the period"/"the quarter" mean the period set by the paragraph, else the document's."""
    if p.how == "current":
        return frame_period(ctx, p.start) or p.period
    return p.period


def frame_period(ctx: ExtractionContext, pos: int, months: bool = False) -> Optional[Period]:
    """The period a fronted phrase ("In the first half of 2020, ...", "In July, ...") set for its paragraph.

    Looks back over the sentences before ``pos`` up to a blank line (a paragraph or speaker-turn break)."""
    prev = [s for s in ctx.sentences if s.end <= pos]
    for back, s in enumerate(reversed(prev[-4:])):
        if "\n\n" in ctx.text[s.end:pos] or "\n\n" in ctx.text[s.start:s.end]:
            return None
        m = ctx.mentions(s)
        opening = [p for p in m.periods if p.how == "explicit" and p.period.kind != "range"
                   and _opens_sentence(ctx, s.start, p)]
        if opening:
            # a month or a day frames only the next sentence; a quarter, half or year frames the paragraph
            # (and only for stock figures such as MAU: a flow such as revenue keeps the quarter)
            if opening[0].period.kind in ("month", "day", "instant") and (back > 0 or not months):
                return None
            return opening[0].period
    return None


def framed_market(ctx: ExtractionContext, pos: int) -> Optional[EntityRef]:
    """"One market to highlight is Europe. We ranked top 3 ...": the one market the sentence before names."""
    prev = [s for s in ctx.sentences if s.end <= pos]
    if not prev or "\n\n" in ctx.text[prev[-1].end:pos]:
        return None
    m = ctx.mentions(prev[-1])
    markets = [e for e in m.entities if e.kind == "market"]
    if len({e.target for e in markets}) == 1 and not m.quantities:
        return ctx.entity(markets[0])
    # a sentence that opens with its market ("In India, ...", "Lastly, India, ...") frames the next one
    if markets and re.fullmatch(r"[\w\s,]{0,40}?(?:\b(?:in|for|across)\s+)?(?:the\s+)?",
                                ctx.text[prev[-1].start:markets[0].start], re.IGNORECASE) \
            and markets[0].start - prev[-1].start <= 45:
        return ctx.entity(markets[0])
    return None


def subordinate_end(ctx: ExtractionContext, lo: int, hi: int) -> Optional[int]:
    """End of a leading subordinate clause ("As ..., "), if the sentence opens with one."""
    words = ctx.patterns["text"].get("subordinators") or []
    exceptions = ctx.patterns["text"].get("subordinator_exceptions") or []
    head = ctx.text[lo:hi]
    if not any(re.match(rf"{re.escape(w)}\b", head) for w in words) or \
            any(re.match(rf"{re.escape(w)}\b", head) for w in exceptions):
        return None
    comma = head.find(",")
    return lo + comma if comma > 0 else None


def _opens_sentence(ctx: ExtractionContext, lo: int, p: PeriodMention) -> bool:
    return re.fullmatch(r"\W*(?:(?:in|for|during|over|through|throughout|as\s+of|at|by)\s+)?(?:the\s+)?",
                        ctx.text[lo:p.start], re.IGNORECASE) is not None


def _quantity_between(m: Mentions, a: int, b: int) -> bool:
    return any(a <= x.start < b for x in m.quantities)


def _statement_period_mention(ctx: ExtractionContext, periods: list[PeriodMention], comparison: set[int],
                              q: Quantity) -> Optional[PeriodMention]:
    before = [p for p in periods if p.end <= q.start and id(p) not in comparison]
    return before[-1] if before else None


def _is_comparison_period(ctx: ExtractionContext, m: Mentions, p: PeriodMention) -> bool:
    """A period introduced by "from"/"compared with"/"than" is the other side of a comparison."""
    if p.period.kind == "range":
        return False  # "from 2021 to 2025" is a span, not a comparison
    for c in m.cues_of("baseline"):
        if c.end <= p.start and re.fullmatch(r"\s*(?:the\s+|in\s+|in\s+the\s+)?", between(ctx, c.end, p.start)):
            return True
    # "from RMB1,006.5 in the third quarter of 2019": the period of a baseline figure
    for x in m.quantities:
        if 0 <= p.start - x.end <= 12 and re.fullmatch(r"[\s\w]*?(?:in|for|of|during)?\s*(?:the\s+)?",
                                                       between(ctx, x.end, p.start)) and is_baseline(ctx, m, x):
            return True
    return False


def comparison_basis(ctx: ExtractionContext, m: Mentions, lo: int, hi: int,
                     current: Optional[Period]) -> Optional[str]:
    """"Compared with the October-December quarter" / "from the second quarter": QoQ or YoY by the gap."""
    for p in m.periods:
        if lo <= p.start < hi and _is_comparison_period(ctx, m, p) and current is not None \
                and p.period.start and current.start:
            if p.period.kind == current.kind == "quarter":
                if shift(current, quarters=-1).label == p.period.label:
                    return "QoQ"
                if shift(current, years=-1).label == p.period.label:
                    return "YoY"
            if p.period.kind == current.kind and shift(current, years=-1).label == p.period.label:
                return "YoY"
    return None


def market_for(ctx: ExtractionContext, m: Mentions, q_start: int, lo: int, hi: int) -> Optional[EntityRef]:
    """A market named in [lo, hi): the nearest before the figure, else the first after it, else a phrase that
    refers back to one ("on the continent" -> the last region named before)."""
    markets = [e for e in m.entities if e.kind == "market" and lo <= e.start < hi]
    app = appositives(ctx, lo, hi)
    markets = [e for e in markets if not any(a <= e.start < b for a, b in app)] or markets
    markets = [e for e in markets if not excluded(ctx, e.start)]
    after = [e for e in markets if e.start >= q_start]
    before = [e for e in markets if e.end <= q_start]
    if before:
        return ctx.entity(before[-1])
    if after:
        return ctx.entity(after[0])
    return anaphoric_market(ctx, lo, hi)


def excluded(ctx: ExtractionContext, pos: int) -> bool:
    """A name right after "excluding" / "other than" (cues.yaml ``market_exclusions``) is left out, not meant."""
    words = ctx.patterns["cues"].get("market_exclusions") or []
    before = ctx.text[max(0, pos - 30):pos].lower()
    return any(re.search(rf"\b{re.escape(str(w).lower())}\s+(?:the\s+)?$", before) for w in words)


def respective_markets(ctx: ExtractionContext, m: Mentions, lo: int, hi: int, n: int) -> list[EntityRef]:
    """With "respectively", the ``n`` markets the sentence lists, in order (else nothing)."""
    if n < 2 or not m.cues_of("respectively"):
        return []
    app = appositives(ctx, lo, hi)
    markets = [e for e in m.entities if e.kind == "market" and lo <= e.start < hi
               and not any(a <= e.start < b for a, b in app)]
    return [ctx.entity(e) for e in markets] if len(markets) == n else []


def anaphoric_market(ctx: ExtractionContext, lo: int, hi: int) -> Optional[EntityRef]:
    ana = ctx.patterns["rankings"].get("market_anaphora") or {}
    low = ctx.text[lo:hi].lower()
    for phrase, typ in ana.items():
        if re.search(rf"\b{re.escape(phrase)}\b", low):
            for s in reversed([s for s in ctx.sentences if s.end <= lo]):
                for e in reversed(ctx.mentions(s).entities):
                    entry = ctx.entry(e)
                    if e.kind == "market" and entry is not None and (typ == "any" or typ in entry.types):
                        return entry.ref()
    return None


def metric_for(ctx: ExtractionContext, m: Mentions, q: Quantity, lo: int, *, any_unit: bool = False) -> Optional[Match]:
    """The metric of a figure: a metric phrase overlapping its unit noun, else the nearest fitting one to its left."""
    for mm in m.metrics:
        if q.number_end <= mm.start < q.end:
            return mm
    # a metric right after the number: "78.4 million monthly active users", "368 million MAU"
    for mm in m.metrics:
        if 0 <= mm.start - q.end <= 1 and q.kind in ("number", "count"):
            return mm
    best = None
    for mm in m.metrics:
        if lo <= mm.start and mm.end <= q.start:
            entry = ctx.gazetteer.metrics.get(mm.target)
            if any_unit or unit_fits(entry.unit if entry else None, q):
                best = mm
    if best is None:
        # "exceeded RMB200 billion in revenue", "over 5.55 million in sales volume"
        for mm in m.metrics:
            entry = ctx.gazetteer.metrics.get(mm.target)
            if re.fullmatch(r"\s+(?:in|of)\s+", ctx.text[q.end:mm.start]) and \
                    (any_unit or unit_fits(entry.unit if entry else None, q)):
                return mm
    return best


def subject_for(ctx: ExtractionContext, m: Mentions, anchor_start: int, anchor_end: int, lo: int,
                hi: int) -> tuple[EntityRef, Optional[tuple[int, int]]]:
    """The entity a statement is about: nearest to the metric phrase (left, or "from/of X" right after it)."""
    issuer = ctx.issuer
    cands: list[tuple[int, Match]] = []
    for e in m.entities:
        if e.kind not in SUBJECT_KINDS or not (lo <= e.start < hi):
            continue
        entry = ctx.entry(e)
        if entry is not None and any(t in SOURCE_TYPES for t in entry.types):
            continue
        if e.end <= anchor_start:
            gap = ctx.text[e.end:anchor_start]
            if len(gap) > 80 or re.search(r"[;:]|\b(?:and|while|but)\b(?!\s+(?:has|have|had|is|was|will|comes|offers)\b)",
                                          gap) and len(gap) > 25:
                continue  # another clause in between, unless "and" only adds a verb ("X is priced ... and has ...")
            cands.append((anchor_start - e.end, e))
        elif e.start >= anchor_end:
            gap = ctx.text[anchor_end:e.start]
            if re.fullmatch(r"\s*(?:from|of|for|at|in|on|to)\s+(?:the\s+|our\s+|its\s+)?", gap):
                cands.append((e.start - anchor_end, e))
    if cands:
        cands.sort(key=lambda c: c[0])
        # an entity inside an appositive (", which houses the handset business,") is a last resort
        app = appositives(ctx, lo, hi)
        outside = [c for c in cands if not any(a <= c[1].start < b for a, b in app)]
        cands = outside or cands
        # a platform, product or segment named in the clause wins over a mention of the issuer in between
        # ("MIUI, the software that runs on Acme phones, had ...")
        specific = [c for c in cands if c[1].kind in ("platform", "product", "series", "segment", "fund")
                    and re.fullmatch(r"\W*(?:\w+\W+){0,2}?", ctx.text[lo:c[1].start])]
        if specific and ctx.issuer is not None and cands[0][1].target == ctx.issuer.key:
            cands = specific
        e = cands[0][1]
        return ctx.entity(e), (e.start, e.end)
    named = anaphoric_product(ctx, lo, hi) or anaphoric_facility(ctx, lo, anchor_start)
    if named is not None:
        return named, None
    typed = metric_subject(ctx, m, anchor_start, anchor_end)
    if typed is not None:
        return typed, None
    back = anaphoric_segment(ctx, m, lo, anchor_end)
    if back is not None:
        return back, None
    if issuer is None:
        return EntityRef("unknown", "organisation", "unknown"), None
    return issuer, None


def metric_subject(ctx: ExtractionContext, m: Mentions, a: int, b: int) -> Optional[EntityRef]:
    """The issuer's own platform for metrics that belong to one (mappings/patterns/subjects.yaml)."""
    if ctx.issuer is None:
        return None
    table = ctx.patterns["subjects"].get("metric_subject_types") or {}
    mm = next((x for x in m.metrics if x.start <= a < x.end or (a <= x.start < b)), None)
    if mm is None:
        mm = next((x for x in m.metrics if x.end <= a and a - x.end <= 60), None)
    types = table.get(mm.target) if mm else None
    if not types:
        return None
    for e in ctx.gazetteer.entities.values():
        if e.props.get("developer") == ctx.issuer.key and any(t in types for t in e.types):
            return e.ref()
    return None


_APPOSITIVE = re.compile(r",\s+(?:which|who|that|whose|a|an|the|long|its|one|now|including|excluding|such\s+as)\b[^,;]*,")


def anaphoric_product(ctx: ExtractionContext, lo: int, hi: int) -> Optional[EntityRef]:
    """"that phone", "this model": the product named last in the four sentences before."""
    nouns = "|".join(re.escape(n) for n in ctx.patterns["discovery"].get("product_anaphora_nouns") or []) or "(?!)"
    if not re.search(rf"\b(?:that|this|these|those)\s+(?:{nouns})s?\b", ctx.text[lo:hi], re.IGNORECASE):
        return None
    for s in list(reversed([s for s in ctx.sentences if s.end <= lo]))[:4]:
        products = [e for e in ctx.mentions(s).entities if e.kind in ("product", "series")]
        if products:
            return ctx.entity(products[-1])
    return None


def anaphoric_facility(ctx: ExtractionContext, lo: int, hi: int) -> Optional[EntityRef]:
    """"The plant represents a total investment of ...": the facility named in the sentence before."""
    nouns = "|".join(re.escape(n) for n in ctx.patterns["discovery"].get("facility_nouns") or []) or "(?!)"
    if not re.search(rf"\b(?:the|this|that)\s+(?:{nouns})\b", ctx.text[lo:hi], re.IGNORECASE):
        return None
    for s in list(reversed([s for s in ctx.sentences if s.end <= lo]))[:2]:
        found = [e for e in ctx.mentions(s).entities if e.kind == "organisation" and e.target in ctx.discovered
                 and re.search(rf"(?:{nouns})", e.surface, re.IGNORECASE)]
        if found:
            return ctx.entity(found[-1])
    return None


def named_by_head_noun(ctx: ExtractionContext, s: Sentence, noun: str) -> Optional[EntityRef]:
    """"the institute" / "the award" in sentence ``s``: the capitalised name with that head noun in the sentence
    before ("Institute of Care-life", "Acme Annual Technology Award"), as a discovered organisation."""
    prev = [x for x in ctx.sentences if x.end <= s.start][-1:]
    if not prev:
        return None
    head = noun.capitalize()
    name = re.search(rf"\b(?:[A-Z][\w-]*\s+)*{re.escape(head)}(?:\s+(?:of|for)\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)?\b",
                     ctx.text[prev[0].start:prev[0].end])
    if name is None:
        return None
    from ..iris import slugify
    label = name.group(0)
    return ctx.discover(slugify(label), "organisation", label, ())


def appositives(ctx: ExtractionContext, lo: int, hi: int) -> list[tuple[int, int]]:
    return [(lo + a.start(), lo + a.end()) for a in _APPOSITIVE.finditer(ctx.text[lo:hi])]


def anaphoric_segment(ctx: ExtractionContext, m: Mentions, lo: int, hi: int) -> Optional[EntityRef]:
    """"Divisional profit", "the unit's revenue": the segment named last before this sentence."""
    words = ctx.patterns["discovery"].get("segment_anaphora") or []
    low = ctx.text[lo:hi].lower()
    if not any(re.search(rf"\b{re.escape(w)}\b", low) for w in words):
        return None
    for s in reversed([s for s in ctx.sentences if s.end <= lo]):
        segs = [e for e in ctx.mentions(s).entities if e.kind == "segment"]
        if segs:
            return ctx.entity(segs[0])
    return None


def quantities_in(ctx: ExtractionContext, m: Mentions, lo: int, hi: int, ranks: bool = True) -> list[Quantity]:
    """Figures in [lo, hi), without those that are part of a rank ("No. 1") or a period ("Q2")."""
    out = []
    for q in m.quantities:
        if not (lo <= q.start < hi):
            continue
        if ranks and any(r.start <= q.start < r.end for r in m.ranks):
            continue
        if any(p.start <= q.start < p.end for p in m.periods):
            continue
        if q.kind in ("number", "count") and q.scale == 1 and (
                any(e.start <= q.start < e.end for e in m.entities)
                or re.search(r"(?<![.!?:]\s)\b[A-Z][A-Za-z]+\s$", ctx.text[max(lo - 1, q.start - 25):q.start])
                and not re.search(r"^\W*$", ctx.text[lo:q.start])):
            continue
        out.append(q)
    return out


def clause_bounds(ctx: ExtractionContext, sentence: Sentence, pos: int) -> tuple[int, int]:
    for c in ctx.clauses(sentence):
        if c.start <= pos < c.end:
            return c.start, c.end
    return sentence.start, sentence.end


def cue_after(ctx: ExtractionContext, cues: Iterable[Cue], pos: int, limit: int, max_gap: int = 30) -> Optional[Cue]:
    for c in cues:
        if pos <= c.start <= min(limit, pos + max_gap):
            return c
    return None
