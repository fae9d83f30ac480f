"""A table's grid: which lines are its caption, headers, rows and notes, and which column every cell is in.

Three written forms are read:

- **aligned** — cells separated by two or more spaces (or tabs); a cell's column is the one whose cells its
  characters overlap. Header words take the column they stand over; a header line above the first complete
  header line may span several columns ("Revenue   Operating profit" over two periods each): each column takes
  the nearest of its words.
- **pipe** — Markdown and HTML tables rendered as ``| a | b |`` lines (a ``|---|`` rule line may follow the
  header); a cell's column is its position between the bars. A row with one filled cell above the header is a
  caption ("| Revenue by division (KRW billion) |  |  |").
- **flat** — cells separated by single spaces, the header's words run together ("Company 3Q22 Shipments 3Q22
  Market Share ... Year-Over-Year Change"). Each row's trailing figures are its cells, matched to the columns
  from the right; the header is cut into as many columns as the rows have figures, at its periods and column
  words.

The label column (the row labels and the words over them) gives a table-wide unit ("SEK million"). Lines
"Source: ..." and "Note: ..." under a table are its notes. Every scan is bounded per line: linear in the text.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from .context import ExtractionContext
from .layout import Line
from .tablecells import CellValue, FigureReader
from .text import Sentence

_GAP_CELL = re.compile(r"[^\s|](?:[^\s|]| (?=[^\s|]))*")
_MD_RULE = re.compile(r"[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$|[ \t]*[-=_]{4,}[ \t]*$")
_TOKEN = re.compile(r"\S+")
_MAX_HEADER_LINES = 4
_MAX_COLUMNS = 14


@dataclass
class GridCell:
    start: int
    end: int
    col: int
    value: Optional[CellValue]          # None: an empty placeholder ("-", "n/a")


@dataclass
class GridRow:
    line: Line
    label: str
    label_start: int
    label_end: int
    cells: list[GridCell]


@dataclass
class Grid:
    style: str                                    # aligned | pipe | flat
    caption: list[Line]
    headers: list[Line]
    rows: list[GridRow]
    notes: list[Line]
    columns: list[str]                            # header text over each value column
    context: str = ""                             # words over the label column, captions inside the table
    consumed: set[int] = field(default_factory=set)

    @property
    def ncols(self) -> int:
        return len(self.columns)


class GridReader:
    """Finds the table around a line and builds its grid."""

    def __init__(self, ctx: ExtractionContext, figures: FigureReader):
        self.ctx = ctx
        self.figures = figures
        self.lines = ctx.layout.lines
        self.index = {ln.start: i for i, ln in enumerate(self.lines)}
        notes = ctx.patterns["layout"].get("note_labels") or []
        self.note_rx = re.compile(r"[ \t]*(?:%s)\b[^:\n]{0,20}:" % "|".join(re.escape(str(n)) for n in notes), re.I) \
            if notes else re.compile(r"(?!)")

    # -- lines ------------------------------------------------------------------------------------------------
    def _text(self, ln: Line) -> str:
        return self.ctx.text[ln.start:ln.end]

    def _is_rule(self, ln: Line) -> bool:
        src = self.ctx.source[ln.start:ln.end]
        return bool(src.strip()) and _MD_RULE.match(src) is not None

    def _is_pipe(self, ln: Line) -> bool:
        src = self.ctx.source[ln.start:ln.end].strip()
        return src.startswith("|") and src.count("|") >= 2

    def _blank(self, ln: Line) -> bool:
        return not self._text(ln).strip() and not self._is_rule(ln)

    def is_note(self, ln: Line) -> bool:
        return self.note_rx.match(self._text(ln)) is not None

    # -- cells ------------------------------------------------------------------------------------------------
    def gap_cells(self, ln: Line) -> list[tuple[int, int, str]]:
        """Cells of an aligned line: runs of text separated by two or more spaces, tabs or bars."""
        t = self.ctx.text
        return [(m.start(), m.end(), m.group(0)) for m in _GAP_CELL.finditer(t, ln.start, ln.end)]

    def pipe_cells(self, ln: Line) -> list[tuple[int, int, str]]:
        """Cells between the bars of the source line (empty cells kept), contents from the layout view."""
        src, view = self.ctx.source, self.ctx.text
        bars = [i for i in range(ln.start, ln.end) if src[i] == "|"]
        out = []
        for a, b in zip(bars, bars[1:]):
            raw = view[a + 1:b]
            lead = len(raw) - len(raw.lstrip())
            s, e = a + 1 + lead, a + 1 + lead + len(raw.strip())
            out.append((s, e, view[s:e]))
        return out

    def _value(self, raw: str, offset: int) -> tuple[bool, Optional[CellValue]]:
        """(is a figure cell, its value): a figure, or an empty placeholder (True, None)."""
        if self.figures.is_empty(raw):
            return True, None
        v = self.figures.cell(raw, offset)
        return v is not None, v

    def _label_ok(self, label: str) -> bool:
        s = label.strip()
        return bool(s) and re.search(r"[^\W\d_]", s) is not None and len(s) <= 80 and \
            self.figures.cell(s) is None and not self.note_rx.match(s)

    def data_row(self, ln: Line, style: str) -> Optional[GridRow]:
        if ln.kind == "blank" or self.is_note(ln):
            return None
        if style == "pipe":
            if not self._is_pipe(ln):
                return None
            cells = self.pipe_cells(ln)
            return self._row_of(ln, cells, keep_index=True)
        if style == "aligned":
            cells = self.gap_cells(ln)
            if len(cells) < 2:
                return None
            return self._row_of(ln, cells, keep_index=False)
        return self._flat_row(ln)

    def _row_of(self, ln: Line, cells: list[tuple[int, int, str]], keep_index: bool) -> Optional[GridRow]:
        if not cells or not self._label_ok(cells[0][2]):
            return None
        out: list[GridCell] = []
        for i, (s, e, raw) in enumerate(cells[1:]):
            if not raw.strip():
                continue
            ok, v = self._value(raw, s)
            if not ok:
                return None
            out.append(GridCell(s, e, i if keep_index else -1, v))
        if not any(c.value is not None for c in out) or all(_year_like(c.value) for c in out if c.value):
            return None
        return GridRow(ln, cells[0][2].strip(), cells[0][0], cells[0][1], out)

    def _flat_row(self, ln: Line) -> Optional[GridRow]:
        text = self._text(ln)
        toks = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text)]
        vals: list[tuple[int, int, CellValue]] = []
        i = len(toks) - 1
        while i >= 1 and len(vals) < _MAX_COLUMNS:
            s, e, raw = toks[i]
            if raw in ("%",) and i >= 2:               # "6 %" written apart
                s, raw = toks[i - 1][0], text[toks[i - 1][0]:e]
                i -= 1
            v = self.figures.cell(raw, ln.start + s)
            if v is None:
                break
            vals.append((ln.start + s, ln.start + e, v))
            i -= 1
        if len(vals) < 2 or i < 0 or all(_year_like(v) for _, _, v in vals):
            return None
        label_end = toks[i][1]
        label = text[:label_end]
        if not self._label_ok(label) or len(label.split()) > 8 or not re.match(r"\s*[^\W\d_]", label):
            return None
        vals.reverse()
        return GridRow(ln, label.strip(), ln.start + len(label) - len(label.lstrip()), ln.start + label_end,
                       [GridCell(s, e, -1, v) for s, e, v in vals])

    # -- the block --------------------------------------------------------------------------------------------
    def style_of(self, ln: Line) -> str:
        if self._is_pipe(ln):
            return "pipe"
        cells = self.gap_cells(ln)
        if len(cells) >= 2 and self._row_of(ln, cells, False) is not None:
            return "aligned"
        return "flat"

    def grid_at(self, line: Line) -> Optional[Grid]:
        i = self.index.get(line.start)
        if i is None:
            return None
        # the line may be a header over the rows: the first row is at most a few lines below
        first = None
        for j in range(i, min(len(self.lines), i + _MAX_HEADER_LINES + 1)):
            ln = self.lines[j]
            if self._blank(ln) and j > i:
                break
            style = self.style_of(ln)
            if self.data_row(ln, style) is not None:
                first, sty = j, style
                break
        if first is None:
            return None
        rows: list[GridRow] = []
        consumed: set[int] = set()
        j = first
        while j < len(self.lines):
            ln = self.lines[j]
            if self._is_rule(ln):
                consumed.add(ln.start)
                j += 1
                continue
            row = self.data_row(ln, sty)
            if row is None:
                # a label-only line between rows ("Segment results") stays inside the table
                nxt = self.lines[j + 1] if j + 1 < len(self.lines) else None
                if ln.kind != "blank" and nxt is not None and self.data_row(nxt, sty) is not None and \
                        len(self._text(ln).split()) <= 6 and not re.search(r"\d", self._text(ln)):
                    consumed.add(ln.start)
                    j += 1
                    continue
                break
            rows.append(row)
            consumed.add(ln.start)
            j += 1
        if len(rows) < 2 and not (rows and len(rows[0].cells) >= 2):
            return None
        headers, caption, context = self._headers(first, sty, rows)
        notes = self._notes(j)
        consumed |= {h.start for h in headers} | {n.start for n in notes}
        grid = Grid(sty, caption, headers, rows, notes, [], context, consumed)
        if sty == "aligned":
            ok = self._align(grid)
        elif sty == "pipe":
            ok = self._pipe_columns(grid)
        else:
            ok = self._flat_columns(grid)
        return grid if ok else None

    def _headers(self, first: int, style: str, rows: list[GridRow]) -> tuple[list[Line], list[Line], str]:
        """Header lines right above the first row, the caption above them (up to two lines, at most one blank
        line between), and in-table caption text."""
        headers: list[Line] = []
        k = first - 1
        value_start = min((c.start - r.line.start for r in rows for c in r.cells), default=0)
        while k >= 0 and first - k <= _MAX_HEADER_LINES:
            ln = self.lines[k]
            if self._is_rule(ln):
                k -= 1
                continue
            if self._blank(ln) or not self._is_header(ln, style, value_start):
                break
            headers.insert(0, ln)
            k -= 1
        context = ""
        if style == "pipe":
            # a pipe row with one filled cell and no figure is the table's caption
            keep = []
            for h in headers:
                filled = [c for c in self.pipe_cells(h) if c[2].strip()]
                if len(filled) == 1 and filled[0][0] - h.start <= 3:
                    context += " " + filled[0][2]
                else:
                    keep.append(h)
            headers = keep
        caption: list[Line] = []
        if k >= 0 and self._blank(self.lines[k]):        # at most one blank line between caption and table
            k -= 1
            if k >= 0 and self._blank(self.lines[k]):
                k = -1
        while k >= 0 and len(caption) < 2 and not self._blank(self.lines[k]):
            ln = self.lines[k]
            t = self._text(ln).strip()
            if len(t) > 160 or (len(t.split()) > 14 and re.search(r"[.!?]\s*$", t)):
                break
            caption.insert(0, ln)
            k -= 1
        return headers, caption, context

    def _is_header(self, ln: Line, style: str, value_start: int) -> bool:
        t = self._text(ln)
        if style == "pipe":
            return self._is_pipe(ln)
        if style == "aligned":
            cells = self.gap_cells(ln)
            if len(cells) >= 2:
                return True
            return bool(cells) and cells[0][0] - ln.start >= max(4, value_start - 12)
        # flat: a short line of column words, no sentence
        s = t.strip()
        if not s or len(s) > 160 or re.search(r"[.;!?]\s*$|,\s", s) or s.endswith(":"):
            return False
        m = self.ctx.mentions(Sentence(ln.start, ln.end, t))
        return len([p for p in m.periods if p.how == "explicit"]) + len(m.metrics) >= 2

    def _notes(self, j: int) -> list[Line]:
        out: list[Line] = []
        blanks = 0
        while j < len(self.lines) and len(out) < 3:
            ln = self.lines[j]
            if self._blank(ln):
                blanks += 1
                if blanks > 1:
                    break
            elif self.is_note(ln):
                out.append(ln)
            else:
                break
            j += 1
        return out

    # -- columns ----------------------------------------------------------------------------------------------
    def _align(self, g: Grid) -> bool:
        """Columns of an aligned table from the character spans of its cells; header words over them."""
        spans = sorted({(c.start - r.line.start, c.end - r.line.start) for r in g.rows for c in r.cells})
        clusters: list[list[int]] = []
        for s, e in spans:
            if clusters and s < clusters[-1][1]:
                clusters[-1][1] = max(clusters[-1][1], e)
            else:
                clusters.append([s, e])
        if not clusters or len(clusters) > _MAX_COLUMNS:
            return False
        for r in g.rows:
            seen = set()
            for c in r.cells:
                s = c.start - r.line.start
                c.col = next(i for i, (a, b) in enumerate(clusters) if a <= s < b)
                if c.col in seen:
                    return False
                seen.add(c.col)
        n = len(clusters)
        cols = [""] * n
        centres = [(a + b) / 2 for a, b in clusters]
        full = next((i for i, h in enumerate(g.headers) if len(self._header_cells(h, clusters[0][0])) >= n), None)
        for hi, h in enumerate(g.headers):
            cells = self._header_cells(h, clusters[0][0])
            for s, e, t in self.gap_cells(h):
                if e - h.start <= clusters[0][0] - 1 and (s, e, t) not in cells:
                    g.context += " " + t                   # over the labels: "SEK million", "Vendor"
            if full is not None and hi < full:
                # a group header: every column takes the nearest of its words
                for i, c in enumerate(centres):
                    best = min(cells, key=lambda x: _dist(c, x[0] - h.start, x[1] - h.start), default=None)
                    if best is not None and _dist(c, best[0] - h.start, best[1] - h.start) <= 14:
                        cols[i] += " " + best[2]
                continue
            for s, e, t in cells:
                a, b = s - h.start, e - h.start
                over = [i for i, (x, y) in enumerate(clusters) if min(b, y) > max(a, x)]
                if not over:
                    over = [min(range(n), key=lambda i: _dist(centres[i], a, b))]
                elif len(cells) >= n and len(over) > 1:
                    over = [max(over, key=lambda i: min(b, clusters[i][1]) - max(a, clusters[i][0]))]
                for i in over:
                    cols[i] += " " + t
        g.columns = [c.strip() for c in cols]
        return True

    def _header_cells(self, h: Line, first_value: int) -> list[tuple[int, int, str]]:
        """The header's cells over the value columns (not over the row labels)."""
        return [(s, e, t) for s, e, t in self.gap_cells(h) if e - h.start > first_value - 1]

    def _pipe_columns(self, g: Grid) -> bool:
        n = max(len(self.pipe_cells(r.line)) - 1 for r in g.rows)
        cols = [""] * n
        for h in g.headers:
            cells = self.pipe_cells(h)
            if cells:
                g.context += " " + cells[0][2]
            for i, (_, _, t) in enumerate(cells[1:n + 1]):
                cols[i] += " " + t
        g.columns = [c.strip() for c in cols]
        return True

    def _flat_columns(self, g: Grid) -> bool:
        counts = Counter(len(r.cells) for r in g.rows)
        n, _ = counts.most_common(1)[0]
        g.rows = [r for r in g.rows if len(r.cells) == n]
        for r in g.rows:
            for i, c in enumerate(r.cells):
                c.col = i
        cols = [""] * n
        if g.headers:
            parts, lead = self._flat_header(g.headers[-1], n)
            g.context += " " + lead
            if parts is not None:
                cols = parts
        g.columns = cols
        return True

    def _flat_header(self, h: Line, n: int) -> tuple[Optional[list[str]], str]:
        """Cut a run-together header into ``n`` column texts at its periods and column words; the words before
        the first column are the label column's."""
        ctx = self.ctx
        t = self._text(h)
        m = ctx.mentions(Sentence(h.start, h.end, t))
        units: list[tuple[int, int, str]] = [(p.start, p.end, "P") for p in m.periods if p.how == "explicit"]
        words = _column_words(ctx)
        for x in m.metrics:
            if not any(x.start < b and a < x.end for a, b, _ in units):
                units.append((x.start, x.end, "M"))
        for w in words.finditer(ctx.text, h.start, h.end):
            if not any(w.start() < b and a < w.end() for a, b, _ in units):
                units.append((w.start(), w.end(), "C"))
        units.sort()
        merged: list[list] = []
        for a, b, k in units:
            if merged and k == "C" and merged[-1][2] == "C" and not ctx.text[merged[-1][1]:a].strip(" -/"):
                merged[-1][1] = b                          # "Year-Over-Year Change"
            else:
                merged.append([a, b, k])
        for u in merged:
            u[2] = "P" if u[2] == "P" else "M"            # a column has one period and one measure or change
        if not merged:
            return None, t
        lead = ctx.text[h.start:merged[0][0]]
        for groups in (_singletons(merged), _grouped(merged, "P"), _grouped(merged, "M")):
            if len(groups) == n:
                return [ctx.text[g[0][0]:g[-1][1]] for g in groups], lead
        return None, lead


def _year_like(v: CellValue) -> bool:
    """A bare four-digit year ("2023"): a header's period, not a figure."""
    return v.number == v.number.to_integral_value() and 1900 <= v.number <= 2100 and not (
        v.percent or v.currency or v.signed or v.paren or v.scale != 1 or v.points or v.multiple)


def _dist(c: float, a: int, b: int) -> float:
    return 0.0 if a <= c <= b else min(abs(c - a), abs(c - b))


def _singletons(units: list[list]) -> list[list[list]]:
    return [[u] for u in units]


def _grouped(units: list[list], head: str) -> list[list[list]]:
    """Units grouped into columns: a unit of kind ``head`` opens a column; a unit of the other kind joins the
    open column unless it already has one of its kind."""
    groups: list[list[list]] = []
    for u in units:
        if not groups or u[2] == head and any(x[2] == head for x in groups[-1]) or \
                u[2] != head and any(x[2] == u[2] for x in groups[-1]):
            groups.append([u])
        else:
            groups[-1].append(u)
    return groups


def _column_words(ctx: ExtractionContext) -> re.Pattern[str]:
    cached = ctx.__dict__.get("_column_words")
    if cached is None:
        lay = ctx.patterns["layout"]
        words = [str(w) for w in (lay.get("change_words") or []) + (lay.get("share_words") or [])]
        words += [str(w) for w in (lay.get("column_modalities") or {})]
        words += ["%", "units", "volume", "revenue", "shipments"]
        alt = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
        cached = re.compile(rf"(?<![\w/])(?:{alt})(?![\w/])", re.I)
        ctx.__dict__["_column_words"] = cached
    return cached
