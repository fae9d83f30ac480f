"""Content negotiation for dereferenceable IRIs: Accept header (with q-values) or a format suffix."""
from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox


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
)
RDF_FORMATS = tuple(f for f in FORMATS if f.rdf is not None)
BY_SUFFIX = {f.key: f for f in FORMATS}
HTML = FORMATS[0]
# media types some clients send for the same formats
ALIASES = {"application/xhtml+xml": "text/html", "application/x-turtle": "text/turtle",
           "application/json": "application/ld+json", "text/plain": "application/n-triples"}


class NotAcceptable(ValueError):
    """No offered format is acceptable to the client."""


def split_suffix(name: str) -> tuple[str, Format | None]:
    """``mi-mix-alpha.ttl`` -> (``mi-mix-alpha``, Turtle); a name without a known suffix -> (name, None)."""
    stem, dot, ext = name.rpartition(".")
    if dot and stem and ext in BY_SUFFIX:
        return stem, BY_SUFFIX[ext]
    return name, None


def parse_accept(header: str) -> list[tuple[str, float, int]]:
    """Media ranges as (range, q, specificity); malformed q-values count as 0."""
    out = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        rng = fields[0].lower()
        if not rng:
            continue
        rng = ALIASES.get(rng, rng)
        q = 1.0
        for param in fields[1:]:
            k, _, v = param.partition("=")
            if k.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(v)))
                except ValueError:
                    q = 0.0
        kind, _, sub = rng.partition("/")
        spec = 0 if rng == "*/*" else (1 if sub == "*" else 2)
        if spec == 1 and kind == "*":
            continue
        out.append((rng, q, spec))
    return out


def _quality(media_type: str, ranges: list[tuple[str, float, int]]) -> float:
    best_spec, q = -1, 0.0
    kind = media_type.split("/")[0]
    for rng, rq, spec in ranges:
        hit = rng == media_type or rng == "*/*" or (spec == 1 and rng == f"{kind}/*")
        if hit and spec > best_spec:
            best_spec, q = spec, rq
    return q


def choose(accept: str | None, offered: tuple[Format, ...] = FORMATS) -> Format:
    """The offered format the client prefers most; ties go to the server's order (HTML first)."""
    if not accept or not accept.strip():
        return offered[0]
    ranges = parse_accept(accept)
    scored = [(_quality(f.media_type, ranges), -i, f) for i, f in enumerate(offered)]
    q, _, best = max(scored, key=lambda t: (t[0], t[1]))
    if q <= 0:
        raise NotAcceptable(accept)
    return best


def alternates_link(path: str, offered: tuple[Format, ...] = FORMATS) -> str:
    """``Link`` header value naming every representation of the resource at ``path``."""
    return ", ".join(f'<{path}.{f.key}>; rel="alternate"; type="{f.media_type}"' for f in offered)
