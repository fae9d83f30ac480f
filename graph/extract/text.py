"""Sentences and clauses with their spans in the original file.

Nothing is deleted: chrome spans are skipped by not producing sentences inside them, and every sentence keeps
``start``/``end`` offsets into the whole source text, so ``text[s.start:s.end] == s.text``.
Lines are hard boundaries (headlines, bullets, table rows); inside a line, sentences end at a terminator
followed by a space and a capital, digit, quote or bullet (or a lower-case opener such as "our", common in
transcripts), unless the token is an abbreviation.
A sentence that opens with a correction cue ("The exact number is ...") is joined to the one before it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..records import Span
from .patterns import Patterns

_BULLET = re.compile(r"[\s•\-\*·▪●◦]+")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    line_start: bool = True   # the sentence begins a line (a headline, bullet or paragraph start)


@dataclass(frozen=True)
class Clause:
    start: int
    end: int
    text: str


def _overlaps(a0: int, a1: int, spans: tuple[Span, ...] | list[Span]) -> bool:
    return any(a0 < s.end and s.start < a1 for s in spans)


def _cut_chrome(start: int, end: int, chrome: tuple[Span, ...] | list[Span]) -> list[tuple[int, int]]:
    """The parts of [start, end) outside every chrome span."""
    parts = [(start, end)]
    for c in chrome:
        nxt: list[tuple[int, int]] = []
        for a, b in parts:
            if c.end <= a or c.start >= b:
                nxt.append((a, b))
                continue
            if a < c.start:
                nxt.append((a, c.start))
            if c.end < b:
                nxt.append((c.end, b))
        parts = nxt
    return parts


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    m = _BULLET.match(text, a, b) if a < b else None
    if m and m.end() < b and not text[a].isalnum():
        a = m.end()
    return a, b


class SentenceSplitter:
    """Splits a span of text into sentences; configured by ``mappings/patterns/text.yaml``."""

    def __init__(self, patterns: Patterns):
        cfg = patterns["text"]
        self.abbrev = {a.lower() for a in cfg.get("abbreviations") or []}
        terms = "".join(re.escape(t) for t in cfg.get("terminators") or [".", "?", "!"])
        self.boundary = re.compile(rf"([{terms}]+)([\"”’)\]]*)(\s+)(?=[\"“‘(\[]?[A-Z0-9#•\u4e00-\u9fff])")
        lower = "|".join(re.escape(w) for w in cfg.get("lowercase_openers") or [])
        self.lower_boundary = (re.compile(rf"([{terms}])([\"”’)\]]*)(\s+)(?=(?:{lower})\b)") if lower else None)
        self.lower_abbrev = self.abbrev | {a.lower() for a in cfg.get("lowercase_abbreviations") or []}
        self.cjk_boundary = re.compile(r"[。！？]")
        self.openers = [o.lower() for o in cfg.get("correction_openers") or []]
        self.clause_seps = list(cfg.get("clause_separators") or [])
        # a run-on "sentence" longer than this (a flattened table, an adversarial text) is cut at clause
        # separators, else at spaces: per-sentence work is bounded, so extraction stays linear in the text
        self.max_chars = int(cfg.get("max_sentence_chars") or 2000)

    def _split_line(self, text: str, a: int, b: int) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        cur = a
        found = [(m, self.abbrev) for m in self.boundary.finditer(text, a, b)]
        if self.lower_boundary is not None:
            # a lower-case opener after a single terminator not preceded by another one (not an ellipsis)
            found += [(m, self.lower_abbrev) for m in self.lower_boundary.finditer(text, a, b)
                      if m.start() == a or text[m.start() - 1] not in ".?!"]
        for m, abbrev in sorted(found, key=lambda f: f[0].start()):
            # the token before the terminator
            tok_start = text.rfind(" ", a, m.start()) + 1
            token = text[max(tok_start, a):m.start() + 1].lower()
            if m.group(1) == "." and (token in abbrev or re.fullmatch(r"(?:[a-z]\.){1,3}", token)):
                continue
            if m.group(1) == "." and re.search(r"\b(?:no|nos)\.$", token):
                continue
            end = m.end(2)
            out.append((cur, end))
            cur = m.end()
        out.append((cur, b))
        return out

    def split(self, text: str, start: int, end: int, chrome: tuple[Span, ...] = ()) -> list[Sentence]:
        spans: list[tuple[int, int, bool]] = []
        for a, b in _cut_chrome(start, end, chrome):
            pos = a
            for line in text[a:b].split("\n"):
                la, lb = pos, pos + len(line)
                pos = lb + 1
                first = True
                for sa, sb in self._split_line(text, la, lb):
                    sa, sb = _trim(text, sa, sb)
                    if sb > sa:
                        spans.append((sa, sb, first))
                    first = False
        merged: list[tuple[int, int, bool]] = []
        for sa, sb, first in spans:
            head = text[sa:sb].lower()
            if merged and not first and any(head.startswith(o) for o in self.openers):
                pa, _, pf = merged[-1]
                merged[-1] = (pa, sb, pf)
            else:
                merged.append((sa, sb, first))
        capped: list[tuple[int, int, bool]] = []
        for sa, sb, first in merged:
            while sb - sa > self.max_chars:
                cut = self._cut_point(text, sa, sa + self.max_chars)
                capped.append((sa, cut, first))
                sa, first = _trim(text, cut, sb)[0], False
            capped.append((sa, sb, first))
        return [Sentence(sa, sb, text[sa:sb], first) for sa, sb, first in capped if sb > sa]

    def _cut_point(self, text: str, a: int, b: int) -> int:
        """Where to end an over-long sentence at or before ``b``: after the last "; " or ", " of its second half,
        else after its last space, else at ``b``."""
        half = a + (b - a) // 2
        for sep in ("; ", ", ", " "):
            i = text.rfind(sep, half, b)
            if i > a:
                return i + len(sep.rstrip()) if sep != " " else i
        return b

    def clauses(self, text: str, sentence: Sentence) -> list[Clause]:
        """Clauses of a sentence, split at semicolons, dashes and contrastive conjunctions."""
        cuts = [sentence.start]
        low = text[sentence.start:sentence.end]
        for sep in self.clause_seps:
            i = low.find(sep)
            while i >= 0:
                cuts.append(sentence.start + i)
                i = low.find(sep, i + len(sep))
        cuts = sorted(set(cuts)) + [sentence.end]
        out = []
        for a, b in zip(cuts, cuts[1:]):
            a2, b2 = a, b
            while a2 < b2 and not text[a2].isalnum() and text[a2] not in "#$€£¥₹₩“\"(":
                a2 += 1
            while b2 > a2 and text[b2 - 1].isspace():
                b2 -= 1
            if b2 > a2:
                out.append(Clause(a2, b2, text[a2:b2]))
        return out
