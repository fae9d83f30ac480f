"""Conflicting figures across documents: the same statement key with different values.

The key is (kind, subject, metric, period, market, basis, unit). Two facts of the same key from *different*
documents whose values differ are a ``Conflict``; figures inside one document are restatements or corrections,
not conflicts. Facts marked as baselines of a comparison, conversions or restatements are compared like any other
(a baseline "from RMB107.4billion in 2019" is still a claim about 2019).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations
from typing import Iterable, Optional

from ..records import Fact

CONFLICT_KINDS = ("metric", "change", "market_share", "ranking", "count", "investment")


@dataclass(frozen=True)
class Conflict:
    """Two facts that state different values for the same key (``a`` sorts before ``b`` by fact id)."""

    a: Fact
    b: Fact
    key: tuple


def conflict_key(f: Fact) -> Optional[tuple]:
    if f.kind not in CONFLICT_KINDS or f.value is None or f.period is None:
        return None
    return (f.kind, f.subject.key, f.metric, f.period.label, f.market.key if f.market else None, f.basis, f.unit,
            f.qualifier("rank_type"))


def _differ(a: Fact, b: Fact, rel_tol: Decimal) -> bool:
    if isinstance(a.value, Decimal) and isinstance(b.value, Decimal):
        scale = max(abs(a.value), abs(b.value), Decimal(1))
        return abs(a.value - b.value) > rel_tol * scale
    return str(a.value) != str(b.value)


def find_conflicts(facts: Iterable[Fact], rel_tol: Decimal = Decimal("0.0005")) -> list[Conflict]:
    """Pairs of facts from different documents with the same key and different values (rounding tolerated)."""
    groups: dict[tuple, list[Fact]] = {}
    for f in facts:
        k = conflict_key(f)
        if k is not None:
            groups.setdefault(k, []).append(f)
    out: list[Conflict] = []
    for k, fs in groups.items():
        for a, b in combinations(sorted(fs, key=lambda f: f.fact_id), 2):
            if a.doc_id != b.doc_id and _differ(a, b, rel_tol):
                out.append(Conflict(a, b, k))
    return out
