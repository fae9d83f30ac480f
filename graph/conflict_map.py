"""Differing figures for the same key (subject, metric, period, market, basis) become queryable flags.

Both facts stay in their documents' graphs; the conflicts graph links them with ``mg:conflictsWith`` (symmetric)
and types each as ``mg:ConflictingFact``.
"""
from __future__ import annotations

from typing import Iterable

from rdflib import RDF, Graph

from .iris import MG, Iris


def map_conflicts(conflicts: Iterable, iris: Iris) -> Graph:
    g = Graph()
    g.bind("mg", MG)
    for c in conflicts:
        a, b = (c.a, c.b) if hasattr(c, "a") else c
        fa, fb = iris.fact(a.fact_id), iris.fact(b.fact_id)
        g.add((fa, MG.conflictsWith, fb))
        g.add((fb, MG.conflictsWith, fa))
        g.add((fa, RDF.type, MG.ConflictingFact))
        g.add((fb, RDF.type, MG.ConflictingFact))
    return g
