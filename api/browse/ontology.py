"""The ontology as served at /ontology: the Turtle modules in ontology/ read once, and a term index for pages."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.namespace import SKOS

MG_NS = "https://w3id.org/marketgraph/ontology#"
KIND_OF = {OWL.Class: "class", RDFS.Class: "class", OWL.ObjectProperty: "object property",
           OWL.DatatypeProperty: "datatype property", OWL.AnnotationProperty: "annotation property",
           RDF.Property: "property", SKOS.ConceptScheme: "concept scheme"}


@dataclass
class Term:
    iri: str
    name: str
    kind: str
    label: str
    comment: str = ""
    parents: list[str] = field(default_factory=list)
    children: list[str] = field(default_factory=list)
    domain: list[str] = field(default_factory=list)
    range: list[str] = field(default_factory=list)
    equivalents: list[str] = field(default_factory=list)


def _ox(term) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)) if term.datatype else None)


def _text(g: Graph, node: URIRef, *props: URIRef) -> str:
    for p in props:
        vals = [o for o in g.objects(node, p) if isinstance(o, Literal)]
        vals.sort(key=lambda o: (o.language not in (None, "en"), str(o)))
        if vals:
            return str(vals[0])
    return ""


@dataclass
class Ontology:
    graph: Graph
    terms: dict[str, Term]  # by local name in the mg: namespace

    @classmethod
    def load(cls, folder: Path) -> "Ontology":
        g = Graph()
        for path in sorted(folder.glob("*.ttl")):
            g.parse(path, format="turtle")
        terms: dict[str, Term] = {}
        for s in set(g.subjects()):
            if not isinstance(s, URIRef) or not str(s).startswith(MG_NS) or len(str(s)) == len(MG_NS):
                continue
            kinds = [KIND_OF[t] for t in g.objects(s, RDF.type) if t in KIND_OF]
            name = str(s)[len(MG_NS):]
            terms[name] = Term(
                iri=str(s), name=name, kind=kinds[0] if kinds else "term",
                label=_text(g, s, RDFS.label, SKOS.prefLabel) or name,
                comment=_text(g, s, RDFS.comment, SKOS.definition),
                parents=sorted(str(o) for o in g.objects(s, RDFS.subClassOf) if isinstance(o, URIRef))
                + sorted(str(o) for o in g.objects(s, RDFS.subPropertyOf) if isinstance(o, URIRef)),
                domain=sorted(str(o) for o in g.objects(s, RDFS.domain) if isinstance(o, URIRef)),
                range=sorted(str(o) for o in g.objects(s, RDFS.range) if isinstance(o, URIRef)),
                equivalents=sorted(str(o) for p in (OWL.equivalentClass, OWL.equivalentProperty)
                                   for o in g.objects(s, p) if isinstance(o, URIRef)),
            )
        for t in terms.values():
            for p in t.parents:
                if p.startswith(MG_NS) and p[len(MG_NS):] in terms:
                    terms[p[len(MG_NS):]].children.append(t.iri)
        return cls(g, terms)

    def label(self, iri: str) -> str | None:
        t = self.terms.get(iri[len(MG_NS):]) if iri.startswith(MG_NS) else None
        if t:
            return t.label
        lab = _text(self.graph, URIRef(iri), RDFS.label)
        return lab or None

    def ancestors(self, iri: str) -> set[str]:
        out: set[str] = set()
        todo = [iri]
        while todo:
            cur = todo.pop()
            for o in self.graph.objects(URIRef(cur), RDFS.subClassOf):
                if isinstance(o, URIRef) and str(o) not in out:
                    out.add(str(o))
                    todo.append(str(o))
        return out

    def most_specific(self, types: list[str]) -> list[str]:
        """Types that are not an ancestor of another of the given types (mg: terms first)."""
        anc: set[str] = set()
        for t in types:
            anc |= self.ancestors(t)
        keep = [t for t in types if t not in anc]
        return sorted(keep, key=lambda t: (not t.startswith(MG_NS), t))

    def term_triples(self, iri: str) -> list[ox.Triple]:
        """The ontology's triples about a term (as subject or object), as pyoxigraph triples."""
        node = URIRef(iri)
        return [ox.Triple(*(_ox(t) for t in triple))
                for triple in list(self.graph.triples((node, None, None))) + list(self.graph.triples((None, None, node)))]

    def all_triples(self) -> list[ox.Triple]:
        return [ox.Triple(*(_ox(t) for t in triple)) for triple in self.graph]
