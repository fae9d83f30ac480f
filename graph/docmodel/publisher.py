"""Who published a document: a masthead on its first line, a site named in the page title or byline, a news
wire in the dateline; and the research firm of a research note (its masthead, "About X", or its own words
"X is an independent market research company").

Names in capitals are given the case the text writes them in elsewhere ("HALVARD RESEARCH" -> "Halvard
Research"), else capitalised word by word (short words like "SG" and dotted ones like "N.V." kept).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Pattern

from ..doccontext import lines_of


@dataclass(frozen=True)
class PublisherRules:
    site: tuple[Pattern[str], ...]            # group "name": a site or wire named by the page
    masthead_cut: Pattern[str]                # where a masthead line's name ends ("NAME | Newsroom")
    not_masthead: Pattern[str]                # a first line that is a label, not a name ("PRESS RELEASE")
    keep_upper: int = 2                       # capitalised words of at most this many letters stay in capitals
    research_self: tuple[Pattern[str], ...] = ()   # group "name": a research firm describing itself
    research_cited: tuple[Pattern[str], ...] = ()  # group "name": a note citing its own publisher
    story_cited: tuple[Pattern[str], ...] = ()     # group "name": a story citing a research firm's figures


def _cased(name: str, text: str, keep_upper: int) -> str:
    if name.upper() != name:
        return name
    m = re.search(re.escape(name), text, re.IGNORECASE)
    while m:
        if m.group(0).upper() != m.group(0):
            return m.group(0)
        m = re.compile(re.escape(name), re.IGNORECASE).search(text, m.end())
    words = []
    for w in name.split():
        letters = re.sub(r"[^A-Za-z]", "", w)
        if len(letters) <= keep_upper or w.count(".") > 1:
            words.append(w)
        else:
            words.append(w[:1] + w[1:].lower())
    return " ".join(words)


def masthead(text: str, start: int, end: int, rules: PublisherRules) -> Optional[str]:
    """The name on the document's first line when that line is a masthead: in capitals, a single word, or a
    name followed by a section ("Acme Research — Newsroom", "Acme Wire | Companies")."""
    for a, b in lines_of(text, start, min(end, start + 400)):
        line = text[a:b].strip()
        if not line:
            continue
        if rules.not_masthead.search(line):
            return None
        cut = rules.masthead_cut.search(line)
        name = (line[:cut.start()] if cut else line).strip()
        name = re.sub(r"[ \t]*\([^()]*[:\d][^()]*\)[ \t]*$", "", name).strip()    # a ticker after the name
        if not name or not re.search(r"[A-Za-z]", name):
            return None
        shouted = name.upper() == name
        single = len(name.split()) == 1 and len(name) >= 4
        if not (shouted or single or cut):
            return None
        if len(name.split()) > 6:
            return None
        return _cased(name, text, rules.keep_upper)
    return None


def site_name(text: str, start: int, end: int, rules: PublisherRules) -> Optional[str]:
    """A site or wire the page names: in its HTML title, its byline or its dateline."""
    best: Optional[tuple[int, str]] = None
    for p in rules.site:
        m = p.search(text, start, min(end, start + 1500))
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), m.group("name").strip())
    return _cased(best[1], text, rules.keep_upper) if best else None


def research_firm(text: str, start: int, end: int, rules: PublisherRules) -> Optional[str]:
    """A research note's own publisher named in its text: "About X", "X is a market research company"."""
    for group in (rules.research_self, rules.research_cited):
        hits = [m for p in group for m in [p.search(text, start, end)] if m]
        if hits:
            m = min(hits, key=lambda h: h.start())
            return _cased(m.group("name").strip(), text, rules.keep_upper)
    return None


def cited_firm(text: str, start: int, end: int, rules: PublisherRules) -> Optional[str]:
    """The research firm whose figures a news story reports, cited in its lead ("according to Acme Research's
    tracker"): the story's default source."""
    hits = [m for p in rules.story_cited for m in [p.search(text, start, end)] if m]
    if not hits:
        return None
    return _cased(min(hits, key=lambda h: h.start()).group("name").strip(), text, rules.keep_upper)
