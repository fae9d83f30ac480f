"""One document's graph validated with only the entity triples the shapes can reach (graph/validate.py
``validate_document``) gives exactly the results that validating a copy of the document graph together with the
whole entities graph gives, for the results whose focus node the document describes (what the build publishes
or rejects by). Checked on every shape fixture (the fixture as the document, tests/shapes/_context.ttl and
_evidence.ttl as the entities graph) and on the bundled seed documents."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.reason import materialise
from marketgraph.graph.validate import EntityContext, load_ontology, load_shapes, shape_reach, validate, \
    validate_document

HERE = Path(__file__).parent / "shapes"
FIXTURES = sorted(f for d in HERE.iterdir() if d.is_dir() and not d.name.startswith("_") for f in d.glob("*.ttl"))
EX = "http://example.org/"


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology(ProjectPaths.default())


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes(ProjectPaths.default())


def whole(doc: Graph, entities: Graph, shapes: Graph) -> set[str]:
    """The reference: a copy of both graphs validated, results kept when the document describes the focus."""
    report = validate(doc + entities, shapes)
    return {str(v) for v in report.results if v.focus is None or (v.focus, None, None) in doc}


def by_context(doc: Graph, entities: Graph, shapes: Graph) -> set[str]:
    before = set(doc)
    report = validate_document(doc, shapes, EntityContext(entities, shapes))
    assert set(doc) == before, "the document graph is left as it was"
    return {str(v) for v in report.results}


def test_the_project_shapes_have_a_bounded_reach(shapes):
    reach = shape_reach(shapes)
    assert reach.hops is not None and reach.hops >= 1
    assert URIRef("https://w3id.org/marketgraph/ontology#unresolvedCandidate") in reach.inverse


def test_recursive_shapes_are_unbounded():
    g = Graph()
    s, p = URIRef(EX + "S"), URIRef(EX + "p")
    g.add((s, RDF.type, SH.NodeShape))
    prop = URIRef(EX + "P")
    g.add((s, SH.property, prop))
    g.add((prop, SH.path, p))
    g.add((prop, SH.node, s))
    assert shape_reach(g).hops is None


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_shape_fixture_results_agree(path, ontology, shapes):
    entities = Graph()
    entities.parse(HERE / "_context.ttl")
    entities.parse(HERE / "_evidence.ttl")
    entities = materialise(entities, ontology)
    doc = Graph()
    doc.parse(path)
    doc = materialise(doc, ontology)
    assert by_context(doc, entities, shapes) == whole(doc, entities, shapes)


def test_the_fixtures_do_find_violations(ontology, shapes):
    """The agreement above is not the agreement of two empty sets."""
    found = 0
    entities = materialise(Graph().parse(HERE / "_context.ttl").parse(HERE / "_evidence.ttl"), ontology)
    for path in FIXTURES:
        if path.name.startswith("violating"):
            found += bool(by_context(materialise(Graph().parse(path), ontology), entities, shapes))
    assert found >= len([p for p in FIXTURES if p.name.startswith("violating")]) // 2


def test_an_entity_the_document_describes_is_checked_with_its_whole_description(ontology, shapes):
    """A document that adds a triple about a gazetteer entity makes that entity a focus node of its own: the
    entity's description must come along (else its required label would look missing)."""
    entities = materialise(Graph().parse(HERE / "_context.ttl"), ontology)
    subject = next(s for s in entities.subjects(RDF.type, None) if isinstance(s, URIRef)
                   and (s, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), None) in entities)
    doc = Graph()
    doc.add((subject, URIRef("http://www.w3.org/2000/01/rdf-schema#comment"), Literal("named in a document")))
    assert by_context(doc, entities, shapes) == whole(doc, entities, shapes) == set()


def test_seed_documents_agree(ontology, shapes):
    from marketgraph.graph.docpipeline import DocPipeline
    from marketgraph.graph.extract.pipeline import extract_document
    from marketgraph.graph.mapper import map_document
    from marketgraph.graph.reason import materialise_in_place
    from marketgraph.graph.segment import load_documents
    from marketgraph.graph.settings import Settings

    pipe = DocPipeline(Settings())
    docs = load_documents(Settings(), ["seeds"])
    assert docs
    for doc, text in docs:
        graph = map_document(doc, extract_document(doc, text, pipe.gazetteer).facts, pipe.gazetteer, pipe.iris)
        materialise_in_place(graph, pipe.rules)
        assert by_context(graph, pipe.entities, shapes) == whole(graph, pipe.entities, shapes), doc.doc_id
