"""A limited edition's run ("a limited offering of 30,000 units worldwide") is a count on the product's path
(graph/extract/productruns.py): the product, the number of units and the market. Corpus sentence and synthetic
variants (another product, number and market)."""
from decimal import Decimal

import pytest

from marketgraph.graph.extract.pipeline import extract_text
from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.paths import ProjectPaths


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer(ProjectPaths.default().gazetteer)


@pytest.mark.parametrize("text,expected", [
    ("Along with the standard Mi Watch, Mi Watch Special Edition was also announced, with a limited offering of "
     "30,000 units worldwide.", ("mi-watch-special-edition", "number-of-units", "30000", "units", "world")),
    ("Mi Watch Special Edition will be priced at RMB 2999 and has a limited number of 30,000 units worldwide.",
     ("mi-watch-special-edition", "number-of-units", "30000", "units", "world")),
    ("The Mi 10 Ultra Transparent Edition comes in a run of 5,000 units in Italy.",
     ("mi-10-ultra", "number-of-units", "5000", "units", "italy")),
])
def test_a_limited_run_is_a_count_of_the_product(gaz, text, expected):
    out = extract_text(text, gaz, issuer="xiaomi", period="2019-Q3", date="2019-11-27", only=["products"]).facts
    for f in out:
        assert text[f.evidence.start:f.evidence.end] == f.evidence.quote
    got = [(f.subject.key, f.metric, f.value, f.unit, f.market.key if f.market else None) for f in out
           if f.kind == "count"]
    assert got == [expected[:2] + (Decimal(expected[2]),) + expected[3:]]


def test_a_run_of_devices_without_a_product_is_no_product_count(gaz):
    text = "Apart from the plan of marketing over ten 5G devices in 2020, we will do more."
    out = extract_text(text, gaz, issuer="xiaomi", period="2019-Q3", date="2019-11-27", only=["products"]).facts
    assert [f for f in out if f.kind == "count"] == []
