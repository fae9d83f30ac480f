"""Where the project's data folders are. The one place that knows; nothing reads the current directory."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


def project_root() -> Path:
    """The checkout this package was installed from (``pip install -e .``)."""
    return Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class ProjectPaths:
    root: Path

    @classmethod
    def default(cls) -> "ProjectPaths":
        return cls(project_root())

    @property
    def ontology(self) -> Path:
        return self.root / "ontology"

    @property
    def shapes(self) -> Path:
        return self.root / "ontology" / "shapes"

    @property
    def mappings(self) -> Path:
        return self.root / "mappings"

    @property
    def gazetteer(self) -> Path:
        return self.root / "mappings" / "gazetteer"

    @property
    def queries(self) -> Path:
        return self.root / "queries"

    @property
    def sources(self) -> Path:
        return self.root / "sources"

    @property
    def registry(self) -> Path:
        return self.root / "sources" / "registry.yaml"

    @property
    def var(self) -> Path:
        return self.root / "var"

    @property
    def templates(self) -> Path:
        return self.root / "api" / "templates"

    @property
    def static(self) -> Path:
        return self.root / "api" / "static"
