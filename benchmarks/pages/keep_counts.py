"""Write the home page's counts into the catalogue of a store that was loaded from a file, as a publication keeps
them (graph/headlines.py over every named graph), so the page benchmark can serve a generated store as published.

    .venv/bin/python benchmarks/pages/keep_counts.py /tmp/std_bench1m/store
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

import pyoxigraph as ox

from marketgraph.graph import headlines
from marketgraph.graph.catalog import Catalog, load_catalog, write_atomic
from marketgraph.graph.generations import catalog_path, current_generation


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("store", type=Path)
    args = ap.parse_args()
    gen = current_generation(args.store)
    assert gen is not None, f"no store at {args.store}"
    store = ox.Store.read_only(str(gen))
    t = time.perf_counter()
    counts = headlines.of_store(store)
    catalog = load_catalog(catalog_path(gen)) or Catalog()
    catalog.headlines = counts
    write_atomic(catalog_path(gen), catalog.to_json().encode("utf-8"))
    print(f"{counts['facts']} facts counted over every graph in {time.perf_counter() - t:.1f} s; "
          f"written to {catalog_path(gen)}")


if __name__ == "__main__":
    main()
