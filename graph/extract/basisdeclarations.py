"""An accounting basis a document declares once for the figures after it: "Unless noted, comparisons are year over
year and margins are non-GAAP", "All figures in this release are on an adjusted basis unless otherwise stated".

A declaration names a scope (margins only, or every figure of a measure that has a basis: profits, margins,
earnings per share, expenses) and a basis word of ``frames.yaml`` ``accounting``; it holds from where it is stated
to the end of the document, for figures whose clause states no basis of its own. The grammar is data:
``frames.yaml`` ``accounting_declarations`` (regexes with the groups ``scope`` and ``basis``; ``{BASIS}`` stands
for the basis words), ``accounting_declaration_scopes`` (scope word -> the metric-key words it covers, ``*`` for
every measure with a basis), ``accounting_measure_words`` (the words of such measures' keys) and
``accounting_declaration_not_after`` ("several figures are non-GAAP" declares nothing).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping, Optional

from .patterns import alternation


@dataclass(frozen=True)
class Declaration:
    start: int                   # where the declaration is stated: it holds for figures after it
    basis: str                   # canonical basis ("adjusted", "GAAP" ...)
    words: frozenset[str]        # metric-key words a figure's measure must contain one of


def read_declarations(text: str, start: int, end: int, frames: dict) -> tuple[Declaration, ...]:
    """The declarations of ``text[start:end]`` (one document), in order."""
    accounting = {str(k): str(v) for k, v in (frames.get("accounting") or {}).items()}
    if not accounting:
        return ()
    scopes = {str(k).casefold(): [str(w) for w in v] for k, v in (frames.get("accounting_declaration_scopes") or {}).items()}
    measure = frozenset(str(w) for w in frames.get("accounting_measure_words") or [])
    basis = alternation(accounting)
    lower = {k.casefold(): v for k, v in accounting.items()}
    partial = re.compile(rf"(?<![\w-])(?:{alternation(str(w) for w in frames.get('accounting_declaration_not_after') or [])})\s+$",
                         re.IGNORECASE)
    out = []
    for pattern in frames.get("accounting_declarations") or []:
        rx = re.compile(str(pattern).replace("{BASIS}", rf"(?P<basis>{basis})"), re.IGNORECASE)
        for m in rx.finditer(text, start, end):
            words = scopes.get(m.group("scope").casefold())
            value = lower.get(m.group("basis").casefold())
            if words is None or not value or partial.search(text, max(start, m.start("scope") - 20), m.start("scope")):
                continue
            out.append(Declaration(m.start(), value, measure if "*" in words else frozenset(words)))
    return tuple(sorted(out, key=lambda d: d.start))


def declared_basis(declarations: tuple[Declaration, ...], at: int, metric: Optional[str]) -> Optional[str]:
    """The basis the last declaration before ``at`` gives a figure of ``metric`` (a metric key), if it covers it."""
    if not metric:
        return None
    parts = set(metric.split("-"))
    for d in reversed(declarations):
        if d.start < at:
            return d.basis if parts & d.words else None
    return None


def reported_measure(metrics: Mapping[str, Any], accounting_rx: re.Pattern[str], accounting: Mapping[str, str],
                     metric: Optional[str], label: Optional[str],
                     basis: Optional[str]) -> tuple[Optional[str], Optional[str]]:
    """"Non-GAAP operating income was $318 million; on a GAAP basis it was $251 million": a figure its clause states
    on the reported basis (GAAP, IFRS) of a measure whose name carries another basis (adjusted operating profit,
    carried in from the sentence before) is the broader, reported measure's. Else (metric, label) unchanged."""
    entry = metrics.get(metric or "")
    if basis not in ("GAAP", "IFRS") or entry is None or not entry.broader:
        return metric, label
    word = accounting_rx.match(entry.label)
    if word is None or accounting.get(word.group(0)) in (None, "GAAP", "IFRS"):
        return metric, label
    broader = metrics.get(entry.broader)
    return entry.broader, broader.label if broader is not None else entry.broader.replace("-", " ")
