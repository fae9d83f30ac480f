"""Run segmentation + extraction + scoring over given texts (the registry's files, perturbed or not, or new files)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from marketgraph.graph.evaluate import EvalReport, GoldRow, evaluate
from marketgraph.graph.extract.pipeline import extract_document
from marketgraph.graph.gazetteer import Gazetteer
from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.records import Document, Fact
from marketgraph.graph.segment import documents_for_file, load_rules, segment
from marketgraph.graph.sources import SourceFile, load_registry, read_source


@dataclass
class Run:
    facts: list[Fact]
    texts: dict[str, str]          # source path -> the text the pipeline read
    documents: list[Document]

    def score(self, gold: list[GoldRow], gazetteer: Gazetteer) -> EvalReport:
        return evaluate(self.facts, gold, self.texts, gazetteer)


def registered(paths: ProjectPaths, corpora: tuple[str, ...]) -> list[tuple[SourceFile, str]]:
    """The registry's files of ``corpora`` with their stored text."""
    return [(s, read_source(paths, s.path)) for s in load_registry(paths) if s.corpus in corpora]


def run_sources(paths: ProjectPaths, gazetteer: Gazetteer, sources: list[tuple[SourceFile, str]]) -> Run:
    """Segment each (source, text) as the build does (registry metadata kept, text replaced) and extract."""
    rules = load_rules(paths, gazetteer)
    taken: set[str] = set()
    run = Run([], {}, [])
    for source, text in sources:
        for doc in segment(source, text, rules, taken):
            run.documents.append(doc)
            run.facts.extend(extract_document(doc, text, gazetteer, paths=paths).facts)
        run.texts[source.path] = text
    return run


def run_files(paths: ProjectPaths, gazetteer: Gazetteer, files: list[Path]) -> Run:
    """Segment and extract files that are not in the registry (``documents_for_file``)."""
    run = Run([], {}, [])
    for f in files:
        text = f.read_text(encoding="utf-8")
        for doc in documents_for_file(paths, f, text):
            run.documents.append(doc)
            run.facts.extend(extract_document(doc, text, gazetteer, paths=paths).facts)
        run.texts[f.name] = text
    return run


def entity_names(gazetteer: Gazetteer) -> list[str]:
    """Every label and alias of the gazetteer's entities (names the perturbation keeps)."""
    return [n for e in gazetteer.entities.values() for n in (e.label, *e.aliases)]
