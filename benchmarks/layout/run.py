"""Tables, lists and "Label: value" lines on adversarial text (not a timed test).

Each input is a pathological line or block repeated until it is N characters long. The table reader is run on
every row line, and the list and label readers on every sentence, of the layout view; the time should grow
about linearly with N (ratios near 2 from one size to the next, twice as long). The prose reader is not run
(its own benchmark is the engine's).

    .venv/bin/python benchmarks/layout/run.py [--sizes 25000 50000 100000]
"""
from __future__ import annotations

import argparse
import time

from marketgraph.graph.extract.context import ExtractionContext
from marketgraph.graph.extract.discourse import Discourse
from marketgraph.graph.extract.framemodel import FrameRules
from marketgraph.graph.extract.labellines import label_frames
from marketgraph.graph.extract.listitems import is_list
from marketgraph.graph.extract.listreader import list_frames
from marketgraph.graph.extract.pipeline import engine_for
from marketgraph.graph.extract.tablereader import TableReader
from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.records import Document

PATTERNS = {
    "digits and spaces": "1 2 3 4 5 6 7 8 9 0 " * 4 + "\n",
    "aligned row": "Vendor" + "   12.5%" * 12 + "\n",
    "ragged aligned": "A  1  B  2  C  3 " * 6 + "\n",
    "list items": "Acme, 1.2M (3.4% / -5.6% Y/Y); " * 6 + "\n",
    "unclosed parentheses": "Beta 4.5M (6.7%, (8.9%, (1.0% " * 6 + "\n",
    "label lines": "Net sales: SEK 1,184 million (2022: 1,117; 2021: (" + "\n",
    "pipes": "| a | 1 | 2 | 3 |" * 8 + "\n",
    "flat header": "Company 3Q22 Shipments 3Q22 Market Share " * 4 + "\nAcme 1.0 2.0% 3.0 4.0% 5.0%\n",
    "no newlines": "Gamma: 1 (2: 3; 4: 5) " * 20,
}


def _time(text: str, gaz) -> float:
    doc = Document(doc_id="bench", source_file="bench.txt", start=0, end=len(text), title="bench",  # type: ignore[arg-type]
                   genre="research_note", date="2023-07-20")
    ctx = ExtractionContext(doc, text, engine_for(gaz))
    t0 = time.perf_counter()
    rules = FrameRules.load(ctx)
    tables, d = TableReader(ctx, rules), Discourse()
    done: set[int] = set()
    for line in ctx.layout.lines:
        if line.kind == "row" and line.start not in done:
            done |= tables.read_at(line, d)[1]
    for s in ctx.sentences:
        label_frames(ctx, s, d, rules)
        if is_list(ctx, s):
            list_frames(ctx, s, d, rules)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[25000, 50000, 100000])
    args = ap.parse_args()
    gaz = load_gazetteer(ProjectPaths.default().gazetteer)
    print(f"{'input':24} " + " ".join(f"{n:>9}" for n in args.sizes) + "   ratios")
    for name, unit in PATTERNS.items():
        times = []
        for n in args.sizes:
            text = (unit * (n // len(unit) + 1))[:n]
            times.append(_time(text, gaz))
        ratios = " ".join(f"{b / a:4.1f}" for a, b in zip(times, times[1:]))
        print(f"{name:24} " + " ".join(f"{t:8.2f}s" for t in times) + f"   {ratios}")


if __name__ == "__main__":
    main()
