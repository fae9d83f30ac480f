"""The issuer of a document the gazetteer may not know: each cue on sentences of other companies and word orders.

Names are invented (the fixture gazetteer knows only a few real companies, used to check that a known company is
preferred when the text names it and that a research firm never issues a document).
"""
from __future__ import annotations

import dataclasses

import pytest

from marketgraph.graph.gazetteer import EntityEntry, Gazetteer, load_gazetteer
from marketgraph.graph.issuer import Zones, candidates, cue_hits
from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.segment import load_rules, segment
from marketgraph.graph.sources import SourceFile

PATHS = ProjectPaths.default()
FIXTURE_GAZETTEER = PATHS.root / "tests" / "golden" / "segments" / "gazetteer"


@pytest.fixture(scope="module")
def rules():
    return load_rules(PATHS, load_gazetteer(FIXTURE_GAZETTEER))


def _src(name: str = "t.txt") -> SourceFile:
    return SourceFile(path=f"synthetic/{name}", corpus="synthetic", sha256="0" * 64)


def _hits(text: str, rules, where: str = "body", genre: str = "results_release") -> list[tuple[str, str | None]]:
    """(name, defined short name) of every cue hit with the whole text as the zone ``where``."""
    span = (0, len(text))
    empty = (0, 0)
    zones = Zones(title=span if where == "title" else None, lead=span if where == "lead" else empty,
                  head=span if where in ("head", "body") else empty, body=span if where == "body" else empty,
                  tail=span if where == "tail" else empty)
    return [(n, s) for n, s, _, _ in cue_hits(text, text, zones, genre, rules.issuer)]


# ---------------------------------------------------------------- each cue

@pytest.mark.parametrize("text, name, short", [
    ('Brindle Works Inc. (“Brindle” or the “Company”), a maker of drones, today reported', "Brindle Works Inc.",
     "Brindle"),
    ('Quillon Holdings Limited ("QHL" or the "Group"; Stock Code: 9999) announced', "Quillon Holdings Limited", "QHL"),
    ('Tarsk Corp (the "Company") said', "Tarsk Corp", None),
    ('shares of Vennmoor Systems plc (“Vennmoor”) rose', "Vennmoor Systems plc", "Vennmoor"),
])
def test_a_defined_term_names_the_company(text, name, short, rules):
    assert (name, short) in _hits(text, rules)


@pytest.mark.parametrize("text", [
    'the Halo Nine Phone (the “Device”) ships in May',              # a product's defined term
    'Pinewood Data Corporation ("PDC") expects the market to grow',  # an abbreviation alone: any organisation
    'the third quarter ended September 30, 2031 (“3Q2031” or “the Period”)',
])
def test_other_defined_terms_name_no_company(text, rules):
    only = dataclasses.replace(rules, issuer=dataclasses.replace(
        rules.issuer, cues=tuple(c for c in rules.issuer.cues if c.name == "defined_term")))
    assert _hits(text, only) == []


@pytest.mark.parametrize("title, name", [
    ("Pellworth Audio (PWA) Q3 2031 Earnings Call Transcript", "Pellworth Audio"),
    ("Nimbus Rail Inc. (NYSE:NRL) Q4 2030 Earnings Call Transcript", "Nimbus Rail Inc."),
])
def test_a_title_with_a_ticker_names_the_company(title, name, rules):
    assert _hits(title, rules, "title") == [(name, None)]


@pytest.mark.parametrize("text, name", [
    ("Good day, and welcome to the Pellworth Audio first quarter 2031 earnings conference call.", "Pellworth Audio"),
    ("Ladies and gentlemen, welcome to Nimbus Rail 2030 Annual Results Announcement Conference Call.", "Nimbus Rail"),
    ("Welcome everyone to Tarsk Corp's Fiscal 2031 Fourth Quarter Results Call.", "Tarsk Corp"),
    ("Welcome to the analyst conference call hosted by Quillon Holdings Limited regarding its results.",
     "Quillon Holdings Limited"),
])
def test_a_call_names_its_host(text, name, rules):
    assert (name, None) in _hits(text, rules, "head")


def test_a_call_welcome_needs_a_name(rules):
    assert _hits("Welcome to the call. Thank you for joining today's webcast.", rules, "head") == []


@pytest.mark.parametrize("text, where, name", [
    ("Tarsk Reports Fourth Quarter 2031 Results", "title", "Tarsk"),
    ("Global audio leader Pellworth today unveiled two speakers.", "lead", "Pellworth"),
    ("Brindle Works, the region's largest drone maker, today introduced the Kite 2.", "lead", "Brindle Works"),
    ("Nimbus Rail Inc. (NYSE: NRL) officially announced a new line.", "lead", "Nimbus Rail Inc."),
    ("Quillon, on Monday, launched its first tablet.", "lead", "Quillon"),
])
def test_the_subject_of_an_announcement(text, where, name, rules):
    assert (name, None) in _hits(text, rules, where)


@pytest.mark.parametrize("text, where, name", [
    ("Zentro beats forecasts as tablet sales jump", "title", "Zentro"),
    ("Tarsk Electronics Cuts Outlook On Weak Demand", "title", "Tarsk Electronics"),
    ("Okamuri shares jump as chip deal lands", "title", "Okamuri"),
    ("Vell’s profit rises 12% on tablet demand", "title", "Vell"),
    ("SEOUL, May 2 – Tarsk Electronics Co said on Thursday its first-quarter profit rose.", "lead",
     "Tarsk Electronics Co"),
    ("Quillon, the tablet maker, said in a statement that sales fell.", "lead", "Quillon"),
])
def test_the_subject_of_a_news_story(text, where, name, rules):
    assert (name, None) in _hits(text, rules, where)


def test_a_headline_verb_after_a_product_or_a_plain_said_names_no_company(rules):
    assert _hits("Kite X2 tops the charts", rules, "title") == []
    assert _hits("Zentro Europe head Jo Bloggs said sales rose.", rules, "lead") == []


def test_an_announcement_cue_looks_only_in_the_title_and_lead(rules):
    text = "Pellworth today unveiled two speakers."
    assert _hits(text, rules, "tail") == []


@pytest.mark.parametrize("text, name", [
    ("Revenue rose.\n\nAbout Brindle Works\nBrindle Works makes drones.", "Brindle Works"),
    ("Revenue rose.\n\nAbout Quillon Holdings Limited\nQuillon was founded in 2001.", "Quillon Holdings Limited"),
])
def test_an_about_heading(text, name, rules):
    assert (name, None) in _hits(text, rules)


@pytest.mark.parametrize("text, name", [
    ("At Tarsk, we believe in efficiency.", "Tarsk"),
    ("Results matter. At Brindle Works, our mission is simple.", "Brindle Works"),
])
def test_at_company_we(text, name, rules):
    assert (name, None) in _hits(text, rules)


@pytest.mark.parametrize("text, name", [
    ("Thank you.\n\nJo Bloggs, Founder and Chairman of Quillon Holdings\nSpringfield, 5 April 2032", "Quillon Holdings"),
    ("Yours sincerely,\n\nOn behalf of the Board\nTarsk Corporation\nAmy Lee, Chair", "Tarsk Corporation"),
    ("Thank you.\n\nJane Doe\nChairman of the Board\nVantorra Inc.\nMarch 3, 2032", "Vantorra Inc."),
])
def test_a_letter_signature(text, name, rules):
    assert (name, None) in _hits(text, rules, "tail", "shareholder_letter")
    assert _hits(text, rules, "tail", "results_release") == []     # signatures are a letter's


@pytest.mark.parametrize("text, name", [
    ("Jo Bloggs, President of Zentro Group, gave a speech.", "Zentro Group"),
    ("SEOUL – Tarsk Electronics Co said its profit rose.", "Tarsk Electronics Co"),
])
def test_a_name_with_a_legal_suffix(text, name, rules):
    assert (name, None) in _hits(text, rules)


# ---------------------------------------------------------------- candidates

def test_a_name_the_gazetteer_knows_by_its_first_word_is_the_gazetteer_entity(rules):
    found = candidates([("Samsung India", None, 4, 0), ("Samsung Electronics Co", None, 1, 9)], rules.gazetteer,
                       rules.issuer)
    assert [(c.ref.key, c.weight, c.known) for c in found] == [("samsung", 5, True)]


def test_a_research_firm_is_no_candidate(rules):
    assert candidates([("Canalys", None, 4, 0)], rules.gazetteer, rules.issuer) == []


def test_a_new_company_is_keyed_by_its_short_name_and_labelled_with_its_full_name(rules):
    found = candidates([("Brindle Works Inc.", "Brindle", 8, 0), ("Brindle", None, 2, 50),
                        ("Brindle Works", None, 4, 90)], rules.gazetteer, rules.issuer)
    assert [(c.ref.key, c.ref.label, c.ref.types, c.weight) for c in found] == [
        ("brindle", "Brindle Works Inc.", ("Company",), 14)]
    assert {"Brindle Works Inc.", "Brindle Works", "Brindle"} <= set(found[0].names)


# ---------------------------------------------------------------- documents

RELEASE = """Brindle Works Reports Second Quarter 2031 Results

SPRINGFIELD, August 6, 2031 -- Brindle Works Inc. ("Brindle" or the "Company"), a maker of drones, today announced its
results for the quarter ended June 30, 2031. Brindle sells through Apple stores. Apple, Apple and Apple again.

About Brindle Works
Brindle Works Inc. was founded in 2011.
"""

CALL = """Pellworth Audio (PWA) Q2 2031 Earnings Call Transcript

Operator
Good day, and welcome to the Pellworth Audio second quarter 2031 earnings conference call.

Jo Bloggs -- Chief Executive Officer
Thank you. Our revenue grew. Samsung and Apple compete with us; Samsung cut prices, Samsung, Samsung.

Operator
This concludes today's call.
"""


def test_a_release_of_a_company_the_gazetteer_does_not_know(rules):
    d = segment(_src(), RELEASE, rules)[0]
    assert (d.issuer.key, d.issuer.label, d.issuer.kind, d.issuer.types) == (
        "brindle", "Brindle Works Inc.", "organisation", ("Company",))
    assert d.publisher == "Brindle Works Inc." and d.doc_id.startswith("brindle-2031-08-06-")


def test_a_transcript_of_a_company_the_gazetteer_does_not_know(rules):
    d = segment(_src(), CALL, rules)[0]
    assert (d.genre, d.issuer.key, d.issuer.label) == ("earnings_call", "pellworth", "Pellworth Audio")


def test_a_known_company_issues_when_its_text_names_it(rules):
    text = RELEASE.replace("Brindle Works", "Samsung India").replace("Brindle", "Samsung")
    assert segment(_src(), text, rules)[0].issuer.key == "samsung"


def test_the_body_outweighs_a_masthead_the_body_never_names(rules):
    """A masthead of one name above a release whose prose, cues and boilerplate name another."""
    text = "SAMSUNG INDIA | PRESS RELEASE\n\n" + RELEASE
    d = segment(_src(), text, rules)[0]
    assert d.issuer.key == "brindle" and d.publisher == "Samsung India"


def test_renaming_the_company_renames_the_issuer(rules):
    for new in ("Zentro", "Okamuri", "Vell"):
        d = segment(_src(), CALL.replace("Pellworth", new), rules)[0]
        assert d.issuer.label == f"{new} Audio", new


def test_a_product_named_in_a_title_is_no_company(rules):
    """A model name has digits; a name the gazetteer knows as a product, brand or market is no company either."""
    text = ("Kite X2 Launches in Ruritania\n\nSPRINGFIELD, March 8, 2031 -- Brindle today launched the Kite X2, "
            "its first drone for Ruritania. The Kite X2 flies for 40 minutes. Kite X2, Kite X2.\n")
    assert segment(_src(), text, rules)[0].issuer.key == "brindle"
    gazetteer = Gazetteer({"halo-kite": EntityEntry("halo-kite", "product", "Halo Kite")}, {})
    assert candidates([("Halo Kite", None, 4, 0), ("Brindle", None, 4, 30)], gazetteer, rules.issuer)[0].ref.key \
        == "brindle"
    assert len(candidates([("Halo Kite", None, 4, 0)], gazetteer, rules.issuer)) == 0


# An unknown company's documents in four genres, each naming a company the gazetteer knows more often.
UNKNOWN_AMONG_KNOWN = {
"nasdaq": """Vantorra Announces Record Revenue

AUSTIN, Texas, Feb. 3, 2032 /PRNewswire/ -- Vantorra Inc. (NASDAQ: VNT) today reported revenue of $1.2 billion for the fourth quarter, as Apple and Samsung cut prices. Apple shipped more. Apple, Apple.
""",
"call": """Q3 2031 Earnings Call

Operator
Good afternoon and welcome to Vantorra's third quarter fiscal 2031 conference call. Apple and Samsung are competitors.

Jane Doe -- Chief Executive Officer
Thanks. Apple, Apple, Samsung, Samsung. Revenue grew 5%.

Operator
That concludes the call.
""",
"letter": """To Our Shareholders:

2031 was a good year for Vantorra. Revenue grew 12%. We compete with Apple and Samsung; Apple grew too, Apple.

Jane Doe
Chairman of the Board
Vantorra Inc.
March 3, 2032
""",
"news": """TECH WIRE
By Sam Writer

Vantorra shares jump as Apple deal lands

SAN FRANCISCO, March 3 (Reuters) - Vantorra Inc said on Tuesday it will supply chips to Apple, sending its shares up 12%. Apple did not comment. Apple, Apple, Apple.
""",
}


@pytest.mark.parametrize("kind", sorted(UNKNOWN_AMONG_KNOWN))
def test_cues_outweigh_a_known_company_named_more_often(kind, rules):
    text = UNKNOWN_AMONG_KNOWN[kind]
    assert text.count("Apple") > text.count("Vantorra")
    d = segment(_src(f"{kind}.txt"), text, rules)[0]
    assert (d.issuer.key, d.issuer.label.split()[0]) == ("vantorra", "Vantorra"), kind


def test_the_extraction_resolves_an_unknown_issuer_by_its_names():
    """End to end with the project gazetteer: "Brindle", "the Company" and unattributed figures are the issuer."""
    from marketgraph.graph.extract.pipeline import extract_document
    from marketgraph.graph.segment import documents_for_file

    text = RELEASE.replace("Brindle sells through Apple stores. Apple, Apple and Apple again.",
                           "Total revenue was US$2.61 billion. According to Canalys, Brindle ranked #2 in Ruritania "
                           "by drone shipments. The Company had cash of US$1.34 billion.")
    gazetteer = load_gazetteer(PATHS.gazetteer)
    doc = documents_for_file(PATHS, PATHS.root / "x.txt", text)[0]
    facts = extract_document(doc, text, gazetteer, paths=PATHS).facts
    subjects = {(f.kind, f.evidence.quote.split()[0]): f.subject.key for f in facts if f.kind in ("metric", "ranking")}
    assert subjects and set(subjects.values()) == {"brindle"}, subjects
    assert {k for k, _ in subjects} == {"metric", "ranking"}
