"""Query results for people: a table that fits the terminal (labels instead of IRIs, numbers with their scale
and unit), or everything (``--wide``); and for machines: JSON, CSV, TSV, Turtle, N-Triples."""
from __future__ import annotations

import csv
import io
import json
from decimal import Decimal, InvalidOperation
from typing import Optional

import pyoxigraph as ox
from rich.console import Console
from rich.table import Table

from ..iris import PREFIXES
from ..querying import Boolean, QueryResult, Solutions, Triples

RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
VALUE_NAMES = ("value", "amount", "price", "total", "n", "count")
SCALES = ((Decimal(10) ** 12, "tn"), (Decimal(10) ** 9, "bn"), (Decimal(10) ** 6, "m"))
UNIT_WORDS = {"percent": "%", "pp": "pp"}


class Labels:
    """rdfs:label of IRIs, read from the store once each."""

    def __init__(self, store: ox.Store, base: str):
        self.store, self.base, self.cache = store, base, {}

    def __call__(self, iri: str) -> str:
        if iri not in self.cache:
            label = None
            for q in self.store.quads_for_pattern(ox.NamedNode(iri), RDFS_LABEL, None, None):
                if isinstance(q.object, ox.Literal) and (q.object.language in (None, "en")):
                    label = q.object.value
                    break
            self.cache[iri] = label or self.compact(iri)
        return self.cache[iri]

    def compact(self, iri: str) -> str:
        if iri.startswith(self.base + "/id/"):
            return iri[len(self.base) + 4:]
        for prefix, ns in PREFIXES.items():
            if iri.startswith(str(ns)):
                return f"{prefix}:{iri[len(str(ns)):]}"
        return iri


def scaled(value: str, unit: Optional[str] = None) -> str:
    """41200000000 + CNY -> 'CNY 41.2 bn'; 12.5 + percent -> '12.5 %'."""
    try:
        d = Decimal(value)
    except (InvalidOperation, ValueError):
        return f"{value} {unit}".strip() if unit else value
    text = None
    for size, word in SCALES:
        if abs(d) >= size:
            text = f"{(d / size).quantize(Decimal('0.01')).normalize():f} {word}"
            break
    if text is None:
        text = f"{d.normalize():,f}" if abs(d) >= 10000 else f"{d.normalize():f}"
    if not unit:
        return text
    if unit in UNIT_WORDS:
        return f"{text} {UNIT_WORDS[unit]}"
    return f"{unit} {text}" if len(unit) == 3 and unit.isupper() else f"{text} {unit}"


def _plain(t: Optional[ox.Term]) -> str:
    return "" if t is None else t.value


def table(res: Solutions, labels: Labels, wide: bool, console: Console) -> None:
    variables = list(res.variables)
    rows = res.rows
    unit_var = next((v for v in variables if v.lower() == "unit"), None)
    value_vars = [v for v in variables if v.lower() in VALUE_NAMES]
    shown = variables
    if not wide:
        shown = [v for v in variables if not (f"{v}Label" in variables or f"{v}_label" in variables)]
        if unit_var and value_vars:
            shown = [v for v in shown if v != unit_var]
    grid = []
    for r in rows:
        cells = []
        for v in shown:
            term = r.get(v)
            if term is None:
                cells.append("")
            elif isinstance(term, ox.NamedNode):
                cells.append(term.value if wide else labels(term.value))
            elif isinstance(term, ox.Literal) and v in value_vars and not wide:
                unit = r.get(unit_var) if unit_var else None
                cells.append(scaled(term.value, _plain(unit) or None))
            else:
                cells.append(term.value)
        grid.append(cells)
    t = Table(show_lines=False, expand=False, pad_edge=False, header_style="bold")
    widths = fit([max([len(v)] + [len(row[i]) for row in grid]) for i, v in enumerate(shown)], console.width)
    for i, v in enumerate(shown):
        if wide:
            t.add_column(v, overflow="fold")
        else:
            t.add_column(v, width=widths[i], no_wrap=True, overflow="ellipsis",
                         justify="right" if v in value_vars else "left")
    for cells in grid:
        t.add_row(*cells)
    console.print(t)


def fit(natural: list[int], total: int, floor: int = 6) -> list[int]:
    """Column widths that fit ``total`` columns of terminal: the widest columns give way first."""
    widths = [max(1, w) for w in natural]
    budget = total - 3 * len(widths) - 1   # borders and padding
    while sum(widths) > budget:
        widest = max(range(len(widths)), key=lambda i: widths[i])
        if widths[widest] <= floor:
            break
        second = sorted(widths, reverse=True)[1] if len(widths) > 1 else floor
        widths[widest] = max(floor, min(widths[widest] - 1, max(second, widths[widest] - (sum(widths) - budget))))
    return widths


def emit(res: QueryResult, fmt: str, labels: Labels, wide: bool, console: Console, err: Console) -> None:
    if isinstance(res, Boolean):
        if fmt == "json":
            console.print_json(json.dumps({"boolean": res.value}))
        else:
            console.print("true" if res.value else "false")
        return
    if isinstance(res, Triples):
        store = ox.Store()
        store.extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in res.triples)
        rdf_format = ox.RdfFormat.N_TRIPLES if fmt in ("nt", "ntriples", "csv", "tsv") else ox.RdfFormat.TURTLE
        prefixes = {p: str(ns) for p, ns in PREFIXES.items()} if rdf_format == ox.RdfFormat.TURTLE else None
        data = store.dump(format=rdf_format, from_graph=ox.DefaultGraph(), **({"prefixes": prefixes} if prefixes else {}))
        console.file.write(data.decode("utf-8"))
        err.print(f"{len(res.triples)} triples" + (" (cut at --limit)" if res.truncated else ""))
        return
    if fmt == "json":
        rows = [{k: _plain(v) if v is not None else None for k, v in r.items()} for r in res.rows]
        console.file.write(json.dumps({"variables": res.variables, "rows": rows}, ensure_ascii=False, indent=1) + "\n")
    elif fmt in ("csv", "tsv"):
        buf = io.StringIO()
        w = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        w.writerow(res.variables)
        for r in res.rows:
            w.writerow([_plain(r.get(v)) for v in res.variables])
        console.file.write(buf.getvalue())
    else:
        table(res, labels, wide, console)
    err.print(f"{len(res.rows)} rows" + (" (cut at --limit; more exist)" if res.truncated else ""))
