"""Local SPARQL for the command line: the same refusals as the endpoint (no SERVICE, no LOAD, no remote FROM)."""
from __future__ import annotations

from typing import Optional

import pyoxigraph as ox

from .settings import Settings
from .store import open_read_only


class QueryRefused(ValueError):
    """The query asks for something the tool never does (remote fetches, updates)."""


def check_query(text: str) -> None:
    """Refuse SERVICE, updates and FROM/FROM NAMED: parsed, not pattern-matched on the text."""
    from rdflib.plugins.sparql.parser import parseQuery
    from pyparsing import ParseException

    try:
        tree = parseQuery(text)
    except ParseException as exc:
        raise SyntaxError(f"line {exc.lineno}, column {exc.col}: {exc.msg}") from exc

    def walk(node) -> None:
        name = getattr(node, "name", None)
        if name == "ServiceGraphPattern":
            raise QueryRefused("SERVICE is not allowed: this tool never queries remote endpoints")
        if name in ("DatasetClause",):
            raise QueryRefused("FROM / FROM NAMED are not allowed: pick graphs with GRAPH or the endpoint's parameters")
        if isinstance(node, dict):
            for v in node.values():
                walk(v)
        elif isinstance(node, (list, tuple)):
            for v in node:
                walk(v)

    walk(tree)


def _term(t: Optional[ox.Term]) -> Optional[str]:
    if t is None:
        return None
    return t.value


def run_select(settings: Settings, text: str, limit: int) -> tuple[list[str], list[dict[str, Optional[str]]]]:
    check_query(text)
    store = open_read_only(settings.store)
    try:
        res = store.query(text, use_default_graph_as_union=True)
    except SyntaxError:
        raise
    if isinstance(res, bool):
        return ["result"], [{"result": "true" if res else "false"}]
    if isinstance(res, ox.QuerySolutions):
        variables = [v.value for v in res.variables]
        rows = []
        for i, sol in enumerate(res):
            if i >= limit:
                break
            rows.append({v: _term(sol[v]) for v in variables})
        return variables, rows
    # CONSTRUCT / DESCRIBE: triples as rows
    rows = [{"subject": t.subject.value, "predicate": t.predicate.value, "object": t.object.value} for t in res]
    return ["subject", "predicate", "object"], rows[:limit]
