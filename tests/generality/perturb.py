"""Change every stated figure of a text to another plausible one, deterministically, and the gold rows with it.

What changes: amounts ("RMB53.7 billion", "RMB128.4billion", "₹69,999", "US$1 million"), percentages and
percentage points, counts ("312 ecosystem companies"), multiples ("2x"), physical specs ("108MP", "4,520mAh"),
ordinals ("422nd" -> another number with the right suffix). Ranks written "#1" stay: documents restate them in
words ("ranked first in Spain", "the market leader") that a digit change cannot follow, and a text that says both
"#4" and "first" of the same thing would score the extractor on a contradiction.
Format kept: the same number of decimals, thousands separators where the original had them, the glued or
spaced currency and scale, the ordinal suffix rule; percentages keep their integer digit count (a share stays
under 100%); other plain figures of 2-3 integer digits may grow or shrink by one digit.

What stays: years and stock codes (four digits 1800-2100 not after a currency) and every date ("June 30, 2020", "April 6th",
"2020-06-30", "18:00", "'19"), quarter labels glued to letters ("3Q2019", "Q2", "H1"), numbers inside names
(gazetteer names with digits, "Mi 10", "Snapdragon 855+", "MIUI 12", "Redmi 10X", "5G", "4K", "12GB+512GB",
"COVID-19", "f/1.95", "16:9", "4-in-1"), a bare number right after a capitalised word inside a sentence
("Fortune Global 500", "Wear 3100"; at a sentence's start only when a capitalised word follows or the
word is part of a gazetteer name: "Mi 11 Ultra"; never after "No."/"Top" or in a table row of figures), and line-leading list numbers ("1. ").

One original figure string maps to one new string per seed (a headline and its body stay consistent), so the
gold rows can follow: a gold value written in its quote takes the new figure written there.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Iterable, Optional

from marketgraph.graph.evaluate import GoldRow

_NUMBER = re.compile(r"(?<![\d.,])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d])"
                     r"(?P<ord>(?:st|nd|rd|th)(?![A-Za-z]))?")
_CURRENCY_BEFORE = re.compile(r"(?:\b(?:RMB|CNY|USD|HKD|INR|EUR|KRW|GBP|JPY|Rs\.?)|US\$|HK\$|S\$|[$€₹£¥])\s?$")
_UNIT_AFTER = re.compile(r"\s?(?:billion|million|trillion|thousand|bn|mn|MP|mAh|W|Hz|GHz|GB|TB|nits|mm|cm|μm|µm|um"
                         r"|nm|g|kg|fps|x)(?![A-Za-z\d])")
_SCALE_OR_UNIT_WORD = re.compile(r"\s?(?:%|percent|per cent|percentage points?|pp\b|[Bb]illion|[Mm]illion|"
                                 r"[Tt]housand|[Tt]rillion|bn\b|mn\b)")
_PERCENT_AFTER = re.compile(r"\s?(?:%|percent|per cent|percentage point|pp\b|ppt)")
_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_MONTH_BEFORE = re.compile(_MONTHS + r"\s+(?:the\s+)?$")
_MONTH_AFTER = re.compile(r"(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTHS + r"(?![a-z])")
_WORD_BEFORE = re.compile(r"(?P<word>[A-Za-z][\w&.'’]*) $")
_LIST_NUMBER = re.compile(r"(?m)^[ \t]*\d+[.)][ \t]")
_HYPHEN_CHAIN = re.compile(r"[-–][A-Za-z]+[-–]\d")
_NEXT_NUMBER = re.compile(r"[ \t]+[-+]?\d")
_CAPITALISED_NEXT = re.compile(r" [A-Z]")
_DIMENSION = re.compile(r"\s?[x×]\s?\d")
_DIMENSION_BEFORE = re.compile(r"\d\s?[x×]\s?$")
_RANK_WORDS = frozenset({"No.", "No", "Nr.", "Number", "Top"})


@dataclass(frozen=True)
class Edit:
    """One figure rewritten: ``old`` at [start, end) of the original text became ``new`` (cores, suffix incl.)."""

    start: int
    end: int
    old: str
    new: str
    old_core: str
    new_core: str


@dataclass(frozen=True)
class Perturbed:
    original: str
    text: str
    edits: tuple[Edit, ...]

    def position(self, offset: int) -> int:
        """Where an original offset that is not inside an edit lands in the new text."""
        shift = 0
        for e in self.edits:
            if e.end <= offset:
                shift += len(e.new) - len(e.old)
        return offset + shift

    def edits_in(self, start: int, end: int) -> list[Edit]:
        return [e for e in self.edits if e.start >= start and e.end <= end]

    def cuts(self, start: int, end: int) -> bool:
        """True when an edit straddles a boundary of [start, end)."""
        return any(e.start < b < e.end for e in self.edits for b in (start, end))


def _ordinal(n: int) -> str:
    if n % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _new_core(core: str, kind: str, seed: int) -> str:
    """Another figure of the same shape; the same (core, kind, seed) always gives the same answer."""
    int_part, _, dec = core.replace(",", "").partition(".")
    if not any(c in "123456789" for c in int_part + dec):
        return core
    rng = random.Random(f"{seed}|{kind}|{core}")
    length = len(int_part)
    if kind == "figure" and "," not in core and length in (2, 3) and rng.random() < 0.3:
        length = 5 - length                                    # 2 <-> 3 integer digits
    for _ in range(50):
        if int_part == "0":
            new_int = "0"
        elif kind == "percent" and length == 3:
            new_int = int_part[0] + "".join(rng.choice("0123456789") for _ in range(2))
        else:
            new_int = rng.choice("123456789") + "".join(rng.choice("0123456789") for _ in range(length - 1))
        new_dec = "".join(rng.choice("0123456789") for _ in dec)
        if dec and int_part == "0" and not new_dec.strip("0"):
            continue
        if length == 4 and not dec and 1800 <= int(new_int) <= 2100:
            continue                                           # would read as a year
        candidate = new_int + ("." + new_dec if dec else "")
        if Decimal(candidate) != Decimal(core.replace(",", "")):
            break
    if "," in core:
        new_int = f"{int(new_int):,}"
    return new_int + ("." + new_dec if dec else "")


def protected_spans(text: str, names: Iterable[str]) -> list[tuple[int, int]]:
    """Spans of names that contain digits (gazetteer names), matched case-insensitively on word bounds."""
    spans = []
    for name in {n for n in names if any(c.isdigit() for c in n)}:
        rx = re.compile(r"(?<![\w])" + re.escape(name) + r"(?![\w+])", re.IGNORECASE)
        spans.extend((m.start(), m.end()) for m in rx.finditer(text))
    return spans


def _is_figure(text: str, m: re.Match[str], names: list[tuple[int, int]], name_words: frozenset[str]) -> Optional[str]:
    """The kind of figure at ``m`` (percent, ordinal, rank, figure), or None when it must stay as it is."""
    s, e = m.start("num"), m.end("num")
    core, ordinal = m.group("num"), m.group("ord")
    end = m.end()
    before, after = text[max(0, s - 40):s], text[end:end + 40]
    p = text[s - 1] if s else ""
    n = text[end] if end < len(text) else ""
    currency = bool(_CURRENCY_BEFORE.search(before))
    if any(a <= s < b for a, b in names):
        return None
    if p.isalpha() and not currency:
        return None                                            # Mi10, K30, UFS3.0, Q2, TOP100
    if p in "/:+_'’" or (p in "-–" and s >= 2 and text[s - 2].isalnum()):
        return None                                            # f/1.95, 18:00, '19, COVID-19, 2021-2025
    if p == "." and s >= 2 and text[s - 2].isalpha():
        return None
    if n == "+" or n in "/:" or (n in "-–" and text[end + 1:end + 2].isdigit()):
        return None                                            # 855+, 12GB+512GB, 16:9, ranges, ISO dates
    if n == "." and text[end + 1:end + 2].isalpha():
        return None                                            # 1810.HK
    if n in "’'" and text[end + 1:end + 2] == "s":
        return None                                            # Mi TV 5's
    if _HYPHEN_CHAIN.match(text, end):
        return None                                            # 4-in-1
    unit = _UNIT_AFTER.match(text, end)
    if n.isalpha() and not ordinal and not unit:
        return None                                            # 5G, 4K, 10X, 3Q2019, 9M
    if unit and text[unit.end():unit.end() + 1] == "+":
        return None                                            # 8GB+128GB
    if not ordinal and "," not in core and "." not in core and len(core) == 4 and 1800 <= int(core) <= 2100 \
            and not currency:
        return None                                            # a year
    if len(core) <= 2 and "." not in core and (_MONTH_BEFORE.search(before) or
                                               _MONTH_AFTER.match(text, e)):
        return None                                            # a day of a date
    if any(a <= s < b for a, b in ((x.start(), x.end()) for x in _LIST_NUMBER.finditer(text, max(0, s - 10), end + 3))):
        return None
    w = _WORD_BEFORE.search(before)
    if w and not currency and not ordinal and not _SCALE_OR_UNIT_WORD.match(text, end) and not unit \
            and not _NEXT_NUMBER.match(text, end) and w.group("word") not in _RANK_WORDS:
        word = w.group("word")
        at = s - 1 - len(word)
        head = text[:at].rstrip(" ")
        sentence_start = not head or head[-1] in ".!?\n:•"
        named_next = bool(_CAPITALISED_NEXT.match(text, end))
        if word[0].isupper() and not _MONTH_BEFORE.search(before) and \
                (not sentence_start or named_next or word.casefold() in name_words):
            return None                                        # Fortune Global 500, Snapdragon 888, MIUI 12
    if p == "#":
        return None     # "#1" is restated in words elsewhere ("ranked first in Spain"): changing only the digit
                        # would make the text contradict itself (see the module docstring)
    if ordinal:
        return "ordinal"
    if _PERCENT_AFTER.match(text, end):
        return "percent"
    if _DIMENSION.match(text, end) or _DIMENSION_BEFORE.search(before):
        return "dimension"                                     # 3200 x 1440: keeps its digit count
    return "figure"


def perturb_text(text: str, seed: int, names: Iterable[str] = ()) -> Perturbed:
    """Every stated figure of ``text`` changed (module docstring); ``names`` are kept as they are."""
    names = list(names)
    spans = protected_spans(text, names)
    name_words = frozenset(w.casefold() for n in names for w in n.split() if w[:1].isupper())
    edits: list[Edit] = []
    out: list[str] = []
    last = 0
    for m in _NUMBER.finditer(text):
        kind = _is_figure(text, m, spans, name_words)
        if kind is None:
            continue
        core = m.group("num")
        new_core = _new_core(core, kind, seed)
        if new_core == core:
            continue
        new = new_core + (_ordinal(int(new_core.replace(",", ""))) if m.group("ord") else "")
        edits.append(Edit(m.start(), m.end(), m.group(0), new, core, new_core))
        out.append(text[last:m.start()])
        out.append(new)
        last = m.end()
    out.append(text[last:])
    return Perturbed(text, "".join(out), tuple(edits))


_DIGITS = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\d.,])\d+(?:\.\d+)?")


def _number(s: str) -> Optional[Decimal]:
    v = s.replace(",", "").strip().lstrip("+-")
    return Decimal(v) if re.fullmatch(r"\d+(?:\.\d+)?", v) else None


def perturb_row(row: GoldRow, p: Perturbed) -> tuple[Optional[GoldRow], str]:
    """The gold row for the perturbed text, or (None, why) when it cannot follow the figures it states.

    The quote is the perturbed text at the quote's place; a numeric value takes the new figure written in the
    quote for it (sign kept); a text value has each changed figure of its quote replaced. A numeric value that
    is not written in a quote whose figures changed (a value computed from them) cannot follow: None."""
    start = p.original.find(row.quote)
    end = start + len(row.quote)
    if start < 0 or p.cuts(start, end):
        return None, "a figure crosses the quote's boundary"
    quote = p.text[p.position(start):p.position(end)]
    if p.text.count(quote) != 1:
        return None, "the perturbed quote is not unique"
    edits = p.edits_in(start, end)
    value = row.value
    gold = _number(row.value)
    if gold is not None:
        hit = next((e for e in edits if _number(e.old_core) == gold), None)
        if hit is not None:
            new = hit.new_core if "," in row.value else hit.new_core.replace(",", "")
            value = ("-" if row.value.strip().startswith("-") else "") + new
        elif edits and gold not in {_number(x) for x in _DIGITS.findall(row.quote)}:
            return None, "the value is not written in its quote"
    else:
        for e in edits:
            value = re.sub(r"(?<![\d.,])" + re.escape(e.old) + r"(?![\d])", e.new, value)
    return replace(row, value=value, quote=quote), ""


def rename_row(row: GoldRow, old: str, new: str) -> GoldRow:
    """The gold row for a text in which the name ``old`` was replaced by ``new`` everywhere."""
    return replace(row, subject=row.subject.replace(old, new), value=row.value.replace(old, new),
                   qualifier=row.qualifier.replace(old, new), quote=row.quote.replace(old, new))
