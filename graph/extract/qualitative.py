"""Qualitative events (fact kind ``event``): statements that carry no figure of their own. Called by events.py.

- ``trend``: a direction without a number, with a change basis or a streak ("our TV Internet services grew strongly
  year-over-year", "maintaining a year-over-year growth", "achieving a sequential growth of two consecutive
  quarters"); a figure right after ("growth of 20%") makes it a change, left to metrics.py.
- ``versus_consensus``: results against expectations ("Both total revenue and net profit beat consensus");
  qualifier ``outcome`` = above | below | in_line.
- ``reference_level``: a figure measured against a reference level ("surpassed the pre pandemic level in January
  2020", "already exceeded the net profit of last year"); the period is the one before the verb, not the
  reference's.
- ``established``: a named body or award set up ("we have set up the Acme Annual Technology Award"); value =
  the year the clause states (also the period), else the name; qualifier ``name``.
- ``joined``: a person hired ("we have successfully recruited Jane Doe"); subject = the person.
- ``plan``: a stated plan in reported speech ("said the company would keep pushing into ... and would expand ...").
- ``sales_performance``: "the flagship sold strongly through the quarter" (subject the product named in the
  clause, or for "the flagship"/"the phone" the one named last in the sentences before).
- ``outlook_demand``: "it expects solid demand for the mid-range Orbit A52" (object the first product after
  "for"; period the clause's, else the first later period the paragraph names after the document's, else none).
- ``disruption``: "A power cut caused by a winter storm in February halted the company's chip plant in Austin"
  (subject the facility, discovered as discovery.py names the issuer's facilities; value the cause).
- ``plan_adopted``: "This strategy was developed or defined in the last year in 2019" (value the year).
- ``brand_relaunch``: "Acme as a standalone smartphone brand has been re-launched early last year", "Zeta was
  spun off as an independent brand in January 2019" (subject the brand or company, value the period).
- ``launch_event``: "today introduced the Mi 11 Ultra ..., at an online launch event" (subject the product, value
  the kind of event, period the sentence's day or the document's date for "today").
- ``outlook_risk``: a warned risk ("warned that shortages of components could weigh on mobile earnings in the
  second quarter"); value = what could weigh, period = the one the sentence names.


The readers: ``resultstatements.py`` (trends, against consensus, reference levels), ``companystatements.py``
(set-ups, hires, adoptions, brand relaunches), ``outlookstatements.py`` (plans, risks, demand outlook),
``productstatements.py`` (sales performance, disruptions, launch events); the statement fact, its subject and
period: ``statementfacts.py``.
"""
from __future__ import annotations

from ..records import Fact
from .companystatements import _adoptions, _brand_relaunches, _hires, _setups
from .context import ExtractionContext
from .outlookstatements import _demand, _plans, _risks
from .productstatements import _disruptions, _launch_events, _sales
from .resultstatements import _consensus, _reference_levels, _trends
from .statementfacts import _cfg


def extract(ctx: ExtractionContext) -> list[Fact]:
    if not _cfg(ctx):
        return []
    out: list[Fact] = []
    for s in ctx.sentences:
        m = ctx.mentions(s)
        out.extend(_trends(ctx, s, m))
        out.extend(_consensus(ctx, s, m))
        out.extend(_reference_levels(ctx, s, m))
        out.extend(_setups(ctx, s, m))
        out.extend(_hires(ctx, s, m))
        out.extend(_plans(ctx, s, m))
        out.extend(_risks(ctx, s, m))
        out.extend(_sales(ctx, s, m))
        out.extend(_demand(ctx, s, m))
        out.extend(_disruptions(ctx, s, m))
        out.extend(_adoptions(ctx, s, m))
        out.extend(_brand_relaunches(ctx, s, m))
        out.extend(_launch_events(ctx, s, m))
    return out
