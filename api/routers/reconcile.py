"""Reconciliation at /reconcile: the W3C Reconciliation Service API 0.2 (manifest, batch queries by GET and POST
form, preview, suggest, data extension with property proposals) and the 1.0 draft at /reconcile/v1 (JSON POST to
/match and /extend). Batches run off the event loop; batch size and per-query limit are capped (413 / 400) and the
response size is bounded (413)."""
from __future__ import annotations

import json
import re
from html import escape
from urllib.parse import parse_qs
from typing import Any, Callable, Optional

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from ..browse.context import BrowseContext, from_request
from ..browse.data_extension import extend_v02, extend_v10, propose_properties
from ..browse.reconciliation import (QueryError, iri_of, query_v02, query_v10, reconcile, suggest_entities,
                                     suggest_terms)
from ..errors import ApiError

router = APIRouter(prefix="/reconcile", tags=["reconciliation"])
_CALLBACK = re.compile(r"^[A-Za-z_$][\w$.]{0,63}$")
MAX_BODY_BYTES = 2_000_000
MAX_RESPONSE_BYTES = 8_000_000
COMMON_TYPES = ("Organisation", "Product", "Smartphone", "Market", "Person", "Metric")


def _service(request: Request) -> str:
    """The service's own URL as the client reached it (links work on any host)."""
    return str(request.base_url).rstrip("/") + "/reconcile"


def _reply(data: dict, callback: Optional[str]) -> Response:
    body = json.dumps(data, ensure_ascii=False)
    if len(body) > MAX_RESPONSE_BYTES:
        raise ApiError(413, "response too large", f"the answer would be {len(body):,} bytes (at most "
                       f"{MAX_RESPONSE_BYTES:,}); send fewer queries or a lower limit per request")
    if callback:
        if not _CALLBACK.match(callback):
            raise ApiError(400, "invalid callback", "callback must be a JavaScript identifier")
        return Response(f"{callback}({body});", media_type="application/javascript")
    return Response(body, media_type="application/json")


def _json(text: str, what: str) -> Any:
    if len(text) > MAX_BODY_BYTES:
        raise ApiError(413, "request too large", f"{what} is over {MAX_BODY_BYTES:,} bytes")
    try:
        return json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise ApiError(400, f"invalid {what}", f"{what} is not JSON: {exc}")


def _types(ctx: BrowseContext) -> list[dict[str, str]]:
    classes = {t.name: t for t in ctx.ontology.terms.values() if t.kind == "class"}
    return [{"id": f"mg:{n}", "name": classes[n].label} for n in COMMON_TYPES if n in classes]


def manifest_v02(ctx: BrowseContext, service: str) -> dict[str, Any]:
    root = service.rsplit("/reconcile", 1)[0]
    return {
        "versions": ["0.2"], "name": "marketgraph reconciliation",
        "identifierSpace": f"{ctx.base}/id/", "schemaSpace": "https://w3id.org/marketgraph/ontology#",
        "defaultTypes": _types(ctx),
        "view": {"url": f"{root}/id/{{{{id}}}}"},
        "preview": {"url": f"{service}/preview?id={{{{id}}}}", "width": 430, "height": 300},
        "suggest": {k: {"service_url": root, "service_path": f"/reconcile/suggest/{k}"}
                    for k in ("entity", "type", "property")},
        "extend": {"propose_properties": {"service_url": root, "service_path": "/reconcile/propose_properties"},
                   "property_settings": []},
    }


def _run_batch(ctx: BrowseContext, batch: Any) -> dict[str, Any]:
    if not isinstance(batch, dict) or not batch:
        raise ApiError(400, "invalid queries", 'queries must be an object {"q0": {"query": "..."}, ...}')
    limit_cap = ctx.settings.reconcile_max_limit
    try:
        parsed = {str(k): query_v02(q, limit_cap) for k, q in batch.items()}
    except QueryError as exc:
        raise ApiError(400, "invalid query", str(exc))
    return {k: {"result": reconcile(ctx, q)} for k, q in parsed.items()}


def _capped(ctx: BrowseContext, n: int) -> None:
    cap = ctx.settings.reconcile_max_queries
    if n > cap:
        raise ApiError(413, "batch too large", f"{n} queries in one batch; at most {cap} (send several batches)")


async def _off_loop(fn: Callable[..., Any], *args: Any) -> Any:
    return await run_in_threadpool(fn, *args)


def _answer(ctx: BrowseContext, service: str, queries: Optional[str], extend: Optional[str],
            callback: Optional[str]) -> Response:
    """Everything a 0.2 request costs — decoding, checking, matching, encoding — in one call made off the loop."""
    if extend:
        return _reply(_extension(ctx, _json(extend, "extend"), extend_v02), callback)
    if not queries:
        return _reply(manifest_v02(ctx, service), callback)
    batch = _json(queries, "queries")
    if isinstance(batch, dict):
        _capped(ctx, len(batch))
    return _reply(_run_batch(ctx, batch), callback)


def _form_answer(ctx: BrowseContext, service: str, body: bytes) -> Response:
    try:
        form = parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=20)
    except (UnicodeDecodeError, ValueError) as exc:
        raise ApiError(400, "invalid request", f"send queries= as a form field or a JSON body: {exc}")
    value = lambda k: form[k][0] if form.get(k) else None  # noqa: E731
    return _answer(ctx, service, value("queries"), value("extend"), value("callback"))


def _extension(ctx: BrowseContext, raw: Any, fn: Callable[..., dict]) -> dict:
    try:
        return fn(ctx, raw, ctx.settings.reconcile_max_queries)
    except QueryError as exc:
        raise ApiError(400, "invalid extend", str(exc))


@router.get("", summary="Service manifest (0.2), a batch of queries, or a data extension request")
async def reconcile_get(request: Request, queries: Optional[str] = Query(None, description="JSON batch of queries"),
                        extend: Optional[str] = Query(None, description="JSON data extension request"),
                        callback: Optional[str] = Query(None, description="JSONP callback")) -> Response:
    return await _off_loop(_answer, from_request(request), _service(request), queries, extend, callback)


@router.post("", summary="A batch of queries (form field queries=, 0.2; or a JSON body, 1.0 draft)")
async def reconcile_post(request: Request) -> Response:
    if request.headers.get("content-type", "").split(";")[0].strip() == "application/json":
        return await match_v10(request)
    body = await _bounded_body(request)
    return await _off_loop(_form_answer, from_request(request), _service(request), body)


@router.get("/propose_properties", summary="Properties to add as columns for entities of a type (0.2)")
def propose_v02(request: Request, type: str = Query(..., description="type id, e.g. mg:Smartphone"),
                limit: int = Query(20, ge=1, le=200)) -> Response:
    ctx = from_request(request)
    try:
        props = propose_properties(ctx, type, limit)
    except QueryError as exc:
        raise ApiError(400, "invalid type", str(exc))
    return JSONResponse({"type": type, "limit": limit, "properties": props})


@router.get("/preview", response_class=HTMLResponse, summary="A small HTML card for an entity")
def preview(request: Request, id: str = Query(..., max_length=500)) -> HTMLResponse:
    ctx = from_request(request)
    iri = iri_of(ctx, id)
    if not ctx.view.exists(iri):   # an id that is no valid IRI names nothing either
        raise ApiError(404, "not found", f"{iri} is not in the graph")
    page = ctx.builder.entity(iri)
    facts = [r for t in page.tables for r in t.rows][:3]
    items = "".join(f"<li>{escape(r.label)}: {escape(r.display_value)}</li>" for r in facts)
    body = (f'<div class="mg-preview" style="font:14px sans-serif;padding:8px">'
            f'<h3 style="margin:0"><a href="{escape(page.path)}" target="_blank">{escape(page.label)}</a></h3>'
            f'<p>{escape(page.description)}</p>'
            + (f"<p>Also: {escape(', '.join(page.aliases))}</p>" if page.aliases else "")
            + f"<p>{page.fact_count} facts</p><ul>{items}</ul></div>")
    return HTMLResponse(f"<!doctype html><html><head><meta charset='utf-8'></head><body>{body}</body></html>")


@router.get("/suggest/entity", summary="Entity suggestions for a prefix")
def suggest_entity(request: Request, prefix: str = Query(..., max_length=200), callback: Optional[str] = None) -> Response:
    return _reply({"result": suggest_entities(from_request(request), prefix)}, callback)


@router.get("/suggest/type", summary="Type suggestions for a prefix")
def suggest_type(request: Request, prefix: str = Query(..., max_length=200), callback: Optional[str] = None) -> Response:
    return _reply({"result": suggest_terms(from_request(request), prefix, ("class",))}, callback)


@router.get("/suggest/property", summary="Property suggestions for a prefix")
def suggest_property(request: Request, prefix: str = Query(..., max_length=200), callback: Optional[str] = None) -> Response:
    return _reply({"result": suggest_terms(from_request(request), prefix, ("property",))}, callback)


# ------------------------------------------------------------------------------------------ 1.0 draft


@router.get("/v1", summary="Service manifest (Reconciliation API 1.0 draft)")
def manifest_v10(request: Request) -> Response:
    ctx = from_request(request)
    root = str(request.base_url).rstrip("/")
    return JSONResponse({
        "versions": ["1.0-draft"], "name": "marketgraph reconciliation", "serviceVersion": "1.1",
        "documentation": f"{root}/docs", "identifierSpace": f"{ctx.base}/id/",
        "schemaSpace": "https://w3id.org/marketgraph/ontology#",
        "defaultTypes": _types(ctx), "view": {"url": f"{root}/id/{{id}}"},
        "preview": {"width": 430, "height": 300},
        "suggest": {"entity": True, "type": True, "property": True},
        "extend": {"proposeProperties": True, "propertySettings": []},
        "standardizedScore": False,
    })


async def _bounded_body(request: Request) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise ApiError(413, "request too large", f"the body is over {MAX_BODY_BYTES:,} bytes")
    raw = await request.body()
    if len(raw) > MAX_BODY_BYTES:
        raise ApiError(413, "request too large", f"the body is over {MAX_BODY_BYTES:,} bytes")
    return raw


async def _body(request: Request) -> Any:
    raw = await _bounded_body(request)
    return await _off_loop(_json, raw.decode("utf-8", errors="replace"), "request body")


@router.post("/v1/match", summary="A batch of queries (1.0 draft, JSON body {queries: [...]})")
async def match_v10(request: Request) -> Response:
    ctx = from_request(request)
    raw = await _bounded_body(request)

    def run() -> Response:
        body = _json(raw.decode("utf-8", errors="replace"), "request body")
        if not isinstance(body, dict) or not isinstance(body.get("queries"), list):
            raise ApiError(400, "invalid queries", 'the body must be {"queries": [{"conditions": [...]}, ...]}')
        _capped(ctx, len(body["queries"]))
        try:
            parsed = [query_v10(q, ctx.settings.reconcile_max_limit) for q in body["queries"]]
        except QueryError as exc:
            raise ApiError(400, "invalid query", str(exc))
        return _reply({"results": [{"candidates": reconcile(ctx, q)} for q in parsed]}, None)
    return await _off_loop(run)


@router.post("/v1/extend", summary="Data extension (1.0 draft, JSON body {ids, properties})")
async def extend_route_v10(request: Request) -> Response:
    ctx = from_request(request)
    body = await _body(request)
    return await _off_loop(lambda: _reply(_extension(ctx, body, extend_v10), None))


@router.get("/v1/extend/propose", summary="Property proposals for a type (1.0 draft)")
def propose_route_v10(request: Request, type: str = Query(...), limit: int = Query(20, ge=1, le=200)) -> Response:
    ctx = from_request(request)
    try:
        props = propose_properties(ctx, type, limit)
    except QueryError as exc:
        raise ApiError(400, "invalid type", str(exc))
    return JSONResponse({"type": type, "limit": limit, "properties": props})


def _strings(text: str) -> list[dict[str, str]]:
    return [{"str": text, "lang": "en"}] if text else []


@router.get("/v1/suggest/{kind}", summary="Suggestions for a prefix (1.0 draft)")
def suggest_v10(request: Request, kind: str, prefix: str = Query(..., max_length=200)) -> Response:
    ctx = from_request(request)
    if kind == "entity":
        found = suggest_entities(ctx, prefix)
    elif kind in ("type", "property"):
        found = suggest_terms(ctx, prefix, ("class",) if kind == "type" else ("property",))
    else:
        raise ApiError(404, "not found", "suggest kinds: entity, type, property")
    return JSONResponse({"result": [{"id": r["id"], "name": _strings(r["name"]),
                                     "description": _strings(r.get("description") or "")} for r in found]})
