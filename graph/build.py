"""`marketgraph build`: the bundled corpora (sources/ and its registry) through the same path as a user's files.

Each registered file is checked against its sha256, segmented as the registry describes it, and handed to
graph/ingest.py, which extracts only what is new or changed and publishes one new generation. An unknown corpus
name is an error before anything is touched; documents already in the store (other corpora, a user's files) stay.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Optional

import pyoxigraph as ox
from rdflib import Graph

from .build_split import split_shared
from .ingest import IngestReport, Prepared, Progress, ingest
from .inputs import Input
from .metadata import Meta
from .read import OffsetMap, SourceText
from .settings import Settings
from .sources import RegistryError, load_registry, read_source, source_path

__all__ = ["build", "bundled_prepared", "corpora_of", "split_shared", "write_dumps"]


class UnknownCorpus(RegistryError):
    pass


def corpora_of(settings: Settings) -> list[str]:
    """The corpora ``settings.corpus`` names (``all`` = every corpus of the registry); unknown names are an error."""
    known = sorted({s.corpus for s in load_registry(settings.paths)})
    names = [c.strip() for c in settings.corpus.split(",") if c.strip()]
    if not names:
        raise UnknownCorpus(f"no corpus named; known corpora: {', '.join(known)} (or all)")
    if "all" in names:
        return known
    unknown = [n for n in names if n not in known]
    if unknown:
        raise UnknownCorpus(f"unknown corpus {unknown[0]!r}; known corpora: {', '.join(known)} (or all)")
    return names


def bundled_prepared(settings: Settings, corpora: list[str]) -> list[Prepared]:
    """Every registered file of ``corpora``, verified, read exactly as stored and segmented as registered."""
    import hashlib

    from .knowledgecache import KnowledgeCache
    from .resources import segmentation_rules
    from .segment import load_documents
    from .versions import Versions

    docs_by_file = defaultdict(list)
    versions = Versions.of(settings.paths)
    rules = segmentation_rules(settings.paths, versions, KnowledgeCache.of(settings, versions))
    for doc, _text in load_documents(settings, corpora, rules):
        docs_by_file[doc.source_file].append(doc)
    out = []
    for entry in load_registry(settings.paths):
        if entry.corpus not in corpora:
            continue
        data = source_path(settings.paths, entry.path).read_bytes()
        text = read_source(settings.paths, entry.path)
        src = SourceText(text, "text/plain", hashlib.sha256(data).hexdigest(), OffsetMap.identity(len(text)))
        inp = Input(entry.name, f"sources/{entry.path}", data, Meta(publisher=entry.publisher), entry.corpus)
        out.append(Prepared(inp, src, docs_by_file.get(entry.path, [])))
    return out


def build(settings: Settings, progress: Optional[Progress] = None, dump_dir: Optional[Path] = None,
          force: bool = False, on_wait=None) -> IngestReport:
    corpora = corpora_of(settings)
    report = ingest(settings, [], prepared=bundled_prepared(settings, corpora), force=force, progress=progress,
                    on_wait=on_wait)
    if dump_dir is not None and report.changed:
        report.dumps = write_dumps(settings.store, dump_dir)
    return report


def _in_graph(graph: Graph, violation) -> bool:
    """A violation belongs to the document if its focus node is described in the document's graph."""
    focus = getattr(violation, "focus", None)
    return focus is None or (focus, None, None) in graph


def write_dumps(store_path: Path, dump_dir: Path) -> list[Path]:
    """N-Quads and TriG of the whole dataset, and Turtle of the union graph, each streamed from the store to its
    file (nothing is copied into memory: the union's triples come from a CONSTRUCT over the union graph, which
    the store answers with each triple once)."""
    from .generations import open_read_only

    dump_dir.mkdir(parents=True, exist_ok=True)
    store = open_read_only(store_path)
    nq = dump_dir / "marketgraph.nq"
    trig = dump_dir / "marketgraph.trig"
    ttl = dump_dir / "marketgraph.ttl"
    store.dump(str(nq), format=ox.RdfFormat.N_QUADS)
    store.dump(str(trig), format=ox.RdfFormat.TRIG)
    union = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True)
    union.serialize(str(ttl), format=ox.RdfFormat.TURTLE)
    return [nq, trig, ttl]
