"""Project rules that code review would otherwise have to catch by eye.

- every setting is documented in the README under its environment variable;
- no module reads the environment except the settings object;
- no number, product, organisation or market name from the corpora appears as a literal in Python code
  (names live in the gazetteer, cue words in mappings/patterns).
"""
from __future__ import annotations

import ast
import csv
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest

from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.settings import Settings

ROOT = ProjectPaths.default().root
CODE_DIRS = [ROOT / "graph", ROOT / "api"]


def _py_files() -> list[Path]:
    return sorted(p for d in CODE_DIRS for p in d.rglob("*.py"))


def test_every_setting_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [f"MARKETGRAPH_{name.upper()}" for name in Settings.model_fields
               if f"MARKETGRAPH_{name.upper()}" not in readme]
    assert not missing, f"settings not documented in README.md: {missing}"


def test_only_the_settings_object_reads_the_environment():
    offenders = []
    for path in _py_files():
        if path.name == "settings.py":
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"\bos\.environ\b|\bgetenv\s*\(", text):
            offenders.append(str(path.relative_to(ROOT)))
    assert not offenders, f"environment read outside graph/settings.py: {offenders}"


def _literals(path: Path) -> tuple[list[str], list[Decimal]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    strings, numbers = [], []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant):
            if isinstance(node.value, str):
                strings.append(node.value)
            elif isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
                numbers.append(Decimal(str(node.value)))
    # docstrings are prose, not facts the code uses
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            doc = ast.get_docstring(node, clean=False)
            if doc in strings:
                strings.remove(doc)
    return strings, numbers


# numbers code uses for reasons of its own, never as a fact: HTTP status codes, powers of two (buffer and limit
# sizes)
_PROTOCOL_NUMBERS = {Decimal(n) for n in (100, 101, 200, 201, 202, 204, 206, 301, 302, 303, 304, 307, 308, 400, 401,
                                           403, 404, 405, 406, 408, 409, 410, 411, 412, 413, 414, 415, 416, 422, 429,
                                           431, 500, 501, 502, 503, 504)} | {Decimal(2 ** k) for k in range(7, 31)}


def _distinctive(v: Decimal) -> bool:
    """Figures a reader would recognise (53.5, 17.6, 422, 2799): three or more significant digits and not a
    multiple of ten. Round numbers (0.1, 120, 1000), HTTP status codes and powers of two are everywhere in code
    for reasons of their own."""
    digits = v.normalize().as_tuple().digits
    return len(digits) >= 3 and v % 10 != 0 and v not in _PROTOCOL_NUMBERS


def _gold_numbers() -> set[Decimal]:
    nums: set[Decimal] = set()
    for tsv in (ROOT / "tests" / "gold").rglob("*.tsv"):
        with tsv.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                try:
                    v = Decimal((row.get("value") or "").replace(",", ""))
                except InvalidOperation:
                    continue
                if _distinctive(v):
                    nums.add(v)
    return nums


def _corpus_names() -> set[str]:
    gaz = load_gazetteer(ProjectPaths.default().gazetteer)
    names = set()
    for e in gaz.entities.values():
        if e.kind in {"product", "series", "organisation", "market", "person", "fund", "platform", "brand"}:
            for n in (e.label, *e.aliases):
                if len(n) >= 4:
                    names.add(n.lower())
    return names


def test_no_corpus_figure_is_a_literal_in_code():
    figures = _gold_numbers()
    assert figures, "gold files hold figures"
    offenders = []
    for path in _py_files():
        _, numbers = _literals(path)
        hits = sorted({str(n) for n in numbers if n in figures})
        if hits:
            offenders.append(f"{path.relative_to(ROOT)}: {hits}")
    assert not offenders, "corpus figures hard-coded in Python:\n" + "\n".join(offenders)


def test_no_corpus_name_is_a_literal_in_code():
    names = _corpus_names()
    if not names:
        pytest.fail("the gazetteer has no named entities")
    offenders = []
    for path in _py_files():
        strings, _ = _literals(path)
        for s in strings:
            low = s.lower()
            for n in names:
                if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", low):
                    offenders.append(f"{path.relative_to(ROOT)}: {n!r} in {s[:60]!r}")
    assert not offenders, "corpus names hard-coded in Python:\n" + "\n".join(sorted(set(offenders)))
