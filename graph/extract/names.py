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
        self.speaking = {str(w).casefold() for w in cfg.get("speaking_verbs") or []}
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
        # the verbs a vendor's place in words follows ("Boltwave was second", "Pulsebit fell to fourth", "Larkspur held
        # the top spot", "Kairo climbed to third place"): rankings.yaml ``place_verbs``
        place_verbs = alternation([str(w) for w in ranks.get("place_verbs") or []]) or "(?!)"
        place = rf"(?:(?:a|the)[ \t]+)?(?:(?:distant|close|clear|solid|strong)[ \t]+)?(?:{ordinals})\b|" \
                r"the[ \t]+top[ \t]+(?:spot|position|place|\d{1,2}|three|five|ten)\b|(?:the[ \t]+)?number[ \t]+one\b"
        # a name before a rank verb and a rank in words ("Taiyo placed sixth", "Norvik, Pavo and Taiyo placed fourth")
        self.rank_after_rx = re.compile(rf"{names_list}[ \t]+(?:{rank_verbs}[ \t]+(?:in[ \t]+)?(?:{ordinals})\b|"
                                        rf"(?:{place_verbs})[ \t]+(?:{place}))", re.I)
        # "..., and Tarang Audio third with 9.8%": a name and its place with the verb left out
        self.elliptic_rank_rx = re.compile(rf"[ \t]+(?:a[ \t]+(?:distant|close|clear)[ \t]+)?(?:{ordinals})"
                                           r"(?:[ \t]+(?:with|at|on)[ \t]+\d|[ \t]*(?:[.;]|,[ \t]+(?:and|while|but)\b))",
                                           re.I)
        # a list of names before a rank verb: each is a vendor ("Norvik, Pavo and Taiyo placed")
        self.ranked_list_rx = re.compile(rf"(?:,[ \t]*[A-Z][\w&.-]*(?:[ \t]+[A-Z][\w&.-]*){{0,3}})*,?[ \t]+and[ \t]+"
                                         rf"[A-Z][\w&.-]*(?:[ \t]+[A-Z][\w&.-]*){{0,3}}[ \t]+(?:{rank_verbs}|were)[ \t]")
        frames = patterns["frames"]
        # what makes a clause state a figure: a digit, a multiple in words ("doubled"), a flat change ("was flat")
        self.figure_rx = re.compile(r"\d|(?<![\w-])(?:" + alternation(
            [str(w) for w in (patterns["cues"].get("multipliers") or {})] +
            [str(w) for w in frames.get("flat_words") or [] if str(w) != "level"] +
            [str(w) for w in (patterns["quantities"].get("fraction_words") or {})] +
            ["a point", "a full point", "a percentage point"]) + r")(?![\w-])", re.I)
        self.modifiers = {str(w).casefold() for w in frames.get("measure_modifiers") or []}
        self.category_words = {str(w).casefold() for ws in (frames.get("categories") or {}).values() for w in ws}
        phrase = rf"{_CAPWORD}(?:[ \t]{{1,6}}(?:(?:of|and|for|de|du|von|van|der|&)[ \t]{{1,6}})?{_CAPWORD}){{0,5}}"
        # a clause subject: capitalised words joined only by "&" ("Personal Computing", "Sales & Service")
        subject_phrase = rf"{_CAPWORD}(?:[ \t]{{1,6}}(?:&[ \t]{{1,6}})?{_CAPWORD}){{0,4}}"
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

    def research_name(self, label: str) -> bool:
        """A name that says research or data ("Brightline Research", "Quantis Insights"): a firm that counts
        figures, whose "segments" are markets'."""
        return bool(set(label.split()) & self.research_words)

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
        # (a name re-joined across a hard wrap keeps the wrap's run of spaces in the text, never in its label)
        ref = EntityRef(key, kind, re.sub(r"\s+", " ", label or name), types, owner=owner)
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
