"""CPU time to extract every document of the development corpora (seeds, dev, broad), best of N rounds.

Run it for two versions of the code side by side by putting another checkout first on ``PYTHONPATH`` (a tree that
holds the package as ``marketgraph/``, e.g. ``git archive REV | tar -x -C /tmp/base/marketgraph``):

    .venv/bin/python benchmarks/extraction/per_document.py [--rounds 2]
    PYTHONPATH=/tmp/base .venv/bin/python benchmarks/extraction/per_document.py --root /tmp/base/marketgraph
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from marketgraph.graph.extract import pipeline
from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.read import read_path
from marketgraph.graph.segment import documents_for_file
from marketgraph.graph.settings import Settings


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[2],
                    help="the checkout whose sources/ are read (default: this one)")
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    paths, settings = ProjectPaths.default(), Settings()
    gaz = load_gazetteer(paths.gazetteer)
    files = sorted(p for c in ("seeds", "dev", "broad") for p in (args.root / "sources" / c).iterdir()
                   if p.suffix in (".txt", ".md", ".html"))
    work = []
    for p in files:
        text = read_path(p).text
        work += [(d, text) for d in documents_for_file(settings, p, text)]
    best = float("inf")
    for _ in range(args.rounds):
        t = time.process_time()
        for d, text in work:
            pipeline.extract_document(d, text, gaz, paths=paths)
        best = min(best, time.process_time() - t)
    print(f"{pipeline.__file__}: {len(work)} documents, best {best:.2f} s CPU, "
          f"{1000 * best / len(work):.1f} ms per document")


if __name__ == "__main__":
    main()
