"""Research-firm press releases and business news in the shapes real ones are written in (a dateline opening the
market total, "retained the top spot", "came in second", "a distant third", "rounded out the top five", multiples,
new metric names, market subjects). Invented firms, vendors and figures; exact subject/metric/value/period asserted,
and the wrong readings asserted absent."""
from __future__ import annotations

from datetime import date
from typing import Optional

from marketgraph.graph.extract.pipeline import extract_document
from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.records import Document, EntityRef, Fact, Period

GAZ = load_gazetteer(ProjectPaths.default().gazetteer)
CORVANE = EntityRef("corvane", "organisation", "Corvane Inc.", ("Company",))
Q3 = Period("2024-Q3", "quarter", date(2024, 7, 1), date(2024, 9, 30))


def facts_of(text: str, *, genre: str = "news", issuer: Optional[EntityRef] = None,
             period: Optional[Period] = None, role: str = "third_party") -> list[Fact]:
    doc = Document(doc_id="t", source_file="t.txt", start=0, end=len(text), title="t", genre=genre,  # type: ignore[arg-type]
                   date="2024-10-21", issuer=issuer, period=period, role=role)  # type: ignore[arg-type]
    return extract_document(doc, text, GAZ).facts


def rows(facts: list[Fact]) -> set[tuple]:
    """(kind, subject label, metric, value, unit, period) of every numeric fact."""
    return {(f.kind, f.subject.label, f.metric, str(f.value), f.unit, f.period.label if f.period else None)
            for f in facts if f.kind in ("metric", "change", "market_share", "ranking", "count")}


NOTE = ("Global tablet shipments rise 3.1% in Q3 2024, says Halvard Research\n\n"
        "LONDON, October 21, 2024 -- Worldwide tablet shipments grew 3.1% year over year to 36.4 million units in "
        "the third quarter of 2024, according to preliminary data from Halvard Research.\n\n"
        "Marquon retained the top spot with 12.8 million units, down 2.0% from a year earlier. Tessaro came in "
        "second, shipping 6.1 million units, up 9.4%. Vellum was a distant third with 3.3 million units. Ostrava "
        "climbed to fourth place, while Kelbrook rounded out the top five with 1.9 million units.\n")


TABLET_LEAD = ("Tablet market report\n\nWorldwide tablet shipments grew 3.1% year over year to 36.4 million units in "
               "the third quarter of 2024, according to Halvard Research.\n\n")


def tablet_note_rows(body: str) -> set[tuple]:
    """The rows of a note on tablets: its market total, then ``body``."""
    return rows(facts_of(TABLET_LEAD + body))


def test_vendor_sentences_give_each_vendor_its_place_in_the_quarter():
    got = rows(facts_of(NOTE))
    for vendor, place in (("Marquon", "1"), ("Tessaro", "2"), ("Vellum", "3"), ("Ostrava", "4"),
                          ("Kelbrook", "5")):
        assert ("ranking", vendor, "shipments", place, None, "2024-Q3") in got, (vendor, got)


def test_one_vendor_rounding_out_the_top_five_is_fifth_and_its_units_are_its_own():
    facts = facts_of(NOTE)
    got = rows(facts)
    assert ("metric", "Kelbrook", "shipments", "1900000", "units", "2024-Q3") in got, got
    # the vendor's units are not the market's
    assert not any(r[1] == "World tablets market" and r[3] == "1900000" for r in got), got
    fifth = [f for f in facts if f.kind == "ranking" and f.subject.label == "Kelbrook"]
    assert fifth and all(dict(f.qualifiers).get("rank_type") != "top" for f in fifth), fifth


def test_two_vendors_rounding_out_the_top_five_are_among_the_top_five_not_fifth():
    facts = facts_of("Tablet vendors in Q3 2024\n\nWorldwide tablet shipments grew 3.1% to 36.4 million units in the "
                     "third quarter of 2024. Ostrava and Kelbrook rounded out the top five.\n")
    ranked = [f for f in facts if f.kind == "ranking" and f.value == 5]
    assert all(dict(f.qualifiers).get("rank_type") == "top" for f in ranked), ranked


RELEASE = "Corvane reports third quarter 2024 results\n\n"


def release_rows(body: str) -> set[tuple]:
    return rows(facts_of(RELEASE + body + "\n", genre="results_release", issuer=CORVANE, period=Q3,
                         role="first_party"))


def test_a_multiple_of_an_earlier_level_is_a_change_by_that_factor_not_a_flat_change():
    got = release_rows("Backlog was $1.4 billion, 2.5x the level of a year ago.")
    assert ("change", "Corvane Inc.", "backlog", "150.0", "percent", "2024-Q3") in got, got
    assert not any(r[0] == "change" and r[3] == "0" for r in got), got      # "the level" is not "level" (flat)


def test_a_multiple_of_its_earlier_size_in_words():
    got = release_rows("Subscription revenue reached $96.0 million, nearly three times the figure of a year ago.")
    assert ("change", "Corvane Inc.", "subscription-revenue", "200", "percent", "2024-Q3") in got, got


def test_fourfold_as_an_adverb_and_as_an_adjective_is_a_change_of_300_percent():
    for body in ("Subscription revenue rose fourfold from a year earlier.",
                 "Subscription revenue posted a fourfold increase from a year earlier."):
        got = release_rows(body)
        assert ("change", "Corvane Inc.", "subscription-revenue", "300", "percent", "2024-Q3") in got, (body, got)


def test_a_multiple_without_a_verb_or_an_earlier_value_is_no_change():
    got = release_rows("Corvane's Halo sensor has 3x the range of its predecessor.")
    assert not any(r[0] == "change" for r in got), got


def test_net_adds_are_a_measure_of_their_own_and_a_measure_after_and_is_the_next_clauses():
    got = release_rows("Net adds were 310,000 and monthly churn was 1.8%.")
    assert ("metric", "Corvane Inc.", "net-additions", "310000", "users", "2024-Q3") in got, got
    # "monthly churn" is the scheme's narrower monthly-churn-rate (skos:broader churn-rate)
    assert ("metric", "Corvane Inc.", "monthly-churn-rate", "1.8", "percent", "2024-Q3") in got, got
    assert not any(r[2].endswith("churn-rate") and r[3] == "310000" for r in got), got
    # a measure the vocabulary does not know is not the next clause's either
    got = release_rows("Design wins were 40 and monthly churn was 1.8%.")
    assert not any(r[2].endswith("churn-rate") and r[3] == "40" for r in got), got


def test_twice_and_a_number_word_times_an_earlier_level_are_multiples():
    got = release_rows("Subscription revenue was twice the level of a year ago.")
    assert ("change", "Corvane Inc.", "subscription-revenue", "100", "percent", "2024-Q3") in got, got


def test_times_faster_and_times_a_year_are_no_change():
    for body in ("Subscription revenue grew three times faster than the market.",
                 "Subscription revenue grew 3x faster than the market.",
                 "The board reviews subscription revenue three times a year."):
        got = release_rows(body)
        assert not any(r[0] == "change" for r in got), (body, got)


def test_a_multiple_of_a_named_earlier_periods_level_is_compared_with_that_period_and_is_for_its_own():
    got = facts_of(RELEASE + "Subscription revenue should reach $400 million in fiscal 2027, nearly triple the 2023 "
                             "level.\n", genre="results_release", issuer=CORVANE, period=Q3, role="first_party")
    changes = [(f.metric, str(f.value), f.period.label if f.period else None, f.basis) for f in got
               if f.kind == "change"]
    assert changes == [("subscription-revenue", "200", "2027", "vs 2023")], changes


def test_level_after_a_verb_is_flat_and_a_level_noun_is_not():
    got = release_rows("Subscription revenue was level at $96.0 million.")
    assert ("change", "Corvane Inc.", "subscription-revenue", "0", "percent", "2024-Q3") in got, got
    got = release_rows("Subscription revenue reached $96.0 million, above the pre-pandemic level.")
    assert not any(r[0] == "change" for r in got), got


def test_a_kind_of_the_category_is_its_own_market_not_the_whole_categorys():
    got = tablet_note_rows("Detachable tablet shipments rose 12% to 4.1 million units. Shipments of 5G tablets more "
                           "than doubled.\n")
    assert ("metric", "World tablets market", "shipments", "36400000", "units", "2024-Q3") in got, got
    assert ("metric", "World Detachable tablets market", "shipments", "4100000", "units", "2024-Q3") in got, got
    assert ("change", "World Detachable tablets market", "shipments", "12", "percent", "2024-Q3") in got, got
    assert ("change", "World 5G tablets market", "shipments", "100", "percent", "2024-Q3") in got, got
    # no part's figure is the whole market's
    assert not any(r[1] == "World tablets market" and r[3] in ("4100000", "12", "100") for r in got), got


VENDORS = ("Smartwatch shipments in India, Q4 2023\n\nIndian smartwatch shipments fell 18% year on year to 11.0 million "
           "units in the fourth quarter of 2023, according to Halvard Research.\n\nNoisefit led the market with a "
           "24.1% share. Boltwave was second with 17.0%, and Tarang Audio third with 9.8%. Pulsebit fell to fourth. "
           "Kairo climbed to fifth place. Larkspur held the top spot in Sri Lanka.\n\nHarmonie was a close second "
           "in Sri Lanka.\n")


def test_unknown_vendors_take_their_places_in_words_after_place_verbs():
    got = rows(facts_of(VENDORS))
    for vendor, place in (("Noisefit", "1"), ("Boltwave", "2"), ("Tarang Audio", "3"), ("Pulsebit", "4"),
                          ("Kairo", "5"), ("Larkspur", "1"), ("Harmonie", "2")):
        assert ("ranking", vendor, "shipments", place, None, "2023-Q4") in got, (vendor, got)


def test_a_vendor_named_with_its_place_and_no_verb_takes_its_own_share():
    got = rows(facts_of(VENDORS))
    assert ("market_share", "Tarang Audio", "market-share", "9.8", "percent", "2023-Q4") in got, got
    assert ("market_share", "Boltwave", "market-share", "17.0", "percent", "2023-Q4") in got or \
        ("market_share", "Boltwave", "market-share", "17", "percent", "2023-Q4") in got, got
    assert not any(r[1] == "Boltwave" and r[3] == "9.8" for r in got), got


def test_an_analysts_outlook_for_the_market_is_the_markets_forecast_change():
    text = (TABLET_LEAD + "\"We expect the market to grow 2.5% in 2025 as "
            "the replacement cycle picks up,\" said Mira Falkenrath, senior analyst at Halvard Research. Halvard "
            "Research expects the market to decline by 1.2% in 2026.\n")
    facts = facts_of(text)
    got = {(f.subject.label, f.metric, str(f.value), f.period.label if f.period else None,
            dict(f.qualifiers).get("modality")) for f in facts if f.kind == "change"}
    assert ("World tablets market", "shipments", "2.5", "2025", "forecast") in got, got
    assert ("World tablets market", "shipments", "-1.2", "2026", "forecast") in got, got


def test_a_kind_of_product_taking_a_share_of_the_markets_shipments_is_that_kinds_share_in_the_market():
    text = ("Southeast Asia tablet shipments, Q3 2023\n\nTablet shipments in Southeast Asia fell 4.0% year on year to "
            "3.2 million units in the third quarter of 2023, according to Straits Device Analytics.\n\nAndroid tablets "
            "made up 71% of the quarter's shipments. Kelbrook accounted for 20% of shipments. Its education line made "
            "up 30% of its shipments.\n")
    got = rows(facts_of(text))
    assert ("metric", "Southeast Asia Android tablets market", "share-of-shipments", "71", "percent", "2023-Q3") \
        in got, got
    assert ("market_share", "Kelbrook", "market-share", "20", "percent", "2023-Q3") in got, got
    # a company's own part's share stays the company's, never the market's
    assert not any(r[1].endswith("market") and r[3] == "30" for r in got), got


def test_a_kind_after_then_is_no_kind_of_the_category():
    text = ("Wearables forecast\n\nWorldwide wearables shipments grew 3% to 100 million units in 2022. By then "
            "smartwatches shipments had grown 9%.\n")
    got = rows(facts_of(text))
    assert not any("then" in r[1].split() for r in got), got


def test_a_firm_expecting_the_market_to_reach_a_volume_gives_the_market_its_forecast_not_the_firm():
    text = ("Wearables forecast\n\nWorldwide wearables shipments grew 3% to 100 million units in 2022.\n\nHalvard "
            "expects the market to reach 140 million units in 2026, a CAGR of 3.2% for 2022-2026. By then "
            "smartwatches are forecast to make up 30.4% of all wearable shipments.\n")
    got = rows(facts_of(text))
    assert ("metric", "World wearables market", "shipments", "140000000", "units", "2026") in got, got
    assert not any(r[1] == "Halvard" for r in got), got
    # "By then": the end of the span named before, not the span
    assert ("metric", "World smartwatches market", "share-of-wearable-shipments", "30.4", "percent", "2026") in got, got


SONAR = ("Sonar market note\n\nWe estimate the global market for fishery sonar at around USD 1.1 billion in 2023. "
         "Brattvik holds about 22 per cent of it, second only to Kaiyo Denki of Japan, which we estimate at roughly "
         "30 per cent. Together, the two companies account for over half of all fishery sonar sold worldwide.\n")


def test_second_only_to_a_rival_gives_both_places_in_the_share_ranking_of_the_market():
    facts = facts_of(SONAR)
    got = {(f.subject.label, f.metric, str(f.value), f.market.key if f.market else None) for f in facts
           if f.kind == "ranking"}
    assert ("Brattvik", "market-share", "2", "world") in got, got
    assert ("Kaiyo Denki", "market-share", "1", "world") in got, got
    # "of Japan" is where the rival comes from, not the ranking's market
    assert not any(r[3] == "japan" for r in got), got


def test_the_two_companies_together_are_no_one_company():
    got = rows(facts_of(SONAR))
    assert not any(r[3] == "50" for r in got), got


def test_a_markets_units_a_year_are_its_unit_sales_not_its_size():
    text = ("Scooter market\n\n\"We expect the Japanese market for electric mopeds to reach 400,000 units a year by "
            "2026,\" said Aiko Tanabe, an analyst at Halvard Research.\n")
    got = rows(facts_of(text))
    assert ("metric", "Japan electric mopeds market", "sales-volume", "400000", "units", "2026") in got, got
    assert not any(r[2] == "market-size" for r in got), got


def test_a_place_climbed_from_is_the_vendors_place_a_year_earlier():
    text = ("Southeast Asia smartphones, Q3 2022\n\nSmartphone shipments in Southeast Asia fell 7% year on year to "
            "22.1 million units in the third quarter of 2022, according to Halvard Research.\n\nPantera climbed to "
            "third place from fifth. Oskin was the fourth-largest vendor with a 12% share, up from sixth place a year "
            "earlier.\n")
    got = rows(facts_of(text))
    assert ("ranking", "Pantera", "shipments", "3", None, "2022-Q3") in got, got
    assert ("ranking", "Pantera", "shipments", "5", None, "2021-Q3") in got, got
    assert ("ranking", "Oskin", "shipments", "6", None, "2021-Q3") in got, got
    assert not any(r[0] == "ranking" and r[3] in ("5", "6") and r[5] == "2022-Q3" for r in got), got


LEADERS = ("PC market, Q2 2024\n\nWorldwide PC shipments grew 3.0% year over year to 64.9 million units in the second "
           "quarter of 2024, according to Halvard Research.\n\nKirishima Computing still leads with 24.1% of shipments. "
           "Market leader Brenner took 22.0% in Europe. The leader, Vistaar Electronics, shipped 9.1 million units in "
           "India. Aurelo extended its lead in Japan with 8.2 million units. Orvane, the former market leader, shipped "
           "2.0 million units.\n")


def test_a_leader_named_by_the_noun_leader_or_by_extending_its_lead_is_first():
    got = rows(facts_of(LEADERS))
    for vendor in ("Kirishima Computing", "Brenner", "Vistaar Electronics", "Aurelo"):
        assert ("ranking", vendor, "shipments", "1", None, "2024-Q2") in got, (vendor, got)
    assert not any(r[0] == "ranking" and r[1] == "Orvane" for r in got), got     # "the former market leader"


def test_the_figure_after_an_apposition_to_the_leader_is_the_named_leaders_not_the_vendor_before():
    got = rows(facts_of(LEADERS))
    assert ("metric", "Vistaar Electronics", "shipments", "9100000", "units", "2024-Q2") in got, got
    assert not any(r[1] == "Kirishima Computing" and r[3] == "9100000" for r in got), got


def test_entering_the_top_five_is_among_the_top_five_and_dropping_out_of_it_is_no_place():
    text = ("Wearables, Q3 2022\n\nWorldwide wearables shipments fell 3% to 141 million units in the third quarter of "
            "2022.\n\nKelbrook shipped 2.0 million units. Talon Audio entered the top five for the first time, while "
            "Kelbrook dropped out of the top five. Vexa remained just outside the top five.\n")
    facts = [f for f in facts_of(text) if f.kind == "ranking"]
    got = {(f.subject.label, str(f.value), dict(f.qualifiers).get("rank_type")) for f in facts}
    assert got == {("Talon Audio", "5", "top")}, got


def test_a_category_other_than_the_notes_is_its_own_market():
    got = tablet_note_rows("Shipments of smart speakers in China totaled 22 million units in 2021, up 9.2% year on "
                           "year.\n")
    assert ("metric", "Mainland China smart speakers market", "shipments", "22000000", "units", "2021") in got, got
    assert ("change", "Mainland China smart speakers market", "shipments", "9.2", "percent", "2021") in got, got


def test_a_segment_named_before_an_aside_takes_its_share_and_the_whole_market_does_not():
    # (in the paragraph of the market total, whose quarter it shares)
    got = rows(facts_of(BASE_PHONES.rstrip() + " The mid-range segment, devices priced between $300 and $600, "
                                               "accounted for 24% of shipments.\n"))
    assert ("metric", "World mid-range smartphones market", "share-of-shipments", "24", "percent", "2024-Q3") in got, got
    assert not any(r[1] == "World smartphones market" and r[3] == "24" for r in got), got


BASE_PHONES = "Phone note\n\nGlobal smartphone shipments rose 3% in Q3 2024 to 48.2 million units.\n\n"


def test_elliptic_places_and_absolute_clauses_name_their_own_vendor():
    got = rows(facts_of(BASE_PHONES + "Norvik led with 31%, with Haneul a distant second at 14%. Strider was third "
                                      "and Qinda a distant fourth. Mirae Wear held on to fifth place.\n"))
    for vendor, place in (("Norvik", "1"), ("Haneul", "2"), ("Strider", "3"), ("Qinda", "4"), ("Mirae Wear", "5")):
        assert ("ranking", vendor, "shipments", place, None, "2024-Q3") in got, (vendor, got)
    assert ("market_share", "Haneul", "market-share", "14", "percent", "2024-Q3") in got, got
    assert not any(r[1] == "Norvik" and r[3] in ("14", "2") for r in got), got
    assert not any(r[1] == "Strider" and r[3] == "4" for r in got), got


def test_a_name_ending_in_ing_before_its_place_is_a_vendor_and_a_gerund_is_not():
    got = rows(facts_of(BASE_PHONES + "Kitewing climbed to third place. Marketing rose 4% in the quarter.\n"))
    assert ("ranking", "Kitewing", "shipments", "3", None, "2024-Q3") in got, got
    assert not any(r[1] == "Marketing" for r in got), got


def test_a_vendor_whose_name_has_labs_in_it_is_a_vendor_not_a_research_firm():
    got = rows(facts_of(BASE_PHONES + "Lyra Labs climbed to fourth thanks to its kids' watches.\n"))
    assert ("ranking", "Lyra Labs", "shipments", "4", None, "2024-Q3") in got, got


def test_a_rival_displaced_in_a_relative_clause_takes_its_own_lower_place():
    got = rows(facts_of(BASE_PHONES + "Kitewing climbed to third place, displacing Pavo, which slipped to fourth after "
                                      "it cut its marketing budget.\n"))
    assert ("ranking", "Kitewing", "shipments", "3", None, "2024-Q3") in got, got
    assert ("ranking", "Pavo", "shipments", "4", None, "2024-Q3") in got, got
    assert not any(r[1] == "Kitewing" and r[3] == "4" for r in got), got
