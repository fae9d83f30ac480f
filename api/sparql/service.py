"""The query service the routers use: settings, the worker pool, the update gate, and the app's lifespan hook.

``get_service(app)`` returns the one service of an app (created on first use, closed when the app shuts down).
"""
from __future__ import annotations

import secrets
from contextlib import asynccontextmanager
from typing import Mapping, Optional

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from marketgraph.graph.iris import PREFIXES
from marketgraph.graph.settings import Settings

from ..errors import ApiError
from .jobs import QueryJob, Reply, TermSpec, UpdateJob
from .pool import PoolBusy, QueryTimeout, WorkerPool


class QueryService:
    def __init__(self, settings: Settings):
        self.settings = settings
        prefixes = {k: str(v) for k, v in PREFIXES.items()}
        prefixes["id"] = settings.base_iri + "/id/"
        self.pool = WorkerPool(settings.store, settings.query_workers, prefixes)
        self.epoch = 0

    def start(self) -> None:
        self.pool.start()

    def close(self) -> None:
        self.pool.close()

    def _run(self, job) -> Reply:
        try:
            return self.pool.run(job, self.settings.query_timeout)
        except QueryTimeout as exc:
            return Reply.fail(503, "query timeout", str(exc), timeout=self.settings.query_timeout)
        except PoolBusy as exc:
            return Reply.fail(503, "busy", str(exc))

    def query(self, text: str, *, accept: Optional[str] = None, fmt: tuple[str, ...] | str = (),
              default_graphs: tuple[str, ...] = (), named_graphs: tuple[str, ...] = (),
              substitutions: Optional[Mapping[str, TermSpec]] = None) -> Reply:
        """Run one query (blocking). Errors come back as a :class:`Reply` with ``error`` set."""
        job = QueryJob(text=text, accept=accept, fmt=(fmt,) if isinstance(fmt, str) else tuple(fmt), default_graphs=tuple(default_graphs),
                       named_graphs=tuple(named_graphs), substitutions=tuple((substitutions or {}).items()),
                       max_rows=self.settings.max_rows, epoch=self.epoch)
        return self._run(job)

    async def aquery(self, text: str, **kwargs) -> Reply:
        return await run_in_threadpool(lambda: self.query(text, **kwargs))

    def update(self, text: str, bearer: Optional[str]) -> Reply:
        token = self.settings.update_token.get_secret_value() if self.settings.update_token else None
        if not self.settings.update_enabled or not token:
            return Reply.fail(403, "updates disabled", "this endpoint is read-only")
        if not bearer or not secrets.compare_digest(bearer.encode(), token.encode()):
            return Reply.fail(403, "update not allowed", "SPARQL Update needs the configured bearer token")
        reply = self._run(UpdateJob(text=text, epoch=self.epoch))
        if reply.status < 300:
            self.epoch += 1  # every worker reopens the store before its next job
        return reply

    async def aupdate(self, text: str, bearer: Optional[str]) -> Reply:
        return await run_in_threadpool(lambda: self.update(text, bearer))


def raise_for(reply: Reply) -> None:
    """Turn an error reply into the API's one error envelope."""
    if reply.error is not None:
        err = dict(reply.error)
        raise ApiError(reply.status, err.pop("title"), err.pop("detail", ""), **err)


def get_service(app: FastAPI) -> QueryService:
    """The app's query service; the first call hooks its shutdown into the app's lifespan."""
    service = getattr(app.state, "sparql_service", None)
    if service is None:
        service = QueryService(app.state.mg.settings)
        app.state.sparql_service = service
    return service


def attach(app: FastAPI, settings: Settings) -> QueryService:
    """Create the app's service at app creation, start its workers on startup and stop them on shutdown."""
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
