"""A statement's own day ("said on Wednesday") dates the statement, not the figure it reports; a figure followed by
"the average estimate of analysts" is their expectation (frames.yaml modality_consensus_after)
(graph/extract/periodclauses.py event_date, cues.yaml statement_date_cues). Invented company and figures."""
from __future__ import annotations

from datetime import date

from marketgraph.graph.extract.pipeline import extract_document
from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.records import Document, EntityRef, Period

GAZ = load_gazetteer(ProjectPaths.default().gazetteer)
TORVIK = EntityRef("torvik", "organisation", "Torvik Devices Ltd.", ("Company",))
Q2 = Period("2024-Q2", "quarter", date(2024, 4, 1), date(2024, 6, 30))


def periods(text: str) -> dict[str, str]:
    doc = Document(doc_id="t", source_file="t.txt", start=0, end=len(text), title="t", genre="news",  # type: ignore[arg-type]
                   date="2024-08-07", issuer=TORVIK, period=Q2, role="third_party")  # type: ignore[arg-type]
    res = extract_document(doc, text, GAZ)
    return {str(f.value): f.period.label for f in res.facts if f.period is not None and f.kind in ("metric", "change")}


def test_the_day_a_company_said_something_is_not_its_figures_period():
    got = periods("Torvik Devices results beat forecasts\n\nTorvik Devices said on Wednesday its revenue rose 14% "
                  "from a year earlier, helped by routers.\n")
    assert got.get("14") == "2024-Q2", got


def test_a_day_that_is_the_figures_own_still_dates_it():
    got = periods("Torvik Devices opens store\n\nTorvik Devices sold 12,000 routers on Saturday, its busiest day.\n")
    assert got.get("12000") == "2024-08-03", got


def test_a_figure_followed_by_the_analysts_average_estimate_is_their_expectation():
    text = ("Torvik Devices beats forecasts\n\nTorvik Devices said its revenue rose 9% to $310 million in the second "
            "quarter, above the $300 million average estimate of analysts.\n")
    doc = Document(doc_id="t", source_file="t.txt", start=0, end=len(text), title="t", genre="news",  # type: ignore[arg-type]
                   date="2024-08-07", issuer=TORVIK, period=Q2, role="third_party")  # type: ignore[arg-type]
    got = {str(f.value): f.qualifier("modality") for f in extract_document(doc, text, GAZ).facts}
    assert got.get("300000000") == "consensus", got      # the analysts' figure, not the company's revenue
    assert got.get("310000000") is None, got
