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

from . import lookupdata
from .catalog import Catalog
from .docstore import DocumentArea
from .generations import GenerationWriter, catalog_path, complete_generations, prune
from .iris import Iris
from .kept import Kept
from .lookupdata import Changes
from .settings import Settings
from .store import RemoteStore
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


def remote_of(settings: Settings) -> Optional[RemoteStore]:
    """The remote SPARQL server the build publishes to as well (``MARKETGRAPH_REMOTE_*``), or None."""
    if not settings.remote_query_url:
        return None
    return RemoteStore(settings.remote_query_url, settings.remote_update_url, settings.remote_store_url)


def _mirror(remote: RemoteStore, store: ox.Store, names: list[str], drop: list[str]) -> None:
    """Make the remote server's graphs ``names`` what the new generation holds, and drop ``drop``: one Graph
    Store Protocol PUT or DELETE each (each atomic on the server)."""
    for name in drop:
        remote.delete_graph(name)
    for name in names:
        remote.put_nt(name, store.dump(format=NT, from_graph=ox.NamedNode(name)))


def _catalogue_nt(iris: Iris, catalog: Catalog, stamp: str, lookup: bytes) -> bytes:
    """The catalogue graph of a remote server: the catalogue as JSON, the generation's name (a new one on every
    publication) and the lookup records (the bytes of the file beside the generation, which the catalogue's
    ``lookup`` stamp describes), which application processes serving from that server read
    (graph/remote_read.py, api/browse/context.py). One PUT replaces all three together."""
    from .remote_read import CATALOG_KEY, LOOKUP_KEY, STAMP_KEY

    node = ox.NamedNode(str(iris.catalog_graph))
    triples = [ox.Triple(node, ox.NamedNode(CATALOG_KEY), ox.Literal(catalog.to_json())),
               ox.Triple(node, ox.NamedNode(STAMP_KEY), ox.Literal(stamp)),
               ox.Triple(node, ox.NamedNode(LOOKUP_KEY), ox.Literal(lookup.decode("utf-8")))]
    return ox.serialize(triples, format=NT)


BULK_BYTES = 8 * 1024 * 1024   # graphs at least this large go through the bulk loader


def _replace_graph(store: ox.Store, name: str, nt: bytes) -> None:
    """Make graph ``name`` hold the N-Triples ``nt``. A small graph (a document's, the conflicts) is written in one
    transaction: the bulk loader writes a set of table files (with their fsyncs) on every call, and RocksDB kept
    some of them -- at 1,000 documents a generation grew by 2-3 files per add (0.3 with a transaction), and every
    later add hard-links, opens and prunes all of them."""
    g = ox.NamedNode(name)
    store.remove_graph(g)
    if len(nt) >= BULK_BYTES:
        store.bulk_load(nt, format=NT, to_graph=g)
    elif nt:
        store.load(nt, format=NT, to_graph=g)


def _sync_graph(store: ox.Store, name: str, triples: set[ox.Triple], changes: Changes) -> int:
    """Make graph ``name`` hold exactly ``triples``, changing only what differs (noted in ``changes``)."""
    g = ox.NamedNode(name)
    have = {ox.Triple(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, g)}
    gone = have - triples
    for t in gone:
        store.remove(ox.Quad(t.subject, t.predicate, t.object, g))
    add = [ox.Quad(t.subject, t.predicate, t.object, g) for t in triples - have]
    if add:
        store.extend(add)
    changes.note(gone)
    changes.note(add)
    return len(triples)


def _static_graphs(settings: Settings) -> dict[str, bytes]:
    from .resources import entity_graph, knowledge
    from .versions import Versions

    iris = Iris(settings.base_iri)
    versions = Versions.of(settings.paths)
    ontology = knowledge(settings.paths, versions).ontology
    entities = entity_graph(settings.paths, versions, settings.base_iri)
    return {str(iris.entities_graph): entities.serialize(format="nt", encoding="utf-8"),
            str(iris.ontology_graph): ontology.serialize(format="nt", encoding="utf-8")}


def _static_names(iris: Iris) -> tuple[str, str]:
    return str(iris.entities_graph), str(iris.ontology_graph)


def shared_triples(area: DocumentArea, keys: Iterable[str]) -> set[ox.Triple]:
    """The union of the shared parts of records ``keys``, as triples (``ox.parse`` yields quads in the default
    graph, which never equal the triples read back from the store: compared as such, every publish rewrote the
    whole shared graph)."""
    out: set[ox.Triple] = set()
    for key in keys:
        out.update(ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(area.shared_nt(key), format=NT))
    return out


def _add_shared(store: ox.Store, name: str, triples: set[ox.Triple], size: int, changes: Changes) -> int:
    """Add to graph ``name`` (of ``size`` triples) what ``triples`` has that it lacks (documents were only added);
    its new size (counted, not read back: reading the whole shared graph cost ~0.1 s per add at 1,000 documents)."""
    g = ox.NamedNode(name)
    add = [q for q in (ox.Quad(t.subject, t.predicate, t.object, g) for t in triples) if q not in store]
    if add:
        store.extend(add)
    changes.note(add)
    return size + len(add)


def conflict_graph(settings: Settings, area: DocumentArea, catalog: Catalog) -> tuple[set[ox.Triple], int]:
    from .conflict_map import conflict_triples
    from .extract.conflicts import find_conflicts

    facts = []
    published = {d.doc_id for d in catalog.published()}
    for key in sorted({d.record for d in catalog.published()}):
        for entry in area.record(key):
            if entry["doc_id"] in published:
                facts.extend(entry["facts"])
    conflicts = find_conflicts(facts)
    return conflict_triples(conflicts, Iris(settings.base_iri)), len(conflicts)


def publish(settings: Settings, base: Optional[Path], old: Catalog, change: Change, *, force: bool = False,
            optimize: bool = False) -> Published:
    new = change.catalog
    if old.published() and not new.published() and not force:
        raise EmptyReplacement(f"this would replace the {len(old.published())} published documents with an empty "
                               f"graph; nothing was changed (use --force to do it anyway)")
    iris = Iris(settings.base_iri)
    area = DocumentArea.for_store(settings.store)
    remote = remote_of(settings)
    fresh = base is None or not old.documents and not old.graphs
    writer = GenerationWriter.begin(settings.store, None if fresh else base)
    try:
        store = writer.store
        kept = Kept.before(store, iris, old, change.drop | set(change.put), base, fresh, change.static)
        for doc_id in sorted(change.drop):
            store.remove_graph(ox.NamedNode(str(iris.graph(doc_id))))
        for doc_id, nt in change.put.items():
            _replace_graph(store, str(iris.graph(doc_id)), nt)
        kept.added(change.put.values())
        if fresh or change.static:
            for name, nt in _static_graphs(settings).items():
                _replace_graph(store, name, nt)
                new.graphs[name] = sum(1 for _ in ox.parse(nt, format=NT))
        shared = str(iris.shared_graph)
        if change.drop or fresh or change.static or shared not in old.graphs:
            keys = sorted({d.record for d in new.published()})
            new.graphs[shared] = _sync_graph(store, shared, shared_triples(area, keys), kept.changes)
        else:   # only additions: the shared graph grows by what the new documents share, nothing leaves it
            keys = sorted({new.documents[d].record for d in change.put})
            new.graphs[shared] = _add_shared(store, shared, shared_triples(area, keys), old.graphs[shared],
                                           kept.changes)
        new.headlines = kept.counts_after(store)
        ctriples, n_conflicts = conflict_graph(settings, area, new)
        kept.changes.note(store.quads_for_pattern(None, None, None, ox.NamedNode(str(iris.conflicts_graph))))
        kept.changes.note(ctriples)
        _replace_graph(store, str(iris.conflicts_graph), ox.serialize(ctriples, format=NT) or b"")
        lookup = lookupdata.dumps(kept.records_after(store, settings.base_iri))
        new.lookup = lookupdata.stamp(lookup)
        new.graphs[str(iris.conflicts_graph)] = len(ctriples)
        if remote is not None:   # before the local commit: a failed push leaves both as they were, to retry
            everything = fresh or not remote.has_graph(str(iris.entities_graph))   # first push, or a new server
            names = {str(iris.shared_graph), str(iris.conflicts_graph)}
            if everything or change.static:
                names.update(_static_names(iris))
            docs = [d.doc_id for d in new.published()] if everything else sorted(change.put)
            names.update(str(iris.graph(d)) for d in docs)
            _mirror(remote, store, sorted(names), [str(iris.graph(d)) for d in sorted(change.drop - set(change.put))])
            remote.put_nt(str(iris.catalog_graph), _catalogue_nt(iris, new, writer.path.name, lookup))
        store = None   # the commit closes the generation's RocksDB; no reference may outlive it (see commit)
        generation = writer.commit(new, optimize=optimize or fresh, sidecars={lookupdata.SUFFIX: lookup})
    except BaseException:
        store = None
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
