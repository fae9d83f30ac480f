"""One router per concern. Each module exposes ``router``, or ``make_router(app)`` when its routes depend on the
app's settings (built at app creation); the order below is the mount order."""
from __future__ import annotations

import importlib

from fastapi import FastAPI

ROUTER_MODULES = ["sparql", "queries", "lookup", "reconcile", "documents", "apidocs", "pages"]


def register_routers(app: FastAPI) -> None:
    for name in ROUTER_MODULES:
        try:
            module = importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"{__name__}.{name}":
                continue  # router not written yet
            raise
        factory = getattr(module, "make_router", None)
        app.include_router(factory(app) if factory else module.router)
