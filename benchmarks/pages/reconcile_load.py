"""Lookup latency while reconciliation batches run (issue 9: a 5,000-query batch must not delay a concurrent lookup
by more than 100 ms). Not a test: prints lookup p50 / p95 / max idle, under back-to-back 500-query batches (the
largest accepted), and under 5,000-query batches (refused with 413).

    .venv/bin/python benchmarks/pages/reconcile_load.py [--store PATH] [--seconds 10]
"""
from __future__ import annotations

import argparse
import json
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import uvicorn

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import pct, seed_store  # noqa: E402

from marketgraph.api.app import create_app  # noqa: E402
from marketgraph.graph.settings import Settings  # noqa: E402

NAMES = ["xiaomi corporation", "mi mix alpha", "redmi note 8", "poland", "revenue", "mi 10 ultra", "mi band 4",
         "europe", "xaomi", "smartphone shipments"]


def lookups(url: str, seconds: float) -> list[float]:
    out = []
    end = time.perf_counter() + seconds
    with httpx.Client(base_url=url, timeout=60) as c:
        i = 0
        while time.perf_counter() < end:
            t = time.perf_counter()
            r = c.get("/api/entities", params={"q": NAMES[i % len(NAMES)], "limit": 10})
            out.append((time.perf_counter() - t) * 1000)
            assert r.status_code == 200
            i += 1
            time.sleep(0.02)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--store", type=Path)
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--base", default="http://localhost:8000")
    args = ap.parse_args()
    store = args.store or seed_store(Path(tempfile.mkdtemp(prefix="mg-recon-bench-")), args.base)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    server = uvicorn.Server(uvicorn.Config(create_app(Settings(store=store, base_iri=args.base)), host="127.0.0.1",
                                           port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    httpx.get(url + "/api/entities", params={"q": "warm"}, timeout=60)
    print(f"idle: {summary(lookups(url, args.seconds))}")
    for size, expect in ((500, 200), (5000, 413)):
        batch = json.dumps({f"q{i}": {"query": NAMES[i % len(NAMES)], "limit": 10} for i in range(size)})
        stop = threading.Event()
        counts = {"batches": 0, "seconds": 0.0}

        def load() -> None:
            with httpx.Client(base_url=url, timeout=300) as c:
                while not stop.is_set():
                    t = time.perf_counter()
                    r = c.post("/reconcile", data={"queries": batch})
                    assert r.status_code == expect, r.status_code
                    counts["batches"] += 1
                    counts["seconds"] += time.perf_counter() - t

        th = threading.Thread(target=load)
        th.start()
        lat = lookups(url, args.seconds)
        stop.set()
        th.join()
        per = counts["seconds"] / max(counts["batches"], 1)
        print(f"under back-to-back {size}-query batches ({expect}, {counts['batches']} batches, "
              f"{per * 1000:.0f} ms each): {summary(lat)}")
    server.should_exit = True


def summary(xs: list[float]) -> str:
    return f"lookup p50 {pct(xs, 50):.1f} ms, p95 {pct(xs, 95):.1f} ms, max {max(xs):.1f} ms ({len(xs)} requests)"


if __name__ == "__main__":
    main()
