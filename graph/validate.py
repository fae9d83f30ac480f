"""SHACL validation of a document's graph (pySHACL) with a typed report; loaders for shapes and ontology."""
from __future__ import annotations

import itertools
from collections import defaultdict, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional, Union

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Identifier

from .iris import PREFIXES
from .paths import ProjectPaths

Sources = Union[ProjectPaths, Path, Iterable[Path]]


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the node at fault, the property path, the constraint component, and what to do."""

    focus: Identifier
    path: Optional[Identifier]
    component: URIRef
    severity: URIRef
    message: str
    shape: Optional[Identifier] = None
    value: Optional[Identifier] = None

    def __str__(self) -> str:
        sev = str(self.severity).rsplit("#", 1)[-1]
        comp = str(self.component).rsplit("#", 1)[-1]
        return f"{sev}: {self.focus} {self.path or ''} [{comp}] {self.message}"


@dataclass
class ValidationReport:
    """``violations`` block publication (severity sh:Violation); ``warnings`` (sh:Warning, sh:Info) do not."""

    violations: list[Violation] = field(default_factory=list)
    warnings: list[Violation] = field(default_factory=list)
    text: str = ""

    @property
    def conforms(self) -> bool:
        return not self.violations

    @property
    def results(self) -> list[Violation]:
        return self.violations + self.warnings


def _files(sources: Sources, default_dir: str) -> list[Path]:
    if isinstance(sources, ProjectPaths):
        folder = sources.shapes if default_dir == "shapes" else sources.ontology
        return sorted(folder.glob("*.ttl"))
    if isinstance(sources, Path):
        return sorted(sources.glob("*.ttl")) if sources.is_dir() else [sources]
    return [Path(p) for p in sources]


def _load(files: list[Path]) -> Graph:
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    for f in files:
        g.parse(f, format="turtle")
    return g


def load_shapes(paths: Sources) -> Graph:
    """All shapes: ``ontology/shapes/*.ttl`` of a ProjectPaths, a folder, or a list of files."""
    return _load(_files(paths, "shapes"))


def load_ontology(paths: Sources) -> Graph:
    """All ontology modules: ``ontology/*.ttl`` of a ProjectPaths, a folder, or a list of files."""
    return _load(_files(paths, "ontology"))


def _one(g: Graph, s: Identifier, p: URIRef) -> Optional[Identifier]:
    return next(iter(g.objects(s, p)), None)


def parse_results(results: Graph) -> list[Violation]:
    out = []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        msgs = [str(m) for m in results.objects(r, SH.resultMessage)]
        out.append(Violation(
            focus=_one(results, r, SH.focusNode), path=_one(results, r, SH.resultPath),
            component=_one(results, r, SH.sourceConstraintComponent),
            severity=_one(results, r, SH.resultSeverity) or SH.Violation,
            message="; ".join(sorted(msgs)), shape=_one(results, r, SH.sourceShape),
            value=_one(results, r, SH.value)))
    out.sort(key=lambda v: (str(v.focus), str(v.path), str(v.component)))
    return out


def validate(data: Graph, shapes: Graph) -> ValidationReport:
    """Validate ``data`` (already materialised: types are not inferred here) against ``shapes``."""
    from pyshacl import validate as shacl_validate   # imported when needed: a clean add never calls it (~0.05 s)

    _conforms, results, text = shacl_validate(data, shacl_graph=shapes, inference="none", abort_on_first=False,
                                              allow_infos=True, allow_warnings=True, advanced=False)
    found = parse_results(results)
    return ValidationReport([v for v in found if v.severity == SH.Violation],
                            [v for v in found if v.severity != SH.Violation], text)


# --------------------------------------------------------------------------- one document at a time

_NESTED = (SH.node, SH["not"], SH.qualifiedValueShape)
_LISTS = (SH["or"], SH["and"], SH.xone)
_FREE = (RDF.type, RDFS.subClassOf)   # sh:class and class targets read these chains to any length


@dataclass(frozen=True)
class ShapeReach:
    """How far from a focus node the shapes read: ``hops`` property steps (None: unbounded, e.g. recursive
    shapes or complex paths), and the predicates they read backwards (``sh:inversePath``)."""

    hops: Optional[int]
    inverse: frozenset


def _members(shapes: Graph, node) -> list:
    out = []
    for p in _NESTED:
        out.extend(shapes.objects(node, p))
    for p in _LISTS:
        for lst in shapes.objects(node, p):
            out.extend(shapes.items(lst))
    out.extend(shapes.objects(node, SH.property))
    return out


def shape_reach(shapes: Graph) -> ShapeReach:
    """The reach of every shape in ``shapes`` (the deepest chain of property paths a validation can follow)."""
    inverse: set = set()
    unbounded = False

    def path_len(path) -> Optional[int]:
        if isinstance(path, URIRef):
            return 1
        inv = _one(shapes, path, SH.inversePath)
        if isinstance(inv, URIRef):
            inverse.add(inv)
            return 1
        if _one(shapes, path, RDF.first) is not None:   # a sequence path: its steps one after the other
            steps = [path_len(step) for step in shapes.items(path)]
            return None if not steps or None in steps else sum(steps)
        return None   # sequence, alternative, zero-or-more ... paths: no bound taken here

    def depth(shape, visiting: frozenset) -> Optional[int]:
        if shape in visiting:
            return None
        here = 0
        path = _one(shapes, shape, SH.path)
        if path is not None:
            here = path_len(path)
            if here is None:
                return None
        inner = 0
        for m in _members(shapes, shape):
            d = depth(m, visiting | {shape})
            if d is None:
                return None
            inner = max(inner, d)
        return here + inner

    best = 0
    roots = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape))
    for shape in roots:
        d = depth(shape, frozenset())
        if d is None:
            unbounded = True
            break
        best = max(best, d)
    return ShapeReach(None if unbounded else best, frozenset(inverse))


class EntityContext:
    """The shared entity graph, indexed, so each document's graph is validated with exactly the entity triples
    its shapes can read (``ShapeReach``) instead of a copy of the whole entity graph."""

    def __init__(self, entities: Graph, shapes: Graph):
        self.reach = shape_reach(shapes)
        self.entities = entities
        self._out: dict = defaultdict(list)
        self._in: dict = defaultdict(list)
        for t in entities:
            self._out[t[0]].append(t)
            if t[1] in self.reach.inverse:
                self._in[t[2]].append(t)

    def triples_for(self, graph: Graph) -> list[tuple]:
        """Entity triples within the shapes' reach of any node of ``graph`` (all of them when unbounded)."""
        if self.reach.hops is None:
            return list(self.entities)
        limit = self.reach.hops + 1
        depth: dict = {}
        frontier = [n for t in graph for n in (t[0], t[2]) if n in self._out or n in self._in]
        queue = deque((n, 0) for n in frontier)
        out: list[tuple] = []
        while queue:
            n, d = queue.popleft()
            if n in depth and depth[n] <= d:
                continue
            first = n not in depth
            depth[n] = d
            for t in self._out.get(n, ()):
                if first:
                    out.append(t)
                nd = d if t[1] in _FREE else d + 1
                if nd <= limit and (t[2] in self._out or t[2] in self._in):
                    queue.append((t[2], nd))
            for t in self._in.get(n, ()):
                if first:
                    out.append(t)
                if d + 1 <= limit:
                    queue.append((t[0], d + 1))
        return out


def validate_document(graph: Graph, shapes: Graph, context: Optional[EntityContext] = None,
                      checker=None) -> ValidationReport:
    """The results of ``graph`` (one document's graph, materialised) whose focus node the graph describes, with
    the entity triples ``context`` says the shapes can read added for the run and taken out again (no copy).

    With a ``checker`` (graph/shacl_fast.py) that finds no violation, the document conforms without running
    pySHACL (the report then holds no warnings either: the build does not use them); when it finds one, pySHACL
    makes the report, as without it."""
    described = set(graph.subjects())
    extra = context.triples_for(graph) if context else []
    if checker is not None:
        found = checker.validate(itertools.chain(graph, extra), focus_filter=described)
        if not any(r.severity == SH.Violation for r in found):
            return ValidationReport([], [], "conforms (fast check)")
    added = [t for t in extra if t not in graph]
    for t in added:
        graph.add(t)
    try:
        report = validate(graph, shapes)
    finally:
        for t in added:
            graph.remove(t)

    def own(vs: list[Violation]) -> list[Violation]:
        return [v for v in vs if v.focus is None or v.focus in described]
    return ValidationReport(own(report.violations), own(report.warnings), report.text)
