"""Golden files of the document model (tests/golden/segments/<file>.json): one summary per document.

``summarise`` is what a golden file holds for a document; ``score`` compares a file's documents with its golden
file field by field. Used by tests/test_segment.py (the registered corpus, compared exactly) and
tests/test_docmodel_golden.py (the broad development set, scored).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from marketgraph.graph.chrome import preview
from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.records import Document
from marketgraph.graph.segment import load_rules, segment
from marketgraph.graph.sources import SourceFile

PATHS = ProjectPaths.default()
GOLDEN = PATHS.root / "tests" / "golden" / "segments"
FIXTURE_GAZETTEER = GOLDEN / "gazetteer"
BROAD = PATHS.sources / "broad"
BROAD_SUFFIXES = (".txt", ".md", ".html")

# the fields a document is scored on (doc_id and first_line follow from them)
FIELDS = ("start", "end", "title", "genre", "date", "period", "publisher", "issuer", "role", "source", "market",
          "category", "fiscal", "turns", "chrome", "boilerplate")


def summarise(doc: Document, text: str) -> dict[str, Any]:
    p = doc.period
    return {
        "doc_id": doc.doc_id, "start": doc.start, "end": doc.end,
        "first_line": text[doc.start:doc.end].split("\n", 1)[0][:80],
        "title": doc.title, "genre": doc.genre, "date": doc.date,
        "period": None if p is None else [p.label, p.kind, str(p.start), str(p.end), p.fiscal_label],
        "publisher": doc.publisher, "issuer": doc.issuer.key if doc.issuer else None,
        "role": doc.role, "source": doc.source.key if doc.source else None,
        "market": doc.market.key if doc.market else None, "category": doc.category,
        "fiscal": None if doc.fiscal is None else [doc.fiscal.end_month, doc.fiscal.named_by_start],
        "chrome": [[s.start, s.end, preview(text, s)] for s in doc.chrome],
        "boilerplate": [[s.start, s.end, preview(text, s)] for s in doc.boilerplate],
        "turns": [[t.speaker, t.role, t.firm, t.title, t.start, t.end] for t in doc.turns],
    }


def golden_path(rel_or_name: str) -> Path:
    return GOLDEN / (Path(rel_or_name).name.rsplit(".", 1)[0] + ".json")


def broad_files() -> list[Path]:
    """The broad development documents present in this checkout (the corpus arrives separately)."""
    if not BROAD.is_dir():
        return []
    return sorted(p for p in BROAD.iterdir() if p.suffix in BROAD_SUFFIXES and not p.name.startswith("MANIFEST"))


def fixture_rules():
    return load_rules(PATHS, load_gazetteer(FIXTURE_GAZETTEER))


def broad_documents(path: Path, rules) -> tuple[list[Document], str]:
    text = path.read_text(encoding="utf-8")
    source = SourceFile(path=f"broad/{path.name}", corpus="broad", sha256="0" * 64)
    return segment(source, text, rules), text


def score(expected: list[dict[str, Any]], got: list[dict[str, Any]]) -> list[tuple[int, str]]:
    """(document index, field) of every difference; a missing or extra document is field "documents"."""
    wrong = [(i, f) for i, (e, g) in enumerate(zip(expected, got)) for f in FIELDS if e.get(f) != g.get(f)]
    if len(expected) != len(got):
        wrong.append((min(len(expected), len(got)), "documents"))
    return wrong
