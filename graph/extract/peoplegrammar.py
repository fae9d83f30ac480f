"""Names and titles of people: the compiled vocabulary of ``mappings/patterns/people.yaml``, shared by the role
readers (``rolesentences.py``, ``rolelines.py``, ``roleturns.py``) and their adapter (``people.py``).

A reader turns text into ``RoleItem`` statements: a person's name as written, a title as written, the
organisation when the text names one, and the evidence span. Names are found by shape (capitalised words,
particles, an honorific) and kept only when no word of theirs is a title, a company word or a word of the
``not_name_words`` list: a phrase that is not a person's name never gets a role. Every pattern is a bounded scan
(a name is at most ``max_name_words`` words), so a reader is linear in the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional

from .patterns import Patterns, alternation

_UPPER = "A-ZÀ-ÖØ-ÞĀ-ŽȘȚΑ-Ω"
_INITIAL = re.compile(r"[A-Z]\.")
_ACRONYM = re.compile(r"[A-Z]{2}")
_CONTRACTION = re.compile(r"['’](?:m|s|ll|ve|re|d|t)$", re.IGNORECASE)     # "I'm", "Acme's": not a name's word
_WORD = rf"[{_UPPER}][^\W\d_]{{0,30}}(?:[-'’][^\W\d_]{{1,30}}){{0,2}}"


@dataclass(frozen=True)
class NameSpan:
    start: int
    end: int
    name: str


@dataclass(frozen=True)
class RoleItem:
    """One statement of a person's role; offsets absolute.

    ``org`` is the organisation as written (None: the document's default organisation, see ``people.py``);
    ``org_start == org_end`` marks an organisation the text names in lower case (unknown: no object).
    ``how`` names the reader; ``role`` is the role noun when it differs from the title as written (a credit's
    "Editing" is an editor); ``firm_explicit`` and ``title_explicit`` say what the quote itself states, for
    choosing the fullest statement of a role stated twice."""

    name: str
    name_start: int
    name_end: int
    title: str
    start: int
    end: int
    org: Optional[str] = None
    org_start: int = -1
    org_end: int = -1
    how: str = "appositive"
    role: Optional[str] = None
    spoken: Optional[str] = None
    credit: bool = False
    pronoun: bool = False
    issuer: bool = False            # "our CEO", "the company's": the issuer said so
    title_explicit: bool = True


class PeopleGrammar:
    """Compiled ``people.yaml`` (with the company words of ``names.yaml``)."""

    def __init__(self, patterns: Patterns):
        data = patterns["people"]
        self.data = data
        hon = alternation(str(h) for h in data.get("honorifics") or [])
        self.honorific_src = rf"(?:(?:{hon})\.?[ \u00a0])"
        self.honorific = re.compile(rf"^{self.honorific_src}")
        part = alternation(str(p) for p in data.get("particles") or [])
        self.particles = {str(p) for p in data.get("particles") or []}
        self.max_words = int(data.get("max_name_words") or 4)
        more = self.max_words - 1
        self.name_src = (rf"{self.honorific_src}?{_WORD}(?:[ \u00a0](?:(?:{part})[ \u00a0]){{0,2}}"
                         rf"(?:[A-Z]\.(?=[ \u00a0])|{_WORD})){{1,{more}}}")
        self.name_rx = re.compile(rf"(?<![\w.’'-])({self.name_src})")
        self.word_rx = re.compile(rf"(?<![\w.’'-]){_WORD}(?![\w’'-])")
        titles = [str(t) for t in data.get("title_words") or []]
        self.departments = [str(d) for d in data.get("departments") or []]
        self.title_rx = re.compile(rf"(?<![\w-])(?:{alternation(titles + self.departments)})(?![\w-])", re.IGNORECASE)
        stop = alternation(str(w) for w in data.get("not_title_modifiers") or [])
        self.title_start_rx = re.compile(
            rf"^(?:(?:(?!(?:{stop})\s)[A-Za-z][\w&’'-]*\s){{0,3}}?)(?:{alternation(titles + self.departments)})(?![\w-])",
            re.IGNORECASE)
        self.not_name = {str(w).casefold() for w in data.get("not_name_words") or []}
        self.not_name |= {str(w).casefold() for w in patterns["names"].get("generic_name_words") or []}
        self.not_name -= {"of", "and", "&"}
        syn: dict[str, str] = {}
        for canon, variants in (data.get("title_synonyms") or {}).items():
            for v in variants or []:
                syn[str(v).casefold()] = str(canon).casefold()
        self.synonyms = syn
        self.synonym_rx = re.compile(rf"(?<![\w-])(?:{alternation(syn)})(?![\w-])") if syn else None
        self.press = re.compile(rf"(?<![\w-])(?:{alternation(data.get('press_titles') or [])})(?![\w-])",
                                re.IGNORECASE)
        self.research = re.compile(rf"(?<![\w-])(?:{alternation(data.get('research_titles') or [])})(?![\w-])",
                                   re.IGNORECASE)
        self.plurals = {str(k).casefold(): str(v) for k, v in (data.get("plural_endings") or {}).items()}

    # -- titles ---------------------------------------------------------------------------------------------------
    def is_title(self, text: str) -> bool:
        return bool(self.title_rx.search(text))

    def starts_with_title(self, text: str) -> bool:
        """A title, its head word within its first four words ("Senior Vice President", "hardware analyst")."""
        return bool(self.title_start_rx.match(text.strip()))

    def is_press(self, title: str) -> bool:
        return bool(self.press.search(title))

    def is_research(self, title: str) -> bool:
        return bool(self.research.search(title))

    def singular(self, title: str) -> str:
        """"independent non-executive directors" -> "independent non-executive director"."""
        head, _, last = title.rpartition(" ")
        repl = self.plurals.get(last.casefold())
        if repl is None:
            return title
        if last[:1].isupper():
            repl = repl[:1].upper() + repl[1:]
        return f"{head} {repl}".strip()

    def title_key(self, title: str) -> str:
        """One spelling for the spellings of one title ("President & CEO" = "president and chief executive
        officer")."""
        t = " ".join(self.singular(title).casefold().replace("’", "'").split())
        t = re.sub(r"^(?:an?|the|our|its)\s", "", t)
        if self.synonym_rx is not None:
            t = self.synonym_rx.sub(lambda m: self.synonyms[m.group(0)], t)
        return re.sub(r"[^\w&' -]", "", t).strip()

    # -- names ----------------------------------------------------------------------------------------------------
    def bare(self, name: str) -> str:
        """The name without an honorific, one space between words."""
        return " ".join(self.honorific.sub("", name).split())

    def _word_ok(self, w: str) -> bool:
        if w in self.particles or _INITIAL.fullmatch(w):
            return True
        if not w[:1].isupper() or w.casefold() in self.not_name or _CONTRACTION.search(w):
            return False
        return not _ACRONYM.search(w)             # "CFO", "IDC": acronyms are not names

    def valid_name(self, name: str, singles: frozenset[str] = frozenset()) -> bool:
        words = self.bare(name).split()
        full = [w for w in words if w not in self.particles and not _INITIAL.fullmatch(w)]
        if len(words) == 1:
            return words[0] in singles and self._word_ok(words[0])
        if not 2 <= len(full) <= self.max_words or words[-1] in self.particles:
            return False
        return all(self._word_ok(w) for w in words) and not self.is_title(" ".join(words))

    def names(self, text: str, start: int, end: int, singles: frozenset[str] = frozenset()) -> list[NameSpan]:
        """Non-overlapping person names in ``text[start:end]``, leftmost first; a candidate with a word that is not
        a name's ("Lin Jiawei Chairman") is cut back to its longest valid front. ``singles``: one-word names
        (surnames and given names of people the document names in full)."""
        out: list[NameSpan] = []
        pos = start
        for w in self.word_rx.finditer(text, start, end):
            if w.start() < pos:
                continue
            found = self.name_at(text, w.start(), end, singles)
            if found is not None:
                out.append(found)
                pos = found.end
        return out

    def _longest_valid(self, cand: str, singles: frozenset[str]) -> Optional[str]:
        parts = cand.split(" ")
        for n in range(len(parts), 0, -1):
            sub = " ".join(parts[:n])
            if self.valid_name(sub, singles):
                return sub
        return None

    def name_at(self, text: str, start: int, end: int, singles: frozenset[str] = frozenset()) -> Optional[NameSpan]:
        """The valid name that starts exactly at ``start`` (None if none does)."""
        m = self.name_rx.match(text, start, end)
        if m is not None:
            cand = self._longest_valid(m.group(1), singles)
            if cand:
                return NameSpan(start, start + len(cand), cand)
        w = self.word_rx.match(text, start, end)
        if w is not None and self.valid_name(w.group(0), singles):
            return NameSpan(start, w.end(), w.group(0))
        return None


def name_parts(names: Iterable[str], grammar: PeopleGrammar) -> dict[str, set[str]]:
    """One-word forms of full names -> the full names they may stand for ("Santos" -> {"Mira Santos"})."""
    out: dict[str, set[str]] = {}
    for n in names:
        words = [w for w in grammar.bare(n).split() if w not in grammar.particles]
        for w in (words[0], words[-1]) if len(words) >= 2 else ():
            out.setdefault(w, set()).add(grammar.bare(n))
    return out
