"""Document context read from the text: headlines, genre, calendar reporting periods, a transcript's call date (the
issuer: graph/issuer.py; dates, publishers, fiscal calendars and turns: graph/docmodel/).

Every cue is a pattern from mappings/segmentation.yaml (compiled by ``graph.segment.load_rules``). Functions
take the file text with chrome masked out (same length, same offsets) and a document span [start, end).
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date as Date
from typing import TYPE_CHECKING, Optional, Pattern

from .records import EntityRef, Genre, Period, Turn

if TYPE_CHECKING:
    from .fiscal import FiscalCalendar


@dataclass(frozen=True)
class PartialDate:
    """A date as written; ``year`` is None for datelines like "Nov 24"."""

    month: int
    day: int
    year: Optional[int] = None

    def iso(self) -> Optional[str]:
        if self.year is None:
            return None
        try:
            return Date(self.year, self.month, self.day).isoformat()
        except ValueError:
            return None


@dataclass(frozen=True)
class GenreRule:
    genre: str
    cues: tuple[Pattern[str], ...]
    where: str = "head"          # head | body
    min_turns: Optional[int] = None
    requires_dateline: bool = False


@dataclass(frozen=True)
class PeriodRule:
    kind: str                    # quarter | half | year
    regex: Pattern[str]
    half: Optional[int] = None
    needs_date: bool = False
    genres: frozenset[str] = frozenset()   # only in these genres (all when empty)


@dataclass
class ContextRules:
    months: dict[str, int]
    dateline: list[Pattern[str]]
    letter_openings: list[Pattern[str]]
    date_line: list[Pattern[str]]
    publication_lines: list[Pattern[str]]
    call_date: list[Pattern[str]]
    header_max_lines: int
    header_max_chars: int
    bullet: Pattern[str]
    prose_end: Pattern[str]
    not_title: list[Pattern[str]]
    title_suffix: Pattern[str]
    masthead: Pattern[str]
    masthead_max_words: int
    slug_stopwords: frozenset[str]
    slug_words: int
    genre_rules: list[GenreRule]
    genre_head_chars: int
    genre_default: str
    period_rules: list[PeriodRule]
    period_head_chars: int
    period_genres: frozenset[str]
    ordinals: dict[str, int]
    legal_suffixes: frozenset[str] = frozenset()
    issuer_exclude_types: frozenset[str] = frozenset()
    top_chars: int = 400
    weak_title: list[Pattern[str]] = field(default_factory=list)
    abbreviation_end: Pattern[str] = re.compile(r"(?!x)x")
    period_head_by_genre: dict[str, int] = field(default_factory=dict)
    title_continued: Pattern[str] = re.compile(r"(?!x)x")   # a wrapped headline's next line
    no_period_titles: list[Pattern[str]] = field(default_factory=list)   # documents about several years
    shouted_title: Pattern[str] = re.compile(r"(?!x)x")   # an ALL-CAPS headline that is a filing's title


@dataclass
class DocContext:
    title: str
    genre: Genre
    date: Optional[PartialDate] = None
    publisher: Optional[str] = None
    issuer: Optional[EntityRef] = None
    period: Optional[Period] = None
    turns: tuple[Turn, ...] = ()
    dateline_at: Optional[int] = None
    notes: dict[str, str] = field(default_factory=dict)
    role: Optional[str] = None
    source: Optional[EntityRef] = None
    market: Optional[EntityRef] = None
    category: Optional[str] = None
    fiscal: Optional["FiscalCalendar"] = None
    title_span: Optional[tuple[int, int]] = None
    lead: tuple[int, int] = (0, 0)


# ---------------------------------------------------------------- lines and dates

def lines_of(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each line in [start, end), newline excluded."""
    out, pos = [], start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        out.append((pos, stop))
        pos = stop + 1
    return out


def parse_date(m: re.Match[str], months: dict[str, int]) -> Optional[PartialDate]:
    groups = m.groupdict()
    raw_month = (groups.get("month") or "").lower().rstrip(".")
    month = int(raw_month) if raw_month.isdigit() else months.get(raw_month)
    day = groups.get("day")
    if not month or not day:
        return None
    year = groups.get("year")
    return PartialDate(month, int(day), int(year) if year else None)


def first_date(patterns: list[Pattern[str]], text: str, start: int, end: int,
               months: dict[str, int]) -> Optional[tuple[int, PartialDate]]:
    """The earliest match of any date-bearing pattern in [start, end): (offset, date)."""
    best: Optional[tuple[int, PartialDate]] = None
    for p in patterns:
        m = p.search(text, start, end)
        if m:
            d = parse_date(m, months)
            if d and (best is None or m.start() < best[0]):
                best = (m.start(), d)
    return best


def last_date(patterns: list[Pattern[str]], text: str, start: int, end: int,
              months: dict[str, int]) -> Optional[tuple[int, PartialDate]]:
    best: Optional[tuple[int, PartialDate]] = None
    for p in patterns:
        for m in p.finditer(text, start, end):
            d = parse_date(m, months)
            if d and (best is None or m.start() > best[0]):
                best = (m.start(), d)
    return best


def find_dateline(text: str, start: int, end: int, rules: ContextRules) -> Optional[tuple[int, int, PartialDate]]:
    """The first dateline in [start, end): (line start, end of the dateline incl. its dash, date)."""
    best: Optional[tuple[int, int, PartialDate]] = None
    for p in rules.dateline:
        m = p.search(text, start, end)
        if m:
            d = parse_date(m, rules.months)
            if d and (best is None or m.start() < best[0]):
                best = (m.start(), m.end(), d)
    return best


# ---------------------------------------------------------------- title, publisher

def is_prose(line: str, rules: ContextRules) -> bool:
    """A long line, or one ending like a sentence (not like an abbreviation: "Acme K.K.", "Acme Inc.")."""
    return len(line) > rules.header_max_chars or (bool(rules.prose_end.search(line))
                                                   and not rules.abbreviation_end.search(line))


def _not_title(line: str, rules: ContextRules) -> bool:
    return any(p.search(line) for p in rules.not_title)


def _capitals_headline(line: str, rules: ContextRules) -> bool:
    """An ALL-CAPS line too long to be a masthead is a shouted headline."""
    return line.upper() == line and any(c.isalpha() for c in line) and len(line.split()) > rules.masthead_max_words


def find_title(text: str, start: int, end: int, rules: ContextRules) -> Optional[tuple[int, int]]:
    """The headline: the first short, non-prose header line in [start, end) that is not a masthead/byline/etc.

    An ALL-CAPS headline is taken only when no other header line qualifies."""
    lines = [(a, b) for a, b in lines_of(text, start, end) if text[a:b].strip()]
    shouted: Optional[tuple[int, int]] = None
    weak: Optional[tuple[int, int]] = None
    for i, (a, b) in enumerate(lines):
        line = text[a:b].strip()
        if is_prose(line, rules):
            break
        if (_not_title(line, rules) or any(p.match(text, a, b) for p in rules.date_line)
                or any(p.match(text, a, b) for p in rules.letter_openings)):
            if shouted is None and not _bulleted(line, rules):
                run_end = _capitals_run(text, lines, i)
                if _capitals_headline(re.sub(r"\s+", " ", text[a:run_end]), rules):
                    shouted = (a, run_end)
                    if rules.shouted_title.search(text, a, run_end):
                        return shouted      # a filing's title in capitals ("UNAUDITED … FINANCIAL STATEMENTS FOR …")
            continue
        if any(p.match(line) for p in rules.weak_title):
            weak = weak or (a, b)
            continue
        if i + 1 < len(lines) and text[lines[i + 1][0]:lines[i + 1][1]].strip() == line:
            continue   # a heading repeated by the page: take the second copy
        if i + 1 < len(lines) and rules.title_suffix.match(text[lines[i + 1][0]:lines[i + 1][1]].strip()):
            return a, lines[i + 1][1]
        return a, _wrapped(text, lines, i, rules)
    return shouted or weak


def _wrapped(text: str, lines: list[tuple[int, int]], i: int, rules: ContextRules) -> int:
    """The end of headline line ``i`` and of the lines right under it that continue it (a line opening with "for
    the six months ended", or any line while the headline's opening quote is unclosed)."""
    end = lines[i][1]
    for a, b in lines[i + 1:i + 3]:
        line, head = text[a:b].strip(), text[lines[i][0]:end]
        unclosed = head.lstrip()[:1] in "\"“" and head.count('"') + head.count("”") < 2 and len(head.strip()) > 1
        if text[end:a].count("\n") != 1 or is_prose(line, rules) or not (unclosed or rules.title_continued.match(line)):
            break
        end = b
    return end


def _capitals_run(text: str, lines: list[tuple[int, int]], i: int) -> int:
    """The end of the ALL-CAPS line ``i`` and of the capitals lines right under it (a wrapped headline)."""
    end = lines[i][1]
    for a, b in lines[i + 1:]:
        line = text[a:b].strip()
        if text[end:a].count("\n") != 1 or line.upper() != line or not re.search(r"[A-Z]", line):
            break
        end = b
    return end if text[lines[i][0]:lines[i][1]].strip().upper() == text[lines[i][0]:lines[i][1]].strip() else lines[i][1]


def _bulleted(line: str, rules: ContextRules) -> bool:
    return bool(rules.bullet.match(line))


def salutation(text: str, start: int, end: int, rules: ContextRules) -> Optional[tuple[int, int]]:
    """A letter's salutation line ("Dear shareholders,") without its closing punctuation."""
    hits = [m for p in rules.letter_openings for m in [p.search(text, start, min(end, start + rules.genre_head_chars))]
            if m]
    if not hits:
        return None
    m = min(hits, key=lambda h: h.start())
    stop = m.end()
    while stop > m.start() and (text[stop - 1].isspace() or text[stop - 1] in ":,;"):
        stop -= 1
    return m.start(), stop


def lead_sentence(text: str, start: int, end: int) -> Optional[tuple[int, int]]:
    """The first sentence after ``start`` (used as title when a release has no headline)."""
    while start < end and text[start].isspace():
        start += 1
    m = re.compile(r"[.!?](?=\s|$)").search(text, start, min(end, start + 300))
    stop = m.start() if m else min(end, start + 200)
    return (start, stop) if stop > start else None


def clean_title(raw: str) -> str:
    return re.sub(r"\s+", " ", raw).strip()


def find_masthead(text: str, start: int, end: int, rules: ContextRules) -> Optional[str]:
    """A publisher named in capitals on the document's first line ("NAME | PRESS RELEASE" -> "Name")."""
    for a, b in lines_of(text, start, min(end, start + 400)):
        line = text[a:b].strip()
        if not line:
            continue
        m = rules.masthead.match(line)
        if not m or rules.title_suffix.match(line):
            return None
        name = m.group("name").strip()
        if len(name.split()) > rules.masthead_max_words:
            return None
        return " ".join(w if not w.isalpha() else w.capitalize() for w in name.split())
    return None


# ---------------------------------------------------------------- genre

def detect_genre(text: str, start: int, end: int, rules: ContextRules, n_turns: int,
                 has_dateline: bool, title: str = "") -> Genre:
    """The first rule whose cues match decides. ``where``: title (the title's text), top (the first
    ``top_chars``), head (the first ``genre_head_chars``) or body (the whole document)."""
    for rule in rules.genre_rules:
        if rule.requires_dateline and not has_dateline:
            continue
        if rule.min_turns is not None and n_turns >= rule.min_turns:
            return rule.genre  # type: ignore[return-value]
        if rule.where == "title":
            if any(p.search(title) for p in rule.cues):
                return rule.genre  # type: ignore[return-value]
            continue
        stop = {"head": min(end, start + rules.genre_head_chars), "top": min(end, start + rules.top_chars)}.get(
            rule.where, end)
        if any(p.search(text, start, stop) for p in rule.cues):
            return rule.genre  # type: ignore[return-value]
    return rules.genre_default  # type: ignore[return-value]


# ---------------------------------------------------------------- period

def quarter_period(year: int, q: int) -> Period:
    last_month = 3 * q
    return Period(f"{year}-Q{q}", "quarter", Date(year, last_month - 2, 1),
                  Date(year, last_month, calendar.monthrange(year, last_month)[1]))


def half_period(year: int, h: int) -> Period:
    return Period(f"{year}-H{h}", "half", Date(year, 1 if h == 1 else 7, 1),
                  Date(year, 6, 30) if h == 1 else Date(year, 12, 31))


def year_period(year: int) -> Period:
    return Period(str(year), "year", Date(year, 1, 1), Date(year, 12, 31))


def _period_from(m: re.Match[str], rule: PeriodRule, rules: ContextRules, doc_date: Optional[Date]) -> Optional[Period]:
    g = m.groupdict()
    q = int(g["q"]) if g.get("q") else rules.ordinals.get((g.get("ordinal") or "").lower())
    if q is None and g.get("month"):
        month = rules.months.get(g["month"].lower().rstrip("."))
        q = (month - 1) // 3 + 1 if month else None
    year = int(g["year"]) if g.get("year") else (2000 + int(g["yy"]) if g.get("yy") else None)
    if year is None:
        if not rule.needs_date or doc_date is None:
            return None
        if rule.kind == "quarter" and q:
            year = doc_date.year
            if quarter_period(year, q).end >= doc_date:  # type: ignore[operator]
                year -= 1
        else:
            return None
    if rule.kind == "quarter" and q:
        return quarter_period(year, q)
    if rule.kind == "half":
        return half_period(year, rule.half or 1)
    if rule.kind == "year":
        return year_period(year)
    if rule.kind == "ninemonths":
        return Period(f"{year}-9M", "ninemonths", Date(year, 1, 1), Date(year, 9, 30))
    return None


def detect_period(text: str, start: int, end: int, rules: ContextRules, genre: str,
                  doc_date: Optional[Date]) -> Optional[Period]:
    """The fiscal period a results document covers: the earliest period phrase in its head."""
    if genre not in rules.period_genres:
        return None
    head_end = min(end, start + rules.period_head_chars)
    best: Optional[tuple[int, int, Period]] = None
    for order, rule in enumerate(rules.period_rules):
        if rule.genres and genre not in rule.genres:
            continue
        for m in rule.regex.finditer(text, start, head_end):
            p = _period_from(m, rule, rules, doc_date)
            if p is not None:
                if best is None or (m.start(), order) < (best[0], best[1]):
                    best = (m.start(), order, p)
                break
    return best[2] if best else None


# ---------------------------------------------------------------- transcript call date

def call_date(text: str, start: int, end: int, rules: ContextRules) -> Optional[PartialDate]:
    hit = first_date(rules.call_date, text, start, end, rules.months)
    return hit[1] if hit else None


def slug_words(title: str, rules: ContextRules, drop: set[str]) -> list[str]:
    words = [w for w in re.split(r"[^\w+]+", title.lower()) if w]
    keep = [w for w in words if w not in rules.slug_stopwords and w not in drop]
    return keep[: rules.slug_words]
