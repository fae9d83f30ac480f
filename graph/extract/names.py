"""Open-world names: the companies, vendors and segments a document names that the gazetteer does not know.

A ``DocumentNames`` inventory is built once per document from the layout view, by the shapes that name a company
or a part of one:

- a legal suffix ("Halden Micro Systems, Inc.", "Orvik AB (publ)") or a ticker ("Acme (NASDAQ: ACME)");
- a capitalised phrase that opens a clause and is followed by a verb ("Solvane kept first place ...",
  ", Displays rose 12% ..."), or is followed by a possessive or a segment noun ("Brightmoor's share", "the
  Displays segment");
- the row labels of tables and the items of compact lists (added by their readers through ``add``).

A capitalised clause subject is a company in a third-party document (a research note: "Solvane kept first
place") and a segment of the issuer in the issuer's own document ("Displays rose 12%"), unless the text shows
otherwise (a legal suffix, a ticker, a market-share or ranking clause). Every name found is then matched
everywhere in the document, with its short forms ("Halden Micro Systems" -> "Halden" when the text uses it).
Words live in ``mappings/patterns/names.yaml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Optional

from ..gazetteer import Gazetteer
from ..iris import slugify
from ..records import EntityRef
from .matcher import GazetteerMatcher, Match, normalise
from .patterns import Patterns, alternation

_CAPWORD = r"(?:[A-Z][\w&.-]{0,40}(?<=[\w])|&)"


class NameRules:
    def __init__(self, patterns: Patterns):
        cfg = patterns["names"]
        self.suffixes = [str(s) for s in cfg.get("legal_suffixes") or []]
        self.exchanges = [str(s) for s in cfg.get("exchanges") or []]
        self.generic = {str(w).casefold() for w in cfg.get("generic_name_words") or []}
        self.leading = {str(w) for w in cfg.get("leading_words") or []}
        self.not_names = {str(w) for w in cfg.get("not_names") or []}
        self.verbs = {str(w).casefold() for w in cfg.get("subject_verbs") or []}
        self.segment_nouns = [str(w) for w in cfg.get("segment_nouns") or []]
        self.segment_context = [str(w).casefold() for w in cfg.get("segment_context") or []]
        self.vendor_context = [str(w).casefold() for w in cfg.get("vendor_context") or []]
        self.totals = {str(w).casefold() for w in cfg.get("total_labels") or []}
        self.others = {str(w).casefold() for w in cfg.get("other_labels") or []}
        self.research_words = {str(w) for w in cfg.get("research_words") or []}
        periods, ranks = patterns["periods"], patterns["rankings"]
        # first words that open a fronted phrase which is no part of the company ("In July,", "In addition,")
        self.not_fronted = {str(w).casefold() for w in cfg.get("not_fronted_parts") or []} | \
            {str(w).casefold() for w in (periods.get("months") or {})} | \
            {str(w).casefold() for w in (periods.get("weekdays") or {})}
        # "Fourth-quarter revenue", "First-half sales": a period's ordinal opens no part of the company
        self.period_ordinals = {str(w).casefold() for w in (periods.get("ordinals") or {})}
        ordinals = alternation([str(w) for w in (ranks.get("ordinal_words") or {})])
        names_list = r"(?:,?[ \t]+(?:and[ \t]+)?[A-Z][\w&.-]*(?:[ \t]+[A-Z][\w&.-]*){0,3})*"
        rank_verbs = r"(?:placed|ranked|came|finished)"
        # a name before a rank verb and a rank in words ("Taiyo placed sixth", "Norvik, Pavo and Taiyo placed fourth")
        self.rank_after_rx = re.compile(rf"{names_list}[ \t]+{rank_verbs}[ \t]+(?:in[ \t]+)?(?:{ordinals})\b", re.I)
        # a list of names before a rank verb: each is a vendor ("Norvik, Pavo and Taiyo placed")
        self.ranked_list_rx = re.compile(rf"(?:,[ \t]*[A-Z][\w&.-]*(?:[ \t]+[A-Z][\w&.-]*){{0,3}})*,?[ \t]+and[ \t]+"
                                         rf"[A-Z][\w&.-]*(?:[ \t]+[A-Z][\w&.-]*){{0,3}}[ \t]+(?:{rank_verbs}|were)[ \t]")
        frames = patterns["frames"]
        self.modifiers = {str(w).casefold() for w in frames.get("measure_modifiers") or []}
        self.category_words = {str(w).casefold() for ws in (frames.get("categories") or {}).values() for w in ws}
        phrase = rf"{_CAPWORD}(?:[ \t]{{1,3}}(?:(?:of|and|for|de|du|von|van|der|&)[ \t]{{1,3}})?{_CAPWORD}){{0,5}}"
        # a clause subject: capitalised words joined only by "&" ("Personal Computing", "Sales & Service")
        subject_phrase = rf"{_CAPWORD}(?:[ \t]{{1,3}}(?:&[ \t]{{1,3}})?{_CAPWORD}){{0,4}}"
        sfx = alternation(self.suffixes)
        self.suffix_rx = re.compile(rf"(?<![\w])(?P<name>{phrase}),?[ \t]{{1,3}}(?P<sfx>{sfx})(?![\w])")
        exch = alternation(self.exchanges)
        self.ticker_rx = re.compile(
            rf"(?<![\w])(?P<name>{phrase})(?:,?[ \t]{{1,3}}(?P<sfx>{sfx}))?[ \t]{{0,3}}\([ \t]{{0,3}}(?:{exch})[ \t]{{0,3}}:"
            rf"[ \t]{{0,3}}(?P<ticker>[A-Z0-9][A-Z0-9. ]{{0,10}})\)")
        self.phrase_rx = re.compile(rf"(?<![\w'’])(?P<name>{subject_phrase})(?P<poss>['’]s)?(?![\w])")
        self.titles = {str(w).casefold() for w in cfg.get("title_words") or []}
        self.category_nouns = {str(w).casefold() for w in cfg.get("category_nouns") or []}
        self.org_final = {str(w) for w in cfg.get("org_final_words") or []}
        seg = alternation(self.segment_nouns)
        self.segment_rx = re.compile(rf"(?<![\w'’])(?P<name>{phrase})[ \t]{{1,3}}(?P<noun>{seg})(?![\w])")
        # "Merchant Marine, our largest segment, ...", "Commercial PCs, Brennard's largest business, ..."
        self.appositive_rx = re.compile(
            rf"(?<![\w'’])(?P<name>{subject_phrase}),[ \t]{{1,3}}(?:(?P<own>our|its|the[ \t]+(?:Group|Company)['’]s)|"
            rf"(?P<org>{_CAPWORD}(?:[ \t]{_CAPWORD}){{0,3}})['’]s)[ \t]{{1,3}}(?:[\w-]+[ \t]{{1,3}}){{0,2}}?(?:{seg})(?![\w])")

    def is_total(self, label: str) -> bool:
        return label.strip().casefold() in self.totals

    def is_other(self, label: str) -> bool:
        return label.strip().casefold() in self.others


@dataclass
class DocumentNames:
    """The open-world names of one document: key -> EntityRef, and the surfaces that name each."""

    rules: NameRules
    gazetteer: Gazetteer
    issuer: Optional[EntityRef] = None
    refs: dict[str, EntityRef] = field(default_factory=dict)
    surfaces: dict[str, str] = field(default_factory=dict)      # normalised surface -> key
    how: dict[str, str] = field(default_factory=dict)           # key -> how it was found
    _matcher: Optional[GazetteerMatcher] = None

    # -- registering ------------------------------------------------------------------------------------------
    def add(self, name: str, kind: str, how: str, types: tuple[str, ...] = (), owner: Optional[str] = None,
            label: Optional[str] = None) -> EntityRef:
        """Register a name (idempotent: a name already known returns its entity)."""
        norm = normalise(name)[0].strip()
        if norm in self.surfaces:
            return self.refs[self.surfaces[norm]]
        if kind == "segment" and owner:
            key = slugify(f"{owner}-{name}")
        else:
            key = slugify(self.strip_suffix(name))
        if key in self.refs:
            self.surfaces[norm] = key
            return self.refs[key]
        ref = EntityRef(key, kind, label or name, types, owner=owner)
        self.refs[key] = ref
        self.how[key] = how
        self.surfaces[norm] = key
        self._matcher = None
        return ref

    def alias(self, surface: str, key: str) -> None:
        norm = normalise(surface)[0].strip()
        if len(norm) >= 2 and norm not in self.surfaces:
            self.surfaces[norm] = key
            self._matcher = None

    def strip_suffix(self, name: str) -> str:
        out = name.strip().rstrip(",")
        changed = True
        while changed:
            changed = False
            for s in sorted(self.rules.suffixes, key=len, reverse=True):
                if out.endswith(" " + s) or out.endswith("," + s) or out.endswith(", " + s):
                    out = out[: -len(s)].rstrip(" ,")
                    changed = True
        return out

    def short_forms(self, name: str) -> list[str]:
        """"Halden Micro Systems, Inc." -> ["Halden Micro Systems", "Halden Micro", "Halden"] (leading words up to
        a distinctive one; a generic first word alone is not a short form)."""
        base = self.strip_suffix(name)
        words = base.split()
        out = [base]
        for n in range(len(words) - 1, 0, -1):
            head = words[:n]
            if head[-1].casefold() in self.rules.generic and n > 1:
                continue
            if n == 1 and (head[0].casefold() in self.rules.generic or len(head[0]) < 3):
                continue
            out.append(" ".join(head))
        return out

    # -- matching ---------------------------------------------------------------------------------------------
    @property
    def matcher(self) -> GazetteerMatcher:
        if self._matcher is None:
            extra: dict[str, list[tuple[str, str]]] = {}
            for norm, key in self.surfaces.items():
                extra.setdefault(norm, []).append((self.refs[key].kind, key))
            self._matcher = GazetteerMatcher(Gazetteer({}, {}), extra)
        return self._matcher

    def find(self, text: str, start: int, end: int) -> list[Match]:
        if not self.surfaces:
            return []
        return [m for m in self.matcher.find(text, start, end) if _capitalised(text, m.start)]

    def get(self, key: str) -> Optional[EntityRef]:
        return self.refs.get(key)


def _capitalised(text: str, pos: int) -> bool:
    ch = text[pos:pos + 1]
    return bool(ch) and (ch.isupper() or ch.isdigit() or not ch.isalpha())


# ---------------------------------------------------------------- discovery over the whole document

@dataclass(frozen=True)
class NameContext:
    """What discovery needs to know about the document."""

    text: str                     # the layout view
    start: int
    end: int
    role: str                     # first_party | third_party
    known: GazetteerMatcher       # the gazetteer's matcher (names it knows are not discovered)


def clean_phrase(rules: NameRules, phrase: str) -> Optional[str]:
    """A capitalised phrase without leading function words; None when nothing name-like is left."""
    words = phrase.split()
    while words and (words[0] in rules.leading or words[0].rstrip("'’s") in rules.leading):
        words = words[1:]
    while words and words[-1] in ("and", "of", "&", "for", "de", "von", "van", "der", "du"):
        words = words[:-1]
    if not words or all(w.rstrip(".,") in rules.not_names for w in words):
        return None
    if len(words) == 1 and (len(words[0]) < 2 or words[0].isdigit()):
        return None
    if re.fullmatch(r"[A-Z]\d.*|\d.*|FY\d*|H[12]|Q[1-4]", words[0]):
        return None
    return " ".join(words)


def _known(ctx: NameContext, a: int, b: int) -> bool:
    """The gazetteer knows the phrase: all of it, or a company's name at its start ("Lenovo Group" is Lenovo). A
    shorter name inside a longer phrase that is not a company does not count ("Gaming" in "Gaming Peripherals")."""
    return any((h.start <= a and b <= h.end and h.kind != "metric") or
               (h.start == a and h.kind in ("organisation", "brand")) for h in ctx.known.find(ctx.text, a, b))


def discover_companies(names: DocumentNames, ctx: NameContext) -> None:
    """Names with a legal suffix or a ticker: companies, each with its short forms."""
    rules = names.rules
    for rx in (rules.ticker_rx, rules.suffix_rx):
        for m in rx.finditer(ctx.text, ctx.start, ctx.end):
            raw = clean_phrase(rules, m.group("name"))
            if raw is None:
                continue
            a = m.start("name") + m.group("name").find(raw.split()[0])
            poss = re.match(r".{1,30}?['’]s\s+(?=\S)", raw)
            if poss is not None and _after_place(ctx, a, a + poss.end()):
                raw, a = raw[poss.end():], a + poss.end()     # "Japan's Kurose Devices Ltd.": not the name's
            full = f"{raw} {m.group('sfx')}" if m.groupdict().get("sfx") else raw
            if _known(ctx, a, a + len(raw)):
                continue
            types = ("ResearchFirm",) if any(w in rules.research_words for w in raw.split()) else ()
            ref = names.add(full, "organisation", "suffix" if rx is rules.suffix_rx else "ticker", types)
            for form in names.short_forms(full):
                if form == raw or _used_alone(ctx, form):
                    names.alias(form, ref.key)
            if m.groupdict().get("ticker"):
                names.alias(m.group("ticker").strip(), ref.key)


def _after_place(ctx: NameContext, a: int, s0: int) -> bool:
    """"South Korea's Sangwon Electronics ranked second": a name after a place's possessive opens its clause."""
    pm = re.search(r"['’]s\s+$", ctx.text[max(a, s0 - 4):s0])
    if pm is None:
        return False
    end = s0 - len(pm.group(0))
    return any(h.kind == "market" and h.end == end for h in ctx.known.find(ctx.text, max(a, end - 30), end))


def _used_alone(ctx: NameContext, form: str) -> bool:
    """The short form occurs on its own (not as the start of its longer name) somewhere in the document."""
    for m in re.finditer(rf"(?<![\w]){re.escape(form)}(?![\w])", ctx.text[ctx.start:ctx.end]):
        after = ctx.text[ctx.start + m.end():ctx.start + m.end() + 2]
        if not re.match(r"\s[A-Z]", after) or re.match(r"['’]", after):
            return True
    return False


_FINANCIAL = ("revenue", "operating-profit", "gross-margin", "operating-margin", "profit", "net-profit",
              "gross-profit", "ebitda", "ebit", "adjusted-ebitda", "adjusted-operating-profit", "operating-loss",
              "net-sales", "sales", "orders", "order-intake", "backlog", "ebita", "adjusted-ebita")


def _metric_follows(ctx: NameContext, pos: int, end: int) -> bool:
    """A financial measure's phrase starts right after ``pos`` ("Displays revenue", "Audio operating income")."""
    if not re.match(r"[ \t]{1,2}\S", ctx.text[pos:pos + 3]):
        return False
    for h in ctx.known.find(ctx.text, pos, min(end, pos + 40)):
        if h.kind == "metric" and re.fullmatch(r"[ \t]{1,2}", ctx.text[pos:h.start]):
            return h.target in _FINANCIAL or "revenue" in h.target or "profit" in h.target or "margin" in h.target
    return False


def discover_appositive_segments(names: DocumentNames, ctx: NameContext, issuer: Optional[EntityRef]) -> None:
    """"Merchant Marine, our largest segment, had revenue of ...": a part the text defines as the issuer's (or a
    named company's) segment."""
    rules = names.rules
    for m in rules.appositive_rx.finditer(ctx.text, ctx.start, ctx.end):
        # the apposition makes it a name even when its words are common ("Commercial PCs")
        words = m.group("name").split()
        while words and words[0] in rules.leading:
            words = words[1:]
        raw = " ".join(words)
        if not raw or _known(ctx, m.end("name") - len(raw), m.end("name")):
            continue
        owner: Optional[str] = None
        if m.group("org"):
            key = names.surfaces.get(normalise(m.group("org"))[0].strip())
            hit = [h for h in ctx.known.find(ctx.text, m.start("org"), m.end("org")) if h.kind == "organisation"]
            owner = key or (hit[0].target if hit else None)
            if owner is None and issuer is not None and issuer.label.split()[0] == m.group("org").split()[0]:
                owner = issuer.key
        elif issuer is not None:
            owner = issuer.key
        if owner is None:
            continue
        names.add(raw, "segment", "appositive", ("BusinessSegment",), owner=owner)


_FRONTED_PART = re.compile(r"(?:In|Within|At|For)[ \t]+(?:the[ \t]+|our[ \t]+)?(?P<name>[A-Z][\w&-]*(?:[ \t]+(?:and[ \t]+|&[ \t]+)?"
                           r"[A-Z][\w&-]*){0,3})(?:[ \t]+(?:segment|division|business|unit))?,[ \t]")
_SHARE_IN_PARENTHESES = re.compile(r"[ \t]?\([ \t]?\d{1,2}(?:\.\d{1,2})?[ \t]?(?:%|per[ \t]?cent)[ \t]?\)")


def _not_a_part(rules: NameRules, name: str) -> bool:
    """A fronted phrase that is a period ("July", "Q3", "FY2024") or a discourse opener ("Addition")."""
    first = name.split()[0]
    return first.casefold() in rules.not_fronted or re.fullmatch(r"(?:Q[1-4]|H[12]|FY\d*)", first) is not None or \
        re.split(r"[-\s]", first)[0].casefold() in rules.period_ordinals


def discover_subjects(names: DocumentNames, ctx: NameContext, issuer: Optional[EntityRef],
                      clauses: Iterable[tuple[int, int]]) -> None:
    """Capitalised phrases that open a clause before a verb, or stand before a possessive or a segment noun."""
    rules = names.rules
    clauses = list(clauses)
    if issuer is not None and ctx.role == "first_party":
        for a, b in clauses:
            f = _FRONTED_PART.match(ctx.text, a, b)
            if f is None or _not_a_part(rules, f.group("name")) or \
                    _known(ctx, f.start("name"), f.end("name")) or normalise(f.group("name"))[0].strip() in names.surfaces:
                continue
            # "In Devices, revenue declined 3%": a part of the issuer fronted as the sentence's topic
            names.add(f.group("name"), "segment", "fronted", ("BusinessSegment",), owner=issuer.key)
    for a, b in clauses:
        for m in rules.phrase_rx.finditer(ctx.text, a, b):
            raw = clean_phrase(rules, m.group("name"))
            if raw is None:
                continue
            s0 = m.start("name") + m.group("name").rfind(raw)
            norm = normalise(raw)[0].strip()
            if _known(ctx, s0, s0 + len(raw)) or norm in names.surfaces:
                continue
            longer = next((k for surf, k in names.surfaces.items() if surf.startswith(norm + " ")), None)
            if longer is not None:          # "Kirishima" after "Kirishima Computing": the same company
                names.alias(raw, longer)
                continue
            words = {w.casefold() for w in raw.split()}
            if words & rules.titles or raw.split()[-1].casefold() in rules.category_nouns or \
                    (len(words) == 1 and raw.endswith("ing")):
                continue            # a person's title ("VP and Chairman"), a product ("Mi TVs"), a gerund
            before = ctx.text[max(a, s0 - 12):s0]
            opens = s0 == a or bool(re.search(r"(?:^|[,;:(]|\band|\bwhile|\bbut|\bwhereas|\bthan|\bwith|\bby)\s*$",
                                              before)) or _after_place(ctx, a, s0)
            after = ctx.text[m.end():m.end() + 40]
            verb = re.match(r"\s*(?:,[^,]{1,60},\s*)?(?P<stock>(?:shares|stock|share\s+price|stock\s+price)\s+)?([a-z]+)",
                            after)
            seg = rules.segment_rx.match(ctx.text, m.start("name"))
            poss = bool(m.group("poss"))
            starts_sentence = s0 == a or re.search(r"[.!?]\s+$", ctx.text[max(a, s0 - 3):s0]) is not None
            if seg and seg.end("name") == m.end("name") and issuer is not None and ctx.role == "first_party":
                names.add(raw, "segment", "segment-noun", ("BusinessSegment",), owner=issuer.key)
                continue
            if any(h.kind == "metric" and h.start <= s0 < h.end for h in ctx.known.find(ctx.text, s0, min(b, s0 + 60))):
                continue            # "Order backlog", "Net sales": the first words of a measure's name
            if not poss and issuer is not None and ctx.role == "first_party" and _metric_follows(ctx, m.end("name"), b):
                if all(w.casefold() in rules.modifiers for w in raw.split()) or raw.casefold() in rules.category_words \
                        or _not_a_part(rules, raw):
                    continue        # "Quarterly revenue", "Smartphone revenue", "Fourth-quarter revenue"
                # "Personal Computing revenue was ...": a part of the issuer named before its measure
                names.add(raw, "segment", "before-metric", ("BusinessSegment",), owner=issuer.key)
                continue
            coordinated = re.match(r"\s*(?:,\s*|\s+and\s+|\s*&\s*)[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3}['’]s\s+"
                                   r"(?:combined|joint|collective)\b|\s+and\s+[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3}\s+"
                                   r"(?:together|jointly|between\s+them)\b", after) or \
                rules.ranked_list_rx.match(ctx.text, m.end(), min(b, m.end() + 120))   # "Norvik, Pavo and Taiyo placed"
            if opens and verb and verb.group("stock") and verb.group(2) in rules.verbs and \
                    re.search(r"\d", ctx.text[m.end():min(b, m.end() + 90)]):
                names.add(raw, "organisation", "listed")      # "Ostara shares closed down 3.1%": a listed company
                continue
            if ctx.role != "first_party" and _SHARE_IN_PARENTHESES.match(ctx.text, m.end()):
                names.add(raw, "organisation", "share-in-parentheses")   # "ahead of Zhiqing (21%)": a vendor
                continue
            if not (opens and verb and verb.group(2) in rules.verbs) and not poss and not coordinated:
                continue
            if starts_sentence and len(raw.split()) == 1 and raw.casefold() in rules.generic and \
                    not (ctx.role == "first_party" and issuer is not None):
                continue
            if not re.search(r"\d", ctx.text[m.end():min(b, m.end() + 90)]) and not rules.rank_after_rx.match(
                    ctx.text, m.end(), min(b, m.end() + 120)):
                continue            # a subject of a figure has its figure (or its rank in words) in the clause
            clause = ctx.text[a:b].casefold()
            competitive = any(w in clause for w in (" share", "rank", " place", "vendor", "leader", " leads",
                                                    "competitor", "rival"))
            # "Halvard Capital", "Kaito Mobile": a name ending in a company word; "Mobile" alone names a part
            org_like = (raw.split()[-1] in rules.org_final and len(raw.split()) > 1) or coordinated is not None or \
                re.search(r"\b(?:with|&)\s+$" if ctx.role == "first_party" else r"\b(?:and|with|&)\s+$",
                          ctx.text[max(a, s0 - 6):s0]) is not None
            if ctx.role == "first_party" and issuer is not None and not competitive and not org_like:
                names.add(raw, "segment", "subject", ("BusinessSegment",), owner=issuer.key)
            else:
                names.add(raw, "organisation", "subject")
