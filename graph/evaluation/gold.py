"""Gold files: rows of stated facts, one per line (conventions: tests/gold/STRICT.md and tests/gold/README.md).

11 tab-separated columns ``id doc kind subject predicate value unit scale period qualifier quote``, one header line.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Optional, Union

COLUMNS = ("id", "doc", "kind", "subject", "predicate", "value", "unit", "scale", "period", "qualifier", "quote")
GOLD_KINDS = ("metric", "change", "ranking", "market_share", "product", "spec", "price", "launch", "investment",
              "person", "organisation", "count", "event")
SCALES = {"": Decimal(1), "thousand": Decimal(10) ** 3, "million": Decimal(10) ** 6,
          "billion": Decimal(10) ** 9, "trillion": Decimal(10) ** 12}
CHROME_MARK = "page chrome"
NUMERIC_KINDS = frozenset({"metric", "change", "market_share", "ranking", "count", "investment", "price", "spec"})

_NUM = re.compile(r"^[-+]?\d+(?:\.\d+)?$")
_RANGE = re.compile(r"^([-+]?\d+(?:\.\d+)?)\.\.([-+]?\d+(?:\.\d+)?)$")


class GoldFormatError(ValueError):
    pass


@dataclass(frozen=True)
class GoldRow:
    """One line of a gold file. ``value`` stays as written; ``scale`` separate."""

    id: str
    doc: str
    kind: str
    subject: str
    predicate: str
    value: str
    unit: str
    scale: str
    period: str
    qualifier: str
    quote: str
    where: str = ""                       # "file:line" for messages

    @property
    def qualifiers(self) -> tuple[tuple[str, str], ...]:
        pairs = []
        for part in self.qualifier.split(";"):
            part = part.strip()
            if part:
                k, _, v = part.partition("=")
                pairs.append((k.strip(), v.strip()))
        return tuple(pairs)

    def qualifier_value(self, key: str) -> Optional[str]:
        for k, v in self.qualifiers:
            if k == key:
                return v
        return None

    @property
    def classes(self) -> tuple[str, ...]:
        return tuple(c.strip() for c in (self.qualifier_value("class") or "").split(",") if c.strip())

    @property
    def is_chrome(self) -> bool:
        return CHROME_MARK in self.qualifier.lower()

    def _scaled(self, text: str) -> Decimal:
        return Decimal(text) * SCALES.get(self.scale.strip().lower(), Decimal(1))

    @property
    def number(self) -> Optional[Decimal]:
        """The value fully scaled, or None when the value is not a single number."""
        v = self.value.replace(",", "").strip()
        return self._scaled(v) if _NUM.match(v) else None

    @property
    def range(self) -> Optional[tuple[Decimal, Decimal]]:
        """``4.3..5.1`` fully scaled, or None."""
        m = _RANGE.match(self.value.replace(",", "").strip())
        return (self._scaled(m.group(1)), self._scaled(m.group(2))) if m else None

    @property
    def is_numeric(self) -> bool:
        """A figure (a number or a range with a unit other than a date) of a numeric kind."""
        return self.kind in NUMERIC_KINDS and self.unit.strip().lower() != "date" and \
            (self.number is not None or self.range is not None)


def load_gold(paths: Union[str, Path, Iterable[Union[str, Path]]]) -> list[GoldRow]:
    """Read gold rows from TSV files or folders of them (``*.tsv``). Bad lines raise ``GoldFormatError``."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    files: list[Path] = []
    for p in map(Path, paths):
        files.extend(sorted(p.glob("*.tsv")) if p.is_dir() else [p])
    rows: list[GoldRow] = []
    for f in files:
        lines = f.read_text(encoding="utf-8").splitlines()
        if not lines or tuple(lines[0].split("\t")) != COLUMNS:
            raise GoldFormatError(f"{f}:1: header must be {' '.join(COLUMNS)}")
        for n, line in enumerate(lines[1:], start=2):
            if not line.strip():
                continue
            cells = line.split("\t")
            if len(cells) != len(COLUMNS):
                raise GoldFormatError(f"{f}:{n}: {len(cells)} columns, expected {len(COLUMNS)}")
            rows.append(GoldRow(*cells, where=f"{f.name}:{n}"))
    return rows


def locate(text: str, quote: str) -> Optional[tuple[int, int]]:
    """The span of ``quote`` in ``text``: exactly, else with any whitespace (or table bars) where the quote has
    whitespace (the normalised text of an HTML page may break lines or separate table cells where the reader saw
    spaces)."""
    start = text.find(quote)
    if start >= 0:
        return start, start + len(quote)
    words = quote.split()
    if not words:
        return None
    rx = re.compile(r"[\s|]+".join(re.escape(w) for w in words))
    m = rx.search(text)
    return (m.start(), m.end()) if m else None
