"""The class pages' instance lists (``/ontology/{Class}?page=k``, api/browse/site.py: ``instances``) on a store,
against the previous way (a COUNT of every instance, then ``ORDER BY ?s LIMIT 50 OFFSET (k-1)*50``), interleaved,
for the first and the deepest page offered of the largest classes and of a small one. Prints each one's median and
the ratio now / before (same run).

    .venv/bin/python benchmarks/pages/class_pages.py --store /tmp/perf12/bench1m/store --classes 2 --rounds 2
"""
from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import pyoxigraph as ox

from marketgraph.api.browse import site
from marketgraph.api.browse.graphview import GraphView


def before(view: GraphView, cls: str, page: int, size: int) -> list[str]:
    """The previous ``instances``: every instance counted, then sorted for each page."""
    rows = view.select("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a $c }", c=ox.NamedNode(cls))
    int(rows[0]["n"].value)
    page_rows = view.select(f"SELECT DISTINCT ?s WHERE {{ ?s a $c }} ORDER BY ?s LIMIT {size} OFFSET "
                            f"{(page - 1) * size}", c=ox.NamedNode(cls))
    return [r["s"].value for r in page_rows]


def now(view: GraphView, cls: str, page: int, size: int) -> list[str]:
    return site.instances(view, cls, page, size).members


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--base", default="http://localhost:8000")
    ap.add_argument("--classes", type=int, default=2, help="how many of the largest classes")
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    store = ox.Store.read_only(str(args.store))
    view = GraphView(store, args.base)
    sizes = view.select("SELECT ?c (COUNT(*) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY DESC(?n)")
    ranked = [(r["c"].value, int(r["n"].value)) for r in sizes if isinstance(r.get("c"), ox.NamedNode)]
    small = next((c for c in ranked if c[0].endswith("#Company")), ranked[-1])
    size = site.PAGE_SIZE
    print(f"store {args.store}: {len(store):,} quads; window {site.CLASS_PAGES} pages of {size}")
    for cls, n in ranked[:args.classes] + [small]:
        last = min(site.CLASS_PAGES, max(1, -(-n // size)))
        for page in sorted({1, last}):
            times: dict[str, list[float]] = {"before": [], "now": []}
            for _ in range(args.rounds):
                for name, fn in (("before", before), ("now", now)):
                    t = time.perf_counter()
                    fn(view, cls, page, size)
                    times[name].append((time.perf_counter() - t) * 1000)
            b, a = statistics.median(times["before"]), statistics.median(times["now"])
            print(f"{cls.rsplit('#', 1)[-1].rsplit('/', 1)[-1]:<20} {n:>7,} rows  page {page:>2}: "
                  f"before {b:9.1f} ms  now {a:7.1f} ms  ratio {a / b:.4f}")


if __name__ == "__main__":
    main()
