"""Several sources, one fact: differing figures for the same key are kept and flagged, and the flag is queryable."""
from __future__ import annotations

from decimal import Decimal

import pyoxigraph as ox
from rdflib import Graph

from marketgraph.graph.conflict_map import map_conflicts
from marketgraph.graph.extract.conflicts import find_conflicts
from marketgraph.graph.iris import Iris
from marketgraph.graph.records import EntityRef, Evidence, Fact, Period
from marketgraph.graph.settings import Settings

ACME = EntityRef("acme", "organisation", "Acme Devices", ("Organisation",))
Q = Period("2031-Q1", "quarter")


def _fact(doc: str, value: str, *, hedge=None, start=0) -> Fact:
    quote = f"revenue was {value}"
    return Fact(kind="metric", doc_id=doc, subject=ACME, metric="revenue", value=Decimal(value), unit="CNY",
                period=Q, hedge=hedge, evidence=Evidence(f"x/{doc}.txt", start, start + len(quote), quote))


def test_differing_figures_from_two_documents_are_one_conflict_and_both_stay():
    a, b = _fact("d1", "1200"), _fact("d2", "1350")
    found = find_conflicts([a, b])
    assert len(found) == 1 and {found[0].a.doc_id, found[0].b.doc_id} == {"d1", "d2"}


def test_agreeing_restated_and_hedged_figures_are_not_conflicts():
    assert not find_conflicts([_fact("d1", "1200"), _fact("d2", "1200")])          # two sources, one figure
    assert not find_conflicts([_fact("d1", "1200"), _fact("d1", "1350", start=50)])  # one document: a correction
    assert not find_conflicts([_fact("d1", "1200"), _fact("d2", "1000", hedge="more than")])


def test_the_conflict_flag_is_queryable_with_the_named_query():
    settings = Settings()
    iris = Iris(settings.base_iri)
    a, b = _fact("d1", "1200"), _fact("d2", "1350")
    g: Graph = map_conflicts(find_conflicts([a, b]), iris)
    store = ox.Store()
    store.load(g.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    ask = "PREFIX mg: <https://w3id.org/marketgraph/ontology#> ASK { ?x mg:conflictsWith ?y . ?y mg:conflictsWith ?x . ?x a mg:ConflictingFact }"
    assert store.query(ask)
    flagged = "PREFIX mg: <https://w3id.org/marketgraph/ontology#> SELECT ?x WHERE { ?x a mg:ConflictingFact ; mg:crossCheck ?c }"
    assert len(list(store.query(flagged))) == 2      # both facts carry the cross-check flag
    text = (settings.paths.queries / "conflicts.rq").read_text(encoding="utf-8")
    assert "mg:conflictsWith" in text and store.query(text) is not None


def test_positions_stated_in_words_do_not_conflict():
    """"world leading" in one document and "global leadership" in another are two wordings, not two figures."""
    from marketgraph.graph.extract.conflicts import find_conflicts as find
    from marketgraph.graph.records import EntityRef, Evidence, Fact
    from marketgraph.graph.extract.periods import year
    acme = EntityRef("acme", "organisation", "Acme")
    facts = [Fact("ranking", doc, acme, Evidence("f.txt", i, i + 5, "words"), value=words, period=year(2019),
                  qualifiers=(("rank_type", "position"),))
             for i, (doc, words) in enumerate([("d1", "world leading"), ("d2", "global leadership")])]
    assert find(facts) == []
