"""Gazetteer matching: every alias of every entity and metric found in the text, with offsets.

The text is normalised character by character (NFKC, case-folded, punctuation and runs of spaces folded to one
space) while keeping a map back to original offsets; aliases are normalised the same way (plus a variant with
spaces removed, so "Xiao Ai" also finds "XiaoAi") and searched with one Aho-Corasick automaton. Latin matches
must sit on word boundaries; CJK matches need none. Overlaps resolve to the longest, then the leftmost match.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import ahocorasick

from ..gazetteer import Gazetteer


_MEMO_SIZE = 2048   # spans whose matches a matcher keeps; more than a long document's sentences and clauses


@dataclass(frozen=True)
class Match:
    """A gazetteer hit: ``target`` is an entity key (``kind`` = its kind) or a metric key (``kind`` = "metric")."""

    start: int
    end: int
    kind: str
    target: str
    surface: str


def _is_cjk(ch: str) -> bool:
    return "\u2e80" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af" or "\uf900" <= ch <= "\ufaff"


def _folded(ch: str) -> tuple[tuple[str, bool], ...]:
    """What one source character becomes: its NFKC, case-folded characters, each with whether it is kept (a
    letter, digit, CJK character, "+" or "&") or is a separator."""
    return tuple((c, c.isalnum() or _is_cjk(c) or c in "+&") for c in unicodedata.normalize("NFKC", ch).casefold())


def normalise(text: str, _table: dict[str, tuple[tuple[str, bool], ...]] = {}) -> tuple[str, list[int]]:
    """Normalised text and, for each of its characters, the offset of the source character it came from. Each
    distinct character is folded once per process (``_table``, bounded by the characters ever read)."""
    out: list[str] = []
    idx: list[int] = []
    prev_space = True
    for i, ch in enumerate(text):
        folded = _table.get(ch)
        if folded is None:
            folded = _table[ch] = _folded(ch)
        for c, kept in folded:
            if kept:
                out.append(c)
                idx.append(i)
                prev_space = False
            elif not prev_space:
                out.append(" ")
                idx.append(i)
                prev_space = True
    return "".join(out), idx


def _variants(alias: str) -> set[str]:
    norm = normalise(alias)[0].strip()
    vs = {norm} if norm else set()
    if " " in norm and len(norm.replace(" ", "")) >= 4:
        vs.add(norm.replace(" ", ""))
    return vs


def _footnote_mark(norm: str, word: str, at: int) -> bool:
    """One digit glued to a measure's name that ends in a letter ("EBITDA2", "ARPU³" read as "ARPU3"), with no
    further letter, digit or decimal point after it: a footnote mark, not part of the word or of a number."""
    if not word[-1].isalpha() or not ("1" <= norm[at] <= "9"):
        return False
    nxt = norm[at + 1:at + 2]
    return not nxt or not (nxt.isalnum() or _is_cjk(nxt))


class GazetteerMatcher:
    """One automaton over all entity and metric aliases of a gazetteer."""

    def __init__(self, gazetteer: Gazetteer, extra: dict[str, list[tuple[str, str]]] | None = None):
        self.automaton = ahocorasick.Automaton()
        table: dict[str, list[tuple[str, str]]] = {}
        for e in gazetteer.entities.values():
            for alias in (e.label, *e.aliases):
                for v in _variants(alias):
                    table.setdefault(v, []).append((e.kind, e.key))
        for m in gazetteer.metrics.values():
            for alias in (m.label, *m.aliases):
                for v in _variants(alias):
                    table.setdefault(v, []).append(("metric", m.key))
        for v, targets in (extra or {}).items():
            for t in targets:
                table.setdefault(v, []).append(t)
        for v, targets in table.items():
            self.automaton.add_word(v, (v, tuple(dict.fromkeys(targets))))
        self.empty = not table
        self.scans = 0
        self._memo: dict[tuple[str, int, int], list[Match]] = {}
        if not self.empty:
            self.automaton.make_automaton()

    def __getstate__(self) -> dict:
        """Pickled with the engine (the knowledge cache): the automaton, never a document's kept answers."""
        return {**self.__dict__, "_memo": {}}

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Match]:
        """All non-overlapping matches in ``text[start:end]`` (offsets into ``text``). Several extractors ask for
        the same sentence of the same document: the answers are kept (up to ``_MEMO_SIZE`` spans, then forgotten),
        so a span is normalised and scanned once (``scans`` counts the scans)."""
        end = len(text) if end is None else end
        if self.empty:
            return []
        key = (text, start, end)    # a str keeps its hash: the key costs no pass over the text
        found = self._memo.get(key)
        if found is None:
            if len(self._memo) >= _MEMO_SIZE:
                self._memo.clear()
            found = self._memo[key] = self._scan(text, start, end)
        return list(found)

    def _scan(self, text: str, start: int, end: int) -> list[Match]:
        self.scans += 1
        norm, idx = normalise(text[start:end])
        hits: list[tuple[int, int, tuple[str, str], str]] = []
        for last, (word, targets) in self.automaton.iter(norm):
            first = last - len(word) + 1
            if not _is_cjk(word[0]) and first > 0 and norm[first - 1].isalnum() and not _is_cjk(norm[first - 1]):
                continue
            glued = False
            if not _is_cjk(word[-1]) and last + 1 < len(norm) and norm[last + 1].isalnum() \
                    and not _is_cjk(norm[last + 1]):
                if not _footnote_mark(norm, word, last + 1):
                    continue
                glued = True    # "Adjusted EBITDA2 was ...": a measure's name with its footnote mark
            for t in targets:
                if not glued or t[0] == "metric":
                    hits.append((first, last + 1, t, word))
        hits.sort(key=lambda h: (-(h[1] - h[0]), h[0]))
        # longest first; a span overlapping a longer one is dropped (the same span may carry several targets).
        # A bitmap of taken positions keeps this linear in the hits.
        occupied = bytearray(len(norm))
        taken: set[tuple[int, int]] = set()
        out: list[Match] = []
        for a, b, (kind, key), _ in hits:
            if (a, b) not in taken and any(occupied[a:b]):
                continue
            if (a, b) not in taken:
                taken.add((a, b))
                occupied[a:b] = b"\x01" * (b - a)
            s0 = start + idx[a]
            s1 = start + idx[b - 1] + 1
            if (text[s1:s1 + 1] == "-" and text[s1 + 1:s1 + 2].isalpha()) or \
                    (s0 >= 2 and text[s0 - 1] == "-" and text[s0 - 2].isalpha()):
                continue  # part of a hyphenated word ("share-based", "Hong Kong-listed")
            out.append(Match(s0, s1, kind, key, text[s0:s1]))
        out.sort(key=lambda m: (m.start, m.end))
        return out
