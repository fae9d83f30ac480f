"""Linked-data pages: every IRI under the base dereferences (HTML for browsers, Turtle / JSON-LD / N-Triples for
clients, by Accept or by suffix), plus the ontology, home page, VoID, sitemap and data dump."""
from __future__ import annotations

import pyoxigraph as ox
from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, Response, StreamingResponse

from ..browse.context import BrowseContext, from_request
from ..browse.document_text import render as render_text
from ..browse.document_text import source_of
from ..browse.entity_page import FACT_PAGES
from ..browse.graphview import MG, curie
from ..browse.negotiation import (FORMATS, HTML, RDF_FORMATS, Format, NotAcceptable, alternates_link, choose,
                                  split_suffix)
from ..browse.rendering import html_response, page_document, rdf_response
from ..browse.site import CLASS_PAGES, PAGE_SIZE, instances, sitemap
from ..errors import ApiError

router = APIRouter(include_in_schema=False)
HOME_DOCUMENTS = 25
ONTOLOGY_IRI = "https://w3id.org/marketgraph/ontology"


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
    """Led by the documents and the entities with the most facts (computed once per served store)."""
    ctx = from_request(request)
    return html_response(ctx.templates, request, "home.html", {"home": ctx.home, "base": ctx.base,
                                                               "shown": HOME_DOCUMENTS}, None)


@router.api_route("/id/{rest:path}", methods=["GET", "HEAD"])
def resource(rest: str, request: Request, page: int = Query(1, ge=1, le=FACT_PAGES)) -> Response:
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
    if fmt.rdf is not None:
        triples = ctx.view.description(iri) + page_document(ctx.base, path, fmt, iri, ctx.settings.data_license)
        response = rdf_response(triples, fmt, path)
    else:
        response = _page(request, ctx, iri, path, head, page)
    if suffix is None:
        response.headers["Content-Location"] = f"{path}.{fmt.key}"
    return response


def _page(request: Request, ctx: BrowseContext, iri: str, path: str, kind: str, page_no: int = 1) -> Response:
    page = ctx.builder.entity(iri, page_no, with_facts=kind != "document")
    context = {"page": page, "base": ctx.base, "curie": curie}
    if kind != "document":
        return html_response(ctx.templates, request, "entity.html", context, path)
    rows = ctx.builder.facts.rows(ctx.builder.facts.facts_of_document(iri))
    sources = ctx.settings.paths.sources
    src, start, end = source_of(ctx.view, iri, sources, rows)
    context["doc_text"] = render_text(sources, src, start, end, rows, lambda r: f"/id/fact/{r.fact_id}")
    context["doc_facts"] = sorted(rows, key=lambda r: (r.start or 0, r.kind))
    context["candidates"] = ctx.view.select(
        "SELECT ?quote ?reason ?start WHERE { $d mg:unresolvedCandidate ?c . ?c mg:quote ?quote ; mg:reason ?reason ; "
        "mg:start ?start } ORDER BY ?start LIMIT 500", d=ox.NamedNode(iri))
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
        return rdf_response(ctx.ontology.all_triples() + page_document(
            ctx.base, "/ontology", fmt, ONTOLOGY_IRI, ctx.settings.data_license), fmt, "/ontology")
    headers = {"Vary": "Accept", "Link": alternates_link("/ontology", FORMATS)}
    return HTMLResponse(ctx.ontology_docs, headers=headers)


@router.get("/ontology/terms", response_class=HTMLResponse)
def ontology_terms(request: Request) -> Response:
    """The site's own index of the ontology's terms (each links to its page), with search."""
    ctx = from_request(request)
    terms = sorted(ctx.ontology.terms.values(), key=lambda t: (t.kind, t.label.lower()))
    return html_response(ctx.templates, request, "ontology.html", {"terms": terms, "base": ctx.base}, None)


@router.api_route("/ontology/{name}", methods=["GET", "HEAD"])
def ontology_term(name: str, request: Request, page: int = Query(1, ge=1, le=CLASS_PAGES)) -> Response:
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
        return rdf_response(ctx.ontology.term_triples(term.iri) + page_document(
            ctx.base, path, fmt, term.iri, ctx.settings.data_license), fmt, path)
    listed = instances(ctx.view, term.iri, page, PAGE_SIZE) if term.kind == "class" else None
    members = listed.members if listed is not None else []
    labels = ctx.view.labels(members)
    links = {i: ctx.builder.term_link(i) for i in term.parents + term.children + term.domain + term.range
             + term.equivalents}
    return html_response(ctx.templates, request, "term.html",
                         {"term": term, "links": links, "members": [(m, labels.get(m, m)) for m in members],
                          "listed": listed, "page": page,
                          "base": ctx.base, "curie": curie}, path)


@router.api_route("/.well-known/void", methods=["GET", "HEAD"])
def void(request: Request) -> Response:
    ctx = from_request(request)
    fmt = choose_rdf(request)
    return rdf_response(ctx.void, fmt, "/.well-known/void", offered=RDF_FORMATS)


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
    except (OSError, ValueError):   # a NUL or an unreadable name is no file we serve
        found = False
    if not found:
        raise ApiError(404, "not found", f"no static file {name}")
    return FileResponse(target)

