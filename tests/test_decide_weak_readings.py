"""A figure whose text gives only its value -- subject and period guessed, measure minted from its own words -- goes
to the unresolved list (graph/extract/decide.py only_value_read,
docs/decisions/2026-12-07-abstain-on-weak-subjects.md). Each case has a twin where one slot is read from the text
and the figure is published. Invented company and figures."""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from marketgraph.graph.extract.decide import decide
from marketgraph.graph.extract.framemodel import Frame
from marketgraph.graph.records import EntityRef, Evidence, Period

TORVIK = EntityRef("torvik", "organisation", "Torvik Devices Ltd.", ("Company",))
Q2 = Period("2024-Q2", "quarter", date(2024, 4, 1), date(2024, 6, 30))
EV = Evidence("t.txt", 0, 27, "Partner kiosks reached 1,240")


def frame(**kw) -> Frame:
    base = Frame("metric", None, (0, 27), metric="partner-kiosks", metric_label="partner kiosks",  # type: ignore[arg-type]
                 metric_how="minted", metric_minted=True, subject=TORVIK, subject_how="issuer-default", period=Q2,
                 period_how="document", value=Decimal(1240), unit="kiosks")
    return replace(base, **kw)


def test_a_minted_measure_with_a_guessed_subject_and_period_is_not_published():
    facts, unresolved = decide("t", [(frame(), EV)])
    assert facts == []
    assert [u.reason for u in unresolved] == ["only the value is read: subject and period guessed, measure not known"]


@pytest.mark.parametrize("change", [
    dict(subject_how="explicit"),                                      # "Torvik's partner kiosks reached 1,240"
    dict(period_how="explicit"),                                       # "... reached 1,240 at the end of June"
    dict(metric="revenue", metric_label=None, metric_how="explicit", metric_minted=False),   # a known measure
    dict(period_how="document-date", period=Period("2024-08-02", "instant", date(2024, 8, 2), date(2024, 8, 2))),
    dict(metric_how="per-share", metric_minted=False),                 # "or $0.71 per diluted share"
])
def test_one_slot_read_from_the_text_publishes_it(change):
    facts, unresolved = decide("t", [(frame(**change), EV)])
    assert len(facts) == 1 and unresolved == [], unresolved
