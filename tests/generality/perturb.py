"""Change every stated figure of a text to another plausible one, deterministically, and the gold rows with it.

What changes: amounts ("RMB53.7 billion", "RMB128.4billion", "₹69,999", "US$1 million"), percentages and
percentage points, counts ("312 ecosystem companies"), multiples ("2x"), physical specs ("108MP", "4,520mAh"),
ordinals ("422nd" -> another number with the right suffix). Ranks written "#1" stay: documents restate them in
words ("ranked first in Spain", "the market leader") that a digit change cannot follow, and a text that says both
"#4" and "first" of the same thing would score the extractor on a contradiction.
Format kept: the same number of decimals, thousands separators where the original had them, the glued or
spaced currency and scale, the ordinal suffix rule, the integer digit count (a share stays under 100%, a
three-digit percentage in its hundreds). Order kept: within one kind of figure (percentages, ordinals,
dimensions, other figures) and one digit count, a seeded increasing map sends each value to its new one, so a
range stays a range ("$640 million to $670 million"), a rise a rise and a part below its whole when they are
written with the same digit count; a value written twice ("28%" and "+28.0%") becomes one new value (at the
fewest decimals it is written with), so the text does not contradict itself where the original did not. A
figure's arithmetic with others (a change computed from two levels) is not kept: no perturbation can.

What stays: years and stock codes (four digits 1800-2100 not after a currency) and every date ("June 30, 2020", "April 6th",
"2020-06-30", "18:00", "'19"), quarter labels glued to letters ("3Q2019", "Q2", "H1"), numbers inside names
(gazetteer names with digits, "Mi 10", "Snapdragon 855+", "MIUI 12", "Redmi 10X", "5G", "4K", "12GB+512GB",
"COVID-19", "f/1.95", "16:9", "4-in-1"), a bare number right after a capitalised word inside a sentence
("Fortune Global 500", "Wear 3100"; at a sentence's start only when a capitalised word follows or the
word is part of a gazetteer name: "Mi 11 Ultra"; never after "No."/"Top" or in a table row of figures),
line-leading list numbers ("1. ") and zero.

Names the document itself writes with a number ("Fjord 5", "Canvas 11") are kept wherever they occur once the
text writes them inside a sentence after a capitalised word (at a sentence's start the same words could be a
figure: "Revenue 12 ..."), so a product the gazetteer does not know keeps its name too.

One original value maps to one new value per seed (a headline and its body stay consistent), so the gold rows can
follow: a gold value written in its quote takes the new figure written there, and a name the
perturbation did change inside the quote (a number that was a figure by every rule above) is changed in the row's
subject and qualifiers too.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Iterable, Optional

from marketgraph.graph.evaluate import GoldRow
from marketgraph.graph.evaluation.gold import locate
from marketgraph.graph.gazetteer import Gazetteer

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


def _bounds(value: Decimal, kind: str) -> tuple[Decimal, Decimal]:
    """The interval a figure stays in: its integer digit count (0.x stays below 1), a three-digit percentage its
    hundreds (a share stays a share)."""
    n = len(str(int(value))) if value >= 1 else 0
    if n == 0:
        return Decimal(0), Decimal(1)
    lo = Decimal(10) ** (n - 1)
    if kind == "percent" and n == 3:
        lo = Decimal(int(value) // 100 * 100)
        return lo, lo + 100
    return lo, lo * 10


def _curve(seed: int, kind: str, lo: Decimal) -> list[tuple[float, float]]:
    """A seeded increasing map of [0, 1] onto itself (piecewise linear through four random knots)."""
    rng = random.Random(f"{seed}|{kind}|{lo}")
    xs = sorted(rng.random() for _ in range(4))
    ys = sorted(rng.random() for _ in range(4))
    return [(0.0, 0.0), *zip(xs, ys), (1.0, 1.0)]


def _through(curve: list[tuple[float, float]], t: float) -> float:
    for (x0, y0), (x1, y1) in zip(curve, curve[1:]):
        if t <= x1:
            return y0 if x1 == x0 else y0 + (y1 - y0) * (t - x0) / (x1 - x0)
    return 1.0


def _new_value(value: Decimal, decimals: int, kind: str, seed: int) -> Decimal:
    """Another value in the same interval (``_bounds``), by a map that keeps the order of the figures of one kind
    (a range stays a range, a rise a rise), at ``decimals`` places; never the value itself, never a year."""
    lo, hi = _bounds(value, kind)
    ulp = Decimal(1).scaleb(-decimals)
    t = float((value - lo) / (hi - lo))
    new = (lo + Decimal(str(_through(_curve(seed, kind, lo), t))) * (hi - lo)).quantize(ulp)
    new = min(max(new, lo if lo > 0 else ulp), hi - ulp)
    if new == value:
        new = value + ulp if value + ulp < hi else value - ulp
    if decimals == 0 and 1800 <= new <= 2100:
        new = Decimal(2101)                                # would read as a year
    return new


def _format(value: Decimal, core: str) -> str:
    """``value`` written as ``core`` is: its decimals, thousands separators if it has them."""
    dec = len(core.partition(".")[2])
    text = f"{value:,.{dec}f}" if "," in core else f"{value:.{dec}f}"
    return text


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
    joined = s >= 2 and text[s - 2].isalnum()                 # "12GB+512GB", "COVID-19"; not a sign: "(+28%"
    if p in "/:_'’" or (p in "+-–" and joined):
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


_NAME_WITH_NUMBER = re.compile(
    r"(?<=[a-z,;:)] )(?P<name>[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)? \d{1,4}(?:[A-Za-z+](?![A-Za-z]))?)"
    r"(?![\d.,]?\d)(?!(?:st|nd|rd|th)\b)(?![ \t]+[-+(]?\d)"          # not a longer number, an ordinal, a table row
    r"(?![ \t]?(?:%|percent|per cent|[Bb]illion|[Mm]illion|[Tt]housand|bn\b|mn\b|points?\b|pp\b))")


_NOT_NAME_WORDS = frozenset({"No", "Nr", "Top", "Number", "Rs", "Page", "Item", "Note"})


def document_names(text: str) -> list[str]:
    """Names the text writes with a number inside a sentence after capitalised words ("the new Fjord 5 starts")
    and names more than once (a title-case headline's "Invested In 34 Companies" is a figure); not a currency
    ("RMB 300"), a rank ("No 1", "Top 5") or a reference ("Note 4")."""
    out = set()
    for m in _NAME_WITH_NUMBER.finditer(text):
        name = m.group("name")
        words = name.split()[:-1]
        if any(w in _NOT_NAME_WORDS or re.fullmatch(r"[A-Z]{3}", w) for w in words) or name in out:
            continue
        if len(re.findall(r"(?<![\w])" + re.escape(name) + r"(?![\w])", text)) >= 2:
            out.add(name)
    return sorted(out)


def entity_names(gazetteer: Gazetteer) -> list[str]:
    """Every label and alias of the gazetteer's entities (names the perturbation keeps)."""
    return [n for e in gazetteer.entities.values() for n in (e.label, *e.aliases)]


def perturb_text(text: str, seed: int, names: Iterable[str] = ()) -> Perturbed:
    """Every stated figure of ``text`` changed (module docstring); ``names`` and the names the text writes with a
    number are kept as they are. A value maps to one new value wherever it is written ("28%" and "+28.0%" alike,
    at the fewest decimals it is written with), and the map keeps the order of the figures of one kind."""
    names = [*names, *document_names(text)]
    spans = protected_spans(text, names)
    name_words = frozenset(w.casefold() for n in names for w in n.split() if w[:1].isupper())
    figures: list[tuple[re.Match[str], str, Decimal]] = []
    fewest: dict[tuple[str, Decimal], int] = {}
    for m in _NUMBER.finditer(text):
        kind = _is_figure(text, m, spans, name_words)
        core = m.group("num")
        value = Decimal(core.replace(",", ""))
        if kind is None or value == 0:
            continue
        figures.append((m, kind, value))
        places = len(core.partition(".")[2])
        fewest[(kind, value)] = min(places, fewest.get((kind, value), places))
    edits: list[Edit] = []
    out: list[str] = []
    last = 0
    for m, kind, value in figures:
        core = m.group("num")
        new_core = _format(_new_value(value, fewest[(kind, value)], kind, seed), core)
        new = new_core + (_ordinal(int(new_core.replace(",", "").partition(".")[0])) if m.group("ord") else "")
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

    The quote is located as the scorer locates it (verbatim, else whitespace-insensitively: an HTML page's text as
    read); the new quote is the perturbed text at that place. A numeric value takes the new figure written in the
    quote for it (sign kept); a text value, the subject and the qualifiers have each changed figure of the quote
    replaced. A numeric value that is not written in a quote whose figures changed (a value computed from them)
    cannot follow: None."""
    span = locate(p.original, row.quote)
    if span is None:
        return None, "the quote is not in the text"
    start, end = span
    if p.cuts(start, end):
        return None, "a figure crosses the quote's boundary"
    quote = p.text[p.position(start):p.position(end)]
    if p.text.count(quote) != 1:
        return None, "the perturbed quote is not unique"
    edits = p.edits_in(start, end)
    ends = row.value.split("..") if ".." in row.value else [row.value]
    if all(_number(x) is not None for x in ends):             # a number, or a range "low..high"
        new_ends = [_follow_number(x, edits, p.original[start:end]) for x in ends]
        if any(x is None for x in new_ends):
            return None, "the value is not written in its quote"
        value = "..".join(new_ends)                           # type: ignore[arg-type]
    else:
        value = _follow(row.value, edits)
    return replace(row, value=value, quote=quote, subject=_follow_name(row.subject, edits, p.original, start, end),
                   qualifier=_follow(row.qualifier, edits)), ""


def _follow_name(name: str, edits: list[Edit], original: str, start: int, end: int) -> str:
    """The subject's name with the figures changed only where the quote writes that name around an edit: a quote
    "10-bit color depth" of "Mi 10 Ultra" changes the depth, not the product's name."""
    spans = [(start + m.start(), start + m.end())
             for m in re.finditer(re.escape(name), original[start:end], re.IGNORECASE)] if name else []
    inside = [e for e in edits if any(a <= e.start and e.end <= b for a, b in spans)]
    return _follow(name, inside)


def _follow_number(value: str, edits: list[Edit], quote: str) -> Optional[str]:
    """The new figure written in the quote for ``value`` (sign and separators as the value has them): the edit of
    the same figure as written, else of the same number ("18" before "18.0"); the value itself when the quote's
    figures did not change it; None when it is not written there (computed from the figures)."""
    gold = _number(value)
    same = [e for e in edits if _number(e.old_core) == gold]
    written = value.replace(",", "").strip().lstrip("+-")
    hit = next((e for e in same if e.old_core.replace(",", "") == written), same[0] if same else None)
    if hit is not None:
        new = hit.new_core if "," in value else hit.new_core.replace(",", "")
        return ("-" if value.strip().startswith("-") else "") + new
    if edits and gold not in {_number(x) for x in _DIGITS.findall(quote)}:
        return None
    return value


def _follow(text: str, edits: list[Edit]) -> str:
    """``text`` with each figure the edits changed written anew (a name or text value that spells it)."""
    for e in edits:
        text = re.sub(r"(?<![\w.,])" + re.escape(e.old) + r"(?![\d])", e.new, text)
    return text


def rename_text(text: str, old: str, new: str) -> str:
    """``old`` replaced by ``new`` as a word, in its written, upper and lower case forms ("ACME", "acme.com")."""
    for a, b in ((old, new), (old.upper(), new.upper()), (old.lower(), new.lower())):
        text = re.sub(r"(?<![\w])" + re.escape(a) + r"(?![\w])", b, text)
    return text


def rename_row(row: GoldRow, old: str, new: str) -> GoldRow:
    """The gold row for a text in which the name ``old`` was replaced by ``new`` everywhere (``rename_text``)."""
    return replace(row, subject=rename_text(row.subject, old, new), value=rename_text(row.value, old, new),
                   qualifier=rename_text(row.qualifier, old, new), quote=rename_text(row.quote, old, new))
