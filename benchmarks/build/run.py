"""Build speed against the store's own bulk load: documents/s, build/bulk-load, CPU, peak RSS.

For each size: a synthetic corpus (benchmarks/build/corpus.py; size 11 = the bundled corpora, seeds and dev, through
`marketgraph build`), built into a fresh store by the real CLI in a child process (wall time; CPU time and peak
RSS of the child and every process it waited for, from wait4), then the store's N-Quads dump bulk-loaded into a
fresh pyoxigraph store (the peer), in interleaved rounds (load, build, load, build ...), so machine load hits both.

    .venv/bin/python benchmarks/build/run.py --sizes 11,200,1000 --rounds 1 --work /tmp/mg-build-bench
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[2]
MG = str(Path(sys.executable).with_name("marketgraph"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus  # noqa: E402


@dataclass
class Run:
    wall: float
    cpu: float
    rss_mb: float


def timed(cmd: list[str], env: dict | None = None) -> tuple[Run, str]:
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
    out = proc.stdout.read().decode("utf-8", "replace") if proc.stdout else ""
    _, status, ru = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    if os.waitstatus_to_exitcode(status) not in (0, 3):
        raise SystemExit(f"{' '.join(cmd)} failed:\n{out[-3000:]}")
    return Run(wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024), out


def build(size: int, work: Path, store: Path, env: dict) -> Run:
    for p in (store, store.with_name(store.name + ".generations"), store.with_name(store.name + ".documents")):
        if p.is_symlink() or p.is_file():
            p.unlink()
        elif p.exists():
            shutil.rmtree(p)
    if size == 11:
        cmd = [MG, "build", "--corpus", "all", "--store", str(store)]
    else:
        corpus = work / f"corpus-{size}"
        if not corpus.is_dir() or len(list(corpus.glob("*.txt"))) != size:
            shutil.rmtree(corpus, ignore_errors=True)
            write_corpus(corpus, size)
        cmd = [MG, "add", str(corpus), "--store", str(store)]
    run, _ = timed(cmd, env)
    return run


def bulk_load(store: Path, work: Path) -> Run:
    dump = work / "dump.nq"
    if not dump.exists():
        ox.Store.read_only(str(store)).dump(str(dump), format=ox.RdfFormat.N_QUADS)
    target = work / "bulk"
    shutil.rmtree(target, ignore_errors=True)
    code = ("import pyoxigraph as ox,sys; s=ox.Store(sys.argv[1]); "
            "s.bulk_load(path=sys.argv[2], format=ox.RdfFormat.N_QUADS); s.optimize(); print(len(s))")
    run, _ = timed([sys.executable, "-c", code, str(target), str(dump)])
    shutil.rmtree(target, ignore_errors=True)
    return run


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="11,200,1000")
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--work", type=Path, default=Path("/tmp/mg-build-bench"))
    args = ap.parse_args()
    env = {k: v for k, v in os.environ.items() if not k.startswith("MARKETGRAPH_")}
    rows = []
    for size in [int(s) for s in args.sizes.split(",")]:
        work = args.work / str(size)
        work.mkdir(parents=True, exist_ok=True)
        store = work / "store"
        (work / "dump.nq").unlink(missing_ok=True)
        builds, loads = [], []
        for r in range(args.rounds):
            builds.append(build(size, work, store, env))
            loads.append(bulk_load(store, work))
            b, lo = builds[-1], loads[-1]
            print(f"  {size} round {r + 1}: build {b.wall:.1f} s wall, {b.cpu:.1f} s CPU, {b.rss_mb:.0f} MB; "
                  f"bulk load {lo.wall:.2f} s wall, {lo.cpu:.2f} s CPU", flush=True)
        cat = ox.Store.read_only(str(store))
        docs = sum(1 for _ in cat.named_graphs() if "/graph/" in _.value and _.value.rsplit("/", 1)[1] not in
                   ("entities", "shared", "conflicts", "ontology"))
        quads = len(cat)
        bw, bc = statistics.median(b.wall for b in builds), statistics.median(b.cpu for b in builds)
        lw, lc = statistics.median(x.wall for x in loads), statistics.median(x.cpu for x in loads)
        rows.append((size, docs, quads, docs / bw, docs / bc, bw / lw, bc / lc, max(b.rss_mb for b in builds)))
    print("\n| files | documents | quads | documents/s (wall) | documents per CPU-s | build / bulk load (wall) "
          "| build / bulk load (CPU) | peak RSS |")
    print("|---|---|---|---|---|---|---|---|")
    for size, docs, quads, dps, dpc, rw, rc, rss in rows:
        print(f"| {size} | {docs} | {quads:,} | {dps:.1f} | {dpc:.1f} | {rw:.1f}× | {rc:.1f}× | {rss:.0f} MB |")


if __name__ == "__main__":
    main()
