"""Responses for a resource in the negotiated format: an HTML page from a template, or RDF serialised."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox
from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from rdflib import BNode, Graph, Literal, URIRef

from .graphview import PREFIXES
from .negotiation import FORMATS, RDF_FORMATS, Format, alternates_link


def template_env(folder: Path) -> Environment:
    env = Environment(loader=FileSystemLoader(str(folder)), autoescape=select_autoescape(["html", "xml"]),
                      trim_blocks=True, lstrip_blocks=True)
    return env


def negotiation_headers(path: str, offered: tuple[Format, ...] = FORMATS) -> dict[str, str]:
    return {"Vary": "Accept", "Link": alternates_link(path, offered)}


def compact_jsonld(triples: list[ox.Triple]) -> bytes:
    """JSON-LD compacted with the project's prefixes as an inline ``@context`` (no remote context)."""
    g = Graph()
    for t in triples:
        g.add((_rdflib(t.subject), _rdflib(t.predicate), _rdflib(t.object)))
    return g.serialize(format="json-ld", context=dict(PREFIXES), auto_compact=True).encode("utf-8")


def _rdflib(term):
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


FOAF = "http://xmlns.com/foaf/0.1/"
DCT = "http://purl.org/dc/terms/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def page_document(base: str, path: str, fmt: Format, topic: str, license_iri: str) -> list[ox.Triple]:
    """What the RDF document itself is: the variant at ``{base}{path}.{ext}``, a foaf:Document whose primary topic is
    the resource, under the data's licence, part of the dataset (VoID)."""
    doc = ox.NamedNode(f"{base}{path}.{fmt.key}")
    t = lambda p, o: ox.Triple(doc, ox.NamedNode(p), o)  # noqa: E731
    return [t(RDF_TYPE, ox.NamedNode(FOAF + "Document")), t(FOAF + "primaryTopic", ox.NamedNode(topic)),
            t(DCT + "license", ox.NamedNode(license_iri)), t(DCT + "format", ox.Literal(fmt.media_type)),
            t("http://rdfs.org/ns/void#inDataset", ox.NamedNode(f"{base}/.well-known/void#dataset"))]


def rdf_response(triples: list[ox.Triple], fmt: Format, path: str, status: int = 200,
                 offered: tuple[Format, ...] = FORMATS) -> Response:
    assert fmt.rdf is not None
    if fmt.rdf == ox.RdfFormat.JSON_LD:
        body = compact_jsonld(triples)
    else:
        prefixes = PREFIXES if fmt.rdf in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
        body = ox.serialize(triples, format=fmt.rdf, prefixes=prefixes)
    headers = negotiation_headers(path, offered)
    return Response(body or b"", status_code=status, media_type=f"{fmt.media_type}; charset=utf-8"
                    if fmt.rdf not in (ox.RdfFormat.JSON_LD, ox.RdfFormat.RDF_XML) else fmt.media_type, headers=headers)


def html_response(env: Environment, request: Request, name: str, context: dict[str, Any], path: str | None,
                  status: int = 200, offered: tuple[Format, ...] = FORMATS) -> HTMLResponse:
    body = env.get_template(name).render(request=request, **context)
    headers = negotiation_headers(path, offered) if path else {}
    return HTMLResponse(body, status_code=status, headers=headers)


__all__ = ["template_env", "rdf_response", "html_response", "negotiation_headers", "RDF_FORMATS"]
