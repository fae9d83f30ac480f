"""What an application serving from a remote Oxigraph server (MARKETGRAPH_REMOTE_*) spends on the lookup index at
start and after every publication: loading the records the publication put in the catalogue graph (one query,
checked against the catalogue's stamp, graph/lookupdata.py) against indexing the server (one request per record,
as before), in interleaved rounds, same run. The two indexes are compared entry by entry.

Data: an embedded store with its catalogue and records beside it (``<store>.json``, ``<store>.lookup.json``, e.g.
the 1 M store of benchmarks/pages) and its N-Quads; ``oxigraph load`` fills ``--location`` once, then the
catalogue graph (catalogue, stamp, records) is loaded as a publication would PUT it, and
``oxigraph serve-read-only`` serves it.

    .venv/bin/python benchmarks/remote/lookup_start.py --store /tmp/perf12/bench1m/store \\
        --data /tmp/perf12/bench1m/data.nq --location /tmp/perf12/remote1m --rounds 2
"""
from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from marketgraph.api.browse.context import BrowseContext
from marketgraph.api.browse.entity_page import PageBuilder
from marketgraph.api.browse.graphview import GraphView
from marketgraph.api.browse.lookup_index import LookupIndex
from marketgraph.api.browse.ontology import Ontology
from marketgraph.api.browse.rendering import template_env
from marketgraph.graph import lookupdata
from marketgraph.graph.catalog import Catalog
from marketgraph.graph.iris import Iris
from marketgraph.graph.publish import _catalogue_nt
from marketgraph.graph.remote_read import RemoteReadStore
from marketgraph.graph.settings import Settings

BIN = Path(sys.executable).parent


def serve(location: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([str(BIN / "oxigraph"), "serve-read-only", "--location", str(location), "--bind",
                             f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, params={"query": "ASK {}"}, timeout=5).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("oxigraph serve-read-only did not answer")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path, required=True, help="an embedded store with <store>.json and .lookup.json")
    ap.add_argument("--data", type=Path, required=True, help="the store's N-Quads")
    ap.add_argument("--location", type=Path, required=True, help="the Oxigraph server's directory (made once)")
    ap.add_argument("--base", default="http://localhost:8000")
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    catalog = Catalog.from_json(args.store.with_name(args.store.name + ".json").read_text(encoding="utf-8"))
    records = lookupdata.sidecar(args.store).read_bytes()
    iris = Iris(args.base)
    if not args.location.exists():
        t = time.perf_counter()
        subprocess.run([str(BIN / "oxigraph"), "load", "--location", str(args.location), "--file", str(args.data)],
                       check=True)
        print(f"loaded {args.data} in {time.perf_counter() - t:.0f} s")
    with tempfile.TemporaryDirectory() as tmp:   # the catalogue graph, as a publication puts it
        nt = Path(tmp) / "catalogue.nt"
        nt.write_bytes(_catalogue_nt(iris, catalog, "bench", records))
        subprocess.run([str(BIN / "oxigraph"), "load", "--location", str(args.location), "--file", str(nt),
                        "--graph", str(iris.catalog_graph)], check=True, capture_output=True)
    proc, url = serve(args.location)
    try:
        settings = Settings(base_iri=args.base)
        remote = RemoteReadStore(url)
        view, ontology = GraphView(remote, args.base), Ontology.load(settings.paths.ontology)   # type: ignore[arg-type]
        ctx = BrowseContext(settings, view, ontology, PageBuilder(view, ontology), template_env(settings.paths.templates))
        times: dict[str, list[float]] = {"kept": [], "store": []}
        built: dict[str, LookupIndex] = {}
        for _ in range(args.rounds):
            t = time.perf_counter()
            text, data = remote.catalogue_and_lookup(str(iris.catalog_graph))
            kept = lookupdata.verified(data, Catalog.from_json(text or "{}").lookup)
            assert kept is not None, "the records in the catalogue graph do not match its catalogue"
            built["kept"] = LookupIndex.from_records(kept.values(), ctx.describe_record)
            times["kept"].append(time.perf_counter() - t)
            t = time.perf_counter()
            built["store"] = LookupIndex.from_view(view, ctx.describe_record)
            times["store"].append(time.perf_counter() - t)
        same = [(e.iri, e.label, e.description, e.names) for e in built["kept"].entries] == \
               [(e.iri, e.label, e.description, e.names) for e in built["store"].entries]
        k, s = statistics.median(times["kept"]), statistics.median(times["store"])
        print(f"{len(built['kept'].entries):,} entries ({len(records):,} bytes of records); identical: {same}")
        print(f"index from the catalogue graph: {k * 1000:.0f} ms; from the server's data: {s * 1000:.0f} ms; "
              f"ratio {k / s:.4f} (median of {args.rounds})")
    finally:
        proc.terminate()
        proc.wait()


if __name__ == "__main__":
    main()
