"""A company's own release or call as a dated event (graph/extract/announcements.py, called by events.py), on
invented documents in the date-line forms of releases and transcripts."""
from __future__ import annotations

import pytest

from marketgraph.graph.extract.pipeline import extract_document
from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.records import Document, Turn


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer(ProjectPaths.default().gazetteer)


def own(gaz, text, genre, date, role="first_party", turns=()):
    doc = Document("d", "d.txt", 0, len(text), "t", genre, date=date, issuer=gaz.ref("xiaomi"),  # type: ignore[arg-type]
                   role=role, turns=turns)
    facts = extract_document(doc, text, gaz, only=["events"]).facts
    return [(f.metric, f.value, f.subject.key, f.evidence.quote) for f in facts
            if f.metric in ("results_announcement", "earnings_call", "announcement")]


@pytest.mark.parametrize("line", [
    "SAN JOSE, Calif., Nov. 8, 2023 (GLOBE NEWSWIRE) -- Orvik Systems today reported results.",
    "**AUSTIN, Texas — August 29, 2023** — Orvik today reported results.",
    "Lysekil, 18 July 2023",
])
def test_a_results_release_is_announced_on_its_date_line(gaz, line):
    text = (f"Orvik reports third-quarter results\n\n{line}\n\nRevenue grew 12% to $1.2 billion. Margins held. "
            "Cash rose. Orders grew.\n")
    got = own(gaz, text, "results_release", "2023-11-08" if "Nov" in line else
              "2023-08-29" if "August" in line else "2023-07-18")
    assert len(got) == 1 and got[0][0] == "results_announcement" and got[0][2] == "xiaomi"
    assert got[0][3] in line and got[0][1] in ("2023-11-08", "2023-08-29", "2023-07-18")


def test_a_call_is_dated_by_its_header_not_by_the_posting_line(gaz):
    head = ("By Market Transcripts | Posted Aug 4, 2023 6:12 PM ET\n\nOrvik Systems Q2 2023 Earnings Call\n"
            "Aug 3, 2023, 4:30 p.m. ET\n\nOperator\n\n")
    said = "Good afternoon and welcome to the Orvik Systems Second Quarter 2023 Earnings Call."
    text = head + said + "\n"
    turns = (Turn("Operator", "operator", len(head), len(text) - 1),)
    got = own(gaz, text, "earnings_call", "2023-08-03", turns=turns)
    assert got == [("earnings_call", "2023-08-03", "xiaomi", "Aug 3, 2023")]


@pytest.mark.parametrize("genre, role", [("news", "third_party"), ("product_release", "first_party"),
                                         ("shareholder_letter", "first_party")])
def test_no_own_event_for_other_documents(gaz, genre, role):
    text = "Headline\n\nOSLO, 3 May 2024 - Orvik Systems said it would grow.\n"
    assert own(gaz, text, genre, "2024-05-03", role=role) == []


def test_the_date_line_must_carry_the_documents_date(gaz):
    text = "Orvik reports results\n\nOSLO, 2 May 2024 (WIRE) Orvik Systems reported results.\n"
    assert own(gaz, text, "results_release", "2024-05-03") == []
