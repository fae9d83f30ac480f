"""Entity lookup: ``GET /api/entities?q=`` (ranked matches on labels and aliases) and ``GET /api/entities/{id}``."""
from __future__ import annotations

from contextlib import asynccontextmanager
from typing import Any, Optional

import pyoxigraph as ox
from fastapi import APIRouter, FastAPI, Path, Query, Request
from starlette.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from ..browse.context import from_request, warm
from ..browse.entity_json import entity_json, entity_triples
from ..browse.graphview import curie
from ..browse.negotiation import Format, NotAcceptable, choose
from ..browse.rendering import rdf_response
from ..errors import ApiError



@asynccontextmanager
async def _build_index_at_start(app: FastAPI):
    """The lookup index is built when the app starts (labels and aliases read from the store)."""
    await run_in_threadpool(warm, app)
    yield


router = APIRouter(prefix="/api/entities", tags=["lookup"], lifespan=_build_index_at_start)
JSON_FORMATS = (Format("json", "application/json", None),
                Format("jsonld", "application/ld+json", ox.RdfFormat.JSON_LD))


class LookupHit(BaseModel):
    id: str = Field(description="The entity IRI.")
    url: str = Field(description="Path of the entity page on this server.")
    label: str
    matched: str = Field(description="The label or alias that matched the query.")
    match: str = Field(description="How it matched: exact, prefix, word, substring or fuzzy.")
    score: float
    type: Optional[str] = Field(None, description="Most specific type (CURIE).")
    types: list[str]
    kind: str = Field(description="IRI kind segment: product, organisation, market, metric, document …")
    description: str


class LookupResult(BaseModel):
    query: str
    type: Optional[str] = None
    hits: list[LookupHit]


class Entity(BaseModel):
    id: str
    url: Optional[str]
    label: str
    aliases: list[str]
    types: list[str]
    all_types: list[str]
    description: str
    properties: dict[str, list[Any]]
    facts: list[dict[str, Any]] = Field(description="Facts about the entity, each with its evidence quote.")


@router.get("", response_model=LookupResult, summary="Find entities by label or alias")
def lookup(request: Request,
           q: str = Query(..., min_length=1, max_length=200, description="Text to look up (any case, punctuation, script)."),
           type: Optional[str] = Query(None, description="Keep hits of this type: class local name (Smartphone), "
                                                          "CURIE (mg:Smartphone), IRI, or IRI kind (product)."),
           limit: int = Query(10, ge=1, le=100)) -> LookupResult:
    ctx = from_request(request)
    hits = ctx.index.search(q, type, limit)
    out = []
    for h in hits:
        specific = ctx.ontology.most_specific(h.entry.types)
        out.append(LookupHit(id=h.entry.iri, url=ctx.builder.facts.local_path(h.entry.iri) or h.entry.iri,
                             label=h.entry.label, matched=h.matched, match=h.how, score=h.score,
                             type=curie(specific[0]) if specific else None,
                             types=[curie(t) for t in specific], kind=h.entry.kind,
                             description=h.entry.description))
    return LookupResult(query=q, type=type, hits=out)


@router.get("/{id:path}", response_model=Entity, summary="An entity with its facts and evidence",
            responses={200: {"content": {"application/ld+json": {}}}, 404: {"description": "No such entity"}})
def entity(request: Request, id: str = Path(..., description="kind/slug (product/mi-mix-alpha), or the full IRI")) -> Response:
    ctx = from_request(request)
    iri = _resolve(ctx, id)
    try:
        fmt = choose(request.headers.get("accept"), JSON_FORMATS)
    except NotAcceptable:
        raise ApiError(406, "not acceptable", "available: application/json, application/ld+json")
    if fmt.rdf is not None:
        return rdf_response(entity_triples(ctx, iri), fmt, ctx.builder.facts.local_path(iri) or iri)
    return JSONResponse(entity_json(ctx, iri), headers={"Vary": "Accept"})


def _resolve(ctx, id: str) -> str:
    if id.startswith(("http://", "https://")):
        iri = id
    elif "/" in id:
        iri = f"{ctx.base}/id/{id}"
    else:
        found = [e.iri for e in ctx.index.entries if e.iri.rsplit("/", 1)[-1] == id]
        if len(found) != 1:
            raise ApiError(404 if not found else 409, "not found" if not found else "ambiguous id",
                           f"{id!r} names {len(found)} entities; use kind/slug", candidates=found)
        iri = found[0]
    if not ctx.view.exists(iri):
        raise ApiError(404, "not found", f"{iri} is not in the graph")
    return iri
