"""The whole extraction does work linear in the text (issue 9, item 7), on adversarial texts of each kind: a long
run of ranks, of changes, of figures, of vendor-list items, of company names, of periods, of table rows, of label
lines, of combined shares and of plain words.

Work is counted, not timed: the Python function calls ``extract_document`` makes (``sys.setprofile``, C calls
included, so each regular-expression call counts once). Each kind is extracted at two sizes; doubling the text
may at most a little more than double the work (``GROWTH``). Regular expressions themselves are bounded per line
or per window (tests/test_extract_specs_linear.py counts the characters the spec grammar scans); the time on
100 k-character texts is measured by ``benchmarks/extraction/run.py``.
"""
from __future__ import annotations

import sys

import pytest

from marketgraph.graph.extract.pipeline import extract_document
from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.records import Document
from marketgraph.graph.settings import Settings

UNITS = {
    "ranks": "#1 in ",
    "changes": "up 1% ",
    "words": "aaaa ",
    "sentences": "Revenue was RMB1.2 billion, up 3% year-over-year. ",
    "vendor list": "Acme, 78.2M (23.4% / -2.4% Y/Y); ",
    "company names": "Acme Inc. ",
    "periods": "Q1 2023 Q2 2023 ",
    "table rows": "  12.3   45.6   78.9\n",
    "label lines": "- Revenue: $1.2 billion (1.1)\n",
    "combined shares": "the Samsung and LG combined 26.2% ",
}
SIZES = (6_000, 12_000)
GROWTH = 2.3


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer(Settings().paths.gazetteer)


def _calls(text: str, gazetteer, genre: str) -> int:
    doc = Document(doc_id="adversarial", source_file="adversarial.txt", start=0, end=len(text),
                   title="Adversarial", genre=genre)  # type: ignore[arg-type]
    count = 0

    def profile(frame, event, arg):
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        extract_document(doc, text, gazetteer)
    finally:
        sys.setprofile(None)
    return count


def _text(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


@pytest.mark.slow
@pytest.mark.parametrize("genre", ["news", "results_release"])
@pytest.mark.parametrize("kind", sorted(UNITS))
def test_extraction_work_grows_linearly(gazetteer, kind, genre):
    unit = UNITS[kind]
    _calls(_text(unit, 500), gazetteer, genre)             # knowledge loaded and caches warm before counting
    small, big = (_calls(_text(unit, n), gazetteer, genre) for n in SIZES)
    assert big <= GROWTH * small, f"{kind}: {small} calls at {SIZES[0]} characters, {big} at {SIZES[1]}"


def test_the_counter_sees_quadratic_work():
    """The measure can fail: a quadratic loop over the text's words is caught by the same bound."""
    def quadratic(text: str) -> None:
        words = text.split()
        for i in range(len(words)):
            for w in words[:i]:
                len(w)

    def calls(text: str) -> int:
        count = 0

        def profile(frame, event, arg):
            nonlocal count
            if event in ("call", "c_call"):
                count += 1
        sys.setprofile(profile)
        try:
            quadratic(text)
        finally:
            sys.setprofile(None)
        return count

    small, big = calls(_text("ab ", 600)), calls(_text("ab ", 1200))
    assert big > GROWTH * small
