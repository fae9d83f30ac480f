"""A company's own document as a dated event (kind event): its results release, its earnings call, its investment or
capital-markets release happened on the document's date, as the document's date line states it.

The date line is the first line outside page chrome that writes the document's date (the document model's
``Document.date``) near its start — a dateline ("SAN JOSE, Calif., Nov. 8, 2023 (GLOBE NEWSWIRE) -- ...",
"**AUSTIN, Texas — August 29, 2023**", "Lysekil, 18 July 2023") or a call header ("Aug 3, 2023, 4:30 p.m. ET",
"Thursday, 2 February 2023, 10:00 CET"). Subject: the issuer; value: the date; the event's name by genre
(``announcement_events`` in ``mappings/patterns/events.yaml``); an earnings call keeps the name it gives itself
(qualifier ``name``). Only a first-party document states its own event, and a line launches.py's dateline patterns
read (launches.yaml ``events``) is left to it, so each date is stated once.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Optional

from ..records import Fact
from . import launches          # the reader of datelines while launches.yaml has an ``events`` section
from .context import ExtractionContext


def _launches_reads(ctx: ExtractionContext, a: int, b: int) -> bool:
    """Whether launches.py states this date line already (its dated events: a dateline or signature it reads)."""
    if not ctx.patterns["launches"].get("events"):
        return False
    dated = launches.events(ctx, launches.LaunchRules(ctx.patterns["launches"]))
    return any(f.evidence.start < b and a < f.evidence.end for f in dated)


def date_line(ctx: ExtractionContext, date_rx: re.Pattern[str], parse) -> Optional[tuple[int, int]]:
    """The span (line start to the date's end) of the first non-chrome line writing the document's date within
    its first ``date_line_offset`` characters, not after a byline's or posting's words (``date_line_skip``); None
    if there is none."""
    doc = ctx.doc
    if not doc.date or len(doc.date) != 10:
        return None
    issued = date.fromisoformat(doc.date)
    limit = int((ctx.patterns["events"].get("date_line_offset") or 60))
    skip_src = ctx.patterns["events"].get("date_line_skip")
    skip = re.compile(str(skip_src)) if skip_src else None
    head = doc.end
    if doc.turns:
        head = min(t.start for t in doc.turns)        # a call states its date before anyone speaks
    for m in date_rx.finditer(ctx.text, doc.start, head):
        if ctx.in_chrome(m.start(), m.end()) or parse(ctx, m, doc.date) != issued:
            continue
        a = ctx.source.rfind("\n", doc.start, m.start()) + 1       # the source's lines: the view may join them
        a = max(a, doc.start)
        if m.start() - a > limit or (skip is not None and skip.search(ctx.text, a, m.start())):
            continue                                # too far into its line, or a byline's posting date
        while a < m.start() and ctx.text[a] in " \t*_#>":
            a += 1
        return a, m.end()
    return None


def read(ctx: ExtractionContext, date_rx: re.Pattern[str], parse,
         call_name: Optional[Fact] = None) -> Optional[list[Fact]]:
    """The document's own dated event; [] when it has none; None when launches.py states its date line."""
    doc = ctx.doc
    names = ctx.patterns["events"].get("announcement_events") or {}
    event = names.get(doc.genre)
    if event is None or not doc.speaks_for_issuer or ctx.issuer is None:
        return []
    span = date_line(ctx, date_rx, parse)
    if span is None:
        return []
    if _launches_reads(ctx, *span):
        return None
    quals: tuple[tuple[str, str], ...] = (("event", str(event).replace("_", " ")),)
    if call_name is not None and isinstance(call_name.value, str):
        quals += (("name", call_name.value),)
    if doc.period is not None:
        quals += (("reporting_period", doc.period.label),)
    return [Fact("event", doc.doc_id, ctx.issuer, ctx.evidence(*span), metric=str(event), value=doc.date,
                 qualifiers=quals)]
