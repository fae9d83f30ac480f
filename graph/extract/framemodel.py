"""A figure's frame (:class:`Frame`: the figure with its slots) and the compiled rules of the frame engine
(:class:`FrameRules`)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional

from ..records import EntityRef, Period
from .context import ExtractionContext
from .figures import Figure, FigureRules
from .slotrules import SlotRules


@dataclass
class Frame:
    """One figure with its slots. ``kind`` is the fact kind it becomes."""

    kind: str
    figure: Figure
    span: tuple[int, int]
    metric: Optional[str] = None
    metric_label: Optional[str] = None
    metric_how: str = ""
    metric_minted: bool = False        # a measure named from the text's own noun phrase (not in the scheme)
    subject: Optional[EntityRef] = None
    subject_how: str = ""
    period: Optional[Period] = None
    period_how: str = ""
    period_at: tuple[int, int] = (-1, -1)    # where the text names the period (-1: not in the figure's clause)
    market: Optional[EntityRef] = None
    market_how: str = ""
    market_at: int = -1                # where the text names the market (-1: not in the figure's sentence)
    source: Optional[EntityRef] = None
    basis: Optional[str] = None
    basis_stated: bool = True
    accounting: Optional[str] = None
    modality: Optional[str] = None
    hedge: Optional[str] = None
    value: Optional[Decimal] = None
    unit: Optional[str] = None
    qualifiers: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class FrameRules:
    figures: FigureRules
    slots: SlotRules
    unit_metrics: dict[str, str]
    unit_names: dict[str, str]
    measure_modifiers: frozenset[str]
    measure_verbs: frozenset[str]
    stock_units: frozenset[str]
    geographic_words: frozenset[str]
    verbs: frozenset[str]
    per_share: list[tuple[re.Pattern[str], str]]
    margin_of: dict[str, str]
    multipliers: dict[str, Decimal]
    part_owned: re.Pattern[str]
    not_parts: frozenset[str]
    product_measures: frozenset[str]
    owner_nouns: frozenset[str] = frozenset()     # "of the firm's shipments": the total is a company's own

    @classmethod
    def load(cls, ctx: ExtractionContext) -> "FrameRules":
        f = ctx.patterns["frames"]
        per_share = sorted(((str(k), str(v)) for k, v in (f.get("per_share") or {}).items()), key=lambda kv: -len(kv[0]))
        return cls(FigureRules(ctx.patterns), SlotRules.load(ctx),
                   {str(k): str(v) for k, v in (f.get("unit_metrics") or {}).items()},
                   {str(k): str(v) for k, v in (f.get("unit_names_measure") or {}).items()},
                   frozenset(str(w).casefold() for w in f.get("measure_modifiers") or []),
                   frozenset(str(w).casefold() for w in f.get("measure_verbs") or []),
                   frozenset(str(w) for w in f.get("stock_units") or []),
                   frozenset(str(w).casefold() for w in f.get("geographic_parts") or []),
                   frozenset(str(v).casefold() for v in ctx.patterns["names"].get("subject_verbs") or []),
                   [(re.compile(rf"\s*,?\s*{re.escape(k)}\b", re.I), v) for k, v in per_share],
                   {str(k): str(v) for k, v in (f.get("margin_of") or {}).items()},
                   {str(k).casefold(): Decimal(str(v)) for k, v in
                    (ctx.patterns["cues"].get("multipliers") or {}).items()},
                   _part_owned(f), frozenset(str(w).casefold() for w in f.get("not_parts") or []),
                   frozenset(str(w) for w in f.get("product_measures") or []),
                   frozenset(str(w).casefold() for w in f.get("owner_nouns") or []))


def _part_owned(f: dict) -> re.Pattern[str]:
    """"Our TV business", "its mobile division", "Orvane's Mobility Solutions segment", "its Personal Computing
    Group": a part of a company named with an owner and a part noun (``frames.yaml`` part_nouns)."""
    nouns = "|".join(re.escape(str(w)) for w in sorted(f.get("part_nouns") or ["segment"], key=len, reverse=True))
    # "its TV unit sales dropped 12%": a part noun that opens a measure's name is no part ("unit sales")
    measure = "|".join(re.escape(str(w)) for w in f.get("part_noun_measures") or ["(?!x)x"])
    return re.compile(r"(?<![\w'’])(?P<owner>[Oo]ur|[Ii]ts|[Tt]heir|[Tt]he\s+(?:Group|Company|group|company)['’]s|"
                      r"(?P<name>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})['’]s?)\s+"
                      rf"(?P<np>(?:[\w&-]+\s+){{0,2}}?[\w&-]+)\s+(?P<noun>{nouns})\b(?!\s+(?:{measure})\b)")
