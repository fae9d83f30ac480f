"""Documents over HTTP: ``GET /documents`` (JSON or HTML), ``POST /documents`` and ``DELETE /documents/{id}``.

Adding and removing are off by default: they need ``MARKETGRAPH_DOCUMENTS_ENABLED=true`` and the update token
(``Authorization: Bearer …``), like SPARQL Update. A body over ``MARKETGRAPH_MAX_DOCUMENT_BYTES`` is a 413, a type
other than text, Markdown, HTML or PDF a 415, a file that cannot be read a 422, another writer at work a 503 with
``Retry-After``. The new generation is published and this process switched to it before the response returns,
so the document's facts are queryable as soon as the client has the answer.
"""
from __future__ import annotations

import secrets
from html import escape
from http import HTTPStatus
from pathlib import PurePath
from typing import Optional

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from ..errors import ApiError

ACCEPTED = {"text/plain", "text/markdown", "text/html", "application/pdf"}
META_KEYS = ("issuer", "date", "genre", "title", "publisher", "url")


def _authorise(request: Request) -> None:
    settings = request.app.state.mg.settings
    token = settings.update_token.get_secret_value() if settings.update_token else None
    if not settings.documents_enabled or not token:
        raise ApiError(403, "adding documents is disabled", "set MARKETGRAPH_DOCUMENTS_ENABLED and "
                                                            "MARKETGRAPH_UPDATE_TOKEN to allow it")
    header = request.headers.get("authorization", "")
    bearer = header[7:].strip() if header[:7].lower() == "bearer " else ""
    if not bearer or not secrets.compare_digest(bearer.encode(), token.encode()):
        raise ApiError(403, "not allowed", "adding and removing documents needs the update token")


def _media_type(content_type: str, name: str, data: bytes) -> str:
    from marketgraph.graph.read import media_type_for

    mt = content_type.split(";")[0].strip().lower()
    if mt in ACCEPTED:
        return mt
    if mt in ("", "application/octet-stream"):
        guess = media_type_for(name, data)
        if guess:
            return guess
    raise ApiError(415, "unsupported media type", f"{mt or 'no type'}: send text/plain, text/markdown, text/html "
                                                  f"or application/pdf")


async def _body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise ApiError(413, "document too large", f"{int(declared)} bytes; the limit is {limit}")
    data = bytearray()
    async for chunk in request.stream():
        data += chunk
        if len(data) > limit:
            raise ApiError(413, "document too large", f"over {limit} bytes")
    return bytes(data)


async def _upload(request: Request, limit: int) -> tuple[str, bytes, str, dict[str, str]]:
    """(name, bytes, media type, form metadata) from a multipart form (field ``file``) or a raw body."""
    ctype = request.headers.get("content-type", "")
    fields: dict[str, str] = {}
    if ctype.startswith("multipart/form-data"):
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit + 65536:
            raise ApiError(413, "document too large", f"{int(declared)} bytes; the limit is {limit}")
        try:
            form = await request.form(max_files=1, max_fields=20)
        except Exception as err:
            raise ApiError(400, "bad multipart body", str(err)[:200]) from None
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise ApiError(400, "no file", "send the document in a form field named 'file'")
        data = await upload.read(limit + 1)
        if len(data) > limit:
            raise ApiError(413, "document too large", f"over {limit} bytes")
        fields = {k: v for k, v in form.items() if isinstance(v, str) and k in META_KEYS}
        name = upload.filename or "upload"
        return name, data, _media_type(upload.content_type or "", name, data), fields
    data = await _body(request, limit)
    name = request.query_params.get("name") or "upload"
    return name, data, _media_type(ctype, name, data), fields


def _listing(request: Request) -> list[dict]:
    from marketgraph.graph.generations import current_catalog

    _, cat = current_catalog(request.app.state.mg.settings.store)
    out = []
    for d in sorted(cat.documents.values(), key=lambda d: (d.date or "", d.doc_id)):
        src = cat.sources.get(d.source)
        out.append({"id": d.doc_id, "iri": str(request.app.state.mg.iris.document(d.doc_id)), "title": d.title,
                    "date": d.date, "genre": d.genre, "facts": d.facts, "unresolved": d.unresolved,
                    "status": d.status, "file": src.name if src else None,
                    "media_type": src.media_type if src else None, "sha256": d.source, "url": d.url})
    return out


def _html(rows: list[dict]) -> str:
    head = "".join(f"<th>{h}</th>" for h in ("document", "title", "date", "genre", "facts", "status"))
    body = "".join(
        f"<tr><td><a href=\"{escape(r['iri'])}\">{escape(r['id'])}</a></td><td>{escape(r['title'] or '')}</td>"
        f"<td>{escape(r['date'] or '')}</td><td>{escape(r['genre'])}</td><td>{r['facts']}</td>"
        f"<td>{escape(r['status'])}</td></tr>" for r in rows)
    return (f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Documents</title>"
            f"<link rel=\"stylesheet\" href=\"/static/browse/site.css\"></head><body><main><h1>Documents</h1>"
            f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></main></body></html>")


def make_router(app: FastAPI) -> APIRouter:
    router = APIRouter(tags=["documents"])

    @router.get("/documents", summary="The documents in the store")
    async def list_documents(request: Request) -> Response:
        rows = await run_in_threadpool(_listing, request)
        accept = request.headers.get("accept", "")
        if "text/html" in accept and "application/json" not in accept:
            return HTMLResponse(_html(rows))
        return JSONResponse({"documents": rows})

    @router.post("/documents", status_code=201, summary="Add a document (text, Markdown, HTML or PDF)")
    async def add_document(request: Request) -> Response:
        from marketgraph.graph.ingest import ingest
        from marketgraph.graph.inputs import Input
        from marketgraph.graph.read import MEDIA_TYPES
        from marketgraph.graph.metadata import MetadataError, check
        from marketgraph.graph.storeerrors import StoreBusy, StoreError

        _authorise(request)
        state = request.app.state.mg
        settings = state.settings
        name, data, media_type, fields = await _upload(request, settings.max_document_bytes)
        given = {k: request.query_params[k] for k in META_KEYS if request.query_params.get(k)} | fields
        try:
            meta = check(given)
        except MetadataError as err:
            raise ApiError(400, "bad metadata", str(err)) from None
        suffix = {"text/plain": ".txt", "text/markdown": ".md", "text/html": ".html", "application/pdf": ".pdf"}
        if PurePath(name).suffix.lower() not in MEDIA_TYPES or MEDIA_TYPES[PurePath(name).suffix.lower()] != media_type:
            name = PurePath(name).name + suffix[media_type]
        item = Input(name, f"upload:{name}", data, meta)
        quick = settings.model_copy(update={"write_wait": min(settings.write_wait, 10.0), "extract_workers": 1})
        try:
            report = await run_in_threadpool(ingest, quick, [item])
        except StoreBusy as err:
            raise ApiError(503, "store busy", str(err), headers={"Retry-After": "5"}) from None
        except StoreError as err:
            raise ApiError(409, "not published", str(err)) from None
        state.handle.refresh()
        outcomes = [{"file": o.name, "status": o.status, "reason": o.reason, "documents": list(o.documents),
                     "facts": o.facts} for o in report.outcomes]
        if report.count("failed") or report.count("rejected"):
            first = next(o for o in report.outcomes if o.status in ("failed", "rejected"))
            raise ApiError(HTTPStatus.UNPROCESSABLE_ENTITY.value, f"document {first.status}", first.reason, outcomes=outcomes)
        status = 201 if report.count("added") or report.count("replaced") else 200
        docs = [str(state.iris.document(d)) for o in report.outcomes for d in o.documents]
        return JSONResponse({"outcomes": outcomes, "documents": docs}, status_code=status,
                            headers={"Location": docs[0]} if docs else None)

    @router.delete("/documents/{doc_id}", summary="Remove a document")
    async def delete_document(doc_id: str, request: Request) -> Response:
        from marketgraph.graph.ingest import remove
        from marketgraph.graph.storeerrors import StoreBusy, StoreError

        _authorise(request)
        state = request.app.state.mg
        quick = state.settings.model_copy(update={"write_wait": min(state.settings.write_wait, 10.0)})
        try:
            report = await run_in_threadpool(remove, quick, [doc_id])
        except StoreBusy as err:
            raise ApiError(503, "store busy", str(err), headers={"Retry-After": "5"}) from None
        except StoreError as err:
            raise ApiError(409, "not removed", str(err)) from None
        if not report.count("removed"):
            raise ApiError(404, "no such document", f"{doc_id} is not in the store")
        state.handle.refresh()
        return Response(status_code=204)

    return router
