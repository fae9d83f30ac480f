"""The SPARQL 1.1 Service Description of the endpoint (what a machine gets from GET /sparql without a query)."""
from __future__ import annotations

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF

from .negotiation import GRAPH_FORMATS, RESULT_FORMATS

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")


def service_description(endpoint: str, update_enabled: bool, graphs: list[str]) -> Graph:
    g = Graph()
    g.bind("sd", SD)
    g.bind("formats", FORMATS)
    svc = URIRef(endpoint)
    g.add((svc, RDF.type, SD.Service))
    g.add((svc, SD.endpoint, svc))
    g.add((svc, SD.supportedLanguage, SD.SPARQL11Query))
    if update_enabled:
        g.add((svc, SD.supportedLanguage, SD.SPARQL11Update))
    for f in (*RESULT_FORMATS, *GRAPH_FORMATS):
        g.add((svc, SD.resultFormat, FORMATS[f.w3c]))
    g.add((svc, SD.feature, SD.UnionDefaultGraph))
    dataset = BNode()
    g.add((svc, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    default = BNode()
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    for name in graphs:
        ng = BNode()
        g.add((dataset, SD.namedGraph, ng))
        g.add((ng, RDF.type, SD.NamedGraph))
        g.add((ng, SD.name, URIRef(name)))
    g.add((svc, URIRef("http://purl.org/dc/terms/description"),
           Literal("The union of all named graphs is the default graph unless default-graph-uri is given. "
                   "SERVICE, LOAD and remote FROM are refused; queries are stopped after the configured timeout.")))
    return g
