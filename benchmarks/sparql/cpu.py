"""CPU time per request (not a test): what one request costs marketgraph's server (app process and its query
workers, from /proc) against `oxigraph serve-read-only`, on the same store, one request at a time, warm. Unlike
queries per second it does not move with the load other jobs put on the machine.

    .venv/bin/python benchmarks/sparql/cpu.py --data /tmp/mg-bench      # the store run.py generates
"""
from __future__ import annotations

import argparse
import os
import random
import sys
from pathlib import Path
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import run as R  # noqa: E402  (a sibling script, not a package)

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system time of a process and its children (the query workers)."""
    pids = [pid]
    for task in Path(f"/proc/{pid}/task").iterdir():
        pids += [int(c) for c in (task / "children").read_text().split()]
    total = 0
    for p in pids:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().split(")")[1].split()
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / TICKS


def queries(kind: str, n: int) -> list[str]:
    rng = random.Random(1)
    out = []
    for _ in range(n):
        company = f"{R.BASE}/id/organisation/company-{rng.randrange(238)}"
        if kind == "ASK {}":
            q = "ASK {}"
        elif kind == "lookup":
            q = f"SELECT ?p ?o WHERE {{ <{company}> ?p ?o }}"
        else:
            q = R.PREFIX + (f"SELECT ?fact ?metric ?period ?value WHERE {{ ?fact mg:subject <{company}> ; "
                            "mg:metric ?m ; mg:period/rdfs:label ?period ; mg:value ?value . ?m rdfs:label ?metric } "
                            "ORDER BY ?period ?fact LIMIT 100")
        out.append(urlencode({"query": q}))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, required=True, help="directory holding store/ (benchmarks/sparql/run.py)")
    ap.add_argument("--env", nargs="*", type=lambda kv: tuple(kv.split("=", 1)), default=[],
                    help="MARKETGRAPH_NAME=value settings for the marketgraph server")
    args = ap.parse_args()
    store = args.data / "store"
    (oxi_proc, oxi), (our_proc, ours) = R.start_oxigraph(store), R.start_ours(store, dict(args.env))
    try:
        print("| request | Oxigraph CPU ms | marketgraph CPU ms |\n|---|---|---|")
        for kind, n in (("ASK {}", 2000), ("lookup", 2000), ("join", 600)):
            texts, cost = queries(kind, n), {}
            for name, port, proc, path in (("ours", ours, our_proc, "/sparql?"), ("oxigraph", oxi, oxi_proc, "/query?")):
                conn = R.connect(port)
                for _ in range(2):  # the first pass warms the caches
                    before = cpu_seconds(proc.pid)
                    for q in texts:
                        conn.request("GET", path + q, headers={"Accept": R.JSON})
                        conn.getresponse().read()
                    cost[name] = (cpu_seconds(proc.pid) - before) / n * 1000
                conn.close()
            print(f"| {kind} | {cost['oxigraph']:.3f} | {cost['ours']:.3f} |", flush=True)
    finally:
        R.stop(our_proc)
        R.stop(oxi_proc)


if __name__ == "__main__":
    main()
