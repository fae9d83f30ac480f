"""A figure's measure comes from its own clause, not a neighbouring one (graph/extract/clausebinding.py, the
footnote marks of matcher.py, the shared verb of frames.py): invented sentences of an invented issuer, each with
the fact it must give and the wrong fact it must not."""
from __future__ import annotations

from decimal import Decimal

from marketgraph.graph.extract.pipeline import extract_document
from test_extract_frames import GAZ, doc_for, facts_of


def _rows(text: str) -> set[tuple[str, Decimal]]:
    return {(f.metric or "", Decimal(str(f.value))) for f in facts_of(text)}


def test_footnote_digit_glued_to_a_measure_is_no_part_of_its_name():
    rows = _rows("Adjusted EBITDA2 was $41 million, and net loss narrowed to $9 million.")
    assert ("adjusted-ebitda", Decimal("41000000")) in rows
    assert ("net-loss", Decimal("9000000")) in rows
    facts = facts_of("Adjusted EBITDA2 was $41 million, and net loss narrowed to $9 million.")
    assert all(f.subject.key == "halden-micro-systems" for f in facts)     # no segment "Adjusted EBITDA2"


def test_a_superscript_mark_reads_the_same():
    assert ("arpu", Decimal("7.15")) in _rows("ARPU³ was $7.15 in the quarter.")


def test_a_digit_that_is_part_of_a_word_or_number_is_no_footnote():
    # "EBITDA25" is no measure with a mark (two digits); nothing of EBITDA is read from it
    assert not any(m == "ebitda" for m, _ in _rows("The EBITDA25 programme cost $4 million."))


def test_a_measure_after_another_figure_is_that_figures_noun():
    rows = _rows("The Vessa platform had 88 million connected devices and 21 million monthly active users.")
    assert ("monthly-active-users", Decimal("21000000")) in rows
    assert ("connected-devices", Decimal("21000000")) not in rows


def test_a_figure_with_its_own_unknown_noun_does_not_take_the_neighbours_measure():
    rows = _rows("The Vessa platform had 88 million connected devices and 21 million paying members.")
    assert ("connected-devices", Decimal("88000000")) in rows
    assert ("connected-devices", Decimal("21000000")) not in rows


def test_a_component_of_a_figure_is_not_another_value_of_its_measure():
    rows = _rows("Net loss was $12 million, which includes $30 million of stock-based compensation.")
    assert ("net-loss", Decimal("12000000")) in rows
    assert ("net-loss", Decimal("30000000")) not in rows
    rows = _rows("Capital expenditure is budgeted at about $40 million, of which $15 million falls in 2024.")
    assert ("capital-expenditure", Decimal("15000000")) not in rows


def test_counts_coordinated_after_one_verb_share_its_measure():
    facts = facts_of("We shipped 2.1 million tablets and 3.4 million smartwatches in the quarter.")
    by_value = {Decimal(str(f.value)): f for f in facts}
    assert by_value[Decimal("2100000")].metric == "shipments"
    assert by_value[Decimal("3400000")].metric == "smartwatch-shipments"    # not a measure "smartwatches"


def test_a_count_after_and_with_another_verb_keeps_its_own_reading():
    facts = facts_of("We sold 2.1 million phones and opened 300 stores.")
    assert not any(f.metric in ("sales-volume", "shipments") and Decimal(str(f.value)) == 300 for f in facts)


def _by_value(text: str) -> dict[Decimal, list]:
    out: dict[Decimal, list] = {}
    for f in facts_of(text):
        out.setdefault(Decimal(str(f.value)), []).append(f)
    return out


def test_a_fronted_period_is_no_item_of_a_respectively_list():
    got = _by_value("In the third quarter, camera lenses, drone gimbals and other products contributed 61%, 27% and 12% of "
                    "revenue, respectively.")
    assert [f.subject.label for f in got[Decimal("61")]] == ["camera lenses"]
    assert [f.subject.label for f in got[Decimal("12")]] == ["other products"]


def test_an_unaligned_respectively_list_publishes_no_figure_for_one_subject():
    # four names for three figures, with no section heading to say which two are one: no reading says whose
    got = _by_value("Sales of lenses, gimbals and mounts and straps were $61 million, $27 million and $12 million, "
                    "respectively.")
    assert not any(Decimal(v) in got for v in ("61000000", "27000000", "12000000"))


def test_an_item_with_and_in_its_name_is_told_by_the_documents_heading():
    text = ("Revenue from lenses, gimbals and mounts and cloud services was $61 million, $27 million and $12 million "
            "respectively, representing year-on-year increases of 5.1%, 9.4% and 22.0%.\n\nGimbals and mounts\n\n"
            "Our gimbal range sold well.")
    got = _by_value(text)
    assert [(f.subject.label, f.metric) for f in got[Decimal("27000000")]] == [("gimbals and mounts", "revenue")]
    assert [(f.subject.label, f.metric) for f in got[Decimal("22.0")]] == [("cloud services", "revenue")]


def test_market_totals_listed_respectively_take_their_own_place():
    text = ("The European market for e-scooters grew in 2022. Spain and Portugal, at 0.52 million units and 0.17 million "
            "units respectively, both grew.")
    facts = facts_of(text, genre="research_note", issuer=None)
    markets = {Decimal(str(f.value)): f.market.label for f in facts if f.market is not None}
    assert markets.get(Decimal("520000")) == "Spain"
    assert markets.get(Decimal("170000")) == "Portugal"


def _shares(text: str) -> set[tuple[str, Decimal, str]]:
    return {(f.subject.label, Decimal(str(f.value)), f.period.label if f.period else "")
            for f in extract_document(doc_for(text, genre="research_note", issuer=None), text, GAZ).facts
            if f.kind == "market_share"}


def test_bracketed_figures_in_a_list_are_the_period_its_lead_in_names():
    got = _shares("Global e-reader shipments\n\nLeading vendors by unit share, Q3 2023 (Q3 2022 in brackets): "
                  "Ostrava 31% (29%), Bellmont 18% (21%), Quayle 9% (7%).\n")
    assert ("Bellmont", Decimal("18"), "2023-Q3") in got
    assert ("Bellmont", Decimal("21"), "2022-Q3") in got
    assert ("Bellmont", Decimal("21"), "2023-Q3") not in got


def test_without_a_note_on_the_brackets_no_bracketed_figure_is_dated():
    got = _shares("Global e-reader shipments\n\nLeading vendors by unit share, Q3 2023: "
                  "Ostrava 31% (29%), Bellmont 18% (21%), Quayle 9% (7%).\n")
    assert not any(v == Decimal("21") for _, v, _ in got)


def test_scaled_figures_before_a_count_with_bracketed_shares_count_the_same_thing():
    text = ("Worldwide PC shipments fell in the fourth quarter. Aurex, Belwin and Corso placed fourth, fifth and "
            "sixth, with 6.4 million (9.8%), 4.5 million (6.9%) and 4.1 million units (6.3%) respectively.")
    facts = extract_document(doc_for(text, genre="research_note", issuer=None), text, GAZ).facts
    got = {(f.subject.label, f.metric, Decimal(str(f.value))) for f in facts if f.kind == "metric"}
    assert ("Belwin", "shipments", Decimal("4500000")) in got
    assert ("Aurex", "shipments", Decimal("6400000")) in got
