"""Documents in the store: `build` (the bundled corpora), `add`, `remove`, `list`, `status`, `rebuild`."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from ..ingest import IngestReport
from .errors import guarded, out, stderr
from .options import STORE, settings

STATUS_STYLE = {"added": "green", "replaced": "cyan", "unchanged": "dim", "removed": "yellow",
                "rejected": "red", "failed": "red"}


class Rate(ProgressColumn):
    """Documents per second."""

    def render(self, task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} docs/s" if speed else "– docs/s", style="cyan")


def _progress():
    con = stderr()
    bar = Progress(TextColumn("[bold]{task.description:<40.40}"), BarColumn(), MofNCompleteColumn(), Rate(),
                   TimeElapsedColumn(), console=con, transient=True, disable=not con.is_terminal)
    return bar


def _run_with_progress(fn, **kwargs) -> IngestReport:
    con = stderr()

    def waiting() -> None:
        con.print("another build or add is writing to this store; waiting for it to finish …")

    with _progress() as bar:
        task = bar.add_task("reading", total=None)

        def progress(what: str, done: int, total: int) -> None:
            bar.update(task, description=what, completed=done, total=total)

        return fn(progress=progress, on_wait=waiting, **kwargs)


def print_report(report: IngestReport, verb: str = "added") -> None:
    con = stderr()
    shown = [o for o in report.outcomes if o.status != "unchanged" or len(report.outcomes) <= 20]
    if shown:
        t = Table(title=None, header_style="bold", pad_edge=False)
        for col, just in (("file or document", "left"), ("status", "left"), ("documents", "right"),
                          ("facts", "right"), ("reason", "left")):
            t.add_column(col, justify=just, overflow="fold")
        for o in shown:
            style = STATUS_STYLE.get(o.status, "")
            t.add_row(o.name, f"[{style}]{o.status}[/{style}]" if style else o.status,
                      str(len(o.documents)) if o.documents else "", str(o.facts) if o.facts else "", o.reason)
        con.print(t)
    counts = ", ".join(f"{report.count(s)} {s}" for s in ("added", "replaced", "unchanged", "removed", "rejected",
                                                          "failed") if report.count(s))
    rate = f" ({report.extracted / report.seconds:.1f} docs/s)" if report.extracted and report.seconds else ""
    where = f"new generation {report.generation.name}" if report.generation else "store unchanged"
    con.print(f"[bold]{counts or 'nothing to do'}[/bold]; {report.extracted} document(s) extracted in "
              f"{report.seconds:.1f} s{rate}; {report.published} documents published, {report.triples} triples, "
              f"{report.conflicts} conflicting figure pairs → {report.store} ({where})")
    for p in report.dumps:
        con.print(f"  dump: {p}")


def _exit_code(report: IngestReport) -> int:
    """0 all went well; 1 nothing was added and something failed; 3 some added, some failed."""
    bad = report.count("failed") + report.count("rejected")
    good = report.count("added") + report.count("replaced") + report.count("removed")
    if not bad:
        return 0
    return 3 if good else 1


def register(app: typer.Typer) -> None:
    @app.command()
    @guarded
    def build(
        store: Optional[Path] = STORE,
        corpus: Optional[str] = typer.Option(None, help="Corpora to build: seeds, dev, all, or names (comma-separated)."),
        base_iri: Optional[str] = typer.Option(None, help="Base of instance IRIs (default $MARKETGRAPH_BASE_IRI)."),
        dumps: Optional[Path] = typer.Option(None, help="Directory for the N-Quads, TriG and Turtle dumps "
                                                        "(default: <store>.dumps next to the store)."),
        force: bool = typer.Option(False, help="Publish even if it would empty a non-empty store."),
    ) -> None:
        """Add the bundled corpora (sources/ and their registry) to the store; only new or changed documents are
        extracted, on all cores. Documents already in the store (other corpora, your own files) stay.

        Exits 1 if any document breaks the SHACL shapes (it is reported and not published); an unknown corpus is
        an error and leaves the store unchanged.
        """
        from ..build import build as run_build

        s = settings(store=store, corpus=corpus, base_iri=base_iri)
        dump_dir = dumps or s.store.with_name(s.store.name + ".dumps")
        report = _run_with_progress(lambda **kw: run_build(s, dump_dir=dump_dir, force=force, **kw))
        print_report(report)
        raise typer.Exit(1 if report.rejections or report.count("failed") else 0)

    @app.command()
    @guarded
    def add(
        paths: list[str] = typer.Argument(..., help="Files, folders (read recursively), globs, or - for standard input."),
        store: Optional[Path] = STORE,
        issuer: Optional[str] = typer.Option(None, help="The company the documents speak for."),
        date: Optional[str] = typer.Option(None, help="Publication date, YYYY-MM-DD."),
        genre: Optional[str] = typer.Option(None, help="earnings_call, results_release, product_release, news, "
                                                       "shareholder_letter, research_note, annual_report or "
                                                       "investment_news."),
        title: Optional[str] = typer.Option(None, help="Document title."),
        publisher: Optional[str] = typer.Option(None, help="Publisher name."),
        url: Optional[str] = typer.Option(None, help="Where the document was published (http or https URL)."),
        name: str = typer.Option("stdin.txt", help="File name for standard input (its suffix gives the format)."),
        force: bool = typer.Option(False, help="Publish even if it would empty a non-empty store."),
    ) -> None:
        """Add your own documents (.txt, .md, .html/.htm, .pdf): kept in the store's document area, extracted in
        parallel, published one named graph per document. The same content added twice is one document; a changed
        file replaces the version added before. Metadata: flags, else a NAME.meta.yaml next to the file, else the
        file itself.

        Exit status: 0 when all went well, 1 when nothing was added and something failed, 3 when some files were
        added and others failed.
        """
        from ..ingest import Outcome, ingest
        from ..inputs import expand, load
        from ..metadata import MetadataError, check

        flags = check({k: v for k, v in (("issuer", issuer), ("date", date), ("genre", genre), ("title", title),
                                         ("publisher", publisher), ("url", url)) if v is not None})
        s = settings(store=store)
        items, skipped = expand(paths)
        inputs, failed = [], [Outcome(sk.name, "failed", sk.reason) for sk in skipped]
        for item in items:
            try:
                inputs.append(load(item, flags, s.max_document_bytes, stdin=sys.stdin.buffer, stdin_name=name))
            except (OSError, ValueError, MetadataError) as err:
                reason = f"{err.strerror}" if isinstance(err, OSError) and err.strerror else str(err)
                failed.append(Outcome(Path(item).name if item != "-" else "stdin", "failed", reason))
        if not inputs:
            report = IngestReport(store=str(s.store), outcomes=failed)
            print_report(report)
            raise typer.Exit(1)
        report = _run_with_progress(lambda **kw: ingest(s, inputs, force=force, **kw))
        report.outcomes[:0] = failed
        print_report(report)
        raise typer.Exit(_exit_code(report))

    @app.command()
    @guarded
    def remove(
        documents: list[str] = typer.Argument(..., help="Document ids (see `marketgraph list`), source sha256s or "
                                                        "file names."),
        store: Optional[Path] = STORE,
        force: bool = typer.Option(False, help="Allow removing the last published documents."),
    ) -> None:
        """Take documents out of the store (their named graphs go; shared descriptions and conflicts follow)."""
        from ..ingest import remove as run_remove

        s = settings(store=store)
        report = run_remove(s, documents, force=force, on_wait=lambda: stderr().print("waiting for another writer …"))
        print_report(report, "removed")
        raise typer.Exit(_exit_code(report))

    @app.command(name="list")
    @guarded
    def list_(
        store: Optional[Path] = STORE,
        format: str = typer.Option("table", "--format", "-f", help="table, json or csv."),
    ) -> None:
        """The documents in the store: id, title, date, genre, facts, unresolved candidates, status."""
        import csv
        import json

        from ..generations import current_catalog
        from ..ingest import stale
        from ..versions import Versions

        s = settings(store=store)
        _, cat = current_catalog(s.store)
        old = {d.doc_id for d in stale(cat, Versions.of(s.paths))}
        rows = []
        for d in sorted(cat.documents.values(), key=lambda d: (d.date or "", d.doc_id)):
            status = "stale" if d.status == "published" and d.doc_id in old else d.status
            src = cat.sources.get(d.source)
            rows.append({"id": d.doc_id, "title": d.title, "date": d.date or "", "genre": d.genre, "facts": d.facts,
                         "unresolved": d.unresolved, "status": status, "file": src.name if src else "",
                         "reason": d.reason})
        if format == "json":
            sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
            return
        if format == "csv":
            w = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else ["id"], lineterminator="\n")
            w.writeheader()
            w.writerows(rows)
            return
        t = Table(header_style="bold", pad_edge=False)
        for col in ("id", "title", "date", "genre", "facts", "unresolved", "status"):
            t.add_column(col, justify="right" if col in ("facts", "unresolved") else "left",
                         overflow="ellipsis", no_wrap=True, min_width=min(len(col), 10),
                         max_width=48 if col in ("id", "title") else None)
        for r in rows:
            style = {"published": "green", "stale": "yellow", "rejected": "red"}.get(r["status"], "")
            t.add_row(r["id"], r["title"], r["date"], r["genre"], str(r["facts"]), str(r["unresolved"]),
                      f"[{style}]{r['status']}[/{style}]")
        out().print(t)
        stderr().print(f"{len(rows)} documents, {sum(1 for r in rows if r['status'] != 'rejected')} published")

    @app.command()
    @guarded
    def status(store: Optional[Path] = STORE) -> None:
        """Documents whose graph was made by older extraction rules or shapes (`rebuild --stale` renews them).

        Exits 1 when some are stale."""
        from ..generations import current_catalog, current_generation
        from ..ingest import stale
        from ..versions import Versions

        s = settings(store=store)
        gen, cat = current_catalog(s.store)
        v = Versions.of(s.paths)
        old = stale(cat, v)
        con = out()
        con.print(f"store {s.store} → {gen.name if gen else 'nothing published'}; rules {v.rules}, shapes {v.shapes}")
        con.print(f"{len(cat.published())} documents published, {len(cat.documents) - len(cat.published())} rejected, "
                  f"{len(old)} stale")
        for d in old:
            why = "rules" if d.rules != v.rules else "shapes"
            con.print(f"  stale ({why}): {d.doc_id}")
        raise typer.Exit(1 if old else 0)

    @app.command()
    @guarded
    def rebuild(
        store: Optional[Path] = STORE,
        stale_only: bool = typer.Option(False, "--stale", help="Only the documents older rules or shapes made."),
        force: bool = typer.Option(False, help="Publish even if it would empty a non-empty store."),
    ) -> None:
        """Re-extract the documents in the store from their kept originals, on all cores, and publish."""
        from ..ingest import rebuild as run_rebuild

        s = settings(store=store)
        report = _run_with_progress(lambda **kw: run_rebuild(s, only_stale=stale_only, force=force, **kw))
        print_report(report)
        raise typer.Exit(_exit_code(report))
