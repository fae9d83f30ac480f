"""Tables read cell by cell with their row and column headers.

A table is a block of ``row`` lines (``layout.py``) with the lines above it in the block as its column headers
and the heading or prose line above the block as its caption. Cells are separated by two or more spaces, tabs or
bars; a flattened table (single spaces) is read right to left, one cell per trailing figure. Each column's
meaning comes from its header: a period ("Q2 2023", "Q4 FY23", "Jan-Jun 2023"), a metric ("shipments",
"revenue"), a share ("share") or a change ("growth", "change", "YoY"); unit and scale come from the header or
the caption ("(million)", "(in millions of U.S. dollars)", "SEK million"). Each row's label is the subject: a
vendor in a market table, a segment in the issuer's segment table, the market or the issuer for a total row,
"Others" for the rest of a market; a label that names a metric ("Revenue", "Gross margin") makes the row that
metric of the issuer (a statement table).
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Optional

from ..iris import slugify
from ..records import EntityRef, Period
from .context import ExtractionContext
from .discourse import Discourse
from .figures import Figure
from .frames import Frame, FrameRules
from .layout import Line
from .quantities import Quantity, scaled
from .slots import doc_market, market_subject_ref
from .text import Sentence

_CELL = re.compile(r"(?P<c>[^\s|\t](?:[^|\t]*?[^\s|\t])?)(?=\s{2,}|\t|\s*\||\s*$)")
_NUM = re.compile(r"^(?P<sign>[-+−–]?)\(?(?P<cur>[$€£¥₹])?(?P<n>\d[\d,]*(?:\.\d+)?)\)?(?P<pct>\s?%)?(?P<x>x)?$")
_TRAIL = re.compile(r"(?:\s+[-+−–]?\(?[$€£¥₹]?\d[\d,]*(?:\.\d+)?\)?%?)+\s*$")


def _cells(text: str, a: int, b: int) -> list[tuple[int, int, str]]:
    out = []
    for m in _CELL.finditer(text, a, b):
        c = m.group("c").strip()
        if c:
            s = m.start("c")
            out.append((s, s + len(m.group("c")), m.group("c")))
    return out


def _number(raw: str) -> Optional[tuple[Decimal, bool]]:
    m = _NUM.match(raw.strip().replace("−", "-"))
    if not m:
        return None
    try:
        v = Decimal(m.group("n").replace(",", ""))
    except InvalidOperation:
        return None
    if m.group("sign") in ("-", "–") or (raw.strip().startswith("(") and raw.strip().endswith(")") and not m.group("pct")):
        v = -v
    return v, bool(m.group("pct"))


def _change_periods(cols: list[dict]) -> None:
    """A change column without a period of its own is the change of the latest period to its left, since the
    previous change column ("Apr-Jun 2023  Apr-Jun 2022  Change")."""
    group: list[dict] = []
    for c in cols:
        if c.get("change") and c.get("period") is None:
            dated = [g["period"] for g in group if g.get("period") is not None and g["period"].end is not None]
            if dated:
                c["period"] = max(dated, key=lambda p: p.end)
            group = []
        elif c.get("change"):
            group = []
        else:
            group.append(c)


class TableReader:
    def __init__(self, ctx: ExtractionContext, rules: FrameRules):
        self.ctx = ctx
        self.rules = rules
        self.names = ctx.engine.name_rules

    # -- the block ----------------------------------------------------------------------------------------------
    def _block(self, line: Line) -> tuple[list[Line], list[Line], Optional[Line]]:
        lines = self.ctx.layout.lines
        i = lines.index(line)
        j = i
        while j < len(lines) and lines[j].kind != "blank":
            j += 1
        k = i
        while k > 0 and lines[k - 1].kind != "blank" and i - k < 4:
            k -= 1
        block = lines[k:j]
        data = [ln for ln in block if self._is_data(ln)]
        first = block.index(data[0]) if data else len(block)
        headers = block[:first]
        caption = None
        c = k - 1
        while c >= 0 and lines[c].kind == "blank":
            c -= 1
        if c >= 0 and k - c <= 2 and (lines[c].kind == "heading" or (
                lines[c].end - lines[c].start < 120 and re.search(r"[):]\s*$", self.ctx.text[lines[c].start:lines[c].end]))):
            caption = lines[c]
        return headers, data, caption

    def _is_data(self, ln: Line) -> bool:
        if ln.kind not in ("row", "heading", "prose", "label"):
            return False
        text = self.ctx.text[ln.start:ln.end]
        cells = _cells(self.ctx.text, ln.start, ln.end)
        nums = [c for c in cells[1:] if _number(c[2]) is not None]
        if len(cells) >= 3 and len(nums) >= 2 and _number(cells[0][2]) is None and \
                not self._period_cells(ln):
            return True
        flat = _TRAIL.search(text)
        return flat is not None and len(flat.group(0).split()) >= 2 and \
            re.match(r"\s*[A-Za-z]", text) is not None and len(text) < 160 and not self._period_cells(ln)

    def _period_cells(self, ln: Line) -> bool:
        m = self.ctx.mentions(Sentence(ln.start, ln.end, self.ctx.text[ln.start:ln.end]))
        return len([p for p in m.periods if p.how == "explicit"]) >= 2

    # -- columns ------------------------------------------------------------------------------------------------
    def _columns(self, headers: list[Line], data: list[Line], n: int) -> list[dict]:
        """One description per value column: its header text and, from it, period, metric, role, unit, scale."""
        ctx = self.ctx
        cols: list[dict] = [{"text": ""} for _ in range(n)]
        # positions of the value cells of the first aligned data row
        ref = next((r for r in data if len(_cells(ctx.text, r.start, r.end)) == n + 1), None)
        spans = [(c[0] - ref.start, c[1] - ref.start) for c in _cells(ctx.text, ref.start, ref.end)[1:]] if ref else []
        for h in headers:
            hc = _cells(ctx.text, h.start, h.end)
            if spans and len(hc) >= 2:
                for a, b, t in hc:
                    x0, x1 = a - h.start, b - h.start
                    best = min(range(n), key=lambda i: abs((spans[i][0] + spans[i][1]) / 2 - (x0 + x1) / 2))
                    if x1 < spans[0][0] - 1 and best == 0 and abs(x1 - spans[0][1]) > 6:
                        continue          # the row-label column's header
                    cols[best]["text"] += " " + t
            else:
                # a flattened header: period phrases and column words left to right, matched to the last n
                parts = self._flat_header(h)
                for i, t in enumerate(parts[-n:]):
                    cols[n - len(parts[-n:]) + i]["text"] += " " + t
        return cols

    def _flat_header(self, h: Line) -> list[str]:
        ctx = self.ctx
        m = ctx.mentions(Sentence(h.start, h.end, ctx.text[h.start:h.end]))
        periods = [p for p in m.periods if p.how == "explicit"]
        out: list[str] = []
        pos = h.start
        for p in periods:
            for w in re.findall(r"[A-Za-z%/]+", ctx.text[pos:p.start]):
                if w.casefold() in ("change", "growth", "share", "yoy", "y/y", "%"):
                    out.append(w)
            out.append(ctx.text[p.start:p.end])
            pos = p.end
        for w in re.findall(r"[A-Za-z%/]+", ctx.text[pos:h.end]):
            if w.casefold() in ("change", "growth", "share", "yoy", "y/y", "%"):
                out.append(w)
        return out

    def _describe(self, col: dict, caption: str, d: Discourse) -> None:
        ctx = self.ctx
        t = col["text"].strip()
        s = Sentence(0, len(t), t)
        periods = ctx.engine.fiscal_periods.find(t, 0, len(t), ctx.doc.fiscal, ctx.doc.period, ctx.doc.date) or \
            ctx.engine.periods.find(t, 0, len(t), ctx.doc.period, ctx.doc.date)
        col["period"] = periods[0].period if periods else None
        low = t.casefold()
        col["change"] = bool(re.search(r"\b(?:growth|change|chg|yoy|y/y|qoq|q/q|var\.?|increase|\+/-)\b|%\s*ch", low))
        col["qoq"] = bool(re.search(r"\b(?:qoq|q/q|sequential)\b", low))
        col["share"] = "share" in low and not col["change"]
        mets = [h for h in ctx.engine.matcher.find(t, 0, len(t)) if h.kind == "metric"]
        col["metric"] = mets[0].target if mets else None
        del s

    def _unit_scale(self, text: str) -> tuple[Optional[str], int]:
        q = self.ctx.patterns["quantities"]
        low = text.casefold()
        scale = 1
        for w, v in (("thousand", 10**3), ("million", 10**6), ("mn", 10**6), ("billion", 10**9), ("bn", 10**9),
                     ("trillion", 10**12)):
            if re.search(rf"\b(?:in\s+)?{w}s?\b", low):
                scale = v
                break
        unit = None
        for k, v in sorted((q.get("currency_prefixes") or {}).items(), key=lambda kv: -len(kv[0])):
            if re.search(rf"(?<![\w]){re.escape(k)}(?![\w])", text):
                unit = v
                break
        if unit is None:
            for k, v in (q.get("currency_suffixes") or {}).items():
                # a currency word right after a scale word or inside parentheses ("(KRW billion)", "million won")
                if re.search(rf"(?:\b(?:thousands?|millions?|billions?|trillions?|bn|mn)\s+|\(\s*(?:in\s+)?)"
                             rf"{re.escape(k)}(?![\w])", text, re.I):
                    unit = v
                    break
        if unit is None and re.search(r"\bunits?\b|\bshipments\b|\bvolume\b", low):
            unit = "units"
        return unit, scale

    # -- rows ---------------------------------------------------------------------------------------------------
    def read_at(self, line: Line, d: Discourse) -> tuple[list[Frame], set[int]]:
        ctx = self.ctx
        headers, data, caption = self._block(line)
        if not data:
            return [], {line.start}
        consumed = {ln.start for ln in headers + data}
        cap_text = ctx.text[caption.start:caption.end] if caption else ""
        head_text = " ".join(ctx.text[h.start:h.end] for h in headers)
        context = (cap_text + " " + head_text).casefold()
        unit, scale = self._unit_scale(cap_text + " " + head_text)
        cap_periods = ctx.mentions(Sentence(caption.start, caption.end, cap_text)).periods if caption else []
        table_period = next((p.period for p in cap_periods if p.how == "explicit"), None) or d.period or ctx.doc.period
        cap_metrics = [h.target for h in ctx.engine.matcher.find(cap_text + " " + head_text) if h.kind == "metric"]
        segment_table = any(w in context for w in self.names.segment_context) and ctx.doc.speaks_for_issuer
        out: list[Frame] = []
        for row in data:
            cells = _cells(ctx.text, row.start, row.end)
            nums = [(a, b, t) for a, b, t in cells[1:] if _number(t) is not None]
            label_end = cells[1][0] if len(cells) > 1 else row.end
            label = ctx.text[row.start:label_end].strip()
            if len(cells) < 3 or len(nums) != len(cells) - 1:
                flat = _TRAIL.search(ctx.text, row.start, row.end)
                if flat is None:
                    continue
                nums = [(row.start + flat.start() + mm.start(), row.start + flat.start() + mm.end(), mm.group(0))
                        for mm in re.finditer(r"\S+", ctx.text[flat.start():flat.end()]) if False]
                nums = [(mm.start(), mm.end(), mm.group(0)) for mm in re.finditer(r"[^\s]+", ctx.text)
                        if False]
                nums = []
                for mm in re.finditer(r"\S+", ctx.text[flat.start():flat.end()]):
                    nums.append((flat.start() + mm.start(), flat.start() + mm.end(), mm.group(0)))
                label = ctx.text[row.start:flat.start()].strip()
            cols = self._columns(headers, data, len(nums))
            for c in cols:
                self._describe(c, cap_text, d)
            _change_periods(cols)
            subject, how, label_metric = self._row_subject(label, row, segment_table, context)
            for (a, b, raw), col in zip(nums, cols):
                parsed = _number(raw)
                if parsed is None:
                    continue
                v, pct = parsed
                fr = self._cell(row, a, b, v, pct, col, subject, how, label_metric, unit, scale, table_period,
                                cap_metrics)
                if fr is not None:
                    out.append(fr)
        return out, consumed

    def _row_subject(self, label: str, row: Line, segment_table: bool,
                     context: str) -> tuple[Optional[EntityRef], str, Optional[str]]:
        ctx = self.ctx
        clean = re.sub(r"[*:]+$", "", label).strip()
        mets = [h for h in ctx.engine.matcher.find(clean) if h.kind == "metric"]
        if mets and mets[0].end - mets[0].start >= len(clean) * 0.6:
            return ctx.issuer, "table", mets[0].target
        if self.names.is_total(clean) or re.match(r"(?i)total\b", clean):
            if ctx.doc.speaks_for_issuer and ctx.issuer is not None:
                return ctx.issuer, "table", None
            return market_subject_ref(ctx, doc_market(ctx)), "table", None
        if self.names.is_other(clean):
            key = slugify(f"others-{doc_market(ctx).key if doc_market(ctx) else 'market'}")
            return EntityRef(key, "group", "Others", ()), "table", None
        hits = [h for h in ctx.mentions(Sentence(row.start, row.start + len(label), label)).entities
                if h.kind in ("organisation", "segment", "product", "platform", "brand")]
        if hits:
            return ctx.entity(hits[0]), "table", None
        if segment_table and ctx.issuer is not None:
            ref = ctx.names.add(clean, "segment", "table", ("BusinessSegment",), owner=ctx.issuer.key)
            return ref, "table", None
        if re.match(r"[A-Z]", clean) and len(clean.split()) <= 5:
            ref = ctx.names.add(clean, "organisation", "table")
            return ref, "table", None
        return None, "", None

    def _cell(self, row: Line, a: int, b: int, v: Decimal, pct: bool, col: dict, subject: Optional[EntityRef],
              how: str, label_metric: Optional[str], unit: Optional[str], scale: int, table_period: Optional[Period],
              cap_metrics: list[str]) -> Optional[Frame]:
        period = col.get("period") or table_period
        if col.get("change"):
            kind, metric = "change", label_metric or col.get("metric") or (cap_metrics[0] if cap_metrics else None)
            value, funit = v, "percent"
        elif col.get("share") or (pct and not label_metric and not col.get("metric")):
            kind, metric, value, funit = "market_share", "market-share", v, "percent"
        else:
            kind = "metric"
            metric = label_metric or col.get("metric") or next((x for x in cap_metrics if x != "market-share"), None)
            if pct:
                value, funit = v, "percent"
            else:
                value, funit = scaled(v, scale), unit
            if metric is None and funit == "units":
                metric = "shipments"
        q = Quantity(a, b, value, v, "percent" if funit == "percent" else "number", funit, scale, number_end=b)
        fig = Figure(q, "change" if kind == "change" else "level", start=a, end=b)
        fr = Frame(kind, fig, (row.start, b), metric=metric, metric_label=metric, metric_how="table")
        fr.subject, fr.subject_how = subject, how
        fr.period, fr.period_how = period, "table"
        fr.value, fr.unit = value, funit
        if kind == "change":
            fr.basis, fr.basis_stated = ("QoQ" if col.get("qoq") else "YoY"), bool(re.search(
                r"(?i)yoy|y/y|qoq|q/q|annual|year", col["text"]))
        fr.market = doc_market(self.ctx) if subject is not None and subject.kind in ("market", "group", "organisation") \
            and not self.ctx.doc.speaks_for_issuer else None
        fr.source = self.ctx.doc.source
        return fr
