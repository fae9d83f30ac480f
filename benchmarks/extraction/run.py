"""Extraction time on 100 k-character adversarial texts (issue 9, item 7).

Each text repeats one unit (a run of ranks, of changes, of vendor-list items, of table rows …) up to the size;
the whole extraction (``extract_document``) runs on it as a news article and as a results release, and the CPU
time is printed. The growth itself is asserted by counting work in tests/test_extract_growth.py; this measures
the seconds.

    .venv/bin/python benchmarks/extraction/run.py [--size 100000] [--write benchmarks/extraction/RESULTS.md]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from marketgraph.graph.extract.pipeline import extract_document  # noqa: E402
from marketgraph.graph.gazetteer import load_gazetteer  # noqa: E402
from marketgraph.graph.records import Document  # noqa: E402
from marketgraph.graph.settings import Settings  # noqa: E402
from test_extract_growth import UNITS  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=100_000)
    ap.add_argument("--write", type=Path)
    args = ap.parse_args()
    gaz = load_gazetteer(Settings().paths.gazetteer)
    warm = Document(doc_id="warm", source_file="warm.txt", start=0, end=8, title="Warm", genre="news")
    extract_document(warm, "Warm up.", gaz)            # the knowledge is loaded once, before timing
    rows = ["| text | characters | news (s) | results release (s) |", "|---|---|---|---|"]
    for kind, unit in sorted(UNITS.items()):
        text = (unit * (args.size // len(unit) + 1))[:args.size]
        times = []
        for genre in ("news", "results_release"):
            doc = Document(doc_id="adversarial", source_file="adversarial.txt", start=0, end=len(text),
                           title="Adversarial", genre=genre)  # type: ignore[arg-type]
            t = time.process_time()
            extract_document(doc, text, gaz)
            times.append(time.process_time() - t)
        rows.append(f"| {kind} (`{unit.strip()}`) | {len(text):,} | {times[0]:.2f} | {times[1]:.2f} |")
        print(rows[-1], flush=True)
    if args.write:
        args.write.write_text("# Extraction on adversarial texts\n\nCPU seconds per document, "
                              f"`{' '.join(sys.argv)}`.\n\n" + "\n".join(rows) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
