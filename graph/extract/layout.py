"""The layout view of a document: the same text with its layout made plain, character for character.

``LayoutView.view`` has the length of the text, so every offset means the same in both and every quote is still
``text[start:end]``. In the view,

- markup is blanked: Markdown emphasis, heading hashes, link brackets and targets, pipe-table bars; BBCode tags;
  stray HTML tags (the characters become spaces);
- hard-wrapped lines are re-joined: a line break inside a wrapped paragraph, or before a line that continues a
  sentence, becomes a space;
- every logical line is classified (``Line.kind``): ``heading``, ``bullet``, ``label`` ("Label: value"),
  ``row`` (a line of whitespace- or bar-separated cells with figures), ``prose`` or ``blank``.

Which characters are markup and which line starts are bullets lives in ``mappings/patterns/layout.yaml``.
Every rule is a bounded scan of one line or one paragraph: linear in the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Literal, Optional

from ..rowshape import FLAT_ROW as _FLAT_ROW
from .patterns import Patterns

LineKind = Literal["heading", "bullet", "label", "row", "prose", "blank"]

_MD_LINK = re.compile(r"\[([^\[\]\n]{1,200})\]\(([^()\s]{1,500})\)")
_MD_HEADING = re.compile(r"^(#{1,6})[ \t]+", re.MULTILINE)
_MD_EMPH = re.compile(r"(\*\*|__)(?=\S)([^\n]{1,300}?)(?<=\S)\1")
_MD_ITALIC = re.compile(r"(?<![\w*])\*(?=[^\s*])([^\n*]{1,200}?)(?<=[^\s*])\*(?![\w*])")
_MD_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$", re.MULTILINE)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]{0,10}(?:\s[^<>\n]{0,300})?/?>")
_CELL_GAP = re.compile(r"\S(?: {2,}|\t+| ?\| ?)(?=\S)")
_NUMBER = re.compile(r"(?<![\w.])[-+(]?[$€£¥₹]?\d[\d,]*(?:\.\d+)?%?\)?(?![\w])")
_TERMINAL = re.compile(r"[.!?:;…\"”’)]\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:\(?\d{1,2}[.)]\s+)?[A-Z][\w .&'’-]{0,40}?\s+[—–:-]\s+[~≈]?[$€£¥₹]?\d")


@dataclass(frozen=True)
class Line:
    start: int          # offsets of the logical line (wrapped lines joined) in the text
    end: int
    kind: LineKind
    indent: int = 0


def _blank(chars: list[str], a: int, b: int) -> None:
    for i in range(a, b):
        if chars[i] != "\n":
            chars[i] = " "


class LayoutRules:
    """The layout vocabulary (``mappings/patterns/layout.yaml``)."""

    def __eq__(self, other: object) -> bool:   # rules compiled from the same file are equal (the knowledge cache)
        return isinstance(other, LayoutRules) and self.__dict__ == other.__dict__

    def __init__(self, patterns: Patterns):
        cfg = patterns["layout"]
        self.bbcode = re.compile(r"\[/?(?:%s)(?:=[^\]\n]{0,300})?\]" % "|".join(
            re.escape(t) for t in cfg.get("bbcode_tags") or ["b", "i", "u", "url", "list", "quote", "size",
                                                             "color", "img", "code", "s", "center"]),
            re.IGNORECASE)
        self.bbcode_item = re.compile(r"\[\*\]")
        markers = cfg.get("bullet_markers") or ["•", "-", "*", "·", "▪", "●", "◦", "–", "—", "o"]
        self.bullet = re.compile(r"^[ \t]*(?:%s|\(?\d{1,2}[.)]|\(?[a-z][.)])[ \t]+(?=\S)" % "|".join(
            re.escape(m) for m in sorted(markers, key=len, reverse=True)))
        self.label = re.compile(r"^[ \t]*(?P<label>[^\s:][^:\n]{0,60}?)[ \t]*:[ \t]+(?=\S)")
        self.heading_max_words = int(cfg.get("heading_max_words") or 14)
        self.wrap_min = int(cfg.get("wrap_min_width") or 45)
        self.wrap_max = int(cfg.get("wrap_max_width") or 110)
        self.wrap_slack = int(cfg.get("wrap_slack") or 22)
        self.wrap_min_lines = int(cfg.get("wrap_min_lines") or 6)
        self.label_words = int(cfg.get("label_max_words") or 7)
        # the month words are the period grammar's (periods.yaml `months`: names and abbreviations, any case)
        names = sorted(patterns["periods"].get("months") or {}, key=len, reverse=True)
        months = "|".join(re.escape(str(m)) for m in names) or "(?!)"
        self.date_line = re.compile(str(cfg.get("date_line") or "(?!)").replace("{MONTH}", f"(?i:{months})"))


@dataclass
class LayoutView:
    text: str
    start: int
    end: int
    rules: LayoutRules

    @cached_property
    def view(self) -> str:
        chars = list(self.text)
        self._mask_markup(chars)
        self._join_wraps(chars)
        return "".join(chars)

    # -- markup -----------------------------------------------------------------------------------------------
    def _mask_markup(self, chars: list[str]) -> None:
        t, a, b = self.text, self.start, self.end
        for m in _HTML_TAG.finditer(t, a, b):
            _blank(chars, m.start(), m.end())
        for m in self.rules.bbcode.finditer(t, a, b):
            _blank(chars, m.start(), m.end())
        for m in self.rules.bbcode_item.finditer(t, a, b):
            _blank(chars, m.start(), m.end() - 1)      # "[*]" -> "  *": a bullet marker stays
            chars[m.end() - 1] = "•"
        for m in _MD_LINK.finditer(t, a, b):
            chars[m.start()] = " "
            _blank(chars, m.end(1), m.end())
        for m in _MD_HEADING.finditer(t, a, b):
            _blank(chars, m.start(1), m.end(1))
        for m in _MD_EMPH.finditer(t, a, b):
            _blank(chars, m.start(1), m.end(1))
            _blank(chars, m.end(2), m.end())
        for m in _MD_ITALIC.finditer(t, a, b):
            if t[t.rfind("\n", 0, m.start()) + 1:m.start()].strip():     # not a bullet at the line start
                chars[m.start()] = " "
                chars[m.end() - 1] = " "
        for m in _MD_RULE.finditer(t, a, b):
            _blank(chars, m.start(), m.end())
        # pipe-table bars become cell gaps
        for ls, le in self._raw_lines():
            line = t[ls:le]
            if line.count("|") >= 2 and re.search(r"\d", line):
                for i in range(ls, le):
                    if t[i] == "|":
                        chars[i] = " "

    # -- lines ------------------------------------------------------------------------------------------------
    def _raw_lines(self) -> list[tuple[int, int]]:
        out = []
        pos = self.start
        while pos <= self.end:
            nl = self.text.find("\n", pos, self.end)
            le = self.end if nl < 0 else nl
            out.append((pos, le))
            if nl < 0:
                break
            pos = nl + 1
        return out

    def _is_row(self, s: str) -> bool:
        gaps = len(_CELL_GAP.findall(s.strip()))
        nums = len(_NUMBER.findall(s))
        return gaps >= 2 and nums >= 2 or (gaps >= 1 and nums >= 2 and "\t" in s)

    def _rowish(self, s: str) -> bool:
        """A table row, aligned or flattened, or a header aligned over columns: never joined to the line before
        or after it."""
        return self._is_row(s) or _FLAT_ROW.match(s.strip()) is not None or len(_CELL_GAP.findall(s.strip())) >= 2

    def _is_bullet(self, s: str) -> bool:
        return bool(self.rules.bullet.match(s)) and not re.match(r"^[ \t]*[-–—][ \t]*\d", s)

    def _wrap_width(self, view: str, lines: list[tuple[int, int]]) -> Optional[int]:
        """The width a document's lines were wrapped at, or None when its lines are whole paragraphs: the 90th
        percentile of the lengths of prose lines followed by another non-blank line."""
        lengths = sorted(len(view[a:b].rstrip()) for (a, b), (c, d) in zip(lines, lines[1:])
                         if len(view[a:b].strip()) >= 30 and view[c:d].strip() and not self._is_row(view[a:b]))
        if len(lengths) < 2:
            return None
        width = lengths[min(len(lengths) - 1, int(len(lengths) * 0.9))]
        return width if self.rules.wrap_min <= width <= self.rules.wrap_max else None

    def _join_wraps(self, chars: list[str]) -> None:
        """Turn line breaks inside wrapped paragraphs (and before a line continuing a sentence) into spaces."""
        for b in self._wrap_breaks("".join(chars)):
            chars[b] = " "

    def _hard_wrapped(self, view: str, lines: list[tuple[int, int]], width: int) -> bool:
        """Whether the document is hard-wrapped: many of its prose lines followed by another line end within
        ``wrap_slack`` of the wrap width (a header block or a few long lines are not a wrapped document)."""
        near = [a for (a, b), (c, d) in zip(lines, lines[1:])
                if view[c:d].strip() and not self._rowish(view[a:b])
                and width - self.rules.wrap_slack <= len(view[a:b].rstrip()) <= width
                and len(view[c:d].rstrip()) <= width + self.rules.wrap_slack]   # and so is the line it runs into
        return len(near) >= self.rules.wrap_min_lines

    def _wrap_breaks(self, view: str, wrapped_only: bool = False) -> list[int]:
        """The line breaks of ``view`` (markup blanked) inside wrapped paragraphs or before a continuing line. With
        ``wrapped_only``, only the breaks of a hard-wrapped document's full lines: not a short line whose next line
        merely starts in lower case ("Jane Roe\nexecutive" is a speaker's name line and its role)."""
        out: list[int] = []
        lines = self._raw_lines()
        width = self._wrap_width(view, lines)
        if wrapped_only and (width is None or not self._hard_wrapped(view, lines, width)):
            return out
        for k, ((a, b), (c, d)) in enumerate(zip(lines, lines[1:])):
            cur, nxt = view[a:b].rstrip(), view[c:d]
            if not cur.strip() or not nxt.strip() or self._rowish(cur) or self._rowish(nxt) or self._is_bullet(nxt) \
                    or _LIST_ITEM.match(nxt) or self.text[c:d].lstrip().startswith("|") or self.rules.date_line.match(nxt):
                continue
            full = width is not None and len(cur) >= width - self.rules.wrap_slack and \
                len(cur.split()) > self.rules.heading_max_words // 2
            if full and wrapped_only:
                # broken because the next word did not fit, as a wrapping program breaks (the width is a
                # percentile: half the slack's tolerance); and not a heading, whose words are all capitalised
                full = len(cur) + 1 + len(nxt.split()[0]) > width - self.rules.wrap_slack // 2 and \
                    not (_title_cased(cur) and not re.search(r"\d", cur))
            if cur.count("(") > cur.count(")") and (full or not wrapped_only):
                out.append(b)     # a parenthesis left open: the line goes on ("(Head Office: Tokyo;\nPresident: ...)")
                continue
            if cur.endswith(":") and (nxt[:1].isupper() or self._is_bullet(nxt) or re.match(r"\s*\(?\d", nxt)):
                continue          # a lead-in: what follows is its list or table
            if k + 2 < len(lines) and self._rowish(view[lines[k + 2][0]:lines[k + 2][1]]) and \
                    not _TERMINAL.search(nxt.rstrip()):
                continue          # the next line heads a table: its header, not the paragraph's end
            label = self.rules.label.match(nxt)
            if label and len(label.group("label").split()) <= self.rules.label_words and _TERMINAL.search(cur) \
                    and not (wrapped_only and full and not label.group("label")[:1].isalpha()):
                continue      # a "Label: value" line (not a wrapped '("Acme" or "the Company"; NYSE: ACME)')
            first = nxt.lstrip()[:1]
            # a line that starts in lower case, or a figure after a line ending in a lower-case word ("improved
            # to 14.1% from\n13.0%."), goes on with the sentence
            continues = (first.islower() or first in "($€£¥₹%" or first.isdigit() and
                         re.search(r"(?<![\w-])[a-z]+$", cur) is not None) and not _TERMINAL.search(cur)
            if full or continues and not wrapped_only:
                out.append(b)
        return out

    @cached_property
    def lines(self) -> list[Line]:
        """The logical lines of the view, classified."""
        v = self.view
        out: list[Line] = []
        pos = self.start
        while pos <= self.end:
            nl = v.find("\n", pos, self.end)
            le = self.end if nl < 0 else nl
            out.append(self._classify(pos, le))
            if nl < 0:
                break
            pos = nl + 1
        return out

    def _classify(self, a: int, b: int) -> Line:
        s = self.view[a:b]
        body = s.strip()
        indent = len(s) - len(s.lstrip())
        if not body:
            return Line(a, b, "blank", indent)
        if self._is_row(s) or _FLAT_ROW.match(body):
            return Line(a, b, "row", indent)
        lm = self.rules.label.match(s)
        if lm and re.match(r"\s*(?:[~≈$€£¥₹(+\-−]|[A-Z]{1,3}\$?)?\s*\d", s[lm.end():]):
            return Line(a, b, "label", indent)        # "EBITDA: 786 (2022: 611)", "EBITDA: FY2023-24 – 3,112.1"
        letters = [c for c in body if c.isalpha()]
        if letters and len(body.split()) <= 10 and all(c.isupper() for c in letters) and not self._is_bullet(s):
            return Line(a, b, "heading", indent)       # "SECOND QUARTER 2023 (APRIL–JUNE)"
        if self._is_bullet(s):
            return Line(a, b, "bullet", indent)
        lm = self.rules.label.match(s)
        if lm and len(lm.group("label").split()) <= self.rules.label_words and not re.search(
                r"[.!?]\s", lm.group("label")):
            return Line(a, b, "label", indent)
        words = body.split()
        if len(words) <= self.rules.heading_max_words and not _TERMINAL.search(body) and not body.endswith(","):
            return Line(a, b, "heading", indent)
        return Line(a, b, "prose", indent)

    def line_at(self, pos: int) -> Optional[Line]:
        for ln in self.lines:
            if ln.start <= pos <= ln.end:
                return ln
        return None


def _title_cased(line: str) -> bool:
    """A heading's line: at least four words, every word of letters capitalised ("Acme Q2 FY2024 Earnings Call")."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’.-]*", line)]
    return len(words) >= 4 and all(w[0].isupper() for w in words if len(w) > 3)


def unwrapped(text: str, rules: LayoutRules) -> str:
    """``text`` with only the line breaks of a hard-wrapped document's paragraphs turned into spaces (markup kept):
    same length, same offsets. What reads a document's lines (its title, dateline, issuer and period cues) reads the lines the
    writer meant, not where a mail client or a PDF cut them."""
    if "\n" not in text:
        return text
    view = LayoutView(text, 0, len(text), rules)
    masked = list(text)
    view._mask_markup(masked)
    breaks = view._wrap_breaks("".join(masked), wrapped_only=True)
    if not breaks:
        return text
    chars = list(text)
    for b in breaks:
        chars[b] = " "
    return "".join(chars)
