"""Qualitative events (fact kind ``event``): statements that carry no figure of their own. Called by events.py.

- ``trend``: a direction without a number, with a change basis or a streak ("our TV Internet services grew strongly
  year-over-year", "maintaining a year-over-year growth", "achieving a sequential growth of two consecutive
  quarters"); a figure right after ("growth of 20%") makes it a change, left to metrics.py.
- ``versus_consensus``: results against expectations ("Both total revenue and net profit beat consensus");
  qualifier ``outcome`` = above | below | in_line.
- ``reference_level``: a figure measured against a reference level ("surpassed the pre pandemic level in January
  2020", "already exceeded the net profit of last year"); the period is the one before the verb, not the
  reference's.
- ``established``: a named body or award set up ("we have set up the Acme Annual Technology Award"); value =
  the year the clause states (also the period), else the name; qualifier ``name``.
- ``joined``: a person hired ("we have successfully recruited Jane Doe"); subject = the person.
- ``plan``: a stated plan in reported speech ("said the company would keep pushing into ... and would expand ...").
- ``sales_performance``: "the flagship sold strongly through the quarter" (subject the product named in the
  clause, or for "the flagship"/"the phone" the one named last in the sentences before).
- ``outlook_demand``: "it expects solid demand for the mid-range Orbit A52" (object the first product after
  "for"; period the clause's, else the first later period the paragraph names after the document's, else none).
- ``disruption``: "A power cut caused by a winter storm in February halted the company's chip plant in Austin"
  (subject the facility, discovered as discovery.py names the issuer's facilities; value the cause).
- ``plan_adopted``: "This strategy was developed or defined in the last year in 2019" (value the year).
- ``brand_relaunch``: "Acme as a standalone smartphone brand has been re-launched early last year", "Zeta was
  spun off as an independent brand in January 2019" (subject the brand or company, value the period).
- ``launch_event``: "today introduced the Mi 11 Ultra ..., at an online launch event" (subject the product, value
  the kind of event, period the sentence's day or the document's date for "today").
- ``outlook_risk``: a warned risk ("warned that shortages of components could weigh on mobile earnings in the
  second quarter"); value = what could weigh, period = the one the sentence names.

Every cue word lives in the ``qualitative`` section of ``mappings/patterns/events.yaml``.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Optional

from ..iris import slugify
from ..records import EntityRef, Fact, Period
from .context import ExtractionContext, Mentions
from .patterns import alternation
from .products import products_in
from .quantities import Quantity
from .entitylists import subject_before
from .clauses import clause_bounds, period_for
from .text import Sentence

_SUBJECT_KINDS = ("organisation", "segment", "product", "series", "platform", "brand")


def _cfg(ctx: ExtractionContext) -> dict:
    return ctx.patterns["events"].get("qualitative") or {}


def _alt(ctx: ExtractionContext, key: str) -> str:
    return alternation(str(w) for w in _cfg(ctx).get(key) or [])


def _fact(ctx: ExtractionContext, subject: EntityRef, start: int, end: int, metric: str, value,
          period: Optional[Period] = None, **kw) -> Fact:
    return Fact("event", ctx.doc.doc_id, subject, ctx.evidence(start, end), metric=metric, value=value,
                period=period, **kw)


def statement_period(ctx: ExtractionContext, m: Mentions, s: Sentence, start: int, end: int,
            hi: Optional[int] = None) -> Optional[Period]:
    """The period of a statement at [start, end): as for a figure there, looking no further than ``hi``."""
    lo, c1 = clause_bounds(ctx, s, start)
    q = Quantity(start, end, Decimal(0), Decimal(0), "number")
    top = s.end if hi is None else hi
    return period_for(ctx, m, q, s.start, top, clause=(lo, min(c1, top)))


def _figure_in(m: Mentions, a: int, b: int) -> bool:
    return any(a < q.end and q.start < b for q in m.quantities)


def _subject(ctx: ExtractionContext, m: Mentions, s: Sentence, pos: int) -> Optional[EntityRef]:
    lo, _ = clause_bounds(ctx, s, pos)
    subject, _ = subject_before(ctx, m, lo, pos, kinds=_SUBJECT_KINDS)
    if subject is None:
        subject, _ = subject_before(ctx, m, s.start, pos, kinds=_SUBJECT_KINDS)
    return subject or ctx.issuer


def extract(ctx: ExtractionContext) -> list[Fact]:
    if not _cfg(ctx):
        return []
    out: list[Fact] = []
    for s in ctx.sentences:
        m = ctx.mentions(s)
        out.extend(_trends(ctx, s, m))
        out.extend(_consensus(ctx, s, m))
        out.extend(_reference_levels(ctx, s, m))
        out.extend(_setups(ctx, s, m))
        out.extend(_hires(ctx, s, m))
        out.extend(_plans(ctx, s, m))
        out.extend(_risks(ctx, s, m))
        out.extend(_sales(ctx, s, m))
        out.extend(_demand(ctx, s, m))
        out.extend(_disruptions(ctx, s, m))
        out.extend(_adoptions(ctx, s, m))
        out.extend(_brand_relaunches(ctx, s, m))
        out.extend(_launch_events(ctx, s, m))
    return out


# ---------------------------------------------------------------- trends

def _trends(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    text = ctx.text
    bases = m.cues_of("basis")
    streak = _cfg(ctx).get("trend_streak") or r"(?!)"
    verbs, advs = _alt(ctx, "trend_verbs"), _alt(ctx, "trend_adverbs")
    holders, adjs, nouns = _alt(ctx, "trend_holders"), _alt(ctx, "trend_adjectives"), _alt(ctx, "trend_nouns")
    found: list[tuple[int, int, Optional[str], int]] = []  # (start, end, basis, end of the figure-free part)
    for r in re.finditer(rf"\b(?:{verbs})(?:\s+(?:{advs}))?\s+", text[s.start:s.end], re.IGNORECASE):
        a, b = s.start + r.start(), s.start + r.end()
        basis = next((c for c in bases if c.start == b), None)
        if basis is not None:
            found.append((a, basis.end, basis.value, basis.end))
    rx = re.compile(rf"\b(?:{holders})\s+(?:an?\s+|the\s+)?(?:(?:{adjs})\s+)?(?P<mid>[\w -]{{0,24}}?)"
                    rf"(?:(?:{adjs})\s+)?(?:{nouns})\b(?P<streak>\s+{streak})?", re.IGNORECASE)
    for r in rx.finditer(text, s.start, s.end):
        mid = (r.start("mid"), r.end("mid"))
        basis = next((c for c in bases if mid[0] <= c.start and c.end <= mid[1] and
                      re.fullmatch(r"\s*", text[c.end:mid[1]])), None)
        if basis is None and not r.group("streak"):
            continue
        if basis is None and text[mid[0]:mid[1]].strip():
            continue  # only known words between the holder and the noun
        found.append((r.start(), r.end(), basis.value if basis is not None else None,
                      r.start("streak") if r.group("streak") else r.end()))
    out: list[Fact] = []
    for a, b, basis, plain in found:
        if _figure_in(m, a, plain) or re.match(r"\s*(?:of|by|at|to)\s+(?:about\s+|around\s+|nearly\s+|over\s+)?[\d$€£¥₹]",
                                           text[b:s.end]) or \
                any(q.start >= b and q.start - b <= 12 for q in m.quantities):
            continue  # a number goes with it: a change, read by metrics.py
        if any(f.evidence.start < b and a < f.evidence.end for f in out):
            continue
        subject = _subject(ctx, m, s, a)
        if subject is None:
            continue
        period = statement_period(ctx, m, s, a, b)
        lo, _ = clause_bounds(ctx, s, a)
        measure = [x for x in m.metrics if lo <= x.start and x.end <= a]
        quals = (("measure", measure[-1].target),) if measure else ()
        out.append(_fact(ctx, subject, a, b, "trend", text[a:b], period, basis=basis, qualifiers=quals))
    return out


# ---------------------------------------------------------------- against consensus

def _consensus(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    cfg = _cfg(ctx)
    verbs = {str(k).lower(): str(v) for k, v in (cfg.get("consensus_verbs") or {}).items()}
    target = cfg.get("consensus_targets") or r"(?!)"
    rx = re.compile(rf"\b(?P<verb>{alternation(verbs)})\s+(?:{target})", re.IGNORECASE)
    out: list[Fact] = []
    for r in rx.finditer(ctx.text, s.start, s.end):
        lo, _ = clause_bounds(ctx, s, r.start())
        lead = re.match(r"\s*(?:(?:and|but|while|both|however)\b[\s,]*)*", ctx.text[lo:r.start()], re.IGNORECASE)
        a = lo + (lead.end() if lead else 0)
        fronted = next((p for p in m.periods if a <= p.start <= a + 4 and
                        re.match(r"\s*,\s*", ctx.text[p.end:r.start()])), None)
        if fronted is not None:  # "In the fourth quarter, operating profit missed ...": the period is no part
            a = fronted.end + len(re.match(r"\s*,\s*", ctx.text[fronted.end:r.start()]).group(0))
        if r.start() - a > 120:
            a = r.start()
        subject = ctx.issuer
        opener = next((e for e in m.entities if e.kind == "organisation" and lo <= e.start <= a + 4), None)
        if opener is not None:
            subject = ctx.entity(opener)
        if subject is None:
            continue
        out.append(_fact(ctx, subject, a, r.end(), "versus_consensus", ctx.text[a:r.end()],
                         statement_period(ctx, m, s, a, r.end()),
                         qualifiers=(("outcome", verbs[" ".join(r.group("verb").lower().split())]),)))
    return out


# ---------------------------------------------------------------- reference levels

def _reference_levels(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    text = ctx.text
    levels, tails = _alt(ctx, "reference_levels"), _alt(ctx, "reference_tails")
    rx = re.compile(rf"\b(?:(?:{_alt(ctx, 'reference_adverbs')})\s+)?(?:{_alt(ctx, 'reference_verbs')})\s+the\s+"
                    rf"(?P<np>[\w -]{{0,40}}?)(?:\b(?:{levels})\b|\s+(?:{tails})\b)", re.IGNORECASE)
    out: list[Fact] = []
    for r in rx.finditer(text, s.start, s.end):
        a, b = r.start(), r.end()
        if _figure_in(m, a, b):
            continue
        after = next((p for p in m.periods if p.how == "explicit" and re.fullmatch(r"\s+(?:(?:in|of)\s+)?", text[b:p.start])), None)
        end = after.end if after is not None else b
        subject = ctx.issuer
        opener = next((e for e in m.entities if e.kind == "organisation" and e.start - s.start <= 4), None)
        if opener is not None:
            subject = ctx.entity(opener)
        if subject is None:
            continue
        market = next((e for e in m.entities if e.kind in ("market", "segment") and e.end <= a and
                       re.search(r"\bin\s+(?:the\s+)?$", text[max(s.start, e.start - 8):e.start])), None)
        out.append(_fact(ctx, subject, a, end, "reference_level", text[a:end], statement_period(ctx, m, s, a, b, hi=a),
                         market=ctx.entity(market) if market is not None else None))
    return out


# ---------------------------------------------------------------- set-ups and hires

_NAME = r"[A-Z][\w&’'-]*(?:\s+(?:(?:of|for|and|on|&)\s+)?[A-Z][\w&’'-]*){1,7}"


def _setups(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    text = ctx.text
    rx = re.compile(rf"\b(?:{_alt(ctx, 'setup_verbs')})\s+(?:the|a|an|our|its|their)\s+(?:new\s+)?(?P<name>{_NAME})")
    out: list[Fact] = []
    for r in rx.finditer(text, s.start, s.end):
        a, b = r.start("name"), r.end("name")
        if any(e.start < b and a < e.end and e.kind in ("product", "series", "market", "person") for e in m.entities):
            continue  # a product, place or person is no body set up
        lo, hi = clause_bounds(ctx, s, r.start())
        subject, sstart = subject_before(ctx, m, s.start, r.start(), kinds=("organisation",))
        if subject is None:
            continue
        when = next((p.period for p in m.periods if p.how == "explicit" and p.period.kind == "year" and
                     s.start <= p.start and p.end <= hi and not (a <= p.start < b)), None)
        start = sstart if sstart is not None and r.start() - sstart <= 60 else r.start()
        value = when.label if when is not None else text[a:b]  # "Starting from 2019, we have set up the X": 2019
        out.append(_fact(ctx, subject, start, b, "established", value, when, qualifiers=(("name", text[a:b]),)))
    return out


def _hires(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    text = ctx.text
    rx = re.compile(rf"\b(?P<verb>{_alt(ctx, 'hire_verbs')})\s+(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z'’-]+){{1,2}})\b"
                    rf"(?=\s*(?:,|\bas\b|\bto\b|\bfrom\b|\.|$))")
    out: list[Fact] = []
    for r in rx.finditer(text, s.start, s.end):
        a, b = r.start("name"), r.end("name")
        known = next((e for e in m.entities if e.start == a and e.end == b), None)
        if known is not None and known.kind != "person":
            continue
        name = r.group("name")
        person = ctx.entity(known) if known is not None else ctx.discover(slugify(name), "person", name, ("Person",))
        org, _ = subject_before(ctx, m, s.start, r.start(), kinds=("organisation",))
        quals = (("organisation", org.label),) if org is not None else ()
        out.append(_fact(ctx, person, r.start(), b, "joined", r.group("verb").lower(), None,
                         object=org, qualifiers=quals))
    return out


# ---------------------------------------------------------------- plans and risks

def _plans(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    text = ctx.text
    modals = _alt(ctx, "plan_modals")
    rx = re.compile(rf"\b(?:{_alt(ctx, 'reporting_verbs')})\b[^,.;]{{0,60}}?\s(?:that\s+)?"
                    rf"(?P<who>{_alt(ctx, 'plan_subjects')})\s+(?:{modals})\s+", re.IGNORECASE)
    out: list[Fact] = []
    for r in rx.finditer(text, s.start, s.end):
        who = r.group("who").lower()
        subject = None
        if who not in ("they",):
            sayer, _ = subject_before(ctx, m, s.start, r.start(), kinds=("organisation",))
            subject = sayer or ctx.issuer
        if subject is None:
            continue
        pos = r.end()
        while pos < s.end:
            stop = re.search(rf"\s+and\s+(?:(?:it|the\s+company|we)\s+)?(?:{modals})\s+|[,;.:](?!\d)|\s+but\s+",
                             text[pos:s.end], re.IGNORECASE)
            end = pos + stop.start() if stop else s.end
            value = text[pos:end].strip()
            if len(value.split()) >= 2 and not _figure_in(m, pos, end):
                out.append(_fact(ctx, subject, pos, pos + len(text[pos:end].rstrip()), "plan", value, None,
                                 qualifiers=(("status", "plan"),)))
            if stop is None or not stop.group(0).strip().lower().startswith("and"):
                break
            pos = pos + stop.end()
    return out


def _risks(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    text = ctx.text
    rx = re.compile(rf"\b(?:{_alt(ctx, 'risk_introducers')})\b(?:,\s*however\s*,)?\s+that\s+(?P<what>[a-z][^;.]{{2,100}}?)"
                    rf"\s+(?:{_alt(ctx, 'risk_modals')})\s+(?P<verb>{_alt(ctx, 'risk_verbs')})\s+(?P<obj>[^,;.]+)",
                    re.IGNORECASE)
    out: list[Fact] = []
    for r in rx.finditer(text, s.start, s.end):
        what = r.group("what")
        value = re.split(r"\s*,\s*(?:including|such\s+as|like|notably)\b", what, maxsplit=1)[0]
        if ctx.issuer is None or len(value.split()) > 8:
            continue
        sayer, _ = subject_before(ctx, m, s.start, r.start(), kinds=("organisation",))
        if sayer is None and not re.match(r"\W*(?:It|We|They|The\s+(?:company|group|firm)|Management)\b",
                                          text[s.start:r.start()]):
            continue  # an analyst's or a rival's warning is not the company's
        a = r.start("what")
        obj = (r.start("obj"), r.end("obj"))
        when = next((p.period for p in m.periods if p.how == "explicit" and obj[0] <= p.start < obj[1]), None)
        out.append(_fact(ctx, sayer or ctx.issuer, a, r.end("obj"), "outlook_risk", value.strip(), when,
                         qualifiers=(("status", "forecast"), ("affects", r.group("obj").strip()))))
    return out


# ---------------------------------------------------------------- sales performance

def product_before(ctx: ExtractionContext, s: Sentence, back: int = 4) -> Optional[EntityRef]:
    """The product or series named last in the sentences before ``s`` (same paragraph, at most ``back``)."""
    for prev in list(reversed([x for x in ctx.sentences if x.end <= s.start]))[:back]:
        if "\n\n" in ctx.text[prev.end:s.start]:
            return None
        named = [p for p in products_in(ctx, prev) if not p.compared]
        if named:
            return named[-1].ref
    return None


def _sales(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    text = ctx.text
    cfg = _cfg(ctx)
    rx = cfg.get("sales_verbs")
    if not rx:
        return []
    nouns = alternation(str(w) for w in cfg.get("product_anaphora") or [])
    out: list[Fact] = []
    for r in re.finditer(rx, text[s.start:s.end], re.IGNORECASE):
        a, b = s.start + r.start(), s.start + r.end()
        lo, _ = clause_bounds(ctx, s, a)
        named = [p for p in products_in(ctx, s) if lo <= p.start and p.end <= a]
        start = a
        if named and re.fullmatch(r"\s*(?:has|have|had)?\s*", text[named[-1].end:a]):
            subject, start = named[-1].ref, named[-1].start
        else:
            ana = re.search(rf"\b(?:the|this|that|its|our)\s+(?:new\s+)?(?:{nouns})\s+$", text[lo:a], re.IGNORECASE)
            subject = product_before(ctx, s) if ana else None
            start = lo + ana.start() if ana else a
        if subject is None:
            continue
        out.append(_fact(ctx, subject, start, b, "sales_performance", text[a:b], statement_period(ctx, m, s, a, b)))
    return out


# ---------------------------------------------------------------- demand outlook

def _later_period(ctx: ExtractionContext, s: Sentence, pos: int) -> Optional[Period]:
    """The first explicit period named after ``pos`` in the paragraph that ends after the document's period."""
    ref = ctx.period
    for x in [x for x in ctx.sentences if x.end > pos]:
        if x.start > pos and "\n\n" in ctx.text[pos:x.start]:
            return None
        for p in ctx.mentions(x).periods:
            if p.start >= pos and p.how == "explicit" and p.period.start is not None and ref is not None and \
                    ref.end is not None and p.period.start > ref.end:
                return p.period
    return None


def _demand(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    rx = _cfg(ctx).get("demand_outlook")
    if not rx or ctx.issuer is None:
        return []
    out: list[Fact] = []
    for r in re.finditer(rx, ctx.text[s.start:s.end], re.IGNORECASE):
        a, b = s.start + r.start(), s.start + r.end()
        lo, hi = clause_bounds(ctx, s, a)
        products = [p for p in products_in(ctx, s) if b <= p.start <= b + 30]
        end = products[0].end if products else b + len(re.match(r"[^,;.]*", ctx.text[b:hi]).group(0))
        subject, _ = subject_before(ctx, m, s.start, a, kinds=("organisation",))
        when = next((p.period for p in m.periods if p.how == "explicit" and lo <= p.start < end), None) or \
            _later_period(ctx, s, end)
        out.append(_fact(ctx, subject or ctx.issuer, a, end, "outlook_demand", r.group("v"), when,
                         object=products[0].ref if products else None, qualifiers=(("status", "forecast"),)))
    return out


# ---------------------------------------------------------------- disruptions

def _disruptions(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    issuer = ctx.issuer
    if issuer is None:
        return []
    text = ctx.text
    fac = alternation(str(w) for w in ctx.patterns["discovery"].get("facility_nouns") or [])
    rx = re.compile(rf"\s(?:{_alt(ctx, 'disruption_verbs')})\s+(?:(?:{_alt(ctx, 'disruption_targets')})\s+)?"
                    rf"(?:the\s+(?:company|group|firm)[’']s|its|our|their)\s+(?P<name>(?:[\w-]+\s+){{0,2}}?(?:{fac}))"
                    rf"(?:\s+in\s+(?P<place>[A-Z][\w-]+)(?:,\s*[A-Z][\w-]+)?)?", re.IGNORECASE)
    out: list[Fact] = []
    for r in rx.finditer(text, s.start, s.end):
        lo, _ = clause_bounds(ctx, s, r.start())
        cause = text[lo:r.start()].strip()
        if len(cause.split()) < 2 or _figure_in(m, lo, r.start()):
            continue
        name, place = r.group("name"), r.group("place")
        facility = ctx.discover(f"{issuer.key}-{(place + '-') if place else ''}{name}", "organisation",
                                f"{issuer.label} {name}" + (f" in {place}" if place else ""), ())
        when = next((p.period for p in m.periods if p.how == "explicit" and lo <= p.start < r.end()), None)
        a = lo + len(text[lo:r.start()]) - len(text[lo:r.start()].lstrip())
        out.append(_fact(ctx, facility, a, r.end(), "disruption", cause, when or ctx.period))
    return out


# ---------------------------------------------------------------- adoptions, brand relaunches

def _adoptions(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    if ctx.issuer is None:
        return []
    text = ctx.text
    verbs = _alt(ctx, "adoption_verbs")
    rx = re.compile(rf"\b(?:this|the|our|its|that)\s+(?:[\w+×-]+\s+){{0,3}}?(?:{_alt(ctx, 'adoption_nouns')})\s+"
                    rf"(?:was|were|has\s+been|had\s+been)\s+(?:first\s+)?(?:{verbs})(?:\s+(?:or|and)\s+(?:{verbs}))?\b",
                    re.IGNORECASE)
    out: list[Fact] = []
    for r in rx.finditer(text, s.start, s.end):
        _, hi = clause_bounds(ctx, s, r.start())
        years = [p for p in m.periods if p.how == "explicit" and p.period.kind == "year" and
                 r.end() <= p.start <= r.end() + 40 and p.end <= hi]
        if not years:
            continue
        p = years[0]
        out.append(_fact(ctx, ctx.issuer, r.start(), p.end, "plan_adopted", p.period.label, p.period,
                         qualifiers=(("text", text[r.start():r.end()]),)))
    return out


def _brand_relaunches(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    text = ctx.text
    adjs = _alt(ctx, "brand_relaunch_adjectives")
    rx = re.compile(rf"\b(?:{_alt(ctx, 'brand_relaunch_verbs')})\b", re.IGNORECASE)
    as_brand = re.compile(rf"\bas\s+an?\s+(?:(?:{adjs})\s+)(?:[\w-]+\s+){{0,2}}?brand\b", re.IGNORECASE)
    out: list[Fact] = []
    for r in rx.finditer(text, s.start, s.end):
        lo, hi = clause_bounds(ctx, s, r.start())
        phrase = as_brand.search(text, lo, hi)
        if phrase is None:
            continue
        when = next((p for p in m.periods if p.how in ("explicit", "relative") and lo <= p.start < hi and
                     p.period.kind in ("year", "month", "day", "half", "quarter")), None)
        if when is None:
            continue
        named = [e for e in m.entities if e.kind in ("brand", "organisation") and lo <= e.start < min(r.start(),
                                                                                                   phrase.start())]
        subject = ctx.entity(named[0]) if named else ctx.issuer
        if subject is None:
            continue
        a = named[0].start if named else min(r.start(), phrase.start())
        b = max(r.end(), phrase.end(), when.end)
        out.append(_fact(ctx, subject, a, b, "brand_relaunch", when.period.label, when.period))
    return out


# ---------------------------------------------------------------- launch events

def _launch_events(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    from .periods import day

    text = ctx.text
    phrase = _cfg(ctx).get("launch_event_phrase")
    if not phrase:
        return []
    verbs = re.compile(rf"\b(?:{_alt(ctx, 'launch_event_verbs')})\b", re.IGNORECASE)
    out: list[Fact] = []
    for r in re.finditer(phrase, text[s.start:s.end], re.IGNORECASE):
        a, b = s.start + r.start(), s.start + r.end()
        v = [x for x in verbs.finditer(text, s.start, a)]
        if not v:
            continue
        products = [p for p in products_in(ctx, s) if v[-1].end() <= p.start < a and not p.compared]
        if not products:
            continue
        when = next((p.period for p in m.periods if p.how == "explicit" and p.period.kind == "day"), None)
        if when is None and ctx.doc.date and len(ctx.doc.date) >= 10 and \
                re.search(r"\btoday\b", text[s.start:a], re.IGNORECASE):
            y, mo, d = (int(x) for x in ctx.doc.date[:10].split("-"))
            when = day(y, mo, d)
        out.append(_fact(ctx, products[0].ref, a, b, "launch_event", r.group("v"), when))
    return out
