"""In-memory entity lookup over labels and aliases: exact, prefix, word and fuzzy matches, ranked.

Matching is case-, width- and punctuation-insensitive (NFKC + casefold, punctuation as spaces), splits letters
from digits ("ax10" ~ "ax 10"), and compares space-free forms too ("ax10ultra" ~ "Ax 10 Ultra"); CJK text is
matched as written and by substring.
"""
from __future__ import annotations

import heapq
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from typing import Callable, Iterable

from rapidfuzz.distance import Indel

from marketgraph.graph import lookupdata
from marketgraph.graph.lookupdata import Record

from .graphview import GraphView, expand, local_name

PREFERRED_BONUS = 1 / 2   # a preferred label beats an alias that matches as well
FUZZY_MIN = 0.72          # the least similarity (2·LCS / total length) a fuzzy match needs
PREFIX_PENALTY = 0.05     # a fuzzy match of a name's first characters counts this much less
_DIGIT_SPLIT = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")


def normalise(text: str) -> str:
    t = unicodedata.normalize("NFKC", text).casefold()
    t = "".join(" " if unicodedata.category(c)[0] in "PSZC" else c for c in t)
    t = _DIGIT_SPLIT.sub(" ", t)
    return " ".join(t.split())


def trigrams(compact: str) -> set[str]:
    s = f"  {compact} "
    return {s[i:i + 3] for i in range(len(s) - 2)}


@dataclass
class Entry:
    iri: str
    label: str
    types: list[str]
    kind: str
    description: str = ""
    names: list[tuple[str, str, bool]] = field(default_factory=list)  # (surface, normalised, is preferred)


@dataclass
class Hit:
    entry: Entry
    score: float
    matched: str      # the label or alias that matched
    how: str          # exact | prefix | word | substring | fuzzy


class LookupIndex:
    def __init__(self, entries: list[Entry]):
        self.entries = entries
        self._names: list[tuple[int, str, str, str, list[str], bool]] = []  # entry, surface, norm, compact, tokens
        self._grams: dict[str, set[int]] = {}
        for i, e in enumerate(entries):
            for surface, norm, pref in e.names:
                j = len(self._names)
                compact = norm.replace(" ", "")
                self._names.append((i, surface, norm, compact, norm.split(), pref))
                for g in trigrams(compact):
                    self._grams.setdefault(g, set()).add(j)

    @classmethod
    def from_records(cls, records: Iterable[Record], describe: Callable[[Record], str]) -> "LookupIndex":
        """The index of the records (graph/lookupdata.py: kept beside the generation at publish time, or read from
        the store), each described by ``describe``."""
        entries = []
        for r in records:
            e = Entry(r.iri, r.label, r.types, r.kind, describe(r))
            e.names = [(n, norm, pref and n == r.label) for n, pref in r.names if (norm := normalise(n))]
            entries.append(e)
        entries.sort(key=lambda e: e.iri)
        return cls(entries)

    @classmethod
    def from_view(cls, view: GraphView, describe: Callable[[Record], str]) -> "LookupIndex":
        """Every resource under ``{base}/id/`` that has a label, except fact nodes, read from the store now."""
        return cls.from_records(lookupdata.of_store(view.store, view.base).values(), describe)

    def search(self, q: str, type_filter: str | None = None, limit: int = 10) -> list[Hit]:
        nq = normalise(q)
        if not nq:
            return []
        cq = nq.replace(" ", "")
        qtokens = nq.split()
        qgrams = trigrams(cq)
        candidates: Counter[int] = Counter()
        for g in qgrams:
            candidates.update(self._grams.get(g, ()))   # counted in C
        best: dict[int, Hit] = {}
        for j, shared in candidates.items():
            i, surface, norm, compact, tokens, pref = self._names[j]
            entry = self.entries[i]
            if type_filter and not self.type_ok(entry, type_filter):
                continue
            scored = self._score(nq, cq, qtokens, norm, compact, tokens, shared / max(len(qgrams), 1))
            if scored is None:
                continue
            score, how = scored
            score += PREFERRED_BONUS if pref else 0.0
            score = round(score - min(len(compact), 60) / 200.0, 3)   # shorter names first among equals
            had = best.get(i)
            if had is None or score > had[0]:
                best[i] = (score, surface, how)
        # only the hits returned are made (a short query can match most names)
        top = heapq.nsmallest(limit, best.items(), key=lambda kv: (-kv[1][0], self.entries[kv[0]].label.casefold()))
        return [Hit(self.entries[i], score, surface, how) for i, (score, surface, how) in top]

    @staticmethod
    def type_ok(entry: Entry, wanted: str) -> bool:
        w = expand(wanted.strip())
        return entry.kind == w or any(t == w or local_name(t).casefold() == w.casefold() for t in entry.types)

    @staticmethod
    def _score(nq: str, cq: str, qtokens: list[str], norm: str, compact: str, tokens: list[str],
               gram_share: float) -> tuple[float, str] | None:
        if nq == norm:
            return 100.0, "exact"
        if cq == compact:
            return 96.0, "exact"
        if norm.startswith(nq) or compact.startswith(cq):
            return 80.0 + 10.0 * len(cq) / max(len(compact), 1), "prefix"
        used: set[int] = set()
        for qt in qtokens:
            k = next((k for k, t in enumerate(tokens) if k not in used and t.startswith(qt)), None)
            if k is None:
                break
            used.add(k)
        else:
            return 60.0 + 20.0 * len(used) / max(len(tokens), 1), "word"
        if len(cq) >= 2 and cq in compact:
            return 50.0 + 10.0 * len(cq) / max(len(compact), 1), "substring"
        if gram_share < 0.3:
            return None
        ratio = similarity(cq, compact, FUZZY_MIN)
        if len(cq) > len(compact):
            pass
        elif len(compact) > len(cq) + 2:   # a query close to a prefix of a long name
            head = similarity(cq, compact[:len(cq)], FUZZY_MIN + PREFIX_PENALTY)
            ratio = max(ratio, head - PREFIX_PENALTY)
        if ratio < FUZZY_MIN:
            return None
        return 45.0 * ratio, "fuzzy"


def similarity(a: str, b: str, floor: float) -> float:
    """The similarity of ``a`` and ``b``, 2·LCS / (len a + len b) (rapidfuzz's normalised Indel similarity, in C,
    stopping early below ``floor``: then 0.0). It is the measure difflib's ``ratio`` approximates (difflib's
    matching blocks are a common subsequence, never longer than the longest one)."""
    return Indel.normalized_similarity(a, b, score_cutoff=floor)
