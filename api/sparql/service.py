"""The query service the routers use: guard, lanes, worker pools, per-client limits and the update gate.

A request goes: guard (cached per text: refusals and budgets, api/sparql/guard.py) → dataset check →
negotiation → row cap → lane:

- ``inline``: shapes whose work is bounded (see :func:`guard.lane_of`) run in this process, no worker hop;
- ``quick``: worker processes kept for queries anchored on a constant; one that runs past
  ``quick_query_budget`` is stopped and re-run in the slow lane (its text is remembered as slow);
- ``slow``: separate, lower-priority workers, at most ``slow_queries_per_client`` per client address.

Slow queries can never hold the quick lane's workers, so a cheap query is not starved by runaway ones. A full lane
answers 503 with ``Retry-After`` after ``query_queue_wait`` seconds; a client over its limits gets 429.
"""
from __future__ import annotations

import secrets
import threading
import time
from contextlib import asynccontextmanager
from typing import Mapping, Optional

import pyoxigraph as ox
from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from marketgraph.graph.iris import PREFIXES
from marketgraph.graph.settings import Settings

from ..errors import ApiError
from .admission import Admission, SlowTexts, TooMany
from .execute import run_query
from .guard import Inspection, Limits, OverBudget, QuerySyntaxError, Refused, inspect_query, inspect_update, \
    refuse_remote
from .handle import StoreHandle
from .jobs import QueryJob, Reply, UpdateJob
from .lanes import ON_LOOP_ROWS, ON_LOOP_SECONDS, bounded
from .memo import CappedTexts, Memo
from .canonical import original_position
from .negotiation import NotAcceptable, negotiate_once
from .pool import PoolBusy, QueryTimeout, WorkerPool
from .remote import RemoteGraphs, RemoteQueries
from .rewrite import RewriteError, render_term, substitute, with_using

SLOW_NICENESS = 10
RETRY = {"Retry-After": "1"}


class QueryService:
    def __init__(self, settings: Settings):
        self.settings = settings
        self.base = settings.base_iri + "/sparql"  # the base IRI relative IRIs in a request resolve against
        self.limits = Limits(settings.max_query_bytes, settings.max_query_depth, settings.max_query_patterns)
        prefixes = {k: str(v) for k, v in PREFIXES.items()}
        prefixes["id"] = settings.base_iri + "/id/"
        self.prefixes = prefixes
        self.remote: Optional[RemoteQueries] = None
        if settings.remote_query_url:   # the server runs the queries: no worker processes, no embedded store
            from marketgraph.graph.remote_read import RemoteReadStore

            store = RemoteReadStore(settings.remote_query_url, settings.remote_store_url, settings.query_timeout)
            self.remote = RemoteQueries(store, settings.remote_update_url, prefixes)
            self.handle: StoreHandle | RemoteGraphs = RemoteGraphs(store)
        else:
            self.quick = WorkerPool(settings.store, settings.query_workers, prefixes, "quick",
                                    sandbox=settings.query_sandbox)
            self.slow = WorkerPool(settings.store, settings.slow_query_workers, prefixes, "slow", SLOW_NICENESS,
                                   sandbox=settings.query_sandbox)
            self.handle = StoreHandle(settings.store)
        self.admission = Admission(settings.query_client_limit, settings.slow_queries_per_client)
        self.slow_texts = SlowTexts()
        self.judged: Memo[Inspection] = Memo()   # texts the guard passed: the event loop may answer them
        self.heavy: Memo[bool] = Memo()           # texts whose answer once held the loop past on_loop_budget
        self.on_loop_budget = ON_LOOP_SECONDS
        self.capped = CappedTexts()
        self.update_lock = threading.Lock()
        self.epoch = 0

    def start(self) -> None:
        if self.remote is None:
            self.quick.start()
            self.slow.start()

    def close(self) -> None:
        if self.remote is None:
            self.quick.close()
            self.slow.close()
        else:
            self.remote.store.close()

    # --- queries --------------------------------------------------------------------------------------------------

    def guard(self, text: str) -> Inspection | Reply:
        try:
            return inspect_query(text, self.base, self.limits)
        except QuerySyntaxError as exc:
            return Reply.fail(400, "SPARQL syntax error", exc.message, line=exc.line, column=exc.column)
        except OverBudget as exc:
            return Reply.fail(400, "query too complex", str(exc), limit=exc.limit)
        except Refused as exc:
            return Reply.fail(400, "query refused", str(exc))

    def prepare(self, text: str, accept: Optional[str], fmt: tuple[str, ...] | str,
                default_graphs: tuple[str, ...], named_graphs: tuple[str, ...],
                insp: Optional[Inspection] = None, store: Optional[ox.Store] = None, cap: Optional[int] = None,
                ) -> tuple[Inspection, QueryJob, ox.Store] | Reply:
        """Everything before running: the guard (``insp`` when the caller has it), dataset checks, negotiation,
        the row cap (``max_rows`` unless ``cap``). Cheap once the guard has judged ``text`` and the store is open
        (``store``)."""
        if insp is None:
            judged = self.guard(text)
            if isinstance(judged, Reply):
                return judged
            insp = judged
        if store is None:
            try:
                store = self.handle.get(self.epoch)
            except Exception as exc:  # NoStoreError, or a generation that cannot be opened
                return Reply.fail(503, "no graph built", str(exc), headers=RETRY)
        try:
            refuse_remote(insp, self.handle.graphs if insp.dataset else frozenset(), self.settings.base_iri)
        except Refused as exc:
            return Reply.fail(400, "query refused", str(exc))
        try:
            f = negotiate_once(insp.form, accept, (fmt,) if isinstance(fmt, str) else tuple(fmt))
        except NotAcceptable as exc:
            return Reply.fail(406, "not acceptable", str(exc))
        for g in (*default_graphs, *named_graphs):
            try:
                ox.NamedNode(g)
            except ValueError:
                return Reply.fail(400, "invalid graph IRI", f"{g!r} is not an IRI (default-graph-uri / "
                                                            f"named-graph-uri take absolute IRIs)")
        cap = self.settings.max_rows if cap is None else cap
        text2, checked = self.capped.get(insp, cap)
        job = QueryJob(text=text2, form=insp.form, fmt=f.key, base_iri=self.base,
                       default_graphs=tuple(default_graphs), named_graphs=tuple(named_graphs),
                       use_dataset=bool(default_graphs or named_graphs), union_default=not insp.dataset,
                       max_rows=cap, cap_checked=checked, epoch=self.epoch)
        return insp, job, store

    def query(self, text: str, *, accept: Optional[str] = None, fmt: tuple[str, ...] | str = (),
              default_graphs: tuple[str, ...] = (), named_graphs: tuple[str, ...] = (), client: str = "") -> Reply:
        """Run one query (blocking). Errors come back as a :class:`Reply` with ``error`` set."""
        prepared = self.prepare(text, accept, fmt, default_graphs, named_graphs)
        if isinstance(prepared, Reply):
            return prepared
        insp, job, store = prepared
        self.judged.add(text, insp)
        lane = "slow" if insp.text in self.slow_texts else insp.lane
        try:
            with self.admission.request(client):
                reply = self._dispatch(job, lane, insp, client, store)
        except TooMany as exc:
            return Reply.fail(429, "too many requests", str(exc), headers=RETRY)
        return self._positioned(reply, insp)

    def answer_now(self, text: str, *, accept: Optional[str] = None, fmt: tuple[str, ...] | str = (),
                   default_graphs: tuple[str, ...] = (), named_graphs: tuple[str, ...] = (),
                   client: str = "") -> Optional[Reply]:
        """The answer without leaving the calling thread (the event loop), or ``None`` when that is not proven
        cheap: the guard has judged this text before (never tokenised here), the store is open (never opened
        here) and :func:`lanes.bounded` holds, so the engine reads at most :data:`ON_LOOP_ROWS` + 1 rows of one
        index range. An answer that would need more is dropped and the caller runs the query the usual way
        (:meth:`aquery`); every refusal and error comes from the same :meth:`prepare` as there. Rows are bounded,
        not their length: a text whose answer took longer than ``on_loop_budget`` is never answered here again."""
        insp = self.judged.get(text)
        if insp is None or self.remote is not None or not bounded(insp) or self.heavy.get(text):
            return None
        store = self.handle.ready(self.epoch)  # type: ignore[union-attr]  (embedded store: not remote)
        if store is None:  # a generation to open first: not on the loop
            return None
        prepared = self.prepare(text, accept, fmt, default_graphs, named_graphs, insp, store,
                                cap=min(ON_LOOP_ROWS, self.settings.max_rows))
        if isinstance(prepared, Reply):
            return prepared
        insp, job, store = prepared  # the job asks for at most cap + 1 rows
        started = time.thread_time()  # CPU time: a busy machine's preemptions do not count
        try:
            with self.admission.request(client):
                reply = run_query(store, job, self.prefixes)
        except TooMany as exc:
            return Reply.fail(429, "too many requests", str(exc), headers=RETRY)
        if time.thread_time() - started > self.on_loop_budget:  # long literals, say: never on the loop again
            self.heavy.add(text, True)
        if reply.truncated:  # more rows than the probe reads: the usual path answers, under the real cap
            return None
        return self._positioned(reply, insp)

    def _positioned(self, reply: Reply, insp: Inspection) -> Reply:
        if reply.error and reply.error.pop("canonical_position", False) and reply.error.get("line"):
            line, column = original_position(insp.canon, reply.error["line"], reply.error["column"])
            reply.error.update(line=line, column=column)
            reply.error["detail"] = f"{reply.error['detail']} (the query as sent: line {line}, column {column})"
        return reply

    def _dispatch(self, job: QueryJob, lane: str, insp: Inspection, client: str, store: ox.Store) -> Reply:
        timeout, wait = self.settings.query_timeout, self.settings.query_queue_wait
        if self.remote is not None:
            if lane == "slow":   # unanchored: still at most slow_queries_per_client of them per client
                try:
                    with self.admission.slow(client):
                        return self.remote.run(job, timeout)
                except TooMany as exc:
                    return Reply.fail(429, "too many slow queries", str(exc), headers=RETRY)
            return self.remote.run(job, timeout)
        if lane == "inline":
            return run_query(store, job, self.prefixes)
        if lane == "quick":
            budget = min(self.settings.quick_query_budget, timeout)
            started = time.monotonic()
            try:
                return self.quick.run(job, budget, wait)
            except PoolBusy as exc:
                return Reply.fail(503, "busy", str(exc), headers=RETRY)
            except QueryTimeout:
                if budget >= timeout:
                    return self._timeout()
                self.slow_texts.add(insp.text)  # it will go straight to the slow lane next time
                timeout -= time.monotonic() - started
        return self._slow(job, timeout, wait, client)

    def _slow(self, job: QueryJob | UpdateJob, timeout: float, wait: float, client: str) -> Reply:
        try:
            with self.admission.slow(client):
                return self.slow.run(job, timeout, wait)
        except TooMany as exc:
            return Reply.fail(429, "too many slow queries", str(exc), headers=RETRY)
        except PoolBusy as exc:
            return Reply.fail(503, "busy", str(exc), headers=RETRY)
        except QueryTimeout:
            return self._timeout()

    def _timeout(self) -> Reply:
        t = self.settings.query_timeout
        return Reply.fail(503, "query timeout", f"the query ran longer than {t:g} s and was stopped", timeout=t)

    async def aquery(self, text: str, **kwargs) -> Reply:
        return await run_in_threadpool(lambda: self.query(text, **kwargs))

    def named(self, text: str, terms: Mapping[str, tuple], **kwargs) -> Reply:
        """A named query with its parameters written in as constants (validated; the result is guarded again)."""
        insp = self.guard(text)
        if isinstance(insp, Reply):
            return insp
        try:
            rendered = {name: render_term(spec) for name, spec in terms.items()}
        except RewriteError as exc:
            return Reply.fail(400, "bad parameter", str(exc))
        return self.query(substitute(insp, rendered), **kwargs)

    async def anamed(self, text: str, terms: Mapping[str, tuple], **kwargs) -> Reply:
        return await run_in_threadpool(lambda: self.named(text, terms, **kwargs))

    # --- updates --------------------------------------------------------------------------------------------------

    def update(self, text: str, bearer: Optional[str], using: tuple[str, ...] = (),
               using_named: tuple[str, ...] = (), client: str = "") -> Reply:
        token = self.settings.update_token.get_secret_value() if self.settings.update_token else None
        if not self.settings.update_enabled or not token:
            return Reply.fail(403, "updates disabled", "this endpoint is read-only")
        if not bearer or not secrets.compare_digest(bearer.encode(), token.encode()):
            return Reply.fail(403, "update not allowed", "SPARQL Update needs the configured bearer token")
        try:
            insp = inspect_update(text, self.base, self.limits)
            self.handle.get(self.epoch)
            refuse_remote(insp, self.handle.graphs, self.settings.base_iri)
            final = inspect_update(with_using(insp, using, using_named), self.base, self.limits)
        except QuerySyntaxError as exc:
            return Reply.fail(400, "SPARQL syntax error", exc.message, line=exc.line, column=exc.column)
        except OverBudget as exc:
            return Reply.fail(400, "update too complex", str(exc), limit=exc.limit)
        except Refused as exc:
            return Reply.fail(400, "update refused", str(exc))
        except RewriteError as exc:
            return Reply.fail(400, "conflicting dataset", str(exc))
        except Exception as exc:  # NoStoreError
            return Reply.fail(503, "no graph built", str(exc), headers=RETRY)
        if not self.update_lock.acquire(timeout=self.settings.query_queue_wait):
            return Reply.fail(503, "update in progress", "another update is being applied; updates run one at a "
                                                         "time", headers=RETRY)
        try:
            job = UpdateJob(final.text, self.base, self.epoch)
            if self.remote is not None:
                reply = self.remote.update(job, self.settings.query_timeout)
            else:
                reply = self._slow(job, self.settings.query_timeout, self.settings.query_queue_wait, client)
            if reply.status < 300:
                self.epoch += 1  # every worker and the inline path reopen the store before their next job
            return reply
        finally:
            self.update_lock.release()

    async def aupdate(self, text: str, bearer: Optional[str], **kwargs) -> Reply:
        return await run_in_threadpool(lambda: self.update(text, bearer, **kwargs))


def raise_for(reply: Reply) -> None:
    """Turn an error reply into the API's one error envelope."""
    if reply.error is not None:
        err = dict(reply.error)
        raise ApiError(reply.status, err.pop("title"), err.pop("detail", ""), headers=reply.headers or None, **err)


def attach(app: FastAPI, settings: Settings) -> QueryService:
    """The app's one service: created at app creation, workers started on startup and stopped on shutdown."""
    existing = getattr(app.state, "sparql_service", None)
    if existing is not None:
        return existing
    service = QueryService(settings)
    app.state.sparql_service = service
    inner = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(a):
        await run_in_threadpool(service.start)
        try:
            async with inner(a) as state:
                yield state
        finally:
            service.close()

    app.router.lifespan_context = lifespan
    return service
