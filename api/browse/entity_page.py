"""Data for the page of any resource under the base: entity, fact, metric, period (documents add their text)."""
from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from .chart import Series, series_from
from .facts import FactReader, FactRow, Link
from .graphview import (ALT_LABEL_PROPS, DESCRIPTION_PROPS, LABEL_PROPS, MG, RDF_TYPE, GraphView, curie,
                        local_name)
from marketgraph.graph.labels import maker_of

from .ontology import Ontology

CONFLICTS_WITH = MG + "conflictsWith"
KIND_TITLES = {"metric": "Figures", "change": "Changes", "ranking": "Rankings", "market_share": "Market shares",
               "price": "Prices", "spec": "Specifications", "count": "Counts", "investment": "Investments",
               "launch": "Launches", "role": "Roles", "qa_turn": "Questions and answers", "event": "Events"}
KIND_ORDER = list(KIND_TITLES)
INCOMING_SAMPLE = 12
LAUNCH_VERBS = {"announced": "announced", "launched": "launched", "available": "available",
                "pre-order": "on pre-order", "first_sale": "on sale", "date_tba": "announced, date to come"}
FACT_CAP = 60             # facts shown on one page; all of them through the named query (the page says so)
# pages of facts a resource's page offers: page k skips (k-1)·FACT_CAP facts with OFFSET, which the engine reads
# one by one, so the deepest page reads at most FACT_PAGES·FACT_CAP + 1 (a metric named by 3,200 facts at 1 M
# triples: its last page read 3,200); the facts beyond are the named query's
FACT_PAGES = 20
DATED_KINDS = ("product", "series", "platform")   # only these get 'launched <date>' from their own launch facts


@dataclass
class Value:
    text: str
    link: Link | None = None
    datatype: str | None = None


@dataclass
class PropertyRow:
    iri: str
    label: str
    path: str | None
    values: list[Value]


@dataclass
class IncomingGroup:
    iri: str
    label: str
    path: str | None
    count: int
    sample: list[Link]


@dataclass
class FactTable:
    kind: str
    title: str
    rows: list[FactRow]

    def has(self, column: str, here: str = "") -> bool:
        """Whether any row fills the column (empty columns are not shown)."""
        if column == "linked":
            return any(link.iri != here for r in self.rows for _, link in r.entities)
        return any(getattr(r, column) for r in self.rows)


@dataclass
class Conflict:
    a: FactRow
    b: FactRow


@dataclass
class EntityPage:
    iri: str
    path: str
    label: str
    aliases: list[str]
    types: list[Link]
    description: str
    properties: list[PropertyRow]
    incoming: list[IncomingGroup]
    tables: list[FactTable] = field(default_factory=list)
    charts: list[Series] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    fact: FactRow | None = None   # when the resource is itself a fact
    facts_page: int = 1           # the tables show one page of the facts about the resource
    facts_offset: int = 0
    facts_more: bool = False      # whether later pages hold more facts (the total is not counted: a full scan)
    facts_beyond: bool = False    # more facts after the last page offered (FACT_PAGES): only the named query has them

    @property
    def fact_count(self) -> int:
        return sum(len(t.rows) for t in self.tables)




class PageBuilder:
    def __init__(self, view: GraphView, ontology: Ontology):
        self.view, self.ontology = view, ontology
        self.facts = FactReader(view)

    def term_link(self, iri: str, labels: dict[str, str] | None = None) -> Link:
        label = (labels or {}).get(iri) or self.ontology.label(iri) or curie(iri)
        path = f"/ontology/{iri.rsplit('#', 1)[1]}" if iri.startswith(MG) else self.facts.local_path(iri)
        return Link(iri, label, path)

    def entity(self, iri: str, page_no: int = 1, with_facts: bool = True) -> EntityPage:
        """The page's data; ``with_facts=False`` leaves out the fact tables (a document page lists its own).
        ``page_no`` is at most :data:`FACT_PAGES`."""
        if not 1 <= page_no <= FACT_PAGES:
            raise ValueError(f"facts page {page_no} is not in 1..{FACT_PAGES}")
        view = self.view
        props = view.props(iri)
        refs = {o.value for vals in props.values() for o in vals if isinstance(o, ox.NamedNode)}
        labels = view.labels(refs | set(props))
        label = view.label(iri)
        types = [self.term_link(t, labels) for t in self.ontology.most_specific(view.types(iri))]
        skip = set(LABEL_PROPS) | set(ALT_LABEL_PROPS) | {RDF_TYPE}
        rows = []
        own = {frozenset(map(str, v)) for p, v in props.items() if p.startswith(MG)}
        for p in sorted(props, key=lambda p: self.term_link(p, labels).label.lower()):
            if p in skip or (not p.startswith(MG) and frozenset(map(str, props[p])) in own):
                continue   # an aligned super-property repeating one of ours (schema:brand = mg:brand)
            vals = [self._value(o, labels) for o in props[p]]
            pl = self.term_link(p, labels)
            rows.append(PropertyRow(p, pl.label, pl.path, vals))
        page = EntityPage(iri=iri, path=self.facts.local_path(iri) or iri, label=label,
                          aliases=[a for a in view.alt_labels(iri) if a != label], types=types,
                          description="", properties=rows, incoming=self._incoming(iri))
        if self.facts.is_fact(iri):
            page.fact = self.facts.rows([iri])[0]
        page.facts_page, page.facts_offset = page_no, (page_no - 1) * FACT_CAP
        fact_iris = self.facts.facts_about(iri, limit=FACT_CAP + 1, offset=page.facts_offset) if with_facts else []
        page.facts_more = len(fact_iris) > FACT_CAP and page_no < FACT_PAGES
        page.facts_beyond = len(fact_iris) > FACT_CAP and page_no >= FACT_PAGES
        fact_rows = self.facts.rows(fact_iris[:FACT_CAP])
        page.tables = tables_of(fact_rows)
        page.charts = series_from(fact_rows)
        page.conflicts = self._conflicts(fact_rows)
        page.description = self.describe(iri, props, labels, types, fact_rows)
        return page

    def _value(self, o: object, labels: dict[str, str]) -> Value:
        if isinstance(o, ox.NamedNode):
            link = self.term_link(o.value, labels) if o.value.startswith(MG) else \
                Link(o.value, labels.get(o.value) or local_name(o.value), self.facts.local_path(o.value))
            return Value(link.label, link)
        if isinstance(o, ox.Literal):
            return Value(o.value, None, curie(o.datatype.value) if o.datatype else None)
        return Value(str(o))

    def _incoming(self, iri: str) -> list[IncomingGroup]:
        """Links to the resource grouped by property: a count per property and a sample of who links (a few
        queries, whatever the number of links)."""
        node = ox.NamedNode(iri)
        counts = {r["p"].value: int(r["n"].value) for r in self.view.select(
            "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p $x } GROUP BY ?p", x=node) if r["p"].value != CONFLICTS_WITH}
        groups: dict[str, list[str]] = {}
        for p in counts:
            groups[p] = [r["s"].value for r in self.view.select(
                f"SELECT DISTINCT ?s WHERE {{ ?s $p $x FILTER(isIRI(?s)) }} LIMIT {INCOMING_SAMPLE}",
                p=ox.NamedNode(p), x=node)]
        labels = self.view.labels({s for v in groups.values() for s in v} | set(groups))
        out = []
        for p in sorted(counts, key=lambda p: -counts[p]):
            pl = self.term_link(p, labels)
            sample = [Link(s, labels.get(s) or local_name(s), self.facts.local_path(s)) for s in groups.get(p, [])]
            out.append(IncomingGroup(p, pl.label, pl.path, counts[p], sample))
        return out

    def _conflicts(self, rows: list[FactRow]) -> list[Conflict]:
        by_iri = {r.iri: r for r in rows}
        pairs: list[tuple[str, str]] = []
        iris = list(by_iri)
        for i in range(0, len(iris), 400):
            values = " ".join(str(ox.NamedNode(x)) for x in iris[i:i + 400])
            pairs += [(r["a"].value, r["b"].value) for r in self.view.select(
                f"SELECT ?a ?b WHERE {{ VALUES ?a {{ {values} }} ?a $c ?b }}", c=ox.NamedNode(CONFLICTS_WITH))]
        others = [b for _, b in pairs if b not in by_iri]
        by_iri.update({r.iri: r for r in self.facts.rows(sorted(set(others)))})
        out, seen = [], set()
        for a, b in pairs:
            key = frozenset((a, b))
            if key not in seen:
                seen.add(key)
                out.append(Conflict(by_iri[a], by_iri[b]))
        return out

    def describe(self, iri: str, props: dict[str, list[object]], labels: dict[str, str], types: list[Link],
                 rows: list[FactRow]) -> str:
        """One line from data: '<type> by <maker>, announced <date>' (parts left out when unknown)."""
        text = self.view.first_literal(iri, DESCRIPTION_PROPS)
        made_by = maker_of(iri, props)
        maker = (labels.get(made_by) or self.view.label(made_by)) if made_by else None
        kind = iri[len(self.facts.base) + 4:].split("/", 1)[0] if iri.startswith(self.facts.base + "/id/") else ""
        own = [r for r in rows if r.kind == "launch" and r.date and _about(r, iri)] if kind in DATED_KINDS else []
        launches = sorted(own, key=lambda r: r.date or "")
        launch = None
        if launches:
            status = next((v for k, v in launches[0].literals if k.lower() == "status"), "launched")
            launch = f"{LAUNCH_VERBS.get(status.lower(), 'launched')} {launches[0].date}"
        return summary(types[0].label if types else None, maker, text, launch, len(rows))


def summary(type_label: str | None, maker: str | None, text: str | None, launch: str | None = None,
            facts: int = 0) -> str:
    """'<type> by <maker>, <launch>' (parts left out when unknown); a type alone gets the data's definition
    ``text`` after it; nothing at all, the number of facts. The lookup index describes its entries with this too
    (without launches or facts)."""
    parts = []
    if type_label is not None:
        tl = type_label
        parts.append(tl[:1].lower() + tl[1:] if len(tl) > 1 and not tl[1:2].isupper() else tl)
    if maker:
        parts.append(f"by {maker}")
    line = " ".join(parts)
    if launch:
        line = f"{line}, {launch}" if line else launch
    type_only = not parts or line == parts[0]
    if text and type_only:   # a type alone says little: add the definition the data gives
        return f"{line}: {text}" if line else text
    if not line and facts:
        line = f"{facts} facts"
    return line


def _about(r: FactRow, iri: str) -> bool:
    """Whether the fact is the entity's own: its subject, or the product a launch launches."""
    return any(link.iri == iri and role in ("subject", "launchedProduct", "object") for role, link in r.entities)


def tables_of(rows: list[FactRow]) -> list[FactTable]:
    by_kind: dict[str, list[FactRow]] = {}
    for r in rows:
        by_kind.setdefault(r.kind, []).append(r)
    out = []
    for kind in sorted(by_kind, key=lambda k: (KIND_ORDER.index(k) if k in KIND_ORDER else 99, k)):
        rs = sorted(by_kind[kind], key=lambda r: (r.metric.label if r.metric else "",
                                                  r.market.label if r.market else "",
                                                  r.period.label if r.period else "", r.start or 0))
        out.append(FactTable(kind, KIND_TITLES.get(kind, kind.replace("_", " ").title()), rs))
    return out
