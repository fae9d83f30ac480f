"""Launch facts (kind launch): announced, launched, pre-order, available, first_sale and upgraded dates.

A cue of mappings/patterns/launches.yaml in a clause gives the status; the clause's products (gazetteer or
discovered; a platform only with a version number) get it. The date is the clause's date (paired in order
when a clause names as many products as dates), else the sentence's, else the earlier launch's date for a
clause that refers back ("announced alongside it"), else "today" = the document date, else the document date
(releases, news) or period (results, calls). Dates without a year take the document's year (periods grammar).
``value`` is the date's label (the status word when undated), ``period`` the date, qualifier ``status``; the market is the clause's, the sentence's, or (product
releases) the market the document names most. A debut in several markets is one fact per market; a sale or
availability in several markets is one fact with no market and the markets in qualifier ``markets``. "A limited offering of 30,000 units" adds ``limited_units``.
A launch "about a month earlier than its usual schedule" adds a launch of status ``timing`` (value = the phrase).
A start of production is read also as a plan ("aims to start mass production of X in May": planned=true).
A sale or availability clause that lists where ("on Amazon.in, mi.com and Mi Home stores") also gives each product
a launch of status ``sales_channels`` whose value is the list, dated like the sale.
"""
from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Optional

from ..records import EntityRef, Fact, Period
from .context import ExtractionContext
from .periods import PeriodMention
from .products import ProductMention, ProductTracker, main_product, products_in
from .launchcontext import (class_in_markets, document_market, is_heading, line_kinds, market_word, platforms,
                            series_topic)
from .launchdates import end_of_month_as_month, date_value, day, this_year, year_of
from .launchevents import events
from .productrefs import reference_rules, subjects_in
from .text import Sentence


class LaunchRules:
    """Compiled mappings/patterns/launches.yaml."""

    def __init__(self, data: dict):
        self.clauses = re.compile(data["clause_separators"])
        self.cues = [(re.compile(c["cue"], re.IGNORECASE), c["status"], bool(c.get("object_after")))
                     for c in data["cues"]]
        self.topic_cues = {i for i, c in enumerate(data["cues"]) if c.get("topic")}
        self.planned_cues = {c["cue"] for c in data["cues"] if c.get("planned")}
        self.reject = re.compile(data["reject"], re.IGNORECASE)
        self.plan_ok = {c["status"] for c in data["cues"] if c.get("plan_ok")}
        self.plan = re.compile(data["plan"], re.IGNORECASE) if data.get("plan") else None
        self.today = re.compile(data["today"], re.IGNORECASE)
        self.month_part = re.compile(data["month_part"], re.IGNORECASE)
        self.limited = re.compile(data["limited"], re.IGNORECASE)
        self.dated_genres = set(data.get("dated_genres") or ())
        self.market_genres = set(data.get("document_market_genres") or ())
        self.not_launched = re.compile(data["not_launched_before"], re.IGNORECASE)
        self.topic_statuses = set(data.get("topic_statuses") or ())
        self.group = re.compile(data["group_reference"], re.IGNORECASE) if data.get("group_reference") else None
        self.refers_back = re.compile(data["refers_back"], re.IGNORECASE)
        self.variant_reference = re.compile(data["variant_reference"], re.IGNORECASE) \
            if data.get("variant_reference") else None
        self.platform_version = re.compile(data["platform_version"])
        self.ordinal_day = re.compile(data["ordinal_day"]) if data.get("ordinal_day") else None
        self.past = re.compile(data["past_cue"], re.IGNORECASE) if data.get("past_cue") else None
        self.future = re.compile(data["future_before"], re.IGNORECASE) if data.get("future_before") else None
        self.channels_lead = re.compile(data["channels_lead"]) if data.get("channels_lead") else None
        self.channel_word = re.compile(data["channel_word"]) if data.get("channel_word") else None
        self.channel_statuses = set(data.get("channel_statuses") or ())
        self.timing = re.compile(data["timing"], re.IGNORECASE) if data.get("timing") else None
        ev = data.get("events") or {}
        self.publication = re.compile(ev["publication"], re.MULTILINE) if ev.get("publication") else None
        self.dateline = re.compile(ev["dateline"], re.MULTILINE) if ev.get("dateline") else None
        self.signature = re.compile(ev["signature"]) if ev.get("signature") else None
        self.dateline_genres = set(ev.get("dateline_genres") or ())
        self.event_cues = [(re.compile(c["cue"], re.IGNORECASE), c["metric"], bool(c.get("markets")),
                            bool(c.get("future")), bool(c.get("years"))) for c in ev.get("cues") or ()]
        self.event_skip = set(ev.get("skip_with_quantities") or ())


def clause_spans(s: Sentence, rules: LaunchRules) -> list[tuple[int, int]]:
    cuts = [0]
    for m in rules.clauses.finditer(s.text):
        cuts += [m.start(), m.end()]
    cuts.append(len(s.text))
    return [(s.start + a, s.start + b) for a, b in zip(cuts[::2], cuts[1::2]) if b > a]


def status_of(text: str, rules: LaunchRules) -> Optional[tuple[str, int, int, bool]]:
    """The first launch cue in ``text``: status, span, and whether the launched product follows it (an active
    verb: "Acme launched X") rather than standing anywhere ("X was announced", "the launch of X")."""
    best: Optional[tuple[str, int, int, bool]] = None
    for i, (rx, status, after) in enumerate(rules.cues):
        m = rx.search(text)
        if m and (best is None or m.start() < best[1]):
            best = (status, m.start(), m.end(), after)
            topic = i in rules.topic_cues
    if best is not None and topic:
        best = (best[0], best[1], best[2], best[3], True)     # type: ignore[assignment]
    return best


_LIST_SPLIT = re.compile(r",\s(?:and\s|or\s)?|\s(?:and|or)\s")
_LIST_END = re.compile(r"[.;:!?](?=\s|$)|\s[–—-]\s|\(")


def sales_channels(text: str, lo: int, hi: int, rules: LaunchRules) -> Optional[tuple[int, int]]:
    """The span of a list of 2+ sales channels in text[lo:hi] ("on Amazon.in, mi.com and Mi Home stores"), or
    None: items of at most 4 words, at least one naming a channel (``channel_word``)."""
    if rules.channels_lead is None or rules.channel_word is None:
        return None
    for lead in rules.channels_lead.finditer(text, lo, hi):
        end_m = _LIST_END.search(text, lead.end(), hi)
        end = end_m.start() if end_m else hi
        chunk = text[lead.end():end]
        items = [i for i in _LIST_SPLIT.split(chunk) if i.strip()]
        if len(items) >= 2 and all(len(i.split()) <= 4 for i in items) \
                and any(rules.channel_word.search(i) for i in items):
            return lead.end(), lead.end() + len(chunk.rstrip())
    return None


def _common_series(ctx: ExtractionContext, refs: list[EntityRef]) -> Optional[EntityRef]:
    """The series the products all belong to: their gazetteer series, else "<the words their names share>
    series" when one name is the start of all the others ("Mi 11X Pro", "Mi 11X" -> "Mi 11X series")."""
    entries = [ctx.gazetteer.get(r.key) for r in refs]
    named = {str(e.props.get("series")) if e is not None and e.props.get("series") else None for e in entries}
    if len(named) == 1 and None not in named:
        entry = ctx.gazetteer.get(next(iter(named)))       # type: ignore[arg-type]
        if entry is not None:
            return entry.ref()
    words = [r.label.split() for r in refs]
    shared: list[str] = []
    for column in zip(*words):
        if len(set(column)) > 1:
            break
        shared.append(column[0])
    if len(shared) < 2 or not any(len(w) == len(shared) for w in words):
        return None                 # the shared words must be one of the names ("Mi 11X"), not a brand ("Mi")
    label = " ".join(shared) + " series"
    return ctx.discover(label, "series", label, ("ProductSeries",))


def _month_part(ctx: ExtractionContext, text: str, rules: LaunchRules) -> Optional[tuple[Period, str]]:
    m = rules.month_part.search(text)
    if m is None or not ctx.doc.date:
        return None
    y = int(ctx.doc.date[:4])
    mo = [n.lower() for n in calendar.month_name].index(m.group("month").lower())
    end = calendar.monthrange(y, mo)[1]
    return Period(f"{y}-{mo:02d}", "month", date(y, mo, 1), date(y, mo, end)), m.group("part").lower()


def extract(ctx: ExtractionContext) -> list[Fact]:
    rules = LaunchRules(ctx.patterns["launches"])
    tracker = ProductTracker()
    facts: list[Fact] = []
    last_date: Optional[Period] = None
    doc_market: Optional[EntityRef] = None
    doc_market_done = False
    text = ctx.text
    kinds = line_kinds(ctx)
    launched: list[EntityRef] = []        # the products of the last launch clause naming two or more
    for s in ctx.sentences:
        products = products_in(ctx, s)
        if is_heading(ctx, s, kinds, rules):
            tracker.update(products)
            continue
        mentions = ctx.mentions(s)
        fresh: list[EntityRef] = []
        sentence_dates = [p for p in mentions.periods if p.how in ("explicit", "relative", "current")]
        sentence_markets = [m for m in mentions.entities if m.kind == "market"]
        for lo, hi in clause_spans(s, rules):
            clause = text[lo:hi]
            found = status_of(clause, rules)
            dates: list[PeriodMention] = [p for p in sentence_dates if lo <= p.start < hi]
            if any(d.how == "explicit" for d in dates):
                dates = [d for d in dates if d.how == "explicit"]
            if found is None:
                if dates:
                    last_date = dates[0].period
                continue
            status, cs, ce, after = found[:4]
            topic_cue = len(found) > 4
            plan = rules.plan.search(clause, 0, cs) if rules.plan is not None and status in rules.plan_ok else None
            if rules.reject.search(clause[:plan.start()] + clause[plan.end():] if plan else clause):
                continue
            subjects: list[tuple[ProductMention, Optional[str]]] = [
                (p, None) for p in products if lo <= p.start < hi and (not after or p.start >= lo + cs)
                and not rules.not_launched.search(text[max(lo, p.start - 40):p.start])]
            subjects += platforms(ctx, s, lo, hi, rules)
            subjects.sort(key=lambda x: x[0].start)
            if not subjects:    # "the larger model ships in June": one product of the group just named, or none
                described = subjects_in(ctx, lo, hi, [], tracker, {}, reference_rules(ctx))
                if described and described[0].ref is None:
                    continue
                subjects = [(ProductMention(d.start, d.end, d.ref), None) for d in described[:1] if d.ref]
            group = rules.group.search(clause) if rules.group is not None and not subjects and \
                status in rules.topic_statuses else None
            if group is not None and len(tracker.recent) >= 2:    # "Pre-orders for both phones open today"
                subjects = [(ProductMention(lo + group.start(), lo + group.end(), ref), None) for ref in tracker.recent]
            dated = bool(dates) or bool(rules.today.search(clause)) or _month_part(ctx, clause, rules) is not None \
                or topic_cue
            if not subjects and (status in rules.topic_statuses or topic_cue) and dated:
                variant = rules.variant_reference.search(clause) if rules.variant_reference is not None else None
                if len(launched) >= 2 and variant is None:    # "Pre-orders open today" after a launch of three
                    subjects = [(ProductMention(lo + cs, lo + ce, ref), None) for ref in launched]
                elif kinds.get(s.start) == "label" and main_product(ctx) is not None:   # a price list's line
                    subjects = [(ProductMention(lo + cs, lo + ce, main_product(ctx)), None)]  # type: ignore[arg-type]
                elif [p for p in products if not p.compared and p.end <= lo]:    # named earlier in the sentence
                    last = [p for p in products if not p.compared and p.end <= lo][-1]
                    subjects = [(ProductMention(lo + cs, lo + ce, last.ref), None)]
                elif tracker.topic is not None:
                    subjects = [(ProductMention(lo + cs, lo + ce, series_topic(ctx, tracker)), None)]
            if not subjects:
                cls = class_in_markets(ctx, s, lo + ce, hi)
                if cls is not None:
                    subjects = [(cls, None)]
            if not subjects:
                if dates:
                    last_date = dates[0].period
                continue
            hedge = None
            planned = bool(plan) or bool(rules.future is not None and rules.future.search(clause[:cs])) or \
                any(re.match(c, clause[cs:], re.IGNORECASE) for c in rules.planned_cues)
            part = _month_part(ctx, clause, rules)
            periods: list[Optional[Period]]
            if re.match(r"\s{1,3}(?:today|now)\b", clause[ce:]) and ctx.doc.date:     # "Pre-orders open today"
                periods, dates = [day(ctx.doc.date[:10])], []
            elif dates:
                planned = bool(plan) or bool(rules.future is not None and rules.future.search(clause[:cs]))
                forward = planned or (status in rules.topic_statuses and not (
                    rules.past is not None and rules.past.search(clause[cs:ce])))
                periods = [q if not forward or re.search(r"\d{4}", text[p.start:p.end])
                           else this_year(q, ctx.doc.date)
                           for p in dates for q in [end_of_month_as_month(text, p.start, p.end, p.period)]]
            elif part is not None:
                periods, hedge = [part[0]], part[1]
            elif rules.refers_back.search(s.text) and last_date is not None:
                periods = [last_date]
            elif [p for p in sentence_dates]:
                periods = [sentence_dates[0].period]
            elif rules.today.search(s.text) and ctx.doc.date:
                periods = [day(ctx.doc.date)]
            elif planned and ctx.doc.date:       # "we will also launch Nube in the spring": after the writing
                periods = [year_of(day(ctx.doc.date[:10]))]
            elif ctx.doc.genre in rules.dated_genres and ctx.doc.date:
                periods = [day(ctx.doc.date)]
            else:
                periods = [ctx.doc.period]
            def period_for(p: ProductMention) -> Optional[Period]:
                """The first date after the product in the clause, else the last one before it."""
                if not dates:
                    return periods[0]
                after_p = [i for i, d in enumerate(dates) if d.start >= p.end]
                before_p = [i for i, d in enumerate(dates) if d.end <= p.start]
                i = after_p[0] if after_p else (before_p[-1] if before_p else 0)
                return periods[i]
            clause_markets = [m for m in sentence_markets if lo <= m.start < hi]
            after_cue = [m for m in clause_markets if m.start >= lo + ce]
            listed_markets: tuple[tuple[str, str], ...] = ()
            if len(after_cue) > 1 and len(subjects) == 1 and status not in rules.channel_statuses:
                market_list = [ctx.entity(m) for m in after_cue]      # "debuted ... in Norway, Kenya and Peru"
            else:
                market_list = []
                if len(after_cue) > 1:       # one sale in several markets: one fact, the markets as a qualifier
                    listed_markets = (("markets", ", ".join(ctx.entity(m).label for m in after_cue)),)
            before_cue = [m for m in clause_markets if m.start < lo + cs and not any(
                p.start <= m.start < p.end for p, _ in subjects)]
            if before_cue and listed_markets:       # the versions for a market ship through partners elsewhere
                market: Optional[EntityRef] = ctx.entity(before_cue[0])
            elif listed_markets:
                market = None
            elif clause_markets or sentence_markets:
                market = ctx.entity((clause_markets or sentence_markets)[0])
            elif market_word(ctx, s) is not None:       # "Dutch store listing ... delivery from 6 May"
                market = market_word(ctx, s)
            elif ctx.doc.genre in rules.market_genres:
                if not doc_market_done:
                    doc_market, doc_market_done = document_market(ctx), True
                market = doc_market
            else:
                market = None
            limited = rules.limited.search(text, lo, hi) or rules.limited.search(s.text)
            for p, version in [(p, v) for p, v in subjects for _ in (market_list or [None])]:
                if market_list:
                    market = market_list.pop(0)
                period = period_for(p)
                if period is None:
                    continue            # a launch with no date the text resolves is not stated
                quals: tuple[tuple[str, str], ...] = (("status", status), ("text", text[lo + cs:lo + ce]))
                if planned:
                    quals += (("planned", "true"),)
                if version:
                    quals += (("version", version),)
                if limited:
                    quals += (("limited_units", limited.group("num").replace(",", "")),)
                if hedge:
                    quals += (("hedge", hedge),)
                quals += listed_markets
                start = min(p.start, lo + cs)
                end = max([p.end, lo + ce] + [d.end for d in dates if d.period == period and d.start >= p.end][:1])
                facts.append(Fact(kind="launch", doc_id=ctx.doc.doc_id, subject=p.ref,
                                  evidence=ctx.evidence(start, end), metric="launch_" + status.replace("-", "_"),
                                  value=date_value(period) if period else status, period=period, market=market,
                                  hedge=hedge, qualifiers=quals))
            channels = sales_channels(text, lo + cs, hi, rules) if status in rules.channel_statuses else None
            if channels is not None:
                listed = " ".join(text[channels[0]:channels[1]].split())
                sellers = [(p, period_for(p)) for p, _ in subjects]
                series = _common_series(ctx, [p.ref for p, _ in subjects]) if len(subjects) >= 2 else None
                if series is not None:      # one list for a whole series: one fact, dated by the first sale
                    sellers = [(ProductMention(subjects[0][0].start, subjects[0][0].end, series),
                                min((d for _, d in sellers if d is not None), key=lambda d: d.start or date.max,
                                    default=None))]
                for p, period in sellers:
                    facts.append(Fact(kind="launch", doc_id=ctx.doc.doc_id, subject=p.ref,
                                      evidence=ctx.evidence(min(p.start, lo + cs), channels[1]),
                                      metric="launch_sales_channels", value=listed,
                                      period=period or ctx.doc.period, market=market,
                                      qualifiers=(("status", "sales_channels"), ("channels", listed))))
            timing = rules.timing.search(text, lo + ce, hi) if rules.timing is not None else None
            if timing is not None and status == "launched":
                for p, _ in subjects:
                    period = period_for(p)
                    word = timing.group("hedge")
                    facts.append(Fact(kind="launch", doc_id=ctx.doc.doc_id, subject=p.ref,
                                      evidence=ctx.evidence(timing.start(), timing.end()), metric="launch_timing",
                                      value=" ".join(timing.group(0).split()), period=period or ctx.doc.period,
                                      market=market, hedge=word.lower() if word else None,
                                      qualifiers=(("status", "timing"),)))
            if len(subjects) >= 2:
                launched = fresh = [p.ref for p, _ in subjects]
            if dates:
                last_date = dates[-1].period
            elif periods and periods[0] is not None:
                last_date = periods[0]
        if {p.ref.key for p in products if not p.compared} - {r.key for r in launched}:
            launched = fresh          # another product is named: the group launched before is no longer in view
        tracker.update(products)
    return _dedupe(facts) + events(ctx, rules)


def _dedupe(facts: list[Fact]) -> list[Fact]:
    """One launch per product, status and date."""
    seen: set[tuple] = set()
    out: list[Fact] = []
    for f in facts:
        key = (f.subject.key, f.qualifier("status"), f.period.label if f.period else None,
               f.market.key if f.market else None)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
