"""Deals as facts of kind ``investment``: stakes bought and held, acquisition prices, funding rounds and total
funding, valuations, fund sizes, fund closes and contributions, assets under management, investment commitments
(with their horizon) and book values of investments.

The grammar is data (``mappings/patterns/deals.yaml``, compiled by ``dealgrammar.py``); this module runs its
readings over each sentence that has a figure and a deal word, in the sentence's token view, and turns each
reading's figures into facts: the subject from ``dealparties.py`` (the doer, the company dealt in, the fund; a
pronoun's antecedent; the issuer when it speaks), the period from ``dealperiods.py``, the measure as the scheme's
key with the text's own words as ``metric_label`` ("Series C funding", "stake in Lumenpeak"). A conversion the
text gives in parentheses ("€72 million (about $78 million)") is a second fact with its hedge. A figure whose
subject no rule resolves is reported as an unresolved candidate, never published.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from ..records import EntityRef, Fact, Period
from .context import ExtractionContext, Mentions
from .dealgrammar import DealGrammar, FactSpec, Reading, Shadow, grammar, shadow
from .dealparties import DealState, Party, agent, fund, issuer_speaks, target
from .dealperiods import back, event_period, horizon, is_plan, state_period
from .decide import CONFIDENCE, Unresolved
from .text import Sentence

_NO_MODALITY = ("investment-book-value", "assets-under-management", "valuation", "post-money-valuation",
                "pre-money-valuation")
_CONVERSION = re.compile(r"\s*\(\s*(?P<hedge>[^()¤]{0,20}?)\s*¤M(?P<fig>\d+)¤\s*\)")


def extract(ctx: ExtractionContext) -> list[Fact]:
    g = grammar(ctx)
    st = DealState.start(ctx, g)
    out: list[Fact] = []
    for s in ctx.sentences:
        st.next_sentence(ctx, s)
        m = ctx.mentions(s)
        facts: list[Fact] = []
        if m.quantities and g.triggers.search(ctx.text, s.start, s.end):
            facts = _sentence(ctx, g, st, s, m)
            out.extend(facts)
        st.remember(ctx, g, s, m, next((f.subject for f in facts if f.subject.kind == "organisation"), None))
    return out


def _sentence(ctx: ExtractionContext, g: DealGrammar, st: DealState, s: Sentence, m: Mentions) -> list[Fact]:
    sh = shadow(ctx, s, m)
    claimed: set[str] = set()
    chosen: list[tuple[Reading, re.Match[str]]] = []
    for r in g.readings:
        if r.requires is not None and not r.requires.search(ctx.text, s.start, s.end):
            continue
        for mt in r.rx.finditer(sh.text):
            figs = {mt.group(f.figure) for f in r.facts if mt.group(f.figure) is not None}
            if figs and not figs & claimed:
                claimed |= figs
                chosen.append((r, mt))
    out: list[Fact] = []
    for r, mt in sorted(chosen, key=lambda c: c[1].start()):
        out.extend(_reading(ctx, g, st, s, m, sh, r, mt))
    return out


def _reading(ctx: ExtractionContext, g: DealGrammar, st: DealState, s: Sentence, m: Mentions, sh: Shadow,
             r: Reading, mt: re.Match[str]) -> list[Fact]:
    gd = mt.groupdict()
    a, b = sh.span(mt.start(), mt.end())
    verb = mt.start("verb") if gd.get("verb") is not None else mt.start()
    doer = agent(ctx, g, sh, st, verb, mt.span("agent") if gd.get("agent") else None)
    if doer is None and r.issuer_default and not gd.get("agent") and issuer_speaks(ctx, a):
        doer = Party(ctx.issuer, "issuer-default")   # type: ignore[arg-type]
    tgt = None
    if gd.get("target"):
        tgt = target(ctx, g, sh, st, *mt.span("target"), company=r.company_target)
        if tgt is None:
            return []         # the words a company's name should stand in name none
    elif st.target is not None and st.paragraph - st.target[0] <= 1 and any(
            f.object == "target" or f.subject == "target" for f in r.facts):
        tgt = Party(st.target[1], "carried")
    obj, obj_end = _object(ctx, g, sh, r, mt)
    b = max(b, obj_end)
    hz = horizon(ctx, g, m, s)
    plan = is_plan(ctx, g, s)
    out: list[Fact] = []
    main_period: Optional[Period] = None
    for spec in r.facts:
        idx = gd.get(spec.figure)
        if idx is None:
            continue
        q = sh.figures[int(idx)]
        if spec.metric in ("investment-amount",) and obj is not None and g.spend_objects.search(obj) and hz is None:
            return []        # a running expense (R&D, marketing), not a commitment: the frame engine reads it
        subject, fund_ref = _subject(ctx, g, st, sh, spec, mt, doer, tgt)
        period, how = _period(ctx, m, s, sh, spec, a, b, q.end, plan, hz, main_period, mt)
        if spec.aspect != "prior":
            main_period = period
        if subject is None:
            _unresolved(ctx, a, b, q, spec, "no subject")
            continue
        if spec.subject == "commitment" and st.commitment is not None:
            period, how = st.commitment.period, "carried"
        metric = _metric(spec, gd)
        label = _label(spec, gd, sh, mt, tgt, obj, fund_ref)
        quals: list[tuple[str, str]] = [("metric_label", label), ("subject_how", subject.how),
                                        ("confidence", f"{CONFIDENCE.get(subject.how, 0.85):.2f}"),
                                        ("period_how", how), ("deal", r.name)]
        if plan and metric not in _NO_MODALITY and spec.aspect != "prior":
            quals.append(("modality", "target"))
        if gd.get("option"):
            quals.append(("status", "option"))
        if obj is not None and spec.object == "object":
            quals.append(("investee", obj))
        start = min(a, subject.start) if 0 <= subject.start < a and a - subject.start <= 160 else a
        obj_ref = fund_ref if spec.object == "fund" else tgt.ref if (spec.object == "target" and tgt) else None
        fact = Fact("investment", ctx.doc.doc_id, subject.ref, ctx.evidence(start, max(b, q.end)), metric=metric,
                    value=q.value, unit=q.unit, period=period, object=obj_ref, hedge=_hedge(ctx, m, q.start),
                    market=_market(ctx, m, a, obj_end) if spec.object == "object" else None, qualifiers=tuple(quals))
        out.append(fact)
        conv = _CONVERSION.match(sh.text, sh.text.find(f"¤M{idx}¤") + len(f"¤M{idx}¤")) if q.kind == "money" else None
        if conv is not None:
            cq = sh.figures[int(conv.group("fig"))]
            hedge = _hedge(ctx, m, cq.start) or (conv.group("hedge").strip() or None)
            out.append(replace(fact, value=cq.value, unit=cq.unit, hedge=hedge,
                               evidence=ctx.evidence(q.start, sh.span(conv.start(), conv.end())[1]),
                               qualifiers=fact.qualifiers + (("conversion", "stated in the text"),)))
        if metric == "investment-amount" and spec.subject != "commitment":
            st.commitment = fact
        if subject.ref.kind == "fund":
            st.fund = subject.ref
        elif fund_ref is not None:
            st.fund = fund_ref
    if tgt is not None and tgt.ref.kind in ("organisation", "fund") and out:
        st.target = (st.paragraph, tgt.ref)
    return out


def _subject(ctx: ExtractionContext, g: DealGrammar, st: DealState, sh: Shadow, spec: FactSpec,
             mt: re.Match[str], doer: Optional[Party], tgt: Optional[Party]) -> tuple[Optional[Party], Optional[EntityRef]]:
    fund_ref = None
    if spec.subject == "fund" or spec.object == "fund":
        phrase = _source(ctx, sh, mt, "fundref") or "fund"
        fund_ref = fund(ctx, st, phrase, doer)
        if spec.subject == "fund":
            return (Party(fund_ref, "explicit" if phrase.strip().casefold() != "fund" else "carried")
                    if fund_ref is not None else None), fund_ref
    if spec.subject == "target":
        return tgt, fund_ref
    if spec.subject == "commitment":
        c = st.commitment
        return (Party(c.subject, "carried") if c is not None else None), fund_ref
    if doer is not None and tgt is not None and tgt.how != "carried" and doer.ref.key == tgt.ref.key:
        return None, fund_ref      # a company does not buy a stake in itself: the doer was misread
    return doer, fund_ref


def _period(ctx: ExtractionContext, m: Mentions, s: Sentence, sh: Shadow, spec: FactSpec, a: int, b: int,
            fig_end: int, plan: bool, hz, main: Optional[Period], mt: re.Match[str]) -> tuple[Optional[Period], str]:
    if spec.aspect == "prior":
        ago = (_source(ctx, sh, mt, "ago") or "a year" if mt.groupdict().get("ago") else "a year").casefold()
        months = next((v for k, v in grammar(ctx).ago_months.items() if k in " ".join(ago.split())), 12)
        return back(main, months), "shifted"
    if hz is not None and spec.aspect == "commitment":
        return hz[0], "horizon"
    if spec.aspect in ("event", "commitment"):
        return event_period(ctx, m, s, a, b)
    return state_period(ctx, m, s, a, b, fig_end, plan)


def _metric(spec: FactSpec, gd: dict) -> str:
    if spec.metric == "valuation" and gd.get("post"):
        return "pre-money-valuation" if "pre" in gd["post"].casefold() else "post-money-valuation"
    return spec.metric


def _label(spec: FactSpec, gd: dict, sh: Shadow, mt: re.Match[str], tgt: Optional[Party], obj: Optional[str],
           fund_ref: Optional[EntityRef]) -> str:
    fill = {"target": tgt.ref.label if tgt else None, "object": obj, "fund": fund_ref.label if fund_ref else None,
            "series": " ".join(gd["series"].split()) if gd.get("series") else None,
            "which": gd.get("which")}
    label = spec.label
    if spec.metric in ("valuation",) and gd.get("post"):
        label = "pre-money valuation" if "pre" in gd["post"].casefold() else "post-money valuation"
    if spec.metric == "investment-amount" and obj and len(obj.split()) <= 4 and not re.search(
            r"\b(?:in|of|for|at|on|to|with)\b", obj):
        label = "{object} investment"
    for k, v in fill.items():
        if v:
            label = label.replace("{" + k + "}", v)
        else:
            label = re.sub(r"\s*(?:\b(?:in|of|to)\s+)?\{" + k + r"\}\s*", " ", label).strip()
    return label or spec.metric.replace("-", " ")


def _object(ctx: ExtractionContext, g: DealGrammar, sh: Shadow, r: Reading,
            mt: re.Match[str]) -> tuple[Optional[str], int]:
    """What the money goes to, in the text's words, and where those words end (-1 when not after the figure)."""
    text, end = (_source(ctx, sh, mt, "object") if mt.groupdict().get("object") else None), -1
    if text is None and r.object_after:
        after = g.object_after.match(sh.text, mt.end())
        if after is not None and after.group("object"):
            a, end = sh.span(after.start("object"), after.end("object"))
            text = ctx.text[a:end]
    if not text:
        return None, -1
    text = re.sub(r"^(?:the|a|an|its|our|their)\s+", "", " ".join(text.split()).strip(" \"“”'"), flags=re.I)
    if not text or g.not_objects.search(text) or len(text.split()) > 12:
        return None, -1
    return text, end


def _source(ctx: ExtractionContext, sh: Shadow, mt: re.Match[str], group: str) -> Optional[str]:
    if mt.groupdict().get(group) is None:
        return None
    a, b = sh.span(*mt.span(group))
    return ctx.text[a:b]


def _market(ctx: ExtractionContext, m: Mentions, a: int, obj_end: int) -> Optional[EntityRef]:
    """The country an investment's object is in ("a new plant in Bac Ninh, Vietnam")."""
    if obj_end < 0:
        return None
    for e in m.entities:
        if e.kind == "market" and a <= e.start and e.end <= obj_end + 30 and \
                re.fullmatch(r"[^.;]*?(?:\bin\s+|,\s*)", ctx.text[a:e.start][-40:] or " "):
            return ctx.entity(e)
    return None


def _hedge(ctx: ExtractionContext, m: Mentions, pos: int) -> Optional[str]:
    for c in m.cues_of("hedge"):
        if c.end <= pos and re.fullmatch(r"[\s(]*", ctx.text[c.end:pos]):
            return str(c.value)
    return None


def _unresolved(ctx: ExtractionContext, a: int, b: int, q, spec: FactSpec, reason: str) -> None:
    ctx.__dict__.setdefault("unresolved", []).append(
        Unresolved(ctx.doc.doc_id, ctx.evidence(a, b), q.value, q.unit, reason, spec.metric))
