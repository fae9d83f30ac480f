"""The entity-lookup index's data, kept beside each store generation at publish time (issue 12: the server read
every label of the store and described every entity when it started, and again after every publication).

One record per resource under ``{base}/id/{kind}/{slug}`` that has a label or alias and is not a fact or
bookkeeping (:data:`SKIP_KINDS`): its names, types, the data's definition and its maker's label, all read from
the store. Everything a record holds comes from the resource's own triples, except its maker's label. So a
publication recomputes only the records of the resources its changed triples are about (the graphs it drops,
replaces or writes, and the shared and conflict graphs' differences), and of those whose maker's label changed;
the rest are carried over from the generation it starts from.

The records go to ``<generation>.lookup.json`` (:func:`sidecar`), written atomically before the generation is
renamed into place; the catalogue records the file's SHA-256 and size (``Catalog.lookup``), and the server uses
the file only when both match (:func:`read`), otherwise it builds the index from the store as before. A build
that publishes to a remote SPARQL server also puts the same bytes, as one literal, in the catalogue graph it
writes there (graph/publish.py), so an application serving from that server loads them the same way
(:func:`verified`) instead of scanning the server.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

import pyoxigraph as ox

from .generations import LOOKUP_SUFFIX
from .labels import ALT_LABEL_PROPS, DESCRIPTION_PROPS, LABEL_PROPS, best_label, local_name, maker_of

FORMAT = 1
SUFFIX = LOOKUP_SUFFIX
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
FACT_KIND = "https://w3id.org/marketgraph/ontology#factKind"
SKIP_KINDS = {"fact", "evidence", "source", "scheme"}   # IRI kinds that are bookkeeping, not things to look up
NAME_PROPS = LABEL_PROPS + ALT_LABEL_PROPS
LABEL_NODES = tuple(ox.NamedNode(p) for p in LABEL_PROPS)


@dataclass
class Record:
    iri: str
    kind: str
    label: str
    types: list[str]
    names: list[tuple[str, bool]] = field(default_factory=list)   # (label or alias, from a label property)
    text: str = ""          # the data's definition (dct:description, skos:definition ...), if any
    maker: str = ""         # the IRI the description names as maker, if any
    maker_label: str = ""


Records = dict[str, Record]


def kind_of(iri: str, prefix: str) -> Optional[str]:
    """The IRI's kind when it names a thing to look up (``{prefix}{kind}/{slug}``), else None."""
    if not iri.startswith(prefix) or "#" in iri:
        return None
    parts = iri[len(prefix):].split("/")
    if len(parts) != 2 or parts[0] in SKIP_KINDS:
        return None
    return parts[0]


def label_of(store: ox.Store, iri: str) -> str:
    """The preferred label, as the pages choose it (graph/labels.py), or the IRI's local name."""
    node = ox.NamedNode(iri)
    for p in LABEL_NODES:
        found = [q.object for q in store.quads_for_pattern(node, p, None, None) if isinstance(q.object, ox.Literal)]
        if found:
            return best_label(found)
    return local_name(iri)


def record_of(store: ox.Store, iri: str, kind: str) -> Optional[Record]:
    """The record of one resource from its own triples (one pattern read) and its maker's label; None when it has
    no name or is a fact."""
    props: dict[str, list[object]] = {}
    for q in store.quads_for_pattern(ox.NamedNode(iri), None, None, None):
        vals = props.setdefault(q.predicate.value, [])
        if q.object not in vals:
            vals.append(q.object)
    if FACT_KIND in props:
        return None
    names: list[tuple[str, bool]] = []
    for p in NAME_PROPS:
        for o in props.get(p, ()):
            if isinstance(o, ox.Literal) and all(o.value != n for n, _ in names):
                names.append((o.value, p in LABEL_PROPS))
    if not names:
        return None
    label = next((best_label(lits) for p in LABEL_PROPS
                  if (lits := [o for o in props.get(p, ()) if isinstance(o, ox.Literal)])), local_name(iri))
    types = sorted(o.value for o in props.get(RDF_TYPE, ()) if isinstance(o, ox.NamedNode))
    text = next((o.value for p in DESCRIPTION_PROPS for o in props.get(p, ()) if isinstance(o, ox.Literal)), "")
    maker = maker_of(iri, props) or ""
    return Record(iri, kind, label, types, names, text, maker, label_of(store, maker) if maker else "")


def of_store(store: ox.Store, base: str) -> Records:
    """Every record of the store: the resources with a label or alias, read one by one."""
    prefix = base + "/id/"
    seen: dict[str, str] = {}
    for p in NAME_PROPS:
        for q in store.quads_for_pattern(None, ox.NamedNode(p), None, None):
            s = q.subject
            if isinstance(s, ox.NamedNode) and s.value not in seen:
                kind = kind_of(s.value, prefix)
                if kind is not None:
                    seen[s.value] = kind
    return _records(store, seen)


def _records(store: ox.Store, iris: dict[str, str]) -> Records:
    out: Records = {}
    for iri in sorted(iris):
        rec = record_of(store, iri, iris[iri])
        if rec is not None:
            out[iri] = rec
    return out


@dataclass
class Changes:
    """What a publication changed, for :func:`update`: the subjects of every triple added or removed, and the
    subjects whose label triples were among them."""

    subjects: set[str] = field(default_factory=set)
    relabelled: set[str] = field(default_factory=set)

    def note(self, triples: Iterable[ox.Triple | ox.Quad]) -> None:
        for t in triples:
            s = t.subject
            if isinstance(s, ox.NamedNode):
                self.subjects.add(s.value)
                if t.predicate.value in LABEL_PROPS:
                    self.relabelled.add(s.value)


def update(old: Records, store: ox.Store, base: str, changes: Changes) -> Records:
    """The records after a publication: ``old`` (the generation it started from) with the records of the changed
    subjects, and of those whose maker was relabelled, read again from ``store`` (the new generation)."""
    prefix = base + "/id/"
    again = {iri: kind for iri in changes.subjects if (kind := kind_of(iri, prefix)) is not None}
    again.update({r.iri: r.kind for r in old.values() if r.maker and r.maker in changes.relabelled})
    out = {iri: r for iri, r in old.items() if iri not in again}
    out.update(_records(store, again))
    return dict(sorted(out.items()))


# ---------------------------------------------------------------------------------------------- the file


def sidecar(gen: Path) -> Path:
    return gen.with_name(gen.name + SUFFIX)


def dumps(records: Records) -> bytes:
    rows = [[r.iri, r.kind, r.label, r.types, [list(n) for n in r.names], r.text, r.maker, r.maker_label]
            for r in records.values()]
    return json.dumps({"format": FORMAT, "records": rows}, ensure_ascii=False, separators=(",", ":")).encode()


def stamp(data: bytes) -> dict[str, object]:
    """What the catalogue keeps of the file, to tell it is the one the publication wrote, whole."""
    return {"format": FORMAT, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}


def loads(data: bytes) -> Records:
    doc = json.loads(data)
    if doc.get("format") != FORMAT:
        raise ValueError(f"lookup data format {doc.get('format')!r} is not {FORMAT}")
    out: Records = {}
    for iri, kind, label, types, names, text, maker, maker_label in doc["records"]:
        out[iri] = Record(iri, kind, label, list(types), [(n, bool(p)) for n, p in names], text, maker, maker_label)
    return out


def read(gen: Path, kept: object) -> Optional[Records]:
    """The records kept beside generation ``gen`` when the catalogue's stamp ``kept`` matches the file (size and
    SHA-256), else None: a missing, partial, replaced or damaged file is never used."""
    try:
        data = sidecar(gen).read_bytes()
    except OSError:
        return None
    return verified(data, kept)


def verified(data: Optional[bytes], kept: object) -> Optional[Records]:
    """The records in ``data`` (a file beside a generation, or the literal a remote server's catalogue graph holds)
    when they are the ones the catalogue's stamp ``kept`` describes (format, size and SHA-256), else None."""
    if data is None or not isinstance(kept, dict) or kept.get("format") != FORMAT:
        return None
    if len(data) != kept.get("bytes") or hashlib.sha256(data).hexdigest() != kept.get("sha256"):
        return None
    try:
        return loads(data)
    except (ValueError, KeyError, TypeError):
        return None
