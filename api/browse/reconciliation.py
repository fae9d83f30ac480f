"""W3C Reconciliation Service API v0.2 over the lookup index: candidates, property hints, scores, match flag."""
from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from .context import BrowseContext
from .graphview import curie, expand, local_name
from .lookup_index import Hit, normalise

MATCH_MIN = 95.0      # an exact label/alias match ...
MATCH_GAP = 10.0      # ... clearly ahead of the next candidate
PROPERTY_BONUS = 30.0  # a matching property value outweighs a weaker name match


def entity_id(ctx: BrowseContext, iri: str) -> str:
    prefix = ctx.base + "/id/"
    return iri[len(prefix):] if iri.startswith(prefix) else iri


def iri_of(ctx: BrowseContext, ident: str) -> str:
    return ident if ident.startswith(("http://", "https://")) else f"{ctx.base}/id/{ident}"


def manifest(ctx: BrowseContext, service: str) -> dict[str, Any]:
    classes = sorted((t for t in ctx.ontology.terms.values() if t.kind == "class"), key=lambda t: t.name)
    common = [t for t in classes if t.name in ("Organisation", "Product", "Smartphone", "Market", "Person", "Metric")]
    return {
        "versions": ["0.2"],
        "name": "marketgraph reconciliation",
        "identifierSpace": f"{ctx.base}/id/",
        "schemaSpace": "https://w3id.org/marketgraph/ontology#",
        "defaultTypes": [{"id": f"mg:{t.name}", "name": t.label} for t in (common or classes[:8])],
        "view": {"url": f"{ctx.base}/id/{{{{id}}}}"},
        "preview": {"url": f"{service}/reconcile/preview?id={{{{id}}}}", "width": 430, "height": 300},
        "suggest": {
            "entity": {"service_url": service, "service_path": "/reconcile/suggest/entity"},
            "type": {"service_url": service, "service_path": "/reconcile/suggest/type"},
            "property": {"service_url": service, "service_path": "/reconcile/suggest/property"},
        },
    }


def _has_value(ctx: BrowseContext, iri: str, pid: str, wanted: Any) -> bool:
    want_id = wanted.get("id") if isinstance(wanted, dict) else None
    want_text = normalise(str(wanted)) if not isinstance(wanted, dict) else ""
    p_iri = expand(pid)
    for q in ctx.view.store.quads_for_pattern(ox.NamedNode(iri), None, None, None):
        if q.predicate.value != p_iri and local_name(q.predicate.value) != pid:
            continue
        o = q.object
        if isinstance(o, ox.NamedNode):
            if want_id and iri_of(ctx, want_id) == o.value:
                return True
            if want_text and any(normalise(n) == want_text for n in [ctx.view.label(o.value)] + ctx.view.alt_labels(o.value)):
                return True
        elif isinstance(o, ox.Literal) and want_text and normalise(o.value) == want_text:
            return True
    return False


def reconcile_one(ctx: BrowseContext, query: dict[str, Any]) -> dict[str, Any]:
    text = str(query.get("query") or "")
    limit = int(query.get("limit") or 5)
    types = query.get("type")
    type_list = [types] if isinstance(types, str) else list(types or [])
    props = query.get("properties") or []
    hits: list[Hit] = []
    if type_list:
        for t in type_list:
            hits += ctx.index.search(text, expand(t), max(limit * 3, 10))
    else:
        hits = ctx.index.search(text, None, max(limit * 3, 10))
    scored: dict[str, tuple[float, Hit]] = {}
    for h in hits:
        score = min(h.score, 100.0)
        for prop in props:
            if _has_value(ctx, h.entry.iri, str(prop.get("pid", "")), prop.get("v")):
                score += PROPERTY_BONUS
        if h.entry.iri not in scored or score > scored[h.entry.iri][0]:
            scored[h.entry.iri] = (score, h)
    ranked = sorted(scored.values(), key=lambda t: (-t[0], t[1].entry.label))[:limit]
    out = []
    for i, (score, h) in enumerate(ranked):
        nxt = ranked[i + 1][0] if i + 1 < len(ranked) else 0.0
        match = i == 0 and h.how == "exact" and score >= MATCH_MIN and score - nxt >= MATCH_GAP
        specific = ctx.ontology.most_specific(h.entry.types)
        out.append({"id": entity_id(ctx, h.entry.iri), "name": h.entry.label, "score": round(score, 2),
                    "match": match, "description": h.entry.description,
                    "type": [{"id": curie(t), "name": ctx.ontology.label(t) or local_name(t)} for t in specific]})
    return {"result": out}


def suggest_entities(ctx: BrowseContext, prefix: str, limit: int = 10) -> dict[str, Any]:
    return {"result": [{"id": entity_id(ctx, h.entry.iri), "name": h.entry.label, "description": h.entry.description}
                       for h in ctx.index.search(prefix, None, limit)]}


def suggest_terms(ctx: BrowseContext, prefix: str, kinds: tuple[str, ...], limit: int = 10) -> dict[str, Any]:
    p = normalise(prefix)
    found = [t for t in ctx.ontology.terms.values() if any(k in t.kind for k in kinds)
             and (normalise(t.label).startswith(p) or normalise(t.name).startswith(p) or p in normalise(t.label))]
    found.sort(key=lambda t: (not normalise(t.label).startswith(p), t.label))
    return {"result": [{"id": f"mg:{t.name}", "name": t.label, "description": t.comment} for t in found[:limit]]}
