"""The SPARQL 1.1 Protocol's request forms, read from a Starlette request into one :class:`ProtocolRequest`.

GET ``?query=``; POST ``application/x-www-form-urlencoded`` (``query=`` or ``update=``); POST
``application/sparql-query`` / ``application/sparql-update`` with the text as body. ``default-graph-uri`` and
``named-graph-uri`` (``using-graph-uri`` / ``using-named-graph-uri`` for updates) may repeat. ``format``,
``output`` and ``results`` (what SPARQLWrapper and others send) are read together as format hints.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional
from urllib.parse import parse_qsl

from starlette.requests import Request

from ..errors import ApiError

FORM = "application/x-www-form-urlencoded"
QUERY_BODY = "application/sparql-query"
UPDATE_BODY = "application/sparql-update"


@dataclass(frozen=True)
class ProtocolRequest:
    query: Optional[str]
    update: Optional[str]
    default_graphs: tuple[str, ...]
    named_graphs: tuple[str, ...]
    fmt: tuple[str, ...]
    accept: Optional[str]
    bearer: Optional[str]
    client: str = ""


def _one(pairs: list[tuple[str, str]], name: str) -> Optional[str]:
    values = [v for k, v in pairs if k == name]
    if len(values) > 1:
        raise ApiError(400, f"more than one {name}", f"the request carries {len(values)} `{name}` parameters; "
                                                     f"send exactly one")
    return values[0] if values else None


def _check_size(text: Optional[str], limit: int) -> None:
    if text is not None and len(text.encode("utf-8")) > limit:
        raise ApiError(413, "query too large", f"the query is {len(text.encode('utf-8'))} bytes; "
                                               f"the limit is {limit} bytes")


def _bearer(request: Request) -> Optional[str]:
    auth = request.headers.get("authorization", "")
    scheme, _, token = auth.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


async def _body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit * 4 + 1024:
        raise ApiError(413, "request too large", f"the body is {declared} bytes; the query limit is {limit} bytes")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit * 4 + 1024:  # form-encoding can triple a text's size
            raise ApiError(413, "request too large", f"the query limit is {limit} bytes")
    return body


def _text(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(400, "not UTF-8", f"the body is not UTF-8 text ({exc.reason} at byte {exc.start})") from None


async def read_request(request: Request, max_bytes: int) -> ProtocolRequest:
    try:
        url_pairs = parse_qsl(request.url.query, keep_blank_values=True, errors="strict")
    except UnicodeDecodeError as exc:
        raise ApiError(400, "not UTF-8", f"a URL parameter is not UTF-8 once decoded ({exc.reason})") from None
    pairs = list(url_pairs)
    query: Optional[str] = None
    update: Optional[str] = None
    if request.method == "GET":
        if any(k == "update" for k, _ in pairs):
            raise ApiError(400, "update through GET", "SPARQL Update must be sent with POST")
        query = _one(pairs, "query")
    elif request.method == "POST":
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        charset = [p.split("=", 1)[1].strip().strip('"').lower() for p in request.headers.get("content-type", "")
                   .split(";")[1:] if p.strip().lower().startswith("charset=")]
        if charset and charset[0] not in ("utf-8", "utf8"):
            raise ApiError(400, "not UTF-8", f"SPARQL requests are UTF-8 text; this one says charset={charset[0]}")
        body = await _body(request, max_bytes)
        if ctype == FORM:
            try:
                form = parse_qsl(_text(body), keep_blank_values=True, errors="strict")
            except UnicodeDecodeError as exc:
                raise ApiError(400, "not UTF-8", f"a form field is not UTF-8 once decoded ({exc.reason})") from None
            pairs += form
            query, update = _one(pairs, "query"), _one(pairs, "update")
        elif ctype == QUERY_BODY:
            if _one(pairs, "query") is not None:
                raise ApiError(400, "more than one query", "the body is the query; do not also send `query=`")
            query = _text(body)
        elif ctype == UPDATE_BODY:
            update = _text(body)
        else:
            raise ApiError(415, "unsupported media type",
                           f"POST a query as {FORM} or {QUERY_BODY} (updates as {UPDATE_BODY}); got {ctype or 'none'}")
    else:
        raise ApiError(405, "method not allowed", "use GET or POST")
    if query is not None and update is not None:
        raise ApiError(400, "query and update together", "send either `query` or `update`, not both")
    _check_size(query if query is not None else update, max_bytes)
    graph_names = ("using-graph-uri", "using-named-graph-uri") if update is not None else \
        ("default-graph-uri", "named-graph-uri")
    return ProtocolRequest(
        query=query, update=update,
        default_graphs=tuple(v for k, v in pairs if k == graph_names[0]),
        named_graphs=tuple(v for k, v in pairs if k == graph_names[1]),
        fmt=tuple(dict.fromkeys(v for k, v in pairs if k in ("format", "output", "results"))),
        accept=request.headers.get("accept"),
        bearer=_bearer(request),
        client=request.client.host if request.client else "",
    )
