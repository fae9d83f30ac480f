"""CPU time per request (not a test): what one request costs marketgraph's server (app process and its query
workers, from /proc) against `oxigraph serve-read-only`, on the same store, one request at a time, warm. Unlike
queries per second it does not move with the load other jobs put on the machine.

    .venv/bin/python benchmarks/sparql/cpu.py --data /tmp/mg-bench      # the store run.py generates
    .venv/bin/python benchmarks/sparql/cpu.py --data /tmp/mg-bench --against main   # and that revision's server

With ``--against REV`` a third server runs that revision of the code (same settings, same store), measured in the
same passes, so a change is judged before/after on one machine state.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import run as R  # noqa: E402  (a sibling script, not a package)

TICKS = os.sysconf("SC_CLK_TCK")
METRICS = ["revenue", "shipments", "gross-margin", "market-share"]


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


def settle(pid: int, seconds: float = 90.0) -> None:
    """Wait until a server is idle (start-up work, such as the lookup index, would be counted otherwise)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        before = cpu_seconds(pid)
        time.sleep(0.5)
        if cpu_seconds(pid) - before < 0.02:
            return


def queries(kind: str, n: int) -> list[tuple[str, str]]:
    """(path on marketgraph, path on Oxigraph) of ``n`` requests of one kind."""
    rng = random.Random(1)
    out = []
    for _ in range(n):
        company = f"{R.BASE}/id/organisation/company-{rng.randrange(238)}"
        if kind == "named":  # /queries/{name} on ours; the same text with the IRIs written in on Oxigraph
            params = {"subject": company, "metric": f"{R.BASE}/id/metric/{rng.choice(METRICS)}"}
            out.append(("/queries/metric-time-series?" + urlencode({**params, "format": "json"}),
                        "/query?" + urlencode({"query": R.written_in("metric-time-series", params)})))
            continue
        if kind == "ASK {}":
            q = "ASK {}"
        elif kind == "lookup":
            q = f"SELECT ?p ?o WHERE {{ <{company}> ?p ?o }}"
        else:
            q = R.PREFIX + (f"SELECT ?fact ?metric ?period ?value WHERE {{ ?fact mg:subject <{company}> ; "
                            "mg:metric ?m ; mg:period/rdfs:label ?period ; mg:value ?value . ?m rdfs:label ?metric } "
                            "ORDER BY ?period ?fact LIMIT 100")
        out.append(("/sparql?" + urlencode({"query": q}), "/query?" + urlencode({"query": q})))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, required=True, help="directory holding store/ (benchmarks/sparql/run.py)")
    ap.add_argument("--env", nargs="*", type=lambda kv: tuple(kv.split("=", 1)), default=[],
                    help="MARKETGRAPH_NAME=value settings for the marketgraph server")
    ap.add_argument("--against", metavar="REV", help="also measure this git revision's server (e.g. main)")
    ap.add_argument("--rounds", type=int, default=1, help="measured passes per server (interleaved); the least "
                                                           "CPU of them is reported")
    args = ap.parse_args()
    store = args.data / "store"
    servers = {"oxigraph": R.start_oxigraph(store), "ours": R.start_ours(store, dict(args.env))}
    if args.against:
        tree = R.source_tree(args.against)
        servers[args.against] = R.start_ours(store, dict(args.env), tree)
    try:
        for proc, _ in servers.values():
            settle(proc.pid)
        names = list(servers)
        print(f"| request | {' | '.join(n if n != 'ours' else 'marketgraph (this tree)' for n in names)} |")
        print("|---" * (len(names) + 1) + "|")
        for kind, n in (("ASK {}", 2000), ("lookup", 2000), ("join", 600), ("named", 600)):
            texts, cost = queries(kind, n), {name: [] for name in names}
            for r in range(args.rounds + 1):  # the first pass warms the caches
                for name in (names if r % 2 == 0 else names[::-1]):
                    proc, port = servers[name]
                    conn = R.connect(port)  # a new connection per pass: an idle one is closed by the server
                    before = cpu_seconds(proc.pid)
                    for ours, oxigraph in texts:
                        conn.request("GET", oxigraph if name == "oxigraph" else ours, headers={"Accept": R.JSON})
                        conn.getresponse().read()
                    if r:
                        cost[name].append((cpu_seconds(proc.pid) - before) / n * 1000)
                    conn.close()
            print(f"| {kind} | {' | '.join(f'{min(cost[name]):.3f}' for name in names)} |", flush=True)
    finally:
        for proc, _ in servers.values():
            R.stop(proc)
        if args.against:
            shutil.rmtree(tree, ignore_errors=True)


if __name__ == "__main__":
    main()
