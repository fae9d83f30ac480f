"""Relation and attribute rules (graph/extract/relations.py, attributes.py) on sentences from different documents
and synthetic variants (other names, markets and word order)."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marketgraph.graph.extract.pipeline import extract_text
from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.paths import ProjectPaths


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer(ProjectPaths.default().gazetteer)


def facts(gaz, text, module, issuer="xiaomi", period="2020-Q2", date="2020-08-19", metric=None):
    out = extract_text(text, gaz, issuer=issuer, period=period, date=date, only=[module]).facts
    for f in out:
        assert f.kind == module[:-1]           # relations -> relation, attributes -> attribute
        assert text[f.evidence.start:f.evidence.end] == f.evidence.quote
    return [f for f in out if metric is None or f.metric == metric]


def rel_rows(fs):
    return sorted((f.metric, f.subject.key, f.object.label, f.market.key if f.market else None) for f in fs)


# -- channel lists ------------------------------------------------------------------------------------------------
def test_operators_after_including_almost_everyone(gaz):
    text = ("Through the years, we have established a strong partnership with the major European operators, including "
            "almost everyone, Vodafone, Telefónica, Orange, everyone, now we see the strong growth.")
    assert rel_rows(facts(gaz, text, "relations")) == [
        ("carrier_partner", "xiaomi", "Orange", "europe"),           # discovered: a capitalised name in the list
        ("carrier_partner", "xiaomi", "Telefónica", "europe"),
        ("carrier_partner", "xiaomi", "Vodafone", "europe"),
    ]


def test_channels_take_the_paragraphs_market(gaz):
    text = ("The second question is related to the China distribution channel. We are now building our stores. "
            "We will continue to strengthen our business in the mi.com and also the third-party online channels like "
            "JD.com and Tmall, Tmall market.")
    assert rel_rows(facts(gaz, text, "relations")) == [
        ("online_channel", "xiaomi", "JD.com", "mainland-china"),
        ("online_channel", "xiaomi", "Tmall", "mainland-china"),
    ]


def test_a_market_after_a_partner_is_its_own(gaz):
    text = ("Regarding the European market, we go all channels. We established a very strong partnership with the "
            "traditional off-line channels, including the big players like media market and others. And also, we "
            "partnered with the online players, local online players like Amazon, like Cdiscount in France.")
    fs = facts(gaz, text, "relations")
    assert rel_rows(fs) == [
        ("retail_partner", "xiaomi", "Amazon", "europe"),
        ("retail_partner", "xiaomi", "Cdiscount", "france"),
        ("retail_partner", "xiaomi", "MediaMarkt", "europe"),
    ]
    mm = next(f for f in fs if f.object.key == "mediamarkt")
    assert mm.qualifier("name") == "media market"         # the name as written, when the label differs


@pytest.mark.parametrize("text,issuer,expected", [
    ("In Brazil, we sell through retailers such as Magazine Luiza and Casas Bahia.", "lenovo",
     [("retail_partner", "lenovo", "Casas Bahia", "brazil"), ("retail_partner", "lenovo", "Magazine Luiza", "brazil")]),
    ("Samsung works with mobile operators like Verizon, AT&T and T-Mobile in the United States.", "samsung",
     [("carrier_partner", "samsung", "AT&T", "united-states"), ("carrier_partner", "samsung", "T-Mobile", "united-states"),
      ("carrier_partner", "samsung", "Verizon", "united-states")]),
])
def test_channel_list_variants(gaz, text, issuer, expected):
    # "Verizon, AT&T and T-Mobile in the United States": a market after a closed list is the whole list's
    assert rel_rows(facts(gaz, text, "relations", issuer=issuer)) == expected


@pytest.mark.parametrize("text", [
    "We opened Xiaomi authorized stores across the major European countries, including France, Spain, Germany.",
    "Our carrier partners performed well in the quarter.",
    "We will continue to work with our partners to fight the pandemic.",
])
def test_no_channel_list_without_names(gaz, text):
    assert facts(gaz, text, "relations") == []


_NAMES = st.sampled_from(["Zorvex", "Quillmart", "Brandt Electro", "Novacel", "Peltra", "Okimo", "Ventrix Mobile"])


@settings(max_examples=20, deadline=None)
@given(names=st.lists(_NAMES, min_size=2, max_size=4, unique=True),
       noun=st.sampled_from(["retailers", "online channels", "operators"]),
       intro=st.sampled_from(["like", "such as", "including"]))
def test_channel_lists_from_templates(gaz, names, noun, intro):
    listed = ", ".join(names[:-1]) + " and " + names[-1]
    text = f"In Poland we sell through {noun} {intro} {listed}."
    fs = facts(gaz, text, "relations", issuer="lenovo")
    expected_key = {"retailers": "retail_partner", "online channels": "online_channel", "operators": "carrier_partner"}
    assert sorted(f.object.label for f in fs) == sorted(names)
    assert {f.metric for f in fs} == {expected_key[noun]}
    assert {f.market.key for f in fs} == {"poland"}


# -- partners, co-developers, versions, locations -----------------------------------------------------------------
def test_fronted_partnering_and_based_location(gaz):
    text = ("Partnering with Institute of Care-life, a Chengdu-based organization focusing on natural disaster warning, "
            "Xiaomi has activated the service first in Sichuan Province.")
    assert rel_rows(facts(gaz, text, "relations")) == [
        ("located_in", "institute-of-care-life", "Chengdu", None),
        ("partner_of", "institute-of-care-life", "Xiaomi Corporation", None),
    ]


@pytest.mark.parametrize("text,issuer,expected", [
    ("We introduced Mi Smart Band 5 and Mi Electric Scooter Pro 2, which collaborated with the Mercedes F1 Team.",
     "xiaomi", ("partner_of", "mi-electric-scooter-pro-2", "Mercedes F1 Team", None)),
    ("Mi Watch offers up to 10 pro-sport modes. It also works with professional sports analytics provider FirstBeat "
     "to closely track users' sleep quality.", "xiaomi", ("partner_of", "mi-watch", "FirstBeat", None)),
    ("Lenovo partnered with Globex Robotics to build the new line.", "lenovo",
     ("partner_of", "lenovo", "Globex Robotics", None)),
])
def test_partners(gaz, text, issuer, expected):
    assert rel_rows(facts(gaz, text, "relations", issuer=issuer, metric="partner_of")) == [expected]


@pytest.mark.parametrize("text,issuer,expected", [
    ("Mi TV 5 series adopts a flagship 12nm T972 chip that is jointly developed by Xiaomi and Amlogic.", "xiaomi",
     [("co_developer", "amlogic", "Xiaomi Corporation", None)]),
    ("The modem was co-developed by Samsung and Initech Semiconductors.", "samsung",
     [("co_developer", "initech-semiconductors", "Samsung Electronics", None)]),
])
def test_codevelopers(gaz, text, issuer, expected):
    assert rel_rows(facts(gaz, text, "relations", issuer=issuer, metric="co_developer")) == expected


@pytest.mark.parametrize("text,version,original", [
    ("In November, the overseas version of Mi CC9 Pro, Mi Note 10, was released in Spain.", "mi-note-10", "Mi CC9 Pro"),
    ("Mi Note 10, the global version of the Mi CC9 Pro, goes on sale in Europe.", "mi-note-10", "Mi CC9 Pro"),
])
def test_regional_versions(gaz, text, version, original):
    fs = facts(gaz, text, "relations", metric="regional_version_of")
    assert [(f.subject.key, f.object.label) for f in fs] == [(version, original)]


@pytest.mark.parametrize("text,issuer,expected", [
    ("The Beijing-based group said on Tuesday that third-quarter revenue rose 34.5%.", "xiaomi",
     [("located_in", "xiaomi", "Beijing", None)]),
    ("Lenovo, a Hong Kong-based maker of PCs, said sales rose.", "xiaomi", [("located_in", "lenovo", "Hong Kong", None)]),
    ("said Marta Oyelaran, a hardware analyst at Keystone Crest Securities in Hong Kong.", "xiaomi",
     [("located_in", "keystone-crest-securities", "Hong Kong", None)]),
])
def test_locations(gaz, text, issuer, expected):
    assert rel_rows(facts(gaz, text, "relations", issuer=issuer, metric="located_in")) == expected


@pytest.mark.parametrize("text", [
    "MIUI, the Android-based software that runs on Xiaomi phones, had 368 million users.",   # not an organisation
    "Its Shenzhen-based unit grew.",                                                         # the unit, not the issuer
])
def test_no_location(gaz, text):
    assert facts(gaz, text, "relations", metric="located_in") == []


# -- attributes: distinctions and positioning ---------------------------------------------------------------------
def attr_rows(fs):
    return sorted((f.metric, f.subject.key, str(f.value), f.market.key if f.market else None) for f in fs)


@pytest.mark.parametrize("text,subject,value", [
    ("The Company introduced Mi CC9 Pro in November 2019, which is the first mass-produced smartphone to carry a "
     "108MP penta-camera.", "mi-cc9-pro", "the first mass-produced smartphone to carry a 108MP penta-camera"),
    ("Being the world’s first wearable to sport a Snapdragon Wear 3100, Mi Watch guarantees a robust performance.",
     "mi-watch", "the world’s first wearable to sport a Snapdragon Wear 3100"),
    ("We launched our groundbreaking Mi TV LUX OLED Transparent Edition. The world's first mass-produced transparent "
     "TV with edge-to-edge transparent display.", "mi-tv-lux-oled-transparent-edition",
     "The world's first mass-produced transparent TV"),
    ("Xiaomi released its concept smartphone, Mi MIX Alpha, a futuristic 5G smartphone featuring the world’s first "
     "surround display and a screen-to-body ratio of 180.6%.", "mi-mix-alpha", "the world’s first surround display"),
    # synthetic: another product and cue
    ("Redmi 9A, the industry's first phone with a 6,000mAh battery at this price, goes on sale.", "redmi-9a",
     "the industry's first phone with a 6,000mAh battery at this price"),   # a figure's comma ends nothing
])
def test_distinctions(gaz, text, subject, value):
    fs = facts(gaz, text, "attributes", metric="distinction")
    assert [(f.subject.key, f.value) for f in fs] == [(subject, value)]


def test_youngest_on_a_list_holds_for_the_lists_year(gaz):
    text = ("In 2019, Xiaomi hit a series of significant milestones. We made our inaugural entry into the Fortune "
            "Global 500 list, becoming the youngest company on the list.")
    fs = facts(gaz, text, "attributes", period="2019", date="2020-03-31", metric="distinction")
    assert [(f.subject.key, f.value, f.period.label) for f in fs] == \
        [("xiaomi", "the youngest company on the list", "2019")]


def test_a_section_headline_is_about_its_sections_product(gaz):
    text = ("World’s first Surround Display – display almost on all sides\n\nCarrying the original Mi MIX exploration "
            "spirit, when Mi MIX Alpha lights up, the display wraps around the body.")
    fs = facts(gaz, text, "attributes", metric="distinction")
    assert [(f.subject.key, f.value) for f in fs] == [("mi-mix-alpha", "World’s first Surround Display")]


@pytest.mark.parametrize("text", [
    "World’s first Surround Display – display almost on all sides",        # a headline with no section after it
    "World’s first Surround Display\n\nSee more pictures below.",           # a section naming no product
    "We were first to market in the first quarter.",
    "This is the first time we ranked first.",
])
def test_no_distinction(gaz, text):
    assert facts(gaz, text, "attributes", metric="distinction") == []


def test_positioning_with_its_market(gaz):
    text = ("Xiaomi India today introduced the Mi 11 Ultra, the most powerful smartphone it has ever offered in India, "
            "at an online launch event.")
    fs = facts(gaz, text, "attributes", metric="positioning")
    assert [(f.subject.label, f.value, f.market.key) for f in fs] == \
        [("Mi 11 Ultra", "the most powerful smartphone it has ever offered in India", "india")]


# -- attributes: segments ------------------------------------------------------------------------------------------
def test_segment_of_a_listed_range_with_the_opening_market(gaz):
    text = ("The overseas market, our premium smartphones have also been popular among consumers, including our "
            "high-end smartphones, Mi 10, Mi 10 Pro, Mi Note 10 and Mi 10 Lite.")
    assert attr_rows(facts(gaz, text, "attributes", metric="segment")) == [
        ("segment", k, "high-end", "xiaomi-overseas-markets") for k in ("mi-10", "mi-10-lite", "mi-10-pro", "mi-note-10")]


@pytest.mark.parametrize("text,issuer,expected", [
    ("The company said it expects solid demand for the mid-range Galaxy A52 and Galaxy A72, which went on sale in "
     "March.", "samsung", [("Galaxy A52", "mid-range"), ("Galaxy A72", "mid-range")]),
    ("For example, there is a very strong product, we call it Redmi 9A is entry-level device.", "xiaomi",
     [("Redmi 9A", "entry-level")]),
    ("Redmi Note 9 Pro, our budget phone for students, sold out.", "xiaomi", [("Redmi Note 9 Pro", "budget")]),
])
def test_segment_variants(gaz, text, issuer, expected):
    fs = facts(gaz, text, "attributes", issuer=issuer, metric="segment")
    assert sorted((f.subject.label, f.value) for f in fs) == expected


@pytest.mark.parametrize("text", [
    "Our premium smartphones have also been popular among consumers.",
    "The flagship sold strongly through the quarter.",
])
def test_no_segment_without_a_product(gaz, text):
    assert facts(gaz, text, "attributes", metric="segment") == []


# -- attributes: strategies and company age ------------------------------------------------------------------------
@pytest.mark.parametrize("text,subject,value", [
    ("At Xiaomi, we are powered by our smartphone, now we call Smartphone x AIoT core strategy, which is upgraded "
     "from Smartphone + AIoT.", "xiaomi", "Smartphone x AIoT"),
    ("Xiaomi’s future strategy is the “smartphone + AIoT” concept.", "xiaomi", "smartphone + AIoT"),
    ("We have officially launched a dual-brand strategy for our smartphones business.", "xiaomi", "dual-brand strategy"),
    ("Lenovo adopted a ‘PC plus’ strategy last year.", "lenovo", "‘PC plus’ strategy"),
])
def test_strategies(gaz, text, subject, value):
    fs = facts(gaz, text, "attributes", metric="strategy")
    assert [(f.subject.key, f.value) for f in fs] == [(subject, value)]


@pytest.mark.parametrize("text", [
    "I think that strategy is the right strategy.",
    "We adopted a sound business strategy.",
    "The Group launched 4 Mi Refrigerator in October, sustaining the cost-effective strategy.",
])
def test_no_strategy(gaz, text):
    assert facts(gaz, text, "attributes", metric="strategy") == []


@pytest.mark.parametrize("text,issuer,period,age,year", [
    ("Xiaomi Corp turned in the biggest quarter of its ten-year history in July-September.", "xiaomi", "2020-Q3", 10,
     "2020"),
    ("It delivered the best results in our eleven-year history.", "lenovo", "2020", 11, "2020"),
    ("Mr. Lei Jun mentioned in Xiaomi's 10-year anniversary speech three principles.", "xiaomi", "2020-Q2", 10, "2020"),
    ("Samsung marked its 52-year history with a record year.", "samsung", "2021-Q1", 52, "2021"),
])
def test_company_age(gaz, text, issuer, period, age, year):
    fs = facts(gaz, text, "attributes", issuer=issuer, period=period, metric="company_age")
    assert [(f.subject.key, f.value, f.unit, f.period.label) for f in fs] == [(issuer, Decimal(age), "years", year)]


def test_no_company_age_for_a_product_history(gaz):
    assert facts(gaz, "The phone has a 3-year warranty history.", "attributes", metric="company_age") == []


@pytest.mark.parametrize("text", [
    "The speaker works with Google Assistant and Alexa.",              # compatibility, not partnership
    "We face competition from big players like Apple and Samsung.",    # rivals, not retailers
])
def test_no_partner_from_weak_cues_or_rivals(gaz, text):
    assert facts(gaz, text, "relations") == []


def test_unknown_names_in_an_unseen_release(gaz):
    text = ("Shenzhen, 12 May 2022 – Oppo today announced the Find X5 Pro, the world's first phone with a MariSilicon X "
            "imaging chip. Partnering with Hasselblad, a Sweden-based camera company, Oppo brings natural colour to "
            "mobile photography.")
    rels = rel_rows(facts(gaz, text, "relations", issuer="oppo"))
    assert rels == [("located_in", "hasselblad", "Sweden", None), ("partner_of", "hasselblad", "Oppo", None)]
    # the phone is not a known product: its distinction is not pinned on the company (it may go to the phone,
    # a product discovered from its brand learnt in the text: "announced the Find X5 Pro")
    assert [f for f in facts(gaz, text, "attributes", issuer="oppo", metric="distinction")
            if f.subject.kind == "organisation"] == []


@pytest.mark.parametrize("text,issuer,segment,business", [
    ("The IT & Mobile Communications (IM) division, which houses the handset business, reported revenue of KRW 29.21 "
     "trillion.", "samsung", "Samsung Electronics IT & Mobile Communications division", "handset business"),
    ("The Consumer Electronics (CE) division, which includes the TV and appliance businesses, grew.", "samsung",
     "Samsung Electronics Consumer Electronics division", "TV and appliance businesses"),
])
def test_a_segment_houses_a_business(gaz, text, issuer, segment, business):
    fs = facts(gaz, text, "relations", issuer=issuer, metric="houses")
    assert [(f.subject.label, f.object.label) for f in fs] == [(segment, business)]


# -- facilities, operation bases, fund founders, investment focus ------------------------------------------------
@pytest.mark.parametrize("text,issuer,facility,place", [
    ("In addition to the investment, Xiaomi has also established its own smart factory in Yizhuang, with an annual "
     "production capacity of 1 million smartphones.", "xiaomi", "xiaomi-yizhuang-smart-factory", "Yizhuang"),
    ("Lenovo said it would expand its own assembly plant in Pondicherry next year.", "lenovo",
     "lenovo-pondicherry-assembly-plant", "Pondicherry"),
])
def test_a_facility_is_located_in_its_place(gaz, text, issuer, facility, place):
    got = facts(gaz, text, "relations", issuer=issuer, metric="located_in")
    assert [(f.subject.key, f.object.label) for f in got] == [(facility, place)]


@pytest.mark.parametrize("text,issuer,subject,label,place", [
    ("Xiaomi entered India in July 2014 and set up its local operations in Bengaluru.", "xiaomi", "xiaomi-india",
     "Xiaomi India", "Bengaluru"),
    ("Samsung entered Vietnam in 2008 and later opened its regional headquarters in Hanoi.", "samsung",
     "samsung-vietnam", "Samsung Vietnam", "Hanoi"),
    # no market named: the company itself
    ("In 2019 Realme moved its global headquarters in Shenzhen.", "realme", "realme", "realme", "Shenzhen"),
])
def test_operations_set_up_in_a_place(gaz, text, issuer, subject, label, place):
    got = facts(gaz, text, "relations", issuer=issuer, metric="located_in")
    assert [(f.subject.key, f.subject.label.lower(), f.object.label) for f in got] == \
        [(subject, label.lower(), place)]


@pytest.mark.parametrize("text,issuer,fund_words,founders", [
    ("Xiaomi and Wuhan Yangtze River Industry Group have established a 12 billion fund.", "xiaomi", "12 billion",
     ["Wuhan Yangtze River Industry Group"]),
    ("Lenovo and Harbour Peak Capital have jointly set up a 5 billion fund to back chip start-ups.", "lenovo",
     "5 billion", ["Harbour Peak Capital"]),
])
def test_fund_founders(gaz, text, issuer, fund_words, founders):
    got = facts(gaz, text, "relations", issuer=issuer, metric="established_by")
    assert sorted(f.object.label for f in got) == founders
    assert all(f.subject.kind == "fund" and fund_words in f.subject.label for f in got)


def test_no_fund_founders_when_the_fund_is_not_the_clause_object(gaz):
    text = "Xiaomi said Wuhan Yangtze River Industry Group manages a 12 billion fund."
    assert facts(gaz, text, "relations", metric="established_by") == []


@pytest.mark.parametrize("text,issuer,subject_kind,value", [
    ("Xiaomi and Wuhan Yangtze River Industry Group have established a 12 billion fund. It mainly invests in the "
     "upstream technology and core components of Xiaomi-related manufacturing.", "xiaomi", "fund",
     "upstream technology and core components of Xiaomi-related manufacturing"),
    ("Samsung launched a 3 billion fund last year. The fund primarily invests in early-stage chip designers.",
     "samsung", "fund", "early-stage chip designers"),
    ("Lenovo Capital mainly invests in enterprise software.", "lenovo", "organisation", "enterprise software"),
])
def test_investment_focus(gaz, text, issuer, subject_kind, value):
    got = facts(gaz, text, "attributes", issuer=issuer, metric="investment_focus")
    assert [(f.subject.kind, str(f.value)) for f in got] == [(subject_kind, value)]


@pytest.mark.parametrize("text", [
    "Currently, it has invested in nearly 80 companies.",       # a count, not a focus
    "We invest in our people.",                                 # no focusing adverb, no fund
])
def test_no_investment_focus(gaz, text):
    assert facts(gaz, text, "attributes", metric="investment_focus") == []


@pytest.mark.parametrize("text,issuer,company,products", [
    ("SEOUL, April 29 – Samsung Electronics Co said on Thursday its first-quarter operating profit rose 45.5% from a "
     "year earlier, as brisk sales of Galaxy S21 smartphones and televisions more than made up for a weaker quarter.",
     "samsung", "samsung", ["galaxy-s21"]),
    ("Revenue rose 12% in the third quarter, driven by strong demand for the Mi 10 and Redmi Note 9.", "xiaomi",
     "xiaomi", ["mi-10", "redmi-note-9"]),
])
def test_sales_drivers(gaz, text, issuer, company, products):
    got = facts(gaz, text, "relations", issuer=issuer, metric="sales_driver")
    assert sorted(f.object.key for f in got) == products
    assert {f.subject.key for f in got} == {company}
    assert all(f.period is not None for f in got)


def test_no_sales_driver_without_a_product(gaz):
    text = "Profit rose, driven by strong sales of televisions."
    assert facts(gaz, text, "relations", metric="sales_driver") == []


@pytest.mark.parametrize("text,issuer,subject,cue", [
    ("Most of Xiaomi’s AIoT products lay an ecological foundation through investment, such as the newly listed "
     "company No. 9 Robot Company.", "xiaomi", "No. 9 Robot Company", "newly listed"),
    ("Lenovo also holds a stake in the recently listed Harbour Peak Robotics.", "lenovo", "Harbour Peak Robotics",
     "recently listed"),
])
def test_listing_status(gaz, text, issuer, subject, cue):
    got = facts(gaz, text, "attributes", issuer=issuer, metric="listing_status")
    assert [(f.subject.label, str(f.value)) for f in got] == [(subject, cue)]


@pytest.mark.parametrize("text,issuer,subject,market,variant", [
    ("The Mi 11 Ultra made its debut in China on March 29. In India the phone comes in a single version. The same "
     "configuration costs RMB 6,499 in China, while the 6,999-yuan 12GB+512GB model will not be offered in India.",
     "xiaomi", "mi-11-ultra", "india", "12GB+512GB"),
    ("Samsung confirmed that the Galaxy S21 Ultra won't be sold in India.", "samsung", "galaxy-s21-ultra", "india",
     None),
])
def test_availability_denied(gaz, text, issuer, subject, market, variant):
    got = facts(gaz, text, "attributes", issuer=issuer, metric="availability")
    assert [(f.subject.key, f.market.key, f.qualifier("variant")) for f in got] == [(subject, market, variant)]
