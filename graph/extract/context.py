"""The per-document extraction context handed to every extractor: sentences, mentions and helpers.

Build one ``Engine`` (compiled grammars over the gazetteer and patterns) and reuse it for every document; an
``ExtractionContext`` is made per document. Extractors read ``ctx.sentences`` and ``ctx.mentions(sentence)``;
they resolve "we/our/the Group" with ``ctx.issuer``, entities with ``ctx.entity``, and make evidence with
``ctx.evidence(start, end)`` (the quote is always ``text[start:end]``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Optional

from ..gazetteer import EntityEntry, Gazetteer
from ..iris import slugify
from ..records import Document, EntityRef, Evidence, Period, Turn
from .cues import Cue, CueFinder
from .discovery import after_parts, discover, document_names
from .fiscalperiods import FiscalPeriodGrammar
from .layout import LayoutRules, LayoutView
from .matcher import GazetteerMatcher, Match, normalise
from .namediscovery import discover_appositive_segments, discover_companies, discover_subjects
from .names import DocumentNames, NameContext, NameRules
from .patterns import Patterns, load_patterns
from .periods import PeriodGrammar, PeriodMention
from .quantities import Quantity, QuantityGrammar
from .ranks import Movement, RankGrammar, RankMention, Streak
from .text import Clause, Sentence, SentenceSplitter

_CORP_SUFFIX = re.compile(r"[\s,]+(?:holdings?|limited|ltd\.?|inc\.?|corp\.?|corporation|co\.?|group|plc|"
                          r"electronics|technologies|technology|devices)\b\.?", re.IGNORECASE)


@dataclass
class Engine:
    """Compiled grammars for one gazetteer and one patterns folder (build once, use for many documents)."""

    gazetteer: Gazetteer
    patterns: Patterns

    @classmethod
    def load(cls, gazetteer: Gazetteer, patterns_dir: Path) -> "Engine":
        return cls(gazetteer, load_patterns(patterns_dir))

    @cached_property
    def layout_rules(self) -> LayoutRules:
        return LayoutRules(self.patterns)

    @cached_property
    def name_rules(self) -> NameRules:
        return NameRules(self.patterns)

    @cached_property
    def fiscal_periods(self) -> FiscalPeriodGrammar:
        return FiscalPeriodGrammar(self.patterns)

    @cached_property
    def splitter(self) -> SentenceSplitter:
        return SentenceSplitter(self.patterns)

    @cached_property
    def matcher(self) -> GazetteerMatcher:
        return GazetteerMatcher(self.gazetteer)

    @cached_property
    def quantities(self) -> QuantityGrammar:
        return QuantityGrammar(self.patterns)

    @cached_property
    def periods(self) -> PeriodGrammar:
        return PeriodGrammar(self.patterns)

    @cached_property
    def cues(self) -> CueFinder:
        return CueFinder(self.patterns)

    @cached_property
    def ranks(self) -> RankGrammar:
        return RankGrammar(self.patterns)


@dataclass
class Mentions:
    """Everything found in one sentence, each list sorted by start offset."""

    entities: list[Match]        # gazetteer entities (kind != "metric") and the issuer's own names
    metrics: list[Match]         # metric noun phrases (kind == "metric", target = metric key)
    quantities: list[Quantity]
    periods: list[PeriodMention]
    cues: list[Cue]
    ranks: list[RankMention]
    streaks: list[Streak]
    movements: list[Movement]

    def cues_of(self, *kinds: str) -> list[Cue]:
        return [c for c in self.cues if c.kind in kinds]


@dataclass
class ExtractionContext:
    """``source`` is the document's text as read; ``text`` is its layout view (``layout.py``): the same length,
    markup blanked and wrapped lines re-joined. Extractors read ``text``; evidence quotes come from ``source``."""

    doc: Document
    source: str
    engine: Engine
    discovered: dict[str, EntityRef] = field(default_factory=dict)
    _mentions: dict[tuple[int, int], Mentions] = field(default_factory=dict)

    @cached_property
    def layout(self) -> LayoutView:
        return LayoutView(self.source, self.doc.start, self.doc.end, self.engine.layout_rules)

    @cached_property
    def text(self) -> str:
        return self.layout.view

    @cached_property
    def names(self) -> DocumentNames:
        """Companies, vendors and segments the document names that the gazetteer does not know."""
        names = DocumentNames(self.engine.name_rules, self.gazetteer, self.issuer)
        issuer = self.issuer
        if issuer is not None and self.gazetteer.get(issuer.key) is None:
            names.refs[issuer.key] = issuer
            names.how[issuer.key] = "issuer"
            for form in {issuer.label, *names.short_forms(issuer.label)}:
                if form.casefold() not in self.engine.name_rules.generic:
                    names.alias(form, issuer.key)
        source = self.doc.source
        if source is not None and self.gazetteer.get(source.key) is None:
            names.refs[source.key] = source
            names.how[source.key] = "source"
            for form in {source.label, *names.short_forms(source.label)}:
                if form.casefold() not in self.engine.name_rules.generic:
                    names.alias(form, source.key)
        for t in self.doc.turns:          # speakers are people, never companies
            if t.role != "operator":
                pkey = slugify(t.speaker)
                names.refs.setdefault(pkey, EntityRef(pkey, "person", t.speaker, ("Person",)))
                for part in {t.speaker, t.speaker.split()[-1]}:
                    if len(part) >= 3:
                        names.alias(part, pkey)
        nctx = NameContext(self.text, self.doc.start, self.doc.end,
                           "first_party" if self.doc.speaks_for_issuer else "third_party", self.engine.matcher)
        discover_companies(names, nctx)
        discover_appositive_segments(names, nctx, issuer)
        discover_subjects(names, nctx, issuer, [(s.start, s.end) for s in self.sentences])
        return names

    # -- document ------------------------------------------------------------------------------------------
    @property
    def gazetteer(self) -> Gazetteer:
        return self.engine.gazetteer

    @property
    def patterns(self) -> Patterns:
        return self.engine.patterns

    @cached_property
    def issuer(self) -> Optional[EntityRef]:
        """The company "we", "our", "the Group", "the Company" refer to: the document's issuer, else (the
        document context found none) the first company named with a legal suffix in the document."""
        return self.doc.issuer or self._named_company()

    def _named_company(self) -> Optional[EntityRef]:
        suffixes = self.patterns["discovery"].get("legal_suffixes") or []
        if not suffixes:
            return None
        alt = "|".join(re.escape(x) for x in sorted({*suffixes, *(x.upper() for x in suffixes)}, key=len, reverse=True))
        # words one space (or a line break) apart: "Group   Group" over two table columns is no name; an
        # all-capitals heading ("TEMBUSU PRECISION LTD.") names its company too
        rx = re.compile(rf"\b(?P<name>(?:[A-Z][\w&'’.-]*(?: |\n)){{0,5}}?[A-Z][\w&'’.-]*),?(?: |\n)(?P<sfx>{alt})(?![\w])")
        for c in self.engine.splitter.split(self.text, self.doc.start, self.doc.end, self.doc.chrome):
            m = rx.search(self.text, c.start, c.end)
            if m is None:
                continue
            known = [h for h in self.engine.matcher.find(self.text, m.start(), m.end()) if h.kind == "organisation"]
            entry = self.gazetteer.get(known[0].target) if known else None
            if entry is not None and not any(t in ("ResearchFirm", "RankingBody") for t in entry.types):
                return entry.ref()
            raw, sfx = m.group("name").strip(), m.group("sfx")
            if sfx.isupper() and sfx not in suffixes and not raw.isupper():
                continue                    # "Acme LIMITED": capitals only after a heading's capitals
            if raw.isupper() and sfx.isupper() and sfx not in suffixes:
                raw = " ".join(w.capitalize() for w in raw.split())
                sfx = next((x for x in suffixes if x.casefold() == sfx.casefold() and not x.isupper()), sfx)
            name = re.sub(r"\s+(?:Holdings|Group)$", "", raw)
            return EntityRef(slugify(name), "organisation", f"{raw} {sfx}".strip())
        return None

    @property
    def period(self) -> Optional[Period]:
        return self.doc.period

    @cached_property
    def sentences(self) -> list[Sentence]:
        """Sentences of the document, chrome skipped (not deleted): offsets are into the whole file. A speaker's
        turn starts a sentence ("Jo Park -- Chief Executive Officer\nBrevard is ..." is two)."""
        out = self.engine.splitter.split(self.text, self.doc.start, self.doc.end, self.doc.chrome)
        starts = sorted(t.start for t in self.doc.turns)
        if not starts:
            return out
        split: list[Sentence] = []
        for s in out:
            a = s.start
            for b in (x for x in starts if s.start < x < s.end):
                if self.text[a:b].strip():
                    split.append(Sentence(a, b, self.text[a:b], s.line_start if a == s.start else True))
                a = b
            split.append(s if a == s.start else Sentence(a, s.end, self.text[a:s.end], True))
        return split

    def clauses(self, sentence: Sentence) -> list[Clause]:
        return self.engine.splitter.clauses(self.text, sentence)

    def in_chrome(self, start: int, end: int) -> bool:
        return any(start < c.end and c.start < end for c in self.doc.chrome)

    def turn_at(self, pos: int) -> Optional[Turn]:
        """The transcript turn containing ``pos`` (None outside turns or for non-transcripts)."""
        for t in self.doc.turns:
            if t.start <= pos < t.end:
                return t
        return None

    # -- mentions ------------------------------------------------------------------------------------------
    @cached_property
    def _issuer_matcher(self) -> Optional[GazetteerMatcher]:
        """Finds the issuer's own names when the gazetteer does not know them (label, label without suffixes)."""
        issuer = self.issuer
        if issuer is None:
            return None
        names = {issuer.label}
        short = _CORP_SUFFIX.sub("", issuer.label).strip()
        while short and _CORP_SUFFIX.search(short):
            short = _CORP_SUFFIX.sub("", short).strip()
        if short:
            names.add(short)
            names.add(short.split()[0])
        extra: dict[str, list[tuple[str, str]]] = {}
        for n in names:
            norm = normalise(n)[0].strip()
            if len(norm) >= 3:
                extra.setdefault(norm, []).append((issuer.kind, issuer.key))
        return GazetteerMatcher(Gazetteer({}, {}), extra)

    @cached_property
    def _names_matcher(self) -> Optional[GazetteerMatcher]:
        """The issuer's segments named somewhere in this document (divisions in prose, table rows)."""
        names = document_names(self)
        if not names:
            return None
        return GazetteerMatcher(Gazetteer({}, {}), {k: [v] for k, v in names.items()})

    def mentions(self, sentence: Sentence | Clause) -> Mentions:
        key = (sentence.start, sentence.end)
        if key in self._mentions:
            return self._mentions[key]
        a, b = sentence.start, sentence.end
        e = self.engine
        # a short name written in lower case is a word, not the name ("placed us fifth" is not the United States)
        hits = [h for h in e.matcher.find(self.text, a, b)
                if h.kind == "metric" or len(h.surface) > 3 or not h.surface.islower()]
        if self._issuer_matcher is not None:
            own = self._issuer_matcher.find(self.text, a, b)
            longer = [h for h in hits if h.kind != "metric"]
            own = [o for o in own if not any(h.start <= o.start and o.end <= h.end and (h.end - h.start) > (o.end - o.start)
                                             for h in longer)]
            hits = [h for h in hits if not any(h.start < o.end and o.start < h.end and h.kind != "metric"
                                               for o in own)] + own
        blocked = self._not_measures(a, b)
        mets = sorted((h for h in hits if h.kind == "metric" and not any(x <= h.start < y for x, y in blocked)),
                      key=lambda m: m.start)
        found = discover(self, a, b, mets)
        if self._names_matcher is not None:
            named = [n for n in self._names_matcher.find(self.text, a, b)
                     if not any(n.start < f.end and f.start < n.end for f in found)]
            found += named
            mets = after_parts(e.matcher, self.text, mets, named)
        if "names" in self.__dict__ or not self._building_names:
            opened = [n for n in self._open_names(a, b) if not any(n.start < f.end and f.start < n.end for f in found)]
            found += opened
            mets = after_parts(e.matcher, self.text, mets, opened)
        hits = [h for h in hits if not any(h.start < f.end and f.start < h.end and h.kind != "metric"
                                           and (h.end - h.start) <= (f.end - f.start) for f in found)]
        hits += [f for f in found if not any(f.start < h.end and h.start < f.end and h.kind != "metric" for h in hits)]
        periods = self._periods(a, b)
        # the two-digit year of a compact date ("Sep-24", "FY3/24", "Q3'24") is part of it, not a figure
        quantities = [q for q in e.quantities.find(self.text, a, b)
                      if not (q.start > 0 and self.text[q.start - 1] in "-–/'’" and
                              any(p.start < q.start and q.end <= p.end for p in periods))]
        # a name inside a figure is part of it ("US$310.5 million" does not name the United States)
        ents = sorted((h for h in hits if h.kind != "metric" and (h.kind == "fund" or not any(
            q.start <= h.start < q.number_end for q in quantities))), key=lambda m: m.start)
        m = Mentions(
            entities=ents, metrics=mets,
            quantities=quantities,
            periods=periods,
            cues=e.cues.find(self.text, a, b),
            ranks=e.ranks.find(self.text, a, b),
            streaks=e.ranks.streaks(self.text, a, b),
            movements=e.ranks.movements(self.text, a, b),
        )
        self._mentions[key] = m
        return m

    _building_names: bool = False

    def _not_measures(self, a: int, b: int) -> list[tuple[int, int]]:
        """Spans where a metric word names an event ("earnings call"): ``frames.yaml`` not_measures."""
        rx = self.engine.__dict__.get("_not_measures_rx")
        if rx is None:
            words = self.patterns["frames"].get("not_measures") or []
            rx = re.compile(r"(?<![\w])(?:%s)(?![\w])" % "|".join(re.escape(str(w)) for w in words), re.I) \
                if words else re.compile(r"(?!)")
            self.engine.__dict__["_not_measures_rx"] = rx
        return [(m.start(), m.end()) for m in rx.finditer(self.text, a, b)]

    def _open_names(self, a: int, b: int) -> list[Match]:
        """Open-world names in [a, b) (the inventory is built on first use, over the whole document)."""
        if self._building_names:
            return []
        self._building_names = True
        try:
            names = self.names
        finally:
            self._building_names = False
        found = names.find(self.text, a, b)
        if not found:
            return []
        known = [k for k in self.engine.matcher.find(self.text, a, b) if k.kind != "metric"]
        return [h for h in found
                if not any(h.start < k.end and k.start < h.end and (k.end - k.start) >= (h.end - h.start)
                           for k in known)]

    def _periods(self, a: int, b: int) -> list[PeriodMention]:
        """Period phrases: fiscal ones first (``fiscalperiods.py``), then calendar ones where they leave room."""
        fiscal = self.engine.fiscal_periods.find(self.text, a, b, self.doc.fiscal, self.doc.period, self.doc.date)
        plain = self.engine.periods.find(self.text, a, b, self.doc.period, self.doc.date)
        return sorted(fiscal + [p for p in plain if not any(p.start < f.end and f.start < p.end for f in fiscal)],
                      key=lambda p: p.start)

    # -- entities ------------------------------------------------------------------------------------------
    def entry(self, match: Match) -> Optional[EntityEntry]:
        return self.gazetteer.get(match.target)

    def entity(self, match: Match) -> EntityRef:
        """The entity a match refers to; a segment of another company is re-homed to the issuer."""
        if self.issuer is not None and match.target == self.issuer.key:
            return self.issuer
        if match.target in self.discovered:
            return self.discovered[match.target]
        if "names" in self.__dict__ and match.target in self.names.refs:
            return self.names.refs[match.target]
        entry = self.gazetteer.get(match.target)
        if entry is None:
            return EntityRef(match.target, match.kind, match.surface)
        if entry.kind in ("segment", "platform") and self.issuer is not None:
            owner = entry.props.get("company") or entry.props.get("partOf") or entry.props.get("developer")
            if owner and owner != self.issuer.key and self.gazetteer.get(str(owner)) is not None \
                    and self.gazetteer.get(str(owner)).kind == "organisation":
                if entry.kind == "platform":
                    return self.issuer
                concept = str(entry.props.get("concept") or entry.key)
                # the issuer's own part of the same kind, named as the text names it ("Gaming")
                name = " ".join(match.surface.split())
                return self.discover(f"{self.issuer.key}-{concept}", "segment", name[:1].upper() + name[1:],
                                     entry.types, owner=self.issuer.key)
        return entry.ref()

    def discover(self, key: str, kind: str, label: str, types: tuple[str, ...] = (),
                 owner: Optional[str] = None) -> EntityRef:
        """An entity found in text but not in the gazetteer (returned in ExtractionResult.entities)."""
        key = slugify(key)
        if key not in self.discovered:
            self.discovered[key] = EntityRef(key, kind, label, types, owner=owner)
        return self.discovered[key]

    def is_issuer_word(self, cue: Cue) -> bool:
        return cue.kind == "issuer"

    # -- evidence ------------------------------------------------------------------------------------------
    def evidence(self, start: int, end: int) -> Evidence:
        """Evidence for ``source[start:end]`` (trimmed of surrounding spaces, markup and trailing commas)."""
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and (self.text[end - 1].isspace() or self.text[end - 1] in ",;:"):
            end -= 1
        return Evidence(self.doc.source_file, start, end, self.source[start:end])
