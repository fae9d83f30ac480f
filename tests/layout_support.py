"""Helpers for the tests of tables, lists and "Label: value" lines: a document of our own, read as a user's file
(document model, layout view, the measures extractor), and its facts as comparable tuples."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Optional

from marketgraph.graph.extract.pipeline import extract_document
from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.read import read_path
from marketgraph.graph.records import Fact
from marketgraph.graph.segment import documents_for_file

PATHS = ProjectPaths.default()
GAZ = load_gazetteer(PATHS.gazetteer)


def read(tmp_path: Path, text: str, name: str = "doc.txt", genre: Optional[str] = None,
         date: Optional[str] = None) -> list[Fact]:
    """The measures extractor's facts of ``text`` written to a file of that name and read as a user's file is
    (every quote checked against the text as read)."""
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    text = read_path(p).text                   # HTML: main content, tables as "| a | b |" lines
    out: list[Fact] = []
    for doc in documents_for_file(PATHS, p, text, genre=genre, date=date):
        for f in extract_document(doc, text, GAZ, paths=PATHS, only=["measures"]).facts:
            assert text[f.evidence.start:f.evidence.end] == f.evidence.quote
            out.append(f)
    return out


def laid(facts: list[Fact], layout: str) -> list[Fact]:
    return [f for f in facts if f.qualifier("layout") == layout]


def row(f: Fact) -> tuple:
    """(kind, subject label, metric, value, unit, period label)."""
    return (f.kind, f.subject.label, f.metric, f.value, f.unit, f.period.label if f.period else None)


def D(x: str) -> Decimal:
    return Decimal(x)
