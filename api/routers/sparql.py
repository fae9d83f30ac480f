"""/sparql: the SPARQL 1.1 Protocol (query, guarded update), the service description, and the query editor.
Everything that costs CPU (the guard, the query, the page) runs off the event loop."""
from __future__ import annotations

import json

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool

from marketgraph.graph.iris import PREFIXES

from ..errors import ApiError
from ..sparql.catalog import load_catalog
from ..sparql.description import serialize_description, service_description
from ..sparql.negotiation import NotAcceptable, negotiate
from ..sparql.fastpath import Page, respond
from ..sparql.service import attach
PROTOCOL_DOC = {
    "parameters": [
        {"name": "query", "in": "query", "schema": {"type": "string"}, "description": "SPARQL 1.1 query"},
        {"name": "default-graph-uri", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}},
        {"name": "named-graph-uri", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}},
        {"name": "format", "in": "query", "schema": {"type": "string"},
         "description": "json, xml, csv, tsv, turtle, ntriples, jsonld, rdfxml, trig (overrides Accept when it "
                        "names a format of the result; otherwise Accept decides)"},
    ],
}


def make_router(app: FastAPI) -> APIRouter:
    settings = app.state.mg.settings
    service = attach(app, settings)
    templates = Jinja2Templates(directory=str(settings.paths.templates))
    examples = [{"name": q.name, "title": q.title, "text": q.text} for q in load_catalog(settings.paths.queries)]
    static = settings.paths.static / "yasgui"
    router = APIRouter(tags=["sparql"])

    def described(request: Request, accept: str | None, fmt: tuple[str, ...]) -> Response:
        endpoint = str(request.url.replace(query=""))
        try:
            service.handle.get(service.epoch)
        except Exception as exc:
            raise ApiError(503, "no graph built", str(exc)) from None
        graphs = sorted(service.handle.graphs)
        try:
            f = negotiate("construct", accept, fmt)
        except NotAcceptable as exc:
            raise ApiError(406, "not acceptable", str(exc)) from None
        body = serialize_description(service_description(endpoint, settings.update_enabled, graphs), f.key)
        return Response(body, media_type=f.media_type, headers={"Vary": "Accept"})

    def editor(request: Request) -> HTMLResponse:
        prefixes = {k: str(v) for k, v in PREFIXES.items()} | {"id": settings.base_iri + "/id/"}
        return templates.TemplateResponse(request, "sparql.html", {
            "examples": examples, "examples_json": json.dumps(examples), "prefixes_json": json.dumps(prefixes),
            "endpoint": str(request.url.replace(query="")), "timeout": settings.query_timeout,
            "max_rows": settings.max_rows,
        })

    async def handle(request: Request) -> Response:
        """The FastAPI route: the same answer as the fast path in front of it (api/sparql/fastpath.py), which
        passes on only the pages (and everything when ``MARKETGRAPH_SPARQL_FAST_PATH=false``)."""
        response = await respond(service, request)
        if not isinstance(response, Page):
            return response
        if response.name == "editor":
            return await run_in_threadpool(editor, request)
        return await run_in_threadpool(described, request, response.request.accept, response.request.fmt)

    @router.get("/sparql", summary="SPARQL 1.1 query (GET), service description, or the query editor",
                openapi_extra=PROTOCOL_DOC, response_class=Response)
    async def sparql_get(request: Request) -> Response:
        return await handle(request)

    @router.post("/sparql", summary="SPARQL 1.1 query or update (POST: form, sparql-query or sparql-update body)",
                 openapi_extra=PROTOCOL_DOC, response_class=Response)
    async def sparql_post(request: Request) -> Response:
        return await handle(request)

    @router.get("/static/yasgui/{name}", include_in_schema=False)
    async def yasgui_asset(name: str) -> FileResponse:
        try:
            path = (static / name).resolve()
            found = path.parent == static.resolve() and path.is_file()
        except (OSError, ValueError):  # a NUL byte, a name too long for the file system
            found = False
        if not found:
            raise ApiError(404, "not found", name)
        return FileResponse(path)

    return router
