"""SHACL shapes as data: every shape has a folder tests/shapes/<Shape>/ with a conforming fixture and one or more
violating fixtures; expected.yaml names, per violating file, the results (focus, path, component, severity).

Each fixture is read together with tests/shapes/_context.ttl (and _evidence.ttl when it describes ex:fact),
materialised with the ontology (as the build does), and validated against ALL shapes.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import SH

from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.reason import materialise
from marketgraph.graph.validate import load_ontology, load_shapes, validate

HERE = Path(__file__).parent / "shapes"
MGSH = "https://w3id.org/marketgraph/shapes#"
PREFIXES = {
    "ex": "http://example.org/", "mg": "https://w3id.org/marketgraph/ontology#", "sh": str(SH),
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "oa": "http://www.w3.org/ns/oa#",
    "prov": "http://www.w3.org/ns/prov#", "schema": "https://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
}
SHAPE_DIRS = sorted(p for p in HERE.iterdir() if p.is_dir() and not p.name.startswith("_"))


def expand(curie: str | None):
    """A CURIE; ``^mg:p`` is the inverse path of mg:p (compared by its sh:inversePath)."""
    if curie is None:
        return None
    if curie.startswith("^"):
        return ("inverse", expand(curie[1:]))
    prefix, _, local = curie.partition(":")
    return URIRef(PREFIXES[prefix] + local)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology(ProjectPaths.default())


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes(ProjectPaths.default())


def fixture_graph(path: Path, ontology: Graph) -> Graph:
    g = Graph()
    g.parse(HERE / "_context.ttl")
    text = path.read_text(encoding="utf-8")
    if "ex:fact " in text:
        g.parse(HERE / "_evidence.ttl")
    g.parse(data=text, format="turtle")
    return materialise(g, ontology)


def results(path: Path, ontology: Graph, shapes: Graph) -> set[tuple]:
    report = validate(fixture_graph(path, ontology), shapes)
    return {(v.focus, _path(v.path, shapes), v.component, v.severity) for v in report.results}


def _path(path, shapes: Graph):
    inverse = shapes.value(path, SH.inversePath) if path is not None and not isinstance(path, URIRef) else None
    return ("inverse", inverse) if inverse is not None else path


def test_context_alone_conforms(ontology, shapes):
    g = Graph()
    g.parse(HERE / "_context.ttl")
    report = validate(materialise(g, ontology), shapes)
    assert report.results == [], [str(v) for v in report.results]


def test_every_shape_has_a_fixture_folder(shapes):
    named = {str(s)[len(MGSH):] for s in shapes.subjects(RDF.type, SH.NodeShape)
             if isinstance(s, URIRef) and (s, SH.targetClass, None) in shapes}
    folders = {p.name for p in SHAPE_DIRS}
    assert named == folders


@pytest.mark.parametrize("folder", SHAPE_DIRS, ids=lambda p: p.name)
def test_conforming(folder, ontology, shapes):
    files = sorted(folder.glob("conforming*.ttl"))
    assert (folder / "conforming.ttl") in files
    for path in files:   # conforming.ttl, and conforming-<case>.ttl for optional fields a shape allows
        found = results(path, ontology, shapes)
        assert found == set(), (path.name, sorted(map(str, found)))


VIOLATING = [f for d in SHAPE_DIRS for f in sorted(d.glob("violating*.ttl"))]


def expected_for(path: Path) -> list[dict]:
    expected = yaml.safe_load((path.parent / "expected.yaml").read_text(encoding="utf-8")) or {}
    assert path.name in expected, f"{path.parent.name}/expected.yaml lacks {path.name}"
    return expected[path.name]


@pytest.mark.parametrize("folder", SHAPE_DIRS, ids=lambda p: p.name)
def test_every_shape_has_violating_fixtures_with_expectations(folder):
    files = {f.name for f in folder.glob("violating*.ttl")}
    expected = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8")) or {}
    assert files and set(expected) == files


@pytest.mark.parametrize("path", VIOLATING, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_violating(path, ontology, shapes):
    want = {(expand(e["focus"]), expand(e.get("path")), expand(e["component"]),
             expand(e.get("severity", "sh:Violation"))) for e in expected_for(path)}
    assert results(path, ontology, shapes) == want


def test_messages_are_actionable(shapes):
    """Every constraint carries a message; messages are sentences, not codes."""
    constrained = set()
    for s, p, _ in shapes:
        if p in (SH.minCount, SH.maxCount, SH.datatype, SH["class"], SH["in"], SH.pattern, SH.minInclusive,
                 SH.maxInclusive, SH.lessThan, SH.lessThanOrEquals, SH.hasValue, SH.nodeKind, SH["or"],
                 SH.minLength, SH.disjoint, SH.node, SH.qualifiedValueShape):
            constrained.add(s)
    # value shapes inside sh:or / sh:qualifiedValueShape report through their parent's message
    inner = {o for o in shapes.objects(None, SH.qualifiedValueShape)} | set(shapes.objects(None, SH["not"]))
    for lst in shapes.objects(None, SH["or"]):
        inner.update(shapes.items(lst))
    for s in constrained - inner:
        msgs = list(shapes.objects(s, SH.message))
        assert msgs, f"constraint {s} has no sh:message"
        assert all(len(str(m).split()) >= 6 for m in msgs), msgs
