"""Roles in prose (graph/extract/rolesentences.py): the corpus's shapes and variants with other names, titles,
organisations and word order."""
from __future__ import annotations

import pytest

from marketgraph.graph.extract.patterns import load_patterns
from marketgraph.graph.extract.peoplegrammar import PeopleGrammar, name_parts
from marketgraph.graph.extract.rolesentences import SentenceRules, read_sentence
from marketgraph.graph.paths import ProjectPaths


@pytest.fixture(scope="module")
def rules() -> SentenceRules:
    patterns = load_patterns(ProjectPaths.default().mappings / "patterns")
    names = patterns["names"]
    return SentenceRules(PeopleGrammar(patterns), frozenset(names["leading_words"] + names["not_names"]),
                         tuple(names["legal_suffixes"]))


def roles(text, rules, singles=frozenset()):
    return [(r.name, r.title, r.org) for r in read_sentence(text, 0, rules, singles)]


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
    # invented variants
    ("“Orders are strong,” said Odile Marchand, Chief Operating Officer of Fenwick Rail SA.",
     [("Odile Marchand", "Chief Operating Officer", "Fenwick Rail SA")]),
    ("Ravi Menon, a principal analyst at Tallgrass Insight in Mumbai, expects a rebound.",
     [("Ravi Menon", "principal analyst", "Tallgrass Insight")]),
    ("said Maarten van Dijk, Senior Vice President of Product.", [("Maarten van Dijk", "Senior Vice President of Product", None)]),
    ("said Bea Lund, research director, Sensors and Optics at Kestrel Metrics.",
     [("Bea Lund", "research director, Sensors and Optics", "Kestrel Metrics")]),
    ("Amal Haddad, Head of Investor Relations, will host the call.", [("Amal Haddad", "Head of Investor Relations", None)]),
    ("Contact: Ines Roth, Corporate Communications, Brandt Optik GmbH", [("Ines Roth", "Corporate Communications", "Brandt Optik GmbH")]),
])
def test_appositives(rules, text, expected):
    assert roles(text, rules) == expected


def test_two_roles_in_one_appositive(rules):
    text = "The products were presented by Manu Kumar Jain, Global Vice President of Xiaomi and Managing Director of Xiaomi India."
    assert roles(text, rules) == [("Manu Kumar Jain", "Global Vice President", "Xiaomi"),
                                  ("Manu Kumar Jain", "Managing Director", "Xiaomi India")]
    text2 = "Anna Berg, Chief Financial Officer of Nordlys AS and Chair of Fjord Tech, spoke."
    assert roles(text2, rules) == [("Anna Berg", "Chief Financial Officer", "Nordlys AS"), ("Anna Berg", "Chair", "Fjord Tech")]


def test_a_pronoun_organisation_is_marked(rules):
    parts = name_parts(["Mira Santos"], rules.g)
    got = read_sentence("The firm will hire 40 people, Santos, its chief executive, told reporters.", 0, rules,
                        frozenset(parts))
    assert [(r.name, r.title, r.pronoun) for r in got] == [("Santos", "chief executive", True)]


@pytest.mark.parametrize("text, expected", [
    ("Xiaomi Founder, Chairman and CEO Mr. Lei Jun said, “The Group has made progress.”",
     [("Mr. Lei Jun", "Founder, Chairman and CEO", "Xiaomi")]),
    ("President Wang Xiang told analysts on a conference call that the company would grow.",
     [("Wang Xiang", "President", None)]),
    ("Our President, Mr. Wang Xiang, will be presenting in the call.", [("Mr. Wang Xiang", "President", None)]),
    ("Nordlys Chief Executive Officer Anna Berg said demand was strong.",
     [("Anna Berg", "Chief Executive Officer", "Nordlys")]),
    ("The targets. CEO Dana Roe and CFO Theo Lind guided to revenue of $4.5bn.",
     [("Dana Roe", "CEO", None), ("Theo Lind", "CFO", None)]),
    ("Karin Holm and CFO Per Berg will comment on the report.", [("Per Berg", "CFO", None)]),
    ("Harbor Ventures partner Ilse Maas will join the board.", [("Ilse Maas", "partner", "Harbor Ventures")]),
    ("Lumeo is not shy about it: president Zhao Min told the audience so.", [("Zhao Min", "president", None)]),
    ("Commenting on the results, Senior Analyst Leena Koski said: “The category has matured.”",
     [("Leena Koski", "Senior Analyst", None)]),
])
def test_titles_before_names(rules, text, expected):
    assert roles(text, rules) == expected


@pytest.mark.parametrize("text", [
    "Hong Kong, 27 November 2019 — Xiaomi Corporation today announced its results.",
    "Daniel Povey, a top international expert in artificial intelligence, joined Xiaomi.",
    "Global Vice President of Xiaomi and Managing Director of Xiaomi India.",
    "Yusuf Demir -- Analyst, Calder Hayes",                       # a firm after a title is not a person
    "the analyst Jo Park thinks so",                               # a lower-case title with nothing to anchor it
    "Velmora Lattice, the mesh system, sold well.",
    "Tablets, a category analysts watch, grew.",
])
def test_no_role_without_a_title_or_a_name(rules, text):
    assert roles(text, rules) == []


@pytest.mark.parametrize("text, expected", [
    ("“Demand is strong,” said chief executive Lei Jun on Tuesday.", [("Lei Jun", "chief executive", None)]),
    ("The plan is on track, according to Nordlys spokesperson Jo Park.", [("Jo Park", "spokesperson", "Nordlys")]),
    ("The company’s President, Mr. Wang Xiang, said so.", [("Mr. Wang Xiang", "President", None)]),
])
def test_reported_titles(rules, text, expected):
    assert roles(text, rules) == expected


def test_lists_of_names_given_one_title(rules):
    text = ("As at the date of this announcement, the Board comprises Mr. Lin Wei and Ms. Ana Sousa as executive "
            "directors, Mr. Oskar Berg as non-executive director, and Mr. Tan Boon Kiat, Ms. Ivy Ho and Dr. Omar Said "
            "as independent non-executive directors.")
    got = roles(text, rules)
    assert got == [("Mr. Lin Wei", "executive director", None), ("Ms. Ana Sousa", "executive director", None),
                   ("Mr. Oskar Berg", "non-executive director", None),
                   ("Mr. Tan Boon Kiat", "independent non-executive director", None),
                   ("Ms. Ivy Ho", "independent non-executive director", None),
                   ("Dr. Omar Said", "independent non-executive director", None)]
    assert roles("The board appointed Jo Park as chief financial officer of Brandt Optik.", rules) == [
        ("Jo Park", "chief financial officer", "Brandt Optik")]
    assert roles("Ada Chen was named chief technology officer.", rules) == [("Ada Chen", "chief technology officer", None)]


def test_founders_and_board_seats(rules):
    got = roles("Founded in 2019 by former grid engineers Mira Santos and Felix Ahrens, Kelvra has grown quickly.", rules)
    assert got == [("Mira Santos", "founder", "Kelvra"), ("Felix Ahrens", "founder", "Kelvra")]
    got = roles("Orbel, which was co-founded by Yara Costa in 2015, makes drones.", rules)
    assert got == [("Yara Costa", "co-founder", "Orbel")]
    assert roles("The tool was founded by Ada Chen.", rules) == []        # no organisation named: no role
    got = roles("Orbel was co-founded by Yara Costa and sells drones.", rules)
    assert got == [("Yara Costa", "co-founder", "Orbel")]
    got = roles("Northvale partner Dana Ode will join Quillfeather's board of directors.", rules)
    assert ("Dana Ode", "board member", "Quillfeather") in got and ("Dana Ode", "partner", "Northvale") in got
    assert roles("Ben Ode joined the board of Kite Robotics last year.", rules) == [("Ben Ode", "board member", "Kite Robotics")]


@pytest.mark.parametrize("text, expected", [
    ("Jo Park, who is chief executive of Kite Robotics, said so.", [("Jo Park", "chief executive", "Kite Robotics")]),
    ("Ana Ruiz (Chief Financial Officer, Sol Energia) said margins held.",
     [("Ana Ruiz", "Chief Financial Officer", "Sol Energia")]),
    ("Ana Ruiz (CFO) said margins held.", [("Ana Ruiz", "CFO", None)]),
    ("Brandt's CEO Lena Vos told investors the plan.", [("Lena Vos", "CEO", "Brandt")]),
    ("Analyst Jo Park of Kite Securities expects a rebound.", [("Jo Park", "Analyst", "Kite Securities")]),
    ("With me today are our CEO, Ada Chen, and our CFO, Bo Lind.", [("Ada Chen", "CEO", None), ("Bo Lind", "CFO", None)]),
    ("Ana Ruiz (pictured) said margins held.", []),
    ("Kestrel Robotics CEO Ann-Marie O'Brien disagreed: “We see growth.”",
     [("Ann-Marie O'Brien", "CEO", "Kestrel Robotics")]),
    ("said Wang Tun, head of the institute.", [("Wang Tun", "head of the institute", "")]),
    ("said John F. Doherty, Tallgrass Insight's vice president of devices research.",
     [("John F. Doherty", "vice president of devices research", "Tallgrass Insight")]),
    ("CEO Summit Arena opened.", []),
    ("Hi, Bob Kim, Morgan Stanley analyst here. Can you talk about margins?", [("Bob Kim", "analyst", "Morgan Stanley")]),
    ("said Ines Roth, Brandt Optik's chief designer.", []),
    ("said Ines Roth, Brandt Optik's chief executive.", [("Ines Roth", "chief executive", "Brandt Optik")]),
])
def test_more_prose_forms(rules, text, expected):
    assert roles(text, rules) == expected
