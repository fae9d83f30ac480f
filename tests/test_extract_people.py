"""People and roles (kind role) and Q&A turns (kind qa_turn) as facts: entities, organisations, one fact per role,
whole documents through the document model. The readers have their own tests (test_role_*.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from marketgraph.graph.extract.pipeline import extract_document
from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.records import Document, Turn
from marketgraph.graph.segment import documents_for_file

PATHS = ProjectPaths.default()


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer(PATHS.gazetteer)


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
                   ("miriam-castell", "editor", "korea-markets-brief"),
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
    got = [(f.subject.label, f.qualifier("turn_type"), f.qualifier("index"), f.object.key, f.evidence.quote)
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




def _roles(text, gazetteer, **kw):
    facts = extract_document(_doc(text, gazetteer, **kw), text, gazetteer, only=["people"]).facts
    for f in facts:
        assert f.kind == "role" and text[f.evidence.start:f.evidence.end] == f.evidence.quote
    return [(f.subject.label, f.value, f.object.label if f.object else None, f.evidence.quote) for f in facts]


def test_one_fact_per_role_stated_twice_quoting_the_fullest_statement(gazetteer):
    text = ("Joining me are Ada Chen, our CEO, and Bo Lind, Chief Financial Officer.\n\n"
            "Ada Chen, Chief Executive Officer of Xiaomi, said the year was good. Bo Lind, CFO, agreed.")
    got = _roles(text, gazetteer)
    # the statement naming the organisation says more; of two that say as much, the first
    assert got == [("Bo Lind", "Chief Financial Officer", "Xiaomi Corporation", "Bo Lind, Chief Financial Officer"),
                   ("Ada Chen", "Chief Executive Officer", "Xiaomi Corporation",
                    "Ada Chen, Chief Executive Officer of Xiaomi")]


def test_a_credit_counts_only_for_a_person_with_no_other_role(gazetteer):
    text = ("By Lena Vos, Markets Correspondent\n\nShares rose.\n\n"
            "(Reporting by Lena Vos and Tom Ek; Editing by Ida Moe)")
    got = _roles(text, gazetteer, publisher="Harbour Post")
    assert [(n, v, o) for n, v, o, _ in got] == [("Lena Vos", "Markets Correspondent", "Harbour Post"),
                                                   ("Tom Ek", "reporter", "Harbour Post"),
                                                   ("Ida Moe", "editor", "Harbour Post")]
    editing = extract_document(_doc(text, gazetteer, publisher="Harbour Post"), text, gazetteer, only=["people"]).facts[-1]
    assert editing.qualifier("title") == "Editing" and editing.qualifier("credit") == "true"


def test_organisations_named_implied_and_by_pronoun(gazetteer):
    text = ("Fenwick Rail SA said orders doubled. The company will hire 400 people, Odile Marchand, its chief "
            "executive, told reporters. “Demand is broad,” said Ravi Menon, an analyst at Tallgrass Insight.")
    got = _roles(text, gazetteer)
    assert ("Odile Marchand", "chief executive", "Fenwick Rail SA", "Odile Marchand, its chief executive") in got
    assert ("Ravi Menon", "analyst", "Tallgrass Insight", "Ravi Menon, an analyst at Tallgrass Insight") in got


def test_a_surname_stands_for_the_person_named_in_full(gazetteer):
    text = ("Founded in 2018 by Mira Costa and Felix Brandt, Orbel Robotics makes drones. The company will add "
            "80 staff, Costa, its chief executive, said on Monday.")
    got = _roles(text, gazetteer)
    assert [(n, v) for n, v, _, _ in got] == [("Mira Costa", "founder"), ("Felix Brandt", "founder"),
                                              ("Mira Costa", "chief executive")]
    assert {o for _, _, o, _ in got} == {"Orbel Robotics"}


def test_a_research_notes_analysts_work_for_its_publisher(gazetteer):
    text = ("Kestrel Metrics | Equity Research\n\nAnalyst: Priya Das, CFA  |  Associate: Owen Fair\n\n"
            "The targets. CEO Dana Roe and CFO Theo Lind of Brightmoor Devices Inc. guided to growth.")
    got = _roles(text, gazetteer, genre="research_note", issuer=None, publisher="Kestrel Metrics")
    assert ("Priya Das", "Analyst", "Kestrel Metrics", "Analyst: Priya Das") in got
    assert ("Owen Fair", "Associate", "Kestrel Metrics", "Associate: Owen Fair") in got


@pytest.mark.parametrize("text", [
    "Hong Kong, 27 November 2019 — Xiaomi Corporation today announced its results.",
    "Redmi Note, the best-selling phone, led the market.",
    "Western Europe, the second region, grew.",
])
def test_places_and_products_get_no_role(gazetteer, text):
    assert _roles(text, gazetteer) == []


def test_a_whole_transcript_through_the_document_model(gazetteer, tmp_path: Path):
    text = """Orvik Sensors AB (publ) (STO: ORVK)
Q2 2024 Results Conference Call

Corporate Participants
  Ada Lind          Orvik Sensors AB - President and Chief Executive Officer
  Jon Berg          Orvik Sensors AB - Chief Financial Officer

Conference Call Participants
  Paul Roux         Banque Solene - Analyst
  Mia Holt          Nordkapp Markets - Analyst

Presentation

Operator: Welcome to the Orvik Sensors second-quarter call. I hand over to Ada Lind.

Ada Lind: Thank you. Net sales grew 9% to SEK 2,140 million.

Jon Berg: Thank you, Ada. The operating margin was 14.2%.

Questions and Answers

Operator: The first question comes from Paul Roux, Banque Solene.

Paul Roux: Good morning. How did pricing develop?

Ada Lind: Prices held up well in the quarter.

Operator: The next question is from Mia Holt, Nordkapp Markets.

Mia Holt: Thank you. What about Asia?

Jon Berg: Asia grew 12%.
"""
    path = tmp_path / "orvik_q2_2024_call.txt"
    path.write_text(text, encoding="utf-8")
    (doc,) = documents_for_file(PATHS, path, text)
    facts = extract_document(doc, text, gazetteer, only=["people", "qa"]).facts
    roles = sorted((f.subject.label, f.value, f.object.label if f.object else None) for f in facts if f.kind == "role")
    assert roles == [("Ada Lind", "President and Chief Executive Officer", doc.issuer.label),
                     ("Jon Berg", "Chief Financial Officer", doc.issuer.label),
                     ("Mia Holt", "Analyst", "Nordkapp Markets"),
                     ("Paul Roux", "Analyst", "Banque Solene")]
    qa = [(f.subject.label, f.value, f.object.label if f.object else None, f.qualifier("index")) for f in facts
          if f.kind == "qa_turn"]
    assert qa == [("Paul Roux", "question", "Banque Solene", "1"), ("Ada Lind", "answer", doc.issuer.label, "1"),
                  ("Mia Holt", "question", "Nordkapp Markets", "2"), ("Jon Berg", "answer", doc.issuer.label, "2")]


def test_a_question_is_quoted_by_the_sentence_that_asks(gazetteer):
    parts = [("Operator", "operator", None, "Next is Ruth Moore of Dunlin Securities."),
             ("Ruth Moore", "analyst", "Dunlin Securities",
              "Thank you. Ruth Moore, Dunlin Securities. The consensus is at 99 billion. Why so cautious?"),
             ("Kenji Mori", "executive", None, "We prefer to be prudent. The yen helped."),
             ("Hiro Ueda", "analyst", "Sakura Research", "Ueda from Sakura Research. Tell us about China, please."),
             ("Kenji Mori", "executive", None, "China is soft for everyone.")]
    text, turns = "", []
    for speaker, role, firm, said in parts:
        start = len(text)
        text += said + "\n\n"
        turns.append(Turn(speaker, role, start, start + len(said), firm, "Director" if role == "executive" else None))
    doc = _doc(text, gazetteer, genre="earnings_call", date=None, turns=tuple(turns))
    facts = extract_document(doc, text, gazetteer, only=["qa"]).facts
    assert [(f.subject.label, f.evidence.quote) for f in facts] == [
        ("Ruth Moore", "Why so cautious?"), ("Kenji Mori", "We prefer to be prudent."),
        ("Hiro Ueda", "Tell us about China, please."), ("Kenji Mori", "China is soft for everyone.")]
    assert facts[1].qualifier("title") == "Director" and facts[0].qualifier("title") is None


def test_transcript_markers_with_titles_through_the_document_model(gazetteer, tmp_path: Path):
    text = """Brightmoor Devices Inc. (NASDAQ: BMDV)
Q1 Fiscal 2025 Earnings Conference Call

Operator:
Good afternoon. I would now like to turn the call over to Lena Ruiz.

Lena Ruiz - Vice President, Investor Relations:
Thank you. Joining me are Omar Haddad, Chairman and CEO, and Kai Berg, Chief Financial Officer.

Omar Haddad - Chairman and Chief Executive Officer:
Thanks, Lena. Revenue came to $2.1 billion, up 6% Y/Y.

Kai Berg - Chief Financial Officer:
Thank you, Omar. Gross margin was 31.5%.

Operator:
Our first question is from Sara Lind of Fjord Partners. Please go ahead.

Sara Lind -- Analyst, Fjord Partners
Thanks. What drives the top half of the range?

Kai Berg - Chief Financial Officer:
Mostly commercial refresh.

Operator:
Next, Tom Ekberg with Halden Hayes.

Tom Ekberg -- Analyst, Halden Hayes
Is the competitor taking share?

Omar Haddad - Chairman and Chief Executive Officer:
Not on our numbers.
"""
    path = tmp_path / "brightmoor_q1_fy2025_call.txt"
    path.write_text(text, encoding="utf-8")
    (doc,) = documents_for_file(PATHS, path, text)
    facts = extract_document(doc, text, gazetteer, only=["people"]).facts
    got = sorted((f.subject.label, f.value, f.object.label if f.object else None) for f in facts)
    issuer = doc.issuer.label
    assert got == [("Kai Berg", "Chief Financial Officer", issuer), ("Lena Ruiz", "Vice President, Investor Relations", issuer),
                   ("Omar Haddad", "Chairman and CEO", issuer), ("Sara Lind", "Analyst", "Fjord Partners"),
                   ("Tom Ekberg", "Analyst", "Halden Hayes")]


def test_a_title_stated_in_part_is_the_whole_role(gazetteer):
    text = ("“A strong quarter,” said Eirik Dahl, President and Chief Executive Officer. Speakers: Eirik Dahl (CEO) "
            "and Mette Lund (CFO). Founded in 1998 by Kari Holm, the company employs 1,200 people.")
    got = _roles(text, gazetteer)
    assert [(n, v, o) for n, v, o, _ in got] == [
        ("Eirik Dahl", "President and Chief Executive Officer", "Xiaomi Corporation"),
        ("Mette Lund", "CFO", "Xiaomi Corporation"), ("Kari Holm", "founder", "Xiaomi Corporation")]


def test_a_third_partys_document_gives_unnamed_roles_its_one_company_or_none(gazetteer):
    one = "Aldermoor Devices Inc. held its investor day. CEO Dana Roe guided to growth."
    assert _roles(one, gazetteer, genre="research_note", issuer=None, publisher="Kestrel Metrics") == [
        ("Dana Roe", "CEO", "Aldermoor Devices Inc.", "CEO Dana Roe")]
    two = "Aldermoor Devices Inc. and Brightmoor Corp. met. CEO Dana Roe guided to growth."
    assert _roles(two, gazetteer, genre="research_note", issuer=None, publisher="Kestrel Metrics") == [
        ("Dana Roe", "CEO", None, "CEO Dana Roe")]


def test_a_company_the_document_names_is_no_person(gazetteer):
    text = "For more information, contact:\nTallgrass Insight\nEmma Clarke\nHead of Marketing\n"
    got = _roles(text, gazetteer, genre="research_note", issuer=None, publisher="Tallgrass Insight")
    assert [(n, v) for n, v, _, _ in got] == [("Emma Clarke", "Head of Marketing")]
