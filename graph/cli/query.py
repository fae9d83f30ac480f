"""`marketgraph query`: SPARQL over the store — text, a .rq file or a named query with ``--param name=value``."""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Optional

import typer

from .errors import guarded, out, stderr
from .options import STORE, settings

FORMATS = ("table", "json", "csv", "tsv", "turtle", "nt")


def _params(raw: list[str]) -> dict[str, str]:
    from ..querying import QueryError

    params = {}
    for item in raw:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise QueryError(f"--param {item!r}: expected name=value")
        params[name.strip()] = value
    return params


def register(app: typer.Typer) -> None:
    @app.command()
    @guarded
    def query(
        sparql: str = typer.Argument(..., help="A SPARQL query: the text itself, a .rq file, or the name of a query in "
                                               "queries/ (e.g. facts, metric-time-series)."),
        param: list[str] = typer.Option([], "--param", "-p", help="name=value for a named query's parameter "
                                                                  "(repeatable); unset parameters take their defaults."),
        format: str = typer.Option("table", "--format", "-f", help="table, json, csv, tsv; for CONSTRUCT/DESCRIBE "
                                                                   "turtle or nt."),
        wide: bool = typer.Option(False, "--wide", help="Table: every column, full IRIs and values, wrapped."),
        store: Optional[Path] = STORE,
        limit: Optional[int] = typer.Option(None, min=1, help="Print at most this many rows (default: MARKETGRAPH_MAX_ROWS)."),
    ) -> None:
        """Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) over the built graph (default graph = union of
        the named graphs). SERVICE, LOAD and remote FROM are refused."""
        from ..querying import QueryError, resolve, run_query
        from .render import Labels, emit

        if format not in FORMATS:
            raise QueryError(f"--format {format!r}: expected one of {', '.join(FORMATS)}")
        s = settings(store=store)
        q = resolve(s, sparql, _params(param))
        res, st = run_query(s, q, limit or s.max_rows)
        con = out()
        if format == "table" and not con.is_terminal:
            con.width = max(con.width, shutil.get_terminal_size((160, 24)).columns) if wide else con.width
        emit(res, format, Labels(st, s.base_iri), wide, con, stderr())
