"""What a query or update asks for, read from its parse tree (rdflib's SPARQL grammar), before anything runs.

Refused: ``SERVICE`` (pyoxigraph would call the remote endpoint), ``LOAD`` (it would fetch the IRI), and
``FROM`` / ``FROM NAMED`` / ``USING`` of a graph the store does not hold (a remote dataset). Refusals come from
the parse tree, never from pattern-matching the text, so an IRI or string that merely contains ``SERVICE`` is not
refused. The one shortcut: text in which none of those keywords occurs at all is not parsed (:func:`may_reach_out`).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterator, Optional

from pyparsing import ParseBaseException
from rdflib.plugins.sparql.parserutils import CompValue

FORMS = {"SelectQuery": "select", "AskQuery": "ask", "ConstructQuery": "construct", "DescribeQuery": "describe"}


# A request can only name a remote resource through one of these keywords (or through \\u escapes, which some
# parsers expand before parsing). Text holding none of them cannot be refused, so it need not be parsed here.
REACHING_KEYWORDS = ("service", "load", "from", "using", "\\u")


def may_reach_out(text: str) -> bool:
    """False only when the text cannot contain SERVICE, LOAD, FROM or USING in any form (no parse needed)."""
    low = text.lower()
    return any(k in low for k in REACHING_KEYWORDS)


class QuerySyntaxError(ValueError):
    def __init__(self, message: str, line: Optional[int] = None, column: Optional[int] = None):
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


class Refused(ValueError):
    """The request asks for something the endpoint never does."""


@dataclass(frozen=True)
class Inspection:
    form: str                         # select | ask | construct | describe | update
    services: tuple[str, ...]         # SERVICE targets (IRIs or ?variables)
    loads: tuple[str, ...]            # LOAD sources
    dataset: tuple[str, ...]          # FROM / FROM NAMED / USING / USING NAMED graph IRIs


def _walk(node: Any) -> Iterator[CompValue]:
    if isinstance(node, CompValue):
        yield node
        for v in node.values():
            yield from _walk(v)
    elif isinstance(node, (list, tuple)) or type(node).__name__ == "ParseResults":
        for v in node:
            yield from _walk(v)


def _prefixes(tree: Any) -> dict[str, str]:
    out = {}
    for node in _walk(tree):
        if node.name == "PrefixDecl":
            out[str(node["prefix"]) if "prefix" in node else ""] = str(node["iri"])
    return out


def _iri(term: Any, prefixes: dict[str, str]) -> str:
    if isinstance(term, CompValue) and term.name == "pname":
        prefix = str(term["prefix"]) if "prefix" in term else ""
        local = str(term["localname"]) if "localname" in term else ""
        return prefixes.get(prefix, "") + local
    return str(term)


def _syntax_error(exc: ParseBaseException) -> QuerySyntaxError:
    return QuerySyntaxError(f"{exc.msg} at line {exc.lineno}, column {exc.col}", exc.lineno, exc.col)


@lru_cache(maxsize=2048)
def inspect_query(text: str) -> Inspection:
    """Parse a query; raise :class:`QuerySyntaxError` with line and column when it does not parse."""
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        tree = parseQuery(text)
    except ParseBaseException as exc:
        raise _syntax_error(exc) from None
    return _inspect(tree, FORMS.get(tree[1].name, "select"))


@lru_cache(maxsize=256)
def inspect_update(text: str) -> Inspection:
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        tree = parseUpdate(text)
    except ParseBaseException as exc:
        raise _syntax_error(exc) from None
    return _inspect(tree, "update")


def _inspect(tree: Any, form: str) -> Inspection:
    prefixes = _prefixes(tree)
    services, loads, dataset = [], [], []
    for node in _walk(tree):
        if node.name == "ServiceGraphPattern":
            services.append(_iri(node["term"], prefixes))
        elif node.name == "Load":
            loads.append(_iri(node["iri"], prefixes))
        elif node.name in ("DatasetClause", "UsingClause"):
            dataset.append(_iri(node["default"] if "default" in node else node["named"], prefixes))
    return Inspection(form, tuple(services), tuple(loads), tuple(dataset))


def refuse_remote(found: Inspection, local_graphs: frozenset[str]) -> None:
    """Raise :class:`Refused` if running the request would reach outside the store."""
    if found.services:
        raise Refused(f"SERVICE is not allowed (federated queries would make this server call "
                      f"{found.services[0]}); query this endpoint's own graphs")
    if found.loads:
        raise Refused(f"LOAD is not allowed (it would fetch {found.loads[0]})")
    remote = [g for g in found.dataset if g not in local_graphs]
    if remote:
        raise Refused(f"FROM/FROM NAMED/USING {remote[0]} is not a graph of this store; remote datasets are never "
                      f"fetched (list the graphs with SELECT DISTINCT ?g {{ GRAPH ?g {{}} }})")
