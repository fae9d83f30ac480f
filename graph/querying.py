"""Local SPARQL for the command line: the same refusals as the endpoint (no SERVICE, no LOAD, no remote FROM)."""
from __future__ import annotations

from typing import Optional

import pyoxigraph as ox

from .settings import Settings
from .store import open_read_only


class QueryRefused(ValueError):
    """The query asks for something the tool never does (remote fetches, updates)."""


def check_query(text: str, local_graphs: frozenset[str] = frozenset()) -> str:
    """Refuse SERVICE, LOAD and remote FROM exactly as the endpoint does (same guard); returns the text to run:
    the canonical text the guard judged, never the text as given (api/sparql/lexer.py says why)."""
    from marketgraph.api.sparql.guard import OverBudget, QuerySyntaxError, Refused, inspect_query, refuse_remote

    try:
        found = inspect_query(text)
        refuse_remote(found, local_graphs)
    except QuerySyntaxError as exc:
        raise SyntaxError(str(exc)) from None
    except (Refused, OverBudget) as exc:
        raise QueryRefused(str(exc)) from None
    return found.text


def _term(t: Optional[ox.Term]) -> Optional[str]:
    if t is None:
        return None
    return t.value


def run_select(settings: Settings, text: str, limit: int) -> tuple[list[str], list[dict[str, Optional[str]]]]:
    store = open_read_only(settings.store)
    safe = check_query(text, frozenset(g.value for g in store.named_graphs()))
    try:
        res = store.query(safe, use_default_graph_as_union=True)
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
