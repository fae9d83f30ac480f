"""Counts of things and investments (fact kinds ``count`` and ``investment``).

Counts: a figure with a count noun that is not a metric value ("312 ecosystem companies", "over 2,000 SKUs",
"23,400 employees", "10,900 of our 23,400 employees"), and "top 5 in 50 countries" (a count of markets where a
rank holds). Investments: a money figure in a clause that speaks of investing, funds, book value or
contributions ("invest more than RMB40 billion in research and development over the next five years", "the
RMB10 billion Harrier Smart Manufacturing Fund", "book value ... reached RMB41.3billion"); a fund named after
the figure becomes the subject. Plans ("will", "plan to") carry ``status``.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Optional

from ..iris import slugify
from ..records import EntityRef, Fact
from .context import ExtractionContext, Mentions
from .periods import year
from .products import products_in
from .quantities import Quantity
from .rankings import is_rank, market_count_after
from .statements import (clause_bounds, hedge_for, is_baseline, market_for, metric_for, named_by_head_noun, period_for,
                         quantities_in, source_for, status_for, subject_for)
from .text import Sentence

_FUND = re.compile(r"\s*(?P<name>(?:[A-Z][\w&+'-]*\s+){0,6}(?:Fund|Funds|Capital|Partners|Investment Fund))\b")


def count_units(ctx: ExtractionContext) -> set[str]:
    return {str(u) for u in ctx.patterns["cues"].get("count_units") or []}


def is_investment(ctx: ExtractionContext, m: Mentions, q: Quantity, lo: int, hi: int) -> bool:
    """A money figure in a clause about investing, funds or book value."""
    if q.kind != "money":
        return False
    mm = metric_for(ctx, m, q, lo)
    if mm is not None and mm.start >= lo:
        return False  # "our R&D investment reached RMB7.5 billion" is a metric value
    words = ctx.patterns["cues"].get("investment_cues") or []
    clause = ctx.text[lo:hi].lower()
    return any(re.search(rf"\b{re.escape(w.lower())}\b", clause) for w in words)


def investment_metric(ctx: ExtractionContext, lo: int, hi: int) -> str:
    """"investment-book-value" when the clause speaks of a book value, else "investment-amount"."""
    return "investment-book-value" if re.search(r"\bbook\s+value\b", ctx.text[lo:hi], re.IGNORECASE) \
        else "investment-amount"


def is_count(ctx: ExtractionContext, m: Mentions, q: Quantity, lo: int) -> bool:
    """A counted noun that no metric phrase claims."""
    if q.kind != "count":
        return False
    mm = metric_for(ctx, m, q, lo)
    if q.unit in (ctx.patterns["cues"].get("count_units_unclaimed") or []):
        return mm is None and q.scale == 1  # "30,000 units worldwide" with no metric phrase in the clause
    if q.unit not in count_units(ctx):
        return False
    if mm is None:
        return True
    entry = ctx.gazetteer.metrics.get(mm.target)
    return entry is None or entry.unit != q.unit


def extract(ctx: ExtractionContext) -> list[Fact]:
    facts: list[Fact] = []
    for s in ctx.sentences:
        facts.extend(_sentence(ctx, s))
        facts.extend(_model_counts(ctx, s))
        facts.extend(_entries(ctx, s))
        facts.extend(_years_in_market(ctx, s))
    return facts


def _elliptic(ctx: ExtractionContext, q: Quantity, lo: int) -> bool:
    """A bare number that counts part of things counted before it: "29 of them are", "among which more than 100
    are"."""
    hedges = r"(?:(?:more\s+than|over|nearly|about|almost|some|around)\s+)?"
    return re.match(r"\s+of\s+(?:them|these|those|which)\s+(?:are|were|have|had|is|was)\b", ctx.text[q.end:q.end + 30]) \
        is not None or (re.search(rf"\b(?:among|of)\s+(?:which|them|these|those)\s*,?\s+{hedges}$",
                                  ctx.text[max(lo, q.start - 40):q.start]) is not None and
                        re.match(r"\s+(?:are|were|have|had)\b", ctx.text[q.end:q.end + 10]) is not None)


def _the_product(ctx: ExtractionContext, lo: int, hi: int) -> bool:
    """"the phone comes in ...": a definite product noun (discovery.yaml ``product_anaphora_nouns``)."""
    nouns = "|".join(re.escape(str(n)) for n in ctx.patterns["discovery"].get("product_anaphora_nouns") or []) or "(?!)"
    return re.search(rf"\bthe\s+(?:{nouns})\b", ctx.text[lo:hi], re.IGNORECASE) is not None


def _product_before(ctx: ExtractionContext, s: Sentence) -> Optional[EntityRef]:
    """The product the last two sentences before ``s`` named first (known or discovered by its shape)."""
    for prev in reversed([x for x in ctx.sentences if x.end <= s.start][-2:]):
        named = [p for p in products_in(ctx, prev) if not p.compared]
        if named:
            return named[0].ref
    return None


def _names_issuer(ctx: ExtractionContext, m: Mentions, lo: int, hi: int) -> bool:
    return any(lo <= c.start < hi for c in m.cues_of("issuer")) or \
        any(lo <= e.start < hi and ctx.issuer is not None and e.target == ctx.issuer.key for e in m.entities)


def _refers_back(ctx: ExtractionContext, q: Quantity) -> bool:
    """"the tensions between the 2 countries": a definite "the N <noun>" names things already known, not a count."""
    return re.search(r"\b(?:between|among)\s+the\s+$", ctx.text[max(0, q.start - 20):q.start], re.IGNORECASE) is not None


def _condition_of_a_figure(m: Mentions, q: Quantity, lo: int) -> bool:
    """"5.6 million consumers have more than 5 Acme devices": a count after a count of people in its clause is
    the condition of that figure, not a count of its own."""
    return any(lo <= x.start < q.start and x.kind == "count" and x.unit == "users" for x in m.quantities)


def _model_counts(ctx: ExtractionContext, s: Sentence) -> list[Fact]:
    """"The Group launched 4 Mi Refrigerator in October": a small number between a launch verb and a product
    counts that product's models (cues.yaml ``model_count_verbs``)."""
    m = ctx.mentions(s)
    verbs = "|".join(re.escape(str(v)) for v in ctx.patterns["cues"].get("model_count_verbs") or []) or "(?!)"
    out = []
    for q in m.quantities:
        if q.kind != "number" or q.scale != 1 or q.value != q.value.to_integral_value() or not 1 < q.value < 100:
            continue
        prod = next((e for e in m.entities if e.kind in ("product", "series") and
                     re.fullmatch(r"\s+(?:new\s+)?", ctx.text[q.end:e.start])), None)
        verb = re.search(rf"\b(?:{verbs})\s+(?:(?:a\s+total\s+of|about|over|more\s+than|nearly)\s+)?$",
                         ctx.text[max(s.start, q.start - 40):q.start], re.IGNORECASE)
        if prod is None or verb is None:
            continue
        lo, hi = clause_bounds(ctx, s, q.start)
        out.append(Fact("count", ctx.doc.doc_id, ctx.entity(prod), ctx.evidence(q.start - len(verb.group(0)), prod.end),
                        metric="number-of-models", value=q.value, unit="models",
                        period=period_for(ctx, m, q, s.start, s.end, clause=(lo, hi)), hedge=hedge_for(ctx, m, q)))
    return out


def _entries(ctx: ExtractionContext, s: Sentence) -> list[Fact]:
    """"we made our second entry on the Fortune 500 list": the ordinal counts the entries on that list."""
    m = ctx.mentions(s)
    nouns = "|".join(re.escape(str(n)) for n in ctx.patterns["cues"].get("entry_nouns") or []) or "(?!)"
    out = []
    for r in m.ranks:
        if r.form != "ordinal" or r.superlative or r.rank < 2 or \
                not re.match(rf"\s+(?:{nouns})\s+(?:on|in|into)\b", ctx.text[r.end:r.end + 30], re.IGNORECASE) or \
                not re.search(r"\b(?:our|its|their|the\s+company['’]s|the\s+group['’]s)\s+$",
                              ctx.text[max(s.start, r.start - 20):r.start], re.IGNORECASE):
            continue
        subject, _ = subject_for(ctx, m, r.start, r.start, s.start, s.end)
        lo, hi = clause_bounds(ctx, s, r.start)
        end = re.match(rf"\s+(?:{nouns})", ctx.text[r.end:r.end + 30], re.IGNORECASE).end() + r.end
        q = Quantity(r.start, end, Decimal(r.rank), Decimal(r.rank), "count", "entries")
        source = source_for(ctx, m)
        period = period_for(ctx, m, q, s.start, s.end, clause=(lo, hi))
        if period is not None and period.start is not None and source is not None and "RankingBody" in source.types:
            period = year(period.start.year)  # an annual list (published in some month) counts for the year
        out.append(Fact("count", ctx.doc.doc_id, subject, ctx.evidence(r.start, end), metric="number-of-entries",
                        value=Decimal(r.rank), unit="entries", source=source, period=period))
    return out


def _years_in_market(ctx: ExtractionContext, s: Sentence) -> list[Fact]:
    """"we have been in European market for almost 3 years, more than 2.5 years": years of presence in a market,
    one fact per figure of the list (cues.yaml ``presence_cues``)."""
    m = ctx.mentions(s)
    out = []
    for rx in ctx.patterns["cues"].get("presence_cues") or []:
        for cue in re.finditer(str(rx), ctx.text[s.start:s.end], re.IGNORECASE):
            at = s.start + cue.end()
            market = next((e for e in m.entities if e.kind == "market" and 0 <= e.start - at <= 6), None)
            if market is None or not re.match(r"\s+for\b", ctx.text[market.end:market.end + 5]):
                continue
            prev = market.end
            for q in m.quantities:
                if q.start < market.end or q.unit != "years" or \
                        not re.fullmatch(r"\s+for\b[\s,]*(?:[^.;]{0,20}?,\s*)?(?:(?:about|almost|nearly|over|more\s+than|roughly|"
                                         r"around|some|close\s+to)\s+)?|[\s,]*(?:(?:about|almost|nearly|over|more\s+than|"
                                         r"roughly|around|some|close\s+to)\s+)?", ctx.text[prev:q.start], re.IGNORECASE):
                    break
                subject, _ = subject_for(ctx, m, s.start + cue.start(), s.start + cue.start(), s.start, s.end)
                out.append(Fact("count", ctx.doc.doc_id, subject, ctx.evidence(_hedge_start(ctx, m, q), q.end),
                                metric="years-in-market", value=q.value, unit="years", market=ctx.entity(market),
                                hedge=hedge_for(ctx, m, q)))
                prev = q.end
    return out


def _hedge_start(ctx: ExtractionContext, m: Mentions, q: Quantity) -> int:
    c = next((c for c in m.cues_of("hedge") if c.end <= q.start and re.fullmatch(r"\s*", ctx.text[c.end:q.start])), None)
    return c.start if c is not None else q.start


def _sentence(ctx: ExtractionContext, s: Sentence) -> list[Fact]:
    m = ctx.mentions(s)
    out: list[Fact] = []
    qs = quantities_in(ctx, m, s.start, s.end)
    market_counts = [(r.end, r.end + mc.end()) for r in m.ranks
                     if is_rank(ctx, m, s, r) and (mc := market_count_after(ctx, r)) is not None]
    qs = [q for q in qs if not any(a <= q.start < b for a, b in market_counts)]
    unclaimed = ctx.patterns["cues"].get("count_units_unclaimed") or []
    for i, q in enumerate(qs):
        lo, hi = clause_bounds(ctx, s, q.start)
        if is_investment(ctx, m, q, lo, hi) and not is_baseline(ctx, m, q) or \
                (q.kind == "money" and is_baseline(ctx, m, q) and is_investment(ctx, m, q, lo, hi)):
            out.append(_investment(ctx, s, m, q, lo, hi))
            continue
        fund = next((e for e in m.entities if e.kind == "fund" and e.start <= q.start < e.end), None)
        if q.kind == "number" and q.scale > 1 and fund is not None:
            # "established a 12 billion fund": a fund size in an unstated currency
            out.append(Fact("investment", ctx.doc.doc_id, ctx.entity(fund), ctx.evidence(q.start, fund.end),
                            metric="fund-size", value=q.value, unit=None,
                            period=period_for(ctx, m, q, s.start, s.end, clause=(lo, hi)),
                            hedge=hedge_for(ctx, m, q), qualifiers=(("currency", "not stated"),)))
            continue
        unit = None
        if is_count(ctx, m, q, lo):
            unit = q.unit
        elif q.kind == "number" and i + 1 < len(qs) and qs[i + 1].kind == "count" and \
                re.fullmatch(r"\s+of\s+(?:our|its|the|their)\s+", ctx.text[q.end:qs[i + 1].start]) and \
                is_count(ctx, m, qs[i + 1], lo):
            unit = qs[i + 1].unit  # "10,900 of our 23,400 employees"
        elif q.kind == "number" and q.scale == 1 and _elliptic(ctx, q, s.start):
            # "invested in 312 ecosystem companies, ... and 29 of them are now publicly listed"
            unit = next((x.unit for x in reversed(qs[:i]) if x.kind == "count" and x.unit in count_units(ctx)), None)
        if unit is None or _refers_back(ctx, q) or (unit in unclaimed and _condition_of_a_figure(m, q, lo)):
            continue
        subject, sspan = subject_for(ctx, m, q.start, q.start, s.start, s.end)
        if sspan is not None and subject.kind == "brand":
            # "Mi" is the brand of a product name the gazetteer does not know ("the Mi 11 Ultra ... is sold in ...")
            named = next((p for p in products_in(ctx, s) if p.start <= sspan[0] < p.end), None)
            subject = named.ref if named is not None else subject
        own = ctx.patterns["cues"].get("product_count_units") or []
        if ctx.issuer is not None and subject == ctx.issuer and (_the_product(ctx, lo, q.start) or (
                unit in own and not _names_issuer(ctx, m, lo, q.start))):
            subject = _product_before(ctx, s) or subject  # "In India the phone comes in a single ... version"
        elif ctx.issuer is not None and subject == ctx.issuer and (the := re.search(
                r"\b[Tt]he\s+([a-z]{4,})\s+(?:was|were|is|are|has|have|had)\b", ctx.text[lo:q.start])) and \
                named_by_head_noun(ctx, s, the.group(1)) is not None:
            subject = named_by_head_noun(ctx, s, the.group(1)) or subject  # "the award was shared by 10 engineers"
        elif ctx.issuer is not None and subject == ctx.issuer and re.search(r"\b[Ii]t\b", ctx.text[lo:q.start]):
            subject = _antecedent(ctx, s) or subject  # "it has invested in nearly 80 companies": the fund before
        if ctx.issuer is not None and subject == ctx.issuer:
            # "2 flagship products under the new Nova TV Master Series": the product line named after the count
            after = [e for e in m.entities if e.kind in ("product", "series", "brand") and 0 <= e.start - q.end <= 60
                     and re.fullmatch(r"\s+(?:[\w-]+\s+){0,3}?(?:under|behind|of|for|in)\s+(?:the\s+|its\s+|our\s+)?"
                                      r"(?:[\w-]+\s+){0,2}?", ctx.text[q.end:e.start])]
            if after:
                subject = ctx.entity(after[0])
        quals: tuple = ()
        st = status_for(ctx, m, q, lo)
        if st:
            quals += (("status", st),)
        start = sspan[0] if sspan and 0 <= q.start - sspan[0] <= 80 else q.start
        end = q.end
        if q.kind == "number":                     # an elliptic count: its quote carries what it counts
            end += len(re.match(r"[^,.;]{0,60}", ctx.text[q.end:]).group(0))
        out.append(Fact("count", ctx.doc.doc_id, subject, ctx.evidence(start, end), metric=f"number-of-{slugify(unit)}", value=q.value,
                        unit=unit, period=period_for(ctx, m, q, s.start, s.end, clause=(lo, hi)),
                        market=market_for(ctx, m, q.start, lo, hi), hedge=hedge_for(ctx, m, q), qualifiers=quals))
    # "ranked top 5 in 50 countries": a count of markets
    for r in m.ranks:
        mc = market_count_after(ctx, r) if is_rank(ctx, m, s, r) else None
        if mc is None:
            continue
        n = Decimal(mc.group("n").replace(",", ""))
        end = r.end + mc.end()
        hedge = next((c.value for c in m.cues_of("hedge") if r.end + mc.start("n") - 14 <= c.start < r.end + mc.start("n")),
                     None)
        lo, hi = clause_bounds(ctx, s, r.start)
        q = Quantity(r.start, end, n, n, "count")
        out.append(Fact("count", ctx.doc.doc_id, ctx.issuer or EntityRef("unknown", "organisation", "unknown"),
                        ctx.evidence(r.start, end), metric="markets-ranked", value=n,
                        unit="countries" if mc.group("unit").lower() in ("countries and regions", "regions")
                        else mc.group("unit").lower(),
                        period=period_for(ctx, m, q, s.start, s.end, clause=(lo, hi)), source=source_for(ctx, m),
                        hedge=hedge, qualifiers=(("rank_type", "top" if r.rank_type == "top" else "rank"),
                                                 ("rank", str(r.rank)))))
    return out


def _antecedent(ctx: ExtractionContext, s: Sentence) -> Optional[EntityRef]:
    """What "it" most likely means after a sentence that introduced a fund, product or facility."""
    for prev in reversed([x for x in ctx.sentences if x.end <= s.start][-3:]):
        if "\n\n" in ctx.text[prev.end:s.start]:
            return None
        ents = [e for e in ctx.mentions(prev).entities
                if e.kind in ("fund", "product", "series") or (e.kind == "organisation" and e.target in ctx.discovered)]
        if ents:
            return ctx.entity(ents[-1])
    return None


def _investment(ctx: ExtractionContext, s: Sentence, m: Mentions, q: Quantity, lo: int, hi: int) -> Fact:
    quals: tuple = ()
    subject: Optional[EntityRef] = None
    start = q.start
    end = q.end
    fund = _FUND.match(ctx.text, q.end, hi)
    if fund and ctx.issuer is not None:
        name = fund.group("name")
        subject = ctx.discover(f"{name}", "fund", name, ("Fund",))
        end = fund.end()
        metric = "fund-size"  # a metric of mappings/gazetteer/metrics.yaml
    else:
        metric = investment_metric(ctx, lo, hi)
    if subject is None:
        subject, sspan = subject_for(ctx, m, q.start, q.start, s.start, s.end)
        if subject.kind not in ("organisation", "fund"):
            subject = ctx.issuer or subject
        # the verb or noun that makes it an investment, when it comes first in the clause
        words = ctx.patterns["cues"].get("investment_cues") or []
        for w in words:
            mm = re.search(rf"\b{re.escape(w)}\b", ctx.text[lo:q.start], re.IGNORECASE)
            if mm and lo + mm.start() < start:
                start = lo + mm.start()
    st = status_for(ctx, m, q, lo)
    if st:
        quals += (("status", st),)
    nxt = next((x.start for x in m.quantities if x.start > q.end and x.kind == "money"), hi)
    horizon = re.search(r"\bover\s+the\s+next\s+(\w+)\s+years\b", ctx.text[q.end:min(hi, nxt)], re.IGNORECASE)
    if horizon:
        quals += (("horizon", f"{horizon.group(1)} years"),)
        end = max(end, q.end + horizon.end())
    if is_baseline(ctx, m, q):
        quals += (("comparison", "baseline"),)
    return Fact("investment", ctx.doc.doc_id, subject, ctx.evidence(start, end), metric=metric, value=q.value,
                unit=q.unit, period=period_for(ctx, m, q, s.start, s.end, baseline=is_baseline(ctx, m, q),
                                               clause=(lo, hi)),
                hedge=hedge_for(ctx, m, q), qualifiers=quals)
