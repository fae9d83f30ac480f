"""Compile mappings/docmodel.yaml into the typed rules of the document-model modules."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .aboutness import AboutnessRules, CategoryRule
from .dates import DateRules
from .fiscal_text import FiscalRules
from .publisher import PublisherRules
from .templates import Templates
from .titles import TitleRules
from .turns import LayoutRules, TurnLayout
from ..yamlload import load_file


@dataclass(frozen=True)
class DocModelRules:
    dates: DateRules
    titles: TitleRules
    publisher: PublisherRules
    aboutness: AboutnessRules
    fiscal: FiscalRules
    turns: LayoutRules


def _weekday_numbers(raw: list[str]) -> dict[str, int]:
    """weekday word -> Monday=0 …; the list in segmentation.yaml gives full names then abbreviations in order."""
    full = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    out: dict[str, int] = {}
    for w in raw:
        w = str(w).lower()
        out[w] = next(i for i, f in enumerate(full) if f.startswith(w[:3]))
    return out


def _pats(t: Templates, items: Any) -> tuple[re.Pattern[str], ...]:
    return tuple(p for s in items or [] for p in t.dated(str(s)))


def compile_docmodel(raw: dict[str, Any], seg_raw: dict[str, Any]) -> DocModelRules:
    t = Templates(seg_raw, {"{NAME}": "(?:" + str(raw.get("person_name") or r"[A-Z][\w.'’-]+(?:[ ][A-Z][\w.'’-]*){1,3}") + ")",
                            "{STAMP}": "(?:" + str((raw.get("turns") or {}).get("stamp") or r"(?!x)x") + ")?"})
    d = raw.get("dates") or {}
    dates = DateRules(
        shapes=tuple(t.dated("{DATE}")), cue=t.one(str(d["cue"])), call=t.one(str(d["call"])),
        period_prefix=t.one(str(d["period_prefix"])), line_prefix=t.one(str(d["line_prefix"])),
        line_suffix=t.one(str(d["line_suffix"])), closing_line=_pats(t, d.get("closing_lines")),
        weekday_mention=t.one(str(d["weekday_mention"])),
        weekdays=_weekday_numbers(seg_raw.get("weekdays") or []), months=t.months,
        head_chars=int(d.get("head_chars", 800)), line_max=int(d.get("line_max", 120)),
        order={str(k): tuple(v) for k, v in (d.get("order") or {"default": ["cue", "line", "call", "short"]}).items()})
    ti = raw.get("titles") or {}
    titles = TitleRules(markup=_pats(t, ti.get("markup")), strip=t.one(str(ti.get("strip", r"(?!x)x"))),
                        prefix=t.one(str(ti.get("prefix", r"(?!x)x"))))
    pu = raw.get("publisher") or {}
    publisher = PublisherRules(
        site=_pats(t, pu.get("site")), masthead_cut=t.one(str(pu.get("masthead_cut", r"(?!x)x"))),
        not_masthead=t.one(str(pu.get("not_masthead", r"(?!x)x"))),
        keep_upper=int(pu.get("keep_upper", 2)),
        research_self=_pats(t, pu.get("research_self")), research_cited=_pats(t, pu.get("research_cited")),
        story_cited=_pats(t, pu.get("story_cited")))
    ab = raw.get("aboutness") or {}
    aboutness = AboutnessRules(
        categories=tuple(CategoryRule(str(c["category"]), t.one(str(c["regex"]))) for c in ab.get("categories") or []),
        first_party_genres=frozenset(ab.get("first_party_genres") or []),
        release_cues=_pats(t, ab.get("release_cues")), market_genres=frozenset(ab.get("market_genres") or []),
        lead_chars=int(ab.get("lead_chars", 400)))
    fi = raw.get("fiscal") or {}
    fiscal = FiscalRules.compile(fi, t)
    tu = raw.get("turns") or {}
    turns = LayoutRules(
        layouts=tuple(TurnLayout.compile(x, t) for x in tu.get("layouts") or []),
        analyst=t.one(str(tu.get("analyst", r"\b(?i:analyst)s?\b"))),
        operator=t.one(str(tu.get("operator", r"^(?i:operator)$"))),
        title_split=t.one(str(tu.get("title_split", r"[ ]+(?:--|—|–|-)[ ]+|,[ ]*"))),
        firm_intro=t.one(str(tu.get("firm_intro", r"(?!x)x"))),
        name_correction=t.one(str(tu.get("name_correction", r"(?!x)x"))),
        firm_place=t.one(str(tu.get("firm_place", r"(?!x)x"))),
        roster_heading=t.one(str(tu.get("roster_heading", r"(?!x)x"))),
        roster_entry=_pats(t, tu.get("roster_entries")),
        roster_analysts=t.one(str(tu.get("roster_analysts", r"(?!x)x"))),
        min_turns=int(tu.get("min_turns", 3)),
        self_intro=t.one(str(tu["self_intro"])) if tu.get("self_intro") else None)
    return DocModelRules(dates, titles, publisher, aboutness, fiscal, turns)


def load_docmodel_rules(path: Path, seg_raw: dict[str, Any]) -> DocModelRules:
    return compile_docmodel(load_file(path) or {}, seg_raw)
