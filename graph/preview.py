"""`marketgraph extract`: read, segment and extract any file as `add` would, without a store.

The facts come in the columns of queries/facts.rq; the unresolved candidates (figures whose subject, period or
metric the text did not resolve, so they are not published) with the reason and what was resolved.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from rdflib import Graph

from .iris import Iris
from .records import ExtractionResult, Fact
from .settings import Settings

FACT_COLUMNS = ["fact", "kind", "subject", "subjectLabel", "metric", "value", "unit", "period", "market",
                "source", "quote"]
CANDIDATE_COLUMNS = ["document", "reason", "value", "unit", "metric", "subject", "period", "start", "end", "quote"]


def extract_files(settings: Settings, files: list[Path], *, genre: Optional[str] = None, date: Optional[str] = None,
                  title: Optional[str] = None, publisher: Optional[str] = None) -> list[ExtractionResult]:
    """Each file read by ``graph/read`` (text, Markdown, HTML main content, PDF text layer), segmented and
    extracted; the evidence offsets index the text as read."""
    from .extract.pipeline import extract_document
    from .gazetteer import load_gazetteer
    from .read import read_path
    from .segment import documents_for_file

    gazetteer = load_gazetteer(settings.paths.gazetteer)
    results = []
    for path in files:
        text = read_path(path).text
        for doc in documents_for_file(settings, path, text, genre=genre, date=date, title=title, publisher=publisher):
            results.append(extract_document(doc, text, gazetteer, paths=settings.paths))
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


def candidate_rows(result: ExtractionResult) -> list[dict[str, Optional[str]]]:
    """The unresolved candidates of one document: why each was not published and what the text did resolve
    (``None`` where it resolved nothing)."""
    out = []
    for c in result.unresolved or ():
        subject = getattr(c, "subject", None)
        period = getattr(c, "period", None)
        value = getattr(c, "value", None)
        out.append({
            "document": result.document.doc_id,
            "reason": c.reason,
            "value": None if value is None else str(value),
            "unit": getattr(c, "unit", None),
            "metric": getattr(c, "metric", None),
            "subject": subject.label if subject is not None else None,
            "period": getattr(period, "label", period),
            "start": str(c.evidence.start),
            "end": str(c.evidence.end),
            "quote": c.evidence.quote,
        })
    return out


def facts_turtle(settings: Settings, results: list[ExtractionResult]) -> str:
    """The documents' graphs as the build maps them: facts, and the unresolved candidates (never facts)."""
    from .gazetteer import load_gazetteer
    from .iris import PREFIXES
    from .mapper import map_document

    gazetteer = load_gazetteer(settings.paths.gazetteer)
    iris = Iris(settings.base_iri)
    g = Graph()
    for p, ns in PREFIXES.items():
        g.bind(p, ns)
    for res in results:
        g += map_document(res.document, res.facts, gazetteer, iris, candidates=res.unresolved or ())
    return g.serialize(format="turtle")
