"""`marketgraph extract`: preview what the pipeline makes of any file, without touching the store."""
from __future__ import annotations

import csv
import io
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from .errors import guarded, stderr
from .options import settings


class ExtractFormat(str, Enum):
    csv = "csv"
    json = "json"
    ttl = "ttl"


def _csv(variables: list[str], rows: list[dict[str, Optional[str]]]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=variables, lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({k: ("" if r.get(k) is None else r[k]) for k in variables})
    return buf.getvalue()


def _candidates_table(rows: list[dict[str, Optional[str]]]) -> Table:
    table = Table(title=f"Unresolved candidates ({len(rows)}): not published, the text does not resolve them",
                  title_justify="left")
    for col in ("reason", "value", "unit", "metric", "subject", "period", "quote"):
        table.add_column(col, overflow="fold", max_width=60 if col == "quote" else 28)
    for r in rows:
        table.add_row(*("—" if r[c] is None else str(r[c]) for c in
                        ("reason", "value", "unit", "metric", "subject", "period", "quote")))
    return table


HELP = ("Preview what the pipeline extracts from any file, without touching the store.\n\n"
        "The facts go to standard output. Then the unresolved candidates: figures whose subject, period or metric "
        "the text does not resolve, which the build does not publish (the document's page lists them), each with "
        "the reason, the quote and what was resolved. With csv they are a table on standard error (the CSV stays "
        "one table); with json, the \"unresolved\" list; with ttl, mg:UnresolvedCandidate nodes.")


def register(app: typer.Typer) -> None:
    @app.command(help=HELP)
    @guarded
    def extract(
        files: list[Path] = typer.Argument(..., exists=True, dir_okay=False, help="Files to extract from "
                                                                                 "(.txt, .md, .html, .pdf)."),
        genre: Optional[str] = typer.Option(None, help="earnings_call, results_release, product_release, news, "
                                                       "shareholder_letter, research_note, annual_report or "
                                                       "investment_news (guessed from the text if omitted)."),
        date: Optional[str] = typer.Option(None, help="Publication date YYYY-MM-DD (guessed from the text if omitted)."),
        title: Optional[str] = typer.Option(None, help="Document title (first heading if omitted)."),
        publisher: Optional[str] = typer.Option(None, help="Publisher name."),
        format: ExtractFormat = typer.Option(ExtractFormat.csv, "--format", "-f",
                                             help="csv (facts.rq columns), json (facts and unresolved candidates) or "
                                                  "ttl (the document graphs, candidates included)."),
    ) -> None:
        from ..metadata import check
        from ..preview import CANDIDATE_COLUMNS, FACT_COLUMNS, candidate_rows, extract_files, fact_rows, facts_turtle

        meta = check({k: v for k, v in (("genre", genre), ("date", date), ("title", title),
                                        ("publisher", publisher)) if v is not None})
        s = settings()
        results = extract_files(s, files, genre=meta.genre, date=meta.date, title=meta.title, publisher=meta.publisher)
        facts = [row for res in results for row in fact_rows(s, res)]
        candidates = [row for res in results for row in candidate_rows(res)]
        if format is ExtractFormat.ttl:
            sys.stdout.write(facts_turtle(s, results))
        elif format is ExtractFormat.json:
            json.dump({"variables": FACT_COLUMNS, "rows": facts, "unresolved_columns": CANDIDATE_COLUMNS,
                       "unresolved": candidates}, sys.stdout, ensure_ascii=False, indent=1)
            sys.stdout.write("\n")
        else:
            sys.stdout.write(_csv(FACT_COLUMNS, facts))
            sys.stdout.flush()
            if candidates:
                stderr().print(_candidates_table(candidates))
        stderr().print(f"{len(facts)} facts and {len(candidates)} unresolved candidates from {len(results)} "
                       f"document(s)")
