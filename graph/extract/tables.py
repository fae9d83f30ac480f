"""Tables flattened to text lines (fact kind ``metric``):

    Zenith Electronics Q1 2021 results by segment (KRW trillion)     <- caption: unit and scale
    Segment Revenue Operating profit                                   <- header: one metric phrase per column
    Display Panel 6.92 0.36                                            <- row: a label and one number per column

Each cell becomes a metric fact of the row's subject (a gazetteer entity named by the label, the issuer for a
"Total" row, else a segment of the issuer named like the divisions found in prose, so a row restating the prose
is recognised as a restatement), in the document's period. Row labels that mean "total" are in
``mappings/patterns/tables.yaml``.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Optional

from ..records import Fact
from .context import ExtractionContext
from .matcher import Match
from .quantities import scaled

_ROW = re.compile(r"^(?P<label>[^\d\n]*?[A-Za-z)][^\d\n]*?)\s+(?P<nums>-?[\d,]*\.?\d+(?:\s+-?[\d,]*\.?\d+)+)\s*$")


def _lines(ctx: ExtractionContext) -> list[tuple[int, int]]:
    out = []
    pos = ctx.doc.start
    for line in ctx.text[ctx.doc.start:ctx.doc.end].split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _unit_scale(ctx: ExtractionContext, a: int, b: int) -> tuple[Optional[str], int]:
    q = ctx.patterns["quantities"]
    prefixes = {k: v for k, v in (q.get("currency_prefixes") or {}).items() if k.isalpha()}
    suffixes = {k.lower(): v for k, v in (q.get("currency_suffixes") or {}).items()}
    scales = {k.lower(): int(v) for k, v in (q.get("scales") or {}).items() if len(k) > 2}
    m = re.search(r"\(([^()]{2,40})\)\s*$", ctx.text[a:b])
    if not m:
        return None, 1
    words = m.group(1).replace(",", " ").split()
    unit = next((prefixes[w] for w in words if w in prefixes), None) or \
        next((suffixes[w.lower()] for w in words if w.lower() in suffixes), None)
    scale = next((scales[w.lower()] for w in words if w.lower() in scales), 1)
    if unit is None and any(w in ("%", "percent") for w in words):
        unit = "percent"
    return unit, scale


def tables(ctx: ExtractionContext) -> list[tuple[list[Match], Optional[str], int, list[re.Match[str]], list[int]]]:
    """Each table: its header metrics, unit, scale, row matches and row start offsets."""
    lines = _lines(ctx)
    out = []
    for i, (a, b) in enumerate(lines):
        line = ctx.text[a:b]
        if not line.strip() or re.search(r"\d", line) or ctx.in_chrome(a, b):
            continue
        metrics = [h for h in ctx.engine.matcher.find(ctx.text, a, b) if h.kind == "metric"]
        if len(metrics) < 2:
            continue
        unit, scale = None, 1
        for j in range(i - 1, max(-1, i - 3), -1):
            unit, scale = _unit_scale(ctx, *lines[j])
            if unit:
                break
        if unit is None:
            continue
        rows, starts = [], []
        for ra, rb in lines[i + 1:]:
            m = _ROW.match(ctx.text[ra:rb])
            if not m or len(m.group("nums").split()) != len(metrics):
                break
            rows.append(m)
            starts.append(ra)
        out.append((metrics, unit, scale, rows, starts))
    return out


def row_labels(ctx: ExtractionContext) -> list[str]:
    return [m.group("label").strip() for t in tables(ctx) for m in t[3]]


def extract(ctx: ExtractionContext) -> list[Fact]:
    """One metric fact per cell of each table that :func:`tables` finds."""
    totals = {w.lower() for w in ctx.patterns["tables"].get("total_labels") or []}
    facts: list[Fact] = []
    for metrics, unit, scale, rows, starts in tables(ctx):
        for m, ra in zip(rows, starts):
            rb = ra + m.end()
            label = m.group("label").strip()
            subject = _row_subject(ctx, label, ra, ra + len(m.group("label")), totals)
            pos = ra + m.start("nums")
            for mm, raw in zip(metrics, m.group("nums").split()):
                start = ctx.text.index(raw, pos, rb)
                pos = start + len(raw)
                try:
                    number = Decimal(raw.replace(",", ""))
                except InvalidOperation:
                    continue
                facts.append(Fact("metric", ctx.doc.doc_id, subject, ctx.evidence(ra, rb), metric=mm.target,
                                  value=scaled(number, scale), unit=unit, period=ctx.period,
                                  qualifiers=(("source", "table"), ("cell", raw))))
    return facts


def _row_subject(ctx: ExtractionContext, label: str, a: int, b: int, totals: set[str]):
    if label.lower() in totals and ctx.issuer is not None:
        return ctx.issuer
    known = [h for h in ctx.engine.matcher.find(ctx.text, a, b) if h.kind != "metric"]
    if known and known[0].end - known[0].start == len(label):
        return ctx.entity(known[0])
    if ctx.issuer is None:
        return ctx.discover(label, "segment", label, ("BusinessSegment",))
    noun = (ctx.patterns["tables"].get("row_noun") or "division")
    return ctx.discover(f"{ctx.issuer.key}-{label}-{noun}", "segment", f"{ctx.issuer.label} {label} {noun}",
                        ("BusinessSegment",))
