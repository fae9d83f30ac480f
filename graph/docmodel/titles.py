"""Titles written with markup: an HTML ``<h1>``, a Markdown ``#`` heading, a BBCode ``[b]`` line; and cleaning a
title line of its markup and label ("Topic: …"). Plain headlines are found by graph/doccontext.py."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Pattern


@dataclass(frozen=True)
class TitleRules:
    markup: tuple[Pattern[str], ...]   # group "title": a heading in markup
    strip: Pattern[str]                # markup to drop from a title
    prefix: Pattern[str]               # a label before a title ("Topic: ")


def markup_title(text: str, start: int, end: int, rules: TitleRules, head_chars: int = 3000) -> Optional[tuple[int, int]]:
    """The span of the first markup heading in the document's head."""
    best: Optional[tuple[int, int]] = None
    for p in rules.markup:
        m = p.search(text, start, min(end, start + head_chars))
        if m and (best is None or m.start("title") < best[0]):
            best = (m.start("title"), m.end("title"))
    return best


def clean_title(raw: str, rules: TitleRules) -> str:
    """A title without markup, label and line breaks."""
    title = re.sub(r"\s+", " ", rules.strip.sub(" ", raw)).strip()
    title = rules.prefix.sub("", title, count=1).strip()
    if len(title) > 2 and title[0] in "\"“" and title[-1] in "\"”" and not re.search("[\"“”]", title[1:-1]):
        title = title[1:-1].strip()      # a cover page quoting its whole headline
    return title
