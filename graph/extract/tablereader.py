"""Tables read cell by cell with their row and column headers.

``tablegrid.py`` finds the table around a row line (aligned, pipe or flattened), ``tablecolumns.py`` puts every
cell in its column and ``tableheads.py`` reads the headers and labels. Each column's header says what its cells
are: a period ("Q2 2023", "Q4 FY23", "Apr-Jun 2023",
"FY27E"), a measure ("shipments", "Revenue"), a share, a change with its basis ("YoY", "MoM", "Annual growth"),
a plan ("target", an "E" after a year) and a unit ("(million)", "RMB million", "(%)"). Each row's label says
whom or what the row is about, by the kind of table:

- **statement** (most labels are measures: "Revenue", "Gross margin", "Basic earnings per share (RMB)"): the row
  is that measure of the table's subject (a company or segment the caption names, else the issuer; a market
  measure of a research note with no issuer is the market's);
- **time** (labels are periods: "Jul-23"): the row is that period, the measure the caption's;
- **segment** (a table of a company's parts: "by segment", "by division", or rows the issuer's document does
  not name as measures): a row is a segment of the company the caption names, else of the issuer;
  "Total"/"Group" that company;
- **vendor** (a market table: vendors, brands, companies, shares): a row is a company; "Others" the rest of the
  market; "Total" the market.

A spec or price sheet (columns "Model", "Battery", "Price") is left to the products extractors: no frames, its
lines consumed. The table's unit and scale come from the cell, else the row label ("Revenue ($bn)"), else the
column, else the caption or the words over the labels; a per-share or count measure takes no table scale.
"""
from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from typing import Optional

from ..records import EntityRef, Period
from .context import ExtractionContext
from .discourse import Discourse
from .figures import Figure
from .framemodel import Frame, FrameRules
from .labelmeaning import LabelReader, MetricRef, context_period
from .layout import Line
from .periods import day
from .quantities import Quantity, scaled
from .marketslot import doc_market
from .tablecells import CellValue, UnitNote, figure_reader
from .tableheads import COUNT_METRIC_UNITS, Column, RowMeaning, TableHeads, change_periods, column_signature, finer
from .tablegrid import Grid, GridReader, GridRow
from .text import Sentence


class TableReader:
    def __init__(self, ctx: ExtractionContext, rules: FrameRules):
        self.ctx = ctx
        self.rules = rules
        self.figures = figure_reader(ctx)
        self.grids = GridReader(ctx, self.figures)
        self.labels = LabelReader(ctx)
        self.names = ctx.engine.name_rules
        self.heads = TableHeads(ctx, rules, self.figures, self.labels)
        self.vocab = self.heads.vocab

    def read_at(self, line: Line, d: Discourse) -> tuple[list[Frame], set[int]]:
        """The frames of the table around ``line`` and the starts of the lines it spans (nothing when the
        line is not in a table)."""
        g = self.grids.grid_at(line)
        if g is None:
            return [], set()
        if self._spec_sheet(g):
            return [], g.consumed
        return self._frames(g, d), g.consumed

    # -- the table --------------------------------------------------------------------------------------------
    def _spec_sheet(self, g: Grid) -> bool:
        heads = " ".join(g.columns) + " " + g.context
        return self.vocab.spec.search(heads) is not None

    def _frames(self, g: Grid, d: Discourse) -> list[Frame]:
        ctx = self.ctx
        cap_a = g.caption[0].start if g.caption else -1
        cap_b = g.caption[-1].end if g.caption else -1
        heads = " ".join(g.columns)
        cap = " ".join(ctx.text[c.start:c.end] for c in g.caption)
        note = self.heads.vocab.percent_changes
        # the note's own words ("... year-on-year changes") make no column a change column
        cols = [self.heads.column(note.sub(" ", t)) for t in g.columns]
        if note.search(cap + " " + g.context + " " + heads):
            _percent_changes(cols)
        for c in cols:
            if c.unit.percent and not c.change and not c.share and c.metric is not None and \
                    not self.heads.percent_measure(c.metric):
                c.unread = True             # "Operating profit | %": a change or a ratio, the header does not say
        change_periods(cols)
        table_unit = self.figures.unit_note(cap + " " + g.context)
        cap_periods = self.labels.periods(cap)
        cap_period = cap_periods[0].period if len(cap_periods) == 1 else None
        alike = self._unreadable(cols, cap_period, {c.col for r in g.rows for c in r.cells if c.value is not None})
        cap_metric = self._caption_metric(cap_a, cap_b, g) or next((c.metric for c in cols if c.metric), None)
        if cap_metric is None and any(c.unit.count == "units" for c in cols) or \
                self.figures.unit_note(cap).count == "units":
            cap_metric = cap_metric or MetricRef("shipments", "shipments", "known")    # "units (m)" columns
        cap_entities = self.heads.caption_entities(cap_a, cap_b)
        cap_mods = {self.vocab.modalities[m.group(0).casefold()] for m in self.vocab.modalities_rx.finditer(cap)}
        self.heads.owner = self.heads.owner_of(cap_entities)
        self.heads.label_words = g.context
        self.heads.last_measure = None
        kind = self.heads.kind(g, cols, cap + " " + heads + " " + g.context)
        if kind is None or kind in ("statement", "time") and self.heads.columns_are_parts(g):
            return []
        if kind == "time":
            for c in cols:                  # rows are periods: the columns are the measures ("Total assets")
                if c.metric is None and not c.change and not c.share and not c.unread:
                    c.metric = self.heads.column_measure(c.text)
        market = next((ctx.entity(e) for e in cap_entities if e.kind == "market"), None)
        source = self._source(g, cap_a, cap_b)
        out: list[Frame] = []
        seen: set[tuple] = set()
        for row in g.rows:
            rm = self.heads.row(row, kind, cap_entities, d)
            if rm is None:
                continue
            for cell in row.cells:
                if cell.value is None or cell.col < 0 or cell.col >= len(cols) or cell.col in alike:
                    continue
                fr = self._cell(row, cell.start, cell.end, cell.value, cols[cell.col], rm, kind, table_unit,
                                cap_period, cap_metric, cap_mods, d)
                if fr is None:
                    continue
                if fr.market is None and (kind == "vendor" or rm.subject.kind in ("market", "group")):
                    fr.market = market or doc_market(ctx)
                if rm.market is not None:
                    fr.market = rm.market
                fr.source = source
                key = (fr.kind, fr.subject.key if fr.subject else None, fr.metric, fr.value, fr.period)
                if key not in seen:             # "at end of period" under the quarter and the nine months
                    seen.add(key)
                    out.append(fr)
        return out

    def _unreadable(self, cols: list[Column], cap_period: Optional[Period], valued: set[int]) -> set[int]:
        """Columns whose cells are not read: headers that say the same thing, spans other than their period
        ("YTD"), and among columns of two or more periods one with none ("Q1 .. Q4  Total") — unless it is a share
        column of a table whose latest period is the document's ("Vendor  3Q24  3Q23  YoY  Share"). Columns that
        hold no figure (a "$" column, a spacer) are no rivals."""
        sigs = Counter(column_signature(c) for i, c in enumerate(cols) if not c.unread and i in valued)
        out = {i for i, c in enumerate(cols) if sigs[column_signature(c)] > 1 or c.unread}
        dated = [c.period for c in cols if c.period is not None and c.period.end is not None]
        if len({p.label for p in dated}) >= 2:
            latest = max(dated, key=lambda p: p.end)   # type: ignore[arg-type,return-value]
            doc_p = cap_period or self.ctx.doc.period
            for i, c in enumerate(cols):
                if c.period is None and c.share and doc_p is not None and doc_p.label == latest.label:
                    c.period = latest
                elif c.period is None:
                    out.add(i)
        return out

    def _caption_metric(self, a: int, b: int, g: Grid) -> Optional[MetricRef]:
        ctx = self.ctx
        spans = [(a, b)] if a >= 0 else []
        spans += [(h.start, h.end) for h in g.headers]
        texts = [ctx.text[x:y] for x, y in spans] + [g.context]
        for t in texts:
            for h in ctx.engine.matcher.find(t):
                if h.kind == "metric" and h.target != "market-share":
                    entry = ctx.gazetteer.metrics.get(h.target)
                    return MetricRef(h.target, entry.label if entry else h.surface, "known")
        return None

    def _source(self, g: Grid, a: int, b: int) -> Optional[EntityRef]:
        ctx = self.ctx
        spans = [(n.start, n.end) for n in g.notes] + ([(a, b)] if a >= 0 else [])
        for x, y in spans:
            for e in ctx.mentions(Sentence(x, y, ctx.text[x:y])).entities:
                ref = ctx.entity(e)
                entry = ctx.entry(e)
                types = entry.types if entry is not None else ref.types
                if any(t in ("ResearchFirm", "RankingBody") for t in types):
                    return entry.ref() if entry is not None else ref
        return ctx.doc.source

    # -- columns ----------------------------------------------------------------------------------------------
    def _cell(self, row: GridRow, a: int, b: int, v: CellValue, col: Column, rm: RowMeaning, kind: str,
              table_unit: UnitNote, cap_period: Optional[Period], cap_metric: Optional[MetricRef],
              cap_mods: set[str], d: Discourse) -> Optional[Frame]:
        ctx = self.ctx
        row_metric = rm.metric
        metric = row_metric or col.metric or cap_metric
        if col.change or v.points is not None:
            fkind = "change"
            if col.share_change:
                metric = MetricRef("market-share", "market share", "known")
        elif col.share or (v.percent and kind == "vendor" and row_metric is None and col.metric is None):
            fkind, metric = "market_share", MetricRef("market-share", "market share", "known")
        else:
            fkind = "metric"
        unit_of_metric = ctx.gazetteer.metrics.get(metric.key).unit if metric is not None and \
            ctx.gazetteer.metrics.get(metric.key) is not None else None
        scale = 1
        if fkind == "change":
            value = v.number
            unit = v.points or (col.points if not v.percent else None) or \
                ("percent" if v.percent or not (v.currency or v.scale > 1 or col.amount_or_rate) else None)
            if unit is None:
                return None                 # an absolute change (or one that may be) in a change column: not read
        elif fkind == "market_share" or v.percent or (
                (rm.unit.percent or unit_of_metric == "percent") and not v.currency and v.scale == 1):
            value, unit = v.number, "percent"
        elif v.multiple:
            value, unit = v.number, "x"
        else:
            if unit_of_metric is None and metric is not None:
                unit_of_metric = self.figures.count_units.get(metric.label.split()[-1].casefold())  # "Employees"
            value, unit, scale = self._level(v, metric, unit_of_metric, rm.unit, col.unit, table_unit)
            if unit is None and unit_of_metric in ("currency", None) and scale > 1:
                unit = self.figures.document_currency(ctx.text)     # "(in millions)" in a "$" document
            if unit is None and (metric is None or unit_of_metric == "currency" or scale > 1):
                return None                 # money (or millions of something) in no unit the text names
            if metric is None and unit == "units":
                metric = MetricRef("shipments", "shipments", "known")
        if v.paren and not v.signed and (fkind == "change" or fkind == "metric" and not self._deduction(metric)):
            value = -value                  # "(12.4)", "(8)%": below zero; "Cost of sales  (1,716,191)" is a cost
        if metric is None or (fkind == "metric" and self._per_share_label(row.label) and not self._per_share(metric)):
            return None                     # "... per share" read as another measure: its scale would be wrong
        if col.period is not None and rm.period is not None and not _nested(col.period, rm.period):
            return None                     # "End of Q2" over a row "March 31, 2024": which is it?
        period = finer(col.period, rm.period) or cap_period or context_period(ctx, d) or ctx.doc.period
        if period is not None and period.end is not None and _AT_END.search(row.label):
            period = day(period.end.year, period.end.month, period.end.day, instant=True)  # "at end of period"
        q = Quantity(a, b, value, v.number, "percent" if unit == "percent" else "number", unit, 1, number_end=b)
        fig = Figure(q, "change" if fkind == "change" else "level", start=a, end=b)
        how = "minted" if metric.how == "minted" else "table"
        label = metric.label
        if fkind != "market_share" and metric.key in ("eps", "dividend-per-share") and row_metric is metric:
            how, label = "per-share", self.labels.minted_label(row.label) or label   # "basic earnings per share"
        fr = Frame(fkind, fig, (row.label_start, b), metric=metric.key, metric_label=label, metric_how=how)
        fr.subject, fr.subject_how = rm.subject, "table"
        fr.period, fr.period_how = period, "table"
        fr.value, fr.unit = value, unit
        fr.hedge = v.hedge
        fr.accounting = rm.accounting or col.accounting
        fr.modality = col.modality or (cap_mods.copy().pop() if len(cap_mods) == 1 and not col.actual else None) or \
            (d.section_modality if not col.actual else None) or self._future(period, col)
        if fr.modality == "forecast" and ctx.issuer is not None and rm.subject.key == ctx.issuer.key and \
                ctx.doc.source is None and ctx.doc.genre != "research_note":
            fr.modality = "guidance"        # the company's own "earnings forecasts" are its guidance
        if fkind == "change":
            fr.basis = col.basis or v.basis or "YoY"
            fr.basis_stated = (col.basis or v.basis) is not None
        if v.high is not None:
            fr.qualifiers += [("low", str(value)), ("high", str(scaled(v.high, scale)))]
        fr.qualifiers.append(("layout", "table"))
        return fr

    def _deduction(self, metric: Optional[MetricRef]) -> bool:
        """A cost or expense measure, which a statement writes in parentheses as a deduction, not below zero."""
        words = {str(w).casefold() for w in self.ctx.patterns["layout"].get("deduction_words") or []}
        return metric is not None and bool(words & set(re.findall(r"[a-z&]+", metric.label.casefold())))

    def _per_share_label(self, label: str) -> bool:
        words = self.ctx.patterns["frames"].get("per_share") or {}
        low = " ".join(label.casefold().split())
        return any(str(w).casefold() in low for w in words)

    def _per_share(self, metric: MetricRef) -> bool:
        entry = self.ctx.gazetteer.metrics.get(metric.key)
        broader = getattr(entry, "broader", None) if entry is not None else None
        return metric.key in ("eps", "dividend-per-share") or broader == "eps" or "per share" in metric.label

    def _level(self, v: CellValue, metric: Optional[MetricRef], metric_unit: Optional[str], row: UnitNote,
               col: UnitNote, table: UnitNote) -> tuple[Decimal, Optional[str], int]:
        """A level's value and unit: the cell's own scale and currency, else the row's, the column's, the
        table's; a per-share or count measure takes no table scale."""
        per_share = metric is not None and (metric.key in ("eps", "dividend-per-share") or "per share" in metric.label)
        counted = metric_unit not in (None, "currency")       # a count, days, a ratio: no table currency
        currency = v.currency or row.currency or col.currency
        if currency is None and not counted:
            currency = table.currency
        if row.cents or col.cents:                  # "(RMB cents)": hundredths of the currency, never scaled
            return (v.number / 100 if currency and not v.currency else v.number), currency if not v.currency \
                else v.currency, 1
        if v.scale > 1:
            scale = v.scale
        elif row.scale > 1 or row.currency:
            scale = row.scale
        elif col.scale > 1:
            scale = col.scale
        elif per_share:
            scale = 1
        else:
            scale = table.scale if not (counted and table.currency and not v.currency) else 1
        unit = currency or (metric_unit if metric_unit in COUNT_METRIC_UNITS + ("units",) else None)
        if unit is None and metric is None and (col.count == "units" or table.count == "units"):
            unit = "units"
        return scaled(v.number, scale), unit, scale

    def _future(self, period: Optional[Period], col: Column) -> Optional[str]:
        ctx = self.ctx
        if col.actual or period is None or period.start is None or not ctx.doc.date:
            return None
        if period.start.isoformat() > ctx.doc.date[:10]:
            return "guidance" if ctx.doc.speaks_for_issuer and ctx.issuer is not None else "forecast"
        return None


_AT_END = re.compile(r"\bat\s+(?:the\s+)?(?:end\s+of\s+(?:the\s+)?(?:period|quarter|year)|(?:period|quarter|year)[- ]end)\b",
                     re.I)


def _nested(a: Period, b: Period) -> bool:
    """One period lies within the other (a quarter column of a year row), or they are the same."""
    if a.label == b.label:
        return True
    if not (a.start and a.end and b.start and b.end):
        return False
    return a.start >= b.start and a.end <= b.end or b.start >= a.start and b.end <= a.end


def _percent_changes(cols: list[Column]) -> None:
    """Under a caption note "Percentages indicate year-on-year changes", a "%" column is the change of the measure
    of the column on its left ("Net sales | Millions of yen | %")."""
    for k, c in enumerate(cols):
        if k > 0 and c.unit.percent and not c.change and not c.unread and cols[k - 1].metric is not None and \
                not cols[k - 1].unit.percent:
            c.change, c.basis, c.share = True, "YoY", False
            c.metric, c.period = cols[k - 1].metric, cols[k - 1].period
