"""Spec and price tables: rows of models × columns of figures, or columns of models × rows of specifications.

A product table is a block of two or more consecutive lines (headings or rows of the layout view) whose cells are
separated by two or more spaces, tabs or bars. Two shapes are read (vocabulary in the ``tables`` section of
mappings/patterns/products.yaml):

- **models as columns**: the first line names one product per value column and leaves the label column empty
  ("                Sora       Sora Plus"); every other line is a specification label and one value per
  product ("Top speed (EU)   25 km/h   25 km/h"). A market named in the label ("(EU)") is the value's market.
- **models as rows**: the first line labels the columns ("Model | UK price | US price | Dimming zones"); each
  row's first cell names a product of the document, or — under a variant header ("Version", "Configuration") —
  a variant of the document's main product ("Standard RWD"). Money cells are prices, in the market their column
  header names ("UK price", "Price in China"); other numeric cells are specifications read with their column
  header as the cue ("Top speed" + "210 km/h"); a bare count takes the header as its measure ("Dimming zones").

The row label minus the product name, and text cells ("12GB+256GB", "16GB / 512GB"), make the variant. The quote
runs from the row label to the cell. The spans of the tables read are returned so the sentence readers of
specs.py and prices.py leave them alone. Every step is a bounded scan of one line: linear in the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ..iris import slugify
from ..records import EntityRef, Fact
from .context import ExtractionContext
from .products import lexicon, main_product, products_in
from .specgrammar import SpecGrammar, build_spec_grammar, find_specs
from .text import Sentence

_GAP = re.compile(r"[ \t]*\|[ \t]*|[ \t]{2,}|\t")
_MAX_CELLS = 12
_CACHE: dict[int, SpecGrammar] = {}


@dataclass(frozen=True)
class Cell:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class TableRules:
    """Compiled ``tables`` section of mappings/patterns/products.yaml."""

    variant_header: re.Pattern[str]
    price_header: re.Pattern[str]
    count_header: re.Pattern[str]
    variant_cell: re.Pattern[str]

    @classmethod
    def from_data(cls, data: dict) -> "TableRules":
        t = data.get("tables") or {}
        return cls(re.compile(t.get("variant_header") or r"(?!)", re.IGNORECASE),
                   re.compile(t.get("price_header") or r"(?!)", re.IGNORECASE),
                   re.compile(t.get("count_header") or r"^[A-Za-z][A-Za-z -]{2,40}$"),
                   re.compile(t.get("variant_cell") or r"(?!)", re.IGNORECASE))


@dataclass(frozen=True)
class ProductTables:
    """What the tables of one document state, and the spans they cover."""

    specs: tuple[Fact, ...]
    prices: tuple[Fact, ...]
    spans: tuple[tuple[int, int], ...]

    def covers(self, start: int, end: int) -> bool:
        return any(a <= start and end <= b for a, b in self.spans)


def cells(text: str, a: int, b: int) -> list[Cell]:
    """The cells of text[a:b]: stretches between gaps of 2+ spaces, tabs or bars (at most ``_MAX_CELLS``)."""
    out: list[Cell] = []
    pos = a
    for m in _GAP.finditer(text, a, b):
        if m.start() > pos and text[pos:m.start()].strip():
            out.append(Cell(pos, m.start(), text[pos:m.start()]))
        pos = m.end()
        if len(out) > _MAX_CELLS:
            return []
    if pos < b and text[pos:b].strip():
        out.append(Cell(pos, b, text[pos:b].rstrip()))
    return [Cell(c.start + len(c.text) - len(c.text.lstrip()), c.end, c.text.strip()) for c in out]


_RULE_LINE = re.compile(r"[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*:?-{0,}:?[ \t]*\|?[ \t]*")


def _blocks(ctx: ExtractionContext) -> list[list[list[Cell]]]:
    """Runs of 2+ consecutive heading/row lines of 2+ cells each."""
    out: list[list[list[Cell]]] = []
    run: list[list[Cell]] = []
    for ln in ctx.layout.lines:
        if run and _RULE_LINE.fullmatch(ctx.source, ln.start, ln.end):
            continue        # a Markdown table's rule line ("|---|---|") between its header and its rows
        row = cells(ctx.text, ln.start, ln.end) if ln.kind in ("heading", "row") else []
        if len(row) >= 2 and not ctx.in_chrome(ln.start, ln.end):
            run.append(row)
            continue
        if len(run) >= 2:
            out.append(run)
        run = []
    if len(run) >= 2:
        out.append(run)
    return out


def _product(ctx: ExtractionContext, cell: Cell) -> Optional[tuple[EntityRef, str]]:
    """The product a cell names (gazetteer or learnt), and what the cell says besides it (the variant)."""
    s = Sentence(cell.start, cell.end, ctx.text[cell.start:cell.end])
    found = [p for p in products_in(ctx, s) if not p.compared]
    if not found:
        return None
    p = found[0]
    rest = (ctx.text[cell.start:p.start] + " " + ctx.text[p.end:cell.end])
    return p.ref, " ".join(re.sub(r"[()]", " ", rest).split())


def _market(ctx: ExtractionContext, a: int, b: int) -> Optional[EntityRef]:
    ents = [e for e in ctx.mentions(Sentence(a, b, ctx.text[a:b])).entities if e.kind == "market"]
    if ents:
        return ctx.entity(ents[0])
    words = ctx.patterns["prices"].get("market_words") or {}
    for w, label in words.items():
        if re.search(rf"\b{re.escape(str(w))}\b", ctx.text[a:b], re.IGNORECASE):
            return market_ref(ctx, str(label))
    return None


def market_ref(ctx: ExtractionContext, label: str) -> EntityRef:
    """The gazetteer's market of that key, else a market discovered under that label."""
    entry = ctx.gazetteer.get(slugify(label))
    return entry.ref() if entry is not None else ctx.discover(slugify(label), "market", label)


def _grammar(ctx: ExtractionContext) -> SpecGrammar:
    key = id(ctx.engine)
    if key not in _CACHE:
        _CACHE.clear()
        _CACHE[key] = build_spec_grammar(ctx.patterns["specs"])
    return _CACHE[key]


class _Reader:
    def __init__(self, ctx: ExtractionContext):
        self.ctx = ctx
        self.rules = TableRules.from_data(ctx.patterns["products"])
        self.grammar = _grammar(ctx)
        self.specs: list[Fact] = []
        self.prices: list[Fact] = []

    def value(self, subject: EntityRef, label: Cell, header: str, cell: Cell, variant: str,
              market: Optional[EntityRef], col_market: Optional[EntityRef]) -> bool:
        """One value cell: a price (money), else the specifications the grammar reads in "<header> <cell>", else
        a bare count measured by the header. False when the cell states nothing."""
        ctx = self.ctx
        quals: tuple[tuple[str, str], ...] = (("variant", variant),) if variant else ()
        quals += (("layout", "table"),)
        ev = ctx.evidence(min(label.start, cell.start), max(label.end, cell.end))
        money = [q for q in ctx.mentions(Sentence(cell.start, cell.end, cell.text)).quantities if q.kind == "money"]
        if money:
            q = money[0]
            mk = market or col_market or currency_market(ctx, q.unit)
            self.prices.append(Fact(kind="price", doc_id=ctx.doc.doc_id, subject=subject, evidence=ev, metric="price",
                                    value=q.value, unit=q.unit, market=mk, qualifiers=quals))
            return True
        probe = f"{header} {cell.text}"
        base = cell.start - len(header) - 1
        items = [it for it in find_specs(probe, base, self.grammar) if it.start >= cell.start]
        for it in items:
            self.specs.append(Fact(kind="spec", doc_id=ctx.doc.doc_id, subject=subject, evidence=ev,
                                   metric=it.metric, value=it.value, unit=it.unit, hedge=it.hedge, market=market,
                                   qualifiers=quals + (("rule", it.rule), ("label", header))))
        if items:
            return True
        num = re.fullmatch(r"(\d{1,3}(?:,\d{3})+|\d{1,6})", cell.text)
        if num and self.rules.count_header.fullmatch(header) and not self.rules.price_header.search(header):
            from decimal import Decimal
            self.specs.append(Fact(kind="spec", doc_id=ctx.doc.doc_id, subject=subject, evidence=ev,
                                   metric=slugify(header).replace("-", "_"), value=Decimal(num.group(1).replace(",", "")),
                                   market=market, qualifiers=quals + (("rule", "table_count"), ("label", header))))
            return True
        return False

    def models_as_columns(self, block: list[list[Cell]]) -> bool:
        ctx = self.ctx
        head, rows = block[0], block[1:]
        width = max(len(r) for r in rows)
        named = [_product(ctx, c) for c in head]
        if len(head) != width - 1 or any(n is None or n[1] for n in named):
            return False
        if ctx.text[ctx.text.rfind("\n", 0, head[0].start) + 1:head[0].start].strip():
            return False
        products = [n[0] for n in named if n is not None]
        for row in rows:
            if len(row) != width:
                continue
            label = row[0]
            market = _market(ctx, label.start, label.end)
            header = re.sub(r"\([^)]*\)|\*\d*|\d+$", " ", label.text)
            header = " ".join(header.split())
            for ref, cell in zip(products, row[1:]):
                self.value(ref, label, header, cell, "", market, None)
        return True

    def models_as_rows(self, block: list[list[Cell]]) -> bool:
        ctx = self.ctx
        head, rows = block[0], block[1:]
        if any(len(r) != len(head) for r in rows):
            return False
        variant_rows = bool(self.rules.variant_header.fullmatch(head[0].text))
        main: Optional[EntityRef] = None
        read = False
        for row in rows:
            named = _product(ctx, row[0])
            if named is not None:
                ref, variant = named
            elif variant_rows:
                main = main or main_product(ctx)
                if main is None:
                    return read
                ref, variant = main, row[0].text
            else:
                continue
            parts = [variant] if variant else []
            values: list[tuple[Cell, Cell]] = []
            for h, c in zip(head[1:], row[1:]):
                if self.rules.variant_cell.fullmatch(c.text) or not re.search(r"\d", c.text):
                    parts.append(" ".join(c.text.split()))
                else:
                    values.append((h, c))
            for h, c in values:
                col_market = _market(ctx, h.start, h.end)
                read |= self.value(ref, row[0], " ".join(h.text.split()), c, " ".join(parts), None, col_market)
        return read


def currency_market(ctx: ExtractionContext, currency: Optional[str]) -> Optional[EntityRef]:
    """The market a currency tells: its country when one country uses it (``currency_markets``), else the market
    of ``currency_markets_if_named`` when the document names that market."""
    data = ctx.patterns["prices"]
    key = (data.get("currency_markets") or {}).get(currency or "")
    if key is None:
        key = (data.get("currency_markets_if_named") or {}).get(currency or "")
        if key is not None and key not in _named_markets(ctx):
            key = None
    entry = ctx.gazetteer.get(key) if key else None
    return entry.ref() if entry is not None else None


def _named_markets(ctx: ExtractionContext) -> frozenset[str]:
    cached = ctx.__dict__.get("_named_markets")
    if cached is None:
        cached = frozenset(ctx.entity(m).key for s in ctx.sentences for m in ctx.mentions(s).entities
                           if m.kind == "market")
        ctx.__dict__["_named_markets"] = cached
    return cached


def product_tables(ctx: ExtractionContext) -> ProductTables:
    """The product tables of the document (read once per document)."""
    cached = ctx.__dict__.get("_product_tables")
    if cached is not None:
        return cached
    reader = _Reader(ctx)
    spans: list[tuple[int, int]] = []
    if lexicon(ctx) is not None:
        for block in _blocks(ctx):
            if reader.models_as_columns(block) or reader.models_as_rows(block):
                spans.append((block[0][0].start, block[-1][-1].end))
    out = ProductTables(tuple(reader.specs), tuple(reader.prices), tuple(spans))
    ctx.__dict__["_product_tables"] = out
    return out
