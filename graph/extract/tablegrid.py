"""A table's block and rows: which lines are its caption, headers, rows and notes (``tablecolumns.py`` then puts
every cell in its column).

A table is met at one of its lines (the measures extractor walks lines in order; a header line may come
first). Its rows are the lines below of one written form — **aligned** (cells separated by two or more spaces),
**pipe** (Markdown and HTML tables rendered as ``| a | b |`` lines, a ``|---|`` rule line after the header),
**tab** (cells separated by tabs, placed by their index, not their position) or **flat** (single spaces: a label,
then two or more figures to the end of the line) — each a label and cells that are all figures or placeholders
("-", "n/a"). A label-only line between rows stays in the table. Its header lines are the lines right above the
rows that stand over the value columns (aligned), are pipe or tab rows, or are short lines of periods and measure
words (flat); a pipe row with one filled cell is a caption; above them (at most one blank line between) up to two
short lines are the caption. Lines "Source: ..." and "Note: ..." under the rows are its notes. A row of bare years
("2023 2022") is a header, never data. Every scan is bounded per line: linear in the text.
"""
from __future__ import annotations

import re
from typing import Optional

from .context import ExtractionContext
from .layout import Line
from .tablecells import FigureReader
from .tablecolumns import (Grid, GridRow, align, flat_columns, gap_cells, pipe_cells, pipe_columns, tab_cells,
                           tab_columns)
from .tablerows import RowReader, year_like
from .text import Sentence

_MD_RULE = re.compile(r"[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$|"
                      r"[ \t]*[-=_]{4,}(?:[ \t]+[-=_]{4,}){0,13}[ \t]*$")   # "--------   --------" under columns
_CUT_LABEL = re.compile(r"(?:[,\-–]|\b(?:of|and|to|for|from|attributable|before|after|per|on|in|the|net))$", re.I)
_NOTE_MARK = re.compile(r"\((?:\d{1,2}|[a-z])\)|\*+|(?<=[A-Za-z])\d(?=\s|$)")   # "(1)", "(a)", "*", "EBITDA2"
_UNIT_LINE = re.compile(r"\([^()\n]{3,80}\)")              # a caption's note line: "(In millions)", "(Unaudited)"
_FIGURE_LIKE = re.compile(r"[(\-+−–]?[$€£¥]?\d[\d.,' \u00a0\u202f]*\)?%?")
_MAX_HEADER_LINES = 4
_MAX_BROKEN_HEADER = 24


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
        self.rows = RowReader(ctx, figures, self.note_rx)

    # -- lines ------------------------------------------------------------------------------------------------
    def _text(self, ln: Line) -> str:
        return self.ctx.text[ln.start:ln.end]

    def _is_rule(self, ln: Line) -> bool:
        src = self.ctx.source[ln.start:ln.end]
        return bool(src.strip()) and _MD_RULE.match(src) is not None

    def _is_pipe(self, ln: Line) -> bool:
        src = self.ctx.source[ln.start:ln.end].strip()
        return src.startswith("|") and src.count("|") >= 2

    def _is_tab(self, ln: Line) -> bool:
        return "\t" in self.ctx.source[ln.start:ln.end].strip()

    def _blank(self, ln: Line) -> bool:
        return not self._text(ln).strip() and not self._is_rule(ln)

    def is_note(self, ln: Line) -> bool:
        return self.note_rx.match(self._text(ln)) is not None

    # -- cells ------------------------------------------------------------------------------------------------
    def gap_cells(self, ln: Line) -> list[tuple[int, int, str]]:
        return gap_cells(self.ctx, ln)

    def pipe_cells(self, ln: Line) -> list[tuple[int, int, str]]:
        return pipe_cells(self.ctx, ln)

    def data_row(self, ln: Line, style: str) -> Optional[GridRow]:
        if ln.kind == "blank" or self.is_note(ln):
            return None
        if style == "pipe":
            if not self._is_pipe(ln):
                return None
            cells = self.pipe_cells(ln)
            return self.rows.row_of(ln, cells, keep_index=True)
        if style == "tab":
            if not self._is_tab(ln):
                return None
            return self.rows.row_of(ln, tab_cells(self.ctx, ln), keep_index=True)
        if style == "aligned":
            cells = self.gap_cells(ln)
            if len(cells) < 2:
                return None
            return self.rows.row_of(ln, cells, keep_index=False)
        return self.rows.flat_row(ln)

    # -- the block --------------------------------------------------------------------------------------------
    def style_of(self, ln: Line) -> str:
        if self._is_pipe(ln):
            return "pipe"
        if self._is_tab(ln):
            return "tab"
        cells = self.gap_cells(ln)
        if len(cells) >= 2 and self.rows.row_of(ln, cells, False) is not None:
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
        top, section = first, ""
        above = self.lines[first - 1] if first > 0 else None
        head_row = self.data_row(self.lines[first], sty)
        value_start = min((c.start - self.lines[first].start for c in head_row.cells), default=0) if head_row else 0
        if above is not None and sty in ("aligned", "flat") and self._label_only(above) and \
                not self._text(above).rstrip().endswith(":") and not self._is_header(above, sty, value_start) and \
                not (sty == "flat" and self._broken_header(first)[0]):
            top, section = first - 1, self._text(self.lines[first - 1]).strip()   # "GAAP" over the first rows
        rows: list[GridRow] = []
        consumed: set[int] = set()
        parent: Optional[Line] = None           # a label-only line ending in ":" over indented rows
        wrapped: Optional[Line] = None          # the first half of a row label cut over two lines
        j = first
        while j < len(self.lines):
            ln = self.lines[j]
            if self._is_rule(ln):
                consumed.add(ln.start)
                j += 1
                continue
            row = self.data_row(ln, sty)
            if row is None:
                nxt = self.lines[j + 1] if j + 1 < len(self.lines) else None
                if ln.kind == "blank" and sty == "aligned" and rows and nxt is not None and self._goes_on(rows, j + 1):
                    j += 1                     # a blank line between groups of rows under the same columns
                    continue
                # a label-only line between rows ("Segment results", "Non-GAAP (1)") stays inside the table
                text = self._text(ln).strip()
                following = self.data_row(nxt, sty) if nxt is not None else None
                if following is not None and self._label_only(ln):
                    consumed.add(ln.start)
                    parent = ln if text.endswith(":") or self._measure_line(text) else None
                    section = text if not text.endswith(":") else section
                    wrapped = ln if _CUT_LABEL.search(text) or following.label[:1].islower() else None
                    j += 1
                    continue
                break
            if wrapped is not None:                # "Net income attributable to Acme," + "Inc. holders": one label
                row.label_start = wrapped.start + len(self._text(wrapped)) - len(self._text(wrapped).lstrip())
                row.label = " ".join(self.ctx.text[row.label_start:row.label_end].split())
                wrapped = None
            elif parent is not None and (ln.indent > parent.indent or row.label[:1] in "-–•"):
                row.parent = self._text(parent).strip().rstrip(":").strip()
            else:
                parent = None
            row.section = section
            rows.append(row)
            consumed.add(ln.start)
            j += 1
        if len(rows) < 2 and not (rows and len(rows[0].cells) >= 2):
            return None
        if top < first:
            consumed.add(self.lines[top].start)
        headers, caption, context = self._headers(top, sty, rows)
        if sty == "flat" and len(rows) < 2 and not headers:
            return None                        # one line of words and figures with no header: prose, not a table
        notes = self._notes(j)
        consumed |= {h.start for h in headers} | {n.start for n in notes}
        grid = Grid(sty, caption, headers, rows, notes, [], context, consumed)
        if sty == "aligned":
            ok = align(self.ctx, grid)
        elif sty == "pipe":
            ok = pipe_columns(self.ctx, grid)
        elif sty == "tab":
            ok = tab_columns(self.ctx, grid)
        else:
            ok = flat_columns(self.ctx, grid)
        return grid if ok else None

    def _broken_header(self, first: int) -> tuple[list[Line], int]:
        """A header a PDF broke into a word or two a line ("Company" / "3Q24" / "Shipments" / "3Q24" / "Market" /
        "Share" ...): the run of such lines right above the rows, when together they name periods and measures."""
        run: list[Line] = []
        k = first - 1
        while k >= 0 and len(run) < _MAX_BROKEN_HEADER:
            t = self._text(self.lines[k]).strip()
            if not t or len(t.split()) > 2 or len(t) > 24 or re.search(r"[.:;]$", t):
                break
            run.insert(0, self.lines[k])
            k -= 1
        if len(run) < 3:
            return [], first - 1
        a, b = run[0].start, run[-1].end
        m = self.ctx.mentions(Sentence(a, b, self.ctx.text[a:b]))
        if len([p for p in m.periods if p.how == "explicit"]) + len(m.metrics) < 2:
            return [], first - 1
        return run, k

    def _label_only(self, ln: Line) -> bool:
        """A short line of words between (or right above) rows: a section ("GAAP", "Non-GAAP (1)"), a group
        ("Operating expenses:") or the first half of a cut label; footnote marks are no figures."""
        if ln.kind == "blank" or len(self.gap_cells(ln)) != 1:
            return False                       # one cell: "units (k)    share" is a header, not a section
        text = _NOTE_MARK.sub("", self._text(ln)).strip()
        words = len(text.split())
        return 0 < words and (words <= 6 or words <= 12 and text.endswith(":")) and not re.search(r"\d", text)

    def _measure_line(self, text: str) -> bool:
        """A label-only line that names a measure ("Earnings per share (cents)"): the rows under it are its kinds."""
        return any(h.kind == "metric" for h in self.ctx.engine.matcher.find(text))

    def _goes_on(self, rows: list[GridRow], j: int) -> bool:
        """The line at ``j`` (or the one after it, under a label-only line) is a row whose figures end where the
        rows' above do: the table goes on after a blank line."""
        for k in (j, j + 1):
            if k >= len(self.lines):
                return False
            row = self.data_row(self.lines[k], "aligned")
            if row is not None:
                ends = {c.end - r.line.start for r in rows for c in r.cells}
                return all(any(abs(c.end - row.line.start - e) <= 1 for e in ends) for c in row.cells)
            if self.lines[k].kind == "blank" or re.search(r"\d", self._text(self.lines[k])):
                return False
        return False

    def _headers(self, first: int, style: str, rows: list[GridRow]) -> tuple[list[Line], list[Line], str]:
        """Header lines right above the first row, the caption above them (up to two lines, at most one blank
        line between), and in-table caption text."""
        headers: list[Line] = []
        k = first - 1
        value_start = min((c.start - r.line.start for r in rows for c in r.cells), default=0)
        rules = 0
        if style == "aligned" and k >= 1 and self._blank(self.lines[k]) and \
                self._is_header(self.lines[k - 1], style, value_start) and len(self.gap_cells(self.lines[k - 1])) >= 2:
            k -= 1                                     # one blank line between the header block and the rows
            rules += 1
        while k >= 0 and first - k - rules <= _MAX_HEADER_LINES:
            ln = self.lines[k]
            if self._is_rule(ln):                      # "--------   --------" between header lines: not counted
                rules += 1
                k -= 1
                continue
            if self._blank(ln) or not self._is_header(ln, style, value_start):
                break
            headers.insert(0, ln)
            k -= 1
        if style == "flat" and not headers:
            headers, k = self._broken_header(first)
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
        notes = 0
        while k >= 0 and len(caption) - notes < 2:
            ln = self.lines[k]
            if self._blank(ln):
                # "(In millions, except per share amounts)" and "(Unaudited)" as paragraphs of their own (HTML)
                if caption and _UNIT_LINE.fullmatch(self._text(caption[0]).strip()) and k > 0 and \
                        not self._blank(self.lines[k - 1]):
                    k -= 1
                    continue
                break
            t = self._text(ln).strip()
            if len(t) > 260 or (len(t.split()) > 14 and re.search(r"[.!?]\s*$", t)):
                break
            caption.insert(0, ln)
            notes += 1 if _UNIT_LINE.fullmatch(t) else 0
            k -= 1
        return headers, caption, context

    def _is_header(self, ln: Line, style: str, value_start: int) -> bool:
        t = self._text(ln)
        if style in ("pipe", "tab"):
            if not (self._is_pipe(ln) if style == "pipe" else self._is_tab(ln)):
                return False
            # a line of figures that is no row (its figures unread: "8 124") is no header either
            cells = (self.pipe_cells(ln) if style == "pipe" else tab_cells(self.ctx, ln, header=True))[1:]
            return not any(self._figure_like(t) for _, _, t in cells)
        if style == "aligned":
            cells = self.gap_cells(ln)
            if len(cells) >= 2:
                return not any(self._figure_like(t) for _, _, t in cells[1:])
            return bool(cells) and cells[0][0] - ln.start >= max(4, value_start - 12)
        # flat: a short line of column words, no sentence
        s = t.strip()
        if not s or len(s) > 160 or re.search(r"[.;!?]\s*$|,\s", s) or s.endswith(":"):
            return False
        m = self.ctx.mentions(Sentence(ln.start, ln.end, t))
        return len([p for p in m.periods if p.how == "explicit"]) + len(m.metrics) >= 2

    def _figure_like(self, cell: str) -> bool:
        """A cell that is a figure, read or not ("8 124", "8.124,5"), other than a bare year or a unit ("RMB'000")."""
        if re.search(r"[A-Za-z$€£¥]\s?['’]000s?\b|^\(?\s?[$€£¥]?000s?\s?\)?$", cell.strip()):
            return False
        v = self.figures.cell(cell)
        if v is not None:
            return not year_like(v)
        c = cell.strip()
        return _FIGURE_LIKE.fullmatch(c) is not None and not re.fullmatch(r"(?:(?:19|20)\d\d[\s/–-]*)+", c)

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
