"""Dated company actions (kind event): a production start, a facility completed, a deal agreed or closing, the next
report, a call or webcast — an action cue and an explicit date in one clause ("mass production is scheduled to
begin in April 2024", "On 4 July, Acme agreed to acquire Beta AB", "Our next report is due on 27 April", "will host
a conference call to discuss these results today").

Cues, their event names and the words that make an action planned rather than done live in
``mappings/patterns/events.yaml`` (``dated_actions``, ``planned_words``, ``today_words``). The subject is the issuer:
a clause that names another company before the cue is not read (that company's action is not the issuer's).
The value is the date as precise as the text gives it (a day, a month, a year); a quarter or a half gives its
year as the value and itself as the period. A planned action carries ``modality=guidance``.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Optional

from ..records import Fact, Period
from .context import ExtractionContext
from .periods import PeriodMention, day, month


class ActionRules:
    def __init__(self, cfg: dict):
        self.cues = [(re.compile(str(c["cue"]), re.IGNORECASE), str(c["event"])) for c in cfg.get("dated_actions") or []]
        self.planned = re.compile(str(cfg.get("planned_words") or r"(?!)"), re.IGNORECASE)
        self.today = re.compile(str(cfg.get("today_words") or r"(?!)"), re.IGNORECASE)


def _value(p: Period) -> tuple[str, Optional[Period]]:
    """(the date as written, the period when it is a quarter or a half)."""
    if p.kind in ("quarter", "half") and p.start is not None:
        return str(p.start.year), p
    return p.label, None


def _ahead(ctx: ExtractionContext, d: PeriodMention) -> Period:
    """A planned action's date written without its year ("due on 27 April") is not before the document's date."""
    p = d.period
    issued = ctx.doc.date
    if p.kind not in ("day", "month") or not issued or len(issued) != 10 or p.end is None or \
            re.search(r"\d{4}", ctx.text[d.start:d.end]) or p.end >= date.fromisoformat(issued):
        return p
    y = date.fromisoformat(issued).year + (1 if p.end.replace(year=date.fromisoformat(issued).year) <
                                            date.fromisoformat(issued) else 0)
    if p.kind == "day":
        return day(y, p.start.month, p.start.day) or p
    return month(y, p.start.month)


def _date_near(dates: list[PeriodMention], a: int, b: int) -> Optional[PeriodMention]:
    usable = [d for d in dates if d.how == "explicit" and d.period.kind in ("day", "month", "year", "quarter", "half")]
    if not usable:
        return None
    return min(usable, key=lambda d: d.start - b if d.start >= b else a - d.end if d.end <= a else 0)


def extract(ctx: ExtractionContext) -> list[Fact]:
    issuer = ctx.doc.issuer
    if issuer is None:
        return []
    rules = ActionRules(ctx.patterns["events"])
    if not rules.cues:
        return []
    out: list[Fact] = []
    for s in ctx.sentences:
        low = s.text
        if not any(rx.search(low) for rx, _ in rules.cues):
            continue
        m = ctx.mentions(s)
        for c in ctx.clauses(s):
            for rx, event in rules.cues:
                cue = rx.search(ctx.text, c.start, c.end)
                if cue is None:
                    continue
                others = [e for e in m.entities if e.kind == "organisation" and c.start <= e.start < cue.start()
                          and ctx.entity(e).key != issuer.key]
                if others:
                    continue                     # another company's action
                dates = [d for d in m.periods if c.start <= d.start and d.end <= c.end]
                d = _date_near(dates, cue.start(), cue.end())
                today = rules.today.search(ctx.text, c.start, c.end)
                planned = bool(rules.planned.search(ctx.text, c.start, cue.end()))
                if d is not None:
                    value, period = _value(_ahead(ctx, d) if planned else d.period)
                    a, b = min(cue.start(), d.start), max(cue.end(), d.end)
                elif today is not None and ctx.doc.date and len(ctx.doc.date) == 10:
                    value, period = ctx.doc.date, None
                    a, b = min(cue.start(), today.start()), max(cue.end(), today.end())
                else:
                    continue
                quals: tuple[tuple[str, str], ...] = (("event", event.replace("_", " ")),)
                if planned:
                    quals += (("modality", "guidance"),)
                out.append(Fact("event", ctx.doc.doc_id, issuer, ctx.evidence(a, b), metric=event, value=value,
                                period=period, qualifiers=quals))
                break
    return out
