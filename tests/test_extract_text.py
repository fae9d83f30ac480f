"""Sentences keep their offsets; chrome is skipped, not deleted; corrections join sentences."""
import pytest

from marketgraph.graph.extract.patterns import load_patterns
from marketgraph.graph.extract.text import SentenceSplitter
from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.records import Span


@pytest.fixture(scope="module")
def splitter() -> SentenceSplitter:
    return SentenceSplitter(load_patterns(ProjectPaths.default().mappings / "patterns"))


def test_offsets_are_true(splitter):
    text = "Header line\n\nRevenue was RMB 1 billion. Mr. Lei said No. 1 is ours. U.S. sales rose 5%.\n- Bullet 2"
    sents = splitter.split(text, 0, len(text))
    assert [s.text for s in sents] == ["Header line", "Revenue was RMB 1 billion.",
                                       "Mr. Lei said No. 1 is ours.", "U.S. sales rose 5%.", "Bullet 2"]
    for s in sents:
        assert text[s.start:s.end] == s.text


def test_chrome_is_skipped_not_deleted(splitter):
    text = "Price: 19.16 HKD 0.31% Market Closed\nRevenue rose 8% to RMB 10 billion."
    chrome = (Span(0, text.index("\n")),)
    sents = splitter.split(text, 0, len(text), chrome)
    assert [s.text for s in sents] == ["Revenue rose 8% to RMB 10 billion."]
    assert sents[0].start == text.index("Revenue")


def test_correction_sentence_joins_the_one_before(splitter):
    text = "The ASP increased by 12%. The exact number is 11.8% year-over-year. Next topic."
    sents = splitter.split(text, 0, len(text))
    assert sents[0].text == "The ASP increased by 12%. The exact number is 11.8% year-over-year."
    assert sents[1].text == "Next topic."


def test_clauses_split_at_semicolons(splitter):
    text = "Revenue rose 5%; profit fell 2%."
    s = splitter.split(text, 0, len(text))[0]
    assert [c.text for c in splitter.clauses(text, s)] == ["Revenue rose 5%", "profit fell 2%."]


@pytest.mark.parametrize("text, expected", [
    ("So over 25% growth actually in Q2. our R&D expenses in Q2 was 25% growth year-over-year.",
     ["So over 25% growth actually in Q2.", "our R&D expenses in Q2 was 25% growth year-over-year."]),
    ("Margins widened to 41% in the quarter. we expect opex to grow 12% next year.",
     ["Margins widened to 41% in the quarter.", "we expect opex to grow 12% next year."]),
    ("Shipments rose 8% in FY2024? this segment grew faster.",
     ["Shipments rose 8% in FY2024?", "this segment grew faster."]),
])
def test_transcript_sentence_may_start_in_lower_case(splitter, text, expected):
    sents = splitter.split(text, 0, len(text))
    assert [s.text for s in sents] == expected
    for s in sents:
        assert text[s.start:s.end] == s.text


@pytest.mark.parametrize("text", [
    "Opex was approx. our largest cost at 30%.",
    "Revenue grew 9% vs. our guidance of 7%.",
    "The No. 1 brand, phones, tablets, etc. our sales grew 5%.",
    "Gross margin was 21.5 per cent, so... our view is unchanged.",
    "Growth was 3.5% in the quarter and the region is the leader.",
    "Smith et al. we note grew 4%.",
])
def test_lower_case_after_abbreviation_ellipsis_or_decimal_does_not_split(splitter, text):
    assert [s.text for s in splitter.split(text, 0, len(text))] == [text]
