"""A fast SHACL Core check for the build's hot path; pySHACL stays the validator of record (graph/validate.py).

The shapes are compiled once into plain Python objects and a document graph is read once into dictionaries, so
a document with no violation is passed in milliseconds; when this finds any sh:Violation, the build runs pySHACL
for the report it records and shows. Only the constraint components this project's shapes use are compiled
(``SUPPORTED``); shapes using any other make :func:`compile_shapes` refuse, and the build then uses pySHACL
alone. tests/test_shacl_fast.py checks that both give the same results (focus node, path, component, severity)
on every shape fixture and on the seed documents.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Iterable, Optional

from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.namespace import SH

Node = Any
PARAMS_IGNORED = {SH.message, SH.name, SH.description, SH.order, SH.group, RDF.type, RDFS.comment, RDFS.label,
                  SH.targetClass, SH.severity, SH.path, SH.qualifiedMinCount, SH.qualifiedMaxCount, SH.flags}
SUPPORTED = {SH.property, SH.minCount, SH.maxCount, SH.datatype, SH["class"], SH.nodeKind, SH["in"], SH.hasValue,
             SH.pattern, SH.minLength, SH.minInclusive, SH.maxInclusive, SH.lessThan, SH.lessThanOrEquals,
             SH.disjoint, SH["or"], SH["not"], SH.node, SH.qualifiedValueShape}


class Unsupported(ValueError):
    """The shapes use something this checker does not implement."""


@dataclass(frozen=True)
class Result:
    focus: Node
    path: Optional[Node]
    component: URIRef
    severity: URIRef


@dataclass
class Shape:
    node: Node
    path: Optional[tuple] = None            # ("p", iri) | ("inv", iri) | ("seq", (step, ...))
    path_node: Optional[Node] = None        # the sh:path value as written (results report it)
    severity: URIRef = SH.Violation
    targets: list = field(default_factory=list)
    constraints: list = field(default_factory=list)   # (component, parameter)
    properties: list = field(default_factory=list)    # property shapes (Shape)


# ------------------------------------------------------------------------------------------------ compiling


def _path(g: Graph, p: Node) -> tuple:
    if isinstance(p, URIRef):
        return ("p", p)
    inv = g.value(p, SH.inversePath)
    if isinstance(inv, URIRef):
        return ("inv", inv)
    if g.value(p, RDF.first) is not None:
        return ("seq", tuple(_path(g, step) for step in g.items(p)))
    raise Unsupported(f"path {p} is not a predicate, inverse or sequence path")


def compile_shapes(g: Graph) -> list[Shape]:
    """The node shapes with targets, each with its constraints and property shapes, nested shapes compiled."""
    cache: dict[Node, Shape] = {}

    def shape(node: Node) -> Shape:
        if node in cache:
            return cache[node]
        s = Shape(node)
        cache[node] = s
        path = g.value(node, SH.path)
        if path is not None:
            s.path, s.path_node = _path(g, path), path
        s.severity = g.value(node, SH.severity) or SH.Violation
        s.targets = list(g.objects(node, SH.targetClass))
        for p, o in g.predicate_objects(node):
            if p in PARAMS_IGNORED:
                continue
            if p not in SUPPORTED:
                raise Unsupported(f"{node}: {p} is not implemented by the fast check")
            if p == SH.property:
                s.properties.append(shape(o))
            elif p == SH["or"]:
                s.constraints.append((SH.OrConstraintComponent, [shape(m) for m in g.items(o)]))
            elif p == SH["in"]:
                s.constraints.append((SH.InConstraintComponent, frozenset(g.items(o))))
            elif p == SH["not"]:
                s.constraints.append((SH.NotConstraintComponent, shape(o)))
            elif p == SH.node:
                s.constraints.append((SH.NodeConstraintComponent, shape(o)))
            elif p == SH.qualifiedValueShape:
                lo, hi = g.value(node, SH.qualifiedMinCount), g.value(node, SH.qualifiedMaxCount)
                if lo is not None:
                    s.constraints.append((SH.QualifiedMinCountConstraintComponent, (shape(o), int(lo))))
                if hi is not None:
                    s.constraints.append((SH.QualifiedMaxCountConstraintComponent, (shape(o), int(hi))))
            elif p == SH.pattern:
                flags = str(g.value(node, SH.flags) or "")
                s.constraints.append((SH.PatternConstraintComponent,
                                      re.compile(str(o), re.IGNORECASE if "i" in flags else 0)))
            else:
                s.constraints.append((_COMPONENT[p], o))
        return s

    roots = [n for n in set(g.subjects(SH.targetClass, None))]
    return [shape(n) for n in sorted(roots, key=str)]


_COMPONENT = {
    SH.minCount: SH.MinCountConstraintComponent, SH.maxCount: SH.MaxCountConstraintComponent,
    SH.datatype: SH.DatatypeConstraintComponent, SH["class"]: SH.ClassConstraintComponent,
    SH.nodeKind: SH.NodeKindConstraintComponent, SH.hasValue: SH.HasValueConstraintComponent,
    SH.minLength: SH.MinLengthConstraintComponent, SH.minInclusive: SH.MinInclusiveConstraintComponent,
    SH.maxInclusive: SH.MaxInclusiveConstraintComponent, SH.lessThan: SH.LessThanConstraintComponent,
    SH.lessThanOrEquals: SH.LessThanOrEqualsConstraintComponent, SH.disjoint: SH.DisjointConstraintComponent,
}


# ------------------------------------------------------------------------------------------------ checking


class Data:
    """A data graph read once: values by subject and predicate, and the inverse for inverse paths."""

    def __init__(self, triples: Iterable[tuple]):
        self.out: dict = defaultdict(lambda: defaultdict(list))
        self.inv: dict = defaultdict(lambda: defaultdict(list))
        for s, p, o in triples:
            self.out[s][p].append(o)
            self.inv[o][p].append(s)
        self._instances: dict = {}

    def values(self, focus: Node, path: tuple) -> list:
        kind, arg = path
        if kind == "p":
            return list(dict.fromkeys(self.out.get(focus, {}).get(arg, ())))
        if kind == "inv":
            return list(dict.fromkeys(self.inv.get(focus, {}).get(arg, ())))
        nodes = [focus]
        for step in arg:
            nodes = list(dict.fromkeys(v for n in nodes for v in self.values(n, step)))
        return nodes

    def superclasses(self, cls: Node) -> set:
        seen, todo = {cls}, [cls]
        while todo:
            for sup in self.out.get(todo.pop(), {}).get(RDFS.subClassOf, ()):
                if sup not in seen:
                    seen.add(sup)
                    todo.append(sup)
        return seen

    def is_instance(self, node: Node, cls: Node) -> bool:
        return any(cls in self.superclasses(t) for t in self.out.get(node, {}).get(RDF.type, ()))

    def instances(self, cls: Node) -> list:
        if cls not in self._instances:
            subs, todo = {cls}, [cls]
            while todo:
                for sub in self.inv.get(todo.pop(), {}).get(RDFS.subClassOf, ()):
                    if sub not in subs:
                        subs.add(sub)
                        todo.append(sub)
            self._instances[cls] = list(dict.fromkeys(n for c in subs for n in self.inv.get(c, {}).get(RDF.type, ())))
        return self._instances[cls]


def _datatype_ok(v: Node, dt: Node) -> bool:
    if not isinstance(v, Literal):
        return False
    if dt == RDF.langString:
        return v.language is not None
    have = v.datatype or (None if v.language else XSD.string)
    return have == dt and not v.ill_typed


def _compare(a: Node, b: Node) -> Optional[int]:
    """-1, 0, 1, or None when the two cannot be compared (SHACL's lessThan / minInclusive)."""
    if not (isinstance(a, Literal) and isinstance(b, Literal)):
        return None
    x, y = a.toPython(), b.toPython()
    if isinstance(x, Literal) or isinstance(y, Literal):
        return None
    numeric = (int, float, Decimal)
    if isinstance(x, bool) or isinstance(y, bool):
        return None
    if isinstance(x, numeric) and isinstance(y, numeric):
        x, y = (Decimal(str(x)), Decimal(str(y))) if isinstance(x, Decimal) or isinstance(y, Decimal) else (x, y)
    elif type(x) is not type(y):
        return None
    try:
        return (x > y) - (x < y)
    except TypeError:
        return None


class Checker:
    def __init__(self, shapes: list[Shape]):
        self.shapes = shapes

    def validate(self, triples: Iterable[tuple], focus_filter=None) -> list[Result]:
        data = Data(triples)
        out: list[Result] = []
        for shape in self.shapes:
            focus_nodes = list(dict.fromkeys(n for c in shape.targets for n in data.instances(c)))
            for f in focus_nodes:
                if focus_filter is None or f in focus_filter:
                    self._shape(data, shape, f, out)
        return out

    def conforms(self, data: Data, shape: Shape, node: Node) -> bool:
        found: list[Result] = []
        self._shape(data, shape, node, found, nested=True)
        return not found

    def _shape(self, data: Data, shape: Shape, focus: Node, out: list, nested: bool = False) -> None:
        values = data.values(focus, shape.path) if shape.path is not None else [focus]
        path = shape.path_node
        for component, param in shape.constraints:
            for bad in self._check(data, component, param, focus, values):
                if nested and out:
                    return
                out.append(Result(focus, path, component, shape.severity))
                if component == SH.NodeConstraintComponent and not nested:
                    # pySHACL reports why the node failed too (sh:detail results, read as results)
                    for v in values:
                        self._shape(data, param, v, out)
        for prop in shape.properties:
            for v in values:
                before = len(out)
                self._shape(data, prop, v, out, nested)
                if nested and len(out) > before:
                    return

    def _check(self, data: Data, c: URIRef, p: Any, focus: Node, values: list) -> Iterable[bool]:
        if c == SH.MinCountConstraintComponent:
            return [True] if len(values) < int(p) else []
        if c == SH.MaxCountConstraintComponent:
            return [True] if len(values) > int(p) else []
        if c == SH.HasValueConstraintComponent:
            return [] if p in values else [True]
        if c == SH.QualifiedMinCountConstraintComponent:
            shape, n = p
            return [True] if sum(self.conforms(data, shape, v) for v in values) < n else []
        if c == SH.QualifiedMaxCountConstraintComponent:
            shape, n = p
            return [True] if sum(self.conforms(data, shape, v) for v in values) > n else []
        if c in (SH.LessThanConstraintComponent, SH.LessThanOrEqualsConstraintComponent, SH.DisjointConstraintComponent):
            others = data.values(focus, ("p", p))
            bad = []
            for v in values:
                for w in others:
                    if c == SH.DisjointConstraintComponent:
                        if v == w:
                            bad.append(True)
                        continue
                    cmp = _compare(v, w)
                    if cmp is None or cmp > 0 or (cmp == 0 and c == SH.LessThanConstraintComponent):
                        bad.append(True)
            return bad
        return [True for v in values if not self._value_ok(data, c, p, v)]

    def _value_ok(self, data: Data, c: URIRef, p: Any, v: Node) -> bool:
        if c == SH.DatatypeConstraintComponent:
            return _datatype_ok(v, p)
        if c == SH.ClassConstraintComponent:
            return not isinstance(v, Literal) and data.is_instance(v, p)
        if c == SH.NodeKindConstraintComponent:
            return {SH.IRI: isinstance(v, URIRef), SH.BlankNode: isinstance(v, BNode),
                    SH.Literal: isinstance(v, Literal),
                    SH.BlankNodeOrIRI: isinstance(v, (URIRef, BNode)),
                    SH.BlankNodeOrLiteral: isinstance(v, (BNode, Literal)),
                    SH.IRIOrLiteral: isinstance(v, (URIRef, Literal))}[p]
        if c == SH.InConstraintComponent:
            return v in p
        if c == SH.PatternConstraintComponent:
            return not isinstance(v, BNode) and p.search(str(v)) is not None
        if c == SH.MinLengthConstraintComponent:
            return not isinstance(v, BNode) and len(str(v)) >= int(p)
        if c in (SH.MinInclusiveConstraintComponent, SH.MaxInclusiveConstraintComponent):
            cmp = _compare(v, p)
            return cmp is not None and (cmp >= 0 if c == SH.MinInclusiveConstraintComponent else cmp <= 0)
        if c == SH.OrConstraintComponent:
            return any(self.conforms(data, s, v) for s in p)
        if c == SH.NotConstraintComponent:
            return not self.conforms(data, p, v)
        if c == SH.NodeConstraintComponent:
            return self.conforms(data, p, v)
        raise Unsupported(str(c))
