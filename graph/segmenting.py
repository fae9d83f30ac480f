"""A file's documents: the segmenter (graph/segment.py) run with its rules compiled once per process, and the
metadata a user gave (flags, sidecar, the file's own) laid over what the text says (graph/metadata.py gives the
precedence). Used by graph/ingest.py, in this process or in the pool's workers (graph/docpipeline.py)."""
from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from .docstore import source_file_for
from .inputs import Input
from .metadata import Meta
from .read import SourceText
from .records import Document, EntityRef
from .settings import Settings
from .versions import Versions


@dataclass
class Prepared:
    """An input read (and, for a bundled file, already segmented)."""

    input: Input
    source: SourceText
    docs: Optional[list[Document]] = None


def _issuer(settings: Settings, name: str, versions: Versions) -> EntityRef:
    from .iris import slugify
    from .resources import knowledge

    gz = knowledge(settings.paths, versions).gazetteer
    low = name.casefold()
    for e in gz.entities.values():
        if e.kind == "organisation" and (e.label.casefold() == low or low in (a.casefold() for a in e.aliases)):
            return e.ref()
    return EntityRef(slugify(name), "organisation", name, ("Organization",))


def _documents_for_file(settings: Settings, versions: Versions, path: Path, text: str,
                        **given: Optional[str]) -> list[Document]:
    """``segment.documents_for_file`` with the segmentation rules compiled once per process (it compiles them, and
    loads the gazetteer, on every call): the same source entry, the same overrides."""
    from .knowledgecache import KnowledgeCache
    from .resources import segmentation_rules
    from .segment import segment
    from .sources import SourceFile

    paths = settings.paths
    try:
        rel = str(path.resolve().relative_to(paths.sources.resolve()))
    except ValueError:
        rel = path.name
    source = SourceFile(path=rel, corpus="adhoc", sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
                        publisher=given.get("publisher"), date=given.get("container_date"))
    docs = segment(source, text, segmentation_rules(paths, versions, KnowledgeCache.of(settings, versions)))
    overrides = {k: v for k, v in given.items() if v is not None and k != "container_date"}
    return [dataclasses.replace(d, **overrides) for d in docs] if overrides else docs


def segment_user_file(settings: Settings, p: Prepared, versions: Optional[Versions] = None) -> list[Document]:
    """Documents of an added file: the segmenter reads the text; flags, sidecar and the file's own metadata
    override or fill in (graph/metadata.py gives the precedence)."""
    src, meta = p.source, p.input.meta
    container = container_metadata(src)
    versions = versions or Versions.of(settings.paths)
    docs = _documents_for_file(settings, versions, Path(p.input.name), src.text,
                               genre=meta.genre, date=meta.date, container_date=container.date,
                               title=meta.title or container.title,
                               publisher=meta.publisher or container.publisher)
    extra: dict = {"source_file": source_file_for(src.sha256), "corpus": p.input.corpus or "user"}
    if meta.issuer:
        extra["issuer"] = _issuer(settings, meta.issuer, versions)
    return [dataclasses.replace(d, **extra) for d in docs]


def container_metadata(src: "SourceText") -> Meta:
    """What the file's container says of the document (an HTML page's title and publication date, a PDF's
    title): it fills in what the text does not -- for ``add`` and ``marketgraph eval`` alike."""
    return Meta(title=src.title if src.media_type != "text/plain" else None, date=_iso_date(src.meta.get("date")),
                publisher=src.meta.get("publisher"))


def _iso_date(value: Optional[str]) -> Optional[str]:
    from .metadata import DATE

    return value if value and DATE.fullmatch(value) else None


