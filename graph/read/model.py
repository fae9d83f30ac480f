"""Typed records of the read stage (see ``graph/read/__init__.py``)."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Mapping, Optional


class ReadError(ValueError):
    """A file that cannot be read as a document; ``str(err)`` is one line a user can act on."""


@dataclass(frozen=True)
class OffsetMap:
    """Normalised-text positions -> original positions, as runs ``(norm_start, orig_start, length)`` sorted by
    ``norm_start``: characters ``norm_start .. norm_start+length`` of the normalised text are characters
    ``orig_start ..`` of the original. A position between runs maps to the end of the run before it."""

    runs: tuple[tuple[int, int, int], ...] = ()

    @classmethod
    def identity(cls, length: int) -> "OffsetMap":
        return cls(((0, 0, length),)) if length else cls(())

    def to_original(self, pos: int) -> int:
        if not self.runs:
            return pos
        i = bisect.bisect_right([r[0] for r in self.runs], pos) - 1
        if i < 0:
            return self.runs[0][1]
        n0, o0, length = self.runs[i]
        return o0 + min(pos - n0, length)


@dataclass(frozen=True)
class Page:
    """A page of a paginated original (PDF): its 1-based number and its span in the normalised text."""

    number: int
    start: int
    end: int


@dataclass(frozen=True)
class SourceText:
    """A file read as one normalised text.

    ``media_type`` is the original's (``text/plain``, ``text/markdown``, ``text/html``, ``application/pdf``);
    ``sha256`` is of the original bytes; ``title`` and ``meta`` hold what the container says about the document
    (HTML ``<title>``/``og:*``/``article:published_time``, PDF metadata): keys ``url``, ``date`` (ISO, the
    page's publication date), ``publisher``, ``author``, ``created`` (ISO, the day a PDF file was made: not the
    document's date)."""

    text: str
    media_type: str
    sha256: str
    offsets: OffsetMap
    pages: tuple[Page, ...] = ()
    title: Optional[str] = None
    meta: Mapping[str, str] = field(default_factory=dict)

    def page_at(self, pos: int) -> Optional[int]:
        """The page number holding normalised position ``pos`` (None for unpaginated originals)."""
        for p in self.pages:
            if p.start <= pos < p.end:
                return p.number
        return None
