"""People and roles (kind role) and Q&A turns (kind qa_turn) on corpus shapes and synthetic variants."""
from __future__ import annotations

import pytest

from marketgraph.graph.extract.people import PeopleGrammar, find_analysts, find_credits, find_roles
from marketgraph.graph.extract.pipeline import extract_document
from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.records import Document, Turn

import yaml

PATHS = ProjectPaths.default()


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer(PATHS.gazetteer)


@pytest.fixture(scope="module")
def grammar():
    return PeopleGrammar(yaml.safe_load((PATHS.mappings / "patterns" / "people.yaml").read_text(encoding="utf-8")))


def roles(text, grammar):
    return [(r.name, r.title, r.org) for r in find_roles(text, 0, grammar)]


@pytest.mark.parametrize("text, expected", [
    ("“We will grow,” said Lei Jun, Founder, President and CEO of Xiaomi.",
     [("Lei Jun", "Founder, President and CEO", "Xiaomi")]),
    ("said Marta Oyelaran, a hardware analyst at Keystone Crest Securities in Hong Kong.",
     [("Marta Oyelaran", "hardware analyst", "Keystone Crest Securities")]),
    ("said Jonas Ferreira, a senior strategist at Vale Azul Capital in Lisbon.",
     [("Jonas Ferreira", "senior strategist", "Vale Azul Capital")]),
    ("Fan Dian, General Manager of the IoT platform department of Xiaomi, called for wider adoption.",
     [("Fan Dian", "General Manager of the IoT platform department", "Xiaomi")]),
    ("said Cui Baoqiu, VP and Chairman of Xiaomi’s Technical Committee.", [("Cui Baoqiu", "VP and Chairman", "Xiaomi")]),
    ("Ren Haoyu, Founder, Chairman and Chief Executive Officer\nShenzhen, 25 March 2021",
     [("Ren Haoyu", "Founder, Chairman and Chief Executive Officer", None)]),
    ("I'm Steve Lin, Director of Board Finance and Company Secretary.",
     [("Steve Lin", "Director of Board Finance and Company Secretary", None)]),
    ("Mr. Lei Jun, our Chairman and CEO, mentioned three principles.", [("Mr. Lei Jun", "Chairman and CEO", None)]),
])
def test_appositives(grammar, text, expected):
    assert roles(text, grammar) == expected


def test_two_roles_in_one_appositive(grammar):
    text = "The products were presented by Manu Kumar Jain, Global Vice President of Xiaomi and Managing Director of Xiaomi India."
    assert roles(text, grammar) == [("Manu Kumar Jain", "Global Vice President", "Xiaomi"),
                                    ("Manu Kumar Jain", "Managing Director", "Xiaomi India")]
    text2 = "Anna Berg, Chief Financial Officer of Nordlys AS and Chair of Fjord Tech, spoke."
    assert roles(text2, grammar) == [("Anna Berg", "Chief Financial Officer", "Nordlys AS"),
                                     ("Anna Berg", "Chair", "Fjord Tech")]


@pytest.mark.parametrize("text, expected", [
    ("Xiaomi Founder, Chairman and CEO Mr. Lei Jun said, “The Group has made progress.”",
     [("Mr. Lei Jun", "Founder, Chairman and CEO", "Xiaomi")]),
    ("President Wang Xiang told analysts on a conference call that the company would grow.",
     [("Wang Xiang", "President", None)]),
    ("Our President, Mr. Wang Xiang, will be presenting in the call.", [("Mr. Wang Xiang", "President", None)]),
    ("Nordlys Chief Executive Officer Anna Berg said demand was strong.",
     [("Anna Berg", "Chief Executive Officer", "Nordlys")]),
])
def test_titles_before_names(grammar, text, expected):
    assert roles(text, grammar) == expected


@pytest.mark.parametrize("text", [
    "Hong Kong, 27 November 2019 — Xiaomi Corporation today announced its results.",
    "Daniel Povey, a top international expert in artificial intelligence, joined Xiaomi.",
    "Global Vice President of Xiaomi and Managing Director of Xiaomi India.",
])
def test_no_role_without_a_title_or_a_name(grammar, text):
    assert roles(text, grammar) == []


def test_analyst_introductions_with_corrections(grammar):
    text = ("Our first question comes from Peter Wu (sic) [ Thompson Wu ] with UBS Hong Kong.\n"
            "Our next question comes from Gokul Hariharan with JPMorgan in Hong Kong.")
    got = [(r.name, r.title, r.org, r.spoken) for r in find_analysts(text, 0, grammar)]
    assert got == [("Thompson Wu", "analyst", "UBS Hong Kong", "Peter Wu"),
                   ("Gokul Hariharan", "analyst", "JPMorgan", None)]


def test_bylines_and_credits(grammar):
    text = "By Lorena Vance, Technology Correspondent\n\n...\n(Reporting by Lorena Vance; Editing by Tomasz Reiner)"
    got = [(r.name, r.title) for r in find_credits(text, 0, grammar)]
    assert got == [("Lorena Vance", "Technology Correspondent"), ("Lorena Vance", "Reporting"),
                   ("Tomasz Reiner", "Editing")]


def _doc(text, gazetteer, **kw):
    base = dict(doc_id="t-doc", source_file="adhoc/t.txt", start=0, end=len(text), title="t", genre="news",
                date="2021-04-29", issuer=gazetteer.ref("xiaomi"))
    base.update(kw)
    return Document(**base)


def test_role_facts_resolve_people_organisations_and_the_publisher(gazetteer):
    text = ("By Seong Hyun-woo, Seoul Correspondent\n\nPresident Wang Xiang told analysts the plan. "
            "“Demand is strong,” said Kwak Jae-min, an analyst at Seorak Capital Securities.\n\n"
            "(Reporting by Seong Hyun-woo; Editing by Miriam Castell)")
    doc = _doc(text, gazetteer, publisher="Korea Markets Brief")
    facts = extract_document(doc, text, gazetteer, only=["people"]).facts
    got = sorted((f.subject.key, f.value, f.object.key if f.object else None) for f in facts)
    assert got == [("kwak-jae-min", "analyst", "seorak-capital-securities"),
                   ("miriam-castell", "Editing", "korea-markets-brief"),
                   ("seong-hyun-woo", "Seoul Correspondent", "korea-markets-brief"),
                   ("wang-xiang", "President", "xiaomi")]
    for f in facts:
        assert f.kind == "role" and text[f.evidence.start:f.evidence.end] == f.evidence.quote


def test_name_forms_resolve_to_one_person(gazetteer):
    text = "Our President, Mr. Wang Xiang, will present. Xiang Wang, President of Xiaomi, said so."
    facts = extract_document(_doc(text, gazetteer), text, gazetteer, only=["people"]).facts
    assert {f.subject.key for f in facts} == {"wang-xiang"}


# -- Q&A turns ------------------------------------------------------------------------------------------------

def test_qa_turns(gazetteer):
    parts = [("Operator", "operator", None, "Welcome. I will hand over to Mr. Ada Chen."),
             ("Ada Chen", "executive", None, "Good evening. Revenue grew this quarter."),
             ("Operator", "operator", None, "Our first question comes from Ravi Iyer with Bluefin Securities."),
             ("Ravi Iyer", "analyst", "Bluefin Securities", "Thanks. How is India doing? And margins?"),
             ("Ada Chen", "executive", None, "Okay. India is recovering well this quarter."),
             ("Bo Lind", "executive", None, "Margins will stay stable."),
             ("Ravi Iyer", "analyst", "Bluefin Securities", "A follow-up on pricing, please."),
             ("Ada Chen", "executive", None, "Prices stay honest.")]
    text, turns = "", []
    for speaker, role, firm, said in parts:
        start = len(text)
        text += said + "\n\n"
        turns.append(Turn(speaker, role, start, start + len(said), firm))
    doc = _doc(text, gazetteer, genre="earnings_call", date=None, turns=tuple(turns))
    facts = extract_document(doc, text, gazetteer, only=["qa"]).facts
    got = [(f.subject.label, f.qualifier("turn"), f.qualifier("index"), f.object.key, f.evidence.quote)
           for f in facts]
    assert got == [("Ravi Iyer", "question", "1", "bluefin-securities", "How is India doing?"),
                   ("Ada Chen", "answer", "1", "xiaomi", "India is recovering well this quarter."),
                   ("Bo Lind", "answer", "1", "xiaomi", "Margins will stay stable."),
                   ("Ravi Iyer", "question", "2", "bluefin-securities", "A follow-up on pricing, please."),
                   ("Ada Chen", "answer", "2", "xiaomi", "Prices stay honest.")]


def test_no_qa_turns_without_analysts(gazetteer):
    text = "Good evening. Revenue grew."
    doc = _doc(text, gazetteer, genre="earnings_call", turns=(Turn("Ada Chen", "executive", 0, len(text)),))
    assert extract_document(doc, text, gazetteer, only=["qa"]).facts == []


@pytest.mark.parametrize("text, expected", [
    ("“Demand is strong,” said chief executive Lei Jun on Tuesday.", [("Lei Jun", "chief executive", None)]),
    ("The plan is on track, according to Nordlys spokesperson Jo Park.", [("Jo Park", "spokesperson", "Nordlys")]),
    ("The company’s President, Mr. Wang Xiang, said so.", [("Mr. Wang Xiang", "President", None)]),
])
def test_reported_titles(grammar, text, expected):
    assert roles(text, grammar) == expected


def test_other_operator_phrasings(grammar):
    text = "We have a question from Ana Ruiz of Sol Capital. Next line from Ben Ode with Kite Partners."
    assert [(r.name, r.org) for r in find_analysts(text, 0, grammar)] == [("Ana Ruiz", "Sol Capital"),
                                                                          ("Ben Ode", "Kite Partners")]
