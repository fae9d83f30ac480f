"""Which triples of a document's graph go to the shared graph (descriptions several documents share)."""
from __future__ import annotations

from rdflib import Graph
from rdflib.plugins.serializers.nt import _nt_row

from .iris import Iris


def split_shared(graph: Graph, iris: Iris) -> tuple[Graph, Graph]:
    """A document graph's own triples, and the descriptions it shares with other documents (periods, metrics,
    source files, entities found in text) — those go to one shared graph so the union holds each triple once."""
    own, shared = Graph(), Graph()
    for t in graph:
        (shared if iris.is_shared(t[0]) else own).add(t)
    return own, shared


def split_shared_nt(graph: Graph, iris: Iris) -> tuple[bytes, bytes, int]:
    """``split_shared`` written straight to N-Triples (own part, shared part, own triple count): the same lines
    rdflib's N-Triples serializer writes, without building two more in-memory graphs."""
    own: list[str] = []
    shared: list[str] = []
    for t in graph:
        (shared if iris.is_shared(t[0]) else own).append(_nt_row(t))
    return "".join(own).encode("utf-8"), "".join(shared).encode("utf-8"), len(own)
