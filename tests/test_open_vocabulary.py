"""An open metric vocabulary, part two: near concepts that are not the figure's measure, counts named by their own
noun, counts of places that never take the clause's volume measure, and rates measured "on" something.

The sentences are written for these tests (invented issuer and figures). The rule under test each time: a known
concept only where one truly fits, else a concept minted from the text's noun phrase -- never the near concept
("paying members" are no paying users of any kind the scheme names; "2,100 engineers" are not the whole
workforce) and never a dropped figure. docs/decisions/2026-12-07-open-metric-vocabulary.md.
"""
from __future__ import annotations

from decimal import Decimal

import pytest

from marketgraph.graph.extract.pipeline import extract_document
from marketgraph.graph.metricheads import broader_of

from test_extract_frames import GAZ, doc_for, facts_of

ISSUER = "Halden Micro Systems, Inc."


def measures(text: str) -> set[tuple[str, str, str, Decimal]]:
    """(kind, subject label, metric key, value) of every fact of the text."""
    return {(f.kind, f.subject.label, str(f.metric), Decimal(str(f.value)).normalize()) for f in facts_of(text)}


def M(metric: str, value: str, kind: str = "metric", subject: str = ISSUER) -> tuple[str, str, str, Decimal]:
    return (kind, subject, metric, Decimal(value).normalize())


# --- a narrower or different measure the scheme names: that concept, never the near one
NEAR = [
    ("Paying members rose to 12.4 million in the quarter.", M("paid-members", "12400000")),
    ("Paid memberships reached 8.2 million.", M("paid-memberships", "8200000")),
    ("Paid subscriptions reached 3.6 million.", M("paid-subscriptions", "3600000")),
    ("Paying users reached 5.1 million.", M("paying-users", "5100000")),
    ("Bank borrowings were $45.0 million at the end of the quarter.", M("bank-borrowings", "45000000")),
    ("Total borrowings were $145.0 million at the end of the quarter.", M("total-debt", "145000000")),
    ("Buyers placed 96 million orders at an average order value of $52.10.", M("average-order-value", "52.10")),
    ("Monthly churn was 2.4% in the quarter.", M("monthly-churn-rate", "2.4")),
    ("Churn was 2.4% in the quarter.", M("churn-rate", "2.4")),
]


@pytest.mark.parametrize("text,want", NEAR, ids=[t[:40] for t, _ in NEAR])
def test_a_near_concept_is_not_the_figures_measure(text, want):
    assert want in measures(text)


def test_a_bank_named_in_a_measure_is_no_segment_of_the_issuer():
    got = measures("Bank borrowings were $45.0 million at the end of the quarter.")
    assert {s for _, s, _, _ in got} == {ISSUER}


# --- a count names its measure with its own noun
COUNTS = [
    ("The company employs about 2,100 engineers.", "engineers"),
    ("The company employs about 1,450 analysts.", "analysts"),
    ("Halden had 5,300 permanent employees at the end of the quarter.", "permanent-employees"),
    ("Halden had 4,100 full-time employees at the end of the quarter.", "full-time-employees"),
    ("Halden had 6,900 employees at the end of the quarter.", "number-of-employees"),
    ("The company employs about 6,900 people.", "number-of-employees"),
]


@pytest.mark.parametrize("text,key", COUNTS, ids=[t[:40] for t, _ in COUNTS])
def test_a_count_is_of_what_its_own_noun_names(text, key):
    assert [str(f.metric) for f in facts_of(text)] == [key]


def test_a_count_of_stores_never_takes_the_clauses_shipments():
    got = measures("Shipments rose 8% to 2.1 million units, and it now sells through 2,300 stores across the "
                   "region.")
    assert M("stores", "2300", kind="count") in got
    assert not any(m == "shipments" and v == 2300 for _, _, m, v in got)


def test_a_count_of_countries_is_not_the_measure_of_the_clause_before():
    got = measures("Shipments rose 8% to 2.1 million units. The Nimbus line went on sale in 31 countries.")
    assert not any(m == "shipments" and v == 31 for _, _, m, v in got)


# --- a rate measured "on" something is the rate, not the thing
def test_a_rate_on_something_is_the_rate():
    got = measures("The subscription attach rate on new devices climbed to 28% in the quarter.")
    assert got == {M("subscription-attach-rate", "28")}


def test_minted_counts_are_narrower_than_their_head_nouns_concept():
    assert broader_of("permanent employees", GAZ) == "number-of-employees"
    assert broader_of("engineers", GAZ) is None        # no concept is known for the head: none, never a wrong one
    assert GAZ.metrics["paid-members"].broader == "paying-users"
    assert GAZ.metrics["bank-borrowings"].broader == "total-debt"


# --- changes: a difference from an earlier time, a flat measure named only by its head noun, a multiple's object
def test_an_amount_lower_than_at_an_earlier_date_is_a_change_not_a_level():
    got = measures("Net debt was $31 million lower than at the end of June.")
    assert got == {M("net-debt", "-31000000", kind="change")}


def test_an_amount_higher_than_another_companys_is_no_change_of_an_earlier_time():
    got = measures("Net debt was $31 million higher than Orvane's.")
    assert not any(k == "change" for k, _, _, _ in got)


@pytest.mark.parametrize("text,subject", [
    ("Halden's volume was flat in the quarter.", ISSUER),
    ("Volume was flat in the quarter.", ISSUER),
])
def test_a_flat_measure_named_by_its_head_noun_is_a_change_of_zero(text, subject):
    assert measures(text) == {M("volume", "0", kind="change", subject=subject)}


def test_a_flat_word_without_a_measure_states_nothing():
    assert measures("The outlook was flat in the quarter.") == set()


def test_an_owner_is_no_word_of_a_minted_measure():
    got = measures("Halden's pick rate was 7.5% in the quarter.")
    assert got == {M("pick-rate", "7.5")}


def test_a_multiplier_verbs_object_names_the_measure():
    got = measures("Halden doubled its volume in the quarter.")
    assert got == {M("volume", "100", kind="change")}


def test_a_ratio_standing_at_a_percent_is_no_market_share():
    text = ("Halvard Research: Western Europe smartphone shipments fell 4% in Q2 2023\n\nLONDON, July 20, 2023 -- "
            "Halvard Research today published its tracker. Smartphone shipments in Western Europe fell 4% to 28.1 "
            "million units. Vantro led with a share at 31%. Vantro's debt ratio stood at 38%.\n")
    facts = extract_document(doc_for(text, genre="research_note", issuer=None), text, GAZ,
                             only=["measures"]).facts
    got = {(f.kind, str(f.metric), Decimal(str(f.value)).normalize()) for f in facts if f.subject.label == "Vantro"}
    assert ("market_share", "market-share", Decimal(31)) in got
    assert ("market_share", "market-share", Decimal(38)) not in got
    assert ("metric", "debt-ratio", Decimal(38)) in got


# --- technology tokens: a name like "5G" opens a measure's name; a resolution like "4K" is no figure
def test_a_technology_token_opens_a_minted_measure():
    assert measures("5G users were 61.8 million at the end of the quarter.") == {M("5g-users", "61800000")}


@pytest.mark.parametrize("text,values", [
    ("Its 4K TV shipments were 1.2 million units in the quarter.", {Decimal(1200000)}),
    ("It shipped 8K units of the new dock in the quarter.", {Decimal(8000)}),
])
def test_a_display_resolution_is_no_figure(text, values):
    assert {v for _, _, _, v in measures(text)} == values


def test_a_count_of_places_is_named_by_its_own_noun():
    got = measures("The company sells its products in more than 70 countries and employs about 3,400 people.")
    assert M("countries", "70", kind="count") in got
    assert M("number-of-employees", "3400") in got


def test_places_counted_in_a_league_table_clause_are_no_count():
    got = measures("Halden ranked among the top five vendors in 40 countries and regions.")
    assert not any(v == 40 for _, _, _, v in got)
