"""Entity-to-entity relations (fact kind ``relation``; ``metric`` = the relation key, ``object`` = the other entity).

- Channel lists: a channel noun phrase ("online channels", "major European operators", "off-line channels"),
  an introducer ("like", "such as", "including almost everyone,") and a list of names: one relation per name
  (``online_channel``, ``retail_partner``, ``carrier_partner``); subject the issuer, object the partner. The
  market is one named right after the partner ("Cdiscount in Ghana"), else inside the channel phrase
  ("European operators"), else earlier in the sentence, else the paragraph's first market (its topic).
- Partners: "Partnering with X, <subject> ..." (X ``partner_of`` the main subject) and "<subject> collaborated
  with / works with [descriptor] X" (the subject ``partner_of`` X).
- Co-development: "jointly developed by A and B" (the partner ``co_developer`` of the issuer).
- Regional versions: "the overseas version of A, B" and "B, the global version of A" (B ``regional_version_of`` A).
- Locations: "<Place>-based <organisation noun>" and "based in / headquartered in <Place>" (``located_in``); a
  facility discovered with its place ("its own smart factory in Yizhuang"); operations set up in a place ("set up
  its local operations in Bengaluru": the company's unit in the market the sentence names).
- Sales drivers: "as brisk sales of Orbit S21 smartphones ... more than made up for ..." (the company
  ``sales_driver`` the product, with the clause's period).
- Fund founders: "A and B have established a 12 billion fund" (the fund ``established_by`` each founder other
  than the company whose fund discovery already made it).

Names not in the gazetteer are discovered when they look like names (capitalised, or a web address). Every
cue word lives in ``mappings/patterns/relations.yaml``.

The readers: ``partnerrelations.py`` (channel lists, partners, co-developers, fund founders),
``productrelations.py`` (regional versions, sales drivers), ``locationrelations.py`` (locations, segments that
house a business, facilities, operation bases); the names a clause lists: ``entitylists.py``.
"""
from __future__ import annotations

from ..records import Fact
from .context import ExtractionContext
from .locationrelations import _facility_places, _houses, _locations, _operation_bases
from .partnerrelations import _channel_lists, _codevelopers, _fund_founders, _partners
from .productrelations import _sales_drivers, _versions


def extract(ctx: ExtractionContext) -> list[Fact]:
    facts: list[Fact] = []
    for s in ctx.sentences:
        m = ctx.mentions(s)
        facts.extend(_channel_lists(ctx, s, m))
        facts.extend(_partners(ctx, s, m))
        facts.extend(_codevelopers(ctx, s, m))
        facts.extend(_versions(ctx, s, m))
        facts.extend(_locations(ctx, s, m))
        facts.extend(_houses(ctx, s, m))
        facts.extend(_facility_places(ctx, s, m))
        facts.extend(_operation_bases(ctx, s, m))
        facts.extend(_fund_founders(ctx, s, m))
        facts.extend(_sales_drivers(ctx, s, m))
    return facts
