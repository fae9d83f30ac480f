"""Where and by whose count a figure is measured: its market slot (the market it is measured in), the market and
product category the document is about (and the subject a market total gets from them), and its source slot
(who determined it)."""
from __future__ import annotations

import re
from typing import Optional

from ..iris import slugify
from ..records import EntityRef
from .context import ExtractionContext, Mentions
from .discourse import Discourse
from .patterns import alternation, per_document
from .slotrules import SOURCE_TYPES, Slot, _with_narrower


def market_slot(ctx: ExtractionContext, m: Mentions, lo: int, hi: int, subject: Optional[Slot],
                d: Optional[Discourse] = None, pos: Optional[int] = None,
                metric: Optional[str] = None, sentence_start: Optional[int] = None) -> Optional[Slot]:
    """The market a figure is measured in: one named in its chunk (the nearest before the figure, one named "in"
    or "across" preferred; else the first after it in the same clause), one the sentence opens with ("In Germany,
    ..."), a demonym, the paragraph's market for another company's figure, the market a note on a market set for
    a vendor's figures, the document's for a market's own figure."""
    exclusions = ctx.patterns["cues"].get("market_exclusions") or []
    excl = re.compile(rf"\b(?:{alternation(exclusions)})\s+$", re.I) if exclusions else None
    runs = _market_runs(ctx, m.entities)
    found = [e for e in m.entities if e.kind == "market" and lo <= e.start < hi and not (
        excl is not None and excl.search(ctx.text[max(lo, runs[e.start][0] - 25):runs[e.start][0]])) and
        not origin_market(ctx, m.entities, e) and runs[e.start][1] < 3]
    if found:
        # the market named "in"/"across" the figure's place wins over one merely mentioned ("worldwide")
        inside = [e for e in found if re.search(r"\b(?:in|across|throughout|within|for)\s+(?:the\s+)?$",
                                                ctx.text[max(lo, e.start - 12):e.start], re.I)]
        pool = inside or found
        e = None
        if pos is not None:
            before = [x for x in pool if x.start < pos] or [x for x in found if x.start < pos]
            # after the figure, a market of its own clause ("fifth globally", "third in China"), not one of an
            # aside after a comma ("..., with its home market of China absorbing 71%")
            after = [x for x in found if x.start >= pos and not (re.search(r"[,;(]", ctx.text[pos:x.start]) and
                                                                  re.search(r"\bof\s+(?:the\s+)?$",
                                                                            ctx.text[x.start - 8:x.start], re.I))
                     and not _cause(ctx).search(ctx.text, pos, x.start)]
            e = before[-1] if before else (after[0] if after else None)
        else:
            e = pool[-1]
        if e is not None:
            return Slot(ctx.entity(e), "explicit", e.start, e.end)
    fronted = _fronted_market(ctx, m, sentence_start, lo)
    if fronted is not None:
        return fronted
    demonym = _demonym_market(ctx, lo, hi)
    if demonym is not None:
        return demonym
    there = _THERE.search(ctx.text, lo, hi)
    if there is not None and d is not None:
        # "Shipments there fell 9.2%": the market named last (in this sentence, else before it)
        earlier = [e for e in m.entities if e.kind == "market" and e.end <= there.start()]
        ref = ctx.entity(earlier[-1]) if earlier else d.last_market
        if ref is not None:
            return Slot(ref, "there", there.start(), there.end())
    own = ctx.issuer is not None and subject is not None and isinstance(subject.value, EntityRef) and \
        (subject.value.key == ctx.issuer.key or subject.value.owner == ctx.issuer.key or
         subject.value.key.startswith(ctx.issuer.key + "-"))
    other = subject is not None and isinstance(subject.value, EntityRef) and not own
    if own and pos is not None and _whole_company(ctx).search(ctx.text, max(lo, pos - 60), pos):
        return None     # "total revenue exceeded 200 billion yuan": the whole company's, in no one market
    if d is not None and d.paragraph_market is not None and (other or not ctx.doc.speaks_for_issuer):
        return Slot(d.paragraph_market, "paragraph")
    if d is not None and d.note_market is not None and (other or not ctx.doc.speaks_for_issuer) and \
            _vendor_figure(ctx, subject, metric):
        # "Aurelian shipped 6.1 million of them, for a 15.3% share": a vendor's volume, share or rank in a passage
        # on a market is measured in the market the passage set, until it names another
        return Slot(d.note_market, "note")
    market = doc_market(ctx)
    if subject is not None and isinstance(subject.value, EntityRef) and market is not None and \
            (subject.value.kind == "market" or (not ctx.doc.speaks_for_issuer and (
                not own or metric in ("market-share", None) or metric in _market_metric_keys(ctx)))):
        # (the issuer's own results in a story about it are in no market the text does not place them in: its
        # revenue is not the revenue of the market the story's lead names)
        return Slot(market, "document")
    if metric in ("market-share", None) or (metric in _market_metric_keys(ctx)):
        # a share, a rank or a market measure is measured in some market: the paragraph's, the one the text is
        # on (a company's own share too: "One market to highlight is Europe. ... we ranked top 3"), the document's
        if d is not None and d.paragraph_market is not None:
            return Slot(d.paragraph_market, "paragraph")
        if d is not None and d.note_market is not None and metric in ("market-share", None) and \
                _vendor_figure(ctx, subject, metric):
            return Slot(d.note_market, "note")
        if market is not None and metric is not None:
            return Slot(market, "document")
    if (other or not ctx.doc.speaks_for_issuer) and metric in _volume_keys(ctx) and \
            _vendor_figure(ctx, subject, metric) and _cites_source(ctx, m):
        # "Lumeo shipped 9.6 million smartphones in the first half, according to Counterpoint": a research firm's
        # count of a vendor's volume, with no market named anywhere before, is the vendor's worldwide volume
        return Slot(global_market(ctx), "research") if global_market(ctx) is not None else None
    return None


def _cites_source(ctx: ExtractionContext, m: Mentions) -> bool:
    """The sentence names a research firm or ranking body."""
    for e in m.entities:
        entry = ctx.entry(e)
        if any(t in SOURCE_TYPES for t in (entry.types if entry is not None else ctx.entity(e).types)):
            return True
    return False


def _volume_keys(ctx: ExtractionContext) -> frozenset[str]:
    cached = ctx.__dict__.get("_volume_keys")
    if cached is None:
        cached = ctx.__dict__["_volume_keys"] = _with_narrower(ctx, ["shipments", "sales-volume", "deliveries"])
    return cached


def set_note_market(ctx: ExtractionContext, d: Discourse, frames: list) -> None:
    """A prose figure of a whole market, or a market figure of a vendor, measured in a market the sentence names
    ("39.9 million tablets shipped worldwide", "Valtera is the number two supplier in Europe") sets the market of
    the vendor figures that follow, across paragraphs, until another paragraph's such figure names another market
    (``Discourse.set_note_market``)."""
    for fr in frames:
        if fr.market is None or fr.market_how != "explicit" or fr.modality is not None or \
                any(k == "layout" for k, _ in fr.qualifiers) or fr.subject is None or fr.market_at < 0:
            continue
        if not _own_place(ctx, fr):
            continue
        if fr.subject.kind == "market" or (fr.market_at < fr.figure.q.start and (
                fr.kind in ("market_share", "ranking") or fr.metric in _market_metric_keys(ctx))):
            # a market's own figure; a vendor's share, rank or volume in a market the sentence places first ("the
            # number two supplier in Europe with a market share of 24 per cent", "Xiaomi's shipments in Europe grew
            # 88%"); a vendor's figure in a country named after it ("the firm tripled its shipments in Vietnam",
            # "Sagara held a 12% share in Vietnam") is about the vendor, not the passage's market
            d.set_note_market(fr.market, not ctx.doc.speaks_for_issuer,
                              fr.period if fr.period_how in ("explicit", "sentence", "level") else None)


def note_period(fr, d: Discourse, ctx: Optional[ExtractionContext] = None) -> None:
    """A vendor figure measured in the note's market, in a paragraph that states no period, is for the period the
    note's lead states ("Global tablet shipments fell 3% in the first quarter of 2021 ... Aurelian shipped 6.1
    million"): a research firm's calendar period, not the document's fiscal one."""
    if d.note_period is not None and ((fr.market_how == "note" and fr.period_how == "document") or
                                      (fr.period is None and fr.market is not None and ctx is not None and
                                       (fr.kind in ("market_share", "ranking") or
                                        fr.metric in _market_metric_keys(ctx)))):
        # (a vendor's share, rank or volume with no period at all, in another market of the note -- "Miravo led in
        # Brazil, where it took 21%" -- is for the lead's period too: the document reports no other)
        fr.period, fr.period_how = d.note_period, "note"


def topic_market(ctx: ExtractionContext, m: Mentions, s, d: Discourse) -> None:
    """"Europe is where the shift showed up most clearly.", "One market to highlight is Europe.": a sentence
    without figures that opens or ends with a market makes it the topic of the vendor figures that follow."""
    named = [e for e in m.entities if s.start <= e.start < s.end]
    for e in (named[:1] + named[-1:]) if named else []:
        if e.kind == "market" and not origin_market(ctx, m.entities, e) and (
                not ctx.text[s.start:e.start].strip() or not re.sub(r"[\s.!:]", "", ctx.text[e.end:s.end])):
            d.set_note_market(ctx.entity(e), not ctx.doc.speaks_for_issuer)
            return


def _own_place(ctx: ExtractionContext, fr) -> bool:
    """The market the sentence names is the figure's own place: before it, or right after it ("39.9 million tablets
    shipped worldwide"), not at the end of an aside ("adding 2.3m units on the strength of its range in Latin
    America")."""
    if fr.market_at < 0:
        return False
    gap = ctx.text[fr.figure.end:fr.market_at]
    return not (fr.market_at > fr.figure.end and (len(gap) > 30 or re.search(r"[,;(]", gap)))


def _vendor_figure(ctx: ExtractionContext, subject: Optional[Slot], metric: Optional[str]) -> bool:
    """A company's (or a group's, or a product's) volume, share or rank: a figure measured in some market."""
    if subject is None or not isinstance(subject.value, EntityRef) or subject.value.kind in ("market", "segment"):
        return False
    return metric is None or metric == "market-share" or metric in _market_metric_keys(ctx)


def _cause(ctx: ExtractionContext) -> re.Pattern[str]:
    """"on the back of", "driven by" (cues.yaml market_cause_openers): a cause's market follows, not the figure's."""
    return _word_rx(ctx, "cues", "market_cause_openers", r"\b(?:{})\b")


def _market_runs(ctx: ExtractionContext, entities: list) -> dict[int, tuple[int, int]]:
    """For each place named, where the list of places it is part of starts and how many the list names ("excluding
    Japan and China": both are left out; "the EU-27, the UK, Norway and Switzerland": a list of three or more names
    the parts of a region, not the market of a figure by itself). One pass over the sentence's places."""
    markets = sorted((x for x in entities if x.kind == "market"), key=lambda x: x.start)
    out: dict[int, tuple[int, int]] = {}
    run: list = []
    for x in markets + [None]:
        if x is not None and run and _LIST_GAP.fullmatch(ctx.text, run[-1].end, x.start):
            run.append(x)
            continue
        for y in run:
            out[y.start] = (run[0].start, len(run))
        run = [x] if x is not None else []
    return out


_LIST_GAP = re.compile(r"\s*(?:,|,?\s+(?:and|or|&))\s+(?:the\s+)?", re.I)


def origin_market(ctx: ExtractionContext, entities: list, e) -> bool:
    """"the largest Japanese supplier", "Japan's Kurose Cycle Components": where a company comes from."""
    if _word_rx(ctx, "cues", "market_origin_nouns", r"\s*(?:{})\b").match(ctx.text, e.end):
        return True
    # "Kaiyo Denki of Japan": a company's home, after its name
    if re.search(r"\bof\s+(?:the\s+)?$", ctx.text[max(0, e.start - 8):e.start]) and any(
            o.kind == "organisation" and 0 <= e.start - o.end <= 8 and
            re.fullmatch(r"\s+of\s+(?:the\s+)?", ctx.text[o.end:e.start]) for o in entities):
        return True
    # a place's possessive before a name (a capital; "China's smartphone market" is a market)
    poss = re.match(r"['’]s\s+(?=[A-Z])", ctx.text[e.end:e.end + 5])
    return poss is not None and not any(o.start == e.end + poss.end() and o.kind == "market" for o in entities)


def _fronted_market(ctx: ExtractionContext, m: Mentions, start: Optional[int], lo: int) -> Optional[Slot]:
    """"In Germany last year, Kessler and Vestholm together accounted for 45%": the market a sentence opens with
    holds for its later clauses."""
    if start is None or lo <= start:
        return None
    rx = _word_rx(ctx, "cues", "fronted_market_prepositions", r"\s*(?:{})\s+(?:the\s+)?$")
    for e in m.entities:
        if e.kind == "market" and start <= e.start < lo and rx.fullmatch(ctx.text, start, e.start) and \
                "," in ctx.text[e.end:lo]:
            return Slot(ctx.entity(e), "explicit", e.start, e.end)
    return None


_THERE = re.compile(r"\b(?:there|in\s+that\s+market|(?:in\s+)?the\s+country|in\s+that\s+country|"
                    r"(?:led|leads|leading|tops?|topped)\s+the\s+(?:country|region))\b", re.I)


def _whole_company(ctx: ExtractionContext) -> re.Pattern[str]:
    """"total revenue", "group net profit" (frames.yaml whole_company_measures): the whole company's figure."""
    return _word_rx(ctx, "frames", "whole_company_measures", r"\b(?:{})\b")


def _market_metric_keys(ctx: ExtractionContext) -> frozenset[str]:
    cached = ctx.__dict__.get("_market_metric_keys")
    if cached is None:
        cached = ctx.__dict__["_market_metric_keys"] = _with_narrower(ctx, ["market-share", "shipments",
                                                                            "sales-volume", "deliveries"])
    return cached


def _demonym_market(ctx: ExtractionContext, lo: int, hi: int) -> Optional[Slot]:
    """"the Dutch heat pump market", "its Spanish sales": the market an adjective of place names."""
    table = ctx.patterns["frames"].get("demonyms") or {}
    if not table:
        return None
    rx = ctx.__dict__.get("_demonym_rx")
    if rx is None:
        rx = re.compile(rf"(?<![\w])(?P<d>{alternation(table.keys())})\s+(?:[\w-]+\s+){{0,3}}?"
                        r"(?:market|markets|sales|revenue|shipments|business|customers|demand)\b")
        ctx.__dict__["_demonym_rx"] = rx
    hit = rx.search(ctx.text, lo, hi)
    if hit is None:
        return None
    entry = ctx.gazetteer.get(str(table[hit.group("d")]))
    return Slot(entry.ref(), "explicit", hit.start("d"), hit.end("d")) if entry is not None else None


def source_slot(ctx: ExtractionContext, m: Mentions, s_start: int, s_end: int) -> Optional[EntityRef]:
    """The research firm or ranking body the sentence names, else the document's source (once per sentence)."""
    cache = ctx.__dict__.setdefault("_source_slots", {})
    key = (s_start, s_end, len(m.entities))
    if key not in cache:
        cache[key] = _source_of(ctx, m, s_start, s_end)
    return cache[key]


def _source_of(ctx: ExtractionContext, m: Mentions, s_start: int, s_end: int) -> Optional[EntityRef]:
    for e in m.entities:
        if s_start <= e.start < s_end:
            ref = ctx.entity(e)
            entry = ctx.entry(e)
            types = entry.types if entry is not None else ref.types
            if any(t in SOURCE_TYPES for t in types):
                return entry.ref() if entry is not None else ref
    return ctx.doc.source


# ---------------------------------------------------------------- the document's market and category

def global_market(ctx: ExtractionContext) -> Optional[EntityRef]:
    """The whole world as a market (``frames.yaml`` global_market: a gazetteer key)."""
    entry = ctx.gazetteer.get(str(ctx.patterns["frames"].get("global_market") or ""))
    return entry.ref() if entry is not None else None


def market_subject_ref(ctx: ExtractionContext, market: Optional[EntityRef], category: Optional[str] = None) -> EntityRef:
    """The subject of a market total: a geography's market for the product category its phrase names, else the
    document's ("Western Europe smartphones market"); the world's when no geography is named."""
    market = market or global_market(ctx)
    cat = category or doc_category(ctx)
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
        hits = ctx.engine.matcher.find(ctx.text, ctx.doc.start, head)
        for h in hits:
            # not a masthead, a dateline's city ("SINGAPORE, Nov 22"), page chrome or where a company comes from
            if h.kind == "market" and not h.surface.isupper() and not ctx.in_chrome(h.start, h.end) and \
                    not origin_market(ctx, hits, h) and \
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


def _word_rx(ctx: ExtractionContext, stem: str, key: str, shape: str) -> re.Pattern[str]:
    """A list of words of ``mappings/patterns/<stem>.yaml`` in a regex ``shape`` ("{}" stands for the alternation),
    compiled once per document; a missing list matches nothing."""
    def build() -> re.Pattern[str]:
        words = [str(w) for w in ctx.patterns[stem].get(key) or []]
        return re.compile(shape.format(alternation(words)), re.I) if words else re.compile(r"(?!)")
    return per_document(ctx, f"_rx_{stem}_{key}", build)
