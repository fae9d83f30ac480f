"""Local SPARQL for the command line: the same refusals as the endpoint (no SERVICE, no LOAD, no remote FROM), named
queries with their validated parameters written in as constants exactly as the endpoint writes them (so the
optimiser sees them: a bound ``substitutions`` map left ``metric-time-series`` ~130x slower), and every query form."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Union

import pyoxigraph as ox

from .settings import Settings
from .store import open_read_only


class QueryRefused(ValueError):
    """The query asks for something the tool never does (remote fetches, updates)."""


class QueryError(ValueError):
    """A user's mistake in naming or parameterising a query; one line."""


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


@dataclass
class Resolved:
    text: str
    name: Optional[str] = None                       # the named query's name
    terms: dict[str, tuple] = field(default_factory=dict)   # parameter name -> validated term spec (catalog)


def _looks_like_sparql(s: str) -> bool:
    return any(c in s for c in "{}?") or s.strip().upper().startswith(("SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "PREFIX", "BASE"))


def resolve(settings: Settings, query: str, params: dict[str, str]) -> Resolved:
    """The query text and bindings for ``query``: a named query of queries/, a .rq file, or SPARQL text."""
    from marketgraph.api.sparql.catalog import CatalogError, ParamError, parse_named_query

    named = settings.paths.queries / f"{query}.rq"
    path = Path(query)
    if not _looks_like_sparql(query) and named.is_file():
        try:
            nq = parse_named_query(named)
            specs = nq.bindings(params, settings.base_iri)
        except (ParamError, CatalogError) as err:
            raise QueryError(f"query {query}: {err}") from None
        return Resolved(nq.text, query, dict(specs))
    if params:
        raise QueryError("--param is only for named queries (the names of queries/*.rq)")
    if not _looks_like_sparql(query):
        if path.suffix == ".rq" or path.is_file():
            try:
                return Resolved(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError) as err:
                raise QueryError(f"{query}: cannot read the query file ({getattr(err, 'strerror', None) or err})") from None
        known = ", ".join(sorted(p.stem for p in settings.paths.queries.glob("*.rq")))
        raise QueryError(f"no named query {query!r} and no such file; named queries: {known}")
    return Resolved(query)


@dataclass
class Solutions:
    variables: list[str]
    rows: list[dict[str, Optional[ox.Term]]]
    truncated: bool = False


@dataclass
class Boolean:
    value: bool


@dataclass
class Triples:
    triples: list[ox.Triple]
    truncated: bool = False


QueryResult = Union[Solutions, Boolean, Triples]


def written_in(text: str, terms: dict[str, tuple]) -> str:
    """The named query's text with its parameters written in as constants (the endpoint's own rewrite)."""
    from marketgraph.api.sparql.guard import QuerySyntaxError, inspect_query
    from marketgraph.api.sparql.rewrite import RewriteError, render_term, substitute

    try:
        return substitute(inspect_query(text), {k: render_term(v) for k, v in terms.items()})
    except QuerySyntaxError as exc:
        raise SyntaxError(str(exc)) from None
    except RewriteError as exc:
        raise QueryError(f"bad parameter: {exc}") from None


def run_query(settings: Settings, q: Resolved, limit: int) -> tuple[QueryResult, ox.Store]:
    store = open_read_only(settings.store)
    text = written_in(q.text, q.terms) if q.terms else q.text
    safe = check_query(text, frozenset(g.value for g in store.named_graphs()))
    res = store.query(safe, use_default_graph_as_union=True, base_iri=settings.base_iri + "/")
    if isinstance(res, ox.QueryBoolean):
        return Boolean(bool(res)), store
    if isinstance(res, ox.QuerySolutions):
        variables = [v.value for v in res.variables]
        rows = []
        truncated = False
        for i, sol in enumerate(res):
            if i >= limit:
                truncated = True
                break
            rows.append({v: sol[v] for v in variables})
        return Solutions(variables, rows, truncated), store
    triples = []
    for i, t in enumerate(res):
        if i >= limit:
            return Triples(triples, True), store
        triples.append(t)
    return Triples(triples), store


def run_select(settings: Settings, text: str, limit: int) -> tuple[list[str], list[dict[str, Optional[str]]]]:
    """SELECT/ASK as plain strings (kept for callers that want values only)."""
    res, _ = run_query(settings, Resolved(text), limit)
    if isinstance(res, Boolean):
        return ["result"], [{"result": "true" if res.value else "false"}]
    if isinstance(res, Triples):
        return ["subject", "predicate", "object"], [
            {"subject": t.subject.value, "predicate": t.predicate.value, "object": t.object.value} for t in res.triples]
    return res.variables, [{k: (None if v is None else v.value) for k, v in r.items()} for r in res.rows]
