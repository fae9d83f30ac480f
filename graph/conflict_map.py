"""Differing figures for the same key (subject, metric, period, market, basis) become queryable flags.

Both facts stay in their documents' graphs; the conflicts graph links them with ``mg:conflictsWith`` (symmetric),
types each as ``mg:ConflictingFact`` and flags each with the cross-check that found them (``mg:crossCheck``: the
conflict's ``check`` when it names one, else ``different_values``).
"""
from __future__ import annotations

from typing import Iterable

import pyoxigraph as ox
from rdflib import RDF, Graph, Literal

from .iris import MG, Iris


DEFAULT_CHECK = "different_values"


def map_conflicts(conflicts: Iterable, iris: Iris) -> Graph:
    g = Graph()
    g.bind("mg", MG)
    for c in conflicts:
        a, b = (c.a, c.b) if hasattr(c, "a") else c
        fa, fb = iris.fact(a.fact_id), iris.fact(b.fact_id)
        g.add((fa, MG.conflictsWith, fb))
        g.add((fb, MG.conflictsWith, fa))
        check = Literal(str(getattr(c, "check", None) or DEFAULT_CHECK))
        for f in (fa, fb):
            g.add((f, RDF.type, MG.ConflictingFact))
            g.add((f, MG.crossCheck, check))
    return g


def conflict_triples(conflicts: Iterable, iris: Iris) -> set[ox.Triple]:
    """``map_conflicts`` as a set of pyoxigraph triples, for publishing: the same triples without an rdflib graph
    (a large corpus can have millions of conflict pairs; each rdflib ``add`` costs microseconds of Python)."""
    conflicts_with, typ = ox.NamedNode(str(MG.conflictsWith)), ox.NamedNode(str(RDF.type))
    conflicting, cross = ox.NamedNode(str(MG.ConflictingFact)), ox.NamedNode(str(MG.crossCheck))
    checks: dict[str, ox.Literal] = {}
    out: set[ox.Triple] = set()
    for c in conflicts:
        a, b = (c.a, c.b) if hasattr(c, "a") else c
        fa, fb = ox.NamedNode(str(iris.fact(a.fact_id))), ox.NamedNode(str(iris.fact(b.fact_id)))
        name = str(getattr(c, "check", None) or DEFAULT_CHECK)
        check = checks.setdefault(name, ox.Literal(name))
        out.add(ox.Triple(fa, conflicts_with, fb))
        out.add(ox.Triple(fb, conflicts_with, fa))
        for f in (fa, fb):
            out.add(ox.Triple(f, typ, conflicting))
            out.add(ox.Triple(f, cross, check))
    return out
