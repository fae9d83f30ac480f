"""Pages read their facts with a fixed number of store calls, whatever the number of facts (issue 12: the metric
page made ~14 pattern lookups per fact row). Counted, not timed: a store double counts every query and pattern
lookup while the pages of a metric, a company, a period and a document are built over graphs of 3, 40 and 150
invented facts."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

from marketgraph.api.browse.entity_page import FACT_CAP, PageBuilder
from marketgraph.api.browse.graphview import GraphView
from marketgraph.api.browse.ontology import Ontology
from marketgraph.api.browse.storecalls import CountingStore
from marketgraph.graph.settings import Settings

BASE = "http://localhost:8000"
MG = "https://w3id.org/marketgraph/ontology#"
OA = "http://www.w3.org/ns/oa#"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"
COMPANY, METRIC, DOC = f"{BASE}/id/organisation/quillfeather", f"{BASE}/id/metric/revenue", f"{BASE}/id/document/qf-q2"
PERIOD = f"{BASE}/id/period/2031-Q2"


def graph(n: int) -> ox.Store:
    """One company's revenue stated ``n`` times in one document, each with its quote and offsets."""
    store = ox.Store()
    g = ox.NamedNode(f"{BASE}/graph/qf-q2")
    nn, lit = ox.NamedNode, ox.Literal
    add = lambda s, p, o: store.add(ox.Quad(nn(s), nn(p), o, g))  # noqa: E731
    for iri, cls, label in ((COMPANY, "Company", "Quillfeather Labs"), (METRIC, "Metric", "revenue"),
                            (DOC, "Document", "Quillfeather second quarter"), (PERIOD, "Period", "2031-Q2")):
        add(iri, RDF_TYPE, nn(MG + cls))
        add(iri, RDFS_LABEL, lit(label))
    for i in range(n):
        fact, ev = f"{BASE}/id/fact/qf{i:04d}", f"{BASE}/id/evidence/qf{i:04d}"
        add(fact, MG + "factKind", lit("metric"))
        add(fact, RDF_TYPE, nn(MG + "Fact"))
        add(fact, RDFS_LABEL, lit(f"Quillfeather revenue {100 + i} million USD"))
        add(fact, MG + "subject", nn(COMPANY))
        add(fact, MG + "metric", nn(METRIC))
        add(fact, MG + "period", nn(PERIOD))
        add(fact, MG + "value", lit(str(100_000_000 + i * 1_000_000), datatype=nn(XSD + "decimal")))
        add(fact, MG + "unit", nn("http://qudt.org/vocab/currency/USD"))
        add(fact, "http://www.w3.org/ns/prov#wasDerivedFrom", nn(DOC))
        add(fact, MG + "evidence", nn(ev))
        add(ev, OA + "hasTarget", nn(ev + "#target"))
        add(ev + "#target", OA + "hasSource", nn(DOC))
        add(ev + "#target", OA + "hasSelector", nn(ev + "#quote"))
        add(ev + "#quote", OA + "exact", lit(f"revenue rose to USD {100 + i} million"))
        add(ev + "#quote", OA + "start", lit(str(i * 50), datatype=nn(XSD + "integer")))
        add(ev + "#quote", OA + "end", lit(str(i * 50 + 32), datatype=nn(XSD + "integer")))
    return store


@pytest.fixture(scope="module")
def ontology() -> Ontology:
    return Ontology.load(Settings(base_iri=BASE).paths.ontology)


def calls_for(n: int, ontology: Ontology) -> dict[str, int]:
    counting = CountingStore(graph(n))
    builder = PageBuilder(GraphView(counting, BASE), ontology)   # type: ignore[arg-type]
    out = {}
    for iri in (METRIC, COMPANY, PERIOD):
        counting.calls = 0
        page = builder.entity(iri)
        assert page.fact_count == min(n, FACT_CAP)
        rows = [r for t in page.tables for r in t.rows]
        assert all(r.quote.startswith("revenue rose to USD ") and r.end - r.start == 32 for r in rows)
        assert all(r.metric.label == "revenue" and r.period.label == "2031-Q2" for r in rows)
        assert all(r.document and r.document.iri == DOC for r in rows)
        out[iri] = counting.calls
    counting.calls = 0
    rows = builder.facts.rows(builder.facts.facts_of_document(DOC))   # the document page lists every fact
    assert len(rows) == n and {r.display_value for r in rows} >= {"USD 100 million"}
    out[DOC] = counting.calls
    return out


def test_store_calls_of_a_page_do_not_grow_with_its_facts(ontology: Ontology) -> None:
    few, many, more = calls_for(3, ontology), calls_for(40, ontology), calls_for(150, ontology)
    assert few == many == more, (few, many, more)
    assert max(few.values()) <= 30   # a handful of queries and lookups per page, not one per fact row


def test_labels_of_many_iris_are_one_query() -> None:
    counting = CountingStore(graph(30))
    view = GraphView(counting, BASE)   # type: ignore[arg-type]
    facts = [f"{BASE}/id/fact/qf{i:04d}" for i in range(30)]
    labels = view.labels(facts + [COMPANY, f"{BASE}/id/organisation/nobody"])
    assert counting.calls == 1
    assert labels[COMPANY] == "Quillfeather Labs" and labels[facts[7]] == "Quillfeather revenue 107 million USD"
    assert f"{BASE}/id/organisation/nobody" not in labels


class RecordingStore(CountingStore):
    def __init__(self, store: ox.Store):
        super().__init__(store)
        self.texts: list[str] = []

    def query(self, *args, **kwargs):
        self.texts.append(args[0])
        return super().query(*args, **kwargs)


def test_fact_pages_end_at_a_bound_so_no_page_skips_more_rows(ontology: Ontology, monkeypatch) -> None:
    """OFFSET reads every row it skips: the pages of a resource's facts stop at FACT_PAGES, so the deepest page
    reads at most FACT_PAGES x FACT_CAP + 1 fact rows, whatever the number of facts (the named query has them all)."""
    import re

    from marketgraph.api.browse import entity_page

    monkeypatch.setattr(entity_page, "FACT_PAGES", 2)
    recording = RecordingStore(graph(150))
    builder = PageBuilder(GraphView(recording, BASE), ontology)   # type: ignore[arg-type]
    first, last = builder.entity(METRIC, 1), builder.entity(METRIC, 2)
    assert first.facts_more and not first.facts_beyond
    assert not last.facts_more and last.facts_beyond and last.fact_count == FACT_CAP
    shown = {r.iri for p in (first, last) for t in p.tables for r in t.rows}
    assert len(shown) == 2 * FACT_CAP
    skipped = [int(m) for q in recording.texts for m in re.findall(r"OFFSET (\d+)", q)]
    limits = [int(m) for q in recording.texts for m in re.findall(r"LIMIT (\d+) OFFSET", q)]
    assert max(s + n for s, n in zip(skipped, limits)) <= 2 * FACT_CAP + 1
    with pytest.raises(ValueError):
        builder.entity(METRIC, 3)


def test_class_pages_read_one_bounded_window_without_sorting_the_class(monkeypatch) -> None:
    """A class page read every instance twice (a COUNT, then ORDER BY ... OFFSET: 12 s for the 47,580 facts at 1 M
    triples). Now one query reads at most CLASS_PAGES x PAGE_SIZE + 1 instances in the store's order, whatever the
    size of the class; the window is paged in IRI order, and a class larger than it says so."""
    import re

    from marketgraph.api.browse import site

    monkeypatch.setattr(site, "CLASS_PAGES", 2)
    recording = RecordingStore(graph(150))
    view = GraphView(recording, BASE)   # type: ignore[arg-type]
    every = {f"{BASE}/id/fact/qf{i:04d}" for i in range(150)}
    pages = [site.instances(view, MG + "Fact", k, 20) for k in (1, 2)]
    assert recording.calls == 2 and all(re.search(r"ORDER BY|OFFSET|COUNT", q) is None for q in recording.texts)
    assert [int(n) for q in recording.texts for n in re.findall(r"LIMIT (\d+)", q)] == [41, 41]
    assert all(p.beyond and p.total == 40 and p.pages == 2 and len(p.members) == 20 for p in pages)
    shown = pages[0].members + pages[1].members
    assert shown == sorted(shown) and len(set(shown)) == 40 and set(shown) <= every
    assert "?instance a <https://w3id.org/marketgraph/ontology#Fact>" in pages[0].query
    small = site.instances(view, MG + "Company", 1, 20)   # a class within the window is listed whole, as before
    assert (small.members, small.total, small.pages, small.beyond) == ([COMPANY], 1, 1, False)
    assert site.instances(view, MG + "Fact", 1, 200).total == 150 and not site.instances(view, MG + "Fact", 1, 200).beyond
