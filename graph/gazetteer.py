"""The gazetteer: surface forms -> entities, loaded from ``mappings/gazetteer/*.yaml`` (data, not code).

Each YAML file holds a list under ``entities:``; an entry is::

    - key: mi-mix-alpha            # slug, unique across files
      kind: product                # IRI kind: organisation person product series brand segment platform market fund ...
      label: Nova Fold X
      types: [Smartphone, ConceptPhone]   # ontology classes (local names in the mg: namespace)
      aliases: [MIX Alpha, Acme MIX Alpha]
      props:                       # links to other entries by key, or literal values
        brand: mi
        series: mi-mix-series
        manufacturer: xiaomi

Metrics live in ``metrics.yaml`` under ``metrics:`` (key, label, aliases, unit, broader) and become a SKOS scheme;
``minted_heads:`` there maps a head word of a measure the scheme lacks to the concept it is a kind of, when the
word itself names no concept (``graph/metricheads.py``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .records import EntityRef
from .yamlload import load_file


@dataclass(frozen=True)
class EntityEntry:
    key: str
    kind: str
    label: str
    types: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    props: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def ref(self) -> EntityRef:
        return EntityRef(self.key, self.kind, self.label, self.types)


@dataclass(frozen=True)
class MetricEntry:
    key: str
    label: str
    aliases: tuple[str, ...] = ()
    unit: str | None = None
    broader: str | None = None
    definition: str | None = None
    verbs: tuple[str, ...] = ()      # verbs that state the measure with the figure as object ("employs 3,400 people")


class GazetteerError(ValueError):
    pass


@dataclass
class Gazetteer:
    entities: dict[str, EntityEntry]
    metrics: dict[str, MetricEntry]
    minted_heads: dict[str, str] = field(default_factory=dict)   # head word of a minted measure -> metric key

    def get(self, key: str) -> EntityEntry | None:
        return self.entities.get(key)

    def ref(self, key: str) -> EntityRef:
        try:
            return self.entities[key].ref()
        except KeyError as exc:
            raise GazetteerError(f"no gazetteer entry with key {key!r}") from exc


def _entity(raw: dict[str, Any], where: str) -> EntityEntry:
    missing = [k for k in ("key", "kind", "label") if k not in raw]
    if missing:
        raise GazetteerError(f"{where}: entry {raw!r} lacks {', '.join(missing)}")
    return EntityEntry(
        key=str(raw["key"]), kind=str(raw["kind"]), label=str(raw["label"]),
        types=tuple(raw.get("types") or ()), aliases=tuple(str(a) for a in raw.get("aliases") or ()),
        props=dict(raw.get("props") or {}),
    )


def _metric(raw: dict[str, Any], where: str) -> MetricEntry:
    if "key" not in raw or "label" not in raw:
        raise GazetteerError(f"{where}: metric {raw!r} lacks key or label")
    return MetricEntry(key=str(raw["key"]), label=str(raw["label"]),
                       aliases=tuple(str(a) for a in raw.get("aliases") or ()),
                       unit=raw.get("unit"), broader=raw.get("broader"), definition=raw.get("definition"),
                       verbs=tuple(str(v) for v in raw.get("verbs") or ()))


def load_gazetteer(folder: Path) -> Gazetteer:
    """Load every ``*.yaml`` in ``folder``. Duplicate keys are an error naming both files."""
    entities: dict[str, EntityEntry] = {}
    metrics: dict[str, MetricEntry] = {}
    seen: dict[str, str] = {}
    heads: dict[str, str] = {}
    for path in sorted(folder.glob("*.yaml")):
        # libyaml's safe loader when present (graph/yamlload.py): every add loads these
        data = load_file(path) or {}
        for i, raw in enumerate(data.get("entities") or []):
            e = _entity(raw, f"{path.name}#{i}")
            if e.key in seen:
                raise GazetteerError(f"duplicate key {e.key!r} in {path.name} and {seen[e.key]}")
            seen[e.key] = path.name
            entities[e.key] = e
        for i, raw in enumerate(data.get("metrics") or []):
            m = _metric(raw, f"{path.name}#{i}")
            if m.key in metrics:
                raise GazetteerError(f"duplicate metric {m.key!r} in {path.name}")
            metrics[m.key] = m
        heads.update({str(k).casefold(): str(v) for k, v in (data.get("minted_heads") or {}).items()})
    for word, key in heads.items():
        if key not in metrics:
            raise GazetteerError(f"minted_heads: {word!r} names no metric {key!r}")
    return Gazetteer(entities, metrics, heads)
