"""Rank phrases: ``#1``, ``No. 1``, ``number one``, ``first``, ``third-biggest``, ``4th``, ``top 3``,
``top five``, ``422nd``, ``the largest``, movements ``up 46 places``/``41 places higher``, streaks
``for the 12th consecutive quarter``/``for 6 consecutive quarters``/``for 2 quarters in a row``.

Vocabulary in ``mappings/patterns/rankings.yaml``. Ranks are found here; who is ranked where is decided by the
``rankings`` extractor.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Optional

from .patterns import Patterns, alternation


@dataclass(frozen=True)
class RankMention:
    start: int
    end: int
    rank: int
    rank_type: str            # "rank" (exact position) | "top" (among the top N)
    form: str                 # hash | number | ordinal | superlative | top | topof | listed (rankings.py)
    superlative: Optional[str] = None
    false_start: bool = False  # "top 5 -- top 4": a spoken rank the next one replaces (no place; still a rank's number)


@dataclass(frozen=True)
class Streak:
    start: int
    end: int
    count: int
    unit: str                 # quarter / year / month ...


@dataclass(frozen=True)
class Movement:
    start: int
    end: int
    places: int               # signed: up 46 places -> +46


class RankGrammar:
    def __init__(self, patterns: Patterns):
        r = patterns["rankings"]
        self.ordinals = {k.lower(): int(v) for k, v in (r.get("ordinal_words") or {}).items()}
        self.cardinals = {k.lower(): int(v) for k, v in (r.get("cardinal_rank_words") or {}).items()}
        sup = alternation(r.get("superlatives") or [])
        ordw = alternation(self.ordinals)
        card = alternation(self.cardinals)
        mv = alternation(r.get("movement_units") or [])
        orgsfx = alternation(r.get("organisation_suffixes") or [])
        I = re.IGNORECASE
        self.rules = [
            (re.compile(r"\bthe\s+top\s+(?:of|spot|position|place)\b", I), "topof"),
            (re.compile(rf"\btop[- ](?P<n>\d{{1,3}}|{card})\b", I), "top"),
            (re.compile(r"(?<![\w&])#\s?(?P<n>\d{1,3})\b"), "hash"),
            (re.compile(rf"\b(?:No\.|Number|No)\s?(?P<n>\d{{1,3}}|{card})\b(?!\s+(?:[A-Z]\w*\s+)?(?:{orgsfx})\b)"), "number"),
            (re.compile(rf"\bnumber[- ](?P<n>{card})\b", I), "number"),
            (re.compile(rf"\b(?P<o>{ordw}|\d{{1,3}}(?:st|nd|rd|th))(?:[- ](?P<sup>{sup}))?\b", I), "ordinal"),
            (re.compile(rf"\b(?:the|its|\w+['’]s)\s+(?P<sup>{sup})\b", I), "superlative"),
        ]
        # "ranked top 5 -- top 4": a spoken false start, the second rank replaces the first (text.yaml)
        self.false_start = frozenset(patterns["text"].get("false_start_separators") or [])
        self.streak = re.compile(
            rf"\bfor\s+(?:the\s+)?(?:(?P<o>{ordw}|\d{{1,3}}(?:st|nd|rd|th))\s+(?:consecutive|straight|successive)\s+"
            rf"(?P<u1>quarter|year|month|week)s?|(?P<n>\d{{1,3}}|{card})\s+(?:consecutive\s+(?P<u2>quarter|year|month)s?|"
            rf"(?P<u3>quarter|year|month)s?\s+in\s+a\s+row))\b", I)
        self.streak3 = re.compile(
            rf"\bfor\s+the\s+(?P<o>{ordw}|\d{{1,3}}(?:st|nd|rd|th))\s+(?P<u1>quarter|year|month)\s+in\s+a\s+row\b", I)
        self.streak2 = re.compile(
            rf"\b(?P<o>{ordw}|\d{{1,3}}(?:st|nd|rd|th))\s+(?:consecutive|straight|successive)\s+(?P<u1>quarter|year|month)\b", I)
        self.movement = re.compile(
            rf"\b(?:(?P<dir>up|down|climbed|rose|jumped|fell|dropped)\s+(?P<n>\d{{1,4}})\s+(?:{mv})|"
            rf"(?P<n2>\d{{1,4}})\s+(?:{mv})\s+(?P<dir2>higher|lower|up|down))\b", I)

    def _n(self, raw: str) -> int:
        raw = raw.lower()
        return int(raw) if raw.isdigit() else self.cardinals.get(raw, 0)

    def find(self, text: str, start: int, end: int) -> list[RankMention]:
        out: list[RankMention] = []
        taken = bytearray(max(0, end - start))     # characters a rank already covers (constant-time overlap test)
        for rx, form in self.rules:
            for m in rx.finditer(text, start, end):
                if any(taken[m.start() - start:m.end() - start]):
                    continue
                if form == "ordinal":
                    o = m.group("o").lower()
                    n = self.ordinals.get(o) or int(re.sub(r"\D", "", o))
                    out.append(RankMention(m.start(), m.end(), n, "rank", "ordinal", m.group("sup")))
                elif form == "topof":
                    out.append(RankMention(m.start(), m.end(), 1, "rank", "topof"))
                elif form == "superlative":
                    out.append(RankMention(m.start("sup"), m.end(), 1, "rank", "superlative", m.group("sup")))
                else:
                    n = self._n(m.group("n"))
                    if n <= 0:
                        continue
                    out.append(RankMention(m.start(), m.end(), n, "top" if form == "top" else "rank", form))
                taken[m.start() - start:m.end() - start] = b"\x01" * (m.end() - m.start())
        out.sort(key=lambda r: r.start)
        return [replace(r, false_start=True) if nxt is not None and nxt.form == r.form and
                text[r.end:nxt.start] in self.false_start else r for r, nxt in zip(out, out[1:] + [None])]

    def streaks(self, text: str, start: int, end: int) -> list[Streak]:
        out = []
        for rx in (self.streak, self.streak3, self.streak2):
            for m in rx.finditer(text, start, end):
                if any(s.start <= m.start() < s.end for s in out):
                    continue
                g = m.groupdict()
                if g.get("o"):
                    o = g["o"].lower()
                    n = self.ordinals.get(o) or int(re.sub(r"\D", "", o))
                else:
                    n = self._n(g["n"])
                unit = (g.get("u1") or g.get("u2") or g.get("u3") or "").lower()
                out.append(Streak(m.start(), m.end(), n, unit))
        return out

    def movements(self, text: str, start: int, end: int) -> list[Movement]:
        out = []
        for m in self.movement.finditer(text, start, end):
            d = (m.group("dir") or m.group("dir2")).lower()
            n = int(m.group("n") or m.group("n2"))
            sign = -1 if d in ("down", "fell", "dropped", "lower") else 1
            out.append(Movement(m.start(), m.end(), sign * n))
        return out
