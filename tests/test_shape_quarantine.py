"""A fact whose own graph breaks a shape is held back (an unresolved candidate of its document); the document's other
facts are published. A violation no fact causes still rejects the document."""
from __future__ import annotations

import typing
from datetime import date
from decimal import Decimal

import pytest

import marketgraph.graph.extract.pipeline as pipeline
from marketgraph.graph.docpipeline import DocPipeline, Task
from marketgraph.graph.records import Document, EntityRef, Evidence, ExtractionResult, Fact, Period
from marketgraph.graph.settings import Settings

TEXT = "Corvane Labs reported revenue of EUR 812 million for the quarter. The handset got 4 mm thinner."
Q2 = Period("2032-Q2", "quarter", date(2032, 4, 1), date(2032, 6, 30))
ISSUER = EntityRef("corvane-labs", "organisation", "Corvane Labs", ("Company",))


def ev(quote: str) -> Evidence:
    start = TEXT.index(quote)
    return Evidence("test/corvane.txt", start, start + len(quote), quote)


def document(genre: str = "results_release") -> Document:
    return Document("corvane-2032-q2", "test/corvane.txt", 0, len(TEXT), "Corvane Labs second quarter 2032",
                    typing.cast(typing.Any, genre), "2032-07-30", "Corvane Labs", ISSUER, Q2)


GOOD = Fact("metric", "corvane-2032-q2", ISSUER, ev("revenue of EUR 812 million"), metric="revenue",
            value=Decimal("812000000"), unit="EUR", period=Q2)
# a change in millimetres: no change the ontology knows (relative, or absolute in a currency or a count)
BAD = Fact("change", "corvane-2032-q2", ISSUER, ev("got 4 mm thinner"), metric="revenue", value=Decimal("-4"),
           unit="mm", period=Q2)


@pytest.fixture(scope="module")
def pipe(tmp_path_factory) -> DocPipeline:
    return DocPipeline(Settings(store=tmp_path_factory.mktemp("q") / "store"))


def run_with(pipe: DocPipeline, monkeypatch, doc: Document, facts: list[Fact]):
    monkeypatch.setattr(pipeline, "extract_document", lambda d, text, gaz: ExtractionResult(d, list(facts)))
    return pipe.run(Task(doc, TEXT, "0" * 64))


def test_the_fact_that_breaks_a_shape_is_held_back_and_the_rest_published(pipe, monkeypatch):
    result = run_with(pipe, monkeypatch, document(), [GOOD, BAD])
    assert result.publishable, result.violations
    assert [f.fact_id for f in result.facts] == [GOOD.fact_id]
    assert len(result.held_back) == 1 and result.held_back[0].startswith("breaks the shapes: A change is in")
    assert result.unresolved == 1
    nt = result.own_nt.decode("utf-8")
    assert "UnresolvedCandidate" in nt and "got 4 mm thinner" in nt and "breaks the shapes" in nt
    assert f"/fact/{BAD.fact_id}>" not in nt and f"/fact/{GOOD.fact_id}>" in nt


def test_a_document_whose_facts_all_break_a_shape_is_rejected(pipe, monkeypatch):
    result = run_with(pipe, monkeypatch, document(), [BAD])
    assert not result.publishable and result.violations and not result.held_back


def test_a_violation_of_the_document_itself_rejects_it(pipe, monkeypatch):
    result = run_with(pipe, monkeypatch, document("memo"), [GOOD])
    assert not result.publishable
    assert any("genre" in v for v in result.violations)


def test_a_conforming_document_holds_nothing_back(pipe, monkeypatch):
    result = run_with(pipe, monkeypatch, document(), [GOOD])
    assert result.publishable and result.held_back == [] and result.unresolved == 0
