"""Facts whose own RDF breaks a shape are held back, so one bad figure does not cost its document every other one.

A violation whose focus node is a fact, the fact's evidence, or a node only some facts point at (a group, a market,
a period they name) implicates those facts. They are taken out of the document and reported as unresolved candidates
("breaks the shapes: <message>"), listed on the document's page like any figure the text did not resolve; the rest
is mapped and validated again. A violation that implicates no fact (the document node itself), or every fact, still
rejects the document.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Optional

from rdflib import Graph, URIRef

from .iris import Iris
from .records import EntityRef, Evidence, Fact, Period


@dataclass(frozen=True)
class HeldBack:
    """A fact not published because its graph broke a shape: an unresolved candidate of its document."""

    doc_id: str
    evidence: Evidence
    value: Optional[Decimal]
    unit: Optional[str]
    reason: str
    metric: Optional[str] = None
    subject: Optional[EntityRef] = None
    period: Optional[Period] = None
    kind: Optional[str] = None


def implicated(graph: Graph, facts: list[Fact], focus_nodes: Iterable[object], iris: Iris) -> dict[int, str]:
    """Index of each fact a violation's focus node implicates -> that violation's message (the first one)."""
    by_iri = {iris.fact(f.fact_id): i for i, f in enumerate(facts)}
    by_evidence = {iris.entity("evidence", f.fact_id): i for i, f in enumerate(facts)}
    out: dict[int, str] = {}
    for focus, message in focus_nodes:   # type: ignore[misc]
        if not isinstance(focus, URIRef):
            continue
        base = URIRef(str(focus).split("#", 1)[0])
        hits = [by_iri[focus]] if focus in by_iri else [by_evidence[base]] if base in by_evidence else \
            [by_iri[s] for s in graph.subjects(None, focus) if s in by_iri]
        for i in hits:
            out.setdefault(i, message)
    return out


def held_back(facts: list[Fact], which: dict[int, str]) -> list[HeldBack]:
    out = []
    for i, message in sorted(which.items()):
        f = facts[i]
        value = f.value if isinstance(f.value, Decimal) else None
        out.append(HeldBack(f.doc_id, f.evidence, value, f.unit, f"breaks the shapes: {message}"[:300], f.metric,
                            f.subject, f.period, f.kind))
    return out
