"""The SPARQL 1.1 Service Description of the endpoint (what a machine gets from GET /sparql without a query),
written by pyoxigraph in any RDF format the endpoint offers. In TriG the description is the default graph, so a
TriG reader finds it where it looks first."""
from __future__ import annotations

import pyoxigraph as ox

from .negotiation import GRAPH_FORMATS, RESULT_FORMATS
from .results import RDF_FORMATS

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
DCT_DESCRIPTION = ox.NamedNode("http://purl.org/dc/terms/description")
PREFIXES = {"sd": SD, "formats": FORMATS, "dcterms": "http://purl.org/dc/terms/"}


def _sd(name: str) -> ox.NamedNode:
    return ox.NamedNode(SD + name)


def service_description(endpoint: str, update_enabled: bool, graphs: list[str]) -> list[ox.Triple]:
    svc = ox.NamedNode(endpoint)
    out = [ox.Triple(svc, RDF_TYPE, _sd("Service")), ox.Triple(svc, _sd("endpoint"), svc),
           ox.Triple(svc, _sd("supportedLanguage"), _sd("SPARQL11Query"))]
    if update_enabled:
        out.append(ox.Triple(svc, _sd("supportedLanguage"), _sd("SPARQL11Update")))
    for f in (*RESULT_FORMATS, *GRAPH_FORMATS):
        out.append(ox.Triple(svc, _sd("resultFormat"), ox.NamedNode(FORMATS + f.w3c)))
    out.append(ox.Triple(svc, _sd("feature"), _sd("UnionDefaultGraph")))
    out.append(ox.Triple(svc, DCT_DESCRIPTION, ox.Literal(
                   "The union of all named graphs is the default graph unless default-graph-uri is given; unknown "
                   "graph IRIs are empty graphs. SERVICE, LOAD and remote FROM are refused; queries are stopped "
                   "after the configured timeout and results cut at the row cap (X-Results-Truncated).")))
    dataset, default = ox.BlankNode("dataset"), ox.BlankNode("default")
    out += [ox.Triple(svc, _sd("defaultDataset"), dataset), ox.Triple(dataset, RDF_TYPE, _sd("Dataset")),
            ox.Triple(dataset, _sd("defaultGraph"), default), ox.Triple(default, RDF_TYPE, _sd("Graph"))]
    for n, name in enumerate(graphs):
        ng = ox.BlankNode(f"g{n}")
        out += [ox.Triple(dataset, _sd("namedGraph"), ng), ox.Triple(ng, RDF_TYPE, _sd("NamedGraph")),
                ox.Triple(ng, _sd("name"), ox.NamedNode(name))]
    return out


def serialize_description(triples: list[ox.Triple], fmt_key: str) -> bytes:
    fmt = RDF_FORMATS[fmt_key]
    if fmt == ox.RdfFormat.TRIG:
        quads = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples]
        return ox.serialize(quads, format=fmt, prefixes=PREFIXES) or b""
    if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML):
        return ox.serialize(triples, format=fmt, prefixes=PREFIXES) or b""
    return ox.serialize(triples, format=fmt) or b""
