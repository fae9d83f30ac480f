"""The engine's plumbing: gazetteer matching over normalised text, the extractor registry, restatements,
evidence offsets on every bundled document, and cross-document conflicts."""
from dataclasses import replace
import re
from decimal import Decimal

import pytest

from marketgraph.graph.extract.conflicts import find_conflicts
from marketgraph.graph.extract.matcher import GazetteerMatcher
from marketgraph.graph.extract.pipeline import extract_document, extract_text, load_extractors, patterns_dir
from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.records import EntityRef, Evidence, Fact, Period

GAZ = load_gazetteer(ProjectPaths.default().gazetteer)


@pytest.fixture(scope="module")
def matcher() -> GazetteerMatcher:
    return GazetteerMatcher(GAZ)


@pytest.mark.parametrize("surface", ["Xiao Ai", "XiaoAi", "小愛同學", "our AI assistant", "XIAO AI"])
def test_aliases_scripts_and_case(matcher, surface):
    text = f"In June, {surface} had 78 million MAU."
    hits = [h for h in matcher.find(text) if h.kind != "metric"]
    assert [(h.target, h.surface) for h in hits] == [("xiao-ai", surface)]
    assert text[hits[0].start:hits[0].end] == surface


def test_longest_match_and_word_boundaries(matcher):
    text = "Mainland China MAU; share-based pay; Hong Kong-listed shares; Indiana"
    hits = {(h.surface, h.target) for h in matcher.find(text)}
    assert ("Mainland China", "mainland-china") in hits
    assert not any(t == "market-share" for _, t in hits)      # "share-based" is not a share
    assert not any(t == "hong-kong" for _, t in hits)         # "Hong Kong-listed" is an adjective
    assert not any(t == "india" for _, t in hits)             # no match inside a word


def test_registry_lists_modules_that_expose_extract():
    names = [n for n, _ in load_extractors(patterns_dir())]
    assert names[0] == "measures" and "specs" in names and "people" in names
    assert all(callable(fn) for _, fn in load_extractors(patterns_dir()))


def test_headline_restating_the_body_is_not_read_twice():
    """The headline block (the lines before the first prose or bullet line) restates the body: its figures are
    not read; the body's are, once."""
    text = ("Acme results: revenue up 34.5% to 72.2 billion yuan\n\n"
            "Third-quarter revenue rose 34.5% from a year earlier to 72.2 billion yuan.")
    facts = extract_text(text, GAZ, issuer="xiaomi", period="2020-Q3", date="2020-11-24", only=["measures"]).facts
    head = [f for f in facts if f.evidence.start < text.index("\n\n")]
    body = [(f.kind, f.value) for f in facts if f.evidence.start > text.index("\n\n")]
    assert head == []
    assert sorted(body) == [("change", Decimal("34.5")), ("metric", Decimal("72200000000"))]


@pytest.fixture(scope="module")
def corpus():
    from marketgraph.graph.segment import load_documents
    from marketgraph.graph.settings import Settings
    return load_documents(Settings(), ["seeds", "dev"])


def test_every_quote_is_the_text_at_its_offsets(corpus):
    n = 0
    for doc, text in corpus:
        for f in extract_document(doc, text, GAZ, only=["measures"]).facts:
            assert text[f.evidence.start:f.evidence.end] == f.evidence.quote
            assert doc.start <= f.evidence.start and f.evidence.end <= doc.end
            assert not any(c.start <= f.evidence.start < c.end for c in doc.chrome), f
            n += 1
    assert n > 200


def _fact(doc: str, value: str, period: str = "2020-Q2", metric: str = "revenue") -> Fact:
    return Fact("metric", doc, EntityRef("xiaomi", "organisation", "Xiaomi"), Evidence(f"{doc}.txt", 0, 1, "x"),
                metric=metric, value=Decimal(value), unit="CNY", period=Period(period, "quarter"))


def test_conflicts_across_documents_only():
    a, b, c = _fact("d1", "53500000000"), _fact("d2", "53700000000"), _fact("d3", "53500000000")
    same_doc = _fact("d1", "60000000000")
    conflicts = find_conflicts([a, b, c, same_doc, _fact("d2", "1", period="2019-Q2")])
    pairs = {frozenset((x.a.doc_id, x.b.doc_id)) for x in conflicts}
    assert frozenset(("d1", "d2")) in pairs and frozenset(("d2", "d3")) in pairs
    assert frozenset(("d1", "d3")) in pairs  # d1's second figure (60 bn) differs from d3's
    assert all(x.a.doc_id != x.b.doc_id for x in conflicts)
    assert not find_conflicts([a, c])                                   # same value: no conflict
    assert not find_conflicts([a, replace(b, metric="gross-profit")])   # different metric: no conflict


def test_every_metric_named_is_in_the_scheme_or_a_noun_phrase_of_the_text(corpus):
    """A measure outside the scheme is minted from the text's own noun phrase: its label is a short phrase of
    words (no verb, no clause), kept on the fact as ``metric_label``."""
    outside = []
    for doc, text in corpus:
        for f in extract_document(doc, text, GAZ, only=["measures"]).facts:
            if f.metric and f.metric not in GAZ.metrics:
                outside.append(f)
    assert all(f.qualifier("metric_label") for f in outside), [f.metric for f in outside if not f.qualifier("metric_label")]
    # at most five words: a measure's noun phrase ("r&d expenses share of revenue"), never a clause; a measure per
    # a unit has at most four words before "per" and three after ("average monthly revenue per paying subscriber")
    def too_long(label: str) -> bool:
        words = label.split()
        if "per" in words:
            return words.index("per") > 4 or len(words) - words.index("per") > 3
        return len(words) > 5
    bad = [f.qualifier("metric_label") for f in outside
           if too_long(f.qualifier("metric_label")) or
           re.search(r"\b(?:is|are|was|were|has|have|had|will|we|it|they|which|that)\b", f.qualifier("metric_label"))]
    assert bad == []


def test_hedged_figures_conflict_only_when_incompatible():
    exact = _fact("d1", "205800000000", period="2019")
    more = replace(_fact("d2", "200000000000", period="2019"), hedge="more than")
    assert not find_conflicts([exact, more])
    less = replace(_fact("d2", "200000000000", period="2019"), hedge="less than")
    assert find_conflicts([exact, less])
    about = replace(_fact("d3", "210000000000", period="2019"), hedge="about")
    assert not find_conflicts([exact, about])
    far = replace(_fact("d3", "250000000000", period="2019"), hedge="about")
    assert find_conflicts([exact, far])


def test_transcript_figures_name_their_speaker(corpus):
    call = next((d, t) for d, t in corpus if d.turns)
    facts = extract_document(call[0], call[1], GAZ, only=["measures"]).facts
    spoken = [f for f in facts if f.qualifier("speaker")]
    assert spoken and all(f.qualifier("speaker_role") in ("executive", "analyst", "operator") for f in spoken)
    turn = next(t for t in call[0].turns if t.start <= spoken[0].evidence.start < t.end)
    assert spoken[0].qualifier("speaker") == turn.speaker
