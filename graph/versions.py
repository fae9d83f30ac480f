"""Versions of what made a document's graph: the extraction rules and the shapes.

A document graph records both; ``marketgraph status`` lists the documents whose graph an older version made and
``marketgraph rebuild --stale`` re-extracts exactly those. A version is a short digest of the files that decide
the output, so any edit to a rule, a gazetteer entry, a mapping template or the code of the engine changes it.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .paths import ProjectPaths

RULE_CODE = ("extract", "segment.py", "doccontext.py", "issuer.py", "chrome.py", "mapper.py", "reason.py",
             "records.py", "gazetteer.py", "iris.py", "read", "yamlload.py")


def _digest(files: Iterable[Path], root: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(files):
        h.update(str(path.relative_to(root)).encode("utf-8") + b"\0")
        h.update(path.read_bytes() + b"\0")
    return h.hexdigest()[:16]


def _files(folder: Path, patterns: tuple[str, ...]) -> list[Path]:
    if folder.is_file():
        return [folder]
    if not folder.is_dir():
        return []
    return [p for pat in patterns for p in folder.rglob(pat) if "__pycache__" not in p.parts]


@dataclass(frozen=True)
class Versions:
    rules: str    # extraction: mappings/ and the engine's code
    shapes: str   # ontology and SHACL shapes

    @classmethod
    def of(cls, paths: ProjectPaths) -> "Versions":
        code_root = Path(__file__).resolve().parent
        rule_files = _files(paths.mappings, ("*.yaml", "*.yml", "*.tsv", "*.txt", "*.json"))
        for name in RULE_CODE:
            rule_files += _files(code_root / name, ("*.py",))
        shape_files = _files(paths.ontology, ("*.ttl",))
        rules = _digest(rule_files, paths.root if not rule_files else _common(rule_files))
        return cls(rules=rules, shapes=_digest(shape_files, paths.root))


def _common(files: list[Path]) -> Path:
    import os

    return Path(os.path.commonpath([str(p) for p in files]))
