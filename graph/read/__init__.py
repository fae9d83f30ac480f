"""The read stage: a user's file (text, Markdown, HTML, PDF) -> one normalised text with an offset map.

Everything after this stage (segmentation, extraction, evidence) works on ``SourceText.text``: a ``Document``'s
offsets and every ``Evidence`` quote index into it (``text[start:end] == quote``). ``SourceText.offsets`` maps a
position of the normalised text back to the original file (a character of the decoded HTML, a character of a PDF
page's text layer), so a page can link a quote to its place in the original.

Plain text and Markdown are read as they are, but for their line ends ("\r\n" and "\r" become "\n"; the offset
map leads back to the file, and a file with "\n" line ends *is* its normalised text); in every format, typeset
spaces (no-break, thin, narrow no-break, figure, en, em) become spaces, one for one; layout markup inside them (Markdown emphasis, BBCode, hard wraps) is handled by the extraction's
layout view without changing a character. HTML and PDF are converted by ``graph/read/html.py`` and
``graph/read/pdf.py``.
"""
from __future__ import annotations

from .model import OffsetMap, Page, ReadError, SourceText
from .dispatch import MEDIA_TYPES, media_type_for, read_bytes, read_path

__all__ = ["OffsetMap", "Page", "ReadError", "SourceText", "MEDIA_TYPES", "media_type_for", "read_bytes", "read_path"]
