"""Work the extraction repeats for every sentence or document, counted (not timed): regular expressions compiled
again, alternations rebuilt, the same sentence normalised and scanned by the gazetteer matcher once per extractor
that asks for it (issue 12; docs/decisions/2026-12-07-extraction-throughput.md). Texts are invented."""
from __future__ import annotations

import re
import re._compiler as re_compiler
import unicodedata

import pytest

from marketgraph.graph.extract import matcher as matcher_mod
from marketgraph.graph.extract.matcher import GazetteerMatcher, normalise
from marketgraph.graph.extract.patterns import _alternation, alternation
from marketgraph.graph.extract.pipeline import engine_for, extract_document
from marketgraph.graph.gazetteer import Gazetteer, load_gazetteer
from marketgraph.graph.records import Document
from marketgraph.graph.settings import Settings

TEXT = ("Borvik Audio Ltd reported revenue of EUR 41.2 million for the third quarter of 2025, up 7% year over year. "
        "Its Tallo 3 speaker shipped 120,000 units in Denmark during the quarter. "
        "Borvik Audio expects revenue of EUR 170 million for the full year 2025. "
        "Gross margin was 38.5% in the third quarter, against 36.1% a year earlier.\n")


def _doc(text: str, genre: str = "results_release") -> Document:
    return Document(doc_id="borvik-q3", source_file="borvik.txt", start=0, end=len(text), title="Borvik Q3",
                    genre=genre)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer(Settings().paths.gazetteer)


def _reference_normalise(text: str) -> tuple[str, list[int]]:
    """The character-by-character definition the matcher's table must reproduce."""
    out, idx, prev_space = [], [], True
    for i, ch in enumerate(text):
        for c in unicodedata.normalize("NFKC", ch).casefold():
            if c.isalnum() or matcher_mod._is_cjk(c) or c in "+&":
                out.append(c)
                idx.append(i)
                prev_space = False
            elif not prev_space:
                out.append(" ")
                idx.append(i)
                prev_space = True
    return "".join(out), idx


def test_normalise_with_its_table_equals_the_character_definition():
    for text in ("Straße ﬁnance Ⅻ — Ｆｕｌｌ-width ＡＢＣ 12½ %", "  Q3  2025:\tnet sales +4 & more…", "小米 手机 ABC-1",
                 "İstanbul ǅ Ω ﬀ ẞ", ""):
        assert normalise(text) == _reference_normalise(text)


def test_alternation_is_made_once_per_distinct_word_list():
    words = ["raise", "raised", "more than", "more", "raise"]
    assert alternation(words) == r"more\ than|raised|raise|more"
    before = _alternation.cache_info()
    for _ in range(50):
        assert alternation(w for w in words) == r"more\ than|raised|raise|more"
    after = _alternation.cache_info()
    assert after.misses == before.misses and after.hits == before.hits + 50
    assert alternation([]) == "(?!)" and alternation(["", ""]) == "(?!)"


def test_matcher_scans_a_span_once_and_hands_out_fresh_lists():
    m = GazetteerMatcher(Gazetteer({}, {}), {"borvik audio": [("organisation", "borvik")]})
    text = "Borvik Audio grew. Borvik Audio shrank."
    first = m.find(text, 0, 18)
    first.append("not a match")             # a caller changing its list changes nothing kept
    for _ in range(5):
        assert [h.surface for h in m.find(text, 0, 18)] == ["Borvik Audio"]
    assert [h.start for h in m.find(text, 19)] == [19]
    assert m.scans == 2
    other = "> " + text                     # another text: scanned for itself, offsets its own
    assert [h.start for h in m.find(other, 0, 20)] == [2]
    assert m.scans == 3


def test_each_sentence_is_scanned_once_by_the_engine_matcher(gazetteer, monkeypatch):
    """Several extractors (measures, products, specs, prices, launches ...) ask the gazetteer matcher about the
    same sentence: the number of scans is the number of distinct spans asked, not the number of questions."""
    engine = engine_for(gazetteer)
    asked: list[tuple[str, int, int]] = []
    real = GazetteerMatcher.find

    def counting(self, text, start=0, end=None):
        if self is engine.matcher:
            asked.append((text, start, len(text) if end is None else end))
        return real(self, text, start, end)

    monkeypatch.setattr(GazetteerMatcher, "find", counting)
    text = TEXT * 3 + "Unit shipments of the Tallo 2 fell 12% in the quarter.\n"
    engine.matcher._memo.clear()
    scans = engine.matcher.scans
    extract_document(_doc(text), text, gazetteer)
    scanned = engine.matcher.scans - scans
    assert len(asked) > 2 * len(set(asked))          # the same spans are asked about many times ...
    assert scanned == len(set(asked))                # ... and each is scanned once


def test_a_second_document_compiles_no_regular_expression_the_first_compiled(gazetteer, monkeypatch):
    """re keeps 512 compiled expressions and drops the oldest first; the extractors use some 2,400, so without a
    wider cache every document compiled hundreds again. Counted: the same document a second time compiles none."""
    extract_document(_doc(TEXT), TEXT, gazetteer)
    assert re._MAXCACHE >= 4096                       # type: ignore[attr-defined]
    compiled: list[str] = []
    real = re_compiler.compile

    def counting(p, flags=0):
        compiled.append(p)
        return real(p, flags)

    monkeypatch.setattr(re_compiler, "compile", counting)
    extract_document(_doc(TEXT), TEXT, gazetteer)
    assert compiled == []
