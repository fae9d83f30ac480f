"""Entity-to-entity relations (fact kind ``relation``; ``metric`` = the relation key, ``object`` = the other entity).

- Channel lists: a channel noun phrase ("online channels", "major European operators", "off-line channels"),
  an introducer ("like", "such as", "including almost everyone,") and a list of names: one relation per name
  (``online_channel``, ``retail_partner``, ``carrier_partner``); subject the issuer, object the partner. The
  market is one named right after the partner ("Cdiscount in Ghana"), else inside the channel phrase
  ("European operators"), else earlier in the sentence, else the paragraph's first market (its topic).
- Partners: "Partnering with X, <subject> ..." (X ``partner_of`` the main subject) and "<subject> collaborated
  with / works with [descriptor] X" (the subject ``partner_of`` X).
- Co-development: "jointly developed by A and B" (the partner ``co_developer`` of the issuer).
- Regional versions: "the overseas version of A, B" and "B, the global version of A" (B ``regional_version_of`` A).
- Locations: "<Place>-based <organisation noun>" and "based in / headquartered in <Place>" (``located_in``); a
  facility discovered with its place ("its own smart factory in Yizhuang"); operations set up in a place ("set up
  its local operations in Bengaluru": the company's unit in the market the sentence names).
- Sales drivers: "as brisk sales of Orbit S21 smartphones ... more than made up for ..." (the company
  ``sales_driver`` the product, with the clause's period).
- Fund founders: "A and B have established a 12 billion fund" (the fund ``established_by`` each founder other
  than the company whose fund discovery already made it).

Names not in the gazetteer are discovered when they look like names (capitalised, or a web address). Every
cue word lives in ``mappings/patterns/relations.yaml``.
"""
from __future__ import annotations

import re
from typing import Optional

from ..records import EntityRef, Fact
from .context import ExtractionContext, Mentions
from .patterns import alternation
from .clauses import clause_bounds
from .text import Sentence

_NAME = r"[A-Z][\w.&'’-]*(?:\s+(?:[A-Z0-9][\w.&'’-]*|of|de|la)){0,4}"
_WEB = r"[A-Za-z][\w-]*\.(?:com|cn|in|net|co\.uk|de|fr|es|it)\b"
_SUBJECT_KINDS = ("organisation", "product", "series", "brand", "platform")
_RELATION_TYPES = {"online_channel": ("Retailer",), "retail_partner": ("Retailer",),
                   "carrier_partner": ("Carrier",)}


def _cfg(ctx: ExtractionContext) -> dict:
    return ctx.patterns["relations"]


def _words(ctx: ExtractionContext, key: str) -> list[str]:
    return [str(w) for w in _cfg(ctx).get(key) or []]


def subject_before(ctx: ExtractionContext, m: Mentions, lo: int, pos: int,
                   kinds: tuple[str, ...] = _SUBJECT_KINDS) -> tuple[Optional[EntityRef], Optional[int]]:
    """The entity a clause is about: the nearest named entity or issuer word ("we", "the company") before
    ``pos`` in [lo, pos) (ranking bodies and research firms are sources, not subjects)."""
    best = None
    for e in m.entities:
        if e.kind in kinds and lo <= e.start and e.end <= pos and pos - e.end <= 150:
            entry = ctx.entry(e)
            if entry is not None and {"RankingBody", "ResearchFirm"} & set(entry.types):
                continue
            best = e
    cue = None
    for c in m.cues_of("issuer"):
        if lo <= c.start and c.end <= pos and pos - c.end <= 150:
            cue = c
    if cue is not None and ctx.issuer is not None and (best is None or cue.start > best.end):
        return ctx.issuer, cue.start
    if best is not None:
        return ctx.entity(best), best.start
    return None, None


def _stop(ctx: ExtractionContext) -> set[str]:
    return {w.lower() for w in _words(ctx, "list_stopwords")}


def list_items(ctx: ExtractionContext, m: Mentions, pos: int, hi: int, *, kinds: tuple[str, ...] = ("organisation",),
               discover_kind: Optional[str] = "organisation",
               types: tuple[str, ...] = (), allow_issuer: bool = False) -> list[tuple[int, int, EntityRef]]:
    """Names listed from ``pos`` ("A, B and C", "A, like B"): gazetteer entities of ``kinds`` or, when
    ``discover_kind`` is set, capitalised names and web addresses (discovered). Stops at anything else."""
    text = ctx.text
    seps = [re.compile(p, re.IGNORECASE) for p in _words(ctx, "list_separators")] or [re.compile(r"\s*,\s*|\s+and\s+")]
    stop = _stop(ctx)
    out: list[tuple[int, int, EntityRef]] = []
    while pos < hi:
        ws = re.match(r"\s*", text[pos:hi])
        p0 = pos + (ws.end() if ws else 0)
        ent = next((e for e in m.entities if e.start == p0 and e.end <= hi), None)
        if ent is not None:
            if ent.kind not in kinds:
                break
            if not allow_issuer and ctx.issuer is not None and ctx.entity(ent).key == ctx.issuer.key:
                break
            out.append((ent.start, ent.end, ctx.entity(ent)))
            pos = ent.end
        elif discover_kind is not None:
            nm = re.match(rf"{_WEB}|{_NAME}", text[p0:hi])
            if nm is None or nm.group(0).split()[0].lower().strip(".") in stop:
                break
            name = nm.group(0).rstrip(".’'")
            # a name may not run into a known entity ("Amazon in Ghana" is cut before "in")
            inner = next((e for e in m.entities if p0 < e.start < p0 + len(name)), None)
            if inner is not None:
                name = text[p0:inner.start].rstrip()
                name = re.sub(r"\s+(?:in|of|and|the)$", "", name)
            if not name or name.lower() in stop:
                break
            ref = ctx.discover(name, discover_kind, name, types)
            out.append((p0, p0 + len(name), ref))
            pos = p0 + len(name)
        else:
            break
        for sep in seps:
            sm = sep.match(text, pos, hi)
            if sm and sm.end() > pos:
                nxt = text[sm.end():sm.end() + 12].split()
                if not nxt or nxt[0].lower().strip(",.") in stop:
                    return _dedupe(out)
                pos = sm.end()
                break
        else:
            break
    return _dedupe(out)


def _dedupe(items: list[tuple[int, int, EntityRef]]) -> list[tuple[int, int, EntityRef]]:
    seen: set[str] = set()
    out = []
    for a, b, ref in items:
        if ref.key not in seen:
            seen.add(ref.key)
            out.append((a, b, ref))
    return out


def _rel(ctx: ExtractionContext, key: str, subject: EntityRef, obj: EntityRef, start: int, end: int,
         market: Optional[EntityRef] = None, quals: tuple = ()) -> Fact:
    return Fact("relation", ctx.doc.doc_id, subject, ctx.evidence(start, end), metric=key, object=obj,
                market=market, qualifiers=quals)


def extract(ctx: ExtractionContext) -> list[Fact]:
    facts: list[Fact] = []
    for s in ctx.sentences:
        m = ctx.mentions(s)
        facts.extend(_channel_lists(ctx, s, m))
        facts.extend(_partners(ctx, s, m))
        facts.extend(_codevelopers(ctx, s, m))
        facts.extend(_versions(ctx, s, m))
        facts.extend(_locations(ctx, s, m))
        facts.extend(_houses(ctx, s, m))
        facts.extend(_facility_places(ctx, s, m))
        facts.extend(_operation_bases(ctx, s, m))
        facts.extend(_fund_founders(ctx, s, m))
        facts.extend(_sales_drivers(ctx, s, m))
    return facts


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


# ---------------------------------------------------------------- partners, co-developers

def _named_after(ctx: ExtractionContext, m: Mentions, pos: int, hi: int, types: tuple[str, ...]):
    """The entity named at ``pos`` after "the" and a few lower-case descriptor words (a known organisation,
    product or platform, or a capitalised name, discovered as an organisation)."""
    text = ctx.text
    n = int(_cfg(ctx).get("partner_descriptor_max") or 4)
    d = re.match(rf"\s*(?:the\s+|a\s+|an\s+)?(?:[a-z][\w-]*\s+){{0,{n}}}", text[pos:hi])
    candidates = [pos + d.end()] if d else []
    if d and d.end() > 0:
        candidates.append(pos + len(re.match(r"\s*(?:the\s+)?", text[pos:hi]).group(0)))
    for p0 in candidates:
        ent = next((e for e in m.entities if e.start == p0), None)
        if ent is not None:
            return (ent.start, ent.end, ctx.entity(ent)) if ent.kind in _SUBJECT_KINDS else None
        nm = re.match(rf"{_WEB}|{_NAME}", text[p0:hi])
        if nm and nm.group(0).split()[0].lower() not in _stop(ctx):
            name = nm.group(0).rstrip(".’'")
            return p0, p0 + len(name), ctx.discover(name, "organisation", name, types)
    return None


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


def _versions(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    from .products import products_in

    text = ctx.text
    regions = alternation(_words(ctx, "version_regions"))
    nouns = alternation(_words(ctx, "version_nouns"))
    prods = products_in(ctx, s)
    out: list[Fact] = []
    rx = re.compile(rf"\bthe\s+(?P<region>{regions})\s+(?:{nouns})\s+of\s+(?:the\s+)?", re.IGNORECASE)
    for r in rx.finditer(text, s.start, s.end):
        original = next((p for p in prods if p.start == r.end()), None)
        if original is None:
            continue
        after = next((p for p in prods if p.start > original.end and
                      re.fullmatch(r"\s*,\s*(?:the\s+)?", text[original.end:p.start])), None)
        before = next((p for p in reversed(prods) if p.end <= r.start() and
                       re.fullmatch(r"\s*,\s*", text[p.end:r.start()])), None)
        version = after or before
        if version is None or version.ref.key == original.ref.key:
            continue
        a, b = (r.start(), version.end) if after else (version.start, original.end)
        out.append(_rel(ctx, "regional_version_of", version.ref, original.ref, a, b,
                        quals=(("region", r.group("region").lower()),)))
    return out


# ---------------------------------------------------------------- locations

def _place(ctx: ExtractionContext, m: Mentions, a: int, b: int, name: str) -> Optional[EntityRef]:
    """A place: the gazetteer market at [a, b), else a discovered city; another kind of entity is no place."""
    ent = next((e for e in m.entities if e.start <= a < e.end), None)
    if ent is not None:
        return ctx.entity(ent) if ent.kind == "market" else None
    return ctx.discover(name, "market", name, ("City",))


def _locations(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    text = ctx.text
    out: list[Fact] = []
    nouns = alternation(_words(ctx, "based_nouns"))
    issuer_nouns = {w.lower() for w in _words(ctx, "issuer_nouns")}
    rx = re.compile(rf"(?P<det>\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Oo]ur)\s+)?(?P<place>[A-Z][\w'’]+(?:\s+[A-Z][\w'’]+){{0,2}})"
                    rf"-based\s+(?:[a-z][\w-]*\s+){{0,2}}?(?P<noun>{nouns})\b")
    for r in rx.finditer(text, s.start, s.end):
        place = _place(ctx, m, r.start("place"), r.end("place"), r.group("place"))
        if place is None:
            continue
        det = (r.group("det") or "").strip().lower()
        subject = None
        start = r.start()
        if det in ("a", "an"):
            prev = [e for e in m.entities if e.end <= r.start() and
                    re.fullmatch(r"\s*,\s*", text[e.end:r.start()]) and e.kind in ("organisation", "product", "brand")]
            named = re.search(rf"(?<![\w.])({_NAME})\s*,\s*$", text[max(s.start, r.start() - 60):r.start()])
            if prev:
                subject, start = ctx.entity(prev[-1]), prev[-1].start
            elif named and not any(e.start <= r.start() - len(named.group(0)) < e.end for e in m.entities):
                # "Hasselblad, a Sweden-based camera company": a name the gazetteer lacks, discovered
                name = named.group(1)
                subject, start = ctx.discover(name, "organisation", name, ("Company",)), r.start() - len(named.group(0))
        elif det == "the" and r.group("noun").lower() in issuer_nouns and ctx.issuer is not None:
            subject = ctx.issuer
        elif det in ("its", "our") and ctx.issuer is not None:
            continue  # "its Beijing-based unit": the unit, not the company
        if subject is None or subject.key == place.key:
            continue
        out.append(_rel(ctx, "located_in", subject, place, start, r.end("noun")))
    roles = alternation(_words(ctx, "located_roles"))
    rx3 = re.compile(rf"\b(?:{roles})s?\s+(?:with|at|of)\s+", re.IGNORECASE)
    for r in rx3.finditer(text, s.start, s.end):
        named = _named_after(ctx, m, r.end(), s.end, ("Company",))
        if named is None or named[2].kind != "organisation":
            continue
        a, b, org = named
        inn = re.match(r"\s+in\s+", text[b:b + 6])
        here = next((e for e in m.entities if inn and e.kind == "market" and e.start == b + inn.end()), None)
        if here is None or (ctx.issuer is not None and org.key == ctx.issuer.key):
            continue
        place = ctx.entity(here)
        out.append(_rel(ctx, "located_in", org, place, a, here.end))
    cues = alternation(_words(ctx, "location_cues"))
    rx2 = re.compile(rf"\b(?:{cues})\s+(?P<place>[A-Z][\w'’]+(?:\s+[A-Z][\w'’]+){{0,2}})")
    for r in rx2.finditer(text, s.start, s.end):
        place = _place(ctx, m, r.start("place"), r.end("place"), r.group("place"))
        if place is None:
            continue
        lo, _ = clause_bounds(ctx, s, r.start())
        prev = [e for e in m.entities if lo <= e.start and e.end <= r.start() and r.start() - e.end <= 40
                and e.kind == "organisation" and re.fullmatch(r"\s*,?\s*(?:(?:is|are|was)\s+)?", text[e.end:r.start()])]
        if not prev:
            continue
        subject = ctx.entity(prev[-1])
        if subject.key == place.key:
            continue
        out.append(_rel(ctx, "located_in", subject, place, prev[-1].start, r.end("place")))
    return out


def _houses(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    """"The IT & Mobile Communications (IM) division, which houses the handset business": the segment
    ``houses`` a business (discovered as a segment of the issuer)."""
    if ctx.issuer is None:
        return []
    text = ctx.text
    verbs = alternation(_words(ctx, "houses_verbs"))
    nouns = alternation(_words(ctx, "business_nouns"))
    rx = re.compile(rf",\s+which\s+(?:{verbs})\s+(?:the|its|our)\s+(?P<what>(?:[\w&-]+\s+){{1,4}}?(?:{nouns}))\b")
    out: list[Fact] = []
    for r in rx.finditer(text, s.start, s.end):
        seg = next((e for e in reversed(m.entities) if e.end <= r.start() and e.kind == "segment" and
                    re.fullmatch(r"\s*", text[e.end:r.start()])), None)
        if seg is None:
            continue
        what = r.group("what")
        part = ctx.discover(f"{ctx.issuer.key}-{what}", "segment", what, ("BusinessSegment",))
        out.append(_rel(ctx, "houses", ctx.entity(seg), part, seg.start, r.end("what")))
    return out


# ---------------------------------------------------------------- facilities, operation bases, fund founders

def _place_at(ctx: ExtractionContext, m: Mentions, a: int, b: int, name: str) -> EntityRef:
    """The gazetteer market exactly at [a, b), else a discovered city."""
    ent = next((e for e in m.entities if e.start == a and e.end == b and e.kind == "market"), None)
    return ctx.entity(ent) if ent is not None else ctx.discover(name, "market", name, ("City",))


def _facility_places(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    """"its own smart factory in Yizhuang": the discovered facility is ``located_in`` the place."""
    nouns = alternation(str(w) for w in ctx.patterns["discovery"].get("facility_nouns") or [])
    out: list[Fact] = []
    for e in m.entities:
        if e.kind != "organisation" or e.target not in ctx.discovered:
            continue
        r = re.search(rf"\b(?:{nouns})\s+in\s+(?P<place>[A-Z][\w-]+)$", e.surface)
        if r is None:
            continue
        a = e.start + r.start("place")
        place = _place_at(ctx, m, a, a + len(r.group("place")), r.group("place"))
        out.append(_rel(ctx, "located_in", ctx.entity(e), place, e.start, e.end))
    return out


def _operation_bases(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    """"Acme entered India in 2014 and set up its local operations in Bengaluru": Acme's unit in India is
    ``located_in`` Bengaluru (the company itself when the sentence names no market)."""
    text = ctx.text
    n = int(_cfg(ctx).get("base_adjectives_max") or 2)
    rx = re.compile(rf"\b(?:{alternation(_words(ctx, 'base_verbs'))})\s+(?:its|their|our)\s+(?:(?:new|own|[a-z-]+)\s+)"
                    rf"{{0,{n}}}?(?:{alternation(_words(ctx, 'base_nouns'))})\s+in\s+(?P<place>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)")
    out: list[Fact] = []
    for r in rx.finditer(text, s.start, s.end):
        company, sstart = subject_before(ctx, m, s.start, r.start(), kinds=("organisation",))
        if company is None:
            continue
        place = _place_at(ctx, m, r.start("place"), r.end("place"), r.group("place"))
        market = next((e for e in m.entities if e.kind == "market" and e.end <= r.start() and
                       ctx.entity(e).key != place.key), None)
        subject = company
        if market is not None:
            where = ctx.entity(market)
            named = next((e.surface for e in m.entities if e.start == sstart), None) or company.label
            subject = ctx.discover(f"{company.key}-{where.key}", "organisation", f"{named} {where.label}",
                                   ("Organisation",))  # "Acme India": the company's unit in that market
        if subject.key == place.key:
            continue
        start = sstart if sstart is not None and r.start() - sstart <= 80 else r.start()
        out.append(_rel(ctx, "located_in", subject, place, start, r.end("place")))
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



def _sales_drivers(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    """"profit rose ... as brisk sales of Orbit S21 smartphones and televisions more than made up for ...": the
    products named right after the cue drove the company's results."""
    from dataclasses import replace

    from .products import products_in
    from .qualitative import statement_period

    rx = _cfg(ctx).get("driver_cues")
    if not rx:
        return []
    out: list[Fact] = []
    for r in re.finditer(rx, ctx.text[s.start:s.end], re.IGNORECASE):
        pos = s.start + r.end()
        items: list[tuple[int, int, EntityRef]] = []
        for p in products_in(ctx, s):
            if p.start == pos or (items and re.fullmatch(r"\s*(?:,|and|,\s*and|as\s+well\s+as)\s*(?:the\s+)?",
                                                         ctx.text[items[-1][1]:p.start])):
                items.append((p.start, p.end, p.ref))
            elif items:
                break
        if not items:
            continue
        company, _ = subject_before(ctx, m, s.start, s.start + r.start(), kinds=("organisation",))
        company = company or ctx.issuer
        if company is None:
            continue
        period = statement_period(ctx, m, s, s.start + r.start(), pos)
        for a, b, ref in items:
            out.append(replace(_rel(ctx, "sales_driver", company, ref, s.start + r.start(), b), period=period))
    return out
