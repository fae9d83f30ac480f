"""Metric observations and their reported changes (fact kinds ``metric`` and ``change``).

Per sentence: each figure is read as a change (a percent or pp figure after a change verb, before a basis,
or continuing a list of changes), as a metric value (money, counts, scaled numbers, percent metrics such as
margins, "X% of total revenue"), or left to another extractor (market shares, prices, ranks). "respectively"
lists are aligned in order with the subjects named before the figures. A money figure in parentheses right
after another is a currency conversion of the same observation.
"""
from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from typing import Optional

from ..records import EntityRef, Fact
from .context import ExtractionContext, Mentions
from .matcher import Match
from .counts import is_count, is_investment
from .quantities import Quantity
from .statements import (SUBJECT_KINDS, between, clause_bounds, comparison_basis, framed_market, hedge_for, is_baseline,
                         market_for,
                         metric_for, period_for, quantities_in, respective_markets, source_for, status_for,
                         subject_for)
from .text import Sentence

_LIST_GAP = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+|to\s+|or\s+)$")
_CHANGE_GAP = re.compile(r"^[\s,]*(?:in\s+[\w-]+(?:\s+[\w-]+)?\s+)?(?:by\s+|of\s+|at\s+)?(?:(?:about|approximately|"
                         r"roughly|around|nearly|almost|over|more\s+than|some|an?\s+(?:estimated\s+)?)\s+)?$",
                         re.IGNORECASE)
_GROWTH_AFTER = re.compile(r"\s+(?:(?:YoY|year-over-year|year-on-year|QoQ)\s+)?(?P<w>growth|increase|rise|gain|"
                           r"decline|decrease|drop|fall)\b", re.IGNORECASE)


def _share_like(ctx: ExtractionContext, m: Mentions, q: Quantity) -> bool:
    """A percent that is a market share (left to the shares extractor)."""
    if q.kind != "percent":
        return False
    for mm in m.metrics:
        if mm.target != "market-share":
            continue
        if 0 <= mm.start - q.end <= 12 or (0 <= q.start - mm.end <= 30 and
                                           re.search(r"\bof\b", between(ctx, mm.end, q.start)) and
                                           not any(mm.end <= x.start < q.start for x in m.quantities)):
            return True
    return bool(re.match(r"\s+of\s+the\s+(?:\w+\s+)?market\b", ctx.text[q.end:q.end + 40]))


def _of_metric(ctx: ExtractionContext, m: Mentions, q: Quantity):
    """"48.7% of total revenue", "45% of the total revenue": the share-of phrase right after a percent."""
    for mm in m.metrics:
        if mm.target.endswith("-share") and mm.target != "market-share" and 0 <= mm.start - q.end <= 2:
            return mm
    hit = _OF_REVENUE.match(ctx.text, q.end)
    if hit:
        return Match(q.end + 1, hit.end(), "metric", "revenue-share", ctx.text[q.end + 1:hit.end()])
    return None


def _relative_level(ctx: ExtractionContext, m: Mentions, q: Quantity) -> Optional[int]:
    """End of the baseline a percent is measured against ("72% of the pre-pandemic level in January", "70% of
    January"; cues.yaml ``relative_level``), else None."""
    if q.kind != "percent":
        return None
    rx = ctx.patterns["cues"].get("relative_level")
    hit = re.match(str(rx), ctx.text[q.end:q.end + 80], re.IGNORECASE) if rx else None
    end = q.end + hit.end() if hit else None
    if end is None:
        month = next((p for p in m.periods if p.period.kind == "month" and p.start >= q.end and re.fullmatch(
            r"\s+(?:(?:of|compared\s+(?:to|with))\s+(?:the\s+)?)?", ctx.text[q.end:p.start], re.IGNORECASE) and
            re.match(r"\s+(?:of|compared)\b", ctx.text[q.end:p.end], re.IGNORECASE)), None)
        return month.end if month else None
    # the baseline's own period: "... level in January"
    for p in m.periods:
        if p.start >= end and re.fullmatch(r"\s+(?:(?:in|of|at)\s+(?:the\s+)?)?", ctx.text[end:p.start]):
            return p.end
    return end


def _change_cue(ctx: ExtractionContext, m: Mentions, q: Quantity, lo: int):
    for c in reversed(m.cues_of("up", "down")):
        if lo <= c.end <= q.start and _CHANGE_GAP.match(between(ctx, c.end, q.start)):
            return c
    return None


def _basis_after(ctx: ExtractionContext, m: Mentions, q: Quantity, nxt: Optional[Quantity]) -> Optional[str]:
    """A basis written right after the figure ("12% year-over-year", "27.5% YoY"), not in a later clause."""
    limit = nxt.start if nxt else q.end + 60
    for c in m.cues_of("basis"):
        if q.end <= c.start < limit and c.start - q.end <= 30 and \
                re.fullmatch(r"[\s,(“\"]*(?:[\w-]+\s+){0,2}?", ctx.text[q.end:c.start]) and \
                not re.search(r"\b(?:which|that|was|were|is|are)\b", ctx.text[q.end:c.start]):
            return str(c.value)
    return None


_OF_REVENUE = re.compile(r"\s+of\s+(?:the\s+|our\s+|its\s+|their\s+)?(?:total\s+)?(?:[\w-]+\s+){0,3}?revenues?\b",
                         re.IGNORECASE)


def _comparative_after(ctx: ExtractionContext, q: Quantity) -> bool:
    words = ctx.patterns["cues"].get("comparative_after") or []
    tail = ctx.text[q.end:q.end + 20].lower().lstrip()
    return any(tail.startswith(w) for w in words)


def _respectively_subjects(ctx: ExtractionContext, m: Mentions, s: Sentence, first_q: int, metric_start: int):
    ents = [e for e in m.entities if e.kind in SUBJECT_KINDS and s.start <= e.start < first_q]
    near = [e for e in ents if e.start >= metric_start] or ents
    return [ctx.entity(e) for e in near], [(e.start, e.end) for e in near]


def _kind_of(q: Quantity) -> str:
    return "change" if q.kind in ("percent", "pp") else "value"


def extract(ctx: ExtractionContext) -> list[Fact]:
    facts: list[Fact] = []
    previous: list[Fact] = []
    prev_end = None
    for s in ctx.sentences:
        found = _sentence(ctx, s) + _multipliers(ctx, s)
        if previous and prev_end is not None and "\n\n" not in ctx.text[prev_end:s.start]:
            found = [_topic(ctx, s, f, previous) for f in found] or _elliptic_change(ctx, s, previous, prev_end)
        facts.extend(found)
        if found:
            previous, prev_end = found, s.end
    return facts


def _elliptic_change(ctx: ExtractionContext, s: Sentence, previous: list[Fact], prev_end: int) -> list[Fact]:
    """"... our spending on R&D will be more than CNY 10 billion. So over 25% growth actually in Q2": a sentence
    whose only figure is a growth and which names no metric is a change of the figure the sentence before gave."""
    m = ctx.mentions(s)
    values = [p for p in previous if p.kind == "metric"]
    qs = quantities_in(ctx, m, s.start, s.end)
    if not values or ctx.text[prev_end:s.start].strip() or m.metrics or len(qs) != 1 or qs[0].kind != "percent":
        return []
    q = qs[0]
    g = _GROWTH_AFTER.match(ctx.text, q.end)
    if g is None or g.end() > s.end:
        return []
    sign = -1 if g.group("w").lower() in ("decline", "decrease", "drop", "fall") else 1
    lo, hi = clause_bounds(ctx, s, q.start)
    before = values[-1]
    return [Fact("change", ctx.doc.doc_id, before.subject, ctx.evidence(s.start, g.end()), metric=before.metric,
                 value=q.value * sign, unit="percent", market=before.market,
                 period=period_for(ctx, m, q, s.start, s.end, clause=(lo, hi)), basis="YoY",
                 hedge=hedge_for(ctx, m, q), qualifiers=(("basis_stated", "no"),))]


def _topic(ctx: ExtractionContext, s: Sentence, f: Fact, previous: list[Fact]) -> Fact:
    """"...the gross profit margin of smartphones segment reaching 9.0%. The gross profit margins in the first
    quarter and the second quarter were 3.3% and 8.1%": a figure of the same metric with no subject of its own
    keeps the subject of the sentence before."""
    if ctx.issuer is None or f.subject != ctx.issuer or _names_issuer(ctx, ctx.mentions(s), f):
        return f
    same = [p for p in previous if p.metric == f.metric and p.subject != ctx.issuer]
    return _with(f, subject=same[-1].subject) if same else f


def _multipliers(ctx: ExtractionContext, s: Sentence) -> list[Fact]:
    """"Consumer electronics profit more than doubled": a change by a factor, stated in percent (doubled = +100%)
    with the factor kept as qualifier ``multiple``."""
    m = ctx.mentions(s)
    out = []
    for c in m.cues_of("multiplier"):
        lo, hi = clause_bounds(ctx, s, c.start)
        mms = [x for x in m.metrics if lo <= x.start and x.end <= c.start and c.start - x.end <= 40]
        if not mms:
            continue
        mm = mms[-1]
        hedge = next((h.value for h in m.cues_of("hedge") if h.end <= c.start and c.start - h.end <= 2), None)
        subject, sspan = subject_for(ctx, m, mm.start, mm.end, s.start, s.end)
        start = min(mm.start, sspan[0]) if sspan else mm.start
        q = Quantity(c.start, c.end, Decimal(c.value), Decimal(c.value), "number")
        out.append(Fact("change", ctx.doc.doc_id, subject, ctx.evidence(start, c.end), metric=mm.target,
                        value=(Decimal(str(c.value)) - 1) * 100, unit="percent",
                        period=period_for(ctx, m, q, s.start, s.end, clause=(lo, hi)),
                        basis="YoY", hedge=hedge, qualifiers=(("basis_stated", "no"), ("multiple", str(c.value)))))
    return out


def _sentence(ctx: ExtractionContext, s: Sentence) -> list[Fact]:
    m = ctx.mentions(s)
    qs = [q for q in quantities_in(ctx, m, s.start, s.end)]
    if not qs:
        return []
    source = source_for(ctx, m)
    roles: list[Optional[str]] = []
    signs: list[int] = []
    for i, q in enumerate(qs):
        lo, _ = clause_bounds(ctx, s, q.start)
        role = None
        sign = 1
        if q.kind == "multiple":
            cue = _change_cue(ctx, m, q, s.start)
            if cue is not None or _GROWTH_AFTER.match(ctx.text, q.end):
                role, sign = "change", 1
        elif q.kind in ("percent", "pp"):
            cue = _change_cue(ctx, m, q, s.start)
            prev_change = i > 0 and roles[i - 1] == "change" and _LIST_GAP.match(between(ctx, qs[i - 1].end, q.start)) \
                and qs[i - 1].kind == q.kind
            if _relative_level(ctx, m, q) is not None:
                role = "level"
            elif _of_metric(ctx, m, q):
                role = "share_of"
            elif _share_like(ctx, m, q):
                role = None
            elif cue is not None:
                role, sign = "change", int(cue.value)
            elif prev_change:
                role, sign = "change", signs[i - 1]
            elif (g := _GROWTH_AFTER.match(ctx.text, q.end)) is not None:
                role = "change"
                sign = -1 if g.group("w").lower() in ("decline", "decrease", "drop", "fall") else 1
            elif _basis_after(ctx, m, q, qs[i + 1] if i + 1 < len(qs) else None) or _comparative_after(ctx, q):
                role = "change"
                sign = -1 if re.match(r"\s*(?:less|lower|below)", ctx.text[q.end:q.end + 12]) else 1
            elif q.kind == "percent":
                role = "value"
        elif q.kind == "money" and is_investment(ctx, m, q, lo, clause_bounds(ctx, s, q.start)[1]):
            role = None  # left to the counts/investments extractor
        elif q.kind == "count" and is_count(ctx, m, q, lo):
            role = None
        elif q.kind in ("money", "count", "number"):
            role = "value"
        roles.append(role)
        signs.append(sign)

    facts: list[Fact] = []
    resp = bool(m.cues_of("respectively"))
    resp_subjects: list[EntityRef] = []
    if resp:
        first = next((q for q, r in zip(qs, roles) if r), None)
        mm = metric_for(ctx, m, first, s.start, any_unit=True) if first else None
        if first is not None and mm is not None:
            resp_subjects, _ = _respectively_subjects(ctx, m, s, first.start, mm.start)
    resp_periods: list = []
    if resp and len(resp_subjects) <= 1:
        first = next((q for q, r in zip(qs, roles) if r), None)
        if first is not None:
            resp_periods = [p.period for p in m.periods if s.start <= p.start < first.start and p.how == "explicit"]
    resp_markets: list[EntityRef] = []
    if resp and len(resp_subjects) <= 1 and len(resp_periods) <= 1:
        n_changes = sum(1 for r in roles if r == "change")
        n_values = sum(1 for r in roles if r == "value")
        resp_markets = respective_markets(ctx, m, s.start, s.end, max(n_changes, n_values))
    resp_metrics: list[str] = []
    if resp and len(resp_subjects) <= 1 and len(resp_periods) <= 1:
        first = next((q for q, r in zip(qs, roles) if r), None)
        if first is not None:
            for mm in m.metrics:
                if s.start <= mm.start and mm.end <= first.start and mm.target not in resp_metrics:
                    resp_metrics.append(mm.target)
    counters = {"change": 0, "value": 0}
    last_value: Optional[Fact] = None
    sentence_subject: Optional[EntityRef] = None
    prev_value: Optional[Fact] = None
    for i, (q, role) in enumerate(zip(qs, roles)):
        if role is None:
            continue
        lo, hi = clause_bounds(ctx, s, q.start)
        nxt = qs[i + 1] if i + 1 < len(qs) else None
        # a conversion in parentheses of the figure before
        if role == "value" and q.kind == "money" and prev_value is not None and prev_value.unit != q.unit \
                and re.fullmatch(r"\s*\((?:\w+\s+)?", between(ctx, qs[i - 1].end, q.start)) \
                and prev_value.evidence.end >= qs[i - 1].end - 1:
            facts.append(Fact("metric", ctx.doc.doc_id, prev_value.subject, ctx.evidence(qs[i - 1].start, q.end),
                              metric=prev_value.metric, value=q.value, unit=q.unit, period=prev_value.period,
                              market=prev_value.market, basis=prev_value.basis, hedge=hedge_for(ctx, m, q),
                              qualifiers=(("conversion_of", ctx.text[qs[i - 1].start:qs[i - 1].end]),)))
            continue
        fact = _read(ctx, s, m, q, role, signs[i], lo, hi, nxt, source,
                     against=last_value.period if last_value is not None else None)
        if fact is None and role == "change" and i > 0 and qs[i - 1].kind == "money" and is_investment(ctx, m, qs[i - 1], lo, hi):
            # "book value ... reached RMB41.3billion at year-end, up 25.2%": a change of the investment figure
            fact = _investment_change(ctx, s, m, q, qs[i - 1], signs[i], lo, hi, nxt)
        if fact is None:
            continue
        rival = _named_between(ctx, m, qs[i - 1].end if i > 0 else None, q.start)
        if rival is not None and ctx.entity(rival) != fact.subject:
            # "Zenith shipped 60.1 million units, followed by Acme with 53.2 million": the name before the figure
            fact = _with(fact, subject=ctx.entity(rival), evidence=ctx.evidence(rival.start, fact.evidence.end))
        if fact.kind == "change" and i > 0 and roles[i - 1] == "change" and facts and facts[-1].kind == "change" \
                and re.fullmatch(r"\s*(?:[\w-]+\s+){0,3}?(?:,\s*(?:and\s+)?|and\s+)", between(ctx, qs[i - 1].end, q.start)) \
                and not _own_period_after(m, q, nxt):
            fact = _with(fact, period=facts[-1].period)  # "up 30.1% year-over-year and 14.7% quarter-over-quarter"
        elif fact.kind == "change" and last_value is not None and last_value.evidence.end <= q.start and \
                re.fullmatch(r"[\s,;]*(?:\w+\s+){0,3}", ctx.text[last_value.evidence.end:q.start].split(",")[-1] + " ") \
                and not _own_period_after(m, q, nxt) and last_value.period is not None:
            fact = _with(fact, period=last_value.period)
        # a later figure of the sentence with no subject of its own keeps the sentence's subject
        if ctx.issuer is not None and fact.subject == ctx.issuer and sentence_subject is not None \
                and not _names_issuer(ctx, m, fact):
            fact = _with(fact, subject=sentence_subject)
        elif fact.subject.kind in ("segment", "platform", "product") and not resp:
            sentence_subject = fact.subject
        kind_key = "change" if fact.kind == "change" else "value"
        if resp and len(resp_subjects) > 1:
            k = counters[kind_key]
            counters[kind_key] += 1
            if k < len(resp_subjects):
                fact = _with(fact, subject=resp_subjects[k], qualifiers=fact.qualifiers + (("construction", "respectively"),))
        elif resp_markets:
            # "Shipments in Europe and Latin America grew 88% and 120% respectively"
            k = counters[kind_key]
            counters[kind_key] += 1
            if k < len(resp_markets):
                fact = _with(fact, market=resp_markets[k], qualifiers=fact.qualifiers + (("construction", "respectively"),))
        elif resp and len(resp_metrics) > 1 and fact.kind in ("metric", "change"):
            # "Revenue and adjusted net profit were RMB 10 billion and RMB 1 billion, respectively"
            k = counters[kind_key]
            counters[kind_key] += 1
            if k < len(resp_metrics):
                key = resp_metrics[k]
                basis = fact.basis if fact.kind == "change" else ("non-IFRS adjusted" if "adjusted" in key else None)
                fact = _with(fact, metric=key, basis=basis,
                             qualifiers=fact.qualifiers + (("construction", "respectively"),))
        elif resp and len(resp_periods) > 1:
            # "margins in the first quarter and the second quarter were 3.3% and 8.1% respectively"
            k = counters[kind_key]
            counters[kind_key] += 1
            if k < len(resp_periods):
                fact = _with(fact, period=resp_periods[k], qualifiers=fact.qualifiers + (("construction", "respectively"),))
        facts.append(fact)
        if fact.kind == "metric":
            last_value = fact
        if fact.kind == "metric" and q.kind == "money":
            prev_value = fact
        else:
            prev_value = None
    return _changes_take_their_values_period(ctx, m, facts)


def _changes_take_their_values_period(ctx: ExtractionContext, m: Mentions, facts: list[Fact]) -> list[Fact]:
    """"grew by 28.0% year-on-year to 396.5 million in December 2020": the change is of the value it leads to,
    so it takes that value's period (unless a period is written right after the change itself)."""
    out = list(facts)
    for i, f in enumerate(out):
        if f.kind != "change" or i + 1 >= len(out):
            continue
        v = out[i + 1]
        leads_to = re.match(r"[^,;.]{0,30}?\bto\b", ctx.text[f.evidence.end:f.evidence.end + 40])
        if v.kind == "metric" and v.metric == f.metric and v.subject == f.subject and v.period != f.period \
                and v.qualifier("comparison") is None and v.evidence.start == f.evidence.start and leads_to \
                and not any(f.evidence.end <= p.start < f.evidence.end + 3 for p in m.periods):
            out[i] = _with(f, period=v.period)
    return out


_VOLUME_UNITS = ("units", "devices", "users")


def _count_fits(metric_unit: Optional[str], unit: Optional[str]) -> bool:
    """A counted noun fits a metric of the same unit; units, devices and users stand in for each other."""
    if metric_unit in (None, "currency", "percent", "ratio"):
        return metric_unit is None
    return metric_unit == unit or (metric_unit in _VOLUME_UNITS and unit in _VOLUME_UNITS)


def _named_between(ctx: ExtractionContext, m: Mentions, a: Optional[int], b: int) -> Optional[Match]:
    """An organisation named between the previous figure and this one, right before it ("Acme with 53.2 million")."""
    if a is None:
        return None
    for e in reversed(m.entities):
        if e.kind == "organisation" and a <= e.start and e.end <= b and \
                re.fullmatch(r"\s+(?:with|at|on|had|has|shipped|sold|reached)\s+(?:about\s+|nearly\s+|over\s+)?",
                             ctx.text[e.end:b]):
            entry = ctx.entry(e)
            if entry is None or not any(t in ("ResearchFirm", "RankingBody") for t in entry.types):
                return e
    return None


def _own_period_after(m: Mentions, q: Quantity, nxt: Optional[Quantity]) -> bool:
    limit = nxt.start if nxt else q.end + 40
    return any(q.end <= p.start < limit and p.start - q.end <= 25 for p in m.periods)


def _investment_change(ctx: ExtractionContext, s: Sentence, m: Mentions, q: Quantity, base: Quantity, sign: int,
                       lo: int, hi: int, nxt: Optional[Quantity]) -> Optional[Fact]:
    from .counts import investment_metric
    basis = _basis_after(ctx, m, q, nxt) or "YoY"
    return Fact("change", ctx.doc.doc_id, ctx.issuer or EntityRef("unknown", "organisation", "unknown"),
                ctx.evidence(_cue_start(ctx, m, q), q.end),
                metric=investment_metric(ctx, lo, hi), value=q.value * sign, unit="percent",
                period=period_for(ctx, m, base, s.start, s.end, clause=(lo, hi)), basis=basis,
                hedge=hedge_for(ctx, m, q))


def _cue_start(ctx: ExtractionContext, m: Mentions, q: Quantity) -> int:
    cue = _change_cue(ctx, m, q, 0)
    return cue.start if cue is not None else q.start


def _names_issuer(ctx: ExtractionContext, m: Mentions, fact: Fact) -> bool:
    """The issuer is named inside the fact's own quote ("Acme shipped ...")."""
    ev = fact.evidence
    return any(e.target == ctx.issuer.key and ev.start <= e.start < ev.end for e in m.entities) or \
        any(ev.start <= c.start < ev.end for c in m.cues_of("issuer"))


def _with(f: Fact, **kw) -> Fact:
    from dataclasses import replace
    return replace(f, **kw)


def _level(ctx: ExtractionContext, s: Sentence, m: Mentions, q: Quantity, lo: int, hi: int) -> Optional[Fact]:
    """"activations returned to 72% of the pre-pandemic level in January": the metric named before the figure,
    in percent of the baseline (qualifier ``relative_to``); the baseline's period is not the figure's."""
    end = _relative_level(ctx, m, q)
    mm = metric_for(ctx, m, q, s.start, any_unit=True)
    if end is None or mm is None:
        return None
    subject, sspan = subject_for(ctx, m, mm.start, mm.end, s.start, s.end)
    whole = replace(q, end=end)
    period = period_for(ctx, m, whole, s.start, s.end, clause=(lo, hi))
    start = min(x for x in (sspan[0] if sspan else None, mm.start, q.start) if x is not None)
    baseline = re.sub(r"^\s*(?:of|compared\s+(?:to|with))\s+", "", ctx.text[q.end:end])
    return Fact("metric", ctx.doc.doc_id, subject, ctx.evidence(start, end), metric=mm.target, value=q.value,
                unit="percent", period=period, market=market_for(ctx, m, q.start, lo, end) or framed_market(ctx, s.start), hedge=hedge_for(ctx, m, q),
                qualifiers=(("relative_to", baseline),))


def _read(ctx: ExtractionContext, s: Sentence, m: Mentions, q: Quantity, role: str, sign: int, lo: int, hi: int,
          nxt: Optional[Quantity], source, against=None) -> Optional[Fact]:
    if role == "share_of":
        of = _of_metric(ctx, m, q)
        owner = metric_for(ctx, m, q, s.start, any_unit=True)
        anchor = owner or of
        subject, sspan = subject_for(ctx, m, anchor.start, anchor.end, s.start, s.end)
        start = min(x for x in (sspan[0] if sspan else None, owner.start if owner else None, q.start) if x is not None)
        quals = (("of", owner.target),) if owner and owner.target != "revenue" else ()
        period = period_for(ctx, m, q, s.start, s.end, baseline=is_baseline(ctx, m, q), clause=(lo, hi))
        return Fact("metric", ctx.doc.doc_id, subject, ctx.evidence(start, of.end), metric=of.target, value=q.value,
                    unit="percent", period=period, hedge=hedge_for(ctx, m, q),
                    market=market_for(ctx, m, q.start, lo, hi), qualifiers=quals)
    if role == "level":
        return _level(ctx, s, m, q, lo, hi)
    if role == "change":
        mm = metric_for(ctx, m, q, s.start, any_unit=True)
        if mm is None:
            return None
        subject, sspan = subject_for(ctx, m, mm.start, mm.end, s.start, s.end)
        basis = _basis_after(ctx, m, q, nxt)
        mentry = ctx.gazetteer.metrics.get(mm.target)
        current = period_for(ctx, m, q, s.start, s.end, clause=(lo, hi),
                             stock=bool(mentry and mentry.unit in ("users", "devices")))
        quals: tuple = ()
        if basis is None:
            # "On a sequential basis, revenue grew 5%": a basis earlier in the clause, no figure in between
            before = [c for c in m.cues_of("basis") if lo <= c.start and c.end <= q.start
                      and not any(c.end <= x.start < q.start for x in m.quantities)]
            basis = str(before[-1].value) if before else None
        if basis is None:
            basis = comparison_basis(ctx, m, s.start, s.end, current)
        if basis is None:
            basis = "YoY"
            quals += (("basis_stated", "no"),)
        start = min(mm.start, sspan[0]) if sspan else mm.start
        end = q.end
        bend = next((c.end for c in m.cues_of("basis") if q.end <= c.start and c.start - q.end <= 30
                     and (nxt is None or c.start < nxt.start)), None)
        if bend:
            end = bend
        value = q.value * sign
        unit = "pp" if q.kind == "pp" else "percent"
        if q.kind == "multiple":
            # "grew 2.5 times": +150%; the factor is kept (the fact shapes take percent, pp or places)
            value = (q.value - 1) * 100
            quals += (("multiple", str(q.value)),)
        st = status_for(ctx, m, q, lo)
        if st:
            quals += (("status", st),)
        return Fact("change", ctx.doc.doc_id, subject, ctx.evidence(start, end), metric=mm.target, value=value,
                    unit=unit, period=current, market=market_for(ctx, m, q.start, lo, hi), source=source,
                    basis=basis, hedge=hedge_for(ctx, m, q), qualifiers=quals)
    # a value
    mm = metric_for(ctx, m, q, s.start)
    per_share = ctx.patterns["cues"].get("per_share_after") or []
    tail = ctx.text[q.end:q.end + 30].lower().lstrip()
    if q.kind == "money" and any(tail.startswith(w) for w in per_share) and \
            (mm is None or mm.target != "dividend-per-share") and "eps" in ctx.gazetteer.metrics:
        # "US$0.42 per diluted share": earnings per share (the metric named before is the total)
        mm = Match(q.start, q.end, "metric", "eps", ctx.text[q.start:q.end])
    if mm is None:
        return None
    if any(x is not q and x.start <= mm.start < x.end for x in m.quantities):
        return None  # "5.6 million consumers have more than 5 devices": the phrase is the other figure's; 5 its bound
    impact = ctx.patterns["cues"].get("impact_words") or []
    if any(ctx.text[max(0, mm.start - 20):mm.start].lower().rstrip().endswith(w) for w in impact):
        return None  # an impact on the metric, not a value of it
    entry = ctx.gazetteer.metrics.get(mm.target)
    if entry is None:
        return None
    if q.kind == "percent" and (entry.unit != "percent" or mm.target == "market-share"):
        return None  # market shares are read by the shares extractor
    if q.kind == "number" and entry.unit in ("currency", "percent", None):
        return None
    if q.kind == "count" and not _count_fits(entry.unit, q.unit):
        return None
    # a value after a change that belongs to another metric in between is not this metric's
    base = is_baseline(ctx, m, q)
    basis_hint = _basis_after(ctx, m, q, nxt)
    period = period_for(ctx, m, q, s.start, s.end, baseline=base, basis=basis_hint, clause=(lo, hi),
                        stock=entry.unit in ("users", "devices"), against=against)
    anchor_start, anchor_end = (mm.start, mm.end) if mm.end <= q.start else (q.start, q.start)
    subject, sspan = subject_for(ctx, m, anchor_start, anchor_end, s.start, s.end)
    start = min(x for x in (sspan[0] if sspan else None, mm.start, q.start) if x is not None)
    unit = q.unit if q.kind in ("money", "count") and q.unit else entry.unit
    if q.kind == "count" and entry.unit not in (None, "currency", "percent", "ratio"):
        unit = entry.unit
    quals: tuple = ()
    if q.spoken:
        quals += (("spoken_value", q.spoken),)
    st = status_for(ctx, m, q, lo)
    if st:
        quals += (("status", st),)
    if base:
        quals += (("comparison", "baseline"),)
    basis = "non-IFRS adjusted" if "adjusted" in mm.target else None
    return Fact("metric", ctx.doc.doc_id, subject, ctx.evidence(start, max(q.end, mm.end)), metric=mm.target,
                value=q.value, unit=unit, period=period, market=market_for(ctx, m, q.start, lo, hi),
                source=source, basis=basis, hedge=hedge_for(ctx, m, q), qualifiers=quals)
