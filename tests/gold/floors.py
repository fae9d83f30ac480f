"""Measure the strict scores of the corpora and (with --write) rewrite the floors the quality tests assert.

Usage: .venv/bin/python tests/gold/floors.py [--write] [CORPUS ...]
Corpora: seeds, dev, broad, fresh, unseen, sealed (default: all). Without --write it prints, per corpus, the measured
numeric and all-kinds precision and recall and the floors (measured - 0.02, rounded down to 0.01); with --write
it rewrites tests/gold/floors.yaml, replacing only the corpora measured. Only aggregate scores are printed: the
sealed documents and gold rows are never shown.
"""
from __future__ import annotations

import argparse
import datetime
import subprocess
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quality_support import CORPORA, FLOORS, MEASURES, baseline, floors_document, measured  # noqa: E402

HEADER = ("# Floors under the strict scores of each corpus (graph/evaluation): the measured value minus 0.02,\n"
          "# rounded down to 0.01. tests/test_extraction_quality.py (seeds, dev, broad, sealed) and\n"
          "# tests/test_generality.py (unseen) fail below them. Data, not rules: regenerate with\n"
          "#   .venv/bin/python tests/gold/floors.py --write [CORPUS ...]\n"
          "# when the engine changes (it prints the values before writing without --write).\n")


def _commit(root: Path) -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True,
                             timeout=10)
        return out.stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="rewrite tests/gold/floors.yaml")
    parser.add_argument("corpora", nargs="*", metavar="CORPUS", help=f"one of {', '.join(CORPORA)} (default: all)")
    args = parser.parse_args(argv)
    unknown = [n for n in args.corpora if n not in CORPORA]
    if unknown:
        parser.error(f"unknown corpus {unknown[0]!r} (corpora: {', '.join(CORPORA)})")
    names = args.corpora or list(CORPORA)
    reports = {}
    for name in names:
        report = baseline(name).report
        reports[name] = report
        values = measured(report)
        print(f"{name:7} " + "  ".join(f"{m} {float(values[m]):.3f}" for m in MEASURES))
    today = datetime.date.today().isoformat()
    new = floors_document(reports, f"measured {today} at commit {_commit(FLOORS.parent)}")
    for name, entry in new["corpora"].items():
        print(f"{name:7} floors " + "  ".join(f"{m} {entry['floors'][m]:.2f}" for m in MEASURES))
    if not args.write:
        return 0
    old = yaml.safe_load(FLOORS.read_text(encoding="utf-8")) if FLOORS.exists() else {}
    corpora = dict((old or {}).get("corpora") or {})
    corpora.update(new["corpora"])
    body = yaml.safe_dump({"corpora": {n: corpora[n] for n in CORPORA if n in corpora}}, sort_keys=False)
    FLOORS.write_text(HEADER + body, encoding="utf-8")
    print(f"wrote {FLOORS}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
