"""Every gold file is well formed and every quote is in its document as the pipeline reads it, once.

The checks are those of tests/gold/check_gold.py (the conventions of STRICT.md, the quote in the text as read by
graph/read: verbatim for text and Markdown, whitespace-insensitively for an HTML page's main content) plus the
scorer's own reading of each row. The sealed set (tests/sealed/gold) is checked the same way, but a failure names
only the file, line, row id and what is wrong — never a row's content or a document's name.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from marketgraph.graph.evaluate import COLUMNS, GOLD_KINDS, SCALES, gold_intervals, load_gold, unit_class
from marketgraph.graph.paths import ProjectPaths

PATHS = ProjectPaths.default()
GOLD = PATHS.root / "tests" / "gold"
SEALED = PATHS.root / "tests" / "sealed"
sys.path.insert(0, str(GOLD))
from check_gold import Problem, check  # noqa: E402

# corpus -> (its documents, its gold files)
CORPORA = {
    "seeds": (PATHS.sources / "seeds", GOLD / "seeds"),
    "dev": (PATHS.sources / "dev", GOLD / "dev"),
    "broad": (PATHS.sources / "broad", GOLD / "broad"),
    "fresh": (PATHS.sources / "fresh", GOLD / "fresh"),
    "unseen": (PATHS.root / "tests" / "fixtures" / "unseen", GOLD / "unseen"),
    "sealed": (SEALED / "docs", SEALED / "gold"),
}
DOCUMENT_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf")
FILES = [(corpus, p) for corpus, (_, gold) in CORPORA.items() for p in sorted(gold.glob("*.tsv"))]
NUMERIC_UNIT_CLASSES = ("currency", "percent", "pp")


def _id(item) -> str:
    corpus, p = item
    return f"{corpus}/{p.name}" if corpus != "sealed" else f"sealed/{FILES.index(item)}"


def _documents(folder: Path) -> dict[str, Path]:
    """The documents of a corpus folder by stem (MANIFEST files describe the corpus, they are not documents)."""
    return {p.stem: p for p in folder.iterdir()
            if p.suffix.lower() in DOCUMENT_SUFFIXES and not p.name.startswith("MANIFEST")}


def _say(corpus: str, problems: list[Problem]) -> list[str]:
    return [p.public if corpus == "sealed" else str(p) for p in problems]


@pytest.mark.parametrize("corpus", list(CORPORA))
def test_every_document_has_a_gold_file_and_every_gold_file_a_document(corpus):
    docs, gold = CORPORA[corpus]
    stems = set(_documents(docs))
    golds = {p.stem for p in gold.glob("*.tsv")}
    if corpus == "sealed":
        assert stems and stems == golds, (f"sealed: {len(stems - golds)} documents without gold, "
                                          f"{len(golds - stems)} gold files without a document")
    else:
        assert stems and stems == golds, f"{corpus}: without gold {sorted(stems - golds)}, " \
                                         f"gold without document {sorted(golds - stems)}"


@pytest.mark.parametrize("item", FILES, ids=_id)
def test_gold_file_follows_the_conventions_and_its_quotes_are_in_the_text_as_read(item):
    corpus, path = item
    doc = _documents(CORPORA[corpus][0]).get(path.stem)
    assert doc is not None, f"{_id(item)}: no document"
    found = check(path, doc)
    notes = [p for p in found if p.note]
    for line in _say(corpus, notes):
        print(line)                  # quotes the reader leaves out of a converted page: scored as misses
    assert _say(corpus, [p for p in found if not p.note]) == []


@pytest.mark.parametrize("item", FILES, ids=_id)
def test_the_scorer_reads_every_row(item):
    """What graph/evaluation makes of each row: kinds, scales, numbers, dates and periods it can compare."""
    corpus, path = item
    where = _id(item)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert tuple(lines[0].split("\t")) == COLUMNS, f"{where}: header"
    rows = load_gold(path)
    assert rows, f"{where}: empty gold file"
    bad: list[str] = []
    for r in rows:
        cls = unit_class(r.unit) or ""
        if r.kind not in GOLD_KINDS:
            bad.append(f"{r.id}: unknown kind")
        if r.scale not in SCALES:
            bad.append(f"{r.id}: unknown scale")
        if (cls.split(":")[0] in NUMERIC_UNIT_CLASSES or r.unit == "rank" or r.scale) and \
                r.number is None and r.range is None:
            bad.append(f"{r.id}: value is not a number the scorer reads")
        if r.period.startswith(("Q", "H", "FY", "9M")) and gold_intervals(r.period) is None:
            bad.append(f"{r.id}: period the scorer cannot read")
        if r.quote.strip() != r.quote or not r.quote:
            bad.append(f"{r.id}: quote empty or padded")
    assert bad == [], f"{where}: {bad}"


def test_a_problem_in_the_sealed_set_is_reported_without_its_content(tmp_path):
    doc = tmp_path / "d.txt"
    doc.write_text("Acme revenue was $5 million in the quarter.", encoding="utf-8")
    gold = tmp_path / "d.tsv"
    gold.write_text("\t".join(COLUMNS) + "\nX-1\td.txt\tmetric\tAcme\trevenue\tfive\tUSD\tmillion\tQ1 2030\t"
                    "class=subject-explicit\tAcme revenue was $7 million\n", encoding="utf-8")
    found = check(gold, doc)
    public = " ".join(p.public for p in found)
    assert {"value is not a number or a range a..b", "quote found 0 times in the text as read (must be exactly "
            "once)"} <= {p.message for p in found}
    assert "X-1" in public and "five" not in public and "$7" not in public and "Acme" not in public
    assert any("$7 million" in str(p) for p in found)          # the visible corpora do show the content


def test_a_quote_the_reader_leaves_out_of_a_page_is_a_note_only_when_the_page_shows_it_once(tmp_path):
    page = tmp_path / "p.html"
    page.write_text("<html><body><nav>Acme shares up 3%</nav><article><h1>Acme results</h1><p>"
                    + "Acme revenue rose 4% to $9 million in the first quarter of 2030, the company said. " * 3
                    + "</p></article></body></html>", encoding="utf-8")
    gold = tmp_path / "p.tsv"
    head = "\t".join(COLUMNS)
    gold.write_text(head + "\nX-1\tp.html\tchange\tAcme\trevenue\t3\t%\t\t\tnote=page chrome\tAcme shares up 3%\n"
                    "X-2\tp.html\tmetric\tAcme\trevenue\t9\tUSD\tmillion\tQ1 2030\tclass=subject-explicit\t"
                    "Acme revenue rose 4% to $9 million\n", encoding="utf-8")
    found = {p.row: p for p in check(gold, page)}
    assert "X-1" not in found or found["X-1"].note        # chrome the reader drops: not a problem
    assert "X-2" in found and not found["X-2"].note        # three times in the article: a problem
    assert "found 3 times" in found["X-2"].message
