"""Fact nodes read back from the store as table rows: value with unit, period, market, metric, source, quote.

A fact's fields are recognised by what their values are (a period IRI, a metric IRI, a market IRI, a numeric
literal, a QUDT unit or currency IRI) so the pages do not depend on every predicate name of the mappings.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

from .graphview import LABEL_PROPS, MG, NUMERIC_TYPES, OA, PROV, RDF_TYPE, GraphView, chunks, local_name, values

FACT_KIND = MG + "factKind"
EVIDENCE = MG + "evidence"
DERIVED_FROM = PROV + "wasDerivedFrom"
KEEP_PROPS = {"http://www.w3.org/2000/01/rdf-schema#label", DERIVED_FROM, "https://schema.org/priceCurrency"}
# a fact's evidence chain: each target's source (with the source's path when it has one) or its selectors' triples
EVIDENCE_QUERY = ("SELECT ?f ?ev ?t ?src ?path ?sp ?so WHERE { VALUES ?f { $facts } ?f mg:evidence ?ev . "
                  "?ev oa:hasTarget ?t . { ?t oa:hasSource ?src OPTIONAL { ?src mg:path ?path } } "
                  "UNION { ?t oa:hasSelector ?sel . ?sel ?sp ?so } }")
UNIT_NAMESPACES = ("http://qudt.org/vocab/unit/", "http://qudt.org/vocab/currency/")
UNIT_NAMES = {"unit", "hasunit", "currency", "unittext", "unitcode", "unitlabel"}
VALUE_NAMES = ("rank", "value", "numericvalue", "amount")   # a rank, when stated, is the value to show
NAME_QUALIFIERS = ("spec", "measure", "feature", "name", "role", "event")
SCALES = ((Decimal(10) ** 12, "trillion"), (Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million"))


@dataclass
class Link:
    iri: str
    label: str
    path: str | None = None   # local path when the IRI is under the base (for links that work on any host)


@dataclass
class FactRow:
    iri: str
    fact_id: str
    kind: str
    label: str
    value: Decimal | None = None
    value_text: str = ""
    value_name: str = ""
    unit: Link | None = None
    unit_text: str = ""
    metric: Link | None = None
    period: Link | None = None
    market: Link | None = None
    document: Link | None = None
    entities: list[tuple[str, Link]] = field(default_factory=list)   # (role, entity) other than the above
    literals: list[tuple[str, str]] = field(default_factory=list)    # (field, text) qualifiers
    quote: str = ""
    start: int | None = None
    end: int | None = None
    source_file: str | None = None

    @property
    def display_value(self) -> str:
        if self.value is None:
            return self.value_text
        if self.value_name.lower() == "rank":
            top = any(k.lower() == "ranktype" and v.lower() == "top" for k, v in self.literals)
            return f"top {_plain(self.value)}" if top else f"#{_plain(self.value)}"
        return format_value(self.value, self.unit_text)

    @property
    def title(self) -> str:
        """What the fact measures: its metric, else a naming qualifier (spec, measure ...), else its kind."""
        if self.metric:
            return self.metric.label
        for k, v in self.literals:
            if k.lower() in NAME_QUALIFIERS:
                return v
        return self.kind.replace("_", " ")

    @property
    def date(self) -> str | None:
        """A date the fact states (its date value), else its period label."""
        for k, v in self.literals:
            if k.lower() in ("datevalue", "date", "startdate"):
                return v
        return self.period.label if self.period else None

    def entity(self, role: str) -> Link | None:
        for r, link in self.entities:
            if r == role:
                return link
        return None


def format_value(value: Decimal, unit: str) -> str:
    v = abs(value)
    text = None
    if unit.lower() not in ("percent", "%", "pp", "percentage point"):
        for scale, word in SCALES:
            if v >= scale:
                text = f"{_plain(value / scale)} {word}"
                break
    text = text or _plain(value)
    if unit.lower() in ("percent", "%"):
        return f"{text}%"
    if unit.isupper() and len(unit) == 3:  # ISO 4217 code before the amount
        return f"{unit} {text}"
    return f"{text} {unit}".strip()


def _plain(d: Decimal) -> str:
    s = format(d.normalize(), "f") if d == d.to_integral_value() else format(d.normalize(), "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    if "." not in s and len(s.lstrip("-")) > 4:
        s = f"{int(Decimal(s)):,}"
    return s


class FactReader:
    """Reads fact nodes through a :class:`GraphView`."""

    def __init__(self, view: GraphView):
        self.view = view
        self.base = view.base

    def _kind(self, iri: str) -> str | None:
        prefix = self.base + "/id/"
        if iri.startswith(prefix):
            return iri[len(prefix):].split("/", 1)[0]
        return None

    def local_path(self, iri: str) -> str | None:
        return iri[len(self.base):] if iri.startswith(self.base + "/") else None

    def link(self, iri: str, labels: dict[str, str]) -> Link:
        return Link(iri, labels.get(iri) or local_name(iri), self.local_path(iri))

    def facts_about(self, iri: str, limit: int = 2000, offset: int = 0) -> list[str]:
        """Fact nodes that point at ``iri`` with any property (subject, metric, market, period, source ...), at most
        ``limit`` from ``offset`` (the store's order, stable for a served store): one query that stops at the limit."""
        rows = self.view.select(f"SELECT DISTINCT ?f WHERE {{ ?f ?p $x . ?f mg:factKind ?k }} "
                                f"LIMIT {int(limit)} OFFSET {int(offset)}", x=ox.NamedNode(iri))
        return [r["f"].value for r in rows if isinstance(r.get("f"), ox.NamedNode)]

    def is_fact(self, iri: str) -> bool:
        for _ in self.view.store.quads_for_pattern(ox.NamedNode(iri), ox.NamedNode(FACT_KIND), None, None):
            return True
        return False

    def facts_of_document(self, doc_iri: str, limit: int = 5000) -> list[str]:
        rows = self.view.select(f"SELECT DISTINCT ?f WHERE {{ ?f prov:wasDerivedFrom $d ; mg:factKind ?k }} "
                                f"LIMIT {int(limit)}", d=ox.NamedNode(doc_iri))
        return [r["f"].value for r in rows if isinstance(r.get("f"), ox.NamedNode)]

    def rows(self, fact_iris: list[str]) -> list[FactRow]:
        """Table rows of the facts. The facts were chosen by a query and are at most a page's worth; they are read
        with three queries whatever their number (their own triples, their evidence chains, the labels of what
        they name), one per :data:`VALUES_CHUNK` facts beyond that: the store calls of a page do not grow with its
        rows (tests/test_pages_store_calls.py; the measurement in benchmarks/pages/RESULTS.md)."""
        raw = self._own_props(fact_iris)
        refs = {o.value for props in raw.values() for vals in props.values() for o in vals
                if isinstance(o, ox.NamedNode)}
        labels = self.view.labels(refs)
        chains = self._evidence_chains(fact_iris)
        out = []
        for f in fact_iris:
            row = self._row(f, raw[f], labels)
            evidence = raw[f].get(EVIDENCE, [])[:1]
            if evidence:
                self._evidence(row, chains.get((f, evidence[0].value), []))
            out.append(row)
        return out

    def _own_props(self, fact_iris: list[str]) -> dict[str, dict[str, list[object]]]:
        """Each fact's triples that say something of its own: the project's predicates, label, document (not its
        inferred types and aligned super-properties)."""
        out: dict[str, dict[str, list[object]]] = {f: {} for f in fact_iris}
        for chunk in chunks(fact_iris):
            for f, p, o in self.view.tuples(f"SELECT ?f ?p ?o WHERE {{ VALUES ?f {{ {values(chunk)} }} ?f ?p ?o }}"):
                if p.value.startswith(MG) or p.value in KEEP_PROPS:
                    vals = out[f.value].setdefault(p.value, [])
                    if o not in vals:
                        vals.append(o)
        return out

    def _evidence_chains(self, fact_iris: list[str]) -> dict[tuple[str, str], list[tuple[object, ...]]]:
        """(fact, evidence node) -> the rows of its chain, (target, source, source's path, selector's predicate,
        object): each target with a source or a selector's triple, in the store's order."""
        out: dict[tuple[str, str], list[tuple[object, ...]]] = {}
        for chunk in chunks(fact_iris):
            for f, ev, *rest in self.view.tuples(EVIDENCE_QUERY.replace("$facts", values(chunk))):
                out.setdefault((f.value, ev.value), []).append(tuple(rest))
        return out

    def _evidence(self, row: FactRow, chain: list[tuple[object, ...]]) -> None:
        """Quote, offsets and source of the fact's (first) evidence: mg:evidence / oa:hasTarget (the first) /
        oa:hasSource and oa:hasSelector."""
        target = chain[0][0] if chain else None
        for t, src, path, p, o in chain:
            if t != target:
                continue
            if isinstance(src, ox.NamedNode) and self._kind(src.value) == "document":
                if row.document is None:
                    row.document = Link(src.value, local_name(src.value), self.local_path(src.value))
            elif isinstance(src, ox.NamedNode) and row.source_file is None:
                row.source_file = path.value if isinstance(path, ox.Literal) else src.value
            elif isinstance(src, ox.Literal) and row.source_file is None:
                row.source_file = src.value
            elif isinstance(p, ox.NamedNode) and isinstance(o, ox.Literal):
                if p.value == OA + "exact" and not row.quote:
                    row.quote = o.value
                elif p.value == OA + "start" and row.start is None:
                    row.start = int(o.value)
                elif p.value == OA + "end" and row.end is None:
                    row.end = int(o.value)

    def _row(self, iri: str, props: dict[str, list[object]], labels: dict[str, str]) -> FactRow:
        kind = next((o.value for o in props.get(FACT_KIND, []) if isinstance(o, ox.Literal)), "fact")
        label = next((o.value for p in LABEL_PROPS for o in props.get(p, []) if isinstance(o, ox.Literal)), "")
        row = FactRow(iri=iri, fact_id=local_name(iri), kind=kind, label=label or local_name(iri))
        numeric: list[tuple[str, Decimal]] = []
        for p, vals in props.items():
            if p in (FACT_KIND, RDF_TYPE, EVIDENCE) or p in LABEL_PROPS:
                continue
            pname = local_name(p)
            for o in vals:
                if isinstance(o, ox.NamedNode):
                    self._classify_iri(row, p, pname, o.value, labels)
                elif isinstance(o, ox.Literal):
                    if o.datatype.value in NUMERIC_TYPES:
                        try:
                            numeric.append((pname, Decimal(o.value)))
                            continue
                        except InvalidOperation:
                            pass
                    if pname.lower() in UNIT_NAMES:
                        row.unit_text = o.value
                    elif pname == "qualifier" and "=" in o.value:
                        k, _, v = o.value.partition("=")
                        row.literals.append((k.strip(), v.strip()))
                    else:
                        row.literals.append((pname, o.value))
        if numeric:
            numeric.sort(key=lambda t: next((i for i, n in enumerate(VALUE_NAMES) if n in t[0].lower()), 99))
            row.value_name, row.value = numeric[0]
            row.literals.extend((n, _plain(v)) for n, v in numeric[1:] if v != row.value)
        if not row.value_text:
            row.value_text = next((v for k, v in row.literals if k.lower() in ("textvalue", "datevalue")), "")
        row.entities = _dedupe(row.entities)
        row.literals = list(dict.fromkeys(row.literals))
        if row.unit and not row.unit_text:
            row.unit_text = _unit_text(row.unit)
        return row

    def _classify_iri(self, row: FactRow, p: str, pname: str, iri: str, labels: dict[str, str]) -> None:
        kind = self._kind(iri)
        link = self.link(iri, labels)
        if iri.startswith(UNIT_NAMESPACES) or pname.lower() in UNIT_NAMES:
            row.unit = link
        elif kind == "period" and row.period is None:
            row.period = link
        elif kind == "metric" and row.metric is None:
            row.metric = link
        elif kind == "document" and (p == DERIVED_FROM or row.document is None):
            row.document = link
        elif kind == "market" and row.market is None and pname.lower() not in ("subject", "about"):
            row.market = link
        else:
            row.entities.append((pname, link))


def _dedupe(entities: list[tuple[str, Link]]) -> list[tuple[str, Link]]:
    """One role per linked entity; the project's own property names win over aligned super-properties."""
    out: dict[str, tuple[str, Link]] = {}
    for role, link in entities:
        if link.iri not in out or out[link.iri][0] in ("about", "wasAttributedTo", "wasDerivedFrom", "object"):
            out[link.iri] = (role, link)
    return list(out.values())


def _unit_text(unit: Link) -> str:
    name = local_name(unit.iri)
    if unit.iri.startswith("http://qudt.org/vocab/currency/"):
        return name
    if name.upper() == "PERCENT":
        return "percent"
    return unit.label if unit.label != name else name.lower()
