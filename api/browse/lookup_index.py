"""In-memory entity lookup over labels and aliases: exact, prefix, word and fuzzy matches, ranked.

Matching is case-, width- and punctuation-insensitive (NFKC + casefold, punctuation as spaces), splits letters
from digits ("ax10" ~ "ax 10"), and compares space-free forms too ("ax10ultra" ~ "Ax 10 Ultra"); CJK text is
matched as written and by substring.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher

import pyoxigraph as ox

from .graphview import ALT_LABEL_PROPS, LABEL_PROPS, GraphView, expand, local_name

FACT_KIND = "https://w3id.org/marketgraph/ontology#factKind"
PREFERRED_BONUS = 1 / 2   # a preferred label beats an alias that matches as well
SKIP_KINDS = {"fact", "evidence", "source", "scheme"}  # IRI kinds that are bookkeeping, not things to look up
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
    def from_view(cls, view: GraphView, label_of_type) -> "LookupIndex":
        """Every resource under ``{base}/id/`` that has a label, except fact nodes."""
        prefix = view.base + "/id/"
        names: dict[str, list[tuple[str, bool]]] = {}
        for p in LABEL_PROPS + ALT_LABEL_PROPS:
            for q in view.store.quads_for_pattern(None, ox.NamedNode(p), None, None):
                s, o = q.subject, q.object
                if isinstance(s, ox.NamedNode) and s.value.startswith(prefix) and isinstance(o, ox.Literal):
                    lst = names.setdefault(s.value, [])
                    if all(o.value != n for n, _ in lst):
                        lst.append((o.value, p in LABEL_PROPS))
        facts = {q.subject.value for q in view.store.quads_for_pattern(None, ox.NamedNode(FACT_KIND), None, None)
                 if isinstance(q.subject, ox.NamedNode)}
        entries = []
        for iri, lst in names.items():
            if iri in facts:
                continue
            parts = iri[len(prefix):].split("/")
            kind = parts[0]
            if len(parts) != 2 or "#" in iri or kind in SKIP_KINDS:
                continue
            label = view.label(iri)
            types = view.types(iri)
            e = Entry(iri, label, types, kind, label_of_type(iri, types))
            e.names = [(n, normalise(n), pref and n == label) for n, pref in lst if normalise(n)]
            entries.append(e)
        entries.sort(key=lambda e: e.iri)
        return cls(entries)

    def search(self, q: str, type_filter: str | None = None, limit: int = 10) -> list[Hit]:
        nq = normalise(q)
        if not nq:
            return []
        cq = nq.replace(" ", "")
        qtokens = nq.split()
        qgrams = trigrams(cq)
        candidates: dict[int, int] = {}
        for g in qgrams:
            for j in self._grams.get(g, ()):
                candidates[j] = candidates.get(j, 0) + 1
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
            score -= min(len(compact), 60) / 200.0   # shorter names first among equals
            hit = best.get(i)
            if hit is None or score > hit.score:
                best[i] = Hit(entry, round(score, 3), surface, how)
        hits = sorted(best.values(), key=lambda h: (-h.score, h.entry.label.casefold()))
        return hits[:limit]

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
        ratio = SequenceMatcher(None, cq, compact, autojunk=False).ratio()
        if len(cq) > len(compact):
            pass
        elif len(compact) > len(cq) + 2:   # a query close to a prefix of a long name
            ratio = max(ratio, SequenceMatcher(None, cq, compact[:len(cq)], autojunk=False).ratio() - 0.05)
        if ratio < 0.72:
            return None
        return 45.0 * ratio, "fuzzy"
