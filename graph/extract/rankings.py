"""Rankings (fact kind ``ranking``): who is ranked where, by whom, in which market and period.

A rank phrase (``#1``, ``No. 1``, ``third``, ``4th``, ``top 5``, ``third-biggest``) counts when it is a rank in
context: a hash/number/top form, an ordinal glued to a superlative, or an ordinal next to a rank cue ("ranked
fourth", "to third place"); ordinals of periods, enumerations and streaks are not ranks. The ranked entity is
the organisation, product, brand or "we/it" nearest before the rank; each market named after the rank (up to the
next rank) gives one fact, so "#1 in Norway, #2 in Ghana and #4 Portugal" is three rankings and "number one
in Vietnam and Chile" two. "top 5 in 50 countries" is a count of markets (left to ``counts``). Streaks
("for the 12th consecutive quarter"), "for the first time" and rank movements ("41 places higher", a ``change``)
are read in the same sentence; the ranking body is a research firm or ranking body named there.
"""
from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from typing import Optional

from ..records import EntityRef, Fact
from .context import ExtractionContext, Mentions
from .periods import year
from .products import products_in
from .quantities import Quantity
from .ranks import RankMention
from .statements import (SOURCE_TYPES, anaphoric_market, appositives, between, clause_bounds, framed_market,
                         named_by_head_noun, period_for, respective_markets, source_for)
from .text import Sentence

_RANKED_KINDS = ("organisation", "product", "series", "brand", "platform")


def _words(ctx: ExtractionContext, key: str) -> list[str]:
    return [str(w).lower() for w in ctx.patterns["rankings"].get(key) or []]


def is_rank(ctx: ExtractionContext, m: Mentions, s: Sentence, r: RankMention) -> bool:
    """Whether a rank phrase is a rank here (not a period ordinal, an enumeration or a streak)."""
    text = ctx.text
    if any(p.start <= r.start < p.end or r.start <= p.start < r.end for p in m.periods):
        return False
    if any(st.start <= r.start < st.end for st in m.streaks):
        return False
    after = text[r.end:r.end + 30].lower()
    before = text[max(s.start, r.start - 30):r.start].lower()
    if any(re.match(rf"[\s-]*{re.escape(b)}\b", after) for b in _words(ctx, "ordinal_blockers")):
        return False
    enum = _words(ctx, "enumeration_nouns")
    if r.form in ("number", "hash") and prev_word_in(before, enum):
        return False  # "question #1", "point No. 2"
    if r.form == "number":
        # "Number two, we'll continue ...", "..., number one." and a sentence opening "Number two is ..." enumerate
        nouns = _words(ctx, "rank_nouns")
        if not ctx.text[s.start:r.start].strip() and not re.match(
                rf"\s+(?:[\w-]+\s+)?(?:{'|'.join(map(re.escape, nouns))})\b", text[r.end:r.end + 40]):
            return False
        return not re.match(r"\s*(?:[,:;.]|$)", text[r.end:r.end + 2])
    if r.form in ("hash", "top", "topof", "listed"):
        return True
    if r.form == "ordinal" and r.superlative:
        return True
    if r.form == "superlative":
        return _superlative_is_rank(ctx, r)
    cues_b = _words(ctx, "ordinal_cues_before")
    cues_a = _words(ctx, "ordinal_cues_after")
    prev = re.findall(r"[a-z.#']+", before)
    if prev and (prev[-1] in cues_b or (len(prev) > 1 and prev[-2] in cues_b and prev[-1] in ("the", "in"))):
        # "in" alone before an ordinal is a rank only with a rank word after ("in fourth place")
        if prev[-1] != "in" or any(re.match(rf"\s*{re.escape(c)}\b", after) for c in cues_a):
            return True
    if any(re.match(rf"\s*{re.escape(c)}\b", after) for c in cues_a):
        return True
    market_next = any(e.kind == "market" and 0 <= e.start - r.end <= 40 and
                      re.fullmatch(r"\s+(?:in|on|across)\s+(?:the\s+)?(?:overall\s+)?", text[r.end:e.start], re.I)
                      for e in m.entities)
    if prev and prev[-1] in _words(ctx, "ordinal_weak_before"):
        return market_next or unnamed_markets(ctx, r)
    # an ordinal right after a name, before a market or a list: "placed Harrier 437th in its Global 500",
    # "placing the Mi 11 Ultra first in the benchmark's ranking" (a product name the gazetteer does not know)
    return bool(re.match(r"\s+(?:in|on|among)\b", after)) and bool(prev) and (
        any(e.end <= r.start and r.start - e.end <= 2 and e.kind in _RANKED_KINDS for e in m.entities) or
        any(p.end <= r.start and r.start - p.end <= 2 for p in products_in(ctx, s)))


def _numbers_on_lists(ctx: ExtractionContext, m: Mentions) -> list[RankMention]:
    """"we rank 24 on BCG's 50 Most Innovative Companies": a bare number right before "on/in <ranking body>'s"."""
    out = []
    for e in m.entities:
        entry = ctx.entry(e)
        if entry is None or "RankingBody" not in entry.types or \
                not re.match(r"['’]s?\s", ctx.text[e.end:e.end + 3]):
            continue
        hit = re.search(r"(?<![\w.,$#])(\d{1,3})\s+(?:on|in)\s+(?:the\s+)?$", ctx.text[max(0, e.start - 20):e.start])
        if hit is None:
            continue
        start = max(0, e.start - 20) + hit.start(1)
        if any(r.start <= start < r.end for r in m.ranks):
            continue
        out.append(RankMention(start, start + len(hit.group(1)), int(hit.group(1)), "rank", "listed"))
    return out


def _alt(ctx: ExtractionContext, key: str) -> str:
    return "|".join(re.escape(w) for w in sorted(_words(ctx, key), key=len, reverse=True)) or "(?!)"


def _superlative_is_rank(ctx: ExtractionContext, r: RankMention) -> bool:
    """"the biggest vendor", "the best seller", "the best-selling 5G smartphones", "the highest growth among major
    players": a bare superlative is rank 1 with a rank noun, a product noun (sales superlatives) or "among"."""
    sup = (r.superlative or "").lower()
    after = ctx.text[r.end:r.end + 60]
    if sup in _words(ctx, "superlative_nouns"):
        return True
    if re.match(rf"(?:\s+[\w-]+)?\s+(?:{_alt(ctx, 'rank_nouns')})\b", after, re.IGNORECASE):
        return True
    if sup in _words(ctx, "sales_superlatives") and \
            re.match(rf"(?:\s+[\w-]+)?\s+(?:{_alt(ctx, 'product_rank_nouns')})\b", after, re.IGNORECASE):
        return True
    return bool(re.match(rf"(?:\s+[\w-]+){{0,2}}\s+(?:{_alt(ctx, 'among_words')})\s+(?:the\s+)?(?:[\w-]+\s+)?"
                         rf"(?:{_alt(ctx, 'rank_nouns')})\b", after, re.IGNORECASE))


def unnamed_markets(ctx: ExtractionContext, r: RankMention) -> bool:
    """"the first in many markets": a rank in markets that are not named."""
    rx = ctx.patterns["rankings"].get("unnamed_markets")
    return bool(rx) and re.match(str(rx), ctx.text[r.end:r.end + 60], re.IGNORECASE) is not None


def prev_word_in(before: str, words: list[str]) -> bool:
    prev = re.findall(r"[a-z]+", before.lower())
    return bool(prev) and prev[-1] in words


def ranked_entity(ctx: ExtractionContext, m: Mentions, lo: int, pos: int) -> tuple[Optional[EntityRef], Optional[int]]:
    best = None
    app = appositives(ctx, lo, pos)
    rivals = ctx.patterns["cues"].get("competitor_cues") or []
    for e in m.entities:
        if e.kind in _RANKED_KINDS and lo <= e.start and e.end <= pos and not any(a <= e.start < b for a, b in app):
            entry = ctx.entry(e)
            if entry is not None and any(t in SOURCE_TYPES for t in entry.types):
                continue
            if any(re.search(rf"\b{re.escape(c)}\s+$", ctx.text[max(lo, e.start - 30):e.start], re.IGNORECASE)
                   for c in rivals):
                continue  # "overtaking Apple to become the No. 2 brand": the rival is not ranked
            if re.search(r"\bthan\b", ctx.text[e.end:pos]) or pos - e.end > 120:
                continue
            best = e
    cue = None
    for c in m.cues_of("issuer"):
        if lo <= c.start and c.end <= pos and not any(a <= c.start < b for a, b in app):
            cue = c
    if cue is not None and (best is None or cue.start > best.end) and ctx.issuer is not None:
        if cue.surface == "It" and cue.start == lo:
            # a sentence opening "It ..." continues the product the sentence before was about
            for prev in reversed([s for s in ctx.sentences if s.end <= lo][-3:]):
                if "\n\n" in ctx.text[prev.end:lo]:
                    break
                products = [e for e in ctx.mentions(prev).entities if e.kind in ("product", "series")]
                if products:
                    return ctx.entity(products[0]), cue.start
        return ctx.issuer, cue.start
    sentence = next((s for s in ctx.sentences if s.start <= lo < s.end), None)
    named = [p for p in products_in(ctx, sentence) if lo <= p.start and p.end <= pos] if sentence else []
    if best is not None:
        within = next((p for p in named if best.kind == "brand" and p.start <= best.start < p.end), None)
        if within is not None:
            return within.ref, within.start     # "Mi" is the brand of the product name "Mi 11 Ultra"
        return ctx.entity(best), best.start
    if named:
        return named[-1].ref, named[-1].start   # a product name found by its shape ("the Mi 11 Ultra first in ...")
    return None, None


def _in_list_name(ctx: ExtractionContext, m: Mentions, e) -> bool:
    """"Fortune's Global 500", "Forbes' Top 100": a market word inside a ranking body's list name."""
    if re.match(r"\s+\d", ctx.text[e.end:e.end + 4]):
        return True
    return any(0 <= e.start - b.end <= 3 and re.fullmatch(r"['’]s?\s+", ctx.text[b.end:e.start])
               for b in m.entities if ctx.entry(b) is not None and "RankingBody" in ctx.entry(b).types)


def _markets_after(ctx: ExtractionContext, m: Mentions, r: RankMention, limit: int) -> list:
    """Markets named after the rank, chained by "and"/"," ("in Vietnam and Chile")."""
    out = []
    pos = r.end
    for e in m.entities:
        if e.kind != "market" or e.start < r.end or e.start >= limit:
            continue
        gap = between(ctx, pos, e.start)
        if not out and re.fullmatch(r"[\s\w'’-]{0,40}?\b(?:in|on|across|of)\s+(?:the\s+)?(?:overall\s+)?|\s+|"
                                    r"\s+(?:smartphone|position|place|spot|player|vendor|brand)s?\s+in\s+(?:the\s+)?|"
                                    r"\s+(?:place|position|spot)\s+",
                                    gap, re.IGNORECASE) and "," not in gap:
            out.append(e)
            pos = e.end
        elif out and re.fullmatch(r"\s*(?:,|and|,\s*and)\s*", gap):
            out.append(e)
            pos = e.end
        elif re.fullmatch(r"\s*", gap) and not out:
            out.append(e)
            pos = e.end
        else:
            break
    return out


def _market_before(ctx: ExtractionContext, m: Mentions, s: Sentence, r: RankMention, prev_end: int):
    cands = [e for e in m.entities if e.kind == "market" and prev_end <= e.start and e.end <= r.start]
    return cands[-1] if cands else None


def _measure(ctx: ExtractionContext, lo: int, hi: int, pos: int) -> Optional[str]:
    """The ranking measure named nearest the rank at ``pos`` ("ranked fifth ... by smartphone shipments")."""
    measures = ctx.patterns["rankings"].get("measures") or {}
    best: Optional[tuple[int, str]] = None
    for word, key in measures.items():
        for m in re.finditer(rf"\b{re.escape(str(word))}", ctx.text[lo:hi], re.IGNORECASE):
            dist = abs(lo + m.start() - pos)
            if best is None or dist < best[0]:
                best = (dist, str(key))
    return best[1] if best else None


def market_count_after(ctx: ExtractionContext, r: RankMention) -> Optional[re.Match[str]]:
    units = _words(ctx, "market_count_units")
    alt = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
    return re.match(rf"(?:\s+[\w-]+){{0,8}}?\s+in\s+(?:over\s+|more\s+than\s+|nearly\s+|about\s+)?"
                    rf"(?P<n>\d[\d,]*)\s+(?:[\w-]+\s+)?(?P<unit>{alt})\b", ctx.text[r.end:r.end + 80])


def _respective(ctx: ExtractionContext, m: Mentions, s: Sentence, ranks: list[RankMention], markets: list[EntityRef],
                source) -> list[Fact]:
    """"ranked first and third in India and Indonesia, respectively": ranks and markets aligned in order."""
    subject, sstart = ranked_entity(ctx, m, s.start, ranks[0].start)
    subject = subject or ctx.issuer
    if subject is None:
        return []
    out = []
    for r, market in zip(ranks, markets):
        q = Quantity(r.start, r.end, Decimal(r.rank), Decimal(r.rank), "number")
        lo, hi = clause_bounds(ctx, s, r.start)
        quals: tuple = (("construction", "respectively"),) + ((("rank_type", "top"),) if r.rank_type == "top" else ())
        start = sstart if sstart is not None and 0 <= r.start - sstart <= 150 else r.start
        out.append(Fact("ranking", ctx.doc.doc_id, subject, ctx.evidence(start, s.end), metric=_measure(ctx, s.start, s.end, r.start),
                        value=Decimal(r.rank), unit="rank", period=period_for(ctx, m, q, s.start, s.end, clause=(lo, hi)),
                        market=market, source=source, qualifiers=quals))
    return out


def extract(ctx: ExtractionContext) -> list[Fact]:
    facts: list[Fact] = []
    previous: list[Fact] = []
    prev_end: Optional[int] = None
    for s in ctx.sentences:
        found = _sentence(ctx, s)
        if previous and prev_end is not None and "\n\n" not in ctx.text[prev_end:s.start]:
            found = _continue_market(found, previous)
        facts.extend(found)
        previous, prev_end = (found, s.end) if found else ([], None)
        facts.extend(_positions(ctx, s))
    return _headlines_take_the_body_period(ctx, facts)


def _continue_market(found: list[Fact], previous: list[Fact]) -> list[Fact]:
    """"... our Nova 10 was the best seller (in mainland China). Our Zeta K30 Pro was the best-selling 5G
    smartphone.": a rank with no market of its own, right after a sentence that ranked in one market, is in it."""
    markets = {f.market for f in previous if f.kind == "ranking" and f.market is not None}
    if len(markets) != 1:
        return found
    market = next(iter(markets))
    return [replace(f, market=market) if f.kind == "ranking" and f.market is None and f.period in
            {p.period for p in previous} else f for f in found]


def _positions(ctx: ExtractionContext, s: Sentence) -> list[Fact]:
    """Self-described positions with no number ("one of the most active AI voice platforms in mainland China",
    "our world leading position in AIoT"): value = the words as written, qualifier rank_type=position."""
    m = ctx.mentions(s)
    blockers = [re.compile(str(b), re.IGNORECASE) for b in ctx.patterns["rankings"].get("position_blockers") or []]
    out: list[Fact] = []
    taken: list[tuple[int, int]] = []
    for rx in ctx.patterns["rankings"].get("positions") or []:
        for hit in re.finditer(str(rx), ctx.text[s.start:s.end], re.IGNORECASE):
            a, b = s.start + hit.start(), s.start + hit.end()
            if any(x < b and a < y for x, y in taken) or \
                    any(bl.search(ctx.text[max(s.start, a - 25):a]) for bl in blockers):
                continue
            subject, home = _position_holder(ctx, m, s, a, b)
            if subject is None:
                continue
            taken.append((a, b))
            market = next((e for e in m.entities if e.kind == "market" and a <= e.start < b), None) or \
                next((e for e in m.entities if e.kind == "market" and b <= e.start and
                      re.fullmatch(r"\s+(?:in|across)\s+(?:the\s+)?", ctx.text[b:e.start])), None)
            end = max(b, market.end) if market is not None and market.start >= b else b
            ref = ctx.entity(market) if market is not None else \
                (home if home is not None and re.search(r"\bthe\s+country['’]s\s+$", ctx.text[max(s.start, a - 20):a])
                 else anaphoric_market(ctx, max(s.start, a - 20), b))
            q = Quantity(a, end, Decimal(0), Decimal(0), "number")
            lo, hi = clause_bounds(ctx, s, a)
            lo = max(lo, ctx.text.rfind(",", s.start, a) + 1)         # not "Founded in 2008, the institute is ..."
            period = period_for(ctx, m, q, lo, hi, clause=(lo, hi))
            if period is None and ctx.doc.date:
                period = year(int(str(ctx.doc.date)[:4]))  # a position stated in the present holds at the date
            out.append(Fact("ranking", ctx.doc.doc_id, subject, ctx.evidence(a, end), metric=_measure(ctx, a, end, a),
                            value=" ".join(hit.group("v").split()), market=ref, period=period,
                            source=source_for(ctx, m), qualifiers=(("rank_type", "position"),)))
    return out


def _position_holder(ctx: ExtractionContext, m: Mentions, s: Sentence, a: int,
                     b: int) -> tuple[Optional[EntityRef], Optional[EntityRef]]:
    """Who holds a position phrase [a, b): a platform or product named inside it ("our leading AIoT platform
    position"), else the entity or issuer word nearest before it; "it"/"its" mean the entity named before them.
    Also the country of a company's country unit ("Acme India"), which "the country's" refers to."""
    inside = [e for e in m.entities if e.kind in ("platform", "product", "series") and a <= e.start < b]
    if inside:
        return ctx.entity(inside[0]), None
    ents = [e for e in m.entities if e.kind in _RANKED_KINDS and s.start <= e.start and e.end <= a
            and not (ctx.entry(e) is not None and any(t in SOURCE_TYPES for t in ctx.entry(e).types))]
    cues = [c for c in m.cues_of("issuer") if s.start <= c.start and c.end <= a]
    cue = cues[-1] if cues else None
    if cue is not None and (not ents or cue.start > ents[-1].end):
        if cue.surface.lower() in ("it", "its") and ents:
            return ctx.entity(ents[-1]), None
        return ctx.issuer, None
    if not ents:
        hit = re.search(r"\b[Tt]he\s+([a-z]{4,})\s+(?:(?:is|was|are|were|remains|has\s+been|now)\s+)?$",
                        ctx.text[s.start:a])
        return (named_by_head_noun(ctx, s, hit.group(1)) if hit else None), None
    e = ents[-1]
    nouns = _alt(ctx, "named_thing_nouns")
    named = re.match(rf"['’]s\s+(?P<name>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){{0,2}})\s+(?:{nouns})\b", ctx.text[e.end:a])
    if e.kind == "organisation" and named:
        # "Acme's AutoML model now leads the industry": the company's named model, platform or engine
        name = named.group("name")
        return ctx.discover(f"{e.target}-{name}", "platform", f"{ctx.entity(e).label.split()[0]} {name}",
                            ("Platform",)), None
    unit = next((c for c in m.entities if c.kind == "market" and c.start == e.end + 1 and ctx.entry(c) is not None
                 and "Country" in ctx.entry(c).types and ctx.text[e.end] == " "), None)
    if e.kind == "organisation" and unit is not None:
        # "Acme India, the country's leading smartphone brand": the company's unit in that country
        label = f"{ctx.text[e.start:e.end]} {ctx.text[unit.start:unit.end]}"
        return ctx.discover(f"{e.target}-{unit.target}", "organisation", label, ()), ctx.entity(unit)
    return ctx.entity(e), None


def _headlines_take_the_body_period(ctx: ExtractionContext, facts: list[Fact]) -> list[Fact]:
    """A headline ("Acme Has Ranked Third In The European Market") states no period; the body sentence that says
    the same (same subject, rank, market) does: the headline holds for that period."""
    out = []
    for f in facts:
        if f.period is None and _on_a_headline(ctx, f.evidence.start, f.evidence.end):
            same = [g for g in facts if g is not f and g.period is not None and g.subject == f.subject
                    and g.value == f.value and g.market == f.market and g.qualifiers == f.qualifiers
                    and not _on_a_headline(ctx, g.evidence.start, g.evidence.end)]
            if len({g.period for g in same}) == 1:
                f = replace(f, period=same[0].period)
        out.append(f)
    return out


def _on_a_headline(ctx: ExtractionContext, start: int, end: int) -> bool:
    """A short line of its own that does not end as a sentence does."""
    ls = ctx.text.rfind("\n", 0, start) + 1
    le = ctx.text.find("\n", end)
    line = ctx.text[ls:len(ctx.text) if le < 0 else le].strip()
    return 0 < len(line) < 160 and not line.endswith((".", "!", "?", ":", ";"))


def _sentence(ctx: ExtractionContext, s: Sentence) -> list[Fact]:
    m = ctx.mentions(s)
    ranks = []
    for r in sorted(m.ranks + _numbers_on_lists(ctx, m), key=lambda r: r.start):
        if is_rank(ctx, m, s, r):
            ranks.append(r)
        elif ranks and r.form == "ordinal" and not any(p.start <= r.start < p.end for p in m.periods) and \
                re.fullmatch(r"[^,;.]{0,50}\band\s+", ctx.text[ranks[-1].end:r.start]):
            ranks.append(r)  # "ranked 1st in open market channels and 2nd in the overall market"
    # a false start "top 5 -- top 4": the first is dropped
    seps = ctx.patterns["text"].get("false_start_separators") or []
    ranks = [r for i, r in enumerate(ranks)
             if not (i + 1 < len(ranks) and between(ctx, r.end, ranks[i + 1].start) in seps)]
    if not ranks:
        return []
    source = source_for(ctx, m)
    respective = respective_markets(ctx, m, s.start, s.end, len(ranks))
    if respective:
        return _respective(ctx, m, s, ranks, respective, source)
    quals_s: tuple = ()
    if any(c.kind == "first_time" for c in m.cues):
        quals_s += (("first_time", "true"),)
    out: list[Fact] = []
    prev_end = s.start
    last_subject: Optional[EntityRef] = None
    for i, r in enumerate(ranks):
        nxt = ranks[i + 1].start if i + 1 < len(ranks) else s.end
        if market_count_after(ctx, r):
            prev_end = r.end
            continue
        lo, hi = clause_bounds(ctx, s, r.start)
        if re.search(r"\b(?:the|a|an)\s+[a-z]+\s+(?:ranked|ranking|placed)\s+$", ctx.text[s.start:r.start]):
            prev_end = r.end
            continue  # "the competitor ranked second": someone unnamed
        subject, sstart = ranked_entity(ctx, m, s.start, r.start)
        if subject is None:
            subject, sstart = last_subject, None
        if subject is None:
            # no name before the rank: the issuer, when the rank is plainly a market position
            nouns = "|".join(re.escape(n) for n in _words(ctx, "rank_nouns"))
            positional = r.form in ("hash", "number", "top") and (
                re.match(rf"\s+(?:[\w-]+\s+)?(?:{nouns})\b", ctx.text[r.end:r.end + 40]) or
                any(e.kind == "market" and r.end <= e.start < nxt for e in m.entities))
            if ctx.issuer is None or not (positional or re.search(r"\brank", ctx.text[s.start:r.end], re.IGNORECASE)):
                prev_end = r.end
                continue
            subject = ctx.issuer
        last_subject = subject
        markets = _markets_after(ctx, m, r, nxt)
        if not markets and i + 1 < len(ranks) and re.match(r"[^,;]{0,40}\band\s*$", ctx.text[r.end:nxt]):
            # "ranked 1st in open market channels and 2nd in the overall market in Peru"
            nr = ranks[i + 1]
            markets = _markets_after(ctx, m, nr, ranks[i + 2].start if i + 2 < len(ranks) else s.end)
        unnamed = not markets and unnamed_markets(ctx, r)
        if not markets and not unnamed:
            mb = _market_before(ctx, m, s, r, prev_end if i > 0 else s.start)
            markets = [mb] if mb is not None else []
        markets = [e for e in markets if not _in_list_name(ctx, m, e)]
        refs = [ctx.entity(e) for e in markets] or \
            [None if unnamed else anaphoric_market(ctx, lo, hi) or framed_market(ctx, s.start)]
        q = Quantity(r.start, r.end, Decimal(r.rank), Decimal(r.rank), "number")
        period = period_for(ctx, m, q, s.start, s.end, clause=(lo, hi))
        if period is not None and period.kind != "year" and period.start is not None and source is not None \
                and "RankingBody" in source.types:
            period = year(period.start.year)  # an annual list (published in some month) ranks the year
        quals = quals_s
        if r.rank_type == "top":
            quals += (("rank_type", "top"),)
        for st in m.streaks:
            quals += (("streak", f"{st.count} {st.unit}s"),)
        start = sstart if sstart is not None and 0 <= r.start - sstart <= 150 else r.start
        for e, ref in zip(markets or [None], refs):
            end = max(r.end, e.end if e is not None else r.end)
            out.append(Fact("ranking", ctx.doc.doc_id, subject, ctx.evidence(start, end),
                            metric=_measure(ctx, s.start, s.end, r.start), value=Decimal(r.rank), unit="rank", period=period,
                            market=ref, source=source, qualifiers=quals))
        prev_end = r.end
    for mv in m.movements:
        subj = last_subject or ctx.issuer
        if subj is None:
            continue
        out.append(Fact("change", ctx.doc.doc_id, subj, ctx.evidence(mv.start, mv.end), metric="rank-position",
                        value=Decimal(mv.places), unit="places", source=source,
                        period=out[-1].period if out else ctx.period,
                        basis="YoY"))
    return out
