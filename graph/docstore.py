"""The store's document area: originals, normalised texts, read metadata and extraction records, content-addressed.

Layout under ``<store>.documents/``::

    originals/<sha256>          the bytes as added (sha256 of these bytes)
    texts/<sha256>.txt          the normalised text the evidence offsets index (UTF-8, exactly as extracted)
    reads/<sha256>.json         media type, title, container metadata, offset map and PDF pages
    records/<key>.pickle        the extraction of one source with one set of metadata by one version of the rules
    graphs/<key>.pickle         each of those documents' own named graph (N-Triples)
    shared/<key>.nt             the part of those documents' graphs that several documents share (periods, …)

Every file is written atomically and named by its content or by the digest of what made it, so the same content
added twice is stored once and a crash leaves at most a stray temporary file (removed by :meth:`clean`).
Nothing here is ever changed in place; a record no generation refers to is removed by :meth:`collect`.

For the pages: a document's ``source_file`` (in its graph, ``mg:path`` of its ``mg:sourceFile``) is
``documents/<sha256>.txt`` for an added file; :meth:`DocumentArea.source_text` returns that text,
:meth:`original` the file as added, and :meth:`page_at` the PDF page of an offset.
"""
from __future__ import annotations

import json
import pickle
import re
from dataclasses import asdict
from pathlib import Path
from typing import Any, Iterable, Optional

from .catalog import write_atomic
from .read.model import OffsetMap, Page, SourceText

SOURCE_PREFIX = "documents/"
SHA = re.compile(r"[0-9a-f]{64}")


def area_for(store: Path) -> Path:
    return store.with_name(store.name + ".documents")


def source_file_for(sha: str) -> str:
    """The ``source_file`` of documents read from an added file (what evidence and pages name)."""
    return f"{SOURCE_PREFIX}{sha}.txt"


def sha_of_source_file(source_file: str) -> Optional[str]:
    if not source_file.startswith(SOURCE_PREFIX):
        return None
    sha = source_file[len(SOURCE_PREFIX):].removesuffix(".txt")
    return sha if SHA.fullmatch(sha) else None


class DocumentArea:
    def __init__(self, root: Path):
        self.root = root

    @classmethod
    def for_store(cls, store: Path) -> "DocumentArea":
        return cls(area_for(store))

    def _dir(self, name: str) -> Path:
        d = self.root / name
        d.mkdir(parents=True, exist_ok=True)
        return d

    # ------------------------------------------------------------------ originals and texts

    def put_source(self, data: bytes, source: SourceText) -> None:
        """Keep the original bytes, the normalised text and how one maps to the other."""
        sha = source.sha256
        orig = self._dir("originals") / sha
        if not orig.exists():
            write_atomic(orig, data)
        text = self._dir("texts") / f"{sha}.txt"
        if not text.exists():
            write_atomic(text, source.text.encode("utf-8"))
        read = self._dir("reads") / f"{sha}.json"
        if not read.exists():
            info = {"media_type": source.media_type, "title": source.title, "meta": dict(source.meta),
                    "offsets": [list(r) for r in source.offsets.runs], "pages": [asdict(p) for p in source.pages]}
            write_atomic(read, json.dumps(info, ensure_ascii=False).encode("utf-8"))

    def has_source(self, sha: str) -> bool:
        return (self.root / "texts" / f"{sha}.txt").is_file() and (self.root / "reads" / f"{sha}.json").is_file()

    def text(self, sha: str) -> str:
        with open(self.root / "texts" / f"{sha}.txt", encoding="utf-8", newline="") as fh:
            return fh.read()

    def source(self, sha: str) -> SourceText:
        """The stored read of a source (the normalised text with its offset map and pages)."""
        info = json.loads((self.root / "reads" / f"{sha}.json").read_text(encoding="utf-8"))
        return SourceText(self.text(sha), info["media_type"], sha,
                          OffsetMap(tuple(tuple(r) for r in info["offsets"])),
                          pages=tuple(Page(**p) for p in info["pages"]), title=info.get("title"),
                          meta=info.get("meta") or {})

    def source_text(self, source_file: str) -> Optional[str]:
        """The normalised text behind a document's ``source_file``, None when it is not an added file."""
        sha = sha_of_source_file(source_file)
        if sha is None or not (self.root / "texts" / f"{sha}.txt").is_file():
            return None
        return self.text(sha)

    def original(self, sha: str) -> Optional[Path]:
        p = self.root / "originals" / sha
        return p if SHA.fullmatch(sha) and p.is_file() else None

    def page_at(self, source_file: str, offset: int) -> Optional[int]:
        sha = sha_of_source_file(source_file)
        if sha is None or not (self.root / "reads" / f"{sha}.json").is_file():
            return None
        return self.source(sha).page_at(offset)

    # ------------------------------------------------------------------ extraction records

    def put_record(self, key: str, record: Any, graphs: dict[str, bytes], shared_nt: bytes) -> None:
        """Keep one source's extraction: ``record`` (facts and verdicts), each document's own graph as N-Triples,
        and the union of the shared parts of its publishable documents."""
        write_atomic(self._dir("graphs") / f"{key}.pickle", pickle.dumps(graphs, protocol=pickle.HIGHEST_PROTOCOL))
        write_atomic(self._dir("shared") / f"{key}.nt", shared_nt)
        write_atomic(self._dir("records") / f"{key}.pickle", pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))

    def has_record(self, key: str) -> bool:
        return all((self.root / d / f"{key}{x}").is_file()
                   for d, x in (("records", ".pickle"), ("shared", ".nt"), ("graphs", ".pickle")))

    def graphs(self, key: str) -> dict[str, bytes]:
        with open(self.root / "graphs" / f"{key}.pickle", "rb") as fh:
            return pickle.load(fh)

    def record(self, key: str) -> Any:
        """The stored extraction record (written by this package: a pickle of its own dataclasses)."""
        with open(self.root / "records" / f"{key}.pickle", "rb") as fh:
            return pickle.load(fh)

    def shared_nt(self, key: str) -> bytes:
        return (self.root / "shared" / f"{key}.nt").read_bytes()

    # ------------------------------------------------------------------ housekeeping

    def clean(self) -> None:
        """Remove temporary files a killed writer left behind (call while holding the writer lock)."""
        if not self.root.is_dir():
            return
        for p in self.root.rglob(".*.tmp-*"):
            p.unlink(missing_ok=True)

    def collect(self, keep_records: Iterable[str], keep_sources: Iterable[str]) -> int:
        """Remove records and sources no kept catalogue refers to; returns how many files went."""
        records, sources = set(keep_records), set(keep_sources)
        gone = 0
        for folder, suffix, keep in (("records", ".pickle", records), ("shared", ".nt", records),
                                     ("graphs", ".pickle", records),
                                     ("texts", ".txt", sources), ("reads", ".json", sources),
                                     ("originals", "", sources)):
            d = self.root / folder
            if not d.is_dir():
                continue
            for p in d.iterdir():
                stem = p.name[: len(p.name) - len(suffix)] if suffix and p.name.endswith(suffix) else p.name
                if stem not in keep and not p.name.startswith("."):
                    p.unlink(missing_ok=True)
                    gone += 1
        return gone
