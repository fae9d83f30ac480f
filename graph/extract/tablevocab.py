"""The words of table headers and row labels, compiled once per document's tables: change, share, basis, plan,
spec, measure, span and unit words of ``mappings/patterns/layout.yaml``; segment and vendor context and partial
totals of ``names.yaml`` (read by ``tableheads.py``)."""
from __future__ import annotations

import re

from .context import ExtractionContext


class TableVocabulary:
    def __init__(self, ctx: ExtractionContext):
        lay = ctx.patterns["layout"]
        self.change = _words_rx(lay.get("change_words") or [])
        self.amount_change = {str(w).casefold() for w in lay.get("amount_change_words") or []}
        self.share = _words_rx(lay.get("share_words") or [])
        self.bases = {str(k).casefold(): str(v) for k, v in (lay.get("column_bases") or {}).items()}
        self.bases_rx = _words_rx(self.bases)
        self.modalities = {str(k).casefold(): str(v) for k, v in (lay.get("column_modalities") or {}).items()}
        self.modalities_rx = _words_rx(self.modalities)
        self.spec = _words_rx(lay.get("spec_words") or [])
        self.measure = _words_rx(lay.get("measure_words") or [])
        self.header_filler = {str(w).casefold() for w in lay.get("header_filler_words") or []}
        self.percent_changes = _words_rx(lay.get("percent_change_notes") or [])
        self.ratio = re.compile("|".join(re.escape(str(w)) for w in lay.get("ratio_column_words") or []) or "(?!)", re.I)
        names = ctx.patterns["names"]
        self.segment_context = _words_rx(names.get("segment_context") or [])
        self.vendor_context = _words_rx(names.get("vendor_context") or [])
        self.partial_total = _words_rx(names.get("partial_total_words") or [])
        self.span = _words_rx(lay.get("span_words") or [])
        self.months = _words_rx(lay.get("months_words") or [])
        self.points = {str(k).casefold(): str(v) for k, v in (lay.get("point_units") or {}).items()}
        self.points_rx = _words_rx(self.points)


def share_word(rx: re.Pattern[str], text: str) -> bool:
    """A share word that is no "per share" ("Basic earnings per share", "Dividends per share")."""
    return any(not re.search(r"\bper\s*$", text[:m.start()], re.I) for m in rx.finditer(text))


def _words_rx(words) -> re.Pattern[str]:
    alt = "|".join(re.escape(str(w)) for w in sorted({str(w) for w in words}, key=len, reverse=True)) or "(?!)"
    return re.compile(rf"(?<![\w/])(?:{alt})(?![\w/])", re.I)
