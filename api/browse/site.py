"""Site-wide views of the graph: home-page counts, class instances, VoID description, sitemap, data dump."""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

import pyoxigraph as ox

from .graphview import MG, RDF_TYPE, GraphView, local_name

VOID = "http://rdfs.org/ns/void#"
DCT = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"
DATE_PROPS = ("https://schema.org/datePublished", DCT + "date", DCT + "issued", "https://schema.org/dateCreated")


@dataclass
class ClassCount:
    iri: str
    count: int


@dataclass
class DocumentSummary:
    iri: str
    label: str
    date: str
    genre: str


def class_counts(view: GraphView) -> list[ClassCount]:
    prefix = view.base + "/id/"
    rows = view.select(
        "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c FILTER(STRSTARTS(STR(?s), $prefix)) } "
        "GROUP BY ?c ORDER BY DESC(?n) ?c", prefix=ox.Literal(prefix))
    return [ClassCount(r["c"].value, int(r["n"].value)) for r in rows if isinstance(r.get("c"), ox.NamedNode)]


def documents(view: GraphView) -> list[DocumentSummary]:
    out = []
    for q in view.store.quads_for_pattern(None, ox.NamedNode(RDF_TYPE), ox.NamedNode(MG + "Document"), None):
        d = q.subject.value
        if any(x.iri == d for x in out):
            continue
        date = view.first_literal(d, DATE_PROPS) or ""
        genre = view.first_literal(d, (MG + "genre",)) or ""
        out.append(DocumentSummary(d, view.label(d), date, genre))
    return sorted(out, key=lambda x: (x.date, x.label), reverse=True)


def instances(view: GraphView, cls: str, offset: int, limit: int) -> tuple[int, list[str]]:
    rows = view.select("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a $c }", c=ox.NamedNode(cls))
    total = int(rows[0]["n"].value) if rows else 0
    page = view.select(f"SELECT DISTINCT ?s WHERE {{ ?s a $c }} ORDER BY ?s LIMIT {int(limit)} OFFSET {int(offset)}",
                       c=ox.NamedNode(cls))
    return total, [r["s"].value for r in page if isinstance(r.get("s"), ox.NamedNode)]


def void_triples(view: GraphView) -> list[ox.Triple]:
    base = view.base
    ds = ox.NamedNode(f"{base}/.well-known/void#dataset")
    t = lambda s, p, o: ox.Triple(s, ox.NamedNode(p), o)  # noqa: E731
    nn, lit = ox.NamedNode, ox.Literal
    out = [
        t(ds, RDF_TYPE, nn(VOID + "Dataset")),
        t(ds, DCT + "title", lit("marketgraph")),
        t(ds, DCT + "description", lit("Products, markets and metrics read from corporate documents; "
                                       "every fact links to the quote it was read from.")),
        t(ds, VOID + "sparqlEndpoint", nn(f"{base}/sparql")),
        t(ds, VOID + "uriSpace", lit(f"{base}/id/")),
        t(ds, VOID + "dataDump", nn(f"{base}/dump.nq")),
        t(ds, VOID + "vocabulary", nn(MG)),
        t(ds, VOID + "rootResource", nn(f"{base}/")),
        t(ds, VOID + "uriLookupEndpoint", nn(f"{base}/api/entities?q=")),
        t(ds, VOID + "triples", lit(str(len(view.store)), datatype=nn(XSD + "integer"))),
    ]
    for i, r in enumerate(view.select("SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY ?c")):
        if not isinstance(r.get("c"), ox.NamedNode):
            continue
        part = ox.BlankNode(f"class{i}")
        out += [t(ds, VOID + "classPartition", part), t(part, VOID + "class", r["c"]),
                t(part, VOID + "entities", lit(r["n"].value, datatype=nn(XSD + "integer")))]
    for i, r in enumerate(view.select("SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY ?p")):
        part = ox.BlankNode(f"prop{i}")
        out += [t(ds, VOID + "propertyPartition", part), t(part, VOID + "property", r["p"]),
                t(part, VOID + "triples", lit(r["n"].value, datatype=nn(XSD + "integer")))]
    for g in view.graphs():
        sub = ox.NamedNode(g)
        out += [t(ds, VOID + "subset", sub), t(sub, RDF_TYPE, nn(VOID + "Dataset"))]
    return out


def sitemap(view: GraphView, extra_paths: list[str]) -> str:
    prefix = view.base + "/id/"
    seen: set[str] = set()
    for q in view.store.quads_for_pattern(None, None, None, None):
        s = q.subject
        if isinstance(s, ox.NamedNode) and s.value.startswith(prefix) and "#" not in s.value:
            seen.add(s.value)
    urls = [view.base + p for p in extra_paths] + sorted(seen)
    body = "".join(f"<url><loc>{escape(u)}</loc></url>" for u in urls)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</urlset>\n')


def term_name(iri: str) -> str:
    return local_name(iri)
