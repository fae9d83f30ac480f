"""The corpora the quality and generality tests score, their runs (cached per process: both test modules score
the same baselines) and the floors of tests/gold/floors.yaml.

A floor is the strict score measured on a corpus minus ``MARGIN``, rounded down to 0.01: a regression fails the
quality test, an improvement does not. ``tests/gold/floors.py --write`` measures again and rewrites the file.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any, Optional

import yaml

from marketgraph.graph.evalrun import CorpusRun, EvalTarget, resolve_target, run_files, target_files
from marketgraph.graph.evaluate import EvalReport, GoldRow, load_gold
from marketgraph.graph.evaluation.report import Score
from marketgraph.graph.gazetteer import Gazetteer, load_gazetteer
from marketgraph.graph.settings import Settings

ROOT = Settings().paths.root
FLOORS = ROOT / "tests" / "gold" / "floors.yaml"
MARGIN = Fraction(2, 100)
MEASURES = ("numeric_precision", "numeric_recall", "all_precision", "all_recall")

# name -> (what `marketgraph eval` is given, its gold); the sealed documents are never read by a person
CORPORA: dict[str, tuple[str, Optional[Path]]] = {
    "seeds": ("seeds", None),
    "dev": ("dev", None),
    "broad": ("broad", None),
    "fresh": ("fresh", None),
    "unseen": (str(ROOT / "tests" / "fixtures" / "unseen"), ROOT / "tests" / "gold" / "unseen"),
    "sealed": (str(ROOT / "tests" / "sealed" / "docs"), ROOT / "tests" / "sealed" / "gold"),
}
# the targets (issue 8, "Done when"): printed next to the floors, not asserted
TARGETS: dict[str, dict[str, float]] = {
    "sealed": {"numeric_recall": 0.75, "numeric_precision": 0.95},
    "seeds": {"numeric_recall": 0.90, "numeric_precision": 0.97},
}


@dataclass
class Baseline:
    """One corpus as the pipeline reads it today: its files, gold rows, run and strict report."""

    name: str
    target: EvalTarget
    files: list[Path]
    gold: list[GoldRow]
    run: CorpusRun
    report: EvalReport
    printed: bool = False                  # its tables were printed (once per process)


@functools.lru_cache(maxsize=None)
def settings() -> Settings:
    return Settings()


@functools.lru_cache(maxsize=None)
def gazetteer() -> Gazetteer:
    return load_gazetteer(settings().paths.gazetteer)


@functools.lru_cache(maxsize=None)
def baseline(name: str) -> Baseline:
    """The corpus extracted and scored as `marketgraph eval NAME` does (cached: callers must not change it)."""
    target_name, gold = CORPORA[name]
    target = resolve_target(settings(), target_name, gold)
    rows = load_gold(target.gold)
    files = target_files(settings(), target, (r.doc for r in rows))
    run = run_files(settings(), files, gazetteer())
    return Baseline(name, target, files, rows, run, run.score(rows, gazetteer()))


def fraction(score: Score, measure: str) -> Fraction:
    """Precision or recall as an exact fraction (0 when nothing was predicted or there is no gold)."""
    if measure == "precision":
        return Fraction(score.matched_predicted, score.predicted) if score.predicted else Fraction(0)
    return Fraction(score.matched_gold, score.gold) if score.gold else Fraction(0)


def measured(report: EvalReport) -> dict[str, Fraction]:
    return {f"{part}_{m}": fraction(report.numeric if part == "numeric" else report.total, m)
            for part in ("numeric", "all") for m in ("precision", "recall")}


def floor_of(value: Fraction) -> float:
    """``value - MARGIN`` rounded down to 0.01 (never below 0): exact, so 0.5 gives 0.48, not 0.47."""
    cents = (value - MARGIN) * 100
    return max(0, cents.numerator // cents.denominator) / 100


def load_floors(path: Path = FLOORS) -> dict[str, dict[str, float]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {name: {m: float(v) for m, v in (entry.get("floors") or {}).items()}
            for name, entry in (data.get("corpora") or {}).items()}


def floors_document(reports: dict[str, EvalReport], note: str) -> dict[str, Any]:
    """The content of floors.yaml for ``reports`` (per corpus: the floors and the values they come from)."""
    corpora = {}
    for name, report in reports.items():
        values = measured(report)
        corpora[name] = {"floors": {m: floor_of(values[m]) for m in MEASURES},
                         "measured": {m: round(float(values[m]), 4) for m in MEASURES},
                         "gold": report.total.gold, "numeric_gold": report.numeric.gold, "note": note}
    return {"corpora": corpora}
