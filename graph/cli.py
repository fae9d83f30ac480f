"""The `marketgraph` command: build, query, extract, eval, serve."""
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
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .settings import Settings

app = typer.Typer(help="marketgraph: a knowledge graph of products, markets and metrics from corporate documents.",
                  no_args_is_help=True, add_completion=False)


def _settings(**overrides) -> Settings:
    return Settings(**{k: v for k, v in overrides.items() if v is not None})


def _console() -> Console:
    return Console(stderr=True)


@app.command()
def build(
    store: Optional[Path] = typer.Option(None, help="Store directory (default: $MARKETGRAPH_STORE or var/store)."),
    corpus: Optional[str] = typer.Option(None, help="Corpora to build: seeds, dev, or all (comma-separated)."),
    base_iri: Optional[str] = typer.Option(None, help="Base of instance IRIs (default $MARKETGRAPH_BASE_IRI)."),
    dumps: Optional[Path] = typer.Option(None, help="Directory for the N-Quads, TriG and Turtle dumps "
                                                    "(default: <store>.dumps next to the store)."),
) -> None:
    """Segment, extract, map, reason, validate and publish the corpus into the store (one named graph per document).

    Exits 1 if any document breaks the SHACL shapes: that document is reported and not published.
    """
    from .build import build as run_build

    settings = _settings(store=store, corpus=corpus, base_iri=base_iri)
    con = _console()
    dump_dir = dumps or settings.store.with_name(settings.store.name + ".dumps")
    with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=con, transient=True) as bar:
        task = bar.add_task("building", total=None)

        def progress(what: str, done: int, total: int) -> None:
            bar.update(task, description=what, completed=done, total=total)

        report = run_build(settings, progress=progress, dump_dir=dump_dir)
    _print_build_report(report, con)
    raise typer.Exit(0 if report.ok else 1)


def _print_build_report(report, con: Console) -> None:
    docs = Table(title="Documents", show_lines=False)
    for col in ("document", "facts", "triples", "published"):
        docs.add_column(col, justify="right" if col in ("facts", "triples") else "left")
    for d in report.documents:
        docs.add_row(d.doc_id, str(d.facts), str(d.triples), "yes" if d.published else "[red]NO[/red]")
    con.print(docs)
    kinds = Table(title="Facts by kind")
    kinds.add_column("kind")
    kinds.add_column("facts", justify="right")
    for k, n in sorted(report.facts_by_kind.items()):
        kinds.add_row(k, str(n))
    kinds.add_row("[bold]total[/bold]", f"[bold]{sum(report.facts_by_kind.values())}[/bold]")
    con.print(kinds)
    for rej in report.rejections:
        con.print(f"[red]✗ {rej.doc_id}[/red] ({rej.source_file}) violates the shapes and was NOT published:")
        for v in rej.violations[:20]:
            con.print(f"   • {getattr(v, 'message', v)}  [dim]focus={getattr(v, 'focus', '')} "
                      f"path={getattr(v, 'path', '')} ({getattr(v, 'component', '')})[/dim]")
        if len(rej.violations) > 20:
            con.print(f"   … and {len(rej.violations) - 20} more")
    published = sum(1 for d in report.documents if d.published)
    con.print(f"[bold]{published}/{len(report.documents)} documents published, "
              f"{sum(report.facts_by_kind.values())} facts, {report.triples} triples, "
              f"{report.conflicts} conflicting figure pairs, {len(report.rejections)} rejected[/bold] → {report.store}")
    for p in report.dumps:
        con.print(f"  dump: {p}")


class OutFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


def _resolve_query(text_or_file_or_name: str, settings: Settings) -> str:
    p = Path(text_or_file_or_name)
    if text_or_file_or_name.endswith(".rq") and p.is_file():
        return p.read_text(encoding="utf-8")
    named = settings.paths.queries / f"{text_or_file_or_name}.rq"
    if named.is_file():
        return named.read_text(encoding="utf-8")
    if p.is_file():
        return p.read_text(encoding="utf-8")
    return text_or_file_or_name


@app.command()
def query(
    sparql: str = typer.Argument(..., help="A SPARQL query: the text itself, a .rq file, or the name of a query in queries/ "
                                         "(e.g. facts)."),
    format: OutFormat = typer.Option(OutFormat.table, "--format", "-f", help="Output: table, json or csv."),
    store: Optional[Path] = typer.Option(None, help="Store directory (default: $MARKETGRAPH_STORE or var/store)."),
    limit: Optional[int] = typer.Option(None, help="Print at most this many rows (default: settings.max_rows)."),
) -> None:
    """Run a SPARQL SELECT/ASK query over the built graph (default graph = union of the document graphs)."""
    from .querying import QueryRefused, run_select

    settings = _settings(store=store)
    text = _resolve_query(sparql, settings)
    try:
        variables, rows = run_select(settings, text, limit or settings.max_rows)
    except QueryRefused as exc:
        _console().print(f"[red]query refused:[/red] {exc}")
        raise typer.Exit(2)
    except SyntaxError as exc:
        _console().print(f"[red]syntax error:[/red] {exc}")
        raise typer.Exit(2)
    _emit_rows(variables, rows, format)


def _emit_rows(variables: list[str], rows: list[dict[str, Optional[str]]], format: OutFormat) -> None:
    if format is OutFormat.json:
        json.dump({"variables": variables, "rows": rows}, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    elif format is OutFormat.csv:
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=variables)
        w.writeheader()
        for r in rows:
            w.writerow({k: ("" if r.get(k) is None else r[k]) for k in variables})
        sys.stdout.write(buf.getvalue())
    else:
        t = Table(show_lines=False)
        for v in variables:
            t.add_column(v, overflow="fold")
        for r in rows:
            t.add_row(*["" if r.get(v) is None else str(r[v]) for v in variables])
        con = Console()
        con.print(t)
        _console().print(f"{len(rows)} rows")


class ExtractFormat(str, Enum):
    csv = "csv"
    json = "json"
    ttl = "ttl"


@app.command()
def extract(
    files: list[Path] = typer.Argument(..., exists=True, dir_okay=False, help="Text files to extract from."),
    genre: Optional[str] = typer.Option(None, help="earnings_call, results_release, product_release, news or "
                                                   "shareholder_letter (guessed from the text if omitted)."),
    date: Optional[str] = typer.Option(None, help="Publication date YYYY-MM-DD (guessed from the text if omitted)."),
    title: Optional[str] = typer.Option(None, help="Document title (first heading if omitted)."),
    publisher: Optional[str] = typer.Option(None, help="Publisher name."),
    format: ExtractFormat = typer.Option(ExtractFormat.csv, "--format", "-f", help="csv, json (facts.rq columns) or ttl (RDF)."),
) -> None:
    """Preview what the pipeline extracts from any text file, without touching the store."""
    from .preview import FACT_COLUMNS, extract_files, fact_rows, facts_turtle

    settings = Settings()
    results = extract_files(settings, files, genre=genre, date=date, title=title, publisher=publisher)
    if format is ExtractFormat.ttl:
        sys.stdout.write(facts_turtle(settings, results))
        return
    rows = [row for res in results for row in fact_rows(settings, res)]
    _emit_rows(FACT_COLUMNS, rows, OutFormat(format.value))
    n = sum(len(r.facts) for r in results)
    _console().print(f"{n} facts from {len(results)} document(s)")


@app.command(name="eval")
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
    from .build import extract_all
    from .evaluate import evaluate, load_gold
    from .preview import extract_files

    settings = _settings(corpus=corpus or "all")
    rows = load_gold(gold)
    wanted = {r.doc for r in rows}
    facts, sources = [], {}
    for doc, text, doc_facts in extract_all(settings):
        name = Path(doc.source_file).name
        if name in wanted:
            facts.extend(doc_facts)
            sources[doc.source_file] = text
    missing = wanted - {Path(k).name for k in sources}
    for name in sorted(missing):
        found = [d / name for d in texts if (d / name).is_file()]
        if not found:
            _console().print(f"[red]no text for gold document {name}[/red]: give its folder with --texts")
            raise typer.Exit(2)
        for res in extract_files(settings, found[:1]):
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


@app.command()
def serve(
    host: Optional[str] = typer.Option(None, help="Listen address (default $MARKETGRAPH_HOST or 127.0.0.1)."),
    port: Optional[int] = typer.Option(None, help="Port (default $MARKETGRAPH_PORT or 8000)."),
    store: Optional[Path] = typer.Option(None, help="Store directory (default: $MARKETGRAPH_STORE or var/store)."),
    rebuild: bool = typer.Option(False, help="Build the graph first even if one exists."),
) -> None:
    """Serve the SPARQL endpoint, linked-data pages and lookup API (builds the graph first if there is none)."""
    import uvicorn

    from .store import current_generation

    settings = _settings(host=host, port=port, store=store)
    if rebuild or (not settings.remote_query_url and current_generation(settings.store) is None):
        _console().print("No graph built yet: building it first.")
        from .build import build as run_build

        report = run_build(settings, dump_dir=settings.store.with_name(settings.store.name + ".dumps"))
        _print_build_report(report, _console())
    from marketgraph.api.app import create_app

    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="info")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
