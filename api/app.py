"""The FastAPI application factory. No import-time globals: everything hangs off ``create_app(settings)``."""
from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from marketgraph.graph.settings import Settings

from .state import AppState


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

    @app.middleware("http")
    async def _current_generation(request, call_next):
        try:
            state.handle.refresh()
        except Exception:   # the store vanished: keep serving what is open; routes report their own errors
            pass
        return await call_next(request)

    if settings.cors_origin_list:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origin_list,
                           allow_methods=["GET", "POST"], allow_headers=["*"],
                           expose_headers=["X-Results-Truncated"])
    from .errors import install_error_handlers
    install_error_handlers(app)
    from .routers import register_routers
    register_routers(app)

    return app
