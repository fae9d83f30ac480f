"""PDF -> the text layer of every page as one normalised text, with page numbers and an offset map.

pypdf (maintained, pure Python) reads each page's text layer, and reports where each line stands on the page. The
normalised text is laid out as the text the PDF was typeset from (see ``read_pdf``): a blank line where the page
leaves a vertical gap, a page's number left out, a paragraph running on to the next page one paragraph, the pages
otherwise joined by a blank line; ``SourceText.pages`` gives each page's span, so a quote's page is
``source.page_at(start)``. The original positions of the offset map index the concatenation of the pages' text
layers as pypdf returns them (page after page, nothing between), which is what a page link needs: the page and the
place on it.

Refused with one line each: encrypted PDFs that need a password, PDFs without a text layer (scanned images),
and files pypdf cannot parse.
"""
from __future__ import annotations

import hashlib
import io
import logging
import re
from dataclasses import dataclass
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


# a page's number on a line of its own at the page's top or foot: "7", "- 7 -", "Page 7", "7 of 12", "7/12"
PAGE_NUMBER = re.compile(r"^[ \t]*(?:[-–—][ \t]*)?(?:page[ \t]+)?\d{1,4}(?:[ \t]*(?:of|/)[ \t]*\d{1,4})?"
                         r"(?:[ \t]*[-–—])?[ \t]*$", re.I)
# a line further below the line before it than GAP times the usual line pitch of its type size (the page's pitch
# scaled from the body text's size to the line's) starts a new paragraph
GAP = 1.3
HEADLINE = 1.25     # type this much larger than most of the page's text is a headline's


@dataclass
class _Layer:
    """One page's text layer as pypdf returns it, and the baseline height and type size of each of its lines (None:
    unknown)."""

    text: str
    heights: list[Optional[tuple[float, float]]]


def _page_layers(reader, name: str) -> list[_Layer]:
    layers = []
    for page in reader.pages:
        chunks: list[tuple[str, Optional[tuple[float, float]]]] = []

        def visit(text, cm, tm, font_dict, font_size):
            y = None
            if text.strip() and tm is not None and cm is not None:
                y = (tm[4] * cm[1] + tm[5] * cm[3] + cm[5], abs(float(font_size or 0) * tm[3] * cm[3]))
            chunks.append((text, y))
        try:
            t = page.extract_text(visitor_text=visit) or ""
        except Exception as err:   # a broken content stream: that page is skipped, not the file
            logging.getLogger(__name__).warning("%s: a page could not be read (%s)", name, type(err).__name__)
            t, chunks = "", []
        heights: list[Optional[tuple[float, float]]] = [None]
        if "".join(c for c, _ in chunks) == t:
            for c, y in chunks:      # the height of a line is that of its first visible chunk
                for k, piece in enumerate(c.split("\n")):
                    if k:
                        heights.append(None)
                    if piece.strip() and heights[-1] is None:
                        heights[-1] = y
        else:
            heights = [None] * (t.count("\n") + 1)
        layers.append(_Layer(t.replace("\x00", " "), heights))
    return layers


def _pitch(heights: list[Optional[tuple[float, float]]], body: Optional[float] = None) -> Optional[float]:
    """The usual distance between two lines of a page's body text (the median of the steps down from one line to
    the next, both of the body's type size when it is known)."""
    steps = sorted(a[0] - b[0] for a, b in zip(heights, heights[1:])
                   if a and b and a[0] > b[0] and (body is None or a[1] == b[1] == body))
    return steps[len(steps) // 2] if len(steps) >= 3 else None


def _body_size(layer: "_Layer") -> Optional[float]:
    """The type size most of the page's characters are set in."""
    sizes: dict[float, int] = {}
    for line, h in zip(layer.text.split("\n"), layer.heights):
        if h and h[1] > 0:
            sizes[h[1]] = sizes.get(h[1], 0) + len(line.strip())
    return max(sizes, key=lambda k: sizes[k]) if sizes else None


@dataclass(frozen=True)
class _Line:
    start: int                      # the line's span in its page's text layer
    end: int
    before: str                     # what goes between it and the line before on the page: "\n\n", "\n" or " "
    at: Optional[tuple[float, float]] = None     # its baseline height and type size


def _before(above: Optional[tuple[float, float]], below: Optional[tuple[float, float]], pitch: Optional[float],
            body: Optional[float]) -> str:
    """A blank line where the page leaves a gap (a paragraph's end), a space between the lines of a headline set
    larger than the page's body text (it wrapped), else a line end."""
    if not above or not below or not pitch:
        return "\n"
    step = above[0] - below[0]
    expected = pitch * below[1] / body if body and below[1] > 0 else pitch
    if step > GAP * expected:
        return "\n\n"
    if body and above[1] == below[1] and above[1] >= HEADLINE * body and step > 0:
        return " "
    return "\n"


def _lines(layer: _Layer) -> list[_Line]:
    """The page's non-blank lines, a page number at its top or foot left out."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in layer.text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    hs = layer.heights if len(layer.heights) == len(spans) else [None] * len(spans)
    body = _body_size(layer)
    pitch = _pitch(hs, body) or _pitch(hs)
    kept = [(a, b, h) for (a, b), h in zip(spans, hs) if layer.text[a:b].strip()]
    for edge in (0, -1):
        if len(kept) > 1 and PAGE_NUMBER.match(layer.text[kept[edge][0]:kept[edge][1]]):
            kept.pop(edge)
    return [_Line(a, b, _before(kept[i - 1][2], h, pitch, body) if i else "\n", h)
            for i, (a, b, h) in enumerate(kept)]


def _pieces(line: str) -> list[tuple[int, int]]:
    """The spans of a line to keep: all of it, but a line whose every gap between words (four or more) is the same
    run of two or three spaces (pypdf writes widened word spacing, of justified or bold type, so) keeps one space of
    each run. A table's columns have gaps of different or wider widths and stay."""
    gaps = list(re.finditer(r"(?<=\S) +(?=\S)", line))
    if len(gaps) < 4 or len({len(g.group()) for g in gaps}) != 1 or not 2 <= len(gaps[0].group()) <= 3:
        return [(0, len(line))]
    out, pos = [], 0
    for g in gaps:
        out.append((pos, g.start() + 1))
        pos = g.end()
    out.append((pos, len(line)))
    return out


def _continues(prev: str, nxt: str, full: bool) -> bool:
    """Whether a page's first line goes on with the paragraph the page before ended in: no sentence end there, and
    the page was full to its foot or the line starts in lower case."""
    p, n = prev.rstrip(), nxt.lstrip()
    return bool(p) and bool(n) and not re.search(r"[.!?:;\"”’)]$", p) and (full or n[:1].islower() or
                                                                             n[:1] in "($€£¥₹%")


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
    # the day the file was made (by a word processor, a converter, a scanner), kept as ``created``: it is not the
    # document's date (a release printed to PDF years later), which the document's text states
    created = str(info.get("/CreationDate") or "")
    if created.startswith("D:") and len(created) >= 10 and created[2:10].isdigit():
        meta["created"] = f"{created[2:6]}-{created[6:8]}-{created[8:10]}"
    return title, meta


def read_pdf(data: bytes, name: str) -> SourceText:
    """The pages' text layers as one text: the lines of each page as pypdf returns them, a blank line where the page
    leaves a gap between two lines (a paragraph's end: a text layer has no blank lines) and between pages (one line
    end where a paragraph runs on to the next page); a page number on its own line at a page's top or foot is left
    out, the lines of a large headline are one line, and widened word spacing is one space. The offset map leads
    each character back to the pages' text layers."""
    reader = _open(data, name)
    layers = _page_layers(reader, name)
    if not any(layer.text.strip() for layer in layers):
        raise ReadError(f"{name}: the PDF has no text layer (a scanned image?); run OCR on it first")
    paged = [_lines(layer) for layer in layers]
    # the lowest line of a page's text (a page filled to its foot ends there)
    feet = [ls[-1].at[0] for ls in paged[:-1] if ls and ls[-1].at]
    foot = min(feet) if feet else None
    parts: list[str] = []
    pages: list[Page] = []
    runs: list[tuple[int, int, int]] = []
    norm = orig = 0
    last, full = "", False
    for number, (layer, lines) in enumerate(zip(layers, paged), start=1):
        page_start = None
        for i, ln in enumerate(lines):
            line = layer.text[ln.start:ln.end]
            if parts:
                sep = ("\n" if _continues(last, line, full) else PAGE_BREAK) if i == 0 else ln.before
                parts.append(sep)
                norm += len(sep)
            if page_start is None:
                page_start = norm
            for a, b in _pieces(line):
                runs.append((norm, orig + ln.start + a, b - a))
                parts.append(line[a:b])
                norm += b - a
            last = line
        if lines:
            at = lines[-1].at
            pitch = _pitch(layer.heights)
            full = bool(at and foot is not None and pitch and at[0] - foot <= 1.5 * pitch)
        pages.append(Page(number, norm if page_start is None else page_start, norm))
        orig += len(layer.text)
    title, meta = _meta(reader)
    return SourceText("".join(parts), "application/pdf", hashlib.sha256(data).hexdigest(), OffsetMap(tuple(runs)),
                      pages=tuple(pages), title=title, meta=meta)
