"""Content negotiation for dereferenceable IRIs: Accept header (with q-values) or a format suffix."""
from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from ..accept import MediaRange, parse_accept, quality


@dataclass(frozen=True)
class Format:
    key: str          # suffix without the dot
    media_type: str
    rdf: ox.RdfFormat | None  # None for HTML


FORMATS: tuple[Format, ...] = (
    Format("html", "text/html", None),
    Format("ttl", "text/turtle", ox.RdfFormat.TURTLE),
    Format("jsonld", "application/ld+json", ox.RdfFormat.JSON_LD),
    Format("nt", "application/n-triples", ox.RdfFormat.N_TRIPLES),
    Format("rdf", "application/rdf+xml", ox.RdfFormat.RDF_XML),
)
RDF_FORMATS = tuple(f for f in FORMATS if f.rdf is not None)
BY_SUFFIX = {f.key: f for f in FORMATS}
HTML = FORMATS[0]
# media types some clients send for the same formats
ALIASES = {"application/xhtml+xml": "text/html", "application/x-turtle": "text/turtle",
           "application/json": "application/ld+json", "text/plain": "application/n-triples",
           "application/xml": "application/rdf+xml", "text/xml": "application/rdf+xml"}


class NotAcceptable(ValueError):
    """No offered format is acceptable to the client."""


def split_suffix(name: str) -> tuple[str, Format | None]:
    """``mi-mix-alpha.ttl`` -> (``mi-mix-alpha``, Turtle); a name without a known suffix -> (name, None)."""
    stem, dot, ext = name.rpartition(".")
    if dot and stem and ext in BY_SUFFIX:
        return stem, BY_SUFFIX[ext]
    return name, None


def _quality(f: Format, ranges: list[MediaRange]) -> float:
    """What the client's ranges give a format: by its own media type, or by a type clients send for it when a
    range names that type exactly (a wildcard already counted for the format's own type)."""
    aliases = {a for a, t in ALIASES.items() if t == f.media_type}
    named = [r.q for r in ranges if f"{r.type}/{r.subtype}" in aliases]
    return max([quality(ranges, f.media_type), *named])


def choose(accept: str | None, offered: tuple[Format, ...] = FORMATS) -> Format:
    """The offered format the client prefers most; ties go to the server's order (HTML first)."""
    if not accept or not accept.strip():
        return offered[0]
    ranges = parse_accept(accept)
    scored = [(_quality(f, ranges), -i, f) for i, f in enumerate(offered)]
    q, _, best = max(scored, key=lambda t: (t[0], t[1]))
    if q <= 0:
        raise NotAcceptable(accept)
    return best


def alternates_link(path: str, offered: tuple[Format, ...] = FORMATS) -> str:
    """``Link`` header value naming every representation of the resource at ``path``."""
    return ", ".join(f'<{path}.{f.key}>; rel="alternate"; type="{f.media_type}"' for f in offered)
