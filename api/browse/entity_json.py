"""An entity as JSON for the lookup API: label, aliases, types, properties and its facts with evidence."""
from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from .context import BrowseContext
from .facts import FactRow
from .graphview import ALT_LABEL_PROPS, LABEL_PROPS, RDF_TYPE, curie


def fact_json(r: FactRow) -> dict[str, Any]:
    return {
        "id": r.iri, "kind": r.kind, "label": r.label,
        "value": str(r.value) if r.value is not None else (r.value_text or None), "display": r.display_value,
        "unit": r.unit_text or None,
        "metric": r.metric.iri if r.metric else None,
        "period": r.period.label if r.period else None,
        "market": r.market.label if r.market else None,
        "entities": [{"role": role, "id": l.iri, "label": l.label} for role, l in r.entities],
        "qualifiers": {k: v for k, v in r.literals},
        "document": r.document.iri if r.document else None,
        "evidence": {"quote": r.quote, "start": r.start, "end": r.end, "source_file": r.source_file,
                     "url": f"{r.document.path}#f-{r.fact_id}" if r.document and r.document.path else None},
    }


def entity_json(ctx: BrowseContext, iri: str) -> dict[str, Any]:
    view, reader = ctx.view, ctx.builder.facts
    props = view.props(iri)
    types = view.types(iri)
    skip = set(LABEL_PROPS) | set(ALT_LABEL_PROPS) | {RDF_TYPE}
    properties: dict[str, list[Any]] = {}
    for p, vals in props.items():
        if p in skip:
            continue
        properties[curie(p)] = [{"id": o.value} if isinstance(o, ox.NamedNode) else o.value for o in vals]
    rows = reader.rows(reader.facts_about(iri))
    specific = ctx.ontology.most_specific(types)
    return {
        "id": iri, "url": reader.local_path(iri), "label": view.label(iri),
        "aliases": [a for a in view.alt_labels(iri) if a != view.label(iri)],
        "types": [curie(t) for t in specific], "all_types": [curie(t) for t in types],
        "description": ctx.short_description(iri, types),
        "properties": properties,
        "facts": [fact_json(r) for r in rows],
    }


def entity_triples(ctx: BrowseContext, iri: str) -> list[ox.Triple]:
    """The entity's description plus the description of each of its facts (with evidence)."""
    out = ctx.view.description(iri)
    seen = set(out)
    for f in ctx.builder.facts.facts_about(iri):
        for t in ctx.view.description(f, incoming_cap=0):
            if t not in seen:
                seen.add(t)
                out.append(t)
    return out
