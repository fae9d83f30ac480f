"""Recall classes on documents nobody wrote rules beside (docs/decisions/2026-12-07-recall-on-unseen-documents.md).
Each class has a case where the rule applies and one where it must not. Invented companies, platforms, figures."""
from __future__ import annotations

from datetime import date
from typing import Optional

from marketgraph.graph.evaluation.names import Identity, NameResolver, same_subject
from marketgraph.graph.extract.pipeline import extract_document
from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.records import Document, EntityRef, ExtractionResult, Period

GAZ = load_gazetteer(ProjectPaths.default().gazetteer)
BRIVANE = EntityRef("brivane", "organisation", "Brivane Ltd.", ("Company",))
Q1 = Period("2024-Q1", "quarter", date(2024, 1, 1), date(2024, 3, 31))
HEAD = "Brivane reports first quarter 2024 results\n\n"


def extract(text: str, *, issuer: Optional[EntityRef] = BRIVANE) -> ExtractionResult:
    doc = Document(doc_id="t", source_file="t.txt", start=0, end=len(text), title="t", genre="results_release",  # type: ignore[arg-type]
                   date="2024-05-03", issuer=issuer, period=Q1, role="first_party")
    return extract_document(doc, text, GAZ)


def rows(res: ExtractionResult) -> set[tuple]:
    return {(f.kind, f.subject.kind, f.subject.label, f.metric, str(f.value), f.period.label if f.period else None)
            for f in res.facts if f.kind in ("metric", "change", "market_share", "ranking", "count")}


# ---- a platform named in the measure's "on"/"of" phrase is the figure's subject

def test_a_measure_on_a_named_platform_is_the_platforms():
    got = rows(extract(HEAD + "Connected devices on the Tarro Mesh platform reached 52.4 million in the "
                              "quarter.\n"))
    assert ("metric", "platform", "Tarro Mesh", "connected-devices", "52400000", "2024-Q1") in got, got
    assert not any(r[2].startswith("Brivane") and r[4] == "52400000" for r in got), got


def test_a_measure_of_the_company_without_a_platform_stays_the_issuers():
    got = rows(extract(HEAD + "Connected devices reached 52.4 million in the quarter.\n"))
    assert ("metric", "organisation", "Brivane Ltd.", "connected-devices", "52400000", "2024-Q1") in got, got


# ---- the scorer: a gold subject naming a platform by its own name is that platform

def _platform_identity(label: str) -> Identity:
    ref = EntityRef("brivane-tarro-mesh-platform", "platform", label, ("Platform",), owner="brivane")
    return NameResolver(GAZ).of_fact(ref, makers=frozenset({("brivane",)}))


def test_gold_platform_name_with_its_kind_word_is_the_platform():
    gold = NameResolver(GAZ).of_gold("Tarro Mesh platform", "metric")
    makers = frozenset({("brivane",)})
    assert same_subject(gold, _platform_identity("Tarro Mesh"), makers)
    assert same_subject(NameResolver(GAZ).of_gold("Brivane Tarro Mesh platform", "metric"),
                        _platform_identity("Tarro Mesh"), makers)


def test_gold_naming_another_platform_is_not_the_platform():
    gold = NameResolver(GAZ).of_gold("Tarro Cloud platform", "metric")
    assert not same_subject(gold, _platform_identity("Tarro Mesh"), frozenset({("brivane",)}))


# ---- a minted measure across an aside in commas before its verb

def test_an_aside_between_a_new_measure_and_its_verb_is_skipped():
    got = rows(extract(HEAD + "Brivane Ltd. reported its results on Friday. In the first quarter, fleet margin, "
                              "closely tracked by analysts, rose to 14.2% from 11.9% a year earlier.\n"))
    assert ("metric", "organisation", "Brivane Ltd.", "fleet-margin", "14.2", "2024-Q1") in got, got


def test_an_aside_holding_a_name_or_a_figure_is_not_skipped():
    # the aside names another company: its words are not blanked, so no measure is minted across it
    got = rows(extract(HEAD + "Brivane Ltd. reported its results on Friday. Fleet margin, unlike Koruma's, rose "
                              "to 14.2% from 11.9% a year earlier.\n"))
    assert not any(r[3] == "fleet-margin" for r in got), got


# ---- a count noun's phrase ends before a preposition; "crossed"/"passed" state a level

def test_employees_across_countries_are_the_number_of_employees():
    got = rows(extract(HEAD + "Brivane Ltd. is based in Oslo and employs about 2,300 people across 11 countries.\n"))
    assert any(r[3] == "number-of-employees" and r[4] == "2300" for r in got), got
    assert not any(r[3] == "people-across" for r in got), got


def test_a_new_measure_that_crossed_a_level_is_minted():
    got = rows(extract(HEAD + "The active merchant base crossed 1.7 million in the quarter.\n"))
    assert ("metric", "organisation", "Brivane Ltd.", "active-merchant-base", "1700000", "2024-Q1") in got, got


def test_crossed_with_a_change_word_is_no_level():
    # "crossed" is read only as a level verb of the phrase before it: a change noun there names no measure
    got = rows(extract(HEAD + "The decline crossed 12% in the quarter.\n"))
    assert not any(r[3] == "decline" for r in got), got


def test_a_phrase_cut_at_of_before_a_threshold_verb_is_not_minted():
    # "Cumulative sales of Brivane e-bikes passed 150,000": the measure is before "of", its object after it
    res = extract(HEAD + "Cumulative sales of Brivane e-bikes passed 150,000 units in April 2024.\n")
    assert not any(f.metric and "e-bikes" in f.metric for f in res.facts), [f.metric for f in res.facts]


# ---- numbers spoken in words (call transcripts)

def _quantities(text: str) -> list[tuple[str, str, object]]:
    from marketgraph.graph.extract.patterns import load_patterns
    from marketgraph.graph.extract.quantities import QuantityGrammar
    g = QuantityGrammar(load_patterns(ProjectPaths.default().mappings / "patterns"))
    return [(q.kind, str(q.value), q.unit) for q in g.find(text)]


def test_spoken_percents_and_points_are_figures():
    assert ("percent", "17", "percent") in _quantities("Sales were up seventeen per cent on last year.")
    assert ("percent", "23", "percent") in _quantities("Services were twenty-three percent of sales.")
    assert ("pp", "1.5", "pp") in _quantities("The margin fell one point five percentage points.")


def test_spoken_number_words_alone_or_spoken_amounts_are_no_figures():
    assert _quantities("It is one of the three largest plants; the first one hundred days went well.") == []
    # spoken amounts with a scale are not read (the held-out half: a wrong figure, no right one)
    assert _quantities("Revenue was three hundred and ten million dollars.") == []
    assert _quantities("We shipped about one point four million routers.") == []


def test_a_spoken_percent_change_is_read_in_a_call():
    got = rows(extract(HEAD + "Revenue rose eleven per cent to RMB 4.2 billion in the quarter.\n"))
    assert ("change", "organisation", "Brivane Ltd.", "revenue", "11", "2024-Q1") in got, got


# ---- "(prior year: N)" after a figure is its prior-period value, in any document

def test_a_prior_year_value_in_words_is_the_prior_periods():
    res = extract(HEAD + "As of 31 March 2024, Brivane employed 3,260 people worldwide (prior year: 2,980), most "
                         "of them in Norway.\n")
    got = {(f.metric, str(f.value), f.period.label if f.period else None) for f in res.facts}
    assert ("number-of-employees", "2980", "2023-03-31") in got, got


def test_a_bare_number_in_parentheses_without_the_convention_is_no_prior_value():
    res = extract(HEAD + "As of 31 March 2024, Brivane employed 3,260 people worldwide (2,980), most of them in "
                         "Norway.\n")
    assert not any(str(f.value) == "2980" for f in res.facts), [(f.metric, f.value) for f in res.facts]
