"""Whose voice a document is and what it is about: its role (does the issuer speak?), the research firm a
research note's figures come from (its default source), and the market and product category a research note
is about (from its title, else its lead)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Pattern

from ..gazetteer import Gazetteer
from ..iris import slugify
from ..records import EntityRef


@dataclass(frozen=True)
class CategoryRule:
    category: str
    regex: Pattern[str]


@dataclass(frozen=True)
class AboutnessRules:
    categories: tuple[CategoryRule, ...]
    first_party_genres: frozenset[str]       # the issuer speaks in these genres
    release_cues: tuple[Pattern[str], ...]   # a company's own release in another genre (wire tag, "SOURCE Acme")
    market_genres: frozenset[str]            # genres whose market and category are read
    lead_chars: int = 400


def role(genre: str, text: str, start: int, end: int, rules: AboutnessRules) -> str:
    """"first_party" when the issuer speaks (its release, call, letter, report), else "third_party"."""
    if genre in rules.first_party_genres:
        return "first_party"
    if genre in rules.market_genres:
        return "third_party"
    if any(p.search(text, start, end) for p in rules.release_cues):
        return "first_party"
    return "third_party"


def research_source(name: str, legal_suffixes: frozenset[str]) -> EntityRef:
    """The research firm as an organisation: keyed by its name without legal suffixes."""
    words = name.split()
    while len(words) > 1 and words[-1].lower().strip(",") in legal_suffixes:
        words = words[:-1]
    return EntityRef(slugify(" ".join(words)), "organisation", name, ("ResearchFirm",))


def _markets(gazetteer: Optional[Gazetteer]) -> list[tuple[Pattern[str], EntityRef]]:
    if gazetteer is None:
        return []
    out = []
    for e in gazetteer.entities.values():
        if e.kind != "market":
            continue
        for alias in {e.label, *e.aliases}:
            flags = 0 if len(alias) <= 3 else re.IGNORECASE
            out.append((re.compile(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", flags), e.ref()))
    return out


def _first(text: str, spans: list[tuple[int, int]], found: list[tuple[Pattern[str], object]]) -> Optional[object]:
    for a, b in spans:
        best: Optional[tuple[int, int, object]] = None
        for pattern, value in found:
            m = pattern.search(text, a, b)
            if m and (best is None or (m.start(), -(m.end() - m.start())) < (best[0], -best[1])):
                best = (m.start(), m.end() - m.start(), value)
        if best is not None:
            return best[2]
    return None


def market_and_category(text: str, title: str, lead: tuple[int, int], genre: str, gazetteer: Optional[Gazetteer],
                        rules: AboutnessRules, cites_research: bool = False) -> tuple[Optional[EntityRef], Optional[str]]:
    """The geography (a gazetteer market) and product category named first in the title, else in the lead (of a
    research note, or of a story reporting a research firm's figures)."""
    if genre not in rules.market_genres and not cites_research:
        return None, None
    joined = title + "\n" + text[lead[0]:lead[1]]
    spans = [(0, len(title)), (len(title) + 1, len(joined))]
    market = _first(joined, spans, _markets(gazetteer))   # type: ignore[arg-type]
    category = _first(joined, spans, [(c.regex, c.category) for c in rules.categories])
    return market, category   # type: ignore[return-value]
