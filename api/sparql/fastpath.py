"""GET/POST /sparql answered in front of FastAPI: one pure ASGI layer, no routing, dependency injection or
``BaseHTTPMiddleware`` task group per request.

:func:`respond` is the one answer to a SPARQL Protocol request, used by this layer and by the FastAPI route
(api/routers/sparql.py), so the two give the same bytes, headers and error envelopes by construction. For what is
a page rather than an answer (the query editor, the service description) it returns a :class:`Page`; this layer
then hands the request to FastAPI, whose route renders it. Queries the guard has judged before and proves cheap
(:meth:`QueryService.answer_now`) are answered on the event loop; every other query and every update runs off
the loop as on the route, in the thread pool and the worker lanes, with their timeouts.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Optional

from starlette._utils import get_route_path
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from ..errors import ApiError, enveloped, error_response
from .negotiation import prefers_html, prefers_html_to_answers
from .protocol import ProtocolRequest, read_request
from .service import QueryService, raise_for


@dataclass(frozen=True)
class Page:
    """What :func:`respond` leaves to the route: the query ``editor`` or the service ``description``."""
    name: str
    request: ProtocolRequest


async def respond(service: QueryService, request: Request) -> Response | Page:
    """The response to a query or update on /sparql, or the :class:`Page` the request asks for. Every failure
    is an :class:`ApiError` (a bug is a 500 that names it)."""
    return await enveloped(_respond(service, request))


async def _respond(service: QueryService, request: Request) -> Response | Page:
    req = await read_request(request, service.settings.max_query_bytes)
    if req.update is not None:
        reply = await service.aupdate(req.update, req.bearer, using=req.default_graphs,
                                      using_named=req.named_graphs, client=req.client)
        raise_for(reply)
        return Response(status_code=204)
    if req.query is None:
        if request.method == "POST":
            raise ApiError(400, "no query", "POST needs `query=` or `update=`")
        return Page("editor" if not req.fmt and prefers_html(req.accept) else "description", req)
    if request.method == "GET" and not req.fmt and prefers_html_to_answers(req.accept):
        return Page("editor", req)  # a browser following a query link: the editor opens it (YASGUI reads the URL)
    kwargs: dict[str, Any] = dict(accept=req.accept, fmt=req.fmt, default_graphs=req.default_graphs,
                                  named_graphs=req.named_graphs, client=req.client)
    reply = service.answer_now(req.query, **kwargs)
    if reply is None:
        reply = await service.aquery(req.query, **kwargs)
    raise_for(reply)
    headers = {"X-Results-Truncated": "true"} if reply.truncated else {}
    headers["Vary"] = "Accept"
    return Response(reply.body, media_type=reply.media_type, headers=headers)


class SparqlFastPath:
    """ASGI middleware, outermost of the app's own: GET and POST on /sparql go to :func:`respond`; anything
    else, and the pages :func:`respond` declines, go on to the FastAPI application unchanged.

    ``refresh`` is what the app does at the start of every request (notice a newly published generation);
    ``cors`` the app's CORS options, applied to the answers given here as the app applies them to its own."""

    def __init__(self, app: ASGIApp, service: QueryService, refresh: Callable[[], None],
                 cors: Optional[dict[str, Any]] = None):
        self.app, self.service, self.refresh, self.cors = app, service, refresh, cors

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "POST") or get_route_path(scope) != "/sparql":
            await self.app(scope, receive, send)
            return
        self.refresh()
        try:
            response = await respond(self.service, Request(scope, receive))
        except ApiError as exc:
            response = error_response(exc)
        if isinstance(response, Page):  # FastAPI's route renders it (a GET: no body was read)
            await self.app(scope, receive, send)
            return
        await (CORSMiddleware(response, **self.cors) if self.cors else response)(scope, receive, send)
