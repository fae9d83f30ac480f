"""The application served from a remote `oxigraph serve-read-only` (MARKETGRAPH_REMOTE_*, no embedded store),
measured against that same Oxigraph server answering directly, in interleaved rounds.

Data: the seeded generator of benchmarks/sparql/generate.py (N-Quads), bulk-loaded once with `oxigraph load`.
Measures: ASK round trip p50 (app vs server), a light SELECT mix at 1 and 4 clients (queries/s, ratio), and on the
app alone lookup and entity-page p50/p95 and the app process's RSS.

    .venv/bin/python benchmarks/remote/run.py --data /tmp/mg-remote-10m --triples 10000000 --seconds 4 --rounds 3
"""
from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
MG = "https://w3id.org/marketgraph/ontology#"
LIGHT = [
    "SELECT ?l WHERE { <{e}> <http://www.w3.org/2000/01/rdf-schema#label> ?l }",
    "SELECT ?f ?v WHERE { ?f <" + MG + "subject> <{e}> ; <" + MG + "value> ?v } LIMIT 50",
    "SELECT (COUNT(?f) AS ?n) WHERE { ?f <" + MG + "subject> <{e}> }",
    "ASK { <{e}> ?p ?o }",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait(url: str, params: dict, proc: subprocess.Popen, what: str, seconds: float = 600) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"{what} exited with {proc.returncode}")
        try:
            if httpx.get(url, params=params, timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"{what} did not answer within {seconds:.0f} s")


def prepare(data: Path, triples: int, base: str) -> Path:
    """The server's store: the generator's own (``store/``, the same on-disk format as `oxigraph serve`), else the
    N-Quads bulk-loaded with `oxigraph load`."""
    nq, location = data / "data.nq", data / "oxigraph"
    if (data / "store" / "CURRENT").exists():
        return data / "store"
    if not nq.exists():
        subprocess.run([sys.executable, str(HERE.parent / "sparql" / "generate.py"), "--triples", str(triples),
                        "--base", base, "--out", str(data)], check=True)
        return data / "store"
    if not (location / "CURRENT").exists():
        t = time.perf_counter()
        subprocess.run([str(BIN / "oxigraph"), "load", "--location", str(location), "--file", str(nq)], check=True)
        print(f"oxigraph load: {time.perf_counter() - t:.0f} s", flush=True)
    return location


def entities(server: str, n: int = 200) -> list[str]:
    q = f"SELECT DISTINCT ?e WHERE {{ ?f <{MG}subject> ?e }} LIMIT {n}"
    r = httpx.post(server + "/query", data={"query": q}, params={"union-default-graph": ""},
                   headers={"Accept": "application/sparql-results+json"}, timeout=120)
    return [b["e"]["value"] for b in r.json()["results"]["bindings"]]


def one(client: httpx.Client, url: str, query: str, direct: bool) -> float:
    t = time.perf_counter()
    params = {"query": query, **({"union-default-graph": ""} if direct else {})}
    r = client.get(url, params=params, headers={"Accept": "application/sparql-results+json"})
    r.raise_for_status()
    return time.perf_counter() - t


def mix_rate(url: str, ents: list[str], direct: bool, clients: int, seconds: float) -> float:
    done = [0] * clients

    def run(k: int) -> None:
        rng = random.Random(k)
        with httpx.Client(timeout=60) as c:
            end = time.monotonic() + seconds
            while time.monotonic() < end:
                one(c, url, rng.choice(LIGHT).replace("{e}", rng.choice(ents)), direct)
                done[k] += 1
    threads = [threading.Thread(target=run, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(done) / seconds


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * p))] * 1000


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("VmRSS")) / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--triples", type=int, default=10_000_000)
    ap.add_argument("--seconds", type=float, default=4.0)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--base", default="http://127.0.0.1:8000")
    args = ap.parse_args()
    args.data.mkdir(parents=True, exist_ok=True)
    location = prepare(args.data, args.triples, args.base)
    oport, aport = free_port(), free_port()
    oxi = subprocess.Popen([str(BIN / "oxigraph"), "serve-read-only", "--location", str(location), "--bind",
                            f"127.0.0.1:{oport}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    server = f"http://127.0.0.1:{oport}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("MARKETGRAPH_")}
    env.update(MARKETGRAPH_STORE=str(args.data / "no-embedded-store"), MARKETGRAPH_BASE_IRI=args.base,
               MARKETGRAPH_REMOTE_QUERY_URL=server + "/query", MARKETGRAPH_REMOTE_STORE_URL=server + "/store")
    app = subprocess.Popen([sys.executable, "-m", "uvicorn", "--factory", "marketgraph.api.app:create_app", "--host",
                            "127.0.0.1", "--port", str(aport), "--log-level", "warning", "--no-access-log"], env=env)
    url = f"http://127.0.0.1:{aport}"
    try:
        wait(server + "/query", {"query": "ASK {}"}, oxi, "oxigraph")
        wait(url + "/sparql", {"query": "ASK {}"}, app, "the app")
        n = httpx.post(server + "/query", data={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"},
                       headers={"Accept": "application/sparql-results+json"}, timeout=600).json()
        print(f"quads on the server: {int(n['results']['bindings'][0]['n']['value']):,}", flush=True)
        ents = entities(server)
        ask = {"app": [], "oxigraph": []}
        rates = {(w, c): [] for w in ("app", "oxigraph") for c in (1, 4)}
        with httpx.Client(timeout=60) as c:
            for _ in range(args.rounds):
                for who, u, direct in (("oxigraph", server + "/query", True), ("app", url + "/sparql", False)):
                    ask[who] += [one(c, u, "ASK {}", direct) for _ in range(200)]
                    for clients in (1, 4):
                        rates[(who, clients)].append(mix_rate(u, ents, direct, clients, args.seconds))
        lookups, pages = [], []
        labels = [b["l"]["value"] for b in httpx.post(server + "/query", data={
            "query": "SELECT ?l WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?l } LIMIT 300"},
            params={"union-default-graph": ""}, headers={"Accept": "application/sparql-results+json"}).json()[
            "results"]["bindings"]]
        with httpx.Client(timeout=120) as c:
            c.get(url + "/api/entities", params={"q": "warm"})   # the index is built on first use
            rng = random.Random(3)
            for label in labels:
                q = label[: max(3, len(label) // 2)] if rng.random() < 0.5 else label
                t = time.perf_counter()
                c.get(url + "/api/entities", params={"q": q}).raise_for_status()
                lookups.append(time.perf_counter() - t)
            for e in ents[:100]:
                t = time.perf_counter()
                c.get(url + e[len(args.base):], headers={"Accept": "text/html"}).raise_for_status()
                pages.append(time.perf_counter() - t)
        print("\n| measure | Oxigraph server | marketgraph over it | ratio |\n|---|---|---|---|")
        a, o = statistics.median(ask["app"]) * 1000, statistics.median(ask["oxigraph"]) * 1000
        print(f"| ASK round trip p50 | {o:.2f} ms | {a:.2f} ms | {a / o:.1f}× |")
        for clients in (1, 4):
            ro, ra = statistics.median(rates[("oxigraph", clients)]), statistics.median(rates[("app", clients)])
            print(f"| light mix, {clients} client(s) | {ro:.0f} q/s | {ra:.0f} q/s | {ra / ro:.2f}× |")
        print(f"| lookup p50 / p95 | — | {pct(lookups, 0.5):.1f} / {pct(lookups, 0.95):.1f} ms | |")
        print(f"| entity page p50 / p95 | — | {pct(pages, 0.5):.1f} / {pct(pages, 0.95):.1f} ms | |")
        print(f"| app RSS after the run | — | {rss_mb(app.pid):.0f} MB | |")
    finally:
        for p in (app, oxi):
            p.terminate()
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()


if __name__ == "__main__":
    main()
