"""Document context on synthetic texts: reporting period, speaker turns, genre, date, issuer, publisher, ids.

Synthetic texts use invented companies and people so that a rule fitted to one corpus sentence fails here.
"""
from __future__ import annotations

from datetime import date

import pytest

from marketgraph.graph import doccontext as dc
from marketgraph.graph.docmodel.turns import find_turns
from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.issuer import short_names
from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.segment import documents_for_file, load_rules, segment
from marketgraph.graph.sources import SourceFile

PATHS = ProjectPaths.default()
FIXTURE_GAZETTEER = PATHS.root / "tests" / "golden" / "segments" / "gazetteer"


@pytest.fixture(scope="module")
def rules():
    return load_rules(PATHS, load_gazetteer(FIXTURE_GAZETTEER))


def _src(name: str = "t.txt") -> SourceFile:
    return SourceFile(path=f"synthetic/{name}", corpus="synthetic", sha256="0" * 64)


# ---------------------------------------------------------------- reporting period

@pytest.mark.parametrize("text, genre, when, label, start, end", [
    ("Thank you for joining our second quarter 2020 earnings call.", "earnings_call", None,
     "2020-Q2", date(2020, 4, 1), date(2020, 6, 30)),
    ("Earnings Call Transcript\n2021-Q4\n", "earnings_call", None, "2021-Q4", date(2021, 10, 1), date(2021, 12, 31)),
    ("announced its unaudited results for the third quarter of 2019 ended September 30, 2019 (“3Q2019” or "
     "“the Period”).", "results_release", None, "2019-Q3", date(2019, 7, 1), date(2019, 9, 30)),
    ("Revenue in 1Q2018 rose.", "results_release", None, "2018-Q1", date(2018, 1, 1), date(2018, 3, 31)),
    ("We have just released our full year financial results for the year ended December 31, 2019.",
     "shareholder_letter", None, "2019", date(2019, 1, 1), date(2019, 12, 31)),
    ("For the year ended 31 December 2023, total revenue reached RMB1billion.", "shareholder_letter", None,
     "2023", date(2023, 1, 1), date(2023, 12, 31)),
    ("Acme reported results for the six months ended June 30, 2021.", "results_release", None,
     "2021-H1", date(2021, 1, 1), date(2021, 6, 30)),
    ("The group said on Tuesday that third-quarter revenue rose 3%.", "news", date(2020, 11, 24),
     "2020-Q3", date(2020, 7, 1), date(2020, 9, 30)),
    ("Its first-quarter profit rose.", "news", date(2021, 4, 29), "2021-Q1", date(2021, 1, 1), date(2021, 3, 31)),
    ("Its fourth-quarter profit rose.", "news", date(2022, 1, 20), "2021-Q4", date(2021, 10, 1), date(2021, 12, 31)),
    ("Third-quarter sales rose, from 5 in the third quarter of 2019.", "news", date(2020, 11, 2),
     "2020-Q3", date(2020, 7, 1), date(2020, 9, 30)),
])
def test_reporting_period(text, genre, when, label, start, end, rules):
    p = dc.detect_period(text, 0, len(text), rules.context, genre, when)
    assert p is not None and (p.label, p.start, p.end) == (label, start, end)


@pytest.mark.parametrize("text, genre, when", [
    ("Acme launched a phone in the third quarter of 2020.", "product_release", None),   # releases have no period
    ("Its third-quarter revenue rose.", "news", None),                                   # no date to anchor it
    ("In the third quarter of this year sales rose.", "news", date(2020, 12, 1)),        # no year, not an adjective
])
def test_no_reporting_period(text, genre, when, rules):
    assert dc.detect_period(text, 0, len(text), rules.context, genre, when) is None


# ---------------------------------------------------------------- transcript turns

TRANSCRIPT = """Earnings Call Transcript
2031-Q1

Operator

Welcome to the Acme call.

J
Jane Roe
executive

Thanks. Revenue grew.

Operator

Our first question comes from Bob Smith (sic) [ Rob Smith ] with Example Securities in London.

R
Rob Smith
analyst

My question is about margins.

J
Jane Roe
executive

Margins rose.

Operator

Our next question comes from Ann Lee with Sample Capital.

A
Ann Lee
analyst

Question two.

Q
Rob Smith
analyst

Not a speaker block: the initial does not match.

R
Rob Smith
analyst

A follow-up.
"""


def test_speaker_turns_and_analyst_firms(rules):
    turns = find_turns(TRANSCRIPT, 0, len(TRANSCRIPT), rules.docmodel.turns)
    got = [(t.speaker, t.role, t.firm, TRANSCRIPT[t.start:t.end].split("\n")[0]) for t in turns]
    assert got == [
        ("Operator", "operator", None, "Welcome to the Acme call."),
        ("Jane Roe", "executive", None, "Thanks. Revenue grew."),
        ("Operator", "operator", None, "Our first question comes from Bob Smith (sic) [ Rob Smith ] with "
                                       "Example Securities in London."),
        ("Rob Smith", "analyst", "Example Securities", "My question is about margins."),
        ("Jane Roe", "executive", None, "Margins rose."),
        ("Operator", "operator", None, "Our next question comes from Ann Lee with Sample Capital."),
        ("Ann Lee", "analyst", "Sample Capital", "Question two."),
        ("Rob Smith", "analyst", "Example Securities", "A follow-up."),
    ]
    # a turn's span is what the speaker says, no header lines, no trailing blank lines
    assert TRANSCRIPT[turns[-1].start:turns[-1].end] == "A follow-up."
    assert "Q\nRob Smith\nanalyst" in TRANSCRIPT[turns[-2].start:turns[-2].end]


def test_a_transcript_document(rules):
    docs = segment(_src(), TRANSCRIPT, rules)
    assert len(docs) == 1
    d = docs[0]
    assert (d.genre, d.title, d.date, d.period.label) == ("earnings_call", "Earnings Call Transcript 2031-Q1",
                                                          None, "2031-Q1")
    assert len(d.turns) == 8


def test_a_stated_call_date_is_the_transcript_date(rules):
    text = TRANSCRIPT.replace("Welcome to the Acme call.",
                              "Welcome to the Acme earnings call held on March 3, 2031.")
    assert segment(_src(), text, rules)[0].date == "2031-03-03"


# ---------------------------------------------------------------- genre, date, publisher, issuer

LETTER = """ACME DEVICES HOLDINGS LIMITED
2031 Annual Report
Letter from the Chairman

Dear Shareholders,

For the year ended 31 December 2031, Acme grew. Acme Devices shipped phones. Acme thanks Canalys and Canalys.

Jo Bloggs, Chairman
Springfield, 5 April 2032
"""


def test_letter_of_a_company_the_gazetteer_does_not_know(rules):
    d = segment(_src(), LETTER, rules)[0]
    assert (d.genre, d.title, d.date, d.period.label) == ("shareholder_letter", "Letter from the Chairman",
                                                          "2032-04-05", "2031")
    assert d.publisher == "Acme Devices Holdings Limited"
    assert (d.issuer.key, d.issuer.label, d.issuer.kind) == ("acme-devices", "Acme Devices Holdings Limited",
                                                             "organisation")
    assert d.doc_id == "acme-devices-2032-04-05-letter-chairman"


NEWS = """DAILY WIDGET TIMES
Business > Phones
Published: Monday, 2 March 2020, 10:00 GMT

Samsung sales slip as rivals gain

- Canalys says shipments fell

By Ann Writer, Staff Reporter

LONDON, March 2 – Samsung said on Monday that fourth-quarter sales fell, according to Canalys. Canalys, Canalys
and Canalys again.

(Reporting by Ann Writer; Editing by Bo Editor)
"""


def test_a_publication_line_with_a_time_gives_the_year(rules):
    text = NEWS.replace("Published: Monday, 2 March 2020, 10:00 GMT", "March 2, 2020 10:05 AM ET")
    assert segment(_src(), text, rules)[0].date == "2020-03-02"


def test_news_with_a_masthead_a_byline_and_a_dateline_without_year(rules):
    d = segment(_src(), NEWS, rules)[0]
    assert (d.genre, d.title, d.date, d.publisher) == ("news", "Samsung sales slip as rivals gain", "2020-03-02",
                                                       "Daily Widget Times")
    assert d.issuer.key == "samsung"            # the research firm is named more often but is never the issuer
    assert d.period.label == "2019-Q4"          # the latest fourth quarter that had ended by 2 March 2020
    credits = NEWS.index("(Reporting by")
    assert not any(s.start <= credits < s.end for s in d.chrome)   # credits name people: not skipped


def test_results_and_product_releases(rules):
    results = ("Acme profit up\n\nSpringfield, 7 May 2031 – Apple today announced its unaudited results for the "
               "first quarter of 2031 ended March 31, 2031. Apple revenue rose.\n")
    product = ("Apple shows a phone\n\nSpringfield, May 8, 2031 – Apple today unveiled a phone. It is thin.\n")
    r, p = segment(_src(), results + "\n" + product, rules)
    assert (r.genre, r.period.label, r.issuer.key, r.publisher) == ("results_release", "2031-Q1", "apple", "Apple Inc.")
    assert (p.genre, p.period, p.date) == ("product_release", None, "2031-05-08")


def test_a_yearless_dateline_in_a_bundle_takes_its_neighbours_year(rules):
    a = "One headline\n\nSpringfield, 1 June 2031 – Apple today announced a thing. It works.\n\n"
    b = "Two headline\n\nShelbyville, June 9 – Apple today announced another thing. It works too.\n"
    assert [d.date for d in segment(_src(), a + b, rules)] == ["2031-06-01", "2031-06-09"]


def test_doc_ids_stay_unique_for_same_day_same_title(rules):
    """A registered bundle may hold two releases of one day with one headline: each gets its own id."""
    a = "Same headline\n\nSpringfield, 1 June 2031 – Apple today announced a thing. It works.\n\n"
    bundle = SourceFile(path="synthetic/bundle.txt", corpus="synthetic", sha256="0" * 64, bundle=True)
    ids = [d.doc_id for d in segment(bundle, a + a, rules)]
    assert ids == ["apple-2031-06-01-same-headline", "apple-2031-06-01-same-headline-2"]


def test_a_file_that_is_no_bundle_is_one_document_when_its_parts_share_date_and_company(rules):
    """The same release twice (same date, same company) in an unregistered file is one document, not two."""
    a = "Same headline\n\nSpringfield, 1 June 2031 – Apple today announced a thing. It works.\n\n"
    assert len(segment(_src(), a + a, rules)) == 1


def test_documents_for_file_overrides_what_the_text_says(tmp_path):
    f = tmp_path / "x.txt"
    f.write_text(NEWS, encoding="utf-8")
    docs = documents_for_file(PATHS, f, NEWS, genre="results_release", date="2020-03-03", publisher="Someone")
    assert [(d.genre, d.date, d.publisher, d.source_file) for d in docs] == [
        ("results_release", "2020-03-03", "Someone", "x.txt")]


def test_short_names_drop_legal_suffixes(rules):
    assert short_names("Acme Devices Holdings Limited", rules.context.legal_suffixes) == [
        "Acme Devices Holdings Limited", "Acme Devices Holdings", "Acme Devices", "Acme"]
    assert short_names("Zed", rules.context.legal_suffixes) == ["Zed"]


# ---------------------------------------------------------------- other house styles of the same genres

@pytest.mark.parametrize("dateline, iso", [
    ("SPRINGFIELD, Nov. 24, 2031 /PRNewswire/ -- Apple today announced a thing.", "2031-11-24"),
    ("Springfield, Illinois, 24 November 2031 (BUSINESS WIRE) -- Apple today announced a thing.", "2031-11-24"),
    ("November 24, 2031 – Apple today announced a thing.", "2031-11-24"),
    ("Springfield, November 24, 2031 –\nApple today announced a thing.", "2031-11-24"),
])
def test_wire_and_date_first_datelines_open_documents(dateline, iso, rules):
    first = "First headline\n\nShelbyville, 1 June 2031 – Apple today announced a phone. It is thin.\n\n"
    docs = segment(_src(), first + "Second headline\n\n" + dateline + " It works.\n", rules)
    assert [(d.title, d.date) for d in docs] == [("First headline", "2031-06-01"), ("Second headline", iso)]


def test_a_date_range_is_not_a_dateline(rules):
    text = "Headline\n\nSpringfield, 1 June 2031 – Apple today announced a show.\n\nSpringfield, June 5-7 the show runs.\n"
    assert len(segment(_src(), text, rules)) == 1


def test_to_our_shareholders_opens_a_letter_but_a_closing_line_does_not(rules):
    release = "Headline\n\nSpringfield, 1 June 2031 – Apple today announced a phone. It is thin.\n\n"
    letter = ("To our shareholders:\n\nIn the fourth quarter and full year 2031 Apple grew. We thank you.\n\n"
              "To our users and shareholders: thank you for your trust.\n\nJo Bloggs\n\nFebruary 2, 2032\n")
    docs = segment(_src(), release + letter, rules)
    assert [(d.genre, d.date, d.title) for d in docs] == [
        ("product_release", "2031-06-01", "Headline"), ("shareholder_letter", "2032-02-02", "To our shareholders")]
    assert docs[1].period.label == "2031-Q4"


def test_name_dash_title_transcripts(rules):
    text = ("Q3 2031 Earnings Call\n\nOperator\n\nWelcome.\n\nJane Roe -- Chief Executive Officer\n\nWe grew.\n\n"
            "Operator\n\nOur first question comes from Bo Li.\n\nBo Li -- Example Securities -- Analyst\n\n"
            "How much?\n\nJane Roe -- Chief Executive Officer\n\nA lot.\n")
    d = segment(_src(), text, rules)[0]
    assert d.genre == "earnings_call" and d.period.label == "2031-Q3"
    assert [(t.speaker, t.role, t.firm, text[t.start:t.end]) for t in d.turns] == [
        ("Operator", "operator", None, "Welcome."), ("Jane Roe", "executive", None, "We grew."),
        ("Operator", "operator", None, "Our first question comes from Bo Li."),
        ("Bo Li", "analyst", "Example Securities", "How much?"), ("Jane Roe", "executive", None, "A lot.")]


@pytest.mark.parametrize("text, label, kind", [
    ("Results for the first half of 2031 were strong.", "2031-H1", "half"),
    ("Results for the nine months ended September 30, 2031.", "2031-9M", "ninemonths"),
    ("Apple reported Q4 FY2031 results.", "2031-Q4", "quarter"),
    ("Net income for the quarter ended Sept. 30, 2031 rose.", "2031-Q3", "quarter"),
    ("Revenue for the three months ended 31 March 2031 rose.", "2031-Q1", "quarter"),
])
def test_more_period_phrases(text, label, kind, rules):
    p = dc.detect_period(text, 0, len(text), rules.context, "results_release", None)
    assert p is not None and (p.label, p.kind) == (label, kind)


def test_a_shouted_headline_is_a_title_not_a_masthead(rules):
    text = ("ACME WIDGETS REPORTS RECORD SECOND QUARTER 2031 RESULTS\n\n"
            "Springfield, 7 August 2031 – Apple today announced its results for the second quarter of 2031.\n")
    d = segment(_src(), text, rules)[0]
    assert d.title == "ACME WIDGETS REPORTS RECORD SECOND QUARTER 2031 RESULTS"
    assert (d.genre, d.period.label) == ("results_release", "2031-Q2")
    # the headline names who reports (title mentions count extra): a new company, labelled in its own case
    assert (d.issuer.key, d.issuer.label, d.publisher) == ("acme", "Acme Widgets", "Acme Widgets")
