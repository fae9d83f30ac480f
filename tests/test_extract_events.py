"""Event rules (graph/extract/events.py) on sentences from different documents and synthetic variants."""
from __future__ import annotations

import pytest

from marketgraph.graph.extract.pipeline import extract_document, extract_text
from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.records import Document


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer(ProjectPaths.default().gazetteer)


def events(gaz, text, issuer="xiaomi", period="2019-Q3", date="2019-11-27", metric=None):
    out = extract_text(text, gaz, issuer=issuer, period=period, date=date, only=["events"]).facts
    for f in out:
        assert f.kind == "event"
        assert text[f.evidence.start:f.evidence.end] == f.evidence.quote
    return [f for f in out if metric is None or f.metric == metric]


def rows(fs):
    return sorted((f.metric, f.subject.key, str(f.value), f.period.label if f.period else None,
                   f.source.key if f.source else None, f.market.key if f.market else None) for f in fs)


# -- list entries and debuts ------------------------------------------------------------------------------------
def test_coordinated_lists_share_their_entry_cue(gaz):
    text = ("Following making the 2019 Fortune Global 500 List and Forbes Global 2000 List earlier this year, we also "
            "made our debut on the 2019 Fortune Future 50 List and Forbes’ Top 100 Digital Companies List, "
            "reflecting the international recognition.")
    assert rows(events(gaz, text)) == [
        ("list_debut", "xiaomi", "2019 Fortune Future 50", "2019", "fortune", None),
        ("list_debut", "xiaomi", "Forbes’ Top 100 Digital Companies", "2019", "forbes", None),
        ("list_entry", "xiaomi", "2019 Fortune Global 500", "2019", "fortune", None),
        ("list_entry", "xiaomi", "Forbes Global 2000", "2019", "forbes", None),  # 2000 is no year
    ]


@pytest.mark.parametrize("text,issuer,date,expected", [
    # letter: the year comes from the paragraph's opening frame
    ("In 2019, Xiaomi hit a series of significant milestones. We made our inaugural entry into the Fortune Global "
     "500 list, becoming the youngest company on the list.", "xiaomi", "2020-03-31",
     ("list_debut", "xiaomi", "Fortune Global 500", "2019", "fortune", None)),
    ("This year we entered BrandZ’s global brand TOP100 for the first time.", "xiaomi", "2020-03-31",
     ("list_debut", "xiaomi", "BrandZ’s global brand TOP100", "2020", "brandz", None)),
    # synthetic: another company, body, list and year
    ("This year Lenovo was named to the 2021 Forbes Global 2000 ranking.", "lenovo", "2021-06-30",
     ("list_entry", "lenovo", "2021 Forbes Global 2000", "2021", "forbes", None)),
    ("Samsung made Interbrand's Best Global Brands list again.", "samsung", "2021-04-29",
     ("list_entry", "samsung", "Interbrand's Best Global Brands", "2021", "interbrand", None)),
])
def test_list_entry_variants(gaz, text, issuer, date, expected):
    got = rows(events(gaz, text, issuer=issuer, period=None, date=date, metric=None))
    assert expected in got
    assert [r for r in got if r[0].startswith("list")] == [expected]


@pytest.mark.parametrize("text", [
    "Xiaomi is the youngest company on the 2019 Fortune Global 500 list.",      # on a list, no entry stated
    "Xiaomi ranked 422nd on the Fortune Global 500 list.",                     # a ranking, not an entry
    "We made good progress with the list of partners.",                         # no ranking body
    # a rank or a count of entries, stated by rankings.py / counts.py, is not stated again as an entry
    "We entered BrandZ’s global brand TOP100 for the first time, ranking 74th.",
    "We run 24 on BCG's 50 Most Innovative Companies of 2020 and have made Derwent Top 100 Global Innovators 2020 list.",
    "This year, we made our second entry on the Fortune 500 list.",
])
def test_no_list_entry_without_cue_and_body(gaz, text):
    assert events(gaz, text, metric="list_entry") + events(gaz, text, metric="list_debut") == []


# -- market entries -----------------------------------------------------------------------------------------------
def test_undated_market_entries_one_per_market(gaz):
    fs = events(gaz, "Last year we entered new markets like Africa and Latin America.", metric="market_entry")
    assert sorted(f.market.key for f in fs) == ["africa", "latin-america"]
    assert {f.subject.key for f in fs} == {"xiaomi"}
    fs = events(gaz, "Lenovo entered Nigeria, Kenya and Egypt.", issuer="lenovo", metric="market_entry")
    assert sorted(f.market.key for f in fs) == ["egypt", "kenya", "nigeria"]


def test_dated_market_entries_are_stated_once(gaz):
    # launches.py reads dated entries while launches.yaml has an `events` section, events.py otherwise: never both
    text = "Xiaomi entered India in July 2014 and set up its local operations in Bengaluru."
    fs = [f for f in extract_text(text, gaz, issuer="xiaomi", date="2021-04-23", genre="product_release",
                                  only=["events", "launches"]).facts if f.metric == "market_entry"]
    assert [(f.market.key, f.value) for f in fs] == [("india", "2014-07")]


def test_a_dateline_is_stated_once(gaz):
    text = "Results\n\nHong Kong, 27 November 2019 — Xiaomi Corporation announced its results.\n"
    fs = [f for f in extract_text(text, gaz, issuer="xiaomi", period="2019-Q3", date="2019-11-27",
                                  only=["events", "launches"]).facts if f.kind == "event"]
    assert [(f.value, f.period.label, f.evidence.quote) for f in fs] == \
        [("2019-11-27", "2019-Q3", "Hong Kong, 27 November 2019")]


@pytest.mark.parametrize("text,issuer,value", [
    ("This means Xiaomi has officially entered the markets of air conditioners, refrigerators and washing machines, "
     "further expanded spectrum of products.", "xiaomi", "air conditioners, refrigerators and washing machines"),
    ("Samsung entered the market for robot vacuums and smart locks.", "samsung", "robot vacuums and smart locks"),
])
def test_category_market_entry(gaz, text, issuer, value):
    fs = events(gaz, text, issuer=issuer, metric="market_entry")
    assert [(f.subject.key, f.value, f.market) for f in fs] == [(issuer, value, None)]


@pytest.mark.parametrize("text", [
    "Lenovo entered into an agreement with Vodafone.",
    "The Chinese phone maker moved quickly into markets that Huawei Technologies has been losing.",
])
def test_no_market_entry_without_a_market(gaz, text):
    assert events(gaz, text, metric="market_entry") == []


# -- founding and listing -----------------------------------------------------------------------------------------
def test_fronted_founding_resolves_the_noun_to_the_named_organisation(gaz):
    text = ("Partnering with Institute of Care-life, a Chengdu-based organization focusing on natural disaster "
            "warning, Xiaomi has activated the service. Founded after the devastating Sichuan earthquake in 2008, "
            "the institute is world leading in earthquake warning.")
    assert rows(events(gaz, text, metric="founded")) == [("founded", "institute-of-care-life", "2008", "2008", None, None)]


@pytest.mark.parametrize("text,issuer,expected", [
    ("Lenovo Group was founded in April 2010 and listed on the Main Board on July 9, 2018.", "lenovo",
     [("founded", "lenovo", "2010-04", "2010-04", None, None),
      ("listing", "lenovo", "2018-07-09", "2018-07-09", None, None)]),
    ("When we listed in 2018, we promised that the margin would never exceed 5%.", "lenovo",
     [("listing", "lenovo", "2018", "2018", None, None)]),
    ("Samsung Electronics was incorporated in 1969.", "samsung", [("founded", "samsung", "1969", "1969", None, None)]),
])
def test_founding_and_listing(gaz, text, issuer, expected):
    assert rows(f for f in events(gaz, text, issuer=issuer, period="2020") if f.metric in ("founded", "listing")) \
        == expected


@pytest.mark.parametrize("text", [
    "Xiaomi's Hong Kong-listed shares have risen about 155% this year.",
    "Xiaomi has also established its own smart factory in Yizhuang.",
    "We established a very strong partnership with the major European operators in 2019.",
])
def test_no_founding_or_listing(gaz, text):
    assert [f for f in events(gaz, text) if f.metric in ("founded", "listing")] == []


# -- records and milestones ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,issuer,period,value,record_period,scope", [
    ("The Group's total revenue increased by 5.5% YoY to RMB53.7 billion, making 3Q2019 the quarter with the "
     "highest total revenue since founding.", "xiaomi", "2019-Q3", "highest total revenue", "2019-Q3", "since founding"),
    ("Adjusted net profit increased 18.9% to 4.1 billion yuan. Both were the highest figures the company has "
     "reported for any quarter.", "xiaomi", "2020-Q3", "highest figures", "2020-Q3", "for any quarter"),
    ("Consolidated revenue for January-March climbed 18.2% to 65.39 trillion won, the highest the company has ever "
     "booked in a first quarter.", "samsung", "2021-Q1", "highest", "2021-Q1", "ever"),
    # synthetic: other company, metric and scope
    ("Lenovo's operating profit rose to RMB 9.9 billion in 2020, the largest profit since its listing.",
     "lenovo", "2020", "largest profit", "2020", "since its listing"),
])
def test_superlative_records(gaz, text, issuer, period, value, record_period, scope):
    fs = events(gaz, text, issuer=issuer, period=period, metric="record")
    assert [(f.subject.key, f.value, f.period.label, f.qualifier("scope")) for f in fs] == \
        [(issuer, value, record_period, scope)]


def test_quarterly_record_takes_the_statement_period_not_a_baseline(gaz):
    text = ("Smartphone revenue jumped 47.5% to RMB47.6 billion as shipments climbed 45.3% year-on-year to 46.6 "
            "million units, a quarterly record and 64.7% more than the 28.3 million phones it shipped in April-June.")
    fs = events(gaz, text, period="2020-Q3", date="2020-11-24", metric="record")
    assert [(f.value, f.period.label) for f in fs] == [("a quarterly record", "2020-Q3")]


@pytest.mark.parametrize("text", [
    "Xiaomi's Hong Kong-listed shares touched a record HK$27.6 on Monday.",    # a record figure: a metric
    "Mi MIX Alpha features a camera with the largest sensor found in any smartphone ever.",  # a product's claim
    "We have a strong track record in India.",
    "Xiaomi posts record quarter as overseas push lifts phone shipments",       # headline
])
def test_no_record_event(gaz, text):
    assert events(gaz, text, metric="record") == []


@pytest.mark.parametrize("text,period", [
    ("In 2019, total revenue exceeded 200 billion yuan ($31billion) for the first time.", "2019"),
    ("In 2021, Lenovo's revenue surpassed US$20 billion for the first time.", "2021"),
])
def test_milestones(gaz, text, period):
    fs = events(gaz, text, period=None, date="2021-12-31", metric="milestone")
    assert len(fs) == 1 and fs[0].period.label == period and fs[0].value.endswith("for the first time")


# -- conference datelines and call names ----------------------------------------------------------------------------
def _doc(text, title, genre="product_release", date="2019-11-19"):
    return Document("d", "d.txt", 0, len(text), title, genre, date=date)  # type: ignore[arg-type]


@pytest.mark.parametrize("title,dateline,date", [
    ("Xiaomi unveils core technologies at MIDC 2019", "Beijing, China, November 19, 2019", "2019-11-19"),
    ("Lenovo opens its Developer Conference in Shenzhen", "SHENZHEN, 3 June 2021", "2021-06-03"),
])
def test_conference_dateline(gaz, title, dateline, date):
    text = f"{title}\n\n{dateline} – The company showed its new devices at the conference today.\n"
    doc = _doc(text, title, date=date)
    doc = Document(**{**doc.__dict__, "issuer": gaz.ref("xiaomi")})
    fs = [f for f in extract_document(doc, text, gaz, only=["events"]).facts if f.metric == "conference"]
    assert [(f.value, f.evidence.quote) for f in fs] == [(date, dateline)]


def test_no_conference_when_the_title_names_none(gaz):
    text = "Xiaomi Presents Leading-edge Products\n\nBeijing, China, November 5, 2019 – Xiaomi today launched.\n"
    doc = Document(**{**_doc(text, "Xiaomi Presents Leading-edge Products", date="2019-11-05").__dict__,
                      "issuer": gaz.ref("xiaomi")})
    assert [f for f in extract_document(doc, text, gaz, only=["events"]).facts if f.metric == "conference"] == []


@pytest.mark.parametrize("text,name", [
    ("Ladies and gentlemen, thank you for standing by, and welcome to Xiaomi 2020 Interim Results Announcement "
     "Conference Call. Today's conference is being recorded.", "Xiaomi 2020 Interim Results Announcement Conference Call"),
    ("Good morning and welcome to the Lenovo Group Fourth Quarter 2020 Earnings Call.",
     "Lenovo Group Fourth Quarter 2020 Earnings Call"),
])
def test_call_names_itself(gaz, text, name):
    fs = extract_text(text, gaz, issuer="xiaomi", period="2020-Q2", genre="earnings_call", only=["events"]).facts
    assert [(f.metric, f.value, f.period.label) for f in fs if f.metric == "conference"] == \
        [("conference", name, "2020-Q2")]


@pytest.mark.parametrize("text,period", [
    ("The Board has proposed a final dividend of HK$0.12 per share, our first dividend since listing.", "2020"),
    ("Lenovo reported its first quarterly loss since 2012.", "2020"),
])
def test_first_since_is_a_milestone(gaz, text, period):
    fs = events(gaz, text, issuer="lenovo", period="2020", date="2021-03-25", metric="milestone")
    assert len(fs) == 1 and fs[0].value.startswith("first ") and " since " in fs[0].value
    assert fs[0].period.label == period


# -- speeches ------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,venue", [
    ("At today’s annual meeting of Chinese business leaders, Wang Xiang, President of Xiaomi Group, delivered a "
     "keynote speech.", "today’s annual meeting of Chinese business leaders"),
    ("Lei Jun gave a speech at the World Internet Conference in Wuzhen.", "the World Internet Conference in Wuzhen"),
])
def test_speeches(gaz, text, venue):
    fs = events(gaz, text, metric="speech")
    assert [(f.subject.kind, f.value) for f in fs] == [("person", venue)]


def test_no_speech_without_a_venue(gaz):
    assert events(gaz, "You delivered a very strong performance in the last few quarters.", metric="speech") == []
    assert events(gaz, "Wang Xiang delivered a keynote speech.", metric="speech") == []


def test_a_record_belongs_to_the_company_that_opens_the_sentence(gaz):
    fs = events(gaz, "Apple posted a quarterly record in iPhone revenue.", period="2020-Q3", metric="record")
    assert [(f.subject.key, f.value) for f in fs] == [("apple", "a quarterly record")]


# -- datelines and dated company events when launches.py does not read them (no `events` in launches.yaml) --------
@pytest.fixture(scope="module")
def own_engine(gaz):
    """An engine whose launches patterns have no `events` section: events.py reads datelines itself."""
    from copy import deepcopy

    from marketgraph.graph.extract.context import Engine
    from marketgraph.graph.extract.pipeline import patterns_dir
    from marketgraph.graph.extract.patterns import load_patterns

    patterns = load_patterns(patterns_dir())
    files = deepcopy(patterns.files)
    files.get("launches", {}).pop("events", None)
    patterns.files = files
    return Engine(gaz, patterns)


def own_events(gaz, engine, text, genre, date, period=None, publisher=None, issuer="xiaomi"):
    from marketgraph.graph.extract import events as ev
    from marketgraph.graph.extract.context import ExtractionContext
    from marketgraph.graph.extract.periods import quarter, year

    p = None
    if period:
        y, _, q = period.partition("-Q")
        p = quarter(int(y), int(q)) if q else year(int(y))
    doc = Document("d", "d.txt", 0, len(text), "t", genre, date=date, publisher=publisher,  # type: ignore[arg-type]
                   issuer=gaz.ref(issuer), period=p)
    out = ev.extract(ExtractionContext(doc, text, engine))
    for f in out:
        assert text[f.evidence.start:f.evidence.end] == f.evidence.quote
    return out


@pytest.mark.parametrize("text,genre,date,period,expected", [
    ("Results\n\nHong Kong, 27 November 2019 — Xiaomi Corporation announced its results.\n", "results_release",
     "2019-11-27", "2019-Q3", ("results_announcement", "2019-11-27", "2019-Q3", "Hong Kong, 27 November 2019")),
    ("Story\n\nBEIJING, Nov 24 – Xiaomi Corp turned in the biggest quarter.\n", "news", "2020-11-24", "2020-Q3",
     ("results_announcement", "2020-11-24", "2020-Q3", "BEIJING, Nov 24")),
    ("Dear Shareholders,\n\nThank you.\n\nRen Haoyu, Founder\nShenzhen, 25 March 2021\n", "shareholder_letter",
     "2021-03-25", "2020", ("letter", "2021-03-25", "2020", "Shenzhen, 25 March 2021")),
    ("Dear investors,\n\nThank you.\n\nLei Jun\n\nMarch 31, 2020\n", "shareholder_letter", "2020-03-31", "2019",
     ("letter", "2020-03-31", "2019", "March 31, 2020")),
])
def test_datelines_date_the_documents_event(gaz, own_engine, text, genre, date, period, expected):
    fs = [f for f in own_events(gaz, own_engine, text, genre, date, period) if f.metric != "record"]
    assert [(f.metric, f.value, f.period.label, f.evidence.quote) for f in fs] == [expected]


def test_a_dateline_must_carry_the_documents_date(gaz, own_engine):
    text = "Story\n\nBEIJING, Nov 23 – Xiaomi Corp said something.\n"
    assert own_events(gaz, own_engine, text, "news", "2020-11-24", "2020-Q3") == []


def test_publication_line_is_the_publishers(gaz, own_engine):
    text = "PACIFIC TECH DISPATCH\nPublished: Tuesday, 24 November 2020, 18:05 HKT\n\nStory text.\n"
    fs = own_events(gaz, own_engine, text, "news", "2020-11-24", None, publisher="Pacific Tech Dispatch")
    assert [(f.metric, f.subject.label, f.value) for f in fs] == [("publication", "Pacific Tech Dispatch", "2020-11-24")]


def test_own_anniversary_held_event_and_dated_entry(gaz, own_engine):
    text = ("In a few days, we will celebrate our tenth anniversary on April 6th. In July, we held the first global "
            "Xiaomi Ecosystem Product Launch in July. Xiaomi entered India in July 2014.")
    fs = own_events(gaz, own_engine, text, "shareholder_letter", "2020-03-31", "2019")
    got = sorted((f.metric, str(f.value), f.qualifier("ordinal")) for f in fs)
    assert ("anniversary", "2020-04-06", "10") in got
    assert ("market_entry", "2014-07", None) in got
    assert any(m == "event_held" for m, _, _ in got)


def test_one_record_per_claim_with_its_scope(gaz):
    fs = events(gaz, "Revenue reached a record high in the first quarter, the highest since the company's founding.",
                issuer="oppo", period="2022-Q1", date="2022-05-12", metric="record")
    assert [(f.value, f.qualifier("scope"), f.period.label) for f in fs] == \
        [("a record high", "since the company's founding", "2022-Q1")]


def test_category_entry_takes_the_period_after_its_list(gaz):
    fs = events(gaz, "Oppo entered Japan in 2018 and entered the markets of smart TVs and tablets last year.",
                issuer="oppo", period="2022-Q1", date="2022-05-12", metric="market_entry")
    cat = [f for f in fs if f.market is None]
    assert [(f.value, f.period.label, f.evidence.quote) for f in cat] == \
        [("smart TVs and tablets", "2021", "entered the markets of smart TVs and tablets")]


def test_best_quarter_in_its_history_is_a_record(gaz):
    fs = events(gaz, "Vivo said revenue rose 21%, the best quarter in its history.", issuer="vivo",
                period="2021-Q4", date="2022-02-03", metric="record")
    assert [(f.value, f.qualifier("scope")) for f in fs] == [("best quarter", "in its history")]
    # "in/of its ten-year history" states the company's age (attributes.py, company_age), not a record
    for text in ("Xiaomi Corp turned in the biggest quarter of its ten-year history.",
                 "It delivered the best results in our eleven-year history."):
        assert events(gaz, text, period="2020-Q3", metric="record") == []


# -- qualitative events (graph/extract/qualitative.py) -------------------------------------------------------------
def qrows(fs, *metrics):
    return sorted((f.metric, f.subject.key, str(f.value), f.period.label if f.period else None)
                  for f in fs if f.metric in metrics)


@pytest.mark.parametrize("text,issuer,period,expected", [
    # transcript (000) and results release (001)
    ("In the second quarter, our TV Internet services grew strongly year-over-year driven by the expansion of "
     "user base.", "xiaomi", "2020-Q2", ("trend", "grew strongly year-over-year", "2020-Q2", "YoY")),
    ("Product profitability has also been continuously improved, with the gross profit margin of smartphones "
     "segment reaching 9.0% in the third quarter, achieving a sequential growth of two consecutive quarters.",
     "xiaomi", "2019-Q3", ("trend", "achieving a sequential growth of two consecutive quarters", "2019-Q3", "QoQ")),
    # synthetic: other company, verb, basis and word order
    ("In the first half of 2021, Samsung's memory revenue declined slightly quarter-on-quarter.", "samsung", "2021-Q2",
     ("trend", "declined slightly quarter-on-quarter", "2021-H1", "QoQ")),
    ("Lenovo said its PC shipments in Europe kept rising, posting a solid year-on-year increase.", "lenovo", "2021-Q1",
     ("trend", "posting a solid year-on-year increase", "2021-Q1", "YoY")),
])
def test_trends_without_a_figure(gaz, text, issuer, period, expected):
    got = [(f.metric, str(f.value), f.period.label if f.period else None, f.basis)
           for f in events(gaz, text, issuer=issuer, period=period, metric="trend")]
    assert got == [expected]


@pytest.mark.parametrize("text", [
    "Revenue grew 20% year-over-year to RMB 50 billion.",                 # a figure: a change, not a trend
    "We achieved a year-over-year growth of 15.2% in smartphone revenue.",
    "Shipments increased year-over-year by 3.1 million units.",
    "We expect steady growth next year.",                                # no basis, no streak
])
def test_no_trend_with_a_figure_or_without_a_basis(gaz, text):
    assert events(gaz, text, period="2020-Q2", metric="trend") == []


@pytest.mark.parametrize("text,issuer,period,value,outcome,want_period", [
    ("Both total revenue and net profit beat consensus", "xiaomi", "2019-Q3",
     "total revenue and net profit beat consensus", "above", "2019-Q3"),
    ("In the fourth quarter, operating profit missed analysts' estimates, while revenue came in line with "
     "expectations.", "samsung", "2020-Q4", "operating profit missed analysts' estimates", "below", "2020-Q4"),
])
def test_results_against_consensus(gaz, text, issuer, period, value, outcome, want_period):
    got = events(gaz, text, issuer=issuer, period=period, metric="versus_consensus")
    assert (str(got[0].value), got[0].qualifier("outcome"), got[0].period.label) == (value, outcome, want_period)
    assert got[0].subject.key == issuer


def test_in_line_with_expectations_is_its_own_outcome(gaz):
    got = events(gaz, "Net income was broadly in line with market expectations.", issuer="apple", period="2021-Q1",
                 metric="versus_consensus")
    assert [f.qualifier("outcome") for f in got] == ["in_line"]


@pytest.mark.parametrize("text,period,value,want_period,market", [
    ("In July, the average daily number of smartphone activations in overseas markets surpassed the pre pandemic "
     "level in January 2020.", "2020-Q2", "surpassed the pre pandemic level in January 2020", "2020-07",
     "xiaomi-overseas-markets"),
    ("The Group’s total adjusted net profit in the first three quarters totaled RMB9.2 billion, already exceeded "
     "the net profit of last year.", "2019-Q3", "already exceeded the net profit of last year", "2019-9M", None),
    # synthetic: another verb and reference, the reference's own period is not the statement's
    ("In March 2021, daily orders in Europe returned to the pre-lockdown level of February 2020.", "2021-Q1",
     "returned to the pre-lockdown level of February 2020", "2021-03", "europe"),
])
def test_figures_against_a_reference_level(gaz, text, period, value, want_period, market):
    got = events(gaz, text, period=period, date=None, metric="reference_level")
    assert [(str(f.value), f.period.label, f.market.key if f.market else None) for f in got] == \
        [(value, want_period, market)]


def test_no_reference_level_for_a_figure(gaz):
    text = "Total revenue exceeded the RMB 200 billion level for the first time."
    assert events(gaz, text, period="2019", metric="reference_level") == []


@pytest.mark.parametrize("text,issuer,expected", [
    ("Starting from 2019, we have set up the Xiaomi Annual Technology Award, which awards a bonus to core R&D "
     "project personnel.", "xiaomi", ("xiaomi", "2019", "2019", "Xiaomi Annual Technology Award")),
    ("Over the past year, we have established the Department of Group Organization to improve our management "
     "processes.", "xiaomi", ("xiaomi", "Department of Group Organization", None, "Department of Group Organization")),
    # synthetic: another company, verb and year position
    ("Samsung created the Samsung Future Technology Fund Committee in 2013.", "samsung",
     ("samsung", "2013", "2013", "Samsung Future Technology Fund Committee")),
])
def test_named_setups(gaz, text, issuer, expected):
    got = events(gaz, text, issuer=issuer, period=None, date="2020-03-31", metric="established")
    assert [(f.subject.key, str(f.value), f.period.label if f.period else None, f.qualifier("name"))
            for f in got] == [expected]


@pytest.mark.parametrize("text", [
    "We have established a strong partnership with the major European operators.",   # no name
    "In 2020 we established the Mi 10 as our flagship.",                              # a product
])
def test_no_setup_without_a_named_body(gaz, text):
    assert events(gaz, text, period=None, metric="established") == []


@pytest.mark.parametrize("text,issuer,person,verb", [
    ("Recently, we have successfully recruited Daniel Povey, a top international expert in artificial "
     "intelligence, to join Xiaomi.", "xiaomi", "daniel-povey", "recruited"),
    ("Last month Samsung hired Jane Roe as head of its foundry design team.", "samsung", "jane-roe", "hired"),
])
def test_hires(gaz, text, issuer, person, verb):
    got = events(gaz, text, issuer=issuer, period=None, metric="joined")
    assert [(f.subject.key, f.subject.kind, str(f.value), f.object.key) for f in got] == \
        [(person, "person", verb, issuer)]


@pytest.mark.parametrize("text,issuer,expected", [
    ("President Wang Xiang told analysts on a conference call that the company would keep pushing into the premium "
     "segment and would expand its own retail network in mainland China.", "xiaomi",
     ["expand its own retail network in mainland China", "keep pushing into the premium segment"]),
    ("Lenovo said on Friday it plans to open two more factories, but gave no timetable.", "lenovo",
     ["open two more factories"]),
])
def test_stated_plans(gaz, text, issuer, expected):
    got = events(gaz, text, issuer=issuer, period=None, metric="plan")
    assert sorted(str(f.value) for f in got) == expected
    assert {f.subject.key for f in got} == {issuer}


def test_no_plan_without_a_modal(gaz):
    assert events(gaz, "The company said revenue grew in every region.", period=None, metric="plan") == []


@pytest.mark.parametrize("text,issuer,period,value,want_period", [
    ("It warned, however, that shortages of components, including chips, could weigh on mobile earnings in the "
     "second quarter.", "samsung", "2021-Q1", "shortages of components", "2021-Q2"),
    ("Apple cautioned that higher memory prices may squeeze margins in the fourth quarter.", "apple", "2021-Q3",
     "higher memory prices", "2021-Q4"),
])
def test_warned_risks(gaz, text, issuer, period, value, want_period):
    got = events(gaz, text, issuer=issuer, period=period, metric="outlook_risk")
    assert [(str(f.value), f.period.label if f.period else None, f.qualifier("status")) for f in got] == \
        [(value, want_period, "forecast")]


@pytest.mark.parametrize("text,issuer,subject,value", [
    ("Xiaomi’s Mi MIX exploration began in 2016 when the company introduced the Full Screen Display concept.",
     "xiaomi", "mi-mix-series", "2016"),
    ("Samsung's foldable program started in 2011, long before the first Galaxy Fold.", "samsung", "samsung", "2011"),
])
def test_beginnings(gaz, text, issuer, subject, value):
    got = events(gaz, text, issuer=issuer, period=None, metric="began")
    assert [(f.subject.key, str(f.value)) for f in got] == [(subject, value)]


@pytest.mark.parametrize("text,issuer,period,subject", [
    ("Samsung brought the Galaxy S21 series to market in January. The company said the flagship sold strongly "
     "through the quarter.", "samsung", "2021-Q1", "galaxy-s21-series"),
    ("In India, the Redmi Note 9 Pro sold well during the festive season.", "xiaomi", "2020-Q4", "redmi-note-9-pro"),
])
def test_sales_performance_without_a_figure(gaz, text, issuer, period, subject):
    got = events(gaz, text, issuer=issuer, period=period, date=None, metric="sales_performance")
    assert [(f.subject.key, f.period.label) for f in got] == [(subject, period)]


def test_no_sales_performance_without_a_product(gaz):
    text = "Our smartphones sold strongly in Europe."
    assert events(gaz, text, period="2020-Q2", metric="sales_performance") == []


@pytest.mark.parametrize("text,issuer,period,value,obj,want", [
    # the period: the next one the paragraph names after the document's
    ("The company said it expects solid demand for the mid-range Galaxy A52 and Galaxy A72, which went on sale in "
     "March. It warned that shortages could weigh on earnings in the second quarter.", "samsung", "2021-Q1",
     "solid demand", "galaxy-a52", "2021-Q2"),
    ("Xiaomi anticipates strong demand for the Mi 11 in the fourth quarter.", "xiaomi", "2020-Q3", "strong demand",
     "mi-11", "2020-Q4"),
    ("We expect weaker demand for tablets.", "lenovo", "2021-Q1", "weaker demand", None, None),
])
def test_demand_outlooks(gaz, text, issuer, period, value, obj, want):
    got = events(gaz, text, issuer=issuer, period=period, date=None, metric="outlook_demand")
    assert [(str(f.value), f.object.key if f.object else None, f.period.label if f.period else None,
             f.qualifier("status")) for f in got] == [(value, obj, want, "forecast")]


@pytest.mark.parametrize("text,issuer,period,facility,cause,when", [
    ("A power cut caused by a winter storm in February halted the company's chip plant in Austin, Texas, costing it "
     "output of about 71,000 wafers; Samsung estimated the hit to operating profit at between KRW 300 billion and "
     "KRW 400 billion.", "samsung", "2021-Q1", "samsung-austin-chip-plant",
     "A power cut caused by a winter storm in February", "2021-02"),
    ("Flooding in July shut down its assembly plant in Chennai, India.", "lenovo", "2021-Q3",
     "lenovo-chennai-assembly-plant", "Flooding in July", "2021-07"),
])
def test_disruptions_of_a_facility(gaz, text, issuer, period, facility, cause, when):
    got = events(gaz, text, issuer=issuer, period=period, date=None, metric="disruption")
    assert [(f.subject.key, str(f.value), f.period.label) for f in got] == [(facility, cause, when)]


@pytest.mark.parametrize("text", [
    "The board halted its share buyback programme in March.",      # no facility
    "Output of 3 million units halted our plant in Austin.",          # a figure is no cause
])
def test_no_disruption(gaz, text):
    assert events(gaz, text, issuer="samsung", period="2021-Q1", date=None, metric="disruption") == []


@pytest.mark.parametrize("text", [
    "On 9 July 2020, we established the Acme Research Institute.",
    "Samsung's foldable program began in March 2011.",
    "In February, a power cut caused by a storm halted the company's chip plant in Austin.",
    "Starting from 2019, we have set up the Xiaomi Annual Technology Award.",
])
def test_set_ups_beginnings_and_disruptions_are_stated_once(gaz, text):
    # launches.yaml's dated-event cues ("set up", "began", "halted" with a date) read some of these: never both
    fs = [f for f in extract_text(text, gaz, issuer="samsung", period="2021-Q1", date="2021-04-29",
                                  only=["events", "launches"]).facts if f.kind == "event"]
    assert len(fs) == 1


@pytest.mark.parametrize("text,issuer,date,year", [
    ("This strategy was developed or defined in the last year in 2019. Now we do a little bit upgrade.", "xiaomi",
     "2020-08-19", "2019"),
    ("Our dual-brand plan was first formulated in 2018 and has guided every launch since.", "lenovo", "2021-05-20",
     "2018"),
])
def test_plan_adoptions(gaz, text, issuer, date, year):
    got = events(gaz, text, issuer=issuer, period=None, date=date, metric="plan_adopted")
    assert [(f.subject.key, str(f.value), f.period.label) for f in got] == [(issuer, year, year)]


@pytest.mark.parametrize("text,issuer,date,subject,when", [
    ("It is also worth highlighting that Xiaomi as a standalone smartphone brand has been re-launched early last "
     "year.", "xiaomi", "2020-03-31", "xiaomi", "2019"),
    ("Redmi was spun off as an independent brand in January 2019.", "xiaomi", "2020-03-31", "redmi", "2019-01"),
])
def test_brand_relaunches(gaz, text, issuer, date, subject, when):
    got = events(gaz, text, issuer=issuer, period=None, date=date, metric="brand_relaunch")
    assert [(f.subject.key, str(f.value)) for f in got] == [(subject, when)]


@pytest.mark.parametrize("text", [
    "We relaunched the Mi 10 in India last year.",                       # a product, not a brand's relaunch
    "The strategy was developed by our founders.",                       # no year
])
def test_no_adoption_or_relaunch(gaz, text):
    assert events(gaz, text, period=None, date="2020-03-31", metric="brand_relaunch") == []
    assert events(gaz, text, period=None, date="2020-03-31", metric="plan_adopted") == []


def test_a_warning_by_someone_else_is_not_the_companys(gaz):
    text = "One analyst warned that a price war could hurt margins in the second quarter."
    assert events(gaz, text, issuer="samsung", period="2021-Q1", date=None, metric="outlook_risk") == []
    text = "Apple warned that a price war could hurt margins in the second quarter."
    got = events(gaz, text, issuer="samsung", period="2021-Q1", date=None, metric="outlook_risk")
    assert [f.subject.key for f in got] == ["apple"]


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=40, deadline=None)
@given(company=st.sampled_from(["Samsung", "Lenovo", "Apple", "Oppo"]),
       verb=st.sampled_from(["grew", "declined", "improved", "rose"]),
       adverb=st.sampled_from(["", "strongly ", "slightly ", "steadily "]),
       basis=st.sampled_from([("year-over-year", "YoY"), ("quarter-on-quarter", "QoQ"), ("sequentially", "QoQ")]),
       figure=st.one_of(st.none(), st.integers(min_value=1, max_value=95)))
def test_trend_templates(gaz, company, verb, adverb, basis, figure):
    by = f" by {figure}%" if figure is not None else ""
    text = f"In the third quarter, {company}'s tablet revenue {verb} {adverb}{basis[0]}{by}."
    got = events(gaz, text, issuer=company.lower(), period="2021-Q3", date=None, metric="trend")
    if figure is not None:
        assert got == []                 # a figure makes it a change
    else:
        assert [(str(f.value), f.basis, f.period.label) for f in got] == \
            [(f"{verb} {adverb}{basis[0]}", basis[1], "2021-Q3")]


@pytest.mark.parametrize("text,issuer,date,product,value,when", [
    ("NEW DELHI, 23 April 2021 – Xiaomi India, the country's leading smartphone brand, today introduced the Mi 11 "
     "Ultra, the most powerful smartphone it has ever offered in India, at an online launch event.", "xiaomi",
     "2021-04-23", "mi-11-ultra", "online launch event", "2021-04-23"),
    ("Samsung today unveiled the Galaxy S21 Ultra during a virtual keynote.", "samsung", "2021-01-14",
     "galaxy-s21-ultra", "virtual keynote", "2021-01-14"),
])
def test_launch_events(gaz, text, issuer, date, product, value, when):
    got = events(gaz, text, issuer=issuer, period=None, date=date, metric="launch_event")
    assert [(f.subject.key, str(f.value), f.period.label if f.period else None) for f in got] == \
        [(product, value, when)]


def test_no_launch_event_without_a_product(gaz):
    assert events(gaz, "We held an online launch event for partners.", period=None, metric="launch_event") == []
