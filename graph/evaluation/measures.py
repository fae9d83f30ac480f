"""What a figure measures, for scoring: the gold's predicate (plus a segment named in its subject) and the fact's
metric (plus its subject's segment and category) become sets of canonical words, which must be equal.

Phrases naming the same measure ("net sales" = "revenue") are folded by the scorer's own table
(tests/gold/equivalences.yaml), independent of the extraction's vocabulary. A narrower measure keeps its extra
words ("smartphone revenue" needs the fact to say smartphones somewhere: its subject, category or metric).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from ..yamlload import load_file

_TOKEN = re.compile(r"[^\W_]+(?:[&/'’-][^\W_]+)*")


def _stem(w: str) -> str:
    w = w.casefold().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > 3 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) >= 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):     # "PCs", "TVs" too
        return w[:-1]
    return w


@dataclass(frozen=True)
class Measures:
    phrases: tuple[tuple[tuple[str, ...], str], ...]   # (stemmed phrase words, canonical token), longest first
    ignorable: frozenset[str]
    change_words: frozenset[str]
    accounting: dict
    categories: frozenset[str] = frozenset()
    market_measures: frozenset[str] = frozenset()
    world: frozenset[tuple[str, ...]] = frozenset()     # names of the global market

    @classmethod
    def load(cls, path: Path) -> "Measures":
        raw = load_file(path) or {}
        phrases = []
        for key, forms in (raw.get("measures") or {}).items():
            for f in forms:
                phrases.append((tuple(_stem(w) for w in _TOKEN.findall(str(f))), f"<{key}>"))
        phrases.sort(key=lambda p: -len(p[0]))
        return cls(tuple(phrases), frozenset(_stem(w) for w in raw.get("ignorable") or []),
                   frozenset(_stem(w) for w in raw.get("change_words") or []),
                   {str(k).casefold(): str(v) for k, v in (raw.get("accounting") or {}).items()},
                   frozenset(_stem(w) for w in raw.get("categories") or []),
                   frozenset(f"<{k}>" for k in raw.get("market_measures") or []),
                   frozenset(tuple(str(w).casefold().split()) for w in raw.get("global_market_names") or []))

    def lenient_words(self, gold: frozenset[str]) -> frozenset[str]:
        """Gold words a fact may leave out: a product category of a market measure."""
        return self.categories if gold & self.market_measures else frozenset()

    def accounting_token(self, text: Optional[str]) -> Optional[str]:
        if not text:
            return None
        t = " ".join(text.casefold().replace("_", " ").split())
        for form in sorted(self.accounting, key=len, reverse=True):
            if form in t:
                v = self.accounting[form]
                return f"[{v}]" if v else None
        return None

    def canonical(self, parts: Iterable[str], *, drop_change: bool = False) -> frozenset[str]:
        """Canonical words of the phrases: synonyms folded to one token, ignorable words dropped; accounting
        words ("non-GAAP", "adjusted") become one basis token."""
        out: set[str] = set()
        for text in parts:
            if not text:
                continue
            text = re.sub(r"\([^)]*\)", " ", text)
            acc = self.accounting_token(text)
            if acc:
                out.add(acc)
            for form in self.accounting:
                text = re.sub(rf"(?i)(?<![\w-]){re.escape(form)}(?![\w-])", " ", text)
            ws = [_stem(w) for w in _TOKEN.findall(text)]
            # synonym phrases first, on the words as written ("profit for the year"); then the words left over,
            # without the ignorable and change words
            i = 0
            while i < len(ws):
                for phrase, token in self.phrases:
                    if tuple(ws[i:i + len(phrase)]) == phrase:
                        out.add(token)
                        i += len(phrase)
                        break
                else:
                    w = ws[i]
                    if w not in self.ignorable and not (drop_change and w in self.change_words):
                        out.add(w)
                    i += 1
        return frozenset(out)


def same_measure(gold: frozenset[str], fact: frozenset[str], context: frozenset[str] = frozenset()) -> bool:
    """The gold's measure words equal the fact's, except that gold words the fact names elsewhere (its market's
    label: "overseas revenue" for revenue in the overseas market) may be left over."""
    if gold == fact:
        return True
    return fact <= gold and (gold - fact) <= context and bool(fact)
