"""Fill one figure's frame: its metric (the metric slot or a measure the frame engine infers), subject, period,
market, source, modality, accounting basis, hedge and value, each slot looked for in order."""
from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal
from typing import Optional

from ..records import EntityRef, Period
from .context import ExtractionContext, Mentions
from .decide import FORWARD
from .discourse import Discourse
from .expectations import compared_expectation, expected_measure, expected_period, parallel_outlook
from .figures import Figure
from .framemeasures import (_doc_speaks_of, _fits, _main_measure, _margin_of, _market_clause, _market_clause_metric,
                            _market_opens, _participle_share, _names_no_measure, _per_share, _percent_measure, _ratio_to_revenue,
                            _segment_revenue_clause, _share_of_measure, _verb_right_after)
from .framemodel import Frame, FrameRules
from .patterns import alternation
from .frameparts import (product_subject, _geographic_part, _part_after, _part_before, geographic_after, goods_after,
                         part_owned, per_unit)
from .marketclauses import kind_of_market_part, narrower_category
from .marketslot import doc_market, market_slot, market_subject_ref, note_period, source_slot
from .outlookperiod import outlook_period, part_of_year, standing_target
from .metricqualifiers import qualify_metric
from .metricslot import metric_slot, minted_metric, unit_fits_figure
from .periodclauses import expected_baseline
from .periodslot import period_slot
from .productmentions import figure_for_product
from .basisdeclarations import declared_basis, reported_measure
from .qualifierslots import settled_modality, accounting_slot, basis_of, comparison_basis, hedge_of, modality_slot
from .slotrules import Slot
from .subjectslot import other_subject_named, subject_slot
from .text import Sentence


WINDOW = 400
_NOT_NAMED = ("issuer-default", "carried", "document")     # subjects not named in the figure's clause


def _frame(ctx: ExtractionContext, m: Mentions, s: Sentence, fig: Figure, lo: int, hi: int, d: Discourse,
           rules: FrameRules, inherited: Optional[tuple[str, str, str]], level: Optional[Frame]) -> Optional[Frame]:
    # every slot looks at most WINDOW characters around its figure: work per figure is bounded, so a long run of
    # figures in one clause costs linear time (a clause's subject is never further away than that)
    lo, hi = max(lo, fig.q.start - WINDOW), min(hi, fig.end + WINDOW)
    # metric
    ms = metric_slot(ctx, m, fig, lo, hi, rules.slots)
    metric = metric_label = None
    how = ""
    minted_from_level = share_owned = False
    expected_of: Optional[Period] = None
    compared = compared_expectation(ctx, rules, fig, level)
    per_share = _per_share(ctx, fig, rules, ms) if fig.q.kind == "money" and compared is None else None
    margin = _margin_of(ctx, fig, rules, level, inherited) if fig.q.kind == "percent" else None
    mc = _market_clause(ctx, m, fig, lo, rules, ms) if compared is None else None
    market_metric = _market_clause_metric(ctx, rules, fig, mc) if mc is not None else None
    if compared is not None:
        metric, metric_label, how = compared[0], compared[1], "expectation"    # "..., against a consensus of $1.03"
    elif market_metric is not None:
        # "the European market for premium home speakers contracted by around 10 per cent": the market's figure
        metric, how = market_metric, "market"
        metric_label = ctx.gazetteer.metrics[metric].label if metric in ctx.gazetteer.metrics else metric
        ms = None
    elif per_share is not None:
        metric, metric_label, how = per_share[0], per_share[1], "per-share"
    elif margin is not None:
        metric, metric_label, how = margin, margin.replace("-", " "), "margin-of"
    elif fig.q.kind == "percent" and _ratio_to_revenue(ctx, fig, rules, level) is not None:
        metric, metric_label = _ratio_to_revenue(ctx, fig, rules, level)  # type: ignore[misc]
        how, minted_from_level = "minted", True
    elif (share := _share_of_measure(ctx, m, fig, rules, lo)) is not None:
        metric, metric_label, share_owned = share
        how = "share-of-revenue" if metric == "revenue-share" else "share-of"
    elif fig.role == "share":
        metric, metric_label, how = "market-share", "market share", "share"
    elif ms is not None:
        metric, how = str(ms.value), ms.how
        metric_label = ctx.gazetteer.metrics[metric].label if how == "verb" else ctx.text[ms.start:ms.end]
    elif fig.role in ("change", "baseline", "prior") and level is not None and not (
            fig.role == "change" and fig.q.kind == "percent" and _percent_measure(ctx, level.metric)) and not (
            fig.q.kind == "pp" and level.metric and not unit_fits_figure(ctx, level.metric, fig)):
        # (a share's or a margin's change is stated in points: "64 per cent of Group revenue ..., grew 8%" is the
        # growth of something else, not of the share)
        metric, metric_label, how = level.metric, level.metric_label, "level"
        minted_from_level = level.metric_minted
    elif fig.role in ("level", "change") and _market_opens(ctx, m, lo, fig) and _main_measure(ctx, rules) and \
            _fits(ctx, _main_measure(ctx, rules) or "", fig):
        # "The UK fell 14% to 5.2 million" in a note on a market: the note's measure, for that market
        metric = _main_measure(ctx, rules)
        metric_label, how = ctx.gazetteer.metrics[metric].label if metric in ctx.gazetteer.metrics else metric, "note"
    elif fig.q.unit in rules.unit_names and fig.role == "level" and _fits(ctx, rules.unit_names[fig.q.unit], fig):
        metric, how = rules.unit_names[fig.q.unit], "unit"
        metric_label = ctx.gazetteer.metrics[metric].label if metric in ctx.gazetteer.metrics else metric
    elif fig.q.unit in rules.unit_metrics and (_doc_speaks_of(ctx, rules.unit_metrics[fig.q.unit]) or
                                               ctx.doc.genre == "research_note"):
        metric, metric_label, how = rules.unit_metrics[fig.q.unit], rules.unit_metrics[fig.q.unit], "unit"
    else:
        minted = minted_metric(ctx, fig, lo)
        if minted is None and not (inherited is not None and fig.role in ("level", "change") and
                                   _fits(ctx, inherited[0], fig)):
            # "its volume dropped 12.3%" after a clause on shipments is a change of shipments: the parallel measure
            # first, then a measure named before a change verb
            minted = minted_metric(ctx, fig, lo, change_verbs=True)
        if minted is not None and _names_no_measure(ctx, m, minted):
            minted = None
        if minted is not None:
            metric, how = str(minted.value), "minted"
            metric_label = ctx.text[minted.start:minted.end].lower()
            ms = minted
        elif inherited is not None and fig.role in ("level", "change") and _fits(ctx, inherited[0], fig):
            metric, metric_label, how = inherited[0], inherited[1], "parallel"
        elif (parallel := parallel_outlook(ctx, rules, m, fig, level)) is not None:
            metric, metric_label, how = parallel[0], parallel[1], "parallel"    # "sold ... and targets 1.3 million"
        elif (expected := expected_measure(ctx, rules, fig, lo, d.actual, d.outlooks)) is not None and \
                _fits(ctx, expected[0], fig):
            # "... reported revenue of $14.6 billion. Analysts had expected $14.2 billion": the expectation of the
            # measure the paragraph just stated, or of the outlook it is compared with
            metric, metric_label, expected_of = expected[0], expected[1], expected[2]
            how = "expectation"
    if fig.role == "change" and fig.q.kind == "percent" and level is not None and level.metric == metric and \
            _percent_measure(ctx, metric):
        metric = metric_label = None    # "... 64 per cent of Group revenue ..., grew 8%": not the share's change
    # subject
    from_level = False     # the subject is the level's ("shrank by 6% to 6.1 million units": the market's)
    if mc is not None:
        # (a figure of the market's clause that no market measure fits is still nobody's but the market's)
        subject: Optional[Slot] = Slot(market_subject_ref(ctx, mc.place, mc.category), "market", mc.start, mc.end) \
            if market_metric is not None else None
    elif fig.role in ("change", "baseline", "prior") and level is not None and level.subject is not None and \
            (ms is None or ms.how == "level"):
        subject = Slot(level.subject, level.subject_how)
        from_level = True
        if fig.role == "baseline" and figure_for_product(ctx, m, fig.end, hi):
            subject = None      # "compared with 2.2 million for last year's model": another product's figure
    else:
        subject = subject_slot(ctx, rules.slots, m, fig, ms if ms is not None and ms.start >= 0 else None, lo, hi,
                               d, metric)
    line = False
    if subject is not None and ms is not None and how == "explicit" and ms.start >= 0 and \
            not (isinstance(subject.value, EntityRef) and subject.value.kind == "market"):   # a market has no parts
        money = metric in ctx.gazetteer.metrics and ctx.gazetteer.metrics[metric].unit == "currency"
        # a part named in this clause ("Consumer PC revenue slipped") beats the subject carried from the sentence
        # before ("Commercial PCs ... brought in $9.3 billion"): the part is the issuer's
        owner = Slot(ctx.issuer, subject.how, subject.start, subject.end) \
            if subject.how == "carried" and ctx.issuer is not None else subject
        # ("Arvena's share of the OLED segment": a share of a segment names the market it is measured in)
        part = _part_before(ctx, rules, m, ms.start, lo, owner, money) or \
            (_part_after(ctx, m, ms.end, hi, owner) if metric != "market-share" else None)
        if part is not None:
            subject = part
        else:
            # "Sales of automotive LCD panels climbed 27%": a line's figure, not the company's (unless a part is
            # named for it below: "Sales of tablets, which it reports as its Slate segment, climbed 48%")
            line = money and owner.how in ("issuer-default", "first-person") and not per_unit(ctx, metric) and \
                goods_after(ctx, rules, m, ms.end, hi)
    if subject is None or subject.how != "part":
        owned = part_owned(ctx, rules, m, lo, fig.q.start, subject, s.start)
        if owned is not None:
            subject = owned
        elif line:
            subject = None
    if metric is None and (fig.role == "level" and fig.q.kind == "money" or
                           fig.role == "change" and fig.q.kind == "percent") and subject is not None and \
            isinstance(subject.value, EntityRef) and subject.value.kind == "segment" and \
            subject.how in ("explicit", "part", "possessive", "heading") and _doc_speaks_of(ctx, "revenue") and \
            subject.start >= 0 and _segment_revenue_clause(ctx, subject.end, fig.q.start, lo, hi) and \
            (fig.role == "level" or _verb_right_after(ctx, subject.end, fig.q.start)):
        # "Service Provider grew 25% to $210.4 million", "Enterprise Headsets contributed SEK 421 million", "Our
        # Services business grew 24%": a segment's money figure or its growth with no measure named is its revenue,
        # in a document that reports revenue
        metric, metric_label, how = "revenue", "revenue", "segment-revenue"
    if metric in rules.product_measures and fig.role in ("level", "change") and subject is not None and \
            isinstance(subject.value, EntityRef) and subject.value.kind == "organisation":
        subject = product_subject(ctx, s, fig, lo, subject) or subject
    subject, place = _geographic_part(ctx, rules, subject)
    if subject is not None and subject.how == "issuer-default" and other_subject_named(ctx, m):
        subject = None      # the issuer only by default, in a sentence that names another subject: unresolved
    if place is None and ms is not None and ms.start >= 0:
        place = geographic_after(ctx, rules, ms.end, hi, subject)
    # period
    basis, stated = basis_of(ctx, m, fig, lo, hi)
    period = period_slot(ctx, m, fig, lo, hi, s.start, d,
                         baseline_of=(level.period if level is not None else None) or (d.period or ctx.doc.period),
                         basis=basis, instant=(metric in rules.slots.instant_metrics and (
                             fig.role == "level" or (fig.role == "change" and metric in rules.slots.day_metrics))) or
                         (fig.role == "level" and fig.q.kind == "count" and fig.q.unit in rules.stock_units),
                         balance=fig.role == "level" and metric in rules.slots.instant_metrics)
    if fig.role == "change" and period is not None:
        # the period right after the change ("up 35% from the second quarter") says its basis whatever else the
        # sentence says; one elsewhere in the sentence ("Compared with the April-June quarter, ...") when none does
        against = comparison_basis(ctx, m, fig.end, min(hi, fig.end + 40), period.value) or \
            (comparison_basis(ctx, m, s.start, hi, period.value) if not stated else None)   # type: ignore[arg-type]
        if against is not None:
            basis, stated = against, True
        elif fig.multiple is not None:
            # "more than four times its 2021 size", "nearly triple the FY23 level": compared with that period
            earlier = next((p for p in m.periods if fig.end <= p.start < min(hi, fig.end + 30) and
                            re.fullmatch(r"\s+(?:the|its|their|our)\s+", ctx.text[fig.end:p.start], re.I)), None)
            if earlier is not None:
                basis, stated = f"vs {earlier.period.fiscal_label or earlier.period.label}", True
    kind = {"level": "metric", "baseline": "metric", "prior": "metric", "change": "change",
            "share": "market_share"}[fig.role]
    if fig.role == "change" and fig.q.kind == "number" and not fig.absolute:
        return None
    fr = Frame(kind, fig, (min(x for x in (fig.start, ms.start if ms is not None and ms.start >= 0 else fig.start,
                                           subject.start if subject is not None and subject.start >= 0 else fig.start)),
                           fig.end),
               metric=metric, metric_label=metric_label, metric_how=how,
               metric_minted=how in ("minted", "share-of") or minted_from_level or (how == "parallel" and metric is not None and
                                                                      metric not in ctx.gazetteer.metrics))
    if subject is not None:
        fr.subject, fr.subject_how = subject.value, subject.how  # type: ignore[assignment]
    if period is not None and not (fig.role == "baseline" and expected_baseline(ctx, fig.end, hi)):
        fr.period, fr.period_how = period.value, period.how  # type: ignore[assignment]
        fr.period_at = (period.start, period.end)
        if period.how == "window":
            fr.qualifiers.append(("window", ctx.text[period.start:period.end]))   # "in its first six months"
    if expected_period(fr.period, fr.period_how, expected_of):
        fr.period, fr.period_how = expected_of, "expectation"  # "The Street is at $1.17 billion for June"
    mk = place or (Slot(mc.place, "explicit", mc.start, mc.end) if mc is not None and mc.place is not None else None) \
        or market_slot(ctx, m, lo, hi, subject, d, fig.q.start, metric, s.start)
    fr.market = mk.value if mk is not None else None  # type: ignore[assignment]
    fr.market_how = mk.how if mk is not None else ""
    fr.market_at = mk.start if mk is not None else -1
    note_period(fr, d, ctx)
    if fr.subject is not None and fr.subject.kind == "market" and fr.subject_how == "carried":
        # a market's figure carried from the sentence before: the total of the market this clause names
        fr.subject = market_subject_ref(ctx, fr.market, None) if fr.market is not None and \
            fr.market_how in ("explicit", "there") else None
    if fr.subject is not None and fr.subject.kind == "market" and fr.market is None:
        # the place the market subject was read from ("China's ... the penetration rate"), else the document's
        named = [e for e in m.entities if subject is not None and e.start == subject.start and e.kind == "market"]
        fr.market = ctx.entity(named[0]) if named else doc_market(ctx)
    elif fr.subject is not None and fr.subject_how == "market" and fr.market is not None and not (
            from_level and level is not None and level.market is not None and level.market.key == fr.market.key):
        # the market's total is the total of the market the figure is measured in (not a place of an aside)
        fr.subject = market_subject_ref(ctx, fr.market, mc.category if mc is not None else
                                        narrower_category(ctx, m, lo, fig.q.start))
    if mc is not None and (fr.market is None or market_metric is None):
        fr.subject = None       # a market named by its product alone, in no market the text places: abstain
    if how == "share-of" and not share_owned and fig.role == "share" and fr.subject is not None and \
            fr.subject.kind in ("organisation", "group") and fr.subject_how not in _NOT_NAMED:
        # "Hollin and Brennard together accounted for 43.1% of global shipments": a company's part of a total that
        # is no company's own is its share of the market
        fr.metric, fr.metric_label, fr.metric_how, fr.metric_minted = "market-share", "market share", "share", False
    elif how == "level" and level is not None and level.metric_how == "share-of" and level.subject is None:
        fr.subject = None       # "up from 39%" after a share whose part is not known: nor is the earlier value's
    elif metric == "revenue-share" and fr.market is None and fr.subject is not None and level is not None and \
            level.market is not None and level.subject is not None and level.subject.key == fr.subject.key and \
            level.metric == "revenue" and _participle_share(ctx, rules, fig, level):
        # "Revenue from overseas markets grew 17% to $26.1 billion, accounting for 48.7% of total revenue": the
        # share is of the part the revenue before it was for (the company, in that market)
        fr.market, fr.market_how = level.market, "level"
    elif (metric == "revenue-share" or how == "share-of") and fr.subject is not None and \
            fr.subject.kind == "organisation" and (fr.market is None or (metric != "revenue-share" and (
                fr.market_at > fig.q.start or fr.subject_how in _NOT_NAMED))):
        # a share of revenue is a part's (a segment, a product, a region), never the whole's; a region named only in
        # the total ("46% of its Western European shipments") is not the part, nor is a company the text does not
        # name in the clause ("Germany alone accounted for 55% of installations": the market's part)
        fr.subject = None
    part_kind = kind_of_market_part(ctx, m, fig, lo, metric) if how == "share-of" and not share_owned and \
        fr.subject is None else None
    if part_kind is not None:
        fr.market = fr.market or doc_market(ctx)     # "Android tablets made up 71% of shipments": the market's part
        fr.subject, fr.subject_how = (market_subject_ref(ctx, fr.market, part_kind or None), "market") \
            if fr.market is not None else (None, "")
        fr.kind = "metric"
    fr.source = source_slot(ctx, m, s.start, s.end)
    fr.modality = settled_modality(ctx, rules.slots, modality_slot(ctx, rules.slots, lo, hi, fig, subject, d, fr.period,
                                                                   fr.source), fr.subject, s.start, fig)
    if fig.role == "baseline" and level is not None and level.modality in FORWARD and level.period is not None and \
            fr.period_how == "shifted" and _revision(ctx, lo, hi):
        # "raised its full-year forecast to $12 billion from $11.5 billion": the previous outlook, same period
        fr.period, fr.period_how, fr.modality = level.period, "revision", level.modality
    elif fig.role == "baseline" and level is not None and level.modality in FORWARD and fr.modality == level.modality \
            and level.period is not None and fr.period is not None and fr.period.end is not None and \
            level.period.start is not None and fr.period.end < level.period.start:
        fr.modality = None     # "expect $420 million in 2024, up from $400 million in 2023": the actual before it
    if fr.modality is None and _analysts_own_claim(ctx, fig.q.start, fr.subject):
        fr.subject_how = "analyst"      # an analyst's number of the company, which management has not confirmed
    if fr.modality is None and fr.kind in ("metric", "change") and _not_over(ctx, fr):
        fr.period_how = "not-over"      # stated as a result, for a period not over when the text was written
    if fr.modality in FORWARD or (fr.modality == "consensus" and d.outlook_period is not None):
        outlook_period(ctx, m, fr, d, hi)   # analysts' expectation right after an outlook: the outlook's period
    part_of_year(ctx, fr, lo, hi)
    standing_target(ctx, fr, ms.end if ms is not None and ms.start >= 0 and how in ("explicit", "minted", "verb")
                    else None)
    fr.accounting = accounting_slot(ctx, rules.slots, ms, fig, lo, hi, s.start) or \
        (level.accounting if level is not None and (how == "margin-of" or (
            fig.role == "baseline" and fr.metric == level.metric)) else None) or \
        declared_basis(rules.slots.declarations, fig.q.start, fr.metric)
    # the level's basis for its margin ("a margin of 12.7%") and its earlier value ("against $0.77 in the prior-year
    # quarter"); a basis the document declared ("margins are non-GAAP")
    fr.metric, fr.metric_label = reported_measure(ctx.gazetteer.metrics, rules.slots.accounting_rx,
                                                  rules.slots.accounting, fr.metric, fr.metric_label, fr.accounting)
    fr.hedge = hedge_of(ctx, m, fig)
    _value(fr, fig, basis, stated)
    if fr.kind == "metric" and fig.q.kind == "money" and isinstance(fr.value, Decimal) and fr.value > 0 and \
            fr.metric and "profit" in fr.metric and \
            rules.figures.loss_before.search(ctx.text, max(lo, fig.q.start - 40), fig.q.start):
        fr.value = -fr.value    # "a profit after tax of ₹41 crore against a loss of ₹12 crore": profit -₹12 crore
    if fr.unit is None and fr.kind in ("metric", "count") and metric is not None:
        entry = ctx.gazetteer.metrics.get(metric)
        if entry is not None and entry.unit not in (None, "currency", "percent", "ratio", "rank"):
            fr.unit = entry.unit          # "0.1 million MAU": the measure's own unit (users)
    # "handset shipments", "shipments of Acme's smart TVs", "households that own three or more devices connected"
    qualify_metric(ctx, rules, m, fr, ms, lo, hi)
    return fr


def _not_over(ctx: ExtractionContext, fr: Frame) -> bool:
    """A quarter or half that ends after the document's date (a week's grace for a release on its last day), or a
    year that begins after it: no result can be stated for it yet ("gross margin is 47%" of a quarter under way).
    (A year under way is left alone: "sold 1.04 million phones in 2023" in November is as good as the year's.)"""
    period = fr.period
    if period is None or period.end is None or period.start is None or not ctx.doc.date or len(ctx.doc.date) < 10:
        return False
    day = date.fromisoformat(ctx.doc.date[:10])
    if period.kind == "year":
        return period.start > day
    return period.kind in ("quarter", "half", "ninemonths") and period.end > day + timedelta(days=7)


def _analysts_own_claim(ctx: ExtractionContext, pos: int, subject: Optional[EntityRef]) -> bool:
    """A figure of the issuer (or one of its parts) stated in an analyst's question as no expectation ("I have
    revenue growing 12% this year -- is that fair?", "you did $4.1 billion"): the analyst's claim; the company's
    own figure only when its management says it. A rival's result the analyst cites stays that rival's."""
    turn = ctx.turn_at(pos)
    if turn is None or turn.role != "analyst" or subject is None or ctx.issuer is None:
        return False
    return subject.key == ctx.issuer.key or subject.owner == ctx.issuer.key


def _revision(ctx: ExtractionContext, lo: int, hi: int) -> bool:
    rx = ctx.__dict__.get("_revision_rx")
    if rx is None:
        words = [str(w) for w in ctx.patterns["frames"].get("outlook_revision") or []]
        rx = re.compile(rf"(?<![\w-])(?:{alternation(words)})(?![\w-])", re.I)
        ctx.__dict__["_revision_rx"] = rx
    return rx.search(ctx.text, lo, hi) is not None


def _value(fr: Frame, fig: Figure, basis: str, stated: bool) -> None:
    q = fig.q
    if fr.kind == "change":
        fr.basis, fr.basis_stated = basis, stated
        if fig.multiple is not None:
            fr.value, fr.unit = (fig.multiple - 1) * 100, "percent"
            fr.qualifiers.append(("multiple", str(fig.multiple)))
        elif fig.absolute:
            fr.value, fr.unit = q.value * fig.sign, q.unit
        else:
            fr.value, fr.unit = q.value * fig.sign, q.unit
        if fig.low is not None and fig.high is not None:
            # "decline by 10% to 15%": -15..-10, the low end first
            lo_v, hi_v = sorted((fig.low * fig.sign, fig.high * fig.sign))
            fr.qualifiers += [("low", str(lo_v)), ("high", str(hi_v))]
        return
    fr.value, fr.unit = q.value, q.unit if q.kind != "number" else None
    if fig.low is not None and fig.high is not None:
        fr.qualifiers += [("low", str(fig.low)), ("high", str(fig.high))]
    if fig.role == "baseline":
        fr.qualifiers.append(("comparison", "earlier value"))
    if fig.role == "prior":
        fr.qualifiers.append(("comparison", "prior period"))

