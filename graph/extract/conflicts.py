"""Conflicting figures across documents: the same statement key with different values.

The key is (kind, subject, metric, period, market, basis, unit). Two facts of the same key from *different*
documents whose values cannot both be true are a ``Conflict`` (hedges widen a figure: "more than RMB200 billion"
agrees with RMB205.8 billion, "about 35%" with 35.4%); figures inside one document are restatements or corrections,
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
    if f.kind == "ranking" and not isinstance(f.value, Decimal):
        return None      # positions stated in words ("world leading", "global leadership") are not figures
    return (f.kind, f.subject.key, f.metric, f.period.label, f.market.key if f.market else None, f.basis, f.unit,
            f.qualifier("rank_type"))


LOWER_BOUND = frozenset({"more than", "over", "at least"})      # the value is at least the figure
UPPER_BOUND = frozenset({"less than", "up to", "nearly", "close to"})  # the value is at most the figure
APPROXIMATE = frozenset({"approximately", "about", "roughly", "around"})
APPROX_TOL = Decimal("0.05")


def _interval(f: Fact, rel_tol: Decimal) -> tuple[Decimal, Decimal]:
    """The values a hedged figure allows: "more than 200" is [200, inf), "about 200" is 200 +/- 5%."""
    v = f.value
    assert isinstance(v, Decimal)
    slack = abs(v) * (APPROX_TOL if f.hedge in APPROXIMATE or f.hedge in UPPER_BOUND else rel_tol)
    if f.hedge in LOWER_BOUND:
        return v, Decimal("Infinity")
    if f.hedge in UPPER_BOUND:
        return v - slack if f.hedge in ("nearly", "close to") else Decimal("-Infinity"), v
    return v - slack, v + slack


def _differ(a: Fact, b: Fact, rel_tol: Decimal) -> bool:
    if isinstance(a.value, Decimal) and isinstance(b.value, Decimal):
        (a0, a1), (b0, b1) = _interval(a, rel_tol), _interval(b, rel_tol)
        return a1 < b0 or b1 < a0
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
