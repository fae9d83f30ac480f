"""Differing figures for the same key (subject, metric, period, market, basis) become queryable flags.

Both facts stay in their documents' graphs; the conflicts graph links them with ``mg:conflictsWith`` (symmetric),
types each as ``mg:ConflictingFact`` and flags each with the cross-check that found them (``mg:crossCheck``: the
conflict's ``check`` when it names one, else ``different_values``).
"""
from __future__ import annotations

from typing import Iterable

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
