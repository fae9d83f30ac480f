"""CURIEs of the mapping files (``mg:Fact``, ``xsd:decimal``) expanded with the project's prefixes."""
from __future__ import annotations

from rdflib import OWL, RDF, RDFS, XSD, URIRef

from .iris import PREFIXES

CURIE_PREFIXES = {**{k: str(v) for k, v in PREFIXES.items()}, "rdf": str(RDF), "rdfs": str(RDFS),
                  "xsd": str(XSD), "owl": str(OWL)}


class MappingError(ValueError):
    """A mapping file, or a record the mappings cannot turn into RDF."""


def expand(curie: str) -> URIRef:
    """``mg:Fact`` -> full IRI; a full IRI is returned as is."""
    if curie.startswith(("http://", "https://")):
        return URIRef(curie)
    prefix, _, local = curie.partition(":")
    if prefix not in CURIE_PREFIXES or not local:
        raise MappingError(f"unknown prefix in {curie!r}; known: {', '.join(sorted(CURIE_PREFIXES))}")
    return URIRef(CURIE_PREFIXES[prefix] + local)
