"""Incremental add: the time to add one document to a store of N documents, and how many documents it extracts.

Builds (once, kept at --store) a store of N generated press releases of invented companies through the same
path as `marketgraph add`, then adds one new document --repeat times and reports each add's wall time, the
documents extracted, and the store's size. Usage:

    .venv/bin/python benchmarks/ingest/run.py --store /tmp/bench-ingest --documents 1000 --repeat 5

With ``--process NAME=COMMAND`` (repeatable) each add is instead one ``COMMAND add --store … FILE`` process, as a
user runs it: its CPU time (user + system, from ``os.wait4``, so start-up, imports and RocksDB's threads count)
and wall time. Each NAME gets its own copy of the store (``<store>-NAME``, made fresh from --store); the commands
run interleaved (the order alternates every round) so that a busy machine weighs on all alike, and the first
round is a warm-up left out of the figures (it fills the knowledge cache and renews the static graphs for that
command's rules). For a before/after comparison, COMMAND may run another checkout, e.g.

    .venv/bin/python benchmarks/ingest/run.py --store /tmp/bench-ingest --documents 1000 --repeat 10 \
        --process "before=env PYTHONPATH=/tmp/base-pkg .venv/bin/python -m marketgraph.graph.cli" \
        --process "after=.venv/bin/python -m marketgraph.graph.cli"
"""
from __future__ import annotations

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from marketgraph.graph.generations import current_catalog
from marketgraph.graph.ingest import ingest
from marketgraph.graph.inputs import Input
from marketgraph.graph.settings import Settings

TEMPLATE = """{company} reports {quarter} results

{city}, {month} {day}, {year} -- {company} today announced its unaudited results for the {quarter_words}.
Revenue reached RMB {revenue} billion, up {growth}% year over year. Adjusted net profit was RMB {profit} million.
Smartphone shipments reached {units} million units in the quarter.
"""
SYLLABLES = ["quil", "mar", "ven", "tor", "sel", "dra", "bix", "lum", "cor", "nex", "pal", "rho", "zen", "kai"]


def company(i: int) -> str:
    a, b, c = SYLLABLES[i % 14], SYLLABLES[(i // 14) % 14], SYLLABLES[(i // 196) % 14]
    return f"{(a + b + c).capitalize()} Devices Ltd"


def document(i: int) -> bytes:
    q = 1 + i % 4
    return TEMPLATE.format(company=company(i), quarter=f"Q{q} 2021", city="Northton", month="May",
                           day=1 + i % 28, year=2021, quarter_words=f"quarter ended {['March', 'June', 'September', 'December'][q - 1]} 2021",
                           revenue=f"{10 + i % 90}.{i % 10}", growth=1 + i % 40, profit=100 + i % 900,
                           units=f"{1 + i % 9}.{i % 10}").encode("utf-8")


def clone_store(src: Path, dst: Path) -> None:
    """A copy of the served generation of ``src`` and its document area as a fresh store at ``dst``."""
    for old in (dst, *(dst.with_name(dst.name + x) for x in (".generations", ".documents", ".cache", ".lock"))):
        if old.is_symlink() or old.is_file():
            old.unlink()
        elif old.is_dir():
            shutil.rmtree(old)
    gen, _ = current_catalog(src)
    assert gen is not None, f"no store at {src}"
    gens = dst.with_name(dst.name + ".generations")
    gens.mkdir(parents=True)
    shutil.copytree(gen, gens / gen.name)
    shutil.copy2(gen.with_name(gen.name + ".json"), gens / (gen.name + ".json"))
    shutil.copytree(src.with_name(src.name + ".documents"), dst.with_name(dst.name + ".documents"))
    os.symlink(gens / gen.name, dst)


def one_process(command: list[str], store: Path, data: bytes, name: str) -> tuple[float, float, int]:
    """CPU (user + system) and wall seconds of one ``command add`` process, and its exit status."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        t = time.perf_counter()
        proc = subprocess.Popen([*command, "add", "--store", str(store), str(path)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        return usage.ru_utime + usage.ru_stime, time.perf_counter() - t, os.waitstatus_to_exitcode(status)


def processes(args: argparse.Namespace) -> None:
    variants = [(v.split("=", 1)[0], shlex.split(v.split("=", 1)[1])) for v in args.process]
    stores = {name: args.store.with_name(f"{args.store.name}-{name}") for name, _ in variants}
    for name, _ in variants:
        clone_store(args.store, stores[name])
    cpu: dict[str, list[float]] = {name: [] for name, _ in variants}
    wall: dict[str, list[float]] = {name: [] for name, _ in variants}
    loads = [os.getloadavg()[0]]
    stamp = int(time.time()) % 10**5 * 100
    for k in range(args.repeat + 1):
        order = variants if k % 2 == 0 else variants[::-1]
        for name, command in order:
            i = 2 * 10**7 + stamp + k * len(variants) + [n for n, _ in variants].index(name)
            c, w, status = one_process(command, stores[name], document(i), f"new-{i}.txt")
            if status != 0:
                raise SystemExit(f"{name}: `add` exited with {status}")
            if k > 0:
                cpu[name].append(c)
                wall[name].append(w)
        loads.append(os.getloadavg()[0])
    print(f"one `add` process into a store of {args.documents} documents, {args.repeat} interleaved rounds after a "
          f"warm-up; load average (1 min) {min(loads):.1f}-{max(loads):.1f} on {os.cpu_count()} cores")
    print("| command | CPU per add, median (min-max) s | wall per add, median (min-max) s |")
    print("|---|---|---|")
    for name, _ in variants:
        c, w = cpu[name], wall[name]
        print(f"| {name} | {statistics.median(c):.2f} ({min(c):.2f}-{max(c):.2f}) | "
              f"{statistics.median(w):.2f} ({min(w):.2f}-{max(w):.2f}) |")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--documents", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--process", action="append", default=[], metavar="NAME=COMMAND",
                    help="measure `COMMAND add` processes (CPU by os.wait4, wall) instead of in-process adds")
    args = ap.parse_args()
    settings = Settings(store=args.store)
    _, cat = current_catalog(args.store)
    have = len(cat.documents)
    if have < args.documents:
        t = time.perf_counter()
        inputs = [Input(f"bench-{i}.txt", f"bench:{i}", document(i)) for i in range(have, args.documents)]
        for start in range(0, len(inputs), 200):
            r = ingest(settings, inputs[start:start + 200])
            print(f"  built {start + len(inputs[start:start + 200]) + have} documents "
                  f"({r.extracted / r.seconds:.1f} docs/s)", flush=True)
        print(f"store of {args.documents} documents built in {time.perf_counter() - t:.0f} s")
    if args.process:
        processes(args)
        return
    times, extracted = [], []
    for k in range(args.repeat):
        i = 10**6 + int(time.time()) % 10**5 * 10 + k
        t = time.perf_counter()
        r = ingest(settings, [Input(f"new-{i}.txt", f"new:{i}", document(i))])
        times.append(time.perf_counter() - t)
        extracted.append(r.extracted)
    _, cat = current_catalog(args.store)
    print(f"documents in store: {len(cat.published())}, quads: {cat.triples}")
    print(f"add one document: median {statistics.median(times):.2f} s, max {max(times):.2f} s "
          f"over {args.repeat} adds; documents extracted per add: {sorted(set(extracted))}")


if __name__ == "__main__":
    main()
