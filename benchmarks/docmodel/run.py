"""Segmentation and document-model time per document (not a timed test).

Segments every registered source file and every document of sources/broad/ present, best of --rounds, with the
project gazetteer; prints (and with --write records in RESULTS.md) milliseconds per document and per 10k chars.
Growth with the text length: the same file repeated 1, 2 and 4 times (a registered bundle, so every copy is
segmented) should take about 1x, 2x and 4x.

    .venv/bin/python benchmarks/docmodel/run.py [--rounds 5] [--write]
"""
from __future__ import annotations

import argparse
import time
from datetime import datetime, timezone
from pathlib import Path

from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.segment import load_rules, segment
from marketgraph.graph.sources import SourceFile, load_registry, read_source


def _files(paths: ProjectPaths) -> list[tuple[SourceFile, str]]:
    out = [(s, read_source(paths, s.path)) for s in load_registry(paths)]
    broad = paths.sources / "broad"
    if broad.is_dir():
        out += [(SourceFile(path=f"broad/{p.name}", corpus="broad", sha256="0" * 64), p.read_text(encoding="utf-8"))
                for p in sorted(broad.iterdir())
                if p.suffix in (".txt", ".md", ".html") and not p.name.startswith("MANIFEST")]
    return out


def _best(rounds: int, work) -> float:
    best = float("inf")
    for _ in range(rounds):
        t0 = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    paths = ProjectPaths.default()
    rules = load_rules(paths, load_gazetteer(paths.gazetteer))
    files = _files(paths)
    chars = sum(len(t) for _, t in files)
    docs = sum(len(segment(s, t, rules)) for s, t in files)
    secs = _best(args.rounds, lambda: [segment(s, t, rules) for s, t in files])
    lines = [f"- {len(files)} files, {docs} documents, {chars} characters: {secs * 1000:.0f} ms "
             f"({secs * 1000 / docs:.1f} ms per document, {secs * 1e4 * 1000 / chars:.1f} ms per 10k characters)"]
    source, text = max(files, key=lambda f: len(f[1]))
    bundle = SourceFile(path="bench/repeated.txt", corpus="bench", sha256="0" * 64, bundle=True)
    base = None
    for k in (1, 2, 4):
        t = _best(args.rounds, lambda: segment(bundle, "\n\n".join([text] * k), rules))
        base = base or t
        lines.append(f"- {source.path} repeated {k}x ({len(text) * k} characters): {t * 1000:.0f} ms ({t / base:.1f}x)")
    print("\n".join(lines))
    if args.write:
        stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        Path(__file__).with_name("RESULTS.md").write_text(
            "# Segmentation and document model\n\nBest of %d rounds on the shared 2-core machine, project gazetteer.\n\n"
            "Produced %s by\n\n    .venv/bin/python benchmarks/docmodel/run.py --write\n\n%s\n"
            % (args.rounds, stamp, "\n".join(lines)), encoding="utf-8")


if __name__ == "__main__":
    main()
