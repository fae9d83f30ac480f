"""One document through extract -> map -> reason -> validate, in a worker process or in this one.

``DocPipeline`` loads what every document needs once (gazetteer, ontology, shapes, the entity graph) and turns a
segmented document into a :class:`DocResult`: its facts, its named graph as N-Triples (own part and the part it
shares with other documents), and the shapes' verdict. ``run_all`` spreads documents over a process pool (all
cores by default) and reports progress as results arrive.
"""
from __future__ import annotations

import multiprocessing as mp
import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from typing import Callable, Optional

from rdflib import RDF, RDFS, Graph, Literal, URIRef

from .iris import DCT, PROV, SCHEMA, Iris
from .records import Document, Fact
from .segmenting import segment_user_file
from .settings import Settings
from .versions import Versions


@dataclass
class Task:
    doc: Document
    text: str
    sha256: str
    url: Optional[str] = None


@dataclass
class DocResult:
    doc: Document
    facts: list[Fact] = field(default_factory=list)
    unresolved: int = 0
    own_nt: bytes = b""
    shared_nt: bytes = b""
    triples: int = 0
    violations: list[str] = field(default_factory=list)
    error: str = ""
    held_back: list[str] = field(default_factory=list)   # why facts were held back by the shapes (published rest)

    @property
    def publishable(self) -> bool:
        return not self.error and not self.violations


class DocPipeline:
    def __init__(self, settings: Settings):
        from .knowledgecache import KnowledgeCache
        from .regexwarm import RegexWarmStart

        paths = settings.paths
        self.versions = Versions.of(paths)
        self.cache = KnowledgeCache.of(settings, self.versions)
        self.regexes = RegexWarmStart.start(self.cache)   # before the extractors' modules compile anything

        from .extract.pipeline import engine_for
        from .resources import entity_context, entity_graph, knowledge, shape_checker

        self.iris = Iris(settings.base_iri)
        k = knowledge(paths, self.versions)
        self.gazetteer, self.ontology, self.rules, self.shapes = k.gazetteer, k.ontology, k.rules, k.shapes
        self.entities = entity_graph(paths, self.versions, settings.base_iri)
        self.context = entity_context(paths, self.versions, settings.base_iri)
        self.checker = shape_checker(paths, self.versions)
        self.paths = paths
        self.engine = engine_for(self.gazetteer, paths, self.cache)
        self.engine_saved = len(self.engine.__dict__)

    def provenance(self, graph: Graph, doc: Document, sha: str, url: Optional[str]) -> None:
        """What made this graph: the source's sha256 and the rules and shapes versions (``marketgraph status``)."""
        d = self.iris.document(doc.doc_id)
        activity = self.iris.entity("extraction", f"{self.versions.rules}-{self.versions.shapes}")
        graph.add((d, SCHEMA.sha256, Literal(sha)))
        graph.add((d, PROV.wasGeneratedBy, activity))
        graph.add((activity, RDF.type, PROV.Activity))
        graph.add((activity, RDFS.label, Literal(f"marketgraph extraction, rules {self.versions.rules}, "
                                                 f"shapes {self.versions.shapes}")))
        graph.add((activity, DCT.hasVersion, Literal(self.versions.rules)))
        if url:
            graph.add((d, SCHEMA.url, URIRef(url)))

    def run(self, task: Task) -> DocResult:
        """Extract, map, materialise in place, validate with only the entity triples the shapes can read (the
        entities graph is never copied; the fast check first, pySHACL for the report when it finds a violation),
        and write the own and shared parts as N-Triples."""
        from .build_split import split_shared_nt
        from .extract.pipeline import extract_document, save_engine
        from .shapequarantine import held_back, implicated

        doc = task.doc
        try:
            result = extract_document(doc, task.text, self.gazetteer)   # the engine made above (engine_for)
            if len(self.engine.__dict__) > self.engine_saved:   # grammars compiled for this document: keep them
                save_engine(self.engine, self.cache)
                self.engine_saved = len(self.engine.__dict__)
            self.regexes.save()   # the expressions the extractors compiled themselves, for the next process
            facts, candidates = list(result.facts), list(result.unresolved or ())
            graph, own = self._checked(task, facts, candidates)
            held: list[str] = []
            if own:   # facts whose own nodes break a shape are held back; the rest is checked again
                which = implicated(graph, facts, [(v.focus, v.message) for v in own], self.iris)
                if which and len(which) < len(facts):
                    back = held_back(facts, which)
                    facts = [f for i, f in enumerate(facts) if i not in which]
                    held = [h.reason for h in back]
                    graph, own = self._checked(task, facts, candidates + back)
        except Exception as err:   # one document's failure is reported; the others go on
            return DocResult(doc, error=f"extraction failed: {type(err).__name__}: {str(err)[:200]}")
        unresolved = len(candidates) + len(held)
        if own:
            return DocResult(doc, result.facts, unresolved, triples=len(graph), violations=[str(v) for v in own])
        own_nt, shared_nt, own_count = split_shared_nt(graph, self.iris)
        return DocResult(doc, facts, unresolved, own_nt, shared_nt, own_count, held_back=held)

    def _checked(self, task: Task, facts: list[Fact], candidates: list) -> tuple[Graph, list]:
        """The document's graph (its unresolved candidates included: its page lists them, never as facts), with the
        violations that count against it: those whose focus node is in the document's graph (the entity triples
        around it are context, judged with the entities graph)."""
        from .mapper import map_document
        from .reason import materialise_in_place
        from .validate import validate_document

        graph = map_document(task.doc, facts, self.gazetteer, self.iris, candidates=candidates)
        self.provenance(graph, task.doc, task.sha256, task.url)
        materialise_in_place(graph, self.rules)
        report = validate_document(graph, self.shapes, self.context, self.checker)
        return graph, [v for v in report.violations
                       if getattr(v, "focus", None) is None or (v.focus, None, None) in graph]


_WORKER: Optional[DocPipeline] = None


def _init(settings: Settings) -> None:
    global _WORKER
    _WORKER = DocPipeline(settings)


def _work(task: Task) -> DocResult:
    assert _WORKER is not None
    return _WORKER.run(task)


Progress = Callable[[DocResult, int, int], None]


def worker_count(settings: Settings, tasks: int) -> int:
    cores = settings.extract_workers or os.cpu_count() or 1
    return max(1, min(cores, tasks))


def _segment(job: tuple) -> list[Document]:
    settings, versions, prepared = job
    return segment_user_file(settings, prepared, versions)


def segment_all(settings: Settings, versions: Versions, prepared: list) -> list:
    """Each prepared file's documents (``segmenting.segment_user_file``), in order, spread over the cores like
    extraction (or an exception instance for a file the segmenter failed on)."""
    n = worker_count(settings, len(prepared))
    jobs = [(settings, versions, p) for p in prepared]
    if n == 1:
        out: list = []
        for job in jobs:
            try:
                out.append(_segment(job))
            except Exception as err:   # one file's failure is reported; the others go on
                out.append(err)
        return out
    _preload(settings, versions)
    with ProcessPoolExecutor(max_workers=n, mp_context=mp.get_context("fork")) as pool:
        futures = [pool.submit(_segment, job) for job in jobs]
        results: list = []
        for fut in futures:
            try:
                results.append(fut.result())
            except Exception as err:
                results.append(err)
        return results


def _preload(settings: Settings, versions: Versions) -> None:
    """Load what workers need in this process before forking them: they inherit it instead of each parsing the
    gazetteer, ontology, shapes and rules again."""
    from .knowledgecache import KnowledgeCache
    from .resources import entity_context, knowledge, segmentation_rules, shape_checker

    knowledge(settings.paths, versions)
    segmentation_rules(settings.paths, versions, KnowledgeCache.of(settings, versions))
    entity_context(settings.paths, versions, settings.base_iri)
    shape_checker(settings.paths, versions)


def run_all(settings: Settings, tasks: list[Task], progress: Optional[Progress] = None,
            pipeline: Optional[DocPipeline] = None) -> list[DocResult]:
    """Every task's result, in task order. One task (or one core) runs here; more go to a process pool."""
    n = worker_count(settings, len(tasks))
    results: list[Optional[DocResult]] = [None] * len(tasks)
    if n == 1:
        pipe = pipeline or DocPipeline(settings)
        for i, t in enumerate(tasks):
            results[i] = pipe.run(t)
            if progress:
                progress(results[i], i + 1, len(tasks))
        return [r for r in results if r is not None]
    _preload(settings, Versions.of(settings.paths))
    ctx = mp.get_context("fork")
    with ProcessPoolExecutor(max_workers=n, mp_context=ctx, initializer=_init, initargs=(settings,)) as pool:
        futures = {pool.submit(_work, t): i for i, t in enumerate(tasks)}
        for done, fut in enumerate(as_completed(futures), start=1):
            i = futures[fut]
            try:
                results[i] = fut.result()
            except Exception as err:   # a worker that died (out of memory, a crash in native code)
                results[i] = DocResult(tasks[i].doc, error=f"extraction worker failed: {type(err).__name__}")
            if progress:
                progress(results[i], done, len(tasks))
    return [r for r in results if r is not None]
