"""Page chrome and boilerplate: recognised by patterns (mappings/segmentation.yaml ``chrome``), never deleted.

A mark keeps offsets into the whole source file. ``skip`` marks go into ``Document.chrome`` (extractors skip
them); other marks only label text that may still state facts (e.g. "(Reporting by ...; Editing by ...)").
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Optional, Pattern

from .records import Document, Span


@dataclass(frozen=True)
class ChromeRule:
    name: str
    regex: Pattern[str]
    skip: bool = True
    boilerplate: bool = False     # the company's own standard text (disclaimers, contacts), not page furniture
    min_repeats: int = 1          # a match counts only when its group "text" recurs this often (a running footer)


@dataclass(frozen=True)
class AboutRule:
    """``About <Company>`` boilerplate: from its heading to the end of its document."""

    heading: Pattern[str]
    skip_when_repeated: bool = True
    skip_single: bool = False


@dataclass(frozen=True)
class ChromeMark:
    name: str
    start: int
    end: int
    skip: bool
    boilerplate: bool = False

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


def find_chrome(text: str, rules: Iterable[ChromeRule]) -> list[ChromeMark]:
    """Every chrome match in ``text``, trailing whitespace trimmed, sorted by start."""
    marks: list[ChromeMark] = []
    for rule in rules:
        hits = list(rule.regex.finditer(text))
        if rule.min_repeats > 1:
            counts = Counter(" ".join(m.group("text").split()).casefold() for m in hits)
            hits = [m for m in hits if counts[" ".join(m.group("text").split()).casefold()] >= rule.min_repeats]
        for m in hits:
            start, end = m.start(), m.end()
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                marks.append(ChromeMark(rule.name, start, end, rule.skip, rule.boilerplate))
    return sorted(marks, key=lambda c: (c.start, -c.end))


def about_headings(text: str, rule: AboutRule) -> list[tuple[int, str]]:
    """Offsets and names of ``About <Company>`` headings in the file."""
    return [(m.start(), m.group("name").strip()) for m in rule.heading.finditer(text)]


def about_marks(text: str, rule: AboutRule, doc_spans: list[tuple[int, int]]) -> list[ChromeMark]:
    """One mark per About block, running from its heading to the end of the document that holds it."""
    heads = about_headings(text, rule)
    counts: dict[str, int] = {}
    for _, name in heads:
        counts[name.lower()] = counts.get(name.lower(), 0) + 1
    marks = []
    for pos, name in heads:
        owner = next(((s, e) for s, e in doc_spans if s <= pos < e), None)
        if owner is None:
            continue
        repeated = counts[name.lower()] > 1
        skip = rule.skip_when_repeated if repeated else rule.skip_single
        marks.append(ChromeMark("about_block", pos, owner[1], skip, True))
    return marks


def merge_spans(marks: Iterable[ChromeMark], text: str) -> tuple[Span, ...]:
    """Skip marks as spans, merged when they overlap or only whitespace separates them."""
    spans: list[list[int]] = []
    for m in sorted((m for m in marks if m.skip), key=lambda c: c.start):
        if spans and (m.start <= spans[-1][1] or not text[spans[-1][1]:m.start].strip()):
            spans[-1][1] = max(spans[-1][1], m.end)
        else:
            spans.append([m.start, m.end])
    return tuple(Span(s, e) for s, e in spans)


def boilerplate_spans(marks: Iterable[ChromeMark]) -> tuple[Span, ...]:
    """Boilerplate marks (skipped or only labelled) as spans, in order, overlaps merged."""
    spans: list[list[int]] = []
    for m in sorted((m for m in marks if m.boilerplate), key=lambda c: c.start):
        if spans and m.start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], m.end)
        else:
            spans.append([m.start, m.end])
    return tuple(Span(s, e) for s, e in spans)


def clip(spans: Iterable[Span], start: int, end: int) -> tuple[Span, ...]:
    """The parts of ``spans`` inside [start, end)."""
    out = []
    for s in spans:
        a, b = max(s.start, start), min(s.end, end)
        if a < b:
            out.append(Span(a, b))
    return tuple(out)


def mask(text: str, spans: Iterable[Span], fill: str = " ") -> str:
    """``text`` with chrome characters replaced by spaces (newlines kept): same length, same offsets."""
    chars = list(text)
    for s in spans:
        for i in range(s.start, s.end):
            if chars[i] != "\n":
                chars[i] = fill
    return "".join(chars)


def is_chrome(doc: Document, start: int, end: Optional[int] = None) -> bool:
    """True when [start, end) overlaps any chrome span of ``doc`` (a single offset when ``end`` is None)."""
    stop = start + 1 if end is None else end
    return any(s.start < stop and start < s.end for s in doc.chrome)


def overlaps_any(marks: Iterable[ChromeMark], start: int, end: int) -> Optional[ChromeMark]:
    for m in marks:
        if m.start < end and start < m.end:
            return m
    return None


_WS = re.compile(r"\s+")


def preview(text: str, span: Span, width: int = 48) -> str:
    """A one-line preview of a span (for golden files and reports)."""
    return _WS.sub(" ", text[span.start:span.end])[:width]
