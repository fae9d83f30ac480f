"""IRI policy: one ontology namespace independent of where it is served; instances under the configurable base.

Instances: ``{base}/id/{kind}/{slug}``; documents ``{base}/id/document/{doc_id}``; facts
``{base}/id/fact/{fact_id}``; named graphs ``{base}/graph/{doc_id}``. See docs/decisions.
"""
from __future__ import annotations

import re
import unicodedata

from rdflib import Namespace, URIRef

MG = Namespace("https://w3id.org/marketgraph/ontology#")
SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
OA = Namespace("http://www.w3.org/ns/oa#")
TIME = Namespace("http://www.w3.org/2006/time#")
QUDT = Namespace("http://qudt.org/schema/qudt/")
UNIT = Namespace("http://qudt.org/vocab/unit/")
CUR = Namespace("http://qudt.org/vocab/currency/")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
DCT = Namespace("http://purl.org/dc/terms/")

PREFIXES = {
    "mg": MG, "schema": SCHEMA, "prov": PROV, "oa": OA, "time": TIME, "qudt": QUDT, "unit": UNIT,
    "cur": CUR, "skos": SKOS, "dct": DCT,
}


def slugify(text: str) -> str:
    """Lower-case ASCII slug; non-Latin text keeps its characters (IRIs allow them)."""
    norm = unicodedata.normalize("NFKC", text).strip().lower()
    norm = norm.replace("+", " plus ").replace("&", " and ")
    norm = re.sub(r"[^\w]+", "-", norm, flags=re.UNICODE).strip("-_")
    return re.sub(r"-{2,}", "-", norm) or "x"


_SLUG = re.compile(r"[\w.-]+", re.UNICODE)


def _safe(key: str) -> str:
    """Keys are slugs already; anything else (a stray space) is slugified rather than producing a broken IRI."""
    return key if _SLUG.fullmatch(key) else slugify(key)


class Iris:
    def __init__(self, base: str):
        self.base = base.rstrip("/")

    def entity(self, kind: str, key: str) -> URIRef:
        return URIRef(f"{self.base}/id/{kind}/{_safe(key)}")

    def document(self, doc_id: str) -> URIRef:
        return URIRef(f"{self.base}/id/document/{doc_id}")

    def fact(self, fact_id: str) -> URIRef:
        return URIRef(f"{self.base}/id/fact/{fact_id}")

    def metric(self, key: str) -> URIRef:
        return URIRef(f"{self.base}/id/metric/{_safe(key)}")

    def period(self, label: str) -> URIRef:
        return URIRef(f"{self.base}/id/period/{label.replace('/', '--')}")

    def graph(self, doc_id: str) -> URIRef:
        return URIRef(f"{self.base}/graph/{doc_id}")

    @property
    def entities_graph(self) -> URIRef:
        """Named graph holding the gazetteer's entity descriptions and the metric scheme."""
        return URIRef(f"{self.base}/graph/entities")

    @property
    def shared_graph(self) -> URIRef:
        """Named graph of descriptions several documents share (periods, metrics, source files, discovered entities)."""
        return URIRef(f"{self.base}/graph/shared")

    DOCUMENT_KINDS = frozenset({"fact", "evidence", "turn", "document", "candidate"})

    def is_shared(self, node) -> bool:
        """True for instance IRIs that describe something beyond one document (not a fact, evidence, turn or
        the document itself): their triples go to the shared graph, so the union graph holds them once."""
        text = str(node)
        prefix = f"{self.base}/id/"
        if not isinstance(node, URIRef) or not text.startswith(prefix):
            return False
        return text[len(prefix):].split("/", 1)[0] not in self.DOCUMENT_KINDS

    @property
    def conflicts_graph(self) -> URIRef:
        """Named graph flagging differing figures for the same subject, metric, period and market."""
        return URIRef(f"{self.base}/graph/conflicts")

    @property
    def ontology_graph(self) -> URIRef:
        return URIRef(f"{self.base}/graph/ontology")
