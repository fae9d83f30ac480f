"""Read-only access to the store for pages: triples about a resource, labels, types, incoming links.

Every read goes over the union of the named graphs (documents + entities), in-process on the read-only store.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator

import pyoxigraph as ox

from marketgraph.graph.labels import ALT_LABEL_PROPS, DESCRIPTION_PROPS, LABEL_PROPS, local_name
from marketgraph.graph.labels import best_label as _best

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SCHEMA = "https://schema.org/"
DCT = "http://purl.org/dc/terms/"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
MG = "https://w3id.org/marketgraph/ontology#"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"

LABEL_NODES = tuple(ox.NamedNode(p) for p in LABEL_PROPS)

PREFIXES = {
    "mg": MG, "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdfs": RDFS, "owl": OWL, "xsd": XSD,
    "skos": SKOS, "schema": SCHEMA, "dct": DCT, "prov": PROV, "oa": OA, "time": "http://www.w3.org/2006/time#",
    "qudt": "http://qudt.org/schema/qudt/", "unit": "http://qudt.org/vocab/unit/",
    "cur": "http://qudt.org/vocab/currency/", "void": "http://rdfs.org/ns/void#", "foaf": "http://xmlns.com/foaf/0.1/",
}

EVIDENCE_CHAIN = {MG + "evidence", OA + "hasTarget", OA + "hasSelector", OA + "refinedBy"}
LABEL_LIST = ", ".join(f"<{p}>" for p in LABEL_PROPS)
VALUES_CHUNK = 400   # IRIs per VALUES block: a page's worth in one query, a bounded query text beyond
FEW = 2              # this many IRIs or fewer are read by index lookups (cheaper than parsing a query)
NUMERIC_TYPES = {XSD + t for t in ("decimal", "integer", "int", "long", "double", "float", "short",
                                   "nonNegativeInteger", "positiveInteger", "negativeInteger",
                                   "nonPositiveInteger", "unsignedInt", "unsignedLong")}


def valid_iri(iri: str) -> bool:
    """Whether the text is an IRI the store accepts (no spaces, quotes, NULs ...): anything else is looked up as
    nothing rather than failing."""
    try:
        ox.NamedNode(iri)
    except ValueError:
        return False
    return True


def curie(iri: str) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def expand(term: str) -> str:
    """``mg:Smartphone`` -> full IRI for the known prefixes; anything else unchanged."""
    if ":" in term and not term.startswith(("http://", "https://")):
        prefix, _, name = term.partition(":")
        if prefix in PREFIXES:
            return PREFIXES[prefix] + name
    return term


def chunks(items: list[str], size: int | None = None) -> Iterator[list[str]]:
    size = size or VALUES_CHUNK
    for i in range(0, len(items), size):
        yield items[i:i + size]


def values(iris: Iterable[str]) -> str:
    """IRIs as the body of a VALUES block, each written by pyoxigraph (an invalid IRI raises ValueError)."""
    return " ".join(str(ox.NamedNode(i)) for i in iris)


@dataclass
class GraphView:
    store: ox.Store
    base: str

    # ---- raw access -------------------------------------------------------------------------------------------
    def select(self, query: str, **bindings: ox.NamedNode | ox.Literal) -> list[dict[str, object]]:
        """Run a SELECT over the union graph; ``$name`` in the text is replaced by the term's N-Triples form
        (pyoxigraph escapes it), so values are never spliced in as raw text."""
        for name, term in bindings.items():
            query = query.replace(f"${name}", str(term))
        res = self.store.query(query, use_default_graph_as_union=True, prefixes=PREFIXES)
        names = [v.value for v in res.variables]
        return [{n: v for n, v in zip(names, sol) if v is not None} for sol in res]

    def tuples(self, query: str) -> Iterator[tuple[object, ...]]:
        """A SELECT's solutions as tuples in the projection's order (None where unbound): no per-row dictionary,
        for the queries that read a page's worth of rows."""
        for sol in self.store.query(query, use_default_graph_as_union=True, prefixes=PREFIXES):
            yield tuple(sol)

    def quads_from(self, iri: str) -> Iterator[ox.Quad]:
        return self.store.quads_for_pattern(ox.NamedNode(iri), None, None, None)

    def quads_to(self, iri: str) -> Iterator[ox.Quad]:
        return self.store.quads_for_pattern(None, None, ox.NamedNode(iri), None)

    def exists(self, iri: str) -> bool:
        if not valid_iri(iri):
            return False
        node = ox.NamedNode(iri)
        for _ in self.store.quads_for_pattern(node, None, None, None):
            return True
        for _ in self.store.quads_for_pattern(None, None, node, None):
            return True
        return False

    # ---- descriptions -----------------------------------------------------------------------------------------
    def description(self, iri: str, incoming_cap: int = 5000) -> list[ox.Triple]:
        """What the store holds about ``iri``: its triples; the same for its blank nodes, its ``iri#…``
        sub-resources and its evidence chain (mg:evidence, oa:hasTarget, oa:hasSelector); and the triples
        pointing at it (at most ``incoming_cap``)."""
        seen: set[ox.Triple] = set()
        out: list[ox.Triple] = []
        todo: list[ox.NamedNode | ox.BlankNode] = [ox.NamedNode(iri)]
        visited: set[object] = set()
        while todo:
            node = todo.pop()
            if node in visited:
                continue
            visited.add(node)
            for q in self.store.quads_for_pattern(node, None, None, None):
                t = q.triple
                if t not in seen:
                    seen.add(t)
                    out.append(t)
                o = t.object
                if isinstance(o, ox.BlankNode) or (isinstance(o, ox.NamedNode) and (
                        o.value.startswith(iri + "#") or t.predicate.value in EVIDENCE_CHAIN)):
                    todo.append(o)
        n = 0
        for q in self.quads_to(iri):
            t = q.triple
            if t not in seen:
                seen.add(t)
                out.append(t)
                n += 1
                if n >= incoming_cap:
                    break
        return out

    def props(self, iri: str) -> dict[str, list[object]]:
        out: dict[str, list[object]] = {}
        for q in self.quads_from(iri):
            vals = out.setdefault(q.predicate.value, [])
            if q.object not in vals:
                vals.append(q.object)
        return out

    # ---- labels and types -------------------------------------------------------------------------------------
    def labels(self, iris: Iterable[str]) -> dict[str, str]:
        """Preferred label of each IRI (skos:prefLabel, rdfs:label, schema:name, dct:title; English first). A page's
        worth of IRIs is read with one query per :data:`VALUES_CHUNK` of them (one or two IRIs by index lookups), so
        the number of store calls does not grow with the IRIs."""
        wanted = sorted(set(iris))
        if len(wanted) <= FEW:
            return self._labels_by_lookup(wanted)
        found: dict[str, dict[int, list[ox.Literal]]] = {}
        for chunk in chunks(wanted):
            for s, p, lit in self.tuples(f"SELECT ?s ?p ?l WHERE {{ VALUES ?s {{ {values(chunk)} }} ?s ?p ?l "
                                         f"FILTER(?p IN ({LABEL_LIST}) && isLiteral(?l)) }}"):
                found.setdefault(s.value, {}).setdefault(LABEL_PROPS.index(p.value), []).append(lit)
        return {iri: _best(by_rank[min(by_rank)]) for iri, by_rank in found.items()}

    def _labels_by_lookup(self, wanted: list[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for iri in wanted:
            node = ox.NamedNode(iri)
            for p in LABEL_NODES:
                found = [q.object for q in self.store.quads_for_pattern(node, p, None, None)
                         if isinstance(q.object, ox.Literal)]
                if found:
                    out[iri] = _best(found)
                    break
        return out

    def label(self, iri: str) -> str:
        return self.labels([iri]).get(iri) or local_name(iri)

    def types(self, iri: str) -> list[str]:
        return sorted({q.object.value for q in self.store.quads_for_pattern(
            ox.NamedNode(iri), ox.NamedNode(RDF_TYPE), None, None) if isinstance(q.object, ox.NamedNode)})

    def alt_labels(self, iri: str) -> list[str]:
        vals = []
        for q in self.quads_from(iri):
            if q.predicate.value in ALT_LABEL_PROPS and isinstance(q.object, ox.Literal):
                if q.object.value not in vals:
                    vals.append(q.object.value)
        return vals

    def first_literal(self, iri: str, props: tuple[str, ...]) -> str | None:
        for p in props:
            for q in self.store.quads_for_pattern(ox.NamedNode(iri), ox.NamedNode(p), None, None):
                if isinstance(q.object, ox.Literal):
                    return q.object.value
        return None

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode))
