"""The document model on documents shaped like real filings and pages: exchange exhibits, cover tables of
Japanese summaries, SGX-style capitals titles, slide decks with running footers, investor letters under markup,
bylined stories reporting a research firm's tracker, a research firm's own survey release. Every text here is
invented (companies, people, figures)."""
from __future__ import annotations

from datetime import date

import pytest

from marketgraph.graph.doccontext import find_dateline
from marketgraph.graph.fiscal import FiscalCalendar
from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.segment import load_rules, segment
from marketgraph.graph.sources import SourceFile

PATHS = ProjectPaths.default()
FIXTURE_GAZETTEER = PATHS.root / "tests" / "golden" / "segments" / "gazetteer"


@pytest.fixture(scope="module")
def rules():
    return load_rules(PATHS, load_gazetteer(FIXTURE_GAZETTEER))


def _one(text: str, rules):
    docs = segment(SourceFile(path="synthetic/t.txt", corpus="synthetic", sha256="0" * 64), text, rules)
    assert len(docs) == 1, [d.title for d in docs]
    return docs[0]


def _chrome(doc, text: str) -> list[str]:
    return [text[s.start:s.end] for s in doc.chrome]


# ---------------------------------------------------------------- chrome

def test_a_tables_wrapped_share_heading_is_no_share_button(rules):
    text = ("Pan makers ranked by sales, 2Q27\n\nLYON, 3 August 2027 - Kestrel Insight said pan sales rose.\n\n"
            "Maker\n2Q27\nMarket\nShare\n2Q26\nMarket\nShare\n1. Orvello 31.0% 29.5%\n")
    assert "Share" not in _chrome(_one(text, rules), text)


@pytest.mark.parametrize("tail", ["\n\nShare\nTweet\nEmail\n", "\n\nShare\n\nMore from the desk\n"])
def test_share_buttons_in_a_row_or_set_apart_are_chrome(tail, rules):
    text = "Orvello sells more pans\n\nBy Ada Quist\n\nOrvello Kitchenware Ltd. sold 41 pans in May." + tail
    assert any(c.startswith("Share") for c in _chrome(_one(text, rules), text))


def test_logo_quote_widget_and_breadcrumb_blocks_are_chrome(rules):
    text = ('<html><body>\n<span class="logo">Orvello Investor Relations</span>\n'
            '<div class="quote-widget">NYSE: ORV $12.40 +0.8%</div>\n'
            '<p class="crumbs">Newsroom &gt; Results</p>\n<h1>Orvello Q2 2027 Investor Letter</h1>\n'
            '<p>Dear shareholders,</p>\n<p>Orvello Kitchenware Ltd. grew sales 7% to $41 million in Q2.</p>\n'
            '</body></html>\n')
    chrome = " ".join(_chrome(_one(text, rules), text))
    assert "Orvello Investor Relations" in chrome and "NYSE: ORV" in chrome and "Newsroom &gt; Results" in chrome
    assert "Orvello Q2 2027 Investor Letter" not in chrome


def test_indented_column_heads_of_a_table_are_no_navigation_menu(rules):
    text = ("Orvello results\n\nLyon, 2 June 2027 – Orvello Kitchenware Ltd. reported results.\n\n"
            "                   Net sales       Gross profit      Operating profit     Net profit\n"
            "June 30, 2027        1,204            410               97                  61\n")
    assert not any("Net sales" in c for c in _chrome(_one(text, rules), text))


def test_an_exhibits_filing_header_and_label_are_chrome_and_the_headline_is_the_title(rules):
    text = ("EX-99.1 2 orv-20270803xex991.htm PRESS RELEASE DATED AUGUST 3, 2027\n\n"
            "                                        Exhibit 99.1\n\n"
            "   Orvello Kitchenware Reports Results for the Second Quarter of Fiscal 2028\n\n"
            "LYON, France, August 3, 2027 -- Orvello Kitchenware Ltd. (NYSE: ORV) today reported revenue of "
            "$41 million for its second quarter of fiscal 2028, which ended June 30, 2027.\n")
    d = _one(text, rules)
    assert d.title == "Orvello Kitchenware Reports Results for the Second Quarter of Fiscal 2028"
    assert _chrome(d, text)[0].startswith("EX-99.1") and _chrome(d, text)[0].endswith("Exhibit 99.1")


def test_a_transcript_pages_duration_footer_is_chrome(rules):
    text = ("Orvello (ORV) Q2 2027 Earnings Call Transcript\n\nOperator\n\nWelcome.\n\nAda Quist -- Chief "
            "Executive Officer\n\nSales rose 7%.\n\nOperator\n\nThis concludes the call.\n\nDuration: 41 minutes\n")
    assert "Duration: 41 minutes" in _chrome(_one(text, rules), text)


def test_a_running_footer_on_three_slides_is_chrome_a_numbered_list_is_not(rules):
    slides = "".join(f"Orvello Capital Markets Day 2027 {n}\n\nSales target {n}0 million\n\n" for n in (1, 2, 3))
    text = "Orvello Kitchenware Ltd.\nCapital Markets Day 2027\n\n" + slides + "Phase 1\nPhase 2\nPhase 3\n"
    chrome = _chrome(_one(text, rules), text)
    assert [c for c in chrome if c.startswith("Orvello Capital")] == [
        f"Orvello Capital Markets Day 2027 {n}" for n in (1, 2, 3)]
    assert not any(c.startswith("Phase") for c in chrome)


# ---------------------------------------------------------------- titles and datelines

def test_a_headline_wrapped_onto_a_link_word_line_is_one_title(rules):
    text = ("Summary of Consolidated Financial Results\nfor the Six Months Ended December 31, 2027 (Under IFRS)\n\n"
            "                                                     February 9, 2028\n"
            "Company name:     Orvello Kitchenware Co., Ltd.\nListing:          Tokyo Stock Exchange\n\n"
            "Fiscal year ended June 30, 2027 was a record. Net sales rose 4%.\n")
    d = _one(text, rules)
    assert d.title == ("Summary of Consolidated Financial Results for the Six Months Ended December 31, 2027 "
                       "(Under IFRS)")
    assert d.issuer is not None and d.issuer.label == "Orvello Kitchenware Co., Ltd."
    assert d.fiscal == FiscalCalendar(6, False)
    p = d.period
    assert p is not None and (p.label, p.start, p.end) == ("FY2028-H1", date(2027, 7, 1), date(2027, 12, 31))


def test_a_lower_case_byline_under_a_headline_is_no_part_of_it(rules):
    text = "Orvello sells more pans\nby Ada Quist\n\nLYON, 3 May 2027 – Orvello Kitchenware Ltd. sold 41 pans.\n"
    assert _one(text, rules).title == "Orvello sells more pans"


def test_a_cover_page_quoting_its_headline_over_two_lines(rules):
    text = ('"Orvello Kitchenware Limited\nQ1 FY28 Earnings Conference Call"\nJuly 30, 2027\n\n'
            "Moderator: Good day and welcome to the Orvello Kitchenware Limited Q1 FY28 earnings conference call.\n")
    assert _one(text, rules).title == "Orvello Kitchenware Limited Q1 FY28 Earnings Conference Call"


@pytest.mark.parametrize("line, dateline", [
    ("June 30, 2027       –          20.00        –          25.00", False),
    ("30 June 2027        –          20.00        –          25.00", False),
    ("LYON, France, June 30, 2027 -- Orvello Kitchenware Ltd. reported sales.", True),
    ("June 30, 2027 – Orvello Kitchenware Ltd. reported sales.", True),
])
def test_a_table_row_dated_before_an_empty_cell_is_no_dateline(line, dateline, rules):
    text = "Dividends per share\n" + line + "\n"
    assert (find_dateline(text, 0, len(text), rules.context) is not None) == dateline


def test_a_filings_capitals_title_wins_over_a_section_heading_after_it(rules):
    text = ("PELLHAM ROBOTICS LTD.\n(Company Registration No. 200112345Z)\n\n"
            "UNAUDITED CONDENSED INTERIM FINANCIAL STATEMENTS FOR THE SIX MONTHS AND\nFULL YEAR ENDED 30 JUNE 2027\n\n"
            "A. Condensed interim statement of profit or loss\n\nRevenue rose 5% to S$41.0 million.\n")
    assert _one(text, rules).title == ("UNAUDITED CONDENSED INTERIM FINANCIAL STATEMENTS FOR THE SIX MONTHS AND "
                                       "FULL YEAR ENDED 30 JUNE 2027")


# ---------------------------------------------------------------- genre, voice, source

def test_a_letter_under_markup_is_a_shareholder_letter_of_its_company(rules):
    text = ("<html><body>\n<h1>Q2 2027 Investor Letter</h1>\n<p>July 29, 2027</p>\n<p>Dear investors,</p>\n"
            "<p>Orvello Kitchenware, Inc. (NYSE: ORV) grew revenue 7% to $41 million in Q2.</p>\n</body></html>\n")
    d = _one(text, rules)
    assert (d.genre, d.role, d.publisher) == ("shareholder_letter", "first_party", "Orvello Kitchenware, Inc.")


def test_a_bylined_story_reporting_a_tracker_is_news_with_the_firm_as_source(rules):
    text = ("# Global smart kettle shipments rise 6% in Q2 2027\n\n"
            "*By Ada Quist · KettleWatch · August 2, 2027 · 3 min read*\n\n"
            "Global smart kettle shipments rose 6% in Q2 2027, according to Kestrel Insight's latest Smart Kettle "
            "Tracker. Orvello kept first place.\n")
    d = _one(text, rules)
    assert (d.genre, d.publisher, d.issuer) == ("news", "KettleWatch", None)
    assert d.source is not None and d.source.key == "kestrel-insight"
    assert d.market is not None and d.market.key == "world"


def test_a_bylined_story_citing_no_research_firm_has_no_source(rules):
    text = ("# Orvello opens a plant\n\n*By Ada Quist · KettleWatch · August 2, 2027*\n\n"
            "Orvello Kitchenware Ltd. opened a plant in Lyon, according to the company.\n")
    d = _one(text, rules)
    assert (d.genre, d.source, d.market) == ("news", None, None)


@pytest.mark.parametrize("title, lead", [
    ("2Q27 AMOLED Panel Revenue Rises 4% as Pellham Gains, Says Kestrel Research",
     "Panel revenue rose 4% in the second quarter of 2027."),
    ("2Q27 AMOLED panel revenue rises 4%",
     "Kestrel Research's latest panel survey shows that AMOLED panel revenue rose 4% in the second quarter of 2027."),
])
def test_a_research_firms_own_release_is_a_research_note(title, lead, rules):
    text = (f'<html><head><title>Kestrel Research | {title}</title></head><body>\n<h1>{title}</h1>\n'
            f'<p class="meta">Published: 4 August 2027</p>\n<p>{lead} Pellham Display took 21% of the market.</p>\n'
            '</body></html>\n')
    d = _one(text, rules)
    assert (d.genre, d.issuer, d.publisher, d.category) == ("research_note", None, "Kestrel Research", "AMOLED panels")
    assert d.source is not None and d.source.key == "kestrel-research"
    assert d.period is not None and d.period.label == "2027-Q2"


# ---------------------------------------------------------------- fiscal years named by their end month

def test_fy_month_slash_year_states_the_fiscal_calendar_and_its_periods(rules):
    text = ("Orvello Kitchenware Co., Ltd.\nResults briefing\nAugust 5, 2027 | Securities Code: 7701\n\n"
            "Where we stand: Q1 FY3/28 results\nSales ¥41.0bn (+7% YoY)\nFY3/28 guidance unchanged\n")
    d = _one(text, rules)
    assert d.fiscal == FiscalCalendar(3, False)
    assert d.role == "first_party"


def test_an_investor_day_deck_has_no_reporting_period_and_is_its_companys_own(rules):
    text = ("Orvello Kitchenware Co., Ltd.\nInvestor Day 2027\nDecember 2, 2027 | Securities Code: 7701\n\n"
            "Where we stand: FY3/27 results\nSales ¥41.0bn\n\nTargets for FY3/31\nSales ¥60.0bn\n")
    d = _one(text, rules)
    assert (d.period, d.role, d.publisher) == (None, "first_party", "Orvello Kitchenware Co., Ltd.")
    assert d.fiscal == FiscalCalendar(3, False)
