"""The slots of a figure's frame (metric, subject, period, market, source, modality, accounting basis, hedge): a
filled :class:`Slot` and the compiled :class:`SlotRules` every slot reader uses.

Each slot is filled from the figure's own clause first, then from the sentence, then from the discourse state
(``discourse.py``), then from the document, and records where it came from (``how``). The readers:
``metricslot.py``, ``subjectslot.py``, ``periodslot.py``, ``marketslot.py`` (market, source),
``qualifierslots.py`` (modality, accounting basis, hedge, change basis).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from .basisdeclarations import Declaration, read_declarations
from .context import ExtractionContext
from .patterns import accounting_regex, alternation


SUBJECT_KINDS = ("organisation", "segment", "platform", "product", "series", "brand", "fund")
SOURCE_TYPES = ("ResearchFirm", "RankingBody")


@dataclass(frozen=True)
class Slot:
    value: object
    how: str
    start: int = -1
    end: int = -1


@dataclass
class SlotRules:
    pronouns: dict[str, list[str]]
    first_person: re.Pattern[str]
    market_total: list[re.Pattern[str]]
    market_total_3p: list[re.Pattern[str]]
    market_total_research: list[re.Pattern[str]]
    market_metrics: frozenset[str]
    instant_metrics: frozenset[str]
    day_metrics: frozenset[str]
    modality: dict[str, re.Pattern[str]]
    modality_headings: dict[str, list[str]]
    modality_words: dict[str, re.Pattern[str]]
    modality_after: dict[str, re.Pattern[str]]
    accounting: dict[str, str]
    accounting_rx: re.Pattern[str]
    pronoun_rx: dict[str, re.Pattern[str]]
    group_rx: str
    verb_rx: Optional[re.Pattern[str]] = None
    verb_metrics: dict[str, str] = field(default_factory=dict)
    object_verb_rx: Optional[re.Pattern[str]] = None
    object_verbs: dict[str, str] = field(default_factory=dict)
    stock_move: Optional[re.Pattern[str]] = None     # "Sorano shares rose", "Lanxi shares closed"
    part_metrics: frozenset[str] = frozenset()        # measures only a part of a company reports ("segment profit")
    accounting_followers: re.Pattern[str] = re.compile(r"(?!)")   # words that may follow a basis after a figure
    declarations: tuple[Declaration, ...] = ()        # bases the document declares for the figures after them

    @classmethod
    def load(cls, ctx: ExtractionContext) -> "SlotRules":
        f = ctx.patterns["frames"]
        pron = {k: [str(w) for w in v] for k, v in (f.get("pronouns") or {}).items()}
        I = re.IGNORECASE
        return cls(
            pronouns=pron,
            first_person=re.compile(rf"(?<![\w'’])(?:{alternation(f.get('first_person') or [])})(?![\w'’])".replace(
                "'s", "['’]s"), I),          # "the Group’s" with a typographic apostrophe is "the group's"
            market_total=[re.compile(p, I) for p in f.get("market_total") or []],
            market_total_3p=[re.compile(p, I) for p in f.get("market_total_third_party") or []],
            market_total_research=[re.compile(p, I) for p in f.get("market_total_research") or []],
            market_metrics=_with_narrower(ctx, f.get("market_metrics") or []),
            instant_metrics=_with_narrower(ctx, f.get("instant_metrics") or []),
            day_metrics=_with_narrower(ctx, f.get("day_metrics") or []),
            modality={k: re.compile(rf"(?<![\w])(?:{alternation(v)})(?![\w])", I)
                      for k, v in (f.get("modality") or {}).items()},
            modality_headings={k: [str(x).casefold() for x in v] for k, v in (f.get("modality_headings") or {}).items()},
            modality_after={k: re.compile(rf"\s*(?:{alternation(v)})(?![\w-])", I)
                            for k, v in (f.get("modality_after_nouns") or {}).items()},
            modality_words={k: re.compile(rf"(?<![\w])(?:{alternation(f.get('modality_' + k) or [])})(?![\w])", I)
                            for k in ("estimate_clause", "estimate_after", "past", "copulas", "future", "not",
                                      "consensus_after", "own_agents", "other_agents", "after_verbs", "other_possessives", "preliminary", "estimate_that")},
            accounting={str(k): str(v) for k, v in (f.get("accounting") or {}).items()},
            accounting_rx=accounting_regex(f),
            pronoun_rx={k: re.compile(rf"(?<![\w'’])(?:{alternation(v)})(?![\w'’])", I) for k, v in pron.items()},
            group_rx=rf"(?:['’]s?)?\s*(?:(?:\w+\s+){{0,3}}(?:{alternation(f.get('group_words') or [])})\b)",
            stock_move=re.compile(str(f["stock_move"]), I) if f.get("stock_move") else None,
            part_metrics=frozenset(str(k) for k in f.get("part_metrics") or []),
            accounting_followers=re.compile(
                rf"\s+(?:{alternation(f.get('accounting_after_figure_followers') or [])})(?![\w-])", I),
            declarations=read_declarations(ctx.text, ctx.doc.start, ctx.doc.end, f),
            **_verb_rules(ctx, f),
        )


def _with_narrower(ctx: ExtractionContext, keys) -> frozenset[str]:
    """The metrics listed and every narrower one of the metric scheme (average retail price is an average
    price)."""
    listed = {str(k) for k in keys}
    out = set(listed)
    for key, entry in ctx.gazetteer.metrics.items():
        seen, up = set(), entry.broader
        while up and up not in seen:
            if up in listed:
                out.add(key)
                break
            seen.add(up)
            parent = ctx.gazetteer.metrics.get(up)
            up = parent.broader if parent is not None else None
    return frozenset(out)


def _verb_rules(ctx: ExtractionContext, f: dict) -> dict:
    """The verbs of the metric scheme that take a figure as their object ("employs about 3,400 people", "shipped
    4.4 million PCs"), with the hedges that may stand between verb and figure."""
    table: dict[str, str] = {}
    for entry in ctx.gazetteer.metrics.values():
        for v in entry.verbs:
            table.setdefault(v.casefold(), entry.key)
    if not table:
        return {}
    hedges = alternation(f.get("verb_object_hedges") or [])
    plain = [v for v in table if "*" not in v]
    rx = re.compile(rf"(?<![\w'’-])(?P<v>{alternation(plain)})\s+(?:(?:{hedges})\s+)*$", re.IGNORECASE)
    # "values Lumenpeak at about $1.24 billion": "*" in a verb stands for its object, a name or a pronoun
    obj = r"(?:it|them|the\s+(?:company|group|business|start-?up|firm)|[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,4})"
    framed, keys = [], {}
    for v, key in table.items():
        if "*" in v:
            head, _, tail = v.partition("*")
            group = f"obj_{len(framed)}"
            framed.append(rf"(?i:{re.escape(head.strip())})\s+(?P<{group}>{obj})\s+(?i:{re.escape(tail.strip())})")
            keys[group] = key
    out: dict = {"verb_rx": rx, "verb_metrics": table}
    if framed:
        out["object_verb_rx"] = re.compile(rf"(?<![\w'’-])(?P<v>{'|'.join(framed)})\s+(?i:(?:{hedges})\s+)*$")
        out["object_verbs"] = keys
    return out
