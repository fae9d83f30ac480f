"""People and their roles (kind role): subject = the person, value = the title, object = the organisation.

The readers turn the document into role statements (``RoleItem``):

- ``roleturns.py``: a transcript's speakers (participant lists, speaker markers, the operator's introductions,
  self-introductions), from the document model's turns;
- ``rolelines.py``: bylines, credits, label lines ("Media contact: NAME, TITLE") and signature blocks;
- ``rolesentences.py``: prose (appositives, titles before names, "as TITLE" lists, founders, board seats).

A name written once in full may later stand alone ("Roe, its chief executive"): a second pass over the prose reads
surnames and given names of the people found in the first. A statement is kept only when its name is a person's
(not a place, product or company the gazetteer or the document names). Statements of one role (same person,
same title up to spelling — "CEO" is "Chief Executive Officer" —, same organisation) become one fact, quoted from
the statement that says the most (the organisation named, the title written), else the first. A credit
("Reporting by ...") counts only for a person the document gives no other role.

The organisation is the one named; "our"/"the company's" is the issuer; "its" is the company named last; none
named is the issuer, except for the press (bylines, credits, correspondents: the publisher) and, in a document
with no issuer, a research firm's analysts (the publisher).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from typing import Optional

from ..iris import slugify
from ..records import EntityRef, Fact
from .context import ExtractionContext
from .matcher import normalise
from .peoplegrammar import PeopleGrammar, RoleItem, name_parts
from .rolelines import LineRules, read_lines
from .rolesentences import SentenceRules, read_sentence
from .roleturns import TurnRules, read_turns

_NOT_PEOPLE = ("market", "organisation", "product", "series", "brand", "platform", "fund", "segment")


def _not_leads(ctx: ExtractionContext) -> frozenset[str]:
    names = ctx.patterns["names"]
    return frozenset(str(w) for w in (names.get("leading_words") or []) + (names.get("not_names") or []))


def _is_thing(ctx: ExtractionContext, item: RoleItem, companies: frozenset[str]) -> bool:
    """The name is a place, company or product: one the gazetteer knows ("Hong Kong, ..."), or a company the
    document names (its issuer or publisher, a name with a legal suffix or a ticker)."""
    if _norm(item.name) in companies:
        return True
    return any(m.kind in _NOT_PEOPLE and m.start < item.name_end and item.name_start < m.end
               for m in ctx.engine.matcher.find(ctx.text, item.name_start, item.name_end))


def _norm(name: str) -> str:
    return " ".join(normalise(name)[0].split())


def _companies(ctx: ExtractionContext) -> frozenset[str]:
    """Names of the companies the document names for sure: issuer, publisher, names with a legal suffix or a
    ticker (whole, and without the suffix)."""
    out = {ctx.doc.publisher or "", ctx.doc.issuer.label if ctx.doc.issuer else ""}
    names = ctx.names
    for key, ref in names.refs.items():
        if ref.kind == "organisation" and names.how.get(key) in ("suffix", "ticker", "issuer"):
            out.add(ref.label)
            out.add(names.strip_suffix(ref.label))
    return frozenset(_norm(n) for n in out if n)


def _only_company(ctx: ExtractionContext) -> Optional[EntityRef]:
    """The one company a document without an issuer names with a legal suffix or a ticker (a research note on one
    company, a research firm's own release), else None."""
    names = ctx.names
    found = {key: ref for key, ref in names.refs.items()
             if ref.kind == "organisation" and names.how.get(key) in ("suffix", "ticker", "issuer")}
    return next(iter(found.values())) if len(found) == 1 else None


def _source_lines(ctx: ExtractionContext) -> str:
    """The layout view with the source's line breaks back (a speaker marker, a byline or a signature is a line of
    its own even where the view joined it to the next as a wrapped line); same length, same offsets."""
    a, b = ctx.doc.start, ctx.doc.end
    part = "".join("\n" if c == "\n" else v for v, c in zip(ctx.text[a:b], ctx.source[a:b]))
    return ctx.text[:a] + part + ctx.text[b:]


def collect(ctx: ExtractionContext, g: PeopleGrammar) -> list[RoleItem]:
    """Every role statement of the document, in two passes (full names, then the one-word forms of theirs)."""
    a, b = ctx.doc.start, ctx.doc.end
    turns = tuple(t for t in ctx.doc.turns if a <= t.start < b)
    suffixes = [str(s) for s in ctx.patterns["names"].get("legal_suffixes") or []]
    sentence_rules = SentenceRules(g, _not_leads(ctx), tuple(suffixes))
    spans = [(s.start, s.end) for s in ctx.sentences]
    items = read_turns(ctx.text, a, b, turns, TurnRules(g))
    items += read_lines(_source_lines(ctx), a, b, LineRules(g, suffixes), bool(turns), spans)
    for s in ctx.sentences:
        items += read_sentence(s.text, s.start, sentence_rules)
    companies = _companies(ctx)
    items = _one_reading(i for i in items if not _is_thing(ctx, i, companies))
    known = {g.bare(i.name) for i in items if len(g.bare(i.name).split()) >= 2} | {t.speaker for t in turns}
    parts = name_parts(known, g)
    singles = frozenset(w for w, full in parts.items() if len(full) == 1)
    if singles:
        for s in ctx.sentences:
            if any(w in s.text for w in singles):
                for i in read_sentence(s.text, s.start, sentence_rules, singles):
                    if len(g.bare(i.name).split()) == 1 and not _is_thing(ctx, i, companies):
                        full = next(iter(parts[g.bare(i.name)]))
                        items.append(replace(i, name=full))
    return items


_TIER = {"roster": 3, "speaker": 3, "firm": 3, "self": 3, "byline": 2, "credit": 2, "label": 2, "signature": 2}
_STRUCTURED = frozenset({"roster", "byline", "credit", "label", "signature"})


def _one_reading(items) -> list[RoleItem]:
    """One reading per statement: a reading overlapped by one of a more structured reader (a participant list,
    a speaker marker, a label line) is dropped when it is about the same person, or when the other reading
    owns its whole line ("Jo Park, Acme Inc. - Investor Relations Director\nAda Chen, ..." is not "Investor
    Relations Director Ada Chen")."""
    items = list(items)
    ranked = sorted((j for j in items if _TIER.get(j.how, 1) > 1), key=lambda j: j.start)
    starts = [j.start for j in ranked]
    longest = max((j.end - j.start for j in ranked), default=0)
    out = []
    for i in items:
        tier = _TIER.get(i.how, 1)
        lo, hi = bisect_left(starts, i.start - longest), bisect_left(starts, i.end)
        if any(_TIER.get(j.how, 1) > tier and j.end > i.start and (j.name == i.name or j.how in _STRUCTURED)
               for j in ranked[lo:hi]):
            continue
        out.append(i)
    return out


# -- entities -----------------------------------------------------------------------------------------------------

def _person(ctx: ExtractionContext, item: RoleItem, g: PeopleGrammar) -> EntityRef:
    for m in ctx.engine.matcher.find(ctx.text, item.name_start, item.name_end):
        if m.kind == "person" and m.end - m.start >= (item.name_end - item.name_start) - 5:
            return ctx.entity(m)
    label = g.bare(item.name)
    known = ctx.gazetteer.get(slugify(label))
    if known is not None and known.kind == "person":
        return known.ref()
    return ctx.discover(slugify(label), "person", label, ("Person",))


def _publisher(ctx: ExtractionContext) -> Optional[EntityRef]:
    if not ctx.doc.publisher:
        return None
    known = ctx.gazetteer.get(slugify(ctx.doc.publisher))
    if known is not None and known.kind == "organisation":
        return known.ref()
    return ctx.discover(slugify(ctx.doc.publisher), "organisation", ctx.doc.publisher, ("Organisation",))


def _last_company(ctx: ExtractionContext, pos: int, named: list[RoleItem], g: PeopleGrammar,
                  people: frozenset[str]) -> Optional[EntityRef]:
    """The company named last before ``pos`` in its sentence or the one before ("Acme said ... The company will
    hire, Jo Park, its chief executive, said"), else the issuer. Companies are the mentions of the sentence and the
    organisations other role statements name (``named``); a word of a person's name is not a company."""
    idx = next((i for i, s in enumerate(ctx.sentences) if s.start <= pos < s.end), None)
    if idx is None:
        return ctx.issuer
    words = {w for p in people for w in p.split()}
    for s in reversed(ctx.sentences[max(0, idx - 1):idx + 1]):
        stop = min(pos, s.end)
        found: list[tuple[int, Optional[EntityRef]]] = [
            (e.end, ctx.entity(e)) for e in ctx.mentions(s).entities
            if e.kind == "organisation" and e.end <= stop and not set(ctx.text[e.start:e.end].split()) <= words]
        found += [(i.org_end, _org(ctx, i, g, people)) for i in named
                  if i.org is not None and s.start <= i.org_start < i.org_end <= stop]
        found = [f for f in found if f[1] is not None]
        if found:
            return max(found, key=lambda f: f[0])[1]
    return ctx.issuer


def _default_org(ctx: ExtractionContext, item: RoleItem, g: PeopleGrammar, people: frozenset[str],
                 named: list[RoleItem]) -> Optional[EntityRef]:
    """No organisation named: the press's publisher, the company "its" points to, the issuer when the text says
    "our"/"the company's" or the document is the issuer's (or about it); in a research note a research firm's
    analysts work for the publisher. Otherwise the company a third party's document is about: its issuer, else the
    only company it names with a legal suffix or a ticker; with several, unknown (not the first one named)."""
    title = item.role or item.title
    if item.credit or g.is_press(title):
        return _publisher(ctx) or ctx.doc.issuer
    if item.pronoun:
        return _last_company(ctx, item.name_start, named, g, people)
    if ctx.doc.issuer is None and g.is_research(title):
        return _publisher(ctx)
    if item.issuer or ctx.doc.speaks_for_issuer:
        return ctx.issuer
    return ctx.doc.issuer or _only_company(ctx)


def _is_issuer(ctx: ExtractionContext, label: str) -> bool:
    issuer = ctx.issuer
    if issuer is None:
        return False
    words, own = slugify(label).split("-"), slugify(issuer.label).split("-")
    return bool(words) and own[:len(words)] == words


def _org(ctx: ExtractionContext, item: RoleItem, g: PeopleGrammar, people: frozenset[str] = frozenset(),
         named: tuple[RoleItem, ...] = ()) -> Optional[EntityRef]:
    if item.org is None:
        return _default_org(ctx, item, g, people, list(named))
    if item.org_start == item.org_end and item.org_start >= 0:
        return None                     # named in lower case: unknown
    if _is_issuer(ctx, item.org):
        return ctx.issuer
    hits = ctx.engine.matcher.find(ctx.text, item.org_start, item.org_end)
    for m in hits:
        if m.kind == "organisation" and m.start <= item.org_start + 1 and m.end >= item.org_end - 1:
            return ctx.entity(m)
    if not item.org[:1].isupper():
        return None
    markets = [m for m in hits if m.kind == "market"]
    label = item.org
    if markets and markets[-1].end >= item.org_end - 1 and markets[-1].start > item.org_start \
            and not any(m.kind == "organisation" for m in hits):
        label = ctx.text[item.org_start:markets[-1].start].strip()     # "UBS Hong Kong" -> "UBS"
    if _is_issuer(ctx, label):
        return ctx.issuer
    known = ctx.gazetteer.get(slugify(label))
    if known is not None and known.kind == "organisation":
        return known.ref()
    return ctx.discover(slugify(label), "organisation", label, ("Organisation",))


# -- facts --------------------------------------------------------------------------------------------------------

def _score(item: RoleItem) -> tuple[int, int]:
    """What a statement says (its organisation named, its title written), then how early it comes."""
    named = item.org is not None and not (item.org_start == item.org_end and item.org_start >= 0)
    return (2 * named + int(item.title_explicit), -item.start)


def extract(ctx: ExtractionContext) -> list[Fact]:
    g = PeopleGrammar(ctx.patterns)
    secondary = {str(s) for s in g.data.get("secondary_credits") or []}
    groups: dict[tuple[str, str, str], tuple[RoleItem, EntityRef, Optional[EntityRef]]] = {}
    items = collect(ctx, g)
    people = frozenset(g.bare(i.name) for i in items)
    for item in items:
        person = _person(ctx, item, g)
        org = _org(ctx, item, g, people, tuple(items))
        key = (person.key, g.title_key(item.role or item.title), org.key if org else "")
        best = groups.get(key)
        if best is None or _score(item) > _score(best[0]):
            groups[key] = (item, person, org)
    chosen = sorted(_widest(groups, g), key=lambda v: v[0].start)
    with_roles = {p.key for i, p, _ in chosen if not (i.how == "credit" and i.title in secondary)}
    facts = []
    for item, person, org in chosen:
        if item.how == "credit" and item.title in secondary and person.key in with_roles:
            continue            # "Reporting by" a correspondent the byline already gives a title
        facts.append(_fact(ctx, item, person, org, g))
    return facts


def _widest(groups: dict[tuple[str, str, str], tuple[RoleItem, EntityRef, Optional[EntityRef]]],
            g: PeopleGrammar) -> list[tuple[RoleItem, EntityRef, Optional[EntityRef]]]:
    """A title that is part of another title of the same person in the same organisation ("CEO" of "President
    and CEO") is that role stated in part: only the whole one is kept."""
    parts = {k: frozenset(p for p in re.split(r",\s*|\s+and\s+", k[1]) if p) for k in groups}
    out = []
    for k, v in groups.items():
        if any(o != k and o[0] == k[0] and o[2] == k[2] and parts[k] < parts[o] for o in groups):
            continue
        out.append(v)
    return out


def _fact(ctx: ExtractionContext, item: RoleItem, person: EntityRef, org: Optional[EntityRef],
          g: PeopleGrammar) -> Fact:
    value = g.singular(item.role or item.title)
    quals: tuple[tuple[str, str], ...] = (("title", item.title), ("statement", item.how))
    if item.spoken:
        quals += (("spoken", item.spoken),)
    if item.credit:
        quals += (("credit", "true"),)
    return Fact(kind="role", doc_id=ctx.doc.doc_id, subject=person, evidence=ctx.evidence(item.start, item.end),
                metric="role", value=value, object=org, qualifiers=quals)
