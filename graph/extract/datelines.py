"""Datelines: the document's own date as its dateline, a letter's closing date or a "Published:" line states it,
the document's own release or call on its date line, and an earnings call's name."""
from __future__ import annotations

import re
from datetime import date

from ..iris import slugify
from ..records import Fact
from . import announcements
from .context import ExtractionContext
from .eventfacts import _cfg, _fact, _words, date_regex, launches_read_dated_events, parse_date
from .patterns import alternation


# ---------------------------------------------------------------- datelines

def _line_of(ctx: ExtractionContext, pos: int) -> tuple[int, int]:
    a = ctx.text.rfind("\n", ctx.doc.start, pos) + 1
    a = max(a, ctx.doc.start)
    b = ctx.text.find("\n", pos, ctx.doc.end)
    return a, (ctx.doc.end if b < 0 else b)


def datelines(ctx: ExtractionContext) -> list[Fact]:
    """The dateline events below, and the document's own event on its date line (announcements.py) unless one of
    them already states that line: a call dated by its header carries its name; undated, the name alone."""
    out = _datelines(ctx)
    named = _call_name(ctx) if ctx.doc.genre == "earnings_call" else []
    own = announcements.read(ctx, date_regex(ctx), parse_date, named[0] if named else None)
    if own is None:                 # launches.py states the date line
        return out
    own = [f for f in own if not any(o.evidence.start < f.evidence.end and f.evidence.start < o.evidence.end
                                     for o in out)]
    return out + (own or named)


def _datelines(ctx: ExtractionContext) -> list[Fact]:
    """The document's own date as its dateline states it: "PLACE, DATE –" opening a results release or a news
    story on results (``results_announcement``), a date line closing a letter (``letter``), a "Published:" line
    (``publication``, subject the publisher), the dateline of a product release about a conference
    (``conference``); and an earnings call's own name. The date must be the document's date."""
    doc = ctx.doc
    out: list[Fact] = []
    if not doc.date or len(doc.date) != 10 or ctx.issuer is None:
        return out
    cfg = _cfg(ctx)
    event = None if launches_read_dated_events(ctx) else (cfg.get("dateline_events") or {}).get(doc.genre)
    if doc.genre == "news" and doc.period is None:
        event = None
    if doc.genre == "product_release":
        conf = alternation(_words(ctx, "conference_words"))
        if re.search(rf"\b(?:{conf})\b|\b[A-Z]{{2,6}}\s?\d{{4}}\b", doc.title, re.IGNORECASE) and \
                re.search(rf"\b(?:{conf})\b", ctx.text[doc.start:doc.end], re.IGNORECASE):
            event = "conference"
    pub = None if launches_read_dated_events(ctx) else alternation(_words(ctx, "publication_cues"))
    issued = date.fromisoformat(doc.date)
    seen: set[str] = set()
    for m in date_regex(ctx).finditer(ctx.text, doc.start, doc.end):
        if parse_date(ctx, m, doc.date) != issued:
            continue
        a, b = _line_of(ctx, m.start())
        before, after = ctx.text[a:m.start()], ctx.text[m.end():b]
        if pub and doc.publisher and "publication" not in seen and \
                re.fullmatch(rf"\s*(?:{pub})\s*", before, re.IGNORECASE):
            seen.add("publication")
            known = ctx.gazetteer.get(slugify(doc.publisher))
            ref = known.ref() if known else ctx.discover(doc.publisher, "organisation", doc.publisher, ("Organisation",))
            out.append(_fact(ctx, ref, a, m.end(), "publication", doc.date))
            continue
        if event is None or event in seen:
            continue
        place = re.fullmatch(r"\s*(?:[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3})(?:,\s*[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,2})?"
                             r"\s*[,–—-]\s*", before)
        opens = place is not None and re.match(r"\s*(?:[–—-]+|$)", after) is not None
        alone = doc.genre == "shareholder_letter" and re.fullmatch(r"\s*(?:[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,2},\s*)?",
                                                                   before) is not None and not after.strip()
        if not (opens or alone):
            continue
        seen.add(event)
        out.append(_fact(ctx, ctx.issuer, a, m.end(), event, doc.date, None if event == "conference" else doc.period))
    return out


def _call_name(ctx: ExtractionContext) -> list[Fact]:
    """"welcome to Acme 2020 Interim Results Announcement Conference Call": the call, named."""
    if ctx.issuer is None:
        return []
    openers = alternation(_words(ctx, "call_openers"))
    heads = alternation(_words(ctx, "call_heads"))
    rx = re.compile(rf"\b(?:{openers})\s+(?:the\s+)?(?P<name>(?:[A-Z0-9][\w&+.'’-]*\s+){{1,10}}?(?:{heads}))\b",
                    re.IGNORECASE)
    for s in ctx.sentences:
        m = rx.search(s.text)
        if m and m.group("name")[0].isupper():
            a = s.start + m.start("name")
            return [_fact(ctx, ctx.issuer, a, s.start + m.end("name"), "conference", m.group("name"), ctx.period)]
    return []
