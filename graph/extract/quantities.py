"""The quantity grammar: money, percentages, percentage points and counts, with offsets and full scaling.

Vocabulary (currencies, scales, unit nouns, number words) comes from ``mappings/patterns/quantities.yaml``.
Shapes read: ``RMB12.3 billion``, ``RMB 456.7 billion``, ``US$4 million``, ``81.9 billion yuan``,
``4.27 trillion won``, ``KRW 17.06 trillion``, ``₹45,499``, ``RMB987.6billion``, ``24.8%``, ``3.1 percentage
points``, ``41.7 million units``, ``over 30 upstream supply chain companies``, ``nearly half`` (of ...).
Transcript noise is repaired here: ``162.5 million (sic) [ 262.5 million ]`` gives one quantity with the
corrected value and ``spoken`` set; in ``17 -- 7.2%`` the false start ``17`` is dropped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from typing import Literal, Optional

from .spokennumbers import spoken_quantities, spoken_rx
from .patterns import Patterns, alternation

QuantityKind = Literal["money", "percent", "pp", "count", "number", "multiple"]

def scaled(number: Decimal, scale: int) -> Decimal:
    """``number * scale`` without exponent or trailing zeros (41.2 billion -> 41200000000)."""
    v = number * scale
    return v.quantize(Decimal(1)) if v == v.to_integral_value() else v.normalize()


# Indian grouping ("1,34,999", "12,45,00,000") before the western one
_NUM = r"(?:\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"


# "the first half of 2023": a fraction word after an ordinal names a period
_ORDINAL_BEFORE = re.compile(r"\b(?:first|second|1st|2nd|latter|former|back|front)[\s-]+$", re.I)


@dataclass(frozen=True)
class Quantity:
    """A figure. ``value`` is fully scaled; ``number`` is as written; ``unit`` is an ISO 4217 code, "percent",
    "pp" or a count unit ("units", "users" ...), None for a bare number."""

    start: int
    end: int
    value: Decimal
    number: Decimal
    kind: QuantityKind
    unit: Optional[str] = None
    scale: int = 1
    spoken: Optional[str] = None       # the figure as spoken, when an editor's "(sic) [ ... ]" corrected it
    number_end: int = 0                # end of the number (+ scale, currency, percent), before a unit noun


class QuantityGrammar:
    """Compiled quantity regexes for one patterns set."""

    def __init__(self, patterns: Patterns):
        q = patterns["quantities"]
        self.prefixes: dict[str, str] = dict(q.get("currency_prefixes") or {})
        self.suffixes: dict[str, str] = {k.lower(): v for k, v in (q.get("currency_suffixes") or {}).items()}
        self.subunits = {k.lower() for k in (q.get("currency_subunit_suffixes") or {})}
        self.suffixes.update({k.lower(): v for k, v in (q.get("currency_subunit_suffixes") or {}).items()})
        self.scales: dict[str, int] = {k.lower(): int(v) for k, v in (q.get("scales") or {}).items()}
        self.units: dict[str, str] = {k.lower(): v for k, v in (q.get("units") or {}).items()}
        self.number_words: dict[str, int] = {k.lower(): int(v) for k, v in (q.get("number_words") or {}).items()}
        self.fractions: dict[str, Decimal] = {k.lower(): Decimal(str(v))
                                              for k, v in (q.get("fraction_words") or {}).items()}
        self.gap = int(q.get("unit_gap") or 0)
        self.not_numbers = frozenset(str(w) for w in q.get("not_numbers") or [])
        self.stop = {w.lower() for w in q.get("unit_gap_stopwords") or []}
        lo, hi = q.get("year_range") or [1950, 2100]
        self.year_range = (int(lo), int(hi))
        pct = alternation(q.get("percent_markers") or ["%"])
        pts = alternation(q.get("point_markers") or [])
        bps = alternation(q.get("basis_point_markers") or [])
        mult = alternation(q.get("multiple_markers") or [])
        long_scales = [s for s in self.scales if len(s) > 1]
        short_scales = [s for s in self.scales if len(s) == 1]
        self.rx = re.compile(
            rf"(?<![\w.#/:$€£¥₹₩])(?P<pre>{alternation(self.prefixes)})?(?P<sp1>\s?)"
            rf"(?P<num>{_NUM})(?![\d])"
            # (a scale word may follow a hard-wrapped line's indentation: "$4.21\n   billion" re-joined by the layout)
            rf"(?:(?P<scale>(?:\s?|[ \t]{{2,12}}(?=[A-Za-z]{{4}}))(?:{alternation(long_scales)})|(?:{alternation(short_scales)}))(?![A-Za-z]))?"
            rf"(?:\s(?P<post>{alternation(self.suffixes)})(?![A-Za-z]))?"
            rf"(?:(?P<bps>{bps})|(?P<pts>{pts})|(?P<pct>{pct})|(?P<mult>{mult}))?"
            rf"(?![A-Za-z0-9])", re.IGNORECASE)
        self.mult_after = re.compile(rf"(?:{mult})(?![A-Za-z0-9])", re.IGNORECASE)
        self.mult_words = {k.lower(): Decimal(str(v)) for k, v in (q.get("multiple_words") or {}).items()}
        self.mult_word_rx = re.compile(rf"(?<![\w-])(?P<word>{alternation(self.mult_words) or '(?!)'})\b", re.IGNORECASE)
        self.word_rx = re.compile(rf"(?<![\w-])(?P<word>{alternation(self.number_words)})(?=[\s-])", re.IGNORECASE)
        self.frac_rx = re.compile(rf"(?<![\w-])(?P<word>{alternation(self.fractions)})\s+of\b", re.IGNORECASE)
        # "dropped by a third", "cut by half": a fraction after "by" is a change of that many percent
        self.frac_by_rx = re.compile(rf"\bby\s+(?:(?:about|around|roughly|nearly|almost|more\s+than|over)\s+)?"
                                     rf"(?P<word>{alternation(self.fractions)})\b(?!\s+of\b|-)", re.IGNORECASE)
        # "slipped a full point", "gave up more than a point": one percentage point
        # ("one point four million" is 1.4 million spoken, no point)
        self.one_point_rx = re.compile(r"(?<!\bat\s)\b(?P<word>(?:a|one)\s+(?:full\s+)?(?:percentage\s+)?point)\b"
                                       r"(?!\s+of\b|-|\s+(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)\b)",
                                       re.IGNORECASE)
        unit_alt = alternation(self.units)
        self.unit_rx = re.compile(rf"(?P<unit>{unit_alt})(?![\w])", re.IGNORECASE)
        self.spoken_rx = spoken_rx(self.number_words, self.scales)
        self.sic_rx = re.compile(r"\(sic\)\s*\[\s*(?P<inner>[^\]]+?)\s*\]", re.IGNORECASE)
        self.false_start = [s for s in (patterns["text"].get("false_start_separators") or [])]
        openers = patterns["text"].get("correction_openers") or []
        self.correction_rx = re.compile(rf"[.!?]\s+(?:{alternation(openers)})", re.IGNORECASE)

    # -- single figures -------------------------------------------------------------------------------------
    def _unit_after(self, text: str, pos: int, limit: int) -> tuple[Optional[str], int]:
        """A count noun after ``pos`` (skipping up to ``gap`` modifier words): (unit, end) or (None, pos)."""
        i = pos
        for _ in range(self.gap + 1):
            m = re.match(r"[ \t]+", text[i:limit])
            if not m:
                return None, pos
            j = i + m.end()
            um = self.unit_rx.match(text, j, limit)
            if um:
                return self.units[um.group("unit").lower()], um.end()
            wm = re.match(r"[A-Za-z][A-Za-z&+'-]*|\d+[A-Za-z][A-Za-z\d+-]*\b", text[j:limit])  # "premium", "5G", "12GB+256GB"
            if not wm or wm.group(0).lower() in self.stop or wm.group(0)[0].isupper() and j > pos + 1:
                return None, pos
            i = j + wm.end()
        return None, pos

    def _parse(self, m: re.Match[str], text: str, limit: int) -> Optional[Quantity]:
        raw = m.group("num").replace(",", "")
        try:
            number = Decimal(raw)
        except InvalidOperation:
            return None
        scale_word = (m.group("scale") or "").strip().lower()
        scale = self.scales.get(scale_word, 1)
        cur = None
        start = m.start()
        if m.group("pre"):
            # a currency marker counts only as written in quantities.yaml ("Rs", "RMB", "Rmb"; not "rmb" or "rs")
            cur = self.prefixes.get(m.group("pre"))
            if cur is None:
                start = m.start("num")
        if m.group("post"):
            cur = cur or self.suffixes.get(m.group("post").lower())
        end = m.end()
        if cur:
            if m.group("post") and m.group("post").lower() in self.subunits and not m.group("pre"):
                number = (number / 100).normalize()          # "94 cents" = 0.94
            return Quantity(start, end, scaled(number, scale), number, "money", cur, scale, number_end=end)
        if m.group("pct"):
            return Quantity(m.start("num"), end, scaled(number, scale), number, "percent", "percent", scale, number_end=end)
        if m.group("mult") and scale == 1:
            return Quantity(m.start("num"), end, number, number, "multiple", "x", 1, number_end=end)
        if m.group("bps"):
            v = (number / 100).normalize()
            return Quantity(m.start("num"), end, v, number, "pp", "pp", 1, number_end=end)
        if m.group("pts"):
            return Quantity(m.start("num"), end, scaled(number, scale), number, "pp", "pp", scale, number_end=end)
        start = m.start("num")
        if m.group("pre") is None or cur is None:
            end = m.end("post") if m.group("post") else (m.end("scale") if m.group("scale") else m.end("num"))
        written = m.group("num")
        unit, uend = self._unit_after(text, end, limit)
        if text[start:end] in self.not_numbers and unit != "units":
            return None         # "4K TV shipments", "8K recording": a resolution's name, not 4,000 or 8,000
        if scale == 1 and "." not in written and "," not in written and unit is None \
                and self.year_range[0] <= number <= self.year_range[1]:
            return None
        if unit:
            return Quantity(start, uend, scaled(number, scale), number, "count", unit, scale, number_end=end)
        return Quantity(start, end, scaled(number, scale), number, "number", None, scale, number_end=end)

    def _raw(self, text: str, start: int, end: int) -> list[Quantity]:
        out = [q for m in self.rx.finditer(text, start, end) if (q := self._parse(m, text, end))]
        # "up eleven per cent", "one point five percentage points" (spokennumbers.py)
        out += [Quantity(*w) for w in spoken_quantities(self.spoken_rx, self.number_words, text, start, end)  # type: ignore[arg-type]
                if not any(q.start < w.end and w.start < q.end for q in out)]
        for m in self.word_rx.finditer(text, start, end):
            unit, uend = self._unit_after(text, m.end(), end)
            if unit and not any(q.start <= m.start() < q.end for q in out):
                n = Decimal(self.number_words[m.group("word").lower()])
                out.append(Quantity(m.start(), uend, n, n, "count", unit, 1, number_end=m.end()))
        for m in self.word_rx.finditer(text, start, end):
            # "three times the figure of a year ago", "a three-fold increase": a multiple in words
            mk = self.mult_after.match(text, m.end(), end)
            if mk is not None and not any(q.start <= m.start() < q.end for q in out):
                n = Decimal(self.number_words[m.group("word").lower()])
                out.append(Quantity(m.start(), mk.end(), n, n, "multiple", "x", 1, number_end=mk.end()))
        for m in self.mult_word_rx.finditer(text, start, end):
            n = self.mult_words[m.group("word").lower()]
            out.append(Quantity(m.start(), m.end(), n, n, "multiple", "x", 1, number_end=m.end()))
        for m in self.frac_rx.finditer(text, start, end):
            if _ORDINAL_BEFORE.search(text, max(0, m.start() - 12), m.start()):
                continue        # "the first half of 2023", "the second half of the year": a period, not 50%
            v = self.fractions[m.group("word").lower()]
            out.append(Quantity(m.start(), m.end("word"), v, v, "percent", "percent", 1, number_end=m.end("word")))
        for rx, kind in ((self.frac_by_rx, "percent"), (self.one_point_rx, "pp")):
            for m in rx.finditer(text, start, end):
                if any(q.start < m.end("word") and m.start("word") < q.end for q in out):
                    continue
                v = self.fractions[m.group("word").lower()] if kind == "percent" else Decimal(1)
                out.append(Quantity(m.start("word"), m.end("word"), v, v, kind, kind, 1, number_end=m.end("word")))
        out.sort(key=lambda q: q.start)
        return out

    # -- repairs --------------------------------------------------------------------------------------------
    def _apply_sic(self, text: str, qs: list[Quantity], start: int, end: int) -> list[Quantity]:
        for m in self.sic_rx.finditer(text, start, end):
            inner = [q for q in qs if m.start("inner") <= q.start and q.end <= m.end("inner")]
            if not inner:
                continue
            corrected = inner[0]
            # spoken figures: those just before the marker, chained by separators
            spoken: list[Quantity] = []
            pos = m.start()
            for q in sorted((q for q in qs if q.end <= m.start()), key=lambda q: -q.end):
                gap = text[q.end:pos]
                if re.fullmatch(r"[\s,\-–—]*", gap):
                    spoken.insert(0, q)
                    pos = q.start
                else:
                    break
            if not spoken:
                continue
            kind, unit, cur_end = corrected.kind, corrected.unit, m.end()
            if corrected.kind == "number":
                tail_unit, tail_end = self._unit_after(text, m.end(), end)
                last = spoken[-1]
                if tail_unit:
                    kind, unit, cur_end = "count", tail_unit, tail_end
                elif last.kind != "number":
                    kind, unit = last.kind, last.unit
            merged = Quantity(spoken[0].start, cur_end, corrected.value, corrected.number, kind, unit,
                              corrected.scale, spoken=text[spoken[0].start:spoken[-1].number_end or spoken[-1].end],
                              number_end=m.end())
            drop = set(map(id, spoken + inner))
            qs = [q for q in qs if id(q) not in drop and not (merged.start <= q.start < merged.end)] + [merged]
            qs.sort(key=lambda q: q.start)
        return qs

    def _drop_false_starts(self, text: str, qs: list[Quantity]) -> list[Quantity]:
        keep: list[Quantity] = []
        for i, q in enumerate(qs):
            nxt = qs[i + 1] if i + 1 < len(qs) else None
            if nxt is not None and text[q.end:nxt.start] in self.false_start and q.kind in ("number", nxt.kind):
                continue
            keep.append(q)
        return keep

    def _drop_corrected(self, text: str, qs: list[Quantity], start: int, end: int) -> list[Quantity]:
        """"increased by 12%. The exact number is 11.8%": the figure before the correction is dropped."""
        drop: set[int] = set()
        for m in self.correction_rx.finditer(text, start, end):
            before = [q for q in qs if q.end <= m.start() + 1]
            after = [q for q in qs if q.start >= m.end()]
            if before and after and before[-1].kind == after[0].kind:
                drop.add(id(before[-1]))
        return [q for q in qs if id(q) not in drop]

    def find(self, text: str, start: int = 0, end: Optional[int] = None) -> list[Quantity]:
        """Every quantity in ``text[start:end]``, repaired for transcript noise."""
        end = len(text) if end is None else end
        qs = self._raw(text, start, end)
        qs = self._apply_sic(text, qs, start, end)
        qs = self._drop_false_starts(text, qs)
        qs = self._drop_corrected(text, qs, start, end)
        # a quantity whose unit noun swallowed a following figure is cut back to its number
        out: list[Quantity] = []
        for i, q in enumerate(qs):
            nxt = qs[i + 1] if i + 1 < len(qs) else None
            if nxt is not None and q.end > nxt.start:
                q = replace(q, end=q.number_end, kind="number" if q.kind == "count" else q.kind,
                            unit=None if q.kind == "count" else q.unit)
            out.append(q)
        return out
