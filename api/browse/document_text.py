"""A document's text from sources/, with every extracted fact's evidence marked (``<mark id="f-…">``).

Offsets in the evidence are str indices into the whole source file; the document is a span of that file.
"""
from __future__ import annotations

import heapq
from dataclasses import dataclass
from html import escape
from pathlib import Path

import pyoxigraph as ox

from .facts import FactRow
from .graphview import MG, NUMERIC_TYPES, GraphView, local_name

START_NAMES = ("start", "startoffset", "charstart", "offsetstart", "begin", "beginoffset")
END_NAMES = ("end", "endoffset", "charend", "offsetend", "stop")


@dataclass
class DocumentText:
    source_file: str | None
    start: int
    end: int
    html: str          # escaped text with <mark> elements
    marked: int        # facts whose evidence was marked
    unplaced: list[str]  # fact ids whose quote does not match the text at its offsets


def source_of(view: GraphView, doc_iri: str, sources: Path, rows: list[FactRow]) -> tuple[str | None, int | None, int | None]:
    """The document's source file (relative to sources/) and its span, read from the document node."""
    src, start, end = None, None, None
    for q in view.quads_from(doc_iri):
        o, name = q.object, local_name(q.predicate.value).lower()
        if isinstance(o, ox.Literal):
            if o.datatype.value in NUMERIC_TYPES:
                if name in START_NAMES and start is None:
                    start = int(o.value)
                elif name in END_NAMES and end is None:
                    end = int(o.value)
            elif src is None and _is_source(sources, o.value):
                src = _relative(sources, o.value)
        elif isinstance(o, ox.NamedNode) and src is None:
            path = view.first_literal(o.value, (MG + "path",))
            if path and _is_source(sources, path):
                src = _relative(sources, path)
            elif _is_source(sources, o.value):
                src = _relative(sources, o.value)
    if src is None:
        src = next((_relative(sources, r.source_file) for r in rows
                    if r.source_file and _is_source(sources, r.source_file)), None)
    return src, start, end


def _relative(sources: Path, value: str) -> str:
    v = value.removeprefix("file://")
    if "sources/" in v:
        v = v.rsplit("sources/", 1)[1]
    return v.lstrip("/")


def _is_source(sources: Path, value: str) -> bool:
    if not value or "\n" in value or len(value) > 300:
        return False
    rel = _relative(sources, value)
    try:
        p = (sources / rel).resolve()
        return p.is_file() and sources.resolve() in p.parents
    except (OSError, ValueError):
        return False


def render(sources: Path, source_file: str | None, start: int | None, end: int | None,
           rows: list[FactRow], fact_path) -> DocumentText:
    """Mark each fact's evidence inside the document's span; ``fact_path(row)`` gives the fact's link."""
    if not source_file:
        return DocumentText(None, 0, 0, "", 0, [r.fact_id for r in rows])
    text = (sources / source_file).read_text(encoding="utf-8")
    placed = [r for r in rows if r.start is not None and r.end is not None and text[r.start:r.end] == r.quote]
    unplaced = [r.fact_id for r in rows if r not in placed]
    if start is None or end is None:
        if placed:
            start = min(r.start for r in placed) if start is None else start
            end = max(r.end for r in placed) if end is None else end
            start = text.rfind("\n\n", 0, start) + 1 if start is not None else 0
            nxt = text.find("\n\n", end)
            end = len(text) if nxt < 0 else nxt
        else:
            start, end = 0, len(text)
    placed = [r for r in placed if start <= r.start and r.end <= end]
    return DocumentText(source_file, start, end, _marked(text, start, end, placed, fact_path), len(placed), unplaced)


def _marked(text: str, start: int, end: int, rows: list[FactRow], fact_path) -> str:
    """Nest one ``<mark>`` per fact around its quote; a quote that crosses another is split, its first piece
    keeping the id. Text inside marks links to the innermost fact (links are leaves, never nested)."""
    heap = [(r.start, -r.end, i, r, True) for i, r in enumerate(rows)]
    heapq.heapify(heap)
    seq = len(rows)
    out: list[str] = []
    stack: list[tuple[int, FactRow]] = []
    pos = start

    def emit(upto: int) -> None:
        nonlocal pos
        if upto > pos:
            chunk = escape(text[pos:upto])
            out.append(f'<a href="{escape(fact_path(stack[-1][1]))}">{chunk}</a>' if stack else chunk)
            pos = upto

    while heap:
        s, neg_end, _, row, first = heapq.heappop(heap)
        e = -neg_end
        while stack and stack[-1][0] <= s:
            emit(stack[-1][0])
            out.append("</mark>")
            stack.pop()
        emit(s)
        if stack and e > stack[-1][0]:           # crosses the enclosing mark: split at its end
            seq += 1
            heapq.heappush(heap, (stack[-1][0], -e, seq, row, False))
            e = stack[-1][0]
        ident = f' id="f-{escape(row.fact_id)}"' if first else ""
        out.append(f'<mark{ident} data-fact="{escape(row.fact_id)}" title="{escape(row.label)}">')
        stack.append((e, row))
    while stack:
        emit(stack[-1][0])
        out.append("</mark>")
        stack.pop()
    emit(end)
    return "".join(out)
