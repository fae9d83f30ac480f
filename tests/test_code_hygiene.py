"""Project rules that code review would otherwise have to catch by eye.

- every setting is documented in the README under its environment variable;
- no module reads the environment except the settings object;
- no number, product, organisation or market name from the corpora appears as a literal in Python code
  (names live in the gazetteer, cue words in mappings/patterns);
- no module is longer than MAX_LINES lines;
- the modules' imports form no cycle (imports at module level; the few imports inside functions that close a
  cycle are listed in DEFERRED_CYCLES, to be removed, and no new one may appear).
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


MAX_LINES = 400


def test_no_module_is_longer_than_the_limit():
    long = {str(p.relative_to(ROOT)): n for p in _py_files()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"modules over {MAX_LINES} lines (split them along a seam of concerns): {long}"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(["marketgraph", *parts])


def _module_level(tree: ast.Module) -> list[ast.stmt]:
    """The statements a module runs when it is imported: its body, into if/try blocks, never a function's body
    nor an ``if TYPE_CHECKING:`` block."""
    out, todo = [], list(tree.body)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            todo.extend(node.orelse)
            continue
        if isinstance(node, (ast.If, ast.Try)):
            todo.extend([*node.body, *node.orelse, *getattr(node, "finalbody", [])])
            todo.extend(n for h in getattr(node, "handlers", []) for n in h.body)
        out.append(node)
    return out


def _import_graph(deferred: bool) -> dict[str, set[str]]:
    """Module -> the project modules it imports; with ``deferred`` also the imports inside functions."""
    files = {_module_name(p): p for p in _py_files()}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        found: set[str] = set()
        for node in (ast.walk(tree) if deferred else _module_level(tree)):
            if isinstance(node, ast.ImportFrom):
                base = package.split(".")
                target = ".".join(base[:len(base) - node.level + 1] + ([node.module] if node.module else [])) \
                    if node.level else (node.module or "")
                for alias in node.names:
                    sub = f"{target}.{alias.name}"
                    if sub in files:
                        found.add(sub)          # "from . import lexer": the module itself
                    elif target in files:
                        found.add(target)
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name in files)
        graph[name] = found - {name}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[set[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            v, children = work[-1]
            w = next(children, None)
            if w is not None:
                if w not in index:
                    index[w] = low[w] = len(index)
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(sorted(graph[w]))))
                elif w in on_stack:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = set()
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    comp.add(w)
                    if w == v:
                        break
                if len(comp) > 1:
                    out.append(comp)
    return out


def test_the_cycle_finder_finds_a_cycle_and_the_import_reader_sees_relative_imports():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [{"a", "b", "c"}]
    assert _cycles({"a": {"b"}, "b": set(), "c": {"a", "b"}}) == []
    graph = _import_graph(deferred=False)
    assert "marketgraph.graph.extract.framemeasures" in graph["marketgraph.graph.extract.framefill"]   # from .x
    assert "marketgraph.graph.records" in graph["marketgraph.graph.extract.periodcalendar"]           # from ..x


def test_module_level_imports_form_no_cycle():
    cycles = _cycles(_import_graph(deferred=False))
    assert not cycles, "import cycles among modules: " + "; ".join(" <-> ".join(sorted(c)) for c in cycles)


# cycles closed only by an import inside a function (deferred to call time): each a debt to pay back by moving the
# shared code into a module both import; none may be added, and a cycle that is removed comes off this list
DEFERRED_CYCLES = [{f"marketgraph.{m}" for m in c} for c in (
    ("graph.fiscal", "graph.records"),
    ("graph.docmodel.context", "graph.segment"),
    ("graph.extract.context", "graph.extract.discovery"),
    ("api.sparql.guard", "api.sparql.lanes"),
    ("graph.build", "graph.ingest"),
    ("graph.extract.productruns", "graph.extract.products"),
    ("graph.extract.launchcontext", "graph.extract.launches", "graph.extract.launchevents"),
)]


def test_no_new_cycle_hides_behind_an_import_inside_a_function():
    cycles = _cycles(_import_graph(deferred=True))
    new = [c for c in cycles if not any(c <= known for known in DEFERRED_CYCLES)]
    assert not new, "import cycles closed by an import inside a function: " + \
        "; ".join(" <-> ".join(sorted(c)) for c in new)
