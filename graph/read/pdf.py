"""PDF -> the text layer of every page as one normalised text, with page numbers and an offset map.

pypdf (maintained, pure Python) reads each page's text layer. The normalised text is the pages' texts joined by a
blank line; ``SourceText.pages`` gives each page's span, so a quote's page is ``source.page_at(start)``. The
original positions of the offset map index the concatenation of the pages' text layers as pypdf returns them
(page after page, nothing between), which is what a page link needs: the page and the place on it.

Refused with one line each: encrypted PDFs that need a password, PDFs without a text layer (scanned images),
and files pypdf cannot parse.
"""
from __future__ import annotations

import hashlib
import io
import logging
from typing import Optional

from .model import OffsetMap, Page, ReadError, SourceText

PAGE_BREAK = "\n\n"


def _open(data: bytes, name: str):
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception:
                ok = 0
            if not ok:
                raise ReadError(f"{name}: encrypted PDF (a password is needed to read it)")
        return reader
    except ReadError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError) as err:
        raise ReadError(f"{name}: not a readable PDF ({type(err).__name__})") from None


def _page_texts(reader, name: str) -> list[str]:
    texts = []
    for page in reader.pages:
        try:
            t = page.extract_text() or ""
        except Exception as err:   # a broken content stream: that page is skipped, not the file
            logging.getLogger(__name__).warning("%s: a page could not be read (%s)", name, type(err).__name__)
            t = ""
        texts.append(t.replace("\x00", ""))
    return texts


def _meta(reader) -> tuple[Optional[str], dict[str, str]]:
    try:
        info = reader.metadata or {}
    except Exception:
        return None, {}
    title = str(info.get("/Title") or "").strip() or None
    meta: dict[str, str] = {}
    author = str(info.get("/Author") or "").strip()
    if author:
        meta["author"] = author
    created = str(info.get("/CreationDate") or "")
    if created.startswith("D:") and len(created) >= 10 and created[2:10].isdigit():
        meta["date"] = f"{created[2:6]}-{created[6:8]}-{created[8:10]}"
    return title, meta


def read_pdf(data: bytes, name: str) -> SourceText:
    reader = _open(data, name)
    texts = _page_texts(reader, name)
    if not any(t.strip() for t in texts):
        raise ReadError(f"{name}: the PDF has no text layer (a scanned image?); run OCR on it first")
    parts: list[str] = []
    pages: list[Page] = []
    runs: list[tuple[int, int, int]] = []
    norm = orig = 0
    for number, text in enumerate(texts, start=1):
        if parts:
            parts.append(PAGE_BREAK)
            norm += len(PAGE_BREAK)
        if text:
            runs.append((norm, orig, len(text)))
        parts.append(text)
        pages.append(Page(number, norm, norm + len(text)))
        norm += len(text)
        orig += len(text)
    title, meta = _meta(reader)
    return SourceText("".join(parts), "application/pdf", hashlib.sha256(data).hexdigest(), OffsetMap(tuple(runs)),
                      pages=tuple(pages), title=title, meta=meta)
