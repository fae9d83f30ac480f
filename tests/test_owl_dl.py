"""Ontology + data in OWL 2 DL: the seed build as the store holds it (ontology graph included) passes the OWL API's
OWL 2 DL profile check and the OWL 2 datatype map, every predicate is declared, and HermiT finds ontology and data
consistent. The checkers are shown to fail on small counter-examples."""
from __future__ import annotations

import tempfile
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import OWL, RDF, XSD, Dataset, Graph, Literal, URIRef

from owl_profile import datatype_map_violations, dl_profile_violations, undeclared_predicates

pytestmark = pytest.mark.slow
EX = "http://example.org/"


@pytest.fixture(scope="module")
def ontology_and_data(seed_store) -> Graph:
    store = ox.Store.read_only(str(seed_store))
    ds = Dataset()
    ds.parse(data=store.dump(format=ox.RdfFormat.N_QUADS), format="nquads")
    g = Graph()
    for s, p, o, _ in ds.quads():
        g.add((s, p, o))
    assert (URIRef("https://w3id.org/marketgraph/ontology"), RDF.type, OWL.Ontology) in g
    return g


def test_every_predicate_is_declared(ontology_and_data):
    assert undeclared_predicates(ontology_and_data) == set()


def test_data_literals_are_in_the_owl2_datatype_map(ontology_and_data):
    assert datatype_map_violations(ontology_and_data) == []


def test_owl2_dl_profile(ontology_and_data, tmp_path):
    assert dl_profile_violations(ontology_and_data, tmp_path)[:10] == []


def test_hermit_finds_ontology_and_data_consistent(ontology_and_data):
    owlready2 = pytest.importorskip("owlready2")
    with tempfile.TemporaryDirectory() as tmp:
        nt = Path(tmp) / "all.nt"
        nt.write_bytes(ontology_and_data.serialize(format="nt", encoding="utf-8"))
        world = owlready2.World()
        onto = world.get_ontology(nt.as_uri()).load()
        with onto:   # raises OwlReadyInconsistentOntologyError when inconsistent
            owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        assert list(world.inconsistent_classes()) == []


def test_the_checkers_catch_what_is_not_dl(tmp_path):
    g = Graph()
    g.add((URIRef(EX + "o"), RDF.type, OWL.Ontology))
    g.add((URIRef(EX + "d"), RDF.type, OWL.DatatypeProperty))
    g.add((URIRef(EX + "a"), URIRef(EX + "d"), Literal("2030-01-01", datatype=XSD.date)))
    g.add((URIRef(EX + "a"), URIRef(EX + "undeclared"), URIRef(EX + "b")))
    assert datatype_map_violations(g) and undeclared_predicates(g) == {EX + "undeclared"}
    assert any("Undeclared" in v for v in dl_profile_violations(g, tmp_path))
