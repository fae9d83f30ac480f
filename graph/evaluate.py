"""The scorer's entry point (kept at this path for its callers): see ``graph/evaluation/``."""
from __future__ import annotations

from .evaluation import (COLUMNS, GOLD_KINDS, SCALES, EvalReport, GoldFormatError, GoldRow, KindScore, evaluate,
                         load_gold)
from .evaluation.criteria import unit_class
from .evaluation.periods import gold_intervals

__all__ = ["COLUMNS", "GOLD_KINDS", "SCALES", "EvalReport", "GoldFormatError", "GoldRow", "KindScore", "evaluate",
           "load_gold", "unit_class", "gold_intervals"]
