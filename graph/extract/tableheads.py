"""What a table's headers and row labels say: each column's period, measure, role (level, share, change and its
basis), plan (target, estimate, guidance), unit and accounting basis; each row's subject, measure, period, unit
and market, by the kind of table (statement, time, segment or vendor: see ``tablereader.py``). The words are
``mappings/patterns/layout.yaml`` (change, share, basis, plan, spec and measure words) and ``names.yaml``
(segment and vendor context, totals, others).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from ..iris import slugify
from ..records import EntityRef, Period
from .context import ExtractionContext
from .discourse import Discourse
from .framemodel import FrameRules
from .labelmeaning import LabelReader, MetricRef, clean_label, whole_market
from .marketslot import doc_market
from .tablecells import FigureReader, UnitNote
from .tablegrid import Grid, GridRow
from .tablevocab import TableVocabulary, share_word
from .text import Sentence

ENTITY_KINDS = ("organisation", "segment", "product", "platform", "brand", "series")
COUNT_METRIC_UNITS = ("users", "devices", "employees", "stores", "customers", "countries", "markets", "companies",
                      "SKUs", "skus", "days", "points", "subscribers", "members")


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
    amount_or_rate: bool = False        # a change column whose header does not say percent ("Change")
    points: Optional[str] = None        # "Share change (pp)": the change column's unit
    share_change: bool = False          # a change of market share ("Share change", "Share Y/Y")
    unread: bool = False                # the header's span is not the period it names ("YTD 2024"): not read


@dataclass
class RowMeaning:
    subject: EntityRef
    metric: Optional[MetricRef] = None
    period: Optional[Period] = None
    unit: UnitNote = field(default_factory=UnitNote)
    accounting: Optional[str] = None
    market: Optional[EntityRef] = None


_ENDED = re.compile(r"(?:(?:three|six|nine|twelve|3|6|9|12)\s+months|(?:fiscal\s+|financial\s+)?(?:quarter|year))"
                    r"\s+(?:ended|ending|to)\b", re.I)
_GLUED_NOTE = re.compile(r"(?<=[A-Za-z]{2})[1-9]$")
_UNIT_TAIL = re.compile(r",[ \t]*([^,()]{1,24})$")


class TableHeads:
    """Reads the headers and row labels of one document's tables."""

    def __init__(self, ctx: ExtractionContext, rules: FrameRules, figures: FigureReader, labels: LabelReader):
        self.ctx = ctx
        self.rules = rules
        self.figures = figures
        self.labels = labels
        self.vocab = TableVocabulary(ctx)
        self.names = ctx.engine.name_rules
        self.owner: Optional[EntityRef] = None      # the company whose parts the current table's rows are
        self.label_words = ""                       # the current table's words over its row labels
        # the statement row the regions below break down, its unit, and whether a region followed it
        self.last_measure: Optional[tuple[MetricRef, UnitNote, bool]] = None

    def kind(self, g: Grid, cols: list[Column], context: str) -> Optional[str]:
        ctx = self.ctx
        labels = [r.label for r in g.rows if not self.is_total(r.label) and not self.names.is_other(clean_label(r.label))]
        if not labels:
            labels = [r.label for r in g.rows]
        periods = sum(1 for lb in labels if self.labels.label_period(lb) is not None)
        metrics = sum(1 for r in g.rows if not self.names.is_other(clean_label(r.label)) and
                      not self.is_total(r.label) and self.measure_like(r))
        if periods * 2 >= len(labels):
            return "time"
        if metrics * 2 >= len(labels):
            return "statement"
        first_party = ctx.doc.speaks_for_issuer and ctx.issuer is not None
        if first_party and metrics and (metrics + self._breakdowns(g)) * 2 >= len(labels):
            return "statement"             # "DAU (millions)" then "North America", "Europe": its regions
        if self.vocab.segment_context.search(context):
            if self.owner is not None:
                return "segment"
            if not self.vocab.vendor_context.search(context) and not any(c.share for c in cols):
                return None                # a company's parts ("Net sales by segment") of no company named
        if self.vocab.vendor_context.search(context) or any(c.share for c in cols) or not first_party:
            return "vendor"
        if any(c.metric is not None for c in cols) or self.caption_has_metric(context):
            return "segment"
        return None

    def columns_are_parts(self, g: Grid) -> bool:
        """Column headers that are a total ("Devices  Services  Total") or name companies, segments or products:
        the columns, not the rows, say whose each figure is (not read)."""
        dated = sum(1 for t in g.columns if self.labels.periods(t))
        measures = all(self.vocab.measure.search(t) or self.caption_has_metric(t) for t in g.columns if t)
        for t in g.columns:
            clean = clean_label(t)
            if clean and (self.is_total(clean) or self.names.is_other(clean)) and dated < 2 and \
                    not (measures and len(clean.split()) > 1):
                return True                  # "Q1  Q2  Q3  Q4  Total" are periods and their sum, not parts;
                                             # "Total assets | Net assets | Equity ratio" are measures
        for h in g.headers:
            m = self.ctx.mentions(Sentence(h.start, h.end, self.ctx.text[h.start:h.end]))
            if sum(1 for e in m.entities if e.kind in ENTITY_KINDS) >= 2:
                return True
        return False

    def _breakdowns(self, g: Grid) -> int:
        """Rows naming a geography right under a measure row (or another such row): the measure's regions."""
        n, under = 0, False
        for r in g.rows:
            if self.measure_like(r) and self.geo(r) is None:
                under = True
            elif under and self.geo(r) is not None:
                n += 1
            else:
                under = False
        return n

    def geo(self, r: GridRow) -> Optional[EntityRef]:
        """The geography a row label wholly names ("North America", "Rest of World"), else None."""
        clean = clean_label(r.label)
        hits = [e for e in self.ctx.mentions(Sentence(r.label_start, r.label_end, r.label)).entities
                if e.kind == "market" and (e.end - e.start) * 2 >= len(clean)]
        return self.ctx.entity(hits[0]) if hits else None

    def measure_like(self, r: GridRow) -> bool:
        """A row label that names a measure: a phrase of the vocabulary or a measure word in it, or a unit in
        parentheses ("Paid members (m)", "Revenue ($bn)")."""
        ctx = self.ctx
        if any(h.kind == "metric" for h in ctx.engine.matcher.find(ctx.text, r.label_start, r.label_end)):
            return True
        if self.vocab.measure.search(r.label):
            return True
        note = self.figures.unit_note(" ".join(re.findall(r"\([^()]{1,40}\)", r.label)))
        return bool(note.currency or note.percent or note.scale > 1)

    def percent_measure(self, metric: MetricRef) -> bool:
        """A measure that is a percent itself (a margin, a ratio, a rate), not an amount."""
        entry = self.ctx.gazetteer.metrics.get(metric.key)
        return entry is not None and entry.unit == "percent" or \
            re.search(r"\b(?:margin|ratio|rate|share|yield|return|growth|penetration|percentage)\b", metric.label,
                      re.I) is not None

    def caption_has_metric(self, text: str) -> bool:
        return any(h.kind == "metric" for h in self.ctx.engine.matcher.find(text))

    def caption_entities(self, a: int, b: int) -> list:
        if a < 0:
            return []
        m = self.ctx.mentions(Sentence(a, b, self.ctx.text[a:b]))
        return [e for e in m.entities if e.kind in ENTITY_KINDS + ("market",)]

    def column(self, text: str) -> Column:
        ctx = self.ctx
        c = Column(text)
        ps = self.labels.periods(text)
        c.period = ps[0].period if ps else None
        c.unread = self.vocab.span.search(text) is not None or (
            c.period is not None and c.period.kind == "year" and self.vocab.months.search(text) is not None)
        c.change = self.vocab.change.search(text) is not None
        if c.change and c.period is not None and c.period.kind in ("day", "instant"):
            c.period = None         # "For the year ended 31 December | Change": a change is of a period, no day
        c.share = not c.change and share_word(self.vocab.share, text)
        b = self.vocab.bases_rx.search(text)
        c.basis = self.vocab.bases[b.group(0).casefold()] if b else None
        mets = [h for h in ctx.engine.matcher.find(text) if h.kind == "metric" and h.target != "market-share"]
        if mets:
            entry = ctx.gazetteer.metrics.get(mets[0].target)
            c.metric = MetricRef(mets[0].target, entry.label if entry else mets[0].surface, "known")
            before = re.search(r"(?<![\w.'’])([A-Za-z][\w-]*)\s+$", text[:mets[0].start])
            if before is not None and before.group(1).casefold() not in self.vocab.header_filler and \
                    not self.labels.periods(before.group(1)) and self.figures.unit_note(before.group(1)) == UnitNote():
                # "Ordinary profit" is a measure of its own, not "profit": named from the header's words
                c.metric = self.labels.metric_of(text[before.start(1):mets[0].end])
        mods = {self.vocab.modalities[m.group(0).casefold()] for m in self.vocab.modalities_rx.finditer(text)}
        if len(mods) == 1:
            c.modality = mods.pop()
        elif re.search(r"(?<=\d)[Ee](?![A-Za-z])", text):
            c.modality = "guidance" if ctx.doc.speaks_for_issuer and ctx.issuer is not None else "estimate"
        c.actual = c.modality is None and re.search(r"(?<=\d)A(?![A-Za-z])|\bactual\b", text, re.I) is not None
        c.unit = self.figures.unit_note(text)
        if c.unit.percent and (c.unit.scale > 1 or c.unit.currency) and not c.change or \
                c.unit.percent and self.vocab.ratio.search(text) and not c.share:
            c.unread = True         # "Millions of yen %" over two columns run together; "% of revenue"
        c.accounting = self.labels.accounting_of(text)
        said = [m.group(0).casefold() for m in self.vocab.change.finditer(text)]
        pts = self.vocab.points_rx.search(text)
        c.points = self.vocab.points[pts.group(0).casefold()] if pts else None
        c.amount_or_rate = bool(said) and all(w in self.vocab.amount_change for w in said) and not c.unit.percent \
            and c.points is None
        c.share_change = c.change and share_word(self.vocab.share, text)
        return c

    # -- rows -------------------------------------------------------------------------------------------------
    def column_measure(self, text: str) -> Optional[MetricRef]:
        """The measure a column header of a time table names in words of its own, its unit words left out
        ("Total assets Millions of yen" -> total assets); None when nothing but units and periods is left."""
        words = [w for w in re.findall(r"[^\W\d_][\w'’&/-]*", text)
                 if self.figures.unit_note(w) == UnitNote() and w.casefold() not in ("of", "in", "as")]
        rest = " ".join(words)
        if not rest or self.labels.periods(rest) or len(words) > 6:
            return None
        return self.labels.metric_of(rest)

    def is_total(self, label: str) -> bool:
        clean = clean_label(label)
        return self.names.is_total(clean) or re.match(r"(?i)total\b", clean) is not None

    def row(self, row: GridRow, kind: str, cap_entities: list, d: Discourse) -> Optional[RowMeaning]:
        ctx = self.ctx
        a, b = row.label_start, row.label_end
        unit = self.figures.unit_note(" ".join(re.findall(r"\([^()]{1,40}\)", row.label + " " + row.parent)))
        tail = _UNIT_TAIL.search(row.label)
        if tail is not None:
            note = self.figures.unit_note(tail.group(1))
            if note.currency or note.percent or note.scale > 1 or note.cents:
                # "Earnings per share, SEK", "EBITA margin, %": the unit, not the measure's words
                unit, b = note, a + tail.start()
        clean = clean_label(self.ctx.text[a:b])
        acc = self.labels.accounting(a, b) or (self.labels.accounting_of(row.section) if row.section else None)
        if kind in ("statement", "time"):
            subject = self.table_subject(cap_entities, d)
            if subject is None:
                return None
            period = self.labels.label_period(row.label) if kind == "time" else self.labels.instant_in(a, b)
            lead = _ENDED.search(self.label_words)
            if kind == "time" and period is not None and period.kind in ("day", "instant") and lead is not None:
                # "Six months ended" over rows "September 30, 2024": the six months to that day, not the day
                period = self.labels.label_period(f"{lead.group(0)} {clean}")
                if period is None or period.kind in ("day", "instant"):
                    return None
            metric = None if kind == "time" else self.labels.metric(a, b)
            if metric is not None and metric.how == "minted" and row.parent:
                # "Basic" under "Net income (loss) per share:" is basic net income per share, or nothing
                whole = self.labels.metric_of(f"{clean} {row.parent}", mint=False)
                metric = whole if whole is not None or len(clean.split()) <= 2 else metric
            if metric is not None and metric.how == "minted" and _GLUED_NOTE.search(clean):
                # "ARPU3": a footnote mark glued to the measure
                metric = self.labels.metric_of(_GLUED_NOTE.sub("", clean), mint=False) or metric
            geo = self.geo(row) if kind == "statement" else None
            if geo is not None and self.last_measure is not None:
                # a region under its measure's row: that measure in that region, in that row's unit
                self.last_measure = (self.last_measure[0], self.last_measure[1], True)
                return RowMeaning(subject, self.last_measure[0], None, self.last_measure[1], acc, market=geo)
            if kind == "statement" and (metric is None or self.vocab.change.search(metric.label)):
                self.last_measure = None
                return None        # no measure, or a growth row ("Organic growth (CAGR)"): left to the prose
            if kind == "statement" and metric is not None and metric.how == "minted" and self.last_measure is not None \
                    and self.last_measure[2]:
                return None        # "Rest of World" among the regions of the row above: no measure of its own
            self.last_measure = (metric, unit, False) if kind == "statement" and metric is not None else None
            if unit.percent and not unit.currency and metric is not None and not self.percent_measure(metric):
                # "EBITA, %": the amount's margin when the vocabulary names one, else a ratio the label leaves open
                margin = self.labels.metric_of(f"{clean} margin", mint=False)
                if margin is None or not self.percent_measure(margin):
                    return None
                metric = margin
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
        if self.is_total(row.label):
            metric = self.labels.metric(a, b, mint=False)
            if kind == "segment" and self.owner is not None:
                return RowMeaning(self.owner, metric, unit=unit, accounting=acc)
            return RowMeaning(self.market_ref(), metric, unit=unit, accounting=acc)
        hits = [e for e in ctx.mentions(Sentence(a, b, ctx.text[a:b])).entities
                if e.kind in ENTITY_KINDS + ("market",) and (e.end - e.start) * 2 >= len(clean)]
        if hits and hits[0].kind == "market":
            geo = ctx.entity(hits[0])
            if kind == "segment" and self.owner is not None:
                return RowMeaning(self.owner, unit=unit, accounting=acc, market=geo)
            return RowMeaning(self.market_ref(geo), unit=unit, accounting=acc, market=geo)
        if hits:
            return RowMeaning(ctx.entity(hits[0]), unit=unit, accounting=acc)
        if self.vocab.partial_total.search(clean):
            return None                    # "Top 5 total": a part of the market no company is
        if not re.match(r"[A-Z0-9]", clean) or len(clean.split()) > 6:
            return None
        if kind == "segment" and self.owner is not None:
            ref = ctx.names.add(clean, "segment", "table", ("BusinessSegment",), owner=self.owner.key)
            return RowMeaning(ref, unit=unit, accounting=acc)
        if kind == "vendor":
            return RowMeaning(ctx.names.add(clean, "organisation", "table"), unit=unit, accounting=acc)
        return None

    def table_subject(self, cap_entities: list, d: Discourse) -> Optional[EntityRef]:
        ctx = self.ctx
        own = [e for e in cap_entities if e.kind in ENTITY_KINDS and self.named_firmly(e)]
        if own:
            return ctx.entity(own[0])
        if d.section_subject is not None:
            return d.section_subject
        if ctx.issuer is not None:
            return ctx.issuer
        return self.market_ref() if not ctx.doc.speaks_for_issuer else None

    def owner_of(self, cap_entities: list) -> Optional[EntityRef]:
        """The company whose parts a segment table's rows are: one its caption names, else the issuer of the
        issuer's own document."""
        ctx = self.ctx
        orgs = [e for e in cap_entities if e.kind == "organisation" and self.named_firmly(e)]
        if orgs:
            return ctx.entity(orgs[0])
        return ctx.issuer if ctx.doc.speaks_for_issuer else None

    def named_firmly(self, e) -> bool:
        """A caption's entity that is not a guess: the gazetteer's, the issuer, or a name the text marks as one
        (legal suffix, ticker, "... segment")."""
        ctx = self.ctx
        if ctx.entry(e) is not None or (ctx.issuer is not None and e.target == ctx.issuer.key):
            return True
        return ctx.names.how.get(e.target) in ("suffix", "ticker", "segment-noun", "issuer", "source")

    def market_ref(self, geo: Optional[EntityRef] = None) -> EntityRef:
        return whole_market(self.ctx, geo)

    # -- cells ------------------------------------------------------------------------------------------------


def finer(a: Optional[Period], b: Optional[Period]) -> Optional[Period]:
    if a is None or b is None:
        return a or b
    if a.start and a.end and b.start and b.end:
        return a if (a.end - a.start) <= (b.end - b.start) else b
    return b


def change_periods(cols: list[Column]) -> None:
    """A change column without a period of its own is the change of the latest period to its left, since the
    previous change column ("Apr-Jun 2023  Apr-Jun 2022  Change"); when those columns are only earlier periods of
    the kind the previous change compared ("Q3 2024  Q2 2024  Q/Q  Q3 2023  Y/Y"), the change is of that same
    latest period."""
    group: list[Column] = []
    last = None
    for k, c in enumerate(cols):
        if c.change and c.period is None:
            dated = [g.period for g in group if g.period is not None and g.period.end is not None]
            if not dated and k > 0 and cols[k - 1].change and cols[k - 1].period is not None:
                c.period = cols[k - 1].period          # "Change  % Change": both of the same period
            elif dated:
                latest = max(dated, key=lambda p: p.end)   # type: ignore[arg-type,return-value]
                if last is not None and all(p.kind == last.kind and p.end < last.end for p in dated):
                    latest = last
                c.period = latest
                last = latest
            group = []
        elif c.change:
            group = []
        else:
            group.append(c)
    # one year-on-year column under the prior period's group header ("2Q24: Shipments Share | 2Q23: Shipments
    # Share Y/Y") compares the period a year later, not the prior period itself
    yoy = [c for c in cols if c.change and c.basis in (None, "YoY") and not c.share_change]
    if len(yoy) == 1 and yoy[0].period is not None and yoy[0].period.start is not None:
        p = yoy[0].period
        later = [c.period for c in cols if not c.change and c.period is not None and c.period.start is not None and
                 c.period.kind == p.kind and (c.period.start.year, c.period.start.month) ==
                 (p.start.year + 1, p.start.month)]
        if later:
            yoy[0].period = later[0]


def column_signature(c: Column) -> tuple:
    """What a column's header says its cells are: two columns that say the same cannot be told apart."""
    return (c.period.label if c.period else None, c.metric.key if c.metric else None, c.change, c.share, c.basis,
            c.modality, c.accounting, c.unit.currency, c.unit.count, c.unit.percent, c.points, c.amount_or_rate)
