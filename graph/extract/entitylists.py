"""The entities a clause names: its subject before a position, a list of names after one ("A, B and C"), and
the entity named after a descriptor ("with the e-commerce platform X"); names the gazetteer lacks are
discovered."""
from __future__ import annotations

import re
from typing import Optional

from ..records import EntityRef
from .context import ExtractionContext, Mentions
from .relationfacts import _cfg, _words


_NAME = r"[A-Z][\w.&'’-]*(?:\s+(?:[A-Z0-9][\w.&'’-]*|of|de|la)){0,4}"
_WEB = r"[A-Za-z][\w-]*\.(?:com|cn|in|net|co\.uk|de|fr|es|it)\b"
_SUBJECT_KINDS = ("organisation", "product", "series", "brand", "platform")


def subject_before(ctx: ExtractionContext, m: Mentions, lo: int, pos: int,
                   kinds: tuple[str, ...] = _SUBJECT_KINDS) -> tuple[Optional[EntityRef], Optional[int]]:
    """The entity a clause is about: the nearest named entity or issuer word ("we", "the company") before
    ``pos`` in [lo, pos) (ranking bodies and research firms are sources, not subjects)."""
    best = None
    for e in m.entities:
        if e.kind in kinds and lo <= e.start and e.end <= pos and pos - e.end <= 150:
            entry = ctx.entry(e)
            if entry is not None and {"RankingBody", "ResearchFirm"} & set(entry.types):
                continue
            best = e
    cue = None
    for c in m.cues_of("issuer"):
        if lo <= c.start and c.end <= pos and pos - c.end <= 150:
            cue = c
    if cue is not None and ctx.issuer is not None and (best is None or cue.start > best.end):
        return ctx.issuer, cue.start
    if best is not None:
        return ctx.entity(best), best.start
    return None, None


def _stop(ctx: ExtractionContext) -> set[str]:
    return {w.lower() for w in _words(ctx, "list_stopwords")}


def list_items(ctx: ExtractionContext, m: Mentions, pos: int, hi: int, *, kinds: tuple[str, ...] = ("organisation",),
               discover_kind: Optional[str] = "organisation",
               types: tuple[str, ...] = (), allow_issuer: bool = False) -> list[tuple[int, int, EntityRef]]:
    """Names listed from ``pos`` ("A, B and C", "A, like B"): gazetteer entities of ``kinds`` or, when
    ``discover_kind`` is set, capitalised names and web addresses (discovered). Stops at anything else."""
    text = ctx.text
    seps = [re.compile(p, re.IGNORECASE) for p in _words(ctx, "list_separators")] or [re.compile(r"\s*,\s*|\s+and\s+")]
    stop = _stop(ctx)
    out: list[tuple[int, int, EntityRef]] = []
    while pos < hi:
        ws = re.match(r"\s*", text[pos:hi])
        p0 = pos + (ws.end() if ws else 0)
        ent = next((e for e in m.entities if e.start == p0 and e.end <= hi), None)
        if ent is not None:
            if ent.kind not in kinds:
                break
            if not allow_issuer and ctx.issuer is not None and ctx.entity(ent).key == ctx.issuer.key:
                break
            out.append((ent.start, ent.end, ctx.entity(ent)))
            pos = ent.end
        elif discover_kind is not None:
            nm = re.match(rf"{_WEB}|{_NAME}", text[p0:hi])
            if nm is None or nm.group(0).split()[0].lower().strip(".") in stop:
                break
            name = nm.group(0).rstrip(".’'")
            # a name may not run into a known entity ("Amazon in Ghana" is cut before "in")
            inner = next((e for e in m.entities if p0 < e.start < p0 + len(name)), None)
            if inner is not None:
                name = text[p0:inner.start].rstrip()
                name = re.sub(r"\s+(?:in|of|and|the)$", "", name)
            if not name or name.lower() in stop:
                break
            ref = ctx.discover(name, discover_kind, name, types)
            out.append((p0, p0 + len(name), ref))
            pos = p0 + len(name)
        else:
            break
        for sep in seps:
            sm = sep.match(text, pos, hi)
            if sm and sm.end() > pos:
                nxt = text[sm.end():sm.end() + 12].split()
                if not nxt or nxt[0].lower().strip(",.") in stop:
                    return _dedupe(out)
                pos = sm.end()
                break
        else:
            break
    return _dedupe(out)


def _dedupe(items: list[tuple[int, int, EntityRef]]) -> list[tuple[int, int, EntityRef]]:
    seen: set[str] = set()
    out = []
    for a, b, ref in items:
        if ref.key not in seen:
            seen.add(ref.key)
            out.append((a, b, ref))
    return out


def _named_after(ctx: ExtractionContext, m: Mentions, pos: int, hi: int, types: tuple[str, ...]):
    """The entity named at ``pos`` after "the" and a few lower-case descriptor words (a known organisation,
    product or platform, or a capitalised name, discovered as an organisation)."""
    text = ctx.text
    n = int(_cfg(ctx).get("partner_descriptor_max") or 4)
    d = re.match(rf"\s*(?:the\s+|a\s+|an\s+)?(?:[a-z][\w-]*\s+){{0,{n}}}", text[pos:hi])
    candidates = [pos + d.end()] if d else []
    if d and d.end() > 0:
        candidates.append(pos + len(re.match(r"\s*(?:the\s+)?", text[pos:hi]).group(0)))
    for p0 in candidates:
        ent = next((e for e in m.entities if e.start == p0), None)
        if ent is not None:
            return (ent.start, ent.end, ctx.entity(ent)) if ent.kind in _SUBJECT_KINDS else None
        nm = re.match(rf"{_WEB}|{_NAME}", text[p0:hi])
        if nm and nm.group(0).split()[0].lower() not in _stop(ctx):
            name = nm.group(0).rstrip(".’'")
            return p0, p0 + len(name), ctx.discover(name, "organisation", name, types)
    return None
