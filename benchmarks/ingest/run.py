"""Incremental add: the time to add one document to a store of N documents, and how many documents it extracts.

Builds (once, kept at --store) a store of N generated press releases of invented companies through the same
path as `marketgraph add`, then adds one new document --repeat times and reports each add's wall time, the
documents extracted, and the store's size. Usage:

    .venv/bin/python benchmarks/ingest/run.py --store /tmp/bench-ingest --documents 1000 --repeat 5
"""
from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from marketgraph.graph.generations import current_catalog
from marketgraph.graph.ingest import ingest
from marketgraph.graph.inputs import Input
from marketgraph.graph.settings import Settings

TEMPLATE = """{company} reports {quarter} results

{city}, {month} {day}, {year} -- {company} today announced its unaudited results for the {quarter_words}.
Revenue reached RMB {revenue} billion, up {growth}% year over year. Adjusted net profit was RMB {profit} million.
Smartphone shipments reached {units} million units in the quarter.
"""
SYLLABLES = ["quil", "mar", "ven", "tor", "sel", "dra", "bix", "lum", "cor", "nex", "pal", "rho", "zen", "kai"]


def company(i: int) -> str:
    a, b, c = SYLLABLES[i % 14], SYLLABLES[(i // 14) % 14], SYLLABLES[(i // 196) % 14]
    return f"{(a + b + c).capitalize()} Devices Ltd"


def document(i: int) -> bytes:
    q = 1 + i % 4
    return TEMPLATE.format(company=company(i), quarter=f"Q{q} 2021", city="Northton", month="May",
                           day=1 + i % 28, year=2021, quarter_words=f"quarter ended {['March', 'June', 'September', 'December'][q - 1]} 2021",
                           revenue=f"{10 + i % 90}.{i % 10}", growth=1 + i % 40, profit=100 + i % 900,
                           units=f"{1 + i % 9}.{i % 10}").encode("utf-8")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--documents", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    settings = Settings(store=args.store)
    _, cat = current_catalog(args.store)
    have = len(cat.documents)
    if have < args.documents:
        t = time.perf_counter()
        inputs = [Input(f"bench-{i}.txt", f"bench:{i}", document(i)) for i in range(have, args.documents)]
        for start in range(0, len(inputs), 200):
            r = ingest(settings, inputs[start:start + 200])
            print(f"  built {start + len(inputs[start:start + 200]) + have} documents "
                  f"({r.extracted / r.seconds:.1f} docs/s)", flush=True)
        print(f"store of {args.documents} documents built in {time.perf_counter() - t:.0f} s")
    times, extracted = [], []
    for k in range(args.repeat):
        i = 10**6 + int(time.time()) % 10**5 * 10 + k
        t = time.perf_counter()
        r = ingest(settings, [Input(f"new-{i}.txt", f"new:{i}", document(i))])
        times.append(time.perf_counter() - t)
        extracted.append(r.extracted)
    _, cat = current_catalog(args.store)
    print(f"documents in store: {len(cat.published())}, quads: {cat.triples}")
    print(f"add one document: median {statistics.median(times):.2f} s, max {max(times):.2f} s "
          f"over {args.repeat} adds; documents extracted per add: {sorted(set(extracted))}")


if __name__ == "__main__":
    main()
