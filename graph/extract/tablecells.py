"""Figures as tables, compact lists and "Label: value" lines write them, and the units their headers name.

A cell or list figure is read by one bounded pattern: a hedge mark ("≥", "~", "approx."), a sign, a currency
prefix ("$", "NT$", "SEK"), the number, a glued scale ("8.4M", "€2.36 bn"), a range ("14.5–15.5", "$325 million
to $335 million"), a percent, point or multiple mark ("%", "ppt", "bps", "1.9x"), a currency word after it
("1,184 kronor") and a basis ("+3.1% Y/Y"). Parentheses are reported, not interpreted: a table's "(5.3)" is a
negative number, a list's "Acme (16.1%)" a share and a European report's "SEK 1,184 million (1,117)" the prior
period's value — the readers decide.

Headers, captions and unit notes name a table's unit and scale: "(in millions of U.S. dollars)", "RMB million",
"SEK million", "(NT$ million)", "($bn)", "(m)", "(%)". The vocabulary is ``mappings/patterns/layout.yaml``
(currency codes and words, scales, hedges, point units, empty cells) with the currency prefixes of
``quantities.yaml``. Every pattern is anchored and bounded: linear in the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Optional

from .patterns import Patterns, alternation

if TYPE_CHECKING:
    from .context import ExtractionContext

_NUM = r"(?:\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,15}(?:\.\d{1,10})?|\.\d{1,10})"
_SIGNS = "-+−–"
_OR_MORE = re.compile(r"\s+or\s+(?:more|higher|above|greater)$", re.I)
_SPACE_GROUP = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)")


@dataclass(frozen=True)
class CellValue:
    """One figure as written. ``start``/``end`` span the figure in the text (hedge mark and basis word
    included); ``number`` is as written with its sign; ``scale`` is the scale written with it (1 if none)."""

    start: int
    end: int
    number: Decimal
    high: Optional[Decimal] = None
    percent: bool = False
    points: Optional[str] = None        # "pp" or "bps"
    multiple: bool = False              # "1.9x"
    currency: Optional[str] = None
    scale: int = 1
    hedge: Optional[str] = None
    signed: bool = False                # an explicit "+" or "-"
    paren: bool = False                 # the figure is wrapped in parentheses
    basis: Optional[str] = None         # "YoY", "QoQ", "MoM" written right after it

    @property
    def is_rate(self) -> bool:
        return self.percent or self.points is not None


@dataclass(frozen=True)
class UnitNote:
    """The unit a header, caption or label names: currency, scale, percent, a count unit."""

    currency: Optional[str] = None
    scale: int = 1
    percent: bool = False
    count: Optional[str] = None
    cents: bool = False                 # "(RMB cents)", "(US cents)": a hundredth of the currency


def _dec(raw: str) -> Optional[Decimal]:
    try:
        return Decimal(raw.replace(",", ""))
    except InvalidOperation:
        return None


class FigureReader:
    """Compiled figure and unit patterns for one patterns folder."""

    def __init__(self, patterns: Patterns):
        lay = patterns["layout"]
        q = patterns["quantities"]
        self.prefixes: dict[str, str] = {str(k): str(v) for k, v in (q.get("currency_prefixes") or {}).items()}
        for code in lay.get("currency_codes") or []:
            self.prefixes.setdefault(str(code), str(code))
        self.words: dict[str, str] = {str(k).casefold(): str(v) for k, v in (q.get("currency_suffixes") or {}).items()}
        self.words.update({str(k).casefold(): str(v) for k, v in (lay.get("currency_words") or {}).items()})
        self.codes = {str(c) for c in lay.get("currency_codes") or []}
        self.table_scales = {str(k).casefold(): int(v) for k, v in (lay.get("table_scales") or {}).items()}
        self.figure_scales = {str(k): int(v) for k, v in (lay.get("figure_scales") or {}).items()}
        self.hedges = {str(k).casefold(): str(v) for k, v in (lay.get("figure_hedges") or {}).items()}
        self.points = {str(k).casefold(): str(v) for k, v in (lay.get("point_units") or {}).items()}
        self.empty = {str(x).casefold() for x in lay.get("empty_cells") or []}
        self._cents_rx = re.compile(rf"(?<![A-Za-z])(?:{alternation(lay.get('subunit_words') or ['cents'])})(?![A-Za-z])",
                                    re.IGNORECASE)
        self.count_units = {str(k).casefold(): str(v) for k, v in (q.get("units") or {}).items()}
        bases = {str(k).casefold(): str(v) for k, v in (lay.get("column_bases") or {}).items()}
        self.bases = {k: v for k, v in bases.items() if len(k) <= 4}
        pre = alternation(self.prefixes)
        words = alternation(list(self.words) + list(self.codes))
        scales = alternation(self.figure_scales)
        pts = alternation(self.points)
        hedge = alternation(self.hedges)
        basis = alternation(self.bases)
        sign = f"[{re.escape(_SIGNS)}]"
        fig = (rf"(?P<n>{_NUM})(?:[ \t]?(?P<sc>{scales})(?![A-Za-z]))?"
               rf"(?:(?:[-–—]|[ \t]{{1,3}}to[ \t]{{1,3}})(?P<cur2>{pre})?[ \t]?(?P<n2>{_NUM})"
               rf"(?:[ \t]?(?P<sc2>{scales})(?![A-Za-z]))?)?")
        self.figure = re.compile(
            rf"(?:(?P<hedge>{hedge})[ \t]{{0,2}})?(?P<sign>{sign})?[ \t]?(?P<open>\()?[ \t]?(?P<cur>{pre})?[ \t]?"
            rf"(?P<open2>\()?(?P<sign2>{sign})?{fig}(?P<close>\))?(?:[ \t]?(?P<sc3>{scales})(?![A-Za-z]))?"
            rf"(?:[ \t]?(?P<pct>%|per[ \t]?cent(?![A-Za-z])|pct(?![A-Za-z]))|[ \t]?(?P<pts>{pts})(?![A-Za-z])|"
            rf"(?P<mult>[x×])(?![A-Za-z]))?"
            rf"(?:[ \t]?(?P<cursuf>{words})(?![A-Za-z]))?(?P<close2>\))?"
            rf"(?:[ \t]?(?P<basis>{basis})(?![A-Za-z]))?", re.IGNORECASE)
        # a scale word stands alone ("in millions", "(m)"); a scale mark glued to a currency ("RMB'000") too
        marks = [w for w in self.table_scales if not w[:1].isalpha()]
        words = [w for w in self.table_scales if w[:1].isalpha()]
        self._scale_rx = re.compile(
            rf"(?:(?<![A-Za-z])(?:in[ \t]+)?(?P<w>{alternation(words)})s?|(?<!\d)(?P<mark>{alternation(marks) or '(?!)'}))"
            rf"(?![A-Za-z])", re.IGNORECASE)
        glued = [w for w in self.table_scales if len(w) <= 4 and w[:1].isalpha() and w.islower()]
        self._glued_rx = re.compile(
            rf"(?<![A-Za-z])(?P<code>{alternation(self.codes)})(?P<sc>{alternation(glued)}|'000)(?![A-Za-z])"
            rf"|(?<=[(\[$€£¥₹])000s?(?![\d,.])|(?<![\d,.' ])000s(?!\w)")
        self._cur_word_rx = re.compile(rf"(?<![A-Za-z])(?:{alternation(self.words)})(?![A-Za-z])", re.IGNORECASE)
        self._code_rx = re.compile("|".join(
            ("(?<![A-Za-z])" if p[0].isalpha() else "") + re.escape(p) + ("(?![A-Za-z])" if p[-1].isalpha() else "")
            for p in sorted(self.prefixes, key=len, reverse=True)))

    # -- figures ------------------------------------------------------------------------------------------------
    def at(self, text: str, pos: int, end: int) -> Optional[CellValue]:
        """The figure that starts at ``pos`` (after spaces), or None."""
        while pos < end and text[pos] in " \t":
            pos += 1
        m = self.figure.match(text, pos, end)
        if m is None or m.end() == m.start():
            return None
        return self._value(m)

    def cell(self, raw: str, offset: int = 0) -> Optional[CellValue]:
        """A whole cell that is one figure (offsets shifted by ``offset``), else None."""
        s = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        # a whole cell may group thousands with spaces ("8 124", "1 284 511"): the same figure as "8,124"
        s = _SPACE_GROUP.sub(lambda g: re.sub(r"[ \u00a0\u202f]", ",", g.group(0)), s)
        floor = _OR_MORE.search(s)                      # "13% or more": at least 13%
        if floor is not None:
            s = s[:floor.start()]
        m = self.figure.fullmatch(s)
        if m is None:
            return None
        v = self._value(m)
        if v is None:
            return None
        if floor is not None and v.hedge is None and v.high is None:
            v = replace(v, hedge="at least")
        return replace(v, start=v.start + offset + lead, end=v.end + offset + lead)

    def is_empty(self, raw: str) -> bool:
        return raw.strip().casefold() in self.empty

    def _value(self, m: re.Match[str]) -> Optional[CellValue]:
        n = _dec(m.group("n"))
        if n is None:
            return None
        sign = m.group("sign") or m.group("sign2")
        negative = sign is not None and sign not in "+"
        high = _dec(m.group("n2")) if m.group("n2") else None
        if negative:
            n = -n
            if high is not None:
                high = -high
        sc = m.group("sc") or m.group("sc2") or m.group("sc3")
        scale = self.figure_scales.get(sc, self.figure_scales.get(sc.lower(), 1)) if sc else 1
        cur = m.group("cur") or m.group("cur2")
        currency = self.prefixes.get(cur) if cur else None
        if currency is None and m.group("cursuf"):
            w = m.group("cursuf")
            currency = self.words.get(w.casefold()) or (w if w in self.codes else None)
        pts = m.group("pts")
        hedge = self.hedges.get(m.group("hedge").casefold()) if m.group("hedge") else None
        paren = bool((m.group("open") or m.group("open2")) and (m.group("close") or m.group("close2")))
        basis = self.bases.get(m.group("basis").casefold()) if m.group("basis") else None
        return CellValue(m.start(), m.end(), n, high, bool(m.group("pct")), self.points.get(pts.casefold()) if pts else None,
                         bool(m.group("mult")), currency, scale, hedge, sign is not None, paren, basis)

    def document_currency(self, text: str) -> Optional[str]:
        """The one currency a document writes its amounts in ("$", "RMB", "EUR"), else None (none or several)."""
        key = (id(text), len(text))
        if getattr(self, "_doc_currency_key", None) != key:
            found = {self.prefixes[m.group(0)] for m in self._code_rx.finditer(text)
                     if not (m.group(0).isalpha() and m.group(0).islower()) and m.group(0) in self.prefixes}
            self._doc_currency = found.pop() if len(found) == 1 else None
            self._doc_currency_key = key
        return self._doc_currency

    # -- units of headers, captions and labels --------------------------------------------------------------------
    def unit_note(self, text: str) -> UnitNote:
        """The currency, scale, percent and count unit a header, caption or label names."""
        scale = 1
        glued = self._glued_rx.search(text)          # "(EURm)", "SEKbn", "(000s)", "$000"
        if glued is not None:
            scale = self.table_scales[(glued.group("sc") or "'000").casefold()]
        for m in self._scale_rx.finditer(text) if glued is None else ():
            w = (m.group("w") or m.group("mark")).casefold()
            if len(w) <= 2 and not _unit_context(text, m):
                continue          # a bare "m"/"k"/"b" is a scale only in "(m)", "$m", "US$ m", "m units"
            scale = self.table_scales[w]
            break
        currency = self.prefixes.get(glued.group("code")) if glued is not None and glued.group("code") else None
        code = self._code_rx.search(text) if currency is None else None
        if code is not None and not (code.group(0).isalpha() and code.group(0).islower()):
            currency = self.prefixes[code.group(0)]
        if currency is None:
            word = self._cur_word_rx.search(text)
            if word is not None:
                currency = self.words[word.group(0).casefold()]
        percent = bool(re.search(r"\(\s*%\s*\)|(?<![\w])(?:in\s+)?(?:%|per\s?cent)(?![\w])", text, re.I))
        count = None
        for m in re.finditer(r"([A-Za-z]{3,20})(?!\s*:)", text):      # "Unit: RMB million" names no count
            if m.group(1).casefold() in self.count_units:
                count = self.count_units[m.group(1).casefold()]
                break
        return UnitNote(currency, scale, percent, count, self._cents_rx.search(text) is not None)


def _unit_context(text: str, m: re.Match[str]) -> bool:
    before = text[max(0, m.start() - 6):m.start()]
    after = text[m.end():m.end() + 8]
    return bool(re.search(r"(?:\(|[$€£¥₹]|[A-Z]{3}|\$)\s*$", before) and re.match(r"\s*(?:\)|,|units?\b|$)", after)) \
        or bool(re.match(r"\s+units?\b", after))


def figure_reader(ctx: "ExtractionContext") -> FigureReader:
    """The engine's figure reader (compiled once per engine)."""
    fr = ctx.engine.__dict__.get("_figure_reader")
    if fr is None:
        fr = FigureReader(ctx.patterns)
        ctx.engine.__dict__["_figure_reader"] = fr
    return fr
