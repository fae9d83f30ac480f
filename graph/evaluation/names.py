"""Who a fact is about, for scoring: an identity (company, product, market, group, person) compared across the
gold's free-text subject and the fact's ``EntityRef``.

A segment is not an identity of its own: "Acme / Data Center" is the company Acme, and the segment's words join
the measure's words (``graph/evaluation/measures.py``), so "Acme / Data Center" + "revenue" and "Acme" +
"data center revenue" describe the same figure and "Acme" + "revenue" does not.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ..gazetteer import EntityEntry, Gazetteer
from ..records import EntityRef

LEGAL = frozenset("""inc incorporated corp corporation co company ltd limited llc plc ag se sa s.a nv n.v bv ab asa as
oy oyj spa s.p.a kk k.k gmbh holdings holding group pte pty sdb bhd tbk jsc ojsc pjsc lp l.p sarl srl kg""".split())
SEGMENT_GENERIC = frozenset({"segment", "segments", "division", "divisions", "business", "businesses", "unit",
                             "units", "line", "group", "operations", "arm", "reporting"})
# the kind word a gold subject may end a platform's name with ("Kestrel Link platform" is the platform Kestrel Link)
PLATFORM_GENERIC = frozenset({"platform", "platforms", "app", "apps", "assistant", "os", "system"})
OTHERS = frozenset({"others", "other", "all others", "other vendors", "other brands", "rest of market"})
_WORD = re.compile(r"[^\W_]+(?:[&'’.-][^\W_]+)*")


def words(s: str) -> list[str]:
    return [w.casefold().replace("’", "'") for w in _WORD.findall(s)]


def name_words(s: str) -> tuple[str, ...]:
    """A name's words without legal suffixes and possessives ("Halden Micro Systems, Inc.'s" -> halden micro
    systems)."""
    out = []
    for w in words(s):
        w = re.sub(r"'s$", "", w)
        if w.rstrip(".") in LEGAL or w in ("the",):
            continue
        out.append(w)
    return tuple(out)


@dataclass(frozen=True)
class Identity:
    kind: str                      # "org", "product", "market", "group", "person", "other"
    names: tuple[tuple[str, ...], ...] = ()   # the name's word sequences (label and aliases); groups: members
    segment: tuple[str, ...] = ()  # words naming a part of the company (joined to the measure)
    own: tuple[tuple[str, ...], ...] = ()   # a platform's own names ("kestrel link"), which a gold may name alone


def same_name(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two names of one company: equal, or one is the other's leading words ("Halden" ~ "Halden Micro
    Systems"), or an acronym of it ("HMS" ~ "Halden Micro Systems")."""
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    if long_[:len(short)] == short:
        return True
    if len(short) == 1 and len(long_) >= 2 and short[0] == "".join(w[0] for w in long_):
        return True
    return False


def same_product(a: tuple[str, ...], b: tuple[str, ...], makers: frozenset[tuple[str, ...]]) -> bool:
    """Two names of one product: equal, or equal once a maker's name in front of one is dropped ("Veloce Aurora
    Max" ~ "Aurora Max"); "Aurora" is not "Aurora Max"."""
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    extra = long_[:len(long_) - len(short)]
    return long_[len(extra):] == short and extra in makers


class NameResolver:
    """Gold names and fact entities -> identities, with the gazetteer for aliases and owners."""

    def __init__(self, gazetteer: Optional[Gazetteer]):
        self.entities: dict[str, EntityEntry] = dict(gazetteer.entities) if gazetteer else {}
        self.by_name: dict[tuple[str, ...], str] = {}
        for e in self.entities.values():
            for n in (e.label, *e.aliases):
                self.by_name.setdefault(name_words(n), e.key)

    # -- facts ------------------------------------------------------------------------------------------------
    def _entry_names(self, key: str) -> tuple[tuple[str, ...], ...]:
        e = self.entities.get(key)
        if e is None:
            return ()
        return tuple(n for n in (name_words(x) for x in (e.label, *e.aliases)) if n)

    def _owner(self, ref: EntityRef) -> Optional[str]:
        owner = getattr(ref, "owner", None)
        if owner:
            return owner
        e = self.entities.get(ref.key)
        if e is not None:
            for prop in ("company", "partOf", "developer", "manufacturer", "brand"):
                v = e.props.get(prop)
                if isinstance(v, str) and v in self.entities:
                    return v
        return None

    def of_fact(self, ref: EntityRef, makers: frozenset[tuple[str, ...]] = frozenset()) -> Identity:
        own = tuple(n for n in (name_words(ref.label),) if n) + self._entry_names(ref.key)
        if ref.kind == "market":
            return Identity("market", own)
        if ref.kind == "group":
            # a group's label names its members: "Acme + Beta"; the rest of a market is "Others"
            if ref.label.casefold() in OTHERS:
                return Identity("group", (("others",),))
            return Identity("group", tuple(name_words(p) for p in re.split(r"\s+\+\s+|\s+and\s+", ref.label)))
        if ref.kind == "person":
            return Identity("person", own)
        if ref.kind in ("segment", "platform"):
            owner = self._owner(ref)
            owner_names = self._entry_names(owner) if owner and owner in self.entities else ()
            label = name_words(ref.label)
            if not owner_names and owner:
                owner_names = (name_words(owner.replace("-", " ")),)      # a company found in the text: its key
                lead = next((m for m in makers if label[:len(m)] == m and len(m) < len(label)), ())
                if lead:
                    owner_names = (lead,) + owner_names
            if not owner_names:
                # no owner recorded: the longest company name the label starts with
                lead = max((m for m in makers if label[:len(m)] == m and len(m) < len(label)), key=len, default=())
                owner_names = (lead,) if lead else ()
            seg = list(label)
            for n in sorted(owner_names, key=len, reverse=True):
                if tuple(seg[:len(n)]) == n:
                    seg = seg[len(n):]
                    break
            return Identity("org", owner_names or own, tuple(w for w in seg if w not in SEGMENT_GENERIC),
                            own if ref.kind == "platform" else ())
        if ref.kind in ("product", "series", "brand"):
            return Identity("product", self._product_names(ref, own))
        if ref.kind == "organisation":
            return Identity("org", own)
        return Identity("other", own)

    def _product_names(self, ref: EntityRef, own: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
        """A product's names with and without its maker's name in front."""
        out = list(own)
        owner = self._owner(ref)
        for o in self._entry_names(owner) if owner else ():
            for n in own:
                if n[:len(o)] == o and len(n) > len(o):
                    out.append(n[len(o):])
                else:
                    out.append(o + n)
        return tuple(dict.fromkeys(out))

    # -- gold -------------------------------------------------------------------------------------------------
    def of_gold(self, subject: str, kind: str) -> Identity:
        s = subject.strip()
        if s.casefold() == "market":
            return Identity("market")
        if " + " in s:
            return Identity("group", tuple(name_words(p) for p in s.split(" + ")))
        if s.casefold() in OTHERS:
            return Identity("group", (("others",),))
        if " / " in s:
            org, _, seg = s.partition(" / ")
            return Identity("org", self._gold_names(org), tuple(w for w in name_words(seg) if w not in SEGMENT_GENERIC))
        if kind == "person":
            return Identity("person", (name_words(s),))
        key = self.by_name.get(name_words(s))
        if key is not None:
            e = self.entities[key]
            ref = e.ref()
            return self.of_fact(ref)
        return Identity("any", (name_words(s),))

    def _gold_names(self, org: str) -> tuple[tuple[str, ...], ...]:
        n = name_words(org)
        key = self.by_name.get(n)
        return (n,) + (self._entry_names(key) if key else ())


def maker_names(names: list[tuple[str, ...]]) -> frozenset[tuple[str, ...]]:
    """Every leading part of the companies' names ("veloce", "veloce mobility"): what may precede a product."""
    return frozenset(n[:i] for n in names for i in range(1, len(n) + 1))


def same_subject(gold: Identity, fact: Identity, makers: frozenset[tuple[str, ...]] = frozenset()) -> bool:
    """Whether the gold's subject and the fact's are the same identity (segments are compared with the measure).
    ``makers``: names of the companies of the document, which may stand in front of a product's name."""
    if gold.kind == "market" or fact.kind == "market":
        return gold.kind == fact.kind
    if gold.kind == "group" or fact.kind == "group":
        if gold.kind != fact.kind or len(gold.names) != len(fact.names):
            return False
        return all(any(same_name(g, f) for f in fact.names) for g in gold.names)
    if gold.kind == "any" and fact.own and _same_platform(gold, fact, makers):
        return True
    if gold.kind not in ("any", fact.kind) and fact.kind != "other":
        return False
    if fact.kind == "product" or gold.kind == "product":
        return any(same_product(g, f, makers) for g in gold.names for f in fact.names)
    return any(same_name(g, f) for g in gold.names for f in fact.names)


def _same_platform(gold: Identity, fact: Identity, makers: frozenset[tuple[str, ...]]) -> bool:
    """A gold subject that names a platform by its own name, with or without its maker's name in front and its kind
    word after ("Kestrel Link platform", "Acme Kestrel Link" ~ the platform "Kestrel Link")."""
    for g in gold.names:
        while g and g[-1] in PLATFORM_GENERIC:
            g = g[:-1]
        if any(same_product(g, f, makers) for f in fact.own):
            return True
    return False
