"""Qualitative attributes (fact kind ``attribute``; ``metric`` = the attribute key, ``value`` = the text as stated).

- ``distinction``: "the world's first …", "the first mass-produced …", "the youngest company on the … list",
  the phrase up to a clause boundary. The subject is the product or company named before it in the sentence
  ("Nova 7 Pro, which is the first mass-produced smartphone ..."); a sentence that opens with the phrase is about
  the entity right after its comma ("Being the world's first wearable ..., Nova Watch ...") or else the last
  product the sentence before named ("... Transparent Edition. The world's first mass-produced transparent TV").
  A section headline ("World's first Surround Display") is about the first product its section's first sentence
  names.
- ``positioning``: an appositive superlative with "ever" ("X, the most powerful smartphone it has ever offered in
  India"); a market inside it is the fact's market.
- ``segment``: a segment word applied to the products listed with it ("the mid-range A52 and A72", "our high-end
  smartphones, Nova 10, Nova 10 Pro and Mi Note 10", "Zeta 9A is entry-level device").
- ``strategy``: "we call X core strategy", "strategy is the “X” concept", "launched a dual-brand strategy".
- ``company_age``: "our eleven-year history", "Acme's 10-year anniversary" (value in years, period the year).
- ``listing_status``: "the newly listed company No. 9 Robot Company" (the company, found or discovered).
- ``availability``: "the 12GB+512GB model will not be offered in India" (market the place, qualifier ``variant``;
  subject the product named in the sentence or the ones before).
- ``investment_focus``: "It mainly invests in <what>" (a fund, or an organisation; "It" is the fund or
  organisation the sentences before named), the phrase up to a clause boundary.

Cue words live in ``mappings/patterns/attributes.yaml``.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Optional

from ..records import EntityRef, Fact
from .context import ExtractionContext, Mentions
from .patterns import alternation
from .periods import year
from .products import products_in
from .entitylists import subject_before
from .clauses import clause_bounds, frame_period
from .text import Sentence

_SUBJECTS = ("product", "series", "platform", "brand", "organisation")


def _cfg(ctx: ExtractionContext) -> dict:
    return ctx.patterns["attributes"]


def _attr(ctx: ExtractionContext, subject: EntityRef, start: int, end: int, key: str, value, **kw) -> Fact:
    return Fact("attribute", ctx.doc.doc_id, subject, ctx.evidence(start, end), metric=key, value=value, **kw)


def _is_headline(s: Sentence) -> bool:
    return not re.search(r"[.!?。][\"”’)]*\s*$", s.text)


def extract(ctx: ExtractionContext) -> list[Fact]:
    facts: list[Fact] = []
    for s in ctx.sentences:
        m = ctx.mentions(s)
        facts.extend(_distinctions(ctx, s, m))
        facts.extend(_positioning(ctx, s, m))
        facts.extend(_segments(ctx, s, m))
        facts.extend(_strategies(ctx, s, m))
        facts.extend(_ages(ctx, s, m))
        facts.extend(_focus(ctx, s, m))
        facts.extend(_listing_status(ctx, s, m))
        facts.extend(_unavailable(ctx, s, m))
    return facts


# ---------------------------------------------------------------- distinctions

def _entities(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[tuple[int, int, EntityRef]]:
    """Products (gazetteer and discovered) and other subject-like entities of a sentence, by position."""
    out = [(p.start, p.end, p.ref) for p in products_in(ctx, s)]
    for e in m.entities:
        if e.kind in _SUBJECTS and not any(a <= e.start < b for a, b, _ in out):
            entry = ctx.entry(e)
            if entry is not None and {"RankingBody", "ResearchFirm"} & set(entry.types):
                continue
            out.append((e.start, e.end, ctx.entity(e)))
    return sorted(out, key=lambda t: t[0])


def _phrase_end(ctx: ExtractionContext, a: int, hi: int) -> int:
    cfg = _cfg(ctx)
    end_rx = re.compile(cfg.get("phrase_end") or r"[,;.]")
    limit = min(hi, a + int(cfg.get("phrase_max") or 120))
    e = end_rx.search(ctx.text, a, limit)
    return e.start() if e else limit


def _distinctions(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    text = ctx.text
    out: list[Fact] = []
    pats = [re.compile(p, re.IGNORECASE) for p in _cfg(ctx).get("distinction_cues") or []]
    hits = sorted({(r.start(), r.end()) for rx in pats for r in rx.finditer(text, s.start, s.end)})
    ents = None
    for a, b in hits:
        if any(a < f.evidence.end and f.evidence.start < b for f in out):
            continue
        end = _phrase_end(ctx, b, s.end)
        if end - b < 3 and b - a < 15:
            continue
        end = max(end, b)
        if len(text[b:end].split()) < 2 and re.match(r"\s+with\b", text[end:end + 6]):
            end = _phrase_end(ctx, end + 5, s.end)  # "the world's first phone with a ... chip": the noun says too little
        value = text[a:end].strip()
        ents = ents if ents is not None else _entities(ctx, s, m)
        subject = None
        opens = re.fullmatch(r"\W*(?:(?:being|as|becoming)\s+)?", text[s.start:a], re.IGNORECASE) is not None
        if opens:
            nxt = next(((x, y, r) for x, y, r in ents if x >= end and re.fullmatch(r"\s*,\s*", text[end:x])), None)
            if nxt is not None:
                subject = nxt[2]
            elif not _is_headline(s):
                subject = _last_product_before(ctx, s)
            else:
                subject = _section_product(ctx, s)
        else:
            before = [(x, y, r) for x, y, r in ents if y <= a and a - y <= 160]
            if before:
                subject = before[-1][2]
            elif re.search(r"\b(?:it|we)\b", text[s.start:a], re.IGNORECASE) and ctx.issuer is not None \
                    and re.search(r"\b(?:company|brand|firm)\b", value, re.IGNORECASE):
                subject = ctx.issuer
        if subject is None or (subject.kind == "organisation" and
                               not re.search(r"\b(?:company|brand|firm|maker|manufacturer|vendor|business)\b", value,
                                             re.IGNORECASE)):
            continue  # "Acme announced the X1, the world's first phone ...": a product the text names but we do not know
        period = None
        if re.search(r"\blist\b", value, re.IGNORECASE):  # "the youngest company on the list" holds for the list's year
            ys = [p for p in m.periods if p.period.kind == "year"]
            period = ys[0].period if ys else _year_of(frame_period(ctx, s.start) or ctx.period)
        out.append(_attr(ctx, subject, a, end, "distinction", value, period=period))
    return out


def _year_of(p):
    return year(p.start.year) if p is not None and p.start is not None else None


def _section_product(ctx: ExtractionContext, s: Sentence) -> Optional[EntityRef]:
    """A section headline's claim ("World's first Surround Display") is about the first product (not a series)
    the section's first sentence names."""
    nxt = next((x for x in ctx.sentences if x.start >= s.end), None)
    if nxt is None or "\n\n\n" in ctx.text[s.end:nxt.start] or _is_headline(nxt):
        return None
    products = [p.ref for p in products_in(ctx, nxt) if p.ref.kind == "product" and not p.compared]
    return products[0] if products else None


def _last_product_before(ctx: ExtractionContext, s: Sentence) -> Optional[EntityRef]:
    prev = [x for x in ctx.sentences if x.end <= s.start]
    if not prev or "\n\n\n" in ctx.text[prev[-1].end:s.start]:
        return None
    ps = products_in(ctx, prev[-1])
    if ps:
        return ps[-1].ref
    plats = [e for e in ctx.mentions(prev[-1]).entities if e.kind == "platform"]
    return ctx.entity(plats[-1]) if plats else None


# ---------------------------------------------------------------- positioning

def _positioning(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    text = ctx.text
    pat = _cfg(ctx).get("positioning")
    if not pat:
        return []
    rx = re.compile(rf",\s+(?P<v>{pat})(?=\s*[,.;]|$)")
    out: list[Fact] = []
    ents = None
    for r in rx.finditer(text, s.start, s.end):
        ents = ents if ents is not None else _entities(ctx, s, m)
        prev = [(x, y, ref) for x, y, ref in ents if y == r.start() and ref.kind in ("product", "series", "brand")]
        if not prev:
            continue
        a, b = r.start("v"), r.end("v")
        market = next((ctx.entity(e) for e in m.entities if e.kind == "market" and a <= e.start < b), None)
        out.append(_attr(ctx, prev[-1][2], a, b, "positioning", text[a:b].strip(), market=market))
    return out


# ---------------------------------------------------------------- segments

def _segments(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    text = ctx.text
    cfg = _cfg(ctx)
    words = {str(k).lower(): str(v) for k, v in (cfg.get("segment_words") or {}).items()}
    if not words:
        return []
    nouns = alternation(cfg.get("segment_category_nouns") or [])
    intro = "|".join(f"(?:{p})" for p in cfg.get("segment_introducers") or [])
    rx = re.compile(rf"\b(?P<seg>{alternation(words)})(?P<noun>\s+(?:{nouns}))?(?=\W)", re.IGNORECASE)
    prods = products_in(ctx, s)
    if not prods:
        return []
    out: list[Fact] = []
    seen: set[str] = set()
    for r in rx.finditer(text, s.start, s.end):
        seg = r.group("seg")
        # "<seg> [nouns][, | like | including] A, B and C"
        gap_rx = re.compile(rf"\s+|(?:{intro})" if r.group("noun") else r"\s+")
        chain = []
        pos = r.end()
        first = next((p for p in prods if p.start >= pos and gap_rx.fullmatch(text[pos:p.start])), None)
        if first is not None:
            chain.append(first)
            pos = first.end
            for p in prods:
                if p.start >= pos and re.fullmatch(r"\s*(?:,|and|,\s*and|&)\s*", text[pos:p.start]):
                    chain.append(p)
                    pos = p.end
        # "<product> is (a|an|our)? <seg> <noun>" / "<product>, a <seg> <noun>"
        before = next((p for p in reversed(prods) if p.end <= r.start() and
                       re.fullmatch(r"\s+(?:is|was|remains)\s+(?:an?\s+|our\s+|the\s+)?|\s*,\s+(?:an?|our)\s+",
                                    text[p.end:r.start()], re.IGNORECASE)), None) if r.group("noun") else None
        if before is not None and not chain:
            chain = [before]
            pos = r.end()
        market = _segment_market(ctx, m, s, r.start())
        for p in chain:
            if p.compared or p.ref.key in seen:
                continue
            seen.add(p.ref.key)
            a, b = (min(r.start(), p.start), max(pos, p.end))
            out.append(_attr(ctx, p.ref, a, b, "segment", words[seg.lower()], market=market))
    return out


def _segment_market(ctx: ExtractionContext, m: Mentions, s: Sentence, pos: int) -> Optional[EntityRef]:
    """The market a sentence opens with ("The overseas market, our premium smartphones ...")."""
    lo, _ = clause_bounds(ctx, s, pos)
    for e in m.entities:
        if e.start >= pos or e.start - s.start > 40:
            continue
        entry = ctx.entry(e)
        geographic = e.kind == "market" or (entry is not None and "GeographicSegment" in entry.types)
        if geographic and re.fullmatch(r"\W*(?:(?:in|for)\s+)?(?:the\s+)?", ctx.text[s.start:e.start], re.IGNORECASE):
            return ctx.entity(e)
    return None


# ---------------------------------------------------------------- strategies

def _strategies(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    text = ctx.text
    out: list[Fact] = []
    for pat in _cfg(ctx).get("strategy_patterns") or []:
        for r in re.finditer(pat, text[s.start:s.end]):
            a, b = s.start + r.start(), s.start + r.end()
            if any(a < f.evidence.end and f.evidence.start < b for f in out):
                continue
            value = r.group("v").strip()
            if len(value) > 2 and value[0] in "“\"‘'" and value[-1] in "”\"’'":
                value = value[1:-1].strip()
            if len(value) < 2 or value.lower().startswith(("the ", "a ", "an ", "right ")):
                continue
            head = re.sub(r"\s*strategy$", "", value)
            if not re.search(r"[-+×A-Z“”\"‘’']", head):
                continue  # "a sound business strategy" names no strategy
            lo, _ = clause_bounds(ctx, s, a)
            subject, _ = subject_before(ctx, m, s.start, a, kinds=("organisation", "brand"))
            subject = subject or ctx.issuer
            if subject is None:
                continue
            out.append(_attr(ctx, subject, a, b, "strategy", value))
    return out


# ---------------------------------------------------------------- company age

def _ages(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    text = ctx.text
    numbers = {str(k).lower(): int(v) for k, v in (ctx.patterns["quantities"].get("number_words") or {}).items()}
    nouns = alternation(_cfg(ctx).get("age_nouns") or [])
    rx = re.compile(rf"\b(?P<n>\d{{1,3}}|{alternation(numbers)})[- ]year(?:s)?(?:-old)?\s+(?P<noun>{nouns})\b",
                    re.IGNORECASE)
    out: list[Fact] = []
    for r in rx.finditer(text, s.start, s.end):
        owner = re.search(r"(?:\b(?:our|its|the\s+company['’]s|the\s+group['’]s)|(?P<name>\S+)['’]s?)\s+$",
                          text[max(s.start, r.start() - 40):r.start()], re.IGNORECASE)
        if owner is None:
            continue
        subject, sstart = subject_before(ctx, m, s.start, r.start(), kinds=("organisation",))
        if subject is None:
            subject = ctx.issuer
        if subject is None:
            continue
        n = r.group("n").lower()
        value = Decimal(numbers[n]) if n in numbers else Decimal(n)
        ref_year = ctx.period.end.year if ctx.period is not None and ctx.period.end else \
            int(ctx.doc.date[:4]) if ctx.doc.date else None
        start = r.start() - len(owner.group(0))
        out.append(_attr(ctx, subject, start, r.end(), "company_age", value, unit="years",
                         period=year(ref_year) if ref_year else None))
    return out


# ---------------------------------------------------------------- investment focus

def _antecedent(ctx: ExtractionContext, s: Sentence) -> Optional[EntityRef]:
    """The fund (else organisation) the sentences before named last: what "It" or "The fund" stands for."""
    for prev in reversed([x for x in ctx.sentences if x.end <= s.start][-2:]):
        if "\n\n" in ctx.text[prev.end:s.start]:
            return None
        ents = ctx.mentions(prev).entities
        funds = [e for e in ents if e.kind == "fund"]
        if funds:
            return ctx.entity(funds[-1])
    return None


def _focus(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    text = ctx.text
    cfg = _cfg(ctx)
    rx = re.compile(rf"\b(?P<adv>(?:{alternation(cfg.get('focus_adverbs') or [])})\s+)?"
                    rf"(?:{alternation(cfg.get('focus_verbs') or [])})\s+(?:the\s+)?", re.IGNORECASE)
    out: list[Fact] = []
    for r in rx.finditer(text, s.start, s.end):
        a = r.end()
        b = _phrase_end(ctx, a, s.end)
        if b - a < 3 or any(a <= q.start < b + 2 for q in m.quantities):
            continue
        lo, _ = clause_bounds(ctx, s, r.start())
        if re.fullmatch(r"\s*(?:It|The\s+fund|This\s+fund)\s*", text[lo:r.start()]):
            subject = _antecedent(ctx, s)
        else:
            subject, _ = subject_before(ctx, m, lo, r.start(), kinds=("fund", "organisation"))
        if subject is None or (subject.kind != "fund" and r.group("adv") is None):
            continue  # "we invest in ..." without "mainly" states no focus
        out.append(_attr(ctx, subject, r.start(), b, "investment_focus", text[a:b].strip()))
    return out


# ---------------------------------------------------------------- listing status, availability

_NAME = r"[A-Z][\w.&'’-]*(?:\s+(?:[A-Z0-9][\w.&'’-]*|of|de|la)){0,4}"


def _listing_status(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    cfg = _cfg(ctx)
    rx = re.compile(rf"\b(?P<cue>{alternation(cfg.get('listing_status_cues') or [])})\s+"
                    rf"(?:(?:{alternation(cfg.get('listing_nouns') or [])})\s+)?(?P<name>{_NAME})")
    out: list[Fact] = []
    for r in rx.finditer(ctx.text, s.start, s.end):
        a = r.start("name")
        known = next((e for e in m.entities if e.start == a), None)
        if known is not None:
            if known.kind != "organisation":
                continue
            subject, b = ctx.entity(known), known.end
        else:
            name = r.group("name").rstrip(".’'")
            subject, b = ctx.discover(name, "organisation", name, ("Company",)), a + len(name)
        out.append(_attr(ctx, subject, r.start(), b, "listing_status", r.group("cue").lower()))
    return out


def _unavailable(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    from .productstatements import product_before

    cfg = _cfg(ctx)
    rx = cfg.get("unavailable")
    if not rx:
        return []
    out: list[Fact] = []
    for r in re.finditer(rx, ctx.text[s.start:s.end], re.IGNORECASE):
        a, b = s.start + r.start(), s.start + r.end()
        place = next((e for e in m.entities if e.kind == "market" and e.start == b), None)
        if place is None:
            continue
        lo, _ = clause_bounds(ctx, s, a)
        named = [p for p in products_in(ctx, s) if lo <= p.start and p.end <= a]
        subject = named[-1].ref if named else product_before(ctx, s)
        if subject is None:
            continue
        variant = re.search(cfg.get("variant_pattern") or r"(?!)", ctx.text[lo:a])
        quals = (("variant", variant.group(0)),) if variant else ()
        start = lo + variant.start() if variant else a
        out.append(_attr(ctx, subject, start, place.end, "availability", ctx.text[a:place.end],
                         market=ctx.entity(place), qualifiers=quals))
    return out
