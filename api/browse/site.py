"""Site-wide views of the graph: home-page counts, class instances, VoID description, sitemap, data dump."""
from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any, Mapping

import pyoxigraph as ox

from .graphview import MG, RDF_TYPE, GraphView, local_name, valid_iri, values

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
    """Every document with its title, date and genre, newest first (one query)."""
    rows = view.select("SELECT ?d (SAMPLE(?t) AS ?title) (SAMPLE(?date) AS ?day) (SAMPLE(?g) AS ?genre) WHERE { "
                       "?d a mg:Document . OPTIONAL { ?d rdfs:label ?t } OPTIONAL { ?d schema:datePublished ?date } "
                       "OPTIONAL { ?d mg:genre ?g } } GROUP BY ?d")
    out = [DocumentSummary(r["d"].value, r["title"].value if r.get("title") else local_name(r["d"].value),
                           r["day"].value if r.get("day") else "", r["genre"].value if r.get("genre") else "")
           for r in rows if isinstance(r.get("d"), ox.NamedNode)]
    return sorted(out, key=lambda x: (x.date, x.label), reverse=True)


@dataclass
class Headline:
    iri: str
    label: str
    facts: int


@dataclass
class HomeData:
    """What the home page shows, computed once per served store."""
    documents: list[DocumentSummary]
    genres: dict[str, int]
    companies: list[Headline]
    products: list[Headline]
    markets: list[Headline]
    metrics: list[Headline]
    facts: int


HEADS = (("subject", "Company"), ("subject", "Product"), ("market", "Market"), ("metric", "Metric"))


def _top(view: GraphView, predicate: str, cls: str, limit: int = 8) -> list[Headline]:
    rows = view.select(f"SELECT ?e (COUNT(?f) AS ?n) WHERE {{ ?f $p ?e ; mg:factKind ?k . ?e a $c }} "
                       f"GROUP BY ?e ORDER BY DESC(?n) ?e LIMIT {int(limit)}",
                       p=ox.NamedNode(predicate), c=ox.NamedNode(cls))
    labels = view.labels(r["e"].value for r in rows)
    return [Headline(r["e"].value, labels.get(r["e"].value, local_name(r["e"].value)), int(r["n"].value))
            for r in rows if isinstance(r.get("e"), ox.NamedNode)]


def home_data(view: GraphView, counts: Mapping[str, Any] | None = None) -> HomeData:
    """The home page's data. ``counts`` are those the publication kept in the catalogue (graph/headlines.py): then
    no query reads the facts, only the documents, the labels and the types of the leading entities; without them
    (a store loaded from a file, or published before counts were kept) the facts are counted here."""
    docs = documents(view)
    genres: dict[str, int] = {}
    for d in docs:
        genres[d.genre or "unknown"] = genres.get(d.genre or "unknown", 0) + 1
    if counts is not None:
        return HomeData(docs, genres, *(_top_counted(view, counts.get(role) or {}, MG + cls) for role, cls in HEADS),
                        int(counts.get("facts") or 0))
    facts = view.select("SELECT (COUNT(?f) AS ?n) WHERE { ?f mg:factKind ?k }")
    return HomeData(docs, genres, *(_top(view, MG + role, MG + cls) for role, cls in HEADS),
                    int(facts[0]["n"].value) if facts else 0)


def _top_counted(view: GraphView, counts: Mapping[str, int], cls: str, limit: int = 8) -> list[Headline]:
    """The ``limit`` entities of class ``cls`` with the most facts, from kept counts: the typed ones among the
    entities in order of count, asked 64 at a time (one query unless the leaders are mostly of other classes)."""
    ranked = [(iri, n) for iri, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if valid_iri(iri)]
    chosen: list[tuple[str, int]] = []
    for chunk in (ranked[i:i + 64] for i in range(0, len(ranked), 64)):
        typed = {r["e"].value for r in view.select(
            f"SELECT DISTINCT ?e WHERE {{ VALUES ?e {{ {values(iri for iri, _ in chunk)} }} ?e a {ox.NamedNode(cls)} }}")}
        chosen += [(iri, n) for iri, n in chunk if iri in typed]
        if len(chosen) >= limit:
            break
    chosen = chosen[:limit]
    labels = view.labels(iri for iri, _ in chosen)
    return [Headline(iri, labels.get(iri, local_name(iri)), n) for iri, n in chosen]


PAGE_SIZE = 50     # instances per class page
# Class pages read one window of a class's instances in the store's order and page through it sorted by IRI: an
# ORDER BY over the class sorts every instance on every page (12 s for the 47,580 facts at 1 M triples) and OFFSET
# reads every row it skips; the window is read with LIMIT, so a page costs at most CLASS_PAGES·PAGE_SIZE + 1 rows.
CLASS_PAGES = 20


@dataclass
class Instances:
    """One page of a class's instances, and what the pager needs."""
    members: list[str]     # this page's IRIs, in IRI order
    total: int             # the instances counted: all of them, or the window when ``beyond``
    pages: int
    beyond: bool           # the class has more instances than the pages show; the SPARQL query lists them all
    query: str             # the SPARQL query that lists every instance


def instances(view: GraphView, cls: str, page: int, size: int = PAGE_SIZE) -> Instances:
    """Page ``page`` of the instances of ``cls``. A class with at most ``CLASS_PAGES * size`` instances is listed
    whole in IRI order, as before; a larger one by the first ``CLASS_PAGES * size`` the store gives, sorted by IRI,
    with ``beyond`` set. One query reads at most ``CLASS_PAGES * size + 1`` distinct instances, no sort over the
    class and no OFFSET."""
    window = CLASS_PAGES * size
    rows = view.select(f"SELECT DISTINCT ?s WHERE {{ ?s a $c }} LIMIT {int(window) + 1}", c=ox.NamedNode(cls))
    found = sorted(r["s"].value for r in rows if isinstance(r.get("s"), ox.NamedNode))
    beyond = len(rows) > window
    found = found[:window] if beyond else found
    start = (page - 1) * size
    return Instances(found[start:start + size], len(found), max(1, -(-len(found) // size)), beyond,
                     f"SELECT DISTINCT ?instance WHERE {{ ?instance a {ox.NamedNode(cls)} }}")


def _namespace(iri: str) -> str:
    for sep in ("#", "/"):
        if sep in iri:
            return iri.rsplit(sep, 1)[0] + sep
    return iri


def void_triples(view: GraphView, license_iri: str, modified: str | None = None) -> list[ox.Triple]:
    """The VoID description of the dataset, from the store's statistics: size, distinct subjects, objects, classes,
    properties, entities; a partition per class and per property; a subset per named graph; every vocabulary used;
    example resources; access points; licence, publisher and dates."""
    base = view.base
    ds = ox.NamedNode(f"{base}/.well-known/void#dataset")
    t = lambda s, p, o: ox.Triple(s, ox.NamedNode(p), o)  # noqa: E731
    nn, lit = ox.NamedNode, ox.Literal
    integer = lambda n: lit(str(int(n)), datatype=nn(XSD + "integer"))  # noqa: E731
    stats = view.select(
        "SELECT (COUNT(*) AS ?triples) (COUNT(DISTINCT ?s) AS ?subjects) (COUNT(DISTINCT ?o) AS ?objects) "
        "(COUNT(DISTINCT ?p) AS ?properties) WHERE { ?s ?p ?o }")[0]
    entities = view.select("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o FILTER(isIRI(?s) && STRSTARTS(STR(?s), $prefix)) }",
                           prefix=lit(base + "/id/"))[0]["n"].value
    classes = [(r["c"], r["n"].value) for r in view.select(
        "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY ?c") if isinstance(r.get("c"), ox.NamedNode)]
    properties = [(r["p"], r["n"].value) for r in view.select(
        "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY ?p")]
    out = [
        t(ds, RDF_TYPE, nn(VOID + "Dataset")),
        t(ds, DCT + "title", lit("marketgraph", language="en")),
        t(ds, DCT + "description", lit("Products, markets and metrics read from corporate documents; every fact "
                                       "links to the quote it was read from.", language="en")),
        t(ds, DCT + "license", nn(license_iri)),
        t(ds, DCT + "publisher", lit("marketgraph project")),
        t(ds, DCT + "creator", lit("marketgraph maintainers")),
        t(ds, DCT + "source", nn(f"{base}/id/")),
        t(ds, VOID + "sparqlEndpoint", nn(f"{base}/sparql")),
        t(ds, VOID + "uriSpace", lit(f"{base}/id/")),
        t(ds, VOID + "dataDump", nn(f"{base}/dump.nq")),
        t(ds, VOID + "uriLookupEndpoint", nn(f"{base}/api/entities?q=")),
        t(ds, VOID + "rootResource", nn(f"{base}/id/scheme/metrics")),
        t(ds, VOID + "feature", nn("http://www.w3.org/ns/formats/N-Quads")),
        t(ds, VOID + "feature", nn("http://www.w3.org/ns/formats/Turtle")),
        t(ds, VOID + "feature", nn("http://www.w3.org/ns/formats/RDF_XML")),
        t(ds, VOID + "feature", nn("http://www.w3.org/ns/formats/JSON-LD")),
        t(ds, VOID + "triples", integer(len(view.store))),
        t(ds, VOID + "distinctSubjects", integer(stats["subjects"].value)),
        t(ds, VOID + "distinctObjects", integer(stats["objects"].value)),
        t(ds, VOID + "properties", integer(stats["properties"].value)),
        t(ds, VOID + "classes", integer(len(classes))),
        t(ds, VOID + "entities", integer(entities)),
    ]
    if modified:
        out.append(t(ds, DCT + "modified", lit(modified, datatype=nn(XSD + "dateTime"))))
    vocabularies = sorted({_namespace(c.value) for c, _ in classes} | {_namespace(p.value) for p, _ in properties})
    out += [t(ds, VOID + "vocabulary", nn(v)) for v in vocabularies]
    for cls in (MG + "Company", MG + "Product", MG + "Metric", MG + "Document"):
        for r in view.select("SELECT ?s WHERE { ?s a $c FILTER(STRSTARTS(STR(?s), $prefix)) } ORDER BY ?s LIMIT 1",
                             c=nn(cls), prefix=lit(base + "/id/")):
            out.append(t(ds, VOID + "exampleResource", r["s"]))
    for i, (c, n) in enumerate(classes):
        part = ox.BlankNode(f"class{i}")
        out += [t(ds, VOID + "classPartition", part), t(part, VOID + "class", c), t(part, VOID + "entities", integer(n))]
    for i, (p, n) in enumerate(properties):
        part = ox.BlankNode(f"prop{i}")
        out += [t(ds, VOID + "propertyPartition", part), t(part, VOID + "property", p),
                t(part, VOID + "triples", integer(n))]
    for g in view.graphs():
        sub = ox.NamedNode(g)
        n = sum(1 for _ in view.store.quads_for_pattern(None, None, None, sub))
        out += [t(ds, VOID + "subset", sub), t(sub, RDF_TYPE, nn(VOID + "Dataset")), t(sub, VOID + "triples", integer(n)),
                t(sub, DCT + "license", nn(license_iri))]
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
