"""`marketgraph extract` (preview a file's facts without the store) and `marketgraph eval` (against gold files)."""
from __future__ import annotations

import csv
import io
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from .errors import guarded, stderr
from .options import settings


class ExtractFormat(str, Enum):
    csv = "csv"
    json = "json"
    ttl = "ttl"


def _emit_rows(variables: list[str], rows: list[dict[str, Optional[str]]], format: str) -> None:
    if format == "json":
        json.dump({"variables": variables, "rows": rows}, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=variables, lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({k: ("" if r.get(k) is None else r[k]) for k in variables})
    sys.stdout.write(buf.getvalue())


def register(app: typer.Typer) -> None:
    @app.command()
    @guarded
    def extract(
        files: list[Path] = typer.Argument(..., exists=True, dir_okay=False, help="Files to extract from "
                                                                                 "(.txt, .md, .html, .pdf)."),
        genre: Optional[str] = typer.Option(None, help="earnings_call, results_release, product_release, news or "
                                                       "shareholder_letter (guessed from the text if omitted)."),
        date: Optional[str] = typer.Option(None, help="Publication date YYYY-MM-DD (guessed from the text if omitted)."),
        title: Optional[str] = typer.Option(None, help="Document title (first heading if omitted)."),
        publisher: Optional[str] = typer.Option(None, help="Publisher name."),
        format: ExtractFormat = typer.Option(ExtractFormat.csv, "--format", "-f", help="csv, json (facts.rq columns) or ttl (RDF)."),
    ) -> None:
        """Preview what the pipeline extracts from any file, without touching the store."""
        from ..metadata import check
        from ..preview import FACT_COLUMNS, extract_files, fact_rows, facts_turtle

        meta = check({k: v for k, v in (("genre", genre), ("date", date), ("title", title),
                                        ("publisher", publisher)) if v is not None})
        s = settings()
        results = extract_files(s, files, genre=meta.genre, date=meta.date, title=meta.title, publisher=meta.publisher)
        if format is ExtractFormat.ttl:
            sys.stdout.write(facts_turtle(s, results))
            return
        rows = [row for res in results for row in fact_rows(s, res)]
        _emit_rows(FACT_COLUMNS, rows, format.value)
        n = sum(len(r.facts) for r in results)
        stderr().print(f"{n} facts from {len(results)} document(s)")

    @app.command(name="eval")
    @guarded
    def eval_(
        gold: list[Path] = typer.Argument(..., exists=True, help="Gold TSV files (dev-gold format)."),
        corpus: Optional[str] = typer.Option(None, help="Corpora to extract (default: all, matched to the gold by file name)."),
        texts: list[Path] = typer.Option([], "--texts", help="Folders holding the texts of gold documents that are not in "
                                                             "the bundled corpora (may be repeated)."),
        json_out: Optional[Path] = typer.Option(None, "--json", help="Also write the report as JSON to this file ('-' for stdout)."),
    ) -> None:
        """Precision and recall per fact kind of the extraction against gold files.

        Each gold row's `doc` names a source file: a bundled one (sources/) or one found in a --texts folder.
        """
        from ..build import extract_all
        from ..evaluate import evaluate, load_gold
        from ..preview import extract_files

        s = settings(corpus=corpus or "all")
        rows = load_gold(gold)
        wanted = {r.doc for r in rows}
        facts, sources = [], {}
        for doc, text, doc_facts in extract_all(s):
            name = Path(doc.source_file).name
            if name in wanted:
                facts.extend(doc_facts)
                sources[doc.source_file] = text
        missing = wanted - {Path(k).name for k in sources}
        for name in sorted(missing):
            found = [d / name for d in texts if (d / name).is_file()]
            if not found:
                stderr().print(f"[red]error:[/red] no text for gold document {name}: give its folder with --texts")
                raise typer.Exit(2)
            for res in extract_files(s, found[:1]):
                facts.extend(res.facts)
            sources[name] = found[0].read_text(encoding="utf-8")
        report = evaluate(facts, rows, sources)
        Console().print(report.as_table())
        if json_out is not None:
            data = json.dumps(report.as_dict(), indent=1, ensure_ascii=False)
            if str(json_out) == "-":
                sys.stdout.write(data + "\n")
            else:
                json_out.write_text(data, encoding="utf-8")
