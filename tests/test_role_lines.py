"""Roles stated by layout (graph/extract/rolelines.py): bylines, credits, label lines and signature blocks, on the
corpus's shapes and invented variants."""
from __future__ import annotations

import pytest

from marketgraph.graph.extract.patterns import load_patterns
from marketgraph.graph.extract.peoplegrammar import PeopleGrammar
from marketgraph.graph.extract.rolelines import LineRules, read_lines
from marketgraph.graph.paths import ProjectPaths


@pytest.fixture(scope="module")
def rules() -> LineRules:
    patterns = load_patterns(ProjectPaths.default().mappings / "patterns")
    return LineRules(PeopleGrammar(patterns), list(patterns["names"]["legal_suffixes"]))


def read(text, rules, transcript=False):
    return [(r.name, r.role or r.title, r.org, text[r.start:r.end]) for r in read_lines(text, 0, len(text), rules, transcript)]


def test_bylines(rules):
    assert read("Headline here\n\nBy Lorena Vance, Technology Correspondent\n\nSEOUL - text.", rules) == [
        ("Lorena Vance", "Technology Correspondent", None, "By Lorena Vance, Technology Correspondent")]
    assert read("By Joel Kastner | Staff Writer\n", rules) == [
        ("Joel Kastner", "Staff Writer", None, "By Joel Kastner | Staff Writer")]
    assert read("By Ana Ruiz, Harbour Wire\n", rules) == [("Ana Ruiz", "reporter", "Harbour Wire", "By Ana Ruiz, Harbour Wire")]
    assert read("By Ana Ruiz and Bo Lind\n", rules) == [("Ana Ruiz", "reporter", None, "By Ana Ruiz and Bo Lind"),
                                                        ("Bo Lind", "reporter", None, "By Ana Ruiz and Bo Lind")]


@pytest.mark.parametrize("text", [
    "By MarketLoop Transcripts | Posted Aug 3, 2023 6:12 PM ET",
    "By Acme Research Staff",
    "By the end of the year we expect growth.",
    "By region, North America grew 14%.",
])
def test_lines_starting_with_by_that_are_not_bylines(rules, text):
    assert read(text, rules) == []


def test_credits(rules):
    text = "(Reporting by Hana Ito in London and Omar Reyes in Taipei; Editing by Lise Berg)"
    assert read(text, rules) == [("Hana Ito", "reporter", None, "Reporting by Hana Ito in London"),
                                 ("Omar Reyes", "reporter", None, "Omar Reyes in Taipei"),
                                 ("Lise Berg", "editor", None, "Editing by Lise Berg")]
    assert [r[:2] for r in read("Reporting by Wei Chen; Editing by Sam Holt\n", rules)] == [
        ("Wei Chen", "reporter"), ("Sam Holt", "editor")]


@pytest.mark.parametrize("text, expected", [
    ("Contact: Yuko Sato, Corporate Communications, Hanami Optics K.K.",
     ("Yuko Sato", "Corporate Communications", "Contact: Yuko Sato, Corporate Communications")),
    ("**Investor contact:** Helen Ode, Vice President, Investor Relations — ir@example.com",
     ("Helen Ode", "Vice President, Investor Relations", "**Investor contact:** Helen Ode, Vice President, Investor Relations")),
    ("Spokesperson: Vivian Ng, Chief Financial Officer", ("Vivian Ng", "Chief Financial Officer",
                                                          "Spokesperson: Vivian Ng, Chief Financial Officer")),
    ("Media contact: Rhys Moor, +44 20 0000 0000", ("Rhys Moor", "Media contact", "Media contact: Rhys Moor")),
    ("Author: Dan Ode, Research Analyst", ("Dan Ode", "Research Analyst", "Author: Dan Ode, Research Analyst")),
    ("Contact: Investor Relations, Tobias Rein, Head of Investor Relations, ir@example.de",
     ("Tobias Rein", "Head of Investor Relations", "Contact: Investor Relations, Tobias Rein, Head of Investor Relations")),
    ("Media Contact:\nDana Whit, Ambrel Communications\npress@example.com", ("Dana Whit", "Media Contact", "Dana Whit")),
    ("For further information, please contact:\nJo Ek, Head of Investor Relations, +46 8 000 000 00",
     ("Jo Ek", "Head of Investor Relations", "Jo Ek, Head of Investor Relations")),
])
def test_label_lines(rules, text, expected):
    got = read(text, rules)
    assert [(n, v, q) for n, v, _, q in got] == [expected]


def test_several_labels_on_one_line(rules):
    got = read("Analyst: Priya Das, CFA  |  Associate: Owen Fair\n", rules)
    assert [(n, v) for n, v, _, _ in got] == [("Priya Das", "Analyst"), ("Owen Fair", "Associate")]


@pytest.mark.parametrize("text", [
    "Source: Acme Research estimates, May 2024",
    "Investor relations: ir@example.com",
    "Operator: Thank you. Please go ahead.",
    "Jo Park: Thank you, operator.",
    "Note: Figures are rounded.",
])
def test_labels_without_a_person(rules, text):
    assert read(text, rules) == []


def test_signatures(rules):
    text = ("By order of the Board\nHengmar Devices Holdings Limited\nLin Wei\nChairman and Chief Executive Officer\n\n"
            "Hong Kong, 21 March 2024\n")
    assert read(text, rules) == [("Lin Wei", "Chairman and Chief Executive Officer", "Hengmar Devices Holdings Limited",
                                  "Lin Wei\nChairman and Chief Executive Officer")]
    text = "Thank you for your trust.\n\nLucía Ferrer\nChief Executive Officer\n\nTomás Arrieta\nChair of the Board\n"
    assert [(n, v, o) for n, v, o, _ in read(text, rules)] == [("Lucía Ferrer", "Chief Executive Officer", None),
                                                                ("Tomás Arrieta", "Chair of the Board", None)]


def test_no_signatures_in_transcripts_or_from_headings(rules):
    assert read("R\nRachel Wood\nanalyst\n\nThank you.", rules, transcript=True) == []
    assert read("Velmora Lattice\nThe mesh system sold well.\n", rules) == []
    assert read("Ada Chen\nRevenue grew 12% to $4.1 billion.\n", rules) == []


@pytest.mark.parametrize("line, expected", [
    ("Gwen Hale - Vice President, Investor Relations:", ("Gwen Hale", "Vice President, Investor Relations", None)),
    ("Naomi Cruz -- Analyst, Redfern Partners", ("Naomi Cruz", "Analyst", "Redfern Partners")),
    ("Ming Zhu, Harbor Bay Securities - Analyst", ("Ming Zhu", "Analyst", "Harbor Bay Securities")),
    ("  Ingrid Sahl      Vestra Audio AB - President and Chief Executive Officer",
     ("Ingrid Sahl", "President and Chief Executive Officer", "Vestra Audio AB")),
    ("- **Ritu Mehra** – Head, Investor Relations", ("Ritu Mehra", "Head, Investor Relations", None)),
    ("Jane Roe / Chairman", ("Jane Roe", "Chairman", None)),
    ("Ben Ost -- Head of Investor Relations", ("Ben Ost", "Head of Investor Relations", None)),
])
def test_speaker_and_participant_lines(rules, line, expected):
    got = [(n, v, o) for n, v, o, _ in read(line + "\n", rules, transcript=True)]
    assert got == [expected]


@pytest.mark.parametrize("line", [
    "Acme Corp - Revenue up 12%",
    "Jane Roe - thanks for taking my question",
    "Velmora Lattice — the mesh system",
    "North America / Europe",
])
def test_dash_lines_without_a_person_and_a_title(rules, line):
    assert read(line + "\n", rules, transcript=True) == []
