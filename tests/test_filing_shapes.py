"""The document model on the shapes of exchange filings and research releases (invented companies and figures):
an issuer's own statements are results releases, a filing's registered name over its registration line is the
issuer, and a research firm's headline about a market names no issuer."""
from __future__ import annotations

import pytest

from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.segment import load_rules, segment
from marketgraph.graph.sources import SourceFile

PATHS = ProjectPaths.default()


@pytest.fixture(scope="module")
def rules():
    return load_rules(PATHS, load_gazetteer(PATHS.root / "tests" / "golden" / "segments" / "gazetteer"))


def _doc(text: str, rules):
    (doc,) = segment(SourceFile(path="synthetic/t.txt", corpus="synthetic", sha256="0" * 64), text, rules)
    return doc


SGX = """KERANJI MOULDING LTD.
(Company Registration No. 200311842W)
(Incorporated in the Republic of Singapore)

UNAUDITED CONDENSED INTERIM FINANCIAL STATEMENTS FOR THE SIX MONTHS ENDED 31 DECEMBER 2025

1. Review of performance of the Group

Group revenue for the half year increased by 6.1% to S$88.4 million, led by the precision parts segment.
The Group's gross margin improved to 21.3% on a better product mix.

BY ORDER OF THE BOARD
12 February 2026
"""

STATEMENT = """Velde Antriebstechnik AG
Quarterly Statement Q1 2026
(January 1 to March 31, 2026)

Stuttgart, May 7, 2026

Revenue rose 4.2% to EUR 311.0 million. Order intake reached EUR 298.5 million.
"""

NOTE = """Vietnam Tablet Market Shrinks for a Second Quarter as Schools Delay Purchases, Says Harrow Data

HANOI, March 3, 2026 - Tablet shipments in Vietnam fell 6.4% year over year in the fourth quarter of 2025,
according to preliminary data from the Harrow Data Quarterly Tablet Monitor. Consumer demand held up while
education tenders slipped into the new year.
"""


def test_a_filing_masthead_names_the_issuer_and_the_statements_are_results(rules):
    doc = _doc(SGX, rules)
    assert doc.genre == "results_release"
    assert doc.issuer is not None and doc.issuer.label.lower().startswith("keranji moulding")


def test_a_quarterly_statement_is_a_results_release(rules):
    doc = _doc(STATEMENT, rules)
    assert doc.genre == "results_release"
    assert doc.issuer is not None and doc.issuer.key.startswith("velde")


def test_a_research_headline_about_a_market_names_no_issuer(rules):
    doc = _doc(NOTE, rules)
    assert doc.genre == "research_note"
    assert doc.issuer is None or "market" not in doc.issuer.label.lower()
