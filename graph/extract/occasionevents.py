"""Occasions: speeches at a named venue, anniversaries with a date, and named events held on a date."""
from __future__ import annotations

import re

from ..records import Fact
from .clauses import clause_bounds
from .context import ExtractionContext, Mentions
from .entitylists import subject_before
from .eventfacts import _cfg, _fact, _words, date_regex, parse_date
from .patterns import alternation
from .periods import day
from .text import Sentence


def _speeches(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    """"At today's annual meeting of X, <person>, <title>, delivered a keynote speech": the person spoke there."""
    text = ctx.text
    verbs = alternation(_words(ctx, "speech_verbs"))
    nouns = alternation(_words(ctx, "speech_nouns"))
    venues = alternation(_words(ctx, "venue_nouns"))
    out: list[Fact] = []
    for v in re.finditer(rf"\b(?:{verbs})\s+(?:a|an|the|his|her|their)\s+(?:{nouns})\b", text[s.start:s.end],
                         re.IGNORECASE):
        vs, ve = s.start + v.start(), s.start + v.end()
        people = [e for e in m.entities if e.kind == "person" and e.end <= vs and vs - e.end <= 120]
        if not people:
            continue
        person = people[-1]
        fronted = re.match(rf"\s*At\s+(?P<venue>[^,]{{3,90}}?\b(?:{venues})\b[^,]{{0,60}}),", text[s.start:person.start],
                           re.IGNORECASE)
        after = re.match(rf"\s+at\s+(?P<venue>(?:the|an?|this|its|[\w’']+['’]s)\s+[^,.;]{{0,80}}?\b(?:{venues})\b[^,.;]{{0,60}})",
                         text[ve:s.end], re.IGNORECASE)
        if fronted:
            venue, a, b = fronted.group("venue"), s.start + fronted.start(), ve
        elif after:
            venue, a, b = after.group("venue"), person.start, ve + after.end()
        else:
            continue
        out.append(_fact(ctx, ctx.entity(person), a, b, "speech", venue.strip(), None,
                         qualifiers=(("speech", v.group(0).split(None, 1)[1]),)))
    return out


def _anniversaries(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    """"our tenth anniversary on April 6th": the anniversary's date (a missing year: the next such day)."""
    text = ctx.text
    cfg = _cfg(ctx)
    ords = {str(k).lower(): int(v) for k, v in (cfg.get("ordinal_words") or {}).items()}
    noun = cfg.get("anniversary_noun") or "anniversary"
    rx = re.compile(rf"\b(?P<ord>{alternation(ords)}|\d+(?:st|nd|rd|th))\s+{noun}\b", re.IGNORECASE)
    drx = date_regex(ctx)
    out: list[Fact] = []
    for r in rx.finditer(text, s.start, s.end):
        subject, sstart = subject_before(ctx, m, s.start, r.start())
        on = re.match(r"\s+(?:on|falls\s+on|is\s+on)\s+", text[r.end():s.end])
        d = drx.match(text, r.end() + on.end()) if on else None
        when = parse_date(ctx, d, ctx.doc.date, future=True) if d else None
        if subject is None or when is None or d is None:
            continue
        o = r.group("ord").lower()
        n = ords.get(o) or int(re.sub(r"\D", "", o))
        start = sstart if sstart is not None and r.start() - sstart <= 60 else r.start()
        out.append(_fact(ctx, subject, start, d.end(), "anniversary", when.isoformat(),
                         day(when.year, when.month, when.day), qualifiers=(("ordinal", str(n)),)))
    return out


def _held(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    """"we held the first global Acme Ecosystem Product Launch in July": a named event and its date."""
    text = ctx.text
    verbs = alternation(_words(ctx, "held_verbs"))
    heads = alternation(_words(ctx, "held_heads"))
    rx = re.compile(rf"\b(?:{verbs})\s+(?:the|a|an|our|its)\s+(?P<name>[^,;.]{{0,80}}?\b(?:{heads}))s?\b",
                    re.IGNORECASE)
    out: list[Fact] = []
    for r in rx.finditer(text, s.start, s.end):
        after = [p for p in m.periods if 0 <= p.start - r.end() <= 4 and p.how == "explicit"]
        if not re.search(r"[A-Z]", r.group("name")) or not after:
            continue  # an unnamed or undated event says too little
        lo, _ = clause_bounds(ctx, s, r.start())
        subject, sstart = subject_before(ctx, m, lo, r.start())
        if subject is None:
            continue
        p = after[0]
        start = sstart if sstart is not None and r.start() - sstart <= 40 else r.start()
        out.append(_fact(ctx, subject, start, p.end, "event_held", p.period.label, p.period,
                         qualifiers=(("name", r.group("name")),)))
    return out
