"""`marketgraph extract`: run segmentation context + extraction on any text file, without a store."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from rdflib import Graph

from .iris import Iris
from .records import ExtractionResult, Fact
from .settings import Settings

FACT_COLUMNS = ["fact", "kind", "subject", "subjectLabel", "metric", "value", "unit", "period", "market",
                "source", "quote"]


def extract_files(settings: Settings, files: list[Path], *, genre: Optional[str] = None, date: Optional[str] = None,
                  title: Optional[str] = None, publisher: Optional[str] = None) -> list[ExtractionResult]:
    from .extract.pipeline import extract_document
    from .gazetteer import load_gazetteer
    from .segment import documents_for_file

    gazetteer = load_gazetteer(settings.paths.gazetteer)
    results = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        for doc in documents_for_file(settings, path, text, genre=genre, date=date, title=title, publisher=publisher):
            results.append(extract_document(doc, text, gazetteer))
    return results


def fact_rows(settings: Settings, result: ExtractionResult) -> list[dict[str, Optional[str]]]:
    """The facts in the columns of queries/facts.rq."""
    iris = Iris(settings.base_iri)
    return [_row(iris, f) for f in result.facts]


def _row(iris: Iris, f: Fact) -> dict[str, Optional[str]]:
    return {
        "fact": str(iris.fact(f.fact_id)),
        "kind": f.kind,
        "subject": str(iris.entity(f.subject.kind, f.subject.key)),
        "subjectLabel": f.subject.label,
        "metric": str(iris.metric(f.metric)) if f.metric else None,
        "value": None if f.value is None else str(f.value),
        "unit": f.unit,
        "period": f.period.label if f.period else None,
        "market": f.market.label if f.market else None,
        "source": f.source.label if f.source else None,
        "quote": f.evidence.quote,
    }


def facts_turtle(settings: Settings, results: list[ExtractionResult]) -> str:
    from .gazetteer import load_gazetteer
    from .iris import PREFIXES
    from .mapper import map_document

    gazetteer = load_gazetteer(settings.paths.gazetteer)
    iris = Iris(settings.base_iri)
    g = Graph()
    for p, ns in PREFIXES.items():
        g.bind(p, ns)
    for res in results:
        g += map_document(res.document, res.facts, gazetteer, iris)
    return g.serialize(format="turtle")
