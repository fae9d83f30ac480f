"""What a company says lies ahead: stated plans, warned risks and expected demand."""
from __future__ import annotations

import re
from typing import Optional

from ..records import Fact, Period
from .clauses import clause_bounds
from .context import ExtractionContext, Mentions
from .entitylists import subject_before
from .products import products_in
from .statementfacts import _alt, _cfg, _fact, _figure_in
from .text import Sentence


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
