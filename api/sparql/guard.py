"""What a query or update asks for, judged on the tokens pyoxigraph will read (api/sparql/lexer.py), before
anything runs. Every request is read; nothing is waved through on its keywords.

Refused (400 "query refused"): ``SERVICE`` (pyoxigraph would call the endpoint), ``LOAD`` (it would fetch the
IRI), and ``FROM`` / ``FROM NAMED`` / ``USING`` / ``WITH`` naming a graph that is neither in the store nor under
this server's base (a remote dataset). Over budget (400 "query too complex", naming the limit): more bytes,
deeper brackets or more triple patterns than the settings allow — deep nesting crashes or stalls the engine's
parser before any timeout can help.

What runs is :attr:`Inspection.text`, the canonical text of the tokens judged here, never the text as sent.
Inspections are cached per (text, kind, base, limits): the guard is paid once per distinct query text.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from .canonical import Canonical, canonical, resolve
from .lanes import lane_of
from .lexer import SparqlSyntaxError, Token, tokenize
from .shape import CLOSERS, OPENERS, depth_of, patterns_of

FORMS = {"SELECT": "select", "ASK": "ask", "CONSTRUCT": "construct", "DESCRIBE": "describe"}


class QuerySyntaxError(ValueError):
    def __init__(self, message: str, line: Optional[int] = None, column: Optional[int] = None):
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


class Refused(ValueError):
    """The request asks for something the endpoint never does."""


class OverBudget(ValueError):
    """The request is larger or deeper than the configured limits."""

    def __init__(self, limit: str, message: str):
        super().__init__(message)
        self.limit = limit


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 65536
    max_depth: int = 32
    max_patterns: int = 256


@dataclass(frozen=True)
class Inspection:
    form: str                          # select | ask | construct | describe | update
    text: str                          # the canonical text: what the engine runs
    canon: Canonical
    services: tuple[str, ...]          # SERVICE targets as written (IRIs or ?variables)
    loads: tuple[str, ...]             # LOAD sources
    dataset: tuple[str, ...]           # FROM / FROM NAMED / USING / USING NAMED / WITH graph IRIs, resolved
    has_dataset_clause: bool           # USING, USING NAMED or WITH present (updates) / FROM present (queries)
    depth: int
    patterns: int
    lane: str                          # inline | quick | slow (see :func:`lane_of`)
    limit: Optional[int]               # the top-level LIMIT of a query, if any

    @property
    def tokens(self) -> list[Token]:
        return self.canon.tokens


def _budget(text: str, tokens: list[Token], limits: Limits) -> tuple[int, int]:
    size = len(text.encode("utf-8"))
    if size > limits.max_bytes:
        raise OverBudget("max_query_bytes", f"the request is {size} bytes; the limit is {limits.max_bytes}")
    depth = depth_of(tokens)
    if depth > limits.max_depth:
        raise OverBudget("max_query_depth", f"brackets nest {depth} deep; the limit is {limits.max_depth} "
                                            "(MARKETGRAPH_MAX_QUERY_DEPTH)")
    patterns = patterns_of(tokens)
    if patterns > limits.max_patterns:
        raise OverBudget("max_query_patterns", f"the request has {patterns} triple patterns; the limit is "
                                               f"{limits.max_patterns} (MARKETGRAPH_MAX_QUERY_PATTERNS)")
    return depth, patterns


def _following_iri(tokens: list[Token], k: int, base: str) -> tuple[str, int]:
    """The IRI after the keyword at ``k`` (skipping NAMED / SILENT / GRAPH), resolved; and where it stands."""
    j = k + 1
    while j < len(tokens) and tokens[j].kind == "WORD" and tokens[j].value in ("NAMED", "SILENT", "GRAPH"):
        j += 1
    if j < len(tokens) and tokens[j].kind == "IRI":
        return resolve(tokens[j].value, base), j
    if j < len(tokens) and tokens[j].kind == "VAR":
        return "?" + tokens[j].value, j
    return "", j


def _top_limit(tokens: list[Token]) -> Optional[int]:
    depth = 0
    for k, t in enumerate(tokens):
        if t.kind == "PUNCT" and t.text in OPENERS:
            depth += 1
        elif t.kind == "PUNCT" and t.text in CLOSERS:
            depth -= 1
        elif depth == 0 and t.kind == "WORD" and t.value == "LIMIT" and k + 1 < len(tokens) \
                and tokens[k + 1].kind == "NUMBER" and tokens[k + 1].text.isdigit():
            return int(tokens[k + 1].text)
    return None


def _inspect(text: str, kind: str, base: str, limits: Limits) -> Inspection:
    if len(text.encode("utf-8")) > limits.max_bytes:
        raise OverBudget("max_query_bytes", f"the request is {len(text.encode('utf-8'))} bytes; the limit is "
                                            f"{limits.max_bytes} (MARKETGRAPH_MAX_QUERY_BYTES)")
    try:
        raw = tokenize(text)
        depth, patterns = _budget(text, raw, limits)
        canon = canonical(raw, base)
    except SparqlSyntaxError as exc:
        raise QuerySyntaxError(str(exc), exc.line, exc.column) from None
    tokens = canon.tokens
    form = "update" if kind == "update" else ""
    services, loads, dataset = [], [], []
    has_clause = False
    current_base = base
    for k, t in enumerate(tokens):
        if t.kind != "WORD":
            continue
        if t.value == "BASE" and k + 1 < len(tokens) and tokens[k + 1].kind == "IRI":
            current_base = resolve(tokens[k + 1].value, current_base)
        elif t.value in FORMS and not form:
            form = FORMS[t.value]
        elif t.value == "SERVICE":
            services.append(_following_iri(tokens, k, current_base)[0] or "?")
        elif t.value == "LOAD":
            loads.append(_following_iri(tokens, k, current_base)[0] or "?")
        elif t.value in ("FROM", "USING", "WITH"):
            iri, _ = _following_iri(tokens, k, current_base)
            has_clause = True
            if iri:
                dataset.append(iri)
    if not form:
        raise QuerySyntaxError("no SELECT, ASK, CONSTRUCT or DESCRIBE: not a query", 1, 1)
    if kind == "query" and any(t.kind == "WORD" and t.value in ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP",
                                                               "CREATE", "ADD", "MOVE", "COPY", "WITH", "USING")
                               for t in tokens):
        raise QuerySyntaxError("update operations cannot be sent as a query (send them as `update`)", 1, 1)
    check = tokenize(canon.text)  # the canonical text must read back as the same tokens
    if [(t.kind, t.value) for t in check] != [("IRI" if t.kind == "PNAME" else t.kind, t.value) for t in tokens]:
        raise Refused("the query could not be put in a form every SPARQL reader agrees on; write it plainly")
    lane = lane_of(tokens, form)
    return Inspection(form, canon.text, canon, tuple(services), tuple(loads), tuple(dataset), has_clause,
                      depth, patterns, lane, _top_limit(tokens) if kind == "query" else None)


@lru_cache(maxsize=4096)
def inspect_query(text: str, base: str = "", limits: Limits = Limits()) -> Inspection:
    """Read a query; :class:`QuerySyntaxError` with line and column when it does not read, :class:`OverBudget`
    past a limit. Cached per distinct text."""
    return _inspect(text, "query", base, limits)


@lru_cache(maxsize=256)
def inspect_update(text: str, base: str = "", limits: Limits = Limits()) -> Inspection:
    return _inspect(text, "update", base, limits)


def is_local(iri: str, local_graphs: frozenset[str], base: str) -> bool:
    return iri in local_graphs or (bool(base) and iri.startswith(base.rstrip("/") + "/"))


def refuse_remote(found: Inspection, local_graphs: frozenset[str], base: str = "") -> None:
    """Raise :class:`Refused` if running the request would reach outside the store."""
    if found.services:
        raise Refused(f"SERVICE is not allowed (federated queries would make this server call "
                      f"{found.services[0]}); query this endpoint's own graphs")
    if found.loads:
        raise Refused(f"LOAD is not allowed (it would fetch {found.loads[0]})")
    remote = [g for g in found.dataset if not is_local(g, local_graphs, base)]
    if remote:
        raise Refused(f"FROM/FROM NAMED/USING/WITH {remote[0]} is not a graph of this store; remote datasets are "
                      f"never fetched (list the graphs with SELECT DISTINCT ?g {{ GRAPH ?g {{}} }})")
