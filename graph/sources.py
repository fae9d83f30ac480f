"""The source registry (sources/registry.yaml) and the source files it lists.

A source file is read as UTF-8 text exactly as stored (no newline or BOM normalisation), so every offset the
pipeline produces is a ``str`` index into the string ``read_source`` returns.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from .paths import ProjectPaths
from .yamlload import load_file


class RegistryError(ValueError):
    pass


@dataclass(frozen=True)
class SourceFile:
    """One registered source file; ``path`` is relative to ``sources/``."""

    path: str
    corpus: str
    sha256: str
    bundle: bool = False
    origin: Optional[str] = None
    publisher: Optional[str] = None
    year: Optional[int] = None   # publication year known from outside the text; used only when the text states none
    date: Optional[str] = None   # publication date (ISO) the file's container states (an HTML page's metadata):
                                 # used only when the text states none

    @property
    def name(self) -> str:
        return Path(self.path).name


def _entry(raw: dict[str, Any], i: int) -> SourceFile:
    missing = [k for k in ("path", "corpus", "sha256") if not raw.get(k)]
    if missing:
        raise RegistryError(f"registry entry #{i} lacks {', '.join(missing)}")
    return SourceFile(path=str(raw["path"]), corpus=str(raw["corpus"]), sha256=str(raw["sha256"]).lower(),
                      bundle=bool(raw.get("bundle", False)), origin=raw.get("origin"),
                      publisher=raw.get("publisher"),
                      year=int(raw["year"]) if raw.get("year") is not None else None)


def load_registry(paths: ProjectPaths) -> list[SourceFile]:
    """Every file listed in ``sources/registry.yaml``, in registry order. Duplicate paths are an error."""
    data = load_file(paths.registry) or {}
    files = [_entry(raw, i) for i, raw in enumerate(data.get("files") or [])]
    seen: set[str] = set()
    for f in files:
        if f.path in seen:
            raise RegistryError(f"registry lists {f.path} twice")
        seen.add(f.path)
    return files


def source_path(paths: ProjectPaths, rel: str) -> Path:
    """The file behind a registry path; refuses paths that leave ``sources/``."""
    root = paths.sources.resolve()
    full = (root / rel).resolve()
    if root not in full.parents:
        raise RegistryError(f"source path {rel!r} is outside {root}")
    return full


def read_source(paths: ProjectPaths, rel: str) -> str:
    """The UTF-8 text of ``sources/<rel>`` exactly as stored (``newline=''`` keeps CR/LF as they are)."""
    with source_path(paths, rel).open(encoding="utf-8", newline="") as fh:
        return fh.read()


def file_sha256(paths: ProjectPaths, rel: str) -> str:
    return hashlib.sha256(source_path(paths, rel).read_bytes()).hexdigest()


def verify(paths: ProjectPaths, source: SourceFile) -> None:
    """Raise when the bundled file is not byte for byte the registered one (offsets would be wrong)."""
    actual = file_sha256(paths, source.path)
    if actual != source.sha256:
        raise RegistryError(f"{source.path}: sha256 {actual} differs from the registry's {source.sha256}")
