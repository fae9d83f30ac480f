"""/queries: the named queries of queries/*.rq, listed, and each one served at /queries/{name} (JSON, CSV, HTML).

One route per query is generated at app creation, so each appears in the OpenAPI document with its parameters.
"""
from __future__ import annotations

import json
from typing import Any, Callable

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool

from ..errors import ApiError, enveloped
from ..sparql.catalog import NamedQuery, ParamError, load_catalog
from ..sparql.negotiation import parse_accept, quality
from ..sparql.service import QueryService, attach, raise_for

OUTPUTS = {"json": "application/json", "csv": "text/csv", "html": "text/html"}


def _output(request: Request) -> str:
    fmt = request.query_params.get("format")
    if fmt:
        if fmt not in OUTPUTS:
            raise ApiError(406, "not acceptable", f"format must be one of: {', '.join(OUTPUTS)}")
        return fmt
    ranges = parse_accept(request.headers.get("accept"))
    best, best_q = "json", 0.0
    for key, media in OUTPUTS.items():  # JSON first: it wins ties (*/*)
        q = quality(ranges, media)
        if q > best_q:
            best, best_q = key, q
    if best_q == 0:
        raise ApiError(406, "not acceptable", f"offered: {', '.join(OUTPUTS.values())}")
    return best


def _cell(term: dict[str, Any]) -> Any:
    return term["value"]


def rows_of(srj: dict[str, Any]) -> tuple[list[str], list[dict[str, Any]]]:
    """Variables and plain rows ({var: value}) of a SPARQL JSON result."""
    variables = srj["head"]["vars"]
    rows = [{v: _cell(b[v]) if v in b else None for v in variables} for b in srj["results"]["bindings"]]
    return variables, rows


def _openapi(q: NamedQuery) -> dict[str, Any]:
    params = [{"name": p.name, "in": "query", "required": p.default is None,
               "schema": {"type": "string", "default": p.default} if p.default else {"type": "string"},
               "description": f"{p.description} ({p.type})"} for p in q.params]
    params.append({"name": "format", "in": "query", "schema": {"type": "string", "enum": list(OUTPUTS)}})
    return {"parameters": params}


def make_router(app: FastAPI) -> APIRouter:
    settings = app.state.mg.settings
    service: QueryService = getattr(app.state, "sparql_service", None) or attach(app, settings)
    templates = Jinja2Templates(directory=str(settings.paths.templates))
    catalog = load_catalog(settings.paths.queries)
    router = APIRouter(tags=["named queries"])

    async def run(q: NamedQuery, request: Request) -> Response:
        out = _output(request)
        given = {k: v for k, v in request.query_params.items() if k != "format"}
        try:
            subs = q.bindings(given, settings.base_iri)
        except ParamError as exc:
            raise ApiError(400, "bad parameter", str(exc)) from None
        client = request.client.host if request.client else ""
        shown = {k: v[1] for k, v in subs.items()}

        def answer() -> Response:  # the query, then up to max_rows rows decoded and rendered: one trip off the loop
            reply = service.named(q.text, subs, fmt="csv" if out == "csv" else "json", client=client)
            raise_for(reply)
            headers = {"X-Results-Truncated": "true"} if reply.truncated else {}
            if out == "csv":
                return Response(reply.body, media_type="text/csv", headers=headers)
            variables, rows = rows_of(json.loads(reply.body))
            if out == "html":
                return templates.TemplateResponse(request, "sparql_named_query.html", {
                    "query": q, "params": shown, "vars": variables, "rows": rows, "truncated": reply.truncated,
                }, headers=headers)
            return JSONResponse({"name": q.name, "title": q.title, "params": shown, "vars": variables, "rows": rows,
                                 "truncated": reply.truncated}, headers=headers)
        return await run_in_threadpool(answer)

    def route_for(q: NamedQuery) -> Callable:
        async def endpoint(request: Request) -> Response:
            return await enveloped(run(q, request))
        endpoint.__name__ = f"query_{q.name.replace('-', '_')}"
        return endpoint

    @router.get("/queries", summary="The named queries (JSON, or HTML for browsers)")
    async def list_queries(request: Request) -> Response:
        items = [{"name": q.name, "title": q.title, "description": q.description, "url": f"/queries/{q.name}",
                  "params": [{"name": p.name, "type": p.type, "default": p.default, "description": p.description}
                             for p in q.params], "sparql": q.text} for q in catalog]
        ranges = parse_accept(request.headers.get("accept"))
        html = request.query_params.get("format") == "html" or (
            request.query_params.get("format") != "json"
            and quality(ranges, "text/html") > quality(ranges, "application/json"))
        if html:
            return await run_in_threadpool(templates.TemplateResponse, request, "sparql_queries.html",
                                           {"queries": items})
        return JSONResponse({"queries": items})

    for q in catalog:
        router.add_api_route(f"/queries/{q.name}", route_for(q), methods=["GET"], summary=q.title,
                             description=q.description, openapi_extra=_openapi(q), response_class=Response)
    return router


