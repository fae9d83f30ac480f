"""The rows of a table's grid: a line's label and figure cells, as ``tablegrid.py`` meets them.

A row is a label then cells that are all figures or placeholders ("-", "n/a"). A "$" in a cell of its own is the
next figure's currency and a ")" cell closes the figure on its left ("(4.7" | ")"), as SEC exhibits print them; a
rank before the label ("| 1 | Orrin |", "1. Tarang 9.1 ...") is no label. A flat row (single spaces) is a label,
then two or more figures to the end of the line. Every scan is bounded per line: linear in the text.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from .context import ExtractionContext
from .layout import Line
from .tablecells import CellValue, FigureReader
from .tablecolumns import GridCell, GridRow

_CLOSE = re.compile(r"\)[ \t]?%?")                        # a cell that closes the figure on its left: ")" or ")%"
_TOKEN = re.compile(r"\S+")
_RANK = re.compile(r"(?:#|No\.\s?)?[1-9]\d?\.?|")          # a rank cell ("1", "#2", "3.") or an empty one
_FLAT_RANK = re.compile(r"\s*(?:#|No\.\s?)?[1-9]\d?[.)]\s+(?=[^\W\d_])")
_VERB = re.compile(r"\b(?:was|were|is|are|rose|fell|grew|reached|increased|decreased|declined|totalled|totaled|"
                   r"amounted|climbed|dropped|said|says|reported|expects|will|would)\b", re.I)   # a clause, not a label
_MAX_COLUMNS = 14


class RowReader:
    """Reads one line as a table row (or not), for one document."""

    def __init__(self, ctx: ExtractionContext, figures: FigureReader, note_rx: re.Pattern[str]):
        self.ctx = ctx
        self.figures = figures
        self.note_rx = note_rx

    def value(self, raw: str, offset: int) -> tuple[bool, Optional[CellValue]]:
        """(is a figure cell, its value): a figure, or an empty placeholder (True, None)."""
        if self.figures.is_empty(raw):
            return True, None
        v = self.figures.cell(raw, offset)
        return v is not None, v

    def label_ok(self, label: str) -> bool:
        s = label.strip()
        return bool(s) and re.search(r"[^\W\d_]", s) is not None and len(s) <= 80 and \
            self.figures.cell(s) is None and not self.note_rx.match(s)

    def row_of(self, ln: Line, cells: list[tuple[int, int, str]], keep_index: bool) -> Optional[GridRow]:
        if not cells:
            return None
        rest = cells[1:]
        if len(cells) > 2 and _RANK.fullmatch(cells[0][2].strip()) and self.label_ok(cells[1][2]):
            # "| 3 | Lumera | 5.1 |", "|   | Others |": a rank column, then the label; the value cells keep their
            # indexes (the label's cell holds none)
            cells = [cells[1]] + cells[1:]
            rest = [(cells[0][0], cells[0][1], "")] + cells[2:]
        if not self.label_ok(cells[0][2]):
            return None
        out: list[GridCell] = []
        currency: Optional[str] = None
        for i, (s, e, raw) in enumerate(rest):
            t = raw.strip()
            if not t or _CLOSE.fullmatch(t):
                continue
            if t in self.figures.prefixes and not t.isalpha():
                currency = self.figures.prefixes[t]     # "$" in a column of its own: the next figure's
                continue
            nxt = rest[i + 1][2].strip() if i + 1 < len(rest) else ""
            closed = t.startswith("(") and ")" not in t and _CLOSE.fullmatch(nxt) is not None
            ok, v = self.value(t + nxt.replace(" ", "") if closed else raw, s)   # "(4.7" | ")": one figure
            if not ok:
                return None
            if v is not None and currency is not None and v.currency is None:
                v = replace(v, currency=currency)
            currency = None
            out.append(GridCell(s, rest[i + 1][1] if closed else e, i if keep_index else -1, v))
        if not any(c.value is not None for c in out) or all(year_like(c.value) for c in out if c.value):
            return None
        return GridRow(ln, cells[0][2].strip(), cells[0][0], cells[0][1], out)

    def flat_row(self, ln: Line) -> Optional[GridRow]:
        text = self.ctx.text[ln.start:ln.end]
        toks = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text)]
        vals: list[tuple[int, int, Optional[CellValue]]] = []
        i = len(toks) - 1
        while i >= 1 and len(vals) < _MAX_COLUMNS:
            s, e, raw = toks[i]
            if raw in ("%",) and i >= 2:               # "6 %" written apart
                s, raw = toks[i - 1][0], text[toks[i - 1][0]:e]
                i -= 1
            elif raw.casefold() in self.figures.points and i >= 2:      # "1.7 pts"
                s, raw = toks[i - 1][0], text[toks[i - 1][0]:e]
                i -= 1
            if raw in self.figures.prefixes and not raw.isalpha() and vals and vals[-1][2] is not None:
                vals[-1] = (vals[-1][0], vals[-1][1], replace(vals[-1][2], currency=self.figures.prefixes[raw]))
                i -= 1                                  # "$ 512.4": the dollar sign of the figure on its right
                continue
            v = self.figures.cell(raw, ln.start + s)
            if v is None and not (self.figures.is_empty(raw) and not re.fullmatch(r"[*.]+", raw)):
                break
            vals.append((ln.start + s, ln.start + e, v))   # None: a placeholder ("n/m", "—") holds its column
            i -= 1
        while vals and vals[-1][2] is None:
            vals.pop()                                  # placeholders are cells only right of a figure
            i += 1
        read = [v for _, _, v in vals if v is not None]
        if len(vals) < 2 or not read or i < 0 or sum(1 for v in read if year_like(v)) * 2 > len(read):
            # mostly bare years: a header ("Q2 2024  YTD 2024  6M 2023"), not a row
            return None
        label_end = toks[i][1]
        rank = _FLAT_RANK.match(text)                   # "1. Tarang 9.1 18.9% ...": the rank is no label
        lead = rank.end() if rank and rank.end() < label_end else 0
        label = text[lead:label_end]
        if not self.label_ok(label) or len(label.split()) > 8 or not re.match(r"\s*[^\W\d_]", label) or \
                _VERB.search(label):
            return None
        vals.reverse()
        return GridRow(ln, label.strip(), ln.start + lead + len(label) - len(label.lstrip()), ln.start + label_end,
                       [GridCell(s, e, -1, v) for s, e, v in vals])


def year_like(v: CellValue) -> bool:
    """A bare four-digit year ("2023"): a header's period, not a figure."""
    return v.number == v.number.to_integral_value() and 1900 <= v.number <= 2100 and not (
        v.percent or v.currency or v.signed or v.paren or v.scale != 1 or v.points or v.multiple)
