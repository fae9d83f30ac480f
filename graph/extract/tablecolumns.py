"""The columns of a table's grid: which column every cell is in and what the header says over each.

- **aligned** tables: a column is a run of character positions its cells overlap; header words take the column
  they stand over; a header line above the first complete header line may span several columns ("Revenue
  Operating profit" over two periods each): each column takes the nearest of its words. Words over the row
  labels are the table's ("SEK million", "Vendor").
- **pipe** tables: a cell's column is its position between the bars of the source line.
- **flat** tables: each row's trailing figures are its cells, matched to the columns from the right; the header
  is cut into as many columns as the rows have figures, at its periods and column words (period first, measure
  first, or one word a column: whichever gives that many).

Every scan is bounded per line: linear in the text.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from .context import ExtractionContext
from .layout import Line
from .tablecells import CellValue
from .text import Sentence

_GAP_CELL = re.compile(r"[^\s|](?:[^\s|]| (?=[^\s|]))*")
_TAB_CELL = re.compile(r"[^\t\n]+")
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
    parent: str = ""                    # the "Net income per share:" line an indented row ("Basic") sits under
    section: str = ""                   # the label-only line over the row's group ("GAAP", "Non-GAAP (1)")


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


def gap_cells(ctx: ExtractionContext, ln: Line) -> list[tuple[int, int, str]]:
    """Cells of an aligned line: runs of text separated by two or more spaces, tabs or bars."""
    return [(m.start(), m.end(), m.group(0)) for m in _GAP_CELL.finditer(ctx.text, ln.start, ln.end)]


def pipe_cells(ctx: ExtractionContext, ln: Line) -> list[tuple[int, int, str]]:
    """Cells between the bars of the source line (empty cells kept), contents from the layout view."""
    src, view = ctx.source, ctx.text
    bars = [i for i in range(ln.start, ln.end) if src[i] == "|"]
    out = []
    for a, b in zip(bars, bars[1:]):
        raw = view[a + 1:b]
        lead = len(raw) - len(raw.lstrip())
        s, e = a + 1 + lead, a + 1 + lead + len(raw.strip())
        out.append((s, e, view[s:e]))
    return out


def tab_cells(ctx: ExtractionContext, ln: Line, header: bool = False) -> list[tuple[int, int, str]]:
    """Cells of a tab-separated line: a run of tabs is one separator (tab stops pad with several); a tab at a
    header's start leaves its label cell empty, at a row's start it indents the row."""
    src, view = ctx.source, ctx.text
    out = [(ln.start, ln.start, "")] if header and src[ln.start:ln.start + 1] in ("\t", " ") else []
    for m in _TAB_CELL.finditer(src, ln.start, ln.end):
        raw = view[m.start():m.end()]
        if not raw.strip():
            continue
        s = m.start() + len(raw) - len(raw.lstrip())
        e = s + len(raw.strip())
        out.append((s, e, view[s:e]))
    return out


def tab_columns(ctx: ExtractionContext, g: Grid) -> bool:
    """A tab table's cells by their index: rows of another number of cells than most rows are dropped, and a
    header line of another number of cells cannot be matched to the columns (no grid)."""
    counts = Counter(len(tab_cells(ctx, r.line)) for r in g.rows)
    width, _ = counts.most_common(1)[0]
    g.rows = [r for r in g.rows if len(tab_cells(ctx, r.line)) == width]
    cols = [""] * (width - 1)
    for h in g.headers:
        cells = tab_cells(ctx, h, header=True)
        if len(cells) != width:
            return False
        g.context += " " + cells[0][2]
        for i, (_, _, t) in enumerate(cells[1:]):
            cols[i] += " " + t
    g.columns = [c.strip() for c in cols]
    return bool(g.rows)


def align(ctx: ExtractionContext, g: Grid) -> bool:
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
    full = next((i for i, h in enumerate(g.headers) if len(_header_cells(ctx, h, clusters[0][0])) >= n), None)
    for hi, h in enumerate(g.headers):
        cells = _header_cells(ctx, h, clusters[0][0])
        for s, e, t in gap_cells(ctx, h):
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

def _header_cells(ctx: ExtractionContext, h: Line, first_value: int) -> list[tuple[int, int, str]]:
    """The header's cells over the value columns (not over the row labels); a trailing "%" one space after a
    unit ("Millions of yen %") is a cell of its own, over the column of percents."""
    out = []
    for s, e, t in gap_cells(ctx, h):
        if e - h.start <= first_value - 1:
            continue
        if len(t) > 2 and t.endswith(" %"):
            out += [(s, e - 2, t[:-2]), (e - 1, e, "%")]
        else:
            out.append((s, e, t))
    return out

def pipe_columns(ctx: ExtractionContext, g: Grid) -> bool:
    """Header cells over the rows' cells by position. A header line of another number of cells than the rows
    (a Markdown header without the label cell) cannot be matched to the columns: no grid. A group header over
    another header line writes a spanned cell as the cell and empty cells after it (HTML ``colspan``): each
    empty cell continues the cell on its left."""
    widths = {len(pipe_cells(ctx, r.line)) for r in g.rows}
    n = max(widths) - 1
    cols = [""] * n
    valued = {c.col for r in g.rows for c in r.cells}
    for k, h in enumerate(g.headers):
        cells = pipe_cells(ctx, h)
        texts = [t for _, _, t in cells[1:]]
        if len(cells) not in widths and any(t.strip() for t in texts):
            return False
        if cells:
            g.context += " " + cells[0][2]
        if k < len(g.headers) - 1:
            for i in range(1, len(texts)):
                if not texts[i].strip():
                    texts[i] = texts[i - 1]
        for i in range(len(texts) - 1):
            # a header over a column of "$" signs only ("| 2024 |  |" over "| $ | 512.4 |") is the next column's
            if texts[i].strip() and i not in valued and i + 1 in valued and not texts[i + 1].strip():
                texts[i + 1] = texts[i]
        for i, t in enumerate(texts[:n]):
            cols[i] += " " + t
    g.columns = [c.strip() for c in cols]
    return True

def flat_columns(ctx: ExtractionContext, g: Grid) -> bool:
    counts = Counter(len(r.cells) for r in g.rows)
    n, _ = counts.most_common(1)[0]
    g.rows = [r for r in g.rows if len(r.cells) == n]
    for r in g.rows:
        for i, c in enumerate(r.cells):
            c.col = i
    cols = [""] * n
    if g.headers:
        h = g.headers[-1]
        if len(g.headers) > 2 and all(len(ctx.text[x.start:x.end].split()) <= 2 for x in g.headers):
            h = Line(g.headers[0].start, h.end, h.kind)      # a header broken a word or two a line: one text
        parts, lead = _flat_header(ctx, h, n)
        g.context += " " + lead
        if parts is not None:
            cols = parts
    g.columns = cols
    return True

def _flat_header(ctx: ExtractionContext, h: Line, n: int) -> tuple[Optional[list[str]], str]:
    """Cut a run-together header into ``n`` column texts at its periods and column words; the words before
    the first column are the label column's."""
    t = ctx.text[h.start:h.end]
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
