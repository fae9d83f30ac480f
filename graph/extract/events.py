"""Dated events (fact kind ``event``): list entries, market entries, founding and listing, records and milestones,
speeches, conferences; datelines, anniversaries and held events.

- List entries: an entry cue ("made", "debut on", "inaugural entry into", "entered") before a list name built on
  a ranking body ("2019 Fortune Global 500 List", "BrandZ's global brand TOP100"); coordinated lists share the
  cue; value = the list's name, source = its body. An entry stated as a rank ("..., ranking 74th", "made Derwent
  Top 100") or as a count of entries ("our second entry") is left to rankings/counts.
- Market entries: "<subject> entered <market list>" (one event per market, value = the date or the market);
  "entered the markets of <categories>" (one event, value = the category list).
- Founding, listing and beginnings: "founded ... in 2008", "listed ... on July 9, 2018", "Acme's exploration
  began in 2016" (the date follows the verb); a fronted "Founded ..., the institute" resolves the noun to the
  organisation named before.
- Qualitative events without a figure (trends, results against consensus, reference levels, set-ups, hires,
  stated plans, outlooks, warned risks, disruptions, adoptions, brand relaunches): graph/extract/qualitative.py,
  called from here. A set-up, beginning or disruption that launches.yaml's dated-event cues also read is left to
  launches.py (``launches_overlap`` in events.yaml).
- Records: "a quarterly record", "record high", a superlative with a record scope ("the highest total revenue
  since founding"); milestones: a figure passed "for the first time", "our first dividend since listing".
- Speeches at a named venue; a product release about a conference dates it; an earnings call names itself.
- A company's own release or call is an event on its date (announcements.py), dated by its date line; dated company
  actions (a production start, a facility completed, a deal agreed or closing, the next report): actions.py.
- Datelines ("PLACE, DATE –" of results releases and results news, a letter's closing date, "Published:" lines),
  anniversaries with a date, held events and dated market entries: read here only while launches.yaml has no
  ``events`` section (launches.py reads them then), so each is stated once.

Every cue word lives in ``mappings/patterns/events.yaml``.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Optional

from ..iris import slugify
from ..records import EntityRef, Fact, Period
from . import actions, announcements, qualitative
from .context import ExtractionContext, Mentions
from .patterns import alternation
from .periods import day, year
from .quantities import Quantity
from .entitylists import list_items, subject_before
from .clauses import clause_bounds, frame_period, period_for
from .text import Sentence


def _cfg(ctx: ExtractionContext) -> dict:
    return ctx.patterns["events"]


def _months(ctx: ExtractionContext) -> dict[str, int]:
    return {str(k).lower(): int(v) for k, v in (ctx.patterns["periods"].get("months") or {}).items()}


def _words(ctx: ExtractionContext, key: str) -> list[str]:
    return [str(w) for w in _cfg(ctx).get(key) or []]


def date_regex(ctx: ExtractionContext) -> re.Pattern[str]:
    """Dates written out: "27 November 2019", "November 19, 2019", "Nov 24", "April 6th" (year optional)."""
    mon = alternation(_months(ctx).keys())
    wd = alternation((ctx.patterns["periods"].get("weekdays") or {}).keys())
    return re.compile(
        rf"(?:(?:{wd}),?\s+)?(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{mon})\.?(?:,?\s+(?P<y1>\d{{4}}))?"
        rf"|(?P<m2>{mon})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y2>\d{{4}}))?)(?![\w])",
        re.IGNORECASE)


def parse_date(ctx: ExtractionContext, m: re.Match[str], ref: Optional[str], future: bool = False) -> Optional[date]:
    """The date of a ``date_regex`` match; a missing year is the reference date's (the next one when ``future``)."""
    months = _months(ctx)
    d = int(m.group("d1") or m.group("d2"))
    mo = months[(m.group("m1") or m.group("m2")).lower().rstrip(".")]
    y = m.group("y1") or m.group("y2")
    try:
        if y:
            return date(int(y), mo, d)
        if not ref or len(ref) < 4:
            return None
        out = date(int(ref[:4]), mo, d)
        if future and len(ref) == 10 and out < date.fromisoformat(ref):
            out = date(out.year + 1, mo, d)
        return out
    except ValueError:
        return None


def _fact(ctx: ExtractionContext, subject: EntityRef, start: int, end: int, metric: str, value,
          period: Optional[Period] = None, **kw) -> Fact:
    return Fact("event", ctx.doc.doc_id, subject, ctx.evidence(start, end), metric=metric, value=value,
                period=period, **kw)


def _period_at(ctx: ExtractionContext, m: Mentions, s: Sentence, start: int, end: int) -> Optional[Period]:
    lo, hi = clause_bounds(ctx, s, start)
    q = Quantity(start, end, Decimal(0), Decimal(0), "number")
    return period_for(ctx, m, q, s.start, s.end, clause=(lo, hi))


def _as_year(p: Optional[Period]) -> Optional[Period]:
    if p is None or p.kind == "year" or p.start is None:
        return p
    return year(p.start.year)


def _is_headline(ctx: ExtractionContext, s: Sentence) -> bool:
    return not re.search(r"[.!?。][\"”’)]*\s*$", s.text)


# ---------------------------------------------------------------- datelines

def _line_of(ctx: ExtractionContext, pos: int) -> tuple[int, int]:
    a = ctx.text.rfind("\n", ctx.doc.start, pos) + 1
    a = max(a, ctx.doc.start)
    b = ctx.text.find("\n", pos, ctx.doc.end)
    return a, (ctx.doc.end if b < 0 else b)


def launches_read_dated_events(ctx: ExtractionContext) -> bool:
    """Whether launches.py reads datelines and dated company events (its ``events`` section in launches.yaml):
    then this module leaves them to it, so nothing is stated twice."""
    return bool(ctx.patterns["launches"].get("events"))


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


# ---------------------------------------------------------------- sentences

def extract(ctx: ExtractionContext) -> list[Fact]:
    facts = datelines(ctx)
    for s in ctx.sentences:
        m = ctx.mentions(s)
        facts.extend(_lists(ctx, s, m))
        facts.extend(_market_entries(ctx, s, m))
        facts.extend(_founding(ctx, s, m))
        facts.extend(_records(ctx, s, m))
        facts.extend(_speeches(ctx, s, m))
        if not launches_read_dated_events(ctx):
            facts.extend(_anniversaries(ctx, s, m))
            facts.extend(_held(ctx, s, m))
    facts.extend(qualitative.extract(ctx))
    facts.extend(actions.extract(ctx))
    return [f for f in facts if not _read_by_launches(ctx, f)]


def _read_by_launches(ctx: ExtractionContext, f: Fact) -> bool:
    """Whether launches.py's dated-event cues (launches.yaml ``events.cues``) state this fact's sentence too: one
    of its cues inside the fact's quote, a date it takes in the sentence, no figure it skips (see launches.py)."""
    if f.metric not in set(_words(ctx, "launches_overlap")) or not launches_read_dated_events(ctx):
        return False
    cfg = ctx.patterns["launches"].get("events") or {}
    s = next((x for x in ctx.sentences if x.start <= f.evidence.start < x.end), None)
    if s is None:
        return False
    m = ctx.mentions(s)
    if any(q.kind in set(cfg.get("skip_with_quantities") or []) for q in m.quantities):
        return False
    for c in cfg.get("cues") or []:
        if not re.search(str(c.get("cue")), f.evidence.quote):
            continue
        kinds = ("day", "month", "year") if c.get("years") else ("day", "month")
        if any(p.how == "explicit" and p.period.kind in kinds for p in m.periods):
            return True
    return False


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


def _market_entries(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    text = ctx.text
    verbs = re.compile(rf"\b(?:{alternation(_words(ctx, 'market_entry_verbs'))})\b", re.IGNORECASE)
    fillers = alternation(_words(ctx, "market_entry_fillers"))
    gap_rx = re.compile(rf"(?:\s+|\s*,\s*)(?:(?:{fillers})\b[\s,]*)*", re.IGNORECASE)
    cats = alternation(_words(ctx, "category_market_openers"))
    out: list[Fact] = []
    for v in verbs.finditer(text, s.start, s.end):
        if re.match(r"\s+into\s+(?:an?|the)\s+(?:agreement|partnership|contract|deal)", text[v.end():v.end() + 40]):
            continue
        lo, hi = clause_bounds(ctx, s, v.start())
        subject, sstart = subject_before(ctx, m, lo, v.start())
        if subject is None:
            continue
        g = gap_rx.match(text, v.end(), hi)
        pos = g.end() if g else v.end()
        markets = [e for e in m.entities if e.kind == "market" and e.start == pos]
        chain = list_items(ctx, m, pos, hi, kinds=("market",), discover_kind=None) if markets else []
        if chain:
            end = chain[-1][1]
            when = _near_period(ctx, m, s, v.start(), end, lo, hi)
            if when is not None and when.kind in ("day", "month", "year") and launches_read_dated_events(ctx):
                continue  # launches.py reads dated entries (kind event, metric market_entry)
            for a, b, ref in chain:
                value = when.label if when is not None else ref.label
                start = sstart if sstart is not None and v.start() - sstart <= 60 else v.start()
                out.append(_fact(ctx, subject, start, max(end, b), "market_entry", value, when, market=ref))
            continue
        c = re.match(rf"\s+(?:officially\s+)?(?:{cats})\s+", text[v.end():hi], re.IGNORECASE)
        if c:
            a = v.end() + c.end()
            stop = min([p.start for p in m.periods if p.start > a] + [hi])
            items = re.match(r"[a-z][\w -]{1,30}?(?:(?:,\s*|\s+and\s+|,\s*and\s+)[a-z][\w -]{1,30}?)*(?=\s*[,.;]|\s*$)",
                             text[a:stop])
            if items and all(len(i.split()) <= 3 for i in re.split(r",\s*(?:and\s+)?|\s+and\s+", items.group(0))):
                start = sstart if sstart is not None and v.start() - sstart <= 60 else v.start()
                after = next((p.period for p in m.periods if 0 <= p.start - (a + items.end()) <= 3), None)
                if re.search(verbs.pattern, text[start:v.start()], re.IGNORECASE):
                    start = v.start()  # "X entered Japan in 2018 and entered the markets of ...": this entry only
                out.append(_fact(ctx, subject, start, a + items.end(), "market_entry", items.group(0).strip(), after))
    return out


def _near_period(ctx: ExtractionContext, m: Mentions, s: Sentence, a: int, b: int, lo: int,
                 hi: int) -> Optional[Period]:
    """An explicit period in the clause, nearest to [a, b) (before or after)."""
    cands = [p for p in m.periods if lo <= p.start and p.end <= hi and p.how == "explicit"]
    if not cands:
        return None
    return min(cands, key=lambda p: a - p.end if p.end <= a else p.start - b if p.start >= b else 0).period


def _founding(ctx: ExtractionContext, s: Sentence, m: Mentions) -> list[Fact]:
    text = ctx.text
    out: list[Fact] = []
    adj = alternation(_words(ctx, "verb_date_adjuncts"))
    for key, words in (("founded", "founding_verbs"), ("listing", "listing_verbs"), ("began", "start_verbs")):
        rx = re.compile(rf"(?<![\w-])(?:{alternation(_words(ctx, words))})\b", re.IGNORECASE)
        for v in rx.finditer(text, s.start, s.end):
            lo, hi = clause_bounds(ctx, s, v.start())
            after = [p for p in m.periods if p.start >= v.end() and p.end <= s.end and p.how == "explicit"]
            if not after:
                continue
            p = after[0]
            gap = text[v.end():p.start]
            if len(gap) > 70 or not re.fullmatch(rf"(?:\s+(?:{adj})\b[^,;.:]*?)?\s*(?:\b(?:in|on)\s+)?", gap,
                                                 re.IGNORECASE):
                continue
            subject = _fronted_subject(ctx, m, s, v.start(), p.end)
            sstart = None
            if subject is None:
                subject, sstart = subject_before(ctx, m, lo, v.start())
            if subject is None:
                continue
            start = sstart if sstart is not None and v.start() - sstart <= 60 else v.start()
            out.append(_fact(ctx, subject, start, p.end, key, p.period.label, p.period))
    return out


def _fronted_subject(ctx: ExtractionContext, m: Mentions, s: Sentence, vstart: int, pend: int) -> Optional[EntityRef]:
    """"Founded after ... in 2008, the institute is ...": the noun after the participle clause, resolved to the
    last organisation named before whose label has that noun (or the issuer for "the company")."""
    text = ctx.text
    if not re.fullmatch(r"\W*", text[s.start:vstart]):
        return None
    c = re.match(r"[^,]*,\s+(?:the|this|our|its)\s+(?P<noun>[a-z]+)\b", text[pend:s.end])
    if c is None:
        named = [e for e in m.entities if e.start > pend and re.fullmatch(r"[^,]*,\s*", text[pend:e.start])]
        return ctx.entity(named[0]) if named and named[0].kind != "market" else None
    noun = c.group("noun").lower()
    if noun in [w.lower() for w in ctx.patterns["relations"].get("issuer_nouns") or []] and ctx.issuer is not None:
        return ctx.issuer
    for prev in reversed([x for x in ctx.sentences if x.end <= s.start][-4:]):
        for e in reversed(ctx.mentions(prev).entities):
            if e.kind == "organisation" and noun in ctx.entity(e).label.lower():
                return ctx.entity(e)
    return None


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
