"""The endpoint benchmark (not a test): marketgraph's /sparql (uvicorn, guard, lanes of worker processes) side by
side with `oxigraph serve-read-only` on the same store, both running at once and measured in interleaved rounds
(ours, Oxigraph, ours, ...) so that load from elsewhere on the machine falls on both alike.

    .venv/bin/python benchmarks/sparql/run.py --data /tmp/mg-bench     # generates ~1M triples first if missing

Measures: the light mix (entity lookup, join, aggregate, DESCRIBE) and the full mix (+ the named query
metric-time-series, its IRIs written in for both engines) at 1 and 4 clients; the ASK round trip; cheap queries
while two runaway queries run (ours only: Oxigraph has no timeout to stop them); every named query at this scale
(ours through /queries/{name} against the same text with its IRIs written in, on both servers).
Writes benchmarks/sparql/RESULTS.md.
"""
from __future__ import annotations

import argparse
import http.client
import os
import platform
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
BASE = "http://127.0.0.1:8000"
PREFIX = ("PREFIX mg: <https://w3id.org/marketgraph/ontology#> "
          "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> ")
JSON = "application/sparql-results+json"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
MIXES = {"light": ["lookup", "join", "aggregate", "describe"],
         "full": ["lookup", "join", "aggregate", "describe", "named"]}


@dataclass
class Request:
    kind: str
    ours: str
    oxigraph: str
    accept: str


def _q(text: str) -> str:
    return urlencode({"query": text})


def written_in(name: str, params: dict[str, str]) -> str:
    """The named query's text with its parameters written in, exactly as the endpoint runs it."""
    from marketgraph.api.sparql.catalog import parse_named_query
    from marketgraph.api.sparql.guard import inspect_query
    from marketgraph.api.sparql.rewrite import render_term, substitute

    q = parse_named_query(ROOT / "queries" / f"{name}.rq")
    terms = {k: render_term(v) for k, v in q.bindings(params, BASE).items()}
    return substitute(inspect_query(q.text), terms)


def make_mix(rng: random.Random, stats: dict, mix: str) -> Callable[[], Request]:
    metrics = ["revenue", "shipments", "gross-margin", "market-share"]
    kinds = MIXES[mix]
    counter = {"i": 0}

    def nxt() -> Request:
        kind = kinds[counter["i"] % len(kinds)]
        counter["i"] += 1
        company = f"{BASE}/id/organisation/company-{rng.randrange(stats['companies'])}"
        if kind == "lookup":
            q = f"SELECT ?p ?o WHERE {{ <{company}> ?p ?o }}"
        elif kind == "join":
            q = (PREFIX + f"SELECT ?fact ?metric ?period ?value WHERE {{ ?fact mg:subject <{company}> ; "
                 "mg:metric ?m ; mg:period/rdfs:label ?period ; mg:value ?value . ?m rdfs:label ?metric } "
                 "ORDER BY ?period ?fact LIMIT 100")
        elif kind == "aggregate":
            market = f"{BASE}/id/market/market-{10 + rng.randrange(stats['markets'] - 10)}"
            q = (PREFIX + f"SELECT ?metric (COUNT(?f) AS ?n) (AVG(?v) AS ?avg) WHERE {{ ?f mg:market <{market}> ; "
                 "mg:metric ?metric ; mg:value ?v } GROUP BY ?metric ORDER BY ?metric")
        elif kind == "describe":
            q = f"DESCRIBE <{BASE}/id/fact/f{rng.randrange(stats['facts'])}>"
            return Request(kind, "/sparql?" + _q(q), "/query?" + _q(q), "application/n-triples")
        else:
            params = {"subject": company, "metric": f"{BASE}/id/metric/{rng.choice(metrics)}"}
            ours = "/queries/metric-time-series?" + urlencode({**params, "format": "json"})
            return Request(kind, ours, "/query?" + _q(written_in("metric-time-series", params)), JSON)
        return Request(kind, "/sparql?" + _q(q), "/query?" + _q(q), JSON)

    return nxt


@dataclass
class Run:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0
    by_kind: dict = field(default_factory=dict)

    def add(self, other: "Run") -> None:
        self.latencies += other.latencies
        self.errors += other.errors
        self.seconds += other.seconds
        for k, v in other.by_kind.items():
            self.by_kind.setdefault(k, []).extend(v)

    @property
    def qps(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0


def connect(port: int) -> http.client.HTTPConnection:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    conn.connect()
    conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return conn


def drive(port: int, which: str, clients: int, seconds: float, seed: int, stats: dict, mix: str) -> Run:
    run, lock = Run(), threading.Lock()
    stop_at = time.monotonic() + seconds

    def client(n: int) -> None:
        nxt = make_mix(random.Random(seed * 100 + n), stats, mix)
        conn = connect(port)
        local, errors, kinds = [], 0, {}
        while time.monotonic() < stop_at:
            req = nxt()
            t0 = time.perf_counter()
            conn.request("GET", req.oxigraph if which == "oxigraph" else req.ours, headers={"Accept": req.accept})
            resp = conn.getresponse()
            resp.read()
            dt = time.perf_counter() - t0
            errors += resp.status != 200
            local.append(dt)
            kinds.setdefault(req.kind, []).append(dt)
        conn.close()
        with lock:
            run.latencies.extend(local)
            run.errors += errors
            for k, v in kinds.items():
                run.by_kind.setdefault(k, []).extend(v)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    run.seconds = time.monotonic() - t0
    return run


def timed(port: int, path: str, accept: str = JSON, times: int = 1) -> list[float]:
    conn, out = connect(port), []
    for _ in range(times):
        t0 = time.perf_counter()
        conn.request("GET", path, headers={"Accept": accept})
        resp = conn.getresponse()
        resp.read()
        out.append((time.perf_counter() - t0) if resp.status == 200 else float("nan"))
    conn.close()
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(port: int, path: str) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            c.request("GET", path)
            if c.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"no answer on port {port}")


def source_tree(rev: str) -> Path:
    """Revision ``rev`` of this checkout as a directory to put first on a server's PYTHONPATH (``--against``):
    ``marketgraph/`` holding that revision's files (package and data, as the checkout holds them)."""
    root = Path(tempfile.mkdtemp(prefix="mg-against-"))
    pkg = root / "marketgraph"
    pkg.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(pkg), "--exclude=tests"], input=archive, check=True)
    (pkg / "__init__.py").touch()
    return root


def start_ours(store: Path, env_extra: dict[str, str], pythonpath: Path | None = None) -> tuple[subprocess.Popen, int]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("MARKETGRAPH_")}
    env.update({"MARKETGRAPH_STORE": str(store), "MARKETGRAPH_BASE_IRI": BASE, **env_extra})
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "--factory", "marketgraph.api.app:create_app",
                             "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
                             "--no-access-log"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_http(port, "/sparql?" + _q("ASK {}"))
    return proc, port


def start_oxigraph(store: Path) -> tuple[subprocess.Popen, int]:
    port = free_port()
    binary = Path(sys.executable).with_name("oxigraph")
    proc = subprocess.Popen([str(binary if binary.exists() else shutil.which("oxigraph")), "serve-read-only",
                             "--location", str(store), "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_http(port, "/query?" + _q("ASK {}"))
    return proc, port


def stop(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(15)
    except subprocess.TimeoutExpired:
        proc.kill()


def pct(values: list[float], p: float) -> float:
    s = sorted(v for v in values if v == v)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))] if s else float("nan")


def ms(v: float) -> str:
    return f"{v * 1000:.1f}" if v == v else "error"


def under_runaways(port: int, seconds: float, stats: dict) -> dict[str, list[float]]:
    """Cheap queries (an inline lookup and a quick-lane ASK) while two clients keep a runaway query running."""
    stop_at = time.monotonic() + seconds

    def runaway() -> None:
        conn = connect(port)
        while time.monotonic() < stop_at:
            conn.request("GET", "/sparql?" + _q(RUNAWAY), headers={"Accept": JSON})
            conn.getresponse().read()
        conn.close()

    threads = [threading.Thread(target=runaway) for _ in range(2)]
    for t in threads:
        t.start()
    time.sleep(1.0)
    rng, out = random.Random(3), {"lookup (inline)": [], "anchored ASK (quick lane)": []}
    conn = connect(port)
    while time.monotonic() < stop_at - 0.5:
        company = f"{BASE}/id/organisation/company-{rng.randrange(stats['companies'])}"
        for kind, q in (("lookup (inline)", f"SELECT ?p ?o WHERE {{ <{company}> ?p ?o }}"),
                        ("anchored ASK (quick lane)", f"ASK {{ ?f <https://w3id.org/marketgraph/ontology#subject> "
                                                      f"<{company}> }}")):
            t0 = time.perf_counter()
            conn.request("GET", "/sparql?" + _q(q), headers={"Accept": JSON})
            resp = conn.getresponse()
            resp.read()
            out[kind].append(time.perf_counter() - t0 if resp.status == 200 else float("nan"))
        time.sleep(0.01)
    conn.close()
    for t in threads:
        t.join()
    return out


BENCH_PARAMS = {"subject": "organisation/company-1", "metric": "metric/revenue", "market": "market/market-11",
                "product": "product/product-1", "document": "document/doc-1", "entity": "organisation/company-1"}


def named_queries(ours: int, oxi: int) -> list[tuple[str, float, float, float]]:
    from marketgraph.api.sparql.catalog import load_catalog

    rows = []
    for q in load_catalog(ROOT / "queries"):
        params = {p.name: BENCH_PARAMS[p.name] for p in q.params if p.name in BENCH_PARAMS and p.type == "iri"}
        path = f"/queries/{q.name}?" + urlencode({**params, "format": "json"})
        text = written_in(q.name, params)
        first = timed(ours, path)[0]
        times = 1 if first != first or first > 3 else 3
        named = statistics.median(timed(ours, path, times=times))
        inline = statistics.median(timed(ours, "/sparql?" + _q(text), times=times))
        oxigraph = statistics.median(timed(oxi, "/query?" + _q(text), times=times))
        rows.append((q.name, named, inline, oxigraph))
        print("named", q.name, ms(named), ms(inline), ms(oxigraph), flush=True)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description="marketgraph /sparql vs oxigraph serve-read-only")
    ap.add_argument("--data", type=Path, required=True, help="directory with (or for) data.nq and store/")
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--seconds", type=float, default=4.0, help="seconds per round per server")
    ap.add_argument("--rounds", type=int, default=3, help="interleaved rounds per cell")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    ap.add_argument("--against", metavar="REV", help="also run this git revision's server in the same rounds of the "
                                                      "mixes and the ASK round trip (before/after on one machine state)")
    ap.add_argument("--skip-named", action="store_true", help="leave out the named queries and the runaway scenario")
    args = ap.parse_args()

    sys.path.insert(0, str(HERE))
    from generate import build_store, generate, scale_for  # noqa: E402  (a sibling script, not a package)

    store = args.data / "store"
    if not store.exists():
        args.data.mkdir(parents=True, exist_ok=True)
        generate(args.data / "data.nq", args.triples, args.seed, BASE)
        build_store(args.data / "data.nq", store)
    sc = scale_for(args.triples)
    stats = {"companies": sc.companies, "markets": sc.markets, "facts": sc.facts // sc.documents * sc.documents}
    import pyoxigraph as ox
    triples = len(ox.Store.read_only(str(store)))
    load_before = ", ".join(f"{x:.1f}" for x in os.getloadavg())

    # two slow-lane queries from one address are allowed here so that the runaway scenario has two
    env = {"MARKETGRAPH_SLOW_QUERIES_PER_CLIENT": "2", "MARKETGRAPH_QUERY_TIMEOUT": "10",
           "MARKETGRAPH_QUERY_CLIENT_LIMIT": "64"}
    servers = {"ours": start_ours(store, env), "oxigraph": start_oxigraph(store)}
    if args.against:
        tree = source_tree(args.against)
        servers[args.against] = start_ours(store, env, tree)
    ours, oxi = servers["ours"][1], servers["oxigraph"][1]
    paths = {name: "/query?" if name == "oxigraph" else "/sparql?" for name in servers}
    results: dict = {}
    named, runaway = [], {}
    try:
        for which, (_, port) in servers.items():
            drive(port, which, 2, 2.0, args.seed + 99, stats, "full")  # warm caches
        for mix in MIXES:
            for clients in (1, 4):
                cell = {which: Run() for which in servers}
                for r in range(args.rounds):
                    order = list(servers) if r % 2 == 0 else list(servers)[::-1]
                    for which in order:
                        cell[which].add(drive(servers[which][1], which, clients, args.seconds, args.seed + r, stats,
                                              mix))
                results[(mix, clients)] = cell
                print(mix, clients, ", ".join(f"{w} {run.qps:.1f} q/s ({run.qps / cell['oxigraph'].qps:.2f}×)"
                                              for w, run in cell.items()), flush=True)
        ask: dict[str, list[float]] = {which: [] for which in servers}
        for r in range(args.rounds):
            for which in (list(servers) if r % 2 == 0 else list(servers)[::-1]):
                ask[which] += timed(servers[which][1], paths[which] + _q("ASK {}"), times=300)
        print("ask p50", {w: ms(pct(v, 50)) for w, v in ask.items()}, flush=True)
        if not args.skip_named:
            named = named_queries(ours, oxi)
            runaway = under_runaways(ours, 12.0, stats)
            print("under runaways", {k: (ms(pct(v, 50)), ms(pct(v, 95))) for k, v in runaway.items()}, flush=True)
    finally:
        for proc, _ in servers.values():
            stop(proc)
        if args.against:
            shutil.rmtree(tree, ignore_errors=True)

    def label(which: str) -> str:
        return {"oxigraph": "Oxigraph server", "ours": "marketgraph"}.get(which, f"marketgraph at {which}")

    lines = ["# SPARQL endpoint benchmark", "",
             f"Command: `.venv/bin/python benchmarks/sparql/run.py --data {args.data} --triples {args.triples} "
             f"--seconds {args.seconds:g} --rounds {args.rounds}"
             + (f" --against {args.against}" if args.against else "") + (" --skip-named" if args.skip_named else "")
             + f"` (load average before the run: {load_before})", "",
             f"Data: {triples:,} quads from benchmarks/sparql/generate.py (seed {args.seed}); one store on disk, "
             "read by both servers, both running at once. Oxigraph: `oxigraph serve-read-only "
             "--union-default-graph`. marketgraph: uvicorn (1 process), default lanes (2 quick, 2 slow workers), "
             "guard on every query, row cap 10000; `MARKETGRAPH_SLOW_QUERIES_PER_CLIENT=2`, `QUERY_TIMEOUT=10`.",
             f"Machine: {platform.machine()}, {os.cpu_count()} CPU cores shared with the clients (Python threads, "
             f"keep-alive connections). Each cell: {args.rounds} interleaved rounds of {args.seconds:g} s per server "
             "(ours, Oxigraph, Oxigraph, ours, ...); the ratio is ours/Oxigraph in queries per second."
             + (f" *marketgraph at {args.against}*: that revision's code, same settings, a third server in the "
                "same rounds (ours, Oxigraph, it; then the reverse)." if args.against else ""),
             "Queries, in turn: entity lookup (random company), join (facts of a company with metric and period "
             "labels, ORDER BY, LIMIT 100), aggregate (COUNT/AVG per metric in a random market), DESCRIBE of a "
             "random fact (N-Triples); the full mix adds the named query metric-time-series (ours: "
             "/queries/metric-time-series with bound parameters, which the endpoint writes in as constants; "
             "Oxigraph: the same text with the IRIs written in).", ""]
    for mix in MIXES:
        lines += [f"## Mix \"{mix}\": {', '.join(MIXES[mix])}", "",
                  "| clients | server | queries/s | p50 ms | p95 ms | errors | ratio |", "|---|---|---|---|---|---|---|"]
        for clients in (1, 4):
            cell = results[(mix, clients)]
            for which in ["oxigraph", "ours"] + [w for w in cell if w not in ("oxigraph", "ours")]:
                run = cell[which]
                lines.append(f"| {clients} | {label(which)} | "
                             f"{run.qps:.1f} | {ms(pct(run.latencies, 50))} | {ms(pct(run.latencies, 95))} | "
                             f"{run.errors} | {run.qps / cell['oxigraph'].qps:.2f}× |")
        cell4 = results[(mix, 4)]
        lines += ["", f"p50 per query kind, mix \"{mix}\", 4 clients (ms):", "",
                  "| kind | " + " | ".join(label(w) for w in cell4) + " |", "|---" * (len(cell4) + 1) + "|"]
        for kind in MIXES[mix]:
            lines.append(f"| {kind} | " + " | ".join(ms(pct(run.by_kind.get(kind, []), 50)) for run in cell4.values())
                         + " |")
        lines.append("")
    lines += ["## ASK round trip", "", "| server | p50 ms | p95 ms |", "|---|---|---|"]
    lines += [f"| {label(w)} | {ms(pct(v, 50))} | {ms(pct(v, 95))} |" for w, v in ask.items()]
    if args.skip_named:
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print("\n".join(lines))
        return
    lines += ["", "## Cheap queries while two runaway queries run (marketgraph only)", "",
              f"Two clients keep `{RUNAWAY}` running (each stopped at the 10 s timeout and sent again); a third "
              "sends cheap queries for 12 s.", "", "| query | answered | p50 ms | p95 ms |", "|---|---|---|---|"]
    for kind, v in runaway.items():
        lines.append(f"| {kind} | {sum(1 for x in v if x == x)}/{len(v)} | {ms(pct(v, 50))} | {ms(pct(v, 95))} |")
    lines += ["", "## Named queries at this scale", "",
              "Median of 3 runs (1 when the first took over 3 s). *named*: /queries/{name} with parameters "
              f"({', '.join(f'{k}={v}' for k, v in BENCH_PARAMS.items())} where the query has them); *written in*: "
              "the same text with the IRIs written in, sent to /sparql; *Oxigraph*: that text on Oxigraph server.",
              "", "| query | named ms | written in ms | named / written in | Oxigraph ms |", "|---|---|---|---|---|"]
    for name, n, i, o in named:
        lines.append(f"| {name} | {ms(n)} | {ms(i)} | {n / i:.2f}× | {ms(o)} |" if i == i and n == n
                     else f"| {name} | {ms(n)} | {ms(i)} | — | {ms(o)} |")
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
