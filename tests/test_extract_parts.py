"""Figures of a part of a company (a segment, division, business or unit) on sentences written for these tests:
the part's figure is never published as the whole company's (a segment's revenue stated as the group's is a
wrong figure), and the day of a date is never a figure. The issuer is "Halden Micro Systems, Inc." (results
release) unless a case says otherwise."""
from __future__ import annotations

import pytest

from test_extract_frames import HALDEN, Want, facts_of, found

ISSUER = HALDEN.label

CASES = [
    ("a part named with the issuer's possessive after the measure",
     "Revenue of Halden's Mobility Solutions segment rose 24.0% to $18.6 billion.",
     [Want("metric", f"{ISSUER} Mobility Solutions segment", "18600000000", "revenue"),
      Want("change", f"{ISSUER} Mobility Solutions segment", "24", "revenue")], [ISSUER]),
    ("'our' + part noun before the measure",
     "Our TV business recorded revenue of $3.96 billion and operating profit of $102 million.",
     [Want("metric", "TV business", "3960000000", "revenue"),
      Want("metric", "TV business", "102000000", "operating-profit")], [ISSUER]),
    ("'at its' + a capitalised part name ending in Group",
     "Revenue at its Personal Computing Group rose 5% to $2.3 billion.",
     [Want("metric", "Personal Computing Group", "2300000000", "revenue")], [ISSUER]),
    ("an appositive part noun describes the named segment before it",
     "Home Entertainment, our TV business, recorded revenue of $3.96 billion.",
     [Want("metric", "Home Entertainment", "3960000000", "revenue")], [ISSUER, "TV business"]),
    ("'Its' opening the next sentence refers to the segment just named",
     "The Energy division posted revenue of $410 million. Its operating margin was 8.2%.",
     [Want("metric", f"{ISSUER} Energy division", "8.2", "operating-margin")], [ISSUER]),
    # --- what does not make a part
    ("a part after 'thanks to' is a cause, not the subject",
     "Thanks to our TV business, revenue rose 3% to $9 billion.",
     [Want("metric", ISSUER, "9000000000", "revenue")], ["TV business"]),
    ("a subject named after the part phrase wins",
     "Through its Internet of Things arm, Orvik Devices AB shipped 3.1 million smart TVs.",
     [Want("metric", "Orvik Devices AB", "3100000", "smart-tv-shipments")], []),   # the kind stays in the measure
    ("'By segment,' opening a sentence names no part: the segment named after it is the subject",
     "By segment, revenue of the Sensor Modules segment was $410 million.",
     [Want("metric", f"{ISSUER} Sensor Modules segment", "410000000", "revenue")], [f"{ISSUER} By segment"]),
    ("'our core business' names no part", "Our core business revenue rose 4% to $2.0 billion.",
     [Want("metric", ISSUER, "2000000000", "revenue")], []),
    # --- dates
    ("the day of a date is no figure", "Net margin in the year ended December 31, 2019 was 1.0%.",
     [Want("metric", ISSUER, "1", "net-margin", "2019")], []),
]


@pytest.mark.parametrize("name,text,wants,forbidden", CASES, ids=[c[0] for c in CASES])
def test_parts(name, text, wants, forbidden):
    facts = facts_of(text)
    shown = [(f.kind, f.subject.label, f.metric, str(f.value), f.period.label if f.period else None) for f in facts]
    for w in wants:
        assert found(facts, w), f"{name}: missing {w}\n got {shown}"
    for label in forbidden:
        assert not [f for f in facts if f.subject.label == label], f"{name}: no fact of {label} expected, got {shown}"


def test_no_figure_is_the_day_of_a_date():
    facts = facts_of("As of December 31, 2023, cash was $3.1 billion; on 30 June 2023 it was $2.9 billion.")
    assert not [f for f in facts if str(f.value) in ("31", "30")], [(f.metric, str(f.value)) for f in facts]
    assert any(str(f.value) == "3100000000" for f in facts)


def test_a_present_state_in_an_undated_report_is_as_of_the_documents_date():
    text = "Valtera SE is the number two supplier in Europe with a market share of 24 per cent."
    facts = facts_of(text, genre="news", issuer=None, role="third_party", period=None, date_="2023-05-10")
    got = {(f.kind, str(f.value), f.period.label if f.period else None) for f in facts}
    assert ("market_share", "24", "2023-05-10") in got and ("ranking", "2", "2023-05-10") in got, got
    # in the past tense the state is no longer the document date's: no period, not published
    past = facts_of(text.replace(" is ", " was "), genre="news", issuer=None, role="third_party", period=None,
                    date_="2023-05-10")
    assert not [f for f in past if f.kind == "market_share"], [(f.kind, str(f.value)) for f in past]


def test_a_combined_figure_of_a_group_the_clause_does_not_name_is_nobodys_alone():
    text = "Gwangmyeong Electronics remained first at 30.1%, so the two Korean brands' combined 46.9% led the market."
    facts = facts_of(text, genre="research_note", issuer=None, role="third_party")
    assert not [f for f in facts if str(f.value) == "46.9"], [(f.subject.label, str(f.value)) for f in facts]
    assert any(str(f.value) == "30.1" and f.subject.label.startswith("Gwangmyeong") for f in facts)


@pytest.mark.parametrize("text, metric, value", [
    ("Germany accounted for 35% of first-half revenue.", "revenue-share", "35"),
    ("Smartphones made up 58% of revenue in the quarter.", "revenue-share", "58"),
    ("Orvik Devices AB shares rose 5.8 per cent in early trading on Wednesday.", "share-price", "5.8"),
    ("Its shares fell as much as 9% on Tuesday.", "share-price", "-9"),
])
def test_shares_of_revenue_and_share_price_moves(text, metric, value):
    facts = facts_of(text)
    assert any(f.metric == metric and str(f.value) == value for f in facts), \
        [(f.kind, f.metric, str(f.value)) for f in facts]


def test_a_share_of_a_parts_revenue_or_of_the_market_is_no_share_of_the_companys_revenue():
    facts = facts_of("Advertising accounted for about 71% of internet services revenue. Market shares rose 5%.")
    assert not [f for f in facts if f.metric in ("revenue-share", "share-price")], \
        [(f.kind, f.metric, str(f.value)) for f in facts]


def test_a_single_word_part_name_that_is_also_a_company_word_is_a_segment_of_the_issuer():
    facts = facts_of("Total revenue was $1.2 billion, up 9%. Mobile declined 4% to $690 million. Energy grew 12% "
                     "to $210 million.")
    got = {(f.subject.label, f.metric, str(f.value)) for f in facts if f.kind == "metric"}
    assert (f"{ISSUER} Mobile", "revenue", "690000000") in got or ("Mobile", "revenue", "690000000") in got, got
    assert not [g for g in got if g[0] == ISSUER and g[2] in ("690000000", "210000000")], got


def test_respectively_pairs_the_last_coordinated_figures_with_their_names_never_a_cited_firm():
    text = ("According to Calder Research, Seorin ranked third with a 9.1% share, behind Aurex and Tamsin, which held "
            "21.4% and 17.8%, respectively.")
    facts = facts_of(text, genre="research_note", issuer=None, role="third_party")
    assert not [f for f in facts if f.subject.label.startswith("Calder")], [(f.subject.label, str(f.value)) for f in facts]
    assert any(f.subject.label == "Seorin" and str(f.value) == "9.1" for f in facts)
    listed = facts_of("Norvik, Pavo and Taiyo placed fourth, fifth and sixth, with 6.4 million (9.8%), 4.5 million "
                      "(6.9%) and 4.1 million units (6.3%), respectively.", genre="research_note", issuer=None,
                      role="third_party")
    shares = {(f.subject.label, str(f.value)) for f in listed if f.kind == "market_share"}
    assert shares == {("Norvik", "9.8"), ("Pavo", "6.9"), ("Taiyo", "6.3")}, shares


def test_after_a_change_verb_to_introduces_the_new_level_not_a_range():
    facts = facts_of("Revenue rose $2.1 billion to $14.2 billion.")
    got = {(f.kind, str(f.value)) for f in facts}
    assert ("change", "2100000000") in got and ("metric", "14200000000") in got, got
    ranged = facts_of("For the fourth quarter, we expect revenue of $4.3 billion to $4.5 billion.")
    assert any(f.qualifier("low") == "4300000000" and f.qualifier("high") == "4500000000" for f in ranged), \
        [(f.kind, str(f.value), f.qualifiers) for f in ranged]


def test_a_costs_percent_of_revenue_is_its_ratio_to_revenue_and_a_profits_is_its_margin():
    facts = facts_of("R&D expenses were $1.2 billion, or 5.8% of revenue. Operating income was $76 million, or 12.4% "
                     "of revenue.")
    got = {(f.metric, str(f.value)) for f in facts}
    assert ("rd-expenses-share-of-revenue", "5.8") in got and ("operating-margin", "12.4") in got, got
    assert ("revenue-share", "5.8") not in got, got


def test_a_percent_change_after_a_share_or_margin_is_not_the_shares_change():
    facts = facts_of("Drive Systems, which generated 64 per cent of Group revenue in the first half, grew 8%. "
                     "Gross margin was 41.2%, up 1.3 percentage points.")
    got = {(f.kind, f.metric, str(f.value)) for f in facts}
    assert not [g for g in got if g[0] == "change" and g[2] == "8"], got
    assert ("change", "gross-margin", "1.3") in got, got


def test_a_share_of_revenue_is_never_the_whole_companys():
    facts = facts_of("Our largest customer accounted for 22% of revenue. Smartphones accounted for 58% of revenue.")
    got = {(f.subject.label, str(f.value)) for f in facts if f.metric == "revenue-share"}
    assert (ISSUER, "22") not in got and any(v == "58" for _, v in got), got


def test_its_after_a_segment_that_opens_the_sentence_is_the_segments():
    facts = facts_of("The Medical segment continued to lead growth; its revenue rose 14% to $58.9 million.")
    assert {f.subject.label for f in facts if f.metric == "revenue"} == {f"{ISSUER} Medical segment"}, \
        [(f.subject.label, str(f.value)) for f in facts]
    facts = facts_of("Halden designs watches and audio devices. Founded in 2001, it employs about 4,700 people.")
    assert {f.subject.label for f in facts if f.metric == "number-of-employees"} <= {ISSUER}


def test_a_part_that_opens_the_sentence_before_a_relative_clause_takes_the_figure():
    facts = facts_of("Its IoT and lifestyle unit, which sells televisions, scooters and wearables, grew revenue 18 per "
                     "cent to $9.2 billion.")
    got = {(f.subject.label, str(f.value)) for f in facts if f.kind == "metric"}
    assert got and all(label != ISSUER and "wearables" not in label.casefold() for label, _ in got), got


def test_a_transitive_change_verb_changes_its_object():
    facts = facts_of("Halden grew revenue 18% to $9.2 billion. We cut operating costs by 8%. Halden increased its "
                     "stake to 25%.")
    got = {(f.kind, f.metric, str(f.value)) for f in facts}
    assert ("change", "revenue", "18") in got and ("metric", "revenue", "9200000000") in got, got
    assert any(k == "change" and v == "-8" for k, _, v in got), got
    assert not [g for g in got if g[2] == "25" and g[0] == "change"], got


def test_a_loss_compared_with_is_a_negative_profit_of_the_earlier_period_and_not_carried():
    facts = facts_of("We posted a profit after tax of $41 million against a loss of $12 million a year earlier. "
                     "Net revenue was $410 million.")
    got = {(f.metric, str(f.value), f.period.label if f.period else None) for f in facts}
    assert ("net-profit", "-12000000", "2022-Q3") in got and ("net-profit", "41000000", "2023-Q3") in got, got
    assert ("revenue", "410000000", "2023-Q3") in got, got


def test_segments_listed_with_and_in_the_issuers_text_are_parts():
    facts = facts_of("Revenue was $4.2 billion. Displays rose 12% to $780 million, and Gaming Peripherals, which sells "
                     "under the Vanta brand, climbed 21% to $520 million.")
    got = {(f.subject.label, str(f.value)) for f in facts if f.kind == "metric"}
    assert [g for g in got if "Gaming" in g[0] and g[1] == "520000000"], got
    assert not [g for g in got if g[0] == ISSUER and g[1] == "520000000"], got
