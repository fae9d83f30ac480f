"""Reconciliation over the lookup index (W3C Reconciliation Service API 0.2 and the 1.0 draft share this engine):
queries by name, by property values only, or both; property values may be lists; candidates with scores and a
match flag. Input is validated here: every malformed query is a :class:`QueryError` (a 400 for the router)."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from .context import BrowseContext
from .graphview import curie, expand, local_name, valid_iri
from .lookup_index import Hit, normalise

MATCH_MIN = 95.0       # an exact label/alias match ...
MATCH_GAP = 10.0       # ... clearly ahead of the next candidate
PROPERTY_BONUS = 30.0  # a matching property value outweighs a weaker name match
PROPERTY_ONLY = 50.0   # score of a candidate found by property values alone, when every condition matches
DESCRIPTION_CHARS = 300


class QueryError(ValueError):
    """A reconciliation query the service cannot read (the router answers 400)."""


@dataclass
class PropertyCondition:
    pid: str
    values: list[Any]          # text, numbers, booleans, or {"id": ...} for entities
    required: bool = False


@dataclass
class Query:
    text: str = ""
    types: list[str] = field(default_factory=list)
    limit: int = 5
    properties: list[PropertyCondition] = field(default_factory=list)


def entity_id(ctx: BrowseContext, iri: str) -> str:
    prefix = ctx.base + "/id/"
    return iri[len(prefix):] if iri.startswith(prefix) else iri


def iri_of(ctx: BrowseContext, ident: str) -> str:
    return ident if ident.startswith(("http://", "https://")) else f"{ctx.base}/id/{ident}"


# ------------------------------------------------------------------------------------------ reading queries


def _limit(raw: Any, max_limit: int) -> int:
    if raw is None:
        return 5
    if isinstance(raw, bool) or not isinstance(raw, (int, float)) or not math.isfinite(raw) or raw != int(raw):
        raise QueryError(f"limit must be a whole number, not {raw!r}")
    if not 1 <= raw <= max_limit:
        raise QueryError(f"limit must be between 1 and {max_limit}, not {int(raw)}")
    return int(raw)


def _types(raw: Any) -> list[str]:
    if raw is None:
        return []
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, list) or not all(isinstance(t, str) and t.strip() for t in items):
        raise QueryError("type must be a type id or a list of type ids")
    return [t.strip() for t in items]


def _values(raw: Any, where: str) -> list[Any]:
    items = raw if isinstance(raw, list) else [raw]
    out = []
    for v in items:
        if isinstance(v, dict):
            if not isinstance(v.get("id"), str) or not v["id"]:
                raise QueryError(f"{where}: an entity value needs an id string")
            out.append({"id": v["id"]})
        elif isinstance(v, (str, bool)) or (isinstance(v, (int, float)) and math.isfinite(v)):
            out.append(v)
        else:
            raise QueryError(f"{where}: a value is text, a number, a boolean or {{'id': ...}}, not {v!r}")
    if not out:
        raise QueryError(f"{where}: no value given")
    return out


def query_v02(raw: Any, max_limit: int) -> Query:
    """A 0.2 query: ``{"query", "type", "limit", "properties": [{"pid", "v"}]}``."""
    if not isinstance(raw, dict):
        raise QueryError("each query is an object")
    text = raw.get("query", "")
    if not isinstance(text, str):
        raise QueryError("query must be text")
    props = raw.get("properties") or []
    if not isinstance(props, list):
        raise QueryError("properties must be a list of {pid, v}")
    conds = []
    for i, p in enumerate(props):
        if not isinstance(p, dict) or not isinstance(p.get("pid"), str) or "v" not in p:
            raise QueryError(f"properties[{i}] must be an object with pid (text) and v")
        conds.append(PropertyCondition(p["pid"], _values(p["v"], f"properties[{i}]")))
    q = Query(text.strip()[:500], _types(raw.get("type")), _limit(raw.get("limit"), max_limit), conds)
    if not q.text and not q.properties:
        raise QueryError("a query needs text (query) or property values (properties)")
    return q


def query_v10(raw: Any, max_limit: int) -> Query:
    """A 1.0-draft query: ``{"type", "limit", "conditions": [{"matchType": "name"|"property", "pid", "v",
    "required"}]}``."""
    if not isinstance(raw, dict):
        raise QueryError("each query is an object")
    extra = set(raw) - {"type", "limit", "lang", "dir", "conditions"}
    if extra:
        raise QueryError(f"unknown query fields: {', '.join(sorted(extra))}")
    conditions = raw.get("conditions")
    if not isinstance(conditions, list) or not conditions:
        raise QueryError("conditions must be a non-empty list")
    q = Query(types=_types(raw.get("type")), limit=_limit(raw.get("limit"), max_limit))
    for i, c in enumerate(conditions):
        if not isinstance(c, dict) or c.get("matchType") not in ("name", "property") or "v" not in c:
            raise QueryError(f"conditions[{i}] needs matchType 'name' or 'property' and v")
        values = _values(c["v"], f"conditions[{i}]")
        if c["matchType"] == "name":
            q.text = " ".join(str(v) for v in values if not isinstance(v, dict)).strip()[:500]
        else:
            if not isinstance(c.get("pid"), str):
                raise QueryError(f"conditions[{i}]: a property condition needs pid")
            q.properties.append(PropertyCondition(c["pid"], values, bool(c.get("required"))))
    return q


# ------------------------------------------------------------------------------------------ matching


def _property_iris(pid: str) -> set[str]:
    full = expand(pid)
    return {full} if full.startswith(("http://", "https://")) and valid_iri(full) else set()


def _value_matches(ctx: BrowseContext, o: object, wanted: Any) -> bool:
    if isinstance(wanted, dict):
        return isinstance(o, ox.NamedNode) and iri_of(ctx, wanted["id"]) == o.value
    text = normalise(str(wanted).lower() if isinstance(wanted, bool) else str(wanted))
    if not text:
        return False
    if isinstance(o, ox.NamedNode):
        return any(normalise(n) == text for n in [ctx.view.label(o.value)] + ctx.view.alt_labels(o.value))
    return isinstance(o, ox.Literal) and normalise(o.value) == text


def matched_conditions(ctx: BrowseContext, iri: str, conds: list[PropertyCondition]) -> list[bool]:
    """For each condition, whether the entity has one of its values (array values: any of them)."""
    props = ctx.view.props(iri)
    out = []
    for c in conds:
        iris = _property_iris(c.pid)
        objs = [o for p, vals in props.items() if p in iris or local_name(p) == c.pid for o in vals]
        out.append(any(_value_matches(ctx, o, v) for o in objs for v in c.values))
    return out


def _by_property(ctx: BrowseContext, cond: PropertyCondition, cap: int) -> set[str]:
    """Entities that have one of the condition's values for its property (for queries without text)."""
    found: set[str] = set()
    for p in _property_iris(cond.pid):
        for v in cond.values:
            targets: list[ox.NamedNode | ox.Literal] = []
            if isinstance(v, dict):
                if valid_iri(iri_of(ctx, v["id"])):
                    targets.append(ox.NamedNode(iri_of(ctx, v["id"])))
            else:
                targets.append(ox.Literal(str(v)))
                targets += [ox.NamedNode(h.entry.iri) for h in ctx.index.search(str(v), None, 5) if h.how == "exact"]
            for t in targets:
                for q in ctx.view.store.quads_for_pattern(None, ox.NamedNode(p), t, None):
                    if isinstance(q.subject, ox.NamedNode):
                        found.add(q.subject.value)
                        if len(found) >= cap:
                            return found
    return found


def reconcile(ctx: BrowseContext, q: Query) -> list[dict[str, Any]]:
    """Ranked candidates ``{id, name, score, match, description, type}`` for one query."""
    pool = max(q.limit * 3, 10)
    scored: dict[str, tuple[float, str, bool]] = {}   # iri -> (score, how, exact)
    entries = {e.iri: e for e in ctx.index.entries}
    if q.text:
        hits: list[Hit] = []
        for t in q.types or [None]:
            hits += ctx.index.search(q.text, expand(t) if t else None, pool)
        for h in hits:
            base = min(h.score, 100.0)
            if h.entry.iri not in scored or base > scored[h.entry.iri][0]:
                scored[h.entry.iri] = (base, h.how, h.how == "exact")
    elif q.properties:
        candidates: set[str] = set()
        for c in q.properties:
            candidates |= _by_property(ctx, c, pool * 10)
        for iri in candidates:
            if iri in entries and (not q.types or any(ctx.index.type_ok(entries[iri], t) for t in q.types)):
                scored[iri] = (0.0, "property", False)
    out = []
    for iri, (score, how, exact) in scored.items():
        if q.properties:
            matched = matched_conditions(ctx, iri, q.properties)
            if any(c.required and not m for c, m in zip(q.properties, matched)):
                continue
            if how == "property":
                if not any(matched):
                    continue
                score = PROPERTY_ONLY * sum(matched) / len(matched)
            else:
                score += PROPERTY_BONUS * sum(matched)
        out.append((score, iri, exact))
    out.sort(key=lambda t: (-t[0], entries[t[1]].label if t[1] in entries else t[1]))
    out = out[:q.limit]
    result = []
    for i, (score, iri, exact) in enumerate(out):
        nxt = out[i + 1][0] if i + 1 < len(out) else 0.0
        entry = entries.get(iri)
        specific = ctx.ontology.most_specific(entry.types if entry else ctx.view.types(iri))
        result.append({"id": entity_id(ctx, iri), "name": entry.label if entry else ctx.view.label(iri),
                       "score": round(score, 2), "match": i == 0 and exact and score >= MATCH_MIN and score - nxt >= MATCH_GAP,
                       "description": (entry.description if entry else "")[:DESCRIPTION_CHARS],
                       "type": [{"id": curie(t), "name": ctx.ontology.label(t) or local_name(t)} for t in specific]})
    return result


# ------------------------------------------------------------------------------------------ suggest


def suggest_entities(ctx: BrowseContext, prefix: str, limit: int = 10) -> list[dict[str, Any]]:
    return [{"id": entity_id(ctx, h.entry.iri), "name": h.entry.label,
             "description": h.entry.description[:DESCRIPTION_CHARS]} for h in ctx.index.search(prefix, None, limit)]


def suggest_terms(ctx: BrowseContext, prefix: str, kinds: tuple[str, ...], limit: int = 10) -> list[dict[str, Any]]:
    p = normalise(prefix)
    found = [t for t in ctx.ontology.terms.values() if any(k in t.kind for k in kinds)
             and (normalise(t.label).startswith(p) or normalise(t.name).startswith(p) or p in normalise(t.label))]
    found.sort(key=lambda t: (not normalise(t.label).startswith(p), t.label))
    return [{"id": f"mg:{t.name}", "name": t.label, "description": t.comment} for t in found[:limit]]
