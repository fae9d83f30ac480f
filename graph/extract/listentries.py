"""List entries and debuts: an entry cue before the name of a list built on a ranking body ("made the 2019
Fortune Global 500 List"); an entry stated as a rank or a count is left to rankings and counts."""
from __future__ import annotations

import re
from typing import Optional

from ..records import EntityRef, Fact
from .clauses import frame_period
from .context import ExtractionContext, Mentions
from .entitylists import subject_before
from .eventfacts import _as_year, _cfg, _fact, _words
from .patterns import alternation
from .periods import year
from .text import Sentence


def _ranking_bodies(ctx: ExtractionContext, m: Mentions):
    for e in m.entities:
        entry = ctx.entry(e)
        if e.kind == "organisation" and entry is not None and "RankingBody" in entry.types:
            yield e


def _lists(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    """List entries and debuts: an entry cue, then one or more list names."""
    text = ctx.text
    heads = alternation(_words(ctx, "list_heads"))
    top = _cfg(ctx).get("list_top_head") or r"(?!)"
    tails = [re.compile(rf"(?:['’]s?)?(?P<words>(?:\s+[\w&+-]+){{0,6}}?)\s*(?P<head>\b(?:{heads})\b)", re.IGNORECASE),
             re.compile(rf"(?:['’]s?)?(?P<words>(?:\s+[\w&+-]+){{0,4}}?)\s*(?P<head>{top})")]
    names = []
    for e in _ranking_bodies(ctx, m):
        # the longest name: "Forbes' Top 100 Digital Companies List" rather than "Forbes' Top 100"
        t = next((t for rx in tails if (t := rx.match(text, e.end, s.end)) is not None and
                  not re.search(r"[,;]|\b(?:and|or|the|in|on|of|for)\b", t.group("words"), re.IGNORECASE)), None)
        if t is None:
            continue
        lead = re.search(r"\b((?:19|20)\d\d)\s+$", text[max(s.start, e.start - 6):e.start])
        start = e.start - len(lead.group(0)) if lead else e.start
        head_is_list = re.fullmatch(heads, t.group("head"), re.IGNORECASE) is not None
        value_end = t.start("head") if head_is_list else t.end()
        names.append((start, t.end(), value_end, e, lead.group(1) if lead else None))
    if not names:
        return []
    cue_rx = re.compile(rf"\b(?:{alternation(_words(ctx, 'list_entry_cues'))})\b", re.IGNORECASE)
    debut_rx = re.compile(rf"\b(?:{alternation(_words(ctx, 'list_debut_cues'))})\b", re.IGNORECASE)
    out: list[Fact] = []
    prev_end: Optional[int] = None
    prev_cue: Optional[tuple[int, bool]] = None
    for start, end, value_end, body, y in names:
        chained = prev_end is not None and re.fullmatch(r"\s*(?:,|and|,\s*and|as\s+well\s+as)\s*(?:the\s+)?",
                                                       text[prev_end:start], re.IGNORECASE)
        cue: Optional[tuple[int, bool]] = prev_cue if chained else None
        if cue is None:
            lo = max(s.start, start - 80, prev_end or s.start)
            found = list(cue_rx.finditer(text, lo, start))
            if found and re.fullmatch(r"[^,;.]*", text[found[-1].end():start]):
                c = found[-1]
                window = text[max(s.start, c.start() - 20):min(s.end, end + 30)]
                cue = (c.start(), bool(debut_rx.search(window)))
        prev_end, prev_cue = end, cue
        if cue is None or _stated_as_rank(ctx, s, m, start, end, value_end, cue):
            continue
        subject, sstart = subject_before(ctx, m, s.start, cue[0])
        if subject is None:
            subject = _subject_after(ctx, m, end, s.end)  # "Following making the X List, we ..."
        if subject is None:
            continue
        period = year(int(y)) if y else None
        if period is None:
            outside = [p for p in m.periods if not any(a <= p.start < b for a, b, *_ in names)
                       and p.how != "current"]
            period = _as_year(outside[0].period) if outside else \
                _as_year(frame_period(ctx, s.start)) or _as_year(ctx.period) or \
                (year(int(ctx.doc.date[:4])) if ctx.doc.date else None)
        value = text[start:value_end].strip()
        ev_start = sstart if sstart is not None and 0 <= start - sstart <= 160 else cue[0]
        if not chained and prev_cue is not None:
            ev_start = min(ev_start, cue[0])
        out.append(_fact(ctx, subject, min(ev_start, start), end, "list_debut" if cue[1] else "list_entry", value,
                         period, source=ctx.entity(body)))
    return out


def _stated_as_rank(ctx: ExtractionContext, s: Sentence, m: Mentions, start: int, end: int, value_end: int,
                    cue: tuple[int, bool]) -> bool:
    """A list entry that is really a rank or a count, read by rankings/counts: "ranking 74th" after the list,
    "made Derwent Top 100" (a top-N without a debut), "our second entry on the list" (a count of entries)."""
    from .rankwords import is_rank

    text = ctx.text
    count = _cfg(ctx).get("entry_count")
    if count and re.search(count, text[max(s.start, cue[0] - 30):start], re.IGNORECASE):
        return True
    # a rank right after the list name ("..., ranking 74th"), not one inside another list's name
    if any(is_rank(ctx, m, s, r) and 0 <= r.start - end <= 40 and
           re.fullmatch(r"(?:\s+for\s+the\s+first\s+time)?\s*,?\s*(?:ranking|ranked|placing|placed|at|in|as)\s+"
                        r"(?:No\.\s*|number\s+)?",
                        text[end:r.start], re.IGNORECASE) for r in m.ranks):
        return True
    top = _cfg(ctx).get("list_top_head") or r"(?!)"
    return not cue[1] and re.search(top, text[start:value_end]) is not None


def _subject_after(ctx: ExtractionContext, m: Mentions, pos: int, hi: int) -> Optional[EntityRef]:
    """The main clause's subject after a fronted phrase: the first issuer word or organisation after a comma."""
    comma = ctx.text.find(",", pos, hi)
    if comma < 0:
        return None
    cue = next((c for c in m.cues_of("issuer") if c.start > comma), None)
    org = next((e for e in m.entities if e.start > comma and e.kind == "organisation"), None)
    if cue is not None and ctx.issuer is not None and (org is None or cue.start < org.start):
        return ctx.issuer
    return ctx.entity(org) if org is not None else None
