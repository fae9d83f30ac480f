"""Result formats and content negotiation: Accept with q-values; a ``format`` (or ``output`` / ``results``)
parameter wins only when it names a format this kind of result has, otherwise Accept decides."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, Optional, Sequence, Union

from ..accept import MediaRange, parse_accept, quality  # noqa: F401  (re-exported for the routers)

Form = Literal["select", "ask", "construct", "describe"]


@dataclass(frozen=True)
class Format:
    key: str              # short name, also accepted by ``format=``
    media_type: str       # what the response says it is
    also: tuple[str, ...]  # other media types that ask for it
    w3c: str              # http://www.w3.org/ns/formats/ name (service description)
    aliases: tuple[str, ...] = ()


RESULT_FORMATS: tuple[Format, ...] = (
    Format("json", "application/sparql-results+json", ("application/json",), "SPARQL_Results_JSON", ("srj",)),
    Format("xml", "application/sparql-results+xml", ("application/xml", "text/xml"), "SPARQL_Results_XML", ("srx",)),
    Format("csv", "text/csv", (), "SPARQL_Results_CSV"),
    Format("tsv", "text/tab-separated-values", (), "SPARQL_Results_TSV"),
)

GRAPH_FORMATS: tuple[Format, ...] = (
    Format("turtle", "text/turtle", ("application/x-turtle", "text/n3", "text/rdf+n3"), "Turtle", ("ttl", "n3")),
    Format("ntriples", "application/n-triples", ("text/plain",), "N-Triples", ("nt", "n-triples")),
    Format("jsonld", "application/ld+json", ("application/json",), "JSON-LD", ("json-ld", "json")),
    Format("rdfxml", "application/rdf+xml", ("application/xml", "text/xml"), "RDF_XML", ("xml", "rdf", "rdf+xml")),
    Format("trig", "application/trig", (), "TriG"),
)


# A results format asked for a graph, or a graph format asked for results: the same family's member.
SIBLINGS = {"application/sparql-results+json": "jsonld", "application/sparql-results+xml": "rdfxml",
            "application/ld+json": "json", "application/rdf+xml": "xml"}


class NotAcceptable(ValueError):
    """No format the client accepts can carry this kind of result."""


def formats_for(form: Form) -> tuple[Format, ...]:
    return RESULT_FORMATS if form in ("select", "ask") else GRAPH_FORMATS


def _by_name(candidates: tuple[Format, ...], name: str) -> Optional[Format]:
    want = name.strip().lower()
    for f in candidates:
        if want in (f.key, f.media_type, *f.also, *f.aliases):
            return f
    return None


def format_by_key(key: str) -> Format:
    for f in (*RESULT_FORMATS, *GRAPH_FORMATS):
        if f.key == key:
            return f
    raise KeyError(key)


def negotiate(form: Form, accept: Optional[str], fmt: Union[str, Sequence[str], None] = None) -> Format:
    """The format to answer a query of ``form`` with. ``fmt`` (short names or media types; several allowed, as
    SPARQLWrapper sends ``format``, ``output`` and ``results`` at once) wins when the names it holds map to one
    format of this kind of result; names that map to nothing here leave the choice to ``accept``."""
    candidates = formats_for(form)
    names = [fmt] if isinstance(fmt, str) else list(fmt or ())
    chosen = {f for f in (_by_name(candidates, n) for n in names if n.strip()) if f is not None}
    if len(chosen) == 1:
        return chosen.pop()
    ranges = parse_accept(accept)
    best, best_q = None, 0.0
    for f in candidates:  # server preference order breaks ties
        # aliases (application/json, text/xml ...) count only when named exactly, not through a wildcard
        q = max([quality(ranges, f.media_type)] + [r.q for r in ranges if r.specificity == 2
                                                   and f"{r.type}/{r.subtype}" in f.also])
        if q > best_q:
            best, best_q = f, q
    if best is None:  # the client asked in the other family: its JSON / XML sibling (rdflib's SPARQLStore does)
        for media, key in SIBLINGS.items():
            if quality(ranges, media) > 0 and any(f.key == key for f in candidates):
                return next(f for f in candidates if f.key == key)
        offered = ", ".join(f.media_type for f in candidates)
        raise NotAcceptable(f"none of the accepted media types ({accept}) can carry a {form.upper()} result; "
                            f"offered: {offered}")
    return best


@lru_cache(maxsize=512)
def negotiate_once(form: Form, accept: Optional[str], fmt: tuple[str, ...] = ()) -> Format:
    """:func:`negotiate`, remembered per (form, Accept, format names): clients send the same few headers."""
    return negotiate(form, accept, fmt)


@lru_cache(maxsize=512)
def prefers_html(accept: Optional[str], against: tuple[Format, ...] = GRAPH_FORMATS) -> bool:
    """A browser: text/html is named, and accepted at least as well as any of ``against`` (by default the RDF
    serialisations of the service description)."""
    ranges = parse_accept(accept)
    named = [r for r in ranges if r.specificity == 2 and f"{r.type}/{r.subtype}" in ("text/html", "application/xhtml+xml")]
    if not named:
        return False
    html = max(r.q for r in named)
    best = max(quality(ranges, f.media_type) for f in against)
    return html > 0 and html >= best


@lru_cache(maxsize=512)
def prefers_html_to_answers(accept: Optional[str]) -> bool:
    """:func:`prefers_html` against every result and graph format: a browser following a query link."""
    return prefers_html(accept, RESULT_FORMATS + GRAPH_FORMATS)
