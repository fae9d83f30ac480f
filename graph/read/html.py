"""HTML -> the page's main content as one normalised text, with an offset map back to the decoded HTML.

The main content (not navigation, footers, cookie banners) is chosen by trafilatura, a maintained main-content
extractor. Trafilatura returns plain text without positions, so each character of its output is aligned to the
visible text of the HTML source: ``graph/read/htmlsource.py`` lists every visible character with its position in
the decoded HTML (entities and character references included), and the alignment below walks both texts,
tolerating the whitespace trafilatura collapses and the list markers it adds.

The normalised text holds one paragraph per block, separated by a blank line; the lines of a block broken by
``<br>`` (a header block, an address, a table typed as lines), list items and table rows stay on consecutive lines.
The document's title (``<title>`` or ``og:title``) is the first line when the main content does not show it, so the
segmenter finds it as it would in a text file; a page whose headline is in the main content has it once.
"""
from __future__ import annotations

import hashlib
import re
from typing import Optional

from ..rowshape import FLAT_ROW
from .htmlsource import VisibleText, decode_html, visible_text
from .model import OffsetMap, ReadError, SourceText

DATE_CONFIG = {"extensive_search": True, "original_date": True, "max_date": "2099-12-31"}
MIN_WORDS = 10          # fewer words of main content than this: the page has no article to read
LIST_ITEM = re.compile(r"^[-*•] ")


def _extract(html: str) -> tuple[Optional[str], dict[str, str], Optional[str]]:
    import trafilatura

    main = trafilatura.extract(html, output_format="txt", include_comments=False, include_tables=True,
                               include_links=False, include_images=False, deduplicate=False)
    meta: dict[str, str] = {}
    title = None
    # the page's own published time (meta tags, JSON-LD, <time>, else a date in the page's markup such as a byline
    # the main content leaves out); a page dated after today is still dated (documents may be post-dated)
    md = trafilatura.extract_metadata(html, date_config=DATE_CONFIG)
    if md is not None:
        title = md.title or None
        for key, value in (("date", md.date), ("url", md.url), ("publisher", md.sitename), ("author", md.author)):
            if value:
                meta[key] = str(value)
    return main, meta, title


TABLE_ROW = re.compile(r"^\|.*\|$")
TABLE_RULE = re.compile(r"^\|(?:\s*:?-{3,}:?\s*\|)+$")
# a line laid out in columns (a <pre> block's table: runs of spaces between at least three cells); the main
# content's paragraphs never keep a run of spaces
ALIGNED_ROW = re.compile(r"\S {2,}\S.*?\S {2,}\S")


def _blocks(main: str) -> list[tuple[str, bool]]:
    """Trafilatura's lines as (text, is_list_item_or_table_row); blank lines and table rule lines dropped.
    Table rows (of a <table>, or a <pre> block's aligned columns), like list items, stay on consecutive lines so a
    table reads as one block."""
    out = []
    for line in main.split("\n"):
        line = line.strip()
        if line and not TABLE_RULE.match(line):
            row = bool(TABLE_ROW.match(line) or ALIGNED_ROW.search(line) or FLAT_ROW.match(line))
            out.append((line, bool(LIST_ITEM.match(line)) or row))
    # the line right over a run of flattened rows is their header ("Company 3Q22 Shipments 3Q22 Market Share"),
    # kept with them unless it ends a sentence
    for i in range(len(out) - 2):
        (head, item), (a, _), (b, _) = out[i], out[i + 1], out[i + 2]
        if not item and FLAT_ROW.match(a) and FLAT_ROW.match(b) and not head.rstrip().endswith((".", ":", "!", "?")) \
                and len(head.split()) <= 16:
            out[i] = (head, True)
    return out


def _align(line: str, src: VisibleText, start: int) -> tuple[list[Optional[int]], int]:
    """Original positions of each character of ``line``, matched in ``src`` from index ``start``;
    returns them and the index in ``src`` after the match (``start`` when nothing matched)."""
    chars, pos = src.chars, src.positions
    words = line.split()
    anchor = _find_words(chars, words[:3] if not LIST_ITEM.match(line) else words[1:4], start)
    if anchor < 0:
        return [None] * len(line), start
    out: list[Optional[int]] = []
    j = anchor
    n = len(chars)
    for ch in line:
        if ch.isspace():
            while j < n and chars[j].isspace():
                j += 1
            out.append(pos[j - 1] if j > 0 else None)
            continue
        k = j
        while k < n and k - j < 64 and chars[k] != ch:
            k += 1
        if k < n and chars[k] == ch:
            out.append(pos[k])
            j = k + 1
        else:
            out.append(None)   # a character trafilatura made (a list marker, a normalised quote)
    return out, j


def _find_words(chars: str, words: list[str], start: int) -> int:
    """Index in ``chars`` where ``words`` occur (any whitespace between them) at or after ``start``; -1 if not."""
    if not words:
        return -1
    pattern = r"\s+".join(re.escape(w) for w in words)
    m = re.compile(pattern).search(chars, start)
    if m is None:
        m = re.compile(pattern).search(chars)
    return m.start() if m else -1


def _runs(origin: list[Optional[int]]) -> OffsetMap:
    runs: list[tuple[int, int, int]] = []
    i = 0
    while i < len(origin):
        if origin[i] is None:
            i += 1
            continue
        j = i + 1
        while j < len(origin) and origin[j] is not None and origin[j] == origin[j - 1] + 1:
            j += 1
        runs.append((i, origin[i], j - i))
        i = j
    return OffsetMap(tuple(runs))


# tags that break a line but not a paragraph ("<br>"), or that only style a run of text; between two lines of the
# main content nothing but these (and white space) means the lines are one paragraph's, as in "a<br>b"
INLINE_TAG = re.compile(r"</?(?:br|wbr|span|a|b|i|em|strong|small|big|sup|sub|u|s|font|abbr|time|mark|code|q|cite"
                        r"|data|var|kbd|samp|bdi|bdo|ins|del)\b[^<>]*>", re.I)
HEAD_LINES = 12         # the title is shown if it is one of the main content's first lines (a masthead may precede it)


def _first(pos: list[Optional[int]]) -> Optional[int]:
    return next((p for p in pos if p is not None), None)


def _last(pos: list[Optional[int]]) -> Optional[int]:
    return next((p for p in reversed(pos) if p is not None), None)


def _same_block(html: str, end: Optional[int], start: Optional[int]) -> bool:
    """Whether two consecutive lines of the main content are lines of one HTML block: the source between the last
    character of one and the first of the next holds a line break (``<br>``, or a newline of a ``<pre>``) and
    nothing else but inline tags and white space. Trafilatura writes both a ``<br>`` and a paragraph end as one
    newline; the source tells them apart."""
    if end is None or start is None or not 0 <= end < start or start - end > 2000:
        return False
    between = html[end + 1:start]
    rest = INLINE_TAG.sub("", between)
    if rest.strip().lstrip("-*•").strip():      # (a bullet written in the text is the next line's marker)
        return False
    return bool(re.search(r"<br\b", between, re.I)) or ("\n" in rest and "<" not in between and _in_pre(html, end))


def _in_pre(html: str, pos: int) -> bool:
    opened = html.rfind("<pre", 0, pos)
    return opened >= 0 and html.rfind("</pre", 0, pos) < opened


def _shown(title: str, blocks: list[tuple[str, bool]]) -> bool:
    """Whether the page's title is already in the main content, so it is not written a second time: a line of its
    head begins with it (the headline, under a masthead or a date line), or a line anywhere is it (a page titled
    after one of its sections)."""
    t = " ".join(title.split())
    return any(line.startswith(t[:40]) for line, _ in blocks[:HEAD_LINES]) or any(line == t for line, _ in blocks)


def read_html(data: bytes, name: str) -> SourceText:
    """Read an HTML page's main content. ``ReadError`` for undecodable pages and pages without an article."""
    html = decode_html(data, name)
    try:
        main, meta, title = _extract(html)
    except Exception as err:   # lxml/trafilatura refuse malformed input in many ways
        raise ReadError(f"{name}: HTML could not be parsed ({type(err).__name__})") from None
    if not main or len(main.split()) < MIN_WORDS:
        raise ReadError(f"{name}: no main content found in the HTML (navigation or boilerplate only)")
    src = visible_text(html)
    parts: list[str] = []
    origin: list[Optional[int]] = []
    cursor = 0
    blocks = _blocks(main)
    if title and not _shown(title, blocks):
        tline = " ".join(title.split())
        tpos, _ = _align(tline, src, 0)
        parts.append(tline)
        origin.extend(tpos)
    prev_item, prev_end = False, None
    for text, item in blocks:
        pos, cursor = _align(text, src, cursor)
        if parts:
            sep = "\n" if (item and prev_item) or _same_block(html, prev_end, _first(pos)) else "\n\n"
            parts.append(sep)
            origin.extend([None] * len(sep))
        parts.append(text)
        origin.extend(pos)
        prev_item, prev_end = item, _last(pos)
    normalised = "".join(parts)
    return SourceText(normalised, "text/html", hashlib.sha256(data).hexdigest(), _runs(origin),
                      title=" ".join(title.split()) if title else None, meta=meta)
