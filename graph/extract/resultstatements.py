"""Results stated without a figure: trends ("grew strongly year-over-year"), results against consensus and
figures measured against a reference level."""
from __future__ import annotations

import re
from typing import Optional

from ..records import Fact
from .clauses import clause_bounds
from .context import ExtractionContext, Mentions
from .patterns import alternation
from .statementfacts import _alt, _cfg, _fact, _figure_in, _subject, statement_period
from .text import Sentence


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
