"""Data extension for reconciliation clients (OpenRefine's "add columns from reconciled values"): the properties
worth proposing for a type, and the values of chosen properties for reconciled entities, as 0.2 and 1.0-draft
responses."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

import pyoxigraph as ox

from .context import BrowseContext
from .graphview import ALT_LABEL_PROPS, LABEL_PROPS, RDF_TYPE, XSD, curie, expand, local_name, valid_iri
from .reconciliation import QueryError, entity_id, iri_of

MAX_VALUES = 50          # values of one property of one entity
SKIP = set(LABEL_PROPS) | set(ALT_LABEL_PROPS) | {RDF_TYPE}
INTEGERS = {XSD + t for t in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger")}
FLOATS = {XSD + t for t in ("decimal", "double", "float")}
DATES = {XSD + "date": "T00:00:00Z", XSD + "dateTime": ""}


def propose_properties(ctx: BrowseContext, type_id: str, limit: int) -> list[dict[str, str]]:
    """The properties instances of the type have, most used first (labels and types left out)."""
    cls = expand(type_id)
    if not cls.startswith(("http://", "https://")) or not valid_iri(cls):
        raise QueryError(f"unknown type {type_id!r}")
    rows = ctx.view.select("SELECT ?p (COUNT(*) AS ?n) WHERE { ?s a $c ; ?p ?o } GROUP BY ?p ORDER BY DESC(?n) ?p",
                           c=ox.NamedNode(cls))
    out = []
    for r in rows:
        p = r["p"].value
        if p in SKIP:
            continue
        out.append({"id": curie(p), "name": ctx.ontology.label(p) or local_name(p)})
        if len(out) >= limit:
            break
    return out


def _value(ctx: BrowseContext, o: object) -> dict[str, Any] | None:
    if isinstance(o, ox.NamedNode):
        return {"id": entity_id(ctx, o.value), "name": ctx.view.label(o.value)}
    if not isinstance(o, ox.Literal):
        return None
    dt = o.datatype.value if o.datatype else ""
    try:
        if dt in INTEGERS:
            return {"int": int(o.value)}
        if dt in FLOATS:
            return {"float": float(Decimal(o.value))}
    except (ValueError, InvalidOperation):
        pass
    if dt in DATES and len(o.value) >= 10:
        return {"date": o.value[:10] + "T00:00:00Z" if dt == XSD + "date" else o.value}
    if dt == XSD + "boolean":
        return {"bool": o.value == "true"}
    return {"str": o.value}


def _read(raw: Any, max_ids: int) -> tuple[list[str], list[str]]:
    if not isinstance(raw, dict):
        raise QueryError("extend must be an object {ids: [...], properties: [{id: ...}]}")
    ids, props = raw.get("ids"), raw.get("properties")
    if not isinstance(ids, list) or not all(isinstance(i, str) and i for i in ids):
        raise QueryError("extend.ids must be a list of entity ids")
    if len(ids) > max_ids:
        raise QueryError(f"at most {max_ids} ids per extension request, not {len(ids)}")
    if not isinstance(props, list) or not props or not all(isinstance(p, dict) and isinstance(p.get("id"), str)
                                                            for p in props):
        raise QueryError("extend.properties must be a non-empty list of {id: ...}")
    return ids, [p["id"] for p in props][:50]


def _values_of(ctx: BrowseContext, ident: str, pid: str) -> list[dict[str, Any]]:
    p = expand(pid)
    out: list[dict[str, Any]] = []
    if not valid_iri(iri_of(ctx, ident)):
        return out
    for q in ctx.view.store.quads_for_pattern(ox.NamedNode(iri_of(ctx, ident)), None, None, None):
        if q.predicate.value == p or local_name(q.predicate.value) == pid:
            v = _value(ctx, q.object)
            if v is not None and v not in out:
                out.append(v)
                if len(out) >= MAX_VALUES:
                    break
    return out


def _meta(ctx: BrowseContext, pids: list[str]) -> list[dict[str, str]]:
    return [{"id": p, "name": ctx.ontology.label(expand(p)) or local_name(p)} for p in pids]


def extend_v02(ctx: BrowseContext, raw: Any, max_ids: int) -> dict[str, Any]:
    """0.2: ``{"meta": [{id, name}], "rows": {id: {pid: [values]}}}``."""
    ids, pids = _read(raw, max_ids)
    return {"meta": _meta(ctx, pids), "rows": {i: {p: _values_of(ctx, i, p) for p in pids} for i in ids}}


def extend_v10(ctx: BrowseContext, raw: Any, max_ids: int) -> dict[str, Any]:
    """1.0 draft: ``{"meta": [...], "rows": [{"id", "properties": [{"id", "values"}]}]}``."""
    ids, pids = _read(raw, max_ids)
    rows = [{"id": i, "properties": [{"id": p, "values": [v for v in _values_of(ctx, i, p) if "bool" not in v]}
                                     for p in pids]} for i in ids]
    return {"meta": _meta(ctx, pids), "rows": rows}
