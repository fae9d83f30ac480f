"""The quantity grammar: currencies before/after, glued/spaced, scales, percent, pp, counts, transcript noise."""
from decimal import Decimal

import pytest

from marketgraph.graph.extract.patterns import load_patterns
from marketgraph.graph.extract.quantities import QuantityGrammar
from marketgraph.graph.paths import ProjectPaths


@pytest.fixture(scope="module")
def grammar() -> QuantityGrammar:
    return QuantityGrammar(load_patterns(ProjectPaths.default().mappings / "patterns"))


@pytest.mark.parametrize("text,value,unit", [
    ("RMB53.7 billion", "53700000000", "CNY"),
    ("RMB 103.2 billion", "103200000000", "CNY"),
    ("CNY 4.5 billion", "4500000000", "CNY"),
    ("US$1 million", "1000000", "USD"),
    ("$11.0 billion", "11000000000", "USD"),
    ("72.2 billion yuan", "72200000000", "CNY"),
    ("9.38 trillion won", "9380000000000", "KRW"),
    ("KRW 29.21 trillion", "29210000000000", "KRW"),
    ("₹69,999", "69999", "INR"),
    ("EUR 300", "300", "EUR"),
    ("EUR300", "300", "EUR"),
    ("HK$27.6", "27.6", "HKD"),
    ("RMB128.4billion", "128400000000", "CNY"),
    ("13.5%", "13.5", "percent"),
    ("26 percent", "26", "percent"),
    ("2.6 percentage points", "2.6", "pp"),
    ("28.3 million units", "28300000", "units"),
    ("78.4 million users", "78400000", "users"),
    ("20 upstream supply chain companies", "20", "companies"),
    ("23,400 employees", "23400", "employees"),
    ("Rs 10,999", "10999", "INR"),
    ("Rmb3.2bn", "3200000000", "CNY"),
    ("R$ 2.1 billion", "2100000000", "BRL"),
    ("$3.1B", "3100000000", "USD"),
    ("120 basis points", "1.2", "pp"),
])
def test_one_quantity(grammar, text, value, unit):
    qs = grammar.find(text)
    assert len(qs) == 1, qs
    q = qs[0]
    assert (q.value, q.unit) == (Decimal(value), unit)
    assert text[q.start:q.end] == text


def test_sic_correction_keeps_the_spoken_value(grammar):
    text = "our global MIUI MAU increased by 23% to 243.5 million (sic) [ 343.5 million ] while"
    qs = grammar.find(text)
    assert [q.value for q in qs] == [Decimal(23), Decimal(343500000)]
    assert qs[1].spoken == "243.5 million"


def test_sic_with_a_false_start_and_a_unit_after_the_bracket(grammar):
    qs = grammar.find("grew by 11 -- 16% (sic) [ 116% ] year-over-year")
    assert [(q.value, q.unit, q.spoken) for q in qs] == [(Decimal(116), "percent", "11 -- 16%")]
    qs = grammar.find("increased from 85 days to 11, 12 (sic) [ 112 ] days.")
    assert [(q.value, q.unit) for q in qs] == [(Decimal(85), "days"), (Decimal(112), "days")]


def test_false_start_yields_the_corrected_figure(grammar):
    qs = grammar.find("gross margin of our smartphone was 17 -- 7.2%, which is")
    assert [(q.value, q.unit) for q in qs] == [(Decimal("7.2"), "percent")]


def test_years_model_numbers_and_ordinals_are_not_quantities(grammar):
    assert grammar.find("In 2019 the 5G phone ranked 4th in Q2") == []


def test_fraction_words(grammar):
    qs = grammar.find("contributed nearly half of our revenue")
    assert [(q.value, q.unit) for q in qs] == [(Decimal(50), "percent")]


def test_thousands_in_the_year_range_are_not_years(grammar):
    qs = grammar.find("Xiaomi has more than 2,000 SKUs")
    assert [(q.value, q.unit) for q in qs] == [(Decimal(2000), "SKUs")]


def test_a_unit_noun_after_a_modifier_with_digits(grammar):
    """"over ten 5G devices", "8 million 5G smartphones": a modifier such as 5G stands between a number and its noun."""
    for text, value, unit in [("the plan of marketing over ten 5G devices in 2020", 10, "devices"),
                              ("we sold 8 million 5G smartphones", 8000000, "units")]:
        qs = [q for q in grammar.find(text) if q.kind == "count"]
        assert [(q.value, q.unit) for q in qs] == [(value, unit)]
