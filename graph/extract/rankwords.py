"""Whether a rank phrase is a rank in its context ("ranked fourth", "#2", "top 5", "third-biggest") and not a
period ordinal ("the first quarter"), an enumeration ("question #1", "number two, we ...") or a streak; words in
``mappings/patterns/rankings.yaml``. Used by the rank frames (rankframes.py) and the dated-event extractor.
"""
from __future__ import annotations

import re

from .context import ExtractionContext, Mentions
from .products import products_in
from .ranks import RankMention
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
        if re.search(r"\b(?:is|are|was|were|be|been|become|became|remain|remains|remained|stay|stays|stayed|"
                     r"ranked|ranks|rank)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$", before):
            return True     # "In OLED we are the clear global number one."
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


def counted_markets(ctx: ExtractionContext, r: RankMention) -> bool:
    """"ranked top five in over 40 countries", "top 3 in 25 markets", "first by sales in 12 categories": a rank held in a number of places is a count of
    those places (``rankings.yaml`` market_count_units), no rank in any one market; the rank is not read."""
    units = _alt(ctx, "market_count_units")
    words = "|".join(re.escape(w) for w in sorted(ctx.engine.quantities.number_words, key=len, reverse=True))
    # the measure ranked by may stand between ("ranked 1st in terms of unit sales in 219 categories")
    return re.match(rf"(?:\s+(?:in\s+terms\s+of|by)\s+(?:[\w’'-]+\s+){{0,5}}?[\w’'-]+)?"
                    rf"\s+(?:in|across)\s+(?:(?:over|more\s+than|about|around|nearly|some|almost)\s+)?"
                    rf"(?:\d[\d,]*|(?:{words or '(?!)'})(?:-\w+)?)\s+(?:{units})\b", ctx.text[r.end:r.end + 120],
                    re.IGNORECASE) is not None


def prev_word_in(before: str, words: list[str]) -> bool:
    prev = re.findall(r"[a-z]+", before.lower())
    return bool(prev) and prev[-1] in words
