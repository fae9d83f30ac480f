"""Several sources, one fact: find differing figures for the same key across documents.

The key is (kind, subject, metric, period, market, basis, unit). Two unhedged figures under one key conflict when
neither is the other rounded to its stated precision (17.6 and 18 agree; 17.6 and 16.9 conflict). Hedged figures
("more than 30%") never conflict with exact ones. Both facts are kept; the conflict is a flag between them.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, ROUND_HALF_UP
from itertools import combinations
from typing import Iterable

from .records import Fact

CONFLICT_KINDS = ("metric", "market_share", "change", "ranking", "price")


@dataclass(frozen=True)
class Conflict:
    a: Fact
    b: Fact

    @property
    def key(self) -> tuple:
        return conflict_key(self.a)


def conflict_key(f: Fact) -> tuple:
    return (f.kind, f.subject.key, f.metric, f.period.label if f.period else None,
            f.market.key if f.market else None, f.basis, f.unit, f.qualifier("variant"))


def _agree(x: Decimal, y: Decimal) -> bool:
    if x == y:
        return True
    for a, b in ((x, y), (y, x)):
        exp = b.normalize().as_tuple().exponent
        quantum = Decimal(1).scaleb(exp if isinstance(exp, int) else 0)
        if a.quantize(quantum, rounding=ROUND_HALF_UP) == b:
            return True
    return False


def find_conflicts(facts: Iterable[Fact]) -> list[Conflict]:
    groups: dict[tuple, list[Fact]] = {}
    for f in facts:
        if f.kind in CONFLICT_KINDS and isinstance(f.value, Decimal) and not f.hedge and f.period is not None:
            groups.setdefault(conflict_key(f), []).append(f)
    out = []
    for group in groups.values():
        for a, b in combinations(group, 2):
            if a.doc_id != b.doc_id and not _agree(a.value, b.value):
                out.append(Conflict(a, b))
    return out
