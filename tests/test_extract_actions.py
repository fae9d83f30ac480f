"""Dated company actions (graph/extract/actions.py, called by events.py) on invented sentences: production starts,
facilities completed, deals agreed and closing, the next report, calls; another company's action is not read."""
from __future__ import annotations

import pytest

from marketgraph.graph.extract.pipeline import extract_document
from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.records import Document

ACTIONS = {"production_start", "facility_completed", "completed", "acquisition_agreement", "deal_closing",
           "next_report", "results_call"}


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer(ProjectPaths.default().gazetteer)


def actions(gaz, text, date="2024-02-02"):
    doc = Document("d", "d.txt", 0, len(text), "t", "results_release", date=date, issuer=gaz.ref("xiaomi"),  # type: ignore[arg-type]
                   role="first_party")
    facts = extract_document(doc, text, gaz, only=["events"]).facts
    return [(f.metric, f.value, f.period.label if f.period else None, f.qualifier("modality"), f.evidence.quote)
            for f in facts if f.metric in ACTIONS]


@pytest.mark.parametrize("text, expected", [
    ("At the Hanoi plant, mass production is scheduled to begin in April 2024.",
     ("production_start", "2024-04", None, "guidance", "mass production is scheduled to begin in April 2024")),
    ("The new cell line should start production in the first half of 2025.",
     ("production_start", "2025", "2025-H1", "guidance", "start production in the first half of 2025")),
    ("In September 2023 we completed our new assembly facility in Tromsø.",
     ("facility_completed", "2023-09", None, None, "In September 2023 we completed our new assembly facility")),
    ("The closure of the plant in Borås, which was completed in June 2023, cut costs.",
     ("completed", "2023-06", None, None, "closure of the plant in Borås, which was completed in June 2023")),
    ("On 4 January 2024, the company agreed to acquire Holm Akustik ApS.",
     ("acquisition_agreement", "2024-01-04", None, None, "4 January 2024, the company agreed to acquire")),
    ("The transaction is expected to close in the first quarter of 2024.",
     ("deal_closing", "2024", "2024-Q1", "guidance", "transaction is expected to close in the first quarter of 2024")),
    ("Our next report is due on 27 April.", ("next_report", "2024-04-27", None, "guidance",
                                             "next report is due on 27 April")),
    ("We will host a conference call to discuss these results today.",
     ("results_call", "2024-02-02", None, "guidance", "host a conference call to discuss these results today")),
])
def test_dated_actions(gaz, text, expected):
    assert actions(gaz, text) == [expected]


@pytest.mark.parametrize("text", [
    "Production rose 12% in the quarter.",                                  # no start cue
    "We completed the year with strong cash flow in December 2023.",        # "completed" without a facility
    "Mass production will begin soon.",                                     # no date
    "Lenovo agreed to acquire a supplier on 3 March 2024.",                 # another company's action
])
def test_no_dated_action(gaz, text):
    assert actions(gaz, text) == []
