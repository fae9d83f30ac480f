"""The build: segment -> extract -> map -> reason -> validate -> store, one named graph per document.

A document whose graph violates the shapes is reported and not published; the rest is. The store is published
atomically (graph/store.py), so the served graph is never half-written.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

import pyoxigraph as ox
from rdflib import Graph

from .iris import Iris
from .records import Document, Fact
from .settings import Settings
from .store import EmbeddedWriter, GraphSink, RemoteStore


@dataclass
class Rejection:
    doc_id: str
    source_file: str
    violations: list  # graph.validate.Violation


@dataclass
class DocumentOutcome:
    doc_id: str
    title: str
    facts: int
    triples: int
    published: bool


@dataclass
class BuildReport:
    store: str
    documents: list[DocumentOutcome] = field(default_factory=list)
    facts_by_kind: Counter = field(default_factory=Counter)
    triples: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    conflicts: int = 0
    dumps: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.rejections


Progress = Callable[[str, int, int], None]


def _sink(settings: Settings) -> GraphSink:
    if settings.remote_query_url:
        return RemoteStore(settings.remote_query_url, settings.remote_update_url, settings.remote_store_url)
    return EmbeddedWriter(settings.store)


def extract_all(settings: Settings, progress: Optional[Progress] = None) -> list[tuple[Document, str, list[Fact]]]:
    """Segment and extract every document of the configured corpora (no RDF, no store)."""
    from .extract.pipeline import extract_document
    from .gazetteer import load_gazetteer
    from .segment import load_documents

    gazetteer = load_gazetteer(settings.paths.gazetteer)
    docs = load_documents(settings, settings.corpora)
    out = []
    for i, (doc, text) in enumerate(docs):
        if progress:
            progress(f"extract {doc.doc_id}", i, len(docs))
        out.append((doc, text, extract_document(doc, text, gazetteer).facts))
    return out


def build(settings: Settings, progress: Optional[Progress] = None, dump_dir: Optional[Path] = None) -> BuildReport:
    from .extract.conflicts import find_conflicts
    from .extract.pipeline import extract_document
    from .gazetteer import load_gazetteer
    from .conflict_map import map_conflicts
    from .mapper import map_document, map_entities
    from .reason import materialise
    from .segment import load_documents
    from .validate import load_ontology, load_shapes, validate

    paths = settings.paths
    iris = Iris(settings.base_iri)
    gazetteer = load_gazetteer(paths.gazetteer)
    ontology = load_ontology(paths)
    shapes = load_shapes(paths)
    docs = load_documents(settings, settings.corpora)
    sink = _sink(settings)
    report = BuildReport(store=str(settings.store if not settings.remote_query_url else settings.remote_query_url))
    published_facts: list[Fact] = []
    shared = Graph()
    try:
        entities = materialise(map_entities(gazetteer, iris), ontology)
        sink.put_graph(iris.entities_graph, entities)
        sink.put_graph(iris.ontology_graph, ontology)
        report.triples += len(entities) + len(ontology)
        total = len(docs)
        for i, (doc, text) in enumerate(docs):
            if progress:
                progress(doc.doc_id, i, total)
            result = extract_document(doc, text, gazetteer)
            graph = materialise(map_document(doc, result.facts, gazetteer, iris), ontology)
            vr = validate(graph + entities, shapes)
            own = [v for v in vr.violations if _in_graph(graph, v)]
            if own:
                report.rejections.append(Rejection(doc.doc_id, doc.source_file, own))
                report.documents.append(DocumentOutcome(doc.doc_id, doc.title, len(result.facts), len(graph), False))
                continue
            own_part, shared_part = split_shared(graph, iris)
            shared += shared_part
            sink.put_graph(iris.graph(doc.doc_id), own_part)
            published_facts.extend(result.facts)
            report.facts_by_kind.update(f.kind for f in result.facts)
            report.triples += len(own_part)
            report.documents.append(DocumentOutcome(doc.doc_id, doc.title, len(result.facts), len(graph), True))
        sink.put_graph(iris.shared_graph, shared)
        report.triples += len(shared)
        conflicts = find_conflicts(published_facts)
        report.conflicts = len(conflicts)
        cgraph = map_conflicts(conflicts, iris)
        sink.put_graph(iris.conflicts_graph, cgraph)
        report.triples += len(cgraph)
        if progress:
            progress("publish", total, total)
        sink.commit()
    except BaseException:
        sink.abort()
        raise
    if dump_dir is not None and not settings.remote_query_url:
        report.dumps = write_dumps(settings.store, dump_dir)
    return report


def split_shared(graph: Graph, iris: Iris) -> tuple[Graph, Graph]:
    """A document graph's own triples, and the descriptions it shares with other documents (periods, metrics,
    source files, entities found in text) — those go to one shared graph so the union holds each triple once."""
    own, shared = Graph(), Graph()
    for t in graph:
        (shared if iris.is_shared(t[0]) else own).add(t)
    return own, shared


def _in_graph(graph: Graph, violation) -> bool:
    """A violation belongs to the document if its focus node is described in the document's graph."""
    focus = getattr(violation, "focus", None)
    return focus is None or (focus, None, None) in graph


def write_dumps(store_path: Path, dump_dir: Path) -> list[Path]:
    """N-Quads and TriG of the whole dataset, and Turtle of the union graph."""
    from .store import open_read_only

    dump_dir.mkdir(parents=True, exist_ok=True)
    store = open_read_only(store_path)
    nq = dump_dir / "marketgraph.nq"
    trig = dump_dir / "marketgraph.trig"
    ttl = dump_dir / "marketgraph.ttl"
    store.dump(str(nq), format=ox.RdfFormat.N_QUADS)
    store.dump(str(trig), format=ox.RdfFormat.TRIG)
    union = ox.Store()
    union.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in store)
    union.dump(str(ttl), format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph())
    return [nq, trig, ttl]
