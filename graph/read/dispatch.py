"""Choose a reader by media type (from the file name, else sniffed from the bytes) and run it."""
from __future__ import annotations

import dataclasses
import hashlib
import re
from pathlib import Path
from typing import Optional

from .model import OffsetMap, ReadError, SourceText

MEDIA_TYPES = {".txt": "text/plain", ".text": "text/plain", ".md": "text/markdown", ".markdown": "text/markdown",
               ".html": "text/html", ".htm": "text/html", ".pdf": "application/pdf"}


def media_type_for(name: str, data: bytes = b"") -> Optional[str]:
    """The media type of a file by its suffix, else by its first bytes; None when unsupported."""
    mt = MEDIA_TYPES.get(Path(name).suffix.lower())
    if mt:
        return mt
    head = data[:512].lstrip().lower()
    if head.startswith(b"%pdf"):
        return "application/pdf"
    if head.startswith((b"<!doctype html", b"<html")):
        return "text/html"
    return None


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 (a BOM is dropped), else a clear ``ReadError``; binary content is refused."""
    if b"\x00" in data[:8192]:
        raise ReadError(f"{name}: binary content, not a text document")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ReadError(f"{name}: not valid UTF-8 (byte {err.start}); save it as UTF-8 text") from None
    return text[1:] if text.startswith("\ufeff") else text


def read_plain(data: bytes, name: str, media_type: str) -> SourceText:
    """A text or Markdown file as written, except its line ends: Windows' "\r\n" and old Macs' "\r" become
    "\n" (every rule reads lines by "\n"), and the offset map leads each character back to the file's."""
    text = decode_text(data, name)
    if not text.strip():
        raise ReadError(f"{name}: empty document")
    sha = hashlib.sha256(data).hexdigest()
    if "\r" not in text:
        return SourceText(text, media_type, sha, OffsetMap.identity(len(text)))
    parts: list[str] = []
    runs: list[tuple[int, int, int]] = []
    pos = norm = 0
    for m in re.finditer(r"\r\n?", text):
        keep = text[pos:m.start()] + "\n"          # the line's characters and one "\n" for its end
        runs.append((norm, pos, len(keep)))      # the "\n" maps to the "\r" that began the line end
        parts.append(keep)
        norm += len(keep)
        pos = m.end()
    if pos < len(text):
        runs.append((norm, pos, len(text) - pos))
        parts.append(text[pos:])
    return SourceText("".join(parts), media_type, sha, OffsetMap(tuple(runs)))


# no-break, figure, thin, narrow no-break, en and em spaces: typeset text puts them between a figure and its
# unit ("12.4\u00a0per cent", "US$\u202f276"); the rules read a space. One character for one: offsets hold.
_SPACES = str.maketrans({c: " " for c in "\u00a0\u2007\u2009\u202f\u2002\u2003\u2004\u2005\u2006\u2008\u205f"})


def read_bytes(data: bytes, *, name: str, media_type: Optional[str] = None) -> SourceText:
    """Read one file's bytes. Raises ``ReadError`` (one line) for anything that is not a readable document."""
    mt = media_type or media_type_for(name, data)
    if mt in ("text/plain", "text/markdown"):
        src = read_plain(data, name, mt)
    elif mt == "text/html":
        from .html import read_html
        src = read_html(data, name)
    elif mt == "application/pdf":
        from .pdf import read_pdf
        src = read_pdf(data, name)
    else:
        raise ReadError(f"{name}: unsupported file type (expected .txt, .md, .html, .htm or .pdf)")
    spaced = src.text.translate(_SPACES)
    return src if spaced == src.text else dataclasses.replace(src, text=spaced)


def read_path(path: Path) -> SourceText:
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        raise ReadError(f"{path}: {err.strerror or err}") from None
    return read_bytes(data, name=Path(path).name)
