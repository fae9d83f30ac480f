"""Time from starting the server to its first answer, and lookup latency after it, for this tree and for another
revision in the same rounds (each start is a fresh process; the revisions alternate).

The app's start builds the lookup index (from the records a publication kept beside the generation, or from the
store), the home page's data and the ontology page; uvicorn answers only once that is done. Lookups are the
page benchmark's (benchmarks/pages/run.py): 200 labels of the store cut to prefixes, 1 in 5 with a typo, asked
once the VoID statistics the app makes in a background thread after it starts are done (they compete for the
interpreter while they run).

    .venv/bin/python benchmarks/pages/startup.py --store /tmp/std_bench1m/store --against HEAD~1 --rounds 3
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import io
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = r"""
import json, random, socket, sys, threading, time
t0 = time.perf_counter()
from pathlib import Path
import httpx, uvicorn, pyoxigraph as ox
from marketgraph.api.app import create_app
from marketgraph.graph.settings import Settings
store, base = Path(sys.argv[1]), sys.argv[2]
with socket.socket() as s:
    s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]
imported = time.perf_counter()
app = create_app(Settings(store=store, base_iri=base))
server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
threading.Thread(target=server.run, daemon=True).start()
while not server.started:
    time.sleep(0.01)
c = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60)
assert c.get("/api/entities", params={"q": "a"}).status_code == 200
ready = time.perf_counter()
ro = ox.Store.read_only(str(store.resolve()))
labels = sorted({q.object.value for q in ro.quads_for_pattern(
    None, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), None, None)
    if q.subject.value.startswith(base + "/id/") and q.subject.value.split("/")[-2] not in
    ("fact", "evidence", "source", "scheme", "document")})
rng = random.Random(20261127)
queries = []
for lab in rng.sample(labels, min(200, len(labels))):
    q = lab[:rng.choice([len(lab), max(2, len(lab) // 2)])].lower()
    if rng.random() < 0.2 and len(q) > 4:
        i = rng.randrange(1, len(q) - 1); q = q[:i] + q[i + 1:]
    queries.append(q)
for th in threading.enumerate():   # lookups at steady state: after the VoID statistics made in the background
    if th.name == "void-statistics":
        th.join()
times = []
for q in queries:
    t = time.perf_counter()
    assert c.get("/api/entities", params={"q": q, "limit": 10}).status_code == 200
    times.append((time.perf_counter() - t) * 1000)
ctx = app.state.browse
print(json.dumps({"ready_s": ready - imported, "lookups_ms": times,
                  "index": getattr(ctx, "index_source", "store"), "entries": len(ctx.index.entries)}))
server.should_exit = True
"""


def tree_of(rev: str) -> Path:
    """A copy of revision ``rev`` importable as ``marketgraph`` (the layout pyproject's package-dir gives)."""
    out = Path(tempfile.mkdtemp(prefix="mg-startup-")) / "marketgraph"
    out.mkdir()
    data = subprocess.run(["git", "-C", str(ROOT), "archive", rev], check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(out)
    (out / "__init__.py").touch()
    return out.parent


def run(pythonpath: Path | None, store: Path, base: str) -> dict:
    env = dict(os.environ)
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    out = subprocess.run([sys.executable, "-c", CHILD, str(store), base], check=True, capture_output=True,
                         text=True, env=env).stdout
    return json.loads(out.strip().splitlines()[-1])


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--base", default="http://localhost:8000")
    ap.add_argument("--against", default="HEAD~1")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    trees = {args.against: tree_of(args.against), "this tree": None}
    got: dict[str, list[dict]] = {k: [] for k in trees}
    for r in range(args.rounds):
        for name in (list(trees) if r % 2 == 0 else list(reversed(trees))):
            got[name].append(run(trees[name], args.store, args.base))
    with open("/proc/loadavg") as fh:
        load = fh.read().split()[:3]
    print(f"{args.store}, {args.rounds} rounds interleaved, load average {' '.join(load)}")
    ready = {}
    for name, runs in got.items():
        ready[name] = statistics.median(x["ready_s"] for x in runs)
        lk = [t for x in runs for t in x["lookups_ms"]]
        each = ", ".join(f"{x['ready_s']:.2f}" for x in runs)
        print(f"  {name:12s} index from {runs[0]['index']:5s} ({runs[0]['entries']} entries): first answer after "
              f"{ready[name]:.2f} s (median; {each}); "
              f"lookup p50 {pct(lk, 50):.1f} ms, p95 {pct(lk, 95):.1f} ms ({len(lk)})")
    print(f"  ready ratio this tree / {args.against}: {ready['this tree'] / ready[args.against]:.2f}")


if __name__ == "__main__":
    main()
