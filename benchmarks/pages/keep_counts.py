"""Write what a publication keeps for the server into a store that was loaded from a file: the home page's counts
(graph/headlines.py, in the catalogue) and the lookup index's records (graph/lookupdata.py, a file beside the
store, stamped in the catalogue), both made from the whole store, so the page benchmarks serve a generated store
as published.

    .venv/bin/python benchmarks/pages/keep_counts.py /tmp/std_bench1m/store [--base http://localhost:8000]
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

import pyoxigraph as ox

from marketgraph.graph import headlines, lookupdata
from marketgraph.graph.catalog import Catalog, load_catalog, write_atomic
from marketgraph.graph.generations import catalog_path, current_generation


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("store", type=Path)
    ap.add_argument("--base", default="http://localhost:8000", help="base IRI of the graph")
    args = ap.parse_args()
    gen = current_generation(args.store)
    assert gen is not None, f"no store at {args.store}"
    store = ox.Store.read_only(str(gen))
    t = time.perf_counter()
    counts = headlines.of_store(store)
    counted = time.perf_counter() - t
    t = time.perf_counter()
    data = lookupdata.dumps(lookupdata.of_store(store, args.base))
    indexed = time.perf_counter() - t
    write_atomic(lookupdata.sidecar(gen), data)
    catalog = load_catalog(catalog_path(gen)) or Catalog()
    catalog.headlines = counts
    catalog.lookup = lookupdata.stamp(data)
    write_atomic(catalog_path(gen), catalog.to_json().encode("utf-8"))
    print(f"{counts['facts']} facts counted over every graph in {counted:.1f} s; lookup records "
          f"({len(data) / 1024:.0f} KiB) read in {indexed:.1f} s; written to {catalog_path(gen)} and "
          f"{lookupdata.sidecar(gen)}")


if __name__ == "__main__":
    main()
