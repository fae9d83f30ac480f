"""The FastAPI application factory. No import-time globals: everything hangs off ``create_app(settings)``."""
from __future__ import annotations

from contextlib import asynccontextmanager
from functools import partial
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from marketgraph.graph.settings import Settings

from .state import AppState


class CurrentGeneration:
    """A request starts by noticing a newly published generation (a plain ASGI layer: ``BaseHTTPMiddleware``
    would cost a task group and two memory streams per request)."""

    def __init__(self, app: ASGIApp, state: AppState):
        self.app, self.state = app, state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            refresh_generation(self.state)
        await self.app(scope, receive, send)


def refresh_generation(state: AppState) -> None:
    try:
        state.handle.refresh()
    except Exception:   # the store vanished: keep serving what is open; routes report their own errors
        pass


def cors_options(settings: Settings) -> dict[str, Any]:
    return dict(allow_origins=settings.cors_origin_list, allow_methods=["GET", "POST"], allow_headers=["*"],
                expose_headers=["X-Results-Truncated"])


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    state = AppState.open(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        state.close()

    app = FastAPI(title="marketgraph", version="0.1.0", lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Products, markets and metrics from corporate documents, every fact with its quote.")
    app.state.mg = state
    # one generation served at a time: a request starts by noticing a newly published generation; what the
    # browsing routes built from the old one (graph view, lookup index) is dropped and rebuilt on first use
    state.handle.subscribe(lambda _snap: setattr(app.state, "browse", None))
    app.add_middleware(CurrentGeneration, state=state)

    if settings.cors_origin_list:
        app.add_middleware(CORSMiddleware, **cors_options(settings))
    from .errors import install_error_handlers
    install_error_handlers(app)
    from .routers import register_routers
    register_routers(app)
    if settings.sparql_fast_path:
        # outermost: GET/POST /sparql answered without FastAPI's routing (api/sparql/fastpath.py)
        from .sparql.fastpath import SparqlFastPath

        app.add_middleware(SparqlFastPath, service=app.state.sparql_service,
                           refresh=partial(refresh_generation, state),
                           cors=cors_options(settings) if settings.cors_origin_list else None)

    return app
