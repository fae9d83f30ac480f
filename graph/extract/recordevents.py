"""Records ("a quarterly record", "the highest revenue since founding") and milestones (a figure passed "for
the first time", "our first dividend since listing")."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from ..records import Fact
from .context import ExtractionContext, Mentions
from .eventfacts import _cfg, _fact, _is_headline, _period_at, _words
from .patterns import alternation
from .text import Sentence


def _records(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    if _is_headline(ctx, s) or ctx.issuer is None:
        return []
    text = ctx.text
    cfg = _cfg(ctx)
    found: list[tuple[int, int, str, Optional[str]]] = []
    for pat in cfg.get("record_nouns") or []:
        for r in re.finditer(pat, text[s.start:s.end], re.IGNORECASE):
            found.append((s.start + r.start(), s.start + r.end(), r.group(0).strip(), None))
    sup = alternation(_words(ctx, "record_superlatives"))
    scope = "|".join(f"(?:{p})" for p in cfg.get("record_scopes") or [])
    stop = re.compile(cfg.get("record_np_stop") or r"(?!)")
    perf = alternation(_words(ctx, "record_performance_words"))
    rx = re.compile(rf"\b(?:the\s+)?(?P<sup>{sup})\b(?P<np>[^,;.]{{0,50}}?)\s*(?P<scope>{scope})", re.IGNORECASE)
    for r in rx.finditer(text, s.start, s.end):
        np = r.group("np")
        cut = stop.search(np)
        np = np[:cut.start()] if cut else np
        if re.search(r"\b(?:than|of\s+the|among|in\s+any|found)\b", np) or len(np.split()) > 5:
            continue
        if not m.metrics and not re.search(rf"\b(?:{perf})\b", np, re.IGNORECASE):
            continue  # a record is of a figure the sentence names, or of a performance noun
        found.append((r.start(), r.end(), f"{r.group('sup')}{np}".strip(), r.group("scope")))
    verbs = alternation(_words(ctx, "milestone_verbs"))
    first = [c for c in m.cues_of("first_time")]
    for q in m.quantities:
        c = next((c for c in first if 0 <= c.start - q.end <= 30), None)
        v = re.search(rf"\b(?:{verbs})\s+(?:the\s+)?(?:(?:mark|threshold|level)\s+of\s+)?$",
                      text[max(s.start, q.start - 40):q.start], re.IGNORECASE)
        if c is not None and v is not None:
            a = q.start - len(v.group(0))
            found.append((a, c.end, text[a:c.end], "first time"))
    fs = cfg.get("first_since")
    for r in (re.finditer(fs, text[s.start:s.end]) if fs else ()):
        found.append((s.start + r.start(), s.start + r.end(), r.group("v"), "first since"))
    out: list[Fact] = []
    for a, b, value, sc in sorted(found, key=lambda t: (t[0], -(t[1] - t[0]))):
        if any(a < f.evidence.end and f.evidence.start < b for f in out):
            continue
        same = next((i for i, f in enumerate(out) if f.metric == "record" and sc not in ("first time", "first since")), None)
        if same is not None:
            # "a record high ..., the highest since founding": one record, the later phrase gives its scope
            if sc and out[same].qualifier("scope") is None:
                out[same] = replace(out[same], qualifiers=out[same].qualifiers + (("scope", " ".join(sc.split())),))
            continue
        quals: tuple = (("scope", " ".join(sc.split())),) if sc else ()
        subject = ctx.issuer
        opener = next((e for e in m.entities if e.kind == "organisation" and e.start - s.start <= 4), None)
        if opener is not None:
            subject = ctx.entity(opener)  # "Apple posted a quarterly record": the sentence's own subject
        key = "milestone" if sc in ("first time", "first since") else "record"
        quals = () if key == "milestone" else quals
        out.append(_fact(ctx, subject, a, b, key, value, _period_at(ctx, m, s, a, b), qualifiers=quals))
    return out
