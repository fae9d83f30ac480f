"""The period slot of a figure: the period written with it, in its sentence, carried by the discourse, or the
document's."""
from __future__ import annotations

import re
from datetime import date
from typing import Optional

from ..records import Period
from .context import ExtractionContext, Mentions
from .discourse import Discourse
from .figures import Figure
from .patterns import alternation, per_document, phrase_alternation
from .periodclauses import (COMPARISON, LOOK, PERIOD_GAP, began_before, compared, cumulative, event_date,
                            future_for_present, launch_window, owned_by_earlier, parenthesised_apart,
                            parenthesised_own, past_for_perfect, start_of, superlative_domain)
from .periods import PeriodMention, following, quarter, shift
from .slotrules import Slot


# "the fifth-largest vendor in China in the second quarter", "third among tablet makers in Q2", "than the 17.4 million
# phones it shipped in April-June": what may stand between a rank (or an earlier value) and its period -- words of
# its clause, no punctuation
_WORDS_TO_PERIOD = re.compile(r"\s*(?:-?[\w’'&]+\s+){0,6}?(?:in|for|during|over|of|at|on)\s+(?:the\s+)?", re.I)


def period_slot(ctx: ExtractionContext, m: Mentions, fig: Figure, lo: int, hi: int, s_start: int,
                d: Discourse, baseline_of: Optional[Period] = None, basis: Optional[str] = None,
                instant: bool = False, balance: bool = False, rank: bool = False) -> Optional[Slot]:
    """The period a figure is for: one written after it, before it in its chunk or at the front of its sentence;
    a stock (``instant``: a valuation, a stake, a headcount) with none is as of the document's date; else the
    period the discourse carries, else the document's."""
    if _prior_label(ctx).search(ctx.text, max(s_start, fig.q.start - 40), fig.q.start) is not None:
        # "EUR 3,412 million (prior year: EUR 3,195 million)": the labelled value is the period's a year back
        ref = baseline_of or d.period or ctx.doc.period
        back = _shift(ctx, ref, years=-1) if ref is not None else None
        return Slot(back, "shifted") if back is not None else None
    window = launch_window(ctx, fig.end, min(hi, fig.end + 80)) if fig.role in ("level", "share") else None
    if window is not None:
        # "sold 1.8 million units in its first six months": a window from a launch, which no calendar date bounds
        return Slot(None, "window", window.start("w"), window.end("w"))
    # "SHENZHEN, May 3, 2024 -- Acme reported revenue of ...": a dateline's day dates the document, not the figure
    mentioned = [p for p in m.periods if not ctx.engine.periods.in_dateline(ctx.text, p)]
    reason = _reason_clause_end(ctx, s_start, fig.q.start)
    if reason is not None:
        # "As Western Europe is our key market in 2019, our phones ranked 4th there": the year is the reason's
        mentioned = [p for p in mentioned if not s_start <= p.start < reason]
    periods = [p for p in mentioned if lo <= p.start and p.end <= hi]
    after = [p for p in periods if fig.end <= p.start <= fig.end + 70
             and not _figure_between(m, fig.end, p.start) and (PERIOD_GAP.fullmatch(ctx.text[fig.end:p.start]) or
                                                                _gap_through_measure(ctx, m, fig.end, p.start) or
                                                                _relative_outlook_gap(ctx, fig.end, p.start) or
                                                                parenthesised_own(ctx, fig.end, p.start, p.end) or
                                                                ((rank or fig.role in ("baseline", "prior")) and
                                                                 _WORDS_TO_PERIOD.fullmatch(ctx.text, fig.end, p.start)))]
    if fig.multiple is not None:
        # "nearly triple the FY23 level", "four times its 2021 size": the period a multiple is of is its base's
        after = [p for p in after if not _BASE_OF_MULTIPLE.fullmatch(ctx.text, fig.end, p.start)]
    if instant or fig.role == "change":
        # "has invested in 63 companies since 2016": a stock is not as of the year something began; "revenue has
        # doubled since 2018": a change is not over the year it is counted from
        after = [p for p in after if not began_before(ctx, s_start, p)]
    if fig.role in ("baseline", "prior"):
        if after and baseline_of is not None and baseline_of.start is not None and after[0].period.start is not None \
                and re.search(r"\bsame\b", ctx.text[after[0].start:after[0].end], re.I):
            # "7.5% lower than the NT$37.90 billion recorded in the same period of 2022": the compared period, moved
            moved = _shift(ctx, baseline_of, years=after[0].period.start.year - baseline_of.start.year)
            return Slot(moved, "shifted") if moved is not None else None
        if after and not COMPARISON.search(ctx.text[max(lo, after[0].start - LOOK):after[0].start]) or \
                after and fig.role == "baseline":
            return Slot(_fiscal_last_year(ctx, after[0], d), "explicit", after[0].start, after[0].end)
        if baseline_of is not None:
            rel = _baseline_relative(ctx).search(ctx.text, fig.end, min(hi, fig.end + 40))
            quarterly = (rel is not None and rel.group("q")) or basis == "QoQ"
            shifted = _shift(ctx, baseline_of, quarters=-1) if quarterly else _shift(ctx, baseline_of, years=-1)
            return Slot(shifted, "shifted") if shifted else None
        return None
    if not after and endpoint_anaphora(ctx).search(ctx.text, s_start, fig.q.start):
        return None     # "By then smartwatches will make up 30.4%": the end of a span named before -- unresolved
    if not periods and day_anaphora(ctx).search(ctx.text, s_start, fig.q.start):
        # "On that day, the brand ranked first in 219 categories": the day named in the sentence before, else none
        return _day_before(ctx, s_start)
    if after and not COMPARISON.search(ctx.text[max(lo, after[0].start - LOOK):after[0].start]):
        # "repurchased 2.9 million shares during the year" in a report on a fiscal quarter: the fiscal year
        read = _current(ctx, after[0], d) if after[0].how not in ("explicit", "current") else \
            _quarter_named(ctx, after[0], after[0].period) if after[0].how == "current" else None
        return Slot(_in_carried_year(ctx, after[0], d, read), "explicit", after[0].start, after[0].end)
    before = [p for p in periods if p.end <= fig.q.start and not compared(ctx, max(lo, s_start), p) and
              not event_date(ctx, s_start, p) and
              not owned_by_earlier(ctx, m, fig, s_start, p) and not start_of(ctx, fig, s_start, p) and
              not future_for_present(ctx, fig, p) and not past_for_perfect(ctx, fig, lo, p) and
              not parenthesised_apart(ctx, s_start, fig, p) and not superlative_domain(ctx, s_start, p)]
    if instant:
        # "was founded in 1997 and employs around 6,800 people": the year is the other clause's; "Founded in 2012,
        # Nimbra sells in more than 30 countries", "has invested in 63 companies since 2016": a stock is not as of
        # the year something began
        before = [p for p in before if not re.search(r"\band\b", ctx.text[p.end:fig.q.start]) and
                  not began_before(ctx, s_start, p)]
    dated = ctx.doc.date is not None and len(ctx.doc.date) >= 10
    stock = fig.role != "change" and _present_stock(ctx).search(ctx.text, lo, fig.q.start) is not None
    if dated and stock:
        # "Founded in 2009, the company has approximately 2,300 employees": a stock in the present tense is as of
        # the document's date; an earlier year of the sentence is another clause's
        day = date.fromisoformat(ctx.doc.date[:10])   # type: ignore[index]
        return Slot(Period(day.isoformat(), "instant", day, day), "document-date")
    if before:
        p = before[-1]
        return Slot(_in_carried_year(ctx, p, d, _current(ctx, p, d)), "explicit", p.start, p.end)
    fronted = [p for p in mentioned if s_start <= p.start < lo and p.end <= fig.q.start and
               not compared(ctx, s_start, p) and
               not event_date(ctx, s_start, p) and not owned_by_earlier(ctx, m, fig, s_start, p) and
               not start_of(ctx, fig, s_start, p) and not future_for_present(ctx, fig, p) and
               not past_for_perfect(ctx, fig, lo, p) and not parenthesised_apart(ctx, s_start, fig, p) and
               not superlative_domain(ctx, s_start, p) and
               not (instant and (began_before(ctx, s_start, p) or
                                 _CLAUSE_AND.search(ctx.text, p.end, fig.q.start)))]
    if fronted:
        return Slot(_in_carried_year(ctx, fronted[0], d, _current(ctx, fronted[0], d)), "sentence",
                    fronted[0].start, fronted[0].end)
    reported = d.period or ctx.doc.period
    if balance and reported is not None and reported.end is not None and reported.kind != "instant" and \
            (ctx.doc.date is None or reported.end.isoformat() <= ctx.doc.date[:10]):
        # "cash and cash equivalents of $1.08 billion" in a report on a quarter: a balance (``balance``: a level of
        # an instant metric) is at the end of that quarter
        end = reported.end
        return Slot(Period(end.isoformat(), "instant", end, end), "period-end")
    # "it has now installed 21,000": a running total, with no period of its own, as of the document's date
    total = fig.role != "change" and cumulative(ctx).search(ctx.text, lo, fig.q.start) is not None and \
        not any(p.start >= fig.q.end for p in periods)
    if (instant or stock or total) and ctx.doc.date and len(ctx.doc.date) >= 10:
        # "The group has about 1,900 employees", "now supplies 14 carmakers": a stock as of the document's date
        day = date.fromisoformat(ctx.doc.date[:10])
        return Slot(Period(day.isoformat(), "instant", day, day), "document-date")
    if not periods and d.period is not None and ctx.doc.period is None and not ctx.doc.date:
        # an undated text reads "in the second quarter" only with a year: the year of the period it carries
        # ("shipped 9.6 million in the first half of 2023 ... fifth-largest in the second quarter")
        bare = [p for p in ctx.engine.periods.find(ctx.text, lo, fig.q.start, d.period, None)
                if p.how != "current" and not COMPARISON.search(ctx.text[max(lo, p.start - LOOK):p.start])]
        if bare:
            return Slot(bare[-1].period, "explicit", bare[-1].start, bare[-1].end)
    # the quarter a report on a half leads with, held by a section with no period of its own, stands for the
    # document's period ("document": an outlook does not take it, a standing target keeps none)
    led = d.period is not None and d.period is d.lead_period and d.paragraph_period is None and \
        d.carried_period is None
    current = Slot(d.period, "document" if led else "carried") if d.period is not None else \
        Slot(ctx.doc.period, "document") if ctx.doc.period is not None else None
    if current is None and dated and (fig.role == "share" or rank) and \
            _present_state(ctx).search(ctx.text, lo, fig.q.start):
        # "Valtera is the number two supplier in Europe with a market share of 24 per cent": a state in the
        # present tense, in a document that reports no period, is as of the document's date
        day = date.fromisoformat(ctx.doc.date[:10])   # type: ignore[index]
        return Slot(Period(day.isoformat(), "instant", day, day), "document-date")
    back = _year_earlier(ctx).search(ctx.text, max(lo, fig.q.start - 60), fig.q.start)
    if current is not None and fig.role == "level" and back is not None and \
            not re.search(r"[\d,;]", ctx.text[back.end():fig.q.start]) and \
            not COMPARISON.search(ctx.text[max(lo, back.start() - LOOK):back.start()]):
        # "Net profit a year earlier had been 1.12 billion yuan": the period the text is on, a year back
        shifted = _shift(ctx, current.value, years=-1)   # type: ignore[arg-type]
        return Slot(shifted, "shifted") if shifted is not None else None
    return current


def day_anaphora(ctx: ExtractionContext) -> re.Pattern[str]:
    """Phrases that point back at a day named before ("on that day": periods.yaml day_anaphora)."""
    return per_document(ctx, "_day_anaphora", lambda: re.compile(
        rf"\b(?:{phrase_alternation(ctx.patterns['periods'].get('day_anaphora') or [])})\b", re.I))


def _day_before(ctx: ExtractionContext, s_start: int) -> Optional[Slot]:
    """The day named last in the text right before ``s_start`` (within its paragraph), else None: unresolved."""
    back = max(ctx.text.rfind("\n\n", 0, s_start), s_start - 400, 0)
    days = ctx.engine.periods.find(ctx.text, back, s_start, ctx.doc.period, ctx.doc.date)
    if not days or days[-1].period.kind != "day":
        return None
    return Slot(days[-1].period, "carried")


def _reason_clause_end(ctx: ExtractionContext, s_start: int, pos: int) -> Optional[int]:
    """The end (its comma) of a leading clause of reason or concession ("As ...,", "Because ...,": text.yaml
    reason_subordinators) when a figure at ``pos`` follows it, else None."""
    words = ctx.patterns["text"].get("reason_subordinators") or []
    exceptions = ctx.patterns["text"].get("subordinator_exceptions") or []
    head = ctx.text[s_start:pos]
    if not any(re.match(rf"{re.escape(w)}\b", head) for w in words) or \
            any(re.match(rf"{re.escape(w)}\b", head) for w in exceptions):
        return None
    comma = head.find(",")
    return s_start + comma if comma > 0 else None


def endpoint_anaphora(ctx: ExtractionContext) -> re.Pattern[str]:
    """Phrases that point at the end of a period named earlier ("by then": periods.yaml endpoint_anaphora)."""
    return per_document(ctx, "_endpoint_anaphora", lambda: re.compile(
        rf"\b(?:{phrase_alternation(ctx.patterns['periods'].get('endpoint_anaphora') or [])})\b", re.I))


_BASE_OF_MULTIPLE = re.compile(r"\s+(?:the|its|their|our)\s+", re.I)
# "... last year, and it has now installed 21,000": a new clause (not "cash and cash equivalents")
_CLAUSE_AND = re.compile(r",\s*and\b|\band\s+(?:it|we|they|he|she|the\s+(?:company|group|firm))\b", re.I)


def _present_stock(ctx: ExtractionContext) -> re.Pattern[str]:
    """A stock's verb in the present tense right before its figure (``periods.yaml`` present_stock_verbs,
    present_stock_now_verbs, stock_hedges): "has approximately", "now supplies"."""
    cfg = ctx.patterns["periods"]
    return per_document(ctx, "_present_stock", lambda: re.compile(
        rf"\b(?:{phrase_alternation(cfg.get('present_stock_verbs') or [])}|"
        rf"now\s+(?:{phrase_alternation(cfg.get('present_stock_now_verbs') or [])}))\s+"
        rf"(?:(?:{phrase_alternation(cfg.get('stock_hedges') or [])})\s+)?$", re.I))


def _gap_through_measure(ctx: ExtractionContext, m: Mentions, a: int, b: int) -> bool:
    """"a 35% drop in adjusted net profit for the September quarter": the figure's measure stands between it
    and its period."""
    for x in m.metrics:
        after = _PARENTHESIS.match(ctx.text, x.end, b)
        if a <= x.start and x.end <= b and (_change_noun_gap(ctx).fullmatch(ctx.text, a, x.start) or
                                           _SHARE_OF_GAP.fullmatch(ctx.text, a, x.start) or
                                           re.fullmatch(r"\s*", ctx.text[a:x.start])) and \
                PERIOD_GAP.fullmatch(ctx.text, after.end() if after else x.end, b):
            return True
    return False


# "held 18% of U.S. smart-home hub shipments in the first half", "fifth in global smartwatch shipments in calendar
# 2023": a share of (a rank in) a market's measure, then its period
_SHARE_OF_GAP = re.compile(r"[*_\s]*(?:of|in)\s+(?:the\s+)?(?:[\w.'’&/-]+\s+){0,5}?", re.I)
_PARENTHESIS = re.compile(r"\s*\([^()]{1,24}\)")


def _change_noun_gap(ctx: ExtractionContext) -> re.Pattern[str]:
    """"a 35% drop in adjusted net profit": a change noun (``periods.yaml`` change_nouns_before_measure) between a
    figure and its measure."""
    return per_document(ctx, "_change_noun_gap", lambda: re.compile(
        r"\s*(?:(?:year[- ](?:on|over)[- ]year|yoy|y/y)\s+)?"
        rf"(?:{phrase_alternation(ctx.patterns['periods'].get('change_nouns_before_measure') or [])})\s+in\s+"
        r"(?:the\s+|its\s+|our\s+|their\s+)?(?:[\w-]+\s+){0,2}", re.I))


def _relative_outlook_gap(ctx: ExtractionContext, a: int, b: int) -> bool:
    """"the 9.8 per cent the Group expects for the current financial year": an outlook's relative clause (its
    verbs: frames.yaml ``modality_after_verbs``) between the figure and its period."""
    verbs = ctx.__dict__.get("_after_verbs_rx")
    if verbs is None:
        words = [str(w) for w in ctx.patterns["frames"].get("modality_after_verbs") or []]
        verbs = re.compile(rf"\s+(?:[\w'’&.-]+\s+){{1,3}}?(?:{alternation(words)})\s+(?:in|for|during|by)\s+"
                           r"(?:the\s+)?", re.I)
        ctx.__dict__["_after_verbs_rx"] = verbs
    return verbs.fullmatch(ctx.text, a, b) is not None


def resolve_mention(ctx: ExtractionContext, p: PeriodMention, d: Discourse) -> Period:
    """The period a mention names, relative phrases ("for the year", "the current quarter") resolved."""
    return _current(ctx, p, d)


def _in_carried_year(ctx: ExtractionContext, p: PeriodMention, d: Discourse,
                     read: Optional[Period] = None) -> Period:
    """A quarter or half written without its year, in a text that reports no period of its own, is in the year of the
    period the paragraph carries ("shipped 9.6 million in the first half of 2023 ... That made it the fifth-largest
    vendor in the second quarter": 2023, whatever the story's date)."""
    read = read or p.period
    carried = d.paragraph_period or d.carried_period
    if not p.yearless or ctx.doc.period is not None or carried is None or carried.start is None or \
            carried.fiscal_label or read.fiscal_label or read.start is None or \
            carried.kind not in ("year", "half", "quarter", "ninemonths") or read.start.year == carried.start.year:
        return read
    return shift(read, years=carried.start.year - read.start.year)


def _fiscal_last_year(ctx: ExtractionContext, p: PeriodMention, d: Discourse) -> Period:
    """"against INR 4.00 per share for the previous year" in a report on a fiscal year (or a quarter of one): the
    fiscal year before the reported one, not the calendar year before the document's date."""
    ref = d.period or ctx.doc.period
    fiscal = ctx.doc.fiscal
    if p.how != "relative" or p.period.kind != "year" or fiscal is None or fiscal.is_calendar or ref is None or \
            not ref.fiscal_label or ref.end is None or \
            not ctx.engine.periods.last_year.fullmatch(ctx.text, p.start, p.end):
        return p.period
    return fiscal.period("year", fiscal.fiscal_year_of(ref.end) - 1)


def _current(ctx: ExtractionContext, p: PeriodMention, d: Discourse) -> Period:
    if p.how == "relative":
        return _fiscal_last_year(ctx, p, d)
    read = _current_span(ctx, p, d)
    if p.period.kind == "instant" and p.how in ("current", "current-year") and read.kind != "instant" and \
            read.end is not None:
        # "at the end of the quarter", "ended the year with": the end of the period the phrase names
        return Period(read.end.isoformat(), "instant", read.end, read.end)
    return read


def _quarter_named(ctx: ExtractionContext, p: PeriodMention, read: Period) -> Period:
    """"in the quarter" in a report on a half or a year: its last quarter, not the whole period."""
    if read.kind in ("half", "year", "ninemonths") and read.end is not None and not read.fiscal_label and \
            re.search(r"\bquarter\b", ctx.text[p.start:p.end], re.I):
        return quarter(read.end.year, (read.end.month - 1) // 3 + 1)
    return read


def _current_span(ctx: ExtractionContext, p: PeriodMention, d: Discourse) -> Period:
    if p.how == "current":
        return _quarter_named(ctx, p, d.period or p.period)
    ref = d.period or ctx.doc.period
    if p.how == "current-year" and ref is not None and ref.kind != "year":
        if ref.fiscal_label and ctx.doc.fiscal is not None and ref.end is not None:
            return ctx.doc.fiscal.period("year", ctx.doc.fiscal.fiscal_year_of(ref.end))
        return following(ref, p.how, None) or p.period
    if p.how == "current-year":
        return ref or p.period
    fiscal = ctx.doc.fiscal
    if p.how == "date-year" and (ref is None or not ref.fiscal_label) and fiscal is not None and \
            not fiscal.is_calendar and ctx.doc.date and len(ctx.doc.date) >= 10:
        # "sales of ¥7 billion in the current fiscal year" in a story (no reported period) on a company whose year
        # ends in March: the fiscal year under way at the document's date
        return fiscal.period("year", fiscal.fiscal_year_of(date.fromisoformat(ctx.doc.date[:10])))
    if p.how in ("date-quarter", "date-year", "next-quarter", "next-year") and ref is not None and ref.fiscal_label:
        day = date.fromisoformat(ctx.doc.date[:10]) if ctx.doc.date and len(ctx.doc.date) >= 10 else None
        if p.how == "date-year" and ref.kind != "year" and day is not None and ctx.doc.fiscal is not None:
            return ctx.doc.fiscal.period("year", ctx.doc.fiscal.fiscal_year_of(day))   # the fiscal year under way
        moved = following(ref, p.how, day, step=lambda q, **kw: _shift(ctx, q, **kw))
        return moved or p.period
    return p.period


def _figure_between(m: Mentions, a: int, b: int) -> bool:
    return any(a <= q.start < b for q in m.quantities)


def _shift(ctx: ExtractionContext, p: Period, years: int = 0, quarters: int = 0) -> Optional[Period]:
    if p.fiscal_label and ctx.doc.fiscal is not None:
        return ctx.doc.fiscal.shift(p, years=years, quarters=quarters)
    return shift(p, years=years, quarters=quarters)


def _prior_label(ctx: ExtractionContext) -> re.Pattern[str]:
    """A label right before a figure in parentheses that names the prior year ("(prior year: EUR 3,195 million)",
    ``periods.yaml`` prior_year_labels)."""
    return per_document(ctx, "_prior_label", lambda: re.compile(
        rf"\(\s*(?:{phrase_alternation(ctx.patterns['periods'].get('prior_year_labels') or [])})\s*[:：]\s*$", re.I))


def _present_state(ctx: ExtractionContext) -> re.Pattern[str]:
    """The verbs of a state in the present tense (``cues.yaml`` present_state)."""
    return per_document(ctx, "_present_state", lambda: re.compile(
        rf"\b(?:{phrase_alternation(ctx.patterns['cues'].get('present_state') or [])})\b", re.I))


def _baseline_relative(ctx: ExtractionContext) -> re.Pattern[str]:
    """After a baseline figure, the earlier period it is of ("from $3.1 billion a year earlier", "the previous
    quarter"): ``cues.yaml`` baseline_relative (group ``q`` when a quarter back)."""
    rel = ctx.patterns["cues"].get("baseline_relative") or {}
    return per_document(ctx, "_baseline_relative", lambda: re.compile(
        rf"\b(?:{phrase_alternation(rel.get('years') or [])})|(?P<q>{phrase_alternation(rel.get('quarters') or [])})",
        re.I))


def _year_earlier(ctx: ExtractionContext) -> re.Pattern[str]:
    """Before a level, the year-earlier period it is of ("Net profit a year earlier had been 1.12 billion yuan"):
    ``cues.yaml`` level_year_earlier."""
    return per_document(ctx, "_year_earlier", lambda: re.compile(
        rf"\b(?:{phrase_alternation(ctx.patterns['cues'].get('level_year_earlier') or [])})\b", re.I))
