"""graph/shacl_fast.py agrees with pySHACL (the validator of record): the same results — focus node, path,
constraint component, severity — on every shape fixture (conforming and violating) and on the seed documents'
graphs; shapes it does not implement are refused rather than half-checked."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.reason import materialise
from marketgraph.graph.shacl_fast import Checker, Unsupported, compile_shapes
from marketgraph.graph.validate import load_ontology, load_shapes, validate

HERE = Path(__file__).parent / "shapes"
FIXTURES = sorted(f for d in HERE.iterdir() if d.is_dir() and not d.name.startswith("_") for f in d.glob("*.ttl"))


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology(ProjectPaths.default())


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes(ProjectPaths.default())


@pytest.fixture(scope="module")
def checker(shapes) -> Checker:
    return Checker(compile_shapes(shapes))


def _path(path, shapes: Graph):
    inverse = shapes.value(path, SH.inversePath) if path is not None and not isinstance(path, URIRef) else None
    if inverse is not None:
        return ("inverse", inverse)
    if path is not None and not isinstance(path, URIRef):
        return ("sequence", tuple(shapes.items(path)))
    return path


def reference(graph: Graph, shapes: Graph) -> set:
    return {(v.focus, _path(v.path, shapes), v.component, v.severity) for v in validate(graph, shapes).results}


def fast(graph: Graph, shapes: Graph, checker: Checker) -> set:
    return {(r.focus, _path(r.path, shapes), r.component, r.severity) for r in checker.validate(graph)}


def fixture_graph(path: Path, ontology: Graph) -> Graph:
    g = Graph()
    g.parse(HERE / "_context.ttl")
    text = path.read_text(encoding="utf-8")
    if "ex:fact " in text:
        g.parse(HERE / "_evidence.ttl")
    g.parse(data=text, format="turtle")
    return materialise(g, ontology)


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_fixture_results_agree_with_pyshacl(path, ontology, shapes, checker):
    g = fixture_graph(path, ontology)
    want = reference(g, shapes)
    assert fast(g, shapes, checker) == want
    if path.name.startswith("violating"):
        assert want, "a violating fixture that pySHACL passes would make this comparison empty"


def test_seed_documents_agree_with_pyshacl(shapes, checker):
    from marketgraph.graph.docpipeline import DocPipeline
    from marketgraph.graph.extract.pipeline import extract_document
    from marketgraph.graph.mapper import map_document
    from marketgraph.graph.reason import materialise_in_place
    from marketgraph.graph.segment import load_documents
    from marketgraph.graph.settings import Settings

    pipe = DocPipeline(Settings())
    docs = load_documents(Settings(), ["seeds", "dev"])
    for doc, text in docs:
        graph = map_document(doc, extract_document(doc, text, pipe.gazetteer).facts, pipe.gazetteer, pipe.iris)
        materialise_in_place(graph, pipe.rules)
        whole = graph + pipe.entities
        assert fast(whole, shapes, checker) == reference(whole, shapes), doc.doc_id


def test_shapes_it_does_not_implement_are_refused():
    g = Graph()
    s = URIRef("http://example.org/S")
    g.add((s, RDF.type, SH.NodeShape))
    g.add((s, SH.targetClass, URIRef("http://example.org/C")))
    g.add((s, SH.closed, Literal(True)))
    with pytest.raises(Unsupported):
        compile_shapes(g)
