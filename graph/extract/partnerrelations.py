"""Partner relations: channel lists (``online_channel``, ``retail_partner``, ``carrier_partner``), partners
(``partner_of``), co-developers (``co_developer``) and a fund's founders (``established_by``)."""
from __future__ import annotations

import re
from typing import Optional

from ..records import EntityRef, Fact
from .clauses import clause_bounds
from .context import ExtractionContext, Mentions
from .entitylists import _SUBJECT_KINDS, _named_after, list_items, subject_before
from .patterns import alternation
from .relationfacts import _cfg, _rel, _words
from .text import Sentence


_RELATION_TYPES = {"online_channel": ("Retailer",), "retail_partner": ("Retailer",),
                   "carrier_partner": ("Carrier",)}


# ---------------------------------------------------------------- channel lists

def paragraph_market(ctx: ExtractionContext, pos: int) -> Optional[EntityRef]:
    """The first market named in the paragraph (up to a blank line) before ``pos``: its topic."""
    start = ctx.text.rfind("\n\n", ctx.doc.start, pos)
    start = ctx.doc.start if start < 0 else start
    for s in ctx.sentences:
        if s.end <= start or s.start >= pos:
            continue
        for e in ctx.mentions(s).entities:
            if e.kind == "market" and e.end <= pos:
                return ctx.entity(e)
    return None


def _channel_lists(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    if ctx.issuer is None:
        return []
    text = ctx.text
    nouns = {str(w).lower(): key for key, ws in (_cfg(ctx).get("channel_nouns") or {}).items() for w in ws}
    intro = "|".join(f"(?:{p})" for p in _words(ctx, "list_introducers")) or r"(?!)"
    rx = re.compile(rf"\b(?P<noun>{alternation(nouns)})\s*(?P<intro>{intro})", re.IGNORECASE)
    out: list[Fact] = []
    for r in rx.finditer(text, s.start, s.end):
        key = nouns[r.group("noun").lower()]
        lo, hi = clause_bounds(ctx, s, r.start())
        items = list_items(ctx, m, r.end(), s.end, types=_RELATION_TYPES.get(key, ("Partner",)))
        if not items:
            continue
        # the channel noun phrase: back to the previous comma or clause start
        np_start = max(text.rfind(",", s.start, r.start()) + 1, lo, s.start)
        in_np = [e for e in m.entities if e.kind == "market" and np_start <= e.start < r.end()]
        before = [e for e in m.entities if e.kind == "market" and s.start <= e.start < np_start]
        default = ctx.entity(in_np[-1]) if in_np else ctx.entity(before[-1]) if before else \
            paragraph_market(ctx, r.start())
        heres = [next((e for e in m.entities if e.kind == "market" and b < e.start <= b + 9 and
                       re.fullmatch(r"\s+in\s+(?:the\s+)?", text[b:e.start], re.IGNORECASE)), None)
                 for _, b, _ in items]
        # "A, B and C in Ghana": a market after a closed list is the whole list's ("A, like B in Ghana" is B's)
        closed = len(items) > 1 and re.fullmatch(r"\s*,?\s*(?:and|or)\s+", text[items[-2][1]:items[-1][0]])
        if closed and heres[-1] is not None and not any(heres[:-1]):
            default = ctx.entity(heres[-1])
        for (a, b, ref), here in zip(items, heres):
            market = default
            end = b
            if here is not None:
                market, end = ctx.entity(here), here.end
            start = np_start if a - np_start <= 120 else r.start()
            written = " ".join(text[a:b].split())
            quals = (("name", written),) if written != ref.label else ()
            out.append(_rel(ctx, key, ctx.issuer, ref, start, end, market, quals=quals))
    return out


def _partners(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    text = ctx.text
    strong = {w.lower() for w in _words(ctx, "partner_cues")}
    rx = re.compile(rf"\b(?:{alternation(strong | {w.lower() for w in _words(ctx, 'weak_partner_cues')})})\b",
                    re.IGNORECASE)
    org_nouns = alternation(_words(ctx, "partner_nouns"))
    out: list[Fact] = []
    for c in rx.finditer(text, s.start, s.end):
        lo, hi = clause_bounds(ctx, s, c.start())
        named = _named_after(ctx, m, c.end(), s.end, ("Partner",))
        if named is None:
            continue
        a, b, partner = named
        if partner.kind != "organisation":
            continue  # "works with Google Assistant": a product or platform is no partner
        known = ctx.gazetteer.get(partner.key) is not None and partner.key not in ctx.discovered
        if c.group(0).lower() not in strong and not known and \
                not re.search(rf"\b(?:{org_nouns})s?\s+$", text[c.end():a], re.IGNORECASE):
            continue
        if re.match(r"\s*,?\s*(?:like|such as|including)\b", text[b:b + 20]) or \
                re.search(r"\b(?:like|such as|including)\b", text[c.end():a]):
            continue  # a list after a channel noun: _channel_lists
        fronted = re.fullmatch(r"\W*", text[s.start:c.start()]) is not None
        if fronted:
            comma = text.find(",", b, s.end)
            other = None
            if comma >= 0:
                rest = [e for e in m.entities if e.start > comma and e.kind in _SUBJECT_KINDS]
                cue = [x for x in m.cues_of("issuer") if x.start > comma]
                first = min([(e.start, ctx.entity(e)) for e in rest[:1]] + [(x.start, ctx.issuer) for x in cue[:1]
                                                                             if ctx.issuer is not None],
                            key=lambda t: t[0], default=None)
                if first is not None and first[0] - comma <= 120 and \
                        not re.search(r"\b(?:a|an)\s+[\w-]+\s+(?:organi[sz]ation|company|firm)\b",
                                      text[comma:first[0]]) or (first is not None and first[1] is ctx.issuer):
                    other = first[1]
            if other is None or other.key == partner.key:
                continue
            out.append(_rel(ctx, "partner_of", partner, other, c.start(), b))
            continue
        subject, sstart = subject_before(ctx, m, lo, c.start())
        if re.match(r"\s*(?:It|They|This|The\s+\w+)\b", text[s.start:c.start()]) and \
                (subject is None or (sstart is not None and sstart == s.start and ctx.issuer is not None
                                     and subject.key == ctx.issuer.key)):
            subject = _topic_of_previous(ctx, s) or subject  # "It also works with X": the product before
        if subject is None or subject.key == partner.key:
            continue
        start = sstart if sstart is not None and c.start() - sstart <= 80 else c.start()
        out.append(_rel(ctx, "partner_of", subject, partner, start, b))
    return out


def _topic_of_previous(ctx: ExtractionContext, s: Sentence) -> Optional[EntityRef]:
    """The first product or organisation the sentence before names (what "It" refers to)."""
    prev = [x for x in ctx.sentences if x.end <= s.start]
    if not prev or "\n\n" in ctx.text[prev[-1].end:s.start] and not prev[-1].line_start:
        return None
    for e in ctx.mentions(prev[-1]).entities:
        if e.kind in ("product", "series", "platform"):
            return ctx.entity(e)
    return None


def _codevelopers(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    text = ctx.text
    rx = re.compile(rf"\b(?:{alternation(_words(ctx, 'codevelop_cues'))})\s+", re.IGNORECASE)
    out: list[Fact] = []
    for c in rx.finditer(text, s.start, s.end):
        start = c.end()
        refs: list[EntityRef] = []
        own = re.match(r"\s*(?:us|we|our\s+company)\b(?:\s*(?:,|and)\s*)*", text[start:s.end])
        if own and ctx.issuer is not None:
            refs.append(ctx.issuer)
            start += own.end()
        items = list_items(ctx, m, start, s.end, types=("Partner",), allow_issuer=True)
        refs += [ref for _, _, ref in items]
        if len(refs) < 2:
            continue
        end = items[-1][1] if items else c.end()
        issuer = ctx.issuer
        anchor = next((r for r in refs if issuer is not None and r.key == issuer.key), refs[0])
        product = [e for e in m.entities if e.kind in ("product", "series") and e.end <= c.start()]
        quals = (("product", ctx.entity(product[-1]).label),) if product else ()
        for ref in refs:
            if ref.key != anchor.key:
                out.append(_rel(ctx, "co_developer", ref, anchor, c.start(), end, quals=quals))
    return out


def _fund_founders(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    """"A and B have established a 12 billion fund": the fund ``established_by`` A and B (not by the company
    whose fund discovery already made it)."""
    text = ctx.text
    verbs = alternation(_words(ctx, "fund_founding_verbs"))
    out: list[Fact] = []
    for fund in (e for e in m.entities if e.kind == "fund"):
        lo, _ = clause_bounds(ctx, s, fund.start)
        v = re.search(rf"(?:\s+(?:have|has|had|jointly))*\s+(?:{verbs})\s+(?:an?|the|their|its|our)\s+[^,;.]{{0,30}}$",
                      text[lo:fund.start])
        if v is None:
            continue
        head = lo + v.start()
        founders = list_items(ctx, m, lo, head, allow_issuer=True)
        if not founders or founders[-1][1] != head:
            continue  # the founders must be the whole clause subject
        owned = ctx.entity(fund)
        for a, b, ref in founders:
            if ctx.issuer is not None and ref.key == ctx.issuer.key and owned.key.startswith(ctx.issuer.key + "-"):
                continue
            out.append(_rel(ctx, "established_by", owned, ref, founders[0][0], fund.end))
    return out
