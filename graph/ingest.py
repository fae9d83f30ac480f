"""Add, replace, remove and re-extract documents: the one path every file takes into the store.

``ingest`` reads the given files (graph/read), keeps them in the document area, decides per file whether it is
new, unchanged or a changed version of a file added before (same origin), extracts only what is new (in a process
pool), and publishes the change as one new generation (graph/publish.py). A file that cannot be read, or a document
that breaks the shapes, is one line of the report; everything else is published. A fact whose own graph breaks a
shape is held back (an unresolved candidate, graph/shapequarantine.py) and its document's other facts published. ``remove`` and ``rebuild`` take
the same path. All of it runs under the store's writer lock.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from .catalog import Catalog, DocEntry, SourceEntry
from .docpipeline import DocPipeline, DocResult, Task, run_all
from .docstore import DocumentArea
from .generations import clean_unfinished, current_catalog
from .inputs import Input
from .metadata import Meta
from .publish import Change, publish
from .read import ReadError, read_bytes
from .records import Document
from .segmenting import Prepared, segment_user_file
from .settings import Settings
from .storeerrors import StoreError
from .versions import Versions
from .writelock import WriterLock


@dataclass
class Outcome:
    """One line of the summary: a file or a document and what happened to it."""

    name: str
    status: str              # added | replaced | unchanged | removed | rejected | failed
    reason: str = ""
    documents: tuple[str, ...] = ()
    facts: int = 0


@dataclass
class IngestReport:
    store: str
    outcomes: list[Outcome] = field(default_factory=list)
    generation: Optional[Path] = None
    published: int = 0
    facts_by_kind: Counter = field(default_factory=Counter)
    conflicts: int = 0
    triples: int = 0
    seconds: float = 0.0
    extracted: int = 0
    dumps: list[Path] = field(default_factory=list)

    @property
    def rejections(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "rejected"]

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def changed(self) -> bool:
        return self.generation is not None

    @property
    def ok(self) -> bool:
        return not any(o.status in ("rejected", "failed") for o in self.outcomes)


Progress = Callable[[str, int, int], None]


def record_key(sha: str, meta: Meta, corpus: Optional[str], versions: Versions, base_iri: str) -> str:
    """The extraction record's name: everything that decides what extraction makes of a file."""
    raw = json.dumps([sha, meta.given(), corpus, versions.rules, versions.shapes, base_iri], sort_keys=True)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]


def read_inputs(inputs: list[Input]) -> tuple[list[Prepared], list[Outcome]]:
    ready, failed = [], []
    for item in inputs:
        try:
            ready.append(Prepared(item, read_bytes(item.data, name=item.name)))
        except ReadError as err:
            failed.append(Outcome(item.name, "failed", str(err)))
    return ready, failed


def _segment_new(settings: Settings, versions: Versions, ready: list[Prepared], catalog: Catalog,
                 reextract: bool) -> dict[int, object]:
    """The documents of every file that is not already in the store as it is, segmented on all cores (by
    ``id`` of the Prepared; a file whose segmentation failed maps to the exception)."""
    from .docpipeline import segment_all

    todo = []
    for p in ready:
        if p.docs is not None:
            continue
        docs_now = catalog.documents_of(p.source.sha256)
        key = record_key(p.source.sha256, p.input.meta, p.input.corpus, versions, settings.base_iri)
        if docs_now and all(d.record == key for d in docs_now) and not reextract:
            continue
        todo.append(p)
    return {id(p): docs for p, docs in zip(todo, segment_all(settings, versions, todo))}


def _unique(doc: Document, taken: set[str]) -> Document:
    doc_id, n = doc.doc_id, 2
    while doc_id in taken:
        doc_id, n = f"{doc.doc_id}-{n}", n + 1
    taken.add(doc_id)
    return doc if doc_id == doc.doc_id else dataclasses.replace(doc, doc_id=doc_id)


# ------------------------------------------------------------------------------------------------ ingest


def _url(p: Prepared) -> Optional[str]:
    return p.input.meta.url or p.source.meta.get("url")


def _entries(results: list[DocResult], sha: str, key: str, versions: Versions, url: Optional[str]) -> list[DocEntry]:
    out = []
    for r in results:
        status = "published" if r.publishable else "rejected"
        reason = r.error or (f"{len(r.violations)} shape violation(s): {r.violations[0][:200]}" if r.violations else
                             f"{len(r.held_back)} fact(s) held back by the shapes: {r.held_back[0][:200]}"
                             if r.held_back else "")
        out.append(DocEntry(r.doc.doc_id, sha, r.doc.title, r.doc.date, r.doc.genre, len(r.facts), r.unresolved,
                            status, versions.rules, versions.shapes, key, reason, url, r.triples))
    return out


def _record(results: list[DocResult]) -> list[dict]:
    return [{"doc_id": r.doc.doc_id, "doc": r.doc, "facts": r.facts, "unresolved": r.unresolved,
             "violations": r.violations, "error": r.error, "triples": r.triples, "held_back": r.held_back}
            for r in results]


def _results_from_record(area: DocumentArea, key: str) -> list[DocResult]:
    graphs = area.graphs(key)
    return [DocResult(e["doc"], e["facts"], e["unresolved"], graphs.get(e["doc_id"], b""), b"", e["triples"],
                      e["violations"], e["error"], e.get("held_back", [])) for e in area.record(key)]


def ingest(settings: Settings, inputs: list[Input], *, force: bool = False, progress: Optional[Progress] = None,
           on_wait: Optional[Callable[[], None]] = None, prepared: Optional[list[Prepared]] = None,
           reextract: bool = False) -> IngestReport:
    """Add files (``inputs``, or already ``prepared`` ones) to the store; see the module's docstring."""
    started = time.monotonic()
    report = IngestReport(store=str(settings.store))
    ready, failed = read_inputs(inputs)
    ready += prepared or []
    report.outcomes.extend(failed)
    with WriterLock(settings.store, settings.write_wait, on_wait):
        clean_unfinished(settings.store)
        area = DocumentArea.for_store(settings.store)
        area.clean()
        base, old = current_catalog(settings.store)
        versions = Versions.of(settings.paths)
        new = old.copy()
        static = (new.rules, new.shapes) != (versions.rules, versions.shapes)
        new.rules, new.shapes = versions.rules, versions.shapes
        put: dict[str, bytes] = {}
        drop: set[str] = set()
        todo: list[tuple[Prepared, str, Optional[SourceEntry], list[Task]]] = []
        taken = set(new.documents)
        segmented = _segment_new(settings, versions, ready, new, reextract)
        for p in ready:
            src, inp = p.source, p.input
            key = record_key(src.sha256, inp.meta, inp.corpus, versions, settings.base_iri)
            same = new.sources.get(src.sha256)
            docs_now = new.documents_of(src.sha256)
            if same is not None and docs_now and all(d.record == key for d in docs_now) and not reextract:
                report.outcomes.append(Outcome(inp.name, "unchanged", documents=tuple(d.doc_id for d in docs_now)))
                continue
            previous = same or new.source_by_origin(inp.origin)
            if previous is not None:
                for d in new.documents_of(previous.sha256):
                    drop.add(d.doc_id)
                    taken.discard(d.doc_id)
                    del new.documents[d.doc_id]
                del new.sources[previous.sha256]
            area.put_source(inp.data, src)
            if area.has_record(key) and not reextract and not (set(e["doc_id"] for e in area.record(key)) & taken):
                results = _results_from_record(area, key)
                taken.update(r.doc.doc_id for r in results)
                todo.append((p, key, previous, []))
                _accept(new, put, p, key, versions, results, area, report, previous, store=False)
                continue
            docs = p.docs if p.docs is not None else segmented.get(id(p))
            if docs is None:
                docs = segment_user_file(settings, p, versions)
            if isinstance(docs, Exception):
                report.outcomes.append(Outcome(inp.name, "failed", f"segmentation failed: {type(docs).__name__}: "
                                                                   f"{str(docs)[:200]}"))
                continue
            docs = [_unique(d, taken) for d in docs]
            if not docs:
                report.outcomes.append(Outcome(inp.name, "failed", "no document found in the text"))
                continue
            todo.append((p, key, previous, [Task(d, src.text, src.sha256, _url(p)) for d in docs]))
        tasks = [t for _, _, _, ts in todo for t in ts]
        report.extracted = len(tasks)
        if tasks:
            def step(result: DocResult, done: int, total: int) -> None:
                if progress:
                    progress(result.doc.doc_id, done, total)
            results = run_all(settings, tasks, step)
            by_doc = {(r.doc.source_file, r.doc.doc_id): r for r in results}
            for p, key, previous, ts in todo:
                if ts:
                    mine = [by_doc[(t.doc.source_file, t.doc.doc_id)] for t in ts]
                    _accept(new, put, p, key, versions, mine, area, report, previous, store=True)
        if not put and not drop and not static:
            report.seconds = time.monotonic() - started
            report.published = len(new.published())
            report.triples = old.triples
            return report
        if progress:
            progress("publishing", 1, 1)
        done = publish(settings, base, old, Change(new, put, drop, static), force=force)
        report.generation, report.conflicts, report.triples = done.generation, done.conflicts, done.triples
    report.published = len(new.published())
    report.seconds = time.monotonic() - started
    return report


def _accept(new: Catalog, put: dict[str, bytes], p: Prepared, key: str, versions: Versions,
            results: list[DocResult], area: DocumentArea, report: IngestReport,
            previous: Optional[SourceEntry], store: bool) -> None:
    src, inp = p.source, p.input
    if store:
        graphs = {r.doc.doc_id: r.own_nt for r in results if r.publishable}
        shared = b"".join(r.shared_nt for r in results if r.publishable)
        area.put_record(key, _record(results), graphs, shared)
    new.sources[src.sha256] = SourceEntry(src.sha256, inp.name, inp.origin, src.media_type, inp.meta.given(),
                                          inp.corpus, time.strftime("%Y-%m-%dT%H:%M:%S"), len(inp.data))
    for entry in _entries(results, src.sha256, key, versions, _url(p)):
        new.documents[entry.doc_id] = entry
    for r in results:
        if r.publishable:
            put[r.doc.doc_id] = r.own_nt
            report.facts_by_kind.update(f.kind for f in r.facts)
    ok = [r for r in results if r.publishable]
    bad = [r for r in results if not r.publishable]
    if ok:
        status = "replaced" if previous is not None else "added"
        held = [h for r in ok for h in r.held_back]
        report.outcomes.append(Outcome(inp.name, status, f"{len(held)} fact(s) held back by the shapes (listed as "
                                       f"unresolved): {held[0][:160]}" if held else "",
                                       documents=tuple(r.doc.doc_id for r in ok),
                                       facts=sum(len(r.facts) for r in ok)))
    for r in bad:
        status = "failed" if r.error else "rejected"
        reason = r.error or f"breaks the shapes ({len(r.violations)} violation(s)): {r.violations[0][:160]}"
        report.outcomes.append(Outcome(f"{inp.name} [{r.doc.doc_id}]", status, reason, (r.doc.doc_id,)))


# ----------------------------------------------------------------------------------------- remove, rebuild


def remove(settings: Settings, doc_ids: list[str], *, force: bool = False,
           on_wait: Optional[Callable[[], None]] = None) -> IngestReport:
    """Take documents (by id, or every document of a source by its sha256 or file name) out of the store."""
    report = IngestReport(store=str(settings.store))
    started = time.monotonic()
    with WriterLock(settings.store, settings.write_wait, on_wait):
        clean_unfinished(settings.store)
        base, old = current_catalog(settings.store)
        new = old.copy()
        drop: set[str] = set()
        for ident in doc_ids:
            hits = [d for d in new.documents.values()
                    if ident in (d.doc_id, d.source) or new.sources.get(d.source, None) is not None
                    and new.sources[d.source].name == ident]
            if not hits:
                report.outcomes.append(Outcome(ident, "failed", "no such document in the store (see `marketgraph list`)"))
                continue
            for d in hits:
                drop.add(d.doc_id)
                del new.documents[d.doc_id]
                report.outcomes.append(Outcome(d.doc_id, "removed"))
        for sha in [s for s in new.sources if not new.documents_of(s)]:
            del new.sources[sha]
        if drop:
            done = publish(settings, base, old, Change(new, {}, drop), force=force)
            report.generation, report.conflicts, report.triples = done.generation, done.conflicts, done.triples
        else:
            report.triples = old.triples
        report.published = len(new.published())
    report.seconds = time.monotonic() - started
    return report


def stale(catalog: Catalog, versions: Versions) -> list[DocEntry]:
    """Documents whose graph older rules or shapes made."""
    return [d for d in catalog.documents.values() if (d.rules, d.shapes) != (versions.rules, versions.shapes)]


def stored_inputs(settings: Settings, catalog: Catalog, shas: set[str]) -> tuple[list[Input], list[Prepared]]:
    """The sources ``shas`` again, from the document area (user files) or sources/ (bundled files, segmented as
    the registry says)."""
    from .build import bundled_prepared

    area = DocumentArea.for_store(settings.store)
    user: list[Input] = []
    corpora: set[str] = set()
    for sha in sorted(shas):
        s = catalog.sources[sha]
        if s.corpus and s.origin.startswith("sources/"):
            corpora.add(s.corpus)
            continue
        original = area.original(sha)
        if original is None:
            raise StoreError(f"the original of {s.name} is missing from the document area; add the file again")
        user.append(Input(s.name, s.origin, original.read_bytes(), Meta(**s.meta), s.corpus))
    bundled = [p for p in bundled_prepared(settings, sorted(corpora)) if p.source.sha256 in shas] if corpora else []
    return user, bundled


def rebuild(settings: Settings, *, only_stale: bool = False, progress: Optional[Progress] = None,
            on_wait: Optional[Callable[[], None]] = None, force: bool = False) -> IngestReport:
    """Re-extract every document (or only the stale ones) from the kept originals, on all cores."""
    _, catalog = current_catalog(settings.store)
    versions = Versions.of(settings.paths)
    shas = {d.source for d in (stale(catalog, versions) if only_stale else catalog.documents.values())}
    if not shas:
        return IngestReport(store=str(settings.store))
    user, bundled = stored_inputs(settings, catalog, shas)
    return ingest(settings, user, prepared=bundled, force=force, progress=progress, on_wait=on_wait,
                  reextract=True)


__all__ = ["Outcome", "IngestReport", "ingest", "remove", "rebuild", "stale", "DocPipeline"]
