"""The publication date of a document, from any common way of writing it.

A date in the document's head is classed by what stands before it on its line:
  cue    "Published", "Posted", "Sent:", "Date:" …           (the page says when it was published)
  call   "Call held on …"                                      (a transcript's call date)
  line   nothing, or a place / byline / masthead and a separator ("LONDON, 20 May 2024 –", "By A · 3 May 2024")
  short  anywhere on a short header line that is not prose
A date right after a period word ("ended", "as of", "to") bounds a period and is never a publication date. The
classes are tried in the genre's order (a transcript prefers its call date to the page's posting date), the
earliest date of the first class that has one wins. A document whose head has none takes its last closing date
line ("Hong Kong, 21 March 2024", "Date: 22 May 2024"). A dateline without a year ("Sept 19 (Wire) –") takes
the year, among those the document mentions and their neighbours, on which that day is the weekday its lead
names ("on Monday").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as Date
from typing import Optional, Pattern

from ..doccontext import PartialDate


@dataclass(frozen=True)
class DateRules:
    shapes: tuple[Pattern[str], ...]      # one date shape each (groups month, day, year)
    cue: Pattern[str]                     # matches at the end of the line text before a publication date
    call: Pattern[str]                    # matches at the end of the line text before a call date
    period_prefix: Pattern[str]           # matches at the end of the text before a period bound
    line_prefix: Pattern[str]             # the whole line text before a dateline's date
    line_suffix: Pattern[str]             # the whole line text after a dateline's date
    closing_line: tuple[Pattern[str], ...]   # a closing date line (group-bearing date shapes inside)
    weekday_mention: Pattern[str]         # "on Monday" (group "wd")
    weekdays: dict[str, int]
    months: dict[str, int]
    head_chars: int = 800
    line_max: int = 120
    order: dict[str, tuple[str, ...]] = None   # type: ignore[assignment]   genre -> class order ("default")


def _parse(m: re.Match[str], months: dict[str, int]) -> Optional[PartialDate]:
    g = m.groupdict()
    raw = (g.get("month") or "").lower().rstrip(".")
    month = int(raw) if raw.isdigit() else months.get(raw)
    if not month or not g.get("day"):
        return None
    day = int(g["day"])
    year = int(g["year"]) if g.get("year") else None
    try:
        Date(year or 2000, month, day)
    except ValueError:
        return None
    return PartialDate(month, day, year)


def date_matches(text: str, start: int, end: int, rules: DateRules) -> list[tuple[int, int, PartialDate]]:
    """Every date in [start, end), the longest shape at each position, none overlapping."""
    found: list[tuple[int, int, PartialDate]] = []
    for shape in rules.shapes:
        for m in shape.finditer(text, start, end):
            d = _parse(m, rules.months)
            if d is not None:
                found.append((m.start(), m.end(), d))
    found.sort(key=lambda t: (t[0], -(t[1] - t[0])))
    out: list[tuple[int, int, PartialDate]] = []
    for s, e, d in found:
        if not out or s >= out[-1][1]:
            out.append((s, e, d))
    return out


def _line(text: str, pos: int) -> tuple[int, int]:
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    return a, len(text) if b < 0 else b


def classify(text: str, s: int, e: int, d: PartialDate, rules: DateRules) -> Optional[str]:
    """The class of the date at [s, e) (None: not a publication or call date)."""
    a, b = _line(text, s)
    prefix, suffix = text[a:s], text[e:b]
    if rules.cue.search(prefix):
        return "cue"
    if rules.call.search(prefix):
        return "call"
    if rules.period_prefix.search(prefix):
        return None
    if rules.line_prefix.fullmatch(prefix) and rules.line_suffix.fullmatch(suffix):
        return "line"
    if d.year is not None and b - a <= rules.line_max and not re.search(r"[.!?]\s|\d", prefix):
        return "short"
    return None


def infer_year(text: str, at: int, end: int, d: PartialDate, rules: DateRules) -> Optional[int]:
    """The year of a yearless date: among the years the document mentions (and the years next to them), the
    latest on which the date falls on the weekday its lead names."""
    m = rules.weekday_mention.search(text, at, min(end, at + 800))
    if not m:
        return None
    wd = rules.weekdays.get(m.group("wd").lower())
    mentioned = {int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", text[max(0, at - 2000):end])}
    years = sorted({y + k for y in mentioned for k in (-1, 0, 1)}, reverse=True)
    for y in years:
        try:
            if Date(y, d.month, d.day).weekday() == wd:
                return y
        except ValueError:
            continue
    return None


def _after_visible(text: str, start: int, end: int, count: int) -> int:
    """The offset after ``count`` characters that are not blanked chrome (masked text keeps only whitespace)."""
    seen, pos = 0, start
    while pos < end and seen < count:
        if not text[pos].isspace():
            seen += 1
        pos += 1
    return pos


def publication_date(text: str, start: int, end: int, genre: str, rules: DateRules) -> Optional[tuple[int, PartialDate]]:
    """(offset, date) of the document's publication (or call) date, or None."""
    head_end = _after_visible(text, start, end, rules.head_chars)
    classed: dict[str, list[tuple[int, PartialDate]]] = {}
    for s, e, d in date_matches(text, start, head_end, rules):
        kind = classify(text, s, e, d, rules)
        if kind is None or (d.year is None and kind != "line"):
            continue
        classed.setdefault(kind, []).append((s, d))
    order = rules.order.get(genre) or rules.order["default"]
    for kind in order:
        if classed.get(kind):
            s, d = classed[kind][0]
            if d.year is None:
                y = infer_year(text, s, end, d, rules)
                d = PartialDate(d.month, d.day, y)
            return s, d
    closing = None
    for p in rules.closing_line:
        for m in p.finditer(text, start, end):
            d = _parse(m, rules.months)
            if d is not None and d.year is not None and (closing is None or m.start() > closing[0]):
                closing = (m.start(), d)
    return closing
