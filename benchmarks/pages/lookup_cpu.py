"""Lookup search cost in CPU time (the machine's load does not skew it), on a store's index, against the version
of api/browse/lookup_index.py at a given git revision, in interleaved rounds.

    .venv/bin/python benchmarks/pages/lookup_cpu.py --store /tmp/mg-hardening-bench/store --base http://127.0.0.1:8000 --against HEAD~1
"""
from __future__ import annotations

import argparse
import importlib.util
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from marketgraph.api.browse import lookup_index
from marketgraph.api.browse.graphview import GraphView

ROOT = Path(__file__).resolve().parents[2]


def old_module(rev: str):
    text = subprocess.run(["git", "-C", str(ROOT), "show", f"{rev}:api/browse/lookup_index.py"], check=True,
                          capture_output=True, text=True).stdout
    text = text.replace("from .graphview import", "from marketgraph.api.browse.graphview import")
    path = Path(tempfile.mkdtemp()) / "lookup_index_old.py"
    path.write_text(text, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("lookup_index_old", path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules["lookup_index_old"] = mod
    spec.loader.exec_module(mod)
    return mod


def queries(index, n: int) -> list[str]:
    rng = random.Random(11)
    out = []
    for e in rng.sample(index.entries, min(n, len(index.entries))):
        name = e.label
        out += [name, name[:3], name[: max(1, len(name) // 2)], name.lower().replace(" ", ""), name[:-1] + "x"]
    return out


def timed(index, qs: list[str]) -> list[float]:
    out = []
    for q in qs:
        t = time.thread_time()
        index.search(q, limit=10)
        out.append((time.thread_time() - t) * 1000)
    return out


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * p))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--base", default="http://127.0.0.1:8000")
    ap.add_argument("--against", default="HEAD~1")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    view = GraphView(ox.Store.read_only(str(args.store)), args.base)
    new = lookup_index.LookupIndex.from_view(view, lambda iri, types: "")
    old = old_module(args.against).LookupIndex.from_view(view, lambda iri, types: "")
    qs = queries(new, 200)
    times = {"before": [], "now": []}
    for _ in range(args.rounds):
        times["before"] += timed(old, qs)
        times["now"] += timed(new, qs)
    print(f"{len(new.entries)} entries, {len(qs)} queries x {args.rounds} rounds (CPU time per search)")
    for k, xs in times.items():
        print(f"  {k:6s} p50 {pct(xs, 0.5):.2f} ms  p95 {pct(xs, 0.95):.2f} ms  max {max(xs):.1f} ms")


if __name__ == "__main__":
    main()
