"""Records -> RDF by the declarative templates in ``mappings/rdf/*.yaml`` (see mappings/README.md).

Each record becomes a flat *row* (the logical source: column name -> value or list of values; IRI columns come
from graph/iris.py, the one IRI policy); each triples map turns the rows of its source into triples, close to
RML's subject map and predicate-object maps. This module knows the record fields, never a corpus name or number.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Optional

from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.term import Identifier

from .curies import MappingError, expand
from .gazetteer import Gazetteer
from .iris import MG, PREFIXES, Iris
from .mapping_rows import (Candidate, Row, candidate_rows, category_iri, category_row, class_iri, date_literal,
                           decimal_lexical, document_rows, entity_iri, entity_row, fact_context_rows, fact_row,
                           group_members, link_cross_checks, member_rows, period_rows, qualifier, source_file_iri)
from .metricheads import minted_concepts
from .paths import ProjectPaths
from .records import Document, EntityRef, Fact, Period
from .yamlload import load_file

log = logging.getLogger(__name__)

__all__ = ["MappingError", "expand", "decimal_lexical", "date_literal", "source_file_iri", "entity_iri", "fact_row",
           "render_template", "load_mappings", "default_mappings", "map_document", "map_entities", "unmapped_props"]
_COLUMN = re.compile(r"\{([a-z_]+)\}")
_OPTIONAL = re.compile(r"\[([^\[\]]*)\]")


@dataclass(frozen=True)
class TriplesMap:
    name: str
    source: str
    subject: str
    classes: tuple[URIRef, ...]
    class_maps: tuple[dict, ...]
    poms: tuple[dict, ...]

    def columns(self) -> set[str]:
        cols = {self.subject} | {c["column"] for c in self.class_maps}
        for pom in self.poms:
            if "column" in pom:
                cols.add(pom["column"])
            cols.update(_COLUMN.findall(pom.get("template", "")))
        return cols


@dataclass
class Mappings:
    """All triples maps and lookup tables of ``mappings/rdf``."""

    common: list[TriplesMap] = field(default_factory=list)           # fact.yaml: every fact kind
    kinds: dict[str, list[TriplesMap]] = field(default_factory=dict)  # fact-<kind>.yaml
    other: list[TriplesMap] = field(default_factory=list)             # document, period, entity, metric
    tables: dict[str, dict[str, str]] = field(default_factory=dict)
    props: dict[str, dict[str, str]] = field(default_factory=dict)
    currency_pattern: str = "^[A-Z]{3}$"
    currency_template: str = "cur:{code}"
    no_unit: frozenset[str] = frozenset()
    _warned: set[tuple[str, str]] = field(default_factory=set)

    def for_kind(self, kind: str) -> list[TriplesMap]:
        if kind not in self.kinds:
            raise MappingError(f"no mapping for fact kind {kind!r}: add mappings/rdf/fact-{kind}.yaml")
        return self.common + self.kinds[kind]

    def maps_of(self, source: str) -> list[TriplesMap]:
        return [m for m in self.other if m.source == source]

    def lookup(self, table: str, key: str) -> Optional[URIRef]:
        if table == "units":
            value = self.tables["units"].get(key)
            if value is None and re.match(self.currency_pattern, key):
                value = self.currency_template.format(code=key)
            if value is None:
                if key not in self.no_unit and ("units", key) not in self._warned:
                    self._warned.add(("units", key))
                    log.warning("unit %r has no IRI in mappings/rdf/units.yaml; only mg:unitLabel is written", key)
                return None
            return expand(value)
        if table not in self.tables:
            raise MappingError(f"no lookup table {table!r} in mappings/rdf")
        value = self.tables[table].get(key)
        if value is None:
            if (table, key) not in self._warned:
                self._warned.add((table, key))
                log.warning("no entry %r in lookup table %r (mappings/rdf); no triple written", key, table)
            return None
        return expand(value)


def _triples_maps(raw: dict, where: str) -> list[TriplesMap]:
    out = []
    for i, tm in enumerate(raw.get("triples_maps") or []):
        missing = [k for k in ("name", "source", "subject") if k not in tm]
        if missing:
            raise MappingError(f"{where}: triples map #{i} lacks {', '.join(missing)}")
        out.append(TriplesMap(tm["name"], tm["source"], tm["subject"],
                              tuple(expand(c) for c in tm.get("classes") or ()),
                              tuple(tm.get("class_maps") or ()), tuple(tm.get("predicate_object_maps") or ())))
    return out


def load_mappings(folder: Path) -> Mappings:
    """Read every YAML file of ``folder`` (mappings/rdf)."""
    m = Mappings()
    for path in sorted(folder.glob("*.yaml")):
        raw = load_file(path) or {}
        if path.name == "units.yaml":
            m.tables["units"] = {str(k): str(v) for k, v in (raw.get("units") or {}).items()}
            m.currency_pattern = raw.get("currency_pattern", m.currency_pattern)
            m.currency_template = raw.get("currency_template", m.currency_template)
            m.no_unit = frozenset(str(u) for u in raw.get("no_unit") or ())
            continue
        for name, table in (raw.get("tables") or {}).items():
            m.tables[name] = {str(k): str(v) for k, v in table.items()}
        m.props.update({_prop_key(k): v for k, v in (raw.get("props") or {}).items()})
        maps = _triples_maps(raw, path.name)
        if path.name == "fact.yaml":
            m.common = maps
        elif "kind" in raw:
            m.kinds[str(raw["kind"])] = maps
        else:
            m.other.extend(maps)
    return m


@lru_cache(maxsize=4)
def _cached_mappings(folder: str) -> Mappings:
    return load_mappings(Path(folder))


def default_mappings() -> Mappings:
    return _cached_mappings(str(ProjectPaths.default().mappings / "rdf"))


def _prop_key(name: str) -> str:
    return name.replace("_", "").replace("-", "").lower()


# ------------------------------------------------------------------------------------------ rendering


def _values(row: Row, column: str) -> list[Any]:
    v = row.get(column)
    if v is None or v == "" or v == ():
        return []
    return list(v) if isinstance(v, (list, tuple)) else [v]


def render_template(template: str, row: Row) -> Optional[str]:
    """``{col}`` is replaced by the column's value; a ``[...]`` group vanishes if one of its columns is empty.
    Returns None when a column outside any group is empty."""
    def fill(text: str) -> Optional[str]:
        missing = False

        def one(m: re.Match) -> str:
            nonlocal missing
            vals = _values(row, m.group(1))
            if not vals:
                missing = True
                return ""
            return ", ".join(str(v) for v in vals)
        out = _COLUMN.sub(one, text)
        return None if missing else out

    text = _OPTIONAL.sub(lambda m: fill(m.group(1)) or "", template)
    text = fill(text)
    return re.sub(r"\s{2,}", " ", text).strip() if text else None


def _term(value: Any, pom: dict, mappings: Mappings) -> Optional[Identifier]:
    if isinstance(value, Identifier):
        return value
    if "lookup" in pom:
        return mappings.lookup(pom["lookup"], str(value))
    if pom.get("term") == "iri":
        return URIRef(str(value))
    if "datatype" in pom:
        dt = expand(pom["datatype"])
        if dt == XSD.decimal:
            return Literal(decimal_lexical(value), datatype=XSD.decimal)
        return Literal(str(value), datatype=dt)
    return Literal(value)


def apply(tm: TriplesMap, row: Row, mappings: Mappings, g: Graph) -> None:
    subjects = _values(row, tm.subject)
    if not subjects:
        return
    s = URIRef(str(subjects[0]))
    for cls in tm.classes:
        g.add((s, RDF.type, cls))
    for cm in tm.class_maps:
        for v in _values(row, cm["column"]):
            cls = mappings.lookup(cm["lookup"], str(v)) if "lookup" in cm else URIRef(str(v))
            if cls is not None:
                g.add((s, RDF.type, cls))
    for pom in tm.poms:
        p = expand(pom["predicate"])
        if "constant" in pom:
            objs: list[Identifier] = [expand(pom["constant"])]
        elif "template" in pom:
            text = render_template(pom["template"], row)
            objs = [Literal(text)] if text else []
        else:
            objs = [t for v in _values(row, pom["column"]) if (t := _term(v, pom, mappings)) is not None]
        for o in objs:
            g.add((s, p, o))


# ------------------------------------------------------------------------------------------ public API


def _new_graph() -> Graph:
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g


def _run(rows: Iterable[tuple[str, Row]], mappings: Mappings, g: Graph) -> None:
    for source, row in rows:
        for tm in mappings.maps_of(source):
            apply(tm, row, mappings, g)


def map_document(doc: Document, facts: list[Fact], gazetteer: Gazetteer, iris: Iris,
                 mappings: Optional[Mappings] = None, candidates: Iterable[Candidate] = ()) -> Graph:
    """The content of the document's named graph: document, facts with evidence, periods, the entities and
    metrics the facts name that the gazetteer lacks, and the document's unresolved candidates (never facts)."""
    m = mappings or default_mappings()
    g = _new_graph()
    rows: list[tuple[str, Row]] = document_rows(doc, iris)
    periods: dict[str, Period] = {doc.period.label: doc.period} if doc.period else {}
    fiscal: dict[str, set[str]] = {}
    refs: dict[tuple[str, str], EntityRef] = {}
    labels: dict[tuple[str, str], list[str]] = {}
    for ref in [doc.issuer] if doc.issuer else []:
        refs.setdefault((ref.kind, ref.key), ref)
    fact_rows: list[Row] = []
    for fact in facts:
        maps = m.for_kind(fact.kind)
        qcols = {c for tm in maps for c in tm.columns() if c.startswith("q_")}
        fact_rows.append(fact_row(fact, gazetteer, iris, qcols, m.tables))
        rows.extend(fact_context_rows(fact, gazetteer, iris, m.tables.get("category_classes", {})))
        if fact.period:
            periods.setdefault(fact.period.label, fact.period)
            label = qualifier(fact, "fiscal_label")
            if label:
                fiscal.setdefault(fact.period.label, set()).add(label)
        for ref in (fact.subject, fact.market, fact.source, fact.object):
            if ref is not None:
                refs.setdefault((ref.kind, ref.key), ref)
                labels.setdefault((ref.kind, ref.key), [])
                if ref.label not in labels[(ref.kind, ref.key)]:
                    labels[(ref.kind, ref.key)].append(ref.label)
    named_groups = {f.subject.key for f in facts if f.subject.kind == "group" and group_members(f)}
    link_cross_checks(facts, fact_rows)
    for fact, row in zip(facts, fact_rows):
        for tm in m.for_kind(fact.kind):
            apply(tm, row, m, g)
    for period in periods.values():
        rows.extend(period_rows(period, iris, fiscal.get(period.label, ())))
    for (kind, key), ref in refs.items():
        known = gazetteer.get(key)
        if known is not None and known.kind == kind:
            continue        # the entity graph describes it (a gazetteer key under another kind is another IRI)
        seen = labels.get((kind, key), [])
        unnamed = kind == "group" and key not in named_groups      # "Others": no fact names its members
        rows.append(("entity", entity_row(key, kind, ref.label, ref.types, seen, iris,
                                          getattr(ref, "owner", None), gazetteer,
                                          "unnamed_group" if unnamed else None)))
        if doc.issuer is not None and kind == "segment" and key.startswith(f"{doc.issuer.key}-"):
            # a division found in the issuer's own text (keyed under the issuer by the extractor) is part of it
            g.add((iris.entity(kind, key), MG.partOf, entity_iri(iris, doc.issuer)))
    described = set(refs)
    for fact in facts:
        rows.extend(("entity", r) for r in member_rows(fact, gazetteer, iris, described))
    for key, (label, broader) in sorted(minted_concepts(list(facts), gazetteer).items()):
        rows.append(("metric", {"metric_iri": iris.metric(key), "key": key, "label": label,
                                "broader_iri": iris.metric(broader) if broader else None}))
    rows.extend(candidate_rows(doc, candidates, iris))
    _run(rows, m, g)
    return g


def scheme_iri(iris: Iris) -> URIRef:
    return iris.entity("scheme", "metrics")


def map_entities(gazetteer: Gazetteer, iris: Iris, mappings: Optional[Mappings] = None) -> Graph:
    """The shared entity graph: every gazetteer entity (label, aliases, types, props) and the metric scheme."""
    m = mappings or default_mappings()
    g = _new_graph()
    rows: list[tuple[str, Row]] = []
    for e in gazetteer.entities.values():
        rows.append(("entity", entity_row(e.key, e.kind, e.label, e.types, e.aliases, iris)))
    scheme = scheme_iri(iris)
    tops = [iris.metric(k) for k, me in gazetteer.metrics.items() if not me.broader]
    rows.append(("scheme", {"scheme_iri": scheme, "label": "marketgraph metrics", "top_iris": tops}))
    for me in gazetteer.metrics.values():
        rows.append(("metric", {"metric_iri": iris.metric(me.key), "key": me.key, "label": me.label,
                                "aliases": list(me.aliases), "definition": me.definition, "unit": me.unit,
                                "scheme_iri": scheme, "top_of_iri": None if me.broader else scheme,
                                "broader_iri": iris.metric(me.broader) if me.broader else None}))
    _run(rows, m, g)
    for e in gazetteer.entities.values():
        _map_props(e.kind, e.key, e.props, gazetteer, iris, m, g)
    return g


def _map_props(kind: str, key: str, props: dict[str, Any], gazetteer: Gazetteer, iris: Iris, m: Mappings,
               g: Graph) -> None:
    s = iris.entity(kind, key)
    for name, raw in props.items():
        spec = m.props.get(_prop_key(name))
        if spec is None:
            log.warning("gazetteer prop %r of %r has no predicate in mappings/rdf/entity.yaml; skipped", name, key)
            continue
        p = expand(spec["predicate"])
        for v in raw if isinstance(raw, list) else [raw]:
            if spec["term"] == "entity":
                target = gazetteer.get(str(v))
                if target is None:
                    log.warning("gazetteer prop %s=%r of %r names no gazetteer entry; skipped", name, v, key)
                    continue
                g.add((s, p, iris.entity(target.kind, target.key)))
            elif spec["term"] == "class":
                g.add((s, p, class_iri(str(v))))
            elif spec["term"] == "category":     # a class name -> the product category of that class
                g.add((s, p, category_iri(iris, str(v))))
                _run([("category", category_row(iris, str(v), m.tables.get("category_classes", {})))], m, g)
            else:
                dt = expand(spec["datatype"]) if "datatype" in spec else None
                g.add((s, p, Literal(str(v), datatype=dt)))


def unmapped_props(gazetteer: Gazetteer, mappings: Optional[Mappings] = None) -> list[str]:
    """Gazetteer prop names that mappings/rdf/entity.yaml does not map (for the gazetteer's own tests)."""
    m = mappings or default_mappings()
    names = {n for e in gazetteer.entities.values() for n in e.props}
    return sorted(n for n in names if _prop_key(n) not in m.props)

