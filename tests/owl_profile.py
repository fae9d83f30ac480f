"""OWL 2 DL checks for the ontology and the data: the OWL API's OWL2DLProfile (run from the HermiT.jar that
owlready2 ships, with Java's source launcher) and the OWL 2 datatype map, which that OWL API version does not check."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from rdflib import OWL, RDF, Graph, Literal

RDFNS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"
# OWL 2 Structural Specification, section 4 (datatype maps); rdf:langString for language-tagged strings
DATATYPE_MAP = {RDFNS + "PlainLiteral", RDFNS + "XMLLiteral", RDFNS + "langString",
                "http://www.w3.org/2000/01/rdf-schema#Literal", str(OWL) + "real", str(OWL) + "rational"} | {
    XSD + t for t in ("decimal", "integer", "nonNegativeInteger", "nonPositiveInteger", "positiveInteger",
                      "negativeInteger", "long", "int", "short", "byte", "unsignedLong", "unsignedInt",
                      "unsignedShort", "unsignedByte", "double", "float", "string", "normalizedString", "token",
                      "language", "Name", "NCName", "NMTOKEN", "boolean", "hexBinary", "base64Binary", "anyURI",
                      "dateTime", "dateTimeStamp")}
JAVA_SOURCE = Path(__file__).parent / "owl" / "DLProfileCheck.java"


def hermit_jar() -> Path:
    import owlready2

    return Path(owlready2.__file__).parent / "hermit" / "HermiT.jar"


def dl_profile_violations(graph: Graph, workdir: Path) -> list[str]:
    """The OWL API's OWL 2 DL profile violations of ``graph`` (written as RDF/XML)."""
    java = shutil.which("java")
    if java is None:
        raise RuntimeError("java is not installed")
    path = workdir / "ontology-and-data.owl"
    graph.serialize(path, format="xml")
    out = subprocess.run([java, "-cp", str(hermit_jar()), str(JAVA_SOURCE), str(path)], capture_output=True,
                         text=True, timeout=300)
    lines = out.stdout.splitlines()
    if out.returncode != 0 or not lines or not lines[-1].startswith("IN_PROFILE\t"):
        raise RuntimeError(f"profile check failed ({out.returncode}): {out.stderr[-2000:]}")
    return [line for line in lines if line.startswith("VIOLATION\t")]


def datatype_map_violations(graph: Graph) -> list[str]:
    """Literals of data property assertions whose datatype is outside the OWL 2 datatype map."""
    data_props = set(graph.subjects(RDF.type, OWL.DatatypeProperty))
    out = []
    for s, p, o in graph:
        if p in data_props and isinstance(o, Literal) and o.datatype is not None and str(o.datatype) not in DATATYPE_MAP:
            out.append(f"{p} {o.datatype} on {s}")
    return out


def undeclared_predicates(graph: Graph) -> set[str]:
    """Predicates of the data that the ontology declares as no kind of property (OWL DL needs a declaration)."""
    kinds = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    declared = {s for k in kinds for s in graph.subjects(RDF.type, k)}
    builtin = {RDF.type}
    return {str(p) for p in set(graph.predicates()) - declared - builtin
            if not str(p).startswith((str(OWL), "http://www.w3.org/2000/01/rdf-schema#", RDFNS))}
