"""`marketgraph eval`: the strict score of the extraction over a corpus or a folder of documents against gold."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from .errors import guarded, out, stderr
from .options import settings


HELP = ("Strict precision and recall of the extraction against gold files.\n\n"
        "A fact is right only when its value, unit, subject, metric and period (and the market, basis and modality "
        "where the gold states them) are all right (tests/gold/STRICT.md). Prints the table per kind with the totals "
        "of all kinds and of the figures (NUMERIC), the wrong facts by field, and the recall by failure class (the "
        "class= tags of the gold rows). A missing folder or a malformed gold file is one line and exit code 2.\n\n"
        "\b\nExamples:\n  marketgraph eval seeds\n  marketgraph eval broad --kinds metric,change\n"
        "  marketgraph eval ~/reports ~/reports-gold --json report.json")


def register(app: typer.Typer) -> None:
    @app.command(name="eval", help=HELP)
    @guarded
    def eval_(
        target: str = typer.Argument(..., metavar="CORPUS|FOLDER",
                                     help="A corpus name (seeds, dev, or a folder of sources/ such as broad) or a "
                                          "folder of documents (.txt, .md, .html, .pdf)."),
        gold: Optional[Path] = typer.Argument(None, metavar="[GOLD]",
                                              help="Gold folder (*.tsv) or one gold file; default for a corpus: "
                                                   "tests/gold/CORPUS. A folder of documents needs it."),
        kinds: Optional[str] = typer.Option(None, "--kinds", metavar="KIND,…",
                                            help="Score only these kinds (gold rows of the kind, facts counted under "
                                                 "it), e.g. metric,change,market_share."),
        json_out: Optional[Path] = typer.Option(None, "--json", metavar="FILE",
                                                help="Also write the whole report (counts, every miss and wrong "
                                                     "fact with its fields) as JSON to FILE ('-': standard output, "
                                                     "tables then go to standard error)."),
    ) -> None:
        from ..evalrun import resolve_target, run_target
        from ..evaluate import load_gold
        from ..gazetteer import load_gazetteer

        s = settings()
        chosen = [k.strip() for k in kinds.split(",") if k.strip()] if kinds is not None else None
        tgt = resolve_target(s, target, gold)
        rows = load_gold(tgt.gold)
        if not rows:
            stderr().print(f"[red]error:[/red] {tgt.gold}: no gold rows")
            raise typer.Exit(2)
        gazetteer = load_gazetteer(s.paths.gazetteer)
        run = run_target(s, tgt, rows, gazetteer)
        report = run.score(rows, gazetteer, chosen)
        console = stderr() if json_out is not None and str(json_out) == "-" else out()
        title = f"{tgt.name} against {tgt.gold} (strict)" + (f", kinds {', '.join(chosen)}" if chosen else "")
        console.print(report.as_table(title=title))
        for table in report.breakdown_tables():
            console.print(table)
        console.print(f"{len(report.docs)} files ({len(run.documents)} documents), {len(run.facts)} facts, {run.unresolved} unresolved "
                      f"candidates; {report.chrome_rows} gold rows of page chrome ignored, "
                      f"{report.unreadable_rows} not in the text as read, {len(report.restatements)} restatements "
                      f"not counted")
        if json_out is not None:
            data = json.dumps({"target": tgt.name, "gold": str(tgt.gold), "kinds_scored": chosen, **report.as_dict()},
                              indent=1, ensure_ascii=False)
            if str(json_out) == "-":
                sys.stdout.write(data + "\n")
            else:
                json_out.write_text(data + "\n", encoding="utf-8")
