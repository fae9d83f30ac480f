"""Result formats and content negotiation: Accept with q-values, overridden by a ``format`` parameter."""
from __future__ import annotations

from dataclasses import dataclass
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
    Format("rdfxml", "application/rdf+xml", ("application/xml", "text/xml"), "RDF_XML", ("xml", "rdf")),
    Format("trig", "application/trig", (), "TriG"),
)


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


def negotiate(form: Form, accept: Optional[str], fmt: Union[str, Sequence[str], None] = None) -> Format:
    """The format to answer a query of ``form`` with. ``fmt`` (short names or media types, several allowed when
    they name the same format, as SPARQLWrapper sends them) overrides ``accept``."""
    candidates = formats_for(form)
    names = [fmt] if isinstance(fmt, str) else list(fmt or ())
    if names:
        chosen = {_by_name(candidates, n) for n in names}
        if len(chosen) == 1 and None not in chosen:
            return chosen.pop()  # type: ignore[return-value]
        offered = ", ".join(f.key for f in candidates)
        raise NotAcceptable(f"format {', '.join(names)!r} cannot carry a {form.upper()} result; use one of: {offered}")
    ranges = parse_accept(accept)
    best, best_q = None, 0.0
    for f in candidates:  # server preference order breaks ties
        # aliases (application/json, text/xml ...) count only when named exactly, not through a wildcard
        q = max([quality(ranges, f.media_type)] + [r.q for r in ranges if r.specificity == 2
                                                   and f"{r.type}/{r.subtype}" in f.also])
        if q > best_q:
            best, best_q = f, q
    if best is None:
        offered = ", ".join(f.media_type for f in candidates)
        raise NotAcceptable(f"none of the accepted media types ({accept}) can carry a {form.upper()} result; "
                            f"offered: {offered}")
    return best


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
