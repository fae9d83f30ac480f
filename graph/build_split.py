"""Which triples of a document's graph go to the shared graph (descriptions several documents share)."""
from __future__ import annotations

from rdflib import Graph

from .iris import Iris


def split_shared(graph: Graph, iris: Iris) -> tuple[Graph, Graph]:
    """A document graph's own triples, and the descriptions it shares with other documents (periods, metrics,
    source files, entities found in text) — those go to one shared graph so the union holds each triple once."""
    own, shared = Graph(), Graph()
    for t in graph:
        (shared if iris.is_shared(t[0]) else own).add(t)
    return own, shared
