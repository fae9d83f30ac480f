"""The document model on texts of its own: publication dates, segmentation, titles, genres, publishers, research
notes, fiscal calendars and periods — every rule on invented companies, people, numbers and word orders.
(Transcript turns and chrome: tests/test_docmodel_layouts.py.)
"""
from __future__ import annotations

from datetime import date

import pytest

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


def _src(bundle: bool = False) -> SourceFile:
    return SourceFile(path="synthetic/t.txt", corpus="synthetic", sha256="0" * 64, bundle=bundle)


def _one(text: str, rules):
    docs = segment(_src(), text, rules)
    assert len(docs) == 1, [d.title for d in docs]
    return docs[0]


BODY = ("Orvello Kitchenware Ltd. reported revenue of 41 units, up 3% from a year earlier. Its margin rose.\n\n"
        "The company sells pans in nine countries.\n")


# ---------------------------------------------------------------- publication dates

@pytest.mark.parametrize("header, iso", [
    ("Vantor Daily\nFriday, 3 March 2028\n\nOrvello sells more pans\n\n", "2028-03-03"),
    ("Orvello sells more pans\n\nPosted Feb. 9, 2027 at 6:40 pm\n\n", "2027-02-09"),
    ("Orvello sells more pans\nPublished: 2026-10-05\n\n", "2026-10-05"),
    ("Orvello sells more pans\n\nBy Ada Quist · 17 June 2029, 08:15 CET · 3 min read\n\n", "2029-06-17"),
    ("From: Orvello Press Office\nSent: Tuesday, August 12, 2025 09:00\nSubject: results\n\n"
     "Orvello sells more pans\n\n", "2025-08-12"),
    ("Orvello sells more pans\n\nLYON, France — 14th December 2024 — ", "2024-12-14"),
    ("**PORTO — May 2, 2031** — ", "2031-05-02"),
    ("Orvello sells more pans\nNews · Wednesday 7 May 2025 · by Ada Quist\n\n", "2025-05-07"),
    ("Orvello sells more pans\n\nPosted 2030.04.30 · Corporate\n\n", "2030-04-30"),
    ("Orvello sells more pans\nPublished 24/07/2029\n\n", "2029-07-24"),
    ("Orvello sells more pans\nPosted on 24.07.2029 by the desk\n\n", "2029-07-24"),
    ("Orvello sells more pans | Vantor Daily | 2029/07/24\n\n", "2029-07-24"),
    ("Orvello sells more pans\nPublished 07/24/2029 10:02 AM EDT\n\n", "2029-07-24"),
    ("Orvello sells more pans\nUpdated: 24/07/2029\n\n", "2029-07-24"),
])
def test_publication_date_in_any_common_form(header, iso, rules):
    assert _one(header + BODY, rules).date == iso


def test_a_numeric_date_whose_day_could_be_its_month_is_not_guessed(rules):
    # 04/07/2029 is 4 July or 7 April: left unread rather than guessed
    assert _one("Orvello sells more pans\nPublished 04/07/2029\n\n" + BODY, rules).date is None


def test_a_page_updated_years_after_the_period_it_reports_is_not_dated_by_the_update(rules):
    text = "Orvello sells more pans\nUpdated: 24/07/2029\n\nOrvello said revenue for 2024 rose 3%.\n"
    assert _one(text, rules).date is None


def test_a_period_bound_is_not_a_publication_date(rules):
    text = ("Orvello reports results for the year ended March 31, 2026\n\n"
            "Orvello Kitchenware Ltd. reported revenue of 41 units for the year ended March 31, 2026.\n")
    assert _one(text, rules).date is None


def test_a_relative_posting_time_is_page_chrome_not_a_date(rules):
    text = "Orvello sells more pans\nPosted 3 days ago\n\n" + BODY
    d = _one(text, rules)
    assert d.date is None
    pos = text.index("Posted 3 days ago")
    assert any(s.start <= pos < s.end for s in d.chrome)


def test_a_dateline_without_a_year_takes_the_year_its_weekday_fits(rules):
    # 4 March fell on a Friday in 2022, next to 2021 that the story mentions (not in 2020, 2021, 2023 … 2025)
    text = ("Orvello to buy a stake in Pellham\n\nOSLO, March 4 (Tidewire) - Orvello Kitchenware Ltd. said on Friday "
            "it would buy 20% of Pellham, which grew 5% in 2021. The deal closes in 2024.\n")
    assert _one(text, rules).date == "2022-03-04"


def test_a_transcript_is_dated_by_its_call_not_by_its_page(rules):
    text = ("Orvello Kitchenware (ORV) Q1 2027 Earnings Call Transcript\nPublished May 9, 2027\n\n"
            "Orvello Kitchenware Ltd. (NYSE: ORV)\nQ1 2027 Earnings Call\nMay 8, 2027\n\n"
            "Operator\n\nWelcome to the call.\n\nJ\nJuno Vale\nexecutive\n\nRevenue rose.\n\n"
            "P\nPim Ostrander\nanalyst\n\nWhy?\n\nJ\nJuno Vale\nexecutive\n\nPans.\n")
    d = _one(text, rules)
    assert (d.genre, d.date) == ("earnings_call", "2027-05-08")


# ---------------------------------------------------------------- segmentation

RELEASE = "{title}\n\n{place}, {when} – {company} today announced {what}. Sales rose 4% in the period.\n\n"


def test_a_masthead_or_mail_header_above_the_dateline_is_no_document_of_its_own(rules):
    for head in ("KESTREL TIMES\n\n", "From: Orvello IR <ir@orvello.example>\nSent: Monday, 2 June 2025\n\n",
                 "Orvello Kitchenware Ltd.\n(Stock Code: 4411)\n\n"):
        text = head + RELEASE.format(title="Orvello opens a plant", place="Lyon", when="2 June 2025",
                                     company="Orvello Kitchenware Ltd.", what="a plant")
        d = _one(text, rules)
        assert (d.start, d.title, d.date) == (0, "Orvello opens a plant", "2025-06-02"), head


def test_releases_of_two_companies_one_after_the_other_are_two_documents(rules):
    a = RELEASE.format(title="Orvello opens a plant", place="Lyon", when="2 June 2025",
                       company="Orvello Kitchenware Ltd.", what="a plant")
    b = RELEASE.format(title="Pellham Robotics raises $9 million", place="Leeds", when="2 June 2025",
                       company="Pellham Robotics Inc.", what="a funding round")
    docs = segment(_src(), "DIGEST\nTwo releases, reproduced as received.\n\n" + a + b, rules)
    assert [(d.title, d.issuer.key if d.issuer else None) for d in docs] == [
        ("Orvello opens a plant", "orvello-kitchenware"), ("Pellham Robotics raises $9 million", "pellham-robotics")]
    assert docs[0].start == 0


def test_one_release_repeated_is_one_document_unless_the_registry_says_bundle(rules):
    a = RELEASE.format(title="Orvello opens a plant", place="Lyon", when="2 June 2025",
                       company="Orvello Kitchenware Ltd.", what="a plant")
    assert len(segment(_src(), a + a, rules)) == 1
    assert len(segment(_src(bundle=True), a + a, rules)) == 2


# ---------------------------------------------------------------- titles

@pytest.mark.parametrize("text, title", [
    ("# Orvello sells more pans\n\n*Posted June 1, 2025*\n\n" + BODY, "Orvello sells more pans"),
    ("<html><head><title>x | Site</title></head><body>\n<h1>Orvello sells more pans</h1>\n<p>" + BODY + "</p>",
     "Orvello sells more pans"),
    ("Pans Forum » News\n\nTopic: Orvello sells more pans\n\n" + BODY, "Orvello sells more pans"),
    ("Orvello Kitchenware Ltd. (NYSE: ORV)\nSecond Quarter 2025 Earnings Conference Call\nJuly 30, 2025\n\n" + BODY,
     "Second Quarter 2025 Earnings Conference Call"),
    ("PRESS RELEASE\nORVELLO KITCHENWARE LTD.\n\nORVELLO SELLS MORE PANS THAN EVER AND\nRAISES ITS DIVIDEND\n\n"
     "Lyon, 2 June 2025 – " + BODY, "ORVELLO SELLS MORE PANS THAN EVER AND RAISES ITS DIVIDEND"),
    ("Vantor Research – Market Brief No. 7/2025\n\nEuropean pan market 2024: volumes flat\nLyon, 2 June 2025\n\n" + BODY,
     "European pan market 2024: volumes flat"),
])
def test_title_past_mastheads_listings_and_markup(text, title, rules):
    assert _one(text, rules).title == title


# ---------------------------------------------------------------- genre, role, publisher, research notes

NOTE = ("KESTREL INSIGHT | NEWSROOM\n\nGlobal smart oven shipments fall 6% in Q3 2026 as Orvello gains\n\n"
        "LYON, 14 November 2026 – Worldwide smart oven shipments fell 6% to 8.1 million units in the third quarter "
        "of 2026, according to preliminary data from Kestrel Insight. Orvello Kitchenware Ltd. (NYSE: ORV) was first "
        "with 21%.\n\nAbout Kestrel Insight\nKestrel Insight is an independent market research company.\n")


def test_a_research_note_has_no_issuer_and_its_firm_is_publisher_and_source(rules):
    d = _one(NOTE, rules)
    assert (d.genre, d.issuer, d.publisher, d.role) == ("research_note", None, "Kestrel Insight", "third_party")
    assert d.source is not None and d.source.key == "kestrel-insight"
    assert (d.market.key if d.market else None, d.category, d.period.label if d.period else None) == (
        "world", None, "2026-Q3")   # "smart ovens" is no category of mappings/docmodel.yaml


def test_a_research_notes_market_and_category_come_from_its_title(rules):
    text = NOTE.replace("Global smart oven shipments", "Western Europe's tablet shipments")
    d = _one(text, rules)
    assert (d.market.key, d.category) == ("western-europe", "tablets")


@pytest.mark.parametrize("title, genre", [
    ("Pellham lands $40M Series B to build warehouse robots", "investment_news"),
    ("Orvello to take 30% of Pellham for $90 mln", "investment_news"),
    ("Orvello Kitchenware Annual Report 2025", "annual_report"),
])
def test_genre_from_the_title(title, genre, rules):
    text = f"{title}\n\nBy Ada Quist\n\nLyon, 2 June 2025 – Orvello Kitchenware Ltd. and Pellham Robotics Inc. agreed terms.\n"
    if genre == "annual_report":
        text = f"ORVELLO KITCHENWARE LTD.\n{title}\n\nKey figures\nRevenue: 41 (2024: 39)\n"
    assert _one(text, rules).genre == genre


def test_a_page_about_a_company_published_by_someone_else_is_news(rules):
    release = RELEASE.format(title="Orvello unveils the Cuivre pan", place="Lyon", when="2 June 2025",
                             company="Orvello Kitchenware Ltd.", what="a pan").replace(" today announced", " unveiled")
    own = _one(release, rules)
    other = _one("<html><head><title>Orvello unveils the Cuivre pan | Pan Weekly</title></head>\n" + release, rules)
    assert (own.genre, own.role) == ("product_release", "first_party")
    assert (other.genre, other.role, other.publisher) == ("news", "third_party", "Pan Weekly")


# ---------------------------------------------------------------- fiscal calendars and periods

@pytest.mark.parametrize("sentence, end_month, by_start", [
    ("results for its fourth quarter and fiscal year ended September 30, 2025.", 9, False),
    ("revenue for the first quarter of fiscal 2026 ended June 30, 2025 rose.", 3, False),
    ("In Q3 FY26 (October–December 2025) revenue rose.", 3, False),
    ("Our fiscal year ends June 30, so Q3 of fiscal '26 is the March quarter.", 6, False),
    ("The guidance covers the fiscal year ending March 31.", 3, False),
    ("for fiscal 2025 (the year ended March 31, 2026) revenue rose.", 3, True),
    ("in the fiscal year ending January 31, 2027 (FY2026) revenue will rise.", 1, True),
    ("for the year ended 31 March 2026 revenue rose 12%.", 3, False),
    ("said its fiscal year runs from July to June.", 6, False),
    ("for the twelve months to September 30, 2025 revenue rose.", 9, False),
    ("the quarter ended October 31, 2025, the third quarter of fiscal 2025, was strong. Its fiscal year ends "
     "in January.", 1, False),
    # a statement wrapped over two lines of a paragraph
    ("announced results for the second quarter of fiscal\n2026, the three months ended December 31, 2025.", 6, False),
    ("said the fiscal year of Orvello Kitchenware Ltd. runs from 1 October to 30 September.", 9, False),
    ("announced results for its fiscal 2026 first quarter ended December 27, 2025.", 9, False),
    ("said its financial year ends on 31 March.", 3, False),
    ("which has a March financial year end, said sales rose.", 3, False),
    ("reported sales for FY2025 (April 2025 - March 2026).", 3, True),
])
def test_fiscal_calendar_read_from_the_text(sentence, end_month, by_start, rules):
    d = _one("Orvello results\n\nLyon, 2 June 2026 – Orvello Kitchenware Ltd. " + sentence + "\n", rules)
    assert d.fiscal == FiscalCalendar(end_month, by_start)


def test_the_titles_company_stating_its_own_fiscal_year_with_whose(rules):
    text = ("Orvello Q2 FY2026 results\n\nLyon, 5 February 2026 – Orvello Kitchenware Ltd., whose fiscal year runs "
            "from July to June, reported sales for the second quarter of fiscal 2026, which ended December 31, 2025.\n")
    d = _one(text, rules)
    assert d.fiscal == FiscalCalendar(6, False)
    assert (d.period.start, d.period.end) == (date(2025, 10, 1), date(2025, 12, 31))


def test_the_titles_company_with_a_lower_case_legal_form_stating_its_fiscal_year_with_whose(rules):
    text = ("Orvello plc interim results\n\nLONDON, 14 November 2025 -- Orvello plc, whose financial year ends on "
            "31 March, reported revenue for the six months ended 30 September 2025.\n")
    d = _one(text, rules)
    assert d.fiscal == FiscalCalendar(3, False)
    assert (d.period.start, d.period.end) == (date(2025, 4, 1), date(2025, 9, 30))


def test_a_fiscal_quarter_label_and_the_month_its_quarter_ended_in(rules):
    text = ("Orvello FY '26 Q3 earnings call\n\nOperator: Welcome to the Orvello FY '26 Q3 earnings call, for the "
            "quarter that ended in March.\n")
    d = _one(text, rules)
    assert d.fiscal == FiscalCalendar(6, False)
    assert (d.period.start, d.period.end) == (date(2026, 1, 1), date(2026, 3, 31))


def test_a_fiscal_quarter_label_with_its_number_first(rules):
    text = ("Orvello Ltd 3QFY26 results\n\nMUMBAI, 20 January 2026 -- Orvello Ltd reported 3QFY26 revenue for the "
            "quarter ended December 31, 2025.\n")
    d = _one(text, rules)
    assert d.fiscal == FiscalCalendar(3, False)
    assert (d.period.start, d.period.end) == (date(2025, 10, 1), date(2025, 12, 31))


@pytest.mark.parametrize("sentence, end_month", [
    ("reported results for the three months ended September 30, 2025.", 3),
    ("said revenue in our fiscal second quarter, which ended in September, rose.", 3),
])
def test_a_fiscal_quarter_label_and_the_end_of_its_quarter(sentence, end_month, rules):
    d = _one(f"Orvello Ltd Q2 FY26 results\n\nOrvello Ltd {sentence}\n", rules)
    assert d.fiscal == FiscalCalendar(end_month, False)


def test_the_month_quarter_named_as_the_fiscal_quarter(rules):
    text = "Orvello Inc earnings call\n\nCFO: Revenue in the December quarter, our fiscal first quarter, rose 4%.\n"
    assert _one(text, rules).fiscal == FiscalCalendar(9, False)


def test_a_split_fiscal_year_with_a_slash_is_the_reporting_year(rules):
    text = ("Orvello Kitchenware Ltd.\nAnnual Report 2025/26\n\nThe fiscal year of Orvello Kitchenware Ltd. runs from "
            "1 October to 30 September. Revenue in fiscal 2025/26 rose 4%.\n")
    d = _one(text, rules)
    assert d.fiscal == FiscalCalendar(9, False)
    assert (d.period.start, d.period.end) == (date(2025, 10, 1), date(2026, 9, 30))


def test_another_companys_fiscal_year_is_not_the_documents(rules):
    text = ("Orvello results\n\nLyon, 2 June 2026 – Orvello Kitchenware Ltd. sold more. Pellham, whose fiscal year "
            "ends in January, said its third quarter of fiscal 2026, which ended October 31, 2025, was weak.\n")
    assert _one(text, rules).fiscal is None


@pytest.mark.parametrize("title, label, start, end, fiscal_label", [
    ("Orvello Reports Q3 FY2026 Results", "FY2026-Q3", date(2026, 4, 1), date(2026, 6, 30), "Q3 FY2026"),
    ("Orvello Reports Second Quarter Fiscal 2026 Results", "FY2026-Q2", date(2026, 1, 1), date(2026, 3, 31), "Q2 FY2026"),
    ("Orvello: FY '26 Q1 results", "FY2026-Q1", date(2025, 10, 1), date(2025, 12, 31), "Q1 FY2026"),
    ("Orvello Reports Fiscal 2025 Results", "FY2025", date(2024, 10, 1), date(2025, 9, 30), "FY2025"),
])
def test_fiscal_reporting_period_has_calendar_dates_and_its_fiscal_label(title, label, start, end, fiscal_label, rules):
    text = (f"{title}\n\nLyon, 2 August 2026 – Orvello Kitchenware Ltd. announced results. Its fiscal year ended "
            "September 30, 2025 was a record.\n")
    p = _one(text, rules).period
    assert p is not None and (p.label, p.start, p.end, p.fiscal_label) == (label, start, end, fiscal_label)


@pytest.mark.parametrize("cal, kind, fy, n, label, start, end, fiscal_label", [
    (FiscalCalendar(), "quarter", 2025, 3, "2025-Q3", date(2025, 7, 1), date(2025, 9, 30), None),
    (FiscalCalendar(), "half", 2025, 2, "2025-H2", date(2025, 7, 1), date(2025, 12, 31), None),
    (FiscalCalendar(), "ninemonths", 2025, 1, "2025-9M", date(2025, 1, 1), date(2025, 9, 30), None),
    (FiscalCalendar(9), "quarter", 2024, 1, "FY2024-Q1", date(2023, 10, 1), date(2023, 12, 31), "Q1 FY2024"),
    (FiscalCalendar(6), "quarter", 2024, 3, "FY2024-Q3", date(2024, 1, 1), date(2024, 3, 31), "Q3 FY2024"),
    (FiscalCalendar(3), "half", 2024, 1, "FY2024-H1", date(2023, 4, 1), date(2023, 9, 30), "H1 FY2024"),
    (FiscalCalendar(1), "ninemonths", 2024, 1, "FY2024-9M", date(2023, 2, 1), date(2023, 10, 31), "9M FY2024"),
    (FiscalCalendar(3, True), "year", 2023, 1, "FY2023", date(2023, 4, 1), date(2024, 3, 31), "FY2023"),
    (FiscalCalendar(3, True), "quarter", 2023, 4, "FY2023-Q4", date(2024, 1, 1), date(2024, 3, 31), "Q4 FY2023"),
])
def test_fiscal_calendar_periods(cal, kind, fy, n, label, start, end, fiscal_label):
    p = cal.period(kind, fy, n)
    assert (p.label, p.start, p.end, p.fiscal_label) == (label, start, end, fiscal_label)


def test_fiscal_year_of_a_date_and_shifting_a_fiscal_quarter():
    cal = FiscalCalendar(9)
    assert [cal.fiscal_year_of(date(2023, m, 15)) for m in (9, 10)] == [2023, 2024]
    assert FiscalCalendar(3, True).fiscal_year_of(date(2024, 2, 1)) == 2023
    q1 = cal.period("quarter", 2024, 1)
    assert cal.shift(q1, quarters=-1) == cal.period("quarter", 2023, 4)
    assert cal.shift(q1, years=-1) == cal.period("quarter", 2023, 1)
    assert cal.shift(FiscalCalendar().period("quarter", 2024, 1)) is None    # a calendar period has no fiscal label


# ---------------------------------------------------------------- issuers of any legal form

@pytest.mark.parametrize("lead, key, label", [
    ("Harwick, Inc. (OTCPK:HRWKF) today announced a pump.", "harwick", "Harwick, Inc."),
    ("Daesan Pumps Co., Ltd. (KRX: 045120) today announced a pump.", "daesan-pumps", "Daesan Pumps Co., Ltd."),
    ("Velde Pumpen AG (\"Velde\" or \"the Company\"; XETRA: VLD) today announced a pump.", "velde", "Velde Pumpen AG"),
    ("Kuroda Pump K.K. (Head Office: Osaka; hereinafter \"Kuroda\") today announced a pump.", "kuroda", "Kuroda Pump K.K."),
])
def test_an_issuer_of_any_legal_form_is_never_a_bare_suffix(lead, key, label, rules):
    text = ("A new pump\n\nLyon, 2 June 2026 – " + lead + " Rival Ostrava Valves Ltd. (LSE: OSV) said nothing.\n\n"
            "About the pump\nIt moves water.\n")
    issuer = _one(text, rules).issuer
    assert issuer is not None and (issuer.key, issuer.label) == (key, label)
