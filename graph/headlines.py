"""The home page's counts, kept at publish time: how many facts the store holds and how many are about each
subject, market and metric (issue 12: the home page ran COUNT and GROUP BY scans over every fact).

A document's facts live in its own named graph, so the counts are sums over the published documents' graphs: a
publication subtracts what the graphs it drops or replaces held (read from the generation it starts from) and adds
what the new graphs hold (read from their N-Triples). The result travels in the catalogue (``Catalog.headlines``),
so it is published with the generation it describes, and a remote server's readers get it with the catalogue.
"""
from __future__ import annotations

from typing import Iterable

import pyoxigraph as ox

MG = "https://w3id.org/marketgraph/ontology#"
FACT_KIND = MG + "factKind"
ROLES = {MG + "subject": "subject", MG + "market": "market", MG + "metric": "metric"}

Headlines = dict[str, object]   # {"facts": int, "subject": {iri: n}, "market": {iri: n}, "metric": {iri: n}}


def empty() -> Headlines:
    return {"facts": 0, **{role: {} for role in ROLES.values()}}


def of_triples(triples: Iterable[ox.Triple | ox.Quad]) -> Headlines:
    """The counts of one document's graph: its fact nodes (subjects of mg:factKind) and, for each role, the facts
    naming each entity (a fact counted once per entity it names in that role)."""
    facts: set[object] = set()
    links: set[tuple[str, object, str]] = set()
    for t in triples:
        p = t.predicate.value
        if p == FACT_KIND:
            facts.add(t.subject)
        elif p in ROLES and isinstance(t.object, ox.NamedNode):
            links.add((ROLES[p], t.subject, t.object.value))
    out = empty()
    out["facts"] = len(facts)
    for role, fact, entity in links:
        if fact in facts:
            by = out[role]
            assert isinstance(by, dict)
            by[entity] = by.get(entity, 0) + 1
    return out


def of_nt(nt: bytes) -> Headlines:
    return of_triples(ox.parse(nt, format=ox.RdfFormat.N_TRIPLES))


def of_graph(store: ox.Store, graph: str) -> Headlines:
    return of_triples(store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))


def of_store(store: ox.Store) -> Headlines:
    """The counts of every named graph, by two aggregate queries: for a store whose catalogue kept none (8 s at a
    million quads on the benchmark machine; reading every quad through Python took 60 s). Only document graphs
    hold facts, so this is the sum of :func:`of_graph` over them."""
    out = empty()
    links = (f"SELECT ?p ?e (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?g ?f ?p ?e WHERE {{ GRAPH ?g {{ "
             f"?f <{FACT_KIND}> ?k . ?f ?p ?e VALUES ?p {{ {' '.join(f'<{p}>' for p in ROLES)} }} }} }} }} "
             f"GROUP BY ?p ?e")
    for r in store.query(links):
        if isinstance(r["e"], ox.NamedNode):
            out[ROLES[r["p"].value]][r["e"].value] = int(r["n"].value)   # type: ignore[index]
    facts = (f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?g ?f WHERE {{ GRAPH ?g {{ "
             f"?f <{FACT_KIND}> ?k }} }} }}")
    out["facts"] = int(next(iter(store.query(facts)))["n"].value)
    return out


def combine(total: Headlines, part: Headlines, sign: int = 1) -> Headlines:
    """``total`` plus (or, with ``sign=-1``, minus) ``part``; entities whose count reaches 0 leave."""
    out = empty()
    out["facts"] = int(total.get("facts", 0)) + sign * int(part.get("facts", 0))   # type: ignore[arg-type]
    for role in ROLES.values():
        merged = dict(total.get(role) or {})   # type: ignore[arg-type]
        for entity, n in (part.get(role) or {}).items():   # type: ignore[union-attr]
            left = merged.get(entity, 0) + sign * n
            if left > 0:
                merged[entity] = left
            else:
                merged.pop(entity, None)
        out[role] = merged
    return out


def valid(h: object) -> bool:
    """Whether ``h`` is a complete set of counts (a catalogue written before counts were kept has none)."""
    return isinstance(h, dict) and isinstance(h.get("facts"), int) and all(
        isinstance(h.get(role), dict) for role in ROLES.values())
