"""A market's own figure named by its noun phrase (graph/extract/marketclauses.py, framefill.py): the market is the
subject (a market entity with its geography and product category), the measure its size unless the verb or the note
names another; a company's figure in the same text stays the company's. Invented sentences, exact facts."""
from __future__ import annotations

from datetime import date
from typing import Optional

from marketgraph.graph.extract.pipeline import extract_document
from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.records import Document, EntityRef, Fact, Period

GAZ = load_gazetteer(ProjectPaths.default().gazetteer)
TOVIK = EntityRef("tovik-audio", "organisation", "Tovik Audio AB", ("Company",))
Q2 = Period("2023-Q2", "quarter", date(2023, 4, 1), date(2023, 6, 30))
FY = Period("2023", "year", date(2023, 1, 1), date(2023, 12, 31))


def facts_of(text: str, *, genre: str = "shareholder_letter", period: Optional[Period] = FY,
             role: Optional[str] = None) -> list[Fact]:
    text = "Letter to shareholders\n\n" + text
    doc = Document(doc_id="t", source_file="t.txt", start=0, end=len(text), title="t", genre=genre,  # type: ignore[arg-type]
                   date="2024-03-14", issuer=TOVIK, period=period, role=role)  # type: ignore[arg-type]
    return extract_document(doc, text, GAZ, only=["measures"]).facts


def rows(facts: list[Fact]) -> set[tuple]:
    """(kind, subject kind, subject label, metric, value, unit, period, market, modality) of every measured fact."""
    return {(f.kind, f.subject.kind, f.subject.label, f.metric, str(f.value), f.unit,
             f.period.label if f.period else None, f.market.key if f.market else None,
             dict(f.qualifiers).get("modality")) for f in facts if f.kind in ("metric", "change", "market_share")}


def test_a_market_named_by_its_phrase_contracting_is_the_markets_size_change_in_its_geography():
    got = rows(facts_of("We estimate that the Nordic market for premium turntables contracted by around 12 per "
                        "cent in the second quarter of 2023.", period=Q2))
    assert got == {("change", "market", "Nordics premium turntables market", "market-size", "-12", "percent",
                    "2023-Q2", "nordics", "estimate")}, got


def test_a_worldwide_market_shrinking_to_a_volume_gives_the_change_and_the_level():
    got = rows(facts_of("The worldwide market for action cameras shrank by 7% to about 8.4 million units in "
                        "calendar 2023."))
    assert got == {("change", "market", "World action cameras market", "market-size", "-7", "percent", "2023",
                    "world", None),
                   ("metric", "market", "World action cameras market", "market-size", "8400000", "units", "2023",
                    "world", None)}, got


def test_an_estimate_of_a_market_at_a_value_is_the_markets_size():
    got = rows(facts_of("We estimate the global market for marine radar at around USD 2.3 billion in 2023."))
    assert got == {("metric", "market", "World marine radar market", "market-size", "2300000000", "USD", "2023",
                    "world", "estimate")}, got


def test_a_places_possessive_market_estimated_at_a_volume_and_a_company_share_in_it():
    got = rows(facts_of("Brazil's dishwasher market is estimated at about 2.2 million units in 2023. On that "
                        "basis our share of the dishwasher market was 14%."))
    assert ("metric", "market", "Brazil dishwasher market", "market-size", "2200000", "units", "2023", "brazil",
            "estimate") in got, got
    # the company's share is the company's, measured in the market the paragraph named
    assert ("metric", "organisation", "Tovik Audio AB", "market-share", "14", "percent", "2023", "brazil",
            None) in got, got
    assert len(got) == 2, got


def test_a_flat_market_in_the_paragraphs_market_and_a_market_without_one_abstains():
    got = rows(facts_of("Brazil's dishwasher market is estimated at about 2.2 million units in 2023. The "
                        "refrigerator market, by contrast, was flat at about 6.0 million units in 2023."))
    assert {("metric", "market", "Brazil refrigerator market", "market-size", "6000000", "units", "2023", "brazil",
             None),
            ("change", "market", "Brazil refrigerator market", "market-size", "0", "percent", "2023", "brazil",
             None)} <= got, got
    alone = rows(facts_of("The refrigerator market, by contrast, was flat at about 6.0 million units in 2023."))
    assert not any(r[1] == "market" for r in alone), alone     # no geography in the text: no market figure


def test_a_companys_figure_next_to_a_market_total_stays_the_companys():
    got = rows(facts_of("Net sales rose 8% to SEK 1,240 million in 2023, while we estimate that the European "
                        "market for premium turntables contracted by around 12 per cent."))
    assert ("change", "organisation", "Tovik Audio AB", "revenue", "8", "percent", "2023", None, None) in got, got
    assert ("metric", "organisation", "Tovik Audio AB", "revenue", "1240000000", "SEK", "2023", None, None) in got, got
    assert ("change", "market", "Europe premium turntables market", "market-size", "-12", "percent", "2023",
            "europe", "estimate") in got, got
    assert len(got) == 3, got


def test_revenue_from_a_market_and_a_share_of_a_market_are_the_companys_not_the_markets():
    got = rows(facts_of("Revenue from the Japanese market grew 9% in 2023. Our share of the Japanese turntable "
                        "market rose to 21% in 2023."))
    assert not any(r[1] == "market" for r in got), got
    assert ("change", "organisation", "Tovik Audio AB", "revenue", "9", "percent", "2023", "japan", None) in got, got


def test_a_market_whose_aside_names_a_company_is_not_read_as_the_markets_figure():
    got = rows(facts_of("The Spanish market, where Helion Speicher GmbH leads, grew 18% in 2023."))
    assert not any(r[1] == "market" for r in got), got


def test_a_market_installing_a_volume_in_a_unit_the_measure_cannot_count_is_nobodys():
    got = rows(facts_of("We estimate that Portugal's residential battery market installed about 0.6 in 2023."))
    # the market's verb names installations, which a bare number does not count: no fact, never the company's
    assert not any(r[3] == "installations" for r in got), got


def test_a_market_installing_energy_is_its_installations_and_the_change_after_it_is_the_markets_too():
    got = rows(facts_of("We estimate that Portugal's residential battery market installed about 0.6 GWh in 2023, "
                        "roughly 30% more than in 2022, and that our share of it was 12%."))
    assert ("metric", "market", "Portugal residential battery market", "installations", "0.6", "GWh", "2023",
            "portugal", "estimate") in got, got
    assert ("change", "market", "Portugal residential battery market", "installations", "30", "percent", "2023",
            "portugal", "estimate") in got, got
    # the company's share of it stays the company's
    assert ("metric", "organisation", "Tovik Audio AB", "market-share", "12", "percent", "2023", "portugal",
            "estimate") in got, got


NEWS_LEAD = ("Tovik Audio AB said on Tuesday that revenue in the second quarter rose 6% to SEK 812 million.\n\n")


def test_in_anothers_text_a_market_measure_after_a_market_total_is_the_total_of_the_market_the_clause_names():
    facts = facts_of(NEWS_LEAD + "The wider industry is recovering. Worldwide speaker shipments grew 2% to 41.5 "
                     "million units in the second quarter of 2023, according to Brightline Research. In Japan, "
                     "shipments rose 5% to 3.1 million.", genre="news", role="third_party", period=Q2)
    got = rows(facts)
    assert {("change", "market", "Japan market", "shipments", "5", "percent", "2023-Q2", "japan", None),
            ("metric", "market", "Japan market", "shipments", "3100000", "units", "2023-Q2", "japan", None)} <= got, got
    assert not any(r[2] == "Tovik Audio AB" and r[3] == "shipments" for r in got), got
    # the company's own revenue in the lead stays the company's, in no market
    assert ("change", "organisation", "Tovik Audio AB", "revenue", "6", "percent", "2023-Q2", None, None) in got, got


def test_in_the_companys_own_release_its_shipments_after_a_market_total_stay_its_own():
    got = rows(facts_of("Worldwide speaker shipments grew 2% to 41.5 million units in the second quarter of 2023, "
                        "according to Brightline Research. In Japan, shipments rose 5% to 3.1 million.",
                        genre="results_release", period=Q2))
    assert not any(r[1] == "market" and r[7] == "japan" for r in got), got


# the letter is dated 2024-03-14: the half it reports is over (a half still under way states no result)
H1 = Period("2023-H1", "half", date(2023, 1, 1), date(2023, 6, 30))


def test_in_a_companys_letter_a_sentence_citing_industry_data_states_the_markets_figures_not_the_companys():
    got = rows(facts_of("According to industry data, European turntable sales fell by 12% in the first half; in "
                        "the Netherlands the decline was 20%. Our European sales rose 5% to EUR 31 million in the "
                        "first half.", period=H1))
    assert ("change", "market", "Europe market", "revenue", "-12", "percent", "2023-H1", "europe", None) in got, got
    assert ("change", "market", "Netherlands market", "revenue", "-20", "percent", "2023-H1", "netherlands",
            None) in got, got
    # the company's own European sales stay the company's, in Europe
    assert ("change", "organisation", "Tovik Audio AB", "revenue", "5", "percent", "2023-H1", "europe", None) in got, got
    assert not any(r[2] == "Tovik Audio AB" and r[4] in ("-12", "-20") for r in got), got


def test_without_a_citation_a_regions_sales_in_a_companys_letter_are_the_companys():
    got = rows(facts_of("European sales fell by 12% in the first half.", period=H1))
    assert got == {("change", "organisation", "Tovik Audio AB", "revenue", "-12", "percent", "2023-H1", "europe",
                    None)}, got


def test_a_sentence_reporting_market_data_gives_the_market_its_rate_in_the_place_it_named():
    got = rows(facts_of("On the market, Brightline data show that Japan's sales of wireless turntables grew "
                        "strongly in the first half, and the penetration rate reached 12.5%. Our penetration rate "
                        "among existing customers reached 40%.", period=H1))
    assert ("metric", "market", "Japan market", "penetration-rate", "12.5", "percent", "2023-H1", "japan",
            None) in got, got
    assert not any(r[1] == "market" and r[4] == "40" for r in got), got
