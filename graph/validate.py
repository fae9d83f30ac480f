"""SHACL validation of a document's graph (pySHACL) with a typed report; loaders for shapes and ontology."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional, Union

from pyshacl import validate as shacl_validate
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Identifier

from .iris import PREFIXES
from .paths import ProjectPaths

Sources = Union[ProjectPaths, Path, Iterable[Path]]


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the node at fault, the property path, the constraint component, and what to do."""

    focus: Identifier
    path: Optional[Identifier]
    component: URIRef
    severity: URIRef
    message: str
    shape: Optional[Identifier] = None
    value: Optional[Identifier] = None

    def __str__(self) -> str:
        sev = str(self.severity).rsplit("#", 1)[-1]
        comp = str(self.component).rsplit("#", 1)[-1]
        return f"{sev}: {self.focus} {self.path or ''} [{comp}] {self.message}"


@dataclass
class ValidationReport:
    """``violations`` block publication (severity sh:Violation); ``warnings`` (sh:Warning, sh:Info) do not."""

    violations: list[Violation] = field(default_factory=list)
    warnings: list[Violation] = field(default_factory=list)
    text: str = ""

    @property
    def conforms(self) -> bool:
        return not self.violations

    @property
    def results(self) -> list[Violation]:
        return self.violations + self.warnings


def _files(sources: Sources, default_dir: str) -> list[Path]:
    if isinstance(sources, ProjectPaths):
        folder = sources.shapes if default_dir == "shapes" else sources.ontology
        return sorted(folder.glob("*.ttl"))
    if isinstance(sources, Path):
        return sorted(sources.glob("*.ttl")) if sources.is_dir() else [sources]
    return [Path(p) for p in sources]


def _load(files: list[Path]) -> Graph:
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    for f in files:
        g.parse(f, format="turtle")
    return g


def load_shapes(paths: Sources) -> Graph:
    """All shapes: ``ontology/shapes/*.ttl`` of a ProjectPaths, a folder, or a list of files."""
    return _load(_files(paths, "shapes"))


def load_ontology(paths: Sources) -> Graph:
    """All ontology modules: ``ontology/*.ttl`` of a ProjectPaths, a folder, or a list of files."""
    return _load(_files(paths, "ontology"))


def _one(g: Graph, s: Identifier, p: URIRef) -> Optional[Identifier]:
    return next(iter(g.objects(s, p)), None)


def parse_results(results: Graph) -> list[Violation]:
    out = []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        msgs = [str(m) for m in results.objects(r, SH.resultMessage)]
        out.append(Violation(
            focus=_one(results, r, SH.focusNode), path=_one(results, r, SH.resultPath),
            component=_one(results, r, SH.sourceConstraintComponent),
            severity=_one(results, r, SH.resultSeverity) or SH.Violation,
            message="; ".join(sorted(msgs)), shape=_one(results, r, SH.sourceShape),
            value=_one(results, r, SH.value)))
    out.sort(key=lambda v: (str(v.focus), str(v.path), str(v.component)))
    return out


def validate(data: Graph, shapes: Graph) -> ValidationReport:
    """Validate ``data`` (already materialised: types are not inferred here) against ``shapes``."""
    _conforms, results, text = shacl_validate(data, shacl_graph=shapes, inference="none", abort_on_first=False,
                                              allow_infos=True, allow_warnings=True, advanced=False)
    found = parse_results(results)
    return ValidationReport([v for v in found if v.severity == SH.Violation],
                            [v for v in found if v.severity != SH.Violation], text)
