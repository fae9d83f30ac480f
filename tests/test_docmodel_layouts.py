"""Transcript turns in four layouts and page chrome / boilerplate, on texts of invented companies and people."""
from __future__ import annotations

import pytest

from marketgraph.graph.chrome import is_chrome
from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.segment import load_rules, segment
from marketgraph.graph.sources import SourceFile

PATHS = ProjectPaths.default()


@pytest.fixture(scope="module")
def rules():
    return load_rules(PATHS, load_gazetteer(PATHS.root / "tests" / "golden" / "segments" / "gazetteer"))


def _doc(text: str, rules):
    docs = segment(SourceFile(path="synthetic/t.txt", corpus="synthetic", sha256="0" * 64), text, rules)
    assert len(docs) == 1
    return docs[0]


def _turns(text: str, rules) -> list[tuple]:
    d = _doc(text, rules)
    assert d.genre == "earnings_call"
    return [(t.speaker, t.role, t.firm, t.title) for t in d.turns]


HEAD = "Tarvik Pumps Inc. (NYSE: TRVK)\nQ1 2026 Earnings Call\nApril 28, 2026\n\n"

LAYOUT_A = HEAD + """Operator

Welcome to the Tarvik Pumps first quarter call. Our first question comes from Lio Brandt with Halden Bank.

O
Ossian Kell
executive

Revenue was 12 units, up 4%.

L
Lio Brandt
analyst

Is the margin sustainable?

O
Ossian Kell
executive

We think so.
"""

LAYOUT_B = HEAD + """Operator:
Good morning and welcome to the Tarvik Pumps first quarter 2026 earnings call.

Mira Solberg - Chief Financial Officer:
Revenue was 12 units, up 4%.

Operator:
Next, Tomas Eide with Kvarn Securities.

Tomas Eide -- Analyst, Kvarn Securities
How much was price?

Mira Solberg - Chief Financial Officer:
About half of it.
"""

LAYOUT_C = HEAD + """Corporate Participants
  Ossian Kell      Tarvik Pumps Inc. - Chief Executive Officer
  Mira Solberg     Tarvik Pumps Inc. - Chief Financial Officer

Conference Call Participants
  Lio Brandt       Halden Bank - Analyst

Operator: Welcome to the Tarvik Pumps first quarter 2026 earnings call.

Ossian Kell: Thank you. Revenue was 12 units.

Mira Solberg: The margin was 30%.

Operator: The first question comes from Lio Brandt, Halden Bank.

Lio Brandt: Is the margin sustainable?

Ossian Kell: We think so.
"""

LAYOUT_D = HEAD + """Company Participants
* Ossian Kell, Chief Executive Officer
* Mira Solberg, Chief Financial Officer

Other Participants
* Lio Brandt, Analyst, Halden Bank

Presentation

Ossian Kell
Welcome to the Tarvik Pumps first quarter 2026 earnings call. Revenue was 12 units.

Mira Solberg
The margin was 30%.

Questions And Answers

Q - Lio Brandt
Is the margin sustainable?

A - Mira Solberg
We think so.
"""

LAYOUT_BOLD = """# Tarvik Pumps Inc. – Q1 FY26 Earnings Call Transcript

## Participants

- **Ossian Kell** – Chief Executive Officer
- **Mira Solberg** – Chief Financial Officer

**Operator:** Welcome to the Tarvik Pumps earnings call for the first quarter.

**Ossian Kell:** Revenue was 12 units.

**Operator:** The first question is from Lio Brandt of Halden Bank.

**Lio Brandt:** Is the margin sustainable?

**Mira Solberg:** We think so.
"""


@pytest.mark.parametrize("text, expected", [
    (LAYOUT_A, [("Operator", "operator", None, None), ("Ossian Kell", "executive", None, None),
                ("Lio Brandt", "analyst", "Halden Bank", None), ("Ossian Kell", "executive", None, None)]),
    (LAYOUT_B, [("Operator", "operator", None, None), ("Mira Solberg", "executive", None, "Chief Financial Officer"),
                ("Operator", "operator", None, None), ("Tomas Eide", "analyst", "Kvarn Securities", "Analyst"),
                ("Mira Solberg", "executive", None, "Chief Financial Officer")]),
    (LAYOUT_C, [("Operator", "operator", None, None),
                ("Ossian Kell", "executive", "Tarvik Pumps Inc.", "Chief Executive Officer"),
                ("Mira Solberg", "executive", "Tarvik Pumps Inc.", "Chief Financial Officer"),
                ("Operator", "operator", None, None), ("Lio Brandt", "analyst", "Halden Bank", "Analyst"),
                ("Ossian Kell", "executive", "Tarvik Pumps Inc.", "Chief Executive Officer")]),
    (LAYOUT_D, [("Ossian Kell", "executive", None, "Chief Executive Officer"),
                ("Mira Solberg", "executive", None, "Chief Financial Officer"),
                ("Lio Brandt", "analyst", "Halden Bank", "Analyst"),
                ("Mira Solberg", "executive", None, "Chief Financial Officer")]),
    (LAYOUT_BOLD, [("Operator", "operator", None, None), ("Ossian Kell", "executive", None, "Chief Executive Officer"),
                   ("Operator", "operator", None, None), ("Lio Brandt", "analyst", "Halden Bank", None),
                   ("Mira Solberg", "executive", None, "Chief Financial Officer")]),
], ids=["initial-name-role", "name-dash-title", "participants-and-colon", "q-a-markers", "markdown-bold"])
def test_turns_in_each_layout(text, expected, rules):
    assert _turns(text, rules) == expected


def test_a_turn_spans_what_its_speaker_says(rules):
    d = _doc(LAYOUT_C, rules)
    said = [LAYOUT_C[t.start:t.end] for t in d.turns]
    assert said[1] == "Thank you. Revenue was 12 units." and said[-1] == "We think so."


def test_a_list_of_label_lines_is_no_transcript(rules):
    text = ("Tarvik launches the Fjell pump\n\nLyon, 2 June 2026 – Tarvik Pumps Inc. today launched a pump.\n\n"
            "Flow: 40 litres a minute\nWeight: 9 kg\nNoise: 30 dB\nPrice: EUR 499\n")
    d = _doc(text, rules)
    assert d.genre == "product_release" and d.turns == ()


# ---------------------------------------------------------------- chrome and boilerplate

PAGE = """Home | Pumps | Valves | Deals | Sign in
TRVK 41.20 ▲0.80 (+1.9%)   KVRN 7.02 ▼0.10
Pumps › Industry

Tarvik sells more pumps in the spring

By Ada Quist · 3 May 2026

Tarvik Pumps Inc. said on Friday that it sold 12 pumps in April, 4% more than a year before.

Share this article
Tweet

Related: Kvarn cuts prices of valves | Halden opens a plant
"""


@pytest.mark.parametrize("line", ["Home | Pumps", "TRVK 41.20", "Pumps › Industry", "Share this article", "Tweet",
                                  "Related: Kvarn"])
def test_page_chrome_is_skipped(line, rules):
    d = _doc(PAGE, rules)
    pos = PAGE.index(line)
    assert is_chrome(d, pos, pos + len(line))
    assert not is_chrome(d, PAGE.index("it sold 12 pumps"), PAGE.index("it sold 12 pumps") + 5)
    assert d.title == "Tarvik sells more pumps in the spring"


def test_cookie_banner_and_related_block_of_an_html_page(rules):
    html = ("<html><head><title>Tarvik sells pumps | Pump Weekly</title></head><body>\n"
            '<div class="cookie-banner"><p>We use cookies. Accept all 3 categories?</p></div>\n'
            "<h1>Tarvik sells more pumps</h1>\n<p>Tarvik Pumps Inc. said it sold 12 pumps in April.</p>\n"
            '<aside class="related"><h3>Related</h3><ul><li>Kvarn sells 9 valves</li></ul></aside>\n</body></html>\n')
    d = _doc(html, rules)
    for line in ("We use cookies", "Kvarn sells 9 valves"):
        assert is_chrome(d, html.index(line), html.index(line) + 5), line
    assert not is_chrome(d, html.index("it sold 12"), html.index("it sold 12") + 5)
    assert (d.title, d.publisher) == ("Tarvik sells more pumps", "Pump Weekly")


def test_boilerplate_is_marked_and_only_what_states_no_fact_is_skipped(rules):
    text = ("Tarvik sells more pumps\n\nLyon, 2 June 2026 – Tarvik Pumps Inc. today reported that it sold 12 pumps.\n\n"
            "Conference Call\n\nTarvik will host a conference call today at 3 pm; a replay will be available.\n\n"
            "Forward-looking statements\nThis release contains forward-looking statements about demand.\n\n"
            "Media contact: Ada Quist, Head of Communications, press@tarvik.example\n")
    d = _doc(text, rules)
    spans = [(b.start, b.end) for b in d.boilerplate]
    for line in ("Tarvik will host", "This release contains", "Media contact"):
        pos = text.index(line)
        assert any(a <= pos < b for a, b in spans), line
    assert is_chrome(d, text.index("This release contains"))
    assert not is_chrome(d, text.index("Tarvik will host")) and not is_chrome(d, text.index("Ada Quist"))
