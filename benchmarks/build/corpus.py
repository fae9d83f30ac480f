"""A synthetic corpus of N files: the bundled texts (every registered file, bundles included) copied round-robin,
each copy with every figure changed (tests/generality/perturb.py, seeded by the copy's number) and the issuer's
first name word replaced by an invented company name, so no two copies state the same facts of the same issuer.

    .venv/bin/python benchmarks/build/corpus.py --out /tmp/mg-corpus-1000 --files 1000
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from generality.perturb import perturb_text  # noqa: E402
from generality.run import entity_names  # noqa: E402

from marketgraph.graph.gazetteer import load_gazetteer  # noqa: E402
from marketgraph.graph.paths import ProjectPaths  # noqa: E402
from marketgraph.graph.sources import load_registry, read_source  # noqa: E402

SYLLABLES = ["quil", "mar", "ven", "tor", "sel", "dra", "bix", "lum", "cor", "nex", "pal", "rho", "zen", "kai"]


def invented(i: int) -> str:
    a, b, c = SYLLABLES[i % 14], SYLLABLES[(i // 14) % 14], SYLLABLES[(i // 196) % 14]
    return (a + b + c).capitalize()


def most_frequent_issuer_word(texts: list[str], names: list[str]) -> str:
    """The gazetteer organisation name word that the texts mention most (the corpus' issuer, found, not written)."""
    words = Counter()
    for n in names:
        first = n.split()[0] if n.split() else ""
        if len(first) > 3 and first[0].isupper():
            words[first] = sum(t.count(first) for t in texts)
    return words.most_common(1)[0][0]


def write_corpus(out: Path, files: int, paths: ProjectPaths | None = None) -> list[Path]:
    paths = paths or ProjectPaths.default()
    gz = load_gazetteer(paths.gazetteer)
    names = entity_names(gz)
    orgs = [n for e in gz.entities.values() if e.kind == "organisation" for n in (e.label, *e.aliases)]
    sources = [(s, read_source(paths, s.path)) for s in load_registry(paths)]
    issuer = most_frequent_issuer_word([t for _, t in sources], orgs)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for i in range(files):
        src, text = sources[i % len(sources)]
        new = perturb_text(text, seed=1000 + i, names=names).text.replace(issuer, invented(i))
        p = out / f"{i:05d}-{Path(src.path).stem}.txt"
        p.write_text(new, encoding="utf-8")
        written.append(p)
    return written


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--files", type=int, default=1000)
    args = ap.parse_args()
    print(f"{len(write_corpus(args.out, args.files))} files in {args.out}")


if __name__ == "__main__":
    main()
