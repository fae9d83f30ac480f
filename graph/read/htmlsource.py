"""The visible text of an HTML source, each character with its position in the decoded HTML.

Python's ``html.parser`` reports where every piece of text starts; with ``convert_charrefs=False`` entities and
character references arrive separately, so each decoded character can be mapped to the ``&`` that wrote it.
Text inside ``script``, ``style``, ``template``, ``noscript`` and ``head`` (except ``title``) is not visible.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser

from .model import ReadError

HIDDEN = frozenset({"script", "style", "template", "noscript", "svg", "head"})
CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", re.I)


@dataclass(frozen=True)
class VisibleText:
    chars: str                 # the visible characters, in document order
    positions: tuple[int, ...]  # positions[i] = index in the decoded HTML of chars[i]


def decode_html(data: bytes, name: str) -> str:
    """The HTML as text: its declared charset, else UTF-8; ``ReadError`` when it cannot be decoded."""
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError(f"{name}: binary content, not an HTML page")
    m = CHARSET.search(data[:4096])
    encoding = m.group(1).decode("ascii").lower() if m else "utf-8"
    try:
        text = data.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as err:
            raise ReadError(f"{name}: not valid {encoding} or UTF-8 (byte {err.start})") from None
    return text[1:] if text.startswith("\ufeff") else text


class _Collector(HTMLParser):
    def __init__(self, html: str):
        super().__init__(convert_charrefs=False)
        self.html = html
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", html)]
        self.hidden: list[str] = []
        self.chars: list[str] = []
        self.pos: list[int] = []

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN:
            self.hidden.append(tag)
        elif tag == "title" and self.hidden == ["head"]:
            self.hidden.append("title")

    def handle_endtag(self, tag):
        if self.hidden and self.hidden[-1] == tag:
            self.hidden.pop()
        if tag in ("p", "div", "li", "br", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "title", "td", "th"):
            self._emit("\n", self._offset())

    def _visible(self) -> bool:
        return not self.hidden or self.hidden == ["head", "title"]

    def _emit(self, text: str, at: int) -> None:
        for i, ch in enumerate(text):
            self.chars.append(ch)
            self.pos.append(at + i)

    def handle_data(self, data):
        if self._visible():
            self._emit(data, self._offset())

    def handle_entityref(self, name):
        if self._visible():
            at = self._offset()
            for ch in unescape(f"&{name};"):
                self.chars.append(ch)
                self.pos.append(at)

    def handle_charref(self, name):
        if self._visible():
            at = self._offset()
            for ch in unescape(f"&#{name};"):
                self.chars.append(ch)
                self.pos.append(at)


def visible_text(html: str) -> VisibleText:
    c = _Collector(html)
    try:
        c.feed(html)
        c.close()
    except (AssertionError, ValueError):   # a malformed tail: what was read so far stands
        pass
    return VisibleText("".join(c.chars), tuple(c.pos))
