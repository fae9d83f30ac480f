"""Product extraction time (products, specs, prices, launches) per document, and its growth (not a timed test).

Runs the four product extractors on every document of sources/broad/, best of --rounds, and prints milliseconds
per document and per 10k characters; then runs them on adversarial texts of 25k, 50k and 100k characters made of
one repeated unit (spec-table rows, label lines, launch sentences, amounts) and prints the time of each and the
ratio 100k/25k, which should stay near 4 (linear).

    .venv/bin/python benchmarks/products/run.py [--rounds 3]
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from marketgraph.graph.extract.pipeline import extract_document
from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.read import read_path
from marketgraph.graph.records import Document, EntityRef
from marketgraph.graph.segment import documents_for_file
from marketgraph.graph.settings import Settings

ONLY = ["products", "specs", "prices", "launches"]
UNITS = {
    "table rows": "Top speed (EU)     25 km/h     20 km/h     30 km/h\n",
    "label prices": "UK: £1,299, available from 1 May\n",
    "launch sentence": "The Orca 7, which went on sale in June at $99, ships on 3 March. ",
    "names": "the Vela Orca Lumen Sora Brio ",
    "amounts": "$1,299 £1,099 €1,199 ¥118,800 ",
}


def _best(rounds: int, work) -> float:
    best = float("inf")
    for _ in range(rounds):
        t0 = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    paths, settings = ProjectPaths.default(), Settings()
    gaz = load_gazetteer(paths.gazetteer)
    docs = []
    for p in sorted((paths.sources / "broad").iterdir()):
        if p.suffix in (".txt", ".md", ".html") and not p.name.startswith("MANIFEST"):
            text = read_path(p).text
            docs += [(d, text) for d in documents_for_file(settings, p, text)]
    chars = sum(d.end - d.start for d, _ in docs)
    t = _best(args.rounds, lambda: [extract_document(d, text, gaz, only=ONLY) for d, text in docs])
    print(f"broad: {len(docs)} documents, {chars} chars: {1000 * t / len(docs):.1f} ms/doc, "
          f"{1000 * t / (chars / 10_000):.1f} ms/10k chars")
    issuer = EntityRef("veloce", "organisation", "Veloce Motors AB", ("Company",))
    for name, unit in UNITS.items():
        times = []
        for n in (25_000, 50_000, 100_000):
            text = "Veloce Motors AB today unveiled the Orca 7 and the Vela 2.\n" + (unit * (n // len(unit) + 1))[:n]
            doc = Document(doc_id="b", source_file="b.txt", start=0, end=len(text), title="b", genre="product_release",
                           date="2025-02-11", issuer=issuer)
            times.append(_best(1, lambda: extract_document(doc, text, gaz, only=ONLY)))
        print(f"{name:16} 25k {times[0]:.2f}s  50k {times[1]:.2f}s  100k {times[2]:.2f}s  "
              f"ratio 100k/25k {times[2] / times[0]:.1f}")


if __name__ == "__main__":
    main()
