"""The period of an outlook figure (guidance, a target, a forecast, an expectation after an outlook): its horizon
later in the clause ("wants to reach a 25% European share by 2025", "should save $18 million a year from 2025"), a
fronted "From 2026, ...", the period of the paragraph's last outlook, or none at all for a standing target ("an
EBITA margin of at least 12 per cent over a business cycle"); never the period an actual before it was stated for."""
from __future__ import annotations

import re
from typing import Optional

from ..records import Period
from .context import ExtractionContext, Mentions
from .discourse import Discourse
from .framemodel import Frame
from .periods import year
from .periodslot import endpoint_anaphora


def outlook_period(ctx: ExtractionContext, m: Mentions, fr: Frame, d: Discourse, hi: int) -> None:
    """An outlook with no period next to it takes its horizon later in the clause ("wants to reach a 25% European
    share by 2025"), else the period of the paragraph's last outlook ("For 2024 we target revenue of ... We plan
    capital expenditure of ..."), never the period an actual figure before it was stated for: the document's
    period (unresolved, ``decide``) in that case."""
    over = _over(ctx, fr.period)
    if fr.period is not None and fr.period_how not in ("carried", "document") and \
            not (fr.period_how == "explicit" and over):
        return          # (a period over when the text was written is no outlook's: "... in the quarter and should
    fig = fr.figure     # save $18 million a year from 2025" takes its horizon)
    for p in m.periods:
        # "From 2026, Valtera targets cash conversion of more than 80 per cent": a fronted start of the outlook
        if p.end <= fig.q.start and p.how == "explicit" and re.match(r"\s*,", ctx.text[p.end:p.end + 3]) and \
                re.search(r"(?:^|[.!?:]\s+|\n\s*)(?:From|Starting\s+(?:in|from)|Beginning\s+in)\s+$",
                          ctx.text[max(0, p.start - 30):p.start]):
            fr.period, fr.period_how = p.period, "horizon"
            return
    for p in m.periods:
        if fig.end <= p.start <= min(hi, fig.end + 80) and p.how == "explicit" and \
                not any(fig.end <= q.start < p.start for q in m.quantities) and \
                (re.search(r"(?:\b(?:by|in|for|through|until)\s+(?:the\s+end\s+of\s+)?(?:the\s+)?|"
                          r"\b(?:(?:(?:a|per|each)\s+year|annually)\s+from|starting\s+(?:in|from))\s+)$",
                          ctx.text[max(fig.end, p.start - 25):p.start], re.I) or
                re.match(r"(?:by|through|until|between)\s", ctx.text[p.start:p.end], re.I)) and \
                not re.search(r"[.;]", ctx.text[fig.end:p.start]):
            if _over(ctx, p.period):
                return      # "by the fourth quarter" read as a quarter already over: no outlook's horizon
            fr.period, fr.period_how = p.period, "horizon"
            return
    if fr.period_how == "explicit" or fr.period is None and d.outlook_period is None:
        return
    if d.outlook_period is not None:
        fr.period, fr.period_how = d.outlook_period, "outlook"
        span = d.outlook_period
        lead = ctx.text[max(0, fig.q.start - 160):fig.q.start]
        lead = re.split(r"[.!?]\s", lead)[-1]
        if span.start is not None and span.end is not None and span.end.year > span.start.year and \
                endpoint_anaphora(ctx).search(lead):
            fr.period = year(span.end.year)     # "a CAGR of 3.2% for 2022-2026. By then ...": 2026
    elif fr.period_how == "carried" and d.paragraph_period is None and d.carried_period is not None and \
            fr.period == d.carried_period and fr.period.end is not None and ctx.doc.date is not None and \
            fr.period.end.isoformat() <= ctx.doc.date[:10]:
        fr.period_how = "document"     # "Revenue was $402 million in Q3. We expect $420 million": not Q3's


def standing_target(ctx: ExtractionContext, fr: Frame, measure_end: Optional[int]) -> None:
    """A target the text gives no time for ("an EBITA margin of at least 12 per cent over a business cycle", "We
    target an operating margin of at least 15%") is a standing one: no period, not the reported period's. Only with
    its measure named right before it ("..., and a dividend of 30-50 per cent" is not the margin named before) and
    never a multiple ("aims to double revenue" with no time says nothing)."""
    fig = fr.figure
    if fr.modality != "target" or fig.multiple is not None or measure_end is None or \
            not (fr.period_how == "document" or fr.period is None or
                 fr.period_how == "outlook" and _long_term(ctx, fig.q.start)):
        return
    if re.search(r"[,;]|\band\b", ctx.text[measure_end:fig.q.start]):
        return
    fr.period, fr.period_how = None, "standing"


def part_of_year(ctx: ExtractionContext, fr: Frame, lo: int, hi: int) -> None:
    """"For the remainder of the year, we expect ...", "we expect to exit the year at a gross margin of 45%": a part
    of the year the text does not bound (``periods.yaml`` part_of_year) -- not the whole year's figure: no period."""
    if fr.period is None or fr.period.kind != "year":
        return
    words = [str(w) for w in ctx.patterns["periods"].get("part_of_year") or []]
    if words and re.search(rf"\b(?:{'|'.join(re.escape(w) for w in words)})\b", ctx.text[lo:hi], re.I):
        fr.period, fr.period_how = None, "part-of-year"


def _long_term(ctx: ExtractionContext, pos: int) -> bool:
    """The sentence before the figure names a horizon without a period ("Over the long term, we aspire to ...",
    ``frames.yaml`` standing_horizons): not the period of the paragraph's last outlook."""
    words = [str(w) for w in ctx.patterns["frames"].get("standing_horizons") or []]
    head = ctx.text[max(0, pos - 160):pos]
    head = re.split(r"[.!?]\s+", head)[-1]
    return bool(words) and re.search(rf"\b(?:{'|'.join(re.escape(w) for w in words)})\b", head, re.I) is not None


def _over(ctx: ExtractionContext, period: Optional[Period]) -> bool:
    """The period ended before the document was written."""
    return period is not None and period.end is not None and ctx.doc.date is not None and \
        period.end.isoformat() <= ctx.doc.date[:10]
