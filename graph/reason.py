"""Materialise what the ontology entails, with a small rule set read from the ontology graph.

Rules (a fast subset of RDFS/OWL-RL): rdfs:subClassOf and owl:equivalentClass closure of rdf:type;
rdfs:subPropertyOf / owl:equivalentProperty closure of every property; owl:inverseOf; owl:TransitiveProperty
closure (regions part of regions). Domains and ranges are not applied (they would type literals and external
nodes). External superclasses (schema.org, PROV, OWL-Time, SKOS) come with the subclass closure.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef


@dataclass(frozen=True)
class Rules:
    superclasses: dict[URIRef, frozenset[URIRef]]     # class -> all strict superclasses
    superproperties: dict[URIRef, frozenset[URIRef]]  # property -> all strict superproperties
    inverses: dict[URIRef, frozenset[URIRef]]
    transitive: frozenset[URIRef]


def _closure(edges: dict[URIRef, set[URIRef]]) -> dict[URIRef, frozenset[URIRef]]:
    out: dict[URIRef, frozenset[URIRef]] = {}
    for start in edges:
        seen: set[URIRef] = set()
        todo = list(edges[start])
        while todo:
            n = todo.pop()
            if n in seen or n == start:
                continue
            seen.add(n)
            todo.extend(edges.get(n, ()))
        out[start] = frozenset(seen)
    return out


def _edges(ontology: Graph, sub: URIRef, equivalent: URIRef) -> dict[URIRef, set[URIRef]]:
    edges: dict[URIRef, set[URIRef]] = defaultdict(set)
    for s, o in ontology.subject_objects(sub):
        if isinstance(s, URIRef) and isinstance(o, URIRef):
            edges[s].add(o)
    for s, o in ontology.subject_objects(equivalent):
        if isinstance(s, URIRef) and isinstance(o, URIRef):
            edges[s].add(o)
            edges[o].add(s)
    return edges


def rules_from(ontology: Graph) -> Rules:
    """Read the rule tables from the ontology (all modules in one graph)."""
    inverses: dict[URIRef, set[URIRef]] = defaultdict(set)
    for s, o in ontology.subject_objects(OWL.inverseOf):
        if isinstance(s, URIRef) and isinstance(o, URIRef):
            inverses[s].add(o)
            inverses[o].add(s)
    return Rules(
        superclasses=_closure(_edges(ontology, RDFS.subClassOf, OWL.equivalentClass)),
        superproperties=_closure(_edges(ontology, RDFS.subPropertyOf, OWL.equivalentProperty)),
        inverses={k: frozenset(v) for k, v in inverses.items()},
        transitive=frozenset(p for p in ontology.subjects(RDF.type, OWL.TransitiveProperty) if isinstance(p, URIRef)),
    )


def _transitive(triples: set[tuple], p: URIRef) -> set[tuple]:
    succ: dict = defaultdict(set)
    for s, q, o in triples:
        if q == p:
            succ[s].add(o)
    new = set()
    for start in list(succ):
        seen: set = set()
        todo = list(succ[start])
        while todo:
            n = todo.pop()
            if n in seen:
                continue
            seen.add(n)
            todo.extend(succ.get(n, ()))
        new.update((start, p, o) for o in seen if o not in succ[start] and o != start)
    return new


def entailments(triples: Iterable[tuple], rules: Rules) -> set[tuple]:
    """What ``rules`` entail from ``triples`` (to a fixed point) that ``triples`` does not hold already.

    Plain Python sets of rdflib terms: no store is touched, so the caller decides where the entailments go."""
    have = set(triples)
    added: set[tuple] = set()
    todo = have
    for _ in range(8):
        new: set[tuple] = set()
        for s, p, o in todo:
            for q in rules.superproperties.get(p, ()):
                new.add((s, q, o))
            for inv in rules.inverses.get(p, ()):
                if not isinstance(o, Literal):
                    new.add((o, inv, s))
            if p == RDF.type:
                for c in rules.superclasses.get(o, ()):
                    new.add((s, RDF.type, c))
        for p in rules.transitive:
            new.update(_transitive(have, p))
        new -= have
        if not new:
            break
        have |= new
        added |= new
        todo = new
    return added


def apply_rules(graph: Graph, rules: Rules) -> Graph:
    """A new graph: ``graph`` plus everything the rules entail (to a fixed point)."""
    out = Graph(namespace_manager=graph.namespace_manager)
    out += graph
    return materialise_in_place(out, rules)


def materialise_in_place(graph: Graph, rules: Rules) -> Graph:
    """Add to ``graph`` itself what ``rules`` entail (no copy); returns ``graph``."""
    for t in entailments(graph, rules):
        graph.add(t)
    return graph


def materialise(graph: Graph, ontology_graph: Graph) -> Graph:
    """``graph`` plus the subclass, subproperty, inverse and transitive entailments of ``ontology_graph``."""
    return apply_rules(graph, rules_from(ontology_graph))
