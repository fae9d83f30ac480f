"""Accounting basis and modality words (issue 8, class 6): sentences written for these tests, invented companies and
figures. The basis is a qualifier of the measure, never a word kept in its name; a basis declared once holds for
the figures after it; a reported figure of a measure carried in with another basis is the reported measure's.

The document is a results release of "Halden Micro Systems, Inc." on the third quarter of 2023, dated 2023-11-02.
"""
from __future__ import annotations

from test_extract_frames import facts_of


def table(facts):
    return sorted((f.metric, str(f.value), f.period.label if f.period else None, f.qualifier("accounting"),
                   f.qualifier("modality")) for f in facts if f.kind in ("metric", "change"))


def one(facts, value):
    got = [f for f in facts if str(f.value) == value]
    assert len(got) == 1, table(facts)
    return got[0]


# --- basis words ----------------------------------------------------------------------------------------------

def test_comparable_before_a_profit_measure_is_the_adjusted_basis_not_a_new_measure():
    facts = facts_of("Comparable EBITA was EUR 31.7 million in the quarter.")
    f = one(facts, "31700000")
    assert (f.metric, f.qualifier("accounting")) == ("ebita", "adjusted")


def test_comparable_before_a_period_states_no_basis():
    facts = facts_of("EBITA rose to EUR 31.7 million from EUR 28.2 million in the comparable quarter of 2022.")
    assert all(f.qualifier("accounting") is None for f in facts), table(facts)


def test_comparable_exchange_rates_before_a_change_are_constant_currency():
    facts = facts_of("Net sales fell by 4% to EUR 310.5 million; at comparable exchange rates, net sales fell by 2%.")
    bases = {str(f.value): f.qualifier("accounting") for f in facts if f.kind == "change"}
    assert bases == {"-4": None, "-2": "constant currency"}


def test_a_basis_word_right_after_the_figure_is_its_own():
    facts = facts_of("Diluted EPS was $0.92 on a GAAP basis and $1.18 non-GAAP, against $1.04 non-GAAP in the "
                     "year-ago quarter.")
    assert {str(f.value): f.qualifier("accounting") for f in facts if f.metric and "eps" in f.metric} == \
        {"0.92": "GAAP", "1.18": "adjusted", "1.04": "adjusted"}


def test_a_basis_word_after_the_figure_that_opens_another_measure_is_not_the_figures():
    facts = facts_of("Revenue was $412 million and adjusted EBITDA was $61 million.")
    assert one(facts, "412000000").qualifier("accounting") is None


def test_a_margin_of_an_adjusted_profit_keeps_the_basis():
    facts = facts_of("Adjusted EBITDA was $58.2 million, a margin of 13.1%.")
    f = one(facts, "13.1")
    assert (f.metric, f.qualifier("accounting")) == ("ebitda-margin", "adjusted")


def test_a_reported_basis_of_a_carried_adjusted_measure_is_the_reported_measure():
    facts = facts_of("Non-GAAP operating income was $207 million; on a GAAP basis it was $166 million.")
    f = one(facts, "166000000")
    assert (f.metric, f.qualifier("accounting")) == ("operating-profit", "GAAP")
    g = one(facts, "207000000")
    assert g.qualifier("accounting") == "adjusted"


# --- a basis declared once --------------------------------------------------------------------------------------

def test_a_declaration_for_margins_holds_for_the_margins_after_it():
    text = ("Unless noted, comparisons are year over year and margins are non-GAAP. Revenue was $512 million. "
            "Gross margin was 44.2%. On a GAAP basis, operating margin was 9.1%.")
    facts = facts_of(text)
    assert one(facts, "44.2").qualifier("accounting") == "adjusted"
    assert one(facts, "9.1").qualifier("accounting") == "GAAP"        # the clause's own basis wins
    assert one(facts, "512000000").qualifier("accounting") is None     # revenue is no margin


def test_a_declaration_holds_only_after_it_is_stated():
    text = "Gross margin was 44.2%. All margins below are non-GAAP. Operating margin was 12.5%."
    facts = facts_of(text)
    assert one(facts, "44.2").qualifier("accounting") is None
    assert one(facts, "12.5").qualifier("accounting") == "adjusted"


def test_some_figures_being_non_gaap_declares_nothing():
    text = "Several figures are non-GAAP; reconciliations are on our website. Gross margin was 44.2%."
    assert one(facts_of(text), "44.2").qualifier("accounting") is None


def test_a_declaration_for_all_figures_covers_profits_but_not_revenue():
    text = ("All figures in this release are on an adjusted basis unless otherwise stated. Revenue was $512 "
            "million and operating profit was $64 million.")
    facts = facts_of(text)
    assert one(facts, "64000000").qualifier("accounting") == "adjusted"
    assert one(facts, "512000000").qualifier("accounting") is None
