"""The qualifying slots of a figure: modality (guidance, forecast, target ...), accounting basis, hedge and the
basis of a change (YoY, QoQ ...)."""
from __future__ import annotations

import re
from typing import Optional

from ..records import EntityRef, Period
from .context import ExtractionContext, Mentions
from .discourse import Discourse
from .figures import Figure
from .periods import shift
from .slotrules import Slot, SlotRules


def modality_slot(ctx: ExtractionContext, rules: SlotRules, lo: int, hi: int, fig: Figure, subject: Optional[Slot],
                  d: Discourse, period: Optional[Period], source: Optional[EntityRef] = None) -> Optional[str]:
    """The figure's modality (``_modality``), except that a company's own estimate of a finished period's figure
    ("Acme estimated its third-quarter operating profit at ...", "Revenue was estimated at ...") is its preliminary
    result: an actual."""
    modality = _modality(ctx, rules, lo, hi, fig, subject, d, period, source)
    if modality != "estimate" or subject is None or not isinstance(subject.value, EntityRef) or \
            subject.value.kind == "market" or ctx.issuer is None or \
            ctx.issuer.key not in (subject.value.key, subject.value.owner) or \
            period is None or period.end is None or not ctx.doc.date or period.end.isoformat() > ctx.doc.date[:10]:
        return modality
    cue = None
    for cue in rules.modality_words["preliminary"].finditer(ctx.text, lo, fig.q.start):
        pass
    if cue is None or re.search(r"\bshares?\b", ctx.text[cue.end():fig.q.start]) or \
            rules.modality_words["other_agents"].search(ctx.text, max(lo, cue.start() - 40), cue.start()) or \
            (source is not None and source.label.split()[0] in ctx.text[max(lo, cue.start() - 60):cue.start()]):
        return modality
    return None


def settled_modality(ctx: ExtractionContext, rules: SlotRules, modality: Optional[str], subject: Optional[EntityRef],
                     s_start: int, fig: Figure) -> Optional[str]:
    """The modality once the frame's subject is settled: a market's figure is never guidance ("smartwatches are
    forecast to make up 30.4% of shipments"); an estimate opening the sentence holds for its coordinated clauses."""
    market = subject is not None and subject.kind == "market"
    if modality == "guidance" and market:
        return "forecast"
    if modality is None and sentence_estimate(ctx, rules, s_start, fig, market):
        return "estimate"       # "We estimate that ..., and our market share there rose to 17%"
    return modality


def sentence_estimate(ctx: ExtractionContext, rules: SlotRules, s_start: int, fig: Figure, market: bool) -> bool:
    """A verb of estimating that opens the sentence and takes a clause holds for every clause coordinated under it
    ("We estimate that the market shrank by a quarter, and our market share there rose to 17%")."""
    w = rules.modality_words
    head = ctx.text[s_start:min(fig.q.start, s_start + 60)]
    cue = w["estimate_clause"].search(head) or (None if market else w["estimate_that"].search(head))
    return cue is not None and re.fullmatch(r"[\W]*(?:[\w'’.-]+\s+){0,4}", head[:cue.start()]) is not None and \
        re.search(r"\bthat\b", head[cue.start():cue.end() + 6]) is not None


def _modality(ctx: ExtractionContext, rules: SlotRules, lo: int, hi: int, fig: Figure, subject: Optional[Slot],
              d: Discourse, period: Optional[Period], source: Optional[EntityRef] = None) -> Optional[str]:
    """guidance | forecast | target | consensus | estimate, or None for an actual figure. The cue must govern the
    figure: it stands in the figure's own stretch of the clause, and no past-tense verb of a result stands between
    it and the figure ("Revenue rose 6% to £1.12bn, ahead of its forecast" is an actual). A market's figure (or a
    research firm's projection) is a forecast, never the company's guidance."""
    w = rules.modality_words
    local = w["not"].sub(lambda x: " " * len(x.group(0)), ctx.text[lo:fig.q.start])   # "as expected": no cue
    past = list(w["past"].finditer(local))
    copulas = list(w["copulas"].finditer(local))
    future = list(w["future"].finditer(local))
    last_number = max((x.end() for x in re.finditer(r"\d", local)), default=0)
    if last_number and any(rx.search(local, last_number) for rx in rules.modality.values()):
        # "plans to return $6bn ... and reaffirmed FY24 guidance for revenue growth of 7–8%": the cue after the
        # clause's previous figure governs (a result verb anywhere before still ends it)
        local = " " * last_number + local[last_number:]
    elif last_number and re.search(rf"\b(?:that|which)\s+(?:{w['copulas'].pattern}|is|are)\s+(?:\w+\s+)?$",
                                   local[last_number:], re.I):
        return None      # "expect growth of 8-10%, supported by an order backlog that is 23% higher": a fact
    cues = {k: list(rx.finditer(local)) for k, rx in rules.modality.items()}
    last_future = future[-1].start() if future else -1
    if w["consensus_after"].match(ctx.text, fig.end + len(ctx.text[fig.end:fig.end + 4]) -
                                  len(ctx.text[fig.end:fig.end + 4].lstrip())):
        return "consensus"                   # "the $2.61 billion analysts had expected"
    market = subject is not None and isinstance(subject.value, EntityRef) and subject.value.kind == "market"
    own = not market and subject is not None and isinstance(subject.value, EntityRef) and ctx.issuer is not None and \
        (subject.value.key == ctx.issuer.key or subject.value.owner == ctx.issuer.key)
    for kind, rx in rules.modality_after.items():
        if rx.match(ctx.text, fig.end):      # "our $0.90 to $1.00 guidance range", "its $5 billion target"
            return ("guidance" if own else "forecast") if kind in ("guidance", "forecast") else kind
    rel = _relative_outlook(ctx, w, fig)
    if rel is not None:
        # "the 9.8 per cent the Group expects for the current financial year"
        agent, verb = rel
        mine = re.search(rf"^(?:we|{w['own_agents'].pattern})\s+$", agent, re.I) is not None
        if verb.lower().startswith("target"):
            return "target"
        return "guidance" if mine or (own and not re.search(rf"(?:{w['other_agents'].pattern})", agent, re.I)) \
            else "forecast"
    consensus = list(rules.modality["consensus"].finditer(local))
    if consensus and not any(p.start() > consensus[-1].start() for p in past):
        return "consensus"                   # "Consensus for deliveries was about 40,000"
    clause = list(w["estimate_clause"].finditer(local))
    if clause or (not market and w["estimate_that"].search(local)):
        return "estimate"                    # "We estimate that the market contracted by around 10%"
    ended = [p.start() for p in past + copulas]
    if ended and max(ended) > last_future:
        return _estimate_after(ctx, w, fig, hi)     # "... rose 6% to £1.12bn": a result
    if cues["target"]:
        return "target"
    outlook = sorted(cues["guidance"] + cues["forecast"], key=lambda c: c.start())
    if cues["estimate"] and (not outlook or cues["estimate"][0].start() < outlook[0].start()):
        return "estimate"                    # "She estimates the company's shipments will reach 15 million"
    if outlook and not own and subject is not None and not market and \
            _own_agent(ctx, w, subject, lo + outlook[0].start()) and \
            (source is None or ctx.doc.speaks_for_issuer or not isinstance(subject.value, EntityRef) or
             source.key == subject.value.key):
        # "Ravana said it expects fourth-quarter revenue to decline"; in a third party's text on a research firm's
        # figures "it" is the firm ("It sees Qinda's share reaching 15% in 2025"): its forecast
        own = True
    agent = ctx.text[max(0, lo + outlook[0].start() - 40):lo + outlook[0].start()] if outlook else ""
    owner = ctx.text[max(0, lo + outlook[0].start() - 60):lo + outlook[0].start()] if outlook else ""
    if outlook and own and (re.search(rf"(?:{w['other_agents'].pattern})\s+(?:now\s+|also\s+|still\s+)?$", agent, re.I)
                            or re.search(rf"(?:{w['other_possessives'].pattern})\s+(?:[\w'’-]+\s+){{0,4}}$", owner, re.I)
                            or (source is not None and re.search(rf"\b{re.escape(source.label.split()[0])}\b[\w\s.]*$",
                                                                 agent) is not None)):
        own = False                          # "She expects the company to ship", "IDC forecasts a CAGR of 11.6%"
    if fig.role in ("baseline", "prior") and period is not None and period.end is not None and \
            ctx.doc.date is not None and period.end.isoformat() <= ctx.doc.date[:10]:
        return None                          # "..., up from 119 million last year": the actual it is compared with
    # a period not over when the document was written
    written = ctx.doc.date[:10] if ctx.doc.date else \
        (ctx.doc.period.end.isoformat() if ctx.doc.period is not None and ctx.doc.period.end else None)
    future_period = period is not None and period.end is not None and written is not None and \
        period.end.isoformat() > written     # an undated call on a quarter: the quarter's end
    # a heading's guidance is the company's own outlook: in a third party's text, of no company it speaks for, the
    # outlook of a figure that is not the company's own is someone's forecast ("It sees Qinda's share reaching 15%")
    heading_guidance = d.section_modality == "guidance" and not market and (own or ctx.doc.speaks_for_issuer)
    if rules.modality["guidance"].search(local) or (future_period and future):
        return "guidance" if own or heading_guidance else "forecast"
    if rules.modality["forecast"].search(local) or (rules.modality["forecast"].search(ctx.text[fig.end:min(hi, fig.end + 30)])
                                                    and future_period):
        return "forecast" if not own else "guidance"
    if d.section_modality is not None and not ended:
        if d.section_modality == "guidance" and not heading_guidance:
            return "forecast"
        return "guidance" if own and d.section_modality == "forecast" else d.section_modality
    if rules.modality["estimate"].search(local):
        return "estimate"
    return _estimate_after(ctx, w, fig, hi)


def _relative_outlook(ctx: ExtractionContext, w: dict, fig: Figure) -> Optional[tuple[str, str]]:
    """A relative clause right after the figure whose verb states an outlook: its agent (one to three words, a
    determiner, a pronoun or a name first) and verb."""
    after = ctx.text[fig.end:fig.end + 60]
    for n in (1, 2, 3):
        m = re.match(rf"\s+(?P<agent>(?:the|we|our|its|it|management|analysts|[A-Z][\w&.-]*)\s+(?:[\w'’&.-]+\s+){{{n - 1}}})",
                     after)
        if m is None or re.search(r"\d|\b(?:and|or|but|as|while|than|of|in|for|to)\b", m.group("agent"), re.I):
            continue
        v = w["after_verbs"].match(after, m.end())
        if v is not None:
            return m.group("agent"), v.group(0)
    return None


def _own_agent(ctx: ExtractionContext, w: dict, subject: Slot, cue: int) -> bool:
    """The outlook verb's agent is the figure's own company: "it", "the company", or its name right before; "we"
    in the issuer's own document for a part or product of it ("We now expect Service Provider to finish the year
    above $900 million")."""
    before = ctx.text[max(0, cue - 40):cue]
    if re.search(rf"(?:{w['own_agents'].pattern})\s+(?:now\s+|also\s+|still\s+)?$", before, re.I):
        return True
    if ctx.doc.speaks_for_issuer and isinstance(subject.value, EntityRef) and \
            subject.value.kind in ("segment", "product", "series", "platform") and \
            re.search(r"(?<![\w'’])we\s+(?:now\s+|also\s+|still\s+)?$", before, re.I):
        return True
    return subject.start >= 0 and 0 <= cue - subject.end <= 12 and \
        re.fullmatch(r"['’]?s?\s+(?:now\s+|also\s+|still\s+)?", ctx.text[subject.end:cue]) is not None


def _estimate_after(ctx: ExtractionContext, w: dict, fig: Figure, hi: int) -> Optional[str]:
    """", research firm Counterpoint estimated in a report": a reporting clause of estimating after the figure."""
    after = re.split(r"[.;](?:\s|$)", ctx.text[fig.end:fig.end + 160], maxsplit=1)[0]
    for v in w["estimate_after"].finditer(after):
        if re.fullmatch(r"[^;]*,\s*(?:[\w'’-]+\s+){1,4}", after[:v.start()]):
            return "estimate"
    return None


def accounting_slot(ctx: ExtractionContext, rules: SlotRules, metric: Optional[Slot], fig: Figure, lo: int,
                    hi: int, s_start: int) -> Optional[str]:
    """GAAP / adjusted / IFRS / constant currency: a basis word right before the metric phrase, or "on a GAAP
    basis" in the clause, or a basis that opens the sentence ("On a non-GAAP basis, ...")."""
    if metric is not None and metric.start >= 0:
        each = _respective_basis(ctx, rules, metric, fig, hi)
        if each is not None:
            return each
        near = list(rules.accounting_rx.finditer(ctx.text, max(lo, metric.start - 14), metric.end))
        if near:
            return rules.accounting[near[-1].group(0)]
    around = list(rules.accounting_rx.finditer(ctx.text, fig.end, min(hi, fig.end + 40)))
    if around and re.search(r"\b(?:basis|terms|currency|currencies)\b", ctx.text[around[0].start():around[0].end() + 12]) \
            and not re.search(r"\d", ctx.text[fig.end:around[0].start()]):
        return rules.accounting[around[0].group(0)]
    if around and around[0].start() == fig.end + 1 and ctx.text[fig.end] == " " and \
            (not re.match(r"\s+\w", ctx.text[around[0].end():around[0].end() + 2]) or
             rules.accounting_followers.match(ctx.text, around[0].end())):
        return rules.accounting[around[0].group(0)]     # "$1.47 non-GAAP, against $1.21 non-GAAP"
    before = list(rules.accounting_rx.finditer(ctx.text, lo, fig.q.start))
    if before and re.search(r"\b(?:basis|terms)\b", ctx.text[before[-1].end():before[-1].end() + 12]):
        return rules.accounting[before[-1].group(0)]
    # "at comparable exchange rates, net sales decreased by 5%": a currency phrase fronted in the sentence
    fronted = [b for b in rules.accounting_rx.finditer(ctx.text, min(lo, s_start), fig.q.start)
               if " " in b.group(0) and rules.accounting[b.group(0)] == "constant currency"]
    if fronted and not re.search(r"\d", ctx.text[fronted[-1].end():fig.q.start]):
        return "constant currency"
    opener = re.match(r"\s*(?:On|In)\s+an?\s+(?P<w>[\w-]+(?:\s[\w-]+)?)\s+basis", ctx.text[s_start:s_start + 40])
    if opener and opener.group("w") in rules.accounting:
        return rules.accounting[opener.group("w")]
    return None


_FIGURE_TOKEN = {"percent": r"\d(?:[\d.,]*\d)?\s*(?:%|per\s*cent|percent)", "money": r"[$€£¥₹]\s?\d|\b[A-Z]{3}\s?\d"}


def _respective_basis(ctx: ExtractionContext, rules: SlotRules, metric: Slot, fig: Figure, hi: int) -> Optional[str]:
    """"GAAP and non-GAAP gross margins are expected to be 61.5% and 63.0%, respectively": the bases named before
    the measure go with the figures after it in order."""
    bases = list(rules.accounting_rx.finditer(ctx.text, max(0, metric.start - 40), metric.end))
    token = _FIGURE_TOKEN.get(fig.q.kind)
    if len(bases) < 2 or token is None or \
            not re.fullmatch(r"(?:\s*(?:,|and|or)\s*)+", ctx.text[bases[0].end():bases[1].start()]) or \
            not re.search(r"\brespectively\b", ctx.text[fig.end:min(len(ctx.text), hi + 40)]):
        return None
    i = len(re.findall(token, ctx.text[metric.end:fig.q.start]))
    return rules.accounting[bases[i].group(0)] if i < len(bases) else None


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


# "up 35% from the second quarter", "Compared with the October-December quarter, revenue was up 6.2%": a period the
# change is measured against
_AGAINST = re.compile(r"\b(?:from|compared\s+(?:with|to)|versus|vs\.?|over|than|on)\s+(?:the\s+|a\s+)?$", re.I)


def comparison_basis(ctx: ExtractionContext, m: Mentions, s_start: int, hi: int, period: Optional[Period]) -> Optional[str]:
    """The basis a change states through the period it is compared with: QoQ when that period is the quarter
    before the change's, YoY when it is the same period a year before; None when the sentence names no such period."""
    if period is None or period.start is None or period.kind != "quarter":
        return None
    fiscal = ctx.doc.fiscal if period.fiscal_label else None
    step = (lambda **kw: fiscal.shift(period, **kw)) if fiscal is not None else (lambda **kw: shift(period, **kw))
    before, year_ago = step(quarters=-1), step(years=-1)
    for p in m.periods:
        if not (s_start <= p.start < hi) or not _AGAINST.search(ctx.text, max(s_start, p.start - 20), p.start):
            continue
        if before is not None and p.period.start == before.start and p.period.end == before.end:
            return "QoQ"
        if year_ago is not None and p.period.start == year_ago.start and p.period.end == year_ago.end:
            return "YoY"
    return None

