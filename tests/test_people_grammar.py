"""Names and titles of people (graph/extract/peoplegrammar.py) on invented names and the corpus's shapes."""
from __future__ import annotations

import pytest

from marketgraph.graph.extract.patterns import load_patterns
from marketgraph.graph.extract.peoplegrammar import PeopleGrammar, name_parts
from marketgraph.graph.paths import ProjectPaths


@pytest.fixture(scope="module")
def g() -> PeopleGrammar:
    return PeopleGrammar(load_patterns(ProjectPaths.default().mappings / "patterns"))


def names(text, g, singles=frozenset()):
    return [n.name for n in g.names(text, 0, len(text), singles)]


@pytest.mark.parametrize("text, expected", [
    ("said Maarten de Wit, the chief executive", ["Maarten de Wit"]),
    ("Dr. Katrin Albers and Ms. Grace Ho Wing-sze spoke", ["Dr. Katrin Albers", "Ms. Grace Ho Wing-sze"]),
    ("By Rachel Lim Wei Ting", ["Rachel Lim Wei Ting"]),
    ("Sanne Bakker-Verhoef, Chief Financial Officer", ["Sanne Bakker-Verhoef"]),
    ("Lucía Ferrer Ibáñez\nChief Executive Officer", ["Lucía Ferrer Ibáñez"]),
    ("Siobhan O'Neill joined", ["Siobhan O'Neill"]),
    ("CFO Per Almqvist will comment", ["Per Almqvist"]),          # the title is not part of the name
    ("Lin Jiawei Chairman", ["Lin Jiawei"]),                       # a name cut back to its valid front
    ("Author: Priya N. Shah, analyst", ["Priya N. Shah"]),          # a middle initial
    ("Kestrel CEO Ann-Marie O'Brien said", ["Ann-Marie O'Brien"]),
    ("I'm Jo Park", ["Jo Park"]),                                   # a contraction is no name's word
])
def test_names_by_shape(g, text, expected):
    assert names(text, g) == expected


@pytest.mark.parametrize("text", [
    "Investor Relations", "Chief Executive Officer", "Western Europe", "Acme Holdings", "Global Smart Speaker",
    "Head Office", "The Board", "IDC Research", "Media Contact", "Velmora Transcripts",
])
def test_phrases_that_are_not_names(g, text):
    assert names(text, g) == []


def test_single_words_are_names_only_when_the_document_gave_them_in_full(g):
    parts = name_parts(["Mira Santos", "Felix Ahrens"], g)
    singles = frozenset(w for w, full in parts.items() if len(full) == 1)
    assert names("Santos, its chief executive, told us", g, singles) == ["Santos"]
    assert names("Santos, its chief executive, told us", g) == []
    assert parts["Santos"] == {"Mira Santos"}


@pytest.mark.parametrize("a, b", [
    ("President and CEO", "President and Chief Executive Officer"),
    ("Chairman & Managing Director", "chairman and MD"),
    ("Chair of the Board", "Chairman of the Board"),
    ("independent non-executive directors", "Independent Non-Executive Director"),
    ("Chief Executive", "CEO"),
])
def test_spellings_of_one_title(g, a, b):
    assert g.title_key(a) == g.title_key(b)


@pytest.mark.parametrize("a, b", [("President", "Vice President"), ("CFO", "CEO"), ("Director", "Managing Director")])
def test_different_titles(g, a, b):
    assert g.title_key(a) != g.title_key(b)


@pytest.mark.parametrize("text, title", [
    ("Senior Vice President of Product", True), ("hardware analyst", True), ("Corporate Communications", True),
    ("research director, Devices and Displays", True), ("a top expert in speech", False), ("Acme Communications", False),
])
def test_titles(g, text, title):
    assert g.starts_with_title(text) is title


@pytest.mark.parametrize("unit", ["Aaaa ", "Aaaa Bbbb, ", "Mr. ", "Ann-Li Bo ", "Jo de ", "Dr. Ada Lee Chen Wu "])
def test_name_search_work_grows_linearly(g, unit, monkeypatch):
    """Ten times the text costs ten times the candidate names tried (each a bounded match), not a hundred."""
    calls = {"n": 0}
    real = PeopleGrammar.name_at

    def counted(self, *args, **kw):
        calls["n"] += 1
        return real(self, *args, **kw)

    monkeypatch.setattr(PeopleGrammar, "name_at", counted)
    work = []
    for n in (1000, 10000):
        calls["n"] = 0
        text = unit * n
        g.names(text, 0, len(text))
        work.append(calls["n"])
    assert work[0] > 0 and work[1] <= 10 * work[0] + 10
