"""Market entries ("entered India and Indonesia", "entered the markets of ...") and founding, listing and
beginnings ("founded ... in 2008", "listed ... on July 9, 2018")."""
from __future__ import annotations

import re
from typing import Optional

from ..records import EntityRef, Fact, Period
from .clauses import clause_bounds
from .context import ExtractionContext, Mentions
from .entitylists import list_items, subject_before
from .eventfacts import _fact, _words, launches_read_dated_events
from .patterns import alternation
from .text import Sentence


def _market_entries(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    text = ctx.text
    verbs = re.compile(rf"\b(?:{alternation(_words(ctx, 'market_entry_verbs'))})\b", re.IGNORECASE)
    fillers = alternation(_words(ctx, "market_entry_fillers"))
    gap_rx = re.compile(rf"(?:\s+|\s*,\s*)(?:(?:{fillers})\b[\s,]*)*", re.IGNORECASE)
    cats = alternation(_words(ctx, "category_market_openers"))
    out: list[Fact] = []
    for v in verbs.finditer(text, s.start, s.end):
        if re.match(r"\s+into\s+(?:an?|the)\s+(?:agreement|partnership|contract|deal)", text[v.end():v.end() + 40]):
            continue
        lo, hi = clause_bounds(ctx, s, v.start())
        subject, sstart = subject_before(ctx, m, lo, v.start())
        if subject is None:
            continue
        g = gap_rx.match(text, v.end(), hi)
        pos = g.end() if g else v.end()
        markets = [e for e in m.entities if e.kind == "market" and e.start == pos]
        chain = list_items(ctx, m, pos, hi, kinds=("market",), discover_kind=None) if markets else []
        if chain:
            end = chain[-1][1]
            when = _near_period(ctx, m, s, v.start(), end, lo, hi)
            if when is not None and when.kind in ("day", "month", "year") and launches_read_dated_events(ctx):
                continue  # launches.py reads dated entries (kind event, metric market_entry)
            for a, b, ref in chain:
                value = when.label if when is not None else ref.label
                start = sstart if sstart is not None and v.start() - sstart <= 60 else v.start()
                out.append(_fact(ctx, subject, start, max(end, b), "market_entry", value, when, market=ref))
            continue
        c = re.match(rf"\s+(?:officially\s+)?(?:{cats})\s+", text[v.end():hi], re.IGNORECASE)
        if c:
            a = v.end() + c.end()
            stop = min([p.start for p in m.periods if p.start > a] + [hi])
            items = re.match(r"[a-z][\w -]{1,30}?(?:(?:,\s*|\s+and\s+|,\s*and\s+)[a-z][\w -]{1,30}?)*(?=\s*[,.;]|\s*$)",
                             text[a:stop])
            if items and all(len(i.split()) <= 3 for i in re.split(r",\s*(?:and\s+)?|\s+and\s+", items.group(0))):
                start = sstart if sstart is not None and v.start() - sstart <= 60 else v.start()
                after = next((p.period for p in m.periods if 0 <= p.start - (a + items.end()) <= 3), None)
                if re.search(verbs.pattern, text[start:v.start()], re.IGNORECASE):
                    start = v.start()  # "X entered Japan in 2018 and entered the markets of ...": this entry only
                out.append(_fact(ctx, subject, start, a + items.end(), "market_entry", items.group(0).strip(), after))
    return out


def _near_period(ctx: ExtractionContext, m: Mentions, s: Sentence, a: int, b: int, lo: int,
                 hi: int) -> Optional[Period]:
    """An explicit period in the clause, nearest to [a, b) (before or after)."""
    cands = [p for p in m.periods if lo <= p.start and p.end <= hi and p.how == "explicit"]
    if not cands:
        return None
    return min(cands, key=lambda p: a - p.end if p.end <= a else p.start - b if p.start >= b else 0).period


def _founding(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    text = ctx.text
    out: list[Fact] = []
    adj = alternation(_words(ctx, "verb_date_adjuncts"))
    for key, words in (("founded", "founding_verbs"), ("listing", "listing_verbs"), ("began", "start_verbs")):
        rx = re.compile(rf"(?<![\w-])(?:{alternation(_words(ctx, words))})\b", re.IGNORECASE)
        for v in rx.finditer(text, s.start, s.end):
            lo, hi = clause_bounds(ctx, s, v.start())
            after = [p for p in m.periods if p.start >= v.end() and p.end <= s.end and p.how == "explicit"]
            if not after:
                continue
            p = after[0]
            gap = text[v.end():p.start]
            if len(gap) > 70 or not re.fullmatch(rf"(?:\s+(?:{adj})\b[^,;.:]*?)?\s*(?:\b(?:in|on)\s+)?", gap,
                                                 re.IGNORECASE):
                continue
            subject = _fronted_subject(ctx, m, s, v.start(), p.end)
            sstart = None
            if subject is None:
                subject, sstart = subject_before(ctx, m, lo, v.start())
            if subject is None:
                continue
            start = sstart if sstart is not None and v.start() - sstart <= 60 else v.start()
            out.append(_fact(ctx, subject, start, p.end, key, p.period.label, p.period))
    return out


def _fronted_subject(ctx: ExtractionContext, m: Mentions, s: Sentence, vstart: int, pend: int) -> Optional[EntityRef]:
    """"Founded after ... in 2008, the institute is ...": the noun after the participle clause, resolved to the
    last organisation named before whose label has that noun (or the issuer for "the company")."""
    text = ctx.text
    if not re.fullmatch(r"\W*", text[s.start:vstart]):
        return None
    c = re.match(r"[^,]*,\s+(?:the|this|our|its)\s+(?P<noun>[a-z]+)\b", text[pend:s.end])
    if c is None:
        named = [e for e in m.entities if e.start > pend and re.fullmatch(r"[^,]*,\s*", text[pend:e.start])]
        return ctx.entity(named[0]) if named and named[0].kind != "market" else None
    noun = c.group("noun").lower()
    if noun in [w.lower() for w in ctx.patterns["relations"].get("issuer_nouns") or []] and ctx.issuer is not None:
        return ctx.issuer
    for prev in reversed([x for x in ctx.sentences if x.end <= s.start][-4:]):
        for e in reversed(ctx.mentions(prev).entities):
            if e.kind == "organisation" and noun in ctx.entity(e).label.lower():
                return ctx.entity(e)
    return None
