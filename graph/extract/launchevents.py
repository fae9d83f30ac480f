"""Dated company events read with the launch vocabulary (kind event): the publication line, datelines and
signature dates, and sentences with an event verb and an explicit date (``events`` in mappings/patterns/launches.yaml).
"""
from __future__ import annotations

import calendar
import re
from datetime import date
from typing import TYPE_CHECKING

from ..records import Fact, Period
from .context import ExtractionContext
from .launchdates import day, in_reported_year, this_year, year_of
from .periods import PeriodMention
from .text import Sentence

if TYPE_CHECKING:
    from .launches import LaunchRules


def _ordinal_days(ctx: ExtractionContext, s: Sentence, rules: "LaunchRules") -> list[PeriodMention]:
    """"April 6th": a day of the document's year."""
    if rules.ordinal_day is None or not ctx.doc.date:
        return []
    out = []
    months = [n.lower() for n in calendar.month_name]
    for m in rules.ordinal_day.finditer(s.text):
        try:
            d = date(int(ctx.doc.date[:4]), months.index(m.group("month").lower()), int(m.group("day")))
        except ValueError:
            continue
        out.append(PeriodMention(s.start + m.start(), s.start + m.end(), Period(d.isoformat(), "day", d, d)))
    return out


def events(ctx: ExtractionContext, rules: "LaunchRules") -> list[Fact]:
    """Dated events: the publication line, datelines and signature dates, and dated company events."""
    out: list[Fact] = []
    text = ctx.text
    lo, hi = ctx.doc.start, ctx.doc.end
    if rules.publication is not None and ctx.doc.date and ctx.doc.publisher:
        m = rules.publication.search(text, lo, hi)
        if m:
            pub = ctx.discover(ctx.doc.publisher, "organisation", ctx.doc.publisher, ("Organisation",))
            out.append(Fact(kind="event", doc_id=ctx.doc.doc_id, subject=pub, evidence=ctx.evidence(*m.span()),
                            metric="publication", value=ctx.doc.date[:10], period=day(ctx.doc.date[:10])))
    if rules.dateline is not None and ctx.doc.date and ctx.issuer is not None and len(ctx.doc.date) >= 10 \
            and ctx.doc.genre in rules.dateline_genres:
        sentences = ctx.sentences
        for i, s in enumerate(sentences):
            if not s.line_start:
                continue
            m = rules.dateline.match(s.text)
            if m is None and rules.signature is not None and i >= len(sentences) - 3:
                m = rules.signature.match(s.text)
            days = [p for p in ctx.mentions(s).periods if p.period.kind == "day" and p.start < s.start + len(m.group(0))] \
                if m and m.group(0) else []
            if days and days[0].period.label == ctx.doc.date[:10]:
                out.append(Fact(kind="event", doc_id=ctx.doc.doc_id, subject=ctx.issuer,
                                evidence=ctx.evidence(s.start, s.start + m.end()), metric="statement_date",
                                value=ctx.doc.date[:10], period=ctx.doc.period or day(ctx.doc.date[:10])))
                break
    if ctx.issuer is None:
        return out
    for s in ctx.sentences:
        mentions = ctx.mentions(s)
        if any(q.kind in rules.event_skip for q in mentions.quantities):
            continue
        dates = [p for p in mentions.periods if p.how == "explicit" and p.period.kind in ("day", "month", "year")]
        dates += _ordinal_days(ctx, s, rules)
        if not dates:
            continue
        for rx, metric, with_markets, future, years in rules.event_cues:
            cue = rx.search(s.text)
            usable = [p for p in dates if years or p.period.kind != "year"]
            if cue is None or not usable:
                continue
            d = usable[0]
            period = d.period
            if future and not re.search(r"\d{4}", text[d.start:d.end]):
                period = this_year(period, ctx.doc.date)
            elif not re.search(r"\d{4}", text[d.start:d.end]):
                period = in_reported_year(period, ctx.doc.period)
            cue_at = s.start + cue.start()
            markets = [m for m in mentions.entities if m.kind == "market" and m.start > cue_at] if with_markets else []
            for mk in markets or [None]:
                start = min(cue_at, d.start)
                end = max(s.start + cue.end(), d.end, mk.end if mk else 0)
                out.append(Fact(kind="event", doc_id=ctx.doc.doc_id, subject=ctx.issuer,
                                evidence=ctx.evidence(start, end), metric=metric, value=period.label,
                                period=year_of(period), market=ctx.entity(mk) if mk else None))
            break
    return out
