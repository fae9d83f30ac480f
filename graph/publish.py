"""Publish a change of the catalogue as a new store generation: only the changed named graphs are written.

The caller holds the writer lock and has extracted what is new. Here: start a generation from the served one
(a checkpoint), drop the graphs of removed or replaced documents, load the graphs of new ones, bring the
cross-document graphs up to date (shared descriptions: the union of every published source's shared part;
conflicts: recomputed over the facts of every published document), then publish with the catalogue.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

import pyoxigraph as ox
from rdflib import Graph

from .catalog import Catalog
from .docstore import DocumentArea
from .generations import GenerationWriter, catalog_path, complete_generations, prune
from .iris import Iris
from .settings import Settings
from .storeerrors import EmptyReplacement

NT = ox.RdfFormat.N_TRIPLES


@dataclass
class Change:
    """What to publish: the catalogue after the change, the graphs to (re)write and the documents to drop."""

    catalog: Catalog
    put: dict[str, bytes]     # doc_id -> its own graph (N-Triples)
    drop: set[str]            # doc_ids whose graph goes
    static: bool = False      # rewrite the entity and ontology graphs (new rules or shapes, or a fresh store)


@dataclass
class Published:
    generation: Path
    conflicts: int
    triples: int


def _replace_graph(store: ox.Store, name: str, nt: bytes) -> None:
    g = ox.NamedNode(name)
    store.remove_graph(g)
    if nt:
        store.bulk_load(nt, format=NT, to_graph=g)


def _sync_graph(store: ox.Store, name: str, triples: set[ox.Triple]) -> int:
    """Make graph ``name`` hold exactly ``triples``, changing only what differs."""
    g = ox.NamedNode(name)
    have = {ox.Triple(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, g)}
    for t in have - triples:
        store.remove(ox.Quad(t.subject, t.predicate, t.object, g))
    add = [ox.Quad(t.subject, t.predicate, t.object, g) for t in triples - have]
    if add:
        store.extend(add)
    return len(triples)


def _static_graphs(settings: Settings) -> dict[str, bytes]:
    from .gazetteer import load_gazetteer
    from .mapper import map_entities
    from .reason import materialise
    from .validate import load_ontology

    iris = Iris(settings.base_iri)
    ontology = load_ontology(settings.paths)
    entities = materialise(map_entities(load_gazetteer(settings.paths.gazetteer), iris), ontology)
    return {str(iris.entities_graph): entities.serialize(format="nt", encoding="utf-8"),
            str(iris.ontology_graph): ontology.serialize(format="nt", encoding="utf-8")}


def shared_triples(area: DocumentArea, keys: Iterable[str]) -> set[ox.Triple]:
    out: set[ox.Triple] = set()
    for key in keys:
        out.update(ox.parse(area.shared_nt(key), format=NT))
    return out


def conflict_graph(settings: Settings, area: DocumentArea, catalog: Catalog) -> tuple[Graph, int]:
    from .conflict_map import map_conflicts
    from .extract.conflicts import find_conflicts

    facts = []
    published = {d.doc_id for d in catalog.published()}
    for key in sorted({d.record for d in catalog.published()}):
        for entry in area.record(key):
            if entry["doc_id"] in published:
                facts.extend(entry["facts"])
    conflicts = find_conflicts(facts)
    return map_conflicts(conflicts, Iris(settings.base_iri)), len(conflicts)


def publish(settings: Settings, base: Optional[Path], old: Catalog, change: Change, *, force: bool = False,
            optimize: bool = False) -> Published:
    new = change.catalog
    if old.published() and not new.published() and not force:
        raise EmptyReplacement(f"this would replace the {len(old.published())} published documents with an empty "
                               f"graph; nothing was changed (use --force to do it anyway)")
    iris = Iris(settings.base_iri)
    area = DocumentArea.for_store(settings.store)
    fresh = base is None or not old.documents and not old.graphs
    writer = GenerationWriter.begin(settings.store, None if fresh else base)
    try:
        store = writer.store
        for doc_id in sorted(change.drop):
            store.remove_graph(ox.NamedNode(str(iris.graph(doc_id))))
        for doc_id, nt in change.put.items():
            _replace_graph(store, str(iris.graph(doc_id)), nt)
        if fresh or change.static:
            for name, nt in _static_graphs(settings).items():
                _replace_graph(store, name, nt)
                new.graphs[name] = sum(1 for _ in ox.parse(nt, format=NT))
        keys = sorted({d.record for d in new.published()})
        new.graphs[str(iris.shared_graph)] = _sync_graph(store, str(iris.shared_graph), shared_triples(area, keys))
        cgraph, n_conflicts = conflict_graph(settings, area, new)
        _replace_graph(store, str(iris.conflicts_graph), cgraph.serialize(format="nt", encoding="utf-8"))
        new.graphs[str(iris.conflicts_graph)] = len(cgraph)
        generation = writer.commit(new, optimize=optimize or fresh)
    except BaseException:
        writer.abort()
        raise
    _collect(settings.store, area)
    return Published(generation, n_conflicts, new.triples)


def _collect(link: Path, area: DocumentArea) -> None:
    """Drop document-area files that no remaining generation's catalogue refers to."""
    prune(link)
    records: set[str] = set()
    sources: set[str] = set()
    for gen in complete_generations(link):
        try:
            cat = Catalog.from_json(catalog_path(gen).read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError, TypeError):
            return   # cannot tell what an old generation needs: keep everything
        records.update(d.record for d in cat.documents.values())
        sources.update(cat.sources)
    area.collect(records, sources)
