"""Which properties name a resource, describe it or point at its maker, and which of its labels is preferred.

Shared by the pages (api/browse/graphview.py, entity_page.py) and by the lookup index kept at publish time
(graph/lookupdata.py), so the index a publication writes names and describes entities as the pages do.
"""
from __future__ import annotations

from typing import Iterable

import pyoxigraph as ox

RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SCHEMA = "https://schema.org/"
DCT = "http://purl.org/dc/terms/"

LABEL_PROPS = (SKOS + "prefLabel", RDFS + "label", SCHEMA + "name", DCT + "title")   # in order of preference
ALT_LABEL_PROPS = (SKOS + "altLabel", SCHEMA + "alternateName")
DESCRIPTION_PROPS = (DCT + "description", SCHEMA + "description", SKOS + "definition", RDFS + "comment")
# properties (by local name, in order) whose object is the thing's maker: 'Smartphone by <maker>'
MAKER_NAMES = ("manufacturer", "producer", "madeBy", "brand", "issuer", "parentOrganization", "parent",
               "organisation", "organization", "owner")


def local_name(iri: str) -> str:
    for sep in ("#", "/"):
        if sep in iri:
            tail = iri.rsplit(sep, 1)[1]
            if tail:
                return tail
    return iri


def rank_literal(lit: ox.Literal) -> int:
    lang = lit.language or ""
    return 0 if lang in ("", "en") or lang.startswith("en-") else 1


def best_label(found: Iterable[ox.Literal]) -> str:
    """The preferred one of literals of the same label property: English (or no language) first, then by text."""
    return min(found, key=lambda o: (rank_literal(o), o.value)).value


def maker_of(iri: str, props: dict[str, list[object]]) -> str | None:
    """The IRI that ``props`` (predicate -> objects, in the store's order) give as the thing's maker or owner."""
    for name in MAKER_NAMES:
        for p, vals in props.items():
            if local_name(p) == name:
                found = [o.value for o in vals if isinstance(o, ox.NamedNode) and o.value != iri]
                if found:
                    return found[0]
    return None
