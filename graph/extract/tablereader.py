"""Tables read cell by cell with their row and column headers.

``tablegrid.py`` finds the table around a row line (aligned, pipe or flattened) and puts every cell in its
column. Here each column's header says what its cells are: a period ("Q2 2023", "Q4 FY23", "Apr-Jun 2023",
"FY27E"), a measure ("shipments", "Revenue"), a share, a change with its basis ("YoY", "MoM", "Annual growth"),
a plan ("target", an "E" after a year) and a unit ("(million)", "RMB million", "(%)"). Each row's label says
whom or what the row is about, by the kind of table:

- **statement** (most labels are measures: "Revenue", "Gross margin", "Basic earnings per share (RMB)"): the row
  is that measure of the table's subject (a company or segment the caption names, else the issuer; a market
  measure of a research note with no issuer is the market's);
- **time** (labels are periods: "Jul-23"): the row is that period, the measure the caption's;
- **segment** (the issuer's own table of parts: "by segment", "by division", or rows the issuer's document does
  not name as measures): a row is a segment of the issuer; "Total"/"Group" the issuer;
- **vendor** (a market table: vendors, brands, companies, shares): a row is a company; "Others" the rest of the
  market; "Total" the market.

A spec or price sheet (columns "Model", "Battery", "Price") is left to the products extractors: no frames, its
lines consumed. The table's unit and scale come from the cell, else the row label ("Revenue ($bn)"), else the
column, else the caption or the words over the labels; a per-share or count measure takes no table scale.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional

from ..iris import slugify
from ..records import EntityRef, Period
from .context import ExtractionContext
from .discourse import Discourse
from .figures import Figure
from .frames import Frame, FrameRules
from .labelmeaning import LabelReader, MetricRef, clean_label, context_period
from .layout import Line
from .quantities import Quantity, scaled
from .slots import doc_category, doc_market
from .tablecells import CellValue, FigureReader, UnitNote
from .tablegrid import Grid, GridReader, GridRow
from .text import Sentence

ENTITY_KINDS = ("organisation", "segment", "product", "platform", "brand", "series")
COUNT_METRIC_UNITS = ("users", "devices", "employees", "stores", "customers", "countries", "markets", "companies",
                      "SKUs", "skus", "days", "points", "subscribers", "members")


def figure_reader(ctx: ExtractionContext) -> FigureReader:
    """The engine's figure reader (compiled once per engine)."""
    fr = ctx.engine.__dict__.get("_figure_reader")
    if fr is None:
        fr = FigureReader(ctx.patterns)
        ctx.engine.__dict__["_figure_reader"] = fr
    return fr


@dataclass
class Column:
    text: str
    period: Optional[Period] = None
    change: bool = False
    share: bool = False
    basis: Optional[str] = None
    metric: Optional[MetricRef] = None
    modality: Optional[str] = None
    actual: bool = False
    unit: UnitNote = field(default_factory=UnitNote)
    accounting: Optional[str] = None


@dataclass
class RowMeaning:
    subject: EntityRef
    metric: Optional[MetricRef] = None
    period: Optional[Period] = None
    unit: UnitNote = field(default_factory=UnitNote)
    accounting: Optional[str] = None
    market: Optional[EntityRef] = None


class TableVocabulary:
    def __init__(self, ctx: ExtractionContext):
        lay = ctx.patterns["layout"]
        self.change = _words_rx(lay.get("change_words") or [])
        self.share = _words_rx(lay.get("share_words") or [])
        self.bases = {str(k).casefold(): str(v) for k, v in (lay.get("column_bases") or {}).items()}
        self.bases_rx = _words_rx(self.bases)
        self.modalities = {str(k).casefold(): str(v) for k, v in (lay.get("column_modalities") or {}).items()}
        self.modalities_rx = _words_rx(self.modalities)
        self.spec = _words_rx(lay.get("spec_words") or [])
        self.measure = _words_rx(lay.get("measure_words") or [])
        names = ctx.patterns["names"]
        self.segment_context = _words_rx(names.get("segment_context") or [])
        self.vendor_context = _words_rx(names.get("vendor_context") or [])


def _words_rx(words) -> re.Pattern[str]:
    alt = "|".join(re.escape(str(w)) for w in sorted({str(w) for w in words}, key=len, reverse=True)) or "(?!)"
    return re.compile(rf"(?<![\w/])(?:{alt})(?![\w/])", re.I)


class TableReader:
    def __init__(self, ctx: ExtractionContext, rules: FrameRules):
        self.ctx = ctx
        self.rules = rules
        self.figures = figure_reader(ctx)
        self.grids = GridReader(ctx, self.figures)
        self.labels = LabelReader(ctx)
        self.vocab = TableVocabulary(ctx)
        self.names = ctx.engine.name_rules
        self.owner: Optional[EntityRef] = None

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
        cap = " ".join(ctx.text[c.start:c.end] for c in g.caption)
        cap_a = g.caption[0].start if g.caption else -1
        cap_b = g.caption[-1].end if g.caption else -1
        heads = " ".join(g.columns)
        cols = [self._column(t) for t in g.columns]
        _change_periods(cols)
        table_unit = self.figures.unit_note(cap + " " + g.context)
        cap_periods = self.labels.periods(cap)
        cap_period = cap_periods[0].period if len(cap_periods) == 1 else None
        cap_metric = self._caption_metric(cap_a, cap_b, g) or next((c.metric for c in cols if c.metric), None)
        if cap_metric is None and any(c.unit.count == "units" for c in cols) or \
                self.figures.unit_note(cap).count == "units":
            cap_metric = cap_metric or MetricRef("shipments", "shipments", "known")    # "units (m)" columns
        cap_entities = self._caption_entities(cap_a, cap_b)
        cap_mods = {self.vocab.modalities[m.group(0).casefold()] for m in self.vocab.modalities_rx.finditer(cap)}
        self.owner = self._owner(cap_entities)
        kind = self._kind(g, cols, cap + " " + heads + " " + g.context)
        if kind is None:
            return []
        market = next((ctx.entity(e) for e in cap_entities if e.kind == "market"), None)
        source = self._source(g, cap_a, cap_b)
        out: list[Frame] = []
        for row in g.rows:
            rm = self._row(row, kind, cap_entities, d)
            if rm is None:
                continue
            for cell in row.cells:
                if cell.value is None or cell.col < 0 or cell.col >= len(cols):
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
                out.append(fr)
        return out

    def _kind(self, g: Grid, cols: list[Column], context: str) -> Optional[str]:
        ctx = self.ctx
        labels = [r.label for r in g.rows if not self._is_total(r.label) and not self.names.is_other(clean_label(r.label))]
        if not labels:
            labels = [r.label for r in g.rows]
        periods = sum(1 for lb in labels if self.labels.label_period(lb) is not None)
        metrics = sum(1 for r in g.rows if not self.names.is_other(clean_label(r.label)) and
                      not self._is_total(r.label) and self._measure_like(r))
        if periods * 2 >= len(labels):
            return "time"
        if metrics * 2 >= len(labels):
            return "statement"
        first_party = ctx.doc.speaks_for_issuer and ctx.issuer is not None
        if self.owner is not None and self.vocab.segment_context.search(context):
            return "segment"
        if self.vocab.vendor_context.search(context) or any(c.share for c in cols) or not first_party:
            return "vendor"
        if any(c.metric is not None for c in cols) or self._caption_has_metric(context):
            return "segment"
        return None

    def _measure_like(self, r: GridRow) -> bool:
        """A row label that names a measure: a phrase of the vocabulary or a measure word in it, or a unit in
        parentheses ("Paid members (m)", "Revenue ($bn)")."""
        ctx = self.ctx
        if any(h.kind == "metric" for h in ctx.engine.matcher.find(ctx.text, r.label_start, r.label_end)):
            return True
        if self.vocab.measure.search(r.label):
            return True
        note = self.figures.unit_note(" ".join(re.findall(r"\([^()]{1,40}\)", r.label)))
        return bool(note.currency or note.percent or note.scale > 1)

    def _caption_has_metric(self, text: str) -> bool:
        return any(h.kind == "metric" for h in self.ctx.engine.matcher.find(text))

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

    def _caption_entities(self, a: int, b: int) -> list:
        if a < 0:
            return []
        m = self.ctx.mentions(Sentence(a, b, self.ctx.text[a:b]))
        return [e for e in m.entities if e.kind in ENTITY_KINDS + ("market",)]

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
    def _column(self, text: str) -> Column:
        ctx = self.ctx
        c = Column(text)
        ps = self.labels.periods(text)
        c.period = ps[0].period if ps else None
        c.change = self.vocab.change.search(text) is not None
        c.share = not c.change and self.vocab.share.search(text) is not None
        b = self.vocab.bases_rx.search(text)
        c.basis = self.vocab.bases[b.group(0).casefold()] if b else None
        mets = [h for h in ctx.engine.matcher.find(text) if h.kind == "metric" and h.target != "market-share"]
        if mets:
            entry = ctx.gazetteer.metrics.get(mets[0].target)
            c.metric = MetricRef(mets[0].target, entry.label if entry else mets[0].surface, "known")
        mods = {self.vocab.modalities[m.group(0).casefold()] for m in self.vocab.modalities_rx.finditer(text)}
        if len(mods) == 1:
            c.modality = mods.pop()
        elif re.search(r"(?<=\d)[Ee](?![A-Za-z])", text):
            c.modality = "guidance" if ctx.doc.speaks_for_issuer and ctx.issuer is not None else "estimate"
        c.actual = c.modality is None and re.search(r"(?<=\d)A(?![A-Za-z])|\bactual\b", text, re.I) is not None
        c.unit = self.figures.unit_note(text)
        c.accounting = self.labels.accounting_of(text)
        return c

    # -- rows -------------------------------------------------------------------------------------------------
    def _is_total(self, label: str) -> bool:
        clean = clean_label(label)
        return self.names.is_total(clean) or re.match(r"(?i)total\b", clean) is not None

    def _row(self, row: GridRow, kind: str, cap_entities: list, d: Discourse) -> Optional[RowMeaning]:
        ctx = self.ctx
        a, b = row.label_start, row.label_end
        clean = clean_label(row.label)
        unit = self.figures.unit_note(" ".join(re.findall(r"\([^()]{1,40}\)", row.label)))
        acc = self.labels.accounting(a, b)
        if kind in ("statement", "time"):
            subject = self._table_subject(cap_entities, d)
            if subject is None:
                return None
            period = self.labels.label_period(row.label) if kind == "time" else self.labels.instant_in(a, b)
            metric = None if kind == "time" else self.labels.metric(a, b)
            if kind == "statement" and (metric is None or self.vocab.change.search(metric.label)):
                return None        # no measure, or a growth row ("Organic growth (CAGR)"): left to the prose
            if subject.kind == "market" and metric is not None and metric.key not in self.rules.slots.market_metrics:
                return None
            return RowMeaning(subject, metric, period, unit, acc)
        if self.names.is_other(clean):
            market = doc_market(ctx)
            if kind == "segment" and self.owner is not None:
                ref = ctx.names.add(clean, "segment", "table", ("BusinessSegment",), owner=self.owner.key)
                return RowMeaning(ref, unit=unit, accounting=acc)
            return RowMeaning(EntityRef(slugify(f"others-{market.key if market else 'market'}"), "group", "Others"),
                              unit=unit, accounting=acc)
        if self._is_total(row.label):
            metric = self.labels.metric(a, b, mint=False)
            if kind == "segment" and self.owner is not None:
                return RowMeaning(self.owner, metric, unit=unit, accounting=acc)
            return RowMeaning(self._market_ref(), metric, unit=unit, accounting=acc)
        hits = [e for e in ctx.mentions(Sentence(a, b, ctx.text[a:b])).entities
                if e.kind in ENTITY_KINDS + ("market",) and (e.end - e.start) * 2 >= len(clean)]
        if hits and hits[0].kind == "market":
            geo = ctx.entity(hits[0])
            if kind == "segment" and self.owner is not None:
                return RowMeaning(self.owner, unit=unit, accounting=acc, market=geo)
            return RowMeaning(self._market_ref(geo), unit=unit, accounting=acc, market=geo)
        if hits:
            return RowMeaning(ctx.entity(hits[0]), unit=unit, accounting=acc)
        if not re.match(r"[A-Z0-9]", clean) or len(clean.split()) > 6:
            return None
        if kind == "segment" and self.owner is not None:
            ref = ctx.names.add(clean, "segment", "table", ("BusinessSegment",), owner=self.owner.key)
            return RowMeaning(ref, unit=unit, accounting=acc)
        if kind == "vendor":
            return RowMeaning(ctx.names.add(clean, "organisation", "table"), unit=unit, accounting=acc)
        return None

    def _table_subject(self, cap_entities: list, d: Discourse) -> Optional[EntityRef]:
        ctx = self.ctx
        own = [e for e in cap_entities if e.kind in ENTITY_KINDS and self._named_firmly(e)]
        if own:
            return ctx.entity(own[0])
        if d.section_subject is not None:
            return d.section_subject
        if ctx.issuer is not None:
            return ctx.issuer
        return self._market_ref() if not ctx.doc.speaks_for_issuer else None

    def _owner(self, cap_entities: list) -> Optional[EntityRef]:
        """The company whose parts a segment table's rows are: one its caption names, else the issuer of the
        issuer's own document."""
        ctx = self.ctx
        orgs = [e for e in cap_entities if e.kind == "organisation" and self._named_firmly(e)]
        if orgs:
            return ctx.entity(orgs[0])
        return ctx.issuer if ctx.doc.speaks_for_issuer else None

    def _named_firmly(self, e) -> bool:
        """A caption's entity that is not a guess: the gazetteer's, the issuer, or a name the text marks as one
        (legal suffix, ticker, "... segment")."""
        ctx = self.ctx
        if ctx.entry(e) is not None or (ctx.issuer is not None and e.target == ctx.issuer.key):
            return True
        return ctx.names.how.get(e.target) in ("suffix", "ticker", "segment-noun", "issuer", "source")

    def _market_ref(self, geo: Optional[EntityRef] = None) -> EntityRef:
        market = geo or doc_market(self.ctx)
        cat = doc_category(self.ctx)
        key = slugify(f"{market.key if market else 'world'}-{cat or 'all'}-market")
        label = " ".join(x for x in ((market.label if market else "World"), cat or "", "market") if x)
        return EntityRef(key, "market", label, ("Market",))

    # -- cells ------------------------------------------------------------------------------------------------
    def _cell(self, row: GridRow, a: int, b: int, v: CellValue, col: Column, rm: RowMeaning, kind: str,
              table_unit: UnitNote, cap_period: Optional[Period], cap_metric: Optional[MetricRef],
              cap_mods: set[str], d: Discourse) -> Optional[Frame]:
        ctx = self.ctx
        row_metric = rm.metric
        metric = row_metric or col.metric or cap_metric
        if col.change or v.points is not None:
            fkind = "change"
        elif col.share or (v.percent and kind == "vendor" and row_metric is None and col.metric is None):
            fkind, metric = "market_share", MetricRef("market-share", "market share", "known")
        else:
            fkind = "metric"
        unit_of_metric = ctx.gazetteer.metrics.get(metric.key).unit if metric is not None and \
            ctx.gazetteer.metrics.get(metric.key) is not None else None
        scale = 1
        if fkind == "change":
            value = v.number
            unit = v.points or ("percent" if v.percent or not (v.currency or v.scale > 1) else None)
            if unit is None:
                return None                 # an absolute change in a change column: left to the prose reader
        elif fkind == "market_share" or v.percent or (rm.unit.percent and not v.currency and v.scale == 1):
            value, unit = v.number, "percent"
        elif v.multiple:
            value, unit = v.number, "x"
        else:
            value, unit, scale = self._level(v, metric, unit_of_metric, rm.unit, col.unit, table_unit)
            if unit is None and metric is None:
                return None
            if metric is None and unit == "units":
                metric = MetricRef("shipments", "shipments", "known")
        if v.paren and not v.signed and fkind == "metric":
            value = -value
        if metric is None:
            return None
        period = _finer(col.period, rm.period) or cap_period or context_period(ctx, d) or ctx.doc.period
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
        if fkind == "change":
            fr.basis = col.basis or v.basis or "YoY"
            fr.basis_stated = (col.basis or v.basis) is not None
        if v.high is not None:
            fr.qualifiers += [("low", str(value)), ("high", str(scaled(v.high, scale)))]
        fr.qualifiers.append(("layout", "table"))
        return fr

    def _level(self, v: CellValue, metric: Optional[MetricRef], metric_unit: Optional[str], row: UnitNote,
               col: UnitNote, table: UnitNote) -> tuple[Decimal, Optional[str], int]:
        """A level's value and unit: the cell's own scale and currency, else the row's, the column's, the
        table's; a per-share or count measure takes no table scale."""
        per_share = metric is not None and (metric.key in ("eps", "dividend-per-share") or "per share" in metric.label)
        counted = metric_unit in COUNT_METRIC_UNITS or metric_unit == "units"
        currency = v.currency or row.currency or col.currency
        if currency is None and not counted:
            currency = table.currency
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


def _finer(a: Optional[Period], b: Optional[Period]) -> Optional[Period]:
    if a is None or b is None:
        return a or b
    if a.start and a.end and b.start and b.end:
        return a if (a.end - a.start) <= (b.end - b.start) else b
    return b


def _change_periods(cols: list[Column]) -> None:
    """A change column without a period of its own is the change of the latest period to its left, since the
    previous change column ("Apr-Jun 2023  Apr-Jun 2022  Change")."""
    group: list[Column] = []
    for c in cols:
        if c.change and c.period is None:
            dated = [g.period for g in group if g.period is not None and g.period.end is not None]
            if dated:
                c.period = max(dated, key=lambda p: p.end)   # type: ignore[arg-type,return-value]
            group = []
        elif c.change:
            group = []
        else:
            group.append(c)
