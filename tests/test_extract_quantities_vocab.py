"""Every currency, scale, marker and count noun of mappings/patterns/quantities.yaml, read by the quantity grammar in
sentences of our own: currencies before the number (glued and spaced) and after it (with and without a scale),
scales glued and spaced, percent / point / basis-point / multiple markers, count nouns, number and fraction words;
and the forms the vocabulary leaves out on purpose, which must stay unread."""
from __future__ import annotations

from decimal import Decimal

import pytest
import yaml

from marketgraph.graph.extract.patterns import load_patterns
from marketgraph.graph.extract.quantities import Quantity, QuantityGrammar
from marketgraph.graph.paths import ProjectPaths

PATTERNS = ProjectPaths.default().mappings / "patterns"
VOCAB = yaml.safe_load((PATTERNS / "quantities.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def grammar() -> QuantityGrammar:
    return QuantityGrammar(load_patterns(PATTERNS))


def _only(grammar: QuantityGrammar, text: str, written: str) -> Quantity:
    """The one quantity of ``text``; it spans exactly ``written``."""
    qs = grammar.find(text)
    assert len(qs) == 1, [(text[q.start:q.end], q.kind, q.unit) for q in qs]
    q = qs[0]
    assert text[q.start:q.end] == written, (text[q.start:q.end], written)
    return q


# ---------------------------------------------------------------------------------------------- currencies

@pytest.mark.parametrize("marker,code", sorted(VOCAB["currency_prefixes"].items()))
@pytest.mark.parametrize("gap", ["", " "])
def test_every_currency_before_the_number(grammar, marker, code, gap):
    written = f"{marker}{gap}12.5 billion"
    q = _only(grammar, f"Group revenue rose to {written} in the quarter.", written)
    assert (q.kind, q.unit, q.value) == ("money", code, Decimal("12500000000"))


@pytest.mark.parametrize("marker,spec", sorted(VOCAB["currency_scaled_prefixes"].items()))
def test_every_currency_marker_with_its_scale(grammar, marker, spec):
    code, scale = spec
    written = f"{marker} 7,482"
    q = _only(grammar, f"Net sales rose to {written} in the year.", written)
    assert (q.kind, q.unit, q.value) == ("money", code, Decimal(7482) * scale)
    written = f"{marker} 1.2 billion"        # a scale word after the number wins
    q = _only(grammar, f"Net sales rose to {written} in the year.", written)
    assert (q.kind, q.unit, q.value) == ("money", code, Decimal("1200000000"))


def test_a_lower_case_or_glued_word_is_no_scaled_currency(grammar):
    assert all(q.unit != "SEK" for q in grammar.find("The msek 40 line and the MSEKX 12 ran."))


@pytest.mark.parametrize("word,code", sorted(VOCAB["currency_suffixes"].items()))
def test_every_currency_after_the_number(grammar, word, code):
    written = f"4.75 million {word}"
    q = _only(grammar, f"The order was worth {written}, the company said.", written)
    assert (q.kind, q.unit, q.value) == ("money", code, Decimal("4750000"))
    written = f"380 {word}"
    q = _only(grammar, f"A basic plan costs {written} a month.", written)
    assert (q.kind, q.unit, q.value) == ("money", code, Decimal("380"))


@pytest.mark.parametrize("word,code", sorted(VOCAB["currency_subunit_suffixes"].items()))
def test_every_currency_subunit_after_the_number(grammar, word, code):
    written = f"94 {word}"
    q = _only(grammar, f"Analysts had expected earnings of {written} a share.", written)
    assert (q.kind, q.unit, q.value) == ("money", code, Decimal("0.94"))
    # "percent" is no cent, and a currency before the number keeps its value
    assert [(x.kind, x.value) for x in grammar.find("The stake is 5 percent.")] == [("percent", Decimal("5"))]


@pytest.mark.parametrize("text,written,value,code", [
    ("Net sales were SEK 1.2bn, up from a year earlier.", "SEK 1.2bn", "1200000000", "SEK"),
    ("Operating profit came in at NOK840m.", "NOK840m", "840000000", "NOK"),
    ("Revenue grew to 2.4 billion kronor.", "2.4 billion kronor", "2400000000", "SEK"),
    ("The board proposes DKK 4.50 per share.", "DKK 4.50", "4.5", "DKK"),
    ("The model sells for NT$32,900 in Taipei.", "NT$32,900", "32900", "TWD"),
    ("Revenue reached Rp 12.6 trillion.", "Rp 12.6 trillion", "12600000000000", "IDR"),
    ("Sales in Brazil were R$ 3.2 billion.", "R$ 3.2 billion", "3200000000", "BRL"),
    ("The watch costs Fr. 349 in Zurich.", "Fr. 349", "349", "CHF"),
    ("EBIT was CHF 1.05 billion.", "CHF 1.05 billion", "1050000000", "CHF"),
    ("Profit after tax was ₹1.5 lakh crore.", "₹1.5 lakh crore", "1500000000000", "INR"),
    ("Capex was Rs 1,240 crore in FY24.", "Rs 1,240 crore", "12400000000", "INR"),
    ("Net sales totalled ¥731.5bn.", "¥731.5bn", "731500000000", "JPY"),
    ("Orders reached 3 oku yen.", "3 oku yen", "300000000", "JPY"),
    ("Turnover was RM2.3 billion.", "RM2.3 billion", "2300000000", "MYR"),
    ("Revenue was 12.8 billion baht.", "12.8 billion baht", "12800000000", "THB"),
    ("Revenue rose to ZAR 8.1 billion.", "ZAR 8.1 billion", "8100000000", "ZAR"),
    ("Sales hit 640 million Turkish lira.", "640 million Turkish lira", "640000000", "TRY"),
    ("Revenue was AED 1.9 billion.", "AED 1.9 billion", "1900000000", "AED"),
    ("Net income was NIS 412 million.", "NIS 412 million", "412000000", "ILS"),
    ("Revenue was 2.1 billion Mexican pesos.", "2.1 billion Mexican pesos", "2100000000", "MXN"),
    ("The deal is valued at PLN 1.4bn.", "PLN 1.4bn", "1400000000", "PLN"),
    ("Sales were CZK 9.6 billion.", "CZK 9.6 billion", "9600000000", "CZK"),
    ("It raised S$45 million.", "S$45 million", "45000000", "SGD"),
    ("Revenue was 3.3 trillion dong.", "3.3 trillion dong", "3300000000000", "VND"),
    ("Sales were ₱18.2 billion.", "₱18.2 billion", "18200000000", "PHP"),
    ("Revenue reached SAR 5.5 billion.", "SAR 5.5 billion", "5500000000", "SAR"),
    ("It sold for NZ$1.15 billion.", "NZ$1.15 billion", "1150000000", "NZD"),
    ("Revenue was 12.5 billion Hong Kong dollars.", "12.5 billion Hong Kong dollars", "12500000000", "HKD"),
])
def test_currencies_real_documents_write(grammar, text, written, value, code):
    q = _only(grammar, text, written)
    assert (q.kind, q.unit, q.value) == ("money", code, Decimal(value))


@pytest.mark.parametrize("text", [
    "Tickets cost 450 kr at the door.",            # kr: Swedish, Norwegian, Danish or Icelandic
    "The price is 120 kroner.",
    "The R2 model comes in two colours.",          # R (rand) before a model number
    "Prices start at 990 francs.",                 # francs of which country
])
def test_currencies_a_text_must_name_are_not_guessed(grammar, text):
    assert all(q.kind != "money" for q in grammar.find(text))


# ---------------------------------------------------------------------------------------------- scales

@pytest.mark.parametrize("scale,multiplier", sorted(VOCAB["scales"].items()))
def test_every_scale_glued_and_spaced(grammar, scale, multiplier):
    value = Decimal("3.5") * multiplier
    forms = [f"EUR 3.5{scale}"] if " " not in scale else []
    if len(scale) > 1:
        forms.append(f"EUR 3.5 {scale}")
    for written in forms:
        q = _only(grammar, f"The plan costs {written} over the period.", written)
        assert (q.kind, q.unit, q.value, q.scale) == ("money", "EUR", value, multiplier), written


def test_a_one_letter_scale_is_read_only_glued(grammar):
    q = _only(grammar, "Shipments were 4.2m in the quarter.", "4.2m")
    assert (q.value, q.scale) == (Decimal(4200000), 1000000)
    qs = grammar.find("The track is 4.2 m wide.")
    assert [(q.value, q.scale) for q in qs] == [(Decimal("4.2"), 1)]


@pytest.mark.parametrize("text,written,value", [
    ("Revenue was $3.1B.", "$3.1B", "3100000000"),
    ("Revenue was US$ 780 mn.", "US$ 780 mn", "780000000"),
    ("Sales reached EUR 12,345 mln.", "EUR 12,345 mln", "12345000000"),
    ("Sales were EUR 3.5 mio.", "EUR 3.5 mio", "3500000"),
    ("Revenue was EUR 1.2 Mrd.", "EUR 1.2 Mrd", "1200000000"),
    ("Debt stood at $1.1trn.", "$1.1trn", "1100000000000"),
    ("It was valued at ₹45 lakh.", "₹45 lakh", "4500000"),
    ("Revenue was Rs 320 cr.", "Rs 320 cr", "3200000000"),
    ("The device costs $250k to build.", "$250k", "250000"),
])
def test_scales_real_documents_write(grammar, text, written, value):
    q = _only(grammar, text, written)
    assert q.value == Decimal(value)


def test_a_scaled_number_word_is_not_read_as_its_first_word(grammar):
    """"two million units" is 2,000,000 units or nothing, never 2."""
    for text in ["The brand sold two million units.", "It has five hundred stores.", "Some three billion users."]:
        assert [q for q in grammar.find(text) if q.kind == "count"] == [], text


# ---------------------------------------------------------------------------------------------- markers

@pytest.mark.parametrize("marker", VOCAB["percent_markers"])
def test_every_percent_marker(grammar, marker):
    written = f"12.5{marker}"
    q = _only(grammar, f"Gross margin was {written} in the half.", written)
    assert (q.kind, q.unit, q.value) == ("percent", "percent", Decimal("12.5"))


@pytest.mark.parametrize("marker", VOCAB["point_markers"])
def test_every_percentage_point_marker(grammar, marker):
    written = f"1.5{marker}"
    q = _only(grammar, f"Operating margin widened by {written} on the year.", written)
    assert (q.kind, q.unit, q.value) == ("pp", "pp", Decimal("1.5"))


@pytest.mark.parametrize("marker", VOCAB["basis_point_markers"])
def test_every_basis_point_marker(grammar, marker):
    written = f"150{marker}"
    q = _only(grammar, f"Operating margin widened by {written} on the year.", written)
    assert (q.kind, q.unit, q.value) == ("pp", "pp", Decimal("1.5"))


@pytest.mark.parametrize("marker", VOCAB["multiple_markers"])
def test_every_multiple_marker(grammar, marker):
    written = f"2.5{marker}"
    q = _only(grammar, f"Cloud revenue grew {written} since the launch.", written)
    assert (q.kind, q.unit, q.value) == ("multiple", "x", Decimal("2.5"))


def test_benchmark_points_are_not_percentage_points(grammar):
    q = _only(grammar, "The camera scored 143 points in the test.", "143 points")
    assert (q.kind, q.unit) == ("count", "points")


# ---------------------------------------------------------------------------------------------- counts

@pytest.mark.parametrize("noun,unit", sorted(VOCAB["units"].items()))
def test_every_count_noun(grammar, noun, unit):
    written = f"3,200 {noun}"
    q = _only(grammar, f"By June the group had {written} across the region.", written)
    assert (q.kind, q.unit, q.value) == ("count", unit, Decimal(3200))


@pytest.mark.parametrize("text,written,value,unit", [
    ("Deliveries reached 48,200 vehicles.", "48,200 vehicles", "48200", "units"),
    ("The service has 12.4 million paying users.", "12.4 million paying users", "12400000", "users"),
    ("We now employ 5,600 full-time workers.", "5,600 full-time workers", "5600", "employees"),
    ("The chain runs 1,150 retail stores.", "1,150 retail stores", "1150", "stores"),
    ("There are 600 million smartphone users in the country.", "600 million smartphone users", "600000000", "users"),
    ("It shipped 2.3 million TV sets.", "2.3 million TV sets", "2300000", "units"),
    ("The app passed 40 million downloads.", "40 million downloads", "40000000", "downloads"),
    ("The plant has 35,000 production workers.", "35,000 production workers", "35000", "employees"),
])
def test_count_nouns_real_documents_write(grammar, text, written, value, unit):
    q = _only(grammar, text, written)
    assert (q.kind, q.unit, q.value) == ("count", unit, Decimal(value))


def test_no_count_noun_is_a_name_of_a_measure(grammar):
    """A count noun that also names a measure ("MAU", "paid subscribers") would hide the measure inside the figure:
    the frame engine looks for it after the count noun. So "78.4 million MAU" is the number, and MAU its measure."""
    scheme = yaml.safe_load((ProjectPaths.default().gazetteer / "metrics.yaml").read_text(encoding="utf-8"))
    names = {str(n).casefold() for m in scheme["metrics"] for n in [m["label"], *(m.get("aliases") or [])]}
    assert not {str(u).casefold() for u in VOCAB["units"]} & names
    q = _only(grammar, "The assistant had 78.4 million MAU in June.", "78.4 million")
    assert (q.kind, q.value) == ("number", Decimal(78400000))


@pytest.mark.parametrize("text", [
    "The phone has three cameras and two speakers.",     # parts of a product, not a volume
    "The top five vendors held 80% of the market.",      # a league table's players
    "The five brands together shipped 60% of units.",
])
def test_nouns_that_are_not_volumes_are_not_counted(grammar, text):
    assert [q for q in grammar.find(text) if q.kind == "count"] == []


@pytest.mark.parametrize("word,value", sorted(VOCAB["number_words"].items()))
def test_every_number_word(grammar, word, value):
    text = f"Last year it opened {word} sites abroad."
    q = _only(grammar, text, f"{word} sites")
    assert (q.kind, q.unit, q.value) == ("count", "sites", Decimal(value))


@pytest.mark.parametrize("word,value", sorted(VOCAB["fraction_words"].items()))
def test_every_fraction_word(grammar, word, value):
    q = _only(grammar, f"Services made up {word} of group revenue.", word)
    assert (q.kind, q.unit, q.value) == ("percent", "percent", Decimal(str(value)))


def test_the_vocabulary_has_what_documents_of_many_countries_use():
    """The currencies, scales and markers issue 8 lists are all present."""
    codes = set(VOCAB["currency_prefixes"].values()) | set(VOCAB["currency_suffixes"].values())
    assert {"SEK", "NOK", "DKK", "CHF", "PLN", "CZK", "TWD", "SGD", "MYR", "THB", "IDR", "VND", "PHP", "BRL", "MXN",
            "ZAR", "TRY", "AED", "SAR", "ILS", "NZD"} <= codes
    assert {"kronor", "NT$", "Rp", "R$", "CHF", "Fr."} <= set(VOCAB["currency_prefixes"]) | set(VOCAB["currency_suffixes"])
    assert {"bn", "mn", "mln", "m", "k", "crore", "lakh", "thousand", "million", "trillion", "tn", "oku"} <= \
        set(VOCAB["scales"])
    assert {" per cent", "pct"} <= set(VOCAB["percent_markers"]) and " pts" in VOCAB["point_markers"]
    assert " bps" in VOCAB["basis_point_markers"]
