"""The qualifying slots of a figure: modality (guidance, forecast, target ...), accounting basis, hedge and the
basis of a change (YoY, QoQ ...)."""
from __future__ import annotations

import re
from typing import Optional

from ..records import EntityRef, Period
from .context import ExtractionContext, Mentions
from .discourse import Discourse
from .figures import Figure
from .slotrules import Slot, SlotRules


_PAST = re.compile(r"\b(?:was|were|rose|fell|grew|came(?:\s+in)?|reached|totall?ed|increased|decreased|declined|jumped|"
                   r"dropped|climbed|slipped|amounted|stood|posted|reported|recorded|generated|delivered|shipped|sold|"
                   r"improved|narrowed|widened|expanded|contracted|ended|finished|achieved|hit)\b", re.I)
_FUTURE = re.compile(r"\b(?:will|would|expects?|expected|expecting|forecasts?|forecasted|projects?|projected|guides?|guided|"
                     r"guidance|outlook|plans?|planned|targets?|targeted|aims?|intends?|sees|see|anticipates?|"
                     r"estimates?|should|could|may|might|consensus|street|goal|ambition)\b", re.I)


def modality_slot(ctx: ExtractionContext, rules: SlotRules, lo: int, hi: int, fig: Figure, subject: Optional[Slot],
                  d: Discourse, period: Optional[Period]) -> Optional[str]:
    """guidance | forecast | target | consensus | estimate, or None for an actual figure. The cue must govern the
    figure: it stands in the figure's own stretch of the clause, and no past-tense verb of a result stands between
    it and the figure ("Revenue rose 6% to £1.12bn, ahead of its forecast" is an actual)."""
    local = ctx.text[lo:fig.q.start]
    past = list(_PAST.finditer(local))
    future = list(_FUTURE.finditer(local))
    if past and (not future or past[-1].start() > future[-1].start()):
        return None                          # "... rose 6% to £1.12bn": a result
    own = subject is not None and isinstance(subject.value, EntityRef) and ctx.issuer is not None and \
        (subject.value.key == ctx.issuer.key or subject.value.owner == ctx.issuer.key)
    for kind in ("consensus", "target"):
        if rules.modality[kind].search(local):
            return kind
    # a period not over when the document was written
    future_period = period is not None and period.end is not None and ctx.doc.date is not None and \
        period.end.isoformat() > ctx.doc.date[:10]
    if rules.modality["guidance"].search(local) or (future_period and future):
        return "guidance" if own or d.section_modality == "guidance" else "forecast"
    if rules.modality["forecast"].search(local) or (rules.modality["forecast"].search(ctx.text[fig.end:min(hi, fig.end + 30)])
                                                    and future_period):
        return "forecast" if not own else "guidance"
    if d.section_modality is not None and not past:
        return "guidance" if own and d.section_modality == "forecast" else d.section_modality
    if rules.modality["estimate"].search(local) and not own:
        return "estimate"
    return None


def accounting_slot(ctx: ExtractionContext, rules: SlotRules, metric: Optional[Slot], fig: Figure, lo: int,
                    hi: int, s_start: int) -> Optional[str]:
    """GAAP / adjusted / IFRS / constant currency: a basis word right before the metric phrase, or "on a GAAP
    basis" in the clause, or a basis that opens the sentence ("On a non-GAAP basis, ...")."""
    if metric is not None and metric.start >= 0:
        near = list(rules.accounting_rx.finditer(ctx.text, max(lo, metric.start - 14), metric.end))
        if near:
            return rules.accounting[near[-1].group(0)]
    around = list(rules.accounting_rx.finditer(ctx.text, fig.end, min(hi, fig.end + 40)))
    if around and re.search(r"\b(?:basis|terms|currency|currencies)\b", ctx.text[around[0].start():around[0].end() + 12]) \
            and not re.search(r"\d", ctx.text[fig.end:around[0].start()]):
        return rules.accounting[around[0].group(0)]
    before = list(rules.accounting_rx.finditer(ctx.text, lo, fig.q.start))
    if before and re.search(r"\b(?:basis|terms)\b", ctx.text[before[-1].end():before[-1].end() + 12]):
        return rules.accounting[before[-1].group(0)]
    opener = re.match(r"\s*(?:On|In)\s+an?\s+(?P<w>[\w-]+(?:\s[\w-]+)?)\s+basis", ctx.text[s_start:s_start + 40])
    if opener and opener.group("w") in rules.accounting:
        return rules.accounting[opener.group("w")]
    return None


def hedge_of(ctx: ExtractionContext, m: Mentions, fig: Figure) -> Optional[str]:
    for c in m.cues_of("hedge"):
        if c.end <= fig.q.start and re.fullmatch(r"[\s,]*(?:of\s+|at\s+|to\s+)?", ctx.text[c.end:fig.q.start]):
            if c.surface.lower() == "up to" and re.search(r"\b(?:rose|climbed|grew|jumped|increased)\s*$",
                                                          ctx.text[max(0, c.start - 12):c.start]):
                continue
            return str(c.value)
    return None


def basis_of(ctx: ExtractionContext, m: Mentions, fig: Figure, lo: int, hi: int) -> tuple[str, bool]:
    """A change's basis (YoY, QoQ ...) and whether the text states it; unstated changes are year-on-year."""
    for c in m.cues_of("basis"):
        if fig.end <= c.start < min(hi, fig.end + 45) and not any(fig.end < q.start < c.start for q in m.quantities):
            return str(c.value), True
    for c in m.cues_of("basis"):
        if lo <= c.start < fig.q.start:
            return str(c.value), True
    for c in m.cues_of("basis"):
        if lo <= c.start < hi:
            return str(c.value), True
    return "YoY", False
