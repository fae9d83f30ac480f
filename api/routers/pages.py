"""Linked-data pages: every IRI under the base dereferences (HTML for browsers, Turtle / JSON-LD / N-Triples for
clients, by Accept or by suffix), plus the ontology, home page, VoID, sitemap and data dump."""
from __future__ import annotations

import pyoxigraph as ox
from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, Response, StreamingResponse

from ..browse.context import BrowseContext, from_request
from ..browse.document_text import render as render_text
from ..browse.document_text import source_of
from ..browse.graphview import MG, curie
from ..browse.negotiation import FORMATS, HTML, RDF_FORMATS, Format, NotAcceptable, choose, split_suffix
from ..browse.rendering import html_response, rdf_response
from ..browse.site import class_counts, documents, instances, sitemap, void_triples
from ..errors import ApiError

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50


def _negotiate(request: Request, suffix: Format | None, offered: tuple[Format, ...] = FORMATS) -> Format:
    if suffix is not None:
        return suffix
    try:
        return choose(request.headers.get("accept"), offered)
    except NotAcceptable:
        raise ApiError(406, "not acceptable", f"available: {', '.join(f.media_type for f in offered)}")


def _wants_html(request: Request) -> bool:
    try:
        return choose(request.headers.get("accept")) is HTML
    except NotAcceptable:
        return False


def not_found(request: Request, ctx: BrowseContext, path: str) -> Response:
    """404 for an IRI under the base that the graph does not hold: a page with search suggestions."""
    words = path.rstrip("/").rsplit("/", 1)[-1].replace("-", " ").replace("_", " ")
    suggestions = ctx.index.search(words, limit=8) if words.strip() else []
    if _wants_html(request):
        return html_response(ctx.templates, request, "notfound.html",
                             {"path": path, "query": words, "hits": suggestions, "base": ctx.base}, None, 404)
    raise ApiError(404, "not found", f"{ctx.base}{path} is not in the graph",
                   suggestions=[h.entry.iri for h in suggestions])


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> Response:
    ctx = from_request(request)
    counts = [c for c in class_counts(ctx.view) if c.iri.startswith(MG)]
    labels = {c.iri: ctx.builder.term_link(c.iri) for c in counts}
    docs = documents(ctx.view)
    genres: dict[str, int] = {}
    for d in docs:
        genres[d.genre or "unknown"] = genres.get(d.genre or "unknown", 0) + 1
    return html_response(ctx.templates, request, "home.html",
                         {"counts": counts, "labels": labels, "docs": docs, "genres": genres,
                          "triples": len(ctx.view.store), "base": ctx.base}, None)


@router.api_route("/id/{rest:path}", methods=["GET", "HEAD"])
def resource(rest: str, request: Request) -> Response:
    """Any IRI under ``{base}/id/``: the page, or RDF by Accept or by a .ttl/.jsonld/.nt suffix. A negotiated
    answer names the variant it sent in ``Content-Location``."""
    ctx = from_request(request)
    head, _, last = rest.rpartition("/")
    stem, suffix = split_suffix(last)
    path = f"/id/{head}/{stem}" if head else f"/id/{stem}"
    iri = ctx.base + path
    if not head or not ctx.view.exists(iri):
        return not_found(request, ctx, path)
    fmt = _negotiate(request, suffix)
    response = rdf_response(ctx.view.description(iri), fmt, path) if fmt.rdf is not None \
        else _page(request, ctx, iri, path, head)
    if suffix is None:
        response.headers["Content-Location"] = f"{path}.{fmt.key}"
    return response


def _page(request: Request, ctx: BrowseContext, iri: str, path: str, kind: str) -> Response:
    page = ctx.builder.entity(iri)
    context = {"page": page, "base": ctx.base, "curie": curie}
    if kind != "document":
        return html_response(ctx.templates, request, "entity.html", context, path)
    rows = ctx.builder.facts.rows(ctx.builder.facts.facts_of_document(iri))
    sources = ctx.settings.paths.sources
    src, start, end = source_of(ctx.view, iri, sources, rows)
    context["doc_text"] = render_text(sources, src, start, end, rows, lambda r: f"/id/fact/{r.fact_id}")
    context["doc_facts"] = sorted(rows, key=lambda r: (r.start or 0, r.kind))
    page.tables, page.charts = [], []
    return html_response(ctx.templates, request, "document.html", context, path)


@router.api_route("/ontology", methods=["GET", "HEAD"])
def ontology(request: Request) -> Response:
    return _ontology(request, None)


@router.get("/ontology.{ext}")
def ontology_suffixed(ext: str, request: Request) -> Response:
    _, fmt = split_suffix(f"ontology.{ext}")
    if fmt is None:
        raise ApiError(404, "not found", f"no ontology format .{ext}")
    return _ontology(request, fmt)


def _ontology(request: Request, suffix: Format | None) -> Response:
    ctx = from_request(request)
    fmt = _negotiate(request, suffix)
    if fmt.rdf is not None:
        return rdf_response(ctx.ontology.all_triples(), fmt, "/ontology")
    terms = sorted(ctx.ontology.terms.values(), key=lambda t: (t.kind, t.label.lower()))
    return html_response(ctx.templates, request, "ontology.html", {"terms": terms, "base": ctx.base}, "/ontology")


@router.api_route("/ontology/{name}", methods=["GET", "HEAD"])
def ontology_term(name: str, request: Request, page: int = Query(1, ge=1)) -> Response:
    ctx = from_request(request)
    stem, suffix = split_suffix(name)
    term = ctx.ontology.terms.get(stem)
    path = f"/ontology/{stem}"
    if term is None:
        if _wants_html(request):
            hits = [t for t in ctx.ontology.terms.values() if stem.lower() in t.name.lower()][:10]
            return html_response(ctx.templates, request, "notfound.html",
                                 {"path": path, "query": stem, "hits": [], "terms": hits, "base": ctx.base},
                                 None, 404)
        raise ApiError(404, "not found", f"mg:{stem} is not an ontology term")
    fmt = _negotiate(request, suffix)
    if fmt.rdf is not None:
        return rdf_response(ctx.ontology.term_triples(term.iri), fmt, path)
    total, members = (0, [])
    if term.kind == "class":
        total, members = instances(ctx.view, term.iri, (page - 1) * PAGE_SIZE, PAGE_SIZE)
    labels = ctx.view.labels(members)
    links = {i: ctx.builder.term_link(i) for i in term.parents + term.children + term.domain + term.range
             + term.equivalents}
    return html_response(ctx.templates, request, "term.html",
                         {"term": term, "links": links, "members": [(m, labels.get(m, m)) for m in members],
                          "total": total, "page": page, "pages": max(1, -(-total // PAGE_SIZE)),
                          "base": ctx.base, "curie": curie}, path)


@router.api_route("/.well-known/void", methods=["GET", "HEAD"])
def void(request: Request) -> Response:
    ctx = from_request(request)
    fmt = choose_rdf(request)
    return rdf_response(void_triples(ctx.view), fmt, "/.well-known/void", offered=RDF_FORMATS)


def choose_rdf(request: Request) -> Format:
    accept = request.headers.get("accept") or ""
    try:
        return choose(accept, RDF_FORMATS) if accept and "text/html" not in accept else RDF_FORMATS[0]
    except NotAcceptable:
        return RDF_FORMATS[0]


@router.get("/sitemap.xml")
def sitemap_xml(request: Request) -> Response:
    ctx = from_request(request)
    extra = ["/", "/ontology"] + [f"/ontology/{n}" for n in sorted(ctx.ontology.terms)]
    return Response(sitemap(ctx.view, extra), media_type="application/xml")


@router.get("/dump.nq")
def dump(request: Request) -> Response:
    """The whole dataset as N-Quads (the VoID data dump)."""
    ctx = from_request(request)
    body = ctx.view.store.dump(format=ox.RdfFormat.N_QUADS)
    return StreamingResponse(iter([body]), media_type="application/n-quads")


@router.get("/static/{name:path}")
def static(name: str, request: Request) -> Response:
    ctx = from_request(request)
    root = ctx.settings.paths.static.resolve()
    try:
        target = (root / name).resolve()
        found = root in target.parents and target.is_file()
    except (OSError, ValueError):  # a NUL byte, a name too long for the file system
        found = False
    if not found:
        raise ApiError(404, "not found", f"no static file {name}")
    return FileResponse(target)

