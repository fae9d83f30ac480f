"""W3C Reconciliation Service API v0.2 at /reconcile: manifest, batch queries (GET and POST), preview, suggest."""
from __future__ import annotations

import json
import re
from html import escape
from typing import Optional

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from ..browse.context import from_request
from ..browse.reconciliation import (iri_of, manifest, reconcile_one, suggest_entities, suggest_terms)
from ..errors import ApiError

router = APIRouter(prefix="/reconcile", tags=["reconciliation"])
_CALLBACK = re.compile(r"^[A-Za-z_$][\w$.]{0,63}$")


def _reply(data: dict, callback: Optional[str]) -> Response:
    if callback:
        if not _CALLBACK.match(callback):
            raise ApiError(400, "invalid callback", "callback must be a JavaScript identifier")
        return Response(f"{callback}({json.dumps(data)});", media_type="application/javascript")
    return JSONResponse(data)


def _service(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def _check_shape(key: str, q: dict) -> None:
    """400 for a query whose fields have the wrong JSON types (the API's schema), before any work."""
    limit = q.get("limit")
    if limit is not None and not (isinstance(limit, int) and not isinstance(limit, bool) and 0 <= limit <= 1000) \
            and not (isinstance(limit, str) and limit.isdigit() and int(limit) <= 1000):
        raise ApiError(400, "invalid queries", f"{key}.limit must be an integer from 0 to 1000")
    kind = q.get("type")
    if kind is not None and not isinstance(kind, str) and not (
            isinstance(kind, list) and all(isinstance(t, str) for t in kind)):
        raise ApiError(400, "invalid queries", f"{key}.type must be a type id or a list of them")
    props = q.get("properties")
    if props is not None and not (isinstance(props, list) and all(isinstance(x, dict) for x in props)):
        raise ApiError(400, "invalid queries", f'{key}.properties must be a list of {{"pid": ..., "v": ...}}')


def _run(request: Request, queries: Optional[str], callback: Optional[str]) -> Response:
    ctx = from_request(request)
    if not queries:
        return _reply(manifest(ctx, _service(request)), callback)
    try:
        batch = json.loads(queries)
    except json.JSONDecodeError as exc:
        raise ApiError(400, "invalid queries", f"queries is not JSON: {exc}")
    except RecursionError:
        raise ApiError(400, "invalid queries", "queries nests too deeply") from None
    if not isinstance(batch, dict) or not all(isinstance(v, dict) for v in batch.values()):
        raise ApiError(400, "invalid queries", 'queries must be an object {"q0": {"query": "..."}, ...}')
    for key, q in batch.items():
        _check_shape(key, q)
    return _reply({key: reconcile_one(ctx, q) for key, q in batch.items()}, callback)


@router.get("", summary="Service manifest, or a batch of reconciliation queries")
def reconcile_get(request: Request, queries: Optional[str] = Query(None, description="JSON batch of queries"),
                  callback: Optional[str] = Query(None, description="JSONP callback")) -> Response:
    return _run(request, queries, callback)


@router.post("", summary="A batch of reconciliation queries (form field queries=)")
async def reconcile_post(request: Request) -> Response:
    form = await request.form()
    queries = form.get("queries")
    return _run(request, str(queries) if queries is not None else None, form.get("callback"))  # type: ignore[arg-type]


@router.get("/preview", response_class=HTMLResponse, summary="A small HTML card for an entity")
def preview(request: Request, id: str = Query(...)) -> HTMLResponse:
    ctx = from_request(request)
    iri = iri_of(ctx, id)
    if not ctx.view.exists(iri):
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
def suggest_entity(request: Request, prefix: str = Query(...), callback: Optional[str] = None) -> Response:
    return _reply(suggest_entities(from_request(request), prefix), callback)


@router.get("/suggest/type", summary="Type suggestions for a prefix")
def suggest_type(request: Request, prefix: str = Query(...), callback: Optional[str] = None) -> Response:
    return _reply(suggest_terms(from_request(request), prefix, ("class",)), callback)


@router.get("/suggest/property", summary="Property suggestions for a prefix")
def suggest_property(request: Request, prefix: str = Query(...), callback: Optional[str] = None) -> Response:
    return _reply(suggest_terms(from_request(request), prefix, ("property",)), callback)
