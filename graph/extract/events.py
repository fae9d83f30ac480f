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

The readers: ``datelines.py`` (datelines, a call's name), ``listentries.py`` (list entries and debuts),
``foundingevents.py`` (market entries, founding, listing, beginnings), ``recordevents.py`` (records,
milestones), ``occasionevents.py`` (speeches, anniversaries, held events); the event fact, cues and written
dates: ``eventfacts.py``.
"""
from __future__ import annotations

import re

from ..records import Fact
from . import actions, qualitative
from .context import ExtractionContext
from .datelines import datelines
from .eventfacts import _words, launches_read_dated_events
from .foundingevents import _founding, _market_entries
from .listentries import _lists
from .occasionevents import _anniversaries, _held, _speeches
from .recordevents import _records


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
