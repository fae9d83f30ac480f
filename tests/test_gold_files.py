"""Every gold file (tests/gold/<corpus>/*.tsv) is well formed and every quote is in its source file once."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from marketgraph.graph.evaluate import COLUMNS, GOLD_KINDS, SCALES, gold_intervals, load_gold, unit_class
from marketgraph.graph.paths import ProjectPaths

PATHS = ProjectPaths.default()
GOLD = PATHS.root / "tests" / "gold"
FILES = sorted(GOLD.glob("*/*.tsv"))
NUMERIC_UNIT_CLASSES = ("currency", "percent", "pp")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?(?:\.\.-?\d+(\.\d+)?)?$")   # a number, or a range "4.3..5.1"
_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _id(p: Path) -> str:
    return f"{p.parent.name}/{p.name}"


def test_every_bundled_source_file_has_a_gold_file():
    for corpus in ("seeds", "dev"):
        sources = {p.stem for p in (PATHS.sources / corpus).glob("*.txt")}
        golds = {p.stem for p in (GOLD / corpus).glob("*.tsv")}
        assert sources and sources == golds, f"{corpus}: sources without gold {sorted(sources - golds)}"


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_gold_file_is_well_formed(path: Path):
    lines = path.read_text(encoding="utf-8").splitlines()
    assert tuple(lines[0].split("\t")) == COLUMNS
    for n, line in enumerate(lines[1:], start=2):
        assert len(line.split("\t")) == len(COLUMNS), f"{path.name}:{n}: column count"
    rows = load_gold(path)
    assert rows, "empty gold file"
    ids = [r.id for r in rows]
    assert len(ids) == len(set(ids)), "duplicate ids"
    for r in rows:
        where = f"{r.where} {r.id}"
        assert r.doc == path.with_suffix(".txt").name, f"{where}: doc must be the source file name"
        assert r.kind in GOLD_KINDS, f"{where}: unknown kind {r.kind!r}"
        assert r.scale in SCALES, f"{where}: unknown scale {r.scale!r}"
        assert r.value.strip(), f"{where}: empty value"
        assert r.quote.strip() == r.quote and r.quote, f"{where}: quote empty or padded"
        cls = unit_class(r.unit) or ""
        if cls.split(":")[0] in NUMERIC_UNIT_CLASSES or r.unit == "rank" or r.scale:
            assert _NUMBER.match(r.value), f"{where}: value {r.value!r} is not a number"
        if r.unit == "date":
            assert _ISO_DATE.match(r.value), f"{where}: date {r.value!r} is not ISO"
            parts = [int(x) for x in r.value.split("-")] + [1, 1]
            date(*parts[:3])
        for k, v in r.qualifiers:
            assert k and v, f"{where}: qualifier {r.qualifier!r} is not key=value; ..."
        if r.period.startswith(("Q", "H", "FY", "9M", "as of")):
            assert gold_intervals(r.period) is not None, f"{where}: period {r.period!r} does not parse"


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_every_quote_occurs_exactly_once_in_its_source(path: Path):
    source = PATHS.sources / path.parent.name / path.with_suffix(".txt").name
    if not source.exists():   # tests/gold/unseen/ describes tests/fixtures/unseen/ (not a bundled corpus)
        source = PATHS.root / "tests" / "fixtures" / path.parent.name / source.name
    text = source.read_text(encoding="utf-8")
    bad = [(r.id, text.count(r.quote)) for r in load_gold(path) if text.count(r.quote) != 1]
    assert bad == [], f"quotes not found exactly once: {bad}"
