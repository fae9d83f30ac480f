"""A query worker process: opens the store read-only, then answers jobs from its pipe until told to stop.

It runs guards, executes, and writes the result bytes, so the app only moves bytes. A worker that takes too
long is killed by the pool (api/sparql/pool.py); nothing here has to cooperate for that.
"""
from __future__ import annotations

import os
import re
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Optional

import pyoxigraph as ox

from .guard import QuerySyntaxError, Refused, inspect_query, inspect_update, may_reach_out, refuse_remote
from .jobs import QueryJob, Reply, TermSpec, UpdateJob
from .negotiation import NotAcceptable, negotiate
from .results import take, write_boolean, write_solutions, write_triples

OX_POSITION = re.compile(r"(\d+):(\d+)")


class StoreHandle:
    """The read-only store of the current generation, reopened when a build publishes a new one."""

    def __init__(self, link: Path):
        self.link = link
        self.generation: Optional[Path] = None
        self.epoch = -1
        self.store: Optional[ox.Store] = None
        self.graphs: frozenset[str] = frozenset()

    def get(self, epoch: int) -> ox.Store:
        from marketgraph.graph.store import NoStoreError, current_generation

        gen = current_generation(self.link)
        if gen is None:
            raise NoStoreError(f"no graph has been built at {self.link}; run `marketgraph build`")
        if self.store is None or gen != self.generation or epoch != self.epoch:
            self.store = ox.Store.read_only(str(gen))
            self.generation, self.epoch = gen, epoch
            self.graphs = frozenset(g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode))
        return self.store


def _term(spec: TermSpec):
    if spec[0] == "iri":
        return ox.NamedNode(spec[1])
    _, value, datatype, language = spec
    if language:
        return ox.Literal(value, language=language)
    return ox.Literal(value, datatype=ox.NamedNode(datatype)) if datatype else ox.Literal(value)


def _syntax_reply(message: str, line: Optional[int], column: Optional[int]) -> Reply:
    return Reply.fail(400, "SPARQL syntax error", message, line=line, column=column)


FORM_OF_RESULT = {ox.QuerySolutions: "select", ox.QueryBoolean: "ask", ox.QueryTriples: "construct"}


def run_query(handle: StoreHandle, job: QueryJob, prefixes: dict[str, str]) -> Reply:
    dataset: tuple[str, ...] = ()
    store = handle.get(job.epoch)
    if may_reach_out(job.text):
        try:
            found = inspect_query(job.text)
        except QuerySyntaxError as exc:
            return _syntax_reply(exc.message, exc.line, exc.column)
        try:
            refuse_remote(found, handle.graphs)
        except Refused as exc:
            return Reply.fail(400, "query refused", str(exc))
        dataset = found.dataset
    unknown = sorted((set(job.default_graphs) | set(job.named_graphs)) - handle.graphs)
    if unknown:
        return Reply.fail(400, "query refused", f"graph {unknown[0]} is not in this store; remote datasets are "
                                                f"never fetched")
    kwargs: dict = {}
    if job.default_graphs or job.named_graphs:  # the protocol's dataset replaces the query's
        kwargs["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs]
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
    elif not dataset:
        kwargs["use_default_graph_as_union"] = True
    if job.substitutions:
        kwargs["substitutions"] = {ox.Variable(k): _term(v) for k, v in job.substitutions}
    try:
        result = store.query(job.text, **kwargs)
        fmt = negotiate(FORM_OF_RESULT[type(result)], job.accept, job.fmt)  # type: ignore[arg-type]
        if isinstance(result, ox.QuerySolutions):
            variables = [v.value for v in result.variables]
            rows, cut = take(result, job.max_rows)
            return Reply(200, fmt.media_type, write_solutions(variables, rows, fmt), cut, len(rows))
        if isinstance(result, ox.QueryBoolean):
            return Reply(200, fmt.media_type, write_boolean(bool(result), fmt), False, 1)
        triples, cut = take(result, job.max_rows)
        return Reply(200, fmt.media_type, write_triples(triples, fmt, prefixes), cut, len(triples))
    except NotAcceptable as exc:
        return Reply.fail(406, "not acceptable", str(exc))
    except SyntaxError as exc:
        return _oxigraph_syntax_reply(exc)


def _oxigraph_syntax_reply(exc: SyntaxError) -> Reply:
    m = OX_POSITION.search(str(exc))
    if not m:
        return _syntax_reply(str(exc), None, None)
    line, column = int(m.group(1)), int(m.group(2))
    return _syntax_reply(f"{exc} (line {line}, column {column})", line, column)


def run_update(handle: StoreHandle, job: UpdateJob) -> Reply:
    try:
        found = inspect_update(job.text)
    except QuerySyntaxError as exc:
        return _syntax_reply(exc.message, exc.line, exc.column)
    handle.get(job.epoch)
    try:
        refuse_remote(found, handle.graphs)
    except Refused as exc:
        return Reply.fail(400, "update refused", str(exc))
    assert handle.generation is not None
    writable = ox.Store(str(handle.generation))
    try:
        writable.update(job.text)
        writable.flush()
    except SyntaxError as exc:
        return _oxigraph_syntax_reply(exc)
    finally:
        del writable
    return Reply(204)


def serve(conn: Connection, store_link: str, prefixes: dict[str, str]) -> None:
    """Entry point of a worker process."""
    import rdflib.plugins.sparql.parser  # noqa: F401  (warm the grammar before saying ready)

    from marketgraph.graph.store import NoStoreError

    parent = os.getppid()
    handle = StoreHandle(Path(store_link))
    conn.send("ready")
    while True:
        if not conn.poll(1.0):
            if os.getppid() != parent:  # the app died: do not linger
                return
            continue
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        try:
            if isinstance(job, QueryJob):
                reply = run_query(handle, job, prefixes)
            else:
                reply = run_update(handle, job)
        except NoStoreError as exc:
            reply = Reply.fail(503, "no graph built", str(exc))
        except Exception as exc:  # an unexpected failure is the endpoint's fault: a 500, with what happened
            reply = Reply.fail(500, "query failed", f"{type(exc).__name__}: {exc}")
        conn.send(reply)
