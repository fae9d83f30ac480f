"""What keeping the lookup records costs a publication (graph/lookupdata.py), on a store's documents: for each of
``--documents`` document graphs, the records a publication that replaced that document would read again and the
time it takes (``update``), and the time to write the file (``dumps`` and its SHA-256); against reading every
record (``of_store``, what a fresh store or new rules cost, and what the server did at every start).

    .venv/bin/python benchmarks/pages/lookup_at_publish.py --store /tmp/std_bench1m/store --documents 40
"""
from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path

import pyoxigraph as ox

from marketgraph.graph import lookupdata


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--base", default="http://localhost:8000")
    ap.add_argument("--documents", type=int, default=40)
    args = ap.parse_args()
    store = ox.Store.read_only(str(args.store))
    t = time.perf_counter()
    records = lookupdata.of_store(store, args.base)
    full = time.perf_counter() - t
    docs = sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode) and "/graph/doc" in g.value)
    if not docs:
        docs = sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
    pick = random.Random(7).sample(docs, min(args.documents, len(docs)))
    reads, times = [], []
    real = lookupdata.record_of
    n = [0]

    def counted(s, iri, kind):
        n[0] += 1
        return real(s, iri, kind)
    lookupdata.record_of = counted   # type: ignore[assignment]
    for g in pick:
        changes = lookupdata.Changes()
        changes.note(store.quads_for_pattern(None, None, None, ox.NamedNode(g)))
        n[0] = 0
        t = time.perf_counter()
        after = lookupdata.update(records, store, args.base, changes)
        times.append((time.perf_counter() - t) * 1000)
        reads.append(n[0])
        assert after == records, g   # the graph is still there: the same records
    lookupdata.record_of = real   # type: ignore[assignment]
    t = time.perf_counter()
    data = lookupdata.dumps(records)
    lookupdata.stamp(data)
    write_ms = (time.perf_counter() - t) * 1000
    t = time.perf_counter()
    lookupdata.loads(data)
    read_ms = (time.perf_counter() - t) * 1000
    with open("/proc/loadavg") as fh:
        load = " ".join(fh.read().split()[:3])
    print(f"{args.store}: {len(store)} quads, {len(records)} records, {len(docs)} graphs; load average {load}")
    print(f"  every record read from the store: {full * 1000:.0f} ms")
    print(f"  one document replaced ({len(pick)} documents): records read again median {statistics.median(reads):.0f}"
          f" (max {max(reads)}), update median {statistics.median(times):.1f} ms (max {max(times):.1f} ms)")
    print(f"  file: {len(data) / 1024:.0f} KiB, written (JSON + SHA-256) in {write_ms:.1f} ms, parsed in {read_ms:.1f} ms")


if __name__ == "__main__":
    main()
