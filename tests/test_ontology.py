"""The ontology: modules parse, HermiT finds it consistent with no unsatisfiable class, every term the mappings,
shapes, checks, queries and gazetteer use is declared; the materialiser's rules; the validator's report."""
from __future__ import annotations

import re
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SH

from marketgraph.graph.iris import MG, PROV, SCHEMA, SKOS, TIME, Iris
from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.reason import materialise, rules_from
from marketgraph.graph.records import Document, EntityRef, Evidence, Fact, Period
from marketgraph.graph.validate import Violation, load_ontology, load_shapes, validate

PATHS = ProjectPaths.default()
MODULES = sorted(PATHS.ontology.glob("*.ttl"))
MG_TERM = re.compile(r"\bmg:([A-Za-z][A-Za-z0-9_]*)")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology(PATHS)


def declared(ontology: Graph) -> set[str]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, OWL.NamedIndividual)
    return {str(s)[len(str(MG)):] for k in kinds for s in ontology.subjects(RDF.type, k) if str(s).startswith(str(MG))}


def test_expected_modules_exist():
    assert {p.stem for p in MODULES} == {"core", "organisations", "products", "markets", "metrics", "time"}


@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.stem)
def test_module_parses_alone_and_is_listed_in_readme(module):
    Graph().parse(module, format="turtle")
    assert f"`{module.name}`" in (PATHS.ontology / "README.md").read_text(encoding="utf-8")


def test_no_remote_imports_and_one_schema_namespace():
    for path in list(PATHS.ontology.rglob("*.ttl")) + list((PATHS.mappings / "rdf").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert "owl:imports" not in text, path
        assert "http://schema.org/" not in text, f"{path}: use https://schema.org/ only"
        assert "<<" not in text, f"{path}: no RDF-star"


def test_hermit_consistent_no_unsatisfiable_class(ontology):
    owlready2 = pytest.importorskip("owlready2")
    with tempfile.TemporaryDirectory() as tmp:
        nt = Path(tmp) / "ontology.nt"
        nt.write_bytes(ontology.serialize(format="nt", encoding="utf-8"))
        world = owlready2.World()
        onto = world.get_ontology(nt.as_uri()).load()
        with onto:  # raises OwlReadyInconsistentOntologyError if inconsistent
            owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        assert list(world.inconsistent_classes()) == []
        assert len(list(world.classes())) > 100


def test_every_mg_term_has_an_english_label_and_a_definition(ontology):
    for name in declared(ontology):
        labels = list(ontology.objects(MG[name], RDFS.label))
        assert labels and all(getattr(lab, "language", None) == "en" for lab in labels), f"mg:{name}: {labels}"
        defs = list(ontology.objects(MG[name], SKOS.definition))
        assert defs and all(d.language == "en" for d in defs), f"mg:{name} has no English skos:definition"


def test_every_declared_term_is_labelled_external_ones_too(ontology):
    """pyLODE and every other documentation tool needs a label on each declared term, ours or aligned."""
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, OWL.NamedIndividual)
    unlabelled = {str(s) for k in kinds for s in ontology.subjects(RDF.type, k)
                  if isinstance(s, URIRef) and (s, RDFS.label, None) not in ontology}
    assert unlabelled == set()


def test_header_has_licence_version_iri_and_creators(ontology):
    from rdflib.namespace import DCTERMS
    onto = URIRef("https://w3id.org/marketgraph/ontology")
    assert ontology.value(onto, OWL.versionIRI) and ontology.value(onto, DCTERMS.license)
    assert list(ontology.objects(onto, DCTERMS.creator))


def test_every_declared_term_is_used(ontology):
    """Each mg: term is used by a mapping, shape, check, named query, gazetteer entry or the mapping code."""
    used = set(_used_terms())
    code = " ".join(p.read_text(encoding="utf-8") for p in (PATHS.root / "graph").rglob("*.py"))
    used |= {t for t in declared(ontology) if f"MG.{t}" in code or f'"{t}"' in code}
    # a class other used terms specialise or are instances of (Device, Modality) is used through them
    while True:
        more = {str(o)[len(str(MG)):] for p in (RDFS.subClassOf, RDF.type, RDFS.domain, RDFS.range)
                for s, o in ontology.subject_objects(p)
                if str(o).startswith(str(MG)) and str(s)[len(str(MG)):] in used} - used
        if not more:
            break
        used |= more
    unused = {t for t in declared(ontology) if t not in used}
    assert unused == set()


def _used_terms() -> dict[str, set[str]]:
    used: dict[str, set[str]] = {}
    files = (list((PATHS.mappings / "rdf").glob("*.yaml")) + list(PATHS.shapes.glob("*.ttl"))
             + list((PATHS.ontology / "checks").glob("*.rq")) + list(PATHS.queries.glob("*.rq")))
    for path in files:
        for term in MG_TERM.findall(path.read_text(encoding="utf-8")):
            used.setdefault(term, set()).add(path.name)
    for path in PATHS.gazetteer.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for entry in data.get("entities") or []:
            for t in entry.get("types") or []:
                used.setdefault(t, set()).add(path.name)
            category = (entry.get("props") or {}).get("category")
            if category:
                used.setdefault(str(category), set()).add(path.name)
    # classes the extraction gives to what it discovers in text (a product's type from its category noun)
    for path in (PATHS.mappings / "patterns").glob("*.yaml"):
        for term in re.findall(r"\b(?:types?|class):\s*\[?([A-Z][A-Za-z]+(?:,\s*[A-Z][A-Za-z]+)*)",
                               path.read_text(encoding="utf-8")):
            for t in re.split(r",\s*", term):
                used.setdefault(t, set()).add(path.name)
    return used


def test_every_term_used_by_mappings_shapes_queries_and_gazetteer_is_declared(ontology):
    known = declared(ontology)
    missing = {t: sorted(files) for t, files in _used_terms().items() if t not in known}
    assert missing == {}


def test_every_fact_class_has_a_shape(ontology):
    shapes = load_shapes(PATHS)
    targets = set(shapes.objects(None, SH.targetClass))
    fact_classes = {s for s in ontology.subjects(RDFS.subClassOf, MG.Fact)} | {MG.Fact}
    assert fact_classes - targets == set()


# ------------------------------------------------------------------------------------------ reasoning

EX = "http://example.org/"


def test_subclass_subproperty_transitive_inverse(ontology):
    g = Graph()
    poland, europe, world = URIRef(EX + "poland"), URIRef(EX + "europe"), URIRef(EX + "world")
    g.add((poland, MG.partOf, europe))
    g.add((europe, MG.partOf, world))
    phone, fact = URIRef(EX + "phone"), URIRef(EX + "f")
    g.add((phone, RDF.type, MG.ConceptPhone))
    g.add((fact, RDF.type, MG.Role))
    g.add((fact, MG.roleIn, URIRef(EX + "acme")))
    g.add((fact, MG.source, URIRef(EX + "research")))
    out = materialise(g, ontology)
    assert (poland, MG.partOf, world) in out
    assert (world, MG.hasPart, poland) in out
    for cls in (MG.Smartphone, MG.Product, SCHEMA.Product):
        assert (phone, RDF.type, cls) in out
    for cls in (MG.Fact, PROV.Entity, SCHEMA.OrganizationRole):
        assert (fact, RDF.type, cls) in out
    assert (fact, MG.object, URIRef(EX + "acme")) in out
    assert (fact, PROV.wasAttributedTo, URIRef(EX + "research")) in out
    assert (poland, MG.partOf, poland) not in out
    assert len(g) == 6, "materialise must not change its input"
    assert len(materialise(out, ontology)) == len(out), "a second pass adds nothing"


def test_periods_get_owl_time_types(ontology):
    g = Graph()
    q, inst = URIRef(EX + "q"), URIRef(EX + "i")
    g.add((q, RDF.type, MG.Quarter))
    g.add((inst, RDF.type, MG.PointInTime))
    out = materialise(g, ontology)
    assert (q, RDF.type, TIME.ProperInterval) in out and (q, RDF.type, TIME.TemporalEntity) in out
    assert (inst, RDF.type, TIME.Instant) in out


def test_rules_read_from_the_ontology(ontology):
    rules = rules_from(ontology)
    assert MG.partOf in rules.transitive
    assert MG.object in rules.superproperties[MG.launchedProduct]
    assert SKOS.Concept in rules.superclasses[MG.Metric]


def _big_document(n: int) -> tuple[Document, list[Fact]]:
    corp = EntityRef("acme", "organisation", "Acme", ("Company",))
    q = Period("2030-Q1", "quarter")
    doc = Document("acme-doc", "test/x.txt", 0, 100000, "Acme results", "results_release", "2030-05-01",
                   issuer=corp, period=q)
    facts = []
    for i in range(n):
        region = EntityRef(f"region-{i % 20}", "market", f"Region {i % 20}", ("Country",))
        quote = f"quote number {i}"
        facts.append(Fact("metric" if i % 2 else "change", doc.doc_id, corp, Evidence("test/x.txt", i * 20,
                          i * 20 + len(quote), quote), metric="revenue", value=Decimal(i) / 4,
                          unit="CNY" if i % 2 else "percent", period=q, market=region))
    return doc, facts


def test_materialise_grows_linearly_and_a_big_document_conforms(ontology):
    """Work, not seconds (speed is measured in benchmarks/): the entailments of a document grow in proportion to
    its facts, and a 300-fact document conforms after materialisation."""
    from marketgraph.graph.gazetteer import Gazetteer
    from marketgraph.graph.mapper import map_document

    sizes = {}
    for n in (150, 300):
        doc, facts = _big_document(n)
        g = map_document(doc, facts, Gazetteer({}, {}), Iris("http://example.org/mg"))
        m = materialise(g, ontology)
        sizes[n] = (len(g), len(m) - len(g))
    (g1, added1), (g2, added2) = sizes[150], sizes[300]
    assert 1.8 < added2 / added1 < 2.2 and 1.8 < g2 / g1 < 2.2, sizes
    report = validate(m, load_shapes(PATHS))
    assert report.conforms, [str(v) for v in report.violations[:5]]


# ------------------------------------------------------------------------------------------ validation report


def test_report_is_typed_and_splits_warnings(ontology):
    g = Graph()
    f = URIRef(EX + "f")
    g.add((f, RDF.type, MG.Observation))
    g.add((f, RDFS.label, Literal("a fact")))
    g.add((f, MG.factKind, Literal("metric")))
    report = validate(materialise(g, ontology), load_shapes(PATHS))
    assert not report.conforms
    assert all(isinstance(v, Violation) and v.focus == f and v.message for v in report.results)
    paths = {v.path for v in report.violations}
    assert {MG.subject, MG.evidence, PROV.wasDerivedFrom, MG.metric} <= paths
    assert any(v.path is None and v.component == SH.OrConstraintComponent for v in report.violations)  # no value
    assert [(v.path, v.severity) for v in report.warnings] == [(MG.period, SH.Warning)]
