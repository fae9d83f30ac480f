"""Roles of transcript speakers (graph/extract/roleturns.py) from turns as the document model gives them, in
several layouts, with invented people and firms."""
from __future__ import annotations

import pytest

from marketgraph.graph.extract.patterns import load_patterns
from marketgraph.graph.extract.peoplegrammar import PeopleGrammar
from marketgraph.graph.extract.roleturns import TurnRules, read_turns
from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.records import Turn


@pytest.fixture(scope="module")
def rules() -> TurnRules:
    return TurnRules(PeopleGrammar(load_patterns(ProjectPaths.default().mappings / "patterns")))


def transcript(parts, head=""):
    """parts: (marker, speaker, role, firm, title, what they say) -> text and turns."""
    text, turns = head, []
    for marker, speaker, role, firm, title, said in parts:
        text += marker
        start = len(text)
        text += said
        turns.append(Turn(speaker, role, start, len(text), firm, title))
        text += "\n\n"
    return text, tuple(turns)


def read(text, turns, rules):
    return sorted((r.name, r.title, r.org, text[r.start:r.end]) for r in read_turns(text, 0, len(text), turns, rules))


def test_participant_lists(rules):
    head = ("Corporate Participants\n  Ada Lind      Norvik Audio AB - Chief Financial Officer\n\n"
            "Conference Call Participants\n  Paul Roux     Banque Solene - Analyst\n\nPresentation\n\n")
    text, turns = transcript([
        ("Operator: ", "Operator", "operator", None, None, "Welcome. The first question comes from Paul Roux, Banque Solene."),
        ("Ada Lind: ", "Ada Lind", "executive", "Norvik Audio AB", "Chief Financial Officer", "Thank you. Sales grew."),
        ("Paul Roux: ", "Paul Roux", "analyst", "Banque Solene", "Analyst", "Good morning. A question on margins."),
    ], head)
    got = read(text, turns, rules)
    assert ("Ada Lind", "Chief Financial Officer", "Norvik Audio AB",
            "Ada Lind      Norvik Audio AB - Chief Financial Officer") in got
    assert ("Paul Roux", "Analyst", "Banque Solene", "Paul Roux     Banque Solene - Analyst") in got
    assert ("Paul Roux", "Analyst", "Banque Solene", "Paul Roux, Banque Solene") in got     # the operator's too


def test_initial_name_role_blocks_and_operator_introductions(rules):
    text, turns = transcript([
        ("Operator\n\n", "Operator", "operator", None, None, "Our first question comes from Tom Reed with Brightpoint Capital."),
        ("T\nTom Reed\nanalyst\n\n", "Tom Reed", "analyst", "Brightpoint Capital", None, "Thanks. On pricing?"),
        ("Operator\n\n", "Operator", "operator", None, None, "Next is Elena Sato of Marlow & Pike."),
        ("E\nElena Sato\nanalyst\n\n", "Elena Sato", "analyst", "Marlow & Pike", None, "A follow-up, please."),
    ])
    got = read(text, turns, rules)
    assert ("Tom Reed", "analyst", "Brightpoint Capital", "Tom Reed with Brightpoint Capital") in got
    assert ("Elena Sato", "analyst", "Marlow & Pike", "Elena Sato of Marlow & Pike") in got


def test_a_questioner_the_transcript_does_not_call_an_analyst_gets_no_role(rules):
    text, turns = transcript([
        ("**Operator:** ", "Operator", "operator", None, None, "The first question is from Kiran Rao of Deccan Equities."),
        ("**Kiran Rao:** ", "Kiran Rao", "analyst", "Deccan Equities", None, "Congratulations. Where do you land?"),
        ("**Ada Lind:** ", "Ada Lind", "executive", None, None, "We do not guide."),
    ])
    assert read(text, turns, rules) == []


def test_markers_with_titles_and_firms(rules):
    text, turns = transcript([
        ("Operator:\n", "Operator", "operator", None, None, "Next, Yusuf Kaya with Calder Partners."),
        ("Yusuf Kaya -- Analyst, Calder Partners\n", "Yusuf Kaya", "analyst", "Calder Partners", "Analyst", "Is it share?"),
        ("Gwen Hall - Vice President, Investor Relations:\n", "Gwen Hall", "executive", None,
         "Vice President, Investor Relations", "No."),
    ])
    got = read(text, turns, rules)
    assert ("Yusuf Kaya", "Analyst", "Calder Partners", "Yusuf Kaya -- Analyst, Calder Partners") in got
    assert ("Gwen Hall", "Vice President, Investor Relations", None, "Gwen Hall - Vice President, Investor Relations") in got


def test_self_introductions_by_surname(rules):
    text, turns = transcript([
        ("E\nEmi Tanaka\nexecutive\n\n", "Emi Tanaka", "executive", None, None,
         "Good evening. I am Tanaka from Investor Relations. Let us begin."),
        ("R\nRuth Moore\nanalyst\n\n", "Ruth Moore", "analyst", "Dunlin Securities", None,
         "Thank you. Ruth Moore, Dunlin Securities. A question."),
        ("H\nHiro Ueda\nanalyst\n\n", "Hiro Ueda", "analyst", "Sakura Research", None, "Ueda from Sakura Research. Why?"),
        ("E\nEmi Tanaka\nexecutive\n\n", "Emi Tanaka", "executive", None, None, "Because."),
    ])
    got = read(text, turns, rules)
    assert ("Emi Tanaka", "Investor Relations", None, "I am Tanaka from Investor Relations") in got
    assert ("Ruth Moore", "analyst", "Dunlin Securities", "Ruth Moore, Dunlin Securities") in got
    assert ("Hiro Ueda", "analyst", "Sakura Research", "Ueda from Sakura Research") in got


def test_a_corrected_name_is_the_speaker(rules):
    text, turns = transcript([
        ("Operator\n\n", "Operator", "operator", None, None,
         "Our first question comes from Peter Lo (sic) [ Tomas Lo ] with Abacus Hong Kong."),
        ("T\nTomas Lo\nanalyst\n\n", "Tomas Lo", "analyst", "Abacus Hong Kong", None, "This is Tomas Lo from Abacus. Hi."),
        ("A\nAda Lind\nexecutive\n\n", "Ada Lind", "executive", None, None, "Hello."),
    ])
    got = read(text, turns, rules)
    spoken = [r for r in read_turns(text, 0, len(text), turns, rules) if r.spoken]
    assert [(r.name, r.spoken, r.org) for r in spoken] == [("Tomas Lo", "Peter Lo", "Abacus Hong Kong")]
    assert ("Tomas Lo", "analyst", "Abacus", "Tomas Lo from Abacus") in got
