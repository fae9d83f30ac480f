"""Strict evaluation of the extraction against gold files (conventions: tests/gold/STRICT.md).

A fact is right only when value, unit, subject, metric and period — and, where the gold states them, market,
change basis and modality — are all right. ``evaluate`` returns an ``EvalReport`` with per-kind scores, the
numeric subset, wrong facts by field and recall by failure class.
"""
from __future__ import annotations

from .gold import COLUMNS, GOLD_KINDS, SCALES, GoldFormatError, GoldRow, load_gold, locate
from .report import EvalReport, FalsePositive, KindScore, Miss, Score
from .scoring import evaluate

__all__ = ["COLUMNS", "GOLD_KINDS", "SCALES", "GoldFormatError", "GoldRow", "load_gold", "locate", "EvalReport",
           "FalsePositive", "KindScore", "Miss", "Score", "evaluate"]
