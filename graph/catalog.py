"""The catalogue of one store generation: which source files it holds and the documents read from them.

It is written next to the generation (``<generation>.json``) before the generation is published, so the
catalogue and the graph always describe the same state: the served generation *is* the truth, and a crash
between two publishes can leave nothing inconsistent behind.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

FORMAT = 1


@dataclass
class SourceEntry:
    """One added file, by the sha256 of its original bytes."""

    sha256: str
    name: str                 # file name as given
    origin: str               # where it came from (absolute path, "stdin", "upload:<name>", "sources/<path>")
    media_type: str
    meta: dict[str, str] = field(default_factory=dict)   # metadata given by flags or a sidecar
    corpus: Optional[str] = None                         # bundled corpus name, None for a user's file
    added: str = ""           # ISO timestamp
    size: int = 0


@dataclass
class DocEntry:
    """One document read from a source (a file may bundle several)."""

    doc_id: str
    source: str               # SourceEntry.sha256
    title: str
    date: Optional[str]
    genre: str
    facts: int
    unresolved: int
    status: str               # "published" | "rejected"
    rules: str
    shapes: str
    record: str               # key of the extraction record in the document area
    reason: str = ""          # why it was rejected
    url: Optional[str] = None
    triples: int = 0


@dataclass
class Catalog:
    sources: dict[str, SourceEntry] = field(default_factory=dict)
    documents: dict[str, DocEntry] = field(default_factory=dict)
    rules: str = ""
    shapes: str = ""
    graphs: dict[str, int] = field(default_factory=dict)   # triples of the cross-document graphs, by name
    # the home page's counts over the published documents (graph/headlines.py); None in a catalogue made before
    headlines: Optional[dict[str, Any]] = None
    # the lookup index's records file beside the generation (graph/lookupdata.py): its format, size and SHA-256
    lookup: Optional[dict[str, Any]] = None

    @property
    def triples(self) -> int:
        return sum(d.triples for d in self.published()) + sum(self.graphs.values())

    def published(self) -> list[DocEntry]:
        return [d for d in self.documents.values() if d.status == "published"]

    def documents_of(self, sha: str) -> list[DocEntry]:
        return [d for d in self.documents.values() if d.source == sha]

    def source_by_origin(self, origin: str) -> Optional[SourceEntry]:
        return next((s for s in self.sources.values() if s.origin == origin), None)

    def to_json(self) -> str:
        data: dict[str, Any] = {"format": FORMAT, "rules": self.rules, "shapes": self.shapes,
                                "graphs": self.graphs, "headlines": self.headlines,
                                "lookup": self.lookup,
                                # the entries' fields are plain JSON values: their own __dict__ serialises as
                                # asdict() would, without its deep copy (twice per add, ~0.02 s at 1,000 documents)
                                "sources": [vars(s) for s in self.sources.values()],
                                "documents": [vars(d) for d in self.documents.values()]}
        # one line: with an indent, json falls back to its pure-Python encoder (~0.1 s per add at 1,000 documents)
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> "Catalog":
        data = json.loads(text)
        if data.get("format") != FORMAT:
            raise ValueError(f"catalogue format {data.get('format')!r} is not {FORMAT}")
        cat = cls(rules=data.get("rules", ""), shapes=data.get("shapes", ""),
                  graphs=dict(data.get("graphs") or {}), headlines=data.get("headlines"), lookup=data.get("lookup"))
        for s in data.get("sources", []):
            cat.sources[s["sha256"]] = SourceEntry(**s)
        for d in data.get("documents", []):
            cat.documents[d["doc_id"]] = DocEntry(**d)
        return cat

    def copy(self) -> "Catalog":
        return Catalog.from_json(self.to_json())


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file so that a crash leaves the old content or the new, never a torn file."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def load_catalog(path: Path) -> Optional[Catalog]:
    """The catalogue at ``path``; None when there is none; ValueError when it is unreadable."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as err:
        raise ValueError(f"{path}: {err.strerror}") from None
    try:
        return Catalog.from_json(text)
    except (ValueError, KeyError, TypeError) as err:
        raise ValueError(f"{path}: damaged catalogue ({err})") from None
