"""Page and lookup latency over a real server on loopback (not a timed test).

Builds the seed graph into a temporary store (or uses --store / --dataset), serves it with uvicorn on 127.0.0.1,
warms the app, then times entity pages (HTML) and lookups sequentially with httpx; writes p50/p95 to RESULTS.md.

    .venv/bin/python benchmarks/pages/run.py [--store PATH | --dataset FILE.nq] [--rounds 3] [--write]
"""
from __future__ import annotations

import argparse
import random
import socket
import statistics
import tempfile
import threading
import time
from pathlib import Path

import httpx
import pyoxigraph as ox
import uvicorn

from marketgraph.api.app import create_app
from marketgraph.api.browse.context import BrowseContext
from marketgraph.api.browse.entity_page import PageBuilder
from marketgraph.api.browse.graphview import GraphView
from marketgraph.api.browse.ontology import Ontology
from marketgraph.api.browse.rendering import template_env
from marketgraph.api.browse.storecalls import CountingStore
from marketgraph.graph.settings import Settings

HERE = Path(__file__).resolve().parent
SEED = 20261127


def seed_store(tmp: Path, base: str) -> Path:
    from marketgraph.graph.build import build

    store = tmp / "store"
    build(Settings(store=store, corpus="seeds", base_iri=base))
    return store


def file_store(tmp: Path, dataset: Path) -> Path:
    store = tmp / "store"
    s = ox.Store(str(store))
    s.load(path=str(dataset), format=ox.RdfFormat.from_extension(dataset.suffix.lstrip(".")))
    s.flush()
    del s
    return store


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def page_calls(ro: ox.Store, base: str, ontology: Ontology, entities: list[str], per_kind: int = 40) -> dict[str, int]:
    """The most store calls any of the first ``per_kind`` pages of each kind (metric, organisation ...) makes."""
    counting = CountingStore(ro)
    builder = PageBuilder(GraphView(counting, base), ontology)   # type: ignore[arg-type]
    out: dict[str, int] = {}
    seen: dict[str, int] = {}
    for iri in entities:
        kind = iri[len(base) + 4:].split("/")[0]
        if seen.get(kind, 0) >= per_kind:
            continue
        seen[kind] = seen.get(kind, 0) + 1
        counting.calls = 0
        builder.entity(iri)
        out[kind] = max(out.get(kind, 0), counting.calls)
    return out


def home_at_start(view: GraphView, store: Path) -> tuple[float, bool]:
    """The time the app takes to make the home page's data when it starts (or a new generation is published),
    from the counts the served catalogue kept if it kept any."""
    from marketgraph.api.browse.site import home_data
    from marketgraph.graph.generations import current_catalog

    counts = getattr(current_catalog(store)[1], "headlines", None)
    t = time.perf_counter()
    home_data(view, counts) if counts else home_data(view)
    return (time.perf_counter() - t) * 1000, bool(counts)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--store", type=Path)
    ap.add_argument("--dataset", type=Path, help="a TriG or N-Quads file instead of the seed build")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--base", default="http://localhost:8000", help="base IRI of the graph")
    ap.add_argument("--write", action="store_true", help="write benchmarks/pages/RESULTS.md")
    args = ap.parse_args()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    base = args.base
    tmp = Path(tempfile.mkdtemp(prefix="mg-pages-bench-"))
    t0 = time.perf_counter()
    store = args.store or (file_store(tmp, args.dataset) if args.dataset else seed_store(tmp, base))
    build_s = time.perf_counter() - t0
    settings = Settings(store=store, base_iri=base)
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning"))
    th = threading.Thread(target=server.run, daemon=True)
    th.start()
    while not server.started:
        time.sleep(0.05)
    ro = ox.Store.read_only(str(store.resolve()))
    t = time.perf_counter()
    view, ontology = GraphView(ro, base), Ontology.load(settings.paths.ontology)
    ctx = BrowseContext(settings, view, ontology, PageBuilder(view, ontology), template_env(settings.paths.templates))
    index_entries = len(ctx.index.entries)   # the same build the app does at start
    index_ms = (time.perf_counter() - t) * 1000
    home_start_ms, kept = home_at_start(view, store)
    prefix = base + "/id/"
    facts = {q.subject.value for q in ro.quads_for_pattern(
        None, ox.NamedNode("https://w3id.org/marketgraph/ontology#factKind"), None, None)}
    entities, labels = set(), []
    for q in ro.quads_for_pattern(None, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), None, None):
        iri = q.subject.value
        parts = iri[len(prefix):].split("/") if iri.startswith(prefix) else []
        if len(parts) == 2 and parts[0] not in ("fact", "evidence", "source", "scheme", "document") and iri not in facts:
            entities.add(iri)
            labels.append(q.object.value)
    docs = sorted({q.subject.value for q in ro.quads_for_pattern(
        None, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
        ox.NamedNode("https://w3id.org/marketgraph/ontology#Document"), None)})
    rng = random.Random(SEED)
    entities = sorted(entities)
    queries = []
    for lab in rng.sample(labels, min(200, len(labels))):
        cut = rng.choice([len(lab), max(2, len(lab) // 2)])
        q = lab[:cut].lower()
        if rng.random() < 0.2 and len(q) > 4:    # a typo
            i = rng.randrange(1, len(q) - 1)
            q = q[:i] + q[i + 1:]
        queries.append(q)
    calls = page_calls(ro, base, ontology, entities)
    page_ms, lookup_ms, sizes, doc_ms, home_ms = [], [], [], [], []
    by_kind: dict[str, list[float]] = {}
    with httpx.Client(base_url=url, timeout=30) as c:
        c.get("/api/entities", params={"q": "warm"})
        for iri in entities[:20]:
            c.get(iri[len(base):], headers={"Accept": "text/html"})
        for _ in range(args.rounds):
            for iri in entities:
                t = time.perf_counter()
                r = c.get(iri[len(base):], headers={"Accept": "text/html"})
                page_ms.append((time.perf_counter() - t) * 1000)
                by_kind.setdefault(iri[len(prefix):].split("/")[0], []).append(page_ms[-1])
                assert r.status_code == 200, (iri, r.status_code)
                sizes.append(len(r.content))
            for _ in range(20):
                t = time.perf_counter()
                assert c.get("/", headers={"Accept": "text/html"}).status_code == 200
                home_ms.append((time.perf_counter() - t) * 1000)
            for iri in docs:
                t = time.perf_counter()
                r = c.get(iri[len(base):], headers={"Accept": "text/html"})
                doc_ms.append((time.perf_counter() - t) * 1000)
                assert r.status_code == 200, (iri, r.status_code)
            for q in queries:
                t = time.perf_counter()
                r = c.get("/api/entities", params={"q": q, "limit": 10})
                lookup_ms.append((time.perf_counter() - t) * 1000)
                assert r.status_code == 200
    server.should_exit = True
    th.join(10)
    lines = [
        f"- graph: {'seed build' if not (args.store or args.dataset) else (args.store or args.dataset)}, {len(ro)} quads, "
        f"{len(entities)} entities, {len(facts)} facts (build {build_s:.1f} s)",
        f"- lookup index ({index_entries} entries, with ontology load) read from the store in {index_ms:.0f} ms (what the "
        f"app does at start only when the generation kept no records: benchmarks/pages/startup.py)",
        f"- home page data made in {home_start_ms:.0f} ms at app start ("
        f"{'counts kept in the catalogue at publish' if kept else 'facts counted by the server'})",
        "- store calls (queries + pattern lookups) to assemble a page, max by kind: "
        + ", ".join(f"{k} {n}" for k, n in sorted(calls.items())),
        f"- entity pages (HTML, {len(page_ms)} requests, median size {statistics.median(sizes) / 1024:.1f} KiB): "
        f"p50 {pct(page_ms, 50):.1f} ms, p95 {pct(page_ms, 95):.1f} ms, max {max(page_ms):.1f} ms (target p50 < 50 ms)",
        f"- document pages (text with every fact marked, {len(doc_ms)} requests): "
        f"p50 {pct(doc_ms, 50):.1f} ms, p95 {pct(doc_ms, 95):.1f} ms" if doc_ms else "- no document pages",
        f"- home page ({len(home_ms)} requests): p50 {pct(home_ms, 50):.1f} ms, p95 {pct(home_ms, 95):.1f} ms",
        *[f"- {kind} pages ({len(xs)}): p50 {pct(xs, 50):.1f} ms, p95 {pct(xs, 95):.1f} ms, max {max(xs):.1f} ms"
          for kind, xs in sorted(by_kind.items()) if kind in ("organisation", "metric", "product", "period", "market")],
        f"- lookup (/api/entities, {len(lookup_ms)} requests, prefixes/full labels/typos): "
        f"p50 {pct(lookup_ms, 50):.1f} ms, p95 {pct(lookup_ms, 95):.1f} ms, max {max(lookup_ms):.1f} ms (target p95 < 20 ms)",
    ]
    print("\n".join(lines))
    if args.write:
        cmd = "    .venv/bin/python benchmarks/pages/run.py --write"
        (HERE / "RESULTS.md").write_text(
            "# Page and lookup latency\n\n"
            "Sequential requests from one httpx client to uvicorn on 127.0.0.1 (one worker, in-process store, "
            "shared 2-core machine with other work running), after a warm-up. Times include HTTP on loopback.\n\n"
            f"Produced {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} by\n\n{cmd}\n\n"
            + "\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
