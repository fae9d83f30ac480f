"""Writing query results with pyoxigraph's own serialisers, and the row cap.

SELECT: the query asks the engine for at most ``cap + 1`` rows (api/sparql/rewrite.py) and pyoxigraph writes them;
if ``cap + 1`` came back the last one is cut off the bytes and the answer is marked truncated. Rows are counted
and cut on each format's row boundary, which its writer makes unambiguous: ``<result>`` in XML (``<`` in text
is ``&lt;``), ``},{`` in JSON (never inside a JSON string), a line in TSV (terms are escaped), a CRLF outside
quotes in CSV. CONSTRUCT / DESCRIBE: triples are taken up to the cap and written by ``pyoxigraph.serialize``.
"""
from __future__ import annotations

import itertools
import re
from typing import Iterable, Optional

import pyoxigraph as ox

RESULT_FORMATS_OX = {
    "json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV,
}
RDF_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML, "trig": ox.RdfFormat.TRIG,
}


def take(items: Iterable, cap: int) -> tuple[list, bool]:
    """At most ``cap`` items, and whether there were more."""
    rows = list(itertools.islice(iter(items), cap + 1))
    return rows[:cap], len(rows) > cap


JSON_STRING_OR_ROW = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|\},\{')
CSV_QUOTED_OR_ROW = re.compile(rb'"[^"]*(?:""[^"]*)*"|\r\n')


def _boundaries(body: bytes, pattern: re.Pattern, marker: bytes) -> list[int]:
    """Offsets of ``marker`` outside quoted strings (the writer quotes every value that could hold it)."""
    return [m.start() for m in pattern.finditer(body) if m.group() == marker]


def count_and_cut(body: bytes, fmt: str, cap: int) -> tuple[bytes, int, bool]:
    """(body with at most ``cap`` rows, rows kept, whether a row was cut). The plain byte counts below are upper
    bounds (a value may hold the marker); only when they pass the cap are strings skipped to count exactly."""
    if fmt == "xml":
        rows = body.count(b"<result>")
        if rows > cap:
            return body[:body.rfind(b"<result>")] + b"</results></sparql>", cap, True
        return body, rows, False
    if fmt == "tsv":
        rows = max(0, body.count(b"\n") - 1)
        if rows > cap:
            return body[:body.rfind(b"\n", 0, len(body) - 1) + 1], cap, True
        return body, rows, False
    if fmt == "json":
        if b'"bindings":[]' in body:
            return body, 0, False
        rows = body.count(b"},{") + 1
        if rows > cap:
            bounds = _boundaries(body, JSON_STRING_OR_ROW, b"},{")
            rows = len(bounds) + 1
            if rows > cap:
                return body[:bounds[-1] + 1] + b"]}}", cap, True
        return body, rows, False
    rows = max(0, body.count(b"\r\n") - 1)  # csv
    if rows > cap:
        bounds = _boundaries(body, CSV_QUOTED_OR_ROW, b"\r\n")
        rows = len(bounds) - 1
        if rows > cap:
            return body[:bounds[-2] + 2], cap, True
    return body, rows, False


def write_solutions(result: ox.QuerySolutions, fmt: str, cap: int, cap_checked: bool) -> tuple[bytes, int, bool]:
    body = result.serialize(format=RESULT_FORMATS_OX[fmt]) or b""
    if not cap_checked:
        _, rows, _ = count_and_cut(body, fmt, 1 << 62)
        return body, rows, False
    return count_and_cut(body, fmt, cap)


def write_boolean(result: ox.QueryBoolean, fmt: str) -> bytes:
    return result.serialize(format=RESULT_FORMATS_OX[fmt]) or b""


def write_triples(triples: list[ox.Triple], fmt: str, prefixes: Optional[dict[str, str]] = None) -> bytes:
    rdf_format = RDF_FORMATS[fmt]
    pfx = prefixes if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.RDF_XML) else None
    if rdf_format == ox.RdfFormat.TRIG:
        items: Iterable = (ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples)
    else:
        items = triples
    out = ox.serialize(items, format=rdf_format, prefixes=pfx) if pfx else ox.serialize(items, format=rdf_format)
    return out or b""
